//! Quotations that mix typed typographic marks and straight ones, as people
//! type when their keyboard gives one and an autocorrection the other:
//! `„Welcome-Point"`, `“Welcome Point"`, `«Welcome Point"`. A straight `"`
//! is left to Typst's smart quotes, which open a quotation after a letter
//! when none of theirs is open, so the quotation above would close with a
//! second opening mark (`„Welcome-Point„`). Here a straight `"` that closes a
//! quotation opened by a typed mark becomes the mark that closes that one:
//! `“` after `„` (German), `”` after `“` (English), `»` after `«`
//! (French), `«` after `»` (German and Danish `»…«`). Quotations are
//! followed within one block (a paragraph, heading, list item or cell);
//! a quote written escaped (`\"`) or as an entity is left as it is.

use pulldown_cmark::Event;

use super::{is_inline_end, Converter, Resolver};

/// A straight double quote as the author typed it, which Typst reads as a
/// smart quote.
const STRAIGHT: char = '"';

/// The mark that closes a quotation opened by `mark`, for the typed
/// opening marks of double quotations.
fn closing_of(mark: char) -> Option<char> {
    match mark {
        '„' => Some('“'),
        '“' => Some('”'),
        '«' => Some('»'),
        '»' => Some('«'),
        _ => None,
    }
}

/// Whether a typed mark `c` closes a quotation opened by `mark` (`„…“` and
/// `„…”` both close).
fn closes(mark: char, c: char) -> bool {
    closing_of(mark) == Some(c) || (mark == '„' && c == '”')
}

impl<R: Resolver> Converter<'_, R> {
    /// Writes the closing mark of a quotation opened by a typed mark where
    /// a straight quote closes it (see the module's comment).
    pub(super) fn scan_mixed_quotes(&mut self) {
        let mut open: Vec<char> = Vec::new();
        let mut before: Option<char> = None;
        let mut edits = Vec::new();
        for i in 0..self.events.len() {
            match &self.events[i].0 {
                Event::Start(tag) if !is_inline_end(&tag.to_end()) => {
                    open.clear();
                    before = None;
                }
                Event::End(end) if !is_inline_end(end) => {
                    open.clear();
                    before = None;
                }
                Event::Text(t) => {
                    let span = self.events[i].1.clone();
                    let as_written = self.file.text.get(span.clone()) == Some(&**t);
                    // A quote after an odd number of backslashes is escaped.
                    let escaped = |k: usize| {
                        let before = &self.file.text.as_bytes()[..span.start + k];
                        before.iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1
                    };
                    for (k, c) in t.char_indices() {
                        let after_word = before
                            .is_some_and(|b| !b.is_whitespace() && !matches!(b, '(' | '[' | '{'));
                        if c == STRAIGHT && as_written && !escaped(k) {
                            match open.last().copied() {
                                Some(STRAIGHT) if after_word => {
                                    open.pop();
                                }
                                Some(mark) if after_word => {
                                    if let Some(closing) = closing_of(mark) {
                                        edits.push((i, k..k + 1, closing.to_string()));
                                    }
                                    open.pop();
                                }
                                _ => open.push(STRAIGHT),
                            }
                        } else if open.last().is_some_and(|&mark| {
                            closes(mark, c)
                                || (mark == STRAIGHT && after_word && "“”«»".contains(c))
                        }) {
                            open.pop();
                        } else if closing_of(c).is_some() {
                            open.push(c);
                        }
                        before = Some(c);
                    }
                }
                Event::SoftBreak | Event::HardBreak => before = Some(' '),
                Event::Code(_) | Event::FootnoteReference(_) => before = Some('x'),
                _ => {}
            }
        }
        self.edit_text_events(edits);
    }
}
