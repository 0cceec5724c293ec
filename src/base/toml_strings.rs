//! A text in quotes left open in a TOML file, found where it starts. The
//! TOML reader notices an unclosed string only later: at the start of the
//! next line (`{ en = "Turkey }` reads on to the line's end) or at a word
//! after the next quote (`{ en = "Turkey, de = "Türkei" }` closes the first
//! string at the second's opening quote, and `Türkei` then stands where a
//! comma belongs). [`unclosed_string`] points at the quote that opens the
//! string instead, with what to add.

/// Where a string left open starts, and the message that says so, when a
/// TOML error at byte `offset` of `text` is the late sign of one: the line
/// before the error (when the error stands at a line's start) ends inside a
/// string, or the string that closes just before the error holds ` = `,
/// the sign of a key written inside it. `None` otherwise.
pub fn unclosed_string(text: &str, offset: usize) -> Option<(usize, String)> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let rest_of_line = text[offset..].split('\n').next().unwrap_or("");
    let at_line_start = text[line_start..offset].trim().is_empty();
    if at_line_start && line_start > 0 {
        let before = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..line_start - 1].trim_end_matches('\r');
        if let Some(open) = strings_of(&line[before..]).open {
            return Some((
                before + open,
                "this text in quotes is not closed: add the closing `\"` where it ends (a text in quotes ends on its own line)".into(),
            ));
        }
    }
    let line = &text[line_start..offset];
    let scanned = strings_of(line);
    let (start, end) = scanned.closed.last().copied()?;
    let between = &line[end..];
    let inside = &line[start + 1..end - 1];
    let key_inside = inside.contains(" = ") || inside.contains("= \"");
    if !between.trim().is_empty() || !key_inside || rest_of_line.trim().is_empty() {
        return None;
    }
    let written = inside.split([',', '}']).next().unwrap_or(inside).trim_end();
    Some((
        line_start + start,
        format!(
            "this text in quotes is not closed where it should be, so it runs on into the next key: add a `\"` after `{written}`"
        ),
    ))
}

/// The strings of one line: the byte ranges of those closed on it (from
/// their opening to after their closing quote) and the start of one left
/// open at its end. A `#` outside a string ends the line.
struct Strings {
    closed: Vec<(usize, usize)>,
    open: Option<usize>,
}

fn strings_of(line: &str) -> Strings {
    let mut closed = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match open {
            Some((_, '"')) if escaped => escaped = false,
            Some((_, '"')) if c == '\\' => escaped = true,
            Some((start, quote)) if c == quote => {
                closed.push((start, i + 1));
                open = None;
            }
            Some(_) => {}
            None if c == '#' => break,
            None if c == '"' || c == '\'' => open = Some((i, c)),
            None => {}
        }
    }
    // A multi-line string (`"""`) is not a string left open.
    let open = open
        .filter(|(start, quote)| !line[*start..].starts_with(&quote.to_string().repeat(3)))
        .map(|(start, _)| start);
    Strings { closed, open }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_string_is_found_where_it_starts() {
        let text = "a = { en = \"Turkey }\nb = 2\n";
        let (at, message) = unclosed_string(text, text.find("b =").unwrap()).unwrap();
        assert_eq!(at, text.find('"').unwrap());
        assert!(message.contains("not closed"), "{message}");
        let text = "a = { en = \"Turkey, de = \"Türkei\" }\n";
        let (at, message) = unclosed_string(text, text.find("Türkei").unwrap()).unwrap();
        assert_eq!(at, text.find('"').unwrap());
        assert!(message.contains("after `Turkey`"), "{message}");
        // Another mistake after a closed string: not this one.
        let text = "a = { en = \"Turkey\" de = \"x\" }\n";
        assert_eq!(unclosed_string(text, text.find("de").unwrap()), None);
        let text = "a = 1\nb = 2 3\n";
        assert_eq!(unclosed_string(text, text.find('3').unwrap()), None);
    }
}
