//! The user guide cannot drift from the program: the tutorial
//! (`docs/src/tutorial.md`) and the README's quick start are run here step
//! by step, in a folder of their own, with the built binary. Each code block
//! of those pages follows a comment that says what to do with it:
//!
//! - `<!-- tutorial: run -->`: a `sh` block; each line is `cityprofile ARGS`
//!   (run with the built binary; it must exit with 0) or `cd DIR`;
//! - `<!-- tutorial: output -->`: every line of the block is in what the
//!   last command of the block before printed (stdout and stderr);
//! - `<!-- tutorial: write PATH -->`: the block is the whole file `PATH`;
//! - `<!-- tutorial: replace in PATH from "A" to "B" -->`: the block takes
//!   the place of the lines of `PATH` from the one line that starts with `A`
//!   to the next line that starts with `B`;
//! - `<!-- tutorial: folder -->`: a tree of a folder whose every entry
//!   exists;
//!
//! and `<!-- tutorial: pdf PATH shows "WORDS" ... -->`, alone, checks that
//! a PDF was written and that its text holds each of the words. A code block
//! without such a comment, a comment the test does not know, or a command
//! other than `cityprofile` and `cd` fails the test: nothing is skipped.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// What the test does with one code block (or one `pdf` comment).
#[derive(Debug)]
enum Step {
    Run(Vec<Vec<String>>),
    Output(Vec<String>),
    Write {
        path: String,
        text: String,
    },
    Replace {
        path: String,
        from: String,
        to: String,
        text: String,
    },
    Folder(Vec<String>),
    Pdf {
        path: String,
        words: Vec<String>,
    },
}

/// The strings in double quotes of `text`, in order.
fn quoted(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The command of a `run` block's line: its words, without a `# comment`
/// at the end. Quotes are refused: the test runs commands without a shell.
fn command(place: &str, line: &str) -> Vec<String> {
    let line = line.split(" #").next().unwrap().trim();
    assert!(
        !line.contains(['"', '\'', '|', '>', '<', '&', ';', '$']),
        "{place}: `{line}`: the test runs commands without a shell; write them without quotes or shell syntax"
    );
    line.split_whitespace().map(str::to_string).collect()
}

/// The step a `<!-- tutorial: ... -->` comment and its block give.
fn step(place: &str, directive: &str, body: &[&str]) -> Step {
    let text = body.join("\n") + "\n";
    let lines = || body.iter().filter(|l| !l.trim().is_empty());
    if directive == "run" {
        let commands: Vec<_> = lines().map(|l| command(place, l)).collect();
        assert!(
            !commands.is_empty(),
            "{place}: a run block without commands"
        );
        Step::Run(commands)
    } else if directive == "output" {
        Step::Output(lines().map(|l| l.trim_end().to_string()).collect())
    } else if directive == "folder" {
        Step::Folder(lines().map(|l| l.to_string()).collect())
    } else if let Some(path) = directive.strip_prefix("write ") {
        Step::Write {
            path: path.trim().to_string(),
            text,
        }
    } else if let Some(rest) = directive.strip_prefix("replace in ") {
        let path = rest
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        let ends = quoted(rest);
        assert!(
            ends.len() == 2 && rest.contains(" from \"") && rest.contains("\" to \""),
            "{place}: write `replace in PATH from \"FIRST LINE\" to \"LAST LINE\"`"
        );
        Step::Replace {
            path,
            from: ends[0].clone(),
            to: ends[1].clone(),
            text,
        }
    } else {
        panic!("{place}: `tutorial: {directive}` is not a step the test knows (run, output, write, replace, folder, pdf)")
    }
}

/// The steps of a page of the guide, each with its place (`page:line`).
fn steps(name: &str, page: &str) -> Vec<(String, Step)> {
    let mut steps = Vec::new();
    let mut pending: Option<(String, String)> = None;
    let mut lines = page.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let place = format!("{name}:{}", n + 1);
        let trimmed = line.trim();
        if let Some(directive) = trimmed
            .strip_prefix("<!-- tutorial:")
            .and_then(|d| d.strip_suffix("-->"))
        {
            let directive = directive.trim().to_string();
            assert!(
                pending.is_none(),
                "{place}: two tutorial comments without a block between"
            );
            if let Some(rest) = directive.strip_prefix("pdf ") {
                let path = rest
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let words = quoted(rest);
                assert!(
                    rest.contains(" shows \"") && !words.is_empty(),
                    "{place}: write `pdf PATH shows \"WORDS\" ...`"
                );
                steps.push((place, Step::Pdf { path, words }));
            } else {
                pending = Some((place, directive));
            }
        } else if trimmed.starts_with("```") {
            let Some((at, directive)) = pending.take() else {
                panic!("{place}: a code block without a `<!-- tutorial: ... -->` comment before it: the test cannot run it")
            };
            let mut body = Vec::new();
            loop {
                let Some((_, line)) = lines.next() else {
                    panic!("{place}: the code block is not closed")
                };
                if line.trim().starts_with("```") {
                    break;
                }
                body.push(line);
            }
            steps.push((at.clone(), step(&at, &directive, &body)));
        } else if !trimmed.is_empty() {
            if let Some((at, _)) = &pending {
                panic!("{at}: a tutorial comment must stand right before its code block");
            }
        }
    }
    if let Some((at, _)) = pending {
        panic!("{at}: a tutorial comment without a code block after it");
    }
    steps
}

/// Runs the steps in a new folder; returns the folder, kept until the
/// returned value is dropped.
fn run(steps: &[(String, Step)]) -> TempDir {
    let tmp = tempdir();
    let mut cwd = tmp.path().to_path_buf();
    let mut printed: Option<String> = None;
    for (place, step) in steps {
        match step {
            Step::Run(commands) => {
                for words in commands {
                    match words[0].as_str() {
                        "cd" => {
                            assert_eq!(words.len(), 2, "{place}: `cd` takes one folder");
                            cwd = cwd.join(&words[1]);
                            assert!(cwd.is_dir(), "{place}: no folder {}", cwd.display());
                        }
                        "cityprofile" => {
                            let out = Command::new(env!("CARGO_BIN_EXE_cityprofile"))
                                .args(&words[1..])
                                .current_dir(&cwd)
                                .env("NO_COLOR", "1")
                                .output()
                                .expect("run cityprofile");
                            let text = stdout(&out) + &stderr(&out);
                            assert!(
                                out.status.success(),
                                "{place}: `{}` ended with {}:\n{text}",
                                words.join(" "),
                                out.status
                            );
                            printed = Some(text);
                        }
                        other => {
                            panic!("{place}: `{other}`: the test runs only `cityprofile` and `cd`")
                        }
                    }
                }
            }
            Step::Output(expected) => {
                let printed = printed.as_deref().unwrap_or_else(|| {
                    panic!("{place}: an output block with no command run before it")
                });
                for line in expected {
                    assert!(
                        printed.contains(line.as_str()),
                        "{place}: the command did not print `{line}`; it printed:\n{printed}"
                    );
                }
            }
            Step::Write { path, text } => {
                let file = cwd.join(path);
                fs::create_dir_all(file.parent().unwrap()).unwrap();
                fs::write(&file, text).unwrap();
            }
            Step::Replace {
                path,
                from,
                to,
                text,
            } => {
                let file = cwd.join(path);
                let old = fs::read_to_string(&file)
                    .unwrap_or_else(|e| panic!("{place}: cannot read {}: {e}", file.display()));
                let lines: Vec<&str> = old.lines().collect();
                let starts: Vec<usize> = (0..lines.len())
                    .filter(|&i| lines[i].starts_with(from.as_str()))
                    .collect();
                assert_eq!(
                    starts.len(),
                    1,
                    "{place}: {path} must have one line that starts with `{from}`:\n{old}"
                );
                let first = starts[0];
                let last = (first..lines.len())
                    .find(|&i| lines[i].starts_with(to.as_str()))
                    .unwrap_or_else(|| {
                        panic!("{place}: no line of {path} after `{from}` starts with `{to}`")
                    });
                let mut new = lines[..first].join("\n");
                if first > 0 {
                    new.push('\n');
                }
                new.push_str(text);
                for line in &lines[last + 1..] {
                    new.push_str(line);
                    new.push('\n');
                }
                fs::write(&file, new).unwrap();
            }
            Step::Folder(tree) => {
                let root_name = tree[0].trim().trim_end_matches('/');
                let root: PathBuf = if cwd.ends_with(root_name) {
                    cwd.clone()
                } else {
                    cwd.join(root_name)
                };
                for line in &tree[1..] {
                    let entry = line.trim_start_matches(['├', '└', '│', '─', ' ']);
                    let entry = entry.split_whitespace().next().unwrap_or_default();
                    let entry = entry.split('<').next().unwrap();
                    assert!(
                        !entry.is_empty() && root.join(entry).exists(),
                        "{place}: `{line}`: {} does not exist",
                        root.join(entry).display()
                    );
                }
            }
            Step::Pdf { path, words } => {
                let pdf = cwd.join(path);
                let bytes = fs::read(&pdf)
                    .unwrap_or_else(|e| panic!("{place}: no PDF {}: {e}", pdf.display()));
                assert!(bytes.starts_with(b"%PDF-"), "{place}: {path} is no PDF");
                let text = squash(&pdf_text(&pdf));
                for word in words {
                    assert!(
                        text.contains(&squash(word)),
                        "{place}: {path} does not show `{word}`:\n{text}"
                    );
                }
            }
        }
    }
    tmp
}

/// The steps of a page, which must run commands and look at a PDF.
fn page_steps(name: &str, text: &str) -> Vec<(String, Step)> {
    let steps = steps(name, text);
    assert!(
        steps.iter().any(|(_, s)| matches!(s, Step::Run(_)))
            && steps.iter().any(|(_, s)| matches!(s, Step::Pdf { .. })),
        "{name}: the page has no commands to run or no PDF to look at"
    );
    steps
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_tutorial_runs_as_written() {
    let text = read(&repo_root().join("docs/src/tutorial.md"));
    let steps = page_steps("docs/src/tutorial.md", &text);
    run(&steps);
}

#[test]
fn the_readme_quick_start_runs_as_written() {
    let readme = read(&repo_root().join("README.md"));
    let start = readme
        .find("\n## Quick start\n")
        .expect("README.md has a `## Quick start` section");
    let section = &readme[start + 1..];
    let section = &section[..section[1..].find("\n## ").map_or(section.len(), |e| e + 1)];
    // The section's lines keep their numbers in README.md.
    let padded = "\n".repeat(readme[..start + 1].lines().count()) + section;
    let steps = page_steps("README.md", &padded);
    run(&steps);
}

#[test]
fn a_code_block_the_test_cannot_run_fails_it() {
    let page = "Text.\n\n```sh\ncityprofile build\n```\n";
    let refused = std::panic::catch_unwind(|| steps("page.md", page));
    assert!(
        refused.is_err(),
        "a block without a tutorial comment was accepted"
    );
    let page = "<!-- tutorial: run -->\n```sh\nrm -rf output\n```\n";
    let steps = steps("page.md", page);
    let refused = std::panic::catch_unwind(|| run(&steps));
    assert!(
        refused.is_err(),
        "a command other than cityprofile and cd was run"
    );
}
