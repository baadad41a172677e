//! HTML escaping, shared by Markdown rendering, highlighting, the Atom feed writer
//! and the JSON that pages carry inside `<script>`.

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    // Byte by byte: the five characters are ASCII, so every cut falls on a
    // character boundary, and the runs between them are copied whole (Tera
    // calls this for every value a page shows).
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out
}

/// Makes JSON safe inside `<script>`: `<`, `>` and `&` as \u escapes.
pub fn escape_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_escape_prevents_breakout() {
        let out = escape_for_script(r#"{"name":"</script><script>alert(1)</script>"}"#);
        assert!(!out.contains("</script"));
        assert!(!out.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&out).expect("still JSON");
        assert_eq!(back["name"], "</script><script>alert(1)</script>");
    }

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("政务公开"), "政务公开");
        assert_eq!(
            escape_html(r#"<a href="x">'甲'&乙</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;甲&#39;&amp;乙&lt;/a&gt;"
        );
        assert_eq!(escape_html("末尾&"), "末尾&amp;");
        assert_eq!(escape_html("&&"), "&amp;&amp;");
        assert_eq!(escape_html("𠀀>𠀁"), "𠀀&gt;𠀁");
    }
}
