//! `cityprofile new`: creates a profile folder with every chapter, table and
//! figure of the MC2CM structure, empty but valid, in words that fit any
//! city (national, regional and local levels; foreign population and, where
//! the country counts it, population with a migration background). Every
//! placeholder is a `TODO:` text or a `{{todo: ...}}` marker, printed marked
//! on the page and listed by `check`, so the new profile builds at once and
//! shows what is left to write. The chapters are written in the source
//! language only: the other editions print them with the "not yet
//! translated" note until a translator copies and translates them.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use include_dir::{include_dir, Dir};

use crate::base::assets;
use crate::base::diag::Diagnostic;
use crate::profile;

/// The built-in scaffold: `profile.toml`, tables, figures, and the chapters
/// in every language with built-in layout strings.
static SCAFFOLD: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates/scaffold");

/// What to create.
#[derive(Debug, Clone)]
pub struct NewProfile {
    pub dir: PathBuf,
    /// The city's name as given on the command line: `Tunis` (every
    /// language) and `ar=تونس` (one language), in any number and order.
    pub city: Vec<String>,
    /// The profile id (file names of the PDFs); derived from the city if not given.
    pub id: Option<String>,
    pub country: Option<String>,
    /// The first is the language the chapters are written in.
    pub languages: Vec<String>,
}

/// Languages the scaffold has chapters for.
pub fn scaffold_languages() -> Vec<String> {
    SCAFFOLD
        .get_dir("text")
        .map(|text| {
            text.dirs()
                .filter_map(|d| d.path().file_name()?.to_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The language of the built-in chapters a profile written in `source`
/// starts from: `source` itself, or its base language for a regional one
/// (`de` for `de-CH`); `None` when there is neither.
pub fn scaffold_language(source: &str, available: &[String]) -> Option<String> {
    let code = crate::base::lang::LanguageCode::new(source)?;
    code.fallbacks()
        .into_iter()
        .map(|l| l.to_string())
        .find(|l| available.contains(l))
}

/// An id made of the city's name: lower case ASCII letters, digits and dashes.
pub fn id_from_city(city: &str) -> String {
    let mut id = String::new();
    for c in city.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

/// The ASCII letters of a Latin letter with a diacritic (`é` -> `e`, `ß` -> `ss`).
fn fold_accent(c: char) -> Vec<char> {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'ç' => "c",
        'Ç' => "C",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' => "n",
        'Ñ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ß' => "ss",
        _ => return vec![c],
    };
    folded.chars().collect()
}

/// Today's date as a TOML date (the scaffold's document date).
fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The city's names: one for every language, and some per language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CityNames {
    /// The name for languages without their own.
    pub default: Option<String>,
    /// `ar=تونس`: the name in one language.
    pub by_language: std::collections::BTreeMap<String, String>,
}

impl CityNames {
    /// Reads `--city` values: `Tunis`, `ar=تونس`.
    pub fn parse(values: &[String]) -> Result<CityNames, Diagnostic> {
        let mut names = CityNames::default();
        for value in values {
            match value.split_once('=') {
                Some((lang, name)) if crate::base::lang::is_language_code(lang.trim()) => {
                    let name = name.trim();
                    if name.is_empty() {
                        return Err(Diagnostic::general(format!(
                            "--city {value}: the name is empty"
                        )));
                    }
                    names
                        .by_language
                        .insert(lang.trim().to_string(), name.to_string());
                }
                _ => {
                    if value.trim().is_empty() {
                        return Err(Diagnostic::general("--city is empty"));
                    }
                    if names.default.replace(value.trim().to_string()).is_some() {
                        return Err(Diagnostic::general(
                            "--city is given twice without a language: give one name for every language and others as `--city ar=تونس`",
                        ));
                    }
                }
            }
        }
        if names.default.is_none() && names.by_language.is_empty() {
            return Err(Diagnostic::general("--city names no city"));
        }
        Ok(names)
    }

    /// The name in one language: its own, the default, or the first given.
    pub fn get(&self, lang: &str) -> &str {
        self.by_language
            .get(lang)
            .or(self.default.as_ref())
            .or_else(|| self.by_language.values().next())
            .map_or("", String::as_str)
    }

    /// The `city = ...` value of `profile.toml`.
    fn toml_value(&self, languages: &[String]) -> String {
        let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        if self.by_language.is_empty() {
            return quote(self.get(""));
        }
        let entries: Vec<String> = languages
            .iter()
            .map(|lang| format!("{lang} = {}", quote(self.get(lang))))
            .collect();
        format!("{{ {} }}", entries.join(", "))
    }
}

/// Replaces `@CITY@` in a line of TOML: inside a language's entry
/// (`ar = "... @CITY@"`) with that language's name, elsewhere with the
/// source language's.
fn replace_city_in_toml(text: &str, names: &CityNames, source: &str) -> String {
    let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let mut rest = line;
        while let Some(at) = rest.find("@CITY@") {
            let before = &rest[..at];
            out.push_str(before);
            // The language key of the string this @CITY@ is in, if any.
            let written = &out[out.rfind('\n').map_or(0, |i| i + 1)..];
            let lang = written
                .rfind(" = \"")
                .and_then(|eq| {
                    let key_start = written[..eq]
                        .rfind(|c: char| !c.is_ascii_lowercase())
                        .map_or(0, |i| i + 1);
                    let key = &written[key_start..eq];
                    crate::base::lang::is_language_code(key).then_some(key)
                })
                .unwrap_or(source)
                .to_string();
            out.push_str(&escape(names.get(&lang)));
            rest = &rest[at + "@CITY@".len()..];
        }
        out.push_str(rest);
    }
    out
}

/// Creates the profile folder; returns the files written. Everything is
/// checked before anything is written, and the folder appears whole or not
/// at all: it is made under a temporary name beside its place (or inside
/// the existing empty folder) and moved into place once complete; a failure
/// removes it, and any parent folders made for it.
pub fn create(new: &NewProfile) -> Result<Vec<PathBuf>, Diagnostic> {
    let available = scaffold_languages();
    if new.languages.is_empty() {
        return Err(Diagnostic::general("--lang names no language"));
    }
    for (i, lang) in new.languages.iter().enumerate() {
        if new.languages[..i].contains(lang) {
            return Err(Diagnostic::general(format!(
                "--lang names `{lang}` twice: give each language once (nothing was written)"
            )));
        }
    }
    let source = new.languages[0].clone();
    if scaffold_language(&source, &available).is_none() {
        return Err(Diagnostic::general(format!(
            "no built-in scaffold for language `{source}`: the first --lang is the language the chapters are written in, one of {} or one of them with a region like de-CH (other languages can follow it, like --lang fr,{source})",
            available.join(", ")
        )));
    }
    let with_strings = assets::string_languages();
    let mut notes = Vec::new();
    for lang in &new.languages {
        if !crate::base::lang::is_language_code(lang) || !crate::locale::cldr_knows(lang) {
            return Err(Diagnostic::general(format!(
                "`{lang}` is not a language CLDR has number and date formats for (use a code like `es`, `it`, `pt`, `tr`, `el`)"
            )));
        }
        // A regional edition takes the words of its base language.
        let built_in = crate::base::lang::LanguageCode::new(lang).is_some_and(|code| {
            code.fallbacks()
                .iter()
                .any(|l| with_strings.contains(&l.as_str()))
        });
        if !built_in {
            notes.push(lang.clone());
        }
    }
    let names = CityNames::parse(&new.city)?;
    let id = match &new.id {
        Some(id) => id.clone(),
        None => id_from_city(names.get("en")),
    };
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(Diagnostic::general(format!(
            "`{id}` is not a usable profile id: give one with --id (lower-case letters, digits, dashes)"
        )));
    }
    if new.dir.exists()
        && fs::read_dir(&new.dir)
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(true)
    {
        return Err(Diagnostic::general(format!(
            "{} already exists and is not empty: `new` never overwrites a profile",
            new.dir.display()
        )));
    }

    // An existing (empty) folder is named by its real path, so that `new .`
    // inside it works.
    let target = match new.dir.canonicalize() {
        Ok(path) if new.dir.exists() => path,
        _ => new.dir.clone(),
    };
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The first missing folder above the new one, removed again on failure.
    let mut made_parent = None;
    let mut missing = parent;
    while !missing.exists() {
        made_parent = Some(missing.to_path_buf());
        match missing.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(up) => missing = up,
            None => break,
        }
    }
    fs::create_dir_all(parent).map_err(|e| {
        Diagnostic::general(format!(
            "cannot create the folder {}: {}",
            parent.display(),
            crate::base::io::io_reason(&e)
        ))
    })?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "profile".to_string());
    // Made beside the new folder, or inside the existing empty one (whose
    // parent may not be writable).
    let staging = if target.is_dir() {
        target.join(format!(".new-{}", std::process::id()))
    } else {
        parent.join(format!(".{name}.new-{}", std::process::id()))
    };
    let _ = fs::remove_dir_all(&staging);
    let result = write_scaffold(new, &id, &names, &staging).and_then(|files| {
        move_into_place(&staging, &target)?;
        Ok(files
            .iter()
            .filter_map(|f| f.strip_prefix(&staging).ok())
            .map(|relative| new.dir.join(relative))
            .collect())
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
        if let Some(made) = made_parent {
            let _ = fs::remove_dir_all(made);
        }
    } else {
        for lang in notes {
            eprintln!("note: the layout's words in `{lang}` are not built in: create {}/strings/{lang}.toml before building (`cityprofile check` lists its keys; copy the English file as a template)", new.dir.display());
        }
    }
    result
}

/// Puts the complete folder `staging` in place of `target`: renamed, or,
/// when `target` exists (empty, perhaps the current folder), its entries
/// moved in; on failure, whatever was moved in is taken out again.
fn move_into_place(staging: &Path, target: &Path) -> Result<(), Diagnostic> {
    let failed = |e: std::io::Error| {
        Diagnostic::general(format!(
            "cannot create {}: {}",
            target.display(),
            crate::base::io::io_reason(&e)
        ))
    };
    if !target.exists() {
        return fs::rename(staging, target).map_err(failed);
    }
    let entries: Vec<PathBuf> = fs::read_dir(staging)
        .map_err(failed)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    let mut moved = Vec::new();
    for entry in entries {
        let Some(name) = entry.file_name() else {
            continue;
        };
        let to = target.join(name);
        if let Err(e) = fs::rename(&entry, &to) {
            for (from, to) in moved {
                let _ = fs::rename(to, from);
            }
            return Err(failed(e));
        }
        moved.push((entry, to));
    }
    let _ = fs::remove_dir(staging);
    Ok(())
}

/// Writes the scaffold into `root` and marks its translations as up to
/// date; returns the files written.
fn write_scaffold(
    new: &NewProfile,
    id: &str,
    names: &CityNames,
    root: &Path,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let source = new.languages[0].clone();
    // The built-in chapters of the source language, or of its base
    // language for a regional one (`de` for `de-CH`).
    let scaffold_source =
        scaffold_language(&source, &scaffold_languages()).unwrap_or(source.clone());
    let languages = new
        .languages
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let (toml_country, text_country) = match &new.country {
        Some(country) => (country.replace('"', "'"), country.clone()),
        None => ("TODO: country".to_string(), "{{todo: country}}".to_string()),
    };
    let mut written = Vec::new();
    let date = today();
    let mut write = |relative: &Path, text: String| -> Result<(), Diagnostic> {
        let path = root.join(relative);
        crate::base::io::write_atomically(&path, text.as_bytes())?;
        written.push(path);
        Ok(())
    };
    for file in scaffold_files(&SCAFFOLD) {
        let relative = file.path();
        let Some(text) = file.contents_utf8() else {
            continue;
        };
        let in_text_of = relative
            .strip_prefix("text")
            .ok()
            .and_then(|rest| rest.components().next())
            .and_then(|c| c.as_os_str().to_str());
        if let Some(lang) = in_text_of {
            // Only the source language has chapters: the others are
            // translations still to be made, printed from the source.
            if lang != scaffold_source {
                continue;
            }
            let text = text
                .replace("@CITY@", names.get(&source))
                .replace("{{todo: country}}", &text_country);
            let text = in_regional_spelling(&text, &source);
            let in_source = Path::new("text").join(&source).join(
                relative
                    .strip_prefix(Path::new("text").join(lang))
                    .unwrap_or(relative),
            );
            write(&in_source, text)?;
        } else {
            let text = text
                .replace("@ID@", id)
                .replace("\"@CITY@\"", &names.toml_value(&new.languages))
                .replace("@COUNTRY@", &toml_country)
                .replace("@DATE@", &date)
                .replace("@LANGUAGES@", &languages);
            let text = replace_city_in_toml(&text, names, &source);
            write(relative, text)?;
        }
    }
    for lang in new.languages.iter().skip(1) {
        let folder = root.join("text").join(lang);
        fs::create_dir_all(&folder).map_err(|e| {
            Diagnostic::error(&folder, None, format!("cannot create this folder: {e}"))
        })?;
    }
    // The new profile loads (a scaffold that does not is a bug of ours).
    let (loaded, diagnostics) = profile::load(root);
    if loaded.is_none() {
        let first = diagnostics.sorted().into_iter().next();
        return Err(first.unwrap_or_else(|| Diagnostic::general("the new profile does not load")));
    }
    Ok(written)
}

/// A chapter of the built-in scaffold as a regional source language writes
/// it: Swiss and Liechtenstein German (`de-CH`, `de-LI`) write `ss` for
/// `ß` (Duden's Swiss rule), so their chapters made from the German ones
/// do too; other languages' text is returned unchanged.
fn in_regional_spelling(text: &str, lang: &str) -> String {
    let mut parts = lang.split(['-', '_']);
    let language = parts.next().unwrap_or_default();
    let swiss = language == "de"
        && parts.any(|p| p.eq_ignore_ascii_case("CH") || p.eq_ignore_ascii_case("LI"));
    if swiss {
        text.replace('ß', "ss").replace('ẞ', "SS")
    } else {
        text.to_string()
    }
}

fn scaffold_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<&include_dir::File> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(scaffold_files(sub));
    }
    files.sort_by_key(|f| f.path());
    files
}

/// Why `export_templates` wrote nothing, or not everything.
#[derive(Debug)]
pub enum ExportError {
    /// Without `force`: these files exist (nothing was written).
    WouldReplace(Vec<std::path::PathBuf>),
    /// A file could not be written; the message names the reason.
    Write(crate::base::diag::Diagnostic),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::WouldReplace(paths) => {
                let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "these files exist and would be replaced: {} (use --force to replace them)",
                    shown.join(", ")
                )
            }
            ExportError::Write(d) => f.write_str(&d.message),
        }
    }
}

impl std::error::Error for ExportError {}

/// Writes the built-in template files: the template into `template_dir`,
/// the layout strings into `strings_dir` (`<lang>.toml`, for `languages`
/// that have built-in strings, or every one if `None`). Refuses to replace
/// an existing file unless `force`. Returns the files written.
pub fn export_templates(
    template_dir: &std::path::Path,
    strings_dir: &std::path::Path,
    languages: Option<&[String]>,
    force: bool,
) -> Result<Vec<std::path::PathBuf>, ExportError> {
    let targets: Vec<(std::path::PathBuf, &[u8])> = assets::template_files()
        .iter()
        .filter_map(|(name, bytes)| match name.strip_prefix("strings/") {
            Some(file) => {
                let lang = file.strip_suffix(".toml").unwrap_or(file);
                let wanted = languages.is_none_or(|l| l.iter().any(|l| l == lang));
                wanted.then(|| (strings_dir.join(file), *bytes))
            }
            None => Some((template_dir.join(name), *bytes)),
        })
        .collect();
    if !force {
        let existing: Vec<std::path::PathBuf> = targets
            .iter()
            .filter(|(path, _)| path.exists())
            .map(|(path, _)| path.clone())
            .collect();
        if !existing.is_empty() {
            return Err(ExportError::WouldReplace(existing));
        }
    }
    let mut written = Vec::new();
    for (path, bytes) in targets {
        crate::base::io::write_atomically(&path, bytes).map_err(ExportError::Write)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swiss_german_writes_ss_for_eszett() {
        assert_eq!(
            in_regional_spelling("Größe, Straße", "de-CH"),
            "Grösse, Strasse"
        );
        assert_eq!(in_regional_spelling("Größe", "de-LI"), "Grösse");
        assert_eq!(in_regional_spelling("Größe", "de"), "Größe");
        assert_eq!(in_regional_spelling("Größe", "de-AT"), "Größe");
    }

    #[test]
    fn ids_are_made_of_city_names() {
        assert_eq!(id_from_city("Dortmund"), "dortmund");
        assert_eq!(id_from_city("Tanger-Tétouan"), "tanger-tetouan");
        assert_eq!(id_from_city("  Saint Denis "), "saint-denis");
        assert_eq!(id_from_city("Gießen"), "giessen");
        assert_eq!(id_from_city("عمان"), "");
    }

    #[test]
    fn city_names_per_language() {
        let names = CityNames::parse(&["Tunis".to_string(), "ar=تونس".to_string()]).unwrap();
        assert_eq!(names.get("fr"), "Tunis");
        assert_eq!(names.get("ar"), "تونس");
        let toml = "title = { en = \"Profile of @CITY@\", ar = \"ملف @CITY@\" }\nx = \"@CITY@\"\n";
        assert_eq!(
            replace_city_in_toml(toml, &names, "fr"),
            "title = { en = \"Profile of Tunis\", ar = \"ملف تونس\" }\nx = \"Tunis\"\n"
        );
        assert_eq!(
            names.toml_value(&["fr".into(), "ar".into()]),
            "{ fr = \"Tunis\", ar = \"تونس\" }"
        );
        assert!(CityNames::parse(&["A".into(), "B".into()]).is_err());
    }

    #[test]
    fn today_is_a_toml_date() {
        let date = today();
        assert!(date.parse::<toml::value::Datetime>().is_ok(), "{date}");
        assert!(date.as_str() >= "2024-01-01", "{date}");
    }

    #[test]
    fn the_scaffold_has_every_language_with_strings() {
        let mut languages = scaffold_languages();
        languages.sort();
        assert_eq!(languages, ["ar", "de", "en", "fr"]);
    }
}
