//! The geometry of a chart (bars, lines, slices, gridlines, swatches,
//! markers), drawn with `plotters` on its SVG backend.
//!
//! The chart kinds record shapes in the coordinates of a [`Plot`]: two
//! [`Axis`]es, each placing values between two positions in points (a value
//! axis places data values: a bar's end, a line's point, a gridline's tick;
//! [`Axis::POINTS`] places positions the layout decided, such as a bar's
//! sides or a legend swatch). x runs in reading order. When the chart is
//! finished, every shape goes through plotters' coordinate mapping (a
//! `Cartesian2d` of `f64` ranges onto the plot's place in the picture) to the
//! SVG backend, whose unit is a hundredth of a point; in a right-to-left
//! edition every x axis runs from the right edge, so the picture is the
//! mirror image. The SVG is sized in points at print size and holds no text:
//! the labels are set by Typst over it (see `label`), at positions the layout
//! takes from the same axes ([`Axis::place`]). The same shapes always give
//! the same bytes.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::{
    Cartesian2d, Circle, Color, DrawingArea, EmptyElement, IntoDrawingArea, PathElement, Polygon,
    RGBColor, Rectangle, SVGBackend, ShapeStyle,
};

use super::palette::Rgb;

/// SVG units (the backend's pixels) per point.
const UNITS: f64 = 100.0;

/// One axis of a plot: the values at its two ends and where they stand, in
/// points from the chart's top edge (y) or start edge (x, reading order).
/// Values in between, and beyond, are placed linearly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    /// The value at the axis's first end.
    pub from: f64,
    /// The value at its other end; not `from`.
    pub to: f64,
    /// Where `from` stands, in points.
    pub start: f64,
    /// Where `to` stands, in points.
    pub end: f64,
}

impl Axis {
    /// Positions in points: the value is where it stands.
    pub const POINTS: Axis = Axis {
        from: 0.0,
        to: 1.0,
        start: 0.0,
        end: 1.0,
    };

    /// Values from `from` (standing at `start`, in points) to `to` (at
    /// `end`).
    pub fn new(from: f64, to: f64, start: f64, end: f64) -> Axis {
        Axis {
            from,
            to,
            start,
            end,
        }
    }

    /// Where a value stands, in points: the point plotters maps it to, before
    /// it is rounded to the SVG's unit. Labels are placed with it.
    pub fn place(&self, v: f64) -> f64 {
        self.start + (v - self.from) / (self.to - self.from) * (self.end - self.start)
    }

    /// The axis in the backend's units (x mirrored on a picture `width`
    /// points wide when `mirrored`), as plotters' coordinate ranges: the
    /// values, and the pixels they map onto.
    fn ranges(&self, mirrored: Option<f64>) -> (RangedCoordf64, std::ops::Range<i32>) {
        let at = |p: f64| units(mirrored.map_or(p, |width| width - p));
        let pixels = at(self.start)..at(self.end);
        // plotters maps a value to the last pixel it reaches (it truncates);
        // values shifted by half a pixel go to the nearest pixel instead.
        let span = f64::from(pixels.end - pixels.start).abs();
        let half = if span > 0.0 {
            0.5 * (self.to - self.from) / span
        } else {
            0.0
        };
        ((self.from - half..self.to - half).into(), pixels)
    }
}

/// Where a shape's coordinates are: x along `x`, y along `y`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plot {
    pub x: Axis,
    pub y: Axis,
}

impl Plot {
    /// The chart's own frame: x and y in points from its top start corner.
    pub const PAGE: Plot = Plot {
        x: Axis::POINTS,
        y: Axis::POINTS,
    };
}

/// The marker of a line series, centred on its point, so that lines stay
/// apart in greyscale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A disc of radius 3 points.
    Circle,
    /// A square 5.6 points wide.
    Square,
    /// A triangle pointing up, 7.2 points wide and 6.4 high.
    Triangle,
}

#[derive(Debug)]
enum Shape {
    Rect {
        plot: Plot,
        corners: [(f64, f64); 2],
        fill: Rgb,
    },
    Path {
        plot: Plot,
        points: Vec<(f64, f64)>,
        stroke: Rgb,
        /// Points.
        width: f64,
    },
    Polygon {
        plot: Plot,
        points: Vec<(f64, f64)>,
        fill: Rgb,
    },
    Marker {
        plot: Plot,
        at: (f64, f64),
        marker: Marker,
        fill: Rgb,
    },
}

/// The shapes of a chart, in drawing order.
#[derive(Debug, Default)]
pub struct Geometry {
    shapes: Vec<Shape>,
}

/// A length in points in the backend's units.
fn units(p: f64) -> i32 {
    (p * UNITS).round() as i32
}

/// A stroke width in points in the backend's units.
fn stroke_units(width: f64) -> u32 {
    units(width).max(0).unsigned_abs()
}

/// A number of the SVG's size: two decimals at most, no trailing zeros.
fn decimal(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn colour(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawResult = Result<(), plotters::drawing::DrawingAreaErrorKind<std::io::Error>>;

impl Geometry {
    /// A filled rectangle between two corners (in any order).
    pub fn rect(&mut self, plot: Plot, a: (f64, f64), b: (f64, f64), fill: Rgb) {
        self.shapes.push(Shape::Rect {
            plot,
            corners: [a, b],
            fill,
        });
    }

    /// An open line through the points, `width` points wide.
    pub fn path(&mut self, plot: Plot, points: Vec<(f64, f64)>, stroke: Rgb, width: f64) {
        self.shapes.push(Shape::Path {
            plot,
            points,
            stroke,
            width,
        });
    }

    /// A filled polygon.
    pub fn polygon(&mut self, plot: Plot, points: Vec<(f64, f64)>, fill: Rgb) {
        self.shapes.push(Shape::Polygon { plot, points, fill });
    }

    /// A marker centred on a point.
    pub fn marker(&mut self, plot: Plot, at: (f64, f64), marker: Marker, fill: Rgb) {
        self.shapes.push(Shape::Marker {
            plot,
            at,
            marker,
            fill,
        });
    }

    /// The SVG of the shapes on a picture `width` × `height` points (the
    /// mirror image when `mirrored`). Errors are plotters' drawing errors.
    pub fn svg(
        &self,
        width: f64,
        height: f64,
        mirrored: bool,
    ) -> Result<String, super::ChartError> {
        let size = (
            units(width).max(0).unsigned_abs(),
            units(height).max(0).unsigned_abs(),
        );
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
            let mirrored = mirrored.then_some(width);
            for shape in &self.shapes {
                draw(&root, shape, mirrored)?;
            }
            root.present()?;
        }
        // plotters gives the picture's size in its pixels; the chart is
        // sized in points at print size, its pixels a hundredth of a point.
        let shapes = out.split_once('\n').map_or("", |(_, rest)| rest);
        Ok(format!(
            "<svg width=\"{}pt\" height=\"{}pt\" viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\">\n{shapes}",
            decimal(width),
            decimal(height),
            size.0,
            size.1
        ))
    }
}

/// Draws one shape through its plot's coordinate mapping.
fn draw(root: &Area, shape: &Shape, mirrored: Option<f64>) -> DrawResult {
    let plot = match shape {
        Shape::Rect { plot, .. }
        | Shape::Path { plot, .. }
        | Shape::Polygon { plot, .. }
        | Shape::Marker { plot, .. } => plot,
    };
    let (x, px) = plot.x.ranges(mirrored);
    let (y, py) = plot.y.ranges(None);
    let area = root.apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
        x,
        y,
        (px, py),
    ));
    match shape {
        Shape::Rect { corners, fill, .. } => {
            area.draw(&Rectangle::new(*corners, colour(*fill).filled()))
        }
        Shape::Path {
            points,
            stroke,
            width,
            ..
        } => {
            let style = ShapeStyle::from(colour(*stroke)).stroke_width(stroke_units(*width));
            area.draw(&PathElement::new(points.clone(), style))
        }
        Shape::Polygon { points, fill, .. } => {
            area.draw(&Polygon::new(points.clone(), colour(*fill).filled()))
        }
        Shape::Marker {
            at, marker, fill, ..
        } => {
            // The marker's outline is in points around its mapped centre.
            let style = colour(*fill).filled();
            let anchor = EmptyElement::at(*at);
            let p = |x: f64, y: f64| (units(x), units(y));
            match marker {
                Marker::Circle => area.draw(&(anchor + Circle::new((0, 0), units(3.0), style))),
                Marker::Square => {
                    area.draw(&(anchor + Rectangle::new([p(-2.8, -2.8), p(2.8, 2.8)], style)))
                }
                Marker::Triangle => area.draw(
                    &(anchor + Polygon::new(vec![p(0.0, -3.6), p(3.6, 2.8), p(-3.6, 2.8)], style)),
                ),
            }
        }
    }
}
