//! Numbers typed by hand that equal a value of the data: `check` names each
//! one at its file, line and column, in every language's writing of
//! numbers, with the reference to write instead; the profile's list of
//! literal numbers silences it, and `--strict` refuses it.

use std::fs;
use std::path::Path;

use crate::common::*;

/// `FILE:LINE:COLUMN` of the first `needle` in a file of the profile
/// (columns count characters, as the messages do).
fn place(dir: &Path, file: &str, needle: &str) -> String {
    let text = fs::read_to_string(dir.join(file)).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{file} lacks {needle:?}"));
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() + 1;
    format!("{file}:{line}:{column}")
}

/// `check .` on a profile, which passes; what it printed on stderr.
fn check_passes(dir: &Path) -> String {
    let run = cityprofile(dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    stderr(&run)
}

/// Whether any message names a number at `location`.
fn names_a_number_at(output: &str, location: &str) -> bool {
    output
        .lines()
        .any(|line| line.contains(&format!("{location}: this number")))
}

#[test]
fn each_hand_typed_number_is_named_at_its_place_in_every_language() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    let err = check_passes(&dir);
    let cases = [
        (
            "text/en/intro.md",
            "603,600",
            "this number equals population.total",
        ),
        (
            "text/en/intro.md",
            "13.8 %",
            "this number equals population.share_foreign",
        ),
        (
            "text/en/intro.md",
            "22,845",
            "this number equals overview.arrivals.count",
        ),
        (
            "text/de/intro.md",
            "603.600",
            "this number equals population.total",
        ),
        (
            "text/de/intro.md",
            "13,8 %",
            "this number equals population.share_foreign",
        ),
        (
            "text/de/intro.md",
            "22.845",
            "this number equals overview.arrivals.count",
        ),
        (
            "text/ar/intro.md",
            "٦٠٣٬٦٠٠",
            "this number equals population.total",
        ),
        (
            "text/ar/intro.md",
            "١٣٫٨٪",
            "this number equals population.share_foreign",
        ),
        (
            "text/ar/intro.md",
            "٢٢٬٨٤٥",
            "this number equals overview.arrivals.count",
        ),
        (
            "tables/overview.toml",
            "603,600",
            "this number equals population.total",
        ),
        (
            "tables/overview.toml",
            "603.600",
            "this number equals population.total",
        ),
        (
            "tables/overview.toml",
            "٦٠٣٬٦٠٠",
            "this number equals population.total",
        ),
        (
            "figures/arrivals.toml",
            "22,845",
            "this number equals overview.arrivals.count",
        ),
        (
            "figures/arrivals.toml",
            "22.845",
            "this number equals overview.arrivals.count",
        ),
        (
            "figures/arrivals.toml",
            "٢٢٬٨٤٥",
            "this number equals overview.arrivals.count",
        ),
    ];
    for (file, number, says) in cases {
        let at = place(&dir, file, number);
        assert!(reports_at(&err, &at, says), "{number} at {at}:\n{err}");
    }
    // The message says what to write instead.
    let at = place(&dir, "text/en/intro.md", "603,600");
    let line = err.lines().find(|l| l.contains(&at)).unwrap();
    assert!(
        line.ends_with("(hint: write {{population.total}} so that it follows the data; if the number is meant as written, add \"603,600\" to `literal_numbers` under [check] in profile.toml)"),
        "{line}"
    );
}

#[test]
fn a_number_that_equals_no_value_is_not_named() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    let err = check_passes(&dir);
    for (file, number) in [
        ("text/en/intro.md", "1,234"),
        ("text/de/intro.md", "1.234"),
        ("text/ar/intro.md", "١٬٢٣٤"),
        ("text/en/intro.md", "Testcity"),
    ] {
        let at = place(&dir, file, number);
        assert!(!names_a_number_at(&err, &at), "{number} at {at}:\n{err}");
    }
    // Found at all: the numbers above, a reference's value and the small
    // count (12 schools, a value too) are not.
    assert_eq!(err.matches(": this number").count(), 18, "{err}");
}

#[test]
fn a_year_is_not_named() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    // history.founded is 2019, which every chapter writes as a year.
    let err = check_passes(&dir);
    for (file, year) in [
        ("text/en/intro.md", "2019"),
        ("text/de/intro.md", "2019"),
        ("text/ar/intro.md", "٢٠١٩"),
    ] {
        let at = place(&dir, file, year);
        assert!(!names_a_number_at(&err, &at), "{year} at {at}:\n{err}");
    }
    assert!(!err.contains("history.founded"), "{err}");
}

#[test]
fn a_rounded_number_is_named_after_a_word_of_approximation() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    let err = check_passes(&dir);
    for (file, number) in [
        ("text/en/intro.md", "604,000 people"),
        ("text/de/intro.md", "604.000"),
        ("text/ar/intro.md", "٦٠٤٬٠٠٠"),
    ] {
        let at = place(&dir, file, number);
        assert!(
            reports_at(&err, &at, "this number is population.total rounded"),
            "{number} at {at}:\n{err}"
        );
    }
    // Without a word of approximation, 604,000 is no value.
    let at = place(&dir, "text/en/intro.md", "604,000 is not");
    assert!(!names_a_number_at(&err, &at), "{at}:\n{err}");
}

#[test]
fn the_list_of_literal_numbers_silences_them() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    append_to_file(
        &dir.join("profile.toml"),
        "\n[check]\nliteral_numbers = [\"603,600\", 13.8]\n",
    );
    let err = check_passes(&dir);
    // A writing silences that writing, in every text.
    for file in ["text/en/intro.md", "tables/overview.toml"] {
        let at = place(&dir, file, "603,600");
        assert!(!names_a_number_at(&err, &at), "{at}:\n{err}");
    }
    let at = place(&dir, "text/de/intro.md", "603.600");
    assert!(
        reports_at(&err, &at, "this number equals population.total"),
        "{err}"
    );
    // A TOML number silences every writing of it.
    assert!(!err.contains("population.share_foreign"), "{err}");
}

#[test]
fn a_malformed_literal_number_is_refused_at_its_line() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    append_to_file(
        &dir.join("profile.toml"),
        "\n[check]\nliteral_numbers = [\"2011\", \"603,6x0\"]\n",
    );
    let err = check_fails(&dir);
    let errors = error_lines(&err);
    // The entry's error, and the summary.
    assert_eq!(errors.len(), 2, "{err}");
    let at = place(&dir, "profile.toml", "\"603,6x0\"");
    assert!(
        errors[0].starts_with("error: \"603,6x0\" in `literal_numbers` is not a number: write a number as the text writes it")
            && errors[0].ends_with(&format!("(at {at})")),
        "{err}"
    );
}

#[test]
fn strict_refuses_hand_typed_numbers() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    let run = cityprofile(&dir, &["check", ".", "--strict", "--lang", "en"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    let errors = error_lines(&err);
    // Every error is a number typed by hand (the run fails for them only).
    let numbers = errors
        .iter()
        .filter(|e| e.starts_with("error: this number "))
        .count();
    assert_eq!(numbers + 1, errors.len(), "{err}");
    assert!(
        errors.last().unwrap().starts_with("error: check failed"),
        "{err}"
    );
    let at = place(&dir, "text/en/intro.md", "603,600");
    assert!(
        reports_at(
            &err,
            &at,
            "this number equals population.total (--strict refuses"
        ),
        "{err}"
    );
}

#[test]
fn phone_numbers_are_not_named() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    // 22845 and 603600 are values; here they are parts of phone numbers.
    append_to_file(
        &dir.join("text/de/intro.md"),
        "\nTelefon +49 231 22845, Fax 0231 603600.\n",
    );
    let err = check_passes(&dir);
    for needle in ["22845", "603600"] {
        let at = place(&dir, "text/de/intro.md", needle);
        assert!(!names_a_number_at(&err, &at), "{needle} at {at}:\n{err}");
    }
}

#[test]
fn article_and_paragraph_numbers_are_not_named() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    append_to_file(&dir.join("values.toml"), "\n[law]\nfacilities = 116\n");
    append_to_file(
        &dir.join("text/en/intro.md"),
        "\nUnder § 116, Art. 116 and Article 116 of the act, the city runs 116 facilities.\n",
    );
    let err = check_passes(&dir);
    let named: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("this number equals law.facilities"))
        .collect();
    // Only the count of facilities, at its column.
    let at = place(&dir, "text/en/intro.md", "116 facilities");
    assert_eq!(named.len(), 1, "{err}");
    assert!(named[0].contains(&format!("{at}: ")), "{at}:\n{err}");
}

#[test]
fn a_number_after_an_arabic_one_letter_prefix_is_named() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    append_to_file(
        &dir.join("text/ar/intro.md"),
        "\nويبلغ عدد السكان و٦٠٣٬٦٠٠ ونسبة الأجانب ب١٣٫٨٪.\n",
    );
    let err = check_passes(&dir);
    for (needle, reference) in [
        ("٦٠٣٬٦٠٠ ونسبة", "population.total"),
        ("١٣٫٨٪.", "population.share_foreign"),
    ] {
        let at = place(&dir, "text/ar/intro.md", needle);
        assert!(
            reports_at(&err, &at, &format!("this number equals {reference}")),
            "{needle} at {at}:\n{err}"
        );
    }
}

#[test]
fn the_hint_for_a_rounded_number_says_a_reference_prints_the_value_as_the_data_gives_it() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    let err = check_passes(&dir);
    let at = place(&dir, "text/en/intro.md", "604,000 people");
    let line = err
        .lines()
        .find(|l| l.contains(&format!("{at}: this number is population.total rounded")))
        .unwrap_or_else(|| panic!("{at}:\n{err}"));
    assert!(
        line.ends_with("(hint: write {{population.total}} so that it follows the data: it prints the value as the data gives it, rounded only to the value's own `decimals` (a reference has no rounding form), so drop the word of approximation; if the rounded figure is meant as written, add \"604,000\" to `literal_numbers` under [check] in profile.toml)"),
        "{line}"
    );
}

#[test]
fn a_date_in_literal_numbers_is_refused_at_its_line() {
    let (_tmp, dir) = fixture_copy("stale-numbers");
    append_to_file(
        &dir.join("profile.toml"),
        "\n[check]\nliteral_numbers = [\"12.03.2019\"]\n",
    );
    let err = check_fails(&dir);
    let errors = error_lines(&err);
    assert_eq!(errors.len(), 2, "{err}");
    let at = place(&dir, "profile.toml", "\"12.03.2019\"");
    assert!(
        errors[0].starts_with("error: \"12.03.2019\" in `literal_numbers` reads as no number in any language (a date or a code")
            && errors[0].ends_with(&format!("(at {at})")),
        "{err}"
    );
}
