//! The names a profile gives its tables and figures: the stems of their
//! files (`tables/arrivals.toml` is the table `arrivals`), checked once at
//! load so that every later stage holds an id that names a file of the
//! profile. A chapter places them by these names (`{{table:arrivals}}`,
//! `{{figure:arrivals-chart}}`), a chart names its table by one.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// Why a file's name is no id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidId;

impl fmt::Display for InvalidId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id is lower-case letters, digits and dashes")
    }
}

/// Whether `id` is lower-case ASCII letters, digits and dashes, and not
/// empty: what a table, figure, chapter or profile id may be (it is a file
/// name on every system and a Typst label).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

macro_rules! file_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id of a file whose stem is `stem`, or why it is none.
            pub fn new(stem: &str) -> Result<Self, InvalidId> {
                if is_valid_id(stem) {
                    Ok($name(stem.to_string()))
                } else {
                    Err(InvalidId)
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
    };
}

file_id!(
    /// A table's id: the stem of `tables/<id>.toml`.
    TableId
);
file_id!(
    /// A figure's id: the stem of `figures/<id>.toml`.
    FigureId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_letters_digits_and_dashes() {
        assert_eq!(
            TableId::new("arrivals-2019").unwrap().as_str(),
            "arrivals-2019"
        );
        for wrong in ["", "Arrivals", "a_b", "a b", "ü"] {
            assert_eq!(TableId::new(wrong), Err(InvalidId), "{wrong}");
            assert_eq!(FigureId::new(wrong), Err(InvalidId), "{wrong}");
        }
        let mut tables = std::collections::BTreeMap::new();
        tables.insert(TableId::new("a").unwrap(), 1);
        assert_eq!(tables.get("a"), Some(&1));
    }
}
