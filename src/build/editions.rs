//! Laying out, exporting and writing the prepared editions, in parallel.

use std::time::Instant;

use super::emit::{emit_profile_files, emit_typst};
use super::{edition_ident, BuildOptions, BuiltEdition, EditionTimings, PreparedEdition};
use crate::base::diag::Diagnostic;
use crate::profile::Profile;
use crate::typeset::compile;
use crate::typeset::world::EditionWorld;

/// What becomes of a laid-out and exported edition.
#[derive(Clone, Copy)]
pub(super) enum Output<'a> {
    /// `build`: its PDF is written (and its sources, with `--emit-typst`).
    Write(&'a BuildOptions),
    /// `check`: the PDF is made in memory, so that every problem the export
    /// finds is reported, then dropped; nothing is written.
    Discard,
}

/// What becomes of Typst's caches (its memoised layouts and evaluations)
/// while the editions are laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Caches {
    /// Kept for the next build (`watch`: a rebuild reuses them); all the
    /// editions are laid out at once.
    Keep,
    /// Dropped after each group of editions (`build`, `check`): as many
    /// editions are laid out at once as rayon's pool has threads, and their
    /// caches are dropped before the next group starts, so that a build's
    /// peak memory is about that many editions' worth, whatever the number
    /// of editions (the caches of one edition serve no other: each has its
    /// own language, text and data).
    Free,
}

/// Lays out the editions in parallel on rayon's thread pool, the one Typst
/// itself uses inside each layout: editions and their pages share the cores
/// by work stealing instead of competing threads. With [`Caches::Free`], in
/// groups of as many editions as the pool has threads. Outcomes come back
/// in edition order.
pub(super) fn render_editions(
    output: Output,
    caches: Caches,
    profile: &Profile,
    editions: &[(String, u64, &PreparedEdition, EditionWorld)],
) -> Vec<(Option<BuiltEdition>, Vec<Diagnostic>)> {
    if caches == Caches::Keep || editions.is_empty() {
        return render_group(output, profile, editions);
    }
    let in_flight = rayon::current_num_threads().max(1);
    let mut outcomes = Vec::with_capacity(editions.len());
    for group in editions.chunks(in_flight) {
        outcomes.extend(render_group(output, profile, group));
        typst::comemo::evict(0);
    }
    outcomes
}

/// Lays out editions at once on rayon's pool; outcomes in edition order.
fn render_group(
    output: Output,
    profile: &Profile,
    editions: &[(String, u64, &PreparedEdition, EditionWorld)],
) -> Vec<(Option<BuiltEdition>, Vec<Diagnostic>)> {
    use rayon::prelude::*;
    editions
        .par_iter()
        .map(|(_, _, edition, world)| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                render_edition(output, profile, edition, world)
            }))
            .unwrap_or_else(|payload| {
                let what = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                (
                    None,
                    vec![Diagnostic::error(
                        &profile.meta.file.path,
                        None,
                        format!(
                            "the {} edition could not be laid out: Typst stopped on an internal error ({what}), which some element of this edition's text or data provokes. No PDF of this edition was written; the last good one stays. `check --lang {}` reports the edition's other problems; `build --emit-typst DIR` writes the sources Typst was given",
                            edition.sources.lang, edition.sources.lang
                        ),
                    )],
                )
            })
        })
        .collect()
}

/// Lays out one edition, exports its PDF and writes it (with
/// `Output::Write`; `check` gets no edition back, only the problems).
fn render_edition(
    output: Output,
    profile: &Profile,
    edition: &PreparedEdition,
    world: &EditionWorld,
) -> (Option<BuiltEdition>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let lang = &edition.sources.lang;
    let mut timings = EditionTimings {
        markdown: edition.sources.text_time,
        charts: edition.sources.chart_time,
        ..EditionTimings::default()
    };
    let emit_dir = match output {
        Output::Write(options) => options.emit_typst.as_ref(),
        Output::Discard => None,
    };
    let emitting = match emit_dir.map(|dir| emit_typst(dir, profile, edition, world)) {
        Some(Err(d)) => {
            problems.push(d);
            return (None, problems);
        }
        Some(Ok(emitting)) => Some(emitting),
        None => None,
    };
    let clock = Instant::now();
    let compiled = match output {
        Output::Write(options) if options.count_passes => {
            let (compiled, passes) = compile::compile_counting_passes(world);
            timings.passes = passes;
            compiled
        }
        _ => compile::compile(world),
    };
    if let Some(emitting) = emitting {
        if let Err(d) = emit_profile_files(emitting, world) {
            problems.push(d);
        }
    }
    let document = match compiled {
        Ok((document, warnings)) => {
            problems.extend(warnings);
            document
        }
        Err(errors) => {
            problems.extend(errors);
            return (None, problems);
        }
    };
    timings.compile = clock.elapsed();
    if !edition.print {
        problems.extend(mostly_empty_warning(profile, lang, &document));
    }
    let clock = Instant::now();
    let ident = edition_ident(profile, edition);
    let pdf = match compile::export_pdf(world, &document, &ident) {
        Ok(pdf) => pdf,
        Err(errors) => {
            problems.extend(errors);
            return (None, problems);
        }
    };
    timings.pdf_export = clock.elapsed();
    let Output::Write(options) = output else {
        return (None, problems);
    };
    let clock = Instant::now();
    let path = options.out_dir.join(format!("{ident}.pdf"));
    if let Err(d) = crate::base::io::write_atomically(&path, &pdf) {
        problems.push(d);
        return (None, problems);
    }
    timings.write = clock.elapsed();
    let built = BuiltEdition {
        lang: lang.clone(),
        print: edition.print,
        path,
        pages: document.pages().len(),
        timings,
        unchanged: false,
        part_pages: compile::part_pages(&document),
    };
    (Some(built), problems)
}

/// A warning naming the mostly empty spreads of a laid-out screen edition
/// (`typeset::page_fill`), or none; a warning that the pages cannot be
/// measured when the template does not mark its text block.
fn mostly_empty_warning(
    profile: &Profile,
    lang: &str,
    document: &typst_layout::PagedDocument,
) -> Option<Diagnostic> {
    let file = &profile.meta.file.path;
    let Some(pages) = crate::typeset::page_fill::mostly_empty_pages(document) else {
        return Some(Diagnostic::warning(
            file,
            None,
            format!("the {lang} edition's pages were not measured for white space: the template's page set-up does not mark its text block (`#metadata((top: ..., bottom: ...)) <text-block>`, as the built-in page.typ does)"),
        ));
    };
    if pages.is_empty() {
        return None;
    }
    let list: Vec<String> = pages.iter().map(|p| p.describe()).collect();
    Some(Diagnostic::warning(
        file,
        None,
        format!(
            "the {lang} edition has {} mostly empty spread(s): {}. A figure placed where it can stand in the text, a shorter or longer passage, a `[[blank_pages]]` entry in profile.toml (a key-figures panel, a photo or a quotation on the blank page) or `openers = \"any page\"` in [theme] (no blank page before a chapter opener) fills them",
            pages.len(),
            list.join("; ")
        ),
    ))
}
