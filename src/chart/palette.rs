//! Colours of a chart (RGB, written `#rrggbb`) and its series colours: the
//! theme's primary and accent colours first, then tints
//! and shades of them chosen so that every colour stays apart from the
//! others in greyscale (a black-and-white print or a reader who cannot tell
//! the hues apart): each next colour is the candidate whose lightness is
//! farthest from those already chosen.

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// A colour as `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Lightness of a colour as a greyscale print shows it (ITU-R BT.601
/// weights), 0 (black) to 255 (white).
pub fn luma(c: Rgb) -> f64 {
    0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2)
}

fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// Lightness a series colour may have: darker is hard to tell from black
/// text, lighter from the white paper.
const LIGHTEST: f64 = 228.0;
const DARKEST: f64 = 18.0;

/// Six series colours from the theme's colours, in the order series use them.
pub fn palette(theme: &[Rgb]) -> Vec<Rgb> {
    const COUNT: usize = 6;
    let base: Vec<Rgb> = if theme.is_empty() {
        vec![(0x1c, 0x3f, 0x5e)]
    } else {
        theme.to_vec()
    };
    let mut chosen: Vec<Rgb> = base.iter().copied().take(COUNT).collect();
    let mut candidates = Vec::new();
    for c in &base {
        for t in [0.2, 0.35, 0.5, 0.65, 0.8] {
            candidates.push(mix(*c, (255, 255, 255), t));
        }
        for t in [0.3, 0.55] {
            candidates.push(mix(*c, (0, 0, 0), t));
        }
    }
    // Neutral greys, for themes whose tints alone cannot fill the range.
    for v in (20..=225).step_by(15) {
        candidates.push((v as u8, v as u8, v as u8));
    }
    candidates.retain(|c| (DARKEST..=LIGHTEST).contains(&luma(*c)));
    while chosen.len() < COUNT && !candidates.is_empty() {
        let distance = |c: &Rgb| {
            chosen
                .iter()
                .map(|k| (luma(*k) - luma(*c)).abs())
                .fold(f64::INFINITY, f64::min)
        };
        let mut best = 0;
        for i in 1..candidates.len() {
            if distance(&candidates[i]) > distance(&candidates[best]) + 1e-9 {
                best = i;
            }
        }
        chosen.push(candidates.remove(best));
    }
    chosen
}

/// The smallest difference in lightness between any two of the colours.
pub fn min_luma_gap(colours: &[Rgb]) -> f64 {
    let mut gap = f64::INFINITY;
    for (i, a) in colours.iter().enumerate() {
        for b in &colours[i + 1..] {
            gap = gap.min((luma(*a) - luma(*b)).abs());
        }
    }
    gap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_series_stay_apart_in_greyscale() {
        for theme in [
            vec![(0x1c, 0x3f, 0x5e), (0xe8, 0x83, 0x3a)],
            vec![(0x00, 0x66, 0x33), (0xcc, 0x00, 0x33)],
            vec![(0x33, 0x33, 0x99)],
        ] {
            let colours = palette(&theme);
            assert_eq!(colours.len(), 6);
            assert_eq!(colours[0], theme[0]);
            // The theme's own colours may be close; every added one keeps
            // at least 25 levels (of 255) from all others.
            let added = &colours[theme.len()..];
            for c in added {
                for k in colours.iter().filter(|k| *k != c) {
                    assert!(
                        (luma(*c) - luma(*k)).abs() >= 25.0,
                        "{theme:?}: {colours:?}"
                    );
                }
            }
        }
    }
}
