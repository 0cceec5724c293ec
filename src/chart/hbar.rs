//! Horizontal bars, grouped when there are several series. The category
//! labels stand in a column at the start side; category groups (the group
//! bands of the table) are headings across the chart. Negative values run
//! from the zero line towards the labels, with room for their value labels
//! between the bars and the label column.

use super::axis::{
    fitting_scale, tick_below, title_above, title_below, under_ticks, CategoryColumn,
};
use super::geometry::{Axis, Plot};
use super::label::{block_height, Anchor, VAnchor};
use super::layout::{Canvas, Role, AXIS, GRID, INK};
use super::legend::{series_legend, Swatch};
use super::{extent, Chart, ChartData, ChartStyle};

/// Draws a horizontal bar chart.
pub fn draw(data: &ChartData, style: &ChartStyle) -> Result<Chart, super::ChartError> {
    let mut c = Canvas::new(style);
    let n = data.categories.len();
    let s = data.series.len();
    let top = series_legend(&mut c, data, Swatch::Square);
    let label_font = c.font(Role::Label);
    let column = CategoryColumn::new(&c, &data.categories, 0.4);
    let label_w = column.width;
    let top = title_above(&mut c, style.category_title.as_deref(), top);
    let values: Vec<f64> = data.values().copied().collect();
    let (lo, hi) = extent(values.iter());
    let value_font = c.font(Role::Value);
    let any_missing = data
        .series
        .iter()
        .any(|s| s.values.iter().any(Option::is_none));
    let (pos_room, neg_room) = if style.value_labels {
        // Every value label as it prints, by its side of the axis.
        let labels = c.data_values(data);
        let side = |positive: bool| -> Vec<String> {
            labels
                .iter()
                .filter(|(v, _)| (*v >= 0.0) == positive)
                .map(|(_, t)| t.clone())
                .collect()
        };
        let (pos, neg) = (side(true), side(false));
        let mut pos_w = value_font.max_width(&pos);
        if any_missing {
            pos_w = pos_w.max(value_font.width(&style.missing_mark));
        }
        let neg_w = value_font.max_width(&neg);
        (
            if pos_w > 0.0 { pos_w + 5.0 } else { 0.0 },
            if neg_w > 0.0 { neg_w + 5.0 } else { 0.0 },
        )
    } else {
        (0.0, 0.0)
    };
    // The fewest round ticks whose labels do not touch.
    let (scale, tick_texts, (x0, x1)) = fitting_scale(
        lo,
        hi,
        &[5, 4, 3],
        2,
        |t| c.value(t),
        |texts| {
            let widths: Vec<f64> = texts.iter().map(|t| label_font.width(t)).collect();
            let last = widths.last().copied().unwrap_or(0.0);
            let first = widths.first().copied().unwrap_or(0.0);
            let x0 = (label_w + neg_room).max(first / 2.0 + 1.0);
            let x1 = c.width - 1.0 - pos_room.max(last / 2.0);
            let spacing = (x1 - x0) / (texts.len().max(2) - 1) as f64;
            let widest_tick = widths.iter().cloned().fold(0.0, f64::max);
            ((x0, x1), spacing >= widest_tick + 6.0)
        },
    );
    let value = scale.axis(x0, x1);
    let x = |v: f64| value.place(v);
    let bar = if style.value_labels { 11.0 } else { 10.0 };
    let bar = if s == 1 { bar + 2.0 } else { bar };
    let plot_top = top + 2.0;
    // Rows first (group headings and categories), so that the gridlines can
    // be drawn before the bars.
    let mut y = plot_top;
    let mut headings = Vec::new();
    let mut centres = Vec::new();
    let mut groups = data.groups.iter().peekable();
    for lines in &column.lines {
        if let Some(g) = groups.peek().filter(|g| g.start == centres.len()) {
            let heading = c.wrap(Role::Group, &g.name, c.width);
            let count = heading.len();
            headings.push((y + 4.0, heading));
            y += block_height(count, label_font.size) + 8.0;
            groups.next();
        }
        let row = (block_height(lines.len(), label_font.size) + 8.0).max(bar * s as f64 + 7.0);
        centres.push(y + row / 2.0);
        y += row;
    }
    let plot_bottom = y;
    // A chart that opens with a group heading starts its gridlines and axis
    // at the heading's top, under its white ground: no stub of them stands
    // above the heading.
    let lines_top = headings
        .first()
        .map(|(hy, _)| *hy)
        .filter(|hy| *hy < centres.first().copied().unwrap_or(plot_bottom))
        .unwrap_or(plot_top);
    // The values across the plot, y in points down it.
    let plot = Plot {
        x: value,
        y: Axis::POINTS,
    };
    for (t, text) in scale.ticks().iter().zip(&tick_texts) {
        let tx = x(*t);
        if *t != 0.0 {
            c.line(plot, (*t, lines_top), (*t, plot_bottom), GRID, 0.6);
        }
        tick_below(&mut c, text, tx, plot_bottom);
    }
    for (hy, heading) in headings {
        c.text(
            Role::Group,
            heading,
            0.0,
            hy,
            Anchor::Start,
            VAnchor::Top,
            INK,
            true,
        );
    }
    for (i, &centre) in centres.iter().enumerate().take(n) {
        column.place(&mut c, i, centre);
        let group_top = centre - bar * s as f64 / 2.0;
        for (j, series) in data.series.iter().enumerate() {
            let y0 = group_top + bar * j as f64 + 0.5;
            let y1 = group_top + bar * (j as f64 + 1.0) - 0.5;
            let mid = (y0 + y1) / 2.0;
            match series.values[i] {
                Some(v) => {
                    let fill = c.colour(j);
                    c.rect(plot, (0.0, y0), (v, y1), fill);
                    if style.value_labels {
                        let text = c.data_value(series, i, v);
                        c.value_beside(&text, x(v), mid, v >= 0.0);
                    }
                }
                None if style.value_labels => {
                    let mark = style.missing_mark.clone();
                    c.value_beside(&mark, x(0.0), mid, true);
                }
                None => {}
            }
        }
    }
    c.line(plot, (0.0, lines_top), (0.0, plot_bottom), AXIS, 0.8);
    let bottom = title_below(
        &mut c,
        style.value_title.as_deref(),
        x0,
        x1,
        under_ticks(plot_bottom),
    );
    c.finish(bottom + 1.0)
}
