//! The templates, layout strings and fonts built into the binary, so that
//! `cityprofile` works from any folder and gives the same bytes everywhere.

use std::sync::LazyLock;

use include_dir::{include_dir, Dir};

/// The `templates/` folder, embedded whole: new template components need
/// no list here. `build.rs` rebuilds the crate when a file in it changes.
static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Files of `templates/` (the layout and its strings; not the scaffold of
/// `new`), by their path inside that folder with `/` separators, sorted.
static TEMPLATE_FILES: LazyLock<Vec<(&'static str, &'static [u8])>> = LazyLock::new(|| {
    let mut files = Vec::new();
    collect_files(&TEMPLATES, &mut files);
    files.retain(|(path, _)| !path.starts_with("scaffold/"));
    files.sort_by(|a, b| a.0.cmp(b.0));
    files
});

fn collect_files(dir: &'static Dir<'static>, out: &mut Vec<(&'static str, &'static [u8])>) {
    for file in dir.files() {
        if let Some(path) = file.path().to_str() {
            out.push((path, file.contents()));
        }
    }
    for sub in dir.dirs() {
        collect_files(sub, out);
    }
}

/// Fonts of `fonts/` (SIL Open Font License, see fonts/LICENSE.txt): the
/// text fonts first, then the fallbacks.
pub const FONTS: &[(&str, &[u8])] = &[
    (
        "NotoSans-Regular.ttf",
        include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold.ttf",
        include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSans-Italic.ttf",
        include_bytes!("../../fonts/NotoSans-Italic.ttf"),
    ),
    (
        "NotoSans-BoldItalic.ttf",
        include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
    ),
    (
        "NotoSansArabic-Regular.ttf",
        include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold.ttf",
        include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
    ),
    // Code (inline and blocks): monospace, so spaces and indentation keep
    // their width. Parsed only by editions that have code.
    (
        "NotoSansMono-Regular.ttf",
        include_bytes!("../../fonts/NotoSansMono-Regular.ttf"),
    ),
    (
        "NotoSansMono-Bold.ttf",
        include_bytes!("../../fonts/NotoSansMono-Bold.ttf"),
    ),
    // Fallbacks for the other scripts and signs a profile meets (Typst
    // picks them for characters the text fonts lack); each is parsed only
    // when an edition uses it.
    (
        "NotoSansHebrew-Regular.ttf",
        include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
    ),
    (
        "NotoSansHebrew-Bold.ttf",
        include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf"),
    ),
    (
        "NotoSansEthiopic-Regular.ttf",
        include_bytes!("../../fonts/NotoSansEthiopic-Regular.ttf"),
    ),
    (
        "NotoSansEthiopic-Bold.ttf",
        include_bytes!("../../fonts/NotoSansEthiopic-Bold.ttf"),
    ),
    (
        "NotoSansArmenian-Regular.ttf",
        include_bytes!("../../fonts/NotoSansArmenian-Regular.ttf"),
    ),
    (
        "NotoSansArmenian-Bold.ttf",
        include_bytes!("../../fonts/NotoSansArmenian-Bold.ttf"),
    ),
    (
        "NotoSansGeorgian-Regular.ttf",
        include_bytes!("../../fonts/NotoSansGeorgian-Regular.ttf"),
    ),
    (
        "NotoSansGeorgian-Bold.ttf",
        include_bytes!("../../fonts/NotoSansGeorgian-Bold.ttf"),
    ),
    (
        "NotoSansMath-Regular.ttf",
        include_bytes!("../../fonts/NotoSansMath-Regular.ttf"),
    ),
    (
        "NotoSansSymbols-Regular.ttf",
        include_bytes!("../../fonts/NotoSansSymbols-Regular.ttf"),
    ),
    (
        "NotoSansSymbols2-Regular.ttf",
        include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf"),
    ),
];

/// A built-in template file, e.g. `profile.typ`, `components/cover.typ` or
/// `strings/en.toml`.
pub fn template_file(path: &str) -> Option<&'static [u8]> {
    template_files()
        .iter()
        .find(|(name, _)| *name == path)
        .map(|(_, bytes)| *bytes)
}

/// All built-in template files.
pub fn template_files() -> &'static [(&'static str, &'static [u8])] {
    &TEMPLATE_FILES
}

/// Languages with built-in layout strings.
pub fn string_languages() -> Vec<&'static str> {
    template_files()
        .iter()
        .filter_map(|(name, _)| name.strip_prefix("strings/")?.strip_suffix(".toml"))
        .collect()
}
