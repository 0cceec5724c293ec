//! Text direction in right-to-left editions: which texts are Latin, and the
//! Unicode directional isolates that keep Latin names, references and
//! neutral texts in their own left-to-right order inside Arabic text.

/// Unicode "first strong isolate" and "pop directional isolate".
const ISOLATE_START: char = '\u{2068}';
const ISOLATE_END: char = '\u{2069}';

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x0590
}

/// Whether a text is written in a left-to-right script only (a Latin
/// bibliographic entry): such a paragraph keeps its direction inside a
/// right-to-left edition. A sentence with any right-to-left letter (an
/// Arabic sentence that starts with `BAMF`) stays right to left.
pub fn is_latin_script_only(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(is_latin_letter)
}

/// Characters a Latin name or reference is made of, besides its letters:
/// `§ 25 Abs. 1 AufenthG`, `COVID-19`, `BAMF 2014`, `Brücker et al.`.
fn continues_latin_run(c: char) -> bool {
    is_latin_letter(c)
        || c.is_ascii_digit()
        || matches!(
            c,
            ' ' | '.' | ',' | '-' | '–' | '/' | '&' | '\'' | '’' | '§' | '+' | ':'
        )
}

/// In right-to-left text, wraps each run of Latin words (with the numbers,
/// spaces and punctuation inside it) in a directional isolate, so that
/// `(§ 75 AufenthG)` inside an Arabic sentence reads `§ 75 AufenthG`, not
/// `AufenthG 75 §`. Trailing spaces and punctuation stay outside the island.
pub fn isolate_latin_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let starts_run = is_latin_letter(chars[i])
            || (chars[i] == '§'
                && chars
                    .get(i + 1)
                    .is_some_and(|c| *c == ' ' || c.is_ascii_digit()));
        if !starts_run {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && continues_latin_run(chars[end]) {
            end += 1;
        }
        // Give back what only separates the run from what follows.
        while end > i + 1 && matches!(chars[end - 1], ' ' | '.' | ',' | ':' | '-' | '–' | '/') {
            end -= 1;
        }
        let run: String = chars[i..end].iter().collect();
        if run.chars().count() > 1 || chars[i] == '§' {
            out.push(ISOLATE_START);
            out.push_str(&run);
            out.push(ISOLATE_END);
        } else {
            out.push_str(&run);
        }
        i = end;
    }
    out
}

/// Wraps a text that is printed the same in every edition (a name, a German
/// term, a legal paragraph) in a directional isolate, so that in a
/// right-to-left edition `§ 25 Abs. 1 AufenthG` keeps its own left-to-right
/// order instead of being reordered with the Arabic around it.
pub fn isolate_direction(text: &str) -> String {
    if !text.chars().any(is_latin_letter) {
        return text.to_string();
    }
    format!("{ISOLATE_START}{text}{ISOLATE_END}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_runs_in_right_to_left_text_become_islands() {
        let isolated = isolate_latin_runs(
            "وفقاً للمادة (§ 75 AufenthG). وقدم BAMF 2014 تقريراً، COVID-19 و EU.",
        );
        assert_eq!(
            isolated,
            "وفقاً للمادة (\u{2068}§ 75 AufenthG\u{2069}). وقدم \u{2068}BAMF 2014\u{2069} تقريراً، \u{2068}COVID-19\u{2069} و \u{2068}EU\u{2069}."
        );
        assert!(is_latin_script_only(
            "Stadt Dortmund (2019): Statistikatlas"
        ));
        assert!(is_latin_script_only("(2019) Brücker"));
        assert!(!is_latin_script_only("(2019) وفقاً BAMF"));
        assert!(!is_latin_script_only("BAMF - المكتب الاتحادي للهجرة"));
        assert!(!is_latin_script_only("2019"));
        // Arabic text and numbers alone are left as they are.
        assert_eq!(
            isolate_latin_runs("أكثر من 430,000 شخص"),
            "أكثر من 430,000 شخص"
        );
    }

    #[test]
    fn neutral_texts_with_latin_letters_are_isolated() {
        assert_eq!(
            isolate_direction("§ 25 AufenthG"),
            "\u{2068}§ 25 AufenthG\u{2069}"
        );
        assert_eq!(isolate_direction("2019"), "2019");
        assert_eq!(isolate_direction(""), "");
    }
}
