//! The decimals a number is written with in a profile's TOML files: `16.0`
//! prints `16.0`, not `16`, beside `12.8`. A TOML float is read as a binary
//! number, which forgets its zeros at the end, so they are counted in the
//! number's source text (the cell's span, read again with `toml_edit`,
//! which keeps each value's text as written).

use toml::Spanned;

use super::text::{CellSpec, WrittenCell};

/// How many digits `written` (a number as TOML or a CSV writes it, `16.0`,
/// `1_000.50`) has after its decimal point; `None` without a point or in
/// exponent form (`1e3`).
pub(super) fn written_decimals(written: &str) -> Option<usize> {
    let written = written.trim();
    if written.contains(['e', 'E']) {
        return None;
    }
    let (_, fraction) = written.split_once('.')?;
    Some(fraction.chars().filter(char::is_ascii_digit).count())
}

/// How many digits the shortest form of `value` has after its decimal
/// point (`16` -> 0, `12.8` -> 1): what is printed without `decimals`.
pub(super) fn shortest_decimals(value: f64) -> usize {
    written_decimals(&format!("{value}")).unwrap_or(0)
}

/// The count of decimals to keep for a number written with `written`
/// decimals: `Some` only when the source has zeros at the end that the
/// value lost (`16.0`, `2,50`), so that other numbers print as before.
pub(super) fn kept(value: f64, written: Option<usize>) -> Option<u8> {
    let written = written?;
    (written > shortest_decimals(value))
        .then(|| u8::try_from(written).ok())
        .flatten()
        .map(|d| d.min(super::text::MAX_DECIMALS))
}

/// Gives every number of `cells` written with zeros at the end of its
/// decimals in `text` (the TOML file the cells were read from) those
/// decimals: a bare `16.0` becomes `{ value = 16.0, decimals = 1 }`; a
/// `value`, `to` or `share` of a cell table keeps its own, unless the
/// cell declares `decimals`.
pub(super) fn keep_written_decimals<'a>(
    text: &str,
    cells: impl Iterator<Item = &'a mut Spanned<WrittenCell>>,
) {
    for cell in cells {
        let written = text.get(cell.span()).unwrap_or_default();
        keep_in_cell(written, cell.get_mut());
    }
}

fn keep_in_cell(written: &str, cell: &mut WrittenCell) {
    match cell {
        WrittenCell::Text(_) => {}
        WrittenCell::Number(value) => {
            if let Some(decimals) = kept(*value, written_decimals(written)) {
                *cell = WrittenCell::Detailed(Box::new(CellSpec {
                    value: Some(*value),
                    decimals: Some(decimals),
                    ..CellSpec::default()
                }));
            }
        }
        WrittenCell::Detailed(spec) => {
            if let Some(lines) = &mut spec.lines {
                // A line's span is within the file, not within `written`:
                // the lines are read from the cell's own text again.
                let Ok(table) = written.parse::<toml_edit::Value>() else {
                    return;
                };
                let Some(written_lines) = table
                    .as_inline_table()
                    .and_then(|t| t.get("lines"))
                    .and_then(|l| l.as_array())
                else {
                    return;
                };
                for (line, written) in lines.iter_mut().zip(written_lines.iter()) {
                    keep_in_cell(&written_repr(written), line.get_mut());
                }
                return;
            }
            if spec.value.is_none() || !written.contains('.') {
                return;
            }
            let Ok(table) = written.parse::<toml_edit::Value>() else {
                return;
            };
            let Some(table) = table.as_inline_table() else {
                return;
            };
            let decimals_of = |key: &str| {
                table
                    .get(key)
                    .and_then(|v| v.as_float().map(|_| written_repr(v)))
                    .and_then(|w| written_decimals(&w))
            };
            if spec.decimals.is_none() {
                // A range prints both ends alike: the more decimals of the two.
                let of_value = spec.value.and_then(|v| kept(v, decimals_of("value")));
                let of_to = spec.to.and_then(|v| kept(v, decimals_of("to")));
                spec.decimals = of_value.max(of_to);
                if spec.decimals.is_some() {
                    let at_least = |v: Option<f64>| v.map_or(0, shortest_decimals) as u8;
                    let fewest = at_least(spec.value).max(at_least(spec.to));
                    spec.decimals = spec.decimals.map(|d| d.max(fewest));
                }
            }
            if let Some(share) = spec.share {
                spec.share_decimals = kept(share, decimals_of("share"));
            }
        }
    }
}

/// A value's text as written in its TOML source.
fn written_repr(value: &toml_edit::Value) -> String {
    match value {
        toml_edit::Value::Float(f) => f.display_repr().into_owned(),
        toml_edit::Value::Integer(i) => i.display_repr().into_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Doc {
        cells: Vec<Spanned<WrittenCell>>,
    }

    fn cells(text: &str) -> Vec<WrittenCell> {
        let mut doc: Doc = toml::from_str(text).unwrap();
        keep_written_decimals(text, doc.cells.iter_mut());
        doc.cells.into_iter().map(Spanned::into_inner).collect()
    }

    fn decimals(cell: &WrittenCell) -> Option<u8> {
        match cell {
            WrittenCell::Detailed(spec) => spec.decimals,
            _ => None,
        }
    }

    #[test]
    fn zeros_written_at_the_end_are_kept_and_nothing_else_changes() {
        let c = cells("cells = [16.0, 12.8, 16, 1e3, \"16.0\", { value = 16.0, unit = \"percent\" }, { value = 16.50, decimals = 3 }, { value = 7.10, to = 8.25, share = 19.0 }]\n");
        assert_eq!(decimals(&c[0]), Some(1));
        assert!(matches!(&c[0], WrittenCell::Detailed(s) if s.value == Some(16.0)));
        assert_eq!(c[1], WrittenCell::Number(12.8));
        assert_eq!(c[2], WrittenCell::Number(16.0));
        assert_eq!(c[3], WrittenCell::Number(1000.0));
        assert_eq!(c[4], WrittenCell::Text("16.0".into()));
        assert_eq!(decimals(&c[5]), Some(1));
        assert_eq!(decimals(&c[6]), Some(3), "the declared count wins");
        assert_eq!(decimals(&c[7]), Some(2));
        assert!(matches!(&c[7], WrittenCell::Detailed(s) if s.share_decimals == Some(1)));
        let c = cells("cells = [{ value = 12.8, unit = \"percent\" }, { lines = [2.50, 3] }]\n");
        assert_eq!(decimals(&c[0]), None);
        let WrittenCell::Detailed(spec) = &c[1] else {
            panic!("lines")
        };
        let lines = spec.lines.as_ref().unwrap();
        assert_eq!(decimals(lines[0].get_ref()), Some(2));
        assert_eq!(lines[1].get_ref(), &WrittenCell::Number(3.0));
    }

    #[test]
    fn written_decimals_count_digits_after_the_point() {
        assert_eq!(written_decimals("16.0"), Some(1));
        assert_eq!(written_decimals("1_000.50"), Some(2));
        assert_eq!(written_decimals("16"), None);
        assert_eq!(written_decimals("1.5e3"), None);
        assert_eq!(kept(16.0, Some(1)), Some(1));
        assert_eq!(kept(12.8, Some(1)), None);
    }
}
