//! Comparing two records: revisions, additions and removals, and the
//! summary line.

use super::*;
use crate::edition::record::{RecordedSeries, RECORD_FORMAT};

fn record(categories: &[&str], values: &[f64], total: &str) -> EditionRecord {
    let mut record = EditionRecord {
        format: RECORD_FORMAT,
        lang: "en".into(),
        ..EditionRecord::default()
    };
    record
        .values
        .insert("population.total".into(), total.into());
    record.charts.insert(
        "trend".into(),
        RecordedChart {
            table: "trend".into(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            series: vec![RecordedSeries {
                name: "Population".into(),
                values: values.iter().map(|v| Some(*v)).collect(),
                texts: values.iter().map(|v| format!("{v}")).collect(),
            }],
        },
    );
    record
}

#[test]
fn an_earlier_year_changed_is_a_revision_and_a_new_year_an_addition() {
    let old = record(&["2018", "2019"], &[598.0, 601.0], "601,000");
    let new = record(&["2018", "2019", "2020"], &[598.0, 603.6, 605.0], "601,000");
    let changes = compare(&old, &new);
    let points: Vec<(&str, PointKind)> = changes.charts[0]
        .points
        .iter()
        .map(|p| (p.category.as_str(), p.kind))
        .collect();
    assert_eq!(
        points,
        vec![("2019", PointKind::Revised), ("2020", PointKind::Added)]
    );
    assert_eq!(changes.summary(), "en: 1 chart redrawn");
}

#[test]
fn the_same_record_changes_nothing() {
    let old = record(&["2019"], &[601.0], "601,000");
    let changes = compare(&old, &old.clone());
    assert!(changes.is_empty());
    assert_eq!(changes.summary(), "en: no printed number changed");
}

#[test]
fn a_value_printed_otherwise_is_changed() {
    let old = record(&["2019"], &[601.0], "601,000");
    let new = record(&["2019"], &[601.0], "603,600");
    let changes = compare(&old, &new);
    assert_eq!(
        changes.values,
        vec![ValueChange {
            id: "population.total".into(),
            old: Some("601,000".into()),
            new: Some("603,600".into()),
        }]
    );
    assert_eq!(changes.summary(), "en: 1 value changed");
}

#[test]
fn a_series_renamed_with_the_same_numbers_is_a_renamed_label_not_a_revision() {
    let old = record(&["2019"], &[601.0], "601,000");
    let mut new = old.clone();
    new.charts.get_mut("trend").unwrap().series[0].name = "Inhabitants".into();
    let changes = compare(&old, &new);
    let chart = &changes.charts[0];
    assert!(chart.points.is_empty(), "{:?}", chart.points);
    assert!(!chart.redrawn);
    assert_eq!(
        chart.renamed,
        vec![LabelRename {
            kind: LabelKind::Series,
            old: "Population".into(),
            new: "Inhabitants".into()
        }]
    );
    assert_eq!(changes.summary(), "en: 1 chart label renamed");
    let report = markdown("t", &[changes]);
    assert!(
        report.contains("- series label renamed, same numbers: Population → Inhabitants\n"),
        "{report}"
    );
}

#[test]
fn a_gap_that_became_zero_with_the_same_print_says_which_is_which() {
    let mut old = record(&["2019", "2020"], &[12.0, 0.0], "601,000");
    let mut new = old.clone();
    fn series(r: &mut EditionRecord) -> &mut RecordedSeries {
        &mut r.charts.get_mut("trend").unwrap().series[0]
    }
    // 2020: a gap printed `–`, then "nothing" (zero) printed `–`.
    series(&mut old).values[1] = None;
    series(&mut old).texts[1] = "–".into();
    series(&mut new).texts[1] = "–".into();
    let changes = compare(&old, &new);
    let point = &changes.charts[0].points[0];
    assert_eq!(point.kind, PointKind::Revised);
    assert_eq!(
        point.series,
        vec![(
            "Population".to_string(),
            Some("– (no value)".to_string()),
            Some("– (0)".to_string())
        )]
    );
}
