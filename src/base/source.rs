//! The files of a profile in memory: [`Sources`], the store every stage
//! reads the profile through (each file read from the disk once per
//! command), and [`SourceFile`], one parsed file kept with its text so that
//! a byte offset into it becomes a line and column in a diagnostic.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use typst::foundations::Bytes;

use super::diag::{Diagnostic, Label, Position};

/// A file of the profile, kept with its text so that spans become lines.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn position(&self, offset: usize) -> Position {
        Position::of_offset(&self.text, offset)
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error_at(&self.path, &self.text, offset, message)
    }

    pub fn warning(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning_at(&self.path, &self.text, offset, message)
    }

    /// An error over the bytes `range` of this file (a TOML value's span).
    pub fn error_over(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error_over(&self.path, &self.text, range, message)
    }

    /// Another place of a problem, in this file, with a word of its own
    /// (`first listed here`).
    pub fn label(&self, range: Range<usize>, message: impl Into<String>) -> Label {
        Label::at(&self.path, &self.text, range, message)
    }

    /// What the final print run (`--strict`) refuses and other builds
    /// report: a warning, which `--strict` makes an error that says so.
    pub fn print_run_gap(&self, offset: usize, message: String) -> Diagnostic {
        let strict_message = format!("{message} (--strict refuses it)");
        Diagnostic::print_run_gap(
            &self.path,
            Some(self.position(offset)),
            message,
            strict_message,
        )
    }
}

/// Why a file outside the profile folder is not read: a profile received
/// from someone else must not copy other files of the machine into its PDF.
pub const OUTSIDE_THE_PROFILE: &str =
    "it is outside the profile folder, and a profile reads only files inside its own folder: copy the file into the profile";

/// The files of a profile folder as one command sees them: each file,
/// folder listing and file-type test is done on the disk once, on first
/// use, and kept, so that every stage of a check or build works on the same
/// snapshot of the inputs and nothing is read twice. `Project` loading asks
/// for every input it knows up front; a `watch` rebuild starts a new store.
///
/// The answers are the ones `std::fs` gave, errors included (kind and
/// message), so that messages read as if the file had been read directly.
#[derive(Default)]
pub struct Sources {
    kinds: Mutex<HashMap<PathBuf, Result<Kind, StoredError>>>,
    files: Mutex<HashMap<PathBuf, Result<Bytes, StoredError>>>,
    listings: Mutex<HashMap<PathBuf, Result<Vec<PathBuf>, StoredError>>>,
    /// Files given in memory instead of the disk (for tests of the model):
    /// every other path does not exist.
    memory: Option<Arc<BTreeMap<PathBuf, Bytes>>>,
    /// The folder every path read from the disk must lead into, symbolic
    /// links followed ([`Sources::confined_to`]); `None` reads anywhere.
    root: Option<PathBuf>,
    /// Files outside `root` read all the same: the ones a person names on
    /// the command line ([`Sources::admit`]), resolved.
    admitted: Mutex<Vec<PathBuf>>,
    /// How often [`Sources::read_text`] gave each path's text
    /// ([`Sources::text_reads`]).
    text_reads: Mutex<HashMap<PathBuf, usize>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Folder,
    Other,
}

/// An `std::io::Error` kept: its kind and its message.
#[derive(Clone)]
struct StoredError {
    kind: std::io::ErrorKind,
    message: String,
}

impl StoredError {
    fn of(e: &std::io::Error) -> Self {
        StoredError {
            kind: e.kind(),
            message: e.to_string(),
        }
    }

    fn not_found() -> Self {
        StoredError {
            kind: std::io::ErrorKind::NotFound,
            message: "no such file".to_string(),
        }
    }

    fn error(&self) -> std::io::Error {
        std::io::Error::new(self.kind, self.message.clone())
    }
}

/// The answer kept for `path`, asked of the disk the first time.
fn remembered<T: Clone>(
    answers: &Mutex<HashMap<PathBuf, T>>,
    path: &Path,
    ask: impl FnOnce() -> T,
) -> T {
    let mut answers = answers
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    answers
        .entry(path.to_path_buf())
        .or_insert_with(ask)
        .clone()
}

impl Sources {
    /// An empty store: every path is read on first use.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store that reads nothing outside `folder` (a profile
    /// folder): a path that leads out of it, through `..`, as an absolute
    /// path or through a symbolic link, is answered as a file that cannot
    /// be read, with the reason ([`OUTSIDE_THE_PROFILE`]), whatever kind of
    /// input names it. A path that does not exist is answered as missing.
    pub fn confined_to(folder: &Path) -> Self {
        Sources {
            root: folder.canonicalize().ok(),
            ..Sources::default()
        }
    }

    /// Lets the store read `path` even outside its folder: a file a person
    /// names on the command line (the catalog `translate import` takes),
    /// not a file the profile names.
    pub fn admit(&self, path: &Path) {
        if let Ok(resolved) = path.canonicalize() {
            self.admitted
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(resolved);
        }
    }

    /// The refusal of a path of the disk that leads out of the store's
    /// folder, if it does.
    fn outside(&self, path: &Path) -> Option<StoredError> {
        let root = self.root.as_ref()?;
        let resolved = path.canonicalize().ok()?;
        let admitted = || {
            self.admitted
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .contains(&resolved)
        };
        if resolved.starts_with(root) || admitted() {
            return None;
        }
        Some(StoredError {
            kind: std::io::ErrorKind::Other,
            message: format!("{OUTSIDE_THE_PROFILE} (it leads to {})", resolved.display()),
        })
    }

    /// A store of files held in memory, by path, instead of the disk: a
    /// profile made of strings, for tests of loading and validation. Any
    /// other path does not exist; a folder is any path that holds a file.
    pub fn in_memory<P: Into<PathBuf>, T: AsRef<[u8]>>(
        files: impl IntoIterator<Item = (P, T)>,
    ) -> Self {
        let files = files
            .into_iter()
            .map(|(path, bytes)| (path.into(), Bytes::new(bytes.as_ref().to_vec())))
            .collect();
        Sources {
            memory: Some(Arc::new(files)),
            ..Sources::default()
        }
    }

    /// `metadata` of a path: from memory, or the disk.
    fn ask_kind(&self, path: &Path) -> Result<Kind, StoredError> {
        let Some(memory) = &self.memory else {
            if let Some(refused) = self.outside(path) {
                return Err(refused);
            }
            return std::fs::metadata(path)
                .map(|m| {
                    if m.is_dir() {
                        Kind::Folder
                    } else if m.is_file() {
                        Kind::File
                    } else {
                        Kind::Other
                    }
                })
                .map_err(|e| StoredError::of(&e));
        };
        if memory.contains_key(path) {
            Ok(Kind::File)
        } else if memory.keys().any(|file| file.starts_with(path)) {
            Ok(Kind::Folder)
        } else {
            Err(StoredError::not_found())
        }
    }

    /// The bytes of a file: from memory, or the disk.
    fn ask_bytes(&self, path: &Path) -> Result<Bytes, StoredError> {
        match &self.memory {
            Some(memory) => memory.get(path).cloned().ok_or_else(StoredError::not_found),
            None => match self.outside(path) {
                Some(refused) => Err(refused),
                None => std::fs::read(path)
                    .map(Bytes::new)
                    .map_err(|e| StoredError::of(&e)),
            },
        }
    }

    /// The sorted paths in a folder: from memory, or the disk.
    fn ask_listing(&self, path: &Path) -> Result<Vec<PathBuf>, StoredError> {
        let Some(memory) = &self.memory else {
            if let Some(refused) = self.outside(path) {
                return Err(refused);
            }
            return std::fs::read_dir(path)
                .map(|entries| {
                    let mut paths: Vec<PathBuf> =
                        entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                    paths.sort();
                    paths
                })
                .map_err(|e| StoredError::of(&e));
        };
        let mut children: Vec<PathBuf> = memory
            .keys()
            .filter_map(|file| {
                let rest = file.strip_prefix(path).ok()?;
                Some(path.join(rest.iter().next()?))
            })
            .collect();
        children.dedup();
        if children.is_empty() {
            return Err(StoredError::not_found());
        }
        Ok(children)
    }

    fn kind(&self, path: &Path) -> Result<Kind, StoredError> {
        remembered(&self.kinds, path, || self.ask_kind(path))
    }

    /// Whether the path exists (as `Path::exists`).
    pub fn exists(&self, path: &Path) -> bool {
        self.kind(path).is_ok()
    }

    /// Whether the path is a folder (as `Path::is_dir`).
    pub fn is_dir(&self, path: &Path) -> bool {
        self.kind(path).is_ok_and(|k| k == Kind::Folder)
    }

    /// Whether the path is a file (as `Path::is_file`).
    pub fn is_file(&self, path: &Path) -> bool {
        self.kind(path).is_ok_and(|k| k == Kind::File)
    }

    /// The bytes of a file (as `std::fs::read`).
    pub fn read(&self, path: &Path) -> std::io::Result<Bytes> {
        remembered(&self.files, path, || self.ask_bytes(path)).map_err(|e| e.error())
    }

    /// A file as UTF-8 text; a missing file or invalid UTF-8 is an error
    /// naming the file (and the line of the first bad byte).
    pub fn read_text(&self, path: &Path) -> Result<String, Diagnostic> {
        *self
            .text_reads
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .entry(path.to_path_buf())
            .or_default() += 1;
        let bytes = self
            .read(path)
            .map_err(|e| super::io::read_error(path, &e))?;
        super::io::utf8_text(path, bytes.to_vec())
    }

    /// How many times [`Sources::read_text`] was asked for `path` (as
    /// given, not resolved), whether the file could be read or not. Every
    /// caller parses the text it asks for, so this is how often a file was
    /// parsed: a file parsed twice for one command is work done twice, and
    /// two models of one file that may disagree. For tests.
    pub fn text_reads(&self, path: &Path) -> usize {
        self.text_reads
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(path)
            .copied()
            .unwrap_or(0)
    }

    /// The paths in a folder, sorted (`std::fs::read_dir` gives them in the
    /// order the file system keeps).
    pub fn read_dir(&self, path: &Path) -> std::io::Result<Vec<PathBuf>> {
        remembered(&self.listings, path, || self.ask_listing(path)).map_err(|e| e.error())
    }

    /// Whether the store read a file inside `folder` (compared as absolute
    /// paths, without asking the disk: the folder may be gone).
    pub fn holds_under(&self, folder: &Path) -> bool {
        let Ok(folder) = std::path::absolute(folder) else {
            return false;
        };
        let files = self
            .files
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        files.keys().any(|file| {
            std::path::absolute(file).is_ok_and(|file| file != folder && file.starts_with(&folder))
        })
    }

    /// A copy of the store that has forgotten the paths in `changed` (files
    /// written, created or removed, as a file watcher reports them), what
    /// lies inside them and the listings of the folders that hold them: the
    /// next read of those asks the disk again, every other answer is kept.
    /// A changed path that cannot be resolved on the disk (its folder was
    /// removed too) makes a store that has forgotten everything.
    pub fn without(&self, changed: &[PathBuf]) -> Sources {
        if self.memory.is_some() {
            // Files in memory do not change.
            return Sources {
                memory: self.memory.clone(),
                ..Sources::default()
            };
        }
        let Some(changed) = changed
            .iter()
            .map(|p| comparable(p))
            .collect::<Option<Vec<_>>>()
        else {
            return Sources::new();
        };
        // A path reached through a symbolic link may change without an
        // event for it (its target lies elsewhere): it is always asked again.
        let keep = |path: &Path| {
            comparable(path).is_some_and(|resolved| {
                !through_link(path, &resolved)
                    && !changed
                        .iter()
                        .any(|c| c.starts_with(&resolved) || resolved.starts_with(c))
            })
        };
        Sources {
            kinds: Mutex::new(kept(&self.kinds, &keep)),
            files: Mutex::new(kept(&self.files, &keep)),
            listings: Mutex::new(kept(&self.listings, &keep)),
            memory: self.memory.clone(),
            root: self.root.clone(),
            admitted: Mutex::new(
                self.admitted
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .clone(),
            ),
            text_reads: Mutex::default(),
        }
    }
}

/// The answers of one map whose paths `keep` accepts.
fn kept<T: Clone>(
    answers: &Mutex<HashMap<PathBuf, T>>,
    keep: &impl Fn(&Path) -> bool,
) -> HashMap<PathBuf, T> {
    let answers = answers
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    answers
        .iter()
        .filter(|(path, _)| keep(path))
        .map(|(path, answer)| (path.clone(), answer.clone()))
        .collect()
}

/// Whether a path leads through a symbolic link: its resolved form is not
/// its plain absolute form.
fn through_link(path: &Path, resolved: &Path) -> bool {
    let Ok(absolute) = std::path::absolute(path) else {
        return true;
    };
    let plain: PathBuf = absolute
        .components()
        .fold(PathBuf::new(), |mut plain, part| {
            match part {
                std::path::Component::ParentDir => {
                    plain.pop();
                }
                std::path::Component::CurDir => {}
                other => plain.push(other),
            }
            plain
        });
    plain != resolved
}

/// A path in a form that two spellings of the same file share: resolved
/// through the disk where it exists, else its folder resolved and its name
/// joined (a removed file); `None` when neither exists.
fn comparable(path: &Path) -> Option<PathBuf> {
    if let Ok(resolved) = path.canonicalize() {
        return Some(resolved);
    }
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_count_each_request_for_a_text() {
        let sources = Sources::in_memory([("/p/a.toml", "x = 1\n")]);
        let a = Path::new("/p/a.toml");
        assert_eq!(sources.text_reads(a), 0);
        sources.read_text(a).unwrap();
        sources.read_text(a).unwrap();
        assert_eq!(sources.text_reads(a), 2);
        // Bytes read without their text are not parsed here.
        sources.read(a).unwrap();
        assert_eq!(sources.text_reads(a), 2);
        assert!(sources.read_text(Path::new("/p/b.toml")).is_err());
        assert_eq!(sources.text_reads(Path::new("/p/b.toml")), 1);
    }

    #[test]
    fn a_file_is_read_once_and_the_store_keeps_what_it_read() {
        let dir = crate::base::scratch::tempdir().unwrap();
        let path = dir.path().join("values.toml");
        std::fs::write(&path, "a = 1\n").unwrap();
        let sources = Sources::new();
        assert_eq!(sources.read_text(&path).unwrap(), "a = 1\n");
        std::fs::write(&path, "a = 2\n").unwrap();
        // The same command sees the same snapshot.
        assert_eq!(sources.read_text(&path).unwrap(), "a = 1\n");
        assert!(sources.is_file(&path) && !sources.is_dir(&path));
        assert_eq!(sources.read_dir(dir.path()).unwrap(), vec![path.clone()]);
    }

    #[test]
    fn forgetting_a_changed_file_keeps_the_others() {
        let dir = crate::base::scratch::tempdir().unwrap();
        let changed = dir.path().join("values.toml");
        let kept = dir.path().join("profile.toml");
        std::fs::write(&changed, "a = 1\n").unwrap();
        std::fs::write(&kept, "id = \"x\"\n").unwrap();
        let sources = Sources::new();
        sources.read(&changed).unwrap();
        sources.read(&kept).unwrap();
        sources.read_dir(dir.path()).unwrap();
        std::fs::write(&changed, "a = 2\n").unwrap();
        std::fs::write(&kept, "id = \"y\"\n").unwrap();
        let added = dir.path().join("new.toml");
        std::fs::write(&added, "").unwrap();
        let next = sources.without(&[changed.clone(), added.clone()]);
        assert_eq!(next.read_text(&changed).unwrap(), "a = 2\n");
        // Not reported as changed: still the snapshot's text.
        assert_eq!(next.read_text(&kept).unwrap(), "id = \"x\"\n");
        // The folder of a created file is listed again.
        assert!(next.read_dir(dir.path()).unwrap().contains(&added));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_reached_through_a_link_is_read_again_after_any_change() {
        let dir = crate::base::scratch::tempdir().unwrap();
        let outside = crate::base::scratch::tempdir().unwrap();
        let target = outside.path().join("values.toml");
        std::fs::write(&target, "a = 1\n").unwrap();
        let link = dir.path().join("values.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let other = dir.path().join("intro.md");
        std::fs::write(&other, "x").unwrap();
        let sources = Sources::new();
        assert_eq!(sources.read_text(&link).unwrap(), "a = 1\n");
        // The target changes outside the watched folder: no event names it.
        std::fs::write(&target, "a = 2\n").unwrap();
        let next = sources.without(&[other]);
        assert_eq!(next.read_text(&link).unwrap(), "a = 2\n");
    }

    #[test]
    fn errors_read_as_the_disk_gave_them() {
        let dir = crate::base::scratch::tempdir().unwrap();
        let missing = dir.path().join("missing.csv");
        let sources = Sources::new();
        let error = sources.read(&missing).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
        assert!(!sources.exists(&missing));
        let message = sources.read_text(&missing).unwrap_err().to_string();
        assert!(
            message.contains("cannot read this file: no such file"),
            "{message}"
        );
        std::fs::write(dir.path().join("latin1.md"), b"caf\xe9").unwrap();
        let message = sources
            .read_text(&dir.path().join("latin1.md"))
            .unwrap_err()
            .to_string();
        assert!(message.contains("not valid UTF-8"), "{message}");
    }
}
