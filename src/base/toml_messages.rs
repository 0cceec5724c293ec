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
