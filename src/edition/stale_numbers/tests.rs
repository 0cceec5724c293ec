//! What of a chapter's Markdown is searched for numbers.

use super::*;

#[test]
fn code_html_and_addresses_are_not_prose() {
    let text = "Text 603,600 `code 603,600`\n\n```\n603,600\n```\n\n<!-- 603,600 -->\n[link 1](https://x.org/603600) and [^1]\n\n[^1]: Note 603,600.\n";
    let pieces: Vec<&str> = markdown_text_ranges(text)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    let joined = pieces.join("|");
    assert_eq!(joined.matches("603,600").count(), 2, "{joined}");
    assert!(!joined.contains("x.org"), "{joined}");
}

#[test]
fn references_are_found_as_markers() {
    let text = "a {{t.row-2019.c}} b {{x";
    let markers = reference_markers(text);
    assert_eq!(markers, vec![2..18, 21..text.len()]);
}

#[test]
fn numbers_in_addresses_are_left_out() {
    let conventions = Conventions::new("en", (',', '.'));
    let text = "see https://city.de/?n=603600 or 603600@city.de,\u{a0}603600 people";
    let numbers = conventions.numbers_in(text);
    let kept: Vec<bool> = numbers.iter().map(|n| in_address(text, n)).collect();
    assert_eq!(kept, [true, true, false]);
}
