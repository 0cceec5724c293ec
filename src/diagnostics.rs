//! Problems found in a profile: errors and warnings that name the file, line
//! and column where a person fixes them, and their rendering for the terminal.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a file, 1-based, as editors show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The line and column of a byte offset in `text`; columns count characters.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let mut offset = offset;
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

/// One problem, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: Option<PathBuf>,
    pub position: Option<Position>,
    pub message: String,
}

impl Diagnostic {
    /// An error at a file and position.
    pub fn error(file: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: Some(file.to_path_buf()),
            position,
            message: message.into(),
        }
    }

    /// A warning at a file and position.
    pub fn warning(file: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            file: Some(file.to_path_buf()),
            position,
            message: message.into(),
        }
    }

    /// An error that belongs to no file (a command-line or output problem).
    pub fn general(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            position: None,
            message: message.into(),
        }
    }

    /// An error at a byte offset of a file whose text is known.
    pub fn error_at(file: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        Self::error(file, Some(Position::of_offset(text, offset)), message)
    }

    /// A warning at a byte offset of a file whose text is known.
    pub fn warning_at(file: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        Self::warning(file, Some(Position::of_offset(text, offset)), message)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic followed, when its file can be read, by the source
    /// line and a caret under the column, as rustc and Typst print them:
    ///
    /// ```text
    /// error: data/dortmund/values.toml:6:14: invalid string
    ///   |
    /// 6 | total_2019 = "603609
    ///   |              ^
    /// ```
    pub fn render(&self) -> String {
        let mut out = self.to_string();
        if let Some(snippet) = self.snippet() {
            out.push('\n');
            out.push_str(&snippet);
        }
        out
    }

    fn snippet(&self) -> Option<String> {
        let (file, position) = (self.file.as_ref()?, self.position?);
        let text = std::fs::read_to_string(file).ok()?;
        let line = text.lines().nth(position.line.checked_sub(1)?)?;
        let chars: Vec<char> = line.chars().collect();
        let column = (position.column - 1).min(chars.len());
        // Long lines (a Markdown paragraph) are cut to a window around the column.
        let start = column.saturating_sub(SNIPPET_CONTEXT);
        let end = (column + SNIPPET_CONTEXT).min(chars.len());
        let mut shown: String = chars[start..end].iter().collect();
        let mut caret_at = column - start;
        if start > 0 {
            shown.insert(0, '…');
            caret_at += 1;
        }
        if end < chars.len() {
            shown.push('…');
        }
        let shown = shown.replace('\t', " ");
        let number = position.line.to_string();
        let gutter = " ".repeat(number.len());
        Some(format!(
            "{gutter} |\n{number} | {shown}\n{gutter} | {}^",
            " ".repeat(caret_at)
        ))
    }
}

/// How many characters a snippet shows on each side of the column.
const SNIPPET_CONTEXT: usize = 60;

impl fmt::Display for Diagnostic {
    /// `error: path/file.toml:3:7: message`, the form editors and CI logs link.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: ")?;
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(p) = self.position {
                write!(f, ":{}:{}", p.line, p.column)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Problems collected while loading and validating: every one is reported,
/// not just the first.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        if !self.items.contains(&diagnostic) {
            self.items.push(diagnostic);
        }
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        for d in other {
            self.push(d);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Sorted by file, then position, errors before warnings at one place.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| {
            (&a.file, a.position, a.severity).cmp(&(&b.file, b.position, b.severity))
        });
        items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let dir = std::env::temp_dir().join(format!("cityprofile-snippet-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("values.toml");
        std::fs::write(&file, "[population]\ntotal = \"603609\n").unwrap();
        let d = Diagnostic::error(
            &file,
            Some(Position { line: 2, column: 9 }),
            "invalid string",
        );
        let rendered = d.render();
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(lines[1], "  |");
        assert_eq!(lines[2], "2 | total = \"603609");
        assert_eq!(lines[3], "  |         ^");
        let long = format!("{}X{}", "a".repeat(200), "b".repeat(200));
        std::fs::write(&file, &long).unwrap();
        let d = Diagnostic::error(
            &file,
            Some(Position {
                line: 1,
                column: 201,
            }),
            "here",
        );
        let rendered = d.render();
        let lines: Vec<&str> = rendered.lines().collect();
        let caret = lines[3].find('^').unwrap();
        assert_eq!(lines[2].chars().nth(caret), Some('X'), "{rendered}");
        assert!(lines[2].starts_with("1 | …") && lines[2].ends_with('…'));
        std::fs::remove_dir_all(&dir).unwrap();
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
}
