//! A profile that names the EU as funder (`funded_by_eu = true`) prints the
//! EU emblem with "Funded by the European Union" in the edition's language
//! on the cover and in the imprint (the emblem's geometry is tested in
//! `src/edition/emblem.rs`).

use crate::common::*;

#[test]
fn funded_by_eu_prints_the_funding_words_on_the_cover_and_in_the_imprint() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "languages = [\"en\"]",
        "languages = [\"en\"]\nfunded_by_eu = true",
    );
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let pages = bbox_pages(&out.join("testcity-en.pdf"));
    let text_of = |i: usize| {
        squash(
            &pages[i]
                .words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    // The cover (page 1) and the imprint (page 3).
    assert!(
        text_of(0).contains("Funded by the European Union"),
        "{}",
        text_of(0)
    );
    assert!(
        text_of(2).contains("Funded by the European Union"),
        "{}",
        text_of(2)
    );
}

#[test]
fn without_funded_by_eu_no_funding_words_print() {
    let (_tmp, dir) = fixture_copy("minimal");
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!pdf_text(&out.join("testcity-en.pdf")).contains("European Union"));
}
