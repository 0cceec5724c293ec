//! A corpus of broken profiles: each must fail with exit code 1 and a message
//! that names the file, line and column, and must leave the last good PDF
//! exactly as it was.

use std::fs;
use std::path::Path;

use crate::common::*;

/// A broken profile: how to break the fixture, and what the error must say.
struct Case {
    name: &'static str,
    breakage: fn(&Path),
    /// `file:line:column` (or `file` alone) the error must name.
    location: &'static str,
    /// Words the message must contain.
    message: &'static str,
}

fn replace(path: &Path, from: &str, to: &str) {
    replace_in_file(path, from, to);
}

const CASES: &[Case] = &[
    Case {
        name: "a value with both a text and a number",
        breakage: |d| {
            replace(
                &d.join("values.toml"),
                "share = { value = 10.1, unit = \"percent\" }",
                "share = { value = 10.1, text = \"ten\" }",
            )
        },
        location: "values.toml:3:9",
        message: "a cell needs exactly one of `text`, `value`, `lines` or `missing = true`",
    },
    Case {
        name: "a value with a unit and no number",
        breakage: |d| {
            replace(
                &d.join("values.toml"),
                "share = { value = 10.1, unit = \"percent\" }",
                "share = { text = \"ten\", unit = \"percent\" }",
            )
        },
        location: "values.toml:3:9",
        message: "only go with a `value`",
    },
    Case {
        name: "toml syntax error",
        breakage: |d| {
            replace(
                &d.join("profile.toml"),
                "languages = [\"en\"]",
                "languages = [\"en\"",
            )
        },
        location: "profile.toml:10:1",
        message: "missing comma between array elements",
    },
    Case {
        name: "unknown key",
        breakage: |d| {
            replace(
                &d.join("tables/counts.toml"),
                "number = \"figure\"",
                "number = \"figure\"\ncolour = \"red\"",
            )
        },
        location: "tables/counts.toml:2:1",
        message: "unknown key `colour`",
    },
    Case {
        name: "wrong type",
        breakage: |d| {
            replace(
                &d.join("profile.toml"),
                "date = 2022-06-15",
                "date = \"June 2022\"",
            )
        },
        location: "profile.toml:7:8",
        message: "expected a date like 2021-03-01, found the text \"June 2022\"",
    },
    Case {
        name: "missing chapter file",
        breakage: |d| fs::remove_file(d.join("text/en/sources.md")).unwrap(),
        location: "text/en/sources.md",
        message: "chapter `sources` (listed in profile.toml) has no en text",
    },
    Case {
        name: "bad placement marker",
        breakage: |d| {
            replace(
                &d.join("text/en/intro.md"),
                "{{table:counts}}",
                "{{table:countz}}",
            )
        },
        location: "text/en/intro.md:7:1",
        message: "{{table:countz}} names no table",
    },
    Case {
        name: "unknown data reference",
        breakage: |d| {
            replace(
                &d.join("text/en/intro.md"),
                "{{population.share}}",
                "{{population.shares}}",
            )
        },
        location: "text/en/intro.md:3:",
        message: "unknown data reference {{population.shares}}",
    },
    Case {
        name: "invalid UTF-8",
        breakage: |d| {
            let path = d.join("text/en/intro.md");
            let mut bytes = fs::read(&path).unwrap();
            let at = bytes.windows(8).position(|w| w == b"Literal ").unwrap();
            bytes[at] = 0xff;
            fs::write(&path, bytes).unwrap();
        },
        location: "text/en/intro.md:5:1",
        message: "not valid UTF-8",
    },
    Case {
        name: "row that does not fill the columns",
        breakage: |d| {
            replace(
                &d.join("tables/counts.toml"),
                "cells = [{ text = { en = \"Rent\" } }, { value = 7.25, unit = \"eur\" }]",
                "cells = [{ text = { en = \"Rent\" } }]",
            )
        },
        location: "tables/counts.toml:11:1",
        message: "this row fills 1 of the table's 2 columns",
    },
    Case {
        name: "missing translation",
        breakage: |d| {
            replace(
                &d.join("figures/lost-chart.toml"),
                "caption = { en = \"A chart the source lost\" }",
                "caption = { de = \"Ein verlorenes Diagramm\" }",
            )
        },
        location: "figures/lost-chart.toml:3:11",
        message: "this text has no `en` version (it has: de)",
    },
    Case {
        name: "bad colour",
        breakage: |d| {
            replace(
                &d.join("profile.toml"),
                "primary = \"#203040\"",
                "primary = \"navy\"",
            )
        },
        location: "profile.toml:22:11",
        message: "`navy` is not a colour",
    },
    Case {
        name: "chart of an unknown table",
        breakage: |d| {
            replace(
                &d.join("figures/shares-chart.toml"),
                "table = \"shares\"",
                "table = \"sharez\"",
            )
        },
        location: "figures/shares-chart.toml:8:9",
        message: "the chart draws table `sharez`, but there is no tables/sharez.toml",
    },
    Case {
        name: "chart of an unknown column",
        breakage: |d| {
            replace(
                &d.join("figures/shares-chart.toml"),
                "column = \"women\"",
                "column = \"woman\"",
            )
        },
        location: "figures/shares-chart.toml:12:14",
        message: "table `shares` has no column `woman` (column ids: year, men, women)",
    },
    Case {
        name: "chart of a text column",
        breakage: |d| {
            replace(
                &d.join("figures/shares-chart.toml"),
                "column = \"women\"",
                "column = \"year\"",
            )
        },
        location: "tables/shares.toml:6:1",
        message: "draws column `year` of this row, but its cell is text, not a number",
    },
    Case {
        name: "shares that do not add to 100%",
        breakage: |d| {
            replace(
                &d.join("tables/shares.toml"),
                "value = 51.5",
                "value = 41.5",
            )
        },
        location: "figures/shares-chart.toml:7:8",
        message: "the shares of `2020` add up to 90%, not 100% (beyond rounding)",
    },
    Case {
        name: "pie with two series",
        breakage: |d| {
            replace(
                &d.join("figures/shares-chart.toml"),
                "type = \"stacked-bar-100\"",
                "type = \"pie\"",
            )
        },
        location: "figures/shares-chart.toml:7:8",
        message: "a pie draws exactly one series; this chart has 2",
    },
    Case {
        name: "negative count in a donut",
        breakage: |d| {
            replace(
                &d.join("figures/shares-chart.toml"),
                "type = \"stacked-bar-100\"",
                "type = \"donut\"",
            );
            replace(
                &d.join("figures/shares-chart.toml"),
                "  { column = \"women\", label = { en = \"Women\" } },\n",
                "",
            );
            replace(
                &d.join("tables/shares.toml"),
                "value = 48.5",
                "value = -48.5",
            );
        },
        location: "figures/shares-chart.toml:7:8",
        message: "a donut cannot show a negative count: `2020` is -48.5",
    },
    Case {
        name: "empty series",
        breakage: |d| {
            replace(
                &d.join("tables/shares.toml"),
                "{ value = 48.5, unit = \"percent\" }",
                "{ missing = true }",
            );
            replace(
                &d.join("tables/shares.toml"),
                "{ value = 49, unit = \"percent\" }",
                "{ missing = true }",
            );
        },
        location: "figures/shares-chart.toml:7:8",
        message: "series `Men` is empty",
    },
    Case {
        name: "chart without alt text",
        breakage: |d| {
            replace(&d.join("figures/shares-chart.toml"), "alt = { en = \"Stacked bars: women are slightly more than half of the population in both years.\" }\n", "")
        },
        location: "figures/shares-chart.toml:5:1",
        message: "chart `shares-chart` needs `alt`",
    },
    Case {
        name: "unknown chart kind",
        breakage: |d| {
            replace(
                &d.join("figures/shares-chart.toml"),
                "type = \"stacked-bar-100\"",
                "type = \"radar\"",
            )
        },
        location: "figures/shares-chart.toml:7:8",
        message: "`radar` is not one of",
    },
    Case {
        name: "value labels on a line chart",
        breakage: |d| {
            replace(
                &d.join("figures/shares-chart.toml"),
                "type = \"stacked-bar-100\"",
                "type = \"line\"",
            )
        },
        location: "figures/shares-chart.toml:14:1",
        message: "`value_labels` is not available here: a line chart does not print the value of each point",
    },
    Case {
        name: "a currency on a 100% chart",
        breakage: |d| {
            replace(
                &d.join("figures/shares-chart.toml"),
                "with_table = true",
                "with_table = true\nunit = \"eur\"",
            )
        },
        location: "figures/shares-chart.toml:16:1",
        message: "a stacked-bar-100 chart shows shares in percent",
    },
    Case {
        name: "category without a label in the edition's language",
        breakage: |d| {
            replace(
                &d.join("figures/shares-chart.toml"),
                "labels = \"year\"",
                "category_labels = [{ de = \"Jahr 2020\" }, { de = \"Jahr 2021\" }]",
            )
        },
        location: "figures/shares-chart.toml:9:20",
        message: "this text has no `en` version (it has: de)",
    },
    Case {
        name: "text where a number is expected",
        breakage: |d| {
            replace(
                &d.join("tables/counts.toml"),
                "{ value = 7.25, unit = \"eur\" }",
                "{ value = \"7,25\", unit = \"eur\" }",
            )
        },
        location: "tables/counts.toml:13:48",
        message: "expected a number like 603609 or 10.1, found the text \"7,25\" in quotes",
    },
    Case {
        name: "a decimal where a whole number is expected",
        breakage: |d| {
            replace(
                &d.join("tables/counts.toml"),
                "{ value = 7.25, unit = \"eur\" }",
                "{ value = 7.25, unit = \"eur\", cols = 1.5 }",
            )
        },
        location: "tables/counts.toml:13:75",
        message: "expected a whole number like 3, found the number 1.5",
    },
    Case {
        name: "unknown unit",
        breakage: |d| {
            replace(
                &d.join("tables/counts.toml"),
                "unit = \"eur\"",
                "unit = \"euros\"",
            )
        },
        location: "tables/counts.toml:13:61",
        message: "`euros` is not a unit: write \"percent\", \"year\", \"km2\", \"m2\" or a currency code",
    },
    Case {
        name: "unknown currency",
        breakage: |d| {
            replace(
                &d.join("tables/counts.toml"),
                "unit = \"eur\"",
                "unit = \"TDN\"",
            )
        },
        location: "tables/counts.toml:13:61",
        message: "`TDN` is not an ISO 4217 currency code",
    },
    Case {
        name: "a range that goes down",
        breakage: |d| {
            replace(
                &d.join("tables/counts.toml"),
                "{ value = 7.25, unit = \"eur\" }",
                "{ value = 7.25, to = 5 }",
            )
        },
        location: "tables/counts.toml:13:38",
        message: "a range goes up: `to` (5) must be greater than `value` (7.25)",
    },
    Case {
        name: "unknown data reference in a caption",
        breakage: |d| {
            replace(
                &d.join("tables/counts.toml"),
                "caption = { en = \"Counts by country, Testcity, 2018\" }",
                "caption = { en = \"Counts by country, {{population.totl}}\" }",
            )
        },
        location: "tables/counts.toml:2:",
        message: "unknown data reference {{population.totl}}",
    },
    Case {
        name: "unknown data reference in a table cell",
        breakage: |d| {
            replace(
                &d.join("tables/counts.toml"),
                "cells = [{ text = { en = \"Turkey\" } }, 22845]",
                "cells = [{ text = { en = \"Turkey\" } }, \"{{population.totl}}\"]",
            )
        },
        location: "tables/counts.toml:9:41",
        message: "unknown data reference {{population.totl}}",
    },
    Case {
        name: "unknown data reference in a chapter title",
        breakage: |d| replace(&d.join("text/en/intro.md"), "# Introduction", "# Introduction {{population.totl}}"),
        location: "text/en/intro.md:1:",
        message: "unknown data reference {{population.totl}}",
    },
    Case {
        name: "a language without layout strings",
        breakage: |d| replace(&d.join("profile.toml"), "languages = [\"en\"]", "languages = [\"en\", \"es\"]"),
        location: "strings/es.toml",
        message: "the layout words of language `es` are not built in: create strings/es.toml",
    },
    Case {
        name: "layout strings with keys missing",
        breakage: |d| {
            replace(&d.join("profile.toml"), "languages = [\"en\"]", "languages = [\"en\", \"es\"]");
            fs::create_dir_all(d.join("strings")).unwrap();
            fs::write(d.join("strings/es.toml"), "contents = \"Índice\"\nfigure = \"Fig.\"\n").unwrap();
        },
        location: "strings/es.toml",
        message: "strings/es.toml lacks",
    },
    Case {
        name: "a language CLDR does not know",
        breakage: |d| replace(&d.join("profile.toml"), "languages = [\"en\"]", "languages = [\"en\", \"qq\"]"),
        location: "profile.toml:8:20",
        message: "`qq` in `languages` is not a language CLDR has number and date formats for",
    },
    Case {
        name: "CSV: an English decimal in a German file",
        breakage: |d| with_csv(d, CSV_DE, b"Land;Personen;Quote\nSyria;1.882;41.5\n"),
        location: "data/arrivals.csv:2:13",
        message: "`41.5` is not a number in this CSV's format (`locale = \"de\"`, like 603.600 or 10,1): the grouping separator `.` must stand between groups of three digits",
    },
    Case {
        name: "CSV: an English thousands separator in a count column",
        breakage: |d| with_csv(d, CSV_DE, b"Land;Personen;Quote\nSyria;1,882;41,5\n"),
        location: "data/arrivals.csv:2:7",
        message: "column `Personen` holds counts (kind = \"count\"), which have no decimals",
    },
    Case {
        name: "CSV: a percent sign in a count column",
        breakage: |d| with_csv(d, CSV_DE, b"Land;Personen;Quote\nSyria;19 %;41,5\n"),
        location: "data/arrivals.csv:2:7",
        message: "a `%` in column `Personen`, which is not a percent column",
    },
    Case {
        name: "CSV: a mark that is not declared missing",
        breakage: |d| with_csv(d, &CSV_DE.replace("delimiter", "missing = [\":\"]\ndelimiter"), b"Land;Personen;Quote\nSyria;x;41,5\n"),
        location: "data/arrivals.csv:2:7",
        message: "`x` is not a number in this CSV's format",
    },
    Case {
        name: "CSV: Windows-1252 bytes without a declared encoding",
        breakage: |d| with_csv(d, CSV_DE, b"Land;Personen;Quote\nSyria;1.882;41,5\nT\xfcrkei;2;3\n"),
        location: "data/arrivals.csv:3:2",
        message: "this CSV file is not UTF-8 text (byte 0xfc): declare its encoding in the [csv] section of",
    },
    Case {
        name: "CSV: a column named by a number",
        breakage: |d| with_csv(d, &CSV_DE.replace("{ from = \"Land\" }", "{ from = 3 }"), b"Land;Personen;Quote\nSyria;1.882;41,5\n"),
        location: "tables/arrivals.toml:9:",
        message: "expected a CSV column name like \"Personen\", or one per language like { en = \"Country\", de = \"Land\" }, found the whole number 3",
    },
    Case {
        name: "CSV: an unknown encoding",
        breakage: |d| with_csv(d, &CSV_DE.replace("delimiter", "encoding = \"excel\"\ndelimiter"), b"Land;Personen;Quote\nSyria;1.882;41,5\n"),
        location: "tables/arrivals.toml:8:12",
        message: "`excel` is not a text encoding",
    },
    Case {
        name: "empty alt text",
        breakage: |d| {
            replace(&d.join("figures/shares-chart.toml"), "alt = { en = \"Stacked bars: women are slightly more than half of the population in both years.\" }", "alt = { en = \" \" }")
        },
        location: "figures/shares-chart.toml:4:7",
        message: "figure `shares-chart`: its `alt` text is empty in en",
    },
    Case {
        name: "SVG that refers to a file outside the profile",
        breakage: |d| {
            image_figure(d, "bad.svg");
            fs::write(
                d.join("images/bad.svg"),
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="../../outside.png" width="5" height="5"/></svg>"#,
            )
            .unwrap();
        },
        location: "figures/lost-chart.toml:5:9",
        message: "failed to load linked image ../../outside.png in SVG",
    },
    Case {
        name: "damaged PNG",
        breakage: |d| {
            image_figure(d, "bad.png");
            fs::write(d.join("images/bad.png"), b"\x89PNG\r\n\x1a\nnot a picture at all").unwrap();
        },
        location: "figures/lost-chart.toml:5:9",
        message: "the image",
    },
    Case {
        name: "character that no font has",
        breakage: |d| {
            replace(
                &d.join("tables/counts.toml"),
                "{ en = \"Turkey\" }",
                "{ en = \"Turkey (土耳其)\" }",
            )
        },
        location: "tables/counts.toml:9:35",
        message: "`土耳其` cannot be printed: no font of the edition has these characters (`土` U+571F CJK UNIFIED IDEOGRAPH-571F",
    },
    Case {
        name: "error in the profile's own template",
        breakage: |d| {
            fs::create_dir_all(d.join("template")).unwrap();
            let template = fs::read_to_string(repo_root().join("templates/profile.typ")).unwrap();
            let broken = format!("#let broken = 1 + no-such-size\n{template}");
            fs::write(d.join("template/profile.typ"), broken).unwrap();
        },
        location: "template/profile.typ:1:19",
        message: "unknown variable: no-such-size",
    },
];

/// The `[csv]` of a German CSV table: counts and percentages.
const CSV_DE: &str = r#"number = "table"
caption = { en = "Arrivals" }
columns = [{ id = "country" }, { id = "count" }, { id = "rate" }]

[csv]
file = "data/arrivals.csv"
locale = "de"
delimiter = ";"
columns = [{ from = "Land" }, { from = "Personen", kind = "count" }, { from = "Quote", kind = "percent" }]
"#;

/// Adds a table read from a CSV file, placed in the introduction.
fn with_csv(d: &Path, table: &str, csv: &[u8]) {
    fs::create_dir_all(d.join("data")).unwrap();
    fs::write(d.join("data/arrivals.csv"), csv).unwrap();
    add_table(d, "arrivals", table, "");
}

/// Turns the fixture's unavailable figure into one that shows
/// `images/<name>` (line 5 names it).
fn image_figure(d: &Path, name: &str) {
    fs::create_dir_all(d.join("images")).unwrap();
    fs::write(
        d.join("figures/lost-chart.toml"),
        format!("kind = \"photo\"\ncaption = {{ en = \"A photo\" }}\nsource = \"Nobody, 2020\"\nalt = {{ en = \"A street\" }}\nimage = \"images/{name}\"\n"),
    )
    .unwrap();
}

/// The `FILE:LINE` places of a run's error messages (the `--> FILE:LINE:COLUMN`
/// line under each `error:` line).
fn error_places(err: &str) -> Vec<String> {
    let mut places = Vec::new();
    let mut in_error = false;
    for line in err.lines() {
        if let Some(rest) = line.strip_prefix("error: ") {
            in_error = true;
            // A message without its source line: `error: FILE:LINE:COLUMN: ...`.
            if let Some((place, _)) = rest.split_once(": ") {
                let mut parts = place.splitn(3, ':');
                if let Some(file) = parts.next().filter(|f| f.contains('/') && !f.contains(' ')) {
                    match parts.next() {
                        Some(line_number) => places.push(format!("{file}:{line_number}")),
                        None => places.push(file.to_string()),
                    }
                }
            }
        } else if line.starts_with("error") {
            in_error = true;
        } else if line.starts_with("warning") {
            in_error = false;
        } else if let Some(place) = line.trim_start().strip_prefix("--> ") {
            if in_error {
                let mut parts = place.rsplitn(3, ':');
                let (_column, line_number) = (parts.next(), parts.next());
                if let (Some(line_number), Some(file)) = (line_number, parts.next()) {
                    places.push(format!("{file}:{line_number}"));
                }
            }
        }
    }
    places.sort();
    places.dedup();
    places
}

#[test]
fn check_refuses_what_build_refuses_at_the_same_place() {
    let mut failures = Vec::new();
    let mut refused = 0;
    for case in CASES {
        let (_tmp, broken) = fixture_copy("minimal");
        (case.breakage)(&broken);
        let dir = broken.to_str().unwrap();
        let build = cityprofile(broken.parent().unwrap(), &["build", dir, "--out", "pdf"]);
        if build.status.success() {
            continue;
        }
        refused += 1;
        let check = cityprofile(broken.parent().unwrap(), &["check", dir]);
        let (built, checked) = (stderr(&build), stderr(&check));
        if check.status.code() != Some(1) {
            failures.push(format!(
                "{}: build refuses it, check passes\n{built}",
                case.name
            ));
            continue;
        }
        let checked_places = error_places(&checked);
        let built_places = error_places(&built);
        if built_places.is_empty() {
            failures.push(format!(
                "{}: build refuses it without a place\n{built}",
                case.name
            ));
        }
        for place in built_places {
            if !checked_places.contains(&place) {
                failures.push(format!(
                    "{}: build refuses it at {place}, check does not\nbuild: {built}\ncheck: {checked}",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(refused >= 20, "only {refused} cases were refused by build");
}

#[test]
fn every_broken_profile_fails_clearly_and_keeps_the_last_good_pdf() {
    let (_good_tmp, good) = fixture_copy("minimal");
    let out = tempdir();
    let built = cityprofile(
        out.path(),
        &["build", good.to_str().unwrap(), "--out", "pdf"],
    );
    assert!(
        built.status.success(),
        "the good fixture builds: {}",
        stderr(&built)
    );
    let pdf = out.path().join("pdf/testcity-en.pdf");
    let good_bytes = fs::read(&pdf).unwrap();

    let mut failures = Vec::new();
    for case in CASES {
        let (_tmp, broken) = fixture_copy("minimal");
        (case.breakage)(&broken);
        for command in ["check", "build"] {
            let mut args = vec![command, broken.to_str().unwrap()];
            if command == "build" {
                args.extend(["--out", "pdf"]);
            }
            let run = cityprofile(out.path(), &args);
            let err = stderr(&run);
            let code = run.status.code();
            let location = format!("{}{}", broken.display(), format_args!("/{}", case.location));
            if code != Some(1) {
                failures.push(format!(
                    "{} ({command}): exit code {code:?}, expected 1\n{err}",
                    case.name
                ));
            }
            if !err.contains(&location) {
                failures.push(format!(
                    "{} ({command}): expected location {location}\n{err}",
                    case.name
                ));
            }
            if !err.contains(case.message) {
                failures.push(format!(
                    "{} ({command}): expected message {:?}\n{err}",
                    case.name, case.message
                ));
            }
            if err.contains("panicked") {
                failures.push(format!("{} ({command}): panicked\n{err}", case.name));
            }
        }
        assert_eq!(
            fs::read(&pdf).unwrap(),
            good_bytes,
            "{}: the last good PDF was changed",
            case.name
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn check_reports_every_problem_not_just_the_first() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace(
        &dir.join("text/en/intro.md"),
        "{{table:counts}}",
        "{{table:countz}}",
    );
    replace(
        &dir.join("text/en/intro.md"),
        "{{population.share}}",
        "{{population.shares}}",
    );
    replace(
        &dir.join("figures/lost-chart.toml"),
        "caption = { en = \"A chart the source lost\" }",
        "caption = { de = \"x\" }",
    );
    let run = cityprofile(dir.parent().unwrap(), &["check", dir.to_str().unwrap()]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1));
    assert!(err.contains("names no table"), "{err}");
    assert!(err.contains("{{population.shares}}"), "{err}");
    assert!(err.contains("no `en` version"), "{err}");
    assert!(err.contains("check failed: 3 error(s)"), "{err}");
}

#[test]
fn check_lists_unavailable_figures_as_warnings() {
    let (_tmp, dir) = fixture_copy("minimal");
    let run = cityprofile(dir.parent().unwrap(), &["check", dir.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("warning:") && err.contains("lost-chart.toml:2:10"),
        "{err}"
    );
    assert!(
        err.contains("\"A chart the source lost\"): its content is not available"),
        "{err}"
    );
    assert!(stdout(&run).contains("check passed: 1 warning(s)"));
}

#[test]
fn a_wrong_command_line_exits_with_2() {
    let tmp = tempdir();
    let run = cityprofile(tmp.path(), &["build", "--no-such-option"]);
    assert_eq!(run.status.code(), Some(2));
    let run = cityprofile(tmp.path(), &["frobnicate"]);
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn a_missing_profile_folder_is_an_input_error() {
    let tmp = tempdir();
    let run = cityprofile(tmp.path(), &["build", "no/such/profile"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("no/such/profile: no such profile folder"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn an_undeclared_language_is_refused() {
    let (_tmp, dir) = fixture_copy("minimal");
    let run = cityprofile(
        dir.parent().unwrap(),
        &["build", dir.to_str().unwrap(), "--lang", "xx"],
    );
    // A wrong command line (exit 2) that lists the profile's languages.
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("invalid value 'xx' for '--lang'")
            && stderr(&run).contains("has the languages en"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn errors_show_their_source_line_with_a_caret() {
    // A broken TOML value: its file, line and the line with a caret.
    let (_tmp, dir) = fixture_copy("minimal");
    replace(
        &dir.join("values.toml"),
        "total = 603600",
        "total = \"603600",
    );
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    let toml_at = err
        .find("values.toml:2:")
        .unwrap_or_else(|| panic!("{err}"));
    let toml_lines: Vec<&str> = err[toml_at..].lines().take(4).collect();
    assert_eq!(toml_lines[2], "2 | total = \"603600", "{err}");
    assert_eq!(toml_lines[3], format!("  | {}^", " ".repeat(15)), "{err}");
    assert!(
        err[..toml_at].ends_with("error: invalid basic string, expected `\"`\n  --> "),
        "{err}"
    );

    // A broken placement: the Markdown file and line, caret at the marker.
    let (_tmp, dir) = fixture_copy("minimal");
    replace(
        &dir.join("text/en/intro.md"),
        "{{table:counts}}",
        "{{table:countz}}",
    );
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    let markdown_at = err.find("intro.md:7:1").unwrap_or_else(|| panic!("{err}"));
    let markdown_lines: Vec<&str> = err[markdown_at..].lines().take(4).collect();
    let header = err[..markdown_at].lines().rev().nth(1).unwrap();
    assert!(header.contains("names no table"), "{err}");
    assert_eq!(markdown_lines[2], "7 | {{table:countz}}", "{err}");
    assert_eq!(markdown_lines[3], "  | ^", "{err}");
}

#[test]
fn a_name_given_twice_shows_where_it_was_first_given() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace(
        &dir.join("profile.toml"),
        "languages = [\"en\"]",
        "languages = [\"en\", \"en\"]",
    );
    let err = check_fails(&dir);
    let at = err
        .find("error: `en` is listed twice")
        .unwrap_or_else(|| panic!("{err}"));
    let lines: Vec<&str> = err[at..].lines().take(7).collect();
    assert_eq!(lines[1], "  --> profile.toml:8:20", "{err}");
    assert_eq!(lines[3], "8 | languages = [\"en\", \"en\"]", "{err}");
    // The second is underlined whole, the first marked with its label.
    assert_eq!(lines[4].trim_end(), "  |              ----  ^^^^", "{err}");
    assert!(lines[6].ends_with("first listed here"), "{err}");

    // In one file on two lines: each line shown, in the file's order.
    let (_tmp, dir) = fixture_copy("minimal");
    replace(
        &dir.join("tables/counts.toml"),
        "id = \"rent\"",
        "id = \"turkey\"",
    );
    let err = check_fails(&dir);
    let at = err
        .find("error: row id `turkey` is used twice")
        .unwrap_or_else(|| panic!("{err}"));
    let lines: Vec<&str> = err[at..].lines().take(7).collect();
    assert_eq!(lines[1], "   --> tables/counts.toml:11:1", "{err}");
    assert_eq!(lines[3], " 7 | [[rows]]", "{err}");
    assert_eq!(lines[4], "   | -------- first used here", "{err}");
    assert_eq!(lines[5], "11 | [[rows]]", "{err}");
    assert_eq!(lines[6], "   | ^^^^^^^^", "{err}");
}

#[test]
fn numbers_that_look_mistyped_are_warnings_that_say_how_to_write_them() {
    let (_tmp, dir) = fixture_copy("minimal");
    append_to_file(
        &dir.join("values.toml"),
        "\n[mistyped]\nas_text = \"603.609\"\nwith_decimals = 603.609\nwith_zeros = 603.600\nin_a_table = { value = 22.800 }\nmoney = { value = 1.250, unit = \"TND\" }\n",
    );
    let run = cityprofile(&dir, &["check", "."]);
    let err = stderr(&run);
    assert!(run.status.success(), "warnings only: {err}");
    let values = dir.join("values.toml");
    let text = std::fs::read_to_string(&values).unwrap();
    let line = |key: &str| text.lines().position(|l| l.starts_with(key)).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "values.toml:{}:11: \"603.609\" is text that looks like a number: it prints as written in every edition, never formatted; write the number without quotes and without thousands separators, like 603609",
            line("as_text")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "values.toml:{}:17: 603.609 is read as a number with three decimals: if you mean 603609, write 603609",
            line("with_decimals")
        )),
        "{err}"
    );
    // Zeros at the end are kept as written, so they are the same mistake.
    assert!(
        err.contains(&format!(
            "values.toml:{}:14: 603.600 is read as a number with three decimals: if you mean 603600, write 603600",
            line("with_zeros")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "values.toml:{}:14: 22.800 is read as a number with three decimals: if you mean 22800",
            line("in_a_table")
        )),
        "{err}"
    );
    // A dinar amount has three decimals by right.
    assert!(
        !err.contains(&format!("values.toml:{}:", line("money"))),
        "{err}"
    );
}

#[test]
fn a_number_written_the_local_way_gets_its_toml_form_at_its_line() {
    for (written, column, number) in [
        ("1.234,5", 14, "1234.5"),
        ("628 718", 9, "628718"),
        ("297,8", 12, "297.8"),
    ] {
        let (_tmp, dir) = fixture_copy("minimal");
        fs::write(
            dir.join("values.toml"),
            format!(
                "[population]\ntotal = {written}\nshare = {{ value = 10.1, unit = \"percent\" }}\n"
            ),
        )
        .unwrap();
        let run = cityprofile(&dir, &["check", "."]);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        let err = stderr(&run);
        assert!(
            reports_at(
                &err,
                &format!("values.toml:2:{column}"),
                &format!("`{written}` is a number written the local way")
            ) && err.contains(&format!("write {number} (without quotes")),
            "{written}: {err}"
        );
        assert!(!err.contains("must be quoted"), "{err}");
    }
}
