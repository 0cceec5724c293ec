//! Table rows from a CSV file as a statistics office publishes it: which CSV
//! column feeds which table column, and the CSV's own number format
//! (`603.600` and `10,1` in a German file), read with the separators of that
//! locale's CLDR data. Errors name the CSV file, its line and column.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::text::{Cell, CellSpec, LocalText, TextContent, Unit};
use super::{RowSpec, SourceFile};
use crate::diagnostics::{Diagnostic, Position};
use crate::locale::NumberFormat;

/// `[csv]` in a table file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsvSource {
    /// The CSV file, relative to the profile folder (`data/arrivals.csv`).
    pub file: Spanned<String>,
    /// The language whose number format the CSV uses: `de` for `603.600`
    /// and `10,1`, `en` for `603,600` and `10.1`.
    pub locale: Spanned<String>,
    /// The field separator: `,` (default), `;` or `\t`.
    pub delimiter: Option<Spanned<String>>,
    /// The CSV column whose values are the row ids (for `{{table.row.column}}`).
    pub id: Option<Spanned<String>>,
    /// One entry per table column, in the table's column order.
    pub columns: Spanned<Vec<CsvColumn>>,
}

/// Which CSV column feeds a table column, and how to read it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsvColumn {
    /// The CSV column (its header), or one per language for texts:
    /// `{ en = "country_en", de = "Land" }`.
    pub from: CsvFrom,
    #[serde(default)]
    pub kind: CsvKind,
    /// For counts: a CSV column with the share printed beside it (`113,000 (19%)`).
    pub share: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum CsvFrom {
    Column(String),
    PerLanguage(BTreeMap<String, String>),
}

/// How a CSV column's values are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CsvKind {
    #[default]
    Text,
    Number,
    Percent,
    Eur,
}

/// A CSV file read into rows of fields, with each field's line and column.
struct CsvTable {
    header: Vec<String>,
    records: Vec<Vec<(String, Position)>>,
}

/// The rows a table's `[csv]` gives, or every problem found in the CSV.
pub fn rows(
    profile_dir: &Path,
    table_file: &SourceFile,
    source: &Spanned<CsvSource>,
) -> Result<Vec<Spanned<RowSpec>>, Vec<Diagnostic>> {
    let spec = source.get_ref();
    let span = source.span();
    let toml_error = |offset: usize, message: String| table_file.error(offset, message);
    let path = profile_dir.join(spec.file.get_ref());
    let numbers = NumberFormat::new(spec.locale.get_ref(), Some("latn"))
        .map(CsvNumbers::new)
        .map_err(|e| {
            vec![toml_error(
                spec.locale.span().start,
                format!("`locale`: {e}"),
            )]
        })?;
    let delimiter = match spec.delimiter.as_ref().map(|d| d.get_ref().as_str()) {
        None | Some(",") => b',',
        Some(";") => b';',
        Some("\t") | Some("\\t") => b'\t',
        Some(other) => {
            let at = spec.delimiter.as_ref().map_or(0, |d| d.span().start);
            return Err(vec![toml_error(
                at,
                format!("`delimiter` `{other}` is not one of \",\", \";\", \"\\t\""),
            )]);
        }
    };
    let text = fs::read_to_string(&path).map_err(|e| {
        vec![toml_error(
            spec.file.span().start,
            format!("cannot read the CSV file {}: {e}", path.display()),
        )]
    })?;
    let csv = read_csv(&path, &text, delimiter)?;

    let mut problems = Vec::new();
    let column_index = |name: &str, at: usize, problems: &mut Vec<Diagnostic>| {
        let found = csv.header.iter().position(|h| h == name);
        if found.is_none() {
            problems.push(toml_error(
                at,
                format!(
                    "the CSV {} has no column `{name}` (its columns: {})",
                    spec.file.get_ref(),
                    csv.header.join(", ")
                ),
            ));
        }
        found
    };
    let at = spec.columns.span().start;
    let id_column = spec
        .id
        .as_ref()
        .and_then(|id| column_index(id.get_ref(), id.span().start, &mut problems));
    let mut mapped = Vec::new();
    for column in spec.columns.get_ref() {
        let from = match &column.from {
            CsvFrom::Column(name) => column_index(name, at, &mut problems).map(Source::One),
            CsvFrom::PerLanguage(names) => {
                let mut indices = BTreeMap::new();
                for (lang, name) in names {
                    if let Some(i) = column_index(name, at, &mut problems) {
                        indices.insert(lang.clone(), i);
                    }
                }
                Some(Source::PerLanguage(indices))
            }
        };
        let share = column
            .share
            .as_ref()
            .and_then(|name| column_index(name, at, &mut problems));
        mapped.push((from, column.kind, share));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut rows = Vec::new();
    for record in &csv.records {
        let mut cells = Vec::new();
        for (from, kind, share) in &mapped {
            let cell = match (from, kind) {
                (Some(Source::One(i)), CsvKind::Text) => Ok(Cell::Text(record[*i].0.clone())),
                (Some(Source::PerLanguage(indices)), _) => Ok(Cell::Detailed(Box::new(CellSpec {
                    text: Some(LocalText {
                        span: span.clone(),
                        content: TextContent::PerLanguage(
                            indices
                                .iter()
                                .map(|(lang, i)| (lang.clone(), record[*i].0.clone()))
                                .collect(),
                        ),
                    }),
                    ..CellSpec::default()
                }))),
                (Some(Source::One(i)), kind) => {
                    let (field, position) = &record[*i];
                    let value = numbers.parse(field, &path, *position);
                    let share_value = share.map(|s| {
                        let (field, position) = &record[s];
                        numbers.parse(field, &path, *position)
                    });
                    match (value, share_value.transpose()) {
                        (Ok(value), Ok(share)) => Ok(Cell::Detailed(Box::new(CellSpec {
                            value: Some(value),
                            unit: match kind {
                                CsvKind::Percent => Some(Unit::Percent),
                                CsvKind::Eur => Some(Unit::Eur),
                                _ => None,
                            },
                            share,
                            ..CellSpec::default()
                        }))),
                        (Err(d), _) | (_, Err(d)) => Err(d),
                    }
                }
                (None, _) => continue,
            };
            match cell {
                Ok(cell) => cells.push(Spanned::new(span.clone(), cell)),
                Err(d) => problems.push(d),
            }
        }
        rows.push(Spanned::new(
            span.clone(),
            RowSpec {
                id: id_column.map(|i| record[i].0.clone()),
                cells: Some(cells),
                group: None,
                head: None,
                footnote: None,
            },
        ));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

enum Source {
    One(usize),
    PerLanguage(BTreeMap<String, usize>),
}

/// Reads the CSV, checking that every record has as many fields as the header.
fn read_csv(path: &Path, text: &str, delimiter: u8) -> Result<CsvTable, Vec<Diagnostic>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
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
    let lines: Vec<&str> = text.lines().collect();
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(Diagnostic::error(
                    path,
                    Some(Position { line, column: 1 }),
                    format!("malformed CSV: {e}"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let columns = field_columns(lines.get(line.saturating_sub(1)).unwrap_or(&""), delimiter);
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
                    (f.trim().to_string(), Position { line, column })
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

/// How a CSV writes its numbers: its locale's CLDR separators, read once.
struct CsvNumbers {
    format: NumberFormat,
    group: char,
    decimal: char,
}

impl CsvNumbers {
    fn new(format: NumberFormat) -> Self {
        let (group, decimal) = format.separators();
        CsvNumbers {
            format,
            group,
            decimal,
        }
    }

    /// A number written in the CSV's locale: `603.600`, `10,1`, `10,1 %`.
    fn parse(&self, field: &str, path: &Path, position: Position) -> Result<f64, Diagnostic> {
        let (group, decimal) = (self.group, self.decimal);
        let mut plain = String::new();
        for c in field.trim().trim_end_matches('%').trim().chars() {
            if c == decimal {
                plain.push('.');
            } else if c == group || (group.is_whitespace() && c.is_whitespace()) {
                continue;
            } else {
                plain.push(c);
            }
        }
        let well_formed = !plain.is_empty()
            && plain
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.')
            && plain.matches('.').count() <= 1;
        match plain.parse::<f64>() {
            Ok(value) if well_formed => Ok(value),
            _ => Err(Diagnostic::error(
                path,
                Some(position),
                format!(
                    "`{field}` is not a number in this CSV's format (like {} or {})",
                    self.format.number(603600.0),
                    self.format.number(10.1)
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_in_the_csv_locale() {
        let de = CsvNumbers::new(NumberFormat::new("de", Some("latn")).unwrap());
        let at = Position { line: 2, column: 3 };
        let p = Path::new("x.csv");
        assert_eq!(de.parse("603.600", p, at).unwrap(), 603600.0);
        assert_eq!(de.parse("10,1", p, at).unwrap(), 10.1);
        assert_eq!(de.parse("10,1 %", p, at).unwrap(), 10.1);
        assert_eq!(de.parse("-1.234,5", p, at).unwrap(), -1234.5);
        let err = de.parse("1.88x2", p, at).unwrap_err();
        assert!(
            err.to_string().contains(
                "x.csv:2:3: `1.88x2` is not a number in this CSV's format (like 603.600 or 10,1)"
            ),
            "{err}"
        );
        let en = CsvNumbers::new(NumberFormat::new("en", None).unwrap());
        assert_eq!(en.parse("603,600", p, at).unwrap(), 603600.0);
        assert!(en.parse("10,1.5.3", p, at).is_err());
        let fr = CsvNumbers::new(NumberFormat::new("fr", None).unwrap());
        assert_eq!(fr.parse("603 600", p, at).unwrap(), 603600.0);
    }

    #[test]
    fn field_columns_skip_quoted_delimiters() {
        assert_eq!(field_columns("a;\"b;c\";d", b';'), vec![1, 3, 9]);
    }
}
