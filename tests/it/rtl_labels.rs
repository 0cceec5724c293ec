//! A table or figure set in another language than the edition's (a chapter
//! not yet translated) reads in its own language from its caption line to
//! its last number: the caption label and the source label in the block's
//! words, its numbers in the block's format, a value in its title printed
//! in its format and direction in the contents, read back from the PDF
//! with word positions; numbers typed in Arabic-Indic
//! digits in TOML, read as their Latin twins.
//! Fixtures: `tests/fixtures/rtl` (French source, Arabic edition with
//! Arabic-Indic digits) and `tests/fixtures/tables` made Arabic-source.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

/// A word as it is read, without direction marks (words come in logical
/// order).
fn as_read(word: &str) -> String {
    word.chars()
        .filter(|c| !('\u{202a}'..='\u{202e}').contains(c))
        .collect()
}

/// The words of the line that holds the word `first` (as read), in the
/// order they stand from left to right, as read.
fn line_of(pages: &[Page], first: &str) -> Vec<String> {
    for page in pages {
        let Some(word) = page.words.iter().find(|w| as_read(&w.text) == first) else {
            continue;
        };
        let mut line: Vec<&Word> = page
            .words
            .iter()
            .filter(|w| (w.y0 - word.y0).abs() < 3.0)
            .collect();
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        return line.iter().map(|w| as_read(&w.text)).collect();
    }
    panic!("no word {first:?} in the PDF");
}

/// The `rtl` fixture with a French-only table (caption, source, a label
/// and a number) placed in its French chapter `history`, which the Arabic
/// edition prints untranslated; built, or panics with the messages.
fn french_table_in_arabic_edition() -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("rtl");
    fs::write(
        dir.join("tables/francais.toml"),
        r#"number = "table"
caption = { fr = "Quartiers anciens" }
source = { fr = "Recensement municipal" }
columns = [{ id = "quartier" }, { id = "habitants", align = "end" }]

[[rows]]
cells = [{ fr = "Bab-Bhar" }, 1882]
"#,
    )
    .unwrap();
    append_to_file(&dir.join("text/fr/history.md"), "\n{{table:francais}}\n");
    build(&dir);
    (tmp, dir)
}

/// The `tables` fixture with Arabic as its source language, an
/// Arabic-only table placed in its chapter `balance`, and the English
/// chapter `balance` removed: the English edition prints the Arabic
/// chapter and its table.
fn arabic_table_in_english_edition() -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("tables");
    replace_in_file(
        &dir.join("profile.toml"),
        "languages = [\"en\", \"ar\"]",
        "languages = [\"en\", \"ar\"]\nsource_language = \"ar\"",
    );
    fs::remove_file(dir.join("text/en/balance.md")).unwrap();
    fs::write(
        dir.join("tables/wafidun.toml"),
        r#"number = "table"
caption = { ar = "الوافدون الجدد" }
source = { ar = "المكتب البلدي" }
columns = [{ id = "fia" }, { id = "adad", align = "end" }]

[[rows]]
cells = [{ ar = "المدينة العتيقة" }, 1882]
"#,
    )
    .unwrap();
    append_to_file(&dir.join("text/ar/balance.md"), "\n{{table:wafidun}}\n");
    build(&dir);
    (tmp, dir)
}

/// Builds the profile in `dir` into `dir/out`; panics with the messages
/// if the build fails.
fn build(dir: &Path) {
    let run = cityprofile(dir, &["build", ".", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn a_french_table_in_an_arabic_edition_has_a_french_caption_line_and_source_line() {
    let (_tmp, dir) = french_table_in_arabic_edition();
    let pages = bbox_pages(&dir.join("out/rtlcity-ar.pdf"));
    // The overview table of the introduction is table 1; the French
    // table is the edition's table 2, numbered in French digits, its
    // label in French, all read left to right.
    let caption = line_of(&pages, "Quartiers");
    assert_eq!(caption, ["Tableau", "2", ":", "Quartiers", "anciens"]);
    let source = line_of(&pages, "Recensement");
    assert_eq!(source, ["Source", ":", "Recensement", "municipal"]);
}

#[test]
fn an_arabic_table_in_an_english_edition_has_an_arabic_caption_line_and_source_line() {
    let (_tmp, dir) = arabic_table_in_english_edition();
    let pages = bbox_pages(&dir.join("out/tablecity-en.pdf"));
    // Read right to left: the Arabic label, the number in the Arabic
    // edition's digits, the colon, the caption. Two numbered tables come
    // before it (`categories` and `balance`; `districts` has no number),
    // so it is the edition's third.
    let mut caption = line_of(&pages, "الوافدون");
    caption.reverse();
    assert_eq!(caption.concat(), "الجدول٣:الوافدونالجدد", "{caption:?}");
    let mut source = line_of(&pages, "البلدي");
    source.reverse();
    assert_eq!(source.concat(), "المصدر:المكتبالبلدي", "{source:?}");
}

#[test]
fn numbers_of_a_french_block_in_an_arabic_edition_are_written_as_french_writes_them() {
    // The French chapter `history`, printed untranslated in the Arabic
    // edition (Arabic-Indic digits), quotes a value, places a French table
    // whose caption quotes it too, and a French chart of that table with
    // its values printed: every number of the chapter is French, `603 600`
    // and `1 882`, none in the edition's `٦٠٣٬٦٠٠`.
    let (_tmp, dir) = fixture_copy("rtl");
    fs::write(
        dir.join("tables/quartiers.toml"),
        r#"number = "table"
caption = { fr = "Quartiers sur {{population.total}} habitants" }
columns = [{ id = "quartier" }, { id = "habitants", align = "end" }]

[[rows]]
cells = [{ fr = "Bab-Bhar" }, 1882]

[[rows]]
cells = [{ fr = "Médina" }, 2745]
"#,
    )
    .unwrap();
    fs::create_dir_all(dir.join("figures")).unwrap();
    fs::write(
        dir.join("figures/quartiers-graphique.toml"),
        r#"kind = "chart"
caption = { fr = "Habitants des quartiers" }
alt = { fr = "Barres : la Médina compte plus d'habitants que Bab-Bhar.", ar = "أعمدة: في المدينة سكان أكثر من باب بحر." }

[chart]
type = "bar"
table = "quartiers"
labels = "quartier"
series = [{ column = "habitants" }]
value_labels = true
"#,
    )
    .unwrap();
    append_to_file(
        &dir.join("text/fr/history.md"),
        "\nLa ville compte {{population.total}} habitants.\n\n{{table:quartiers}}\n\n{{figure:quartiers-graphique}}\n",
    );
    build(&dir);
    let text = squash(&pdf_text(&dir.join("out/rtlcity-ar.pdf")));
    // French groups digits with a narrow no-break space (white space to
    // `squash`), as the French edition reads.
    for quoted in [
        "compte 603 600 habitants",
        "Quartiers sur 603 600 habitants",
        "Bab-Bhar 1 882",
        "Médina 2 745",
    ] {
        assert!(text.contains(quoted), "{quoted:?} in {text}");
    }
    // The chart's value labels, set over it as text, and its axis.
    assert_eq!(
        text.matches("1 882").count(),
        2,
        "in the table and the chart: {text}"
    );
    assert!(text.contains("0 1 000 2 000 3 000"), "{text}");
    // The Arabic chapter `intro` keeps the edition's digits.
    assert!(text.contains("٦٠٣٬٦٠٠"), "{text}");
}

#[test]
fn values_in_the_titles_of_an_arabic_chapter_read_right_to_left_in_english_contents() {
    // The Arabic chapter `balance`, printed untranslated in the English
    // edition, has a value at the start of its title and of a section
    // title: in the contents each title reads right to left with its value
    // in Arabic digits first (rightmost), and the entry keeps the English
    // layout, page number at the right.
    let (_tmp, dir) = fixture_copy("tables");
    replace_in_file(
        &dir.join("profile.toml"),
        "languages = [\"en\", \"ar\"]",
        "languages = [\"en\", \"ar\"]\nsource_language = \"ar\"",
    );
    fs::remove_file(dir.join("text/en/balance.md")).unwrap();
    fs::write(
        dir.join("values.toml"),
        "[population]\ntotal = 603600\nshare = { value = 10.1, unit = \"percent\" }\n",
    )
    .unwrap();
    replace_in_file(
        &dir.join("text/ar/balance.md"),
        "# توازن\n",
        "# {{population.total}} نسمة\n\n## {{population.share}} من السكان\n",
    );
    build(&dir);
    let pages = bbox_pages(&dir.join("out/tablecity-en.pdf"));
    let contents = &pages[1..2];
    let chapter = line_of(contents, "نسمة");
    assert_eq!(
        chapter.first().map(String::as_str),
        Some("2."),
        "{chapter:?}"
    );
    // The words between the number and the page number, leader dots left
    // out.
    let title: Vec<&str> = chapter[1..chapter.len() - 1]
        .iter()
        .map(String::as_str)
        .filter(|w| !w.trim().starts_with('.'))
        .collect();
    assert_eq!(title, ["نسمة", "٦٠٣٬٦٠٠"], "{chapter:?}");
    assert!(
        chapter.last().unwrap().ends_with('8'),
        "page number at the right: {chapter:?}"
    );
    let section = line_of(contents, "السكان");
    let title: Vec<&str> = section[..section.len() - 1]
        .iter()
        .map(String::as_str)
        .filter(|w| !w.trim().starts_with('.'))
        .collect();
    assert_eq!(title, ["السكان", "من", "٪", "١٠٫١"], "{section:?}");
    assert!(
        section.last().unwrap().ends_with('9'),
        "page number at the right: {section:?}"
    );
}

/// The `rtl` fixture with `values.toml` and a table holding `numbers`
/// (TOML values, in the order total, share, rounded, persian), quoted in
/// the French introduction; built, or panics with the messages.
fn with_numbers(numbers: [&str; 4]) -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("rtl");
    let [total, share, rounded, persian] = numbers;
    fs::write(
        dir.join("values.toml"),
        format!("[population]\ntotal = {total}\nshare = {share}\nrounded = {rounded}\npersian = {persian}\n"),
    )
    .unwrap();
    fs::write(
        dir.join("tables/chiffres.toml"),
        format!(
            "number = \"table\"\ncaption = {{ fr = \"Chiffres\", ar = \"أرقام\" }}\ncolumns = [{{ id = \"a\" }}, {{ id = \"b\" }}]\n\n[[rows]]\ncells = [{total}, {share}]\n\n[[rows]]\ncells = [{rounded}, {{ lines = [{persian}] }}]\n"
        ),
    )
    .unwrap();
    append_to_file(
        &dir.join("text/fr/history.md"),
        "\n{{population.total}}, {{population.share}}, {{population.rounded}}, {{population.persian}}.\n\n{{table:chiffres}}\n",
    );
    build(&dir);
    (tmp, dir)
}

#[test]
fn numbers_typed_in_arabic_indic_digits_in_toml_build_as_their_latin_twins() {
    let (_latin_tmp, latin) = with_numbers([
        "603600",
        "{ value = 41.5, unit = \"percent\" }",
        "{ value = 41.0, unit = \"percent\" }",
        "552511",
    ]);
    let (_arabic_tmp, arabic) =
        with_numbers(["\"٦٠٣٬٦٠٠\"", "\"٤١٫٥٪\"", "\"٤١٫٠٪\"", "\"۵۵۲٬۵۱۱\""]);
    for pdf in ["out/rtlcity-fr.pdf", "out/rtlcity-ar.pdf"] {
        let (want, got) = (pdf_text(&latin.join(pdf)), pdf_text(&arabic.join(pdf)));
        assert_eq!(want, got, "{pdf}");
        // What both print, so that an equal failure cannot pass.
        assert!(squash(&got).contains("41,0"), "{pdf}: {got}");
    }
}

#[test]
fn a_number_in_arabic_indic_digits_that_breaks_the_grouping_is_an_error_at_its_place() {
    let (_tmp, dir) = fixture_copy("rtl");
    append_to_file(&dir.join("values.toml"), "wrong = \"٥٥٢٬٥١\"\n");
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        reports_at(&err, "values.toml:4:9", "\"٥٥٢٬٥١\" is not a number in Arabic-Indic digits: the grouping separator ٬ stands between groups of three digits"),
        "{err}"
    );
}
