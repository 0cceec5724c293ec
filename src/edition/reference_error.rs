//! Why a placement (`{{table:ID}}`, `{{figure:ID}}`, `{{components}}`,
//! `{{links}}`) or a data reference (`{{group.name}}`,
//! `{{table.row.column}}`) names nothing in the profile, with what exists
//! instead; the caller adds the file, line and column.

use std::fmt;

use super::resolve::list;
use crate::markdown::Placement;

/// A placement or data reference that names nothing (see
/// `EditionResolver` and `lookup_value`). The lists of what exists are
/// sorted as the profile's maps are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceError {
    /// `{{table:ID}}` with no `tables/ID.toml`; `tables` are the ids there are.
    NoTable { id: String, tables: Vec<String> },
    /// `{{figure:ID}}` with no `figures/ID.toml`; `is_table` when a table
    /// has that id, else `figures` are the ids there are.
    NoFigure {
        id: String,
        is_table: bool,
        figures: Vec<String>,
    },
    /// `{{components}}` in a profile without `[[components]]`.
    NoComponents,
    /// `{{links}}` in a profile without `[[links]]`.
    NoLinks,
    /// The same table, figure or list placed a second time.
    PlacedTwice(Placement),
    /// A reference that is neither a value of `values.toml` nor a cell of a
    /// table; `known` are the `group.name` paths of `values.toml`.
    UnknownValue { path: String, known: Vec<String> },
    /// `{{table.row.column}}` whose row id the table does not have.
    NoRow {
        table: String,
        row: String,
        /// The table's row ids, for the message.
        known: Vec<String>,
    },
    /// `{{table.row.column}}` whose column id the table does not have.
    NoColumn {
        table: String,
        column: String,
        /// The table's column ids, for the message.
        known: Vec<String>,
    },
    /// `{{table.row.column}}` where a spanning cell leaves no cell.
    NoCell {
        table: String,
        row: String,
        column: String,
    },
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReferenceError::NoTable { id, tables } => write!(
                f,
                "{{{{table:{id}}}}} names no table: there is no tables/{id}.toml (remove this marker if the table was deleted; tables: {})",
                list(tables.iter())
            ),
            ReferenceError::NoFigure {
                id,
                is_table,
                figures,
            } => {
                write!(
                    f,
                    "{{{{figure:{id}}}}} names no figure: there is no figures/{id}.toml"
                )?;
                if *is_table {
                    write!(f, " (`{id}` is a table: write {{{{table:{id}}}}})")
                } else {
                    write!(
                        f,
                        " (remove this marker if the figure was deleted; figures: {})",
                        list(figures.iter())
                    )
                }
            }
            ReferenceError::NoComponents => f.write_str(
                "{{components}} places the profile's [[components]], but profile.toml has none",
            ),
            ReferenceError::NoLinks => f.write_str(
                "{{links}} places the profile's [[links]], but profile.toml has none",
            ),
            ReferenceError::PlacedTwice(placement) => {
                let key = match placement {
                    Placement::Table(id) => format!("table:{id}"),
                    Placement::Figure(id) => format!("figure:{id}"),
                    Placement::Components => "components".into(),
                    Placement::Links => "links".into(),
                };
                write!(
                    f,
                    "`{key}` is placed twice: each table and figure appears once"
                )
            }
            ReferenceError::UnknownValue { path, known } => write!(
                f,
                "unknown data reference {{{{{path}}}}}: write {{{{group.name}}}} for a value in values.toml ({}) or {{{{table.row.column}}}} for a table cell",
                if known.is_empty() {
                    "none defined".to_string()
                } else {
                    known.join(", ")
                }
            ),
            ReferenceError::NoRow { table, row, known } => {
                write!(f, "table `{table}` has no row with id `{row}` (its rows: {})", ids(known))
            }
            ReferenceError::NoColumn {
                table,
                column,
                known,
            } => {
                write!(
                    f,
                    "table `{table}` has no column with id `{column}` (its columns: {})",
                    ids(known)
                )
            }
            ReferenceError::NoCell { table, row, column } => write!(
                f,
                "table `{table}` has no cell at row `{row}`, column `{column}`"
            ),
        }
    }
}

impl std::error::Error for ReferenceError {}

/// Ids listed in a message: `a, b, c`, or `none with an id`.
fn ids(known: &[String]) -> String {
    if known.is_empty() {
        "none with an id".to_string()
    } else {
        known.join(", ")
    }
}
