//! Layout that settles in two passes: every edition of every test profile,
//! and a new profile with a "not available" figure before a heading followed
//! by charts (which did not settle at all before), laid out twice by Typst
//! (`build --timings` counts the passes); figures and tables numbered 1..n in
//! page order; a figure placed in the lead of its chapter never above the
//! lead's text.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

/// The `passes` column of `build --timings`: (edition, passes) per edition.
fn layout_passes(timings: &str) -> Vec<(String, usize)> {
    let mut rows = Vec::new();
    let mut in_table = false;
    for line in timings.lines() {
        let cells: Vec<&str> = line.split_whitespace().collect();
        if cells.first() == Some(&"edition") {
            assert_eq!(cells.last(), Some(&"passes"), "the timings table: {line}");
            in_table = true;
            continue;
        }
        if in_table && cells.len() == 8 {
            let passes = cells[7]
                .parse()
                .unwrap_or_else(|_| panic!("passes of {line}"));
            rows.push((cells[0].to_string(), passes));
        }
    }
    rows
}

/// Builds `dir` with `--timings` into `dir/out`; panics with the messages
/// when it fails. The passes of each edition.
fn build_counting_passes(dir: &Path) -> Vec<(String, usize)> {
    let out = dir.join("out");
    let run = cityprofile(
        dir,
        &["build", ".", "--out", out.to_str().unwrap(), "--timings"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let rows = layout_passes(&stdout(&run));
    assert!(!rows.is_empty(), "no timings table in: {}", stdout(&run));
    rows
}

/// The numbers of the captions that open with `word` ("Fig.", "Table"), in
/// page order and, on a page, in reading order: a caption is the word, a
/// number and the caption's colon (`Fig. 9:` or `Tableau 3 :`), so that a
/// mention in the text (`see Table 3`) is not taken for one.
fn caption_numbers(pdf: &Path, word: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    for page in bbox_pages(pdf) {
        let words: Vec<&str> = page.words.iter().map(|w| w.text.as_str()).collect();
        for (i, pair) in words.windows(2).enumerate() {
            if pair[0] != word {
                continue;
            }
            let (digits, colon_after) = match pair[1].strip_suffix(':') {
                Some(digits) => (digits, true),
                None => (pair[1], words.get(i + 2) == Some(&":")),
            };
            if let (true, Ok(n)) = (colon_after, digits.parse()) {
                numbers.push(n);
            }
        }
    }
    numbers
}

fn assert_numbered_in_page_order(pdf: &Path, word: &str) {
    let numbers = caption_numbers(pdf, word);
    let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
    assert_eq!(
        numbers,
        expected,
        "{} captions of {} in page order",
        word,
        pdf.display()
    );
}

/// The caption words of the languages whose editions are checked here.
fn caption_words(lang: &str) -> Option<(&'static str, &'static str)> {
    match lang {
        "en" => Some(("Fig.", "Table")),
        "de" => Some(("Abb.", "Tabelle")),
        "fr" => Some(("Fig.", "Tableau")),
        _ => None,
    }
}

fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(repo_root().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|d| d.join("profile.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_edition_of_every_test_profile_settles_in_two_layout_passes_with_numbers_in_page_order() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 5, "the test profiles: {fixtures:?}");
    for fixture in fixtures {
        let name = fixture.file_name().unwrap().to_str().unwrap().to_string();
        let (_tmp, dir) = fixture_copy(&name);
        for (lang, passes) in build_counting_passes(&dir) {
            assert_eq!(passes, 2, "layout passes of the {lang} edition of {name}");
            if let Some((figure, table)) = caption_words(&lang) {
                let id = fs::read_dir(dir.join("out"))
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .find(|p| p.to_str().unwrap().ends_with(&format!("-{lang}.pdf")))
                    .unwrap_or_else(|| panic!("the {lang} PDF of {name}"));
                assert_numbered_in_page_order(&id, figure);
                assert_numbered_in_page_order(&id, table);
            }
        }
    }
}

#[test]
fn the_sample_profile_settles_in_two_layout_passes() {
    let out = tempdir();
    let run = cityprofile(
        &repo_root(),
        &[
            "build",
            "data/dortmund",
            "--lang",
            "en",
            "--out",
            out.path().to_str().unwrap(),
            "--timings",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(layout_passes(&stdout(&run)), vec![("en".to_string(), 2)]);
}

/// A new profile (the scaffold: charts and tables after headings) whose
/// first chart is marked "not available": its frame, shorter than the chart,
/// made the figure placement flip from one layout pass to the next, and the
/// build failed ("the layout did not settle") in every pair of languages.
#[test]
fn an_unavailable_figure_before_a_heading_followed_by_charts_settles_in_two_passes() {
    for langs in ["en,de", "fr,en", "en,ar"] {
        let tmp = tempdir();
        let dir = tmp.path().join("sousse");
        let made = cityprofile(
            tmp.path(),
            &[
                "new",
                dir.to_str().unwrap(),
                "--city",
                "Sousse",
                "--lang",
                langs,
            ],
        );
        assert!(made.status.success(), "{}", stderr(&made));
        let figure = dir.join("figures/age-groups.toml");
        let toml = fs::read_to_string(&figure).unwrap();
        assert!(
            toml.contains("status = \"todo\""),
            "the scaffold's figure: {toml}"
        );
        let unavailable = toml.replace("status = \"todo\"", "status = \"unavailable\"");
        fs::write(&figure, unavailable).unwrap();
        let passes = build_counting_passes(&dir);
        assert_eq!(passes.len(), 2, "{langs}: {passes:?}");
        for (lang, passes) in passes {
            assert_eq!(passes, 2, "layout passes of the {lang} edition ({langs})");
            if let Some((figure, _)) = caption_words(&lang) {
                let pdf = dir.join(format!("out/sousse-{lang}.pdf"));
                let numbers = caption_numbers(&pdf, figure);
                assert!(numbers.len() >= 3, "{lang} figures: {numbers:?}");
                assert_numbered_in_page_order(&pdf, figure);
            }
        }
    }
}

/// A figure placed in a chapter's lead (before its first section heading)
/// stands under the lead's first paragraph on its page, never above it.
#[test]
fn a_figure_placed_in_a_chapters_lead_never_stands_above_its_text() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(&dir.join("text/en/intro.md"), "{{figure:shares-chart}}", "");
    fs::write(
        dir.join("text/en/sources.md"),
        "# Sources\n\nThe lead of the chapter opens the page and introduces what follows.\n\n{{figure:shares-chart}}\n\nMore of the lead.\n\n## A section\n\nThe section's text.\n",
    )
    .unwrap();
    build_counting_passes(&dir);
    let pdf = dir.join("out/testcity-en.pdf");
    let pages = bbox_pages(&pdf);
    let (page, lead) = pages
        .iter()
        .find_map(|p| {
            let i = p.words.iter().position(|w| w.text == "introduces")?;
            Some((p, p.words[i].clone()))
        })
        .expect("the lead's first paragraph");
    let caption = page
        .words
        .iter()
        .find(|w| w.text == "Testcity,")
        .expect("the figure's caption on the lead's page");
    assert!(
        caption.y0 > lead.y1,
        "the caption (y {}) stands under the lead (y {})",
        caption.y0,
        lead.y1
    );
}

/// A table numbered as a figure between charts: whatever the length of the
/// text before them, the captions "Fig. 1" to "Fig. 5" follow each other in
/// page order (charts floating past the table printed "Fig. 2" above
/// "Fig. 1").
#[test]
fn a_table_numbered_as_a_figure_keeps_the_figures_in_page_order() {
    for words in [40, 120, 200, 300, 420, 560] {
        let (_tmp, dir) = fixture_copy("minimal");
        let chart = fs::read_to_string(dir.join("figures/shares-chart.toml")).unwrap();
        for id in ["c2", "c3"] {
            let caption = format!("caption = {{ en = \"Chart {id} of Testcity\" }}");
            let own = chart.replace(
                "caption = { en = \"Men and women, Testcity, 2020 and 2021\" }",
                &caption,
            );
            assert_ne!(
                own, chart,
                "the chart's caption line moved: update this test"
            );
            fs::write(dir.join(format!("figures/{id}.toml")), own).unwrap();
        }
        let lead = vec!["word"; words].join(" ");
        fs::write(
            dir.join("text/en/intro.md"),
            format!("# Introduction\n\n{lead}.\n\n{{{{figure:shares-chart}}}}\n\n{{{{table:counts}}}}\n\n{{{{figure:c2}}}}\n\n{{{{figure:lost-chart}}}}\n\n{{{{figure:c3}}}}\n\nThe end of the text.\n"),
        )
        .unwrap();
        build_counting_passes(&dir);
        let numbers = caption_numbers(&dir.join("out/testcity-en.pdf"), "Fig.");
        assert_eq!(numbers, vec![1, 2, 3, 4, 5], "after {words} words");
    }
}
