//! The Typst World of one edition: the generated main file and data, the
//! built-in templates and fonts, and read access to the profile folder only
//! (under `/profile/`). No system fonts, no packages, no network; the date is
//! the profile's, so the same inputs give the same PDF.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::base::assets;
use crate::base::source::Sources;
use crate::edition::SourceMapping;

pub use super::fonts::{builtin_fonts, FontLibrary};

/// The path of the template a profile may override with its own file.
pub const TEMPLATE_PATH: &str = "/template/profile.typ";

/// A file of a profile's own `template/` folder, which replaces (or adds
/// to) the built-in template file at the same path: `profile.typ`,
/// `components/cover.typ`, ...
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct OwnTemplateFile {
    /// Its path inside the template folder, with `/` separators.
    pub relative: String,
    /// Its real path.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The id of a file at a virtual path of the project.
pub fn file_id(path: &str) -> FileId {
    // Infallible for the paths the program makes: absolute, without `..`
    // and without a backslash, all `VirtualPath::new` refuses (a profile's
    // template file named with one is refused in `build::resources`, a
    // figure id, which names a chart's file, is checked at load).
    let vpath = VirtualPath::new(path).expect("valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

pub use crate::edition::PROFILE_ROOT;

/// A profile file a document read.
pub struct ProfileFileRead {
    /// Its path inside the document (`profile/images/cover.jpg`).
    pub document_path: String,
    /// Its real path.
    pub path: PathBuf,
    /// The contents the document saw.
    pub bytes: Bytes,
}

/// Where the profile names an image file: the TOML file and the position of
/// the path (`image = "images/cover.jpg"`).
#[derive(Debug, Clone, PartialEq)]
pub struct ImageOrigin {
    /// The image's real path.
    pub image: PathBuf,
    /// The TOML file that names it, and where.
    pub file: PathBuf,
    pub position: crate::base::diag::Position,
}

/// One edition's world.
pub struct EditionWorld {
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    profile_dir: PathBuf,
    today: Datetime,
    read_cache: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    /// Where the blocks of the generated `main.typ` come from.
    source_map: Vec<SourceMapping>,
    /// The built-in fonts and the profile's own, when it has any.
    fonts: Option<Arc<FontLibrary>>,
    /// The files of the profile's own `template/` folder, by document file
    /// id, with their real paths.
    template_overrides: HashMap<FileId, PathBuf>,
    /// Where the profile names each image the document may read.
    image_origins: Vec<ImageOrigin>,
    /// The profile's files, read once for all the stages of a build.
    profile_files: Arc<Sources>,
}

impl EditionWorld {
    /// A world with the generated `main.typ` and `edition.json`, the built-in
    /// templates, and the profile folder.
    pub fn new(main: &str, data: &str, profile_dir: &Path, date: (u16, u8, u8)) -> Self {
        Self::with_files(main, data, &[], profile_dir, date)
    }

    /// A world with more generated files (such as chart SVGs) at `/<path>`.
    pub fn with_files(
        main: &str,
        data: &str,
        generated: &[(String, Vec<u8>)],
        profile_dir: &Path,
        date: (u16, u8, u8),
    ) -> Self {
        let mut sources = HashMap::new();
        let mut files = HashMap::new();
        let main_id = file_id("/main.typ");
        sources.insert(main_id, Source::new(main_id, main.to_string()));
        files.insert(
            file_id("/edition.json"),
            Bytes::from_string(data.to_string()),
        );
        for (path, bytes) in generated {
            files.insert(file_id(&format!("/{path}")), Bytes::new(bytes.clone()));
        }
        for (name, bytes) in assets::template_files() {
            let id = file_id(&format!("/template/{name}"));
            if name.ends_with(".typ") {
                // Sources are read as files from their text (see `file`).
                // Infallible: the templates are built into the binary, and
                // the build compiles them as text on every test run.
                let text = std::str::from_utf8(bytes).expect("templates are UTF-8");
                sources.insert(id, Source::new(id, text.to_string()));
            } else {
                files.insert(id, Bytes::new(*bytes));
            }
        }
        let today = Datetime::from_ymd(i32::from(date.0), date.1, date.2)
            // Infallible: a constant date that exists.
            .unwrap_or_else(|| Datetime::from_ymd(1970, 1, 1).expect("valid date"));
        EditionWorld {
            main: main_id,
            sources,
            files,
            profile_dir: profile_dir.to_path_buf(),
            today,
            read_cache: Mutex::new(HashMap::new()),
            source_map: Vec::new(),
            fonts: None,
            template_overrides: HashMap::new(),
            image_origins: Vec::new(),
            profile_files: Arc::new(Sources::new()),
        }
    }

    /// Records where the profile names its images, so that a problem Typst
    /// finds in an image is reported at the line that names it.
    pub fn set_image_origins(&mut self, origins: Vec<ImageOrigin>) {
        self.image_origins = origins;
    }

    /// Where the profile names an image file, if it does.
    pub fn image_origin(&self, image: &Path) -> Option<&ImageOrigin> {
        self.image_origins.iter().find(|o| o.image == image)
    }

    /// Reads the profile's files (images) from this store, the one the
    /// profile was loaded through, and forgets what it read before.
    pub fn set_sources(&mut self, sources: Arc<Sources>) {
        if !Arc::ptr_eq(&self.profile_files, &sources) {
            self.profile_files = sources;
            self.read_cache
                .get_mut()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .clear();
        }
    }

    /// Uses these fonts (the built-in ones and a profile's own).
    pub fn set_fonts(&mut self, fonts: Option<Arc<FontLibrary>>) {
        self.fonts = fonts;
    }

    /// Uses the files of a profile's own `template/` folder instead of the
    /// built-in ones at the same paths (the built-in ones again for the
    /// files no longer given).
    pub fn set_template(&mut self, files: &[OwnTemplateFile]) {
        let mut wanted: HashMap<FileId, String> = HashMap::new();
        for id in self.template_overrides.keys() {
            let relative = id
                .vpath()
                .get_with_slash()
                .trim_start_matches("/template/")
                .to_string();
            match assets::template_file(&relative) {
                Some(bytes) => {
                    wanted.insert(*id, String::from_utf8_lossy(bytes).into_owned());
                }
                None => {
                    self.sources.remove(id);
                }
            }
        }
        self.template_overrides.clear();
        for file in files {
            let id = file_id(&format!("/template/{}", file.relative));
            wanted.insert(id, file.text.clone());
            self.template_overrides.insert(id, file.path.clone());
        }
        for (id, text) in wanted {
            match self.sources.get_mut(&id) {
                Some(source) if source.text() == text => {}
                Some(source) => {
                    source.replace(&text);
                }
                None => {
                    self.sources.insert(id, Source::new(id, text));
                }
            }
        }
    }

    /// The template files this world uses (the profile's own or the
    /// built-in ones), by their path inside the template folder, sorted.
    pub fn template_sources(&self) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = self
            .sources
            .iter()
            .filter_map(|(id, source)| {
                let path = id.vpath().get_with_slash();
                let relative = path.strip_prefix("/template/")?;
                Some((relative.to_string(), source.text().to_string()))
            })
            .collect();
        files.sort();
        files
    }

    /// The profile's own fonts (beyond the built-in ones), one data blob per file.
    pub fn profile_font_data(&self) -> Vec<Bytes> {
        self.fonts
            .as_ref()
            .map(|library| library.added_files())
            .unwrap_or_default()
    }

    /// The profile files the document has read so far (images), sorted by
    /// their path inside the document (`profile/images/cover.jpg`), with
    /// their real path and the contents the document saw.
    pub fn profile_files_read(&self) -> Vec<ProfileFileRead> {
        let cache = self
            .read_cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut files: Vec<ProfileFileRead> = cache
            .iter()
            .filter_map(|(id, result)| {
                Some(ProfileFileRead {
                    document_path: id
                        .vpath()
                        .get_with_slash()
                        .trim_start_matches('/')
                        .to_string(),
                    path: self.profile_path(*id)?,
                    bytes: result.as_ref().ok()?.clone(),
                })
            })
            .collect();
        files.sort_by(|a, b| a.document_path.cmp(&b.document_path));
        files
    }

    /// The real file behind a document path, when it is a file of a
    /// profile's own template.
    pub fn template_override_path(&self, id: FileId) -> Option<&Path> {
        self.template_overrides.get(&id).map(PathBuf::as_path)
    }

    /// Replaces the generated sources and files for a rebuild. The sources
    /// stay the same objects, so Typst reparses only the changed parts and
    /// its caches keep the layout of everything that did not change.
    pub fn update(
        &mut self,
        main: &str,
        data: &str,
        generated: &[(String, Vec<u8>)],
        date: (u16, u8, u8),
    ) {
        if let Some(source) = self.sources.get_mut(&self.main) {
            if source.text() != main {
                source.replace(main);
            }
        }
        let data_id = file_id("/edition.json");
        if self
            .files
            .get(&data_id)
            .is_none_or(|old| old.as_slice() != data.as_bytes())
        {
            self.files
                .insert(data_id, Bytes::from_string(data.to_string()));
        }
        for (path, bytes) in generated {
            let id = file_id(&format!("/{path}"));
            if self
                .files
                .get(&id)
                .is_none_or(|old| old.as_slice() != bytes.as_slice())
            {
                self.files.insert(id, Bytes::new(bytes.clone()));
            }
        }
        if let Some(today) = Datetime::from_ymd(i32::from(date.0), date.1, date.2) {
            self.today = today;
        }
        self.read_cache
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }

    /// Records where the blocks of the generated `main.typ` come from.
    pub fn set_source_map(&mut self, source_map: Vec<SourceMapping>) {
        self.source_map = source_map;
    }

    /// The Markdown file and position a place in the generated `main.typ`
    /// was made from, if it lies inside a chapter.
    pub fn markdown_origin(&self, id: FileId, offset: usize) -> Option<&SourceMapping> {
        if id != self.main {
            return None;
        }
        let index = self
            .source_map
            .partition_point(|m| m.generated_offset <= offset);
        index.checked_sub(1).map(|i| &self.source_map[i])
    }

    /// The real path of a document path inside the profile folder.
    pub fn profile_path(&self, id: FileId) -> Option<PathBuf> {
        let path = id.vpath().get_with_slash();
        let rest = path.strip_prefix(PROFILE_ROOT)?;
        let relative = Path::new(rest);
        if relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return None;
        }
        Some(self.profile_dir.join(relative))
    }

    fn read_profile_file(&self, id: FileId) -> FileResult<Bytes> {
        // A lock poisoned by a panic elsewhere still holds whole reads.
        let mut cache = self
            .read_cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .entry(id)
            .or_insert_with(|| {
                let Some(path) = self.profile_path(id) else {
                    return Err(FileError::AccessDenied);
                };
                if self.profile_files.is_dir(&path) {
                    return Err(FileError::IsDirectory);
                }
                self.profile_files
                    .read(&path)
                    .map_err(|e| FileError::from_io(e, &path))
                    .and_then(|bytes| printable_picture(&path, bytes))
            })
            .clone()
    }
}

/// A picture of the profile as the document is to print it: a CMYK JPEG
/// converted to sRGB, an SVG without its empty references (see
/// [`crate::base::pictures`]); any other file as it is.
fn printable_picture(path: &Path, bytes: Bytes) -> FileResult<Bytes> {
    use crate::base::pictures;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("jpg" | "jpeg") if pictures::is_cmyk_jpeg(&bytes) => {
            pictures::cmyk_jpeg_as_srgb(&bytes)
                .map(Bytes::new)
                .map_err(|e| FileError::Other(Some(e.into())))
        }
        Some("svg") => Ok(pictures::without_empty_references(&bytes).map_or(bytes, Bytes::new)),
        _ => Ok(bytes),
    }
}

impl World for EditionWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts
            .as_deref()
            .unwrap_or_else(|| builtin_fonts())
            .book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(source.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.text().to_string()));
        }
        self.read_profile_file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts
            .as_deref()
            .unwrap_or_else(|| builtin_fonts())
            .font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
