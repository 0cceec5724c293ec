//! Translation state by identity: on a small French harbour profile with an
//! English edition kept with a PO record, texts inserted, reordered or
//! removed in `values.toml`, in a table or in a chapter leave every other
//! text translated, a build prints in French exactly the texts whose
//! translation is out of date, and a label read from a CSV column is either
//! translated through the catalog (when the CSV has no column for the
//! language) or refused at its PO line (when the CSV has one).

use std::fs;
use std::path::Path;

use crate::common::*;

/// The harbour profile, written into `dir`: French source, English edition.
fn write_lagune(dir: &Path) {
    let files: &[(&str, &str)] = &[
        (
            "profile.toml",
            r##"# A harbour town written in French with an English edition.
id = "lagune"
city = "Port-Lagune"
country = { fr = "Lagunie", en = "Lagunia" }
title = { fr = "Profil migratoire de Port-Lagune", en = "Migration profile of Port-Lagune" }
short_title = { fr = "Profil Port-Lagune", en = "Profile Port-Lagune" }
date = 2023-04-01
languages = ["fr", "en"]

[[chapters]]
file = "apercu"

[theme]
primary = "#0b4f6c"
accent = "#f4a259"

[back_cover]
contact = ["port@example.org"]
"##,
        ),
        (
            "values.toml",
            r#"[port]
bateaux = { value = 120, note = { fr = "navires de pêche", en = "fishing vessels" } }
quais = { value = 4, note = { fr = "quais publics", en = "public quays" } }
"#,
        ),
        (
            "tables/quais.toml",
            r#"number = "table"
caption = { fr = "Quais du port", en = "Harbour quays" }
columns = [{ id = "quai" }, { id = "usage" }]
head = [[{ text = { fr = "Quai", en = "Quay" } }, { text = { fr = "Usage", en = "Use" } }]]

[[rows]]
cells = [{ text = { fr = "Quai nord", en = "North quay" } }, { text = { fr = "Pêche", en = "Fishing" } }]

[[rows]]
cells = [{ text = { fr = "Quai sud", en = "South quay" } }, { text = { fr = "Bacs", en = "Ferries" } }]
"#,
        ),
        (
            "tables/bassins.toml",
            r#"number = "table"
caption = { fr = "Bassins du port", en = "Harbour basins" }
columns = [{ id = "bassin" }, { id = "profondeur", align = "end" }]

[[rows]]
id = "vieux"
cells = [{ text = { fr = "Vieux bassin", en = "Old basin" } }, 3]

[[rows]]
id = "neuf"
cells = [{ text = { fr = "Bassin neuf", en = "New basin" } }, 9]
"#,
        ),
        (
            "tables/arrivees.toml",
            r#"number = "table"
caption = { fr = "Arrivées par pays", en = "Arrivals by country" }
columns = [{ id = "pays" }, { id = "nombre", align = "end" }]

[csv]
file = "data/arrivees.csv"
locale = "fr"
delimiter = ";"
columns = [{ from = { fr = "Pays" } }, { from = "Nombre", kind = "count" }]
"#,
        ),
        ("data/arrivees.csv", "Pays;Nombre\nSénégal;120\nMaroc;85\n"),
        (
            "tables/escales.toml",
            r#"number = "table"
caption = { fr = "Escales des ferries", en = "Ferry calls" }
columns = [{ id = "ville" }, { id = "escales", align = "end" }]

[csv]
file = "data/escales.csv"
locale = "fr"
delimiter = ";"
id = "Code"
columns = [{ from = { fr = "Ville", en = "City" } }, { from = "Escales", kind = "count" }]
"#,
        ),
        (
            "data/escales.csv",
            "Code;Ville;City;Escales\ngen;Gênes;Genoa;14\nven;Venise;Venice;9\n",
        ),
        (
            "text/fr/apercu.md",
            "# Aperçu\n\nPort-Lagune compte {{port.bateaux}} bateaux et {{port.quais}} quais.\n\nLe port accueille des bacs en été.\n\nLa pêche reste la première activité.\n\n{{table:quais}}\n\n{{table:bassins}}\n\n{{table:arrivees}}\n\n{{table:escales}}\n",
        ),
        (
            "text/en/apercu.md",
            "# Overview\n\nPort-Lagune has {{port.bateaux}} boats and {{port.quais}} quays.\n\nThe harbour welcomes ferries in summer.\n\nFishing is still the main activity.\n\n{{table:quais}}\n\n{{table:bassins}}\n\n{{table:arrivees}}\n\n{{table:escales}}\n",
        ),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// The harbour profile with its English translation marked and kept with
/// a PO record (`po/en.po`), as a translation round leaves it.
fn lagune() -> (TempDir, std::path::PathBuf) {
    let tmp = tempdir();
    let dir = tmp.path().join("lagune");
    write_lagune(&dir);
    let run = cityprofile(
        &dir,
        &[
            "mark-translated",
            ".",
            "--lang",
            "en",
            "--chapter",
            "apercu",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let po = tmp.path().join("round.po");
    export_catalog(&dir, "en", &po);
    import_catalog_ok(&dir, &po);
    assert!(dir.join("po/en.po").exists());
    (tmp, dir)
}

/// One entry of a PO file as the tests read it.
#[derive(Debug, Clone, Default)]
struct Po {
    /// 1-based line of the entry's first line (its first comment).
    line: usize,
    context: String,
    source: String,
    translation: String,
    fuzzy: bool,
    previous: Option<String>,
}

/// The string of a PO keyword line and its continuation lines.
fn po_string(lines: &[&str]) -> String {
    let mut out = String::new();
    for l in lines {
        let quoted = &l[l.find('"').unwrap() + 1..l.rfind('"').unwrap()];
        out.push_str(&quoted.replace("\\n", "\n").replace("\\\"", "\""));
    }
    out
}

/// The entries of a PO file (the header left out).
fn entries(text: &str) -> Vec<Po> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        let end = (start..lines.len())
            .find(|&i| lines[i].is_empty())
            .unwrap_or(lines.len());
        let block = &lines[start..end];
        let field = |key: &str| -> Option<String> {
            let at = block.iter().position(|l| l.starts_with(key))?;
            let more = block[at + 1..]
                .iter()
                .take_while(|l| l.starts_with(if key.starts_with("#|") { "#| \"" } else { "\"" }))
                .count();
            Some(po_string(&block[at..at + 1 + more]))
        };
        if let Some(context) = field("msgctxt ") {
            out.push(Po {
                line: start + 1,
                context,
                source: field("msgid ").unwrap_or_default(),
                translation: field("msgstr ").unwrap_or_default(),
                fuzzy: block
                    .iter()
                    .any(|l| l.starts_with("#,") && l.contains("fuzzy")),
                previous: field("#| msgid "),
            });
        }
        start = end + 1;
    }
    out
}

/// The exported entry of a source text; there must be exactly one.
fn entry<'a>(all: &'a [Po], source: &str) -> &'a Po {
    let found: Vec<&Po> = all.iter().filter(|e| e.source == source).collect();
    assert_eq!(found.len(), 1, "one entry for {source:?} in {all:#?}");
    found[0]
}

/// Translated, not fuzzy, with this translation.
fn assert_translated(all: &[Po], source: &str, translation: &str) {
    let e = entry(all, source);
    assert!(
        !e.fuzzy && e.translation == translation,
        "{source:?} should be translated as {translation:?}: {e:?}"
    );
}

/// The labels of `tables/arrivees.toml`, read from a CSV column in French
/// only: untranslated in every export until a test translates them.
const CSV_LABELS: [&str; 2] = ["Sénégal", "Maroc"];

/// The catalog's entries that are not translated (fuzzy or empty), by
/// source, but for the [`CSV_LABELS`].
fn open(all: &[Po]) -> Vec<String> {
    all.iter()
        .filter(|e| e.fuzzy || e.translation.is_empty())
        .filter(|e| !CSV_LABELS.contains(&e.source.as_str()))
        .map(|e| e.source.clone())
        .collect()
}

/// Replaces one entry's msgstr (a one-line string) in a PO file's text.
fn set_msgstr(po: &str, source: &str, translation: &str) -> String {
    let at = po
        .find(&format!("msgid \"{source}\"\nmsgstr \""))
        .unwrap_or_else(|| panic!("no one-line entry for {source:?}"));
    let msgstr = at + po[at..].find("\nmsgstr \"").unwrap() + 1;
    let end = msgstr + po[msgstr..].find('\n').unwrap();
    format!("{}msgstr \"{translation}\"{}", &po[..msgstr], &po[end..])
}

/// Builds the English edition: the warnings and the PDF's text, squashed.
fn build_en(dir: &Path) -> (String, String) {
    let run = cityprofile(dir, &["build", ".", "--lang", "en", "--out", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = squash(&pdf_text(&dir.join("out/lagune-en.pdf")));
    (stderr(&run), text)
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    replace_in_file(&dir.join(file), from, to);
}

#[test]
fn msgctxt_names_what_a_text_is_not_where_it_stands() {
    let (tmp, dir) = lagune();
    let po = tmp.path().join("en.po");
    export_catalog(&dir, "en", &po);
    let all = entries(&fs::read_to_string(&po).unwrap());
    let context = |source: &str| entry(&all, source).context.clone();
    // Data texts by file and key path; rows by their id, or by their label.
    assert_eq!(context("quais publics"), "values.toml port.quais.note");
    assert_eq!(context("Quais du port"), "tables/quais.toml caption");
    assert_eq!(
        context("Bacs"),
        "tables/quais.toml rows[\"Quai sud\"].usage.text"
    );
    assert_eq!(
        context("Bassin neuf"),
        "tables/bassins.toml rows[neuf].bassin.text"
    );
    assert_eq!(
        context("Sénégal"),
        "tables/arrivees.toml csv[\"Sénégal\"].pays.text"
    );
    // Chapter blocks by chapter and kind (the msgid is the rest of it).
    assert_eq!(
        context("Le port accueille des bacs en été."),
        "apercu paragraph"
    );
    assert_eq!(context("Aperçu"), "apercu heading");
}

#[test]
fn a_value_inserted_before_a_changed_one_leaves_only_those_two_open() {
    let (tmp, dir) = lagune();
    // A translator's catalog, exported before the author's change, with a
    // new translation of the last value.
    let earlier = tmp.path().join("earlier.po");
    export_catalog(&dir, "en", &earlier);
    let text = fs::read_to_string(&earlier).unwrap();
    fs::write(
        &earlier,
        set_msgstr(&text, "quais publics", "quays open to the public"),
    )
    .unwrap();

    // A value inserted before `bateaux`, whose note changes at the same time.
    edit(
        &dir,
        "values.toml",
        "[port]\n",
        "[port]\nancres = { value = 9, note = { fr = \"mouillages\" } }\n",
    );
    edit(
        &dir,
        "values.toml",
        "fr = \"navires de pêche\"",
        "fr = \"navires de pêche côtière\"",
    );
    let po = tmp.path().join("en.po");
    export_catalog(&dir, "en", &po);
    let all = entries(&fs::read_to_string(&po).unwrap());
    let inserted = entry(&all, "mouillages");
    assert!(
        inserted.translation.is_empty() && !inserted.fuzzy,
        "the inserted value is untranslated, not a fuzzy copy of its neighbour: {inserted:?}"
    );
    let changed = entry(&all, "navires de pêche côtière");
    assert!(changed.fuzzy, "{changed:?}");
    assert_eq!(changed.previous.as_deref(), Some("navires de pêche"));
    assert_eq!(changed.translation, "fishing vessels");
    assert_translated(&all, "quais publics", "public quays");

    // The build prints the changed note in French, the others in English.
    let (warnings, pdf) = build_en(&dir);
    assert!(pdf.contains("navires de pêche côtière"), "{pdf}");
    assert!(
        !pdf.contains("fishing vessels"),
        "stale translation printed: {pdf}"
    );
    assert!(pdf.contains("public quays"), "{pdf}");
    assert!(
        warnings.contains("values.toml:3:")
            && warnings.contains("changed since it was translated into en"),
        "{warnings}"
    );

    // The translator's earlier catalog still imports: every entry still
    // names its text, and the new translation reaches values.toml.
    import_catalog_ok(&dir, &earlier);
    let values = fs::read_to_string(dir.join("values.toml")).unwrap();
    assert!(
        values.contains("en = \"quays open to the public\""),
        "{values}"
    );
}

#[test]
fn a_row_inserted_in_a_table_leaves_every_other_row_translated() {
    let (tmp, dir) = lagune();
    let earlier = tmp.path().join("earlier.po");
    export_catalog(&dir, "en", &earlier);
    let text = fs::read_to_string(&earlier).unwrap();
    fs::write(&earlier, set_msgstr(&text, "Bacs", "Ferry boats")).unwrap();

    // Rows known by their label: a row inserted first.
    edit(
        &dir,
        "tables/quais.toml",
        "[[rows]]\ncells = [{ text = { fr = \"Quai nord\"",
        "[[rows]]\ncells = [{ text = { fr = \"Quai est\" } }, { text = { fr = \"Plaisance\" } }]\n\n[[rows]]\ncells = [{ text = { fr = \"Quai nord\"",
    );
    // Rows known by their id: a row inserted before one whose label changes.
    edit(
        &dir,
        "tables/bassins.toml",
        "[[rows]]\nid = \"neuf\"\ncells = [{ text = { fr = \"Bassin neuf\"",
        "[[rows]]\nid = \"ferry\"\ncells = [{ text = { fr = \"Bassin des ferries\" } }, 6]\n\n[[rows]]\nid = \"neuf\"\ncells = [{ text = { fr = \"Bassin neuf (2019)\"",
    );
    let po = tmp.path().join("en.po");
    export_catalog(&dir, "en", &po);
    let all = entries(&fs::read_to_string(&po).unwrap());
    let mut open = open(&all);
    open.sort();
    assert_eq!(
        open,
        [
            "Bassin des ferries",
            "Bassin neuf (2019)",
            "Plaisance",
            "Quai est"
        ],
        "only the inserted rows and the changed label are open"
    );
    let changed = entry(&all, "Bassin neuf (2019)");
    assert!(changed.fuzzy, "{changed:?}");
    assert_eq!(changed.previous.as_deref(), Some("Bassin neuf"));
    assert_eq!(changed.translation, "New basin");
    assert!(entry(&all, "Bassin des ferries").translation.is_empty());
    for (source, translation) in [
        ("Quai nord", "North quay"),
        ("Pêche", "Fishing"),
        ("Quai sud", "South quay"),
        ("Bacs", "Ferries"),
        ("Vieux bassin", "Old basin"),
    ] {
        assert_translated(&all, source, translation);
    }

    let (_, pdf) = build_en(&dir);
    assert!(pdf.contains("Bassin neuf (2019)"), "{pdf}");
    assert!(
        !pdf.contains("New basin"),
        "stale translation printed: {pdf}"
    );
    assert!(
        pdf.contains("North quay") && pdf.contains("Old basin"),
        "{pdf}"
    );

    // The catalog exported before the rows were inserted still imports.
    import_catalog_ok(&dir, &earlier);
    let table = fs::read_to_string(dir.join("tables/quais.toml")).unwrap();
    assert!(table.contains("en = \"Ferry boats\""), "{table}");
}

#[test]
fn a_paragraph_inserted_in_a_chapter_is_the_only_one_printed_in_the_source_language() {
    let (tmp, dir) = lagune();
    edit(
        &dir,
        "text/fr/apercu.md",
        "Le port accueille des bacs en été.\n",
        "Un phare neuf guide les navires.\n\nLe port accueille des bacs en été.\n",
    );
    let po = tmp.path().join("en.po");
    let said = export_catalog(&dir, "en", &po);
    let all = entries(&fs::read_to_string(&po).unwrap());
    assert_eq!(open(&all), ["Un phare neuf guide les navires."], "{said}");
    assert_translated(
        &all,
        "Le port accueille des bacs en été.",
        "The harbour welcomes ferries in summer.",
    );

    // The English edition prints the new paragraph in French, marked, in
    // its place; the rest of the chapter in English.
    let (warnings, pdf) = build_en(&dir);
    assert!(
        pdf.contains("FR Un phare neuf guide les navires. The harbour welcomes ferries in summer."),
        "{pdf}"
    );
    assert!(pdf.contains("Fishing is still the main activity."), "{pdf}");
    assert!(
        warnings.contains("text/fr/apercu.md:5:1: this segment is untranslated in en"),
        "{warnings}"
    );
    assert!(
        !warnings.contains("translation of chapter `apercu` is outdated"),
        "{warnings}"
    );
}

#[test]
fn reordered_values_rows_and_paragraphs_keep_their_translations() {
    let (tmp, dir) = lagune();
    // Two values written the other way round (values are known by key).
    fs::write(
        dir.join("values.toml"),
        "[port]\nquais = { value = 4, note = { fr = \"quais publics\", en = \"public quays\" } }\nbateaux = { value = 120, note = { fr = \"navires de pêche\", en = \"fishing vessels\" } }\n",
    )
    .unwrap();
    // Two rows and two paragraphs swapped.
    let table = fs::read_to_string(dir.join("tables/quais.toml")).unwrap();
    let (head, rows) = table.split_at(table.find("[[rows]]").unwrap());
    let (first, second) = rows.split_at(rows[1..].find("[[rows]]").unwrap() + 1);
    fs::write(
        dir.join("tables/quais.toml"),
        format!("{head}{}\n\n{}\n", second.trim_end(), first.trim_end()),
    )
    .unwrap();
    edit(
        &dir,
        "text/fr/apercu.md",
        "Le port accueille des bacs en été.\n\nLa pêche reste la première activité.\n",
        "La pêche reste la première activité.\n\nLe port accueille des bacs en été.\n",
    );
    let po = tmp.path().join("en.po");
    let said = export_catalog(&dir, "en", &po);
    let all = entries(&fs::read_to_string(&po).unwrap());
    let open = open(&all);
    assert!(open.is_empty(), "{open:?} {said}");
    assert_translated(
        &all,
        "La pêche reste la première activité.",
        "Fishing is still the main activity.",
    );
    assert_translated(&all, "Quai sud", "South quay");

    // Printed in English in the new order.
    let (warnings, pdf) = build_en(&dir);
    let fishing = pdf.find("Fishing is still the main activity.").unwrap();
    let ferries = pdf.find("The harbour welcomes ferries in summer.").unwrap();
    assert!(fishing < ferries, "{pdf}");
    assert!(!pdf.contains("Le port accueille"), "{pdf}");
    assert!(!warnings.contains("this segment is"), "{warnings}");
}

#[test]
fn a_removed_value_or_paragraph_takes_nothing_else_with_it() {
    let (tmp, dir) = lagune();
    // `bateaux` removed, the note of the value after it changed.
    fs::write(
        dir.join("values.toml"),
        "[port]\nquais = { value = 4, note = { fr = \"quais publics et privés\", en = \"public quays\" } }\n",
    )
    .unwrap();
    edit(
        &dir,
        "text/fr/apercu.md",
        "{{port.bateaux}} bateaux et ",
        "",
    );
    edit(&dir, "text/en/apercu.md", "{{port.bateaux}} boats and ", "");
    // A paragraph removed.
    edit(
        &dir,
        "text/fr/apercu.md",
        "Le port accueille des bacs en été.\n\n",
        "",
    );
    let po = tmp.path().join("en.po");
    export_catalog(&dir, "en", &po);
    let all = entries(&fs::read_to_string(&po).unwrap());
    let changed = entry(&all, "quais publics et privés");
    assert!(changed.fuzzy, "{changed:?}");
    assert_eq!(
        changed.previous.as_deref(),
        Some("quais publics"),
        "the previous text is the value's own, not its removed neighbour's"
    );
    assert!(all
        .iter()
        .all(|e| e.source != "Le port accueille des bacs en été."));
    assert_translated(
        &all,
        "La pêche reste la première activité.",
        "Fishing is still the main activity.",
    );

    // The removed paragraph's translation is not printed any more.
    let (_, pdf) = build_en(&dir);
    assert!(!pdf.contains("ferries in summer"), "{pdf}");
    assert!(pdf.contains("Fishing is still the main activity."), "{pdf}");
    assert!(pdf.contains("quais publics et privés"), "{pdf}");
}

#[test]
fn two_tables_written_alike_are_told_apart_by_the_build() {
    let (tmp, dir) = lagune();
    // Two files with the same bytes up to the caption, whose source
    // captions become the same text: only the one that changed is stale.
    // (`Twin A` and `Twin B` are as long: the captions' spans are the same.)
    let twin = |caption_fr: &str, caption_en: &str| {
        format!("number = \"table\"\ncaption = {{ fr = \"{caption_fr}\", en = \"{caption_en}\" }}\ncolumns = [{{ id = \"a\" }}]\n\n[[rows]]\ncells = [\"x\"]\n")
    };
    fs::write(dir.join("tables/jumeau-a.toml"), twin("Jumeau", "Twin A")).unwrap();
    fs::write(dir.join("tables/jumeau-b.toml"), twin("Jumeaux", "Twin B")).unwrap();
    fs::write(
        dir.join("text/fr/apercu.md"),
        fs::read_to_string(dir.join("text/fr/apercu.md")).unwrap()
            + "\n{{table:jumeau-a}}\n\n{{table:jumeau-b}}\n",
    )
    .unwrap();
    fs::write(
        dir.join("text/en/apercu.md"),
        fs::read_to_string(dir.join("text/en/apercu.md")).unwrap()
            + "\n{{table:jumeau-a}}\n\n{{table:jumeau-b}}\n",
    )
    .unwrap();
    let po = tmp.path().join("en.po");
    export_catalog(&dir, "en", &po);
    import_catalog_ok(&dir, &po);
    edit(
        &dir,
        "tables/jumeau-a.toml",
        "fr = \"Jumeau\"",
        "fr = \"Jumeaux\"",
    );
    let (warnings, pdf) = build_en(&dir);
    assert!(
        pdf.contains("Twin B"),
        "the unchanged twin keeps its translation: {pdf}"
    );
    assert!(!pdf.contains("Twin A"), "{pdf}");
    assert!(warnings.contains("tables/jumeau-a.toml:2:"), "{warnings}");
    assert!(!warnings.contains("tables/jumeau-b.toml:2:"), "{warnings}");
}

#[test]
fn a_csv_label_translated_in_the_catalog_reaches_the_page_and_the_next_export() {
    let (tmp, dir) = lagune();
    let po = tmp.path().join("en.po");
    export_catalog(&dir, "en", &po);
    let text = fs::read_to_string(&po).unwrap();
    let text = set_msgstr(&text, "Sénégal", "Senegal");
    fs::write(&po, text).unwrap();
    import_catalog_ok(&dir, &po);
    // Kept in the record, printed by the build, offered again translated.
    let (warnings, pdf) = build_en(&dir);
    assert!(pdf.contains("Senegal 120"), "{pdf}");
    assert!(!pdf.contains("Sénégal"), "{pdf}");
    assert!(pdf.contains("Maroc 85"), "{pdf}");
    assert_eq!(
        warnings.matches("has no `en` version yet").count(),
        1,
        "only Maroc is printed in French: {warnings}"
    );
    let again = tmp.path().join("again.po");
    export_catalog(&dir, "en", &again);
    let all = entries(&fs::read_to_string(&again).unwrap());
    assert_translated(&all, "Sénégal", "Senegal");
    // The CSV itself is not touched.
    assert_eq!(
        fs::read_to_string(dir.join("data/arrivees.csv")).unwrap(),
        "Pays;Nombre\nSénégal;120\nMaroc;85\n"
    );
    // New figures in the CSV keep the label's translation.
    fs::write(
        dir.join("data/arrivees.csv"),
        "Pays;Nombre\nSénégal;121\nMaroc;85\n",
    )
    .unwrap();
    let (_, pdf) = build_en(&dir);
    assert!(pdf.contains("Senegal 121"), "{pdf}");
}

#[test]
fn a_csv_label_that_the_csv_translates_is_refused_at_its_po_line() {
    let (tmp, dir) = lagune();
    let before = snapshot(&dir);
    let po = tmp.path().join("en.po");
    export_catalog(&dir, "en", &po);
    let text = fs::read_to_string(&po).unwrap();
    assert_translated(&entries(&text), "Gênes", "Genoa");
    let edited = set_msgstr(&text, "Gênes", "Genova");
    fs::write(&po, &edited).unwrap();
    let line = entry(&entries(&edited), "Gênes").line;
    let run = import_catalog(&dir, &po);
    assert_eq!(run.status.code(), Some(1), "{}", stdout(&run));
    let err = stderr(&run);
    assert!(
        reports_at(
            &err,
            &format!("en.po:{line}:1"),
            "comes from the CSV file data/escales.csv"
        ),
        "{err}"
    );
    assert!(err.contains("column `City`"), "{err}");
    assert!(snapshot(&dir) == before, "nothing is written");
}

/// Rewrites a PO file's contexts in the positional form catalogs had
/// before texts were known by identity: `<group> <n> <kind>`.
fn make_positional(po: &Path) {
    let text = fs::read_to_string(po).unwrap();
    let mut out = String::new();
    let mut rest = text.as_str();
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for e in entries(&text) {
        let group = e.context.split(' ').next().unwrap().to_string();
        let kind = if group.ends_with(".toml") {
            "text".to_string()
        } else if group == "strings" {
            "layout word".to_string()
        } else {
            let kind = e.context[group.len() + 1..].to_string();
            kind.split(" #").next().unwrap().to_string()
        };
        let n = counts.entry(group.clone()).or_insert(0);
        *n += 1;
        let line = format!("msgctxt \"{}\"\n", e.context.replace('"', "\\\""));
        let at = rest.find(&line).unwrap_or_else(|| panic!("{line}"));
        out.push_str(&rest[..at]);
        out.push_str(&format!("msgctxt \"{group} {n} {kind}\"\n"));
        rest = &rest[at + line.len()..];
    }
    out.push_str(rest);
    fs::write(po, out).unwrap();
}

#[test]
fn a_record_and_a_catalog_with_positional_contexts_keep_working() {
    let (tmp, dir) = lagune();
    make_positional(&dir.join("po/en.po"));
    assert!(fs::read_to_string(dir.join("po/en.po"))
        .unwrap()
        .contains("msgctxt \"values.toml 2 text\""));
    // The export reads the old record by the texts it holds.
    let po = tmp.path().join("en.po");
    export_catalog(&dir, "en", &po);
    let all = entries(&fs::read_to_string(&po).unwrap());
    assert!(open(&all).is_empty(), "{:?}", open(&all));
    assert_eq!(
        entry(&all, "quais publics").context,
        "values.toml port.quais.note"
    );
    // A translator's catalog in the old form, one translation changed.
    let text = fs::read_to_string(&po).unwrap();
    fs::write(&po, set_msgstr(&text, "quais publics", "quays for all")).unwrap();
    make_positional(&po);

    // A paragraph inserted first: every later place shifts.
    edit(
        &dir,
        "text/fr/apercu.md",
        "# Aperçu\n\n",
        "# Aperçu\n\nUn phare neuf guide les navires.\n\n",
    );
    let again = tmp.path().join("again.po");
    export_catalog(&dir, "en", &again);
    let all = entries(&fs::read_to_string(&again).unwrap());
    assert_eq!(open(&all), ["Un phare neuf guide les navires."]);
    let (_, pdf) = build_en(&dir);
    assert!(
        pdf.contains("FR Un phare neuf guide les navires. Port-Lagune has"),
        "{pdf}"
    );

    // The old catalog imports: each entry is the text whose source it
    // holds; the record is written in the new form.
    import_catalog_ok(&dir, &po);
    let values = fs::read_to_string(dir.join("values.toml")).unwrap();
    assert!(values.contains("en = \"quays for all\""), "{values}");
    let record = fs::read_to_string(dir.join("po/en.po")).unwrap();
    assert!(
        record.contains("msgctxt \"values.toml port.quais.note\""),
        "{record}"
    );
    assert!(
        !record.contains("msgctxt \"values.toml 2 text\""),
        "{record}"
    );
}
