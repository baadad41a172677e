//! Syntax highlighting for fenced code with CSS classes (one stylesheet for
//! the whole site). syntect's syntax set is loaded once, on first use:
//! government documents rarely contain code, so most builds never pay for it.

use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlights `code` written in `lang` (a fence info word such as `json`).
/// Unknown languages come out escaped but unhighlighted.
pub fn highlight_code(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let lang_word = lang.split([' ', ',']).next().unwrap_or("");
    let syntax = set
        .find_syntax_by_token(lang_word)
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre class=\"code\"><code>{}</code></pre>",
                crate::util::html::escape_html(code)
            );
        }
    }
    let class = if lang_word.is_empty() {
        String::new()
    } else {
        format!(
            " data-lang=\"{}\"",
            crate::util::html::escape_html(lang_word)
        )
    };
    format!(
        "<pre class=\"code hl-code\"{class}><code>{}</code></pre>",
        generator.finalize()
    )
}

/// The stylesheet for the classes above (a light theme with enough contrast).
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    themes
        .themes
        .get("InspiredGitHub")
        .and_then(|theme| css_for_theme_with_class_style(theme, CLASS_STYLE).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_json_with_classes() {
        let html = highlight_code("{\"a\": 1}\n", "json");
        assert!(
            html.starts_with("<pre class=\"code hl-code\" data-lang=\"json\"><code>"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped() {
        let html = highlight_code("<script>\n", "nosuchlang");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn stylesheet_uses_the_prefix() {
        assert!(stylesheet().contains(".hl-"));
    }
}
