//! The shapes of a profile's TOML files (`profile.toml`, `values.toml`,
//! `tables/*.toml`, `figures/*.toml`), deserialized strictly: an unknown key is
//! an error, not a silent default.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::text::{LocalText, WrittenCell};

/// `profile.toml`: who, what, when, in which languages, in which order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    /// Short identifier used in output file names (`dortmund` -> `dortmund-en.pdf`).
    pub id: Spanned<String>,
    pub city: LocalText,
    pub country: LocalText,
    /// Full title, e.g. "City Migration Profile of Dortmund".
    pub title: LocalText,
    /// Title in the running footer.
    pub short_title: LocalText,
    /// Publication date: the document's date, printed on the back cover.
    pub date: Spanned<toml::value::Datetime>,
    /// Editions this profile declares, e.g. `["en", "de", "fr", "ar"]`.
    pub languages: Spanned<Vec<Spanned<String>>>,
    /// The language the chapters are written in and translated from
    /// (default: the first of `languages`).
    pub source_language: Option<Spanned<String>>,
    /// Digits per language, as CLDR numbering systems: `{ ar = "arab" }` for
    /// Arabic-Indic digits, `{ ar = "latn" }` for 0-9.
    #[serde(default)]
    pub digits: std::collections::BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub authors: Vec<Author>,
    pub chapters: Vec<ChapterEntry>,
    pub theme: Theme,
    #[serde(default)]
    pub funders: Vec<Funder>,
    /// `funded_by_eu = true`: the European Union is a funder; the cover and
    /// the imprint print the EU emblem with "Funded by the European Union"
    /// in the edition's language (the layout string `funded_by_eu`).
    #[serde(default)]
    pub funded_by_eu: bool,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub components: Vec<Component>,
    #[serde(default)]
    pub links: Vec<LinkEntry>,
    pub back_cover: BackCover,
    /// A picture on the cover.
    pub cover: Option<CoverSpec>,
    /// `[imprint]`: what the page facing the contents says besides the
    /// partners, funders, author and date.
    pub imprint: Option<Imprint>,
    /// Words never hyphenated, such as proper names (`["Nordstadt"]`); the
    /// city's name is always one of them.
    #[serde(default)]
    pub no_hyphenation: Vec<LocalText>,
    /// The language of the texts written once for every edition (names,
    /// German terms, legal paragraphs): their words are hyphenated by its
    /// rules in every edition (default: the edition's language).
    pub neutral_language: Option<Spanned<String>>,
    /// `[check]`: what `check` is told about the profile's texts.
    #[serde(default)]
    pub check: CheckSettings,
    /// `[[blank_pages]]`: what the pages left blank before a chapter opener
    /// or the back cover show instead, in turn (default: they stay blank).
    #[serde(default)]
    pub blank_pages: Vec<Spanned<PageFill>>,
}

/// One `[[blank_pages]]` entry of profile.toml: what a page that would be
/// left blank before a chapter opener or the back cover shows. Exactly one
/// of `key_figures`, `photo` and `quotation` (the profile's checks refuse
/// an entry with none or several).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFill {
    /// A heading over the page ("Dortmund in figures").
    pub title: Option<LocalText>,
    /// A key-figures panel: values of `values.toml`, each with its label.
    #[serde(default)]
    pub key_figures: Vec<KeyFigure>,
    /// A full-page photo: an image file of the profile folder (PNG, JPEG or
    /// SVG), scaled to fill the text block and cropped to it.
    pub photo: Option<Spanned<String>>,
    /// A line under the photo (what it shows, its credit).
    pub caption: Option<LocalText>,
    /// A quotation, set large.
    pub quotation: Option<LocalText>,
    /// Who is quoted, under the quotation.
    pub by: Option<LocalText>,
}

/// A key figure of a `[[blank_pages]]` panel.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    /// The value as `values.toml` names it: `group.name` (printed in the
    /// edition's number format, with its unit).
    pub value: Spanned<String>,
    /// What the value counts, under it ("inhabitants, 2019").
    pub label: LocalText,
}

/// `[check]` of profile.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSettings {
    /// Numbers the texts write by hand on purpose, though they equal a
    /// value of the data: each a number as the text writes it
    /// (`"603,600"`) or a TOML number (`603600`, any writing). Read by
    /// [`super::literal_numbers`].
    #[serde(default)]
    pub literal_numbers: Vec<Spanned<toml::Value>>,
}

/// `[imprint]`: the publisher, the funders' disclaimer, the licence and the
/// ISBN, each printed on the imprint page when given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Imprint {
    pub publisher: Option<LocalText>,
    /// The funders' disclaimer, in the words they require.
    pub disclaimer: Option<LocalText>,
    /// The licence, e.g. "CC BY 4.0".
    pub licence: Option<LocalText>,
    /// The ISBN (ISBN-13 or ISBN-10, with or without hyphens).
    pub isbn: Option<Spanned<String>>,
}

/// `[cover]`: a picture under the title block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverSpec {
    /// An image file in the profile folder (PNG, JPEG or SVG).
    pub image: Spanned<String>,
    /// What the picture shows, for screen readers.
    pub alt: LocalText,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: String,
    /// One sentence about the author, printed under "Drafted by".
    pub about: LocalText,
}

/// One chapter, in reading order: its Markdown file is `text/<lang>/<file>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterEntry {
    pub file: Spanned<String>,
    #[serde(default)]
    pub style: ChapterStyle,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChapterStyle {
    /// Running text.
    #[default]
    Text,
    /// A reference list: paragraphs with hanging indents.
    References,
}

/// Colours of the edition, as `#rrggbb`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Openers, headings, table heads.
    pub primary: Spanned<String>,
    /// Rules, icons, highlights.
    pub accent: Spanned<String>,
    /// The family of the text font, from the built-in fonts or the profile's
    /// own `fonts/` folder (default: Noto Sans, with Noto Sans Arabic).
    pub font: Option<Spanned<String>>,
    /// What bold and italic text prints in when the `font` family has no
    /// such face (default: its regular face, with a warning).
    #[serde(default)]
    pub missing_faces: MissingFaces,
    /// The print edition's bleed around every page, in millimetres
    /// (default 3).
    pub bleed: Option<Spanned<f64>>,
    /// Whether the print edition has crop marks (outside the bleed;
    /// default: yes, `crop_marks = false` leaves them out).
    #[serde(default = "crop_marks_by_default")]
    pub crop_marks: bool,
    /// The print edition's page count is padded with blank pages before
    /// the back cover to a multiple of this number (an even number from 2
    /// to 64, such as 4 for a saddle-stitched booklet; default: no padding).
    pub page_multiple: Option<Spanned<i64>>,
    /// Where a chapter's opener goes: on the next even (left-hand) page
    /// (the default), or on the next page whatever its side.
    #[serde(default)]
    pub openers: Openers,
}

/// Where chapter openers go, `openers` in the theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum Openers {
    /// `"even page"`: on the next even (left-hand) page, with the text of
    /// the chapter on the facing odd page; a blank page is left before an
    /// opener when the chapter before ends on an even page.
    #[default]
    #[serde(rename = "even page")]
    EvenPage,
    /// `"any page"`: on the next page, so that no blank page is left
    /// before an opener.
    #[serde(rename = "any page")]
    AnyPage,
}

/// What text in a weight or style the theme's font family lacks prints in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissingFaces {
    /// The family's regular face (Typst draws no bold or slant itself); a
    /// warning names the missing faces.
    #[default]
    Regular,
    /// The built-in Noto Sans face of that weight and style.
    BuiltIn,
}

/// The print edition has crop marks unless the theme turns them off.
fn crop_marks_by_default() -> bool {
    true
}

/// A funder mark on the cover, set in type: "Funded by / the European Union".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funder {
    pub label: LocalText,
    pub lines: Vec<LocalText>,
    pub detail: Option<LocalText>,
    /// A logo image in the profile folder, printed instead of the lines.
    pub logo: Option<Spanned<String>>,
}

/// A partner mark on the cover: a short name in large type and a line below.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub name: LocalText,
    pub lines: Vec<LocalText>,
    /// A logo image in the profile folder, printed instead of the name.
    pub logo: Option<Spanned<String>>,
}

/// One of the project's component boxes (DIALOGUE, KNOWLEDGE, ACTION).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub icon: Icon,
    pub title: LocalText,
    pub text: LocalText,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Icon {
    Dialogue,
    Knowledge,
    Action,
    Web,
    Social,
    Facebook,
}

/// An entry of the "More information at:" list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkEntry {
    pub icon: Icon,
    pub label: LocalText,
    pub url: String,
}

/// The back cover: contact lines and postal addresses.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackCover {
    pub contact: Vec<String>,
    #[serde(default)]
    pub addresses: Vec<Address>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub name: LocalText,
    pub lines: Vec<LocalText>,
}

/// The values of `values.toml` in the model's form, by group and name.
pub type Values = BTreeMap<String, BTreeMap<String, Spanned<super::cell::Cell>>>;

/// How a table or figure is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Numbering {
    /// "Table N:"
    Table,
    /// "Fig. N:"
    #[default]
    Figure,
    /// No number; the caption (if any) is printed as a title.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    #[default]
    Table,
    /// A list of items in columns.
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    #[default]
    Start,
    End,
    Center,
}

/// `tables/<id>.toml`: a table (or list) as data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    #[serde(default)]
    pub kind: TableKind,
    pub number: Spanned<Numbering>,
    pub caption: Option<LocalText>,
    pub source: Option<LocalText>,
    pub footnote: Option<LocalText>,
    #[serde(default = "no_columns")]
    pub columns: Spanned<Vec<ColumnSpec>>,
    #[serde(default)]
    pub head: Vec<Spanned<Vec<Spanned<WrittenCell>>>>,
    #[serde(default)]
    pub rows: Vec<Spanned<RowSpec>>,
    pub list_columns: Option<Spanned<u32>>,
    #[serde(default)]
    pub items: Vec<LocalText>,
    /// Rows read from a CSV file, after the rows written here.
    pub csv: Option<Spanned<super::csv_data::CsvSource>>,
}

fn no_columns() -> Spanned<Vec<ColumnSpec>> {
    Spanned::new(0..0, Vec::new())
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub id: Option<String>,
    pub width: Option<f64>,
    #[serde(default)]
    pub align: Align,
}

/// A table row as written: data cells, a group band, or a header row inside
/// the table (the model's [`super::Row`] holds exactly one of them).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    pub id: Option<String>,
    pub cells: Option<Vec<Spanned<WrittenCell>>>,
    pub group: Option<LocalText>,
    pub head: Option<Vec<Spanned<WrittenCell>>>,
    /// A note on the row: on a group band, or on a row's label (its first
    /// cell); printed under the table.
    pub footnote: Option<LocalText>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Chart,
    Photo,
    Map,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureStatus {
    /// The source lost this figure's content: a "not available" frame is printed.
    Unavailable,
    /// A placeholder of a new profile: a "to do" frame is printed.
    Todo,
}

/// `figures/<id>.toml`: a figure that is not a plain table: a chart drawn
/// from a table, or a figure whose content is not available.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureFile {
    pub kind: FigureKind,
    /// "figure" (default) numbers it "Fig. N:", "none" leaves it unnumbered.
    pub number: Option<Spanned<Numbering>>,
    pub status: Option<Spanned<FigureStatus>>,
    pub caption: LocalText,
    pub source: Option<LocalText>,
    pub footnote: Option<LocalText>,
    /// One sentence that says what the figure shows, for screen readers.
    pub alt: Option<LocalText>,
    /// Notes printed under the figure.
    pub note: Option<LocalText>,
    pub chart: Option<Spanned<ChartSpec>>,
    /// A photo, map or chart as an image file in the profile folder.
    pub image: Option<Spanned<String>>,
}

impl FigureFile {
    pub fn numbering(&self) -> Numbering {
        self.number
            .as_ref()
            .map_or(Numbering::Figure, |n| *n.get_ref())
    }
}

/// What a chart draws, from which table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    #[serde(rename = "type")]
    pub kind: Spanned<crate::chart::ChartKind>,
    /// The table whose rows are the chart's categories.
    pub table: Spanned<String>,
    /// The column (id) whose cells label the categories.
    pub labels: Option<Spanned<String>>,
    /// Labels to print instead of the label column's text, one per category.
    pub category_labels: Option<Spanned<Vec<LocalText>>>,
    /// Row ids to draw, in order (default: every data row).
    pub rows: Option<Spanned<Vec<String>>>,
    pub series: Spanned<Vec<SeriesSpec>>,
    /// How values and ticks are written.
    pub unit: Option<crate::base::units::Unit>,
    /// Print each value on its bar.
    #[serde(default)]
    pub value_labels: bool,
    pub value_title: Option<LocalText>,
    pub category_title: Option<LocalText>,
    /// Also print the table under the chart, with the numbers.
    #[serde(default)]
    pub with_table: bool,
}

/// One series of a chart: a column of the table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesSpec {
    pub column: Spanned<String>,
    /// `value` (default) or `share` (the share printed beside a count).
    #[serde(default)]
    pub field: SeriesField,
    /// Name in the legend (needed when there are several series).
    pub label: Option<LocalText>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeriesField {
    #[default]
    Value,
    Share,
}
