//! Regional editions (`de-CH`, `ar-JO`): declared like any language,
//! formatted by CLDR for their locale, taking the layout words, data texts
//! and chapters they lack from their language (`de`), declaring their whole
//! tag in the PDF, and leaving the editions of their language unchanged.

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::common::*;

/// The bilingual fixture (English source, German translation of `intro`,
/// dated 2022-06-15) declaring `languages`, copied into the run's folder
/// `name`: its German chapter quotes a word, its chart has an Arabic
/// caption and alt text (which every edition needs), and a `de-CH` strings
/// file changes one layout word.
fn profile_with(name: &str, languages: &str) -> PathBuf {
    let dir = run_folder(name).join("testcity");
    copy_dir(&repo_root().join("tests/fixtures/bilingual"), &dir);
    replace_in_file(
        &dir.join("profile.toml"),
        r#"languages = ["en", "de"]"#,
        &format!("languages = {languages}"),
    );
    replace_in_file(&dir.join("text/de/intro.md"), "Einwohner", "\"Einwohner\"");
    replace_in_file(
        &dir.join("figures/shares-chart.toml"),
        "alt = { en = ",
        "alt = { ar = \"أعمدة مكدسة: النساء أكثر بقليل من نصف السكان في السنتين.\", en = ",
    );
    // An Arabic caption: the chart is set in the Arabic editions' own
    // language, and writes its numbers as they do.
    replace_in_file(
        &dir.join("figures/shares-chart.toml"),
        "caption = { en = ",
        "caption = { ar = \"الرجال والنساء\", en = ",
    );
    fs::create_dir_all(dir.join("strings")).unwrap();
    fs::write(dir.join("strings/de-CH.toml"), "figure = \"Grafik\"\n").unwrap();
    dir
}

/// The profile with `de-CH` and `ar-JO` editions beside `de` and `ar`,
/// built once for the run.
fn regional() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let profile = profile_with(
            "regional-profile",
            r#"["en", "de", "de-CH", "ar", "ar-JO"]"#,
        );
        build_for_the_run("regional-build", &profile, &[])
    })
}

/// The same profile without its regional editions, built once for the run.
fn national() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let profile = profile_with("national-profile", r#"["en", "de", "ar"]"#);
        build_for_the_run("national-build", &profile, &[])
    })
}

#[test]
fn a_swiss_edition_groups_thousands_with_the_apostrophe() {
    let swiss = pdf_text(&regional().pdf("testcity-de-CH"));
    let german = pdf_text(&regional().pdf("testcity-de"));
    // CLDR's `de-CH` grouping separator is U+2019.
    assert!(swiss.contains("603'600"), "{swiss}");
    assert!(german.contains("603.600"), "{german}");
    assert!(!swiss.contains("603.600"), "{swiss}");
}

#[test]
fn a_jordanian_edition_prints_the_levantine_month_name() {
    let jordanian = pdf_text(&regional().pdf("testcity-ar-JO"));
    let arabic = pdf_text(&regional().pdf("testcity-ar"));
    // June: حزيران in the Levant, يونيو in CLDR's `ar`.
    assert!(jordanian.contains("حزيران"), "{jordanian}");
    assert!(!jordanian.contains("يونيو"), "{jordanian}");
    assert!(arabic.contains("يونيو"), "{arabic}");
}

#[test]
fn a_regional_edition_writes_every_number_in_its_locales_digits() {
    // CLDR's `ar-JO` writes Arabic-Indic digits (`ar` Latin ones): the page
    // numbers and the percent sign follow the data's digits.
    let pdf = regional().pdf("testcity-ar-JO");
    let jordanian = pdf_text(&pdf);
    assert!(jordanian.contains('\u{066a}'), "{jordanian}");
    let pages = pdf_pages(&pdf);
    let last_text_page = pdf_page_text(&pdf, pages - 1);
    assert!(
        last_text_page.contains(&arabic_indic(pages - 1)),
        "page {}: {last_text_page}",
        pages - 1
    );
    let arabic = pdf_text(&regional().pdf("testcity-ar"));
    assert!(!arabic.contains('\u{066a}'), "{arabic}");
}

/// A number in Arabic-Indic digits (`12` -> `١٢`).
fn arabic_indic(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|d| char::from_u32(0x0660 + d.to_digit(10).unwrap()).unwrap())
        .collect()
}

#[test]
fn a_regional_edition_without_its_own_folder_prints_its_languages_chapters() {
    let swiss = pdf_text(&regional().pdf("testcity-de-CH"));
    // The template sets chapter titles in capitals.
    assert!(swiss.contains("EINLEITUNG"), "{swiss}");
    assert!(!swiss.contains("INTRODUCTION"), "{swiss}");
    // Printed as the edition's own text: no gap is reported for it.
    let messages = stderr(&regional().run);
    assert!(!messages.contains("de-CH"), "{messages}");
}

#[test]
fn a_regional_edition_takes_its_languages_words_and_overrides_its_own() {
    let swiss = pdf_text(&regional().pdf("testcity-de-CH"));
    let german = pdf_text(&regional().pdf("testcity-de"));
    // `figure` from strings/de-CH.toml, `source` built in for `de`.
    assert!(swiss.contains("Grafik 1"), "{swiss}");
    assert!(swiss.contains("Quelle: Test Office"), "{swiss}");
    assert!(german.contains("Abb. 1"), "{german}");
    // The data text in `de` serves `de-CH`.
    assert!(
        swiss.contains("Anzahl nach Land, Testcity, 2018"),
        "{swiss}"
    );
}

#[test]
fn a_regional_edition_sets_its_region_for_quotes_and_pdf_language() {
    let swiss_pdf = regional().pdf("testcity-de-CH");
    let swiss = pdf_text(&swiss_pdf);
    let german = pdf_text(&regional().pdf("testcity-de"));
    // Typst's Swiss German quotes, from the region.
    assert!(swiss.contains("«Einwohner»"), "{swiss}");
    assert!(german.contains("„Einwohner“"), "{german}");
    assert_eq!(catalog_lang(&swiss_pdf), "u:de-CH", "/Lang");
}

#[test]
fn the_editions_of_the_language_are_the_same_with_a_regional_edition_beside_them() {
    for edition in ["testcity-de", "testcity-ar", "testcity-en"] {
        let alone = fs::read(national().pdf(edition)).unwrap();
        let beside = fs::read(regional().pdf(edition)).unwrap();
        assert!(alone == beside, "{edition} differs");
    }
}

#[test]
fn a_language_code_spelt_otherwise_is_refused_with_its_spelling() {
    let (_tmp, dir) = fixture_copy("bilingual");
    replace_in_file(
        &dir.join("profile.toml"),
        r#"languages = ["en", "de"]"#,
        r#"languages = ["en", "de_CH"]"#,
    );
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        reports_at(
            &stderr(&run),
            "profile.toml:8:20",
            "`de_CH` is not a language code (expected a code like `en`, `de`, `fr`, `ar`, or one with a region like `de-CH`) (write `de-CH`)"
        ),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists());
}

#[test]
fn a_region_iso_3166_does_not_know_is_refused() {
    let (_tmp, dir) = fixture_copy("bilingual");
    replace_in_file(
        &dir.join("profile.toml"),
        r#"languages = ["en", "de"]"#,
        r#"languages = ["en", "de-XX"]"#,
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(&err, "profile.toml:8:20", "`de-XX` is not a language code"),
        "{}",
        err
    );
}

/// A copy of the bilingual fixture that also declares a `de-CH` edition.
fn bilingual_with_a_swiss_edition() -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("bilingual");
    replace_in_file(
        &dir.join("profile.toml"),
        r#"languages = ["en", "de"]"#,
        r#"languages = ["en", "de", "de-CH"]"#,
    );
    (tmp, dir)
}

/// Builds the `de-CH` edition of a profile, asked for as `lang`, and
/// returns its text.
fn swiss_edition_text(dir: &std::path::Path, lang: &str) -> String {
    let out = dir.join("out");
    let run = cityprofile(
        dir,
        &["build", ".", "--lang", lang, "--out", out.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    pdf_text(&out.join("testcity-de-CH.pdf"))
}

#[test]
fn a_regional_edition_with_its_own_folder_prints_that_folder() {
    let (_tmp, dir) = bilingual_with_a_swiss_edition();
    fs::create_dir_all(dir.join("text/de-CH")).unwrap();
    let swiss_intro = fs::read_to_string(dir.join("text/de/intro.md"))
        .unwrap()
        .replace("# Einleitung", "# Einleitung für die Schweiz");
    fs::write(dir.join("text/de-CH/intro.md"), swiss_intro).unwrap();
    // `--lang` in any case.
    let swiss = swiss_edition_text(&dir, "de-ch");
    assert!(swiss.contains("EINLEITUNG FÜR DIE SCHWEIZ"), "{swiss}");
}

#[test]
fn an_empty_folder_of_a_regional_edition_leaves_it_its_languages_chapters() {
    // What `new --lang en,de,de-CH` makes: a folder for every language.
    let (_tmp, dir) = bilingual_with_a_swiss_edition();
    fs::create_dir_all(dir.join("text/de-CH")).unwrap();
    let swiss = swiss_edition_text(&dir, "de-CH");
    assert!(swiss.contains("EINLEITUNG"), "{swiss}");
    assert!(!swiss.contains("INTRODUCTION"), "{swiss}");
}

#[test]
fn a_folder_or_file_that_spells_a_language_otherwise_is_named_in_a_warning() {
    let (_tmp, dir) = bilingual_with_a_swiss_edition();
    fs::create_dir_all(dir.join("text/de-ch")).unwrap();
    fs::copy(
        dir.join("text/de/intro.md"),
        dir.join("text/de-ch/intro.md"),
    )
    .unwrap();
    fs::create_dir_all(dir.join("strings")).unwrap();
    fs::write(dir.join("strings/de_CH.toml"), "figure = \"Grafik\"\n").unwrap();
    let run = cityprofile(&dir, &["check", "."]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    for (path, read) in [
        ("text/de-ch:", "text/de-CH/"),
        ("strings/de_CH.toml:", "strings/de-CH.toml"),
    ] {
        assert!(
            err.lines().any(|l| l.starts_with("warning:")
                && l.contains(path)
                && l.contains(&format!("the `de-CH` edition reads {read}"))),
            "{path}: {err}"
        );
    }
}
