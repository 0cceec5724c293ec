//! Image files in a profile: a photo figure, a cover picture and a partner
//! logo are placed with their alt text; a missing, misnamed or unreadable
//! image is an error that names it.

use std::fs;
use std::path::Path;

use crate::common::*;

const PHOTO_FIGURE: &str = r#"kind = "photo"
caption = { en = "A street in Testcity" }
source = "Photo: A. Author, 2021"
alt = { en = "A photograph of a shopping street in Testcity." }
image = "images/street.png"
"#;

/// The minimal fixture with a photo figure, a cover picture and a partner logo.
fn profile_with_images() -> (TempDir, std::path::PathBuf) {
    let (tmp, dir) = fixture_copy("minimal");
    copy_dir(
        &repo_root().join("tests/fixtures/images"),
        &dir.join("images"),
    );
    fs::write(dir.join("figures/street-photo.toml"), PHOTO_FIGURE).unwrap();
    replace_in_file(
        &dir.join("text/en/intro.md"),
        "{{components}}",
        "{{figure:street-photo}}\n\n{{components}}",
    );
    append_to_file(
        &dir.join("profile.toml"),
        r#"
[cover]
image = "images/street.png"
alt = { en = "A street in Testcity." }

[[partners]]
name = "Test Partner"
lines = [{ en = "Partner of the test profile" }]
logo = "images/logo.svg"
"#,
    );
    (tmp, dir)
}

fn check_error(dir: &Path) -> String {
    let run = cityprofile(dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    stderr(&run)
}

#[test]
fn photo_cover_picture_and_logo_are_placed_with_alt_text() {
    let (_tmp, dir) = profile_with_images();
    let (out, emitted) = build_with_sources(&dir);
    // The emitted sources carry the images they use, so they compile on their own.
    for image in ["street.png", "logo.svg"] {
        assert_eq!(
            fs::read(emitted.join("testcity-en/profile/images").join(image)).unwrap(),
            fs::read(dir.join("images").join(image)).unwrap()
        );
    }
    let pdf = out.join("testcity-en.pdf");
    let text = squash(&pdf_text(&pdf));
    assert!(text.contains("Fig. 4: A street in Testcity"), "{text}");
    assert!(text.contains("Source: Photo: A. Author, 2021"), "{text}");
    // The photo appears on the cover and in the figure, as raster images.
    let images = pdf::page_images(&pdf);
    let rasters = images.iter().flatten().filter(|i| **i == (120, 80)).count();
    assert_eq!(rasters, 2, "{images:?}");
    // Each has its alt text in the tag tree.
    let alts: Vec<String> = pdf_objects(&pdf)
        .iter()
        .filter(|o| o["/S"] == "/Figure")
        .filter_map(|o| o["/Alt"].as_str().map(str::to_string))
        .collect();
    for alt in [
        "A photograph of a shopping street in Testcity.",
        "A street in Testcity.",
        "Test Partner",
    ] {
        assert!(
            alts.iter().any(|a| a.contains(alt)),
            "no alt {alt:?} in {alts:?}"
        );
    }
}

#[test]
fn a_missing_misnamed_or_unreadable_image_is_an_error_naming_it() {
    let (_tmp, dir) = profile_with_images();
    fs::remove_file(dir.join("images/street.png")).unwrap();
    let err = check_error(&dir);
    assert!(
        reports_at(
            &err,
            "figures/street-photo.toml:5:9",
            "image `images/street.png` cannot be read"
        ),
        "{err}"
    );
    assert!(
        err.contains("profile.toml:") && err.contains("image `images/street.png` cannot be read"),
        "{err}"
    );
    // The reason in words, not the operating system's error code.
    assert!(
        err.contains("images/street.png): no such file") && !err.contains("os error"),
        "{err}"
    );

    let (_tmp, dir) = profile_with_images();
    fs::write(dir.join("images/street.png"), "not a picture").unwrap();
    assert!(check_error(&dir).contains("image `images/street.png` is not a valid PNG file"));

    let (_tmp, dir) = profile_with_images();
    let figure = dir.join("figures/street-photo.toml");
    fs::write(&figure, PHOTO_FIGURE.replace("street.png", "street.gif")).unwrap();
    assert!(check_error(&dir).contains("image `images/street.gif` is not a PNG, JPEG or SVG file"));
    fs::write(
        &figure,
        PHOTO_FIGURE.replace("images/street.png", "../street.png"),
    )
    .unwrap();
    assert!(check_error(&dir).contains("must be a path inside the profile folder"));
    fs::write(
        &figure,
        PHOTO_FIGURE.replace(
            "alt = { en = \"A photograph of a shopping street in Testcity.\" }\n",
            "",
        ),
    )
    .unwrap();
    assert!(check_error(&dir).contains("figure `street-photo` needs `alt`"));
}
