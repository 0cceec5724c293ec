//! Numbers as a person types them in a text of one language: where each
//! number stands, what it is (with the language's decimal and grouping
//! separators, CLDR's and the usual variants, Latin or Arabic-Indic
//! digits), whether a percent sign follows it and whether a word of
//! approximation ("about", "rund", "près de", "حوالي") comes before it.
//! `check` uses it to find numbers typed by hand that equal a value of the
//! profile (see the guide, `docs/src/reference/numbers-typed-by-hand.md`).

mod words;

use fixed_decimal::{UnsignedDecimal, UnsignedRoundingMode};
use words::{APPROXIMATION, ARABIC_PREFIXES, LEGAL_WORDS, PERCENT_WORDS};

/// How a text of one language writes numbers: which characters separate
/// decimals and which group digits, and its words of approximation.
#[derive(Debug, Clone)]
pub struct Conventions {
    /// Characters that separate the decimals: CLDR's, and `٫`.
    decimal: Vec<char>,
    /// Characters that group digits by three: CLDR's, `٬`, the no-break
    /// and thin spaces, and the ordinary space where CLDR groups with a
    /// space (French), the apostrophes where CLDR groups with one (Swiss
    /// German).
    group: Vec<char>,
    /// Words that say a number is rounded, in lower case.
    approximation: Vec<String>,
    /// Whether a word of approximation may be joined to the word before it
    /// (Arabic prefixes: `بحوالي`).
    joined_words: bool,
}

/// The spaces that group digits in any language (no-break, narrow
/// no-break and thin space): nobody types them between two numbers.
const GROUPING_SPACES: [char; 3] = ['\u{a0}', '\u{202f}', '\u{2009}'];

impl Conventions {
    /// The conventions of `lang` (a BCP 47 code) whose CLDR number format
    /// has the separators `(group, decimal)` (as
    /// [`super::NumberFormat::separators`] gives them).
    pub fn new(lang: &str, (group, decimal): (char, char)) -> Conventions {
        let mut decimals = vec![decimal, '\u{066b}'];
        let mut groups = vec![group, '\u{066c}'];
        groups.extend(GROUPING_SPACES);
        if group.is_whitespace() {
            groups.push(' ');
        }
        if matches!(group, '\'' | '’') {
            groups.extend(['\'', '’']);
        }
        // Arabic-Indic separators in CLDR leave the Latin ones to texts
        // typed with Latin digits, which write them as English does.
        if !matches!(decimal, '.' | ',') {
            decimals.push('.');
            groups.push(',');
        }
        let base = lang.split(['-', '_']).next().unwrap_or(lang).to_lowercase();
        let mut approximation: Vec<String> = ["~", "≈", "ca.", "ca"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        if let Some((_, words)) = APPROXIMATION.iter().find(|(l, _)| *l == base) {
            approximation.extend(words.iter().map(|w| w.to_lowercase()));
        }
        Conventions {
            decimal: decimals,
            group: groups,
            approximation,
            joined_words: base == "ar",
        }
    }

    /// The same conventions with one more word of approximation (the
    /// layout's word for "approximately", `approx.`, `env.`).
    pub fn with_approximation_word(mut self, word: &str) -> Conventions {
        let word = word.trim().to_lowercase();
        if !word.is_empty() && !self.approximation.contains(&word) {
            self.approximation.push(word);
        }
        self
    }

    /// Every number written in `text` that reads as one number in these
    /// conventions, in order. Digits that belong to a word or a code
    /// (`H2O`, `COVID-19`, `10th`, `978-3-16`) and runs that read as no
    /// number (`1.2.3`, a date `12.03.2019` in English) are left out.
    pub fn numbers_in(&self, text: &str) -> Vec<WrittenNumber> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if digit_value(chars[i].1).is_none() {
                i += 1;
                continue;
            }
            let first = i;
            // The run: digits, and separators between digits.
            let mut j = i;
            while j < chars.len() {
                let c = chars[j].1;
                if digit_value(c).is_some() {
                    j += 1;
                    continue;
                }
                let between = j + 1 < chars.len() && digit_value(chars[j + 1].1).is_some();
                if between && (matches!(c, '.' | ',') || self.is_separator(c)) {
                    j += 1;
                    continue;
                }
                break;
            }
            i = j;
            let before = first.checked_sub(1).map(|k| chars[k].1);
            let before_that = first.checked_sub(2).map(|k| chars[k].1);
            let after = chars.get(j).map(|(_, c)| *c);
            let after_that = chars.get(j + 1).map(|(_, c)| *c);
            let in_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            // An Arabic one-letter prefix (`و٩٤٤`, `ب٣٫٤٪`) joined to the
            // number, itself after no letter, leaves it a number.
            let prefixed =
                before.is_some_and(|c| ARABIC_PREFIXES.contains(&c)) && !in_word(before_that);
            let before_word = if prefixed { None } else { before };
            // Joined to a word or number by `-`, `/` or `.` (`COVID-19`,
            // `978-3-16`, `p.123`), or to a number by `:` (`10:30`, `1:3`;
            // not `Population: 603,600`, with a space).
            let in_code = |joint: Option<char>, next: Option<char>| match joint {
                Some('-' | '/' | '.') => next.is_some_and(char::is_alphanumeric),
                Some(':') => next.is_some_and(|c| digit_value(c).is_some()),
                _ => false,
            };
            // A number after `#` is a number of a list or an issue, not a quantity.
            let start = chars[first].0;
            let end = chars.get(j).map_or(text.len(), |(at, _)| *at);
            if in_word(before_word)
                || before == Some('#')
                || in_word(after)
                || in_code(before, before_that)
                || in_code(after, after_that)
                || phone_number(text, start)
                || legal_label_before(text, start)
            {
                // A phone number's other groups are skipped with it.
                if phone_number(text, start) {
                    i = phone_end(&chars, first);
                }
                continue;
            }
            self.read_run(text, start, end, &mut found);
        }
        found
    }

    /// Reads the run `text[start..end]` as one number; a run that does not
    /// read as one but has spaces (`en 2019 603 600`, in French) as the
    /// longest numbers its spaces separate, from the left.
    fn read_run(&self, text: &str, start: usize, end: usize, found: &mut Vec<WrittenNumber>) {
        let mut push = |mut number: WrittenNumber, start: usize, end: usize| {
            number.start = start;
            number.end = end;
            number.percent = percent_follows(&text[end..]);
            found.push(number);
        };
        if let Some(number) = self.read(&text[start..end]) {
            push(number, start, end);
            return;
        }
        // The pieces between spaces, as byte ranges.
        let mut pieces = Vec::new();
        let mut piece_start = start;
        for (at, c) in text[start..end].char_indices() {
            if c == ' ' {
                pieces.push((piece_start, start + at));
                piece_start = start + at + 1;
            }
        }
        pieces.push((piece_start, end));
        if pieces.len() < 2 {
            return;
        }
        let mut k = 0;
        while k < pieces.len() {
            let longest = (k..pieces.len()).rev().find_map(|last| {
                let (from, to) = (pieces[k].0, pieces[last].1);
                self.read(&text[from..to]).map(|n| (last, n, from, to))
            });
            match longest {
                Some((last, number, from, to)) => {
                    push(number, from, to);
                    k = last + 1;
                }
                None => k += 1,
            }
        }
    }

    /// Whether `c` separates digits in these conventions.
    fn is_separator(&self, c: char) -> bool {
        self.decimal.contains(&c) || self.group.contains(&c)
    }

    /// A run of digits and separators as one number: groups of three after
    /// the first (of one to three digits), all with the same separator,
    /// and at most one decimal separator, last.
    fn read(&self, run: &str) -> Option<WrittenNumber> {
        let mut pieces: Vec<String> = vec![String::new()];
        let mut separators: Vec<char> = Vec::new();
        for c in run.chars() {
            match digit_value(c) {
                Some(d) => pieces
                    .last_mut()?
                    .push(char::from_digit(d, 10).unwrap_or('0')),
                None => {
                    separators.push(c);
                    pieces.push(String::new());
                }
            }
        }
        let mut fraction = String::new();
        if separators.last().is_some_and(|c| self.decimal.contains(c)) {
            separators.pop();
            fraction = pieces.pop()?;
        }
        let grouped = !separators.is_empty();
        if grouped {
            let group = separators[0];
            let valid = self.group.contains(&group)
                && separators.iter().all(|c| *c == group)
                && (1..=3).contains(&pieces[0].len())
                && pieces[1..].iter().all(|p| p.len() == 3);
            if !valid {
                return None;
            }
        }
        let integer: String = pieces.concat();
        let trimmed = integer.trim_start_matches('0');
        Some(WrittenNumber {
            start: 0,
            end: 0,
            integer: if trimmed.is_empty() {
                "0".into()
            } else {
                trimmed.into()
            },
            fraction,
            grouped,
            percent: false,
        })
    }

    /// Whether a word of approximation ends the text before a number at
    /// byte offset `at` (spaces between them allowed).
    pub fn approximation_before(&self, text: &str, at: usize) -> bool {
        // Spaces and Markdown's emphasis may stand between them (`**about** 600`).
        let before =
            text[..at].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
        let lower = before.to_lowercase();
        self.approximation.iter().any(|word| {
            let Some(rest) = lower.strip_suffix(word.as_str()) else {
                return false;
            };
            let symbol = !word.chars().any(char::is_alphabetic);
            symbol
                || self.joined_words
                || !rest.chars().next_back().is_some_and(char::is_alphanumeric)
        })
    }
}

/// Whether the number at byte offset `at` opens a phone number: after a
/// `+` (`+49 231 50-0`) or with a leading zero before another digit
/// (`0231 50 12345`), as no quantity is written.
fn phone_number(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    let leading_zero = rest.next() == Some('0') && rest.next().and_then(digit_value).is_some();
    leading_zero || text[..at].ends_with('+')
}

/// The index after the phone number that starts at `first`: its digits
/// and the spaces, `-`, `/` and parentheses between its groups.
fn phone_end(chars: &[(usize, char)], first: usize) -> usize {
    let mut end = first;
    let mut k = first;
    while k < chars.len() {
        let c = chars[k].1;
        if digit_value(c).is_some() {
            k += 1;
            end = k;
        } else if matches!(c, ' ' | '\u{a0}' | '-' | '/' | '(' | ')')
            && chars
                .get(k + 1)
                .is_some_and(|(_, n)| digit_value(*n).is_some() || *n == '(')
        {
            k += 1;
        } else {
            break;
        }
    }
    end
}

/// Whether the number at byte offset `at` follows a word that numbers an
/// article or paragraph of a law (`§ 23`, `Art. 16`, `Article 13`).
fn legal_label_before(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| c.is_whitespace());
    let lower = before.to_lowercase();
    LEGAL_WORDS.iter().any(|word| {
        lower.strip_suffix(word).is_some_and(|rest| {
            word.starts_with('§') || !rest.chars().next_back().is_some_and(char::is_alphanumeric)
        })
    })
}

/// Whether a writing reads as one number in some language's conventions
/// (`603,600`, `603.600`, `13,8`, `603 600`, `603'600`, `٦٠٣٬٦٠٠`): a date
/// (`12.03.2019`) or a code (`1.2.3`) reads as none.
pub fn reads_as_one_number(text: &str) -> bool {
    let body = normalized_writing(text);
    [
        (',', '.'),
        ('.', ','),
        (' ', ','),
        ('\'', '.'),
        ('\u{066c}', '\u{066b}'),
    ]
    .into_iter()
    .any(|separators| Conventions::new("und", separators).read(&body).is_some())
}

/// The value of a digit: ASCII, Arabic-Indic (`٠`–`٩`) or Extended
/// Arabic-Indic (`۰`–`۹`).
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06f0}'..='\u{06f9}' => Some(c as u32 - 0x06f0),
        _ => None,
    }
}

/// Whether a percent sign (or word) follows a number: `%`, `٪`, or
/// `percent`, `Prozent`, `pour cent`, `في المائة` ..., after spaces.
fn percent_follows(after: &str) -> bool {
    let rest = after.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{061c}');
    if rest.starts_with(['%', '٪']) {
        return true;
    }
    let lower: String = rest.chars().take(12).collect::<String>().to_lowercase();
    PERCENT_WORDS.iter().any(|word| {
        lower
            .strip_prefix(word)
            .is_some_and(|tail| !tail.chars().next().is_some_and(char::is_alphanumeric))
    })
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenNumber {
    /// Byte offsets of its first digit and after its last digit.
    pub start: usize,
    pub end: usize,
    /// The digits before the decimal separator, in ASCII, without leading
    /// zeros (`0` for none).
    pub integer: String,
    /// The digits after the decimal separator, as written.
    pub fraction: String,
    /// Written with a grouping separator (`2,011`, not `2011`).
    pub grouped: bool,
    /// A percent sign or word follows it.
    pub percent: bool,
}

impl WrittenNumber {
    /// The number as a decimal without separators, leading or trailing
    /// zeros: `603600`, `13.8` (for `013,80`). Equal numbers have equal
    /// keys, as [`value_key`] makes them for the profile's values.
    pub fn key(&self) -> String {
        let fraction = self.fraction.trim_end_matches('0');
        if fraction.is_empty() {
            self.integer.clone()
        } else {
            format!("{}.{fraction}", self.integer)
        }
    }

    /// Whether the number is too common to be taken for a value: a whole
    /// number of fewer than three significant digits (`12 months`, `450`,
    /// `26,000`, `100,000`: how texts count small things and write round
    /// figures, which meet round values of the data by chance), or a year
    /// (1900 to 2100, four digits without a grouping separator). A number
    /// written with decimals (`9.9`, `13,8`) never is.
    pub fn is_incidental(&self) -> bool {
        if !self.fraction.is_empty() {
            return false;
        }
        let year = !self.grouped
            && self.integer.len() == 4
            && self
                .integer
                .parse::<u32>()
                .is_ok_and(|y| (1900..=2100).contains(&y));
        year || self.significant_digits() < 3
    }

    /// The power of ten the number is written to: `-1` for `13.8`, `3`
    /// for `604,000`, `0` for `603,609`.
    pub fn precision(&self) -> i16 {
        if !self.fraction.is_empty() {
            return -(self.fraction.len() as i16);
        }
        if self.integer == "0" {
            return 0;
        }
        (self.integer.len() - self.integer.trim_end_matches('0').len()) as i16
    }

    /// How many significant digits the number is written with: 3 for
    /// `604,000` and `13.8`, 1 for `600,000`.
    pub fn significant_digits(&self) -> usize {
        let digits = format!("{}{}", self.integer, self.fraction);
        let digits = digits.trim_start_matches('0');
        if self.fraction.is_empty() {
            digits.trim_end_matches('0').len()
        } else {
            digits.len()
        }
    }

    /// Whether `value`, rounded half away from zero to the precision the
    /// number is written to, is this number: `604,000` for 603,609 or
    /// 603,500, `13.8` for 13.75. Signs are not compared.
    pub fn is_rounded(&self, value: f64) -> bool {
        self.is_rounded_to(value, self.precision())
    }

    /// Whether `value`, rounded half away from zero to the power of ten
    /// `precision`, is this number (a whole percentage, `40 %`, is read
    /// as rounded to units, not tens).
    pub fn is_rounded_to(&self, value: f64, precision: i16) -> bool {
        let Some(decimal) = decimal_of(value) else {
            return false;
        };
        let rounded = decimal.rounded_with_mode(precision, UnsignedRoundingMode::HalfExpand);
        key_of(rounded) == self.key()
    }
}

/// A value's magnitude as an exact decimal (its shortest representation,
/// as the data wrote it); `None` for an infinite or undefined value.
fn decimal_of(value: f64) -> Option<UnsignedDecimal> {
    if !value.is_finite() {
        return None;
    }
    UnsignedDecimal::try_from_str(&format!("{}", value.abs())).ok()
}

/// A decimal without leading or trailing zeros, as [`WrittenNumber::key`].
fn key_of(mut decimal: UnsignedDecimal) -> String {
    decimal.trim_start();
    decimal.trim_end();
    decimal.to_string()
}

/// The keys a value of the data is found by ([`WrittenNumber::key`]): its
/// magnitude as written in the data and, when it prints with a fixed
/// number of `decimals`, as printed (13.333 with 1 decimal prints 13.3).
pub fn value_key(value: f64, decimals: Option<u8>) -> Vec<String> {
    let Some(decimal) = decimal_of(value) else {
        return Vec::new();
    };
    let mut keys = vec![key_of(decimal.clone())];
    if let Some(decimals) = decimals {
        let printed = key_of(
            decimal.rounded_with_mode(-i16::from(decimals), UnsignedRoundingMode::HalfExpand),
        );
        if !keys.contains(&printed) {
            keys.push(printed);
        }
    }
    keys
}

/// A number as written, for comparing two writings of one number: digits
/// in ASCII, every kind of space as one space, apostrophes as one, and
/// without a percent sign (`603 600` for `٦٠٣ ٦٠٠`, `13,8` for `13,8 %`).
pub fn normalized_writing(text: &str) -> String {
    text.trim()
        .trim_end_matches(['%', '٪'])
        .trim()
        .chars()
        .map(|c| match digit_value(c) {
            Some(d) => char::from_digit(d, 10).unwrap_or(c),
            None if c.is_whitespace() => ' ',
            None if c == '’' => '\'',
            None => c,
        })
        .collect()
}

/// Whether a text is one number as someone would write it in any language:
/// digits (Latin or Arabic-Indic) with separators between them (`.`, `,`,
/// `'`, `’`, spaces, `٫`, `٬`), and optionally a percent sign after it.
pub fn is_written_number(text: &str) -> bool {
    let body = normalized_writing(text);
    let chars: Vec<char> = body.chars().collect();
    let separator = |c: char| matches!(c, '.' | ',' | '\'' | ' ' | '٫' | '٬');
    !chars.is_empty()
        && chars.first().is_some_and(char::is_ascii_digit)
        && chars.last().is_some_and(char::is_ascii_digit)
        && chars.iter().all(|c| c.is_ascii_digit() || separator(*c))
        && !chars
            .windows(2)
            .any(|pair| separator(pair[0]) && separator(pair[1]))
}

#[cfg(test)]
mod tests;
