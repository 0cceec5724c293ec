//! `--emit-typst`: an edition's Typst sources, templates, fonts and the
//! profile files it read, written as a folder any Typst editor compiles.
//! The folder is written whole into a temporary sibling
//! (`.<id>-<lang>.<pid>.tmp`) and renamed into place at the end, as a PDF
//! is, so that a failed write (a full disk) leaves the previous folder as
//! it was and nothing half-written.

use std::fs;
use std::path::{Path, PathBuf};

use super::{edition_ident, PreparedEdition};
use crate::base::assets;
use crate::base::diag::Diagnostic;
use crate::profile::Profile;
use crate::typeset::world::EditionWorld;

/// An emitted folder being written: where it is written, where it goes.
pub(super) struct Emitting {
    staging: PathBuf,
    target: PathBuf,
}

impl Emitting {
    /// Removes what was written, after a failed write.
    fn abandon(&self, problem: Diagnostic) -> Diagnostic {
        let _ = fs::remove_dir_all(&self.staging);
        problem
    }

    /// Writes one file of the folder.
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        crate::base::io::write_atomically(&self.staging.join(relative), bytes)
            .map_err(|d| self.abandon(d))
    }

    /// Puts the written folder in place of the previous one, or removes it
    /// when that fails ([`crate::base::io::replace_folder`]).
    pub(super) fn finish(self) -> Result<(), Diagnostic> {
        crate::base::io::replace_folder(&self.staging, &self.target).map_err(|d| self.abandon(d))
    }
}

/// Writes an edition's Typst sources, templates and fonts for the folder
/// `<dir>/<id>-<lang>/`, openable in any Typst editor (`typst compile
/// main.typ --root . --font-path fonts --ignore-system-fonts`); the
/// folder takes its place with [`Emitting::finish`].
pub(super) fn emit_typst(
    dir: &Path,
    profile: &Profile,
    edition: &PreparedEdition,
    world: &EditionWorld,
) -> Result<Emitting, Diagnostic> {
    let ident = edition_ident(profile, edition);
    let emitting = Emitting {
        staging: dir.join(format!(".{ident}.{}.tmp", std::process::id())),
        target: dir.join(&ident),
    };
    let _ = fs::remove_dir_all(&emitting.staging);
    emitting.write("main.typ", edition.sources.main.as_bytes())?;
    emitting.write("edition.json", edition.sources.data.as_bytes())?;
    for (path, bytes) in &edition.sources.files {
        emitting.write(path, bytes)?;
    }
    for (name, bytes) in assets::template_files() {
        if !name.ends_with(".typ") {
            emitting.write(&format!("template/{name}"), bytes)?;
        }
    }
    // The template files the edition used: the profile's own where it has
    // them, the built-in ones elsewhere.
    for (name, text) in world.template_sources() {
        emitting.write(&format!("template/{name}"), text.as_bytes())?;
    }
    for (name, bytes) in assets::FONTS {
        emitting.write(&format!("fonts/{name}"), bytes)?;
    }
    for (index, data) in world.profile_font_data().iter().enumerate() {
        emitting.write(
            &format!("fonts/profile-font-{}.ttf", index + 1),
            data.as_slice(),
        )?;
    }
    Ok(emitting)
}

/// After a compile: the profile files the edition read (images), beside its
/// emitted sources, so that the folder compiles on its own; then the folder
/// takes its place.
pub(super) fn emit_profile_files(
    emitting: Emitting,
    world: &EditionWorld,
) -> Result<(), Diagnostic> {
    for file in world.profile_files_read() {
        emitting.write(&file.document_path, file.bytes.as_slice())?;
    }
    emitting.finish()
}
