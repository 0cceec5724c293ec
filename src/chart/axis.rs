//! Axes: value axes (round ticks over a range that always includes zero,
//! so that bars are drawn to scale from a zero line), time axes (categories
//! that are years, placed by their distance in time), and how every chart
//! kind draws them: tick labels with their gridlines, the column of
//! category labels of horizontal bars and pyramids, and the axis titles.

use super::geometry::{Axis, Plot};
use super::label::{block_height, Anchor, VAnchor};
use super::layout::{Canvas, Role, GRID, INK, LABEL_SIZE, MUTED};

/// A value axis: from `lo` to `hi` in steps of `step`; `lo <= 0 <= hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

impl Scale {
    /// Round ticks covering `min..max` and zero, about `target` steps.
    pub fn nice(min: f64, max: f64, target: usize) -> Scale {
        let lo = min.min(0.0);
        let hi = max.max(0.0);
        let range = if hi - lo <= 0.0 { 1.0 } else { hi - lo };
        let raw = range / target.max(1) as f64;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw * (1.0 - 1e-9))
            .unwrap_or(10.0 * magnitude);
        let lo = (lo / step + 1e-9).floor() * step;
        let hi = (hi / step - 1e-9).ceil() * step;
        let hi = if hi <= lo { lo + step } else { hi };
        Scale { lo, hi, step }
    }

    /// A fixed axis (such as 0 to 100%).
    pub fn fixed(lo: f64, hi: f64, step: f64) -> Scale {
        Scale { lo, hi, step }
    }

    /// The tick values, from `lo` to `hi`.
    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round() as i64;
        (0..=n)
            .map(|i| {
                let t = self.lo + i as f64 * self.step;
                // Clean float noise (0.30000000000000004) and -0.
                let t = (t / self.step).round() * self.step;
                let t = (t * 1e9).round() / 1e9;
                if t == 0.0 {
                    0.0
                } else {
                    t
                }
            })
            .collect()
    }

    /// The axis of the scale's values, `lo` standing at `start` and `hi`
    /// at `end` (points).
    pub fn axis(&self, start: f64, end: f64) -> Axis {
        Axis::new(self.lo, self.hi, start, end)
    }
}

/// The value of a digit in any script Unicode gives decimal digits
/// (`2019`, `٢٠١٩`, `۲۰۱۹`).
fn digit(c: char) -> Option<u32> {
    if let Some(d) = c.to_digit(10) {
        return Some(d);
    }
    let code = c as u32;
    for zero in [0x0660, 0x06F0, 0x0966, 0x09E6] {
        if (zero..zero + 10).contains(&code) {
            return Some(code - zero);
        }
    }
    None
}

/// The years of categories that are all years (four digits, increasing, in
/// any digits), or `None` when they are not: a line chart then places them
/// by their distance in time instead of as equal steps.
pub fn years(categories: &[String]) -> Option<Vec<f64>> {
    let mut years = Vec::new();
    for c in categories {
        let text: String = c.chars().filter(|c| !c.is_whitespace()).collect();
        let text = text
            .trim_matches(|c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{2066}'..='\u{2069}'));
        if text.chars().count() != 4 {
            return None;
        }
        let mut year = 0u32;
        for c in text.chars() {
            year = year * 10 + digit(c)?;
        }
        years.push(f64::from(year));
    }
    let increasing = years.windows(2).all(|w| w[0] < w[1]);
    (years.len() >= 2 && increasing).then_some(years)
}

/// The scale with the most ticks whose labels have room: for each tick
/// count of `tries` (most first), `fits` gets the tick labels (written by
/// `text`) and returns the plot's span from start to end they leave and
/// whether they fit in it. Without a fit, the scale of `last` ticks,
/// whether its labels fit or not. Returns the scale, its tick labels and
/// the span.
pub fn fitting_scale(
    lo: f64,
    hi: f64,
    tries: &[usize],
    last: usize,
    text: impl Fn(f64) -> String,
    mut fits: impl FnMut(&[String]) -> ((f64, f64), bool),
) -> (Scale, Vec<String>, (f64, f64)) {
    let mut attempt = |target: usize| {
        let scale = Scale::nice(lo, hi, target);
        let texts: Vec<String> = scale.ticks().iter().map(|t| text(*t)).collect();
        let (span, fit) = fits(&texts);
        ((scale, texts, span), fit)
    };
    for &target in tries {
        let (chosen, fit) = attempt(target);
        if fit {
            return chosen;
        }
    }
    attempt(last).0
}

/// Room above and below a plot for the tick labels that stand centred on
/// its top and bottom gridlines (vertical value axes), in points.
pub fn half_tick() -> f64 {
    block_height(1, LABEL_SIZE) / 2.0 + 3.0
}

/// A value axis up the start side of a plot (vertical bars, lines): the
/// tick labels in a column at the start side, the plot across from there
/// to 1 point before the end edge.
pub struct StartAxis {
    pub ticks: Vec<f64>,
    /// The tick labels, as `text` writes them.
    pub texts: Vec<String>,
    /// Where the plot starts: 6 points after the widest tick label.
    pub x0: f64,
    /// Where the plot ends.
    pub x1: f64,
}

impl StartAxis {
    /// The axis of a scale, its tick labels written by `text`.
    pub fn new(c: &Canvas, scale: &Scale, text: impl Fn(f64) -> String) -> Self {
        let ticks = scale.ticks();
        let texts: Vec<String> = ticks.iter().map(|t| text(*t)).collect();
        let x0 = c.font(Role::Label).max_width(&texts) + 6.0;
        StartAxis {
            ticks,
            texts,
            x0,
            x1: c.width - 1.0,
        }
    }

    /// Draws a gridline across the plot at every tick (`y` places the
    /// values up the plot) and its label, centred on it, 4 points before the
    /// plot.
    pub fn draw(&self, c: &mut Canvas, y: Axis) {
        let plot = Plot { x: Axis::POINTS, y };
        for (t, text) in self.ticks.iter().zip(&self.texts) {
            let ty = y.place(*t);
            c.line(plot, (self.x0, *t), (self.x1, *t), GRID, 0.6);
            c.text1(
                Role::Label,
                text,
                self.x0 - 4.0,
                ty,
                Anchor::End,
                VAnchor::Center,
                MUTED,
                false,
            );
        }
    }
}

/// Sets a tick label of a horizontal value axis under the plot, centred on
/// `x`, 4 points below `plot_bottom`.
pub fn tick_below(c: &mut Canvas, text: &str, x: f64, plot_bottom: f64) {
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

/// The y under the tick labels that [`tick_below`] sets.
pub fn under_ticks(plot_bottom: f64) -> f64 {
    plot_bottom + 4.0 + block_height(1, LABEL_SIZE) + 4.0
}

/// The category labels of horizontal bars and pyramids, in a column at the
/// start side: as wide as the widest label and 10 points, at most `share`
/// of the chart's width; each label wrapped to the column, less 8 points.
pub struct CategoryColumn {
    /// The column's width in points: where the plot may start.
    pub width: f64,
    /// Each category's lines.
    pub lines: Vec<Vec<String>>,
}

impl CategoryColumn {
    /// The column of `categories`.
    pub fn new(c: &Canvas, categories: &[String], share: f64) -> Self {
        let widest = c.font(Role::Label).max_width(categories);
        let width = (widest + 10.0).min(c.width * share);
        let lines = categories
            .iter()
            .map(|cat| c.wrap(Role::Label, cat, width - 8.0))
            .collect();
        CategoryColumn { width, lines }
    }

    /// Sets category `i`'s label, its end 6 points before the column's end,
    /// centred on `centre`.
    pub fn place(&self, c: &mut Canvas, i: usize, centre: f64) {
        c.text(
            Role::Label,
            self.lines[i].clone(),
            self.width - 6.0,
            centre,
            Anchor::End,
            VAnchor::Center,
            INK,
            false,
        );
    }
}

/// Sets an axis title above the plot: at the start side, wrapped to the
/// chart's width, the capitals of its first line at `top`. Returns its
/// number of lines.
pub fn place_title_above(c: &mut Canvas, title: &str, top: f64) -> usize {
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
    count
}

/// An axis title above the plot (as [`place_title_above`] sets it), when
/// there is one; returns the y where the chart goes on, 6 points under
/// its last line (`top` without a title).
pub fn title_above(c: &mut Canvas, title: Option<&str>, top: f64) -> f64 {
    match title {
        Some(title) => {
            let count = place_title_above(c, title, top);
            top + (block_height(count, LABEL_SIZE) + 6.0)
        }
        None => top,
    }
}

/// An axis title under the plot, when there is one: centred between `x0`
/// and `x1` and wrapped to that width, 2 points under `bottom`. Returns the
/// y 4 points under its last line (`bottom` without a title).
pub fn title_below(c: &mut Canvas, title: Option<&str>, x0: f64, x1: f64, bottom: f64) -> f64 {
    let Some(title) = title else {
        return bottom;
    };
    let lines = c.wrap(Role::Title, title, x1 - x0);
    let count = lines.len();
    c.text(
        Role::Title,
        lines,
        (x0 + x1) / 2.0,
        bottom + 2.0,
        Anchor::Center,
        VAnchor::Top,
        INK,
        false,
    );
    bottom + (2.0 + block_height(count, LABEL_SIZE) + 4.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_include_zero() {
        let s = Scale::nice(0.0, 22845.0, 5);
        assert_eq!((s.lo, s.hi, s.step), (0.0, 25000.0, 5000.0));
        let s = Scale::nice(0.0, 85.6, 5);
        assert_eq!((s.lo, s.hi, s.step), (0.0, 100.0, 20.0));
        let s = Scale::nice(-13000.0, 42000.0, 5);
        assert_eq!(s.step, 20000.0);
        assert_eq!((s.lo, s.hi), (-20000.0, 60000.0));
        assert!(s.ticks().contains(&0.0));
        let s = Scale::nice(0.0, 0.9, 5);
        assert_eq!(s.ticks(), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
    }

    #[test]
    fn census_years_are_years_in_any_digits() {
        let c: Vec<String> = ["1921", "1926", "2014", "2024"].map(String::from).to_vec();
        assert_eq!(years(&c), Some(vec![1921.0, 1926.0, 2014.0, 2024.0]));
        let arabic: Vec<String> = ["٢٠١٤", "٢٠٢٤"].map(String::from).to_vec();
        assert_eq!(years(&arabic), Some(vec![2014.0, 2024.0]));
        let not: Vec<String> = ["0–6", "6–18"].map(String::from).to_vec();
        assert_eq!(years(&not), None);
    }
}
