//! Markdown features read back from the built PDF: code in the monospace
//! font with its spaces, a pipe table as a real (tagged) table with its
//! caption and number, strikethrough, HTML comments left out, other HTML
//! printed literally, and typographic quotes in the edition's language (also
//! where a straight quote closes a quotation a typed mark opened).

use crate::common::*;

const CHAPTER: &str = r#"# Sources

The city's "plan" keeps 5\'10\" straight.<!-- check before printing --> Some ~~struck~~ words, <b>literal</b> tags and `def  foo(x)` inline.

```
def foo(x):
    return x
```

<!--
A whole block of notes for the authors.
-->

| City | Inhabitants |
| :--- | ---: |
| *Dortmund* | 603,609 |
| Essen | 582,760 |

Table: Two cities of the Ruhr
"#;

#[test]
fn code_tables_html_and_quotes_reach_the_page_as_documented() {
    let (_tmp, pdf) = build_minimal(Some(CHAPTER));
    let text = squash(&pdf_text(&pdf));

    for expected in [
        "The city’s “plan” keeps 5'10\" straight.",
        "Some struck words, <b>literal</b> tags and def foo(x) inline.",
        "def foo(x):",
        "return x",
        // The fixture's own table is "Fig. 1"; the chapter's is the first table.
        "Table 1: Two cities of the Ruhr",
        "City Inhabitants",
        "Dortmund 603,609",
        "Essen 582,760",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    assert!(!text.contains("check before printing"), "{text}");
    assert!(!text.contains("notes for the authors"), "{text}");

    let fonts = pdf_fonts(&pdf);
    assert!(fonts.contains("NotoSansMono-Regular"), "{fonts}");

    // The pipe table is a table in the PDF's structure, like the data tables.
    let tables = pdf_objects(&pdf)
        .iter()
        .filter(|o| o["/S"] == "/Table")
        .count();
    assert_eq!(
        tables, 3,
        "the fixture's table, the chart's table and the chapter's"
    );
}

#[test]
fn editions_without_code_do_not_embed_the_monospace_font() {
    let (_tmp, pdf) = build_minimal(None);
    let fonts = pdf_fonts(&pdf);
    assert!(!fonts.contains("Mono"), "{fonts}");
}

#[test]
fn a_quotation_closed_by_a_straight_quote_closes_as_its_language_does() {
    let (_tmp, dir) = fixture_copy("bilingual");
    append_to_file(
        &dir.join("text/en/intro.md"),
        "\nThe “Welcome Point\" helps, and so does the \"Help Desk\".\n",
    );
    append_to_file(
        &dir.join("text/de/intro.md"),
        "\nDer „Welcome-Point\" hilft, und der »Help Desk\" auch.\n",
    );
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let english = squash(&pdf_text(&out.join("testcity-en.pdf")));
    assert!(
        english.contains("The “Welcome Point” helps, and so does the “Help Desk”."),
        "{english}"
    );
    let german = squash(&pdf_text(&out.join("testcity-de.pdf")));
    assert!(
        german.contains("Der „Welcome-Point“ hilft, und der »Help Desk« auch."),
        "{german}"
    );
}
