//! A population pyramid: two series to either side of a centre line (the
//! first towards the start side), the category labels in a column at the
//! start side, ticks on both halves.

use super::axis::Scale;
use super::label::{block_height, Anchor, VAnchor};
use super::layout::{Canvas, Role, AXIS, GRID, INK, MUTED, TOP};
use super::legend::{legend, Swatch};
use super::{extent, Chart, ChartData, ChartStyle};

/// Draws a population pyramid.
pub fn draw(data: &ChartData, style: &ChartStyle) -> Chart {
    let mut c = Canvas::new(style);
    let names: Vec<String> = data.series.iter().map(|s| s.name.clone()).collect();
    let mut top = legend(&mut c, &names, Swatch::Square, TOP) + 2.0;
    let label_font = c.font(Role::Label);
    let value_font = c.font(Role::Value);
    let widest = label_font.max_width(&data.categories);
    let label_w = (widest + 10.0).min(c.width * 0.35);
    if let Some(title) = &style.category_title {
        let lines = c.wrap(Role::Title, title, c.width);
        let count = lines.len();
        c.text(
            Role::Title,
            lines,
            0.0,
            top,
            Anchor::Start,
            VAnchor::Top,
            INK,
            false,
        );
        top += block_height(count, label_font.size) + 6.0;
    }
    let values: Vec<f64> = data
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .collect();
    let (_, max) = extent(values.iter());
    let texts: Vec<String> = values.iter().map(|v| c.value(*v)).collect();
    let value_room = if style.value_labels {
        value_font.max_width(&texts) + 5.0
    } else {
        0.0
    };
    let mut chosen = None;
    for target in [3, 2, 1] {
        let scale = Scale::nice(0.0, max, target);
        let ticks: Vec<String> = scale.ticks().iter().map(|t| c.value(*t)).collect();
        let tick_w = label_font.max_width(&ticks);
        let left = label_w + value_room.max(tick_w / 2.0);
        let right = c.width - 1.0 - value_room.max(tick_w / 2.0);
        let half = (right - left) / 2.0;
        let spacing = half / (ticks.len().max(2) - 1) as f64;
        chosen = Some((scale, ticks, left, right));
        if spacing >= tick_w + 6.0 {
            break;
        }
    }
    let (scale, tick_texts, left, right) = chosen.expect("a scale");
    let centre = (left + right) / 2.0;
    let half = right - centre;
    let len = |v: f64| v / scale.hi * half;
    let n = data.categories.len();
    let cat_lines: Vec<Vec<String>> = data
        .categories
        .iter()
        .map(|cat| c.wrap(Role::Label, cat, label_w - 8.0))
        .collect();
    let plot_top = top + 2.0;
    let rows: Vec<f64> = cat_lines
        .iter()
        .map(|l| (block_height(l.len(), label_font.size) + 8.0).max(18.0))
        .collect();
    let plot_bottom = plot_top + rows.iter().sum::<f64>();
    for (t, text) in scale.ticks().iter().zip(&tick_texts) {
        for side in [-1.0, 1.0] {
            let x = centre + side * len(*t);
            if *t > 0.0 {
                c.line(x, plot_top, x, plot_bottom, GRID, 0.6);
            }
            if *t > 0.0 || side > 0.0 {
                c.text1(
                    Role::Label,
                    text,
                    x,
                    plot_bottom + 4.0,
                    Anchor::Center,
                    VAnchor::Top,
                    MUTED,
                    false,
                );
            }
        }
    }
    let mut y = plot_top;
    for i in 0..n {
        let row = rows[i];
        let mid = y + row / 2.0;
        let bar = (row - 6.0).min(14.0);
        c.text(
            Role::Label,
            cat_lines[i].clone(),
            label_w - 6.0,
            mid,
            Anchor::End,
            VAnchor::Center,
            INK,
            false,
        );
        for (j, side) in [(0usize, -1.0), (1usize, 1.0)] {
            let value = data.series[j].values[i];
            let fill = c.colour(j);
            let text = match value {
                Some(v) => {
                    c.rect(
                        centre,
                        mid - bar / 2.0,
                        centre + side * len(v),
                        mid + bar / 2.0,
                        fill,
                    );
                    c.value(v)
                }
                None => style.missing_mark.clone(),
            };
            if style.value_labels {
                let end = centre + side * len(value.unwrap_or(0.0));
                let (at, anchor) = if side < 0.0 {
                    (end - 3.0, Anchor::End)
                } else {
                    (end + 3.0, Anchor::Start)
                };
                c.text1(
                    Role::Value,
                    &text,
                    at,
                    mid,
                    anchor,
                    VAnchor::Center,
                    INK,
                    true,
                );
            }
        }
        y += row;
    }
    c.line(centre, plot_top, centre, plot_bottom, AXIS, 0.8);
    let mut bottom = plot_bottom + 4.0 + block_height(1, label_font.size) + 4.0;
    if let Some(title) = &style.value_title {
        let lines = c.wrap(Role::Title, title, right - left);
        let count = lines.len();
        c.text(
            Role::Title,
            lines,
            centre,
            bottom + 2.0,
            Anchor::Center,
            VAnchor::Top,
            INK,
            false,
        );
        bottom += 2.0 + block_height(count, label_font.size) + 4.0;
    }
    c.finish(bottom + 1.0)
}
