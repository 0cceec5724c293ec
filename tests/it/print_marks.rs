//! The print edition's crop marks (on by default, off by the theme's
//! `crop_marks = false`) and its page count padded to a multiple of the
//! theme's `page_multiple` with blank pages before the back cover.

use std::path::{Path, PathBuf};

use crate::common::*;
use crate::print_production::{boxes, pixel};

/// One point in millimetres.
const MM: f64 = 72.0 / 25.4;

/// Builds the `minimal` fixture with `theme` added to its `[theme]`, screen
/// and print editions; returns the folder (kept alive) and the output folder.
fn build_with_theme(theme: &str) -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "accent = \"#d07030\"",
        &format!("accent = \"#d07030\"\n{theme}"),
    );
    let out = dir.join("out");
    let run = cityprofile(
        &dir,
        &["build", ".", "--print", "--out", out.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    (tmp, out)
}

/// How far the TrimBox lies inside the MediaBox on every side of every
/// page, in millimetres (one value when all agree).
fn trim_insets(pdf: &Path) -> Vec<f64> {
    let mut insets: Vec<f64> = Vec::new();
    for (media, trim) in boxes(pdf) {
        for side in 0..4 {
            let inset = ((trim[side] - media[side]).abs() / MM * 100.0).round() / 100.0;
            if !insets.contains(&inset) {
                insets.push(inset);
            }
        }
    }
    insets
}

#[test]
fn crop_marks_are_drawn_by_default_outside_the_bleed() {
    let (_tmp, out) = build_with_theme("bleed = 5");
    let print = out.join("testcity-en-print.pdf");
    // 5 mm of bleed and 9 mm for the marks.
    assert_eq!(trim_insets(&print), vec![14.0]);
    // A crop mark: ink in the slug on the line of the trim's top edge,
    // white between the marks.
    let y = (14.0 * MM) as u32;
    let darkest = (y - 2..=y + 2)
        .map(|y| pixel(&print, 2, 2, y).0)
        .min()
        .unwrap();
    assert!(darkest < 160, "no crop mark at the trim line: {darkest}");
    let (r, _, _) = pixel(&print, 2, 2, y + 40);
    assert!(r > 200, "ink between the crop marks");
    // No mark reaches into the bleed: the bleed's corner, 1 mm outside
    // the trim on both sides, is white on a text page.
    let corner = (13.0 * MM) as u32;
    assert_eq!(pixel(&print, 2, corner, corner), (255, 255, 255));
}

#[test]
fn crop_marks_false_leaves_only_the_bleed_around_the_trim() {
    let (_tmp, out) = build_with_theme("crop_marks = false");
    let print = out.join("testcity-en-print.pdf");
    assert_eq!(trim_insets(&print), vec![3.0]);
    // No ink at the corner of a text page, where a mark would be.
    let (r, g, b) = pixel(&print, 2, 1, (3.0 * MM) as u32);
    assert_eq!((r, g, b), (255, 255, 255));
}

/// The number of pages of a PDF, and the words of each.
fn page_words(pdf: &Path) -> Vec<String> {
    bbox_pages(pdf)
        .iter()
        .map(|p| {
            p.words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn page_multiple_pads_the_print_edition_with_blank_pages_before_the_back_cover() {
    // The minimal profile has 8 pages: padded to 16, the back cover last.
    let (_tmp, out) = build_with_theme("page_multiple = 16");
    let screen = page_words(&out.join("testcity-en.pdf"));
    let print = page_words(&out.join("testcity-en-print.pdf"));
    assert_eq!(screen.len(), 8, "the screen edition is not padded");
    assert_eq!(print.len(), 16);
    // The text pages are the screen edition's; pages 8 to 15 are blank
    // (no running footer either); the back cover is the last page.
    assert_eq!(print[..7], screen[..7]);
    for (i, words) in print.iter().enumerate().take(15).skip(7) {
        assert_eq!(words, "", "page {} is not blank", i + 1);
    }
    assert_eq!(print[15], screen[7]);
    assert!(print[15].contains("Contact"), "{}", print[15]);
}

#[test]
fn page_multiple_of_a_profile_already_a_multiple_adds_no_page() {
    let (_tmp, out) = build_with_theme("page_multiple = 4");
    assert_eq!(
        page_words(&out.join("testcity-en-print.pdf")),
        page_words(&out.join("testcity-en.pdf"))
    );
}

#[test]
fn an_odd_page_multiple_is_an_error_at_its_line() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "accent = \"#d07030\"",
        "accent = \"#d07030\"\npage_multiple = 3",
    );
    let err = check_fails(&dir);
    assert_eq!(
        error_lines(&err)[0],
        "error: `page_multiple` is the number of pages the print edition's page count is a multiple of: an even number from 2 to 64 (4 for a saddle-stitched booklet), not 3 (at profile.toml:24:17)",
        "{err}"
    );
}
