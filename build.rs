//! Build steps cargo cannot do by itself: rebuilding the crate when a file
//! under `templates/` changes (the templates are embedded with
//! `include_dir!`, which stable Rust cannot track), and recording the git
//! commit the binary is built from, for `--version`, when it is built from a
//! git checkout with git installed; a build from a source archive
//! (`cargo install` from a tarball) or without git has none.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=templates");
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git").args(args).output().ok()?;
        if !output.status.success() {
            return None;
        }
        let text = String::from_utf8(output.stdout).ok()?;
        Some(text.trim().to_string()).filter(|t| !t.is_empty())
    };
    // Only this package's own checkout: not a repository the source folder
    // happens to sit in.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let Some(top) = git(&["-C", &manifest_dir, "rev-parse", "--show-toplevel"]) else {
        return;
    };
    if Path::new(&top).canonicalize().ok() != Path::new(&manifest_dir).canonicalize().ok() {
        return;
    }
    let Some(commit) = git(&["-C", &manifest_dir, "rev-parse", "--short=12", "HEAD"]) else {
        return;
    };
    println!("cargo:rustc-env=CITYPROFILE_COMMIT={commit}");
    // Build again when HEAD moves (a commit, a checkout).
    for path in ["HEAD", "logs/HEAD"] {
        if let Some(file) = git(&["-C", &manifest_dir, "rev-parse", "--git-path", path]) {
            let file = Path::new(&manifest_dir).join(file);
            if !file.exists() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", file.display());
        }
    }
}
