//! Reading built PDFs back in the tests with hayro (the PDF reader Typst
//! itself links, so the tests need no outside tool): the words of each page
//! with their boxes, the text line by line, the raster images drawn; the
//! objects, information dictionary, fonts, outline, boxes and a rendered
//! pixel in [`objects`].
//!
//! Words follow the rules of poppler's text output, which the tests were
//! first written against: a word ends at a space character, at a gap wider
//! than a tenth of the font size, where the baseline moves by more than half
//! a point or where the font size changes; its box runs from the first
//! glyph's origin to the last glyph's advance and from the font's ascender
//! to its descender (OpenType `hhea`), in points from the top left corner of
//! the page; a span with `/ActualText` (Typst's hyphen at a line break,
//! `U+00AD`) reads as that text. Unlike poppler, a mark without advance
//! (Arabic harakat) stays in the word it stands over, a right-to-left word
//! is given in logical order, and a line whose letters are mostly
//! right-to-left reads its words from the right. Checked against
//! `pdftotext -bbox` on every edition of the sample profile and of the
//! fixtures: in Latin script the same words with the same boxes (within
//! 0.01 pt).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use hayro::hayro_interpret::font::Glyph;
use hayro::hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache,
    InterpreterSettings, Paint, PathDrawMode, SoftMask, TransformExt,
};
use hayro::hayro_syntax::Pdf;
use kurbo::{Affine, BezPath, Point, Rect};

mod objects;

pub use objects::*;

/// A word on a page, in points from the page's top left corner (`x0` left,
/// `y0` top, `x1` right, `y1` bottom), its text in logical order.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Word {
    /// The height of the word's box (the font's ascender to its descender),
    /// in points.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

/// A page: its size in points (the crop box) and its words in the order
/// the content stream draws them.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

impl Page {
    /// The page's words joined by spaces, in the order they are drawn.
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Opens a PDF; panics with the path when it cannot be read or parsed.
pub fn open(pdf: &Path) -> Pdf {
    let bytes = std::fs::read(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    Pdf::new(Arc::new(bytes)).unwrap_or_else(|e| panic!("{}: not a PDF: {e:?}", pdf.display()))
}

/// One glyph drawn on a page: its text (from the font's ToUnicode map),
/// its origin's and advance's x, its baseline, top and bottom, in points
/// from the page's top left corner, and its font size.
#[derive(Debug, Clone)]
struct DrawnGlyph {
    text: String,
    x0: f64,
    x1: f64,
    base: f64,
    top: f64,
    bottom: f64,
    size: f64,
}

/// Collects what a page draws: glyphs (a span with `/ActualText` as one
/// glyph of that text) and raster images.
#[derive(Default)]
struct Collector {
    glyphs: Vec<DrawnGlyph>,
    /// The `/ActualText` of each marked-content sequence of the page's
    /// content stream, in the order they begin (`None`: it has none).
    actual_texts: Vec<Option<String>>,
    /// How many marked-content sequences have begun.
    begun: usize,
    /// The open sequences: their `/ActualText` and the first glyph inside.
    open: Vec<(Option<String>, usize)>,
    /// Raster images drawn: width and height in pixels.
    images: Vec<(u32, u32)>,
    /// The ascender and descender (in 1000 units per em) by font.
    metrics: HashMap<u128, (f64, f64)>,
}

/// A font's ascender and descender in units of 1/1000 em, from its `hhea`
/// table; poppler's defaults (0.95, -0.35 em) for a font without one.
fn font_metrics(glyph: &Glyph<'_>) -> (f64, f64) {
    let Glyph::Outline(outline) = glyph else {
        return (950.0, -350.0);
    };
    outline
        .font_data()
        .and_then(|data| {
            let face = ttf_parser::Face::parse((*data.data).as_ref(), 0).ok()?;
            let per_em = f64::from(face.units_per_em());
            Some((
                f64::from(face.ascender()) * 1000.0 / per_em,
                f64::from(face.descender()) * 1000.0 / per_em,
            ))
        })
        .unwrap_or((950.0, -350.0))
}

impl<'a> Device<'a> for Collector {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph(
        &mut self,
        glyph: &Glyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        let Some(text) = glyph.as_unicode() else {
            return;
        };
        let text = match text {
            hayro::hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
            hayro::hayro_interpret::hayro_cmap::BfString::String(s) => s,
        };
        let (key, advance) = match glyph {
            Glyph::Outline(o) => (o.font_cache_key(), o.advance_width().unwrap_or(0.0)),
            Glyph::Type3(_) => (0, 0.0),
        };
        let (ascent, descent) = *self
            .metrics
            .entry(key)
            .or_insert_with(|| font_metrics(glyph));
        // Glyph space: 1000 units an em, y up.
        let to_page = transform * glyph_transform;
        let at = |x: f64, y: f64| to_page * Point::new(x, y);
        let origin = at(0.0, 0.0);
        let end = at(f64::from(advance), 0.0);
        let size = (at(0.0, 1000.0) - origin).hypot();
        self.glyphs.push(DrawnGlyph {
            text,
            x0: origin.x.min(end.x),
            x1: origin.x.max(end.x),
            base: origin.y,
            top: at(0.0, ascent).y,
            bottom: at(0.0, descent).y,
            size,
        });
    }
    fn draw_image(&mut self, image: Image<'a, '_>, _: Affine) {
        if let Image::Raster(raster) = image {
            self.images.push((raster.width(), raster.height()));
        }
    }
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
    fn begin_marked_content(&mut self, _: &[u8], _: Option<i32>) {
        let actual = self.actual_texts.get(self.begun).cloned().flatten();
        self.begun += 1;
        self.open.push((actual, self.glyphs.len()));
    }
    fn end_marked_content(&mut self) {
        let Some((Some(text), start)) = self.open.pop() else {
            return;
        };
        if start >= self.glyphs.len() {
            return;
        }
        let inside: Vec<DrawnGlyph> = self.glyphs.drain(start..).collect();
        let first = &inside[0];
        self.glyphs.push(DrawnGlyph {
            text,
            x0: inside.iter().map(|g| g.x0).fold(f64::INFINITY, f64::min),
            x1: inside
                .iter()
                .map(|g| g.x1)
                .fold(f64::NEG_INFINITY, f64::max),
            base: first.base,
            top: inside.iter().map(|g| g.top).fold(f64::INFINITY, f64::min),
            bottom: inside
                .iter()
                .map(|g| g.bottom)
                .fold(f64::NEG_INFINITY, f64::max),
            size: first.size,
        });
    }
}

/// The `/ActualText` of each marked-content sequence (`BMC`, `BDC`) of a
/// page's content stream, in order.
fn actual_texts(page: &hayro::hayro_syntax::page::Page<'_>) -> Vec<Option<String>> {
    use hayro::hayro_syntax::content::ops::TypedInstruction;
    let mut texts = Vec::new();
    let mut operations = page.typed_operations();
    while let Some(op) = operations.next() {
        match op {
            TypedInstruction::BeginMarkedContent(_) => texts.push(None),
            TypedInstruction::BeginMarkedContentWithProperties(bdc) => texts.push(
                bdc.1
                    .clone()
                    .into_dict()
                    .and_then(|d| d.get::<hayro::hayro_syntax::object::String<'_>>(b"ActualText"))
                    .map(|t| text_string(t.as_bytes())),
            ),
            _ => {}
        }
    }
    texts
}

/// Runs a page's content through a [`Collector`]; the page's size in points.
fn collect(pdf: &Pdf, index: usize) -> ((f64, f64), Collector) {
    let page = &pdf.pages()[index];
    let (width, height) = page.render_dimensions();
    let cache = InterpreterCache::new();
    let mut context = Context::new(
        page.initial_transform(true).to_kurbo(),
        Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
        &cache,
        pdf.xref(),
        InterpreterSettings::default(),
    );
    let mut collector = Collector {
        actual_texts: actual_texts(page),
        ..Collector::default()
    };
    interpret_page(page, &mut context, &mut collector);
    // Marked content inside a form would shift the count: refuse to guess.
    assert_eq!(
        collector.begun,
        collector.actual_texts.len(),
        "page {}: marked content the reading cannot match to its /ActualText",
        index + 1
    );
    ((f64::from(width), f64::from(height)), collector)
}

/// Whether a character is written right to left (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko and their presentation forms).
fn is_rtl(c: char) -> bool {
    matches!(c, '\u{590}'..='\u{8ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

/// Characters that are part of no word: zero-width spaces, bidi marks and isolates.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2060}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// A word being built: its glyphs in drawing order, whether a space
/// follows it on its line.
struct RawWord {
    glyphs: Vec<DrawnGlyph>,
    space_after: bool,
}

impl RawWord {
    fn last(&self) -> &DrawnGlyph {
        self.glyphs.last().unwrap()
    }

    /// The last glyph with an advance (the last one when all are marks).
    fn advancing(&self) -> &DrawnGlyph {
        self.glyphs
            .iter()
            .rev()
            .find(|g| !zero_width(g))
            .unwrap_or_else(|| self.last())
    }

    fn word(&self) -> Word {
        let strong = self
            .glyphs
            .iter()
            .flat_map(|g| g.text.chars())
            .find(|c| c.is_alphabetic());
        // Glyphs are drawn left to right: a right-to-left word's come in
        // visual order.
        let text: String = if strong.is_some_and(is_rtl) {
            self.glyphs.iter().rev().map(|g| g.text.as_str()).collect()
        } else {
            self.glyphs.iter().map(|g| g.text.as_str()).collect()
        };
        // The box around all the glyphs' boxes.
        let (x0, y0, x1, y1) = self.glyphs.iter().fold(
            (
                f64::INFINITY,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NEG_INFINITY,
            ),
            |(x0, y0, x1, y1), g| (x0.min(g.x0), y0.min(g.top), x1.max(g.x1), y1.max(g.bottom)),
        );
        Word {
            text: text.chars().filter(|c| !is_invisible(*c)).collect(),
            x0,
            y0,
            x1,
            y1,
        }
    }
}

/// Whether a glyph has no advance (a mark set over its base).
fn zero_width(glyph: &DrawnGlyph) -> bool {
    glyph.x1 - glyph.x0 < 0.01
}

/// Groups glyphs into words by poppler's rules (see the module's comment).
/// A mark without advance joins the word it stands over, and its text is
/// dropped where the font maps it, like its base, to the whole cluster.
fn raw_words(glyphs: Vec<DrawnGlyph>) -> Vec<RawWord> {
    let same_cluster = |a: &DrawnGlyph, b: &DrawnGlyph| {
        a.text == b.text && a.text.chars().count() > 1 && (zero_width(a) || zero_width(b))
    };
    let mut kept: Vec<DrawnGlyph> = Vec::with_capacity(glyphs.len());
    for (i, glyph) in glyphs.iter().enumerate() {
        let duplicate = zero_width(glyph)
            && (glyphs.get(i + 1).is_some_and(|n| same_cluster(glyph, n))
                || i.checked_sub(1)
                    .is_some_and(|p| same_cluster(glyph, &glyphs[p])));
        if !duplicate {
            kept.push(glyph.clone());
        }
    }
    let mut words: Vec<RawWord> = Vec::new();
    let mut open = false;
    for glyph in kept {
        let blank = glyph
            .text
            .chars()
            .all(|c| c.is_whitespace() || is_invisible(c));
        let is_space = glyph.text.chars().any(char::is_whitespace);
        if blank {
            if is_space {
                if let Some(last) = words.last_mut() {
                    last.space_after = true;
                }
                open = false;
            }
            continue;
        }
        if open {
            let last = words.last_mut().unwrap();
            let prev = last.advancing();
            let gap = glyph.x0 - prev.x1;
            let same_base = (glyph.base - prev.base).abs() <= 0.5;
            let joins = if zero_width(&glyph) {
                (glyph.base - prev.base).abs() < 0.5 * prev.size
                    && glyph.x0 >= last.glyphs[0].x0.min(prev.x0) - 0.2 * prev.size
                    && gap <= 0.5 * prev.size
            } else {
                same_base
                    && (glyph.size - prev.size).abs() < 0.01
                    && gap <= 0.1 * prev.size
                    && gap >= -0.2 * prev.size
            };
            if joins {
                last.glyphs.push(glyph);
                continue;
            }
            last.space_after = gap > 0.1 * prev.size || gap < -0.2 * prev.size;
        }
        words.push(RawWord {
            glyphs: vec![glyph],
            space_after: false,
        });
        open = true;
    }
    words
}

/// Every page of a PDF with its words (see the module's comment).
/// Invisible characters (zero-width spaces, bidi isolates and marks) are
/// left out of the words, and words of nothing else are dropped.
pub fn bbox_pages(pdf: &Path) -> Vec<Page> {
    let document = open(pdf);
    (0..document.pages().len())
        .map(|index| {
            let ((width, height), collected) = collect(&document, index);
            let words = raw_words(collected.glyphs)
                .iter()
                .map(RawWord::word)
                .filter(|w| !w.text.trim().is_empty())
                .collect();
            Page {
                width,
                height,
                words,
            }
        })
        .collect()
}

/// The lines of a page's text: words that follow each other on one
/// baseline, in drawing order, joined by a space where there is one; a
/// line whose letters are mostly right-to-left reads its words from right
/// to left (a run of left-to-right words keeps its order inside).
fn page_lines(words: &[RawWord]) -> Vec<String> {
    let mut lines: Vec<Vec<(String, bool)>> = Vec::new();
    let mut previous: Option<&RawWord> = None;
    for word in words {
        let text = word.word().text;
        let same_line = previous.is_some_and(|p| {
            let (a, b) = (p.last(), &word.glyphs[0]);
            (b.base - a.base).abs() < 0.5 * a.size.max(b.size) && b.x0 > a.x1 - 0.2 * a.size
        });
        if !same_line || lines.is_empty() {
            lines.push(Vec::new());
        }
        if !text.is_empty() {
            lines.last_mut().unwrap().push((text, word.space_after));
        }
        previous = Some(word);
    }
    lines.into_iter().map(|line| join_line(&line)).collect()
}

/// Joins a line's words (in left-to-right order, each with whether a space
/// follows it) in reading order.
fn join_line(line: &[(String, bool)]) -> String {
    let count = |rtl: bool| {
        line.iter()
            .flat_map(|(t, _)| t.chars())
            .filter(|c| c.is_alphabetic() && is_rtl(*c) == rtl)
            .count()
    };
    let glue = |items: &[(String, bool)]| {
        let mut out = String::new();
        for (i, (text, space)) in items.iter().enumerate() {
            out.push_str(text);
            if *space && i + 1 < items.len() {
                out.push(' ');
            }
        }
        out
    };
    if count(true) <= count(false) {
        return glue(line);
    }
    // Right to left: runs of words without right-to-left letters keep their
    // order, the runs and the other words are read from the right.
    let mut runs: Vec<Vec<(String, bool)>> = Vec::new();
    let mut last_ltr = false;
    for (text, space) in line {
        let ltr = !text.chars().any(is_rtl);
        if !(ltr && last_ltr) {
            runs.push(Vec::new());
        }
        runs.last_mut().unwrap().push((text.clone(), *space));
        last_ltr = ltr;
    }
    runs.iter()
        .rev()
        .map(|r| glue(r))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of each page: its lines (see [`page_lines`]) joined by line
/// breaks.
pub fn page_texts(pdf: &Path) -> Vec<String> {
    let document = open(pdf);
    (0..document.pages().len())
        .map(|index| {
            let (_, collected) = collect(&document, index);
            let mut text = page_lines(&raw_words(collected.glyphs)).join("\n");
            text.push('\n');
            text
        })
        .collect()
}

/// The raster images each page draws (a soft mask is part of its image):
/// width and height in pixels, by page.
pub fn page_images(pdf: &Path) -> Vec<Vec<(u32, u32)>> {
    let document = open(pdf);
    (0..document.pages().len())
        .map(|index| collect(&document, index).1.images)
        .collect()
}
