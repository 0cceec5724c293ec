//! The layout strings of an edition: the built-in words of the template
//! (`templates/strings/<lang>.toml`) merged with the profile's own
//! `strings/<lang>.toml`, validated with located errors.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::base::assets;
use crate::base::diag::Diagnostic;
use crate::base::lang::LanguageCode;
use crate::base::source::Sources;
use crate::locale::UnitWords;
/// The words of the layout for one edition.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UiStrings {
    pub language_name: String,
    /// The language's writing direction (`direction = "ltr"` or `"rtl"`).
    pub direction: crate::base::bidi::Direction,
    pub contents: String,
    pub figure: String,
    pub table: String,
    /// The word that opens a table's caption in a chapter's Markdown
    /// (`Table: ...`, `Tabelle: ...`, `Tableau : ...`, `جدول: ...`).
    /// Optional in a profile's own strings file: empty, a caption in that
    /// language is written with the word of another declared language or
    /// with `Table:`.
    pub table_caption: String,
    pub source: String,
    pub data_not_available: String,
    pub image_not_available: String,
    pub map_not_available: String,
    pub not_available_note: String,
    /// Beside the EU emblem: "Funded by the European Union". Optional in a
    /// profile's own strings file: the English words then.
    pub funded_by_eu: String,
    pub missing_value: String,
    pub more_information: String,
    pub drafted_by: String,
    pub published: String,
    /// The imprint's label before the publisher: "Published by".
    pub published_by: String,
    /// The imprint's label before the partners: "In partnership with".
    pub in_partnership_with: String,
    pub contact: String,
    /// Between the items of a list: ", " or "، ".
    pub list_separator: String,
    /// Between "Fig. 1" and the caption: ": " or, in French, " : ".
    pub caption_separator: String,
    /// The word that marks a placeholder of a new profile: "To do".
    pub todo: String,
    /// The frame of a figure still to be added.
    pub todo_figure: String,
    pub translation_missing: String,
    pub translation_outdated: String,
    /// Before an approximate value: "approx.", "ca.", "env.", "حوالي".
    pub approximately: String,
    /// Before a value that is an upper bound: "<" (or words, as in Arabic).
    pub less_than: String,
    /// Before a value that is a lower bound: ">".
    pub more_than: String,
    /// Square kilometres after a number: "km²", "كم²".
    pub unit_km2: String,
    /// Square metres after a number: "m²", "م²".
    pub unit_m2: String,
    /// After a table's category label repeated on the page a table
    /// continues on: "(cont.)", "(Forts.)", "(suite)", "(تابع)". Optional in
    /// a profile's own strings file: empty, the label is repeated alone.
    pub continued: String,
    /// The meanings of missing-value marks, in a table's legend
    /// (`– nothing (exactly zero)`): optional in a profile's own strings
    /// file, the English words then.
    pub missing_nothing: String,
    /// A figure not known (`. not known`).
    pub missing_unknown: String,
    /// A figure kept secret (`x secret`).
    pub missing_secret: String,
    /// A figure not yet available (`… not yet available`).
    pub missing_later: String,
    /// No figure makes sense (`/ not applicable`).
    pub missing_not_applicable: String,
    /// Between the entries of that legend: `"; "`, in Arabic `"؛ "` (the
    /// Arabic semicolon). Optional in a profile's own strings file: `"; "`.
    pub legend_separator: String,
}

impl UiStrings {
    /// The words the edition prints around numbers.
    pub fn unit_words(&self) -> UnitWords {
        UnitWords {
            km2: self.unit_km2.clone(),
            m2: self.unit_m2.clone(),
            approximately: self.approximately.clone(),
            less_than: self.less_than.clone(),
            more_than: self.more_than.clone(),
        }
    }
}

/// Layout strings a profile's own strings file may leave out (keys added
/// after profiles in other languages were written): they are then empty,
/// and the layout prints nothing in their place (`table_caption`: no
/// caption word of that language is recognised).
const OPTIONAL_STRINGS: &[&str] = &["continued", "table_caption"];

/// Layout strings a profile's own strings file may leave out, printed in
/// English then (the legend of missing-value marks, added after profiles in
/// other languages were written).
const ENGLISH_WHEN_MISSING: &[&str] = &[
    "missing_nothing",
    "missing_unknown",
    "missing_secret",
    "missing_later",
    "missing_not_applicable",
    "legend_separator",
    "funded_by_eu",
];

/// The layout strings of a language: the built-in ones (`en`, `de`, `fr`,
/// `ar`) merged with the profile's overrides (`<profile>/strings/<lang>.toml`,
/// any subset of the keys). For any other language CLDR knows (`es`, `it`,
/// `tr`, ...) the profile's `strings/<lang>.toml` gives every key; the
/// error for a missing file or key lists what is missing and names the
/// English file as the template to copy.
///
/// A regional edition (`de-CH`) takes the words of its language without
/// the region ([`LanguageCode::fallbacks`]): the built-in `de` words, then
/// the profile's `strings/de.toml`, then its `strings/de-CH.toml`, each
/// replacing the keys it gives.
pub fn load_strings(
    sources: &Sources,
    profile_dir: &Path,
    lang: &str,
) -> Result<UiStrings, Diagnostic> {
    // Infallible: the English strings are built into the binary (test
    // `builtin_english_strings_are_complete` reads them).
    let english: BTreeMap<String, toml::Value> = builtin_strings("en").expect("English strings");
    // The most specific code first: `de-CH`, `de`.
    let chain: Vec<String> = match LanguageCode::new(lang) {
        Some(code) => code.fallbacks().iter().map(|l| l.to_string()).collect(),
        None => vec![lang.to_string()],
    };
    let builtin = chain.iter().find_map(|l| builtin_strings(l));
    let override_path = profile_dir.join("strings").join(format!("{lang}.toml"));
    let template_hint = format!(
        "copy the English layout strings as a template (`cityprofile template export <folder>` writes them to <folder>/strings/en.toml; built-in languages: {})",
        assets::string_languages().join(", ")
    );
    let override_paths: Vec<std::path::PathBuf> = chain
        .iter()
        .rev()
        .map(|l| profile_dir.join("strings").join(format!("{l}.toml")))
        .filter(|path| sources.exists(path))
        .collect();
    if builtin.is_none() && override_paths.is_empty() {
        let also = match chain.get(1) {
            Some(base) => format!(" (or strings/{base}.toml, which every `{base}` edition shares)"),
            None => String::new(),
        };
        return Err(Diagnostic::error(
            &override_path,
            None,
            format!(
                "the layout words of language `{lang}` are not built in: create strings/{lang}.toml{also} in the profile with every key ({} keys); {template_hint}",
                english.len()
            ),
        ));
    }
    let mut table = builtin.clone().unwrap_or_default();
    for override_path in &override_paths {
        let text = sources.read_text(override_path)?;
        let overrides: BTreeMap<String, toml::Spanned<toml::Value>> = toml::from_str(&text)
            .map_err(|e| crate::base::toml_errors::toml_error(override_path, &text, 0, &e))?;
        for (key, value) in overrides {
            if !english.contains_key(&key) {
                return Err(Diagnostic::error_at(
                    override_path,
                    &text,
                    value.span().start,
                    format!(
                        "`{key}` is not a layout string (known: {})",
                        english.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
            let span = value.span();
            let value = value.into_inner();
            if std::mem::discriminant(&value) != std::mem::discriminant(&english[&key]) {
                return Err(Diagnostic::error_at(
                    override_path,
                    &text,
                    span.start,
                    format!("`{key}` must be a {}", english[&key].type_str()),
                ));
            }
            table.insert(key, value);
        }
    }
    // The most specific file the profile has names what is missing.
    let override_path = override_paths.last().unwrap_or(&override_path);
    if builtin.is_none() {
        let missing: Vec<&str> = english
            .keys()
            .filter(|k| {
                !table.contains_key(*k)
                    && !OPTIONAL_STRINGS.contains(&k.as_str())
                    && !ENGLISH_WHEN_MISSING.contains(&k.as_str())
            })
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let file = override_path
                .strip_prefix(profile_dir)
                .unwrap_or(override_path)
                .display();
            return Err(Diagnostic::error(
                override_path,
                None,
                format!(
                    "{file} lacks {} layout string(s): {}; {template_hint}",
                    missing.len(),
                    missing.join(", ")
                ),
            ));
        }
    }
    for key in OPTIONAL_STRINGS {
        table
            .entry(key.to_string())
            .or_insert_with(|| toml::Value::String(String::new()));
    }
    for key in ENGLISH_WHEN_MISSING {
        if let Some(word) = english.get(*key) {
            table.entry(key.to_string()).or_insert_with(|| word.clone());
        }
    }
    let strings: UiStrings = toml::Value::Table(table.into_iter().collect())
        .try_into()
        .map_err(|e: toml::de::Error| {
            Diagnostic::error(
                override_path,
                None,
                crate::base::toml_messages::in_user_words(e.message()),
            )
        })?;
    Ok(strings)
}

/// The words that open a table's caption in the chapters of a profile: the
/// `table_caption` word of each declared language whose layout strings can
/// be read (the edition of a language whose strings cannot be read reports
/// why), each once, in declared order. `Table` is always among them.
pub fn table_caption_words(profile: &super::Profile) -> Vec<String> {
    let mut words = vec!["Table".to_string()];
    for lang in profile.declared_languages() {
        let Ok(strings) = load_strings(&profile.sources, &profile.dir, &lang) else {
            continue;
        };
        let word = strings.table_caption.trim().to_string();
        if !word.is_empty() && !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// The built-in layout strings of a language, if it has them.
fn builtin_strings(lang: &str) -> Option<BTreeMap<String, toml::Value>> {
    let builtin = assets::template_file(&format!("strings/{lang}.toml"))?;
    // Infallible: the files are built into the binary, and the test
    // `every_built_in_strings_file_parses` reads each.
    let builtin = std::str::from_utf8(builtin).expect("built-in strings are UTF-8");
    Some(toml::from_str(builtin).expect("built-in strings parse"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_without_built_in_strings_needs_the_profiles_own() {
        let dir = crate::base::scratch::tempdir().unwrap();
        let err = load_strings(&Sources::new(), dir.path(), "es")
            .unwrap_err()
            .to_string();
        assert!(err.contains("create strings/es.toml"), "{err}");
        assert!(err.contains("strings/en.toml"), "{err}");
        std::fs::create_dir_all(dir.path().join("strings")).unwrap();
        std::fs::write(
            dir.path().join("strings/es.toml"),
            "contents = \"Índice\"\n",
        )
        .unwrap();
        let err = load_strings(&Sources::new(), dir.path(), "es")
            .unwrap_err()
            .to_string();
        assert!(err.contains("lacks"), "{err}");
        assert!(err.contains("figure"), "{err}");
        assert!(!err.contains("contents,"), "{err}");
    }

    #[test]
    fn an_own_strings_file_may_leave_out_the_optional_words() {
        let dir = crate::base::scratch::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("strings")).unwrap();
        let english = builtin_strings("en").unwrap();
        let mut file = String::new();
        for (key, value) in &english {
            if key != "continued" {
                file.push_str(&format!("{key} = {value}\n"));
            }
        }
        std::fs::write(dir.path().join("strings/es.toml"), &file).unwrap();
        let strings = load_strings(&Sources::new(), dir.path(), "es").unwrap();
        assert_eq!(strings.continued, "");
        assert_eq!(strings.figure, english["figure"].as_str().unwrap());
        // A required word left out is still an error.
        let without_figure: String = file
            .lines()
            .filter(|l| !l.starts_with("figure "))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(dir.path().join("strings/es.toml"), without_figure).unwrap();
        let err = load_strings(&Sources::new(), dir.path(), "es")
            .unwrap_err()
            .to_string();
        assert!(err.contains("lacks 1 layout string(s): figure;"), "{err}");
    }

    #[test]
    fn a_regional_edition_takes_the_words_of_its_language() {
        let dir = crate::base::scratch::tempdir().unwrap();
        let german = load_strings(&Sources::new(), dir.path(), "de").unwrap();
        assert_eq!(
            load_strings(&Sources::new(), dir.path(), "de-CH").unwrap(),
            german
        );
        // The profile's `de` words, then its `de-CH` words, each replacing
        // what it gives.
        std::fs::create_dir_all(dir.path().join("strings")).unwrap();
        std::fs::write(
            dir.path().join("strings/de.toml"),
            "figure = \"Bild\"\ntable = \"Tab.\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("strings/de-CH.toml"),
            "table = \"Tabelle CH\"\n",
        )
        .unwrap();
        let swiss = load_strings(&Sources::new(), dir.path(), "de-CH").unwrap();
        assert_eq!(swiss.figure, "Bild");
        assert_eq!(swiss.table, "Tabelle CH");
        assert_eq!(swiss.contents, german.contents);
        // The `de` edition does not see the `de-CH` words.
        assert_eq!(
            load_strings(&Sources::new(), dir.path(), "de")
                .unwrap()
                .table,
            "Tab."
        );
    }

    #[test]
    fn a_regional_edition_of_a_language_without_built_in_words_needs_a_file() {
        let dir = crate::base::scratch::tempdir().unwrap();
        let err = load_strings(&Sources::new(), dir.path(), "es-MX")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(
                "create strings/es-MX.toml (or strings/es.toml, which every `es` edition shares)"
            ),
            "{err}"
        );
        // The language's file serves its regional editions.
        std::fs::create_dir_all(dir.path().join("strings")).unwrap();
        let english = builtin_strings("en").unwrap();
        let file: String = english
            .iter()
            .map(|(key, value)| format!("{key} = {value}\n"))
            .collect();
        std::fs::write(dir.path().join("strings/es.toml"), file).unwrap();
        std::fs::write(
            dir.path().join("strings/es-MX.toml"),
            "figure = \"Fig. MX\"\n",
        )
        .unwrap();
        let mexican = load_strings(&Sources::new(), dir.path(), "es-MX").unwrap();
        assert_eq!(mexican.figure, "Fig. MX");
        assert_eq!(mexican.table, english["table"].as_str().unwrap());
    }

    #[test]
    fn builtin_english_strings_are_complete() {
        let s = load_strings(&Sources::new(), Path::new("/nonexistent"), "en").unwrap();
        assert_eq!(s.figure, "Fig.");
    }

    #[test]
    fn every_built_in_strings_file_parses() {
        let mut count = 0;
        for (name, _) in assets::template_files() {
            if let Some(lang) = name
                .strip_prefix("strings/")
                .and_then(|f| f.strip_suffix(".toml"))
            {
                assert!(builtin_strings(lang).is_some(), "{name}");
                count += 1;
            }
        }
        assert!(count > 1, "the built-in strings were not found");
    }

    #[test]
    fn a_direction_is_ltr_or_rtl() {
        let dir = crate::base::scratch::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("strings")).unwrap();
        std::fs::write(dir.path().join("strings/en.toml"), "direction = \"rtl\"\n").unwrap();
        let strings = load_strings(&Sources::new(), dir.path(), "en").unwrap();
        assert_eq!(strings.direction, crate::base::bidi::Direction::RightToLeft);
        std::fs::write(dir.path().join("strings/en.toml"), "direction = \"up\"\n").unwrap();
        let err = load_strings(&Sources::new(), dir.path(), "en")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(
                r#"`direction` is "up": write "ltr" (left to right) or "rtl" (right to left)"#
            ),
            "{err}"
        );
    }
}
