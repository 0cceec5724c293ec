//! Text direction and scripts in a right-to-left edition, read back from the
//! PDF with word positions: bibliographic entries in
//! Vietnamese and transliteration stay left to right, a chapter printed in
//! its source language keeps its direction and number format, values and
//! notes come out in one order, fallback fonts print other scripts, and a
//! character no font has is refused by `check` at its place.
//! Fixture: `tests/fixtures/rtl` (French source, Arabic edition with
//! Arabic-Indic digits).

use std::path::Path;

use crate::common::*;

/// A word on a page and its box, in points from the top left.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    text: String,
    x_min: f64,
    x_max: f64,
    y_min: f64,
}

/// The words of a PDF with their positions (pages counted from 1).
fn words(pdf: &Path) -> Vec<Word> {
    bbox_pages(pdf)
        .into_iter()
        .enumerate()
        .flat_map(|(index, page)| {
            page.words.into_iter().map(move |w| Word {
                page: index + 1,
                text: w.text,
                x_min: w.x0,
                x_max: w.x1,
                y_min: w.y0,
            })
        })
        .collect()
}

/// The position of the first word `text` (on `page` when given).
fn find<'a>(words: &'a [Word], text: &str, page: Option<usize>) -> &'a Word {
    words
        .iter()
        .find(|w| w.text == text && page.is_none_or(|p| w.page == p))
        .unwrap_or_else(|| panic!("no word {text:?} (page {page:?})"))
}

/// Asserts that the words of `phrase` stand on one line, from left to
/// right in their reading order, starting at the word's first occurrence.
fn assert_left_to_right(words: &[Word], phrase: &str, page: Option<usize>) -> f64 {
    let parts: Vec<&str> = phrase.split_whitespace().collect();
    let first = find(words, parts[0], page);
    let at = words.iter().position(|w| std::ptr::eq(w, first)).unwrap();
    let mut x = first.x_min;
    for (i, part) in parts.iter().enumerate().skip(1) {
        let next = words[at..]
            .iter()
            .find(|w| {
                w.text == *part && w.page == first.page && (w.y_min - first.y_min).abs() < 5.0
            })
            .unwrap_or_else(|| {
                panic!(
                    "{phrase:?}: word {i} {part:?} is not on the line of {:?}",
                    parts[0]
                )
            });
        assert!(
            next.x_min > x,
            "{phrase:?}: {part:?} at x = {} is not right of the word before it (x = {x})",
            next.x_min
        );
        x = next.x_min;
    }
    first.x_min
}

fn built_fixture() -> (TempDir, std::path::PathBuf) {
    let (tmp, dir) = fixture_copy("rtl");
    let run = cityprofile(&dir, &["build", ".", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    (tmp, dir)
}

#[test]
fn vietnamese_and_transliterated_entries_stay_left_to_right() {
    let (_tmp, dir) = built_fixture();
    let words = words(&dir.join("out/rtlcity-ar.pdf"));
    let page = find(&words, "Nguyễn,", None).page;
    for entry in [
        "Nguyễn, T. H. (2019) Di cư lao động và đô thị hóa ở Hà",
        "Ḥasan, ʿA. (2015) Al-hijra wa-al-madīna fī al-Ṣafāʾ.",
        "Cohen, D. (2018)",
        "Tesfaye, M. (2017)",
    ] {
        let start = assert_left_to_right(&words, entry, Some(page));
        // Flush left, at the text column's left edge, not at its right.
        assert!(start < 100.0, "{entry:?} starts at x = {start}");
    }
}

#[test]
fn an_untranslated_chapter_keeps_its_direction_and_number_format() {
    let (_tmp, dir) = built_fixture();
    let pdf = dir.join("out/rtlcity-ar.pdf");
    let words = words(&pdf);
    // The contents (page 2) and the body, in reading order, left to right.
    assert_left_to_right(
        &words,
        "Brève histoire (récente) des migrations en Tunisie",
        Some(2),
    );
    assert_left_to_right(
        &words,
        "BRÈVE HISTOIRE (RÉCENTE) DES MIGRATIONS EN TUNISIE",
        None,
    );
    // On its opener the title stands under its number, on the edition's
    // (right) side, though it reads left to right.
    let title = words
        .iter()
        .find(|w| w.text == "HISTOIRE" && w.page > 2)
        .expect("the opener's title");
    let number = find(&words, "٢", Some(title.page));
    assert!(
        (title.x_max - number.x_max).abs() < 2.0,
        "opener title ends at x = {}, its number at x = {}",
        title.x_max,
        number.x_max
    );
    // Its numbers as French writes them, in the Arabic edition.
    let text = squash(&pdf_text(&pdf));
    assert!(
        text.contains("10,1\u{a0}% (2019)") || text.contains("10,1 % (2019)"),
        "{text}"
    );
    assert_left_to_right(&words, "La part des étrangers est de 10,1", None);
}

#[test]
fn values_and_notes_come_out_in_one_order_with_the_arabic_percent_sign() {
    let (_tmp, dir) = built_fixture();
    let pdf = dir.join("out/rtlcity-ar.pdf");
    let words = words(&pdf);
    let total = find(&words, "٦٠٤٬٠٠٠", None);
    let share = find(&words, "١٩", Some(total.page));
    let notes: Vec<&Word> = words
        .iter()
        .filter(|w| w.page == total.page && w.text.contains("٢٠١٩"))
        .collect();
    for value in [total, share] {
        let note = notes
            .iter()
            .find(|n| (n.y_min - value.y_min).abs() < 2.0)
            .unwrap_or_else(|| panic!("no note on the line of {value:?}"));
        // Right to left: the value first (at the right), its note after it.
        assert!(note.x_max < value.x_min, "{note:?} / {value:?}");
    }
    let text = pdf_text(&pdf);
    assert!(!text.contains("١٠٫١%") && !text.contains("١٩%"), "{text}");
    let percent = words
        .iter()
        .find(|w| w.text == "٪" && (w.y_min - share.y_min).abs() < 2.0)
        .expect("a percent sign beside the share");
    assert!(percent.x_max <= share.x_min + 0.5, "{percent:?} {share:?}");
    // `3Ts` keeps its digit before its letters.
    find(&words, "3Ts", None);
}

#[test]
fn other_scripts_and_signs_print_in_fallback_fonts() {
    let (_tmp, dir) = built_fixture();
    let pdf = dir.join("out/rtlcity-ar.pdf");
    let text = pdf_text(&pdf);
    for sample in ["הגירה", "ועבודה", "የስደተኞች", "✓", "≥", "→", "∑"] {
        assert!(text.contains(sample), "{sample} missing:\n{text}");
    }
    let fonts = pdf_fonts(&pdf);
    for font in [
        "NotoSansHebrew",
        "NotoSansEthiopic",
        "NotoSansSymbols2",
        "NotoSansMath",
    ] {
        assert!(fonts.contains(font), "{font} not embedded:\n{fonts}");
    }
    // An edition that does not use them does not embed them.
    let (_tmp, plain) = fixture_copy("minimal");
    let run = cityprofile(&plain, &["build", ".", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let fonts = pdf_fonts(&plain.join("out/testcity-en.pdf"));
    assert!(!fonts.contains("NotoSansHebrew"), "{fonts}");
}

#[test]
fn a_character_no_font_has_is_refused_at_its_place() {
    for command in ["check", "build"] {
        let (_tmp, dir) = fixture_copy("rtl");
        append_to_file(
            &dir.join("text/ar/sources.md"),
            "\nWang, L. (2020) 上海的移民.\n",
        );
        replace_in_file(
            &dir.join("tables/overview.toml"),
            "ar = \"المنطقة\"",
            "ar = \"المنطقة 東\"",
        );
        let run = cityprofile(&dir, &[command, "."]);
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "{err}");
        let markdown_line = std::fs::read_to_string(dir.join("text/ar/sources.md"))
            .unwrap()
            .lines()
            .position(|l| l.starts_with("Wang"))
            .unwrap()
            + 1;
        assert!(
            err.contains(&format!("sources.md:{markdown_line}:17")),
            "{err}"
        );
        assert!(err.contains("`上海的移民` cannot be printed"), "{err}");
        assert!(err.contains("U+4E0A CJK UNIFIED IDEOGRAPH-4E0A"), "{err}");
        assert!(err.contains("tables/overview.toml:16:"), "{err}");
        assert!(err.contains("U+6771 CJK UNIFIED IDEOGRAPH-6771"), "{err}");
        assert!(err.contains("fonts"), "{err}");
        assert!(!err.contains("PDF/A"), "{err}");
    }
}

#[test]
fn contents_numbers_and_footnote_marks_as_arabic_typography_sets_them() {
    let (_tmp, dir) = built_fixture();
    let pdf = dir.join("out/rtlcity-ar.pdf");
    let words = words(&pdf);
    // Contents: the chapter number at the right edge, its dot after it in
    // reading order (to its left), then the title.
    let number = find(&words, "١", Some(2));
    let mut line: Vec<&Word> = words
        .iter()
        .filter(|w| {
            w.page == 2 && (w.y_min - number.y_min).abs() < 2.0 && !w.text.starts_with(". .")
        })
        .collect();
    line.sort_by(|a, b| b.x_max.total_cmp(&a.x_max));
    let texts: Vec<&str> = line.iter().take(3).map(|w| w.text.as_str()).collect();
    assert_eq!(texts[0], "١", "{line:?}");
    assert_eq!(texts[1], ".", "{line:?}");
    assert!(texts[2].chars().all(|c| !c.is_ascii()), "{line:?}");
    // No text, footnote marks included, is set smaller than 5.5 pt.
    let content = pdf::content_streams(&pdf);
    let sizes: Vec<f64> = content
        .split(" Tf")
        .filter_map(|before| before.rsplit(' ').next()?.parse().ok())
        .collect();
    assert!(sizes.len() > 10, "{sizes:?}");
    let smallest = sizes.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(smallest >= 5.5, "text at {smallest} pt");
}

#[test]
fn latin_words_with_emphasis_links_spans_and_line_breaks_keep_their_order_in_arabic() {
    let (_tmp, dir) = fixture_copy("rtl");
    append_to_file(
        &dir.join("text/ar/intro.md"),
        "\nأولاً [die *Stadt* **Dortmund**]{lang=de} ثم [siehe [das BAMF](https://www.bamf.de) Seite]{lang=de} في النص.\n\n\
         ثانياً Amt für *Wohnen* **Dortmund** ثم (Rat der\nStadt Bonn) في النص.\n",
    );
    let run = cityprofile(&dir, &["build", ".", "--lang", "ar", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let words = words(&dir.join("out/rtlcity-ar.pdf"));
    for phrase in [
        "die Stadt Dortmund",
        "siehe das BAMF Seite",
        "Amt für Wohnen Dortmund",
        "(Rat der Stadt Bonn)",
    ] {
        assert_left_to_right(&words, phrase, None);
    }
}

#[test]
fn an_arabic_table_caption_with_latin_words_keeps_its_text_whole() {
    let (_tmp, dir) = fixture_copy("rtl");
    append_to_file(
        &dir.join("text/ar/intro.md"),
        "\n| الاسم | العدد |\n| --- | ---: |\n| Welcome Center | 3 |\n\nTable: Welcome Center جدول المؤسسات\n",
    );
    let run = cityprofile(&dir, &["build", ".", "--lang", "ar", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let words = words(&dir.join("out/rtlcity-ar.pdf"));
    // The caption's first words, a Latin name, are not cut by the `Table:`
    // taken off the paragraph.
    assert_left_to_right(&words, "Welcome Center", None);
    let centers = words.iter().filter(|w| w.text == "Center").count();
    assert!(centers >= 2, "the caption lost its Latin words");
    assert!(!words
        .iter()
        .any(|w| w.text.starts_with("e:") || w.text.starts_with("ble:")));
}

#[test]
fn tables_and_captions_in_an_untranslated_chapter_are_set_in_their_own_direction() {
    // The French chapter `history` is printed in French in the Arabic
    // edition. It places a table translated into Arabic and one written in
    // French only: each is set in the direction of its own texts, whatever
    // the chapter around it.
    let (_tmp, dir) = fixture_copy("rtl");
    std::fs::write(
        dir.join("tables/arabe.toml"),
        r#"number = "table"
caption = { fr = "Habitants par quartier", ar = "السكان حسب الحي" }
columns = [{ id = "quartier" }, { id = "habitants", align = "end" }]

[[rows]]
cells = [{ fr = "Médina", ar = "المدينة" }, { fr = "Ancienne", ar = "قديمة" }]
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("tables/francais.toml"),
        r#"number = "table"
caption = { fr = "Quartiers anciens" }
columns = [{ id = "quartier" }, { id = "etat" }]

[[rows]]
cells = [{ fr = "Bab-Bhar" }, { fr = "Rénové" }]
"#,
    )
    .unwrap();
    append_to_file(
        &dir.join("text/fr/history.md"),
        "\n{{table:arabe}}\n\n{{table:francais}}\n",
    );
    let run = cityprofile(&dir, &["build", ".", "--out", "out", "--lang", "ar"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let words = words(&dir.join("out/rtlcity-ar.pdf"));
    // The Arabic table: its first column on the right, its caption flush
    // right.
    let first = find(&words, "المدينة", None);
    let second = find(&words, "قديمة", Some(first.page));
    assert!(
        first.x_min > second.x_max,
        "Arabic table: first column at x = {}, second ends at x = {}",
        first.x_min,
        second.x_max
    );
    let caption = find(&words, "الحي", Some(first.page));
    assert!(
        caption.x_max > 400.0,
        "Arabic caption ends at x = {}",
        caption.x_max
    );
    // The French table: its first column on the left, its caption flush
    // left, reading left to right.
    let first = find(&words, "Bab-Bhar", None);
    let second = find(&words, "Rénové", Some(first.page));
    assert!(
        first.x_max < second.x_min,
        "French table: first column ends at x = {}, second starts at x = {}",
        first.x_max,
        second.x_min
    );
    let start = assert_left_to_right(&words, "Tableau 3 : Quartiers anciens", Some(first.page));
    assert!(start < 100.0, "French caption starts at x = {start}");
}

#[test]
fn a_note_of_an_untranslated_chapter_is_set_in_its_own_direction() {
    // The French chapter `history`, printed in French in the Arabic
    // edition, has a note: at the foot of the page its number comes first,
    // on the left, and its text reads left to right from the left margin.
    let (_tmp, dir) = fixture_copy("rtl");
    append_to_file(
        &dir.join("text/fr/history.md"),
        "\nLa ville compte plusieurs quartiers anciens.[^q]\n\n[^q]: Selon recensement 2014, médina demeure très dense.\n",
    );
    let run = cityprofile(&dir, &["build", ".", "--out", "out", "--lang", "ar"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let words = words(&dir.join("out/rtlcity-ar.pdf"));
    let note = find(&words, "Selon", None);
    let start = assert_left_to_right(
        &words,
        "Selon recensement 2014, médina demeure très dense.",
        Some(note.page),
    );
    assert!(start < 100.0, "the note starts at x = {start}");
    // Its number (in the edition's digits) stands before it, on its left.
    let number = words
        .iter()
        .filter(|w| w.page == note.page && (w.y_min - note.y_min).abs() < 6.0)
        .filter(|w| w.text.chars().all(|c| ('\u{660}'..='\u{669}').contains(&c)))
        .min_by(|a, b| a.x_min.total_cmp(&b.x_min))
        .expect("the note's number on its line");
    assert!(
        number.x_max <= note.x_min + 0.5,
        "the note's number at x = {}..{}, its text from x = {}",
        number.x_min,
        number.x_max,
        note.x_min
    );
}

#[test]
fn values_quoted_in_an_untranslated_chapter_take_its_language_words() {
    // The French chapter `history`, printed in French in the Arabic
    // edition, quotes an approximate value: French writes "env." before it,
    // as the French edition does, not the English "approx." nor the Arabic
    // word.
    let (_tmp, dir) = fixture_copy("rtl");
    append_to_file(
        &dir.join("values.toml"),
        "estimate = { value = 45, unit = \"percent\", approx = true }\n",
    );
    append_to_file(
        &dir.join("text/fr/history.md"),
        "\nLa médina abrite {{population.estimate}} des habitants.\n",
    );
    let run = cityprofile(&dir, &["build", ".", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    for pdf in ["out/rtlcity-ar.pdf", "out/rtlcity-fr.pdf"] {
        let text = squash(&pdf_text(&dir.join(pdf)));
        assert!(
            text.contains("abrite env.\u{a0}45\u{a0}% des")
                || text.contains("abrite env. 45 % des"),
            "{pdf}: {text}"
        );
    }
}
