//! Text direction, decided from the Unicode Bidirectional Algorithm's
//! character classes (UAX #9, via the `unicode-bidi` crate), never from code
//! ranges: a paragraph's own direction, and the left-to-right islands (Unicode
//! directional isolates) that keep Latin names, references and neutral texts
//! in their own order inside right-to-left text.
//!
//! The one module for direction: Markdown blocks, headings, table cells,
//! captions and chart labels all ask these functions. A letter is
//! left-to-right when its bidi class is `L` (so `Nguyễn`, `Hà Nội`, `Ḥasan`,
//! `ʿA.` and `al-Ṣafāʾ` are Latin text like `Dortmund`), right-to-left when
//! it is `R` or `AL` (Hebrew, Arabic).

use unicode_bidi::{bidi_class, BidiClass};

/// Unicode LEFT-TO-RIGHT ISOLATE: what follows, up to the matching
/// [`POP_ISOLATE`], is laid out left to right as one unit (UAX #9, X5a).
pub const LTR_ISOLATE: char = '\u{2066}';
/// Unicode RIGHT-TO-LEFT ISOLATE (UAX #9, X5b).
pub const RTL_ISOLATE: char = '\u{2067}';
/// Unicode POP DIRECTIONAL ISOLATE: ends an isolate.
pub const POP_ISOLATE: char = '\u{2069}';

/// A writing direction: of a language (its layout strings' `direction`),
/// an edition, a chapter, a block or a text. Serialised as `"ltr"` or
/// `"rtl"`, the names Typst's `text(dir: ...)` takes and the layout
/// strings write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Direction {
    #[serde(rename = "ltr")]
    LeftToRight,
    #[serde(rename = "rtl")]
    RightToLeft,
}

impl Direction {
    /// `"ltr"` or `"rtl"`, as the template's `text(dir: ...)` names it.
    pub fn name(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }

    /// Whether this is right to left.
    pub fn is_right_to_left(self) -> bool {
        self == Direction::RightToLeft
    }
}

/// Reads `"ltr"` or `"rtl"`; anything else is refused with a message that
/// names both.
impl<'de> serde::Deserialize<'de> for Direction {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        match name.as_str() {
            "ltr" => Ok(Direction::LeftToRight),
            "rtl" => Ok(Direction::RightToLeft),
            _ => Err(serde::de::Error::custom(format!(
                "`direction` is \"{name}\": write \"ltr\" (left to right) or \"rtl\" (right to left)"
            ))),
        }
    }
}

/// The strong direction of a character from its Unicode bidi class: `L` is
/// left to right, `R` and `AL` right to left; digits, punctuation, spaces and
/// marks have none.
pub fn strong_direction(c: char) -> Option<Direction> {
    match bidi_class(c) {
        BidiClass::L => Some(Direction::LeftToRight),
        BidiClass::R | BidiClass::AL => Some(Direction::RightToLeft),
        _ => None,
    }
}

/// The direction a text has of its own: the one of all its strong
/// characters when they agree (a bibliographic entry in Vietnamese, a
/// transliterated Arabic name, a French heading: left to right; an Arabic
/// sentence: right to left); `None` for a text that mixes both (an Arabic
/// sentence quoting `BAMF`) or has no strong character (`2019`, `—`).
pub fn own_direction(text: &str) -> Option<Direction> {
    let mut found = None;
    for c in text.chars() {
        match (strong_direction(c), found) {
            (None, _) => {}
            (Some(d), None) => found = Some(d),
            (Some(d), Some(f)) if d != f => return None,
            _ => {}
        }
    }
    found
}

/// The base direction of a paragraph (a Markdown block, a heading, a table
/// cell, a caption) in an edition of direction `edition`: the text's own
/// direction when all its strong characters agree. A text that mixes both
/// directions has the edition's when it has a letter of the edition's own
/// script (class `L` in a left-to-right edition; `AL`, the Arabic script of
/// the right-to-left editions, in a right-to-left one): an Arabic sentence
/// that quotes `BAMF` stays right to left. Otherwise it is a quotation in
/// other scripts (a Latin entry with a Hebrew title), and its first strong
/// character decides, as the Unicode Bidirectional Algorithm's rules P2
/// and P3 do.
pub fn paragraph_direction(text: &str, edition: Direction) -> Direction {
    if let Some(own) = own_direction(text) {
        return own;
    }
    let edition_letter = |c: char| match edition {
        Direction::LeftToRight => bidi_class(c) == BidiClass::L,
        Direction::RightToLeft => bidi_class(c) == BidiClass::AL,
    };
    if text.chars().any(edition_letter) {
        return edition;
    }
    text.chars().find_map(strong_direction).unwrap_or(edition)
}

/// Whether a text is written in left-to-right scripts only (a Latin,
/// Vietnamese or transliterated bibliographic entry): such a paragraph keeps
/// its direction inside a right-to-left edition. A sentence with any
/// right-to-left letter (an Arabic sentence that starts with `BAMF`) does not.
pub fn is_latin_script_only(text: &str) -> bool {
    own_direction(text) == Some(Direction::LeftToRight)
}

/// Whether a character belongs to a left-to-right island once the island
/// has started at a strong left-to-right letter: letters, digits, spaces and
/// the punctuation of names and references (`§ 25 Abs. 1 AufenthG`,
/// `COVID-19`, `Brücker et al.`, `al-Ṣafāʾ`), but no brackets (a bracket
/// pair stays whole outside), no Arabic comma or semicolon and nothing
/// right to left.
fn continues_island(c: char) -> bool {
    // The Arabic comma and semicolon are common separators (class CS) by
    // their bidi class, but they belong to the Arabic sentence around.
    if matches!(c, '\u{060C}' | '\u{061B}') {
        return false;
    }
    match bidi_class(c) {
        BidiClass::L
        | BidiClass::EN
        | BidiClass::ES
        | BidiClass::ET
        | BidiClass::CS
        | BidiClass::NSM
        | BidiClass::BN
        | BidiClass::WS => true,
        BidiClass::ON => !is_bracket(c) && !matches!(c, '"' | '«' | '»' | '“' | '”' | '„'),
        _ => false,
    }
}

/// The index of the bracket that closes the pair opened at `open` (`(` or
/// `[`), when everything between them belongs to a left-to-right island
/// and holds a Latin letter: `(BAMF)`, `[sic]`, not `(مثلاً)` nor `(2019)`.
fn latin_bracket_group(chars: &[char], open: usize) -> Option<usize> {
    let closing = match chars[open] {
        '(' => ')',
        '[' => ']',
        _ => return None,
    };
    let close = open + 1 + chars[open + 1..].iter().position(|c| *c == closing)?;
    let inner = &chars[open + 1..close];
    (inner.iter().all(|c| continues_island(*c))
        && inner
            .iter()
            .any(|c| strong_direction(*c) == Some(Direction::LeftToRight)))
    .then_some(close)
}

/// Characters that open or close a bracket pair (UAX #9, BD14-BD16).
fn is_bracket(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '⟨' | '⟩')
}

/// Characters at the end of an island that only separate it from what
/// follows: they stay outside, in the paragraph's direction.
fn trails_island(c: char) -> bool {
    matches!(
        bidi_class(c),
        BidiClass::WS | BidiClass::CS | BidiClass::ES | BidiClass::ON | BidiClass::BN
    ) && !matches!(c, '\'' | '’' | 'ʾ' | 'ʿ')
}

/// In right-to-left text, wraps each run of left-to-right words (with the
/// numbers, spaces and punctuation inside it) in a directional isolate, so
/// that `(§ 75 AufenthG)` inside an Arabic sentence reads `§ 75 AufenthG`,
/// not `AufenthG 75 §`, and `3Ts` stays `3Ts`. An island starts at a strong
/// left-to-right letter, or at `§` or digits written against it (`§ 25`,
/// `3Ts`); it ends before a right-to-left letter or a bracket. Spaces and
/// punctuation at its end stay outside. Text that is left to right as a
/// whole is isolated whole.
pub fn isolate_latin_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let islands = latin_islands(&chars);
    let mut out = String::with_capacity(text.len() + 6 * islands.len());
    let mut next = islands.iter().peekable();
    for (k, c) in chars.iter().enumerate() {
        if next.peek().is_some_and(|r| r.start == k) {
            out.push(LTR_ISOLATE);
        }
        out.push(*c);
        if next.peek().is_some_and(|r| r.end == k + 1) {
            out.push(POP_ISOLATE);
            next.next();
        }
    }
    out
}

/// The left-to-right islands of a text set right to left, as ranges of
/// character indices, in order and apart: where [`isolate_latin_runs`] puts
/// its isolates. A text that is left to right as a whole is one island; a
/// Latin text in brackets is one island with its brackets.
pub fn latin_islands(chars: &[char]) -> Vec<std::ops::Range<usize>> {
    let text: String = chars.iter().collect();
    if chars.is_empty() {
        return Vec::new();
    }
    if own_direction(&text) == Some(Direction::LeftToRight) {
        let whole = 0..chars.len();
        return vec![whole];
    }
    let mut islands: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(start) = island_start(chars, i) else {
            i += 1;
            continue;
        };
        let mut end = start;
        // The end of the last bracket pair taken in: its closing bracket
        // stays in the island.
        let mut kept = start + 1;
        while end < chars.len() {
            if continues_island(chars[end]) {
                end += 1;
            } else if let Some(close) = latin_bracket_group(chars, end).filter(|_| end > start) {
                // `Bundesamt für Migration (BAMF), 2014`: a bracket pair of
                // Latin text inside the island is part of it.
                end = close + 1;
                kept = end;
            } else {
                break;
            }
        }
        while end > kept && trails_island(chars[end - 1]) {
            end -= 1;
        }
        let letters = chars[start..end]
            .iter()
            .filter(|c| strong_direction(**c) == Some(Direction::LeftToRight))
            .count();
        // A single letter between right-to-left words needs no island (and
        // an island around it would change nothing).
        if letters > 1 || start < i || chars[start] == '§' || end - start > letters {
            // A Latin text in brackets, `(Deutscher Bundestag, 2018; BAMF,
            // 2016)`, is one island with its brackets: broken across lines,
            // each part keeps its bracket on the Latin side instead of a
            // mirrored one at the far end.
            let after_last = islands.last().map_or(0, |r| r.end);
            let bracketed = start == i
                && start > after_last
                && end < chars.len()
                && matches!((chars[start - 1], chars[end]), ('(', ')') | ('[', ']'));
            if bracketed {
                islands.push(start - 1..end + 1);
                end += 1;
            } else {
                islands.push(start..end);
            }
        }
        i = end;
    }
    islands
}

/// Where an island that begins at `i` starts, if one does: at a strong
/// left-to-right letter, taking back the digits and signs written against it
/// (`3Ts`, `19-COVID`); or at a `§` followed by a space or digit.
fn island_start(chars: &[char], i: usize) -> Option<usize> {
    let c = chars[i];
    if c == '§'
        && chars
            .get(i + 1)
            .is_some_and(|n| *n == ' ' || n.is_ascii_digit())
    {
        return Some(i);
    }
    // A negative number in Latin digits, `-1234`, keeps its sign at the
    // left of its digits, as the numbers of the data do.
    if matches!(c, '-' | '\u{2212}')
        && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        && (i == 0 || chars[i - 1].is_whitespace() || is_bracket(chars[i - 1]))
    {
        return Some(i);
    }
    if c.is_ascii_digit() || matches!(bidi_class(c), BidiClass::EN | BidiClass::ET) {
        // Digits directly followed by a letter: the island starts here.
        let mut j = i;
        while j < chars.len()
            && matches!(
                bidi_class(chars[j]),
                BidiClass::EN | BidiClass::ET | BidiClass::CS | BidiClass::ES
            )
            && !chars[j].is_whitespace()
        {
            j += 1;
        }
        if j > i
            && j < chars.len()
            && strong_direction(chars[j]) == Some(Direction::LeftToRight)
            && (i == 0
                || !continues_island(chars[i - 1])
                || chars[i - 1].is_whitespace()
                || is_bracket(chars[i - 1]))
        {
            return Some(i);
        }
        return None;
    }
    (strong_direction(c) == Some(Direction::LeftToRight)).then_some(i)
}

/// Wraps a text in a directional isolate of the given direction.
pub fn isolate(text: &str, direction: Direction) -> String {
    let open = match direction {
        Direction::LeftToRight => LTR_ISOLATE,
        Direction::RightToLeft => RTL_ISOLATE,
    };
    format!("{open}{text}{POP_ISOLATE}")
}

/// A text printed the same in every edition (a name, a German term, a legal
/// paragraph) inside a right-to-left edition: isolated when it has any
/// left-to-right letter, so that `§ 25 Abs. 1 AufenthG` keeps its own
/// left-to-right order instead of being reordered with the Arabic around it.
/// Numbers alone follow the edition.
pub fn isolate_direction(text: &str) -> String {
    if !text
        .chars()
        .any(|c| strong_direction(c) == Some(Direction::LeftToRight))
    {
        return text.to_string();
    }
    match own_direction(text) {
        Some(Direction::LeftToRight) => isolate(text, Direction::LeftToRight),
        // Mixed: its Latin parts become islands inside it.
        _ => isolate_latin_runs(text),
    }
}

/// A text of the edition's language in an edition of direction `edition`,
/// as the template receives it (captions, table cells, chart labels): in a
/// right-to-left edition its left-to-right parts become islands, and a text
/// that is left to right as a whole is isolated whole.
pub fn edition_text(text: &str, edition: Direction) -> String {
    match (edition, paragraph_direction(text, edition)) {
        (Direction::LeftToRight, _) => text.to_string(),
        (Direction::RightToLeft, Direction::LeftToRight) => isolate(text, Direction::LeftToRight),
        (Direction::RightToLeft, Direction::RightToLeft) => isolate_latin_runs(text),
    }
}

/// Removes the invisible direction marks (LRM, RLM, ALM) that CLDR puts
/// into some number formats (`‎19‎%‎` in Arabic): inside a table cell or a
/// sentence the bidi algorithm orders a number with its sign by itself, and
/// the marks would set a value and its note in different orders from one
/// cell to the next.
pub fn strip_direction_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: char = LTR_ISOLATE;
    const P: char = POP_ISOLATE;

    #[test]
    fn latin_runs_in_right_to_left_text_become_islands() {
        let isolated = isolate_latin_runs(
            "وفقاً للمادة (§ 75 AufenthG). وقدم BAMF 2014 تقريراً، COVID-19 و EU.",
        );
        assert_eq!(
            isolated,
            format!("وفقاً للمادة {L}(§ 75 AufenthG){P}. وقدم {L}BAMF 2014{P} تقريراً، {L}COVID-19{P} و {L}EU{P}.")
        );
        // A Latin text in brackets is one island with its brackets, so that
        // a line break inside it leaves each bracket on the Latin side.
        assert_eq!(
            isolate_latin_runs("المهاجرين (Deutscher Bundestag, 2018; BAMF, 2016) بما"),
            format!("المهاجرين {L}(Deutscher Bundestag, 2018; BAMF, 2016){P} بما")
        );
        // Arabic text and numbers alone are left as they are.
        assert_eq!(
            isolate_latin_runs("أكثر من 430,000 شخص"),
            "أكثر من 430,000 شخص"
        );
    }

    #[test]
    fn a_name_with_its_abbreviation_in_brackets_is_one_island() {
        assert_eq!(
            isolate_latin_runs("المكتب Bundesamt für Migration (BAMF), 2014 في النص"),
            format!("المكتب {L}Bundesamt für Migration (BAMF), 2014{P} في النص")
        );
        // Ending the run, the pair keeps its closing bracket.
        assert_eq!(
            isolate_latin_runs("هو LaSI (Landesstelle für Integration) و"),
            format!("هو {L}LaSI (Landesstelle für Integration){P} و")
        );
        // Brackets of Arabic text or numbers alone end the island.
        assert_eq!(
            isolate_latin_runs("تقرير BAMF (مثلاً) هنا"),
            format!("تقرير {L}BAMF{P} (مثلاً) هنا")
        );
    }

    #[test]
    fn a_negative_number_keeps_its_sign_at_the_left() {
        assert_eq!(
            isolate_latin_runs("والرصيد -1234 شخصا"),
            format!("والرصيد {L}-1234{P} شخصا")
        );
        // A range's dash is no sign.
        assert_eq!(isolate_latin_runs("بين 2015-2016 هنا"), "بين 2015-2016 هنا");
    }

    #[test]
    fn digits_written_against_a_latin_word_stay_with_it() {
        assert_eq!(
            isolate_latin_runs("ومبدأ 3Ts (استناداً"),
            format!("ومبدأ {L}3Ts{P} (استناداً")
        );
        // A year before a word, with a space between, is not part of it.
        assert_eq!(
            isolate_latin_runs("عام 2014 BAMF"),
            format!("عام 2014 {L}BAMF{P}")
        );
    }

    #[test]
    fn direction_comes_from_bidi_classes_not_code_ranges() {
        let vietnamese = "Nguyễn, T. H. (2019) Di cư lao động ở Hà Nội";
        let transliterated = "Ḥasan, ʿA. (2015) Al-hijra fī al-Ṣafāʾ";
        assert_eq!(own_direction(vietnamese), Some(Direction::LeftToRight));
        assert_eq!(own_direction(transliterated), Some(Direction::LeftToRight));
        assert_eq!(
            paragraph_direction(transliterated, Direction::RightToLeft),
            Direction::LeftToRight
        );
        assert_eq!(own_direction("הגירה ועבודה"), Some(Direction::RightToLeft));
        assert_eq!(own_direction("(2019) وفقاً BAMF"), None);
        // A Latin entry with a Hebrew title is a quotation: its first
        // strong letter decides; an Arabic sentence quoting Latin stays.
        assert_eq!(
            paragraph_direction(
                "Cohen, D. (2018) הגירה ועבודה. Jerusalem.",
                Direction::RightToLeft
            ),
            Direction::LeftToRight
        );
        assert_eq!(
            paragraph_direction("BAMF (2019) تقرير", Direction::RightToLeft),
            Direction::RightToLeft
        );
        assert_eq!(own_direction("2019"), None);
        assert_eq!(
            paragraph_direction("BAMF - المكتب الاتحادي للهجرة", Direction::RightToLeft),
            Direction::RightToLeft
        );
        // Whole Latin texts are isolated whole, their order kept.
        assert_eq!(
            isolate_latin_runs(vietnamese),
            format!("{L}{vietnamese}{P}")
        );
    }

    #[test]
    fn neutral_texts_with_latin_letters_are_isolated() {
        assert_eq!(
            isolate_direction("§ 25 AufenthG"),
            format!("{L}§ 25 AufenthG{P}")
        );
        assert_eq!(isolate_direction("2019"), "2019");
        assert_eq!(isolate_direction(""), "");
    }

    #[test]
    fn direction_marks_are_removed() {
        assert_eq!(strip_direction_marks("\u{200e}19\u{200e}%\u{200e}"), "19%");
        assert_eq!(strip_direction_marks("١٩٪\u{061c}"), "١٩٪");
    }
}
