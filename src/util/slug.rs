//! URL segments: what editors may write, and stable fallbacks for Chinese names.

use sha2::{Digest, Sha256};

/// A lowercase ASCII URL segment: letters, digits, `-` and `_`, not starting with `-`.
pub fn is_url_segment(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && !s.starts_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A URL segment for a Chinese name that never changes while the name does
/// not: `prefix-` and eight hex digits of the name's SHA-256. Sites that want
/// readable URLs set `slug` in site.yaml.
pub fn stable_slug(prefix: &str, name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let hex: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hex}")
}

/// Percent-encodes a path for use in an `href` (keeps `/` and unreserved ASCII).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_lowercase_ascii_segments() {
        assert!(is_url_segment("gf-2024_03"));
        for bad in ["", "-a", "A", "a/b", "中文", "a b", "../x"] {
            assert!(!is_url_segment(bad), "{bad}");
        }
    }

    #[test]
    fn stable_slug_depends_only_on_the_name() {
        assert_eq!(stable_slug("c", "综合政务"), stable_slug("c", "综合政务"));
        assert_ne!(stable_slug("c", "综合政务"), stable_slug("c", "政务公开"));
        assert!(is_url_segment(&stable_slug("c", "综合政务")));
    }

    #[test]
    fn encodes_chinese_file_names() {
        assert_eq!(
            encode_path("/a/附件 1.pdf"),
            "/a/%E9%99%84%E4%BB%B6%201.pdf"
        );
    }
}
