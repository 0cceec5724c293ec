//! Compiling an edition's generated sources with Typst, in process, into a
//! laid-out document and PDF bytes; and writing files so that a failed build
//! never leaves a half-written PDF behind.

use std::ops::Range;
use std::path::{Path, PathBuf};

use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::Smart;
use typst::layout::FrameItem;
use typst::syntax::DiagSpan;
use typst::WorldExt;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// Every edition is archival (PDF/A-2b) and accessible (PDF/UA-1): tagged,
/// with its language, title and alternative texts.
pub const ARCHIVAL_AND_ACCESSIBLE: &[PdfStandard] = &[PdfStandard::A_2b, PdfStandard::Ua_1];

use crate::base::diag::{Diagnostic, Note, Position, Severity};
use crate::typeset::world::EditionWorld;

/// What an edition whose layout did not settle gets instead of a PDF: Typst
/// lays out again as long as page and figure numbers, or placements decided
/// from them, change, and stops after five passes with whatever it has, in
/// which numbers may be wrong. A silently wrong figure or page number is
/// worse than no PDF.
pub const LAYOUT_DID_NOT_SETTLE: &str = "the layout did not settle: after five passes, page numbers, figure numbers or the places of figures still changed from one pass to the next, so some of them would be printed wrong. Nothing was written. Move a figure marker (`{{figure:…}}`) to another paragraph, or shorten the text or captions around the figures of the page Typst named, and build again";

/// A laid-out edition with Typst's warnings, or the errors that stopped it.
pub type Compiled = Result<(PagedDocument, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Lays out an edition. Typst errors become diagnostics that name the file
/// and line (of the generated or template source). A layout that did not
/// converge (Typst's warning) is an error: [`LAYOUT_DID_NOT_SETTLE`].
pub fn compile(world: &EditionWorld) -> Compiled {
    let result = typst::compile::<PagedDocument>(world);
    // Typst's summary, "document did not converge within five attempts",
    // becomes the error; its warnings about each value that kept changing
    // follow it, with their places.
    let is_summary = |d: &&SourceDiagnostic| d.message.starts_with("document did not converge");
    let unsettled = result.warnings.iter().any(|d| is_summary(&d));
    let warnings = result
        .warnings
        .iter()
        .filter(|d| !is_summary(d))
        .map(|d| convert_diagnostic(world, d));
    if unsettled && result.output.is_ok() {
        return Err(std::iter::once(Diagnostic::general(LAYOUT_DID_NOT_SETTLE))
            .chain(warnings)
            .collect());
    }
    let warnings = warnings.collect();
    match result.output {
        Ok(document) => Ok((document, warnings)),
        Err(errors) => Err(errors
            .iter()
            .map(|d| convert_diagnostic(world, d))
            .collect()),
    }
}

/// Lays out an edition like [`compile`] and counts Typst's layout passes
/// (its "iter (n)" timing spans): 2 for a document whose only changes from
/// the first pass are page numbers in the contents, up to 5 (Typst's limit).
/// Typst's timing is one switch for the whole process, so editions counted
/// this way are laid out one at a time (`--timings`); the count is `None`
/// when Typst's timing data could not be read.
pub fn compile_counting_passes(world: &EditionWorld) -> (Compiled, Option<usize>) {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    typst_timing::clear();
    typst_timing::enable();
    let compiled = compile(world);
    typst_timing::disable();
    let mut events = Vec::new();
    let passes = typst_timing::export_json(&mut events, |_| (String::new(), 0))
        .ok()
        .and_then(|()| serde_json::from_slice::<Vec<serde_json::Value>>(&events).ok())
        .map(|events| {
            events
                .iter()
                .filter(|e| {
                    e["ph"] == "B" && e["name"].as_str().is_some_and(|n| n.starts_with("iter ("))
                })
                .count()
        });
    (compiled, passes)
}

/// Exports a laid-out edition as PDF; `ident` keeps the document id stable.
pub fn export_pdf(
    world: &EditionWorld,
    document: &PagedDocument,
    ident: &str,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let standards = PdfStandards::new(ARCHIVAL_AND_ACCESSIBLE).map_err(|e| {
        vec![Diagnostic::general(format!(
            "PDF standards {ARCHIVAL_AND_ACCESSIBLE:?} cannot be combined: {}",
            e.message()
        ))]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("cityprofile {}", env!("CARGO_PKG_VERSION")))),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        errors
            .iter()
            .map(|d| convert_diagnostic(world, d))
            .collect()
    })
}

fn convert_diagnostic(world: &EditionWorld, d: &SourceDiagnostic) -> Diagnostic {
    let severity = match d.severity {
        TypstSeverity::Error => Severity::Error,
        TypstSeverity::Warning => Severity::Warning,
    };
    let message = format!("Typst: {}", d.message);
    let hints = d.hints.iter().map(|hint| Note::Hint(hint.v.to_string()));
    // The calls of the template the problem occurred in, innermost first,
    // as Typst's own command line shows them.
    let trace = d.trace.iter().map(|point| {
        Note::Trace(match place(world, point.span) {
            (Some(file), Some(p), _) => format!(
                "{} ({}:{}:{})",
                point.v,
                crate::base::diag::shown_path(&file).display(),
                p.line,
                p.column
            ),
            _ => point.v.to_string(),
        })
    });
    let notes: Vec<Note> = hints.chain(trace).collect();
    let (file, position, range) = place(world, d.span);
    // A problem inside an image (a broken SVG, a reference out of the
    // profile): at the line of the profile that names the image.
    if let Some(origin) = file.as_deref().and_then(|f| world.image_origin(f)) {
        let inside = match position {
            Some(p) => format!(" ({}:{}:{})", origin.image.display(), p.line, p.column),
            None => String::new(),
        };
        let name = origin.image.display();
        return Diagnostic {
            severity,
            file: Some(origin.file.clone()),
            position: Some(origin.position),
            range: None,
            message: format!("the image {name} cannot be used{inside}: {message}"),
            notes,
            print_run: None,
        };
    }
    Diagnostic {
        severity,
        file,
        position,
        range: range.map(Box::new),
        message,
        notes,
        print_run: None,
    }
}

/// The file and position a span of the document stands for: the Markdown
/// block a piece of generated code was made from, a profile's own template
/// file, a profile file, or the built-in template.
fn place(
    world: &EditionWorld,
    span: impl Into<DiagSpan>,
) -> (Option<PathBuf>, Option<Position>, Option<Range<usize>>) {
    let span: DiagSpan = span.into();
    let Some(id) = span.id() else {
        return (None, None, None);
    };
    let range = world.range(span);
    let origin = range
        .as_ref()
        .and_then(|range| world.markdown_origin(id, range.start));
    if let Some(origin) = origin {
        // Generated from a chapter: point at the Markdown block.
        return (Some(origin.file.clone()), Some(origin.position), None);
    }
    let virtual_path = id.vpath().get_with_slash().to_string();
    let own_template = world.template_override_path(id).map(Path::to_path_buf);
    let path = own_template
        .or_else(|| world.profile_path(id))
        .unwrap_or_else(|| {
            match virtual_path.strip_prefix("/template/") {
                // `cityprofile template export` writes these out.
                Some(name) => PathBuf::from(format!("<built-in template>/{name}")),
                None => PathBuf::from(format!("<generated>{virtual_path}")),
            }
        });
    let position = range.as_ref().and_then(|range| {
        let source = typst::World::source(world, id).ok()?;
        Some(Position::of_offset(source.text(), range.start))
    });
    let range = range.filter(|_| position.is_some());
    (Some(path), position, range)
}

/// The text of every page, in reading order of the layout: for tests and
/// checks that need the document's words without a PDF tool.
pub fn document_text(document: &PagedDocument) -> String {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Text(text) => {
                    out.push_str(&text.text);
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for page in document.pages() {
        walk(&page.frame, &mut out);
        out.push('\n');
    }
    out
}

/// The pages of the template's marks labelled `label`
/// (`[#metadata("intro") <body-start>]`): for each part named by a mark's
/// string, the 1-based page of its first mark; a label no mark has gives
/// an empty map.
pub fn marked_pages(
    document: &PagedDocument,
    label: &str,
) -> std::collections::BTreeMap<String, usize> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector as _, MetadataElem};
    use typst::utils::PicoStr;
    let introspector = document.introspector();
    let mut found = std::collections::BTreeMap::new();
    let Some(label) = Label::new(PicoStr::intern(label)) else {
        return found;
    };
    for content in introspector.query(&Selector::Label(label)) {
        let Some(meta) = content.to_packed::<MetadataElem>() else {
            continue;
        };
        let (Value::Str(part), Some(location)) = (&meta.value, content.location()) else {
            continue;
        };
        if let Some(page) = introspector.page(location) {
            found.entry(part.to_string()).or_insert(page.get());
        }
    }
    found
}

/// The pages of the PDF (1-based) each part of a laid-out edition runs
/// over, by the metadata the templates set where a part's body starts and
/// ends (`#metadata(name) <body-start>` … `<body-end>`; a chapter's name is
/// its name in profile.toml): found in the finished document, so the PDF is
/// the same whether or not they are asked for. A part without both marks
/// is left out.
pub fn part_pages(document: &PagedDocument) -> std::collections::BTreeMap<String, (usize, usize)> {
    let marks = |name: &str| marked_pages(document, name);
    let ends = marks("body-end");
    // A chapter starts on its opener page (`<part-start>`), as the
    // contents gives it; a part without an opener (the contents, the
    // imprint, a chapter of a profile's own older template) where its body
    // starts.
    let openers = marks("part-start");
    marks("body-start")
        .into_iter()
        .filter_map(|(part, first)| {
            let first = openers.get(&part).copied().unwrap_or(first);
            Some((part.clone(), (first, *ends.get(&part)?)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::SourceMapping;

    #[test]
    fn a_layout_that_never_settles_is_an_error_not_a_warning() {
        // Each pass prints one more than the last pass's final count.
        let main = "#let s = state(\"s\", 0)\n#context s.update(s.final() + 1)\n#context s.get()\n";
        let world = EditionWorld::new(main, "{}", Path::new("/nonexistent"), (2021, 3, 1));
        let Err(errors) = compile(&world) else {
            panic!("a layout that never converges must fail");
        };
        assert!(
            errors[0].to_string().contains("the layout did not settle"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_layout_that_settles_in_a_few_passes_has_no_such_error() {
        let main = "#let s = state(\"s\", 0)\n#context s.update(calc.min(s.final() + 1, 3))\n#context s.get()\n";
        let world = EditionWorld::new(main, "{}", Path::new("/nonexistent"), (2021, 3, 1));
        let (_, warnings) = compile(&world).expect("settles");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn an_error_in_generated_chapter_code_points_at_its_markdown() {
        let main = "#let ok = 1\nA paragraph.\n\n#undefined-function()\n";
        let mut world = EditionWorld::new(main, "{}", Path::new("/nonexistent"), (2021, 3, 1));
        world.set_source_map(vec![
            SourceMapping {
                generated_offset: main.find("A paragraph").unwrap(),
                file: PathBuf::from("text/en/intro.md"),
                position: Position { line: 3, column: 1 },
            },
            SourceMapping {
                generated_offset: main.find("#undefined").unwrap(),
                file: PathBuf::from("text/en/intro.md"),
                position: Position { line: 7, column: 1 },
            },
        ]);
        let Err(errors) = compile(&world) else {
            panic!("an unknown function must fail");
        };
        let message = errors[0].to_string();
        assert!(
            message.starts_with("error: text/en/intro.md:7:1: Typst: unknown variable"),
            "{message}"
        );
    }

    #[test]
    fn an_error_in_a_template_names_the_built_in_template() {
        let main = "#import \"/template/profile.typ\": *\n#cover()\n";
        let world = EditionWorld::new(main, "{}", Path::new("/nonexistent"), (2021, 3, 1));
        let Err(errors) = compile(&world) else {
            panic!("a cover without the edition's data must fail");
        };
        let message = errors[0].to_string();
        assert!(
            message.starts_with("error: <built-in template>/components/base.typ:"),
            "{message}"
        );
        // Typst's trace: the import in main.typ the error occurred in.
        let traced = errors[0].notes.iter().any(|note| match note {
            Note::Trace(place) => {
                place.contains("while importing") && place.contains("main.typ:1:")
            }
            Note::Hint(_) | Note::Label(_) => false,
        });
        assert!(traced, "{:?}", errors[0].notes);
        assert!(
            errors[0].render_styled(false).contains("= note: "),
            "{}",
            errors[0].render_styled(false)
        );
    }
}
