//! `cityprofile watch`: builds, then rebuilds on every change. It fails fast
//! when there is nothing to watch (no such folder, a profile that does not
//! load, a language the profile lacks) and keeps running after an error only
//! once the profile has loaded. Warnings already shown are not repeated on
//! every rebuild: a rebuild counts them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cityprofile::base::diag::Diagnostics;
use cityprofile::build::watch::Rebuild;
use cityprofile::build::BuiltEdition;

use super::build::{check_output, print_timings, EditionArgs};
use super::{plan, Output, INPUT_ERROR};

/// `cityprofile watch`.
#[derive(clap::Args)]
pub struct Args {
    /// The profile folder (or its profile.toml). Default: as for `build`.
    #[arg(value_name = "PROFILE_DIR")]
    pub profile_dir: Option<PathBuf>,
    #[command(flatten)]
    pub editions: EditionArgs,
    /// Print only errors: no progress lines or warnings.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: Args, out: &Output) -> ExitCode {
    let given: Vec<PathBuf> = args.profile_dir.iter().cloned().collect();
    let planned = plan(&given, args.editions.lang.as_deref(), "watch", false)
        .and_then(|plan| check_output(&args.editions, &plan).map(|()| plan));
    let profile = match planned {
        Ok(mut planned) => planned.remove(0),
        Err(refusal) => return refusal.report(out),
    };
    // Nothing to watch until the profile loads once: fail at once rather
    // than wait for changes in a folder that is not a profile.
    if profile.project.profile.is_none() {
        let out = out.for_project(&profile.project);
        out.diagnostics(&profile.project.diagnostics, false);
        out.error(format!(
            "{} does not load as a profile: nothing to watch",
            profile.dir.display()
        ));
        return ExitCode::from(INPUT_ERROR);
    }
    let options = args.editions.options(&profile);
    let watching = options.profile_dir.display().to_string();
    let mut shown = ShownWarnings::default();
    let result = cityprofile::build::watch::watch(profile.project, &options, |rebuild| {
        let out = out.with_sources(rebuild.sources);
        print_rebuild(rebuild, &watching, &args, &out, &mut shown);
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            out.error(problem.to_string());
            ExitCode::from(INPUT_ERROR)
        }
    }
}

/// Warnings printed by earlier builds of this watch.
#[derive(Default)]
struct ShownWarnings {
    seen: HashSet<String>,
}

impl ShownWarnings {
    /// Prints the errors and the warnings not shown before; returns how many
    /// warnings were left out because an earlier build showed them.
    fn print(&mut self, diagnostics: &Diagnostics, out: &Output, quiet: bool) -> usize {
        let mut repeated = 0;
        for d in diagnostics.sorted() {
            if d.is_error() {
                out.diagnostic(&d);
            } else if self.seen.insert(d.to_string()) {
                if !quiet {
                    out.diagnostic(&d);
                }
            } else {
                repeated += 1;
            }
        }
        repeated
    }
}

/// A changed file as the user named its profile: `values.toml` inside the
/// current folder, `data/mycity/values.toml` for `watch data/mycity` (the
/// file watcher reports absolute paths).
fn shown_path(changed: &Path, watching: &str) -> PathBuf {
    let folder = Path::new(watching);
    let absolute = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    match changed.strip_prefix(&absolute) {
        Ok(relative) if watching == "." => relative.to_path_buf(),
        Ok(relative) => folder.join(relative),
        Err(_) => changed.to_path_buf(),
    }
}

/// The messages of one build of the watch.
fn print_rebuild(
    rebuild: &Rebuild,
    watching: &str,
    args: &Args,
    out: &Output,
    shown: &mut ShownWarnings,
) {
    let report = rebuild.report;
    let repeated = shown.print(&report.diagnostics, out, args.quiet);
    let ms = rebuild.elapsed.as_secs_f64() * 1000.0;
    let cause = match rebuild.changed {
        [] => String::new(),
        [one] => format!(" after a change to {}", shown_path(one, watching).display()),
        many => format!(" after changes to {} files", many.len()),
    };
    let still = if repeated > 0 && !args.quiet {
        format!("; {repeated} warning(s) as before")
    } else {
        String::new()
    };
    if report.failed() {
        out.error(format!(
            "build failed{cause}: {} error(s){still}; the last good PDFs stay in place; watching for changes",
            report.diagnostics.errors().count()
        ));
    } else if !args.quiet {
        let (unchanged, rebuilt): (Vec<_>, Vec<_>) =
            report.editions.iter().partition(|e| e.unchanged);
        let list = |editions: &[&BuiltEdition]| {
            let languages: Vec<&str> = editions.iter().map(|e| e.lang.as_str()).collect();
            languages.join(", ")
        };
        match (rebuilt.is_empty(), unchanged.is_empty()) {
            (true, _) => println!(
                "no edition changed{cause} ({} ms){still}; watching {watching}",
                ms.round()
            ),
            (false, true) => println!(
                "built {} in {ms:.0} ms{cause}{still}; watching {watching}",
                list(&rebuilt)
            ),
            (false, false) => println!(
                "built {} in {ms:.0} ms{cause} ({} unchanged){still}; watching {watching}",
                list(&rebuilt),
                list(&unchanged)
            ),
        }
        super::build::print_changes(&report.changes);
    }
    if args.editions.timings {
        print_timings(report);
    }
}
