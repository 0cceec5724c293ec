//! Legends: a swatch before each series name, entries in reading order
//! (in a right-to-left edition the first entry is at the right and each
//! swatch at the right of its name), wrapping to more rows when needed.

use super::geometry::{Marker, Plot};
use super::label::Anchor;
use super::label::VAnchor;
use super::layout::{Canvas, Role, INK, LINE, TOP};
use super::palette::Rgb;
use super::ChartData;

/// How a legend entry shows its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    /// A filled square (bars, slices).
    Square,
    /// A short line with the series' marker (line charts).
    Line,
}

/// The marker of line series `j` at a point of a plot: circle, square or
/// triangle, so that lines stay apart in greyscale.
pub fn marker(c: &mut Canvas, plot: Plot, j: usize, at: (f64, f64), colour: Rgb) {
    let shape = match j % 3 {
        0 => Marker::Circle,
        1 => Marker::Square,
        _ => Marker::Triangle,
    };
    c.marker(plot, at, shape, colour);
}

/// The legend of a chart's series at the top of the chart, when it has one
/// ([`ChartData::has_legend`]); returns the y where the chart goes on, 2
/// points under it (`TOP` without a legend).
pub fn series_legend(c: &mut Canvas, data: &ChartData, swatch: Swatch) -> f64 {
    if !data.has_legend() {
        return TOP;
    }
    legend(c, &data.series_names(), swatch, TOP) + 2.0
}

/// Draws a legend from `top` across the whole width; returns the y below it.
fn legend(c: &mut Canvas, names: &[String], swatch: Swatch, top: f64) -> f64 {
    let swatch_w = match swatch {
        Swatch::Square => 9.0,
        Swatch::Line => 16.0,
    };
    let gap = 4.0;
    let after = 14.0;
    let mut x = 0.0;
    let mut row_top = top;
    let mut row_h: f64 = LINE;
    for (i, name) in names.iter().enumerate() {
        let lines = c.wrap(Role::Label, name, c.width - swatch_w - gap);
        let text_w = c.font(Role::Label).max_width(&lines);
        let w = swatch_w + gap + text_w;
        if x > 0.0 && x + w > c.width {
            x = 0.0;
            row_top += row_h + 3.0;
            row_h = LINE;
        }
        let h = (lines.len() as f64 * LINE).max(LINE);
        let centre = row_top + LINE / 2.0;
        let colour = c.colour(i);
        match swatch {
            Swatch::Square => c.rect(
                Plot::PAGE,
                (x, centre - 4.5),
                (x + 9.0, centre + 4.5),
                colour,
            ),
            Swatch::Line => {
                c.line(Plot::PAGE, (x, centre), (x + swatch_w, centre), colour, 2.0);
                marker(c, Plot::PAGE, i, (x + swatch_w / 2.0, centre), colour);
            }
        }
        c.text(
            Role::Label,
            lines,
            x + swatch_w + gap,
            centre - super::label::block_height(1, c.font(Role::Label).size) / 2.0,
            Anchor::Start,
            VAnchor::Top,
            INK,
            false,
        );
        row_h = row_h.max(h);
        x += w + after;
    }
    row_top + row_h + 4.0
}
