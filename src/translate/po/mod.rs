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
//! - [`fallback_chapter`] and [`data_record`] (in `fallback.rs`) give the
//!   build what to print in the source language, marked, and the
//!   translations only the record holds.
//!
//! Every text is known by its identity, never by its place: the context of
//! its entry names what it is (`matching.rs` says how), and a catalog or
//! record is matched to the current sources by it.

pub mod catalog;
mod chapter_write;
mod errors;
mod fallback;
mod header;
mod import;
mod matching;
mod merge;
pub mod segment;
mod strings;
mod syntax;
pub mod validate;
mod write;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::base::diag::{Diagnostic, Position};
use crate::markdown::CaptionWords;
use crate::profile::identity::{self, CsvCell};
use crate::profile::{Profile, TextId};
use crate::translate::state::{self, ChapterState};

pub use catalog::{Catalog, Entry};
pub use fallback::{data_record, fallback_chapter, DataRecord, OpenSegment};
pub use import::{confirm_chapters, import, Confirmed, ImportReport};
use matching::{Current, Matched};
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

/// One text of a group, as the catalog offers it.
#[derive(Debug, Clone)]
struct Item {
    /// The entry's `msgctxt`: what the text is.
    context: String,
    /// The source-language text (`msgid`).
    source: String,
    /// Where the source text is: `file:line`.
    reference: String,
    /// The translation the profile holds now, if any: the data text's
    /// version in the language, the layout word; for a chapter block, the
    /// translated chapter's block when the chapter lines up with its source.
    current: Option<String>,
    /// Where the translation is written.
    place: Place,
}

/// Where an item's translation is written.
#[derive(Debug, Clone)]
enum Place {
    /// The chapter block at this index of the source's segments.
    Block(usize),
    /// A text of a data file.
    Data {
        /// The file that holds the text (for a CSV text, its table file).
        path: PathBuf,
        /// The text's bytes in that file.
        span: Range<usize>,
        id: TextId,
        /// For a text read from a CSV file: where it is there.
        csv: Option<CsvCell>,
    },
    /// A layout word: its key.
    Word(String),
}

impl Item {
    /// For a text read from a CSV file that has a column for `lang`: the
    /// CSV file and that column (the translation lives there).
    fn csv_column(&self, lang: &str) -> Option<(&CsvCell, &str)> {
        match &self.place {
            Place::Data {
                csv: Some(cell), ..
            } => cell.columns.get(lang).map(|column| (cell, column.as_str())),
            _ => None,
        }
    }
}

/// A group of texts translated together: one chapter, the texts of one
/// data file, or the layout words.
#[derive(Debug, Clone)]
struct Group {
    /// The chapter name, the data file's path in the profile, or `strings`.
    name: String,
    /// For a chapter: its source file, Markdown and segments.
    chapter: Option<ChapterSource>,
    /// The texts, in order.
    items: Vec<Item>,
    /// For a chapter without a record: its state from the front matter.
    chapter_state: Option<ChapterState>,
}

#[derive(Debug, Clone)]
struct ChapterSource {
    translated_path: PathBuf,
    source_markdown: String,
    segments: Vec<Segment>,
    /// The translated chapter's Markdown and segments, when it exists.
    translated: Option<(String, Vec<Segment>)>,
    /// The words that open a table's caption (what made a segment one).
    captions: CaptionWords,
}

fn relative(profile: &Profile, path: &Path) -> String {
    path.strip_prefix(&profile.dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Whether two chapters' segments line up: as many, of the same kinds.
fn lines_up(a: &[Segment], b: &[Segment]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.kind == y.kind)
}

/// Whether a translated chapter was written block by block as its record
/// has the chapter: as many blocks, of the kinds the record's contexts
/// name. Then its n-th block is the translation of the record's n-th entry.
fn follows_record(recorded: &[&Entry], translated: &[Segment]) -> bool {
    recorded.len() == translated.len()
        && recorded
            .iter()
            .zip(translated)
            .all(|(e, s)| matching::kind_of(&e.context) == s.kind.name())
}

/// The contexts of a chapter's blocks, in order: chapter and kind, with
/// an occurrence number for a block whose kind and text came before.
fn block_contexts(chapter: &str, segments: &[Segment]) -> Vec<String> {
    let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    segments
        .iter()
        .map(|s| {
            let n = seen.entry((s.kind.name(), s.text.as_str())).or_insert(0);
            *n += 1;
            matching::chapter_context(chapter, s.kind.name(), *n)
        })
        .collect()
}

/// The words that open a table's caption in the profile's chapters: `Table`
/// and the `table_caption` word of each declared language.
pub(super) fn caption_words(profile: &Profile) -> CaptionWords {
    CaptionWords::new(crate::profile::strings::table_caption_words(profile))
}

/// The groups of one chapter each, in chapter order.
fn chapter_groups(profile: &Profile, lang: &str) -> Result<Vec<Group>, Diagnostic> {
    let source_lang = profile.source_language();
    let captions = caption_words(profile);
    let mut out = Vec::new();
    for chapter in &profile.meta.value.chapters {
        let name = chapter.file.get_ref().clone();
        let source_path = profile.chapter_path(&source_lang, &name);
        let (_, Some(source_markdown)) = state::read_chapter(profile, &source_lang, &name)? else {
            continue;
        };
        let segments = chapter_segments(&source_markdown, &captions);
        let rel = relative(profile, &source_path);
        let (state, translated_md) = state::read_chapter(profile, lang, &name)?;
        let translated = translated_md.map(|md| {
            let segs = chapter_segments(&md, &captions);
            (md, segs)
        });
        let current = translated
            .as_ref()
            .filter(|(_, segs)| lines_up(segs, &segments))
            .map(|(_, segs)| segs);
        let items = block_contexts(&name, &segments)
            .into_iter()
            .zip(&segments)
            .enumerate()
            .map(|(i, (context, s))| Item {
                context,
                source: s.text.clone(),
                reference: format!("{rel}:{}", s.line),
                current: current.and_then(|segs| segs.get(i)).map(|t| t.text.clone()),
                place: Place::Block(i),
            })
            .collect();
        out.push(Group {
            name: name.clone(),
            chapter: Some(ChapterSource {
                translated_path: profile.chapter_path(lang, &name),
                source_markdown,
                segments,
                translated,
                captions: captions.clone(),
            }),
            items,
            chapter_state: Some(state),
        });
    }
    Ok(out)
}

/// The groups of the data files: the texts a translation takes (each text
/// written per language with a source-language version), file by file in
/// the order the profile is read.
fn data_groups(profile: &Profile, lang: &str) -> Vec<Group> {
    let source_lang = profile.source_language();
    let mut out: Vec<Group> = Vec::new();
    for t in identity::texts(profile) {
        if t.text.languages().is_none() {
            continue;
        }
        let Some(source) = t.text.get(&source_lang) else {
            continue;
        };
        let reference = match &t.csv {
            Some(cell) => format!("{}:{}", cell.file, cell.line),
            None => format!(
                "{}:{}",
                t.id.file,
                Position::of_offset(&t.file.text, t.text.span.start).line
            ),
        };
        let item = Item {
            context: t.id.to_string(),
            source: source.to_string(),
            reference,
            current: t.text.get(lang).map(str::to_string),
            place: Place::Data {
                path: t.file.path.clone(),
                span: t.text.span.clone(),
                id: t.id.clone(),
                csv: t.csv,
            },
        };
        match out.iter_mut().find(|g| g.name == t.id.file) {
            Some(group) => group.items.push(item),
            None => out.push(Group {
                name: t.id.file.clone(),
                chapter: None,
                items: vec![item],
                chapter_state: None,
            }),
        }
    }
    out
}

/// Every group of the catalog of `lang`: the chapters, the data files, the
/// layout words.
fn groups(profile: &Profile, lang: &str) -> Result<Vec<Group>, Diagnostic> {
    let source_lang = profile.source_language();
    let mut out = chapter_groups(profile, lang)?;
    out.extend(data_groups(profile, lang));
    if let Some(group) = strings::layout_strings_group(profile, &source_lang, lang)? {
        out.push(group);
    }
    Ok(out)
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

/// The recorded entries of one group, in the record's order (in either
/// form of context).
fn recorded<'a>(record: Option<&'a Catalog>, group: &str) -> Option<Vec<&'a Entry>> {
    let entries: Vec<&Entry> = record?
        .entries
        .iter()
        .filter(|e| matching::group_of(&e.context) == group)
        .collect();
    (!entries.is_empty()).then_some(entries)
}

/// For each text of a group: the recorded entry it continues, if any.
fn match_items(group: &Group, recorded: &[&Entry]) -> Vec<Option<Matched>> {
    let current: Vec<Current> = group
        .items
        .iter()
        .map(|item| Current {
            context: &item.context,
            source: &item.source,
        })
        .collect();
    matching::match_group(group.chapter.is_some(), &current, recorded)
}

/// The identity of an item in its group (what [`matching::identity`]
/// compares).
fn item_identity(group: &Group, item: &Item) -> String {
    matching::identity(group.chapter.is_some(), &item.context, &item.source)
}

/// The entries of one group as [`export`] writes them, in item order.
fn group_entries(group: &Group, record: Option<&Catalog>) -> Vec<Entry> {
    // A record only speaks for a chapter whose text still follows it.
    let recorded = recorded(record, &group.name).filter(|r| {
        group
            .chapter
            .as_ref()
            .and_then(|c| c.translated.as_ref())
            .is_none_or(|(_, segs)| follows_record(r, segs))
    });
    let matches = recorded.as_ref().map(|r| match_items(group, r));
    let mut out = Vec::new();
    for (i, item) in group.items.iter().enumerate() {
        let segment = match (&group.chapter, &item.place) {
            (Some(c), Place::Block(b)) => c.segments.get(*b),
            _ => None,
        };
        let mut entry = Entry {
            context: item.context.clone(),
            source: item.source.clone(),
            reference: Some(item.reference.clone()),
            note: group
                .chapter
                .as_ref()
                .and_then(|c| validate::segment_note(segment, &c.captions)),
            ..Entry::default()
        };
        match (&matches, &recorded) {
            (Some(matches), Some(recorded)) => match matches[i] {
                Some(found) => {
                    let old = recorded[found.entry];
                    // The text as it is now in the profile, else as
                    // recorded. A block of a chapter that the record has
                    // untranslated stays so, whatever the chapter holds
                    // there (an import puts the source text in its place):
                    // only a msgstr translates it. The translated chapter
                    // was written block by block as the record has them.
                    entry.translation = match &group.chapter {
                        Some(_) if old.translation.is_empty() => String::new(),
                        Some(c) => c
                            .translated
                            .as_ref()
                            .and_then(|(_, segs)| segs.get(found.entry))
                            .map(|s| s.text.clone())
                            .unwrap_or_else(|| old.translation.clone()),
                        None => item
                            .current
                            .clone()
                            .filter(|t| !t.is_empty())
                            .unwrap_or_else(|| old.translation.clone()),
                    };
                    if !found.same {
                        entry.fuzzy = !entry.translation.is_empty();
                        entry.previous = entry.fuzzy.then(|| old.source.clone());
                    } else if old.fuzzy {
                        entry.fuzzy = !entry.translation.is_empty();
                        entry.previous = old.previous.clone();
                    }
                }
                None if group.chapter.is_none() => {
                    entry.translation = item.current.clone().unwrap_or_default();
                }
                None => {}
            },
            _ => {
                // No record: the chapter's state (or the data text) says it.
                if let Some(current) = &item.current {
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
        out.push(entry);
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
    // The header a translator's tool returned with the last import.
    let header = record
        .as_ref()
        .map(|r| r.header.clone())
        .unwrap_or_default();
    let entries = groups(profile, lang)?
        .iter()
        .flat_map(|group| group_entries(group, record.as_ref()))
        .collect();
    Ok(Catalog {
        language: lang.to_string(),
        project: profile.id().to_string(),
        date: catalog_date(profile),
        header,
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
