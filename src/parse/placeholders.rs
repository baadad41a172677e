//! FM040: text `gongkai new` writes for the editor to replace. The scaffold
//! builds its skeleton from these constants and check looks for them, so
//! the two cannot drift apart: an editor who only deletes `draft: true`
//! gets an error naming each line still to write, instead of a page titled
//! “关于……的通知” with the body “（正文）”.
//!
//! Drafts are not checked: a new document is a draft until it is written.

use crate::yaml::fields::FieldReader;
use crate::yaml::frontmatter::FrontMatter;
use crate::yaml::{Mapping, Value};

/// The mark the skeleton puts where words are to be written. Real titles
/// and attachment names never hold it (they name the matter in full).
pub const FILL_IN: &str = "……";

/// The skeleton's title.
pub const TITLE_PLACEHOLDER: &str = "关于……的通知";

/// A column page skeleton's title (`new content/pages/…`).
pub const PAGE_TITLE_PLACEHOLDER: &str = "……";

/// The skeleton's attachment name (in a commented example).
pub const ATTACHMENT_TITLE_PLACEHOLDER: &str = "附件1：……";

/// The skeleton's 发文字号 (in a commented example): the year is the
/// document's, the rest the editor's.
pub const DOC_NUMBER_PLACEHOLDER: (&str, &str) = ("……〔", "〕……号");

/// The skeleton's body, a line of its own.
pub const BODY_PLACEHOLDER: &str = "（正文）";

/// Fields whose value is still a placeholder when it holds [`FILL_IN`]
/// (`[]`: every item of a list), with what to write instead. Only fields
/// the skeleton fills with it, and where a real value never has it (an
/// abstract may well quote with an ellipsis, so it is not here).
pub const FILLED_FIELDS: &[(&str, &str)] = &[
    (
        "title",
        "写出文件的主标题，例如 关于做好2024年防汛工作的通知",
    ),
    ("doc_number", "写出文件的发文字号，没有发文字号时删去这一行"),
    ("attachments[].title", "写出附件的名称，例如 附件1：申请表"),
];

/// [`FILLED_FIELDS`] of a column page: only its title is prefilled.
pub const PAGE_FILLED_FIELDS: &[(&str, &str)] =
    &[("title", "写出页面的标题，例如 政府信息公开指南")];

/// Whether the front matter says `draft: true`.
pub fn is_draft(map: &Mapping) -> bool {
    matches!(map.get("draft"), Some(Value::Bool(true)))
}

/// Reports every placeholder left in a document that is not a draft: the
/// fields of [`FILLED_FIELDS`] holding [`FILL_IN`], and the body's
/// [`BODY_PLACEHOLDER`] line.
pub fn check_placeholders(r: &mut FieldReader<'_>, fm: &FrontMatter) {
    check_filled(r, fm, FILLED_FIELDS);
}

/// [`check_placeholders`] for a column page ([`PAGE_FILLED_FIELDS`]).
pub fn check_page_placeholders(r: &mut FieldReader<'_>, fm: &FrontMatter) {
    check_filled(r, fm, PAGE_FILLED_FIELDS);
}

fn check_filled(r: &mut FieldReader<'_>, fm: &FrontMatter, fields: &[(&str, &str)]) {
    if is_draft(&fm.map) {
        return;
    }
    for &(path, instead) in fields {
        for (shown, text) in super::limits::strings_at(&fm.map, path) {
            if !text.contains(FILL_IN) {
                continue;
            }
            let (line, col) = r.char_position(&shown, '…');
            let d = r
                .error(
                    "FM040",
                    &shown,
                    format!(
                        "“{}” 是 `gongkai new` 模板的占位文字，还没有改写",
                        text.trim()
                    ),
                )
                .at(line, col)
                .expected(instead)
                .hint(format!(
                    "把 {FILL_IN} 改成实际内容；文件未写完时保留 `draft: true`"
                ));
            r.push(d);
        }
    }
    let placeholder_line = fm
        .body
        .split('\n')
        .position(|line| line.trim() == BODY_PLACEHOLDER);
    if let Some(i) = placeholder_line {
        let line = fm.body_first_line + i as u32;
        let mut d = r
            .error(
                "FM040",
                "body",
                format!(
                    "正文中的 “{BODY_PLACEHOLDER}” 是 `gongkai new` 模板的占位文字，还没有改写"
                ),
            )
            .at(line, 1);
        // the body is no front-matter field: the message names it
        d.field = None;
        let d = d
            .expected("文件的正文（第二个 --- 之后）")
            .hint("把这一行换成文件正文；文件未写完时保留 `draft: true`");
        r.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::frontmatter::parse_front_matter;

    fn found(text: &str) -> Vec<String> {
        let fm = parse_front_matter(text, "content/a.md").expect("parses");
        let mut r =
            crate::parse::document::front_matter_reader("content/a.md", &fm).with_source(text);
        check_placeholders(&mut r, &fm);
        r.diags.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_title_and_body_placeholders_are_named_on_their_lines() {
        let text = format!("---\ntitle: {TITLE_PLACEHOLDER}   # 标题\n---\n\n{BODY_PLACEHOLDER}\n");
        assert_eq!(
            found(&text),
            [
                "错误[FM040] content/a.md:2:10  字段 title（标题）：“关于……的通知” 是 `gongkai new` 模板的占位文字，还没有改写\n  应为：写出文件的主标题，例如 关于做好2024年防汛工作的通知\n  提示：把 …… 改成实际内容；文件未写完时保留 `draft: true`",
                "错误[FM040] content/a.md:5:1  正文中的 “（正文）” 是 `gongkai new` 模板的占位文字，还没有改写\n  应为：文件的正文（第二个 --- 之后）\n  提示：把这一行换成文件正文；文件未写完时保留 `draft: true`",
            ]
        );
    }

    #[test]
    fn drafts_and_written_documents_are_left_alone() {
        let draft =
            format!("---\ntitle: {TITLE_PLACEHOLDER}\ndraft: true\n---\n{BODY_PLACEHOLDER}\n");
        assert!(found(&draft).is_empty());
        let written = "---\ntitle: 关于做好防汛工作的通知\n---\n各单位：（正文）见附件。\n";
        assert!(found(written).is_empty());
    }

    #[test]
    fn attachment_names_and_doc_numbers_are_checked_too() {
        let text = format!(
            "---\ndoc_number: {}2024{}\nattachments:\n  - file: a.pdf\n    title: {ATTACHMENT_TITLE_PLACEHOLDER}\n---\n正文\n",
            DOC_NUMBER_PLACEHOLDER.0, DOC_NUMBER_PLACEHOLDER.1
        );
        let found = found(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("错误[FM040] content/a.md:2:13  字段 doc_number（发文字号）"));
        assert!(found[1]
            .starts_with("错误[FM040] content/a.md:5:16  字段 attachments[0].title（附件名称）"));
    }
}
