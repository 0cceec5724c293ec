//! Helpers shared by the end-to-end tests: running the binary, temporary
//! folders, copying fixture profiles, the profiles built once per run
//! (`shared`), and reading built PDFs with poppler and qpdf.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod shared;
mod temp;

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

/// Runs an outside tool (poppler's, qpdf, gettext's) with arguments and
/// returns what it printed. Fails the test, with the tool's stderr, when the
/// tool cannot be started or exits with a status other than 0 and those in
/// `also_ok` (qpdf's 3: done, with warnings).
pub fn run_tool<S: AsRef<OsStr>>(name: &str, args: &[S], also_ok: &[i32]) -> Output {
    let shown: Vec<_> = args.iter().map(|a| a.as_ref().to_string_lossy()).collect();
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed by the tests (install poppler-utils, qpdf and gettext): {e}")
    });
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

/// The PDF's text as pdftotext extracts it in content-stream order (so a
/// table cell's lines stay together), with words hyphenated at line ends
/// joined again.
pub fn pdf_text(pdf: &Path) -> String {
    tool(
        "pdftotext",
        &["-raw", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    )
    .replace("\u{ad}\n", "")
}

/// The text of one page (1-based) as [`pdf_text`] extracts it, without
/// joining hyphenated words.
pub fn pdf_page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    tool(
        "pdftotext",
        &[
            "-f",
            &page,
            "-l",
            &page,
            "-raw",
            "-enc",
            "UTF-8",
            pdf.to_str().unwrap(),
            "-",
        ],
    )
}

/// `pdfinfo` output.
pub fn pdf_info(pdf: &Path) -> String {
    tool("pdfinfo", &[pdf.to_str().unwrap()])
}

/// The number of pages, as `pdfinfo` gives it.
pub fn pdf_pages(pdf: &Path) -> usize {
    pages_in_info(&pdf_info(pdf))
}

/// The number of pages in `pdfinfo` output.
pub fn pages_in_info(info: &str) -> usize {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"))
}

/// `pdffonts` output.
pub fn pdf_fonts(pdf: &Path) -> String {
    tool("pdffonts", &[pdf.to_str().unwrap()])
}

/// The titles of the PDF's bookmarks (outline), depth-first.
pub fn pdf_outline_titles(pdf: &Path) -> Vec<String> {
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("qpdf json");
    fn walk(items: &serde_json::Value, out: &mut Vec<String>) {
        for item in items.as_array().into_iter().flatten() {
            if let Some(title) = item.get("title").and_then(|t| t.as_str()) {
                out.push(title.to_string());
            }
            if let Some(kids) = item.get("kids") {
                walk(kids, out);
            }
        }
    }
    let mut titles = Vec::new();
    walk(&value["outlines"], &mut titles);
    titles
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

/// Collapses runs of whitespace (pdftotext breaks lines anywhere).
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The values of all objects of a PDF (dictionaries and streams' dictionaries), via qpdf.
pub fn pdf_objects(pdf: &Path) -> Vec<serde_json::Value> {
    let json = tool(
        "qpdf",
        &["--json", "--json-key=qpdf", pdf.to_str().unwrap()],
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("qpdf json");
    value["qpdf"][1]
        .as_object()
        .map(|objects| {
            objects
                .values()
                .map(|o| {
                    o.get("value")
                        .or_else(|| o.get("stream").and_then(|s| s.get("dict")))
                        .cloned()
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default()
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

/// A word on a page as `pdftotext -bbox` reads it, in points from the
/// page's top left corner.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Word {
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
}

/// A page: its size in points and its words.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

impl Page {
    /// The page's words joined by spaces, in the order poppler reads them.
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn bbox_attribute(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
    let end = start + tag[start..].find('"').expect("closing quote");
    tag[start..end].parse().expect("a number")
}

fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every page of a PDF with its words, as `pdftotext -bbox` reads them.
/// Invisible characters (zero-width spaces, bidi isolates and marks) are
/// left out of the words, and words of nothing else are dropped.
pub fn bbox_pages(pdf: &Path) -> Vec<Page> {
    let html = tool(
        "pdftotext",
        &["-bbox", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    );
    let mut pages = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            pages.push(Page {
                width: bbox_attribute(line, "width"),
                height: bbox_attribute(line, "height"),
                words: Vec::new(),
            });
        } else if line.starts_with("<word ") {
            let text_start = line.find('>').unwrap() + 1;
            let text_end = line.rfind("</word>").unwrap();
            let text: String = unescape_xml(&line[text_start..text_end])
                .chars()
                .filter(|c| {
                    !matches!(
                        c,
                        '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2066}'..='\u{2069}'
                    )
                })
                .collect();
            if text.trim().is_empty() {
                continue;
            }
            pages.last_mut().expect("a page").words.push(Word {
                text,
                x0: bbox_attribute(line, "xMin"),
                y0: bbox_attribute(line, "yMin"),
                x1: bbox_attribute(line, "xMax"),
                y1: bbox_attribute(line, "yMax"),
            });
        }
    }
    pages
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
