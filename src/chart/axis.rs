//! Value axes (round ticks over a range that always includes zero, so that
//! bars are drawn to scale from a zero line) and time axes (categories that
//! are years, placed by their distance in time).

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

    /// Maps a value to a position between `a` (at `lo`) and `b` (at `hi`).
    pub fn map(&self, v: f64, a: f64, b: f64) -> f64 {
        a + (v - self.lo) / (self.hi - self.lo) * (b - a)
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
