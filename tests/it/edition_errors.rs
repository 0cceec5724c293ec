//! An error that belongs to one edition (in a chapter only it prints, in its
//! strings) leaves that edition's last PDF in place and still writes the
//! others, with exit code 1; an error in a file every edition reads writes
//! nothing; `--strict` writes nothing when anything is wrong.

use std::fs;
use std::path::Path;

use crate::common::*;

fn build(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", ".", "--out", "out"];
    args.extend_from_slice(extra);
    cityprofile(dir, &args)
}

/// The bilingual fixture built once; gives the two PDFs' bytes.
fn built_once(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let run = build(dir, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    (
        fs::read(dir.join("out/testcity-en.pdf")).unwrap(),
        fs::read(dir.join("out/testcity-de.pdf")).unwrap(),
    )
}

#[test]
fn an_error_in_a_chapter_only_one_edition_prints_keeps_that_edition_and_writes_the_other() {
    let (_tmp, dir) = fixture_copy("bilingual");
    let (en_before, de_before) = built_once(&dir);
    append_to_file(
        &dir.join("text/de/intro.md"),
        "\n\nSiehe {{nirgends.wert}}.\n",
    );
    append_to_file(&dir.join("text/en/intro.md"), "\n\nOne more sentence.\n");
    let run = build(&dir, &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("text/de/intro.md"), "{err}");
    assert!(err.contains("nirgends.wert"), "{err}");
    // The German edition's last good PDF stays as it was; the English one
    // is written with its new sentence.
    assert_eq!(
        fs::read(dir.join("out/testcity-de.pdf")).unwrap(),
        de_before
    );
    let en = fs::read(dir.join("out/testcity-en.pdf")).unwrap();
    assert_ne!(en, en_before);
    assert!(
        squash(&pdf_text(&dir.join("out/testcity-en.pdf"))).contains("One more sentence."),
        "the English edition was not written again"
    );
}

#[test]
fn an_error_in_a_file_every_edition_reads_writes_nothing() {
    let (_tmp, dir) = fixture_copy("bilingual");
    let (en_before, de_before) = built_once(&dir);
    append_to_file(&dir.join("text/en/intro.md"), "\n\nOne more sentence.\n");
    append_to_file(
        &dir.join("values.toml"),
        "\n[broken]\nx = { value = 1, text = \"one\" }\n",
    );
    let run = build(&dir, &[]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(
        fs::read(dir.join("out/testcity-en.pdf")).unwrap(),
        en_before
    );
    assert_eq!(
        fs::read(dir.join("out/testcity-de.pdf")).unwrap(),
        de_before
    );
}

#[test]
fn strict_writes_nothing_when_one_edition_has_an_error() {
    let (_tmp, dir) = fixture_copy("bilingual");
    let (en_before, _) = built_once(&dir);
    append_to_file(
        &dir.join("text/de/intro.md"),
        "\n\nSiehe {{nirgends.wert}}.\n",
    );
    append_to_file(&dir.join("text/en/intro.md"), "\n\nOne more sentence.\n");
    let run = build(&dir, &["--strict"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(
        fs::read(dir.join("out/testcity-en.pdf")).unwrap(),
        en_before
    );
}
