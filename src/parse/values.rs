//! What editors write that means something other than it says: several
//! 主题词 typed as one string (`keywords: "财政，预算, 绩效"`), and a 文号 of
//! “无” or “/” that means there is none.

use crate::yaml::fields::FieldReader;
use crate::yaml::{Mapping, Value};

/// Marks editors type between 主题词: full-width and ASCII commas, the
/// enumeration comma 、, full-width and ASCII semicolons. A keyword never
/// contains one, so splitting on them is never wrong, and is done silently.
pub const KEYWORD_SEPARATORS: &[char] = &['，', ',', '、', '；', ';'];

/// `keywords`: a list, or one string of several 主题词.
///
/// Every item is split at [`KEYWORD_SEPARATORS`] (a YAML list splits at
/// ASCII commas only, so `[财政，预算]` is one item as written). A single
/// string with no separator but with spaces (`财政 预算 绩效`, the way
/// 主题词 are printed at the foot of a paper 公文) is split at the spaces
/// too, with FM041: a space may also belong to one term (`Smart City`), so
/// the editor is told. Repeats are dropped; each term is held to the
/// `keywords[]` length limit.
pub fn read_keywords(r: &mut FieldReader<'_>, map: &Mapping) -> Vec<String> {
    let written = r.string_list(map, "", "keywords", "keywords: [财政, 预算]");
    let one_string = matches!(map.get("keywords"), Some(Value::String(_)));
    let mut out: Vec<String> = Vec::new();
    for (i, item) in written.iter().enumerate() {
        let mut parts = split_at_separators(item);
        if one_string && parts.len() == 1 && item.split_whitespace().nth(1).is_some() {
            parts = item.split_whitespace().map(str::to_string).collect();
            let d = r
                .warning(
                    "FM041",
                    "keywords",
                    format!(
                        "主题词 “{item}” 按空格拆成了 {} 个：{}",
                        parts.len(),
                        parts.join("、")
                    ),
                )
                .expected(format!("keywords: [{}]", parts.join(", ")))
                .hint("若其中有带空格的一个词，写成列表，每个词一项");
            r.push(d);
        }
        let path = if one_string {
            "keywords".to_string()
        } else {
            format!("keywords[{i}]")
        };
        let max = crate::parse::limits::max_chars("keywords[]").unwrap_or(usize::MAX);
        for part in parts {
            if crate::parse::limits::check_one(r, &path, &part, max) && !out.contains(&part) {
                out.push(part);
            }
        }
    }
    out
}

fn split_at_separators(text: &str) -> Vec<String> {
    text.split(KEYWORD_SEPARATORS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// What editors write in 发文字号 for a document that has none. Compared
/// after trimming and with ASCII letters lowercased.
pub const NO_DOC_NUMBER: &[&str] = &[
    "无",
    "无文号",
    "无号",
    "暂无",
    "没有",
    "空",
    "略",
    "不详",
    "/",
    "／",
    "-",
    "－",
    "--",
    "—",
    "——",
    "…",
    "……",
    "n/a",
    "na",
    "none",
    "null",
    "nil",
];

/// FM042: true when `number` means “no 文号” (see [`NO_DOC_NUMBER`]): the
/// caller then reads the document as having none, so two documents with
/// “无” are not duplicates.
pub fn means_no_doc_number(r: &mut FieldReader<'_>, number: &str) -> bool {
    let key = number.trim().to_ascii_lowercase();
    if !NO_DOC_NUMBER.contains(&key.as_str()) {
        return false;
    }
    let d = r
        .warning(
            "FM042",
            "doc_number",
            format!(
                "发文字号 “{}” 表示没有文号，已按没有发文字号处理",
                number.trim()
            ),
        )
        .expected("没有发文字号的文件不写 doc_number 这一行")
        .hint("删去 doc_number 这一行；网站上该文件的发文字号一栏显示 “—”");
    r.push(d);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::frontmatter::parse_front_matter;

    fn keywords(yaml: &str) -> (Vec<String>, Vec<String>) {
        let text = format!("---\n{yaml}\n---\n正文\n");
        let fm = parse_front_matter(&text, "content/a.md").expect("parses");
        let mut r = crate::parse::document::front_matter_reader("content/a.md", &fm);
        let found = read_keywords(&mut r, &fm.map);
        (found, r.diags.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn one_string_of_keywords_is_split_silently_at_commas() {
        for yaml in [
            "keywords: \"财政，预算, 绩效\"",
            "keywords: 财政、预算；绩效",
            "keywords: 财政 ，预算 ,  绩效",
            "keywords: [财政，预算, 绩效]",
            "keywords: [财政, 预算, 绩效, 预算]",
        ] {
            assert_eq!(
                keywords(yaml),
                (vec!["财政".into(), "预算".into(), "绩效".into()], vec![]),
                "{yaml}"
            );
        }
    }

    #[test]
    fn spaces_split_a_single_string_with_a_warning() {
        let (found, diags) = keywords("keywords: 财政　预算 绩效");
        assert_eq!(found, ["财政", "预算", "绩效"]);
        assert_eq!(
            diags,
            ["警告[FM041] content/a.md:2:1  字段 keywords（主题词）：主题词 “财政　预算 绩效” 按空格拆成了 3 个：财政、预算、绩效\n  应为：keywords: [财政, 预算, 绩效]\n  提示：若其中有带空格的一个词，写成列表，每个词一项"]
        );
        // a list item is one term as written, spaces and all
        assert_eq!(
            keywords("keywords: [Smart City]"),
            (vec!["Smart City".into()], vec![])
        );
        // a space inside a comma-separated term stays
        assert_eq!(
            keywords("keywords: 数字 政府, 财政").0,
            ["数字 政府", "财政"]
        );
    }

    #[test]
    fn no_doc_number_words_are_recognised() {
        let text = "---\ndoc_number: 无\n---\n";
        let fm = parse_front_matter(text, "content/a.md").expect("parses");
        let mut r = crate::parse::document::front_matter_reader("content/a.md", &fm);
        for none in ["无", " 暂无 ", "/", "—", "-", "空", "N/A", "None"] {
            assert!(means_no_doc_number(&mut r, none), "{none}");
        }
        for real in ["清政办发〔2024〕1号", "无锡政发〔2024〕1号", "第1号"] {
            assert!(!means_no_doc_number(&mut r, real), "{real}");
        }
        assert_eq!(
            r.diags[0].to_string(),
            "警告[FM042] content/a.md:2:1  字段 doc_number（发文字号）：发文字号 “无” 表示没有文号，已按没有发文字号处理\n  应为：没有发文字号的文件不写 doc_number 这一行\n  提示：删去 doc_number 这一行；网站上该文件的发文字号一栏显示 “—”"
        );
    }
}
