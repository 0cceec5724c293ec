//! The data update of a whole folder of profiles (`cityprofile update`):
//! what each profile's build came to, as the summary of
//! [`crate::report::update`] takes it, and the summary written into the
//! output folder as `update-summary.md`.

use std::path::{Path, PathBuf};

use super::Report;
use crate::base::diag::Diagnostic;
use crate::base::io::write_atomically;
use crate::report::update::{EditionOutcome, Needs, ProfileOutcome, UpdateSummary};

/// The summary's file in the output folder.
pub const SUMMARY_FILE: &str = "update-summary.md";

/// What the build of one profile came to, edition by edition: `languages`
/// are the editions asked for (each language asked for, or every language
/// the profile declares; empty when not even that is known). An edition
/// without a PDF written failed, with the profile's first error.
pub fn profile_outcome(
    dir: &Path,
    id: Option<&str>,
    languages: &[String],
    report: &Report,
) -> ProfileOutcome {
    let error = report
        .diagnostics
        .sorted()
        .into_iter()
        .find(Diagnostic::is_error)
        .map(|d| one_line(&d));
    let editions = languages
        .iter()
        .map(|lang| {
            let built = report
                .editions
                .iter()
                .find(|e| &e.lang == lang && !e.path.to_string_lossy().ends_with("-print.pdf"));
            let Some(built) = built else {
                return EditionOutcome {
                    lang: lang.clone(),
                    result: Err(error.clone().unwrap_or_else(|| "not built".to_string())),
                    changes: None,
                    needs: None,
                };
            };
            let changes = report
                .changes
                .editions
                .iter()
                .find(|c| &c.lang == lang)
                .cloned();
            let needs = report
                .changes
                .states
                .iter()
                .find(|s| &s.lang == lang)
                .map(|s| Needs {
                    outdated_segments: s.outdated_segments,
                    untranslated_segments: s.untranslated_segments,
                    hand_typed_numbers: s.hand_typed_numbers,
                });
            EditionOutcome {
                lang: lang.clone(),
                result: Ok(built.pages),
                changes,
                needs,
            }
        })
        .collect();
    ProfileOutcome {
        dir: dir.display().to_string(),
        id: id.map(str::to_string),
        editions,
        error,
        reports: report
            .changes
            .paths
            .iter()
            .filter_map(|(_, p)| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect(),
    }
}

/// A problem on one line: `values.toml:6:21: invalid basic string`.
fn one_line(diagnostic: &Diagnostic) -> String {
    let text = diagnostic.to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes the summary as `<out>/update-summary.md` and gives its path.
///
/// Errors: the file cannot be written.
pub fn write_summary(out_dir: &Path, summary: &UpdateSummary) -> Result<PathBuf, Diagnostic> {
    let path = out_dir.join(SUMMARY_FILE);
    write_atomically(&path, summary.markdown().as_bytes())?;
    Ok(path)
}
