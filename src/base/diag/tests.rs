//! Tests of diagnostics and their rendering.

use std::collections::BTreeMap;

use super::*;

/// The texts of the tests' files, as a command's store of sources gives
/// them when a message is printed.
fn files(texts: &[(&str, &str)]) -> impl Fn(&Path) -> Option<String> {
    let texts: BTreeMap<PathBuf, String> = texts
        .iter()
        .map(|(path, text)| (PathBuf::from(path), text.to_string()))
        .collect();
    move |path| texts.get(path).cloned()
}

#[test]
fn positions_count_lines_and_characters() {
    let text = "a = 1\nbé = x\n";
    assert_eq!(
        Position::of_offset(text, 0),
        Position { line: 1, column: 1 }
    );
    let x = text.find('x').unwrap();
    assert_eq!(
        Position::of_offset(text, x),
        Position { line: 2, column: 6 }
    );
}

#[test]
fn render_shows_the_line_with_a_caret() {
    let file = Path::new("p/values.toml");
    let text_of = files(&[("p/values.toml", "[population]\ntotal = \"603609\n")]);
    let d = Diagnostic::error(
        file,
        Some(Position { line: 2, column: 9 }),
        "invalid string",
    );
    let rendered = d.render_with(false, &text_of);
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(lines[0], "error: invalid string", "{rendered}");
    assert_eq!(lines[1], "  --> p/values.toml:2:9");
    assert_eq!(lines[2], "  |");
    assert_eq!(lines[3], "2 | total = \"603609");
    assert_eq!(lines[4], "  |         ^");
}

#[test]
fn a_long_line_is_cut_to_a_window_around_the_caret() {
    let long = format!("{}X{}", "a".repeat(200), "b".repeat(200));
    let text_of = files(&[("values.toml", &long)]);
    let d = Diagnostic::error(
        Path::new("values.toml"),
        Some(Position {
            line: 1,
            column: 201,
        }),
        "here",
    );
    let rendered = d.render_with(false, &text_of);
    let lines: Vec<&str> = rendered.lines().collect();
    assert!(lines[1].ends_with("values.toml:1:201"), "{rendered}");
    let caret = lines[4].find('^').unwrap();
    let shown: Vec<char> = lines[3].chars().collect();
    assert_eq!(shown[caret], 'X', "{rendered}");
    assert!(lines[3].starts_with("1 | …") && lines[3].ends_with('…'));
}

#[test]
fn a_range_is_underlined_to_the_end_of_its_first_line() {
    let text = "[population]\ntotal = { value = 3, text = \"x\" }\n";
    let start = text.find('{').unwrap();
    let end = text.find('}').unwrap() + 1;
    let text_of = files(&[("values.toml", text)]);
    let d = Diagnostic::error_over(Path::new("values.toml"), text, start..end, "one form");
    let rendered = d.render_with(false, &text_of);
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(lines[1], "  --> values.toml:2:9", "{rendered}");
    assert_eq!(lines[3], "2 | total = { value = 3, text = \"x\" }");
    assert_eq!(
        lines[4],
        format!("  |         {}", "^".repeat(end - start)),
        "{rendered}"
    );
    // A range over several lines is underlined on its first.
    let text = "a = [\n  1,\n]\n";
    let d = Diagnostic::error_over(Path::new("a.toml"), text, 4..text.len() - 1, "x");
    let rendered = d.render_with(false, &files(&[("a.toml", text)]));
    assert_eq!(rendered.lines().nth(4), Some("  |     ^"), "{rendered}");
}

#[test]
fn secondary_labels_show_their_own_lines() {
    let text = "[[rows]]\nid = \"total\"\n\n[[rows]]\nid = \"total\"\n";
    let first = text.find("\"total\"").unwrap();
    let second = text.rfind("\"total\"").unwrap();
    let file = Path::new("tables/t.toml");
    let d = Diagnostic::error_over(
        file,
        text,
        second..second + 7,
        "row id `total` is used twice",
    )
    .with_label(Label::at(file, text, first..first + 7, "first used here"));
    let rendered = d.render_with(false, &files(&[("tables/t.toml", text)]));
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(lines[1], "  --> tables/t.toml:5:6", "{rendered}");
    assert!(
        lines.contains(&"2 | id = \"total\"") && lines.contains(&"5 | id = \"total\""),
        "{rendered}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("-------") && l.ends_with("first used here")),
        "{rendered}"
    );
    // One line for a warning, with the label's place.
    let w = Diagnostic {
        severity: Severity::Warning,
        ..d.clone()
    };
    assert_eq!(
        w.render_with(false, &files(&[("tables/t.toml", text)])),
        "warning: tables/t.toml:5:6: row id `total` is used twice (first used here: tables/t.toml:2:6)"
    );
    // A label in a file that cannot be read becomes a note.
    let elsewhere = Label {
        file: PathBuf::from("gone.toml"),
        position: Position { line: 3, column: 1 },
        range: None,
        message: "also here".into(),
    };
    let rendered = d
        .with_label(elsewhere)
        .render_with(false, &files(&[("tables/t.toml", text)]));
    assert!(
        rendered.ends_with("= note: also here: gone.toml:3:1"),
        "{rendered}"
    );
}

#[test]
fn warnings_are_one_line_and_colours_are_optional() {
    let text_of = files(&[("figure.toml", "number = \"figure\"\ncaption = 1\n")]);
    let d = Diagnostic::warning(
        Path::new("figure.toml"),
        Some(Position {
            line: 2,
            column: 11,
        }),
        "to do",
    );
    assert_eq!(
        d.render_with(false, &text_of),
        "warning: figure.toml:2:11: to do"
    );
    let coloured = d.render_with(true, &text_of);
    assert!(coloured.contains("\u{1b}["), "{coloured:?}");
    assert!(!d.render_with(false, &text_of).contains('\u{1b}'));
    // Without a readable file or a position, the message names the file.
    let gone = Diagnostic::error(
        Path::new("gone.toml"),
        Some(Position { line: 3, column: 1 }),
        "bad",
    );
    assert_eq!(
        gone.render_with(false, &text_of),
        "error: gone.toml:3:1: bad"
    );
    assert_eq!(Diagnostic::general("no").render(), "error: no");
    let here = Diagnostic::warning(Path::new("./values.toml"), None, "w");
    assert_eq!(here.render(), "warning: values.toml: w");
}

#[test]
fn shell_words_are_quoted_when_needed() {
    assert_eq!(shell_word(Path::new("/tmp/city")), "/tmp/city");
    assert_eq!(shell_word(Path::new(".")), ".");
    assert_eq!(shell_word(Path::new("/tmp/my city")), "'/tmp/my city'");
    assert_eq!(shell_word(Path::new("it's")), "'it'\\''s'");
}

#[test]
fn display_names_file_line_and_column() {
    let d = Diagnostic::error(
        Path::new("p/tables/t.toml"),
        Some(Position { line: 3, column: 7 }),
        "expected a number",
    );
    assert_eq!(
        d.to_string(),
        "error: p/tables/t.toml:3:7: expected a number"
    );
}

#[test]
fn control_characters_of_a_source_line_and_a_message_are_shown_not_sent_to_the_terminal() {
    let file = Path::new("po/de.po");
    let text_of = files(&[("po/de.po", "msgstr \"\u{1b}[2J\u{1b}]0;HACKED\u{7}\"\n")]);
    let d = Diagnostic::error(
        file,
        Some(Position { line: 1, column: 9 }),
        "a control character (\u{1b}) in a translation",
    );
    let rendered = d.render_with(false, &text_of);
    assert!(
        !rendered.chars().any(|c| c.is_control() && c != '\n'),
        "{rendered:?}"
    );
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(
        lines[0],
        "error: a control character (\u{241b}) in a translation"
    );
    assert_eq!(
        lines[3],
        "1 | msgstr \"\u{241b}[2J\u{241b}]0;HACKED\u{2407}\""
    );
    assert_eq!(lines[4], "  |         ^", "{rendered}");
}
