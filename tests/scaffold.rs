//! `cityprofile new`: a new profile with the whole MC2CM structure as
//! placeholders builds at once; `check` lists the placeholders; the pages
//! show them marked.

mod common;

use std::fs;

use common::*;

#[test]
fn a_new_profile_builds_at_once_and_check_lists_its_placeholders() {
    let tmp = tempfile::tempdir().unwrap();
    let run = cityprofile(
        tmp.path(),
        &["new", "tanger", "--city", "Tanger", "--lang", "fr,en"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("created tanger"), "{}", stdout(&run));
    let profile = fs::read_to_string(tmp.path().join("tanger/profile.toml")).unwrap();
    assert!(
        profile.contains("id = \"tanger\"") && profile.contains("languages = [\"fr\", \"en\"]")
    );

    let check = cityprofile(tmp.path(), &["check", "tanger"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let warnings = stderr(&check);
    // Placeholders in the Markdown, in the data and the figures still to draw.
    assert!(
        warnings.contains("tanger/text/fr/city-governance.md:3:1: to do: rédiger cette section"),
        "{warnings}"
    );
    assert!(
        warnings.contains("tanger/profile.toml:") && warnings.contains("to do: country"),
        "{warnings}"
    );
    assert!(
        warnings.contains("tanger/tables/general-overview.toml:")
            && warnings.contains("to do: value"),
        "{warnings}"
    );
    assert!(
        warnings.contains("to do: figure `legal-status`"),
        "{warnings}"
    );
    // The English chapters are translations of the French scaffold, up to date.
    assert!(
        stdout(&check).contains("translations of the fr text:\nchapter")
            && stdout(&check).contains("\nbackground  ")
            && !stdout(&check).contains("missing"),
        "{}",
        stdout(&check)
    );

    let out = tmp.path().join("out");
    let build = cityprofile(
        tmp.path(),
        &["build", "tanger", "--out", out.to_str().unwrap()],
    );
    assert!(build.status.success(), "{}", stderr(&build));
    let french = squash(&pdf_text(&out.join("tanger-fr.pdf")));
    assert!(
        french.contains("Profil migratoire de la ville de Tanger"),
        "{french}"
    );
    assert!(
        french.contains("À faire : rédiger cette section"),
        "{french}"
    );
    assert!(
        french.contains("À faire : compléter cette figure"),
        "{french}"
    );
    assert!(french.contains("TODO: value"), "{french}");
    assert!(french.contains("SITUATION MIGRATOIRE À TANGER"), "{french}");
    let english = squash(&pdf_text(&out.join("tanger-en.pdf")));
    assert!(english.contains("To do: write this section"), "{english}");
    assert!(english.contains("About MC2CM"), "{english}");
}

#[test]
fn new_never_overwrites_and_refuses_unknown_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let taken = tmp.path().join("taken");
    fs::create_dir_all(&taken).unwrap();
    fs::write(taken.join("profile.toml"), "id = \"x\"\n").unwrap();
    let run = cityprofile(tmp.path(), &["new", "taken", "--city", "Lyon"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("already exists and is not empty"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        fs::read_to_string(taken.join("profile.toml")).unwrap(),
        "id = \"x\"\n"
    );

    let run = cityprofile(
        tmp.path(),
        &["new", "lyon", "--city", "Lyon", "--lang", "it"],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("no built-in scaffold for language `it`"),
        "{}",
        stderr(&run)
    );
    assert!(!tmp.path().join("lyon").exists());

    let run = cityprofile(tmp.path(), &["new", "amman", "--city", "عمان"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("give one with --id"),
        "{}",
        stderr(&run)
    );
    let run = cityprofile(
        tmp.path(),
        &[
            "new",
            "amman",
            "--city",
            "عمان",
            "--id",
            "amman",
            "--lang",
            "ar",
            "--country",
            "الأردن",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let check = cityprofile(tmp.path(), &["check", "amman"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        !stderr(&check).contains("to do: country"),
        "{}",
        stderr(&check)
    );
}
