//! Fonts and pictures as users and print shops supply them: a theme font
//! family without bold or italic faces (a located warning, and the choice to
//! print those faces in the built-in family), a damaged font file reported
//! once, at the file; a CMYK JPEG printed in sRGB with a warning at the line
//! that names it, an SVG logo with an empty picture reference printed with a
//! warning at that reference.

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

/// The minimal fixture with the pictures of `tests/fixtures/photos`, the
/// CMYK photo as a figure and the Inkscape logo as a partner's logo.
fn with_photos() -> (TempDir, std::path::PathBuf) {
    let (tmp, dir) = fixture_copy("minimal");
    copy_dir(
        &repo_root().join("tests/fixtures/photos"),
        &dir.join("images"),
    );
    fs::write(
        dir.join("figures/photo.toml"),
        "kind = \"photo\"\ncaption = { en = \"A photo\" }\nsource = \"A. Author\"\nalt = { en = \"Two colours.\" }\nimage = \"images/cmyk-photo.jpg\"\n",
    )
    .unwrap();
    replace_in_file(
        &dir.join("text/en/intro.md"),
        "{{components}}",
        "{{figure:photo}}\n\n{{components}}",
    );
    append_to_file(
        &dir.join("profile.toml"),
        "\n[[partners]]\nname = \"Test Partner\"\nlines = [{ en = \"Partner\" }]\nlogo = \"images/inkscape-logo.svg\"\n",
    );
    (tmp, dir)
}

#[test]
fn a_cmyk_photo_prints_in_srgb_and_an_empty_svg_reference_is_left_out() {
    let (_tmp, dir) = with_photos();
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        reports_at(
            &err,
            "figures/photo.toml:5:9",
            "the image ./images/cmyk-photo.jpg is a CMYK JPEG: the editions print it converted to sRGB"
        ),
        "{err}"
    );
    assert!(
        reports_at(
            &err,
            "images/inkscape-logo.svg:6:6",
            "this picture reference is empty"
        ),
        "{err}"
    );
    let pdf = out.join("testcity-en.pdf");
    let objects = crate::common::pdf::pdf_objects_by_ref(&pdf);
    let by_ref = |r: &serde_json::Value| {
        objects
            .iter()
            .find(|(id, _)| Some(id.as_str()) == r.as_str())
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| r.clone())
    };
    let photo: Vec<&serde_json::Value> = objects
        .iter()
        .map(|(_, o)| o)
        .filter(|o| o["/Subtype"] == "/Image" && o["/Width"] == 40)
        .collect();
    assert_eq!(photo.len(), 1, "{photo:?}");
    // Three components (sRGB, as an ICC-based colour space), not four: not
    // DeviceCMYK, and no ICC profile of the PDF has four components.
    let space = by_ref(&photo[0]["/ColorSpace"]);
    assert_ne!(space, "/DeviceCMYK", "{space}");
    let icc_components: Vec<i64> = objects
        .iter()
        .filter(|(_, o)| o.get("/N").is_some() && o.get("/Length").is_some())
        .filter_map(|(_, o)| o["/N"].as_i64())
        .collect();
    assert!(!icc_components.is_empty(), "{objects:?}");
    assert!(icc_components.iter().all(|n| *n != 4), "{icc_components:?}");
    // The logo prints: its partner's alt text is in the tag tree.
    let alts: Vec<String> = pdf_objects(&pdf)
        .iter()
        .filter(|o| o["/S"] == "/Figure")
        .filter_map(|o| o["/Alt"].as_str().map(str::to_string))
        .collect();
    assert!(alts.iter().any(|a| a.contains("Test Partner")), "{alts:?}");
}
