//! Whether a profile's font file can be embedded in a PDF: a file whose
//! names and metrics read well but whose glyphs are damaged (a truncated
//! download, bytes overwritten) passes Typst's font loading and fails only
//! at the PDF export, without a place. Subsetting every face to all its
//! glyphs, as the export does with the glyphs it uses, finds it at load.

use typst::foundations::Bytes;
use typst::text::Font;

/// A face of a font file the PDF export cannot embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedFace {
    /// The face's family name, as a theme's `font` names it.
    pub family: String,
    /// What is wrong, in the words of the subsetter (`malformed font`).
    pub reason: String,
}

/// The first face of the font file `data` whose glyphs cannot be embedded
/// (subset with the `subsetter` crate that Typst's PDF export uses);
/// `None` when every face can be, or when Typst finds no font in the file
/// (reported on its own as not a font).
pub fn damaged_face(data: &Bytes) -> Option<DamagedFace> {
    (0u32..)
        .map_while(|index| Font::new(data.clone(), index))
        .find_map(|font| {
            let count = rustybuzz::Face::from_slice(data.as_slice(), font.index())
                .map_or(0, |face| face.number_of_glyphs());
            let glyphs: Vec<u16> = (0..count).collect();
            let mapper = subsetter::GlyphRemapper::new_from_glyphs(&glyphs);
            subsetter::subset(data.as_slice(), font.index(), &mapper)
                .err()
                .map(|error| DamagedFace {
                    family: font.info().family.clone(),
                    reason: reason(&error),
                })
        })
}

/// A subsetter error in words.
fn reason(error: &subsetter::Error) -> String {
    match error {
        subsetter::Error::MalformedFont => "its data is malformed".into(),
        subsetter::Error::UnknownKind => "it is of an unknown kind".into(),
        subsetter::Error::CFFError => "its CFF outlines cannot be read".into(),
        other => format!("it cannot be subset ({other:?})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Vec<u8> {
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/fonts/FixtureSerif.ttf"
        ))
        .unwrap()
    }

    #[test]
    fn an_intact_font_passes() {
        assert_eq!(damaged_face(&Bytes::new(fixture())), None);
    }

    #[test]
    fn a_font_with_overwritten_glyphs_is_named_by_its_family() {
        let damaged = overwrite_glyf(fixture());
        let face = damaged_face(&Bytes::new(damaged)).expect("damaged");
        assert_eq!(face.family, "Fixture Serif");
        assert_eq!(face.reason, "its data is malformed");
    }

    /// The font with every byte of its `glyf` table overwritten.
    pub(crate) fn overwrite_glyf(mut data: Vec<u8>) -> Vec<u8> {
        let tables = u16::from_be_bytes([data[4], data[5]]) as usize;
        for i in 0..tables {
            let record = 12 + 16 * i;
            if &data[record..record + 4] == b"glyf" {
                let word =
                    |at: usize| u32::from_be_bytes(data[at..at + 4].try_into().unwrap()) as usize;
                let (offset, length) = (word(record + 8), word(record + 12));
                for (k, byte) in data[offset..offset + length].iter_mut().enumerate() {
                    *byte = (k * 131 % 251) as u8;
                }
            }
        }
        data
    }
}
