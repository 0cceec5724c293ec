//! A population pyramid: two series to either side of a centre line (the
//! first towards the start side), the category labels in a column at the
//! start side, ticks on both halves.

use super::axis::{
    fitting_scale, tick_below, title_above, title_below, under_ticks, CategoryColumn,
};
use super::geometry::{Axis, Plot};
use super::label::block_height;
use super::layout::{Canvas, Role, AXIS, GRID};
use super::legend::{series_legend, Swatch};
use super::{extent, Chart, ChartData, ChartStyle};

/// Draws a population pyramid.
pub fn draw(data: &ChartData, style: &ChartStyle) -> Result<Chart, super::ChartError> {
    let mut c = Canvas::new(style);
    // Two series (`validate`), so always a legend.
    let top = series_legend(&mut c, data, Swatch::Square);
    let label_font = c.font(Role::Label);
    let value_font = c.font(Role::Value);
    let column = CategoryColumn::new(&c, &data.categories, 0.35);
    let label_w = column.width;
    let top = title_above(&mut c, style.category_title.as_deref(), top);
    let values: Vec<f64> = data.values().copied().collect();
    let (_, max) = extent(values.iter());
    let texts: Vec<String> = c.data_values(data).into_iter().map(|(_, t)| t).collect();
    let value_room = if style.value_labels {
        value_font.max_width(&texts) + 5.0
    } else {
        0.0
    };
    let (scale, tick_texts, (left, right)) = fitting_scale(
        0.0,
        max,
        &[3, 2],
        1,
        |t| c.value(t),
        |ticks| {
            let tick_w = label_font.max_width(ticks);
            let left = label_w + value_room.max(tick_w / 2.0);
            let right = c.width - 1.0 - value_room.max(tick_w / 2.0);
            let half = (right - left) / 2.0;
            let spacing = half / (ticks.len().max(2) - 1) as f64;
            ((left, right), spacing >= tick_w + 6.0)
        },
    );
    // The values from the centre line towards the end side, y in points
    // down the plot; the first series is drawn as negative values.
    let centre = (left + right) / 2.0;
    let value = Axis::new(0.0, scale.hi, centre, right);
    let plot = Plot {
        x: value,
        y: Axis::POINTS,
    };
    let plot_top = top + 2.0;
    let rows: Vec<f64> = column
        .lines
        .iter()
        .map(|l| (block_height(l.len(), label_font.size) + 8.0).max(18.0))
        .collect();
    let plot_bottom = plot_top + rows.iter().sum::<f64>();
    for (t, text) in scale.ticks().iter().zip(&tick_texts) {
        for side in [-1.0, 1.0] {
            let x = value.place(side * t);
            if *t > 0.0 {
                c.line(
                    plot,
                    (side * t, plot_top),
                    (side * t, plot_bottom),
                    GRID,
                    0.6,
                );
            }
            if *t > 0.0 || side > 0.0 {
                tick_below(&mut c, text, x, plot_bottom);
            }
        }
    }
    let mut y = plot_top;
    for (i, &row) in rows.iter().enumerate() {
        let mid = y + row / 2.0;
        let bar = (row - 6.0).min(14.0);
        column.place(&mut c, i, mid);
        for (j, side) in [(0usize, -1.0), (1usize, 1.0)] {
            let v = data.series[j].values[i];
            let fill = c.colour(j);
            let text = match v {
                Some(v) => {
                    c.rect(
                        plot,
                        (0.0, mid - bar / 2.0),
                        (side * v, mid + bar / 2.0),
                        fill,
                    );
                    c.data_value(&data.series[j], i, v)
                }
                None => style.missing_mark.clone(),
            };
            if style.value_labels {
                let end = value.place(side * v.unwrap_or(0.0));
                c.value_beside(&text, end, mid, side > 0.0);
            }
        }
        y += row;
    }
    c.line(plot, (0.0, plot_top), (0.0, plot_bottom), AXIS, 0.8);
    let bottom = title_below(
        &mut c,
        style.value_title.as_deref(),
        left,
        right,
        under_ticks(plot_bottom),
    );
    c.finish(bottom + 1.0)
}
