//! What a spreadsheet's cell says: its place in A1 notation (`C7`), and
//! for a number cell what its number format shows (the digits after the
//! decimal separator, a percentage), so that the number read is the number
//! a person sees in the sheet.

use std::path::Path;

use super::csv_data::CsvKind;
use super::text::MAX_DECIMALS;
use super::written_decimals::shortest_decimals;
use crate::base::diag::{Diagnostic, Position};

/// The number of a spreadsheet's number cell, with what its number format
/// shows of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct SheetNumber {
    /// The number as the file stores it (`0.415` for a cell shown `41.5%`).
    pub(super) value: f64,
    /// The cell's number format, when the file format tells it (`.xlsx`).
    pub(super) shown: Option<Shown>,
}

/// What a cell's number format shows: its digits after the decimal
/// separator (`None` for `General`: as many as the number has) and
/// whether it is a percentage (`0.0%`: the stored number times 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Shown {
    pub(super) decimals: Option<u8>,
    pub(super) percent: bool,
}

impl SheetNumber {
    /// The value a table column of `kind` takes from this cell, and the
    /// decimals to print when they differ from the value's shortest form
    /// (as a CSV field's kept zeros). `share`: the cell is a count's
    /// share, a percentage whatever the column's kind.
    pub(super) fn read(
        &self,
        kind: CsvKind,
        share: bool,
        column: &str,
        path: &Path,
        at: Position,
    ) -> Result<(f64, Option<u8>), Diagnostic> {
        let error = |message: String| Diagnostic::error(path, Some(at), message);
        let percent_column = share || kind == CsvKind::Percent;
        let shown = match self.shown {
            Some(shown) => shown,
            None if percent_column => {
                return Err(error(format!(
                    "the number {} in the percent column `{column}`: an .ods or .xls file does not say whether the cell is formatted as a percentage (then it shows {}%) or holds the percentage itself ({}%); write the percentage as a text cell, like \"{}%\", or save the file as .xlsx",
                    self.value,
                    times_100(self.value),
                    self.value,
                    self.value
                )))
            }
            None => Shown::default(),
        };
        if shown.percent && !percent_column {
            return Err(error(format!(
                "the cell shows a percentage ({}%), but column `{column}` is not a percent column (kind = \"{}\"): declare kind = \"percent\", or format the cell as a number",
                times_100(self.value),
                kind.name()
            )));
        }
        let value = if shown.percent {
            times_100(self.value)
        } else {
            self.value
        };
        if matches!(kind, CsvKind::Count | CsvKind::Year) && !share && value.fract() != 0.0 {
            return Err(error(format!(
                "the cell holds {value}, and column `{column}` holds {} (kind = \"{}\"), which have no decimals",
                if kind == CsvKind::Count { "counts" } else { "years" },
                kind.name()
            )));
        }
        let decimals = shown
            .decimals
            .filter(|&d| usize::from(d) != shortest_decimals(value))
            .map(|d| d.min(MAX_DECIMALS));
        Ok((value, decimals))
    }
}

/// `value` times 100 as a decimal shift (`0.415` gives `41.5`, not the
/// binary product `41.49999…`).
pub(super) fn times_100(value: f64) -> f64 {
    let written = format!("{value:e}");
    match written.split_once('e') {
        Some((mantissa, exponent)) => exponent
            .parse::<i32>()
            .ok()
            .and_then(|e| format!("{mantissa}e{}", e + 2).parse().ok())
            .unwrap_or(value * 100.0),
        None => value * 100.0,
    }
}

/// The digits after the decimal separator and the percent sign that an
/// Excel number format code shows for a positive number: its first
/// section, without quoted text, `[...]` colours and conditions, and
/// `\`-escaped characters. `General` (and `@`, text) give `None` decimals.
pub(super) fn shown_by(format_code: &str) -> Shown {
    let mut decimals = None;
    let mut percent = false;
    let mut chars = format_code.chars();
    let mut after_point = false;
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '%' => percent = true,
            '.' => {
                after_point = true;
                decimals.get_or_insert(0u8);
            }
            '0' | '#' | '?' if after_point => {
                if let Some(d) = decimals.as_mut() {
                    *d = d.saturating_add(1);
                }
            }
            '0' | '#' | '?' => {
                decimals.get_or_insert(0u8);
            }
            ',' => {}
            _ => after_point = false,
        }
    }
    let general = format_code.trim().eq_ignore_ascii_case("general");
    Shown {
        decimals: if general { None } else { decimals },
        percent,
    }
}

/// A cell's place in A1 notation: column letters and row number, from
/// 0-based row and column (`(6, 2)` is `C7`).
pub(super) fn a1(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// The 0-based row and column of a cell written in A1 notation (`C7`,
/// `$C$7`, any case), or `None`.
pub(super) fn parse_a1(cell: &str) -> Option<(u32, u32)> {
    let cell: String = cell.trim().chars().filter(|&c| c != '$').collect();
    let split = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = cell.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let column = letters.chars().fold(0u32, |n, c| {
        n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    });
    let row: u32 = digits.parse().ok()?;
    ((1..=MAX_ROWS).contains(&row) && column <= MAX_COLUMNS).then_some((row - 1, column - 1))
}

/// A cell's 0-based row and column.
pub(super) type CellAt = (u32, u32);

/// The rows and columns of a sheet (Excel and LibreOffice: 1,048,576 rows,
/// columns A to XFD).
pub(super) const MAX_ROWS: u32 = 1_048_576;
pub(super) const MAX_COLUMNS: u32 = 16_384;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_notation_both_ways() {
        assert_eq!(a1(6, 2), "C7");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 16_383), "XFD10");
        assert_eq!(parse_a1("C7"), Some((6, 2)));
        assert_eq!(parse_a1("$aa$1"), Some((0, 26)));
        assert_eq!(parse_a1("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_a1("XFE1"), None);
        assert_eq!(parse_a1("C0"), None);
        assert_eq!(parse_a1("7C"), None);
    }

    #[test]
    fn number_formats_give_decimals_and_percent() {
        let s = |d: Option<u8>, percent: bool| Shown {
            decimals: d,
            percent,
        };
        assert_eq!(shown_by("General"), s(None, false));
        assert_eq!(shown_by("0"), s(Some(0), false));
        assert_eq!(shown_by("#,##0.0"), s(Some(1), false));
        assert_eq!(shown_by("0.00%"), s(Some(2), true));
        assert_eq!(shown_by("0.0\" %\";[Red]-0.0"), s(Some(1), false));
        assert_eq!(shown_by("[$€-407] #,##0.00"), s(Some(2), false));
        assert_eq!(shown_by("@"), s(None, false));
    }

    #[test]
    fn percentages_shift_the_decimal_point() {
        assert_eq!(times_100(0.415), 41.5);
        assert_eq!(times_100(0.128), 12.8);
        assert_eq!(times_100(0.07), 7.0);
    }

    #[test]
    fn a_cell_number_keeps_the_decimals_its_format_shows() {
        let at = Position { line: 7, column: 3 };
        let p = Path::new("x.xlsx");
        let number = |value, shown| SheetNumber { value, shown };
        let shown = |decimals, percent| Some(Shown { decimals, percent });
        let n = CsvKind::Number;
        assert_eq!(
            number(16.0, shown(Some(1), false)).read(n, false, "c", p, at),
            Ok((16.0, Some(1)))
        );
        assert_eq!(
            number(12.8, shown(Some(1), false)).read(n, false, "c", p, at),
            Ok((12.8, None))
        );
        assert_eq!(
            number(0.415, shown(Some(1), true)).read(CsvKind::Percent, false, "c", p, at),
            Ok((41.5, None))
        );
        assert!(number(0.415, shown(Some(1), true))
            .read(n, false, "c", p, at)
            .unwrap_err()
            .message
            .contains("is not a percent column"));
        assert!(number(41.5, None)
            .read(CsvKind::Percent, false, "c", p, at)
            .unwrap_err()
            .message
            .contains("does not say whether"));
        assert!(number(2.5, None)
            .read(CsvKind::Count, false, "c", p, at)
            .unwrap_err()
            .message
            .contains("which have no decimals"));
    }
}
