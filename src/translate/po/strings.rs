//! The layout words of a catalog: the keys a profile's own
//! `strings/<lang>.toml` files set, each known by its key (`strings
//! contents`), the built-in word of the source language as its source text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{relative, Group, Item, Place};
use crate::base::diag::Diagnostic;
use crate::profile::Profile;

/// The group of layout words: the keys a profile's own
/// `strings/<lang>.toml` files set (the words it overrides), in key order.
pub(super) const STRINGS_GROUP: &str = "strings";

/// A layout strings file as a table of keys and words: the profile's own
/// (`strings/<lang>.toml`) or the built-in one.
pub(super) fn strings_table(
    profile: &Profile,
    lang: &str,
    own: bool,
) -> Result<Option<StringsFile>, Diagnostic> {
    if own {
        let path = profile.dir.join("strings").join(format!("{lang}.toml"));
        if !profile.sources.exists(&path) {
            return Ok(None);
        }
        let text = profile.sources.read_text(&path)?;
        let table: toml::Table = toml::from_str(&text)
            .map_err(|e| crate::base::toml_errors::toml_error(&path, &text, 0, &e))?;
        return Ok(Some((table, text, path)));
    }
    let Some(bytes) = crate::base::assets::template_file(&format!("strings/{lang}.toml")) else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(bytes).into_owned();
    let table = toml::from_str(&text).unwrap_or_default();
    Ok(Some((table, text, PathBuf::new())))
}

/// A layout strings file as [`strings_table`] reads it: its table, its
/// text and its path.
type StringsFile = (toml::Table, String, PathBuf);

/// The profile's own layout strings files (`strings/*.toml`), each read
/// once, in the order of their names, with their language; `None` when the
/// profile has no `strings` folder.
fn own_strings_files(profile: &Profile) -> Result<Option<Vec<(String, StringsFile)>>, Diagnostic> {
    let Ok(entries) = profile.sources.read_dir(&profile.dir.join("strings")) else {
        return Ok(None);
    };
    let paths: Vec<PathBuf> = entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    let mut files = Vec::new();
    for path in paths {
        let Some(file_lang) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if let Some(file) = strings_table(profile, file_lang, true)? {
            files.push((file_lang.to_string(), file));
        }
    }
    Ok(Some(files))
}

pub(super) fn layout_strings_group(
    profile: &Profile,
    source_lang: &str,
    lang: &str,
) -> Result<Option<Group>, Diagnostic> {
    let Some(own) = own_strings_files(profile)? else {
        return Ok(None);
    };
    // Keys set by any of the profile's strings files, with a file naming each.
    let mut keys: BTreeMap<&str, &Path> = BTreeMap::new();
    for (_, (table, _, path)) in &own {
        for (key, value) in table {
            // `direction` is a setting, not a word.
            if value.is_str() && key != "direction" {
                keys.entry(key).or_insert(path);
            }
        }
    }
    if keys.is_empty() {
        return Ok(None);
    }
    let own_of = |lang: &str| own.iter().find(|(l, _)| l == lang).map(|(_, f)| f);
    let own_source = own_of(source_lang);
    let builtin_source = strings_table(profile, source_lang, false)?;
    let own_target = own_of(lang);
    let builtin_target = strings_table(profile, lang, false)?;
    let word = |t: Option<&StringsFile>, key: &str| {
        t.and_then(|(table, _, _)| table.get(key))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let line_of = |t: Option<&StringsFile>, key: &str| {
        t.and_then(|(_, text, path)| {
            text.lines()
                .position(|l| {
                    l.trim_start().starts_with(&format!("{key} "))
                        || l.trim_start().starts_with(&format!("{key}="))
                })
                .map(|i| format!("{}:{}", relative(profile, path), i + 1))
        })
    };
    let mut items = Vec::new();
    for (key, file) in keys {
        let Some(source) = word(own_source, key).or_else(|| word(builtin_source.as_ref(), key))
        else {
            continue;
        };
        let reference = line_of(own_source, key)
            .or_else(|| line_of(own_target, key))
            .unwrap_or_else(|| relative(profile, file));
        let current = word(own_target, key)
            .or_else(|| word(builtin_target.as_ref(), key))
            .unwrap_or_default();
        items.push(Item {
            context: format!("{STRINGS_GROUP} {key}"),
            source,
            reference,
            current: Some(current),
            place: Place::Word(key.to_string()),
        });
    }
    Ok(Some(Group {
        name: STRINGS_GROUP.to_string(),
        chapter: None,
        items,
        chapter_state: None,
    }))
}
