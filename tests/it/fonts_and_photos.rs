//! Fonts and pictures as users and print shops supply them: a theme font
//! family without bold or italic faces (a located warning, and the choice to
//! print those faces in the built-in family), a damaged font file reported
//! once, at the file.

use std::fs;

use crate::common::*;

/// The minimal fixture with the fixture font (a regular face only) in its
/// `fonts/` folder, named by the theme, with `theme_lines` added to
/// `[theme]`.
fn with_regular_only_font(theme_lines: &str) -> (TempDir, std::path::PathBuf) {
    let (tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "accent = \"#d07030\"",
        &format!("accent = \"#d07030\"\nfont = \"Fixture Serif\"\n{theme_lines}"),
    );
    copy_dir(
        &repo_root().join("tests/fixtures/fonts"),
        &dir.join("fonts"),
    );
    (tmp, dir)
}

#[test]
fn missing_bold_and_italic_faces_are_named_and_may_come_from_the_built_in_family() {
    let (_tmp, dir) = with_regular_only_font("");
    let run = cityprofile(&dir, &["check", "."]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        reports_at(
            &stderr(&run),
            "profile.toml:24:8",
            "the font family `Fixture Serif` has no bold, italic or bold italic face"
        ),
        "{}",
        stderr(&run)
    );
    assert!(
        stderr(&run).contains("`missing_faces = \"built-in\"`"),
        "{}",
        stderr(&run)
    );
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let fonts = pdf_fonts(&out.join("testcity-en.pdf"));
    assert!(fonts.contains("FixtureSerif"), "{fonts}");
    assert!(!fonts.contains("NotoSans-Bold"), "{fonts}");

    // With the built-in faces chosen: no warning, and the table's heads and
    // the headings print in Noto Sans Bold, the text in the theme's font.
    let (_tmp, dir) = with_regular_only_font("missing_faces = \"built-in\"");
    let run = cityprofile(&dir, &["check", "."]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains("has no bold"), "{}", stderr(&run));
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let fonts = pdf_fonts(&out.join("testcity-en.pdf"));
    assert!(fonts.contains("FixtureSerif"), "{fonts}");
    assert!(fonts.contains("NotoSans-Bold"), "{fonts}");

    // Another value is refused at its line.
    let (_tmp, dir) = with_regular_only_font("missing_faces = \"synthetic\"");
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "profile.toml:25:17",
            "`synthetic` is not allowed here: write `regular` or `built-in`"
        ),
        "{err}"
    );
}

#[test]
fn a_damaged_font_file_is_one_error_at_the_file() {
    let (_tmp, dir) = with_regular_only_font("");
    let font = dir.join("fonts/FixtureSerif.ttf");
    let bytes = fs::read(&font).unwrap();
    fs::write(&font, &bytes[..200]).unwrap();
    let err = check_fails(&dir);
    assert!(
        err.contains("fonts/FixtureSerif.ttf") && err.contains("not a font Typst can read"),
        "{err}"
    );
    assert!(!err.contains("there is no font family"), "{err}");
    // The error and the summary line.
    assert_eq!(err.matches("error:").count(), 2, "{err}");
}
