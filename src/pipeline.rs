//! The two things the program does to a profile: `check` (load and validate
//! everything a build would, without rendering) and `build` (check, generate,
//! compile and write one PDF per edition).

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::edition::{self, EditionSources};
use crate::embedded;
use crate::locale::{self, NumberFormat};
use crate::profile::{self, Profile};
use crate::render;
use crate::translation::{self, ChapterState};
use crate::world::EditionWorld;

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
}

/// A written edition.
#[derive(Debug, Clone)]
pub struct BuiltEdition {
    pub lang: String,
    pub path: PathBuf,
    pub pages: usize,
}

/// The outcome of a check or build: what was written and every problem.
#[derive(Debug, Default)]
pub struct Report {
    pub editions: Vec<BuiltEdition>,
    pub diagnostics: Diagnostics,
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
}

/// Loads and validates a profile for the given languages (all with text if
/// `None`), generating each edition's sources.
pub fn prepare(
    profile_dir: &Path,
    languages: Option<&[String]>,
    strict: bool,
) -> (Option<(Profile, Vec<PreparedEdition>)>, Diagnostics) {
    let (profile, mut diags) = profile::load(profile_dir);
    let Some(profile) = profile else {
        return (None, diags);
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
            with_text
        }
    };
    if diags.has_errors() {
        return (None, diags);
    }
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
        let strings = match locale::load_strings(&profile.dir, lang) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match edition::generate(&profile, lang, &numbers, &strings, strict) {
            Ok((sources, warnings)) => {
                diags.extend(warnings);
                editions.push(PreparedEdition { sources });
            }
            Err(errors) => diags.extend(errors),
        }
    }
    if diags.has_errors() {
        return (None, diags);
    }
    (Some((profile, editions)), diags)
}

/// Validates everything a build would read, without rendering, and reports
/// the translation state of every chapter of every declared language.
pub fn check(profile_dir: &Path, languages: Option<&[String]>, strict: bool) -> Report {
    let (_, mut diagnostics) = prepare(profile_dir, languages, strict);
    let mut translations = Vec::new();
    if let (Some(profile), _) = profile::load(profile_dir) {
        for lang in profile.declared_languages() {
            let mut states = Vec::new();
            for (chapter, state) in translation::language_report(&profile, &lang) {
                match state {
                    Ok(state) => states.push((chapter, state)),
                    Err(d) => diagnostics.push(d),
                }
            }
            translations.push((lang, states));
        }
    }
    Report {
        editions: Vec::new(),
        diagnostics,
        translations,
    }
}

/// The world of a prepared edition.
pub fn world_for(profile: &Profile, edition: &PreparedEdition) -> EditionWorld {
    let date = profile
        .meta
        .value
        .date
        .get_ref()
        .date
        .expect("date checked");
    EditionWorld::with_files(
        &edition.sources.main,
        &edition.sources.data,
        &edition.sources.files,
        &profile.dir,
        (date.year, date.month, date.day),
    )
}

/// Builds the editions: nothing is written unless the whole profile is valid,
/// and an edition's PDF is replaced only when that edition compiled.
pub fn build(options: &BuildOptions) -> Report {
    let (prepared, mut diagnostics) = prepare(
        &options.profile_dir,
        options.languages.as_deref(),
        options.strict,
    );
    let Some((profile, editions)) = prepared else {
        return Report {
            editions: Vec::new(),
            diagnostics,
            translations: Vec::new(),
        };
    };
    let mut built = Vec::new();
    for edition in &editions {
        let lang = &edition.sources.lang;
        if let Some(dir) = &options.emit_typst {
            if let Err(d) = emit_typst(dir, &profile, edition) {
                diagnostics.push(d);
                continue;
            }
        }
        let world = world_for(&profile, edition);
        let document = match render::compile(&world) {
            Ok((document, warnings)) => {
                diagnostics.extend(warnings);
                document
            }
            Err(errors) => {
                diagnostics.extend(errors);
                continue;
            }
        };
        let ident = format!("{}-{lang}", profile.id());
        let pdf = match render::export_pdf(&world, &document, &ident) {
            Ok(pdf) => pdf,
            Err(errors) => {
                diagnostics.extend(errors);
                continue;
            }
        };
        let path = options.out_dir.join(format!("{ident}.pdf"));
        match render::write_atomically(&path, &pdf) {
            Ok(()) => built.push(BuiltEdition {
                lang: lang.clone(),
                path,
                pages: document.pages().len(),
            }),
            Err(d) => diagnostics.push(d),
        }
    }
    Report {
        editions: built,
        diagnostics,
        translations: Vec::new(),
    }
}

/// Writes an edition's Typst sources, templates and fonts into
/// `<dir>/<id>-<lang>/`, openable in any Typst editor (`typst compile
/// main.typ --root . --font-path fonts --ignore-system-fonts`).
fn emit_typst(dir: &Path, profile: &Profile, edition: &PreparedEdition) -> Result<(), Diagnostic> {
    let root = dir.join(format!("{}-{}", profile.id(), edition.sources.lang));
    let write = |relative: &str, bytes: &[u8]| -> Result<(), Diagnostic> {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::general(format!("cannot create {}: {e}", parent.display()))
            })?;
        }
        fs::write(&path, bytes)
            .map_err(|e| Diagnostic::general(format!("cannot write {}: {e}", path.display())))
    };
    write("main.typ", edition.sources.main.as_bytes())?;
    write("edition.json", edition.sources.data.as_bytes())?;
    for (path, bytes) in &edition.sources.files {
        write(path, bytes)?;
    }
    for (name, bytes) in embedded::template_files() {
        write(&format!("template/{name}"), bytes)?;
    }
    for (name, bytes) in embedded::FONTS {
        write(&format!("fonts/{name}"), bytes)?;
    }
    Ok(())
}
