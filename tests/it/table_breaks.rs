//! Tables across pages, read back from the PDFs of the `tables` fixture
//! (English and Arabic): a category that spans more rows than a page holds
//! repeats its label on the first row of the next page, and no page holds a
//! single row of a run of rows that continues on another page (the table's
//! break is moved by one row instead); a run of three rows and the notes
//! under a table stay with the table's last rows.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

/// Every page's words with their boxes.
fn pages(pdf: &Path) -> Vec<Vec<Word>> {
    bbox_pages(pdf).into_iter().map(|p| p.words).collect()
}

/// Whether a word is `expected` (words come in logical order).
fn is(word: &Word, expected: &str) -> bool {
    word.text == expected
}

/// Builds the profile in `dir` into `dir/out`; the PDF of each language.
fn build(dir: &Path) -> BTreeMap<&'static str, PathBuf> {
    let out = dir.join("out");
    let run = cityprofile(dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    ["en", "ar"]
        .into_iter()
        .map(|lang| (lang, out.join(format!("tablecity-{lang}.pdf"))))
        .collect()
}

#[test]
fn a_category_spanning_rows_across_a_page_break_repeats_its_label_on_the_next_page() {
    let (_tmp, dir) = fixture_copy("tables");
    let pdfs = build(&dir);
    // (edition, the "continued" word, and per table: the letter its rows'
    // numbers start with (C01 to C24, S01 to S50), a word of its category's
    // label, a word of a source that spans the same rows)
    let cases = [
        (
            "en",
            "(cont.)",
            [('C', "Living", Some("Household")), ('S', "Districts", None)],
        ),
        (
            "ar",
            "(تابع)",
            [('C', "ظروف", Some("Household")), ('S', "المناطق", None)],
        ),
    ];
    for (lang, continued, tables) in cases {
        let pages = pages(&pdfs[lang]);
        for (letter, label, source) in tables {
            // The pages holding the category's rows, each with the top of
            // its first row there.
            let mut holding = Vec::new();
            for (p, words) in pages.iter().enumerate() {
                let rows: Vec<&Word> = words
                    .iter()
                    .filter(|w| {
                        w.text.len() == 3
                            && w.text.starts_with(letter)
                            && w.text[1..].chars().all(|c| c.is_ascii_digit())
                    })
                    .collect();
                if let Some(first) = rows.iter().min_by(|a, b| a.y0.total_cmp(&b.y0)) {
                    holding.push((p, first.y0, first.text.clone(), rows.len()));
                }
            }
            assert!(
                holding.len() >= 2,
                "{lang}: the category `{label}` should run over two pages, found on {holding:?}"
            );
            for (k, (p, top, first, _)) in holding.iter().enumerate() {
                let words = &pages[*p];
                // Only this table's words (the page may hold the end of
                // the table before it): from its first row down.
                let below: Vec<&Word> = words.iter().filter(|w| w.y0 > top - 4.0).collect();
                let labels: Vec<&&Word> = below.iter().filter(|w| is(w, label)).collect();
                assert_eq!(
                    labels.len(),
                    1,
                    "{lang} p{}: the label `{label}` should print once, on the first row ({first}): {labels:?}",
                    p + 1
                );
                assert!(
                    (labels[0].y0 - top).abs() < 3.0,
                    "{lang} p{}: the label `{label}` stands at {:.1}, the first row ({first}) at {top:.1}",
                    p + 1,
                    labels[0].y0
                );
                // A source over the same rows is repeated too, as it is.
                if let Some(source) = source {
                    let found: Vec<&&Word> = below.iter().filter(|w| w.text == source).collect();
                    assert!(
                        found.len() == 1 && (found[0].y0 - top).abs() < 3.0,
                        "{lang} p{}: the spanning source should print once beside {first}: {found:?}",
                        p + 1
                    );
                }
                // Marked as continued on every page but the first, after
                // the label (on its line or the next), in the edition's
                // language.
                let marked = below.iter().any(|w| {
                    is(w, continued)
                        && w.y0 > top - 3.0
                        && w.y0 < top + 26.0
                        && (w.x0 - labels[0].x0).abs() < 80.0
                });
                assert_eq!(
                    marked,
                    k > 0,
                    "{lang} p{}: `{continued}` goes after the label on a continued page only",
                    p + 1
                );
                // The label is in the first column: at the start of its row
                // (the right in Arabic).
                let row: Vec<f64> = below
                    .iter()
                    .filter(|w| (w.y0 - top).abs() < 3.0)
                    .map(|w| w.x0)
                    .collect();
                let (min, max) = row
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(*x), b.max(*x)));
                let x = labels[0].x0;
                if lang == "ar" {
                    assert!(
                        x > (min + max) / 2.0,
                        "{lang}: `{label}` is not on the right"
                    );
                } else {
                    assert!(
                        (x - min).abs() < 1.0,
                        "{lang}: `{label}` is not on the left"
                    );
                }
            }
            // No page holds a single row of the category either.
            assert!(
                holding.iter().all(|(_, _, _, n)| *n >= 2),
                "{lang}: a page holds one row of `{label}`: {holding:?}"
            );
        }
    }
}

/// Adds a chapter per variant to the fixture copy in `dir`, in English and
/// Arabic (marked translated): `tables/<id>-<v>.toml` holds `table(v)`,
/// placed after `lines(v)` filler lines joined by `joiner` (`"\n\n"`: one
/// paragraph each, `"\\\n"`: one paragraph with line breaks, which moves the
/// table down a line at a time). `names`: the id prefix and the English and
/// Arabic titles.
fn add_variant_chapters(
    dir: &Path,
    names: (&str, &str, &str),
    variants: std::ops::RangeInclusive<usize>,
    table: impl Fn(usize) -> String,
    lines: impl Fn(usize) -> usize,
    joiner: &str,
) {
    let (prefix, title_en, title_ar) = names;
    let mut chapters = String::new();
    for v in variants {
        let id = format!("{prefix}-{v:02}");
        fs::write(dir.join(format!("tables/{id}.toml")), table(v)).unwrap();
        for (lang, title, filler) in [
            ("en", title_en, "Filler line"),
            ("ar", title_ar, "سطر الحشو"),
        ] {
            let filler: Vec<String> = (1..=lines(v)).map(|k| format!("{filler} {k}.")).collect();
            let text = format!(
                "# {title} {v}\n\n{}\n\n{{{{table:{id}}}}}\n",
                filler.join(joiner)
            );
            fs::write(dir.join(format!("text/{lang}/{id}.md")), text).unwrap();
        }
        chapters.push_str(&format!("\n[[chapters]]\nfile = \"{id}\"\n"));
    }
    replace_in_file(
        &dir.join("profile.toml"),
        "\n[theme]",
        &format!("{chapters}\n[theme]"),
    );
    let marked = cityprofile(dir, &["mark-translated", ".", "--lang", "ar"]);
    assert!(marked.status.success(), "{}", stderr(&marked));
}

/// The rows of the balance table, written with its variant's number; even
/// variants keep the note on the last row, odd ones have none (their
/// source line alone follows the table).
fn balance_table(fixture: &str, variant: usize) -> String {
    let table = fixture
        .replace("T00-", &format!("T{variant:02}-"))
        .replace("Grouped counts,", &format!("Grouped counts {variant},"));
    if variant % 2 == 1 {
        let note = r#", footnote = { en = "Counted twice.", ar = "عُدّ مرتين." }"#;
        assert!(table.contains(note));
        table.replace(note, "")
    } else {
        table
    }
}

#[test]
fn no_page_holds_a_single_row_of_a_run_of_rows_that_continues_on_another_page() {
    let (_tmp, dir) = fixture_copy("tables");
    // The balance table after fillers of 27 to 42 lines, one chapter each:
    // the table's start moves down the page by a line each time, so that its
    // page break falls after each of its rows in turn.
    let table = fs::read_to_string(dir.join("tables/balance.toml")).unwrap();
    let variants = 1..=16;
    add_variant_chapters(
        &dir,
        ("balance", "Balance", "توازن"),
        variants.clone(),
        |v| balance_table(&table, v),
        |v| 26 + v,
        "\n\n",
    );
    let pdfs = build(&dir);
    for (lang, pdf) in &pdfs {
        let pages = pages(pdf);
        // (variant, group) -> page -> rows; and the page of each note.
        let mut runs: BTreeMap<(String, char), BTreeMap<usize, usize>> = BTreeMap::new();
        let mut last_rows = BTreeMap::new();
        let mut notes = Vec::new();
        let mut sources = Vec::new();
        for (p, words) in pages.iter().enumerate() {
            for w in words {
                let t = w.text.as_str();
                let row = t.len() == 6
                    && t.starts_with('T')
                    && t.as_bytes()[3] == b'-'
                    && t[1..3].chars().all(|c| c.is_ascii_digit());
                if row {
                    let group = t.as_bytes()[4] as char;
                    *runs
                        .entry((t[1..3].to_string(), group))
                        .or_default()
                        .entry(p)
                        .or_default() += 1;
                    if t.ends_with("b3") {
                        last_rows.insert(t[1..3].to_string(), p);
                    }
                }
                if is(w, "Counted") || is(w, "مرتين.") || is(w, "مرتين") {
                    notes.push(p);
                }
                if is(w, "Office,") {
                    sources.push(p);
                }
            }
        }
        assert_eq!(
            runs.len(),
            2 * variants.clone().count() + 2,
            "{lang}: rows of every table found"
        );
        let mut split = 0;
        for ((variant, group), on) in &runs {
            let counts: Vec<usize> = on.values().copied().collect();
            if counts.len() > 1 {
                split += 1;
                assert!(
                    *group == 'a' && counts.iter().all(|n| *n >= 2),
                    "{lang}: table {variant}, group {group}: rows per page {on:?}"
                );
                // The group's band, repeated on the pages it continues on,
                // says so there, and only there.
                let continued = if *lang == "en" {
                    "(cont.)"
                } else {
                    "(تابع)"
                };
                let marked = |p: usize| pages[p].iter().any(|w| is(w, continued));
                let mut on_pages = on.keys();
                let first = *on_pages.next().unwrap();
                assert!(
                    !marked(first),
                    "{lang}: table {variant}: `{continued}` on its first page"
                );
                for p in on_pages {
                    assert!(
                        marked(*p),
                        "{lang}: table {variant}: no `{continued}` on p{}",
                        p + 1
                    );
                }
            }
        }
        // The sweep made the table break inside its first group several
        // times, not only between the groups.
        assert!(split >= 3, "{lang}: only {split} groups broke across pages");
        // Each table's note, and its source line, is on the page of its
        // last row.
        for (variant, page) in &last_rows {
            assert!(
                sources.contains(page),
                "{lang}: the source of table {variant} is not on the page of its last row (p{})",
                page + 1
            );
            if variant.parse::<usize>().unwrap() % 2 == 1 {
                continue;
            }
            assert!(
                notes.contains(page),
                "{lang}: the note of table {variant} is not on the page of its last row (p{})",
                page + 1
            );
        }
    }
}

#[test]
fn a_table_without_notes_keeps_its_source_line_with_its_last_rows() {
    let (_tmp, dir) = fixture_copy("tables");
    // The balance table without its note, after fillers of 30 to 49 lines
    // (one paragraph with line breaks: the table moves down a line at a
    // time), so that the page ends right under its last row in some variant.
    let table = fs::read_to_string(dir.join("tables/balance.toml")).unwrap();
    let note = r#", footnote = { en = "Counted twice.", ar = "عُدّ مرتين." }"#;
    assert!(table.contains(note));
    let variants = 1..=20;
    add_variant_chapters(
        &dir,
        ("source", "Source", "مصدر"),
        variants.clone(),
        |v| {
            table
                .replace(note, "")
                .replace("T00-", &format!("S{v:02}-"))
                .replace("Grouped counts,", &format!("Sourced counts {v},"))
        },
        |v| 29 + v,
        "\\\n",
    );
    let pdfs = build(&dir);
    let pages = pages(&pdfs["en"]);
    let page_of = |word: &str| {
        pages
            .iter()
            .position(|words| words.iter().any(|w| w.text == word))
    };
    let mut breaks = 0;
    for v in variants {
        let first = page_of(&format!("S{v:02}-a1")).expect("first row");
        let last = page_of(&format!("S{v:02}-b3")).expect("last row");
        if first != last {
            breaks += 1;
        }
        assert!(
            pages[last].iter().any(|w| w.text == "Office,"),
            "table {v}: its source line is not on the page of its last row (p{})",
            last + 1
        );
    }
    assert!(breaks >= 3, "only {breaks} tables broke across pages");
}
