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
    },
    /// Load and validate everything a build would, without rendering.
    Check {
        /// The profile folder.
        #[arg(default_value = "data/dortmund")]
        profile_dir: PathBuf,
        /// Languages to check (default: every declared language with text).
        #[arg(long, value_delimiter = ',')]
        lang: Option<Vec<String>>,
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
        } => {
            let report = pipeline::build(&BuildOptions {
                profile_dir,
                languages: lang,
                out_dir: out,
                emit_typst,
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
        Command::Check { profile_dir, lang } => {
            let report = pipeline::check(&profile_dir, lang.as_deref());
            print_diagnostics(&report.diagnostics);
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
    }
}
