//! The messages of the TOML reader (serde and `toml`) in the words of a
//! profile's author: `expected f64` reads "expected a number like 603609 or
//! 10.1", `a TOML datetime` reads "a date like 2021-03-01". Every TOML file
//! the program reads passes its errors through [`in_user_words`], so no Rust
//! type name reaches the user.

/// Rewrites one error message of the TOML reader in the author's words.
///
/// Handles the forms serde and `toml` produce: `invalid type: X, expected Y`,
/// `invalid value: X, expected Y`, `missing field`, `unknown field`,
/// `unknown variant`, `invalid length`, untagged enums and the type names
/// inside them. Anything else is kept, with type names replaced.
pub fn in_user_words(message: &str) -> String {
    let message = message.trim().replace('\n', " ");
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            if let Some(advice) = quoted_value_advice(found, expected) {
                return advice;
            }
            return format!(
                "expected {}, found {}",
                expected_words(expected),
                found_words(found)
            );
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = rest.trim();
        return format!(
            "{key} is missing: add it (`{} = ...`)",
            key.trim_matches('`')
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return match rest.split_once(", expected one of ") {
            Some((key, known)) => format!("unknown key {key} (the keys here are {known})"),
            None => match rest.split_once(", there are no fields") {
                Some((key, _)) => format!("unknown key {key}: nothing goes here"),
                None => format!("unknown key {}", rest.trim()),
            },
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return match rest.split_once(", expected one of ") {
            Some((value, known)) => format!("{value} is not one of {known}"),
            None => match rest.split_once(", expected ") {
                Some((value, known)) => format!("{value} is not allowed here: write {known}"),
                None => format!("{} is not allowed here", rest.trim()),
            },
        };
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some((length, expected)) = rest.split_once(", expected ") {
            return format!(
                "{length} entries where {} are expected",
                expected_words(expected)
            );
        }
    }
    if message.starts_with("data did not match any variant of untagged enum") {
        return "this value has none of the forms allowed here: a text (a string, or a table of languages like { en = \"...\" })".into();
    }
    replace_type_names(&message)
}

/// When a TOML error stands in a number written the local way (`1.234,5`,
/// `628 718`, `297,8`, `1’234`), the message that says how to write it:
/// TOML numbers have a decimal point and no thousands separators, and each
/// edition prints them in its own format. `offset` is the error's byte
/// offset in `text`; the number is the value after the nearest `=` before
/// it on its line. `None` when that value is no such number.
///
/// How the separators are read: with both `.` and `,`, the last one is the
/// decimal separator; a lone `,` or `.` followed by exactly three digits,
/// or several of one kind, groups thousands; another lone `,` is the
/// decimal comma; spaces and apostrophes always group.
pub fn local_number_advice(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let at = offset - line_start;
    let equals = line[..at.min(line.len())].rfind('=')?;
    let after = line[equals + 1..].trim_start();
    let written: String = after
        .chars()
        .take_while(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '.' | ',' | ' ' | '\'' | '’' | '\u{a0}' | '\u{202f}' | '-' | '+'
                )
        })
        .collect();
    let written = written.trim_end_matches([' ', ',']).trim();
    let first = written.chars().next()?;
    if !(first.is_ascii_digit() || ((first == '-' || first == '+') && written.len() > 1)) {
        return None;
    }
    let written_as_toml = written.parse::<f64>().is_ok();
    let rest_of_line = after[written.len()..].trim_start();
    let ends_well = rest_of_line.is_empty()
        || rest_of_line.starts_with(['#', '}', ']'])
        || rest_of_line.starts_with(',');
    if written_as_toml || !ends_well {
        return None;
    }
    let number = read_local_number(written)?;
    Some(format!(
        "`{written}` is a number written the local way: in TOML a number has a decimal point and no thousands separators, so write {number} (without quotes: each edition prints it in its own format, such as 1,234.5 or 1.234,5)"
    ))
}

/// When a TOML error stands in a date written the local way (`15.06.2022`,
/// `15/06/2022`, `6/15/2022`), the message that says how to write it: TOML
/// dates run year-month-day (`2022-06-15`). With dots or dashes the day comes
/// first (as in German, French and most of Europe); with slashes a number
/// above 12 tells the day, and when neither does both readings are shown.
/// `offset` is the error's byte offset in `text`; the date is the value after
/// the nearest `=` before it on its line. Gives the date's own offset (where
/// the error belongs) and the message; `None` when no such date is there.
pub fn local_date_advice(text: &str, offset: usize) -> Option<(usize, String)> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let equals = line[..(offset - line_start).min(line.len())].rfind('=')?;
    let after = line[equals + 1..].trim_start();
    let written: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-'))
        .collect();
    let separator = written.chars().find(|c| !c.is_ascii_digit())?;
    let parts: Vec<&str> = written.split(separator).collect();
    let [first, second, year] = parts[..] else {
        return None;
    };
    let number = |part: &str| {
        (!part.is_empty() && part.len() <= 2)
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (a, b) = (number(first)?, number(second)?);
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) || a == 0 || b == 0 {
        return None;
    }
    let iso = |month: u32, day: u32| format!("{year}-{month:02}-{day:02}");
    let write = match (separator, a, b) {
        (_, a, b) if a > 31 || b > 31 || (a > 12 && b > 12) => return None,
        ('/', a, b) if a <= 12 && b <= 12 && a != b => {
            format!(
                "{} if the day comes first, {} if the month does",
                iso(b, a),
                iso(a, b)
            )
        }
        ('/', a, b) if a <= 12 && b > 12 => iso(a, b),
        (_, a, b) if b <= 12 => iso(b, a),
        _ => return None,
    };
    let at = line_start + equals + 1 + (line[equals + 1..].len() - after.len());
    Some((at, format!(
        "`{written}` is a date written the local way: in TOML a date is written year-month-day, so write {write} (without quotes: each edition prints it in its own format)"
    )))
}

/// When a TOML error stands at a bare date or time (`w5 = 2024-01-01`) in a
/// place that holds no date, the message that says so and how to write it:
/// as text in quotes, or a year as a number. The TOML reader hands a date
/// over as a table with one private key (`$__toml_private_datetime`), so
/// without this the author would read about an unknown key or a table.
/// `offset` is the error's byte offset in `text`, `message` the reader's.
/// `None` when no date stands there or the error is of another kind.
pub fn date_advice(text: &str, offset: usize, message: &str) -> Option<String> {
    if !(message.contains("$__toml_private_datetime") || message.contains("invalid type: map")) {
        return None;
    }
    let at = text.get(offset.min(text.len())..)?;
    let mut end = 0;
    let bytes = at.as_bytes();
    while end < bytes.len() {
        let c = bytes[end];
        let joins_time =
            c == b' ' && end == 10 && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if c.is_ascii_digit() || b"-:.TtZz+".contains(&c) || joins_time {
            end += 1;
        } else {
            break;
        }
    }
    let written = &at[..end];
    let digits = |range: std::ops::Range<usize>| {
        written
            .get(range)
            .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
    };
    let is_date = written.len() >= 10 && digits(0..4) && &written[4..5] == "-" && digits(5..7);
    let is_time = written.len() >= 5 && digits(0..2) && &written[2..3] == ":" && digits(3..5);
    if !(is_date || is_time) {
        return None;
    }
    let year = if is_date && written.len() == 10 {
        format!(", or a year as a number ({})", &written[..4])
    } else {
        String::new()
    };
    Some(format!(
        "`{written}` is a date, and a date is not a value this place holds: write it as text in quotes (\"{written}\"){year}"
    ))
}

/// For a TOML `duplicate key` error at byte `offset` of `text`, where the
/// key (or table header) was first written: the byte range of its first
/// listing, for a "first listed here" label. The TOML reader names only the
/// second place. Looks in the same inline table (`{ value = 1, value = 2 }`),
/// else among the keys of the same `[table]` before it, or for a `[table]`
/// header given twice, at the earlier header. `None` when the first place
/// is not found that way (the error then shows only the second).
pub fn first_listing(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let before = &line[..offset - line_start];
    // A header given twice: `[population]` ... `[population]`.
    if line.trim_start().starts_with('[') {
        let header = without_comment(line).trim();
        let mut start = 0;
        for earlier in text[..line_start].split_inclusive('\n') {
            if without_comment(earlier).trim() == header {
                let indent = earlier.len() - earlier.trim_start().len();
                let brackets = header.len() - header.trim_start_matches('[').len();
                let from = start + indent + brackets;
                return Some(from..from + header.trim_matches(['[', ']']).len());
            }
            start += earlier.len();
        }
        return None;
    }
    let key = key_at(&line[offset - line_start..])?;
    // Inside an inline table: the same key earlier in it.
    if let Some(open) = unclosed_brace(before) {
        let mut at = open + 1;
        for part in before[open + 1..].split_inclusive(',') {
            let written = part.trim_start();
            if key_at(written) == Some(key) {
                let from = line_start + at + (part.len() - written.len());
                return Some(from..from + key.len());
            }
            at += part.len();
        }
        return None;
    }
    // Among the keys of the same table, back to its header.
    let mut first = None;
    let mut start = 0;
    for earlier in text[..line_start].split_inclusive('\n') {
        let written = earlier.trim_start();
        if written.starts_with('[') {
            first = None;
        } else if first.is_none() && key_at(written) == Some(key) {
            let from = start + (earlier.len() - written.len());
            first = Some(from..from + key.len());
        }
        start += earlier.len();
    }
    first
}

/// The key written at the start of `written`, up to its `=` (a dotted key
/// whole), when `written` starts with a key and `=` follows it.
fn key_at(written: &str) -> Option<&str> {
    let equals = written.find('=')?;
    let key = written[..equals].trim_end();
    let bare = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'');
    (!key.is_empty() && key.chars().all(|c| bare(c) || c == ' ')).then_some(key)
}

/// The byte position of the last `{` in `before` that no `}` closes
/// (outside strings in quotes).
fn unclosed_brace(before: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut quote = None;
    for (i, c) in before.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{') => open.push(i),
            (None, '}') => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// A line without its `# comment` (a `#` outside quotes).
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// A number as written with local separators, in TOML's form (`1234.5`).
fn read_local_number(written: &str) -> Option<String> {
    let (sign, digits) = match written.strip_prefix(['-', '+']) {
        Some(rest) if written.starts_with('-') => ("-", rest),
        Some(rest) => ("", rest),
        None => ("", written),
    };
    let grouped: String = digits
        .chars()
        .filter(|c| !matches!(c, ' ' | '\'' | '’' | '\u{a0}' | '\u{202f}'))
        .collect();
    if !grouped
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let last_dot = grouped.rfind('.');
    let last_comma = grouped.rfind(',');
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(at), None) | (None, Some(at)) => {
            let mark = grouped.as_bytes()[at] as char;
            let several = grouped.matches(mark).count() > 1;
            let three_after = grouped.len() - at - 1 == 3;
            if several || three_after {
                None
            } else {
                Some(at)
            }
        }
        (None, None) => None,
    };
    let mut number = String::from(sign);
    for (i, c) in grouped.char_indices() {
        if c.is_ascii_digit() {
            number.push(c);
        } else if Some(i) == decimal {
            number.push('.');
        }
    }
    (!number.trim_start_matches('-').is_empty() && number.parse::<f64>().is_ok()).then_some(number)
}

/// For a number or `true`/`false` written in quotes where the value itself
/// is expected (`page_multiple = "4"`), the message that shows it without
/// them: "expected a whole number such as 4, ...". `None` for any other
/// mistake.
fn quoted_value_advice(found: &str, expected: &str) -> Option<String> {
    let value = found
        .trim()
        .strip_prefix("string ")?
        .trim()
        .strip_prefix('"')?
        .strip_suffix('"')?;
    let value = value.trim();
    let kind = match expected.trim() {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
        | "an integer" => value.parse::<i64>().is_ok().then_some("a whole number")?,
        // `"603.609"` may be 603609 with a thousands separator: not shown.
        "f64" | "f32" | "a float" => (value.parse::<f64>().is_ok()
            && value
                .split_once('.')
                .is_none_or(|(_, after)| after.len() != 3))
        .then_some("a number")?,
        "a boolean" | "bool" => matches!(value, "true" | "false").then_some("true or false")?,
        _ => return None,
    };
    let such_as = if kind == "true or false" {
        String::new()
    } else {
        format!(" such as {value}")
    };
    Some(format!(
        "expected {kind}{such_as}, found the text \"{value}\" in quotes: write {value} without quotes"
    ))
}

/// What was expected, in words: the Rust types serde names become examples.
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "f64" | "f32" | "a float" => "a number like 603609 or 10.1",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
        | "an integer" => "a whole number like 3",
        "a boolean" | "bool" => "true or false",
        "a TOML datetime" | "a datetime" => "a date like 2021-03-01",
        "a string" | "a borrowed string" | "string" => "text in quotes, like \"...\"",
        "a sequence" | "sequence" => "a list in brackets, like [\"...\"]",
        "a map" | "map" => "a table, like { key = \"...\" }",
        "a character" | "char" => "a single character in quotes",
        _ if e.starts_with("struct ") => "a table, like { key = \"...\" }",
        _ if e.starts_with("enum ") => "one of the words allowed here",
        _ if e.starts_with("a sequence of length") || e.starts_with("a tuple") => {
            return e.replace("a sequence", "a list");
        }
        _ => return replace_type_names(e),
    };
    words.to_string()
}

/// What was found, in words: `string "603.609"` -> `the text "603.609"`.
fn found_words(found: &str) -> String {
    let f = found.trim();
    let after = |prefix: &str| f.strip_prefix(prefix).map(|v| v.trim().trim_matches('`'));
    if let Some(v) = after("string ") {
        return format!("the text {v} in quotes");
    }
    if let Some(v) = after("integer ") {
        return format!("the whole number {v}");
    }
    if let Some(v) = after("floating point ") {
        return format!("the number {v}");
    }
    if let Some(v) = after("boolean ") {
        return v.to_string();
    }
    match f {
        "sequence" => "a list".into(),
        "map" => "a table".into(),
        "datetime" | "date" | "local date" | "offset datetime" | "local datetime" => {
            "a date".into()
        }
        "unit value" | "unit" => "nothing".into(),
        _ => replace_type_names(f),
    }
}

/// Replaces any Rust type name left inside a message.
fn replace_type_names(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, words) in [
        ("a TOML datetime", "a date like 2021-03-01"),
        ("f64", "a number"),
        ("f32", "a number"),
        ("u32", "a whole number"),
        ("u64", "a whole number"),
        ("usize", "a whole number"),
        ("i64", "a whole number"),
        ("a map", "a table"),
        ("a sequence", "a list"),
    ] {
        out = out.replace(rust, words);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_written_the_local_way_are_shown_in_toml_form() {
        let advice = |line: &str, at: &str| {
            let text = format!("[population]\n{line}\n");
            let offset = text.find(at).unwrap();
            local_number_advice(&text, offset)
        };
        let says = |advice: Option<String>, number: &str| {
            let advice = advice.expect("advice");
            assert!(advice.contains(&format!("write {number} ")), "{advice}");
        };
        says(advice("total = 1.234,5", ","), "1234.5");
        says(advice("total = 628 718", "628"), "628718");
        says(advice("total = 297,8", ","), "297.8");
        says(advice("total = 1,234", ","), "1234");
        says(advice("total = 1’234’567", "’"), "1234567");
        says(
            advice("share = { value = 41,5, unit = \"percent\" }", ","),
            "41.5",
        );
        says(advice("total = -1.234,5 # comment", ","), "-1234.5");
        // Not a number, or a number TOML reads: no advice.
        assert_eq!(advice("unit = percent", "percent"), None);
        assert_eq!(advice("total = 12 apples", "12"), None);
        assert_eq!(advice("total = 1234.5", "1234"), None);
    }

    #[test]
    fn dates_written_the_local_way_are_shown_year_month_day() {
        let advice = |line: &str| {
            let (at, message) = local_date_advice(line, line.find('=').unwrap() + 4)?;
            assert_eq!(at, 7, "{line}");
            Some(message)
        };
        let says = |line: &str, iso: &str| {
            let advice = advice(line).expect(line);
            assert!(advice.contains(&format!("write {iso}")), "{advice}");
        };
        says("date = 15.06.2022", "2022-06-15");
        says("date = 5.6.2022 # June", "2022-06-05");
        says("date = 15/06/2022", "2022-06-15");
        says("date = 6/15/2022", "2022-06-15");
        says(
            "date = 05/06/2022",
            "2022-06-05 if the day comes first, 2022-05-06",
        );
        assert_eq!(advice("total = 1.234.567"), None);
        assert_eq!(advice("date = 32.01.2022"), None);
    }

    #[test]
    fn a_bare_date_is_named_with_how_to_write_it() {
        let private = "unknown field `$__toml_private_datetime`, expected one of `text`";
        let text = "[population]\nw5 = 2024-01-01\n";
        let advice = date_advice(text, text.find("2024").unwrap(), private).expect("advice");
        assert!(advice.contains("`2024-01-01` is a date"), "{advice}");
        assert!(advice.contains("(\"2024-01-01\")"), "{advice}");
        assert!(advice.contains("(2024)"), "{advice}");
        let text = "city = 2024-01-01T10:00:00\n";
        let advice = date_advice(text, 7, "invalid type: map, expected a string").unwrap();
        assert!(advice.contains("`2024-01-01T10:00:00`"), "{advice}");
        assert!(!advice.contains("a year"), "{advice}");
        // No date there, or an error of another kind: no advice.
        assert_eq!(date_advice("x = { a = 1 }\n", 4, "invalid type: map"), None);
        assert_eq!(date_advice("w5 = 2024-01-01\n", 5, "duplicate key"), None);
    }

    #[test]
    fn the_first_listing_of_a_duplicate_key_is_found() {
        let first = |text: &str, second: &str| {
            let at = text.rfind(second).unwrap();
            first_listing(text, at).map(|r| {
                (
                    text[..r.start].matches('\n').count() + 1,
                    text[r].to_string(),
                )
            })
        };
        let text = "[population]\ntotal = 1\nshare = 2\ntotal = 3\n";
        assert_eq!(first(text, "total"), Some((2, "total".to_string())));
        // The same key in another table is not the first listing.
        let text = "[a]\nshare = 1\n[b]\nx = 1\nshare = 2\nshare = 3\n";
        assert_eq!(first(text, "share"), Some((5, "share".to_string())));
        let text = "x = { value = 1, unit = \"u\", value = 2 }\n";
        let at = text.rfind("value").unwrap();
        assert_eq!(first_listing(text, at), Some(6..11));
        let text = "[population]\nx = 1\n\n[population] # again\n";
        let at = text.rfind("population").unwrap();
        assert_eq!(first_listing(text, at), Some(1..11));
    }

    #[test]
    fn serde_messages_speak_the_authors_words() {
        assert_eq!(
            in_user_words("invalid type: string \"603.609\", expected f64"),
            "expected a number like 603609 or 10.1, found the text \"603.609\" in quotes"
        );
        assert_eq!(
            in_user_words("invalid type: string \"2021\", expected a TOML datetime"),
            "expected a date like 2021-03-01, found the text \"2021\" in quotes"
        );
        assert_eq!(
            in_user_words("invalid type: floating point `1.5`, expected u32"),
            "expected a whole number like 3, found the number 1.5"
        );
        assert_eq!(
            in_user_words("invalid type: integer `3`, expected a string"),
            "expected text in quotes, like \"...\", found the whole number 3"
        );
        assert_eq!(
            in_user_words("invalid type: string \"4\", expected i64"),
            "expected a whole number such as 4, found the text \"4\" in quotes: write 4 without quotes"
        );
        assert_eq!(
            in_user_words("invalid type: string \"four\", expected i64"),
            "expected a whole number like 3, found the text \"four\" in quotes"
        );
        assert_eq!(
            in_user_words("invalid value: integer `-1`, expected u32"),
            "expected a whole number like 3, found the whole number -1"
        );
        assert_eq!(
            in_user_words("invalid type: sequence, expected struct Theme"),
            "expected a table, like { key = \"...\" }, found a list"
        );
        assert_eq!(
            in_user_words("unknown variant `bar`, expected one of `chart`, `photo`, `map`"),
            "`bar` is not one of `chart`, `photo`, `map`"
        );
        assert_eq!(
            in_user_words("unknown field `valeu`, expected one of `text`, `value`"),
            "unknown key `valeu` (the keys here are `text`, `value`)"
        );
        assert_eq!(
            in_user_words("missing field `caption`"),
            "`caption` is missing: add it (`caption = ...`)"
        );
        for message in [
            "invalid type: boolean `true`, expected f64",
            "invalid type: map, expected u32",
            "invalid type: datetime, expected a string",
        ] {
            let words = in_user_words(message);
            for rust in ["f64", "u32", "datetime", "map,"] {
                assert!(!words.contains(rust), "{words}");
            }
        }
    }
}
