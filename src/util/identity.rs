//! Identity under normalisation: two 文号 (or 索引号, references, slugs)
//! that a reader cannot tell apart are the same. `苏财〔2024〕<U+200B>1号`
//! and `苏财〔２０２４〕１号` are `苏财〔2024〕1号`: invisible format
//! characters (zero-width space/joiner/non-joiner, word joiner, BOM, bidi
//! controls, soft hyphen, …) are removed, then the text is put in Unicode
//! NFKC form (full-width digits and letters become ASCII), then the year
//! brackets are normalised ([`normalise_brackets`]).
//!
//! Where such a character is refused instead (标题, 文号, 发布机构, 索引号:
//! what readers see must be what is stored and searched), [`invisible_chars`]
//! finds it and [`describe`] names it.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// The Chinese name of an invisible format character, or `None` for any
/// other character.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00AD}' => "软连字符",
        '\u{061C}' => "阿拉伯字母标记",
        '\u{180E}' => "蒙古文元音分隔符",
        '\u{200B}' => "零宽空格",
        '\u{200C}' => "零宽不连字",
        '\u{200D}' => "零宽连字",
        '\u{200E}' => "从左到右标记",
        '\u{200F}' => "从右到左标记",
        '\u{202A}' => "从左到右嵌入",
        '\u{202B}' => "从右到左嵌入",
        '\u{202C}' => "方向格式结束",
        '\u{202D}' => "从左到右覆盖",
        '\u{202E}' => "从右到左覆盖",
        '\u{2060}' => "词连接符",
        '\u{2061}'..='\u{2064}' => "不可见数学运算符",
        '\u{2066}' => "从左到右隔离",
        '\u{2067}' => "从右到左隔离",
        '\u{2068}' => "首强字符隔离",
        '\u{2069}' => "方向隔离结束",
        '\u{206A}'..='\u{206F}' => "已废弃的格式控制字符",
        '\u{FEFF}' => "零宽不换行空格（BOM）",
        '\u{FFF9}'..='\u{FFFB}' => "行间注释控制字符",
        _ => return None,
    })
}

/// Whether `c` is an invisible format character.
pub fn is_invisible(c: char) -> bool {
    invisible_name(c).is_some()
}

/// The invisible characters of `s`: (1-based index in characters, character).
pub fn invisible_chars(s: &str) -> Vec<(usize, char)> {
    if s.is_ascii() {
        return Vec::new();
    }
    s.chars()
        .enumerate()
        .filter(|(_, c)| is_invisible(*c))
        .map(|(i, c)| (i + 1, c))
        .collect()
}

/// `U+200B（零宽空格）`.
pub fn describe(c: char) -> String {
    format!(
        "U+{:04X}（{}）",
        c as u32,
        invisible_name(c).unwrap_or("不可见字符")
    )
}

/// The form two values are compared in: invisible characters removed,
/// NFKC, year brackets normalised, trimmed. ASCII text is returned as is
/// (NFKC leaves it unchanged) without copying.
pub fn identity_key(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    if s.is_ascii() && !s.contains(['[', '(']) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(normalise_brackets(visible_nfkc(s).trim()))
}

/// Invisible characters removed, then NFKC: full-width letters, digits and
/// punctuation as ASCII, and one form for text that differs only in how it
/// is composed (NFC/NFD). The part of [`identity_key`] that applies to an
/// address as well: no trimming, no year brackets (a `[` in a URL is a
/// `[`). ASCII text is returned as is.
pub fn visible_nfkc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let out: String = s.chars().filter(|c| !is_invisible(*c)).nfkc().collect();
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

/// Full-width digits ０–９ as ASCII digits.
pub fn ascii_digits(s: &str) -> Cow<'_, str> {
    let full_width = |c: char| ('\u{FF10}'..='\u{FF19}').contains(&c);
    if !s.chars().any(full_width) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if full_width(c) {
                    char::from_u32(c as u32 - 0xFF10 + u32::from(b'0')).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Brackets editors paste from other documents, and the 〔〕 GB/T 9704 wants.
const YEAR_BRACKETS: [(char, char); 6] = [
    ('[', ']'),
    ('［', '］'),
    ('﹝', '﹞'),
    ('（', '）'),
    ('(', ')'),
    ('【', '】'),
];

/// 苏府办[2019]118号 → 苏府办〔2019〕118号 (only brackets around a 4-digit year).
pub fn normalise_brackets(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let mut out = String::with_capacity(number.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let close = YEAR_BRACKETS
            .iter()
            .find(|(open, _)| *open == c)
            .map(|(_, close)| *close);
        if let Some(close) = close {
            let year_end = i + 5;
            if year_end < chars.len()
                && chars[i + 1..year_end].iter().all(char::is_ascii_digit)
                && chars[year_end] == close
            {
                out.push('〔');
                out.extend(&chars[i + 1..year_end]);
                out.push('〕');
                i = year_end + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_year_brackets_only() {
        assert_eq!(
            normalise_brackets("苏府办[2019]118号"),
            "苏府办〔2019〕118号"
        );
        assert_eq!(normalise_brackets("长办发﹝2017﹞7号"), "长办发〔2017〕7号");
        assert_eq!(
            normalise_brackets("耒政办发（2019）6号"),
            "耒政办发〔2019〕6号"
        );
        assert_eq!(
            normalise_brackets("苏府办〔2019〕118号"),
            "苏府办〔2019〕118号"
        );
        assert_eq!(normalise_brackets("市政府令第162号"), "市政府令第162号");
        assert_eq!(normalise_brackets("[附件]"), "[附件]");
    }

    #[test]
    fn readers_cannot_tell_these_apart_and_neither_do_we() {
        let plain = "苏财〔2024〕1号";
        for same in [
            "苏财〔2024〕\u{200B}1号",
            "苏财〔２０２４〕１号",
            "\u{FEFF}苏财\u{00AD}〔2024〕1号\u{2069}",
            "苏财[2024]1号",
            "苏财［２０２４］１号",
            "苏财﹝2024﹞1号",
        ] {
            assert_eq!(identity_key(same), plain, "{same:?}");
        }
        assert_ne!(identity_key("苏财〔2024〕2号"), plain);
        assert!(matches!(identity_key("xxgk/2024/a"), Cow::Borrowed(_)));
    }

    #[test]
    fn finds_and_names_invisible_characters() {
        assert_eq!(
            invisible_chars("a\u{202E}b\u{200B}"),
            [(2, '\u{202E}'), (4, '\u{200B}')]
        );
        assert_eq!(describe('\u{202E}'), "U+202E（从右到左覆盖）");
        assert_eq!(describe('\u{200B}'), "U+200B（零宽空格）");
        assert!(invisible_chars("关于……的通知（２０２４）").is_empty());
    }

    #[test]
    fn full_width_digits_become_ascii() {
        assert_eq!(ascii_digits("苏财〔２０２４〕１号"), "苏财〔2024〕1号");
        assert!(matches!(ascii_digits("苏财〔2024〕1号"), Cow::Borrowed(_)));
    }
}
