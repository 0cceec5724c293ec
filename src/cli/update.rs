//! `cityprofile update DIR`: the whole data update in one command. Builds
//! every profile of a folder in every language (one that fails does not
//! stop the others and keeps its last good PDFs), each with its change
//! report, then writes the one-page summary of the run,
//! `<out>/update-summary.md`, and prints its short version. The exit code
//! tells a scheduled job how it went: 0 everything built, 1 a profile or
//! edition failed, 3 (with `--fail-on-outdated`) everything built but some
//! edition has translation segments to update or numbers typed by hand.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cityprofile::build::{self, update};
use cityprofile::report::update::UpdateSummary;

use super::build::{check_output, EditionArgs};
use super::{plan, Output, ProfileHead, INPUT_ERROR};

/// Exit code of an update that built everything but left work for a
/// person (with `--fail-on-outdated`).
pub const NEEDS_WORK: u8 = 3;

/// `cityprofile update`.
#[derive(clap::Args)]
pub struct Args {
    /// A folder of profile folders (each subfolder holding a profile.toml
    /// is built, in the order of their names), or one profile folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Languages to build, e.g. `en` or `en,de` (default: every language
    /// each profile declares); each profile must have them.
    #[arg(long, value_delimiter = ',')]
    pub lang: Option<Vec<String>>,
    /// Output folder for the PDFs, records, change reports and
    /// update-summary.md of every profile (default: `output`).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Refuse, as for `build --strict`, whatever must not reach a printed copy.
    #[arg(long)]
    pub strict: bool,
    /// Also write each edition's print version, as `build --print`.
    #[arg(long)]
    pub print: bool,
    /// Exit with code 3 when everything built but an edition has
    /// translation segments outdated or untranslated, or numbers typed by
    /// hand that equal a value.
    #[arg(long)]
    pub fail_on_outdated: bool,
    /// Print only errors: no warnings and no summary lines (the summary
    /// file is written all the same).
    #[arg(long, short)]
    pub quiet: bool,
}

/// The profile folders of `dir`: itself when it holds a profile.toml,
/// else each subfolder that does (hidden ones left out), sorted by name.
fn profile_folders(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.join("profile.toml").is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        format!(
            "{} cannot be read as a folder of profiles: {}",
            dir.display(),
            cityprofile::base::io::io_reason(&e)
        )
    })?;
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                && p.join("profile.toml").is_file()
        })
        .collect();
    folders.sort();
    if folders.is_empty() {
        return Err(format!(
            "{} holds no profile folder (no profile.toml in it or in a folder inside it): pass the folder that holds the profiles (`cityprofile update data`)",
            dir.display()
        ));
    }
    Ok(folders)
}

pub fn run(args: Args, out: &Output) -> ExitCode {
    let folders = match profile_folders(&args.dir) {
        Ok(folders) => folders,
        Err(message) => return out.usage_error(message),
    };
    let editions = EditionArgs {
        lang: args.lang.clone(),
        out: args.out.clone(),
        emit_typst: None,
        strict: args.strict,
        timings: false,
        print: args.print,
    };
    let plan = plan(&folders, args.lang.as_deref(), "update", true)
        .and_then(|plan| check_output(&editions, &plan).map(|()| plan));
    let planned = match plan {
        Ok(planned) => planned,
        Err(refusal) => return refusal.report(out),
    };
    let out_dir = args.out.clone().unwrap_or_else(|| PathBuf::from("output"));
    let several = planned.len() > 1;
    let mut summary = UpdateSummary::default();
    for profile in planned {
        let profile = &profile;
        let out = &out.for_project(&profile.project);
        let report = build::build(&profile.project, &editions.options(profile));
        out.diagnostics(&report.diagnostics, args.quiet);
        // Typst's caches serve the editions of one profile; dropping them
        // between profiles keeps a long run's memory flat.
        if several {
            typst::comemo::evict(0);
        }
        let head = ProfileHead::of(&profile.project);
        let languages = profile
            .languages
            .clone()
            .or(head.languages)
            .unwrap_or_default();
        summary.profiles.push(update::profile_outcome(
            &profile.dir,
            head.id.as_deref(),
            &languages,
            &report,
        ));
    }
    match update::write_summary(&out_dir, &summary) {
        Ok(path) => {
            if !args.quiet {
                for line in summary.lines() {
                    println!("{line}");
                }
                println!("summary: {}", path.display());
            }
        }
        Err(problem) => {
            let mut problems = cityprofile::base::diag::Diagnostics::new();
            problems.push(problem);
            out.diagnostics(&problems, false);
            return ExitCode::from(INPUT_ERROR);
        }
    }
    if summary.failed() {
        out.error(format!("update failed: {}", summary.headline()));
        return ExitCode::from(INPUT_ERROR);
    }
    if args.fail_on_outdated && summary.needs_work() {
        out.error(format!(
            "update built everything, but some editions need work: {}",
            summary.headline()
        ));
        return ExitCode::from(NEEDS_WORK);
    }
    ExitCode::SUCCESS
}
