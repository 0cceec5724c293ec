//! The marks a statistics office writes in place of a number, and what
//! each means: German official statistics (Destatis, the Länder offices;
//! DIN 55301) write `-` for nothing (exactly zero), `.` for a figure not
//! known, `x` for one kept secret (Geheimhaltung), `...` for one not yet
//! available; Eurostat writes `:`. A `[csv]` section declares its marks as
//! a list (each printed as the edition's missing-value mark) or with their
//! meanings (each printed as written and explained under the table).

use std::collections::BTreeMap;

use serde::Deserialize;

/// What a missing-value mark says about the figure it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissingMeaning {
    /// Nothing: exactly zero (Destatis `-`). Never printed as `0`.
    Nothing,
    /// The figure is not known (Destatis `.`).
    Unknown,
    /// The figure is kept secret (Destatis `x`, Geheimhaltung).
    Secret,
    /// The figure is not yet available (Destatis `...`).
    Later,
    /// No figure makes sense here.
    NotApplicable,
}

impl MissingMeaning {
    /// Every meaning, in the order a table's legend lists them.
    pub const ALL: [MissingMeaning; 5] = [
        MissingMeaning::Nothing,
        MissingMeaning::Unknown,
        MissingMeaning::Secret,
        MissingMeaning::Later,
        MissingMeaning::NotApplicable,
    ];

    /// The name a `[csv]` section writes: `nothing`, `unknown`, `secret`,
    /// `later`, `not-applicable`.
    pub fn name(self) -> &'static str {
        match self {
            MissingMeaning::Nothing => "nothing",
            MissingMeaning::Unknown => "unknown",
            MissingMeaning::Secret => "secret",
            MissingMeaning::Later => "later",
            MissingMeaning::NotApplicable => "not-applicable",
        }
    }
}

/// A mark printed in a table cell, as its meaning is printed: the mark as
/// the office writes it, typeset (`-` as the en dash `–` of DIN 55301,
/// `...` as `…`).
pub fn printed_mark(mark: &str) -> String {
    match mark {
        "-" => "–".to_string(),
        "..." => "…".to_string(),
        other => other.to_string(),
    }
}

/// The missing-value marks read as "no value" when a `[csv]` declares none:
/// an empty field, Destatis' `.` (unknown or secret), `-` (nothing), `x`
/// (not applicable), `...` and `…` (not yet available), Eurostat's `:`.
pub const DEFAULT_MISSING_MARKS: &[&str] = &["", ".", "-", "x", "...", "…", ":"];

/// `missing` in a `[csv]` section: a list of marks (`[":", "n.d."]`), or
/// each mark with its meaning (`{ "-" = "nothing", "." = "unknown" }`).
#[derive(Debug, Clone)]
pub enum MissingMarks {
    /// Marks without a meaning: printed as the edition's `missing_value`.
    List(Vec<String>),
    /// Marks with their meanings: printed as written, explained under the table.
    Meanings(BTreeMap<String, MissingMeaning>),
}

impl Default for MissingMarks {
    fn default() -> Self {
        MissingMarks::List(
            DEFAULT_MISSING_MARKS
                .iter()
                .map(|m| m.to_string())
                .collect(),
        )
    }
}

/// What a field is when it is a missing-value mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// A mark of a list: no meaning declared.
    Plain,
    /// A mark with its meaning, as written (trimmed).
    Meaning(String, MissingMeaning),
}

impl MissingMarks {
    /// Whether `field` (trimmed) is one of the marks, and which.
    pub fn mark(&self, field: &str) -> Option<Mark> {
        let field = field.trim();
        match self {
            MissingMarks::List(marks) => marks
                .iter()
                .any(|m| m.trim() == field)
                .then_some(Mark::Plain),
            MissingMarks::Meanings(marks) => marks
                .iter()
                .find(|(m, _)| m.trim() == field)
                .map(|(m, meaning)| Mark::Meaning(m.trim().to_string(), *meaning)),
        }
    }
}

impl<'de> Deserialize<'de> for MissingMarks {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MarksVisitor;
        impl<'de> serde::de::Visitor<'de> for MarksVisitor {
            type Value = MissingMarks;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of marks like [\":\", \"n.d.\"], or marks with their meanings like { \"-\" = \"nothing\", \".\" = \"unknown\", \"x\" = \"secret\", \"...\" = \"later\" }")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<MissingMarks, A::Error> {
                let mut marks = Vec::new();
                while let Some(mark) = seq.next_element::<String>()? {
                    marks.push(mark);
                }
                Ok(MissingMarks::List(marks))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<MissingMarks, A::Error> {
                let mut marks = BTreeMap::new();
                while let Some(mark) = map.next_key::<String>()? {
                    let meaning: String = map.next_value()?;
                    let Some(meaning) = MissingMeaning::ALL
                        .into_iter()
                        .find(|m| m.name() == meaning)
                    else {
                        return Err(serde::de::Error::custom(format!(
                            "`{meaning}` is not a meaning of a missing-value mark: write one of {}",
                            MissingMeaning::ALL
                                .map(|m| format!("\"{}\"", m.name()))
                                .join(", ")
                        )));
                    };
                    marks.insert(mark, meaning);
                }
                Ok(MissingMarks::Meanings(marks))
            }
        }
        deserializer.deserialize_any(MarksVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        missing: MissingMarks,
    }

    #[test]
    fn marks_are_read_as_a_list_or_with_their_meanings() {
        let doc: Doc = toml::from_str("missing = [\":\", \"n.d.\"]\n").unwrap();
        assert_eq!(doc.missing.mark(" n.d. "), Some(Mark::Plain));
        assert_eq!(doc.missing.mark("-"), None);
        let doc: Doc = toml::from_str(
            "missing = { \"-\" = \"nothing\", \".\" = \"unknown\", \"x\" = \"secret\", \"...\" = \"later\" }\n",
        )
        .unwrap();
        assert_eq!(
            doc.missing.mark("x"),
            Some(Mark::Meaning("x".into(), MissingMeaning::Secret))
        );
        assert_eq!(doc.missing.mark(""), None, "an empty field is no mark here");
        assert_eq!(doc.missing.mark("0"), None);
        let err = toml::from_str::<Doc>("missing = { \"x\" = \"geheim\" }\n")
            .err()
            .unwrap();
        assert!(
            err.message().contains("`geheim` is not a meaning of a missing-value mark: write one of \"nothing\", \"unknown\", \"secret\", \"later\", \"not-applicable\""),
            "{}",
            err.message()
        );
        assert_eq!(printed_mark("-"), "–");
        assert_eq!(printed_mark("..."), "…");
        assert_eq!(printed_mark("x"), "x");
    }
}
