//! Which text each chapter of an edition prints: its translation when it is
//! complete; an outdated translation as it is (reported), or, for a
//! language kept in a PO catalog, with each segment whose translation is
//! fuzzy or missing replaced by its source text; the source language's
//! text when the translation is missing. The edition converts what
//! [`select`] picks, and the glyph check before the build
//! (`build::preflight`) checks the characters of the same text.

use crate::base::diag::{Diagnostic, Diagnostics, Position};
use crate::base::source::SourceFile;
use crate::profile::Profile;
use crate::translate::po;
use crate::translate::state::{self, ChapterState};

/// The text one chapter prints in one edition.
#[derive(Debug)]
pub struct ChapterText {
    /// The chapter's translation state in the edition's language.
    pub state: ChapterState,
    /// The Markdown printed (front matter blanked out), and the file its
    /// lines are reported in: the translation, or the source language's
    /// chapter when the translation is missing. A PO fallback's segments
    /// printed in the source language are reported in the translation.
    pub file: SourceFile,
}

impl ChapterText {
    /// Whether the chapter prints the source language's text (its
    /// translation is missing): its numbers are then written as the source
    /// language writes them.
    pub fn in_source_language(&self) -> bool {
        self.state == ChapterState::Missing
    }
}

/// The text chapter `name` (as listed in profile.toml) prints in the `lang`
/// edition. Every gap (a missing or outdated translation, each unfinished
/// segment of a PO fallback) and every problem goes into `diags`; gaps are
/// warnings the final print run (`--strict`) refuses. `None` when the
/// chapter prints nothing: its text cannot be read, or the source language
/// has none (an error in `diags`).
pub fn select(
    profile: &Profile,
    lang: &str,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<ChapterText> {
    let source_lang = profile.source_language();
    // A translation whose source changed as a whole.
    let outdated = |path: &std::path::Path| {
        let folder = crate::base::diag::shell_word(&profile.dir);
        let message = format!("the {lang} translation of chapter `{name}` is outdated: the {source_lang} text changed since it was translated (update it, then run `cityprofile mark-translated {folder} --lang {lang} --chapter {name}`)");
        Diagnostic::print_run_gap(path, None, message.clone(), message)
    };
    let (state, mut translated) = match state::read_chapter(profile, lang, name) {
        Ok(chapter) => chapter,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut path = profile.chapter_path(lang, name);
    // A chapter file that is there but cannot be read (a symbolic link out
    // of the profile, a file without read permission) is an error that says
    // why, not a missing chapter.
    if state == ChapterState::Missing {
        if let Err(e) = profile.sources.read(&path) {
            if e.kind() != std::io::ErrorKind::NotFound {
                diags.push(crate::base::io::read_error(&path, &e));
                return None;
            }
        }
    }
    match state {
        ChapterState::Complete => {}
        ChapterState::Missing if lang == source_lang => {
            diags.push(Diagnostic::error(
                &path,
                None,
                format!(
                    "chapter `{name}` (listed in profile.toml) has no {lang} text: create {}",
                    path.display()
                ),
            ));
            return None;
        }
        ChapterState::Missing => {
            diags.push(Diagnostic::print_run_gap(
                &path,
                None,
                format!("chapter `{name}` is not translated into {lang}: the {source_lang} text is printed, marked as untranslated"),
                format!("chapter `{name}` is not translated into {lang} (--strict refuses missing translations): create {}", path.display()),
            ));
            path = profile.chapter_path(&source_lang, name);
        }
        ChapterState::Outdated => match &translated {
            // A language kept in a PO catalog: only the segments whose
            // source changed fall back, each printed in the source language.
            Some(markdown) => match po::fallback_chapter(profile, lang, name, markdown) {
                Ok(Some((markdown, open))) => {
                    let source_path = profile.chapter_path(&source_lang, name);
                    for segment in &open {
                        let message = |strict| {
                            format!(
                                "this segment is {} in {lang}: {}",
                                segment.state,
                                source_printed(&source_lang, lang, strict)
                            )
                        };
                        let position = Some(Position {
                            line: segment.line,
                            column: 1,
                        });
                        diags.push(Diagnostic::print_run_gap(
                            &source_path,
                            position,
                            message(false),
                            message(true),
                        ));
                    }
                    translated = Some(markdown);
                }
                Ok(None) => diags.push(outdated(&path)),
                Err(d) => diags.push(d),
            },
            None => diags.push(outdated(&path)),
        },
    }
    // A missing translation prints the source language's text.
    let text = match translated {
        Some(markdown) => markdown,
        None => match state::read_chapter(profile, &source_lang, name) {
            Ok((_, Some(markdown))) => markdown,
            Ok((_, None)) => {
                // The source text is missing too: report why it cannot be read.
                diags.extend(profile.sources.read_text(&path).err());
                return None;
            }
            Err(d) => {
                diags.push(d);
                return None;
            }
        },
    };
    Some(ChapterText {
        state,
        file: SourceFile { path, text },
    })
}

/// The end of the message about a segment or data text whose translation
/// (kept in a PO record) is fuzzy or missing: the source-language text is
/// printed instead, and how to translate it.
pub(super) fn source_printed(source_lang: &str, lang: &str, strict: bool) -> String {
    format!(
        "the {source_lang} text is printed{} (translate it with `cityprofile translate export --lang {lang}` and import the catalog)",
        if strict {
            " (--strict refuses unfinished translations)"
        } else {
            ""
        }
    )
}
