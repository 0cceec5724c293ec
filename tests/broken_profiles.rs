//! A corpus of broken profiles: each must fail with exit code 1 and a message
//! that names the file, line and column, and must leave the last good PDF
//! exactly as it was.

mod common;

use std::fs;
use std::path::Path;

use common::*;

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
        message: "unknown field `colour`",
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
        message: "expected",
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
        message: "unknown variant `radar`",
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
        name: "SVG with an empty reference",
        breakage: |d| {
            image_figure(d, "bad.svg");
            fs::write(
                d.join("images/bad.svg"),
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="" width="5" height="5"/></svg>"#,
            )
            .unwrap();
        },
        location: "figures/lost-chart.toml:5:9",
        message: "failed to load linked image  in SVG",
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
            let broken = template.replacen("#let body-size = 9.5pt", "#let body-size = 9.5pt + no-such-size", 1);
            assert_ne!(template, broken, "the template defines body-size");
            fs::write(d.join("template/profile.typ"), broken).unwrap();
        },
        location: "template/profile.typ:10:",
        message: "unknown variable: no-such-size",
    },
];

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

/// The `error: FILE:LINE:` places of a run's messages.
fn error_places(err: &str) -> Vec<String> {
    let mut places: Vec<String> = err
        .lines()
        .filter_map(|l| l.strip_prefix("error: "))
        .filter_map(|l| {
            let mut parts = l.splitn(3, ':');
            Some(format!("{}:{}", parts.next()?, parts.next()?))
        })
        .collect();
    places.sort();
    places.dedup();
    places
}

#[test]
fn check_refuses_what_build_refuses_at_the_same_place() {
    let mut failures = Vec::new();
    for case in CASES {
        let (_tmp, broken) = fixture_copy("minimal");
        (case.breakage)(&broken);
        let dir = broken.to_str().unwrap();
        let build = cityprofile(broken.parent().unwrap(), &["build", dir, "--out", "pdf"]);
        if build.status.success() {
            continue;
        }
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
        for place in error_places(&built) {
            if !checked_places.contains(&place) {
                failures.push(format!(
                    "{}: build refuses it at {place}, check does not\nbuild: {built}\ncheck: {checked}",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_broken_profile_fails_clearly_and_keeps_the_last_good_pdf() {
    let (_good_tmp, good) = fixture_copy("minimal");
    let out = tempfile::tempdir().unwrap();
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
    let tmp = tempfile::tempdir().unwrap();
    let run = cityprofile(tmp.path(), &["build", "--no-such-option"]);
    assert_eq!(run.status.code(), Some(2));
    let run = cityprofile(tmp.path(), &["frobnicate"]);
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn a_missing_profile_folder_is_an_input_error() {
    let tmp = tempfile::tempdir().unwrap();
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
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("`xx` is not one of the profile's languages (en)"),
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
    let markdown_at = err.find("intro.md:7:1:").unwrap_or_else(|| panic!("{err}"));
    let markdown_lines: Vec<&str> = err[markdown_at..].lines().take(4).collect();
    assert!(markdown_lines[0].contains("names no table"), "{err}");
    assert_eq!(markdown_lines[2], "7 | {{table:countz}}", "{err}");
    assert_eq!(markdown_lines[3], "  | ^", "{err}");
}
