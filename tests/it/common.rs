//! Helpers shared by the end-to-end tests: running the binary, temporary
//! folders, copying fixture profiles, the profiles built once per run
//! (`shared`), and reading built PDFs (`pdf`).

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod pdf;
mod shared;
mod temp;

pub use pdf::{
    bbox_pages, catalog_lang, pdf_fonts, pdf_info, pdf_objects, pdf_outline_titles, pdf_pages,
    Page, Word,
};
pub use shared::{build_for_the_run, dortmund, Built};
pub use temp::{run_folder, tempdir, TempDir};

/// The repository's folder (the package's manifest folder).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `cityprofile` with arguments, from `cwd`.
pub fn cityprofile(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cityprofile"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run cityprofile")
}

/// What a run printed on stderr, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `check` on a profile, which must fail with exit code 1 (a problem
/// with the input), and returns what it printed on stderr.
pub fn check_fails(dir: &Path) -> String {
    let run = cityprofile(dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    stderr(&run)
}

/// What a run printed on stdout, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh copy of a fixture profile in a temporary folder.
pub fn fixture_copy(name: &str) -> (TempDir, PathBuf) {
    let tmp = tempdir();
    let dir = tmp.path().join(name);
    copy_dir(&repo_root().join("tests/fixtures").join(name), &dir);
    (tmp, dir)
}

/// Runs an outside tool (git; gettext's in the `gettext-tools` tests) with
/// arguments and returns what it printed. Fails the test, with the tool's
/// stderr, when the tool cannot be started or exits with a status other
/// than 0 and those in `also_ok`.
pub fn run_tool<S: AsRef<OsStr>>(name: &str, args: &[S], also_ok: &[i32]) -> Output {
    let shown: Vec<_> = args.iter().map(|a| a.as_ref().to_string_lossy()).collect();
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} could not be started: {e}"));
    let ok = out.status.success() || out.status.code().is_some_and(|c| also_ok.contains(&c));
    assert!(
        ok,
        "{name} {shown:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// [`run_tool`] for a tool that must exit with 0: its stdout as text.
pub fn tool<S: AsRef<OsStr>>(name: &str, args: &[S]) -> String {
    String::from_utf8_lossy(&run_tool(name, args, &[]).stdout).into_owned()
}

/// The PDF's text in drawing order (so a table cell's lines stay together),
/// a line a line, each page ended by a form feed, with words hyphenated at
/// line ends (soft hyphen) joined again; see [`pdf`] for the rules.
pub fn pdf_text(pdf: &Path) -> String {
    pdf::page_texts(pdf)
        .into_iter()
        .map(|page| page + "\u{c}")
        .collect::<String>()
        .replace("\u{ad}\n", "")
}

/// The text of one page (1-based) as [`pdf_text`] extracts it, without
/// joining hyphenated words.
pub fn pdf_page_text(pdf: &Path, page: usize) -> String {
    pdf::page_texts(pdf).swap_remove(page - 1)
}

/// The error messages of a run, each on one line with its place: a message
/// that shows its source line names the place on a `--> FILE:LINE:COLUMN`
/// line of its own, which is appended (`error: message (at FILE:LINE:COLUMN)`).
pub fn error_lines(err: &str) -> Vec<String> {
    let mut errors: Vec<String> = Vec::new();
    let mut in_error = false;
    for line in err.lines() {
        if line.starts_with("error:") {
            errors.push(line.to_string());
            in_error = true;
        } else if line.starts_with("warning:") {
            in_error = false;
        } else if let Some(place) = line.trim_start().strip_prefix("--> ") {
            if let (true, Some(last)) = (in_error, errors.last_mut()) {
                last.push_str(&format!(" (at {place})"));
            }
        }
    }
    errors
}

/// Collapses runs of whitespace (text from a PDF breaks lines anywhere).
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds the profile in `dir` into `dir/out`, with its Typst sources in
/// `dir/emitted`; panics with the messages if the build fails.
pub fn build_with_sources(dir: &Path) -> (PathBuf, PathBuf) {
    let out = dir.join("out");
    let emitted = dir.join("emitted");
    let run = cityprofile(
        dir,
        &[
            "build",
            ".",
            "--out",
            out.to_str().unwrap(),
            "--emit-typst",
            emitted.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    (out, emitted)
}

/// The minimal fixture, its `sources` chapter written anew when `chapter`
/// is given, built into `out/` of the copy: the temporary folder (the copy
/// lives as long as it does) and the English PDF. Panics with the messages
/// if the build fails.
pub fn build_minimal(chapter: Option<&str>) -> (TempDir, PathBuf) {
    let (tmp, dir) = fixture_copy("minimal");
    if let Some(chapter) = chapter {
        fs::write(dir.join("text/en/sources.md"), chapter).unwrap();
    }
    let out = dir.join("out");
    let built = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(built.status.success(), "{}", stderr(&built));
    (tmp, out.join("testcity-en.pdf"))
}

/// Adds `tables/<id>.toml` to a copy of the minimal fixture and places the
/// table in its introduction after the `counts` table, with `text`
/// (Markdown, none when empty) before it.
pub fn add_table(dir: &Path, id: &str, toml: &str, text: &str) {
    fs::write(dir.join(format!("tables/{id}.toml")), toml).unwrap();
    let text = if text.is_empty() {
        String::new()
    } else {
        format!("{text}\n\n")
    };
    replace_in_file(
        &dir.join("text/en/intro.md"),
        "{{table:counts}}",
        &format!("{{{{table:counts}}}}\n\n{text}{{{{table:{id}}}}}"),
    );
}

/// Replaces the first `from` in a file with `to`; the file must contain `from`.
pub fn replace_in_file(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "fixture {} lacks {from:?}",
        path.display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Adds text at the end of a file.
pub fn append_to_file(path: &Path, text: &str) {
    let mut content = fs::read_to_string(path).unwrap();
    content.push_str(text);
    fs::write(path, content).unwrap();
}

/// Whether the program's messages report `message` at `location` (a
/// `path:line:column` or its end), in either form it prints: one line
/// (`warning: path:3:7: message`) or an error with its source line
/// (`error: message`, then `--> path:3:7`).
pub fn reports_at(output: &str, location: &str, message: &str) -> bool {
    if output.contains(&format!("{location}: {message}")) {
        return true;
    }
    let lines: Vec<&str> = output.lines().collect();
    lines.windows(2).any(|pair| {
        pair[0].contains(message)
            && pair[1]
                .trim_start()
                .strip_prefix("--> ")
                .is_some_and(|at| at.contains(location))
    })
}

/// Every file of a folder with its bytes, by path inside the folder.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    out
}

/// `cityprofile translate export . --lang LANG --out OUT --force` in a
/// profile (replacing OUT when a test exports again), which must succeed;
/// what the export said.
pub fn export_catalog(dir: &Path, lang: &str, out: &Path) -> String {
    let run = cityprofile(
        dir,
        &[
            "translate",
            "export",
            ".",
            "--lang",
            lang,
            "--out",
            out.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    stdout(&run)
}

/// `cityprofile translate import . PO` in a profile.
pub fn import_catalog(dir: &Path, po: &Path) -> Output {
    cityprofile(dir, &["translate", "import", ".", po.to_str().unwrap()])
}

/// [`import_catalog`], which must succeed; what the import said.
pub fn import_catalog_ok(dir: &Path, po: &Path) -> String {
    let run = import_catalog(dir, po);
    assert!(run.status.success(), "{}{}", stdout(&run), stderr(&run));
    stdout(&run)
}
