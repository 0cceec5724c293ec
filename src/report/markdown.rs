//! The change report as Markdown: per edition, the summary line, then old
//! → new for each value, table row and cell, chart category and sentence,
//! each with where the edition prints it (chapter and line, the chapter
//! that places the table or figure), and each changed chart's data before
//! and after as a small table. A chapter is given with the pages of the PDF
//! it runs over when the edition was laid out (a build; not `diff`).

use super::{EditionChanges, PointKind};
use crate::edition::record::RecordedChart;

/// The report of several editions under a `# title`; each edition's part
/// opens with `## <lang>` and its summary line.
pub fn markdown(title: &str, editions: &[EditionChanges]) -> String {
    let mut out = format!("# {title}\n");
    for changes in editions {
        out.push_str(&format!("\n## {}\n\n{}\n", changes.lang, changes.summary()));
        edition(changes, &mut out);
    }
    out
}

/// A cell of a Markdown table: its pipes escaped, its lines joined.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// `text`, or `–` for nothing.
fn or_none(text: Option<&str>) -> String {
    match text {
        Some(text) if !text.is_empty() => cell(text),
        _ => "–".to_string(),
    }
}

/// Where a value is quoted: the chapters and lines whose text quotes it,
/// then the texts of the data (captions, sources, notes, cells) that quote
/// it, each with the chapter that places its table or figure.
fn quoted_at(changes: &EditionChanges, reference: &str) -> String {
    let mut places: Vec<String> = changes
        .quotes
        .iter()
        .filter(|q| q.reference == reference)
        .map(|q| match q.line {
            Some(line) => format!("{} line {line}{}", q.chapter, pages_of(changes, &q.chapter)),
            None => format!("{}{}", q.chapter, pages_of(changes, &q.chapter)),
        })
        .collect();
    places.extend(
        changes
            .data_quotes
            .iter()
            .filter(|q| q.reference == reference)
            .map(|q| data_quote_at(changes, q)),
    );
    if places.is_empty() {
        "no chapter or text of the data quotes it".to_string()
    } else {
        places.join(", ")
    }
}

/// Where a text of the data quoting a value prints: `table `counts`
/// caption (tables/counts.toml line 2; table in intro, PDF pages 4–5)`.
fn data_quote_at(changes: &EditionChanges, quote: &crate::edition::record::DataQuote) -> String {
    let line = quote.line.map(|l| format!(" line {l}")).unwrap_or_default();
    let element = [("tables/", "table"), ("figures/", "figure")]
        .iter()
        .find_map(|(folder, kind)| {
            let id = quote.file.strip_prefix(folder)?.strip_suffix(".toml")?;
            Some((*kind, id.to_string()))
        });
    match element {
        Some((kind, id)) => {
            let placed = match changes.placed.get(&format!("{kind}:{id}")) {
                Some(chapter) => format!("; {kind} in {chapter}{}", pages_of(changes, chapter)),
                None => String::new(),
            };
            format!("{kind} `{id}` {} ({}{line}{placed})", quote.key, quote.file)
        }
        None => format!("{} {} ({}{line})", quote.file, quote.key, quote.file),
    }
}

/// Where a table is printed: the chapter placing it, and the figures that
/// draw it with the chapters placing them.
fn table_at(changes: &EditionChanges, table: &str) -> String {
    let mut places = Vec::new();
    if let Some(chapter) = changes.placed.get(&format!("table:{table}")) {
        places.push(format!("table in {chapter}{}", pages_of(changes, chapter)));
    }
    for (figure, drawn) in &changes.drawn_from {
        if drawn == table {
            places.push(format!("figure `{figure}`{}", figure_at(changes, figure)));
        }
    }
    if places.is_empty() {
        "placed nowhere".to_string()
    } else {
        places.join("; ")
    }
}

/// ` in <chapter>` for a placed figure.
fn figure_at(changes: &EditionChanges, figure: &str) -> String {
    changes
        .placed
        .get(&format!("figure:{figure}"))
        .map(|c| format!(" in {c}{}", pages_of(changes, c)))
        .unwrap_or_default()
}

/// `, PDF page 3` or `, PDF pages 3–5`: the pages a chapter runs over,
/// when the edition was laid out; empty otherwise.
fn pages_of(changes: &EditionChanges, chapter: &str) -> String {
    match changes.pages.get(chapter) {
        Some((first, last)) if first == last => format!(", PDF page {first}"),
        Some((first, last)) => format!(", PDF pages {first}–{last}"),
        None => String::new(),
    }
}

fn edition(changes: &EditionChanges, out: &mut String) {
    if !changes.values.is_empty() {
        out.push_str(
            "\n### Values\n\n| Value | Before | After | Printed in |\n| --- | --- | --- | --- |\n",
        );
        for v in &changes.values {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                v.id,
                or_none(v.old.as_deref()),
                or_none(v.new.as_deref()),
                cell(&quoted_at(changes, &v.id))
            ));
        }
    }
    if !changes.rows.is_empty() || !changes.cells.is_empty() {
        out.push_str("\n### Tables\n\n");
        for r in &changes.rows {
            let cells: Vec<String> = r
                .row
                .cells
                .iter()
                .map(|(c, t)| format!("{c}: {t}"))
                .collect();
            out.push_str(&format!(
                "- table `{}` ({}): row `{}` {}: {}\n",
                r.table,
                table_at(changes, &r.table),
                r.row.id,
                if r.added { "added" } else { "removed" },
                cells.join("; ")
            ));
        }
        for c in &changes.cells {
            out.push_str(&format!(
                "- table `{}` ({}): row `{}`, column `{}` revised: {} → {}\n",
                c.table,
                table_at(changes, &c.table),
                c.row,
                c.column,
                or_none(Some(&c.old)),
                or_none(Some(&c.new))
            ));
        }
    }
    if !changes.charts.is_empty() {
        out.push_str("\n### Charts\n");
        for chart in &changes.charts {
            out.push_str(&format!(
                "\n#### Figure `{}`{}\n\n",
                chart.figure,
                figure_at(changes, &chart.figure)
            ));
            match (&chart.before, &chart.after) {
                (None, Some(_)) => out.push_str("New chart.\n"),
                (Some(_), None) => out.push_str("The chart is no longer drawn.\n"),
                _ => {}
            }
            for r in &chart.renamed {
                let kind = match r.kind {
                    super::LabelKind::Series => "series label",
                    super::LabelKind::Category => "category label",
                };
                out.push_str(&format!(
                    "- {kind} renamed, same numbers: {} → {}\n",
                    r.old, r.new
                ));
            }
            for p in &chart.points {
                out.push_str(&format!("- {}\n", point_line(p)));
            }
            if chart.points.is_empty() && chart.renamed.is_empty() {
                out.push_str("- its labels changed, not its numbers\n");
            }
            for (heading, data) in [("Before", &chart.before), ("After", &chart.after)] {
                if let Some(data) = data {
                    out.push_str(&format!("\n{heading}:\n\n"));
                    chart_table(data, out);
                }
            }
        }
    }
    if !changes.sentences.is_empty() {
        out.push_str(
            "\n### Sentences\n\n| Chapter | Line | Reference | Before | After |\n| --- | --- | --- | --- | --- |\n",
        );
        for s in &changes.sentences {
            out.push_str(&format!(
                "| {}{} | {} | `{}` | {} | {} |\n",
                s.quote.chapter,
                pages_of(changes, &s.quote.chapter),
                s.quote.line.map(|l| l.to_string()).unwrap_or_default(),
                s.quote.reference,
                or_none(s.old.as_deref()),
                or_none(s.new.as_deref())
            ));
        }
    }
    if !changes.placements.is_empty() {
        out.push_str("\n### Tables and figures placed\n\n| Element | Chapter before | Chapter now |\n| --- | --- | --- |\n");
        for p in &changes.placements {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                p.element,
                or_none(p.old.as_deref()),
                or_none(p.new.as_deref())
            ));
        }
    }
    if !changes.outdated.is_empty() || !changes.missing.is_empty() || !changes.chapters.is_empty() {
        out.push_str("\n### Translation\n\n");
        for (chapter, before, after) in &changes.chapters {
            out.push_str(&format!("- chapter `{chapter}`: {before} → {after}\n"));
        }
        for s in &changes.outdated {
            out.push_str(&format!("- outdated: `{s}`\n"));
        }
        for s in &changes.missing {
            out.push_str(&format!("- untranslated: `{s}`\n"));
        }
    }
}

/// `2019 revised: 601,000 → 603,600` (one series) or `2020 revised: Men
/// 48.5 → 48.7, Women 51.5 → 51.3`; `2022 added: 49.5`.
fn point_line(p: &super::PointChange) -> String {
    let kind = match p.kind {
        PointKind::Revised => "revised",
        PointKind::Added => "added",
        PointKind::Removed => "removed",
    };
    let one = p.series.len() == 1;
    let values: Vec<String> = p
        .series
        .iter()
        .filter(|(_, old, new)| p.kind != PointKind::Revised || old != new)
        .map(|(name, old, new)| {
            let value = match p.kind {
                PointKind::Revised => {
                    format!("{} → {}", or_none(old.as_deref()), or_none(new.as_deref()))
                }
                PointKind::Added => or_none(new.as_deref()),
                PointKind::Removed => format!("was {}", or_none(old.as_deref())),
            };
            if one {
                value
            } else {
                format!("{name} {value}")
            }
        })
        .collect();
    format!("{} {kind}: {}", p.category, values.join(", "))
}

/// A chart's data as a Markdown table: a row per category, a column per
/// series.
fn chart_table(data: &RecordedChart, out: &mut String) {
    out.push('|');
    out.push_str(" |");
    for s in &data.series {
        out.push_str(&format!(" {} |", cell(&s.name)));
    }
    out.push_str("\n| ---");
    for _ in &data.series {
        out.push_str(" | ---:");
    }
    out.push_str(" |\n");
    for (i, category) in data.categories.iter().enumerate() {
        out.push_str(&format!("| {} |", cell(category)));
        for s in &data.series {
            out.push_str(&format!(
                " {} |",
                or_none(s.texts.get(i).map(String::as_str))
            ));
        }
        out.push('\n');
    }
}
