//! A figure's chart in one edition: its categories and series taken from
//! the table it draws (values checked, missing cells kept as gaps, cells
//! that are "nothing" drawn as zero and labelled with their mark, value
//! labels with the decimals the cells write, the table's group bands as
//! category groups), its options checked against what the chart kind
//! honours, and the chart drawn by [`crate::chart`] (geometry as SVG, labels
//! for the template) with the theme's palette.

use super::data::DrawnChart;
use super::resolve::list;
use super::{row_grid, Formatter};
use crate::base::diag::{Diagnostic, Diagnostics};
use crate::chart::{self, ChartData, ChartStyle, Series};
use crate::profile::missing_marks::{printed_mark, MissingMeaning};
use crate::profile::{
    self, Cell, CellValue, ChartSpec, Figure, FigureContent, Loaded, Profile, RowContent,
    SeriesField, Table, TableKind,
};
use std::collections::{BTreeMap, BTreeSet};

/// Where a figure's chart is in the edition's files.
fn chart_path(id: &str) -> String {
    format!("charts/{id}.svg")
}

/// Why a cell a chart draws gives it no number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoNumber {
    /// The cell holds words.
    Text,
    /// The chart draws shares and the cell has none.
    NoShare,
}

impl std::fmt::Display for NoNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NoNumber::Text => "is text, not a number",
            NoNumber::NoShare => "has no `share`",
        })
    }
}

/// What a chart draws for one table cell.
struct Point {
    /// `None` for a missing value (a gap).
    value: Option<f64>,
    /// The printed "nothing" mark of a cell that is exactly zero.
    mark: Option<String>,
    /// The decimals the cell writes.
    decimals: Option<u8>,
}

impl Point {
    fn number(value: f64, decimals: Option<u8>) -> Point {
        Point {
            value: Some(value),
            mark: None,
            decimals,
        }
    }
}

/// A number from a table cell for a chart: a missing value is a gap, but
/// "nothing" (exactly zero, Destatis' `-`) is zero, labelled with its mark.
fn cell_number(cell: &Cell, field: SeriesField) -> Result<Point, NoNumber> {
    match (&cell.value, field) {
        (CellValue::Missing(Some(mark)), _) if mark.meaning == MissingMeaning::Nothing => {
            Ok(Point {
                value: Some(0.0),
                mark: Some(printed_mark(&mark.mark)),
                decimals: None,
            })
        }
        (CellValue::Missing(_), _) => Ok(Point {
            value: None,
            mark: None,
            decimals: None,
        }),
        (CellValue::Quantity(q), SeriesField::Value) => Ok(Point::number(q.value, q.decimals)),
        (CellValue::Quantity(q), SeriesField::Share) => q
            .share
            .map(|s| Point::number(s.value, s.decimals))
            .ok_or(NoNumber::NoShare),
        (CellValue::Plain(_), _) => Err(NoNumber::Text),
        (CellValue::Text(_) | CellValue::Lines(_), SeriesField::Value) => Err(NoNumber::Text),
        (CellValue::Text(_) | CellValue::Lines(_), SeriesField::Share) => Err(NoNumber::NoShare),
    }
}

/// Takes a chart's categories and series from its table, for one edition.
pub fn chart_data(
    profile: &Profile,
    figure: &Loaded<Figure>,
    spec: &ChartSpec,
    fmt: &Formatter,
) -> Result<ChartData, Diagnostic> {
    let file = &figure.file;
    let table_id = spec.table.get_ref();
    let Some(table) = profile.tables.get(table_id.as_str()) else {
        return Err(file.error(
            spec.table.span().start,
            format!("the chart draws table `{table_id}`, but there is no tables/{table_id}.toml (tables: {})", list(profile.tables.keys())),
        ));
    };
    let t = &table.value;
    if t.kind == TableKind::List {
        return Err(file.error(
            spec.table.span().start,
            format!("`{table_id}` is a list, not a table of numbers"),
        ));
    }
    let column_index = |id: &toml::Spanned<String>| -> Result<usize, Diagnostic> {
        t.columns
            .get_ref()
            .iter()
            .position(|c| c.id.as_deref() == Some(id.get_ref().as_str()))
            .ok_or_else(|| {
                let ids: Vec<&str> = t
                    .columns
                    .get_ref()
                    .iter()
                    .filter_map(|c| c.id.as_deref())
                    .collect();
                file.error(
                    id.span().start,
                    format!(
                        "table `{table_id}` has no column `{}` (column ids: {})",
                        id.get_ref(),
                        if ids.is_empty() {
                            "none".to_string()
                        } else {
                            ids.join(", ")
                        }
                    ),
                )
            })
    };
    let label_column = spec.labels.as_ref().map(&column_index).transpose()?;
    let series_columns: Vec<usize> = spec
        .series
        .get_ref()
        .iter()
        .map(|s| column_index(&s.column))
        .collect::<Result<_, _>>()?;

    // The rows drawn: the chosen ids in order, or every data row.
    let grid = row_grid(t);
    let data_rows: Vec<usize> = match &spec.rows {
        Some(ids) => ids
            .get_ref()
            .iter()
            .map(|id| {
                t.rows
                    .iter()
                    .position(|r| {
                        r.get_ref().id.as_deref() == Some(id.as_str())
                            && matches!(r.get_ref().content, RowContent::Cells(_))
                    })
                    .ok_or_else(|| {
                        file.error(
                            ids.span().start,
                            format!("table `{table_id}` has no data row with id `{id}`"),
                        )
                    })
            })
            .collect::<Result<_, _>>()?,
        None => (0..t.rows.len())
            .filter(|i| matches!(t.rows[*i].get_ref().content, RowContent::Cells(_)))
            .collect(),
    };

    let categories: Vec<String> = match (&spec.category_labels, label_column) {
        (Some(labels), _) => {
            if labels.get_ref().len() != data_rows.len() {
                return Err(file.error(
                    labels.span().start,
                    format!(
                        "{} category labels for {} rows: give one label per row drawn",
                        labels.get_ref().len(),
                        data_rows.len()
                    ),
                ));
            }
            labels.get_ref().iter().map(|l| fmt.text(l)).collect()
        }
        (None, Some(column)) => data_rows
            .iter()
            .map(|r| {
                grid[*r][column]
                    .map(|c| fmt.cell_lines(c).join(" "))
                    .unwrap_or_default()
            })
            .collect(),
        // Loading refuses such a chart already (`profile::figure`); the
        // same message here rather than a panic.
        (None, None) => return Err(file.error(
            spec.kind.span().start,
            "a chart needs `labels` (the column that names the categories) or `category_labels`",
        )),
    };

    let mut series = Vec::new();
    for (s, column) in spec.series.get_ref().iter().zip(&series_columns) {
        let mut points = Vec::new();
        for r in &data_rows {
            let value = match grid[*r][*column] {
                Some(cell) => cell_number(cell, s.field).map_err(|problem| {
                    table.file.error(
                        t.rows[*r].span().start,
                        format!(
                            "the chart `{}` draws column `{}` of this row, but its cell {problem}",
                            stem(&figure.file.path),
                            s.column.get_ref()
                        ),
                    )
                })?,
                None => Point {
                    value: None,
                    mark: None,
                    decimals: None,
                },
            };
            points.push(value);
        }
        let name = s.label.as_ref().map(|l| fmt.text(l)).unwrap_or_default();
        series.push(Series {
            name,
            values: points.iter().map(|p| p.value).collect(),
            marks: points.iter().map(|p| p.mark.clone()).collect(),
            decimals: points.iter().filter_map(|p| p.decimals).max(),
        });
    }
    let groups = if matches!(
        spec.kind.get_ref(),
        chart::ChartKind::Bar | chart::ChartKind::Hbar
    ) {
        category_groups(t, &data_rows, fmt)
    } else {
        Vec::new()
    };
    let data = ChartData {
        categories,
        series,
        groups,
    };
    chart::validate(*spec.kind.get_ref(), &data).map_err(|message| {
        file.error(
            spec.kind.span().start,
            format!(
                "a `{}` chart cannot draw this data: {message}",
                spec.kind.get_ref().name()
            ),
        )
    })?;
    Ok(data)
}

fn stem(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The colours of a chart's series: the theme's two colours, then tints
/// of them that stay apart from them in greyscale (`chart::palette`).
fn palette(profile: &Profile) -> Vec<(u8, u8, u8)> {
    let theme = &profile.meta.value.theme;
    let colours: Vec<(u8, u8, u8)> = [theme.primary.get_ref(), theme.accent.get_ref()]
        .into_iter()
        .filter_map(|c| profile::parse_hex_colour(c))
        .collect();
    chart::palette::palette(&colours)
}

/// The category groups of the drawn rows: the table's group bands, when the
/// rows come from more than one of them (bar and hbar charts).
fn category_groups(t: &Table, data_rows: &[usize], fmt: &Formatter) -> Vec<chart::Group> {
    let group_of = |r: usize| match &t.rows[r].get_ref().content {
        RowContent::Group(group) => Some(group),
        RowContent::Cells(_) | RowContent::Head(_) => None,
    };
    let band_of = |r: usize| (0..r).rev().find(|i| group_of(*i).is_some());
    // A row above every band leaves the chart without groups.
    let Some(bands) = data_rows
        .iter()
        .map(|r| band_of(*r))
        .collect::<Option<Vec<usize>>>()
    else {
        return Vec::new();
    };
    let distinct: BTreeSet<usize> = bands.iter().copied().collect();
    if distinct.len() < 2 {
        return Vec::new();
    }
    let mut groups: Vec<chart::Group> = Vec::new();
    for (i, &band) in bands.iter().enumerate() {
        if i > 0 && bands[i - 1] == band {
            if let Some(last) = groups.last_mut() {
                last.len += 1;
            }
            continue;
        }
        let name = group_of(band).map(|g| fmt.text(g)).unwrap_or_default();
        groups.push(chart::Group {
            name,
            start: i,
            len: 1,
        });
    }
    groups
}

/// The offset of `key = ...` in a file, at or after `from` (the option's
/// line for an error), or `from` when the key is not written there.
fn key_offset(text: &str, from: usize, key: &str) -> usize {
    let rest = &text[from.min(text.len())..];
    let mut search = 0;
    while let Some(i) = rest[search..].find(key) {
        let at = search + i;
        let before = rest[..at].chars().next_back();
        let after = rest[at + key.len()..].trim_start();
        if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') && after.starts_with('=') {
            return from + at;
        }
        search = at + key.len();
    }
    from
}

/// Refuses the options of a chart spec that its kind would ignore, at the
/// option's line.
fn check_chart_options(
    figure: &Loaded<Figure>,
    chart_at: usize,
    spec: &ChartSpec,
) -> Result<(), Diagnostic> {
    let file = &figure.file;
    let kind = *spec.kind.get_ref();
    if let (Some(labels), Some(_)) = (&spec.labels, &spec.category_labels) {
        return Err(file.error(
            labels.span().start,
            "`labels` (a column naming the categories) and `category_labels` (the names written here) both name the categories: keep one",
        ));
    }
    let series = spec.series.get_ref();
    let uses = chart::OptionUse {
        value_labels: spec.value_labels,
        unit: spec.unit,
        value_title: spec.value_title.is_some(),
        category_title: spec.category_title.is_some(),
        series: series.len(),
        labelled_series: series.iter().filter(|s| s.label.is_some()).count(),
    };
    if let Some((option, message)) = chart::refused_options(kind, &uses).into_iter().next() {
        let from = if option == "label" {
            series
                .first()
                .map(|s| s.column.span().start)
                .unwrap_or(chart_at)
        } else {
            chart_at
        };
        return Err(file.error(
            key_offset(&file.text, from, option),
            format!("`{option}` is not available here: {message}"),
        ));
    }
    Ok(())
}

/// Draws a figure's chart for one edition.
pub(super) fn draw_chart(
    profile: &Profile,
    figure: &Loaded<Figure>,
    chart_at: usize,
    spec: &ChartSpec,
    fmt: &Formatter,
) -> Result<(chart::Chart, ChartData), Diagnostic> {
    let data = chart_data(profile, figure, spec, fmt)?;
    check_chart_options(figure, chart_at, spec)?;
    let style = ChartStyle {
        palette: palette(profile),
        numbers: fmt.numbers.clone(),
        unit: spec.unit,
        value_labels: spec.value_labels,
        value_title: spec.value_title.as_ref().map(|t| fmt.text(t)),
        category_title: spec.category_title.as_ref().map(|t| fmt.text(t)),
        width: CHART_WIDTH,
        direction: fmt.direction,
        missing_mark: fmt.strings.missing_value.clone(),
    };
    chart::render(*spec.kind.get_ref(), &data, &style)
        .map(|chart| (chart, data))
        .map_err(|problem| {
            figure
                .file
                .error(spec.kind.span().start, problem.to_string())
        })
}

/// The SVG files of an edition's charts (path inside the edition, bytes),
/// the charts as the templates read them, by figure id, and the data each
/// chart draws with the id of its table, by figure id.
pub(super) type DrawnCharts = (
    Vec<(String, Vec<u8>)>,
    BTreeMap<crate::profile::FigureId, DrawnChart>,
    BTreeMap<crate::profile::FigureId, (String, ChartData)>,
);

/// Draws every chart of the profile for one edition. A chart that cannot
/// be drawn is an error in `diags` (and left out); one whose labels leave
/// its frame or overlap is a warning.
pub(super) fn draw_all(profile: &Profile, fmt: &Formatter, diags: &mut Diagnostics) -> DrawnCharts {
    let mut files = Vec::new();
    let mut drawn = BTreeMap::new();
    let mut data = BTreeMap::new();
    for (id, figure) in &profile.figures {
        let FigureContent::Chart(chart) = &figure.value.content else {
            continue;
        };
        // Its numbers as the language of its caption writes them.
        let (lang, _) = super::table::block_language(fmt, &[&figure.value.caption], None);
        let fmt = &fmt.for_block(&lang);
        match draw_chart(profile, figure, chart.span().start, chart.get_ref(), fmt) {
            Ok((c, chart_data)) => {
                data.insert(
                    id.clone(),
                    (chart.get_ref().table.get_ref().clone(), chart_data),
                );
                if let Err(problem) = c.check_layout() {
                    diags.push(figure.file.warning(
                        chart.span().start,
                        format!("chart `{id}` in {}: {problem}; shorter labels or another chart kind would fit", fmt.lang),
                    ));
                }
                // Every field named: a field added to the chart is a
                // decision about the templates' data, made here.
                let chart::Chart {
                    svg,
                    width,
                    height,
                    fonts,
                    labels,
                } = c;
                files.push((chart_path(id), svg.into_bytes()));
                drawn.insert(
                    id.clone(),
                    DrawnChart {
                        svg: format!("/{}", chart_path(id)),
                        width,
                        height,
                        fonts,
                        labels,
                    },
                );
            }
            Err(d) => diags.push(d),
        }
    }
    (files, drawn, data)
}

/// The width of the text column in points: charts are drawn at print size.
pub const CHART_WIDTH: f64 = 476.0;
