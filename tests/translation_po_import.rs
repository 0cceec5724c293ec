//! What `translate import` takes from a translator's catalog, on a new
//! profile (`cityprofile new`) translated into Arabic segment by segment:
//! only a msgstr translates a segment, so a partial catalog leaves the rest
//! untranslated for `export`, `check` and `build` alike; a msgstr whose
//! Markdown would not build, or a table caption that lost its `Table:`
//! prefix, is refused at its line of the PO file before anything is written.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use cityprofile::po::{Catalog, Entry};
use common::*;

/// A new profile `lyon` in English, Arabic and Spanish, made by `new`.
fn new_profile() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let made = cityprofile(
        tmp.path(),
        &[
            "new",
            "lyon",
            "--city",
            "Lyon",
            "--city",
            "ar=ليون",
            "--lang",
            "en,ar,es",
        ],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let dir = tmp.path().join("lyon");
    (tmp, dir)
}

/// Exports the catalog of `lang` to `po`: what the export said, and the
/// catalog.
fn export(dir: &Path, lang: &str, po: &Path) -> (String, Catalog) {
    let run = cityprofile(
        dir,
        &[
            "translate",
            "export",
            ".",
            "--lang",
            lang,
            "--out",
            po.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    (stdout(&run), read_catalog(po))
}

fn read_catalog(po: &Path) -> Catalog {
    Catalog::parse(po, &fs::read_to_string(po).unwrap()).unwrap()
}

fn import(dir: &Path, po: &Path) -> std::process::Output {
    cityprofile(dir, &["translate", "import", ".", po.to_str().unwrap()])
}

/// The entry of a catalog with the context `context`.
fn entry<'c>(catalog: &'c Catalog, context: &str) -> &'c Entry {
    catalog
        .entries
        .iter()
        .find(|e| e.context == context)
        .unwrap_or_else(|| panic!("no entry `{context}`"))
}

/// Sets the msgstr (and fuzzy flag) of the entry `context`.
fn translate(catalog: &mut Catalog, context: &str, text: &str, fuzzy: bool) {
    let e = catalog
        .entries
        .iter_mut()
        .find(|e| e.context == context)
        .unwrap_or_else(|| panic!("no entry `{context}`"));
    e.translation = text.to_string();
    e.fuzzy = fuzzy;
}

/// Translated, fuzzy and untranslated entries of a catalog.
fn counts(catalog: &Catalog) -> (usize, usize, usize) {
    let translated = catalog.entries.iter().filter(|e| e.is_translated()).count();
    let fuzzy = catalog
        .entries
        .iter()
        .filter(|e| e.fuzzy && !e.translation.is_empty())
        .count();
    (
        translated,
        fuzzy,
        catalog.entries.len() - translated - fuzzy,
    )
}

/// Every file of a folder with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    out
}

#[test]
fn a_partial_import_leaves_every_other_segment_untranslated_for_every_command() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("ar.po");
    let (_, mut catalog) = export(&dir, "ar", &po);
    assert!(entry(&catalog, "background 2 heading")
        .translation
        .is_empty());
    translate(&mut catalog, "background 1 heading", "خلفية", false);
    translate(&mut catalog, "background 3 paragraph", "حركات الهجرة", true);
    fs::write(&po, catalog.to_po()).unwrap();
    let run = import(&dir, &po);
    assert!(run.status.success(), "{}", stderr(&run));

    // The next export: the heading translated, the fuzzy paragraph still
    // fuzzy, every other segment of the chapter untranslated (although the
    // chapter file now holds the English text there).
    let (said, again) = export(&dir, "ar", &tmp.path().join("ar2.po"));
    let chapter = fs::read_to_string(dir.join("text/ar/background.md")).unwrap();
    assert!(chapter.contains("## About MC2CM"), "{chapter}");
    assert!(entry(&again, "background 1 heading").is_translated());
    assert_eq!(entry(&again, "background 1 heading").translation, "خلفية");
    let fuzzy = entry(&again, "background 3 paragraph");
    assert!(
        fuzzy.fuzzy && fuzzy.translation == "حركات الهجرة",
        "{fuzzy:?}"
    );
    for context in ["background 2 heading", "background 4 paragraph"] {
        let e = entry(&again, context);
        assert!(e.translation.is_empty() && !e.fuzzy, "{e:?}");
    }
    let (translated, fuzzy, untranslated) = counts(&again);
    assert_eq!(fuzzy, 1);
    let line = format!("{translated} translated, 1 fuzzy, {untranslated} untranslated");
    assert!(
        said.contains(&format!("{translated} translated (")),
        "{said}"
    );
    assert!(
        said.contains(&format!("1 fuzzy, {untranslated} untranslated")),
        "{said}"
    );

    // check counts the same and lists the open segments of the chapter.
    let run = cityprofile(&dir, &["check", ".", "--lang", "ar"]);
    let report = stdout(&run);
    assert!(report.contains(&format!("ar: {line}")), "{report}");
    assert!(
        report.contains("  untranslated: text/en/background.md:3\n"),
        "{report}"
    );
    assert!(
        report.contains("  fuzzy: text/en/background.md:5\n"),
        "{report}"
    );

    // build prints them in English, each with its tag and warning.
    let run = cityprofile(&dir, &["build", ".", "--lang", "ar", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let warnings = stderr(&run);
    for (line, state) in [(3, "untranslated"), (5, "fuzzy"), (7, "untranslated")] {
        assert!(
            warnings.contains(&format!(
                "text/en/background.md:{line}:1: this segment is {state} in ar"
            )),
            "{warnings}"
        );
    }
    let pdf = squash(&pdf_text(&dir.join("out/lyon-ar.pdf")));
    assert!(pdf.contains("EN About MC2CM"), "{pdf}");

    // A catalog that holds only one entry (a translator's selection)
    // translates that one and leaves the others as they were.
    let mut selection = again.clone();
    selection
        .entries
        .retain(|e| e.context == "background 2 heading");
    translate(&mut selection, "background 2 heading", "حول المشروع", false);
    let part = tmp.path().join("part.po");
    fs::write(&part, selection.to_po()).unwrap();
    let run = import(&dir, &part);
    assert!(run.status.success(), "{}", stderr(&run));
    let (_, third) = export(&dir, "ar", &tmp.path().join("ar3.po"));
    assert_eq!(
        entry(&third, "background 2 heading").translation,
        "حول المشروع"
    );
    assert!(entry(&third, "background 1 heading").is_translated());
    assert!(entry(&third, "background 3 paragraph").fuzzy);
    assert!(entry(&third, "background 4 paragraph")
        .translation
        .is_empty());
    assert_eq!(counts(&third), (translated + 1, 1, untranslated - 1));
    // The record keeps every segment, not only the selection.
    assert_eq!(
        read_catalog(&dir.join("po/ar.po")).entries.len(),
        third.entries.len()
    );
}

#[test]
fn importing_the_exported_catalog_of_a_partial_translation_changes_nothing() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("ar.po");
    let (_, mut catalog) = export(&dir, "ar", &po);
    translate(&mut catalog, "background 1 heading", "خلفية", false);
    fs::write(&po, catalog.to_po()).unwrap();
    assert!(import(&dir, &po).status.success());
    let before = snapshot(&dir);
    let again = tmp.path().join("again.po");
    export(&dir, "ar", &again);
    let run = import(&dir, &again);
    assert!(stdout(&run).contains("nothing changed"), "{}", stdout(&run));
    assert!(
        snapshot(&dir) == before,
        "the round trip changed the profile"
    );
}
