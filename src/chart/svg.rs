//! A small SVG writer for the chart geometry (bars, lines, slices, rules,
//! swatches). Coordinates are points at print size, written with two
//! decimals, so the same chart always gives the same bytes. The SVG holds no
//! text: labels are set by Typst over it (see `label`).

use std::fmt::Write;

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The elements of one SVG picture, in drawing order.
#[derive(Debug, Default)]
pub struct Svg {
    body: String,
}

fn n(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// The `points` attribute of a polyline or polygon: `x,y` pairs, separated
/// by spaces.
fn point_list(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Svg {
    /// A filled rectangle between two corners (in any order).
    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Rgb) {
        let (x, w) = (x0.min(x1), (x1 - x0).abs());
        let (y, h) = (y0.min(y1), (y1 - y0).abs());
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            n(x),
            n(y),
            n(w),
            n(h),
            hex(fill)
        );
    }

    /// A straight line.
    pub fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, stroke: Rgb, width: f64) {
        let _ = writeln!(
            self.body,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
            n(x0),
            n(y0),
            n(x1),
            n(y1),
            hex(stroke),
            n(width)
        );
    }

    /// An open polyline through the points.
    pub fn polyline(&mut self, points: &[(f64, f64)], stroke: Rgb, width: f64) {
        let _ = writeln!(
            self.body,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\"/>",
            point_list(points),
            hex(stroke),
            n(width)
        );
    }

    /// A filled polygon.
    pub fn polygon(&mut self, points: &[(f64, f64)], fill: Rgb) {
        let _ = writeln!(
            self.body,
            "<polygon points=\"{}\" fill=\"{}\"/>",
            point_list(points),
            hex(fill)
        );
    }

    /// A filled circle.
    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: Rgb) {
        let _ = writeln!(
            self.body,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
            n(cx),
            n(cy),
            n(r),
            hex(fill)
        );
    }

    /// A path (SVG path data) filled, with a white outline that keeps
    /// neighbouring shapes apart in greyscale.
    pub fn path(&mut self, d: &str, fill: Rgb) {
        let _ = writeln!(
            self.body,
            "<path d=\"{d}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\" stroke-linejoin=\"round\"/>",
            hex(fill)
        );
    }

    /// The whole picture, `width` × `height` points.
    pub fn finish(&self, width: f64, height: f64) -> String {
        format!(
            "<svg width=\"{w}pt\" height=\"{h}pt\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n{}</svg>\n",
            self.body,
            w = n(width),
            h = n(height)
        )
    }
}

/// A number for SVG path data (two decimals at most).
pub fn num(v: f64) -> String {
    n(v)
}
