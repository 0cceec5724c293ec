//! The `cityprofile` command line: parses arguments, calls the library,
//! prints diagnostics and sets the exit code (0 success, 1 a problem with the
//! input, 2 a wrong command line).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cityprofile::diagnostics::Diagnostics;
use cityprofile::pipeline::{self, BuildOptions};

/// Builds print-ready PDF City Migration Profiles from a profile folder.
#[derive(Parser)]
#[command(name = "cityprofile", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build one PDF per language into the output folder.
    Build {
        /// The profile folder.
        #[arg(default_value = "data/dortmund")]
        profile_dir: PathBuf,
        /// Languages to build, e.g. `en` or `en,de` (default: every declared language with text).
        #[arg(long, value_delimiter = ',')]
        lang: Option<Vec<String>>,
        /// Output folder for the PDFs.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Also write each edition's Typst sources, templates and fonts into this folder.
        #[arg(long, value_name = "DIR")]
        emit_typst: Option<PathBuf>,
        /// Refuse to build an edition whose chapters are missing or outdated translations.
        #[arg(long)]
        strict: bool,
    },
    /// Load and validate everything a build would, without rendering.
    Check {
        /// The profile folder.
        #[arg(default_value = "data/dortmund")]
        profile_dir: PathBuf,
        /// Languages to check (default: every declared language with text).
        #[arg(long, value_delimiter = ',')]
        lang: Option<Vec<String>>,
        /// Make missing and outdated translations errors.
        #[arg(long)]
        strict: bool,
    },
    /// Record that a language's chapters translate the current source text
    /// (after translating or updating them).
    MarkTranslated {
        /// The profile folder.
        #[arg(default_value = "data/dortmund")]
        profile_dir: PathBuf,
        /// The language of the translation.
        #[arg(long)]
        lang: String,
        /// Only these chapters (default: every chapter that has a file).
        #[arg(long, value_delimiter = ',')]
        chapter: Option<Vec<String>>,
    },
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    for d in diagnostics.sorted() {
        eprintln!("{d}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            profile_dir,
            lang,
            out,
            emit_typst,
            strict,
        } => {
            let report = pipeline::build(&BuildOptions {
                profile_dir,
                languages: lang,
                out_dir: out,
                emit_typst,
                strict,
            });
            print_diagnostics(&report.diagnostics);
            for edition in &report.editions {
                println!("wrote {} ({} pages)", edition.path.display(), edition.pages);
            }
            if report.failed() {
                eprintln!(
                    "build failed: {} error(s); no PDF of a failed edition was replaced",
                    report.diagnostics.errors().count()
                );
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Check {
            profile_dir,
            lang,
            strict,
        } => {
            let report = pipeline::check(&profile_dir, lang.as_deref(), strict);
            print_diagnostics(&report.diagnostics);
            for (language, chapters) in &report.translations {
                for (chapter, state) in chapters {
                    println!("translation {language} {chapter}: {state}");
                }
            }
            let errors = report.diagnostics.errors().count();
            let warnings = report.diagnostics.warnings().count();
            if errors > 0 {
                eprintln!("check failed: {errors} error(s), {warnings} warning(s)");
                ExitCode::from(1)
            } else {
                println!("check passed: {warnings} warning(s)");
                ExitCode::SUCCESS
            }
        }
        Command::MarkTranslated {
            profile_dir,
            lang,
            chapter,
        } => {
            let (profile, diagnostics) = cityprofile::profile::load(&profile_dir);
            let Some(profile) = profile else {
                print_diagnostics(&diagnostics);
                return ExitCode::from(1);
            };
            match cityprofile::translation::mark(&profile, &lang, chapter.as_deref()) {
                Ok(marked) => {
                    println!(
                        "marked {} {lang} chapter(s) as translations of the current source: {}",
                        marked.len(),
                        marked.join(", ")
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprintln!("{d}");
                    ExitCode::from(1)
                }
            }
        }
    }
}
