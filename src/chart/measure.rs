//! Text measurement for chart layout: the width of a label as Typst will
//! set it, from the same embedded fonts, shaped with `rustybuzz` (the shaper
//! Typst itself uses), with the same font fallback order as the edition
//! (Noto Sans Arabic first in right-to-left editions). The chart's layout
//! (label columns, wrapping, room for ticks and values) is decided from
//! these widths; Typst then sets the labels.

use std::sync::OnceLock;

use rustybuzz::{Face, UnicodeBuffer};

use crate::base::assets;
use crate::base::bidi::Direction;

/// The font families charts set their text in, in fallback order.
pub fn font_families(direction: Direction) -> [&'static str; 2] {
    if direction.is_right_to_left() {
        ["Noto Sans Arabic", "Noto Sans"]
    } else {
        ["Noto Sans", "Noto Sans Arabic"]
    }
}

struct Faces {
    latin: [Face<'static>; 2],
    arabic: [Face<'static>; 2],
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| {
        let face = |name: &str| {
            let bytes = assets::FONTS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| *b)
                .unwrap_or_else(|| panic!("{name} is embedded"));
            Face::from_slice(bytes, 0).unwrap_or_else(|| panic!("{name} is a valid font"))
        };
        Faces {
            latin: [face("NotoSans-Regular.ttf"), face("NotoSans-Bold.ttf")],
            arabic: [
                face("NotoSansArabic-Regular.ttf"),
                face("NotoSansArabic-Bold.ttf"),
            ],
        }
    })
}

/// Characters that take no room: direction marks and isolates.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// How a label is set: size in points, weight, the edition's direction
/// (which decides the font fallback order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
    pub direction: Direction,
}

impl Font {
    /// The width of one line of text in points.
    pub fn width(&self, text: &str) -> f64 {
        let faces = faces();
        let weight = usize::from(self.bold);
        let order: [&Face; 2] = if self.direction.is_right_to_left() {
            [&faces.arabic[weight], &faces.latin[weight]]
        } else {
            [&faces.latin[weight], &faces.arabic[weight]]
        };
        // Split the text into runs set in one font: each character in the
        // first font that has it, as Typst's font fallback does.
        let mut total = 0.0;
        let mut run = String::new();
        let mut run_font: Option<usize> = None;
        let mut flush = |run: &mut String, font: Option<usize>| {
            if run.is_empty() {
                return;
            }
            match font {
                Some(i) => total += shaped_width(order[i], run) * self.size,
                // No embedded font has it: Typst falls back further; count
                // an average glyph.
                None => total += run.chars().count() as f64 * 0.6 * self.size,
            }
            run.clear();
        };
        for c in text.chars().filter(|c| !invisible(*c)) {
            let font = if c == ' ' {
                run_font.or(Some(0))
            } else {
                order.iter().position(|f| f.glyph_index(c).is_some())
            };
            if font != run_font && !run.is_empty() {
                flush(&mut run, run_font);
            }
            run_font = font;
            run.push(c);
        }
        flush(&mut run, run_font);
        total
    }

    /// Breaks a text into lines no wider than `width` points, at spaces;
    /// a word longer than the width stays whole on its own line.
    pub fn wrap(&self, text: &str, width: f64) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if !current.is_empty() && self.width(&candidate) > width {
                lines.push(std::mem::take(&mut current));
                current = word.to_string();
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() || lines.is_empty() {
            lines.push(current);
        }
        lines
    }

    /// The width of the widest of several lines.
    pub fn max_width<S: AsRef<str>>(&self, lines: &[S]) -> f64 {
        lines
            .iter()
            .map(|l| self.width(l.as_ref()))
            .fold(0.0, f64::max)
    }
}

/// The advance width of a run in em.
fn shaped_width(face: &Face, text: &str) -> f64 {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let glyphs = rustybuzz::shape(face, &[], buffer);
    let advance: i64 = glyphs
        .glyph_positions()
        .iter()
        .map(|p| i64::from(p.x_advance))
        .sum();
    advance as f64 / f64::from(face.units_per_em())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LATIN: Font = Font {
        size: 10.0,
        bold: false,
        direction: Direction::LeftToRight,
    };

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = LATIN.width("100%");
        let b = LATIN.width("60,000");
        assert!(a > 15.0 && a < 30.0, "{a}");
        assert!(b > a);
        let big = Font {
            size: 20.0,
            ..LATIN
        };
        assert!((big.width("100%") - 2.0 * a).abs() < 1e-9);
        assert_eq!(LATIN.width("\u{2068}100%\u{2069}"), a);
    }

    #[test]
    fn arabic_is_measured_in_the_arabic_font() {
        let rtl = Font {
            direction: Direction::RightToLeft,
            ..LATIN
        };
        let w = rtl.width("قطاع الخدمات");
        assert!(w > 30.0 && w < 80.0, "{w}");
        // Latin punctuation falls back to the Latin font, not to an estimate.
        assert!(rtl.width("(بالسنوات)") > rtl.width("بالسنوات"));
    }

    #[test]
    fn labels_wrap_at_spaces() {
        let lines = LATIN.wrap("Serbia and Montenegro (formerly)", 70.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), "Serbia and Montenegro (formerly)");
        assert!(lines
            .iter()
            .all(|l| LATIN.width(l) <= 70.0 || !l.contains(' ')));
    }
}
