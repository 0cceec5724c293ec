//! A profile's own look without forking the binary: the built-in templates
//! exported as a starting point, a profile's own `template/profile.typ`, and
//! fonts from its own `fonts/` folder.

use std::fs;

use crate::common::*;

#[test]
fn template_export_writes_the_built_in_templates_and_never_overwrites() {
    let tmp = tempdir();
    let run = cityprofile(tmp.path(), &["template", "export", "mine"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let exported = fs::read_to_string(tmp.path().join("mine/profile.typ")).unwrap();
    let built_in = fs::read_to_string(repo_root().join("templates/profile.typ")).unwrap();
    assert_eq!(exported, built_in);
    // Every component file of the built-in template is exported with it,
    // and nothing of the scaffold of `new`.
    for entry in fs::read_dir(repo_root().join("templates/components")).unwrap() {
        let name = entry.unwrap().file_name();
        let exported = fs::read_to_string(tmp.path().join("mine/components").join(&name))
            .unwrap_or_else(|_| panic!("components/{name:?} was not exported"));
        let built_in =
            fs::read_to_string(repo_root().join("templates/components").join(&name)).unwrap();
        assert_eq!(exported, built_in);
    }
    assert!(!tmp.path().join("mine/scaffold").exists());
    for lang in ["en", "de", "fr", "ar"] {
        assert!(tmp
            .path()
            .join(format!("mine/strings/{lang}.toml"))
            .exists());
    }
    fs::write(tmp.path().join("mine/profile.typ"), "// my edits\n").unwrap();
    let run = cityprofile(tmp.path(), &["template", "export", "mine"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("use --force"), "{}", stderr(&run));
    assert_eq!(
        fs::read_to_string(tmp.path().join("mine/profile.typ")).unwrap(),
        "// my edits\n"
    );
    let run = cityprofile(tmp.path(), &["template", "export", "mine", "--force"]);
    assert!(run.status.success());
}

#[test]
fn a_profile_uses_its_own_template_and_errors_in_it_name_its_lines() {
    let (_tmp, dir) = fixture_copy("minimal");
    let run = cityprofile(&dir, &["template", "export", "template"]);
    assert!(run.status.success(), "{}", stderr(&run));
    // A component of the exported template, edited: it replaces the
    // built-in one.
    let template = dir.join("template/components/cover.typ");
    let text = fs::read_to_string(&template).unwrap();
    let edited = text.replace(
        "text(size: 14pt, words(edition.meta.country))",
        "text(size: 14pt, words(edition.meta.country) + \" (our own cover)\")",
    );
    assert_ne!(edited, text, "the cover line moved: update this test");
    fs::write(&template, &edited).unwrap();
    // The entry point, edited too.
    let entry = dir.join("template/profile.typ");
    let entry_text = fs::read_to_string(&entry).unwrap();
    let entry_edited = entry_text.replace(
        "#let contents(..sections) = context {",
        "#let contents(..sections) = context {\n  [Our own contents page.]",
    );
    assert_ne!(
        entry_edited, entry_text,
        "the contents function moved: update this test"
    );
    fs::write(&entry, &entry_edited).unwrap();
    let (out, emitted) = build_with_sources(&dir);
    let text = squash(&pdf_text(&out.join("testcity-en.pdf")));
    assert!(text.contains("Testland (our own cover)"), "{text}");
    assert!(text.contains("Our own contents page."), "{text}");
    // The emitted sources use the profile's template, not the built-in one.
    assert_eq!(
        fs::read_to_string(emitted.join("testcity-en/template/components/cover.typ")).unwrap(),
        edited
    );
    assert_eq!(
        fs::read_to_string(emitted.join("testcity-en/template/profile.typ")).unwrap(),
        entry_edited
    );

    // A mistake in the profile's template is reported at its own line.
    let broken = edited.replace("(our own cover)\")", "(our own cover)\" + 1)");
    fs::write(&template, &broken).unwrap();
    let line = broken
        .lines()
        .position(|l| l.contains("(our own cover)"))
        .unwrap()
        + 1;
    let run = cityprofile(&dir, &["build", ".", "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains(&format!("template/components/cover.typ:{line}:"))
            && err.contains("Typst: cannot add"),
        "{err}"
    );
    assert!(!err.contains("<built-in template>"), "{err}");

    // Without its own files, the profile uses the built-in template again.
    fs::remove_dir_all(dir.join("template")).unwrap();
    let (out, _) = build_with_sources(&dir);
    let text = squash(&pdf_text(&out.join("testcity-en.pdf")));
    assert!(!text.contains("our own"), "{text}");
}

#[test]
fn a_profile_font_is_used_when_the_theme_names_it() {
    let (_tmp, dir) = fixture_copy("minimal");
    replace_in_file(
        &dir.join("profile.toml"),
        "accent = \"#d07030\"",
        "accent = \"#d07030\"\nfont = \"Fixture Serif\"",
    );

    // Without the font file, check says what is missing and what there is.
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("there is no font family `Fixture Serif`") && err.contains("Noto Sans"),
        "{err}"
    );

    copy_dir(
        &repo_root().join("tests/fixtures/fonts"),
        &dir.join("fonts"),
    );
    // The fixture font has only its regular face: check says what bold and
    // italic text will look like, at the theme's line.
    let run = cityprofile(&dir, &["check", "."]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        reports_at(
            &stderr(&run),
            "profile.toml:24:8",
            "the font family `Fixture Serif` has no bold, italic or bold italic face"
        ),
        "{}",
        stderr(&run)
    );
    let (out, emitted) = build_with_sources(&dir);
    let fonts = pdf_fonts(&out.join("testcity-en.pdf"));
    assert!(fonts.contains("FixtureSerif"), "{fonts}");
    assert_eq!(
        fs::read(emitted.join("testcity-en/fonts/profile-font-1.ttf")).unwrap(),
        fs::read(dir.join("fonts/FixtureSerif.ttf")).unwrap()
    );

    // A file in fonts/ that is not a font is an error naming it.
    fs::write(dir.join("fonts/broken.ttf"), "not a font").unwrap();
    let run = cityprofile(&dir, &["check", "."]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("fonts/broken.ttf: not a font Typst can read"),
        "{}",
        stderr(&run)
    );
}

/// Typst takes no backslash in a path: a template file named with one is
/// an error at that file, not a crash.
#[cfg(unix)]
#[test]
fn a_template_file_whose_name_holds_a_backslash_is_refused_at_that_file() {
    let (_tmp, dir) = fixture_copy("minimal");
    fs::create_dir_all(dir.join("template/components")).unwrap();
    fs::write(dir.join("template/components/a\\b.typ"), "#let x = 1\n").unwrap();
    let run = cityprofile(&dir, &["check"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        reports_at(
            &err,
            "template/components/a\\b.typ",
            "the name of a template file or folder cannot hold a backslash"
        ),
        "{err}"
    );
}
