//! Chapters written in another language than the edition's, down to their
//! smallest blocks: a pipe table's caption written with the source
//! language's own word (`Tabelle:`, `جدول:`), read by the build and offered
//! by the PO export as a caption; the legend of missing-value marks under a
//! table, in the table's language and direction; the contents entry of a
//! chapter printed in the other direction (title in its own direction, page
//! number on the edition's end side); the "not available" frame of a
//! figure in the figure's language and direction, its full stop at its end.
//! Fixtures: `tests/fixtures/bilingual` made German-source,
//! `tests/fixtures/tables` made Arabic-source (its English edition prints
//! the Arabic chapter `balance` untranslated).

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
use cityprofile::translate::po::Catalog;

/// The `tables` fixture with Arabic as its source language, and its
/// English chapter `balance` removed: the English edition prints the
/// Arabic chapter.
fn arabic_source() -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("tables");
    replace_in_file(
        &dir.join("profile.toml"),
        "languages = [\"en\", \"ar\"]",
        "languages = [\"en\", \"ar\"]\nsource_language = \"ar\"",
    );
    fs::remove_file(dir.join("text/en/balance.md")).unwrap();
    (tmp, dir)
}

/// The `bilingual` fixture with German as its source language.
fn german_source() -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("bilingual");
    replace_in_file(
        &dir.join("profile.toml"),
        "languages = [\"en\", \"de\"]",
        "languages = [\"en\", \"de\"]\nsource_language = \"de\"",
    );
    fs::copy(
        dir.join("text/en/sources.md"),
        dir.join("text/de/sources.md"),
    )
    .unwrap();
    (tmp, dir)
}

/// Builds the profile in `dir` into `dir/out`; panics with the messages
/// if the build fails.
fn build(dir: &Path) {
    let run = cityprofile(dir, &["build", ".", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
}

/// `translate export` of `lang` into `po` in the profile, read back.
fn exported(dir: &Path, lang: &str, po: &Path) -> Catalog {
    export_catalog(dir, lang, po);
    Catalog::parse(po, &fs::read_to_string(po).unwrap()).unwrap()
}

/// The text of a PDF without invisible direction marks and isolates, its
/// white space squashed.
fn visible_text(pdf: &Path) -> String {
    squash(&pdf_text(pdf))
        .chars()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// A word as it is read, without direction marks (words come in logical
/// order).
fn as_read(word: &str) -> String {
    word.chars()
        .filter(|c| !('\u{202a}'..='\u{202e}').contains(c))
        .collect()
}

/// The words (as read, [`as_read`]) on the line of the last word `word` of
/// a PDF (within 3 points of its top), in the order they are drawn.
fn line_of(pdf: &Path, word: &str) -> Vec<String> {
    let pages = bbox_pages(pdf);
    let (page, found) = pages
        .iter()
        .flat_map(|p| p.words.iter().map(move |w| (p, w)))
        .rfind(|(_, w)| as_read(&w.text) == word)
        .unwrap_or_else(|| panic!("no word {word:?} in {}", pdf.display()));
    page.words
        .iter()
        .filter(|w| (w.y0 - found.y0).abs() < 3.0)
        .map(|w| as_read(&w.text))
        .collect()
}

#[test]
fn a_caption_written_with_the_german_word_is_the_tables_caption() {
    let (tmp, dir) = german_source();
    append_to_file(
        &dir.join("text/de/intro.md"),
        "\n| Stadt | Einwohner |\n| :--- | ---: |\n| Dortmund | 603609 |\n\nTabelle: Städte der Region\n",
    );
    build(&dir);
    let pdf = visible_text(&dir.join("out/testcity-de.pdf"));
    assert!(pdf.contains("Tabelle 1: Städte der Region"), "{pdf}");
    assert!(!pdf.contains("Tabelle: Städte"), "{pdf}");
    // The PO export offers it as a caption: a paragraph of the chapter,
    // noted for the translator with the word it starts with.
    let catalog = exported(&dir, "en", &tmp.path().join("en.po"));
    let entry = catalog
        .entries
        .iter()
        .find(|e| e.source == "Tabelle: Städte der Region")
        .expect("the caption's entry");
    assert_eq!(entry.context, "intro paragraph");
    let note = entry.note.as_deref().expect("a note for the translator");
    assert!(note.contains("keep `Tabelle:` at its start"), "{note}");
}

#[test]
fn a_caption_written_with_the_french_spacing_is_the_tables_caption() {
    let (_tmp, dir) = fixture_copy("rtl");
    append_to_file(
        &dir.join("text/fr/history.md"),
        "\n| Ville | Habitants |\n| :--- | ---: |\n| Sfax | 330440 |\n\nTableau\u{202f}: Villes de la région\n",
    );
    build(&dir);
    let pdf = visible_text(&dir.join("out/rtlcity-fr.pdf"));
    assert!(pdf.contains("Villes de la région"), "{pdf}");
    assert!(!pdf.contains("Tableau\u{202f}: Villes"), "{pdf}");
    assert!(!pdf.contains("Tableau : Villes"), "{pdf}");
}

#[test]
fn a_caption_written_with_the_arabic_word_is_the_tables_caption() {
    let (tmp, dir) = arabic_source();
    append_to_file(
        &dir.join("text/ar/balance.md"),
        "\n| المدينة | السكان |\n| :--- | ---: |\n| صفاقس | 330440 |\n\nجدول: سكان المدن\n",
    );
    build(&dir);
    // In the Arabic edition and in the English one, which prints the
    // untranslated Arabic chapter, the paragraph is the table's caption:
    // the edition's word and the table's number (3) stand on its line, the
    // word written in the chapter does not.
    for (pdf, number) in [("out/tablecity-ar.pdf", "٣"), ("out/tablecity-en.pdf", "3")] {
        let line = line_of(&dir.join(pdf), "سكان");
        assert!(line.iter().any(|w| w == "المدن"), "{pdf}: {line:?}");
        assert!(
            line.iter().any(|w| w.trim_matches(':') == number),
            "{pdf}: {line:?}"
        );
        assert!(
            line.iter().all(|w| w.trim_matches(':') != "جدول"),
            "{pdf}: {line:?}"
        );
    }
    let catalog = exported(&dir, "en", &tmp.path().join("en.po"));
    let entry = catalog
        .entries
        .iter()
        .find(|e| e.source == "جدول: سكان المدن")
        .expect("the caption's entry");
    assert_eq!(entry.context, "balance paragraph");
    let note = entry.note.as_deref().expect("a note for the translator");
    assert!(note.contains("keep `جدول:` at its start"), "{note}");
}

/// The `rtl` fixture (French source, Arabic edition) with two CSV tables
/// whose cells carry missing-value marks with meanings: `marks`, with
/// Arabic texts, in the Arabic introduction, and `marques`, with French
/// texts only, in the French chapter `history` the Arabic edition prints
/// untranslated.
fn tables_with_marks() -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("rtl");
    fs::create_dir_all(dir.join("data")).unwrap();
    let csv = "id;pays;n\nsyrie;Syrie;-\nirak;Irak;x\nliban;Liban;.\ntunisie;Tunisie;12\n";
    fs::write(dir.join("data/marks.csv"), csv).unwrap();
    let table = |caption: &str, country: &str, number: &str| {
        format!(
            r#"number = "table"
caption = {caption}
columns = [{{ id = "pays" }}, {{ id = "n", align = "end" }}]
head = [[{{ text = {country} }}, {{ text = {number} }}]]

[csv]
file = "data/marks.csv"
locale = "fr"
delimiter = ";"
id = "id"
missing = {{ "-" = "nothing", "." = "unknown", "x" = "secret" }}
columns = [{{ from = "pays" }}, {{ from = "n", kind = "number" }}]
"#
        )
    };
    fs::write(
        dir.join("tables/marks.toml"),
        table(
            r#"{ fr = "Valeurs manquantes", ar = "قيم مفقودة" }"#,
            r#"{ fr = "Pays", ar = "البلد" }"#,
            r#"{ fr = "Nombre", ar = "العدد" }"#,
        ),
    )
    .unwrap();
    fs::write(
        dir.join("tables/marques.toml"),
        table(
            r#"{ fr = "Marques" }"#,
            r#"{ fr = "Pays" }"#,
            r#"{ fr = "Nombre" }"#,
        ),
    )
    .unwrap();
    append_to_file(&dir.join("text/ar/intro.md"), "\n{{table:marks}}\n");
    append_to_file(&dir.join("text/fr/history.md"), "\n{{table:marques}}\n");
    build(&dir);
    (tmp, dir)
}

/// The left edge of the first word of `page` whose text (as read)
/// contains `part`.
fn x_of(page: &Page, part: &str) -> f64 {
    page.words
        .iter()
        .find(|w| as_read(&w.text).contains(part))
        .unwrap_or_else(|| panic!("no word with {part:?}: {}", page.text()))
        .x0
}

#[test]
fn the_legend_of_an_arabic_table_runs_right_to_left_with_the_arabic_semicolon() {
    let (_tmp, dir) = tables_with_marks();
    let pages = bbox_pages(&dir.join("out/rtlcity-ar.pdf"));
    let page = pages
        .iter()
        .find(|p| p.words.iter().any(|w| as_read(&w.text).contains("معروف")))
        .expect("the page of the Arabic table");
    // Right to left: nothing (–), then unknown (.), then secret (x).
    let (nothing, unknown, secret) = (x_of(page, "شيء"), x_of(page, "معروف"), x_of(page, "سري"));
    assert!(
        nothing > unknown && unknown > secret,
        "{nothing} {unknown} {secret}: {}",
        page.text()
    );
    let legend = line_of(&dir.join("out/rtlcity-ar.pdf"), "سري").join(" ");
    assert_eq!(legend.matches('\u{061b}').count(), 2, "{legend}");
    assert!(!legend.contains(';'), "{legend}");
}

#[test]
fn the_legend_of_a_french_table_in_an_arabic_edition_runs_left_to_right_in_french() {
    let (_tmp, dir) = tables_with_marks();
    let pdf = dir.join("out/rtlcity-ar.pdf");
    let pages = bbox_pages(&pdf);
    let page = pages
        .iter()
        .find(|p| p.words.iter().any(|w| w.text == "néant"))
        .expect("the page of the French table");
    let (nothing, unknown, secret) = (
        x_of(page, "néant"),
        x_of(page, "inconnue"),
        x_of(page, "statistique"),
    );
    assert!(
        nothing < unknown && unknown < secret,
        "{nothing} {unknown} {secret}: {}",
        page.text()
    );
    let legend = line_of(&pdf, "néant").join(" ");
    assert!(
        legend.contains("zéro);") && legend.contains("inconnue;"),
        "{legend}"
    );
    assert!(!legend.contains('\u{061b}'), "{legend}");
}

/// For each entry of the contents (page 2, a line with leader dots): the
/// left edge of its page number and the left and right edges of its title
/// (its words with letters).
fn contents_entries(pdf: &Path) -> Vec<(f64, f64, f64)> {
    let pages = bbox_pages(pdf);
    let page = &pages[1];
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for word in &page.words {
        match lines.iter_mut().find(|l| (l[0].y0 - word.y0).abs() < 3.0) {
            Some(line) => line.push(word),
            None => lines.push(vec![word]),
        }
    }
    let mut entries = Vec::new();
    for line in lines
        .iter()
        .filter(|l| l.iter().filter(|w| w.text == ".").count() > 5)
    {
        let number = |w: &&&Word| {
            let digits = w
                .text
                .trim_matches(|c: char| c == '.' || c.is_whitespace() || c == '\u{2060}');
            !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
                && !w.text.ends_with('.')
        };
        let title: Vec<&&Word> = line
            .iter()
            .filter(|w| w.text.chars().any(char::is_alphabetic))
            .collect();
        assert!(!title.is_empty(), "no title: {line:?}");
        let left = title.iter().map(|w| w.x0).fold(f64::INFINITY, f64::min);
        let right = title.iter().map(|w| w.x1).fold(f64::NEG_INFINITY, f64::max);
        // The page number ends the leader: of the numbers on the line (the
        // chapter's number stands next to its title), the farthest from
        // the title.
        let middle = (left + right) / 2.0;
        let page_number = line
            .iter()
            .filter(number)
            .max_by(|a, b| {
                let distance = |w: &&&Word| ((w.x0 + w.x1) / 2.0 - middle).abs();
                distance(a).total_cmp(&distance(b))
            })
            .unwrap_or_else(|| panic!("no page number: {line:?}"));
        entries.push((page_number.x0, left, right));
    }
    entries
}

#[test]
fn in_an_arabic_edition_every_page_number_of_the_contents_is_left_of_its_title() {
    // Latin digits: a page number then reads like the French title's own.
    let (_tmp, dir) = fixture_copy("rtl");
    replace_in_file(
        &dir.join("profile.toml"),
        "digits = { ar = \"arab\" }",
        "digits = { ar = \"latn\" }",
    );
    build(&dir);
    let entries = contents_entries(&dir.join("out/rtlcity-ar.pdf"));
    // Three chapters, the French one with a section.
    assert_eq!(entries.len(), 4, "{entries:?}");
    for (page_number, title_left, _) in entries {
        assert!(page_number < title_left, "{page_number} {title_left}");
    }
}

#[test]
fn in_an_english_edition_the_page_number_of_an_arabic_chapter_is_right_of_its_title() {
    let (_tmp, dir) = arabic_source();
    build(&dir);
    let entries = contents_entries(&dir.join("out/tablecity-en.pdf"));
    assert_eq!(entries.len(), 2, "{entries:?}");
    for (page_number, _, title_right) in entries {
        assert!(page_number > title_right, "{page_number} {title_right}");
    }
}

/// Adds `figures/lost.toml`, a chart whose content is not available, with
/// `caption`, placed at the end of `chapter` (a path under `text/`).
fn add_lost_figure(dir: &Path, caption: &str, chapter: &str) {
    fs::create_dir_all(dir.join("figures")).unwrap();
    fs::write(
        dir.join("figures/lost.toml"),
        format!("kind = \"chart\"\nstatus = \"unavailable\"\ncaption = {caption}\n"),
    )
    .unwrap();
    append_to_file(&dir.join("text").join(chapter), "\n{{figure:lost}}\n");
}

/// The words (as read) of the line of the first word that reads `word`,
/// sorted from left to right.
fn sorted_line(pdf: &Path, word: &str) -> Vec<String> {
    let pages = bbox_pages(pdf);
    let (page, found) = pages
        .iter()
        .flat_map(|p| p.words.iter().map(move |w| (p, w)))
        .find(|(_, w)| as_read(&w.text) == word)
        .unwrap_or_else(|| panic!("no word {word:?} in {}", pdf.display()));
    let mut line: Vec<&Word> = page
        .words
        .iter()
        .filter(|w| (w.y0 - found.y0).abs() < 3.0)
        .collect();
    line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    line.iter().map(|w| as_read(&w.text)).collect()
}

#[test]
fn the_frame_of_a_french_figure_in_an_arabic_edition_is_french_with_its_full_stop_last() {
    let (_tmp, dir) = fixture_copy("rtl");
    add_lost_figure(&dir, r#"{ fr = "Une figure perdue" }"#, "fr/history.md");
    build(&dir);
    let pdf = dir.join("out/rtlcity-ar.pdf");
    let title = sorted_line(&pdf, "Données");
    let at = |w: &str| title.iter().position(|x| x == w);
    assert!(
        at("Données") < at("non") && at("non") < at("disponibles"),
        "{title:?}"
    );
    // The sentence ends at the right with its full stop.
    let end = sorted_line(&pdf, "édition.");
    assert_eq!(end.last().map(String::as_str), Some("édition."), "{end:?}");
}

#[test]
fn the_frame_of_an_arabic_figure_in_an_english_edition_is_arabic_with_its_full_stop_last() {
    let (_tmp, dir) = arabic_source();
    add_lost_figure(&dir, r#"{ ar = "شكل مفقود" }"#, "ar/balance.md");
    build(&dir);
    let pdf = dir.join("out/tablecity-en.pdf");
    // Right to left: the sentence ends at the left with its full stop.
    let end = sorted_line(&pdf, "النسخة.");
    assert_eq!(end.first().map(String::as_str), Some("النسخة."), "{end:?}");
    let title = sorted_line(&pdf, "البيانات");
    assert!(!title.iter().any(|w| w == "Data"), "{title:?}");
}
