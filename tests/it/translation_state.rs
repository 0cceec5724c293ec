//! The translation workflow on a two-language fixture (`tests/fixtures/bilingual`):
//! `mark-translated` records the source text a translation follows, `check`
//! reports each chapter as complete, outdated or missing, `build` marks such
//! chapters on the page and warns, and `--strict` refuses them.

use std::fs;

use crate::common::*;

/// The fixture with its German chapter marked as a translation of the
/// current English text (the German `sources` chapter does not exist).
fn marked_fixture() -> (TempDir, std::path::PathBuf) {
    let (tmp, dir) = fixture_copy("bilingual");
    let run = cityprofile(
        &dir,
        &["mark-translated", ".", "--lang", "de", "--chapter", "intro"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("marked 1 de chapter(s)"),
        "{}",
        stdout(&run)
    );
    let front = fs::read_to_string(dir.join("text/de/intro.md")).unwrap();
    assert!(front.starts_with("+++\nsource_hash = \"sha256:"), "{front}");
    (tmp, dir)
}

#[test]
fn check_reports_complete_missing_and_outdated_chapters() {
    let (_tmp, dir) = marked_fixture();
    let run = cityprofile(&dir, &["check", "."]);
    assert!(run.status.success(), "{}", stderr(&run));
    // A table of chapters by language, without the source language.
    let report = stdout(&run);
    assert!(
        report.contains(
            "translations of the en text:\nchapter  de\nintro    complete\nsources  missing\n"
        ),
        "{report}"
    );

    // The English source changes: the German translation is now outdated.
    append_to_file(
        &dir.join("text/en/intro.md"),
        "\nA sentence added after the translation.\n",
    );
    let run = cityprofile(&dir, &["check", "."]);
    assert!(run.status.success(), "{}", stderr(&run));
    let report = stdout(&run);
    assert!(report.contains("\nintro    outdated\n"), "{report}");
    assert!(
        stderr(&run).contains("the de translation of chapter `intro` is outdated"),
        "{}",
        stderr(&run)
    );

    // Marking it again makes it complete.
    let run = cityprofile(&dir, &["mark-translated", ".", "--lang", "de"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let report = stdout(&cityprofile(&dir, &["check", "."]));
    assert!(report.contains("\nintro    complete\n"), "{report}");
}

#[test]
fn strict_check_fails_with_a_clear_message() {
    let (_tmp, dir) = marked_fixture();
    let run = cityprofile(&dir, &["check", ".", "--strict"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("error: ")
            && err.contains("text/de/sources.md")
            && err.contains("chapter `sources` is not translated into de (--strict refuses"),
        "{err}"
    );
}

#[test]
fn build_marks_untranslated_chapters_and_strict_build_refuses() {
    let (_tmp, dir) = marked_fixture();
    append_to_file(
        &dir.join("text/en/intro.md"),
        "\nA sentence added after the translation.\n",
    );

    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("warning: ") && err.contains("is outdated"),
        "{err}"
    );
    assert!(err.contains("is not translated into de"), "{err}");
    let german = squash(&pdf_text(&out.join("testcity-de.pdf")));
    // The outdated chapter is printed with a visible note ...
    assert!(german.contains("1 EINLEITUNG"), "{german}");
    assert!(
        german.contains("Der Ausgangstext dieses Kapitels wurde nach der Übersetzung geändert"),
        "{german}"
    );
    // ... and the missing one in the source language, marked as such.
    assert!(
        german.contains("Dieses Kapitel ist noch nicht übersetzt"),
        "{german}"
    );
    assert!(
        german.contains("Author, A. (2020): A test source."),
        "{german}"
    );
    let english = squash(&pdf_text(&out.join("testcity-en.pdf")));
    assert!(!english.contains("not yet translated"), "{english}");

    // --strict refuses the German edition and leaves its last PDF in place.
    let before = fs::read(out.join("testcity-de.pdf")).unwrap();
    let run = cityprofile(
        &dir,
        &["build", ".", "--out", out.to_str().unwrap(), "--strict"],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("error: ")
            && err.contains("the de translation of chapter `intro` is outdated"),
        "{err}"
    );
    assert_eq!(fs::read(out.join("testcity-de.pdf")).unwrap(), before);
}

#[test]
fn marking_the_source_language_or_an_unknown_chapter_is_refused() {
    let (_tmp, dir) = fixture_copy("bilingual");
    let run = cityprofile(&dir, &["mark-translated", ".", "--lang", "en"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("`en` is the source language"),
        "{}",
        stderr(&run)
    );
    let run = cityprofile(
        &dir,
        &["mark-translated", ".", "--lang", "de", "--chapter", "outro"],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("`outro` is not a chapter of this profile"),
        "{}",
        stderr(&run)
    );
}
