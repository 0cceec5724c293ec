//! `translate import` and `mark-translated` with a PO record: a
//! translated catalog taken back into the profile. Every entry is checked
//! first ([`super::validate`]); then each translation goes where its
//! language is kept (the chapter's Markdown, the TOML text, the layout
//! words), only what changed is written, and the catalog is kept as the
//! record `po/<lang>.po`, with the segments it left out as they were.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::segment::{replace_segments, Segment};
use super::{
    catalog_date, context, export, groups, parse_context, read_record, record_path, relative,
    translation_languages, validate, Catalog, ChapterSource, Entry, STRINGS_GROUP,
};
use crate::base::diag::{Diagnostic, Position};
use crate::profile::Profile;
use crate::translate::state;

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
    let text = profile.sources.read_text(po_path).map_err(|d| vec![d])?;
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
                let imported = match chapter_text(profile, chapter, entries) {
                    Ok(Some(imported)) => imported,
                    Ok(None) => continue,
                    Err(d) => {
                        problems.push(d);
                        continue;
                    }
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
                let original = if profile.sources.exists(&path) {
                    profile.sources.read_text(&path).map_err(|d| vec![d])?
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
        let text = profile.sources.read_text(&path).map_err(|d| vec![d])?;
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
    if profile.sources.read_text(&record_file).ok().as_deref() != Some(record_text.as_str()) {
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
        crate::base::io::write_atomically(&path, text.as_bytes()).map_err(|d| vec![d])?;
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
    let original_exists = profile.sources.exists(&chapter.translated_path);
    let nothing_translated = entries.values().all(|e| e.translation.is_empty());
    if !lines_up && nothing_translated {
        // Nothing of this chapter is in the catalog: a chapter written in
        // other blocks than the source (by hand) stays as it is, and none is
        // made of source text.
        return Ok(None);
    }
    if !lines_up && original_exists {
        // Made anew from the source, the chapter would lose what the
        // catalog does not hold: refused, unless every block of it is a
        // translation the catalog gives (a chapter the catalog made, into
        // whose source a block was inserted).
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
            .all(|(k, v)| crate::base::lang::is_language_code(k) && v.as_str().is_some())
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
    crate::base::io::write_atomically(&path, text.as_bytes())?;
    Ok(Some(path))
}
