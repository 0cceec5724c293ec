//! Translation in gettext PO files (`translate export` / `translate import`)
//! on copies of the Dortmund profile, whose translations are kept with a
//! PO record in `po/<lang>.po`: catalogs that read back as written,
//! round trips that change nothing, one changed source sentence giving one
//! fuzzy segment that the build prints in the source language, and
//! translations that break a placeholder refused at their line.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
use cityprofile::translate::po::Catalog;

/// A copy of the Dortmund profile in a temporary folder.
pub(crate) fn dortmund_copy() -> (TempDir, PathBuf) {
    let tmp = tempdir();
    let dir = tmp.path().join("dortmund");
    copy_dir(&repo_root().join("data/dortmund"), &dir);
    (tmp, dir)
}

/// Imports a PO file that must change nothing: the import says so and
/// every file of the profile keeps its bytes (`before`).
pub(crate) fn assert_import_changes_nothing(
    dir: &Path,
    po: &Path,
    before: &BTreeMap<PathBuf, Vec<u8>>,
) {
    let said = import_catalog_ok(dir, po);
    assert!(said.contains("nothing changed"), "{said}");
    assert!(
        snapshot(dir) == *before,
        "the round trip changed the profile"
    );
}

/// Builds the edition of `lang` of the profile `id` into `out/` of its
/// folder, which must succeed: what the build said on stderr, and the
/// PDF's text, squashed.
fn build_edition(dir: &Path, id: &str, lang: &str) -> (String, String) {
    let run = cityprofile(dir, &["build", ".", "--lang", lang, "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = squash(&pdf_text(&dir.join(format!("out/{id}-{lang}.pdf"))));
    (stderr(&run), text)
}

/// Builds the German edition with `--strict` into `folder` of the profile.
fn build_german_strict(dir: &Path, folder: &str) -> std::process::Output {
    cityprofile(
        dir,
        &["build", ".", "--lang", "de", "--strict", "--out", folder],
    )
}

/// How many segments the profile's German record holds.
fn segment_count(dir: &Path) -> usize {
    fs::read_to_string(dir.join("po/de.po"))
        .unwrap()
        .matches("\nmsgctxt ")
        .count()
}

/// Reads a catalog with the program's own PO reader, which must accept it;
/// the number of its entries.
pub(crate) fn po_check(po: &Path) -> usize {
    let text = fs::read_to_string(po).unwrap();
    match Catalog::parse(po, &text) {
        Ok(catalog) => catalog.entries.len(),
        Err(e) => panic!("{}: not a catalog: {e:?}", po.display()),
    }
}

#[test]
fn every_dortmund_language_exports_a_well_formed_catalog_prefilled() {
    let (tmp, dir) = dortmund_copy();
    for lang in ["de", "fr", "ar"] {
        let po = tmp.path().join(format!("{lang}.po"));
        let said = export_catalog(&dir, lang, &po);
        let entries = po_check(&po);
        // Segments counted and the prefilled share reported: every
        // segment of the Dortmund translations is translated.
        let text = fs::read_to_string(&po).unwrap();
        let segments = text.matches("\nmsgctxt ").count();
        assert!(segments > 400, "{segments}");
        assert_eq!(entries, segments, "{lang}: entries read back");
        assert!(
            said.contains(&format!(
                "{segments} segments, {segments} translated (100%), 0 fuzzy, 0 untranslated"
            )),
            "{said}"
        );
        assert!(text.contains(&format!("\"Language: {lang}\\n\"")), "{lang}");
        // References name the source file and line.
        assert!(text.contains("#: text/en/background.md:5\n"), "{lang}");
        assert!(text.contains("#: tables/"), "{lang}");
    }
    let po = fs::read_to_string(tmp.path().join("de.po")).unwrap();
    assert!(
        po.contains("msgid \"About MC2CM\"\nmsgstr \"Über MC2CM\""),
        "{}",
        &po[..2000]
    );
}

#[test]
fn export_then_import_of_the_unchanged_catalog_leaves_the_profile_byte_identical() {
    let (tmp, dir) = dortmund_copy();
    let before = snapshot(&dir);
    for lang in ["de", "fr", "ar"] {
        let po = tmp.path().join(format!("{lang}.po"));
        export_catalog(&dir, lang, &po);
        assert_import_changes_nothing(&dir, &po, &before);
    }
}

#[test]
fn one_changed_source_sentence_is_one_fuzzy_segment_printed_in_the_source_language() {
    let (tmp, dir) = dortmund_copy();
    let old = "launched in 2015, aims to contribute";
    let new = "launched in 2015 and renewed since, aims to contribute";
    replace_in_file(&dir.join("text/en/background.md"), old, new);
    let po = tmp.path().join("de.po");
    let said = export_catalog(&dir, "de", &po);
    let segments = segment_count(&dir);
    assert!(
        said.contains(&format!("{} translated", segments - 1)),
        "{said}"
    );
    assert!(said.contains("1 fuzzy"), "{said}");
    let text = fs::read_to_string(&po).unwrap();
    assert_eq!(text.matches("#, fuzzy").count(), 1, "{said}");
    let fuzzy = &text[text.find("#, fuzzy").unwrap()..];
    let entry = &fuzzy[..fuzzy.find("\n\n").unwrap()];
    assert!(entry.contains("#| msgid"), "{entry}");
    let squashed = entry.replace("\"\n#| \"", "").replace("\"\n\"", "");
    assert!(squashed.contains(old), "{entry}");
    assert!(squashed.contains(new), "{entry}");

    // check counts it and names its place.
    let run = cityprofile(&dir, &["check", ".", "--lang", "de"]);
    assert!(
        stdout(&run).contains(&format!(
            "de: {} translated, 1 fuzzy, 0 untranslated\n  fuzzy: text/en/background.md:7",
            segments - 1
        )),
        "{}",
        stdout(&run)
    );

    // The German edition builds, with that one segment in English.
    let (warnings, pdf) = build_edition(&dir, "dortmund", "de");
    assert!(
        warnings.contains("text/en/background.md:7:1: this segment is fuzzy in de"),
        "{warnings}"
    );
    assert!(
        pdf.contains(&squash("launched in 2015 and renewed since")),
        "segment in English"
    );
    // Marked on the page with the language it is printed in.
    assert!(pdf.contains("EN In this context, the"), "{pdf}");
    assert!(
        pdf.contains(&squash("Interne und internationale Migrationsbewegungen")),
        "the rest in German"
    );
    // --strict refuses it.
    let run = build_german_strict(&dir, "strict");
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        reports_at(
            &stderr(&run),
            "text/en/background.md:7:1",
            "this segment is fuzzy in de"
        ),
        "{}",
        stderr(&run)
    );
    assert!(!dir.join("strict/dortmund-de.pdf").exists());
}

#[test]
fn a_translation_that_breaks_a_placeholder_is_refused_at_its_line() {
    let (tmp, dir) = dortmund_copy();
    let before = snapshot(&dir);
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let text = fs::read_to_string(&po).unwrap();
    // The first translation with a footnote reference loses it.
    let lines: Vec<&str> = text.lines().collect();
    // A line of a msgstr (the last keyword above it is `msgstr`) with a `[^`.
    let in_msgstr = |i: usize| {
        lines[..=i]
            .iter()
            .rev()
            .find(|l| l.starts_with("msgstr") || l.starts_with("msgid") || l.starts_with("msgctxt"))
            .is_some_and(|l| l.starts_with("msgstr"))
    };
    let at = (0..lines.len())
        .find(|&i| lines[i].contains("[^") && in_msgstr(i))
        .unwrap();
    let line = lines[at];
    let start = line.find("[^").unwrap();
    let end = start + line[start..].find(']').unwrap() + 1;
    let broken_line = format!("{}{}", &line[..start], &line[end..]);
    let entry_line = lines[..at]
        .iter()
        .rposition(|l| l.starts_with("#:"))
        .unwrap()
        + 1;
    let mut edited: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    edited[at] = broken_line;
    fs::write(&po, edited.join("\n") + "\n").unwrap();
    let run = import_catalog(&dir, &po);
    assert_eq!(run.status.code(), Some(1), "{}", stdout(&run));
    let err = stderr(&run);
    assert!(
        err.contains("does not keep the source's placeholders: it lacks `[^"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    // Reported at the entry in the PO file.
    assert!(
        err.contains(&format!("de.po:{entry_line}:1")),
        "expected at line {entry_line}: {err}"
    );
    assert!(snapshot(&dir) == before, "nothing is written");
}

#[test]
fn an_imported_translation_reaches_the_chapter_the_data_and_the_page() {
    let (tmp, dir) = dortmund_copy();
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let text = fs::read_to_string(&po).unwrap();
    let text = text.replace(
        "msgid \"About MC2CM\"\nmsgstr \"Über MC2CM\"",
        "msgid \"About MC2CM\"\nmsgstr \"Über das Projekt MC2CM\"",
    );
    // A data text: the first caption of a table, translated anew.
    let caption_at = text.find("#: tables/").unwrap();
    let entry = &text[caption_at..caption_at + text[caption_at..].find("\n\n").unwrap()];
    let msgstr_line = entry.lines().find(|l| l.starts_with("msgstr \"")).unwrap();
    assert!(msgstr_line.len() > "msgstr \"\"".len(), "{entry}");
    let new_entry = entry.replace(msgstr_line, "msgstr \"Neu übersetzte Beschriftung\"");
    let text = text.replace(entry, &new_entry);
    fs::write(&po, text).unwrap();
    let said = import_catalog_ok(&dir, &po);
    assert!(said.contains("text/de/background.md"), "{said}");
    assert!(said.contains("po/de.po"), "{said}");
    let chapter = fs::read_to_string(dir.join("text/de/background.md")).unwrap();
    assert!(
        chapter.contains("\n## Über das Projekt MC2CM\n"),
        "{chapter}"
    );
    let tables: String = fs::read_dir(dir.join("tables"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(tables.contains("de = \"Neu übersetzte Beschriftung\""));
    // Still complete: the next export has nothing fuzzy, and the page shows it.
    let said = export_catalog(&dir, "de", &tmp.path().join("again.po"));
    let segments = segment_count(&dir);
    assert!(said.contains(&format!("{segments} translated")), "{said}");
    let run = build_german_strict(&dir, "out");
    assert!(run.status.success(), "{}", stderr(&run));
    let pdf = squash(&pdf_text(&dir.join("out/dortmund-de.pdf")));
    assert!(pdf.contains(&squash("Über das Projekt MC2CM")));
}

#[test]
fn layout_words_the_profile_sets_are_in_the_catalog_spaces_and_all() {
    let (tmp, dir) = fixture_copy("sfax");
    let po = tmp.path().join("es.po");
    let said = export_catalog(&dir, "es", &po);
    po_check(&po);
    let text = fs::read_to_string(&po).unwrap();
    // From the French built-in words to the profile's Spanish ones, with
    // the spaces of a separator kept.
    assert!(
        text.contains("msgid \"Table des matières\"\nmsgstr \"Índice\""),
        "{said}"
    );
    assert!(text.contains("msgid \", \"\nmsgstr \", \""), "{text}");
    let edited = text.replace(
        "msgid \"Table des matières\"\nmsgstr \"Índice\"",
        "msgid \"Table des matières\"\nmsgstr \"Índice general\"",
    );
    fs::write(&po, edited).unwrap();
    let before = fs::read_to_string(dir.join("strings/es.toml")).unwrap();
    import_catalog_ok(&dir, &po);
    let after = fs::read_to_string(dir.join("strings/es.toml")).unwrap();
    assert_eq!(
        after,
        before.replace("contents = \"Índice\"", "contents = \"Índice general\""),
        "only that word changes"
    );
    // The untranslated Spanish chapter is not written as a copy of the French.
    assert!(!dir.join("text/es/situation-migratoire.md").exists());
    let (_, pdf) = build_edition(&dir, "sfax", "es");
    assert!(pdf.contains("ÍNDICE GENERAL"));
}

#[test]
fn a_changed_data_text_is_fuzzy_and_printed_in_the_source_language() {
    let (tmp, dir) = dortmund_copy();
    replace_in_file(
        &dir.join("tables/stakeholders.toml"),
        "en = \"Stakeholder overview, Dortmund\"",
        "en = \"Overview of the stakeholders, Dortmund\"",
    );
    let po = tmp.path().join("de.po");
    let said = export_catalog(&dir, "de", &po);
    assert!(said.contains("1 fuzzy"), "{said}");
    let text = fs::read_to_string(&po).unwrap();
    assert!(
        text.contains("#, fuzzy\n#| msgid \"Stakeholder overview, Dortmund\"\nmsgctxt"),
        "{said}"
    );
    let (warnings, pdf) = build_edition(&dir, "dortmund", "de");
    assert!(
        warnings.contains("tables/stakeholders.toml:2:11: the en text of this text changed since it was translated into de"),
        "{warnings}"
    );
    assert!(
        pdf.contains("Overview of the stakeholders, Dortmund"),
        "source printed"
    );
    assert!(
        !pdf.contains("Übersicht der Akteure, Dortmund"),
        "stale translation printed"
    );
    let run = build_german_strict(&dir, "strict");
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
}

#[test]
fn a_control_character_in_a_msgstr_is_refused_at_its_column_and_nothing_is_written() {
    let (tmp, dir) = fixture_copy("bilingual");
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let exported = fs::read_to_string(&po).unwrap();
    // The first translated msgstr after the header, its line (1-based).
    let (index, line) = exported
        .lines()
        .enumerate()
        .skip(3)
        .find(|(_, l)| l.starts_with("msgstr \"") && l.len() > "msgstr \"\"".len())
        .expect("a translated msgstr");
    let before = snapshot(&dir);
    // `\b` as gettext writes it, `\0` by its code, and a raw U+0001.
    for (written, column, says) in [
        ("\\b", 9, "`\\b` writes a control character"),
        ("\\000", 9, "`\\000` writes a control character"),
        ("\u{1}", 9, "the control character U+0001"),
    ] {
        let damaged = line.replacen("msgstr \"", &format!("msgstr \"{written}"), 1);
        let text: Vec<String> = exported
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == index {
                    damaged.clone()
                } else {
                    l.to_string()
                }
            })
            .collect();
        fs::write(&po, text.join("\n") + "\n").unwrap();
        let run = import_catalog(&dir, &po);
        assert_eq!(run.status.code(), Some(1), "{written:?}: {}", stdout(&run));
        let err = stderr(&run);
        assert!(
            reports_at(&err, &format!("de.po:{}:{column}", index + 1), says),
            "{written:?}: {err}"
        );
        assert!(snapshot(&dir) == before, "{written:?}: nothing is written");
    }
}
