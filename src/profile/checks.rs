//! What can be checked of a profile without a language: numbers that look
//! mistyped, placeholders left in the TOML texts, the structure of
//! profile.toml (languages, chapters, colours, ISBN, cover and logos).

use std::ops::Range;

use super::*;

/// Warns about numbers that are probably written wrong: a text that looks
/// like a formatted number (`"603.609"`, `"1,234"`: quoted, it prints as
/// text in every edition and is never formatted) and a number with three
/// decimals and no currency (`603.609` where six hundred thousand was meant:
/// TOML numbers have no thousands separators).
pub(super) fn report_suspicious_numbers<'a>(
    file: &SourceFile,
    cells: impl Iterator<Item = &'a toml::Spanned<WrittenCell>>,
    diags: &mut Diagnostics,
) {
    for cell in cells {
        let at = cell.span().start;
        let mut check = |cell: &WrittenCell| match cell {
            WrittenCell::Text(text) => {
                if let Some(number) = formatted_number(text) {
                    diags.push(file.warning(at, format!(
                        "\"{text}\" is text that looks like a number: it prints as written in every edition, never formatted; write the number without quotes and without thousands separators, like {number}"
                    )));
                }
            }
            WrittenCell::Number(v) => warn_three_decimals(file, at, *v, None, None, diags),
            WrittenCell::Detailed(spec) => {
                if let Some(v) = spec.value {
                    warn_three_decimals(file, at, v, spec.unit, spec.decimals, diags);
                }
                if let Some(text) = spec.text.as_ref().and_then(|t| match &t.content {
                    TextContent::Neutral(s) => Some(s),
                    TextContent::PerLanguage(_) => None,
                }) {
                    if let Some(number) = formatted_number(text) {
                        diags.push(file.warning(at, format!(
                            "\"{text}\" is text that looks like a number: write it as a value, like {{ value = {number} }}, so that every edition formats it"
                        )));
                    }
                }
            }
        };
        check(cell.get_ref());
        if let WrittenCell::Detailed(spec) = cell.get_ref() {
            for line in spec.lines.iter().flatten() {
                check(line.get_ref());
            }
        }
    }
}

/// `603609` for `"603.609"` or `"603,609"` (groups of three digits), and
/// `10.5` for `"10,5"`; `None` for anything else (`"2019"`, `"0–6"`, words).
fn formatted_number(text: &str) -> Option<String> {
    let t = text.trim();
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t),
    };
    let separators: Vec<char> = digits.chars().filter(|c| matches!(c, '.' | ',')).collect();
    if separators.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let groups: Vec<&str> = digits.split(['.', ',']).collect();
    let grouped = groups[0].len() <= 3
        && !groups[0].is_empty()
        && groups[1..].iter().all(|g| g.len() == 3)
        && separators.iter().all(|c| *c == separators[0]);
    if grouped {
        return Some(format!("{sign}{}", groups.concat()));
    }
    if separators == [','] && groups.iter().all(|g| !g.is_empty()) {
        return Some(format!("{sign}{}.{}", groups[0], groups[1]));
    }
    None
}

/// A value with three decimals, unless it is money (a currency with three
/// decimals, such as the Tunisian dinar, is written that way).
fn warn_three_decimals(
    file: &SourceFile,
    at: usize,
    value: f64,
    unit: Option<Unit>,
    decimals: Option<u8>,
    diags: &mut Diagnostics,
) {
    if matches!(unit, Some(Unit::Currency(_))) {
        return;
    }
    // As written: `603.600` keeps its zeros (`decimals`), and prints them.
    let written = match decimals {
        Some(decimals) => format!("{value:.*}", usize::from(decimals)),
        None => format!("{value}"),
    };
    let Some((whole, decimals)) = written.split_once('.') else {
        return;
    };
    if decimals.len() == 3 && whole.trim_start_matches('-').len() <= 3 {
        diags.push(file.warning(at, format!(
            "{written} is read as a number with three decimals: if you mean {whole}{decimals}, write {whole}{decimals} (numbers in TOML have no thousands separators)"
        )));
    }
}

/// The prefix of a placeholder text in the data (`"TODO: number of foreigners"`).
pub const TODO_PREFIX: &str = "TODO:";

/// Lists every placeholder text of the data files as a to-do warning: a
/// string that starts with `TODO:` prints as such and is found by `check`.
/// The final print run (`strict`) refuses them as errors.
pub fn report_placeholders(profile: &Profile, diags: &mut Diagnostics) {
    let mut files: Vec<&SourceFile> = vec![&profile.meta.file];
    files.extend(profile.values.iter().map(|v| v.file.as_ref()));
    files.extend(profile.tables.values().map(|t| t.file.as_ref()));
    files.extend(profile.figures.values().map(|f| f.file.as_ref()));
    for file in files {
        for (offset, _) in file.text.match_indices(TODO_PREFIX) {
            let opens_string = file.text[..offset].ends_with(['"', '\'']);
            let line_start = file.text[..offset].rfind('\n').map_or(0, |i| i + 1);
            if !opens_string || in_comment(&file.text[line_start..offset]) {
                continue;
            }
            let rest = &file.text[offset + TODO_PREFIX.len()..];
            let what: String = rest
                .chars()
                .take_while(|c| !matches!(c, '"' | '\'' | '\n'))
                .collect();
            let message = format!("to do: {}", what.trim());
            diags.push(file.print_run_gap(offset - 1, message));
        }
    }
}

/// Whether the end of a TOML line's beginning is inside a comment: a `#`
/// outside quotes comes before it.
fn in_comment(line_before: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in line_before.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '#' => return true,
            None if c == '"' || c == '\'' => quote = Some(c),
            None => {}
        }
    }
    false
}

pub fn isbn_problem(isbn: &str) -> Option<String> {
    let chars: Vec<char> = isbn
        .trim()
        .trim_start_matches("ISBN")
        .trim()
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .collect();
    let digit = |c: &char| c.to_digit(10);
    let valid = match chars.len() {
        13 if chars.iter().all(|c| c.is_ascii_digit()) => {
            let sum: u32 = chars
                .iter()
                .enumerate()
                .map(|(i, c)| digit(c).unwrap_or(0) * if i % 2 == 0 { 1 } else { 3 })
                .sum();
            sum.is_multiple_of(10)
        }
        10 if chars[..9].iter().all(|c| c.is_ascii_digit())
            && (chars[9].is_ascii_digit() || chars[9] == 'X') =>
        {
            let sum: u32 = chars
                .iter()
                .enumerate()
                .map(|(i, c)| (10 - i as u32) * digit(c).unwrap_or(10))
                .sum();
            sum.is_multiple_of(11)
        }
        10 | 13 => {
            return Some(format!(
                "`{isbn}` is not an ISBN: expected digits (and hyphens), like 978-3-16-148410-0"
            ))
        }
        _ => {
            return Some(format!(
                "`{isbn}` is not an ISBN: an ISBN has 13 digits (or 10), like 978-3-16-148410-0"
            ))
        }
    };
    (!valid).then(|| {
        format!("`{isbn}` is not a valid ISBN: its check digit does not match (a typing error?)")
    })
}

/// Checks that need no language: ids, colours, dates, table grids.
/// The longest title, city or country name and author name a profile may
/// have, in characters. Each also goes into the PDF's document information
/// (title, author, description, keywords and their XMP copies), where PDF
/// takes no string over 32,767 bytes; a longer text is a paste gone wrong,
/// and Typst's export would fail on it without a place.
pub const LONGEST_DOCUMENT_INFORMATION: usize = 1_000;

/// Refuses, at its place in profile.toml, a title, short title, city or
/// country name (in any language) or author name longer than
/// [`LONGEST_DOCUMENT_INFORMATION`] characters.
pub(super) fn check_document_information(profile: &Profile, diags: &mut Diagnostics) {
    let meta = &profile.meta.value;
    let file = &profile.meta.file;
    let too_long = |text: &str| text.chars().count() > LONGEST_DOCUMENT_INFORMATION;
    for (key, text) in [
        ("title", &meta.title),
        ("short_title", &meta.short_title),
        ("city", &meta.city),
        ("country", &meta.country),
    ] {
        let longest = match &text.content {
            TextContent::Neutral(s) => Some(s),
            TextContent::PerLanguage(map) => map.values().find(|s| too_long(s)),
        };
        if let Some(long) = longest.filter(|s| too_long(s)) {
            diags.push(file.error(
                text.span.start,
                format!(
                    "`{key}` is {} characters long: at most {LONGEST_DOCUMENT_INFORMATION} are taken, since it is also the PDF's document information",
                    long.chars().count()
                ),
            ));
        }
    }
    for author in &meta.authors {
        if too_long(&author.name) {
            let at = file.text.find(author.name.as_str()).unwrap_or(0);
            diags.push(file.error(
                at,
                format!(
                    "an author's `name` is {} characters long: at most {LONGEST_DOCUMENT_INFORMATION} are taken, since it is also the PDF's document information",
                    author.name.chars().count()
                ),
            ));
        }
    }
}

/// Warns about a language folder or file that no edition reads because
/// its name spells a declared language another way (`text/de-ch/`,
/// `text/de_CH/`, `strings/de_CH.toml`, `po/DE.po` where the profile has
/// `de-CH` or `de`): the texts in it would be left out without a word.
pub(super) fn check_language_folders(profile: &Profile, diags: &mut Diagnostics) {
    let declared = profile.declared_languages();
    let spelt_alike = |name: &str| {
        let folded = name.replace('_', "-").to_lowercase();
        declared
            .iter()
            .find(|lang| lang.as_str() != name && lang.as_str().to_lowercase() == folded)
    };
    for (folder, extension) in [
        ("text", None),
        ("strings", Some("toml")),
        ("po", Some("po")),
    ] {
        let Ok(entries) = profile.sources.read_dir(&profile.dir.join(folder)) else {
            continue;
        };
        for entry in entries {
            let name = match extension {
                None if profile.sources.is_dir(&entry) => entry.file_name(),
                Some(ext) if entry.extension().is_some_and(|e| e == ext) => entry.file_stem(),
                _ => None,
            };
            let Some(name) = name.and_then(|n| n.to_str()) else {
                continue;
            };
            if let Some(lang) = spelt_alike(name) {
                let written = match extension {
                    None => format!("{folder}/{lang}/"),
                    Some(ext) => format!("{folder}/{lang}.{ext}"),
                };
                diags.push(Diagnostic::warning(
                    &entry,
                    None,
                    format!(
                        "no edition reads this: the `{lang}` edition reads {written}; rename it so"
                    ),
                ));
            }
        }
    }
}

pub(super) fn check_structure(profile: &Profile, diags: &mut Diagnostics) {
    let meta = &profile.meta.value;
    let file = &profile.meta.file;
    if let Some(values) = &profile.values {
        for group in values.value.values() {
            for cell in group.values() {
                if cell.get_ref().footnote.is_some() {
                    diags.push(values.file.error(
                        cell.span().start,
                        "`footnote` goes on table cells; a value quoted in the text takes its footnote in the Markdown, like `{{population.total}}[^1]`",
                    ));
                }
            }
        }
    }
    if !is_valid_id(meta.id.get_ref()) {
        diags.push(file.error(
            meta.id.span().start,
            "`id` must be lower-case letters, digits and dashes (it names the output files)",
        ));
    }
    let date = meta.date.get_ref();
    if date.date.is_none() || date.time.is_some() {
        diags.push(file.error(
            meta.date.span().start,
            "`date` must be a calendar date like 2021-03-01 (no time)",
        ));
    }
    let mut seen: BTreeMap<String, Range<usize>> = BTreeMap::new();
    if meta.languages.get_ref().is_empty() {
        diags.push(file.error(
            meta.languages.span().start,
            "`languages` must name at least one language, like [\"en\"]",
        ));
    }
    for lang in meta.languages.get_ref() {
        if !crate::base::lang::is_language_code(lang.get_ref()) {
            diags.push(file.error(
                lang.span().start,
                format!(
                    "`{}` is not a language code (expected a code like `en`, `de`, `fr`, `ar`, or one with a region like `de-CH`){}",
                    lang.get_ref(),
                    crate::base::lang::spelling_hint(lang.get_ref())
                ),
            ));
        } else if let Some(first) = seen.get(lang.get_ref()) {
            diags.push(
                file.error_over(lang.span(), format!("`{}` is listed twice", lang.get_ref()))
                    .with_label(file.label(Range::clone(first), "first listed here")),
            );
        } else if seen.insert(lang.get_ref().clone(), lang.span()).is_none()
            && !crate::locale::cldr_knows(lang.get_ref())
        {
            diags.push(file.error(
                lang.span().start,
                format!(
                    "`{}` in `languages` is not a language CLDR has number and date formats for (use a code like `es`, `it`, `pt`, `tr`, `el`)",
                    lang.get_ref()
                ),
            ));
        }
    }
    if let Some(source) = &meta.source_language {
        if !seen.contains_key(source.get_ref()) {
            diags.push(file.error(
                source.span().start,
                format!(
                    "`source_language` `{}` is not one of `languages`",
                    source.get_ref()
                ),
            ));
        }
    }
    if let Some(bleed) = &meta.theme.bleed {
        if !(0.0..=20.0).contains(bleed.get_ref()) {
            diags.push(file.error(
                bleed.span().start,
                format!(
                    "`bleed` is in millimetres, from 0 to 20 (print shops ask for 3 to 5), not {}",
                    bleed.get_ref()
                ),
            ));
        }
    }
    if let Some(multiple) = &meta.theme.page_multiple {
        let n = *multiple.get_ref();
        if !(2..=64).contains(&n) || n % 2 != 0 {
            diags.push(file.error(
                multiple.span().start,
                format!(
                    "`page_multiple` is the number of pages the print edition's page count is a multiple of: an even number from 2 to 64 (4 for a saddle-stitched booklet), not {n}"
                ),
            ));
        }
    }
    if let Some(lang) = &meta.neutral_language {
        if !crate::base::lang::is_language_code(lang.get_ref()) {
            diags.push(file.error(
                lang.span().start,
                format!(
                    "`{}` is not a language code (expected a code like `de` for texts written in German){}",
                    lang.get_ref(),
                    crate::base::lang::spelling_hint(lang.get_ref())
                ),
            ));
        }
    }
    if let Some(isbn) = meta.imprint.as_ref().and_then(|i| i.isbn.as_ref()) {
        if let Some(problem) = isbn_problem(isbn.get_ref()) {
            diags.push(file.error(isbn.span().start, problem));
        }
    }
    for (lang, digits) in &meta.digits {
        if !seen.contains_key(lang) {
            diags.push(file.error(
                digits.span().start,
                format!("`digits` names `{lang}`, which is not one of `languages`"),
            ));
        }
        if crate::locale::NumberingSystem::from_name(digits.get_ref()).is_none() {
            diags.push(file.error(
                digits.span().start,
                format!(
                    "`{}` is not a numbering system this build knows (known: {})",
                    digits.get_ref(),
                    crate::locale::NumberingSystem::known_names()
                ),
            ));
        }
    }
    if meta.chapters.is_empty() {
        diags.push(file.error(0, "`chapters` is empty: list the chapters in reading order, e.g. [[chapters]] file = \"background\""));
    }
    let mut chapter_names: BTreeMap<String, Range<usize>> = BTreeMap::new();
    for chapter in &meta.chapters {
        let name = chapter.file.get_ref();
        if !is_valid_id(name) {
            diags.push(file.error(chapter.file.span().start, format!("`{name}` is not a valid chapter file name: use lower-case letters, digits and dashes, without `.md`")));
        } else if let Some(first) = chapter_names.get(name) {
            diags.push(
                file.error_over(
                    chapter.file.span(),
                    format!("chapter `{name}` is listed twice"),
                )
                .with_label(file.label(Range::clone(first), "first listed here")),
            );
        } else {
            chapter_names.insert(name.clone(), chapter.file.span());
        }
    }
    for colour in [&meta.theme.primary, &meta.theme.accent] {
        if parse_hex_colour(colour.get_ref()).is_none() {
            diags.push(file.error(
                colour.span().start,
                format!(
                    "`{}` is not a colour: write it as #rrggbb",
                    colour.get_ref()
                ),
            ));
        }
    }
    for (id, table) in &profile.tables {
        table::check_table(id, &table.value, &table.file, diags);
    }
    check_profile_images(profile, diags);
    check_blank_pages(profile, diags);
}

/// Each `[[blank_pages]]` entry shows exactly one thing, its key figures
/// name values of `values.toml`, and a caption or attribution goes with
/// what it describes.
fn check_blank_pages(profile: &Profile, diags: &mut Diagnostics) {
    let file = &profile.meta.file;
    for fill in &profile.meta.value.blank_pages {
        let at = fill.span().start;
        let entry = fill.get_ref();
        let kinds = [
            !entry.key_figures.is_empty(),
            entry.photo.is_some(),
            entry.quotation.is_some(),
        ];
        match kinds.iter().filter(|k| **k).count() {
            1 => {}
            0 => diags.push(file.error(at, "this `[[blank_pages]]` entry shows nothing: give it `key_figures = [...]`, `photo = \"images/...\"` or `quotation = { ... }`")),
            _ => diags.push(file.error(at, "this `[[blank_pages]]` entry shows more than one thing: a page holds one of `key_figures`, `photo` and `quotation`; write a `[[blank_pages]]` entry for each")),
        }
        if let Some(caption) = entry.caption.as_ref().filter(|_| entry.photo.is_none()) {
            diags.push(file.error(
                caption.span.start,
                "`caption` goes with a `photo`: this `[[blank_pages]]` entry has none",
            ));
        }
        if let Some(by) = entry.by.as_ref().filter(|_| entry.quotation.is_none()) {
            diags.push(file.error(
                by.span.start,
                "`by` names who is quoted: this `[[blank_pages]]` entry has no `quotation`",
            ));
        }
        for figure in &entry.key_figures {
            let path = figure.value.get_ref();
            let found = path.split_once('.').and_then(|(group, name)| {
                profile
                    .values
                    .as_ref()
                    .and_then(|v| v.value.get(group))
                    .and_then(|g| g.get(name))
            });
            if found.is_none() {
                diags.push(file.error(figure.value.span().start, format!("key figure `{path}`: values.toml has no such value; write it as `group.name`, the name `{{{{group.name}}}}` quotes in the text")));
            }
        }
    }
}

/// `#rrggbb` to its three channels.
pub fn parse_hex_colour(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}
