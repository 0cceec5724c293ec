//! `edition.json`: everything the templates print for one edition (meta
//! data, theme, cover and back cover, chapters, tables, figures), every text
//! in the edition's language and every number formatted.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use super::charts::chart_path;
use super::table::table_json;
use super::Formatter;
use crate::profile::{FigureStatus, LocalText, Numbering, Profile};

#[derive(Serialize)]
pub(super) struct ChapterJson {
    pub(super) file: String,
    pub(super) title: String,
    pub(super) style: &'static str,
    /// complete, outdated or missing (the source text is printed).
    pub(super) translation: String,
    /// The language the chapter is printed in (the source language when its
    /// translation is missing) and its direction, `ltr` or `rtl`.
    pub(super) lang: String,
    pub(super) dir: String,
}

/// The edition's data, as the templates read it from `/edition.json`.
pub(super) fn edition_json(
    profile: &Profile,
    fmt: &Formatter,
    chapters: &[ChapterJson],
    charts: &BTreeMap<String, crate::chart::Chart>,
) -> Value {
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
                // The drawn chart: its SVG and the labels set over it.
                "chart": charts.get(id).map(|c| {
                    let mut drawn = json!(c);
                    drawn["svg"] = json!(format!("/{}", chart_path(id)));
                    drawn
                }),
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
            "authors": m.authors.iter().map(|a| json!({ "name": fmt.with_references(&a.name), "about": t(&a.about) })).collect::<Vec<_>>(),
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
            "contact": m.back_cover.contact.iter().map(|c| fmt.with_references(c)).collect::<Vec<_>>(),
            "addresses": m.back_cover.addresses.iter().map(|a| json!({ "name": t(&a.name), "lines": ts(&a.lines) })).collect::<Vec<_>>(),
        },
        "chapters": chapters,
        "tables": tables,
        "figures": figures,
    })
}

/// The path under which the document reads a file of the profile folder.
pub(super) fn profile_file(relative: &str) -> String {
    format!("{}{relative}", crate::world::PROFILE_ROOT)
}
