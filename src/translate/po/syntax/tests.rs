//! The PO syntax check: what it refuses, where, and that `rspolib` reads
//! whatever it accepts without panicking.

use super::*;
use proptest::prelude::*;

fn problem(text: &str) -> (usize, usize, String) {
    let d = check(Path::new("de.po"), text).unwrap_err();
    let p = d.position.expect("a position");
    (p.line, p.column, d.message)
}

const HEADER: &str = "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n\n";

#[test]
fn a_file_that_is_only_a_msgstr_is_refused_at_its_line() {
    let (line, column, message) = problem("msgstr \"x\"\n");
    assert_eq!((line, column), (1, 1));
    assert!(message.contains("expected `msgid"), "{message}");
}

#[test]
fn a_lone_quote_is_an_unclosed_string_at_its_column() {
    let (line, column, message) = problem(&format!("{HEADER}msgid \"a\"\nmsgstr \"b\"\n\""));
    assert_eq!(line, 7);
    assert_eq!(column, 2, "{message}");
    assert!(message.contains("not closed"), "{message}");
}

#[test]
fn a_msgid_without_quotes_is_refused_at_its_text() {
    let (line, column, message) = problem(&format!("{HEADER}msgid é\"\nmsgstr \"b\"\n"));
    assert_eq!((line, column), (5, 7), "{message}");
    assert!(message.contains("double quotes"), "{message}");
}

#[test]
fn an_entry_without_msgstr_names_its_msgid_line() {
    let (line, _, message) = problem(&format!(
        "{HEADER}msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n"
    ));
    assert_eq!(line, 7);
    assert!(message.contains("after the `msgid` of line 5"), "{message}");
    let (line, _, message) = problem(&format!("{HEADER}msgctxt \"c\"\nmsgid \"a\"\n"));
    assert_eq!(line, 6, "the end of the file");
    assert!(message.contains("the end of the file"), "{message}");
}

#[test]
fn an_unknown_escape_is_refused_at_its_backslash() {
    let (line, column, message) = problem(&format!("{HEADER}msgid \"a\\qb\"\nmsgstr \"\"\n"));
    assert_eq!((line, column), (5, 9), "{message}");
    assert!(message.contains("`\\q`"), "{message}");
}

#[test]
fn plural_forms_are_refused() {
    let (line, _, message) = problem(&format!(
        "{HEADER}msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\n"
    ));
    assert_eq!(line, 6);
    assert!(message.contains("plural"), "{message}");
}

#[test]
fn a_written_catalog_passes_with_its_messages_and_language_line() {
    let text = format!(
        "# a comment\n{HEADER}#. note\n#: text/en/a.md:3\n#, fuzzy\n#| msgid \"old\"\n#| \"er\"\nmsgctxt \"a paragraph\"\nmsgid \"\"\n\"two \\\"lines\\\"\\n\"\n\"here\"\nmsgstr \"x\"\n\n#~ msgid \"gone\"\n#~ msgstr \"weg\"\n"
    );
    let syntax = check(Path::new("de.po"), &text).unwrap();
    assert_eq!(syntax.language_line, Some(4));
    assert_eq!(syntax.header_line, Some(2));
    assert_eq!(
        syntax.messages,
        vec![
            Message {
                context: None,
                id: String::new(),
                line: 2
            },
            Message {
                context: Some("a paragraph".into()),
                id: "two \"lines\"\nhere".into(),
                line: 11,
            },
        ]
    );
}

/// Lines a PO file may hold, whole entries (so that many files pass the
/// check and reach `rspolib`), and lines that are not PO.
const LINES: &[&str] = &[
    "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"",
    "msgctxt \"c\"\nmsgid \"a\"\nmsgstr \"b\"",
    "msgid \"a\"\nmsgstr \"\"",
    "#, fuzzy\n#| msgid \"p\"\nmsgid \"a\"\nmsgstr \"é\"",
    "#~ msgid \"o\"\n#~ msgstr \"p\"",
    "",
    "msgid \"a\"",
    "msgid \"\"",
    "msgstr \"b\"",
    "msgstr \"\"",
    "msgctxt \"c\"",
    "\"d\"",
    "\"",
    "\"\"",
    "\"Language: de\\n\"",
    "#",
    "# x",
    "#, fuzzy",
    "#,",
    "#| msgid \"p\"",
    "#| \"q\"",
    "#|  msgid \"p\"",
    "#| msgctxt \"p\"",
    "#~ msgid \"o\"",
    "#~ msgstr \"o\"",
    "#~ \"o\"",
    "#~",
    "#~| msgid \"o\"",
    "#: f:1",
    "#.",
    "#. n",
    "msgid é\"",
    "msgstr[0] \"x\"",
    "msgid_plural \"x\"",
    "msgid \"\\\\\"",
    "msgid \"a\\q\"",
    "msgstr \"\\\"\"",
    "msgid",
    "#x",
    "msgid \"a\" \"b\"",
    "  msgstr \"é\"  ",
    "msgstr \"\\",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Whatever the check accepts, `rspolib` reads without panicking.
    #[test]
    fn rspolib_reads_every_file_the_check_accepts(
        picks in proptest::collection::vec(0..LINES.len(), 0..12)
    ) {
        let text: String = picks.iter().map(|&i| format!("{}\n", LINES[i])).collect();
        if check(Path::new("x.po"), &text).is_ok() {
            let read = std::panic::catch_unwind(|| {
                rspolib::pofile((text.as_str(), 79)).map(|_| ())
            });
            prop_assert!(read.is_ok(), "rspolib panicked on:\n{}", text);
        }
    }
}

#[test]
fn a_control_character_is_refused_at_its_column_raw_or_escaped() {
    for (written, says) in [
        ("\\b", "`\\b` writes a control character"),
        ("\\v", "`\\v` writes a control character"),
        ("\\0", "`\\0` writes a control character"),
        ("\\x01", "`\\x01` writes a control character"),
        ("\u{0}", "the control character U+0000"),
        ("\u{1b}", "the control character U+001B"),
    ] {
        let (line, column, message) =
            problem(&format!("{HEADER}msgid \"a\"\nmsgstr \"ab{written}c\"\n"));
        assert_eq!((line, column), (6, 11), "{written:?}: {message}");
        assert!(message.contains(says), "{written:?}: {message}");
    }
    // A tab is text.
    assert!(check(
        Path::new("de.po"),
        &format!("{HEADER}msgid \"a\"\nmsgstr \"a\\tb\"\n")
    )
    .is_ok());
}
