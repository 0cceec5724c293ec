//! What `translate import` takes from a translator's catalog, on a new
//! profile (`cityprofile new`) translated into Arabic segment by segment:
//! only a msgstr translates a segment, so a partial catalog leaves the rest
//! untranslated for `export`, `check` and `build` alike; a msgstr whose
//! Markdown would not build, or a table caption that lost its `Table:`
//! prefix, is refused at its line of the PO file before anything is written.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
use cityprofile::translate::po::{Catalog, Entry};

/// A new profile `lyon` in English, Arabic and Spanish, made by `new`.
fn new_profile() -> (TempDir, PathBuf) {
    let tmp = tempdir();
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
    (export_catalog(dir, lang, po), read_catalog(po))
}

fn read_catalog(po: &Path) -> Catalog {
    Catalog::parse(po, &fs::read_to_string(po).unwrap()).unwrap()
}

/// The index of the entry a test names by its chapter, place and kind
/// (`background 2 heading`: the chapter's second block, a heading); the
/// catalog's own context names what the block is (`background heading`).
fn named(catalog: &Catalog, name: &str) -> usize {
    let (chapter, rest) = name.split_once(' ').unwrap();
    let (n, kind) = rest.split_once(' ').unwrap();
    let n: usize = n.parse().unwrap();
    let index = catalog
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.context.split(' ').next() == Some(chapter))
        .nth(n - 1)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("no entry `{name}`"));
    let e = &catalog.entries[index];
    assert!(
        e.context.starts_with(&format!("{chapter} {kind}")),
        "`{name}` is {e:?}"
    );
    index
}

/// The entry a test names (see [`named`]).
fn entry<'c>(catalog: &'c Catalog, name: &str) -> &'c Entry {
    &catalog.entries[named(catalog, name)]
}

/// Sets the msgstr (and fuzzy flag) of the entry a test names.
fn translate(catalog: &mut Catalog, name: &str, text: &str, fuzzy: bool) {
    let index = named(catalog, name);
    let e = &mut catalog.entries[index];
    e.translation = text.to_string();
    e.fuzzy = fuzzy;
}

/// The line of a PO file's text where an entry's reference stands
/// (`#: text/en/background.md:5`): what finds the entry in the file.
fn reference_line(e: &Entry) -> String {
    format!("#: {}", e.reference.as_deref().unwrap())
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
    let run = import_catalog(&dir, &po);
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
    // (Without the invisible direction marks poppler writes around the
    // Latin heading.)
    let pdf: String = pdf_text(&dir.join("out/lyon-ar.pdf"))
        .chars()
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect();
    let pdf = squash(&pdf);
    // The heading carries the tag on its page, not in the contents.
    assert!(pdf.contains("EN ABOUT MC2CM"), "{pdf}");
    assert!(
        pdf.contains(" About MC2CM . . .") && !pdf.contains("EN About MC2CM"),
        "{pdf}"
    );

    // A catalog that holds only one entry (a translator's selection)
    // translates that one and leaves the others as they were.
    let mut selection = again.clone();
    let chosen = entry(&again, "background 2 heading").clone();
    selection.entries.retain(|e| *e == chosen);
    selection.entries[0].translation = "حول المشروع".to_string();
    let part = tmp.path().join("part.po");
    fs::write(&part, selection.to_po()).unwrap();
    let run = import_catalog(&dir, &part);
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
    assert!(import_catalog(&dir, &po).status.success());
    let before = snapshot(&dir);
    let again = tmp.path().join("again.po");
    export(&dir, "ar", &again);
    let run = import_catalog(&dir, &again);
    assert!(stdout(&run).contains("nothing changed"), "{}", stdout(&run));
    assert!(
        snapshot(&dir) == before,
        "the round trip changed the profile"
    );
}

/// Writes a catalog; returns its text.
fn write_catalog(po: &Path, catalog: &Catalog) -> String {
    let text = catalog.to_po();
    fs::write(po, &text).unwrap();
    text
}

/// The `line:column` in a PO file's text of the first occurrence of
/// `needle` after the line that holds `after`, as an editor counts them.
fn place_of(po_text: &str, after: &str, needle: &str) -> String {
    let lines: Vec<&str> = po_text.lines().collect();
    let from = lines.iter().position(|l| l.contains(after)).unwrap();
    let (i, line) = lines
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, l)| l.contains(needle))
        .unwrap();
    let column = line[..line.find(needle).unwrap()].chars().count() + 1;
    format!("{}:{column}", i + 1)
}

#[test]
fn a_translation_whose_markdown_would_not_build_is_refused_at_its_msgstr() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("ar.po");
    let (_, mut catalog) = export(&dir, "ar", &po);
    let before = snapshot(&dir);
    // A language span without its language, an HTML comment never
    // closed, a paragraph made into two: each would break the chapter.
    translate(
        &mut catalog,
        "background 2 heading",
        "حول [Bundesamt für Migration]{lang=} المشروع",
        false,
    );
    translate(
        &mut catalog,
        "background 4 paragraph",
        "<!-- ملاحظة لم تغلق: يهدف المشروع",
        false,
    );
    translate(
        &mut catalog,
        "background 5 paragraph",
        "الفقرة الأولى\n\nالفقرة الثانية",
        false,
    );
    // And one that is fine.
    translate(&mut catalog, "background 1 heading", "خلفية", false);
    let text = write_catalog(&po, &catalog);
    let run = import_catalog(&dir, &po);
    assert_eq!(run.status.code(), Some(1), "{}", stdout(&run));
    let err = stderr(&run);
    let errors = error_lines(&err);
    let expect = |says: &str, place: String| {
        assert!(
            errors
                .iter()
                .any(|l| l.contains(says) && l.contains(&format!("ar.po:{place})"))),
            "expected {says:?} at {place}: {errors:#?}"
        );
    };
    let heading = entry(&catalog, "background 2 heading");
    let comment = entry(&catalog, "background 4 paragraph");
    let split = entry(&catalog, "background 5 paragraph");
    expect(
        &format!(
            "the translation of `{}` would not build: the span's language is missing",
            heading.context
        ),
        place_of(&text, &reference_line(heading), "{lang=}"),
    );
    expect(
        &format!(
            "the translation of `{}` would not build: this HTML comment",
            comment.context
        ),
        place_of(&text, &reference_line(comment), "<!--"),
    );
    expect(
        &format!(
            "the translation of `{}` is no longer one paragraph",
            split.context
        ),
        place_of(&text, &reference_line(split), "الفقرة الأولى"),
    );
    assert_eq!(
        errors.len(),
        4,
        "three problems and the summary: {errors:#?}"
    );
    assert!(err.contains("nothing was written: 3 problem(s)"), "{err}");
    assert!(snapshot(&dir) == before, "nothing is written");

    // Mended, the catalog imports and the profile still checks.
    translate(&mut catalog, "background 2 heading", "حول المشروع", false);
    translate(
        &mut catalog,
        "background 4 paragraph",
        "يهدف المشروع",
        false,
    );
    translate(
        &mut catalog,
        "background 5 paragraph",
        "الفقرة الأولى والثانية",
        false,
    );
    write_catalog(&po, &catalog);
    let run = import_catalog(&dir, &po);
    assert!(run.status.success(), "{}", stderr(&run));
    let run = cityprofile(&dir, &["check", ".", "--lang", "ar"]);
    assert!(
        !stderr(&run).contains("text/ar/background.md"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_table_caption_keeps_its_table_prefix_in_every_translation() {
    let (tmp, dir) = new_profile();
    append_to_file(
        &dir.join("text/en/background.md"),
        "\n| City | Partner since |\n| --- | ---: |\n| Lyon | 2015 |\n\nTable: Partner cities of the project\n",
    );
    let po = tmp.path().join("ar.po");
    let (_, mut catalog) = export(&dir, "ar", &po);
    let caption = catalog
        .entries
        .iter()
        .find(|e| e.source == "Table: Partner cities of the project")
        .unwrap()
        .clone();
    // The translator is told, in an extracted comment.
    let text = fs::read_to_string(&po).unwrap();
    assert!(
        text.contains("#. The caption of a table: keep `Table:`"),
        "{text}"
    );
    assert!(caption.note.as_deref().unwrap().contains("keep `Table:`"));
    // Another caption paragraph is not noted.
    assert_eq!(text.matches("#. The caption of a table").count(), 1);
    // Untranslated, it is printed in English and stays the table's caption
    // (numbered, without its `Table:` printed).
    translate(&mut catalog, "background 1 heading", "خلفية", false);
    write_catalog(&po, &catalog);
    assert!(import_catalog(&dir, &po).status.success());
    let run = cityprofile(&dir, &["build", ".", "--lang", "ar", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let pdf = squash(&pdf_text(&dir.join("out/lyon-ar.pdf")));
    assert!(pdf.contains("Partner cities of the project"), "{pdf}");
    assert!(
        !pdf.contains("Table: Partner"),
        "the caption was lost: {pdf}"
    );
    let before = snapshot(&dir);
    // The caption word of a language the profile does not declare (French
    // here) keeps no caption; that of a declared one (`جدول:`) would.
    for translated in [
        "Tableau : Villes partenaires du projet",
        "المدن الشريكة في المشروع",
    ] {
        let at = catalog
            .entries
            .iter()
            .position(|e| e.source == caption.source)
            .unwrap();
        catalog.entries[at].translation = translated.to_string();
        let text = write_catalog(&po, &catalog);
        let run = import_catalog(&dir, &po);
        assert_eq!(run.status.code(), Some(1), "{translated}: {}", stdout(&run));
        let errors = error_lines(&stderr(&run));
        let place = place_of(&text, &reference_line(&caption), "msgstr \"");
        let (line, _) = place.split_once(':').unwrap();
        assert!(
            errors.iter().any(|l| l.contains(&format!(
                "the translation of `{}` must start with `Table:`",
                caption.context
            )) && l.contains(&format!("ar.po:{line}:9)"))),
            "{translated}: {errors:#?}"
        );
        assert!(snapshot(&dir) == before, "nothing is written");
    }
    // Kept, the caption is one: the Arabic edition numbers the table.
    let at = catalog
        .entries
        .iter()
        .position(|e| e.source == caption.source)
        .unwrap();
    catalog.entries[at].translation = "Table: المدن الشريكة في المشروع".to_string();
    write_catalog(&po, &catalog);
    let run = import_catalog(&dir, &po);
    assert!(run.status.success(), "{}", stderr(&run));
    let chapter = fs::read_to_string(dir.join("text/ar/background.md")).unwrap();
    assert!(
        chapter.contains("\nTable: المدن الشريكة في المشروع\n"),
        "{chapter}"
    );
    let run = cityprofile(&dir, &["build", ".", "--lang", "ar", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        !stderr(&run).contains("a `Table:` caption belongs"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn mark_translated_makes_the_catalog_take_the_chapter_as_it_is() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("ar.po");
    let (_, mut catalog) = export(&dir, "ar", &po);
    translate(&mut catalog, "background 1 heading", "خلفية", false);
    write_catalog(&po, &catalog);
    assert!(import_catalog(&dir, &po).status.success());
    // The author declares the chapter, as it is now, the translation.
    let run = cityprofile(
        &dir,
        &[
            "mark-translated",
            ".",
            "--lang",
            "ar",
            "--chapter",
            "background",
            // Its blocks the import left in English are taken too.
            "--accept-source-text",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    // build prints it without a segment warning, and export and check
    // count each of its segments translated.
    let run = cityprofile(&dir, &["build", ".", "--lang", "ar", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        !stderr(&run).contains("text/en/background.md"),
        "{}",
        stderr(&run)
    );
    let (said, again) = export(&dir, "ar", &tmp.path().join("again.po"));
    let background: Vec<&Entry> = again
        .entries
        .iter()
        .filter(|e| e.context.starts_with("background "))
        .collect();
    assert!(
        background.iter().all(|e| e.is_translated()),
        "{background:#?}"
    );
    let (translated, fuzzy, untranslated) = counts(&again);
    assert!(
        said.contains(&format!("{translated} translated (")),
        "{said}"
    );
    let run = cityprofile(&dir, &["check", ".", "--lang", "ar"]);
    assert!(
        stdout(&run).contains(&format!(
            "ar: {translated} translated, {fuzzy} fuzzy, {untranslated} untranslated"
        )),
        "{}",
        stdout(&run)
    );
    assert!(!stdout(&run).contains("text/en/background.md"));
}

#[test]
fn a_chapter_written_by_hand_in_other_blocks_is_never_overwritten() {
    let (tmp, dir) = new_profile();
    // A hand-written Arabic Sources chapter: more blocks than the source,
    // and without the source's to-do.
    let sources = dir.join("text/ar/sources.md");
    let written = "# المصادر\n\nStadt Dortmund (2019): تقرير الهجرة.\n\nBAMF (2014): تقرير.\n";
    fs::write(&sources, written).unwrap();
    let po = tmp.path().join("ar.po");
    let (_, mut catalog) = export(&dir, "ar", &po);
    // Imported as exported, the catalog leaves the chapter alone.
    write_catalog(&po, &catalog);
    let run = import_catalog(&dir, &po);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(fs::read_to_string(&sources).unwrap(), written);
    // A translation for one of its blocks would make it anew from the
    // source and lose the rest: refused at the chapter, nothing written.
    translate(&mut catalog, "sources 1 heading", "المصادر", false);
    write_catalog(&po, &catalog);
    let run = import_catalog(&dir, &po);
    assert_eq!(run.status.code(), Some(1), "{}", stdout(&run));
    assert!(
        reports_at(
            &stderr(&run),
            "text/ar/sources.md:3:1",
            "this chapter is not written in the blocks of its source (3 here, 2 in the source)"
        ),
        "{}",
        stderr(&run)
    );
    assert_eq!(fs::read_to_string(&sources).unwrap(), written);

    // Written in the source's blocks but without its to-do, the chapter is
    // exported prefilled, and that catalog imports as it is: a to-do is
    // work a translation may do, not a placeholder it must keep.
    let one = "# المصادر\n\nStadt Dortmund (2019): تقرير الهجرة.\n";
    fs::write(&sources, one).unwrap();
    let (_, catalog) = export(&dir, "ar", &po);
    write_catalog(&po, &catalog);
    let run = import_catalog(&dir, &po);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(fs::read_to_string(&sources).unwrap(), one);
}
