//! The syntax of a PO file, checked line by line before `rspolib` reads
//! it. That crate panics on some files that are not PO (a file that is only
//! `msgstr "x"`, a lone `"`); this check refuses each of them first, at its
//! line and column, with what was expected there, in the terms of the
//! gettext manual ("The Format of PO Files"). It also lists every message
//! with its line, which is how a catalog that holds one text twice is
//! refused at both places.
//!
//! Accepted is what gettext's tools write: comments (`# `, `#.`, `#:`,
//! `#,`, `#| msgid "…"`), an optional `msgctxt`, a `msgid` and a `msgstr`,
//! each a quoted string continued by further quoted lines, and obsolete
//! entries after `#~ `. Plural forms (`msgid_plural`, `msgstr[n]`) are
//! refused: no text of a profile has them.

use std::path::Path;

use crate::base::diag::{Diagnostic, Position};

/// One message of a PO file as written: its context, its `msgid`, and the
/// line of its first keyword (`msgctxt`, else `msgid`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The `msgctxt`, unescaped; `None` when the entry has none.
    pub context: Option<String>,
    /// The `msgid`, unescaped.
    pub id: String,
    /// The 1-based line of the entry's `msgctxt` or `msgid`.
    pub line: usize,
}

/// What the check found in a well-formed PO file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Syntax {
    /// The messages that are not obsolete, header included, in file order.
    pub messages: Vec<Message>,
    /// The line of the header's `Language:` field, if it has one.
    pub language_line: Option<usize>,
    /// The line of the header's `msgid ""`, if the file has a header.
    pub header_line: Option<usize>,
}

/// Where the reading is, between two lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between entries (after comments, blank lines or a finished entry).
    Between,
    /// After `msgctxt "…"` (and its continuation lines).
    Context,
    /// After `msgid "…"`.
    Id,
    /// After `msgstr "…"`: the entry is complete.
    Str,
}

/// Which string of the entry a message line or a continuation line adds
/// to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    Str,
}

impl Field {
    /// The field a message line's keyword starts (`msgctxt`, `msgid`,
    /// `msgstr`); `None` for any other word.
    fn of_keyword(keyword: &str) -> Option<Field> {
        match keyword {
            "msgctxt" => Some(Field::Context),
            "msgid" => Some(Field::Id),
            "msgstr" => Some(Field::Str),
            _ => None,
        }
    }
}

/// The entry being read.
#[derive(Debug, Default)]
struct Open {
    context: Option<String>,
    id: String,
    str: String,
    line: usize,
    obsolete: bool,
}

/// A problem at a column of the current line: 1-based column, message.
type LineError = (usize, String);

/// Checks `text` (a PO file without its byte order mark) as gettext's
/// grammar has it. `Err` is the first problem, at its line and column of
/// `path`, saying what was expected there.
pub fn check(path: &Path, text: &str) -> Result<Syntax, Diagnostic> {
    let mut reader = Reader::default();
    let mut last = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if !line.trim().is_empty() {
            last = index + 1;
        }
        reader.line(index + 1, line).map_err(|(column, message)| {
            Diagnostic::error(
                path,
                Some(Position {
                    line: index + 1,
                    column,
                }),
                message,
            )
        })?;
    }
    reader.finish(path, last)
}

#[derive(Debug)]
struct Reader {
    state: State,
    /// After a `#| msgctxt/msgid "…"` line: a `#| "…"` line continues it.
    previous_open: bool,
    entry: Open,
    syntax: Syntax,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            state: State::Between,
            previous_open: false,
            entry: Open::default(),
            syntax: Syntax::default(),
        }
    }
}

impl Reader {
    /// Reads one line (without its line break).
    fn line(&mut self, number: usize, line: &str) -> Result<(), LineError> {
        let body = line.trim_start();
        let indent = line.chars().count() - body.chars().count();
        let body = body.trim_end();
        let col = |offset: usize| indent + body[..offset].chars().count() + 1;
        if body.is_empty() || body.starts_with("#~|") {
            // A blank line, or the previous text of an obsolete entry
            // (which nothing reads).
            return Ok(());
        }
        if let Some(rest) = body.strip_prefix("#~") {
            let after = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
            if after.len() == rest.len() || after.is_empty() {
                return Err((
                    col(0),
                    "expected an obsolete entry's line after `#~ ` (`#~ msgid \"…\"`, `#~ msgstr \"…\"`)".into(),
                ));
            }
            let offset = body.len() - after.len();
            return self.message_line(number, after, true, |o| col(offset + o));
        }
        if body.starts_with('#') {
            return self.comment(body, col);
        }
        self.message_line(number, body, false, col)
    }

    /// A comment line: `#`, `# …`, `##…`, `#. …`, `#: …`, `#, …` or
    /// `#| …`.
    fn comment(&mut self, body: &str, col: impl Fn(usize) -> usize) -> Result<(), LineError> {
        self.end_of_entry(col(0), "a comment")?;
        let second = body[1..].chars().next();
        let spaced = |prefix: &str| {
            body.strip_prefix(prefix)
                .is_some_and(|r| r.is_empty() || r.starts_with(|c: char| c.is_ascii_whitespace()))
        };
        if body.starts_with("#|") {
            return self.previous(body, col);
        }
        self.previous_open = false;
        if matches!(second, None | Some(' ' | '\t' | '#'))
            || spaced("#.")
            || spaced("#:")
            || spaced("#,")
        {
            return Ok(());
        }
        Err((
            col(0),
            "expected a comment as gettext writes them: `# ` (translator's comment), `#. ` (note), `#: ` (reference), `#, ` (flags) or `#| ` (previous text), with a space after the mark".into(),
        ))
    }

    /// A `#|` line: `#| msgctxt "…"`, `#| msgid "…"` or its continuation
    /// `#| "…"`.
    fn previous(&mut self, body: &str, col: impl Fn(usize) -> usize) -> Result<(), LineError> {
        let rest = &body[2..];
        let expected = "expected the previous text of a fuzzy entry: `#| msgid \"…\"` (or `#| msgctxt \"…\"`), with one space after `#|`";
        let Some(after) = rest
            .strip_prefix(|c: char| c.is_ascii_whitespace())
            .filter(|a| !a.starts_with(|c: char| c.is_whitespace()) && !a.is_empty())
        else {
            return Err((col(0), expected.into()));
        };
        let offset = 3;
        if after.starts_with('"') {
            if !self.previous_open {
                return Err((
                    col(offset),
                    "a `#| \"…\"` line continues a `#| msgid \"…\"` line: expected that line before it".into(),
                ));
            }
            string(after, |o| col(offset + o))?;
            return Ok(());
        }
        let keyword = after
            .split(|c: char| c.is_ascii_whitespace())
            .next()
            .unwrap_or_default();
        if !matches!(keyword, "msgctxt" | "msgid") {
            return Err((col(offset), expected.into()));
        }
        let value = after[keyword.len()..].trim_start();
        let at = offset + (after.len() - value.len());
        if value.is_empty() {
            return Err((
                col(at),
                format!("expected the text after `#| {keyword}`, in double quotes"),
            ));
        }
        string(value, |o| col(at + o))?;
        self.previous_open = true;
        Ok(())
    }

    /// Before a comment or a new entry: the entry read so far must be
    /// complete (it has its `msgstr`), and then it is done.
    fn end_of_entry(&mut self, column: usize, what: &str) -> Result<(), LineError> {
        match self.state {
            State::Between => Ok(()),
            State::Str => {
                self.close();
                Ok(())
            }
            State::Context => Err((
                column,
                format!(
                    "expected `msgid \"…\"` after the `msgctxt` of line {}, not {what}",
                    self.entry.line
                ),
            )),
            State::Id => Err((
                column,
                format!(
                    "expected `msgstr \"…\"` after the `msgid` of line {}, not {what}",
                    self.entry.line
                ),
            )),
        }
    }

    /// Records the complete entry and starts between entries.
    fn close(&mut self) {
        let entry = std::mem::take(&mut self.entry);
        self.state = State::Between;
        if entry.obsolete {
            return;
        }
        self.syntax.messages.push(Message {
            context: entry.context,
            id: entry.id,
            line: entry.line,
        });
    }

    /// A keyword line (`msgctxt`, `msgid`, `msgstr` and its string) or a
    /// string continuing one; `obsolete` for one after `#~ `.
    fn message_line(
        &mut self,
        number: usize,
        body: &str,
        obsolete: bool,
        col: impl Fn(usize) -> usize,
    ) -> Result<(), LineError> {
        if body.starts_with('"') {
            let field = match self.state {
                State::Context => Field::Context,
                State::Id => Field::Id,
                State::Str => Field::Str,
                State::Between => {
                    return Err((
                        col(0),
                        "a line that is only a string continues a `msgctxt`, `msgid` or `msgstr`: expected `msgid \"…\"` (or `msgctxt \"…\"`) before it".into(),
                    ))
                }
            };
            self.same_entry(obsolete, col(0))?;
            let text = string(body, col)?;
            self.append(field, number, &text);
            return Ok(());
        }
        let keyword = body
            .split(|c: char| c.is_ascii_whitespace())
            .next()
            .unwrap_or_default();
        if keyword == "msgid_plural" || keyword.starts_with("msgstr[") {
            return Err((
                col(0),
                format!("`{keyword}` starts a plural form, which no text of a profile has: expected `msgstr \"…\"` (a catalog of cityprofile has one msgstr per entry)"),
            ));
        }
        let Some(field) = Field::of_keyword(keyword) else {
            let shown: String = body.chars().take(20).collect();
            return Err((
                col(0),
                format!("expected `msgctxt`, `msgid`, `msgstr`, a string in double quotes or a comment (`#`), not `{shown}`"),
            ));
        };
        let value = body[keyword.len()..].trim_start();
        let at = body.len() - value.len();
        if value.is_empty() || at == keyword.len() {
            return Err((
                col(keyword.len()),
                format!("expected the text of `{keyword}` after a space, in double quotes: `{keyword} \"…\"`"),
            ));
        }
        match (field, self.state) {
            (Field::Context | Field::Id, State::Between | State::Str) => {
                if self.state == State::Str {
                    self.close();
                }
                self.entry = Open {
                    line: number,
                    obsolete,
                    ..Open::default()
                };
            }
            (Field::Id, State::Context) | (Field::Str, State::Id) => {
                self.same_entry(obsolete, col(0))?;
            }
            (Field::Context, State::Context) => {
                return Err((col(0), format!("a second `msgctxt` for the entry of line {}: expected `msgid \"…\"`", self.entry.line)))
            }
            (Field::Context | Field::Id, State::Id) => {
                return Err((col(0), format!("expected `msgstr \"…\"` after the `msgid` of line {}, not `{keyword}`", self.entry.line)))
            }
            (Field::Str, State::Between) => {
                return Err((col(0), "expected `msgid \"…\"` (or `msgctxt \"…\"`) first: an entry starts with its source text, then gives its `msgstr`".into()))
            }
            (Field::Str, State::Context) => {
                return Err((col(0), format!("expected `msgid \"…\"` after the `msgctxt` of line {}, not `msgstr`", self.entry.line)))
            }
            (Field::Str, State::Str) => {
                return Err((col(0), format!("a second `msgstr` for the entry of line {}: expected a new entry (`msgid \"…\"`) or a comment", self.entry.line)))
            }
        }
        let text = string(value, |o| col(at + o))?;
        self.state = match field {
            Field::Context => State::Context,
            Field::Id => State::Id,
            Field::Str => State::Str,
        };
        self.previous_open = false;
        self.append(field, number, &text);
        Ok(())
    }

    /// An entry is obsolete (`#~`) in all its lines or in none.
    fn same_entry(&self, obsolete: bool, column: usize) -> Result<(), LineError> {
        if self.entry.obsolete == obsolete {
            return Ok(());
        }
        Err((
            column,
            if self.entry.obsolete {
                format!("the entry of line {} is obsolete (`#~`): expected `#~ ` at the start of each of its lines", self.entry.line)
            } else {
                format!(
                    "the entry of line {} is not obsolete: expected its lines without `#~ `",
                    self.entry.line
                )
            },
        ))
    }

    /// Adds a string to a field of the open entry; notes the header's
    /// `Language:` line.
    fn append(&mut self, field: Field, number: usize, text: &str) {
        match field {
            Field::Context => self
                .entry
                .context
                .get_or_insert_with(String::new)
                .push_str(text),
            Field::Id => self.entry.id.push_str(text),
            Field::Str => {
                self.entry.str.push_str(text);
                let header = !self.entry.obsolete
                    && self.entry.context.is_none()
                    && self.entry.id.is_empty()
                    && self.syntax.header_line.is_none_or(|l| l == self.entry.line);
                if header {
                    self.syntax.header_line = Some(self.entry.line);
                    if text.starts_with("Language:") && self.syntax.language_line.is_none() {
                        self.syntax.language_line = Some(number);
                    }
                }
            }
        }
    }

    /// At the end of the file: the last entry must be complete.
    fn finish(mut self, path: &Path, last: usize) -> Result<Syntax, Diagnostic> {
        if let Err((_, message)) = self.end_of_entry(1, "the end of the file") {
            return Err(Diagnostic::error(
                path,
                Some(Position {
                    line: last.max(1),
                    column: 1,
                }),
                message,
            ));
        }
        Ok(self.syntax)
    }
}

/// A PO string, `"…"`, alone on what is left of its line: its text, with
/// the escapes of text (`\n`, `\t`, `\r`, `\"`, `\\`) resolved. A control
/// character, raw or written as an escape (`\b`, `\f`, `\v`, `\a`, or by
/// its code, `\0`, `\x01`), is refused at its column: no edition can print
/// it, and an import must not write it into a chapter. `col` gives the
/// column of a byte offset of `value`.
fn string(value: &str, col: impl Fn(usize) -> usize) -> Result<String, LineError> {
    let Some(inner) = value.strip_prefix('"') else {
        return Err((
            col(0),
            "expected a string in double quotes (`\"…\"`)".into(),
        ));
    };
    let mut out = String::new();
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let after = &inner[i + 1..];
                if !after.trim().is_empty() {
                    return Err((
                        col(1 + i + 1),
                        "expected the end of the line after the closing `\"` (a `\"` inside the text is written `\\\"`)".into(),
                    ));
                }
                return Ok(out);
            }
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((_, escape @ ('a' | 'b' | 'f' | 'v' | '0'..='7' | 'x'))) => {
                    let digits: String = inner[i + 2..]
                        .chars()
                        .take_while(|c| match escape {
                            'x' => c.is_ascii_hexdigit(),
                            '0'..='7' => ('0'..='7').contains(c),
                            _ => false,
                        })
                        .take(2)
                        .collect();
                    let written = format!("\\{escape}{digits}");
                    return Err((
                        col(1 + i),
                        format!("`{written}` writes a control character or a character by its code, which a translation cannot hold: delete it (a control character cannot be printed; write any other character as itself)"),
                    ));
                }
                Some((_, other)) => {
                    return Err((
                        col(1 + i),
                        format!("`\\{other}` is not an escape of a PO string: expected `\\n`, `\\t`, `\\\"` or `\\\\` (a backslash is written `\\\\`)"),
                    ))
                }
                None => break,
            },
            c if c.is_control() && !matches!(c, '\t' | '\r') => {
                return Err((
                    col(1 + i),
                    format!("this text has the control character U+{:04X}, which cannot be printed: delete it (such characters are often left by a copy from another program)", c as u32),
                ));
            }
            c => out.push(c),
        }
    }
    Err((
        col(value.len()),
        "the string is not closed: expected `\"` at the end of the line (a string does not run over lines: close it and go on with a new `\"…\"` line)".into(),
    ))
}

#[cfg(test)]
mod tests;
