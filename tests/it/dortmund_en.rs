//! The English edition of the Dortmund profile, built by the binary and read
//! back: its chapters, sentences,
//! tables, special characters, bookmarks, fonts and reproducibility.

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::common::*;

/// The English edition from the run's shared build of the Dortmund
/// profile, and its text (read once for all tests of this module).
fn edition() -> &'static (PathBuf, String) {
    static READ: OnceLock<(PathBuf, String)> = OnceLock::new();
    READ.get_or_init(|| {
        let run = &dortmund().run;
        assert!(run.status.success(), "build failed: {}", stderr(run));
        let pdf = dortmund().pdf("dortmund-en");
        let text = squash(&pdf_text(&pdf));
        (pdf, text)
    })
}

fn assert_contains_all(text: &str, needles: &[&str]) {
    let missing: Vec<&&str> = needles.iter().filter(|n| !text.contains(*n)).collect();
    assert!(missing.is_empty(), "missing from the PDF text: {missing:?}");
}

#[test]
fn every_chapter_title_is_printed_and_numbered() {
    let (_, text) = edition();
    assert_contains_all(
        text,
        &[
            "TABLE OF CONTENTS",
            "1. BACKGROUND",
            "2. CITY SYNOPSIS",
            "3. BACKGROUND: NATIONAL CONTEXT",
            "4. CITY GOVERNANCE CONTEXT",
            "5. IMMIGRATION SITUATION IN DORTMUND",
            "6. IMMIGRANTS’ HUMAN RIGHTS & ACCESS TO SERVICES IN DORTMUND",
            "7. CONCLUSIONS AND REFLECTIONS",
            "8. SOURCES",
        ],
    );
}

#[test]
fn sample_sentences_of_each_chapter_are_printed() {
    let (_, text) = edition();
    assert_contains_all(
        text,
        &[
            // 1
            "the Mediterranean City to City Migration Project (MC2CM), launched in 2015",
            "Nurturing dialogue between cities and relevant stakeholders",
            // 2
            "GENERAL OVERVIEW",
            // 3
            "Among the OECD, Germany has become one of the main migrant-receiving nations.",
            "The impact of the economic and financial crisis (since 2008)",
            // 4
            "With a population of 603,609 in 2019, Dortmund is the largest city in the Ruhr",
            "The city of Dortmund is engaging broadly with the topics of migration and integration.",
            // 5
            "Syria (882), Iraq (730), Afghanistan (664), Albania (232), Kosovo (205), Iran (182), Guinea (160), Serbia (159), Lebanon (155) and Nigeria (149)",
            "With 13.3% and 30.1% respectively",
            // 6
            "In general, language skills increase the ability to participate in social life",
            // 7
            "Dortmund is an interesting city for the study of migration and integration.",
            "(1) Identifying target groups",
            // 8
            "Thieme, Günter; Laux, Hans-Dieter (1996)",
            // back cover
            "Jörg Plöger, PhD, is a qualified geographer",
            "March 2021",
        ],
    );
}

#[test]
fn emphasis_lists_and_footnotes_survive() {
    let (_, text) = edition();
    // Lettered list markers are generated, the text follows them.
    assert_contains_all(
        text,
        &[
            "a) The impact of the economic",
            "b) The significant increase",
            "c) The impact of the COVID-19",
        ],
    );
    // Footnote texts are printed, with typographic quotes.
    assert_contains_all(text, &[
        "According to the German Federal Statistical Office the label ‘migration background’ comprises foreigners",
        "Population data varies between the state level statistical Office",
    ]);
}

#[test]
fn tables_print_numbers_in_english_format() {
    let (_, text) = edition();
    assert_contains_all(
        text,
        &[
            "603,600",
            "10.1%",
            "€7.25 (excl. newly built)",
            "113,000 (19%)",
            "approx. 100,000 (welfare recipients)",
            "39.4 m²/person",
            "Turkey 22,845",
            "77,469",
            "Non-German Total 114,062",
            "1,284 (9%)",
            "3,309 (19.1%)",
            "Recipients of social welfare",
            "Table 1: Overview of labour market access depending on migrant/legal status",
            "Table 2: Stakeholder overview, Dortmund",
            "Fig. 11: Top 10 countries of origin of Non-German population, Dortmund, 2018",
            "Fig. 15: Social indicators for Germans and Non-Germans (rounded), Dortmund, 2015 and 2019",
            "Source: BMAS, 2020",
            "—",
        ],
    );
    assert!(
        !text.contains("603.600"),
        "German number format leaked into the English edition"
    );
}

#[test]
fn figures_without_data_keep_caption_source_and_a_frame() {
    let (_, text) = edition();
    assert_contains_all(
        text,
        &[
            "Fig. 3: Migration balance of Germany; 1991-2018, in million",
            "Source: Statistisches Bundesamt (Destatis), 2019",
            "Data not available",
            "Image not available",
            "Map not available",
            "Fig. 12: Regional origin of population with migration background, Dortmund, 2018",
        ],
    );
}

#[test]
fn charts_are_vector_text_not_images() {
    let (pdf, text) = edition();
    // Words and numbers that only the charts print: legends, axis titles,
    // shares computed for the donut, tick labels; every chart numbered with
    // its source.
    assert_contains_all(
        text,
        &[
            "Share of Non-Germans, 2013",
            "Share of Non-Germans, 2018",
            "Age (years)",
            "Unemployed",
            "77,469 (67.9%)",
            "Fig. 1: Population by age group, Dortmund, 2019",
            "Fig. 2: Employment by sector of activity, Dortmund, 2017",
            "Fig. 13: Arrivals through the regional/national distribution system by country of origin, Dortmund, 2016",
            "Source: BAMF, 2021",
            "Recipients of social welfare",
            "25,000",
        ],
    );
    let images = pdf::page_images(pdf);
    assert!(
        images.iter().all(Vec::is_empty),
        "the PDF draws raster images: {images:?}"
    );
}

#[test]
fn special_characters_print_literally() {
    let (_, text) = edition();
    assert_contains_all(
        text,
        &[
            "@urban_migration",
            "§ 25, Paragraph 2",
            "m²",
            "€",
            "„Tag der Solidarität – Kein Schlussstrich“",
        ],
    );
}

#[test]
fn bookmarks_follow_the_chapters() {
    let (pdf, _) = edition();
    let titles = pdf_outline_titles(pdf);
    for expected in [
        "1. Background",
        "2. City synopsis",
        "8. Sources",
        "About MC2CM",
        "Federal level",
    ] {
        assert!(
            titles.iter().any(|t| t == expected),
            "no bookmark {expected:?} in {titles:?}"
        );
    }
}

#[test]
fn metadata_page_count_and_fonts() {
    let (pdf, _) = edition();
    let info = pdf_info(pdf);
    assert_eq!(
        info.title.as_deref(),
        Some("City Migration Profile of Dortmund"),
        "{info:?}"
    );
    assert_eq!(info.author.as_deref(), Some("Jörg Plöger"), "{info:?}");
    assert_eq!(
        info.subject.as_deref(),
        Some("City Migration Profile of Dortmund – Germany, March 2021"),
        "{info:?}"
    );
    assert!((36..=70).contains(&info.pages), "{} pages", info.pages);
    let fonts = pdf_fonts(pdf);
    assert!(
        fonts.contains("NotoSans-Regular") && fonts.contains("NotoSans-Bold"),
        "{fonts}"
    );
    let bare = pdf::fonts_not_embedded(pdf);
    assert!(bare.is_empty(), "fonts not embedded: {bare:?}");
    let raw = fs::read(pdf).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        raw.contains("/Lang(en)") || raw.contains("/Lang (en)"),
        "the PDF does not declare its language"
    );
}

#[test]
fn a_rebuild_gives_identical_bytes() {
    // The shared build made every edition, screen and print; the English
    // edition built alone, from the repository, gives the same bytes.
    let (pdf, _) = edition();
    let out = tempdir();
    let run = cityprofile(
        &repo_root(),
        &[
            "build",
            "--lang",
            "en",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        fs::read(out.path().join("dortmund-en.pdf")).unwrap() == fs::read(pdf).unwrap(),
        "rebuild differs"
    );
}

#[test]
fn works_from_any_folder_and_emits_typst() {
    // The shared build runs from a folder outside the repository, with the
    // profile's path and `--out o --emit-typst src`.
    let built = dortmund();
    let (elsewhere, run) = (&built.dir, &built.run);
    assert!(run.status.success(), "{}", stderr(run));
    assert!(elsewhere.join("o/dortmund-en.pdf").exists());
    let main = fs::read_to_string(elsewhere.join("src/dortmund-en/main.typ")).unwrap();
    assert!(main.contains("#import \"/template/profile.typ\""));
    assert!(elsewhere.join("src/dortmund-en/edition.json").exists());
    assert!(elsewhere
        .join("src/dortmund-en/template/profile.typ")
        .exists());
    assert!(elsewhere
        .join("src/dortmund-en/fonts/NotoSans-Regular.ttf")
        .exists());
}

#[test]
fn quotes_are_typographic_in_the_text_and_in_table_cells() {
    let (_, text) = edition();
    assert!(!text.contains('"'), "a straight double quote is printed");
    // From a table cell of the data (stakeholders).
    assert!(
        text.contains("Coordination of “Municipal Integration Management”"),
        "{text}"
    );
}
