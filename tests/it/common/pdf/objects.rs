//! The objects of a built PDF, read with hayro's parser: the document
//! information dictionary, every object as JSON in qpdf's form, the
//! catalog's language, the fonts, the outline, the content streams, the
//! pages' boxes, and a pixel of a rendered page.

use std::path::Path;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::object::{Dict, MaybeRef, Object};

use super::open;

/// A PDF text string as text: UTF-16BE with its byte order mark, or
/// PDFDocEncoding (read as Latin-1, which it matches for letters).
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// What the document information dictionary says of the document (text
/// strings decoded), and its page count.
#[derive(Debug, Clone, Default)]
pub struct Info {
    pub title: Option<String>,
    pub author: Option<String>,
    pub subject: Option<String>,
    pub pages: usize,
}

/// The PDF's document information dictionary and page count.
pub fn pdf_info(pdf: &Path) -> Info {
    let document = open(pdf);
    let metadata = document.metadata();
    let text = |v: &Option<Vec<u8>>| v.as_deref().map(text_string);
    Info {
        title: text(&metadata.title),
        author: text(&metadata.author),
        subject: text(&metadata.subject),
        pages: document.pages().len(),
    }
}

/// The number of pages.
pub fn pdf_pages(pdf: &Path) -> usize {
    open(pdf).pages().len()
}

/// A PDF object as JSON in qpdf's form (`qpdf --json`, version 2): names
/// `"/Name"`, text strings `"u:text"`, references `"N G R"`, numbers,
/// booleans, `null`, arrays, dictionaries by `"/Key"`; a stream is its
/// dictionary.
pub fn json_of(object: &MaybeRef<Object<'_>>) -> serde_json::Value {
    use serde_json::Value;
    let object = match object {
        MaybeRef::Ref(r) => return Value::String(format!("{} {} R", r.obj_number, r.gen_number)),
        MaybeRef::NotRef(o) => o,
    };
    match object {
        Object::Null(_) => Value::Null,
        Object::Boolean(b) => Value::Bool(*b),
        Object::Number(n) => {
            let f = n.as_f64();
            if f.fract() == 0.0 && f.abs() < 1e15 {
                Value::from(f as i64)
            } else {
                Value::from(f)
            }
        }
        Object::String(s) => Value::String(format!("u:{}", text_string(s.as_bytes()))),
        Object::Name(n) => Value::String(format!("/{}", n.as_str())),
        Object::Array(a) => Value::Array(a.raw_iter().map(|o| json_of(&o)).collect()),
        Object::Dict(d) => json_of_dict(d),
        Object::Stream(s) => json_of_dict(s.dict()),
    }
}

fn json_of_dict(dict: &Dict<'_>) -> serde_json::Value {
    serde_json::Value::Object(
        dict.entries()
            .map(|(key, value)| (format!("/{}", key.as_str()), json_of(&value)))
            .collect(),
    )
}

/// Every object of the PDF (dictionaries and streams' dictionaries) as JSON
/// (see [`json_of`]), by reference (`"N G R"`).
pub fn pdf_objects_by_ref(pdf: &Path) -> Vec<(String, serde_json::Value)> {
    let document = open(pdf);
    document
        .objects()
        .into_iter()
        .filter_map(|object| {
            let id = match &object {
                Object::Dict(d) => d.obj_id()?,
                Object::Stream(s) => s.obj_id(),
                _ => return None,
            };
            Some((
                format!("{} {} R", id.obj_number, id.gen_number),
                json_of(&MaybeRef::NotRef(object)),
            ))
        })
        .collect()
}

/// The values of all objects of a PDF (dictionaries and streams'
/// dictionaries) as JSON (see [`json_of`]).
pub fn pdf_objects(pdf: &Path) -> Vec<serde_json::Value> {
    pdf_objects_by_ref(pdf)
        .into_iter()
        .map(|(_, v)| v)
        .collect()
}

/// The document catalog's `/Lang` in qpdf's form (`"u:de-CH"`), or
/// `"none"`.
pub fn catalog_lang(pdf: &Path) -> String {
    pdf_objects(pdf)
        .into_iter()
        .find(|o| o["/Type"] == "/Catalog")
        .expect("a catalog")["/Lang"]
        .as_str()
        .unwrap_or("none")
        .to_string()
}

/// The decoded content streams of the PDF (pages' and forms'), one after
/// the other, as text (bytes that are not UTF-8 replaced).
pub fn content_streams(pdf: &Path) -> String {
    let document = open(pdf);
    let mut out = String::new();
    for object in document.objects() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let dict = json_of_dict(stream.dict());
        let content = dict.get("/Type").is_none()
            && dict.get("/Length1").is_none()
            && dict.get("/Subtype").is_none_or(|s| s == "/Form");
        if content {
            let bytes = stream.decoded().expect("a stream that decodes");
            out.push_str(&String::from_utf8_lossy(&bytes));
            out.push('\n');
        }
    }
    out
}

/// The references (`"N G R"`) of the pages, in order.
pub fn page_refs(pdf: &Path) -> Vec<String> {
    let document = open(pdf);
    document
        .pages()
        .iter()
        .map(|p| {
            let id = p.raw().obj_id().expect("a page is an indirect object");
            format!("{} {} R", id.obj_number, id.gen_number)
        })
        .collect()
}

/// The fonts of the PDF, one `BaseFont` name a line (subset prefix
/// included), each followed by ` embedded` when its font descriptor holds a
/// font file, like `pdffonts` lists them.
pub fn pdf_fonts(pdf: &Path) -> String {
    let mut lines = Vec::new();
    for object in pdf_objects(pdf) {
        if object["/Type"] != "/Font" {
            continue;
        }
        let Some(name) = object["/BaseFont"].as_str() else {
            continue;
        };
        lines.push(name.trim_start_matches('/').to_string());
    }
    lines.sort();
    lines.dedup();
    lines.join("\n")
}

/// The font descriptors' names (`/FontName`) of the fonts that carry no
/// embedded font program (`/FontFile`, `/FontFile2`, `/FontFile3`).
pub fn fonts_not_embedded(pdf: &Path) -> Vec<String> {
    pdf_objects(pdf)
        .into_iter()
        .filter(|o| o["/Type"] == "/FontDescriptor")
        .filter(|o| {
            ["/FontFile", "/FontFile2", "/FontFile3"]
                .iter()
                .all(|k| o.get(*k).is_none())
        })
        .map(|o| o["/FontName"].as_str().unwrap_or("?").to_string())
        .collect()
}

/// The titles of the PDF's bookmarks (outline), depth-first.
pub fn pdf_outline_titles(pdf: &Path) -> Vec<String> {
    let document = open(pdf);
    let xref = document.xref();
    let root: Dict<'_> = xref.get(xref.root_id()).expect("a catalog");
    let mut titles = Vec::new();
    fn walk(first: Option<Dict<'_>>, out: &mut Vec<String>, depth: usize) {
        let mut item = first;
        let mut guard = 0;
        while let Some(dict) = item {
            if let Some(title) = dict.get::<hayro::hayro_syntax::object::String<'_>>(b"Title") {
                out.push(text_string(title.as_bytes()));
            }
            if depth < 32 {
                walk(dict.get::<Dict<'_>>(b"First"), out, depth + 1);
            }
            guard += 1;
            assert!(guard < 100_000, "a loop in the outline");
            item = dict.get::<Dict<'_>>(b"Next");
        }
    }
    if let Some(outlines) = root.get::<Dict<'_>>(b"Outlines") {
        walk(outlines.get::<Dict<'_>>(b"First"), &mut titles, 0);
    }
    titles
}

/// Each page's MediaBox and TrimBox (the MediaBox when it has none):
/// left, bottom, right, top in points.
pub fn page_boxes(pdf: &Path) -> Vec<([f64; 4], [f64; 4])> {
    let document = open(pdf);
    document
        .pages()
        .iter()
        .map(|page| {
            let media = page.media_box();
            let media = [media.x0, media.y0, media.x1, media.y1];
            let trim = page
                .raw()
                .get::<hayro::hayro_syntax::object::Rect>(b"TrimBox")
                .map(|r| [r.x0, r.y0, r.x1, r.y1])
                .unwrap_or(media);
            (media, trim)
        })
        .collect()
}

/// The colour of a pixel of a page (1-based) rendered at 72 dpi (one pixel
/// a point) on white.
pub fn pixel(pdf: &Path, page: usize, x: u32, y: u32) -> (u8, u8, u8) {
    let document = open(pdf);
    let page = &document.pages()[page - 1];
    let settings = hayro::RenderSettings {
        bg_color: hayro::vello_cpu::color::palette::css::WHITE,
        ..Default::default()
    };
    let pixmap = hayro::render(
        page,
        &hayro::RenderCache::new(),
        &InterpreterSettings::default(),
        &settings,
    );
    let p = pixmap.sample(x as u16, y as u16);
    (p.r, p.g, p.b)
}
