//! Passages in another language, `[Bezirksregierungen]{lang=de}`: hyphenated
//! by their own language's rules, tagged with their language in the PDF,
//! brackets that are no span printed as written, and mistakes reported at
//! their place.

use std::fs;
use std::path::Path;

use crate::common::*;

/// Builds the `minimal` fixture with `sources` as its Sources chapter;
/// returns the build's output and the English PDF's path.
fn build_with_sources_chapter(
    sources: &str,
) -> (TempDir, std::process::Output, std::path::PathBuf) {
    let (tmp, dir) = fixture_copy("minimal");
    fs::write(dir.join("text/en/sources.md"), sources).unwrap();
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    (tmp, run, out.join("testcity-en.pdf"))
}

/// The text of a wide table cell whose longest word is too long for any
/// column to be widened for it: twelve short words and one of 43 letters.
fn filler() -> String {
    format!(
        "Arbeitsmarktintegrationsförderungsprogramme {}",
        ["word"; 12].join(" ")
    )
}

/// The text line by line, hyphenated words not joined again, their soft
/// hyphens shown as hyphens.
fn raw_text(pdf: &Path) -> String {
    pdf::page_texts(pdf).concat().replace('\u{ad}', "-")
}

#[test]
fn a_german_word_in_an_english_table_hyphenates_by_german_rules_when_marked() {
    // A narrow first column: the name must break. Marked German, it breaks
    // Be-zirks-re-gie-run-gen; unmarked, English patterns give Bezirk-sregierun-gen.
    // (A column is widened to hold its longest word only when the other
    // columns' longest words leave room: the filler's long word leaves
    // none, so the columns keep the widths their text gives them.)
    let filler = filler();
    let mut chapter = String::from("# Sources\n\n| Authority |");
    for i in 1..8 {
        chapter.push_str(&format!(" Column {i} |"));
    }
    chapter.push_str("\n|---|---|---|---|---|---|---|---|\n");
    for name in ["[Bezirksregierungen]{lang=de}", "Bezirksregierungen"] {
        chapter.push_str(&format!("| {name} |"));
        for _ in 1..8 {
            chapter.push_str(&format!(" {filler} |"));
        }
        chapter.push('\n');
    }
    chapter.push_str("\nTable: Authorities\n");
    let (_tmp, run, pdf) = build_with_sources_chapter(&chapter);
    assert!(run.status.success(), "{}", stderr(&run));
    let lines: Vec<String> = raw_text(&pdf)
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("Be"))
        .expect("the marked name");
    let german: String = lines[at..at + 6].concat();
    assert_eq!(german, "Be-zirks-re-gie-run-gen", "{lines:?}");
    let after = &lines[at + 6..];
    let english = after
        .iter()
        .position(|l| l.starts_with("Bezirk"))
        .expect("the unmarked name");
    assert_eq!(after[english], "Bezirk-", "{lines:?}");
}

#[test]
fn a_passage_in_another_language_is_tagged_with_it_and_other_brackets_print_as_written() {
    let chapter =
        "# Sources\n\nThe council ([Sachverständigenrat deutscher Stiftungen]{lang=de}), the \
        [*Bezirksregierung* Arnsberg]{lang=de-DE} and [la préfecture]{lang=fr}. \
        As written: \\[x]{lang=de}, [y]\\{lang=de}, [1], [see [2]] and [a]{.smallcaps}. \
        Any case: [Wohnungsamt]{Lang=\"de\"}.\n";
    let (_tmp, run, pdf) = build_with_sources_chapter(chapter);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = squash(&pdf_text(&pdf));
    for expected in [
        "The council (Sachverständigenrat deutscher Stiftungen), the Bezirksregierung Arnsberg and la préfecture.",
        "As written: [x]{lang=de}, [y]{lang=de}, [1], [see [2]] and [a]{.smallcaps}. Any case: Wohnungsamt.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    // Each passage is marked content with its language.
    let content = pdf::content_streams(&pdf);
    for lang in ["/Lang(de)", "/Lang(de-DE)", "/Lang(fr)"] {
        assert!(content.contains(lang), "no span tagged {lang}");
    }
}

#[test]
fn a_language_attribute_that_follows_no_bracket_is_a_warning_and_prints_as_written() {
    let (_tmp, run, pdf) =
        build_with_sources_chapter("# Sources\n\nThe [Wohnungsamt] {lang=de} decides.\n");
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        reports_at(
            &stderr(&run),
            "text/en/sources.md:3:19",
            "this `{lang=…}` follows no `]` directly and prints as written"
        ),
        "{}",
        stderr(&run)
    );
    assert!(squash(&pdf_text(&pdf)).contains("The [Wohnungsamt] {lang=de} decides."));
}

#[test]
fn a_span_in_a_heading_leaves_no_trace_in_the_contents() {
    let chapter = "# Sources\n\n## The [Ausländerbehörde]{lang=de} of the city\n\nText.\n";
    let (_tmp, run, pdf) = build_with_sources_chapter(chapter);
    assert!(run.status.success(), "{}", stderr(&run));
    let outline = pdf_outline_titles(&pdf);
    assert!(
        outline
            .iter()
            .any(|t| t == "The Ausländerbehörde of the city"),
        "{outline:?}"
    );
}

#[test]
fn mistakes_in_a_span_are_reported_at_their_place() {
    for (line, location, message) in [
        (
            "The [Amt]{lang=German} decides.",
            "text/en/sources.md:3:10",
            "`German` is not a language code: write the ISO 639 code, e.g. `{lang=de}` or `{lang=de-CH}`",
        ),
        (
            "The [Amt]{lang=de .term} decides.",
            "text/en/sources.md:3:10",
            "`.term`: a span's braces take only the language, e.g. `{lang=de}`",
        ),
        (
            "The [Amt]{lang=de lang=fr} decides.",
            "text/en/sources.md:3:10",
            "the span gives its language twice: keep one `lang=`",
        ),
        (
            "The [Amt]{lang=} decides.",
            "text/en/sources.md:3:10",
            "the span's language is missing: write its ISO 639 code, e.g. `{lang=de}`",
        ),
        (
            "The [Amt]{lang=qq} decides.",
            "text/en/sources.md:3:10",
            "`qq` is not a language code",
        ),
        (
            "The []{lang=de} decides.",
            "text/en/sources.md:3:6",
            "this span has no text between its brackets",
        ),
        (
            "The Amt]{lang=de} decides.",
            "text/en/sources.md:3:8",
            "this `]{lang=…}` closes no `[`: write the passage in another language as `[passage]{lang=de}`",
        ),
    ] {
        let (_tmp, run, pdf) = build_with_sources_chapter(&format!("# Sources\n\n{line}\n"));
        assert_eq!(run.status.code(), Some(1), "{line}");
        let err = stderr(&run);
        assert!(reports_at(&err, location, message), "{line}: {err}");
        assert!(!pdf.exists());
    }
}

#[test]
fn italics_follow_the_language_around_them_and_a_span_sets_another() {
    // Also with `neutral_language = "de"`, an English word in italics in
    // English text hyphenates by English rules (guest-work-ers); marked
    // `{lang=de}`, by German ones (guest-wor-kers).
    let filler = filler();
    let mut chapter = String::from("# Sources\n\n| Term |");
    for i in 1..8 {
        chapter.push_str(&format!(" Column {i} |"));
    }
    chapter.push_str("\n|---|---|---|---|---|---|---|---|\n");
    for term in ["*guestworkers*", "[*guestworkers*]{lang=de}"] {
        chapter.push_str(&format!("| {term} |"));
        for _ in 1..8 {
            chapter.push_str(&format!(" {filler} |"));
        }
        chapter.push('\n');
    }
    chapter.push_str("\nTable: Terms\n");
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "\nlanguages",
        "\nneutral_language = \"de\"\nlanguages",
    );
    fs::write(dir.join("text/en/sources.md"), chapter).unwrap();
    let out = dir.join("out");
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let lines: Vec<String> = raw_text(&out.join("testcity-en.pdf"))
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    let breaks: Vec<String> = lines
        .windows(3)
        .filter(|w| w[0] == "guest-")
        .map(|w| w.concat())
        .collect();
    assert_eq!(breaks, ["guest-work-ers", "guest-wor-kers"], "{lines:?}");
}

#[test]
fn a_language_attribute_never_closed_is_a_warning_that_says_so() {
    let (_tmp, run, pdf) =
        build_with_sources_chapter("# Sources\n\nThe [Wohnungsamt]{lang=de decides.\n");
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        reports_at(
            &stderr(&run),
            "text/en/sources.md:3:18",
            "this `{lang=…` is never closed and prints as written: end it with `}`"
        ),
        "{}",
        stderr(&run)
    );
    assert!(squash(&pdf_text(&pdf)).contains("The [Wohnungsamt]{lang=de decides."));
}
