//! Loading a profile folder: reads every TOML and Markdown file a build needs,
//! parses them strictly and checks what can be checked without a language
//! (table shapes, ids, colours). Every problem is collected, not just the first.

mod arabic_digits;
pub mod cell;
mod checks;
pub mod csv_data;
mod csv_numbers;
mod csv_read;
pub mod figure;
pub mod files;
pub mod identity;
pub mod ids;
pub mod literal_numbers;
pub mod missing_marks;
mod sheet_cells;
mod sheet_read;
pub mod strings;
pub mod table;
pub mod text;
mod values;
mod written_decimals;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::base::io::io_reason;
use crate::base::lang::LanguageCode;
use crate::base::source::{SourceFile, Sources};
use crate::base::units::Unit;
pub use cell::{Affix, Cell, CellShapeError, CellValue, MissingMark, Quantity, Share};
use checks::{check_structure, report_suspicious_numbers};
pub use checks::{isbn_problem, parse_hex_colour, report_placeholders, TODO_PREFIX};
pub use figure::{Figure, FigureContent};
pub use files::*;
pub use ids::{is_valid_id, FigureId, TableId};
pub use table::{Row, RowContent, Table};
pub use text::{CellSpec, LocalText, Qualifier, TextContent, TextId, WrittenCell};
pub use values::{ValuesFile, ValuesGroup};

/// A parsed file and the file it came from.
#[derive(Debug)]
pub struct Loaded<T> {
    pub file: Arc<SourceFile>,
    pub value: T,
}

/// Everything a build reads from a profile folder.
pub struct Profile {
    pub dir: PathBuf,
    /// Every file of the folder this profile was read from, each read once:
    /// later stages read chapters, strings, records, fonts and images here,
    /// never from the disk.
    pub sources: Arc<Sources>,
    pub meta: Loaded<ProfileFile>,
    pub values: Option<Loaded<Values>>,
    pub tables: BTreeMap<TableId, Loaded<Table>>,
    pub figures: BTreeMap<FigureId, Loaded<Figure>>,
}

impl Profile {
    pub fn id(&self) -> &str {
        self.meta.value.id.get_ref()
    }

    /// The languages the profile declares, in declared order.
    pub fn declared_languages(&self) -> Vec<LanguageCode> {
        self.meta
            .value
            .languages
            .get_ref()
            .iter()
            .filter_map(|l| LanguageCode::new(l.get_ref()))
            .collect()
    }

    /// The profile's date (`date` in profile.toml; loading checks that it
    /// is a calendar date).
    pub fn date(&self) -> Option<toml::value::Date> {
        self.meta.value.date.get_ref().date
    }

    /// The language the chapters are written in and translated from.
    ///
    /// `source_language` when it is one of the declared languages, else the
    /// first declared language; `und` (BCP 47's "undetermined") for a
    /// profile that declares no valid language, which loading reports as an
    /// error.
    pub fn source_language(&self) -> LanguageCode {
        let declared = self.declared_languages();
        let named = self.meta.value.source_language.as_ref();
        named
            .and_then(|lang| declared.iter().find(|l| *l == lang.get_ref()))
            .or(declared.first())
            .cloned()
            .unwrap_or_else(LanguageCode::undetermined)
    }

    /// The numbering system an edition's numbers use, if the profile chose
    /// one this build knows (a name it does not know is an error of
    /// the profile's checks).
    pub fn digits(&self, lang: &str) -> Option<crate::locale::NumberingSystem> {
        let name = self.meta.value.digits.get(lang)?;
        crate::locale::NumberingSystem::from_name(name.get_ref())
    }

    /// Declared languages that have a `text/<lang>/` folder.
    pub fn languages_with_text(&self) -> Vec<LanguageCode> {
        self.declared_languages()
            .into_iter()
            .filter(|lang| self.sources.is_dir(&self.dir.join("text").join(lang)))
            .collect()
    }

    /// The language whose chapters (`text/<lang>/`) an edition in `lang`
    /// prints: `lang` when its folder holds a chapter (a `.md` file); else,
    /// for a regional edition (`de-CH`), its language without the region
    /// (`de`) when `text/de/` holds one; else `lang`, whose chapters are
    /// then missing (the source language's are printed, marked as
    /// untranslated). An empty folder, as `new` makes one for every
    /// language, holds no chapters of its own.
    pub fn chapter_language(&self, lang: &LanguageCode) -> LanguageCode {
        let holds_chapters = |code: &LanguageCode| {
            self.sources
                .read_dir(&self.dir.join("text").join(code))
                .is_ok_and(|files| {
                    files
                        .iter()
                        .any(|f| f.extension().is_some_and(|e| e == "md"))
                })
        };
        lang.fallbacks()
            .into_iter()
            .find(holds_chapters)
            .unwrap_or_else(|| lang.clone())
    }

    /// The Markdown file of one chapter in one language.
    pub fn chapter_path(&self, lang: &str, chapter: &str) -> PathBuf {
        self.dir
            .join("text")
            .join(lang)
            .join(format!("{chapter}.md"))
    }
}

fn parse_toml<T: DeserializeOwned>(
    sources: &Sources,
    path: &Path,
) -> Result<Loaded<T>, Diagnostic> {
    let text = sources.read_text(path)?;
    match toml::from_str::<T>(&text) {
        Ok(value) => Ok(Loaded {
            file: Arc::new(SourceFile {
                path: path.to_path_buf(),
                text,
            }),
            value,
        }),
        Err(err) => Err(crate::base::toml_errors::toml_error(path, &text, 0, &err)),
    }
}

/// Image files a profile may use, by extension, with the bytes they start with.
pub const IMAGE_KINDS: &[(&str, &[u8])] = &[
    ("png", b"\x89PNG"),
    ("jpg", b"\xff\xd8\xff"),
    ("jpeg", b"\xff\xd8\xff"),
    ("svg", b""),
];

/// Checks an image named in a TOML file: inside the profile folder, a PNG,
/// JPEG or SVG file that exists and is what its name says.
fn check_image(
    sources: &Sources,
    dir: &Path,
    file: &SourceFile,
    image: &toml::Spanned<String>,
    diags: &mut Diagnostics,
) {
    let name = image.get_ref();
    let at = image.span().start;
    let relative = Path::new(name);
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        diags.push(file.error(at, format!("image `{name}` must be a path inside the profile folder, like \"images/cover.jpg\"")));
        return;
    }
    let extension = relative
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let Some((_, magic)) = IMAGE_KINDS.iter().find(|(e, _)| *e == extension) else {
        diags.push(file.error(
            at,
            format!("image `{name}` is not a PNG, JPEG or SVG file (.png, .jpg, .jpeg, .svg)"),
        ));
        return;
    };
    let path = dir.join(relative);
    let bytes = match sources.read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diags.push(file.error(
                at,
                format!(
                    "image `{name}` cannot be read ({}): {}",
                    crate::base::diag::shown_path(&path).display(),
                    io_reason(&e)
                ),
            ));
            return;
        }
    };
    let looks_right = if extension == "svg" {
        String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).contains("<svg")
    } else {
        bytes.starts_with(magic)
    };
    if !looks_right {
        diags.push(file.error(
            at,
            format!(
                "image `{name}` is not a valid {} file",
                extension.to_uppercase()
            ),
        ));
    }
}

/// Every image `profile.toml` names: the cover picture and the logos.
fn check_profile_images(profile: &Profile, diags: &mut Diagnostics) {
    let meta = &profile.meta.value;
    let file = &profile.meta.file;
    let logos = meta
        .partners
        .iter()
        .filter_map(|p| p.logo.as_ref())
        .chain(meta.funders.iter().filter_map(|f| f.logo.as_ref()));
    let photos = meta
        .blank_pages
        .iter()
        .filter_map(|fill| fill.get_ref().photo.as_ref());
    for image in meta
        .cover
        .iter()
        .map(|c| &c.image)
        .chain(logos)
        .chain(photos)
    {
        check_image(&profile.sources, &profile.dir, file, image, diags);
    }
}

/// The `*.toml` files of a folder, sorted by name; none if it does not exist.
fn toml_files(sources: &Sources, dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = sources.read_dir(dir) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && sources.is_file(p))
        .collect()
}

/// Loads a profile folder. Returns the profile when every file parsed, and
/// every problem found either way.
pub fn load(dir: &Path) -> (Option<Profile>, Diagnostics) {
    load_from(dir, Arc::new(Sources::confined_to(dir)))
}

/// Loads a profile folder, reading its files through `sources` (a store
/// that may already hold some of them: a rebuild keeps the files that did
/// not change).
pub fn load_from(dir: &Path, sources: Arc<Sources>) -> (Option<Profile>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let profile_path = dir.join("profile.toml");
    if !sources.is_dir(dir) {
        diags.push(Diagnostic::error(
            dir,
            None,
            "no such profile folder (expected a folder with a profile.toml)",
        ));
        return (None, diags);
    }
    let meta = parse_toml::<ProfileFile>(&sources, &profile_path).map_err(|d| diags.push(d));

    let values_path = dir.join("values.toml");
    let values = if sources.exists(&values_path) {
        parse_toml::<ValuesFile>(&sources, &values_path)
            .map(|mut loaded| {
                let cells = loaded
                    .value
                    .values_mut()
                    .flat_map(|g| g.values.values_mut());
                written_decimals::keep_written_decimals(&loaded.file.text, cells);
                loaded
            })
            .map(Some)
            .map_err(|d| diags.push(d))
    } else {
        Ok(None)
    };

    // Numbers typed in Arabic-Indic digits, read as the declared languages
    // write them.
    let arabic_digits = meta.as_ref().ok().and_then(|m| {
        arabic_digits::reader(
            m.value
                .languages
                .get_ref()
                .iter()
                .map(|l| l.get_ref().as_str()),
        )
    });
    let mut tables = BTreeMap::new();
    for path in toml_files(&sources, &dir.join("tables")) {
        let stem = stem(&path);
        let Ok(id) = TableId::new(&stem) else {
            diags.push(Diagnostic::error(&path, None, format!("`{stem}` is not a valid table id: name the file with lower-case letters, digits and dashes")));
            continue;
        };
        match parse_toml::<TableFile>(&sources, &path) {
            Ok(Loaded { file, mut value }) => {
                if let Some(numbers) = &arabic_digits {
                    arabic_digits::read_numbers(
                        numbers,
                        &file,
                        written_cells(&mut value),
                        &mut diags,
                    );
                }
                written_decimals::keep_written_decimals(&file.text, written_cells(&mut value));
                let cells = value.head.iter().flat_map(|r| r.get_ref().iter()).chain(
                    value
                        .rows
                        .iter()
                        .flat_map(|r| r.get_ref().cells.iter().chain(r.get_ref().head.iter()))
                        .flatten(),
                );
                report_suspicious_numbers(&file, cells, &mut diags);
                let mut csv_rows = Vec::new();
                if let Some(source) = &value.csv {
                    match csv_data::rows(&sources, dir, &file, source) {
                        Ok((rows, warnings)) => {
                            csv_rows = rows;
                            diags.extend(warnings);
                        }
                        Err(problems) => {
                            diags.extend(problems);
                            continue;
                        }
                    }
                }
                let value = table::table(value, csv_rows);
                tables.insert(id, Loaded { file, value });
            }
            Err(d) => diags.push(d),
        }
    }
    let mut raw_figures = Vec::new();
    for path in toml_files(&sources, &dir.join("figures")) {
        let stem = stem(&path);
        let Ok(id) = FigureId::new(&stem) else {
            diags.push(Diagnostic::error(&path, None, format!("`{stem}` is not a valid figure id: name the file with lower-case letters, digits and dashes")));
            continue;
        };
        match parse_toml::<FigureFile>(&sources, &path) {
            Ok(figure) => raw_figures.push((id, figure)),
            Err(d) => diags.push(d),
        }
    }

    let values = values.map(|values| {
        values.map(|Loaded { file, mut value }| {
            if let Some(numbers) = &arabic_digits {
                let cells = value
                    .values_mut()
                    .flat_map(|group| group.values.values_mut());
                arabic_digits::read_numbers(numbers, &file, cells, &mut diags);
            }
            let cells = value.values().flat_map(|group| group.values.values());
            report_suspicious_numbers(&file, cells, &mut diags);
            let value = values::decide(&sources, dir, &file, value, &mut diags);
            Loaded { file, value }
        })
    });
    let (Ok(meta), Ok(values)) = (meta, values) else {
        return (None, diags);
    };
    let mut figures = BTreeMap::new();
    for (id, Loaded { file, value }) in raw_figures {
        if let Some(value) = figure::figure(&sources, dir, &id, &file, value, &mut diags) {
            figures.insert(id, Loaded { file, value });
        }
    }
    let mut profile = Profile {
        dir: dir.to_path_buf(),
        sources,
        meta,
        values,
        tables,
        figures,
    };
    identity::assign(&profile);
    check_structure(&profile, &mut diags);
    // A chapter listed twice is an error above; every later step (the
    // translation summary among them) sees it once.
    let mut listed = std::collections::BTreeSet::new();
    profile
        .meta
        .value
        .chapters
        .retain(|chapter| listed.insert(chapter.file.get_ref().clone()));
    checks::check_document_information(&profile, &mut diags);
    checks::check_language_folders(&profile, &mut diags);
    literal_numbers::check(&profile, &mut diags);
    (Some(profile), diags)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What is wrong with an ISBN, if anything: it must be 10 or 13 digits
/// (the ISBN-10's last may be `X`), optionally with hyphens or spaces, and
/// its check digit must match (ISO 2108).
/// Every translatable text of the profile, with the file it is in, in the
/// order a reader meets them ([`identity::texts`] gives each one's identity).
pub fn all_texts(profile: &Profile) -> Vec<(&SourceFile, &LocalText)> {
    identity::texts(profile)
        .into_iter()
        .map(|t| (t.file, t.text))
        .collect()
}

/// Every written cell of a table file: its head rows', then each row's
/// cells and row heads, in the order of the file.
fn written_cells(table: &mut TableFile) -> impl Iterator<Item = &mut toml::Spanned<WrittenCell>> {
    table
        .head
        .iter_mut()
        .flat_map(|r| r.get_mut().iter_mut())
        .chain(table.rows.iter_mut().flat_map(|r| {
            let r = r.get_mut();
            r.cells.iter_mut().chain(r.head.iter_mut()).flatten()
        }))
}
