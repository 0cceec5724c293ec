//! The values a text can quote by a data reference, indexed for the search
//! of numbers typed by hand: by their digits (`603600`, `13.8`) for equal
//! numbers, and by size for numbers written rounded.

use std::collections::HashMap;

use crate::base::units::Unit;
use crate::edition::row_grid;
use crate::locale::written::{value_key, WrittenNumber};
use crate::profile::{Cell, CellValue, Profile};

/// Every value of values.toml and every table cell with a row and column
/// id that holds one number, each with the data reference that prints it.
pub(super) struct ValueIndex {
    /// The references (`population.total`, `general-overview.total.2019`),
    /// in the order of the files: values.toml, then the tables by id.
    references: Vec<String>,
    /// Indexes into `references` by the value's key, as written in the
    /// data and as printed ([`value_key`]).
    by_key: HashMap<String, Vec<usize>>,
    /// Each value's magnitude, in increasing order, with its reference.
    by_size: Vec<(f64, usize)>,
    /// Whether each value is a percentage (`unit = "percent"`).
    percent: Vec<bool>,
}

/// A number a reference quotes: its value, the decimals it prints with,
/// whether it is a percentage.
type Quoted = (f64, Option<u8>, bool);

/// The number a cell prints and the decimals it prints it with, when the
/// cell is one number that a reference reproduces: not a range (`to`),
/// text, several lines or a missing value.
fn quoted_number(cell: &Cell) -> Option<Quoted> {
    match &cell.value {
        CellValue::Quantity(quantity) if quantity.to.is_none() => {
            let percent = matches!(quantity.unit(), Some(Unit::Percent));
            Some((quantity.value, quantity.decimals, percent))
        }
        _ => None,
    }
}

impl ValueIndex {
    /// The index of a profile's values.
    pub(super) fn of(profile: &Profile) -> ValueIndex {
        let mut index = ValueIndex {
            references: Vec::new(),
            by_key: HashMap::new(),
            by_size: Vec::new(),
            percent: Vec::new(),
        };
        if let Some(values) = &profile.values {
            for (group, cells) in &values.value {
                for (name, cell) in cells {
                    if let Some(number) = quoted_number(cell.get_ref()) {
                        index.add(format!("{group}.{name}"), number);
                    }
                }
            }
        }
        for (id, table) in &profile.tables {
            let table = &table.value;
            let columns = table.columns.get_ref();
            for (row, cells) in table.rows.iter().zip(row_grid(table)) {
                let Some(row_id) = &row.get_ref().id else {
                    continue;
                };
                for (column, cell) in columns.iter().zip(cells) {
                    let (Some(column_id), Some(cell)) = (&column.id, cell) else {
                        continue;
                    };
                    if let Some(number) = quoted_number(cell) {
                        index.add(format!("{id}.{row_id}.{column_id}"), number);
                    }
                }
            }
        }
        index.by_size.sort_by(|a, b| a.0.total_cmp(&b.0));
        index
    }

    fn add(&mut self, reference: String, (value, decimals, percent): Quoted) {
        let keys = value_key(value, decimals);
        if keys.is_empty() {
            return;
        }
        let at = self.references.len();
        self.references.push(reference);
        self.percent.push(percent);
        for key in keys {
            self.by_key.entry(key).or_default().push(at);
        }
        self.by_size.push((value.abs(), at));
    }

    pub(super) fn is_empty(&self) -> bool {
        self.references.is_empty()
    }

    /// The references of the values equal to `number`.
    pub(super) fn equal(&self, number: &WrittenNumber) -> Vec<&str> {
        self.by_key
            .get(&number.key())
            .map(|found| found.iter().map(|&i| self.references[i].as_str()).collect())
            .unwrap_or_default()
    }

    /// The references of the values that, rounded to the precision
    /// `number` is written to, are `number` (`604,000` for 603,609), the
    /// nearest first. A whole percentage (`about 14 %`) is read as a
    /// percentage with decimals rounded to units (13.8 %).
    pub(super) fn rounded_to(&self, number: &WrittenNumber, whole_percent: bool) -> Vec<&str> {
        let Ok(written) = number.key().parse::<f64>() else {
            return Vec::new();
        };
        let precision = if whole_percent { 0 } else { number.precision() };
        // Every value within half a step of the number, with a margin for
        // the binary fractions; the decimal rounding decides.
        let half = 10f64.powi(i32::from(precision)) / 2.0;
        let margin = half * 1e-6;
        let low = self
            .by_size
            .partition_point(|(v, _)| *v < written - half - margin);
        let high = self
            .by_size
            .partition_point(|(v, _)| *v <= written + half + margin);
        let mut found: Vec<(f64, usize)> = self.by_size[low..high]
            .iter()
            .filter(|(v, i)| {
                let fits = !whole_percent || (self.percent[*i] && v.fract() != 0.0);
                fits && number.is_rounded_to(*v, precision)
            })
            .map(|&(v, i)| ((v - written).abs(), i))
            .collect();
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        found.dedup_by_key(|(_, i)| *i);
        found
            .into_iter()
            .map(|(_, i)| self.references[i].as_str())
            .collect()
    }
}
