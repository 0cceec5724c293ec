//! What can go wrong with a chart, as types: data a kind cannot draw
//! (`DataError`, refused before drawing), a chart that cannot be drawn
//! (`ChartError`), and a drawn chart whose labels do not fit
//! (`LayoutError`, a warning). Each prints the words the profile author
//! reads; the caller adds the file, line and column.

use std::fmt;

use super::ChartKind;

/// Data that a chart kind cannot draw (see `validate`).
#[derive(Debug, Clone, PartialEq)]
pub enum DataError {
    /// The table selection gives no rows.
    NoCategories,
    /// The chart names no series.
    NoSeries,
    /// A category's label is empty in the edition's language; `number`
    /// counts from 1.
    UnlabelledCategory { number: usize },
    /// A series has more or fewer values than there are categories.
    ValueCount {
        series: String,
        values: usize,
        categories: usize,
    },
    /// Every value of a series is missing.
    EmptySeries { series: String },
    /// A value is infinite or NaN.
    NotANumber { series: String, value: f64 },
    /// A category group has no categories or runs past the last one.
    EmptyGroup { group: String },
    /// A pie or donut is given more or fewer than one series.
    NotOneSeries { kind: ChartKind, series: usize },
    /// A pie or donut slice is negative.
    NegativeSlice {
        kind: ChartKind,
        category: String,
        value: f64,
    },
    /// A pie or donut slice is missing.
    MissingSlice { kind: ChartKind, category: String },
    /// A pie's or donut's values add up to zero or less.
    NoTotal { kind: ChartKind },
    /// A pyramid is given more or fewer than two series.
    NotTwoSeries { series: usize },
    /// A pyramid value is negative.
    NegativeCount,
    /// A stacked bar chart has a single series.
    NothingToStack,
    /// A stacked bar chart has a negative value.
    NegativeStack,
    /// The shares of a 100% stacked bar's category do not add up to 100
    /// (beyond one point of rounding).
    SharesNotHundred { category: String, total: f64 },
    /// A line chart has fewer than two categories.
    TooFewYears,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::NoCategories => {
                f.write_str("the chart has no categories: its table selection has no rows")
            }
            DataError::NoSeries => f.write_str("the chart has no series"),
            DataError::UnlabelledCategory { number } => write!(
                f,
                "category {number} has no label in this edition's language"
            ),
            DataError::ValueCount {
                series,
                values,
                categories,
            } => write!(
                f,
                "series `{series}` has {values} values for {categories} categories: every series needs one value per category"
            ),
            DataError::EmptySeries { series } => {
                write!(f, "series `{series}` is empty: it has no values")
            }
            DataError::NotANumber { series, value } => write!(
                f,
                "series `{series}` has a value that is not a number: {value}"
            ),
            DataError::EmptyGroup { group } => write!(f, "group `{group}` has no categories"),
            DataError::NotOneSeries { kind, series } => write!(
                f,
                "a {} draws exactly one series; this chart has {series}",
                kind.name()
            ),
            DataError::NegativeSlice {
                kind,
                category,
                value,
            } => write!(
                f,
                "a {} cannot show a negative count: `{category}` is {value}",
                kind.name()
            ),
            DataError::MissingSlice { kind, category } => write!(
                f,
                "a {} needs every value: `{category}` has none",
                kind.name()
            ),
            DataError::NoTotal { kind } => {
                write!(f, "a {} needs a total above zero", kind.name())
            }
            DataError::NotTwoSeries { series } => write!(
                f,
                "a pyramid draws exactly two series (left and right); this chart has {series}"
            ),
            DataError::NegativeCount => f.write_str("a pyramid cannot show negative counts"),
            DataError::NothingToStack => {
                f.write_str("a stacked bar chart needs at least two series to stack")
            }
            DataError::NegativeStack => f.write_str(
                "stacked bars cannot stack negative values: use a bar chart (type = \"bar\"), which draws them below a zero line",
            ),
            DataError::SharesNotHundred { category, total } => write!(
                f,
                "the shares of `{category}` add up to {total}%, not 100% (beyond rounding)"
            ),
            DataError::TooFewYears => {
                f.write_str("a line chart needs at least two categories (years)")
            }
        }
    }
}

impl std::error::Error for DataError {}

/// A chart that cannot be drawn (see `render`).
#[derive(Debug)]
pub enum ChartError {
    /// The style gives no series colours.
    NoColours,
    /// plotters failed to draw the SVG.
    Drawing(plotters::drawing::DrawingAreaErrorKind<std::io::Error>),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::NoColours => f.write_str("the chart has no colours"),
            ChartError::Drawing(e) => write!(f, "drawing the chart: {e}"),
        }
    }
}

impl std::error::Error for ChartError {}

impl From<plotters::drawing::DrawingAreaErrorKind<std::io::Error>> for ChartError {
    fn from(e: plotters::drawing::DrawingAreaErrorKind<std::io::Error>) -> Self {
        ChartError::Drawing(e)
    }
}

/// A drawn chart whose labels do not fit (see `Chart::check_layout`).
#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    /// A label's box reaches outside the chart's frame (by more than half a
    /// point); `bounds` in points.
    LeavesFrame {
        lines: Vec<String>,
        bounds: super::Bounds,
        width: f64,
        height: f64,
    },
    /// Two labels' boxes overlap.
    Overlap {
        first: Vec<String>,
        second: Vec<String>,
    },
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayoutError::LeavesFrame {
                lines,
                bounds: b,
                width,
                height,
            } => write!(
                f,
                "label {:?} ({:.1}, {:.1})-({:.1}, {:.1}) leaves the {:.0} × {:.0} chart",
                lines, b.left, b.top, b.right, b.bottom, width, height
            ),
            LayoutError::Overlap { first, second } => {
                write!(f, "labels {first:?} and {second:?} overlap")
            }
        }
    }
}

impl std::error::Error for LayoutError {}
