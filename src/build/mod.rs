//! The two things the program does to a profile: `check` (everything a
//! build does, the layout and PDF export included, without writing) and
//! `build` (check, generate, compile and write one PDF per edition).

mod cache;
mod editions;
mod emit;
pub mod preflight;
mod project;
mod records;
mod resources;
pub mod update;
pub mod watch;

#[cfg(test)]
mod tests;

pub use cache::WarmWorlds;
pub use project::Project;
pub use records::{changes_path, record_path, records, ChangeReport, EditionState};
pub use resources::{image_origins, ProfileResources, FONT_EXTENSIONS};

use crate::base::lang::LanguageCode;
use cache::{edition_inputs, LastBuild, OutputStamp};
use editions::{render_editions, Caches, Output};
use preflight::check_raster_images;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::edition::{self, EditionSources};
use crate::locale::NumberFormat;
use crate::profile::{self, Profile};
use crate::translate::state::{self, ChapterState};
use crate::typeset::world::{self, EditionWorld};

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
    /// Count each edition's Typst layout passes ([`EditionTimings::passes`]);
    /// the editions are then laid out one at a time.
    pub count_passes: bool,
}

/// A written edition.
#[derive(Debug, Clone)]
pub struct BuiltEdition {
    pub lang: String,
    /// The print edition (with bleed and crop marks), not the screen one.
    pub print: bool,
    pub path: PathBuf,
    pub pages: usize,
    pub timings: EditionTimings,
    /// In a rebuild: nothing the edition is made of changed, and its PDF is
    /// still the one the last build wrote, so it was left as it is.
    pub unchanged: bool,
    /// The pages of the PDF (first, last; 1-based) each chapter runs over,
    /// by its name in profile.toml (and `contents`, `imprint`).
    pub part_pages: std::collections::BTreeMap<String, (usize, usize)>,
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
    /// How many times Typst laid the document out before it settled, when
    /// counted ([`BuildOptions::count_passes`]).
    pub passes: Option<usize>,
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
    pub translations: Vec<(LanguageCode, Vec<(String, ChapterState)>)>,
    /// For `build`: what the editions written print differently from the
    /// records of the build before.
    pub changes: ChangeReport,
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
    /// `print.crop_marks`, `print.page_multiple`), which the template reads.
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
            page_multiple: theme.page_multiple.as_ref().map_or(1, |m| *m.get_ref()),
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
pub type Prepared = (Vec<PreparedEdition>, ProfileResources);

/// Validates a loaded profile for the given languages (all with text if
/// `None`) and generates each edition's sources; `diags` holds what loading
/// found, and comes back with what preparing found. The gaps the final
/// print run refuses are warnings here (`--strict` turns them into errors
/// afterwards, [`Diagnostics::refuse_print_run_gaps`]), so the editions are
/// prepared whatever the run.
fn prepare(
    profile: &Profile,
    mut diags: Diagnostics,
    languages: Option<&[String]>,
) -> (Option<Prepared>, Diagnostics) {
    let mut gaps = Diagnostics::new();
    profile::report_placeholders(profile, &mut gaps);
    let resources = match ProfileResources::load(profile) {
        Ok(mut resources) => {
            diags.extend(std::mem::take(&mut resources.warnings));
            resources
        }
        Err(problems) => {
            diags.extend(problems);
            ProfileResources::default()
        }
    };
    let declared = profile.declared_languages();
    let languages: Vec<LanguageCode> = match languages {
        Some(requested) => requested
            .iter()
            .filter_map(|lang| {
                let known = declared.iter().find(|d| *d == lang).cloned();
                if known.is_none() {
                    diags.push(Diagnostic::error(
                        &profile.meta.file.path,
                        None,
                        format!("`{lang}` is not one of the profile's languages ({}): add it to `languages`", declared.join(", ")),
                    ));
                }
                known
            })
            .collect(),
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
    // place (instead of the PDF/A export failing without one). An error in a
    // file that only some editions read (their chapters, their strings)
    // keeps just those editions from being written.
    let fonts = resources
        .fonts
        .as_deref()
        .unwrap_or_else(|| world::builtin_fonts());
    let own_files: Vec<HashSet<PathBuf>> = languages
        .iter()
        .map(|lang| edition_files(profile, lang))
        .collect();
    let mut failed = vec![false; languages.len()];
    let mut checks = preflight::check_profile(profile, &languages, fonts);
    checks.extend(check_raster_images(profile));
    // Numbers typed by hand that equal a value of the data.
    checks.extend(edition::stale_numbers::check(profile, &languages));
    for problem in checks {
        if problem.is_error() {
            let file = problem.file.as_deref();
            let readers: Vec<usize> = (0..languages.len())
                .filter(|i| file.is_some_and(|f| own_files[*i].contains(f)))
                .collect();
            if readers.is_empty() {
                // A file every edition reads (profile.toml, a table, an
                // image): no edition can be written.
                failed.iter_mut().for_each(|f| *f = true);
            }
            for i in readers {
                failed[i] = true;
            }
        }
        diags.push(problem);
    }
    let mut editions = Vec::new();
    for (lang, failed) in languages.iter().zip(failed) {
        let mut own = Diagnostics::new();
        if let Some(edition) = prepare_edition(profile, lang, &mut own) {
            if !failed && !own.has_errors() {
                editions.push(edition);
            }
        }
        diags.extend(own);
    }
    if editions.is_empty() && diags.has_errors() {
        return (None, diags);
    }
    (Some((editions, resources)), diags)
}

/// The files of the profile that only the `lang` edition and editions
/// sharing its texts read: the chapters it prints (a translation, or the
/// source language's text it falls back to) and its strings file.
fn edition_files(profile: &Profile, lang: &LanguageCode) -> HashSet<PathBuf> {
    let chapter_lang = profile.chapter_language(lang);
    let mut files: HashSet<PathBuf> = profile
        .meta
        .value
        .chapters
        .iter()
        .filter_map(|chapter| {
            // The edition reports its own gaps when it is generated.
            let mut gaps = Diagnostics::new();
            edition::chapters::select(profile, &chapter_lang, chapter.file.get_ref(), &mut gaps)
                .map(|text| text.file.path.clone())
        })
        .collect();
    files.insert(profile.dir.join("strings").join(format!("{lang}.toml")));
    files
}

/// Generates one edition's sources; its problems go into `diags` (the
/// edition is `None` when one of them is an error that stops it).
fn prepare_edition(
    profile: &Profile,
    lang: &LanguageCode,
    diags: &mut Diagnostics,
) -> Option<PreparedEdition> {
    let numbers = match NumberFormat::new(lang, profile.digits(lang)) {
        Ok(numbers) => numbers,
        Err(message) => {
            diags.push(Diagnostic::error(
                &profile.meta.file.path,
                None,
                format!("language `{lang}`: {message}"),
            ));
            return None;
        }
    };
    let strings = match crate::profile::strings::load_strings(&profile.sources, &profile.dir, lang)
    {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let numbers = numbers.with_words(strings.unit_words());
    match edition::generate(profile, lang, &numbers, &strings) {
        Ok((sources, warnings)) => {
            diags.extend(warnings);
            Some(PreparedEdition {
                sources,
                print: false,
            })
        }
        Err(errors) => {
            diags.extend(errors);
            None
        }
    }
}

/// Does everything a build would, the layout and PDF export of every
/// edition included, but writes nothing; reports every problem and the
/// translation state of every chapter of every declared language.
pub fn check(project: &Project, languages: Option<&[String]>, strict: bool) -> Report {
    let Some(profile) = &project.profile else {
        return Report {
            diagnostics: project.diagnostics.clone(),
            ..Report::default()
        };
    };
    let mut translations = Vec::new();
    let mut translation_problems = Vec::new();
    for lang in profile.declared_languages() {
        let mut states = Vec::new();
        let chapter_lang = profile.chapter_language(&lang);
        for (chapter, state) in state::language_report(profile, &chapter_lang) {
            match state {
                Ok(state) => states.push((chapter, state)),
                Err(d) => translation_problems.push(d),
            }
        }
        translations.push((lang, states));
    }
    // What only the print run refuses (a missing translation, a to-do)
    // does not keep the editions from being laid out: they are laid out as
    // a normal build would, so that the layout's problems are reported in
    // the same run, and `--strict` then refuses the gaps.
    let (prepared, mut diagnostics) = prepare(profile, project.diagnostics.clone(), languages);
    if let Some((editions, resources)) = prepared {
        // The same layout and PDF export as `build` (the PDF/A and PDF/UA
        // checks are part of the export), in memory: whatever `build` would
        // refuse, `check` refuses too, with the same messages.
        let worlds: Vec<_> = editions
            .iter()
            .map(|edition| {
                let mut world = world_for(profile, edition);
                resources.apply(&mut world);
                (String::new(), 0, edition, world)
            })
            .collect();
        for (_, problems) in render_editions(Output::Discard, Caches::Free, profile, &worlds) {
            diagnostics.extend(problems);
        }
    }
    if strict {
        diagnostics.refuse_print_run_gaps();
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
    world.set_sources(profile.sources.clone());
    world
}

/// The profile's date (validated when loading) as year, month, day.
fn document_date(profile: &Profile) -> (u16, u8, u8) {
    profile
        .date()
        .map_or((1970, 1, 1), |d| (d.year, d.month, d.day))
}

/// Builds the editions: nothing is written when a file every edition reads
/// has an error (or, with `--strict`, when anything is wrong); an edition
/// with an error of its own is left out, and an edition's PDF is replaced
/// only when that edition compiled. The
/// profile is loaded and validated once; the editions are then laid out in
/// parallel on rayon's pool, sharing the fonts and the Typst library.
/// Typst's caches are dropped after each group of editions laid out
/// together (see [`editions::Caches::Free`]).
pub fn build(project: &Project, options: &BuildOptions) -> Report {
    build_with(project, options, &mut WarmWorlds::default(), Caches::Free)
}

/// `build`, reusing (and then keeping) the Typst worlds of earlier builds,
/// and Typst's caches with them.
pub fn build_warm(project: &Project, options: &BuildOptions, warm: &mut WarmWorlds) -> Report {
    build_with(project, options, warm, Caches::Keep)
}

fn build_with(
    project: &Project,
    options: &BuildOptions,
    warm: &mut WarmWorlds,
    caches: Caches,
) -> Report {
    let started = Instant::now();
    let Some(profile) = &project.profile else {
        return Report {
            diagnostics: project.diagnostics.clone(),
            load_time: project.load_time,
            total_time: project.load_time + started.elapsed(),
            ..Report::default()
        };
    };
    let (prepared, mut diagnostics) = prepare(
        profile,
        project.diagnostics.clone(),
        options.languages.as_deref(),
    );
    if options.strict {
        diagnostics.refuse_print_run_gaps();
    }
    // An edition with an error of its own is left out (its last PDF stays);
    // nothing is written when `--strict` finds any problem.
    let prepared = prepared.filter(|_| !(options.strict && diagnostics.has_errors()));
    let prepare_time = project.load_time + started.elapsed();
    let Some((mut editions, resources)) = prepared else {
        return Report {
            diagnostics,
            load_time: prepare_time,
            total_time: project.load_time + started.elapsed(),
            ..Report::default()
        };
    };
    let generate_time: Duration = editions
        .iter()
        .map(|e| e.sources.text_time + e.sources.chart_time)
        .sum();
    if options.print {
        let print: Result<Vec<PreparedEdition>, Diagnostic> =
            editions.iter().map(|e| e.print_version(profile)).collect();
        match print {
            Ok(print) => editions.extend(print),
            Err(d) => diagnostics.push(d),
        }
    }
    let date = document_date(profile);
    let mut unchanged = Vec::new();
    let mut to_render = Vec::new();
    for edition in &editions {
        let key = edition_ident(profile, edition);
        let inputs = edition_inputs(edition, &resources, date);
        let last = warm.last_builds.remove(&key);
        if let Some(last) = last
            .filter(|l| options.emit_typst.is_none() && l.still_current(inputs, &profile.sources))
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
                world.set_image_origins(image_origins(profile));
                world.set_sources(profile.sources.clone());
                resources.apply(&mut world);
                world
            }
            None => {
                let mut world = world_for(profile, edition);
                resources.apply(&mut world);
                world
            }
        };
        to_render.push((key, inputs, edition, world));
    }
    let outcomes = render_editions(Output::Write(options), caches, profile, &to_render);
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
    // The records of the editions written now (not those left unchanged).
    let written: Vec<(&PreparedEdition, &BuiltEdition)> = editions
        .iter()
        .filter(|e| !e.print)
        .filter_map(|e| {
            let built = built
                .iter()
                .find(|b| !b.unchanged && b.lang == e.sources.lang)?;
            Some((e, built))
        })
        .collect();
    let changes = records::write_records(profile, &options.out_dir, &written, &mut diagnostics);
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
        total_time: project.load_time + started.elapsed(),
        translations: Vec::new(),
        changes,
    }
}
