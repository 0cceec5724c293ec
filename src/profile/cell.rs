//! A table cell of the model, also a value of `values.toml` that prose
//! quotes: exactly one of a plain string, a text, a quantity, lines or a
//! missing value, decided once when its file is loaded from the form it is
//! written in ([`WrittenCell`]). No later stage meets a cell with both a
//! text and a value, a unit without a number, or a line that spans rows.

use std::fmt;

use toml::Spanned;

use super::missing_marks::MissingMeaning;
use super::text::{CellSpec, LocalText, Qualifier, WrittenCell, MAX_DECIMALS};
use crate::base::units::Unit;

/// One cell: what it holds, and what any cell may carry beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: CellValue,
    /// A remark printed after the cell's last line in parentheses:
    /// `113,000 (estimate)`.
    pub note: Option<LocalText>,
    /// A note marked with a letter and printed under the table.
    pub footnote: Option<LocalText>,
    /// Set in bold (a total).
    pub strong: bool,
    /// Rows the cell spans, 1 or more (`rows`).
    pub rows: u32,
    /// Columns the cell spans, 1 or more (`cols`).
    pub cols: u32,
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// A plain TOML string (`"2011–2014"`): printed as written in every
    /// edition, with its data references resolved.
    Plain(String),
    /// `text = ...`: words, the same in every edition or one per language.
    Text(LocalText),
    /// A number with what it prints with.
    Quantity(Quantity),
    /// `lines = [...]`: several lines, each a cell that spans nothing and
    /// has no lines itself.
    Lines(Vec<Spanned<Cell>>),
    /// `missing = true`, or a CSV field that holds a missing-value mark.
    Missing(Option<MissingMark>),
}

/// A number of a cell: `approx. 35,000–38,000`, `< 1%`, `€9.50`,
/// `220 km²`, `113,000 (19%)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// A finite number.
    pub value: f64,
    /// The upper end of a range that starts at `value` (greater than it).
    pub to: Option<f64>,
    /// The unit (formatted per CLDR) or the words after the number.
    pub affix: Option<Affix>,
    /// `approx`, `less` or `more` (`approx = true` is `Approx`).
    pub qualifier: Option<Qualifier>,
    /// Digits after the decimal separator of `value` and `to` (0 to
    /// [`MAX_DECIMALS`]); `None` prints the shortest form.
    pub decimals: Option<u8>,
    /// The share in percent printed after the number in parentheses.
    pub share: Option<Share>,
}

/// What follows a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Affix {
    /// A unit, formatted per CLDR (`%`, `km²`, a currency).
    Unit(Unit),
    /// Words printed after the number and a space (`suffix`).
    Suffix(LocalText),
}

/// A share in percent beside a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    /// A finite number of percent.
    pub value: f64,
    /// Digits after the separator when the CSV source writes zeros at the
    /// end (`2,50`).
    pub decimals: Option<u8>,
}

/// A missing-value mark of a CSV source whose `missing` declares what it
/// means: printed as written, explained under the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingMark {
    pub mark: String,
    pub meaning: MissingMeaning,
}

impl Quantity {
    /// A bare number: no unit, range, qualifier or share.
    pub fn number(value: f64) -> Quantity {
        Quantity {
            value,
            to: None,
            affix: None,
            qualifier: None,
            decimals: None,
            share: None,
        }
    }

    /// The CLDR unit, if the number has one.
    pub fn unit(&self) -> Option<Unit> {
        match self.affix {
            Some(Affix::Unit(unit)) => Some(unit),
            _ => None,
        }
    }

    /// The words after the number, if it has them.
    pub fn suffix(&self) -> Option<&LocalText> {
        match &self.affix {
            Some(Affix::Suffix(text)) => Some(text),
            _ => None,
        }
    }
}

impl Cell {
    /// A cell that holds `value` and nothing beside it.
    pub fn of(value: CellValue) -> Cell {
        Cell {
            value,
            note: None,
            footnote: None,
            strong: false,
            rows: 1,
            cols: 1,
        }
    }

    /// The cell a written cell whose keys were checked stands for; a cell
    /// whose keys are wrong stands as a missing value, with the spans it
    /// claims (its error stops the build; the grid checks go on with it).
    pub fn from_written_or_placeholder(written: WrittenCell) -> (Cell, Option<CellShapeError>) {
        match written.shape_problem() {
            None => (Self::decided(written), None),
            Some(problem) => {
                let (rows, cols) = (written.row_span(), written.col_span());
                let cell = Cell {
                    rows,
                    cols,
                    ..Cell::of(CellValue::Missing(None))
                };
                (cell, Some(problem))
            }
        }
    }

    /// A written cell whose keys make one form ([`WrittenCell::shape_problem`]
    /// found nothing).
    fn decided(written: WrittenCell) -> Cell {
        let spec = match written {
            WrittenCell::Text(s) => return Cell::of(CellValue::Plain(s)),
            WrittenCell::Number(v) => return Cell::of(CellValue::Quantity(Quantity::number(v))),
            WrittenCell::Detailed(spec) => *spec,
        };
        let CellSpec {
            text,
            value,
            unit,
            suffix,
            share,
            to,
            qualifier,
            approx,
            note,
            lines,
            missing,
            rows,
            cols,
            strong,
            footnote,
            decimals,
            share_decimals,
        } = spec;
        let value = if missing {
            CellValue::Missing(None)
        } else if let Some(lines) = lines {
            CellValue::Lines(
                lines
                    .into_iter()
                    .map(|line| {
                        let span = line.span();
                        Spanned::new(span, Self::decided(line.into_inner()))
                    })
                    .collect(),
            )
        } else if let Some(text) = text {
            CellValue::Text(text)
        } else {
            // The shape check leaves a value as the only form left.
            CellValue::Quantity(Quantity {
                value: value.unwrap_or_default(),
                to,
                affix: match (unit, suffix) {
                    (Some(unit), _) => Some(Affix::Unit(unit)),
                    (None, Some(suffix)) => Some(Affix::Suffix(suffix)),
                    (None, None) => None,
                },
                qualifier: if approx {
                    Some(Qualifier::Approx)
                } else {
                    qualifier
                },
                decimals,
                share: share.map(|value| Share {
                    value,
                    decimals: share_decimals,
                }),
            })
        };
        Cell {
            value,
            note,
            footnote,
            strong,
            rows: rows.unwrap_or(1),
            cols: cols.unwrap_or(1),
        }
    }

    /// Rows this cell spans.
    pub fn row_span(&self) -> u32 {
        self.rows
    }

    /// Columns this cell spans.
    pub fn col_span(&self) -> u32 {
        self.cols
    }

    /// Whether the cell stands for a missing value.
    pub fn is_missing(&self) -> bool {
        matches!(self.value, CellValue::Missing(_))
    }
}

/// A cell's lines with their spans: the cell itself, or each of its
/// `lines`.
pub fn lines_of(cell: &Spanned<Cell>) -> Vec<&Spanned<Cell>> {
    match &cell.get_ref().value {
        CellValue::Lines(lines) => lines.iter().collect(),
        _ => vec![cell],
    }
}

/// What is wrong with the keys of a cell written as a table.
#[derive(Debug, Clone, PartialEq)]
pub enum CellShapeError {
    /// None or several of `text`, `value`, `lines` and `missing = true`.
    NotOneForm,
    /// `unit`, `suffix`, `share`, `to`, `qualifier`, `approx` or
    /// `decimals` without a `value`.
    NumberKeysWithoutValue,
    /// Both `approx = true` and `qualifier`.
    ApproxAndQualifier,
    /// A line of `lines` with `rows` or `cols`.
    SpanningLine,
    /// A line of `lines` with `lines` itself.
    NestedLines,
    /// Both `unit` and `suffix`.
    UnitAndSuffix,
    /// `decimals` over [`MAX_DECIMALS`].
    TooManyDecimals,
    /// `rows = 0` or `cols = 0`.
    ZeroSpan,
    /// A `value`, `share` or `to` that is infinite or not a number.
    NotFinite,
    /// `to` not greater than `value`.
    RangeDown { from: f64, to: f64 },
}

impl fmt::Display for CellShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellShapeError::NotOneForm => f.write_str(
                "a cell needs exactly one of `text`, `value`, `lines` or `missing = true`",
            ),
            CellShapeError::NumberKeysWithoutValue => f.write_str(
                "`unit`, `suffix`, `share`, `to`, `qualifier`, `approx` and `decimals` only go with a `value`",
            ),
            CellShapeError::ApproxAndQualifier => {
                f.write_str("give either `approx = true` or `qualifier`, not both")
            }
            CellShapeError::SpanningLine => {
                f.write_str("a line of `lines` cannot span rows or columns")
            }
            CellShapeError::NestedLines => {
                f.write_str("a line of `lines` cannot have `lines` itself")
            }
            CellShapeError::UnitAndSuffix => {
                f.write_str("give either `unit` or `suffix`, not both")
            }
            CellShapeError::TooManyDecimals => write!(
                f,
                "`decimals` is how many digits follow the decimal separator: 0 to {MAX_DECIMALS}"
            ),
            CellShapeError::ZeroSpan => f.write_str("`rows` and `cols` count cells and start at 1"),
            CellShapeError::NotFinite => f.write_str("a value must be a finite number"),
            CellShapeError::RangeDown { from, to } => write!(
                f,
                "a range goes up: `to` ({to}) must be greater than `value` ({from})"
            ),
        }
    }
}

impl std::error::Error for CellShapeError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(toml_text: &str) -> Result<Cell, CellShapeError> {
        #[derive(serde::Deserialize)]
        struct One {
            cell: WrittenCell,
        }
        let one: One = toml::from_str(toml_text).expect("the test's TOML parses");
        match Cell::from_written_or_placeholder(one.cell) {
            (_, Some(problem)) => Err(problem),
            (cell, None) => Ok(cell),
        }
    }

    #[test]
    fn each_written_form_is_one_value() {
        assert_eq!(
            cell("cell = \"2011\"").unwrap().value,
            CellValue::Plain("2011".into())
        );
        assert_eq!(
            cell("cell = 3").unwrap().value,
            CellValue::Quantity(Quantity::number(3.0))
        );
        let q = cell("cell = { value = 10.1, unit = \"percent\", approx = true, share = 2.5 }")
            .unwrap();
        let CellValue::Quantity(q) = q.value else {
            panic!("a quantity: {q:?}");
        };
        assert_eq!(q.unit(), Some(Unit::Percent));
        assert_eq!(q.qualifier, Some(Qualifier::Approx));
        assert_eq!(q.share.map(|s| s.value), Some(2.5));
        assert!(cell("cell = { missing = true, rows = 2 }")
            .unwrap()
            .is_missing());
        let lines = cell("cell = { lines = [\"a\", 2], strong = true }").unwrap();
        assert!(lines.strong);
        assert!(matches!(&lines.value, CellValue::Lines(l) if l.len() == 2));
    }

    #[test]
    fn wrong_states_of_the_written_form_are_refused() {
        for (written, problem) in [
            ("{ value = 3, text = \"x\" }", CellShapeError::NotOneForm),
            ("{ unit = \"percent\" }", CellShapeError::NotOneForm),
            (
                "{ text = \"x\", unit = \"percent\" }",
                CellShapeError::NumberKeysWithoutValue,
            ),
            (
                "{ value = 1, approx = true, qualifier = \"less\" }",
                CellShapeError::ApproxAndQualifier,
            ),
            (
                "{ lines = [{ value = 1, rows = 2 }] }",
                CellShapeError::SpanningLine,
            ),
            ("{ lines = [{ lines = [1] }] }", CellShapeError::NestedLines),
            (
                "{ value = 1, unit = \"percent\", suffix = \"x\" }",
                CellShapeError::UnitAndSuffix,
            ),
            (
                "{ value = 1, decimals = 9 }",
                CellShapeError::TooManyDecimals,
            ),
            ("{ value = 1, cols = 0 }", CellShapeError::ZeroSpan),
            (
                "{ value = 5, to = 4 }",
                CellShapeError::RangeDown { from: 5.0, to: 4.0 },
            ),
        ] {
            assert_eq!(
                cell(&format!("cell = {written}")).err(),
                Some(problem),
                "{written}"
            );
        }
    }

    #[test]
    fn a_misshapen_cell_stands_as_a_missing_value_with_its_spans() {
        let written = WrittenCell::Detailed(Box::new(CellSpec {
            value: Some(1.0),
            text: Some(LocalText::new(
                0..0,
                super::super::TextContent::Neutral("x".into()),
            )),
            cols: Some(2),
            ..CellSpec::default()
        }));
        let (cell, problem) = Cell::from_written_or_placeholder(written);
        assert_eq!(problem, Some(CellShapeError::NotOneForm));
        assert!(cell.is_missing());
        assert_eq!((cell.rows, cell.cols), (1, 2));
    }
}
