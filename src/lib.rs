//! cityprofile: turns a city's structured data and section text into
//! print-ready PDF City Migration Profiles, one edition per language.
//!
//! The pipeline: [`profile`] loads and validates a profile folder,
//! [`markdown`] turns chapter text into Typst markup, [`edition`] resolves
//! the profile for one language, [`world`] and [`render`] compile it with
//! Typst in process, and [`pipeline`] ties these together for the CLI.

pub mod bidi;
pub mod chart;
pub mod diagnostics;
pub mod edition;
pub mod embedded;
pub mod glyphs;
pub mod locale;
pub mod markdown;
pub mod pipeline;
pub mod po;
pub mod profile;
pub mod render;
pub mod scaffold;
pub mod translation;
pub mod watch;
pub mod world;
