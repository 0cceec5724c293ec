//! Pictures as photographers, print shops and drawing programs send them,
//! made printable in the editions: a CMYK JPEG (print shops' and image
//! libraries' usual form) becomes an sRGB one, since the editions are sRGB
//! (PDF/A-2b with an sRGB output intent, which a CMYK picture breaks); an
//! SVG `<image>` with an empty reference (`href=""` or `xlink:href=""`, as
//! Inkscape leaves behind when a linked picture is removed), which Typst
//! reads as the SVG's own folder and refuses the whole drawing for, loses
//! that attribute and so draws nothing in its place, as browsers do.

use std::ops::Range;

/// The number of colour components of a JPEG's frame (1 grey, 3 YCbCr or
/// RGB, 4 CMYK or YCCK), from its first start-of-frame marker; `None` when
/// the bytes hold no frame header (not a JPEG, or a damaged one).
pub fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        // SOF0 to SOF15, without DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return bytes.get(at + 9).copied();
        }
        if marker == 0xDA || length < 2 {
            return None;
        }
        at += 2 + length;
    }
    None
}

/// Whether the bytes are a JPEG in CMYK (or YCCK), four components.
pub fn is_cmyk_jpeg(bytes: &[u8]) -> bool {
    jpeg_components(bytes) == Some(4)
}

/// A CMYK JPEG as an sRGB JPEG of the same size (quality 92). The colours
/// are converted by the decoder's formula (Adobe's inverted CMYK
/// recognised), without the picture's own ICC profile: close, not exact.
/// Errs with the decoder's words when the picture cannot be decoded.
pub fn cmyk_jpeg_as_srgb(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let picture = image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg)
        .map_err(|e| e.to_string())?;
    let rgb = picture.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(&rgb)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// The byte ranges of the empty `href` and `xlink:href` attributes of an
/// SVG's text, each with the white space before it.
pub fn empty_svg_references(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for name in ["xlink:href", "href"] {
        let mut from = 0;
        while let Some(k) = text[from..].find(name) {
            let start = from + k;
            from = start + name.len();
            let before = text[..start].chars().next_back();
            // `href` inside `xlink:href` is found by the first name.
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let rest = text[from..].trim_start();
            let Some(rest) = rest.strip_prefix('=') else {
                continue;
            };
            let rest = rest.trim_start();
            if rest.starts_with("\"\"") || rest.starts_with("''") {
                let end = text.len() - rest.len() + 2;
                let space = text[..start].trim_end().len();
                found.push(space..end);
            }
        }
    }
    found.sort_by_key(|r| r.start);
    found
}

/// An SVG without its empty references ([`empty_svg_references`]); `None`
/// when it has none (or is not UTF-8 text).
pub fn without_empty_references(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let empty = empty_svg_references(text);
    if empty.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for range in empty {
        out.push_str(&text[copied..range.start]);
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    Some(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_references_are_found_and_dropped() {
        let svg = "<svg><image href=\"\" width=\"2\"/><image\n  xlink:href='' /><image href=\"a.png\"/></svg>";
        let dropped = String::from_utf8(without_empty_references(svg.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            dropped,
            "<svg><image width=\"2\"/><image /><image href=\"a.png\"/></svg>"
        );
        assert_eq!(
            without_empty_references(b"<svg><a href=\"x\"/></svg>"),
            None
        );
    }

    #[test]
    fn the_components_of_a_jpeg_frame_are_read() {
        // SOI, an APP0 of 4 bytes, SOF0 with 4 components.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x14, 0x08, 0x00,
            0x10, 0x00, 0x10, 0x04,
        ];
        assert_eq!(jpeg_components(&jpeg), Some(4));
        assert!(is_cmyk_jpeg(&jpeg));
        assert_eq!(jpeg_components(b"\x89PNG"), None);
    }
}
