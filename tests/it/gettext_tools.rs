//! The catalogs checked with gettext's own tools (`msgfmt`, `msgcat`,
//! `msgmerge`), which the tests do not otherwise need: compiled only with
//! the `gettext-tools` feature, which CI turns on in a step of its own
//! (`cargo test --release --features gettext-tools gettext_tools::`).
//! Every export of the Dortmund translations and of a regional word list is
//! a catalog `msgfmt --check` accepts; a catalog rewrapped and merged by
//! gettext imports as the same translation; a catalog that holds one entry
//! twice is refused by `msgfmt` as by `translate import`.

use std::fs;
use std::path::Path;

use crate::common::*;
use crate::translation_handover::{first_entry, new_profile};
use crate::translation_po::{assert_import_changes_nothing, dortmund_copy};

/// Runs one of gettext's tools, which must succeed.
fn gettext_tool(tool: &str, args: &[&str]) -> std::process::Output {
    run_tool(tool, args, &[])
}

/// Checks a catalog with `msgfmt --check`, which must accept it; returns
/// what it said on stderr.
fn msgfmt_check(po: &Path) -> String {
    let check = gettext_tool(
        "msgfmt",
        &["--check", "-o", "/dev/null", po.to_str().unwrap()],
    );
    String::from_utf8_lossy(&check.stderr).into_owned()
}

#[test]
fn every_exported_catalog_is_one_msgfmt_accepts() {
    let (tmp, dir) = dortmund_copy();
    for lang in ["de", "fr", "ar"] {
        let po = tmp.path().join(format!("{lang}.po"));
        export_catalog(&dir, lang, &po);
        msgfmt_check(&po);
    }
    let (tmp, dir) = fixture_copy("sfax");
    let po = tmp.path().join("es.po");
    export_catalog(&dir, "es", &po);
    let warnings = msgfmt_check(&po);
    assert!(warnings.is_empty(), "{warnings}");
}

#[test]
fn a_catalog_rewrapped_by_gettext_tools_imports_as_the_same_translation() {
    let (tmp, dir) = dortmund_copy();
    let before = snapshot(&dir);
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    // msgcat rewraps every string at another width; msgmerge against the
    // catalog itself keeps entries and comments as a PO editor does.
    let narrow = tmp.path().join("de-narrow.po");
    gettext_tool(
        "msgcat",
        &[
            "--width=38",
            "-o",
            narrow.to_str().unwrap(),
            po.to_str().unwrap(),
        ],
    );
    let merged = tmp.path().join("de-merged.po");
    gettext_tool(
        "msgmerge",
        &[
            "--quiet",
            "-o",
            merged.to_str().unwrap(),
            narrow.to_str().unwrap(),
            po.to_str().unwrap(),
        ],
    );
    assert_ne!(fs::read(&merged).unwrap(), fs::read(&po).unwrap());
    assert_import_changes_nothing(&dir, &merged, &before);
}

#[test]
fn msgfmt_refuses_a_catalog_with_one_entry_twice_as_the_import_does() {
    let (tmp, dir) = new_profile();
    let po = tmp.path().join("de.po");
    export_catalog(&dir, "de", &po);
    let exported = fs::read_to_string(&po).unwrap();
    let entry = first_entry(&exported);
    fs::write(&po, format!("{exported}\n{entry}\n")).unwrap();
    let msgfmt = run_tool(
        "msgfmt",
        &["--check", "-o", "/dev/null", po.to_str().unwrap()],
        &[1],
    );
    assert_eq!(msgfmt.status.code(), Some(1), "msgfmt accepted the file");
    assert!(
        String::from_utf8_lossy(&msgfmt.stderr).contains("duplicate message definition"),
        "{}",
        String::from_utf8_lossy(&msgfmt.stderr)
    );
    let run = import_catalog(&dir, &po);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
}
