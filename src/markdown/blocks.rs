//! Block structure: the chapter title, headings, paragraphs (and lone
//! placement markers), lists (with written `a)` / `(1)` numbering), block
//! quotes, code blocks, thematic breaks and HTML blocks.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag};

use super::escape::{escape_markup, string_literal};
use super::html::strip_comments;
use super::markers::{parse_marker, split_markers, Marker};
use super::{Converter, Resolver};
use crate::base::bidi;

/// How a list is numbered.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ListStyle {
    Bullets,
    /// An ordered list (`1.` or `1)`): its first number and whether its
    /// markers end with a parenthesis, which the printed numbers keep.
    Numbers {
        start: u64,
        parenthesis: bool,
    },
    /// Items written `a) ...` / `(1) ...`: the numbering pattern.
    Written {
        numbering: &'static str,
    },
}

/// The longest paragraph (in characters, about three lines of body text)
/// that is kept on the page of the list, table or figure it introduces.
const LEAD_IN_LENGTH: usize = 300;

/// How many characters of Markdown after a chapter's title count as its
/// opening: a full first page of text is about 4,000 characters (45 lines
/// of 90), and figures or tables before a marker only make the page hold
/// less text, so a marker past this point never stands on the chapter's
/// first page.
const OPENING_CHARACTERS: usize = 4500;

impl<R: Resolver> Converter<'_, R> {
    /// Finds lists written with `a)` / `(1)` markers.
    pub(super) fn scan_lists(&mut self) {
        for i in 0..self.events.len() {
            if let Event::Start(Tag::List(first)) = &self.events[i].0 {
                let first = *first;
                let end = self.matching_end(i);
                let style = match first {
                    Some(n) => {
                        let marker = self.file.text[self.events[i].1.clone()]
                            .trim_start()
                            .trim_start_matches(|c: char| c.is_ascii_digit());
                        ListStyle::Numbers {
                            start: n,
                            parenthesis: marker.starts_with(')'),
                        }
                    }
                    None => self.written_list_style(i, end),
                };
                self.list_styles.insert(i, style);
            }
        }
    }

    /// A bullet list whose every item starts `a) `, `b) ` ... or `(1) `,
    /// `(2) ` ... is a lettered or numbered list; the markers are dropped
    /// from the text and Typst numbers the items.
    fn written_list_style(&mut self, start: usize, end: usize) -> ListStyle {
        let mut firsts = Vec::new();
        let mut i = start + 1;
        while i < end {
            if matches!(self.events[i].0, Event::Start(Tag::Item)) {
                let item_end = self.matching_end(i);
                let first_text = (i + 1..item_end)
                    .find(|j| !matches!(self.events[*j].0, Event::Start(Tag::Paragraph)));
                match first_text {
                    Some(j) if matches!(self.events[j].0, Event::Text(_)) => firsts.push(j),
                    _ => return ListStyle::Bullets,
                }
                i = item_end;
            }
            i += 1;
        }
        if firsts.is_empty() {
            return ListStyle::Bullets;
        }
        let texts: Vec<String> = firsts
            .iter()
            .map(|j| match &self.events[*j].0 {
                Event::Text(t) => t.to_string(),
                _ => String::new(),
            })
            .collect();
        let numbers = texts
            .iter()
            .enumerate()
            .all(|(n, t)| t.starts_with(&format!("({}) ", n + 1)));
        let markers: Option<Vec<usize>> = if numbers {
            Some(
                (0..texts.len())
                    .map(|n| format!("({}) ", n + 1).len())
                    .collect(),
            )
        } else {
            let latin = texts.iter().enumerate().map(|(n, t)| {
                (n < 26)
                    .then(|| format!("{}) ", (b'a' + n as u8) as char))
                    .filter(|m| t.starts_with(m.as_str()))
                    .map(|m| m.len())
            });
            let arabic = texts
                .iter()
                .enumerate()
                .map(|(n, t)| abjad_marker_len(n, t));
            latin
                .collect::<Option<Vec<usize>>>()
                .or_else(|| arabic.collect())
        };
        let Some(markers) = markers else {
            return ListStyle::Bullets;
        };
        let numbering = if numbers {
            "(1)"
        } else if self.list_is_arabic(&texts, &markers) {
            "أ)"
        } else {
            "a)"
        };
        for (j, len) in firsts.iter().zip(markers) {
            self.strip_prefix.insert(*j, len);
        }
        ListStyle::Written { numbering }
    }

    /// Whether a lettered list is in Arabic (its items' words, markers
    /// aside, run right to left and are written in the Arabic script): it is
    /// lettered in the abjad order, `أ)`, `ب)`, `ج)`, whatever letters its
    /// author typed; a list in a Latin script keeps `a)`, `b)`, `c)`.
    fn list_is_arabic(&self, texts: &[String], markers: &[usize]) -> bool {
        let words: String = texts
            .iter()
            .zip(markers)
            .map(|(t, m)| &t[*m..])
            .collect::<Vec<_>>()
            .join(" ");
        bidi::paragraph_direction(&words, self.resolver.direction()).is_right_to_left()
            && bidi::has_arabic_letter(&words)
    }

    /// Renders the element starting at event `i`; returns the index after it.
    pub(super) fn render_element(&mut self, i: usize, top: bool, out: &mut String) -> usize {
        let end = self.matching_end(i);
        let span = self.events[i].1.clone();
        let Event::Start(tag) = self.events[i].0.clone() else {
            return i + 1;
        };
        match tag {
            Tag::FootnoteDefinition(_) => {}
            Tag::Heading { level, .. } => self.heading(i, end, level, top, out),
            Tag::Paragraph => self.paragraph(i, end, out),
            Tag::List(_) => self.list(i, end, out),
            Tag::BlockQuote(_) => {
                let inner = self.render(i + 1..end, false);
                out.push_str(&format!("#quote(block: true)[{}]\n\n", inner.trim()));
            }
            Tag::CodeBlock(_) => {
                let code: String = (i + 1..end)
                    .filter_map(|j| match &self.events[j].0 {
                        Event::Text(t) => Some(t.to_string()),
                        _ => None,
                    })
                    .collect();
                out.push_str(&format!(
                    "#raw(block: true, {})\n\n",
                    string_literal(code.trim_end_matches('\n'))
                ));
            }
            Tag::HtmlBlock => self.html_block(i, end, out),
            Tag::Table(_) => self.table(i, end, out),
            Tag::Image { .. } => {
                self.error(span.start, "images in Markdown are not supported: describe the figure in figures/ID.toml and place it with {{figure:ID}}");
            }
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } => {
                self.inline_element(i, end, tag, out)
            }
            // Items, table parts and syntax this converter does not enable
            // render their content.
            _ => out.push_str(&self.render(i + 1..end, false)),
        }
        end + 1
    }

    fn heading(&mut self, i: usize, end: usize, level: HeadingLevel, top: bool, out: &mut String) {
        let start = self.events[i].1.start;
        if level == HeadingLevel::H1 {
            if !top || self.title.is_some() || !out.trim().is_empty() {
                self.error(start, "a `# ` title must be the chapter's first line, and only one: use `##` for sections");
                return;
            }
            let has_note =
                (i + 1..end).any(|j| matches!(self.events[j].0, Event::FootnoteReference(_)));
            if has_note {
                // The title with its notes, for the opener; the contents
                // and the bookmark keep the plain title.
                let outer = std::mem::replace(&mut self.in_title, true);
                let markup = self.render(i + 1..end, false);
                self.in_title = outer;
                self.title_markup = Some(markup.trim().to_string());
            }
            let title = self.plain_text(i + 1..end);
            let title = self.plain_with_references(&title, start);
            if title.is_empty() {
                self.error(start, "the chapter title is empty: write it after `# `");
            }
            self.title = Some(title);
            self.text_start = self.events[i].1.end;
            return;
        }
        let depth = match level {
            HeadingLevel::H2 => 2,
            HeadingLevel::H3 => 3,
            _ => 4,
        };
        if level > HeadingLevel::H4 {
            self.error(
                start,
                "headings go down to `####`; deeper levels are not part of the layout: use `####` or bold text",
            );
        }
        if self.plain_text(i + 1..end).is_empty() {
            self.error(
                start,
                "this heading is empty: write its text after the `#` signs (or remove the line)",
            );
            return;
        }
        // Accessible PDF wants consecutive heading levels: a heading deeper
        // than the one before it by more than one level takes the next
        // level. `####` headings are minor (not in the contents, their own
        // style).
        let level = depth.min(self.last_heading_level + 1);
        self.last_heading_level = level;
        let in_contents = depth != 4 && level <= 3;
        let has_note =
            (i + 1..end).any(|j| matches!(self.events[j].0, Event::FootnoteReference(_)));
        // A heading of the contents is labelled for its page number; one
        // with notes, for printing them only where it stands.
        let label = (in_contents || has_note).then(|| {
            self.headings_labelled += 1;
            format!("heading-{}-{}", self.chapter_key, self.headings_labelled)
        });
        let outer = std::mem::replace(&mut self.in_heading, label.clone());
        let outer_notes = std::mem::take(&mut self.heading_notes);
        let inner = self.render(i + 1..end, false);
        self.in_heading = outer;
        let notes = std::mem::replace(&mut self.heading_notes, outer_notes);
        let minor = if depth == 4 { ", outlined: false" } else { "" };
        // A heading of the other direction keeps it in the body and in the
        // contents, which lay it out again: there, isolated (outside the
        // direction it is set in), it stays apart from the leader dots and
        // the page number, which follow the edition's direction.
        let inner = match self.foreign_direction(i + 1..end) {
            Some(own) => bidi::isolate(
                &format!("#text(dir: {})[{}]", own.name(), inner.trim()),
                own,
            ),
            None => inner.trim().to_string(),
        };
        if let (true, Some(label)) = (in_contents, &label) {
            let markup = notes
                .iter()
                .fold(inner.clone(), |markup, note| markup.replace(note, ""));
            self.sections.push(crate::markdown::Section {
                level,
                label: label.clone(),
                markup: markup.trim().to_string(),
            });
        }
        let label = label.map(|l| format!("<{l}>")).unwrap_or_default();
        out.push_str(&format!(
            "#heading(level: {level}{minor})[{inner}]{label}\n\n"
        ));
    }

    /// The direction of a block when it runs against the edition's (by the
    /// Unicode bidi classes of its letters, see `bidi::paragraph_direction`).
    fn foreign_direction(&self, range: std::ops::Range<usize>) -> Option<bidi::Direction> {
        let edition = self.resolver.direction();
        Some(bidi::paragraph_direction(&self.words(range), edition)).filter(|own| *own != edition)
    }

    /// The plain text of events `range` without its data references: a
    /// data reference prints a number, so the Latin letters of its name
    /// (`{{population.share}}`) do not decide the direction of an Arabic
    /// heading that starts with it.
    pub(super) fn words(&self, range: std::ops::Range<usize>) -> String {
        let text = self.plain_text(range);
        let pieces = split_markers(&text);
        let ends = pieces.iter().skip(1).map(|(at, _)| *at).chain([text.len()]);
        let words: String = pieces
            .iter()
            .zip(ends)
            .filter(|((_, piece), _)| !matches!(piece, Err(Marker::Value(_))))
            .map(|((at, _), end)| &text[*at..end])
            .collect();
        words
    }

    fn paragraph(&mut self, i: usize, end: usize, out: &mut String) {
        if self.caption_paragraphs.contains(&i) {
            return;
        }
        self.check_orphan_caption(i);
        let paragraph_start = out.len();
        if let Some(code) = self.placement_paragraph(i + 1..end) {
            out.push_str(&code);
        } else if let Some(own) = self.foreign_direction(i + 1..end) {
            // A paragraph whose letters are all of the other direction (a
            // bibliographic entry in its original language inside a
            // right-to-left edition) is set in its own direction as a whole.
            let inner = self.render(i + 1..end, false);
            out.push_str(&format!("#[#set text(dir: {})\n", own.name()));
            out.push_str(inner.trim());
            out.push_str("\n]");
        } else {
            let inner = self.render(i + 1..end, false);
            out.push_str(inner.trim());
        }
        out.push_str("\n\n");
        if self.is_lead_in(i + 1..end) {
            // A lead-in ("List of networks:") stays on the page of the list,
            // table or figure it introduces.
            let paragraph = out.split_off(paragraph_start);
            out.push_str("#block(sticky: true)[");
            out.push_str(paragraph.trim_end());
            out.push_str("]\n\n");
        }
    }

    /// Whether the paragraph in `range` ends with a colon, is at most
    /// [`LEAD_IN_LENGTH`] characters long and is followed directly by a list
    /// or by a placement marker: a lead-in that must stay with what it
    /// introduces.
    fn is_lead_in(&self, range: Range<usize>) -> bool {
        let text = self.plain_text(range.clone());
        let text = text.trim_end();
        if !(text.ends_with(':') || text.ends_with('：')) || text.starts_with("{{") {
            return false;
        }
        // A long paragraph that ends with a colon is kept free: moved whole
        // to the next page with what it introduces, it would leave its
        // lines blank at the foot of this one.
        if text.chars().count() > LEAD_IN_LENGTH {
            return false;
        }
        let next = range.end + 1;
        match self.events.get(next).map(|e| &e.0) {
            Some(Event::Start(Tag::List(_))) => true,
            Some(Event::Start(Tag::Paragraph)) => {
                let end = self.matching_end(next);
                let marker = self.plain_text(next + 1..end);
                let marker = marker.trim();
                marker.starts_with("{{")
                    && marker.ends_with("}}")
                    && matches!(parse_marker(&marker[2..marker.len() - 2]), Marker::Place(_))
            }
            _ => false,
        }
    }

    fn list(&mut self, i: usize, end: usize, out: &mut String) {
        let style = self
            .list_styles
            .get(&i)
            .cloned()
            .unwrap_or(ListStyle::Bullets);
        let mut items = Vec::new();
        let mut j = i + 1;
        while j < end {
            if matches!(self.events[j].0, Event::Start(Tag::Item)) {
                let item_end = self.matching_end(j);
                let item = self.render(j + 1..item_end, false);
                items.push(format!("[{}]", item.trim()));
                j = item_end;
            }
            j += 1;
        }
        let call = match style {
            ListStyle::Bullets => format!("#list({})", items.join(", ")),
            ListStyle::Numbers { start, parenthesis } => {
                let numbering = if parenthesis {
                    ", numbering: \"1)\""
                } else {
                    ""
                };
                format!("#enum(start: {start}{numbering}, {})", items.join(", "))
            }
            ListStyle::Written { numbering } => format!(
                "#enum(numbering: {}, {})",
                string_literal(numbering),
                items.join(", ")
            ),
        };
        out.push_str(&call);
        out.push_str("\n\n");
    }

    /// An HTML block prints literally, without its comments.
    fn html_block(&mut self, i: usize, end: usize, out: &mut String) {
        let mut open = false;
        let mut text = String::new();
        let mut comment_start = None;
        for j in i + 1..end {
            if let Event::Html(html) = &self.events[j].0 {
                let was_open = open;
                let kept = strip_comments(html, &mut open);
                if open && !was_open {
                    comment_start = Some(self.events[j].1.start + html.find("<!--").unwrap_or(0));
                }
                text.push_str(&kept);
            }
        }
        if open {
            let at = comment_start.unwrap_or(self.events[i].1.start);
            self.error(
                at,
                "this HTML comment (`<!--`) is never closed, so it would hide the rest of the chapter: end it with `-->`",
            );
        }
        let text = text.trim();
        if !text.is_empty() {
            out.push_str(&escape_markup(text));
            out.push_str("\n\n");
        }
    }

    /// Whether the byte `at` of the Markdown stands in the opening of the
    /// chapter: within [`OPENING_CHARACTERS`] characters after its title,
    /// more than the first page after the opener holds, so that every marker
    /// that can land on that page counts.
    fn in_opening(&self, at: usize) -> bool {
        self.file
            .text
            .get(self.text_start.min(at)..at)
            .is_some_and(|before| before.chars().count() < OPENING_CHARACTERS)
    }

    /// If a paragraph is a lone placement marker, the code that places it.
    pub(super) fn placement_paragraph(&mut self, range: std::ops::Range<usize>) -> Option<String> {
        if !range
            .clone()
            .all(|j| matches!(self.events[j].0, Event::Text(_) | Event::SoftBreak))
        {
            return None;
        }
        let start = self.events.get(range.start)?.1.start;
        let text = self.plain_text(range);
        let inner = text.strip_prefix("{{")?.strip_suffix("}}")?;
        if inner.contains("{{") || inner.contains("}}") {
            return None;
        }
        match parse_marker(inner) {
            Marker::Place(placement) => {
                match self.resolver.place(&placement, self.in_opening(start)) {
                    Ok(code) => Some(code),
                    Err(problem) => {
                        self.error(start, problem.to_string());
                        Some(String::new())
                    }
                }
            }
            _ => None,
        }
    }
}

/// The letters of Arabic lettered lists in the abjad order (أ، ب، ج، د،
/// هـ ...), as Typst's `أ` numbering prints them.
const ABJAD: [&str; 28] = [
    "أ", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق",
    "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
];

/// The length in bytes of the written marker of the `n`-th item of an
/// Arabic lettered list (`أ) `, `هـ) `; the fifth letter with or without its
/// tatweel or joiner), when `text` starts with it.
fn abjad_marker_len(n: usize, text: &str) -> Option<usize> {
    let letter = ABJAD.get(n)?;
    let rest = text.strip_prefix(letter)?;
    let rest = rest
        .strip_prefix('\u{640}')
        .or_else(|| rest.strip_prefix('\u{200d}'))
        .unwrap_or(rest);
    let rest = rest.strip_prefix(") ")?;
    Some(text.len() - rest.len())
}
