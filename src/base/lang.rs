//! Language codes as the profile writes them: the languages of its
//! editions, of its texts (`en = "..."`), of its chapter folders
//! (`text/<lang>/`) and of its PO catalogs (`po/<lang>.po`). A code is a
//! BCP 47 language tag of a language, optionally with a script and a region
//! (`de`, `de-CH`, `ar-JO`, `sr-Latn`): a regional edition.

use std::fmt;
use std::str::FromStr;

/// The subtags of a language code: the ISO 639 language, the ISO 15924
/// script and the ISO 3166-1 region, each as written.
struct Subtags<'a> {
    language: &'a str,
    script: Option<&'a str>,
    region: Option<&'a str>,
}

/// Splits a code written the way BCP 47 recommends (RFC 5646, section
/// 2.1.1): language in lower case (two or three letters), script with an
/// upper-case initial (four letters), region in upper case (two letters, a
/// country ISO 3166-1 knows). `None` for anything else.
fn subtags(code: &str) -> Option<Subtags<'_>> {
    let mut parts = code.split('-');
    let language = parts.next()?;
    if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let mut next = parts.next();
    let script = next.filter(|s| {
        let mut chars = s.chars();
        s.len() == 4
            && chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_lowercase())
    });
    if script.is_some() {
        next = parts.next();
    }
    let region = match next {
        None => None,
        Some(r)
            if r.len() == 2
                && r.chars().all(|c| c.is_ascii_uppercase())
                && iso_currency::Country::from_str(r).is_ok() =>
        {
            Some(r)
        }
        Some(_) => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(Subtags {
        language,
        script,
        region,
    })
}

/// Whether `code` is a language code as profiles write them: a BCP 47
/// language subtag, two or three lower-case ASCII letters (`en`, `ar`,
/// `fil`), optionally followed by a script (`sr-Latn`) and a region
/// (`de-CH`, `ar-JO`, `sr-Latn-RS`), spelt as BCP 47 recommends (see
/// [`spelling_hint`] for a code written otherwise).
pub fn is_language_code(code: &str) -> bool {
    subtags(code).is_some()
}

/// A code in the case BCP 47 recommends, its parts joined with dashes:
/// `de-CH` for `de_ch` or `DE-CH`, `sr-Latn` for `SR-LATN`. What `--lang`
/// takes in any case becomes; whether the result is a language code is
/// [`is_language_code`]'s to say.
pub fn canonical_case(code: &str) -> String {
    code.split(['-', '_'])
        .enumerate()
        .map(|(i, part)| match (i, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 4) => {
                let (initial, rest) = part.split_at(part.chars().next().map_or(0, char::len_utf8));
                initial.to_ascii_uppercase() + &rest.to_ascii_lowercase()
            }
            _ => part.to_ascii_uppercase(),
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// For a language code written in another case or with underscores
/// (`de-ch`, `de_CH`, `DE`), the hint to write it as profiles do:
/// `` (write `de-CH`)``; empty otherwise.
pub fn spelling_hint(code: &str) -> String {
    let written = canonical_case(code);
    if written != code && is_language_code(&written) {
        format!(" (write `{written}`)")
    } else {
        String::new()
    }
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

    /// The code as written: `en`, `de-CH`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ISO 639 language alone: `de` of `de-CH`, `sr` of `sr-Latn`.
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// The ISO 3166-1 region, if the code has one: `CH` of `de-CH`.
    pub fn region(&self) -> Option<&str> {
        subtags(&self.0).and_then(|s| s.region)
    }

    /// The code without its region, for a regional edition: `de` of
    /// `de-CH`, `sr-Latn` of `sr-Latn-RS`; `None` for a code without a
    /// region. What a regional edition falls back to for the words,
    /// texts and chapters it does not have itself. A script is kept: `sr-Latn`
    /// does not fall back to `sr`, which CLDR writes in Cyrillic.
    pub fn without_region(&self) -> Option<LanguageCode> {
        let subtags = subtags(&self.0)?;
        subtags.region?;
        let code = match subtags.script {
            Some(script) => format!("{}-{script}", subtags.language),
            None => subtags.language.to_string(),
        };
        Some(LanguageCode(code.into()))
    }

    /// The codes whose words, texts and chapters an edition in this
    /// language prints, in order: the code itself, then the code without
    /// its region (`de-CH`, `de`).
    pub fn fallbacks(&self) -> Vec<LanguageCode> {
        std::iter::once(self.clone())
            .chain(self.without_region())
            .collect()
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
        for wrong in ["", "e", "EN", "engl", "e1", "en-", "-GB"] {
            assert_eq!(LanguageCode::new(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn codes_may_have_a_script_and_a_region() {
        for right in ["de-CH", "ar-JO", "fr-BE", "es-MX", "sr-Latn", "sr-Latn-RS"] {
            assert_eq!(LanguageCode::new(right).unwrap(), right);
        }
        // Spelt otherwise, a region that is no ISO 3166-1 country, a
        // numeric region, a variant, an extension.
        for wrong in [
            "de-ch",
            "de_CH",
            "DE-CH",
            "sr-latn",
            "sr-LATN",
            "de-XX",
            "es-419",
            "de-CH-1901",
            "de-CH-x",
            "de-u-nu-arab",
            "de-CH-CH",
            "de-Latn-Latn",
        ] {
            assert_eq!(LanguageCode::new(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn a_code_spelt_otherwise_is_shown_as_profiles_write_it() {
        assert_eq!(spelling_hint("de_CH"), " (write `de-CH`)");
        assert_eq!(spelling_hint("de-ch"), " (write `de-CH`)");
        assert_eq!(spelling_hint("SR-latn-rs"), " (write `sr-Latn-RS`)");
        assert_eq!(spelling_hint("EN"), " (write `en`)");
        assert_eq!(spelling_hint("de-CH"), "");
        assert_eq!(spelling_hint("de-XX"), "");
        assert_eq!(spelling_hint("german"), "");
        assert_eq!(canonical_case("De_ch"), "de-CH");
        assert_eq!(canonical_case("en"), "en");
    }

    #[test]
    fn a_regional_code_falls_back_to_its_language() {
        let de_ch = LanguageCode::new("de-CH").unwrap();
        assert_eq!(de_ch.language(), "de");
        assert_eq!(de_ch.region(), Some("CH"));
        assert_eq!(de_ch.fallbacks(), ["de-CH", "de"]);
        let de = LanguageCode::new("de").unwrap();
        assert_eq!(de.region(), None);
        assert_eq!(de.fallbacks(), ["de"]);
        let sr = LanguageCode::new("sr-Latn-RS").unwrap();
        assert_eq!(sr.language(), "sr");
        assert_eq!(sr.region(), Some("RS"));
        assert_eq!(sr.fallbacks(), ["sr-Latn-RS", "sr-Latn"]);
        assert_eq!(
            LanguageCode::new("sr-Latn").unwrap().fallbacks(),
            ["sr-Latn"]
        );
    }
}
