//! `{{...}}` markers in chapter text: placement markers (`{{table:ID}}`,
//! `{{figure:ID}}`, `{{components}}`, `{{links}}`), data references
//! (`{{group.name}}`), to-do placeholders (`{{todo: ...}}`), and text that
//! looks like a marker whose braces were lost (`{table:x}`, `[[table:x]]`,
//! `{{table:x}`), which would otherwise print on the page.

use std::fmt;

use super::Placement;

/// A `{{...}}` found in text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Marker {
    Place(Placement),
    Value(String),
    /// `{{todo: what to write}}`: a placeholder, marked on the page.
    Todo(String),
    /// `{{untranslated: en}}`: the passage after it is printed in another
    /// language than the edition's (a segment whose translation is not
    /// finished); marked on the page with that language's code.
    Untranslated(String),
    /// Neither of the above: why it is not a marker.
    Invalid(MarkerError),
}

/// A `{{...}}` that cannot stand where it was written; each variant keeps
/// the marker's inside (`marker`, trimmed) or its text, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkerError {
    /// `{{kind:...}}` with a kind that is not `table`, `figure`, `todo` or
    /// `untranslated` (with a language code).
    UnknownKind { marker: String, kind: String },
    /// Neither a placement marker nor a data reference (`{{Total}}`).
    NotAMarker { marker: String },
    /// A placement marker in a text of the data (a caption, a cell).
    PlacementInData,
    /// `{{todo: ...}}` in a text of the data; `what` is its text.
    TodoInData { what: String },
    /// `{{untranslated: ...}}` in a text of the data.
    UntranslatedInData,
}

impl fmt::Display for MarkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarkerError::UnknownKind { marker, kind } => write!(
                f,
                "`{{{{{marker}}}}}` is not a placement marker: `{kind}:` should be `table:`, `figure:`, `todo:` or `untranslated:` (with a language code)"
            ),
            MarkerError::NotAMarker { marker } => write!(
                f,
                "`{{{{{marker}}}}}` is neither a placement marker ({{{{table:ID}}}}, {{{{figure:ID}}}}, {{{{components}}}}, {{{{links}}}}) nor a data reference like {{{{population.total}}}}"
            ),
            MarkerError::PlacementInData => f.write_str(
                "a placement marker ({{table:...}}, {{figure:...}}) belongs in a chapter's text, in its own paragraph, not in the data",
            ),
            MarkerError::TodoInData { what } => write!(
                f,
                "`{{{{todo: {what}}}}}` belongs in a chapter's text; in the data write a text starting \"TODO:\""
            ),
            MarkerError::UntranslatedInData => f.write_str(
                "`{{untranslated: ...}}` marks a passage of a chapter's text; a text of the data falls back to the source language by itself",
            ),
        }
    }
}

impl std::error::Error for MarkerError {}

/// Parses the inside of a `{{...}}`.
pub(crate) fn parse_marker(inner: &str) -> Marker {
    let inner = inner.trim();
    if let Some((kind, id)) = inner.split_once(':') {
        let id = id.trim().to_string();
        return match kind.trim() {
            "todo" | "TODO" => Marker::Todo(id),
            "untranslated" if crate::base::lang::is_language_code(&id) => Marker::Untranslated(id),
            "table" => Marker::Place(Placement::Table(id)),
            "figure" => Marker::Place(Placement::Figure(id)),
            other => Marker::Invalid(MarkerError::UnknownKind {
                marker: inner.to_string(),
                kind: other.to_string(),
            }),
        };
    }
    match inner {
        "components" => Marker::Place(Placement::Components),
        "links" => Marker::Place(Placement::Links),
        path if is_data_path(path) => Marker::Value(path.to_string()),
        _ => Marker::Invalid(MarkerError::NotAMarker {
            marker: inner.to_string(),
        }),
    }
}

fn is_data_path(path: &str) -> bool {
    !path.is_empty()
        && path.contains('.')
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The `{{...}}` markers of a text printed from the data (a caption, a
/// cell): each with its byte offset and either the path of a data reference
/// (`population.total`) or why it cannot stand there.
pub fn data_references(text: &str) -> Vec<(usize, Result<String, MarkerError>)> {
    split_markers(text)
        .into_iter()
        .filter_map(|(at, piece)| match piece {
            Ok(_) => None,
            Err(Marker::Value(path)) => Some((at, Ok(path))),
            Err(Marker::Place(_)) => Some((at, Err(MarkerError::PlacementInData))),
            Err(Marker::Todo(what)) => Some((at, Err(MarkerError::TodoInData { what }))),
            Err(Marker::Untranslated(_)) => Some((at, Err(MarkerError::UntranslatedInData))),
            Err(Marker::Invalid(message)) => Some((at, Err(message))),
        })
        .collect()
}

/// Replaces the data references of a text by what `value` gives for each
/// path (markers that are not references are left out).
pub fn replace_references(text: &str, mut value: impl FnMut(&str) -> String) -> String {
    let mut out = String::new();
    for (_, piece) in split_markers(text) {
        match piece {
            Ok(literal) => out.push_str(literal),
            Err(Marker::Value(path)) => out.push_str(&value(&path)),
            Err(_) => {}
        }
    }
    out
}

/// Splits text into literal pieces and markers, with the byte offset of each.
pub(crate) fn split_markers(text: &str) -> Vec<(usize, Result<&str, Marker>)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let inner = &rest[start + 2..start + 2 + len];
        if inner.contains("{{") {
            // `{{table:x} ... {{y.z}}`: the first marker lost a brace; the
            // text up to the next `{{` is literal (and reported as such).
            let next = start + 2 + inner.find("{{").unwrap_or(0);
            out.push((offset, Ok(&rest[..next])));
            rest = &rest[next..];
            offset += next;
            continue;
        }
        if start > 0 {
            out.push((offset, Ok(&rest[..start])));
        }
        out.push((offset + start, Err(parse_marker(inner))));
        let consumed = start + 2 + len + 2;
        rest = &rest[consumed..];
        offset += consumed;
    }
    if !rest.is_empty() {
        out.push((offset, Ok(rest)));
    }
    out
}

const MARKER_WORDS: &[&str] = &["table", "figure", "todo", "components", "links"];

/// Text that looks like a marker but is not one (a brace lost, or other
/// brackets): the byte offset in `literal` of each, and what to write
/// instead.
pub(crate) fn marker_like(literal: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (at, _) in literal.match_indices("{{") {
        if at > 0 && literal[..at].ends_with('{') {
            continue;
        }
        found.push((
            at,
            "`{{` opens a marker that is never closed: end it with `}}` (as in {{table:ID}}), or remove the braces".to_string(),
        ));
    }
    for (at, _) in literal.match_indices("}}") {
        if at > 0 && literal[..at].ends_with('}') {
            continue;
        }
        let opened = literal[..at].contains('{');
        if !opened {
            found.push((
                at,
                "`}}` closes a marker that was never opened: start it with `{{` (as in {{table:ID}}), or remove the braces".to_string(),
            ));
        }
    }
    let lower = literal.to_ascii_lowercase();
    for (at, bracket) in lower.match_indices(['{', '[']) {
        let before = lower[..at].chars().next_back();
        if before == Some('{') || before == Some('[') || lower[at..].starts_with("{{") {
            continue;
        }
        let rest = &lower[at..];
        let inner = rest.trim_start_matches(['{', '[']);
        let word: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .collect();
        let after = &inner[word.len()..];
        let keyword = MARKER_WORDS.contains(&word.as_str())
            && (after.starts_with(':') || (bracket == "{" && after.starts_with('}')));
        let data_path = bracket == "{" && is_data_path(&word) && after.starts_with('}');
        if keyword || data_path {
            let end = rest.find(['}', ']']).map_or(rest.len(), |e| {
                e + rest[e..]
                    .chars()
                    .take_while(|c| matches!(c, '}' | ']'))
                    .count()
            });
            let written = &literal[at..at + end];
            let inside = written.trim_matches(['{', '}', '[', ']']).trim();
            found.push((
                at,
                format!("`{written}` looks like a marker with the wrong brackets: write `{{{{{inside}}}}}`"),
            ));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

/// A `TODO` written as a word in the prose (`TODO: add the 2020 figures`):
/// a placeholder that was not written as a `{{todo: ...}}` marker. Its byte
/// offset in `literal`.
pub(crate) fn todo_word(literal: &str) -> Option<usize> {
    literal.match_indices("TODO").map(|(at, _)| at).find(|&at| {
        let before = literal[..at].chars().next_back();
        let after = literal[at + 4..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_split_out_of_text() {
        let parts = split_markers("a {{x.y}} b {{table:t}}");
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[1], (2, Err(Marker::Value("x.y".into()))));
        assert_eq!(
            parts[3],
            (12, Err(Marker::Place(Placement::Table("t".into()))))
        );
    }

    #[test]
    fn marker_like_text_is_found() {
        for (text, at) in [
            ("see {{table:x} here", 4),
            ("see {table:x} here", 4),
            ("see [[table:x]] here", 4),
            ("see {figure:f}", 4),
            ("the {population.total} value", 4),
            ("a stray }} here", 8),
            ("{{todo: write", 0),
        ] {
            let found = marker_like(text);
            assert_eq!(
                found.iter().map(|f| f.0).collect::<Vec<_>>(),
                vec![at],
                "{text}: {found:?}"
            );
        }
        assert_eq!(
            marker_like("see [[table:x]] here")[0].1,
            "`[[table:x]]` looks like a marker with the wrong brackets: write `{{table:x}}`"
        );
        for fine in ["a {set} of [items]", "f(x) = {1, 2}", "[table] of x", "{x}"] {
            assert!(marker_like(fine).is_empty(), "{fine}");
        }
    }

    #[test]
    fn todo_words_are_found() {
        assert_eq!(todo_word("Text. TODO: add figures"), Some(6));
        assert_eq!(todo_word("(TODO)"), Some(1));
        assert_eq!(todo_word("TODOS and MASTODON"), None);
    }

    #[test]
    fn a_marker_missing_a_brace_does_not_swallow_the_next() {
        let parts = split_markers("{{table:x} and {{a.b}}");
        assert_eq!(parts[0], (0, Ok("{{table:x} and ")));
        assert_eq!(parts[1], (15, Err(Marker::Value("a.b".into()))));
    }
}
