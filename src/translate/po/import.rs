//! `translate import` and `mark-translated` with a PO record: a
//! translated catalog taken back into the profile. Every entry is found by
//! the identity its context names (or, in a catalog written before
//! identities, by the source text at its place) and checked first
//! ([`super::validate`]); then each translation goes where its language is
//! kept (the chapter's Markdown, the TOML text at its own place, the
//! layout words, or for a text read from a CSV file without a column for
//! the language, the record alone), only what changed is written, and the
//! catalog is kept as the record `po/<lang>.po`, with the texts it left out
//! as they were. What is written is read back: an import that would not
//! keep a translation it accepted puts every file back and says which.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::chapter_write::chapter_text;
use super::errors::EntryError;
use super::matching::{self, positional};
use super::{
    catalog_date, group_entries, groups, item_identity, read_record, record_path, relative,
    translation_languages, validate, write, Catalog, Entry, Group, Item, Place,
};
use crate::base::diag::{Diagnostic, Position};
use crate::profile::Profile;

/// What [`import`] changed.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Files written, relative to the profile folder.
    pub written: Vec<String>,
    pub translated: usize,
    /// Fuzzy, those of [`ImportReport::changed_source`] included.
    pub fuzzy: usize,
    pub untranslated: usize,
    /// Translations whose source text changed since the catalog was
    /// exported: taken as fuzzy.
    pub changed_source: usize,
    /// Entries whose text is gone from the sources: not taken.
    pub gone: usize,
}

/// The group and item a catalog entry names: by the identity its context
/// gives, or for a positional context (a catalog written before
/// identities) the text at that place when it still has the entry's
/// source, else the only text of the group with that source. `Err` says
/// why none.
pub(super) fn resolve(groups: &[Group], e: &Entry) -> Result<(usize, usize), EntryError> {
    let name = matching::group_of(&e.context);
    let Some(g) = groups.iter().position(|g| g.name == name) else {
        return Err(EntryError::NoGroup {
            group: name.to_string(),
        });
    };
    let group = &groups[g];
    let changed = || EntryError::SourceChanged {
        context: e.context.clone(),
    };
    if let Some((_, place)) = positional(&e.context) {
        if group.items.get(place).is_some_and(|i| i.source == e.source) {
            return Ok((g, place));
        }
        let same: Vec<usize> = (0..group.items.len())
            .filter(|&i| group.items[i].source == e.source)
            .collect();
        return match same.as_slice() {
            [i] => Ok((g, *i)),
            [] => Err(changed()),
            _ => Err(EntryError::AmbiguousPlace {
                context: e.context.clone(),
                group: name.to_string(),
                count: same.len(),
            }),
        };
    }
    let wanted = matching::identity(group.chapter.is_some(), &e.context, &e.source);
    group
        .items
        .iter()
        .position(|item| item_identity(group, item) == wanted)
        .map(|i| (g, i))
        .ok_or_else(changed)
}

/// Why a translation of a text read from a CSV file cannot be imported:
/// the CSV has a column for the language, which is where it lives.
fn csv_refusal(group: &Group, item: &Item, lang: &str, e: &Entry) -> Option<String> {
    let (cell, column) = item.csv_column(lang)?;
    if e.translation.is_empty() || item.current.as_deref() == Some(e.translation.as_str()) {
        return None;
    }
    Some(format!(
        "the translation of `{}` cannot be imported: `{}` comes from the CSV file {}, whose column `{column}` (line {}) {} reads for `{lang}`; correct it there (an import writes no CSV file)",
        e.context, e.source, cell.file, cell.line, group.name
    ))
}

/// Whitespace runs as one space: a translation read back may be wrapped
/// or trimmed differently and still be the same words.
fn squashed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An error at an entry of the catalog being imported: its line in the PO
/// file.
fn at_entry(po_path: &Path, entry: &Entry, message: String) -> Diagnostic {
    Diagnostic::error(
        po_path,
        Some(Position {
            line: entry.line.max(1),
            column: 1,
        }),
        message,
    )
}

/// Where a catalog's `Language` header is: the line of its `Language:`
/// field, else of the header (`msgid ""`), else the first line.
fn language_position(text: &str) -> Position {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let syntax = super::syntax::check(Path::new(""), text).unwrap_or_default();
    Position {
        line: syntax.language_line.or(syntax.header_line).unwrap_or(1),
        column: 1,
    }
}

/// The value of the catalog's `Language` header field as its file writes it
/// (`"Language: de_CH\n"` gives `de_CH`).
fn language_as_written(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let value = line.trim().strip_prefix("\"Language:")?;
        Some(
            value
                .trim_end()
                .trim_end_matches('"')
                .trim_end_matches("\\n")
                .trim()
                .to_string(),
        )
    })
}

/// Takes a translated catalog into the profile. Every entry must name a
/// current text with its current source text, and keep the text's
/// placeholders; otherwise nothing is written and every problem is
/// reported at its line of the PO file. What is written is read back, and
/// every translation the import accepted must be what the next export
/// gives; otherwise every file is put back as it was.
pub fn import(profile: &Profile, po_path: &Path) -> Result<ImportReport, Vec<Diagnostic>> {
    let text = profile.sources.read_text(po_path).map_err(|d| vec![d])?;
    let mut catalog = Catalog::parse(po_path, &text).map_err(|d| vec![d])?;
    let source_lang = profile.source_language();
    let at = |e: &Entry, message: String| at_entry(po_path, e, message);
    // `de_DE` or `de-DE` from a translator's tool is the `de` edition.
    let edition = super::header::edition_language(&catalog.language, &profile.declared_languages());
    let lang = match edition {
        Some(lang) if lang != source_lang => lang.to_string(),
        _ => {
            // As the file writes it (`pt_BR`), not as it was read (`pt-BR`).
            let written = language_as_written(&text);
            let given = written.as_ref().unwrap_or(&catalog.language);
            let what = match edition {
                Some(lang) if lang.as_str() != given.trim() => format!(
                    "`{given}`, which is `{lang}`, the source language of this profile, not a translation language"
                ),
                Some(_) => format!(
                    "`{given}`, the source language of this profile, not a translation language"
                ),
                None if given.trim().is_empty() => "empty: the catalog names no language".to_string(),
                None if given.contains(['_', '-']) => format!(
                    "`{given}`, a language with a region, and this profile has neither that edition nor its language"
                ),
                None => format!("`{given}`, which is not a translation language of this profile"),
            };
            return Err(vec![Diagnostic::error(
                po_path,
                Some(language_position(&text)),
                format!(
                    "the catalog's `Language` header is {what} (it has {}): import the PO file exported for one of them",
                    translation_languages(profile)
                ),
            )]);
        }
    };
    catalog.language = lang.clone();
    let groups = groups(profile, &lang).map_err(|d| vec![d])?;
    // Every text as the export gives it now, group by group: what a text
    // the catalog leaves out keeps.
    let kept = read_record(profile, &lang).map_err(|d| vec![d])?;
    let before: Vec<Vec<Entry>> = groups
        .iter()
        .map(|g| group_entries(g, kept.as_ref()))
        .collect();
    let mut problems = Vec::new();
    // Each entry on its current text, as msgmerge would merge it.
    let merged = super::merge::merge(&groups, &catalog.entries);
    for (k, message) in &merged.problems {
        problems.push(at(&catalog.entries[*k], message.clone()));
    }
    // The catalog's translations by group and item.
    let mut wanted: Vec<BTreeMap<usize, &Entry>> = vec![BTreeMap::new(); groups.len()];
    for placed in &merged.placed {
        let (e, g, index) = (&placed.entry, placed.group, placed.item);
        let group = &groups[g];
        let item = &group.items[index];
        if !e.translation.is_empty() {
            let segment = match (&group.chapter, &item.place) {
                (Some(c), Place::Block(b)) => c.segments.get(*b),
                _ => None,
            };
            let found = problems.len();
            // A translation made for a source that changed since is fuzzy:
            // it need not have the new source's placeholders yet.
            let placeholders = (!placed.changed)
                .then(|| validate::placeholder_problem(&e.context, &e.source, &e.translation))
                .flatten();
            if let Some(message) = placeholders {
                problems.push(at(e, message));
            }
            if let Some(message) = validate::line_problem(&e.context, segment, &e.translation) {
                problems.push(at(e, message));
            }
            let captions = group.chapter.as_ref().map(|c| &c.captions);
            let caption = captions.and_then(|captions| {
                validate::caption_problem(&e.context, segment, &e.translation, captions)
            });
            if let Some(message) = caption {
                problems.push(Diagnostic::error(
                    po_path,
                    Some(validate::msgstr_position(&text, e.line.max(1), 0)),
                    message,
                ));
            }
            if let Some(message) = csv_refusal(group, item, &lang, e) {
                problems.push(at(e, message));
            }
            if problems.len() > found {
                // Left out of the chapters checked below: nothing is written.
                continue;
            }
        }
        wanted[g].insert(index, e);
    }
    // A catalog may hold only part of a group (what `msgattrib
    // --untranslated` kept, or a translator's selection): the texts it
    // leaves out keep their state and text, in the chapters and the record.
    for (given, now) in wanted.iter_mut().zip(&before) {
        if !given.is_empty() {
            for (index, b) in now.iter().enumerate() {
                given.entry(index).or_insert(b);
            }
        }
    }
    // The record: every text in its current form of context, with what
    // the catalog gives for it, else what it has now.
    let mut record = catalog.clone();
    record.entries = groups
        .iter()
        .zip(&before)
        .enumerate()
        .flat_map(|(g, (group, now))| {
            let wanted = &wanted[g];
            group
                .items
                .iter()
                .zip(now)
                .enumerate()
                .map(move |(i, (item, b))| {
                    let e = wanted.get(&i).copied().unwrap_or(b);
                    Entry {
                        context: item.context.clone(),
                        source: item.source.clone(),
                        translation: e.translation.clone(),
                        fuzzy: e.fuzzy && !e.translation.is_empty(),
                        previous: e.previous.clone().filter(|_| e.fuzzy),
                        reference: b.reference.clone(),
                        note: b.note.clone(),
                        line: 0,
                    }
                })
        })
        .collect();
    record.project = profile.id().to_string();
    record.date = catalog_date(profile);

    let mut report = ImportReport {
        changed_source: merged
            .placed
            .iter()
            .filter(|p| p.changed && !p.entry.translation.is_empty())
            .count(),
        gone: merged.gone.len(),
        ..ImportReport::default()
    };
    for e in merged.placed.iter().map(|p| &p.entry) {
        if e.is_translated() {
            report.translated += 1;
        } else if e.fuzzy && !e.translation.is_empty() {
            report.fuzzy += 1;
        } else {
            report.untranslated += 1;
        }
    }
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    let mut toml_edits: BTreeMap<PathBuf, Vec<(std::ops::Range<usize>, String)>> = BTreeMap::new();
    let mut words: Vec<(&str, &str)> = Vec::new();
    for (group, entries) in groups.iter().zip(&wanted) {
        if entries.is_empty() {
            continue;
        }
        if let Some(chapter) = &group.chapter {
            // Whether the translated chapter was written block by block as
            // the record has them.
            let follows_record = super::recorded(kept.as_ref(), &group.name)
                .zip(chapter.translated.as_ref())
                .is_some_and(|(r, (_, segs))| super::follows_record(&r, segs));
            let imported = match chapter_text(profile, chapter, entries, follows_record) {
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
                &chapter.captions,
                &chapter.translated_path,
                (&imported.base, &imported.base_segments),
                &chapter.segments,
                &changed,
                po_path,
                &text,
            ));
            writes.push((chapter.translated_path.clone(), imported.text));
            continue;
        }
        for (index, e) in entries {
            let item = &group.items[*index];
            if e.translation.is_empty() || item.current.as_deref() == Some(e.translation.as_str()) {
                continue;
            }
            match &item.place {
                Place::Word(key) => words.push((key, &e.translation)),
                // A CSV text without a column for the language: its
                // translation is kept in the record (a column for the
                // language was refused above).
                Place::Data { csv: Some(_), .. } => {}
                Place::Data { path, span, .. } => toml_edits
                    .entry(path.clone())
                    .or_default()
                    .push((span.clone(), e.translation.clone())),
                Place::Block(_) => {}
            }
        }
    }
    if !words.is_empty() {
        match strings_file(profile, &lang, &words) {
            Ok(Some(write)) => writes.push(write),
            Ok(None) => {}
            Err(d) => problems.push(d),
        }
    }
    for (path, edits) in toml_edits {
        let original = profile.sources.read_text(&path).map_err(|d| vec![d])?;
        match write::set_texts(&original, &lang, &edits) {
            Ok(updated) if updated != original => writes.push((path, updated)),
            Ok(_) => {}
            Err(m) => problems.push(Diagnostic::error(&path, None, m.to_string())),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let record_text = record.to_po();
    let record_file = record_path(profile, &lang);
    if profile.sources.read_text(&record_file).ok().as_deref() != Some(record_text.as_str()) {
        writes.push((record_file, record_text));
    }
    let originals = write::write_all(&writes).map_err(|d| vec![d])?;
    let lost = read_back(profile, &lang, &groups, &catalog, po_path);
    if !lost.is_empty() {
        let mut problems = lost;
        if let Err(d) = originals.restore() {
            problems.push(d);
        }
        return Err(problems);
    }
    report.written = writes.iter().map(|(p, _)| relative(profile, p)).collect();
    Ok(report)
}

/// The profile read back after an import: every translation the catalog
/// gave must be what the export now gives for its text. One problem, at
/// its PO line, for each that is not.
fn read_back(
    profile: &Profile,
    lang: &str,
    groups: &[Group],
    catalog: &Catalog,
    po_path: &Path,
) -> Vec<Diagnostic> {
    let at = |e: &Entry, message: String| at_entry(po_path, e, message);
    let (reloaded, diagnostics) = crate::profile::load(&profile.dir);
    let Some(reloaded) = reloaded else {
        let mut out = vec![Diagnostic::general(
            "the profile does not load with what this import wrote, so nothing was kept:",
        )];
        out.extend(diagnostics.errors().cloned());
        return out;
    };
    let after = match super::export(&reloaded, lang) {
        Ok(after) => after,
        Err(d) => return vec![d],
    };
    let given: BTreeMap<String, &Entry> = after
        .entries
        .iter()
        .map(|e| {
            let chapter = groups
                .iter()
                .any(|g| g.chapter.is_some() && g.name == matching::group_of(&e.context));
            (matching::identity(chapter, &e.context, &e.source), e)
        })
        .collect();
    let mut out = Vec::new();
    for e in catalog.entries.iter().filter(|e| !e.translation.is_empty()) {
        let Ok((g, i)) = resolve(groups, e) else {
            continue;
        };
        let group = &groups[g];
        let kept = given
            .get(&item_identity(group, &group.items[i]))
            .map(|now| squashed(&now.translation));
        if kept.as_deref() != Some(squashed(&e.translation).as_str()) {
            out.push(at(e, format!(
                "the translation of `{}` would not be kept: read back after the import, the profile gives {} for it, so nothing was written",
                e.context,
                kept.map_or("no such text".to_string(), |k| format!("`{k}`"))
            )));
        }
    }
    out
}

/// The profile's `strings/<lang>.toml` with the layout words set, when it
/// changes.
fn strings_file(
    profile: &Profile,
    lang: &str,
    words: &[(&str, &str)],
) -> Result<Option<(PathBuf, String)>, Diagnostic> {
    let path = profile.dir.join("strings").join(format!("{lang}.toml"));
    let original = if profile.sources.exists(&path) {
        profile.sources.read_text(&path)?
    } else {
        String::new()
    };
    let mut doc: toml_edit::DocumentMut = original.parse().map_err(|e: toml_edit::TomlError| {
        Diagnostic::error(&path, None, e.message().to_string())
    })?;
    for (key, word) in words {
        doc[*key] = toml_edit::value(*word);
    }
    let updated = doc.to_string();
    Ok((updated != original).then_some((path, updated)))
}

/// What [`confirm_chapters`] did.
#[derive(Debug, Default)]
pub struct Confirmed {
    /// The record's path, when it changed.
    pub written: Option<PathBuf>,
    /// A warning for each block left untranslated because the chapter
    /// holds the source-language text there as it is, at the source's
    /// line.
    pub source_text: Vec<Diagnostic>,
}

/// After `mark-translated`: in a language kept with a PO record, the
/// record takes each marked chapter as it now is, block by block, as the
/// translation of the current source (translated, not fuzzy), so that
/// `export` and `check` count what `build` prints without a note. A block
/// whose text is the source text as it is (what an import writes in place
/// of an untranslated block) is taken only when the record already has it
/// so, translated, or with `accept_source_text`; otherwise it stays
/// untranslated, with a warning. Nothing is written for a language
/// without a record or a chapter whose translation does not line up with
/// its source.
pub fn confirm_chapters(
    profile: &Profile,
    lang: &str,
    chapters: &[String],
    accept_source_text: bool,
) -> Result<Confirmed, Diagnostic> {
    let mut confirmed = Confirmed::default();
    let Some(mut record) = read_record(profile, lang)? else {
        return Ok(confirmed);
    };
    let source_lang = profile.source_language();
    let before = record.to_po();
    for group in super::chapter_groups(profile, lang)? {
        let Some(chapter) = group.chapter.as_ref() else {
            continue;
        };
        if !chapters.contains(&group.name) {
            continue;
        }
        let in_group = |e: &Entry| matching::group_of(&e.context) == group.name;
        let Some(first) = record.entries.iter().position(in_group) else {
            continue;
        };
        // Only a chapter that lines up with its source has each block's
        // translation.
        let Some(translations) = group
            .items
            .iter()
            .map(|item| item.current.clone())
            .collect::<Option<Vec<String>>>()
        else {
            continue;
        };
        let recorded: Vec<&Entry> = record.entries.iter().filter(|e| in_group(e)).collect();
        let matches = super::match_items(&group, &recorded);
        // A block that is the source text as it is, unless the record has
        // it so already (a name, a number that reads the same).
        let as_source = |i: usize, translation: &str| {
            let item = &group.items[i];
            let confirmed_so = matches[i]
                .filter(|m| m.same)
                .map(|m| recorded[m.entry])
                .is_some_and(|e| {
                    e.is_translated() && squashed(&e.translation) == squashed(translation)
                });
            !accept_source_text && squashed(translation) == squashed(&item.source) && !confirmed_so
        };
        let translations: Vec<String> = translations
            .into_iter()
            .enumerate()
            .map(|(i, translation)| {
                if !as_source(i, &translation) {
                    return translation;
                }
                let item = &group.items[i];
                let (file, line) = item.reference.rsplit_once(':').unwrap_or((&item.reference, "1"));
                confirmed.source_text.push(Diagnostic::warning(
                    &profile.dir.join(file),
                    Some(Position {
                        line: line.parse().unwrap_or(1),
                        column: 1,
                    }),
                    format!(
                        "this block of the {lang} chapter `{}` is still the {source_lang} text as it is: left untranslated in po/{lang}.po (give --accept-source-text if that text is meant in {lang} too)",
                        group.name
                    ),
                ));
                String::new()
            })
            .collect();
        let fresh = group
            .items
            .iter()
            .zip(translations)
            .map(|(item, translation)| Entry {
                context: item.context.clone(),
                source: item.source.clone(),
                translation,
                reference: Some(item.reference.clone()),
                note: match item.place {
                    Place::Block(b) => {
                        validate::segment_note(chapter.segments.get(b), &chapter.captions)
                    }
                    _ => None,
                },
                ..Entry::default()
            });
        let mut entries: Vec<Entry> = record.entries[..first].to_vec();
        entries.extend(fresh);
        entries.extend(
            record.entries[first..]
                .iter()
                .filter(|e| !in_group(e))
                .cloned(),
        );
        record.entries = entries;
    }
    let text = record.to_po();
    if text == before {
        return Ok(confirmed);
    }
    let path = record_path(profile, lang);
    crate::base::io::write_atomically(&path, text.as_bytes())?;
    confirmed.written = Some(path);
    Ok(confirmed)
}
