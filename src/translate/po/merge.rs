//! A returned catalog placed on the profile's current texts entry by
//! entry, as `msgmerge` merges a translation with a changed template: an
//! entry whose source text is still the text's is taken as it is; one
//! whose source changed since the export (a data text known by its key
//! path, or a chapter block that stands between the same neighbours, see
//! `matching.rs`) is taken as a fuzzy translation with the text it was made
//! for as its previous text (`#| msgid`), never as confirmed; one whose
//! text is gone from the sources is counted, and nothing else is lost.

use std::collections::BTreeSet;

use super::import::resolve;
use super::matching::{self, positional};
use super::{Entry, Group};

/// A catalog entry placed on a current text.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    /// The entry as the current text takes it: its context and source the
    /// text's, fuzzy with the previous text when the source changed.
    pub entry: Entry,
    /// The group and the item in it.
    pub group: usize,
    pub item: usize,
    /// Whether the text's source changed since the catalog was exported.
    pub changed: bool,
}

/// Where the entries of a catalog go.
#[derive(Debug, Default)]
pub(super) struct Merged {
    pub placed: Vec<Placed>,
    /// The entries (by index in the catalog) whose text is gone.
    pub gone: Vec<usize>,
    /// The entries that cannot be placed, with why (an old catalog's
    /// entry that cannot be told apart, a chapter or file that is gone).
    pub problems: Vec<(usize, String)>,
}

/// The entry `e` as the text whose source is now `source` and context
/// `context` takes it: fuzzy, with its previous text, when `changed`.
fn on_current(e: &Entry, context: &str, source: &str, changed: bool) -> Entry {
    let mut entry = Entry {
        context: context.to_string(),
        source: source.to_string(),
        ..e.clone()
    };
    if changed && !e.translation.is_empty() {
        entry.fuzzy = true;
        // A translation fuzzy already was made for its previous text.
        entry.previous = match (&e.previous, e.fuzzy) {
            (Some(previous), true) => Some(previous.clone()),
            _ => Some(e.source.clone()),
        };
    }
    entry
}

/// Places every entry of a catalog on the current texts of `groups`.
pub(super) fn merge(groups: &[Group], entries: &[Entry]) -> Merged {
    let mut out = Merged::default();
    let mut taken: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); groups.len()];
    let mut unplaced: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); groups.len()];
    for (k, e) in entries.iter().enumerate() {
        match resolve(groups, e) {
            Ok((g, i)) => {
                let item = &groups[g].items[i];
                let changed = item.source != e.source;
                taken[g].insert(i);
                out.placed.push(Placed {
                    entry: on_current(e, &item.context, &item.source, changed),
                    group: g,
                    item: i,
                    changed,
                });
            }
            Err(problem) => {
                let name = matching::group_of(&e.context);
                match groups.iter().position(|g| g.name == name) {
                    Some(g) if positional(&e.context).is_none() => {
                        unplaced[g].insert(k);
                    }
                    _ => out.problems.push((k, problem.to_string())),
                }
            }
        }
    }
    for (g, group) in groups.iter().enumerate() {
        if unplaced[g].is_empty() {
            continue;
        }
        // The group's entries in catalog order, as a record is matched.
        let ks: Vec<usize> = (0..entries.len())
            .filter(|&k| {
                matching::group_of(&entries[k].context) == group.name
                    && positional(&entries[k].context).is_none()
            })
            .collect();
        let recorded: Vec<&Entry> = ks.iter().map(|&k| &entries[k]).collect();
        let matches = super::match_items(group, &recorded);
        for (i, found) in matches.iter().enumerate() {
            let Some(found) = found else { continue };
            let k = ks[found.entry];
            if !unplaced[g].contains(&k) || taken[g].contains(&i) {
                continue;
            }
            let item = &group.items[i];
            unplaced[g].remove(&k);
            taken[g].insert(i);
            out.placed.push(Placed {
                entry: on_current(&entries[k], &item.context, &item.source, !found.same),
                group: g,
                item: i,
                changed: !found.same,
            });
        }
        out.gone.extend(unplaced[g].iter().copied());
    }
    out.gone.sort_unstable();
    out
}
