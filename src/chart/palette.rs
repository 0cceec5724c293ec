//! Colours of a chart (RGB, written `#rrggbb`) and its series colours: the
//! theme's primary and accent colours first, then tints of them (the theme's
//! colours mixed with white) chosen so that every colour stays apart from
//! the others in greyscale (a black-and-white print or a reader who cannot
//! tell the hues apart): the tints keep the largest least difference in
//! lightness from each other and from the theme's colours, each next one
//! the farthest from those before it. No series colour is a shade (a
//! theme colour mixed with black, which turns orange brown) or a grey, and
//! none is too pale to see on white paper: every one has a contrast of at
//! least [`MIN_CONTRAST`] against white (WCAG 2 contrast ratio).

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// The least contrast ratio against white paper a series colour has
/// (WCAG 2; 1 is white on white, 21 black on white): 1.5 keeps a slice or a
/// legend swatch visible as a surface on the page.
pub const MIN_CONTRAST: f64 = 1.5;

/// The least lightness ([`luma`]) a series colour has, so that no slice
/// reads as black next to the black text.
pub const DARKEST: f64 = 40.0;

/// A colour as `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Lightness of a colour as a greyscale print shows it (ITU-R BT.601
/// weights), 0 (black) to 255 (white).
pub fn luma(c: Rgb) -> f64 {
    0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2)
}

/// Relative luminance of an sRGB colour, 0 (black) to 1 (white), as WCAG 2
/// defines it.
pub fn relative_luminance(c: Rgb) -> f64 {
    let linear = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
}

/// The WCAG 2 contrast ratio of a colour against white paper, 1 to 21.
pub fn contrast_on_white(c: Rgb) -> f64 {
    1.05 / (relative_luminance(c) + 0.05)
}

fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// Whether a colour may stand for a series: visible on white and not black.
pub fn usable(c: Rgb) -> bool {
    contrast_on_white(c) >= MIN_CONTRAST && luma(c) >= DARKEST
}

/// A theme colour made usable for a series: one too pale to see on white is
/// darkened, one that reads as black lightened, each just enough (in steps
/// of 1% towards black or white).
fn usable_form(c: Rgb) -> Rgb {
    let mut t = 0.0;
    let mut out = c;
    while !usable(out) && t < 1.0 {
        t += 0.01;
        out = if luma(c) < DARKEST {
            mix(c, (255, 255, 255), t)
        } else {
            mix(c, (0, 0, 0), t)
        };
    }
    out
}

/// Six series colours from the theme's colours, in the order series use them.
pub fn palette(theme: &[Rgb]) -> Vec<Rgb> {
    const COUNT: usize = 6;
    let base: Vec<Rgb> = if theme.is_empty() {
        vec![(0x1c, 0x3f, 0x5e)]
    } else {
        theme.iter().map(|c| usable_form(*c)).collect()
    };
    let mut chosen: Vec<Rgb> = base.iter().copied().take(COUNT).collect();
    let mut candidates = Vec::new();
    for c in &base {
        for step in 1..=95 {
            candidates.push(mix(*c, (255, 255, 255), f64::from(step) * 0.01));
        }
    }
    candidates.retain(|c| usable(*c));
    candidates.sort_by(|a, b| luma(*a).total_cmp(&luma(*b)));
    // The tints that keep the largest least gap in lightness from each
    // other and from the theme's colours (the largest gap for which a sweep
    // from dark to light still finds enough of them), ...
    let wanted = COUNT.saturating_sub(chosen.len());
    let sweep = |gap: f64| {
        let mut picked: Vec<Rgb> = Vec::new();
        for c in &candidates {
            if picked.len() == wanted {
                break;
            }
            if chosen
                .iter()
                .chain(picked.iter())
                .all(|k| (luma(*k) - luma(*c)).abs() >= gap)
            {
                picked.push(*c);
            }
        }
        picked
    };
    let (mut low, mut high) = (0.0, 255.0);
    for _ in 0..40 {
        let mid = (low + high) / 2.0;
        if sweep(mid).len() == wanted {
            low = mid;
        } else {
            high = mid;
        }
    }
    let mut picked = sweep(low);
    // ... in the order that puts each next one farthest in lightness from
    // those before it.
    while !picked.is_empty() {
        let distance = |c: &Rgb| {
            chosen
                .iter()
                .map(|k| (luma(*k) - luma(*c)).abs())
                .fold(f64::INFINITY, f64::min)
        };
        let mut best = 0;
        for i in 1..picked.len() {
            if distance(&picked[i]) > distance(&picked[best]) + 1e-9 {
                best = i;
            }
        }
        chosen.push(picked.remove(best));
    }
    // A theme of one colour whose tints are used up repeats them.
    let mut i = 0;
    while chosen.len() < COUNT {
        chosen.push(chosen[i]);
        i += 1;
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

    const THEMES: [&[Rgb]; 5] = [
        &[(0x1c, 0x3f, 0x5e), (0xe8, 0x83, 0x3a)],
        &[(0x00, 0x66, 0x33), (0xcc, 0x00, 0x33)],
        &[(0x33, 0x33, 0x99)],
        // A pale accent and a primary that is nearly black.
        &[(0x10, 0x10, 0x10), (0xff, 0xe6, 0x00)],
        &[],
    ];

    #[test]
    fn six_series_stay_apart_in_greyscale() {
        for theme in &THEMES[..3] {
            let colours = palette(theme);
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

    #[test]
    fn every_series_colour_shows_on_white_paper_and_is_not_black() {
        for theme in THEMES {
            for c in palette(theme) {
                assert!(
                    contrast_on_white(c) >= MIN_CONTRAST,
                    "{theme:?}: {} has contrast {:.2} on white",
                    hex(c),
                    contrast_on_white(c)
                );
                assert!(luma(c) >= DARKEST, "{theme:?}: {} reads as black", hex(c));
            }
        }
    }

    #[test]
    fn series_colours_are_tints_of_the_theme_not_shades_or_greys() {
        // A tint of a colour keeps its hue and moves every channel towards
        // white: each channel is at least the theme colour's, and the gaps
        // between channels shrink in proportion.
        let theme = [(0x1c, 0x3f, 0x5e), (0xe8, 0x83, 0x3a)];
        for c in &palette(&theme)[2..] {
            let of_theme = theme.iter().any(|k| {
                let t = (f64::from(c.2) - f64::from(k.2)) / (255.0 - f64::from(k.2));
                let back = mix(*k, (255, 255, 255), t);
                [(back.0, c.0), (back.1, c.1), (back.2, c.2)]
                    .iter()
                    .all(|(a, b)| (i32::from(*a) - i32::from(*b)).abs() <= 2)
            });
            assert!(of_theme, "{} is not a tint of a theme colour", hex(*c));
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast_on_white((0, 0, 0)) - 21.0).abs() < 1e-9);
        assert!((contrast_on_white((255, 255, 255)) - 1.0).abs() < 1e-9);
    }
}
