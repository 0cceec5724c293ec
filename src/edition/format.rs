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
                bidi::edition_text(&text_in(text, self.lang), bidi::Direction::RightToLeft)
            }
            TextContent::PerLanguage(_) => text_in(text, self.lang),
        }
    }

    /// A number in the edition's format. In a right-to-left edition
    /// without CLDR's invisible direction marks, so that a value and its
    /// note or share come out in the same order in every cell.
    pub fn number(&self, value: f64) -> String {
        self.without_marks(self.numbers.number(value))
    }

    /// A number with its unit (`10.1%`, `١٠٫١٪`), as [`Formatter::number`].
    pub fn quantity(&self, value: f64, unit: Option<profile::Unit>) -> String {
        self.without_marks(self.numbers.quantity(value, unit))
    }

    fn without_marks(&self, text: String) -> String {
        if self.right_to_left {
            bidi::strip_direction_marks(&text)
        } else {
            text
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
            Cell::Number(v) => vec![self.number(*v)],
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
                    s.push_str(&self.quantity(value, spec.unit));
                    if let Some(suffix) = &spec.suffix {
                        s.push_str(self.numbers.unit_space());
                        s.push_str(&self.text(suffix));
                    }
                    if let Some(share) = spec.share {
                        s.push_str(" (");
                        s.push_str(&self.quantity(share, Some(profile::Unit::Percent)));
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

    /// A cell as the templates receive it.
    pub(super) fn cell_json(&self, cell: &Cell) -> Value {
        let strong = matches!(cell, Cell::Detailed(s) if s.strong);
        let missing = matches!(cell, Cell::Detailed(s) if s.missing);
        json!({
            "lines": self.cell_lines(cell),
            "rows": cell.row_span(),
            "cols": cell.col_span(),
            "strong": strong,
            "missing": missing,
        })
    }
}
