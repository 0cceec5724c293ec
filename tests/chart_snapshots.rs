//! Snapshot tests of the chart SVGs: each chart kind on small fixed data must
//! give exactly the stored SVG (run with UPDATE_SNAPSHOTS=1 to accept a
//! deliberate change, then look at the new files), and the same data must
//! always give the same bytes.

use std::fs;
use std::path::PathBuf;

use cityprofile::chart::{render_svg, validate, ChartData, ChartKind, ChartStyle, Series};
use cityprofile::locale::NumberFormat;
use cityprofile::profile::Unit;

fn style(unit: Option<Unit>) -> ChartStyle {
    ChartStyle {
        palette: vec![
            (0x1c, 0x3f, 0x5e),
            (0xe8, 0x83, 0x3a),
            (0xa3, 0xbd, 0xd6),
            (0x6e, 0x6e, 0x6e),
        ],
        numbers: NumberFormat::for_language("en").unwrap(),
        unit,
        value_labels: true,
        value_title: None,
        category_title: None,
        width: 476,
        right_to_left: false,
    }
}

fn series(name: &str, values: &[f64]) -> Series {
    Series {
        name: name.into(),
        values: values.iter().map(|v| Some(*v)).collect(),
    }
}

fn cases() -> Vec<(&'static str, ChartKind, ChartData, ChartStyle)> {
    let countries = ChartData {
        categories: vec![
            "Turkey".into(),
            "Syria".into(),
            "Serbia and Montenegro (formerly)".into(),
        ],
        series: vec![series("Number", &[22845.0, 10295.0, 4620.0])],
    };
    let years = ChartData {
        categories: vec!["2015".into(), "2019".into()],
        series: vec![
            series("Germans", &[26000.0, 20000.0]),
            series("Non-Germans", &[11000.0, 12000.0]),
        ],
    };
    let shares = ChartData {
        categories: vec!["2020".into(), "2021".into()],
        series: vec![series("Men", &[48.5, 49.0]), series("Women", &[51.5, 51.0])],
    };
    let trend = ChartData {
        categories: vec![
            "2010".into(),
            "2012".into(),
            "2014".into(),
            "2016".into(),
            "2018".into(),
        ],
        series: vec![
            series(
                "With migration background",
                &[167.0, 176.0, 190.0, 205.0, 216.0],
            ),
            Series {
                name: "Without".into(),
                values: vec![Some(410.0), Some(404.0), None, Some(394.0), Some(389.0)],
            },
        ],
    };
    let sectors = ChartData {
        categories: vec![
            "Service Sector".into(),
            "Manufacturing, Construction".into(),
            "Agriculture, Forestry".into(),
        ],
        series: vec![series("Share", &[85.6, 14.3, 0.1])],
    };
    let pyramid = ChartData {
        categories: vec![
            "0 – under 18".into(),
            "18 – under 65".into(),
            "65 or older".into(),
        ],
        series: vec![
            series("Non-Germans", &[17000.0, 82000.0, 10600.0]),
            series("Germans", &[80000.0, 300000.0, 110000.0]),
        ],
    };
    let mut titled = style(None);
    titled.value_title = Some("Unemployed".into());
    titled.category_title = Some("Year".into());
    vec![
        ("hbar", ChartKind::Hbar, countries.clone(), style(None)),
        ("bar", ChartKind::Bar, countries, style(None)),
        ("grouped-bar", ChartKind::Bar, years.clone(), titled),
        ("stacked-bar", ChartKind::StackedBar, years, style(None)),
        (
            "stacked-bar-100",
            ChartKind::StackedBar100,
            shares,
            style(Some(Unit::Percent)),
        ),
        ("line", ChartKind::Line, trend, style(None)),
        (
            "pie",
            ChartKind::Pie,
            sectors.clone(),
            style(Some(Unit::Percent)),
        ),
        (
            "donut",
            ChartKind::Donut,
            sectors,
            style(Some(Unit::Percent)),
        ),
        ("pyramid", ChartKind::Pyramid, pyramid, style(None)),
    ]
}

#[test]
fn every_chart_kind_matches_its_snapshot() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut mismatches = Vec::new();
    for (name, kind, data, style) in cases() {
        validate(kind, &data).unwrap_or_else(|e| panic!("{name}: {e}"));
        let svg = render_svg(kind, &data, &style).unwrap();
        assert_eq!(
            svg,
            render_svg(kind, &data, &style).unwrap(),
            "{name}: not deterministic"
        );
        assert!(
            !svg.contains("<image"),
            "{name}: a chart must not embed raster images"
        );
        for category in &data.categories {
            assert!(
                svg.contains(&format!("\n{category}\n")),
                "{name}: label {category:?} is not text in the SVG"
            );
        }
        let path = dir.join(format!("{name}.svg"));
        if update {
            fs::write(&path, &svg).unwrap();
        } else {
            let expected = fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("missing snapshot {}", path.display()));
            if expected != svg {
                mismatches.push(name);
            }
        }
    }
    assert!(mismatches.is_empty(), "SVG differs from snapshot for {mismatches:?}; rerun with UPDATE_SNAPSHOTS=1 and look at the new SVGs if the change is intended");
}

#[test]
fn numbers_and_ticks_follow_the_edition_format() {
    let (_, kind, data, style) = cases().into_iter().find(|c| c.0 == "hbar").unwrap();
    let svg = render_svg(kind, &data, &style).unwrap();
    assert!(svg.contains("\n22,845\n"), "value label");
    assert!(svg.contains("\n25,000\n"), "tick label");
}

#[test]
fn chart_text_is_never_smaller_than_7pt() {
    for (name, kind, data, style) in cases() {
        let svg = render_svg(kind, &data, &style).unwrap();
        for size in svg.split("font-size=\"").skip(1) {
            let size: f64 = size.split('"').next().unwrap().parse().unwrap();
            assert!(size >= 7.0, "{name}: text at {size}pt");
        }
    }
}

#[test]
fn a_legend_only_with_several_series() {
    let all = cases();
    let single = all.iter().find(|c| c.0 == "hbar").unwrap();
    let svg = render_svg(single.1, &single.2, &single.3).unwrap();
    assert!(
        !svg.contains("\nNumber\n"),
        "a single series needs no legend"
    );
    let grouped = all.iter().find(|c| c.0 == "grouped-bar").unwrap();
    let svg = render_svg(grouped.1, &grouped.2, &grouped.3).unwrap();
    assert!(svg.contains("\nGermans\n") && svg.contains("\nNon-Germans\n"));
}
