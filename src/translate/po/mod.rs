//! Translation in gettext PO files, segment by segment.
//!
//! The profile's Markdown chapters and TOML texts stay where a translation
//! is printed from (authors may keep writing a language directly). A PO file
//! is how a translator receives and returns the work:
//!
//! - [`export`] makes the catalog of one language: every segment of the
//!   source chapters ([`segment`]) and every text of the data files, each
//!   with its context and reference, prefilled with the current
//!   translation, and marked fuzzy (with its previous source text) where the
//!   source changed since it was translated.
//!   A segment the record has untranslated is exported untranslated,
//!   whatever its chapter holds: only a msgstr translates it.
//! - [`import`] (in `import.rs`) takes a translated catalog back: it checks
//!   every translation ([`validate`]: placeholders, captions, and the
//!   chapter converted as the build converts it), writes the translations
//!   into the language's Markdown and TOML texts (only what changed), and
//!   keeps the catalog in the profile as `po/<lang>.po`, the record of
//!   which source text each translation was made from. That record is what
//!   makes one changed source sentence one fuzzy segment instead of an
//!   outdated chapter.
//! - [`state`] counts translated, fuzzy and untranslated segments for
//!   `check`, and lists the others with their place.
//! - [`fallback_chapter`] and [`stale_data_texts`] (in `fallback.rs`) give
//!   the build what to print in the source language, marked.

pub mod catalog;
mod fallback;
mod import;
pub mod segment;
pub mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::base::diag::{Diagnostic, Position};
use crate::profile::{self, Profile};
use crate::translate::state::{self, ChapterState};

pub use catalog::{Catalog, Entry};
pub use fallback::{fallback_chapter, stale_data_texts, OpenSegment};
pub use import::{confirm_chapters, import, ImportReport};
use segment::{chapter_segments, Segment};

/// Where a profile keeps the catalog of a language: `po/<lang>.po`.
pub fn record_path(profile: &Profile, lang: &str) -> PathBuf {
    profile.dir.join("po").join(format!("{lang}.po"))
}

/// The catalog a profile keeps for a language, if any.
pub fn read_record(profile: &Profile, lang: &str) -> Result<Option<Catalog>, Diagnostic> {
    let path = record_path(profile, lang);
    if !profile.sources.exists(&path) {
        return Ok(None);
    }
    let text = profile.sources.read_text(&path)?;
    Catalog::parse(&path, &text).map(Some)
}

/// One source text of a group: the text, its reference (`file:line`) and
/// the kind of segment it is.
type SourceText = (String, String, &'static str);

/// A group of segments that is translated together: one chapter, or the
/// texts of one data file.
#[derive(Debug, Clone)]
struct Group {
    /// The chapter name, or the data file's path in the profile.
    name: String,
    /// For a chapter: its source file, Markdown and segments.
    chapter: Option<ChapterSource>,
    /// The source texts, in order, with their references.
    sources: Vec<SourceText>,
    /// The current translation of each source text, when one exists and
    /// lines up with the source (same number of segments).
    current: Option<Vec<String>>,
    /// For a chapter without a record: its state from the front matter.
    chapter_state: Option<ChapterState>,
    /// For the layout strings group: the key of each source text, in
    /// order; empty for the other groups.
    keys: Vec<String>,
}

#[derive(Debug, Clone)]
struct ChapterSource {
    translated_path: PathBuf,
    source_markdown: String,
    segments: Vec<Segment>,
    /// The translated chapter's Markdown and segments, when it exists.
    translated: Option<(String, Vec<Segment>)>,
}

fn relative(profile: &Profile, path: &Path) -> String {
    path.strip_prefix(&profile.dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn groups(profile: &Profile, lang: &str) -> Result<Vec<Group>, Diagnostic> {
    let source_lang = profile.source_language();
    let mut out = Vec::new();
    for chapter in &profile.meta.value.chapters {
        let name = chapter.file.get_ref().clone();
        let source_path = profile.chapter_path(&source_lang, &name);
        let (_, Some(source_markdown)) = state::read_chapter(profile, &source_lang, &name)? else {
            continue;
        };
        let segments = chapter_segments(&source_markdown);
        let rel = relative(profile, &source_path);
        let sources = segments
            .iter()
            .map(|s| (s.text.clone(), format!("{rel}:{}", s.line), s.kind.name()))
            .collect::<Vec<_>>();
        let (state, translated_md) = state::read_chapter(profile, lang, &name)?;
        let translated = translated_md.map(|md| {
            let segs = chapter_segments(&md);
            (md, segs)
        });
        let current = translated.as_ref().and_then(|(_, segs)| {
            let lines_up = segs.len() == segments.len()
                && segs.iter().zip(&segments).all(|(a, b)| a.kind == b.kind);
            lines_up.then(|| segs.iter().map(|s| s.text.clone()).collect())
        });
        out.push(Group {
            name: name.clone(),
            chapter: Some(ChapterSource {
                translated_path: profile.chapter_path(lang, &name),
                source_markdown,
                segments,
                translated,
            }),
            sources,
            current,
            chapter_state: Some(state),
            keys: Vec::new(),
        });
    }
    for (path, texts) in data_texts(profile, &source_lang) {
        let rel = relative(profile, &path);
        let sources = texts
            .iter()
            .map(|t| {
                let line = Position::of_offset(&t.file.text, t.text.span.start).line;
                (t.source.to_string(), format!("{rel}:{line}"), "text")
            })
            .collect();
        let current = texts
            .iter()
            .map(|t| t.text.get(lang).unwrap_or_default().to_string())
            .collect();
        out.push(Group {
            name: rel,
            chapter: None,
            sources,
            current: Some(current),
            chapter_state: None,
            keys: Vec::new(),
        });
    }
    if let Some(group) = layout_strings_group(profile, &source_lang, lang)? {
        out.push(group);
    }
    Ok(out)
}

/// A text of a data file that has a source-language version.
struct DataText<'p> {
    file: &'p crate::base::source::SourceFile,
    text: &'p profile::LocalText,
    /// The source-language version.
    source: &'p str,
}

/// The data texts a translation takes (each text with a source-language
/// version), file by file in the order the profile lists them: one group of
/// the catalog a file.
fn data_texts<'p>(profile: &'p Profile, source_lang: &str) -> Vec<(PathBuf, Vec<DataText<'p>>)> {
    let mut files: Vec<(PathBuf, Vec<DataText<'p>>)> = Vec::new();
    let mut index: BTreeMap<&Path, usize> = BTreeMap::new();
    for (file, text) in profile::all_texts(profile) {
        if text.languages().is_none() {
            continue;
        }
        let Some(source) = text.get(source_lang) else {
            continue;
        };
        let at = *index.entry(&file.path).or_insert_with(|| {
            files.push((file.path.clone(), Vec::new()));
            files.len() - 1
        });
        files[at].1.push(DataText { file, text, source });
    }
    files
}

/// The group of layout words: the keys a profile's own
/// `strings/<lang>.toml` files set (the words it overrides), in key order.
const STRINGS_GROUP: &str = "strings";

/// A layout strings file as a table of keys and words: the profile's own
/// (`strings/<lang>.toml`) or the built-in one.
fn strings_table(
    profile: &Profile,
    lang: &str,
    own: bool,
) -> Result<Option<StringsFile>, Diagnostic> {
    if own {
        let path = profile.dir.join("strings").join(format!("{lang}.toml"));
        if !profile.sources.exists(&path) {
            return Ok(None);
        }
        let text = profile.sources.read_text(&path)?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            Diagnostic::error_at(
                &path,
                &text,
                e.span().map_or(0, |s| s.start),
                crate::base::toml_messages::in_user_words(e.message()),
            )
        })?;
        return Ok(Some((table, text, path)));
    }
    let Some(bytes) = crate::base::assets::template_file(&format!("strings/{lang}.toml")) else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(bytes).into_owned();
    let table = toml::from_str(&text).unwrap_or_default();
    Ok(Some((table, text, PathBuf::new())))
}

/// A layout strings file as [`strings_table`] reads it: its table, its
/// text and its path.
type StringsFile = (toml::Table, String, PathBuf);

/// The profile's own layout strings files (`strings/*.toml`), each read
/// once, in the order of their names, with their language; `None` when the
/// profile has no `strings` folder.
fn own_strings_files(profile: &Profile) -> Result<Option<Vec<(String, StringsFile)>>, Diagnostic> {
    let Ok(entries) = profile.sources.read_dir(&profile.dir.join("strings")) else {
        return Ok(None);
    };
    let paths: Vec<PathBuf> = entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    let mut files = Vec::new();
    for path in paths {
        let Some(file_lang) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if let Some(file) = strings_table(profile, file_lang, true)? {
            files.push((file_lang.to_string(), file));
        }
    }
    Ok(Some(files))
}

fn layout_strings_group(
    profile: &Profile,
    source_lang: &str,
    lang: &str,
) -> Result<Option<Group>, Diagnostic> {
    let Some(own) = own_strings_files(profile)? else {
        return Ok(None);
    };
    // Keys set by any of the profile's strings files, with a file naming each.
    let mut keys: BTreeMap<&str, &Path> = BTreeMap::new();
    for (_, (table, _, path)) in &own {
        for (key, value) in table {
            // `direction` is a setting, not a word.
            if value.is_str() && key != "direction" {
                keys.entry(key).or_insert(path);
            }
        }
    }
    if keys.is_empty() {
        return Ok(None);
    }
    let own_of = |lang: &str| own.iter().find(|(l, _)| l == lang).map(|(_, f)| f);
    let own_source = own_of(source_lang);
    let builtin_source = strings_table(profile, source_lang, false)?;
    let own_target = own_of(lang);
    let builtin_target = strings_table(profile, lang, false)?;
    let word = |t: Option<&StringsFile>, key: &str| {
        t.and_then(|(table, _, _)| table.get(key))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let line_of = |t: Option<&StringsFile>, key: &str| {
        t.and_then(|(_, text, path)| {
            text.lines()
                .position(|l| {
                    l.trim_start().starts_with(&format!("{key} "))
                        || l.trim_start().starts_with(&format!("{key}="))
                })
                .map(|i| format!("{}:{}", relative(profile, path), i + 1))
        })
    };
    let mut sources = Vec::new();
    let mut current = Vec::new();
    let mut group_keys = Vec::new();
    for (key, file) in keys {
        let Some(source) = word(own_source, key).or_else(|| word(builtin_source.as_ref(), key))
        else {
            continue;
        };
        let reference = line_of(own_source, key)
            .or_else(|| line_of(own_target, key))
            .unwrap_or_else(|| relative(profile, file));
        sources.push((source, reference, "layout word"));
        current.push(
            word(own_target, key)
                .or_else(|| word(builtin_target.as_ref(), key))
                .unwrap_or_default(),
        );
        group_keys.push(key.to_string());
    }
    Ok(Some(Group {
        name: STRINGS_GROUP.to_string(),
        chapter: None,
        sources,
        current: Some(current),
        chapter_state: None,
        keys: group_keys,
    }))
}

/// The languages a profile is translated into (all it declares but the
/// source language), for messages: `de, fr, ar`.
fn translation_languages(profile: &Profile) -> String {
    let source_lang = profile.source_language();
    profile
        .declared_languages()
        .into_iter()
        .filter(|l| *l != source_lang)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The context of a segment: `<group> <n> <kind>`, unique in a catalog.
fn context(group: &str, index: usize, kind: &str) -> String {
    format!("{group} {} {kind}", index + 1)
}

/// Which group and place a context names.
fn parse_context(context: &str) -> Option<(&str, usize)> {
    let mut parts = context.splitn(3, ' ');
    let group = parts.next()?;
    let n: usize = parts.next()?.parse().ok()?;
    Some((group, n.checked_sub(1)?))
}

/// The recorded entries of one group, in order.
fn recorded<'a>(record: Option<&'a Catalog>, group: &str) -> Option<Vec<&'a Entry>> {
    let record = record?;
    let entries: Vec<&Entry> = record
        .entries
        .iter()
        .filter(|e| parse_context(&e.context).is_some_and(|(g, _)| g == group))
        .collect();
    (!entries.is_empty()).then_some(entries)
}

/// For each current source text of a group: the recorded entry it
/// continues, and whether its source is unchanged (`true`) or changed
/// (`false`, a fuzzy match between the same neighbours).
fn match_record<'a>(
    sources: &[SourceText],
    record: &[&'a Entry],
) -> Vec<Option<(&'a Entry, bool)>> {
    let old: Vec<&str> = record.iter().map(|e| e.source.as_str()).collect();
    let new: Vec<&str> = sources.iter().map(|s| s.0.as_str()).collect();
    let mut out = vec![None; new.len()];
    for op in capture_diff_slices(Algorithm::Patience, &old, &new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    out[new_index + k] = Some((record[old_index + k], true));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                // Changed segments pair up in order between the same neighbours.
                for k in 0..old_len.min(new_len) {
                    out[new_index + k] = Some((record[old_index + k], false));
                }
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }
    out
}

/// The catalog of `lang`: every source segment, prefilled from the current
/// translation, fuzzy where the source changed since it was translated.
pub fn export(profile: &Profile, lang: &str) -> Result<Catalog, Diagnostic> {
    let source_lang = profile.source_language();
    if lang == source_lang {
        return Err(Diagnostic::general(format!(
            "`{lang}` is the source language of this profile: export a language it is translated into ({})",
            translation_languages(profile)
        )));
    }
    let record = read_record(profile, lang)?;
    let mut entries = Vec::new();
    for group in groups(profile, lang)? {
        let recorded = recorded(record.as_ref(), &group.name);
        // A record only speaks for a chapter whose text still lines up with it.
        let recorded = recorded.filter(|r| {
            group
                .chapter
                .as_ref()
                .and_then(|c| c.translated.as_ref())
                .is_none_or(|(_, segs)| segs.len() == r.len())
        });
        let matches = recorded.as_ref().map(|r| match_record(&group.sources, r));
        for (i, (source, reference, kind)) in group.sources.iter().enumerate() {
            let caption = group
                .chapter
                .as_ref()
                .and_then(|c| c.segments.get(i))
                .is_some_and(|s| s.caption);
            let mut entry = Entry {
                context: context(&group.name, i, kind),
                source: source.clone(),
                reference: Some(reference.clone()),
                note: caption.then(|| validate::CAPTION_NOTE.to_string()),
                ..Entry::default()
            };
            match (&matches, &recorded) {
                (Some(matches), Some(recorded)) => {
                    if let Some((old, same)) = matches[i] {
                        let old_index = recorded
                            .iter()
                            .position(|e| std::ptr::eq(*e, old))
                            .unwrap_or(0);
                        // The text as it is now in the profile, else as
                        // recorded. A segment of a chapter that the record
                        // has untranslated stays so, whatever the chapter
                        // holds there (an import puts the source text in its
                        // place): only a msgstr translates it.
                        entry.translation = match &group.chapter {
                            Some(_) if old.translation.is_empty() => String::new(),
                            Some(c) => c
                                .translated
                                .as_ref()
                                .and_then(|(_, segs)| segs.get(old_index))
                                .map(|s| s.text.clone())
                                .unwrap_or_else(|| old.translation.clone()),
                            None => group
                                .current
                                .as_ref()
                                .and_then(|c| c.get(i))
                                .filter(|t| !t.is_empty())
                                .cloned()
                                .unwrap_or_else(|| old.translation.clone()),
                        };
                        if !same {
                            entry.fuzzy = !entry.translation.is_empty();
                            entry.previous = entry.fuzzy.then(|| old.source.clone());
                        } else if old.fuzzy {
                            entry.fuzzy = !entry.translation.is_empty();
                            entry.previous = old.previous.clone();
                        }
                    } else if group.chapter.is_none() {
                        entry.translation = group
                            .current
                            .as_ref()
                            .and_then(|c| c.get(i))
                            .cloned()
                            .unwrap_or_default();
                    }
                }
                _ => {
                    // No record: the chapter's state (or the data text) says it.
                    if let Some(current) = group.current.as_ref().and_then(|c| c.get(i)) {
                        match group.chapter_state {
                            Some(ChapterState::Complete) | None => {
                                entry.translation = current.clone();
                            }
                            Some(ChapterState::Outdated) => {
                                entry.translation = current.clone();
                                entry.fuzzy = !current.is_empty();
                            }
                            Some(ChapterState::Missing) => {}
                        }
                    }
                }
            }
            if entry.translation.is_empty() {
                entry.fuzzy = false;
                entry.previous = None;
            }
            entries.push(entry);
        }
    }
    Ok(Catalog {
        language: lang.to_string(),
        project: profile.id().to_string(),
        date: catalog_date(profile),
        entries,
    })
}

/// The date a catalog carries: the profile's date (`YYYY-MM-DD`), empty
/// when the profile gives none.
fn catalog_date(profile: &Profile) -> String {
    profile
        .date()
        .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
        .unwrap_or_default()
}

/// How far a language's translation is, segment by segment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegmentState {
    pub translated: usize,
    pub fuzzy: usize,
    pub untranslated: usize,
    /// The fuzzy and untranslated segments: reference and state.
    pub open: Vec<(String, &'static str)>,
}

/// Counts the segments of `lang` as [`export`] would write them.
pub fn state(profile: &Profile, lang: &str) -> Result<SegmentState, Diagnostic> {
    let catalog = export(profile, lang)?;
    let mut out = SegmentState::default();
    for e in &catalog.entries {
        let reference = e.reference.clone().unwrap_or_else(|| e.context.clone());
        if e.is_translated() {
            out.translated += 1;
        } else if e.fuzzy {
            out.fuzzy += 1;
            out.open.push((reference, "fuzzy"));
        } else {
            out.untranslated += 1;
            out.open.push((reference, "untranslated"));
        }
    }
    Ok(out)
}
