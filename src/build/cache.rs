//! What `watch` keeps from one build to the next: the Typst worlds of the
//! editions and what each edition's last PDF was made of, so that a rebuild
//! lays out again only what changed and skips an edition nothing changed.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use super::resources::ProfileResources;
use super::{BuiltEdition, PreparedEdition};
use crate::base::source::Sources;
use crate::typeset::world::{self, EditionWorld};

/// Typst worlds kept from one build to the next (by edition), so that a
/// rebuild in `watch` reparses and lays out again only what changed, and
/// skips an edition that nothing changed at all.
#[derive(Default)]
pub struct WarmWorlds {
    pub(super) worlds: HashMap<String, EditionWorld>,
    pub(super) last_builds: HashMap<String, LastBuild>,
}

/// What the last successful build of an edition was made of and wrote.
pub(super) struct LastBuild {
    /// Hash of the generated sources, template, fonts and date.
    pub(super) inputs: u64,
    /// The profile files (images) the compile read, with their contents.
    pub(super) files_read: Vec<world::ProfileFileRead>,
    pub(super) built: BuiltEdition,
    pub(super) written: OutputStamp,
}

impl LastBuild {
    /// Whether building again would give the same PDF as the one in place:
    /// the same inputs, the same profile files (as `sources` holds them now)
    /// and the PDF still the one written.
    pub(super) fn still_current(&self, inputs: u64, sources: &Sources) -> bool {
        self.inputs == inputs
            && OutputStamp::of(&self.built.path).as_ref() == Some(&self.written)
            && self
                .files_read
                .iter()
                .all(|file| sources.read(&file.path).is_ok_and(|now| now == file.bytes))
    }
}

/// Size and modification time of a written PDF: whether it is still ours.
#[derive(PartialEq, Eq)]
pub(super) struct OutputStamp {
    pub(super) len: u64,
    pub(super) modified: std::time::SystemTime,
}

impl OutputStamp {
    pub(super) fn of(path: &Path) -> Option<Self> {
        let metadata = fs::metadata(path).ok()?;
        Some(OutputStamp {
            len: metadata.len(),
            modified: metadata.modified().ok()?,
        })
    }
}

/// Hash of everything an edition's PDF is made of (the profile's own fonts
/// by their contents), but the profile files its compile reads (those are
/// compared one by one).
pub(super) fn edition_inputs(
    edition: &PreparedEdition,
    resources: &ProfileResources,
    date: (u16, u8, u8),
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let sources = &edition.sources;
    (&sources.lang, &sources.main, &sources.data, &sources.files).hash(&mut hasher);
    resources.template.hash(&mut hasher);
    resources
        .fonts
        .as_ref()
        .map(|fonts| (fonts.added_files(), fonts.borrowed_faces()))
        .hash(&mut hasher);
    date.hash(&mut hasher);
    hasher.finish()
}
