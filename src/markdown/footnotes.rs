//! Footnotes (`[^label]` and `[^label]: text`). A note prints once, at its
//! first reference, with its whole body (paragraphs, lists); every further
//! reference prints the same number (a Typst `footnote(<label>)`), so notes
//! that refer to each other are printed too, without endless nesting. A
//! note on a heading prints only where the heading stands, not in the
//! contents or the PDF bookmark. Two references in a row are set as two
//! marks, separated by a superscript comma (¹,²), on one line.
//!
//! A reference without a definition, a definition without a reference (it
//! would print nowhere), a definition given twice, and a note on the
//! chapter title are refused with their line.

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::{Converter, Resolver};

/// A footnote definition of the chapter.
pub(crate) struct Footnote {
    /// The events of its body.
    body: Range<usize>,
    /// Its byte offset in the Markdown.
    offset: usize,
    /// Its number among the chapter's definitions (for its label).
    number: usize,
    state: State,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Unreferenced,
    /// Its body is being rendered (a note referring back to it is inside).
    Rendering,
    Printed,
}

impl<R: Resolver> Converter<'_, R> {
    /// Collects the footnote definitions.
    pub(super) fn scan_footnotes(&mut self) {
        let mut i = 0;
        while i < self.events.len() {
            if let Event::Start(Tag::FootnoteDefinition(label)) = &self.events[i].0 {
                let label = label.to_string();
                let offset = self.events[i].1.start;
                let end = self.matching_end(i);
                if self.footnotes.contains_key(&label) {
                    self.error(
                        offset,
                        format!("footnote `[^{label}]` is defined twice: give the second note its own label, or merge the two"),
                    );
                } else {
                    let number = self.footnotes.len() + 1;
                    self.footnotes.insert(
                        label,
                        Footnote {
                            body: i + 1..end,
                            offset,
                            number,
                            state: State::Unreferenced,
                        },
                    );
                }
                i = end;
            }
            i += 1;
        }
    }

    /// Sets the state of the footnote `label` (one that `footnotes` holds;
    /// another label changes nothing).
    fn set_state(&mut self, label: &str, state: State) {
        if let Some(note) = self.footnotes.get_mut(label) {
            note.state = state;
        }
    }

    /// A footnote reference at event `i`.
    pub(super) fn footnote_reference(&mut self, i: usize, label: &str, out: &mut String) {
        let offset = self.events[i].1.start;
        let Some(note) = self.footnotes.get_mut(label) else {
            self.error(
                offset,
                format!("footnote `[^{label}]` has no definition: add a line `[^{label}]: text`"),
            );
            return;
        };
        let name = format!("note-{}-{}", self.chapter_key, note.number);
        let state = note.state;
        let body = note.body.clone();
        let code = if state == State::Unreferenced {
            self.set_state(label, State::Rendering);
            let heading = self.in_heading.take();
            let text = self.render(body, false);
            self.in_heading = heading;
            self.set_state(label, State::Printed);
            format!("#footnote[{}]<{name}>", text.trim())
        } else {
            format!("#footnote(<{name}>)")
        };
        match &self.in_heading {
            // The contents page and the bookmark show the heading's body
            // too: the note is printed only where the heading stands (the
            // bookmark text skips `context`).
            Some(heading) => {
                let mark = format!(
                    "#context {{ if here().page() == locate(<{heading}>).page() [{code}] }}"
                );
                out.push_str(&mark);
                self.heading_notes.push(mark);
            }
            // The chapter title: printed where the chapter's heading stands
            // (the opener), not on the contents page, which comes before
            // every chapter heading.
            None if self.in_title => out.push_str(&format!(
                "#context {{ let before = query(heading.where(level: 1).before(here())); if before.len() > 0 and before.last().location().page() == here().page() [{code}] }}"
            )),
            None => out.push_str(&code),
        }
    }

    /// A run of footnote references starting at event `i` (references
    /// with at most spaces between them); returns the index after it. Typst
    /// sets marks closed up (it drops the space before a footnote), so two
    /// marks would read as one number: they are separated by a
    /// superscript comma (`¹,²`) and kept on one line in a box.
    pub(super) fn footnote_run(&mut self, i: usize, end: usize, out: &mut String) -> usize {
        let mut references = Vec::new();
        let mut j = i;
        let mut after = i + 1;
        while j < end {
            match &self.events[j].0 {
                Event::FootnoteReference(label) => {
                    references.push((j, label.to_string()));
                    after = j + 1;
                }
                Event::Text(t) if t.trim().is_empty() => {}
                Event::SoftBreak => {}
                _ => break,
            }
            j += 1;
        }
        if references.len() == 1 {
            self.footnote_reference(i, &references[0].1, out);
            return after;
        }
        let marks: Vec<String> = references
            .iter()
            .map(|(k, label)| {
                let mut mark = String::new();
                self.footnote_reference(*k, label, &mut mark);
                mark
            })
            .collect();
        out.truncate(out.trim_end().len());
        out.push_str(&format!("#box[{}]", marks.join("#super[,]")));
        after
    }

    /// Definitions that nothing refers to would print nowhere.
    pub(super) fn report_unreferenced_footnotes(&mut self) {
        let mut unreferenced: Vec<(usize, String)> = self
            .footnotes
            .iter()
            .filter(|(_, note)| note.state == State::Unreferenced)
            .map(|(label, note)| (note.offset, label.clone()))
            .collect();
        unreferenced.sort();
        for (offset, label) in unreferenced {
            self.error(
                offset,
                format!("footnote `[^{label}]` is defined but never referenced, so it would not be printed: put `[^{label}]` where the note belongs, or delete the definition"),
            );
        }
    }
}
