//! `watch`: builds the editions, then rebuilds them whenever a file in the
//! profile folder changes. The Typst worlds stay alive between rebuilds, so
//! Typst's incremental compilation reuses everything a change did not touch.
//! A broken edit reports its errors and the watch goes on.

use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::base::source::Sources;

use crate::build::{self as pipeline, BuildOptions, Project, Report, WarmWorlds, FONT_EXTENSIONS};
use crate::profile::IMAGE_KINDS;

/// How long the folder must be quiet before a rebuild starts: an editor's
/// save often touches a file several times.
const SETTLE: Duration = Duration::from_millis(10);

/// What one build of the watch did.
pub struct Rebuild<'a> {
    pub report: &'a Report,
    /// The changed files that caused it (empty for the first build).
    pub changed: &'a [PathBuf],
    /// From the first change seen to the last PDF written.
    pub elapsed: Duration,
    /// The profile's files as this build read them (for the source lines
    /// of its messages).
    pub sources: &'a Arc<Sources>,
}

/// Why a watch ends: the profile folder cannot be watched, or the watcher
/// stopped sending changes.
#[derive(Debug)]
pub enum WatchError {
    /// The system offers neither file events nor polling.
    NoFileWatching(notify::Error),
    /// The folder cannot be watched (gone, not readable).
    CannotWatch {
        folder: PathBuf,
        error: notify::Error,
    },
    /// The watcher's channel closed.
    Stopped,
}

impl std::fmt::Display for WatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WatchError::NoFileWatching(e) => write!(f, "cannot watch files on this system: {e}"),
            WatchError::CannotWatch { folder, error } => {
                write!(f, "cannot watch {}: {error}", folder.display())
            }
            WatchError::Stopped => f.write_str("the file watcher stopped"),
        }
    }
}

impl std::error::Error for WatchError {}

/// Builds, then rebuilds on every change until the process is stopped.
/// Each rebuild loads the profile again, reading only the files that
/// changed. Returns only if the folder cannot be watched.
pub fn watch(
    project: Project,
    options: &BuildOptions,
    mut on_build: impl FnMut(&Rebuild),
) -> Result<(), WatchError> {
    let (sender, events) = mpsc::channel();
    let _watcher = start_watcher(&options.profile_dir, sender)?;

    // The watcher runs before the first build, so that no edit made while
    // (or right after) it builds is missed.
    let mut warm = WarmWorlds::default();
    let started = Instant::now();
    let mut project = project;
    let report = pipeline::build_warm(&project, options, &mut warm);
    on_build(&Rebuild {
        report: &report,
        changed: &[],
        elapsed: started.elapsed(),
        sources: project.sources(),
    });

    loop {
        let Ok(first) = events.recv() else {
            return Err(WatchError::Stopped);
        };
        let started = Instant::now();
        // The output folders exist after a first build: their paths are
        // taken again each time, as they resolve now.
        let ignored = ignored_folders(options);
        let roots = profile_roots(&options.profile_dir);
        let mut changed = Vec::new();
        let mut collect = |event| {
            collect_changes(event, &ignored, project.sources(), &mut changed);
            changed.retain(|p| !in_hidden_folder(p, &roots));
        };
        collect(first);
        while let Ok(event) = events.recv_timeout(SETTLE) {
            collect(event);
        }
        if changed.is_empty() {
            continue;
        }
        changed.sort();
        changed.dedup();
        project = project.reload(&changed);
        let report = pipeline::build_warm(&project, options, &mut warm);
        on_build(&Rebuild {
            report: &report,
            changed: &changed,
            elapsed: started.elapsed(),
            sources: project.sources(),
        });
        // Keep Typst's caches to what recent builds used.
        typst::comemo::evict(10);
    }
}

/// Watches the folder with the system's file events, or, where they are not
/// available (some containers and network file systems), by polling.
fn start_watcher(
    folder: &Path,
    sender: mpsc::Sender<notify::Result<notify::Event>>,
) -> Result<Box<dyn Watcher>, WatchError> {
    let native = notify::recommended_watcher(sender.clone()).and_then(|mut watcher| {
        watcher.watch(folder, RecursiveMode::Recursive)?;
        Ok(watcher)
    });
    match native {
        Ok(watcher) => Ok(Box::new(watcher)),
        Err(_) => {
            let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
            let mut watcher =
                notify::PollWatcher::new(sender, config).map_err(WatchError::NoFileWatching)?;
            watcher
                .watch(folder, RecursiveMode::Recursive)
                .map_err(|error| WatchError::CannotWatch {
                    folder: folder.to_path_buf(),
                    error,
                })?;
            Ok(Box::new(watcher))
        }
    }
}

/// How often the folder is scanned when the system has no file events.
const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// Output folders inside the profile folder: writing a PDF there is not a
/// change. Each as written on the command line made absolute, and resolved
/// through the disk where it exists (a file event may name either).
fn ignored_folders(options: &BuildOptions) -> Vec<PathBuf> {
    let mut folders = vec![options.out_dir.clone()];
    folders.extend(options.emit_typst.clone());
    folders
        .into_iter()
        .flat_map(|folder| {
            let absolute = std::path::absolute(&folder).unwrap_or(folder);
            let resolved = absolute.canonicalize().ok();
            std::iter::once(absolute).chain(resolved)
        })
        .collect()
}

/// The profile folder as written on the command line made absolute, and
/// resolved through the disk (a file event may name either).
fn profile_roots(folder: &Path) -> Vec<PathBuf> {
    let absolute = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    let resolved = absolute.canonicalize().ok();
    std::iter::once(absolute).chain(resolved).collect()
}

/// Whether a path lies in a hidden folder of the profile (`.git/`,
/// `.vscode/`, `.idea/`, LibreOffice's `.~lock` files): version control
/// and editors keep their own files there, which are never the profile's.
/// Only the part inside the profile folder counts, so a profile kept under
/// a hidden folder of its own (`~/.profiles/lisbon`) is watched as usual.
fn in_hidden_folder(path: &Path, roots: &[PathBuf]) -> bool {
    let Some(inside) = roots.iter().find_map(|root| path.strip_prefix(root).ok()) else {
        return false;
    };
    inside
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// Adds the profile files an event names to `changed`: files of the kinds
/// a profile is made of, and folders that held files of the last build
/// (a folder moved out of the profile is named only by itself).
fn collect_changes(
    event: notify::Result<notify::Event>,
    ignored: &[PathBuf],
    last_read: &Sources,
    changed: &mut Vec<PathBuf>,
) {
    let Ok(event) = event else {
        return;
    };
    if !matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    ) {
        return;
    }
    changed.extend(event.paths.into_iter().filter(|p| {
        (is_profile_file(p) || last_read.holds_under(p))
            && !ignored.iter().any(|i| p.starts_with(i))
    }));
}

/// The kinds of files a profile is made of besides its images and fonts
/// (`po`: the record of a language kept in a PO catalog, which decides what
/// its edition prints in the source language; `xlsx`, `xlsm`, `ods`, `xls`:
/// spreadsheets a table's `[csv]` names).
const DATA_AND_TEXT_EXTENSIONS: &[&str] = &[
    "toml", "md", "csv", "typ", "po", "xlsx", "xlsm", "ods", "xls",
];

/// Whether a file's extension is one a profile is made of.
fn is_profile_extension(extension: &str) -> bool {
    let extension = extension.to_ascii_lowercase();
    DATA_AND_TEXT_EXTENSIONS.contains(&extension.as_str())
        || FONT_EXTENSIONS.contains(&extension.as_str())
        || IMAGE_KINDS.iter().any(|(kind, _)| *kind == extension)
}

/// Editors' temporary and backup files are not part of the profile, nor are
/// the short-lived files of tools that write by renaming (`sed -i`).
fn is_profile_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    let known_kind = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(is_profile_extension);
    known_kind || path.is_dir()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_in_hidden_folders_of_the_profile_are_not_changes() {
        let roots = [PathBuf::from("/home/u/.profiles/lisbon")];
        assert!(in_hidden_folder(
            Path::new("/home/u/.profiles/lisbon/.git/index"),
            &roots
        ));
        assert!(in_hidden_folder(
            Path::new("/home/u/.profiles/lisbon/.git/objects/ab"),
            &roots
        ));
        assert!(in_hidden_folder(
            Path::new("/home/u/.profiles/lisbon/text/.~lock.intro.md#"),
            &roots
        ));
        assert!(!in_hidden_folder(
            Path::new("/home/u/.profiles/lisbon/values.toml"),
            &roots
        ));
        assert!(!in_hidden_folder(
            Path::new("/elsewhere/.git/index"),
            &roots
        ));
    }

    #[test]
    fn editor_files_are_not_changes() {
        assert!(is_profile_file(Path::new("/p/values.toml")));
        assert!(is_profile_file(Path::new("/p/text/en/background.md")));
        assert!(is_profile_file(Path::new("/p/po/de.po")));
        assert!(is_profile_file(Path::new("/p/data/arrivals.xlsx")));
        assert!(is_profile_file(Path::new("/p/data/arrivals.ODS")));
        assert!(!is_profile_file(Path::new("/p/data/.~lock.arrivals.ods#")));
        assert!(!is_profile_file(Path::new("/p/.values.toml.swp")));
        assert!(!is_profile_file(Path::new("/p/values.toml~")));
        assert!(!is_profile_file(Path::new("/p/.#values.toml")));
        assert!(!is_profile_file(Path::new("/p/sedX1b2c3")));
    }
}
