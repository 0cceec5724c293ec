//! `[check] literal_numbers` of profile.toml: numbers the texts type by hand
//! on purpose although they equal a value of the data (a year, a figure
//! from a law), which `check` then does not name. An entry is a number as
//! the text writes it (`"603,600"`, `"13,8 %"`, `"٦٠٣٬٦٠٠"`), which silences
//! that writing, or a TOML number (`603600`, `13.8`), which silences the
//! number however a text writes it. A malformed entry is an error at its
//! line, as is a writing that reads as no number (a date, `"12.03.2019"`).

use std::collections::HashSet;

use super::Profile;
use crate::base::diag::Diagnostics;
use crate::locale::written::{
    is_written_number, normalized_writing, reads_as_one_number, value_key,
};

/// The numbers of `[check] literal_numbers`, ready to be looked up.
#[derive(Debug, Default, Clone)]
pub struct LiteralNumbers {
    /// Writings, as [`normalized_writing`] makes them (`603,600`).
    writings: HashSet<String>,
    /// Numbers, by their key ([`value_key`]: `603600`, `13.8`).
    values: HashSet<String>,
}

/// One entry of the list, read.
enum Entry {
    Writing(String),
    Value(String),
}

/// An entry of the list, or why it is none (in the user's words).
fn read(entry: &toml::Value) -> Result<Entry, String> {
    const EXPECTED: &str = "write a number as the text writes it, in quotes (\"603,600\", \"13,8 %\"), or a TOML number (603600), which stands for every writing of it";
    match entry {
        toml::Value::String(text) if is_written_number(text) && reads_as_one_number(text) => {
            Ok(Entry::Writing(normalized_writing(text)))
        }
        // A date or a code: the search never reads it as a number, so the
        // entry would silence nothing.
        toml::Value::String(text) if is_written_number(text) => Err(format!(
            "\"{text}\" in `literal_numbers` reads as no number in any language (a date or a code, whose digits `check` never takes for a value), so it would silence nothing: remove it; {EXPECTED}"
        )),
        toml::Value::String(text) => Err(format!(
            "\"{text}\" in `literal_numbers` is not a number: {EXPECTED}"
        )),
        toml::Value::Integer(n) => Ok(Entry::Value(key(*n as f64))),
        toml::Value::Float(n) if n.is_finite() => Ok(Entry::Value(key(*n))),
        other => Err(format!(
            "`literal_numbers` lists numbers, not {} ({other}): {EXPECTED}",
            other.type_str()
        )),
    }
}

/// The key a number of the list is found by.
fn key(value: f64) -> String {
    value_key(value, None)
        .into_iter()
        .next()
        .unwrap_or_default()
}

impl LiteralNumbers {
    /// The list of a profile (malformed entries, which [`check`] reports,
    /// left out).
    pub fn of(profile: &Profile) -> LiteralNumbers {
        let mut list = LiteralNumbers::default();
        for entry in &profile.meta.value.check.literal_numbers {
            match read(entry.get_ref()) {
                Ok(Entry::Writing(w)) => {
                    list.writings.insert(w);
                }
                Ok(Entry::Value(key)) => {
                    list.values.insert(key);
                }
                Err(_) => {}
            }
        }
        list
    }

    /// Whether a number written `writing` in a text, whose value has the
    /// key `key`, is meant literally.
    pub fn contains(&self, writing: &str, key: &str) -> bool {
        self.values.contains(key) || self.writings.contains(&normalized_writing(writing))
    }
}

/// An error at each entry of `[check] literal_numbers` that is no number.
pub(super) fn check(profile: &Profile, diags: &mut Diagnostics) {
    for entry in &profile.meta.value.check.literal_numbers {
        if let Err(message) = read(entry.get_ref()) {
            diags.push(profile.meta.file.error(entry.span().start, message));
        }
    }
}
