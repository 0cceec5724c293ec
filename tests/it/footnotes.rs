//! Footnotes as authors use them, read back from the built PDF: a note
//! referenced twice, notes referring to each other, a note on a heading, a
//! note with paragraphs and a list, two notes in a row. Each note's text is
//! printed once, with the right number at each reference; a heading's note
//! is neither on the contents page nor in the bookmark.

use crate::common::*;

const CHAPTER: &str = "# Notes

Alpha says one thing[^twice] and Beta says it again[^twice].

## Section heading[^heading]

Gamma starts a chain[^first].

Delta has two notes[^left][^right].

Epsilon has a long note[^long].

[^twice]: Kappa note, referenced twice.

[^heading]: Lambda note, on a heading.

[^first]: Mu note, which refers to the next[^second].

[^second]: Nu note, which refers back[^first].

[^left]: Xi note, the left one.

[^right]: Omicron note, the right one.

[^long]: Pi note, first paragraph.

    Rho paragraph, the second.

    - Sigma item
    - Tau item
";

#[test]
fn footnotes_print_once_with_the_right_numbers() {
    let (_tmp, pdf) = build_minimal(Some(CHAPTER));
    let text = squash(&pdf_text(&pdf));

    // Every note's text once.
    for note in [
        "Kappa note",
        "Lambda note",
        "Mu note",
        "Nu note",
        "Xi note",
        "Omicron note",
        "Pi note",
        "Rho paragraph",
        "Sigma item",
        "Tau item",
    ] {
        assert_eq!(text.matches(note).count(), 1, "{note}: {text}");
    }
    // The chapter's notes are numbered 1..7 in the order of their first
    // references (the chapter before has none); the second reference to
    // note 1 prints 1 again, the chain refers back to note 3, and two
    // notes in a row print as two marks.
    // (Compared without spaces: pdftotext puts them around marks at will.)
    let closed_up = text.replace(' ', "");
    for expected in [
        "onething1and",
        "again1.",
        "SECTIONHEADING2",
        "chain3.",
        "next4.",
        "back3.",
        "twonotes5,6.",
        "longnote7.",
        "1Kappanote",
        "2Lambdanote",
        "3Munote",
        "4Nunote",
        "5Xinote",
        "6Omicronnote",
        "7Pinote",
    ] {
        assert!(closed_up.contains(expected), "{expected:?} not in {text}");
    }

    // A heading's note is not on the contents page nor in the bookmark.
    let contents = squash(&pdf_page_text(&pdf, 2));
    assert!(contents.contains("Section heading"), "{contents}");
    assert!(!contents.contains("Lambda"), "{contents}");
    let titles = pdf_outline_titles(&pdf);
    assert!(titles.iter().any(|t| t == "Section heading"), "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("Lambda")), "{titles:?}");
}

#[test]
fn a_note_on_the_chapter_title_prints_once_on_the_opener_not_in_contents_or_bookmarks() {
    let (_tmp, pdf) = build_minimal(Some(
        "# Sources[^t]\n\nText with a note[^u].\n\n[^t]: Upsilon on the title.\n\n[^u]: Phi in the text.\n",
    ));
    let text = squash(&pdf_text(&pdf));
    assert_eq!(text.matches("Upsilon on the title").count(), 1, "{text}");
    // Numbered first, the text's note second.
    let closed_up = text.replace(' ', "");
    assert!(closed_up.contains("1Upsilononthetitle"), "{text}");
    assert!(closed_up.contains("anote2"), "{text}");
    assert!(closed_up.contains("2Phiinthetext"), "{text}");
    // On the opener's page, with the title; not on the contents page.
    let opener = (1..=pdf_pages(&pdf))
        .find(|&p| squash(&pdf_page_text(&pdf, p)).contains("Upsilon"))
        .unwrap();
    assert!(
        squash(&pdf_page_text(&pdf, opener)).contains("SOURCES"),
        "opener"
    );
    let contents = squash(&pdf_page_text(&pdf, 2));
    assert!(contents.contains("SOURCES"), "{contents}");
    assert!(!contents.contains("Upsilon"), "{contents}");
    let titles = pdf_outline_titles(&pdf);
    assert!(titles.iter().any(|t| t.ends_with("Sources")), "{titles:?}");
    assert!(
        !titles
            .iter()
            .any(|t| t.contains("Upsilon") || t.contains("Sources1")),
        "{titles:?}"
    );
}

#[test]
fn a_notes_number_stands_a_space_before_its_text_and_its_lines_hang_under_the_text() {
    let (_tmp, pdf) = build_minimal(Some(CHAPTER));
    let pages = bbox_pages(&pdf);
    let page = pages
        .iter()
        .find(|p| p.words.iter().any(|w| w.text == "Kappa"))
        .expect("a page with the note Kappa");
    let kappa = page.words.iter().find(|w| w.text == "Kappa").unwrap();
    // The note's number: the word `1` ending left of `Kappa` on its line.
    let number = page
        .words
        .iter()
        .filter(|w| w.text == "1" && w.x1 <= kappa.x0 && (w.y1 - kappa.y1).abs() < kappa.height())
        .max_by(|a, b| a.x1.total_cmp(&b.x1))
        .expect("the note's number before its text");
    let gap = kappa.x0 - number.x1;
    // A word space at the notes' 7.6 pt is about 2 pt; glued it was under 0.5 pt.
    assert!(gap > 1.5, "the number is glued to its text: {gap:.2} pt");
}
