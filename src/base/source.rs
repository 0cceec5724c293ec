//! A file of the profile held in memory with its text, so that a byte
//! offset into it becomes a line and column in a diagnostic.

use std::path::PathBuf;

use super::diag::{Diagnostic, Position};

/// A file of the profile, kept with its text so that spans become lines.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn position(&self, offset: usize) -> Position {
        Position::of_offset(&self.text, offset)
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error_at(&self.path, &self.text, offset, message)
    }

    pub fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning_at(&self.path, &self.text, offset, message)
    }

    /// What the final print run (`--strict`) refuses and other builds
    /// report: with `strict` an error that says so, else a warning.
    pub fn print_run_gap(&self, strict: bool, offset: usize, message: String) -> Diagnostic {
        if strict {
            self.error(offset, format!("{message} (--strict refuses it)"))
        } else {
            self.warning(offset, message)
        }
    }
}
