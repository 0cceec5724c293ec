//! Temporary folders for the tests, made with the standard library only (a
//! crate for them would bring dependencies that change the features of
//! crates the program shares, and `cargo test --release` would compile those
//! again instead of reusing the release build): one folder per test, removed
//! when it is dropped.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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

    /// The folder, kept when the value is gone (for the rest of the run
    /// and after it).
    pub fn keep(self) -> PathBuf {
        let path = self.path.clone();
        std::mem::forget(self);
        path
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
