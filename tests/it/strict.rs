//! `--strict`, the gate of the final print run: each case of the corpus is a
//! copy of the minimal profile with one thing a printed copy must not carry.
//! A normal build prints it and warns; `build --strict` and `check --strict`
//! refuse it with its file, line and message.

use std::fs;
use std::path::Path;

use crate::common::*;

/// One case: how it changes the profile, where the error is, what it says.
struct Case {
    name: &'static str,
    change: fn(&Path),
    at: &'static str,
    says: &'static str,
}

const INTRO: &str = "text/en/intro.md";

const CASES: &[Case] = &[
    Case {
        name: "to-do marker",
        change: |dir| append_to_file(&dir.join(INTRO), "\n{{todo: write this section}}\n"),
        at: "intro.md:17:1",
        says: "to do: write this section",
    },
    Case {
        name: "to-do text in the prose",
        change: |dir| {
            append_to_file(
                &dir.join(INTRO),
                "\nThe rest. TODO: add the 2020 figures.\n",
            )
        },
        at: "intro.md:17:11",
        says: "to do: `TODO` in the text",
    },
    Case {
        name: "to-do text in the data",
        change: |dir| {
            replace_in_file(
                &dir.join("tables/counts.toml"),
                "Counts by country, Testcity, 2018",
                "TODO: caption of the counts",
            )
        },
        at: "counts.toml:2:",
        says: "to do: caption of the counts",
    },
    Case {
        name: "figure to do",
        change: |dir| {
            replace_in_file(
                &dir.join("figures/lost-chart.toml"),
                "status = \"unavailable\"",
                "status = \"todo\"",
            )
        },
        at: "lost-chart.toml:2:",
        says: "to do: figure `lost-chart`",
    },
    Case {
        name: "numbered table placed nowhere",
        change: |dir| replace_in_file(&dir.join(INTRO), "{{table:counts}}", "Counts."),
        at: "counts.toml:1:1",
        says: "table `counts` is numbered but not placed in any chapter",
    },
    Case {
        name: "unnumbered table printed nowhere",
        change: |dir| {
            fs::write(
                dir.join("tables/unused.toml"),
                "number = \"none\"\ncolumns = [{ id = \"a\" }]\n\n[[rows]]\ncells = [\"x\"]\n",
            )
            .unwrap()
        },
        at: "unused.toml:1:1",
        says: "table `unused` is printed nowhere",
    },
    Case {
        name: "figure placed nowhere",
        change: |dir| replace_in_file(&dir.join(INTRO), "{{figure:lost-chart}}", "A chart."),
        at: "lost-chart.toml:1:1",
        says: "figure `lost-chart` is not placed in any chapter",
    },
    Case {
        name: "marker with a lost brace",
        change: |dir| append_to_file(&dir.join(INTRO), "\nSee {{table:counts} above.\n"),
        at: "intro.md:17:5",
        says: "`{{` opens a marker that is never closed",
    },
    Case {
        name: "marker with single braces",
        change: |dir| append_to_file(&dir.join(INTRO), "\nSee {table:counts} above.\n"),
        at: "intro.md:17:5",
        says:
            "`{table:counts}` looks like a marker with the wrong brackets: write `{{table:counts}}`",
    },
    Case {
        name: "marker in double brackets",
        change: |dir| append_to_file(&dir.join(INTRO), "\nSee [[figure:lost-chart]] above.\n"),
        at: "intro.md:17:5",
        says: "`[[figure:lost-chart]]` looks like a marker with the wrong brackets",
    },
    Case {
        name: "table caption next to no table",
        change: |dir| append_to_file(&dir.join(INTRO), "\nTable: A caption without its table\n"),
        at: "intro.md:17:1",
        says: "a `Table:` caption belongs directly before or after a pipe table",
    },
];

#[test]
fn strict_refuses_each_case_that_a_normal_build_only_warns_about() {
    let mut failures = Vec::new();
    for case in CASES {
        let (_tmp, dir) = fixture_copy("minimal");
        (case.change)(&dir);
        let out = dir.join("out");
        let args = ["build", ".", "--out", out.to_str().unwrap()];
        let normal = cityprofile(&dir, &args);
        let warned = stderr(&normal);
        if !normal.status.success() || !warned.contains(case.says) {
            failures.push(format!(
                "{}: a normal build should succeed and warn {:?}:\n{warned}",
                case.name, case.says
            ));
            continue;
        }
        for command in [
            &["build", ".", "--strict"][..],
            &["check", ".", "--strict"][..],
        ] {
            let strict = cityprofile(&dir, command);
            let err = stderr(&strict);
            let errors = error_lines(&err);
            let line = errors.iter().find(|l| l.contains(case.says));
            let ok = strict.status.code() == Some(1)
                && line.is_some_and(|l| l.contains(case.at) && l.contains("--strict"));
            if !ok {
                failures.push(format!(
                    "{}: `{}` should fail at {} with {:?}:\n{err}",
                    case.name,
                    command.join(" "),
                    case.at,
                    case.says
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn strict_still_prints_figures_whose_content_is_not_available() {
    let (_tmp, dir) = fixture_copy("minimal");
    let out = dir.join("out");
    let built = cityprofile(
        &dir,
        &["build", ".", "--strict", "--out", out.to_str().unwrap()],
    );
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        stderr(&built).contains("warning:") && stderr(&built).contains("not available"),
        "{}",
        stderr(&built)
    );
}

#[test]
fn a_new_profile_full_of_placeholders_does_not_pass_strict() {
    let tmp = tempdir();
    let dir = tmp.path().join("newcity");
    let made = cityprofile(
        tmp.path(),
        &["new", dir.to_str().unwrap(), "--city", "Newcity"],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let normal = cityprofile(&dir, &["build", ".", "--out", "out"]);
    assert!(normal.status.success(), "{}", stderr(&normal));
    let strict = cityprofile(&dir, &["build", ".", "--strict", "--out", "out2"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    let err = stderr(&strict);
    let todo_errors = err
        .lines()
        .filter(|l| l.starts_with("error:") && l.contains("to do:"))
        .count();
    assert!(todo_errors >= 10, "{err}");
    assert!(!dir.join("out2").exists() || fs::read_dir(dir.join("out2")).unwrap().count() == 0);
}

/// A placeholder text in the data is an error of the print run, not a
/// reason to stop: `check --strict` and `build --strict` go on and report
/// the problems of the chapters and the other texts in the same run.
#[test]
fn a_data_placeholder_does_not_hide_the_other_errors() {
    let (_tmp, dir) = fixture_copy("sfax");
    append_to_file(
        &dir.join("text/fr/sources.md"),
        "\nTexte [Wort]{lang=} fin.\n",
    );
    replace_in_file(
        &dir.join("tables/indicateurs.toml"),
        "fr = \"Indicateurs de Sfax",
        "fr = \"TODO: Indicateurs de Sfax",
    );
    for command in [&["check", "."][..], &["build", ".", "--out", "out"][..]] {
        let run = cityprofile(&dir, &[command, &["--strict"]].concat());
        let command = command[0];
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        let errors = error_lines(&stderr(&run));
        let has = |says: &str, at: &str| errors.iter().any(|l| l.contains(says) && l.contains(at));
        assert!(
            has("to do: Indicateurs de Sfax", "indicateurs.toml:3:"),
            "{command}: {errors:#?}"
        );
        assert!(
            has("the span's language is missing", "text/fr/sources.md:"),
            "{command}: {errors:#?}"
        );
        assert!(
            has("has no `es` version", "indicateurs.toml:"),
            "{command}: {errors:#?}"
        );
        assert!(
            has("is not translated into es", "situation-migratoire.md"),
            "{command}: {errors:#?}"
        );
    }
}

/// What only the print run refuses does not keep `check --strict` from
/// laying the editions out: a mistake in the layout is reported with it.
#[test]
fn check_strict_reports_layout_errors_with_the_print_run_errors() {
    let (_tmp, dir) = fixture_copy("minimal");
    let run = cityprofile(&dir, &["template", "export", "template"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let cover = dir.join("template/components/cover.typ");
    let text = fs::read_to_string(&cover).unwrap();
    let broken = text.replace(
        "text(size: 14pt, words(edition.meta.country))",
        "text(size: 14pt, words(edition.meta.country) + 1)",
    );
    assert_ne!(broken, text, "the cover line moved: update this test");
    fs::write(&cover, broken).unwrap();
    append_to_file(&dir.join(INTRO), "\n{{todo: write this section}}\n");
    let run = cityprofile(&dir, &["check", ".", "--strict"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    let errors = error_lines(&err);
    assert!(
        errors
            .iter()
            .any(|l| l.contains("to do: write this section") && l.contains("intro.md:17:1")),
        "{errors:#?}"
    );
    assert!(
        err.contains("template/components/cover.typ:") && err.contains("Typst: cannot add"),
        "{err}"
    );
}

/// `check --strict` reads each file of the model once: `profile.toml` and
/// every table and figure are parsed once, however many editions and stages
/// use them. The calls are the ones `cityprofile check --strict` makes: load
/// the project, check it strictly, then the segment report of each
/// translation.
#[test]
fn a_strict_check_parses_each_file_of_the_model_once() {
    use cityprofile::build::{self, Project};
    let (_tmp, dir) = fixture_copy("charts");
    let project = Project::load(&dir);
    let report = build::check(&project, None, true);
    let errors: Vec<String> = report.diagnostics.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let profile = project.profile.as_ref().expect("the profile loads");
    for lang in profile.declared_languages() {
        if lang != profile.source_language() {
            cityprofile::translate::po::state(profile, &lang).expect("a segment report");
        }
    }
    let sources = project.sources();
    assert_eq!(sources.text_reads(&dir.join("profile.toml")), 1);
    let mut model_files = 0;
    for folder in ["tables", "figures"] {
        for entry in fs::read_dir(dir.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            assert_eq!(sources.text_reads(&path), 1, "{}", path.display());
            model_files += 1;
        }
    }
    assert_eq!(
        model_files, 12,
        "the charts fixture changed: update this test"
    );
}
