//! The command line off the happy path, as a user meets it: run from inside
//! a profile folder or from elsewhere, `--lang` as typed, batches with twin
//! ids, refusals instead of false successes, `watch` ending with an error
//! when there is nothing to watch, colours and `--version`. Runs on the
//! small fixtures.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::common::*;

/// Runs `cityprofile` with extra environment variables.
fn cityprofile_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cityprofile"));
    command
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run cityprofile")
}

/// The file names in a folder, sorted (empty if it does not exist).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn inside_a_profile_folder_no_argument_is_needed() {
    let (tmp, dir) = fixture_copy("minimal");
    let run = cityprofile(&dir, &["check"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("check passed"), "{}", stdout(&run));
    let run = cityprofile(&dir, &["build", "--out", "pdf"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        names(&dir.join("pdf")),
        ["testcity-en.pdf", "testcity-en.record.json"]
    );

    // A path to the profile.toml stands for its folder.
    let run = cityprofile(tmp.path(), &["check", "minimal/profile.toml"]);
    assert!(run.status.success(), "{}", stderr(&run));

    // Anywhere else, the error says what to pass (a wrong command line).
    let run = cityprofile(tmp.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("holds no profile.toml")
            && err.contains("`cityprofile build path/to/profile`"),
        "{err}"
    );
    let run = cityprofile(tmp.path(), &["check", "minimal/values.toml"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("is a file, not a profile folder"));
}

#[test]
fn from_a_folder_inside_a_profile_the_profile_above_is_found() {
    let (_tmp, dir) = fixture_copy("minimal");
    let inside = dir.join("text/en");
    let run = cityprofile(&inside, &["check"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("check passed"), "{}", stdout(&run));
    // Messages name the profile's files as seen from where the command ran.
    assert!(stderr(&run).contains("../../"), "{}", stderr(&run));

    // Its PDFs go to the profile's own output folder, not into text/en.
    let run = cityprofile(&inside, &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        names(&dir.join("output")),
        ["testcity-en.pdf", "testcity-en.record.json"]
    );
    assert!(!inside.join("output").exists());
    // Unless --out says where.
    let run = cityprofile(&inside, &["build", "--out", "pdf"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        names(&inside.join("pdf")),
        ["testcity-en.pdf", "testcity-en.record.json"]
    );
}

#[test]
fn hints_name_the_profile_folder() {
    let (tmp, dir) = fixture_copy("bilingual");
    let run = cityprofile(&dir, &["mark-translated", "--lang", "de"]);
    assert!(run.status.success(), "{}", stderr(&run));
    append_to_file(&dir.join("text/en/intro.md"), "\nA new sentence.\n");
    let run = cityprofile(tmp.path(), &["check", dir.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let hint = format!(
        "`cityprofile mark-translated {} --lang de --chapter intro`",
        dir.display()
    );
    assert!(stderr(&run).contains(&hint), "{}", stderr(&run));
}

#[test]
fn lang_is_read_as_typed_and_an_unknown_one_is_a_usage_error() {
    let (tmp, dir) = fixture_copy("bilingual");
    let out = tmp.path().join("out");
    let out_arg = out.to_str().unwrap();
    let run = cityprofile(&dir, &["build", "--lang", "EN", "--out", out_arg]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(names(&out), ["testcity-en.pdf", "testcity-en.record.json"]);

    fs::remove_dir_all(&out).unwrap();
    let run = cityprofile(&dir, &["build", "--lang", "en, de", "--out", out_arg]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        names(&out),
        [
            "testcity-de.pdf",
            "testcity-de.record.json",
            "testcity-en.pdf",
            "testcity-en.record.json"
        ]
    );

    // Each language once: one edition, one line.
    let run = cityprofile(&dir, &["build", "--lang", "en,en", "--out", out_arg]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        stdout(&run).matches("wrote ").count(),
        1,
        "{}",
        stdout(&run)
    );

    for command in ["build", "check", "watch"] {
        let mut args = vec![command, "--lang", "en,fr"];
        if command != "check" {
            args.extend(["--out", out_arg]);
        }
        let run = cityprofile(&dir, &args);
        assert_eq!(run.status.code(), Some(2), "{command}: {}", stderr(&run));
        let err = stderr(&run);
        assert!(
            err.contains("invalid value 'fr' for '--lang': this profile has the languages en, de"),
            "{command}: {err}"
        );
    }
}

#[test]
fn two_profiles_with_one_id_are_refused_before_anything_is_written() {
    let (tmp, first) = fixture_copy("minimal");
    copy_dir(&first, &tmp.path().join("copy"));
    let out = tmp.path().join("out");
    let run = cityprofile(
        tmp.path(),
        &["build", "minimal", "copy", "--out", out.to_str().unwrap()],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("minimal and copy have the same id `testcity`"),
        "{err}"
    );
    assert!(!out.exists(), "nothing may be written");

    // check takes several folders, and --quiet leaves only errors.
    let run = cityprofile(tmp.path(), &["check", "minimal", "copy"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let report = stdout(&run);
    assert!(
        report.contains("check of minimal passed") && report.contains("check of copy passed"),
        "{report}"
    );
    replace_in_file(&tmp.path().join("copy/values.toml"), "603600", "\"603600");
    let run = cityprofile(tmp.path(), &["check", "--quiet", "minimal", "copy"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(stdout(&run), "");
    let err = stderr(&run);
    assert!(err.contains("copy/values.toml:2:"), "{err}");
    assert!(err.contains("1 of 2 profiles failed: copy"), "{err}");
    assert!(!err.contains("warning:"), "{err}");
}

#[test]
fn mark_translated_never_marks_nothing() {
    let (_tmp, dir) = fixture_copy("bilingual");
    // A language the profile does not have: a usage error listing its languages.
    let run = cityprofile(&dir, &["mark-translated", "--lang", "fr"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("languages en, de"),
        "{}",
        stderr(&run)
    );
    // A chapter that has no German file yet.
    let run = cityprofile(
        &dir,
        &[
            "mark-translated",
            "--lang",
            "DE",
            "--chapter",
            "intro,sources",
        ],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("chapter `sources` has no de translation yet"),
        "{}",
        stderr(&run)
    );
    // ... and nothing was marked, not even the chapter that exists.
    let intro = fs::read_to_string(dir.join("text/de/intro.md")).unwrap();
    assert!(!intro.starts_with("+++"), "{intro}");
}

#[test]
fn new_refuses_repeated_languages_and_leaves_no_half_made_folder() {
    let tmp = tempdir();
    let run = cityprofile(
        tmp.path(),
        &["new", "deep/lyon", "--city", "Lyon", "--lang", "fr,en,FR"],
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("--lang names `fr` twice"),
        "{}",
        stderr(&run)
    );
    assert_eq!(names(tmp.path()), Vec::<String>::new());

    // An empty folder, even the current one, is filled in place.
    let here = tmp.path().join("here");
    fs::create_dir(&here).unwrap();
    let run = cityprofile(&here, &["new", ".", "--city", "Lyon", "--lang", " en"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(here.join("profile.toml").is_file());
    assert_eq!(names(tmp.path()), ["here"], "no temporary folder is left");
    assert!(
        names(&here).iter().all(|n| !n.starts_with('.')),
        "{:?}",
        names(&here)
    );
}

#[test]
fn an_output_folder_that_cannot_be_written_is_refused_before_compiling() {
    let (tmp, dir) = fixture_copy("minimal");
    let file = tmp.path().join("a-file");
    fs::write(&file, "not a folder").unwrap();
    let run = cityprofile(&dir, &["build", "--out", file.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("is a file, not a folder"),
        "{}",
        stderr(&run)
    );
    let under = file.join("pdf");
    let run = cityprofile(&dir, &["build", "--out", under.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("cannot be created"),
        "{}",
        stderr(&run)
    );
    assert!(!stdout(&run).contains("wrote"));
}

#[test]
fn watch_fails_fast_when_there_is_nothing_to_watch() {
    let tmp = tempdir();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(["watch", "no/such/folder"])
        .current_dir(tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The watch ends by itself instead of waiting for changes: its stderr
    // closes when it exits. The deadline only keeps a watch that never ends
    // from holding the run; it is no measure of speed.
    let mut stream = child.stderr.take().expect("stderr is piped");
    let (sender, closed) = mpsc::channel();
    thread::spawn(move || {
        let mut text = Vec::new();
        let _ = sender.send(stream.read_to_end(&mut text).map(|_| text));
    });
    let Ok(read) = closed.recv_timeout(Duration::from_secs(120)) else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("watch on a missing folder was still running after two minutes");
    };
    let err = read.expect("read the watch's stderr");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
    let err = String::from_utf8_lossy(&err);
    assert!(
        err.contains("no/such/folder: no such profile folder"),
        "{err}"
    );
    assert!(err.contains("nothing to watch"), "{err}");
}

#[test]
fn colours_follow_the_terminal_color_and_no_color() {
    let (tmp, dir) = fixture_copy("minimal");
    replace_in_file(&dir.join("values.toml"), "603600", "\"603600");
    let profile = dir.to_str().unwrap();
    let escape = "\u{1b}[";
    let run = cityprofile_env(tmp.path(), &["check", profile, "--color", "always"], &[]);
    assert!(stderr(&run).contains(escape), "{:?}", stderr(&run));
    // Piped: plain, unless CLICOLOR_FORCE asks for colours ...
    let run = cityprofile_env(tmp.path(), &["check", profile], &[]);
    assert!(!stderr(&run).contains(escape), "{:?}", stderr(&run));
    assert!(stderr(&run).contains("values.toml:2:"));
    let run = cityprofile_env(tmp.path(), &["check", profile], &[("CLICOLOR_FORCE", "1")]);
    assert!(stderr(&run).contains(escape), "{:?}", stderr(&run));
    // ... and NO_COLOR wins over that; --color never too.
    let run = cityprofile_env(
        tmp.path(),
        &["check", profile],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!stderr(&run).contains(escape), "{:?}", stderr(&run));
    let run = cityprofile_env(
        tmp.path(),
        &["check", profile, "--color", "never"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!stderr(&run).contains(escape), "{:?}", stderr(&run));
}

#[test]
fn version_names_typst_and_the_commit() {
    let run = cityprofile(&repo_root(), &["--version"]);
    assert!(run.status.success());
    let version = stdout(&run);
    assert!(
        version.starts_with(&format!(
            "cityprofile {} (Typst 0.15.",
            env!("CARGO_PKG_VERSION")
        )),
        "{version}"
    );
    // Built from a git checkout of this package: the commit it was built
    // from (cargo builds the binary again when HEAD moves). Whether it is
    // one is asked as build.rs asks it: git failing here (no repository, or
    // no git) means there is no commit to compare, like a source archive.
    let root = repo_root();
    let root = root.to_str().unwrap();
    let top = Command::new("git")
        .args(["-C", root, "rev-parse", "--show-toplevel"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            Path::new(String::from_utf8_lossy(&o.stdout).trim())
                .canonicalize()
                .unwrap()
        });
    if top == Some(repo_root().canonicalize().unwrap()) {
        let commit = tool("git", &["-C", root, "rev-parse", "--short=12", "HEAD"]);
        let commit = commit.trim();
        assert!(
            version.trim_end().ends_with(&format!(", commit {commit})")),
            "{version}"
        );
    }
}

#[test]
fn template_export_writes_the_strings_where_the_profile_reads_them() {
    let (_tmp, dir) = fixture_copy("minimal");
    let run = cityprofile(&dir, &["template", "export"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(dir.join("template/profile.typ").is_file());
    // Only the profile's languages, in its strings/ folder.
    assert_eq!(names(&dir.join("strings")), ["en.toml"]);
    assert!(!dir.join("template/strings").exists());
    // The profile reads them: an edited word reaches the PDF.
    replace_in_file(
        &dir.join("strings/en.toml"),
        "\"Table of contents\"",
        "\"What is inside\"",
    );
    let run = cityprofile(&dir, &["build", "--out", "pdf"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = squash(&pdf_text(&dir.join("pdf/testcity-en.pdf"))).to_lowercase();
    assert!(text.contains("what is inside"), "{text}");
}
