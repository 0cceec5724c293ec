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
    let date = profile.date().expect("date checked");
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
        "imprint": m.imprint.as_ref().map(|i| json!({
            "publisher": i.publisher.as_ref().map(t),
            "disclaimer": i.disclaimer.as_ref().map(t),
            "licence": i.licence.as_ref().map(t),
            "isbn": i.isbn.as_ref().map(|n| n.get_ref().trim()),
        })),
        "no_hyphenation": no_hyphenation(profile, fmt),
        "neutral_language": m.neutral_language.as_ref().map(|l| l.get_ref()),
        "chapters": chapters,
        "tables": tables,
        "figures": figures,
    })
}

/// The words an edition never hyphenates: the city's name in every language
/// of the profile, and the profile's `no_hyphenation` list.
fn no_hyphenation(profile: &Profile, fmt: &Formatter) -> Vec<String> {
    let m = &profile.meta.value;
    let mut words: Vec<String> = m
        .languages
        .get_ref()
        .iter()
        .filter_map(|lang| m.city.get(lang.get_ref()).map(str::to_string))
        .collect();
    words.extend(
        m.no_hyphenation
            .iter()
            .map(|w| super::format::text_in(w, fmt.lang)),
    );
    words.retain(|w| !w.trim().is_empty());
    words.sort();
    words.dedup();
    words
}

/// The path under which the document reads a file of the profile folder.
pub(super) fn profile_file(relative: &str) -> String {
    format!("{}{relative}", super::PROFILE_ROOT)
}
