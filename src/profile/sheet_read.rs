//! A sheet of a spreadsheet (`.xlsx`, `.xlsm`, `.ods`, `.xls`, read with
//! `calamine`) as the rows of fields a CSV file gives: the sheet a table's
//! `[csv]` names (default the first), the cells of its `range` in A1
//! notation (default the cells in use), the `header_row` that names the
//! columns (default the range's first row) and the records below it. A
//! number cell keeps its number and the decimals its number format shows
//! (`.xlsx`); a text cell is read like a CSV field; an error cell
//! (`#DIV/0!`) and a date are refused at their cell. Problems are named as
//! a person finds them: file, sheet and cell (`sheet "Population", cell
//! C7`).

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

use super::csv_data::{CsvKind, CsvSource};
use super::csv_read::{CsvTable, Field};
use super::text::MAX_DECIMALS;
use super::written_decimals::shortest_decimals;
use crate::base::diag::{Diagnostic, Position};
use crate::base::source::SourceFile;

/// The spreadsheet formats read, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SheetFormat {
    /// Office Open XML (Excel 2007 and later): `.xlsx`, `.xlsm`.
    Xlsx,
    /// OpenDocument (LibreOffice Calc): `.ods`.
    Ods,
    /// Excel 97-2003: `.xls`.
    Xls,
}

impl SheetFormat {
    /// The format of a file named `file`, by its extension (any case);
    /// `None` for a CSV or any other file.
    pub(super) fn of(file: &str) -> Option<SheetFormat> {
        let extension = Path::new(file).extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" | "xlsm" => Some(SheetFormat::Xlsx),
            "ods" => Some(SheetFormat::Ods),
            "xls" => Some(SheetFormat::Xls),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            SheetFormat::Xlsx => ".xlsx",
            SheetFormat::Ods => ".ods",
            SheetFormat::Xls => ".xls",
        }
    }
}

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
fn times_100(value: f64) -> f64 {
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
fn parse_a1(cell: &str) -> Option<(u32, u32)> {
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
type CellAt = (u32, u32);

/// The rows and columns of a sheet (Excel and LibreOffice: 1,048,576 rows,
/// columns A to XFD).
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// A diagnostic about a cell of a sheet (its `position` is the cell's
/// 1-based row and column) in the form a person looks it up: the file,
/// then `sheet "Population", cell C7: ...`.
pub(super) fn in_sheet(mut d: Diagnostic, path: &Path, sheet: &str) -> Diagnostic {
    if d.file.as_deref() == Some(path) {
        if let Some(p) = d.position.take() {
            let cell = a1(p.line as u32 - 1, p.column as u32 - 1);
            // The messages of CSV fields, said of the spreadsheet.
            let message = d.message.replace("this CSV's", "this spreadsheet's");
            d.message = format!("sheet \"{sheet}\", cell {cell}: {message}");
        }
    }
    d
}

/// A sheet read: its rows of fields, its name, and the errors of its cells
/// (an error cell, a date), each at its cell's row and column, to be given
/// with the other errors of the table's cells ([`in_sheet`]).
pub(super) type SheetRead = (CsvTable, String, Vec<Diagnostic>);

/// Reads the sheet `[csv]` names from the spreadsheet `bytes` (the file
/// `path`, of `format`) into a header and records. Problems of the file,
/// the sheet or the range are errors at the `[csv]` key of `table_file`
/// that names them; a cell that cannot be read is an empty field, and its
/// error is given with the sheet.
pub(super) fn read_sheet(
    path: &Path,
    bytes: &[u8],
    format: SheetFormat,
    spec: &CsvSource,
    table_file: &SourceFile,
) -> Result<SheetRead, Vec<Diagnostic>> {
    let shown_file = spec.file.get_ref();
    let at_file = |message: String| vec![table_file.error(spec.file.span().start, message)];
    let not_a = |reason: String| {
        at_file(format!(
            "{shown_file} cannot be read as an {} file: {reason}",
            format.name()
        ))
    };
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]);
    let wrong_kind = match format {
        SheetFormat::Xlsx | SheetFormat::Ods => !(zip || format == SheetFormat::Xlsx && ole),
        SheetFormat::Xls => !ole,
    };
    if wrong_kind {
        let text = std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0'));
        return Err(not_a(if text {
            "it is a text file (a CSV file saved under this name?): name it .csv, or save it from the spreadsheet program as a spreadsheet".into()
        } else {
            "it is not a spreadsheet of that format (damaged, or another kind of file)".into()
        }));
    }
    let reason = |e: &dyn std::fmt::Display, password: bool| {
        if password {
            "it is protected with a password: save it without one".to_string()
        } else {
            format!("it is damaged or not of that format ({e})")
        }
    };
    let cursor = Cursor::new(bytes);
    let (names, grid, shown) = match format {
        SheetFormat::Xlsx => {
            let mut book = calamine::Xlsx::new(cursor)
                .map_err(|e| not_a(reason(&e, matches!(e, calamine::XlsxError::Password))))?;
            let name = sheet_name(&book.sheet_names(), spec, table_file)?;
            let grid = book
                .worksheet_range(&name)
                .map_err(|e| not_a(reason(&e, false)))?;
            let styles = book
                .worksheet_style(&name)
                .map_err(|e| not_a(reason(&e, false)))?;
            (name, grid, Some(styles))
        }
        SheetFormat::Ods => {
            let mut book = calamine::Ods::new(cursor)
                .map_err(|e| not_a(reason(&e, matches!(e, calamine::OdsError::Password))))?;
            let name = sheet_name(&book.sheet_names(), spec, table_file)?;
            let grid = book
                .worksheet_range(&name)
                .map_err(|e| not_a(reason(&e, false)))?;
            (name, grid, None)
        }
        SheetFormat::Xls => {
            let mut book = calamine::Xls::new(cursor)
                .map_err(|e| not_a(reason(&e, matches!(e, calamine::XlsError::Password))))?;
            let name = sheet_name(&book.sheet_names(), spec, table_file)?;
            let grid = book
                .worksheet_range(&name)
                .map_err(|e| not_a(reason(&e, false)))?;
            (name, grid, None)
        }
    };
    let sheet = names;
    let (start, end) = cells_read(&grid, &sheet, spec, table_file)?;
    let header_row = match &spec.header_row {
        None => start.0,
        Some(row) => {
            let r = *row.get_ref();
            if r == 0 || r - 1 < start.0 || r - 1 > end.0 {
                return Err(vec![table_file.error(
                    row.span().start,
                    format!(
                        "`header_row = {r}` is not a row of the cells read ({}:{}, rows {} to {})",
                        a1(start.0, start.1),
                        a1(end.0, end.1),
                        start.0 + 1,
                        end.0 + 1
                    ),
                )]);
            }
            r - 1
        }
    };
    let mut problems = Vec::new();
    let field = |row: u32, column: u32, problems: &mut Vec<Diagnostic>| {
        let at = Position {
            line: row as usize + 1,
            column: column as usize + 1,
        };
        let cell_shown = shown.as_ref().map(|styles| {
            styles
                .get((row, column))
                .and_then(|s| s.number_format.as_ref())
                .map(|f| shown_by(&f.format_code))
                .unwrap_or_default()
        });
        let refuse = |what: String| Diagnostic::error(path, Some(at), what);
        let (text, number) = match grid.get_value((row, column)).unwrap_or(&Data::Empty) {
            Data::Empty => (String::new(), None),
            Data::String(s) => (s.trim().to_string(), None),
            Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }.to_string(), None),
            Data::Int(i) => (i.to_string(), Some(*i as f64)),
            Data::Float(f) => (f.to_string(), Some(*f)),
            Data::Error(e) => {
                problems.push(refuse(format!("the cell holds the error {e}: correct its formula, or write the office's mark for a missing value")));
                (String::new(), None)
            }
            Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
                problems.push(refuse("the cell holds a date or time, which a table does not print from a spreadsheet: format the cell as text, or as a number (a year as 2019)".into()));
                (String::new(), None)
            }
        };
        let number = number.map(|value| SheetNumber {
            value,
            shown: cell_shown,
        });
        // A number in a text column prints as the cell shows it.
        let text = match number.and_then(|n| n.shown.map(|s| (n.value, s))) {
            Some((
                value,
                Shown {
                    decimals,
                    percent: true,
                },
            )) => {
                let value = times_100(value);
                match decimals {
                    Some(d) => format!("{value:.*}%", usize::from(d)),
                    None => format!("{value}%"),
                }
            }
            Some((
                value,
                Shown {
                    decimals: Some(d), ..
                },
            )) => format!("{value:.*}", usize::from(d)),
            _ => text,
        };
        Field { text, at, number }
    };
    let header: Vec<String> = (start.1..=end.1)
        .map(|c| field(header_row, c, &mut problems).text)
        .collect();
    let mut records = Vec::new();
    for row in header_row + 1..=end.0 {
        let record: Vec<Field> = (start.1..=end.1)
            .map(|c| field(row, c, &mut problems))
            .collect();
        if record
            .iter()
            .all(|f| f.text.is_empty() && f.number.is_none())
        {
            continue;
        }
        records.push(record);
    }
    Ok((CsvTable { header, records }, sheet, problems))
}

/// The keys of `[csv]` that go with the kind of file it names: `delimiter`
/// and `encoding` with a CSV file, `sheet`, `range` and `header_row` with a
/// spreadsheet; another is an error at its key.
pub(super) fn check_keys(
    spec: &CsvSource,
    format: Option<SheetFormat>,
    table_file: &SourceFile,
) -> Result<(), Vec<Diagnostic>> {
    let file = spec.file.get_ref();
    let mut problems = Vec::new();
    let mut refuse = |key: &str, at: Option<usize>, message: &dyn Fn(&str) -> String| {
        if let Some(at) = at {
            problems.push(table_file.error(at, message(key)));
        }
    };
    let start = |s: Option<std::ops::Range<usize>>| s.map(|s| s.start);
    match format {
        Some(format) => {
            let message = |key: &str| {
                format!(
                    "`{key}` goes with a CSV file; {file} is a spreadsheet ({}), whose cells need none: remove it",
                    format.name()
                )
            };
            refuse(
                "delimiter",
                start(spec.delimiter.as_ref().map(|d| d.span())),
                &message,
            );
            refuse(
                "encoding",
                start(spec.encoding.as_ref().map(|e| e.span())),
                &message,
            );
        }
        None => {
            let message = |key: &str| {
                format!("`{key}` goes with a spreadsheet (.xlsx, .ods, .xls); {file} is read as a CSV file: remove it, or name the spreadsheet")
            };
            refuse(
                "sheet",
                start(spec.sheet.as_ref().map(|s| s.span())),
                &message,
            );
            refuse(
                "range",
                start(spec.range.as_ref().map(|r| r.span())),
                &message,
            );
            refuse(
                "header_row",
                start(spec.header_row.as_ref().map(|h| h.span())),
                &message,
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The sheet `[csv]` names (`sheet = "Population"`), or the first one; a
/// name the file does not have is an error listing the ones it has.
fn sheet_name(
    names: &[String],
    spec: &CsvSource,
    table_file: &SourceFile,
) -> Result<String, Vec<Diagnostic>> {
    let listed = || {
        names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &spec.sheet {
        None => names.first().cloned().ok_or_else(|| {
            vec![table_file.error(
                spec.file.span().start,
                format!("{} has no sheet", spec.file.get_ref()),
            )]
        }),
        Some(sheet) => {
            if names.contains(sheet.get_ref()) {
                Ok(sheet.get_ref().clone())
            } else {
                Err(vec![table_file.error(
                    sheet.span().start,
                    format!(
                        "{} has no sheet \"{}\" (its sheets: {})",
                        spec.file.get_ref(),
                        sheet.get_ref(),
                        listed()
                    ),
                )])
            }
        }
    }
}

/// The first and last cell read, 0-based (row, column): those of `range`
/// (`B3:F20`), or the cells in use. A range that is not A1 notation, or
/// holds none of the sheet's cells in use, is an error at `range`.
fn cells_read(
    grid: &calamine::Range<Data>,
    sheet: &str,
    spec: &CsvSource,
    table_file: &SourceFile,
) -> Result<(CellAt, CellAt), Vec<Diagnostic>> {
    let used = grid.start().zip(grid.end());
    let Some(range) = &spec.range else {
        return used.ok_or_else(|| {
            vec![table_file.error(
                spec.file.span().start,
                format!("the sheet \"{sheet}\" of {} is empty", spec.file.get_ref()),
            )]
        });
    };
    let error = |message: String| vec![table_file.error(range.span().start, message)];
    let written = range.get_ref();
    let parsed = written
        .split_once(':')
        .and_then(|(a, b)| parse_a1(a).zip(parse_a1(b)))
        .filter(|(a, b)| a.0 <= b.0 && a.1 <= b.1);
    let Some((first, last)) = parsed else {
        return Err(error(format!(
            "`range = \"{written}\"` is not a range of cells in A1 notation from its top left to its bottom right cell, like \"B3:F20\""
        )));
    };
    match used {
        Some((s, e)) if first.0 <= e.0 && first.1 <= e.1 && last.0 >= s.0 && last.1 >= s.1 => {
            Ok((first, last))
        }
        Some((s, e)) => Err(error(format!(
            "`range = \"{written}\"` lies outside the cells the sheet \"{sheet}\" uses ({}:{})",
            a1(s.0, s.1),
            a1(e.0, e.1)
        ))),
        None => Err(error(format!(
            "`range = \"{written}\"`: the sheet \"{sheet}\" is empty"
        ))),
    }
}

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
