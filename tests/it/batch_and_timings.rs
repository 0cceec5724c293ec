//! Building several profile folders in one run (a broken one does not stop
//! the others) and the `--timings` report of where each edition's time went.

use crate::common::*;

#[test]
fn several_profiles_build_in_one_run_and_a_broken_one_does_not_stop_the_others() {
    let (tmp, good) = fixture_copy("minimal");
    // A copy of the fixture beside it, its `id = ...` line replaced.
    let copy_with = |name: &str, id_line: &str| {
        let dir = tmp.path().join(name);
        copy_dir(&good, &dir);
        replace_in_file(&dir.join("profile.toml"), "id = \"testcity\"", id_line);
    };
    copy_with("broken", "id = \"brokencity\"\ncolour = 1");
    copy_with("second", "id = \"secondcity\"");

    let out = tmp.path().join("out");
    let run = cityprofile(
        tmp.path(),
        &[
            "build",
            "minimal",
            "broken",
            "second",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("broken/profile.toml:3:1"), "{err}");
    assert!(err.contains("1 of 3 profiles failed: broken"), "{err}");
    assert!(out.join("testcity-en.pdf").exists());
    assert!(out.join("secondcity-en.pdf").exists());
    assert!(!out.join("brokencity-en.pdf").exists());
    let progress = stdout(&run);
    assert!(progress.contains("secondcity-en.pdf ("), "{progress}");
    assert!(progress.contains(" pages, "), "{progress}");
    assert!(
        progress.contains("built 2 edition(s) of 2 profile(s) in "),
        "{progress}"
    );

    // --quiet: errors only, no progress, warnings or summary.
    let run = cityprofile(
        tmp.path(),
        &[
            "build",
            "minimal",
            "broken",
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(stdout(&run), "");
    let err = stderr(&run);
    assert!(
        err.contains("error: ") && err.contains("--> broken/profile.toml:3:1"),
        "{err}"
    );
    assert!(!err.contains("warning:"), "{err}");

    let text = squash(&pdf_text(&out.join("secondcity-en.pdf")));
    assert!(text.contains("Testcity has 603,600 inhabitants"), "{text}");
}

/// What `build --timings` prints for the `minimal` fixture, with the
/// arguments `more`; panics with the messages when the build fails.
fn timings_report(more: &[&str]) -> String {
    let (tmp, dir) = fixture_copy("minimal");
    let out = tmp.path().join("out");
    let mut args = vec![
        "build",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--timings",
    ];
    args.extend_from_slice(more);
    let run = cityprofile(tmp.path(), &args);
    assert!(run.status.success(), "{}", stderr(&run));
    stdout(&run)
}

#[test]
fn timings_report_each_phase_of_each_edition() {
    let report = timings_report(&[]);
    assert!(
        report.contains("timings (ms): load and validate"),
        "{report}"
    );
    let header = report
        .lines()
        .find(|l| l.starts_with("edition"))
        .unwrap_or_else(|| panic!("no header: {report}"));
    for phase in [
        "markdown",
        "charts",
        "compile",
        "pdf export",
        "write",
        "total",
    ] {
        assert!(header.contains(phase), "{header}");
    }
    let row = report
        .lines()
        .find(|l| l.starts_with("en "))
        .unwrap_or_else(|| panic!("no row for en: {report}"));
    let numbers: Vec<f64> = row
        .split_whitespace()
        .skip(1)
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(numbers.len(), 7, "{row}");
    // Two layout passes: one, and one for the contents' page numbers.
    assert_eq!(numbers[6], 2.0, "{row}");
    // Typst layout takes time; the total is the sum of the phases.
    assert!(numbers[2] > 0.0, "{row}");
    let sum: f64 = numbers[..5].iter().sum();
    assert!((sum - numbers[5]).abs() < 0.5, "{row}");
    assert!(report.contains("wall time"), "{report}");
}

#[test]
fn timings_name_the_print_edition() {
    let report = timings_report(&["--print"]);
    let rows: Vec<&str> = report.lines().filter(|l| l.starts_with("en ")).collect();
    assert_eq!(rows.len(), 2, "{report}");
    assert_eq!(
        rows.iter().filter(|l| l.starts_with("en print ")).count(),
        1,
        "{report}"
    );
}
