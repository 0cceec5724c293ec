//! Why an import cannot place a catalog entry (`EntryError`) or write a
//! translation into a TOML file (`TomlEditError`); each prints the words
//! the translator or publisher reads, the caller adds the file and line.

use std::fmt;
use std::ops::Range;

/// A catalog entry that names no text of the profile (see
/// `import::resolve`); `context` is the entry's `msgctxt` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryError {
    /// The entry's chapter or data file (`group`) is not in the profile.
    NoGroup { group: String },
    /// No text of the group has the entry's identity and source: the
    /// source changed since the export, or the text is gone.
    SourceChanged { context: String },
    /// A positional context (`group#place`, from catalogs made before texts
    /// had identities) whose source the group now holds `count` times
    /// elsewhere.
    AmbiguousPlace {
        context: String,
        group: String,
        count: usize,
    },
}

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryError::NoGroup { group } => write!(
                f,
                "`{group}` is no longer a chapter or data file of this profile: export the catalog again"
            ),
            EntryError::SourceChanged { context } => write!(
                f,
                "the source text of `{context}` changed since this catalog was exported, or the text is gone: export it again (`cityprofile translate export`) and carry the translation over"
            ),
            EntryError::AmbiguousPlace {
                context,
                group,
                count,
            } => write!(
                f,
                "this catalog names its texts by their place (`{context}`), as catalogs made before texts were known by what they are did, and `{group}` now holds this text {count} times elsewhere: export the catalog again (`cityprofile translate export`) and carry the translation over"
            ),
        }
    }
}

impl std::error::Error for EntryError {}

/// A translation that cannot be set in a TOML file's text (see
/// `write::set_texts`).
#[derive(Debug, Clone)]
pub enum TomlEditError {
    /// The file no longer parses as TOML.
    Syntax(toml_edit::TomlError),
    /// No text starts at the byte range the profile read it from: the file
    /// changed since it was read.
    NoText { bytes: Range<usize> },
}

impl fmt::Display for TomlEditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TomlEditError::Syntax(e) => f.write_str(e.message()),
            TomlEditError::NoText { bytes } => write!(
                f,
                "no text at bytes {}..{} of this file: was it changed since the profile was read?",
                bytes.start, bytes.end
            ),
        }
    }
}

impl std::error::Error for TomlEditError {}
