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
//! - [`import`] takes a translated catalog back: it checks every
//!   placeholder, writes the translations into the language's Markdown and
//!   TOML texts (only what changed), and keeps the catalog in the profile as
//!   `po/<lang>.po`, the record of which source text each translation was
//!   made from. That record is what makes one changed source sentence one
//!   fuzzy segment instead of an outdated chapter.
//! - [`state`] counts translated, fuzzy and untranslated segments for
//!   `check`, and lists the others with their place.

pub mod catalog;
pub mod segment;
pub mod validate;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::diagnostics::{Diagnostic, Position};
use crate::profile::{self, read_text, Profile};
use crate::translation::{self, ChapterState};

pub use catalog::{Catalog, Entry};
use segment::{chapter_segments, replace_segment, replace_segments, Segment};

/// Where a profile keeps the catalog of a language: `po/<lang>.po`.
pub fn record_path(profile: &Profile, lang: &str) -> PathBuf {
    profile.dir.join("po").join(format!("{lang}.po"))
}

/// The catalog a profile keeps for a language, if any.
pub fn read_record(profile: &Profile, lang: &str) -> Result<Option<Catalog>, Diagnostic> {
    let path = record_path(profile, lang);
    if !path.exists() {
        return Ok(None);
    }
    let text = read_text(&path)?;
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
        let (_, Some(source_markdown)) = translation::read_chapter(profile, &source_lang, &name)?
        else {
            continue;
        };
        let segments = chapter_segments(&source_markdown);
        let rel = relative(profile, &source_path);
        let sources = segments
            .iter()
            .map(|s| (s.text.clone(), format!("{rel}:{}", s.line), s.kind.name()))
            .collect::<Vec<_>>();
        let (state, translated_md) = translation::read_chapter(profile, lang, &name)?;
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
    file: &'p profile::SourceFile,
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
        if !path.exists() {
            return Ok(None);
        }
        let text = read_text(&path)?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            Diagnostic::error_at(
                &path,
                &text,
                e.span().map_or(0, |s| s.start),
                crate::profile::messages::in_user_words(e.message()),
            )
        })?;
        return Ok(Some((table, text, path)));
    }
    let Some(bytes) = crate::embedded::template_file(&format!("strings/{lang}.toml")) else {
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
    let Ok(entries) = fs::read_dir(profile.dir.join("strings")) else {
        return Ok(None);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
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

/// What [`import`] changed.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Files written, relative to the profile folder.
    pub written: Vec<String>,
    pub translated: usize,
    pub fuzzy: usize,
    pub untranslated: usize,
}

/// Takes a translated catalog into the profile. Every entry must name a
/// current segment with its current source text, and keep the segment's
/// placeholders; otherwise nothing is written and every problem is
/// reported at its line of the PO file.
pub fn import(profile: &Profile, po_path: &Path) -> Result<ImportReport, Vec<Diagnostic>> {
    let text = read_text(po_path).map_err(|d| vec![d])?;
    let catalog = Catalog::parse(po_path, &text).map_err(|d| vec![d])?;
    let lang = catalog.language.clone();
    let source_lang = profile.source_language();
    let at = |e: &Entry, message: String| {
        Diagnostic::error(
            po_path,
            Some(Position {
                line: e.line.max(1),
                column: 1,
            }),
            message,
        )
    };
    if lang.is_empty() || !profile.declared_languages().contains(&lang) || lang == source_lang {
        return Err(vec![Diagnostic::error(
            po_path,
            None,
            format!(
                "the catalog's `Language` header is `{lang}`, which is not a translation language of this profile ({}): import the PO file exported for one of them",
                translation_languages(profile)
            ),
        )]);
    }
    let groups = groups(profile, &lang).map_err(|d| vec![d])?;
    // Every segment as the export gives it now: what a segment the catalog
    // leaves out keeps.
    let before = export(profile, &lang).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    // Translations by group and index.
    let mut wanted: BTreeMap<&str, BTreeMap<usize, &Entry>> = BTreeMap::new();
    for e in &catalog.entries {
        let Some((group_name, index)) = parse_context(&e.context) else {
            problems.push(at(e, format!("unknown context `{}`: this entry was not exported by cityprofile; export the catalog again", e.context)));
            continue;
        };
        let Some(group) = groups.iter().find(|g| g.name == group_name) else {
            problems.push(at(e, format!("`{group_name}` is no longer a chapter or data file of this profile: export the catalog again")));
            continue;
        };
        match group.sources.get(index) {
            Some((source, _, _)) if *source == e.source => {}
            _ => {
                problems.push(at(e, format!("the source text of `{}` changed since this catalog was exported: export it again (`cityprofile translate export`) and carry the translation over", e.context)));
                continue;
            }
        }
        if !e.translation.is_empty() {
            let segment = group.chapter.as_ref().and_then(|c| c.segments.get(index));
            let found = problems.len();
            if let Some(message) =
                validate::placeholder_problem(&e.context, &e.source, &e.translation)
            {
                problems.push(at(e, message));
            }
            if let Some(message) = validate::line_problem(&e.context, segment, &e.translation) {
                problems.push(at(e, message));
            }
            if let Some(message) = validate::caption_problem(&e.context, segment, &e.translation) {
                problems.push(Diagnostic::error(
                    po_path,
                    Some(validate::msgstr_position(&text, e.line.max(1), 0)),
                    message,
                ));
            }
            if problems.len() > found {
                // Left out of the chapters checked below: nothing is written.
                continue;
            }
        }
        wanted.entry(group_name).or_default().insert(index, e);
    }
    // A catalog may hold only part of a group (what `msgattrib
    // --untranslated` kept, or a translator's selection): the segments it
    // leaves out keep their state and text, in the chapters and the record.
    for b in &before.entries {
        if let Some((group_name, index)) = parse_context(&b.context) {
            if let Some(given) = wanted.get_mut(group_name) {
                given.entry(index).or_insert(b);
            }
        }
    }
    let merged: Vec<Entry> = before
        .entries
        .iter()
        .map(|b| {
            parse_context(&b.context)
                .and_then(|(g, i)| wanted.get(g).and_then(|m| m.get(&i)))
                .map_or_else(|| b.clone(), |e| (*e).clone())
        })
        .collect();

    let mut report = ImportReport::default();
    for e in &catalog.entries {
        if e.is_translated() {
            report.translated += 1;
        } else if e.fuzzy && !e.translation.is_empty() {
            report.fuzzy += 1;
        } else {
            report.untranslated += 1;
        }
    }
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    let mut toml_edits: BTreeMap<PathBuf, Vec<(String, String)>> = BTreeMap::new();
    for group in &groups {
        let Some(entries) = wanted.get(group.name.as_str()) else {
            continue;
        };
        match &group.chapter {
            Some(chapter) => {
                let Some(imported) =
                    chapter_text(profile, chapter, entries).map_err(|d| vec![d])?
                else {
                    continue;
                };
                // The chapter as the build will read it, checked before
                // anything is written.
                let changed: Vec<(usize, &Entry)> = imported
                    .replaced
                    .iter()
                    .filter_map(|i| entries.get(i).map(|e| (*i, *e)))
                    .collect();
                problems.extend(validate::chapter_problems(
                    &chapter.translated_path,
                    (&imported.base, &imported.base_segments),
                    &chapter.segments,
                    &changed,
                    po_path,
                    &text,
                ));
                writes.push((chapter.translated_path.clone(), imported.text));
            }
            None if group.name == STRINGS_GROUP => {
                let path = profile.dir.join("strings").join(format!("{lang}.toml"));
                let original = if path.exists() {
                    read_text(&path).map_err(|d| vec![d])?
                } else {
                    String::new()
                };
                let mut doc: toml_edit::DocumentMut =
                    original.parse().map_err(|e: toml_edit::TomlError| {
                        vec![Diagnostic::error(&path, None, e.message().to_string())]
                    })?;
                for (index, e) in entries {
                    let (Some(key), Some(current)) = (
                        group.keys.get(*index),
                        group.current.as_ref().and_then(|c| c.get(*index)),
                    ) else {
                        continue;
                    };
                    if !e.translation.is_empty() && *current != e.translation {
                        doc[key.as_str()] = toml_edit::value(e.translation.as_str());
                    }
                }
                let updated = doc.to_string();
                if updated != original {
                    writes.push((path, updated));
                }
            }
            None => {
                let path = profile.dir.join(&group.name);
                for (index, e) in entries {
                    let current = group.current.as_ref().and_then(|c| c.get(*index));
                    if !e.translation.is_empty() && current != Some(&e.translation) {
                        toml_edits
                            .entry(path.clone())
                            .or_default()
                            .push((e.source.clone(), e.translation.clone()));
                    }
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for (path, edits) in toml_edits {
        let text = read_text(&path).map_err(|d| vec![d])?;
        let updated = set_toml_texts(&text, &source_lang, &lang, &edits)
            .map_err(|m| vec![Diagnostic::error(&path, None, m)])?;
        if updated != text {
            writes.push((path, updated));
        }
    }
    // The record: the catalog as imported, with the lines it was read at dropped.
    let mut record = catalog.clone();
    record.entries = merged;
    record.project = profile.id().to_string();
    record.date = catalog_date(profile);
    record.entries.iter_mut().for_each(|e| e.line = 0);
    let record_text = record.to_po();
    let record_file = record_path(profile, &lang);
    if fs::read_to_string(&record_file).ok().as_deref() != Some(record_text.as_str()) {
        writes.push((record_file, record_text));
    }
    for (path, text) in writes {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                vec![Diagnostic::general(format!(
                    "cannot create {}: {e}",
                    parent.display()
                ))]
            })?;
        }
        crate::render::write_atomically(&path, text.as_bytes()).map_err(|d| vec![d])?;
        report.written.push(relative(profile, &path));
    }
    Ok(report)
}

/// A translated chapter as an import writes it.
struct ImportedChapter {
    /// The file's new text, front matter included.
    text: String,
    /// The Markdown the translations were put into (front matter blanked)
    /// and its segments, which line up with the source's.
    base: String,
    base_segments: Vec<Segment>,
    /// The segments whose translation was put in, by index.
    replaced: Vec<usize>,
}

/// The translated chapter after an import, or `None` when it is unchanged.
/// A chapter whose translation lines up with the source keeps its own
/// Markdown with the changed segments replaced; otherwise it is made anew
/// from the source chapter with every segment translated (or left in the
/// source language where the catalog has no translation).
fn chapter_text(
    profile: &Profile,
    chapter: &ChapterSource,
    entries: &BTreeMap<usize, &Entry>,
) -> Result<Option<ImportedChapter>, Diagnostic> {
    let lines_up = chapter.translated.as_ref().is_some_and(|(_, segs)| {
        segs.len() == chapter.segments.len()
            && segs
                .iter()
                .zip(&chapter.segments)
                .all(|(a, b)| a.kind == b.kind)
    });
    let original_exists = chapter.translated_path.exists();
    if !lines_up && !original_exists && entries.values().all(|e| e.translation.is_empty()) {
        // Nothing of this chapter is translated yet: no file of source text.
        return Ok(None);
    }
    let (base, segments) = if lines_up {
        let (md, segs) = chapter.translated.clone().expect("checked");
        (md, segs)
    } else {
        (chapter.source_markdown.clone(), chapter.segments.clone())
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
    let original = if path.exists() {
        Some(read_text(path)?)
    } else {
        None
    };
    // The front matter: blanked in `markdown`; written anew.
    let body = strip_blank_front_matter(original.as_deref(), &markdown, lines_up);
    let hash = if complete {
        Some(translation::source_hash(&read_text(
            &profile.chapter_path(&profile.source_language(), chapter_name(path)),
        )?))
    } else {
        original
            .as_deref()
            .and_then(|o| translation::split_front_matter(path, o).ok())
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

/// Sets the `lang` version of every text whose source-language version is
/// one of `edits`' sources, keeping the rest of the TOML file as written.
fn set_toml_texts(
    text: &str,
    source_lang: &str,
    lang: &str,
    edits: &[(String, String)],
) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let edits: BTreeMap<&str, &str> = edits
        .iter()
        .map(|(s, t)| (s.as_str(), t.as_str()))
        .collect();
    fn visit_item(item: &mut toml_edit::Item, s: &str, l: &str, edits: &BTreeMap<&str, &str>) {
        match item {
            toml_edit::Item::Table(t) => visit_table(t, s, l, edits),
            toml_edit::Item::Value(v) => visit_value(v, s, l, edits),
            toml_edit::Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    visit_table(t, s, l, edits);
                }
            }
            toml_edit::Item::None => {}
        }
    }
    /// For a text (a table of language codes to strings that has the
    /// source language `s`): `Some` with the `l` version to set, when one of
    /// `edits` changes it. `None` when `t` is no text.
    fn text_edit<'e>(
        t: &dyn toml_edit::TableLike,
        s: &str,
        l: &str,
        edits: &BTreeMap<&str, &'e str>,
    ) -> Option<Option<&'e str>> {
        let is_text = t
            .iter()
            .all(|(k, v)| profile::text::is_language_code(k) && v.as_str().is_some())
            && t.get(s).and_then(|v| v.as_str()).is_some();
        if !is_text {
            return None;
        }
        let source = t.get(s).and_then(|v| v.as_str()).unwrap_or_default();
        Some(
            edits
                .get(source)
                .copied()
                .filter(|new| t.get(l).and_then(|v| v.as_str()) != Some(*new)),
        )
    }
    fn visit_table(t: &mut toml_edit::Table, s: &str, l: &str, edits: &BTreeMap<&str, &str>) {
        match text_edit(t, s, l, edits) {
            Some(Some(new)) => t[l] = toml_edit::value(new),
            Some(None) => {}
            None => {
                for (_, item) in t.iter_mut() {
                    visit_item(item, s, l, edits);
                }
            }
        }
    }
    fn visit_value(v: &mut toml_edit::Value, s: &str, l: &str, edits: &BTreeMap<&str, &str>) {
        match v {
            toml_edit::Value::InlineTable(t) => match text_edit(t, s, l, edits) {
                Some(Some(new)) => {
                    t.insert(l, new.into());
                }
                Some(None) => {}
                None => {
                    for (_, v) in t.iter_mut() {
                        visit_value(v, s, l, edits);
                    }
                }
            },
            toml_edit::Value::Array(a) => {
                for v in a.iter_mut() {
                    visit_value(v, s, l, edits);
                }
            }
            _ => {}
        }
    }
    visit_table(doc.as_table_mut(), source_lang, lang, &edits);
    Ok(doc.to_string())
}

/// After `mark-translated`: in a language kept with a PO record, the
/// record takes each marked chapter as it now is, segment by segment, as
/// the translation of the current source (translated, not fuzzy), so that
/// `export` and `check` count what `build` prints without a note. Returns
/// the record's path when it changed; nothing for a language without a
/// record or a chapter whose translation does not line up with its source.
pub fn confirm_chapters(
    profile: &Profile,
    lang: &str,
    chapters: &[String],
) -> Result<Option<PathBuf>, Diagnostic> {
    let Some(mut record) = read_record(profile, lang)? else {
        return Ok(None);
    };
    let before = record.to_po();
    for group in groups(profile, lang)? {
        let Some(chapter) = group.chapter.as_ref() else {
            continue;
        };
        if !chapters.contains(&group.name) {
            continue;
        }
        let (Some(current), Some(first)) = (
            group.current.as_ref(),
            record
                .entries
                .iter()
                .position(|e| parse_context(&e.context).is_some_and(|(g, _)| g == group.name)),
        ) else {
            continue;
        };
        let fresh = group.sources.iter().zip(current).enumerate().map(
            |(i, ((source, reference, kind), translation))| Entry {
                context: context(&group.name, i, kind),
                source: source.clone(),
                translation: translation.clone(),
                reference: Some(reference.clone()),
                note: chapter
                    .segments
                    .get(i)
                    .is_some_and(|s| s.caption)
                    .then(|| validate::CAPTION_NOTE.to_string()),
                ..Entry::default()
            },
        );
        let mut entries: Vec<Entry> = record.entries[..first].to_vec();
        entries.extend(fresh);
        entries.extend(
            record.entries[first..]
                .iter()
                .filter(|e| parse_context(&e.context).is_none_or(|(g, _)| g != group.name))
                .cloned(),
        );
        record.entries = entries;
    }
    let text = record.to_po();
    if text == before {
        return Ok(None);
    }
    let path = record_path(profile, lang);
    crate::render::write_atomically(&path, text.as_bytes())?;
    Ok(Some(path))
}

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
    let (_, Some(source_markdown)) = translation::read_chapter(profile, &source_lang, chapter)?
    else {
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
