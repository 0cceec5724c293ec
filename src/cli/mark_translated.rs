//! `cityprofile mark-translated`: records that a language's chapters
//! translate the current source text. Marking nothing is an error, never a
//! quiet success: a language the profile lacks, a chapter it does not have
//! or one not yet translated is refused.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{plan, Output, INPUT_ERROR};

/// `cityprofile mark-translated`.
#[derive(clap::Args)]
pub struct Args {
    /// The profile folder (or its profile.toml). Default: as for `build`.
    #[arg(value_name = "PROFILE_DIR")]
    pub profile_dir: Option<PathBuf>,
    /// The language of the translation.
    #[arg(long)]
    pub lang: String,
    /// Only these chapters (default: every chapter that has a file).
    #[arg(long, value_delimiter = ',')]
    pub chapter: Option<Vec<String>>,
    /// In a language kept with a PO record: record the blocks that are
    /// still the source-language text as it is as translations too (by
    /// default they stay untranslated, with a warning each).
    #[arg(long)]
    pub accept_source_text: bool,
}

pub fn run(args: Args, out: &Output) -> ExitCode {
    let (profile, lang) = match plan::plan_one_language(
        args.profile_dir.as_ref(),
        &args.lang,
        "mark-translated",
        out,
    ) {
        Ok(planned) => planned,
        Err(code) => return code,
    };
    let chapters: Option<Vec<String>> = args.chapter.map(|chapters| {
        chapters
            .iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    });
    let out = &out.for_project(&profile.project);
    let Some(loaded) = &profile.project.profile else {
        out.diagnostics(&profile.project.diagnostics, false);
        return ExitCode::from(INPUT_ERROR);
    };
    match cityprofile::translate::state::mark(loaded, &lang, chapters.as_deref()) {
        Ok(marked) => {
            // A language kept in a PO catalog: its record takes the marked
            // chapters as they are now (read again after marking), so that
            // every command counts them alike.
            let marked_project = profile
                .project
                .reload(&marked_files(loaded, &lang, &marked));
            let Some(reloaded) = &marked_project.profile else {
                out.diagnostics(&marked_project.diagnostics, false);
                return ExitCode::from(INPUT_ERROR);
            };
            match cityprofile::translate::po::confirm_chapters(
                reloaded,
                &lang,
                &marked,
                args.accept_source_text,
            ) {
                Ok(confirmed) => confirmed.source_text.iter().for_each(|w| out.diagnostic(w)),
                Err(d) => {
                    out.diagnostic(&d);
                    return ExitCode::from(INPUT_ERROR);
                }
            }
            let of = if profile.dir == std::path::Path::new(".") {
                String::new()
            } else {
                format!(" of {}", profile.dir.display())
            };
            println!(
                "marked {} {lang} chapter(s){of} as translations of the current source: {}",
                marked.len(),
                marked.join(", ")
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            out.diagnostic(&d);
            ExitCode::from(INPUT_ERROR)
        }
    }
}

/// The files `mark` wrote: the marked chapters of `lang`.
fn marked_files(
    profile: &cityprofile::profile::Profile,
    lang: &str,
    marked: &[String],
) -> Vec<std::path::PathBuf> {
    marked
        .iter()
        .map(|chapter| profile.chapter_path(lang, chapter))
        .collect()
}
