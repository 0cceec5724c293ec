//! Pies and donuts of one series, with a legend that gives each slice's
//! name, value and share. A slice too thin to see (under 2 points of arc)
//! gets a leader line to its share, so that no category vanishes.

use std::f64::consts::TAU;

use super::geometry::Plot;
use super::label::{block_height, Anchor, VAnchor};
use super::layout::{Canvas, Role, AXIS, INK, LINE, TOP, WHITE};
use super::{Chart, ChartData, ChartKind, ChartStyle};
use crate::base::units::Unit;

/// Radius of the pie in points.
const RADIUS: f64 = 80.0;
/// A slice whose outer arc is shorter than this gets a leader line.
const THIN: f64 = 2.0;
/// The largest angle between two vertices of an arc: a degree.
const ARC_STEP: f64 = TAU / 360.0;

/// Draws a pie or a donut.
pub fn draw(
    kind: ChartKind,
    data: &ChartData,
    style: &ChartStyle,
) -> Result<Chart, super::ChartError> {
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
    // picture is mirrored in right-to-left editions). Each arc is a polygon
    // with a vertex at least every degree, within 0.01 point of the circle.
    let point = |a: f64, r: f64| (cx + r * a.sin(), cy - r * a.cos());
    let arc = |from: f64, sweep: f64, r: f64| {
        let steps = (sweep.abs() / ARC_STEP).ceil().max(1.0) as usize;
        (0..=steps)
            .map(move |k| point(from + sweep * k as f64 / steps as f64, r))
            .collect::<Vec<_>>()
    };
    let mut angle = 0.0;
    let mut leaders = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let sweep = (v / total * TAU).min(TAU - 1e-6);
        if sweep <= 0.0 {
            continue;
        }
        let mut outline = if inner > 0.0 {
            let mut ring = arc(angle, sweep, RADIUS);
            ring.extend(arc(angle + sweep, -sweep, inner));
            ring
        } else {
            let mut wedge = vec![(cx, cy)];
            wedge.extend(arc(angle, sweep, RADIUS));
            wedge
        };
        let fill = c.colour(i);
        c.polygon(Plot::PAGE, outline.clone(), fill);
        // A white outline keeps neighbouring slices apart in greyscale; it
        // runs on past its first corner, so that the corner is joined.
        outline.extend_from_within(..2);
        c.polyline(Plot::PAGE, outline, WHITE, 1.0);
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
        c.polyline(Plot::PAGE, vec![(sx, sy), (ex, ey), (hx, ey)], AXIS, 0.6);
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
            let value = c.data_value(&data.series[0], i, values[i]);
            if style.value_labels && style.unit == Some(Unit::Percent) {
                value
            } else if style.value_labels {
                format!("{value} ({})", share_text(&c, i))
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
        c.rect(
            Plot::PAGE,
            (lx, first - 5.0),
            (lx + 10.0, first + 5.0),
            fill,
        );
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
