//! Pages left blank before a chapter opener: a `[[blank_pages]]` entry of
//! profile.toml fills them (a key-figures panel of values.toml, set inside
//! the text block, in the edition's direction), `openers = "any page"`
//! leaves none, and `check` lists the mostly empty spreads that remain, by
//! edition and pages. Measured on the French-source fixture with an Arabic
//! edition (whose chapter 2 ends on p. 8, leaving p. 9 blank before the
//! opener of chapter 3), and on the sample profile.

use std::path::Path;

use crate::common::*;

/// The key-figures panel the tests add to the French-source fixture.
const PANEL: &str = r#"
[[blank_pages]]
title = { fr = "Sfax en chiffres", ar = "صفاقس بالأرقام", en = "Sfax in figures", es = "Sfax en cifras" }
key_figures = [
  { value = "population.totale", label = { fr = "habitants recensés", ar = "نسمة", en = "inhabitants counted", es = "habitantes censados" } },
  { value = "population.superficie", label = { fr = "de superficie", ar = "مساحة", en = "of land", es = "de superficie" } },
]
"#;

/// Builds the editions `langs` of `dir` into `dir/out`, in two layout
/// passes; panics with the messages when the build fails.
fn build(dir: &Path, langs: &str) {
    let run = cityprofile(
        dir,
        &["build", ".", "--out", "out", "--lang", langs, "--timings"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    for line in stdout(&run).lines() {
        let cells: Vec<&str> = line.split_whitespace().collect();
        if cells.len() == 8 && cells[0].len() == 2 {
            assert_eq!(cells[7], "2", "layout passes: {line}");
        }
    }
}

/// The text block's edges on an A4 page of the built-in template, in
/// points from the top: 22 mm down to 24 mm above the foot.
fn text_block(page: &Page) -> (f64, f64) {
    let mm = 72.0 / 25.4;
    (22.0 * mm, page.height - 24.0 * mm)
}

#[test]
fn a_key_figures_panel_fills_the_blank_page_before_an_opener() {
    let (_tmp, dir) = fixture_copy("sfax");
    build(&dir, "fr,ar");
    let before_fr = bbox_pages(&dir.join("out/sfax-fr.pdf"));
    assert!(
        before_fr[8].words.is_empty(),
        "p. 9 is blank without the panel: {}",
        before_fr[8].text()
    );
    append_to_file(&dir.join("profile.toml"), PANEL);
    build(&dir, "fr,ar");

    let fr = bbox_pages(&dir.join("out/sfax-fr.pdf"));
    assert_eq!(
        fr.len(),
        before_fr.len(),
        "the panel takes no page of its own"
    );
    let page = &fr[8];
    let text = page.text();
    for expected in ["Sfax en chiffres", "habitants recensés", "de superficie"] {
        assert!(
            squash(&text).contains(expected),
            "p. 9 shows {expected:?}: {text}"
        );
    }
    // Inside the text block, the title first, each value over its label.
    let (top, bottom) = text_block(page);
    // A word's box holds the font's whole ascent: its letters start
    // about a third of the box's height below its top.
    for word in &page.words {
        assert!(
            word.y0 + word.height() / 3.0 >= top && word.y1 <= bottom,
            "{word:?} outside the text block"
        );
    }
    let at = |w: &str| {
        page.words
            .iter()
            .find(|x| x.text == w)
            .unwrap_or_else(|| panic!("{w:?} on p. 9: {text}"))
    };
    let title = at("chiffres");
    let label = at("recensés");
    let area = at("km²");
    assert!(
        title.y1 < area.y0 && title.y1 < label.y0,
        "the title above the figures"
    );
    let value = page
        .words
        .iter()
        .find(|w| w.text.starts_with("330"))
        .unwrap_or_else(|| panic!("the population on p. 9: {text}"));
    assert!(
        value.y1 <= label.y0 + 0.5,
        "the value {value:?} over its label {label:?}"
    );
    assert!(value.height() > 2.0 * label.height(), "the value set large");
    // The following page is still the opener of chapter 3.
    assert_eq!(squash(&fr[9].text()), squash(&before_fr[9].text()));

    // The Arabic edition: the same page, its title on the right-hand side.
    let ar = bbox_pages(&dir.join("out/sfax-ar.pdf"));
    let page = &ar[8];
    assert!(squash(&page.text()).contains("بالأرقام"), "{}", page.text());
    let title = page
        .words
        .iter()
        .find(|w| w.text.contains("بالأرقام"))
        .unwrap();
    assert!(
        title.x0 > page.width / 2.0,
        "the Arabic title set from the right: {title:?}"
    );
}

#[test]
fn openers_on_any_page_leave_no_blank_page() {
    let (_tmp, dir) = fixture_copy("sfax");
    build(&dir, "fr");
    let before = bbox_pages(&dir.join("out/sfax-fr.pdf"));
    replace_in_file(
        &dir.join("profile.toml"),
        "[theme]\n",
        "[theme]\nopeners = \"any page\"\n",
    );
    build(&dir, "fr");
    let after = bbox_pages(&dir.join("out/sfax-fr.pdf"));
    assert!(
        before[8].words.is_empty(),
        "p. 9 blank before chapter 3's opener"
    );
    // Chapter 3's opener follows p. 8 at once, on an odd page; no page is
    // blank but the one that may precede the back cover (which stays on an
    // even page, the outside of the booklet).
    assert_eq!(squash(&after[8].text()), squash(&before[9].text()));
    for (n, page) in after.iter().enumerate().take(after.len() - 2) {
        assert!(!page.words.is_empty(), "p. {} is blank", n + 1);
    }
}

#[test]
fn check_lists_the_mostly_empty_spreads_of_each_edition() {
    let tmp = tempdir();
    let dir = tmp.path().join("dortmund");
    copy_dir(&repo_root().join("data/dortmund"), &dir);
    // Without its filled blank pages, the English edition's sources end
    // near the top of p. 42, with a blank p. 43 before the back cover.
    let profile = dir.join("profile.toml");
    let text = std::fs::read_to_string(&profile).unwrap();
    let cut = text
        .find("\n# What the pages left blank")
        .expect("the [[blank_pages]] of the sample");
    std::fs::write(&profile, &text[..cut]).unwrap();
    let run = cityprofile(&dir, &["check", ".", "--lang", "en"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    let line = err
        .lines()
        .find(|l| l.contains("the en edition has"))
        .unwrap_or_else(|| panic!("no listing: {err}"));
    assert!(line.contains("has 1 mostly empty spread(s): pp. 42–43: the chapter ends 17% down p. 42 and p. 43 is blank"), "{line}");
}

#[test]
fn check_finds_no_mostly_empty_spread_in_the_sample_profile() {
    let run = cityprofile(&repo_root().join("data/dortmund"), &["check", "."]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(!err.contains("mostly empty"), "{err}");
}

#[test]
fn a_key_figure_naming_no_value_is_an_error_at_its_line() {
    let (_tmp, dir) = fixture_copy("sfax");
    append_to_file(
        &dir.join("profile.toml"),
        "\n[[blank_pages]]\nkey_figures = [{ value = \"population.total\", label = \"habitants\" }]\n\n[[blank_pages]]\nquotation = \"Une ville.\"\nphoto = \"images/port.jpg\"\n",
    );
    let err = check_fails(&dir);
    assert!(
        err.contains("key figure `population.total`: values.toml has no such value"),
        "{err}"
    );
    assert!(err.contains("shows more than one thing"), "{err}");
}

#[test]
fn the_white_above_the_footnotes_of_a_chapters_last_page_is_no_hole() {
    // The French-source fixture with an Arabic edition ends its first
    // chapter on p. 5: a table at the top, a
    // footnote at the foot, the next chapter's opener facing it.
    let dir = repo_root().join("tests/fixtures/rtl");
    let run = cityprofile(&dir, &["check", "."]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(!err.contains("mostly empty"), "{err}");
}
