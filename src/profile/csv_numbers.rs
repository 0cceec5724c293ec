//! Numbers in a CSV file as its locale writes them: CLDR's grouping and
//! decimal separators for the declared locale, read strictly, with a
//! warning for a number that looks mistyped.

use std::path::Path;

use super::csv_data::CsvKind;
use crate::base::diag::{Diagnostic, Position};
use crate::locale::NumberFormat;

/// How a CSV writes its numbers: its locale's CLDR separators, read once.
pub(super) struct CsvNumbers {
    format: NumberFormat,
    locale: String,
    group: char,
    decimal: char,
    /// Whether the locale's language writes Arabic-Indic digits natively
    /// (`ar`: ٠-٩; `fa`: ۰-۹): then they are read too.
    native_digits: bool,
}

/// The languages whose CLDR native numbering system is Arabic-Indic
/// (`arab`: Arabic; `arabext`: Persian, Pashto, Urdu, Central Kurdish,
/// Sindhi, Kashmiri): a CSV in one of them may write those digits.
const ARABIC_DIGIT_LANGUAGES: &[&str] = &["ar", "fa", "ps", "ur", "ckb", "sd", "ks"];

/// Whether `locale`'s language (`ar`, `ar-JO`, `fa`) writes Arabic-Indic
/// digits natively ([`ARABIC_DIGIT_LANGUAGES`]).
pub(super) fn is_arabic_digit_language(locale: &str) -> bool {
    let language = locale.split(['-', '_']).next().unwrap_or_default();
    ARABIC_DIGIT_LANGUAGES.contains(&language)
}

/// The digit a character stands for in the numbering systems a CSV may be
/// written in: Latin 0-9, Arabic-Indic ٠-٩ (U+0660-U+0669), Extended
/// Arabic-Indic ۰-۹ (U+06F0-U+06F9).
fn arabic_digit(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06f0}'..='\u{06f9}' => char::from_digit(c as u32 - 0x06f0, 10),
        _ => None,
    }
}

/// An apostrophe as Swiss grouping writes it: `'` or `’` (U+2019).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// A number read from a CSV field, with a warning when it looks mistyped.
pub(super) struct ReadNumber {
    pub(super) value: f64,
    /// How many digits the field has after its decimal separator (`16,0`: 1).
    pub(super) decimals: usize,
    pub(super) warning: Option<Diagnostic>,
}

impl CsvNumbers {
    pub(super) fn new(format: NumberFormat, locale: &str) -> Self {
        let (group, decimal) = format.separators();
        let native_digits = is_arabic_digit_language(locale);
        CsvNumbers {
            format,
            locale: locale.to_string(),
            group,
            decimal,
            native_digits,
        }
    }

    fn is_group(&self, c: char) -> bool {
        c == self.group
            || (self.group.is_whitespace() && c.is_whitespace())
            || (is_apostrophe(self.group) && is_apostrophe(c))
    }

    /// A field in Arabic-Indic digits with the Arabic separators (`٥٥٢٬٥١١`,
    /// `٤١٫٥٪`) written with Latin digits and this format's separators, when
    /// the locale writes such digits; other fields as they are. Direction
    /// marks (LRM, RLM, ALM) are left out.
    fn latin(&self, field: &str) -> String {
        if !self.native_digits {
            return field.to_string();
        }
        field
            .chars()
            .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}'))
            .map(|c| match c {
                '\u{066c}' => self.group,
                '\u{066b}' => self.decimal,
                '\u{066a}' => '%',
                c => arabic_digit(c).unwrap_or(c),
            })
            .collect()
    }

    /// A warning when a text field looks like a number written in another
    /// locale's format (`1.234,5` in an English CSV): with this format's
    /// separators swapped it would be a number.
    pub(super) fn looks_foreign(
        &self,
        field: &str,
        column: &str,
        path: &Path,
        position: Position,
    ) -> Option<Diagnostic> {
        let written = field.trim();
        let has = |c: char| written.contains(c);
        if !written.starts_with(|c: char| c.is_ascii_digit() || c == '-')
            || !(has('.') || has(','))
            || !written
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%' | ' '))
        {
            return None;
        }
        let at = Position { line: 0, column: 0 };
        let here = Path::new("");
        if self
            .parse(written, CsvKind::Number, column, here, at)
            .is_ok()
        {
            return None;
        }
        let (group, decimal) = match (self.group, self.decimal) {
            ('.', ',') => (',', '.'),
            (_, ',') => ('.', ','),
            _ => ('.', ','),
        };
        let swapped: String = written
            .chars()
            .map(|c| match c {
                c if c == group => self.group,
                c if c == decimal => self.decimal,
                c => c,
            })
            .collect();
        let reads = self
            .parse(&swapped, CsvKind::Number, column, here, at)
            .ok()?;
        Some(Diagnostic::warning(
            path,
            Some(position),
            format!(
                "`{written}` in the text column `{column}` looks like the number {} written with `{group}` grouping and `{decimal}` decimals, not in this CSV's format (`locale = \"{}\"`, like {} or {}): it prints as written; if it is a number, write it in the CSV's format and give the column a kind such as kind = \"number\"",
                self.format.number(reads.value),
                self.locale,
                self.format.number(603600.0),
                self.format.number(10.1)
            ),
        ))
    }

    /// A number written strictly in the CSV's locale: `603.600`, `10,1`,
    /// `-1.234,5`, `10,1 %` in German. A grouping separator must stand
    /// between groups of three digits, a decimal separator at most once, a
    /// count has no decimals and only a percent column has a `%`.
    pub(super) fn parse(
        &self,
        field: &str,
        kind: CsvKind,
        column: &str,
        path: &Path,
        position: Position,
    ) -> Result<ReadNumber, Diagnostic> {
        let error = |why: String| {
            Diagnostic::error(
                path,
                Some(position),
                format!(
                    "`{field}` is not a number in this CSV's format (`locale = \"{}\"`, like {} or {}): {why}",
                    self.locale,
                    self.format.number(603600.0),
                    self.format.number(10.1)
                ),
            )
        };
        let latin = self.latin(field);
        let mut rest = latin.trim();
        if let Some(before) = rest.strip_suffix('%') {
            if kind != CsvKind::Percent {
                return Err(error(format!(
                    "a `%` in column `{column}`, which is not a percent column (kind = \"{}\")",
                    kind.name()
                )));
            }
            rest = before.trim_end();
        }
        let negative = match rest.chars().next() {
            Some('-' | '\u{2212}') => {
                rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
                true
            }
            Some('+') => {
                rest = &rest[1..];
                false
            }
            _ => false,
        };
        let (integer, fraction) = match rest.split_once(self.decimal) {
            Some((i, f)) => (i, Some(f)),
            None => (rest, None),
        };
        if integer.is_empty() || !integer.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(error("it does not start with a digit".into()));
        }
        let mut digits = String::new();
        let groups: Vec<&str> = integer.split(|c| self.is_group(c)).collect();
        for (i, group) in groups.iter().enumerate() {
            if let Some(bad) = group.chars().find(|c| !c.is_ascii_digit()) {
                return Err(error(format!("`{bad}` is neither a digit nor a separator of this format (grouping `{}`, decimal `{}`)", show(self.group), show(self.decimal))));
            }
            let grouped = groups.len() > 1;
            if grouped
                && ((i == 0 && !(1..=3).contains(&group.len())) || (i > 0 && group.len() != 3))
            {
                return Err(error(format!(
                    "the grouping separator `{}` must stand between groups of three digits",
                    show(self.group)
                )));
            }
            digits.push_str(group);
        }
        if let Some(fraction) = fraction {
            if fraction.is_empty() || !fraction.chars().all(|c| c.is_ascii_digit()) {
                return Err(error(format!(
                    "after the decimal separator `{}` come digits only",
                    show(self.decimal)
                )));
            }
            if kind == CsvKind::Count || kind == CsvKind::Year {
                return Err(error(format!(
                    "column `{column}` holds {} (kind = \"{}\"), which have no decimals",
                    if kind == CsvKind::Count {
                        "counts"
                    } else {
                        "years"
                    },
                    kind.name()
                )));
            }
            digits.push('.');
            digits.push_str(fraction);
        }
        // A number is kept as a 64-bit float, exact to 15 significant
        // digits: a longer one would print rounded without a word.
        let significant = digits
            .trim_start_matches(['0', '.'])
            .chars()
            .filter(char::is_ascii_digit)
            .count();
        if significant > MOST_SIGNIFICANT_DIGITS {
            return Err(error(format!(
                "it has {significant} significant digits, and numbers are printed exactly only up to {MOST_SIGNIFICANT_DIGITS}: check the value, or round it"
            )));
        }
        let mut value: f64 = digits
            .parse()
            .map_err(|_| error("it is not a number".into()))?;
        if negative {
            value = -value;
        }
        // `1,882` in a German file is 1.882; if the author meant 1882 it was
        // written in another locale's format.
        let warning = match fraction {
            Some(f) if f.len() == 3 && groups.len() == 1 && integer.len() <= 3 => {
                Some(Diagnostic::warning(
                    path,
                    Some(position),
                    format!(
                        "`{field}` is read as {} (three decimals in this CSV's format, `locale = \"{}\"`); if it means {}, write it {}",
                        self.format.number(value),
                        self.locale,
                        digits.replace('.', ""),
                        self.format.number(digits.replace('.', "").parse::<f64>().unwrap_or(0.0))
                    ),
                ))
            }
            _ => None,
        };
        let decimals = fraction.map_or(0, str::len);
        Ok(ReadNumber {
            value,
            decimals,
            warning,
        })
    }
}

/// The most significant digits a number of a CSV file may have: a 64-bit
/// float (IEEE 754 binary64) holds every decimal number of 15 digits
/// exactly, so a longer one could be printed other than its file says.
pub const MOST_SIGNIFICANT_DIGITS: usize = 15;

/// A separator as the user sees it (spaces named, not invisible).
fn show(c: char) -> String {
    match c {
        '\u{a0}' => "no-break space".into(),
        '\u{202f}' => "narrow no-break space".into(),
        ' ' => "space".into(),
        c => c.to_string(),
    }
}
