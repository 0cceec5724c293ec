//! Table rows from a CSV file as a statistics office publishes it: which CSV
//! column feeds which table column, the CSV's own number format (`603.600`
//! and `10,1` in a German file, read strictly with the separators of that
//! locale's CLDR data), its missing-value marks (Destatis `.` `-` `x` `...`,
//! Eurostat `:`, an empty field) and its text encoding (UTF-8, or a declared
//! legacy encoding such as Windows-1252, decoded with `encoding_rs`). Errors
//! name the CSV file, its line and column.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::cell::{Affix, Cell, CellValue, MissingMark, Quantity, Share};
use super::csv_numbers::CsvNumbers;
use super::csv_read;
pub use super::missing_marks::DEFAULT_MISSING_MARKS;
use super::missing_marks::{Mark, MissingMarks};
use super::sheet_read::{self, SheetFormat};
use super::table::{Row, RowContent};
use super::text::{LocalText, TextContent, MAX_DECIMALS};
use super::written_decimals::kept;
use crate::base::diag::{Diagnostic, Label};
use crate::base::source::{SourceFile, Sources};
use crate::base::units::Unit;
use crate::locale::{NumberFormat, NumberingSystem};

/// `[csv]` in a table file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsvSource {
    /// The CSV file, relative to the profile folder (`data/arrivals.csv`).
    pub file: Spanned<String>,
    /// The language whose number format the CSV uses: `de` for `603.600`
    /// and `10,1`, `en` for `603,600` and `10.1`.
    pub locale: Spanned<String>,
    /// The field separator: `,`, `;`, `\t` or `|`; without one, that of
    /// the CSV's `sep=` first line, or `;` (or a tab) when the header is
    /// separated that way and has no `,`, else `,`.
    pub delimiter: Option<Spanned<String>>,
    /// The CSV column whose values are the row ids (for `{{table.row.column}}`).
    pub id: Option<Spanned<String>>,
    /// The file's text encoding: `"utf-8"` (default), `"windows-1252"`,
    /// `"iso-8859-1"` or any other WHATWG encoding label.
    pub encoding: Option<Spanned<String>>,
    /// The marks that stand for a missing value in number columns: a list
    /// (default: [`DEFAULT_MISSING_MARKS`]: an empty field, `.`, `-`, `x`,
    /// `...`, `…`, `:`), or each mark with its meaning
    /// (`{ "-" = "nothing", "x" = "secret" }`, see [`MissingMarks`]).
    pub missing: Option<Spanned<MissingMarks>>,
    /// One entry per table column, in the table's column order.
    pub columns: Spanned<Vec<CsvColumn>>,
    /// For a spreadsheet (`.xlsx`, `.ods`, `.xls`): the sheet's name;
    /// without it, the first sheet.
    pub sheet: Option<Spanned<String>>,
    /// For a spreadsheet: the cells read, in A1 notation (`"B3:F20"`);
    /// without it, the cells the sheet uses.
    pub range: Option<Spanned<String>>,
    /// For a spreadsheet: the sheet's row (as numbered in the sheet, from
    /// one) with the column headings; without it, the range's first row.
    /// The rows below it are the table's rows.
    pub header_row: Option<Spanned<u32>>,
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
    /// The unit of a `number` or `count` column: a currency such as `"TND"`,
    /// `"km2"`, `"year"` (see the cell key `unit`).
    pub unit: Option<Spanned<crate::base::units::Unit>>,
    /// For counts: a CSV column with the share printed beside it (`113,000 (19%)`).
    pub share: Option<String>,
    /// How many digits every value of the column prints after the decimal
    /// separator (`decimals = 1`: `16.0 %`, `12.8 %`); without it, as many
    /// as each field is written with (`16,0` keeps its zero).
    pub decimals: Option<Spanned<u8>>,
}

/// The CSV column of a table column: one name, or one per language.
#[derive(Debug, Clone)]
pub enum CsvFrom {
    Column(String),
    PerLanguage(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for CsvFrom {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FromVisitor;
        impl<'de> serde::de::Visitor<'de> for FromVisitor {
            type Value = CsvFrom;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a CSV column name like \"Personen\", or one per language like { en = \"Country\", de = \"Land\" }")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<CsvFrom, E> {
                Ok(CsvFrom::Column(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<CsvFrom, A::Error> {
                let mut names = BTreeMap::new();
                while let Some(lang) = map.next_key::<String>()? {
                    if !crate::base::lang::is_language_code(&lang) {
                        return Err(serde::de::Error::custom(format!(
                            "`{lang}` is not a language code: write one CSV column per language, like {{ en = \"Country\", de = \"Land\" }}"
                        )));
                    }
                    names.insert(lang, map.next_value::<String>()?);
                }
                Ok(CsvFrom::PerLanguage(names))
            }
        }
        deserializer.deserialize_any(FromVisitor)
    }
}

/// How a CSV column's values are read and printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CsvKind {
    /// Text, printed as written.
    #[default]
    Text,
    /// Whole numbers (persons, arrivals): a decimal is an error.
    Count,
    /// Any number (`10,1` in a German file).
    Number,
    /// A percentage (`41,5` or `41,5 %`).
    Percent,
    /// A calendar year (`2014`), printed without grouping.
    Year,
    /// An amount in euros (the same as `kind = "number", unit = "EUR"`).
    Eur,
}

impl CsvKind {
    pub(super) fn name(self) -> &'static str {
        match self {
            CsvKind::Text => "text",
            CsvKind::Count => "count",
            CsvKind::Number => "number",
            CsvKind::Percent => "percent",
            CsvKind::Year => "year",
            CsvKind::Eur => "eur",
        }
    }
}

/// The rows read from a CSV file, and warnings about numbers that look mistyped.
pub type CsvRows = (Vec<Spanned<Row>>, Vec<Diagnostic>);

/// The rows a table's `[csv]` gives (with warnings about numbers that look
/// mistyped), or every problem found in the CSV.
pub fn rows(
    sources: &Sources,
    profile_dir: &Path,
    table_file: &SourceFile,
    source: &Spanned<CsvSource>,
) -> Result<CsvRows, Vec<Diagnostic>> {
    let spec = source.get_ref();
    let span = source.span();
    let toml_error = |offset: usize, message: String| table_file.error(offset, message);
    let path = profile_dir.join(spec.file.get_ref());
    let numbers = NumberFormat::new(spec.locale.get_ref(), Some(NumberingSystem::Latn))
        .map(|f| CsvNumbers::new(f, spec.locale.get_ref()))
        .map_err(|e| {
            vec![toml_error(
                spec.locale.span().start,
                format!("`locale`: {e}"),
            )]
        })?;
    let delimiter = match spec.delimiter.as_ref() {
        None => None,
        Some(d) => match d.get_ref().as_str() {
            "\\t" => Some(b'\t'),
            one if one.len() == 1 && csv_read::DELIMITERS.contains(&one.as_bytes()[0]) => {
                Some(one.as_bytes()[0])
            }
            other => {
                return Err(vec![toml_error(
                    d.span().start,
                    format!("`delimiter` `{other}` is not one of \",\", \";\", \"\\t\", \"|\""),
                )]);
            }
        },
    };
    let sheet_format = SheetFormat::of(spec.file.get_ref());
    let bytes = sources.read(&path).map_err(|e| {
        vec![toml_error(
            spec.file.span().start,
            format!(
                "cannot read the {} {}: {}",
                if sheet_format.is_some() {
                    "spreadsheet"
                } else {
                    "CSV file"
                },
                crate::base::diag::shown_path(&path).display(),
                crate::base::io::io_reason(&e)
            ),
        )]
    })?;
    sheet_read::check_keys(spec, sheet_format, table_file)?;
    // A problem in the data file also names the table that reads it.
    let reader = Label::at(
        &table_file.path,
        &table_file.text,
        spec.file.span(),
        "the file is read here",
    );
    let name_reader = |problems: Vec<Diagnostic>| -> Vec<Diagnostic> {
        problems
            .into_iter()
            .map(|d| {
                if d.file.as_deref() == Some(&*path) {
                    d.with_label(reader.clone())
                } else {
                    d
                }
            })
            .collect()
    };
    let (csv, sheet, mut found) = match sheet_format {
        Some(format) => {
            let (table, sheet, found) =
                sheet_read::read_sheet(&path, &bytes, format, spec, table_file)
                    .map_err(name_reader)?;
            (table, Some(sheet), found)
        }
        None => {
            let text = csv_read::decode(&path, &bytes, spec, table_file).map_err(name_reader)?;
            let table_shown = crate::base::diag::shown_path(&table_file.path);
            let shown = table_shown.display().to_string();
            let table = csv_read::read_csv(&path, &text, delimiter, &shown).map_err(name_reader)?;
            (table, None, Vec::new())
        }
    };
    let located = |d: Diagnostic| {
        let in_data_file = d.file.as_deref() == Some(&*path);
        let d = match &sheet {
            Some(sheet) => sheet_read::in_sheet(d, &path, sheet),
            None => d,
        };
        if in_data_file {
            d.with_label(reader.clone())
        } else {
            d
        }
    };
    // A cell that could not be read is named once, for what it holds.
    let read = read_rows(&path, spec, span, &numbers, &csv, table_file);
    match read {
        Ok((rows, warnings)) if found.is_empty() => {
            Ok((rows, warnings.into_iter().map(located).collect()))
        }
        Ok(_) => Err(found.into_iter().map(located).collect()),
        Err(problems) => {
            let named: Vec<_> = found.iter().map(|d| d.position).collect();
            found.extend(
                problems
                    .into_iter()
                    .filter(|d| d.file.as_deref() != Some(&*path) || !named.contains(&d.position)),
            );
            Err(found.into_iter().map(located).collect())
        }
    }
}

/// The table's rows from the fields of `csv`, read as `spec` declares.
fn read_rows(
    path: &Path,
    spec: &CsvSource,
    span: std::ops::Range<usize>,
    numbers: &CsvNumbers,
    csv: &csv_read::CsvTable,
    table_file: &SourceFile,
) -> Result<CsvRows, Vec<Diagnostic>> {
    let toml_error = |offset: usize, message: String| table_file.error(offset, message);
    let missing_marks = spec
        .missing
        .as_ref()
        .map(|m| m.get_ref().clone())
        .unwrap_or_default();
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
        if let Some(unit) = &column.unit {
            if !matches!(column.kind, CsvKind::Number | CsvKind::Count) {
                problems.push(toml_error(
                    unit.span().start,
                    format!(
                        "`unit` goes with kind = \"number\" or \"count\", not kind = \"{}\"",
                        column.kind.name()
                    ),
                ));
            }
        }
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
        // A share is a percentage (with decimals), read under its own
        // column's name.
        let share = column
            .share
            .as_ref()
            .and_then(|name| column_index(name, at, &mut problems).map(|i| (i, name.clone())));
        let name = match &column.from {
            CsvFrom::Column(name) => name.clone(),
            CsvFrom::PerLanguage(names) => names.values().next().cloned().unwrap_or_default(),
        };
        let unit = match column.kind {
            CsvKind::Percent => Some(Unit::Percent),
            CsvKind::Eur => Some(Unit::EUR),
            CsvKind::Year => Some(Unit::Year),
            _ => column.unit.as_ref().map(|u| *u.get_ref()),
        };
        let decimals = column.decimals.as_ref().map(|d| *d.get_ref());
        if let Some(d) = &column.decimals {
            if !matches!(
                column.kind,
                CsvKind::Number | CsvKind::Percent | CsvKind::Eur
            ) || *d.get_ref() > MAX_DECIMALS
            {
                problems.push(toml_error(
                    d.span().start,
                    format!("`decimals` (0 to {MAX_DECIMALS}) goes with kind = \"number\", \"percent\" or \"eur\", not kind = \"{}\"", column.kind.name()),
                ));
            }
        }
        mapped.push((from, column.kind, share, unit, name, decimals));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    // The fields the table reads; a row with none of them filled (a note
    // under the table, a source line beside it) is not a table row.
    let mut read_fields: Vec<usize> = id_column.into_iter().collect();
    for (from, _, share, ..) in &mapped {
        match from {
            Some(Source::One(i)) => read_fields.push(*i),
            Some(Source::PerLanguage(indices)) => read_fields.extend(indices.values()),
            None => {}
        }
        read_fields.extend(share.as_ref().map(|(i, _)| *i));
    }
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for record in &csv.records {
        let blank = |f: &csv_read::Field| f.text.is_empty() && f.number.is_none();
        if read_fields.iter().all(|i| record.get(*i).is_none_or(blank)) {
            if let Some((i, note)) = record.iter().enumerate().find(|(_, f)| !blank(f)) {
                let column = csv.header.get(i).filter(|h| !h.is_empty());
                let advice = if SheetFormat::of(spec.file.get_ref()).is_some() {
                    "a note or a source line? set `range` to the cells of the figures to leave such rows out without this warning"
                } else {
                    "a note or a source line? keep such lines out of the CSV file to leave them out without this warning"
                };
                warnings.push(Diagnostic::warning(
                    path,
                    Some(note.at),
                    format!(
                        "this row has nothing in the columns that are read, only `{}`{}: it is left out ({advice})",
                        note.text,
                        column.map(|c| format!(" in column `{c}`")).unwrap_or_default()
                    ),
                ));
            }
            continue;
        }
        let mut cells = Vec::new();
        for (from, kind, share, unit, name, declared) in &mapped {
            let number = |i: usize,
                          kind: CsvKind,
                          share: bool,
                          name: &str,
                          warnings: &mut Vec<Diagnostic>| {
                let (field, position) = (&record[i].text, &record[i].at);
                if let Some(stored) = &record[i].number {
                    return stored
                        .read(kind, share, name, path, *position)
                        .map(|(value, decimals)| Ok((value, decimals)));
                }
                if let Some(mark) = missing_marks.mark(field) {
                    return Ok(Err(mark));
                }
                if field.trim().is_empty() {
                    return Err(Diagnostic::error(
                        path,
                        Some(*position),
                        format!("an empty field in column `{name}`, and this CSV's `missing` gives an empty field no meaning: write the office's mark, or add \"\" = \"unknown\" to `missing`"),
                    ));
                }
                let read = numbers.parse(field, kind, name, path, *position)?;
                // Three decimals are right for money in some currencies (TND).
                if !matches!(unit, Some(Unit::Currency(_))) {
                    warnings.extend(read.warning);
                }
                Ok(Ok((read.value, kept(read.value, Some(read.decimals)))))
            };
            let cell = match (from, kind) {
                (Some(Source::One(i)), CsvKind::Text) => {
                    let (field, position) = (&record[*i].text, &record[*i].at);
                    if record[*i].number.is_none() {
                        warnings.extend(numbers.looks_foreign(field, name, path, *position));
                    }
                    Ok(Cell::of(CellValue::Plain(field.clone())))
                }
                (Some(Source::PerLanguage(indices)), _) => {
                    Ok(Cell::of(CellValue::Text(LocalText::new(
                        span.clone(),
                        TextContent::PerLanguage(
                            indices
                                .iter()
                                .map(|(lang, i)| (lang.clone(), record[*i].text.clone()))
                                .collect(),
                        ),
                    ))))
                }
                (Some(Source::One(i)), _) => {
                    let value = number(*i, *kind, false, name, &mut warnings);
                    let share_value = share
                        .as_ref()
                        .map(|(s, share_name)| {
                            number(*s, CsvKind::Number, true, share_name, &mut warnings)
                        })
                        .transpose();
                    match (value, share_value) {
                        (Ok(Err(mark)), Ok(_)) => Ok(Cell::of(CellValue::Missing(match mark {
                            Mark::Plain => None,
                            Mark::Meaning(mark, meaning) => Some(MissingMark { mark, meaning }),
                        }))),
                        (Ok(Ok((value, written))), Ok(share)) => {
                            let share = share.and_then(Result::ok);
                            Ok(Cell::of(CellValue::Quantity(Quantity {
                                affix: unit.map(Affix::Unit),
                                share: share.map(|(value, decimals)| Share { value, decimals }),
                                decimals: declared.or(written),
                                ..Quantity::number(value)
                            })))
                        }
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
            Row {
                id: id_column.map(|i| record[i].text.clone()),
                content: RowContent::Cells(cells),
                footnote: None,
                csv_line: record.first().map(|field| field.at.line),
            },
        ));
    }
    if problems.is_empty() {
        Ok((rows, warnings))
    } else {
        Err(problems)
    }
}

enum Source {
    One(usize),
    PerLanguage(BTreeMap<String, usize>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::diag::Position;

    fn reader(lang: &str) -> CsvNumbers {
        CsvNumbers::new(
            NumberFormat::new(lang, Some(NumberingSystem::Latn)).unwrap(),
            lang,
        )
    }

    fn read(numbers: &CsvNumbers, field: &str, kind: CsvKind) -> Result<f64, String> {
        let at = Position { line: 2, column: 3 };
        numbers
            .parse(field, kind, "Personen", Path::new("x.csv"), at)
            .map(|r| r.value)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn numbers_are_read_in_the_csv_locale() {
        let de = reader("de");
        let n = CsvKind::Number;
        assert_eq!(read(&de, "603.600", n).unwrap(), 603600.0);
        assert_eq!(read(&de, "10,1", n).unwrap(), 10.1);
        assert_eq!(read(&de, "10,1 %", CsvKind::Percent).unwrap(), 10.1);
        assert_eq!(read(&de, "-1.234,5", n).unwrap(), -1234.5);
        assert_eq!(read(&de, "\u{2212}13.000", n).unwrap(), -13000.0);
        let err = read(&de, "1.88x2", n).unwrap_err();
        assert!(
            err.contains("x.csv:2:3: `1.88x2` is not a number in this CSV's format (`locale = \"de\"`, like 603.600 or 10,1)"),
            "{err}"
        );
        let en = reader("en");
        assert_eq!(read(&en, "603,600", n).unwrap(), 603600.0);
        assert!(read(&en, "10,1.5.3", n).is_err());
        let fr = reader("fr");
        assert_eq!(read(&fr, "603 600", n).unwrap(), 603600.0);
        assert_eq!(read(&fr, "603\u{202f}600", n).unwrap(), 603600.0);
        assert_eq!(read(&fr, "-2,5", n).unwrap(), -2.5);
    }

    #[test]
    fn numbers_in_another_locale_are_errors_not_other_numbers() {
        let de = reader("de");
        // An English decimal in a German file: the grouping separator is misplaced.
        let err = read(&de, "41.5", CsvKind::Percent).unwrap_err();
        assert!(
            err.contains("must stand between groups of three digits"),
            "{err}"
        );
        // An English thousands separator in a count column: a decimal in a count.
        let err = read(&de, "1,882", CsvKind::Count).unwrap_err();
        assert!(
            err.contains("holds counts (kind = \"count\"), which have no decimals"),
            "{err}"
        );
        assert!(read(&de, "1.88", CsvKind::Number).is_err());
        assert!(read(&de, "12.3456", CsvKind::Number).is_err());
        assert!(read(&de, "7 %", CsvKind::Count)
            .unwrap_err()
            .contains("not a percent column"));
        // In a number column, 1,882 is a decimal in German, with a warning.
        let at = Position { line: 2, column: 3 };
        let read = de
            .parse("1,882", CsvKind::Number, "Personen", Path::new("x.csv"), at)
            .unwrap();
        assert_eq!(read.value, 1.882);
        let warning = read.warning.unwrap().to_string();
        assert!(
            warning.contains("if it means 1882, write it 1.882"),
            "{warning}"
        );
    }

    #[test]
    fn arabic_indic_digits_and_swiss_apostrophes_read_as_their_latin_twins() {
        let ar = reader("ar");
        let n = CsvKind::Number;
        assert_eq!(read(&ar, "٥٥٢٬٥١١", n).unwrap(), 552511.0);
        assert_eq!(read(&ar, "552,511", n).unwrap(), 552511.0);
        assert_eq!(read(&ar, "٤١٫٥", n).unwrap(), 41.5);
        assert_eq!(read(&ar, "\u{200f}-٤١٫٥", n).unwrap(), -41.5);
        assert_eq!(read(&ar, "٤١٫٥٪\u{061c}", CsvKind::Percent).unwrap(), 41.5);
        assert!(read(&ar, "٥٥٢٬٥١", n).is_err());
        let fa = reader("fa");
        assert_eq!(read(&fa, "۵۵۲٬۵۱۱", n).unwrap(), 552511.0);
        assert_eq!(read(&fa, "۴۱٫۵", n).unwrap(), 41.5);
        // A locale that writes Latin digits does not read Arabic-Indic ones.
        assert!(read(&reader("en"), "٥٥٢", n).is_err());
        for (swiss, decimal) in [("de-CH", "."), ("fr-CH", ",")] {
            let ch = reader(swiss);
            for group in ["'", "\u{2019}"] {
                let field = format!("1{group}234{decimal}5");
                assert_eq!(read(&ch, &field, n).unwrap(), 1234.5, "{swiss} {field}");
            }
        }
    }

    #[test]
    fn a_text_field_written_as_another_locale_number_is_warned_about() {
        let at = Position { line: 4, column: 7 };
        let en = reader("en");
        let warning = en
            .looks_foreign("1.234,5", "Note", Path::new("x.csv"), at)
            .unwrap()
            .to_string();
        assert!(
            warning.contains("x.csv:4:7: `1.234,5` in the text column `Note` looks like the number 1,234.5 written with `.` grouping and `,` decimals"),
            "{warning}"
        );
        assert!(en
            .looks_foreign("1,234.5", "Note", Path::new("x.csv"), at)
            .is_none());
        assert!(en
            .looks_foreign("2019", "Note", Path::new("x.csv"), at)
            .is_none());
        assert!(en
            .looks_foreign("Syria", "Note", Path::new("x.csv"), at)
            .is_none());
        let de = reader("de");
        assert!(de
            .looks_foreign("1,234.5", "Note", Path::new("x.csv"), at)
            .is_some());
    }
}
