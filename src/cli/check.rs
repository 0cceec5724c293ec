//! `cityprofile check`: validates one or several profiles as a build would,
//! without writing anything, and shows where each translation stands as a
//! table of chapters by language.

use std::path::PathBuf;
use std::process::ExitCode;

use cityprofile::build::{self, Project, Report};

use super::{plan, Output, ProfileHead, INPUT_ERROR};

/// `cityprofile check`.
#[derive(clap::Args)]
pub struct Args {
    /// The profile folder (or its profile.toml), or several, checked in
    /// turn. Default: as for `build`.
    #[arg(value_name = "PROFILE_DIR")]
    pub profile_dirs: Vec<PathBuf>,
    /// Languages to check (default: every declared language with text).
    #[arg(long, value_delimiter = ',')]
    pub lang: Option<Vec<String>>,
    /// Make missing and outdated translations errors.
    #[arg(long)]
    pub strict: bool,
    /// Print only errors: no warnings, translation table or summary.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: Args, out: &Output) -> ExitCode {
    let planned = match plan(&args.profile_dirs, args.lang.as_deref(), "check", false) {
        Ok(planned) => planned,
        Err(refusal) => return refusal.report(out),
    };
    let profiles = planned.len();
    let several = profiles > 1;
    let mut failed = Vec::new();
    for profile in planned {
        let profile = &profile;
        let out = &out.for_project(&profile.project);
        let report = build::check(&profile.project, profile.languages.as_deref(), args.strict);
        out.diagnostics(&report.diagnostics, args.quiet);
        if !args.quiet {
            let source = ProfileHead::of(&profile.project).source_language();
            let table = translation_table(&report, source.as_deref());
            if several && !table.is_empty() {
                // Which profile the table belongs to.
                print!("{}: {table}", profile.dir.display());
            } else {
                print!("{table}");
            }
            print!(
                "{}",
                segment_report(&profile.project, profile.languages.as_deref())
            );
        }
        let errors = report.diagnostics.errors().count();
        let warnings = report.diagnostics.warnings().count();
        let of = if several {
            format!(" of {}", profile.dir.display())
        } else {
            String::new()
        };
        if errors > 0 {
            out.error(format!(
                "check{of} failed: {errors} error(s), {warnings} warning(s)"
            ));
            failed.push(profile.dir.display().to_string());
        } else if !args.quiet {
            println!("check{of} passed: {warnings} warning(s)");
        }
    }
    if failed.is_empty() {
        return ExitCode::SUCCESS;
    }
    if several {
        out.error(format!(
            "{} of {} profiles failed: {}",
            failed.len(),
            profiles,
            failed.join(", ")
        ));
    }
    ExitCode::from(INPUT_ERROR)
}

/// Where each translation stands segment by segment (as `translate
/// export` writes it): counts per language, then the fuzzy and untranslated
/// segments with their place (the first ten of each language).
fn segment_report(project: &Project, languages: Option<&[String]>) -> String {
    let Some(profile) = &project.profile else {
        return String::new();
    };
    let source = profile.source_language();
    let mut out = String::new();
    for lang in profile.declared_languages() {
        if lang == source || languages.is_some_and(|l| !l.iter().any(|l| *l == lang)) {
            continue;
        }
        let Ok(state) = cityprofile::translate::po::state(profile, &lang) else {
            continue;
        };
        if out.is_empty() {
            out.push_str("segments (`cityprofile translate export`):\n");
        }
        out.push_str(&format!(
            "{lang}: {} translated, {} fuzzy, {} untranslated\n",
            state.translated, state.fuzzy, state.untranslated
        ));
        for (place, what) in state.open.iter().take(10) {
            out.push_str(&format!("  {what}: {place}\n"));
        }
        if state.open.len() > 10 {
            out.push_str(&format!("  and {} more\n", state.open.len() - 10));
        }
    }
    out
}

/// The translation state as a table, one row per chapter and one column per
/// translated language (the source language is left out: it is what the
/// others translate); `error` where the chapter's file could not be read
/// (the error says why). Empty when the profile has no other language.
///
/// ```text
/// translations of the en text:
/// chapter      de        fr
/// background   complete  outdated
/// sources      complete  missing
/// ```
pub fn translation_table(report: &Report, source: Option<&str>) -> String {
    let columns: Vec<_> = report
        .translations
        .iter()
        .filter(|(lang, _)| Some(lang.as_str()) != source)
        .collect();
    let Some((_, first)) = columns.first() else {
        return String::new();
    };
    let chapters: Vec<&str> = first.iter().map(|(c, _)| c.as_str()).collect();
    let chapter_width = chapters
        .iter()
        .map(|c| c.chars().count())
        .chain(["chapter".len()])
        .max()
        .unwrap_or(0);
    const STATE_WIDTH: usize = "complete".len();
    let mut table = match source {
        Some(source) => format!("translations of the {source} text:\n"),
        None => "translations:\n".to_string(),
    };
    let mut row = |first: &str, cells: Vec<String>| {
        let mut line = format!("{first:<chapter_width$}");
        for cell in cells {
            line.push_str(&format!("  {cell:<STATE_WIDTH$}"));
        }
        table.push_str(line.trim_end());
        table.push('\n');
    };
    row(
        "chapter",
        columns.iter().map(|(lang, _)| lang.to_string()).collect(),
    );
    for chapter in chapters {
        let cells = columns
            .iter()
            .map(|(_, states)| {
                states
                    .iter()
                    .find(|(c, _)| c == chapter)
                    .map_or("error".to_string(), |(_, state)| state.to_string())
            })
            .collect();
        row(chapter, cells);
    }
    table
}
