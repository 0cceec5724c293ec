//! `values.toml`: the named facts prose quotes as `{{group.name}}`. A group
//! holds values written in TOML and, under its key `csv`, values read from a
//! CSV file or a spreadsheet as a statistics office publishes it: one value
//! per row, named by the row's id (the `[csv]` of a table file, with one
//! column).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use toml::Spanned;

use super::cell::Cell;
use super::csv_data::{self, CsvSource};
use super::files::Values;
use super::table::RowContent;
use super::text::WrittenCell;
use crate::base::diag::{Diagnostic, Diagnostics, Label};
use crate::base::source::{SourceFile, Sources};

/// `values.toml` as written: its groups by name.
pub type ValuesFile = BTreeMap<String, ValuesGroup>;

/// One group of `values.toml` as written.
#[derive(Debug, Clone, Default)]
pub struct ValuesGroup {
    /// `[group.csv]`: a CSV file or spreadsheet whose rows give more values
    /// of the group (`id`: the column naming each value; `columns`: the one
    /// column holding the values, with its kind and decimals).
    pub csv: Option<Spanned<CsvSource>>,
    /// The values written in TOML, by name.
    pub values: BTreeMap<String, Spanned<WrittenCell>>,
}

impl<'de> Deserialize<'de> for ValuesGroup {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct GroupVisitor;
        impl<'de> Visitor<'de> for GroupVisitor {
            type Value = ValuesGroup;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a group of values (`name = 603600` lines under `[group]`)")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ValuesGroup, A::Error> {
                let mut group = ValuesGroup::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "csv" {
                        group.csv = Some(map.next_value()?);
                    } else {
                        let value = map.next_value()?;
                        group.values.insert(key, value);
                    }
                }
                Ok(group)
            }
        }
        deserializer.deserialize_map(GroupVisitor)
    }
}

/// Whether `name` can be quoted as `{{group.name}}`: ASCII letters,
/// digits, `_` and `-`.
fn is_value_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

/// The values of `values.toml` in the model's form: the written ones
/// decided into cells (a value whose keys make no one form is an error at
/// its place and stands as a missing value), and each group's `csv` rows
/// read from their file. Problems go into `diags`.
pub(super) fn decide(
    sources: &Sources,
    dir: &Path,
    file: &SourceFile,
    written: ValuesFile,
    diags: &mut Diagnostics,
) -> Values {
    let mut values = Values::new();
    for (group_name, group) in written {
        let mut names = BTreeMap::new();
        for (name, cell) in group.values {
            let span = cell.span();
            let (cell, problem) = Cell::from_written_or_placeholder(cell.into_inner());
            if let Some(problem) = problem {
                diags.push(file.error_over(span.clone(), problem.to_string()));
            }
            names.insert(name, Spanned::new(span, cell));
        }
        if let Some(source) = &group.csv {
            read_rows(sources, dir, file, &group_name, source, &mut names, diags);
        }
        values.insert(group_name, names);
    }
    values
}

/// The values a group's `csv` gives, added to `names`.
fn read_rows(
    sources: &Sources,
    dir: &Path,
    file: &SourceFile,
    group: &str,
    source: &Spanned<CsvSource>,
    names: &mut BTreeMap<String, Spanned<Cell>>,
    diags: &mut Diagnostics,
) {
    let spec = source.get_ref();
    let span = source.span();
    let Some(id) = &spec.id else {
        diags.push(file.error_over(
            span,
            format!("`[{group}.csv]` needs `id`: the column whose entries name the values (`total_2019` is quoted as {{{{{group}.total_2019}}}})"),
        ));
        return;
    };
    let columns = spec.columns.get_ref();
    if columns.len() != 1 {
        diags.push(file.error_over(
            spec.columns.span(),
            format!(
                "values are read from one column: give `columns` one entry (the column holding the values), not {}",
                columns.len()
            ),
        ));
        return;
    }
    let rows = match csv_data::rows(sources, dir, file, source) {
        Ok((rows, warnings)) => {
            diags.extend(warnings);
            rows
        }
        Err(problems) => {
            diags.extend(problems);
            return;
        }
    };
    let data_file = dir.join(spec.file.get_ref());
    let here = Label::at(
        &file.path,
        &file.text,
        id.span(),
        "the values' names come from this column",
    );
    let mut from_file = std::collections::BTreeSet::new();
    for row in rows {
        let row = row.into_inner();
        let at = row
            .csv_line
            .map(|line| crate::base::diag::Position { line, column: 1 });
        let name = row.id.unwrap_or_default();
        if !is_value_name(&name) {
            diags.push(
                Diagnostic::error(
                    &data_file,
                    at,
                    format!("`{name}` in column `{}` cannot name a value: write it with letters, digits, `_` and `-` only (it is quoted as {{{{{group}.name}}}})", id.get_ref()),
                )
                .with_label(here.clone()),
            );
            continue;
        }
        let RowContent::Cells(cells) = row.content else {
            continue;
        };
        let Some(cell) = cells.into_iter().next() else {
            continue;
        };
        if names.contains_key(&name) {
            let twice = if from_file.contains(&name) {
                "in two rows of this file"
            } else {
                "in values.toml and in this file"
            };
            diags.push(
                Diagnostic::error(
                    &data_file,
                    at,
                    format!("the value `{group}.{name}` is given twice: {twice}"),
                )
                .with_label(here.clone()),
            );
            continue;
        }
        from_file.insert(name.clone());
        names.insert(name, cell);
    }
}
