//! What a build prints of a language kept with a PO record: the segments
//! and data texts whose translation is fuzzy or missing fall back to the
//! source language, each marked and named; the translations only the
//! record holds (of texts read from a CSV file without a column for the
//! language) are printed from it.

use std::collections::{HashMap, HashSet};

use super::matching::{self, Current};
use super::segment::{chapter_segments, replace_segment, replace_segments};
use super::{data_groups, match_items, read_record, recorded, Place};
use crate::base::diag::Diagnostic;
use crate::markdown::CaptionWords;
use crate::profile::{LocalText, Profile, TextId};
use crate::translate::state;

/// What a build of one language takes from its PO record for the texts
/// of the data, by their identity. Empty for a language without a record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataRecord {
    /// The texts whose source changed since they were translated (their
    /// translation is fuzzy): printed in the source language.
    stale: HashSet<TextId>,
    /// The translations of texts read from a CSV file that has no column
    /// for the language: the record is where they are kept.
    kept: HashMap<TextId, String>,
}

impl DataRecord {
    /// Whether the text's translation is out of date.
    pub fn is_stale(&self, text: &LocalText) -> bool {
        text.id().is_some_and(|id| self.stale.contains(id))
    }

    /// The translation the record keeps for a text the data cannot hold.
    pub fn kept(&self, text: &LocalText) -> Option<&str> {
        text.id()
            .and_then(|id| self.kept.get(id))
            .map(String::as_str)
    }
}

/// The [`DataRecord`] of `lang`: the data texts the record has fuzzy or
/// whose source changed since, and the translations it keeps for CSV texts.
pub fn data_record(profile: &Profile, lang: &str) -> Result<DataRecord, Diagnostic> {
    let mut out = DataRecord::default();
    let Some(record) = read_record(profile, lang)? else {
        return Ok(out);
    };
    for group in data_groups(profile, lang) {
        let Some(recorded) = recorded(Some(&record), &group.name) else {
            continue;
        };
        for (item, found) in group.items.iter().zip(match_items(&group, &recorded)) {
            let (Some(found), Place::Data { id, csv, .. }) = (found, &item.place) else {
                continue;
            };
            let old = recorded[found.entry];
            if !found.same || old.fuzzy {
                out.stale.insert(id.clone());
            } else if csv.is_some() && old.is_translated() {
                out.kept.insert(id.clone(), old.translation.clone());
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

/// The source text of a segment marked as printed in the source language:
/// the `{{untranslated: LANG}}` tag before it (after a caption's `Table:`
/// or other caption word, so that the table keeps its caption).
fn marked(source_lang: &str, segment: &super::Segment, captions: &CaptionWords) -> String {
    let mark = format!("{{{{untranslated: {source_lang}}}}}");
    match captions.written_prefix(&segment.text) {
        Some(word) if segment.caption => {
            let rest = &segment.text[word.len()..];
            format!("{word} {mark} {}", rest.trim_start())
        }
        _ => format!("{mark} {}", segment.text),
    }
}

/// For a language kept with a PO record (`po/<lang>.po`): the chapter as
/// the build prints it, every block whose translation is fuzzy or missing
/// in the source language, marked, and those blocks. Each source block
/// takes the translation the record has for it by its identity, so a block
/// inserted, removed or moved in the source changes no other block. `None`
/// when the language has no record for the chapter, when the translated
/// chapter does not line up with its record block by block (then the
/// chapter as a whole is outdated), or when the chapter is the translation
/// as it stands (every block translated, none moved).
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
    let Some(recorded) = recorded(Some(&record), chapter) else {
        return Ok(None);
    };
    let captions = super::caption_words(profile);
    let source = chapter_segments(&source_markdown, &captions);
    let translated = chapter_segments(translated_markdown, &captions);
    // The translated chapter was written block by block as its record has them.
    if !super::follows_record(&recorded, &translated) {
        return Ok(None);
    }
    let contexts = super::block_contexts(chapter, &source);
    let current: Vec<Current> = contexts
        .iter()
        .zip(&source)
        .map(|(context, s)| Current {
            context,
            source: &s.text,
        })
        .collect();
    let matches = matching::match_group(true, &current, &recorded);
    // Each source block: the translated block it takes, or its state.
    let mut open = Vec::new();
    let mut taken: Vec<Option<usize>> = Vec::new();
    for (segment, found) in source.iter().zip(&matches) {
        match found {
            Some(found) if found.same && recorded[found.entry].is_translated() => {
                taken.push(Some(found.entry));
            }
            Some(found) if !recorded[found.entry].translation.is_empty() => {
                taken.push(None);
                open.push(OpenSegment {
                    line: segment.line,
                    state: "fuzzy",
                });
            }
            _ => {
                taken.push(None);
                open.push(OpenSegment {
                    line: segment.line,
                    state: "untranslated",
                });
            }
        }
    }
    let in_place = super::lines_up(&source, &translated)
        && taken
            .iter()
            .enumerate()
            .all(|(i, t)| t.is_none_or(|j| j == i));
    if in_place {
        if open.is_empty() {
            return Ok(None);
        }
        // The translated chapter as it is, each open block replaced.
        let mut markdown = translated_markdown.to_string();
        for (i, segment) in source.iter().enumerate().rev() {
            if taken[i].is_none() {
                markdown = replace_segment(
                    &markdown,
                    &translated[i],
                    &marked(&source_lang, segment, &captions),
                );
            }
        }
        return Ok(Some((markdown, open)));
    }
    // Blocks inserted, removed or moved in the source: the source chapter,
    // each block replaced by its translation or marked.
    let replacements: Vec<(usize, String)> = source
        .iter()
        .enumerate()
        .map(|(i, segment)| match taken[i] {
            Some(j) => (i, translated[j].text.clone()),
            None => (i, marked(&source_lang, segment, &captions)),
        })
        .collect();
    let borrowed: Vec<(usize, &str)> = replacements.iter().map(|(i, t)| (*i, t.as_str())).collect();
    let (markdown, _) = replace_segments(&source_markdown, &source, &borrowed);
    Ok(Some((markdown, open)))
}
