//! What differs between editions besides their text: number formats and the
//! words of the layout ("Table of contents", "Fig.", "Source", month names),
//! built in per language and overridable by a profile's `strings/<lang>.toml`.

use std::collections::BTreeMap;
use std::path::Path;

use std::str::FromStr;
use std::sync::Arc;

use icu_calendar::{Date, Gregorian};
use icu_datetime::{fieldsets, FixedCalendarDateTimeFormatter};
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale::Locale;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::embedded;
use crate::profile::{read_text, Unit};

/// How one edition writes numbers and dates, from CLDR data (ICU4X):
/// grouping and decimal separators, digits, percent signs, month names.
#[derive(Clone)]
pub struct NumberFormat {
    inner: Arc<Formatters>,
}

struct Formatters {
    locale: String,
    /// The ten digits of the numbering system, from CLDR.
    digits: [char; 10],
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    month_year: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YM>,
    /// The percent sign of the numbering system (CLDR `percentSign`), which
    /// ICU4X's percent formatter leaves Latin.
    percent_sign: &'static str,
}

impl std::fmt::Debug for NumberFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NumberFormat({})", self.inner.locale)
    }
}

/// Numbering systems a profile may choose for an edition (CLDR names).
pub const NUMBERING_SYSTEMS: &[&str] = &["latn", "arab", "arabext"];

impl NumberFormat {
    /// The format of a language, optionally with a numbering system
    /// (`latn` for 0-9, `arab` for Arabic-Indic digits).
    pub fn new(lang: &str, digits: Option<&str>) -> Result<NumberFormat, String> {
        let tag = match digits {
            Some(nu) => format!("{lang}-u-nu-{nu}"),
            None => lang.to_string(),
        };
        let locale: Locale = tag
            .parse()
            .map_err(|e| format!("`{tag}` is not a valid locale: {e:?}"))?;
        let data_error = |what: &str, e: icu_provider::DataError| {
            format!("no CLDR {what} data for `{tag}`: {e}")
        };
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default())
            .map_err(|e| data_error("number", e))?;
        let percent = PercentFormatter::try_new((&locale).into(), Default::default())
            .map_err(|e| data_error("percent", e))?;
        let month_year =
            FixedCalendarDateTimeFormatter::try_new((&locale).into(), fieldsets::YM::long())
                .map_err(|e| format!("no CLDR date data for `{tag}`: {e:?}"))?;
        let mut digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
        for (value, digit) in digits.iter_mut().enumerate() {
            let written = decimal.format(&Decimal::from(value as u32)).to_string();
            if let Some(c) = written.chars().find(|c| c.is_numeric()) {
                *digit = c;
            }
        }
        // CLDR's symbols of the Arabic-Indic numbering systems (common/main/
        // ar.xml and fa.xml, `<symbols numberSystem="arab|arabext">`).
        let percent_sign = match digits_system(&locale) {
            Some("arab") => "\u{066a}\u{061c}",
            Some("arabext") => "\u{066a}",
            _ => "%",
        };
        Ok(NumberFormat {
            inner: Arc::new(Formatters {
                locale: tag,
                digits,
                decimal,
                percent,
                month_year,
                percent_sign,
            }),
        })
    }

    /// The English format (for tests and examples).
    pub fn for_language(lang: &str) -> Option<NumberFormat> {
        NumberFormat::new(lang, None).ok()
    }

    fn decimal(value: f64) -> Decimal {
        // The shortest representation keeps the decimals the data was written with.
        Decimal::from_str(&format!("{value}")).unwrap_or_else(|_| Decimal::from(0))
    }

    /// A number with grouping and as many decimals as it was written with:
    /// `603600` -> `603,600` / `603.600` / `603 600`, `10.1` -> `10.1` / `10,1`.
    pub fn number(&self, value: f64) -> String {
        self.inner.decimal.format(&Self::decimal(value)).to_string()
    }

    /// A number with its unit: `10.1%` / `10,1 %`, `7.25 €` / `7,25 €`.
    pub fn quantity(&self, value: f64, unit: Option<Unit>) -> String {
        match unit {
            None => self.number(value),
            Some(Unit::Percent) => {
                let written = self.inner.percent.format(&Self::decimal(value)).to_string();
                if self.inner.percent_sign == "%" {
                    written
                } else {
                    written.replace('%', self.inner.percent_sign)
                }
            }
            Some(Unit::Eur) => format!("{}{}€", self.number(value), self.unit_space()),
        }
    }

    /// Between a number and a unit word such as `km²` or `€`.
    pub fn unit_space(&self) -> &'static str {
        "\u{a0}"
    }

    /// A number written as text (a year such as `2019`, a range such as
    /// `0–6`) in the edition's digits; text with letters is left as it is.
    pub fn localize_digits(&self, text: &str) -> String {
        let digits = &self.inner.digits;
        if digits[0] == '0' || text.chars().any(char::is_alphabetic) {
            return text.to_string();
        }
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => digits[d as usize],
                _ => c,
            })
            .collect()
    }

    /// The grouping and decimal separators, as CLDR writes `1234567.5`:
    /// `(',', '.')` in English, `('.', ',')` in German.
    pub fn separators(&self) -> (char, char) {
        let written = self.number(1_234_567.5);
        let marks: Vec<char> = written
            .chars()
            .filter(|c| !c.is_numeric() && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}'))
            .collect();
        let group = marks.first().copied().unwrap_or(',');
        let decimal = marks.last().copied().unwrap_or('.');
        (group, decimal)
    }

    /// "March 2021", "März 2021", "mars 2021", "مارس 2021".
    pub fn month_year(&self, year: i32, month: u8) -> String {
        match Date::try_new_gregorian(year, month, 1) {
            Ok(date) => self.inner.month_year.format(&date).to_string(),
            Err(_) => format!("{month}/{year}"),
        }
    }
}

/// The numbering system a locale asks for (`-u-nu-arab`), if any.
fn digits_system(locale: &Locale) -> Option<&'static str> {
    let tag = locale.to_string();
    NUMBERING_SYSTEMS
        .iter()
        .copied()
        .find(|nu| tag.ends_with(&format!("-u-nu-{nu}")))
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
        assert_eq!(f.quantity(7.25, Some(Unit::Eur)), "7.25\u{a0}€");
        assert_eq!(f.month_year(2021, 3), "March 2021");
    }

    #[test]
    fn other_locales_come_from_cldr() {
        let de = NumberFormat::new("de", None).unwrap();
        assert_eq!(de.number(22845.0), "22.845");
        assert_eq!(de.quantity(10.1, Some(Unit::Percent)), "10,1\u{a0}%");
        assert_eq!(de.month_year(2021, 3), "März 2021");
        let fr = NumberFormat::new("fr", None).unwrap();
        assert_eq!(fr.number(22845.0), "22\u{202f}845");
        assert_eq!(fr.month_year(2021, 3), "mars 2021");
        let ar = NumberFormat::new("ar", Some("arab")).unwrap();
        assert_eq!(ar.number(22845.0), "٢٢٬٨٤٥");
        // With Arabic-Indic digits, CLDR's Arabic percent sign.
        assert_eq!(
            ar.quantity(10.1, Some(Unit::Percent))
                .replace(['\u{200e}', '\u{061c}'], ""),
            "١٠٫١٪"
        );
        assert_eq!(ar.localize_digits("2019"), "٢٠١٩");
        assert_eq!(ar.localize_digits("0–6"), "٠–٦");
        assert_eq!(ar.localize_digits("§ 25 AufenthG"), "§ 25 AufenthG");
        assert_eq!(de.localize_digits("2019"), "2019");
        let ar_latin = NumberFormat::new("ar", Some("latn")).unwrap();
        assert_eq!(ar_latin.number(22845.0), "22,845");
        assert!(ar_latin.month_year(2021, 3).contains("مارس"));
    }

    #[test]
    fn builtin_english_strings_are_complete() {
        let s = load_strings(Path::new("/nonexistent"), "en").unwrap();
        assert_eq!(s.figure, "Fig.");
    }
}
