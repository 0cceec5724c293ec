//! How an import writes a translated chapter: the translations put into
//! the chapter's own Markdown when its blocks line up with the source's,
//! else the chapter made anew from the source (refused for a chapter
//! written by hand in other blocks, which would lose what the catalog does
//! not hold); its front matter records the source when every block is
//! translated.

use std::collections::BTreeMap;
use std::path::Path;

use super::segment::{replace_segments, Segment};
use super::{ChapterSource, Entry};
use crate::base::diag::{Diagnostic, Position};
use crate::profile::Profile;
use crate::translate::state;

/// A translated chapter as an import writes it.
pub(super) struct ImportedChapter {
    /// The file's new text, front matter included.
    pub text: String,
    /// The Markdown the translations were put into (front matter blanked)
    /// and its segments, which line up with the source's.
    pub base: String,
    pub base_segments: Vec<Segment>,
    /// The segments whose translation was put in, by index.
    pub replaced: Vec<usize>,
}

/// The translated chapter after an import, or `None` when it is unchanged.
/// A chapter whose translation lines up with the source keeps its own
/// Markdown with the changed segments replaced; otherwise it is made anew
/// from the source chapter with every segment translated (or left in the
/// source language where the catalog has no translation).
pub(super) fn chapter_text(
    profile: &Profile,
    chapter: &ChapterSource,
    entries: &BTreeMap<usize, &Entry>,
    follows_record: bool,
) -> Result<Option<ImportedChapter>, Diagnostic> {
    let lined_up = chapter
        .translated
        .as_ref()
        .filter(|(_, segs)| super::lines_up(segs, &chapter.segments));
    let lines_up = lined_up.is_some();
    let original_exists = profile.sources.exists(&chapter.translated_path);
    let nothing_translated = entries.values().all(|e| e.translation.is_empty());
    if !lines_up && nothing_translated {
        // Nothing of this chapter is in the catalog: a chapter written in
        // other blocks than the source (by hand) stays as it is, and none is
        // made of source text.
        return Ok(None);
    }
    if !lines_up && original_exists && !follows_record {
        // Made anew from the source, a chapter written by hand would lose
        // what the catalog does not hold: refused, unless every block of it
        // is a translation the catalog gives. (A chapter written block by
        // block as its record has them is made anew: its blocks whose
        // source is gone go with it.)
        let own = chapter
            .translated
            .as_ref()
            .map_or(&[][..], |(_, segs)| segs);
        if let Some(lost) = own
            .iter()
            .find(|s| !entries.values().any(|e| e.translation == s.text))
        {
            return Err(Diagnostic::error(
                &chapter.translated_path,
                Some(Position { line: lost.line, column: 1 }),
                format!(
                    "this chapter is not written in the blocks of its source ({} here, {} in the source), so the catalog's translations cannot be put into it, and making it anew from the catalog would lose this block and the others the catalog does not hold: move the file aside to take the catalog's translation, or leave this chapter's entries empty to keep it",
                    own.len(),
                    chapter.segments.len()
                ),
            ));
        }
    }
    let (base, segments) = match lined_up {
        Some((md, segs)) => (md.clone(), segs.clone()),
        None => (chapter.source_markdown.clone(), chapter.segments.clone()),
    };
    let translations: Vec<(usize, &str)> = segments
        .iter()
        .enumerate()
        .filter_map(|(index, segment)| {
            let e = entries.get(&index)?;
            (!e.translation.is_empty() && e.translation != segment.text)
                .then_some((index, e.translation.as_str()))
        })
        .collect();
    let changed = !lines_up || !translations.is_empty();
    let replaced: Vec<usize> = translations.iter().map(|(i, _)| *i).collect();
    let (markdown, _) = replace_segments(&base, &segments, &translations);
    let complete = chapter
        .segments
        .iter()
        .enumerate()
        .all(|(i, _)| entries.get(&i).is_some_and(|e| e.is_translated()));
    let path = &chapter.translated_path;
    let original = if profile.sources.exists(path) {
        Some(profile.sources.read_text(path)?)
    } else {
        None
    };
    // The front matter: blanked in `markdown`; written anew.
    let body = strip_blank_front_matter(original.as_deref(), &markdown, lines_up);
    let hash = if complete {
        Some(state::source_hash(&profile.sources.read_text(
            &profile.chapter_path(&profile.source_language(), chapter_name(path)),
        )?))
    } else {
        original
            .as_deref()
            .and_then(|o| state::split_front_matter(path, o).ok())
            .and_then(|(f, _)| f.source_hash)
    };
    let text = match hash {
        Some(hash) => format!("+++\nsource_hash = \"{hash}\"\n+++\n{body}"),
        None => body,
    };
    if !changed && original.as_deref() == Some(text.as_str()) {
        return Ok(None);
    }
    Ok(
        (original.as_deref() != Some(text.as_str())).then_some(ImportedChapter {
            text,
            base,
            base_segments: segments,
            replaced,
        }),
    )
}

fn chapter_name(path: &Path) -> &str {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}

/// The Markdown without the blanked lines that stood for a front matter.
fn strip_blank_front_matter(original: Option<&str>, markdown: &str, from_original: bool) -> String {
    if !from_original {
        return markdown.to_string();
    }
    let Some(original) = original else {
        return markdown.to_string();
    };
    let fm_len = if original.starts_with("+++") {
        original
            .find("\n+++")
            .map(|i| {
                let mut end = i + 4;
                if original[end..].starts_with("\r\n") {
                    end += 2;
                } else if original[end..].starts_with('\n') {
                    end += 1;
                }
                end
            })
            .unwrap_or(0)
    } else {
        0
    };
    // Blanking keeps lengths and line breaks: the body starts at the same byte.
    markdown.get(fm_len..).unwrap_or(markdown).to_string()
}
