//! Numbers inside right-to-left editions, read back from the PDFs with word
//! positions: a label of Latin digits with a sign or comparison at one end
//! (`65+`, `<5`, `+3.5%`) reads as typed in chart category labels, legends
//! and table cells, in the sample profile and the `charts` fixture; a text
//! written once for every edition that is an Arabic sentence prints its
//! numbers in the edition's digits, like a translated Arabic sentence.

use std::fs;
use std::path::Path;

use crate::common::*;

/// The words of the pages of `pdf` that hold the word `text`, as read.
fn words_of_pages_with(pages: &[Page], text: &str) -> Vec<String> {
    pages
        .iter()
        .filter(|p| p.words.iter().any(|w| w.text == text))
        .flat_map(|p| p.words.iter().map(|w| w.text.clone()))
        .collect()
}

/// Words that read a label's sign on the wrong side of its digits: a
/// trailing `+`, `%+` or comparison before, or a leading one after.
fn reversed(word: &str) -> bool {
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    (word.starts_with('+') && word.len() > 1 && !word.contains('.'))
        || word.ends_with("%+")
        || (word.ends_with(['<', '>']) && digit(word.chars().next()))
}

#[test]
fn the_age_group_65_plus_reads_as_typed_in_the_arabic_sample_chart() {
    let pages = bbox_pages(&dortmund().pdf("dortmund-ar"));
    let page = pages
        .iter()
        .find(|p| p.words.iter().any(|w| w.text == "40–65"))
        .expect("the age chart of the Arabic edition");
    let words: Vec<&str> = page.words.iter().map(|w| w.text.as_str()).collect();
    assert!(words.contains(&"65+"), "{words:?}");
    assert!(!words.iter().any(|w| reversed(w)), "{words:?}");
}

/// The `charts` fixture in Latin digits with a chart and its table whose
/// category labels and legend entries are numbers with signs: the words of
/// the Arabic edition.
fn signed_labels_in_arabic() -> Vec<Page> {
    let (_tmp, dir) = fixture_copy("charts");
    replace_in_file(
        &dir.join("profile.toml"),
        "languages = [\"en\", \"ar\"]",
        "languages = [\"en\", \"ar\"]\ndigits = { ar = \"latn\" }",
    );
    fs::write(
        dir.join("tables/groups.toml"),
        r#"number = "table"
caption = { en = "Groups", ar = "الفئات" }
source = "Test Office, 2024"
columns = [{ id = "group" }, { id = "men", align = "end" }, { id = "women", align = "end" }]
head = [["", { text = { en = "Men", ar = "65+" } }, { text = { en = "Women", ar = "<5" } }]]

[[rows]]
cells = ["<5", 120, 130]
[[rows]]
cells = ["65+", 80, 95]
[[rows]]
cells = ["+3.5%", 40, 45]
"#,
    )
    .unwrap();
    fs::write(
        dir.join("figures/groups.toml"),
        r#"kind = "chart"
caption = { en = "Groups, Chartcity, 2024", ar = "الفئات، تشارتسيتي، 2024" }
source = "Test Office, 2024"
alt = { en = "Bar chart of three groups.", ar = "مخطط أعمدة لثلاث فئات." }

[chart]
type = "bar"
table = "groups"
labels = "group"
series = [
  { column = "men", label = { en = "Men", ar = "65+" } },
  { column = "women", label = { en = "Women", ar = "<5" } },
]
"#,
    )
    .unwrap();
    append_to_file(
        &dir.join("text/ar/intro.md"),
        "\n{{figure:groups}}\n\n{{table:groups}}\n",
    );
    append_to_file(
        &dir.join("text/en/intro.md"),
        "\n{{figure:groups}}\n\n{{table:groups}}\n",
    );
    let run = cityprofile(&dir, &["build", ".", "--lang", "ar", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    bbox_pages(&dir.join("out/chartcity-ar.pdf"))
}

#[test]
fn labels_of_latin_digits_with_signs_read_as_typed_in_charts_and_tables() {
    let pages = signed_labels_in_arabic();
    let words = words_of_pages_with(&pages, "+3.5%");
    let count = |text: &str| words.iter().filter(|w| *w == text).count();
    // Category labels, legend entries, table cells and column heads.
    assert!(count("65+") >= 4, "{words:?}");
    assert!(count("<5") >= 4, "{words:?}");
    assert!(count("+3.5%") >= 2, "{words:?}");
    assert!(!words.iter().any(|w| reversed(w)), "{words:?}");
}

/// The `tables` fixture (Arabic-Indic digits in its Arabic edition) with a
/// table source written once for every edition: an Arabic sentence with a
/// year and a Latin name with its own year.
fn neutral_arabic_source(dir: &Path) -> Vec<Page> {
    replace_in_file(
        &dir.join("tables/categories.toml"),
        "source = \"Test Office, 2021\"",
        "source = \"المكتب الوطني للإحصاء، تعداد 2021، وتقرير BAMF 2014\"",
    );
    let run = cityprofile(dir, &["build", ".", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    bbox_pages(&dir.join("out/tablecity-ar.pdf"))
}

#[test]
fn a_neutral_arabic_sentence_takes_the_edition_digits() {
    let (_tmp, dir) = fixture_copy("tables");
    let pages = neutral_arabic_source(&dir);
    let words = words_of_pages_with(&pages, "للإحصاء،");
    // The sentence's year in the edition's digits, the Latin name's as
    // typed.
    assert!(words.iter().any(|w| w.contains("٢٠٢١")), "{words:?}");
    assert!(!words.iter().any(|w| w.contains("2021")), "{words:?}");
    assert!(words.iter().any(|w| w == "2014"), "{words:?}");
    // The English edition (Latin digits) prints it as typed.
    let english = pdf_text(&dir.join("out/tablecity-en.pdf"));
    assert!(english.contains("2021"), "{english}");
    assert!(!english.contains('٢'), "{english}");
}
