//! Values of `values.toml` read from a CSV file or a spreadsheet under a
//! group's `csv` key: one value per row, named by the row's id, quoted in
//! prose like values written in TOML; a name that cannot be quoted, a value
//! given twice and a source line under the figures are named at their
//! place. The spreadsheet is made by tests/fixtures/sheets/make.py.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

const CHAPTER: &str = "Residents: {{key.residents}}, of whom {{key.foreign}} foreign nationals; \
average age {{key.average_age}}; stateless: {{key.stateless}}. Total {{population.total}}.";

/// The minimal fixture whose values.toml has a `[key.csv]` section with
/// `source` (the keys naming the file and where the values stand), the
/// spreadsheets of tests/fixtures/sheets in `data/`, and a chapter quoting
/// the values.
fn profile(source: &str) -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("minimal");
    append_to_file(&dir.join("values.toml"), &format!("\n[key.csv]\n{source}"));
    append_to_file(&dir.join("text/en/intro.md"), &format!("\n\n{CHAPTER}\n"));
    copy_dir(
        &repo_root().join("tests/fixtures/sheets"),
        &dir.join("data"),
    );
    (tmp, dir)
}

fn build(dir: &Path) -> (String, String) {
    let run = cityprofile(dir, &["build", ".", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    (
        squash(&pdf_text(&dir.join("out/testcity-en.pdf"))),
        stderr(&run),
    )
}

const SHEET: &str = r#"file = "data/key-figures.xlsx"
sheet = "Population"
header_row = 3
locale = "de"
id = "Merkmal"
missing = { "-" = "nothing" }
columns = [{ from = "2021", kind = "number" }]
"#;

#[test]
fn values_read_from_a_spreadsheet_are_quoted_like_values_written_in_toml() {
    let (_tmp, dir) = profile(SHEET);
    let (text, warnings) = build(&dir);
    assert!(
        text.contains("Residents: 603,609, of whom 84,512 foreign nationals; average age 43.5; stateless: –. Total 603,600."),
        "{text}"
    );
    // The source line under the figures (column B, which the values do not
    // read) is left out with a warning at its cell.
    assert!(
        warnings.contains("sheet \"Population\", cell B9")
            && warnings.contains("only `Source: Test Office, register of residents`"),
        "{warnings}"
    );
}

#[test]
fn values_read_from_a_csv_file_keep_the_decimals_the_file_writes() {
    let (_tmp, dir) = profile(
        "file = \"data/key.csv\"\nlocale = \"de\"\nid = \"Merkmal\"\ncolumns = [{ from = \"2021\", kind = \"number\" }]\n",
    );
    fs::write(
        dir.join("data/key.csv"),
        "Merkmal;2021\nresidents;603.609\nforeign;84.512\naverage_age;43,0\nstateless;0\n",
    )
    .unwrap();
    let (text, _) = build(&dir);
    assert!(
        text.contains(
            "Residents: 603,609, of whom 84,512 foreign nationals; average age 43.0; stateless: 0."
        ),
        "{text}"
    );
}

#[test]
fn a_value_in_the_file_and_in_toml_is_refused_at_its_row_with_the_column_that_names_it() {
    let (_tmp, dir) = profile(
        "file = \"data/key.csv\"\nlocale = \"en\"\nid = \"name\"\ncolumns = [{ from = \"value\" }]\n",
    );
    replace_in_file(
        &dir.join("values.toml"),
        "[key.csv]",
        "[key]\nforeign = 1\n\n[key.csv]",
    );
    fs::write(
        dir.join("data/key.csv"),
        "name,value\nresidents,603609\nforeign,84512\naverage_age,43.5\nstateless,0\n",
    )
    .unwrap();
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "data/key.csv:3:1",
            "the value `key.foreign` is given twice: in values.toml and in this file"
        ),
        "{err}"
    );
    assert!(err.contains("values.toml"), "{err}");
}

#[test]
fn a_row_id_that_cannot_be_quoted_is_refused_at_its_row() {
    let (_tmp, dir) = profile(
        "file = \"data/key.csv\"\nlocale = \"en\"\nid = \"name\"\ncolumns = [{ from = \"value\" }]\n",
    );
    fs::write(
        dir.join("data/key.csv"),
        "name,value\nresidents,603609\nForeign nationals,84512\n",
    )
    .unwrap();
    let err = check_fails(&dir);
    assert!(
        reports_at(
            &err,
            "data/key.csv:3:1",
            "`Foreign nationals` in column `name` cannot name a value"
        ),
        "{err}"
    );
}

#[test]
fn values_read_without_an_id_column_or_with_two_columns_are_refused_at_the_section() {
    let (_tmp, dir) =
        profile("file = \"data/key.csv\"\nlocale = \"en\"\ncolumns = [{ from = \"value\" }]\n");
    fs::write(dir.join("data/key.csv"), "name,value\nresidents,603609\n").unwrap();
    let err = check_fails(&dir);
    assert!(err.contains("`[key.csv]` needs `id`"), "{err}");

    let (_tmp, dir) = profile(
        "file = \"data/key.csv\"\nlocale = \"en\"\nid = \"name\"\ncolumns = [{ from = \"value\" }, { from = \"name\" }]\n",
    );
    fs::write(dir.join("data/key.csv"), "name,value\nresidents,603609\n").unwrap();
    let err = check_fails(&dir);
    assert!(
        err.contains("values are read from one column: give `columns` one entry"),
        "{err}"
    );
}

#[test]
fn a_cell_that_cannot_be_read_names_the_file_that_reads_it() {
    let (_tmp, dir) = profile(
        "file = \"data/key.csv\"\nlocale = \"en\"\nid = \"name\"\ncolumns = [{ from = \"value\", kind = \"number\" }]\n",
    );
    fs::write(
        dir.join("data/key.csv"),
        "name,value\nresidents,603609\nforeign,abc\n",
    )
    .unwrap();
    let err = check_fails(&dir);
    assert!(err.contains("data/key.csv:3:9"), "{err}");
    // The section of values.toml that reads the file is named with it.
    assert!(err.contains("the file is read here"), "{err}");
    assert!(err.contains("values.toml:"), "{err}");
}
