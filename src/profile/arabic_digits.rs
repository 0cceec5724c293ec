//! Numbers typed in Arabic-Indic digits in a profile's TOML files: a
//! string cell of `values.toml` or of a table (`"٥٥٢٬٥١١"`, `"٤١٫٥"`,
//! `"٤١٫٥٪"`, or in Extended Arabic-Indic digits `"۵۵۲٬۵۱۱"`) is read as the
//! number it writes when the profile declares a language that writes those
//! digits (`ar`, `fa`, ...: CLDR's native digits), with the CSV reader's
//! rules for that language ([`CsvNumbers`]): its grouping `٬` between groups
//! of three digits, its decimal separator `٫`, a final `٪` or `%` for a
//! percentage. Such a string is never meant as text: printed as written, it
//! would keep its Arabic digits in every edition and never be formatted.

use std::path::Path;

use toml::Spanned;

use super::csv_data::CsvKind;
use super::csv_numbers::{is_arabic_digit_language, CsvNumbers};
use super::text::{CellSpec, WrittenCell};
use super::written_decimals::kept;
use crate::base::diag::{Diagnostics, Position};
use crate::base::source::SourceFile;
use crate::base::units::Unit;
use crate::locale::{NumberFormat, NumberingSystem};

/// The reader of Arabic-Indic digits for a profile declaring `languages`:
/// the first of them that writes such digits natively; `None` when none
/// does (then such strings stay texts, and `check` warns about them as
/// about any text that looks like a number).
pub(super) fn reader<'a>(languages: impl IntoIterator<Item = &'a str>) -> Option<CsvNumbers> {
    let lang = languages
        .into_iter()
        .find(|l| is_arabic_digit_language(l))?;
    let format = NumberFormat::new(lang, Some(NumberingSystem::Latn)).ok()?;
    Some(CsvNumbers::new(format, lang))
}

/// Whether `text` is written as a number in Arabic-Indic digits: it has
/// such a digit, and nothing but digits, their separators (`٬`, `٫`, `,`,
/// `.`), a sign, a percent sign, spaces and direction marks.
fn in_arabic_digits(text: &str) -> bool {
    let arabic = |c: char| matches!(c, '\u{0660}'..='\u{0669}' | '\u{06f0}'..='\u{06f9}');
    text.chars().any(arabic)
        && text.chars().all(|c| {
            arabic(c)
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '\u{066b}' | '\u{066c}' | '\u{066a}' | ',' | '.' | '%' | '-' | '\u{2212}' | '+'
                )
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
                || c.is_whitespace()
        })
}

/// Reads every string cell of `cells` (and of their `lines`) written as a
/// number in Arabic-Indic digits as that number, with the decimals it is
/// written with (`"٤١٫٠"` prints `41.0`) and `unit = "percent"` after a
/// percent sign. One that breaks the language's rules (`"٥٥٢٬٥١"`: a group
/// of two digits) is an error at its place in `file`, with the rule.
pub(super) fn read_numbers<'a>(
    numbers: &CsvNumbers,
    file: &SourceFile,
    cells: impl Iterator<Item = &'a mut Spanned<WrittenCell>>,
    diags: &mut Diagnostics,
) {
    for cell in cells {
        let at = cell.span().start;
        read_cell(numbers, file, at, cell.get_mut(), diags);
    }
}

fn read_cell(
    numbers: &CsvNumbers,
    file: &SourceFile,
    at: usize,
    cell: &mut WrittenCell,
    diags: &mut Diagnostics,
) {
    match cell {
        WrittenCell::Text(text) if in_arabic_digits(text) => {
            let trimmed = text.trim();
            let percent = trimmed.ends_with(['\u{066a}', '%']);
            let kind = if percent {
                CsvKind::Percent
            } else {
                CsvKind::Number
            };
            let here = Position { line: 0, column: 0 };
            match numbers.parse(trimmed, kind, "", Path::new(""), here) {
                Ok(read) => {
                    let decimals = kept(read.value, Some(read.decimals));
                    *cell = if percent || decimals.is_some() {
                        WrittenCell::Detailed(Box::new(CellSpec {
                            value: Some(read.value),
                            unit: percent.then_some(Unit::Percent),
                            decimals,
                            ..CellSpec::default()
                        }))
                    } else {
                        WrittenCell::Number(read.value)
                    };
                }
                Err(_) => diags.push(file.error(
                    at,
                    format!(
                        "\"{trimmed}\" is not a number in Arabic-Indic digits: the grouping separator ٬ stands between groups of three digits and the decimal separator ٫ once, before the decimals (٦٠٣٬٦٠٠, ١٠٫١, ١٠٫١٪); or write it as a TOML number, like 603600"
                    ),
                )),
            }
        }
        WrittenCell::Detailed(spec) => {
            for line in spec.lines.iter_mut().flatten() {
                let at = line.span().start;
                read_cell(numbers, file, at, line.get_mut(), diags);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_numbers_in_arabic_digits_are_taken() {
        assert!(in_arabic_digits("٥٥٢٬٥١١"));
        assert!(in_arabic_digits("٤١٫٥٪"));
        assert!(in_arabic_digits("۵۵۲٬۵۱۱"));
        assert!(!in_arabic_digits("552,511"));
        assert!(!in_arabic_digits("سنة ٢٠١٩"));
        assert!(!in_arabic_digits("2019"));
    }

    #[test]
    fn a_profile_without_a_language_of_those_digits_has_no_reader() {
        assert!(reader(["en", "de"]).is_none());
        assert!(reader(["en", "ar"]).is_some());
        assert!(reader(["fr", "fa"]).is_some());
    }
}
