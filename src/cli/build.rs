//! `cityprofile build`: one PDF per edition of one or several profiles.
//! Before anything is compiled it refuses what would go wrong later: a
//! language a profile does not have, two profiles with the same id (the
//! second would overwrite the first's PDFs), an output folder that is a file
//! or cannot be written.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use cityprofile::build::{self, BuildOptions, Report};

use super::{plan, Output, Planned, Refusal, INPUT_ERROR};

/// What `build` and `watch` build, and how.
#[derive(clap::Args)]
pub struct EditionArgs {
    /// Languages to build, e.g. `en` or `en,de` (default: every declared
    /// language with text). Case and spaces do not matter.
    #[arg(long, value_delimiter = ',')]
    pub lang: Option<Vec<String>>,
    /// Output folder for the PDFs (default: `output`; in the profile folder
    /// when the command found it above the current folder).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write each edition's Typst sources, templates and fonts into this folder.
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
    /// Refuse to build an edition whose chapters are missing or outdated translations.
    #[arg(long)]
    pub strict: bool,
    /// Print where the time of each edition went (load and validate,
    /// Markdown, charts, Typst compile, PDF export, write) and how many
    /// layout passes Typst needed; the editions are then laid out one at a
    /// time.
    #[arg(long)]
    pub timings: bool,
    /// Also write each edition's print version, `<id>-<lang>-print.pdf`,
    /// with bleed and crop marks (unless the theme turns them off), padded
    /// to the theme's `page_multiple`.
    #[arg(long)]
    pub print: bool,
}

/// `cityprofile build`.
#[derive(clap::Args)]
pub struct Args {
    /// The profile folder (or its profile.toml), or several: each is built
    /// in turn, and one that fails does not stop the others. Default: the
    /// current folder when it holds a profile.toml, else the nearest folder
    /// above it that holds one, else the sample profile data/dortmund from
    /// the repository root.
    #[arg(value_name = "PROFILE_DIR")]
    pub profile_dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub editions: EditionArgs,
    /// Print only errors (for scripts): no progress lines, warnings or summary.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Checks `--out` and `--emit-typst` before anything is compiled.
pub fn check_output(editions: &EditionArgs, planned: &[Planned]) -> Result<(), Refusal> {
    for profile in planned {
        super::check_output_folder(&editions.out_dir(profile), "--out").map_err(Refusal::Input)?;
    }
    if let Some(dir) = &editions.emit_typst {
        super::check_output_folder(dir, "--emit-typst").map_err(Refusal::Input)?;
    }
    Ok(())
}

impl EditionArgs {
    /// Where the PDFs of a planned profile go: `--out`, else `output`, in
    /// the profile folder when the command found it above the current one.
    pub fn out_dir(&self, planned: &Planned) -> PathBuf {
        match &self.out {
            Some(out) => out.clone(),
            None if planned.found_above => planned.dir.join("output"),
            None => PathBuf::from("output"),
        }
    }

    /// The pipeline's options for one planned profile.
    pub fn options(&self, planned: &Planned) -> BuildOptions {
        BuildOptions {
            profile_dir: planned.dir.clone(),
            languages: planned.languages.clone(),
            out_dir: self.out_dir(planned),
            emit_typst: self.emit_typst.clone(),
            strict: self.strict,
            print: self.print,
            count_passes: self.timings,
        }
    }
}

pub fn run(args: Args, out: &Output) -> ExitCode {
    let plan = plan(
        &args.profile_dirs,
        args.editions.lang.as_deref(),
        "build",
        true,
    )
    .and_then(|plan| check_output(&args.editions, &plan).map(|()| plan));
    let planned = match plan {
        Ok(planned) => planned,
        Err(refusal) => return refusal.report(out),
    };
    let quiet = args.quiet;
    let started = Instant::now();
    let mut failed_profiles = Vec::new();
    let mut editions_written = 0;
    let profiles = planned.len();
    // Each loaded profile is let go once it is built, so a long batch
    // frees the files it read as it goes.
    for profile in planned {
        let profile = &profile;
        let out = &out.for_project(&profile.project);
        let report = build::build(&profile.project, &args.editions.options(profile));
        out.diagnostics(&report.diagnostics, quiet);
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
        if !quiet {
            print_changes(&report.changes);
        }
        editions_written += report.editions.len();
        if args.editions.timings {
            print_timings(&report);
        }
        if report.failed() {
            // Nothing was built when the profile did not load: there is no
            // PDF to speak of.
            let kept = if report.editions.is_empty()
                && !profile
                    .project
                    .sources()
                    .exists(&profile.dir.join("profile.toml"))
            {
                ""
            } else {
                "; no PDF of a failed edition was replaced"
            };
            out.error(format!(
                "build of {} failed: {} error(s){kept}",
                profile.dir.display(),
                report.diagnostics.errors().count()
            ));
            failed_profiles.push(profile.dir.display().to_string());
        }
    }
    if profiles > 1 && !quiet {
        println!(
            "built {editions_written} edition(s) of {} profile(s) in {:.1} s",
            profiles - failed_profiles.len(),
            started.elapsed().as_secs_f64()
        );
    }
    if failed_profiles.is_empty() {
        return ExitCode::SUCCESS;
    }
    if profiles > 1 {
        out.error(format!(
            "{} of {} profiles failed: {}",
            failed_profiles.len(),
            profiles,
            failed_profiles.join(", ")
        ));
    }
    ExitCode::from(INPUT_ERROR)
}

/// On standard error, one line per edition written saying what it prints
/// differently from the last build (when there was one to compare with),
/// each followed by the name of the report that lists it all.
pub fn print_changes(changes: &build::ChangeReport) {
    if changes.editions.is_empty() {
        return;
    }
    eprintln!("changes since the last build:");
    for edition in &changes.editions {
        match changes.paths.iter().find(|(lang, _)| *lang == edition.lang) {
            Some((_, path)) => eprintln!("  {} ({})", edition.summary(), path.display()),
            None => eprintln!("  {}", edition.summary()),
        }
    }
}

/// The `--timings` table: one line per edition, in milliseconds.
pub fn print_timings(report: &Report) {
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    println!(
        "timings (ms): load and validate {} (once for all editions)",
        ms(report.load_time)
    );
    println!(
        "{:<11} {:>9} {:>9} {:>9} {:>11} {:>9} {:>9} {:>7}",
        "edition", "markdown", "charts", "compile", "pdf export", "write", "total", "passes"
    );
    for edition in &report.editions {
        // A print edition is named as such: its language alone would list
        // the language twice.
        let name = if edition.print {
            format!("{} print", edition.lang)
        } else {
            edition.lang.clone()
        };
        if edition.unchanged {
            println!("{name:<11} unchanged, not rebuilt");
            continue;
        }
        let t = &edition.timings;
        println!(
            "{:<11} {:>9} {:>9} {:>9} {:>11} {:>9} {:>9} {:>7}",
            name,
            ms(t.markdown),
            ms(t.charts),
            ms(t.compile),
            ms(t.pdf_export),
            ms(t.write),
            ms(t.total()),
            t.passes.map_or("-".to_string(), |n| n.to_string())
        );
    }
    let built = report.editions.iter().filter(|e| !e.unchanged).count();
    if built > 1 {
        println!(
            "wall time {} (the editions are laid out one at a time, to count each one's passes; their Markdown and charts share the cores)",
            ms(report.total_time)
        );
    } else {
        println!("wall time {}", ms(report.total_time));
    }
}
