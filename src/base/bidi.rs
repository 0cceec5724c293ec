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

/// Whether a text has a letter of the Arabic script (and of the scripts
/// written like it, Syriac and Thaana: bidi class `AL`).
pub fn has_arabic_letter(text: &str) -> bool {
    text.chars().any(|c| bidi_class(c) == BidiClass::AL)
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
/// `[`) inside a left-to-right island, when everything between them belongs
/// to the island and holds a Latin letter or a Latin digit: `(BAMF)`,
/// `[sic]`, the year of an author-year citation (`Saliba, S. (2018)`), not
/// `(مثلاً)` nor `(٢٠١٨)`.
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
            .any(|c| c.is_ascii_digit() || strong_direction(*c) == Some(Direction::LeftToRight)))
    .then_some(close)
}

/// Characters that open or close a bracket pair (UAX #9, BD14-BD16).
fn is_bracket(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '⟨' | '⟩')
}

/// Characters at the end of an island that only separate it from what
/// follows: they stay outside, in the paragraph's direction. A slash ends
/// an address (`https://alghad.com/`) and stays with it.
fn trails_island(c: char) -> bool {
    matches!(
        bidi_class(c),
        BidiClass::WS | BidiClass::CS | BidiClass::ES | BidiClass::ON | BidiClass::BN
    ) && !matches!(c, '\'' | '’' | 'ʾ' | 'ʿ' | '/')
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
            if let Some(end) = latin_range(chars, i) {
                islands.push(i..end);
                i = end;
            } else {
                i += 1;
            }
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

/// The dashes that join the two ends of a range: hyphen-minus, hyphen,
/// figure dash, en dash, em dash and minus sign.
const RANGE_DASHES: [char; 6] = ['-', '\u{2010}', '\u{2012}', '–', '—', '\u{2212}'];

/// The end of a range of numbers in Latin digits that starts at `i`
/// (`1991-2018`, `0–6`, `10%–20%`, `1,5 – 2,5`), if one does: such a range
/// reads left to right in right-to-left text, as its digits do, whatever
/// dash the author typed (the bidi algorithm alone joins `1991-2018` with a
/// hyphen but sets `2018–1991` with an en dash). Spaces may stand around
/// the dash. A range in Arabic-Indic digits is left to the paragraph.
pub(crate) fn latin_range(chars: &[char], i: usize) -> Option<usize> {
    let number_end = |from: usize| {
        let mut k = from;
        while k < chars.len()
            && (chars[k].is_ascii_digit()
                || (matches!(chars[k], '.' | ',' | '\u{a0}' | '\u{202f}' | '\'')
                    && k > from
                    && chars.get(k + 1).is_some_and(char::is_ascii_digit)))
        {
            k += 1;
        }
        if k < chars.len() && matches!(chars[k], '%' | '٪') && k > from {
            k += 1;
        }
        (k > from).then_some(k)
    };
    // Not the tail of a word, a number or a sign (`COVID-19`, `-5`).
    let glued = i > 0
        && (chars[i - 1].is_alphanumeric()
            || (chars[i - 1].is_ascii_punctuation() && !is_bracket(chars[i - 1])));
    if !chars[i].is_ascii_digit() || glued {
        return None;
    }
    let first = number_end(i)?;
    let mut k = first;
    if chars.get(k) == Some(&' ') {
        k += 1;
    }
    if !chars.get(k).is_some_and(|c| RANGE_DASHES.contains(c)) {
        return None;
    }
    let spaced = k > first;
    k += 1;
    if spaced {
        // `1,5 – 2,5`: a space on both sides or none.
        if chars.get(k) != Some(&' ') {
            return None;
        }
        k += 1;
    }
    let end = number_end(k)?;
    // `2014-2016-2018` or `0-6a` is no range of two numbers.
    let followed = chars
        .get(end)
        .is_some_and(|c| c.is_alphanumeric() || RANGE_DASHES.contains(c));
    (!followed).then_some(end)
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
        let stands_apart = i == 0
            || !continues_island(chars[i - 1])
            || chars[i - 1].is_whitespace()
            || is_bracket(chars[i - 1]);
        if j > i
            && j < chars.len()
            && strong_direction(chars[j]) == Some(Direction::LeftToRight)
            && stands_apart
        {
            return Some(i);
        }
        // A number that opens a Latin name of several words, one space
        // before the first (`100 Resilient Cities`), or that starts a
        // bracket, a quotation or the text (`(100 Cities)`). A year before
        // a name (`عام 2014 BAMF`) and a number before one Latin word
        // (`الجملة 1 AufenthG`, "sentence 1 of the AufenthG") belong to the
        // sentence around.
        let number = &chars[i..j];
        let year = number.len() == 4 && matches!(number[0], '1' | '2');
        let latin = |c: &char| strong_direction(*c) == Some(Direction::LeftToRight);
        let opens = i == 0 || !continues_island(chars[i - 1]) || is_bracket(chars[i - 1]);
        let several_words = || {
            let word_end = (j + 1..chars.len())
                .find(|k| !latin(&chars[*k]) && bidi_class(chars[*k]) != BidiClass::NSM)
                .unwrap_or(chars.len());
            chars.get(word_end) == Some(&' ') && chars.get(word_end + 1).is_some_and(latin)
        };
        if j > i
            && stands_apart
            && !year
            && number
                .iter()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
            && number.last().is_some_and(char::is_ascii_digit)
            && chars.get(j) == Some(&' ')
            && chars.get(j + 1).is_some_and(latin)
            && (opens || several_words())
        {
            return Some(i);
        }
        return None;
    }
    (strong_direction(c) == Some(Direction::LeftToRight)).then_some(i)
}

/// The Latin digits (`0`-`9`) a right-to-left text writes as its own
/// numbers, as character indices: those outside its left-to-right islands
/// of Latin words (`BAMF 2014`, `Saliba, S. (2018)`, `COVID-19`, `§ 25`,
/// `100 Resilient Cities`, an address). A year, a count or a range in an
/// Arabic sentence (`في عام 2014`, `(2019)`, `2014-2016`) is the
/// sentence's; an edition printed in Arabic-Indic digits writes it in them
/// ([`with_sentence_digits`]).
pub fn sentence_digits(chars: &[char]) -> Vec<usize> {
    let latin: Vec<std::ops::Range<usize>> = latin_islands(chars)
        .into_iter()
        .filter(|r| {
            chars[r.clone()]
                .iter()
                .any(|c| *c == '§' || strong_direction(*c) == Some(Direction::LeftToRight))
        })
        .collect();
    (0..chars.len())
        .filter(|k| chars[*k].is_ascii_digit() && !latin.iter().any(|r| r.contains(k)))
        .collect()
}

/// A right-to-left text with its own numbers ([`sentence_digits`]) written
/// in `digits` (the edition's ten digits, `٠`-`٩`), their separators with
/// them: a `.` between two such digits is the Arabic decimal separator
/// (`41.5` -> `٤١٫٥`), a `,` between them before a group of exactly three
/// digits the Arabic thousands separator (`1,234` -> `١٬٢٣٤`), as CLDR
/// writes Arabic-Indic numbers. A text set left to right as a whole is
/// returned as it is.
pub fn with_sentence_digits(text: &str, digits: &[char; 10]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let own = sentence_digits(&chars);
    for &k in &own {
        chars[k] = digits[chars[k] as usize - '0' as usize];
    }
    let is_own = |k: usize| own.binary_search(&k).is_ok();
    for k in 1..chars.len().saturating_sub(1) {
        if !(is_own(k - 1) && is_own(k + 1)) {
            continue;
        }
        match chars[k] {
            '.' => chars[k] = ARABIC_DECIMAL_SEPARATOR,
            ',' if (k + 1..k + 4).all(is_own) && !is_own(k + 4) => {
                chars[k] = ARABIC_THOUSANDS_SEPARATOR
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// CLDR's decimal separator for Arabic-Indic digits (U+066B).
const ARABIC_DECIMAL_SEPARATOR: char = '\u{066B}';
/// CLDR's grouping separator for Arabic-Indic digits (U+066C).
const ARABIC_THOUSANDS_SEPARATOR: char = '\u{066C}';

/// Whether a text is a number written in Latin digits with only signs,
/// spaces and punctuation around it and no letter, that the Unicode
/// Bidirectional Algorithm would reorder when set right to left: an age
/// group, a comparison or a change as a label writes it (`65+` would read
/// `+65`, `<5` read `5>`, `+3.5%` read `3.5%+`, `12 %` read `% 12`). Such a
/// text reads left to right as a whole, as its digits do. A plain number,
/// a season or a range the algorithm keeps in order (`2019`, `2010/11`,
/// `15-24`) is not one; nor is a text in Arabic-Indic digits (`٦٥+`),
/// which is written in the right-to-left text's own numbers.
pub fn is_reordered_latin_number(text: &str) -> bool {
    let latin_number = text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| {
            strong_direction(c).is_none()
                && bidi_class(c) != BidiClass::AN
                && !('\u{06F0}'..='\u{06F9}').contains(&c)
        });
    if !latin_number {
        return false;
    }
    let info = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::rtl()));
    info.paragraphs.iter().any(|paragraph| {
        info.reorder_line(paragraph, paragraph.range.clone()) != text[paragraph.range.clone()]
    })
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
/// Numbers alone follow the edition, but for a range or a negative number
/// in Latin digits (`0–6`, `-12`), which reads left to right as its digits
/// do.
pub fn isolate_direction(text: &str) -> String {
    if is_reordered_latin_number(text) {
        return isolate(text, Direction::LeftToRight);
    }
    if !text
        .chars()
        .any(|c| strong_direction(c) == Some(Direction::LeftToRight))
    {
        // A range in Latin digits (`0–6`) reads left to right.
        return isolate_latin_runs(text);
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
        (Direction::RightToLeft, _) if is_reordered_latin_number(text) => {
            isolate(text, Direction::LeftToRight)
        }
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
#[path = "bidi_tests.rs"]
mod tests;
