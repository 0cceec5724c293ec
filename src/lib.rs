//! cityprofile: turns a city's structured data and section text into
//! print-ready PDF City Migration Profiles, one edition per language.
//!
//! A folder per pipeline stage; a stage imports only the stages listed
//! before it (a test over the `use crate::` paths keeps it so):
//!
//! 1. [`base`]: diagnostics, file I/O, units, language codes, bidi, the
//!    embedded assets.
//! 2. [`locale`]: CLDR number and date formats (ICU4X).
//! 3. [`chart`]: chart data to a text-free SVG and the labels set over it.
//! 4. [`profile`]: loads and validates a profile folder.
//! 5. [`markdown`]: chapter text to Typst markup.
//! 6. [`translate`]: translation state of chapters and the PO workflow.
//! 7. [`edition`]: the profile resolved for one language.
//! 8. [`report`]: what prints differently between two records of an
//!    edition (the change report of a data update).
//! 9. [`typeset`]: the Typst world, compile and PDF export.
//! 10. [`build`] and [`scaffold`]: `check`, `build`, `watch`, `diff` and
//!     `new`.

pub mod base;
pub mod build;
pub mod chart;
pub mod edition;
pub mod locale;
pub mod markdown;
pub mod profile;
pub mod report;
pub mod scaffold;
pub mod translate;
pub mod typeset;

#[cfg(test)]
mod layering;
