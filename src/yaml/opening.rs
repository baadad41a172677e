//! What is wrong when a file does not begin with its `---` line: a blank
//! line or a space before it (a stray Enter, an editor that adds a line), or
//! no front matter at all. The first two are said precisely, since the
//! front matter is there and only its first line is off.

use super::chars::{describe_char, is_odd_space};
use crate::diagnostics::Diagnostic;

/// Code for a `---` that is not at the very start of the file.
pub const MISPLACED_CODE: &str = "FM007";

fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_odd_space(c)
}

/// The diagnostic for `text`, whose first line is not `---`.
pub fn misplaced_opening(text: &str, display_path: &str) -> Diagnostic {
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.first().copied().unwrap_or("");
    let error = |message: String| {
        Diagnostic::error(MISPLACED_CODE, display_path, message)
            .at(1, 1)
            .hint("文件头从文件的第一个字符开始：--- 前面不能有空行、空格或其他字符")
    };
    if first.trim_matches(is_blank) == "---" {
        let c = first.chars().find(|&c| is_blank(c)).unwrap_or(' ');
        let place = if first.starts_with(is_blank) {
            "前面"
        } else {
            "后面"
        };
        return error(format!(
            "第 1 行的 --- {place}有{}，文件头的 --- 必须单独顶格写在第一行",
            describe_char(c)
        ))
        .expected("第 1 行只写 ---（三个半角减号）");
    }
    let blank = lines.iter().take_while(|l| l.chars().all(is_blank)).count();
    if blank > 0
        && lines
            .get(blank)
            .is_some_and(|l| l.trim_matches(is_blank) == "---")
    {
        let which = if blank == 1 {
            "第 1 行是空行".to_string()
        } else {
            format!("第 1–{blank} 行是空行")
        };
        let inside = lines[..blank]
            .iter()
            .flat_map(|l| l.chars())
            .find(|&c| c != '\n');
        let spaces = inside.map_or(String::new(), |c| format!("（只有{}）", describe_char(c)));
        return error(format!(
            "{which}{spaces}，文件头的 --- 必须在文件第一行（现在在第 {} 行）",
            blank + 1
        ))
        .expected("删去 --- 前面的空行，让 --- 成为文件的第一行");
    }
    Diagnostic::error("FM001", display_path, "文件没有以 --- 开头的文件头")
        .at(1, 1)
        .expected("第一行是 ---，接着写 title、agency、category、published 等字段，再以 --- 结束")
        .hint("运行 `gongkai new <路径>` 生成一个填好所有字段的新文件")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> (&'static str, String) {
        let d = misplaced_opening(text, "a.md");
        (d.code, d.message)
    }

    #[test]
    fn a_blank_first_line_is_named() {
        assert_eq!(
            message("\n---\ntitle: x\n---\n"),
            (
                "FM007",
                "第 1 行是空行，文件头的 --- 必须在文件第一行（现在在第 2 行）".to_string()
            )
        );
        assert_eq!(
            message("  \n\u{3000}\n---\n").1,
            "第 1–2 行是空行（只有空格 (U+0020)），文件头的 --- 必须在文件第一行（现在在第 3 行）"
        );
    }

    #[test]
    fn a_space_around_the_dashes_is_named() {
        assert_eq!(
            message(" ---\ntitle: x\n").1,
            "第 1 行的 --- 前面有空格 (U+0020)，文件头的 --- 必须单独顶格写在第一行"
        );
        assert_eq!(
            message("---\u{3000}\ntitle: x\n").1,
            "第 1 行的 --- 后面有全角空格 (U+3000)，文件头的 --- 必须单独顶格写在第一行"
        );
        assert_eq!(
            message("\u{FEFF}---\n").1,
            "第 1 行的 --- 前面有不可见的字节顺序标记 (U+FEFF)，文件头的 --- 必须单独顶格写在第一行"
        );
    }

    #[test]
    fn no_front_matter_stays_fm001() {
        assert_eq!(message("# 标题\n正文\n").0, "FM001");
        assert_eq!(message("\n# 标题\n---\n").0, "FM001");
    }
}
