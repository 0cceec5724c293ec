//! Mistakes in a profile's TOML files as authors make them, each an error at
//! the place that holds it in the author's words: a bare date where no date
//! goes, an unknown key in a cell table, a key given twice (shown at both
//! places), and a chapter listed twice (counted once in `check`'s summary).

use crate::common::*;

/// The lines of the error that starts with `error: {start}`, as printed.
fn error_block(err: &str, start: &str, lines: usize) -> Vec<String> {
    let at = err
        .find(&format!("error: {start}"))
        .unwrap_or_else(|| panic!("no `{start}` in:\n{err}"));
    err[at..].lines().take(lines).map(str::to_string).collect()
}

#[test]
fn a_bare_date_where_no_date_goes_says_how_to_write_it() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("values.toml"),
        "total = 603600",
        "total = 603600\nw5 = 2024-01-01",
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "values.toml:3:6",
            "`2024-01-01` is a date, and a date is not a value this place holds: write it as text in quotes (\"2024-01-01\"), or a year as a number (2024)"
        ),
        "{err}"
    );
    assert!(!err.contains("toml_private"), "{err}");

    // A table cell.
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(&dir.join("tables/counts.toml"), "22845]", "2024-01-01]");
    let err = check_fails(&dir);
    assert!(
        reports_at(&err, "tables/counts.toml:9:40", "`2024-01-01` is a date"),
        "{err}"
    );

    // profile.toml, where a text goes.
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "city = \"Testcity\"",
        "city = 2024-01-01T10:00:00",
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "profile.toml:3:8",
            "`2024-01-01T10:00:00` is a date, and a date is not a value this place holds: write it as text in quotes (\"2024-01-01T10:00:00\")"
        ),
        "{err}"
    );
    assert!(!err.contains("a year"), "{err}");
    assert!(!err.contains("toml_private"), "{err}");
}

#[test]
fn an_unknown_key_in_a_cell_table_is_pointed_at() {
    for (cell, column) in [
        ("{ vlaue = 3 }", 40),
        ("{ vlaue = 7.25, unit = \"eur\" }", 40),
    ] {
        let (_tmp, dir) = fixture_copy("minimal");
        replace_in_file(
            &dir.join("tables/counts.toml"),
            "{ value = 7.25, unit = \"eur\" }",
            cell,
        );
        let err = check_fails(&dir);
        assert!(
            reports_at(
                &err,
                &format!("tables/counts.toml:13:{column}"),
                "unknown key `vlaue`"
            ),
            "{cell}: {err}"
        );
    }
}

#[test]
fn a_key_given_twice_is_shown_at_both_places() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("values.toml"),
        "share = { value = 10.1, unit = \"percent\" }",
        "share = { value = 10.1, unit = \"percent\" }\ntotal = 5",
    );
    let err = check_fails(&dir);
    let lines = error_block(&err, "`total` is given twice", 7);
    assert_eq!(lines[1], "  --> values.toml:4:1", "{err}");
    assert_eq!(lines[3], "2 | total = 603600", "{err}");
    assert_eq!(lines[4], "  | ----- first listed here", "{err}");
    assert_eq!(lines[5], "4 | total = 5", "{err}");

    // In one inline table: the first key is marked on the same line.
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("values.toml"),
        "unit = \"percent\" }",
        "unit = \"percent\", value = 3 }",
    );
    let err = check_fails(&dir);
    let lines = error_block(&err, "`value` is given twice", 7);
    assert_eq!(lines[1], "  --> values.toml:3:43", "{err}");
    assert!(lines[4].starts_with("  |           -----"), "{err}");
    assert!(err.contains("first listed here"), "{err}");

    // A table header given twice.
    let (_tmp, dir) = fixture_copy("minimal");
    append_to_file(&dir.join("values.toml"), "\n[population]\nmore = 1\n");
    let err = check_fails(&dir);
    let lines = error_block(&err, "`population` is given twice", 7);
    assert_eq!(lines[1], "  --> values.toml:5:2", "{err}");
    assert_eq!(lines[3], "1 | [population]", "{err}");
    assert_eq!(lines[4], "  |  ---------- first listed here", "{err}");
}

#[test]
fn a_chapter_listed_twice_is_counted_once_in_the_translation_summary() {
    let (_tmp, dir) = fixture_copy("bilingual");
    append_to_file(
        &dir.join("profile.toml"),
        "\n[[chapters]]\nfile = \"intro\"\n",
    );
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("chapter `intro` is listed twice"));
    let out = stdout(&run);
    let rows = out.lines().filter(|l| l.starts_with("intro ")).count();
    assert_eq!(rows, 1, "{out}");
    let open = out
        .lines()
        .filter(|l| l.ends_with("text/en/intro.md:1"))
        .count();
    assert_eq!(open, 1, "{out}");
}

#[test]
fn a_date_written_the_local_way_says_how_to_write_it() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "date = 2022-06-15",
        "date = 15.06.2022",
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "profile.toml:7:8",
            "`15.06.2022` is a date written the local way: in TOML a date is written year-month-day, so write 2022-06-15"
        ),
        "{err}"
    );
    assert!(!err.contains("number written the local way"), "{err}");
}

#[test]
fn a_slip_in_a_cell_key_is_not_read_as_a_language() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("tables/counts.toml"),
        "{ text = { en = \"Turkey\" } }",
        "{ txt = \"Turkey\" }",
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/counts.toml:9:12",
            "unknown key `txt`: did you mean `text`?"
        ),
        "{err}"
    );
    assert!(!err.contains("version"), "{err}");
}

#[test]
fn an_unclosed_string_is_reported_where_it_starts() {
    // Left open to the line's end: reported on its line, not the next.
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "country = { en = \"Testland\" }",
        "country = { en = \"Testland }",
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "profile.toml:4:18",
            "this text in quotes is not closed"
        ),
        "{err}"
    );
    // The error and the summary line.
    assert_eq!(err.matches("error:").count(), 2, "{err}");
    // Closed by the next string's opening quote.
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "country = { en = \"Testland\" }",
        "country = { en = \"Testland, de = \"Testland\" }",
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "profile.toml:4:18",
            "this text in quotes is not closed where it should be, so it runs on into the next key: add a `\"` after `Testland`"
        ),
        "{err}"
    );
}

#[test]
fn a_number_in_quotes_is_shown_without_them() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "accent = \"#d07030\"",
        "accent = \"#d07030\"\npage_multiple = \"4\"",
    );
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "profile.toml:24:17",
            "expected a whole number such as 4, found the text \"4\" in quotes: write 4 without quotes"
        ),
        "{err}"
    );
}
