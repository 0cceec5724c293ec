//! Inline content: runs of text (with data references, to-do markers and
//! typographic quotes), emphasis, strikethrough, links, inline code, inline
//! HTML and line breaks.

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::escape::{
    escape_markup, escape_prose, string_literal, STRAIGHT_APOSTROPHE, STRAIGHT_DOUBLE_QUOTE,
};
use super::html::strip_comments;
use super::markers::{marker_like, split_markers, todo_word, Marker};
use super::spans::{span_markup, without_span_chars};
use super::{Converter, Resolver};
use crate::base::bidi;

/// A `[^label]` left in text: the parser keeps footnote references whose
/// definition is missing as plain text.
fn undefined_footnote(text: &str) -> Option<&str> {
    let start = text.find("[^")? + 2;
    let len = text[start..].find(']')?;
    let label = &text[start..start + len];
    (!label.is_empty() && !label.contains(char::is_whitespace)).then_some(label)
}

impl<R: Resolver> Converter<'_, R> {
    /// Emphasis, strong emphasis, strikethrough and links.
    pub(super) fn inline_element(&mut self, i: usize, end: usize, tag: Tag, out: &mut String) {
        let inner = self.render(i + 1..end, false);
        match tag {
            Tag::Emphasis => out.push_str(&format!("#emph[{inner}]")),
            Tag::Strong => out.push_str(&format!("#strong[{inner}]")),
            Tag::Strikethrough => out.push_str(&format!("#strike[{inner}]")),
            Tag::Link { dest_url, .. } => {
                if dest_url.trim().is_empty() {
                    let start = self.events[i].1.start;
                    self.error(start, "this link has no address: write it between the parentheses, `[text](https://…)`, or remove the brackets");
                } else {
                    out.push_str(&format!("#link({})[{inner}]", string_literal(&dest_url)));
                }
            }
            _ => out.push_str(&inner),
        }
    }

    /// A run of adjacent text events (the parser splits text at special
    /// characters), joined so that markers are seen whole. Returns the
    /// index of the first event after the run.
    pub(super) fn render_text_run(&mut self, i: usize, end: usize, out: &mut String) -> usize {
        let mut j = i;
        let mut text = String::new();
        while j < end {
            let Event::Text(t) = &self.events[j].0 else {
                break;
            };
            let skip = self.strip_prefix.get(&j).copied().unwrap_or(0);
            let piece = t.get(skip.min(t.len())..).unwrap_or(t);
            let straight = skip == 0 && self.written_straight(j, piece);
            let mut chars = piece.chars();
            match chars.next() {
                Some('\'') if straight => {
                    text.push(STRAIGHT_APOSTROPHE);
                    text.push_str(chars.as_str());
                }
                Some('"') if straight => {
                    text.push(STRAIGHT_DOUBLE_QUOTE);
                    text.push_str(chars.as_str());
                }
                _ => text.push_str(piece),
            }
            j += 1;
        }
        let start = self.events[i].1.start;
        let rendered = self.text_with_references(&text, start);
        out.push_str(&span_markup(
            &rendered,
            &self.span_languages,
            self.resolver.direction(),
        ));
        j
    }

    /// Whether the quote that starts text event `j` was written escaped
    /// (`\'`) or as an entity (`&#39;`): the author wants it straight.
    fn written_straight(&self, j: usize, text: &str) -> bool {
        if !text.starts_with(['\'', '"']) {
            return false;
        }
        let start = self.events[j].1.start;
        let source = self.file.text.as_bytes();
        if source.get(start) != text.as_bytes().first() {
            return true;
        }
        let backslashes = source[..start]
            .iter()
            .rev()
            .take_while(|b| **b == b'\\')
            .count();
        backslashes % 2 == 1
    }

    /// Events without content of their own.
    pub(super) fn render_leaf(&mut self, i: usize, out: &mut String) {
        let event = self.events[i].0.clone();
        match event {
            Event::Code(code) => out.push_str(&format!("#raw({})", string_literal(&code))),
            Event::Html(html) | Event::InlineHtml(html) => {
                let mut open = false;
                let kept = strip_comments(&html, &mut open);
                if open {
                    let start = self.events[i].1.start;
                    self.error(
                        start,
                        "this HTML comment (`<!--`) is never closed: end it with `-->`",
                    );
                }
                out.push_str(&escape_markup(&kept));
            }
            Event::FootnoteReference(label) => {
                self.footnote_reference(i, &label, out);
            }
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("#linebreak()\n"),
            Event::Rule => out.push_str("#line(length: 100%)\n\n"),
            Event::InlineMath(m) | Event::DisplayMath(m) => out.push_str(&escape_markup(&m)),
            Event::TaskListMarker(done) => out.push_str(if done { "☑ " } else { "☐ " }),
            Event::Text(_) | Event::Start(_) | Event::End(_) => {}
        }
    }

    /// The plain text of a range (for titles and checks).
    pub(super) fn plain_text(&self, range: Range<usize>) -> String {
        let mut s = String::new();
        for (event, _) in &self.events[range] {
            match event {
                Event::Text(t) | Event::Code(t) => s.push_str(t),
                Event::InlineHtml(t) => s.push_str(&strip_comments(t, &mut false)),
                Event::SoftBreak | Event::HardBreak => s.push(' '),
                _ => {}
            }
        }
        without_span_chars(s.trim())
            .chars()
            .filter(|c| !matches!(*c, bidi::LTR_ISOLATE | bidi::POP_ISOLATE))
            .collect()
    }

    /// Plain text (a chapter title), with `{{path}}` references replaced
    /// by their values; anything else in braces is an error at its line.
    pub(super) fn plain_with_references(&mut self, text: &str, offset: usize) -> String {
        let mut out = String::new();
        for (at, piece) in split_markers(text) {
            let position = self.source_offset(offset, text, at);
            match piece {
                Ok(literal) => out.push_str(literal),
                Err(Marker::Value(path)) => match self.resolver.value(&path) {
                    Ok(value) => out.push_str(&value),
                    Err(problem) => self.error(position, problem.to_string()),
                },
                Err(Marker::Todo(what)) => {
                    self.print_run_problem(position, format!("to do: {what}"));
                    out.push_str(&what);
                }
                Err(Marker::Place(_)) => self.error(
                    position,
                    "a placement marker cannot stand in a title: put it in its own paragraph",
                ),
                // The opener says it through the chapter's translation note.
                Err(Marker::Untranslated(_)) => {}
                Err(Marker::Invalid(problem)) => self.error(position, problem.to_string()),
            }
        }
        out
    }

    /// Escaped text, with `{{path}}` references replaced by their values.
    fn text_with_references(&mut self, text: &str, offset: usize) -> String {
        let mut out = String::new();
        for (at, piece) in split_markers(text) {
            let position = self.source_offset(offset, text, at);
            match piece {
                Ok(literal) => {
                    if let Some(label) = undefined_footnote(literal) {
                        self.error(
                            position,
                            format!("footnote `[^{label}]` has no definition: add a line `[^{label}]: text` at the end of the file"),
                        );
                    }
                    if let Some(found) = literal.find("<!--") {
                        // A comment the parser did not take as HTML: one
                        // that is never closed (an escaped `\\<!--` is text).
                        let place = self.source_offset(offset, text, at + found);
                        if !self.file.text[..place].ends_with('\\') {
                            self.error(
                                place,
                                "this HTML comment (`<!--`) is never closed: end it with `-->`, or write `\\<!--` to print it",
                            );
                        }
                    }
                    if let Some(found) = todo_word(literal) {
                        let at = self.source_offset(offset, text, at + found);
                        self.print_run_problem(at, "to do: `TODO` in the text marks something still to write; it prints as written".into());
                    }
                    for (found, message) in marker_like(literal) {
                        let at = self.source_offset(offset, text, at + found);
                        self.print_run_problem(at, format!("{message}; it prints as written"));
                    }
                    // (Right-to-left editions: the left-to-right islands
                    // are already in the text, see `islands`.)
                    out.push_str(&escape_prose(literal))
                }
                Err(Marker::Value(path)) => match self.resolver.value(&path) {
                    Ok(value) => out.push_str(&escape_markup(&value)),
                    Err(problem) => self.error(position, problem.to_string()),
                },
                Err(Marker::Place(_)) => self.error(
                    position,
                    "a placement marker must stand alone in its own paragraph (blank lines around it)",
                ),
                Err(Marker::Todo(what)) => {
                    self.print_run_problem(
                        position,
                        format!("to do: {what} (the page shows a to-do mark)"),
                    );
                    out.push_str(&format!("#todo-mark[{}]", escape_markup(&what)));
                }
                Err(Marker::Untranslated(lang)) => {
                    out.push_str(&format!("#untranslated-mark({})", string_literal(&lang)));
                }
                Err(Marker::Invalid(problem)) => self.error(position, problem.to_string()),
            }
        }
        out
    }

    /// The source offset of byte `at` of a text that starts at `offset`
    /// (exact when the text is written in the source as is).
    fn source_offset(&self, offset: usize, text: &str, at: usize) -> usize {
        let source = &self.file.text;
        let Some(rest) = text.get(at..) else {
            return offset;
        };
        if let Some(found) = source.get(offset..).and_then(|s| s.find(rest)) {
            offset + found
        } else {
            offset
        }
    }
}
