//! The contents' entries as a print editor reads them: a title too long
//! for one line hangs its second line under its first word (not under its
//! number), and keeps at least three leader dots before its page number
//! (the German contents of the sample profile, whose chapter 6 wraps).

use crate::common::*;

/// The words of the contents page's line that holds a word starting with
/// `word` (the first leader dot may join the title's last word), left to
/// right.
fn line_of<'a>(page: &'a Page, word: &str) -> Vec<&'a Word> {
    let found = page
        .words
        .iter()
        .find(|w| w.text.starts_with(word))
        .unwrap_or_else(|| panic!("`{word}` on the contents page: {}", page.text()));
    line_at(page, found.y0)
}

/// The words of the page's line whose top is at `y0`, left to right.
fn line_at(page: &Page, y0: f64) -> Vec<&Word> {
    let mut line: Vec<&Word> = page
        .words
        .iter()
        .filter(|w| (w.y0 - y0).abs() < 2.0)
        .collect();
    line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    line
}

#[test]
fn a_wrapped_title_hangs_under_its_first_word_and_keeps_its_leader_dots() {
    let pdf = dortmund().pdf("dortmund-de");
    let pages = bbox_pages(&pdf);
    let contents = &pages[1];
    let first = line_of(contents, "MENSCHENRECHTE");
    assert_eq!(first[0].text, "6.", "the chapter's number opens the line");
    let title = first
        .iter()
        .find(|w| w.text.starts_with("MENSCHENRECHTE"))
        .unwrap();
    // The next line down.
    let below = contents
        .words
        .iter()
        .filter(|w| w.y0 > title.y1 - 2.0)
        .min_by(|a, b| a.y0.total_cmp(&b.y0))
        .unwrap();
    let second = line_at(contents, below.y0);
    let dortmund = second[0];
    assert!(
        dortmund.text.starts_with("DORTMUND"),
        "the second line: {second:?}"
    );
    assert!(
        (dortmund.x0 - title.x0).abs() < 3.0 && dortmund.x0 > first[0].x1,
        "the second line starts under the title's first word ({:.1}), not under the number ({:.1}): {:.1}",
        title.x0,
        first[0].x0,
        dortmund.x0
    );
    // Leader dots then the page number, at the line's end.
    let number = second.last().unwrap();
    assert_eq!(
        number.text, "32",
        "the page number ends the line: {second:?}"
    );
    let dots: usize = second
        .iter()
        .filter(|w| w.x0 >= dortmund.x0 && w.x1 < number.x0)
        .map(|w| w.text.chars().filter(|c| *c == '.').count())
        .sum();
    assert!(
        dots >= 3,
        "leader dots between title and number: {second:?}"
    );
}
