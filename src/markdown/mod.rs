//! Markdown chapter text to Typst markup. Every character of the text prints
//! as itself (`#`, `$`, `@`, `<b>`, `//` are escaped; straight quotes become
//! the edition's typographic ones); structure becomes Typst function calls;
//! `{{table:ID}}`-style markers place tables and figures; `{{group.name}}`
//! inserts a data value in the edition's format; `[passage]{lang=de}` sets a
//! passage in another language.
//!
//! The parts: [`blocks`] (headings, paragraphs, lists, quotes, code,
//! rules, raw HTML), [`inlines`] (text runs, emphasis, links, code),
//! [`tables`] (pipe tables) and [`captions`] (the words that open their
//! captions), [`footnotes`], [`markers`] (`{{...}}`),
//! [`spans`] (passages in another language), [`islands`] (Latin runs in
//! right-to-left text), [`autolinks`] (bare web addresses as links),
//! [`quotes`] (quotations closed by a straight quote),
//! [`html`] (the raw HTML rule) and [`escape`] (text to Typst).
//!
//! What cannot be printed faithfully is refused with the Markdown file, line
//! and column and what to write instead: images (described in
//! `figures/ID.toml`), headings deeper than `####`, empty headings, links
//! without an address, footnotes without a definition or a reference, an
//! unclosed HTML comment.

mod autolinks;
mod blocks;
mod captions;
mod escape;
mod footnotes;
mod html;
mod inlines;
mod islands;
mod markers;
mod quotes;
mod spans;
mod tables;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, TagEnd};

use crate::base::diag::Diagnostics;
use crate::base::source::SourceFile;

pub use captions::CaptionWords;
pub use escape::{escape_markup, escape_prose, string_literal};
pub use markers::{data_references, replace_references, MarkerError};

use blocks::ListStyle;
use footnotes::Footnote;

/// What a placement marker asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    Table(String),
    Figure(String),
    Components,
    Links,
}

/// Supplies what the text refers to: Typst code for placed elements and
/// formatted values for references. Errors print as messages for the
/// author (the converter adds the file, line and column).
pub trait Resolver {
    /// Why a placement or a reference names nothing.
    type Error: std::fmt::Display;
    /// The Typst code that places a table, figure or list; `in_lead`: the
    /// marker stands in the chapter's opening, within about the first page
    /// of its text (a figure placed there never floats above that text).
    fn place(&mut self, placement: &Placement, in_lead: bool) -> Result<String, Self::Error>;
    /// The formatted value of a data reference (`population.total`).
    fn value(&mut self, path: &str) -> Result<String, Self::Error>;
    /// The edition's direction: in a right-to-left edition Latin names and
    /// references in its sentences are set as left-to-right islands.
    fn direction(&self) -> crate::base::bidi::Direction {
        crate::base::bidi::Direction::LeftToRight
    }
    /// The digits the chapter's right-to-left sentences print their own
    /// numbers in when they are not Latin (an Arabic chapter of an edition
    /// with `digits = "arab"`): Latin digits typed in them are written in
    /// these (see `bidi::sentence_digits`). `None`: as typed.
    fn digits(&self) -> Option<[char; 10]> {
        None
    }
    /// The words that open a table's caption (`Table:` and those of the
    /// profile's declared languages).
    fn caption_words(&self) -> CaptionWords {
        CaptionWords::english()
    }
    /// The number of the next captioned Markdown table ("Table N:"), counted
    /// with the profile's numbered tables in the order the edition prints
    /// them; `None` leaves the numbering to the template (Typst's counter).
    fn next_table_number(&mut self) -> Option<u32> {
        None
    }
}

/// A converted chapter.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvertedChapter {
    /// The chapter title (the `# ` heading) as plain text.
    pub title: String,
    /// The title as Typst markup when it carries footnotes (their marks
    /// and notes print on the chapter opener only, not in the contents or
    /// the bookmark); `None` for a title of plain text.
    pub title_markup: Option<String>,
    /// Typst markup of everything after the title.
    pub body: String,
    /// Where each top-level block of `body` comes from: (byte offset in
    /// `body`, byte offset in the Markdown), in order.
    pub source_map: Vec<(usize, usize)>,
    /// The chapter's section headings of the contents (`##` and `###`, at
    /// their levels in the document), in order.
    pub sections: Vec<Section>,
}

/// A section heading as the contents list it, known before the layout so
/// that the contents take the same room in every layout pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// 2 or 3: the heading's level in the document (`##`, `###`).
    pub level: u8,
    /// The heading's label in the chapter's body (`heading-CHAPTER-N`),
    /// which the contents locate for its page number.
    pub label: String,
    /// The heading's text as Typst markup, without its footnotes (they
    /// print where the heading stands).
    pub markup: String,
}

/// The Markdown syntax a chapter may use: CommonMark with footnotes,
/// strikethrough (`~~gone~~`) and pipe tables.
fn parser_options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES
}

/// Whether an element's end closes an inline element (emphasis, a link, ...),
/// whose content belongs to the block around it; every other element is a
/// block. `Tag::to_end` gives the end of a start.
pub(crate) fn is_inline_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The state of one chapter's conversion.
struct Converter<'a, R: Resolver> {
    file: &'a SourceFile,
    events: Vec<(Event<'a>, Range<usize>)>,
    resolver: &'a mut R,
    diags: Diagnostics,
    /// A name for labels, unique per chapter of an edition (the file name).
    chapter_key: String,
    footnotes: HashMap<String, Footnote>,
    /// Event index of each list start -> its style.
    list_styles: HashMap<usize, ListStyle>,
    /// Text events whose first bytes are to be dropped (a written list
    /// marker, the `Table:` or `Tabelle:` of a table caption).
    strip_prefix: HashMap<usize, usize>,
    /// Event index of a table start -> the event range of its caption.
    table_captions: HashMap<usize, Range<usize>>,
    /// Paragraphs (event index of their start) that are table captions.
    caption_paragraphs: HashSet<usize>,
    /// The words that open a table's caption.
    captions: CaptionWords,
    title: Option<String>,
    /// The level of the last heading, for keeping levels consecutive.
    last_heading_level: u8,
    /// (offset in the top-level output, offset in the Markdown) per block.
    source_map: Vec<(usize, usize)>,
    /// The label of the heading being rendered, if any: footnotes in it
    /// are printed only where the heading itself stands.
    in_heading: Option<String>,
    /// Rendering the chapter title: its footnotes print only on the page
    /// of the chapter's own heading (the opener).
    in_title: bool,
    /// The title's markup, when it has footnotes.
    title_markup: Option<String>,
    /// How many labelled headings the chapter has so far.
    headings_labelled: usize,
    /// Where the chapter's text starts in the Markdown (after its title).
    text_start: usize,
    /// The footnote marks of the heading being rendered, as written into
    /// it (the contents list the heading without them).
    heading_notes: Vec<String>,
    /// The section headings of the contents so far.
    sections: Vec<Section>,
    /// The language of each `[passage]{lang=…}` span, by number.
    span_languages: Vec<spans::SpanLanguage>,
}

/// The deepest nesting of blocks and inline elements (lists, items,
/// quotes, emphasis, links) a chapter may have. The conversion walks nested
/// elements recursively, and so does Typst; without a bound, a text nested
/// some thousands of levels deep (`> - > - …`) would exhaust the stack.
pub const DEEPEST_NESTING: usize = 64;

/// The offset of the first element nested deeper than [`DEEPEST_NESTING`].
fn too_deeply_nested(events: &[(Event, Range<usize>)]) -> Option<usize> {
    let mut depth = 0usize;
    for (event, span) in events {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > DEEPEST_NESTING {
                    return Some(span.start);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Converts one chapter's Markdown to Typst markup.
pub fn convert<R: Resolver>(
    file: &SourceFile,
    resolver: &mut R,
) -> Result<(ConvertedChapter, Diagnostics), Diagnostics> {
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(&file.text, parser_options())
        .into_offset_iter()
        .collect();
    let events = autolinks::link_bare_addresses(events, &file.text);
    if let Some(at) = too_deeply_nested(&events) {
        let mut diags = Diagnostics::new();
        diags.push(file.error(
            at,
            format!("lists, quotes or emphasis are nested more than {DEEPEST_NESTING} levels deep here: no reader follows that; write the passage with fewer levels"),
        ));
        return Err(diags);
    }
    let chapter_key = escape::label_name(
        &file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let captions = resolver.caption_words();
    let mut converter = Converter {
        file,
        captions,
        events,
        resolver,
        diags: Diagnostics::new(),
        chapter_key,
        footnotes: HashMap::new(),
        list_styles: HashMap::new(),
        strip_prefix: HashMap::new(),
        table_captions: HashMap::new(),
        caption_paragraphs: HashSet::new(),
        title: None,
        last_heading_level: 1,
        source_map: Vec::new(),
        in_heading: None,
        in_title: false,
        title_markup: None,
        headings_labelled: 0,
        text_start: 0,
        heading_notes: Vec::new(),
        sections: Vec::new(),
        span_languages: Vec::new(),
    };
    converter.scan();
    let end = converter.events.len();
    let body = converter.render(0..end, true);
    converter.report_unreferenced_footnotes();
    let title = converter.title.take();
    let title_markup = converter.title_markup.take();
    let sections = std::mem::take(&mut converter.sections);
    let mut diags = converter.diags;
    let trimmed_start = body.len() - body.trim_start().len();
    let source_map = converter
        .source_map
        .iter()
        .map(|&(out, markdown)| (out.saturating_sub(trimmed_start), markdown))
        .collect();
    let Some(title) = title else {
        diags.push(file.error(
            0,
            "the chapter has no title: start the file with a `# Title` line",
        ));
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((
        ConvertedChapter {
            title,
            title_markup,
            body: body.trim().to_string() + "\n",
            source_map,
            sections,
        },
        diags,
    ))
}

impl<R: Resolver> Converter<'_, R> {
    /// Finds footnote definitions, lists written with `a)` / `(1)` markers,
    /// table captions, language spans and, in a right-to-left edition, the
    /// left-to-right islands, before anything is rendered.
    fn scan(&mut self) {
        self.scan_control_characters();
        self.scan_mixed_quotes();
        self.scan_footnotes();
        self.scan_lists();
        self.scan_table_captions();
        self.scan_language_spans();
        self.scan_latin_islands();
    }

    /// Control characters (other than tabs and line breaks) cannot be
    /// printed: whether typed or written as an entity (`&#7;`), they are
    /// refused rather than dropped.
    fn scan_control_characters(&mut self) {
        let mut found = Vec::new();
        for (event, span) in &self.events {
            if let Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) = event {
                if let Some(c) = t
                    .chars()
                    .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                {
                    let at = self.file.text[span.clone()]
                        .find(c)
                        .map_or(span.start, |k| span.start + k);
                    found.push((at, c));
                }
            }
        }
        for (at, c) in found {
            self.error(
                at,
                format!("this text has the control character U+{:04X}, which cannot be printed: delete it", c as u32),
            );
        }
    }

    /// Index of the event closing the element that starts at `start`.
    fn matching_end(&self, start: usize) -> usize {
        let mut depth = 0usize;
        for (i, (event, _)) in self.events.iter().enumerate().skip(start) {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
        }
        self.events.len()
    }

    /// Index of the event opening the element that ends at `end`.
    fn matching_start(&self, end: usize) -> usize {
        let mut depth = 0usize;
        for i in (0..=end).rev() {
            match self.events[i].0 {
                Event::End(_) => depth += 1,
                Event::Start(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
        }
        0
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let d = self.file.error(offset, message);
        self.diags.push(d);
    }

    /// Rewrites text events: each edit replaces a byte range of one text
    /// event's text (an empty range inserts). Edits must not overlap; two at
    /// the same place land in the order given.
    fn edit_text_events(&mut self, mut edits: Vec<(usize, Range<usize>, String)>) {
        // Stable: the order given is kept at equal places.
        edits.sort_by_key(|(event, range, _)| (*event, range.start));
        let mut k = 0;
        while k < edits.len() {
            let event = edits[k].0;
            let Event::Text(t) = &self.events[event].0 else {
                k += 1;
                continue;
            };
            let mut text = String::with_capacity(t.len() + 8);
            let mut copied = 0;
            while k < edits.len() && edits[k].0 == event {
                let (_, range, replacement) = &edits[k];
                text.push_str(&t[copied..range.start]);
                text.push_str(replacement);
                copied = range.end;
                k += 1;
            }
            text.push_str(&t[copied..]);
            self.events[event].0 = Event::Text(CowStr::from(text));
        }
    }

    /// A problem that the final print run (`--strict`) refuses and an
    /// ordinary build only reports: a placeholder, text that looks like a
    /// marker.
    fn print_run_problem(&mut self, offset: usize, message: String) {
        let d = self.file.print_run_gap(offset, message);
        self.diags.push(d);
    }

    /// Converts the events in `range`; `top` is true for the chapter body.
    fn render(&mut self, range: Range<usize>, top: bool) -> String {
        let mut out = String::new();
        let mut i = range.start;
        while i < range.end {
            if top {
                self.source_map.push((out.len(), self.events[i].1.start));
            }
            i = match self.events[i].0 {
                Event::Start(_) => self.render_element(i, top, &mut out),
                Event::End(_) => i + 1,
                Event::Text(_) => self.render_text_run(i, range.end, &mut out),
                Event::FootnoteReference(_) => self.footnote_run(i, range.end, &mut out),
                _ => {
                    self.render_leaf(i, &mut out);
                    i + 1
                }
            };
        }
        out
    }
}

#[cfg(test)]
mod tests;
