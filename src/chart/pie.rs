//! Pies and donuts of one series, with a legend that gives each slice's
//! name, value and share. A slice too thin to see (under 2 points of arc)
//! gets a leader line to its share, so that no category vanishes.

use std::f64::consts::TAU;

use super::label::{block_height, Anchor, VAnchor};
use super::layout::{Canvas, Role, AXIS, INK, LINE, TOP};
use super::svg::num;
use super::{Chart, ChartData, ChartKind, ChartStyle};
use crate::base::units::Unit;

/// Radius of the pie in points.
const RADIUS: f64 = 80.0;
/// A slice whose outer arc is shorter than this gets a leader line.
const THIN: f64 = 2.0;

/// Draws a pie or a donut.
pub fn draw(kind: ChartKind, data: &ChartData, style: &ChartStyle) -> Chart {
    let mut c = Canvas::new(style);
    let values: Vec<f64> = data.series[0]
        .values
        .iter()
        .map(|v| v.unwrap_or(0.0))
        .collect();
    let total: f64 = values.iter().sum();
    let shares: Vec<f64> = values
        .iter()
        .map(|v| (v / total * 1000.0).round() / 10.0)
        .collect();
    let share_text =
        |c: &Canvas, i: usize| c.style.numbers.quantity(shares[i], Some(Unit::Percent));
    let thin: Vec<bool> = values
        .iter()
        .map(|v| *v > 0.0 && v / total * TAU * RADIUS < THIN)
        .collect();
    let label_font = c.font(Role::Label);
    let leader_room = if thin.iter().any(|t| *t) {
        14.0 + LINE
    } else {
        0.0
    };
    let cx = RADIUS + 2.0;
    let cy = TOP + leader_room + RADIUS;
    let inner = if kind == ChartKind::Donut {
        RADIUS * 0.55
    } else {
        0.0
    };
    // Angles run clockwise from twelve o'clock in reading direction (the
    // canvas mirrors them in right-to-left editions).
    let point = |c: &Canvas, a: f64, r: f64| (c.x(cx + r * a.sin()), cy - r * a.cos());
    let clockwise = u8::from(!style.right_to_left);
    let counter = 1 - clockwise;
    let mut angle = 0.0;
    let mut leaders = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let sweep = (v / total * TAU).min(TAU - 1e-6);
        if sweep <= 0.0 {
            continue;
        }
        let large = u8::from(sweep > std::f64::consts::PI);
        let (ox1, oy1) = point(&c, angle, RADIUS);
        let (ox2, oy2) = point(&c, angle + sweep, RADIUS);
        let r = num(RADIUS);
        let d = if inner > 0.0 {
            let (ix1, iy1) = point(&c, angle, inner);
            let (ix2, iy2) = point(&c, angle + sweep, inner);
            let ri = num(inner);
            format!(
                "M{},{} A{r},{r} 0 {large} {clockwise} {},{} L{},{} A{ri},{ri} 0 {large} {counter} {},{} Z",
                num(ox1), num(oy1), num(ox2), num(oy2), num(ix2), num(iy2), num(ix1), num(iy1)
            )
        } else {
            let (px, py) = point(&c, 0.0, 0.0);
            format!(
                "M{},{} L{},{} A{r},{r} 0 {large} {clockwise} {},{} Z",
                num(px),
                num(py),
                num(ox1),
                num(oy1),
                num(ox2),
                num(oy2)
            )
        };
        let fill = c.colour(i);
        c.page_path(&d, fill);
        if thin[i] {
            leaders.push((i, angle + sweep / 2.0));
        }
        angle += sweep;
    }
    // Leader lines of thin slices: out from the rim, then towards the end
    // side (the legend's side) unless the slice points to the start side.
    for (i, mid) in leaders {
        let (sx, sy) = (
            cx + (RADIUS + 1.0) * mid.sin(),
            cy - (RADIUS + 1.0) * mid.cos(),
        );
        let (ex, ey) = (
            cx + (RADIUS + 10.0) * mid.sin(),
            cy - (RADIUS + 10.0) * mid.cos(),
        );
        let towards_end = mid.sin() > -0.5;
        let hx = if towards_end { ex + 8.0 } else { ex - 8.0 };
        c.polyline(&[(sx, sy), (ex, ey), (hx, ey)], AXIS, 0.6);
        let text = share_text(&c, i);
        let anchor = if towards_end {
            Anchor::Start
        } else {
            Anchor::End
        };
        let at = if towards_end { hx + 2.0 } else { hx - 2.0 };
        c.text1(
            Role::Value,
            &text,
            at,
            ey,
            anchor,
            VAnchor::Center,
            INK,
            false,
        );
    }
    // Legend: swatch, name, value and share.
    let lx = 2.0 * RADIUS + 28.0;
    let value_texts: Vec<String> = (0..values.len())
        .map(|i| {
            if style.value_labels && style.unit == Some(Unit::Percent) {
                c.value(values[i])
            } else if style.value_labels {
                format!("{} ({})", c.value(values[i]), share_text(&c, i))
            } else {
                share_text(&c, i)
            }
        })
        .collect();
    let values_w = label_font.max_width(&value_texts);
    let name_room = c.width - 1.0 - lx - 16.0 - 12.0 - values_w;
    let names: Vec<Vec<String>> = data
        .categories
        .iter()
        .map(|n| c.wrap(Role::Label, n, name_room))
        .collect();
    let widest_name = names
        .iter()
        .map(|l| label_font.max_width(l))
        .fold(0.0, f64::max);
    let value_x = (lx + 16.0 + widest_name + 24.0 + values_w).min(c.width - 1.0);
    let heights: Vec<f64> = names
        .iter()
        .map(|l| block_height(l.len(), label_font.size) + 9.0)
        .collect();
    let legend_h: f64 = heights.iter().sum();
    let mut y = (cy - legend_h / 2.0).max(TOP);
    for (i, lines) in names.into_iter().enumerate() {
        let h = heights[i];
        let first = y + 4.5 + block_height(1, label_font.size) / 2.0;
        let fill = c.colour(i);
        c.rect(lx, first - 5.0, lx + 10.0, first + 5.0, fill);
        c.text(
            Role::Label,
            lines,
            lx + 16.0,
            first - block_height(1, label_font.size) / 2.0,
            Anchor::Start,
            VAnchor::Top,
            INK,
            false,
        );
        c.text1(
            Role::Label,
            &value_texts[i],
            value_x,
            first,
            Anchor::End,
            VAnchor::Center,
            INK,
            false,
        );
        y += h;
    }
    let bottom = (cy + RADIUS + 2.0).max(y + 2.0);
    c.finish(bottom)
}
