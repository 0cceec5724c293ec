//! Swiss German (`de-CH`) as its readers write it: a number typed by hand
//! with apostrophes (`421'878`) prints as typed, not with a prime or a
//! guillemet, and a PO catalog whose `Language` header is gettext's
//! `de_CH` goes to the `de-CH` edition of a profile that also has `de`.
//! Fixture: `tests/fixtures/bilingual` with a `de-CH` edition.

use std::fs;

use crate::common::*;

#[test]
fn a_number_typed_with_apostrophes_in_swiss_german_prints_as_typed() {
    let (_tmp, dir) = fixture_copy("bilingual");
    replace_in_file(
        &dir.join("profile.toml"),
        r#"languages = ["en", "de"]"#,
        r#"languages = ["en", "de-CH"]"#,
    );
    fs::create_dir_all(dir.join("text/de-CH")).unwrap();
    fs::copy(
        dir.join("text/de/intro.md"),
        dir.join("text/de-CH/intro.md"),
    )
    .unwrap();
    append_to_file(
        &dir.join("text/de-CH/intro.md"),
        "\nDie Region zählt 421'878 Einwohner und 'Gäste'.\n",
    );
    let run = cityprofile(&dir, &["build", ".", "--out", "out", "--lang", "de-CH"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = squash(&pdf_text(&dir.join("out/testcity-de-CH.pdf")));
    assert!(text.contains("zählt 421'878 Einwohner"), "{text}");
    // The quotes around a word are still Swiss ones.
    assert!(text.contains("‹Gäste›"), "{text}");
}

#[test]
fn a_catalog_for_de_ch_goes_to_the_swiss_edition_beside_german() {
    let (_tmp, dir) = fixture_copy("bilingual");
    replace_in_file(
        &dir.join("profile.toml"),
        r#"languages = ["en", "de"]"#,
        r#"languages = ["en", "de", "de-CH"]"#,
    );
    let po = dir.join("swiss.po");
    export_catalog(&dir, "de", &po);
    replace_in_file(&po, "\"Language: de\\n\"", "\"Language: de_CH\\n\"");
    let out = import_catalog_ok(&dir, &po);
    assert!(out.contains("po/de-CH.po"), "{out}");
    assert!(dir.join("po/de-CH.po").exists());
    assert!(
        !dir.join("po/de.po").exists(),
        "the German catalog is not retargeted"
    );
    let counts = fs::read_to_string(dir.join("tables/counts.toml")).unwrap();
    assert!(counts.contains("de-CH = \"Türkei\""), "{counts}");
}
