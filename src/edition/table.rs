//! Tables of a profile in an edition: which cell covers each place of the
//! body grid (row and column spans resolved), and the table data the
//! templates read from `edition.json`, with the legend of its missing-value
//! marks.

use toml::Spanned;

use super::data::{CellData, ColumnData, RowData, TableBody, TableData, Text};
use super::Formatter;
use crate::base::bidi::Direction;
use crate::base::lang::LanguageCode;
use crate::profile::missing_marks::{printed_mark, MissingMeaning};
use crate::profile::{
    Cell, CellValue, LocalText, MissingMark, RowContent, Table, TableKind, TextContent,
};

/// For each body row, the cell covering each column (spans included).
pub fn row_grid(table: &Table) -> Vec<Vec<Option<&Cell>>> {
    let width = table.columns.get_ref().len();
    let mut covered: Vec<(u32, Option<&Cell>)> = vec![(0, None); width];
    let mut grid = Vec::new();
    for row in &table.rows {
        let mut line: Vec<Option<&Cell>> = vec![None; width];
        let Some(cells) = row.get_ref().content.cells() else {
            grid.push(line);
            continue;
        };
        let mut next = covered.clone();
        for (c, slot) in covered.iter().enumerate() {
            if slot.0 > 0 {
                line[c] = slot.1;
                next[c] = (slot.0 - 1, slot.1);
            }
        }
        let mut col = 0;
        for cell in cells {
            while col < width && covered[col].0 > 0 {
                col += 1;
            }
            let cell = cell.get_ref();
            for c in col..(col + cell.col_span() as usize).min(width) {
                line[c] = Some(cell);
                next[c] = (cell.row_span().saturating_sub(1), Some(cell));
            }
            col += cell.col_span() as usize;
        }
        covered = next;
        grid.push(line);
    }
    grid
}

/// A table (or list) as the templates receive it.
pub(super) fn table_data(table: &Table, fmt: &Formatter) -> TableData {
    let caption = table.caption.as_ref().map(|c| fmt.printed(c));
    let (lang, dir) = block_language(fmt, &table_texts(table), caption.as_ref());
    // Its numbers as its language writes them.
    let fmt = &fmt.for_block(&lang);
    let cells = |cells: &[Spanned<Cell>]| -> Vec<CellData> {
        cells.iter().map(|c| fmt.cell_data(c.get_ref())).collect()
    };
    let body = match table.kind {
        TableKind::List => TableBody::List {
            items: table.items.iter().map(|i| fmt.printed(i)).collect(),
            items_neutral: table
                .items
                .iter()
                .map(|i| matches!(i.content, TextContent::Neutral(_)))
                .collect(),
            list_columns: table.list_columns.as_ref().map_or(2, |c| *c.get_ref()),
        },
        TableKind::Table => TableBody::Table {
            columns: table
                .columns
                .get_ref()
                .iter()
                .map(|c| ColumnData {
                    width: c.width.unwrap_or(1.0),
                    align: c.align,
                })
                .collect(),
            head: table.head.iter().map(|row| cells(row.get_ref())).collect(),
            rows: table
                .rows
                .iter()
                .map(|row| {
                    let r = row.get_ref();
                    let footnote = r.footnote.as_ref().map(|f| fmt.printed(f));
                    match &r.content {
                        RowContent::Group(group) => RowData::Group {
                            text: fmt.printed(group),
                            neutral: matches!(group.content, TextContent::Neutral(_)),
                            footnote,
                        },
                        RowContent::Head(head) => RowData::Head {
                            cells: cells(head),
                            footnote,
                        },
                        RowContent::Cells(row) => RowData::Cells {
                            cells: cells(row),
                            footnote,
                        },
                    }
                })
                .collect(),
        },
    };
    let legend = legend(table, fmt, (&lang, dir));
    let labels = fmt.caption_labels(&lang, *table.number.get_ref());
    TableData {
        number: *table.number.get_ref(),
        lang,
        dir,
        caption,
        source: table.source.as_ref().map(|c| fmt.printed(c)),
        footnote: table.footnote.as_ref().map(|c| fmt.printed(c)),
        legend,
        labels,
        body,
    }
}

/// What the missing-value marks of a table's cells mean, in the words of
/// the language the table is set in (`block`: its language and direction,
/// [`block_language`]), each meaning once in the order of
/// [`MissingMeaning::ALL`], joined by that language's `legend_separator`:
/// `– nothing (exactly zero); x secret`, `– لا شيء (صفر تماماً)؛ x سري`. A
/// French table in an Arabic edition explains its marks in French, left
/// to right. `None` when no cell has a mark with a meaning.
fn legend(table: &Table, fmt: &Formatter, block: (&LanguageCode, Direction)) -> Option<Text> {
    let mut used: Vec<(MissingMeaning, &str)> = Vec::new();
    let cells = table
        .rows
        .iter()
        .filter_map(|r| r.get_ref().content.cells());
    for cell in cells.flatten() {
        if let CellValue::Missing(Some(MissingMark { mark, meaning })) = &cell.get_ref().value {
            if !used.contains(&(*meaning, mark.as_str())) {
                used.push((*meaning, mark.as_str()));
            }
        }
    }
    if used.is_empty() {
        return None;
    }
    used.sort();
    // The table's own language's words; the edition's when they cannot be
    // read (that language's own edition reports why).
    let own = fmt.block_strings(block.0);
    let (s, lang, dir) = match &own {
        Some(strings) => (strings, block.0.clone(), block.1),
        None => (fmt.strings, fmt.lang.clone(), fmt.direction),
    };
    let entries: Vec<String> = used
        .iter()
        .map(|(meaning, mark)| {
            let word = match meaning {
                MissingMeaning::Nothing => &s.missing_nothing,
                MissingMeaning::Unknown => &s.missing_unknown,
                MissingMeaning::Secret => &s.missing_secret,
                MissingMeaning::Later => &s.missing_later,
                MissingMeaning::NotApplicable => &s.missing_not_applicable,
            };
            format!("{}\u{a0}{word}", printed_mark(mark))
        })
        .collect();
    let text = entries.join(&s.legend_separator);
    Some(Text {
        text: crate::base::bidi::edition_text(&text, dir),
        lang,
        dir,
        id: None,
    })
}

/// The formatter of a table's cells: its numbers written as the language
/// the table is set in writes them ([`block_language`],
/// [`Formatter::for_block`]).
pub(super) fn table_formatter<'a>(table: &Table, fmt: &Formatter<'a>) -> Formatter<'a> {
    let caption = table.caption.as_ref().map(|c| fmt.printed(c));
    let (lang, _) = block_language(fmt, &table_texts(table), caption.as_ref());
    fmt.for_block(&lang)
}

/// The texts of a table, caption and notes aside: its list items, group
/// bands and cells' texts (not its numbers), in reading order.
fn table_texts(table: &Table) -> Vec<&LocalText> {
    fn cell_texts<'a>(cell: &'a Cell, out: &mut Vec<&'a LocalText>) {
        match &cell.value {
            CellValue::Text(text) => out.push(text),
            CellValue::Lines(lines) => {
                for line in lines {
                    cell_texts(line.get_ref(), out);
                }
            }
            _ => {}
        }
    }
    let mut out: Vec<&LocalText> = table.items.iter().collect();
    for row in table.head.iter() {
        for cell in row.get_ref() {
            cell_texts(cell.get_ref(), &mut out);
        }
    }
    for row in &table.rows {
        match &row.get_ref().content {
            RowContent::Group(group) => out.push(group),
            RowContent::Head(cells) | RowContent::Cells(cells) => {
                for cell in cells {
                    cell_texts(cell.get_ref(), &mut out);
                }
            }
        }
    }
    out
}

/// The language and direction a table or figure is set in as a block (its
/// columns' order, its alignment): the language most of `texts` written
/// per language (texts written once for every edition do not count) are
/// printed in (the source language's when most of them are not translated yet);
/// without such texts, or on a tie, the caption's; without a caption, the
/// edition's.
pub(super) fn block_language(
    fmt: &Formatter,
    texts: &[&LocalText],
    caption: Option<&Text>,
) -> (LanguageCode, Direction) {
    let mut counts: Vec<((LanguageCode, Direction), usize)> = Vec::new();
    let in_a_language = texts
        .iter()
        .filter(|t| matches!(t.content, TextContent::PerLanguage(_)));
    for text in in_a_language {
        let printed = fmt.printed(text);
        let key = (printed.lang, printed.dir);
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let leaders: Vec<&(LanguageCode, Direction)> = counts
        .iter()
        .filter(|(_, n)| *n == most && most > 0)
        .map(|(k, _)| k)
        .collect();
    let caption_key = caption.map(|c| (c.lang.clone(), c.dir));
    match (leaders.as_slice(), caption_key) {
        ([only], _) => (*only).clone(),
        (_, Some(key)) => key,
        ([first, ..], None) => (*first).clone(),
        ([], None) => (fmt.lang.clone(), fmt.direction),
    }
}
