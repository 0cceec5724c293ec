//! One edition of a profile: the profile resolved for one language (every
//! text picked, every number formatted) as the JSON data and the Typst main
//! file that the templates turn into pages.
//!
//! [`generate`] is the stage's entry point. Its parts: [`chapters`] (which
//! text each chapter prints), [`format`] (texts and cells in the edition's
//! language and number format), [`resolve`] (the `{{...}}` placements and
//! data references met in chapters), [`main_typ`] (the generated document),
//! [`checks`] (placement, alternative texts, figure status), [`charts`] (a
//! figure's chart data and SVG), [`table`] (table structure and the table
//! data the templates read) and [`data`] (the whole `edition.json`, typed).

pub mod chapters;
pub mod charts;
mod checks;
pub mod data;
pub mod emblem;
pub mod format;
mod main_typ;
pub mod record;
mod reference_error;
mod resolve;
pub mod stale_numbers;
pub mod table;

/// Where the profile folder appears inside the document's file system
/// (the Typst world maps it back to the folder).
pub const PROFILE_ROOT: &str = "/profile/";

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::base::diag::{Diagnostic, Diagnostics, Position};
use crate::base::lang::LanguageCode;
use crate::locale::NumberFormat;
use crate::markdown;
use crate::profile::strings::UiStrings;
use crate::profile::Profile;
use crate::translate::state::ChapterState;

pub use charts::{chart_data, CHART_WIDTH};
pub use data::{EditionData, PrintSettings};
pub use format::{text_in, Formatter};
pub use record::EditionRecord;
pub use table::row_grid;

use data::ChapterInfo;
use main_typ::MainTyp;
pub use reference_error::ReferenceError;
use resolve::EditionResolver;

/// The generated sources of one edition.
#[derive(Debug, Clone)]
pub struct EditionSources {
    pub lang: String,
    /// `main.typ`: the document, chapter by chapter.
    pub main: String,
    /// `edition.json`: every text and number the templates print; `edition`
    /// serialised.
    pub data: String,
    /// What `data` is made from (private, so that the two never differ).
    edition: EditionData,
    /// Other generated files (chart SVGs), by path inside the edition.
    pub files: Vec<(String, Vec<u8>)>,
    /// Where the blocks of `main` come from, in order of `generated_offset`.
    pub source_map: Vec<SourceMapping>,
    /// What the edition prints, for the record `build` writes beside the
    /// PDF and the comparison of two builds.
    pub record: EditionRecord,
    /// Time spent converting the Markdown and generating the sources.
    pub text_time: Duration,
    /// Time spent drawing the charts.
    pub chart_time: Duration,
}

impl EditionSources {
    /// The sources of an edition: its document, its data (serialised
    /// here), its other files and its source map, and the time spent on
    /// the text and on the charts.
    ///
    /// Errors: the data cannot be serialised (see [`EditionData::to_json`]).
    #[allow(clippy::too_many_arguments)]
    fn new(
        lang: &str,
        main: String,
        edition: EditionData,
        record: EditionRecord,
        files: Vec<(String, Vec<u8>)>,
        source_map: Vec<SourceMapping>,
        (text_time, chart_time): (Duration, Duration),
    ) -> Result<Self, Diagnostic> {
        let mut files = files;
        files.push((BLANK_PAGES_FILE.to_string(), blank_pages_json(&edition)?));
        Ok(EditionSources {
            lang: lang.to_string(),
            main,
            data: json_of(&edition)?,
            edition,
            record,
            files,
            source_map,
            text_time,
            chart_time,
        })
    }

    /// The sources of this edition's print version: the same, with `print`
    /// set in `edition.json`.
    ///
    /// Errors: the data cannot be serialised (see [`EditionData::to_json`]).
    pub fn print_version(&self, print: PrintSettings) -> Result<EditionSources, Diagnostic> {
        let mut sources = self.clone();
        sources.edition.print = Some(print);
        sources.data = json_of(&sources.edition)?;
        Ok(sources)
    }
}

/// A place in the generated `main.typ` and the Markdown it was made from.
#[derive(Debug, Clone)]
pub struct SourceMapping {
    pub generated_offset: usize,
    pub file: std::path::PathBuf,
    pub position: Position,
}

/// Generates one edition: converts every chapter, resolves every table and
/// figure, and reports every problem (as errors) and every gap (as warnings).
pub fn generate(
    profile: &Profile,
    lang: &LanguageCode,
    numbers: &NumberFormat,
    strings: &UiStrings,
) -> Result<(EditionSources, Diagnostics), Diagnostics> {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    let source_lang = profile.source_language();
    let record = match crate::translate::po::data_record(profile, lang) {
        Ok(record) => record,
        Err(d) => {
            diags.push(d);
            Default::default()
        }
    };
    // A chapter printed in the source language (a missing translation)
    // writes its numbers as the source language does.
    let source_format = source_language_format(profile, &source_lang);
    let source_direction = match &source_format {
        Some((_, source_strings)) => source_strings.direction,
        // The source language's own edition reports why its layout
        // strings cannot be read.
        None => strings.direction,
    };
    let fmt = Formatter {
        lang,
        source_lang: &source_lang,
        direction: strings.direction,
        source_direction,
        numbers,
        source_numbers: source_format.as_ref().map(|(numbers, _)| numbers),
        strings,
        profile: Some(profile),
        record: Some(&record),
    };
    resolve::check_texts(profile, &fmt, &mut diags);
    let source_fmt = source_format.as_ref().map(|(numbers, strings)| Formatter {
        lang: &source_lang,
        source_lang: &source_lang,
        direction: strings.direction,
        source_direction: strings.direction,
        numbers,
        source_numbers: None,
        strings,
        profile: Some(profile),
        record: None,
    });
    let (main, chapters, placed, mut printed) =
        write_chapters(profile, &fmt, source_fmt.as_ref(), &mut diags);
    let (main, source_map) = main.finish();
    checks::run(profile, lang, &placed, &mut diags);
    let text_time = started.elapsed();
    let charts_started = Instant::now();
    let (files, charts, chart_data) = charts::draw_all(profile, &fmt, &mut diags);
    let chart_time = charts_started.elapsed();
    if diags.has_errors() {
        return Err(diags);
    }
    printed.profile = profile.id().to_string();
    printed.lang = lang.to_string();
    printed.values = record::values(profile, &fmt);
    printed.tables = record::tables(profile, &fmt);
    printed.data_quotes = record::data_quotes(profile, &fmt);
    printed.charts = chart_data
        .iter()
        .map(|(id, (table, data))| (id.to_string(), record::chart(table, data, &fmt)))
        .collect();
    let states: Vec<(String, ChapterState)> = chapters
        .iter()
        .map(|c| (c.file.clone(), c.translation.clone()))
        .collect();
    printed.translation = record::translation(profile, lang, &states);
    let sources = EditionData::new(profile, &fmt, chapters, charts).and_then(|edition| {
        let timings = (text_time, chart_time);
        EditionSources::new(lang, main, edition, printed, files, source_map, timings)
    });
    match sources {
        Ok(sources) => Ok((sources, diags)),
        Err(d) => {
            diags.push(d);
            Err(diags)
        }
    }
}

/// The number format and layout strings of the source language, for the
/// chapters an edition prints in it; `None` when they cannot be made (the
/// source language's own edition reports why).
fn source_language_format(
    profile: &Profile,
    source_lang: &str,
) -> Option<(NumberFormat, UiStrings)> {
    let numbers = NumberFormat::new(source_lang, profile.digits(source_lang)).ok()?;
    let strings =
        crate::profile::strings::load_strings(&profile.sources, &profile.dir, source_lang).ok()?;
    // The source language's own words for qualifiers and units ("env.",
    // "km²"), as its own edition writes them.
    let numbers = numbers.with_words(strings.unit_words());
    Some((numbers, strings))
}

/// Converts every chapter of the profile in the text [`chapters::select`]
/// picks (in `source_fmt`'s language and number format when it prints the
/// source language's text), into `main.typ`: the document, what the
/// templates read of each chapter, what the chapters placed, and the
/// record's quotes and placements (its other fields left to fill).
fn write_chapters(
    profile: &Profile,
    fmt: &Formatter,
    source_fmt: Option<&Formatter>,
    diags: &mut Diagnostics,
) -> (MainTyp, Vec<ChapterInfo>, checks::Placed, EditionRecord) {
    let mut resolver = EditionResolver {
        profile,
        fmt,
        direction: fmt.direction,
        placed: Vec::new(),
        quoted: BTreeSet::new(),
        captions: markdown::CaptionWords::new(crate::profile::strings::table_caption_words(
            profile,
        )),
        chapter: String::new(),
        quotes: Vec::new(),
        placed_in: Vec::new(),
        numbers: Default::default(),
    };
    let mut record = EditionRecord {
        format: record::RECORD_FORMAT,
        ..EditionRecord::default()
    };
    let mut main = MainTyp::new();
    let mut chapters = Vec::new();
    // A regional edition without chapters of its own prints its
    // language's: those are in the edition's language.
    let chapter_lang = profile.chapter_language(fmt.lang);
    for (index, chapter) in profile.meta.value.chapters.iter().enumerate() {
        let name = chapter.file.get_ref();
        let Some(text) = chapters::select(profile, &chapter_lang, name, diags) else {
            continue;
        };
        let chapter_fmt = match source_fmt {
            Some(source_fmt) if text.in_source_language() => source_fmt,
            _ => fmt,
        };
        resolver.fmt = chapter_fmt;
        resolver.chapter = name.clone();
        let converted = markdown::convert(&text.file, &mut resolver);
        resolver.fmt = fmt;
        record_quotes(&mut record, &text.file.text, resolver.quotes.drain(..));
        match converted {
            Ok((converted, warnings)) => {
                diags.extend(warnings);
                main.chapter(index, &converted, &text.file);
                chapters.push(ChapterInfo {
                    file: name.clone(),
                    title: converted.title,
                    style: chapter.style,
                    translation: text.state,
                    lang: chapter_fmt.lang.to_string(),
                    dir: chapter_fmt.direction,
                });
            }
            Err(errors) => diags.extend(errors),
        }
    }
    record.placed = resolver.placed_in.drain(..).collect();
    let placed = checks::Placed {
        placements: resolver.placed,
        quoted: resolver.quoted,
    };
    (main, chapters, placed, record)
}

/// Adds a chapter's quotes (chapter, reference, printed text) to the
/// record, each with its line in the chapter's text: the n-th quote of a
/// reference is on the line of its n-th `{{reference}}`.
fn record_quotes(
    record: &mut EditionRecord,
    text: &str,
    quotes: impl Iterator<Item = (String, String, String)>,
) {
    let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
    for (chapter, reference, printed) in quotes {
        let nth = seen.entry(reference.clone()).or_default();
        let line = record::reference_lines(text, &reference).get(*nth).copied();
        *nth += 1;
        record.quotes.push(record::Quote {
            chapter,
            line,
            reference,
            text: printed,
        });
    }
}

/// `edition.json`'s text, or an error that says why it cannot be written.
/// The file beside `edition.json` that holds what the blank pages show
/// (`EditionData::blank_pages`, a JSON array), read by the template's page
/// background.
pub const BLANK_PAGES_FILE: &str = "blank-pages.json";

/// `EditionData::blank_pages` as JSON bytes.
fn blank_pages_json(edition: &EditionData) -> Result<Vec<u8>, Diagnostic> {
    serde_json::to_vec(&edition.blank_pages).map_err(|e| {
        Diagnostic::general(format!(
            "the {} edition's blank-page fillers cannot be written as JSON: {e}",
            edition.lang
        ))
    })
}

fn json_of(edition: &EditionData) -> Result<String, Diagnostic> {
    edition.to_json().map_err(|e| {
        Diagnostic::general(format!(
            "the {} edition's data cannot be written as JSON: {e}",
            edition.lang
        ))
    })
}
