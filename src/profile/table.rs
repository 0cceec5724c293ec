//! A table of the model: what `tables/<id>.toml` says, with the rows its CSV
//! file gives after the rows written there, and each row's form (data
//! cells, a group band, or a header row inside the table) decided once when
//! the file is loaded, so that no later stage meets a row with none or
//! several of them. Also the checks of a table's grid.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use super::cell::{Cell, CellShapeError};
use super::csv_data::CsvSource;
use super::files::{ColumnSpec, Numbering, RowSpec, TableFile, TableKind};
use super::text::{LocalText, WrittenCell};
use std::ops::Range;
use std::path::Path;

use crate::base::diag::{Diagnostic, Diagnostics, Label, Position};
use crate::base::source::SourceFile;

/// A table or a list (`kind = "list"`), as the later stages read it.
#[derive(Debug, Clone)]
pub struct Table {
    pub kind: TableKind,
    pub number: Spanned<Numbering>,
    pub caption: Option<LocalText>,
    pub source: Option<LocalText>,
    pub footnote: Option<LocalText>,
    /// The columns (an empty list at 0..0 when the file has no `columns`).
    pub columns: Spanned<Vec<ColumnSpec>>,
    /// The rows of the table's head, each a list of cells.
    pub head: Vec<Spanned<Vec<Spanned<Cell>>>>,
    /// The rows written in the file, then those of its CSV file; a row
    /// written with none or several of `cells`, `group` and `head` is left
    /// out (see [`Table::misshapen`]).
    pub rows: Vec<Spanned<Row>>,
    /// How many columns a list flows into.
    pub list_columns: Option<Spanned<u32>>,
    /// The entries of a list.
    pub items: Vec<LocalText>,
    /// Where the rows after the written ones come from.
    pub csv: Option<Spanned<CsvSource>>,
    /// The rows written with none or several forms, as (how many rows of
    /// [`Table::rows`] stand before it, byte offset of the row in the file),
    /// in file order: [`check_table`] reports them where they stood.
    misshapen: Vec<(usize, usize)>,
    /// The cells written with keys that make no one form, by byte offset
    /// in the file: each stands in the grid as a missing value with the
    /// spans it claims, and [`check_table`] reports it.
    misshapen_cells: Vec<(usize, CellShapeError)>,
}

/// A table row.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: Option<String>,
    pub content: RowContent,
    /// A note on the row: on a group band, or on a row's label (its first
    /// cell); printed under the table.
    pub footnote: Option<LocalText>,
    /// For a row read from the table's CSV file: its 1-based line there.
    pub csv_line: Option<usize>,
}

/// What a row is: exactly one of `cells`, `group` and `head`.
#[derive(Debug, Clone)]
pub enum RowContent {
    /// `cells`: a row of data.
    Cells(Vec<Spanned<Cell>>),
    /// `group`: a band with a text across the table, heading the rows under it.
    Group(LocalText),
    /// `head`: a header row inside the body of the table.
    Head(Vec<Spanned<Cell>>),
}

impl Table {
    /// Every cell of the table: those of its head, then those of its data
    /// and header rows, in reading order.
    pub fn all_cells(&self) -> impl Iterator<Item = &Spanned<Cell>> {
        let head = self.head.iter().flat_map(|r| r.get_ref().iter());
        let rows = self
            .rows
            .iter()
            .flat_map(|r| r.get_ref().content.cells().unwrap_or_default());
        head.chain(rows)
    }
}

impl RowContent {
    /// The cells of a data or header row; `None` for a group band.
    pub fn cells(&self) -> Option<&[Spanned<Cell>]> {
        match self {
            RowContent::Cells(cells) | RowContent::Head(cells) => Some(cells),
            RowContent::Group(_) => None,
        }
    }
}

/// Turns a parsed `tables/<id>.toml` and the rows its CSV file gives
/// (`csv_rows`, already in the model's form) into the model's table. A row
/// written with none or several of `cells`, `group` and `head` is left out
/// of [`Table::rows`] and reported by [`check_table`].
pub(super) fn table(raw: TableFile, csv_rows: Vec<Spanned<Row>>) -> Table {
    let mut rows = Vec::with_capacity(raw.rows.len() + csv_rows.len());
    let mut misshapen = Vec::new();
    let mut misshapen_cells = Vec::new();
    let head = raw
        .head
        .into_iter()
        .map(|row| {
            let span = row.span();
            Spanned::new(span, decide_cells(row.into_inner(), &mut misshapen_cells))
        })
        .collect();
    for row in raw.rows {
        let at = row.span().start;
        let span = row.span();
        match row_content(row.into_inner(), &mut misshapen_cells) {
            Some(row) => rows.push(Spanned::new(span, row)),
            None => misshapen.push((rows.len(), at)),
        }
    }
    rows.extend(csv_rows);
    Table {
        kind: raw.kind,
        number: raw.number,
        caption: raw.caption,
        source: raw.source,
        footnote: raw.footnote,
        columns: raw.columns,
        head,
        rows,
        list_columns: raw.list_columns,
        items: raw.items,
        csv: raw.csv,
        misshapen,
        misshapen_cells,
    }
}

/// Written cells in the model's form; each whose keys make no one form is
/// recorded in `misshapen` with its offset and stands as a missing value.
fn decide_cells(
    written: Vec<Spanned<WrittenCell>>,
    misshapen: &mut Vec<(usize, CellShapeError)>,
) -> Vec<Spanned<Cell>> {
    written
        .into_iter()
        .map(|cell| {
            let span = cell.span();
            let (cell, problem) = Cell::from_written_or_placeholder(cell.into_inner());
            if let Some(problem) = problem {
                misshapen.push((span.start, problem));
            }
            Spanned::new(span, cell)
        })
        .collect()
}

/// A written row in the model's form, or `None` when it has none or
/// several of `cells`, `group` and `head`.
fn row_content(raw: RowSpec, misshapen: &mut Vec<(usize, CellShapeError)>) -> Option<Row> {
    let content = match (raw.cells, raw.group, raw.head) {
        (Some(cells), None, None) => RowContent::Cells(decide_cells(cells, misshapen)),
        (None, Some(group), None) => RowContent::Group(group),
        (None, None, Some(head)) => RowContent::Head(decide_cells(head, misshapen)),
        _ => return None,
    };
    Some(Row {
        id: raw.id,
        content,
        footnote: raw.footnote,
        csv_line: None,
    })
}

/// Checks a table's grid: every row, with its spans, fills the columns.
pub(super) fn check_table(id: &str, t: &Table, f: &SourceFile, diags: &mut Diagnostics) {
    let has_rows = !t.rows.is_empty() || !t.misshapen.is_empty();
    match t.kind {
        TableKind::List => {
            if t.items.is_empty() {
                diags.push(f.error(0, format!("list `{id}` has no `items`")));
            }
            if has_rows || !t.head.is_empty() || !t.columns.get_ref().is_empty() {
                diags.push(f.error(
                    0,
                    "a list (kind = \"list\") has `items`, not `columns`, `head` or `rows`",
                ));
            }
            if let Some(cols) = &t.list_columns {
                if !(1..=4).contains(cols.get_ref()) {
                    diags
                        .push(f.error(cols.span().start, "`list_columns` must be between 1 and 4"));
                }
            }
            return;
        }
        TableKind::Table => {}
    }
    if !t.items.is_empty() || t.list_columns.is_some() {
        diags.push(f.error(
            0,
            "`items` and `list_columns` belong to lists (kind = \"list\")",
        ));
    }
    let columns = t.columns.get_ref();
    if columns.is_empty() {
        diags.push(f.error(t.columns.span().start, format!("table `{id}` has no `columns`: add one entry per column, e.g. columns = [{{ width = 1 }}, {{ width = 2 }}]")));
        return;
    }
    let mut column_ids = BTreeSet::new();
    for column in columns {
        if let Some(width) = column.width {
            if !(width.is_finite() && width > 0.0) {
                diags.push(f.error(
                    t.columns.span().start,
                    "a column `width` must be a positive number",
                ));
            }
        }
        if let Some(cid) = &column.id {
            if !column_ids.insert(cid.clone()) {
                diags.push(f.error(
                    t.columns.span().start,
                    format!("column id `{cid}` is used twice"),
                ));
            }
        }
    }
    if !has_rows {
        diags.push(f.error(0, format!("table `{id}` has no `rows`")));
    }
    let width = columns.len() as u32;
    // Head rows form their own grid; body rows another (group and head rows
    // inside the body must not cut through a rowspan).
    let mut grid = Grid::new(width, &t.misshapen_cells);
    for head_row in &t.head {
        grid.fill_row(head_row.get_ref(), head_row.span().start, f, diags);
    }
    grid.finish(f, t.head.last().map_or(0, |r| r.span().start), diags);
    let mut grid = Grid::new(width, &t.misshapen_cells);
    let mut row_ids: BTreeMap<&str, (Range<usize>, Option<usize>)> = BTreeMap::new();
    let mut misshapen = t.misshapen.iter().peekable();
    let mut report_misshapen = |before: usize, diags: &mut Diagnostics| {
        while let Some((_, at)) = misshapen.next_if(|(b, _)| *b == before) {
            diags.push(f.error(*at, "a row needs exactly one of `cells`, `group` or `head`"));
        }
    };
    for (i, row) in t.rows.iter().enumerate() {
        report_misshapen(i, diags);
        let r = row.get_ref();
        let at = row.span().start;
        if let Some(rid) = &r.id {
            match row_ids.get(rid.as_str()) {
                Some((first, first_csv_line)) => diags.push(row_id_twice(
                    t,
                    f,
                    rid,
                    (row.span(), r.csv_line),
                    (first.clone(), *first_csv_line),
                )),
                None => {
                    row_ids.insert(rid, (row.span(), r.csv_line));
                }
            }
        }
        match &r.content {
            RowContent::Group(_) => {
                if grid.has_open_spans() {
                    diags.push(f.error(
                        at,
                        "a group row cannot cut through a cell that spans rows above it",
                    ));
                }
            }
            RowContent::Cells(cells) | RowContent::Head(cells) => {
                grid.fill_row(cells, at, f, diags)
            }
        }
    }
    report_misshapen(t.rows.len(), diags);
    grid.finish(f, last_row_at(t), diags);
}

/// A row id given twice, at the second row with the first as a label: in
/// `tables/<id>.toml` for written rows, at its line of the CSV file for a
/// row read from it (`second` and `first`: the row's span in the TOML file
/// and its CSV line, if any).
fn row_id_twice(
    t: &Table,
    f: &SourceFile,
    rid: &str,
    second: (Range<usize>, Option<usize>),
    first: (Range<usize>, Option<usize>),
) -> Diagnostic {
    let message = format!("row id `{rid}` is used twice");
    // A spreadsheet has no lines to show: its rows are named at `file`.
    if let (Some(csv), Some(row), Some(first_row)) = (&t.csv, second.1, first.1) {
        let file = &csv.get_ref().file;
        if super::sheet_read::SheetFormat::of(file.get_ref()).is_some() {
            return f.error(
                file.span().start,
                format!("{message}: in rows {first_row} and {row} of the sheet"),
            );
        }
    }
    let csv_file = t.csv.as_ref().map(|csv| {
        f.path
            .parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."))
            .join(csv.get_ref().file.get_ref())
    });
    let at_csv_line = |line: usize| Position { line, column: 1 };
    let d = match (second.1, &csv_file) {
        (Some(line), Some(csv)) => Diagnostic::error(csv, Some(at_csv_line(line)), message),
        _ => f.error_over(second.0, message),
    };
    let label = match (first.1, &csv_file) {
        (Some(line), Some(csv)) => Label {
            file: csv.clone(),
            position: at_csv_line(line),
            range: None,
            message: "first used here".into(),
        },
        _ => f.label(first.0, "first used here"),
    };
    d.with_label(label)
}

/// The byte offset of the table's last row as the file and its CSV give
/// them (a row left out for its form included), 0 when it has none.
fn last_row_at(t: &Table) -> usize {
    match t.misshapen.last() {
        Some((before, at)) if *before == t.rows.len() => *at,
        _ => t.rows.last().map_or(0, |r| r.span().start),
    }
}

/// Tracks which columns of the coming rows are covered by row spans.
struct Grid<'t> {
    width: u32,
    /// The table's cells whose keys make no one form, by offset.
    misshapen_cells: &'t [(usize, CellShapeError)],
    /// For each column, how many more rows a span from above covers.
    covered: Vec<u32>,
}
impl<'t> Grid<'t> {
    fn new(width: u32, misshapen_cells: &'t [(usize, CellShapeError)]) -> Self {
        Grid {
            width,
            misshapen_cells,
            covered: vec![0; width as usize],
        }
    }

    fn has_open_spans(&self) -> bool {
        self.covered.iter().any(|c| *c > 0)
    }

    fn fill_row(
        &mut self,
        cells: &[toml::Spanned<Cell>],
        row_at: usize,
        f: &SourceFile,
        diags: &mut Diagnostics,
    ) {
        let mut col = 0usize;
        let mut next_covered = self
            .covered
            .iter()
            .map(|c| c.saturating_sub(1))
            .collect::<Vec<_>>();
        for cell in cells {
            for (_, problem) in self
                .misshapen_cells
                .iter()
                .filter(|(at, _)| *at == cell.span().start)
            {
                diags.push(f.error_over(cell.span(), problem.to_string()));
            }
            while col < self.covered.len() && self.covered[col] > 0 {
                col += 1;
            }
            let span = cell.get_ref().col_span() as usize;
            if col + span > self.width as usize {
                diags.push(f.error(
                    cell.span().start,
                    format!(
                        "this row has more cells than the table's {} columns (counting `cols` spans and cells spanning from rows above)",
                        self.width
                    ),
                ));
                return;
            }
            let rows = cell.get_ref().row_span();
            if self.covered[col..col + span].iter().any(|c| *c > 0) {
                diags.push(f.error(
                    cell.span().start,
                    "this cell overlaps a cell spanning from a row above",
                ));
            }
            for next in &mut next_covered[col..col + span] {
                *next = rows.saturating_sub(1);
            }
            col += span;
        }
        while col < self.covered.len() && self.covered[col] > 0 {
            col += 1;
        }
        if col < self.width as usize {
            diags.push(f.error(
                row_at,
                format!(
                    "this row fills {} of the table's {} columns: add cells, or `cols`/`rows` spans",
                    col, self.width
                ),
            ));
        }
        self.covered = next_covered;
    }

    fn finish(&self, f: &SourceFile, at: usize, diags: &mut Diagnostics) {
        if self.has_open_spans() {
            diags.push(f.error(at, "a cell's `rows` span reaches past the last row"));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// The table `t` made of `text`, with the messages of checking it.
    fn convert(text: &str) -> (Table, Vec<String>) {
        let file = SourceFile {
            path: PathBuf::from("/p/tables/t.toml"),
            text: text.to_string(),
        };
        let raw: TableFile = toml::from_str(text).expect("the test's TOML parses");
        let table = table(raw, Vec::new());
        let mut diags = Diagnostics::new();
        check_table("t", &table, &file, &mut diags);
        (table, diags.into_iter().map(|d| d.to_string()).collect())
    }

    const HEAD: &str = "number = \"table\"\ncolumns = [{ width = 1 }, { width = 1 }]\n";

    #[test]
    fn a_row_with_cells_and_a_group_is_refused_at_its_line() {
        let text = format!(
            "{HEAD}\n[[rows]]\ncells = [\"a\", 1]\n\n[[rows]]\ncells = [\"b\", 2]\ngroup = {{ en = \"G\" }}\n\n[[rows]]\ncells = [\"c\", 3]\n"
        );
        let (table, messages) = convert(&text);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0]
                .contains("t.toml:7:1: a row needs exactly one of `cells`, `group` or `head`"),
            "{messages:?}"
        );
    }

    #[test]
    fn a_table_of_only_misshapen_rows_has_rows() {
        let text = format!("{HEAD}\n[[rows]]\nid = \"x\"\n");
        let (table, messages) = convert(&text);
        assert!(table.rows.is_empty());
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].contains("t.toml:4:1: a row needs exactly one of"),
            "{messages:?}"
        );
    }

    #[test]
    fn a_group_row_is_a_group() {
        let text = format!(
            "{HEAD}\n[[rows]]\ngroup = {{ en = \"G\" }}\nfootnote = {{ en = \"N\" }}\n\n[[rows]]\ncells = [\"a\", 1]\n"
        );
        let (table, messages) = convert(&text);
        assert!(messages.is_empty(), "{messages:?}");
        let row = table.rows[0].get_ref();
        assert!(matches!(&row.content, RowContent::Group(g) if g.get("en") == Some("G")));
        assert!(row.footnote.is_some());
        assert!(row.content.cells().is_none());
        assert!(matches!(
            table.rows[1].get_ref().content,
            RowContent::Cells(_)
        ));
    }

    #[test]
    fn a_head_row_is_a_head_and_fills_the_grid() {
        let text = format!(
            "{HEAD}\n[[rows]]\nhead = [\"x\", \"y\"]\n\n[[rows]]\nid = \"r\"\ncells = [\"a\"]\n"
        );
        let (table, messages) = convert(&text);
        let row = table.rows[0].get_ref();
        assert!(matches!(&row.content, RowContent::Head(cells) if cells.len() == 2));
        assert_eq!(table.rows[1].get_ref().id.as_deref(), Some("r"));
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].contains("t.toml:7:1: this row fills 1 of the table's 2 columns"),
            "{messages:?}"
        );
    }
}
