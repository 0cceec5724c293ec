//! The one-page summary of a whole data update (`cityprofile update`):
//! per profile and edition, whether it was built or failed (with the first
//! error), what it prints differently from the last build (values, table
//! rows, charts, sentences), and what still needs a person (translation
//! segments outdated or untranslated, numbers typed by hand that equal a
//! value). Written as `update-summary.md` in the output folder, and as a
//! few lines for the terminal ([`UpdateSummary::lines`]).

use super::{EditionChanges, SentenceChange};

/// What became of one edition in the update.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionOutcome {
    /// The edition's language.
    pub lang: String,
    /// Built (with its number of pages), or failed with the profile's first
    /// error as one line (`values.toml:6:21: invalid basic string`).
    pub result: Result<usize, String>,
    /// What it prints differently from the last build; `None` when there
    /// was no record of an earlier build to compare with (or it failed).
    pub changes: Option<EditionChanges>,
    /// Translation segments outdated (fuzzy) and untranslated, and numbers
    /// typed by hand that equal a value: `None` when it failed.
    pub needs: Option<Needs>,
}

/// What a built edition still needs a person for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    pub outdated_segments: usize,
    pub untranslated_segments: usize,
    pub hand_typed_numbers: usize,
}

impl Needs {
    /// Whether a translator or an editor has something to do.
    pub fn any(&self) -> bool {
        self.outdated_segments + self.untranslated_segments + self.hand_typed_numbers > 0
    }
}

/// One profile of the update.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileOutcome {
    /// The profile folder as given.
    pub dir: String,
    /// Its id, when profile.toml could be read.
    pub id: Option<String>,
    /// Its editions in the order built; empty when the profile did not load
    /// far enough to know its languages.
    pub editions: Vec<EditionOutcome>,
    /// The first error, when the profile failed.
    pub error: Option<String>,
    /// The change reports written for it (file names in the output folder).
    pub reports: Vec<String>,
}

/// The whole update.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpdateSummary {
    pub profiles: Vec<ProfileOutcome>,
}

impl UpdateSummary {
    /// Whether any profile or edition failed.
    pub fn failed(&self) -> bool {
        self.profiles
            .iter()
            .any(|p| p.error.is_some() || p.editions.iter().any(|e| e.result.is_err()))
    }

    /// Whether any edition built has translation segments outdated or
    /// untranslated, or numbers typed by hand.
    pub fn needs_work(&self) -> bool {
        self.editions()
            .any(|(_, e)| e.needs.is_some_and(|n| n.any()))
    }

    fn editions(&self) -> impl Iterator<Item = (&ProfileOutcome, &EditionOutcome)> {
        self.profiles
            .iter()
            .flat_map(|p| p.editions.iter().map(move |e| (p, e)))
    }

    /// `built 7 of 8 editions of 3 profiles; 1 failed; 2 with translations to update; 1 with numbers typed by hand`.
    pub fn headline(&self) -> String {
        let total = self.editions().count();
        let built = self.editions().filter(|(_, e)| e.result.is_ok()).count();
        let failed_profiles = self
            .profiles
            .iter()
            .filter(|p| p.error.is_some() && p.editions.is_empty())
            .count();
        let mut parts = vec![format!(
            "built {built} of {total} edition(s) of {} profile(s)",
            self.profiles.len()
        )];
        let failed = total - built + failed_profiles;
        if failed > 0 {
            parts.push(format!("{failed} failed"));
        }
        let needing = |f: fn(&Needs) -> usize| {
            self.editions()
                .filter(|(_, e)| e.needs.is_some_and(|n| f(&n) > 0))
                .count()
        };
        let translations = needing(|n| n.outdated_segments + n.untranslated_segments);
        if translations > 0 {
            parts.push(format!(
                "{translations} with translation segments outdated or untranslated"
            ));
        }
        let typed = needing(|n| n.hand_typed_numbers);
        if typed > 0 {
            parts.push(format!("{typed} with numbers typed by hand"));
        }
        parts.join("; ")
    }

    /// The short version for the terminal: one line per edition (`dortmund
    /// en: built; 2 values changed, 1 chart redrawn; 3 segments outdated`),
    /// one per profile that failed before its editions, and the headline.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for profile in &self.profiles {
            let name = profile.id.as_deref().unwrap_or(&profile.dir);
            if profile.editions.is_empty() {
                let error = profile.error.as_deref().unwrap_or("nothing built");
                lines.push(format!("{name}: failed: {error}"));
            }
            for edition in &profile.editions {
                let mut parts = Vec::new();
                match &edition.result {
                    Ok(_) => parts.push("built".to_string()),
                    Err(error) => parts.push(format!("failed: {error}")),
                }
                if let Some(changes) = &edition.changes {
                    let summary = changes.summary();
                    let counts = summary
                        .strip_prefix(&format!("{}: ", changes.lang))
                        .unwrap_or(&summary);
                    parts.push(counts.to_string());
                } else if edition.result.is_ok() {
                    parts.push("first build (no earlier record)".to_string());
                }
                if let Some(needs) = edition.needs.filter(Needs::any) {
                    parts.push(needs_text(&needs));
                }
                lines.push(format!("{name} {}: {}", edition.lang, parts.join("; ")));
            }
        }
        lines.push(self.headline());
        lines
    }

    /// The summary as Markdown: a headline, one table row per edition, the
    /// first error of each profile that failed, and the change reports.
    pub fn markdown(&self) -> String {
        let mut out = format!("# Data update\n\n{}.\n\n", capitalised(&self.headline()));
        out.push_str("| Profile | Edition | Result | Values changed | Rows added | Rows removed | Charts redrawn | Sentences with new numbers | Segments outdated | Segments untranslated | Numbers typed by hand |\n");
        out.push_str(
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
        );
        for profile in &self.profiles {
            let name = cell(profile.id.as_deref().unwrap_or(&profile.dir));
            if profile.editions.is_empty() {
                out.push_str(&format!(
                    "| {name} | – | failed | – | – | – | – | – | – | – | – |\n"
                ));
            }
            for edition in &profile.editions {
                let result = match &edition.result {
                    Ok(pages) => format!("built, {pages} pages"),
                    Err(_) => "failed".to_string(),
                };
                let changes = match &edition.changes {
                    Some(c) => {
                        let rows = |added: bool| c.rows.iter().filter(|r| r.added == added).count();
                        let sentences = c.sentences.iter().filter(|s| changed(s)).count();
                        [
                            c.values.len(),
                            rows(true),
                            rows(false),
                            c.charts_redrawn(),
                            sentences,
                        ]
                        .map(|n| n.to_string())
                        .join(" | ")
                    }
                    None if edition.result.is_ok() => "first build | | | |".to_string(),
                    None => "– | – | – | – | –".to_string(),
                };
                let needs = match &edition.needs {
                    Some(n) => format!(
                        "{} | {} | {}",
                        n.outdated_segments, n.untranslated_segments, n.hand_typed_numbers
                    ),
                    None => "– | – | –".to_string(),
                };
                out.push_str(&format!(
                    "| {name} | {} | {result} | {changes} | {needs} |\n",
                    cell(&edition.lang)
                ));
            }
        }
        let failed: Vec<&ProfileOutcome> =
            self.profiles.iter().filter(|p| p.error.is_some()).collect();
        if !failed.is_empty() {
            out.push_str("\n## Failed\n\nAn edition that failed keeps the PDF and record of its last good build.\n\n");
            for profile in failed {
                out.push_str(&format!(
                    "- {} (`{}`): {}\n",
                    cell(profile.id.as_deref().unwrap_or(&profile.dir)),
                    profile.dir,
                    profile.error.as_deref().unwrap_or_default()
                ));
            }
        }
        let reports: Vec<&String> = self.profiles.iter().flat_map(|p| &p.reports).collect();
        if !reports.is_empty() {
            out.push_str("\n## Change reports\n\n");
            for report in reports {
                out.push_str(&format!("- [{report}]({report})\n"));
            }
        }
        out
    }
}

/// Whether a quote prints another number than before (not one added or
/// removed).
fn changed(sentence: &SentenceChange) -> bool {
    sentence.old.is_some() && sentence.new.is_some()
}

/// `3 segments outdated, 1 number typed by hand`.
fn needs_text(needs: &Needs) -> String {
    let mut parts = Vec::new();
    let mut add = |n: usize, one: &str, many: &str| {
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    };
    add(
        needs.outdated_segments,
        "segment outdated",
        "segments outdated",
    );
    add(
        needs.untranslated_segments,
        "segment untranslated",
        "segments untranslated",
    );
    add(
        needs.hand_typed_numbers,
        "number typed by hand",
        "numbers typed by hand",
    );
    parts.join(", ")
}

/// A cell of a Markdown table: its pipes escaped, its lines joined.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
