//! One edition of a profile: the profile resolved for one language (every
//! text picked, every number formatted) as the JSON data and the Typst main
//! file that the templates turn into pages.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{json, Value};

use crate::diagnostics::Diagnostics;
use crate::locale::{NumberFormat, UiStrings};
use crate::markdown::{self, string_literal, Placement, Resolver};
use crate::profile::{
    self, Cell, ChapterStyle, FigureStatus, LocalText, Numbering, Profile, RowSpec, TableFile,
    TableKind,
};

/// The generated sources of one edition.
#[derive(Debug, Clone)]
pub struct EditionSources {
    pub lang: String,
    /// `main.typ`: the document, chapter by chapter.
    pub main: String,
    /// `edition.json`: every text and number the templates print.
    pub data: String,
}

/// Picks the text of one language (translations are checked beforehand).
pub fn text_in(text: &LocalText, lang: &str) -> String {
    text.get(lang).unwrap_or_default().to_string()
}

/// Formats cells and texts for one edition.
pub struct Formatter<'a> {
    pub lang: &'a str,
    pub numbers: &'a NumberFormat,
    pub strings: &'a UiStrings,
}

impl Formatter<'_> {
    pub fn text(&self, text: &LocalText) -> String {
        text_in(text, self.lang)
    }

    /// The lines a cell prints.
    pub fn cell_lines(&self, cell: &Cell) -> Vec<String> {
        match cell {
            Cell::Text(s) => vec![s.clone()],
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
                        s.push_str(self.numbers.unit_space);
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
                    format!("#data-table(edition, {})", string_literal(id)),
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
                    format!("#data-figure(edition, {})", string_literal(id)),
                )
            }
            Placement::Components => {
                if self.profile.meta.value.components.is_empty() {
                    return Err("{{components}} places the profile's [[components]], but profile.toml has none".into());
                }
                ("components".into(), "#components(edition)".into())
            }
            Placement::Links => {
                if self.profile.meta.value.links.is_empty() {
                    return Err(
                        "{{links}} places the profile's [[links]], but profile.toml has none"
                            .into(),
                    );
                }
                ("links".into(), "#link-list(edition)".into())
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
}

/// Generates one edition: converts every chapter, resolves every table and
/// figure, and reports every problem (as errors) and every gap (as warnings).
pub fn generate(
    profile: &Profile,
    lang: &str,
    numbers: &NumberFormat,
    strings: &UiStrings,
) -> Result<(EditionSources, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    profile::check_translations(profile, lang, &mut diags);
    let fmt = Formatter {
        lang,
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
    main.push_str("#let edition = json(\"/edition.json\")\n");
    main.push_str("#show: profile.with(edition)\n\n");
    main.push_str("#cover(edition)\n#contents(edition)\n\n");

    let mut chapters = Vec::new();
    for (index, chapter) in profile.meta.value.chapters.iter().enumerate() {
        let name = chapter.file.get_ref();
        let path = profile.chapter_path(lang, name);
        let text = match profile::read_text(&path) {
            Ok(text) => text,
            Err(mut d) => {
                if !path.exists() {
                    d.message = format!(
                        "chapter `{name}` (listed in profile.toml) has no {lang} text: create {}",
                        path.display()
                    );
                }
                diags.push(d);
                continue;
            }
        };
        let file = profile::SourceFile { path, text };
        match markdown::convert(&file, &mut resolver) {
            Ok((converted, warnings)) => {
                diags.extend(warnings);
                let style = match chapter.style {
                    ChapterStyle::Text => "text",
                    ChapterStyle::References => "references",
                };
                main.push_str(&format!(
                    "#chapter(edition, {index})[\n{}]\n\n",
                    converted.body
                ));
                chapters.push(ChapterJson {
                    file: name.clone(),
                    title: converted.title,
                    style,
                });
            }
            Err(errors) => diags.extend(errors),
        }
    }
    main.push_str("#back-cover(edition)\n");

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
        if figure.value.status.get_ref() == &FigureStatus::Unavailable {
            diags.push(figure.file.warning(
                figure.value.status.span().start,
                format!(
                    "figure `{id}` (\"{}\"): its content is not available; the edition prints a \"{}\" frame",
                    fmt.text(&figure.value.caption),
                    strings.data_not_available
                ),
            ));
        }
    }
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
        figures.insert(
            id.clone(),
            json!({
                "kind": f.kind,
                "status": "unavailable",
                "caption": t(&f.caption),
                "source": f.source.as_ref().map(t),
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
            "date_text": fmt.strings.month_year(date.year, date.month),
            "authors": m.authors.iter().map(|a| json!({ "name": a.name, "about": t(&a.about) })).collect::<Vec<_>>(),
        },
        "theme": { "primary": m.theme.primary.get_ref(), "accent": m.theme.accent.get_ref() },
        "funders": m.funders.iter().map(|f| json!({
            "label": t(&f.label), "lines": ts(&f.lines), "detail": f.detail.as_ref().map(t),
        })).collect::<Vec<_>>(),
        "partners": m.partners.iter().map(|p| json!({ "name": t(&p.name), "lines": ts(&p.lines) })).collect::<Vec<_>>(),
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
