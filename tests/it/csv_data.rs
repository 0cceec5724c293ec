//! Table rows from CSV files: a German-formatted CSV gives the same edition
//! as the same data written in TOML, a replaced CSV updates tables and the
//! prose that quotes them, and a malformed CSV names its file, line and column.

use std::fs;
use std::path::Path;

use crate::common::*;

const TABLE_HEAD: &str = r#"number = "table"
caption = { en = "Arrivals by country" }
source = "Test Office, 2021"
columns = [{ id = "country" }, { id = "count", align = "end" }, { id = "share", align = "end" }]
head = [[{ text = { en = "Country" } }, { text = { en = "Persons" } }, { text = { en = "Share" } }]]
"#;

const TOML_ROWS: &str = r#"
[[rows]]
id = "syria"
cells = [{ text = { en = "Syria" } }, { value = 1882, share = 19 }, { value = 41.5, unit = "percent" }]

[[rows]]
id = "iraq"
cells = [{ text = { en = "Iraq" } }, { value = 10234.5, share = 2.5 }, { value = 7.25, unit = "percent" }]
"#;

const CSV_SOURCE: &str = r#"
[csv]
file = "data/arrivals.csv"
locale = "de"
delimiter = ";"
id = "Kennung"
columns = [
  { from = { en = "Land (en)" } },
  { from = "Personen", kind = "number", share = "Anteil Personen" },
  { from = "Quote", kind = "percent" },
]
"#;

const GERMAN_CSV: &str = "Kennung;Land (en);Personen;Anteil Personen;Quote\n\
syria;Syria;1.882;19;41,5\n\
iraq;Iraq;10.234,5;2,5;7,25 %\n";

/// The minimal fixture with an `arrivals` table placed and quoted in the text.
fn profile_with_arrivals(table: &str) -> (TempDir, std::path::PathBuf) {
    let (tmp, dir) = fixture_copy("minimal");
    add_table(
        &dir,
        "arrivals",
        table,
        "Iraq: {{arrivals.iraq.count}} persons.",
    );
    (tmp, dir)
}

fn build(dir: &Path) -> String {
    let out = dir.join("out");
    let run = cityprofile(dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    squash(&pdf_text(&out.join("testcity-en.pdf")))
}

#[test]
fn a_german_csv_gives_the_same_edition_as_toml() {
    let (_a, from_toml) = profile_with_arrivals(&format!("{TABLE_HEAD}{TOML_ROWS}"));
    let (_b, from_csv) = profile_with_arrivals(&format!("{TABLE_HEAD}{CSV_SOURCE}"));
    fs::create_dir_all(from_csv.join("data")).unwrap();
    fs::write(from_csv.join("data/arrivals.csv"), GERMAN_CSV).unwrap();

    let toml_text = build(&from_toml);
    let csv_text = build(&from_csv);
    assert!(toml_text.contains("Syria 1,882 (19%) 41.5%"), "{toml_text}");
    assert!(
        toml_text.contains("Iraq: 10,234.5 (2.5%) persons."),
        "{toml_text}"
    );
    assert_eq!(csv_text, toml_text);

    // New numbers from the statistics office: replace the CSV and rebuild.
    fs::write(
        from_csv.join("data/arrivals.csv"),
        GERMAN_CSV.replace("10.234,5", "11.000"),
    )
    .unwrap();
    let updated = build(&from_csv);
    assert!(
        updated.contains("Iraq: 11,000 (2.5%) persons."),
        "{updated}"
    );
    assert!(updated.contains("Iraq 11,000 (2.5%) 7.25%"), "{updated}");
}

#[test]
fn a_row_id_given_twice_in_a_csv_is_named_at_both_csv_lines() {
    let (_tmp, dir) = profile_with_arrivals(&format!("{TABLE_HEAD}{CSV_SOURCE}"));
    fs::create_dir_all(dir.join("data")).unwrap();
    let csv = format!("{GERMAN_CSV}syria;Syria;5;1;2\n");
    fs::write(dir.join("data/arrivals.csv"), csv).unwrap();
    let err = check_fails(&dir);
    let at = err
        .find("error: row id `syria` is used twice")
        .unwrap_or_else(|| panic!("{err}"));
    let lines: Vec<&str> = err[at..].lines().take(7).collect();
    assert_eq!(lines[1], "  --> data/arrivals.csv:4:1", "{err}");
    assert_eq!(lines[3], "2 | syria;Syria;1.882;19;41,5", "{err}");
    assert!(lines[4].ends_with("first used here"), "{err}");
    assert_eq!(lines[5], "4 | syria;Syria;5;1;2", "{err}");
}

#[test]
fn a_malformed_csv_names_its_file_line_and_column() {
    let (_tmp, dir) = profile_with_arrivals(&format!("{TABLE_HEAD}{CSV_SOURCE}"));
    fs::create_dir_all(dir.join("data")).unwrap();
    let csv = dir.join("data/arrivals.csv");

    fs::write(
        &csv,
        GERMAN_CSV.replace("10.234,5;2,5;7,25 %", "10.234,5;2,5"),
    )
    .unwrap();
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("data/arrivals.csv:3:")
            && err.contains("this row has 4 field(s), the header has 5"),
        "{err}"
    );

    fs::write(&csv, GERMAN_CSV.replace("1.882", "1.88x2")).unwrap();
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        reports_at(
            &err,
            "data/arrivals.csv:2:13",
            "`1.88x2` is not a number in this CSV's format (`locale = \"de\"`, like 603.600 or 10,1): `x` is neither a digit nor a separator"
        ),
        "{err}"
    );

    fs::remove_file(&csv).unwrap();
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("cannot read the CSV file data/arrivals.csv: no such file"),
        "{}",
        stderr(&run)
    );

    fs::write(&csv, GERMAN_CSV.replace("Quote", "Rate")).unwrap();
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("has no column `Quote` (its columns: Kennung, Land (en), Personen, Anteil Personen, Rate)"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn missing_marks_and_a_declared_encoding_are_read_as_statistics_offices_publish() {
    // Destatis marks (`.`, `-`, `x`, `...`), Eurostat's `:` and an empty
    // field are missing values; the file is Windows-1252, as Excel saves it.
    let source = CSV_SOURCE.replace(
        "delimiter = \";\"",
        "delimiter = \";\"\nencoding = \"windows-1252\"",
    );
    let (_tmp, dir) = profile_with_arrivals(&format!("{TABLE_HEAD}{source}"));
    fs::create_dir_all(dir.join("data")).unwrap();
    let csv: &[u8] = b"Kennung;Land (en);Personen;Anteil Personen;Quote\n\
syria;Syria;1.882;19;41,5\n\
iraq;Iraq;10.234,5;2,5;7,25 %\n\
dot;Dot;.;x;...\n\
colon;Colon;:;-;\n\
turkey;T\xfcrkei;-1.250;-3,5;\xe2\n";
    // The last field is `â` (0xE2 in Windows-1252): not a number, so an error
    // that shows the character decoded right.
    fs::write(dir.join("data/arrivals.csv"), csv).unwrap();
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("data/arrivals.csv:6:")
            && stderr(&run).contains("`â` is not a number"),
        "{}",
        stderr(&run)
    );
    let csv = String::from_utf8_lossy(csv).replace(";\u{fffd}\n", ";0,5\n");
    let mut bytes = csv.into_bytes();
    // Back to the Windows-1252 ü of Türkei.
    let at = bytes
        .windows(3)
        .position(|w| w == "\u{fffd}".as_bytes())
        .unwrap();
    bytes.splice(at..at + 3, [0xfc]);
    fs::write(dir.join("data/arrivals.csv"), bytes).unwrap();
    let text = build(&dir);
    assert!(text.contains("Dot — —"), "{text}");
    assert!(text.contains("Colon — —"), "{text}");
    assert!(text.contains("Türkei -1,250 (-3.5%) 0.5%"), "{text}");
}

#[test]
fn an_undeclared_windows_1252_csv_is_an_error_with_the_remedy() {
    let (_tmp, dir) = profile_with_arrivals(&format!("{TABLE_HEAD}{CSV_SOURCE}"));
    fs::create_dir_all(dir.join("data")).unwrap();
    fs::write(
        dir.join("data/arrivals.csv"),
        b"Kennung;Land (en);Personen;Anteil Personen;Quote\nturkey;T\xfcrkei;1;2;3\n",
    )
    .unwrap();
    let run = cityprofile(&dir, &["build", ".", "--out", "out"]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("data/arrivals.csv:2:9: this CSV file is not UTF-8 text (byte 0xfc): declare its encoding in the [csv] section of tables/arrivals.toml,")
            && err.contains("encoding = \"windows-1252\""),
        "{err}"
    );
    assert!(!dir.join("out/testcity-en.pdf").exists());
}

#[test]
fn a_csv_as_excel_saves_it_is_read_without_a_declared_delimiter() {
    let (_a, from_toml) = profile_with_arrivals(&format!("{TABLE_HEAD}{TOML_ROWS}"));
    let undeclared = CSV_SOURCE.replace("delimiter = \";\"\n", "");
    let (_b, from_csv) = profile_with_arrivals(&format!("{TABLE_HEAD}{undeclared}"));
    fs::create_dir_all(from_csv.join("data")).unwrap();
    let toml_text = build(&from_toml);

    // Excel's `sep=;` first line, with Windows line ends.
    let excel = format!("sep=;\n{GERMAN_CSV}").replace('\n', "\r\n");
    fs::write(from_csv.join("data/arrivals.csv"), excel).unwrap();
    assert_eq!(build(&from_csv), toml_text);

    // No `sep=` line: the header has `;` and no `,`, and so has every row.
    fs::write(from_csv.join("data/arrivals.csv"), GERMAN_CSV).unwrap();
    assert_eq!(build(&from_csv), toml_text);

    // A row with a `;` too many cannot be told apart: refused with the remedy.
    fs::write(
        from_csv.join("data/arrivals.csv"),
        GERMAN_CSV.replace("syria;Syria;", "syria;Syria;;"),
    )
    .unwrap();
    let err = check_fails(&from_csv);
    assert!(
        reports_at(
            &err,
            "data/arrivals.csv:1:1",
            "the header is separated by semicolons, but not every row has as many fields that way: declare the separator in the [csv] section of tables/arrivals.toml, like delimiter = \";\""
        ),
        "{}",
        err
    );
}

#[test]
fn csv_errors_name_the_right_line_with_every_kind_of_line_end() {
    let (_tmp, dir) = profile_with_arrivals(&format!("{TABLE_HEAD}{CSV_SOURCE}"));
    fs::create_dir_all(dir.join("data")).unwrap();
    let csv = dir.join("data/arrivals.csv");
    for (name, end) in [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")] {
        // Line 3 has a number in the wrong format at column 13.
        let text = GERMAN_CSV
            .replace("10.234,5", "10.23x4,5")
            .replace('\n', end);
        fs::write(&csv, text).unwrap();
        let run = cityprofile(&dir, &["check", "."]);
        assert_eq!(run.status.code(), Some(1), "{name}");
        assert!(
            reports_at(
                &stderr(&run),
                "data/arrivals.csv:3:11",
                "`10.23x4,5` is not a number in this CSV's format"
            ),
            "{name}: {}",
            stderr(&run)
        );
        // After a `sep=` line the records are one line further down.
        let text = format!("sep=;\n{GERMAN_CSV}")
            .replace("10.234,5;2,5;7,25 %", "10.234,5;2,5")
            .replace('\n', end);
        fs::write(&csv, text).unwrap();
        let run = cityprofile(&dir, &["check", "."]);
        assert_eq!(run.status.code(), Some(1), "{name}");
        assert!(
            reports_at(
                &stderr(&run),
                "data/arrivals.csv:4:1",
                "this row has 4 field(s), the header has 5"
            ),
            "{name}: {}",
            stderr(&run)
        );
    }
}

#[test]
fn a_value_keeps_the_decimals_its_source_gives() {
    // `16,0` in the CSV and `16.0` in TOML print `16.0%` beside `12.8%`.
    let toml_rows = TOML_ROWS
        .replace("{ value = 41.5, unit", "{ value = 16.0, unit")
        .replace("{ value = 7.25, unit", "{ value = 12.8, unit")
        .replace("share = 2.5 }", "share = 2.50 }");
    let (_a, from_toml) = profile_with_arrivals(&format!("{TABLE_HEAD}{toml_rows}"));
    let (_b, from_csv) = profile_with_arrivals(&format!("{TABLE_HEAD}{CSV_SOURCE}"));
    fs::create_dir_all(from_csv.join("data")).unwrap();
    let csv = GERMAN_CSV
        .replace("41,5", "16,0")
        .replace("7,25 %", "12,8 %")
        .replace(";2,5;", ";2,50;");
    fs::write(from_csv.join("data/arrivals.csv"), &csv).unwrap();
    let toml_text = build(&from_toml);
    assert!(toml_text.contains("Syria 1,882 (19%) 16.0%"), "{toml_text}");
    assert!(
        toml_text.contains("Iraq 10,234.5 (2.50%) 12.8%"),
        "{toml_text}"
    );
    assert_eq!(build(&from_csv), toml_text);

    // A column that declares its decimals prints every value with them.
    let declared = CSV_SOURCE.replace(
        "{ from = \"Quote\", kind = \"percent\" }",
        "{ from = \"Quote\", kind = \"percent\", decimals = 2 }",
    );
    fs::write(
        from_csv.join("tables/arrivals.toml"),
        format!("{TABLE_HEAD}{declared}"),
    )
    .unwrap();
    let text = build(&from_csv);
    assert!(text.contains("Syria 1,882 (19%) 16.00%"), "{text}");
    assert!(text.contains("Iraq 10,234.5 (2.50%) 12.80%"), "{text}");
}

#[test]
fn missing_marks_with_their_meanings_are_printed_and_explained() {
    let source = CSV_SOURCE.replace(
        "delimiter = \";\"",
        "delimiter = \";\"\nmissing = { \"-\" = \"nothing\", \".\" = \"unknown\", \"x\" = \"secret\", \"...\" = \"later\" }",
    );
    let (_tmp, dir) = profile_with_arrivals(&format!("{TABLE_HEAD}{source}"));
    fs::create_dir_all(dir.join("data")).unwrap();
    let csv = format!("{GERMAN_CSV}nil;Nil;-;1;x\ndot;Dot;.;2;...\nzero;Zero;0;0;0\n");
    fs::write(dir.join("data/arrivals.csv"), &csv).unwrap();
    let text = build(&dir);
    // Each mark is kept; a zero stays a number.
    assert!(text.contains("Nil – x"), "{text}");
    assert!(text.contains("Dot . …"), "{text}");
    assert!(text.contains("Zero 0 (0%) 0%"), "{text}");
    assert!(
        text.contains("– nothing (exactly zero); . not known; x secret; … not yet available"),
        "{text}"
    );

    // With meanings declared, an empty field is no mark: refused, not a gap.
    fs::write(
        dir.join("data/arrivals.csv"),
        csv.replace("zero;Zero;0;0;0", "zero;Zero;;0;0"),
    )
    .unwrap();
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "data/arrivals.csv:6:11",
            "an empty field in column `Personen`, and this CSV's `missing` gives an empty field no meaning"
        ),
        "{}",
        err
    );
}

#[test]
fn a_csv_in_arabic_indic_digits_builds_the_same_pdf_as_its_latin_twin() {
    let source = CSV_SOURCE.replace("locale = \"de\"", "locale = \"ar\"");
    let latin = "Kennung;Land (en);Personen;Anteil Personen;Quote\n\
syria;Syria;1,882;19;41.5\n\
iraq;Iraq;10,234.5;2.5;7.25 %\n";
    let arabic = "Kennung;Land (en);Personen;Anteil Personen;Quote\n\
syria;Syria;١٬٨٨٢;١٩;٤١٫٥\n\
iraq;Iraq;١٠٬٢٣٤٫٥;٢٫٥;٧٫٢٥ ٪\n";
    let mut pdfs = Vec::new();
    for csv in [latin, arabic] {
        let (tmp, dir) = profile_with_arrivals(&format!("{TABLE_HEAD}{source}"));
        fs::create_dir_all(dir.join("data")).unwrap();
        fs::write(dir.join("data/arrivals.csv"), csv).unwrap();
        let text = build(&dir);
        assert!(text.contains("Syria 1,882 (19%) 41.5%"), "{text}");
        pdfs.push((fs::read(dir.join("out/testcity-en.pdf")).unwrap(), tmp));
    }
    assert!(pdfs[0].0 == pdfs[1].0, "the two PDFs differ");
}

#[test]
fn a_share_with_decimals_beside_a_count_is_read_as_a_percentage() {
    let counts = CSV_SOURCE.replace(
        "{ from = \"Personen\", kind = \"number\", share",
        "{ from = \"Personen\", kind = \"count\", share",
    );
    let (_tmp, dir) = profile_with_arrivals(&format!("{TABLE_HEAD}{counts}"));
    fs::create_dir_all(dir.join("data")).unwrap();
    let csv = GERMAN_CSV
        .replace("1.882;19;", "1.882;19,0;")
        .replace("10.234,5;2,5;", "10.234;16,5;");
    fs::write(dir.join("data/arrivals.csv"), &csv).unwrap();
    let text = build(&dir);
    assert!(text.contains("Syria 1,882 (19.0%)"), "{text}");
    assert!(text.contains("Iraq 10,234 (16.5%)"), "{text}");
}

#[test]
fn a_number_longer_than_a_float_holds_is_refused_not_rounded() {
    let (_tmp, dir) = profile_with_arrivals(&format!("{TABLE_HEAD}{CSV_SOURCE}"));
    fs::create_dir_all(dir.join("data")).unwrap();
    let csv = GERMAN_CSV.replace("syria;Syria;1.882;", "syria;Syria;99999999999999999999999;");
    fs::write(dir.join("data/arrivals.csv"), csv).unwrap();
    let err = check_fails(&dir);
    assert!(
        reports_at(&err, "arrivals.csv:2:13", "it has 23 significant digits"),
        "{err}"
    );
}
