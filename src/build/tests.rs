//! The model in memory: profiles made of strings, loaded, checked and
//! resolved for an edition without a disk or a PDF.

use std::path::Path;
use std::sync::Arc;

use super::{prepare, Project};
use crate::base::diag::Diagnostics;
use crate::base::source::Sources;

const PROFILE: &str = r##"id = "memtown"
city = "Memtown"
country = { fr = "Mémoire" }
title = { fr = "Profil migratoire de Memtown" }
short_title = { fr = "Memtown" }
date = 2024-03-01
languages = ["fr"]

[[authors]]
name = "A. Autrice"
about = { fr = "Écrit des profils." }

[[chapters]]
file = "intro"

[theme]
primary = "#203040"
accent = "#d07030"

[back_cover]
contact = ["equipe@example.org"]
"##;

const VALUES: &str = "[population]\ntotal = 603600\nshare = { value = 10.1, unit = \"percent\" }\n";

const CHAPTER: &str =
    "# Introduction\n\nMemtown compte {{population.total}} habitants, dont {{population.share}}.\n";

/// A French profile in memory, with `extra` files added (or replacing).
fn project(extra: &[(&str, &str)]) -> Project {
    let mut files = vec![
        ("/memtown/profile.toml", PROFILE),
        ("/memtown/values.toml", VALUES),
        ("/memtown/text/fr/intro.md", CHAPTER),
    ];
    for (path, text) in extra {
        files.retain(|(p, _)| p != path);
        files.push((path, text));
    }
    Project::load_from(Path::new("/memtown"), Arc::new(Sources::in_memory(files)))
}

/// The errors of loading and preparing every edition, as text.
fn errors(project: &Project) -> Vec<String> {
    let mut diags = project.diagnostics.clone();
    if let Some(profile) = &project.profile {
        diags = prepare(profile, diags, None).1;
    }
    diags.errors().map(|d| d.to_string()).collect()
}

#[test]
fn a_profile_made_of_strings_is_resolved_for_its_edition() {
    let project = project(&[]);
    let profile = project.profile.as_ref().expect("the profile loads");
    let (prepared, diags) = prepare(profile, Diagnostics::new(), None);
    assert!(!diags.has_errors(), "{diags:?}");
    let (editions, _) = prepared.expect("the edition is prepared");
    assert_eq!(editions.len(), 1);
    // French numbers, from the values, in the chapter (markup escapes
    // taken out).
    let text = editions[0].sources.main.replace('\\', "");
    assert!(
        text.contains("compte 603\u{202f}600 habitants")
            || text.contains("compte 603\u{a0}600 habitants"),
        "{text}"
    );
    assert!(text.contains("dont 10,1\u{a0}%"), "{text}");
}

#[test]
fn a_figure_with_both_a_chart_and_an_image_is_refused_at_its_line() {
    let figure = "kind = \"chart\"\ncaption = { fr = \"Deux\" }\nimage = \"photo.png\"\n\n[chart]\ntype = \"bar\"\ntable = \"t\"\nlabels = \"a\"\nseries = [{ column = \"b\" }]\n";
    let errors = errors(&project(&[("/memtown/figures/both.toml", figure)]));
    assert!(
        errors.iter().any(|e| e.contains("figures/both.toml:")),
        "{errors:#?}"
    );
}

#[test]
fn a_row_with_both_cells_and_a_group_is_refused_at_its_line() {
    let table =
        "number = \"none\"\ncolumns = [{ id = \"a\" }]\n\n[[rows]]\ncells = [\"x\"]\ngroup = { fr = \"Groupe\" }\n";
    let errors = errors(&project(&[("/memtown/tables/both.toml", table)]));
    assert!(
        errors.iter().any(|e| e.contains("tables/both.toml:4:")),
        "{errors:#?}"
    );
}

#[test]
fn a_cell_with_both_a_text_and_a_value_is_refused_at_its_line() {
    let table =
        "number = \"none\"\ncolumns = [{ id = \"a\" }]\n\n[[rows]]\ncells = [{ text = { fr = \"x\" }, value = 3 }]\n";
    let errors = errors(&project(&[("/memtown/tables/cell.toml", table)]));
    assert!(
        errors.iter().any(|e| e.contains("tables/cell.toml:5:")),
        "{errors:#?}"
    );
}

#[test]
fn a_reference_to_an_unknown_value_is_refused_in_the_chapter() {
    let chapter = "# Introduction\n\nIl y a {{population.missing}} habitants.\n";
    let errors = errors(&project(&[("/memtown/text/fr/intro.md", chapter)]));
    assert!(
        errors.iter().any(|e| e.contains("text/fr/intro.md:3:")),
        "{errors:#?}"
    );
}

/// The `lang` edition's data as JSON, prepared from `project`.
fn edition_json(project: &Project, lang: &str) -> serde_json::Value {
    let profile = project.profile.as_ref().expect("the profile loads");
    let (prepared, diags) = prepare(profile, project.diagnostics.clone(), None);
    assert!(!diags.has_errors(), "{diags:?}");
    let (editions, _) = prepared.expect("the editions are prepared");
    let edition = editions
        .iter()
        .find(|e| e.sources.lang == lang)
        .expect("the edition is prepared");
    serde_json::from_str(&edition.sources.data).expect("edition.json is JSON")
}

#[test]
fn every_printed_text_knows_its_language_and_direction() {
    // French source, an Arabic edition: a caption translated into Arabic,
    // a note not yet translated, a neutral Latin name, a number.
    let profile = PROFILE
        .replace("languages = [\"fr\"]", "languages = [\"fr\", \"ar\"]")
        .replace(
            "title = { fr = \"Profil migratoire de Memtown\" }",
            "title = { fr = \"Profil migratoire de Memtown\", ar = \"ملف الهجرة\" }",
        );
    let table = r#"number = "table"
caption = { fr = "Population", ar = "السكان" }
source = { fr = "Recensement" }
columns = [{ id = "what" }, { id = "n", align = "end" }]

[[rows]]
cells = ["Memtown", 603600]
"#;
    let project = project(&[
        ("/memtown/profile.toml", &profile),
        ("/memtown/tables/pop.toml", table),
        ("/memtown/text/ar/intro.md", "# مقدمة\n\nنص.\n"),
    ]);
    let json = edition_json(&project, "ar");
    let pop = &json["tables"]["pop"];
    assert!(pop.is_object(), "{}", json["tables"]);
    let lang_dir = |v: &serde_json::Value| (v["lang"].clone(), v["dir"].clone());
    assert_eq!(lang_dir(&pop["caption"]), ("ar".into(), "rtl".into()));
    assert_eq!(pop["caption"]["id"], "tables/pop.toml caption");
    // Not translated: printed in French, left to right.
    assert_eq!(lang_dir(&pop["source"]), ("fr".into(), "ltr".into()));
    assert_eq!(
        pop["source"]["text"]
            .as_str()
            .map(|t| t.contains("Recensement")),
        Some(true)
    );
    let cells = &pop["rows"][0]["cells"];
    // A Latin name written once for every edition reads left to right.
    assert_eq!(lang_dir(&cells[0]), ("ar".into(), "ltr".into()));
    // A number is in the edition's language and direction.
    assert_eq!(lang_dir(&cells[1]), ("ar".into(), "rtl".into()));
    assert_eq!(
        lang_dir(&json["meta"]["title"]),
        ("ar".into(), "rtl".into())
    );
    assert_eq!(
        lang_dir(&json["meta"]["country"]),
        ("fr".into(), "ltr".into())
    );
    // The French edition prints everything in French.
    let fr = edition_json(&project, "fr");
    assert_eq!(
        lang_dir(&fr["tables"]["pop"]["caption"]),
        ("fr".into(), "ltr".into())
    );
}
