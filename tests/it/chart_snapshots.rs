//! Snapshot tests of the charts: each chart kind on small fixed data must
//! give exactly the stored SVG geometry and label list (run with
//! UPDATE_SNAPSHOTS=1 to accept a deliberate change, then look at the new
//! files), and the same data must always give the same bytes. Every chart's
//! layout is checked: labels inside the frame, no two labels overlapping.

use std::fs;
use std::path::PathBuf;

use cityprofile::base::units::Unit;
use cityprofile::chart::{
    palette::palette, render, validate, Chart, ChartData, ChartKind, ChartStyle, Group, HAnchor,
    Series,
};
use cityprofile::locale::NumberFormat;

fn style(unit: Option<Unit>) -> ChartStyle {
    ChartStyle {
        palette: palette(&[(0x1c, 0x3f, 0x5e), (0xe8, 0x83, 0x3a)]),
        numbers: NumberFormat::for_language("en").unwrap(),
        unit,
        value_labels: true,
        value_title: None,
        category_title: None,
        width: 476.0,
        direction: cityprofile::base::bidi::Direction::LeftToRight,
        missing_mark: "–".into(),
    }
}

fn series(name: &str, values: &[f64]) -> Series {
    Series::new(name, values.iter().map(|v| Some(*v)).collect())
}

fn data(categories: &[&str], series: Vec<Series>) -> ChartData {
    ChartData {
        categories: categories.iter().map(|c| c.to_string()).collect(),
        series,
        groups: Vec::new(),
    }
}

fn cases() -> Vec<(&'static str, ChartKind, ChartData, ChartStyle)> {
    let countries = data(
        &["Turkey", "Syria", "Serbia and Montenegro (formerly)"],
        vec![series("", &[22845.0, 10295.0, 4620.0])],
    );
    let years = data(
        &["2015", "2019"],
        vec![
            series("Germans", &[26000.0, 20000.0]),
            series("Non-Germans", &[11000.0, 12000.0]),
        ],
    );
    let shares = data(
        &["2020", "2021"],
        vec![series("Men", &[48.5, 49.0]), series("Women", &[51.5, 51.0])],
    );
    let trend = data(
        &["2010", "2012", "2014", "2016", "2018"],
        vec![
            series(
                "With migration background",
                &[167.0, 176.0, 190.0, 205.0, 216.0],
            ),
            Series::new(
                "Without",
                vec![Some(410.0), Some(404.0), None, Some(394.0), Some(389.0)],
            ),
        ],
    );
    let sectors = data(
        &[
            "Service Sector",
            "Manufacturing, Construction",
            "Agriculture, Forestry",
        ],
        vec![series("Share", &[85.6, 14.3, 0.1])],
    );
    let pyramid = data(
        &["0 – under 18", "18 – under 65", "65 or older"],
        vec![
            series("Non-Germans", &[17000.0, 82000.0, 10600.0]),
            series("Germans", &[80000.0, 300000.0, 110000.0]),
        ],
    );
    // Invented numbers: net migration with negative years.
    let balance = data(
        &["2014", "2015", "2016", "2017", "2018"],
        vec![series(
            "Net migration",
            &[8200.0, 42000.0, -13000.0, -4500.0, 3100.0],
        )],
    );
    // Invented numbers: census years, unequally spaced, one value missing.
    let census = data(
        &[
            "1921", "1926", "1931", "1936", "1946", "1956", "1966", "1975", "1984", "1994", "2004",
            "2014", "2024",
        ],
        vec![
            Series::new(
                "Population",
                vec![
                    Some(185.0),
                    Some(193.0),
                    Some(202.0),
                    None,
                    Some(364.0),
                    Some(410.0),
                    Some(469.0),
                    Some(550.0),
                    Some(596.0),
                    Some(674.0),
                    Some(728.0),
                    Some(693.0),
                    Some(638.0),
                ],
            ),
            Series::new(
                "Born abroad",
                vec![
                    None,
                    None,
                    Some(12.0),
                    Some(14.0),
                    Some(20.0),
                    Some(25.0),
                    Some(31.0),
                    Some(40.0),
                    Some(52.0),
                    Some(61.0),
                    Some(70.0),
                    Some(84.0),
                    Some(101.0),
                ],
            ),
        ],
    );
    // Invented numbers: a stacked bar with a missing part, grouped bars
    // with a missing value and category groups.
    let gaps = data(
        &["2019", "2020", "2021"],
        vec![
            series("Men", &[310.0, 305.0, 300.0]),
            Series::new("Women", vec![Some(320.0), None, Some(318.0)]),
        ],
    );
    let mut grouped = data(
        &["Germans", "Non-Germans", "Germans", "Non-Germans"],
        vec![
            Series::new("2015", vec![Some(26000.0), Some(11000.0), None, None]),
            series("2019", &[20000.0, 12000.0, 60000.0, 41000.0]),
        ],
    );
    grouped.groups = vec![
        Group {
            name: "Unemployed".into(),
            start: 0,
            len: 2,
        },
        Group {
            name: "Recipients of social welfare".into(),
            start: 2,
            len: 2,
        },
    ];
    let mut titled = style(None);
    titled.value_title = Some("Unemployed".into());
    titled.category_title = Some("Year".into());
    let mut percent_shares = style(Some(Unit::Percent));
    percent_shares.value_labels = true;
    let mut lines = style(None);
    lines.value_labels = false;
    vec![
        ("hbar", ChartKind::Hbar, countries.clone(), style(None)),
        ("bar", ChartKind::Bar, countries, style(None)),
        ("grouped-bar", ChartKind::Bar, years.clone(), titled),
        ("stacked-bar", ChartKind::StackedBar, years, style(None)),
        (
            "stacked-bar-100",
            ChartKind::StackedBar100,
            shares,
            percent_shares,
        ),
        ("line", ChartKind::Line, trend, lines.clone()),
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
        ("negative-bar", ChartKind::Bar, balance.clone(), style(None)),
        ("negative-hbar", ChartKind::Hbar, balance, style(None)),
        ("census-line", ChartKind::Line, census, lines),
        ("missing-stacked", ChartKind::StackedBar, gaps, style(None)),
        (
            "grouped-hbar",
            ChartKind::Hbar,
            grouped.clone(),
            style(None),
        ),
        ("grouped-categories", ChartKind::Bar, grouped, style(None)),
    ]
}

/// The labels as text, one per line: where, how anchored, what.
fn label_listing(chart: &Chart) -> String {
    let mut out = format!("{} x {}\n", chart.width, chart.height);
    for l in &chart.labels {
        out.push_str(&format!(
            "{:.2} {:.2} {:?} {:?} {}{} {}\n",
            l.x,
            l.y,
            l.h,
            l.v,
            l.size,
            if l.halo { " halo" } else { "" },
            l.lines.join(" / ")
        ));
    }
    out
}

fn all_text(chart: &Chart) -> Vec<String> {
    chart.labels.iter().map(|l| l.lines.join(" ")).collect()
}

fn rendered(name: &str) -> Chart {
    let (_, kind, data, style) = cases().into_iter().find(|c| c.0 == name).unwrap();
    render(kind, &data, &style).unwrap()
}

#[test]
fn every_chart_kind_matches_its_snapshot() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut mismatches = Vec::new();
    for (name, kind, data, style) in cases() {
        validate(kind, &data).unwrap_or_else(|e| panic!("{name}: {e}"));
        let chart = render(kind, &data, &style).unwrap();
        let again = render(kind, &data, &style).unwrap();
        assert_eq!(chart.svg, again.svg, "{name}: not deterministic");
        assert_eq!(chart.labels, again.labels, "{name}: not deterministic");
        assert!(
            !chart.svg.contains("<image") && !chart.svg.contains("<text"),
            "{name}: the SVG holds only geometry"
        );
        chart
            .check_layout()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = all_text(&chart);
        let words: Vec<String> = text
            .iter()
            .flat_map(|t| t.split(' '))
            .map(String::from)
            .collect();
        for category in &data.categories {
            if name == "census-line" {
                continue; // checked in census_years_are_placed_by_time
            }
            assert!(
                category.split(' ').all(|w| words.iter().any(|x| x == w)),
                "{name}: label {category:?} missing from {text:?}"
            );
        }
        let labels = label_listing(&chart);
        for (ext, content) in [("svg", &chart.svg), ("labels", &labels)] {
            let path = dir.join(format!("{name}.{ext}"));
            if update {
                fs::write(&path, content).unwrap();
            } else {
                let expected = fs::read_to_string(&path)
                    .unwrap_or_else(|_| panic!("missing snapshot {}", path.display()));
                if &expected != content {
                    mismatches.push(format!("{name}.{ext}"));
                }
            }
        }
    }
    assert!(mismatches.is_empty(), "chart differs from snapshot for {mismatches:?}; rerun with UPDATE_SNAPSHOTS=1 and look at the new files if the change is intended");
}

#[test]
fn numbers_and_ticks_follow_the_edition_format() {
    let text = all_text(&rendered("hbar"));
    assert!(
        text.contains(&"22,845".to_string()),
        "value label: {text:?}"
    );
    assert!(text.contains(&"25,000".to_string()), "tick label: {text:?}");
    let text = all_text(&rendered("stacked-bar-100"));
    assert!(text.contains(&"100%".to_string()), "{text:?}");
}

#[test]
fn chart_text_is_never_smaller_than_7pt() {
    for (name, kind, data, style) in cases() {
        let chart = render(kind, &data, &style).unwrap();
        for l in &chart.labels {
            assert!(l.size >= 7.0, "{name}: {:?} at {}pt", l.lines, l.size);
        }
    }
}

#[test]
fn a_legend_with_several_series_or_a_named_one() {
    let (_, kind, mut data, style) = cases().into_iter().find(|c| c.0 == "hbar").unwrap();
    let unnamed = render(kind, &data, &style).unwrap();
    data.series[0].name = "Number".into();
    let named = render(kind, &data, &style).unwrap();
    assert_eq!(named.labels.len(), unnamed.labels.len() + 1);
    assert!(all_text(&named).contains(&"Number".to_string()));
    let text = all_text(&rendered("grouped-bar"));
    assert!(text.contains(&"Germans".to_string()) && text.contains(&"Non-Germans".to_string()));
}

#[test]
fn negative_values_hang_below_a_zero_line_with_negative_ticks() {
    let chart = rendered("negative-bar");
    let text = all_text(&chart);
    assert!(text.contains(&"-13,000".to_string()), "{text:?}");
    assert!(
        text.iter()
            .any(|t| t.starts_with('-') && t.ends_with("0,000")),
        "negative tick: {text:?}"
    );
    // Category labels stand below every value label.
    let lowest_value = chart
        .labels
        .iter()
        .filter(|l| l.size < 8.0)
        .map(|l| l.bounds.bottom)
        .fold(0.0, f64::max);
    let category = chart.labels.iter().find(|l| l.lines == ["2016"]).unwrap();
    assert!(
        category.bounds.top >= lowest_value,
        "{category:?} above {lowest_value}"
    );
    // Bars to scale: the -13,000 bar is 13/42 of the 42,000 bar.
    let heights: Vec<f64> = chart
        .svg
        .lines()
        .filter(|l| l.starts_with("<rect"))
        .map(|l| {
            let h = l.split("height=\"").nth(1).unwrap();
            h.split('"').next().unwrap().parse().unwrap()
        })
        .collect();
    let biggest = heights.iter().cloned().fold(0.0, f64::max);
    assert!(
        heights
            .iter()
            .any(|h| (h / biggest - 13.0 / 42.0).abs() < 0.01),
        "{heights:?}"
    );
}

#[test]
fn census_years_are_placed_by_time() {
    let chart = rendered("census-line");
    let x_of = |year: &str| {
        chart
            .labels
            .iter()
            .find(|l| l.lines == [year])
            .unwrap_or_else(|| panic!("no label {year}"))
            .x
    };
    let per_year = (x_of("2024") - x_of("1921")) / 103.0;
    assert!(((x_of("2014") - x_of("2004")) / per_year - 10.0).abs() < 0.1);
    assert!(((x_of("1956") - x_of("1946")) / per_year - 10.0).abs() < 0.1);
    // A tick mark at every year, even where a label would not fit (lines
    // 0.6 points wide; the SVG's unit is a hundredth of a point).
    let lines = |width: &str| {
        chart
            .svg
            .lines()
            .filter(|l| l.starts_with("<polyline") && l.contains(width))
            .count()
    };
    let ticks = lines("stroke-width=\"60\"");
    assert!(ticks >= 13, "{ticks}");
    // The missing values are gaps: each line (1.8 points) is split into runs.
    assert_eq!(lines("stroke-width=\"180\""), 3);
}

#[test]
fn missing_values_are_gaps_and_a_stacked_bar_with_a_gap_has_no_total() {
    let chart = rendered("missing-stacked");
    // Value labels only (ticks are larger).
    let text: Vec<String> = chart
        .labels
        .iter()
        .filter(|l| l.size < 8.0)
        .map(|l| l.lines.join(" "))
        .collect();
    assert!(text.contains(&"630".to_string()), "2019 total: {text:?}");
    assert!(text.contains(&"618".to_string()), "2021 total: {text:?}");
    // 2020 lacks its women: the men's part is printed on its segment, and
    // no total (it would be the men's 305) and no zero.
    assert_eq!(text.iter().filter(|t| *t == "305").count(), 1, "{text:?}");
    assert!(!text.iter().any(|t| t == "0"), "{text:?}");
    let grouped = all_text(&rendered("grouped-categories"));
    assert_eq!(
        grouped.iter().filter(|t| *t == "–").count(),
        2,
        "{grouped:?}"
    );
    assert!(grouped.iter().any(|t| t.contains("welfare")), "{grouped:?}");
}

#[test]
fn a_right_to_left_chart_is_the_mirror_image() {
    let (_, kind, data, mut style) = cases().into_iter().find(|c| c.0 == "grouped-bar").unwrap();
    let ltr = render(kind, &data, &style).unwrap();
    style.direction = cityprofile::base::bidi::Direction::RightToLeft;
    let rtl = render(kind, &data, &style).unwrap();
    assert_eq!(ltr.labels.len(), rtl.labels.len());
    for (a, b) in ltr.labels.iter().zip(&rtl.labels) {
        assert_eq!(a.lines, b.lines);
        assert!((a.x - (476.0 - b.x)).abs() < 0.02, "{a:?} {b:?}");
        let mirrored = match a.h {
            HAnchor::Left => HAnchor::Right,
            HAnchor::Right => HAnchor::Left,
            HAnchor::Center => HAnchor::Center,
        };
        assert_eq!(b.h, mirrored);
    }
    // The legend reads right to left: the first entry's swatch is at the
    // right edge, right of its name.
    let first = rtl.labels.iter().find(|l| l.lines == ["Germans"]).unwrap();
    assert_eq!(first.h, HAnchor::Right);
    assert!(first.x > 440.0, "{first:?}");
}

#[test]
fn a_thin_slice_is_labelled() {
    let text = all_text(&rendered("donut"));
    // The 0.1% slice: once in the legend, once at its leader line.
    assert_eq!(text.iter().filter(|t| *t == "0.1%").count(), 2, "{text:?}");
}

/// Whether two label boxes keep at least `gap` points of white between
/// them side by side (boxes one above the other, whose room for ascenders
/// and descenders may meet, only must not overlap).
fn apart(a: &cityprofile::chart::Bounds, b: &cityprofile::chart::Bounds, gap: f64) -> bool {
    let side_by_side = a.top < b.bottom && b.top < a.bottom;
    !side_by_side || a.right + gap <= b.left || b.right + gap <= a.left
}

/// No two labels of a chart overlap, and labels side by side keep at
/// least a point of white between them.
fn assert_labels_apart(name: &str, chart: &Chart) {
    chart
        .check_layout()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    for (i, a) in chart.labels.iter().enumerate() {
        for b in &chart.labels[i + 1..] {
            assert!(
                apart(&a.bounds, &b.bounds, 1.0),
                "{name}: {:?} and {:?} touch",
                a.lines,
                b.lines
            );
        }
    }
}

#[test]
fn long_category_labels_of_vertical_bars_turn_the_chart_horizontal() {
    // Seven residence statuses as a German edition names them: single
    // words wider than a seventh of the chart.
    let statuses = data(
        &[
            "Niederlassungserlaubnis",
            "Aufenthaltserlaubnis",
            "Aufenthaltsgestattung",
            "Duldung",
            "Daueraufenthaltsberechtigung",
            "Freizügigkeitsberechtigung",
            "Sonstige/ungeklärt",
        ],
        vec![series(
            "",
            &[77469.0, 23040.0, 2143.0, 1817.0, 950.0, 41000.0, 9593.0],
        )],
    );
    let chart = render(ChartKind::Bar, &statuses, &style(None)).unwrap();
    assert_labels_apart("statuses", &chart);
    // Drawn horizontally: each status on a line of its own, one under
    // the other at the start side, none wrapped.
    let mut tops: Vec<f64> = Vec::new();
    for status in &statuses.categories {
        let label = chart
            .labels
            .iter()
            .find(|l| l.lines.join(" ") == *status)
            .unwrap_or_else(|| panic!("{status} missing or wrapped"));
        assert_eq!(label.h, HAnchor::Right, "{status}: {label:?}");
        tops.push(label.bounds.top);
    }
    assert!(tops.windows(2).all(|w| w[0] < w[1]), "{tops:?}");

    // Two long neighbours among short ones (districts of a governorate):
    // the same.
    let districts = data(
        &[
            "Amman Qasabah",
            "Marka",
            "Al-Quwaysimah",
            "Al-Jami'ah",
            "Wadi as-Sir",
            "Sahab",
            "Na'ur",
            "Al-Jizah",
            "Al-Muwaqqar",
        ],
        vec![
            series("1994", &[0.0, 0.0, 0.0, 0.0, 130.0, 47.0, 35.0, 33.0, 18.0]),
            series(
                "2004",
                &[552.0, 481.0, 256.0, 279.0, 173.0, 55.0, 66.0, 42.0, 30.0],
            ),
            series(
                "2015",
                &[853.0, 955.0, 580.0, 744.0, 366.0, 168.0, 129.0, 118.0, 84.0],
            ),
        ],
    );
    let chart = render(ChartKind::Bar, &districts, &style(None)).unwrap();
    assert_labels_apart("districts", &chart);
    for district in &districts.categories {
        let label = chart
            .labels
            .iter()
            .find(|l| l.lines.join(" ") == *district)
            .unwrap_or_else(|| panic!("{district} missing"));
        assert_eq!(label.h, HAnchor::Right, "{district}: {label:?}");
    }

    // Short labels stay under vertical bars.
    let chart = rendered("bar");
    assert_labels_apart("bar", &chart);
    let turkey = chart.labels.iter().find(|l| l.lines == ["Turkey"]).unwrap();
    assert_eq!(turkey.h, HAnchor::Center, "{turkey:?}");
}

#[test]
fn every_chart_of_the_snapshots_keeps_its_labels_apart() {
    for (name, kind, data, style) in cases() {
        assert_labels_apart(name, &render(kind, &data, &style).unwrap());
    }
}
