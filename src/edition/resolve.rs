//! The placements (`{{table:ID}}`, `{{figure:ID}}`, `{{components}}`,
//! `{{links}}`) and data references (`{{group.name}}`,
//! `{{table.row.column}}`) met while an edition's chapters are converted:
//! each resolved to Typst code or a formatted value, or refused with a
//! message that lists what exists. The same references in the texts of the
//! data (captions, cells, cover) are checked here for every edition.

use std::collections::BTreeSet;

use super::{row_grid, Formatter, ReferenceError};
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::markdown::{self, string_literal, Placement, Resolver};
use crate::profile::{self, Profile, Table};

/// Resolves placements and references while chapters are converted, and
/// records what was placed.
pub(super) struct EditionResolver<'a> {
    pub(super) profile: &'a Profile,
    /// How the chapter being converted writes values (the edition's
    /// language, or the source language for an untranslated chapter).
    pub(super) fmt: &'a Formatter<'a>,
    /// The edition's direction (whatever the chapter's language).
    pub(super) direction: crate::base::bidi::Direction,
    /// What was placed, each once, in the order met.
    pub(super) placed: Vec<Placement>,
    /// Tables whose cells the text quotes (`{{table.row.column}}`).
    pub(super) quoted: BTreeSet<String>,
    /// The words that open a table's caption in the profile's chapters.
    pub(super) captions: markdown::CaptionWords,
    /// The chapter being converted, as named in profile.toml.
    pub(super) chapter: String,
    /// Each data reference resolved in a chapter, in order: chapter,
    /// reference, printed text (for the edition's record).
    pub(super) quotes: Vec<(String, String, String)>,
    /// Each table and figure placed (`table:ID`, `figure:ID`) and the
    /// chapter that places it.
    pub(super) placed_in: Vec<(String, String)>,
    /// The last number given to a table ("Table N:") and to a figure
    /// ("Fig. N:"), in the order the edition prints them.
    pub(super) numbers: Numbers,
}

/// The numbers of an edition's tables and figures, counted in the order of
/// their placements (and of the captioned Markdown tables), chapter after
/// chapter. Known before the layout, so that the layout never counts: a
/// caption's number cannot change between layout passes. The templates keep
/// the printed order the same (figures float in order; a numbered element
/// that does not float waits for the floats of its numbering).
#[derive(Debug, Default)]
pub(super) struct Numbers {
    tables: u32,
    figures: u32,
}

impl Numbers {
    /// The next number of `numbering`; `None` for unnumbered elements.
    pub(super) fn next(&mut self, numbering: profile::Numbering) -> Option<u32> {
        let count = match numbering {
            profile::Numbering::Table => &mut self.tables,
            profile::Numbering::Figure => &mut self.figures,
            profile::Numbering::None => return None,
        };
        *count += 1;
        Some(*count)
    }
}

impl Resolver for EditionResolver<'_> {
    fn direction(&self) -> crate::base::bidi::Direction {
        self.direction
    }

    type Error = ReferenceError;

    fn digits(&self) -> Option<[char; 10]> {
        self.fmt.numbers.native_digits()
    }

    fn caption_words(&self) -> markdown::CaptionWords {
        self.captions.clone()
    }

    fn next_table_number(&mut self) -> Option<u32> {
        self.numbers.next(profile::Numbering::Table)
    }

    fn place(&mut self, placement: &Placement, in_lead: bool) -> Result<String, ReferenceError> {
        let code = match placement {
            Placement::Table(id) => {
                if !self.profile.tables.contains_key(id.as_str()) {
                    return Err(ReferenceError::NoTable {
                        id: id.clone(),
                        tables: self.profile.tables.keys().map(|k| k.to_string()).collect(),
                    });
                }
                let numbering = self.profile.tables[id.as_str()].value.number.get_ref();
                format!(
                    "#data-table({}{})",
                    string_literal(id),
                    self.number_argument(*numbering)
                )
            }
            Placement::Figure(id) => {
                if !self.profile.figures.contains_key(id.as_str()) {
                    return Err(ReferenceError::NoFigure {
                        id: id.clone(),
                        is_table: self.profile.tables.contains_key(id.as_str()),
                        figures: self.profile.figures.keys().map(|k| k.to_string()).collect(),
                    });
                }
                let numbering = self.profile.figures[id.as_str()].value.numbering();
                let lead = if in_lead { ", lead: true" } else { "" };
                format!(
                    "#data-figure({}{}{lead})",
                    string_literal(id),
                    self.number_argument(numbering)
                )
            }
            Placement::Components => {
                if self.profile.meta.value.components.is_empty() {
                    return Err(ReferenceError::NoComponents);
                }
                "#components()".into()
            }
            Placement::Links => {
                if self.profile.meta.value.links.is_empty() {
                    return Err(ReferenceError::NoLinks);
                }
                "#link-list()".into()
            }
        };
        if self.placed.contains(placement) {
            return Err(ReferenceError::PlacedTwice(placement.clone()));
        }
        self.placed.push(placement.clone());
        match placement {
            Placement::Table(id) => self
                .placed_in
                .push((format!("table:{id}"), self.chapter.clone())),
            Placement::Figure(id) => self
                .placed_in
                .push((format!("figure:{id}"), self.chapter.clone())),
            Placement::Components | Placement::Links => {}
        }
        Ok(code)
    }

    fn value(&mut self, path: &str) -> Result<String, ReferenceError> {
        let parts: Vec<&str> = path.split('.').collect();
        if parts.len() == 3 && self.profile.tables.contains_key(parts[0]) {
            self.quoted.insert(parts[0].to_string());
        }
        let value = lookup_value(self.profile, self.fmt, path)?;
        self.quotes
            .push((self.chapter.clone(), path.to_string(), value.clone()));
        Ok(value)
    }
}

impl EditionResolver<'_> {
    /// `, number: N` for a numbered table or figure placed now; nothing for
    /// an unnumbered one.
    fn number_argument(&mut self, numbering: profile::Numbering) -> String {
        self.numbers
            .next(numbering)
            .map_or(String::new(), |n| format!(", number: {n}"))
    }
}

/// The value a data reference prints in an edition: `{{group.name}}` from
/// `values.toml`, `{{table.row.column}}` from a table; the error says why a
/// reference names nothing.
pub fn lookup_value(
    profile: &Profile,
    fmt: &Formatter,
    path: &str,
) -> Result<String, ReferenceError> {
    let parts: Vec<&str> = path.split('.').collect();
    if parts.len() == 3 {
        if let Some(table) = profile.tables.get(parts[0]) {
            return table_value(fmt, parts[0], &table.value, parts[1], parts[2]);
        }
    }
    if parts.len() == 2 {
        if let Some(values) = &profile.values {
            if let Some(cell) = values.value.get(parts[0]).and_then(|g| g.get(parts[1])) {
                return Ok(fmt.cell_lines(cell.get_ref()).join(" "));
            }
        }
    }
    let known = profile
        .values
        .as_ref()
        .map(|v| {
            v.value
                .iter()
                .flat_map(|(g, names)| names.keys().map(move |n| format!("{g}.{n}")))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    Err(ReferenceError::UnknownValue {
        path: path.to_string(),
        known,
    })
}

fn table_value(
    fmt: &Formatter,
    id: &str,
    table: &Table,
    row: &str,
    column: &str,
) -> Result<String, ReferenceError> {
    let Some(r) = table
        .rows
        .iter()
        .position(|r| r.get_ref().id.as_deref() == Some(row))
    else {
        return Err(ReferenceError::NoRow {
            table: id.to_string(),
            row: row.to_string(),
            known: table
                .rows
                .iter()
                .filter_map(|r| r.get_ref().id.clone())
                .collect(),
        });
    };
    let Some(c) = table
        .columns
        .get_ref()
        .iter()
        .position(|c| c.id.as_deref() == Some(column))
    else {
        return Err(ReferenceError::NoColumn {
            table: id.to_string(),
            column: column.to_string(),
            known: table
                .columns
                .get_ref()
                .iter()
                .filter_map(|c| c.id.clone())
                .collect(),
        });
    };
    match row_grid(table)
        .get(r)
        .and_then(|line| line.get(c).copied().flatten())
    {
        Some(cell) => Ok(fmt.cell_lines(cell).join(" ")),
        None => Err(ReferenceError::NoCell {
            table: id.to_string(),
            row: row.to_string(),
            column: column.to_string(),
        }),
    }
}

/// Checks the texts of the data (captions, notes, alt texts, cells, cover
/// and back cover) for one edition: every data reference must name a value
/// (an error at its file and line otherwise), and a text missing in the
/// edition's language is printed in the source language with a warning (a
/// gap `--strict` refuses), or is an error when the source language lacks
/// it too.
pub fn check_texts(profile: &Profile, fmt: &Formatter, diags: &mut Diagnostics) {
    let inner = Formatter {
        profile: None,
        ..*fmt
    };
    for (file, text) in profile::all_texts(profile) {
        let mut own = text
            .get(fmt.lang)
            .or_else(|| fmt.record.and_then(|r| r.kept(text)))
            .or_else(|| super::format::own_text(text, fmt.lang));
        let stale = fmt.record.is_some_and(|r| r.is_stale(text));
        if own.is_some() && stale {
            own = None;
            let lang = fmt.lang;
            let source = fmt.source_lang;
            let message = |strict| {
                format!(
                    "the {source} text of this text changed since it was translated into {lang}: {}",
                    super::chapters::source_printed(source, lang, strict)
                )
            };
            diags.push(Diagnostic::print_run_gap(
                &file.path,
                Some(file.position(text.span.start)),
                message(false),
                message(true),
            ));
        } else if own.is_none() {
            let has = text.languages().unwrap_or_default().join(", ");
            let lang = fmt.lang;
            let source = fmt.source_lang;
            if text.get(source).is_none() {
                diags.push(file.error(
                    text.span.start,
                    format!(
                        "this text has no `{lang}` version (it has: {has}); add {lang} = \"...\""
                    ),
                ));
                continue;
            } else {
                diags.push(Diagnostic::print_run_gap(
                    &file.path,
                    Some(file.position(text.span.start)),
                    format!("this text has no `{lang}` version yet: the {source} text is printed (add {lang} = \"...\")"),
                    format!("this text has no `{lang}` version (it has: {has}; --strict refuses missing translations): add {lang} = \"...\""),
                ));
            }
        }
        let printed = own
            .or_else(|| text.get(fmt.source_lang))
            .unwrap_or_default();
        check_references(profile, &inner, file, text.span.clone(), printed, diags);
    }
    // Plain strings in cells (`"{{census.period}}"`) print references too.
    let mut plain: Vec<(
        &crate::base::source::SourceFile,
        &toml::Spanned<profile::Cell>,
    )> = Vec::new();
    if let Some(values) = &profile.values {
        for cell in values.value.values().flat_map(|group| group.values()) {
            plain.push((&values.file, cell));
        }
    }
    for table in profile.tables.values() {
        for cell in table.value.all_cells() {
            plain.push((&table.file, cell));
        }
    }
    // Plain strings of profile.toml: author names and contact lines.
    let meta = &profile.meta.value;
    let mf = profile.meta.file.as_ref();
    let strings = meta
        .authors
        .iter()
        .map(|a| &a.name)
        .chain(meta.back_cover.contact.iter());
    for s in strings {
        if s.contains("{{") {
            let at = mf.text.find(s.as_str()).unwrap_or(0);
            check_references(profile, &inner, mf, at..at + s.len(), s, diags);
        }
    }
    for (file, cell) in plain {
        for line in profile::cell::lines_of(cell) {
            if let profile::CellValue::Plain(s) = &line.get_ref().value {
                check_references(profile, &inner, file, line.span(), s, diags);
            }
        }
    }
}

/// An error for each `{{...}}` of a printed text that names no value, at
/// its place in the file (the text is found in the span it was written in).
fn check_references(
    profile: &Profile,
    fmt: &Formatter,
    file: &crate::base::source::SourceFile,
    span: std::ops::Range<usize>,
    printed: &str,
    diags: &mut Diagnostics,
) {
    for (at, reference) in markdown::data_references(printed) {
        let problem = match reference {
            Ok(path) => lookup_value(profile, fmt, &path)
                .err()
                .map(|e| e.to_string()),
            Err(e) => Some(e.to_string()),
        };
        if let Some(message) = problem {
            let written = file
                .text
                .get(span.start..span.end.max(span.start))
                .filter(|w| !w.is_empty())
                .or_else(|| file.text.get(span.start..))
                .unwrap_or_default();
            let marker_end = printed[at..]
                .find("}}")
                .map_or(printed.len(), |e| at + e + 2);
            let offset = written
                .find(&printed[at..marker_end])
                .map_or(span.start, |i| span.start + i);
            diags.push(file.error(offset, message));
        }
    }
}

/// Names for a message: `a, b, c`, or `none`.
pub(super) fn list<'a, K: AsRef<str> + 'a>(keys: impl Iterator<Item = &'a K>) -> String {
    let keys: Vec<&str> = keys.map(AsRef::as_ref).collect();
    if keys.is_empty() {
        "none".into()
    } else {
        keys.join(", ")
    }
}
