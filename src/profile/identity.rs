//! The identity of every text of a profile's data ([`TextId`]): its file
//! and a key path that names what the text is, decided once when the
//! profile is loaded, so that inserting, removing or reordering other texts
//! leaves it as it is. A translation (a PO catalog, the record of one) is
//! kept by this identity, and a build finds a text's translation state by it.
//!
//! Key paths follow the TOML keys (`title`, `port.quais.note`, `caption`,
//! `chart.value_title`). Array elements, which have no key, are known by
//! an explicit id where the format has one (`rows[recognised]`, a CSV
//! table's `id` column), else by their label in the source language: a
//! row's first cell, an author's name, a link's address, or a text's own
//! words (`items["EUROCITIES"]`), with `#2`, `#3` … for a label repeated in
//! the same array (`rows["Total"#2]`). A cell is known by its row and its
//! column's `id` (`rows[recognised].status.text`), or `col<N>` (the N-th
//! column) when the column has none. Rows read from a CSV file are under
//! `csv[...]` and carry where they come from ([`CsvCell`]).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::csv_data::CsvFrom;
pub use super::text::TextId;
use super::{
    Cell, CellValue, FigureContent, LocalText, Profile, Row, RowContent, Table, TextContent,
};
use crate::base::source::SourceFile;

/// A text of the data with its identity.
#[derive(Debug, Clone)]
pub struct IdentifiedText<'p> {
    /// The file it is written in (for a CSV text, the table file).
    pub file: &'p SourceFile,
    pub id: TextId,
    /// For a text read from a CSV file: where it stands there.
    pub csv: Option<CsvCell>,
    pub text: &'p LocalText,
}

/// Where a text read from a CSV file stands in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvCell {
    /// The CSV file as the table's `[csv]` names it (`data/arrivals.csv`).
    pub file: String,
    /// The 1-based line of the text's row in the CSV file.
    pub line: usize,
    /// The CSV column each language of the text is read from, by language.
    pub columns: BTreeMap<String, String>,
}

/// Every text of the data files, in the order a reader meets them
/// (profile.toml, values.toml, the tables, the figures), each with its
/// identity. The identities are computed here; [`assign`] records them on
/// the texts.
pub fn texts(profile: &Profile) -> Vec<IdentifiedText<'_>> {
    let mut walk = Walk {
        dir: &profile.dir,
        source_lang: profile.source_language(),
        out: Vec::new(),
    };
    walk.profile_file(profile);
    if let Some(values) = &profile.values {
        let vf = values.file.as_ref();
        for (group, cells) in &values.value {
            for (name, cell) in cells {
                walk.cell(vf, &format!("{group}.{name}"), cell.get_ref(), None);
            }
        }
    }
    for table in profile.tables.values() {
        walk.table(table.file.as_ref(), &table.value);
    }
    for figure in profile.figures.values() {
        let ff = figure.file.as_ref();
        let f = &figure.value;
        walk.push(ff, "caption".into(), &f.caption, None);
        for (key, text) in [
            ("source", &f.source),
            ("footnote", &f.footnote),
            ("alt", &f.alt),
            ("note", &f.note),
        ] {
            if let Some(text) = text {
                walk.push(ff, key.into(), text, None);
            }
        }
        if let FigureContent::Chart(chart) = &f.content {
            let c = chart.get_ref();
            for (key, text) in [
                ("chart.value_title", &c.value_title),
                ("chart.category_title", &c.category_title),
            ] {
                if let Some(text) = text {
                    walk.push(ff, key.into(), text, None);
                }
            }
            if let Some(labels) = &c.category_labels {
                walk.own_texts(ff, "chart.category_labels", labels.get_ref());
            }
            let mut keys = Keys::default();
            for series in c.series.get_ref() {
                let key = keys.id(series.column.get_ref());
                if let Some(label) = &series.label {
                    walk.push(ff, format!("chart.series{key}.label"), label, None);
                }
            }
        }
    }
    walk.out
}

/// Records on every text of the data its identity ([`LocalText::id`]).
pub fn assign(profile: &Profile) {
    for t in texts(profile) {
        // A text keeps the identity it was first given.
        let _ = t.text.id.set(t.id);
    }
}

/// Array element keys of one array: `[id]`, `["label"]`, and `#N` for the
/// N-th use of the same key.
#[derive(Default)]
struct Keys {
    seen: HashMap<String, usize>,
}

impl Keys {
    /// The key of an element with an explicit id.
    fn id(&mut self, id: &str) -> String {
        let bare = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
        if bare {
            self.counted(format!("[{id}"))
        } else {
            self.counted(format!("[{}", quoted(id)))
        }
    }

    /// The key of an element known by its label.
    fn label(&mut self, label: &str) -> String {
        self.counted(format!("[{}", quoted(label)))
    }

    fn counted(&mut self, opened: String) -> String {
        let n = self.seen.entry(opened.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            format!("{opened}]")
        } else {
            format!("{opened}#{n}]")
        }
    }
}

/// A label in double quotes, a `"` in it doubled (`"say ""hi"""`) and a
/// line break written as a space: no backslash, which PO files escape.
fn quoted(label: &str) -> String {
    let mut out = String::with_capacity(label.len() + 2);
    out.push('"');
    for c in label.chars() {
        match c {
            '"' => out.push_str("\"\""),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Walk<'p> {
    dir: &'p Path,
    source_lang: crate::base::lang::LanguageCode,
    out: Vec<IdentifiedText<'p>>,
}

impl<'p> Walk<'p> {
    fn push(
        &mut self,
        file: &'p SourceFile,
        path: String,
        text: &'p LocalText,
        csv: Option<CsvCell>,
    ) {
        let relative = file
            .path
            .strip_prefix(self.dir)
            .unwrap_or(&file.path)
            .to_string_lossy()
            .replace('\\', "/");
        self.out.push(IdentifiedText {
            file,
            id: TextId {
                file: relative,
                path,
            },
            csv,
            text,
        });
    }

    /// A text's words in the source language (any language it has when it
    /// lacks that one): what a label is known by.
    fn words(&self, text: &LocalText) -> String {
        match &text.content {
            TextContent::Neutral(s) => s.clone(),
            TextContent::PerLanguage(map) => map
                .get(self.source_lang.as_str())
                .or_else(|| map.values().next())
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// An array of texts, each known by its own words.
    fn own_texts(&mut self, file: &'p SourceFile, at: &str, texts: &'p [LocalText]) {
        let mut keys = Keys::default();
        for text in texts {
            let key = keys.label(&self.words(text));
            self.push(file, format!("{at}{key}"), text, None);
        }
    }

    fn profile_file(&mut self, profile: &'p Profile) {
        let m = &profile.meta.value;
        let mf = profile.meta.file.as_ref();
        for (key, text) in [
            ("city", &m.city),
            ("country", &m.country),
            ("title", &m.title),
            ("short_title", &m.short_title),
        ] {
            self.push(mf, key.into(), text, None);
        }
        let mut keys = Keys::default();
        for a in &m.authors {
            let key = keys.label(&a.name);
            self.push(mf, format!("authors{key}.about"), &a.about, None);
        }
        let mut keys = Keys::default();
        for f in &m.funders {
            let at = format!("funders{}", keys.label(&self.words(&f.label)));
            self.push(mf, format!("{at}.label"), &f.label, None);
            self.own_texts(mf, &format!("{at}.lines"), &f.lines);
            if let Some(detail) = &f.detail {
                self.push(mf, format!("{at}.detail"), detail, None);
            }
        }
        let mut keys = Keys::default();
        for p in &m.partners {
            let at = format!("partners{}", keys.label(&self.words(&p.name)));
            self.push(mf, format!("{at}.name"), &p.name, None);
            self.own_texts(mf, &format!("{at}.lines"), &p.lines);
        }
        if let Some(imprint) = &m.imprint {
            for (key, text) in [
                ("imprint.publisher", &imprint.publisher),
                ("imprint.disclaimer", &imprint.disclaimer),
                ("imprint.licence", &imprint.licence),
            ] {
                if let Some(text) = text {
                    self.push(mf, key.into(), text, None);
                }
            }
        }
        self.own_texts(mf, "no_hyphenation", &m.no_hyphenation);
        let mut keys = Keys::default();
        for fill in &m.blank_pages {
            let fill = fill.get_ref();
            let named = fill.title.as_ref().or(fill.quotation.as_ref());
            let name = match (named, &fill.photo) {
                (Some(text), _) => self.words(text),
                (None, Some(photo)) => photo.get_ref().clone(),
                (None, None) => String::new(),
            };
            let at = format!("blank_pages{}", keys.label(&name));
            for (key, text) in [
                ("title", &fill.title),
                ("caption", &fill.caption),
                ("quotation", &fill.quotation),
                ("by", &fill.by),
            ] {
                if let Some(text) = text {
                    self.push(mf, format!("{at}.{key}"), text, None);
                }
            }
            let mut figures = Keys::default();
            for figure in &fill.key_figures {
                let key = figures.label(figure.value.get_ref());
                self.push(
                    mf,
                    format!("{at}.key_figures{key}.label"),
                    &figure.label,
                    None,
                );
            }
        }
        let mut keys = Keys::default();
        for c in &m.components {
            let at = format!("components{}", keys.label(&self.words(&c.title)));
            self.push(mf, format!("{at}.title"), &c.title, None);
            self.push(mf, format!("{at}.text"), &c.text, None);
        }
        let mut keys = Keys::default();
        for l in &m.links {
            let key = keys.label(&l.url);
            self.push(mf, format!("links{key}.label"), &l.label, None);
        }
        let mut keys = Keys::default();
        for a in &m.back_cover.addresses {
            let at = format!("back_cover.addresses{}", keys.label(&self.words(&a.name)));
            self.push(mf, format!("{at}.name"), &a.name, None);
            self.own_texts(mf, &format!("{at}.lines"), &a.lines);
        }
    }

    /// The texts of a cell under `at`: `.text`, `.suffix`, `.note`,
    /// `.footnote`, and each line of `lines` by its label.
    fn cell(&mut self, file: &'p SourceFile, at: &str, cell: &'p Cell, csv: Option<&CsvCell>) {
        let (text, suffix) = match &cell.value {
            CellValue::Text(text) => (Some(text), None),
            CellValue::Quantity(q) => (None, q.suffix()),
            _ => (None, None),
        };
        for (key, text) in [
            ("text", text),
            ("suffix", suffix),
            ("note", cell.note.as_ref()),
            ("footnote", cell.footnote.as_ref()),
        ] {
            if let Some(text) = text {
                self.push(file, format!("{at}.{key}"), text, csv.cloned());
            }
        }
        if let CellValue::Lines(lines) = &cell.value {
            let mut keys = Keys::default();
            for line in lines {
                let key = keys.label(&self.label(line.get_ref()));
                self.cell(file, &format!("{at}.lines{key}"), line.get_ref(), csv);
            }
        }
    }

    /// What a cell is known by as a row's label: its words in the source
    /// language, its number as written, or its first line's label.
    fn label(&self, cell: &Cell) -> String {
        match &cell.value {
            CellValue::Plain(s) => s.clone(),
            CellValue::Text(text) => self.words(text),
            CellValue::Quantity(q) => q.value.to_string(),
            CellValue::Lines(lines) => lines
                .first()
                .map_or_else(String::new, |first| self.label(first.get_ref())),
            CellValue::Missing(_) => String::new(),
        }
    }

    fn table(&mut self, tf: &'p SourceFile, t: &'p Table) {
        for (key, text) in [
            ("caption", &t.caption),
            ("source", &t.source),
            ("footnote", &t.footnote),
        ] {
            if let Some(text) = text {
                self.push(tf, key.into(), text, None);
            }
        }
        self.own_texts(tf, "items", &t.items);
        let columns: Vec<String> = t
            .columns
            .get_ref()
            .iter()
            .enumerate()
            .map(|(i, c)| c.id.clone().unwrap_or_else(|| format!("col{}", i + 1)))
            .collect();
        let column = |c: usize| {
            columns
                .get(c)
                .cloned()
                .unwrap_or_else(|| format!("col{}", c + 1))
        };
        let mut keys = Keys::default();
        let mut grid = Covered::default();
        for row in &t.head {
            let cells = row.get_ref();
            let key = keys.label(
                &cells
                    .first()
                    .map(|c| self.label(c.get_ref()))
                    .unwrap_or_default(),
            );
            for (c, cell) in grid.place(cells.iter().map(|c| c.get_ref())) {
                self.cell(tf, &format!("head{key}.{}", column(c)), cell, None);
            }
        }
        let mut keys = Keys::default();
        let mut csv_keys = Keys::default();
        let mut grid = Covered::default();
        for row in &t.rows {
            let r = row.get_ref();
            let csv = r.csv_line.zip(t.csv.as_ref());
            let key = match (&r.id, csv.is_some()) {
                (Some(id), false) => keys.id(id),
                (Some(id), true) => csv_keys.id(id),
                (None, from_csv) => {
                    let label = self.row_label(r);
                    if from_csv {
                        csv_keys.label(&label)
                    } else {
                        keys.label(&label)
                    }
                }
            };
            let at = if csv.is_some() {
                format!("csv{key}")
            } else {
                format!("rows{key}")
            };
            if let RowContent::Group(group) = &r.content {
                self.push(tf, format!("{at}.group"), group, None);
            }
            if let Some(footnote) = &r.footnote {
                self.push(tf, format!("{at}.footnote"), footnote, None);
            }
            let cells = match &r.content {
                RowContent::Cells(cells) | RowContent::Head(cells) => cells,
                RowContent::Group(_) => continue,
            };
            for (c, cell) in grid.place(cells.iter().map(|c| c.get_ref())) {
                let origin = csv.map(|(line, source)| CsvCell {
                    file: source.get_ref().file.get_ref().clone(),
                    line,
                    columns: match source
                        .get_ref()
                        .columns
                        .get_ref()
                        .get(c)
                        .map(|col| &col.from)
                    {
                        Some(CsvFrom::PerLanguage(names)) => names.clone(),
                        Some(CsvFrom::Column(name)) => {
                            BTreeMap::from([(self.source_lang.to_string(), name.clone())])
                        }
                        None => BTreeMap::new(),
                    },
                });
                self.cell(tf, &format!("{at}.{}", column(c)), cell, origin.as_ref());
            }
        }
    }

    /// A row's label: its group band's words, or its first cell's label.
    fn row_label(&self, r: &Row) -> String {
        match &r.content {
            RowContent::Group(group) => self.words(group),
            RowContent::Cells(cells) | RowContent::Head(cells) => cells
                .first()
                .map(|c| self.label(c.get_ref()))
                .unwrap_or_default(),
        }
    }
}

/// Which columns the rows above cover with their row spans, to find the
/// column each cell of a row stands in.
#[derive(Default)]
struct Covered {
    /// For each column, how many more rows a span from above covers.
    rows: Vec<u32>,
}

impl Covered {
    /// Each cell of a row with the (0-based) column it starts in.
    fn place<'c>(&mut self, cells: impl Iterator<Item = &'c Cell>) -> Vec<(usize, &'c Cell)> {
        let mut next: Vec<u32> = self.rows.iter().map(|r| r.saturating_sub(1)).collect();
        let mut col = 0;
        let mut out = Vec::new();
        for cell in cells {
            while self.rows.get(col).is_some_and(|r| *r > 0) {
                col += 1;
            }
            out.push((col, cell));
            let span = cell.col_span().max(1) as usize;
            if next.len() < col + span {
                next.resize(col + span, 0);
            }
            for n in &mut next[col..col + span] {
                *n = cell.row_span().saturating_sub(1);
            }
            col += span;
        }
        self.rows = next;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_keys_count_repeats_and_quote_labels() {
        let mut keys = Keys::default();
        assert_eq!(keys.id("recognised"), "[recognised]");
        assert_eq!(keys.label("Total"), "[\"Total\"]");
        assert_eq!(keys.label("Total"), "[\"Total\"#2]");
        assert_eq!(keys.label("a \"b\"\nc"), "[\"a \"\"b\"\" c\"]");
        assert_eq!(keys.id("r 1"), "[\"r 1\"]");
    }

    #[test]
    fn a_cell_under_a_row_span_stands_in_the_next_column() {
        let spanning = Cell {
            rows: 2,
            ..Cell::of(CellValue::Quantity(super::super::Quantity::number(1.0)))
        };
        let plain = Cell::of(CellValue::Quantity(super::super::Quantity::number(2.0)));
        let mut grid = Covered::default();
        let first: Vec<usize> = grid
            .place([&spanning, &plain].into_iter())
            .iter()
            .map(|(c, _)| *c)
            .collect();
        assert_eq!(first, [0, 1]);
        let second: Vec<usize> = grid
            .place([&plain].into_iter())
            .iter()
            .map(|(c, _)| *c)
            .collect();
        assert_eq!(second, [1]);
    }
}
