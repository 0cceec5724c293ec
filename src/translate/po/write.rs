//! How an import writes: a translation of a data text goes into its TOML
//! file at the text's own place (found by the bytes the profile read it
//! from), the rest of the file kept as written; and the files an import
//! wrote are put back as they were when it turns out not to keep what it
//! accepted.

use std::fs;
use std::ops::Range;
use std::path::PathBuf;

use toml_edit::{ImDocument, Item, TableLike, Value};

use super::errors::TomlEditError;
use crate::base::diag::Diagnostic;

/// Sets, in a TOML file's text, the `lang` version of each text whose
/// bytes the profile read it from are given (`{ en = "…" }`, a `[caption]`
/// table or dotted keys `caption.en = "…"`), to the translation given.
/// `Err` with the bytes of a text that is not where they say.
pub(super) fn set_texts(
    text: &str,
    lang: &str,
    edits: &[(Range<usize>, String)],
) -> Result<String, TomlEditError> {
    let parsed = ImDocument::parse(text.to_string()).map_err(TomlEditError::Syntax)?;
    // Where each table of the file starts, in the order a walk meets them.
    let mut starts = Vec::new();
    starts_of(parsed.as_table(), None, &mut starts);
    let mut targets: Vec<(usize, &str)> = Vec::new();
    for (span, translation) in edits {
        let Some(index) = starts.iter().position(|s| *s == Some(span.start)) else {
            return Err(TomlEditError::NoText {
                bytes: span.clone(),
            });
        };
        targets.push((index, translation));
    }
    let mut doc = parsed.into_mut();
    let mut counter = 0;
    set_in(doc.as_table_mut(), false, lang, &targets, &mut counter);
    Ok(doc.to_string())
}

/// Records where each table-like node starts (its span's start, or for a
/// dotted table the start of its key), in preorder.
fn starts_of(table: &dyn TableLike, start: Option<usize>, out: &mut Vec<Option<usize>>) {
    out.push(start);
    for (key, item) in table.iter() {
        let key_start = table.key(key).and_then(|k| k.span()).map(|s| s.start);
        match item {
            Item::Table(t) => {
                let start = if t.is_dotted() {
                    key_start
                } else {
                    t.span().map(|s| s.start)
                };
                starts_of(t, start, out);
            }
            Item::ArrayOfTables(a) => {
                for t in a.iter() {
                    starts_of(t, t.span().map(|s| s.start), out);
                }
            }
            Item::Value(v) => value_starts(v, key_start, out),
            Item::None => {}
        }
    }
}

fn value_starts(value: &Value, key_start: Option<usize>, out: &mut Vec<Option<usize>>) {
    match value {
        Value::InlineTable(t) => {
            let start = if t.is_dotted() {
                key_start
            } else {
                t.span().map(|s| s.start)
            };
            starts_of(t, start, out);
        }
        Value::Array(a) => {
            for v in a.iter() {
                value_starts(v, None, out);
            }
        }
        _ => {}
    }
}

/// Walks the tables in the order of [`starts_of`] and sets `lang` in each
/// one a target names (`inline`: the table is written `{ … }`).
fn set_in(
    table: &mut dyn TableLike,
    inline: bool,
    lang: &str,
    targets: &[(usize, &str)],
    counter: &mut usize,
) {
    let index = *counter;
    *counter += 1;
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => set_in(t, false, lang, targets, counter),
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    set_in(t, false, lang, targets, counter);
                }
            }
            Item::Value(v) => set_in_value(v, lang, targets, counter),
            Item::None => {}
        }
    }
    for (_, translation) in targets.iter().filter(|(i, _)| *i == index) {
        set_one(table, inline, lang, translation);
    }
}

fn set_in_value(value: &mut Value, lang: &str, targets: &[(usize, &str)], counter: &mut usize) {
    match value {
        Value::InlineTable(t) => set_in(t, true, lang, targets, counter),
        Value::Array(a) => {
            for v in a.iter_mut() {
                set_in_value(v, lang, targets, counter);
            }
        }
        _ => {}
    }
}

/// Sets one language of a text: a version it has is replaced where it
/// stands (its spacing and comment kept); a new one is added last, in an
/// inline table before the space that closed it (`{ fr = "a", en = "b" }`).
fn set_one(table: &mut dyn TableLike, inline: bool, lang: &str, translation: &str) {
    if let Some(Item::Value(v)) = table.get_mut(lang) {
        let decor = v.decor().clone();
        *v = Value::from(translation);
        *v.decor_mut() = decor;
        return;
    }
    let closing = if inline {
        table
            .iter_mut()
            .last()
            .and_then(|(_, item)| item.as_value_mut())
            .and_then(|v| {
                let suffix = v.decor().suffix().cloned();
                v.decor_mut().set_suffix("");
                suffix
            })
    } else {
        None
    };
    table.insert(lang, toml_edit::value(translation));
    if let (Some(suffix), Some(Item::Value(v))) = (closing, table.get_mut(lang)) {
        v.decor_mut().set_suffix(suffix);
    }
}

/// Files as they were before an import wrote them (`None`: it made them).
pub(super) struct Originals(Vec<(PathBuf, Option<Vec<u8>>)>);

/// Writes each file (atomically), keeping what each held before.
pub(super) fn write_all(writes: &[(PathBuf, String)]) -> Result<Originals, Diagnostic> {
    let mut originals = Originals(Vec::new());
    for (path, text) in writes {
        originals.0.push((path.clone(), fs::read(path).ok()));
        if let Some(parent) = path.parent() {
            if let Err(e) = fs::create_dir_all(parent) {
                let failure =
                    Diagnostic::general(format!("cannot create {}: {e}", parent.display()));
                originals.restore()?;
                return Err(failure);
            }
        }
        if let Err(failure) = crate::base::io::write_atomically(path, text.as_bytes()) {
            originals.restore()?;
            return Err(failure);
        }
    }
    Ok(originals)
}

impl Originals {
    /// Puts every file back as it was.
    pub(super) fn restore(self) -> Result<(), Diagnostic> {
        for (path, bytes) in self.0.into_iter().rev() {
            match bytes {
                Some(bytes) => crate::base::io::write_atomically(&path, &bytes)?,
                None => {
                    if path.exists() {
                        fs::remove_file(&path).map_err(|e| {
                            Diagnostic::general(format!("cannot remove {}: {e}", path.display()))
                        })?;
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_set_where_it_stands_in_every_form_and_nothing_else_moves() {
        let text = "# a comment\na = { fr = \"Quai\", en = \"Quay\" }\nb = { fr = \"Quai\" }\nc.fr = \"Bac\"\n\n[d]\nfr = \"Port\" # kept\n\n[[rows]]\ncells = [{ text = { fr = \"Nord\" } }, 3]\n";
        let span = |needle: &str| {
            let at = text.find(needle).unwrap();
            at..at + needle.len()
        };
        let edits = vec![
            (span("{ fr = \"Quai\" }"), "Quay".to_string()),
            (
                span("c.fr").start..span("c.fr").start + 1,
                "Ferry".to_string(),
            ),
            (span("[d]"), "Harbour".to_string()),
            (span("{ fr = \"Nord\" }"), "North".to_string()),
        ];
        let out = set_texts(text, "en", &edits).unwrap();
        assert_eq!(
            out,
            "# a comment\na = { fr = \"Quai\", en = \"Quay\" }\nb = { fr = \"Quai\", en = \"Quay\" }\nc.fr = \"Bac\"\nc.en = \"Ferry\"\n\n[d]\nfr = \"Port\" # kept\nen = \"Harbour\"\n\n[[rows]]\ncells = [{ text = { fr = \"Nord\", en = \"North\" } }, 3]\n"
        );
        // The same source text elsewhere (`a`) is left alone; a changed
        // translation replaces the old one in place.
        let out = set_texts(
            text,
            "en",
            &[(span("{ fr = \"Quai\", en = \"Quay\" }"), "Wharf".into())],
        )
        .unwrap();
        assert!(
            out.contains("a = { fr = \"Quai\", en = \"Wharf\" }\nb = { fr = \"Quai\" }"),
            "{out}"
        );
        assert!(set_texts(text, "en", &[(3..5, "x".into())]).is_err());
    }
}
