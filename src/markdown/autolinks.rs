//! Bare web addresses in running text (`https://…`, `http://…`, `www.…`)
//! become links, as readers of a PDF expect and as GitHub Flavored Markdown
//! reads them (its "extended autolinks"; pulldown-cmark has no option for
//! them). The rules are GFM's: an address starts at the start of a text or
//! after a space or `*`, `_`, `~`, `(`, `"`; it ends before a space or `<`;
//! trailing punctuation (`?`, `!`, `.`, `,`, `:`, `;`, `*`, `_`, `~`, quotes)
//! and a `)` or `]` that closes nothing inside it stay outside. A `www.`
//! address links to `https://www.…`. Text inside links, images and code is
//! left alone, as is text the parser changed from its source (an escape, an
//! entity), so every link's span is the address as written.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// The events with each bare web address in their text wrapped in a link.
/// A run of adjacent text events (the parser splits text at `_`, `*`, ...)
/// is read as one.
pub(super) fn link_bare_addresses<'a>(
    events: Vec<(Event<'a>, Range<usize>)>,
    source: &'a str,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut out = Vec::with_capacity(events.len());
    let mut inside = 0usize;
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => inside += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                inside = inside.saturating_sub(1)
            }
            Event::Text(_) if inside == 0 => {
                let mut j = i;
                while j < events.len() && matches!(events[j].0, Event::Text(_)) {
                    j += 1;
                }
                let span = events[i].1.start..events[j - 1].1.end;
                let as_written = events[i..j]
                    .windows(2)
                    .all(|w| w[0].1.end == w[1].1.start)
                    && events[i..j].iter().all(|(event, range)| {
                        matches!(event, Event::Text(t) if source.get(range.clone()) == Some(&**t))
                    });
                let addresses = if as_written {
                    bare_addresses(&source[span.clone()])
                } else {
                    Vec::new()
                };
                if addresses.is_empty() {
                    out.extend(events[i..j].iter().cloned());
                } else {
                    let mut at = 0;
                    let text = &source[span.clone()];
                    for found in addresses {
                        let start = span.start + found.start;
                        let end = span.start + found.end;
                        if found.start > at {
                            let before = &text[at..found.start];
                            out.push((Event::Text(CowStr::from(before)), span.start + at..start));
                        }
                        let written = &text[found.clone()];
                        let dest = if written.starts_with("www.") {
                            format!("https://{written}")
                        } else {
                            written.to_string()
                        };
                        let tag = Tag::Link {
                            link_type: LinkType::Autolink,
                            dest_url: CowStr::from(dest),
                            title: CowStr::from(""),
                            id: CowStr::from(""),
                        };
                        out.push((Event::Start(tag), start..end));
                        out.push((Event::Text(CowStr::from(written)), start..end));
                        out.push((Event::End(TagEnd::Link), start..end));
                        at = found.end;
                    }
                    if at < text.len() {
                        out.push((
                            Event::Text(CowStr::from(&text[at..])),
                            span.start + at..span.end,
                        ));
                    }
                }
                i = j;
                continue;
            }
            _ => {}
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}

/// The byte ranges of the bare web addresses in `text`.
fn bare_addresses(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = next_start(text, from) {
        let rest = &text[start..];
        let scheme = ["https://", "http://", "www."]
            .into_iter()
            .find(|s| rest.len() >= s.len() && rest[..s.len()].eq_ignore_ascii_case(s))
            .map_or(0, str::len);
        let length = rest
            .find(|c: char| c.is_whitespace() || c == '<')
            .unwrap_or(rest.len());
        let length = rest[..length].find("{{").unwrap_or(length);
        let address = trimmed(&rest[..length]);
        let host = address
            .get(scheme..)
            .unwrap_or("")
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("");
        let host_ok = !host.is_empty()
            && host.contains('.')
            && host.split('.').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == ':')
            });
        if host_ok {
            found.push(start..start + address.len());
        }
        from = start + length.max(1);
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    found
}

/// Where the next address may start at or after `from`: `https://`,
/// `http://` or `www.` at the start of the text or after a space or one of
/// `*_~("`.
fn next_start(text: &str, from: usize) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut at = from;
    loop {
        let next = ["https://", "http://", "www."]
            .into_iter()
            .filter_map(|s| lower[at..].find(s).map(|k| at + k))
            .min()?;
        let before = text[..next].chars().next_back();
        if before.is_none_or(|c| c.is_whitespace() || "*_~(\"“„«‘'".contains(c)) {
            return Some(next);
        }
        at = next + 1;
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
}

/// An address without the punctuation that ends the sentence around it:
/// GFM's trailing punctuation, quotes, and a `)` or `]` it does not open.
fn trimmed(address: &str) -> &str {
    let mut address = address;
    loop {
        let Some(last) = address.chars().next_back() else {
            return address;
        };
        let unbalanced = |open: char, close: char| {
            last == close && address.matches(close).count() > address.matches(open).count()
        };
        let trailing = "?!.,:;*_~\"'“”„‘’»«".contains(last);
        if trailing || unbalanced('(', ')') || unbalanced('[', ']') {
            address = &address[..address.len() - last.len_utf8()];
        } else {
            return address;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addresses(text: &str) -> Vec<&str> {
        bare_addresses(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn bare_addresses_are_found_without_the_sentence_around_them() {
        assert_eq!(
            addresses("See https://www.dortmund.de/migration. More at www.ils-forschung.de, or (http://example.org/a_(b))."),
            ["https://www.dortmund.de/migration", "www.ils-forschung.de", "http://example.org/a_(b)"]
        );
        assert_eq!(
            addresses("„https://example.org/x“ und"),
            ["https://example.org/x"]
        );
        // Not at a word's start, no host, or no dot in the host: no link.
        assert!(addresses("xhttps://example.org www. https:// https://localhost").is_empty());
    }
}
