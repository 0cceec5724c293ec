//! The rule of the source tree, as a test: a stage imports only the stages
//! listed before it in `lib.rs`, so the imports run one way and form no
//! cycle. Inside `base`, its files keep an order of their own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The stages in order: each may use the ones before it.
const STAGES: &[&str] = &[
    "base",
    "locale",
    "chart",
    "profile",
    "markdown",
    "translate",
    "edition",
    "report",
    "typeset",
    "build",
    "scaffold",
];

/// The files of `base` in order: each may use the ones before it.
const BASE: &[&str] = &[
    "lang",
    "units",
    "pictures",
    "bidi",
    "toml_messages",
    "toml_strings",
    "assets",
    "diag",
    "io",
    "source",
    "toml_errors",
];

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments and without its test module.
fn code_of(text: &str) -> String {
    let mut code = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed == "#[cfg(test)]" {
            // An inline test module ends the code; `mod tests;` is a line.
            match lines.peek().map(|next| next.trim()) {
                Some(next) if next.starts_with("mod ") && next.ends_with('{') => break,
                Some(next) if next.starts_with("mod ") => {
                    lines.next();
                    continue;
                }
                _ => {}
            }
        }
        let without_comment = match trimmed.find("//") {
            Some(_) if trimmed.starts_with("//") => "",
            _ => line,
        };
        code.push_str(without_comment);
        code.push('\n');
    }
    code
}

/// The names that follow `crate::` in the code: (stage, file of base).
fn imports(code: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        let mut parts = rest.split("::").map(|p| {
            p.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        });
        let stage = parts.next().unwrap_or_default();
        let file = (stage == "base").then(|| parts.next()).flatten();
        found.push((stage, file));
    }
    found
}

/// Stage and, in `base`, the file of a source path (`src/edition/table.rs`).
fn place(src: &Path, path: &Path) -> Option<(String, Option<String>)> {
    let relative = path.strip_prefix(src).ok()?;
    let mut parts = relative.iter().map(|p| p.to_string_lossy().into_owned());
    let first = parts.next()?;
    let stage = first.trim_end_matches(".rs").to_string();
    let file = (stage == "base")
        .then(|| parts.next())
        .flatten()
        .map(|f| f.trim_end_matches(".rs").to_string());
    Some((stage, file))
}

fn rank(list: &[&str], name: &str) -> Option<usize> {
    list.iter().position(|s| *s == name)
}

#[test]
fn every_stage_imports_only_the_stages_before_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut checked = 0;
    for path in &files {
        let Some((stage, file)) = place(&src, path) else {
            continue;
        };
        // The binary's own files (main.rs, cli/) stand above every stage.
        let Some(own_rank) = rank(STAGES, &stage) else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("a source file is readable");
        for (target, target_file) in imports(&code_of(&text)) {
            checked += 1;
            let shown = path
                .strip_prefix(&src)
                .unwrap_or(path)
                .display()
                .to_string();
            let Some(target_rank) = rank(STAGES, &target) else {
                wrong
                    .entry(shown)
                    .or_default()
                    .push(format!("crate::{target}: no stage"));
                continue;
            };
            let upward = target_rank > own_rank
                || (target_rank == own_rank && target != stage)
                || (stage == "base"
                    && target == "base"
                    && match (file.as_deref(), target_file.as_deref()) {
                        (Some(own), Some(other)) if own != "mod" && own != other => {
                            rank(BASE, other) >= rank(BASE, own)
                        }
                        _ => false,
                    });
            if upward {
                let target = match target_file {
                    Some(f) => format!("crate::{target}::{f}"),
                    None => format!("crate::{target}"),
                };
                wrong.entry(shown).or_default().push(target);
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} imports found: the scan is broken"
    );
    assert!(
        wrong.is_empty(),
        "imports that run back up the pipeline (stages in order: {}; base: {}): {wrong:#?}",
        STAGES.join(" < "),
        BASE.join(" < ")
    );
}

#[test]
fn the_scan_finds_an_upward_import() {
    let code = code_of(
        "#[cfg(test)]\nmod tests;\nuse crate::edition::Foo;\n// crate::build\n#[cfg(test)]\nmod tests {\n use crate::build;\n}\n",
    );
    assert_eq!(imports(&code), vec![("edition".to_string(), None)]);
    let base = imports("use crate::base::diag::Diagnostic;");
    assert_eq!(base, vec![("base".to_string(), Some("diag".to_string()))]);
}

/// Files below the command line that may ask the disk directly: the store
/// itself, atomic writes, the file watcher, the output of a build (its PDFs'
/// stamps, the records of the last build it compares with), and the commands that write files (`new`, `template export`,
/// `translate import`, which keeps the files it replaces to put them back,
/// `mark-translated`).
const DISK_ALLOWED: &[&str] = &[
    "base/source.rs",
    "base/io.rs",
    "build/watch.rs",
    "build/records.rs",
    "scaffold.rs",
    "translate/po/write.rs",
    "layering.rs",
];

#[test]
fn only_the_store_reads_the_profile() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let reads = [
        "fs::read(",
        "fs::read_to_string(",
        "fs::read_dir(",
        ".exists()",
        ".is_dir()",
        ".is_file()",
    ];
    let mut found = Vec::new();
    for path in &files {
        let shown = path.strip_prefix(&src).unwrap_or(path);
        let shown = shown.to_string_lossy().replace('\\', "/");
        if shown.starts_with("cli/") || shown == "main.rs" || DISK_ALLOWED.contains(&shown.as_str())
        {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("a source file is readable");
        for (number, line) in code_of(&text).lines().enumerate() {
            if reads.iter().any(|r| line.contains(r)) {
                found.push(format!("{shown}:{}: {}", number + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "read the profile through `profile.sources` (base::source::Sources), not the disk: {found:#?}"
    );
}
