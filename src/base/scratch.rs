//! Temporary folders for the unit tests, made with the standard library
//! only: a crate for them, as a dev-dependency, would change the features of
//! crates the program shares (tempfile turns on `bitflags/std`), and
//! `cargo test --release` would then compile those crates and Typst, which
//! depends on them, again instead of reusing the release build.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A new, empty folder under the system's temporary folder, removed with
/// everything in it when the value is dropped.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    /// The folder.
    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // A folder that cannot be removed is left behind, not a failure.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Makes a [`TempDir`] named after the process and a count (a name an
/// earlier process with the same id left behind is skipped).
pub(crate) fn tempdir() -> io::Result<TempDir> {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("cityprofile-unit-test-{}-{n}", std::process::id()));
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(TempDir(path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}
