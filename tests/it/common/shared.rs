//! Profiles built once per run of the test binary, for the tests that only
//! read what the build wrote: the sample profile, whose four editions tests
//! of several modules read (contents, print production, chart text), is
//! built once instead of once per module. A test that changes a profile
//! builds a copy of its own.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use super::{cityprofile, repo_root, run_folder, stderr};

/// A build kept for the whole run: run from its own folder of the run's
/// folder, its PDFs in `o/` and its Typst sources in `src/` there.
pub struct Built {
    /// The folder the build ran in.
    pub dir: PathBuf,
    /// What the build printed, and its exit status.
    pub run: Output,
}

impl Built {
    /// The PDF `o/<name>.pdf`, e.g. `dortmund-en` or `dortmund-en-print`.
    pub fn pdf(&self, name: &str) -> PathBuf {
        self.dir.join("o").join(format!("{name}.pdf"))
    }

    /// The Typst sources of an edition, `src/<edition>` (e.g. `dortmund-en`).
    pub fn sources(&self, edition: &str) -> PathBuf {
        self.dir.join("src").join(edition)
    }
}

/// Builds the profile folder `profile` (an absolute path) from a new folder
/// `name` of the run's folder, with `--out o --emit-typst src` (relative to
/// that folder) and the arguments `more`; panics with the messages when the
/// build fails.
pub fn build_for_the_run(name: &str, profile: &Path, more: &[&str]) -> Built {
    let dir = run_folder(name);
    let mut args = vec![
        "build",
        profile.to_str().expect("a UTF-8 path"),
        "--out",
        "o",
        "--emit-typst",
        "src",
    ];
    args.extend_from_slice(more);
    let run = cityprofile(&dir, &args);
    assert!(
        run.status.success(),
        "building {} failed: {}",
        profile.display(),
        stderr(&run)
    );
    Built { dir, run }
}

/// The sample profile, `data/dortmund`, built once for the run: all its
/// editions, screen and print (`--print`), with their Typst sources, from a
/// folder outside the repository.
pub fn dortmund() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        build_for_the_run("dortmund", &repo_root().join("data/dortmund"), &["--print"])
    })
}
