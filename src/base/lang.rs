//! Language codes as the profile writes them: the languages of its
//! editions, of its texts (`en = "..."`), of its chapter folders
//! (`text/<lang>/`) and of its PO catalogs (`po/<lang>.po`).

use std::fmt;

/// Whether `code` is a language code as profiles write them: a BCP 47
/// primary language subtag, two or three lower-case ASCII letters (`en`,
/// `ar`, `fil`).
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase())
}

/// A language code checked by [`is_language_code`]: what a profile's
/// `languages` and `source_language` hold once loaded. Reads as a `&str`
/// (it dereferences to one) and is serialised as its text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct LanguageCode(Box<str>);

impl LanguageCode {
    /// The code, if `code` is one ([`is_language_code`]); `None` otherwise
    /// (the profile's checks say why, at the code's place).
    pub fn new(code: &str) -> Option<LanguageCode> {
        is_language_code(code).then(|| LanguageCode(code.into()))
    }

    /// `und`, BCP 47's code for an undetermined language: what a profile
    /// that names no valid language (an error reported when it is loaded)
    /// has as its source language.
    pub fn undetermined() -> LanguageCode {
        LanguageCode("und".into())
    }

    /// The code as written: `en`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for LanguageCode {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for LanguageCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl AsRef<std::path::Path> for LanguageCode {
    fn as_ref(&self) -> &std::path::Path {
        std::path::Path::new(&*self.0)
    }
}

impl std::borrow::Borrow<str> for LanguageCode {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for LanguageCode {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for LanguageCode {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for LanguageCode {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<LanguageCode> for str {
    fn eq(&self, other: &LanguageCode) -> bool {
        self == &*other.0
    }
}

impl PartialEq<LanguageCode> for &str {
    fn eq(&self, other: &LanguageCode) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<LanguageCode> for String {
    fn eq(&self, other: &LanguageCode) -> bool {
        **self == *other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_two_or_three_lower_case_letters() {
        assert_eq!(LanguageCode::new("en").unwrap(), "en");
        assert_eq!(LanguageCode::new("fil").unwrap().as_str(), "fil");
        for wrong in ["", "e", "EN", "engl", "e1", "en-GB"] {
            assert_eq!(LanguageCode::new(wrong), None, "{wrong}");
        }
    }
}
