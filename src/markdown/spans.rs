//! Language spans: a passage in another language than the chapter's,
//! written as Pandoc's bracketed span with a `lang` attribute,
//! `[Sachverständigenrat deutscher Stiftungen]{lang=de}`, prints in the
//! edition's type but is hyphenated (and its quotes set) by the rules of its
//! own language, and is tagged with that language in the PDF.
//!
//! The span may hold emphasis, links and references, as long as it opens and
//! closes in the same paragraph, heading, cell or emphasis. A bracket
//! written escaped (`\[`) opens nothing; brackets with anything but a `lang`
//! attribute after them (`[1]`, `[sic]{.x}`) print as written.
//!
//! How: before rendering, the opening `[` of each span becomes a private-use
//! character that stands for its language, and the closing `]{lang=…}`
//! another; after a text run is escaped, they become `#text(lang: …)[` and
//! `]`. The private-use characters are strong left-to-right characters for
//! the Unicode bidirectional algorithm, so a span of Latin text stays one
//! island in a right-to-left edition.

use std::ops::Range;

use pulldown_cmark::Event;

use super::escape::string_literal;
use super::{Converter, Resolver};
use crate::base::bidi::Direction;

/// Stands for the closing `]{lang=…}` of a span.
const SPAN_END: char = '\u{E001}';
/// The opening `[` of the span numbered `n` is `SPAN_START + n`
/// (Supplementary Private Use Area-A: 65,534 spans a chapter).
const SPAN_START: u32 = 0xF0000;
const SPAN_START_LAST: u32 = 0xFFFFD;

/// A span's language: an ISO 639 language code and an optional ISO 3166
/// region (`de`, `de-CH`), as Typst's `text(lang:, region:)` take them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SpanLanguage {
    pub language: String,
    pub region: Option<String>,
}

impl SpanLanguage {
    /// Parses `de`, `fr-CA`, `ar`, `sr-Latn-RS`; `None` for anything else.
    /// A script is read and left out (Typst sets language and region only;
    /// the letters themselves are in their script); variants are not taken.
    fn parse(tag: &str) -> Option<SpanLanguage> {
        let mut parts = tag.split(['-', '_']).peekable();
        let language = parts.next()?;
        parts.next_if(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()));
        let region = parts.next();
        if parts.next().is_some()
            || !(2..=3).contains(&language.len())
            || !language.chars().all(|c| c.is_ascii_alphabetic())
        {
            return None;
        }
        let region = match region {
            None => None,
            Some(r) if r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()) => {
                Some(r.to_ascii_uppercase())
            }
            Some(_) => return None,
        };
        Some(SpanLanguage {
            language: language.to_ascii_lowercase(),
            region,
        })
    }

    /// The Typst call that opens the span: `#text(lang: "de", region:
    /// none)[`. A span without a region sets none, so that it does not keep
    /// the region of a regional edition (`[Grüezi]{lang=en}` in a `de-CH`
    /// edition is English, not `en-CH`). In a right-to-left edition the
    /// span is not hyphenated: Typst would set the hyphen of a Latin word
    /// broken at the end of a right-to-left line at the line's start.
    fn opening_markup(&self, edition: Direction) -> String {
        let region = match &self.region {
            Some(region) => format!(", region: {}", string_literal(region)),
            None => ", region: none".to_string(),
        };
        let hyphenate = if edition.is_right_to_left() {
            ", hyphenate: false"
        } else {
            ""
        };
        format!(
            "#text(lang: {}{region}{hyphenate})[",
            string_literal(&self.language)
        )
    }
}

/// A span's braces that do not give one language (see
/// `language_attribute`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum AttributeError {
    /// An item that is not `lang=…` (`{lang=de .note}`); `item` as written.
    NotLanguage { item: String },
    /// `lang=` written twice.
    Twice,
    /// `lang=` with nothing after it.
    Empty,
    /// A value that is not an ISO 639 code CLDR knows; `value` without its
    /// quotes.
    NotALanguageCode { value: String },
    /// Braces with no `lang=` item (cannot happen after the check that the
    /// braces hold `lang=`, but kept as an error rather than a panic).
    NoLanguage,
}

impl std::fmt::Display for AttributeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttributeError::NotLanguage { item } => write!(
                f,
                "`{item}`: a span's braces take only the language, e.g. `{{lang=de}}`"
            ),
            AttributeError::Twice => {
                f.write_str("the span gives its language twice: keep one `lang=`")
            }
            AttributeError::Empty => f.write_str(
                "the span's language is missing: write its ISO 639 code, e.g. `{lang=de}`",
            ),
            AttributeError::NotALanguageCode { value } => write!(
                f,
                "`{value}` is not a language code: write the ISO 639 code, e.g. `{{lang=de}}` or `{{lang=de-CH}}`"
            ),
            AttributeError::NoLanguage => {
                f.write_str("a span's braces need the language, e.g. `{lang=de}`")
            }
        }
    }
}

/// Whether `text` starts a language attribute, `{lang=`, in any case.
fn starts_language_attribute(text: &str) -> bool {
    text.get(..6)
        .is_some_and(|head| head.eq_ignore_ascii_case("{lang="))
}

/// What the braces after a `]` say: `None` when they are not a language
/// attribute (the brackets print as written); else the byte length of the
/// braces and the language, or a message for the author. The key may be
/// written in any case (`{Lang=de}`), the value with or without quotes.
fn language_attribute(rest: &str) -> Option<(usize, Result<SpanLanguage, AttributeError>)> {
    let inner_end = rest.strip_prefix('{')?.find('}')? + 1;
    let inner = &rest[1..inner_end];
    if !inner.to_ascii_lowercase().contains("lang=") {
        return None;
    }
    let length = inner_end + 1;
    let mut language: Option<Result<SpanLanguage, AttributeError>> = None;
    for item in inner.split_whitespace() {
        let Some(value) = item
            .get(..5)
            .filter(|key| key.eq_ignore_ascii_case("lang="))
            .map(|_| &item[5..])
        else {
            return Some((
                length,
                Err(AttributeError::NotLanguage {
                    item: item.to_string(),
                }),
            ));
        };
        if language.is_some() {
            return Some((length, Err(AttributeError::Twice)));
        }
        let value = value.trim_matches(['"', '\'']);
        language = Some(if value.is_empty() {
            Err(AttributeError::Empty)
        } else {
            SpanLanguage::parse(value)
                .filter(|l| crate::locale::cldr_knows(&l.language))
                .ok_or_else(|| AttributeError::NotALanguageCode {
                    value: value.to_string(),
                })
        });
    }
    Some((length, language.unwrap_or(Err(AttributeError::NoLanguage))))
}

/// The Typst markup of an escaped text run: the span characters become
/// `#text(lang: …)[` and `]` (not hyphenated in a right-to-left edition).
pub(super) fn span_markup(
    rendered: &str,
    languages: &[SpanLanguage],
    edition: Direction,
) -> String {
    if !rendered.chars().any(is_span_char) {
        return rendered.to_string();
    }
    let mut out = String::with_capacity(rendered.len() + 32);
    for c in rendered.chars() {
        match c {
            SPAN_END => out.push(']'),
            c if is_span_char(c) => {
                let n = (c as u32 - SPAN_START) as usize;
                out.push_str(&languages[n].opening_markup(edition));
            }
            c => out.push(c),
        }
    }
    out
}

/// Plain text (a title for the contents and the bookmarks) without the
/// span characters.
pub(super) fn without_span_chars(text: &str) -> String {
    text.chars().filter(|c| !is_span_char(*c)).collect()
}

fn is_span_char(c: char) -> bool {
    c == SPAN_END || (SPAN_START..=SPAN_START_LAST).contains(&(c as u32))
}

/// A `[` still waiting for its `]`: the element it stands in, its event and
/// its byte offset in that event's text.
struct Opener {
    container: usize,
    event: usize,
    at: usize,
    /// Written escaped (`\\[`): its brackets print as written.
    literal: bool,
    /// The text event that starts its run of text, and its byte offset in
    /// the run's joined text.
    run: usize,
    joined_at: usize,
}

impl<R: Resolver> Converter<'_, R> {
    /// Finds the language spans of the chapter and marks them in its text
    /// events (see the module's comment). A `{lang=…}` whose `]` closes no
    /// `[`, or whose language is not a language code, is an error at its
    /// place.
    pub(super) fn scan_language_spans(&mut self) {
        let mut containers: Vec<usize> = vec![usize::MAX];
        let mut openers: Vec<Opener> = Vec::new();
        // (event, byte range in its text, replacement)
        let mut edits: Vec<(usize, Range<usize>, String)> = Vec::new();
        let mut errors: Vec<(usize, String)> = Vec::new();
        let mut warnings: Vec<(usize, &str)> = Vec::new();
        let mut i = 0;
        while i < self.events.len() {
            match &self.events[i].0 {
                Event::Start(_) => containers.push(i),
                Event::End(_) => {
                    let closed = containers.pop();
                    openers.retain(|o| Some(o.container) != closed);
                }
                Event::Text(_) => {
                    let container = *containers.last().unwrap_or(&usize::MAX);
                    let run_end = (i..self.events.len())
                        .find(|&j| !matches!(self.events[j].0, Event::Text(_)))
                        .unwrap_or(self.events.len());
                    // The run's text joined, with where each event starts.
                    let mut joined = String::new();
                    let mut starts = Vec::new();
                    for j in i..run_end {
                        if let Event::Text(t) = &self.events[j].0 {
                            starts.push((j, joined.len()));
                            joined.push_str(t);
                        }
                    }
                    let locate = |at: usize| -> (usize, usize) {
                        let (event, start) = starts
                            .iter()
                            .rev()
                            .find(|(_, start)| *start <= at)
                            .copied()
                            .unwrap_or(starts[0]);
                        (event, at - start)
                    };
                    // Where a `{lang=` was taken as a span's language.
                    let mut consumed: Vec<usize> = Vec::new();
                    for (at, c) in joined.char_indices() {
                        if c != '[' && c != ']' {
                            continue;
                        }
                        let (event, offset) = locate(at);
                        let escaped = self.escaped_in_source(event, offset);
                        if c == '[' {
                            openers.push(Opener {
                                container,
                                event,
                                at: offset,
                                literal: escaped,
                                run: i,
                                joined_at: at,
                            });
                            continue;
                        }
                        if escaped {
                            continue;
                        }
                        let opener = openers
                            .iter()
                            .rposition(|o| o.container == container)
                            .map(|k| openers.remove(k));
                        let Some((length, language)) = language_attribute(&joined[at + 1..]) else {
                            continue;
                        };
                        // `]\\{lang=de}`: the brace is written escaped.
                        let (brace_event, brace_offset) = locate(at + 1);
                        if self.escaped_in_source(brace_event, brace_offset) {
                            continue;
                        }
                        consumed.push(at + 1);
                        let place = self.events[event].1.start + offset;
                        let language = match language {
                            Ok(language) => language,
                            Err(message) => {
                                // At the braces.
                                errors.push((place + 1, message.to_string()));
                                continue;
                            }
                        };
                        let Some(opener) = opener else {
                            errors.push((place, "this `]{lang=…}` closes no `[`: write the passage in another language as `[passage]{lang=de}`".into()));
                            continue;
                        };
                        if opener.literal {
                            continue;
                        }
                        if opener.run == i && opener.joined_at + 1 == at {
                            errors
                                .push((place, "this span has no text between its brackets".into()));
                            continue;
                        }
                        let n = self.span_languages.len() as u32;
                        let Some(start_char) = char::from_u32(SPAN_START + n)
                            .filter(|_| SPAN_START + n <= SPAN_START_LAST)
                        else {
                            errors.push((place, "too many language spans in one chapter".into()));
                            continue;
                        };
                        self.span_languages.push(language);
                        edits.push((
                            opener.event,
                            opener.at..opener.at + 1,
                            start_char.to_string(),
                        ));
                        // The closing `]{lang=…}` may run over several events.
                        let end = at + 1 + length;
                        let mut first = true;
                        for &(j, start) in &starts {
                            let Event::Text(t) = &self.events[j].0 else {
                                continue;
                            };
                            let (from, to) = (at.max(start), end.min(start + t.len()));
                            if from < to {
                                let replacement = if first {
                                    SPAN_END.to_string()
                                } else {
                                    String::new()
                                };
                                first = false;
                                edits.push((j, from - start..to - start, replacement));
                            }
                        }
                    }
                    // A `{lang=…}` that follows no `]` directly (`[Wort] {lang=de}`)
                    // prints as written: most likely a mistake.
                    for (at, _) in joined.match_indices('{') {
                        if !consumed.contains(&at) && starts_language_attribute(&joined[at..]) {
                            let (event, offset) = locate(at);
                            if !self.escaped_in_source(event, offset) {
                                let message = if joined[..at].ends_with(']')
                                    && !joined[at..].contains('}')
                                {
                                    "this `{lang=…` is never closed and prints as written: end it with `}`"
                                } else {
                                    "this `{lang=…}` follows no `]` directly and prints as written: write the passage as `[passage]{lang=de}`, with no space before the brace"
                                };
                                warnings.push((self.events[event].1.start + offset, message));
                            }
                        }
                    }
                    i = run_end;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        self.edit_text_events(edits);
        for (place, message) in errors {
            self.error(place, message);
        }
        for (place, message) in warnings {
            self.print_run_problem(place, message.into());
        }
    }

    /// Whether the bracket at `offset` of text event `event` was written
    /// escaped (`\\[`) in the Markdown.
    fn escaped_in_source(&self, event: usize, offset: usize) -> bool {
        let span = &self.events[event].1;
        let Event::Text(t) = &self.events[event].0 else {
            return false;
        };
        let source = &self.file.text[span.clone()];
        let position = if source == t.as_ref() {
            span.start + offset
        } else {
            // The text differs from its source (escapes, entities): find the
            // same bracket in the source.
            let bracket = t[offset..].chars().next().unwrap_or('[');
            let nth = t[..offset].matches(bracket).count();
            match source.match_indices(bracket).nth(nth) {
                Some((k, _)) => span.start + k,
                None => return false,
            }
        };
        let before = &self.file.text[..position];
        let backslashes = before.bytes().rev().take_while(|b| *b == b'\\').count();
        backslashes % 2 == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_language_may_have_a_script_and_a_region() {
        let parsed = |tag| SpanLanguage::parse(tag).map(|l| (l.language, l.region));
        assert_eq!(parsed("de"), Some(("de".into(), None)));
        assert_eq!(parsed("de-ch"), Some(("de".into(), Some("CH".into()))));
        assert_eq!(parsed("sr-Latn"), Some(("sr".into(), None)));
        assert_eq!(parsed("sr-Latn-RS"), Some(("sr".into(), Some("RS".into()))));
        assert_eq!(parsed("de-CH-1901"), None);
        assert_eq!(parsed("German"), None);
    }
}
