//! The tables and lists of `edition.json`, as
//! `templates/components/tables.typ` reads them: every cell's lines
//! formatted, spans resolved to counts, footnotes gathered under the table.

use serde::Serialize;

use super::{CaptionLabels, NumberingName, Text};
use crate::base::bidi::Direction;
use crate::base::lang::LanguageCode;
use crate::profile::{Align, Numbering};

/// A table or a list, with its caption, source and footnote.
#[derive(Debug, Clone, Serialize)]
pub struct TableData {
    /// `table`, `figure` or `none`: the caption's number.
    #[serde(with = "NumberingName")]
    pub number: Numbering,
    /// The language the table is set in as a block: that of most of its
    /// texts (the source language's while most are untranslated), else its
    /// caption's, else the edition's.
    pub lang: LanguageCode,
    /// The direction of the block: a right-to-left table has its first
    /// column on the right.
    pub dir: Direction,
    /// Above the table, after its number; `null` for none (an unnumbered
    /// table then prints its footnote under it).
    pub caption: Option<Text>,
    /// Under the table, after "Source:".
    pub source: Option<Text>,
    /// A note on the caption, with the page's footnotes.
    pub footnote: Option<Text>,
    /// What the missing-value marks of its cells mean, in the edition's
    /// words (`– nothing (exactly zero); x secret`), under its notes;
    /// absent when its CSV declares no meanings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legend: Option<Text>,
    /// The caption's and source's words in the table's language when that
    /// is not the edition's ([`CaptionLabels`]); absent otherwise (the
    /// edition's words serve).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<CaptionLabels>,
    /// A table's columns and rows or a list's items; its `kind` is the key
    /// `kind` of the same object.
    #[serde(flatten)]
    pub body: TableBody,
}

/// What a table holds, by its `kind`: `table` or `list`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TableBody {
    /// A grid of cells under a head; it may break across pages, repeating
    /// its head.
    Table {
        /// The columns' relative widths and alignment, in order.
        columns: Vec<ColumnData>,
        /// The head rows, on the primary colour, repeated on every page.
        head: Vec<Vec<CellData>>,
        /// The body rows, in order.
        rows: Vec<RowData>,
    },
    /// Items set in columns.
    List {
        /// The items, in order.
        items: Vec<Text>,
        /// For each item, whether it is written once for every edition
        /// (hyphenated in the profile's `neutral_language`).
        items_neutral: Vec<bool>,
        /// How many balanced columns the items are set in (2 unless set).
        list_columns: u32,
    },
}

/// A table column.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnData {
    /// Its share of the table's width, relative to the other columns' (1
    /// unless set).
    pub width: f64,
    /// `start`, `end` or `center`: how the column's cells are aligned.
    pub align: Align,
}

/// A body row of a table, by its `type`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum RowData {
    /// A band across the table that groups the rows under it.
    Group {
        /// The band's text, in bold.
        text: Text,
        /// Whether the text is written once for every edition.
        neutral: bool,
        /// A note on the band, under the table; `null` for none.
        footnote: Option<Text>,
    },
    /// A header row inside the table, set like the head.
    Head {
        /// Its cells.
        cells: Vec<CellData>,
        /// A note on the row, under the table; `null` for none.
        footnote: Option<Text>,
    },
    /// A row of data cells.
    Cells {
        /// Its cells; a cell covered by a span from above is left out.
        cells: Vec<CellData>,
        /// A note on the row's label, under the table; `null` for none.
        footnote: Option<Text>,
    },
}

/// A table cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellData {
    /// The lines printed in the cell (a value with its unit, qualifier and
    /// note already formatted).
    pub lines: Vec<String>,
    /// The language of the cell's words: its text's (or its first
    /// line's), the edition's for a number or a value.
    pub lang: LanguageCode,
    /// The direction of the cell's words, as [`Text::dir`].
    pub dir: Direction,
    /// Whether all its lines read in `dir`: such a cell of a start-aligned
    /// column starts where `dir` starts a line (a Latin name in an Arabic
    /// table at the left); a cell of lines in both directions keeps the
    /// table's alignment.
    pub one_direction: bool,
    /// How many rows the cell spans.
    pub rows: u32,
    /// How many columns the cell spans.
    pub cols: u32,
    /// Set in bold.
    pub strong: bool,
    /// A value the source lacks (`lines` then hold the layout strings'
    /// `missing_value` mark); the built-in templates do not read it.
    pub missing: bool,
    /// Whether its words are written once for every edition (hyphenated in
    /// the profile's `neutral_language`).
    pub neutral: bool,
    /// A note on the cell, under the table; `null` for none.
    pub footnote: Option<Text>,
}
