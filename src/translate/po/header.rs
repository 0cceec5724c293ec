//! A catalog's header as a translator's tool returns it: which edition its
//! `Language` names (gettext writes a locale, `de_DE`; BCP 47 a tag,
//! `de-DE`), and the fields the tool and translator filled in
//! (`Last-Translator`, `Language-Team`, `PO-Revision-Date`, `X-Generator`
//! …), which the profile's record keeps and the next export carries.

use std::collections::BTreeMap;

use crate::base::lang::LanguageCode;

/// The header fields cityprofile writes itself, from the profile: a
/// catalog's own values for them are not kept.
pub const OWN_FIELDS: [&str; 5] = [
    "Project-Id-Version",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
];

/// The fields of a header to keep: every field but [`OWN_FIELDS`], with a
/// value (an empty `Last-Translator ""` is no translator's).
pub fn kept_fields(
    metadata: impl IntoIterator<Item = (String, String)>,
) -> BTreeMap<String, String> {
    metadata
        .into_iter()
        .filter(|(key, value)| !OWN_FIELDS.contains(&key.as_str()) && !value.trim().is_empty())
        .collect()
}

/// The edition of the profile that a catalog's `Language` header names:
/// the declared language written so (case and `_`/`-` aside: `de-CH` for
/// `de_CH` when the profile declares `de-CH`), else, for a language with a
/// region (`de_DE`, `de-AT`, `en_GB`, also with gettext's `.UTF-8` or
/// `@modifier`), the declared language of its primary subtag (`de`, `en`).
/// `None` when the profile has neither.
pub fn edition_language(header: &str, declared: &[LanguageCode]) -> Option<LanguageCode> {
    let locale = header.trim();
    // gettext's locale form: `ll_CC.charset@modifier`.
    let tag = locale
        .split(['.', '@'])
        .next()
        .unwrap_or_default()
        .replace('_', "-");
    if let Some(exact) = declared.iter().find(|l| l.eq_ignore_ascii_case(&tag)) {
        return Some(exact.clone());
    }
    let (primary, region) = tag.split_once('-')?;
    if region.is_empty()
        || !region
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return None;
    }
    let primary = LanguageCode::new(&primary.to_ascii_lowercase())?;
    declared.iter().find(|l| **l == primary).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(codes: &[&str]) -> Vec<LanguageCode> {
        codes.iter().filter_map(|c| LanguageCode::new(c)).collect()
    }

    #[test]
    fn a_language_with_a_region_is_its_language_edition() {
        let declared = langs(&["en", "de", "fr"]);
        for (header, edition) in [
            ("de", "de"),
            ("de_DE", "de"),
            ("de-DE", "de"),
            ("de_AT.UTF-8", "de"),
            ("en_GB", "en"),
            (" fr_FR ", "fr"),
        ] {
            assert_eq!(
                edition_language(header, &declared).as_deref(),
                Some(edition),
                "{header}"
            );
        }
    }

    #[test]
    fn a_language_the_profile_lacks_is_no_edition() {
        let declared = langs(&["en", "de"]);
        for header in ["pt_BR", "fr", "", "de_", "_DE", "deu_DE x", "xx"] {
            assert_eq!(edition_language(header, &declared), None, "{header}");
        }
    }

    #[test]
    fn only_what_a_translator_filled_in_is_kept() {
        let kept = kept_fields([
            ("Language".to_string(), "de_DE".to_string()),
            (
                "Last-Translator".to_string(),
                "Ana <ana@example.org>".to_string(),
            ),
            ("Language-Team".to_string(), "".to_string()),
            ("X-Generator".to_string(), "Poedit 3.4".to_string()),
            (
                "Content-Type".to_string(),
                "text/plain; charset=UTF-8".to_string(),
            ),
        ]);
        assert_eq!(
            kept.into_iter().collect::<Vec<_>>(),
            vec![
                (
                    "Last-Translator".to_string(),
                    "Ana <ana@example.org>".to_string()
                ),
                ("X-Generator".to_string(), "Poedit 3.4".to_string()),
            ]
        );
    }
}
