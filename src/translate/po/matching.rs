//! Which recorded entry each current text of a group continues, by
//! identity: never by its place alone.
//!
//! A context (`msgctxt`) names what a text is: a data text by its file and
//! key path (`values.toml port.quais.note`, see
//! [`crate::profile::identity`]), a layout word by its key (`strings
//! contents`), a chapter block by its chapter and kind (`background
//! paragraph`), which with the block's source text (the `msgid`) and an
//! occurrence number for a repeated text (`background paragraph #2`) is
//! gettext's own identity of a message. Catalogs written before identities
//! have positional contexts, `<group> <n> <kind>`; an entry of one is
//! taken as the text whose source it holds (the text at its old place when
//! that is still the same text, else the first such text).
//!
//! A recorded entry whose identity is gone may still continue a current
//! text whose identity is new, as `msgmerge` matches a message fuzzily:
//! when both stand between the same matched neighbours (only one of each
//! there, or the most alike pairs of texts). Its translation is then fuzzy,
//! with the recorded source as the previous text, unless the source is
//! the same.

use std::collections::HashMap;

use similar::TextDiff;

use super::Entry;

/// How alike two texts must be (as `similar` rates them, from 0 to 1) to
/// pair among several changed texts between the same neighbours.
const ALIKE: f32 = 0.5;

/// The context of a chapter block: its chapter and kind, and `#n` for the
/// n-th block of the same kind and source text in the chapter.
pub(super) fn chapter_context(chapter: &str, kind: &str, occurrence: usize) -> String {
    if occurrence <= 1 {
        format!("{chapter} {kind}")
    } else {
        format!("{chapter} {kind} #{occurrence}")
    }
}

/// The group (chapter, data file or `strings`) a context belongs to: its
/// first word.
pub(super) fn group_of(context: &str) -> &str {
    context.split(' ').next().unwrap_or_default()
}

/// The words catalogs written before identities put last in a context.
const POSITIONAL_KINDS: &[&str] = &[
    "heading",
    "paragraph",
    "list item",
    "table cell",
    "footnote",
    "quote",
    "text",
    "layout word",
];

/// A context in the positional form of catalogs written before identities
/// (`background 3 paragraph`, `tables/x.toml 12 text`): its group and the
/// 0-based place it named.
pub(super) fn positional(context: &str) -> Option<(&str, usize)> {
    let (group, rest) = context.split_once(' ')?;
    let (number, kind) = rest.split_once(' ')?;
    if !number.bytes().all(|b| b.is_ascii_digit()) || !POSITIONAL_KINDS.contains(&kind) {
        return None;
    }
    let n: usize = number.parse().ok()?;
    Some((group, n.checked_sub(1)?))
}

/// What a text of a group is known by: a chapter block by its context and
/// source text, any other text by its context.
pub(super) fn identity(chapter: bool, context: &str, source: &str) -> String {
    if chapter {
        format!("{context}\n{source}")
    } else {
        context.to_string()
    }
}

/// The kind a chapter block's context names (`heading` in `intro heading
/// #2`, `list item` in `intro 3 list item`).
pub(super) fn kind_of(context: &str) -> &str {
    let rest = context.split_once(' ').map_or("", |(_, rest)| rest);
    let rest = match rest.rsplit_once(" #") {
        Some((kind, n)) if n.bytes().all(|b| b.is_ascii_digit()) => kind,
        _ => rest,
    };
    match rest.split_once(' ') {
        Some((n, kind)) if n.bytes().all(|b| b.is_ascii_digit()) => kind,
        _ => rest,
    }
}

/// A current text as matching sees it: its context and source text.
pub(super) struct Current<'a> {
    pub context: &'a str,
    pub source: &'a str,
}

/// The recorded entry a current text continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Matched {
    /// Its index among the group's recorded entries.
    pub entry: usize,
    /// Whether the source text is the one recorded (else it changed: the
    /// translation is fuzzy).
    pub same: bool,
}

/// For each current text of a group (in order): the recorded entry of the
/// group it continues, if any. `chapter` says whether the group is a
/// chapter (its blocks are known by context and text).
pub(super) fn match_group(
    chapter: bool,
    current: &[Current],
    recorded: &[&Entry],
) -> Vec<Option<Matched>> {
    let mut out: Vec<Option<Matched>> = vec![None; current.len()];
    let mut used = vec![false; recorded.len()];
    let mut by_identity: HashMap<String, usize> = HashMap::new();
    for (i, c) in current.iter().enumerate() {
        by_identity
            .entry(identity(chapter, c.context, c.source))
            .or_insert(i);
    }
    // By identity.
    for (j, e) in recorded.iter().enumerate() {
        if positional(&e.context).is_some() {
            continue;
        }
        if let Some(&i) = by_identity.get(&identity(chapter, &e.context, &e.source)) {
            if out[i].is_none() {
                out[i] = Some(Matched {
                    entry: j,
                    same: current[i].source == e.source,
                });
                used[j] = true;
            }
        }
    }
    // Entries of a positional catalog: the text whose source they hold.
    for (j, e) in recorded.iter().enumerate() {
        let Some((_, place)) = positional(&e.context) else {
            continue;
        };
        let free_with_source = |i: usize| out[i].is_none() && current[i].source == e.source;
        let found = if place < current.len() && free_with_source(place) {
            Some(place)
        } else {
            (0..current.len()).find(|&i| free_with_source(i))
        };
        if let Some(i) = found {
            out[i] = Some(Matched {
                entry: j,
                same: true,
            });
            used[j] = true;
        }
    }
    pair_between_neighbours(current, recorded, &mut out, &mut used);
    out
}

/// Pairs the texts left unmatched with the recorded entries left unused
/// that stand between the same matched neighbours.
fn pair_between_neighbours(
    current: &[Current],
    recorded: &[&Entry],
    out: &mut [Option<Matched>],
    used: &mut [bool],
) {
    // Runs of unmatched texts, each with the matched neighbours around it
    // (the group's start and end stand for neighbours too).
    let mut before: Option<usize> = None;
    let mut run: Vec<usize> = Vec::new();
    for i in 0..=current.len() {
        let anchor = if i == current.len() {
            Some(recorded.len())
        } else {
            out[i].map(|m| m.entry)
        };
        let Some(after) = anchor else {
            run.push(i);
            continue;
        };
        if !run.is_empty() {
            let from = before.map_or(0, |b| b + 1);
            let candidates: Vec<usize> = if from <= after {
                (from..after).filter(|&j| !used[j]).collect()
            } else {
                Vec::new()
            };
            pair_run(current, recorded, &run, &candidates, out, used);
            run.clear();
        }
        before = Some(after);
    }
}

/// Pairs the texts of one run with the candidate entries: the only one
/// with the only one, else the most alike pairs.
fn pair_run(
    current: &[Current],
    recorded: &[&Entry],
    run: &[usize],
    candidates: &[usize],
    out: &mut [Option<Matched>],
    used: &mut [bool],
) {
    let pair = |i: usize, j: usize, out: &mut [Option<Matched>], used: &mut [bool]| {
        out[i] = Some(Matched {
            entry: j,
            same: current[i].source == recorded[j].source,
        });
        used[j] = true;
    };
    match (run, candidates) {
        ([], _) | (_, []) => {}
        ([i], [j]) => pair(*i, *j, out, used),
        _ => {
            let mut scored: Vec<(f32, usize, usize)> = Vec::new();
            for &i in run {
                for &j in candidates {
                    let ratio = if current[i].source == recorded[j].source {
                        1.0
                    } else {
                        TextDiff::from_chars(current[i].source, recorded[j].source.as_str()).ratio()
                    };
                    if ratio >= ALIKE {
                        scored.push((ratio, i, j));
                    }
                }
            }
            // The most alike first; between equals, in order.
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            for (_, i, j) in scored {
                if out[i].is_none() && !used[j] {
                    pair(i, j, out, used);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(context: &str, source: &str) -> Entry {
        Entry {
            context: context.into(),
            source: source.into(),
            translation: format!("<{source}>"),
            ..Entry::default()
        }
    }

    fn matched(
        chapter: bool,
        current: &[(&str, &str)],
        recorded: &[Entry],
    ) -> Vec<Option<(usize, bool)>> {
        let current: Vec<Current> = current
            .iter()
            .map(|(context, source)| Current { context, source })
            .collect();
        let recorded: Vec<&Entry> = recorded.iter().collect();
        match_group(chapter, &current, &recorded)
            .into_iter()
            .map(|m| m.map(|m| (m.entry, m.same)))
            .collect()
    }

    #[test]
    fn data_texts_match_by_context_whatever_their_order() {
        let recorded = [
            entry("values.toml a.x.note", "one"),
            entry("values.toml b.y.note", "two"),
        ];
        let found = matched(
            false,
            &[
                ("values.toml 0.new.note", "fresh"),
                ("values.toml b.y.note", "two, changed"),
                ("values.toml a.x.note", "one"),
            ],
            &recorded,
        );
        assert_eq!(found, [None, Some((1, false)), Some((0, true))]);
    }

    #[test]
    fn a_new_text_between_the_same_neighbours_continues_a_gone_one_fuzzily() {
        let recorded = [
            entry("t.toml rows[a].x.text", "A"),
            entry("t.toml rows[\"Old label\"].x.text", "Old label"),
            entry("t.toml rows[c].x.text", "C"),
        ];
        let found = matched(
            false,
            &[
                ("t.toml rows[a].x.text", "A"),
                ("t.toml rows[\"New label\"].x.text", "New label"),
                ("t.toml rows[c].x.text", "C"),
            ],
            &recorded,
        );
        assert_eq!(found, [Some((0, true)), Some((1, false)), Some((2, true))]);
        // Among several, the most alike pair; the inserted one stays new.
        let recorded = [
            entry("ch paragraph", "First."),
            entry("ch paragraph", "The harbour is old."),
            entry("ch paragraph", "Last."),
        ];
        let found = matched(
            true,
            &[
                ("ch paragraph", "First."),
                ("ch paragraph", "A lighthouse guides the ships at night."),
                ("ch paragraph", "The harbour is very old."),
                ("ch paragraph", "Last."),
            ],
            &recorded,
        );
        assert_eq!(
            found,
            [Some((0, true)), None, Some((1, false)), Some((2, true))]
        );
    }

    #[test]
    fn a_positional_record_is_read_by_the_texts_it_holds() {
        let recorded = [
            entry("ch 1 heading", "Title"),
            entry("ch 2 paragraph", "Same."),
            entry("ch 3 paragraph", "Other."),
            entry("ch 4 paragraph", "Same."),
        ];
        let found = matched(
            true,
            &[
                ("ch heading", "Title"),
                ("ch paragraph", "Inserted."),
                ("ch paragraph", "Same."),
                ("ch paragraph", "Other."),
                ("ch paragraph #2", "Same."),
            ],
            &recorded,
        );
        assert_eq!(
            found,
            [
                Some((0, true)),
                None,
                Some((1, true)),
                Some((2, true)),
                Some((3, true))
            ]
        );
        assert_eq!(
            positional("tables/x.toml 12 text"),
            Some(("tables/x.toml", 11))
        );
        assert_eq!(positional("background list item"), None);
        assert_eq!(positional("values.toml port.quais.note"), None);
    }

    #[test]
    fn crossed_neighbours_pair_nothing_between_them() {
        let recorded = [
            entry("ch paragraph", "B."),
            entry("ch paragraph", "Gone."),
            entry("ch paragraph", "A."),
        ];
        let found = matched(
            true,
            &[
                ("ch paragraph", "A."),
                ("ch paragraph", "New."),
                ("ch paragraph", "B."),
            ],
            &recorded,
        );
        assert_eq!(found, [Some((2, true)), None, Some((0, true))]);
    }
}
