//! `cityprofile update DIR`: every profile of a folder built in every
//! language, a failing one not stopping the others and keeping its last
//! good PDF, the summary of the run (`update-summary.md` and its short
//! version on stdout), and the exit codes a scheduled job reads.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

/// A folder `profiles/` holding the bilingual fixture as `a` (English and
/// German) and the minimal one as `b` (English, id `minicity`).
fn two_profiles() -> (TempDir, PathBuf) {
    let tmp = tempdir();
    let root = tmp.path().join("profiles");
    copy_dir(
        &repo_root().join("tests/fixtures/bilingual"),
        &root.join("a"),
    );
    copy_dir(&repo_root().join("tests/fixtures/minimal"), &root.join("b"));
    replace_in_file(
        &root.join("b/profile.toml"),
        "id = \"testcity\"",
        "id = \"minicity\"",
    );
    (tmp, root)
}

/// `cityprofile update profiles --out out` run in the folder above
/// `profiles/`, with more arguments.
fn update(root: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec!["update", "profiles", "--out", "out"];
    args.extend_from_slice(more);
    cityprofile(root.parent().unwrap(), &args)
}

/// The summary file of a run.
fn summary(root: &Path) -> String {
    fs::read_to_string(root.parent().unwrap().join("out/update-summary.md"))
        .expect("the summary is written")
}

#[test]
fn every_profile_is_built_in_every_language_with_a_summary() {
    let (_tmp, root) = two_profiles();
    let run = update(&root, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let out = root.parent().unwrap().join("out");
    for pdf in ["testcity-en.pdf", "testcity-de.pdf", "minicity-en.pdf"] {
        assert!(out.join(pdf).is_file(), "{pdf} missing");
    }
    let lines = stdout(&run);
    assert!(
        lines.contains(
            "testcity de: built; first build (no earlier record); 5 segments untranslated\n"
        ),
        "{lines}"
    );
    assert!(
        lines.contains("built 3 of 3 edition(s) of 2 profile(s); 1 with translation segments outdated or untranslated\n"),
        "{lines}"
    );
    assert!(
        summary(&root)
            .contains("| minicity | en | built, 8 pages | first build | | | | | 0 | 0 | 0 |"),
        "{}",
        summary(&root)
    );
}

#[test]
fn the_summary_counts_what_the_update_changed_per_edition() {
    let (_tmp, root) = two_profiles();
    assert_eq!(update(&root, &[]).status.code(), Some(0));
    replace_in_file(
        &root.join("a/values.toml"),
        "total = 603600",
        "total = 604100",
    );
    let run = update(&root, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = summary(&root);
    // Values, rows added, rows removed, charts, sentences; then the
    // segments outdated and untranslated and the numbers typed by hand.
    assert!(
        text.contains("| testcity | en | built, 8 pages | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 |"),
        "{text}"
    );
    assert!(
        text.contains("| testcity | de | built, 8 pages | 1 | 0 | 0 | 0 | 1 | 0 | 5 | 0 |"),
        "{text}"
    );
    assert!(
        text.contains("- [testcity-de.changes.md](testcity-de.changes.md)"),
        "{text}"
    );
    assert!(
        stdout(&run).contains(
            "testcity en: built; 1 value changed, 1 sentence prints a different number\n"
        ),
        "{}",
        stdout(&run)
    );
}

#[test]
fn a_failing_profile_does_not_stop_the_others_and_keeps_its_pdf() {
    let (_tmp, root) = two_profiles();
    assert_eq!(update(&root, &[]).status.code(), Some(0));
    let out = root.parent().unwrap().join("out");
    let last_good = fs::read(out.join("minicity-en.pdf")).unwrap();
    append_to_file(&root.join("b/values.toml"), "broken = \"x\n");
    replace_in_file(
        &root.join("a/values.toml"),
        "total = 603600",
        "total = 604100",
    );
    let run = update(&root, &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(fs::read(out.join("minicity-en.pdf")).unwrap(), last_good);
    let text = summary(&root);
    assert!(
        text.contains("| minicity | en | failed | – | – | – | – | – | – | – | – |"),
        "{text}"
    );
    assert!(
        text.contains("- minicity (`profiles/b`): profiles/b/values.toml:"),
        "{text}"
    );
    assert!(
        text.contains("| testcity | en | built, 8 pages | 1 |"),
        "{text}"
    );
    assert!(
        stdout(&run).contains("minicity en: failed: profiles/b/values.toml:"),
        "{}",
        stdout(&run)
    );
}

#[test]
fn fail_on_outdated_exits_3_when_translations_need_work() {
    let (_tmp, root) = two_profiles();
    // The German edition has untranslated segments.
    let run = update(&root, &["--fail-on-outdated"]);
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert!(out_pdf(&root, "testcity-de.pdf").is_file());
}

#[test]
fn fail_on_outdated_exits_0_when_nothing_needs_work() {
    let (_tmp, root) = two_profiles();
    let run = update(&root, &["--fail-on-outdated", "--lang", "en"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

#[test]
fn fail_on_outdated_exits_3_for_a_number_typed_by_hand() {
    let (_tmp, root) = two_profiles();
    append_to_file(
        &root.join("b/text/en/intro.md"),
        "\nThe city has 603,600 inhabitants.\n",
    );
    let run = cityprofile(
        root.parent().unwrap(),
        &["update", "profiles/b", "--out", "out", "--fail-on-outdated"],
    );
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    assert!(
        summary(&root)
            .contains("| minicity | en | built, 8 pages | first build | | | | | 0 | 0 | 1 |"),
        "{}",
        summary(&root)
    );
}

#[test]
fn a_folder_without_profiles_is_a_wrong_command_line() {
    let tmp = tempdir();
    let run = cityprofile(tmp.path(), &["update", "."]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("holds no profile folder"),
        "{}",
        stderr(&run)
    );
}

/// A file in the output folder of a run.
fn out_pdf(root: &Path, name: &str) -> PathBuf {
    root.parent().unwrap().join("out").join(name)
}
