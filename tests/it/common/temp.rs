//! Temporary folders for the tests, made with the standard library only (a
//! crate for them would bring dependencies that change the features of
//! crates the program shares, and `cargo test --release` would compile those
//! again instead of reusing the release build): one folder per test, removed
//! when it is dropped, and one folder per run of the test binary for the
//! profiles built once and shared, kept for the whole run.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// What the names of the tests' folders in the system's temporary folder
/// start with.
const PREFIX: &str = "cityprofile-test-";

/// A folder of its own for a test, removed with everything in it when the
/// value is dropped.
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// The folder (absolute: the system's temporary folder is).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // A folder that cannot be removed is left behind, not a failure.
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// A new, empty folder under the system's temporary folder; panics when
/// none can be made.
pub fn tempdir() -> TempDir {
    TempDir {
        path: new_folder("").unwrap_or_else(|e| panic!("no temporary folder: {e}")),
    }
}

/// A name under the system's temporary folder that no folder of this
/// process has had: `PREFIX`, `kind`, the process id and a count. An earlier
/// process with the same id may have left it behind: callers take the next
/// name when it exists.
fn candidate(kind: &str) -> PathBuf {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("{PREFIX}{kind}{}-{n}", std::process::id()))
}

/// Makes a new folder named by [`candidate`].
fn new_folder(kind: &str) -> io::Result<PathBuf> {
    loop {
        let path = candidate(kind);
        match fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// The folder of this run of the test binary, for the profiles built once
/// and read by several tests: made at the first call and kept for the whole
/// run. A run holds a lock on `<folder>.lock` as long as it lives (the lock
/// file is made and locked before the folder); making the folder removes
/// the folders of earlier runs, whose locks are free.
fn run_dir() -> &'static Path {
    static RUN: OnceLock<(PathBuf, File)> = OnceLock::new();
    let (dir, _lock) = RUN.get_or_init(|| {
        remove_finished_runs();
        new_run_folder().unwrap_or_else(|e| panic!("no folder for the run: {e}"))
    });
    dir
}

/// Makes and locks a lock file, then its folder.
fn new_run_folder() -> io::Result<(PathBuf, File)> {
    loop {
        let dir = candidate("run-");
        let lock = match File::create_new(lock_file(&dir)) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        lock.lock()?;
        match fs::create_dir(&dir) {
            Ok(()) => return Ok((dir, lock)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                // Left by an earlier process without its lock file.
                fs::remove_file(lock_file(&dir))?;
                continue;
            }
            Err(e) => return Err(e),
        }
    }
}

/// The lock file of a run's folder: beside it, its name and `.lock`.
fn lock_file(dir: &Path) -> PathBuf {
    let mut name = dir.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Removes the folders of runs that have ended (their lock file can be
/// locked), with their lock files. A folder without a lock file is left
/// alone: whether its run has ended cannot be told.
fn remove_finished_runs() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    let run_prefix = format!("{PREFIX}run-");
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(dir_name) = name
            .strip_suffix(".lock")
            .filter(|n| n.starts_with(&run_prefix))
        else {
            continue;
        };
        let Ok(lock) = File::open(entry.path()) else {
            continue;
        };
        match lock.try_lock() {
            Ok(()) => {
                let _ = fs::remove_dir_all(entry.path().with_file_name(dir_name));
                let _ = fs::remove_file(entry.path());
            }
            // Locked by a run that goes on, or not to be locked at all.
            Err(TryLockError::WouldBlock | TryLockError::Error(_)) => {}
        }
    }
}

/// A new folder `name` in the run's folder ([`run_dir`]), kept for the
/// whole run; panics when it exists already (each shared build has a name
/// of its own).
pub fn run_folder(name: &str) -> PathBuf {
    let dir = run_dir().join(name);
    fs::create_dir(&dir).unwrap_or_else(|e| panic!("cannot make {}: {e}", dir.display()));
    dir
}
