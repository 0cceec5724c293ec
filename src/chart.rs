//! Charts drawn from a profile's data as SVG with `plotters`: bars (vertical
//! and horizontal, grouped when there are several series), stacked bars
//! (absolute and 100%), lines over years, pies and donuts, and population
//! pyramids. The layout (label wrapping, ticks, legend) is computed here so
//! that labels never collide; the text stays text, in the report's font, at
//! sizes readable in print. The same data always gives the same SVG bytes.

use std::sync::Once;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use crate::embedded;
use crate::locale::NumberFormat;
use crate::profile::Unit;

/// The chart kinds a figure can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Vertical bars; several series are grouped side by side.
    Bar,
    /// Horizontal bars; several series are grouped.
    Hbar,
    /// Vertical bars with the series stacked.
    StackedBar,
    /// Stacked bars whose series are shares adding up to 100%.
    #[serde(rename = "stacked-bar-100")]
    StackedBar100,
    /// Lines over the categories (years), one per series.
    Line,
    Pie,
    Donut,
    /// Two series drawn to the left and to the right of a centre line.
    Pyramid,
}

impl ChartKind {
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Bar => "bar",
            ChartKind::Hbar => "hbar",
            ChartKind::StackedBar => "stacked-bar",
            ChartKind::StackedBar100 => "stacked-bar-100",
            ChartKind::Line => "line",
            ChartKind::Pie => "pie",
            ChartKind::Donut => "donut",
            ChartKind::Pyramid => "pyramid",
        }
    }
}

/// One series: a name (for the legend) and a value per category; `None` is a
/// value the source does not give.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// What a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

/// How a chart looks and writes its numbers.
#[derive(Debug, Clone)]
pub struct ChartStyle {
    /// Series colours, in order; chosen to stay apart in greyscale.
    pub palette: Vec<(u8, u8, u8)>,
    pub numbers: NumberFormat,
    pub unit: Option<Unit>,
    pub value_labels: bool,
    /// Title of the value axis.
    pub value_title: Option<String>,
    /// Title of the category axis.
    pub category_title: Option<String>,
    /// Width of the chart in points at print size.
    pub width: u32,
    /// A right-to-left edition: labels are set in the Arabic font first.
    pub right_to_left: bool,
}

/// Checks that the data can feed the chart kind; the message says what is wrong.
pub fn validate(kind: ChartKind, data: &ChartData) -> Result<(), String> {
    let n = data.categories.len();
    if n == 0 {
        return Err("the chart has no categories: its table selection has no rows".into());
    }
    if data.series.is_empty() {
        return Err("the chart has no series".into());
    }
    if let Some(i) = data.categories.iter().position(|c| c.trim().is_empty()) {
        return Err(format!(
            "category {} has no label in this edition's language",
            i + 1
        ));
    }
    for s in &data.series {
        if s.values.len() != n {
            return Err(format!(
                "series `{}` has {} values for {} categories: every series needs one value per category",
                s.name,
                s.values.len(),
                n
            ));
        }
        if s.values.iter().all(Option::is_none) {
            return Err(format!("series `{}` is empty: it has no values", s.name));
        }
    }
    let one_series = |what: &str| -> Result<(), String> {
        if data.series.len() != 1 {
            return Err(format!(
                "a {what} draws exactly one series; this chart has {}",
                data.series.len()
            ));
        }
        Ok(())
    };
    match kind {
        ChartKind::Pie | ChartKind::Donut => {
            one_series(kind.name())?;
            for (i, v) in data.series[0].values.iter().enumerate() {
                match v {
                    Some(v) if *v < 0.0 => {
                        return Err(format!(
                            "a {} cannot show a negative count: `{}` is {v}",
                            kind.name(),
                            data.categories[i]
                        ))
                    }
                    None => {
                        return Err(format!(
                            "a {} needs every value: `{}` has none",
                            kind.name(),
                            data.categories[i]
                        ))
                    }
                    _ => {}
                }
            }
            if data.series[0].values.iter().flatten().sum::<f64>() <= 0.0 {
                return Err(format!("a {} needs a total above zero", kind.name()));
            }
        }
        ChartKind::Pyramid => {
            if data.series.len() != 2 {
                return Err(format!(
                    "a pyramid draws exactly two series (left and right); this chart has {}",
                    data.series.len()
                ));
            }
            if data
                .series
                .iter()
                .flat_map(|s| s.values.iter().flatten())
                .any(|v| *v < 0.0)
            {
                return Err("a pyramid cannot show negative counts".into());
            }
        }
        ChartKind::StackedBar | ChartKind::StackedBar100 => {
            if data.series.len() < 2 {
                return Err("a stacked bar chart needs at least two series to stack".into());
            }
            if data
                .series
                .iter()
                .flat_map(|s| s.values.iter().flatten())
                .any(|v| *v < 0.0)
            {
                return Err("stacked bars cannot stack negative values".into());
            }
            if kind == ChartKind::StackedBar100 {
                for (i, category) in data.categories.iter().enumerate() {
                    let total: f64 = data.series.iter().filter_map(|s| s.values[i]).sum();
                    if (total - 100.0).abs() > 1.0 {
                        return Err(format!(
                            "the shares of `{category}` add up to {total}%, not 100% (beyond rounding)"
                        ));
                    }
                }
            }
        }
        ChartKind::Line => {
            if n < 2 {
                return Err("a line chart needs at least two categories (years)".into());
            }
        }
        ChartKind::Bar | ChartKind::Hbar => {}
    }
    Ok(())
}

const FONT: &str = "Noto Sans";
/// The family that sets the scripts `FONT` lacks (Arabic).
const FALLBACK_FONT: &str = "Noto Sans Arabic";
/// plotters' SVG backend writes `font-size` as the style's size / 1.24.
const SVG_FONT_SCALE: f64 = 1.24;
/// Labels at 8 pt and values at 7.4 pt when printed (the SVG is drawn at print size).
const LABEL_SIZE: f64 = 8.0 * SVG_FONT_SCALE;
const VALUE_SIZE: f64 = 7.4 * SVG_FONT_SCALE;
const LINE_HEIGHT: i32 = 10;
const INK: RGBColor = RGBColor(40, 40, 40);
const GRID: RGBColor = RGBColor(215, 215, 215);
const AXIS: RGBColor = RGBColor(120, 120, 120);

static FONTS: Once = Once::new();

/// Registers the report's font with plotters (for measuring text).
fn register_fonts() {
    FONTS.call_once(|| {
        for (name, style) in [
            ("NotoSans-Regular.ttf", FontStyle::Normal),
            ("NotoSans-Bold.ttf", FontStyle::Bold),
        ] {
            let bytes = embedded::FONTS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| *b)
                .expect("embedded font");
            plotters::style::register_font(FONT, style, bytes)
                .unwrap_or_else(|_| panic!("{name} is a valid font"));
        }
    });
}

fn font(size: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FONT), size, FontStyle::Normal)
}

/// The width of a text in points. plotters measures without kerning and
/// hinting differences that the PDF shows, so the measure is padded by 15%.
fn text_width(text: &str, size: f64) -> i32 {
    let measured = font(size)
        .box_size(text)
        .map(|(w, _)| f64::from(w))
        .unwrap_or_else(|_| text.chars().count() as f64 * size * 0.6);
    (measured * 1.15).ceil() as i32
}

/// Breaks a label into lines no wider than `width` (words are never cut).
fn wrap(text: &str, width: i32, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// "Nice" tick step and the axis maximum for a range from 0 to `max`.
fn nice_ticks(max: f64, target: usize) -> (f64, f64) {
    let max = if max <= 0.0 { 1.0 } else { max };
    let raw = max / target as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let top = (max / step).ceil() * step;
    (step, top)
}

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Text colour that reads on a fill: white on dark, ink on light.
fn on(fill: (u8, u8, u8)) -> RGBColor {
    let luma = 0.299 * f64::from(fill.0) + 0.587 * f64::from(fill.1) + 0.114 * f64::from(fill.2);
    if luma < 140.0 {
        WHITE
    } else {
        INK
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type DrawResult = Result<(), String>;

fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("chart drawing failed: {e:?}")
}

struct Painter<'a, 'b> {
    area: &'b Area<'a>,
    style: &'b ChartStyle,
    /// SVG elements drawn over what plotters draws (exact arcs, which its
    /// integer grid cannot draw smoothly).
    overlay: std::cell::RefCell<String>,
}

impl Painter<'_, '_> {
    /// Draws one line of text anchored at a point.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &self,
        text: &str,
        x: i32,
        y: i32,
        size: f64,
        colour: RGBColor,
        h: HPos,
        v: VPos,
    ) -> DrawResult {
        if text.is_empty() {
            return Ok(());
        }
        let style = TextStyle::from(font(size))
            .color(&colour)
            .pos(Pos::new(h, v));
        self.area
            .draw(&Text::new(text.to_string(), (x, y), style))
            .map_err(err)
    }

    fn lines(&self, lines: &[String], x: i32, y_center: i32, size: f64, h: HPos) -> DrawResult {
        let top = y_center - (lines.len() as i32 * LINE_HEIGHT) / 2 + LINE_HEIGHT / 2;
        for (i, line) in lines.iter().enumerate() {
            self.text(
                line,
                x,
                top + i as i32 * LINE_HEIGHT,
                size,
                INK,
                h,
                VPos::Center,
            )?;
        }
        Ok(())
    }

    fn rect(&self, x0: i32, y0: i32, x1: i32, y1: i32, colour: RGBColor) -> DrawResult {
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], colour.filled()))
            .map_err(err)
    }

    fn line(&self, points: Vec<(i32, i32)>, colour: RGBColor, width: u32) -> DrawResult {
        self.area
            .draw(&PathElement::new(points, colour.stroke_width(width)))
            .map_err(err)
    }

    fn value(&self, v: f64) -> String {
        self.style.numbers.quantity(v, self.style.unit)
    }

    fn tick(&self, v: f64) -> String {
        self.style.numbers.quantity(v, self.style.unit)
    }

    fn colour(&self, i: usize) -> (u8, u8, u8) {
        self.style.palette[i % self.style.palette.len()]
    }

    /// A legend in one row (wrapping to more rows when needed); returns its height.
    fn legend(&self, names: &[&str], x: i32, y: i32, width: i32) -> Result<i32, String> {
        let mut cx = x;
        let mut cy = y;
        for (i, name) in names.iter().enumerate() {
            let w = 14 + text_width(name, LABEL_SIZE) + 14;
            if cx + w > x + width && cx > x {
                cx = x;
                cy += LINE_HEIGHT + 4;
            }
            self.rect(cx, cy - 4, cx + 9, cy + 5, rgb(self.colour(i)))?;
            self.text(name, cx + 13, cy, LABEL_SIZE, INK, HPos::Left, VPos::Center)?;
            cx += w;
        }
        Ok(cy - y + LINE_HEIGHT + 6)
    }
}

/// Draws a chart as SVG. `validate` must have accepted the data.
pub fn render_svg(kind: ChartKind, data: &ChartData, style: &ChartStyle) -> Result<String, String> {
    register_fonts();
    let height = layout_height(kind, data, style);
    let mut svg = String::new();
    let overlay = {
        let area =
            SVGBackend::with_string(&mut svg, (style.width, height as u32)).into_drawing_area();
        let painter = Painter {
            area: &area,
            style,
            overlay: std::cell::RefCell::new(String::new()),
        };
        match kind {
            ChartKind::Hbar => draw_hbar(&painter, data, height)?,
            ChartKind::Pyramid => draw_pyramid(&painter, data, height)?,
            ChartKind::Bar | ChartKind::StackedBar | ChartKind::StackedBar100 => {
                draw_columns(&painter, kind, data, height)?
            }
            ChartKind::Line => draw_line(&painter, data, height)?,
            ChartKind::Pie | ChartKind::Donut => draw_pie(&painter, kind, data, height)?,
        }
        area.present().map_err(err)?;
        painter.overlay.into_inner()
    };
    if let Some(end) = svg.rfind("</svg>") {
        svg.insert_str(end, &overlay);
    }
    Ok(set_font_families(&svg, style.right_to_left))
}

/// Characters Noto Sans Arabic lacks that chart labels use.
const MISSING_IN_ARABIC_FONT: &[char] = &['(', ')', '[', ']', '+', '/', '%', '*', '–', '=', '?'];

/// Sets the chart's text in the edition's fonts. Each label's family list
/// names both fonts, so that Latin text in an Arabic edition and Arabic in a
/// Latin one is found. In a right-to-left edition the Arabic font comes
/// first, and the punctuation it lacks is put in the Latin font explicitly:
/// inside a right-to-left run, the SVG renderer does not fall back by itself.
fn set_font_families(svg: &str, right_to_left: bool) -> String {
    let plain = format!("font-family=\"{FONT}\"");
    if !right_to_left {
        return svg.replace(&plain, &format!("font-family=\"{FONT}, {FALLBACK_FONT}\""));
    }
    let svg = svg.replace(&plain, &format!("font-family=\"{FALLBACK_FONT}, {FONT}\""));
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg.as_str();
    while let Some(start) = rest.find("<text") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = rest[open_end..].find("</text>").map(|i| open_end + i) else {
            break;
        };
        out.push_str(&rest[..open_end]);
        for c in rest[open_end..close].chars() {
            if MISSING_IN_ARABIC_FONT.contains(&c) {
                out.push_str(&format!("<tspan font-family=\"{FONT}\">{c}</tspan>"));
            } else {
                out.push(c);
            }
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

fn label_column_width(data: &ChartData, style: &ChartStyle) -> i32 {
    let widest = data
        .categories
        .iter()
        .map(|c| text_width(c, LABEL_SIZE))
        .max()
        .unwrap_or(0);
    (widest + 8).min(style.width as i32 * 2 / 5)
}

fn legend_needed(data: &ChartData, kind: ChartKind) -> bool {
    data.series.len() > 1 && !matches!(kind, ChartKind::Pie | ChartKind::Donut)
}

const LEGEND_HEIGHT: i32 = 20;
const AXIS_HEIGHT: i32 = 16;
const TITLE_HEIGHT: i32 = 14;

fn layout_height(kind: ChartKind, data: &ChartData, style: &ChartStyle) -> i32 {
    let n = data.categories.len() as i32;
    let s = data.series.len() as i32;
    let mut h = 6;
    if legend_needed(data, kind) {
        h += LEGEND_HEIGHT;
    }
    match kind {
        ChartKind::Hbar | ChartKind::Pyramid => {
            let label_w = label_column_width(data, style);
            let max_lines = data
                .categories
                .iter()
                .map(|c| wrap(c, label_w - 8, LABEL_SIZE).len() as i32)
                .max()
                .unwrap_or(1);
            let bars = if kind == ChartKind::Hbar { s } else { 1 };
            let row = (max_lines * LINE_HEIGHT + 6).max(bars * 10 + 8);
            h += n * row + AXIS_HEIGHT;
            if style.value_title.is_some() {
                h += TITLE_HEIGHT;
            }
        }
        ChartKind::Bar | ChartKind::StackedBar | ChartKind::StackedBar100 | ChartKind::Line => {
            let slot = (style.width as i32 - 60) / n.max(1);
            let max_lines = data
                .categories
                .iter()
                .map(|c| wrap(c, slot - 6, LABEL_SIZE).len() as i32)
                .max()
                .unwrap_or(1);
            h += 170 + max_lines * LINE_HEIGHT + 8;
            if style.value_title.is_some() {
                h += TITLE_HEIGHT;
            }
            if style.category_title.is_some() {
                h += TITLE_HEIGHT;
            }
        }
        ChartKind::Pie | ChartKind::Donut => {
            h += (n * (LINE_HEIGHT + 6) + 10).max(170);
        }
    }
    h
}

/// Horizontal bars, grouped by category when there are several series.
fn draw_hbar(p: &Painter, data: &ChartData, height: i32) -> DrawResult {
    let width = p.style.width as i32;
    let mut top = 4;
    if legend_needed(data, ChartKind::Hbar) {
        let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
        top += p.legend(&names, 0, top + 6, width)?;
    }
    let label_w = label_column_width(data, p.style);
    let bottom = height
        - AXIS_HEIGHT
        - if p.style.value_title.is_some() {
            TITLE_HEIGHT
        } else {
            0
        };
    let max = data
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .cloned()
        .fold(0.0, f64::max);
    let (step, axis_max) = nice_ticks(max, 5);
    // Room on the right for the value of the longest bar.
    let value_room = if p.style.value_labels {
        text_width(&p.value(max), VALUE_SIZE) + 8
    } else {
        10
    };
    let x0 = label_w;
    let x1 = width - value_room;
    let scale = |v: f64| x0 + ((v / axis_max) * f64::from(x1 - x0)).round() as i32;
    // Grid and ticks
    let mut t = 0.0;
    while t <= axis_max + step / 2.0 {
        let x = scale(t);
        p.line(vec![(x, top), (x, bottom)], GRID, 1)?;
        p.text(
            &p.tick(t),
            x,
            bottom + 4,
            LABEL_SIZE,
            AXIS,
            HPos::Center,
            VPos::Top,
        )?;
        t += step;
    }
    if let Some(title) = &p.style.value_title {
        p.text(
            title,
            (x0 + x1) / 2,
            height - 2,
            LABEL_SIZE,
            INK,
            HPos::Center,
            VPos::Bottom,
        )?;
    }
    let n = data.categories.len() as i32;
    let row = f64::from(bottom - top) / f64::from(n);
    let s = data.series.len() as i32;
    let bar = ((row - 8.0) / f64::from(s)).min(16.0);
    for (i, category) in data.categories.iter().enumerate() {
        let center = top + (row * (i as f64 + 0.5)) as i32;
        p.lines(
            &wrap(category, label_w - 8, LABEL_SIZE),
            x0 - 6,
            center,
            LABEL_SIZE,
            HPos::Right,
        )?;
        let group_top = center as f64 - bar * f64::from(s) / 2.0;
        for (j, series) in data.series.iter().enumerate() {
            let Some(v) = series.values[i] else { continue };
            let y0 = (group_top + bar * j as f64) as i32 + 1;
            let y1 = (group_top + bar * (j as f64 + 1.0)) as i32 - 1;
            p.rect(x0, y0, scale(v), y1, rgb(p.colour(j)))?;
            if p.style.value_labels {
                p.text(
                    &p.value(v),
                    scale(v) + 3,
                    (y0 + y1) / 2,
                    VALUE_SIZE,
                    INK,
                    HPos::Left,
                    VPos::Center,
                )?;
            }
        }
    }
    p.line(vec![(x0, top), (x0, bottom)], AXIS, 1)?;
    Ok(())
}

/// Two series to either side of a centre line (a population pyramid).
fn draw_pyramid(p: &Painter, data: &ChartData, height: i32) -> DrawResult {
    let width = p.style.width as i32;
    let mut top = 4;
    let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
    top += p.legend(&names, 0, top + 6, width)?;
    let label_w = label_column_width(data, p.style);
    let bottom = height
        - AXIS_HEIGHT
        - if p.style.value_title.is_some() {
            TITLE_HEIGHT
        } else {
            0
        };
    let max = data
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .cloned()
        .fold(0.0, f64::max);
    let (step, axis_max) = nice_ticks(max, 3);
    let value_room = if p.style.value_labels {
        text_width(&p.value(max), VALUE_SIZE) + 6
    } else {
        6
    };
    let left = label_w + value_room;
    let right = width - value_room;
    let centre = (left + right) / 2;
    let half = f64::from(right - centre);
    let scale = |v: f64| ((v / axis_max) * half).round() as i32;
    let mut t = 0.0;
    while t <= axis_max + step / 2.0 {
        for sign in [-1, 1] {
            let x = centre + sign * scale(t);
            p.line(vec![(x, top), (x, bottom)], GRID, 1)?;
            if t > 0.0 || sign == 1 {
                p.text(
                    &p.tick(t),
                    x,
                    bottom + 4,
                    LABEL_SIZE,
                    AXIS,
                    HPos::Center,
                    VPos::Top,
                )?;
            }
        }
        t += step;
    }
    if let Some(title) = &p.style.value_title {
        p.text(
            title,
            centre,
            height - 2,
            LABEL_SIZE,
            INK,
            HPos::Center,
            VPos::Bottom,
        )?;
    }
    let n = data.categories.len() as i32;
    let row = f64::from(bottom - top) / f64::from(n);
    let bar = (row - 4.0).min(16.0);
    for (i, category) in data.categories.iter().enumerate() {
        let center = top + (row * (i as f64 + 0.5)) as i32;
        p.lines(
            &wrap(category, label_w - 8, LABEL_SIZE),
            label_w - 6,
            center,
            LABEL_SIZE,
            HPos::Right,
        )?;
        let y0 = (center as f64 - bar / 2.0) as i32;
        let y1 = (center as f64 + bar / 2.0) as i32;
        if let Some(v) = data.series[0].values[i] {
            p.rect(centre - scale(v), y0, centre, y1, rgb(p.colour(0)))?;
            if p.style.value_labels {
                p.text(
                    &p.value(v),
                    centre - scale(v) - 3,
                    center,
                    VALUE_SIZE,
                    INK,
                    HPos::Right,
                    VPos::Center,
                )?;
            }
        }
        if let Some(v) = data.series[1].values[i] {
            p.rect(centre, y0, centre + scale(v), y1, rgb(p.colour(1)))?;
            if p.style.value_labels {
                p.text(
                    &p.value(v),
                    centre + scale(v) + 3,
                    center,
                    VALUE_SIZE,
                    INK,
                    HPos::Left,
                    VPos::Center,
                )?;
            }
        }
    }
    p.line(vec![(centre, top), (centre, bottom)], AXIS, 1)?;
    Ok(())
}

/// Vertical bars: grouped, stacked or stacked to 100%.
fn draw_columns(p: &Painter, kind: ChartKind, data: &ChartData, height: i32) -> DrawResult {
    let width = p.style.width as i32;
    let mut top = 4;
    if legend_needed(data, kind) {
        let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
        top += p.legend(&names, 0, top + 6, width)?;
    }
    if let Some(title) = &p.style.value_title {
        p.text(title, 0, top + 4, LABEL_SIZE, INK, HPos::Left, VPos::Center)?;
        top += TITLE_HEIGHT;
    }
    top += 6;
    let n = data.categories.len();
    let stacked = kind != ChartKind::Bar;
    let totals: Vec<f64> = (0..n)
        .map(|i| data.series.iter().filter_map(|s| s.values[i]).sum())
        .collect();
    let max = if kind == ChartKind::StackedBar100 {
        100.0
    } else if stacked {
        totals.iter().cloned().fold(0.0, f64::max)
    } else {
        data.series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .cloned()
            .fold(0.0, f64::max)
    };
    let (step, axis_max) = if kind == ChartKind::StackedBar100 {
        (25.0, 100.0)
    } else {
        nice_ticks(max, 5)
    };
    let tick_w = text_width(&p.tick(axis_max), LABEL_SIZE) + 8;
    let x0 = tick_w;
    let x1 = width - 4;
    let slot = f64::from(x1 - x0) / n as f64;
    let label_lines: Vec<Vec<String>> = data
        .categories
        .iter()
        .map(|c| wrap(c, slot as i32 - 6, LABEL_SIZE))
        .collect();
    let max_lines = label_lines.iter().map(Vec::len).max().unwrap_or(1) as i32;
    let category_title_h = if p.style.category_title.is_some() {
        TITLE_HEIGHT
    } else {
        0
    };
    let bottom = height - max_lines * LINE_HEIGHT - 8 - category_title_h;
    let scale = |v: f64| bottom - ((v / axis_max) * f64::from(bottom - top)).round() as i32;
    let mut t = 0.0;
    while t <= axis_max + step / 2.0 {
        let y = scale(t);
        p.line(vec![(x0, y), (x1, y)], GRID, 1)?;
        let tick = if kind == ChartKind::StackedBar100 {
            p.style.numbers.quantity(t, Some(Unit::Percent))
        } else {
            p.tick(t)
        };
        p.text(
            &tick,
            x0 - 4,
            y,
            LABEL_SIZE,
            AXIS,
            HPos::Right,
            VPos::Center,
        )?;
        t += step;
    }
    let s = data.series.len();
    for i in 0..n {
        let slot_x = x0 as f64 + slot * i as f64;
        let center = (slot_x + slot / 2.0) as i32;
        for (k, line) in label_lines[i].iter().enumerate() {
            p.text(
                line,
                center,
                bottom + 5 + k as i32 * LINE_HEIGHT,
                LABEL_SIZE,
                INK,
                HPos::Center,
                VPos::Top,
            )?;
        }
        if stacked {
            let bar_w = (slot * 0.6).min(60.0);
            let bx0 = (slot_x + (slot - bar_w) / 2.0) as i32;
            let bx1 = bx0 + bar_w as i32;
            let mut acc = 0.0;
            for (j, series) in data.series.iter().enumerate() {
                let Some(v) = series.values[i] else { continue };
                let (y_top, y_bottom) = (scale(acc + v), scale(acc));
                p.rect(bx0, y_top, bx1, y_bottom, rgb(p.colour(j)))?;
                if p.style.value_labels && y_bottom - y_top >= 11 {
                    let label = if kind == ChartKind::StackedBar100 {
                        p.style.numbers.quantity(v, Some(Unit::Percent))
                    } else {
                        p.value(v)
                    };
                    p.text(
                        &label,
                        (bx0 + bx1) / 2,
                        (y_top + y_bottom) / 2,
                        VALUE_SIZE,
                        on(p.colour(j)),
                        HPos::Center,
                        VPos::Center,
                    )?;
                }
                acc += v;
            }
            if p.style.value_labels && kind == ChartKind::StackedBar {
                p.text(
                    &p.value(totals[i]),
                    (bx0 + bx1) / 2,
                    scale(totals[i]) - 3,
                    VALUE_SIZE,
                    INK,
                    HPos::Center,
                    VPos::Bottom,
                )?;
            }
        } else {
            let group_w = (slot * 0.75).min(36.0 * s as f64);
            let bar_w = group_w / s as f64;
            let gx0 = slot_x + (slot - group_w) / 2.0;
            for (j, series) in data.series.iter().enumerate() {
                let Some(v) = series.values[i] else { continue };
                let bx0 = (gx0 + bar_w * j as f64) as i32 + 1;
                let bx1 = (gx0 + bar_w * (j as f64 + 1.0)) as i32 - 1;
                p.rect(bx0, scale(v), bx1, bottom, rgb(p.colour(j)))?;
                if p.style.value_labels {
                    p.text(
                        &p.value(v),
                        (bx0 + bx1) / 2,
                        scale(v) - 3,
                        VALUE_SIZE,
                        INK,
                        HPos::Center,
                        VPos::Bottom,
                    )?;
                }
            }
        }
    }
    p.line(vec![(x0, bottom), (x1, bottom)], AXIS, 1)?;
    if let Some(title) = &p.style.category_title {
        p.text(
            title,
            (x0 + x1) / 2,
            height - 2,
            LABEL_SIZE,
            INK,
            HPos::Center,
            VPos::Bottom,
        )?;
    }
    Ok(())
}

/// Lines over the categories, with a distinct marker per series so that the
/// lines stay apart in greyscale.
fn draw_line(p: &Painter, data: &ChartData, height: i32) -> DrawResult {
    let width = p.style.width as i32;
    let mut top = 4;
    if legend_needed(data, ChartKind::Line) {
        let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
        top += p.legend(&names, 0, top + 6, width)?;
    }
    if let Some(title) = &p.style.value_title {
        p.text(title, 0, top + 4, LABEL_SIZE, INK, HPos::Left, VPos::Center)?;
        top += TITLE_HEIGHT;
    }
    top += 6;
    let n = data.categories.len();
    let max = data
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .cloned()
        .fold(0.0, f64::max);
    let (step, axis_max) = nice_ticks(max, 5);
    let x0 = text_width(&p.tick(axis_max), LABEL_SIZE) + 8;
    let x1 = width - 10;
    let slot = f64::from(x1 - x0) / n as f64;
    let label_lines: Vec<Vec<String>> = data
        .categories
        .iter()
        .map(|c| wrap(c, slot as i32 - 4, LABEL_SIZE))
        .collect();
    let max_lines = label_lines.iter().map(Vec::len).max().unwrap_or(1) as i32;
    let category_title_h = if p.style.category_title.is_some() {
        TITLE_HEIGHT
    } else {
        0
    };
    let bottom = height - max_lines * LINE_HEIGHT - 8 - category_title_h;
    let scale = |v: f64| bottom - ((v / axis_max) * f64::from(bottom - top)).round() as i32;
    let x_at = |i: usize| (x0 as f64 + slot * (i as f64 + 0.5)) as i32;
    let mut t = 0.0;
    while t <= axis_max + step / 2.0 {
        let y = scale(t);
        p.line(vec![(x0, y), (x1, y)], GRID, 1)?;
        p.text(
            &p.tick(t),
            x0 - 4,
            y,
            LABEL_SIZE,
            AXIS,
            HPos::Right,
            VPos::Center,
        )?;
        t += step;
    }
    for (i, lines) in label_lines.iter().enumerate() {
        for (k, line) in lines.iter().enumerate() {
            p.text(
                line,
                x_at(i),
                bottom + 5 + k as i32 * LINE_HEIGHT,
                LABEL_SIZE,
                INK,
                HPos::Center,
                VPos::Top,
            )?;
        }
    }
    for (j, series) in data.series.iter().enumerate() {
        let colour = rgb(p.colour(j));
        // A line breaks where a value is missing.
        let mut run: Vec<(i32, i32)> = Vec::new();
        for (i, v) in series.values.iter().enumerate() {
            match v {
                Some(v) => run.push((x_at(i), scale(*v))),
                None => {
                    if run.len() > 1 {
                        p.line(std::mem::take(&mut run), colour, 2)?;
                    }
                    run.clear();
                }
            }
        }
        if run.len() > 1 {
            p.line(run, colour, 2)?;
        }
        for (i, v) in series.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let (x, y) = (x_at(i), scale(*v));
            match j % 3 {
                0 => p
                    .area
                    .draw(&Circle::new((x, y), 3, colour.filled()))
                    .map_err(err)?,
                1 => p.rect(x - 3, y - 3, x + 3, y + 3, colour)?,
                _ => p
                    .area
                    .draw(&Polygon::new(
                        vec![(x, y - 4), (x + 4, y + 3), (x - 4, y + 3)],
                        colour.filled(),
                    ))
                    .map_err(err)?,
            }
        }
    }
    p.line(vec![(x0, bottom), (x1, bottom)], AXIS, 1)?;
    if let Some(title) = &p.style.category_title {
        p.text(
            title,
            (x0 + x1) / 2,
            height - 2,
            LABEL_SIZE,
            INK,
            HPos::Center,
            VPos::Bottom,
        )?;
    }
    Ok(())
}

/// The outline of a pie slice (or donut segment when `inner > 0`) from
/// `start` over `sweep` radians, as SVG path data with arcs.
fn slice_path(
    point: impl Fn(f64, f64) -> (f64, f64),
    start: f64,
    sweep: f64,
    outer: f64,
    inner: f64,
) -> String {
    // A whole circle is drawn as two half arcs (one arc cannot end where it starts).
    let sweep = sweep.min(std::f64::consts::TAU - 1e-6);
    let large = u8::from(sweep > std::f64::consts::PI);
    let end = start + sweep;
    let (ox1, oy1) = point(start, outer);
    let (ox2, oy2) = point(end, outer);
    if inner > 0.0 {
        let (ix1, iy1) = point(start, inner);
        let (ix2, iy2) = point(end, inner);
        format!(
            "M{ox1:.2},{oy1:.2} A{outer:.2},{outer:.2} 0 {large} 1 {ox2:.2},{oy2:.2} L{ix2:.2},{iy2:.2} A{inner:.2},{inner:.2} 0 {large} 0 {ix1:.2},{iy1:.2} Z"
        )
    } else {
        let (cx, cy) = point(0.0, 0.0);
        format!(
            "M{cx:.2},{cy:.2} L{ox1:.2},{oy1:.2} A{outer:.2},{outer:.2} 0 {large} 1 {ox2:.2},{oy2:.2} Z"
        )
    }
}

/// A pie or donut with a legend that gives each slice's value and share.
fn draw_pie(p: &Painter, kind: ChartKind, data: &ChartData, height: i32) -> DrawResult {
    let values: Vec<f64> = data.series[0]
        .values
        .iter()
        .map(|v| v.unwrap_or(0.0))
        .collect();
    let total: f64 = values.iter().sum();
    let radius = ((height - 16) / 2).min(80);
    let cx = radius + 10;
    let cy = height / 2;
    let inner = if kind == ChartKind::Donut {
        f64::from(radius) * 0.55
    } else {
        0.0
    };
    // Slices as exact SVG arcs, with white borders that keep neighbouring
    // slices apart in greyscale.
    let mut overlay = String::new();
    let (x0, y0, outer) = (f64::from(cx), f64::from(cy), f64::from(radius));
    let point = |a: f64, r: f64| (x0 + r * a.cos(), y0 + r * a.sin());
    let mut angle = -std::f64::consts::FRAC_PI_2;
    for (i, v) in values.iter().enumerate() {
        let sweep = v / total * std::f64::consts::TAU;
        if sweep <= 0.0 {
            continue;
        }
        let (r, g, b) = p.colour(i);
        let path = slice_path(point, angle, sweep, outer, inner);
        overlay.push_str(&format!(
            "<path d=\"{path}\" fill=\"#{r:02X}{g:02X}{b:02X}\" stroke=\"#FFFFFF\" stroke-width=\"1\" stroke-linejoin=\"round\"/>\n"
        ));
        angle += sweep;
    }
    p.overlay.borrow_mut().push_str(&overlay);
    // Legend: swatch, label, value and share
    let lx = cx + radius + 24;
    let n = data.categories.len() as i32;
    let row = LINE_HEIGHT + 6;
    let ly = cy - n * row / 2 + row / 2;
    let widest = data
        .categories
        .iter()
        .map(|c| text_width(c, LABEL_SIZE))
        .max()
        .unwrap_or(0);
    let value_x = (lx + 16 + widest + 90).min(p.style.width as i32 - 4);
    for (i, category) in data.categories.iter().enumerate() {
        let y = ly + i as i32 * row;
        p.rect(lx, y - 5, lx + 10, y + 5, rgb(p.colour(i)))?;
        p.text(
            category,
            lx + 16,
            y,
            LABEL_SIZE,
            INK,
            HPos::Left,
            VPos::Center,
        )?;
        let share = values[i] / total * 100.0;
        let share = (share * 10.0).round() / 10.0;
        let label = if p.style.value_labels && p.style.unit == Some(Unit::Percent) {
            p.value(values[i])
        } else if p.style.value_labels {
            format!(
                "{} ({})",
                p.value(values[i]),
                p.style.numbers.quantity(share, Some(Unit::Percent))
            )
        } else {
            p.style.numbers.quantity(share, Some(Unit::Percent))
        };
        p.text(
            &label,
            value_x,
            y,
            LABEL_SIZE,
            INK,
            HPos::Right,
            VPos::Center,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_labels_get_the_arabic_font_and_latin_punctuation_stays_latin() {
        let svg = "<text x=\"1\" font-family=\"Noto Sans\">العمر (بالسنوات)</text>";
        let ltr = set_font_families(svg, false);
        assert!(ltr.contains("font-family=\"Noto Sans, Noto Sans Arabic\""));
        assert!(!ltr.contains("<tspan"));
        let rtl = set_font_families(svg, true);
        assert!(rtl.contains("font-family=\"Noto Sans Arabic, Noto Sans\""));
        assert!(rtl.contains(
            "العمر <tspan font-family=\"Noto Sans\">(</tspan>بالسنوات<tspan font-family=\"Noto Sans\">)</tspan></text>"
        ));
    }

    fn data(values: &[&[Option<f64>]]) -> ChartData {
        ChartData {
            categories: (0..values[0].len()).map(|i| format!("C{i}")).collect(),
            series: values
                .iter()
                .enumerate()
                .map(|(j, v)| Series {
                    name: format!("S{j}"),
                    values: v.to_vec(),
                })
                .collect(),
        }
    }

    #[test]
    fn nice_ticks_are_round() {
        assert_eq!(nice_ticks(22845.0, 5), (5000.0, 25000.0));
        assert_eq!(nice_ticks(85.6, 5), (20.0, 100.0));
        let (step, top) = nice_ticks(0.9, 5);
        assert!(
            (step - 0.2).abs() < 1e-9 && (top - 1.0).abs() < 1e-9,
            "{step} {top}"
        );
    }

    #[test]
    fn validation_names_the_problem() {
        let bad_pie = data(&[&[Some(3.0), Some(-1.0)]]);
        assert!(validate(ChartKind::Pie, &bad_pie)
            .unwrap_err()
            .contains("negative"));
        let two = data(&[&[Some(1.0)], &[Some(2.0)]]);
        assert!(validate(ChartKind::Donut, &two)
            .unwrap_err()
            .contains("exactly one series"));
        let empty = data(&[&[None, None]]);
        assert!(validate(ChartKind::Bar, &empty)
            .unwrap_err()
            .contains("is empty"));
        let shares = data(&[&[Some(60.0)], &[Some(30.0)]]);
        assert!(validate(ChartKind::StackedBar100, &shares)
            .unwrap_err()
            .contains("add up to 90%"));
        let ok = data(&[&[Some(60.0)], &[Some(40.2)]]);
        assert!(validate(ChartKind::StackedBar100, &ok).is_ok());
        let one = data(&[&[Some(1.0), Some(2.0)]]);
        assert!(validate(ChartKind::Pyramid, &one)
            .unwrap_err()
            .contains("exactly two series"));
        let mut unlabelled = one.clone();
        unlabelled.categories[1] = " ".into();
        assert!(validate(ChartKind::Bar, &unlabelled)
            .unwrap_err()
            .contains("category 2 has no label"));
        let mut short = one.clone();
        short.series[0].values.pop();
        assert!(validate(ChartKind::Bar, &short)
            .unwrap_err()
            .contains("1 values for 2 categories"));
    }

    #[test]
    fn labels_wrap_at_word_boundaries() {
        register_fonts();
        let lines = wrap("Serbia and Montenegro (formerly)", 70, LABEL_SIZE);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), "Serbia and Montenegro (formerly)");
        assert!(lines
            .iter()
            .all(|l| text_width(l, LABEL_SIZE) <= 70 || !l.contains(' ')));
    }
}
