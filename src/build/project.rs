//! A profile folder loaded once for a command: [`Project::load`] reads every
//! input the commands use (the TOML and CSV files, the chapters of every
//! declared language, the layout strings, the PO records, the profile's own
//! fonts, template files and images) through one store of sources, and
//! keeps the model and what loading found. `check`, `build`, `watch`,
//! `translate` and `mark-translated` work on that value; a `watch` rebuild
//! makes a new one that keeps the files which did not change.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::base::diag::Diagnostics;
use crate::base::source::Sources;
use crate::profile::{self, Profile};

/// A loaded profile folder: the model when every file parsed, and every
/// problem loading found either way.
pub struct Project {
    /// The profile folder as given.
    pub dir: PathBuf,
    /// The profile, when it loaded.
    pub profile: Option<Profile>,
    /// What loading found: errors (then `profile` is `None`) and warnings.
    pub diagnostics: Diagnostics,
    /// How long loading and validating took.
    pub load_time: Duration,
    sources: Arc<Sources>,
}

impl Project {
    /// Loads a profile folder, reading each of its files once.
    pub fn load(dir: &Path) -> Project {
        Self::load_from(dir, Arc::new(Sources::confined_to(dir)))
    }

    /// The same folder loaded again after the files in `changed` changed
    /// (paths as a file watcher reports them): the other files are not read
    /// again.
    pub fn reload(&self, changed: &[PathBuf]) -> Project {
        Self::load_from(&self.dir, Arc::new(self.sources.without(changed)))
    }

    /// Loads a profile folder through a given store (the files of a
    /// profile held in memory, in tests).
    pub fn load_from(dir: &Path, sources: Arc<Sources>) -> Project {
        let started = Instant::now();
        let (profile, diagnostics) = profile::load_from(dir, sources.clone());
        if let Some(profile) = &profile {
            read_every_input(profile);
        }
        Project {
            dir: dir.to_path_buf(),
            profile,
            diagnostics,
            load_time: started.elapsed(),
            sources,
        }
    }

    /// The files of the folder as this project read them.
    pub fn sources(&self) -> &Arc<Sources> {
        &self.sources
    }
}

/// Reads into the store every input a command may use that loading the
/// model did not read yet: the chapters of every declared language, the
/// layout strings, the PO records, the profile's own fonts and template,
/// and the images it names. What cannot be read is reported by the stage
/// that uses it.
fn read_every_input(profile: &Profile) {
    let sources = &profile.sources;
    for lang in profile.declared_languages() {
        for chapter in &profile.meta.value.chapters {
            let _ = sources.read(&profile.chapter_path(&lang, chapter.file.get_ref()));
        }
    }
    for folder in ["strings", "po", "fonts", "template"] {
        read_folder(sources, &profile.dir.join(folder));
    }
    for origin in super::image_origins(profile) {
        let _ = sources.read(&origin.image);
    }
}

/// Reads every file under a folder (none when it does not exist).
fn read_folder(sources: &Sources, folder: &Path) {
    let Ok(entries) = sources.read_dir(folder) else {
        return;
    };
    for path in entries {
        if sources.is_dir(&path) {
            read_folder(sources, &path);
        } else {
            let _ = sources.read(&path);
        }
    }
}
