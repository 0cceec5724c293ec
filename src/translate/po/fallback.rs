//! What a build prints of a language kept with a PO record: the segments
//! and data texts whose translation is fuzzy or missing fall back to the
//! source language, each marked and named.

use super::data_texts;
use super::segment::{chapter_segments, replace_segment};
use super::{match_record, read_record, recorded, relative, validate, SourceText};
use crate::base::diag::Diagnostic;
use crate::profile::Profile;
use crate::translate::state;

/// The data texts of a language kept with a PO record whose source text
/// changed since they were translated (their translation is fuzzy): each as
/// (span start, span end, current source text) in its file. Empty without
/// a record.
pub fn stale_data_texts(
    profile: &Profile,
    lang: &str,
) -> Result<std::collections::HashSet<(usize, usize, String)>, Diagnostic> {
    let mut out = std::collections::HashSet::new();
    let Some(record) = read_record(profile, lang)? else {
        return Ok(out);
    };
    let source_lang = profile.source_language();
    for (path, texts) in data_texts(profile, &source_lang) {
        let Some(recorded) = recorded(Some(&record), &relative(profile, &path)) else {
            continue;
        };
        let sources: Vec<SourceText> = texts
            .iter()
            .map(|t| (t.source.to_string(), String::new(), "text"))
            .collect();
        for (i, found) in match_record(&sources, &recorded).into_iter().enumerate() {
            if let Some((old, same)) = found {
                if !same || old.fuzzy {
                    let span = &texts[i].text.span;
                    out.insert((span.start, span.end, sources[i].0.clone()));
                }
            }
        }
    }
    Ok(out)
}

/// A segment printed in the source language because its translation is
/// fuzzy or missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenSegment {
    /// 1-based line of the segment in the source chapter.
    pub line: usize,
    /// `fuzzy` or `untranslated`.
    pub state: &'static str,
}

/// For a language kept with a PO record (`po/<lang>.po`): the chapter's
/// translated Markdown with every segment whose translation is fuzzy or
/// missing replaced by its source text, and those segments. `None` when the
/// language has no record, when the chapter's translation does not line up
/// with its source segment by segment (then the chapter as a whole is
/// outdated), or when every segment is translated.
pub fn fallback_chapter(
    profile: &Profile,
    lang: &str,
    chapter: &str,
    translated_markdown: &str,
) -> Result<Option<(String, Vec<OpenSegment>)>, Diagnostic> {
    let Some(record) = read_record(profile, lang)? else {
        return Ok(None);
    };
    let source_lang = profile.source_language();
    let (_, Some(source_markdown)) = state::read_chapter(profile, &source_lang, chapter)? else {
        return Ok(None);
    };
    let source = chapter_segments(&source_markdown);
    let translated = chapter_segments(translated_markdown);
    let lines_up = source.len() == translated.len()
        && source
            .iter()
            .zip(&translated)
            .all(|(a, b)| a.kind == b.kind);
    let Some(recorded) = recorded(Some(&record), chapter) else {
        return Ok(None);
    };
    if !lines_up || recorded.len() != translated.len() {
        return Ok(None);
    }
    let sources: Vec<SourceText> = source
        .iter()
        .map(|s| (s.text.clone(), String::new(), s.kind.name()))
        .collect();
    let matches = match_record(&sources, &recorded);
    let mut open = Vec::new();
    let mut markdown = translated_markdown.to_string();
    for (i, segment) in source.iter().enumerate().rev() {
        let state = match matches[i] {
            Some((old, true)) if old.is_translated() => continue,
            Some((old, _)) if !old.translation.is_empty() => "fuzzy",
            _ => "untranslated",
        };
        let mark = format!("{{{{untranslated: {source_lang}}}}}");
        let marked = match segment.text.strip_prefix(validate::CAPTION_PREFIX) {
            // A table's caption stays one: the mark goes after its `Table:`.
            Some(rest) if segment.caption => {
                format!("{} {mark} {}", validate::CAPTION_PREFIX, rest.trim_start())
            }
            _ => format!("{mark} {}", segment.text),
        };
        markdown = replace_segment(&markdown, &translated[i], &marked);
        open.push(OpenSegment {
            line: segment.line,
            state,
        });
    }
    if open.is_empty() {
        return Ok(None);
    }
    open.reverse();
    Ok(Some((markdown, open)))
}
