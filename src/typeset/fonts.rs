//! The fonts an edition is set in: the built-in ones (Noto Sans and its
//! companions, embedded in the binary and parsed once per process, when first
//! used) and a profile's own (`fonts/`), as the book Typst selects them from;
//! which faces a family has, and the built-in faces a family without bold or
//! italic may borrow (`missing_faces = "built-in"`).

use std::path::PathBuf;
use std::sync::{Arc, LazyLock, OnceLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

use crate::base::assets;

/// One font of a library: its data, and the font itself, parsed the first
/// time a document uses it (an English edition never parses the Arabic font).
#[derive(Clone)]
struct FontSlot {
    data: Bytes,
    index: u32,
    /// Family, style and coverage, read when the slot is made.
    info: FontInfo,
    font: Arc<OnceLock<Option<Font>>>,
    /// A built-in face listed again under a profile family's name
    /// ([`FontLibrary::with_builtin_faces_for`]), not a file of the profile.
    borrowed: bool,
}

impl FontSlot {
    fn get(&self) -> Option<Font> {
        self.font
            .get_or_init(|| Font::new(self.data.clone(), self.index))
            .clone()
    }
}

/// A set of fonts and the book Typst selects them from.
pub struct FontLibrary {
    book: LazyHash<FontBook>,
    slots: Vec<FontSlot>,
}

impl FontLibrary {
    /// The book Typst selects the library's fonts from.
    pub(super) fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn from_slots(slots: Vec<FontSlot>) -> Self {
        let book = FontBook::from_infos(slots.iter().map(|slot| slot.info.clone()));
        FontLibrary {
            book: LazyHash::new(book),
            slots,
        }
    }

    /// The fonts of some files: only their names and metrics are read here.
    fn slots_of(files: impl IntoIterator<Item = Bytes>) -> Vec<FontSlot> {
        let mut slots = Vec::new();
        for data in files {
            let infos: Vec<FontInfo> = FontInfo::iter(data.as_slice()).collect();
            for (index, info) in infos.into_iter().enumerate() {
                slots.push(FontSlot {
                    data: data.clone(),
                    index: index as u32,
                    info,
                    font: Arc::new(OnceLock::new()),
                    borrowed: false,
                });
            }
        }
        slots
    }

    /// The built-in fonts followed by a profile's own (`<profile>/fonts/`),
    /// sharing the built-in fonts already parsed. Also returns the files in
    /// which Typst found no font.
    pub fn with_profile_fonts(files: Vec<(PathBuf, Bytes)>) -> (Self, Vec<PathBuf>) {
        let mut slots = FONTS.slots.clone();
        let mut unreadable = Vec::new();
        for (path, data) in files {
            let fonts = Self::slots_of([data]);
            if fonts.is_empty() {
                unreadable.push(path);
            }
            slots.extend(fonts);
        }
        (Self::from_slots(slots), unreadable)
    }

    /// The font files added to the built-in ones, one data blob per file.
    pub fn added_files(&self) -> Vec<Bytes> {
        let mut blobs: Vec<Bytes> = Vec::new();
        for slot in self.slots.iter().skip(FONTS.len()) {
            if !slot.borrowed
                && !blobs
                    .iter()
                    .any(|b| b.as_slice().as_ptr() == slot.data.as_slice().as_ptr())
            {
                blobs.push(slot.data.clone());
            }
        }
        blobs
    }

    /// This library, with the built-in Noto Sans faces of `faces` (as
    /// [`Self::missing_faces`] names them: `"bold"`, `"italic"`, `"bold
    /// italic"`) listed again under `family`, so that text set in `family`
    /// with a weight or style the family lacks prints in the built-in face
    /// instead of the family's regular one (the theme's `missing_faces =
    /// "built-in"`). The faces are shared with the built-in ones, not copied.
    pub fn with_builtin_faces_for(&self, family: &str, faces: &[&str]) -> FontLibrary {
        use typst::text::{FontStyle, FontWeight};
        let mut slots = self.slots.clone();
        for face in faces {
            let bold = face.contains("bold");
            let italic = face.contains("italic");
            let builtin = FONTS.slots.iter().find(|slot| {
                let variant = slot.info.variant;
                slot.info.family == "Noto Sans"
                    && (variant.weight == FontWeight::BOLD) == bold
                    && (variant.style == FontStyle::Italic) == italic
            });
            if let Some(builtin) = builtin {
                let mut slot = builtin.clone();
                slot.info.family = family.to_string();
                slot.borrowed = true;
                slots.push(slot);
            }
        }
        Self::from_slots(slots)
    }

    /// The faces listed under another family's name, as `family: face
    /// index` (what a build's cache key holds besides the added files).
    pub fn borrowed_faces(&self) -> Vec<String> {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, slot)| slot.borrowed)
            .map(|(i, slot)| format!("{}: {i}", slot.info.family))
            .collect()
    }

    /// How many fonts the library has.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The font at `index` of the book, parsed when first asked for.
    pub(super) fn font(&self, index: usize) -> Option<Font> {
        self.slots.get(index).and_then(FontSlot::get)
    }

    /// Whether any font of the library has a glyph for a character (what
    /// Typst's font fallback can find), from the fonts' coverage tables.
    pub fn covers(&self, c: char) -> bool {
        self.slots
            .iter()
            .any(|slot| slot.info.coverage.contains(c as u32))
    }

    /// Whether a font family of this name is available.
    pub fn has_family(&self, family: &str) -> bool {
        self.book
            .select_family(&family.to_lowercase())
            .next()
            .is_some()
    }

    /// The faces a family lacks of the three a text sets besides its regular
    /// one: `"bold"` (weight 600 or more, upright), `"italic"` (italic or
    /// oblique, under 600) and `"bold italic"`, in that order. Empty for a
    /// family that is not available.
    pub fn missing_faces(&self, family: &str) -> Vec<&'static str> {
        use typst::text::{FontStyle, FontWeight};
        let family = family.to_lowercase();
        let faces: Vec<(bool, bool)> = self
            .slots
            .iter()
            .filter(|slot| slot.info.family.to_lowercase() == family)
            .map(|slot| {
                let variant = slot.info.variant;
                (
                    variant.weight >= FontWeight::SEMIBOLD,
                    variant.style != FontStyle::Normal,
                )
            })
            .collect();
        if faces.is_empty() {
            return Vec::new();
        }
        [
            ((true, false), "bold"),
            ((false, true), "italic"),
            ((true, true), "bold italic"),
        ]
        .into_iter()
        .filter(|(face, _)| !faces.contains(face))
        .map(|(_, name)| name)
        .collect()
    }

    /// The family names available, sorted.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .slots
            .iter()
            .map(|slot| slot.info.family.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// The built-in fonts every edition shares, read from the bytes embedded in
/// the binary (not copied) and each parsed once per process, when first used.
static FONTS: LazyLock<FontLibrary> = LazyLock::new(|| {
    FontLibrary::from_slots(FontLibrary::slots_of(
        assets::FONTS.iter().map(|(_, data)| Bytes::new(*data)),
    ))
});

/// The built-in fonts.
pub fn builtin_fonts() -> &'static FontLibrary {
    &FONTS
}
