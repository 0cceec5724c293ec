//! One edition of a profile: the profile resolved for one language (every
//! text picked, every number formatted) as the JSON data and the Typst main
//! file that the templates turn into pages.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{json, Value};

use crate::bidi;
use crate::chart::{self, ChartData, ChartStyle, Series};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::locale::{NumberFormat, UiStrings};
use crate::markdown::{self, string_literal, Placement, Resolver};
use crate::profile::{
    self, Cell, ChapterStyle, ChartSpec, FigureFile, FigureStatus, Loaded, LocalText, Numbering,
    Profile, RowSpec, SeriesField, TableFile, TableKind, TextContent,
};
use crate::translation::{self, ChapterState};

/// The generated sources of one edition.
#[derive(Debug, Clone)]
pub struct EditionSources {
    pub lang: String,
    /// `main.typ`: the document, chapter by chapter.
    pub main: String,
    /// `edition.json`: every text and number the templates print.
    pub data: String,
    /// Other generated files (chart SVGs), by path inside the edition.
    pub files: Vec<(String, Vec<u8>)>,
    /// Where the blocks of `main` come from, in order of `generated_offset`.
    pub source_map: Vec<SourceMapping>,
    /// Time spent converting the Markdown and generating the sources.
    pub text_time: Duration,
    /// Time spent drawing the charts.
    pub chart_time: Duration,
}

/// A place in the generated `main.typ` and the Markdown it was made from.
#[derive(Debug, Clone)]
pub struct SourceMapping {
    pub generated_offset: usize,
    pub file: std::path::PathBuf,
    pub position: Position,
}

/// Picks the text of one language (translations are checked beforehand).
pub fn text_in(text: &LocalText, lang: &str) -> String {
    text.get(lang).unwrap_or_default().to_string()
}

/// Formats cells and texts for one edition.
pub struct Formatter<'a> {
    pub lang: &'a str,
    /// A right-to-left edition: neutral texts are isolated.
    pub right_to_left: bool,
    pub numbers: &'a NumberFormat,
    pub strings: &'a UiStrings,
}

impl Formatter<'_> {
    pub fn text(&self, text: &LocalText) -> String {
        match &text.content {
            TextContent::Neutral(s) => self.neutral(s),
            TextContent::PerLanguage(_) if self.right_to_left => {
                bidi::isolate_latin_runs(&text_in(text, self.lang))
            }
            TextContent::PerLanguage(_) => text_in(text, self.lang),
        }
    }

    /// A text printed the same in every edition.
    pub fn neutral(&self, text: &str) -> String {
        let text = self.numbers.localize_digits(text);
        if self.right_to_left {
            bidi::isolate_direction(&text)
        } else {
            text
        }
    }

    /// The lines a cell prints.
    pub fn cell_lines(&self, cell: &Cell) -> Vec<String> {
        match cell {
            Cell::Text(s) => vec![self.neutral(s)],
            Cell::Number(v) => vec![self.numbers.number(*v)],
            Cell::Detailed(spec) => {
                let mut lines: Vec<String> = if spec.missing {
                    vec![self.strings.missing_value.clone()]
                } else if let Some(lines) = &spec.lines {
                    lines.iter().map(|l| self.text(l)).collect()
                } else if let Some(text) = &spec.text {
                    vec![self.text(text)]
                } else if let Some(value) = spec.value {
                    let mut s = String::new();
                    if spec.approx {
                        s.push('~');
                    }
                    s.push_str(&self.numbers.quantity(value, spec.unit));
                    if let Some(suffix) = &spec.suffix {
                        s.push_str(self.numbers.unit_space());
                        s.push_str(&self.text(suffix));
                    }
                    if let Some(share) = spec.share {
                        s.push_str(" (");
                        s.push_str(&self.numbers.quantity(share, Some(profile::Unit::Percent)));
                        s.push(')');
                    }
                    vec![s]
                } else {
                    vec![String::new()]
                };
                if let Some(note) = &spec.note {
                    if let Some(last) = lines.last_mut() {
                        last.push_str(&format!(" ({})", self.text(note)));
                    }
                }
                lines
            }
        }
    }

    /// A cell as the templates receive it.
    fn cell_json(&self, cell: &Cell) -> Value {
        let strong = matches!(cell, Cell::Detailed(s) if s.strong);
        let missing = matches!(cell, Cell::Detailed(s) if s.missing);
        json!({
            "lines": self.cell_lines(cell),
            "rows": cell.row_span(),
            "cols": cell.col_span(),
            "strong": strong,
            "missing": missing,
        })
    }
}

/// For each body row, the cell covering each column (spans included).
pub fn row_grid(table: &TableFile) -> Vec<Vec<Option<&Cell>>> {
    let width = table.columns.get_ref().len();
    let mut covered: Vec<(u32, Option<&Cell>)> = vec![(0, None); width];
    let mut grid = Vec::new();
    for row in &table.rows {
        let r: &RowSpec = row.get_ref();
        let mut line: Vec<Option<&Cell>> = vec![None; width];
        let Some(cells) = r.cells.as_ref().or(r.head.as_ref()) else {
            grid.push(line);
            continue;
        };
        let mut next = covered.clone();
        for (c, slot) in covered.iter().enumerate() {
            if slot.0 > 0 {
                line[c] = slot.1;
                next[c] = (slot.0 - 1, slot.1);
            }
        }
        let mut col = 0;
        for cell in cells {
            while col < width && covered[col].0 > 0 {
                col += 1;
            }
            let cell = cell.get_ref();
            for c in col..(col + cell.col_span() as usize).min(width) {
                line[c] = Some(cell);
                next[c] = (cell.row_span().saturating_sub(1), Some(cell));
            }
            col += cell.col_span() as usize;
        }
        covered = next;
        grid.push(line);
    }
    grid
}

/// Resolves placements and references while chapters are converted, and
/// records what was placed.
struct EditionResolver<'a> {
    profile: &'a Profile,
    fmt: &'a Formatter<'a>,
    placed: BTreeSet<String>,
}

impl Resolver for EditionResolver<'_> {
    fn right_to_left(&self) -> bool {
        self.fmt.right_to_left
    }

    fn place(&mut self, placement: &Placement) -> Result<String, String> {
        let (key, code) = match placement {
            Placement::Table(id) => {
                if !self.profile.tables.contains_key(id) {
                    return Err(format!(
                        "{{{{table:{id}}}}} names no table: there is no tables/{id}.toml (tables: {})",
                        list(self.profile.tables.keys())
                    ));
                }
                (
                    format!("table:{id}"),
                    format!("#data-table({})", string_literal(id)),
                )
            }
            Placement::Figure(id) => {
                if !self.profile.figures.contains_key(id) {
                    let hint = if self.profile.tables.contains_key(id) {
                        format!(" (`{id}` is a table: write {{{{table:{id}}}}})")
                    } else {
                        format!(" (figures: {})", list(self.profile.figures.keys()))
                    };
                    return Err(format!(
                        "{{{{figure:{id}}}}} names no figure: there is no figures/{id}.toml{hint}"
                    ));
                }
                (
                    format!("figure:{id}"),
                    format!("#data-figure({})", string_literal(id)),
                )
            }
            Placement::Components => {
                if self.profile.meta.value.components.is_empty() {
                    return Err("{{components}} places the profile's [[components]], but profile.toml has none".into());
                }
                ("components".into(), "#components()".into())
            }
            Placement::Links => {
                if self.profile.meta.value.links.is_empty() {
                    return Err(
                        "{{links}} places the profile's [[links]], but profile.toml has none"
                            .into(),
                    );
                }
                ("links".into(), "#link-list()".into())
            }
        };
        if !self.placed.insert(key.clone()) {
            return Err(format!(
                "`{key}` is placed twice: each table and figure appears once"
            ));
        }
        Ok(code)
    }

    fn value(&mut self, path: &str) -> Result<String, String> {
        let parts: Vec<&str> = path.split('.').collect();
        if parts.len() == 3 {
            if let Some(table) = self.profile.tables.get(parts[0]) {
                return self.table_value(parts[0], &table.value, parts[1], parts[2]);
            }
        }
        if parts.len() == 2 {
            if let Some(values) = &self.profile.values {
                if let Some(cell) = values.value.get(parts[0]).and_then(|g| g.get(parts[1])) {
                    return Ok(self.fmt.cell_lines(cell.get_ref()).join(" "));
                }
            }
        }
        let known = self
            .profile
            .values
            .as_ref()
            .map(|v| {
                v.value
                    .iter()
                    .flat_map(|(g, names)| names.keys().map(move |n| format!("{g}.{n}")))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        Err(format!(
            "unknown data reference {{{{{path}}}}}: write {{{{group.name}}}} for a value in values.toml ({}) or {{{{table.row.column}}}} for a table cell",
            if known.is_empty() { "none defined".to_string() } else { known.join(", ") }
        ))
    }
}

impl EditionResolver<'_> {
    fn table_value(
        &self,
        id: &str,
        table: &TableFile,
        row: &str,
        column: &str,
    ) -> Result<String, String> {
        let Some(r) = table
            .rows
            .iter()
            .position(|r| r.get_ref().id.as_deref() == Some(row))
        else {
            return Err(format!("table `{id}` has no row with id `{row}`"));
        };
        let Some(c) = table
            .columns
            .get_ref()
            .iter()
            .position(|c| c.id.as_deref() == Some(column))
        else {
            return Err(format!("table `{id}` has no column with id `{column}`"));
        };
        match row_grid(table)
            .get(r)
            .and_then(|line| line.get(c).copied().flatten())
        {
            Some(cell) => Ok(self.fmt.cell_lines(cell).join(" ")),
            None => Err(format!(
                "table `{id}` has no cell at row `{row}`, column `{column}`"
            )),
        }
    }
}

fn list<'a>(keys: impl Iterator<Item = &'a String>) -> String {
    let keys: Vec<&str> = keys.map(String::as_str).collect();
    if keys.is_empty() {
        "none".into()
    } else {
        keys.join(", ")
    }
}

#[derive(Serialize)]
struct ChapterJson {
    file: String,
    title: String,
    style: &'static str,
    /// complete, outdated or missing (the source text is printed).
    translation: String,
}

/// Generates one edition: converts every chapter, resolves every table and
/// figure, and reports every problem (as errors) and every gap (as warnings).
pub fn generate(
    profile: &Profile,
    lang: &str,
    numbers: &NumberFormat,
    strings: &UiStrings,
    strict: bool,
) -> Result<(EditionSources, Diagnostics), Diagnostics> {
    let started = Instant::now();
    let mut diags = Diagnostics::new();
    profile::check_translations(profile, lang, &mut diags);
    let fmt = Formatter {
        lang,
        right_to_left: strings.direction == "rtl",
        numbers,
        strings,
    };
    let mut resolver = EditionResolver {
        profile,
        fmt: &fmt,
        placed: BTreeSet::new(),
    };

    let mut main = String::new();
    main.push_str(
        "// Generated by cityprofile: the edition's document. Edit the profile, not this file.\n",
    );
    main.push_str("#import \"/template/profile.typ\": *\n");
    main.push_str("#show: profile\n\n");
    main.push_str("#cover()\n#contents()\n\n");

    let mut chapters = Vec::new();
    let mut source_map = Vec::new();
    let source_lang = profile.source_language();
    for (index, chapter) in profile.meta.value.chapters.iter().enumerate() {
        let name = chapter.file.get_ref();
        let (state, translated) = match translation::read_chapter(profile, lang, name) {
            Ok(chapter) => chapter,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let mut path = profile.chapter_path(lang, name);
        match state {
            ChapterState::Complete => {}
            ChapterState::Missing if lang == source_lang => {
                diags.push(Diagnostic::error(
                    &path,
                    None,
                    format!(
                        "chapter `{name}` (listed in profile.toml) has no {lang} text: create {}",
                        path.display()
                    ),
                ));
                continue;
            }
            ChapterState::Missing => {
                diags.push(if strict {
                    Diagnostic::error(&path, None, format!("chapter `{name}` is not translated into {lang} (--strict refuses missing translations): create {}", path.display()))
                } else {
                    Diagnostic::warning(&path, None, format!("chapter `{name}` is not translated into {lang}: the {source_lang} text is printed, marked as untranslated"))
                });
                path = profile.chapter_path(&source_lang, name);
            }
            ChapterState::Outdated => {
                let message = format!("the {lang} translation of chapter `{name}` is outdated: the {source_lang} text changed since it was translated (update it, then run `cityprofile mark-translated --lang {lang} --chapter {name}`)");
                diags.push(if strict {
                    Diagnostic::error(&path, None, message)
                } else {
                    Diagnostic::warning(&path, None, message)
                });
            }
        }
        // A missing translation prints the source language's text.
        let text = match translated {
            Some(markdown) => markdown,
            None => match translation::read_chapter(profile, &source_lang, name) {
                Ok((_, Some(markdown))) => markdown,
                Ok((_, None)) => {
                    // The source text is missing too: report why it cannot be read.
                    diags.extend(profile::read_text(&path).err());
                    continue;
                }
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            },
        };
        let file = profile::SourceFile { path, text };
        match markdown::convert(&file, &mut resolver) {
            Ok((converted, warnings)) => {
                diags.extend(warnings);
                let style = match chapter.style {
                    ChapterStyle::Text => "text",
                    ChapterStyle::References => "references",
                };
                let opening = format!("#chapter({index})[\n");
                let body_start = main.len() + opening.len();
                source_map.extend(converted.source_map.iter().map(|&(body, markdown)| {
                    SourceMapping {
                        generated_offset: body_start + body,
                        file: file.path.clone(),
                        position: Position::of_offset(&file.text, markdown),
                    }
                }));
                main.push_str(&opening);
                main.push_str(&converted.body);
                main.push_str("]\n\n");
                chapters.push(ChapterJson {
                    file: name.clone(),
                    title: converted.title,
                    style,
                    translation: state.to_string(),
                });
            }
            Err(errors) => diags.extend(errors),
        }
    }
    main.push_str("#back-cover()\n");

    for (id, table) in &profile.tables {
        let placed = resolver.placed.contains(&format!("table:{id}"));
        if !placed && table.value.number.get_ref() != &Numbering::None {
            diags.push(table.file.warning(0, format!("table `{id}` is numbered but not placed in any chapter: add {{{{table:{id}}}}} where it belongs")));
        }
    }
    for (id, figure) in &profile.figures {
        if !resolver.placed.contains(&format!("figure:{id}")) {
            diags.push(figure.file.warning(0, format!("figure `{id}` is not placed in any chapter: add {{{{figure:{id}}}}} where it belongs")));
        }
        if let Some(status) = &figure.value.status {
            let caption = text_in(&figure.value.caption, &profile.source_language());
            let message = match status.get_ref() {
                FigureStatus::Unavailable => format!(
                    "figure `{id}` (\"{caption}\"): its content is not available; every edition prints its caption and source with a \"not available\" frame"
                ),
                FigureStatus::Todo => format!(
                    "to do: figure `{id}` (\"{caption}\") has no content yet: add a chart, image or map, or mark it `status = \"unavailable\"`"
                ),
            };
            diags.push(figure.file.warning(status.span().start, message));
        }
        if let Some(chart) = &figure.value.chart {
            let spec = chart.get_ref();
            if spec.with_table
                && resolver
                    .placed
                    .contains(&format!("table:{}", spec.table.get_ref()))
            {
                diags.push(figure.file.error(
                    spec.table.span().start,
                    format!(
                        "table `{}` is placed in the text and also printed with this chart (with_table = true): keep one",
                        spec.table.get_ref()
                    ),
                ));
            }
        }
    }
    let text_time = started.elapsed();
    let charts_started = Instant::now();
    let mut files = Vec::new();
    for (id, figure) in &profile.figures {
        let Some(chart) = &figure.value.chart else {
            continue;
        };
        match chart_svg(profile, figure, chart.get_ref(), &fmt) {
            Ok(svg) => files.push((chart_path(id), svg.into_bytes())),
            Err(d) => diags.push(d),
        }
    }
    let chart_time = charts_started.elapsed();
    if diags.has_errors() {
        return Err(diags);
    }

    let data = edition_json(profile, &fmt, &chapters);
    let data = serde_json::to_string_pretty(&data).expect("edition data serializes");
    Ok((
        EditionSources {
            lang: lang.to_string(),
            main,
            data,
            files,
            source_map,
            text_time,
            chart_time,
        },
        diags,
    ))
}

fn edition_json(profile: &Profile, fmt: &Formatter, chapters: &[ChapterJson]) -> Value {
    let m = &profile.meta.value;
    let date = m.date.get_ref().date.expect("date checked");
    let t = |x: &LocalText| fmt.text(x);
    let ts = |xs: &[LocalText]| xs.iter().map(|x| fmt.text(x)).collect::<Vec<_>>();
    let mut tables = BTreeMap::new();
    for (id, table) in &profile.tables {
        tables.insert(id.clone(), table_json(&table.value, fmt));
    }
    let mut figures = BTreeMap::new();
    for (id, figure) in &profile.figures {
        let f = &figure.value;
        let chart = f.chart.as_ref().map(|c| c.get_ref());
        figures.insert(
            id.clone(),
            json!({
                "kind": f.kind,
                "number": match f.numbering() {
                    Numbering::Table => "table",
                    Numbering::Figure => "figure",
                    Numbering::None => "none",
                },
                "status": match (chart, &f.image, f.status.as_ref().map(|s| *s.get_ref())) {
                    (Some(_), _, _) => "chart",
                    (None, Some(_), _) => "image",
                    (None, None, Some(FigureStatus::Todo)) => "todo",
                    (None, None, _) => "unavailable",
                },
                "image": f.image.as_ref().map(|i| profile_file(i.get_ref())),
                "caption": t(&f.caption),
                "source": f.source.as_ref().map(t),
                "footnote": f.footnote.as_ref().map(t),
                "alt": f.alt.as_ref().map(t),
                "note": f.note.as_ref().map(t),
                "chart": chart.map(|_| format!("/{}", chart_path(id))),
                "table": chart.filter(|c| c.with_table).map(|c| c.table.get_ref().clone()),
            }),
        );
    }
    json!({
        "lang": fmt.lang,
        "dir": fmt.strings.direction,
        "strings": fmt.strings,
        "meta": {
            "id": m.id.get_ref(),
            "city": t(&m.city),
            "country": t(&m.country),
            "title": t(&m.title),
            "short_title": t(&m.short_title),
            "date": { "year": date.year, "month": date.month, "day": date.day },
            "date_text": fmt.numbers.month_year(i32::from(date.year), date.month),
            "digits": profile.digits(fmt.lang).unwrap_or("latn"),
            "authors": m.authors.iter().map(|a| json!({ "name": a.name, "about": t(&a.about) })).collect::<Vec<_>>(),
        },
        "theme": {
            "primary": m.theme.primary.get_ref(),
            "accent": m.theme.accent.get_ref(),
            "font": m.theme.font.as_ref().map(|f| f.get_ref()),
        },
        "funders": m.funders.iter().map(|f| json!({
            "label": t(&f.label), "lines": ts(&f.lines), "detail": f.detail.as_ref().map(t),
            "logo": f.logo.as_ref().map(|l| profile_file(l.get_ref())),
        })).collect::<Vec<_>>(),
        "partners": m.partners.iter().map(|p| json!({
            "name": t(&p.name), "lines": ts(&p.lines),
            "logo": p.logo.as_ref().map(|l| profile_file(l.get_ref())),
        })).collect::<Vec<_>>(),
        "cover_image": m.cover.as_ref().map(|c| json!({
            "path": profile_file(c.image.get_ref()), "alt": t(&c.alt),
        })),
        "components": m.components.iter().map(|c| json!({
            "icon": c.icon, "title": t(&c.title), "text": t(&c.text),
        })).collect::<Vec<_>>(),
        "links": m.links.iter().map(|l| json!({ "icon": l.icon, "label": t(&l.label), "url": l.url })).collect::<Vec<_>>(),
        "back_cover": {
            "contact": m.back_cover.contact,
            "addresses": m.back_cover.addresses.iter().map(|a| json!({ "name": t(&a.name), "lines": ts(&a.lines) })).collect::<Vec<_>>(),
        },
        "chapters": chapters,
        "tables": tables,
        "figures": figures,
    })
}

/// The path under which the document reads a file of the profile folder.
fn profile_file(relative: &str) -> String {
    format!("{}{relative}", crate::world::PROFILE_ROOT)
}

fn table_json(table: &TableFile, fmt: &Formatter) -> Value {
    let numbering = match table.number.get_ref() {
        Numbering::Table => "table",
        Numbering::Figure => "figure",
        Numbering::None => "none",
    };
    let common = json!({
        "number": numbering,
        "caption": table.caption.as_ref().map(|c| fmt.text(c)),
        "source": table.source.as_ref().map(|c| fmt.text(c)),
        "footnote": table.footnote.as_ref().map(|c| fmt.text(c)),
    });
    let mut obj = common.as_object().cloned().unwrap_or_default();
    match table.kind {
        TableKind::List => {
            obj.insert("kind".into(), json!("list"));
            obj.insert(
                "items".into(),
                json!(table.items.iter().map(|i| fmt.text(i)).collect::<Vec<_>>()),
            );
            obj.insert(
                "list_columns".into(),
                json!(table.list_columns.as_ref().map_or(2, |c| *c.get_ref())),
            );
        }
        TableKind::Table => {
            obj.insert("kind".into(), json!("table"));
            obj.insert(
                "columns".into(),
                json!(table
                    .columns
                    .get_ref()
                    .iter()
                    .map(|c| json!({ "width": c.width.unwrap_or(1.0), "align": c.align }))
                    .collect::<Vec<_>>()),
            );
            obj.insert(
                "head".into(),
                json!(table
                    .head
                    .iter()
                    .map(|row| row
                        .get_ref()
                        .iter()
                        .map(|c| fmt.cell_json(c.get_ref()))
                        .collect::<Vec<_>>())
                    .collect::<Vec<_>>()),
            );
            let rows: Vec<Value> = table
                .rows
                .iter()
                .map(|row| {
                    let r = row.get_ref();
                    if let Some(group) = &r.group {
                        json!({ "type": "group", "text": fmt.text(group) })
                    } else if let Some(head) = &r.head {
                        json!({ "type": "head", "cells": head.iter().map(|c| fmt.cell_json(c.get_ref())).collect::<Vec<_>>() })
                    } else {
                        let cells = r.cells.as_deref().unwrap_or_default();
                        json!({ "type": "cells", "cells": cells.iter().map(|c| fmt.cell_json(c.get_ref())).collect::<Vec<_>>() })
                    }
                })
                .collect();
            obj.insert("rows".into(), json!(rows));
        }
    }
    Value::Object(obj)
}

/// Where a figure's chart is in the edition's files.
fn chart_path(id: &str) -> String {
    format!("charts/{id}.svg")
}

/// The colours of a chart's series: the theme's two colours, then tones that
/// stay apart from them in greyscale.
fn palette(profile: &Profile) -> Vec<(u8, u8, u8)> {
    let theme = &profile.meta.value.theme;
    let mut colours = Vec::new();
    for c in [theme.primary.get_ref(), theme.accent.get_ref()] {
        if let Some(rgb) = profile::parse_hex_colour(c) {
            colours.push(rgb);
        }
    }
    colours.extend([
        (0xa3, 0xbd, 0xd6),
        (0x6e, 0x6e, 0x6e),
        (0xd9, 0xd9, 0xd9),
        (0xf3, 0xc9, 0xa5),
    ]);
    colours
}

/// A number from a table cell for a chart; `None` for a missing value.
fn cell_number(cell: &Cell, field: SeriesField) -> Result<Option<f64>, &'static str> {
    match (cell, field) {
        (Cell::Number(v), SeriesField::Value) => Ok(Some(*v)),
        (Cell::Number(_), SeriesField::Share) => Err("has no `share`"),
        (Cell::Text(_), _) => Err("is text, not a number"),
        (Cell::Detailed(spec), _) if spec.missing => Ok(None),
        (Cell::Detailed(spec), SeriesField::Value) => {
            spec.value.map(Some).ok_or("is text, not a number")
        }
        (Cell::Detailed(spec), SeriesField::Share) => spec.share.map(Some).ok_or("has no `share`"),
    }
}

/// Takes a chart's categories and series from its table, for one edition.
pub fn chart_data(
    profile: &Profile,
    figure: &Loaded<FigureFile>,
    spec: &ChartSpec,
    fmt: &Formatter,
) -> Result<ChartData, Diagnostic> {
    let file = &figure.file;
    let table_id = spec.table.get_ref();
    let Some(table) = profile.tables.get(table_id) else {
        return Err(file.error(
            spec.table.span().start,
            format!("the chart draws table `{table_id}`, but there is no tables/{table_id}.toml (tables: {})", list(profile.tables.keys())),
        ));
    };
    let t = &table.value;
    if t.kind == TableKind::List {
        return Err(file.error(
            spec.table.span().start,
            format!("`{table_id}` is a list, not a table of numbers"),
        ));
    }
    let column_index = |id: &toml::Spanned<String>| -> Result<usize, Diagnostic> {
        t.columns
            .get_ref()
            .iter()
            .position(|c| c.id.as_deref() == Some(id.get_ref().as_str()))
            .ok_or_else(|| {
                let ids: Vec<&str> = t
                    .columns
                    .get_ref()
                    .iter()
                    .filter_map(|c| c.id.as_deref())
                    .collect();
                file.error(
                    id.span().start,
                    format!(
                        "table `{table_id}` has no column `{}` (column ids: {})",
                        id.get_ref(),
                        if ids.is_empty() {
                            "none".to_string()
                        } else {
                            ids.join(", ")
                        }
                    ),
                )
            })
    };
    let label_column = spec.labels.as_ref().map(&column_index).transpose()?;
    let series_columns: Vec<usize> = spec
        .series
        .get_ref()
        .iter()
        .map(|s| column_index(&s.column))
        .collect::<Result<_, _>>()?;

    // The rows drawn: the chosen ids in order, or every data row.
    let grid = row_grid(t);
    let data_rows: Vec<usize> = match &spec.rows {
        Some(ids) => ids
            .get_ref()
            .iter()
            .map(|id| {
                t.rows
                    .iter()
                    .position(|r| {
                        r.get_ref().id.as_deref() == Some(id.as_str())
                            && r.get_ref().cells.is_some()
                    })
                    .ok_or_else(|| {
                        file.error(
                            ids.span().start,
                            format!("table `{table_id}` has no data row with id `{id}`"),
                        )
                    })
            })
            .collect::<Result<_, _>>()?,
        None => (0..t.rows.len())
            .filter(|i| t.rows[*i].get_ref().cells.is_some())
            .collect(),
    };

    let categories: Vec<String> = match &spec.category_labels {
        Some(labels) => {
            if labels.get_ref().len() != data_rows.len() {
                return Err(file.error(
                    labels.span().start,
                    format!(
                        "{} category labels for {} rows: give one label per row drawn",
                        labels.get_ref().len(),
                        data_rows.len()
                    ),
                ));
            }
            labels.get_ref().iter().map(|l| fmt.text(l)).collect()
        }
        None => data_rows
            .iter()
            .map(|r| {
                let column = label_column.expect("labels checked");
                grid[*r][column]
                    .map(|c| fmt.cell_lines(c).join(" "))
                    .unwrap_or_default()
            })
            .collect(),
    };

    let mut series = Vec::new();
    for (s, column) in spec.series.get_ref().iter().zip(&series_columns) {
        let mut values = Vec::new();
        for r in &data_rows {
            let value = match grid[*r][*column] {
                Some(cell) => cell_number(cell, s.field).map_err(|problem| {
                    table.file.error(
                        t.rows[*r].span().start,
                        format!(
                            "the chart `{}` draws column `{}` of this row, but its cell {problem}",
                            stem(&figure.file.path),
                            s.column.get_ref()
                        ),
                    )
                })?,
                None => None,
            };
            values.push(value);
        }
        let name = s.label.as_ref().map(|l| fmt.text(l)).unwrap_or_default();
        series.push(Series { name, values });
    }
    let data = ChartData { categories, series };
    chart::validate(*spec.kind.get_ref(), &data).map_err(|message| {
        file.error(
            spec.kind.span().start,
            format!(
                "a `{}` chart cannot draw this data: {message}",
                spec.kind.get_ref().name()
            ),
        )
    })?;
    Ok(data)
}

fn stem(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Draws a figure's chart for one edition.
fn chart_svg(
    profile: &Profile,
    figure: &Loaded<FigureFile>,
    spec: &ChartSpec,
    fmt: &Formatter,
) -> Result<String, Diagnostic> {
    let data = chart_data(profile, figure, spec, fmt)?;
    let style = ChartStyle {
        palette: palette(profile),
        numbers: fmt.numbers.clone(),
        unit: spec.unit,
        value_labels: spec.value_labels,
        value_title: spec.value_title.as_ref().map(|t| fmt.text(t)),
        category_title: spec.category_title.as_ref().map(|t| fmt.text(t)),
        width: CHART_WIDTH,
        right_to_left: fmt.right_to_left,
    };
    chart::render_svg(*spec.kind.get_ref(), &data, &style)
        .map_err(|message| figure.file.error(spec.kind.span().start, message))
}

/// The width of the text column in points: charts are drawn at print size.
pub const CHART_WIDTH: u32 = 476;
