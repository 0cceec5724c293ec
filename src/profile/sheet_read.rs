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

use super::csv_data::CsvSource;
use super::csv_read::{CsvTable, Field};
use super::sheet_cells::{a1, parse_a1, shown_by, times_100, CellAt, SheetNumber, Shown};
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
    // Excel keeps a file protected with a password as an encrypted package
    // inside a compound file (MS-OFFCRYPTO), and an Excel 97-2003 file is a
    // compound file too.
    if format == SheetFormat::Xlsx && ole {
        let utf16 =
            |name: &str| -> Vec<u8> { name.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let encrypted = utf16("EncryptedPackage");
        return Err(not_a(
            if bytes.windows(encrypted.len()).any(|w| w == encrypted) {
                "it is protected with a password: save it without one".into()
            } else {
                "it is an Excel 97-2003 file: name it .xls, or save it as .xlsx".into()
            },
        ));
    }
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
    // Cells past the ones in use are empty: a range such as A1:XFD1048576
    // is read only as far as the sheet has cells.
    let used_end = grid.end().unwrap_or(end);
    let end = (end.0.min(used_end.0), end.1.min(used_end.1));
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
