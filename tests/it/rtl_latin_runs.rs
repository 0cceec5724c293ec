//! Latin inside Arabic, wherever it stands, read back with word positions:
//! an author-year citation stays whole (also in a `{lang=en}` span), an
//! address keeps its final slash, a name that opens with a number keeps its
//! order, a range reads left to right whatever its dash, a Latin cell of an
//! Arabic table stands at the column's start, beside its row, when it and
//! the column's other Latin cells are one line and starts its lines at the
//! left when one of them takes several, an Arabic lettered list is lettered
//! أ) ب), the numbers of Arabic sentences take the edition's digits, and the
//! component boxes of a new profile keep their own language's order.
//! Fixtures: `tests/fixtures/sfax` (French source, Arabic edition in Latin
//! digits), `tests/fixtures/tables` (Arabic edition in Arabic-Indic digits),
//! a new profile from `cityprofile new`.

use std::path::Path;
use std::sync::OnceLock;

use crate::common::*;

/// Builds the edition `lang` of the profile in `dir` into `dir/out`; panics with the messages
/// if the build fails.
fn build(dir: &Path, lang: &str) {
    let run = cityprofile(dir, &["build", ".", "--lang", lang, "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
}

/// The words on the line of the first word that reads `first`, left to
/// right.
fn line_with<'p>(pages: &'p [Page], first: &str) -> Vec<&'p Word> {
    let (page, anchor) = pages
        .iter()
        .find_map(|p| p.words.iter().find(|w| w.text == first).map(|w| (p, w)))
        .unwrap_or_else(|| panic!("no word `{first}`"));
    // Arabic and Latin glyphs have boxes of different heights: a line's
    // words share their vertical middle.
    let middle = |w: &Word| (w.y0 + w.y1) / 2.0;
    let mut line: Vec<&Word> = page
        .words
        .iter()
        .filter(|w| (middle(w) - middle(anchor)).abs() < 3.0)
        .collect();
    line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    line
}

/// The position on its line of the word that reads `text`.
fn at(line: &[&Word], text: &str) -> usize {
    line.iter()
        .position(|w| w.text == text)
        .unwrap_or_else(|| panic!("no `{text}` in {:?}", texts(line)))
}

fn texts<'w>(line: &[&'w Word]) -> Vec<&'w str> {
    line.iter().map(|w| w.text.as_str()).collect()
}

/// The Arabic passage of Latin runs added to an Arabic chapter of `sfax`.
const LATIN_RUNS: &str = "
يشير Saliba, S. (2018) إلى تجربة المدينة.

وكتب [Dabbour, K. (2019)]{lang=en} عن المدينة.

الرابط: https://alghad.com/ في نهاية السطر.

انضمت المدينة إلى شبكة 100 Resilient Cities في عام 2014.

الفئة العمرية 0–6 سنوات والفئة 18-40 سنة.

- a) عنصر
- b) مكون

| المدينة | المصدر |
|---|---|
| صفاقس | INS |
| تونس | المعهد الوطني للإحصاء |

| المدينة | المصدر |
|---|---|
| قابس | Institut National de la Statistique, Recensement général de la population et de l'habitat, résultats détaillés par gouvernorat et par délégation, volume deux |
| مدنين | INS |
| قفصة | المعهد الوطني للإحصاء، التعداد العام |
";

/// The word pages of the Arabic edition (Latin digits) of the `sfax`
/// fixture with [`LATIN_RUNS`] at the end of an Arabic chapter, built once
/// for the run; and its text, line by line.
fn sfax_with_latin_runs() -> &'static (Vec<Page>, String) {
    static BUILT: OnceLock<(Vec<Page>, String)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = run_folder("sfax-latin-runs");
        copy_dir(&repo_root().join("tests/fixtures/sfax"), &dir);
        append_to_file(&dir.join("text/ar/situation-migratoire.md"), LATIN_RUNS);
        let run = cityprofile(&dir, &["build", ".", "--lang", "ar", "--out", "out"]);
        assert!(run.status.success(), "{}", stderr(&run));
        let pdf = dir.join("out/sfax-ar.pdf");
        (bbox_pages(&pdf), pdf_text(&pdf))
    })
}

#[test]
fn latin_runs_in_an_arabic_paragraph_keep_their_order() {
    let pages = &sfax_with_latin_runs().0;
    // The citation reads left to right with its year at its end, also in a
    // language span.
    let line = line_with(pages, "Saliba,");
    assert!(
        at(&line, "Saliba,") + 1 == at(&line, "S.") && at(&line, "S.") + 1 == at(&line, "(2018)"),
        "{:?}",
        texts(&line)
    );
    let line = line_with(pages, "Dabbour,");
    assert!(
        at(&line, "Dabbour,") + 1 == at(&line, "K.") && at(&line, "K.") + 1 == at(&line, "(2019)"),
        "{:?}",
        texts(&line)
    );
    // The name that opens with a number.
    let line = line_with(pages, "Resilient");
    assert!(
        at(&line, "100") + 1 == at(&line, "Resilient")
            && at(&line, "Resilient") + 1 == at(&line, "Cities"),
        "{:?}",
        texts(&line)
    );
}

#[test]
fn an_address_in_an_arabic_paragraph_keeps_its_final_slash() {
    let pages = &sfax_with_latin_runs().0;
    let words: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.words.iter())
        .map(|w| w.text.as_str())
        .filter(|w| w.contains("alghad"))
        .collect();
    assert_eq!(words, ["https://alghad.com/"]);
}

#[test]
fn ranges_in_latin_digits_read_left_to_right_whatever_their_dash() {
    let pages = &sfax_with_latin_runs().0;
    let line = line_with(pages, "0–6");
    assert!(line.iter().any(|w| w.text == "18-40"), "{:?}", texts(&line));
    assert!(
        !line.iter().any(|w| w.text == "6–0" || w.text == "40-18"),
        "{:?}",
        texts(&line)
    );
}

#[test]
fn a_latin_cell_of_an_arabic_table_stands_by_its_row_or_starts_at_the_left() {
    let pages = &sfax_with_latin_runs().0;
    let page = pages
        .iter()
        .find(|p| p.words.iter().any(|w| w.text == "INS"))
        .expect("the table");
    let latin = page.words.iter().find(|w| w.text == "INS").unwrap();
    let row = |w: &&Word, top: f64| w.y0 > top - 3.0 && w.y0 < top + 3.0;
    // The other column of its row (the city), on the right.
    let city_left = page
        .words
        .iter()
        .filter(|w| row(w, latin.y0) && w.x0 > latin.x1)
        .map(|w| w.x0)
        .fold(f64::MAX, f64::min);
    // The Arabic cell under it, in the same column, flush right.
    let next_row = page
        .words
        .iter()
        .filter(|w| w.y0 > latin.y0 + 5.0 && w.x1 < city_left)
        .map(|w| w.y0)
        .fold(f64::MAX, f64::min);
    let cell: Vec<&Word> = page
        .words
        .iter()
        .filter(|w| row(w, next_row) && w.x1 < city_left)
        .collect();
    assert!(!cell.is_empty(), "no Arabic cell under `INS`");
    let arabic_left = cell.iter().map(|w| w.x0).fold(f64::MAX, f64::min);
    let arabic_right = cell.iter().map(|w| w.x1).fold(f64::MIN, f64::max);
    // One line of Latin: at the column's start, in line with the Arabic
    // cell, beside its row.
    assert!(
        (latin.x1 - arabic_right).abs() < 1.0,
        "INS at {:.1}–{:.1}, the Arabic cell under it at {arabic_left:.1}–{arabic_right:.1}",
        latin.x0,
        latin.x1
    );
    // Several lines of Latin in a column: each line of its Latin cells
    // starts at the left, as French reads, the one-line `INS` under it too;
    // the Arabic cell under them flush right.
    let first = page
        .words
        .iter()
        .find(|w| w.text == "Institut")
        .expect("the French cell");
    let city_left = page
        .words
        .iter()
        .filter(|w| row(w, first.y0) && w.x0 > first.x1)
        .map(|w| w.x0)
        .fold(f64::MIN, f64::max);
    let lines: Vec<(f64, f64)> = page
        .words
        .iter()
        .filter(|w| w.y0 > first.y0 - 3.0 && w.y0 < first.y0 + 60.0 && w.x1 < city_left - 5.0)
        .map(|w| (w.y0, w.x0))
        .collect();
    let line_start = |top: f64| {
        lines
            .iter()
            .filter(|(y, _)| (y - top).abs() < 3.0)
            .map(|(_, x)| *x)
            .fold(f64::MAX, f64::min)
    };
    let second_top = lines
        .iter()
        .map(|(y, _)| *y)
        .filter(|y| *y > first.y0 + 3.0)
        .fold(f64::MAX, f64::min);
    let ins = page
        .words
        .iter()
        .filter(|w| w.text == "INS" && w.y0 > first.y0)
        .min_by(|a, b| a.y0.total_cmp(&b.y0))
        .expect("the second INS");
    assert!(
        (line_start(second_top) - first.x0).abs() < 1.0 && (ins.x0 - first.x0).abs() < 1.0,
        "the French cell's lines start at {:.1} and {:.1}, INS under it at {:.1}",
        first.x0,
        line_start(second_top),
        ins.x0
    );
    let arabic = page
        .words
        .iter()
        .filter(|w| w.text == "العام" && w.y0 > ins.y0)
        .map(|w| w.x1)
        .next()
        .expect("the Arabic cell under INS");
    assert!(
        arabic > first.x0 + 100.0,
        "the Arabic cell ends at {arabic:.1}"
    );
}

#[test]
fn one_line_latin_cells_of_an_arabic_table_stand_beside_their_row() {
    let (_tmp, dir) = fixture_copy("tables");
    build(&dir, "ar");
    let pages = bbox_pages(&dir.join("out/tablecity-ar.pdf"));
    let word = |text: &str| {
        pages
            .iter()
            .flat_map(|p| p.words.iter())
            .find(|w| w.text == text)
            .unwrap_or_else(|| panic!("no word {text:?}"))
    };
    // The districts, in a wide column, beside the category that spans
    // their rows: at the column's right edge, not across the column.
    let district = word("S01");
    let category = word("المناطق");
    let middle = pages[0].width / 2.0;
    assert!(
        (category.y0 - district.y0).abs() < 3.0 && district.x0 > middle,
        "S01 at {:.1}–{:.1}, its category starts at {:.1}, the page's middle at {middle:.1}",
        district.x0,
        district.x1,
        category.x0
    );
    // A source name that spans rows, beside its row's number.
    let source = word("Survey");
    let number = pages
        .iter()
        .flat_map(|p| p.words.iter())
        .filter(|w| (w.y0 - source.y0).abs() < 3.0 && w.x0 > source.x1)
        .map(|w| w.x0)
        .fold(f64::MAX, f64::min);
    assert!(
        number - source.x1 < 25.0,
        "`Household Survey` ends at {:.1}, its row's number starts at {number:.1}",
        source.x1
    );
}

#[test]
fn a_lettered_list_in_arabic_is_lettered_in_arabic() {
    let pages = &sfax_with_latin_runs().0;
    // Each item's line: its marker and its words, by word positions.
    let item = |word: &str| texts(&line_with(pages, word)).join(" ");
    let (first, second) = (item("عنصر"), item("مكون"));
    assert!(
        first.contains('أ') && second.contains('ب'),
        "{first:?} {second:?}"
    );
    assert!(
        !first.contains("a)") && !second.contains("b)"),
        "{first:?} {second:?}"
    );
}

#[test]
fn numbers_of_arabic_sentences_take_the_edition_digits_latin_runs_keep_theirs() {
    // `tables` prints its Arabic edition in Arabic-Indic digits.
    let (_tmp, dir) = fixture_copy("tables");
    append_to_file(
        &dir.join("text/ar/balance.md"),
        "\nفي عام 2014 قدم BAMF 2014 تقريراً (2019).[^n]\n\n[^n]: المصدر: تقرير 2019.\n",
    );
    build(&dir, "ar");
    let pages = bbox_pages(&dir.join("out/tablecity-ar.pdf"));
    let words: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.words.iter())
        .map(|w| w.text.as_str())
        .collect();
    let line = line_with(&pages, "BAMF");
    assert!(
        at(&line, "BAMF") + 1 == at(&line, "2014"),
        "{:?}",
        texts(&line)
    );
    // The year of the sentence and those in brackets and in the note.
    assert!(words.contains(&"٢٠١٤"), "{words:?}");
    assert!(!words.iter().any(|w| w.contains("2019")), "{words:?}");
}

#[test]
fn component_boxes_of_a_new_profile_keep_their_own_order() {
    let tmp = tempdir();
    let run = cityprofile(
        tmp.path(),
        &["new", "amman", "--city", "Amman", "--lang", "ar,en"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let dir = tmp.path().join("amman");
    build(&dir, "en");
    let pages = bbox_pages(&dir.join("out/amman-en.pdf"));
    let line = line_with(&pages, "DIALOGUE");
    assert!(
        at(&line, "DIALOGUE") < at(&line, "KNOWLEDGE")
            && at(&line, "KNOWLEDGE") < at(&line, "ACTION"),
        "{:?}",
        texts(&line)
    );
    let line = line_with(&pages, "More");
    assert_eq!(
        texts(&line),
        ["More", "information", "at:"],
        "the heading of the links"
    );
}
