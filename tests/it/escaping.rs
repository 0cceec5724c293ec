//! Property tests: any text reaches the page as itself, whether it is
//! escaped directly or written as a Markdown paragraph.

use std::path::Path;

use proptest::prelude::*;

use cityprofile::base::source::SourceFile;
use cityprofile::markdown::{self, escape_markup, Placement, Resolver};
use cityprofile::typeset::compile;
use cityprofile::typeset::world::EditionWorld;

/// Lays out markup on an endless page and returns its text.
fn rendered_text(markup: &str) -> String {
    let main = format!("#set page(width: 40cm, height: auto, margin: 1cm)\n#set text(font: \"Noto Sans\")\n{markup}\n");
    let world = EditionWorld::new(&main, "{}", Path::new("."), (2021, 3, 1));
    let (document, _) =
        compile::compile(&world).unwrap_or_else(|e| panic!("compile failed for {markup:?}: {e:?}"));
    compile::document_text(&document)
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct NoData;
impl Resolver for NoData {
    type Error = String;
    fn place(&mut self, _: &Placement, _: bool) -> Result<String, Self::Error> {
        Err("no placements here".into())
    }
    fn value(&mut self, path: &str) -> Result<String, Self::Error> {
        Err(format!("no value {path}"))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any printable text, Typst's markup characters included.
    #[test]
    fn escaped_text_prints_as_itself(text in "[a-zA-Z0-9 #$@<>*_`\\[\\]~/=+\\-'\".:;,!?(){}|&%^\\\\§²€äöüß]{1,60}") {
        let expected = squash(&text);
        prop_assume!(!expected.is_empty());
        let got = squash(&rendered_text(&escape_markup(&text)));
        prop_assert_eq!(got, expected);
    }

    /// Text without Markdown syntax goes through the Markdown converter unchanged
    /// (but for the quotes, which become typographic).
    #[test]
    fn markdown_paragraph_prints_as_itself(text in "[a-zA-Z0-9][a-zA-Z0-9 #$@/=+'\".:;,?()|%§²€äöüß]{0,60}") {
        let expected = squash(&text);
        let source = SourceFile { path: "t.md".into(), text: format!("# Title\n\n{text}\n") };
        let (chapter, _) = markdown::convert(&source, &mut NoData).expect("converts");
        // Straight quotes become typographic ones (Typst's smart quotes;
        // primes after digits).
        let got = squash(&rendered_text(&chapter.body))
            .replace(['“', '”', '″'], "\"")
            .replace(['‘', '’', '′'], "'");
        prop_assert_eq!(got, expected);
    }
}

#[test]
fn the_issue_examples_print_literally() {
    for sample in [
        "@urban_migration",
        "$5",
        "#1",
        "<b>",
        "a // b",
        "§ 25",
        "m²",
        "7,25 €",
        "\\u{41}",
        "*not bold*",
        "= not a heading",
        "- not a list",
        "1. not a list",
        "http://not.a.link",
        "a -- b --- c ... 'q' \"q\"",
    ] {
        let got = squash(&rendered_text(&escape_markup(sample)));
        assert_eq!(got, sample);
    }
}
