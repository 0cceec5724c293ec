//! Problems found in a profile: errors and warnings that name the file, line
//! and column where a person fixes them, and their rendering for the terminal.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic as term_diagnostic;
use codespan_reporting::files as term_files;
use codespan_reporting::term::{self, termcolor};

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
    pub message: String,
    /// Advice and the other places the problem was met, printed under the
    /// source line.
    pub notes: Vec<Note>,
    /// For a gap that the final print run (`--strict`) refuses and any
    /// other build only reports as a warning (a to-do, a missing
    /// translation): the error message `--strict` gives instead
    /// ([`Diagnostics::refuse_print_run_gaps`]).
    pub print_run: Option<Box<str>>,
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
}

impl Diagnostic {
    /// An error at a file and position.
    pub fn error(file: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: Some(file.to_path_buf()),
            position,
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
            print_run: Some(strict_message.into().into_boxed_str()),
            ..Diagnostic::warning(file, position, message)
        }
    }

    /// An error that belongs to no file (a command-line or output problem).
    pub fn general(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            position: None,
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
        let severity = match self.severity {
            Severity::Error => term_diagnostic::Severity::Error,
            Severity::Warning => term_diagnostic::Severity::Warning,
        };
        let excerpt = self.excerpt(text_of);
        // Errors show their source line; warnings and problems whose file
        // cannot be read are one line.
        let rich = self.is_error() && excerpt.as_ref().is_some_and(|e| e.readable);
        let config = term::Config {
            display_style: if rich {
                term::DisplayStyle::Rich
            } else {
                term::DisplayStyle::Short
            },
            chars: term::Chars::ascii(),
            ..term::Config::default()
        };
        let diagnostic = match &excerpt {
            Some(excerpt) if rich => term_diagnostic::Diagnostic::new(severity)
                .with_message(&self.message)
                .with_label(term_diagnostic::Label::primary((), excerpt.caret.clone()))
                .with_notes(
                    self.notes
                        .iter()
                        .map(|note| match note {
                            Note::Hint(hint) => format!("hint: {hint}"),
                            Note::Trace(place) => format!("note: {place}"),
                        })
                        .collect(),
                ),
            _ => term_diagnostic::Diagnostic::new(severity).with_message(self.located_message()),
        };
        let empty = Excerpt::default();
        let files = excerpt.as_ref().unwrap_or(&empty);
        let mut buffer = if color {
            termcolor::Buffer::ansi()
        } else {
            termcolor::Buffer::no_color()
        };
        let styles = term::Styles::default();
        let mut writer = term::StylesWriter::new(&mut buffer, &styles);
        if term::emit_to_write_style(&mut writer, &config, files, &diagnostic).is_err() {
            return self.to_string();
        }
        String::from_utf8_lossy(buffer.as_slice())
            .trim_end()
            .to_string()
    }

    /// The message with its hints, on one line.
    fn message_with_hints(&self) -> String {
        let mut message = self.message.clone();
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

    /// The source line of the diagnostic's position, cut to a window around
    /// the column, as a one-line file for the renderer.
    fn excerpt(&self, text_of: &dyn Fn(&Path) -> Option<String>) -> Option<Excerpt> {
        let (file, position) = (self.file.as_ref()?, self.position?);
        let line = source_text(file, text_of).and_then(|text| {
            let line = text.lines().nth(position.line.checked_sub(1)?)?;
            Some(line.trim_end_matches('\r').to_string())
        });
        let readable = line.is_some();
        let line = line.unwrap_or_default();
        let chars: Vec<char> = line.chars().collect();
        let column = position.column.saturating_sub(1).min(chars.len());
        // Long lines (a Markdown paragraph) are cut to a window around the column.
        let start = column.saturating_sub(SNIPPET_CONTEXT);
        let end = (column + SNIPPET_CONTEXT).min(chars.len());
        let mut shown = String::new();
        if start > 0 {
            shown.push('…');
        }
        shown.extend(&chars[start..column]);
        let caret_start = shown.len();
        shown.extend(&chars[column..end]);
        let caret_end = chars
            .get(column)
            .map_or(caret_start, |c| caret_start + c.len_utf8());
        if end < chars.len() {
            shown.push('…');
        }
        Some(Excerpt {
            name: shown_path(file).display().to_string(),
            line: shown,
            readable,
            position,
            caret: caret_start..caret_end,
        })
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

/// The text of a file a diagnostic names: for the built-in template
/// (`<built-in template>/profile.typ`) from the program, else as `text_of`
/// gives it.
fn source_text(file: &Path, text_of: &dyn Fn(&Path) -> Option<String>) -> Option<String> {
    let name = file.to_str().unwrap_or_default();
    if let Some(builtin) = name.strip_prefix(BUILTIN_TEMPLATE_PREFIX) {
        let bytes = crate::base::assets::template_file(builtin)?;
        return String::from_utf8(bytes.to_vec()).ok();
    }
    text_of(file)
}

/// How diagnostics name the files of the built-in template.
pub const BUILTIN_TEMPLATE_PREFIX: &str = "<built-in template>/";

/// How many characters a snippet shows on each side of the column.
const SNIPPET_CONTEXT: usize = 60;

/// One source line of a diagnostic, windowed, that the renderer sees as a
/// whole file: its line and column numbers are those of the real file.
#[derive(Default)]
struct Excerpt {
    name: String,
    line: String,
    /// Whether the file could be read (else `line` is empty).
    readable: bool,
    position: Position,
    /// The caret's byte range in `line`.
    caret: Range<usize>,
}

impl<'a> term_files::Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, term_files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, term_files::Error> {
        Ok(&self.line)
    }

    fn line_index(&'a self, _: (), _: usize) -> Result<usize, term_files::Error> {
        Ok(self.position.line.saturating_sub(1))
    }

    fn column_number(&'a self, _: (), _: usize, _: usize) -> Result<usize, term_files::Error> {
        Ok(self.position.column)
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, term_files::Error> {
        if line_index + 1 == self.position.line {
            Ok(0..self.line.len())
        } else {
            Err(term_files::Error::LineTooLarge {
                given: line_index,
                max: self.position.line.saturating_sub(1),
            })
        }
    }
}

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
                d.message = message.into_string();
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
mod tests {
    use super::*;

    /// The tests' files, read from the disk when a message is printed.
    fn from_disk(path: &Path) -> Option<String> {
        std::fs::read_to_string(path).ok()
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
        let dir = tempfile_dir("snippet");
        let file = dir.join("values.toml");
        std::fs::write(&file, "[population]\ntotal = \"603609\n").unwrap();
        let d = Diagnostic::error(
            &file,
            Some(Position { line: 2, column: 9 }),
            "invalid string",
        );
        let rendered = d.render_with(false, &from_disk);
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(lines[0], "error: invalid string", "{rendered}");
        assert_eq!(lines[1], format!("  --> {}:2:9", file.display()));
        assert_eq!(lines[2], "  |");
        assert_eq!(lines[3], "2 | total = \"603609");
        assert_eq!(lines[4], "  |         ^");
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
        let rendered = d.render_with(false, &from_disk);
        let lines: Vec<&str> = rendered.lines().collect();
        assert!(lines[1].ends_with("values.toml:1:201"), "{rendered}");
        let caret = lines[4].find('^').unwrap();
        let shown: Vec<char> = lines[3].chars().collect();
        assert_eq!(shown[caret], 'X', "{rendered}");
        assert!(lines[3].starts_with("1 | …") && lines[3].ends_with('…'));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn warnings_are_one_line_and_colours_are_optional() {
        let dir = tempfile_dir("warning");
        let file = dir.join("figure.toml");
        std::fs::write(&file, "number = \"figure\"\ncaption = 1\n").unwrap();
        let d = Diagnostic::warning(
            &file,
            Some(Position {
                line: 2,
                column: 11,
            }),
            "to do",
        );
        assert_eq!(
            d.render_with(false, &from_disk),
            format!("warning: {}:2:11: to do", file.display())
        );
        let coloured = d.render_with(true, &from_disk);
        assert!(coloured.contains("\u{1b}["), "{coloured:?}");
        assert!(!d.render_with(false, &from_disk).contains('\u{1b}'));
        // Without a readable file or a position, the message names the file.
        let gone = Diagnostic::error(
            &dir.join("gone.toml"),
            Some(Position { line: 3, column: 1 }),
            "bad",
        );
        assert!(
            gone.render_with(false, &from_disk).starts_with("error: "),
            "{}",
            gone.render_with(false, &from_disk)
        );
        assert!(
            gone.render_with(false, &from_disk)
                .ends_with("gone.toml:3:1: bad"),
            "{}",
            gone.render_with(false, &from_disk)
        );
        assert_eq!(Diagnostic::general("no").render(), "error: no");
        let here = Diagnostic::warning(Path::new("./values.toml"), None, "w");
        assert_eq!(here.render(), "warning: values.toml: w");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word(Path::new("/tmp/city")), "/tmp/city");
        assert_eq!(shell_word(Path::new(".")), ".");
        assert_eq!(shell_word(Path::new("/tmp/my city")), "'/tmp/my city'");
        assert_eq!(shell_word(Path::new("it's")), "'it'\\''s'");
    }

    fn tempfile_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cityprofile-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
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
