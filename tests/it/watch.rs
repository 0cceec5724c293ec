//! `cityprofile watch`: a data edit rebuilds the PDF, an edit of one
//! translation rebuilds only that edition, a broken edit reports
//! its error and keeps the last good PDF, and the watch goes on after it;
//! `--quiet` prints only errors.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::*;

/// Kills the watch when the test ends, even when it fails.
struct Watch(Child);

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends every line a stream prints to a channel, tagged with its name.
fn forward(stream: impl Read + Send + 'static, tag: &'static str, to: mpsc::Sender<String>) {
    thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if to.send(format!("{tag}: {line}")).is_err() {
                break;
            }
        }
    });
}

/// Waits for a line that satisfies `wanted`; every line seen is kept for
/// the failure message.
fn wait_for(lines: &Receiver<String>, seen: &mut Vec<String>, wanted: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => {
                let found = wanted(&line);
                seen.push(line);
                if found {
                    return;
                }
            }
            Err(_) => panic!(
                "the watch did not report in time; it printed:\n{}",
                seen.join("\n")
            ),
        }
    }
}

/// Waits for rebuilds until the PDF says `expected` (a file system may
/// report one save as several changes, each followed by a rebuild).
fn wait_for_rebuild(lines: &Receiver<String>, seen: &mut Vec<String>, pdf: &Path, expected: &str) {
    for _ in 0..5 {
        wait_for(lines, seen, |l| l.starts_with("out: built en in "));
        if squash(&pdf_text(pdf)).contains(expected) {
            return;
        }
    }
    panic!(
        "the PDF never said {expected:?}; the watch printed:\n{}",
        seen.join("\n")
    );
}

fn set_population(values: &Path, text: &str) {
    fs::write(
        values,
        format!("[population]\ntotal = {text}\nshare = {{ value = 10.1, unit = \"percent\" }}\n"),
    )
    .unwrap();
}

/// Starts `cityprofile watch` on a profile; its output lines arrive on the
/// receiver as `out: ...` and `err: ...`.
fn start_watch(dir: &Path, out: &Path) -> (Watch, Receiver<String>) {
    start_watch_with(dir, out, &[])
}

/// `start_watch` with more arguments.
fn start_watch_with(dir: &Path, out: &Path, more: &[&str]) -> (Watch, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args([
            "watch",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(more)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cityprofile watch");
    let (sender, lines) = mpsc::channel();
    forward(child.stdout.take().unwrap(), "out", sender.clone());
    forward(child.stderr.take().unwrap(), "err", sender);
    (Watch(child), lines)
}

#[test]
fn a_data_edit_rebuilds_and_a_broken_edit_keeps_the_last_good_pdf() {
    let (tmp, dir) = fixture_copy("minimal");
    let out = tmp.path().join("out");
    let pdf = out.join("testcity-en.pdf");
    let (_watch, lines) = start_watch(&dir, &out);
    let mut seen = Vec::new();
    let built = |l: &str| l.starts_with("out: built en in ");

    wait_for(&lines, &mut seen, built);
    assert!(squash(&pdf_text(&pdf)).contains("Testcity has 603,600 inhabitants"));

    let values = dir.join("values.toml");
    set_population(&values, "604000");
    wait_for_rebuild(&lines, &mut seen, &pdf, "Testcity has 604,000 inhabitants");
    assert!(seen.last().unwrap().contains("values.toml"), "{seen:?}");
    // The fixture's warning (a figure whose content is not available) is
    // shown by the first build and counted, not repeated, by the rebuild.
    let shown = seen
        .iter()
        .filter(|l| l.contains("its content is not available"))
        .count();
    assert_eq!(shown, 1, "{seen:?}");
    assert!(
        seen.last().unwrap().contains("1 warning(s) as before"),
        "{seen:?}"
    );

    // A broken value: the error names the file and line, the PDF stays.
    set_population(&values, "\"604000");
    wait_for(&lines, &mut seen, |l| {
        l.starts_with("err: error: build failed")
    });
    let error_at = seen
        .iter()
        .position(|l| l.contains("values.toml:2:"))
        .unwrap_or_else(|| panic!("{seen:?}"));
    assert!(seen[error_at - 1].starts_with("err: error:"), "{seen:?}");
    assert!(squash(&pdf_text(&pdf)).contains("Testcity has 604,000 inhabitants"));

    // The watch goes on: the next good edit is built.
    set_population(&values, "605000");
    wait_for_rebuild(&lines, &mut seen, &pdf, "Testcity has 605,000 inhabitants");
}

#[test]
fn an_edit_of_one_translation_rebuilds_only_that_edition() {
    let (tmp, dir) = fixture_copy("bilingual");
    let out = tmp.path().join("out");
    let english = out.join("testcity-en.pdf");
    let german = out.join("testcity-de.pdf");
    let (_watch, lines) = start_watch(&dir, &out);
    let mut seen = Vec::new();
    wait_for(&lines, &mut seen, |l| {
        l.starts_with("out: built en, de in ")
    });
    let english_before = fs::read(&english).unwrap();
    let english_written = fs::metadata(&english).unwrap().modified().unwrap();
    let first_build = seen.len();

    // The German text changes: only the German edition is built again.
    append_to_file(
        &dir.join("text/de/intro.md"),
        "\nEin neuer Satz im Testprofil.\n",
    );
    wait_for(&lines, &mut seen, |l| {
        l.starts_with("out: built de in ") && l.contains("(en unchanged)")
    });
    assert!(squash(&pdf_text(&german)).contains("Ein neuer Satz im Testprofil."));
    assert_eq!(fs::read(&english).unwrap(), english_before);
    assert_eq!(
        fs::metadata(&english).unwrap().modified().unwrap(),
        english_written
    );
    assert!(
        !seen[first_build..]
            .iter()
            .any(|l| l.starts_with("out: built en")),
        "the English edition was rebuilt: {seen:?}"
    );

    // A PDF that is gone is written again, even when nothing changed.
    fs::remove_file(&english).unwrap();
    append_to_file(&dir.join("text/de/intro.md"), "");
    wait_for(&lines, &mut seen, |l| {
        l.starts_with("out: built en in ") && l.contains("(de unchanged)")
    });
    assert!(squash(&pdf_text(&english)).contains("Testcity"));
}

#[test]
fn a_quiet_watch_prints_only_errors() {
    let (tmp, dir) = fixture_copy("minimal");
    let out = tmp.path().join("out");
    let pdf = out.join("testcity-en.pdf");
    let (_watch, lines) = start_watch_with(&dir, &out, &["--quiet"]);
    let deadline = Instant::now() + Duration::from_secs(120);
    while !pdf.exists() {
        assert!(Instant::now() < deadline, "the quiet watch wrote no PDF");
        thread::sleep(Duration::from_millis(50));
    }
    let mut seen = Vec::new();
    set_population(&dir.join("values.toml"), "\"604000");
    wait_for(&lines, &mut seen, |l| {
        l.starts_with("err: error: build failed")
    });
    assert!(
        seen.iter().any(|l| l.contains("values.toml:2:")),
        "{seen:?}"
    );
    // No progress lines and no warnings (the fixture has one), only errors.
    assert!(!seen.iter().any(|l| l.starts_with("out: ")), "{seen:?}");
    assert!(!seen.iter().any(|l| l.contains("warning")), "{seen:?}");
}

#[test]
fn version_control_and_editor_files_in_the_profile_are_no_changes() {
    let (tmp, dir) = fixture_copy("minimal");
    let out = tmp.path().join("out");
    let pdf = out.join("testcity-en.pdf");
    let (_watch, lines) = start_watch(&dir, &out);
    let mut seen = Vec::new();
    wait_for(&lines, &mut seen, |l| l.starts_with("out: built en in "));
    let first_build = seen.len();

    // What `git commit` and editors write inside the profile folder: a
    // hidden folder with its own files and folders, a lock file, a swap
    // file; then one real edit.
    fs::create_dir_all(dir.join(".git/objects/ab")).unwrap();
    fs::write(dir.join(".git/objects/ab/cdef0123"), "blob").unwrap();
    fs::write(dir.join(".git/index"), "index").unwrap();
    fs::write(dir.join(".git/COMMIT_EDITMSG"), "Update values.toml").unwrap();
    fs::create_dir_all(dir.join(".vscode")).unwrap();
    fs::write(dir.join(".vscode/settings.toml"), "x = 1").unwrap();
    fs::write(dir.join("text/en/.intro.md.swp"), "swap").unwrap();
    fs::write(dir.join(".~lock.values.toml#"), "lock").unwrap();
    set_population(&dir.join("values.toml"), "604000");
    wait_for_rebuild(&lines, &mut seen, &pdf, "Testcity has 604,000 inhabitants");

    // Every line after the first build comes from the one real edit.
    let reports: Vec<&String> = seen[first_build..]
        .iter()
        .filter(|l| l.starts_with("out: "))
        .collect();
    assert!(
        reports
            .iter()
            .all(|l| l.contains("after a change to ") && l.contains("values.toml")),
        "{seen:?}"
    );
}
