//! The Sfax fixture (invented figures), a profile unlike Dortmund: French
//! source, Arabic, English and Spanish editions (Spanish with the profile's
//! own layout strings), a Windows-1252 census CSV in French format with a
//! missing mark and negative values and dinars with three decimals,
//! qualified values, ranges, Tunisian dinars, data references in titles, captions, cells and the back cover,
//! a data text and a chapter not yet translated into Spanish. Every edition
//! is built and read back from its PDF.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;

/// The four editions, built once for the run from a copy of the fixture in
/// the run's folder: (output folder, stderr of the build).
fn built() -> &'static (PathBuf, String) {
    static BUILT: OnceLock<(PathBuf, String)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = run_folder("sfax");
        copy_dir(&repo_root().join("tests/fixtures/sfax"), &dir);
        let out = dir.join("out");
        let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
        assert!(run.status.success(), "{}", stderr(&run));
        (out, stderr(&run))
    })
}

fn text(lang: &str) -> String {
    squash(&pdf_text(&built().0.join(format!("sfax-{lang}.pdf"))))
}

fn assert_contains_all(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "missing {e:?} in:\n{text}");
    }
}

#[test]
fn every_edition_is_built_with_its_own_numbers() {
    for lang in ["fr", "ar", "en", "es"] {
        assert!(
            built().0.join(format!("sfax-{lang}.pdf")).exists(),
            "{lang}"
        );
    }
    // Qualified values, ranges, areas, dinars with three decimals (a whole
    // amount without them), euros, years, the census CSV.
    assert_contains_all(
        &text("fr"),
        &[
            "Sfax compte 330 440 habitants sur 220 km²",
            "dont env. 35 000–38 000 sans contrat selon l’enquête de 2009–2014",
            "Un studio se loue 450 TND par mois et un ticket de bus coûte 0,750 TND, contre 9,50 €",
            "Les étrangers représentent < 1 % de la population ; on compte > 10 000 étudiants",
            "Part des étrangers < 1 %",
            "Loyer d’un studio 450 TND par mois",
            "Période de l’enquête 2009–2014",
            "1984 231 911 – –",
            "1994 265 131 -1 250 85,500 TND",
            "2014 272 801 2 150 260 TND",
            "négatif en 1994 (-1 250), est redevenu positif : 5 975 en 2024",
        ],
    );
    assert_contains_all(
        &text("en"),
        &[
            "Sfax has 330,440 inhabitants on 220 km²",
            "approx. 35,000–38,000 of them without a contract according to the survey of 2009–2014",
            "rents for TND 450 a month and a bus ticket costs TND 0.750, against a minimum hourly wage of €9.50",
            "Foreign nationals are < 1% of the population; > 10,000 students",
            "Rent of a studio flat TND 450 per month",
            "1984 231,911 — —",
            "2004 265,131 -3,480 TND 142.250",
        ],
    );
    assert_contains_all(
        &text("es"),
        &[
            "Sfax tiene 330.440 habitantes en 220 km²",
            "aprox. 35.000–38.000 de ellos sin contrato",
            "450 TND al mes",
            "9,50 €",
            "1984 231.911 —",
        ],
    );
    // Arabic words, read in logical order: the qualifiers and the dinar's
    // symbol in Arabic, Latin digits (`digits = { ar = "latn" }`).
    let words = arabic_words(&built().0.join("sfax-ar.pdf"));
    for expected in [
        "حوالي",
        "أقل",
        "أكثر",
        "كم",
        "330,440",
        "35,000",
        "38,000",
        "0.750",
        "450",
    ] {
        assert!(
            words.iter().any(|w| w.contains(expected)),
            "missing {expected:?} in {words:?}"
        );
    }
    assert!(
        !words.iter().any(|w| w == "450.000"),
        "a whole amount has no decimals: {words:?}"
    );
}

#[test]
fn data_references_print_in_titles_captions_cells_and_the_back_cover() {
    let french = text("fr");
    assert_contains_all(
        &french,
        &[
            // A chapter title (printed in capitals) and a heading.
            "SITUATION MIGRATOIRE AU RECENSEMENT DE 2024",
            "RECENSEMENTS DE 1984 À 2024",
            // A table caption, a table cell, a figure caption.
            "Tableau 1 : Indicateurs de Sfax, recensement de 2024",
            "Période de l’enquête 2009–2014",
            "Fig. 1 : Population aux recensements de 1984 à 2024",
            // The back cover.
            "Profil d’essai établi à partir du recensement fictif de 2024.",
            "Municipalité de Sfax 330 440 habitants",
        ],
    );
    assert!(!french.contains("{{"), "{french}");
    assert!(!text("ar").contains("{{"));
    // The alt text of a chart, in the PDF's structure.
    let emitted = tempdir();
    let (_tmp, dir) = fixture_copy("sfax");
    let run = cityprofile(
        &dir,
        &[
            "build",
            ".",
            "--lang",
            "en",
            "--out",
            "out",
            "--emit-typst",
            emitted.path().to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let data = std::fs::read_to_string(emitted.path().join("sfax-en/edition.json")).unwrap();
    assert!(
        data.contains("Line: the population grows from 231,911 in 1984 to 330,440 in 2024."),
        "{data}"
    );
}

#[test]
fn a_fifth_language_takes_the_profiles_strings_and_falls_back_while_untranslated() {
    let spanish = text("es");
    // Layout words from strings/es.toml, dates from CLDR.
    assert_contains_all(
        &spanish,
        &[
            "ÍNDICE",
            "Tabla 1: Indicadores de Sfax, censo de 2024",
            "Fuente:",
            "febrero de 2025",
        ],
    );
    // A chapter not translated yet: the French text with the note.
    assert_contains_all(
        &spanish,
        &[
            "Este capítulo aún no está traducido: se imprime el texto de la edición original.",
            "Les étrangers représentent < 1 % de la population",
        ],
    );
    // A row label without a Spanish version: the French one, with a warning.
    assert!(spanish.contains("Ticket de bus 0,750 TND"), "{spanish}");
    let warnings = &built().1;
    // Dinars with three decimals in the CSV are no mistyped numbers.
    assert!(!warnings.contains("recensements.csv"), "{warnings}");
    assert!(
        warnings.contains("tables/indicateurs.toml:32:19: this text has no `es` version yet: the fr text is printed"),
        "{warnings}"
    );
}

#[test]
fn strict_refuses_the_untranslated_texts() {
    let (_tmp, dir) = fixture_copy("sfax");
    let run = cityprofile(
        &dir,
        &["build", ".", "--lang", "es", "--strict", "--out", "out"],
    );
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        reports_at(
            &err,
            "tables/indicateurs.toml:32:19",
            "this text has no `es` version (it has: ar, en, fr; --strict refuses missing translations)"
        ),
        "{err}"
    );
    assert!(!dir.join("out/sfax-es.pdf").exists());
}

#[test]
fn the_arabic_edition_prints_arabic_unit_words() {
    let words = arabic_words(&built().0.join("sfax-ar.pdf"));
    // The area unit: كم² in the Arabic edition, never km².
    let at = words.iter().position(|w| w == "كم").expect("كم");
    assert!(words[at - 1..=at + 1].iter().any(|w| w == "²"), "{words:?}");
    assert!(!words.iter().any(|w| w.contains("km")), "{words:?}");
}

/// The words of a PDF, in the order they are drawn (Arabic words in
/// logical order).
fn arabic_words(pdf: &Path) -> Vec<String> {
    bbox_pages(pdf)
        .into_iter()
        .flat_map(|page| page.words.into_iter().map(|w| w.text))
        .collect()
}

#[test]
fn a_declared_language_without_a_text_folder_is_built_from_the_source_not_skipped() {
    let (_tmp, dir) = fixture_copy("sfax");
    std::fs::remove_dir_all(dir.join("text/es")).unwrap();
    let run = cityprofile(&dir, &["build", ".", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    for chapter in ["economie-urbaine", "situation-migratoire", "sources"] {
        assert!(
            err.contains(&format!(
                "chapter `{chapter}` is not translated into es: the fr text is printed"
            )),
            "{err}"
        );
    }
    let spanish = squash(&pdf_text(&dir.join("out/sfax-es.pdf")));
    assert!(
        spanish.contains("Este capítulo aún no está traducido"),
        "{spanish}"
    );
    // The untranslated chapter keeps its language's number format (French
    // `330 440`), while the edition's own tables use Spanish (`330.440`).
    assert!(
        spanish.contains("Sfax compte 330 440 habitants"),
        "{spanish}"
    );
    assert!(spanish.contains("Municipio de Sfax 330.440"), "{spanish}");
}

#[test]
fn table_notes_print_under_the_table_and_with_the_page_notes() {
    let pdf = built().0.join("sfax-fr.pdf");
    let text = text("fr");
    // The note on a cell, lettered under the table, before its source.
    assert!(
        text.contains(
            "a Estimation de l’enquête de 2009–2014. Source : Données inventées pour les tests"
        ),
        "{text}"
    );
    // The table's own note, with the page's notes: its number a space before its text.
    assert!(text.contains("recensement de 20241 Indicateur"), "{text}");
    assert!(
        text.contains("1 Commune de Sfax, sans le Grand Sfax. Profil migratoire de Sfax 7"),
        "{text}"
    );
    // The cell's mark stays on the line of its value.
    let lines = pdf_text(&pdf);
    let line = lines
        .lines()
        .find(|l| l.contains("Travailleurs migrants sans contrat"))
        .unwrap();
    assert!(
        line.trim_end().replace('\u{2060}', "").ends_with("38 000a"),
        "{line:?}"
    );
    // In the English edition too.
    assert!(text_en_has("a Estimate of the 2009–2014 survey."));
}

fn text_en_has(s: &str) -> bool {
    text("en").contains(s)
}

#[test]
fn negative_numbers_keep_their_minus_at_the_left_in_the_arabic_edition() {
    // Latin digits in the Arabic edition: the net migration of 1994 and
    // 2004, in Table 2 and in the sentence that quotes it, reads -1,250 with
    // the sign at the left of the digits (visual order), never 1,250-.
    let words = arabic_words(&built().0.join("sfax-ar.pdf"));
    let minus = |w: &&String| w.contains("1,250") || w.contains("3,480");
    let found: Vec<&String> = words.iter().filter(minus).collect();
    assert!(found.len() >= 3, "{words:?}");
    for w in found {
        let visible: String = w
            .chars()
            .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
            .collect();
        assert!(
            visible.contains("-1,250") || visible.contains("-3,480"),
            "minus at the wrong side: {visible:?}"
        );
    }
}
