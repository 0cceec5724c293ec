//! Table rows from spreadsheets: the same table from an .xlsx, an .ods and
//! a CSV file builds the same edition; a sheet's problems are named by
//! file, sheet and cell, and a file, sheet or range that cannot be read is
//! refused at the TOML line naming it, with the last good PDF kept. The
//! spreadsheets are made by tests/fixtures/sheets/make.py (the .xls and the
//! one protected with a password by make_legacy.py).

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

const TABLE_HEAD: &str = r#"number = "table"
caption = { en = "Arrivals by country" }
source = "Test Office, 2021"
columns = [{ id = "country" }, { id = "count", align = "end" }, { id = "share", align = "end" }]
head = [[{ text = { en = "Country" } }, { text = { en = "Persons" } }, { text = { en = "Share" } }]]
"#;

const COLUMNS: &str = r#"locale = "de"
id = "Kennung"
columns = [
  { from = { en = "Land (en)" } },
  { from = "Personen", kind = "number", share = "Anteil Personen" },
  { from = "Quote", kind = "percent" },
]
"#;

const GERMAN_CSV: &str = "Kennung;Land (en);Personen;Anteil Personen;Quote\n\
syria;Syria;1.882;19;41,5\n\
iraq;Iraq;10.234,5;2,5;7,25 %\n\
turkey;Turkey;700;-;16,0\n";

/// The minimal fixture with an `arrivals` table whose `[csv]` is `source`
/// (the keys before the column mapping), quoted in the text, and the
/// spreadsheets of tests/fixtures/sheets in its `data` folder.
fn profile(source: &str) -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("minimal");
    let table = format!("{TABLE_HEAD}\n[csv]\n{source}{COLUMNS}");
    add_table(
        &dir,
        "arrivals",
        &table,
        "Iraq: {{arrivals.iraq.count}} persons.",
    );
    copy_dir(
        &repo_root().join("tests/fixtures/sheets"),
        &dir.join("data"),
    );
    fs::write(dir.join("data/arrivals.csv"), GERMAN_CSV).unwrap();
    (tmp, dir)
}

fn build(dir: &Path) -> String {
    let run = cityprofile(dir, &["build", ".", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    squash(&pdf_text(&dir.join("out/testcity-en.pdf")))
}

/// `build` must fail with exit code 1; gives what it printed.
fn build_fails(dir: &Path) -> String {
    let run = cityprofile(dir, &["build", ".", "--out", "out"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    stderr(&run)
}

const XLSX: &str = "file = \"data/arrivals.xlsx\"\nsheet = \"Arrivals\"\nheader_row = 3\n";

#[test]
fn the_same_table_from_xlsx_ods_and_csv_builds_the_same_edition() {
    let (_a, from_csv) = profile("file = \"data/arrivals.csv\"\n");
    let (_b, from_xlsx) = profile(XLSX);
    let (_c, from_ods) = profile(&XLSX.replace(".xlsx", ".ods"));
    let csv = build(&from_csv);
    assert!(csv.contains("Syria 1,882 (19%) 41.5%"), "{csv}");
    assert!(csv.contains("Turkey 700 16.0%"), "{csv}");
    assert!(csv.contains("Iraq: 10,234.5 (2.5%) persons."), "{csv}");
    // Number cells (0.415 shown as 41.5 %, 0.16 as 16.0 %) and text cells
    // read in the table's locale ("41,5") give the same numbers.
    assert_eq!(build(&from_xlsx), csv);
    assert_eq!(build(&from_ods), csv);
    // An Excel 97-2003 file, its percentages as text cells like the .ods.
    let (_d, from_xls) = profile(&XLSX.replace(".xlsx", ".xls"));
    assert_eq!(build(&from_xls), csv);
}

#[test]
fn a_spreadsheet_protected_with_a_password_is_refused_with_the_remedy() {
    let (_tmp, dir) = profile(&XLSX.replace("arrivals.xlsx", "protected.xlsx"));
    let err = build_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/arrivals.toml:8:8",
            "data/protected.xlsx cannot be read as an .xlsx file: it is protected with a password: save it without one"
        ),
        "{err}"
    );
    // An Excel 97-2003 file under an .xlsx name is named as such.
    fs::copy(
        dir.join("data/arrivals.xls"),
        dir.join("data/protected.xlsx"),
    )
    .unwrap();
    let err = build_fails(&dir);
    assert!(
        err.contains("data/protected.xlsx cannot be read as an .xlsx file: it is an Excel 97-2003 file: name it .xls"),
        "{err}"
    );
}

#[test]
fn a_range_picks_the_cells_and_its_first_row_is_the_header() {
    let (_tmp, dir) =
        profile("file = \"data/arrivals.xlsx\"\nsheet = \"Arrivals\"\nrange = \"A3:E5\"\n");
    let text = build(&dir);
    assert!(text.contains("Iraq 10,234.5 (2.5%) 7.25%"), "{text}");
    assert!(!text.contains("Turkey 700"), "{text}");
    // A range as large as a sheet is read as far as the sheet has cells.
    replace_in_file(&dir.join("tables/arrivals.toml"), "A3:E5", "A3:XFD1048576");
    let text = build(&dir);
    assert!(text.contains("Turkey 700 16.0%"), "{text}");
}

#[test]
fn a_wrong_cell_is_named_by_file_sheet_and_cell() {
    let (_tmp, dir) = profile("file = \"data/faults.xlsx\"\nsheet = \"Population\"\n");
    replace_in_file(
        &dir.join("tables/arrivals.toml"),
        "kind = \"number\"",
        "kind = \"count\"",
    );
    let err = check_fails(&dir);
    for (cell, message) in [
        ("C7", "`abc` is not a number in this spreadsheet's format (`locale = \"de\"`, like 603.600 or 10,1)"),
        ("C8", "the cell holds the error #DIV/0!: correct its formula"),
        ("C9", "the cell holds a date or time"),
    ] {
        let at = format!("error: data/faults.xlsx: sheet \"Population\", cell {cell}: {message}");
        assert!(err.contains(&at), "{at}\n{err}");
    }
    assert_eq!(err.matches("cell C8").count(), 1, "{err}");
}

#[test]
fn a_sheet_the_file_does_not_have_lists_the_sheets_it_has() {
    let (_tmp, dir) = profile(&XLSX.replace("\"Arrivals\"", "\"Arrivals 2021\""));
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/arrivals.toml:9:9",
            "data/arrivals.xlsx has no sheet \"Arrivals 2021\" (its sheets: \"Notes\", \"Arrivals\")"
        ),
        "{err}"
    );
}

#[test]
fn a_range_that_is_not_a1_notation_or_lies_outside_the_sheet_is_refused_at_its_line() {
    let (_tmp, dir) = profile(&format!("{XLSX}range = \"E5:A3\"\n"));
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/arrivals.toml:11:9",
            "`range = \"E5:A3\"` is not a range of cells in A1 notation from its top left to its bottom right cell, like \"B3:F20\""
        ),
        "{err}"
    );
    let (_tmp, dir) = profile(&format!("{XLSX}range = \"H100:K120\"\n"));
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/arrivals.toml:11:9",
            "`range = \"H100:K120\"` lies outside the cells the sheet \"Arrivals\" uses (A1:E6)"
        ),
        "{err}"
    );
}

#[test]
fn a_csv_named_xlsx_or_a_damaged_file_is_refused_and_the_last_pdf_kept() {
    let (_tmp, dir) = profile(XLSX);
    build(&dir);
    let pdf = dir.join("out/testcity-en.pdf");
    let good = fs::read(&pdf).unwrap();
    let xlsx = dir.join("data/arrivals.xlsx");
    let bytes = fs::read(&xlsx).unwrap();

    fs::write(&xlsx, GERMAN_CSV).unwrap();
    let err = build_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/arrivals.toml:8:8",
            "data/arrivals.xlsx cannot be read as an .xlsx file: it is a text file (a CSV file saved under this name?)"
        ),
        "{err}"
    );
    assert_eq!(fs::read(&pdf).unwrap(), good);

    fs::write(&xlsx, &bytes[..bytes.len() / 2]).unwrap();
    let err = build_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/arrivals.toml:8:8",
            "data/arrivals.xlsx cannot be read as an .xlsx file: it is damaged or not of that format"
        ),
        "{err}"
    );
    assert_eq!(fs::read(&pdf).unwrap(), good);
}

#[test]
fn csv_keys_and_sheet_keys_go_with_their_kind_of_file() {
    let (_tmp, dir) = profile(&format!("{XLSX}delimiter = \";\"\n"));
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/arrivals.toml:11:13",
            "`delimiter` goes with a CSV file; data/arrivals.xlsx is a spreadsheet (.xlsx), whose cells need none: remove it"
        ),
        "{err}"
    );
    let (_tmp, dir) = profile("file = \"data/arrivals.csv\"\nsheet = \"Arrivals\"\n");
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/arrivals.toml:9:9",
            "`sheet` goes with a spreadsheet (.xlsx, .ods, .xls); data/arrivals.csv is read as a CSV file"
        ),
        "{err}"
    );
}

#[test]
fn a_spreadsheet_outside_the_profile_is_refused_at_its_line() {
    let (_tmp, dir) = profile(&XLSX.replace("data/arrivals.xlsx", "../arrivals.xlsx"));
    fs::copy(
        dir.join("data/arrivals.xlsx"),
        dir.parent().unwrap().join("arrivals.xlsx"),
    )
    .unwrap();
    let err = build_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/arrivals.toml:8:8",
            "it is outside the profile folder"
        ),
        "{err}"
    );
    assert!(!dir.join("out/testcity-en.pdf").exists());
}

#[test]
fn a_row_id_given_twice_in_a_sheet_names_both_rows() {
    let (_tmp, dir) = profile("file = \"data/faults.xlsx\"\nsheet = \"Twice\"\n");
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "tables/arrivals.toml:8:8",
            "row id `syria` is used twice: in rows 2 and 4 of the sheet"
        ),
        "{err}"
    );
}

#[test]
fn a_percentage_is_read_only_where_the_file_says_how_it_is_shown() {
    // An .xlsx cell formatted 0.0% (holding 0.415) in a number column.
    let (_tmp, dir) = profile(XLSX);
    let table = dir.join("tables/arrivals.toml");
    replace_in_file(&table, "kind = \"percent\"", "kind = \"number\"");
    let err = check_fails(&dir);
    assert!(
        err.contains("error: data/arrivals.xlsx: sheet \"Arrivals\", cell E4: the cell shows a percentage (41.5%), but column `Quote` is not a percent column (kind = \"number\")"),
        "{err}"
    );
    // An .ods number cell in a percent column: 1882 may be shown as 188200%.
    let (_tmp, dir) = profile(&XLSX.replace(".xlsx", ".ods"));
    let table = dir.join("tables/arrivals.toml");
    replace_in_file(
        &table,
        "\"Quote\", kind = \"percent\"",
        "\"Personen\", kind = \"percent\"",
    );
    let err = check_fails(&dir);
    assert!(
        err.contains("error: data/arrivals.ods: sheet \"Arrivals\", cell C4: the number 1882 in the percent column `Personen`: an .ods or .xls file does not say whether the cell is formatted as a percentage"),
        "{err}"
    );
}
