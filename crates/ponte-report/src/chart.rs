//! Charts of a [`Published`] report, each as SVG and PNG (plotters): people reached per
//! month, referrals by destination, prevalence of each exploitation indicator.
//!
//! Text needs a font. The caller passes the bytes of a TrueType/OpenType font: this
//! library reads no files, a phone has no system font path to read, and the app will
//! ship its own font as a resource; the CLI reads one from the system or `--font`.
//! The same font measures text for both backends, so SVG and PNG have the same layout
//! (the SVG names the family `sans-serif` and the viewer draws it).
//!
//! A hidden count draws no bar, only the marker `x` where the bar would start.
//!
//! What a person reads is sized for a phone: text of 22 to 32 px, on a 900 px canvas for
//! the files and on a 640 px one for a screen ([`screen_charts`]), which a phone shows
//! whole at its width (11 px and up at 330 px); a title or subtitle too long for the
//! canvas wraps. The subtitle says the
//! period in the language's date format and not the team's id, which no person reads;
//! the SVG keeps the team and the period as stored in its `<desc>`, for whoever checks
//! where a chart came from.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};
use ponte_i18n::Translator;

use crate::ReportError;
use crate::compute::SCREENING_GROUPS;
use crate::labels::Labels;
use crate::table::{Cell, MARKER, Published};

/// Width of every chart, in pixels.
pub const WIDTH: u32 = 900;
/// Width of a chart drawn for a screen ([`screen_charts`]), in pixels.
pub const SCREEN_WIDTH: u32 = 640;
/// Height of every chart, in pixels.
pub const HEIGHT: u32 = 700;

/// One chart, drawn twice.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File stem: `people-reached-per-month`, `referrals-by-destination`,
    /// `indicator-prevalence`.
    pub name: &'static str,
    /// SVG document.
    pub svg: String,
    /// PNG image.
    pub png: Vec<u8>,
}

/// A bar chart, independent of the backend.
struct Bars {
    title: String,
    subtitle: String,
    /// Category labels, in order (left to right, or top to bottom).
    categories: Vec<String>,
    /// Legend label, colour and values per category (`None` = hidden).
    series: Vec<(String, RGBColor, Vec<Option<f64>>)>,
    /// Text after each bar's value, per category (`n = 12`).
    notes: Vec<Option<String>>,
    /// Categories with nothing to show (no answers): no bar, no value, not hidden.
    empty: Vec<bool>,
    horizontal: bool,
    percent: bool,
}

const BLUE: RGBColor = RGBColor(31, 105, 170);
const ORANGE: RGBColor = RGBColor(230, 126, 34);
const GREY: RGBColor = RGBColor(110, 110, 110);

fn count(cell: Option<Cell>) -> Option<f64> {
    cell.and_then(Cell::count)
        .map(|n| u32::try_from(n).map_or(f64::from(u32::MAX), f64::from))
}

/// Draw the three charts of `report`, labels in `tr`'s language, as files (SVG and
/// PNG, [`WIDTH`] x [`HEIGHT`]).
pub fn charts(
    report: &Published,
    tr: &Translator,
    font: &'static [u8],
) -> Result<Vec<Chart>, ReportError> {
    let rtl = ponte_i18n::is_rtl(tr.locale());
    let desc = desc(report);
    all_bars(report, tr, font)?
        .into_iter()
        .map(|(name, bars)| {
            Ok(Chart {
                name,
                svg: with_desc(isolate_texts(&svg(&bars, rtl, WIDTH)?), &desc),
                png: png(&bars, rtl)?,
            })
        })
        .collect()
}

/// The three charts of `report` for a screen: `(name, SVG)` on a canvas of
/// [`SCREEN_WIDTH`] x [`HEIGHT`], the title and subtitle wrapped to it, so that a
/// phone shows a chart whole at its own width (text of 11 px and up at 330 px).
pub fn screen_charts(
    report: &Published,
    tr: &Translator,
    font: &'static [u8],
) -> Result<Vec<(&'static str, String)>, ReportError> {
    let rtl = ponte_i18n::is_rtl(tr.locale());
    let desc = desc(report);
    all_bars(report, tr, font)?
        .into_iter()
        .map(|(name, bars)| {
            Ok((
                name,
                with_desc(isolate_texts(&svg(&bars, rtl, SCREEN_WIDTH)?), &desc),
            ))
        })
        .collect()
}

/// Where a chart came from, as stored (for whoever checks it, not for reading).
fn desc(report: &Published) -> String {
    format!(
        "<desc>team {} period {}/{}</desc>",
        escape(&report.team),
        escape(&report.period.from),
        escape(&report.period.to)
    )
}

/// The three charts' bars, by file stem, with `font` registered to measure their text.
fn all_bars(
    report: &Published,
    tr: &Translator,
    font: &'static [u8],
) -> Result<Vec<(&'static str, Bars)>, ReportError> {
    for style in [FontStyle::Normal, FontStyle::Bold] {
        register_font("sans-serif", style, font).map_err(|_| ReportError::Font)?;
    }
    let labels = Labels::new(tr);
    let subtitle = labels.t(
        "report-chart-subtitle",
        &[
            ("team", report.team.clone().into()),
            ("from", day(tr.locale(), &report.period.from).into()),
            ("to", day(tr.locale(), &report.period.to).into()),
            (
                "threshold",
                ponte_i18n::Arg::Num(count(Some(Cell::Count(report.threshold()))).unwrap_or(0.0)),
            ),
            ("marker", MARKER.into()),
        ],
    );
    Ok(vec![
        (
            "people-reached-per-month",
            reached_per_month(report, &labels, &subtitle),
        ),
        (
            "referrals-by-destination",
            referrals(report, &labels, &subtitle),
        ),
        (
            "indicator-prevalence",
            prevalence(report, &labels, &subtitle),
        ),
    ])
}

/// A stored date (`YYYY-MM-DD`) as `lang` writes it, as the app's screens do: `it`
/// `24/11/2026`, `en` `24 Nov 2026`, `ar` `24/11/2026` (day first; the chart draws
/// glyphs in order, so no direction marks). Anything else is left as it is.
fn day(lang: &str, iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = iso.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return iso.to_owned();
    };
    let (Ok(year), Ok(month), Ok(dd)) = (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>())
    else {
        return iso.to_owned();
    };
    match (lang, MONTHS.get(month.wrapping_sub(1))) {
        (_, None) => iso.to_owned(),
        ("en", Some(name)) => format!("{dd} {name} {year:04}"),
        _ => format!("{dd:02}/{month:02}/{year:04}"),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Each text of `svg` marked for the browser's bidi algorithm (the PNG backend draws
/// glyphs in order and needs none). WebKit ignores isolates (FSI ... PDI) in SVG text,
/// so a text with right-to-left letters is an explicit right-to-left embedding (RLE ...
/// PDF): an Arabic label keeps its brackets where the SVG's direction is left to right,
/// and a date's parts are kept apart by RLM marks so it reads as the app's screens show
/// it (`24/11/2026` drawn `2026/11/24`). Any other text is a first-strong isolate.
fn isolate_texts(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 64);
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = rest[open_end..].find("</text>").map(|i| open_end + i) else {
            break;
        };
        out.push_str(&rest[..open_end]);
        out.push_str(&bidi_marked(&rest[open_end..close]));
        rest = &rest[close..];
        out.push_str("</text>");
        rest = &rest["</text>".len()..];
    }
    out.push_str(rest);
    out
}

/// One SVG text's content with its bidi marks (see [`isolate_texts`]).
fn bidi_marked(text: &str) -> String {
    let rtl = text.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
    });
    if !rtl {
        return format!("\u{2068}{text}\u{2069}");
    }
    let mut out = String::with_capacity(text.len() + 16);
    out.push('\u{202B}');
    let mut prev = None;
    for c in text.chars() {
        if c == '/' && prev.is_some_and(|p: char| p.is_ascii_digit()) {
            out.push('\u{200F}');
        }
        out.push(c);
        prev = Some(c);
    }
    out.push('\u{202C}');
    out
}

/// `svg` with `desc` as the first child of its root element.
fn with_desc(mut svg: String, desc: &str) -> String {
    if let Some(start) = svg.find("<svg")
        && let Some(end) = svg[start..].find('>')
    {
        svg.insert_str(start + end + 1, desc);
    }
    svg
}

fn reached_per_month(report: &Published, labels: &Labels<'_>, subtitle: &str) -> Bars {
    let t = report.table("months");
    let columns = t.map(|t| t.columns.clone()).unwrap_or_default();
    let row = |indicator: &str| -> Vec<Option<f64>> {
        columns
            .iter()
            .map(|c| count(t.and_then(|t| t.cell(indicator, c))))
            .collect()
    };
    Bars {
        title: labels.t("report-chart-reached-title", &[]),
        subtitle: subtitle.to_owned(),
        categories: columns.clone(),
        series: vec![
            (
                labels.t("report-chart-reached-persons", &[]),
                BLUE,
                row("reached"),
            ),
            (
                labels.t("report-chart-reached-anonymous", &[]),
                ORANGE,
                row("people_met"),
            ),
        ],
        notes: vec![None; columns.len()],
        empty: vec![false; columns.len()],
        horizontal: false,
        percent: false,
    }
}

fn referrals(report: &Published, labels: &Labels<'_>, subtitle: &str) -> Bars {
    let t = report.table("referrals.destination");
    let columns = t.map(|t| t.columns.clone()).unwrap_or_default();
    Bars {
        title: labels.t("report-chart-referrals-title", &[]),
        subtitle: subtitle.to_owned(),
        categories: columns
            .iter()
            .map(|c| labels.category("destination", c))
            .collect(),
        series: vec![(
            labels.t("report-chart-referrals-series", &[]),
            BLUE,
            columns
                .iter()
                .map(|c| count(t.and_then(|t| t.cell("referrals", c))))
                .collect(),
        )],
        notes: vec![None; columns.len()],
        empty: vec![false; columns.len()],
        horizontal: true,
        percent: false,
    }
}

fn prevalence(report: &Published, labels: &Labels<'_>, subtitle: &str) -> Bars {
    let t = report.table("persons.sex");
    let mut categories = Vec::new();
    let mut values: Vec<Option<Option<f64>>> = Vec::new();
    let mut notes = Vec::new();
    for (group, items) in SCREENING_GROUPS {
        for item in *items {
            let base = format!("screening.{group}.{item}");
            categories.push(labels.t(
                &format!("report-chart-group-{group}"),
                &[("item", labels.item(item).into())],
            ));
            let share = t.and_then(|t| {
                t.shares
                    .iter()
                    .find(|s| s.indicator == format!("{base}.prevalence"))
            });
            let answered = t
                .and_then(|t| t.cell(&format!("{base}.answered"), "total"))
                .and_then(Cell::count);
            // Nobody answered: no bar and no marker, nothing is hidden.
            values.push(match answered {
                Some(0) => Some(None),
                _ => Some(share.and_then(|s| s.total)),
            });
            let n = answered.map_or_else(|| MARKER.to_owned(), |n| n.to_string());
            notes.push(Some(labels.t("report-chart-answered", &[("n", n.into())])));
        }
    }
    Bars {
        title: labels.t("report-chart-prevalence-title", &[]),
        subtitle: subtitle.to_owned(),
        categories,
        empty: values.iter().map(|v| *v == Some(None)).collect(),
        series: vec![(
            labels.t("report-chart-prevalence-series", &[]),
            ORANGE,
            values.into_iter().map(Option::flatten).collect(),
        )],
        notes,
        horizontal: true,
        percent: true,
    }
}

fn svg(bars: &Bars, rtl: bool, width: u32) -> Result<String, ReportError> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, HEIGHT)).into_drawing_area();
        draw(&root, bars, rtl, width)?;
        root.present().map_err(|_| ReportError::Chart)?;
    }
    Ok(out)
}

fn png(bars: &Bars, rtl: bool) -> Result<Vec<u8>, ReportError> {
    let pixels = usize::try_from(WIDTH * HEIGHT * 3).map_err(|_| ReportError::Chart)?;
    let mut rgb = vec![0u8; pixels];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root, bars, rtl, WIDTH)?;
        root.present().map_err(|_| ReportError::Chart)?;
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|_| ReportError::Chart)?;
        writer
            .write_image_data(&rgb)
            .map_err(|_| ReportError::Chart)?;
        writer.finish().map_err(|_| ReportError::Chart)?;
    }
    Ok(out)
}

fn chart_err<E>(_: E) -> ReportError {
    ReportError::Chart
}

fn value_text(v: Option<f64>, percent: bool) -> String {
    match v {
        None => MARKER.to_owned(),
        Some(p) if percent => format!("{p:.1}%"),
        Some(n) => format!("{n:.0}"),
    }
}

/// `text` in lines no wider than `max` pixels in `font`, broken between words (a word
/// wider than `max` has a line of its own).
fn wrap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    max: i32,
) -> Vec<String> {
    let fits = |line: &str| {
        root.estimate_text_size(line, style)
            .map_or(true, |(w, _)| i32::try_from(w).unwrap_or(i32::MAX) <= max)
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let longer = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || fits(&longer) {
            line = longer;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Title, subtitle (each wrapped to the width) and legend on top (from the right in a
/// right-to-left language); bars below, with the value at each bar's end.
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    bars: &Bars,
    rtl: bool,
    width: u32,
) -> Result<(), ReportError> {
    let full = i32::try_from(width).unwrap_or(900);
    // A header position from the start edge, and the anchor of a text starting there.
    let at = |x: i32| if rtl { full - x } else { x };
    let start = Pos::new(if rtl { HPos::Right } else { HPos::Left }, VPos::Top);
    root.fill(&WHITE).map_err(chart_err)?;
    let font = |size: f64| ("sans-serif", size).into_font();
    let mut y = 14;
    for line in wrap(root, &bars.title, &font(32.0).into(), full - 48) {
        root.draw(&Text::new(
            line,
            (at(24), y),
            font(32.0).color(&BLACK).pos(start),
        ))
        .map_err(chart_err)?;
        y += 40;
    }
    y += 4;
    for line in wrap(root, &bars.subtitle, &font(24.0).into(), full - 48) {
        root.draw(&Text::new(
            line,
            (at(24), y),
            font(24.0).color(&GREY).pos(start),
        ))
        .map_err(chart_err)?;
        y += 32;
    }
    y += 4;
    // The legend, one entry after the other, on a new line when one would not fit.
    let right = full - 24;
    let mut x = 24;
    for (label, colour, _) in &bars.series {
        let width = root
            .estimate_text_size(label, &font(24.0).into())
            .map_or(300, |(w, _)| i32::try_from(w).unwrap_or(300));
        if x > 24 && x + 28 + width > right {
            (x, y) = (24, y + 32);
        }
        root.draw(&Rectangle::new(
            [
                (at(x).min(at(x + 20)), y + 3),
                (at(x).max(at(x + 20)), y + 23),
            ],
            colour.filled(),
        ))
        .map_err(chart_err)?;
        root.draw(&Text::new(
            label.as_str(),
            (at(x + 28), y),
            font(24.0).color(&BLACK).pos(start),
        ))
        .map_err(chart_err)?;
        x += 28 + width + 40;
    }
    let header = u32::try_from(y + 40).unwrap_or(140);
    let (_, body) = root.split_vertically(header);
    let n = bars.categories.len().max(1);
    #[allow(clippy::cast_precision_loss)]
    let n_f = n as f64;
    let max = bars
        .series
        .iter()
        .flat_map(|(_, _, v)| v.iter().flatten())
        .fold(0.0f64, |a, b| a.max(*b));
    let top = if bars.percent {
        100.0
    } else {
        (max * 1.15).max(1.0)
    };
    let label_style = font(24.0).color(&BLACK);
    let k = bars.series.len().max(1);
    #[allow(clippy::cast_precision_loss)]
    let slot = 0.8 / k as f64;

    if bars.horizontal {
        let left = bars
            .categories
            .iter()
            .filter_map(|c| root.estimate_text_size(c, &font(24.0).into()).ok())
            .map(|(w, _)| w)
            .max()
            .unwrap_or(100)
            + 24;
        let right = if bars.percent { 200 } else { 80 };
        let plot_width = width.saturating_sub(left + right);
        let mut chart = ChartBuilder::on(&body)
            .margin_left(i32::try_from(left).unwrap_or(300))
            // Room for the value and its note after the longest bar.
            .margin_right(right)
            .margin_bottom(10)
            .x_label_area_size(36)
            .build_cartesian_2d(0.0..top, 0.0..n_f)
            .map_err(chart_err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .y_labels(0)
            // Six ticks (0, 20, ... 100 %), three when long labels leave the bars
            // little room: more would overlap at this size.
            .x_labels(if plot_width < 360 { 3 } else { 6 })
            .x_label_formatter(&|v| {
                if bars.percent {
                    format!("{v:.0}%")
                } else {
                    format!("{v:.0}")
                }
            })
            .label_style(font(22.0))
            .draw()
            .map_err(chart_err)?;
        for (i, category) in bars.categories.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let row = n_f - i as f64 - 1.0;
            let (px, py) = chart.backend_coord(&(0.0, row + 0.5));
            root.draw(&Text::new(
                category.as_str(),
                (px - 10, py),
                label_style.pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(chart_err)?;
            for (s, (_, colour, values)) in bars.series.iter().enumerate() {
                let v = values.get(i).copied().flatten();
                #[allow(clippy::cast_precision_loss)]
                let y0 = row + 0.1 + slot * s as f64;
                if let Some(v) = v {
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            [(0.0, y0), (v, y0 + slot)],
                            colour.filled(),
                        )))
                        .map_err(chart_err)?;
                }
                let mut text = if bars.empty.get(i).copied().unwrap_or(false) {
                    String::new()
                } else {
                    value_text(v, bars.percent)
                };
                if let Some(Some(note)) = bars.notes.get(i) {
                    text = format!("{text}  {note}").trim_start().to_owned();
                }
                let (ex, ey) = chart.backend_coord(&(v.unwrap_or(0.0), y0 + slot / 2.0));
                root.draw(&Text::new(
                    text,
                    (ex + 6, ey),
                    label_style.pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(chart_err)?;
            }
        }
    } else {
        let mut chart = ChartBuilder::on(&body)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d(0.0..n_f, 0.0..top)
            .map_err(chart_err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(0)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .label_style(font(22.0))
            .draw()
            .map_err(chart_err)?;
        for (i, category) in bars.categories.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let i_f = i as f64;
            let (px, py) = chart.backend_coord(&(i_f + 0.5, 0.0));
            root.draw(&Text::new(
                category.as_str(),
                (px, py + 8),
                label_style.pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(chart_err)?;
            for (s, (_, colour, values)) in bars.series.iter().enumerate() {
                let v = values.get(i).copied().flatten();
                #[allow(clippy::cast_precision_loss)]
                let x0 = i_f + 0.1 + slot * s as f64;
                if let Some(v) = v {
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            [(x0, 0.0), (x0 + slot, v)],
                            colour.filled(),
                        )))
                        .map_err(chart_err)?;
                }
                let (ex, ey) = chart.backend_coord(&(x0 + slot / 2.0, v.unwrap_or(0.0)));
                root.draw(&Text::new(
                    value_text(v, false),
                    (ex, ey - 4),
                    label_style.pos(Pos::new(HPos::Center, VPos::Bottom)),
                ))
                .map_err(chart_err)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::isolate_texts;

    #[test]
    fn arabic_texts_are_embedded_right_to_left_and_their_dates_kept_apart() {
        let svg =
            "<svg><text x=\"1\">(x) من 01/12/2026 (سجلات)</text><text>Persons (x)</text></svg>";
        let marked = isolate_texts(svg);
        assert_eq!(
            marked,
            "<svg><text x=\"1\">\u{202B}(x) من 01\u{200F}/12\u{200F}/2026 (سجلات)\u{202C}</text>\
             <text>\u{2068}Persons (x)\u{2069}</text></svg>"
        );
    }
}
