//! Texts and table cells of a profile as one edition prints them: the
//! edition's language picked (the source language while a translation is
//! missing), data references resolved, numbers in its CLDR format with their
//! units, currencies, ranges and qualifiers, neutral texts isolated in
//! right-to-left editions.

use super::data::{CaptionLabels, CellData, Text};
use super::resolve::lookup_value;
use crate::base::bidi;
use crate::base::lang::LanguageCode;
use crate::locale::{NumberFormat, NumberingSystem};
use crate::markdown;
use crate::profile::strings::UiStrings;
use crate::profile::{self, Cell, CellValue, LocalText, Profile, Quantity, TextContent};

/// The text of one language as written (empty when it has none), without
/// references resolved: for messages. [`Formatter::text`] prints texts.
/// A regional edition's text falls back to its language's ([`own_text`]).
pub fn text_in(text: &LocalText, lang: &str) -> String {
    match LanguageCode::new(lang) {
        Some(code) => own_text(text, &code),
        None => text.get(lang),
    }
    .unwrap_or_default()
    .to_string()
}

/// The text an edition in `lang` has of its own: the text in `lang`, else,
/// for a regional edition (`de-CH`), the text in its language without the
/// region (`de`), which every edition of that language shares.
pub fn own_text<'t>(text: &'t LocalText, lang: &LanguageCode) -> Option<&'t str> {
    lang.fallbacks().iter().find_map(|code| text.get(code))
}

/// Formats cells and texts for one edition.
pub struct Formatter<'a> {
    pub lang: &'a LanguageCode,
    /// The language a text missing in `lang` is printed in.
    pub source_lang: &'a LanguageCode,
    /// The direction of `lang`: in a right-to-left edition neutral texts
    /// are isolated.
    pub direction: bidi::Direction,
    /// The direction of `source_lang` (its layout strings' `direction`).
    pub source_direction: bidi::Direction,
    pub numbers: &'a NumberFormat,
    /// The number format of `source_lang` (its digits, separators and
    /// words), for the numbers of a block printed in it (a table of a
    /// chapter not yet translated); `None` when it is the edition's or
    /// cannot be made (the source language's own edition reports why).
    pub source_numbers: Option<&'a NumberFormat>,
    pub strings: &'a UiStrings,
    /// The profile whose values `{{group.name}}` references in texts print;
    /// `None` prints texts without resolving references (inside a value).
    pub profile: Option<&'a Profile>,
    /// What the language's PO record says of the data texts, by their
    /// identity ([`crate::translate::po::data_record`]): a text whose
    /// translation is fuzzy (its source changed since) is printed in the
    /// source language; a text read from a CSV file without a column for
    /// the language takes the translation the record keeps.
    pub record: Option<&'a crate::translate::po::DataRecord>,
}

impl<'a> Formatter<'a> {
    /// The formatter of a block set in `lang` (a table, a figure, a text):
    /// the same, with the numbers written as `lang` writes them when it is
    /// the source language printed in another language's edition
    /// ([`Formatter::block_numbers`]): `1 882` in a French table of an
    /// Arabic edition, beside the French chapter's `603 600`. Its words
    /// (missing-value mark, suffixes) stay the edition's.
    pub fn for_block(&self, lang: &LanguageCode) -> Formatter<'a> {
        let numbers = self.block_numbers(lang).unwrap_or(self.numbers);
        Formatter { numbers, ..*self }
    }

    /// The number format of a block set in `lang` when that is the source
    /// language printed in another language's edition: the numbers of an
    /// untranslated French table in an Arabic edition are written as
    /// French writes them, like the chapter's text around it. `None` for
    /// the edition's own language (its format, [`Formatter::numbers`],
    /// serves).
    pub fn block_numbers(&self, lang: &LanguageCode) -> Option<&'a NumberFormat> {
        self.source_numbers
            .filter(|_| lang == self.source_lang && lang != self.lang)
    }
}

impl Formatter<'_> {
    /// The layout words of `lang` for a block set in that language (a table
    /// or figure of another language than the edition's, in a chapter not
    /// yet translated): `None` when `lang` is the edition's or its words
    /// cannot be read (that language's own edition reports why); the
    /// edition's words ([`Formatter::strings`]) serve then.
    pub fn block_strings(&self, lang: &LanguageCode) -> Option<UiStrings> {
        self.profile
            .filter(|_| lang != self.lang)
            .and_then(|p| profile::strings::load_strings(&p.sources, &p.dir, lang).ok())
    }

    /// The words of a caption line and source line of a block set in
    /// `lang` ([`CaptionLabels`]) when `lang` is not the edition's and its
    /// words can be read; `numbering`: the caption's number (`Table` takes
    /// the word for a table, anything else the word for a figure).
    pub fn caption_labels(
        &self,
        lang: &LanguageCode,
        numbering: crate::profile::Numbering,
    ) -> Option<CaptionLabels> {
        let strings = self.block_strings(lang)?;
        let digits = match self.block_numbers(lang) {
            Some(numbers) => numbers.numbering_system(),
            None => {
                let declared = self.profile.and_then(|p| p.digits(lang.as_str()));
                NumberFormat::new(lang.as_str(), declared)
                    .map_or(NumberingSystem::Latn, |n| n.numbering_system())
            }
        };
        let supplement = match numbering {
            crate::profile::Numbering::Table => strings.table,
            _ => strings.figure,
        };
        Some(CaptionLabels {
            supplement,
            separator: strings.caption_separator,
            source: strings.source,
            digits,
        })
    }

    /// A text in the edition's language (or the source language while its
    /// translation is missing), with its data references resolved.
    pub fn text(&self, text: &LocalText) -> String {
        self.printed(text).text
    }

    /// A text as the edition prints it ([`Formatter::text`]), with the
    /// language and direction it is printed in and its identity:
    ///
    /// - a translated text is in the edition's language and direction;
    /// - a text whose translation is missing or fuzzy is in the source
    ///   language and its direction;
    /// - a neutral text (written once for every edition) is in the
    ///   profile's `neutral_language` (the edition's language without one),
    ///   its direction that of its own letters ([`bidi::paragraph_direction`]).
    pub fn printed(&self, text: &LocalText) -> Text {
        let id = text.id.get().map(ToString::to_string);
        match &text.content {
            TextContent::Neutral(s) => Text {
                id,
                ..self.printed_neutral(s)
            },
            TextContent::PerLanguage(_) => {
                let stale = self.record.is_some_and(|r| r.is_stale(text));
                let own = if stale {
                    None
                } else {
                    text.get(self.lang)
                        .or_else(|| self.record.and_then(|r| r.kept(text)))
                        .or_else(|| own_text(text, self.lang))
                };
                let (raw, lang, dir) = match own {
                    Some(own) => (own, self.lang, self.direction),
                    None => (
                        text.get(self.source_lang).unwrap_or_default(),
                        self.source_lang,
                        self.source_direction,
                    ),
                };
                // The values it quotes are written as its language writes
                // them (`603 600` in a French caption of an Arabic edition).
                let resolved = self.for_block(lang).with_references(raw);
                // Its own numbers in the edition's digits when it is set
                // right to left in the edition's language (as the prose).
                let resolved = match self.numbers.native_digits() {
                    Some(digits)
                        if lang == self.lang
                            && bidi::paragraph_direction(&resolved, self.direction)
                                .is_right_to_left() =>
                    {
                        bidi::with_sentence_digits(&resolved, &digits)
                    }
                    _ => resolved,
                };
                Text {
                    text: bidi::edition_text(&resolved, self.direction),
                    lang: lang.clone(),
                    dir,
                    id,
                }
            }
        }
    }

    /// A plain string of the profile printed the same in every edition (an
    /// author's name, a contact line), as [`Formatter::printed`] prints a
    /// neutral text: `text` is what [`Formatter::neutral`] makes of it.
    pub fn printed_neutral(&self, text: &str) -> Text {
        self.neutral_node(self.neutral(text))
    }

    /// A neutral text already formatted as `text`: in the profile's
    /// `neutral_language` (the edition's without one), in the direction of
    /// its own letters.
    fn neutral_node(&self, text: String) -> Text {
        let lang = self
            .profile
            .and_then(|p| p.meta.value.neutral_language.as_ref())
            .and_then(|l| LanguageCode::new(l.get_ref()))
            .unwrap_or_else(|| self.lang.clone());
        Text {
            dir: bidi::paragraph_direction(&text, self.direction),
            text,
            lang,
            id: None,
        }
    }

    /// A string of the profile with its references resolved, printed as it
    /// is written in every edition (a contact line): as
    /// [`Formatter::printed_neutral`], without localised digits.
    pub fn printed_as_written(&self, text: &str) -> Text {
        self.neutral_node(self.with_references(text))
    }

    /// The language and direction of a cell's words: those of its text (or
    /// of its first line), the edition's for a number or a value.
    pub fn cell_language(&self, cell: &Cell) -> (LanguageCode, bidi::Direction) {
        let edition = (self.lang.clone(), self.direction);
        match &cell.value {
            CellValue::Plain(s) => {
                let node = self.neutral_node(s.clone());
                (node.lang, node.dir)
            }
            CellValue::Quantity(_) | CellValue::Missing(_) => edition,
            CellValue::Lines(lines) => lines
                .first()
                .map_or(edition, |l| self.cell_language(l.get_ref())),
            CellValue::Text(text) => {
                let node = self.printed(text);
                (node.lang, node.dir)
            }
        }
    }

    /// A number in the edition's format. In a right-to-left edition
    /// without CLDR's invisible direction marks, so that a value and its
    /// note or share come out in the same order in every cell.
    pub fn number(&self, value: f64) -> String {
        self.without_marks(self.numbers.number(value))
    }

    /// A number with its unit (`10.1%`, `١٠٫١٪`), as [`Formatter::number`].
    pub fn quantity(&self, value: f64, unit: Option<crate::base::units::Unit>) -> String {
        self.without_marks(self.numbers.quantity(value, unit))
    }

    /// A number with its unit as [`Formatter::quantity`], with exactly
    /// `decimals` digits after the separator when given (`16.0%`).
    pub fn quantity_with_decimals(
        &self,
        value: f64,
        unit: Option<crate::base::units::Unit>,
        decimals: Option<u8>,
    ) -> String {
        self.without_marks(self.numbers.quantity_with_decimals(value, unit, decimals))
    }

    /// A negative number written in Latin digits keeps its minus sign at
    /// the left of its digits, as CLDR's mark before the sign meant: the
    /// number is a left-to-right island (alone in a table cell, the bidi
    /// algorithm would set the sign at the right, `1,250-`). With
    /// Arabic-Indic digits the sign stays on the right-to-left side.
    fn without_marks(&self, text: String) -> String {
        if !self.direction.is_right_to_left() {
            return text;
        }
        let text = bidi::strip_direction_marks(&text);
        let mut chars = text.chars();
        let signed = matches!(chars.next(), Some('-' | '\u{2212}'))
            && chars.next().is_some_and(|c| c.is_ascii_digit());
        if signed {
            bidi::isolate(&text, bidi::Direction::LeftToRight)
        } else {
            text
        }
    }

    /// A text printed the same in every edition: a number written as text
    /// in the edition's digits; a text that is an Arabic sentence (set
    /// right to left, with an Arabic letter) with its own numbers in the
    /// edition's digits, as a translated Arabic text has them
    /// ([`bidi::with_sentence_digits`]), its Latin runs as typed.
    pub fn neutral(&self, text: &str) -> String {
        let text = self.with_references(text);
        let text = match self.numbers.native_digits() {
            Some(digits)
                if bidi::has_arabic_letter(&text)
                    && bidi::paragraph_direction(&text, self.direction).is_right_to_left() =>
            {
                bidi::with_sentence_digits(&text, &digits)
            }
            _ => self.numbers.localize_digits(&text),
        };
        if self.direction.is_right_to_left() {
            bidi::isolate_direction(&text)
        } else {
            text
        }
    }

    /// Replaces `{{group.name}}` and `{{table.row.column}}` by their values
    /// in this edition (references were checked by
    /// [`check_texts`](super::resolve::check_texts)).
    pub fn with_references(&self, text: &str) -> String {
        let Some(profile) = self.profile else {
            return text.to_string();
        };
        if !text.contains("{{") {
            return text.to_string();
        }
        let inner = Formatter {
            profile: None,
            ..*self
        };
        markdown::replace_references(text, |path| {
            lookup_value(profile, &inner, path).unwrap_or_default()
        })
    }

    /// A value with its qualifier, range, unit, suffix and share, with the
    /// decimals its source gives (`decimals`, `share_decimals`):
    /// `approx. 35,000–38,000`, `< 1%`, `€9.50`, `220 km²`, `113,000 (19%)`.
    pub fn value(&self, q: &Quantity) -> String {
        let unit = q.unit();
        let mut s = self.quantity_with_decimals(q.value, unit, q.decimals);
        if let Some(to) = q.to {
            s.push('–');
            s.push_str(&self.quantity_with_decimals(to, unit, q.decimals));
            // In Latin digits the range reads left to right in a
            // right-to-left edition too, as the same range typed in a
            // sentence or a chart's label does (`bidi::latin_range`).
            if self.direction.is_right_to_left() && s.chars().any(|c| c.is_ascii_digit()) {
                s = bidi::isolate(&s, bidi::Direction::LeftToRight);
            }
        }
        let words = self.numbers.words();
        let word = match q.qualifier {
            Some(profile::Qualifier::Approx) => Some(&words.approximately),
            Some(profile::Qualifier::Less) => Some(&words.less_than),
            Some(profile::Qualifier::More) => Some(&words.more_than),
            None => None,
        };
        if let Some(word) = word {
            s = format!("{word}\u{a0}{s}");
        }
        if let Some(suffix) = q.suffix() {
            s.push_str(self.numbers.unit_space());
            s.push_str(&self.text(suffix));
        }
        if let Some(share) = q.share {
            s.push_str(" (");
            s.push_str(&self.quantity_with_decimals(
                share.value,
                Some(crate::base::units::Unit::Percent),
                share.decimals,
            ));
            s.push(')');
        }
        s
    }

    /// The lines a cell prints.
    pub fn cell_lines(&self, cell: &Cell) -> Vec<String> {
        let mut lines: Vec<String> = match &cell.value {
            CellValue::Plain(s) => vec![self.neutral(s)],
            CellValue::Missing(mark) => vec![match mark {
                Some(mark) => profile::missing_marks::printed_mark(&mark.mark),
                None => self.strings.missing_value.clone(),
            }],
            CellValue::Lines(lines) => lines
                .iter()
                .flat_map(|l| self.cell_lines(l.get_ref()))
                .collect(),
            CellValue::Text(text) => vec![self.text(text)],
            CellValue::Quantity(q) => vec![self.value(q)],
        };
        if let Some(note) = &cell.note {
            if let Some(last) = lines.last_mut() {
                last.push_str(&format!(" ({})", self.text(note)));
            }
        }
        lines
    }

    /// A cell as the templates receive it: its lines, spans, emphasis,
    /// whether its words are a neutral text (written once for every
    /// edition, hyphenated by the profile's `neutral_language`), and its
    /// footnote.
    pub(super) fn cell_data(&self, cell: &Cell) -> CellData {
        let (lang, dir) = self.cell_language(cell);
        // Lines of both directions (a German name over its Arabic
        // translation) keep the table's alignment.
        let one_direction = match &cell.value {
            CellValue::Lines(lines) => lines
                .iter()
                .all(|l| self.cell_language(l.get_ref()).1 == dir),
            _ => true,
        };
        CellData {
            lines: self.cell_lines(cell),
            lang,
            dir,
            one_direction,
            rows: cell.row_span(),
            cols: cell.col_span(),
            strong: cell.strong,
            missing: cell.is_missing(),
            neutral: is_neutral(cell),
            footnote: cell.footnote.as_ref().map(|f| self.printed(f)),
        }
    }
}

/// Whether a cell's words are written once for every edition: a plain
/// string, or a text (or lines) with no per-language strings.
fn is_neutral(cell: &Cell) -> bool {
    let neutral = |t: &LocalText| matches!(t.content, TextContent::Neutral(_));
    match &cell.value {
        CellValue::Plain(_) => true,
        CellValue::Quantity(_) | CellValue::Missing(_) => false,
        CellValue::Text(text) => neutral(text),
        CellValue::Lines(lines) => {
            !lines.is_empty() && lines.iter().all(|l| is_neutral(l.get_ref()))
        }
    }
}
