//! Chart labels renamed without a change of data: a series whose legend
//! label changed (`Men` → `Males`) or a category whose label changed
//! (`Turkey` → `Türkiye`), at the same place and with the same numbers,
//! is a relabelling, not a revision of the data (without this, the old
//! label reads as removed and the new one as added).

use crate::edition::record::RecordedChart;

/// Which label of a chart was renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// A series' legend label.
    Series,
    /// A category's label (a year, a country, an age group).
    Category,
}

/// A chart label renamed: its kind, the old and the new label.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRename {
    pub kind: LabelKind,
    pub old: String,
    pub new: String,
}

/// The labels renamed from `before` to `after`, and `before` with those
/// renames applied (to compare its data with `after`'s). A label counts as
/// renamed when it stands at the same position in both charts, the old
/// label is no longer used and the new one was not used before, and it
/// carries the same numbers (a series: every value; a category: the value
/// of every series).
pub fn renamed(before: &RecordedChart, after: &RecordedChart) -> (Vec<LabelRename>, RecordedChart) {
    let mut renames = Vec::new();
    let mut relabelled = before.clone();
    let old_names: Vec<&String> = before.series.iter().map(|s| &s.name).collect();
    let new_names: Vec<&String> = after.series.iter().map(|s| &s.name).collect();
    for (i, (old, new)) in before.series.iter().zip(&after.series).enumerate() {
        if old.name != new.name
            && !new_names.contains(&&old.name)
            && !old_names.contains(&&new.name)
            && old.values == new.values
        {
            renames.push(LabelRename {
                kind: LabelKind::Series,
                old: old.name.clone(),
                new: new.name.clone(),
            });
            relabelled.series[i].name = new.name.clone();
        }
    }
    for (i, (old, new)) in before.categories.iter().zip(&after.categories).enumerate() {
        let same_numbers = relabelled.series.iter().all(|s| {
            let theirs = after.series.iter().find(|t| t.name == s.name);
            theirs.is_some_and(|t| s.values.get(i) == t.values.get(i))
        });
        if old != new
            && !after.categories.contains(old)
            && !before.categories.contains(new)
            && same_numbers
        {
            renames.push(LabelRename {
                kind: LabelKind::Category,
                old: old.clone(),
                new: new.clone(),
            });
            relabelled.categories[i] = new.clone();
        }
    }
    (renames, relabelled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::record::RecordedSeries;

    fn chart(categories: &[&str], series: &[(&str, &[f64])]) -> RecordedChart {
        RecordedChart {
            table: "t".into(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            series: series
                .iter()
                .map(|(name, values)| RecordedSeries {
                    name: name.to_string(),
                    values: values.iter().map(|v| Some(*v)).collect(),
                    texts: values.iter().map(|v| v.to_string()).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_series_with_a_new_label_and_the_same_numbers_is_renamed() {
        let before = chart(&["2020"], &[("Men", &[48.5]), ("Women", &[51.5])]);
        let after = chart(&["2020"], &[("Males", &[48.5]), ("Women", &[51.5])]);
        let (renames, relabelled) = renamed(&before, &after);
        assert_eq!(
            renames,
            vec![LabelRename {
                kind: LabelKind::Series,
                old: "Men".into(),
                new: "Males".into()
            }]
        );
        assert_eq!(relabelled, after);
    }

    #[test]
    fn a_series_with_a_new_label_and_other_numbers_is_not_renamed() {
        let before = chart(&["2020"], &[("Men", &[48.5])]);
        let after = chart(&["2020"], &[("Males", &[48.7])]);
        assert!(renamed(&before, &after).0.is_empty());
    }

    #[test]
    fn a_category_with_a_new_label_and_the_same_numbers_is_renamed() {
        let before = chart(&["Turkey", "Syria"], &[("Count", &[10.0, 5.0])]);
        let after = chart(&["Türkiye", "Syria"], &[("Count", &[10.0, 5.0])]);
        let (renames, relabelled) = renamed(&before, &after);
        assert_eq!(renames.len(), 1);
        assert_eq!(renames[0].kind, LabelKind::Category);
        assert_eq!(relabelled, after);
    }
}
