//! Text a reader can search and click: a compound broken in a narrow table
//! cell keeps its hyphen and nothing invisible after it, so a search finds
//! `SGB-II` or `EU-Freizügigkeitsgesetz`; a bare web address in a chapter is
//! a link, without the sentence's punctuation.

use crate::common::*;

const NARROW_TABLE: &str = r#"number = "table"
caption = { en = "Benefits" }
source = "Test Office, 2021"
columns = [{ id = "a", width = 1 }, { id = "b", width = 1 }, { id = "c", width = 3 }, { id = "d", width = 1 }, { id = "e", width = 1 }]
head = [[{ text = { en = "Law" } }, { text = { en = "Who" } }, { text = { en = "Notes" } }, { text = { en = "Programme" } }, { text = { en = "Earlier" } }]]

[[rows]]
id = "one"
cells = ["EU-Freizügigkeitsgesetz", "SGB-II-Leistungsberechtigte", "Benefits for citizens of the European Union and for job seekers.", "Arbeitsmarktintegrationsförderungsprogramme", "Arbeitsmarktintegrationsförderungsgesetz"]
"#;
// (The columns `d` and `e` hold words so long that no column can be widened
// to hold its longest word whole: the compounds of `a` and `b` break.)

/// Every URI a PDF's link annotations point at.
fn link_targets(pdf: &std::path::Path) -> Vec<String> {
    pdf_objects(pdf)
        .iter()
        .filter_map(|o| {
            let action = o.get("/A").filter(|a| a.is_object()).unwrap_or(o);
            (action["/S"] == "/URI").then(|| action["/URI"].as_str().map(str::to_string))?
        })
        .map(|uri| uri.trim_start_matches("u:").to_string())
        .collect()
}

#[test]
fn compounds_broken_in_a_narrow_cell_stay_searchable() {
    let (_tmp, dir) = fixture_copy("minimal");
    add_table(&dir, "benefits", NARROW_TABLE, "");
    let (out, _) = build_with_sources(&dir);
    let pdf = out.join("testcity-en.pdf");
    let raw = pdf_text(&pdf);
    assert!(!raw.contains('\u{200b}'), "an invisible character: {raw:?}");
    // The compounds are broken (the cells are narrower than them), each
    // line holding its hyphen and the next piece right after it: `SGB-II`
    // is one word, `EU-` ends its line and the law's name follows.
    let words: Vec<String> = bbox_pages(&pdf)
        .into_iter()
        .flat_map(|page| page.words)
        .map(|word| word.text)
        .collect();
    assert!(words.iter().any(|w| w.starts_with("SGB-II-")), "{words:?}");
    let eu = words
        .iter()
        .position(|w| w == "EU-")
        .expect("`EU-` ends a line");
    assert!(words[eu + 1].starts_with("Freizügigkeits"), "{words:?}");
}

#[test]
fn a_bare_web_address_is_a_link_without_the_sentence_around_it() {
    let (_tmp, dir) = fixture_copy("minimal");
    append_to_file(
        &dir.join("text/en/intro.md"),
        "\nDetails at https://www.dortmund.de/migration. See also www.ils-forschung.de, and (https://example.org/a_(b)).\n",
    );
    let (out, _) = build_with_sources(&dir);
    let pdf = out.join("testcity-en.pdf");
    let targets = link_targets(&pdf);
    for uri in [
        "https://www.dortmund.de/migration",
        "https://www.ils-forschung.de",
        "https://example.org/a_(b)",
    ] {
        assert!(
            targets.iter().any(|t| t == uri),
            "no link to {uri}: {targets:?}"
        );
    }
    let text = squash(&pdf_text(&pdf));
    // The addresses print as written (the last one breaks after its `/`).
    assert!(
        text.contains("Details at https://www.dortmund.de/migration. See also www.ils-forschung.de, and (https://example.org/"),
        "{text}"
    );
}
