//! What a chart kind can draw and which options it honours: data that a
//! kind cannot show, and options it would have to ignore, are refused with
//! a message in the profile author's words (the caller adds the file, line
//! and column).

use super::{ChartData, ChartKind, DataError};
use crate::base::units::Unit;

/// Checks that the data can feed the chart kind; the message says what is wrong.
pub fn validate(kind: ChartKind, data: &ChartData) -> Result<(), DataError> {
    let n = data.categories.len();
    if n == 0 {
        return Err(DataError::NoCategories);
    }
    if data.series.is_empty() {
        return Err(DataError::NoSeries);
    }
    if let Some(i) = data.categories.iter().position(|c| c.trim().is_empty()) {
        return Err(DataError::UnlabelledCategory { number: i + 1 });
    }
    for s in &data.series {
        if s.values.len() != n {
            return Err(DataError::ValueCount {
                series: s.name.clone(),
                values: s.values.len(),
                categories: n,
            });
        }
        if s.values.iter().all(Option::is_none) {
            return Err(DataError::EmptySeries {
                series: s.name.clone(),
            });
        }
        if let Some(v) = s.values.iter().flatten().find(|v| !v.is_finite()) {
            return Err(DataError::NotANumber {
                series: s.name.clone(),
                value: *v,
            });
        }
    }
    for g in &data.groups {
        if g.len == 0 || g.start + g.len > n {
            return Err(DataError::EmptyGroup {
                group: g.name.clone(),
            });
        }
    }
    match kind {
        ChartKind::Pie | ChartKind::Donut => {
            if data.series.len() != 1 {
                return Err(DataError::NotOneSeries {
                    kind,
                    series: data.series.len(),
                });
            }
            for (i, v) in data.series[0].values.iter().enumerate() {
                match v {
                    Some(v) if *v < 0.0 => {
                        return Err(DataError::NegativeSlice {
                            kind,
                            category: data.categories[i].clone(),
                            value: *v,
                        })
                    }
                    None => {
                        return Err(DataError::MissingSlice {
                            kind,
                            category: data.categories[i].clone(),
                        })
                    }
                    _ => {}
                }
            }
            if data.series[0].values.iter().flatten().sum::<f64>() <= 0.0 {
                return Err(DataError::NoTotal { kind });
            }
        }
        ChartKind::Pyramid => {
            if data.series.len() != 2 {
                return Err(DataError::NotTwoSeries {
                    series: data.series.len(),
                });
            }
            if data
                .series
                .iter()
                .flat_map(|s| s.values.iter().flatten())
                .any(|v| *v < 0.0)
            {
                return Err(DataError::NegativeCount);
            }
        }
        ChartKind::StackedBar | ChartKind::StackedBar100 => {
            if data.series.len() < 2 {
                return Err(DataError::NothingToStack);
            }
            if data
                .series
                .iter()
                .flat_map(|s| s.values.iter().flatten())
                .any(|v| *v < 0.0)
            {
                return Err(DataError::NegativeStack);
            }
            if kind == ChartKind::StackedBar100 {
                for (i, category) in data.categories.iter().enumerate() {
                    // A category with a missing part cannot add up; it is
                    // drawn with a gap.
                    if data.series.iter().any(|s| s.values[i].is_none()) {
                        continue;
                    }
                    let total: f64 = data.series.iter().filter_map(|s| s.values[i]).sum();
                    if (total - 100.0).abs() > 1.0 {
                        return Err(DataError::SharesNotHundred {
                            category: category.clone(),
                            total,
                        });
                    }
                }
            }
        }
        ChartKind::Line => {
            if n < 2 {
                return Err(DataError::TooFewYears);
            }
        }
        ChartKind::Bar | ChartKind::Hbar => {}
    }
    Ok(())
}

/// Which options a chart's spec sets.
#[derive(Debug, Clone, Default)]
pub struct OptionUse {
    pub value_labels: bool,
    pub unit: Option<Unit>,
    pub value_title: bool,
    pub category_title: bool,
    /// Number of series, and how many of them have a `label`.
    pub series: usize,
    pub labelled_series: usize,
}

/// The options a chart kind would have to ignore: each with the option's
/// name (as written in the figure file) and why it is refused.
pub fn refused_options(kind: ChartKind, o: &OptionUse) -> Vec<(&'static str, String)> {
    let mut refused = Vec::new();
    let name = kind.name();
    if kind == ChartKind::Line && o.value_labels {
        refused.push((
            "value_labels",
            "a line chart does not print the value of each point (they would cover the lines): remove `value_labels`, or print the numbers with `with_table = true`".to_string(),
        ));
    }
    if matches!(kind, ChartKind::Pie | ChartKind::Donut) {
        for option in ["value_title", "category_title"] {
            let set = if option == "value_title" {
                o.value_title
            } else {
                o.category_title
            };
            if set {
                refused.push((
                    option,
                    format!("a {name} has no axes, so `{option}` would not be printed: remove it (the caption says what the chart shows)"),
                ));
            }
        }
    }
    if kind == ChartKind::StackedBar100 && o.unit.is_some_and(|u| u != Unit::Percent) {
        refused.push((
            "unit",
            "a stacked-bar-100 chart shows shares in percent: remove `unit` or write unit = \"percent\"".to_string(),
        ));
    }
    if matches!(kind, ChartKind::Pie | ChartKind::Donut) && o.labelled_series > 0 {
        refused.push((
            "label",
            format!("a {name}'s legend names its slices, not its series, so the series `label` would not be printed: remove it (the caption says what the slices count)"),
        ));
    }
    refused
}

#[cfg(test)]
mod tests {
    use super::super::{Group, Series};
    use super::*;

    fn data(values: &[&[Option<f64>]]) -> ChartData {
        ChartData {
            categories: (0..values[0].len()).map(|i| format!("C{i}")).collect(),
            series: values
                .iter()
                .enumerate()
                .map(|(j, v)| Series::new(format!("S{j}"), v.to_vec()))
                .collect(),
            groups: Vec::new(),
        }
    }

    #[test]
    fn validation_names_the_problem() {
        let bad_pie = data(&[&[Some(3.0), Some(-1.0)]]);
        assert!(validate(ChartKind::Pie, &bad_pie)
            .unwrap_err()
            .to_string()
            .contains("negative"));
        let two = data(&[&[Some(1.0)], &[Some(2.0)]]);
        assert!(validate(ChartKind::Donut, &two)
            .unwrap_err()
            .to_string()
            .contains("exactly one series"));
        let empty = data(&[&[None, None]]);
        assert!(validate(ChartKind::Bar, &empty)
            .unwrap_err()
            .to_string()
            .contains("is empty"));
        let shares = data(&[&[Some(60.0)], &[Some(30.0)]]);
        assert!(validate(ChartKind::StackedBar100, &shares)
            .unwrap_err()
            .to_string()
            .contains("add up to 90%"));
        let ok = data(&[&[Some(60.0)], &[Some(40.2)]]);
        assert!(validate(ChartKind::StackedBar100, &ok).is_ok());
        let gap = data(&[&[Some(60.0), Some(55.0)], &[None, Some(45.0)]]);
        assert!(validate(ChartKind::StackedBar100, &gap).is_ok());
        let one = data(&[&[Some(1.0), Some(2.0)]]);
        assert!(validate(ChartKind::Pyramid, &one)
            .unwrap_err()
            .to_string()
            .contains("exactly two series"));
        let mut unlabelled = one.clone();
        unlabelled.categories[1] = " ".into();
        assert!(validate(ChartKind::Bar, &unlabelled)
            .unwrap_err()
            .to_string()
            .contains("category 2 has no label"));
        let mut short = one.clone();
        short.series[0].values.pop();
        assert!(validate(ChartKind::Bar, &short)
            .unwrap_err()
            .to_string()
            .contains("1 values for 2 categories"));
        let negative = data(&[&[Some(-3.0), Some(2.0)], &[Some(1.0), Some(1.0)]]);
        assert!(validate(ChartKind::Bar, &negative).is_ok());
        assert!(validate(ChartKind::StackedBar, &negative)
            .unwrap_err()
            .to_string()
            .contains("use a bar chart"));
        let mut grouped = one.clone();
        grouped.groups.push(Group {
            name: "G".into(),
            start: 1,
            len: 2,
        });
        assert!(validate(ChartKind::Bar, &grouped).is_err());
    }

    #[test]
    fn options_a_kind_would_ignore_are_refused() {
        let line = OptionUse {
            value_labels: true,
            series: 2,
            labelled_series: 2,
            ..Default::default()
        };
        let refused = refused_options(ChartKind::Line, &line);
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].0, "value_labels");
        assert!(refused_options(ChartKind::Bar, &line).is_empty());
        let donut = OptionUse {
            value_title: true,
            series: 1,
            labelled_series: 1,
            ..Default::default()
        };
        let names: Vec<&str> = refused_options(ChartKind::Donut, &donut)
            .iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(names, ["value_title", "label"]);
        let hundred = OptionUse {
            unit: Some(Unit::EUR),
            series: 2,
            ..Default::default()
        };
        assert_eq!(
            refused_options(ChartKind::StackedBar100, &hundred)[0].0,
            "unit"
        );
    }
}
