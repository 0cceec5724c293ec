//! Print production, read back from every page of the four Dortmund
//! editions: no two words overprint and no word leaves its frame (the text
//! block, or the cover's, openers' and back cover's own), continued tables
//! repeat their column heads, page 3 carries the imprint, no page is empty
//! without a purpose, and the print versions (`build --print`) have their
//! 3 mm bleed, TrimBox and colour areas running into the bleed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::*;

const LANGUAGES: [&str; 4] = ["en", "de", "fr", "ar"];

/// One point in millimetres.
const MM: f64 = 72.0 / 25.4;

/// Every edition, screen and print, from the run's shared build of the
/// Dortmund profile (`build --print`).
fn built() -> &'static Built {
    let built = dortmund();
    assert!(
        built.run.status.success(),
        "build failed: {}",
        stderr(&built.run)
    );
    built
}

fn pdf(name: &str) -> PathBuf {
    built().pdf(name)
}

/// Every page's words with their boxes.
fn pages(pdf: &Path) -> Vec<Page> {
    bbox_pages(pdf)
}

/// The regions of a PDF's tagged figures with alternative text (charts and
/// images), per page index: their words are the figure's own (chart labels)
/// and are checked against their own frame, not against the text.
fn figure_regions(pdf: &Path) -> BTreeMap<usize, Vec<[f64; 4]>> {
    let page_ids = pdf::page_refs(pdf);
    let objects: BTreeMap<String, serde_json::Value> =
        pdf::pdf_objects_by_ref(pdf).into_iter().collect();
    let resolve = |v: &serde_json::Value| -> serde_json::Value {
        match v.as_str() {
            Some(r) if r.ends_with(" R") => objects.get(r).cloned().unwrap_or_default(),
            _ => v.clone(),
        }
    };
    let heights: Vec<f64> = pages(pdf).iter().map(|p| p.height).collect();
    let mut regions: BTreeMap<usize, Vec<[f64; 4]>> = BTreeMap::new();
    for dict in objects.values() {
        if dict.get("/S").and_then(|s| s.as_str()) != Some("/Figure") {
            continue;
        }
        let attributes = dict.get("/A").map(&resolve).unwrap_or_default();
        let attributes = match attributes {
            serde_json::Value::Array(items) => items.iter().map(&resolve).collect(),
            other => vec![other],
        };
        let Some(bbox) = attributes.iter().find_map(|a| a.get("/BBox").cloned()) else {
            continue;
        };
        let Some(page) = dict
            .get("/Pg")
            .and_then(|p| p.as_str())
            .and_then(|p| page_ids.iter().position(|id| id == p))
        else {
            continue;
        };
        let b: Vec<f64> = bbox
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|n| n.as_f64())
            .collect();
        if b.len() == 4 {
            // PDF coordinates from the bottom; words from the top.
            let h = heights[page];
            regions
                .entry(page)
                .or_default()
                .push([b[0], h - b[3], b[2], h - b[1]]);
        }
    }
    regions
}

/// Whether a word stands inside a frame: all of its width (punctuation and
/// hyphens may hang up to `tolerance` into the margin, as Typst sets them)
/// and the middle of its height (a font's ascent reaches above the first
/// line's cap height, much more in the Arabic font).
fn inside(word: &Word, r: &[f64; 4], tolerance: f64) -> bool {
    let middle = (word.y0 + word.y1) / 2.0;
    word.x0 >= r[0] - tolerance && word.x1 <= r[2] + tolerance && middle >= r[1] && middle <= r[3]
}

/// A page set in display type (the cover, an opener): a word taller than
/// any text or heading of the text pages (even in the Arabic font, whose
/// boxes are taller).
fn is_display_page(page: &Page) -> bool {
    page.words.iter().any(|w| w.height() > 50.0)
}

/// Where a page's words may stand: the text block with the running footer
/// under it, or the own frame of the cover, an opener or the back cover.
fn frame(page: &Page, index: usize, count: usize) -> [f64; 4] {
    let (w, h) = (page.width, page.height);
    if index == 0 || is_display_page(page) {
        // Cover and openers: 15 mm from the trim.
        [15.0 * MM, 15.0 * MM, w - 15.0 * MM, h - 15.0 * MM]
    } else if index + 1 == count {
        // The back cover: its margins.
        [22.0 * MM, 25.0 * MM, w - 22.0 * MM, h - 25.0 * MM]
    } else {
        // Margins 20 mm outside and 22 mm inside (either side, for both
        // directions), 22 mm on top (ascenders reach a little above), and the
        // footer in the lower margin.
        [20.0 * MM, 22.0 * MM, w - 20.0 * MM, h - 10.0 * MM]
    }
}

/// Two words that print over each other: they share more than 1.5 pt of
/// width, and the middle thirds of their heights meet (the whole boxes of
/// neighbouring lines overlap a little: they reach from the font's ascent
/// to its descent).
fn overprint(a: &Word, b: &Word) -> bool {
    let core = |w: &Word| {
        let middle = (w.y0 + w.y1) / 2.0;
        (middle - w.height() / 6.0, middle + w.height() / 6.0)
    };
    let ((a0, a1), (b0, b1)) = (core(a), core(b));
    let dx = a.x1.min(b.x1) - a.x0.max(b.x0);
    dx > 1.5 && a1.min(b1) > a0.max(b0)
}

#[test]
fn no_word_overprints_another_or_leaves_its_frame_on_any_page_of_any_edition() {
    let mut problems = Vec::new();
    for lang in LANGUAGES {
        let file = pdf(&format!("dortmund-{lang}"));
        let pages = pages(&file);
        let figures = figure_regions(&file);
        assert!(pages.len() > 30, "{lang}: {} pages", pages.len());
        for (index, page) in pages.iter().enumerate() {
            let frame = frame(page, index, pages.len());
            let regions = figures.get(&index).cloned().unwrap_or_default();
            let in_figure = |w: &Word| regions.iter().position(|r| inside(w, r, 1.0));
            for (i, a) in page.words.iter().enumerate() {
                if !inside(a, &frame, 3.5) {
                    problems.push(format!(
                        "{lang} p{}: `{}` leaves the frame ({:.0},{:.0})-({:.0},{:.0})",
                        index + 1,
                        a.text,
                        a.x0,
                        a.y0,
                        a.x1,
                        a.y1
                    ));
                }
                for b in &page.words[i + 1..] {
                    // A chart's own labels are the chart's business (its own
                    // tests); text never prints over a chart's words.
                    let (fa, fb) = (in_figure(a), in_figure(b));
                    if fa.is_some() && fa == fb {
                        continue;
                    }
                    if overprint(a, b) {
                        problems.push(format!(
                            "{lang} p{}: `{}` and `{}` print over each other at ({:.0},{:.0})",
                            index + 1,
                            a.text,
                            b.text,
                            a.x0,
                            a.y0
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The pages that hold rows of a table, found by words of its rows.
fn pages_with(pages: &[Page], words: &[&str]) -> Vec<usize> {
    (0..pages.len())
        .filter(|i| {
            let text = pages[*i].text();
            words.iter().any(|w| text.contains(w))
        })
        .collect()
}

#[test]
fn every_page_with_rows_of_a_continued_table_also_has_its_column_heads() {
    // (edition, words of rows spread over the table, its column heads)
    let cases: [(&str, &[&str], &[&str]); 4] = [
        (
            "en",
            &[
                "Jobcenter",
                "Nordstadtbüro",
                "Multikulturelles",
                "Planerladen",
            ],
            &["Area", "work"],
        ),
        (
            "de",
            &[
                "Jobcenter",
                "Nordstadtbüro",
                "Multikulturelles",
                "Planerladen",
            ],
            &["Arbeitsbereich"],
        ),
        (
            "fr",
            &[
                "Jobcenter",
                "Nordstadtbüro",
                "Multikulturelles",
                "Planerladen",
            ],
            &["Domaine"],
        ),
        (
            "ar",
            &[
                "Jobcenter",
                "Nordstadtbüro",
                "Multikulturelles",
                "Planerladen",
            ],
            &["مجال"],
        ),
    ];
    for (lang, rows, heads) in cases {
        let pages = pages(&pdf(&format!("dortmund-{lang}")));
        let holding = pages_with(&pages, rows);
        assert!(
            holding.len() >= 2,
            "{lang}: Table 2 should run over several pages, found on {holding:?}"
        );
        for p in holding {
            let text = pages[p].text();
            for head in heads {
                assert!(
                    text.contains(head),
                    "{lang} p{}: rows of Table 2 without its column heads ({head}): {text}",
                    p + 1
                );
            }
        }
    }
    // The indicator table: each page with its rows repeats its heads.
    for (lang, rows, heads) in [
        (
            "en",
            ["Share of population aged", "Unemployment rate"],
            ["Data", "Source"],
        ),
        (
            "de",
            ["Anteil der Bevölkerung", "Arbeitslosenquote"],
            ["Daten", "Quelle"],
        ),
    ] {
        let pages = pages(&pdf(&format!("dortmund-{lang}")));
        for p in pages_with(&pages, &rows) {
            let text = pages[p].text();
            for head in heads {
                assert!(
                    text.contains(head),
                    "{lang} p{}: indicator rows without the head {head}",
                    p + 1
                );
            }
        }
    }
}

#[test]
fn page_three_carries_the_imprint_and_no_page_is_empty_but_before_an_opener() {
    for lang in LANGUAGES {
        let pages = pages(&pdf(&format!("dortmund-{lang}")));
        // Page 3, facing the contents: the partners and the date.
        let imprint = pages[2].text();
        for word in ["ICMPD", "UCLG", "2021"] {
            assert!(
                imprint.contains(word),
                "{lang}: page 3 lacks `{word}`: {imprint}"
            );
        }
        // An empty page only right before an opener or the back cover
        // (which fall on even pages).
        for (index, page) in pages.iter().enumerate() {
            let number = index + 1;
            if page.words.is_empty() {
                let next_is_opener =
                    pages.get(index + 1).is_some_and(is_display_page) || index + 2 == pages.len();
                assert!(
                    number % 2 == 1 && next_is_opener,
                    "{lang}: page {number} is empty and not before an opener or the back cover"
                );
            }
        }
    }
}

/// Every page's (MediaBox, TrimBox) in points.
pub(crate) fn boxes(pdf: &Path) -> Vec<([f64; 4], [f64; 4])> {
    pdf::page_boxes(pdf)
}

/// The colour of a pixel of a page (1-based) rendered at 72 dpi (one pixel
/// a point).
pub(crate) fn pixel(pdf: &Path, page: usize, x: u32, y: u32) -> (u8, u8, u8) {
    pdf::pixel(pdf, page, x, y)
}

/// The room for the crop marks around the bleed, which the print editions
/// have unless the theme turns them off.
const SLUG: f64 = 9.0;

#[test]
fn print_editions_have_a_3_mm_bleed_with_the_colour_areas_running_into_it() {
    for lang in LANGUAGES {
        let print = pdf(&format!("dortmund-{lang}-print"));
        let screen = pdf(&format!("dortmund-{lang}"));
        let boxes = boxes(&print);
        assert_eq!(
            boxes.len(),
            pages(&screen).len(),
            "{lang}: one box pair per page"
        );
        for (page, (media, trim)) in boxes.iter().enumerate() {
            for side in 0..4 {
                let inset = (trim[side] - media[side]).abs();
                assert!(
                    (inset - (3.0 + SLUG) * MM).abs() < 0.05,
                    "{lang} p{}: TrimBox {trim:?} is not 3 mm of bleed and 9 mm for the crop marks inside MediaBox {media:?}",
                    page + 1
                );
            }
            // The trimmed page is A4.
            assert!(((trim[2] - trim[0]) - 210.0 * MM).abs() < 0.1);
            assert!(((trim[3] - trim[1]) - 297.0 * MM).abs() < 0.1);
        }
        // The screen edition has no bleed.
        for (media, trim) in self::boxes(&screen) {
            assert_eq!(
                media, trim,
                "{lang}: the screen edition has a TrimBox inside its page"
            );
        }
        // The cover's title block reaches the edge of the bleed on both
        // sides, at the height of its middle (100 mm from the trim's top).
        let primary = (0x1c, 0x3f, 0x5e);
        let y = ((SLUG + 3.0 + 100.0) * MM) as u32;
        let left = (SLUG * MM) as u32 + 1;
        let right = (((SLUG + 216.0) * MM) as u32) - 2;
        for x in [left, right] {
            let (r, g, b) = pixel(&print, 1, x, y);
            let close = |a: u8, b: u8| (a as i32 - b as i32).abs() < 12;
            assert!(
                close(r, primary.0) && close(g, primary.1) && close(b, primary.2),
                "{lang}: the cover's colour does not reach the bleed edge at x={x}: ({r},{g},{b})"
            );
        }
        // The back cover too (its last page), at the bleed's corner.
        let last = boxes.len();
        let corner = (SLUG * MM) as u32 + 1;
        let (r, g, b) = pixel(&print, last, corner, corner);
        assert!(
            (r, g, b) != (255, 255, 255),
            "{lang}: the back cover's colour does not run into the bleed"
        );
    }
}

#[test]
fn the_city_name_is_never_hyphenated_in_any_edition() {
    for lang in LANGUAGES {
        let file = pdf(&format!("dortmund-{lang}"));
        // Line by line, hyphenated words not joined again.
        let text = pdf::page_texts(&file).concat();
        // The name is there to be checked: a text without it would pass.
        assert!(
            text.contains("Dortmund"),
            "{lang}: the text never names Dortmund"
        );
        for line in text.lines() {
            let last = line.split_whitespace().last().unwrap_or("");
            let stem = last.trim_end_matches(['\u{ad}', '-']);
            let hyphenated = last.len() > stem.len();
            assert!(
                !(hyphenated && stem.len() >= 3 && "Dortmund".starts_with(stem)),
                "{lang}: `Dortmund` is hyphenated at a line end: {line}"
            );
        }
    }
}

/// A table's caption stands on the page of its first rows: no page ends
/// with a caption ("Table 1: Overview of labour market access …" was left
/// at the foot of English page 13, its table on page 14).
#[test]
fn no_table_caption_is_left_at_the_foot_of_a_page() {
    for (lang, label) in [("en", "Table"), ("de", "Tabelle"), ("fr", "Tableau")] {
        let pages = pages(&pdf(&format!("dortmund-{lang}")));
        let mut captions = 0;
        for (i, page) in pages.iter().enumerate() {
            let words = &page.words;
            for (k, w) in words.iter().enumerate() {
                let numbered = |j: usize| {
                    words.get(j).is_some_and(|n| {
                        let digits = n.text.trim_end_matches(':');
                        !digits.is_empty()
                            && digits.chars().all(|c| c.is_ascii_digit())
                            && (n.text.ends_with(':')
                                || words.get(j + 1).is_some_and(|c| c.text == ":"))
                    })
                };
                if w.text != label || !numbered(k + 1) {
                    continue;
                }
                captions += 1;
                let below = words.iter().any(|o| {
                    o.y0 > w.y1 + 1.0 && o.y1 < page.height - 24.0 * MM && o.text.len() > 1
                });
                assert!(
                    below,
                    "{lang}: page {}: the caption `{}` is the last line of its page",
                    i + 1,
                    page.text()
                        .split(&w.text)
                        .nth(1)
                        .unwrap_or("")
                        .chars()
                        .take(60)
                        .collect::<String>()
                );
            }
        }
        assert!(
            captions >= 2,
            "{lang}: only {captions} table captions found"
        );
    }
}

/// Chapter titles (opener, contents), table cells and group bands come from
/// the profile's data as plain strings; their quotes are set like the
/// prose's, e.g. "[Mayor's Office" and `Coordination of "Lokal willkommen"`
/// in the English stakeholders table, "Immigrants' human rights" in the
/// English contents and opener.
#[test]
fn no_straight_quote_prints_in_any_edition() {
    for lang in LANGUAGES {
        let text = pdf_text(&pdf(&format!("dortmund-{lang}")));
        let straight: Vec<&str> = text
            .lines()
            .filter(|line| line.contains(['\'', '"']))
            .collect();
        assert!(
            straight.is_empty(),
            "{lang}: straight quotes print in: {straight:#?}"
        );
    }
    let en = pdf_text(&pdf("dortmund-en"));
    for expected in [
        "IMMIGRANTS’ HUMAN RIGHTS",
        "[Mayor’s Office",
        "Coordination of “Lokal willkommen”",
        "citizens’ cafés",
    ] {
        assert!(en.contains(expected), "en: `{expected}` is missing");
    }
}

/// The tallest band of a text page that holds nothing (no word, no chart or
/// image) between the top of the text block and the running footer, in
/// points.
fn largest_empty_band(page: &Page, figures: &[[f64; 4]]) -> f64 {
    let top = 22.0 * MM;
    let bottom = page.height - 24.0 * MM;
    let mut filled: Vec<(f64, f64)> = page
        .words
        .iter()
        .filter(|w| w.y0 < bottom)
        .map(|w| (w.y0, w.y1))
        .chain(figures.iter().map(|r| (r[1], r[3])))
        .collect();
    filled.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut largest: f64 = 0.0;
    let mut reached = top;
    for (y0, y1) in filled {
        largest = largest.max(y0 - reached);
        reached = reached.max(y1);
    }
    largest.max(bottom - reached)
}

#[test]
fn a_figure_that_does_not_fit_floats_instead_of_leaving_a_third_of_a_page_blank() {
    for lang in LANGUAGES {
        let file = pdf(&format!("dortmund-{lang}"));
        let pages = pages(&file);
        let figures = figure_regions(&file);
        let block_height = pages[0].height - 46.0 * MM;
        // A text page whose chapter goes on over the page (the next page is
        // a text page too, with its running footer: not a filled blank page
        // before an opener) is not left a third empty.
        let footer_top = pages[0].height - 24.0 * MM;
        let has_footer = |page: &Page| page.words.iter().any(|w| w.y0 > footer_top);
        for index in 3..pages.len().saturating_sub(2) {
            let (page, next) = (&pages[index], &pages[index + 1]);
            if is_display_page(page)
                || page.words.is_empty()
                || is_display_page(next)
                || !has_footer(next)
            {
                continue;
            }
            let empty =
                largest_empty_band(page, figures.get(&index).map_or(&[][..], |f| f.as_slice()));
            assert!(
                empty < block_height / 3.0,
                "{lang}: page {} leaves {:.0} mm of its text block empty while its chapter goes on",
                index + 1,
                empty / MM
            );
        }
    }
}

#[test]
fn figures_keep_their_order_when_they_float() {
    // The captions' numbers, read in page order, only grow (a figure that
    // floats to the next page is never overtaken by a later one).
    for (lang, supplement) in [("en", "Fig."), ("de", "Abb."), ("fr", "Fig.")] {
        let pages = pages(&pdf(&format!("dortmund-{lang}")));
        let mut numbers = Vec::new();
        for page in &pages {
            let mut words: Vec<&Word> = page.words.iter().collect();
            words.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
            for pair in words.windows(3) {
                let number = if pair[1].text.ends_with(':') {
                    pair[1].text.trim_end_matches(':')
                } else if pair[2].text == ":" {
                    pair[1].text.as_str()
                } else {
                    continue;
                };
                if pair[0].text == supplement {
                    if let Ok(n) = number.parse::<u32>() {
                        numbers.push(n);
                    }
                }
            }
        }
        assert!(
            numbers.len() >= 10,
            "{lang}: captions not found: {numbers:?}"
        );
        assert!(
            numbers.windows(2).all(|w| w[0] < w[1]),
            "{lang}: figures out of order: {numbers:?}"
        );
    }
}

#[test]
fn an_imprint_after_two_pages_of_contents_stands_at_the_foot_of_the_second() {
    // A new profile's contents (every section of the MC2CM structure) with
    // twenty more sections fill page 2 and run on to page 3, even set
    // closer: the imprint takes the foot of page 3 rather than a page of
    // its own, and the first opener stays on page 4.
    let tmp = tempdir();
    let run = cityprofile(
        tmp.path(),
        &["new", "tanger", "--city", "Tanger", "--lang", "fr,ar"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let more: String = (1..=20)
        .map(|n| format!("\n## Section supplémentaire {n}\n\nTexte.\n"))
        .collect();
    append_to_file(&tmp.path().join("tanger/text/fr/background.md"), &more);
    let out = tmp.path().join("out");
    let run = cityprofile(
        tmp.path(),
        &["build", "tanger", "--out", out.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    for (lang, contents_word, imprint_word) in
        [("fr", "SOURCES", "ICMPD"), ("ar", "SOURCES", "ICMPD")]
    {
        let pages = pages(&out.join(format!("tanger-{lang}.pdf")));
        let third = &pages[2];
        let contents = third
            .words
            .iter()
            .find(|w| w.text.contains(contents_word))
            .unwrap_or_else(|| {
                panic!(
                    "{lang}: the contents do not go on to page 3: {}",
                    third.text()
                )
            });
        let imprint = third
            .words
            .iter()
            .find(|w| w.text.contains(imprint_word))
            .unwrap_or_else(|| panic!("{lang}: page 3 lacks the imprint: {}", third.text()));
        assert!(
            imprint.y0 > contents.y1 && imprint.y0 > third.height / 2.0,
            "{lang}: the imprint is not at the foot of page 3 under the contents"
        );
        assert!(
            is_display_page(&pages[3]),
            "{lang}: page 4 is not the first opener: {}",
            pages[3].text()
        );
    }
}

#[test]
fn contents_that_would_run_a_few_lines_over_are_set_closer_on_one_page() {
    // A new profile's contents run two entries past page 2 at the usual
    // spacing: set closer, they stay on page 2 and the imprint has page 3.
    let tmp = tempdir();
    let run = cityprofile(
        tmp.path(),
        &["new", "tanger", "--city", "Tanger", "--lang", "fr,ar"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let out = tmp.path().join("out");
    let run = cityprofile(
        tmp.path(),
        &["build", "tanger", "--out", out.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    for lang in ["fr", "ar"] {
        let pages = pages(&out.join(format!("tanger-{lang}.pdf")));
        assert!(
            pages[1].words.iter().any(|w| w.text.contains("SOURCES")),
            "{lang}: the last entry is on page 2: {}",
            pages[1].text()
        );
        assert!(
            !pages[2].words.iter().any(|w| w.text.contains("SOURCES")),
            "{lang}: page 3 holds no entry: {}",
            pages[2].text()
        );
        assert!(
            pages[2].words.iter().any(|w| w.text.contains("ICMPD")),
            "{lang}: page 3 holds the imprint: {}",
            pages[2].text()
        );
    }
}
