//! The JSON the templates read: key order, absent and `null` values, and
//! the strings the templates compare.

use super::*;
use crate::chart::{HAnchor, VAnchor};
use crate::profile::Align;
use serde_json::{json, Value};

fn strings() -> UiStrings {
    let sources = crate::base::source::Sources::in_memory(Vec::<(String, String)>::new());
    crate::profile::strings::load_strings(&sources, std::path::Path::new("/no/profile"), "en")
        .expect("English has built-in strings")
}

/// An English text of the data, as the edition prints it.
fn text(words: &str) -> Text {
    Text {
        text: words.into(),
        lang: LanguageCode::new("en").unwrap(),
        dir: Direction::LeftToRight,
        id: Some(format!("values.toml {words}")),
    }
}

fn edition() -> EditionData {
    let label = Label {
        lines: vec!["Berlin".into()],
        x: 10.5,
        y: 2.0,
        h: HAnchor::Left,
        v: VAnchor::Top,
        size: 7.0,
        fill: "#000000".into(),
        bold: false,
        halo: true,
        bounds: Default::default(),
    };
    let cell = CellData {
        lines: vec!["1,250".into()],
        rows: 1,
        cols: 2,
        lang: LanguageCode::new("en").unwrap(),
        dir: Direction::LeftToRight,
        one_direction: true,
        strong: false,
        missing: false,
        neutral: false,
        footnote: None,
    };
    let table = TableData {
        number: Numbering::Table,
        lang: LanguageCode::new("en").unwrap(),
        dir: Direction::LeftToRight,
        caption: Some(text("Population")),
        source: None,
        footnote: None,
        legend: None,
        labels: None,
        body: TableBody::Table {
            columns: vec![ColumnData {
                width: 1.0,
                align: Align::End,
            }],
            head: vec![vec![cell.clone()]],
            rows: vec![
                RowData::Group {
                    text: text("Total"),
                    neutral: true,
                    footnote: None,
                },
                RowData::Cells {
                    cells: vec![cell],
                    footnote: Some(text("Estimate")),
                },
            ],
        },
    };
    let list = TableData {
        number: Numbering::None,
        lang: LanguageCode::new("en").unwrap(),
        dir: Direction::LeftToRight,
        caption: None,
        source: None,
        footnote: None,
        legend: None,
        labels: None,
        body: TableBody::List {
            items: vec![text("Tunis")],
            items_neutral: vec![true],
            list_columns: 2,
        },
    };
    let figure = FigureData {
        kind: FigureKind::Chart,
        number: Numbering::Figure,
        status: FigureStatus::Chart,
        lang: LanguageCode::new("en").unwrap(),
        dir: Direction::LeftToRight,
        image: None,
        caption: text("Arrivals"),
        source: None,
        footnote: None,
        alt: Some(text("A bar chart")),
        note: None,
        chart: Some(DrawnChart {
            svg: "/charts/arrivals.svg".into(),
            width: 476.0,
            height: 120.25,
            fonts: vec!["Noto Sans".into()],
            labels: vec![label],
        }),
        table: None,
        unavailable: None,
        labels: None,
    };
    EditionData {
        lang: "ar".into(),
        dir: Direction::RightToLeft,
        strings: strings(),
        meta: Meta {
            id: "sfax".into(),
            city: text("Sfax"),
            country: text("Tunisia"),
            title: text("City Migration Profile"),
            short_title: text("Sfax"),
            date: DateParts {
                year: 2024,
                month: 3,
                day: 1,
            },
            date_text: "March 2024".into(),
            digits: crate::locale::NumberingSystem::Latn,
            authors: vec![Author {
                name: text("A. Author"),
                about: text("a researcher"),
            }],
        },
        theme: Theme {
            primary: "#004a7c".into(),
            accent: "#f0a500".into(),
            font: None,
            openers: crate::profile::Openers::EvenPage,
        },
        print: None,
        funders: Vec::new(),
        eu_emblem: None,
        partners: vec![Partner {
            name: text("ICMPD"),
            lines: Vec::new(),
            logo: None,
        }],
        cover_image: None,
        components: Vec::new(),
        links: Vec::new(),
        back_cover: BackCover {
            contact: vec![text("info@example.org")],
            addresses: Vec::new(),
        },
        imprint: None,
        blank_pages: Vec::new(),
        no_hyphenation: vec!["Sfax".into()],
        neutral_language: None,
        chapters: vec![ChapterInfo {
            file: "background".into(),
            title: "Background".into(),
            style: ChapterStyle::References,
            translation: ChapterState::Missing,
            lang: "fr".into(),
            dir: Direction::LeftToRight,
        }],
        tables: BTreeMap::from([("arrivals".into(), table), ("cities".into(), list)]),
        figures: BTreeMap::from([("arrivals".into(), figure)]),
    }
}

fn parsed(edition: &EditionData) -> Value {
    let text = edition.to_json().expect("serialises");
    serde_json::from_str(&text).expect("parses")
}

/// Whether every object's keys in `text` come in alphabetical order.
fn keys_sorted(text: &str) -> bool {
    // Each object's keys, in the order written, by nesting depth.
    let mut open: Vec<Vec<String>> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' => open.push(Vec::new()),
            '}' => {
                let keys = open.pop().unwrap_or_default();
                if keys.windows(2).any(|w| w[0] > w[1]) {
                    return false;
                }
            }
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            s.push(c);
                            s.extend(chars.next());
                        }
                        '"' => break,
                        _ => s.push(c),
                    }
                }
                if chars.peek() == Some(&':') {
                    if let Some(keys) = open.last_mut() {
                        keys.push(s);
                    }
                }
            }
            _ => {}
        }
    }
    true
}

#[test]
fn keys_come_out_sorted_at_every_level() {
    let text = edition().to_json().expect("serialises");
    assert!(keys_sorted(&text), "{text}");
    assert!(!keys_sorted("{\"b\": 1, \"a\": 2}"));
    // The chart's own fields and the label's, too.
    let chart = text.find("\"chart\": {").expect("a chart");
    let fonts = text[chart..].find("\"fonts\"").expect("fonts");
    let svg = text[chart..].find("\"svg\"").expect("svg");
    assert!(fonts < svg);
}

#[test]
fn a_print_version_has_print_and_nothing_else_changed() {
    let screen = edition();
    let print = EditionData {
        print: Some(PrintSettings {
            bleed_mm: 3.0,
            crop_marks: true,
            page_multiple: 4,
        }),
        ..screen.clone()
    };
    let (mut screen_json, print_json) = (parsed(&screen), parsed(&print));
    assert_eq!(screen_json.get("print"), None, "absent, not null");
    assert_eq!(
        print_json["print"],
        json!({ "bleed_mm": 3.0, "crop_marks": true, "page_multiple": 4 })
    );
    screen_json["print"] = print_json["print"].clone();
    assert_eq!(screen_json, print_json);
}

#[test]
fn one_of_values_are_the_strings_the_templates_compare() {
    let json = parsed(&edition());
    assert_eq!(json["dir"], "rtl");
    let chapter = &json["chapters"][0];
    assert_eq!(chapter["dir"], "ltr");
    assert_eq!(chapter["style"], "references");
    assert_eq!(chapter["translation"], "missing");
    let figure = &json["figures"]["arrivals"];
    assert_eq!(figure["status"], "chart");
    assert_eq!(figure["number"], "figure");
    assert_eq!(figure["kind"], "chart");
    assert_eq!(json["tables"]["arrivals"]["number"], "table");
    assert_eq!(json["tables"]["cities"]["number"], "none");
    for (status, name) in [
        (FigureStatus::Image, "image"),
        (FigureStatus::Todo, "todo"),
        (FigureStatus::Unavailable, "unavailable"),
    ] {
        assert_eq!(serde_json::to_value(status).ok(), Some(json!(name)));
    }
    let label = &figure["chart"]["labels"][0];
    assert_eq!((&label["h"], &label["v"]), (&json!("left"), &json!("top")));
}

#[test]
fn tables_carry_their_kind_and_rows_their_type() {
    let json = parsed(&edition());
    let table = &json["tables"]["arrivals"];
    assert_eq!(table["kind"], "table");
    assert_eq!(table["columns"], json!([{ "align": "end", "width": 1.0 }]));
    assert_eq!(table["rows"][0]["type"], "group");
    assert_eq!(table["rows"][1]["type"], "cells");
    assert_eq!(table["rows"][1]["footnote"]["text"], "Estimate");
    assert_eq!(table["head"][0][0]["cols"], 2);
    let list = &json["tables"]["cities"];
    assert_eq!(list["kind"], "list");
    assert_eq!(list["items_neutral"], json!([true]));
    assert_eq!(list.get("rows"), None);
}

#[test]
fn absent_values_are_null() {
    let json = parsed(&edition());
    for key in ["cover_image", "imprint", "neutral_language"] {
        assert_eq!(json.get(key), Some(&Value::Null), "{key}");
    }
    assert_eq!(json["theme"].get("font"), Some(&Value::Null));
    assert_eq!(json["partners"][0].get("logo"), Some(&Value::Null));
    assert_eq!(json["figures"]["arrivals"].get("table"), Some(&Value::Null));
    assert_eq!(json["tables"]["cities"].get("caption"), Some(&Value::Null));
    let cell = &json["tables"]["arrivals"]["rows"][1]["cells"][0];
    assert_eq!(cell.get("footnote"), Some(&Value::Null));
}

#[test]
fn every_text_carries_its_language_direction_and_identity() {
    let json = parsed(&edition());
    let caption = &json["figures"]["arrivals"]["caption"];
    assert_eq!(
        caption,
        &json!({ "text": "Arrivals", "lang": "en", "dir": "ltr", "id": "values.toml Arrivals" })
    );
    let cell = &json["tables"]["arrivals"]["rows"][1]["cells"][0];
    assert_eq!((&cell["lang"], &cell["dir"]), (&json!("en"), &json!("ltr")));
    assert_eq!(json["tables"]["cities"]["items"][0]["lang"], "en");
}
