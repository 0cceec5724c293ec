//! `--emit-typst`: an edition's Typst sources, templates, fonts and the
//! profile files it read, written as a folder any Typst editor compiles.

use std::path::{Path, PathBuf};

use super::{edition_ident, PreparedEdition};
use crate::base::assets;
use crate::base::diag::Diagnostic;
use crate::profile::Profile;
use crate::typeset::world::EditionWorld;

/// Writes an edition's Typst sources, templates and fonts into
/// `<dir>/<id>-<lang>/`, openable in any Typst editor (`typst compile
/// main.typ --root . --font-path fonts --ignore-system-fonts`).
pub(super) fn emit_typst(
    dir: &Path,
    profile: &Profile,
    edition: &PreparedEdition,
    world: &EditionWorld,
) -> Result<(), Diagnostic> {
    let root = emit_root(dir, profile, edition);
    let write = |relative: &str, bytes: &[u8]| {
        crate::base::io::write_atomically(&root.join(relative), bytes)
    };
    write("main.typ", edition.sources.main.as_bytes())?;
    write("edition.json", edition.sources.data.as_bytes())?;
    for (path, bytes) in &edition.sources.files {
        write(path, bytes)?;
    }
    for (name, bytes) in assets::template_files() {
        if !name.ends_with(".typ") {
            write(&format!("template/{name}"), bytes)?;
        }
    }
    // The template files the edition used: the profile's own where it has
    // them, the built-in ones elsewhere.
    for (name, text) in world.template_sources() {
        write(&format!("template/{name}"), text.as_bytes())?;
    }
    for (name, bytes) in assets::FONTS {
        write(&format!("fonts/{name}"), bytes)?;
    }
    for (index, data) in world.profile_font_data().iter().enumerate() {
        write(
            &format!("fonts/profile-font-{}.ttf", index + 1),
            data.as_slice(),
        )?;
    }
    Ok(())
}

fn emit_root(dir: &Path, profile: &Profile, edition: &PreparedEdition) -> PathBuf {
    dir.join(edition_ident(profile, edition))
}

/// After a compile: the profile files the edition read (images), beside its
/// emitted sources, so that the folder compiles on its own.
pub(super) fn emit_profile_files(
    dir: &Path,
    profile: &Profile,
    edition: &PreparedEdition,
    world: &EditionWorld,
) -> Result<(), Diagnostic> {
    let root = emit_root(dir, profile, edition);
    for file in world.profile_files_read() {
        crate::base::io::write_atomically(&root.join(&file.document_path), file.bytes.as_slice())?;
    }
    Ok(())
}
