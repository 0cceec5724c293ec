//! One error of the TOML reader as the author reads it, for every TOML text
//! the program reads (profile files, layout strings, PO segment strings, a
//! chapter's front matter): a key given twice at both places, a string left
//! open where it starts, a date or number written the local way with its
//! TOML form, a bare date where none goes, anything else in the author's
//! words ([`super::toml_messages`], [`super::toml_strings`]).

use std::path::Path;

use super::diag::{Diagnostic, Label};
use super::toml_messages as messages;
use super::toml_strings::unclosed_string;

/// The error `err` of reading the TOML text that starts at byte `start` of
/// `text` (the whole file, 0 for a TOML file) in `path`, placed where the
/// author fixes it.
pub fn toml_error(path: &Path, text: &str, start: usize, err: &toml::de::Error) -> Diagnostic {
    let toml = &text[start..];
    let offset = err.span().map_or(0, |s| s.start).min(toml.len());
    let at = |offset: usize| start + offset;
    if err.message().trim() == "duplicate key" {
        let key = toml[offset..].split(['=', ']', '\n']).next().unwrap_or("");
        let key = key.trim().trim_start_matches('[');
        let error = Diagnostic::error_at(path, text, at(offset), format!("`{key}` is given twice"));
        return match messages::first_listing(toml, offset) {
            Some(first) => error.with_label(Label::at(
                path,
                text,
                at(first.start)..at(first.end),
                "first listed here",
            )),
            None => error,
        };
    }
    if let Some((open, message)) = unclosed_string(toml, offset) {
        return Diagnostic::error_at(path, text, at(open), message);
    }
    if let Some((value, message)) = messages::local_date_advice(toml, offset) {
        return Diagnostic::error_at(path, text, at(value), message);
    }
    let message = messages::local_number_advice(toml, offset)
        .or_else(|| messages::date_advice(toml, offset, err.message()))
        .unwrap_or_else(|| messages::in_user_words(err.message()));
    Diagnostic::error_at(path, text, at(offset), message)
}
