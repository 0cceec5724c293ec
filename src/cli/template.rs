//! `cityprofile template export`: writes the built-in template and layout
//! strings as a starting point for a profile's own layout, where a profile
//! reads them: `<profile>/template/profile.typ` and
//! `<profile>/strings/<lang>.toml`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Output, ProfileHead, INPUT_ERROR};

/// `cityprofile template ...`.
#[derive(clap::Subcommand)]
pub enum Action {
    /// Write the built-in template (`profile.typ`, `components/*.typ`) and
    /// layout strings (`<lang>.toml`) where a profile reads them: given a
    /// profile folder, into its `template/` and `strings/` folders; given a
    /// profile's `template/` folder, the strings beside it in `strings/`. A
    /// file in a profile's `template/` folder replaces the built-in file of
    /// the same path.
    Export(ExportArgs),
}

/// `cityprofile template export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// A profile folder, or its `template/` folder (default: the current
    /// folder when it holds a profile.toml). Another folder gets
    /// `profile.typ` and `strings/`, to copy into a profile.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Replace files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// Where the files go for a folder the user named.
struct Targets {
    template_dir: PathBuf,
    strings_dir: PathBuf,
    /// The profile that reads them, if the folder is (in) one.
    profile: Option<PathBuf>,
}

fn targets(dir: &Path) -> Targets {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if dir.join("profile.toml").is_file() {
        Targets {
            template_dir: dir.join("template"),
            strings_dir: dir.join("strings"),
            profile: Some(dir.to_path_buf()),
        }
    } else if parent.join("profile.toml").is_file() {
        Targets {
            template_dir: dir.to_path_buf(),
            strings_dir: parent.join("strings"),
            profile: Some(parent),
        }
    } else {
        Targets {
            template_dir: dir.to_path_buf(),
            strings_dir: dir.join("strings"),
            profile: None,
        }
    }
}

pub fn run(action: Action, out: &Output) -> ExitCode {
    let Action::Export(args) = action;
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None if Path::new("profile.toml").is_file() => PathBuf::from("."),
        None => {
            return out.usage_error(
                "the current folder holds no profile.toml: pass the profile folder (`cityprofile template export path/to/profile`)",
            )
        }
    };
    let targets = targets(&dir);
    // A profile gets the strings of its own languages.
    let languages = targets
        .profile
        .as_ref()
        .and_then(|p| ProfileHead::of(&cityprofile::build::Project::load(p)).languages);
    let written = cityprofile::scaffold::export_templates(
        &targets.template_dir,
        &targets.strings_dir,
        languages.as_deref(),
        args.force,
    );
    match written {
        Ok(files) => {
            for file in &files {
                let shown = file.strip_prefix(".").unwrap_or(file);
                println!("wrote {}", shown.display());
            }
            match &targets.profile {
                Some(profile) => println!(
                    "the profile {} now uses them: edit {} for the layout and {} for its words (delete a file to use the built-in one again)",
                    profile.display(),
                    targets.template_dir.join("profile.typ").display(),
                    targets.strings_dir.join("<lang>.toml").display()
                ),
                None => println!(
                    "{} is not in a profile folder: copy profile.typ or a file of components/ into <profile>/template/ (same path) and strings/ into <profile>/strings/ to use them",
                    dir.display()
                ),
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            out.error(problem.to_string());
            ExitCode::from(INPUT_ERROR)
        }
    }
}
