//! Why an edition's number format cannot be made: a language tag that is
//! not a BCP 47 locale, or one this build has no CLDR data for.

use std::fmt;

/// A number format that cannot be built for a locale (see
/// `NumberFormat::new`); `tag` is the locale as asked for, with its
/// `-u-nu-` numbering system when one was given.
#[derive(Debug)]
pub enum LocaleError {
    /// The tag is not a BCP 47 locale (`de_CH` instead of `de-CH`).
    Invalid {
        tag: String,
        error: icu_locale::ParseError,
    },
    /// The build has no CLDR number or percent data for the locale;
    /// `what` is `"number"` or `"percent"`.
    NoNumberData {
        tag: String,
        what: &'static str,
        error: icu_provider::DataError,
    },
    /// The build has no CLDR month-and-year data for the locale.
    NoDateData {
        tag: String,
        error: icu_datetime::DateTimeFormatterLoadError,
    },
}

impl fmt::Display for LocaleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LocaleError::Invalid { tag, error } => {
                write!(f, "`{tag}` is not a valid locale: {error:?}")
            }
            LocaleError::NoNumberData { tag, what, error } => {
                write!(f, "no CLDR {what} data for `{tag}`: {error}")
            }
            LocaleError::NoDateData { tag, error } => {
                write!(f, "no CLDR date data for `{tag}`: {error:?}")
            }
        }
    }
}

impl std::error::Error for LocaleError {}
