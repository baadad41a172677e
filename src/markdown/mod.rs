//! Markdown body → HTML, plain text and headings (pulldown-cmark).
//!
//! Raw HTML follows the site's [`RawHtml`] policy (by default a sanitised safe
//! subset: a pasted `<script>` must not run on a government site). Links and
//! images written in Markdown are held to the same URL schemes, and heading
//! attributes (`{onclick=…}`) are dropped. Bodies with too many headings or
//! nesting too deep are refused before rendering ([`LimitExceeded`]).

pub mod highlight;
pub mod html_policy;

use crate::config::security::RawHtml;
use crate::util::html::escape_html;
use html_policy::{is_safe_url, sanitize};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A heading in the body, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// The heading text.
    pub text: String,
}

/// The rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML.
    pub html: String,
    /// Plain text: paragraphs separated by newlines.
    pub text: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// At most this many headings in one body.
pub const MAX_HEADINGS: usize = 5_000;
/// At most this many nested blocks and inlines (quotes in lists in quotes…).
pub const MAX_NESTING: usize = 100;

/// A body too big in some dimension to render safely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitExceeded {
    /// More headings than [`MAX_HEADINGS`] (the count found).
    Headings(usize),
    /// Nested deeper than [`MAX_NESTING`] (1-based line where the limit is passed).
    Nesting {
        /// Line within the body (1-based).
        line: u32,
    },
}

/// Renders a Markdown body with the default raw-HTML policy.
pub fn render_markdown(body: &str) -> Rendered {
    // Bodies past the limits are still rendered here (callers that must not
    // render them use `render_markdown_with`), but never unboundedly.
    render_markdown_with(body, RawHtml::Safe).unwrap_or_default()
}

/// Renders a Markdown body, or says which limit it passes.
pub fn render_markdown_with(body: &str, raw_html: RawHtml) -> Result<Rendered, LimitExceeded> {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut depth = 0usize;
    let mut heading_count = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Start(tag) => {
                depth += 1;
                if depth > MAX_NESTING {
                    let line = body[..range.start].matches('\n').count() as u32 + 1;
                    return Err(LimitExceeded::Nesting { line });
                }
                if matches!(tag, Tag::Heading { .. }) {
                    heading_count += 1;
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        events.push(event);
    }
    if heading_count > MAX_HEADINGS {
        return Err(LimitExceeded::Headings(heading_count));
    }
    let headings = assign_heading_ids(&mut events);
    let text = plain_text(&events);
    let has_raw_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let events = replace_code_and_raw_html(events, raw_html);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let html = wrap_tables(html);
    // Our own output is escaped by construction; only raw HTML needs the
    // sanitiser, so bodies without it are left byte for byte as rendered.
    let html = if has_raw_html && raw_html == RawHtml::Safe {
        sanitize(&html)
    } else {
        html
    };
    Ok(Rendered {
        html,
        text,
        headings,
    })
}

/// Gives every heading an id (its text, or the one written with `{#id}`),
/// unique within the document.
fn assign_heading_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    // next suffix to try per base id: 10,000 equal headings stay linear
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = heading_level(*level);
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = explicit.unwrap_or_else(|| heading_slug(&text));
            let mut unique = base.clone();
            let n = next.entry(base.clone()).or_insert(2);
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                *n += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
            }
            headings.push(Heading {
                level,
                id: unique,
                text: text.trim().to_string(),
            });
            i = j;
        }
        i += 1;
    }
    headings
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// An anchor from heading text: letters and digits of any script, spaces as `-`.
pub fn heading_slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-') && !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() || slug.starts_with(|c: char| c.is_ascii_digit()) {
        format!("s-{slug}").trim_end_matches('-').to_string()
    } else {
        slug
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            // the words of raw HTML, not its tags (search and summaries show text)
            Event::Html(t) | Event::InlineHtml(t) => push_without_tags(&mut text, t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::CodeBlock,
            ) => text.push('\n'),
            Event::End(TagEnd::TableCell) => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

fn push_without_tags(text: &mut String, html: &str) {
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
}

fn replace_code_and_raw_html(events: Vec<Event<'_>>, raw_html: RawHtml) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    for event in events {
        match (event, &mut code) {
            (Event::Start(Tag::CodeBlock(kind)), None) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            (Event::Text(t), Some((_, buf))) => buf.push_str(&t),
            (Event::End(TagEnd::CodeBlock), Some(_)) => {
                if let Some((lang, buf)) = code.take() {
                    let html = if lang.trim().is_empty() {
                        format!(
                            "<pre class=\"code\"><code>{}</code></pre>\n",
                            escape_html(&buf)
                        )
                    } else {
                        crate::markdown::highlight::highlight_code(&buf, lang.trim()) + "\n"
                    };
                    out.push(Event::Html(CowStr::from(html)));
                }
            }
            (Event::Html(raw) | Event::InlineHtml(raw), _) if raw_html == RawHtml::Escape => {
                out.push(Event::Text(raw))
            }
            (Event::Start(mut tag), _) => {
                match &mut tag {
                    Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                        let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
                        *dest_url = safe_url(url);
                    }
                    // `{onclick=…}` would otherwise become an attribute
                    Tag::Heading { attrs, .. } => attrs.clear(),
                    _ => {}
                }
                out.push(Event::Start(tag))
            }
            (other, _) => out.push(other),
        }
    }
    out
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

/// Tables scroll sideways inside their own box on a phone instead of
/// widening the page; the wrapper is focusable so keyboard users can scroll it.
fn wrap_tables(html: String) -> String {
    if !html.contains("<table>") {
        return html;
    }
    html.replace(
        "<table>",
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"表格\"><table>",
    )
    .replace("</table>", "</table></div>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_footnotes_and_strikethrough() {
        let r = render_markdown(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n正文[^1]\n\n[^1]: 注释\n\n~~删除~~\n",
        );
        assert!(r.html.contains("<div class=\"table-wrap\""), "{}", r.html);
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
        assert!(r.html.contains("<del>删除</del>"), "{}", r.html);
    }

    #[test]
    fn heading_ids_are_unique_and_readable() {
        let r = render_markdown("## 一、总体要求\n\n## 一、总体要求\n\n### Step 2 {#custom}\n");
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["一总体要求", "一总体要求-2", "custom"]);
        assert!(r.html.contains("<h2 id=\"一总体要求\">"), "{}", r.html);
    }

    #[test]
    fn raw_html_follows_the_site_policy() {
        let body = "<script>alert(1)</script>\n\n段落 <b onclick=x>粗</b> H<sub>2</sub>O\n";
        let safe = render_markdown(body);
        assert_eq!(safe.html, "\n<p>段落 <b>粗</b> H<sub>2</sub>O</p>\n");
        let escaped = render_markdown_with(body, RawHtml::Escape).unwrap();
        assert!(escaped.html.contains("&lt;script&gt;"), "{}", escaped.html);
        assert!(!escaped.html.contains("<b"), "{}", escaped.html);
        let trusted = render_markdown_with(body, RawHtml::Trusted).unwrap();
        assert!(trusted.html.contains("<script>alert(1)</script>"));
    }

    #[test]
    fn plain_text_keeps_the_words_of_raw_html() {
        let r = render_markdown("面积 m<sup>2</sup>\n\n<table><tr><td>甲</td></tr></table>\n");
        assert_eq!(r.text, "面积 m2\n甲");
    }

    #[test]
    fn markdown_links_and_heading_attributes_cannot_run_script() {
        let r = render_markdown_with(
            "[a](javascript:alert(1)) <javascript:alert(2)> ![i](data:text/html,x) [ok](https://a.cn/)\n\n## 标题 {onclick=alert(3) .note}\n",
            RawHtml::Trusted,
        )
        .unwrap();
        assert!(!r.html.contains("href=\"javascript:"), "{}", r.html);
        assert!(!r.html.contains("src=\"data:"), "{}", r.html);
        assert_eq!(r.html.matches("href=\"#\"").count(), 2, "{}", r.html);
        assert!(!r.html.contains("onclick"), "{}", r.html);
        assert!(
            r.html.contains("<a href=\"https://a.cn/\">ok</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("class=\"note\""), "{}", r.html);
    }

    #[test]
    fn ten_thousand_headings_are_refused_and_equal_ones_stay_linear() {
        let many = "## 同名\n\n".repeat(10_000);
        assert_eq!(
            render_markdown_with(&many, RawHtml::Safe).err(),
            Some(LimitExceeded::Headings(10_000))
        );
        let r = render_markdown(&"## 同名\n\n".repeat(MAX_HEADINGS));
        assert_eq!(r.headings.len(), MAX_HEADINGS);
        assert_eq!(
            r.headings[MAX_HEADINGS - 1].id,
            format!("同名-{MAX_HEADINGS}")
        );
    }

    #[test]
    fn nesting_ten_thousand_deep_is_refused() {
        for (body, line) in [
            (format!("正文\n\n{}深\n", ">".repeat(10_000)), 3),
            (format!("{}深\n", "- ".repeat(10_000)), 1),
            (
                format!("{}深{}\n", "*a ".repeat(10_000), "*".repeat(10_000)),
                1,
            ),
        ] {
            assert_eq!(
                render_markdown_with(&body, RawHtml::Safe).err(),
                Some(LimitExceeded::Nesting { line }),
                "{}",
                &body[..20]
            );
        }
    }

    #[test]
    fn deeply_nested_raw_html_is_sanitised_without_overflow() {
        let body = format!("{}深{}\n", "<div>".repeat(10_000), "</div>".repeat(10_000));
        let r = render_markdown(&body);
        assert!(r.html.contains('深'));
    }

    #[test]
    fn fenced_code_is_highlighted() {
        let r = render_markdown("```json\n{\"a\": 1}\n```\n");
        assert!(r.html.contains("hl-code"), "{}", r.html);
        assert!(r.text.contains("{\"a\": 1}"));
    }

    #[test]
    fn plain_text_keeps_paragraphs_apart() {
        let r = render_markdown("# 标题\n\n第一段\n第一段续\n\n- 项目\n");
        assert_eq!(r.text, "标题\n第一段 第一段续\n项目");
    }

    #[test]
    fn digit_headings_get_a_letter_prefix() {
        assert_eq!(heading_slug("2024 年计划"), "s-2024-年计划");
        assert_eq!(heading_slug("？"), "s");
    }
}
