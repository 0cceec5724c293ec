//! The placements (`{{table:ID}}`, `{{figure:ID}}`, `{{components}}`,
//! `{{links}}`) and data references (`{{group.name}}`,
//! `{{table.row.column}}`) met while an edition's chapters are converted:
//! each resolved to Typst code or a formatted value, or refused with a
//! message that lists what exists.

use std::collections::BTreeSet;

use super::{row_grid, Formatter};
use crate::markdown::{string_literal, Placement, Resolver};
use crate::profile::{Profile, TableFile};

/// Resolves placements and references while chapters are converted, and
/// records what was placed.
pub(super) struct EditionResolver<'a> {
    pub(super) profile: &'a Profile,
    /// How the chapter being converted writes values (the edition's
    /// language, or the source language for an untranslated chapter).
    pub(super) fmt: &'a Formatter<'a>,
    /// Whether the edition is right to left (whatever the chapter's language).
    pub(super) right_to_left: bool,
    /// `table:ID`, `figure:ID`, `components`, `links`: what was placed.
    pub(super) placed: BTreeSet<String>,
}

impl Resolver for EditionResolver<'_> {
    fn right_to_left(&self) -> bool {
        self.right_to_left
    }

    fn place(&mut self, placement: &Placement) -> Result<String, String> {
        let (key, code) = match placement {
            Placement::Table(id) => {
                if !self.profile.tables.contains_key(id) {
                    return Err(format!(
                        "{{{{table:{id}}}}} names no table: there is no tables/{id}.toml (tables: {})",
                        list(self.profile.tables.keys())
                    ));
                }
                (
                    format!("table:{id}"),
                    format!("#data-table({})", string_literal(id)),
                )
            }
            Placement::Figure(id) => {
                if !self.profile.figures.contains_key(id) {
                    let hint = if self.profile.tables.contains_key(id) {
                        format!(" (`{id}` is a table: write {{{{table:{id}}}}})")
                    } else {
                        format!(" (figures: {})", list(self.profile.figures.keys()))
                    };
                    return Err(format!(
                        "{{{{figure:{id}}}}} names no figure: there is no figures/{id}.toml{hint}"
                    ));
                }
                (
                    format!("figure:{id}"),
                    format!("#data-figure({})", string_literal(id)),
                )
            }
            Placement::Components => {
                if self.profile.meta.value.components.is_empty() {
                    return Err("{{components}} places the profile's [[components]], but profile.toml has none".into());
                }
                ("components".into(), "#components()".into())
            }
            Placement::Links => {
                if self.profile.meta.value.links.is_empty() {
                    return Err(
                        "{{links}} places the profile's [[links]], but profile.toml has none"
                            .into(),
                    );
                }
                ("links".into(), "#link-list()".into())
            }
        };
        if !self.placed.insert(key.clone()) {
            return Err(format!(
                "`{key}` is placed twice: each table and figure appears once"
            ));
        }
        Ok(code)
    }

    fn value(&mut self, path: &str) -> Result<String, String> {
        let parts: Vec<&str> = path.split('.').collect();
        if parts.len() == 3 {
            if let Some(table) = self.profile.tables.get(parts[0]) {
                return self.table_value(parts[0], &table.value, parts[1], parts[2]);
            }
        }
        if parts.len() == 2 {
            if let Some(values) = &self.profile.values {
                if let Some(cell) = values.value.get(parts[0]).and_then(|g| g.get(parts[1])) {
                    return Ok(self.fmt.cell_lines(cell.get_ref()).join(" "));
                }
            }
        }
        let known = self
            .profile
            .values
            .as_ref()
            .map(|v| {
                v.value
                    .iter()
                    .flat_map(|(g, names)| names.keys().map(move |n| format!("{g}.{n}")))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        Err(format!(
            "unknown data reference {{{{{path}}}}}: write {{{{group.name}}}} for a value in values.toml ({}) or {{{{table.row.column}}}} for a table cell",
            if known.is_empty() { "none defined".to_string() } else { known.join(", ") }
        ))
    }
}

impl EditionResolver<'_> {
    fn table_value(
        &self,
        id: &str,
        table: &TableFile,
        row: &str,
        column: &str,
    ) -> Result<String, String> {
        let Some(r) = table
            .rows
            .iter()
            .position(|r| r.get_ref().id.as_deref() == Some(row))
        else {
            return Err(format!("table `{id}` has no row with id `{row}`"));
        };
        let Some(c) = table
            .columns
            .get_ref()
            .iter()
            .position(|c| c.id.as_deref() == Some(column))
        else {
            return Err(format!("table `{id}` has no column with id `{column}`"));
        };
        match row_grid(table)
            .get(r)
            .and_then(|line| line.get(c).copied().flatten())
        {
            Some(cell) => Ok(self.fmt.cell_lines(cell).join(" ")),
            None => Err(format!(
                "table `{id}` has no cell at row `{row}`, column `{column}`"
            )),
        }
    }
}

/// Names for a message: `a, b, c`, or `none`.
pub(super) fn list<'a>(keys: impl Iterator<Item = &'a String>) -> String {
    let keys: Vec<&str> = keys.map(String::as_str).collect();
    if keys.is_empty() {
        "none".into()
    } else {
        keys.join(", ")
    }
}
