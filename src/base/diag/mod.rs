//! Problems found in a profile: errors and warnings that name the file, line
//! and column where a person fixes them (and the byte range they cover, and
//! other places that belong to them), and their rendering for the terminal
//! ([`render`]).

mod render;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a file, 1-based, as editors show it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
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
    /// The bytes of the file's text the problem covers, when known (the
    /// caret runs under them, on their first line); `position` is where
    /// they start.
    pub range: Option<Box<Range<usize>>>,
    pub message: String,
    /// Advice, the other places the problem was met, and other places that
    /// belong to it, printed with and under the source line.
    pub notes: Vec<Note>,
    /// For a gap that the final print run (`--strict`) refuses and any
    /// other build only reports as a warning (a to-do, a missing
    /// translation): the error message `--strict` gives instead
    /// ([`Diagnostics::refuse_print_run_gaps`]).
    pub print_run: Option<Box<String>>,
}

/// Another place of a problem, shown with its own source line: `first
/// listed here`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: PathBuf,
    pub position: Position,
    /// The bytes of the file's text the label covers, when known.
    pub range: Option<Range<usize>>,
    pub message: String,
}

impl Label {
    /// A label over `range` of `text`, the text of `file`.
    pub fn at(file: &Path, text: &str, range: Range<usize>, message: impl Into<String>) -> Label {
        Label {
            file: file.to_path_buf(),
            position: Position::of_offset(text, range.start),
            range: Some(range),
            message: message.into(),
        }
    }

    /// `message: file:line:column`, for a one-line diagnostic.
    fn located(&self) -> String {
        format!(
            "{}: {}:{}:{}",
            self.message,
            shown_path(&self.file).display(),
            self.position.line,
            self.position.column
        )
    }
}

/// A line printed under a problem's source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Advice on how to fix it: `= hint: …` (and ` (hint: …)` after a
    /// one-line message).
    Hint(String),
    /// Another place the problem was met: `= note: …` (for Typst's errors:
    /// the calls of the template it occurred in, with their places).
    Trace(String),
    /// Another place that belongs to the problem (where a name was first
    /// given), shown with its own source line and a word of its own.
    Label(Label),
}

impl Diagnostic {
    /// An error at a file and position.
    pub fn error(file: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: Some(file.to_path_buf()),
            position,
            range: None,
            message: message.into(),
            notes: Vec::new(),
            print_run: None,
        }
    }

    /// A warning at a file and position.
    pub fn warning(file: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            file: Some(file.to_path_buf()),
            position,
            range: None,
            message: message.into(),
            notes: Vec::new(),
            print_run: None,
        }
    }

    /// A gap the final print run refuses: a warning with `message`, which
    /// `--strict` turns into an error with `strict_message`
    /// ([`Diagnostics::refuse_print_run_gaps`]).
    pub fn print_run_gap(
        file: &Path,
        position: Option<Position>,
        message: impl Into<String>,
        strict_message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            print_run: Some(Box::new(strict_message.into())),
            ..Diagnostic::warning(file, position, message)
        }
    }

    /// An error that belongs to no file (a command-line or output problem).
    pub fn general(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            position: None,
            range: None,
            message: message.into(),
            notes: Vec::new(),
            print_run: None,
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

    /// An error over the bytes `range` of `text`, the text of `file`.
    pub fn error_over(
        file: &Path,
        text: &str,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            range: Some(Box::new(range.clone())),
            ..Self::error_at(file, text, range.start, message)
        }
    }

    /// The same problem with another place that belongs to it.
    pub fn with_label(mut self, label: Label) -> Self {
        self.notes.push(Note::Label(label));
        self
    }

    /// The other places that belong to the problem ([`Note::Label`]).
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        self.notes.iter().filter_map(|note| match note {
            Note::Label(label) => Some(label),
            _ => None,
        })
    }

    /// The same problem with a piece of advice added.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.notes.push(Note::Hint(hint.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic as printed on a terminal, without colours; see
    /// [`Diagnostic::render_styled`].
    pub fn render(&self) -> String {
        self.render_styled(false)
    }

    /// The diagnostic as rustc and Typst print it, rendered by
    /// `codespan-reporting`, with ANSI colours when `color` is true.
    ///
    /// An error shows its source line with a caret under the column:
    ///
    /// ```text
    /// error: invalid string
    ///   --> data/dortmund/values.toml:6:14
    ///   |
    /// 6 | total_2019 = "603609
    ///   |              ^
    /// ```
    ///
    /// A warning is one line (to-do lists can be long), in the form editors
    /// and CI logs link: `warning: data/dortmund/figures/x.toml:2:10:
    /// message`; so is an error whose file cannot be read.
    pub fn render_styled(&self, color: bool) -> String {
        self.render_with(color, &|_| None)
    }

    /// [`Diagnostic::render_styled`], with the source line taken from
    /// `text_of` (the text of a file of the profile as the command read it:
    /// its store of sources), or from the program for the built-in
    /// template; the disk is never read again to print a message.
    pub fn render_with(&self, color: bool, text_of: &dyn Fn(&Path) -> Option<String>) -> String {
        render::render(self, color, text_of)
    }

    /// The message with its hints, on one line.
    fn message_with_hints(&self) -> String {
        let mut message = self.message.clone();
        for label in self.labels() {
            message.push_str(&format!(" ({})", label.located()));
        }
        for note in &self.notes {
            if let Note::Hint(hint) = note {
                message.push_str(&format!(" (hint: {hint})"));
            }
        }
        message
    }

    /// The message, after the file and position when there is no source
    /// line to show them with.
    fn located_message(&self) -> String {
        let message = self.message_with_hints();
        match (&self.file, self.position) {
            (Some(file), Some(p)) => {
                format!(
                    "{}:{}:{}: {message}",
                    shown_path(file).display(),
                    p.line,
                    p.column,
                )
            }
            (Some(file), None) => format!("{}: {message}", shown_path(file).display()),
            (None, _) => message,
        }
    }
}

/// A file as messages name it: relative to the current folder without a
/// leading `./` (`values.toml`, not `./values.toml`, inside a profile).
pub fn shown_path(file: &Path) -> &Path {
    match file.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest,
        _ => file,
    }
}

/// How diagnostics name the files of the built-in template.
pub const BUILTIN_TEMPLATE_PREFIX: &str = "<built-in template>/";

impl fmt::Display for Diagnostic {
    /// `error: path/file.toml:3:7: message`, the form editors and CI logs link.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: ")?;
        if let Some(file) = &self.file {
            write!(f, "{}", shown_path(file).display())?;
            if let Some(p) = self.position {
                write!(f, ":{}:{}", p.line, p.column)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message_with_hints())
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

    /// `--strict`, the final print run: every gap it refuses (a warning
    /// made by [`Diagnostic::print_run_gap`]) becomes an error with the
    /// message for `--strict`. The one place where `--strict` decides
    /// anything.
    pub fn refuse_print_run_gaps(&mut self) {
        let items = std::mem::take(&mut self.items);
        for mut d in items {
            if let Some(message) = d.print_run.take() {
                d.severity = Severity::Error;
                d.message = *message;
            }
            self.push(d);
        }
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

/// A path as one word of a shell command line, for the commands that hints
/// suggest (`cityprofile mark-translated '/tmp/my city' --lang de`): as it is
/// when it holds only characters no shell treats specially, else in single
/// quotes.
pub fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "/._-+=:,@%".contains(c));
    if plain {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests;
