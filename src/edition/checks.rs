//! What an edition checks once its chapters are converted: every table and
//! figure placed (or otherwise printed), every alternative text written,
//! every figure's status reported, no table printed twice. What the final
//! print run (`--strict`) refuses is a warning in other builds.

use std::collections::BTreeSet;

use crate::base::diag::Diagnostics;
use crate::markdown::Placement;
use crate::profile::{FigureContent, LocalText, Numbering, Profile};

use super::text_in;

/// What the chapters of an edition placed and quoted.
pub(super) struct Placed {
    /// Every `{{table:ID}}`, `{{figure:ID}}`, `{{components}}` and
    /// `{{links}}` met, each once.
    pub(super) placements: Vec<Placement>,
    /// Tables whose cells the text quotes (`{{table.row.column}}`).
    pub(super) quoted: BTreeSet<String>,
}

impl Placed {
    fn table(&self, id: &str) -> bool {
        self.placements
            .iter()
            .any(|p| matches!(p, Placement::Table(t) if t == id))
    }

    fn figure(&self, id: &str) -> bool {
        self.placements
            .iter()
            .any(|p| matches!(p, Placement::Figure(f) if f == id))
    }
}

/// Checks the tables and figures of the `lang` edition against what its
/// chapters placed: a table numbered but not placed, or printed nowhere; a
/// figure not placed; a table both placed and printed with its chart. An
/// empty alternative text is an error in every build; a figure's status
/// (content unavailable, or still to do) is reported.
pub(super) fn run(profile: &Profile, lang: &str, placed: &Placed, diags: &mut Diagnostics) {
    for (id, table) in &profile.tables {
        let is_placed = placed.table(id);
        if !is_placed && table.value.number.get_ref() != &Numbering::None {
            diags.push(table.file.print_run_gap(0, format!("table `{id}` is numbered but not placed in any chapter: add {{{{table:{id}}}}} where it belongs")));
        } else if !is_placed && !placed.quoted.contains(id.as_str()) && !charted(profile, id) {
            diags.push(table.file.print_run_gap(0, format!("table `{id}` is printed nowhere: no chapter places it ({{{{table:{id}}}}}), quotes it ({{{{{id}.ROW.COLUMN}}}}) or draws it in a chart; place it, or delete the file")));
        }
    }
    // Alternative texts must say something (PDF/UA): an empty or blank one
    // is refused at its line, in the language that lacks it.
    let blank_alt = |alt: &LocalText| text_in(alt, lang).trim().is_empty();
    if let Some(cover) = &profile.meta.value.cover {
        if blank_alt(&cover.alt) {
            diags.push(profile.meta.file.error(cover.alt.span.start, format!("the cover picture's `alt` text is empty in {lang}: write what the picture shows, for readers who cannot see it")));
        }
    }
    for (id, figure) in &profile.figures {
        let shows_something = match figure.value.content {
            FigureContent::Chart(_) | FigureContent::Image(_) => true,
            FigureContent::Unavailable { .. } | FigureContent::Todo { .. } => false,
        };
        if let Some(alt) = figure
            .value
            .alt
            .as_ref()
            .filter(|alt| shows_something && blank_alt(alt))
        {
            diags.push(figure.file.error(alt.span.start, format!("figure `{id}`: its `alt` text is empty in {lang}: write one sentence saying what it shows, for readers who cannot see it")));
        }
        if !placed.figure(id) {
            diags.push(figure.file.print_run_gap(0, format!("figure `{id}` is not placed in any chapter: add {{{{figure:{id}}}}} where it belongs")));
        }
        let caption = || text_in(&figure.value.caption, &profile.source_language());
        match &figure.value.content {
            // Printed as "not available" on purpose: a warning even for the
            // final print run.
            FigureContent::Unavailable { status_at } => diags.push(figure.file.warning(*status_at, format!(
                "figure `{id}` (\"{}\"): its content is not available; every edition prints its caption and source with a \"not available\" frame", caption()
            ))),
            FigureContent::Todo { status_at } => diags.push(figure.file.print_run_gap(*status_at, format!(
                "to do: figure `{id}` (\"{}\") has no content yet: add a chart, image or map, or mark it `status = \"unavailable\"`", caption()
            ))),
            FigureContent::Chart(chart) => {
            let spec = chart.get_ref();
            if spec.with_table && placed.table(spec.table.get_ref()) {
                diags.push(figure.file.error(
                    spec.table.span().start,
                    format!(
                        "table `{}` is placed in the text and also printed with this chart (with_table = true): keep one",
                        spec.table.get_ref()
                    ),
                ));
            }
            }
            FigureContent::Image(_) => {}
        }
    }
}

/// Whether a chart of the profile draws from table `id`.
fn charted(profile: &Profile, id: &str) -> bool {
    profile.figures.values().any(|figure| {
        matches!(&figure.value.content, FigureContent::Chart(chart) if chart.get_ref().table.get_ref() == id)
    })
}
