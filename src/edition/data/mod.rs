//! `edition.json`, typed: everything the templates print for one edition,
//! every text in the edition's language and every number formatted. The
//! templates read it as `edition` (`templates/components/base.typ`); these
//! structs are the contract with them, and each field says what the
//! templates do with it. Lengths are in millimetres (`_mm`) or points
//! (chart geometry), as each field says.
//!
//! One-of values are enums serialised to the strings the templates compare
//! (`f.status == "chart"`, `edition.dir == "rtl"`): [`Direction`],
//! [`FigureStatus`], and the profile's own `Numbering`, `ChapterStyle`,
//! `FigureKind`, `Icon`, `Align` and the translation's `ChapterState`.
//!
//! [`EditionData::new`] fills it from the profile ([`new`], tables in
//! [`tables`]); [`EditionData::to_json`] writes the file.

mod new;
pub mod tables;

use serde::Serialize;
use std::collections::BTreeMap;

use crate::base::bidi::Direction;
use crate::base::lang::LanguageCode;
use crate::chart::Label;
use crate::profile::strings::UiStrings;
use crate::profile::{ChapterStyle, FigureKind, Icon, Numbering};
use crate::translate::state::ChapterState;

pub use tables::{CellData, ColumnData, RowData, TableBody, TableData};

/// The edition's data, as the templates read it from `/edition.json`.
#[derive(Debug, Clone, Serialize)]
pub struct EditionData {
    /// The edition's language (BCP 47): the document's text language (its
    /// hyphenation, quotes, and the chapters printed in another language
    /// compare theirs to it).
    pub lang: String,
    /// The edition's direction: `rtl` sets the document right to left and
    /// puts the Arabic font before the Latin one.
    pub dir: Direction,
    /// The words of the layout in the edition's language (captions'
    /// "Table"/"Fig.", "Source", "Contents", the "not available" and
    /// translation notes, separators); each template reads its own.
    pub strings: UiStrings,
    /// The profile's title, city, date and authors.
    pub meta: Meta,
    /// Colours and the text font.
    pub theme: Theme,
    /// The print version's settings. Absent from the screen edition's file
    /// (not `null`): the templates read it with `edition.at("print",
    /// default: none)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub print: Option<PrintSettings>,
    /// Funder marks at the top of the cover, and entries of the imprint.
    pub funders: Vec<Funder>,
    /// The EU emblem as an SVG document (blue rectangle 3:2, twelve gold
    /// stars; [`crate::edition::emblem`]) when the profile says
    /// `funded_by_eu = true`, printed first among the funders on the cover
    /// and in the imprint with the layout string `funded_by_eu`; else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eu_emblem: Option<String>,
    /// Partner marks at the foot of the cover, and the imprint's "in
    /// partnership with" entry.
    pub partners: Vec<Partner>,
    /// The cover picture under the title block; `null` for none (the title
    /// block is then taller).
    pub cover_image: Option<CoverImage>,
    /// The component boxes `{{components}}` places, side by side.
    pub components: Vec<ComponentBox>,
    /// The "More information at:" list `{{links}}` places.
    pub links: Vec<LinkEntry>,
    /// The back cover's contact lines and addresses.
    pub back_cover: BackCover,
    /// The imprint's own entries; `null` when profile.toml has no
    /// `[imprint]` (the imprint then prints the other entries only).
    pub imprint: Option<Imprint>,
    /// What the pages left blank before a chapter opener or the back cover
    /// show, in turn (`[[blank_pages]]`); empty: they stay blank. Not in
    /// `edition.json` but in a file of its own, `blank-pages.json`, which
    /// only the page background reads: its key figures change with the data,
    /// and a change to `edition.json` makes Typst lay every page out again
    /// (a `watch` rebuild).
    #[serde(skip)]
    pub blank_pages: Vec<PageFill>,
    /// Words never hyphenated anywhere in the edition (the city's name in
    /// every language, and the profile's list), sorted, without duplicates.
    pub no_hyphenation: Vec<String>,
    /// The language that hyphenates texts written once for every edition
    /// (neutral table cells and list items) when it is not the edition's;
    /// `null` to hyphenate them in the edition's language.
    pub neutral_language: Option<String>,
    /// The chapters in order: `#chapter(index)` in main.typ reads entry
    /// `index`.
    pub chapters: Vec<ChapterInfo>,
    /// Every table and list by id: `#data-table(id)`, and the table printed
    /// under a chart.
    pub tables: BTreeMap<String, TableData>,
    /// Every figure by id: `#data-figure(id)`.
    pub figures: BTreeMap<String, FigureData>,
}

impl EditionData {
    /// The data as the text of `edition.json`: pretty-printed, the keys of
    /// every object in alphabetical order.
    ///
    /// The data goes through a `serde_json::Value` first. serde_json is
    /// built without its `preserve_order` feature, so a `Value`'s objects
    /// are sorted maps: the file's keys come out sorted at every level,
    /// the objects other stages serialise (chart labels, layout strings)
    /// included, whatever order their fields are declared in. Sorted keys
    /// keep the file (and the PDFs made from it) the same from one version
    /// of these structs to the next; a test checks the order.
    ///
    /// Errors: none for this data (every map has string keys); the `Result`
    /// is serde_json's.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(&serde_json::to_value(self)?)
    }
}

/// A text as the edition prints it, with what the templates need to set it
/// in its own language and direction: `{"text": …, "lang": "fr", "dir":
/// "ltr", "id": "values.toml port.note"}`. Every text of the data is one
/// (captions, sources, notes, alternative texts, list items, group bands,
/// cover and imprint texts); a table cell carries its `lang` and `dir`
/// beside its formatted `lines`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    /// The words, references resolved and numbers formatted; in a
    /// right-to-left edition with its left-to-right parts isolated.
    pub text: String,
    /// The language the words are in: the edition's, the source
    /// language's while the text's translation is missing or outdated, or
    /// the profile's `neutral_language` for a text written once for every
    /// edition (the edition's without one).
    pub lang: LanguageCode,
    /// The direction of the words: their language's, or for a text written
    /// once for every edition, that of its letters.
    pub dir: Direction,
    /// What the text is in the profile (`values.toml port.quais.note`, the
    /// `msgctxt` of its PO entry); `null` for a text written as a plain
    /// string (an author's name, a contact line).
    pub id: Option<String>,
}

/// The print version's page set-up, which `templates/components/page.typ`
/// reads.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PrintSettings {
    /// The bleed around every page, in millimetres: the page grows by it on
    /// every side and colour areas run into it.
    pub bleed_mm: f64,
    /// Whether crop marks are drawn outside the bleed (9 mm of room is
    /// added around the bleed for them).
    pub crop_marks: bool,
    /// The page count is padded with blank pages before the back cover to
    /// a multiple of this (1: no padding); checked even and at most 64.
    pub page_multiple: i64,
}

/// What a figure prints in its frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureStatus {
    /// Its chart (`chart`), and the table under it when `table` is set.
    Chart,
    /// Its picture (`image`), scaled to fit the page.
    Image,
    /// A "to do" frame: a placeholder of a new profile.
    Todo,
    /// A "not available" frame naming what is missing (data, image or map,
    /// by the figure's `kind`).
    Unavailable,
}

/// How a table or figure is numbered, as the templates compare it:
/// `table` ("Table N:"), `figure` ("Fig. N:"), `none` (the caption is a
/// title).
#[derive(Serialize)]
#[serde(remote = "Numbering", rename_all = "lowercase")]
enum NumberingName {
    Table,
    Figure,
    None,
}

/// A chapter's style, as the templates compare it: `text` or `references`
/// (paragraphs with hanging indents, smaller, not justified).
#[derive(Serialize)]
#[serde(remote = "ChapterStyle", rename_all = "lowercase")]
enum ChapterStyleName {
    Text,
    References,
}

/// A chapter's translation state, as the templates compare it: `complete`,
/// `outdated` (a note says the source changed since) or `missing` (a note
/// says the source language's text is printed).
#[derive(Serialize)]
#[serde(remote = "ChapterState", rename_all = "lowercase")]
enum ChapterStateName {
    Complete,
    Outdated,
    Missing,
}

/// The profile's title, city, date and authors.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The profile's id (the PDFs' names start with it).
    pub id: String,
    /// Set large on the cover; a keyword of the PDF.
    pub city: Text,
    /// Under the city on the cover; in the PDF's description.
    pub country: Text,
    /// The cover's title, the imprint's heading and the PDF's title.
    pub title: Text,
    /// The running head of every text page.
    pub short_title: Text,
    /// The PDF's date.
    pub date: DateParts,
    /// The date as printed ("March 2024"), in the imprint, on the back
    /// cover and in the PDF's description.
    pub date_text: String,
    /// The edition's numbering system: `arab` numbers pages, chapters,
    /// figures and notes with Arabic-Indic digits; anything else (`latn`)
    /// with Latin ones.
    pub digits: crate::locale::NumberingSystem,
    /// The authors: their names in the imprint and the PDF's metadata,
    /// their `about` on the back cover.
    pub authors: Vec<Author>,
}

/// A calendar date, for the PDF's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateParts {
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31.
    pub day: u8,
}

/// An author of the profile.
#[derive(Debug, Clone, Serialize)]
pub struct Author {
    /// As written in profile.toml, data references resolved.
    pub name: Text,
    /// After "Drafted by" on the back cover.
    pub about: Text,
}

/// The edition's colours and text font.
#[derive(Debug, Clone, Serialize)]
pub struct Theme {
    /// `#rrggbb`: openers, covers, headings, table heads.
    pub primary: String,
    /// `#rrggbb`: rules, icons, list markers.
    pub accent: String,
    /// A font family put before the built-in ones; `null` for the built-in
    /// Noto Sans (and Noto Sans Arabic).
    pub font: Option<String>,
    /// Where chapter openers go: `"even page"` or `"any page"`.
    pub openers: crate::profile::Openers,
}

/// A funder mark on the cover, and its entry in the imprint.
#[derive(Debug, Clone, Serialize)]
pub struct Funder {
    /// Small, above the mark: "Funded by".
    pub label: Text,
    /// The funder's name, set in type when it has no logo (and the logo's
    /// alternative text when it has one).
    pub lines: Vec<Text>,
    /// Small, under the mark; `null` for none.
    pub detail: Option<Text>,
    /// The logo's path in the document (under `/profile/`), 10 mm high;
    /// `null` to set `lines` in type.
    pub logo: Option<String>,
}

/// A partner mark at the foot of the cover, and in the imprint.
#[derive(Debug, Clone, Serialize)]
pub struct Partner {
    /// Set in type when it has no logo (and the logo's alternative text).
    pub name: Text,
    /// Small, under the mark.
    pub lines: Vec<Text>,
    /// The logo's path in the document (under `/profile/`), 12 mm high;
    /// `null` to set `name` in type.
    pub logo: Option<String>,
}

/// The picture on the cover.
#[derive(Debug, Clone, Serialize)]
pub struct CoverImage {
    /// Its path in the document (under `/profile/`); cropped to the width
    /// of the page (and its bleed), 62 mm high.
    pub path: String,
    /// Its alternative text.
    pub alt: Text,
}

/// One of the component boxes.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentBox {
    /// The icon drawn at the top of the box.
    pub icon: Icon,
    /// In capitals, under the icon.
    pub title: Text,
    /// The box's text.
    pub text: Text,
}

/// An entry of the "More information at:" list.
#[derive(Debug, Clone, Serialize)]
pub struct LinkEntry {
    /// The icon before the entry.
    pub icon: Icon,
    /// The text printed, left to right.
    pub label: Text,
    /// Where the link goes.
    pub url: String,
}

/// The back cover's contact lines and addresses.
#[derive(Debug, Clone, Serialize)]
pub struct BackCover {
    /// Under "Contact", one per line, each set left to right.
    pub contact: Vec<Text>,
    /// The partners' addresses, side by side at the foot.
    pub addresses: Vec<Address>,
}

/// A postal address on the back cover.
#[derive(Debug, Clone, Serialize)]
pub struct Address {
    /// In bold, never broken.
    pub name: Text,
    /// Under the name, smaller.
    pub lines: Vec<Text>,
}

/// The imprint's own entries; each one `null` is left out.
#[derive(Debug, Clone, Serialize)]
pub struct Imprint {
    /// After "Published by".
    pub publisher: Option<Text>,
    /// In italics at the foot of the imprint, under a rule.
    pub disclaimer: Option<Text>,
    /// The licence line.
    pub licence: Option<Text>,
    /// After "ISBN", left to right, trimmed.
    pub isbn: Option<String>,
}

/// A page that would be left blank before a chapter opener or the back
/// cover, filled: `kind` says with what, and only that kind's fields are
/// set (the others `null` or empty).
#[derive(Debug, Clone, Serialize)]
pub struct PageFill {
    /// `key figures`, `photo` or `quotation`.
    pub kind: &'static str,
    /// A heading over the page.
    pub title: Option<Text>,
    /// The key figures: each value as printed (in the edition's number
    /// format) and its label.
    pub key_figures: Vec<KeyFigure>,
    /// The photo's path in the Typst world (`/profile/...`).
    pub photo: Option<String>,
    /// The line under the photo.
    pub caption: Option<Text>,
    /// The quotation's words.
    pub quotation: Option<Text>,
    /// Who is quoted.
    pub by: Option<Text>,
}

/// A key figure of a filled page: `603,609` over `inhabitants, 2019`.
#[derive(Debug, Clone, Serialize)]
pub struct KeyFigure {
    /// The value as the edition prints it.
    pub value: String,
    /// What it counts.
    pub label: Text,
}

/// A chapter as its opener, the contents and the page furniture see it.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterInfo {
    /// The chapter's name in profile.toml: the label of the metadata that
    /// marks where its body starts and ends.
    pub file: String,
    /// The title as plain text: the opener (unless main.typ passes the
    /// title with its footnotes), the contents and the bookmarks.
    pub title: String,
    /// `text`, or `references` (hanging indents, smaller, not justified).
    #[serde(with = "ChapterStyleName")]
    pub style: ChapterStyle,
    /// `complete`, `outdated` or `missing`: the two last print a note at
    /// the top of the chapter.
    #[serde(with = "ChapterStateName")]
    pub translation: ChapterState,
    /// The language the chapter is printed in (the source language when
    /// its translation is missing): a chapter whose language is not the
    /// edition's is set in its own language and direction.
    pub lang: String,
    /// The direction of the chapter's language.
    pub dir: Direction,
}

/// A figure: a chart, an image, or a frame saying why there is none.
#[derive(Debug, Clone, Serialize)]
pub struct FigureData {
    /// `chart`, `photo` or `map`: which "not available" message a frame
    /// prints.
    pub kind: FigureKind,
    /// `table`, `figure` or `none`: the caption's number.
    #[serde(with = "NumberingName")]
    pub number: Numbering,
    /// What the figure prints.
    pub status: FigureStatus,
    /// The language the figure's frame, caption and notes are set in as a
    /// block: its caption's when the caption is written per language, else
    /// the edition's.
    pub lang: LanguageCode,
    /// The direction of that language.
    pub dir: Direction,
    /// The picture's path in the document (under `/profile/`) when it has
    /// one.
    pub image: Option<String>,
    /// Above the figure, after its number.
    pub caption: Text,
    /// Under the figure, after "Source:".
    pub source: Option<Text>,
    /// A note on the caption, with the page's footnotes.
    pub footnote: Option<Text>,
    /// The chart's or picture's alternative text.
    pub alt: Option<Text>,
    /// A small note under the figure.
    pub note: Option<Text>,
    /// The drawn chart when the figure is one (`status` is `chart`).
    pub chart: Option<DrawnChart>,
    /// The id of the table printed under the chart (`with_table`); `null`
    /// for none.
    pub table: Option<String>,
    /// The words of the "not available" frame (`status` `unavailable`) in
    /// the figure's language (`lang`), so that a French figure of an
    /// Arabic edition says it in French, left to right; `null` for a
    /// figure with content.
    pub unavailable: Option<UnavailableWords>,
    /// The caption's and source's words in the figure's language when
    /// that is not the edition's ([`CaptionLabels`]); absent otherwise
    /// (the edition's words serve).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<CaptionLabels>,
}

/// The words around a table's or figure's caption and source when the
/// block is set in another language than the edition's (a French table
/// of a chapter not yet translated, in an Arabic edition): its caption
/// line reads `Tableau 3 : …` and its source line `Source : …` in the
/// block's language and direction, with the edition's numbering (the
/// third table of the edition) in the block's digits.
#[derive(Debug, Clone, Serialize)]
pub struct CaptionLabels {
    /// Before the number: the block language's word for a table or a
    /// figure, by the caption's `number` (`Tableau`, `Fig.`).
    pub supplement: String,
    /// Between the number and the caption (`" : "` in French).
    pub separator: String,
    /// Before the source (`Source`), followed by `separator` without its
    /// trailing space.
    pub source: String,
    /// The digits of the number: those the block's language is printed
    /// with (`latn` for French, whatever the edition's).
    pub digits: crate::locale::NumberingSystem,
}

/// What the frame of a figure whose content is not available prints.
#[derive(Debug, Clone, Serialize)]
pub struct UnavailableWords {
    /// "Data not available", "Image not available" or "Map not available"
    /// (by the figure's `kind`): the frame's title and the alternative text.
    pub message: String,
    /// The sentence after it, for the reader: "The figure is not
    /// reproduced in this edition."
    pub note: String,
}

/// A drawn chart: its geometry as an SVG file, with every label set over
/// it as text (`templates/components/chart.typ`).
#[derive(Debug, Clone, Serialize)]
pub struct DrawnChart {
    /// The SVG's path in the document (`/charts/<id>.svg`).
    pub svg: String,
    /// Width in points (the text column's).
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// The font families the labels were measured in, in fallback order:
    /// the labels are set in them.
    pub fonts: Vec<String>,
    /// The labels, each placed at its anchor point.
    pub labels: Vec<Label>,
}

#[cfg(test)]
mod tests;
