//! What a profile adds to the built-in template and fonts (its own
//! `fonts/` and `template/` files), and where it names its images.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::base::diag::Diagnostic;
use crate::base::source::Sources;
use crate::profile::{FigureContent, MissingFaces, Profile};
use crate::typeset::world::{self, EditionWorld, FontLibrary};

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
        if let FigureContent::Image(image) = &figure.value.content {
            origins.push(origin(&figure.file, image));
        }
    }
    origins
}

/// What a profile adds to the built-in templates and fonts: its own fonts
/// (`<profile>/fonts/`) and its own template files (`<profile>/template/`:
/// `profile.typ`, `components/*.typ`), each replacing the built-in file at
/// the same path.
#[derive(Default)]
pub struct ProfileResources {
    pub(super) fonts: Option<Arc<FontLibrary>>,
    pub(super) template: Vec<world::OwnTemplateFile>,
    /// What the profile's fonts lack (a theme family without bold or
    /// italic faces), for the build's messages.
    pub(super) warnings: Vec<Diagnostic>,
}

/// The Typst files under `dir` and its sub-folders, sorted (none when the
/// folder does not exist).
fn typst_files_under(sources: &Sources, dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = sources.read_dir(&folder) else {
            continue;
        };
        for path in entries {
            if sources.is_dir(&path) {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "typ") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Names in a sentence: `bold`, `bold or italic`, `bold, italic or bold
/// italic`.
fn listed(names: &[&str], conjunction: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

/// Font files a profile may add.
pub const FONT_EXTENSIONS: &[&str] = &["ttf", "otf", "ttc", "otc"];

impl ProfileResources {
    /// Reads the profile's fonts and template, and checks that the font its
    /// theme names exists.
    pub fn load(profile: &Profile) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let mut extra = Vec::new();
        let font_dir = profile.dir.join("fonts");
        let mut font_files: Vec<PathBuf> = profile
            .sources
            .read_dir(&font_dir)
            .map(|entries| {
                entries
                    .into_iter()
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
            match profile.sources.read(&path) {
                Ok(bytes) => extra.push((path, bytes)),
                Err(e) => problems.push(Diagnostic::error(
                    &path,
                    None,
                    format!("cannot read this font: {e}"),
                )),
            }
        }
        let theme_font = profile.meta.value.theme.font.as_ref();
        for (path, bytes) in &extra {
            let Some(damaged) = crate::typeset::font_check::damaged_face(bytes) else {
                continue;
            };
            let file = crate::base::diag::shown_path(path).display();
            let names_it =
                theme_font.filter(|f| f.get_ref().to_lowercase() == damaged.family.to_lowercase());
            problems.push(match names_it {
                Some(font) => profile.meta.file.error(
                    font.span().start,
                    format!(
                        "the font `{}` cannot be embedded in a PDF: its file {file} is damaged ({}); replace the file with an intact copy of the font",
                        font.get_ref(),
                        damaged.reason
                    ),
                ),
                None => Diagnostic::error(
                    path,
                    None,
                    format!(
                        "this font file (family `{}`) is damaged ({}) and cannot be embedded in a PDF: replace it with an intact copy of the font, or remove it",
                        damaged.family, damaged.reason
                    ),
                ),
            });
        }
        let mut fonts = (!extra.is_empty()).then(|| {
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
        let theme = &profile.meta.value.theme;
        if let Some(family) = &theme.font {
            let library = fonts.as_deref().unwrap_or_else(|| world::builtin_fonts());
            let missing = library.missing_faces(family.get_ref());
            if !library.has_family(family.get_ref()) {
                // A font file that cannot be read has already been named:
                // the family it holds is not missing a second time.
                if problems.is_empty() {
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
            } else if !missing.is_empty() && theme.missing_faces == MissingFaces::BuiltIn {
                fonts = Some(Arc::new(
                    library.with_builtin_faces_for(family.get_ref(), &missing),
                ));
            } else if !missing.is_empty() {
                warnings.push(profile.meta.file.warning(
                    family.span().start,
                    format!(
                        "the font family `{}` has no {} face: text meant to be set in {} (headings, table heads, emphasis) prints in its regular face. Put the family's {} font {} into {}, or write `missing_faces = \"built-in\"` in [theme] to print {} in the built-in Noto Sans",
                        family.get_ref(),
                        listed(&missing, "or"),
                        if missing.len() == 1 { "it" } else { "them" },
                        listed(&missing, "and"),
                        if missing.len() == 1 { "file" } else { "files" },
                        font_dir.display(),
                        if missing.len() == 1 { "it" } else { "them" },
                    ),
                ));
            }
        }
        let mut template = Vec::new();
        let template_dir = profile.dir.join("template");
        for path in typst_files_under(&profile.sources, &template_dir) {
            let Ok(relative) = path.strip_prefix(&template_dir) else {
                continue;
            };
            let relative: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            // Typst refuses a backslash in a path (`typst::syntax::
            // VirtualPath`): a name that holds one could not be used.
            if relative.iter().any(|part| part.contains('\\')) {
                problems.push(Diagnostic::error(
                    &path,
                    None,
                    "the name of a template file or folder cannot hold a backslash (`\\`), which Typst does not accept in a path: rename it",
                ));
                continue;
            }
            match profile.sources.read_text(&path) {
                Ok(text) => template.push(world::OwnTemplateFile {
                    relative: relative.join("/"),
                    path,
                    text,
                }),
                Err(d) => problems.push(d),
            }
        }
        if problems.is_empty() {
            Ok(ProfileResources {
                fonts,
                template,
                warnings,
            })
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
