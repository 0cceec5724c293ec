//! The commands of the `cityprofile` binary, one file each (`main.rs` only
//! parses the arguments), and what they share: which profile folders and
//! languages a command works on (`plan`), and how messages are printed
//! (`output`: coloured on a terminal, plain when piped).

pub mod build;
pub mod check;
pub mod diff;
pub mod mark_translated;
pub mod new;
mod output;
mod plan;
mod plan_error;
pub mod template;
pub mod translate;
pub mod update;
pub mod watch;

pub use output::{ColorWhen, Output};
pub use plan::{check_output_folder, languages_as_typed, plan, Planned, ProfileHead, Refusal};

/// Exit code of a problem with the input (a profile, a file, Typst).
pub const INPUT_ERROR: u8 = 1;
/// Exit code of a wrong command line.
pub const USAGE_ERROR: u8 = 2;

/// The version line of `--version`: the program's version, the Typst it
/// compiles with and, when built from a git checkout, the commit.
pub fn version() -> String {
    let typst = typst::utils::version();
    match option_env!("CITYPROFILE_COMMIT") {
        Some(commit) => format!(
            "{} (Typst {}, commit {commit})",
            env!("CARGO_PKG_VERSION"),
            typst.raw()
        ),
        None => format!("{} (Typst {})", env!("CARGO_PKG_VERSION"), typst.raw()),
    }
}
