//! Tables of a profile in an edition: which cell covers each place of the
//! body grid (row and column spans resolved), and the table data the
//! templates read from `edition.json`.

use serde_json::{json, Value};

use super::Formatter;
use crate::profile::{Cell, Numbering, RowSpec, TableFile, TableKind, TextContent};

/// For each body row, the cell covering each column (spans included).
pub fn row_grid(table: &TableFile) -> Vec<Vec<Option<&Cell>>> {
    let width = table.columns.get_ref().len();
    let mut covered: Vec<(u32, Option<&Cell>)> = vec![(0, None); width];
    let mut grid = Vec::new();
    for row in &table.rows {
        let r: &RowSpec = row.get_ref();
        let mut line: Vec<Option<&Cell>> = vec![None; width];
        let Some(cells) = r.cells.as_ref().or(r.head.as_ref()) else {
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
pub(super) fn table_json(table: &TableFile, fmt: &Formatter) -> Value {
    let numbering = match table.number.get_ref() {
        Numbering::Table => "table",
        Numbering::Figure => "figure",
        Numbering::None => "none",
    };
    let common = json!({
        "number": numbering,
        "caption": table.caption.as_ref().map(|c| fmt.text(c)),
        "source": table.source.as_ref().map(|c| fmt.text(c)),
        "footnote": table.footnote.as_ref().map(|c| fmt.text(c)),
    });
    let mut obj = common.as_object().cloned().unwrap_or_default();
    match table.kind {
        TableKind::List => {
            obj.insert("kind".into(), json!("list"));
            obj.insert(
                "items".into(),
                json!(table.items.iter().map(|i| fmt.text(i)).collect::<Vec<_>>()),
            );
            // Which items are written once for every edition (hyphenated
            // by the profile's `neutral_language`).
            obj.insert(
                "items_neutral".into(),
                json!(table
                    .items
                    .iter()
                    .map(|i| matches!(i.content, TextContent::Neutral(_)))
                    .collect::<Vec<_>>()),
            );
            obj.insert(
                "list_columns".into(),
                json!(table.list_columns.as_ref().map_or(2, |c| *c.get_ref())),
            );
        }
        TableKind::Table => {
            obj.insert("kind".into(), json!("table"));
            obj.insert(
                "columns".into(),
                json!(table
                    .columns
                    .get_ref()
                    .iter()
                    .map(|c| json!({ "width": c.width.unwrap_or(1.0), "align": c.align }))
                    .collect::<Vec<_>>()),
            );
            obj.insert(
                "head".into(),
                json!(table
                    .head
                    .iter()
                    .map(|row| row
                        .get_ref()
                        .iter()
                        .map(|c| fmt.cell_json(c.get_ref()))
                        .collect::<Vec<_>>())
                    .collect::<Vec<_>>()),
            );
            let rows: Vec<Value> = table
                .rows
                .iter()
                .map(|row| {
                    let r = row.get_ref();
                    let footnote = r.footnote.as_ref().map(|f| fmt.text(f));
                    if let Some(group) = &r.group {
                        let neutral = matches!(group.content, TextContent::Neutral(_));
                        json!({ "type": "group", "text": fmt.text(group), "neutral": neutral, "footnote": footnote })
                    } else if let Some(head) = &r.head {
                        json!({ "type": "head", "cells": head.iter().map(|c| fmt.cell_json(c.get_ref())).collect::<Vec<_>>(), "footnote": footnote })
                    } else {
                        let cells = r.cells.as_deref().unwrap_or_default();
                        json!({ "type": "cells", "cells": cells.iter().map(|c| fmt.cell_json(c.get_ref())).collect::<Vec<_>>(), "footnote": footnote })
                    }
                })
                .collect();
            obj.insert("rows".into(), json!(rows));
        }
    }
    Value::Object(obj)
}
