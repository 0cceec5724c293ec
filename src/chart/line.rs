//! Lines over the categories, one per series, each with its own marker so
//! that lines stay apart in greyscale. Categories that are all years are
//! placed by their distance in time (census years 1921, 1926, ..., 2014,
//! 2024 are not equal steps); other categories are equal steps. A missing
//! value breaks the line: the gap shows that the source gives no number.

use super::axis::{half_tick, title_above, title_below, years, Scale, StartAxis};
use super::geometry::{Axis, Plot};
use super::label::{block_height, Anchor, VAnchor};
use super::layout::{Canvas, Role, AXIS, INK};
use super::legend::{marker, series_legend, Swatch};
use super::{extent, Chart, ChartData, ChartStyle};

/// Height of the plot area in points.
const PLOT_HEIGHT: f64 = 170.0;

/// Draws a line chart.
pub fn draw(data: &ChartData, style: &ChartStyle) -> Result<Chart, super::ChartError> {
    let mut c = Canvas::new(style);
    let n = data.categories.len();
    let top = series_legend(&mut c, data, Swatch::Line);
    let label_font = c.font(Role::Label);
    let top = title_above(&mut c, style.value_title.as_deref(), top);
    let (lo, hi) = extent(data.values());
    let scale = Scale::nice(lo, hi, 5);
    let axis = StartAxis::new(&c, &scale, |t| c.value(t));
    let (x0, x1) = (axis.x0, axis.x1);
    let time = years(&data.categories);
    let first_w = label_font.width(&data.categories[0]);
    let last_w = label_font.width(&data.categories[n - 1]);
    // The x axis places years, or the categories' positions in points; `xs`
    // are the categories on it.
    let (x_axis, xs, wrap_width): (Axis, Vec<f64>, f64) = match &time {
        Some(years) => {
            // The first and last labels stay inside the frame.
            let start = x0 + (first_w / 2.0 - 2.0).max(8.0);
            let end = x1 - (last_w / 2.0).max(8.0);
            (
                Axis::new(years[0], years[n - 1], start, end),
                years.clone(),
                f64::INFINITY,
            )
        }
        None => {
            let slot = (x1 - x0) / n as f64;
            (
                Axis::POINTS,
                (0..n).map(|i| x0 + slot * (i as f64 + 0.5)).collect(),
                slot - 4.0,
            )
        }
    };
    let positions: Vec<f64> = xs.iter().map(|x| x_axis.place(*x)).collect();
    let cat_lines: Vec<Vec<String>> = data
        .categories
        .iter()
        .map(|cat| {
            if wrap_width.is_finite() {
                c.wrap(Role::Label, cat, wrap_width)
            } else {
                vec![cat.clone()]
            }
        })
        .collect();
    let max_lines = cat_lines.iter().map(Vec::len).max().unwrap_or(1);
    let half_tick = half_tick();
    let plot_top = top + half_tick;
    let plot_bottom = plot_top + PLOT_HEIGHT;
    let value = scale.axis(plot_bottom, plot_top);
    axis.draw(&mut c, value);
    let zero = value.place(0.0);
    let across = Plot {
        x: Axis::POINTS,
        y: value,
    };
    c.line(across, (x0, 0.0), (x1, 0.0), AXIS, 0.8);
    c.line(Plot::PAGE, (x0, plot_top), (x0, plot_bottom), AXIS, 0.6);
    // The series: categories along, values up.
    let plot = Plot {
        x: x_axis,
        y: value,
    };
    let ticks = Plot {
        x: x_axis,
        y: Axis::POINTS,
    };
    // A tick mark at every category; its label when it has room (on a time
    // axis, years close together keep the first and last labels and those
    // that do not touch a neighbour).
    let cat_top = plot_bottom.max(zero) + half_tick + 2.0;
    let mut order: Vec<usize> = (0..n).collect();
    if n > 1 {
        order.swap(1, n - 1);
    }
    for i in order {
        let px = positions[i];
        c.line(
            ticks,
            (xs[i], plot_bottom),
            (xs[i], plot_bottom + 3.0),
            AXIS,
            0.6,
        );
        let lines = cat_lines[i].clone();
        let b = c.bounds(
            Role::Label,
            &lines,
            px,
            cat_top,
            Anchor::Center,
            VAnchor::Top,
        );
        let padded = super::Bounds {
            left: b.left - 2.0,
            right: b.right + 2.0,
            ..b
        };
        if c.is_free(&padded) {
            c.text(
                Role::Label,
                lines,
                px,
                cat_top,
                Anchor::Center,
                VAnchor::Top,
                INK,
                false,
            );
        }
    }
    for (j, series) in data.series.iter().enumerate() {
        let colour = c.colour(j);
        let mut run: Vec<(f64, f64)> = Vec::new();
        for (i, v) in series.values.iter().enumerate() {
            match v {
                Some(v) => run.push((xs[i], *v)),
                None => {
                    let done = std::mem::take(&mut run);
                    if done.len() > 1 {
                        c.polyline(plot, done, colour, 1.8);
                    }
                }
            }
        }
        if run.len() > 1 {
            c.polyline(plot, run, colour, 1.8);
        }
        for (i, v) in series.values.iter().enumerate() {
            if let Some(v) = v {
                marker(&mut c, plot, j, (xs[i], *v), colour);
            }
        }
    }
    let bottom = title_below(
        &mut c,
        style.category_title.as_deref(),
        x0,
        x1,
        cat_top + block_height(max_lines, label_font.size) + 4.0,
    );
    c.finish(bottom + 1.0)
}
