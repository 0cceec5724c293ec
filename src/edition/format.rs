//! Texts and table cells of a profile as one edition prints them: the
//! edition's language picked, numbers in its CLDR format, neutral texts
//! isolated in right-to-left editions.

use serde_json::{json, Value};

use crate::bidi;
use crate::locale::{NumberFormat, UiStrings};
use crate::profile::{self, Cell, LocalText, TextContent};

/// Picks the text of one language (translations are checked beforehand).
pub fn text_in(text: &LocalText, lang: &str) -> String {
    text.get(lang).unwrap_or_default().to_string()
}

/// Formats cells and texts for one edition.
pub struct Formatter<'a> {
    pub lang: &'a str,
    /// A right-to-left edition: neutral texts are isolated.
    pub right_to_left: bool,
    pub numbers: &'a NumberFormat,
    pub strings: &'a UiStrings,
}

impl Formatter<'_> {
    pub fn text(&self, text: &LocalText) -> String {
        match &text.content {
            TextContent::Neutral(s) => self.neutral(s),
            TextContent::PerLanguage(_) if self.right_to_left => {
                bidi::isolate_latin_runs(&text_in(text, self.lang))
            }
            TextContent::PerLanguage(_) => text_in(text, self.lang),
        }
    }

    /// A text printed the same in every edition.
    pub fn neutral(&self, text: &str) -> String {
        let text = self.numbers.localize_digits(text);
        if self.right_to_left {
            bidi::isolate_direction(&text)
        } else {
            text
        }
    }

    /// The lines a cell prints.
    pub fn cell_lines(&self, cell: &Cell) -> Vec<String> {
        match cell {
            Cell::Text(s) => vec![self.neutral(s)],
            Cell::Number(v) => vec![self.numbers.number(*v)],
            Cell::Detailed(spec) => {
                let mut lines: Vec<String> = if spec.missing {
                    vec![self.strings.missing_value.clone()]
                } else if let Some(lines) = &spec.lines {
                    lines.iter().map(|l| self.text(l)).collect()
                } else if let Some(text) = &spec.text {
                    vec![self.text(text)]
                } else if let Some(value) = spec.value {
                    let mut s = String::new();
                    if spec.approx {
                        s.push('~');
                    }
                    s.push_str(&self.numbers.quantity(value, spec.unit));
                    if let Some(suffix) = &spec.suffix {
                        s.push_str(self.numbers.unit_space());
                        s.push_str(&self.text(suffix));
                    }
                    if let Some(share) = spec.share {
                        s.push_str(" (");
                        s.push_str(&self.numbers.quantity(share, Some(profile::Unit::Percent)));
                        s.push(')');
                    }
                    vec![s]
                } else {
                    vec![String::new()]
                };
                if let Some(note) = &spec.note {
                    if let Some(last) = lines.last_mut() {
                        last.push_str(&format!(" ({})", self.text(note)));
                    }
                }
                lines
            }
        }
    }

    /// A cell as the templates receive it: its lines, spans, emphasis,
    /// whether its words are a neutral text (written once for every
    /// edition, hyphenated by the profile's `neutral_language`), and its
    /// footnote.
    pub(super) fn cell_json(&self, cell: &Cell) -> Value {
        let strong = matches!(cell, Cell::Detailed(s) if s.strong);
        let missing = matches!(cell, Cell::Detailed(s) if s.missing);
        let footnote = match cell {
            Cell::Detailed(spec) => spec.footnote.as_ref().map(|f| self.text(f)),
            _ => None,
        };
        json!({
            "lines": self.cell_lines(cell),
            "rows": cell.row_span(),
            "cols": cell.col_span(),
            "strong": strong,
            "missing": missing,
            "neutral": is_neutral(cell),
            "footnote": footnote,
        })
    }
}

/// Whether a cell's words are written once for every edition: a plain
/// string, or a text (or lines) with no per-language strings.
fn is_neutral(cell: &Cell) -> bool {
    let neutral = |t: &LocalText| matches!(t.content, TextContent::Neutral(_));
    match cell {
        Cell::Text(_) => true,
        Cell::Number(_) => false,
        Cell::Detailed(spec) => match (&spec.text, &spec.lines) {
            (Some(text), _) => neutral(text),
            (None, Some(lines)) => !lines.is_empty() && lines.iter().all(neutral),
            _ => false,
        },
    }
}
