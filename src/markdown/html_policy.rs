//! What raw HTML in a document may do (site.yaml `raw_html`), and the
//! sanitiser (ammonia) behind the default.
//!
//! The default keeps a safe subset — tables, `<br>`, `<sup>`, `<sub>`, spans
//! with classes, links and images over http(s) — and drops scripts, event
//! handlers, `javascript:` URLs, iframes, forms, `style` and `<style>`. Sites
//! whose editors are trusted can pass raw HTML through unchanged; sites that
//! want none at all can show it as text.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// URL schemes a link or image may use; anything else (`javascript:`,
/// `data:`, `vbscript:`, `file:`) is dropped. Relative URLs are kept.
pub const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a URL written in Markdown or HTML may be published as a link.
pub fn is_safe_url(url: &str) -> bool {
    // Browsers ignore tabs and newlines inside a scheme and leading spaces / controls.
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match cleaned.find([':', '/', '?', '#']) {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            URL_SCHEMES.contains(&scheme.as_str())
        }
        _ => true,
    }
}

/// Classes our own Markdown output puts on `<div>`: a raw `<div>` may use
/// them too, but no other class (site CSS could be abused to overlay the page).
const DIV_CLASSES: [&str; 2] = ["table-wrap", "footnote-definition"];

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
        let mut add = |tag: &'static str, names: &[&'static str]| {
            attrs.entry(tag).or_default().extend(names.iter().copied());
        };
        add("a", &["href", "title", "id"]);
        add("img", &["src", "alt", "title", "width", "height"]);
        for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            add(h, &["id"]);
        }
        add("div", &["class", "id", "tabindex", "role", "aria-label"]);
        add("span", &["class"]);
        add("code", &["class"]);
        add("pre", &["class"]);
        add("sup", &["class", "id"]);
        add("th", &["style", "colspan", "rowspan", "scope"]);
        add("td", &["style", "colspan", "rowspan"]);
        add("ol", &["start"]);
        add("li", &["id"]);
        b.tags(
            [
                "a",
                "abbr",
                "b",
                "blockquote",
                "br",
                "caption",
                "code",
                "col",
                "colgroup",
                "dd",
                "del",
                "div",
                "dl",
                "dt",
                "em",
                "h1",
                "h2",
                "h3",
                "h4",
                "h5",
                "h6",
                "hr",
                "i",
                "img",
                "ins",
                "kbd",
                "li",
                "mark",
                "ol",
                "p",
                "pre",
                "q",
                "s",
                "small",
                "span",
                "strong",
                "sub",
                "sup",
                "table",
                "tbody",
                "td",
                "tfoot",
                "th",
                "thead",
                "tr",
                "u",
                "ul",
            ]
            .into_iter()
            .collect(),
        )
        .tag_attributes(attrs)
        .generic_attributes(HashSet::new())
        .url_schemes(URL_SCHEMES.into_iter().collect())
        .link_rel(None)
        .attribute_filter(filter_attribute);
        b
    })
}

/// Values of the few attributes that are allowed but could restyle or
/// trap the page are narrowed to what our own output uses.
fn filter_attribute<'u>(
    tag: &str,
    attr: &str,
    value: &'u str,
) -> Option<std::borrow::Cow<'u, str>> {
    let ok = match (tag, attr) {
        (_, "style") => matches!(
            value.trim().trim_end_matches(';').trim(),
            "text-align: left" | "text-align: center" | "text-align: right"
        ),
        ("div", "class") => value.split_whitespace().all(|c| DIV_CLASSES.contains(&c)),
        ("div", "role") => value == "region",
        ("div", "tabindex") => value == "0",
        _ => true,
    };
    ok.then_some(std::borrow::Cow::Borrowed(value))
}

/// Sanitises an HTML fragment with the safe-subset policy.
pub fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_safe_subset() {
        let html = "<table><tr><td colspan=\"2\">a<br>b<sup>2</sup><sub>n</sub></td></tr></table>\
                    <span class=\"note\">注</span>";
        assert_eq!(
            sanitize(html),
            "<table><tbody><tr><td colspan=\"2\">a<br>b<sup>2</sup><sub>n</sub></td></tr></tbody></table>\
             <span class=\"note\">注</span>"
        );
    }

    #[test]
    fn strips_what_can_run_or_overlay() {
        let cases = [
            ("<script>alert(1)</script>正文", "正文"),
            ("<b onclick=\"alert(1)\">粗</b>", "<b>粗</b>"),
            ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
            ("<a href=\" JaVa\tScript:alert(1)\">x</a>", "<a>x</a>"),
            ("<iframe src=\"https://evil.example\"></iframe>框", "框"),
            ("<form action=\"/x\"><input name=\"q\"></form>表", "表"),
            (
                "<div style=\"position:fixed;top:0;left:0;width:100%\">盖</div>",
                "<div>盖</div>",
            ),
            ("<style>body{display:none}</style>样", "样"),
            (
                "<img src=\"data:image/svg+xml,x\" alt=\"图\">",
                "<img alt=\"图\">",
            ),
            ("<div class=\"skip-link\">a</div>", "<div>a</div>"),
            ("<!-- 注释 -->可见", "可见"),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitize(input), expected, "{input}");
        }
    }

    #[test]
    fn keeps_table_alignment_only() {
        assert_eq!(
            sanitize("<table><tr><td style=\"text-align: center\">a</td><td style=\"color:red\">b</td></tr></table>"),
            "<table><tbody><tr><td style=\"text-align: center\">a</td><td>b</td></tr></tbody></table>"
        );
    }

    #[test]
    fn url_schemes() {
        for ok in [
            "https://a.cn/",
            "/x/y",
            "附件.pdf",
            "#s-1",
            "mailto:a@b.cn",
            "?q=1:2",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JAVASCRIPT:x",
            "java\nscript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }
}
