//! Chart text in the built PDFs: every chart label is real text set by
//! Typst, so in every script it extracts as whole words (direction marks
//! removed) on its chart's page; chart labels never overlap
//! each other and stay inside the text block. Checked on the Dortmund
//! editions and on the `charts` fixture (negative values, census years,
//! missing values) in English and Arabic.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;

/// A profile's editions with their Typst sources: the run's shared build
/// of the Dortmund profile, or a fixture built once.
fn built(profile: &str) -> &'static Built {
    static FIXTURE: OnceLock<Built> = OnceLock::new();
    if profile == "dortmund" {
        return dortmund();
    }
    FIXTURE.get_or_init(|| {
        build_for_the_run(
            profile,
            &repo_root().join("tests/fixtures").join(profile),
            &[],
        )
    })
}

fn pdf(profile: &str, id: &str, lang: &str) -> PathBuf {
    built(profile).pdf(&format!("{id}-{lang}"))
}

/// A chart of an edition as `edition.json` gives it to the template.
struct DrawnChart {
    figure: String,
    width: f64,
    height: f64,
    /// Each label's text (lines joined), anchor point and anchors.
    labels: Vec<(String, f64, f64, String, String, f64)>,
}

fn charts(profile: &str, id: &str, lang: &str) -> Vec<DrawnChart> {
    let path = built(profile)
        .sources(&format!("{id}-{lang}"))
        .join("edition.json");
    let edition: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let mut charts = Vec::new();
    for (figure, f) in edition["figures"].as_object().unwrap() {
        let Some(chart) = f["chart"].as_object() else {
            continue;
        };
        let labels = chart["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                let text = l["lines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(" ");
                (
                    text,
                    l["x"].as_f64().unwrap(),
                    l["y"].as_f64().unwrap(),
                    l["h"].as_str().unwrap().to_string(),
                    l["v"].as_str().unwrap().to_string(),
                    l["size"].as_f64().unwrap(),
                )
            })
            .collect();
        charts.push(DrawnChart {
            figure: figure.clone(),
            width: chart["width"].as_f64().unwrap(),
            height: chart["height"].as_f64().unwrap(),
            labels,
        });
    }
    assert!(!charts.is_empty());
    charts
}

/// The labels of each chart of an edition: (figure id, label texts).
fn chart_labels(profile: &str, id: &str, lang: &str) -> Vec<(String, Vec<String>)> {
    charts(profile, id, lang)
        .into_iter()
        .map(|c| (c.figure, c.labels.into_iter().map(|l| l.0).collect()))
        .collect()
}

/// Direction marks and isolates (invisible), and Arabic vowel marks, which
/// pdftotext moves around inside right-to-left words.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn vowel_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// A token without invisible marks and surrounding punctuation.
fn clean(token: &str) -> String {
    token
        .chars()
        .filter(|c| !invisible(*c))
        .collect::<String>()
        .trim_matches(|c: char| "()[],.:;،؛".contains(c))
        .to_string()
}

/// How pdftotext writes a word set with a lam-alef ligature: the alef
/// first (`الألمان` comes out as `األلمان`).
fn ligatures_as_extracted(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == 'ل' && i + 1 < chars.len() && "اأإآى".contains(chars[i + 1]) {
            out.push(chars[i + 1]);
            out.push('ل');
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// The words of each page, as its text gives them.
fn raw_pages(pdf: &Path) -> Vec<BTreeSet<String>> {
    pdf::page_texts(pdf)
        .iter()
        .map(|page| {
            page.split_whitespace()
                .map(clean)
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect()
}

/// Every chart label word is a whole word on its chart's page.
fn labels_extract_as_whole_words(profile: &str, id: &str, lang: &str) {
    let pages = raw_pages(&pdf(profile, id, lang));
    for (figure, labels) in chart_labels(profile, id, lang) {
        // Words with letters must come out whole. A number range such as
        // `0–6` is reordered by the bidi algorithm in a right-to-left line
        // (it reads `6–0`) and pdftotext gives its numbers as separate
        // tokens: each of its numbers must be there.
        let words: BTreeSet<String> = labels
            .iter()
            .flat_map(|l| l.split_whitespace().map(clean).collect::<Vec<_>>())
            .filter(|w| !w.is_empty() && !w.chars().any(vowel_mark))
            .collect();
        let found = |page: &BTreeSet<String>, w: &String| {
            page.contains(w)
                || page.contains(&ligatures_as_extracted(w))
                || (!w.chars().any(char::is_alphabetic)
                    && w.split(|c: char| !c.is_alphanumeric() && c != ',' && c != '.')
                        .map(clean)
                        .filter(|part| !part.is_empty())
                        .all(|part| page.contains(&part)))
        };
        let (page, best) = pages
            .iter()
            .enumerate()
            .max_by_key(|(_, p)| words.iter().filter(|w| found(p, w)).count())
            .unwrap();
        let missing: Vec<&String> = words.iter().filter(|w| !found(best, w)).collect();
        assert!(
            missing.is_empty(),
            "{id}-{lang}, chart {figure} (page {}): these label words do not extract as whole words: {missing:?}\npage words: {best:?}",
            page + 1
        );
    }
}

#[test]
fn arabic_chart_labels_extract_as_whole_words() {
    labels_extract_as_whole_words("dortmund", "dortmund", "ar");
    labels_extract_as_whole_words("charts", "chartcity", "ar");
}

#[test]
fn latin_chart_labels_extract_as_whole_words() {
    for lang in ["en", "de", "fr"] {
        labels_extract_as_whole_words("dortmund", "dortmund", lang);
    }
    labels_extract_as_whole_words("charts", "chartcity", "en");
}

/// A word's box on its page: left, top, right, bottom in points.
type Word = (String, [f64; 4]);

fn bbox_pages(pdf: &Path) -> Vec<Vec<Word>> {
    crate::common::bbox_pages(pdf)
        .into_iter()
        .map(|page| {
            page.words
                .into_iter()
                .map(|w| (clean(&w.text), [w.x0, w.y0, w.x1, w.y1]))
                .collect()
        })
        .collect()
}

/// Where a chart stands on its page (its top left corner): the position
/// that a one-word label's place on the page gives, choosing among the
/// label's occurrences the one that puts most label words in the frame.
fn chart_origin(
    chart: &DrawnChart,
    words: &[Word],
    label_words: &BTreeSet<String>,
) -> Option<((f64, f64), usize)> {
    let mut best: Option<((f64, f64), usize)> = None;
    for (text, x, y, h, v, size) in &chart.labels {
        let parts: Vec<String> = text
            .split_whitespace()
            .map(clean)
            .filter(|w| !w.is_empty())
            .collect();
        if parts.is_empty() || v != "center" && parts.len() > 3 {
            continue;
        }
        let same = |t: &str, w: &str| t == w || t == ligatures_as_extracted(w);
        // Each occurrence of the first word, with the other words of the
        // label on its line: the label's box.
        let boxes = words
            .iter()
            .filter(|(t, _)| same(t, &parts[0]))
            .filter_map(|(_, first)| {
                let mut b = *first;
                for part in &parts[1..] {
                    let next = words
                        .iter()
                        .filter(|(t, w)| same(t, part) && (w[3] - first[3]).abs() < 1.0)
                        .min_by(|(_, a), (_, c)| {
                            let d = |w: &[f64; 4]| (w[0] - first[0]).abs();
                            d(a).total_cmp(&d(c))
                        })?;
                    b = [
                        b[0].min(next.1[0]),
                        b[1].min(next.1[1]),
                        b[2].max(next.1[2]),
                        b[3].max(next.1[3]),
                    ];
                }
                Some(b)
            });
        for b in boxes.collect::<Vec<_>>() {
            let ox = match h.as_str() {
                "left" => b[0] - x,
                "right" => b[2] - x,
                _ => (b[0] + b[2]) / 2.0 - x,
            };
            let cap = 0.714 * size;
            let centre = match v.as_str() {
                "top" => y + cap / 2.0,
                "bottom" => y - cap / 2.0,
                _ => *y,
            };
            let oy = (b[1] + b[3]) / 2.0 - centre;
            let score = in_frame(chart, words, (ox, oy))
                .iter()
                .filter(|(t, _)| label_words.contains(t))
                .map(|(t, _)| t)
                .collect::<BTreeSet<_>>()
                .len();
            if best.is_none_or(|(_, s)| score > s) {
                best = Some(((ox, oy), score));
            }
        }
    }
    best
}

/// The words inside a chart's frame.
fn in_frame<'a>(chart: &DrawnChart, words: &'a [Word], (ox, oy): (f64, f64)) -> Vec<&'a Word> {
    words
        .iter()
        .filter(|(_, b)| {
            b[0] >= ox - 2.0
                && b[2] <= ox + chart.width + 2.0
                && (b[1] + b[3]) / 2.0 >= oy
                && (b[1] + b[3]) / 2.0 <= oy + chart.height
        })
        .collect()
}

#[test]
fn chart_labels_never_overlap_and_stay_in_the_text_block() {
    for (profile, id, langs) in [
        ("dortmund", "dortmund", &["en", "de", "fr", "ar"][..]),
        ("charts", "chartcity", &["en", "ar"][..]),
    ] {
        for lang in langs {
            let pages = bbox_pages(&pdf(profile, id, lang));
            for chart in charts(profile, id, lang) {
                // The chart's page and place: where most of its label
                // words fall into its frame.
                let label_words: BTreeSet<String> = chart
                    .labels
                    .iter()
                    .flat_map(|l| l.0.split_whitespace().map(clean).collect::<Vec<_>>())
                    .filter(|w| !w.is_empty())
                    .collect();
                let (p, words, origin) = pages
                    .iter()
                    .enumerate()
                    .filter_map(|(p, ws)| {
                        chart_origin(&chart, ws, &label_words).map(|o| (p, ws, o))
                    })
                    .max_by_key(|(_, _, (_, score))| *score)
                    .map(|(p, ws, (origin, _))| (p, ws, origin))
                    .unwrap_or_else(|| panic!("{id}-{lang}: chart {} not found", chart.figure));
                // Every word in the chart's frame: inside the text block
                // (A4, margins of at least 20 mm) and clear of the others.
                // (pdftotext cuts Arabic words with vowel marks into
                // overlapping pieces: those are left out.)
                let in_frame: Vec<&Word> = in_frame(&chart, words, origin)
                    .into_iter()
                    .filter(|(t, _)| !t.chars().any(vowel_mark))
                    .collect();
                assert!(
                    in_frame.len() >= chart.labels.len() / 2,
                    "{id}-{lang}: chart {} on page {}: only {} words in its frame",
                    chart.figure,
                    p + 1,
                    in_frame.len()
                );
                let (left, right) = (20.0 * 72.0 / 25.4 - 1.0, 595.28 - 20.0 * 72.0 / 25.4 + 1.0);
                // Boxes shrunk to the body of the letters (word boxes
                // include the font's whole ascent and descent).
                let core = |b: &[f64; 4]| {
                    let h = b[3] - b[1];
                    [b[0] + 0.3, b[1] + 0.25 * h, b[2] - 0.3, b[3] - 0.25 * h]
                };
                for (i, (ta, a)) in in_frame.iter().enumerate() {
                    assert!(
                        a[0] >= left && a[2] <= right,
                        "{id}-{lang} page {}: `{ta}` {a:?} leaves the text block",
                        p + 1
                    );
                    for (tb, b) in &in_frame[i + 1..] {
                        let (a, b) = (core(a), core(b));
                        let overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
                        assert!(
                            !overlap,
                            "{id}-{lang} page {}: `{ta}` {a:?} overlaps `{tb}` {b:?}",
                            p + 1
                        );
                    }
                }
            }
        }
    }
}
