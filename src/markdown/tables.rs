//! Pipe tables (GitHub Flavored Markdown) written in a chapter. They are set
//! in the edition's table style (the template's `table-block`: coloured head
//! row, rules between rows) and placed with the template's `captioned`, like
//! the tables of `tables/`. A paragraph starting `Table:` (or the caption
//! word of a declared language, [`super::captions`]: `Tabelle:`,
//! `Tableau :`, `جدول:`) directly before or after a table (a blank line
//! between) is its caption: the table is then numbered "Table N:" with the
//! profile's other tables, in the order the text places them. A table
//! without such a paragraph is printed without caption and number.

use pulldown_cmark::{Alignment, Event, Tag};

use super::escape::string_literal;
use super::{Converter, Resolver};

/// Column widths are relative to the longest text in each column, within
/// these bounds (in characters), so that a column of numbers stays narrow
/// and no column becomes a sliver.
const WIDTH_BOUNDS: (usize, usize) = (4, 40);

/// How many cells a row of a pipe table is written with: its `|` that are
/// not escaped separate them (GitHub Flavored Markdown's rule, also inside
/// code spans); a leading and a trailing `|` are optional.
fn written_cells(row: &str) -> usize {
    let row = row.trim();
    let mut separators = Vec::new();
    let mut escaped = false;
    for (at, c) in row.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => separators.push(at),
            _ => escaped = false,
        }
    }
    let leading = separators.first() == Some(&0);
    let trailing = row.len() > 1 && separators.last() == Some(&(row.len() - 1));
    separators.len() + 1 - usize::from(leading) - usize::from(trailing)
}

impl<R: Resolver> Converter<'_, R> {
    /// The byte length of the caption word and colon (`Table:`,
    /// `Tableau :`) opening a paragraph starting at event `start` (with the
    /// spaces after it), if it is one.
    fn caption_prefix(&self, start: usize) -> Option<usize> {
        if !matches!(self.events.get(start)?.0, Event::Start(Tag::Paragraph)) {
            return None;
        }
        match &self.events.get(start + 1)?.0 {
            Event::Text(t) => self.captions.prefix_len(t),
            _ => None,
        }
    }

    /// Pairs each pipe table with its caption paragraph (`Table: ...`).
    pub(super) fn scan_table_captions(&mut self) {
        for t in 0..self.events.len() {
            if !matches!(self.events[t].0, Event::Start(Tag::Table(_))) {
                continue;
            }
            let end = self.matching_end(t);
            let after = end + 1;
            let before = (t > 0 && matches!(self.events[t - 1].0, Event::End(_)))
                .then(|| self.matching_start(t - 1));
            let paragraph = if self.caption_prefix(after).is_some() {
                Some(after)
            } else {
                before.filter(|&p| {
                    self.caption_prefix(p).is_some() && !self.caption_paragraphs.contains(&p)
                })
            };
            if let Some(p) = paragraph {
                let skip = self.caption_prefix(p).unwrap_or(0);
                self.strip_prefix.insert(p + 1, skip);
                self.caption_paragraphs.insert(p);
                let p_end = self.matching_end(p);
                self.table_captions.insert(t, p + 1..p_end);
            }
        }
    }

    /// A caption paragraph (`Table: ...`) that is next to no table.
    pub(super) fn check_orphan_caption(&mut self, paragraph: usize) {
        if self.caption_prefix(paragraph).is_some() && !self.caption_paragraphs.contains(&paragraph)
        {
            let at = self.events[paragraph].1.start;
            let written = match &self.events[paragraph + 1].0 {
                Event::Text(t) => self.captions.written_prefix(t).unwrap_or("Table:"),
                _ => "Table:",
            }
            .to_string();
            self.print_run_problem(
                at,
                format!("a `{written}` caption belongs directly before or after a pipe table (a blank line between); this one prints as an ordinary paragraph"),
            );
        }
    }

    /// A pipe table in the edition's table style.
    pub(super) fn table(&mut self, start: usize, end: usize, out: &mut String) {
        let Event::Start(Tag::Table(alignments)) = self.events[start].0.clone() else {
            return;
        };
        let mut head: Vec<String> = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut widths = vec![WIDTH_BOUNDS.0; alignments.len()];
        let mut i = start + 1;
        while i < end {
            match self.events[i].0 {
                Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                    let in_head = matches!(self.events[i].0, Event::Start(Tag::TableHead));
                    let row_end = self.matching_end(i);
                    let mut cells = Vec::new();
                    let mut j = i + 1;
                    while j < row_end {
                        if matches!(self.events[j].0, Event::Start(Tag::TableCell)) {
                            let cell_end = self.matching_end(j);
                            let column = cells.len();
                            let length = self.plain_text(j + 1..cell_end).chars().count();
                            if let Some(w) = widths.get_mut(column) {
                                *w = (*w).max(length.min(WIDTH_BOUNDS.1));
                            }
                            let markup = self.render(j + 1..cell_end, false);
                            // A cell whose letters are all of one direction
                            // starts where that direction starts a line.
                            let dir =
                                crate::base::bidi::own_direction(&self.words(j + 1..cell_end))
                                    .map_or(String::new(), |d| format!(", dir: \"{}\"", d.name()));
                            cells.push(format!(
                                "(rows: 1, cols: 1, strong: false{dir}, lines: ([{}],))",
                                markup.trim()
                            ));
                            j = cell_end;
                        }
                        j += 1;
                    }
                    if in_head {
                        head = cells;
                    } else {
                        let span = self.events[i].1.clone();
                        let written = written_cells(&self.file.text[span.clone()]);
                        if written > alignments.len() {
                            self.error(
                                span.start,
                                format!("this row has {written} cells but the table has {} columns, so the last cells would not be printed: add columns to the header row, or join the cells", alignments.len()),
                            );
                        }
                        rows.push(cells);
                    }
                    i = row_end;
                }
                _ => {}
            }
            i += 1;
        }
        let columns: Vec<String> = alignments
            .iter()
            .zip(&widths)
            .map(|(align, width)| {
                let align = match align {
                    Alignment::Right => "end",
                    Alignment::Center => "center",
                    Alignment::Left | Alignment::None => "start",
                };
                format!("(width: {width}, align: {})", string_literal(align))
            })
            .collect();
        let rows: Vec<String> = rows
            .into_iter()
            .map(|cells| format!("(type: \"row\", cells: ({},))", cells.join(", ")))
            .collect();
        let caption = self
            .table_captions
            .get(&start)
            .cloned()
            .map(|range| self.render(range, false));
        let (number, caption) = match caption {
            Some(c) => ("table", format!("[{}]", c.trim())),
            None => ("none", "none".to_string()),
        };
        // A captioned table's number, known here, so that the layout need
        // not count the tables before it (one layout pass less).
        let shown = match number {
            "table" => self.resolver.next_table_number(),
            _ => None,
        }
        .map_or(String::new(), |n| format!(", number: {n}"));
        let array = |items: &[String]| {
            if items.is_empty() {
                "()".to_string()
            } else {
                format!("({},)", items.join(", "))
            }
        };
        out.push_str(&format!(
            "#captioned({}, {caption}, none, none, table-block((columns: {}, head: {}, rows: {})){shown})\n\n",
            string_literal(number),
            array(&columns),
            if head.is_empty() {
                "()".to_string()
            } else {
                format!("(({},),)", head.join(", "))
            },
            array(&rows),
        ));
    }
}
