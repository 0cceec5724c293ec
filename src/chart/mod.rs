//! Charts drawn from a profile's data: bars (vertical and horizontal,
//! grouped when there are several series), stacked bars (absolute and
//! 100%), lines (over years placed by their distance in time), pies and
//! donuts, and population pyramids.
//!
//! A chart is two things: an SVG that holds only the geometry (bars, lines,
//! slices, gridlines, swatches, markers), and a list of labels (every word
//! and number of the chart, with its position, anchor, size and colour) that
//! the template sets as Typst text over the SVG. So chart text is shaped,
//! ordered (bidi) and falls back to other fonts like the body text, in every
//! script, and is real text in the PDF.
//!
//! Each kind lays its chart out here: label wrapping, room for ticks and
//! values with their unit and sign, legend, value labels clear of each
//! other, of the gridlines and of the figure's edge, all from label widths
//! measured with the same fonts (`measure`). It records the geometry as
//! shapes on plots whose axes place data values (a bar's end, a line's
//! point, a tick's gridline) or positions in points (`geometry`); the
//! labels stand where the same axes place their values. `plotters` then
//! draws the shapes through its coordinate mapping on its SVG backend, in
//! hundredths of a point on a picture sized in points at print size, with
//! no text of its own (no mesh labels: the gridlines are drawn as lines at
//! the ticks). The same data always gives the same SVG bytes and labels.

mod axis;
mod bar;
mod error;
mod geometry;
mod hbar;
mod label;
mod layout;
mod legend;
mod line;
pub mod measure;
pub mod palette;
mod pie;
mod pyramid;
mod validate;

pub use axis::{years, Scale};
pub use error::{ChartError, DataError, LayoutError};
pub use label::{Bounds, HAnchor, Label, VAnchor};
pub use validate::{refused_options, validate, OptionUse};

use crate::base::units::Unit;
use crate::locale::NumberFormat;

/// The chart kinds a figure can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Vertical bars; several series are grouped side by side.
    Bar,
    /// Horizontal bars; several series are grouped.
    Hbar,
    /// Vertical bars with the series stacked.
    StackedBar,
    /// Stacked bars whose series are shares adding up to 100%.
    #[serde(rename = "stacked-bar-100")]
    StackedBar100,
    /// Lines over the categories, one per series; categories that are years
    /// are placed by their distance in time.
    Line,
    /// A pie of one series.
    Pie,
    /// A ring of one series.
    Donut,
    /// Two series drawn to the left and to the right of a centre line.
    Pyramid,
}

impl ChartKind {
    /// The kind's name as a profile writes it.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Bar => "bar",
            ChartKind::Hbar => "hbar",
            ChartKind::StackedBar => "stacked-bar",
            ChartKind::StackedBar100 => "stacked-bar-100",
            ChartKind::Line => "line",
            ChartKind::Pie => "pie",
            ChartKind::Donut => "donut",
            ChartKind::Pyramid => "pyramid",
        }
    }
}

/// One series: a name (for the legend) and a value per category; `None` is a
/// value the source does not give (drawn as a gap, never as zero).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// Per category: the mark the source writes for "nothing" (exactly
    /// zero: Destatis' `-`, printed `–` as in the table, DIN 55301), whose
    /// value is then `Some(0.0)`: drawn as zero, labelled with the mark.
    pub marks: Vec<Option<String>>,
    /// The most decimals the source writes among the series' values (`16.0`
    /// beside `12.8`: 1); value labels print that many, and the shortest
    /// form when `None`.
    pub decimals: Option<u8>,
}

impl Series {
    /// A series of plain values: no "nothing" marks, labels in the
    /// shortest form.
    pub fn new(name: impl Into<String>, values: Vec<Option<f64>>) -> Series {
        Series {
            name: name.into(),
            marks: vec![None; values.len()],
            values,
            decimals: None,
        }
    }

    /// The mark printed for the value of category `i` instead of its number.
    pub fn mark(&self, i: usize) -> Option<&str> {
        self.marks.get(i).and_then(|m| m.as_deref())
    }
}

/// Consecutive categories under a common heading (the group bands of the
/// table a chart draws: "Unemployed" over "Germans" and "Non-Germans").
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    /// Index of the group's first category.
    pub start: usize,
    /// Number of categories in the group.
    pub len: usize,
}

/// What a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Category groups (bar and hbar charts); empty when there are none.
    pub groups: Vec<Group>,
}

impl ChartData {
    /// Whether the chart has a legend (bar, hbar and line charts): with
    /// several series, or one series that has a name.
    pub fn has_legend(&self) -> bool {
        self.series.len() > 1 || self.series.iter().any(|s| !s.name.trim().is_empty())
    }

    /// Every value the source gives, series by series (missing ones left
    /// out).
    pub fn values(&self) -> impl Iterator<Item = &f64> {
        self.series.iter().flat_map(|s| s.values.iter().flatten())
    }

    /// The series names, in order (for the legend).
    pub fn series_names(&self) -> Vec<String> {
        self.series.iter().map(|s| s.name.clone()).collect()
    }
}

/// How a chart looks and writes its numbers.
#[derive(Debug, Clone)]
pub struct ChartStyle {
    /// Series colours, in order; see `palette::palette`.
    pub palette: Vec<(u8, u8, u8)>,
    pub numbers: NumberFormat,
    pub unit: Option<Unit>,
    pub value_labels: bool,
    /// Title of the value axis.
    pub value_title: Option<String>,
    /// Title of the category axis.
    pub category_title: Option<String>,
    /// Width of the chart in points at print size.
    pub width: f64,
    /// The edition's direction: a right-to-left chart is mirrored (see
    /// `layout`).
    pub direction: crate::base::bidi::Direction,
    /// What a missing value prints as (the edition's missing-value mark).
    pub missing_mark: String,
}

/// A drawn chart: the geometry as SVG and the labels the template sets
/// over it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Chart {
    #[serde(skip)]
    pub svg: String,
    /// Size in points.
    pub width: f64,
    pub height: f64,
    /// The font families the labels were measured in, in fallback order.
    pub fonts: Vec<String>,
    pub labels: Vec<Label>,
}

impl Chart {
    /// Checks the layout: every label inside the chart's frame and no two
    /// labels overlapping. The message names the labels.
    pub fn check_layout(&self) -> Result<(), LayoutError> {
        for l in &self.labels {
            let b = l.bounds;
            if b.left < -0.5
                || b.right > self.width + 0.5
                || b.top < -0.5
                || b.bottom > self.height + 0.5
            {
                return Err(LayoutError::LeavesFrame {
                    lines: l.lines.clone(),
                    bounds: b,
                    width: self.width,
                    height: self.height,
                });
            }
        }
        for (i, a) in self.labels.iter().enumerate() {
            for b in &self.labels[i + 1..] {
                if a.bounds.overlaps(&b.bounds) {
                    return Err(LayoutError::Overlap {
                        first: a.lines.clone(),
                        second: b.lines.clone(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Draws a chart. `validate` must have accepted the data. Errors: a style
/// without colours, or plotters failing to draw the SVG.
pub fn render(kind: ChartKind, data: &ChartData, style: &ChartStyle) -> Result<Chart, ChartError> {
    if style.palette.is_empty() {
        return Err(ChartError::NoColours);
    }
    match kind {
        ChartKind::Bar | ChartKind::StackedBar | ChartKind::StackedBar100 => {
            bar::draw(kind, data, style)
        }
        ChartKind::Hbar => hbar::draw(data, style),
        ChartKind::Line => line::draw(data, style),
        ChartKind::Pie | ChartKind::Donut => pie::draw(kind, data, style),
        ChartKind::Pyramid => pyramid::draw(data, style),
    }
}

/// The largest and smallest of all values (0 when there are none).
fn extent<'a>(values: impl Iterator<Item = &'a f64>) -> (f64, f64) {
    values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)))
}
