//! The four editions of the Dortmund profile (English, German, French,
//! Arabic), built in one run and read back: contents and chapter titles in
//! each language, numbers in each locale's format, the same tables and
//! figures in every edition, Arabic text in logical order, the choice of
//! Arabic-Indic digits, and each PDF's language and bookmarks.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

const LANGUAGES: [&str; 4] = ["en", "de", "fr", "ar"];

/// Every edition, from the run's shared build of the Dortmund profile (all
/// the languages it declares: `build` without `--lang`).
fn editions() -> &'static Built {
    let built = dortmund();
    let run = &built.run;
    assert!(run.status.success(), "build failed: {}", stderr(run));
    for lang in LANGUAGES {
        assert!(
            stdout(run).contains(&format!("dortmund-{lang}.pdf")),
            "{}",
            stdout(run)
        );
    }
    built
}

fn pdf(lang: &str) -> PathBuf {
    editions().pdf(&format!("dortmund-{lang}"))
}

/// The text in logical order (right-to-left lines read from the right),
/// without directional marks, spaces of every width made plain.
fn logical_text(pdf: &Path) -> String {
    let text: String = pdf_text(pdf)
        .chars()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}') { ' ' } else { c })
        .collect();
    squash(&text)
}

fn plain_text(lang: &str) -> String {
    squash(&pdf_text(&pdf(lang)).replace(['\u{a0}', '\u{202f}'], " "))
}

/// A chapter's title: the first `# ` heading of its Markdown file.
fn chapter_title(lang: &str, chapter: &str) -> String {
    let path = repo_root().join(format!("data/dortmund/text/{lang}/{chapter}.md"));
    let text = fs::read_to_string(&path).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or_else(|| panic!("{} has no title", path.display()))
        .trim()
        .to_string()
}

const CHAPTERS: [&str; 8] = [
    "background",
    "city-synopsis",
    "national-context",
    "city-governance",
    "immigration-situation",
    "human-rights",
    "conclusions",
    "sources",
];

#[test]
fn contents_and_chapter_titles_are_in_each_language() {
    for (lang, contents) in [
        ("en", "TABLE OF CONTENTS"),
        ("de", "INHALTSVERZEICHNIS"),
        ("fr", "TABLE DES MATIÈRES"),
    ] {
        let text = plain_text(lang);
        assert!(text.contains(contents), "{lang}: no {contents}");
        for (index, chapter) in CHAPTERS.iter().enumerate() {
            // An apostrophe in the source prints as the typographic one.
            let title = format!(
                "{}. {}",
                index + 1,
                chapter_title(lang, chapter)
                    .to_uppercase()
                    .replace('\'', "’")
            );
            assert!(
                text.contains(&title),
                "{lang}: chapter title {title:?} not printed"
            );
        }
    }
    let arabic = logical_text(&pdf("ar"));
    assert!(arabic.contains("جدول المحتويات"), "ar: no contents title");
    // Every title, lam-alef ligatures included, compared without its
    // spaces (neutral punctuation such as ": " may stand apart).
    let arabic_joined: String = arabic.split_whitespace().collect();
    for chapter in CHAPTERS {
        let title = chapter_title("ar", chapter);
        let joined: String = title.split_whitespace().collect();
        assert!(
            arabic_joined.contains(&joined),
            "ar: chapter title {title:?} not printed"
        );
    }
}

#[test]
fn numbers_follow_each_locale() {
    assert!(plain_text("en").contains("Turkey 22,845"));
    assert!(plain_text("de").contains("Türkei 22.845"));
    assert!(plain_text("fr").contains("Turquie 22 845"));
    // The profile chose Latin digits for the Arabic edition.
    let arabic = logical_text(&pdf("ar"));
    assert!(arabic.contains("22,845"), "ar: 22,845 missing");
    assert!(!arabic.contains("٢٢٬٨٤٥"));
    // Percentages and dates in each locale.
    assert!(plain_text("en").contains("March 2021"));
    assert!(plain_text("de").contains("März 2021"));
    assert!(plain_text("de").contains("10,1 %"));
    assert!(plain_text("fr").contains("mars 2021"));
    assert!(arabic.contains("مارس 2021"));
}

#[test]
fn arabic_sentences_keep_latin_names_and_numbers_in_logical_order() {
    let arabic = logical_text(&pdf("ar"));
    let joined: String = arabic.split_whitespace().collect();
    // "أكثر من 430,000 شخص": Arabic words, then the number, then Arabic again.
    assert!(joined.contains("أكثرمن430,000شخص"), "number out of order");
    assert!(arabic.contains("ملف الهجرة لمدينة دورتموند"));
    // A bibliographic entry in its original language reads left to right.
    assert!(
        arabic.contains("Stadt Dortmund (2019): Statistikatlas – Dortmunder Stadtteile. Nr. 215."),
        "reference reordered"
    );
    // A Latin name from a neutral table cell stays in one left-to-right piece.
    assert!(
        arabic.contains("§ 32 Abs. 1 BeschV; § 32 Abs. 2 Nr. 5"),
        "legal paragraph reordered"
    );
}

#[test]
fn every_edition_has_the_same_tables_and_figures() {
    fn numbered(text: &str, word: &str) -> BTreeSet<u32> {
        text.match_indices(&format!("{word} "))
            .filter_map(|(i, m)| {
                let rest = &text[i + m.len()..];
                let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                let after = rest[digits.len()..].trim_start();
                (!digits.is_empty() && after.starts_with(':')).then(|| digits.parse().unwrap())
            })
            .collect()
    }
    let english_figures = numbered(&plain_text("en"), "Fig.");
    let english_tables = numbered(&plain_text("en"), "Table");
    assert_eq!(english_figures, (1..=15).collect());
    assert_eq!(english_tables, (1..=2).collect());
    for (lang, figure, table) in [("de", "Abb.", "Tabelle"), ("fr", "Fig.", "Tableau")] {
        let text = plain_text(lang);
        assert_eq!(numbered(&text, figure), english_figures, "{lang} figures");
        assert_eq!(numbered(&text, table), english_tables, "{lang} tables");
    }
    let page_counts: Vec<usize> = LANGUAGES.iter().map(|l| pdf_pages(&pdf(l))).collect();
    for count in &page_counts {
        assert!((40..=52).contains(count), "page counts {page_counts:?}");
        assert_eq!(
            count % 2,
            0,
            "every edition ends on an even page: {page_counts:?}"
        );
    }
}

#[test]
fn each_pdf_declares_its_language_with_metadata_and_bookmarks_in_it() {
    for (lang, title, bookmark) in [
        ("en", "City Migration Profile of Dortmund", "1. Background"),
        (
            "de",
            "Migrationsprofil der Stadt Dortmund",
            "1. Hintergrund",
        ),
        (
            "fr",
            "Profil migratoire de la ville de Dortmund",
            "1. Contexte",
        ),
        ("ar", "ملف الهجرة لمدينة دورتموند", "1. خلفية"),
    ] {
        let path = pdf(lang);
        assert_eq!(catalog_lang(&path), format!("u:{lang}"), "{lang}: /Lang");
        assert_eq!(
            pdf_info(&path).title.as_deref(),
            Some(title),
            "{lang}: title"
        );
        let outline = pdf_outline_titles(&path);
        assert!(
            outline.iter().any(|t| t == bookmark),
            "{lang}: bookmarks {outline:?}"
        );
    }
}

#[test]
fn the_arabic_edition_can_print_arabic_indic_digits() {
    let tmp = tempdir();
    let profile = tmp.path().join("dortmund");
    copy_dir(&repo_root().join("data/dortmund"), &profile);
    replace_in_file(
        &profile.join("profile.toml"),
        "digits = { ar = \"latn\" }",
        "digits = { ar = \"arab\" }",
    );
    let out = tmp.path().join("out");
    let run = cityprofile(
        tmp.path(),
        &[
            "build",
            profile.to_str().unwrap(),
            "--lang",
            "ar",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let arabic = logical_text(&out.join("dortmund-ar.pdf"));
    assert!(arabic.contains("٢٢٬٨٤٥"), "no Arabic-Indic 22,845");
    assert!(arabic.contains("مارس ٢٠٢١"), "no Arabic-Indic date");
    // Years written as text in the tables follow the same choice.
    assert!(arabic.contains("٢٠١٩"), "no Arabic-Indic year");
    assert!(!arabic.contains("2019 Stadt"), "a Latin year in the table");
}

#[test]
fn every_edition_is_archival_and_accessible() {
    for lang in LANGUAGES {
        let path = pdf(lang);
        let bytes = fs::read(&path).unwrap();
        let xmp = String::from_utf8_lossy(&bytes);
        for claim in [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>B</pdfaid:conformance>",
            "<pdfuaid:part>1</pdfuaid:part>",
        ] {
            assert!(
                xmp.contains(claim),
                "{lang}: no {claim} in the XMP metadata"
            );
        }
        let objects = pdf_objects(&path);
        let catalog = objects
            .iter()
            .find(|o| o["/Type"] == "/Catalog")
            .expect("a catalog");
        assert_eq!(
            catalog["/ViewerPreferences"]["/DisplayDocTitle"], true,
            "{lang}"
        );
        let direction = if lang == "ar" { "/R2L" } else { "/L2R" };
        assert_eq!(
            catalog["/ViewerPreferences"]["/Direction"], direction,
            "{lang}"
        );
        assert!(
            catalog.get("/StructTreeRoot").is_some(),
            "{lang}: not tagged"
        );
        // Every figure of the tag tree has its alternative text: the seven
        // charts that of their spec, the eight figures whose content the
        // source lost what their frame says.
        let figures: Vec<&serde_json::Value> =
            objects.iter().filter(|o| o["/S"] == "/Figure").collect();
        assert_eq!(figures.len(), 15, "{lang}: figures in the tag tree");
        let alts: Vec<&str> = figures
            .iter()
            .map(|f| f["/Alt"].as_str().unwrap_or_default())
            .collect();
        assert!(alts.iter().all(|a| a.len() > 4), "{lang}: {alts:?}");
        assert_eq!(
            alts.iter().filter(|a| a.chars().count() > 40).count(),
            7,
            "{lang}: {alts:?}"
        );
        let headings = objects
            .iter()
            .filter(|o| o["/S"].as_str().is_some_and(|s| s.starts_with("/H")))
            .count();
        assert!(headings > 20, "{lang}: only {headings} headings tagged");
    }
    let english = pdf_objects(&pdf("en"));
    assert!(english.iter().any(|o| o["/Alt"]
        .as_str()
        .is_some_and(|a| a.contains("Turkey is by far the largest"))));
}
