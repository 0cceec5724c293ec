//! Translation segments: the units a translator works on. A chapter's
//! Markdown is cut into its leaf blocks (headings, paragraphs, list items,
//! table cells, footnote paragraphs), each with the byte range of its text
//! in the file, so that a translation can be put back in place without
//! touching the structure around it. Code, raw HTML and lines that only
//! place a table or figure (`{{table:ID}}`) are not segments.
//!
//! The placeholders a translation must keep are found here too: data
//! references and placement markers (`{{...}}`), footnote references
//! (`[^id]`) and link targets (`](url)`, `<https://…>`).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::markdown::CaptionWords;

/// What a segment is in its chapter; part of its `msgctxt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    Heading,
    Paragraph,
    ListItem,
    TableCell,
    Footnote,
    Quote,
}

impl SegmentKind {
    /// The word used in the PO file's context (`background.md: heading`).
    pub fn name(self) -> &'static str {
        match self {
            SegmentKind::Heading => "heading",
            SegmentKind::Paragraph => "paragraph",
            SegmentKind::ListItem => "list item",
            SegmentKind::TableCell => "table cell",
            SegmentKind::Footnote => "footnote",
            SegmentKind::Quote => "quote",
        }
    }

    /// Whether the text must stay on one line (a heading or table cell).
    pub fn single_line(self) -> bool {
        matches!(self, SegmentKind::Heading | SegmentKind::TableCell)
    }
}

/// One leaf block of a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: SegmentKind,
    /// Bytes of the block's text in the file (markers such as `## `, `- `
    /// and the `> ` of continuation lines stay outside or are removed from
    /// [`Segment::text`]).
    pub range: Range<usize>,
    /// The text as the translator sees it: the Markdown of the block with
    /// the continuation prefixes (indentation, `>`) of its lines removed.
    pub text: String,
    /// 1-based line of the block's first character.
    pub line: usize,
    /// A paragraph starting `Table:` (or another caption word of the
    /// profile: `Tabelle:`, `Tableau :`) next to a pipe table (a blank line
    /// between): the table's caption, whose caption word is not translated.
    pub caption: bool,
}

/// Cuts a chapter's Markdown (front matter already blanked) into segments,
/// in reading order; `captions` are the words that open a table's caption.
pub fn chapter_segments(markdown: &str, captions: &CaptionWords) -> Vec<Segment> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut out = Vec::new();
    // Open block containers; each collects the range of its direct inline run.
    let mut stack: Vec<(Frame, Option<Range<usize>>)> = Vec::new();
    let flush = |frame: Frame,
                 run: Range<usize>,
                 within: &[(Frame, Option<Range<usize>>)],
                 out: &mut Vec<Segment>| {
        let kind = match frame {
            Frame::Heading => SegmentKind::Heading,
            Frame::TableCell => SegmentKind::TableCell,
            Frame::Item => SegmentKind::ListItem,
            Frame::Paragraph => {
                if within.iter().any(|(f, _)| *f == Frame::Footnote) {
                    SegmentKind::Footnote
                } else if within.iter().any(|(f, _)| *f == Frame::Item) {
                    SegmentKind::ListItem
                } else if within.iter().any(|(f, _)| *f == Frame::Quote) {
                    SegmentKind::Quote
                } else {
                    SegmentKind::Paragraph
                }
            }
            _ => return,
        };
        let raw = &markdown[run.clone()];
        let text = strip_continuations(raw);
        if is_placement_only(&text) {
            return;
        }
        let line = markdown[..run.start].matches('\n').count() + 1;
        out.push(Segment {
            kind,
            range: run,
            text,
            line,
            caption: false,
        });
    };
    let mut tables: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        if let Event::Start(Tag::Table(_)) = &event {
            tables.push(range.clone());
        }
        match event {
            Event::Start(tag) => {
                if let Some(frame) = block_frame(&tag) {
                    if let Some((top, run)) = stack.last_mut() {
                        if let Some(run) = run.take() {
                            let top = *top;
                            let within = stack[..stack.len() - 1].to_vec();
                            flush(top, run, &within, &mut out);
                        }
                    }
                    stack.push((frame, None));
                } else {
                    extend(&mut stack, range);
                }
            }
            Event::End(end) => {
                if !crate::markdown::is_inline_end(&end) {
                    if let Some((frame, Some(run))) = stack.pop() {
                        flush(frame, run, &stack, &mut out);
                    }
                } else {
                    extend(&mut stack, range);
                }
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::TaskListMarker(_) => {
                if matches!(
                    stack.last(),
                    Some((Frame::Code | Frame::Html | Frame::Other, _))
                ) {
                    continue;
                }
                extend(&mut stack, range);
            }
            Event::Html(_) | Event::Rule => {}
        }
    }
    for segment in &mut out {
        segment.caption = is_caption(markdown, segment, &tables, captions);
    }
    out
}

/// Whether a segment is a table's caption: a paragraph starting with a
/// caption word (`Table:`, `Tabelle:`) with only blank lines between it and
/// a pipe table (before or after), as the Markdown conversion pairs them
/// (`src/markdown/tables.rs`).
fn is_caption(
    markdown: &str,
    segment: &Segment,
    tables: &[Range<usize>],
    captions: &CaptionWords,
) -> bool {
    if segment.kind != SegmentKind::Paragraph || captions.prefix_len(&segment.text).is_none() {
        return false;
    }
    let blank = |between: Option<&str>| between.is_some_and(|t| t.trim().is_empty());
    tables.iter().any(|table| {
        blank(markdown.get(table.end..segment.range.start))
            || blank(markdown.get(segment.range.end..table.start))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Paragraph,
    Heading,
    Item,
    TableCell,
    Footnote,
    Quote,
    Code,
    Html,
    Other,
}

/// The block a start opens; `None` for an inline element (emphasis, a
/// link), whose text belongs to the block around it.
fn block_frame(tag: &Tag) -> Option<Frame> {
    if crate::markdown::is_inline_end(&tag.to_end()) {
        return None;
    }
    Some(match tag {
        Tag::Paragraph => Frame::Paragraph,
        Tag::Heading { .. } => Frame::Heading,
        Tag::Item => Frame::Item,
        Tag::TableCell => Frame::TableCell,
        Tag::FootnoteDefinition(_) => Frame::Footnote,
        Tag::BlockQuote(_) => Frame::Quote,
        Tag::CodeBlock(_) => Frame::Code,
        Tag::HtmlBlock => Frame::Html,
        _ => Frame::Other,
    })
}

fn extend(stack: &mut [(Frame, Option<Range<usize>>)], range: Range<usize>) {
    if let Some((_, run)) = stack.last_mut() {
        *run = Some(match run.take() {
            Some(r) => r.start.min(range.start)..r.end.max(range.end),
            None => range,
        });
    }
}

/// The text of a block without the indentation and `>` markers that
/// continue it on its following lines.
fn strip_continuations(raw: &str) -> String {
    let mut lines = raw.split('\n');
    let mut out = lines.next().unwrap_or_default().to_string();
    for line in lines {
        out.push('\n');
        out.push_str(strip_prefix(line));
    }
    out
}

fn strip_prefix(line: &str) -> &str {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        match trimmed.strip_prefix('>') {
            Some(after) => rest = after,
            None => return trimmed,
        }
    }
}

/// The prefix that continues a block on its next lines: the text before
/// the block's first character on its line, with `>` kept and every other
/// character (list markers, indentation) turned into spaces.
pub fn continuation_prefix(markdown: &str, start: usize) -> String {
    let line_start = markdown[..start].rfind('\n').map_or(0, |i| i + 1);
    markdown[line_start..start]
        .chars()
        .map(|c| if c == '>' { '>' } else { ' ' })
        .collect()
}

/// Puts `text` (a translation, lines separated by `\n`) where a segment's
/// text was, continuing its lines with the block's prefix.
pub fn replace_segment(markdown: &str, segment: &Segment, text: &str) -> String {
    let prefix = continuation_prefix(markdown, segment.range.start);
    let joined = text
        .split('\n')
        .collect::<Vec<_>>()
        .join(&format!("\n{prefix}"));
    let mut out = String::with_capacity(markdown.len() + text.len());
    out.push_str(&markdown[..segment.range.start]);
    out.push_str(&joined);
    out.push_str(&markdown[segment.range.end..]);
    out
}

/// Puts translations (segment index and text) in place of their segments
/// (the segments of `markdown`): the new Markdown, and where each
/// translation now is in it (index and bytes), in segment order.
pub fn replace_segments(
    markdown: &str,
    segments: &[Segment],
    translations: &[(usize, &str)],
) -> (String, Vec<(usize, Range<usize>)>) {
    let mut sorted: Vec<(usize, &str)> = translations
        .iter()
        .copied()
        .filter(|(i, _)| *i < segments.len())
        .collect();
    sorted.sort_by_key(|(i, _)| *i);
    sorted.dedup_by_key(|(i, _)| *i);
    let mut out = markdown.to_string();
    // (index, start, length before, length after), from the last one, so
    // that the ranges of the segments before stay valid.
    let mut lengths = Vec::new();
    for &(index, text) in sorted.iter().rev() {
        let segment = &segments[index];
        let before = out.len();
        out = replace_segment(&out, segment, text);
        let new_length = out.len() + segment.range.len() - before;
        lengths.push((index, segment.range.start, segment.range.len(), new_length));
    }
    lengths.reverse();
    let mut shift = 0isize;
    let mut placed = Vec::new();
    for (index, start, old_length, new_length) in lengths {
        let at = start.saturating_add_signed(shift);
        placed.push((index, at..at + new_length));
        shift += new_length as isize - old_length as isize;
    }
    (out, placed)
}

/// A block that only places tables, figures or lists: nothing to translate.
fn is_placement_only(text: &str) -> bool {
    let mut rest = text.trim();
    while let Some(after) = rest.strip_prefix("{{") {
        let Some(end) = after.find("}}") else {
            return false;
        };
        let inner = &after[..end];
        if !(inner.starts_with("table:")
            || inner.starts_with("figure:")
            || inner == "components"
            || inner == "links")
        {
            return false;
        }
        rest = after[end + 2..].trim_start();
    }
    rest.is_empty()
}

/// Whether a `{{...}}` token is a to-do or a source-language tag.
fn is_work_marker(token: &str) -> bool {
    let inner = token.trim_start_matches("{{").trim_start();
    ["todo:", "TODO:", "untranslated:"]
        .iter()
        .any(|m| inner.starts_with(m))
}

/// The placeholders of a text that its translation must keep, sorted:
/// `{{...}}` markers (but to-dos and source-language tags), footnote
/// references `[^id]`, link targets `](url)` and autolinks `<scheme:…>`.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let rest = &text[i..];
        let (token, len) = if rest.starts_with("{{") {
            match rest.find("}}") {
                Some(end) => (Some(&rest[..end + 2]), end + 2),
                None => (None, 2),
            }
        } else if rest.starts_with("[^") {
            match rest.find(']') {
                Some(end) if !rest[2..end].contains(char::is_whitespace) => {
                    (Some(&rest[..end + 1]), end + 1)
                }
                _ => (None, 2),
            }
        } else if rest.starts_with("](") {
            match rest.find(')') {
                Some(end) => (Some(&rest[1..end + 1]), end + 1),
                None => (None, 2),
            }
        } else if rest.starts_with('<') {
            match rest.find('>') {
                Some(end)
                    if rest[1..end].contains(':')
                        && !rest[1..end].contains(char::is_whitespace) =>
                {
                    (Some(&rest[..end + 1]), end + 1)
                }
                _ => (None, 1),
            }
        } else {
            (None, rest.chars().next().map_or(1, char::len_utf8))
        };
        // A to-do (`{{todo: ...}}`) or a source-language tag
        // (`{{untranslated: en}}`) marks work still to do: a translation may
        // do it, and drop or keep the marker.
        if let Some(token) = token.filter(|t| !is_work_marker(t)) {
            found.push(token.to_string());
        }
        i += len;
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<(SegmentKind, String)> {
        chapter_segments(md, &CaptionWords::english())
            .into_iter()
            .map(|s| (s.kind, s.text))
            .collect()
    }

    #[test]
    fn leaf_blocks_are_segments_in_reading_order() {
        let md = "# Title\n\nA paragraph\nthat wraps.\n\n- one\n- two\n  - nested\n\n> quoted\n> text\n\n| a | b |\n|---|---|\n| c | d |\n\nNote[^1].\n\n[^1]: The note.\n";
        assert_eq!(
            texts(md),
            vec![
                (SegmentKind::Heading, "Title".into()),
                (SegmentKind::Paragraph, "A paragraph\nthat wraps.".into()),
                (SegmentKind::ListItem, "one".into()),
                (SegmentKind::ListItem, "two".into()),
                (SegmentKind::ListItem, "nested".into()),
                (SegmentKind::Quote, "quoted\ntext".into()),
                (SegmentKind::TableCell, "a".into()),
                (SegmentKind::TableCell, "b".into()),
                (SegmentKind::TableCell, "c".into()),
                (SegmentKind::TableCell, "d".into()),
                (SegmentKind::Paragraph, "Note[^1].".into()),
                (SegmentKind::Footnote, "The note.".into()),
            ]
        );
    }

    #[test]
    fn code_html_and_placements_are_not_segments() {
        let md =
            "```\ncode\n```\n\n<div>x</div>\n\n{{table:overview}}\n\nText {{population.total}}.\n";
        assert_eq!(
            texts(md),
            vec![(SegmentKind::Paragraph, "Text {{population.total}}.".into())]
        );
    }

    #[test]
    fn a_translation_goes_back_in_place_with_the_block_prefix() {
        let md = "- one\n- two\n  wraps\n\n> a\n> b\n";
        let segs = chapter_segments(md, &CaptionWords::english());
        let out = replace_segment(md, &segs[1], "zwei\numbricht\nweiter");
        assert_eq!(out, "- one\n- zwei\n  umbricht\n  weiter\n\n> a\n> b\n");
        let segs = chapter_segments(&out, &CaptionWords::english());
        let out = replace_segment(&out, &segs[2], "x\ny");
        assert_eq!(out, "- one\n- zwei\n  umbricht\n  weiter\n\n> x\n> y\n");
    }

    #[test]
    fn translations_go_in_together_and_each_is_found_where_it_went() {
        let md = "# T\n\n- one\n- two\n\nA\npara.\n";
        let segs = chapter_segments(md, &CaptionWords::english());
        let (out, placed) =
            replace_segments(md, &segs, &[(3, "Ein\nAbsatz."), (1, "eins, länger")]);
        assert_eq!(out, "# T\n\n- eins, länger\n- two\n\nEin\nAbsatz.\n");
        assert_eq!(placed.len(), 2);
        assert_eq!(&out[placed[0].1.clone()], "eins, länger");
        assert_eq!(&out[placed[1].1.clone()], "Ein\nAbsatz.");
    }

    #[test]
    fn placeholders_are_markers_notes_and_link_targets() {
        assert_eq!(
            placeholders("See [the law](https://x.org/a) {{a.b}}[^2] and <https://y.org>."),
            vec!["(https://x.org/a)", "<https://y.org>", "[^2]", "{{a.b}}"]
        );
        assert!(placeholders("a [plain] text").is_empty());
        // Work still to do is no placeholder a translation must keep.
        assert!(placeholders("{{todo: list the sources}} {{untranslated: en}}Text").is_empty());
    }
}
