//! Vertical bars: grouped (`bar`), stacked (`stacked-bar`) and stacked to
//! 100% (`stacked-bar-100`). Negative values hang below a zero line, to
//! scale; the category labels stand below the lowest bar, so that values
//! and category labels never meet. A missing value is a gap (with the
//! missing-value mark when values are printed); a stacked bar with a missing
//! part prints no total.
//!
//! Each category label wraps into the width of its bar's slot, less a gap
//! that keeps neighbouring labels apart. A grouped bar chart whose labels do
//! not fit that way (a word wider than the slot, or a label deeper than
//! [`MAX_LABEL_LINES`] lines) is drawn as horizontal bars, whose label
//! column has room for long names.

use super::axis::{half_tick, place_title_above, title_below, Scale, StartAxis};
use super::geometry::{Axis, Plot};
use super::label::{block_height, Anchor, VAnchor};
use super::layout::{ink_on, Canvas, Role, AXIS, INK, LINE, VALUE_SIZE};
use super::legend::{series_legend, Swatch};
use super::{extent, Chart, ChartData, ChartKind, ChartStyle};
use crate::base::units::Unit;

/// Height of the plot area in points.
const PLOT_HEIGHT: f64 = 170.0;
/// Line pitch of value labels.
const VALUE_LINE: f64 = VALUE_SIZE * 1.25;
/// The white space, in points, kept between neighbouring category labels.
const LABEL_GAP: f64 = 6.0;
/// The most lines a category label under a bar may take.
pub const MAX_LABEL_LINES: usize = 3;

/// Draws a bar, stacked-bar or stacked-bar-100 chart; a grouped bar chart
/// whose category labels do not fit under its bars is drawn as horizontal
/// bars (see the module's comment).
pub fn draw(
    kind: ChartKind,
    data: &ChartData,
    style: &ChartStyle,
) -> Result<Chart, super::ChartError> {
    // Value labels that would collide move outwards by whole lines; the
    // room they need above and below the plot is found by laying out again.
    let mut room = (0.0, 0.0);
    let mut attempt = 0;
    loop {
        let (chart, needed, labels_fit) = layout(kind, data, style, room);
        if !labels_fit && kind == ChartKind::Bar {
            return super::hbar::draw(data, style);
        }
        attempt += 1;
        if (needed.0 <= room.0 + 0.01 && needed.1 <= room.1 + 0.01) || attempt == 4 {
            return chart;
        }
        room = (needed.0.max(room.0), needed.1.max(room.1));
    }
}

/// Places a value label beyond a bar end, moving it outwards a line at a
/// time while it would overlap another label; returns how far it moved.
fn place_value(c: &mut Canvas, text: &str, x: f64, edge: f64, up: bool) -> f64 {
    let lines = vec![text.to_string()];
    let mut shift = 0.0;
    for k in 0..4 {
        shift = k as f64 * VALUE_LINE;
        let (y, v) = if up {
            (edge - 3.0 - shift, VAnchor::Bottom)
        } else {
            (edge + 3.0 + shift, VAnchor::Top)
        };
        let b = c.bounds(Role::Value, &lines, x, y, Anchor::Center, v);
        if c.is_free(&b) {
            break;
        }
    }
    let (y, v) = if up {
        (edge - 3.0 - shift, VAnchor::Bottom)
    } else {
        (edge + 3.0 + shift, VAnchor::Top)
    };
    c.text(Role::Value, lines, x, y, Anchor::Center, v, INK, true);
    shift
}

fn layout(
    kind: ChartKind,
    data: &ChartData,
    style: &ChartStyle,
    room: (f64, f64),
) -> (Result<Chart, super::ChartError>, (f64, f64), bool) {
    let mut c = Canvas::new(style);
    let n = data.categories.len();
    let s = data.series.len();
    let stacked = kind != ChartKind::Bar;
    let hundred = kind == ChartKind::StackedBar100;
    // Ticks in the shortest form; values with the decimals their source
    // writes (the most of any series for a stacked bar's total).
    let format = |c: &Canvas, v: f64, decimals: Option<u8>| {
        if hundred {
            let v = if v == 0.0 { 0.0 } else { v };
            c.style
                .numbers
                .quantity_with_decimals(v, Some(Unit::Percent), decimals)
        } else {
            c.value_with(v, decimals)
        }
    };
    let label = |c: &Canvas, series: &super::Series, i: usize, v: f64| match series.mark(i) {
        Some(mark) => mark.to_string(),
        None => format(c, v, series.decimals),
    };
    let total_decimals = data.series.iter().filter_map(|s| s.decimals).max();
    let mut top = series_legend(&mut c, data, Swatch::Square);
    if let Some(title) = &style.value_title {
        // A line's pitch for each of its lines, and 2 points.
        let count = place_title_above(&mut c, title, top) as f64;
        top += count * LINE + 2.0;
    }
    let totals: Vec<f64> = (0..n)
        .map(|i| data.series.iter().filter_map(|s| s.values[i]).sum())
        .collect();
    let complete: Vec<bool> = (0..n)
        .map(|i| data.series.iter().all(|s| s.values[i].is_some()))
        .collect();
    let scale = if hundred {
        Scale::fixed(0.0, 100.0, 25.0)
    } else if stacked {
        let (lo, hi) = extent(totals.iter());
        Scale::nice(lo, hi, 5)
    } else {
        let (lo, hi) = extent(data.values());
        Scale::nice(lo, hi, 5)
    };
    let axis = StartAxis::new(&c, &scale, |t| format(&c, t, None));
    let (x0, x1) = (axis.x0, axis.x1);
    let slot = (x1 - x0) / n as f64;
    let cat_lines: Vec<Vec<String>> = data
        .categories
        .iter()
        .map(|cat| c.wrap(Role::Label, cat, slot - LABEL_GAP))
        .collect();
    let max_lines = cat_lines.iter().map(Vec::len).max().unwrap_or(1);
    let labels_fit = max_lines <= MAX_LABEL_LINES
        && cat_lines
            .iter()
            .flatten()
            .all(|line| c.width(Role::Label, line) <= slot - LABEL_GAP + 0.01);
    let any_negative = data.values().any(|v| *v < 0.0);
    let half_tick = half_tick();
    let above = if style.value_labels {
        VALUE_LINE + 4.0 + room.0
    } else {
        0.0
    };
    let below = if style.value_labels && any_negative {
        VALUE_LINE + 4.0 + room.1
    } else {
        0.0
    };
    let plot_top = top + half_tick.max(above);
    let plot_bottom = plot_top + PLOT_HEIGHT;
    // x in points across the plot, the values up it.
    let value = scale.axis(plot_bottom, plot_top);
    let plot = Plot {
        x: Axis::POINTS,
        y: value,
    };
    let y = |v: f64| value.place(v);
    axis.draw(&mut c, value);
    let mut needed: (f64, f64) = (0.0, 0.0);
    let zero = y(0.0);
    for i in 0..n {
        let slot_x = x0 + slot * i as f64;
        let centre = slot_x + slot / 2.0;
        if stacked {
            let bar_w = (slot * 0.6).min(60.0);
            let (bx0, bx1) = (centre - bar_w / 2.0, centre + bar_w / 2.0);
            let mut acc = 0.0;
            for (j, series) in data.series.iter().enumerate() {
                let Some(v) = series.values[i] else { continue };
                let (y_top, y_bottom) = (y(acc + v), y(acc));
                let fill = c.colour(j);
                c.rect(plot, (bx0, acc), (bx1, acc + v), fill);
                if style.value_labels {
                    let text = label(&c, series, i, v);
                    let fits_h = y_bottom - y_top >= VALUE_SIZE * 1.3;
                    let fits_w = c.width(Role::Value, &text) <= bar_w - 2.0;
                    if fits_h && fits_w {
                        c.text1(
                            Role::Value,
                            &text,
                            centre,
                            (y_top + y_bottom) / 2.0,
                            Anchor::Center,
                            VAnchor::Center,
                            ink_on(fill),
                            false,
                        );
                    }
                }
                acc += v;
            }
            if style.value_labels && kind == ChartKind::StackedBar && complete[i] {
                let text = format(&c, totals[i], total_decimals);
                let shift = place_value(&mut c, &text, centre, y(totals[i]), true);
                needed.0 = needed.0.max(shift);
            }
        } else {
            let group_w = (slot * 0.75).min(40.0 * s as f64);
            let bar_w = group_w / s as f64;
            let gx0 = centre - group_w / 2.0;
            for (j, series) in data.series.iter().enumerate() {
                let bx0 = gx0 + bar_w * j as f64 + 0.8;
                let bx1 = gx0 + bar_w * (j as f64 + 1.0) - 0.8;
                let mid = (bx0 + bx1) / 2.0;
                match series.values[i] {
                    Some(v) => {
                        let fill = c.colour(j);
                        c.rect(plot, (bx0, v), (bx1, 0.0), fill);
                        if style.value_labels {
                            let text = label(&c, series, i, v);
                            let up = v >= 0.0;
                            let shift = place_value(&mut c, &text, mid, y(v), up);
                            if up {
                                needed.0 = needed.0.max(shift);
                            } else {
                                needed.1 = needed.1.max(shift);
                            }
                        }
                    }
                    None if style.value_labels => {
                        let mark = style.missing_mark.clone();
                        let shift = place_value(&mut c, &mark, mid, zero, true);
                        needed.0 = needed.0.max(shift);
                    }
                    None => {}
                }
            }
        }
    }
    c.line(plot, (x0, 0.0), (x1, 0.0), AXIS, 0.8);
    let cat_top = plot_bottom + half_tick.max(below) + 4.0;
    for (i, lines) in cat_lines.into_iter().enumerate() {
        let centre = x0 + slot * (i as f64 + 0.5);
        c.text(
            Role::Label,
            lines,
            centre,
            cat_top,
            Anchor::Center,
            VAnchor::Top,
            INK,
            false,
        );
    }
    let mut bottom = cat_top + block_height(max_lines, c.font(Role::Label).size) + 4.0;
    if !data.groups.is_empty() {
        let rule = bottom + 1.0;
        let mut deepest: f64 = 0.0;
        for g in &data.groups {
            let gx0 = x0 + slot * g.start as f64 + 3.0;
            let gx1 = x0 + slot * (g.start + g.len) as f64 - 3.0;
            c.line(Plot::PAGE, (gx0, rule), (gx1, rule), AXIS, 0.6);
            let lines = c.wrap(Role::Label, &g.name, gx1 - gx0);
            deepest = deepest.max(lines.len() as f64);
            c.text(
                Role::Label,
                lines,
                (gx0 + gx1) / 2.0,
                rule + 4.0,
                Anchor::Center,
                VAnchor::Top,
                INK,
                false,
            );
        }
        bottom = rule + 4.0 + block_height(deepest as usize, c.font(Role::Label).size) + 4.0;
    }
    let bottom = title_below(&mut c, style.category_title.as_deref(), x0, x1, bottom);
    (c.finish(bottom + 2.0), needed, labels_fit)
}
