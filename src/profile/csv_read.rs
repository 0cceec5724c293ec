//! A CSV file's text split into a header and records, in the dialects
//! spreadsheet programs write: the field separator declared in the table's
//! `[csv]`, or by Excel's first line `sep=;`, or recognised from the header
//! (a semicolon CSV as German Excel saves it); line ends `\n`, `\r\n` or a
//! lone `\r` (old Mac Excel). Each field keeps the line and column where it
//! starts, so that every later error points at it. The text is UTF-8, or
//! decoded from the encoding `[csv]` declares (with `encoding_rs`).

use std::path::Path;

use super::csv_data::CsvSource;
use crate::base::diag::{Diagnostic, Position};
use crate::base::source::SourceFile;

/// A CSV file (or a sheet of a spreadsheet, [`super::sheet_read`]) read
/// into rows of fields, with each field's line and column (a sheet's row
/// and column).
pub(super) struct CsvTable {
    pub(super) header: Vec<String>,
    pub(super) records: Vec<Vec<Field>>,
}

/// One field of a record: its text (trimmed), where it starts, and for a
/// number cell of a spreadsheet the number the cell holds.
pub(super) struct Field {
    pub(super) text: String,
    pub(super) at: Position,
    pub(super) number: Option<super::sheet_cells::SheetNumber>,
}

/// The separators a CSV may use: `,` `;` tab `|`.
pub(super) const DELIMITERS: &[u8] = b",;\t|";

/// The separator as `[csv]` writes it: `","`, `";"`, `"\t"`, `"|"`.
pub(super) fn shown(delimiter: u8) -> &'static str {
    match delimiter {
        b';' => "\";\"",
        b'\t' => "\"\\t\"",
        b'|' => "\"|\"",
        _ => "\",\"",
    }
}

/// Where each line of a text starts; a line ends at `\n`, `\r\n` or a lone `\r`.
struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Lines { text, starts }
    }

    /// The 1-based line holding a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The text of a 1-based line, without its line end.
    fn line(&self, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\r', '\n'])
    }
}

/// Reads a CSV's text. `declared` is the `delimiter` of its `[csv]`
/// section; `table_file` (the table's TOML, as shown in messages) is named
/// in the remedy when the separator cannot be told.
pub(super) fn read_csv(
    path: &Path,
    text: &str,
    declared: Option<u8>,
    table_file: &str,
) -> Result<CsvTable, Vec<Diagnostic>> {
    let lines = Lines::new(text);
    let error = |line: usize, column: usize, message: String| {
        vec![Diagnostic::error(
            path,
            Some(Position { line, column }),
            message,
        )]
    };
    // Excel's `sep=;` line names the separator and is not the header.
    let first = lines.line(1);
    let (body_start, from_sep_line) = match first.strip_prefix("sep=") {
        Some(rest) => {
            let mut chars = rest.chars();
            let named = match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() && DELIMITERS.contains(&(c as u8)) => c as u8,
                (Some('\\'), Some('t')) if chars.next().is_none() => b'\t',
                _ => {
                    return Err(error(
                        1,
                        5,
                        format!("`{first}` does not name a field separator: write sep=, sep=; sep=| or sep= followed by a tab"),
                    ))
                }
            };
            (
                lines.starts.get(1).copied().unwrap_or(text.len()),
                Some(named),
            )
        }
        None => (0, None),
    };
    let delimiter = match (declared, from_sep_line) {
        (Some(d), Some(s)) if d != s => {
            return Err(error(
                1,
                5,
                format!(
                    "the first line says the fields are separated by {}, but {table_file} declares delimiter = {}: remove the one that is wrong",
                    shown(s),
                    shown(d)
                ),
            ))
        }
        (Some(d), _) | (None, Some(d)) => d,
        (None, None) => recognised(path, &lines, text, table_file)?,
    };
    parse(path, text, body_start, delimiter, &lines)
}

/// The CSV's text: UTF-8 (a byte-order mark is skipped), or decoded from the
/// encoding `[csv]` declares. Undeclared bytes that are not UTF-8 are an
/// error at their line and column, with the remedy.
pub(super) fn decode(
    path: &Path,
    bytes: &[u8],
    spec: &CsvSource,
    table_file: &SourceFile,
) -> Result<String, Vec<Diagnostic>> {
    let declared = spec.encoding.as_ref();
    let encoding = match declared {
        None => encoding_rs::UTF_8,
        Some(label) => match encoding_rs::Encoding::for_label(label.get_ref().trim().as_bytes()) {
            Some(encoding) => encoding,
            None => {
                return Err(vec![table_file.error(
                    label.span().start,
                    format!(
                        "`{}` is not a text encoding: write \"utf-8\", \"windows-1252\" (Excel on Windows in Western Europe), \"iso-8859-1\" or another WHATWG label",
                        label.get_ref()
                    ),
                )])
            }
        },
    };
    if encoding == encoding_rs::UTF_8 {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        return match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_string()),
            Err(e) => {
                let valid = e.valid_up_to();
                let before = String::from_utf8_lossy(&bytes[..valid]);
                let mut message = format!(
                    "this CSV file is not UTF-8 text (byte 0x{:02x})",
                    bytes[valid]
                );
                if declared.is_none() {
                    message.push_str(&format!(
                        ": declare its encoding in the [csv] section of {}, like encoding = \"windows-1252\" (Excel on Windows), or save it as UTF-8",
                        crate::base::diag::shown_path(&table_file.path).display()
                    ));
                } else {
                    message.push_str(": save it as UTF-8 or declare the encoding it is saved in");
                }
                Err(vec![Diagnostic::error_at(path, &before, valid, message)])
            }
        };
    }
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

/// The separator of a CSV that declares none: `;` (or a tab) when its
/// header has it and no `,` outside quotes and every record has as many
/// fields as the header that way; `,` otherwise. A header that looks
/// semicolon-separated over rows that do not is refused with the remedy.
fn recognised(
    path: &Path,
    lines: &Lines,
    text: &str,
    table_file: &str,
) -> Result<u8, Vec<Diagnostic>> {
    let header = lines.line(1);
    let count = |d: u8| field_columns(header, d).len() - 1;
    let candidate = match (count(b','), count(b';'), count(b'\t')) {
        (0, s, _) if s > 0 => b';',
        (0, 0, t) if t > 0 => b'\t',
        _ => return Ok(b','),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(candidate)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut width = None;
    let consistent = reader.records().all(|r| match r {
        Ok(r) if r.iter().all(|f| f.trim().is_empty()) => true,
        Ok(r) => *width.get_or_insert(r.len()) == r.len(),
        Err(_) => false,
    });
    if consistent {
        return Ok(candidate);
    }
    let name = if candidate == b';' {
        "semicolons"
    } else {
        "tabs"
    };
    Err(vec![Diagnostic::error(
        path,
        Some(Position { line: 1, column: 1 }),
        format!(
            "the header is separated by {name}, but not every row has as many fields that way: declare the separator in the [csv] section of {table_file}, like delimiter = {}",
            shown(candidate)
        ),
    )])
}

/// Reads the records from `body_start` on, checking that every record has
/// as many fields as the header.
fn parse(
    path: &Path,
    text: &str,
    body_start: usize,
    delimiter: u8,
    lines: &Lines,
) -> Result<CsvTable, Vec<Diagnostic>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(&text.as_bytes()[body_start..]);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            return Err(vec![Diagnostic::error(
                path,
                None,
                format!("not a CSV file: {e}"),
            )])
        }
    };
    // A record starts after its line end: csv's byte position of a record
    // after `\r\n` is at the `\n`, which ends the line before.
    let line_at = |byte: Option<u64>| {
        let mut at = body_start + byte.unwrap_or(0) as usize;
        while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        lines.line_of(at)
    };
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = line_at(e.position().map(|p| p.byte()));
                problems.push(Diagnostic::error(
                    path,
                    Some(Position { line, column: 1 }),
                    format!("malformed CSV: {e}"),
                ));
                continue;
            }
        };
        let line = line_at(record.position().map(|p| p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let columns = field_columns(lines.line(line), delimiter);
        if record.len() != header.len() {
            let column = columns
                .get(header.len().min(record.len()))
                .copied()
                .unwrap_or(1);
            problems.push(Diagnostic::error(
                path,
                Some(Position { line, column }),
                format!(
                    "this row has {} field(s), the header has {} ({})",
                    record.len(),
                    header.len(),
                    header.join(", ")
                ),
            ));
            continue;
        }
        records.push(
            record
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let column = columns.get(i).copied().unwrap_or(1);
                    Field {
                        text: f.trim().to_string(),
                        at: Position { line, column },
                        number: None,
                    }
                })
                .collect(),
        );
    }
    if problems.is_empty() {
        Ok(CsvTable { header, records })
    } else {
        Err(problems)
    }
}

/// The 1-based character column where each field of a CSV line starts.
fn field_columns(line: &str, delimiter: u8) -> Vec<usize> {
    let delimiter = char::from(delimiter);
    let mut starts = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delimiter && !quoted {
            starts.push(i + 2);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, declared: Option<u8>) -> Result<CsvTable, String> {
        read_csv(Path::new("x.csv"), text, declared, "tables/t.toml").map_err(|e| {
            e.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    #[test]
    fn field_columns_skip_quoted_delimiters() {
        assert_eq!(field_columns("a;\"b;c\";d", b';'), vec![1, 3, 9]);
    }

    #[test]
    fn every_kind_of_line_end_counts_as_one_line() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["a,b", "1,2", "3,4,5", ""].join(end);
            let err = read(&text, None).err().unwrap();
            assert!(
                err.contains("x.csv:3:5: this row has 3 field(s)"),
                "{end:?}: {err}"
            );
            let ok = read(&["a,b", "1,2", "3,4"].join(end), None).unwrap();
            assert_eq!(ok.records[1][1].at, Position { line: 3, column: 3 });
        }
    }

    #[test]
    fn the_sep_line_names_the_separator_and_is_no_header() {
        let t = read("sep=;\r\nx;y\r\n1,5;2\r\n", None).unwrap();
        assert_eq!(t.header, ["x", "y"]);
        assert_eq!(t.records[0][1].text, "2");
        assert_eq!(t.records[0][1].at, Position { line: 3, column: 5 });
        let t = read("sep=|\nx|y\n1|2\n", None).unwrap();
        assert_eq!(t.records[0][1].text, "2");
        let t = read("sep=\t\nx\ty\n1\t2\n", Some(b'\t')).unwrap();
        assert_eq!(t.records[0][1].text, "2");
        let err = read("sep=;\nx;y\n", Some(b',')).err().unwrap();
        assert!(err.contains("x.csv:1:5: the first line says the fields are separated by \";\", but tables/t.toml declares delimiter = \",\""), "{err}");
        assert!(read("sep=:\nx:y\n", None)
            .err()
            .unwrap()
            .contains("does not name a field separator"));
    }

    #[test]
    fn a_semicolon_csv_is_recognised_or_refused_with_the_remedy() {
        let t = read("Land;Personen\n\"Syrien; Arab. Rep.\";1.882\n", None).unwrap();
        assert_eq!(t.records[0][0].text, "Syrien; Arab. Rep.");
        assert_eq!(t.records[0][1].text, "1.882");
        // A comma in the header: a comma CSV, as before.
        let t = read("a,b;c\n1,2\n", None).unwrap();
        assert_eq!(t.header, ["a", "b;c"]);
        let err = read("Land;Personen\nSyrien;1;882\n", None).err().unwrap();
        assert!(
            err.contains("x.csv:1:1: the header is separated by semicolons, but not every row has as many fields that way: declare the separator in the [csv] section of tables/t.toml, like delimiter = \";\""),
            "{err}"
        );
    }
}
