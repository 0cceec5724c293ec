//! Every character either prints or is refused with its place: before an
//! edition is laid out, every character the profile can print (the strings
//! of its TOML files, the text of the chapters an edition reads, its CSV
//! files) is looked up in the fonts the edition has (the built-in ones and
//! the profile's `fonts/`). A character that no font has would fail the
//! PDF/A export without a location; here it is an error at its file, line
//! and column, with its Unicode name and how to add a font.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser};

use crate::base::diag::{Diagnostic, Diagnostics};
use crate::base::lang::LanguageCode;
use crate::edition::chapters;
use crate::profile::Profile;
use crate::typeset::world::FontLibrary;

/// Whether a character needs no glyph: controls, spaces, and the Unicode
/// default-ignorable code points (direction marks and isolates, joiners,
/// variation selectors, the soft hyphen, the byte-order mark), which
/// Typst's shaping leaves out of the page. The list is Unicode's
/// `Default_Ignorable_Code_Point` (DerivedCoreProperties.txt).
fn needs_no_glyph(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(c as u32,
            0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5
            | 0x180B..=0x180F | 0x200B..=0x200F | 0x202A..=0x202E
            | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF | 0xFFA0
            | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// A character's Unicode name, `U+4E2D CJK UNIFIED IDEOGRAPH-4E2D`.
pub fn describe(c: char) -> String {
    match unicode_names2::name(c) {
        Some(name) => format!("U+{:04X} {name}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// Whether a character can never be printed and must not reach the PDF:
/// the C0 and C1 control characters other than tab, line feed and carriage
/// return (U+0000 NULL, typed as `\u0000` in TOML or left in a CSV by an
/// export, among them), DEL, and Unicode's noncharacters (U+FDD0..U+FDEF and
/// the last two code points of every plane). PDF/A forbids them in text
/// strings; Typst's export fails on them without a place.
pub fn is_unprintable(c: char) -> bool {
    let code = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
}

/// The longest run of characters without a space (or, in a CSV file, a
/// field separator) that a profile may print. No line holds more than about
/// a hundred characters; a longer "word" is a paste gone wrong (a data URI,
/// a file's content), and one of 16,384 characters or more exceeds PDF's
/// limit of 32,767 bytes for one string, so the export fails without a
/// place. Longer runs are refused at their first character.
pub const LONGEST_WORD: usize = 1_000;

/// Checks the characters of source texts: reports the first occurrence of
/// each character that no font has, once per profile.
struct Checker<'a> {
    fonts: &'a FontLibrary,
    font_dir: PathBuf,
    covered: HashSet<char>,
    reported: HashSet<char>,
    diags: Diagnostics,
}

impl Checker<'_> {
    /// Whether no font has a character that needs a glyph.
    fn uncovered(&mut self, c: char) -> bool {
        // The built-in Noto Sans, always present, has every ASCII character.
        if c.is_ascii() || needs_no_glyph(c) || self.covered.contains(&c) {
            return false;
        }
        if self.fonts.covers(c) {
            self.covered.insert(c);
            return false;
        }
        true
    }

    /// Checks the strings of a TOML file, the characters written as escapes
    /// (`\u4E2D`) included, at the escape's place.
    fn check_toml(&mut self, path: &Path, text: &str) {
        let ranges = toml_string_ranges(text);
        for &(start, end) in &ranges {
            let Some(slice) = text.get(start..end) else {
                continue;
            };
            let mut at = 0;
            while let Some(found) = slice[at..].find(['\\']) {
                let escape = at + found;
                let digits = match slice.as_bytes().get(escape + 1) {
                    Some(b'u') => 4,
                    Some(b'U') => 8,
                    _ => {
                        at = escape + 2;
                        continue;
                    }
                };
                let decoded = slice
                    .get(escape + 2..escape + 2 + digits)
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .and_then(char::from_u32);
                if let Some(c) = decoded.filter(|c| is_unprintable(*c)) {
                    self.diags
                        .push(unprintable_error(path, text, start + escape, c));
                } else if let Some(c) = decoded {
                    if self.uncovered(c) && self.reported.insert(c) {
                        self.diags.push(Diagnostic::error_at(
                            path,
                            text,
                            start + escape,
                            format!(
                                "`{c}` cannot be printed: no font of the edition has this character (`{c}` {}). Put a font file that has it (TrueType or OpenType, such as the Noto font of its script) into {} and build again",
                                describe(c),
                                self.font_dir.display()
                            ),
                        ));
                    }
                }
                at = escape + 2;
            }
        }
        self.check_printable(path, text, &ranges, &[], true);
        self.check(path, text, ranges);
    }

    /// Refuses, in the byte ranges of `text` that print, the characters that
    /// can never be printed (each at its place, at most a few per file; not
    /// with `controls` false, for Markdown, whose converter refuses them)
    /// and the runs longer than [`LONGEST_WORD`] without a break: whitespace,
    /// or also one of `separators` (a CSV file's field separators).
    fn check_printable(
        &mut self,
        path: &Path,
        text: &str,
        ranges: &[(usize, usize)],
        separators: &[char],
        controls: bool,
    ) {
        const MOST_PER_FILE: usize = 5;
        let mut unprintable = 0;
        for &(start, end) in ranges {
            let Some(slice) = text.get(start..end) else {
                continue;
            };
            let mut word_start = None;
            let mut word_len = 0;
            for (at, c) in slice.char_indices() {
                if controls && is_unprintable(c) {
                    unprintable += 1;
                    if unprintable <= MOST_PER_FILE {
                        self.diags
                            .push(unprintable_error(path, text, start + at, c));
                    }
                }
                if c.is_whitespace() || separators.contains(&c) {
                    word_start = None;
                    word_len = 0;
                    continue;
                }
                let first = *word_start.get_or_insert(start + at);
                word_len += 1;
                if word_len == LONGEST_WORD + 1 {
                    let length = text[first..]
                        .chars()
                        .take_while(|c| !(c.is_whitespace() || separators.contains(c)))
                        .count();
                    self.diags.push(Diagnostic::error_at(
                        path,
                        text,
                        first,
                        format!(
                            "a word of {length} characters without a space begins here: no line can hold it, and PDF refuses strings that long. Break it with spaces, or shorten it (at most {LONGEST_WORD} characters)"
                        ),
                    ));
                }
            }
        }
    }

    /// Checks the byte ranges of `text` that reach the page. A run of such
    /// characters (a Chinese title) is one error, at its first character.
    fn check(&mut self, path: &Path, text: &str, ranges: impl IntoIterator<Item = (usize, usize)>) {
        for (start, end) in ranges {
            let Some(slice) = text.get(start..end) else {
                continue;
            };
            let mut chars = slice.char_indices().peekable();
            while let Some((at, c)) = chars.next() {
                if !self.uncovered(c) || self.reported.contains(&c) {
                    continue;
                }
                let mut run = vec![c];
                let mut run_end = at + c.len_utf8();
                while let Some(&(next_at, next)) = chars.peek() {
                    if !(self.uncovered(next) || next == ' ') {
                        break;
                    }
                    chars.next();
                    if next != ' ' {
                        run.push(next);
                        run_end = next_at + next.len_utf8();
                    }
                }
                let mut missing: Vec<char> = Vec::new();
                for c in run {
                    if !missing.contains(&c) {
                        missing.push(c);
                    }
                    self.reported.insert(c);
                }
                let mut names: Vec<String> = missing
                    .iter()
                    .take(3)
                    .map(|c| format!("`{c}` {}", describe(*c)))
                    .collect();
                if missing.len() > 3 {
                    names.push(format!("and {} more", missing.len() - 3));
                }
                self.diags.push(Diagnostic::error_at(
                    path,
                    text,
                    start + at,
                    format!(
                        "`{}` cannot be printed: no font of the edition has {} ({}). Put a font file that has {} (TrueType or OpenType, such as the Noto font of its script) into {} and build again",
                        &slice[at..run_end],
                        if missing.len() == 1 { "this character" } else { "these characters" },
                        names.join(", "),
                        if missing.len() == 1 { "it" } else { "them" },
                        self.font_dir.display()
                    ),
                ));
            }
        }
    }
}

/// The error for a character that can never be printed, at its place.
fn unprintable_error(path: &Path, text: &str, at: usize, c: char) -> Diagnostic {
    Diagnostic::error_at(
        path,
        text,
        at,
        format!(
            "{} is a control character that cannot be printed (PDF refuses it): remove it; such characters are often left by a copy from another program or an export",
            describe(c)
        ),
    )
}

/// Checks every character the given editions can print against their
/// fonts. Each character that no font has is reported once, at its first
/// occurrence.
pub fn check_profile(
    profile: &Profile,
    languages: &[LanguageCode],
    fonts: &FontLibrary,
) -> Diagnostics {
    let mut checker = Checker {
        fonts,
        font_dir: profile.dir.join("fonts"),
        covered: HashSet::new(),
        reported: HashSet::new(),
        diags: Diagnostics::new(),
    };
    let mut toml_files: Vec<(&Path, &str)> =
        vec![(&profile.meta.file.path, &profile.meta.file.text)];
    if let Some(values) = &profile.values {
        toml_files.push((&values.file.path, &values.file.text));
    }
    for table in profile.tables.values() {
        toml_files.push((&table.file.path, &table.file.text));
    }
    for figure in profile.figures.values() {
        toml_files.push((&figure.file.path, &figure.file.text));
    }
    for (path, text) in toml_files {
        checker.check_toml(path, text);
    }
    let mut overrides = Vec::new();
    for lang in languages {
        let path = profile.dir.join("strings").join(format!("{lang}.toml"));
        if let Ok(text) = profile.sources.read_text(&path) {
            overrides.push((path, text));
        }
    }
    for (path, text) in &overrides {
        checker.check_toml(path, text);
    }
    for table in profile.tables.values() {
        if let Some(csv) = &table.value.csv {
            let path = profile.dir.join(csv.get_ref().file.get_ref());
            if let Ok(text) = profile.sources.read_text(&path) {
                checker.check_printable(
                    &path,
                    &text,
                    &[(0, text.len())],
                    &[',', ';', '\t', '|'],
                    true,
                );
                checker.check(&path, &text, [(0, text.len())]);
            }
        }
    }
    let mut chapters_seen = HashSet::new();
    for lang in languages {
        let lang = profile.chapter_language(lang);
        for chapter in &profile.meta.value.chapters {
            // The text the edition prints (its translation, a PO fallback
            // or the source language's text), picked as the edition picks
            // it. Problems and gaps are reported by the edition itself.
            let mut reported_by_edition = Diagnostics::new();
            let name = chapter.file.get_ref();
            let Some(text) = chapters::select(profile, &lang, name, &mut reported_by_edition)
            else {
                continue;
            };
            let file = text.file;
            if chapters_seen.insert(file.path.clone()) {
                checker.check_printable(
                    &file.path,
                    &file.text,
                    &[(0, file.text.len())],
                    &[],
                    false,
                );
                checker.check(&file.path, &file.text, markdown_printed_ranges(&file.text));
            }
        }
    }
    checker.diags
}

/// The byte ranges of a Markdown text that print: its text and code, not
/// link destinations, footnote labels or the blanked front matter.
fn markdown_printed_ranges(text: &str) -> Vec<(usize, usize)> {
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(text, options)
        .into_offset_iter()
        .filter(|(event, _)| {
            matches!(
                event,
                Event::Text(_) | Event::Code(_) | Event::Html(_) | Event::InlineHtml(_)
            )
        })
        .map(|(_, range)| (range.start, range.end))
        .collect()
}

/// The byte ranges of a TOML text inside its strings (basic and literal,
/// one-line and multi-line): keys outside quotes and comments never print.
fn toml_string_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            quote @ (b'"' | b'\'') => {
                let triple = bytes[i..].starts_with(if quote == b'"' { b"\"\"\"" } else { b"'''" });
                let open = if triple { 3 } else { 1 };
                let start = i + open;
                let mut j = start;
                while j < bytes.len() {
                    if quote == b'"' && bytes[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if bytes[j] == quote
                        && (!triple || bytes[j..].starts_with(&[quote, quote, quote]))
                    {
                        break;
                    }
                    if !triple && bytes[j] == b'\n' {
                        break;
                    }
                    j += 1;
                }
                let end = j.min(bytes.len());
                ranges.push((start, end));
                i = end + open;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    ranges
}

/// The position of the first character of `text` no font has, if any: for
/// texts that are not read from a file (tests, generated strings).
pub fn first_uncovered(text: &str, fonts: &FontLibrary) -> Option<char> {
    text.chars()
        .find(|c| !needs_no_glyph(*c) && !fonts.covers(*c))
}

/// The most pixels a raster image may have (64 megapixels: 256 MiB
/// decoded, what the largest cameras take; a full A4 page at 300 dpi is
/// under 9). A header that claims more is refused before decoding, so that
/// a damaged or hostile file of a few hundred bytes cannot make the program
/// allocate gigabytes.
const MOST_PIXELS: u64 = 64_000_000;

/// Decodes every raster image the profile names with Typst's own decoder
/// (the one the layout uses, whose results it then reuses), so that a
/// damaged PNG or JPEG is an error at the line that names it rather than a
/// layout error inside the template.
pub(super) fn check_raster_images(profile: &Profile) -> Vec<Diagnostic> {
    use typst::visualize::{ExchangeFormat, RasterImage};
    let mut problems = Vec::new();
    for origin in super::image_origins(profile) {
        let extension = origin
            .image
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let format = match extension.as_deref() {
            Some("png") => ExchangeFormat::Png,
            Some("jpg" | "jpeg") => ExchangeFormat::Jpg,
            Some("svg") => {
                problems.extend(empty_svg_references(profile, &origin.image));
                continue;
            }
            _ => continue,
        };
        // Unreadable files are reported when the profile is loaded.
        let Ok(bytes) = profile.sources.read(&origin.image) else {
            continue;
        };
        // The header's dimensions first: decoding allocates for every
        // pixel the header claims, true or not.
        // A header imagesize cannot read is left to the decoder, which says
        // what is wrong with it.
        if let Ok(size) = imagesize::blob_size(bytes.as_slice()) {
            let pixels = size.width as u64 * size.height as u64;
            if pixels > MOST_PIXELS {
                problems.push(Diagnostic::error(
                    &origin.file,
                    Some(origin.position),
                    format!(
                        "the image {} is {} × {} pixels ({} megapixels); at most {} megapixels are taken. Scale it down: a full page at 300 dpi needs about 2,500 × 3,500 pixels",
                        origin.image.display(),
                        size.width,
                        size.height,
                        pixels / 1_000_000,
                        MOST_PIXELS / 1_000_000
                    ),
                ));
                continue;
            }
        }
        let cmyk = crate::base::pictures::is_cmyk_jpeg(&bytes);
        if let Err(message) = RasterImage::plain(bytes, format) {
            problems.push(Diagnostic::error(
                &origin.file,
                Some(origin.position),
                format!(
                    "the image {} cannot be decoded: {message}",
                    origin.image.display()
                ),
            ));
        } else if cmyk {
            problems.push(Diagnostic::warning(
                &origin.file,
                Some(origin.position),
                format!(
                    "the image {} is a CMYK JPEG: the editions print it converted to sRGB (their colour space), and its colours may shift a little. For exact colours, save it as an sRGB JPEG",
                    origin.image.display()
                ),
            ));
        }
    }
    problems
}

/// A warning at each empty `href` of an SVG picture, which the editions
/// leave out ([`crate::base::pictures`]).
fn empty_svg_references(profile: &Profile, svg: &Path) -> Vec<Diagnostic> {
    let Ok(text) = profile.sources.read_text(svg) else {
        return Vec::new();
    };
    crate::base::pictures::empty_svg_references(&text)
        .into_iter()
        .map(|range| {
            let written = &text[range.clone()];
            let at = range.start + written.len() - written.trim_start().len();
            Diagnostic::warning_at(
                svg,
                &text,
                at,
                "this picture reference is empty (a drawing program leaves `href=\"\"` when a linked picture is removed): it draws nothing and is left out; delete the `<image>` element to silence this",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_found_and_comments_skipped() {
        let text = "# 中 comment\nkey = \"a中b\" # 中\nother = 'x'\nmulti = \"\"\"\nlong\"\"\"\n";
        let ranges = toml_string_ranges(text);
        let strings: Vec<&str> = ranges.iter().map(|(s, e)| &text[*s..*e]).collect();
        assert_eq!(strings, vec!["a中b", "x", "\nlong"]);
    }

    #[test]
    fn characters_written_as_escapes_are_checked_at_the_escape() {
        let mut checker = Checker {
            fonts: crate::typeset::world::builtin_fonts(),
            font_dir: PathBuf::from("p/fonts"),
            covered: HashSet::new(),
            reported: HashSet::new(),
            diags: Diagnostics::new(),
        };
        checker.check_toml(Path::new("t.toml"), "a = \"x \\u4E2D \\u00e9\"\n");
        let messages: Vec<String> = checker.diags.errors().map(|d| d.to_string()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].starts_with("error: t.toml:1:8: `中` cannot be printed"),
            "{messages:?}"
        );
    }

    #[test]
    fn names_come_from_unicode() {
        assert_eq!(describe('中'), "U+4E2D CJK UNIFIED IDEOGRAPH-4E2D");
        assert_eq!(describe('✓'), "U+2713 CHECK MARK");
    }

    #[test]
    fn built_in_fonts_cover_the_scripts_of_the_region() {
        let fonts = crate::typeset::world::builtin_fonts();
        for text in [
            "Dortmund Hà Nội Ḥasan al-Ṣafāʾ",
            "الهجرة",
            "עברית",
            "ግዕዝ",
            "Հայերեն",
            "ქართული",
            "✓ ≥ → ∑",
        ] {
            assert_eq!(first_uncovered(text, fonts), None, "{text}");
        }
        assert_eq!(first_uncovered("上海", fonts), Some('上'));
    }
}
