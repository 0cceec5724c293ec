//! Damaged and hostile inputs: each kind that once crashed the program, made
//! it allocate gigabytes or failed the PDF export without a place is an
//! error at the file, line and column that holds it, with exit code 1 (the
//! mutation test that finds such inputs is `mutations`).

use std::fs;
use std::path::Path;

use crate::common::*;

const INTRO: &str = "text/en/intro.md";

/// The 1-based number of the line `text` would have if appended to `path`
/// after a blank line.
fn next_paragraph_line(path: &Path) -> usize {
    let text = fs::read_to_string(path).unwrap();
    text.lines().count() + 2 + usize::from(!text.ends_with('\n'))
}

#[test]
fn a_control_character_written_as_a_toml_escape_is_refused_at_the_escape() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        r#"city = "Testcity""#,
        r#"city = "Test\u0000city""#,
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(&err, "profile.toml:3:13", "U+0000 is a control character"),
        "{err}"
    );
}

#[test]
fn a_title_too_long_for_the_pdf_document_information_is_refused_at_its_line() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        r#"title = { en = "City Migration Profile of Testcity" }"#,
        &format!(
            r#"title = {{ en = "{}" }}"#,
            "Long title ".repeat(3_000).trim_end()
        ),
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(&err, "profile.toml:5:9", "`title` is 32999 characters long"),
        "{err}"
    );
}

/// A CSV table of the minimal fixture, placed in the introduction.
fn profile_with_csv(csv: &str) -> (TempDir, std::path::PathBuf) {
    let (tmp, dir) = fixture_copy("minimal");
    add_table(
        &dir,
        "arrivals",
        r#"number = "table"
caption = { en = "Arrivals by country" }
source = "Test Office, 2021"
columns = [{ id = "country" }, { id = "count", align = "end" }]
head = [[{ text = { en = "Country" } }, { text = { en = "Persons" } }]]

[csv]
file = "data/arrivals.csv"
locale = "en"
id = "id"
columns = [{ from = { en = "Country" } }, { from = "Persons", kind = "number" }]
"#,
        "Arrivals.",
    );
    fs::create_dir_all(dir.join("data")).unwrap();
    fs::write(dir.join("data/arrivals.csv"), csv).unwrap();
    (tmp, dir)
}

#[test]
fn a_control_character_in_a_csv_cell_is_refused_at_its_line_and_column() {
    let (_tmp, dir) = profile_with_csv("id,Country,Persons\nsyria,Sy\u{0}ria,1882\n");
    let err = check_fails(&dir);
    assert!(
        reports_at(&err, "arrivals.csv:2:9", "U+0000 is a control character"),
        "{err}"
    );
}

#[test]
fn a_word_longer_than_any_line_is_refused_at_its_first_character() {
    let (_tmp, dir) = fixture_copy("minimal");
    let line = next_paragraph_line(&dir.join(INTRO));
    append_to_file(&dir.join(INTRO), &format!("\n{}\n", "x".repeat(16_384)));
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            &format!("intro.md:{line}:1"),
            "a word of 16384 characters without a space"
        ),
        "{err}"
    );
}

#[test]
fn a_word_in_a_csv_file_ends_at_its_field_separator() {
    let long = "y".repeat(600);
    let (_tmp, dir) = profile_with_csv(&format!("id,Country,Persons\n{long},{long},1882\n"));
    let run = cityprofile(&dir, &["check", "."]);
    assert!(
        !stderr(&run).contains("without a space"),
        "{}",
        stderr(&run)
    );
}

/// A PNG file of a few dozen bytes whose header claims `width` × `height`
/// pixels (the chunk checksums are not checked before the size).
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    png.extend(width.to_be_bytes());
    png.extend(height.to_be_bytes());
    png.extend([8, 6, 0, 0, 0]);
    png.extend([0; 4]);
    png.extend(b"\x00\x00\x00\x00IEND\xae\x42\x60\x82");
    png
}

/// A JPEG file whose frame header claims `width` × `height` pixels.
fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    jpeg.extend(height.to_be_bytes());
    jpeg.extend(width.to_be_bytes());
    jpeg.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    jpeg.extend([0xFF, 0xD9]);
    jpeg
}

#[test]
fn an_image_whose_header_claims_billions_of_pixels_is_refused_before_decoding() {
    for (name, bytes, size) in [
        (
            "huge.png",
            png_claiming(100_000, 100_000),
            "100000 × 100000",
        ),
        ("huge.jpg", jpeg_claiming(65_000, 65_000), "65000 × 65000"),
    ] {
        let (_tmp, dir) = fixture_copy("minimal");
        fs::create_dir_all(dir.join("images")).unwrap();
        fs::write(dir.join("images").join(name), &bytes).unwrap();
        fs::write(
            dir.join("figures/photo.toml"),
            format!(
                "kind = \"photo\"\ncaption = {{ en = \"A street\" }}\nsource = \"Photo: A. Author\"\nalt = {{ en = \"A street.\" }}\nimage = \"images/{name}\"\n"
            ),
        )
        .unwrap();
        replace_in_file(
            &dir.join(INTRO),
            "{{components}}",
            "{{figure:photo}}\n\n{{components}}",
        );
        let err = check_fails(&dir);
        assert!(
            reports_at(&err, "photo.toml:5:9", &format!("is {size} pixels")),
            "{name}: {err}"
        );
    }
}

#[test]
fn markdown_nested_thousands_of_levels_deep_is_refused_at_the_level_too_deep() {
    let (_tmp, dir) = fixture_copy("minimal");
    let line = next_paragraph_line(&dir.join(INTRO));
    append_to_file(
        &dir.join(INTRO),
        &format!("\n{}deep\n", "> - ".repeat(9_000)),
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            &format!("intro.md:{line}:"),
            "nested more than 64 levels"
        ),
        "{err}"
    );
}

#[test]
fn lists_and_quotes_nested_ten_levels_deep_still_print() {
    let (_tmp, dir) = fixture_copy("minimal");
    append_to_file(&dir.join(INTRO), &format!("\n{}deep\n", "> - ".repeat(10)));
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(pdf_text(&out.join("testcity-en.pdf")).contains("deep"));
}

/// The fixture font with every byte of its `glyf` table overwritten: its
/// names and metrics read well, its glyphs do not.
fn font_with_damaged_glyphs() -> Vec<u8> {
    let mut data = fs::read(repo_root().join("tests/fixtures/fonts/FixtureSerif.ttf")).unwrap();
    let word =
        |data: &[u8], at: usize| u32::from_be_bytes(data[at..at + 4].try_into().unwrap()) as usize;
    let tables = u16::from_be_bytes([data[4], data[5]]) as usize;
    let record = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| &data[r..r + 4] == b"glyf")
        .expect("a glyf table");
    let (offset, length) = (word(&data, record + 8), word(&data, record + 12));
    for (k, byte) in data[offset..offset + length].iter_mut().enumerate() {
        *byte = (k * 131 % 251) as u8;
    }
    data
}

#[test]
fn a_font_file_with_damaged_glyphs_is_refused_at_the_theme_line_that_names_it() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "accent = \"#d07030\"",
        "accent = \"#d07030\"\nfont = \"Fixture Serif\"",
    );
    fs::create_dir(dir.join("fonts")).unwrap();
    fs::write(
        dir.join("fonts/FixtureSerif.ttf"),
        font_with_damaged_glyphs(),
    )
    .unwrap();
    for command in ["check", "build"] {
        let run = cityprofile(&dir, &[command, "."]);
        assert_eq!(run.status.code(), Some(1), "{command}: {}", stderr(&run));
        let err = stderr(&run);
        assert!(
            reports_at(
                &err,
                "profile.toml:24:8",
                "the font `Fixture Serif` cannot be embedded in a PDF: its file fonts/FixtureSerif.ttf is damaged"
            ),
            "{command}: {err}"
        );
        assert!(!err.contains("Typst"), "{command}: {err}");
    }

    // A damaged font the theme does not name: an error at its file.
    replace_in_file(&dir.join("profile.toml"), "\nfont = \"Fixture Serif\"", "");
    let err = check_fails(&dir);
    assert!(
        err.contains(
            "error: fonts/FixtureSerif.ttf: this font file (family `Fixture Serif`) is damaged"
        ),
        "{err}"
    );
}

/// The names in a folder that start with a dot (temporary folders).
fn hidden_entries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect()
}

#[test]
fn an_emitted_typst_folder_is_replaced_whole_or_not_at_all() {
    let (_tmp, dir) = fixture_copy("minimal");
    let (_, emitted) = build_with_sources(&dir);
    let edition = emitted.join("testcity-en");
    // A file of an earlier emit that this one does not write is gone: the
    // folder is written anew beside it and put in its place.
    fs::write(edition.join("stale.typ"), "left from before").unwrap();
    build_with_sources(&dir);
    assert!(edition.join("main.typ").is_file());
    assert!(!edition.join("stale.typ").exists());
    assert_eq!(hidden_entries(&emitted), Vec::<String>::new());

    // When the folder cannot be put in place (a file in its way), the
    // build fails and leaves nothing half-written.
    fs::remove_dir_all(&edition).unwrap();
    fs::write(&edition, "in the way").unwrap();
    let run = cityprofile(
        &dir,
        &[
            "build",
            ".",
            "--out",
            "out",
            "--emit-typst",
            emitted.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("a file is in the way of the folder"),
        "{}",
        stderr(&run)
    );
    assert_eq!(fs::read_to_string(&edition).unwrap(), "in the way");
    assert_eq!(hidden_entries(&emitted), Vec::<String>::new());
}
