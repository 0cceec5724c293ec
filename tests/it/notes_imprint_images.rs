//! Footnotes in tables (on a cell, a row label, a group band and a whole
//! table, numbered or not) are printed, never dropped; the imprint page
//! prints the profile's `[imprint]` and refuses a wrong ISBN; an image taller
//! than a page is scaled to fit with its caption and source; a long file name
//! in a cell stays inside the page.

use std::fs;
use std::path::Path;

use crate::common::*;

/// A page: its width, its height, and its words with their boxes (x0, y0,
/// x1, y1) in points.
type PageWords = (f64, f64, Vec<(String, [f64; 4])>);

/// The words of every page.
fn page_words(pdf: &Path) -> Vec<PageWords> {
    bbox_pages(pdf)
        .into_iter()
        .map(|page| {
            let words = page
                .words
                .into_iter()
                .map(|w| (w.text, [w.x0, w.y0, w.x1, w.y1]))
                .collect();
            (page.width, page.height, words)
        })
        .collect()
}

const NOTES_TABLE: &str = r#"number = "none"
footnote = { en = "Counted on 31 December of each year." }
columns = [{ id = "what", width = 1 }, { id = "value", align = "end" }, { id = "file", width = 1.2 }]
head = [[{ text = { en = "What" } }, { text = { en = "Value" }, footnote = { en = "Rounded to hundreds." } }, { text = { en = "File" } }]]

[[rows]]
group = { en = "Residents" }
footnote = { en = "Main residence only." }

[[rows]]
id = "total"
footnote = { en = "Including the suburbs." }
cells = [{ text = { en = "Total" } }, { value = 603600, footnote = { en = "Estimate of the statistics office." } }, "population_statistics_2019_final_revised_version_v3.csv"]
"#;

#[test]
fn footnotes_on_cells_row_labels_group_bands_and_tables_are_printed() {
    let (_tmp, dir) = fixture_copy("minimal");
    add_table(&dir, "notes", NOTES_TABLE, "");
    // A footnote on a numbered table's caption, too.
    replace_in_file(
        &dir.join("tables/counts.toml"),
        "source = \"Test Office, 2019\"",
        "source = \"Test Office, 2019\"\nfootnote = { en = \"Counts of registered residents.\" }",
    );
    let (out, _) = build_with_sources(&dir);
    let pdf = out.join("testcity-en.pdf");
    let text = squash(&pdf_text(&pdf));
    for note in [
        "Counted on 31 December of each year.",
        "Rounded to hundreds.",
        "Main residence only.",
        "Including the suburbs.",
        "Estimate of the statistics office.",
        "Counts of registered residents.",
    ] {
        assert!(text.contains(note), "note `{note}` is missing: {text}");
    }
    // The cell and row notes are lettered in reading order, under the table:
    // a (head), b (group band), c (row label), d (cell).
    let under = text
        .find("a Rounded to hundreds.")
        .expect("note a under the table");
    let b = text.find("b Main residence only.").expect("note b");
    let c = text.find("c Including the suburbs.").expect("note c");
    let d = text
        .find("d Estimate of the statistics office.")
        .expect("note d");
    assert!(under < b && b < c && c < d, "{text}");
    // The long file name stays inside the page: every word within the
    // text block's width.
    for (width, _, words) in page_words(&pdf) {
        for (word, b) in words {
            assert!(
                b[0] >= 19.0 * 72.0 / 25.4 && b[2] <= width - 19.0 * 72.0 / 25.4,
                "`{word}` runs into the margin: {b:?}"
            );
        }
    }
}

#[test]
fn a_footnote_on_a_cell_of_values_toml_is_refused_with_its_place() {
    let (_tmp, dir) = fixture_copy("minimal");
    let values = fs::read_to_string(dir.join("values.toml")).unwrap();
    let line = values.lines().position(|l| l.starts_with("total")).unwrap() + 1;
    let edited: String = values
        .lines()
        .map(|l| {
            if l.starts_with("total") {
                "total = { value = 100, footnote = { en = \"A note.\" } }".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(dir.join("values.toml"), edited).unwrap();
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains(&format!("values.toml:{line}:"))
            && err.contains("`footnote` goes on table cells"),
        "{err}"
    );
}

const IMPRINT: &str = r#"
[imprint]
publisher = { en = "Test Publishing House" }
disclaimer = { en = "This publication reflects the views of its author only." }
licence = { en = "CC BY 4.0" }
isbn = "978-3-16-148410-0"
"#;

#[test]
fn the_imprint_faces_the_contents_and_a_wrong_isbn_is_refused() {
    let (_tmp, dir) = fixture_copy("minimal");
    append_to_file(&dir.join("profile.toml"), IMPRINT);
    let (out, _) = build_with_sources(&dir);
    let pages = page_words(&out.join("testcity-en.pdf"));
    let page3: Vec<&str> = pages[2].2.iter().map(|(w, _)| w.as_str()).collect();
    let page3 = page3.join(" ");
    for expected in [
        "Published by",
        "Test Publishing House",
        "This publication reflects the views of its author only.",
        "CC BY 4.0",
        "ISBN 978-3-16-148410-0",
        "Drafted by: A. Author",
        "June 2022",
    ] {
        assert!(
            page3.contains(expected),
            "page 3 lacks `{expected}`: {page3}"
        );
    }

    let text = fs::read_to_string(dir.join("profile.toml")).unwrap();
    fs::write(
        dir.join("profile.toml"),
        text.replace("978-3-16-148410-0", "978-3-16-148410-1"),
    )
    .unwrap();
    let line = text.lines().position(|l| l.starts_with("isbn")).unwrap() + 1;
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains(&format!("profile.toml:{line}:8")) && err.contains("check digit"),
        "{err}"
    );
}

/// A portrait picture five times as tall as wide (as SVG, in the profile's
/// images): at the text width it would be far taller than a page.
const TALL_PICTURE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="500" viewBox="0 0 100 500"><rect width="100" height="500" fill="#557799"/></svg>"##;

#[test]
fn an_image_taller_than_a_page_is_scaled_to_fit_with_its_caption_and_source() {
    let (_tmp, dir) = fixture_copy("minimal");
    fs::create_dir_all(dir.join("images")).unwrap();
    fs::write(dir.join("images/tall.svg"), TALL_PICTURE).unwrap();
    fs::write(
        dir.join("figures/tall-photo.toml"),
        "kind = \"photo\"\ncaption = { en = \"A tall tower in Testcity\" }\nsource = \"Photo: Tower Office\"\nalt = { en = \"A tall tower.\" }\nimage = \"images/tall.svg\"\n",
    )
    .unwrap();
    replace_in_file(
        &dir.join("text/en/intro.md"),
        "{{components}}",
        "{{figure:tall-photo}}\n\n{{components}}",
    );
    let (out, _) = build_with_sources(&dir);
    let pages = page_words(&out.join("testcity-en.pdf"));
    let (index, (_, height, words)) = pages
        .iter()
        .enumerate()
        .find(|(_, p)| p.2.iter().any(|(w, _)| w == "tower"))
        .expect("the caption is printed");
    let source = words
        .iter()
        .find(|(w, _)| w == "Tower")
        .unwrap_or_else(|| panic!("the source is on the caption's page {}", index + 1));
    // The source line stands in the text block: its baseline at most at the
    // block's foot (24 mm above the page's), where a last line's descenders
    // hang a little below (word boxes reach the font's descent, about
    // 2.6 pt at this size), well above the running footer.
    let descent = 0.3 * (source.1[3] - source.1[1]);
    assert!(
        source.1[3] - descent <= height - 24.0 * 72.0 / 25.4 + 0.1,
        "the source line is pushed into the footer: {:?}",
        source.1
    );
}

#[test]
fn wrong_print_and_language_settings_are_refused_with_their_place() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "accent = \"#d07030\"",
        "accent = \"#d07030\"\nbleed = 30",
    );
    replace_in_file(
        &dir.join("profile.toml"),
        "city = \"Testcity\"",
        "city = \"Testcity\"\nneutral_language = \"German\"",
    );
    let text = fs::read_to_string(dir.join("profile.toml")).unwrap();
    let line_of = |start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        reports_at(
            &err,
            &format!("profile.toml:{}:9", line_of("bleed")),
            "`bleed` is in millimetres"
        ),
        "{err}"
    );
    assert!(
        reports_at(
            &err,
            &format!("profile.toml:{}:20", line_of("neutral_language")),
            "`German` is not a language code"
        ),
        "{err}"
    );
}
