//! Left-to-right islands in the paragraphs of a right-to-left edition: a
//! run of Latin words (a name, a German term, a reference) keeps its own
//! order inside an Arabic sentence, also when it carries emphasis, a link, a
//! language span or a line break of the source (`die *Stadt* **Dortmund**`
//! reads in that order, not `Dortmund Stadt die`).
//!
//! The islands are found on the text of a whole block (a paragraph, a
//! heading, a list item, a table cell) by `bidi::latin_islands`, with
//! emphasis and link boundaries seen through, and their Unicode isolates
//! written into the block's text events before it is rendered. The bidi
//! algorithm reads a paragraph's text as one, so an isolate may open in one
//! styled piece and close in another. Data references (`{{...}}`),
//! footnote marks and hard line breaks end an island.

use pulldown_cmark::{Event, Tag};

use super::markers::split_markers;
use super::{is_inline_end, Converter, Resolver};
use crate::base::bidi;

/// What a character of a block's text stands for.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// Byte `offset` of text event `event`.
    Text { event: usize, offset: usize },
    /// The start or end of emphasis, a link, ...: takes no room.
    Boundary,
    /// Something printed that no isolate can be written into (inline code,
    /// HTML), or that ends an island (a data reference, a footnote mark).
    Opaque,
}

/// A character that ends any island (class B).
const BREAKER: char = '\u{2029}';
/// A character that islands see through (class BN).
const SEE_THROUGH: char = '\u{200b}';

impl<R: Resolver> Converter<'_, R> {
    /// In a right-to-left edition, writes the directional isolates of every
    /// block's left-to-right islands into its text events (see the
    /// module's comment). A paragraph or heading set left to right as a
    /// whole (all its letters Latin) gets none: it is laid out in its own
    /// direction instead.
    pub(super) fn scan_latin_islands(&mut self) {
        if !self.resolver.direction().is_right_to_left() {
            return;
        }
        let digits = self.resolver.digits();
        // The open blocks: (index of their start event, their text).
        let mut blocks: Vec<(usize, Vec<(char, Source)>)> = vec![(usize::MAX, Vec::new())];
        let mut insertions: Vec<Edit> = Vec::new();
        for i in 0..self.events.len() {
            let event = self.events[i].0.clone();
            match event {
                Event::Start(tag) if is_inline_end(&tag.to_end()) => {
                    push(&mut blocks, SEE_THROUGH, Source::Boundary)
                }
                Event::End(end) if is_inline_end(&end) => {
                    push(&mut blocks, SEE_THROUGH, Source::Boundary)
                }
                Event::Start(_) => {
                    // A nested block ends the text before it.
                    push(&mut blocks, BREAKER, Source::Opaque);
                    blocks.push((i, Vec::new()));
                }
                Event::End(_) => {
                    if let Some((start, text)) = blocks.pop() {
                        if !self.set_left_to_right_whole(start, i) {
                            insertions.extend(islands_of(&text, digits.as_ref()));
                        }
                    }
                    push(&mut blocks, BREAKER, Source::Opaque);
                }
                Event::Text(t) => {
                    // What the rendering drops of the event (a written list
                    // marker, a caption's `Table:`) is not part of the text.
                    let skip = self.strip_prefix.get(&i).copied().unwrap_or(0);
                    for (at, piece) in split_markers(&t) {
                        match piece {
                            Ok(literal) => {
                                for (k, c) in literal.char_indices().filter(|(k, _)| at + k >= skip)
                                {
                                    push(
                                        &mut blocks,
                                        c,
                                        Source::Text {
                                            event: i,
                                            offset: at + k,
                                        },
                                    );
                                }
                            }
                            Err(_) => push(&mut blocks, BREAKER, Source::Opaque),
                        }
                    }
                }
                Event::SoftBreak => push(&mut blocks, ' ', Source::Boundary),
                Event::Code(_) => push(&mut blocks, 'x', Source::Opaque),
                _ => push(&mut blocks, BREAKER, Source::Opaque),
            }
        }
        if let Some((_, text)) = blocks.pop() {
            insertions.extend(islands_of(&text, digits.as_ref()));
        }
        // A closing isolate before an opening one at the same place, and
        // both before a digit written there anew.
        insertions.sort_by_key(|e| (e.event, e.offset, e.rank()));
        self.edit_text_events(
            insertions
                .into_iter()
                .map(|e| (e.event, e.offset..e.offset + e.replaces, e.text.to_string()))
                .collect(),
        );
    }

    /// Whether the block from event `start` to `end` is a paragraph set left
    /// to right as a whole in this right-to-left edition (as the paragraph's
    /// rendering decides).
    fn set_left_to_right_whole(&self, start: usize, end: usize) -> bool {
        start != usize::MAX
            && matches!(self.events[start].0, Event::Start(Tag::Paragraph))
            && bidi::paragraph_direction(
                &self.plain_text(start + 1..end),
                bidi::Direction::RightToLeft,
            ) == bidi::Direction::LeftToRight
    }
}

/// Adds a character to the text of the innermost open block.
fn push(blocks: &mut [(usize, Vec<(char, Source)>)], c: char, source: Source) {
    if let Some((_, text)) = blocks.last_mut() {
        text.push((c, source));
    }
}

/// A character written into a text event: an isolate (inserted) or a digit
/// (in place of the Latin digit of `replaces` bytes there).
struct Edit {
    event: usize,
    offset: usize,
    replaces: usize,
    text: char,
}

impl Edit {
    /// The order of edits at one place: closing isolate, opening isolate,
    /// digit.
    fn rank(&self) -> u8 {
        match self.text {
            bidi::POP_ISOLATE => 0,
            bidi::LTR_ISOLATE => 1,
            _ => 2,
        }
    }
}

/// The edits of a block: its own numbers in `digits` (when given, see
/// `bidi::sentence_digits`), then the isolates of its islands (found on
/// the text with those digits), each island whose both ends can be written
/// into a text event.
fn islands_of(text: &[(char, Source)], digits: Option<&[char; 10]>) -> Vec<Edit> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut chars: Vec<char> = text.iter().map(|(c, _)| *c).collect();
    let mut out = Vec::new();
    if let Some(digits) = digits {
        for k in bidi::sentence_digits(&chars) {
            if let Source::Text { event, offset } = text[k].1 {
                let digit = digits[chars[k] as usize - '0' as usize];
                chars[k] = digit;
                out.push(Edit {
                    event,
                    offset,
                    replaces: 1,
                    text: digit,
                });
            }
        }
    }
    for island in bidi::latin_islands(&chars) {
        if let (Some(open), Some(close)) =
            (place_at(text, island.start), place_at(text, island.end))
        {
            let isolate = |(event, offset), text| Edit {
                event,
                offset,
                replaces: 0,
                text,
            };
            out.push(isolate(open, bidi::LTR_ISOLATE));
            out.push(isolate(close, bidi::POP_ISOLATE));
        }
    }
    out
}

/// Where to write a character that goes before character `k` of a block's
/// text (`k` may be its length): in the text event of the nearest character
/// before or after it, with nothing printed in between.
fn place_at(text: &[(char, Source)], k: usize) -> Option<(usize, usize)> {
    for j in (0..k).rev() {
        match text[j].1 {
            Source::Text { event, offset } => return Some((event, offset + text[j].0.len_utf8())),
            Source::Boundary => continue,
            Source::Opaque => break,
        }
    }
    for item in &text[k..] {
        match item.1 {
            Source::Text { event, offset } => return Some((event, offset)),
            Source::Boundary => continue,
            Source::Opaque => break,
        }
    }
    None
}
