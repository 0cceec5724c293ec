//! What changed between two records of an edition (see
//! [`crate::edition::record`]): the values, table cells and rows, chart
//! data, sentences and translation segments that print differently. A
//! build compares each edition with the record the previous build wrote
//! and prints [`EditionChanges::summary`]; `cityprofile diff` compares two
//! profile folders. [`markdown`] writes the readable report of both.
//!
//! A chart's categories are matched by label: a category in both whose
//! number differs is a revision ("2019 revised: 601,000 → 603,600"), a
//! category only in the new record was added, one only in the old one was
//! removed. Table rows are matched by id (their label without one).

mod markdown;
pub mod renames;
pub mod update;

pub use markdown::markdown;
pub use renames::{LabelKind, LabelRename};

use std::collections::BTreeMap;

use crate::edition::record::{DataQuote, EditionRecord, Quote, RecordedChart, RecordedRow};

/// A value of `values.toml` whose printed text changed; `None` on the
/// side where it does not exist.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueChange {
    /// Its reference, `population.total`.
    pub id: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A table cell whose printed text changed, in a row both records have.
#[derive(Debug, Clone, PartialEq)]
pub struct CellChange {
    pub table: String,
    /// The row's id (see [`RecordedRow::id`]).
    pub row: String,
    /// The row's label as printed now.
    pub label: String,
    pub column: String,
    pub old: String,
    pub new: String,
}

/// A table row only one of the records has.
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub table: String,
    /// Whether the new record has it (else only the old one).
    pub added: bool,
    pub row: RecordedRow,
}

/// What became of one category of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    /// In both records, with another number in at least one series.
    Revised,
    /// Only in the new record (an appended year).
    Added,
    /// Only in the old record.
    Removed,
}

/// One category of a chart that changed: for each series, its name and
/// the printed number before and after (`None` where it has none).
#[derive(Debug, Clone, PartialEq)]
pub struct PointChange {
    pub category: String,
    pub kind: PointKind,
    pub series: Vec<(String, Option<String>, Option<String>)>,
}

/// A chart whose data changed (or that one record lacks), or whose
/// labels were renamed.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartChange {
    /// The figure's id.
    pub figure: String,
    /// Its categories revised, added or removed (after the renames).
    pub points: Vec<PointChange>,
    /// Series and category labels renamed with the same numbers
    /// ([`renames::renamed`]).
    pub renamed: Vec<LabelRename>,
    /// Whether it draws anything else than before besides the renamed
    /// labels (false: only relabelled).
    pub redrawn: bool,
    pub before: Option<RecordedChart>,
    pub after: Option<RecordedChart>,
}

/// A data reference in a chapter that prints another text than before,
/// or that a chapter quotes now and did not before, or no longer quotes
/// (matched by chapter, reference and its order among that reference's
/// quotes in the chapter).
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceChange {
    /// The quote as it is now (its line in the new text), or as it was
    /// when the chapter no longer quotes it.
    pub quote: Quote,
    /// What it printed before; `None` for a quote the chapter did not have.
    pub old: Option<String>,
    /// What it prints now; `None` for a quote the chapter no longer has.
    pub new: Option<String>,
}

/// A table or figure placed in another chapter than before, or placed
/// now and not before, or no longer placed: `table:ID` or `figure:ID`,
/// the chapter before and the chapter now.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementChange {
    pub element: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Everything that prints differently in one edition.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EditionChanges {
    /// The edition's language.
    pub lang: String,
    pub values: Vec<ValueChange>,
    pub rows: Vec<RowChange>,
    pub cells: Vec<CellChange>,
    pub charts: Vec<ChartChange>,
    pub sentences: Vec<SentenceChange>,
    /// Tables and figures placed, moved or no longer placed.
    pub placements: Vec<PlacementChange>,
    /// Segments outdated now that were not before (their `msgctxt`).
    pub outdated: Vec<String>,
    /// Segments untranslated now that were not before.
    pub missing: Vec<String>,
    /// Chapters whose translation state changed: name, before, after.
    pub chapters: Vec<(String, String, String)>,
    /// Where the new edition places its tables and figures
    /// ([`EditionRecord::placed`]), and where it quotes its values.
    pub placed: BTreeMap<String, String>,
    pub quotes: Vec<Quote>,
    /// Where the new edition's texts of the data quote its values
    /// ([`EditionRecord::data_quotes`]).
    pub data_quotes: Vec<DataQuote>,
    /// For each chart, the table it draws (new record, else old).
    pub drawn_from: BTreeMap<String, String>,
    /// The pages of the PDF each chapter of the new edition runs over
    /// (empty when it was not laid out).
    pub pages: BTreeMap<String, (usize, usize)>,
}

impl EditionChanges {
    /// Whether nothing prints differently.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
            && self.rows.is_empty()
            && self.cells.is_empty()
            && self.charts.is_empty()
            && self.sentences.is_empty()
            && self.placements.is_empty()
            && self.outdated.is_empty()
            && self.missing.is_empty()
            && self.chapters.is_empty()
    }

    /// The charts that draw other data than before (not only renamed
    /// labels).
    pub fn charts_redrawn(&self) -> usize {
        self.charts.iter().filter(|c| c.redrawn).count()
    }

    /// One line for the terminal: `en: 2 values changed, 1 table row
    /// removed, 1 chart redrawn, 2 sentences print different numbers`, or
    /// `en: no printed number changed`.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let count = |n: usize, one: &str, many: &str, rest: &str| {
            let noun = if n == 1 { one } else { many };
            format!("{n} {noun} {rest}")
        };
        let mut add = |n: usize, one: &str, many: &str, rest: &str| {
            if n > 0 {
                parts.push(count(n, one, many, rest));
            }
        };
        let values = |f: fn(&ValueChange) -> bool| self.values.iter().filter(|v| f(v)).count();
        add(
            values(|v| v.old.is_some() && v.new.is_some()),
            "value",
            "values",
            "changed",
        );
        add(values(|v| v.old.is_none()), "value", "values", "added");
        add(values(|v| v.new.is_none()), "value", "values", "removed");
        let rows = |added: bool| self.rows.iter().filter(|r| r.added == added).count();
        add(rows(true), "table row", "table rows", "added");
        add(rows(false), "table row", "table rows", "removed");
        add(self.cells.len(), "table cell", "table cells", "changed");
        add(self.charts_redrawn(), "chart", "charts", "redrawn");
        add(
            self.charts.iter().map(|c| c.renamed.len()).sum(),
            "chart label",
            "chart labels",
            "renamed",
        );
        let sentences =
            |f: fn(&SentenceChange) -> bool| self.sentences.iter().filter(|s| f(s)).count();
        let changed = sentences(|s| s.old.is_some() && s.new.is_some());
        let verb = if changed == 1 {
            "prints a different number"
        } else {
            "print different numbers"
        };
        add(changed, "sentence", "sentences", verb);
        add(
            sentences(|s| s.old.is_none()),
            "quote of a value",
            "quotes of values",
            "added",
        );
        add(
            sentences(|s| s.new.is_none()),
            "quote of a value",
            "quotes of values",
            "removed",
        );
        let placements =
            |f: fn(&PlacementChange) -> bool| self.placements.iter().filter(|p| f(p)).count();
        add(
            placements(|p| p.old.is_none()),
            "table or figure",
            "tables or figures",
            "placed",
        );
        add(
            placements(|p| p.new.is_none()),
            "table or figure",
            "tables or figures",
            "no longer placed",
        );
        add(
            placements(|p| p.old.is_some() && p.new.is_some()),
            "table or figure",
            "tables or figures",
            "moved to another chapter",
        );
        add(self.outdated.len(), "segment", "segments", "outdated");
        add(self.missing.len(), "segment", "segments", "untranslated");
        add(
            self.chapters.len(),
            "chapter",
            "chapters",
            "changed translation state",
        );
        if parts.is_empty() {
            format!("{}: no printed number changed", self.lang)
        } else {
            format!("{}: {}", self.lang, parts.join(", "))
        }
    }
}

/// What prints differently in `new` than in `old` (two records of the
/// same edition).
pub fn compare(old: &EditionRecord, new: &EditionRecord) -> EditionChanges {
    let mut changes = EditionChanges {
        lang: new.lang.clone(),
        placed: new.placed.clone(),
        quotes: new.quotes.clone(),
        data_quotes: new.data_quotes.clone(),
        pages: new.pages.clone(),
        ..EditionChanges::default()
    };
    compare_values(old, new, &mut changes);
    for (id, table) in &new.tables {
        let old_rows = old.tables.get(id).map(|t| t.rows.as_slice()).unwrap_or(&[]);
        compare_rows(id, old_rows, &table.rows, &mut changes);
    }
    for (id, table) in &old.tables {
        if !new.tables.contains_key(id) {
            compare_rows(id, &table.rows, &[], &mut changes);
        }
    }
    let figures: std::collections::BTreeSet<&String> =
        old.charts.keys().chain(new.charts.keys()).collect();
    for figure in figures {
        let before = old.charts.get(figure);
        let after = new.charts.get(figure);
        if let Some(table) = after.or(before).map(|c| c.table.clone()) {
            changes.drawn_from.insert(figure.clone(), table);
        }
        if before == after {
            continue;
        }
        let (renamed, relabelled) = match (before, after) {
            (Some(b), Some(a)) => {
                let (renamed, relabelled) = renames::renamed(b, a);
                (renamed, Some(relabelled))
            }
            _ => (Vec::new(), before.cloned()),
        };
        changes.charts.push(ChartChange {
            figure: figure.clone(),
            points: chart_points(relabelled.as_ref(), after),
            redrawn: relabelled.as_ref() != after,
            renamed,
            before: before.cloned(),
            after: after.cloned(),
        });
    }
    changes.sentences = compare_quotes(&old.quotes, &new.quotes);
    let elements: std::collections::BTreeSet<&String> =
        old.placed.keys().chain(new.placed.keys()).collect();
    for element in elements {
        let (before, after) = (old.placed.get(element), new.placed.get(element));
        if before != after {
            changes.placements.push(PlacementChange {
                element: element.clone(),
                old: before.cloned(),
                new: after.cloned(),
            });
        }
    }
    let (o, n) = (&old.translation, &new.translation);
    changes.outdated = n
        .outdated
        .iter()
        .filter(|s| !o.outdated.contains(s))
        .cloned()
        .collect();
    changes.missing = n
        .missing
        .iter()
        .filter(|s| !o.missing.contains(s))
        .cloned()
        .collect();
    for (chapter, state) in &n.chapters {
        match o.chapters.get(chapter) {
            Some(before) if before != state => {
                changes
                    .chapters
                    .push((chapter.clone(), before.clone(), state.clone()))
            }
            _ => {}
        }
    }
    changes
}

/// Each edition of `new` compared with the edition of `old` in the same
/// language (`cityprofile diff`); an edition only `new` has is compared
/// with an empty record (everything in it is added), one only `old` has is
/// left out.
pub fn compare_editions(old: &[EditionRecord], new: &[EditionRecord]) -> Vec<EditionChanges> {
    new.iter()
        .map(|record| {
            let empty = EditionRecord {
                lang: record.lang.clone(),
                ..EditionRecord::default()
            };
            let earlier = old.iter().find(|r| r.lang == record.lang).unwrap_or(&empty);
            compare(earlier, record)
        })
        .collect()
}

fn compare_values(old: &EditionRecord, new: &EditionRecord, changes: &mut EditionChanges) {
    let ids: std::collections::BTreeSet<&String> =
        old.values.keys().chain(new.values.keys()).collect();
    for id in ids {
        let (before, after) = (old.values.get(id), new.values.get(id));
        if before != after {
            changes.values.push(ValueChange {
                id: id.clone(),
                old: before.cloned(),
                new: after.cloned(),
            });
        }
    }
}

/// The rows added, removed and changed (cell by cell) of one table.
fn compare_rows(
    table: &str,
    old: &[RecordedRow],
    new: &[RecordedRow],
    changes: &mut EditionChanges,
) {
    for row in new {
        let Some(before) = old.iter().find(|r| r.id == row.id) else {
            changes.rows.push(RowChange {
                table: table.to_string(),
                added: true,
                row: row.clone(),
            });
            continue;
        };
        let columns: std::collections::BTreeSet<&String> =
            before.cells.keys().chain(row.cells.keys()).collect();
        for column in columns {
            let old_text = before.cells.get(column).cloned().unwrap_or_default();
            let new_text = row.cells.get(column).cloned().unwrap_or_default();
            if old_text != new_text {
                changes.cells.push(CellChange {
                    table: table.to_string(),
                    row: row.id.clone(),
                    label: row.label.clone(),
                    column: column.clone(),
                    old: old_text,
                    new: new_text,
                });
            }
        }
    }
    for row in old {
        if !new.iter().any(|r| r.id == row.id) {
            changes.rows.push(RowChange {
                table: table.to_string(),
                added: false,
                row: row.clone(),
            });
        }
    }
}

/// The number of series `name` prints at category `index`, and its text.
fn point(chart: &RecordedChart, name: &str, index: usize) -> Option<(Option<f64>, String)> {
    let series = chart.series.iter().find(|s| s.name == name)?;
    let value = *series.values.get(index)?;
    Some((value, series.texts.get(index).cloned().unwrap_or_default()))
}

/// The categories of a chart that were revised, added or removed, in the
/// new chart's order (removed ones after).
fn chart_points(before: Option<&RecordedChart>, after: Option<&RecordedChart>) -> Vec<PointChange> {
    let empty = RecordedChart::default();
    let (before, after) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    let mut names: Vec<&String> = after.series.iter().map(|s| &s.name).collect();
    for s in &before.series {
        if !names.contains(&&s.name) {
            names.push(&s.name);
        }
    }
    let mut points = Vec::new();
    for (index, category) in after.categories.iter().enumerate() {
        let old_index = before.categories.iter().position(|c| c == category);
        let mut series = Vec::new();
        let mut differs = false;
        for name in &names {
            let new = point(after, name, index);
            let old = old_index.and_then(|i| point(before, name, i));
            let (mut old, mut new) = (old, new);
            if new.as_ref().map(|p| p.0) != old.as_ref().map(|p| p.0) {
                differs = true;
                // The same print for another number (a gap that became a
                // "nothing" mark, both printed `–`): the texts say which.
                if let (Some(o), Some(n)) = (old.as_mut(), new.as_mut()) {
                    if o.1 == n.1 {
                        let said = |(value, text): &(Option<f64>, String)| match value {
                            None => format!("{text} (no value)"),
                            Some(v) => format!("{text} ({v})"),
                        };
                        (o.1, n.1) = (said(o), said(n));
                    }
                }
            }
            series.push(((*name).clone(), old.map(|p| p.1), new.map(|p| p.1)));
        }
        let kind = match old_index {
            None => PointKind::Added,
            Some(_) if differs => PointKind::Revised,
            Some(_) => continue,
        };
        points.push(PointChange {
            category: category.clone(),
            kind,
            series,
        });
    }
    for (index, category) in before.categories.iter().enumerate() {
        if after.categories.contains(category) {
            continue;
        }
        let series = names
            .iter()
            .map(|name| {
                (
                    (*name).clone(),
                    point(before, name, index).map(|p| p.1),
                    None,
                )
            })
            .collect();
        points.push(PointChange {
            category: category.clone(),
            kind: PointKind::Removed,
            series,
        });
    }
    points
}

/// The quotes that print another text than before: the n-th quote of a
/// reference in a chapter is matched with the n-th one of the old record.
fn compare_quotes(old: &[Quote], new: &[Quote]) -> Vec<SentenceChange> {
    let numbered = |quotes: &[Quote]| {
        let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
        quotes
            .iter()
            .map(|q| {
                let n = seen
                    .entry((q.chapter.clone(), q.reference.clone()))
                    .or_default();
                *n += 1;
                ((q.chapter.clone(), q.reference.clone(), *n), q.clone())
            })
            .collect::<Vec<_>>()
    };
    let old: BTreeMap<_, _> = numbered(old).into_iter().collect();
    let new: BTreeMap<_, _> = numbered(new).into_iter().collect();
    let mut changes: Vec<SentenceChange> = new
        .iter()
        .filter_map(|(key, quote)| match old.get(key) {
            Some(before) if before.text == quote.text => None,
            before => Some(SentenceChange {
                old: before.map(|b| b.text.clone()),
                new: Some(quote.text.clone()),
                quote: quote.clone(),
            }),
        })
        .collect();
    changes.extend(
        old.iter()
            .filter(|(key, _)| !new.contains_key(*key))
            .map(|(_, quote)| SentenceChange {
                old: Some(quote.text.clone()),
                new: None,
                quote: quote.clone(),
            }),
    );
    changes.sort_by(|a, b| (&a.quote.chapter, a.quote.line).cmp(&(&b.quote.chapter, b.quote.line)));
    changes
}

#[cfg(test)]
mod tests;
