//! How a diagnostic is printed: through `codespan-reporting`, as rustc and
//! Typst print theirs, from the text of the files as the command read them
//! (never from the disk again). Each place a diagnostic shows (its own and
//! its secondary labels) becomes one source line cut to a window around the
//! place, so that a Markdown paragraph of a thousand characters shows as a
//! line of about 120.

use std::ops::Range;
use std::path::Path;

use codespan_reporting::diagnostic as term_diagnostic;
use codespan_reporting::files as term_files;
use codespan_reporting::term::{self, termcolor};

use super::{shown_path, Diagnostic, Note, Position, Severity, BUILTIN_TEMPLATE_PREFIX};

/// How many characters a snippet shows on each side of the place.
const SNIPPET_CONTEXT: usize = 60;

/// A character as a terminal may show it: a control character (C0 but the
/// tab, DEL, C1) as its Unicode control picture (`␛` for ESC, `␀` for NUL)
/// or U+FFFD, so that a profile or catalog from someone else cannot clear
/// the screen or retitle the window of whoever checks it.
fn visible(c: char) -> char {
    match c {
        '\t' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        _ => c,
    }
}

/// A message with its control characters made visible ([`visible`]).
fn visible_text(text: &str) -> String {
    text.chars().map(visible).collect()
}

/// The diagnostic rendered; see [`Diagnostic::render_with`].
pub(super) fn render(
    d: &Diagnostic,
    color: bool,
    text_of: &dyn Fn(&Path) -> Option<String>,
) -> String {
    let severity = match d.severity {
        Severity::Error => term_diagnostic::Severity::Error,
        Severity::Warning => term_diagnostic::Severity::Warning,
    };
    // The diagnostic's own place first, then its labels'.
    let mut places: Vec<Place> = Vec::new();
    if let (Some(file), Some(position)) = (&d.file, d.position) {
        places.push(Place {
            file,
            position,
            range: d.range.as_deref().cloned(),
        });
    }
    let own = places.len();
    places.extend(d.labels().map(|label| Place {
        file: &label.file,
        position: label.position,
        range: label.range.clone(),
    }));
    let (snippets, carets) = Snippets::show(&places, text_of);
    let primary = if own == 1 { carets[0].clone() } else { None };
    // Errors show their source lines; warnings (to-do lists can be long)
    // and problems whose file cannot be read are one line.
    let rich = d.is_error() && primary.is_some();
    let config = term::Config {
        display_style: if rich {
            term::DisplayStyle::Rich
        } else {
            term::DisplayStyle::Short
        },
        chars: term::Chars::ascii(),
        ..term::Config::default()
    };
    let diagnostic = match primary {
        Some((file_id, caret)) if rich => {
            let mut labels = vec![term_diagnostic::Label::primary(file_id, caret)];
            let mut notes: Vec<String> = d
                .notes
                .iter()
                .filter_map(|note| match note {
                    Note::Hint(hint) => Some(format!("hint: {hint}")),
                    Note::Trace(place) => Some(format!("note: {place}")),
                    Note::Label(_) => None,
                })
                .collect();
            for (label, caret) in d.labels().zip(&carets[own..]) {
                match caret.clone() {
                    Some((id, range)) => labels.push(
                        term_diagnostic::Label::secondary(id, range)
                            .with_message(label.message.clone()),
                    ),
                    None => notes.push(format!("note: {}", label.located())),
                }
            }
            term_diagnostic::Diagnostic::new(severity)
                .with_message(visible_text(&d.message))
                .with_labels(labels)
                .with_notes(notes.iter().map(|n| visible_text(n)).collect())
        }
        _ => term_diagnostic::Diagnostic::new(severity)
            .with_message(visible_text(&d.located_message())),
    };
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let styles = term::Styles::default();
    let mut writer = term::StylesWriter::new(&mut buffer, &styles);
    if term::emit_to_write_style(&mut writer, &config, &snippets, &diagnostic).is_err() {
        return d.to_string();
    }
    String::from_utf8_lossy(buffer.as_slice())
        .trim_end()
        .to_string()
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

/// The source lines a diagnostic shows, one windowed line per place, as
/// files for the renderer: their line and column numbers are those of the
/// real files.
#[derive(Default)]
struct Snippets {
    files: Vec<Snippet>,
}

/// The shown lines of one file, joined by `\n`, in the order they were
/// placed.
struct Snippet {
    path: std::path::PathBuf,
    name: String,
    source: String,
    lines: Vec<ShownLine>,
}

/// One shown line: where it starts in [`Snippet::source`], its length,
/// its 1-based number in the real file, and the real column of its first
/// character (after a leading `…`, which counts for none).
struct ShownLine {
    start: usize,
    len: usize,
    number: usize,
    first_column: usize,
    ellipsis: bool,
}

/// A place a diagnostic shows: a file, a position in it, and the bytes it
/// covers when known.
struct Place<'d> {
    file: &'d Path,
    position: Position,
    range: Option<Range<usize>>,
}

/// Where a place is underlined: a snippet's id and the bytes in its
/// source.
type Caret = (usize, Range<usize>);

/// One place's line as shown: the window of characters around the place.
struct Window {
    file: usize,
    number: usize,
    chars: Vec<char>,
    /// 0-based character index of the first and after the last shown.
    start: usize,
    end: usize,
    /// The places on this line: (index in the places, column, width), in
    /// characters.
    carets: Vec<(usize, usize, usize)>,
}

impl Snippets {
    /// Shows the lines of `places`, one line per source line (places on
    /// one line share it), each file's lines in the order of the file, and
    /// returns for each place its snippet's id and the caret's byte range
    /// there: under the place's range (to the end of its first line and of
    /// the window) when given, else under the character at the position.
    /// `None` for a place whose file cannot be read or has no such line.
    fn show(
        places: &[Place],
        text_of: &dyn Fn(&Path) -> Option<String>,
    ) -> (Snippets, Vec<Option<Caret>>) {
        let mut snippets = Snippets::default();
        let mut windows: Vec<Window> = Vec::new();
        for (index, place) in places.iter().enumerate() {
            let Some(text) = source_text(place.file, text_of) else {
                continue;
            };
            let Some(line) = place
                .position
                .line
                .checked_sub(1)
                .and_then(|n| text.lines().nth(n))
            else {
                continue;
            };
            let chars: Vec<char> = line.trim_end_matches('\r').chars().collect();
            let column = place.position.column.saturating_sub(1).min(chars.len());
            // How many characters the caret covers: the range's, on its line.
            let width = place
                .range
                .clone()
                .filter(|r| r.end > r.start)
                .and_then(|r| text.get(r))
                .map_or(1, |covered| {
                    covered
                        .split('\n')
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .count()
                })
                .max(1);
            let file = match snippets.files.iter().position(|f| f.path == place.file) {
                Some(id) => id,
                None => {
                    snippets.files.push(Snippet {
                        path: place.file.to_path_buf(),
                        name: shown_path(place.file).display().to_string(),
                        source: String::new(),
                        lines: Vec::new(),
                    });
                    snippets.files.len() - 1
                }
            };
            let start = column.saturating_sub(SNIPPET_CONTEXT);
            let end = (column + width.max(SNIPPET_CONTEXT)).min(chars.len());
            match windows
                .iter_mut()
                .find(|w| w.file == file && w.number == place.position.line)
            {
                Some(window) => {
                    window.start = window.start.min(start);
                    window.end = window.end.max(end);
                    window.carets.push((index, column, width));
                }
                None => windows.push(Window {
                    file,
                    number: place.position.line,
                    chars,
                    start,
                    end,
                    carets: vec![(index, column, width)],
                }),
            }
        }
        windows.sort_by_key(|w| (w.file, w.number));
        let mut carets = vec![None; places.len()];
        for window in windows {
            let snippet = &mut snippets.files[window.file];
            if !snippet.source.is_empty() {
                snippet.source.push('\n');
            }
            let line_start = snippet.source.len();
            let mut shown = String::new();
            if window.start > 0 {
                shown.push('…');
            }
            // The byte where each shown character starts.
            let mut at = Vec::with_capacity(window.end - window.start + 1);
            for c in &window.chars[window.start..window.end] {
                at.push(line_start + shown.len());
                shown.push(visible(*c));
            }
            at.push(line_start + shown.len());
            if window.end < window.chars.len() {
                shown.push('…');
            }
            for (index, column, width) in window.carets {
                let from = column.clamp(window.start, window.end) - window.start;
                let to = (column + width).clamp(window.start, window.end) - window.start;
                // A caret at the end of the line covers nothing.
                let to = if column < window.chars.len() {
                    to.max(from + 1).min(at.len() - 1)
                } else {
                    from
                };
                carets[index] = Some((window.file, at[from]..at[to]));
            }
            snippet.source.push_str(&shown);
            snippet.lines.push(ShownLine {
                start: line_start,
                len: shown.len(),
                number: window.number,
                first_column: window.start + 1,
                ellipsis: window.start > 0,
            });
        }
        (snippets, carets)
    }

    fn snippet(&self, id: usize) -> Result<&Snippet, term_files::Error> {
        self.files.get(id).ok_or(term_files::Error::FileMissing)
    }
}

impl<'a> term_files::Files<'a> for Snippets {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, term_files::Error> {
        Ok(&self.snippet(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, term_files::Error> {
        Ok(&self.snippet(id)?.source)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, term_files::Error> {
        let lines = &self.snippet(id)?.lines;
        Ok(lines
            .iter()
            .rposition(|l| l.start <= byte_index)
            .unwrap_or_default())
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, term_files::Error> {
        let line = self.snippet(id)?.lines.get(line_index);
        line.map(|l| l.number)
            .ok_or(term_files::Error::LineTooLarge {
                given: line_index,
                max: self.snippet(id)?.lines.len().saturating_sub(1),
            })
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, term_files::Error> {
        let snippet = self.snippet(id)?;
        let Some(line) = snippet.lines.get(line_index) else {
            return Err(term_files::Error::LineTooLarge {
                given: line_index,
                max: snippet.lines.len().saturating_sub(1),
            });
        };
        let before = snippet
            .source
            .get(line.start..byte_index.max(line.start))
            .unwrap_or_default();
        let shown = before.chars().count() - usize::from(line.ellipsis && !before.is_empty());
        Ok(line.first_column + shown)
    }

    fn line_range(
        &'a self,
        id: usize,
        line_index: usize,
    ) -> Result<Range<usize>, term_files::Error> {
        let snippet = self.snippet(id)?;
        snippet
            .lines
            .get(line_index)
            .map(|l| l.start..l.start + l.len)
            .ok_or(term_files::Error::LineTooLarge {
                given: line_index,
                max: snippet.lines.len().saturating_sub(1),
            })
    }
}
