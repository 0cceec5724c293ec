//! What every stage stands on: diagnostics, file I/O, the loaded source
//! files, units and language codes, bidi classes, and the assets (templates,
//! layout strings, fonts) embedded in the program.

pub mod assets;
pub mod bidi;
pub mod diag;
pub mod io;
pub mod lang;
pub mod pictures;
#[cfg(test)]
pub(crate) mod scratch;
pub mod source;
pub mod toml_errors;
pub mod toml_messages;
pub mod toml_strings;
pub mod units;
