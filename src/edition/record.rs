//! The record of what an edition prints: every value of `values.toml` and
//! every table cell as formatted text, every chart's data, which chapter
//! lines quote which values, where tables and figures are placed, and the
//! edition's translation state. `build` writes it beside the PDF as
//! `<id>-<lang>.record.json` and the next build (or `cityprofile diff`)
//! compares two of them.
//!
//! The record is taken from the resolved edition: the same formatted texts
//! `edition.json` gives the templates, the same chart data the charts are
//! drawn from. Its JSON has sorted keys and no time stamps, so the same
//! profile always gives the same bytes ([`EditionRecord::to_json`]).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::row_grid;
use super::Formatter;
use crate::chart::ChartData;
use crate::profile::{Profile, RowContent, TableKind};
use crate::translate::state::ChapterState;

/// The version of the record's layout; a record of another version is
/// not compared (the next build starts a new one).
pub const RECORD_FORMAT: u32 = 1;

/// What one edition prints, as `<id>-<lang>.record.json` holds it.
///
/// Every field is required when a record is read back: a record that
/// lacks one is damaged, not one that prints nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EditionRecord {
    /// [`RECORD_FORMAT`] of the program that wrote it.
    pub format: u32,
    /// The profile's id.
    pub profile: String,
    /// The edition's language (BCP 47).
    pub lang: String,
    /// Every value of `values.toml` by its reference (`population.total`),
    /// as the edition prints it (`603,600`, `10.1%`).
    pub values: BTreeMap<String, String>,
    /// Every table (not lists) by id.
    pub tables: BTreeMap<String, RecordedTable>,
    /// Every drawn chart by figure id.
    pub charts: BTreeMap<String, RecordedChart>,
    /// Every data reference met in the chapters, in the order printed.
    pub quotes: Vec<Quote>,
    /// Every data reference in the texts of the data the edition prints
    /// (captions, sources, notes, cells), by file and key. Empty in a
    /// record of an earlier version, which did not keep them.
    #[serde(default)]
    pub data_quotes: Vec<DataQuote>,
    /// Where each table and figure is placed: `table:ID` or `figure:ID`
    /// to the chapter (as named in profile.toml) whose marker places it.
    pub placed: BTreeMap<String, String>,
    /// The edition's translation state.
    pub translation: TranslationRecord,
    /// The pages of the PDF (first and last, 1-based) each chapter runs
    /// over, by its name in profile.toml: filled in by `build` after
    /// layout, empty when nothing was laid out (`cityprofile diff`). Where
    /// a change is printed, never a change itself.
    pub pages: BTreeMap<String, (usize, usize)>,
}

/// A table's body rows of data, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordedTable {
    pub rows: Vec<RecordedRow>,
}

/// A row of data cells.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordedRow {
    /// The row's `id`, else its label (the first cell's text; `Total (2)`
    /// for the second row of that label), else `row N` (1-based among the
    /// table's rows).
    pub id: String,
    /// The text of its first cell.
    pub label: String,
    /// Each column's printed text by column id (`column N`, 1-based, for a
    /// column without id); a cell spanning columns is under each of them.
    pub cells: BTreeMap<String, String>,
}

/// A chart's data: what it draws, as numbers and as the edition writes
/// them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordedChart {
    /// The table it draws.
    pub table: String,
    /// The category labels, in order (years, countries, age groups).
    pub categories: Vec<String>,
    pub series: Vec<RecordedSeries>,
}

/// One series of a chart.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordedSeries {
    /// Its legend label; `series N` (1-based) when it has none.
    pub name: String,
    /// One number per category; `null` for a value the source lacks.
    pub values: Vec<Option<f64>>,
    /// The same numbers in the edition's number format (the missing-value
    /// mark for a gap).
    pub texts: Vec<String>,
}

/// A data reference in a chapter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The chapter, as named in profile.toml.
    pub chapter: String,
    /// The 1-based line of the reference in the chapter file printed;
    /// `null` when it cannot be found there.
    pub line: Option<usize>,
    /// The reference as written: `population.total`, `counts.turkey.count`.
    pub reference: String,
    /// What it prints.
    pub text: String,
}

/// A data reference in a text of the data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DataQuote {
    /// The file the text is written in, relative to the profile folder
    /// (`tables/counts.toml`; a text read from a CSV file: the CSV file).
    pub file: String,
    /// What the text is there: its key path (`caption`, `source`,
    /// `rows[rent].country.text`; see [`crate::profile::identity`]).
    pub key: String,
    /// The 1-based line of the text in its file.
    pub line: Option<usize>,
    /// The reference as written: `population.total`.
    pub reference: String,
    /// What it prints.
    pub text: String,
}

/// How far the edition's translation is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TranslationRecord {
    /// Each chapter's state: `complete`, `outdated` or `missing`.
    pub chapters: BTreeMap<String, String>,
    /// The segments whose source changed since they were translated
    /// (fuzzy), each as `<msgctxt of its PO entry>: <the start of its
    /// source text>`; empty for the source language.
    pub outdated: Vec<String>,
    /// The segments not translated at all.
    pub missing: Vec<String>,
}

impl EditionRecord {
    /// The record as `<id>-<lang>.record.json` holds it: pretty-printed,
    /// keys sorted at every level (through a `serde_json::Value`, whose
    /// objects are sorted maps), ending with a newline.
    ///
    /// Errors: none for this data; the `Result` is serde_json's.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut text = serde_json::to_string_pretty(&serde_json::to_value(self)?)?;
        text.push('\n');
        Ok(text)
    }

    /// A record read back from its file.
    ///
    /// Errors: the text is not a record of this [`RECORD_FORMAT`], or
    /// lacks one of its fields (`missing field `values``; the message says
    /// what is wrong).
    pub fn from_json(text: &str) -> Result<EditionRecord, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        // The format first: a record of another format may lack fields.
        match value.get("format").and_then(serde_json::Value::as_u64) {
            Some(format) if format == u64::from(RECORD_FORMAT) => {}
            Some(format) => {
                return Err(format!(
                    "it is a record of format {format}, this program writes format {RECORD_FORMAT}"
                ))
            }
            None => return Err("it has no `format`".to_string()),
        }
        serde_json::from_value(value).map_err(|e| e.to_string())
    }
}

/// The name of a chapter state in the record.
pub fn state_name(state: &ChapterState) -> &'static str {
    match state {
        ChapterState::Complete => "complete",
        ChapterState::Outdated => "outdated",
        ChapterState::Missing => "missing",
    }
}

/// Every value of `values.toml`, formatted as the edition prints it.
pub(super) fn values(profile: &Profile, fmt: &Formatter) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(values) = &profile.values {
        for (group, entries) in &values.value {
            for (name, cell) in entries {
                let text = fmt.cell_lines(cell.get_ref()).join(" ");
                out.insert(format!("{group}.{name}"), text);
            }
        }
    }
    out
}

/// Every table's rows of data, each cell formatted as the edition prints
/// it (a cell spanning rows or columns under each place it covers).
pub(super) fn tables(profile: &Profile, fmt: &Formatter) -> BTreeMap<String, RecordedTable> {
    let mut out = BTreeMap::new();
    for (id, table) in &profile.tables {
        let t = &table.value;
        if t.kind == TableKind::List {
            continue;
        }
        let column_ids: Vec<String> = t
            .columns
            .get_ref()
            .iter()
            .enumerate()
            .map(|(i, c)| c.id.clone().unwrap_or_else(|| format!("column {}", i + 1)))
            .collect();
        let grid = row_grid(t);
        let fmt = &super::table::table_formatter(t, fmt);
        let mut rows = Vec::new();
        let mut unnamed: BTreeMap<String, usize> = BTreeMap::new();
        for (r, row) in t.rows.iter().enumerate() {
            let row = row.get_ref();
            if !matches!(row.content, RowContent::Cells(_)) {
                continue;
            }
            let mut cells = BTreeMap::new();
            for (c, cell) in grid[r].iter().enumerate() {
                let text = cell
                    .map(|cell| fmt.cell_lines(cell).join(" "))
                    .unwrap_or_default();
                cells.insert(column_ids[c].clone(), text);
            }
            let label = grid[r]
                .first()
                .copied()
                .flatten()
                .map(|cell| fmt.cell_lines(cell).join(" "))
                .unwrap_or_default();
            let mut id = match (&row.id, label.trim()) {
                (Some(id), _) => id.clone(),
                (None, "") => format!("row {}", r + 1),
                (None, label) => label.to_string(),
            };
            // Two rows without id under one label stay two rows.
            if row.id.is_none() {
                let seen = unnamed.entry(id.clone()).or_insert(0usize);
                *seen += 1;
                if *seen > 1 {
                    id = format!("{id} ({seen})");
                }
            }
            rows.push(RecordedRow { id, label, cells });
        }
        out.insert(id.to_string(), RecordedTable { rows });
    }
    out
}

/// A chart's data as recorded: its numbers and their printed form.
pub(super) fn chart(table: &str, data: &ChartData, fmt: &Formatter) -> RecordedChart {
    let series = data
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| RecordedSeries {
            name: if s.name.trim().is_empty() {
                format!("series {}", i + 1)
            } else {
                s.name.clone()
            },
            values: s.values.clone(),
            texts: s
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| match (v, s.mark(i)) {
                    (_, Some(mark)) => mark.to_string(),
                    (Some(v), None) => fmt.quantity_with_decimals(*v, None, s.decimals),
                    (None, None) => fmt.strings.missing_value.clone(),
                })
                .collect(),
        })
        .collect();
    RecordedChart {
        table: table.to_string(),
        categories: data.categories.clone(),
        series,
    }
}

/// Every data reference in the texts of the data that the edition of
/// `fmt` prints (in its language, or the language it falls back to), with
/// what it prints, in the order of [`crate::profile::identity::texts`],
/// then those of plain table cells.
pub(super) fn data_quotes(profile: &Profile, fmt: &Formatter) -> Vec<DataQuote> {
    let mut out = Vec::new();
    let mut add = |file: String, key: String, line: Option<usize>, printed: &str| {
        for reference in references_in(printed) {
            if let Ok(text) = super::resolve::lookup_value(profile, fmt, &reference) {
                out.push(DataQuote {
                    file: file.clone(),
                    key: key.clone(),
                    line,
                    reference,
                    text,
                });
            }
        }
    };
    for text in crate::profile::identity::texts(profile) {
        let Some((_, printed)) =
            super::stale_numbers::printed_text(text.text, fmt.lang, fmt.source_lang)
        else {
            continue;
        };
        if !printed.contains("{{") {
            continue;
        }
        let (file, line) = match &text.csv {
            Some(csv) => (csv.file.clone(), Some(csv.line)),
            None => (
                text.id.file.clone(),
                Some(text.file.position(text.text.span.start).line),
            ),
        };
        add(file, text.id.path.clone(), line, printed);
    }
    for (id, table) in &profile.tables {
        for cell in table.value.all_cells() {
            for line in crate::profile::cell::lines_of(cell) {
                if let crate::profile::CellValue::Plain(s) = &line.get_ref().value {
                    if s.contains("{{") {
                        let at = table.file.position(line.span().start).line;
                        add(format!("tables/{id}.toml"), "cell".into(), Some(at), s);
                    }
                }
            }
        }
    }
    out
}

/// The references `{{group.name}}` of a text, as written inside the braces.
fn references_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("{{") {
        let start = from + start;
        let Some(len) = text[start + 2..].find("}}") else {
            break;
        };
        found.push(text[start + 2..start + 2 + len].trim().to_string());
        from = start + 2 + len + 2;
    }
    found
}

/// The 1-based lines of the data references `{{reference}}` in a
/// chapter's text, in order.
pub(super) fn reference_lines(text: &str, reference: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("{{") {
        let start = from + start;
        let Some(len) = text[start + 2..].find("}}") else {
            break;
        };
        let inner = &text[start + 2..start + 2 + len];
        if inner.trim() == reference {
            lines.push(text[..start].matches('\n').count() + 1);
        }
        from = start + 2;
    }
    lines
}

/// The translation state of an edition: its chapters' states and, for a
/// language other than the source language, the segments its catalog
/// would mark fuzzy or leave untranslated (as `translate export` writes
/// them). A catalog that cannot be made leaves the segment lists empty
/// (the build reports why elsewhere).
pub(super) fn translation(
    profile: &Profile,
    lang: &str,
    chapters: &[(String, ChapterState)],
) -> TranslationRecord {
    let mut record = TranslationRecord {
        chapters: chapters
            .iter()
            .map(|(name, state)| (name.clone(), state_name(state).to_string()))
            .collect(),
        ..TranslationRecord::default()
    };
    if lang == profile.source_language() {
        return record;
    }
    if let Ok(catalog) = crate::translate::po::export(profile, lang) {
        for entry in &catalog.entries {
            if entry.is_translated() {
                continue;
            }
            let identity = segment_identity(&entry.context, &entry.source);
            if entry.fuzzy {
                record.outdated.push(identity);
            } else {
                record.missing.push(identity);
            }
        }
    }
    record
}

/// How the record names a segment: its `msgctxt` and the first 60
/// characters of its source text (`intro paragraph: Testcity has …`).
fn segment_identity(context: &str, source: &str) -> String {
    let flat = source.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut start: String = flat.chars().take(60).collect();
    if start.len() < flat.len() {
        start.push('…');
    }
    format!("{context}: {start}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_on_their_lines() {
        let text = "# T\n\nHas {{a.b}} and {{ c.d }};\nagain {{a.b}}.\n";
        assert_eq!(reference_lines(text, "a.b"), vec![3, 4]);
        assert_eq!(reference_lines(text, "c.d"), vec![3]);
        assert_eq!(reference_lines(text, "x.y"), Vec::<usize>::new());
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let mut record = EditionRecord {
            format: RECORD_FORMAT,
            lang: "en".into(),
            ..EditionRecord::default()
        };
        record.values.insert("p.total".into(), "603,600".into());
        let text = record.to_json().expect("serialises");
        assert_eq!(EditionRecord::from_json(&text), Ok(record));
    }

    #[test]
    fn a_record_missing_its_fields_is_refused_not_read_as_empty() {
        let text = r#"{"format":1,"lang":"en","profile":"x"}"#;
        let problem = EditionRecord::from_json(text).expect_err("refused");
        assert!(problem.contains("missing field"), "{problem}");
    }

    #[test]
    fn a_record_of_another_format_is_refused() {
        let text = r#"{"format": 99}"#;
        let problem = EditionRecord::from_json(text).expect_err("refused");
        assert!(problem.contains("format 99"), "{problem}");
    }
}
