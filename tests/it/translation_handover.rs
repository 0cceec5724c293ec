//! Handing catalogs over to translators and taking them back as their
//! tools return them, on a new profile (`cityprofile new`) in English and
//! German: a file that is not PO, or a wrong `Language` header, is refused
//! at its line of the catalog (in `translate import`, and in `check` and
//! `build` when it is the profile's own record), never with a panic.

use std::fs;
use std::path::PathBuf;

use crate::common::*;
use cityprofile::translate::po::{Catalog, Entry};

/// A new profile `lyon` in English and German, made by `new`.
pub(crate) fn new_profile() -> (TempDir, PathBuf) {
    let tmp = tempdir();
    let made = cityprofile(
        tmp.path(),
        &["new", "lyon", "--city", "Lyon", "--lang", "en,de"],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let dir = tmp.path().join("lyon");
    (tmp, dir)
}

/// The 1-based line of the first line of `text` that starts with `start`.
pub(crate) fn line_of(text: &str, start: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
        + 1
}

/// Asserts that a run failed with exit code 1, without a panic, and
/// reported `message` at `location`.
fn assert_refused_at(run: &std::process::Output, location: &str, message: &str) {
    let err = stderr(run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(reports_at(&err, location, message), "{err}");
}

#[test]
fn a_catalog_that_is_only_a_msgstr_is_refused_at_its_line() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("de.po");
    fs::write(&po, "msgstr \"x\"\n").unwrap();
    let before = snapshot(&dir);
    let run = import_catalog(&dir, &po);
    assert_refused_at(
        &run,
        "de.po:1:1",
        "expected `msgid \"…\"` (or `msgctxt \"…\"`) first",
    );
    assert!(snapshot(&dir) == before, "the import changed the profile");
}

#[test]
fn a_string_left_open_is_refused_at_its_line_and_column() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let exported = fs::read_to_string(&po).unwrap();
    let line = line_of(&exported, "msgctxt ");
    let damaged = exported.replacen("\nmsgctxt \"", "\nmsgctxt \"\"\"", 1);
    fs::write(&po, damaged).unwrap();
    let run = import_catalog(&dir, &po);
    assert_refused_at(
        &run,
        &format!("de.po:{line}:11"),
        "expected the end of the line after the closing `\"`",
    );
}

#[test]
fn a_damaged_record_stops_check_and_build_at_its_line_and_keeps_the_pdf() {
    let (_tmp, dir) = new_profile();
    let built = cityprofile(&dir, &["build", ".", "--lang", "de", "--out", "out"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let pdf = dir.join("out/lyon-de.pdf");
    let good = fs::read(&pdf).unwrap();

    fs::create_dir_all(dir.join("po")).unwrap();
    fs::write(
        dir.join("po/de.po"),
        "msgid \"\"\nmsgstr \"\"\n\n# a comment\n\"x\"\n",
    )
    .unwrap();
    let check = cityprofile(&dir, &["check", "."]);
    assert_refused_at(
        &check,
        "po/de.po:5:1",
        "a line that is only a string continues",
    );
    let build = cityprofile(&dir, &["build", ".", "--lang", "de", "--out", "out"]);
    assert_refused_at(
        &build,
        "po/de.po:5:1",
        "a line that is only a string continues",
    );
    assert!(
        fs::read(&pdf).unwrap() == good,
        "the last good PDF was replaced"
    );
}

#[test]
fn a_language_header_of_another_language_is_refused_at_its_line() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let text = fs::read_to_string(&po)
        .unwrap()
        .replace("\"Language: de\\n\"", "\"Language: fr\\n\"");
    fs::write(&po, &text).unwrap();
    let line = line_of(&text, "\"Language: fr");
    let run = import_catalog(&dir, &po);
    assert_refused_at(
        &run,
        &format!("de.po:{line}:1"),
        "the catalog's `Language` header is `fr`",
    );
}

/// The entry of `catalog` (a PO file's text) that starts at the line of
/// its first `msgctxt`: its lines up to the blank line after it.
pub(crate) fn first_entry(catalog: &str) -> String {
    let start = catalog.find("\nmsgctxt ").expect("an entry") + 1;
    let end = catalog[start..]
        .find("\n\n")
        .map_or(catalog.len(), |e| start + e + 1);
    catalog[start..end].to_string()
}

#[test]
fn the_same_entry_twice_is_refused_at_both_lines() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let exported = fs::read_to_string(&po).unwrap();
    let entry = first_entry(&exported);
    let first = line_of(&exported, "msgctxt ");
    let again = entry
        .lines()
        .map(|l| {
            if l.starts_with("msgstr ") {
                "msgstr \"Noch einmal\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let text = format!("{exported}\n{again}\n");
    fs::write(&po, &text).unwrap();
    let second = text.lines().count() - again.lines().count() + 1;

    let before = snapshot(&dir);
    let run = import_catalog(&dir, &po);
    assert_refused_at(
        &run,
        &format!("de.po:{second}:1"),
        &format!("the entry of line {first} is here again, at line {second}"),
    );
    assert!(snapshot(&dir) == before, "the import changed the profile");
}

#[test]
fn export_never_replaces_an_existing_catalog_without_force() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("de.po");
    let work = "# a translator's work\nmsgid \"\"\nmsgstr \"\"\n";
    fs::write(&po, work).unwrap();
    let args = [
        "translate",
        "export",
        ".",
        "--lang",
        "de",
        "--out",
        po.to_str().unwrap(),
    ];
    let run = cityprofile(&dir, &args);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("de.po") && err.contains("--force"), "{err}");
    assert_eq!(
        fs::read_to_string(&po).unwrap(),
        work,
        "the file was touched"
    );

    let forced = cityprofile(&dir, &[&args[..], &["--force"]].concat());
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(fs::read_to_string(&po).unwrap().contains("\nmsgctxt "));
}

/// Sets a header field of a PO file's text (`"Key: value\n"`), adding it
/// after `Content-Transfer-Encoding` when the header lacks it.
fn set_header(text: &str, key: &str, value: &str) -> String {
    let start = format!("\"{key}:");
    let line = format!("\"{key}: {value}\\n\"");
    match text.lines().position(|l| l.starts_with(&start)) {
        Some(i) => {
            let mut lines: Vec<&str> = text.lines().collect();
            lines[i] = &line;
            lines.join("\n") + "\n"
        }
        None => text.replacen(
            "\"Content-Transfer-Encoding: 8bit\\n\"",
            &format!("\"Content-Transfer-Encoding: 8bit\\n\"\n{line}"),
            1,
        ),
    }
}

#[test]
fn a_language_with_a_region_is_taken_as_its_edition() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let exported = fs::read_to_string(&po).unwrap();
    for locale in ["de_DE", "de-DE", "de_AT.UTF-8"] {
        fs::write(&po, set_header(&exported, "Language", locale)).unwrap();
        let said = import_catalog_ok(&dir, &po);
        assert!(said.contains("imported"), "{locale}: {said}");
        let record = fs::read_to_string(dir.join("po/de.po")).unwrap();
        assert!(record.contains("\"Language: de\\n\""), "{locale}: {record}");
    }
    for (locale, message) in [
        ("pt_BR", "`pt_BR`, a language with a region, and this profile has neither that edition nor its language"),
        ("en_GB", "`en_GB`, which is `en`, the source language of this profile"),
    ] {
        let text = set_header(&exported, "Language", locale);
        fs::write(&po, &text).unwrap();
        let before = snapshot(&dir);
        let run = import_catalog(&dir, &po);
        let line = line_of(&text, "\"Language:");
        assert_refused_at(&run, &format!("de.po:{line}:1"), message);
        assert!(snapshot(&dir) == before, "{locale}: the import changed the profile");
    }
}

#[test]
fn an_import_keeps_the_translators_header_and_the_next_export_carries_it() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let mut text = fs::read_to_string(&po).unwrap();
    let fields = [
        ("Last-Translator", "Ana Beispiel <ana@example.org>"),
        ("Language-Team", "Deutsch <de@example.org>"),
        ("PO-Revision-Date", "2026-12-01 10:00+0100"),
        ("X-Generator", "Poedit 3.4"),
    ];
    for (key, value) in fields {
        text = set_header(&text, key, value);
    }
    fs::write(&po, &text).unwrap();
    import_catalog_ok(&dir, &po);

    let record = fs::read_to_string(dir.join("po/de.po")).unwrap();
    let again = tmp.path().join("again.po");
    export_catalog(&dir, "de", &again);
    let exported = fs::read_to_string(&again).unwrap();
    for (key, value) in fields {
        let line = format!("\"{key}: {value}\\n\"");
        assert!(record.contains(&line), "the record lacks {line}: {record}");
        assert!(
            exported.contains(&line),
            "the export lacks {line}: {exported}"
        );
    }
    crate::translation_po::po_check(&again);
}

/// `mark-translated . --lang de --chapter background`, with more arguments.
fn mark_background(dir: &std::path::Path, more: &[&str]) -> std::process::Output {
    let args = [
        "mark-translated",
        ".",
        "--lang",
        "de",
        "--chapter",
        "background",
    ];
    let run = cityprofile(dir, &[&args[..], more].concat());
    assert!(run.status.success(), "{}", stderr(&run));
    run
}

#[test]
fn mark_translated_records_source_text_only_when_told_to() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let mut catalog = Catalog::parse(&po, &fs::read_to_string(&po).unwrap()).unwrap();
    let heading = catalog
        .entries
        .iter()
        .position(|e| e.context.starts_with("background "))
        .expect("a background block");
    // Only the heading translated: the rest of the chapter left open.
    for e in catalog
        .entries
        .iter_mut()
        .filter(|e| e.context.starts_with("background "))
    {
        e.translation.clear();
        e.fuzzy = false;
        e.previous = None;
    }
    catalog.entries[heading].translation = "Hintergrund".into();
    fs::write(&po, catalog.to_po()).unwrap();
    import_catalog_ok(&dir, &po);
    // The import wrote the English text in place of every other block.
    let background: Vec<Entry> = catalog
        .entries
        .iter()
        .filter(|e| e.context.starts_with("background "))
        .cloned()
        .collect();
    assert!(background.len() > 2, "{background:?}");

    let run = mark_background(&dir, &[]);
    let warned = stderr(&run);
    let again = tmp.path().join("again.po");
    export_catalog(&dir, "de", &again);
    let exported = Catalog::parse(&again, &fs::read_to_string(&again).unwrap()).unwrap();
    let state = |catalog: &Catalog, e: &Entry| {
        let e = catalog
            .entries
            .iter()
            .find(|now| now.context == e.context && now.source == e.source)
            .unwrap();
        (e.is_translated(), e.translation.clone())
    };
    assert_eq!(
        state(&exported, &background[0]),
        (true, "Hintergrund".into())
    );
    for e in &background[1..] {
        assert_eq!(state(&exported, e), (false, String::new()), "{}", e.context);
        let reference = format!("{}:1", e.reference.clone().unwrap());
        assert!(
            reports_at(
                &warned,
                &reference,
                "this block of the de chapter `background` is still the en text as it is"
            ),
            "{reference}: {warned}"
        );
    }

    mark_background(&dir, &["--accept-source-text"]);
    export_catalog(&dir, "de", &tmp.path().join("accepted.po"));
    let accepted = Catalog::parse(
        &again,
        &fs::read_to_string(tmp.path().join("accepted.po")).unwrap(),
    )
    .unwrap();
    for e in &background[1..] {
        assert_eq!(
            state(&accepted, e),
            (true, e.source.clone()),
            "{}",
            e.context
        );
    }
}

#[test]
fn a_catalog_whose_sources_changed_meanwhile_is_merged_entry_by_entry() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let read = |po: &std::path::Path| Catalog::parse(po, &fs::read_to_string(po).unwrap()).unwrap();
    let exported = read(&po);
    let paragraph = exported
        .entries
        .iter()
        .find(|e| e.source.contains("launched in 2015"))
        .expect("the MC2CM paragraph")
        .clone();
    // A data text written `en = "…"` once in its file.
    let data = exported
        .entries
        .iter()
        .find(|e| {
            let file = e.context.split(' ').next().unwrap();
            e.context.starts_with("tables/")
                && !e.context.contains('[')
                && e.is_translated()
                && !e.source.contains(['"', '\\', '\n'])
                && fs::read_to_string(dir.join(file))
                    .unwrap()
                    .matches(&format!("en = \"{}\"", e.source))
                    .count()
                    == 1
        })
        .expect("a table text")
        .clone();
    // The translator translates the paragraph.
    let mut catalog = exported.clone();
    let k = catalog
        .entries
        .iter()
        .position(|e| e.source == paragraph.source)
        .unwrap();
    catalog.entries[k].translation =
        "In diesem Zusammenhang zielt das 2015 begonnene **MC2CM** darauf ab, die Steuerung der Migration zu verbessern.".into();
    fs::write(&po, catalog.to_po()).unwrap();
    let paragraph = catalog.entries[k].clone();
    let exported = catalog;

    // The sources change while the translator works.
    replace_in_file(
        &dir.join("text/en/background.md"),
        "launched in 2015",
        "launched in 2016",
    );
    let file = dir.join(data.context.split(' ').next().unwrap());
    replace_in_file(
        &file,
        &format!("en = \"{}\"", data.source),
        &format!("en = \"{} (revised)\"", data.source),
    );

    let said = import_catalog_ok(&dir, &po);
    assert!(
        said.contains("(2 made for a source text that changed since the export: check them)"),
        "{said}"
    );
    let again = tmp.path().join("again.po");
    export_catalog(&dir, "de", &again);
    let merged = read(&again);
    let changed_paragraph = merged
        .entries
        .iter()
        .find(|e| e.source.contains("launched in 2016"))
        .unwrap();
    let changed_data = merged
        .entries
        .iter()
        .find(|e| e.context == data.context)
        .unwrap();
    for (now, before) in [(changed_paragraph, &paragraph), (changed_data, &data)] {
        assert!(now.fuzzy && !now.is_translated(), "{now:?}");
        assert_eq!(now.translation, before.translation);
        assert_eq!(now.previous.as_deref(), Some(before.source.as_str()));
    }
    // Nothing else changed state or text.
    for before in exported.entries.iter().filter(|e| e.is_translated()) {
        if before.context == data.context || before.source == paragraph.source {
            continue;
        }
        let now = merged
            .entries
            .iter()
            .find(|e| e.context == before.context && e.source == before.source)
            .unwrap_or_else(|| panic!("{} is gone", before.context));
        assert!(now.is_translated(), "{now:?}");
        assert_eq!(now.translation, before.translation, "{}", before.context);
    }
}
