//! Names of the characters editors type by mistake with a Chinese input
//! method (full-width colons and spaces, invisible spaces), so a message can
//! say which character it found: “全角冒号 ：(U+FF1A)”.

/// Whitespace that YAML does not treat as a space but an editor cannot tell
/// from one: full-width, no-break and zero-width spaces, a stray BOM.
pub fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// The Chinese name of `c`, for the characters messages need to name.
fn name(c: char) -> &'static str {
    match c {
        '：' => "全角冒号",
        '\u{3000}' => "全角空格",
        '\u{00A0}' => "不换行空格",
        '\u{200B}' => "零宽空格",
        '\u{FEFF}' => "不可见的字节顺序标记",
        '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => "特殊宽度的空格",
        ' ' => "空格",
        '\t' => "制表符",
        '－' => "全角减号",
        '—' => "破折号",
        '！' => "全角叹号",
        _ => "字符",
    }
}

/// `c` as a message shows it: name, the character itself when it can be
/// seen, and its code point — `全角冒号 ：(U+FF1A)`, `全角空格 (U+3000)`.
pub fn describe_char(c: char) -> String {
    let invisible = c.is_whitespace() || is_odd_space(c) || c.is_control();
    if invisible {
        format!("{} (U+{:04X})", name(c), c as u32)
    } else {
        format!("{} {c}(U+{:04X})", name(c), c as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_visible_and_invisible_characters() {
        assert_eq!(describe_char('：'), "全角冒号 ：(U+FF1A)");
        assert_eq!(describe_char('\u{3000}'), "全角空格 (U+3000)");
        assert_eq!(describe_char('\u{A0}'), "不换行空格 (U+00A0)");
        assert_eq!(describe_char('@'), "字符 @(U+0040)");
    }

    #[test]
    fn odd_spaces_are_not_yaml_spaces() {
        for c in ['\u{3000}', '\u{A0}', '\u{200B}', '\u{FEFF}'] {
            assert!(is_odd_space(c), "{c:?}");
        }
        assert!(!is_odd_space(' ') && !is_odd_space('\t') && !is_odd_space('a'));
    }
}
