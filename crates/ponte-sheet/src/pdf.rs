//! A [`Sheet`] as an A4 PDF: each paragraph broken into lines, each line resolved by
//! the Unicode bidi algorithm (`unicode-bidi`) into visual runs, each run split by
//! script into the font that has its letters, shaped by rustybuzz (HarfBuzz's rules:
//! Arabic joining, Urdu Nastaliq, Gurmukhi conjuncts) and drawn by krilla, which
//! embeds each font as a subset of the glyphs used.
//!
//! The fonts are compiled in (`assets/fonts`, Noto, SIL Open Font License): a phone
//! has no font folder an app can count on, and a sheet must print the same anywhere.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use unicode_bidi::{BidiInfo, Level};

use crate::SheetError;
use crate::content::{Block, Sheet};

const NOTO_SANS: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
const NOTO_NASKH_ARABIC: &[u8] =
    include_bytes!("../../../assets/fonts/NotoNaskhArabic-Regular.ttf");
const NOTO_NASTALIQ_URDU: &[u8] =
    include_bytes!("../../../assets/fonts/NotoNastaliqUrdu-Regular.ttf");
const NOTO_SANS_GURMUKHI: &[u8] =
    include_bytes!("../../../assets/fonts/NotoSansGurmukhi-Regular.ttf");
const NOTO_SANS_BENGALI: &[u8] =
    include_bytes!("../../../assets/fonts/NotoSansBengali-Regular.ttf");

/// A4 in points.
const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;

/// Which of the fonts a piece of text is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Latin,
    Arabic,
    Urdu,
    Gurmukhi,
    Bengali,
}

impl Face {
    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Latin => NOTO_SANS,
            Face::Arabic => NOTO_NASKH_ARABIC,
            Face::Urdu => NOTO_NASTALIQ_URDU,
            Face::Gurmukhi => NOTO_SANS_GURMUKHI,
            Face::Bengali => NOTO_SANS_BENGALI,
        }
    }

    /// Arabic-script faces are drawn a little larger to match the Latin x-height;
    /// Nastaliq also needs taller lines: its letters cascade down.
    fn scale(self) -> f32 {
        match self {
            Face::Urdu => 1.15,
            Face::Arabic => 1.1,
            _ => 1.0,
        }
    }

    /// The face of a letter of `c`'s script, or `None` for a character every script
    /// shares (spaces, punctuation), which takes its neighbour's.
    fn of(c: char, urdu: bool) -> Option<Face> {
        let arabic = if urdu { Face::Urdu } else { Face::Arabic };
        match u32::from(c) {
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Some(arabic),
            0x0A00..=0x0A7F => Some(Face::Gurmukhi),
            0x0980..=0x09FF => Some(Face::Bengali),
            _ if c.is_alphanumeric() => Some(Face::Latin),
            _ => None,
        }
    }
}

/// The fonts, parsed once: rustybuzz's for shaping and measuring, krilla's for drawing.
struct Fonts {
    faces: Vec<(Face, rustybuzz::Face<'static>, Font)>,
    /// The sheet is in Urdu: Arabic-script letters take the Nastaliq face.
    urdu: bool,
}

impl Fonts {
    fn new(urdu: bool) -> Result<Fonts, SheetError> {
        let mut faces = Vec::new();
        for face in [
            Face::Latin,
            Face::Arabic,
            Face::Urdu,
            Face::Gurmukhi,
            Face::Bengali,
        ] {
            let shaper = rustybuzz::Face::from_slice(face.bytes(), 0).ok_or(SheetError::Pdf)?;
            let font = Font::new(face.bytes().into(), 0).ok_or(SheetError::Pdf)?;
            faces.push((face, shaper, font));
        }
        Ok(Fonts { faces, urdu })
    }

    fn get(&self, face: Face) -> Option<&(Face, rustybuzz::Face<'static>, Font)> {
        self.faces.iter().find(|(f, _, _)| *f == face)
    }

    fn has_glyph(&self, face: Face, c: char) -> bool {
        self.get(face)
            .is_some_and(|(_, shaper, _)| shaper.glyph_index(c).is_some())
    }

    /// `text` split into pieces of one face each, in logical order. A shared character
    /// takes the face before it (or after it, at the start) when that face has it.
    fn segments<'t>(&self, text: &'t str) -> Vec<(Face, &'t str)> {
        let mut faces: Vec<(usize, Option<Face>)> = text
            .char_indices()
            .map(|(i, c)| (i, Face::of(c, self.urdu)))
            .collect();
        let first = faces.iter().find_map(|(_, f)| *f).unwrap_or(Face::Latin);
        let mut prev = first;
        let chars: Vec<char> = text.chars().collect();
        for (k, (_, f)) in faces.iter_mut().enumerate() {
            match f {
                Some(face) => prev = *face,
                None => {
                    let c = chars.get(k).copied().unwrap_or(' ');
                    *f = Some(if self.has_glyph(prev, c) {
                        prev
                    } else {
                        Face::Latin
                    });
                }
            }
        }
        let mut out: Vec<(Face, &str)> = Vec::new();
        let mut start = 0;
        for k in 0..faces.len() {
            let face = faces[k].1.unwrap_or(Face::Latin);
            let end = faces.get(k + 1).map_or(text.len(), |(i, _)| *i);
            let next = faces.get(k + 1).and_then(|(_, f)| *f);
            if next != Some(face) {
                if let Some(piece) = text.get(start..end) {
                    out.push((face, piece));
                }
                start = end;
            }
        }
        out
    }

    /// The advance of `text` in `face` at `size` points, shaped in `direction`.
    fn width_of(&self, face: Face, text: &str, size: f32, rtl: bool) -> f32 {
        let Some((_, shaper, _)) = self.get(face) else {
            return 0.0;
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        let shaped = rustybuzz::shape(shaper, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        // Advances are font units: far below f32's exact integer range.
        #[allow(clippy::cast_precision_loss)]
        let units = units as f32;
        #[allow(clippy::cast_precision_loss)]
        let per_em = shaper.units_per_em().max(1) as f32;
        units * size * face.scale() / per_em
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let text = without_marks(text);
        self.segments(&text)
            .iter()
            .map(|(face, piece)| {
                let rtl = matches!(face, Face::Arabic | Face::Urdu);
                self.width_of(*face, piece, size, rtl)
            })
            .sum()
    }
}

/// Control characters (a line break typed in a field) become spaces.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The bidi marks and isolates: they steer the line's bidi resolution, and are then
/// dropped before shaping (no font draws them).
fn is_bidi_mark(c: char) -> bool {
    matches!(u32::from(c), 0x2066..=0x2069 | 0x200E | 0x200F | 0x061C)
}

fn without_marks(text: &str) -> String {
    text.chars().filter(|c| !is_bidi_mark(*c)).collect()
}

/// A value inside a line, isolated (FSI ... PDI): it keeps its own direction, so a
/// phone number or a Latin service name stays in order inside Arabic or Urdu text.
fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// Break `text` into lines no wider than `max` (at spaces; a single word wider than a
/// line stays whole).
fn lines(fonts: &Fonts, text: &str, size: f32, max: f32) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && fonts.width(&candidate, size) > max {
            out.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// A line placed on a page.
struct Placed {
    text: String,
    size: f32,
    /// Its baseline, from the top of the page.
    baseline: f32,
    colour: (u8, u8, u8),
    /// Underlined (the last line of a title or heading).
    rule: bool,
}

/// Draw one line whose baseline is at `y`: visual runs left to right, each run's
/// pieces in visual order, each piece shaped in its run's direction.
fn draw_line(surface: &mut Surface<'_>, fonts: &Fonts, line: &str, size: f32, rtl: bool, y: f32) {
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(line, Some(base));
    let mut pieces: Vec<(Face, String, bool)> = Vec::new();
    for para in &info.paragraphs {
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        for run in runs {
            let run_rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
            let Some(text) = line.get(run.clone()) else {
                continue;
            };
            let text = without_marks(text);
            let mut segs: Vec<(Face, String, bool)> = fonts
                .segments(&text)
                .into_iter()
                .map(|(f, s)| (f, s.to_owned(), run_rtl))
                .collect();
            if run_rtl {
                segs.reverse();
            }
            pieces.extend(segs);
        }
    }
    let widths: Vec<f32> = pieces
        .iter()
        .map(|(f, s, r)| fonts.width_of(*f, s, size, *r))
        .collect();
    let total: f32 = widths.iter().sum();
    let mut x = if rtl { PAGE_W - MARGIN - total } else { MARGIN };
    for ((face, text, run_rtl), w) in pieces.iter().zip(widths) {
        if let Some((_, _, font)) = fonts.get(*face) {
            let direction = if *run_rtl {
                TextDirection::RightToLeft
            } else {
                TextDirection::LeftToRight
            };
            surface.draw_text(
                Point::from_xy(x, y),
                font.clone(),
                size * face.scale(),
                text,
                false,
                direction,
            );
        }
        x += w;
    }
}

/// The style of a block: font size, space before, line height factor, colour.
fn style(block: &Block) -> (f32, f32, (u8, u8, u8)) {
    match block {
        Block::Title(_) => (20.0, 0.0, (0x1f, 0x3a, 0x5f)),
        Block::Heading(_) => (13.5, 14.0, (0x1f, 0x3a, 0x5f)),
        Block::Field { .. } | Block::Text(_) => (11.0, 3.0, (0, 0, 0)),
        Block::Small(_) => (8.5, 18.0, (0x55, 0x55, 0x55)),
    }
}

/// Render `sheet` as PDF bytes.
pub fn render(sheet: &Sheet) -> Result<Vec<u8>, SheetError> {
    let fonts = Fonts::new(sheet.locale == "ur")?;
    let mut document = Document::new();
    let direction = if sheet.rtl {
        krilla::metadata::TextDirection::RightToLeft
    } else {
        krilla::metadata::TextDirection::LeftToRight
    };
    document.set_metadata(
        Metadata::new()
            .language(sheet.locale.to_owned())
            .text_direction(direction)
            .creator("Ponte".to_owned()),
    );
    let line_factor = if sheet.locale == "ur" { 2.1 } else { 1.45 };
    let max = PAGE_W - 2.0 * MARGIN;

    // Lay out first (which line on which page), then draw page by page.
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = MARGIN;
    for block in &sheet.blocks {
        let (size, before, colour) = style(block);
        let text = match block {
            Block::Title(t) | Block::Heading(t) | Block::Small(t) => clean(t),
            Block::Text(t) => isolate(&clean(t)),
            Block::Field { label, value } => clean(&format!("{label}: {}", isolate(value))),
        };
        y += before;
        let rule = matches!(block, Block::Title(_) | Block::Heading(_));
        let broken = lines(&fonts, &text, size, max);
        let last = broken.len().saturating_sub(1);
        for (i, line) in broken.into_iter().enumerate() {
            let height = size * line_factor;
            if y + height > PAGE_H - MARGIN {
                pages.push(Vec::new());
                y = MARGIN;
            }
            y += height;
            if let Some(page) = pages.last_mut() {
                // A title or heading is underlined below its last line.
                page.push(Placed {
                    text: line,
                    size,
                    baseline: y - size * 0.35,
                    colour,
                    rule: rule && i == last,
                });
            }
        }
    }
    for page_lines in pages {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(SheetError::Pdf)?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for line in page_lines {
            let (r, g, b) = line.colour;
            surface.set_fill(Some(Fill {
                paint: rgb::Color::new(r, g, b).into(),
                ..Fill::default()
            }));
            draw_line(
                &mut surface,
                &fonts,
                &line.text,
                line.size,
                sheet.rtl,
                line.baseline,
            );
            if line.rule {
                // Below the descenders: Nastaliq's reach further down.
                let top = line.baseline + line.size * 0.45 * line_factor / 1.45;
                let mut path = PathBuilder::new();
                path.move_to(MARGIN, top);
                path.line_to(PAGE_W - MARGIN, top);
                path.line_to(PAGE_W - MARGIN, top + 0.6);
                path.line_to(MARGIN, top + 0.6);
                path.close();
                if let Some(path) = path.finish() {
                    surface.draw_path(&path);
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|_| SheetError::Pdf)
}
