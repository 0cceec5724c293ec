//! The two things the program does to a profile: `check` (everything a
//! build does, the layout and PDF export included, without writing) and
//! `build` (check, generate, compile and write one PDF per edition).

pub mod preflight;
pub mod watch;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::base::assets;
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::edition::{self, EditionSources};
use crate::locale::NumberFormat;
use crate::profile::{self, Profile};
use crate::translate::state::{self, ChapterState};
use crate::typeset::compile;
use crate::typeset::world::{self, EditionWorld, FontLibrary};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub profile_dir: PathBuf,
    /// Languages to build; `None` for every declared language with text.
    pub languages: Option<Vec<String>>,
    pub out_dir: PathBuf,
    /// Also write each edition's Typst sources into this folder.
    pub emit_typst: Option<PathBuf>,
    /// Refuse editions with missing or outdated translations.
    pub strict: bool,
    /// Also write each edition's print version, `<id>-<lang>-print.pdf`:
    /// every page with the theme's bleed (3 mm unless the theme says
    /// otherwise) and, when the theme asks for them, crop marks.
    pub print: bool,
}

/// A written edition.
#[derive(Debug, Clone)]
pub struct BuiltEdition {
    pub lang: String,
    pub path: PathBuf,
    pub pages: usize,
    pub timings: EditionTimings,
    /// In a rebuild: nothing the edition is made of changed, and its PDF is
    /// still the one the last build wrote, so it was left as it is.
    pub unchanged: bool,
}

/// Where the time of one edition went.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditionTimings {
    /// Markdown to Typst, tables and texts of the edition.
    pub markdown: Duration,
    pub charts: Duration,
    /// Typst layout.
    pub compile: Duration,
    pub pdf_export: Duration,
    pub write: Duration,
}

impl EditionTimings {
    pub fn total(&self) -> Duration {
        self.markdown + self.charts + self.compile + self.pdf_export + self.write
    }
}

/// The outcome of a check or build: what was written and every problem.
#[derive(Debug, Default)]
pub struct Report {
    pub editions: Vec<BuiltEdition>,
    pub diagnostics: Diagnostics,
    /// Loading and validating the profile, shared by all editions.
    pub load_time: Duration,
    /// The whole build, from loading to the last PDF written.
    pub total_time: Duration,
    /// For `check`: each language's chapters and their translation state.
    pub translations: Vec<(String, Vec<(String, ChapterState)>)>,
}

impl Report {
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

/// An edition that passed validation, ready to render.
pub struct PreparedEdition {
    pub sources: EditionSources,
    /// The print version of the edition (bleed, crop marks), written as
    /// `<id>-<lang>-print.pdf`.
    pub print: bool,
}

impl PreparedEdition {
    /// The print version of this edition: the same sources, with the
    /// theme's print settings in `edition.json` (`print.bleed_mm`,
    /// `print.crop_marks`), which the template reads.
    ///
    /// Errors: the edition's data cannot be serialised.
    pub fn print_version(&self, profile: &Profile) -> Result<PreparedEdition, Diagnostic> {
        let theme = &profile.meta.value.theme;
        let print = edition::PrintSettings {
            bleed_mm: theme
                .bleed
                .as_ref()
                .map_or(DEFAULT_BLEED_MM, |b| *b.get_ref()),
            crop_marks: theme.crop_marks,
        };
        Ok(PreparedEdition {
            sources: self.sources.print_version(print)?,
            print: true,
        })
    }
}

/// The bleed of a print edition unless the theme sets its own, in
/// millimetres: what print shops ask for on sheet-fed offset.
pub const DEFAULT_BLEED_MM: f64 = 3.0;

/// The name of an edition's PDF without `.pdf`: `dortmund-en`, or
/// `dortmund-en-print` for its print version.
pub fn edition_ident(profile: &Profile, edition: &PreparedEdition) -> String {
    let suffix = if edition.print { "-print" } else { "" };
    format!("{}-{}{suffix}", profile.id(), edition.sources.lang)
}

/// A profile ready to build: its editions' sources and its own resources.
pub type Prepared = (Profile, Vec<PreparedEdition>, ProfileResources);

/// Loads and validates a profile for the given languages (all with text if
/// `None`), generating each edition's sources.
pub fn prepare(
    profile_dir: &Path,
    languages: Option<&[String]>,
    strict: bool,
) -> (Option<Prepared>, Diagnostics) {
    let (profile, diags) = profile::load(profile_dir);
    let Some(profile) = profile else {
        return (None, diags);
    };
    prepare_loaded(profile, diags, languages, strict)
}

/// `prepare` for a profile already loaded (with the problems loading found).
fn prepare_loaded(
    profile: Profile,
    mut diags: Diagnostics,
    languages: Option<&[String]>,
    strict: bool,
) -> (Option<Prepared>, Diagnostics) {
    // Placeholder texts are errors only for the print run (`strict`); the
    // editions are still generated, so that one run reports every problem.
    let mut gaps = Diagnostics::new();
    profile::report_placeholders(&profile, strict, &mut gaps);
    let resources = match ProfileResources::load(&profile) {
        Ok(resources) => resources,
        Err(problems) => {
            diags.extend(problems);
            ProfileResources::default()
        }
    };
    let declared = profile.declared_languages();
    let languages: Vec<String> = match languages {
        Some(requested) => {
            for lang in requested {
                if !declared.contains(lang) {
                    diags.push(Diagnostic::error(
                        &profile.meta.file.path,
                        None,
                        format!("`{lang}` is not one of the profile's languages ({}): add it to `languages`", declared.join(", ")),
                    ));
                }
            }
            requested.to_vec()
        }
        None => {
            let with_text = profile.languages_with_text();
            if with_text.is_empty() {
                diags.push(Diagnostic::error(
                    &profile.dir.join("text"),
                    None,
                    format!(
                        "no declared language has text: create text/<lang>/ for one of {}",
                        declared.join(", ")
                    ),
                ));
            }
            declared.clone()
        }
    };
    if diags.has_errors() {
        diags.extend(gaps);
        return (None, diags);
    }
    diags.extend(gaps);
    // Every character the editions print has a font, or is an error at its
    // place (instead of the PDF/A export failing without one).
    let fonts = resources
        .fonts
        .as_deref()
        .unwrap_or_else(|| world::builtin_fonts());
    diags.extend(preflight::check_profile(&profile, &languages, fonts));
    diags.extend(check_raster_images(&profile));
    let mut editions = Vec::new();
    for lang in &languages {
        let numbers = match NumberFormat::new(lang, profile.digits(lang)) {
            Ok(numbers) => numbers,
            Err(message) => {
                diags.push(Diagnostic::error(
                    &profile.meta.file.path,
                    None,
                    format!("language `{lang}`: {message}"),
                ));
                continue;
            }
        };
        let strings = match crate::profile::strings::load_strings(&profile.dir, lang) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let numbers = numbers.with_words(strings.unit_words());
        match edition::generate(&profile, lang, &numbers, &strings, strict) {
            Ok((sources, warnings)) => {
                diags.extend(warnings);
                editions.push(PreparedEdition {
                    sources,
                    print: false,
                });
            }
            Err(errors) => diags.extend(errors),
        }
    }
    if diags.has_errors() {
        return (None, diags);
    }
    (Some((profile, editions, resources)), diags)
}

/// Does everything a build would, the layout and PDF export of every
/// edition included, but writes nothing; reports every problem and the
/// translation state of every chapter of every declared language.
pub fn check(profile_dir: &Path, languages: Option<&[String]>, strict: bool) -> Report {
    let (profile, diagnostics) = profile::load(profile_dir);
    let Some(profile) = profile else {
        return Report {
            diagnostics,
            ..Report::default()
        };
    };
    let mut translations = Vec::new();
    let mut translation_problems = Vec::new();
    for lang in profile.declared_languages() {
        let mut states = Vec::new();
        for (chapter, state) in state::language_report(&profile, &lang) {
            match state {
                Ok(state) => states.push((chapter, state)),
                Err(d) => translation_problems.push(d),
            }
        }
        translations.push((lang, states));
    }
    let (mut prepared, mut diagnostics) = prepare_loaded(profile, diagnostics, languages, strict);
    if prepared.is_none() && strict {
        // What only the print run refuses (a missing translation, a to-do)
        // does not keep the editions from being laid out: they are laid out
        // as a normal build would, so that the layout's problems are
        // reported in the same run.
        if let (Some(profile), _) = profile::load(profile_dir) {
            prepared = prepare_loaded(profile, Diagnostics::new(), languages, false).0;
        }
    }
    if let Some((profile, editions, resources)) = prepared {
        // The same layout and PDF export as `build` (the PDF/A and PDF/UA
        // checks are part of the export), in memory: whatever `build` would
        // refuse, `check` refuses too, with the same messages.
        let worlds: Vec<_> = editions
            .iter()
            .map(|edition| {
                let mut world = world_for(&profile, edition);
                resources.apply(&mut world);
                (String::new(), 0, edition, world)
            })
            .collect();
        for (_, problems) in render_editions(Output::Discard, &profile, &worlds) {
            diagnostics.extend(problems);
        }
    }
    diagnostics.extend(translation_problems);
    Report {
        editions: Vec::new(),
        diagnostics,
        translations,
        ..Report::default()
    }
}

/// The world of a prepared edition.
pub fn world_for(profile: &Profile, edition: &PreparedEdition) -> EditionWorld {
    let mut world = EditionWorld::with_files(
        &edition.sources.main,
        &edition.sources.data,
        &edition.sources.files,
        &profile.dir,
        document_date(profile),
    );
    world.set_source_map(edition.sources.source_map.clone());
    world.set_image_origins(image_origins(profile));
    world
}

/// Where the profile names each image (figures, cover, logos).
pub fn image_origins(profile: &Profile) -> Vec<world::ImageOrigin> {
    let origin = |file: &crate::base::source::SourceFile, image: &toml::Spanned<String>| {
        world::ImageOrigin {
            image: profile.dir.join(image.get_ref()),
            file: file.path.clone(),
            position: file.position(image.span().start),
        }
    };
    let meta = &profile.meta.value;
    let named = meta
        .cover
        .iter()
        .map(|c| &c.image)
        .chain(meta.partners.iter().filter_map(|p| p.logo.as_ref()))
        .chain(meta.funders.iter().filter_map(|f| f.logo.as_ref()));
    let mut origins: Vec<world::ImageOrigin> = named
        .map(|image| origin(&profile.meta.file, image))
        .collect();
    for figure in profile.figures.values() {
        if let Some(image) = &figure.value.image {
            origins.push(origin(&figure.file, image));
        }
    }
    origins
}

/// Decodes every raster image the profile names with Typst's own decoder
/// (the one the layout uses, whose results it then reuses), so that a
/// damaged PNG or JPEG is an error at the line that names it rather than a
/// layout error inside the template.
fn check_raster_images(profile: &Profile) -> Vec<Diagnostic> {
    use typst::visualize::{ExchangeFormat, RasterImage};
    let mut problems = Vec::new();
    for origin in image_origins(profile) {
        let extension = origin
            .image
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let format = match extension.as_deref() {
            Some("png") => ExchangeFormat::Png,
            Some("jpg" | "jpeg") => ExchangeFormat::Jpg,
            _ => continue,
        };
        // Unreadable files are reported when the profile is loaded.
        let Ok(bytes) = fs::read(&origin.image) else {
            continue;
        };
        if let Err(message) = RasterImage::plain(typst::foundations::Bytes::new(bytes), format) {
            problems.push(Diagnostic::error(
                &origin.file,
                Some(origin.position),
                format!(
                    "the image {} cannot be decoded: {message}",
                    origin.image.display()
                ),
            ));
        }
    }
    problems
}

/// What a profile adds to the built-in templates and fonts: its own fonts
/// (`<profile>/fonts/`) and its own template files (`<profile>/template/`:
/// `profile.typ`, `components/*.typ`), each replacing the built-in file at
/// the same path.
#[derive(Default)]
pub struct ProfileResources {
    fonts: Option<Arc<FontLibrary>>,
    template: Vec<world::OwnTemplateFile>,
}

/// The Typst files under `dir` and its sub-folders, sorted (none when the
/// folder does not exist).
fn typst_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "typ") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Font files a profile may add.
pub const FONT_EXTENSIONS: &[&str] = &["ttf", "otf", "ttc", "otc"];

impl ProfileResources {
    /// Reads the profile's fonts and template, and checks that the font its
    /// theme names exists.
    pub fn load(profile: &Profile) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut extra = Vec::new();
        let font_dir = profile.dir.join("fonts");
        let mut font_files: Vec<PathBuf> = fs::read_dir(&font_dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                            FONT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        font_files.sort();
        for path in font_files {
            match fs::read(&path) {
                Ok(bytes) => extra.push((path, typst::foundations::Bytes::new(bytes))),
                Err(e) => problems.push(Diagnostic::error(
                    &path,
                    None,
                    format!("cannot read this font: {e}"),
                )),
            }
        }
        let fonts = (!extra.is_empty()).then(|| {
            let (library, unreadable) = FontLibrary::with_profile_fonts(extra);
            for path in unreadable {
                problems.push(Diagnostic::error(
                    &path,
                    None,
                    "not a font Typst can read (TrueType or OpenType)",
                ));
            }
            Arc::new(library)
        });
        if let Some(family) = &profile.meta.value.theme.font {
            let library = fonts.as_deref().unwrap_or_else(|| world::builtin_fonts());
            if !library.has_family(family.get_ref()) {
                problems.push(profile.meta.file.error(
                    family.span().start,
                    format!(
                        "there is no font family `{}`: put its font files into {} (available: {})",
                        family.get_ref(),
                        font_dir.display(),
                        library.families().join(", ")
                    ),
                ));
            }
        }
        let mut template = Vec::new();
        let template_dir = profile.dir.join("template");
        for path in typst_files_under(&template_dir) {
            let Ok(relative) = path.strip_prefix(&template_dir) else {
                continue;
            };
            let relative: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            match crate::base::io::read_text(&path) {
                Ok(text) => template.push(world::OwnTemplateFile {
                    relative: relative.join("/"),
                    path,
                    text,
                }),
                Err(d) => problems.push(d),
            }
        }
        if problems.is_empty() {
            Ok(ProfileResources { fonts, template })
        } else {
            Err(problems)
        }
    }

    /// Gives a world the profile's fonts and template.
    pub fn apply(&self, world: &mut EditionWorld) {
        world.set_fonts(self.fonts.clone());
        world.set_template(&self.template);
    }
}

/// The profile's date (validated when loading) as year, month, day.
fn document_date(profile: &Profile) -> (u16, u8, u8) {
    profile
        .date()
        .map_or((1970, 1, 1), |d| (d.year, d.month, d.day))
}

/// Typst worlds kept from one build to the next (by edition), so that a
/// rebuild in `watch` reparses and lays out again only what changed, and
/// skips an edition that nothing changed at all.
#[derive(Default)]
pub struct WarmWorlds {
    worlds: HashMap<String, EditionWorld>,
    last_builds: HashMap<String, LastBuild>,
}

/// What the last successful build of an edition was made of and wrote.
struct LastBuild {
    /// Hash of the generated sources, template, fonts and date.
    inputs: u64,
    /// The profile files (images) the compile read, with their contents.
    files_read: Vec<world::ProfileFileRead>,
    built: BuiltEdition,
    written: OutputStamp,
}

impl LastBuild {
    /// Whether building again would give the same PDF as the one in place.
    fn still_current(&self, inputs: u64) -> bool {
        self.inputs == inputs
            && OutputStamp::of(&self.built.path).as_ref() == Some(&self.written)
            && self
                .files_read
                .iter()
                .all(|file| fs::read(&file.path).is_ok_and(|now| now == file.bytes.as_slice()))
    }
}

/// Size and modification time of a written PDF: whether it is still ours.
#[derive(PartialEq, Eq)]
struct OutputStamp {
    len: u64,
    modified: std::time::SystemTime,
}

impl OutputStamp {
    fn of(path: &Path) -> Option<Self> {
        let metadata = fs::metadata(path).ok()?;
        Some(OutputStamp {
            len: metadata.len(),
            modified: metadata.modified().ok()?,
        })
    }
}

/// Hash of everything an edition's PDF is made of (the profile's own fonts
/// by their contents), but the profile files its compile reads (those are
/// compared one by one).
fn edition_inputs(
    edition: &PreparedEdition,
    resources: &ProfileResources,
    date: (u16, u8, u8),
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let sources = &edition.sources;
    (&sources.lang, &sources.main, &sources.data, &sources.files).hash(&mut hasher);
    resources.template.hash(&mut hasher);
    resources
        .fonts
        .as_ref()
        .map(|fonts| fonts.added_files())
        .hash(&mut hasher);
    date.hash(&mut hasher);
    hasher.finish()
}

/// Builds the editions: nothing is written unless the whole profile is valid,
/// and an edition's PDF is replaced only when that edition compiled. The
/// profile is loaded and validated once; the editions are then laid out in
/// parallel on rayon's pool, sharing the fonts and the Typst library.
pub fn build(options: &BuildOptions) -> Report {
    build_warm(options, &mut WarmWorlds::default())
}

/// `build`, reusing (and then keeping) the Typst worlds of earlier builds.
pub fn build_warm(options: &BuildOptions, warm: &mut WarmWorlds) -> Report {
    let started = Instant::now();
    let (prepared, mut diagnostics) = prepare(
        &options.profile_dir,
        options.languages.as_deref(),
        options.strict,
    );
    let prepare_time = started.elapsed();
    let Some((profile, mut editions, resources)) = prepared else {
        return Report {
            diagnostics,
            load_time: prepare_time,
            total_time: started.elapsed(),
            ..Report::default()
        };
    };
    let generate_time: Duration = editions
        .iter()
        .map(|e| e.sources.text_time + e.sources.chart_time)
        .sum();
    if options.print {
        let print: Result<Vec<PreparedEdition>, Diagnostic> =
            editions.iter().map(|e| e.print_version(&profile)).collect();
        match print {
            Ok(print) => editions.extend(print),
            Err(d) => diagnostics.push(d),
        }
    }
    let date = document_date(&profile);
    let mut unchanged = Vec::new();
    let mut to_render = Vec::new();
    for edition in &editions {
        let key = edition_ident(&profile, edition);
        let inputs = edition_inputs(edition, &resources, date);
        let last = warm.last_builds.remove(&key);
        if let Some(last) = last.filter(|l| options.emit_typst.is_none() && l.still_current(inputs))
        {
            let mut built = last.built.clone();
            built.unchanged = true;
            built.timings = EditionTimings::default();
            unchanged.push(built);
            warm.last_builds.insert(key, last);
            continue;
        }
        let world = match warm.worlds.remove(&key) {
            Some(mut world) => {
                let s = &edition.sources;
                world.update(&s.main, &s.data, &s.files, date);
                world.set_source_map(s.source_map.clone());
                world.set_image_origins(image_origins(&profile));
                resources.apply(&mut world);
                world
            }
            None => {
                let mut world = world_for(&profile, edition);
                resources.apply(&mut world);
                world
            }
        };
        to_render.push((key, inputs, edition, world));
    }
    let outcomes = render_editions(Output::Write(options), &profile, &to_render);
    let mut built = unchanged;
    for ((key, inputs, _, world), (edition, problems)) in to_render.into_iter().zip(outcomes) {
        diagnostics.extend(problems);
        if let Some(edition) = edition {
            if let Some(written) = OutputStamp::of(&edition.path) {
                let last = LastBuild {
                    inputs,
                    files_read: world.profile_files_read(),
                    built: edition.clone(),
                    written,
                };
                warm.last_builds.insert(key.clone(), last);
            }
            built.push(edition);
        }
        warm.worlds.insert(key, world);
    }
    let order = |lang: &str| editions.iter().position(|e| e.sources.lang == lang);
    built.sort_by_key(|e| {
        (
            order(&e.lang),
            e.path.to_string_lossy().ends_with("-print.pdf"),
        )
    });
    Report {
        editions: built,
        diagnostics,
        load_time: prepare_time.saturating_sub(generate_time),
        total_time: started.elapsed(),
        translations: Vec::new(),
    }
}

/// What becomes of a laid-out and exported edition.
#[derive(Clone, Copy)]
enum Output<'a> {
    /// `build`: its PDF is written (and its sources, with `--emit-typst`).
    Write(&'a BuildOptions),
    /// `check`: the PDF is made in memory, so that every problem the export
    /// finds is reported, then dropped; nothing is written.
    Discard,
}

/// Lays out the editions in parallel on rayon's thread pool, the one Typst
/// itself uses inside each layout: editions and their pages share the cores
/// by work stealing instead of competing threads. Outcomes come back in
/// edition order.
fn render_editions(
    output: Output,
    profile: &Profile,
    editions: &[(String, u64, &PreparedEdition, EditionWorld)],
) -> Vec<(Option<BuiltEdition>, Vec<Diagnostic>)> {
    use rayon::prelude::*;
    editions
        .par_iter()
        .map(|(_, _, edition, world)| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                render_edition(output, profile, edition, world)
            }))
            .unwrap_or_else(|_| {
                (
                    None,
                    vec![Diagnostic::general(format!(
                        "the {} edition's compilation stopped unexpectedly (Typst panicked)",
                        edition.sources.lang
                    ))],
                )
            })
        })
        .collect()
}

/// Lays out one edition, exports its PDF and writes it (with
/// `Output::Write`; `check` gets no edition back, only the problems).
fn render_edition(
    output: Output,
    profile: &Profile,
    edition: &PreparedEdition,
    world: &EditionWorld,
) -> (Option<BuiltEdition>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let lang = &edition.sources.lang;
    let mut timings = EditionTimings {
        markdown: edition.sources.text_time,
        charts: edition.sources.chart_time,
        ..EditionTimings::default()
    };
    let emit_dir = match output {
        Output::Write(options) => options.emit_typst.as_ref(),
        Output::Discard => None,
    };
    if let Some(dir) = emit_dir {
        if let Err(d) = emit_typst(dir, profile, edition, world) {
            problems.push(d);
            return (None, problems);
        }
    }
    let clock = Instant::now();
    let compiled = compile::compile(world);
    if let Some(dir) = emit_dir {
        if let Err(d) = emit_profile_files(dir, profile, edition, world) {
            problems.push(d);
        }
    }
    let document = match compiled {
        Ok((document, warnings)) => {
            problems.extend(warnings);
            document
        }
        Err(errors) => {
            problems.extend(errors);
            return (None, problems);
        }
    };
    timings.compile = clock.elapsed();
    let clock = Instant::now();
    let ident = edition_ident(profile, edition);
    let pdf = match compile::export_pdf(world, &document, &ident) {
        Ok(pdf) => pdf,
        Err(errors) => {
            problems.extend(errors);
            return (None, problems);
        }
    };
    timings.pdf_export = clock.elapsed();
    let Output::Write(options) = output else {
        return (None, problems);
    };
    let clock = Instant::now();
    let path = options.out_dir.join(format!("{ident}.pdf"));
    if let Err(d) = crate::base::io::write_atomically(&path, &pdf) {
        problems.push(d);
        return (None, problems);
    }
    timings.write = clock.elapsed();
    let built = BuiltEdition {
        lang: lang.clone(),
        path,
        pages: document.pages().len(),
        timings,
        unchanged: false,
    };
    (Some(built), problems)
}

/// Writes an edition's Typst sources, templates and fonts into
/// `<dir>/<id>-<lang>/`, openable in any Typst editor (`typst compile
/// main.typ --root . --font-path fonts --ignore-system-fonts`).
fn emit_typst(
    dir: &Path,
    profile: &Profile,
    edition: &PreparedEdition,
    world: &EditionWorld,
) -> Result<(), Diagnostic> {
    let root = emit_root(dir, profile, edition);
    let write = |relative: &str, bytes: &[u8]| {
        crate::base::io::write_atomically(&root.join(relative), bytes)
    };
    write("main.typ", edition.sources.main.as_bytes())?;
    write("edition.json", edition.sources.data.as_bytes())?;
    for (path, bytes) in &edition.sources.files {
        write(path, bytes)?;
    }
    for (name, bytes) in assets::template_files() {
        if !name.ends_with(".typ") {
            write(&format!("template/{name}"), bytes)?;
        }
    }
    // The template files the edition used: the profile's own where it has
    // them, the built-in ones elsewhere.
    for (name, text) in world.template_sources() {
        write(&format!("template/{name}"), text.as_bytes())?;
    }
    for (name, bytes) in assets::FONTS {
        write(&format!("fonts/{name}"), bytes)?;
    }
    for (index, data) in world.profile_font_data().iter().enumerate() {
        write(
            &format!("fonts/profile-font-{}.ttf", index + 1),
            data.as_slice(),
        )?;
    }
    Ok(())
}

fn emit_root(dir: &Path, profile: &Profile, edition: &PreparedEdition) -> PathBuf {
    dir.join(edition_ident(profile, edition))
}

/// After a compile: the profile files the edition read (images), beside its
/// emitted sources, so that the folder compiles on its own.
fn emit_profile_files(
    dir: &Path,
    profile: &Profile,
    edition: &PreparedEdition,
    world: &EditionWorld,
) -> Result<(), Diagnostic> {
    let root = emit_root(dir, profile, edition);
    for file in world.profile_files_read() {
        crate::base::io::write_atomically(&root.join(&file.document_path), file.bytes.as_slice())?;
    }
    Ok(())
}
