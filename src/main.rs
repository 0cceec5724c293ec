//! The `cityprofile` command line: parses arguments, calls the library,
//! prints diagnostics and sets the exit code (0 success, 1 a problem with the
//! input, 2 a wrong command line).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use cityprofile::diagnostics::Diagnostics;
use cityprofile::pipeline::{self, BuildOptions};

/// Builds print-ready PDF City Migration Profiles from a profile folder.
#[derive(Parser)]
#[command(name = "cityprofile", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What `build` and `watch` build, and how.
#[derive(Args)]
struct EditionArgs {
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
    /// Print where the time of each edition went (load and validate,
    /// Markdown, charts, Typst compile, PDF export, write).
    #[arg(long)]
    timings: bool,
    /// Also write each edition's print version, `<id>-<lang>-print.pdf`,
    /// with bleed (and crop marks when the theme asks for them).
    #[arg(long)]
    print: bool,
}

impl EditionArgs {
    fn options(&self, profile_dir: &Path) -> BuildOptions {
        BuildOptions {
            profile_dir: profile_dir.to_path_buf(),
            languages: self.lang.clone(),
            out_dir: self.out.clone(),
            emit_typst: self.emit_typst.clone(),
            strict: self.strict,
            print: self.print,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build one PDF per language into the output folder.
    Build {
        /// The profile folder, or several: each is built in turn, and one
        /// that fails does not stop the others.
        #[arg(default_value = "data/dortmund", num_args = 1..)]
        profile_dirs: Vec<PathBuf>,
        #[command(flatten)]
        editions: EditionArgs,
        /// Print only errors (for scripts): no progress lines, warnings or summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Build, then rebuild on every change in the profile folder (until stopped with Ctrl-C).
    Watch {
        /// The profile folder.
        #[arg(default_value = "data/dortmund")]
        profile_dir: PathBuf,
        #[command(flatten)]
        editions: EditionArgs,
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
    /// Create a new profile folder with every chapter, table and figure of the
    /// MC2CM structure as placeholders, ready to build.
    New {
        /// The folder to create (it must not exist or be empty).
        dir: PathBuf,
        /// The city's name, as printed.
        #[arg(long)]
        city: String,
        /// The country's name (default: a placeholder).
        #[arg(long)]
        country: Option<String>,
        /// Languages of the editions; the first is the one the text is written in.
        #[arg(long, value_delimiter = ',', default_value = "en")]
        lang: Vec<String>,
        /// The profile id, used in the PDFs' names (default: from the city's name).
        #[arg(long)]
        id: Option<String>,
    },
    /// The built-in templates, as a starting point for a profile's own.
    Template {
        #[command(subcommand)]
        action: TemplateAction,
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

/// Errors with their source line; warnings (to-do lists can be long) one
/// line each, unless only errors are wanted (`--quiet`).
fn print_diagnostics(diagnostics: &Diagnostics, errors_only: bool) {
    for d in diagnostics.sorted() {
        if d.is_error() {
            eprintln!("{}", d.render());
        } else if !errors_only {
            eprintln!("{d}");
        }
    }
}

#[derive(Subcommand)]
enum TemplateAction {
    /// Write the built-in template (`profile.typ`, `components/*.typ`) and
    /// layout strings (`strings/<lang>.toml`) into a folder. A file copied
    /// into a profile's `template/` folder (same path) replaces the
    /// built-in one.
    Export {
        /// The folder to write into.
        dir: PathBuf,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            profile_dirs,
            editions,
            quiet,
        } => {
            let timings = editions.timings;
            let started = std::time::Instant::now();
            let mut failed_profiles = Vec::new();
            let mut editions_written = 0;
            for profile_dir in &profile_dirs {
                let report = pipeline::build(&editions.options(profile_dir));
                print_diagnostics(&report.diagnostics, quiet);
                if !quiet {
                    for edition in &report.editions {
                        println!(
                            "wrote {} ({} pages, {:.2} s)",
                            edition.path.display(),
                            edition.pages,
                            edition.timings.total().as_secs_f64()
                        );
                    }
                }
                editions_written += report.editions.len();
                if timings {
                    print_timings(&report);
                }
                // Typst's caches serve the editions of one profile; dropping
                // them between profiles keeps a long batch's memory flat.
                if profile_dirs.len() > 1 {
                    typst::comemo::evict(0);
                }
                if report.failed() {
                    eprintln!(
                        "build of {} failed: {} error(s); no PDF of a failed edition was replaced",
                        profile_dir.display(),
                        report.diagnostics.errors().count()
                    );
                    failed_profiles.push(profile_dir.display().to_string());
                }
            }
            if profile_dirs.len() > 1 && !quiet {
                println!(
                    "built {editions_written} edition(s) of {} profile(s) in {:.1} s",
                    profile_dirs.len() - failed_profiles.len(),
                    started.elapsed().as_secs_f64()
                );
            }
            if failed_profiles.is_empty() {
                ExitCode::SUCCESS
            } else {
                if profile_dirs.len() > 1 {
                    eprintln!(
                        "{} of {} profiles failed: {}",
                        failed_profiles.len(),
                        profile_dirs.len(),
                        failed_profiles.join(", ")
                    );
                }
                ExitCode::from(1)
            }
        }
        Command::Watch {
            profile_dir,
            editions,
        } => {
            let timings = editions.timings;
            let options = editions.options(&profile_dir);
            let result = cityprofile::watch::watch(&options, |rebuild| {
                print_diagnostics(&rebuild.report.diagnostics, false);
                let ms = rebuild.elapsed.as_secs_f64() * 1000.0;
                let cause = match rebuild.changed {
                    [] => String::new(),
                    [one] => format!(" after a change to {}", one.display()),
                    many => format!(" after changes to {} files", many.len()),
                };
                if rebuild.report.failed() {
                    eprintln!(
                        "build failed{cause}: {} error(s); the last good PDFs stay in place; watching for changes",
                        rebuild.report.diagnostics.errors().count()
                    );
                } else {
                    let (unchanged, rebuilt): (Vec<_>, Vec<_>) =
                        rebuild.report.editions.iter().partition(|e| e.unchanged);
                    let list = |editions: &[&pipeline::BuiltEdition]| {
                        let languages: Vec<&str> =
                            editions.iter().map(|e| e.lang.as_str()).collect();
                        languages.join(", ")
                    };
                    let watching = options.profile_dir.display();
                    match (rebuilt.is_empty(), unchanged.is_empty()) {
                        (true, _) => println!(
                            "no edition changed{cause} ({} ms); watching {watching}",
                            ms.round()
                        ),
                        (false, true) => println!(
                            "built {} in {ms:.0} ms{cause}; watching {watching}",
                            list(&rebuilt)
                        ),
                        (false, false) => println!(
                            "built {} in {ms:.0} ms{cause} ({} unchanged); watching {watching}",
                            list(&rebuilt),
                            list(&unchanged)
                        ),
                    }
                }
                if timings {
                    print_timings(rebuild.report);
                }
            });
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            profile_dir,
            lang,
            strict,
        } => {
            let report = pipeline::check(&profile_dir, lang.as_deref(), strict);
            print_diagnostics(&report.diagnostics, false);
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
        Command::New {
            dir,
            city,
            country,
            lang,
            id,
        } => {
            let request = cityprofile::scaffold::NewProfile {
                dir: dir.clone(),
                city,
                id,
                country,
                languages: lang,
            };
            match cityprofile::scaffold::create(&request) {
                Ok(files) => {
                    println!(
                        "created {} ({} files): `cityprofile check {0}` lists its placeholders, `cityprofile build {0}` builds it",
                        dir.display(),
                        files.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprintln!("{}", d.render());
                    ExitCode::from(1)
                }
            }
        }
        Command::Template {
            action: TemplateAction::Export { dir, force },
        } => match cityprofile::embedded::export_templates(&dir, force) {
            Ok(files) => {
                for file in &files {
                    println!("wrote {}", file.display());
                }
                println!(
                    "copy profile.typ or a file of components/ into <profile>/template/ (same path) to use your own version of it"
                );
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(1)
            }
        },
        Command::MarkTranslated {
            profile_dir,
            lang,
            chapter,
        } => {
            let (profile, diagnostics) = cityprofile::profile::load(&profile_dir);
            let Some(profile) = profile else {
                print_diagnostics(&diagnostics, false);
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

/// The `--timings` table: one line per edition, in milliseconds.
fn print_timings(report: &pipeline::Report) {
    let ms = |d: std::time::Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    println!(
        "timings (ms): load and validate {} (once for all editions)",
        ms(report.load_time)
    );
    println!(
        "{:<8} {:>9} {:>9} {:>9} {:>11} {:>9} {:>9}",
        "edition", "markdown", "charts", "compile", "pdf export", "write", "total"
    );
    for edition in &report.editions {
        if edition.unchanged {
            println!("{:<8} unchanged, not rebuilt", edition.lang);
            continue;
        }
        let t = &edition.timings;
        println!(
            "{:<8} {:>9} {:>9} {:>9} {:>11} {:>9} {:>9}",
            edition.lang,
            ms(t.markdown),
            ms(t.charts),
            ms(t.compile),
            ms(t.pdf_export),
            ms(t.write),
            ms(t.total())
        );
    }
    let built = report.editions.iter().filter(|e| !e.unchanged).count();
    if built > 1 {
        println!(
            "wall time {} (the editions share the cores: each edition's figures include time spent waiting for, or working on, the others; `--lang` with one language shows its own)",
            ms(report.total_time)
        );
    } else {
        println!("wall time {}", ms(report.total_time));
    }
}
