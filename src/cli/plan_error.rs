//! Why a command line cannot go ahead (see `plan`): no profile folder, a
//! `--lang` the profile does not have, two profiles of a batch with one
//! id, an output folder that cannot be written. Each prints the words the
//! user reads; `Refusal` decides the exit code.

use std::fmt;
use std::path::{Path, PathBuf};

/// A command line that names no profile, or a profile, language or output
/// folder the command cannot work with.
#[derive(Debug)]
pub enum PlanError {
    /// No folder was given and none holds a `profile.toml` here or above;
    /// `here` is the current folder as printed, `command` the command typed.
    NoProfileHere { here: String, command: String },
    /// A given path is a file other than `profile.toml`.
    NotAProfileFolder { path: PathBuf },
    /// `--lang` is empty after trimming.
    NoLanguage,
    /// `--lang` names a language the profile at `dir` does not declare;
    /// `declared` in the profile's spelling.
    UndeclaredLanguage {
        lang: String,
        dir: PathBuf,
        declared: Vec<String>,
    },
    /// One profile folder named twice in a batch.
    NamedTwice { dir: PathBuf },
    /// Two profile folders of a batch with the same `id`.
    SameId {
        first: PathBuf,
        second: PathBuf,
        id: String,
    },
    /// The output folder given to `option` (`--out`, `--emit-typst`) is a
    /// file.
    OutputIsFile { option: String, dir: PathBuf },
    /// The output folder cannot be created: `file`, above it, is a file.
    OutputUnderFile {
        option: String,
        dir: PathBuf,
        file: PathBuf,
    },
    /// Nothing can be written in `existing`, the output folder or the
    /// nearest folder above it that exists; `reason` in the user's words.
    OutputNotWritable {
        option: String,
        dir: PathBuf,
        existing: PathBuf,
        reason: String,
    },
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::NoProfileHere { here, command } => write!(
                f,
                "{here} holds no profile.toml: pass the profile folder (`cityprofile {command} path/to/profile`), or run the command inside it"
            ),
            PlanError::NotAProfileFolder { path } => write!(
                f,
                "{} is a file, not a profile folder: pass the folder that holds profile.toml",
                path.display()
            ),
            PlanError::NoLanguage => {
                f.write_str("--lang names no language: give one like `en` or `en,de`")
            }
            PlanError::UndeclaredLanguage {
                lang,
                dir,
                declared,
            } => {
                let which = if dir.as_path() == Path::new(".") || dir.as_os_str().is_empty() {
                    "this profile".to_string()
                } else {
                    format!("the profile {}", dir.display())
                };
                write!(
                    f,
                    "invalid value '{lang}' for '--lang': {which} has the languages {}",
                    declared.join(", ")
                )
            }
            PlanError::NamedTwice { dir } => write!(
                f,
                "{} is named twice: each profile is built once; nothing was built",
                dir.display()
            ),
            PlanError::SameId { first, second, id } => write!(
                f,
                "{} and {} have the same id `{id}`: their PDFs ({id}-<lang>.pdf) would overwrite each other; give one of them another `id` in its profile.toml (nothing was built)",
                first.display(),
                second.display()
            ),
            PlanError::OutputIsFile { option, dir } => write!(
                f,
                "{option} {} is a file, not a folder: pass a folder for the output",
                dir.display()
            ),
            PlanError::OutputUnderFile { option, dir, file } => write!(
                f,
                "{option} {} cannot be created: {} is a file",
                dir.display(),
                file.display()
            ),
            PlanError::OutputNotWritable {
                option,
                dir,
                existing,
                reason,
            } => write!(
                f,
                "{option} {} cannot be written: {} ({reason})",
                dir.display(),
                existing.display()
            ),
        }
    }
}

impl std::error::Error for PlanError {}
