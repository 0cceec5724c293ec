//! Translation state: each translated chapter records, in a front matter
//! block, the hash of the source-language chapter it translates. From that,
//! every chapter of every language is complete, outdated (the source changed
//! since) or missing; `mark` records that a translation is up to date.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::base::diag::Diagnostic;
use crate::profile::Profile;

/// Where a chapter's translation stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChapterState {
    /// The translation records the current source text.
    Complete,
    /// The source text changed since the translation was made (or the
    /// translation records no source at all).
    Outdated,
    /// There is no translation.
    Missing,
}

impl fmt::Display for ChapterState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChapterState::Complete => "complete",
            ChapterState::Outdated => "outdated",
            ChapterState::Missing => "missing",
        })
    }
}

/// The front matter of a translated chapter:
///
/// ```text
/// +++
/// source_hash = "sha256:…"
/// +++
/// ```
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub source_hash: Option<String>,
}

const FENCE: &str = "+++";

/// The UTF-8 byte-order mark some editors write at the start of a file.
const BOM: char = '\u{feff}';

/// A file's text without the byte-order mark some editors put first.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// Splits a chapter into its front matter and its Markdown. The front matter
/// is blanked out rather than removed, so that lines and columns of the
/// Markdown stay those of the file. A byte-order mark at the start of the
/// file is dropped.
pub fn split_front_matter(path: &Path, text: &str) -> Result<(FrontMatter, String), Diagnostic> {
    let text = without_bom(text);
    if !opens_front_matter(text) {
        return Ok((FrontMatter::default(), text.to_string()));
    }
    let end = front_matter_end(text)
        .map_err(|(offset, message)| Diagnostic::error_at(path, text, offset, message))?;
    let first_line = text.find('\n').map_or(text.len(), |n| n + 1);
    let close_line = text[..end].trim_end().len() - FENCE.len();
    let toml_text = &text[first_line..close_line];
    let front: FrontMatter = toml::from_str(toml_text)
        .map_err(|e| crate::base::toml_errors::toml_error(path, text, first_line, &e))?;
    let blanked: String = text[..end]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    Ok((front, blanked + &text[end..]))
}

/// Whether a text (without byte-order mark) starts with a front matter.
fn opens_front_matter(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|line| line.trim_end() == FENCE)
}

/// The byte just after a front matter block (and its closing line break),
/// or where the block is damaged and why.
fn front_matter_end(text: &str) -> Result<usize, (usize, &'static str)> {
    let mut offset = text.find('\n').map_or(text.len(), |n| n + 1);
    for line in text[offset..].split_inclusive('\n') {
        let content = line.trim_end();
        if content == FENCE {
            return Ok(offset + line.len());
        }
        if let Some(rest) = content.strip_prefix(FENCE) {
            if !rest.starts_with('+') {
                return Err((
                    offset + FENCE.len(),
                    "text after the `+++` that closes the front matter: put it on the next line, so that `+++` stands alone on its line",
                ));
            }
        }
        offset += line.len();
    }
    Err((
        0,
        "the front matter opened by `+++` on the first line is never closed: end it with a line `+++` before the chapter's `# Title`",
    ))
}

/// The hash a translation records of its source chapter.
pub fn source_hash(source_text: &str) -> String {
    let normalized = without_bom(source_text).replace("\r\n", "\n");
    let digest = Sha256::digest(normalized.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The state of one chapter in one language (the source language is always
/// complete when its file exists).
pub fn chapter_state(
    profile: &Profile,
    lang: &str,
    chapter: &str,
) -> Result<ChapterState, Diagnostic> {
    if lang == profile.source_language() {
        let exists = profile.sources.exists(&profile.chapter_path(lang, chapter));
        return Ok(if exists {
            ChapterState::Complete
        } else {
            ChapterState::Missing
        });
    }
    read_chapter(profile, lang, chapter).map(|(state, _)| state)
}

/// A chapter of one language, read once: its state and, when its file
/// exists, its Markdown (the front matter blanked out).
pub fn read_chapter(
    profile: &Profile,
    lang: &str,
    chapter: &str,
) -> Result<(ChapterState, Option<String>), Diagnostic> {
    let path = profile.chapter_path(lang, chapter);
    if !profile.sources.exists(&path) {
        return Ok((ChapterState::Missing, None));
    }
    let text = profile.sources.read_text(&path)?;
    let (front, markdown) = split_front_matter(&path, &text)?;
    let source_lang = profile.source_language();
    if lang == source_lang {
        return Ok((ChapterState::Complete, Some(markdown)));
    }
    let source = profile
        .sources
        .read_text(&profile.chapter_path(&source_lang, chapter))?;
    let state = match front.source_hash {
        Some(hash) if hash == source_hash(&source) => ChapterState::Complete,
        _ => ChapterState::Outdated,
    };
    Ok((state, Some(markdown)))
}

/// Every chapter's state in one language, in chapter order.
pub fn language_report(
    profile: &Profile,
    lang: &str,
) -> Vec<(String, Result<ChapterState, Diagnostic>)> {
    profile
        .meta
        .value
        .chapters
        .iter()
        .map(|c| {
            let name = c.file.get_ref().clone();
            let state = chapter_state(profile, lang, &name);
            (name, state)
        })
        .collect()
}

/// Records that the chapters of `lang` translate the current source text:
/// writes (or replaces) each file's front matter. Returns the chapters
/// marked. Marking nothing is an error, not a success: a language the
/// profile does not declare, a chapter it does not have, a named chapter
/// without a translation file, or a language with no translated chapter.
pub fn mark(
    profile: &Profile,
    lang: &str,
    chapters: Option<&[String]>,
) -> Result<Vec<String>, Diagnostic> {
    let declared = profile.declared_languages();
    if !declared.iter().any(|l| l == lang) {
        return Err(Diagnostic::error(
            &profile.meta.file.path,
            None,
            format!(
                "`{lang}` is not one of the profile's languages ({}): add it to `languages` first",
                declared.join(", ")
            ),
        ));
    }
    let source_lang = profile.source_language();
    if lang == source_lang {
        return Err(Diagnostic::general(format!(
            "`{lang}` is the source language: only translations are marked"
        )));
    }
    let all: Vec<String> = profile
        .meta
        .value
        .chapters
        .iter()
        .map(|c| c.file.get_ref().clone())
        .collect();
    let named = chapters.is_some();
    let wanted: Vec<String> = match chapters {
        Some(list) => {
            for name in list {
                if !all.contains(name) {
                    return Err(Diagnostic::general(format!(
                        "`{name}` is not a chapter of this profile (chapters: {})",
                        all.join(", ")
                    )));
                }
            }
            list.to_vec()
        }
        None => all,
    };
    // A named chapter must have its translation: checked before any file
    // is written.
    for name in wanted.iter().filter(|_| named) {
        let path = profile.chapter_path(lang, name);
        if !profile.sources.exists(&path) {
            return Err(Diagnostic::error(
                &path,
                None,
                format!("chapter `{name}` has no {lang} translation yet: translate it into this file first (nothing was marked)"),
            ));
        }
    }
    let mut marked = Vec::new();
    for name in wanted {
        let path = profile.chapter_path(lang, &name);
        if !profile.sources.exists(&path) {
            continue;
        }
        let source = profile
            .sources
            .read_text(&profile.chapter_path(&source_lang, &name))?;
        let text = profile.sources.read_text(&path)?;
        split_front_matter(&path, &text)?;
        let text = without_bom(&text);
        let body = match front_matter_end(text) {
            Ok(end) if opens_front_matter(text) => &text[end..],
            _ => text,
        };
        let updated = format!(
            "{FENCE}\nsource_hash = \"{}\"\n{FENCE}\n{body}",
            source_hash(&source)
        );
        if updated != text {
            crate::base::io::write_atomically(&path, updated.as_bytes())?;
        }
        marked.push(name);
    }
    if marked.is_empty() {
        return Err(Diagnostic::error(
            &profile.dir.join("text").join(lang),
            None,
            format!("there is no {lang} chapter to mark: translate a chapter of text/{source_lang}/ into this folder first"),
        ));
    }
    Ok(marked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read_and_blanked_keeping_lines() {
        let text = "+++\nsource_hash = \"sha256:ab\"\n+++\n# Title\n";
        let (front, body) = split_front_matter(Path::new("x.md"), text).unwrap();
        assert_eq!(front.source_hash.as_deref(), Some("sha256:ab"));
        assert_eq!(body.len(), text.len());
        assert_eq!(body.lines().nth(3), Some("# Title"));
        assert!(body.lines().take(3).all(|l| l.trim().is_empty()));
    }

    #[test]
    fn files_without_front_matter_are_unchanged() {
        let (front, body) = split_front_matter(Path::new("x.md"), "# Title\n").unwrap();
        assert_eq!(front, FrontMatter::default());
        assert_eq!(body, "# Title\n");
    }

    #[test]
    fn bad_front_matter_is_an_error_with_its_line() {
        let err = split_front_matter(Path::new("x.md"), "+++\nsource = 1\n+++\n# T\n").unwrap_err();
        assert!(err.to_string().contains("x.md:2:1"), "{err}");
        let err =
            split_front_matter(Path::new("x.md"), "+++\nsource_hash = \"a\"\n# T\n").unwrap_err();
        assert!(err.to_string().contains("never closed"), "{err}");
        let err = split_front_matter(Path::new("x.md"), "+++\nsource_hash = \"a\"\n+++ # Title\n")
            .unwrap_err();
        assert!(err.to_string().contains("x.md:3:4"), "{err}");
        assert!(err.to_string().contains("text after the `+++`"), "{err}");
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let text = "\u{feff}+++\nsource_hash = \"sha256:ab\"\n+++\n# Title\n";
        let (front, body) = split_front_matter(Path::new("x.md"), text).unwrap();
        assert_eq!(front.source_hash.as_deref(), Some("sha256:ab"));
        assert_eq!(body.lines().nth(3), Some("# Title"));
        let (_, body) = split_front_matter(Path::new("x.md"), "\u{feff}# Title\n").unwrap();
        assert_eq!(body, "# Title\n");
        assert_eq!(source_hash("\u{feff}a\n"), source_hash("a\n"));
    }

    #[test]
    fn hash_ignores_line_endings() {
        assert_eq!(source_hash("a\r\nb\n"), source_hash("a\nb\n"));
        assert_ne!(source_hash("a\n"), source_hash("b\n"));
    }
}
