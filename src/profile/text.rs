//! Translatable text and table cells as they are written in a profile's TOML
//! files, with the byte spans that let every later error point at them.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use super::cell::CellShapeError;
use crate::base::units::Unit;

/// A printed word or phrase: either the same in every edition (a name, a
/// German legal term) or one text per language (`{ en = "...", de = "..." }`).
#[derive(Debug, Clone, PartialEq)]
pub struct LocalText {
    pub span: Range<usize>,
    pub content: TextContent,
    /// What the text is in its profile, decided once when the profile is
    /// loaded ([`super::identity`]); unset for a text read on its own.
    pub id: OnceLock<TextId>,
}

/// The identity of a text of the data: the file it is written in (for a
/// text read from a CSV file, the table file that reads it) and its key
/// path there, which names what the text is rather than where it stands:
/// `values.toml` `port.quais.note`, `tables/quais.toml`
/// `rows["Quai sud"].usage.text`. Written as `<file> <path>`, it is the
/// text's `msgctxt` in a PO catalog.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextId {
    /// The file, relative to the profile folder, with `/` between folders.
    pub file: String,
    /// The key path in the file ([`super::identity`] says how it is made).
    pub path: String,
}

impl fmt::Display for TextId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.file, self.path)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TextContent {
    /// Printed as is in every edition.
    Neutral(String),
    /// One text per language code.
    PerLanguage(BTreeMap<String, String>),
}

impl LocalText {
    /// A text read from `span` of its file, its identity not yet decided.
    pub fn new(span: Range<usize>, content: TextContent) -> LocalText {
        LocalText {
            span,
            content,
            id: OnceLock::new(),
        }
    }

    /// The text's identity in its profile (set when the profile is loaded).
    pub fn id(&self) -> Option<&TextId> {
        self.id.get()
    }

    /// The text of one edition; `None` when a translation is missing.
    pub fn get(&self, lang: &str) -> Option<&str> {
        match &self.content {
            TextContent::Neutral(s) => Some(s),
            TextContent::PerLanguage(map) => map.get(lang).map(String::as_str),
        }
    }

    /// Languages this text has; `None` when it is the same in every language.
    pub fn languages(&self) -> Option<Vec<&str>> {
        match &self.content {
            TextContent::Neutral(_) => None,
            TextContent::PerLanguage(map) => Some(map.keys().map(String::as_str).collect()),
        }
    }
}

struct TextContentVisitor;

impl<'de> Visitor<'de> for TextContentVisitor {
    type Value = TextContent;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text: a string, or a table of languages like { en = \"...\" }")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<TextContent, E> {
        Ok(TextContent::Neutral(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextContent, A::Error> {
        let mut texts = BTreeMap::new();
        while let Some(lang) = map.next_key::<String>()? {
            if !crate::base::lang::is_language_code(&lang) {
                return Err(de::Error::custom(format!(
                    "`{lang}` is not a language code (expected a code like `en`, `de`, `fr`, `ar`, or one with a region like `de-CH`){}",
                    crate::base::lang::spelling_hint(&lang)
                )));
            }
            let text: String = map.next_value()?;
            texts.insert(lang, text);
        }
        if texts.is_empty() {
            return Err(de::Error::custom(
                "an empty text table: give at least one language, like { en = \"...\" }",
            ));
        }
        Ok(TextContent::PerLanguage(texts))
    }
}

impl<'de> Deserialize<'de> for LocalText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Content(TextContent);
        impl<'de> Deserialize<'de> for Content {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(TextContentVisitor).map(Content)
            }
        }
        let spanned = Spanned::<Content>::deserialize(deserializer)?;
        let span = spanned.span();
        Ok(LocalText::new(span, spanned.into_inner().0))
    }
}

/// How a value relates to the true figure: `approx. 35,000`, `< 1%`, `> 10,000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    /// Approximately: worded per language ("approx.", "ca.", "env.", "حوالي").
    Approx,
    /// Less than the value.
    Less,
    /// More than the value.
    More,
}

/// One table cell (or one value quoted in prose) as written in TOML; the
/// model's [`Cell`](super::cell::Cell) is decided from it at load.
#[derive(Debug, Clone, PartialEq)]
pub enum WrittenCell {
    /// A plain string: text printed the same in every edition.
    Text(String),
    /// A bare number.
    Number(f64),
    /// The full form, with units, notes, spans and emphasis.
    Detailed(Box<CellSpec>),
}

/// The full form of a cell; see the guide, `docs/src/reference/tables.md`, for each key.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellSpec {
    pub text: Option<LocalText>,
    pub value: Option<f64>,
    pub unit: Option<Unit>,
    pub suffix: Option<LocalText>,
    pub share: Option<f64>,
    /// The upper end of a range that starts at `value`: `2009–2014`.
    pub to: Option<f64>,
    /// `approx`, `less` or `more`.
    pub qualifier: Option<Qualifier>,
    /// The same as `qualifier = "approx"`.
    #[serde(default)]
    pub approx: bool,
    pub note: Option<LocalText>,
    /// Several lines: each a text or a value, formatted like a cell.
    pub lines: Option<Vec<Spanned<WrittenCell>>>,
    #[serde(default)]
    pub missing: bool,
    pub rows: Option<u32>,
    pub cols: Option<u32>,
    #[serde(default)]
    pub strong: bool,
    /// A note on this cell, marked with a letter and printed under the table.
    pub footnote: Option<LocalText>,
    /// How many digits `value` and `to` print after the decimal separator
    /// (`decimals = 1`: `16.0%`); without it, as many as the number is
    /// written with in its TOML or CSV source (`16.0` keeps its zero).
    pub decimals: Option<u8>,
    /// How many digits `share` prints after the decimal separator, when
    /// its source writes zeros at the end (`2.50`); not a key of TOML.
    #[serde(skip)]
    pub share_decimals: Option<u8>,
}

impl WrittenCell {
    /// Rows this cell spans (1 unless `rows` is given).
    pub fn row_span(&self) -> u32 {
        match self {
            WrittenCell::Detailed(spec) => spec.rows.unwrap_or(1),
            _ => 1,
        }
    }

    /// Columns this cell spans (1 unless `cols` is given).
    pub fn col_span(&self) -> u32 {
        match self {
            WrittenCell::Detailed(spec) => spec.cols.unwrap_or(1),
            _ => 1,
        }
    }

    /// What is wrong with the combination of keys, if anything.
    pub fn shape_problem(&self) -> Option<CellShapeError> {
        let WrittenCell::Detailed(spec) = self else {
            return None;
        };
        let kinds = [
            spec.text.is_some(),
            spec.value.is_some(),
            spec.lines.is_some(),
            spec.missing,
        ]
        .iter()
        .filter(|k| **k)
        .count();
        if kinds != 1 {
            return Some(CellShapeError::NotOneForm);
        }
        let number_keys = spec.unit.is_some()
            || spec.suffix.is_some()
            || spec.share.is_some()
            || spec.approx
            || spec.qualifier.is_some()
            || spec.to.is_some()
            || spec.decimals.is_some();
        if number_keys && spec.value.is_none() {
            return Some(CellShapeError::NumberKeysWithoutValue);
        }
        if spec.approx && spec.qualifier.is_some() {
            return Some(CellShapeError::ApproxAndQualifier);
        }
        if let Some(lines) = &spec.lines {
            for line in lines {
                if line.get_ref().row_span() != 1 || line.get_ref().col_span() != 1 {
                    return Some(CellShapeError::SpanningLine);
                }
                if matches!(line.get_ref(), WrittenCell::Detailed(s) if s.lines.is_some()) {
                    return Some(CellShapeError::NestedLines);
                }
                if let Some(problem) = line.get_ref().shape_problem() {
                    return Some(problem);
                }
            }
        }
        if spec.unit.is_some() && spec.suffix.is_some() {
            return Some(CellShapeError::UnitAndSuffix);
        }
        if spec.decimals.is_some_and(|d| d > MAX_DECIMALS) {
            return Some(CellShapeError::TooManyDecimals);
        }
        if spec.rows == Some(0) || spec.cols == Some(0) {
            return Some(CellShapeError::ZeroSpan);
        }
        if [spec.value, spec.share, spec.to]
            .iter()
            .flatten()
            .any(|v| !v.is_finite())
        {
            return Some(CellShapeError::NotFinite);
        }
        if let (Some(from), Some(to)) = (spec.value, spec.to) {
            if to <= from {
                return Some(CellShapeError::RangeDown { from, to });
            }
        }
        None
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = WrittenCell;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "a cell: a string, a number, or a table like { value = 10.1, unit = \"percent\" }",
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<WrittenCell, E> {
        Ok(WrittenCell::Text(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<WrittenCell, E> {
        Ok(WrittenCell::Number(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<WrittenCell, E> {
        Ok(WrittenCell::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<WrittenCell, E> {
        if v.is_finite() {
            Ok(WrittenCell::Number(v))
        } else {
            Err(E::custom("a value must be a finite number"))
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WrittenCell, A::Error> {
        // A table of languages (`{ en = "...", fr = "..." }`) is a text; any
        // other table is the full form of a cell.
        let Some(first) = map.next_key_seed(FirstCellKey)? else {
            return Err(de::Error::custom(
                "an empty cell table: give a `value`, a `text` or `missing = true`",
            ));
        };
        if crate::base::lang::is_language_code(&first) && !CELL_KEYS.contains(&first.as_str()) {
            let mut texts = BTreeMap::new();
            let text: String = map.next_value()?;
            texts.insert(first, text);
            while let Some(lang) = map.next_key::<String>()? {
                if !crate::base::lang::is_language_code(&lang) {
                    return Err(de::Error::custom(format!(
                        "`{lang}` is not a language code (a text table has one string per language, like {{ en = \"...\", fr = \"...\" }}){}",
                        crate::base::lang::spelling_hint(&lang)
                    )));
                }
                let text: String = map.next_value()?;
                texts.insert(lang, text);
            }
            return Ok(WrittenCell::Detailed(Box::new(CellSpec {
                text: Some(LocalText::new(0..0, TextContent::PerLanguage(texts))),
                ..CellSpec::default()
            })));
        }
        let rest = FirstKeyThen {
            first: Some(first),
            rest: map,
        };
        let spec = CellSpec::deserialize(de::value::MapAccessDeserializer::new(rest))?;
        Ok(WrittenCell::Detailed(Box::new(spec)))
    }
}

/// The most digits a value prints after the decimal separator (`decimals`).
pub const MAX_DECIMALS: u8 = 6;

/// The keys of a cell's full form (`{ value = 10.1, unit = "percent" }`),
/// in the order of [`CellSpec`].
const CELL_KEYS: &[&str] = &[
    "text",
    "value",
    "unit",
    "suffix",
    "share",
    "to",
    "qualifier",
    "approx",
    "note",
    "lines",
    "missing",
    "rows",
    "cols",
    "strong",
    "footnote",
    "decimals",
];

/// The key of a cell's full form that `key` is a slip for (`txt` for
/// `text`, `val` for `value`, `row` for `rows`): a key of three letters,
/// which would otherwise read as a language code, one edit away from a cell
/// key or its beginning. Keys of two letters are language codes (`en`).
fn misspelt_cell_key(key: &str) -> Option<&'static str> {
    if key.len() != 3 || CELL_KEYS.contains(&key) {
        return None;
    }
    CELL_KEYS
        .iter()
        .find(|known| known.starts_with(key) || strsim::damerau_levenshtein(key, known) == 1)
        .copied()
}

/// The first key of a cell table, read on its own: a language code or a key
/// of the full form. Any other key is refused while it is read, so the TOML
/// reader places the error at the key, not at the table's `{`.
struct FirstCellKey;

impl<'de> de::DeserializeSeed<'de> for FirstCellKey {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        let key = String::deserialize(deserializer)?;
        if let Some(meant) = misspelt_cell_key(&key) {
            return Err(de::Error::custom(format!(
                "unknown key `{key}`: did you mean `{meant}`? (a text per language is written with language codes, like {{ en = \"...\" }})"
            )));
        }
        if crate::base::lang::is_language_code(&key) || CELL_KEYS.contains(&key.as_str()) {
            Ok(key)
        } else {
            Err(de::Error::unknown_field(&key, CELL_KEYS))
        }
    }
}

/// A map whose first key was already read.
struct FirstKeyThen<A> {
    first: Option<String>,
    rest: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FirstKeyThen<A> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(key) => {
                use de::IntoDeserializer;
                seed.deserialize(key.into_deserializer()).map(Some)
            }
            None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, A::Error> {
        self.rest.next_value_seed(seed)
    }
}

impl<'de> Deserialize<'de> for WrittenCell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Inner(WrittenCell);
        impl<'de> Deserialize<'de> for Inner {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(CellVisitor).map(Inner)
            }
        }
        // The span of a text written as a language table is the cell's.
        let spanned = Spanned::<Inner>::deserialize(deserializer)?;
        let span = spanned.span();
        let mut cell = spanned.into_inner().0;
        if let WrittenCell::Detailed(spec) = &mut cell {
            if let Some(text) = &mut spec.text {
                if text.span == (0..0) {
                    text.span = span;
                }
            }
        }
        Ok(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Doc {
        a: LocalText,
        b: LocalText,
        cells: Vec<Spanned<WrittenCell>>,
    }

    #[test]
    fn texts_and_cells_parse_with_spans() {
        let src = "a = \"Dortmund\"\nb = { en = \"City\", de = \"Stadt\" }\ncells = [1, 2.5, \"x\", { value = 10.1, unit = \"percent\" }]\n";
        let doc: Doc = toml::from_str(src).unwrap();
        assert_eq!(doc.a.get("fr"), Some("Dortmund"));
        assert_eq!(doc.b.get("de"), Some("Stadt"));
        assert_eq!(doc.b.get("fr"), None);
        assert_eq!(
            &src[doc.b.span.clone()],
            "{ en = \"City\", de = \"Stadt\" }"
        );
        assert_eq!(doc.cells[0].get_ref(), &WrittenCell::Number(1.0));
        assert_eq!(doc.cells[2].get_ref(), &WrittenCell::Text("x".into()));
        match doc.cells[3].get_ref() {
            WrittenCell::Detailed(spec) => assert_eq!(spec.unit, Some(Unit::Percent)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn lines_hold_texts_and_values_and_qualified_values_parse() {
        #[derive(Deserialize)]
        struct One {
            cell: Spanned<WrittenCell>,
        }
        let src = "cell = { lines = [12, { value = 450, unit = \"TND\", note = { en = \"a month\" } }, { fr = \"par mois\", ar = \"شهرياً\" }, \"x\"] }\n";
        let one: One = toml::from_str(src).unwrap();
        let WrittenCell::Detailed(spec) = one.cell.get_ref() else {
            panic!("a detailed cell")
        };
        let lines = spec.lines.as_ref().unwrap();
        assert_eq!(lines[0].get_ref(), &WrittenCell::Number(12.0));
        match lines[1].get_ref() {
            WrittenCell::Detailed(v) => {
                assert_eq!(v.unit, Some(Unit::Currency(*b"TND")));
                assert_eq!(v.note.as_ref().unwrap().get("en"), Some("a month"));
            }
            other => panic!("unexpected {other:?}"),
        }
        match lines[2].get_ref() {
            WrittenCell::Detailed(t) => {
                let text = t.text.as_ref().unwrap();
                assert_eq!(text.get("fr"), Some("par mois"));
                // The span of a text written as a language table is its own.
                assert!(
                    src[text.span.clone()].starts_with("{ fr = "),
                    "{:?}",
                    text.span
                );
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(one.cell.get_ref().shape_problem().is_none());

        let src = "cell = { value = 35000, to = 38000, qualifier = \"approx\" }\n";
        let one: One = toml::from_str(src).unwrap();
        let WrittenCell::Detailed(spec) = one.cell.get_ref() else {
            panic!("a detailed cell")
        };
        assert_eq!(spec.qualifier, Some(Qualifier::Approx));
        assert_eq!(spec.to, Some(38000.0));
        let src = "cell = { value = 1, qualifier = \"about\" }\n";
        let err = toml::from_str::<One>(src).err().unwrap();
        assert!(err.message().contains("about"), "{}", err.message());
    }

    #[test]
    fn unknown_cell_key_is_an_error_with_a_span() {
        let src = "a = \"x\"\nb = \"y\"\ncells = [{ valeu = 3 }]\n";
        let err = toml::from_str::<Doc>(src).err().unwrap();
        assert!(err.message().contains("valeu"), "{}", err.message());
        // At the key, not at the table's `{`.
        assert_eq!(err.span(), src.find("valeu").map(|at| at..at + 5));
        // A slip of three letters is not read as a language code.
        let src = "a = \"x\"\nb = \"y\"\ncells = [{ txt = \"Turkey\" }]\n";
        let err = toml::from_str::<Doc>(src).err().unwrap();
        assert!(
            err.message().contains("did you mean `text`"),
            "{}",
            err.message()
        );
        assert_eq!(err.span(), src.find("txt").map(|at| at..at + 3));
        assert_eq!(misspelt_cell_key("val"), Some("value"));
        assert_eq!(misspelt_cell_key("fil"), None);
    }
}
