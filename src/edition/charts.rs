//! A figure's chart in one edition: its categories and series taken from
//! the table it draws (values checked, missing cells kept as gaps), and the
//! SVG drawn by [`crate::chart`] with the theme's palette.

use super::resolve::list;
use super::{row_grid, Formatter};
use crate::chart::{self, ChartData, ChartStyle, Series};
use crate::diagnostics::Diagnostic;
use crate::profile::{self, Cell, ChartSpec, FigureFile, Loaded, Profile, SeriesField, TableKind};

/// Where a figure's chart is in the edition's files.
pub(super) fn chart_path(id: &str) -> String {
    format!("charts/{id}.svg")
}

/// The colours of a chart's series: the theme's two colours, then tones that
/// stay apart from them in greyscale.
fn palette(profile: &Profile) -> Vec<(u8, u8, u8)> {
    let theme = &profile.meta.value.theme;
    let mut colours = Vec::new();
    for c in [theme.primary.get_ref(), theme.accent.get_ref()] {
        if let Some(rgb) = profile::parse_hex_colour(c) {
            colours.push(rgb);
        }
    }
    colours.extend([
        (0xa3, 0xbd, 0xd6),
        (0x6e, 0x6e, 0x6e),
        (0xd9, 0xd9, 0xd9),
        (0xf3, 0xc9, 0xa5),
    ]);
    colours
}

/// A number from a table cell for a chart; `None` for a missing value.
fn cell_number(cell: &Cell, field: SeriesField) -> Result<Option<f64>, &'static str> {
    match (cell, field) {
        (Cell::Number(v), SeriesField::Value) => Ok(Some(*v)),
        (Cell::Number(_), SeriesField::Share) => Err("has no `share`"),
        (Cell::Text(_), _) => Err("is text, not a number"),
        (Cell::Detailed(spec), _) if spec.missing => Ok(None),
        (Cell::Detailed(spec), SeriesField::Value) => {
            spec.value.map(Some).ok_or("is text, not a number")
        }
        (Cell::Detailed(spec), SeriesField::Share) => spec.share.map(Some).ok_or("has no `share`"),
    }
}

/// Takes a chart's categories and series from its table, for one edition.
pub fn chart_data(
    profile: &Profile,
    figure: &Loaded<FigureFile>,
    spec: &ChartSpec,
    fmt: &Formatter,
) -> Result<ChartData, Diagnostic> {
    let file = &figure.file;
    let table_id = spec.table.get_ref();
    let Some(table) = profile.tables.get(table_id) else {
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
                            && r.get_ref().cells.is_some()
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
            .filter(|i| t.rows[*i].get_ref().cells.is_some())
            .collect(),
    };

    let categories: Vec<String> = match &spec.category_labels {
        Some(labels) => {
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
        None => data_rows
            .iter()
            .map(|r| {
                let column = label_column.expect("labels checked");
                grid[*r][column]
                    .map(|c| fmt.cell_lines(c).join(" "))
                    .unwrap_or_default()
            })
            .collect(),
    };

    let mut series = Vec::new();
    for (s, column) in spec.series.get_ref().iter().zip(&series_columns) {
        let mut values = Vec::new();
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
                None => None,
            };
            values.push(value);
        }
        let name = s.label.as_ref().map(|l| fmt.text(l)).unwrap_or_default();
        series.push(Series { name, values });
    }
    let data = ChartData { categories, series };
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

/// Draws a figure's chart for one edition.
pub(super) fn chart_svg(
    profile: &Profile,
    figure: &Loaded<FigureFile>,
    spec: &ChartSpec,
    fmt: &Formatter,
) -> Result<String, Diagnostic> {
    let data = chart_data(profile, figure, spec, fmt)?;
    let style = ChartStyle {
        palette: palette(profile),
        numbers: fmt.numbers.clone(),
        unit: spec.unit,
        value_labels: spec.value_labels,
        value_title: spec.value_title.as_ref().map(|t| fmt.text(t)),
        category_title: spec.category_title.as_ref().map(|t| fmt.text(t)),
        width: CHART_WIDTH,
        right_to_left: fmt.right_to_left,
    };
    chart::render_svg(*spec.kind.get_ref(), &data, &style)
        .map_err(|message| figure.file.error(spec.kind.span().start, message))
}

/// The width of the text column in points: charts are drawn at print size.
pub const CHART_WIDTH: u32 = 476;
