//! How full the pages of a laid-out edition are: the text block of each
//! body page is measured from the Typst document's frames (the vertical
//! extent of every glyph run, shape and image inside it), so that `check`
//! and `build` can name the pages a print editor would send back as mostly
//! empty — a page left two thirds full in the middle of a chapter, a third
//! of a page left white between two figures, a chapter ending on a runt page
//! with a blank page after it.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// White between two pieces of content up to this height, in points, is
/// the ordinary space of the page (between paragraphs, above a heading,
/// around a figure), not an empty part of it.
const ORDINARY_SPACE: f64 = 36.0;

/// A body page filled less than this share of its text block's height is
/// mostly empty, unless it is the last page of its part.
pub const MOSTLY_EMPTY: f64 = 2.0 / 3.0;
/// The last page of a part followed by a blank page is a runt when it is
/// filled less than this share: the spread it makes with the blank page is
/// mostly empty.
pub const RUNT: f64 = 1.0 / 3.0;
/// A white band inside a page's text block (above, between or, on a page
/// that is not the last of its part, below its content) of at least this
/// share of the text block's height is a hole in the page.
pub const HOLE: f64 = 1.0 / 3.0;

/// Why a page counts as mostly empty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Emptiness {
    /// A page that is not the last of its part fills only this share of
    /// its text block.
    Underfull(f64),
    /// A white band of this share of the text block above or between the
    /// page's content.
    Hole(f64),
    /// The last page of its part fills only this share of its text block,
    /// and a blank page follows it.
    RuntBeforeBlank(f64),
}

/// A mostly empty page: its number in the PDF (1-based) and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EmptyPage {
    pub page: usize,
    pub why: Emptiness,
}

impl EmptyPage {
    /// The spread the page stands on, as a print editor names it: `pp.
    /// 42–43` (page 1, the cover, stands alone; then each even page faces
    /// the odd page after it).
    pub fn spread(&self) -> String {
        let left = if self.page.is_multiple_of(2) {
            self.page
        } else {
            self.page - 1
        };
        if left == 0 {
            format!("p. {}", self.page)
        } else {
            format!("pp. {}–{}", left, left + 1)
        }
    }

    /// The spread and what is wrong with it in a print editor's words:
    /// `pp. 42–43: the chapter ends 17% down p. 42 and p. 43 is blank`.
    pub fn describe(&self) -> String {
        let percent = |share: f64| (share * 100.0).round() as i64;
        let page = self.page;
        let why = match self.why {
            Emptiness::Underfull(share) => format!(
                "p. {page}, in the middle of a chapter, is only {}% full",
                percent(share)
            ),
            Emptiness::Hole(share) => format!(
                "a white band of {}% of the text block's height on p. {page}, above or between its text and figures",
                percent(share)
            ),
            Emptiness::RuntBeforeBlank(share) => format!(
                "the chapter ends {}% down p. {page} and p. {} is blank",
                percent(share),
                page + 1
            ),
        };
        format!("{}: {why}", self.spread())
    }
}

/// The mostly empty body pages of a screen edition (see the module's
/// comment and [`MOSTLY_EMPTY`], [`RUNT`], [`HOLE`]): the pages of each
/// chapter's text, between the marks the templates set where it starts and
/// ends, in page order. `None` when the template does not say where the
/// text block is (a page set-up of a profile's own template without the
/// built-in one's `<text-block>` mark): the pages are not measured.
pub fn mostly_empty_pages(document: &PagedDocument) -> Option<Vec<EmptyPage>> {
    let pages = document.pages();
    let (margin_top, margin_bottom) = text_block_margins(document)?;
    let notes = footnotes_tops(document);
    let mut parts = body_ranges(document);
    parts.sort();
    let mut found = Vec::new();
    for (first, last) in parts {
        for page in first..=last {
            let Some(p) = pages.get(page - 1) else {
                continue;
            };
            let frame = &p.frame;
            let top = margin_top;
            let bottom = frame.height().to_pt() - margin_bottom;
            let height = bottom - top;
            if height <= 0.0 {
                continue;
            }
            let bands = filled_bands(frame, top, bottom);
            let filled: f64 = bands.iter().map(|(a, b)| b - a).sum::<f64>() / height;
            let is_last = page == last;
            // The white above the content, between its bands, and, on a
            // page whose part runs on, below it. On a part's last page the
            // white between its text and its footnotes, at the foot of the
            // page, is the room the part leaves, not a hole.
            let notes_top = notes.get(&page).copied().filter(|_| is_last);
            let mut edges = vec![top];
            for (a, b) in bands
                .iter()
                .filter(|(a, _)| notes_top.is_none_or(|n| *a < n - ORDINARY_SPACE))
            {
                edges.push(*a);
                edges.push(*b);
            }
            if !is_last {
                edges.push(bottom);
            }
            let hole = edges
                .chunks(2)
                .filter(|pair| pair.len() == 2)
                .map(|pair| (pair[1] - pair[0]) / height)
                .fold(0.0, f64::max);
            let followed_by_blank =
                is_last && pages.get(page).is_some_and(|next| is_blank(&next.frame));
            let why = if bands.is_empty() {
                None
            } else if !is_last && filled < MOSTLY_EMPTY {
                Some(Emptiness::Underfull(filled))
            } else if hole >= HOLE {
                Some(Emptiness::Hole(hole))
            } else if followed_by_blank && filled < RUNT {
                Some(Emptiness::RuntBeforeBlank(filled))
            } else {
                None
            };
            if let Some(why) = why {
                found.push(EmptyPage { page, why });
            }
        }
    }
    Some(found)
}

/// The top of each page's first footnote (points from the page's top
/// edge), by page number (1-based): the position of the footnote entries
/// Typst placed.
fn footnotes_tops(document: &PagedDocument) -> std::collections::BTreeMap<usize, f64> {
    use typst::foundations::{NativeElement as _, Selector};
    use typst::introspection::Introspector as _;
    use typst::model::FootnoteEntry;
    let introspector = document.introspector();
    let mut tops = std::collections::BTreeMap::new();
    for entry in introspector.query(&Selector::Elem(FootnoteEntry::ELEM, None)) {
        let Some(position) = entry.location().and_then(|l| introspector.position(l)) else {
            continue;
        };
        let y = position.point.y.to_pt();
        tops.entry(position.page.get())
            .and_modify(|top: &mut f64| *top = top.min(y))
            .or_insert(y);
    }
    tops
}

/// The top and bottom margins of the text block (points from the page's
/// edges), as the template's page set-up marks them:
/// `#metadata((top: 22mm, bottom: 24mm)) <text-block>`; `None` without
/// that mark, or when it holds no such lengths.
fn text_block_margins(document: &PagedDocument) -> Option<(f64, f64)> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector as _, MetadataElem};
    use typst::utils::PicoStr;
    let label = Label::new(PicoStr::intern("text-block"))?;
    let marks = document.introspector().query(&Selector::Label(label));
    let meta = marks.first()?.to_packed::<MetadataElem>()?;
    let Value::Dict(margins) = &meta.value else {
        return None;
    };
    let length = |key: &str| match margins.get(key).ok()? {
        Value::Length(length) if length.em == typst::layout::Em::zero() => Some(length.abs.to_pt()),
        _ => None,
    };
    Some((length("top")?, length("bottom")?))
}

/// The first and last page (1-based) of each chapter's body, by the marks
/// the templates set (`#metadata(name) <body-start>` … `<body-end>`, and
/// `<part-start>` on a chapter's opener).
fn body_ranges(document: &PagedDocument) -> Vec<(usize, usize)> {
    let marks = |name: &str| crate::typeset::compile::marked_pages(document, name);
    let ends = marks("body-end");
    // Chapters only: the contents and the imprint (at the foot of its page
    // by design) have no opener.
    let openers = marks("part-start");
    marks("body-start")
        .into_iter()
        .filter(|(part, _)| openers.contains_key(part))
        .filter_map(|(part, first)| Some((first, *ends.get(&part)?)))
        .filter(|(first, last)| first <= last)
        .collect()
}

/// Whether a page shows nothing: no text, shape or image anywhere on it.
fn is_blank(frame: &Frame) -> bool {
    let mut any = false;
    walk(frame, Transform::identity(), &mut |_, _| any = true);
    !any
}

/// The vertical bands of the text block (`top` to `bottom`, in points from
/// the page's top edge) that content covers, white of up to
/// [`ORDINARY_SPACE`] between two pieces counted as covered; in order.
fn filled_bands(frame: &Frame, top: f64, bottom: f64) -> Vec<(f64, f64)> {
    let mut spans = Vec::new();
    walk(frame, Transform::identity(), &mut |a, b| {
        let (a, b) = (a.max(top), b.min(bottom));
        if b > a {
            spans.push((a, b));
        }
    });
    spans.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut bands: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match bands.last_mut() {
            Some(last) if a <= last.1 + ORDINARY_SPACE => last.1 = last.1.max(b),
            _ => bands.push((a, b)),
        }
    }
    bands
}

/// Calls `found` with the top and bottom (points from the page's top edge)
/// of every glyph run, shape and image of a frame, through its groups'
/// transforms.
fn walk(frame: &Frame, ts: Transform, found: &mut impl FnMut(f64, f64)) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        let extent = |min: Point, max: Point| {
            let corners = [
                Point::new(min.x, min.y),
                Point::new(max.x, min.y),
                Point::new(min.x, max.y),
                Point::new(max.x, max.y),
            ]
            .map(|p| p.transform(here).y.to_pt());
            (
                corners.iter().copied().fold(f64::INFINITY, f64::min),
                corners.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            )
        };
        match item {
            FrameItem::Group(group) => walk(&group.frame, here.pre_concat(group.transform), found),
            FrameItem::Text(text) => {
                let size = text.size;
                let (a, b) = extent(
                    Point::new(Abs::zero(), -size * 0.75),
                    Point::new(text.width(), size * 0.25),
                );
                found(a, b);
            }
            FrameItem::Shape(shape, _) => {
                let rect = shape.bbox(true);
                let (a, b) = extent(rect.min, rect.max);
                found(a, b);
            }
            FrameItem::Image(_, size, _) => {
                let (a, b) = extent(Point::zero(), size.to_point());
                found(a, b);
            }
            FrameItem::Link(..) | FrameItem::Tag(_) => {}
        }
    }
}
