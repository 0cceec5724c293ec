//! A profile reads nothing outside its folder: a CSV file, a chapter or an
//! image reached through `..`, an absolute path or a symbolic link that
//! leads out of the profile is refused at the line that names it, and
//! nothing of the outside file reaches a PDF. Inside the folder, symbolic
//! links still work; a PO catalog named on the command line is read
//! wherever it is.

use std::fs;
use std::path::Path;

use crate::common::*;

/// A file outside the profile whose words must never print.
fn secret_beside(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = dir.parent().unwrap().join(name);
    fs::write(&path, text).unwrap();
    path
}

/// Asserts that `check` refuses the profile with the outside reason at
/// `location` and that no edition is written.
fn refused_at(dir: &Path, location: &str) {
    let run = cityprofile(dir, &["build", ".", "--out", "out"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        reports_at(&err, location, "it is outside the profile folder"),
        "{err}"
    );
    assert!(!dir.join("out").exists() || fs::read_dir(dir.join("out")).unwrap().next().is_none());
}

#[test]
fn a_csv_file_named_outside_the_profile_is_refused_at_its_line() {
    let (_tmp, dir) = fixture_copy("sfax");
    let csv = fs::read(dir.join("data/recensements.csv")).unwrap();
    let secret = secret_beside(&dir, "secret.csv", &csv);
    let table = dir.join("tables/recensements.toml");
    replace_in_file(&table, "\"data/recensements.csv\"", "\"../secret.csv\"");
    refused_at(&dir, "tables/recensements.toml:9:8");
    // An absolute path: the same.
    replace_in_file(
        &table,
        "\"../secret.csv\"",
        &format!("{:?}", secret.to_str().unwrap()),
    );
    refused_at(&dir, "tables/recensements.toml:9:8");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_that_leads_out_of_the_profile_is_refused() {
    let (_tmp, dir) = fixture_copy("sfax");
    let csv = fs::read(dir.join("data/recensements.csv")).unwrap();
    let secret = secret_beside(&dir, "secret.csv", &csv);
    fs::remove_file(dir.join("data/recensements.csv")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("data/recensements.csv")).unwrap();
    refused_at(&dir, "tables/recensements.toml:9:8");
}

#[cfg(unix)]
#[test]
fn a_chapter_linked_from_outside_the_profile_is_refused() {
    let (_tmp, dir) = fixture_copy("minimal");
    let chapter = dir.join("text/en/intro.md");
    let secret = secret_beside(
        &dir,
        "secret.md",
        "# Secret\n\nSECRETWORD in a file of the machine.\n",
    );
    fs::remove_file(&chapter).unwrap();
    std::os::unix::fs::symlink(&secret, &chapter).unwrap();
    let run = cityprofile(&dir, &["build", ".", "--out", "out"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.contains("text/en/intro.md"), "{err}");
    assert!(err.contains("it is outside the profile folder"), "{err}");
    assert!(!err.contains("SECRETWORD"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_inside_the_profile_still_works() {
    let (_tmp, dir) = fixture_copy("sfax");
    fs::rename(
        dir.join("data/recensements.csv"),
        dir.join("data/recensements-2024.csv"),
    )
    .unwrap();
    std::os::unix::fs::symlink("recensements-2024.csv", dir.join("data/recensements.csv")).unwrap();
    let run = cityprofile(&dir, &["check", "."]);
    assert!(run.status.success(), "{}", stderr(&run));
}
