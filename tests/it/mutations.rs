//! The mutation test, this project's fuzzer: a profile that holds every kind
//! of input (TOML, Markdown in two languages, a CSV file and a spreadsheet,
//! a PO catalog, an SVG logo, a PNG cover picture, a CMYK JPEG photo, a font)
//! has one of its files damaged at random (cut, a piece that broke a parser
//! before inserted, or a byte changed), and `check` (many cases) and `build`
//! (fewer: it lays the editions out) must end with 0 or 1, never with a
//! panic, an abort or a signal, and exit 1 only with an error.
//!
//! How long it runs: `CITYPROFILE_MUTATION_CASES` cases for `check` and a
//! quarter as many for `build` (16 and 4 unless set), or, with
//! `CITYPROFILE_MUTATION_SECONDS`, as many cases as fit in that many seconds
//! per test (CI gives them 90). A failing case is kept by proptest in
//! `tests/it/mutations.proptest-regressions` and run first from then on;
//! each input that ever failed also has a test of its own.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;

use crate::common::*;

/// The files of the corpus profile the mutations damage, each a kind of
/// input the program reads.
const MUTATED_FILES: [&str; 14] = [
    "profile.toml",
    "values.toml",
    "tables/counts.toml",
    "tables/arrivals.toml",
    "figures/shares-chart.toml",
    "text/en/intro.md",
    "text/de/intro.md",
    "data/arrivals.csv",
    "data/arrivals.xlsx",
    "po/de.po",
    "images/logo.svg",
    "images/street.png",
    "images/cmyk-photo.jpg",
    "fonts/FixtureSerif.ttf",
];

/// Pieces that have broken parsers before: TOML, Markdown, PO and XML
/// syntax, placeholders, control characters, huge numbers, line ends.
const NASTY: [&str; 20] = [
    "\"",
    "[[",
    "]]",
    "{{",
    "}}",
    "{{table:",
    "\u{0}",
    "\\u0000",
    "> - > - > - ",
    "|",
    "\r",
    "99999999999999999999999",
    "-",
    "= ",
    "\u{202E}",
    "\u{FEFF}",
    "msgstr \"x\"\n",
    "\nmsgctxt \"",
    "<image href=\"\"/>",
    "\u{FF}\u{FF}\u{FF}\u{FF}",
];

const ARRIVALS_TABLE: &str = r#"number = "table"
caption = { en = "Arrivals by country", de = "Zuzüge nach Land" }
source = "Test Office, 2021"
columns = [{ id = "country" }, { id = "count", align = "end" }]
head = [[{ text = { en = "Country", de = "Land" } }, { text = { en = "Persons", de = "Personen" } }]]

[csv]
file = "data/arrivals.csv"
locale = "en"
id = "id"
columns = [{ from = { en = "Country", de = "Land" } }, { from = "Persons", kind = "number" }]
"#;

const SHEET_TABLE: &str = r#"number = "table"
caption = { en = "Arrivals from the sheet", de = "Zuzüge aus der Tabelle" }
source = "Test Office, 2021"
columns = [{ id = "country" }, { id = "count", align = "end" }]
head = [[{ text = { en = "Country", de = "Land" } }, { text = { en = "Persons", de = "Personen" } }]]

[csv]
file = "data/arrivals.xlsx"
sheet = "Arrivals"
header_row = 3
locale = "de"
id = "Kennung"
columns = [{ from = { en = "Land (en)" } }, { from = "Personen", kind = "number" }]
"#;

const PHOTO_FIGURE: &str = r#"kind = "photo"
caption = { en = "A photo", de = "Ein Foto" }
source = "A. Author"
alt = { en = "Two colours.", de = "Zwei Farben." }
image = "images/cmyk-photo.jpg"
"#;

/// The corpus profile, made once per run of the tests from the bilingual
/// fixture: it must build as it is, so that every failure is a mutation's.
fn corpus() -> &'static Path {
    static CORPUS: OnceLock<PathBuf> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = run_folder("mutation-corpus").join("testcity");
        copy_dir(&repo_root().join("tests/fixtures/bilingual"), &dir);
        copy_dir(
            &repo_root().join("tests/fixtures/images"),
            &dir.join("images"),
        );
        fs::copy(
            repo_root().join("tests/fixtures/photos/cmyk-photo.jpg"),
            dir.join("images/cmyk-photo.jpg"),
        )
        .unwrap();
        fs::create_dir_all(dir.join("fonts")).unwrap();
        fs::copy(
            repo_root().join("tests/fixtures/fonts/FixtureSerif.ttf"),
            dir.join("fonts/FixtureSerif.ttf"),
        )
        .unwrap();
        fs::create_dir_all(dir.join("data")).unwrap();
        fs::copy(
            repo_root().join("tests/fixtures/sheets/arrivals.xlsx"),
            dir.join("data/arrivals.xlsx"),
        )
        .unwrap();
        fs::write(
            dir.join("data/arrivals.csv"),
            "id,Country,Land,Persons\nsyria,Syria,Syrien,1882\nturkey,Turkey,Türkei,700\n",
        )
        .unwrap();
        fs::write(dir.join("tables/arrivals.toml"), ARRIVALS_TABLE).unwrap();
        fs::write(dir.join("tables/sheet.toml"), SHEET_TABLE).unwrap();
        fs::write(dir.join("figures/photo.toml"), PHOTO_FIGURE).unwrap();
        for lang in ["en", "de"] {
            replace_in_file(
                &dir.join(format!("text/{lang}/intro.md")),
                "{{components}}",
                "{{table:arrivals}}\n\n{{table:sheet}}\n\n{{figure:photo}}\n\n{{components}}",
            );
        }
        replace_in_file(
            &dir.join("profile.toml"),
            "accent = \"#d07030\"",
            "accent = \"#d07030\"\nfont = \"Fixture Serif\"\nmissing_faces = \"built-in\"",
        );
        append_to_file(
            &dir.join("profile.toml"),
            r#"
[cover]
image = "images/street.png"
alt = { en = "A street.", de = "Eine Straße." }

[[partners]]
name = "Test Partner"
lines = [{ en = "Partner", de = "Partner" }]
logo = "images/logo.svg"
"#,
        );
        fs::create_dir_all(dir.join("po")).unwrap();
        export_catalog(&dir, "de", &dir.join("po/de.po"));
        let run = cityprofile(&dir, &["build", ".", "--out", "out"]);
        assert!(
            run.status.success(),
            "the corpus does not build: {}",
            stderr(&run)
        );
        fs::remove_dir_all(dir.join("out")).unwrap();
        dir
    })
}

/// What a run must never be: killed by a signal, a panic (exit code 101)
/// or any exit code but 0 (built) and 1 (refused with messages).
pub fn assert_ended_cleanly(run: &Output, what: &str) {
    let err = stderr(run);
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{what}: ended with {} ({err})",
        run.status
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
    if run.status.code() == Some(1) {
        assert!(
            err.contains("error"),
            "{what}: exit 1 without an error: {err}"
        );
    }
}

/// The time budget of each mutation test, when one is set.
fn budget() -> Option<Duration> {
    std::env::var("CITYPROFILE_MUTATION_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs)
}

/// How many cases a mutation test runs: with a time budget, more than fit
/// in it (the cases after it end at once); else the number set, divided by
/// `share` (`build` runs a quarter of `check`'s cases), or `default`.
fn cases(default: u32, share: u32) -> u32 {
    if budget().is_some() {
        return 1_000_000;
    }
    std::env::var("CITYPROFILE_MUTATION_CASES")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
        .map_or(default, |n| (n / share).max(1))
}

/// Whether the time budget that started at `started` is spent.
fn out_of_time(started: &OnceLock<Instant>) -> bool {
    let started = *started.get_or_init(Instant::now);
    budget().is_some_and(|budget| started.elapsed() > budget)
}

/// A copy of the corpus with one file damaged: cut at `at` (a share of its
/// length), a piece of [`NASTY`] inserted there, or the byte there changed.
/// Returns the copy and what was done, for the failure message.
fn damaged_copy(
    file: usize,
    at: f64,
    kind: u8,
    nasty: usize,
    byte: u8,
) -> (TempDir, PathBuf, String) {
    let tmp = tempdir();
    let dir = tmp.path().join("testcity");
    copy_dir(corpus(), &dir);
    let path = dir.join(MUTATED_FILES[file]);
    let mut bytes = fs::read(&path).unwrap();
    let at = ((bytes.len() as f64) * at) as usize;
    match kind {
        0 => bytes.truncate(at),
        1 => {
            let piece = NASTY[nasty].as_bytes();
            bytes.splice(at..at, piece.iter().copied());
        }
        _ => {
            if let Some(b) = bytes.get_mut(at) {
                *b = byte;
            }
        }
    }
    fs::write(&path, &bytes).unwrap();
    let what = format!(
        "{} mutated ({kind}, at {at}, piece {nasty}, byte {byte})",
        MUTATED_FILES[file]
    );
    (tmp, dir, what)
}

static CHECK_STARTED: OnceLock<Instant> = OnceLock::new();
static BUILD_STARTED: OnceLock<Instant> = OnceLock::new();

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(16, 1), ..ProptestConfig::default() })]

    /// A damaged file of any kind: `check` reports or passes, never crashes.
    #[test]
    fn check_ends_cleanly_on_a_damaged_input(
        file in 0..MUTATED_FILES.len(),
        at in 0.0f64..1.0,
        kind in 0..3u8,
        nasty in 0..NASTY.len(),
        byte in any::<u8>(),
    ) {
        if out_of_time(&CHECK_STARTED) {
            return Ok(());
        }
        let (_tmp, dir, what) = damaged_copy(file, at, kind, nasty, byte);
        let run = cityprofile(&dir, &["check", "."]);
        assert_ended_cleanly(&run, &what);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(4, 4), ..ProptestConfig::default() })]

    /// A damaged file of any kind: `build` writes the editions or refuses,
    /// never crashes.
    #[test]
    fn build_ends_cleanly_on_a_damaged_input(
        file in 0..MUTATED_FILES.len(),
        at in 0.0f64..1.0,
        kind in 0..3u8,
        nasty in 0..NASTY.len(),
        byte in any::<u8>(),
    ) {
        if out_of_time(&BUILD_STARTED) {
            return Ok(());
        }
        let (_tmp, dir, what) = damaged_copy(file, at, kind, nasty, byte);
        let run = cityprofile(&dir, &["build", ".", "--out", "out"]);
        assert_ended_cleanly(&run, &what);
    }
}
