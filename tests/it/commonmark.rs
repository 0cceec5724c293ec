//! CommonMark conformance: the 949 examples of pulldown-cmark's test suite
//! (the CommonMark specification's examples and its footnote, regression,
//! smart punctuation, strikethrough and table tests, vendored in
//! `tests/commonmark/examples.json` with their licence) are each the body of
//! a chapter. Every example is either refused with a located message that
//! says what to write instead, or built into a PDF that holds all of its
//! text: never a Typst error, a panic, or text silently dropped.
//!
//! The examples that build are chapters of one profile (one build); the
//! PDF's text is split at the chapter titles and every word of each example
//! must be found in its chapter.

use std::fs;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::common::*;
use cityprofile::base::source::SourceFile;
use cityprofile::markdown::{self, Placement, Resolver};

#[derive(Deserialize)]
struct Example {
    name: String,
    markdown: String,
}

fn examples() -> Vec<Example> {
    serde_json::from_str(include_str!("../commonmark/examples.json")).expect("examples.json")
}

/// Examples whose text has characters that none of the built-in fonts has
/// (`ℋ`, `ⅆ`, `∲`, `≧̸` of the entity examples, CJK, emoji): each must either
/// build with all of its text or be refused for exactly that reason, with a
/// message about the font or the character.
const FONT_EXAMPLES: &[&str] = &[
    "spec_test_25",
    "spec_test_27",
    "table_test_8",
    "table_test_9",
    "table_test_10",
    "table_test_11",
];

/// Resolves nothing: the examples hold no placement markers or references.
struct NoData;
impl Resolver for NoData {
    type Error = String;
    fn place(&mut self, placement: &Placement, _: bool) -> Result<String, Self::Error> {
        Err(format!("nothing to place for {placement:?} in this test"))
    }
    fn value(&mut self, path: &str) -> Result<String, Self::Error> {
        Err(format!("no value `{path}` in this test"))
    }
}

/// The chapter title of example `n`: a word found nowhere else.
fn title(n: usize) -> String {
    format!("Qx{n}qx")
}

fn chapter(n: usize, example: &Example) -> String {
    format!("# {}\n\n{}", title(n), example.markdown)
}

/// Letters and digits only, lower case: what is compared of the text.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .replace('ß', "ss")
}

/// Removes HTML comments (they never reach the page).
fn without_comments(mut html: String) -> String {
    while let Some(start) = html.find("<!--") {
        let end = html[start + 4..]
            .find("-->")
            .map_or(html.len(), |e| start + 4 + e + 3);
        html.replace_range(start..end, " ");
    }
    html
}

/// The words of an example that must reach the page.
fn expected_words(markdown: &str) -> Vec<String> {
    let options =
        Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut text = String::new();
    let mut html = String::new();
    for event in Parser::new_ext(markdown, options) {
        let is_html = matches!(event, Event::Html(_) | Event::InlineHtml(_));
        if !is_html && !html.is_empty() {
            text.push_str(&format!(
                " {} ",
                without_comments(std::mem::take(&mut html))
            ));
        }
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&format!(" {t} ")),
            Event::Html(h) | Event::InlineHtml(h) => html.push_str(&h),
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.push_str(&without_comments(html));
    text.split(|c: char| !c.is_alphanumeric())
        .map(letters)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of `words` not found in `page` (each found word is used up;
/// the longest first, so that a short word does not use up a part of a
/// longer one: `the` in `otherlink`).
fn missing_words(words: &[String], page: &str) -> Vec<String> {
    let mut page = page.to_string();
    let mut missing = Vec::new();
    let mut words = words.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    for word in &words {
        match page.find(word.as_str()) {
            Some(at) => page.replace_range(at..at + word.len(), "\u{0}"),
            None => missing.push(word.clone()),
        }
    }
    missing
}

/// Writes a profile `id` with these chapters (file name, Markdown).
fn write_profile(dir: &Path, id: &str, chapters: &[(String, String)]) {
    fs::create_dir_all(dir.join("text/en")).unwrap();
    let mut toml = format!("id = \"{id}\"\n");
    toml.push_str(
        r##"city = "Testcity"
country = { en = "Testland" }
title = { en = "Conformance" }
short_title = { en = "Zz" }
date = 2022-06-15
languages = ["en"]

[[authors]]
name = "A. Author"
about = { en = "Tests." }

[theme]
primary = "#203040"
accent = "#d07030"

[back_cover]
contact = ["team@example.org"]
"##,
    );
    for (file, text) in chapters {
        toml.push_str(&format!("\n[[chapters]]\nfile = \"{file}\"\n"));
        fs::write(dir.join("text/en").join(format!("{file}.md")), text).unwrap();
    }
    fs::write(dir.join("profile.toml"), toml).unwrap();
}

/// Splits a built PDF's text into the text of each chapter (from its title
/// on the chapter opener to the next chapter's).
fn chapter_texts(pdf: &Path, numbers: &[usize]) -> Vec<String> {
    let text = letters(&pdf_text(pdf));
    let starts: Vec<usize> = numbers
        .iter()
        .map(|&n| {
            let marker = letters(&title(n));
            text.rfind(&marker)
                .unwrap_or_else(|| panic!("the title of example {n} is not in the PDF"))
                + marker.len()
        })
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = starts.get(k + 1).map_or(text.len(), |&next| {
                next - letters(&title(numbers[k + 1])).len()
            });
            text[start..end.max(start)].to_string()
        })
        .collect()
}

#[test]
fn every_example_builds_with_all_its_text_or_is_refused_with_a_located_message() {
    let examples = examples();
    assert_eq!(examples.len(), 949);
    let tmp = tempdir();

    // 1. What the converter refuses, it refuses with a file, line and column.
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    let mut problems = Vec::new();
    for (n, example) in examples.iter().enumerate() {
        let file = SourceFile {
            path: format!("text/en/ex{n}.md").into(),
            text: chapter(n, example),
        };
        match markdown::convert(&file, &mut NoData) {
            Ok(_) => accepted.push(n),
            Err(diags) => {
                for d in diags.errors() {
                    if d.position.is_none() || d.message.len() < 20 {
                        problems.push(format!("{}: unlocated or empty refusal: {d}", example.name));
                    }
                }
                if std::env::var_os("SHOW_REFUSED").is_some() {
                    let first = diags.errors().next().map(|d| d.to_string());
                    eprintln!(
                        "{} refused: {first:?}\n  {:?}",
                        example.name, example.markdown
                    );
                }
                refused.push(n);
            }
        }
    }
    assert!(
        refused.len() < 90,
        "{} examples refused: {:?}",
        refused.len(),
        refused
            .iter()
            .map(|&n| &examples[n].name)
            .collect::<Vec<_>>()
    );

    // 2. Everything else builds with all of its words: in profiles of
    // `PER_PROFILE` chapters (a profile's layout time grows faster than its
    // chapter count), built by one command. The examples with characters
    // no built-in font has are profiles of their own: each either prints
    // all of its text or fails because of the font, at its Markdown file.
    const PER_PROFILE: usize = 60;
    let (font, ordinary): (Vec<usize>, Vec<usize>) = accepted
        .iter()
        .partition(|&&n| FONT_EXAMPLES.contains(&examples[n].name.as_str()));
    let mut groups: Vec<Vec<usize>> = ordinary
        .chunks(PER_PROFILE)
        .map(<[usize]>::to_vec)
        .collect();
    let font_groups = font.len();
    groups.extend(font.iter().map(|&n| vec![n]));
    let out = tmp.path().join("out");
    let mut args = vec!["build".to_string()];
    for (g, group) in groups.iter().enumerate() {
        let dir = tmp.path().join(format!("conformance-{g}"));
        let chapters: Vec<(String, String)> = group
            .iter()
            .map(|&n| (format!("ex{n}"), chapter(n, &examples[n])))
            .collect();
        write_profile(&dir, &format!("conformance-{g}"), &chapters);
        args.push(dir.to_str().unwrap().to_string());
    }
    args.extend(["--out", out.to_str().unwrap(), "--quiet"].map(String::from));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let built = cityprofile(tmp.path(), &args);
    let err = stderr(&built);
    assert!(!err.contains("panicked"), "{err}");
    let first_font_group = groups.len() - font_groups;
    for (g, group) in groups.iter().enumerate() {
        let pdf = out.join(format!("conformance-{g}-en.pdf"));
        if !pdf.exists() {
            let n = group[0];
            let errors = error_lines(&err);
            let messages: Vec<&str> = errors
                .iter()
                .map(String::as_str)
                .filter(|m| m.contains(&format!("/conformance-{g}/")))
                .collect();
            let font_only = g >= first_font_group
                && !messages.is_empty()
                && messages.iter().all(|m| {
                    m.contains(&format!("ex{n}.md:")) && (m.contains("font") || m.contains("glyph"))
                });
            if !font_only {
                problems.push(format!(
                    "profile {g} ({:?}) does not build:\n{}",
                    group.iter().map(|&n| &examples[n].name).collect::<Vec<_>>(),
                    messages.join("\n")
                ));
            }
            continue;
        }
        let texts = chapter_texts(&pdf, group);
        for (&n, page) in group.iter().zip(&texts) {
            let missing = missing_words(&expected_words(&examples[n].markdown), page);
            if !missing.is_empty() {
                problems.push(format!(
                    "{}: words missing from the PDF: {missing:?}\n  markdown: {:?}",
                    examples[n].name, examples[n].markdown
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
