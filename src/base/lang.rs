//! Language codes as the profile writes them.

/// Language codes as BCP 47 primary subtags: two or three lower-case letters.
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase())
}
