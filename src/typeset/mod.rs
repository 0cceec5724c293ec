//! Typesetting an edition with Typst in process: the [`world`] an edition is
//! compiled in (sources, templates, fonts, profile files) and [`compile`]
//! (layout, PDF export, Typst's diagnostics mapped back to the profile),
//! the [`fonts`] it is set in, the [`font_check`] of a profile's own font
//! files, and the [`page_fill`] of the laid-out pages (which are mostly
//! empty).

pub mod compile;
pub mod font_check;
pub mod fonts;
pub mod page_fill;
pub mod world;
