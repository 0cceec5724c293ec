//! Escaping text for Typst: markup that prints every character as itself,
//! except straight quotes, which Typst turns into the edition's typographic
//! quotes; and string literals for Typst code.

/// A quote the author escaped (`\'`, `\"`) or wrote as an entity
/// (`&#39;`, `&quot;`): it stays straight. The converter puts these control
/// characters (one byte, like the quotes, so offsets stay) in place of such
/// quotes before escaping.
pub(crate) const STRAIGHT_APOSTROPHE: char = '\u{0E}';
pub(crate) const STRAIGHT_DOUBLE_QUOTE: char = '\u{0F}';

/// Escapes text so that Typst markup prints it literally, quotes included.
pub fn escape_markup(text: &str) -> String {
    escape(text, false)
}

/// Escapes prose: like [`escape_markup`], but straight quotes `'` and `"`
/// are left to Typst's smart quotes, which set them as the edition's
/// language writes them (“…” and ’ in English, « … » and ’ in French).
/// Quotes marked as straight ([`STRAIGHT_APOSTROPHE`]) print straight.
pub fn escape_prose(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, smart_quotes: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // An apostrophe between digits groups them, as typed (`421'878` in
        // Swiss German): a smart quote there would be a prime or a
        // guillemet.
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\'' if smart_quotes && between_digits => out.push_str("\\'"),
            '\'' | '"' if smart_quotes => out.push(c),
            STRAIGHT_APOSTROPHE => out.push_str("\\'"),
            STRAIGHT_DOUBLE_QUOTE => out.push_str("\\\""),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A Typst string literal.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Typst label name made of the characters labels allow.
pub(crate) fn label_name(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        let s = escape_markup("@urban_migration $5 #1 <b> a // b § 25 m² 7,25 €");
        assert_eq!(
            s,
            "\\@urban\\_migration \\$5 \\#1 \\<b\\> a \\/\\/ b § 25 m² 7\\,25 €"
        );
    }

    #[test]
    fn an_apostrophe_between_digits_stays_as_typed() {
        assert_eq!(escape_prose("421'878 'Gäste'"), "421\\'878 'Gäste'");
        assert_eq!(escape_prose("90'er"), "90'er");
    }

    #[test]
    fn prose_leaves_quotes_to_typst_unless_kept_straight() {
        assert_eq!(escape_prose("l'été \"x\""), "l'été \"x\"");
        assert_eq!(escape_markup("l'été"), "l\\'été");
        assert_eq!(
            escape_prose(&format!("5{STRAIGHT_APOSTROPHE}10{STRAIGHT_DOUBLE_QUOTE}")),
            "5\\'10\\\""
        );
    }
}
