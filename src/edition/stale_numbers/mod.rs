//! Numbers typed by hand that equal a value of the profile: after a data
//! update they stay as they were, while `{{group.name}}` follows the data.
//! [`check`] reads every number in the texts the editions print (the
//! chapters, and the captions, notes, alternative texts and cells of the
//! data) as the text's language writes numbers
//! ([`crate::locale::written`]), and warns at its place when it equals a
//! value of values.toml or a table cell that a reference can quote, or is
//! one rounded after a word of approximation ("about 604,000"). The
//! warnings are gaps the final print run (`--strict`) refuses. The rules
//! are in the guide, `docs/src/reference/numbers-typed-by-hand.md`.

mod values;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::base::diag::{Diagnostic, Diagnostics, Position};
use crate::base::lang::LanguageCode;
use crate::base::source::SourceFile;
use crate::locale::written::{Conventions, WrittenNumber};
use crate::locale::NumberFormat;
use crate::profile::identity::{self, CsvCell};
use crate::profile::literal_numbers::LiteralNumbers;
use crate::profile::{CellValue, LocalText, Profile, TextContent};

use super::chapters;
use values::ValueIndex;

/// Warns, at its file, line and column, about every number typed by hand
/// in what the editions in `languages` print that equals a value of the
/// profile (see the module's comment). Each text is read once, in the
/// language it is written in: a chapter or data text printed in the source
/// language for want of a translation is read as the source language's.
pub fn check(profile: &Profile, languages: &[LanguageCode]) -> Diagnostics {
    let mut search = Search {
        profile,
        values: ValueIndex::of(profile),
        literal: LiteralNumbers::of(profile),
        conventions: HashMap::new(),
        diags: Diagnostics::new(),
    };
    if search.values.is_empty() {
        return search.diags;
    }
    let source = profile.source_language();
    // The chapters each edition prints.
    let mut read: HashSet<PathBuf> = HashSet::new();
    for lang in languages {
        let chapter_lang = profile.chapter_language(lang);
        for chapter in &profile.meta.value.chapters {
            // Gaps and problems are the edition's to report.
            let mut reported_by_edition = Diagnostics::new();
            let name = chapter.file.get_ref();
            let Some(text) =
                chapters::select(profile, &chapter_lang, name, &mut reported_by_edition)
            else {
                continue;
            };
            let written_in = if text.in_source_language() {
                &source
            } else {
                &chapter_lang
            };
            if read.insert(text.file.path.clone()) {
                search.markdown(&text.file, written_in);
            }
        }
    }
    // The texts of the data, in the language each edition prints them in.
    let mut texts_read: HashSet<(identity::TextId, LanguageCode)> = HashSet::new();
    for text in identity::texts(profile) {
        for lang in languages {
            let Some((written_in, printed)) = printed_text(text.text, lang, &source) else {
                continue;
            };
            if !texts_read.insert((text.id.clone(), written_in.clone())) {
                continue;
            }
            match &text.csv {
                Some(csv) => search.csv_text(csv, printed, &written_in),
                None => search.toml_text(text.file, text.text.span.clone(), printed, &written_in),
            }
        }
    }
    // Plain strings in table cells print in every edition as written.
    for table in profile.tables.values() {
        for cell in table.value.all_cells() {
            for line in crate::profile::cell::lines_of(cell) {
                if let CellValue::Plain(s) = &line.get_ref().value {
                    search.toml_text(&table.file, line.span(), s, &source);
                }
            }
        }
    }
    search.diags
}

/// The text `text` prints in the `lang` edition and the language it is
/// written in: its own, its language's without the region (`de` for
/// `de-CH`), or the source language's; a neutral text is read as the
/// source language writes numbers.
pub(in crate::edition) fn printed_text<'t>(
    text: &'t LocalText,
    lang: &LanguageCode,
    source: &LanguageCode,
) -> Option<(LanguageCode, &'t str)> {
    match &text.content {
        TextContent::Neutral(s) => Some((source.clone(), s.as_str())),
        TextContent::PerLanguage(_) => lang
            .fallbacks()
            .into_iter()
            .chain([source.clone()])
            .find_map(|code| text.get(&code).map(|s| (code, s))),
    }
}

/// The search through one profile's texts.
struct Search<'p> {
    profile: &'p Profile,
    values: ValueIndex,
    literal: LiteralNumbers,
    /// How each language writes numbers (`None`: CLDR has no format for
    /// it, which the edition reports).
    conventions: HashMap<LanguageCode, Option<Rc<Conventions>>>,
    diags: Diagnostics,
}

/// A number that equals a value, found in a text.
struct Found {
    /// Byte offset in the text searched.
    at: usize,
    /// As written (`604,000`).
    writing: String,
    /// The references of the values it equals.
    references: Vec<String>,
    /// Whether it equals them rounded.
    rounded: bool,
}

impl Search<'_> {
    /// How texts in `lang` write numbers.
    fn conventions(&mut self, lang: &LanguageCode) -> Option<Rc<Conventions>> {
        let profile = self.profile;
        self.conventions
            .entry(lang.clone())
            .or_insert_with(|| {
                let numbers = NumberFormat::new(lang, profile.digits(lang)).ok()?;
                let conventions = Conventions::new(lang, numbers.separators());
                let strings =
                    crate::profile::strings::load_strings(&profile.sources, &profile.dir, lang);
                Some(Rc::new(match strings {
                    Ok(strings) => {
                        conventions.with_approximation_word(&strings.unit_words().approximately)
                    }
                    Err(_) => conventions,
                }))
            })
            .clone()
    }

    /// The numbers of `text` that equal a value, in order.
    fn numbers_in(&mut self, text: &str, lang: &LanguageCode) -> Vec<Found> {
        let Some(conventions) = self.conventions(lang) else {
            return Vec::new();
        };
        let markers = reference_markers(text);
        let mut found = Vec::new();
        for number in conventions.numbers_in(text) {
            // A whole percentage (`14 %`) is only taken as a value with
            // decimals rounded (13.8 %).
            let whole_percent = number.is_incidental() && number.percent;
            if (number.is_incidental() && !whole_percent)
                || markers.iter().any(|m| m.contains(&number.start))
                || in_address(text, &number)
            {
                continue;
            }
            let writing = &text[number.start..number.end];
            if self.literal.contains(writing, &number.key()) {
                continue;
            }
            let equal = if whole_percent {
                Vec::new()
            } else {
                self.values.equal(&number)
            };
            let (references, rounded) = if !equal.is_empty() {
                (equal, false)
            } else if conventions.approximation_before(text, number.start) {
                (self.values.rounded_to(&number, whole_percent), true)
            } else {
                continue;
            };
            if references.is_empty() {
                continue;
            }
            found.push(Found {
                at: number.start,
                writing: writing.to_string(),
                references: references.into_iter().map(str::to_string).collect(),
                rounded,
            });
        }
        found
    }

    /// Searches the printed text of a chapter (its code, link addresses
    /// and HTML left out).
    fn markdown(&mut self, file: &SourceFile, lang: &LanguageCode) {
        for range in markdown_text_ranges(&file.text) {
            let piece = &file.text[range.clone()];
            for found in self.numbers_in(piece, lang) {
                let position = Position::of_offset(&file.text, range.start + found.at);
                self.report(&file.path, position, found);
            }
        }
    }

    /// Searches a text of a TOML file, `printed` as read from the source
    /// written at `span` (found there for its place).
    fn toml_text(
        &mut self,
        file: &SourceFile,
        span: Range<usize>,
        printed: &str,
        lang: &LanguageCode,
    ) {
        if !printed.chars().any(|c| c.is_numeric()) {
            return;
        }
        let written = file.text.get(span.clone()).unwrap_or_default();
        let base = written.find(printed).map(|at| span.start + at);
        for found in self.numbers_in(printed, lang) {
            let offset = match base {
                Some(base) => base + found.at,
                // Escapes make the text differ from its source: the
                // number as written, else the text's start.
                None => written
                    .find(&found.writing)
                    .map_or(span.start, |at| span.start + at),
            };
            self.report(&file.path, file.position(offset), found);
        }
    }

    /// Searches a text read from a CSV file, reported at its line there.
    fn csv_text(&mut self, csv: &CsvCell, printed: &str, lang: &LanguageCode) {
        let path = self.profile.dir.join(&csv.file);
        let line_text = self
            .profile
            .sources
            .read_text(&path)
            .ok()
            .and_then(|text| {
                text.lines()
                    .nth(csv.line.saturating_sub(1))
                    .map(str::to_string)
            })
            .unwrap_or_default();
        for found in self.numbers_in(printed, lang) {
            let column = line_text
                .find(&found.writing)
                .map_or(1, |at| line_text[..at].chars().count() + 1);
            let position = Position {
                line: csv.line,
                column,
            };
            self.report(&path, position, found);
        }
    }

    /// The warning for a number found: which values it equals, and the
    /// reference to write instead.
    fn report(&mut self, path: &Path, position: Position, found: Found) {
        let first = &found.references[0];
        let mut named = found.references[..found.references.len().min(3)].join(", ");
        if found.references.len() > 3 {
            named.push_str(&format!(" and {} more", found.references.len() - 3));
        }
        let message = if found.rounded {
            format!("this number is {named} rounded")
        } else {
            format!("this number equals {named}")
        };
        let strict = format!(
            "{message} (--strict refuses a number typed by hand that equals a value of the data)"
        );
        let hint = if found.rounded {
            // A reference has no rounding form: it prints the value with
            // the decimals the data gives it.
            format!(
                "write {{{{{first}}}}} so that it follows the data: it prints the value as the data gives it, rounded only to the value's own `decimals` (a reference has no rounding form), so drop the word of approximation; if the rounded figure is meant as written, add \"{}\" to `literal_numbers` under [check] in profile.toml",
                found.writing
            )
        } else {
            format!(
                "write {{{{{first}}}}} so that it follows the data; if the number is meant as written, add \"{}\" to `literal_numbers` under [check] in profile.toml",
                found.writing
            )
        };
        self.diags
            .push(Diagnostic::print_run_gap(path, Some(position), message, strict).with_hint(hint));
    }
}

/// The byte ranges of a Markdown text that print as prose: its text, not
/// its code, HTML, link addresses or footnote labels. Ranges that touch
/// are joined, so that a number or a `{{...}}` is never cut in two.
fn markdown_text_ranges(text: &str) -> Vec<Range<usize>> {
    let options =
        Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut in_code = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(_) if in_code == 0 => match ranges.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => ranges.push(range),
            },
            _ => {}
        }
    }
    ranges
}

/// The byte ranges of the `{{...}}` markers of a text: their numbers
/// (`{{table.row-2019.total}}`) are names, not text.
fn reference_markers(text: &str) -> Vec<Range<usize>> {
    let mut markers = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{") {
        let start = from + open;
        let end = text[start..]
            .find("}}")
            .map_or(text.len(), |close| start + close + 2);
        markers.push(start..end);
        from = end;
    }
    markers
}

/// Whether a number is part of an address (`https://…/2019/603600`,
/// `www.…`, an e-mail address): the word it stands in has one.
fn in_address(text: &str, number: &WrittenNumber) -> bool {
    let word_start = text[..number.start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word_end = text[number.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| number.end + i);
    let word = &text[word_start..word_end];
    word.contains("://") || word.contains("www.") || word.contains('@')
}

#[cfg(test)]
mod tests;
