//! `cityprofile diff OLD NEW`: what the editions of one profile folder
//! print differently from those of another (an update of the statistics
//! against the folder before it), as the Markdown change report a build
//! writes, on standard output. Nothing is laid out or written.

use std::path::PathBuf;
use std::process::ExitCode;

use cityprofile::build;
use cityprofile::report;

use super::{plan, Output, Planned, INPUT_ERROR};

/// `cityprofile diff`.
#[derive(clap::Args)]
pub struct Args {
    /// The profile folder before the update (or its profile.toml).
    #[arg(value_name = "OLD_PROFILE")]
    pub old: PathBuf,
    /// The profile folder after the update (or its profile.toml).
    #[arg(value_name = "NEW_PROFILE")]
    pub new: PathBuf,
    /// Languages to compare, e.g. `en` or `en,de` (default: every language
    /// of the new profile); each must be a language of both profiles.
    #[arg(long, value_delimiter = ',')]
    pub lang: Option<Vec<String>>,
}

pub fn run(args: Args, out: &Output) -> ExitCode {
    let given = [args.old.clone(), args.new.clone()];
    let mut planned = match plan(&given, args.lang.as_deref(), "diff", false) {
        Ok(planned) => planned,
        Err(refusal) => return refusal.report(out),
    };
    let new = planned.pop().expect("two folders planned");
    let old = planned.pop().expect("two folders planned");
    let (Some(old_records), Some(new_records)) = (records(&old, out), records(&new, out)) else {
        return ExitCode::from(INPUT_ERROR);
    };
    let changes = report::compare_editions(&old_records, &new_records);
    let title = format!(
        "Changes in the printed data from {} to {}",
        old.dir.display(),
        new.dir.display()
    );
    print!("{}", report::markdown(&title, &changes));
    ExitCode::SUCCESS
}

/// The records of a planned profile's editions, or `None` after printing
/// why there are none.
fn records(planned: &Planned, out: &Output) -> Option<Vec<cityprofile::edition::EditionRecord>> {
    match build::records(&planned.project, planned.languages.as_deref()) {
        Ok(records) => Some(records),
        Err(problems) => {
            let out = out.for_project(&planned.project);
            out.diagnostics(&problems, true);
            out.error(format!(
                "cannot compare {}: {} error(s)",
                planned.dir.display(),
                problems.errors().count()
            ));
            None
        }
    }
}
