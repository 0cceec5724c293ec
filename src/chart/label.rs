//! Chart labels: every text of a chart (category and tick labels, value
//! labels, legend entries, axis titles) as a label that the template sets as
//! real Typst text over the chart's SVG, so that it is shaped, ordered (bidi)
//! and falls back to other fonts exactly like the body text, and is real,
//! tagged text in the PDF.
//!
//! A label is anchored at a point: horizontally at its left edge, centre or
//! right edge; vertically at the top of its first line's capitals, its
//! middle, or the baseline of its last line. Lines are decided here (from
//! measured widths), so the chart's layout knows each label's box.

use serde::Serialize;

use super::measure::Font;
use super::palette::{hex, Rgb};

/// Height of capitals, in em (Noto Sans): the top of a label's first line.
pub const CAP_HEIGHT: f64 = 0.714;
/// Distance between the baselines of a label's lines, in em.
pub const LINE_PITCH: f64 = 1.25;

/// Horizontal anchor, on the page (after mirroring for right-to-left).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HAnchor {
    Left,
    Center,
    Right,
}

/// Horizontal anchor in reading order: `Start` is left in a left-to-right
/// edition and right in a right-to-left one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Center,
    End,
}

/// Vertical anchor: the top of the capitals of the first line, the middle of
/// the label, or the baseline of the last line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VAnchor {
    Top,
    Center,
    Bottom,
}

/// One label as the template places it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    /// The label's lines, in logical (reading) order; Typst orders the
    /// characters of each line.
    pub lines: Vec<String>,
    /// Anchor point in points from the chart's top left corner.
    pub x: f64,
    pub y: f64,
    pub h: HAnchor,
    pub v: VAnchor,
    /// Size in points.
    pub size: f64,
    /// `#rrggbb`.
    pub fill: String,
    pub bold: bool,
    /// A white ground under the text, so that gridlines do not run through it.
    pub halo: bool,
    /// The label's box as measured (left, top, right, bottom, in points,
    /// including room for ascenders and descenders), for layout checks.
    #[serde(skip)]
    pub bounds: Bounds,
}

/// An axis-aligned box: left, top, right, bottom in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bounds {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Bounds {
    /// Whether two boxes share any area (touching is not overlapping).
    pub fn overlaps(&self, other: &Bounds) -> bool {
        self.left < other.right - 0.01
            && other.left < self.right - 0.01
            && self.top < other.bottom - 0.01
            && other.top < self.bottom - 0.01
    }

    /// Width in points.
    pub fn width(&self) -> f64 {
        self.right - self.left
    }
}

/// The height of a label's text block (capitals of the first line to the
/// baseline of the last), in points.
pub fn block_height(lines: usize, size: f64) -> f64 {
    CAP_HEIGHT * size + (lines.max(1) - 1) as f64 * LINE_PITCH * size
}

/// The box of a label with the given lines anchored at a physical point.
pub fn bounds(lines: &[String], font: &Font, x: f64, y: f64, h: HAnchor, v: VAnchor) -> Bounds {
    let w = font.max_width(lines);
    let bh = block_height(lines.len(), font.size);
    let left = match h {
        HAnchor::Left => x,
        HAnchor::Center => x - w / 2.0,
        HAnchor::Right => x - w,
    };
    let top = match v {
        VAnchor::Top => y,
        VAnchor::Center => y - bh / 2.0,
        VAnchor::Bottom => y - bh,
    };
    Bounds {
        left,
        top: top - 0.36 * font.size,
        right: left + w,
        bottom: top + bh + 0.3 * font.size,
    }
}

/// Builds a label at a physical point, with its measured box.
#[allow(clippy::too_many_arguments)]
pub fn label(
    lines: Vec<String>,
    font: &Font,
    colour: Rgb,
    x: f64,
    y: f64,
    h: HAnchor,
    v: VAnchor,
    halo: bool,
) -> Label {
    let bounds = bounds(&lines, font, x, y, h, v);
    Label {
        lines,
        x: round(x),
        y: round(y),
        h,
        v,
        size: font.size,
        fill: hex(colour),
        bold: font.bold,
        halo,
        bounds,
    }
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}
