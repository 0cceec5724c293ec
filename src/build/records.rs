//! The records of what each edition printed, and the change report of a
//! data update. Every successful `build` writes `<id>-<lang>.record.json`
//! beside each edition's PDF; when the output folder holds a record of an
//! earlier build, the edition is compared with it first, and the changes of
//! every edition go into `<id>-changes.md`. `cityprofile diff` compares two
//! profile folders the same way without laying anything out.

use std::path::{Path, PathBuf};

use super::{prepare, BuiltEdition, PreparedEdition, Project};
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::base::io::write_atomically;
use crate::edition::EditionRecord;
use crate::profile::Profile;
use crate::report::{self, EditionChanges};

/// What the records of a build found.
#[derive(Debug, Clone, Default)]
pub struct ChangeReport {
    /// Each edition compared with the record of the build before it, in
    /// the order built; editions without an earlier record are left out.
    pub editions: Vec<EditionChanges>,
    /// The Markdown reports written, one per edition compared
    /// (`<out>/<id>-<lang>.changes.md`), by language, in the order built.
    pub paths: Vec<(String, PathBuf)>,
    /// What each edition written prints that needs a person's work, in the
    /// order built (for the summary of `cityprofile update`).
    pub states: Vec<EditionState>,
}

/// What an edition just written still needs: its translation segments
/// outdated or untranslated, and its numbers typed by hand that equal a
/// value of the data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditionState {
    /// The edition's language.
    pub lang: String,
    /// Segments whose source changed since they were translated (fuzzy).
    pub outdated_segments: usize,
    /// Segments not translated at all.
    pub untranslated_segments: usize,
    /// Numbers typed by hand in what the edition prints that equal a
    /// value (the warnings of [`crate::edition::stale_numbers::check`]
    /// for this language alone).
    pub hand_typed_numbers: usize,
}

/// The record of an edition in the output folder:
/// `<out>/<id>-<lang>.record.json`.
pub fn record_path(out_dir: &Path, profile_id: &str, lang: &str) -> PathBuf {
    out_dir.join(format!("{profile_id}-{lang}.record.json"))
}

/// The change report of an edition in the output folder:
/// `<out>/<id>-<lang>.changes.md`. One per edition, so that building one
/// edition at a time keeps the last report of every other.
pub fn changes_path(out_dir: &Path, profile_id: &str, lang: &str) -> PathBuf {
    out_dir.join(format!("{profile_id}-{lang}.changes.md"))
}

/// The record an earlier build left at `path` for the edition `lang` of
/// the profile `profile_id`: `None` when there is none, or (with a
/// warning) when the file is not a record this program can compare or is
/// the record of another profile or edition (a file copied or renamed).
fn earlier_record(
    path: &Path,
    profile_id: &str,
    lang: &str,
    diags: &mut Diagnostics,
) -> Option<EditionRecord> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            diags.push(Diagnostic::warning(
                path,
                None,
                format!("the record of the last build cannot be read ({e}): this build reports no changes for its edition and writes a new record"),
            ));
            return None;
        }
    };
    match EditionRecord::from_json(&text) {
        Ok(record) if record.profile != profile_id || record.lang != lang => {
            diags.push(Diagnostic::warning(
                path,
                None,
                format!(
                    "this is the record of the `{}` edition of profile `{}`, not of the `{lang}` edition of `{profile_id}` (a file copied or renamed?): this build reports no changes for its edition and replaces it",
                    record.lang, record.profile
                ),
            ));
            None
        }
        Ok(record) => Some(record),
        Err(problem) => {
            diags.push(Diagnostic::warning(
                path,
                None,
                format!("this is not a record this program can compare ({problem}): this build reports no changes for its edition and replaces it"),
            ));
            None
        }
    }
}

/// Writes the record of each edition just written (screen editions, with
/// the pages of their chapters as laid out) into `out_dir`, after comparing
/// it with the record found there; writes the change report of each
/// edition that had one (and removes the report of one that had none).
///
/// Errors: a record or the report cannot be written (in `diags`).
pub(super) fn write_records(
    profile: &Profile,
    out_dir: &Path,
    written: &[(&PreparedEdition, &BuiltEdition)],
    diags: &mut Diagnostics,
) -> ChangeReport {
    let mut report = ChangeReport::default();
    for (edition, built) in written {
        let mut record = edition.sources.record.clone();
        record.pages = built
            .part_pages
            .iter()
            .filter(|(part, _)| record.translation.chapters.contains_key(*part))
            .map(|(part, pages)| (part.clone(), *pages))
            .collect();
        let record = &record;
        let hand_typed = crate::base::lang::LanguageCode::new(&record.lang)
            .map(|lang| crate::edition::stale_numbers::check(profile, &[lang]).len())
            .unwrap_or_default();
        report.states.push(EditionState {
            lang: record.lang.clone(),
            outdated_segments: record.translation.outdated.len(),
            untranslated_segments: record.translation.missing.len(),
            hand_typed_numbers: hand_typed,
        });
        let path = record_path(out_dir, profile.id(), &record.lang);
        let report_path = changes_path(out_dir, profile.id(), &record.lang);
        match earlier_record(&path, profile.id(), &record.lang, diags) {
            Some(earlier) => {
                let changes = report::compare(&earlier, record);
                let title = format!(
                    "Changes in the printed data of {} ({}) since the last build",
                    profile.id(),
                    record.lang
                );
                let markdown = report::markdown(&title, std::slice::from_ref(&changes));
                match write_atomically(&report_path, markdown.as_bytes()) {
                    Ok(()) => report.paths.push((record.lang.clone(), report_path)),
                    Err(d) => diags.push(d),
                }
                report.editions.push(changes);
            }
            // A report left by an earlier build would describe a build
            // this one does not follow.
            None => {
                let _ = std::fs::remove_file(&report_path);
            }
        }
        let written = record
            .to_json()
            .map_err(|e| {
                Diagnostic::general(format!(
                    "the {} record cannot be written as JSON: {e}",
                    record.lang
                ))
            })
            .and_then(|json| write_atomically(&path, json.as_bytes()));
        if let Err(d) = written {
            diags.push(d);
        }
    }
    report
}

/// The records of a profile's editions (every declared language, or
/// those of `languages` the profile declares), made as a build would make
/// them but without laying anything out.
///
/// Errors: the profile does not load or validate (every problem).
pub fn records(
    project: &Project,
    languages: Option<&[String]>,
) -> Result<Vec<EditionRecord>, Diagnostics> {
    let Some(profile) = &project.profile else {
        return Err(project.diagnostics.clone());
    };
    let declared = profile.declared_languages();
    let languages: Option<Vec<String>> = languages.map(|requested| {
        requested
            .iter()
            .filter(|lang| declared.iter().any(|d| d == *lang))
            .cloned()
            .collect()
    });
    let (prepared, diags) = prepare(profile, project.diagnostics.clone(), languages.as_deref());
    match prepared {
        Some((editions, _)) if !diags.has_errors() => {
            Ok(editions.into_iter().map(|e| e.sources.record).collect())
        }
        _ => Err(diags),
    }
}
