//! What a command works on, settled before any work starts: the profile
//! folders the user means (the current folder, a `profile.toml` path, the
//! sample from the repository root), `--lang` as a user types it and
//! checked against each profile, no two profiles of a batch with one id,
//! and an output folder that can be written.

use cityprofile::build::Project;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::plan_error::PlanError;
use super::{Output, INPUT_ERROR};

/// The sample profile, the default from the repository root.
pub const SAMPLE_PROFILE: &str = "data/dortmund";

/// The profile folder a command works on. A given path to a `profile.toml`
/// stands for its folder. Without one: the current folder when it holds a
/// `profile.toml`, else the nearest folder above it that holds one (as git
/// and cargo find their root: `../..` from `text/en/`), else, from the
/// repository root, the sample profile; anywhere else the error says what
/// to pass. `command` names the command in that message. An error is a
/// wrong command line (exit 2).
pub fn profile_folder(given: Option<&Path>, command: &str) -> Result<PathBuf, PlanError> {
    if let Some(path) = given {
        return given_profile_folder(path);
    }
    if Path::new("profile.toml").is_file() {
        return Ok(PathBuf::from("."));
    }
    if let Some(above) = profile_folder_above() {
        return Ok(above);
    }
    if Path::new(SAMPLE_PROFILE).join("profile.toml").is_file() {
        return Ok(PathBuf::from(SAMPLE_PROFILE));
    }
    let here = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|_| "the current folder".to_string());
    Err(PlanError::NoProfileHere {
        here,
        command: command.to_string(),
    })
}

/// The nearest folder above the current one that holds a `profile.toml`,
/// as a relative path (`..`, `../..`), so that messages name the profile's
/// files as seen from where the command was run.
fn profile_folder_above() -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?;
    let mut relative = PathBuf::new();
    for folder in here.ancestors().skip(1) {
        relative.push("..");
        if folder.join("profile.toml").is_file() {
            return Some(relative);
        }
    }
    None
}

/// Whether a profile folder is one found above the current folder (a path
/// made only of `..`).
fn is_found_above(dir: &Path) -> bool {
    dir.components().next().is_some()
        && dir
            .components()
            .all(|c| matches!(c, std::path::Component::ParentDir))
}

/// A profile folder the user named: a `profile.toml` stands for its folder;
/// another file is not a profile.
fn given_profile_folder(path: &Path) -> Result<PathBuf, PlanError> {
    if path.is_file() {
        if path.file_name().is_some_and(|n| n == "profile.toml") {
            let folder = path.parent().unwrap_or(Path::new(""));
            return Ok(if folder.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                folder.to_path_buf()
            });
        }
        return Err(PlanError::NotAProfileFolder {
            path: path.to_path_buf(),
        });
    }
    Ok(path.to_path_buf())
}

/// Several profile folders (`build` and `check`); none given means the one
/// [`profile_folder`] finds.
pub fn profile_folders(given: &[PathBuf], command: &str) -> Result<Vec<PathBuf>, PlanError> {
    if given.is_empty() {
        return profile_folder(None, command).map(|dir| vec![dir]);
    }
    given.iter().map(|p| given_profile_folder(p)).collect()
}

/// `--lang` as a user types it: split at commas (clap does that), trimmed,
/// in the case BCP 47 recommends (`de-ch` and `de_CH` are `de-CH`), each
/// language once, in the order given. An empty list is an error.
pub fn languages_as_typed(raw: &[String]) -> Result<Vec<String>, PlanError> {
    let mut languages: Vec<String> = Vec::new();
    for lang in raw {
        let lang = cityprofile::base::lang::canonical_case(lang.trim());
        if !lang.is_empty() && !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    if languages.is_empty() {
        return Err(PlanError::NoLanguage);
    }
    Ok(languages)
}

/// What `build`, `check` and `watch` learn from a profile.toml before
/// loading the whole profile: enough to refuse a wrong command line or a
/// batch whose editions would overwrite each other. `None` fields were not
/// readable; loading the profile then reports why.
#[derive(Debug, Default)]
pub struct ProfileHead {
    pub id: Option<String>,
    pub languages: Option<Vec<String>>,
    source_language: Option<String>,
}

impl ProfileHead {
    /// What a loaded project says: its profile when it loaded, else its
    /// `profile.toml` read leniently (loading reports why it failed).
    pub fn of(project: &Project) -> ProfileHead {
        if let Some(profile) = &project.profile {
            return ProfileHead {
                id: Some(profile.id().to_string()),
                languages: Some(
                    profile
                        .declared_languages()
                        .iter()
                        .map(ToString::to_string)
                        .collect(),
                ),
                source_language: Some(profile.source_language().to_string()),
            };
        }
        let Ok(text) = project
            .sources()
            .read_text(&project.dir.join("profile.toml"))
        else {
            return ProfileHead::default();
        };
        Self::lenient(&text)
    }

    /// `profile.toml` read leniently: what can be read of it.
    fn lenient(text: &str) -> ProfileHead {
        let Ok(table) = text.parse::<toml::Table>() else {
            return ProfileHead::default();
        };
        let id = table.get("id").and_then(|v| v.as_str()).map(str::to_string);
        let languages = table.get("languages").and_then(|v| v.as_array()).map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        });
        let source_language = table
            .get("source_language")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        ProfileHead {
            id,
            languages,
            source_language,
        }
    }

    /// The language the chapters are translated from: `source_language`, or
    /// the first declared language.
    pub fn source_language(&self) -> Option<String> {
        self.source_language
            .clone()
            .or_else(|| self.languages.as_ref()?.first().cloned())
    }
}

/// The requested languages in the profile's own spelling; a language the
/// profile does not declare is a command-line error that lists the ones it
/// does.
pub fn match_languages(
    requested: &[String],
    dir: &Path,
    head: &ProfileHead,
) -> Result<Vec<String>, PlanError> {
    let Some(declared) = &head.languages else {
        return Ok(requested.to_vec());
    };
    requested
        .iter()
        .map(|lang| {
            declared
                .iter()
                .find(|d| d.eq_ignore_ascii_case(lang))
                .cloned()
                .ok_or_else(|| PlanError::UndeclaredLanguage {
                    lang: lang.clone(),
                    dir: dir.to_path_buf(),
                    declared: declared.clone(),
                })
        })
        .collect()
}

/// A profile to build, loaded, with the languages asked for in its own
/// spelling.
pub struct Planned {
    pub dir: PathBuf,
    /// The folder was found above the current one (no folder was given):
    /// its PDFs go to its own `output/` unless `--out` says otherwise.
    pub found_above: bool,
    pub languages: Option<Vec<String>>,
    pub project: Project,
}

/// Why a command line cannot go ahead.
pub enum Refusal {
    /// A wrong command line (exit 2).
    Usage(PlanError),
    /// A problem with the input or the output folder (exit 1).
    Input(PlanError),
}

impl Refusal {
    /// Prints the refusal and gives its exit code.
    pub fn report(self, out: &Output) -> ExitCode {
        match self {
            Refusal::Usage(problem) => out.usage_error(problem.to_string()),
            Refusal::Input(problem) => {
                out.error(problem.to_string());
                ExitCode::from(INPUT_ERROR)
            }
        }
    }
}

/// The profile and the language of a command that works on one profile
/// in one language given as `--lang LANG` (`mark-translated`, `translate
/// export`), settled as [`plan`] does; a refusal is reported and its exit
/// code returned.
pub fn plan_one_language(
    profile_dir: Option<&PathBuf>,
    lang: &str,
    command: &str,
    out: &Output,
) -> Result<(Planned, String), ExitCode> {
    let given: Vec<PathBuf> = profile_dir.into_iter().cloned().collect();
    let planned = match plan(&given, Some(&[lang.to_string()]), command, false) {
        Ok(mut planned) => planned.remove(0),
        Err(refusal) => return Err(refusal.report(out)),
    };
    let Some(lang) = planned.languages.as_ref().and_then(|l| l.first()).cloned() else {
        return Err(out.usage_error("--lang names no language"));
    };
    Ok((planned, lang))
}

/// Settles the profile folders and their languages: a profile.toml stands
/// for its folder, `--lang` is read as typed and must name languages every
/// profile has, and, when the command writes PDFs (`refuse_twins`), no two
/// profiles may share an id.
pub fn plan(
    given: &[PathBuf],
    lang: Option<&[String]>,
    command: &str,
    refuse_twins: bool,
) -> Result<Vec<Planned>, Refusal> {
    let dirs = profile_folders(given, command).map_err(Refusal::Usage)?;
    let requested = lang
        .map(languages_as_typed)
        .transpose()
        .map_err(Refusal::Usage)?;
    let mut planned = Vec::new();
    let mut ids: Vec<(String, PathBuf)> = Vec::new();
    for dir in dirs {
        let project = Project::load(&dir);
        let head = ProfileHead::of(&project);
        if let Some(id) = head.id.as_ref().filter(|_| refuse_twins) {
            if let Some((_, first)) = ids.iter().find(|(other, _)| other == id) {
                return Err(Refusal::Input(twin_message(first, &dir, id)));
            }
            ids.push((id.clone(), dir.clone()));
        }
        let languages = requested
            .as_deref()
            .map(|requested| match_languages(requested, &dir, &head))
            .transpose()
            .map_err(Refusal::Usage)?;
        planned.push(Planned {
            found_above: given.is_empty() && is_found_above(&dir),
            dir,
            languages,
            project,
        });
    }
    Ok(planned)
}

/// Two profiles of one batch with the same id: one folder named twice, or
/// two folders.
fn twin_message(first: &Path, second: &Path, id: &str) -> PlanError {
    let same_folder = match (first.canonicalize(), second.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => first == second,
    };
    if same_folder {
        PlanError::NamedTwice {
            dir: second.to_path_buf(),
        }
    } else {
        PlanError::SameId {
            first: first.to_path_buf(),
            second: second.to_path_buf(),
            id: id.to_string(),
        }
    }
}

/// Checks, before anything is compiled, that a folder the command will
/// write into (`--out`, `--emit-typst`) is a folder, or can be created, and
/// can be written. Nothing is left behind by the check.
pub fn check_output_folder(dir: &Path, option: &str) -> Result<(), PlanError> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    // The folder itself, or the nearest folder above it that exists.
    let mut existing = dir;
    while !existing.exists() {
        match existing.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => existing = parent,
            _ => {
                existing = Path::new(".");
                break;
            }
        }
    }
    if !existing.is_dir() {
        return Err(if existing == dir {
            PlanError::OutputIsFile {
                option: option.to_string(),
                dir: dir.to_path_buf(),
            }
        } else {
            PlanError::OutputUnderFile {
                option: option.to_string(),
                dir: dir.to_path_buf(),
                file: existing.to_path_buf(),
            }
        });
    }
    let probe = existing.join(format!(".cityprofile-write-test-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(PlanError::OutputNotWritable {
            option: option.to_string(),
            dir: dir.to_path_buf(),
            existing: existing.to_path_buf(),
            reason: cityprofile::base::io::io_reason(&e),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_read_as_typed() {
        let typed =
            |s: &[&str]| languages_as_typed(&s.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(typed(&["EN"]).unwrap(), ["en"]);
        assert_eq!(typed(&["en", " de"]).unwrap(), ["en", "de"]);
        assert_eq!(typed(&["en", "en", "De", "de "]).unwrap(), ["en", "de"]);
        assert!(typed(&[" "]).is_err());
    }

    #[test]
    fn declared_languages_keep_their_spelling_and_others_are_refused() {
        let head = ProfileHead {
            id: Some("x".into()),
            languages: Some(vec!["en".into(), "de".into()]),
            source_language: None,
        };
        let dir = Path::new("p");
        assert_eq!(match_languages(&["de".into()], dir, &head).unwrap(), ["de"]);
        let err = match_languages(&["fr".into()], dir, &head)
            .unwrap_err()
            .to_string();
        assert!(err.contains("'fr'") && err.contains("en, de"), "{err}");
    }
}
