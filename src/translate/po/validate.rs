//! What a translation must keep so that the profile still builds after
//! `translate import`, checked before anything is written and reported at
//! the translation's place in the PO file:
//!
//! - each entry keeps its source's placeholders ([`placeholder_problem`]),
//!   stays on one line where its block must ([`line_problem`]), and a table
//!   caption keeps a caption word (`Table:`, `Tabelle:`) that makes it one
//!   ([`caption_problem`]);
//! - each chapter the import writes still has its source's blocks, one per
//!   segment, and converts as the build converts it ([`chapter_problems`]:
//!   the same Markdown conversion, so a broken language span, an unclosed
//!   HTML comment or an image is refused here, not found later by `check`
//!   in a chapter file the translator never edited).
//!
//! A problem in a msgstr is placed at its line and column in the PO file
//! ([`msgstr_position`]), found from the entry's line and the offset in the
//! translated text.

use std::ops::Range;
use std::path::Path;

use super::catalog::Entry;
use super::segment::{
    chapter_segments, continuation_prefix, placeholders, replace_segments, Segment,
};
use crate::base::diag::{Diagnostic, Position};
use crate::base::source::SourceFile;
use crate::markdown::{self, CaptionWords, Placement, Resolver};

/// The note a caption's entry carries for the translator (`#.`): keep the
/// caption word its source starts with (`written`: `Table:`, `Tabelle:`).
pub fn caption_note(written: &str) -> String {
    format!("The caption of a table: keep `{written}` at its start as it is written (do not translate it; the edition prints its own word and the table's number) and translate what follows.")
}

/// The note of a segment that is a table's caption, if it is one.
pub fn segment_note(segment: Option<&Segment>, captions: &CaptionWords) -> Option<String> {
    let segment = segment.filter(|s| s.caption)?;
    Some(caption_note(
        captions.written_prefix(&segment.text).unwrap_or("Table:"),
    ))
}

/// Placeholders for a message, each in backticks: `` `[^1]`, `{{x}}` ``.
fn code_list(items: &[&String]) -> String {
    items
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a translation does not keep its source's placeholders (data
/// references, footnote references, link targets), if it does not.
pub fn placeholder_problem(context: &str, source: &str, translation: &str) -> Option<String> {
    let expected = placeholders(source);
    let got = placeholders(translation);
    if expected == got {
        return None;
    }
    let missing: Vec<&String> = expected.iter().filter(|p| !got.contains(p)).collect();
    let extra: Vec<&String> = got.iter().filter(|p| !expected.contains(p)).collect();
    let mut what = Vec::new();
    if !missing.is_empty() {
        what.push(format!("it lacks {}", code_list(&missing)));
    }
    if !extra.is_empty() {
        what.push(format!(
            "it has {} that the source does not",
            code_list(&extra)
        ));
    }
    if what.is_empty() {
        what.push("a placeholder appears another number of times than in the source".into());
    }
    Some(format!("the translation of `{context}` does not keep the source's placeholders: {}; copy each {{{{...}}}}, [^note], (link target) and <link> from the msgid unchanged", what.join(" and ")))
}

/// Why a translation breaks a block that must stay on one line (a heading
/// or a table cell), if it does.
pub fn line_problem(context: &str, segment: Option<&Segment>, translation: &str) -> Option<String> {
    let single_line = segment.is_some_and(|s| s.kind.single_line());
    (single_line && translation.contains('\n')).then(|| {
        format!("the translation of `{context}` must stay on one line (it is a heading or a table cell)")
    })
}

/// Why a table caption's translation would no longer be a caption (it lost
/// the caption word its source starts with, `Table:` or another of
/// `captions`), if so: the table would print unnumbered and the caption as
/// an ordinary paragraph.
pub fn caption_problem(
    context: &str,
    segment: Option<&Segment>,
    translation: &str,
    captions: &CaptionWords,
) -> Option<String> {
    let segment = segment.filter(|s| s.caption)?;
    let written = captions.written_prefix(&segment.text).unwrap_or("Table:");
    captions.prefix_len(translation).is_none().then(|| {
        format!("the translation of `{context}` must start with `{written}` as written, as its source does: that word makes the paragraph the caption of the table next to it (the edition prints its own word for it and the table's number); write `{written} ` and then the translated caption")
    })
}

/// The line and column in a PO file of the byte `offset` of the msgstr of
/// the entry that starts at line `entry_line`: the msgstr's quoted lines
/// are read with their escapes (`\"`, `\\`, `\n`) to find it. The msgstr's
/// first line, column 1, when the offset cannot be found.
pub fn msgstr_position(po_text: &str, entry_line: usize, offset: usize) -> Position {
    let lines: Vec<&str> = po_text.lines().collect();
    let first = entry_line.saturating_sub(1);
    let Some(start) = (first..lines.len()).find(|&i| lines[i].starts_with("msgstr")) else {
        return Position {
            line: entry_line.max(1),
            column: 1,
        };
    };
    let fallback = Position {
        line: start + 1,
        column: 1,
    };
    let mut at = 0usize; // bytes of the unescaped text before the current char
    for (i, line) in lines.iter().enumerate().skip(start) {
        // The msgstr's own line, then the quoted lines that continue it.
        if i > start && !line.trim_start().starts_with('"') {
            break;
        }
        let quoted = line.find('"');
        let Some(open) = quoted else {
            break;
        };
        let mut chars = line[open + 1..].char_indices().peekable();
        let mut columns = line[..open + 1].chars().count();
        while let Some((_, c)) = chars.next() {
            let (unescaped, width) = match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some((_, 'n')) => ('\n', 2),
                    Some((_, 't')) => ('\t', 2),
                    Some((_, e)) => (e, 2),
                    None => break,
                },
                c => (c, 1),
            };
            if at >= offset {
                return Position {
                    line: i + 1,
                    column: columns + 1,
                };
            }
            at += unescaped.len_utf8();
            columns += width;
        }
        if at > offset {
            return fallback;
        }
    }
    fallback
}

/// Accepts every placement and value: a translation keeps its source's
/// placeholders (checked entry by entry), so what they name is the source's
/// business, reported by `check` at the source chapter. Reads table
/// captions with the profile's caption words, as the build does.
struct AnyReference<'a>(&'a CaptionWords);

impl Resolver for AnyReference<'_> {
    fn caption_words(&self) -> CaptionWords {
        self.0.clone()
    }

    type Error = std::convert::Infallible;

    fn place(&mut self, _: &Placement, _: bool) -> Result<String, Self::Error> {
        Ok(String::new())
    }

    fn value(&mut self, _: &str) -> Result<String, Self::Error> {
        Ok("0".into())
    }
}

/// The problems that the translations an import puts into a chapter cause
/// in it, each at its entry's msgstr in the PO file. Each translation is
/// first put in alone: one after which the chapter's blocks no longer line
/// up with the source's segments (made into two paragraphs, into a list, or
/// into an HTML comment that runs on) is refused. The others are then put
/// in together and the chapter converted as the build converts it: every
/// error inside a translated segment is refused. Problems outside the
/// translated segments were there before and are left to `check`.
///
/// `base` is the chapter the translations go into, as the build reads it
/// (front matter blanked), with its segments; `source` the source
/// chapter's segments; `translated` the entries put in, by segment index;
/// `captions` the words that open a table's caption.
pub fn chapter_problems(
    captions: &CaptionWords,
    chapter_path: &Path,
    base: (&str, &[Segment]),
    source: &[Segment],
    translated: &[(usize, &Entry)],
    po_path: &Path,
    po_text: &str,
) -> Vec<Diagnostic> {
    let (base_markdown, base_segments) = base;
    let at = |e: &Entry, offset: usize, message: String| {
        Diagnostic::error(
            po_path,
            Some(msgstr_position(po_text, e.line.max(1), offset)),
            message,
        )
    };
    let lines_up = |markdown: &str| {
        let segments = chapter_segments(markdown, captions);
        segments.len() == source.len() && segments.iter().zip(source).all(|(a, b)| a.kind == b.kind)
    };
    let mut out = Vec::new();
    let mut whole = Vec::new();
    for &(index, e) in translated {
        let (alone, placed) = replace_segments(
            base_markdown,
            base_segments,
            &[(index, e.translation.as_str())],
        );
        if lines_up(&alone) {
            whole.push((index, e.translation.as_str()));
            continue;
        }
        let kind = source.get(index).map_or("block", |s| s.kind.name());
        // The conversion's own word for it, when it has one (an HTML
        // comment never closed), at its place in the msgstr.
        let errors = conversion_errors(captions, chapter_path, &alone);
        let why = placed
            .first()
            .and_then(|(_, range)| errors_within(&alone, &errors, range).into_iter().next());
        out.push(match why {
            Some((within, why)) => at(e, within, format!("the translation of `{}` would not build: {why}", e.context)),
            None => at(e, 0, format!("the translation of `{}` is no longer one {kind} of the chapter: its Markdown makes more or other blocks of it (a blank line, a line starting with `#`, `-`, `*`, `+`, `>`, `|`, `<` or a number and `.`); write it as one {kind}", e.context)),
        });
    }
    let (markdown, placed) = replace_segments(base_markdown, base_segments, &whole);
    let errors = conversion_errors(captions, chapter_path, &markdown);
    for (index, range) in &placed {
        let Some(&(_, e)) = translated.iter().find(|(i, _)| i == index) else {
            continue;
        };
        for (within, why) in errors_within(&markdown, &errors, range) {
            out.push(at(
                e,
                within,
                format!("the translation of `{}` would not build: {why}", e.context),
            ));
        }
    }
    if out.is_empty() && !lines_up(&markdown) {
        // Only together do the translations change the chapter's blocks.
        if let Some(&(_, e)) = translated.first() {
            out.push(at(e, 0, format!("the translations from `{}` on change the chapter's blocks: each must stay one block of the kind its source is", e.context)));
        }
    }
    out
}

/// The errors the build's Markdown conversion finds in a chapter: each
/// with its byte offset and message.
fn conversion_errors(
    captions: &CaptionWords,
    chapter_path: &Path,
    markdown: &str,
) -> Vec<(usize, String)> {
    let file = SourceFile {
        path: chapter_path.to_path_buf(),
        text: markdown.to_string(),
    };
    let Err(errors) = markdown::convert(&file, &mut AnyReference(captions)) else {
        return Vec::new();
    };
    errors
        .errors()
        .filter_map(|d| Some((offset_of(markdown, d.position?), d.message.clone())))
        .collect()
}

/// Of a chapter's errors, those inside the bytes `range` of a translation
/// (from the start of its first line, where a `## ` or `- ` stands): each
/// with its offset in the translation's text and message.
fn errors_within(
    markdown: &str,
    errors: &[(usize, String)],
    range: &Range<usize>,
) -> Vec<(usize, String)> {
    let line_start = markdown[..range.start].rfind('\n').map_or(0, |n| n + 1);
    errors
        .iter()
        .filter(|(offset, _)| (line_start..=range.end).contains(offset))
        .map(|(offset, message)| {
            (
                translation_offset(markdown, range, *offset),
                message.clone(),
            )
        })
        .collect()
}

/// The byte offset of a line and column (in characters) of a text.
fn offset_of(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 1..position.line {
        match text[line_start..].find('\n') {
            Some(n) => line_start += n + 1,
            None => break,
        }
    }
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    line_start
        + line
            .char_indices()
            .nth(position.column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
}

/// The offset in a segment's text (as the translator wrote it) of a byte of
/// the chapter: the continuation prefixes of its lines removed.
fn translation_offset(markdown: &str, range: &Range<usize>, offset: usize) -> usize {
    let offset = offset.clamp(range.start, range.end);
    let raw = &markdown[range.start..offset];
    let prefix = continuation_prefix(markdown, range.start).len();
    let breaks = raw.matches('\n').count();
    raw.len().saturating_sub(breaks * prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_in_a_msgstr_is_found_at_its_line_and_column() {
        let po = "#: a.md:1\nmsgctxt \"a 1 paragraph\"\nmsgid \"x\"\nmsgstr \"\"\n\"Ein \\\"Wort\\\" \"\n\"und [x]{lang=} hier\"\n";
        // "Ein \"Wort\" und [x]{lang=} hier": `{` at byte 18.
        let text = "Ein \"Wort\" und [x]{lang=} hier";
        let offset = text.find('{').unwrap();
        assert_eq!(
            msgstr_position(po, 1, offset),
            Position { line: 6, column: 9 }
        );
        assert_eq!(msgstr_position(po, 1, 0), Position { line: 5, column: 2 });
    }

    #[test]
    fn a_link_made_an_image_is_refused_at_its_place_in_the_msgstr() {
        let source = "# T\n\nSee [the law](https://x.org).\n\nMore.\n";
        let segments = chapter_segments(source, &CaptionWords::english());
        let po = "#: text/en/t.md:3\nmsgctxt \"t 2 paragraph\"\nmsgid \"See [the law](https://x.org).\"\nmsgstr \"Siehe ![das Gesetz](https://x.org).\"\n";
        let entry = Entry {
            context: "t 2 paragraph".into(),
            source: segments[1].text.clone(),
            translation: "Siehe ![das Gesetz](https://x.org).".into(),
            line: 1,
            ..Entry::default()
        };
        // The placeholders are the same: only the conversion finds it.
        assert!(placeholder_problem(&entry.context, &entry.source, &entry.translation).is_none());
        let problems = chapter_problems(
            &CaptionWords::english(),
            Path::new("text/de/t.md"),
            (source, &segments),
            &segments,
            &[(1, &entry)],
            Path::new("de.po"),
            po,
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0]
            .message
            .contains("images in Markdown are not supported"));
        assert_eq!(
            problems[0].position,
            Some(Position {
                line: 4,
                column: 15
            })
        );
        // A translation that keeps the Markdown whole has no problem.
        let fine = Entry {
            translation: "Siehe [das Gesetz](https://x.org).".into(),
            ..entry.clone()
        };
        let problems = chapter_problems(
            &CaptionWords::english(),
            Path::new("text/de/t.md"),
            (source, &segments),
            &segments,
            &[(1, &fine)],
            Path::new("de.po"),
            po,
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_caption_that_lost_its_prefix_is_a_problem() {
        let md = "# T\n\n| a |\n|---|\n| b |\n\nTable: The caption\n\nTable: no table here\n";
        let english = CaptionWords::english();
        let segments = chapter_segments(md, &english);
        let caption = segments.iter().find(|s| s.caption).unwrap();
        assert_eq!(caption.text, "Table: The caption");
        assert_eq!(segments.iter().filter(|s| s.caption).count(), 1);
        let problem = |words: &CaptionWords, translation: &str| {
            caption_problem("t 4 paragraph", Some(caption), translation, words)
        };
        assert!(problem(&english, "جدول: العنوان").is_some());
        assert!(problem(&english, "Table: العنوان").is_none());
        // The caption word of a language the profile declares keeps it a
        // caption too.
        let arabic = CaptionWords::new(["جدول".to_string()]);
        assert!(problem(&arabic, "جدول: العنوان").is_none());
        assert!(problem(&arabic, "العنوان").is_some());
    }

    #[test]
    fn a_caption_written_with_the_source_languages_word_keeps_that_word() {
        let md = "# T\n\n| a |\n|---|\n| b |\n\nTabelle: Städte\n";
        let words = CaptionWords::new(["Tabelle".to_string()]);
        let segments = chapter_segments(md, &words);
        let caption = segments.iter().find(|s| s.caption).unwrap();
        assert_eq!(caption.text, "Tabelle: Städte");
        let note = segment_note(Some(caption), &words).unwrap();
        assert!(note.contains("keep `Tabelle:` at its start"), "{note}");
        let problem = caption_problem("t 4 paragraph", Some(caption), "Cities", &words).unwrap();
        assert!(problem.contains("must start with `Tabelle:`"), "{problem}");
        // Read with `Table` alone, the paragraph is no caption.
        let english = chapter_segments(md, &CaptionWords::english());
        assert!(english.iter().all(|s| !s.caption));
    }
}
