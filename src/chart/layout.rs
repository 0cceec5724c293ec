//! The drawing surface shared by every chart kind: geometry goes to the
//! shapes that plotters draws as SVG (`geometry`), text to labels. Kinds lay
//! out in reading order (`x` from the start edge); in a right-to-left
//! edition every shape (through the plots' coordinate mapping) and every
//! label's anchor is mirrored, so a right-to-left chart is the mirror image
//! of the left-to-right one: its categories, legend entries and series run
//! from right to left and its category labels stand at the right, while each
//! label reads as text does.

use super::geometry::{Geometry, Marker, Plot};
use super::label::{self, Anchor, Bounds, HAnchor, Label, VAnchor};
use super::measure::Font;
use super::palette::Rgb;
use super::{Chart, ChartStyle};

/// Category and tick labels, legend entries and axis titles, in points.
pub const LABEL_SIZE: f64 = 8.0;
/// Value labels on bars and slices.
pub const VALUE_SIZE: f64 = 7.4;
/// Line pitch of labels at `LABEL_SIZE`.
pub const LINE: f64 = LABEL_SIZE * label::LINE_PITCH;
/// Text colour.
pub const INK: Rgb = (40, 40, 40);
/// Tick labels.
pub const MUTED: Rgb = (90, 90, 90);
/// Gridlines.
pub const GRID: Rgb = (215, 215, 215);
/// Axis lines and the zero line.
pub const AXIS: Rgb = (110, 110, 110);
pub const WHITE: Rgb = (255, 255, 255);

/// Text colour that reads on a fill: white on dark, ink on light.
pub fn ink_on(fill: Rgb) -> Rgb {
    if super::palette::luma(fill) < 140.0 {
        WHITE
    } else {
        INK
    }
}

/// What a label is, for its font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Category labels, legend entries, ticks.
    Label,
    /// Numbers on or beside bars and slices.
    Value,
    /// Axis titles.
    Title,
    /// Headings of category groups (bold).
    Group,
}

/// Room left free at the top of every chart (ascenders of the first line).
pub const TOP: f64 = 3.0;

/// A chart being drawn.
pub struct Canvas<'a> {
    pub width: f64,
    pub style: &'a ChartStyle,
    geometry: Geometry,
    labels: Vec<Label>,
}

impl<'a> Canvas<'a> {
    /// An empty chart as wide as the style says.
    pub fn new(style: &'a ChartStyle) -> Self {
        Canvas {
            width: style.width,
            style,
            geometry: Geometry::default(),
            labels: Vec::new(),
        }
    }

    fn rtl(&self) -> bool {
        self.style.direction.is_right_to_left()
    }

    /// The page x of a reading-order x.
    pub fn x(&self, x: f64) -> f64 {
        if self.rtl() {
            self.width - x
        } else {
            x
        }
    }

    /// The font of a role's labels (size, weight, direction).
    pub fn font(&self, role: Role) -> Font {
        Font {
            size: match role {
                Role::Value => VALUE_SIZE,
                _ => LABEL_SIZE,
            },
            bold: role == Role::Group,
            direction: self.style.direction,
        }
    }

    /// Width of a one-line text in a role's font.
    pub fn width(&self, role: Role, text: &str) -> f64 {
        self.font(role).width(text)
    }

    /// Wraps a text to a width in a role's font.
    pub fn wrap(&self, role: Role, text: &str, width: f64) -> Vec<String> {
        self.font(role).wrap(text, width)
    }

    /// A filled rectangle between two corners, in a plot's coordinates.
    pub fn rect(&mut self, plot: Plot, a: (f64, f64), b: (f64, f64), fill: Rgb) {
        self.geometry.rect(plot, a, b, fill);
    }

    /// A straight line, `width` points wide, in a plot's coordinates.
    pub fn line(&mut self, plot: Plot, a: (f64, f64), b: (f64, f64), stroke: Rgb, width: f64) {
        self.geometry.path(plot, vec![a, b], stroke, width);
    }

    /// An open line through points, in a plot's coordinates.
    pub fn polyline(&mut self, plot: Plot, points: Vec<(f64, f64)>, stroke: Rgb, width: f64) {
        self.geometry.path(plot, points, stroke, width);
    }

    /// A filled polygon, in a plot's coordinates.
    pub fn polygon(&mut self, plot: Plot, points: Vec<(f64, f64)>, fill: Rgb) {
        self.geometry.polygon(plot, points, fill);
    }

    /// A marker centred on a point of a plot.
    pub fn marker(&mut self, plot: Plot, at: (f64, f64), marker: Marker, fill: Rgb) {
        self.geometry.marker(plot, at, marker, fill);
    }

    fn physical(&self, anchor: Anchor) -> HAnchor {
        match (anchor, self.rtl()) {
            (Anchor::Center, _) => HAnchor::Center,
            (Anchor::Start, false) | (Anchor::End, true) => HAnchor::Left,
            (Anchor::Start, true) | (Anchor::End, false) => HAnchor::Right,
        }
    }

    /// The box a label would take, without placing it.
    #[allow(clippy::too_many_arguments)]
    pub fn bounds(
        &self,
        role: Role,
        lines: &[String],
        x: f64,
        y: f64,
        anchor: Anchor,
        v: VAnchor,
    ) -> Bounds {
        label::bounds(
            lines,
            &self.font(role),
            self.x(x),
            y,
            self.physical(anchor),
            v,
        )
    }

    /// Whether a box is free of every label placed so far.
    pub fn is_free(&self, b: &Bounds) -> bool {
        self.labels.iter().all(|l| !l.bounds.overlaps(b))
    }

    /// Places a label (reading-order x).
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        role: Role,
        lines: Vec<String>,
        x: f64,
        y: f64,
        anchor: Anchor,
        v: VAnchor,
        colour: Rgb,
        halo: bool,
    ) -> Bounds {
        let font = self.font(role);
        let l = label::label(
            lines,
            &font,
            colour,
            self.x(x),
            y,
            self.physical(anchor),
            v,
            halo,
        );
        let b = l.bounds;
        if l.lines.iter().any(|s| !s.is_empty()) {
            self.labels.push(l);
        }
        b
    }

    /// Places a one-line label.
    #[allow(clippy::too_many_arguments)]
    pub fn text1(
        &mut self,
        role: Role,
        text: &str,
        x: f64,
        y: f64,
        anchor: Anchor,
        v: VAnchor,
        colour: Rgb,
        halo: bool,
    ) -> Bounds {
        self.text(role, vec![text.to_string()], x, y, anchor, v, colour, halo)
    }

    /// Sets a value label beside the end `end` of a horizontal bar,
    /// centred on `mid`: 3 points after it (`forward`, a bar that runs
    /// towards the end side) or before it, on a white ground.
    pub fn value_beside(&mut self, text: &str, end: f64, mid: f64, forward: bool) {
        let (at, anchor) = if forward {
            (end + 3.0, Anchor::Start)
        } else {
            (end - 3.0, Anchor::End)
        };
        self.text1(
            Role::Value,
            text,
            at,
            mid,
            anchor,
            VAnchor::Center,
            INK,
            true,
        );
    }

    /// The series colour `i`.
    pub fn colour(&self, i: usize) -> Rgb {
        self.style.palette[i % self.style.palette.len()]
    }

    /// A value as the chart's axis writes it (with its unit and sign, in
    /// the shortest form).
    pub fn value(&self, v: f64) -> String {
        self.value_with(v, None)
    }

    /// A value with its unit and sign and `decimals` digits after the
    /// separator when given.
    pub fn value_with(&self, v: f64, decimals: Option<u8>) -> String {
        let v = if v == 0.0 { 0.0 } else { v };
        self.style
            .numbers
            .quantity_with_decimals(v, self.style.unit, decimals)
    }

    /// Every value of the chart's series with its label as it prints
    /// ([`Canvas::data_value`]), series by series; missing values left out.
    pub fn data_values(&self, data: &super::ChartData) -> Vec<(f64, String)> {
        data.series
            .iter()
            .flat_map(|s| {
                s.values
                    .iter()
                    .enumerate()
                    .filter_map(move |(i, v)| v.map(|v| (v, self.data_value(s, i, v))))
            })
            .collect()
    }

    /// The label of the value `v` of category `i` of `series`: its
    /// "nothing" mark, or the number with the decimals the source writes.
    pub fn data_value(&self, series: &super::Series, i: usize, v: f64) -> String {
        match series.mark(i) {
            Some(mark) => mark.to_string(),
            None => self.value_with(v, series.decimals),
        }
    }

    /// The drawn chart, `height` points high; errors are the SVG backend's.
    pub fn finish(self, height: f64) -> Result<Chart, super::ChartError> {
        let [a, b] = super::measure::font_families(self.style.direction);
        let height = (height * 100.0).round() / 100.0;
        Ok(Chart {
            svg: self.geometry.svg(self.width, height, self.rtl())?,
            width: self.width,
            height,
            fonts: vec![a.to_string(), b.to_string()],
            labels: self.labels,
        })
    }
}
