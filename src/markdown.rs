//! Markdown chapter text to Typst markup. Every character of the text prints
//! as itself (`#`, `$`, `@`, `<b>`, `//` are escaped); structure becomes
//! Typst function calls; `{{table:ID}}`-style markers place tables and
//! figures; `{{group.name}}` inserts a data value in the edition's format.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag};

use crate::bidi;
use crate::diagnostics::Diagnostics;
use crate::profile::SourceFile;

/// What a placement marker asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    Table(String),
    Figure(String),
    Components,
    Links,
}

/// Supplies what the text refers to: Typst code for placed elements and
/// formatted values for references. Errors are messages for the author.
pub trait Resolver {
    fn place(&mut self, placement: &Placement) -> Result<String, String>;
    fn value(&mut self, path: &str) -> Result<String, String>;
    /// Whether the edition is right to left: Latin names and references in
    /// its sentences are then set as left-to-right islands.
    fn right_to_left(&self) -> bool {
        false
    }
}

/// A converted chapter.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvertedChapter {
    /// The chapter title (the `# ` heading) as plain text.
    pub title: String,
    /// Typst markup of everything after the title.
    pub body: String,
    /// Where each top-level block of `body` comes from: (byte offset in
    /// `body`, byte offset in the Markdown), in order.
    pub source_map: Vec<(usize, usize)>,
}

/// Escapes text so that Typst markup prints it literally.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A Typst string literal.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `{{...}}` found in text.
#[derive(Debug, Clone, PartialEq)]
enum Marker {
    Place(Placement),
    Value(String),
    /// `{{todo: what to write}}`: a placeholder, marked on the page.
    Todo(String),
    Invalid(String),
}

fn parse_marker(inner: &str) -> Marker {
    let inner = inner.trim();
    if let Some((kind, id)) = inner.split_once(':') {
        let id = id.trim().to_string();
        return match kind.trim() {
            "todo" | "TODO" => Marker::Todo(id),
            "table" => Marker::Place(Placement::Table(id)),
            "figure" => Marker::Place(Placement::Figure(id)),
            other => Marker::Invalid(format!(
                "`{{{{{inner}}}}}` is not a placement marker: `{other}:` should be `table:`, `figure:` or `todo:`"
            )),
        };
    }
    match inner {
        "components" => Marker::Place(Placement::Components),
        "links" => Marker::Place(Placement::Links),
        path if !path.is_empty()
            && path.contains('.')
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) =>
        {
            Marker::Value(path.to_string())
        }
        _ => Marker::Invalid(format!(
            "`{{{{{inner}}}}}` is neither a placement marker ({{{{table:ID}}}}, {{{{figure:ID}}}}, {{{{components}}}}, {{{{links}}}}) nor a data reference like {{{{population.total}}}}"
        )),
    }
}

/// Splits text into literal pieces and markers, with byte offsets of markers.
fn split_markers(text: &str) -> Vec<(usize, Result<&str, Marker>)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        if start > 0 {
            out.push((offset, Ok(&rest[..start])));
        }
        let inner = &rest[start + 2..start + 2 + len];
        out.push((offset + start, Err(parse_marker(inner))));
        let consumed = start + 2 + len + 2;
        rest = &rest[consumed..];
        offset += consumed;
    }
    if !rest.is_empty() {
        out.push((offset, Ok(rest)));
    }
    out
}

/// A `[^label]` left in text: the parser keeps footnote references whose
/// definition is missing as plain text.
fn undefined_footnote(text: &str) -> Option<&str> {
    let start = text.find("[^")? + 2;
    let len = text[start..].find(']')?;
    let label = &text[start..start + len];
    (!label.is_empty() && !label.contains(char::is_whitespace)).then_some(label)
}

/// How a list is numbered.
#[derive(Debug, Clone, PartialEq)]
enum ListStyle {
    Bullets,
    Numbers {
        start: u64,
    },
    /// Items written `a) ...` / `(1) ...`: the pattern and marker length per item.
    Written {
        numbering: &'static str,
    },
}

struct Converter<'a, R: Resolver> {
    file: &'a SourceFile,
    events: Vec<(Event<'a>, Range<usize>)>,
    resolver: &'a mut R,
    diags: Diagnostics,
    footnotes: HashMap<String, Range<usize>>,
    /// Event index of each list start -> its style.
    list_styles: HashMap<usize, ListStyle>,
    /// Text events whose first bytes are a written list marker to drop.
    strip_prefix: HashMap<usize, usize>,
    title: Option<String>,
    /// The level of the last heading, for keeping levels consecutive.
    last_heading_level: u8,
    /// (offset in the top-level output, offset in the Markdown) per block.
    source_map: Vec<(usize, usize)>,
    /// Rendering a paragraph set left to right inside a right-to-left edition.
    left_to_right_paragraph: bool,
}

/// Converts one chapter's Markdown to Typst markup.
pub fn convert<R: Resolver>(
    file: &SourceFile,
    resolver: &mut R,
) -> Result<(ConvertedChapter, Diagnostics), Diagnostics> {
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(&file.text, options)
        .into_offset_iter()
        .collect();
    let mut converter = Converter {
        file,
        events,
        resolver,
        diags: Diagnostics::new(),
        footnotes: HashMap::new(),
        list_styles: HashMap::new(),
        strip_prefix: HashMap::new(),
        title: None,
        last_heading_level: 1,
        source_map: Vec::new(),
        left_to_right_paragraph: false,
    };
    converter.scan();
    let end = converter.events.len();
    let body = converter.render(0..end, true);
    let title = converter.title.take();
    let mut diags = converter.diags;
    let trimmed_start = body.len() - body.trim_start().len();
    let source_map = converter
        .source_map
        .iter()
        .map(|&(out, markdown)| (out.saturating_sub(trimmed_start), markdown))
        .collect();
    let Some(title) = title else {
        diags.push(file.error(
            0,
            "the chapter has no title: start the file with a `# Title` line",
        ));
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((
        ConvertedChapter {
            title,
            body: body.trim().to_string() + "\n",
            source_map,
        },
        diags,
    ))
}

impl<'a, R: Resolver> Converter<'a, R> {
    /// Finds footnote definitions and lists written with `a)` / `(1)` markers.
    fn scan(&mut self) {
        let mut i = 0;
        while i < self.events.len() {
            match &self.events[i].0 {
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let end = self.matching_end(i);
                    self.footnotes.insert(label.to_string(), i + 1..end);
                    i = end;
                }
                Event::Start(Tag::List(first)) => {
                    let end = self.matching_end(i);
                    let style = match first {
                        Some(n) => ListStyle::Numbers { start: *n },
                        None => self.written_list_style(i, end),
                    };
                    self.list_styles.insert(i, style);
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// Index of the event closing the element that starts at `start`.
    fn matching_end(&self, start: usize) -> usize {
        let mut depth = 0usize;
        for (i, (event, _)) in self.events.iter().enumerate().skip(start) {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
        }
        self.events.len()
    }

    /// A bullet list whose every item starts `a) `, `b) ` ... or `(1) `,
    /// `(2) ` ... is a lettered or numbered list; the markers are dropped
    /// from the text and Typst numbers the items.
    fn written_list_style(&mut self, start: usize, end: usize) -> ListStyle {
        let mut firsts = Vec::new();
        let mut i = start + 1;
        while i < end {
            if matches!(self.events[i].0, Event::Start(Tag::Item)) {
                let item_end = self.matching_end(i);
                let first_text = (i + 1..item_end)
                    .find(|j| !matches!(self.events[*j].0, Event::Start(Tag::Paragraph)));
                match first_text {
                    Some(j) if matches!(self.events[j].0, Event::Text(_)) => firsts.push(j),
                    _ => return ListStyle::Bullets,
                }
                i = item_end;
            }
            i += 1;
        }
        if firsts.is_empty() {
            return ListStyle::Bullets;
        }
        let texts: Vec<String> = firsts
            .iter()
            .map(|j| match &self.events[*j].0 {
                Event::Text(t) => t.to_string(),
                _ => String::new(),
            })
            .collect();
        let letters = texts
            .iter()
            .enumerate()
            .all(|(n, t)| n < 26 && t.starts_with(&format!("{}) ", (b'a' + n as u8) as char)));
        let numbers = texts
            .iter()
            .enumerate()
            .all(|(n, t)| t.starts_with(&format!("({}) ", n + 1)));
        let (numbering, marker_len): (&'static str, Box<dyn Fn(usize) -> usize>) = if letters {
            ("a)", Box::new(|_| 3))
        } else if numbers {
            ("(1)", Box::new(|n| format!("({}) ", n + 1).len()))
        } else {
            return ListStyle::Bullets;
        };
        for (n, j) in firsts.iter().enumerate() {
            self.strip_prefix.insert(*j, marker_len(n));
        }
        ListStyle::Written { numbering }
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let d = self.file.error(offset, message);
        self.diags.push(d);
    }

    fn warn(&mut self, offset: usize, message: impl Into<String>) {
        let d = self.file.warning(offset, message);
        self.diags.push(d);
    }

    /// Converts the events in `range`; `top` is true for the chapter body.
    fn render(&mut self, range: Range<usize>, top: bool) -> String {
        let mut out = String::new();
        let mut i = range.start;
        while i < range.end {
            let (event, span) = self.events[i].clone();
            if top {
                self.source_map.push((out.len(), span.start));
            }
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => {
                    i = self.matching_end(i) + 1;
                    continue;
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    let end = self.matching_end(i);
                    if level == HeadingLevel::H1 {
                        if !top || self.title.is_some() || !out.trim().is_empty() {
                            self.error(span.start, "a `# ` title must be the chapter's first line, and only one: use `##` for sections");
                        } else {
                            self.title = Some(self.plain_text(i + 1..end));
                        }
                    } else {
                        let depth = match level {
                            HeadingLevel::H2 => 2,
                            HeadingLevel::H3 => 3,
                            _ => 4,
                        };
                        if level > HeadingLevel::H4 {
                            self.error(span.start, "headings go down to `####`; deeper levels are not part of the layout");
                        }
                        let inner = self.render(i + 1..end, false);
                        // Accessible PDF wants consecutive heading levels: a
                        // heading deeper than the one before it by more than
                        // one level takes the next level. `####` headings are
                        // minor (not in the contents, their own style).
                        let level = depth.min(self.last_heading_level + 1);
                        self.last_heading_level = level;
                        let minor = if depth == 4 { ", outlined: false" } else { "" };
                        // A heading of the other direction keeps it in the
                        // body and in the contents, which lay it out again.
                        let inner = match self.foreign_direction(i + 1..end) {
                            Some(own) => format!("#text(dir: {})[{}]", own.name(), inner.trim()),
                            None => inner.trim().to_string(),
                        };
                        out.push_str(&format!("#heading(level: {level}{minor})[{inner}]\n\n"));
                    }
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Paragraph) => {
                    let end = self.matching_end(i);
                    if let Some(code) = self.placement_paragraph(i + 1..end) {
                        out.push_str(&code);
                    } else if let Some(own) = self.foreign_direction(i + 1..end) {
                        // A paragraph whose letters are all of the other
                        // direction (a bibliographic entry in its original
                        // language inside a right-to-left edition) is set in
                        // its own direction as a whole.
                        self.left_to_right_paragraph = own == bidi::Direction::LeftToRight;
                        let inner = self.render(i + 1..end, false);
                        self.left_to_right_paragraph = false;
                        out.push_str(&format!("#[#set text(dir: {})\n", own.name()));
                        out.push_str(inner.trim());
                        out.push_str("\n]");
                    } else {
                        let inner = self.render(i + 1..end, false);
                        out.push_str(inner.trim());
                    }
                    out.push_str("\n\n");
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::List(_)) => {
                    let end = self.matching_end(i);
                    let style = self.list_styles.get(&i).cloned().unwrap_or(ListStyle::Bullets);
                    let mut items = Vec::new();
                    let mut j = i + 1;
                    while j < end {
                        if matches!(self.events[j].0, Event::Start(Tag::Item)) {
                            let item_end = self.matching_end(j);
                            let item = self.render(j + 1..item_end, false);
                            items.push(format!("[{}]", item.trim()));
                            j = item_end;
                        }
                        j += 1;
                    }
                    let call = match style {
                        ListStyle::Bullets => format!("#list({})", items.join(", ")),
                        ListStyle::Numbers { start } => {
                            format!("#enum(start: {start}, {})", items.join(", "))
                        }
                        ListStyle::Written { numbering } => format!(
                            "#enum(numbering: {}, {})",
                            string_literal(numbering),
                            items.join(", ")
                        ),
                    };
                    out.push_str(&call);
                    out.push_str("\n\n");
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    let end = self.matching_end(i);
                    let inner = self.render(i + 1..end, false);
                    out.push_str(&format!("#quote(block: true)[{}]\n\n", inner.trim()));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = self.matching_end(i);
                    let code: String = (i + 1..end)
                        .filter_map(|j| match &self.events[j].0 {
                            Event::Text(t) => Some(t.to_string()),
                            _ => None,
                        })
                        .collect();
                    let lang = match kind {
                        CodeBlockKind::Fenced(l) if !l.is_empty() => {
                            format!(", lang: {}", string_literal(&l))
                        }
                        _ => String::new(),
                    };
                    out.push_str(&format!(
                        "#raw(block: true{lang}, {})\n\n",
                        string_literal(code.trim_end())
                    ));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Emphasis) => {
                    let end = self.matching_end(i);
                    let inner = self.render(i + 1..end, false);
                    out.push_str(&format!("#emph[{inner}]"));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Strong) => {
                    let end = self.matching_end(i);
                    let inner = self.render(i + 1..end, false);
                    out.push_str(&format!("#strong[{inner}]"));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Strikethrough) => {
                    let end = self.matching_end(i);
                    let inner = self.render(i + 1..end, false);
                    out.push_str(&format!("#strike[{inner}]"));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let end = self.matching_end(i);
                    let inner = self.render(i + 1..end, false);
                    out.push_str(&format!("#link({})[{inner}]", string_literal(&dest_url)));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Image { .. }) => {
                    self.error(span.start, "images in Markdown are not supported: describe the figure in figures/ID.toml and place it with {{figure:ID}}");
                    i = self.matching_end(i) + 1;
                    continue;
                }
                Event::Start(Tag::Table(_)) | Event::Start(Tag::HtmlBlock) => {
                    // Tables are off; an HTML block prints literally.
                    let end = self.matching_end(i);
                    let inner = self.render(i + 1..end, false);
                    out.push_str(inner.trim());
                    out.push_str("\n\n");
                    i = end + 1;
                    continue;
                }
                Event::Start(_) | Event::End(_) => {}
                Event::Text(_) => {
                    // Adjacent text events (the parser splits at special
                    // characters) are joined, so markers are seen whole.
                    let mut j = i;
                    let mut text = String::new();
                    while j < range.end {
                        match &self.events[j].0 {
                            Event::Text(t) => {
                                let skip = self.strip_prefix.get(&j).copied().unwrap_or(0);
                                text.push_str(t.get(skip.min(t.len())..).unwrap_or(t));
                            }
                            _ => break,
                        }
                        j += 1;
                    }
                    out.push_str(&self.text_with_references(&text, span.start));
                    i = j;
                    continue;
                }
                Event::Code(code) => {
                    out.push_str(&format!("#raw({})", string_literal(&code)));
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    out.push_str(&escape_markup(&html));
                }
                Event::FootnoteReference(label) => match self.footnotes.get(label.as_ref()).cloned() {
                    Some(def) => {
                        let inner = self.render(def, false);
                        out.push_str(&format!("#footnote[{}]", inner.trim()));
                    }
                    None => self.error(
                        span.start,
                        format!("footnote `[^{label}]` has no definition: add a line `[^{label}]: text`"),
                    ),
                },
                Event::SoftBreak => out.push('\n'),
                Event::HardBreak => out.push_str("#linebreak()\n"),
                Event::Rule => out.push_str("#line(length: 100%)\n\n"),
                Event::InlineMath(m) | Event::DisplayMath(m) => out.push_str(&escape_markup(&m)),
                Event::TaskListMarker(done) => out.push_str(if done { "☑ " } else { "☐ " }),
            }
            i += 1;
        }
        out
    }

    /// The direction of a block when it runs against the edition's (by the
    /// Unicode bidi classes of its letters, see `bidi::paragraph_direction`).
    fn foreign_direction(&self, range: Range<usize>) -> Option<bidi::Direction> {
        let edition = bidi::Direction::of(self.resolver.right_to_left());
        Some(bidi::paragraph_direction(&self.plain_text(range), edition))
            .filter(|own| *own != edition)
    }

    /// The plain text of a range (for titles).
    fn plain_text(&self, range: Range<usize>) -> String {
        let mut s = String::new();
        for (event, _) in &self.events[range] {
            match event {
                Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => s.push_str(t),
                Event::SoftBreak | Event::HardBreak => s.push(' '),
                _ => {}
            }
        }
        s.trim().to_string()
    }

    /// If a paragraph is a lone placement marker, the code that places it.
    fn placement_paragraph(&mut self, range: Range<usize>) -> Option<String> {
        if !range
            .clone()
            .all(|j| matches!(self.events[j].0, Event::Text(_) | Event::SoftBreak))
        {
            return None;
        }
        let start = self.events.get(range.start)?.1.start;
        let text = self.plain_text(range);
        let inner = text.strip_prefix("{{")?.strip_suffix("}}")?;
        if inner.contains("{{") {
            return None;
        }
        match parse_marker(inner) {
            Marker::Place(placement) => match self.resolver.place(&placement) {
                Ok(code) => Some(code),
                Err(message) => {
                    self.error(start, message);
                    Some(String::new())
                }
            },
            _ => None,
        }
    }

    /// Escaped text, with `{{path}}` references replaced by their values.
    fn text_with_references(&mut self, text: &str, offset: usize) -> String {
        let mut out = String::new();
        for (at, piece) in split_markers(text) {
            let position = self.source_offset(offset, text, at);
            match piece {
                Ok(literal) => {
                    if let Some(label) = undefined_footnote(literal) {
                        self.error(
                            position,
                            format!("footnote `[^{label}]` has no definition: add a line `[^{label}]: text` at the end of the file"),
                        );
                    }
                    if self.resolver.right_to_left() && !self.left_to_right_paragraph {
                        out.push_str(&escape_markup(&bidi::isolate_latin_runs(literal)))
                    } else {
                        out.push_str(&escape_markup(literal))
                    }
                }
                Err(Marker::Value(path)) => match self.resolver.value(&path) {
                    Ok(value) => out.push_str(&escape_markup(&value)),
                    Err(message) => self.error(position, message),
                },
                Err(Marker::Place(_)) => self.error(
                    position,
                    "a placement marker must stand alone in its own paragraph (blank lines around it)",
                ),
                Err(Marker::Todo(what)) => {
                    self.warn(position, format!("to do: {what}"));
                    out.push_str(&format!("#todo-mark[{}]", escape_markup(&what)));
                }
                Err(Marker::Invalid(message)) => self.error(position, message),
            }
        }
        out
    }

    /// The source offset of byte `at` of a text that starts at `offset`
    /// (exact when the text is written in the source as is).
    fn source_offset(&self, offset: usize, text: &str, at: usize) -> usize {
        let source = &self.file.text;
        if let Some(found) = source.get(offset..).and_then(|s| s.find(&text[at..])) {
            offset + found
        } else {
            offset
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::PathBuf;

    struct Fixed;
    impl Resolver for Fixed {
        fn place(&mut self, p: &Placement) -> Result<String, String> {
            match p {
                Placement::Table(id) if id == "t1" => Ok("#table-here".into()),
                Placement::Table(id) => Err(format!("there is no table `{id}`")),
                Placement::Figure(id) => Ok(format!("#figure-here({})", string_literal(id))),
                Placement::Components => Ok("#components-here".into()),
                Placement::Links => Ok("#links-here".into()),
            }
        }
        fn value(&mut self, path: &str) -> Result<String, String> {
            match path {
                "population.total" => Ok("603,600".into()),
                _ => Err(format!("unknown data reference `{path}`")),
            }
        }
    }

    fn source(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("text/en/x.md"),
            text: text.to_string(),
        }
    }

    fn body(md: &str) -> String {
        convert(&source(md), &mut Fixed).unwrap().0.body
    }

    #[test]
    fn escapes_every_markup_character() {
        let s = escape_markup("@urban_migration $5 #1 <b> a // b § 25 m² 7,25 €");
        assert_eq!(
            s,
            "\\@urban\\_migration \\$5 \\#1 \\<b\\> a \\/\\/ b § 25 m² 7\\,25 €"
        );
    }

    #[test]
    fn title_and_structure() {
        let c = convert(
            &source("# Background\n\n## About *MC2CM*\n\nSome **bold** and *it*.[^1]\n\n[^1]: A note.\n"),
            &mut Fixed,
        )
        .unwrap()
        .0;
        assert_eq!(c.title, "Background");
        assert!(
            c.body.contains("#heading(level: 2)[About #emph[MC2CM]]"),
            "{}",
            c.body
        );
        assert!(c.body.contains("#strong[bold]"));
        assert!(c.body.contains("#footnote[A note\\.]"), "{}", c.body);
    }

    #[test]
    fn written_letter_and_number_lists() {
        let b = body("# T\n\n- a) first\n- b) second\n\nText.\n\n- (1) one\n- (2) two\n\nText.\n\n- plain\n- list\n\nText.\n\n- a) not\n- c) in order\n");
        assert!(
            b.contains("#enum(numbering: \"a)\", [first], [second])"),
            "{b}"
        );
        assert!(b.contains("#enum(numbering: \"(1)\", [one], [two])"), "{b}");
        assert!(b.contains("#list([plain], [list])"), "{b}");
        assert!(b.contains("#list([a\\) not], [c\\) in order])"), "{b}");
    }

    #[test]
    fn placement_and_references() {
        let b =
            body("# T\n\nPopulation: {{population.total}}.\n\n{{table:t1}}\n\n{{figure:f-1}}\n");
        assert!(b.contains("Population\\: 603\\,600\\."), "{b}");
        assert!(b.contains("#table-here"));
        assert!(b.contains("#figure-here(\"f-1\")"));
    }

    #[test]
    fn bad_marker_and_reference_are_errors_with_lines() {
        let err = convert(
            &source("# T\n\nText.\n\n{{table:nope}}\n\nSee {{population.nope}}.\n"),
            &mut Fixed,
        )
        .unwrap_err();
        let msgs: Vec<String> = err.errors().map(|d| d.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("x.md:5:1") && m.contains("no table `nope`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("x.md:7:5") && m.contains("population.nope")),
            "{msgs:?}"
        );
    }

    #[test]
    fn html_prints_literally_and_links_work() {
        let b = body("# T\n\nA <b>bold</b> claim, see <https://example.org/a_b>.\n");
        assert!(b.contains("\\<b\\>bold\\<\\/b\\>"), "{b}");
        assert!(
            b.contains("#link(\"https://example.org/a_b\")[https\\:\\/\\/example\\.org\\/a\\_b]"),
            "{b}"
        );
    }

    #[test]
    fn undefined_footnote_is_an_error() {
        let err = convert(&source("# T\n\nText[^9] here.\n"), &mut Fixed).unwrap_err();
        let msgs: Vec<String> = err.errors().map(|d| d.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("x.md:3:") && m.contains("`[^9]` has no definition")),
            "{msgs:?}"
        );
    }
}
