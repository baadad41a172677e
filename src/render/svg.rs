//! Horizontal bar charts drawn at build time as inline SVG: no chart library
//! and no script in the browser, the same bytes for the same numbers. Every
//! chart sits next to a table with the same figures (the accessible form);
//! the SVG itself is one labelled image.

use crate::util::html::escape_html;

/// Chart width in SVG units (scaled down by CSS on narrow screens).
const WIDTH: u32 = 640;
/// Height of one bar.
const BAR: u32 = 14;
/// Space between groups of bars.
const GAP: u32 = 10;
/// Pixel width of one CJK character at the label font size.
const CJK_PX: u32 = 13;
/// Widest label column.
const MAX_LABEL: u32 = 220;
/// Room for the value printed after the longest bar.
const VALUE_ROOM: u32 = 56;

/// One series: its name (legend) and its fill colour (contrast ≥ 4.5:1 on white).
pub(crate) struct Series {
    pub(crate) name: String,
    pub(crate) color: &'static str,
}

/// Fill colours in series order.
pub(crate) const COLORS: [&str; 3] = ["#1d4f91", "#a3261e", "#2e6b30"];

fn text_width(s: &str) -> u32 {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                CJK_PX * 6 / 10
            } else {
                CJK_PX
            }
        })
        .sum()
}

/// Shortens `s` to fit `max` units, ending with `…`.
fn fit(s: &str, max: u32) -> String {
    if text_width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = CJK_PX;
    for c in s.chars() {
        w += text_width(c.encode_utf8(&mut [0; 4]));
        if w > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A horizontal bar chart: one group per row, one bar per series.
/// `id` must be unique on the page; `title` names the chart for assistive technology.
pub(crate) fn bar_chart(
    id: &str,
    title: &str,
    series: &[Series],
    rows: &[(String, Vec<usize>)],
) -> String {
    bar_chart_shown(id, title, series, rows, |v| v.to_string())
}

/// [`bar_chart`] with each bar's value printed by `shown` (e.g. a share
/// in hundredths of a percent as `52.31%`).
pub(crate) fn bar_chart_shown(
    id: &str,
    title: &str,
    series: &[Series],
    rows: &[(String, Vec<usize>)],
    shown: impl Fn(usize) -> String,
) -> String {
    let label_w = rows
        .iter()
        .map(|(l, _)| text_width(l))
        .max()
        .unwrap_or(0)
        .clamp(CJK_PX * 2, MAX_LABEL);
    let legend_h = if series.len() > 1 { 28 } else { 6 };
    let group_h = BAR * series.len() as u32 + GAP;
    let height = legend_h + group_h * rows.len() as u32 + 6;
    let x0 = label_w + 10;
    let span = WIDTH - x0 - VALUE_ROOM;
    let max = rows
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut svg = format!(
        "<svg class=\"chart\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title>",
        escape_html(title)
    );
    if series.len() > 1 {
        let mut x = x0;
        for s in series {
            svg.push_str(&format!(
                "<rect x=\"{x}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"16\" font-size=\"13\" fill=\"#1a1a1a\">{}</text>",
                s.color,
                x + 16,
                escape_html(&s.name)
            ));
            x += 16 + text_width(&s.name) + 20;
        }
    }
    for (r, (label, values)) in rows.iter().enumerate() {
        let top = legend_h + group_h * r as u32;
        let mid = top + (BAR * series.len() as u32) / 2 + 4;
        svg.push_str(&format!(
            "<text x=\"{label_w}\" y=\"{mid}\" font-size=\"13\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>",
            escape_html(&fit(label, label_w))
        ));
        for (k, s) in series.iter().enumerate() {
            let v = values.get(k).copied().unwrap_or(0);
            // integer arithmetic: the same numbers always give the same bytes
            let w = (v as u64 * span as u64 / max as u64) as u32;
            let y = top + BAR * k as u32;
            svg.push_str(&format!(
                "<rect x=\"{x0}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#1a1a1a\">{}</text>",
                BAR - 2,
                s.color,
                x0 + w + 4,
                y + BAR - 3,
                escape_html(&shown(v))
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str) -> Vec<Series> {
        vec![Series {
            name: name.into(),
            color: COLORS[0],
        }]
    }

    #[test]
    fn bars_scale_to_the_largest_value() {
        let rows = vec![("甲".to_string(), vec![10]), ("乙".to_string(), vec![5])];
        let svg = bar_chart("c", "图", &one("件数"), &rows);
        let span = WIDTH - (CJK_PX * 2 + 10) - VALUE_ROOM;
        assert!(svg.contains(&format!("width=\"{span}\"")), "{svg}");
        assert!(svg.contains(&format!("width=\"{}\"", span / 2)), "{svg}");
        assert!(svg.contains("<title id=\"c-title\">图</title>"));
        assert!(svg.contains(">10</text>") && svg.contains(">5</text>"));
        // one series: no legend
        assert!(!svg.contains("件数"));
    }

    #[test]
    fn empty_and_zero_charts_are_well_formed() {
        let svg = bar_chart("z", "空", &one("件数"), &[("甲".to_string(), vec![0])]);
        assert!(svg.contains("width=\"0\""));
        let svg = bar_chart("e", "空", &one("件数"), &[]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    #[test]
    fn labels_are_escaped_and_fitted() {
        let long = "很".repeat(40);
        let rows = vec![(format!("<b>{long}"), vec![1])];
        let svg = bar_chart("l", "a&b", &one("x"), &rows);
        assert!(!svg.contains("<b>") && svg.contains("&lt;b&gt;"));
        assert!(svg.contains("a&amp;b"));
        assert!(svg.contains('…'));
    }
}
