//! Markdown body → HTML, plain text and headings (pulldown-cmark).
//!
//! Raw HTML in a document is shown as text, never passed through: a pasted
//! `<script>` must not run on a government site. (A sanitised allow-list is
//! the hardening issue's job.)

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashSet;

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

/// Renders a Markdown body.
pub fn render_markdown(body: &str) -> Rendered {
    let mut events: Vec<Event<'_>> = Parser::new_ext(body, options()).collect();
    let headings = assign_heading_ids(&mut events);
    let text = plain_text(&events);
    let events = replace_code_and_raw_html(events);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let html = wrap_tables(html);
    Rendered {
        html,
        text,
        headings,
    }
}

/// Gives every heading an id (its text, or the one written with `{#id}`),
/// unique within the document.
fn assign_heading_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = HashSet::new();
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
            let mut n = 2;
            while !used.insert(unique.clone()) {
                unique = format!("{base}-{n}");
                n += 1;
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
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(t)
            }
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

fn replace_code_and_raw_html(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
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
                        crate::highlight::highlight_code(&buf, lang.trim()) + "\n"
                    };
                    out.push(Event::Html(CowStr::from(html)));
                }
            }
            (Event::Html(raw), _) => out.push(Event::Text(raw)),
            (Event::InlineHtml(raw), _) => out.push(Event::Text(raw)),
            (other, _) => out.push(other),
        }
    }
    out
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

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
    fn raw_html_is_shown_as_text() {
        let r = render_markdown("<script>alert(1)</script>\n\n段落 <b onclick=x>粗</b>\n");
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(!r.html.contains("<b onclick"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
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
