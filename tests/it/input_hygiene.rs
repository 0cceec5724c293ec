//! Markdown files as editors save them: a UTF-8 byte-order mark at the start
//! of a source chapter or of a translation changes nothing (the title is
//! found, the translation stays complete), and a damaged front matter is
//! reported as what it is, at its line.

use std::fs;

use crate::common::*;

const BOM: &str = "\u{feff}";

fn add_bom(path: &std::path::Path) {
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, format!("{BOM}{text}")).unwrap();
}

#[test]
fn a_byte_order_mark_changes_nothing() {
    let (_tmp, dir) = fixture_copy("bilingual");
    let marked = cityprofile(
        &dir,
        &["mark-translated", ".", "--lang", "de", "--chapter", "intro"],
    );
    assert!(marked.status.success(), "{}", stderr(&marked));
    add_bom(&dir.join("text/en/intro.md"));
    add_bom(&dir.join("text/de/intro.md"));
    let checked = cityprofile(&dir, &["check", "."]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    let report = stdout(&checked);
    assert!(
        report
            .lines()
            .any(|l| l.starts_with("intro ") && l.trim_end().ends_with("complete")),
        "{report}"
    );

    // Marking again keeps one front matter, with no mark inside the file.
    let again = cityprofile(
        &dir,
        &["mark-translated", ".", "--lang", "de", "--chapter", "intro"],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    let text = fs::read_to_string(dir.join("text/de/intro.md")).unwrap();
    assert_eq!(text.matches("+++").count(), 2, "{text}");
    assert!(!text.trim_start_matches(BOM).contains(BOM), "{text:?}");

    let out = dir.join("out");
    let built = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(built.status.success(), "{}", stderr(&built));
    for lang in ["en", "de"] {
        let text = pdf_text(&out.join(format!("testcity-{lang}.pdf")));
        assert!(!text.contains(BOM), "{lang}");
    }
}

#[test]
fn a_damaged_front_matter_is_reported_at_its_line() {
    for (front, at, says) in [
        (
            "+++\nsource_hash = \"sha256:00\"\n+++ # Einleitung\n",
            "intro.md:3:4",
            "text after the `+++` that closes the front matter",
        ),
        (
            "+++\nsource_hash = \"sha256:00\"\n# Einleitung\n",
            "intro.md:1:1",
            "never closed",
        ),
        (
            "+++\nsource = \"sha256:00\"\n+++\n# Einleitung\n",
            "intro.md:2:1",
            "source",
        ),
    ] {
        let (_tmp, dir) = fixture_copy("bilingual");
        let path = dir.join("text/de/intro.md");
        let text = fs::read_to_string(&path).unwrap();
        let body = text.split_once('\n').unwrap().1;
        fs::write(&path, format!("{front}{body}")).unwrap();
        let checked = cityprofile(&dir, &["check", "."]);
        assert_eq!(checked.status.code(), Some(1), "{front:?}");
        let err = stderr(&checked);
        assert!(
            error_lines(&err)
                .iter()
                .any(|l| l.contains(at) && l.contains(says)),
            "{front:?}: {err}"
        );
    }
}
