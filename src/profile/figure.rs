//! A figure of the model: what `figures/<id>.toml` says, with its content
//! decided once when the file is loaded (a chart, an image, or a frame saying
//! the content is not available or still to do), so that no later stage
//! meets a figure with none or several of them.

use std::path::Path;

use toml::Spanned;

use super::files::{ChartSpec, FigureFile, FigureKind, FigureStatus, Numbering};
use super::text::LocalText;
use crate::base::diag::Diagnostics;
use crate::base::source::{SourceFile, Sources};

/// A figure that is not a plain table, as the later stages read it.
#[derive(Debug, Clone)]
pub struct Figure {
    pub kind: FigureKind,
    /// "figure" (default) numbers it "Fig. N:", "none" leaves it unnumbered.
    pub number: Option<Spanned<Numbering>>,
    pub caption: LocalText,
    pub source: Option<LocalText>,
    pub footnote: Option<LocalText>,
    /// One sentence that says what the figure shows, for screen readers.
    pub alt: Option<LocalText>,
    /// Notes printed under the figure.
    pub note: Option<LocalText>,
    /// What the figure shows.
    pub content: FigureContent,
}

/// What a figure shows: exactly one of `[chart]`, `image` and `status`.
#[derive(Debug, Clone)]
pub enum FigureContent {
    /// `[chart]`: a chart drawn from a table.
    Chart(Box<Spanned<ChartSpec>>),
    /// `image`: a photo, map or chart as an image file in the profile
    /// folder (the path as written, relative to the folder).
    Image(Spanned<String>),
    /// `status = "unavailable"`: the source lost this figure's content; a
    /// "not available" frame is printed. `status_at` is the byte offset of
    /// the `status` value in the file.
    Unavailable { status_at: usize },
    /// `status = "todo"`: a placeholder of a new profile; a "to do" frame
    /// is printed. `status_at` is the byte offset of the `status` value.
    Todo { status_at: usize },
}

impl Figure {
    /// How the figure is numbered (`Fig. N:` unless `number` says otherwise).
    pub fn numbering(&self) -> Numbering {
        self.number
            .as_ref()
            .map_or(Numbering::Figure, |n| *n.get_ref())
    }
}

/// Turns a parsed `figures/<id>.toml` into the model's figure: reports, at
/// their places in `file`, a figure with none or several contents, an image
/// that is not a usable file in the profile folder `dir`, a missing `alt`
/// and a chart without series or labels. `None` when the figure has not
/// exactly one content (the other problems are reported, and the figure
/// kept).
pub(super) fn figure(
    sources: &Sources,
    dir: &Path,
    id: &str,
    file: &SourceFile,
    raw: FigureFile,
    diags: &mut Diagnostics,
) -> Option<Figure> {
    let problem = match (&raw.status, &raw.chart, &raw.image) {
        (None, None, None) => Some(format!("figure `{id}` has no content: add a [chart] drawn from a table, an `image`, or status = \"unavailable\"")),
        (Some(_), None, None) | (None, Some(_), None) | (None, None, Some(_)) => None,
        _ => Some(format!("figure `{id}` has more than one of `status`, [chart] and `image`: keep one of them")),
    };
    if let Some(problem) = problem {
        diags.push(file.error(0, problem));
    }
    if let Some(image) = &raw.image {
        super::check_image(sources, dir, file, image, diags);
        if raw.alt.is_none() {
            diags.push(file.error(
                image.span().start,
                format!("figure `{id}` needs `alt`: one sentence saying what the image shows, for readers who cannot see it"),
            ));
        }
    }
    if let Some(chart) = &raw.chart {
        check_chart(id, file, chart, raw.alt.is_some(), diags);
    }
    let content = match (raw.status, raw.chart, raw.image) {
        (None, Some(chart), None) => FigureContent::Chart(Box::new(chart)),
        (None, None, Some(image)) => FigureContent::Image(image),
        (Some(status), None, None) => {
            let status_at = status.span().start;
            match status.into_inner() {
                FigureStatus::Unavailable => FigureContent::Unavailable { status_at },
                FigureStatus::Todo => FigureContent::Todo { status_at },
            }
        }
        // None or several contents: reported above.
        _ => return None,
    };
    Some(Figure {
        kind: raw.kind,
        number: raw.number,
        caption: raw.caption,
        source: raw.source,
        footnote: raw.footnote,
        alt: raw.alt,
        note: raw.note,
        content,
    })
}

/// A chart names its data and says in words what it shows.
fn check_chart(
    id: &str,
    file: &SourceFile,
    chart: &Spanned<ChartSpec>,
    has_alt: bool,
    diags: &mut Diagnostics,
) {
    if !has_alt {
        diags.push(file.error(
            chart.span().start,
            format!("chart `{id}` needs `alt`: one sentence saying what it shows, for readers who cannot see it"),
        ));
    }
    let c = chart.get_ref();
    let series = c.series.get_ref();
    if series.is_empty() {
        diags.push(file.error(
            c.series.span().start,
            "a chart needs at least one series, like series = [{ column = \"count\" }]",
        ));
    }
    if series.len() > 1 {
        for s in series {
            if s.label.is_none() {
                diags.push(file.error(
                    s.column.span().start,
                    "with several series, each needs a `label` for the legend",
                ));
            }
        }
    }
    if c.labels.is_none() && c.category_labels.is_none() {
        diags.push(file.error(
            chart.span().start,
            "a chart needs `labels` (the column that names the categories) or `category_labels`",
        ));
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    /// The figure `f` made of `text`, with the messages of converting it.
    fn convert(text: &str) -> (Option<Figure>, Vec<String>) {
        let sources = Sources::in_memory([("/p/images/a.png", b"\x89PNG....".as_slice())]);
        let file = SourceFile {
            path: PathBuf::from("/p/figures/f.toml"),
            text: text.to_string(),
        };
        let raw: FigureFile = toml::from_str(text).expect("the test's TOML parses");
        let mut diags = Diagnostics::new();
        let figure = figure(&sources, Path::new("/p"), "f", &file, raw, &mut diags);
        (figure, diags.into_iter().map(|d| d.to_string()).collect())
    }

    const CHART: &str =
        "\n[chart]\ntype = \"bar\"\ntable = \"t\"\nlabels = \"a\"\nseries = [{ column = \"b\" }]\n";

    #[test]
    fn a_chart_is_a_chart() {
        let text = format!(
            "kind = \"chart\"\ncaption = {{ en = \"C\" }}\nalt = {{ en = \"A\" }}\n{CHART}"
        );
        let (figure, messages) = convert(&text);
        assert!(messages.is_empty(), "{messages:?}");
        assert!(matches!(
            figure.map(|f| f.content),
            Some(FigureContent::Chart(_))
        ));
    }

    #[test]
    fn a_status_keeps_its_place() {
        let text = "kind = \"map\"\ncaption = { en = \"C\" }\nstatus = \"todo\"\n";
        let (figure, messages) = convert(text);
        assert!(messages.is_empty(), "{messages:?}");
        let at = text.find("\"todo\"").expect("the status is in the text");
        assert!(matches!(
            figure.map(|f| f.content),
            Some(FigureContent::Todo { status_at }) if status_at == at
        ));
    }

    #[test]
    fn a_chart_and_an_image_are_refused_and_both_checked() {
        let text = format!(
            "kind = \"chart\"\ncaption = {{ en = \"C\" }}\nimage = \"images/a.png\"\n{CHART}"
        );
        let (figure, messages) = convert(&text);
        assert!(figure.is_none());
        assert!(
            messages[0].contains("f.toml:1:1: figure `f` has more than one of"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("f.toml:3:9: figure `f` needs `alt`"),
            "{messages:?}"
        );
        assert!(
            messages[2].contains("chart `f` needs `alt`"),
            "{messages:?}"
        );
    }

    #[test]
    fn a_figure_without_content_is_refused() {
        let (figure, messages) = convert("kind = \"photo\"\ncaption = { en = \"C\" }\n");
        assert!(figure.is_none());
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].contains("figure `f` has no content"),
            "{messages:?}"
        );
    }
}
