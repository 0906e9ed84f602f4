//! PDF text with `pdf-extract` and shortlist's own layout pass.
//!
//! `pdf-extract`'s `PlainTextOutput` decides spaces and line breaks from the previous glyph
//! alone, so kerned words fall apart, overprinted (fake-bold) headings come out doubled and
//! two-column layouts interleave. [`LayoutOutput`] instead collects every glyph with its
//! position and lays each page out afterwards: glyphs are grouped into lines by baseline,
//! sorted by x, split into words by gaps measured against the line's own letter spacing,
//! duplicate overprinted glyphs are dropped, and a page with a clear gutter is read column
//! by column.
//!
//! This module runs the parser in the *current* process: call it only from a worker process
//! (see [`crate::pool`]), never from the process that owns the batch.

use crate::{Extraction, Extractor, Status, finish};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::collections::HashSet;

/// More glyphs than this in one document is a CPU/output bomb, not a résumé.
pub const MAX_GLYPHS: usize = 3_000_000;

/// Parses a PDF (bytes starting at its `%PDF-` header) and extracts its text.
pub fn extract_pdf(bytes: &[u8]) -> Extraction {
    let mut doc = match pdf_extract::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(e) => return classify_load_error(&e),
    };
    if doc.is_encrypted() {
        // An owner-password-only PDF opens with the empty user password.
        if doc.decrypt("").is_err() {
            return Extraction::failed(
                Status::Encrypted,
                "the PDF is encrypted with a user password",
            );
        }
    }
    let pages = doc.get_pages();
    let mut seen = HashSet::new();
    // A page-tree loop lists the same page object several times; read each object once.
    let repeats: HashSet<u32> = pages
        .iter()
        .filter(|(_, id)| !seen.insert(**id))
        .map(|(n, _)| *n)
        .collect();
    let page_count = seen.len() as u32;
    if page_count == 0 {
        return Extraction::failed(
            Status::Corrupt,
            "the PDF has no reachable pages (broken /Root or page tree)",
        );
    }
    repair_font_widths(&mut doc);
    drop_icon_font_encodings(&mut doc);
    let mut out = LayoutOutput::new(repeats);
    match pdf_extract::output_doc(&doc, &mut out) {
        Ok(()) => {}
        Err(OutputError::PdfError(e)) if out.text.trim().is_empty() => {
            return Extraction::failed(
                Status::Corrupt,
                format!("the PDF's content cannot be parsed ({e})"),
            );
        }
        Err(_) if out.glyphs_total > MAX_GLYPHS => {
            return Extraction::failed(
                Status::TooLarge,
                format!("more than {MAX_GLYPHS} glyphs: an output bomb, not a résumé"),
            );
        }
        // Text already laid out before a late error is still the candidate's text.
        Err(_) => {}
    }
    finish(&out.text, Some(page_count), Extractor::PdfExtract, "PDF")
}

fn classify_load_error(e: &pdf_extract::Error) -> Extraction {
    let msg = e.to_string();
    let lower = msg.to_lowercase();
    if lower.contains("decrypt") || lower.contains("encrypt") || lower.contains("password") {
        return Extraction::failed(Status::Encrypted, format!("the PDF is encrypted ({msg})"));
    }
    Extraction::failed(Status::Corrupt, format!("the PDF cannot be parsed ({msg})"))
}

/// Removes `/Encoding` from icon fonts (Font Awesome) that also carry a `/ToUnicode` map.
///
/// LaTeX's `fontawesome` package names its glyphs with names that have no Unicode value;
/// when such a font also has a ToUnicode entry for the same code, `pdf-extract` 0.12.1
/// panics ("unexpected entry in unicode map") and the whole résumé is lost for the sake of
/// an envelope icon. Without the encoding, the ToUnicode map alone decodes the glyphs (to
/// private-use code points, which normalisation drops), and the rest of the page survives.
fn drop_icon_font_encodings(doc: &mut pdf_extract::Document) {
    use pdf_extract::Object;
    let targets: Vec<_> = doc
        .objects
        .iter()
        .filter_map(|(id, obj)| {
            let dict = obj.as_dict().ok()?;
            let base = dict.get(b"BaseFont").and_then(Object::as_name).ok()?;
            let icon = String::from_utf8_lossy(base)
                .to_ascii_lowercase()
                .contains("fontawesome");
            // A Type 0 font cannot do without its encoding (the CMap from codes to glyphs):
            // pdf-extract panics at once if it is missing.
            let composite = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
            (icon && !composite && dict.has(b"ToUnicode") && dict.has(b"Encoding")).then_some(*id)
        })
        .collect();
    for id in targets {
        if let Some(Object::Dictionary(dict)) = doc.objects.get_mut(&id) {
            dict.remove(b"Encoding");
        }
    }
}

/// Expanded `/W` entries allowed per CID font (a range covering all of Unicode is not a font).
const MAX_W_ENTRIES: i64 = 1 << 17;

/// Rewrites glyph widths that `pdf-extract` 0.12.1 would misread, before it reads them.
///
/// * CID fonts: `/W` may give widths as `c [w1 w2 ...]` or as `c_first c_last w`.
///   `pdf-extract` misreads the second form, which Typst, Skia and Word use, and records no
///   width at all for those glyphs, so every glyph advances by `/DW` (often 0 or 1000):
///   glyphs pile up on one spot or drift past their neighbours and words come out scrambled.
///   Every entry is rewritten into the first form (references and non-integer codes, which
///   make it panic, are resolved too).
/// * Type 3 fonts: widths are in glyph space, scaled by the font's own `/FontMatrix`;
///   `pdf-extract` assumes the Type 1 scale of 1/1000. TeX's bitmap fonts use other scales,
///   so glyphs advance a fraction of their width and doubled letters overprint. Widths are
///   rescaled to the 1/1000 convention and padded to `LastChar` (a short array panics).
fn repair_font_widths(doc: &mut pdf_extract::Document) {
    use pdf_extract::Object;
    let mut updates = Vec::new();
    for (id, obj) in &doc.objects {
        let Ok(dict) = obj.as_dict() else { continue };
        let Ok(subtype) = dict.get(b"Subtype").and_then(Object::as_name) else {
            continue;
        };
        match subtype {
            b"CIDFontType0" | b"CIDFontType2" => {
                if let Some(w) = cid_widths(doc, dict) {
                    updates.push((*id, "W", w));
                }
            }
            b"Type3" => {
                if let Some(w) = type3_widths(doc, dict) {
                    updates.push((*id, "Widths", w));
                }
            }
            _ => {}
        }
    }
    for (id, key, new) in updates {
        if let Some(Object::Dictionary(dict)) = doc.objects.get_mut(&id) {
            dict.set(key, Object::Array(new));
        }
    }
}

fn pdf_num(doc: &pdf_extract::Document, o: &pdf_extract::Object) -> Option<f64> {
    use pdf_extract::Object;
    match doc.dereference(o).ok()?.1 {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn pdf_array<'a>(
    doc: &'a pdf_extract::Document,
    dict: &'a pdf_extract::Dictionary,
    key: &[u8],
) -> Option<&'a Vec<pdf_extract::Object>> {
    let o = dict.get(key).ok()?;
    doc.dereference(o).ok()?.1.as_array().ok()
}

fn cid_widths(
    doc: &pdf_extract::Document,
    dict: &pdf_extract::Dictionary,
) -> Option<Vec<pdf_extract::Object>> {
    use pdf_extract::Object;
    let w = pdf_array(doc, dict, b"W")?;
    let mut new = Vec::with_capacity(w.len());
    let mut budget = MAX_W_ENTRIES;
    let mut i = 0;
    while i + 1 < w.len() && budget > 0 {
        let Some(first) = pdf_num(doc, &w[i]) else {
            break;
        };
        let first = first as i64;
        match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
            Ok(Object::Array(ws)) => {
                let ws: Vec<Object> = ws
                    .iter()
                    .take(budget as usize)
                    .map(|o| Object::Real(pdf_num(doc, o).unwrap_or(0.0) as f32))
                    .collect();
                budget -= ws.len() as i64;
                new.push(Object::Integer(first));
                new.push(Object::Array(ws));
                i += 2;
            }
            _ => {
                let (Some(last), Some(width)) = (
                    pdf_num(doc, &w[i + 1]),
                    w.get(i + 2).and_then(|o| pdf_num(doc, o)),
                ) else {
                    break;
                };
                // Codes come from the file and may be anything up to ±i64::MAX (reals
                // saturate there): in i64, `last - first` overflows (a panic in debug builds,
                // a wrapped count in release), so the range is measured in i128.
                let count = (i128::from(last as i64) - i128::from(first) + 1)
                    .clamp(0, i128::from(budget)) as i64;
                budget -= count;
                if count > 0 {
                    new.push(Object::Integer(first));
                    new.push(Object::Array(vec![
                        Object::Real(width as f32);
                        count as usize
                    ]));
                }
                i += 3;
            }
        }
    }
    Some(new)
}

fn type3_widths(
    doc: &pdf_extract::Document,
    dict: &pdf_extract::Dictionary,
) -> Option<Vec<pdf_extract::Object>> {
    use pdf_extract::Object;
    let widths = pdf_array(doc, dict, b"Widths")?;
    let scale = pdf_array(doc, dict, b"FontMatrix")
        .and_then(|m| m.first())
        .and_then(|a| pdf_num(doc, a))
        .filter(|a| a.is_finite() && *a != 0.0)
        .map_or(1.0, |a| a.abs() * 1000.0);
    let first = dict.get(b"FirstChar").ok().and_then(|o| pdf_num(doc, o))?;
    let last = dict.get(b"LastChar").ok().and_then(|o| pdf_num(doc, o))?;
    let count = (last - first + 1.0).clamp(0.0, 65_536.0) as usize;
    Some(
        (0..count)
            .map(|i| {
                let w = widths.get(i).and_then(|o| pdf_num(doc, o)).unwrap_or(0.0);
                Object::Real((w * scale) as f32)
            })
            .collect(),
    )
}

#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
    /// Whether the glyph touches the page box.
    on_page: bool,
}

/// An [`OutputDev`] that records glyph positions and lays pages out when they end.
pub struct LayoutOutput {
    /// The text laid out so far, pages separated by a blank line.
    pub text: String,
    glyphs: Vec<Glyph>,
    flip_y: f64,
    skip_page: bool,
    repeats: HashSet<u32>,
    glyphs_total: usize,
    page_width: f64,
    /// The page box (llx, lly, urx, ury) in user space; glyphs wholly outside are not shown.
    page_box: (f64, f64, f64, f64),
}

impl LayoutOutput {
    /// A layout device that skips the page numbers in `repeats` (duplicates from a page loop).
    pub fn new(repeats: HashSet<u32>) -> Self {
        LayoutOutput {
            text: String::new(),
            glyphs: Vec::new(),
            flip_y: 0.0,
            skip_page: false,
            repeats,
            glyphs_total: 0,
            page_width: 612.0,
            page_box: (0.0, 0.0, 612.0, 792.0),
        }
    }
}

fn pdf_err(msg: &str) -> OutputError {
    OutputError::PdfError(pdf_extract::Error::Syntax(msg.to_string()))
}

impl OutputDev for LayoutOutput {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.glyphs.clear();
        self.skip_page = self.repeats.contains(&page_num);
        self.flip_y = media_box.ury;
        self.page_width = (media_box.urx - media_box.llx).abs().max(1.0);
        self.page_box = (
            media_box.llx.min(media_box.urx),
            media_box.lly.min(media_box.ury),
            media_box.llx.max(media_box.urx),
            media_box.lly.max(media_box.ury),
        );
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if !self.skip_page {
            let mut glyphs = std::mem::take(&mut self.glyphs);
            // Like pdftotext, drop text drawn wholly off the page (hidden keyword stuffing,
            // the overflow of a text box): a reader never sees it. pdf-extract misplaces the
            // text of some form XObjects, though; when most glyphs seem off the page, it is
            // the coordinates that are off, and everything is kept.
            let on_page = glyphs.iter().filter(|g| g.on_page).count();
            if on_page * 2 >= glyphs.len() {
                glyphs.retain(|g| g.on_page);
            }
            let page = layout_page(glyphs, self.page_width);
            if !page.is_empty() {
                if !self.text.is_empty() {
                    self.text.push_str("\n\n");
                }
                self.text.push_str(&page);
            }
        }
        self.glyphs.clear();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.glyphs_total += 1;
        if self.glyphs_total > MAX_GLYPHS {
            return Err(pdf_err("glyph limit exceeded"));
        }
        if self.skip_page {
            return Ok(());
        }
        // The glyph square's side after the text matrix: same measure as pdf-extract's own.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size < 0.5 {
            return Ok(());
        }
        let x = trm.m31;
        let y = self.flip_y - trm.m32;
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        let (llx, lly, urx, ury) = self.page_box;
        let end = x + width * size;
        let on_page =
            !(x.max(end) < llx || x.min(end) > urx || trm.m32 + size < lly || trm.m32 > ury);
        self.glyphs.push(Glyph {
            x,
            y,
            end,
            size,
            on_page,
            text: char.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Lays out one page: optional column split, then lines top to bottom.
fn layout_page(mut glyphs: Vec<Glyph>, page_width: f64) -> String {
    glyphs.retain(|g| !g.text.is_empty());
    if glyphs.is_empty() {
        return String::new();
    }
    match find_gutter(&glyphs, page_width) {
        Some(gutter) => {
            let (left, right): (Vec<Glyph>, Vec<Glyph>) =
                glyphs.into_iter().partition(|g| g.x < gutter);
            let mut text = layout_lines(left);
            let right = layout_lines(right);
            if !right.is_empty() {
                text.push_str("\n\n");
                text.push_str(&right);
            }
            text
        }
        None => layout_lines(glyphs),
    }
}

/// Finds a vertical gutter: an x position in the middle of the page that almost no glyph
/// crosses, with a substantial share of the text on each side. Right-aligned dates beside
/// job titles are too little text to count as a column, so they stay on their lines.
fn find_gutter(glyphs: &[Glyph], page_width: f64) -> Option<f64> {
    let bins = 200usize;
    let bin_w = page_width / bins as f64;
    let mut cover = vec![0usize; bins];
    for g in glyphs {
        let a = ((g.x / bin_w).floor().max(0.0) as usize).min(bins - 1);
        let b = ((g.end / bin_w).ceil().max(0.0) as usize).min(bins - 1);
        for c in cover.iter_mut().take(b + 1).skip(a) {
            *c += 1;
        }
    }
    let total = glyphs.len();
    let allowed = total / 200; // a full-width heading may cross the gutter
    let mut best: Option<(usize, usize)> = None; // (start, len) of the widest empty run
    let (lo, hi) = (bins * 15 / 100, bins * 85 / 100);
    let mut i = lo;
    while i < hi {
        if cover[i] <= allowed {
            let start = i;
            while i < hi && cover[i] <= allowed {
                i += 1;
            }
            if best.is_none_or(|(_, len)| i - start > len) {
                best = Some((start, i - start));
            }
        } else {
            i += 1;
        }
    }
    let (start, len) = best?;
    let gap = len as f64 * bin_w;
    let median_size = {
        let mut sizes: Vec<f64> = glyphs.iter().map(|g| g.size).collect();
        sizes.sort_by(f64::total_cmp);
        sizes[sizes.len() / 2]
    };
    if gap < median_size * 1.5 {
        return None;
    }
    let gutter = (start as f64 + len as f64 / 2.0) * bin_w;
    let left = glyphs.iter().filter(|g| g.x < gutter).count();
    let share = left as f64 / total as f64;
    // Each column must be real text, and lines must sit side by side (not one block above
    // another, which any gap in a short page would otherwise split).
    if !(0.2..=0.8).contains(&share) {
        return None;
    }
    let rows = |pred: &dyn Fn(&Glyph) -> bool| -> HashSet<i64> {
        glyphs
            .iter()
            .filter(|g| pred(g))
            .map(|g| (g.y / median_size.max(1.0)).round() as i64)
            .collect()
    };
    let left_rows = rows(&|g| g.x < gutter);
    let right_rows = rows(&|g| g.x >= gutter);
    let shared = left_rows.intersection(&right_rows).count();
    if shared * 3 < left_rows.len().min(right_rows.len()) {
        return None;
    }
    Some(gutter)
}

/// Groups glyphs into lines by baseline, then writes each line with word gaps.
fn layout_lines(mut glyphs: Vec<Glyph>) -> String {
    if glyphs.is_empty() {
        return String::new();
    }
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    let mut line_y = f64::NEG_INFINITY;
    let mut line_size = 0.0f64;
    for g in glyphs {
        let tolerance = 0.5 * line_size.min(g.size).max(1.0);
        match lines.last_mut() {
            Some(line) if (g.y - line_y).abs() <= tolerance => {
                line.push(g);
            }
            _ => {
                line_y = g.y;
                line_size = g.size;
                lines.push(vec![g]);
            }
        }
    }
    let mut out = String::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        dedupe_overprint(&mut line);
        let text = write_line(&line);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        // A word hyphenated across a line break (`experi-` / `ence`) is one word again, as
        // pdftotext has it; a dash before a capital or digit (`Front-` / `End`, `2019-`) stays.
        if out.ends_with("-\n") && text.starts_with(|c: char| c.is_lowercase()) {
            let body = &out[..out.len() - 2];
            if body.ends_with(|c: char| c.is_alphabetic()) {
                out.truncate(out.len() - 2);
            }
        }
        out.push_str(text);
        out.push('\n');
    }
    out
}

fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

/// Glyphs are laid out left to right; Hebrew and Arabic are read right to left. In a line
/// that is mostly right-to-left, the words go in reverse order and right-to-left words are
/// reversed, while numbers and Latin words inside keep their own order.
fn logical_order(line: String) -> String {
    let rtl = line.chars().filter(|c| is_rtl(*c)).count();
    let ltr = line
        .chars()
        .filter(|c| c.is_alphabetic() && !is_rtl(*c))
        .count();
    if rtl == 0 {
        return line;
    }
    let fix = |w: &str| -> String {
        if w.chars().any(is_rtl) {
            w.chars().rev().collect()
        } else {
            w.to_string()
        }
    };
    let words: Vec<String> = line.split(' ').map(fix).collect();
    if rtl > ltr {
        words.into_iter().rev().collect::<Vec<_>>().join(" ")
    } else {
        words.join(" ")
    }
}

/// Fake bold draws each glyph twice at nearly the same spot; keep the first.
fn dedupe_overprint(line: &mut Vec<Glyph>) {
    let mut kept: Vec<Glyph> = Vec::with_capacity(line.len());
    for g in line.drain(..) {
        let dup = kept.iter().rev().take(4).any(|k| {
            k.text == g.text
                && (k.x - g.x).abs() < 0.15 * g.size
                && (k.y - g.y).abs() < 0.15 * g.size
        });
        if !dup {
            kept.push(g);
        }
    }
    *line = kept;
}

fn write_line(line: &[Glyph]) -> String {
    // The line's own letter spacing: tracked (letter-spaced) text has wide gaps everywhere,
    // and a fixed threshold would split every letter.
    let mut gaps: Vec<f64> = line
        .windows(2)
        .filter(|w| w[0].text != " " && w[1].text != " ")
        .map(|w| (w[1].x - w[0].end) / w[1].size.max(1.0))
        .filter(|g| g.is_finite() && *g > -0.5 && *g < 0.6)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let typical = if gaps.len() >= 4 {
        gaps[gaps.len() / 2].max(0.0)
    } else {
        0.0
    };
    let threshold = 0.12 + typical;
    let mut out = String::new();
    let mut prev_end: Option<f64> = None;
    for g in line {
        if g.text.trim().is_empty() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            prev_end = Some(g.end);
            continue;
        }
        if let Some(end) = prev_end {
            let gap = (g.x - end) / g.size.max(1.0);
            if gap > threshold && !out.ends_with(' ') {
                out.push(' ');
            }
        }
        out.push_str(&g.text);
        prev_end = Some(g.end);
    }
    logical_order(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x0: f64, y: f64, s: &str, advance: f64) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| {
                let x = x0 + i as f64 * advance;
                Glyph {
                    x,
                    y,
                    end: x + 5.0,
                    size: 10.0,
                    text: c.to_string(),
                    on_page: true,
                }
            })
            .collect()
    }

    #[test]
    fn words_split_by_gaps_not_by_glyph_runs() {
        let mut glyphs = word(10.0, 100.0, "Senior", 5.0);
        glyphs.extend(word(10.0 + 6.0 * 5.0 + 3.0, 100.0, "Engineer", 5.0));
        assert_eq!(layout_page(glyphs, 600.0), "Senior Engineer\n");
    }

    #[test]
    fn overprinted_heading_is_not_doubled() {
        let mut glyphs = word(10.0, 100.0, "Skills", 5.0);
        glyphs.extend(word(10.3, 100.0, "Skills", 5.0));
        assert_eq!(layout_page(glyphs, 600.0), "Skills\n");
    }

    #[test]
    fn lines_ordered_top_to_bottom() {
        let mut glyphs = word(10.0, 120.0, "second", 5.0);
        glyphs.extend(word(10.0, 100.0, "first", 5.0));
        assert_eq!(layout_page(glyphs, 600.0), "first\nsecond\n");
    }

    #[test]
    fn two_columns_read_left_then_right() {
        let mut glyphs = Vec::new();
        for row in 0..20 {
            let y = 100.0 + row as f64 * 14.0;
            glyphs.extend(word(20.0, y, &format!("left{row:02}"), 5.0));
            glyphs.extend(word(350.0, y, &format!("right{row:02}"), 5.0));
        }
        let text = layout_page(glyphs, 600.0);
        let left_end = text.find("left19").expect("left column");
        let right_start = text.find("right00").expect("right column");
        assert!(left_end < right_start, "{text}");
    }

    #[test]
    fn hyphenated_line_end_is_joined() {
        let mut glyphs = word(10.0, 100.0, "experi-", 5.0);
        glyphs.extend(word(10.0, 114.0, "ence", 5.0));
        glyphs.extend(word(10.0, 128.0, "2019-", 5.0));
        glyphs.extend(word(10.0, 142.0, "2020", 5.0));
        assert_eq!(layout_page(glyphs, 600.0), "experience\n2019-\n2020\n");
    }

    #[test]
    fn right_to_left_lines_in_logical_order() {
        assert_eq!(
            logical_order("\u{5d1}\u{5d0} 2020".into()),
            "2020 \u{5d0}\u{5d1}"
        );
        assert_eq!(logical_order("Rust and Go".into()), "Rust and Go");
    }

    #[test]
    fn icon_font_encoding_is_dropped_other_fonts_untouched() {
        use pdf_extract::{Dictionary, Document, Object};
        let mut doc = Document::with_version("1.5");
        let font = |base: &str, subtype: &str| {
            let mut d = Dictionary::new();
            d.set("Type", Object::Name(b"Font".to_vec()));
            d.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
            d.set("BaseFont", Object::Name(base.as_bytes().to_vec()));
            d.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
            d.set("ToUnicode", Object::Null);
            Object::Dictionary(d)
        };
        let icons = doc.add_object(font("ABCDEF+FontAwesome", "Type1"));
        let text = doc.add_object(font("ABCDEF+LMRoman10-Regular", "Type1"));
        // XeLaTeX's fontawesome5 and Typst embed the icons as Type 0 fonts, which keep
        // their encoding (without it pdf-extract panics and the file needs the fallback).
        let composite_icons = doc.add_object(font("ABCDEF+FontAwesome5Free-Solid", "Type0"));
        drop_icon_font_encodings(&mut doc);
        let has_encoding = |id| {
            doc.get_dictionary(id)
                .map(|d| d.has(b"Encoding"))
                .unwrap_or(false)
        };
        assert!(!has_encoding(icons));
        assert!(has_encoding(text));
        assert!(has_encoding(composite_icons));
    }

    /// Found by tests/fuzz: `/W [c_first c_last w]` with codes at the ends of i64 overflowed
    /// `c_last - c_first` (a worker panic in debug builds; the résumé was lost).
    #[test]
    fn cid_width_ranges_at_the_ends_of_i64_do_not_overflow() {
        use pdf_extract::{Dictionary, Object};
        let doc = pdf_extract::Document::with_version("1.7");
        let cases = [
            (i64::MIN, i64::MAX, MAX_W_ENTRIES as usize),
            (i64::MIN, 0, MAX_W_ENTRIES as usize),
            (-2, i64::MAX, MAX_W_ENTRIES as usize),
            // Reversed: an empty range, and the entry after it is still read.
            (i64::MAX, i64::MIN, 1),
            (0, i64::MIN, 1),
        ];
        for (first, last, want) in cases {
            let mut d = Dictionary::new();
            d.set(
                "W",
                Object::Array(vec![
                    Object::Integer(first),
                    Object::Integer(last),
                    Object::Integer(500),
                    Object::Integer(32),
                    Object::Array(vec![Object::Integer(250)]),
                ]),
            );
            let w = cid_widths(&doc, &d).expect("widths");
            // A huge range is cut to the entry budget (which ends the walk).
            let total: usize = w
                .iter()
                .filter_map(|o| o.as_array().ok())
                .map(Vec::len)
                .sum();
            assert_eq!(total, want, "{first}..{last}");
        }
    }

    #[test]
    fn not_a_pdf_body_is_corrupt() {
        assert_eq!(extract_pdf(b"%PDF-1.4\ngarbage").status, Status::Corrupt);
    }
}
