//! What differs between editions besides their text: number formats and the
//! words of the layout ("Table of contents", "Fig.", "Source", month names),
//! built in per language and overridable by a profile's `strings/<lang>.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::embedded;
use crate::profile::{read_text, Unit};

/// How one language writes numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberFormat {
    pub group_separator: &'static str,
    pub decimal_separator: &'static str,
    /// `{}` is replaced by the number.
    pub percent_pattern: &'static str,
    pub euro_pattern: &'static str,
    /// Between a number and a suffix such as `km²`.
    pub unit_space: &'static str,
}

impl NumberFormat {
    /// The number format of a language, if this build knows it.
    pub fn for_language(lang: &str) -> Option<NumberFormat> {
        match lang {
            "en" => Some(NumberFormat {
                group_separator: ",",
                decimal_separator: ".",
                percent_pattern: "{}%",
                euro_pattern: "{} €",
                unit_space: "\u{a0}",
            }),
            _ => None,
        }
    }

    /// A number with grouping and as many decimals as it was written with:
    /// `603600` -> `603,600`, `10.1` -> `10.1`.
    pub fn number(&self, value: f64) -> String {
        let shortest = format!("{}", value.abs());
        let (int_part, frac_part) = match shortest.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.to_string())),
            None => (shortest.clone(), None),
        };
        let mut grouped = String::new();
        let digits: Vec<char> = int_part.chars().collect();
        for (i, d) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(self.group_separator);
            }
            grouped.push(*d);
        }
        let mut out = String::new();
        if value < 0.0 {
            out.push('-');
        }
        out.push_str(&grouped);
        if let Some(frac) = frac_part {
            out.push_str(self.decimal_separator);
            out.push_str(&frac);
        }
        out
    }

    /// A number with its unit: `10.1%`, `7.25 €`.
    pub fn quantity(&self, value: f64, unit: Option<Unit>) -> String {
        let n = self.number(value);
        match unit {
            None => n,
            Some(Unit::Percent) => self.percent_pattern.replace("{}", &n),
            Some(Unit::Eur) => self.euro_pattern.replace("{}", &n),
        }
    }
}

/// The words of the layout for one edition.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UiStrings {
    pub language_name: String,
    pub direction: String,
    pub contents: String,
    pub figure: String,
    pub table: String,
    pub source: String,
    pub data_not_available: String,
    pub image_not_available: String,
    pub map_not_available: String,
    pub not_available_note: String,
    pub missing_value: String,
    pub more_information: String,
    pub drafted_by: String,
    pub published: String,
    pub contact: String,
    pub months: Vec<String>,
    pub month_year: String,
}

impl UiStrings {
    /// "March 2021" for a year and month (1-12).
    pub fn month_year(&self, year: u16, month: u8) -> String {
        let name = self
            .months
            .get(usize::from(month.saturating_sub(1)))
            .cloned()
            .unwrap_or_else(|| month.to_string());
        self.month_year
            .replace("{month}", &name)
            .replace("{year}", &year.to_string())
    }
}

/// The built-in strings of a language merged with the profile's overrides
/// (`<profile>/strings/<lang>.toml`, any subset of the keys).
pub fn load_strings(profile_dir: &Path, lang: &str) -> Result<UiStrings, Diagnostic> {
    let builtin_name = format!("strings/{lang}.toml");
    let Some(builtin) = embedded::template_file(&builtin_name) else {
        return Err(Diagnostic::general(format!(
            "there are no built-in layout strings for language `{lang}` (known: {})",
            embedded::string_languages().join(", ")
        )));
    };
    let builtin = std::str::from_utf8(builtin).expect("built-in strings are UTF-8");
    let mut table: BTreeMap<String, toml::Value> =
        toml::from_str(builtin).expect("built-in strings parse");
    let override_path = profile_dir.join("strings").join(format!("{lang}.toml"));
    if override_path.exists() {
        let text = read_text(&override_path)?;
        let overrides: BTreeMap<String, toml::Spanned<toml::Value>> = toml::from_str(&text)
            .map_err(|e| {
                Diagnostic::error_at(
                    &override_path,
                    &text,
                    e.span().map_or(0, |s| s.start),
                    e.message().trim(),
                )
            })?;
        for (key, value) in overrides {
            if !table.contains_key(&key) {
                return Err(Diagnostic::error_at(
                    &override_path,
                    &text,
                    value.span().start,
                    format!(
                        "`{key}` is not a layout string (known: {})",
                        table.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
            let span = value.span();
            let value = value.into_inner();
            if std::mem::discriminant(&value) != std::mem::discriminant(&table[&key]) {
                return Err(Diagnostic::error_at(
                    &override_path,
                    &text,
                    span.start,
                    format!("`{key}` must be a {}", table[&key].type_str()),
                ));
            }
            table.insert(key, value);
        }
    }
    let strings: UiStrings = toml::Value::Table(table.into_iter().collect())
        .try_into()
        .map_err(|e: toml::de::Error| Diagnostic::general(e.message().to_string()))?;
    if strings.months.len() != 12 {
        return Err(Diagnostic::error(
            &override_path,
            None,
            "`months` must list the twelve month names",
        ));
    }
    Ok(strings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_numbers_group_by_thousands() {
        let f = NumberFormat::for_language("en").unwrap();
        assert_eq!(f.number(603600.0), "603,600");
        assert_eq!(f.number(22845.0), "22,845");
        assert_eq!(f.number(999.0), "999");
        assert_eq!(f.number(1000.0), "1,000");
        assert_eq!(f.number(10.1), "10.1");
        assert_eq!(f.number(-1234.5), "-1,234.5");
        assert_eq!(f.quantity(10.1, Some(Unit::Percent)), "10.1%");
        assert_eq!(f.quantity(7.25, Some(Unit::Eur)), "7.25 €");
    }

    #[test]
    fn builtin_english_strings_are_complete() {
        let s = load_strings(Path::new("/nonexistent"), "en").unwrap();
        assert_eq!(s.month_year(2021, 3), "March 2021");
        assert_eq!(s.figure, "Fig.");
    }
}
