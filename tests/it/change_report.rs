//! The change report of a data update: each build's record of what its
//! editions print (`<id>-<lang>.record.json`), the next build's summary and
//! `<id>-<lang>.changes.md`, and `cityprofile diff` on two profile folders. The
//! update is made as a statistics office would: a year appended to a
//! series, two values revised, a table row removed, an earlier year
//! revised (the bilingual fixture, English and German).

use std::fs;
use std::path::Path;

use crate::common::*;

/// Builds the profile in `dir` into `dir/out`, which must succeed.
fn build(dir: &Path) -> std::process::Output {
    let run = cityprofile(dir, &["build", ".", "--out", "out"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    run
}

/// The office's update: the population and the unemployment rate revised,
/// the `rent` row of `counts` removed, 2020 of `shares` revised and 2022
/// appended to it.
fn update(dir: &Path) {
    replace_in_file(&dir.join("values.toml"), "total = 603600", "total = 604100");
    replace_in_file(&dir.join("values.toml"), "value = 10.1", "value = 10.3");
    replace_in_file(
        &dir.join("tables/counts.toml"),
        "[[rows]]\nid = \"rent\"\ncells = [{ text = { en = \"Rent\", de = \"Miete\" } }, { value = 7.25, unit = \"eur\" }]\n",
        "",
    );
    replace_in_file(
        &dir.join("tables/shares.toml"),
        "{ value = 48.5, unit = \"percent\" }, { value = 51.5, unit = \"percent\" }",
        "{ value = 48.7, unit = \"percent\" }, { value = 51.3, unit = \"percent\" }",
    );
    append_to_file(
        &dir.join("tables/shares.toml"),
        "\n[[rows]]\nid = \"y2022\"\ncells = [\"2022\", { value = 49.5, unit = \"percent\" }, { value = 50.5, unit = \"percent\" }]\n",
    );
}

/// A built fixture, updated and built again: its folder, and what the
/// second build printed on stderr.
fn updated_build() -> (TempDir, std::path::PathBuf, String) {
    let (tmp, dir) = fixture_copy("bilingual");
    build(&dir);
    update(&dir);
    let run = build(&dir);
    (tmp, dir, stderr(&run))
}

/// The change report of the `lang` edition in `dir/out`.
fn report_of(dir: &Path, lang: &str) -> String {
    let path = dir.join(format!("out/testcity-{lang}.changes.md"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The part of a report under `## <lang>`, up to the next edition.
fn edition_part(report: &str, lang: &str) -> String {
    let start = report
        .find(&format!("\n## {lang}\n"))
        .unwrap_or_else(|| panic!("no {lang} part in:\n{report}"));
    let rest = &report[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 4);
    rest[..end].to_string()
}

/// The report's `- ` lines in an edition's part.
fn items(report: &str, lang: &str) -> Vec<String> {
    edition_part(report, lang)
        .lines()
        .filter(|l| l.starts_with("- "))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_summary_counts_what_the_update_changed_in_each_edition() {
    let (_tmp, _dir, err) = updated_build();
    let expected = "2 values changed, 1 table row added, 1 table row removed, 2 table cells changed, 1 chart redrawn, 2 sentences print different numbers";
    assert!(err.contains("changes since the last build:\n"), "{err}");
    assert!(
        err.contains(&format!("  en: {expected} (out/testcity-en.changes.md)\n")),
        "{err}"
    );
    assert!(
        err.contains(&format!("  de: {expected} (out/testcity-de.changes.md)\n")),
        "{err}"
    );
}

#[test]
fn the_report_lists_old_and_new_text_of_each_value_and_sentence() {
    let (_tmp, dir, _) = updated_build();
    let de = edition_part(&report_of(&dir, "de"), "de");
    // German sets a no-break space before the percent sign (CLDR).
    for row in [
        "| `population.share` | 10,1\u{a0}% | 10,3\u{a0}% | intro line 3, PDF pages 4–5 |",
        "| `population.total` | 603.600 | 604.100 | intro line 3, PDF pages 4–5 |",
        "| intro, PDF pages 4–5 | 3 | `population.total` | 603.600 | 604.100 |",
        "| intro, PDF pages 4–5 | 3 | `population.share` | 10,1\u{a0}% | 10,3\u{a0}% |",
    ] {
        assert!(de.contains(row), "{row} missing in:\n{de}");
    }
    let en = edition_part(&report_of(&dir, "en"), "en");
    assert!(
        en.contains("| `population.total` | 603,600 | 604,100 | intro line 3, PDF pages 4–5 |"),
        "{en}"
    );
}

#[test]
fn the_report_lists_exactly_the_rows_cells_and_years_changed() {
    let (_tmp, dir, _) = updated_build();
    assert_eq!(
        items(&report_of(&dir, "en"), "en"),
        vec![
            "- table `counts` (table in intro, PDF pages 4–5): row `rent` removed: count: €7.25; country: Rent",
            "- table `shares` (figure `shares-chart` in intro, PDF pages 4–5): row `y2022` added: men: 49.5%; women: 50.5%; year: 2022",
            "- table `shares` (figure `shares-chart` in intro, PDF pages 4–5): row `y2020`, column `men` revised: 48.5% → 48.7%",
            "- table `shares` (figure `shares-chart` in intro, PDF pages 4–5): row `y2020`, column `women` revised: 51.5% → 51.3%",
            "- 2020 revised: Men 48.5 → 48.7, Women 51.5 → 51.3",
            "- 2022 added: Men 49.5, Women 50.5",
        ]
    );
}

#[test]
fn the_report_shows_a_changed_chart_before_and_after() {
    let (_tmp, dir, _) = updated_build();
    let de = edition_part(&report_of(&dir, "de"), "de");
    let before = "Before:\n\n| | Männer | Frauen |\n| --- | ---: | ---: |\n| 2020 | 48,5 | 51,5 |\n| 2021 | 49 | 51 |\n";
    let after = "After:\n\n| | Männer | Frauen |\n| --- | ---: | ---: |\n| 2020 | 48,7 | 51,3 |\n| 2021 | 49 | 51 |\n| 2022 | 49,5 | 50,5 |\n";
    assert!(de.contains(before), "{de}");
    assert!(de.contains(after), "{de}");
}

#[test]
fn the_record_gives_the_pages_each_chapter_runs_over() {
    let (_tmp, dir) = fixture_copy("bilingual");
    build(&dir);
    let record = fs::read_to_string(dir.join("out/testcity-en.record.json")).unwrap();
    let record: serde_json::Value = serde_json::from_str(&record).unwrap();
    // From the chapter's opener, the page the contents gives, to its
    // last page.
    assert_eq!(record["pages"]["intro"], serde_json::json!([4, 5]));
    let pdf = dir.join("out/testcity-en.pdf");
    let contents = squash(&pdf_page_text(&pdf, 2));
    assert!(contents.contains("1. INTRODUCTION"), "{contents}");
    assert!(contents.contains(". 4 2. SOURCES"), "{contents}");
    assert!(squash(&pdf_page_text(&pdf, 4)).contains("INTRODUCTION"));
    let page = pdf_page_text(&pdf, 5);
    assert!(
        squash(&page).contains("Testcity has 603,600 inhabitants"),
        "{page}"
    );
}

#[test]
fn a_rebuild_of_the_same_profile_reports_nothing_changed() {
    let (_tmp, dir) = fixture_copy("bilingual");
    build(&dir);
    let err = stderr(&build(&dir));
    assert!(err.contains("  en: no printed number changed ("), "{err}");
    assert!(err.contains("  de: no printed number changed ("), "{err}");
}

#[test]
fn a_chapter_edit_that_quotes_other_values_or_places_less_is_reported() {
    let (_tmp, dir) = fixture_copy("bilingual");
    build(&dir);
    // One reference swapped for another, one quote removed, one table no
    // longer placed: the numbers printed are not the same.
    let intro = dir.join("text/en/intro.md");
    replace_in_file(
        &intro,
        "Testcity has {{population.total}} inhabitants",
        "Testcity has {{counts.turkey.count}} inhabitants",
    );
    replace_in_file(
        &intro,
        "{{table:counts}}",
        "The share is {{population.share}}.",
    );
    let err = stderr(&build(&dir));
    let en = err
        .lines()
        .find(|l| l.trim_start().starts_with("en: "))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(!en.contains("no printed number changed"), "{err}");
    assert!(en.contains("2 quotes of values added"), "{err}");
    assert!(en.contains("1 quote of a value removed"), "{err}");
    assert!(en.contains("1 table or figure no longer placed"), "{err}");
    let report = report_of(&dir, "en");
    assert!(report.contains("`table:counts`"), "{report}");
}

#[test]
fn the_record_of_another_edition_is_not_compared() {
    let (_tmp, dir) = fixture_copy("bilingual");
    build(&dir);
    // The German record copied over the English one.
    fs::copy(
        dir.join("out/testcity-de.record.json"),
        dir.join("out/testcity-en.record.json"),
    )
    .unwrap();
    let err = stderr(&build(&dir));
    assert!(
        err.contains("testcity-en.record.json: this is the record of the `de` edition of profile `testcity`, not of the `en` edition"),
        "{err}"
    );
    assert!(!err.contains("  en: "), "{err}");
    assert!(err.contains("  de: no printed number changed"), "{err}");
    // No report of the en edition describes this build.
    assert!(!dir.join("out/testcity-en.changes.md").exists());
}

#[test]
fn a_record_is_the_same_bytes_for_the_same_input() {
    let (_tmp, dir) = fixture_copy("bilingual");
    build(&dir);
    let record = dir.join("out/testcity-de.record.json");
    let first = fs::read(&record).unwrap();
    build(&dir);
    assert_eq!(fs::read(&record).unwrap(), first);
}

#[test]
fn a_first_build_writes_records_and_no_report() {
    let (_tmp, dir) = fixture_copy("bilingual");
    let err = stderr(&build(&dir));
    assert!(!err.contains("changes since the last build"), "{err}");
    assert!(dir.join("out/testcity-en.record.json").is_file());
    assert!(!dir.join("out/testcity-en.changes.md").exists());
    assert!(!dir.join("out/testcity-de.changes.md").exists());
}

#[test]
fn a_failed_build_keeps_the_last_record() {
    let (_tmp, dir) = fixture_copy("bilingual");
    build(&dir);
    let record = dir.join("out/testcity-en.record.json");
    let good = fs::read(&record).unwrap();
    replace_in_file(
        &dir.join("values.toml"),
        "total = 603600",
        "total = \"603600",
    );
    let run = cityprofile(&dir, &["build", ".", "--out", "out"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(fs::read(&record).unwrap(), good);
}

#[test]
fn diff_of_two_folders_gives_the_report_of_the_rebuild() {
    let (_tmp, dir, _) = updated_build();
    let (_old_tmp, old) = fixture_copy("bilingual");
    let run = cityprofile(
        old.parent().unwrap(),
        &["diff", &old.to_string_lossy(), &dir.to_string_lossy()],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let printed = stdout(&run);
    assert!(
        printed.starts_with("# Changes in the printed data from "),
        "{printed}"
    );
    // The same report but for its title and the pages a build knows from
    // the layout (`diff` lays nothing out).
    assert!(!printed.contains("PDF page"), "{printed}");
    let body = |report: &str| {
        let (_, body) = report.split_once('\n').expect("a title line");
        body.replace(", PDF pages 4–5", "")
            .replace(", PDF pages 4–6", "")
    };
    // One report per edition built; `diff` prints both editions.
    let built = body(&report_of(&dir, "en")) + &body(&report_of(&dir, "de"));
    assert_eq!(body(&printed), built);
}

#[test]
fn diff_of_a_broken_folder_says_where_and_fails() {
    let (_tmp, dir) = fixture_copy("bilingual");
    let (_old_tmp, old) = fixture_copy("bilingual");
    replace_in_file(
        &dir.join("values.toml"),
        "total = 603600",
        "total = \"603600",
    );
    let run = cityprofile(
        old.parent().unwrap(),
        &["diff", &old.to_string_lossy(), &dir.to_string_lossy()],
    );
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(err.contains("values.toml:2:"), "{err}");
    assert!(stdout(&run).is_empty(), "{}", stdout(&run));
}

#[test]
fn a_one_language_build_keeps_the_other_editions_report() {
    let (_tmp, dir, _) = updated_build();
    let de = report_of(&dir, "de");
    let run = cityprofile(&dir, &["build", ".", "--out", "out", "--lang", "en"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        report_of(&dir, "en").contains("en: no printed number changed"),
        "{}",
        report_of(&dir, "en")
    );
    assert_eq!(report_of(&dir, "de"), de);
}

#[test]
fn a_record_missing_its_fields_is_damaged_not_empty() {
    let (_tmp, dir) = fixture_copy("bilingual");
    build(&dir);
    fs::write(
        dir.join("out/testcity-en.record.json"),
        r#"{"format":1,"lang":"en","profile":"testcity"}"#,
    )
    .unwrap();
    let err = stderr(&build(&dir));
    assert!(
        err.contains(
            "testcity-en.record.json: this is not a record this program can compare (missing field"
        ),
        "{err}"
    );
    assert!(err.contains("replaces it"), "{err}");
    // Nothing compared for en: no line of added values.
    assert!(!err.contains("  en: "), "{err}");
    let record = fs::read_to_string(dir.join("out/testcity-en.record.json")).unwrap();
    assert!(record.contains("\"values\""), "{record}");
}

#[test]
fn a_chart_series_renamed_with_the_same_data_is_a_renamed_label() {
    let (_tmp, dir) = fixture_copy("bilingual");
    build(&dir);
    replace_in_file(
        &dir.join("figures/shares-chart.toml"),
        "{ column = \"men\", label = { en = \"Men\"",
        "{ column = \"men\", label = { en = \"Males\"",
    );
    let err = stderr(&build(&dir));
    assert!(
        err.contains("  en: 1 chart label renamed (out/testcity-en.changes.md)\n"),
        "{err}"
    );
    assert!(err.contains("  de: no printed number changed ("), "{err}");
    let report = report_of(&dir, "en");
    assert!(
        report.contains("- series label renamed, same numbers: Men → Males\n"),
        "{report}"
    );
    assert!(!report.contains(" revised"), "{report}");
}

#[test]
fn a_value_quoted_in_a_table_source_is_listed_where_it_prints() {
    let (_tmp, dir) = fixture_copy("bilingual");
    // The value is quoted only by the table's source, not by a chapter.
    replace_in_file(
        &dir.join("text/en/intro.md"),
        "Testcity has {{population.total}} inhabitants",
        "Testcity has many inhabitants",
    );
    replace_in_file(
        &dir.join("tables/counts.toml"),
        "source = \"Test Office, 2019\"",
        "source = \"Test Office, 2019 (population {{population.total}})\"",
    );
    build(&dir);
    replace_in_file(&dir.join("values.toml"), "total = 603600", "total = 604100");
    build(&dir);
    let record = fs::read_to_string(dir.join("out/testcity-en.record.json")).unwrap();
    let record: serde_json::Value = serde_json::from_str(&record).unwrap();
    assert_eq!(
        record["data_quotes"],
        serde_json::json!([{
            "file": "tables/counts.toml",
            "key": "source",
            "line": 3,
            "reference": "population.total",
            "text": "604,100",
        }])
    );
    let report = report_of(&dir, "en");
    assert!(
        report.contains("| `population.total` | 603,600 | 604,100 | table `counts` source (tables/counts.toml line 3; table in intro, PDF pages 4–5) |"),
        "{report}"
    );
}
