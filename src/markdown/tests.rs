//! Unit tests of the Markdown converter: the Typst markup it writes and the
//! problems it reports.

use super::*;

use std::path::PathBuf;

struct Fixed;
impl Resolver for Fixed {
    type Error = String;
    fn place(&mut self, p: &Placement, _: bool) -> Result<String, Self::Error> {
        match p {
            Placement::Table(id) if id == "t1" => Ok("#table-here".into()),
            Placement::Table(id) => Err(format!("there is no table `{id}`")),
            Placement::Figure(id) => Ok(format!("#figure-here({})", string_literal(id))),
            Placement::Components => Ok("#components-here".into()),
            Placement::Links => Ok("#links-here".into()),
        }
    }
    fn value(&mut self, path: &str) -> Result<String, Self::Error> {
        match path {
            "population.total" => Ok("603,600".into()),
            _ => Err(format!("unknown data reference `{path}`")),
        }
    }
}

fn source(text: &str) -> SourceFile {
    SourceFile {
        path: PathBuf::from("text/en/x.md"),
        text: text.to_string(),
    }
}

fn body(md: &str) -> String {
    convert(&source(md), &mut Fixed).unwrap().0.body
}

#[test]
fn title_and_structure() {
    let c = convert(
        &source(
            "# Background\n\n## About *MC2CM*\n\nSome **bold** and *it*.[^1]\n\n[^1]: A note.\n",
        ),
        &mut Fixed,
    )
    .unwrap()
    .0;
    assert_eq!(c.title, "Background");
    assert!(
        c.body.contains("#heading(level: 2)[About #emph[MC2CM]]"),
        "{}",
        c.body
    );
    assert!(c.body.contains("#strong[bold]"));
    assert!(
        c.body.contains("#footnote[A note\\.]<note-x-1>"),
        "{}",
        c.body
    );
}

#[test]
fn written_letter_and_number_lists() {
    let b = body("# T\n\n- a) first\n- b) second\n\nText.\n\n- (1) one\n- (2) two\n\nText.\n\n- plain\n- list\n\nText.\n\n- a) not\n- c) in order\n");
    assert!(
        b.contains("#enum(numbering: \"a)\", [first], [second])"),
        "{b}"
    );
    assert!(b.contains("#enum(numbering: \"(1)\", [one], [two])"), "{b}");
    assert!(b.contains("#list([plain], [list])"), "{b}");
    assert!(b.contains("#list([a\\) not], [c\\) in order])"), "{b}");
}

#[test]
fn arabic_lettered_lists() {
    // Written with Arabic letters (the fifth with or without its tatweel).
    let b = body("# T\n\n- أ) أول\n- ب) ثان\n- ج) ثالث\n- د) رابع\n- هـ) خامس\n");
    assert!(
        b.contains("#enum(numbering: \"أ)\", [أول], [ثان], [ثالث], [رابع], [خامس])"),
        "{b}"
    );
    // An Arabic list written with Latin letters is lettered in Arabic; a
    // Latin list keeps its letters.
    let b = body("# T\n\n- a) أول\n- b) ثان\n\nText.\n\n- a) first\n- b) second\n");
    assert!(b.contains("#enum(numbering: \"أ)\", [أول], [ثان])"), "{b}");
    assert!(
        b.contains("#enum(numbering: \"a)\", [first], [second])"),
        "{b}"
    );
    // Out of order: a bullet list as written.
    let b = body("# T\n\n- أ) أول\n- ج) ثان\n");
    assert!(b.contains("#list("), "{b}");
}

#[test]
fn placement_and_references() {
    let b = body("# T\n\nPopulation: {{population.total}}.\n\n{{table:t1}}\n\n{{figure:f-1}}\n");
    assert!(b.contains("Population\\: 603\\,600\\."), "{b}");
    assert!(b.contains("#table-here"));
    assert!(b.contains("#figure-here(\"f-1\")"));
}

#[test]
fn bad_marker_and_reference_are_errors_with_lines() {
    let err = convert(
        &source("# T\n\nText.\n\n{{table:nope}}\n\nSee {{population.nope}}.\n"),
        &mut Fixed,
    )
    .unwrap_err();
    let msgs: Vec<String> = err.errors().map(|d| d.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("x.md:5:1") && m.contains("no table `nope`")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("x.md:7:5") && m.contains("population.nope")),
        "{msgs:?}"
    );
}

#[test]
fn html_prints_literally_and_links_work() {
    let b = body("# T\n\nA <b>bold</b> claim, see <https://example.org/a_b>.\n");
    assert!(b.contains("\\<b\\>bold\\<\\/b\\>"), "{b}");
    assert!(
        b.contains("#link(\"https://example.org/a_b\")[https\\:\\/\\/example\\.org\\/a\\_b]"),
        "{b}"
    );
}

#[test]
fn undefined_footnote_is_an_error() {
    let err = convert(&source("# T\n\nText[^9] here.\n"), &mut Fixed).unwrap_err();
    let msgs: Vec<String> = err.errors().map(|d| d.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("x.md:3:") && m.contains("`[^9]` has no definition")),
        "{msgs:?}"
    );
}

fn errors(md: &str) -> Vec<String> {
    convert(&source(md), &mut Fixed)
        .unwrap_err()
        .errors()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn a_note_referenced_twice_is_printed_once() {
    let b = body("# T\n\nOne[^a] and again[^a].\n\n[^a]: The note.\n");
    assert_eq!(
        b.matches("#footnote[The note\\.]<note-x-1>").count(),
        1,
        "{b}"
    );
    assert!(b.contains("again#footnote(<note-x-1>)"), "{b}");
}

#[test]
fn notes_referring_to_each_other_are_printed_once_each() {
    let b = body("# T\n\nText[^a].\n\n[^a]: See[^b].\n\n[^b]: Back to[^a].\n");
    assert_eq!(
        b.trim(),
        "Text#footnote[See#footnote[Back to#footnote(<note-x-1>)\\.]<note-x-2>\\.]<note-x-1>\\."
    );
}

#[test]
fn adjacent_notes_are_two_marks() {
    let b = body("# T\n\nText[^a][^b].\n\n[^a]: A.\n\n[^b]: B.\n");
    assert!(
        b.contains("Text#box[#footnote[A\\.]<note-x-1>#super[,]#footnote[B\\.]<note-x-2>]\\."),
        "{b}"
    );
}

#[test]
fn a_note_on_a_heading_prints_only_where_the_heading_stands() {
    let b = body("# T\n\n## Section[^a]\n\nText.\n\n[^a]: On the heading.\n");
    assert!(
        b.contains("#heading(level: 2)[Section#context { if here().page() == locate(<heading-x-1>).page() [#footnote[On the heading\\.]<note-x-1>] }]<heading-x-1>"),
        "{b}"
    );
}

#[test]
fn a_note_keeps_its_paragraphs_and_lists() {
    let b = body("# T\n\nText[^a].\n\n[^a]: First.\n\n    Second.\n\n    - item\n");
    assert!(
        b.contains("#footnote[First\\.\n\nSecond\\.\n\n#list([item])]"),
        "{b}"
    );
}

#[test]
fn footnote_problems_are_refused_with_their_lines() {
    let msgs = errors("# T\n\nText.\n\n[^a]: Never used.\n");
    assert!(
        msgs.iter()
            .any(|m| m.contains("x.md:5:1") && m.contains("never referenced")),
        "{msgs:?}"
    );
}

#[test]
fn a_note_on_the_title_is_kept_for_the_opener_only() {
    let (converted, _) = convert(
        &source("# Title[^a]\n\nText.\n\n[^a]: On the title.\n"),
        &mut Fixed,
    )
    .unwrap();
    assert_eq!(converted.title, "Title");
    let markup = converted.title_markup.unwrap();
    assert!(markup.starts_with("Title#context {"), "{markup}");
    assert!(
        markup.contains("#footnote[On the title\\.]<note-x-1>"),
        "{markup}"
    );
    assert!(
        !converted.body.contains("On the title"),
        "{}",
        converted.body
    );
}

#[test]
fn html_comments_never_reach_the_page() {
    let b = body("# T\n\nBefore <!-- check before printing --> after.\n\n<!--\nA block comment.\n-->\n\n<div>kept</div>\n");
    assert!(!b.contains("check"), "{b}");
    assert!(!b.contains("block comment"), "{b}");
    assert!(b.contains("\\<div\\>kept\\<\\/div\\>"), "{b}");
    let msgs = errors("# T\n\nText.\n\n<!-- never closed\n\nMore text.\n");
    assert!(
        msgs.iter()
            .any(|m| m.contains("x.md:5:1") && m.contains("never closed")),
        "{msgs:?}"
    );
}

#[test]
fn quotes_are_typographic_unless_escaped() {
    let b = body("# T\n\nThe city's \"plan\", 5\\'10\\\" and &quot;x&quot;.\n");
    assert!(
        b.contains("The city's \"plan\"\\, 5\\'10\\\" and \\\"x\\\"\\."),
        "{b}"
    );
}

#[test]
fn code_keeps_its_spaces() {
    let b = body("# T\n\nCall `def  foo(x)`.\n\n```python\nif x:\n    return 1\n```\n");
    assert!(b.contains("#raw(\"def  foo(x)\")"), "{b}");
    assert!(
        b.contains("#raw(block: true, \"if x:\\n    return 1\")"),
        "{b}"
    );
}

#[test]
fn pipe_tables_become_tables_with_optional_captions() {
    let b = body("# T\n\n| City | People |\n| :--- | ---: |\n| *Dortmund* | 603,609 |\n\nTable: Cities of the region\n\nText.\n\n| a |\n| - |\n| b |\n");
    assert!(
        b.contains("#captioned(\"table\", [Cities of the region], none, none, table-block((columns: ((width: 8, align: \"start\"), (width: 7, align: \"end\"),), head: (((rows: 1, cols: 1, strong: false, dir: \"ltr\", lines: ([City],)), (rows: 1, cols: 1, strong: false, dir: \"ltr\", lines: ([People],)),),), rows: ((type: \"row\", cells: ((rows: 1, cols: 1, strong: false, dir: \"ltr\", lines: ([#emph[Dortmund]],)), (rows: 1, cols: 1, strong: false, lines: ([603\\,609],)),)),))))"),
        "{b}"
    );
    assert!(!b.contains("Table\\:"), "{b}");
    assert!(
        b.contains("#captioned(\"none\", none, none, none, table-block("),
        "{b}"
    );
    assert!(body("# T\n\n~~gone~~\n").contains("#strike[gone]"));
}

#[test]
fn unprintable_markdown_is_refused_with_what_to_write() {
    for (md, line, words) in [
        ("# T\n\nA [link]() here.\n", "x.md:3:3", "no address"),
        ("# T\n\n##\n\nText.\n", "x.md:3:1", "heading is empty"),
        ("# T\n\n###### Deep\n", "x.md:3:1", "use `####`"),
        ("# T\n\n![alt](x.png)\n", "x.md:3:1", "{{figure:ID}}"),
        ("# T\n\nA bell \u{7} here.\n", "x.md:3:8", "U+0007"),
        (
            "# T\n\n| a | b |\n|---|---|\n| c | d \\| e | f |\n",
            "x.md:5:1",
            "3 cells but the table has 2 columns",
        ),
    ] {
        let msgs = errors(md);
        assert!(
            msgs.iter().any(|m| m.contains(line) && m.contains(words)),
            "{md:?}: {msgs:?}"
        );
    }
}

#[test]
fn marker_like_text_and_todos_are_warnings_and_strict_errors() {
    let md = "# T\n\nSee {table:t1} and [[figure:f]].\n\n{{todo: write this section}}\n";
    let (_, warnings) = convert(&source(md), &mut Fixed).unwrap();
    let warnings: Vec<String> = warnings.warnings().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    let (_, mut strict) = convert(&source(md), &mut Fixed).unwrap();
    strict.refuse_print_run_gaps();
    let msgs: Vec<String> = strict.errors().map(|d| d.to_string()).collect();
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    for (at, words) in [
        ("x.md:3:5", "write `{{table:t1}}`"),
        ("x.md:3:20", "write `{{figure:f}}`"),
        ("x.md:5:1", "to do: write this section"),
    ] {
        assert!(
            msgs.iter()
                .any(|m| m.contains(at) && m.contains(words) && m.contains("--strict")),
            "{at} {words}: {msgs:?}"
        );
    }
}

#[test]
fn a_short_lead_in_stays_with_its_list_and_a_long_paragraph_is_kept_free() {
    let short = body("# T\n\nList of networks:\n\n- CEMR\n- UCLG\n");
    assert!(
        short.contains("#block(sticky: true)[List of networks\\:]"),
        "{short}"
    );
    let long_text = format!(
        "{} including:",
        "The office handles asylum procedures. ".repeat(10)
    );
    let long = body(&format!("# T\n\n{long_text}\n\n- a\n- b\n"));
    assert!(!long.contains("sticky"), "{long}");
    // A paragraph that does not end with a colon is no lead-in.
    assert!(!body("# T\n\nNetworks.\n\n- CEMR\n").contains("sticky"));
}

#[test]
fn an_html_comment_never_closed_inside_a_paragraph_is_refused() {
    let errs = errors("# T\n\nText <!-- a note for the authors\n");
    assert!(
        errs.iter()
            .any(|e| e.contains("3:6") && e.contains("is never closed")),
        "{errs:?}"
    );
    // Escaped, it is text; closed, a comment.
    assert!(body("# T\n\nText \\<!-- shown\n").contains("\\<\\!\\-\\- shown"));
    assert!(!body("# T\n\nText <!-- note --> here\n").contains("note"));
}

#[test]
fn an_ordered_list_keeps_its_parenthesis_markers() {
    assert!(body("# T\n\n0) a\n1) b\n").contains("#enum(start: 0, numbering: \"1)\""));
    assert!(body("# T\n\n3. a\n4. b\n").contains("#enum(start: 3, ["));
}

#[test]
fn a_straight_quote_closes_a_quotation_opened_by_a_typed_mark() {
    let quoted = |md: &str| body(&format!("# T\n\n{md}\n"));
    // German, English, French and Danish opening marks, each closed by a
    // straight quote, also across emphasis.
    let body = quoted("Der „Welcome-Point\" hilft.");
    assert!(body.contains("„Welcome\\-Point“ hilft"), "{body}");
    let body = quoted("The “Welcome Point\" helps.");
    assert!(body.contains("“Welcome Point” helps"), "{body}");
    let body = quoted("Le «Welcome Point\" aide.");
    assert!(body.contains("«Welcome Point» aide"), "{body}");
    let body = quoted("Der »*Welcome* Point\" hilft.");
    assert!(body.contains("Point« hilft"), "{body}");
    // Straight quotes on both sides, a typed pair, an escaped quote: as
    // written (Typst's smart quotes and the escape print them).
    let body = quoted("A \"Welcome Point\" and „ein Punkt“ and „x\\\" y.");
    assert!(
        body.contains("A \"Welcome Point\" and „ein Punkt“"),
        "{body}"
    );
    assert!(body.contains("„x\\\" y"), "{body}");
}
