//! Tables longer than Typst's loops allow: a table read from a CSV of more
//! than 10,000 rows (a `while` loop of Typst stops after 10,000 rounds as
//! "loop seems to be infinite") builds, with every row printed once and in
//! order.

use std::fmt::Write as _;
use std::fs;

use crate::common::*;

/// Rows of the table: more than the 10,000 rounds of a Typst `while` loop.
const ROWS: usize = 10_001;

#[test]
fn a_table_of_more_than_ten_thousand_csv_rows_prints_every_row_once_in_order() {
    let (_tmp, dir) = fixture_copy("minimal");
    let mut csv = String::from("Row\n");
    for row in 1..=ROWS {
        writeln!(csv, "R{row}").unwrap();
    }
    fs::create_dir_all(dir.join("data")).unwrap();
    fs::write(dir.join("data/rows.csv"), csv).unwrap();
    add_table(
        &dir,
        "rows",
        "number = \"none\"\n\
         columns = [{ id = \"row\" }]\n\
         head = [[{ text = { en = \"Row\" } }]]\n\
         [csv]\n\
         file = \"data/rows.csv\"\n\
         locale = \"en\"\n\
         columns = [{ from = \"Row\" }]\n",
        "",
    );
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = pdf_text(&out.join("testcity-en.pdf"));
    let printed: Vec<usize> = text
        .split_whitespace()
        .filter_map(|word| word.strip_prefix('R')?.parse().ok())
        .collect();
    let expected: Vec<usize> = (1..=ROWS).collect();
    assert!(
        printed == expected,
        "{} row labels printed, from {:?} to {:?}; the first out of order at {:?}",
        printed.len(),
        printed.first(),
        printed.last(),
        printed.iter().zip(&expected).position(|(a, b)| a != b)
    );
}
