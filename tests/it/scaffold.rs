//! `cityprofile new`: a new profile with the whole MC2CM structure as
//! placeholders builds at once; `check` lists the placeholders; the pages
//! show them marked.

use std::fs;
use std::path::Path;

use crate::common::*;

#[test]
fn a_new_profile_builds_at_once_and_check_lists_its_placeholders() {
    let tmp = tempdir();
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
    // The English chapters are not written yet: they are not marked as
    // translations of the French placeholders.
    assert!(
        stdout(&check).contains(
            "translations of the fr text:
chapter"
        ) && stdout(&check)
            .lines()
            .any(|l| l.starts_with("background ") && l.contains("missing")),
        "{}",
        stdout(&check)
    );
    assert!(tmp.path().join("tanger/text/en").is_dir());
    assert!(!tmp.path().join("tanger/text/en/background.md").exists());
    // The comments of the scaffold files are no to-dos: every to-do names
    // its place (`warning: FILE:LINE:COLUMN: to do: ...`), and its line is
    // no TOML comment (`#`) or Markdown comment (`<!--`).
    let mut placed = 0;
    for line in warnings.lines().filter(|l| l.contains("to do:")) {
        let place = line
            .strip_prefix("warning: ")
            .and_then(|l| l.split_once(": to do:"))
            .map(|(place, _)| place)
            .unwrap_or_else(|| panic!("a to-do that is not a warning with its place: {line}"));
        let mut parts = place.rsplitn(3, ':');
        let (Some(column), Some(line_number), Some(file)) =
            (parts.next(), parts.next(), parts.next())
        else {
            panic!("a to-do without FILE:LINE:COLUMN: {line}");
        };
        let line_number: usize = line_number
            .parse()
            .unwrap_or_else(|_| panic!("no line number in: {line}"));
        column
            .parse::<usize>()
            .unwrap_or_else(|_| panic!("no column in: {line}"));
        let text = fs::read_to_string(tmp.path().join(file))
            .unwrap_or_else(|e| panic!("{file} of {line}: {e}"));
        let source_line = line_number
            .checked_sub(1)
            .and_then(|i| text.lines().nth(i))
            .unwrap_or_else(|| panic!("{file} has no line {line_number}: {line}"));
        let comment = match file.rsplit_once('.').map(|(_, extension)| extension) {
            Some("toml") => "#",
            Some("md") => "<!--",
            _ => panic!("a to-do in a file that is neither TOML nor Markdown: {line}"),
        };
        assert!(
            !source_line.trim_start().starts_with(comment),
            "a comment counted as a to-do: {line}"
        );
        placed += 1;
    }
    assert!(placed > 0, "no to-do found: {warnings}");

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
    // The English edition prints the French text, marked as not yet translated.
    let english = squash(&pdf_text(&out.join("tanger-en.pdf")));
    assert!(
        english.contains("To do: rédiger cette section"),
        "{english}"
    );
    assert!(
        english.contains("This chapter is not yet translated"),
        "{english}"
    );
    assert!(
        english.contains("City Migration Profile of Tanger"),
        "{english}"
    );
}

#[test]
fn new_takes_city_names_per_language_and_neutral_words() {
    let tmp = tempdir();
    let run = cityprofile(
        tmp.path(),
        &[
            "new",
            "tunis",
            "--city",
            "Tunis",
            "--city",
            "ar=تونس",
            "--lang",
            "fr,ar,en",
            "--country",
            "Tunisie",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let profile = fs::read_to_string(tmp.path().join("tunis/profile.toml")).unwrap();
    assert!(
        profile.contains("city = { fr = \"Tunis\", ar = \"تونس\", en = \"Tunis\" }"),
        "{profile}"
    );
    assert!(
        profile.contains("ar = \"ملف الهجرة لمدينة تونس\""),
        "{profile}"
    );
    assert!(
        profile.contains("fr = \"Profil migratoire de la ville de Tunis\""),
        "{profile}"
    );
    // Neutral words: national, regional and local levels; no federal states,
    // no Germans with a migration background.
    let national =
        fs::read_to_string(tmp.path().join("tunis/text/fr/national-context.md")).unwrap();
    assert!(
        national.contains("### Niveau national") && national.contains("### Niveau local"),
        "{national}"
    );
    assert!(!national.contains("fédér"), "{national}");
    let overview =
        fs::read_to_string(tmp.path().join("tunis/tables/general-overview.toml")).unwrap();
    assert!(
        !overview.contains("Allemands") && !overview.contains("Germans"),
        "{overview}"
    );
    assert!(overview.contains("Population étrangère"), "{overview}");

    let out = tmp.path().join("out");
    let build = cityprofile(
        tmp.path(),
        &["build", "tunis", "--out", out.to_str().unwrap()],
    );
    assert!(build.status.success(), "{}", stderr(&build));
    let arabic = squash(&pdf_text(&out.join("tunis-ar.pdf")));
    assert!(arabic.contains("تونس"), "{arabic}");
}

#[test]
fn removing_a_scaffold_table_names_every_marker_that_still_places_it() {
    let tmp = tempdir();
    let run = cityprofile(
        tmp.path(),
        &["new", "rabat", "--city", "Rabat", "--lang", "fr"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let dir = tmp.path().join("rabat");
    fs::remove_file(dir.join("tables/stakeholders.toml")).unwrap();
    fs::remove_file(dir.join("figures/age-groups.toml")).unwrap();
    let check = cityprofile(tmp.path(), &["check", "rabat"]);
    assert_eq!(check.status.code(), Some(1));
    let err = stderr(&check);
    assert!(
        err.contains("rabat/text/fr/city-governance.md:")
            && err.contains("{{table:stakeholders}} names no table: there is no tables/stakeholders.toml (remove this marker if the table was deleted"),
        "{err}"
    );
    assert!(
        err.contains("rabat/text/fr/immigration-situation.md:")
            && err.contains("{{figure:age-groups}} names no figure"),
        "{err}"
    );
    // Removing the markers too leaves a valid profile.
    for (file, marker) in [
        ("text/fr/city-governance.md", "{{table:stakeholders}}"),
        ("text/fr/immigration-situation.md", "{{figure:age-groups}}"),
    ] {
        replace_in_file(&dir.join(file), marker, "");
    }
    let check = cityprofile(tmp.path(), &["check", "rabat"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn new_never_overwrites_and_refuses_unknown_languages() {
    let tmp = tempdir();
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
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("no built-in scaffold for language `it`: the first --lang is the language the chapters are written in"),
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

#[test]
fn a_regional_source_language_starts_from_its_base_languages_chapters() {
    let tmp = tempdir();
    let run = cityprofile(
        tmp.path(),
        &["new", "zurich", "--city", "Zürich", "--lang", "de-CH,en"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    // The layout words of `de` serve `de-CH`: no note asks for them.
    assert!(!stderr(&run).contains("not built in"), "{}", stderr(&run));
    let german = tempdir();
    let run = cityprofile(
        german.path(),
        &["new", "zurich", "--city", "Zürich", "--lang", "de,en"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    // The Swiss profile's chapters are the German scaffold's, in text/de-CH/.
    let chapters = |dir: &Path| {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let swiss = tmp.path().join("zurich/text/de-CH");
    let de = german.path().join("zurich/text/de");
    assert_eq!(chapters(&swiss), chapters(&de));
    assert!(!tmp.path().join("zurich/text/de").exists());
    // Swiss German writes `ss` for `ß`: the chapters are the German ones
    // in its spelling, and none has an `ß`.
    let mut eszett = 0;
    for name in chapters(&de) {
        let german = fs::read_to_string(de.join(&name)).unwrap();
        let swiss_text = fs::read_to_string(swiss.join(&name)).unwrap();
        eszett += german.matches('ß').count();
        assert!(!swiss_text.contains('ß'), "{name}: {swiss_text}");
        assert_eq!(swiss_text, german.replace('ß', "ss"), "{name}");
    }
    assert!(eszett > 0, "the German scaffold has an ß to replace");
    assert!(fs::read_to_string(tmp.path().join("zurich/profile.toml"))
        .unwrap()
        .contains("languages = [\"de-CH\", \"en\"]"),);
}

#[test]
fn new_takes_any_language_cldr_knows_after_the_source_language() {
    let tmp = tempdir();
    let run = cityprofile(
        tmp.path(),
        &["new", "sfax", "--city", "Sfax", "--lang", "fr,es"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run)
            .contains("the layout's words in `es` are not built in: create sfax/strings/es.toml"),
        "{}",
        stderr(&run)
    );
    // check says what is missing, with the English file as the template.
    let check = cityprofile(tmp.path(), &["check", "sfax"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("sfax/strings/es.toml: the layout words of language `es` are not built in: create strings/es.toml")
            && stderr(&check).contains("strings/en.toml"),
        "{}",
        stderr(&check)
    );
    // With the strings, the Spanish edition prints the French chapters.
    let strings =
        std::fs::read_to_string(repo_root().join("tests/fixtures/sfax/strings/es.toml")).unwrap();
    fs::create_dir_all(tmp.path().join("sfax/strings")).unwrap();
    fs::write(tmp.path().join("sfax/strings/es.toml"), strings).unwrap();
    let out = tmp.path().join("out");
    let build = cityprofile(
        tmp.path(),
        &["build", "sfax", "--out", out.to_str().unwrap()],
    );
    assert!(build.status.success(), "{}", stderr(&build));
    let spanish = squash(&pdf_text(&out.join("sfax-es.pdf")));
    assert!(
        spanish.contains("ÍNDICE") && spanish.contains("Este capítulo aún no está traducido"),
        "{spanish}"
    );
    // Texts of the scaffold data without Spanish print in French, with a warning.
    assert!(
        stderr(&build).contains("this text has no `es` version yet: the fr text is printed"),
        "{}",
        stderr(&build)
    );

    // An unknown language is a wrong command line (exit code 2), like a
    // repeated one, and nothing is written.
    let run = cityprofile(tmp.path(), &["new", "x", "--city", "X", "--lang", "fr,qq"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("`qq` in --lang is not a language CLDR has"),
        "{}",
        stderr(&run)
    );
    assert!(!tmp.path().join("x").exists());
    // A three-letter code that CLDR does not know is refused as such, not
    // suggested as a further edition.
    let run = cityprofile(tmp.path(), &["new", "y", "--city", "Y", "--lang", "eng"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("`eng` in --lang is not a language CLDR has"),
        "{}",
        stderr(&run)
    );
    assert!(!tmp.path().join("y").exists());
    // A CLDR language without scaffold text cannot come first.
    let run = cityprofile(tmp.path(), &["new", "z", "--city", "Z", "--lang", "es,fr"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("no built-in scaffold for language `es`: the first --lang is the language the chapters are written in, one of ar, de, en, fr or one of them with a region like de-CH (other languages can follow it, like --lang fr,es"),
        "{}",
        stderr(&run)
    );
    assert!(!tmp.path().join("z").exists());
}
