//! The words that make a paragraph next to a pipe table its caption:
//! `Table:` and the caption word of every language the profile declares, as
//! that language writes it (`Tabelle:`, `Tableau :` with the French space
//! before the colon, `جدول:`). The Markdown conversion ([`super::tables`])
//! and the translation segments (`src/translate/po/segment.rs`) read a
//! caption with the same words.

/// The caption words of a profile (the layout string `table_caption` of
/// each declared language, [`crate::profile::strings::table_caption_words`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptionWords {
    /// Longest first, so that a word that begins another (`Tab`, `Tabelle`)
    /// does not take its place.
    words: Vec<String>,
}

/// The colons a caption word may end with: the ASCII colon (which Arabic
/// writes too: Unicode has no Arabic colon of its own) and the fullwidth
/// colon of East Asian text.
const COLONS: &[char] = &[':', '\u{ff1a}'];

/// The spaces a caption word may have before its colon: a space, a no-break
/// space and the narrow no-break space French typography puts there.
const SPACES_BEFORE_COLON: &[char] = &[' ', '\u{a0}', '\u{202f}'];

impl CaptionWords {
    /// The caption words `words` (empty words are left out); `Table` is
    /// always one of them.
    pub fn new<I: IntoIterator<Item = String>>(words: I) -> Self {
        let mut all: Vec<String> = vec!["Table".to_string()];
        for word in words {
            let word = word.trim().to_string();
            if !word.is_empty() && !all.contains(&word) {
                all.push(word);
            }
        }
        all.sort_by_key(|w| std::cmp::Reverse(w.len()));
        CaptionWords { words: all }
    }

    /// `Table` alone: what a chapter is read with when the profile's words
    /// are not at hand.
    pub fn english() -> Self {
        CaptionWords::new(Vec::new())
    }

    /// The byte length of the caption word that opens `text` with its
    /// colon and the spaces after it (`Tableau : ` is 10 bytes), if `text`
    /// opens with one.
    pub fn prefix_len(&self, text: &str) -> Option<usize> {
        self.words.iter().find_map(|word| {
            let rest = text.strip_prefix(word.as_str())?;
            let rest = rest.trim_start_matches(SPACES_BEFORE_COLON);
            let rest = rest.strip_prefix(COLONS)?;
            let after = rest.trim_start();
            Some(text.len() - after.len())
        })
    }

    /// The caption word with its colon that opens `text`, as written
    /// (`Tableau :`), if `text` opens with one.
    pub fn written_prefix<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.prefix_len(text).map(|n| text[..n].trim_end())
    }
}

impl Default for CaptionWords {
    fn default() -> Self {
        CaptionWords::english()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> CaptionWords {
        CaptionWords::new(["Tabelle", "Tableau", "جدول", ""].map(String::from))
    }

    #[test]
    fn a_caption_opens_with_the_word_of_a_declared_language() {
        let w = words();
        assert_eq!(w.prefix_len("Table: Cities"), Some(7));
        assert_eq!(w.prefix_len("Tabelle: Städte"), Some(9));
        assert_eq!(w.prefix_len("Tableau : Villes"), Some(10));
        assert_eq!(w.prefix_len("Tableau\u{202f}: Villes"), Some(12));
        assert_eq!(w.prefix_len("جدول: المدن"), Some("جدول: ".len()));
        assert_eq!(w.prefix_len("Table\u{ff1a}x"), Some(8));
        assert_eq!(w.written_prefix("Tableau : Villes"), Some("Tableau :"));
    }

    #[test]
    fn other_words_and_words_without_a_colon_open_no_caption() {
        let w = words();
        assert_eq!(w.prefix_len("Tabla: Ciudades"), None);
        assert_eq!(w.prefix_len("Tabelle Städte"), None);
        assert_eq!(w.prefix_len("Tables: many"), None);
        assert_eq!(w.prefix_len("table: lower case"), None);
        assert_eq!(CaptionWords::english().prefix_len("Tabelle: Städte"), None);
    }
}
