//! [`EditionData::new`]: the profile's data in one edition: every text
//! picked in the edition's language and formatted, the chapters as
//! converted, the charts as drawn.

use std::collections::BTreeMap;

use super::{
    Address, Author, BackCover, ChapterInfo, ComponentBox, CoverImage, DateParts, DrawnChart,
    EditionData, FigureData, FigureStatus, Funder, Imprint, KeyFigure, LinkEntry, Meta, PageFill,
    Partner, Theme, UnavailableWords,
};
use crate::base::diag::Diagnostic;
use crate::edition::format::text_in;
use crate::edition::table::{block_language, table_data};
use crate::edition::{Formatter, PROFILE_ROOT};
use crate::profile::{Figure, FigureContent, FigureKind, LocalText, Profile};

/// The height of the EU emblem's SVG in user units (a multiple of 18, so
/// that its circle and stars fall on round numbers; the template scales it).
const EMBLEM_HEIGHT: f64 = 180.0;

impl EditionData {
    /// The edition's data: `chapters` as converted, in order, and the drawn
    /// `charts` by figure id. The screen edition's (`print` is `None`).
    ///
    /// Errors: a profile without a calendar date (loading refuses one, so
    /// only a profile built in memory can lack it).
    pub fn new(
        profile: &Profile,
        fmt: &Formatter,
        chapters: Vec<ChapterInfo>,
        mut charts: BTreeMap<crate::profile::FigureId, DrawnChart>,
    ) -> Result<EditionData, Diagnostic> {
        let m = &profile.meta.value;
        let Some(date) = profile.date() else {
            return Err(profile.meta.file.error(
                m.date.span().start,
                "`date` must be a calendar date like 2021-03-01 (no time)",
            ));
        };
        let t = |x: &LocalText| fmt.printed(x);
        let ts = |xs: &[LocalText]| xs.iter().map(t).collect::<Vec<_>>();
        let tables = profile
            .tables
            .iter()
            .map(|(id, table)| (id.to_string(), table_data(&table.value, fmt)))
            .collect();
        let figures = profile
            .figures
            .iter()
            .map(|(id, figure)| {
                let chart = charts.remove(id);
                (id.to_string(), figure_data(&figure.value, fmt, chart))
            })
            .collect();
        let blank_pages = m
            .blank_pages
            .iter()
            .map(|fill| page_fill(profile, fmt, fill))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(EditionData {
            lang: fmt.lang.to_string(),
            dir: fmt.direction,
            strings: fmt.strings.clone(),
            meta: Meta {
                id: m.id.get_ref().clone(),
                city: t(&m.city),
                country: t(&m.country),
                title: t(&m.title),
                short_title: t(&m.short_title),
                date: DateParts {
                    year: date.year,
                    month: date.month,
                    day: date.day,
                },
                date_text: fmt.numbers.month_year(i32::from(date.year), date.month),
                digits: fmt.numbers.numbering_system(),
                authors: m
                    .authors
                    .iter()
                    .map(|a| Author {
                        name: fmt.printed_as_written(&a.name),
                        about: t(&a.about),
                    })
                    .collect(),
            },
            theme: Theme {
                primary: m.theme.primary.get_ref().clone(),
                accent: m.theme.accent.get_ref().clone(),
                font: m.theme.font.as_ref().map(|f| f.get_ref().clone()),
                openers: m.theme.openers,
            },
            print: None,
            eu_emblem: m
                .funded_by_eu
                .then(|| crate::edition::emblem::svg(EMBLEM_HEIGHT)),
            funders: m
                .funders
                .iter()
                .map(|f| Funder {
                    label: t(&f.label),
                    lines: ts(&f.lines),
                    detail: f.detail.as_ref().map(t),
                    logo: f.logo.as_ref().map(|l| profile_file(l.get_ref())),
                })
                .collect(),
            partners: m
                .partners
                .iter()
                .map(|p| Partner {
                    name: t(&p.name),
                    lines: ts(&p.lines),
                    logo: p.logo.as_ref().map(|l| profile_file(l.get_ref())),
                })
                .collect(),
            cover_image: m.cover.as_ref().map(|c| CoverImage {
                path: profile_file(c.image.get_ref()),
                alt: t(&c.alt),
            }),
            components: m
                .components
                .iter()
                .map(|c| ComponentBox {
                    icon: c.icon,
                    title: t(&c.title),
                    text: t(&c.text),
                })
                .collect(),
            links: m
                .links
                .iter()
                .map(|l| LinkEntry {
                    icon: l.icon,
                    label: t(&l.label),
                    url: l.url.clone(),
                })
                .collect(),
            back_cover: BackCover {
                contact: m
                    .back_cover
                    .contact
                    .iter()
                    .map(|c| fmt.printed_as_written(c))
                    .collect(),
                addresses: m
                    .back_cover
                    .addresses
                    .iter()
                    .map(|a| Address {
                        name: t(&a.name),
                        lines: ts(&a.lines),
                    })
                    .collect(),
            },
            imprint: m.imprint.as_ref().map(|i| Imprint {
                publisher: i.publisher.as_ref().map(t),
                disclaimer: i.disclaimer.as_ref().map(t),
                licence: i.licence.as_ref().map(t),
                isbn: i.isbn.as_ref().map(|n| n.get_ref().trim().to_string()),
            }),
            blank_pages,
            no_hyphenation: no_hyphenation(profile, fmt),
            neutral_language: m.neutral_language.as_ref().map(|l| l.get_ref().clone()),
            chapters,
            tables,
            figures,
        })
    }
}

/// A `[[blank_pages]]` entry in the edition: its texts in the edition's
/// language, its key figures' values formatted.
///
/// Errors: a key figure naming no value of `values.toml` (the profile's
/// checks report it first, at its line).
fn page_fill(
    profile: &Profile,
    fmt: &Formatter,
    fill: &toml::Spanned<crate::profile::PageFill>,
) -> Result<PageFill, Diagnostic> {
    let t = |x: &LocalText| fmt.printed(x);
    let entry = fill.get_ref();
    let key_figures = entry
        .key_figures
        .iter()
        .map(|figure| {
            let path = figure.value.get_ref();
            let value =
                crate::edition::resolve::lookup_value(profile, fmt, path).map_err(|_| {
                    profile.meta.file.error(
                        figure.value.span().start,
                        format!("key figure `{path}`: values.toml has no such value"),
                    )
                })?;
            Ok(KeyFigure {
                value,
                label: t(&figure.label),
            })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    let kind = if entry.photo.is_some() {
        "photo"
    } else if entry.quotation.is_some() {
        "quotation"
    } else {
        "key figures"
    };
    Ok(PageFill {
        kind,
        title: entry.title.as_ref().map(t),
        key_figures,
        photo: entry.photo.as_ref().map(|p| profile_file(p.get_ref())),
        caption: entry.caption.as_ref().map(t),
        quotation: entry.quotation.as_ref().map(t),
        by: entry.by.as_ref().map(t),
    })
}

/// A figure in the edition, with its drawn chart if it has one.
fn figure_data(f: &Figure, fmt: &Formatter, chart: Option<DrawnChart>) -> FigureData {
    let (status, spec, image) = match &f.content {
        FigureContent::Chart(spec) => (FigureStatus::Chart, Some(spec.get_ref()), None),
        FigureContent::Image(image) => (FigureStatus::Image, None, Some(image.get_ref())),
        FigureContent::Unavailable { .. } => (FigureStatus::Unavailable, None, None),
        FigureContent::Todo { .. } => (FigureStatus::Todo, None, None),
    };
    let t = |x: &LocalText| fmt.printed(x);
    let caption = t(&f.caption);
    let (lang, dir) = block_language(fmt, &[&f.caption], None);
    let unavailable = (status == FigureStatus::Unavailable).then(|| {
        let own = fmt.block_strings(&lang);
        let s = own.as_ref().unwrap_or(fmt.strings);
        let message = match f.kind {
            FigureKind::Photo => &s.image_not_available,
            FigureKind::Map => &s.map_not_available,
            FigureKind::Chart => &s.data_not_available,
        };
        UnavailableWords {
            message: message.clone(),
            note: s.not_available_note.clone(),
        }
    });
    let labels = fmt.caption_labels(&lang, f.numbering());
    FigureData {
        kind: f.kind,
        number: f.numbering(),
        status,
        lang,
        dir,
        image: image.map(|i| profile_file(i)),
        caption,
        source: f.source.as_ref().map(t),
        footnote: f.footnote.as_ref().map(t),
        alt: f.alt.as_ref().map(t),
        note: f.note.as_ref().map(t),
        chart,
        table: spec
            .filter(|c| c.with_table)
            .map(|c| c.table.get_ref().clone()),
        unavailable,
        labels,
    }
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
    words.extend(m.no_hyphenation.iter().map(|w| text_in(w, fmt.lang)));
    words.retain(|w| !w.trim().is_empty());
    words.sort();
    words.dedup();
    words
}

/// The path under which the document reads a file of the profile folder.
fn profile_file(relative: &str) -> String {
    format!("{PROFILE_ROOT}{relative}")
}
