//! A translation catalog in gettext's PO format: reading it (with the line
//! of every entry, for errors) and writing it, both through `rspolib`.
//! Entries are written in the order given, wrapped as gettext's own tools
//! wrap them, so that `msgfmt --check` accepts the file and an unchanged
//! catalog gives the same bytes.

use std::collections::BTreeMap;
use std::path::Path;

use rspolib::{pofile, POEntry, POFile};

use crate::base::diag::Diagnostic;

/// One message: a segment of the profile and its translation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// `msgctxt`: where the segment is (`background 12 paragraph`,
    /// `tables/overview.toml 3`); unique in a catalog.
    pub context: String,
    /// `msgid`: the source-language text.
    pub source: String,
    /// `msgstr`: the translation; empty when untranslated.
    pub translation: String,
    /// `#, fuzzy`: the translation was made for another source text.
    pub fuzzy: bool,
    /// `#| msgid`: the source text the fuzzy translation was made for.
    pub previous: Option<String>,
    /// `#:` the file and line of the segment (`text/en/background.md:12`).
    pub reference: Option<String>,
    /// `#.` a note for the translator.
    pub note: Option<String>,
    /// The entry's line in the PO file it was read from (0 when made here).
    pub line: usize,
}

impl Entry {
    /// Translated and not fuzzy: printed as it is.
    pub fn is_translated(&self) -> bool {
        !self.fuzzy && !self.translation.is_empty()
    }
}

/// A catalog for one language, in segment order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalog {
    /// The language of the translations (a BCP 47 code, `de`).
    pub language: String,
    /// The profile's id, written as the catalog's `Project-Id-Version`.
    pub project: String,
    /// The profile's date (`2021-03-01`), written as the catalog's
    /// `PO-Revision-Date`; empty for none.
    pub date: String,
    /// The header fields a translator's tool wrote (`Last-Translator`,
    /// `Language-Team`, `PO-Revision-Date`, `X-Generator` …), by name:
    /// written as they are, before the defaults (see [`super::header`]).
    pub header: BTreeMap<String, String>,
    pub entries: Vec<Entry>,
}

/// Width at which gettext's tools wrap strings.
const WRAP_WIDTH: usize = 79;

/// A comment's lines wrapped at words to fit `WRAP_WIDTH` with their `#. `
/// (rspolib writes a longer comment line without its `#. `, which no PO
/// reader accepts). A comment already wrapped so stays as it is.
fn wrap_comment(text: &str) -> String {
    let width = WRAP_WIDTH - 3;
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
                out.push(std::mem::take(&mut current));
            } else if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push(current);
    }
    out.join("\n")
}

impl Catalog {
    /// The catalog as a PO file.
    pub fn to_po(&self) -> String {
        let mut file = POFile::new(("", WRAP_WIDTH).into());
        file.header = Some(format!(
            "Translation of the profile `{}` into `{}`, written by cityprofile.\nTranslate each msgstr; keep every {{{{...}}}}, [^note], (link target) and <link> as it is.",
            self.project, self.language
        ));
        let revision = if self.date.is_empty() {
            String::new()
        } else {
            format!("{} 00:00+0000", self.date)
        };
        for (key, value) in [
            ("Project-Id-Version", self.project.as_str()),
            ("PO-Revision-Date", revision.as_str()),
            ("Last-Translator", ""),
            ("Language-Team", self.language.as_str()),
            ("Language", self.language.as_str()),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ] {
            file.metadata.insert(key.to_string(), value.to_string());
        }
        // The translator's fields over the defaults (rspolib writes the
        // known fields in gettext's order, the others after them by name).
        for (key, value) in &self.header {
            file.metadata.insert(key.clone(), value.clone());
        }
        // The header; then each entry, rendered by rspolib, separated by a
        // blank line as gettext's tools write them.
        let mut text = file.to_string();
        while text.ends_with('\n') {
            text.pop();
        }
        text.push('\n');
        for e in &self.entries {
            let mut entry = POEntry::new(0);
            entry.msgctxt = Some(e.context.clone());
            entry.msgid = e.source.clone();
            entry.msgstr = Some(e.translation.clone());
            if e.fuzzy {
                entry.flags.push("fuzzy".into());
            }
            entry.previous_msgid = e.previous.clone();
            entry.comment = e.note.as_deref().map(wrap_comment);
            if let Some(reference) = &e.reference {
                let (file, line) = reference.rsplit_once(':').unwrap_or((reference, ""));
                entry.occurrences.push((file.to_string(), line.to_string()));
            }
            let mut rendered = entry.to_string_with_wrapwidth(WRAP_WIDTH);
            if e.translation.trim_end() != e.translation {
                // rspolib drops the trailing spaces of a msgstr (a layout
                // word like ", "): render it as a msgid, which keeps them.
                let mut field = POEntry::new(0);
                field.msgid = e.translation.clone();
                let as_msgid = field.to_string_with_wrapwidth(WRAP_WIDTH);
                let msgid_field = &as_msgid[as_msgid.find("msgid ").unwrap_or(0)..];
                let msgid_field = msgid_field
                    .find("\nmsgstr ")
                    .map_or(msgid_field, |end| &msgid_field[..end + 1]);
                if let Some(at) = rendered.rfind("\nmsgstr ") {
                    rendered.truncate(at + 1);
                    rendered.push_str("msgstr");
                    rendered.push_str(&msgid_field["msgid".len()..]);
                }
            }
            text.push('\n');
            text.push_str(&rendered);
            if !text.ends_with('\n') {
                text.push('\n');
            }
        }
        text
    }

    /// Reads a PO file. A file that is not PO is refused at the line and
    /// column of its first problem, saying what was expected there
    /// ([`super::syntax::check`], before `rspolib` reads it).
    pub fn parse(path: &Path, text: &str) -> Result<Catalog, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let syntax = super::syntax::check(path, text)?;
        if let Some(repeated) = repeated_entry(path, &syntax.messages) {
            return Err(repeated);
        }
        let file = read_po(path, text)?.map_err(|e| {
            let message = e.to_string();
            let line = message
                .split("at line ")
                .nth(1)
                .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|n| n.parse::<usize>().ok());
            let detail = message
                .rsplit_once("): ")
                .map_or(message.as_str(), |(_, d)| d)
                .to_string();
            Diagnostic::error(
                path,
                line.map(|line| crate::base::diag::Position { line, column: 1 }),
                format!("this is not a valid PO file: {detail}"),
            )
        })?;
        // PO editors write a regional language the gettext way (`de_CH`):
        // read as the profile writes it (`de-CH`).
        let language = file
            .metadata
            .get("Language")
            .map(|l| {
                let code = crate::base::lang::canonical_case(l.trim());
                if crate::base::lang::is_language_code(&code) {
                    code
                } else {
                    l.clone()
                }
            })
            .unwrap_or_default();
        let project = file
            .metadata
            .get("Project-Id-Version")
            .cloned()
            .unwrap_or_default();
        let entries = file
            .entries
            .iter()
            .filter(|e| !e.obsolete)
            .map(|e| Entry {
                context: e.msgctxt.clone().unwrap_or_default(),
                source: e.msgid.clone(),
                translation: e.msgstr.clone().unwrap_or_default(),
                fuzzy: e.flags.iter().any(|f| f == "fuzzy"),
                previous: e.previous_msgid.clone(),
                reference: e.occurrences.first().map(|(f, l)| {
                    if l.is_empty() {
                        f.clone()
                    } else {
                        format!("{f}:{l}")
                    }
                }),
                note: e.comment.clone(),
                line: e.linenum,
            })
            .collect();
        let date = file
            .metadata
            .get("PO-Revision-Date")
            .and_then(|d| d.split(' ').next())
            .unwrap_or_default()
            .to_string();
        Ok(Catalog {
            language,
            project,
            date,
            header: super::header::kept_fields(file.metadata.clone()),
            entries,
        })
    }
}

/// The first entry that repeats an earlier one (the same `msgctxt` and
/// `msgid`, whatever its `msgstr`), as an error at its line that names the
/// earlier line too: gettext's `msgfmt` refuses such a file ("duplicate
/// message definition"), and which of the two translations is meant cannot
/// be told.
fn repeated_entry(path: &Path, messages: &[super::syntax::Message]) -> Option<Diagnostic> {
    let mut seen: std::collections::HashMap<(Option<&str>, &str), usize> =
        std::collections::HashMap::new();
    for m in messages {
        let key = (m.context.as_deref(), m.id.as_str());
        if let Some(&first) = seen.get(&key) {
            let named = match &m.context {
                Some(context) => format!("msgctxt `{context}` and its msgid"),
                None => "msgid, without msgctxt,".to_string(),
            };
            let d = Diagnostic::error(
                path,
                Some(crate::base::diag::Position {
                    line: m.line,
                    column: 1,
                }),
                format!(
                    "the entry of line {} is here again, at line {} (the same {named}): a catalog holds each text once (`msgfmt` refuses it too); keep the one with the right translation and delete the other",
                    first, m.line
                ),
            );
            let first_entry = crate::base::diag::Label {
                file: path.to_path_buf(),
                position: crate::base::diag::Position {
                    line: first,
                    column: 1,
                },
                range: None,
                message: "the first entry".into(),
            };
            return Some(d.with_label(first_entry));
        }
        seen.insert(key, m.line);
    }
    None
}

/// `rspolib`'s reading of a file [`super::syntax::check`] accepted. Should
/// the crate still panic on it, the panic is caught and the file refused
/// as unreadable, never the program ended.
fn read_po(
    path: &Path,
    text: &str,
) -> Result<Result<POFile, rspolib::errors::SyntaxError>, Diagnostic> {
    std::panic::catch_unwind(|| pofile((text, WRAP_WIDTH))).map_err(|_| {
        Diagnostic::error(
            path,
            None,
            "this PO file could not be read (the PO reader failed on it): check it with `msgfmt --check`, or export the catalog again",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Catalog {
        Catalog {
            language: "de".into(),
            project: "testcity".into(),
            date: "2022-06-15".into(),
            header: BTreeMap::new(),
            entries: vec![
                Entry {
                    context: "intro 1 heading".into(),
                    source: "Background".into(),
                    translation: "Hintergrund".into(),
                    reference: Some("text/en/intro.md:1".into()),
                    ..Entry::default()
                },
                Entry {
                    context: "intro 2 paragraph".into(),
                    source: "A \"quoted\" line\nand a second line with {{a.b}} that is long enough to be wrapped by the writer".into(),
                    translation: String::new(),
                    fuzzy: true,
                    previous: Some("An old line".into()),
                    reference: Some("text/en/intro.md:3".into()),
                    ..Entry::default()
                },
            ],
        }
    }

    #[test]
    fn a_catalog_survives_writing_and_reading() {
        let catalog = sample();
        let text = catalog.to_po();
        assert!(text.contains("#| msgid \"An old line\""), "{text}");
        assert!(text.contains("#, fuzzy"), "{text}");
        let read = Catalog::parse(Path::new("de.po"), &text).unwrap();
        let strip = |c: &Catalog| {
            let mut c = c.clone();
            c.entries.iter_mut().for_each(|e| e.line = 0);
            c.header.clear();
            c
        };
        // The header fields written with a value are read back as kept.
        assert_eq!(
            read.header.get("PO-Revision-Date").map(String::as_str),
            Some("2022-06-15 00:00+0000")
        );
        assert_eq!(strip(&read), catalog);
        assert_eq!(read.to_po(), text, "writing is stable");
        assert!(read.entries[1].line > read.entries[0].line);
    }

    #[test]
    fn a_regional_language_written_the_gettext_way_is_read_as_profiles_write_it() {
        let catalog = Catalog {
            language: "de-CH".into(),
            ..sample()
        };
        let text = catalog.to_po();
        assert!(text.contains("\"Language: de-CH\\n\""), "{text}");
        let gettext = text.replace("Language: de-CH", "Language: de_CH");
        let read = Catalog::parse(Path::new("de-CH.po"), &gettext).unwrap();
        assert_eq!(read.language, "de-CH");
        // A header that is no language code is kept as written.
        let other = text.replace("Language: de-CH", "Language: Swiss");
        let read = Catalog::parse(Path::new("de-CH.po"), &other).unwrap();
        assert_eq!(read.language, "Swiss");
    }

    #[test]
    fn a_broken_po_file_is_reported_at_its_line() {
        let err = Catalog::parse(
            Path::new("de.po"),
            "msgid \"\"\nmsgstr \"\"\n\nmsgctxt \"a\"\nmsgid \"x\nmsgstr \"y\"\n",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("de.po:5:9"), "{text}");
        assert!(text.contains("the string is not closed"), "{text}");
    }
}

#[cfg(test)]
mod notes {
    use super::*;

    #[test]
    fn a_long_note_is_written_as_comment_lines_and_read_back_the_same() {
        let note = "A note for the translator that is much longer than one line of a PO file, so that it has to be wrapped at a word: twice, or more.";
        let catalog = Catalog {
            language: "ar".into(),
            project: "x".into(),
            date: String::new(),
            header: BTreeMap::new(),
            entries: vec![Entry {
                context: "a 1 paragraph".into(),
                source: "Table: x".into(),
                note: Some(note.into()),
                ..Entry::default()
            }],
        };
        let text = catalog.to_po();
        let comments: Vec<&str> = text.lines().filter(|l| l.starts_with("#. ")).collect();
        assert!(comments.len() >= 2, "{text}");
        assert!(comments.iter().all(|l| l.chars().count() <= WRAP_WIDTH));
        let read = Catalog::parse(Path::new("x.po"), &text).unwrap();
        assert_eq!(
            read.entries[0]
                .note
                .as_deref()
                .map(|n| n.replace('\n', " "))
                .as_deref(),
            Some(note)
        );
        assert_eq!(read.to_po(), text, "writing is stable");
    }
}

#[cfg(test)]
mod spaces {
    use super::*;

    #[test]
    fn leading_and_trailing_spaces_survive() {
        let catalog = Catalog {
            language: "es".into(),
            project: "x".into(),
            date: String::new(),
            header: BTreeMap::new(),
            entries: vec![Entry {
                context: "strings 1 layout word".into(),
                source: ", ".into(),
                translation: " : ".into(),
                ..Entry::default()
            }],
        };
        let text = catalog.to_po();
        assert!(text.contains("msgstr \" : \""), "{text}");
        let read = Catalog::parse(Path::new("x.po"), &text).unwrap();
        assert_eq!(read.entries[0].translation, " : ");
        assert_eq!(read.entries[0].source, ", ");
    }
}
