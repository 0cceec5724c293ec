//! Nothing overprints: on every page of every screen edition of every test
//! profile and of the sample profile, read back word by word with their boxes (`bbox_pages`), no
//! two words overlap, and every word stands inside the text block (the A4
//! page less 20 mm at the sides, 22 mm at the top and 24 mm at the foot,
//! as `templates/components/page.typ` sets them) or on the running
//! footer's line below it. The cover and the back cover, designed to the
//! page's edge, are left out. The `crowded` fixture provokes each case
//! that printed over something before: a table row taller than a page,
//! seven long German category labels under bars, and two long district
//! names side by side.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::common::*;

/// The test profiles built for this module, each once per run.
const FIXTURES: [&str; 8] = [
    "bilingual",
    "charts",
    "crowded",
    "minimal",
    "rtl",
    "sfax",
    "stale-numbers",
    "tables",
];

/// The screen editions (PDFs) of a profile, built once per run.
fn editions(profile: &str) -> Vec<PathBuf> {
    static BUILT: OnceLock<std::sync::Mutex<BTreeMap<String, &'static Built>>> = OnceLock::new();
    let built: &'static Built = if profile == "dortmund" {
        dortmund()
    } else {
        let map = BUILT.get_or_init(Default::default);
        let mut map = map.lock().unwrap();
        map.entry(profile.to_string()).or_insert_with(|| {
            Box::leak(Box::new(build_for_the_run(
                &format!("overprint-{profile}"),
                &repo_root().join("tests/fixtures").join(profile),
                &[],
            )))
        })
    };
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(built.dir.join("o"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.ends_with(".pdf") && !name.ends_with("-print.pdf")
        })
        .collect();
    pdfs.sort();
    assert!(!pdfs.is_empty(), "{profile}: no PDF");
    pdfs
}

const MM: f64 = 72.0 / 25.4;
/// Room for hanging punctuation and the fonts' side bearings, in points.
const SLACK: f64 = 3.0;

/// The body of a word's letters: its box less a quarter of its
/// height at the top and the foot (the font's whole ascent and descent) and
/// a little at the sides.
fn core(w: &Word) -> [f64; 4] {
    let h = w.height();
    [w.x0 + 0.3, w.y0 + 0.25 * h, w.x1 - 0.3, w.y1 - 0.25 * h]
}

fn overlap(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// What overprints in one PDF, each in a line naming page and words.
fn overprints(pdf: &std::path::Path) -> Vec<String> {
    let name = pdf.file_name().unwrap().to_string_lossy().into_owned();
    let pages = bbox_pages(pdf);
    let mut found = Vec::new();
    // The running footer's line: where most words below the text block
    // stand (the letter body of its most common row; words of another
    // script on that line have other ascents, so a word is on the footer
    // when its letter body meets that band).
    let mut rows: BTreeMap<i64, (usize, [f64; 4])> = BTreeMap::new();
    for page in &pages {
        let bottom = page.height - 24.0 * MM;
        for w in page.words.iter().filter(|w| w.y0 > bottom) {
            let row = rows.entry(w.y0.round() as i64).or_insert((0, core(w)));
            row.0 += 1;
        }
    }
    let footer = rows
        .values()
        .max_by_key(|(n, _)| *n)
        .map(|(_, c)| (c[1], c[3]));
    let count = pages.len();
    for (i, page) in pages.iter().enumerate() {
        if i == 0 || i + 1 == count {
            continue;
        }
        let p = i + 1;
        let (left, right) = (20.0 * MM - SLACK, page.width - 20.0 * MM + SLACK);
        let (top, bottom) = (22.0 * MM - SLACK, page.height - 24.0 * MM);
        for w in &page.words {
            // The letters' body (the box holds the font's whole ascent,
            // above the first line's top).
            let c = core(w);
            let on_footer = footer.is_some_and(|(y0, y1)| c[1] < y1 && y0 < c[3] && c[1] > bottom);
            let inside = c[0] >= left && c[2] <= right && c[1] >= top && c[3] <= bottom + SLACK;
            if !inside && !on_footer {
                found.push(format!(
                    "{name} p. {p}: `{}` at ({:.1}, {:.1})–({:.1}, {:.1}) outside the text block",
                    w.text, w.x0, w.y0, w.x1, w.y1
                ));
            }
        }
        let words: Vec<&Word> = page.words.iter().collect();
        for (k, a) in words.iter().enumerate() {
            for b in &words[k + 1..] {
                if overlap(core(a), core(b)) {
                    found.push(format!(
                        "{name} p. {p}: `{}` at ({:.1}, {:.1}) overlaps `{}` at ({:.1}, {:.1})",
                        a.text, a.x0, a.y0, b.text, b.x0, b.y0
                    ));
                }
            }
        }
    }
    found
}

fn assert_nothing_overprints(profile: &str) {
    let mut found = Vec::new();
    for pdf in editions(profile) {
        found.extend(overprints(&pdf));
    }
    let shown: Vec<&String> = found.iter().take(30).collect();
    assert!(
        found.is_empty(),
        "{profile}: {} overprint(s):\n{}",
        found.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn nothing_overprints_in_the_sample_profile() {
    assert_nothing_overprints("dortmund");
}

#[test]
fn nothing_overprints_in_any_test_profile() {
    for profile in FIXTURES {
        assert_nothing_overprints(profile);
    }
}

#[test]
fn a_table_row_taller_than_a_page_breaks_inside_the_text_block() {
    let pdf = &editions("crowded")[0];
    let pages = bbox_pages(pdf);
    // The long rule runs over more than one page, each part of it in
    // the text block (checked above), and the row after it follows.
    let with_rule: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.text().contains("Stichtag eingereist"))
        .map(|(i, _)| i + 1)
        .collect();
    assert!(with_rule.len() >= 2, "the long row on pages {with_rule:?}");
    assert!(
        pages[with_rule.last().unwrap() - 1]
            .text()
            .contains("Uneingeschränkt")
            || pages[*with_rule.last().unwrap()]
                .text()
                .contains("Uneingeschränkt"),
        "the row after the long one follows it"
    );
    assert!(overprints(pdf).is_empty(), "{:?}", overprints(pdf));
}
