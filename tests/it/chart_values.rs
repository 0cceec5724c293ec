//! What a chart writes for its values: the decimals its table's cells are
//! written with (`48.0%` beside `51.5%`, as the table prints them), and for
//! a cell that is "nothing" (exactly zero, Destatis' `-`) a bar of zero
//! labelled with the table's mark, never a gap.

use std::fs;
use std::path::Path;

use crate::common::*;

/// The labels of the chart of figure `figure` in the built edition's
/// `edition.json`, each as its lines joined by a space.
fn chart_labels(emitted: &Path, figure: &str) -> Vec<String> {
    let edition: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(emitted.join("testcity-en/edition.json")).unwrap(),
    )
    .unwrap();
    edition["figures"][figure]["chart"]["labels"]
        .as_array()
        .unwrap_or_else(|| panic!("figure {figure} has no chart in {edition}"))
        .iter()
        .map(|l| {
            l["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn value_labels_keep_the_decimals_the_cells_are_written_with() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("tables/shares.toml"),
        r#"{ value = 49, unit = "percent" }, { value = 51, unit = "percent" }"#,
        r#"{ value = 49.0, unit = "percent" }, { value = 51.0, unit = "percent" }"#,
    );
    let (_, emitted) = build_with_sources(&dir);
    let labels = chart_labels(&emitted, "shares-chart");
    for value in ["48.5%", "51.5%", "49.0%", "51.0%"] {
        assert!(labels.iter().any(|l| l == value), "{value} in {labels:?}");
    }
    // The axis keeps its round ticks.
    assert!(labels.iter().any(|l| l == "50%"), "{labels:?}");
}

#[test]
fn a_nothing_mark_is_a_bar_of_zero_labelled_with_the_mark() {
    let (_tmp, dir) = fixture_copy("minimal");
    fs::create_dir_all(dir.join("data")).unwrap();
    fs::write(
        dir.join("data/cases.csv"),
        "Kennung;Jahr;Fälle\ny2019;2019;12\ny2020;2020;-\ny2021;2021;.\n",
    )
    .unwrap();
    fs::write(
        dir.join("tables/cases.toml"),
        r#"number = "figure"
caption = { en = "Cases" }
source = "Test Office, 2022"
columns = [{ id = "year" }, { id = "cases", align = "end" }]
head = [["", { text = { en = "Cases" } }]]

[csv]
file = "data/cases.csv"
locale = "de"
id = "Kennung"
missing = { "-" = "nothing", "." = "unknown" }
columns = [{ from = "Jahr" }, { from = "Fälle", kind = "count" }]
"#,
    )
    .unwrap();
    fs::write(
        dir.join("figures/cases-chart.toml"),
        r#"kind = "chart"
caption = { en = "Cases by year" }
source = "Test Office, 2022"
alt = { en = "Bars: 12 cases in 2019, none in 2020, 2021 not known." }

[chart]
type = "bar"
table = "cases"
labels = "year"
series = [{ column = "cases" }]
value_labels = true
"#,
    )
    .unwrap();
    append_to_file(
        &dir.join("text/en/intro.md"),
        "\n\n{{figure:cases-chart}}\n",
    );
    let (out, emitted) = build_with_sources(&dir);
    let labels = chart_labels(&emitted, "cases-chart");
    assert!(labels.iter().any(|l| l == "12"), "{labels:?}");
    // 2020 is nothing: zero, labelled with the table's mark; 2021 is not
    // known: a gap, labelled with the edition's missing-value mark.
    let record: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("testcity-en.record.json")).unwrap())
            .unwrap();
    let series = &record["charts"]["cases-chart"]["series"][0];
    assert_eq!(
        series["values"],
        serde_json::json!([12.0, 0.0, null]),
        "{series}"
    );
    assert_eq!(
        series["texts"],
        serde_json::json!(["12", "–", "—"]),
        "{series}"
    );
}
