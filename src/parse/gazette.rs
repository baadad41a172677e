//! Gazette issue files (`content/gazette/YYYY/NN.md`): one small file per
//! issue of the 政府公报 with its number, 总期号, date, optional whole-issue
//! PDF and section order, and an optional foreword as the Markdown body.
//! This module validates one file; `index::gazette` joins issues and documents.

use crate::diagnostics::Diagnostic;
use crate::field_names::ISSUE_KEYS;
use crate::load::{AssetFile, SourceFile, CONTENT_DIR};
use crate::markdown::render_markdown;
use crate::parse::document::front_matter_reader;
use crate::yaml::fields::FieldReader;
use crate::yaml::frontmatter::{parse_front_matter, KeyLocator};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// The whole-issue PDF (the office's print edition), checked to exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuePdf {
    /// File name as written (beside the issue file).
    pub file: String,
    /// Where to copy it from.
    pub abs_path: std::path::PathBuf,
    /// Bytes.
    pub size: u64,
    /// Lowercase hex SHA-256.
    pub sha256: String,
}

/// A validated issue file.
#[derive(Debug, Clone)]
pub struct IssueMeta {
    /// `content/gazette/…md`, for messages.
    pub source_path: String,
    /// 年份.
    pub year: u16,
    /// 期号 within the year.
    pub issue: u16,
    /// 总期号 (running number since the first issue).
    pub total: Option<u32>,
    /// 出版日期.
    pub published: Date,
    /// 整期 PDF.
    pub pdf: Option<IssuePdf>,
    /// 栏目顺序 as configured.
    pub sections: Vec<String>,
    /// Foreword (本期导读) as HTML; empty when there is none.
    pub foreword_html: String,
    /// Foreword as plain text (feeds, JSON).
    pub foreword_text: String,
    /// Key positions, for cross-file diagnostics.
    pub keys: KeyLocator,
}

/// An issue file parsed: the issue when valid, and every problem found.
pub fn parse_issue(
    file: &SourceFile,
    assets: &BTreeMap<&str, &AssetFile>,
) -> (Option<IssueMeta>, Vec<Diagnostic>) {
    let shown = format!("{CONTENT_DIR}/{}", file.rel_path);
    let fm = match parse_front_matter(&file.text, &shown) {
        Ok(fm) => fm,
        Err(found) => return (None, found),
    };
    let mut r = front_matter_reader(&shown, &fm);
    let map = &fm.map;
    r.reject_unknown_keys(map, "", ISSUE_KEYS);
    let year = required_uint(&mut r, map, "year", 1949..=2200, "year: 2024");
    let issue = required_uint(&mut r, map, "issue", 1..=400, "issue: 7");
    let total = r.uint(map, "", "total", 1..=1_000_000).map(|n| n as u32);
    let published = if map.contains_key("published") {
        r.date(map, "", "published", false).map(|(d, _)| d)
    } else {
        r.missing("published", "published: 2024-07-15");
        None
    };
    let sections = r.string_list(map, "", "sections", "sections: [市政府规章, 市政府文件]");
    let dir = file.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
    let pdf = r
        .string(map, "", "pdf", "pdf: 2024-07.pdf")
        .and_then(|name| read_pdf(&mut r, dir, &name, assets));
    let (Some(year), Some(issue), Some(published)) = (year, issue, published) else {
        return (None, r.diags);
    };
    if r.diags.iter().any(Diagnostic::is_error) {
        return (None, r.diags);
    }
    let foreword = render_markdown(&fm.body);
    let meta = IssueMeta {
        source_path: shown.clone(),
        year: year as u16,
        issue: issue as u16,
        total,
        published,
        pdf,
        sections,
        foreword_html: foreword.html,
        foreword_text: foreword.text.trim().to_string(),
        keys: fm.keys.clone(),
    };
    (Some(meta), r.diags)
}

fn required_uint(
    r: &mut FieldReader<'_>,
    map: &crate::yaml::Mapping,
    key: &str,
    range: std::ops::RangeInclusive<u64>,
    example: &str,
) -> Option<u64> {
    if !map.contains_key(key) {
        r.missing(key, example);
        return None;
    }
    r.uint(map, "", key, range)
}

/// GZ004: the PDF must lie beside the issue file.
fn read_pdf(
    r: &mut FieldReader<'_>,
    dir: &str,
    name: &str,
    assets: &BTreeMap<&str, &AssetFile>,
) -> Option<IssuePdf> {
    let rel = format!("{dir}/{name}");
    let Some(asset) = assets.get(rel.as_str()) else {
        let d = r
            .error(
                "GZ004",
                "pdf",
                format!("找不到整期 PDF 文件 {CONTENT_DIR}/{rel}"),
            )
            .expected("PDF 文件放在与本期文件相同的目录中，文件名完全一致（含扩展名）")
            .hint("没有整期 PDF 时删去 pdf 这一行：网站会为本期生成可打印的网页版");
        r.push(d);
        return None;
    };
    if let Some(why) = &asset.refused {
        let (code, message) = why.entry_message("整期 PDF", &rel);
        let d = why.complete(r.error(code, "pdf", message));
        r.push(d);
        return None;
    }
    match crate::util::hash::file_digest(&asset.abs_path) {
        Ok((0, _)) => {
            let d = r
                .error(
                    "FM045",
                    "pdf",
                    format!("整期 PDF {CONTENT_DIR}/{rel} 是空文件（0 字节）"),
                )
                .expected("有内容的 PDF 文件")
                .hint("多半是复制或下载没有完成：重新放入 PDF 文件，用文件管理器看一下大小不是 0");
            r.push(d);
            None
        }
        Ok((size, sha256)) => Some(IssuePdf {
            file: name.to_string(),
            abs_path: asset.abs_path.clone(),
            size,
            sha256,
        }),
        Err(e) => {
            let d = r.error("IO002", "pdf", format!("无法读取 {CONTENT_DIR}/{rel}：{e}"));
            r.push(d);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceKind;

    fn parse(text: &str) -> (Option<IssueMeta>, Vec<Diagnostic>) {
        let file = SourceFile {
            rel_path: "gazette/2024/07.md".into(),
            kind: SourceKind::GazetteIssue,
            text: text.into(),
        };
        parse_issue(&file, &BTreeMap::new())
    }

    #[test]
    fn an_empty_pdf_is_refused_not_published_as_zero_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pdf = dir.path().join("07.pdf");
        std::fs::write(&pdf, b"").expect("write");
        let asset = AssetFile {
            rel_path: "gazette/2024/07.pdf".into(),
            abs_path: pdf,
            refused: None,
        };
        let assets = BTreeMap::from([("gazette/2024/07.pdf", &asset)]);
        let file = SourceFile {
            rel_path: "gazette/2024/07.md".into(),
            kind: SourceKind::GazetteIssue,
            text: "---\nyear: 2024\nissue: 7\npublished: 2024-07-15\npdf: 07.pdf\n---\n".into(),
        };
        let (_, diags) = parse_issue(&file, &assets);
        assert_eq!(
            diags.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["错误[FM045] content/gazette/2024/07.md:5:1  字段 pdf（整期PDF）：整期 PDF content/gazette/2024/07.pdf 是空文件（0 字节）\n  应为：有内容的 PDF 文件\n  提示：多半是复制或下载没有完成：重新放入 PDF 文件，用文件管理器看一下大小不是 0"]
        );
    }

    #[test]
    fn parses_an_issue_with_foreword() {
        let (issue, diags) = parse(
            "---\nyear: 2024\nissue: 7\ntotal: 223\npublished: 2024-07-15\nsections: [市政府规章, 部门文件]\n---\n本期导读：**两件**规章。\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let issue = issue.expect("valid");
        assert_eq!((issue.year, issue.issue, issue.total), (2024, 7, Some(223)));
        assert_eq!(issue.sections, ["市政府规章", "部门文件"]);
        assert!(issue.foreword_html.contains("<strong>两件</strong>"));
        assert_eq!(issue.foreword_text, "本期导读：两件规章。");
    }

    #[test]
    fn reports_missing_fields_and_a_missing_pdf_together() {
        let (issue, diags) = parse("---\ntotal: 0\npdf: 07.pdf\npublsihed: 2024-07-15\n---\n");
        assert!(issue.is_none());
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            codes,
            [
                ("FM010", Some(4)),
                ("FM011", Some(1)),
                ("FM011", Some(1)),
                ("FM012", Some(2)),
                ("FM011", Some(1)),
                ("GZ004", Some(3)),
            ]
        );
        let pdf = diags.iter().find(|d| d.code == "GZ004").expect("GZ004");
        assert_eq!(pdf.to_string().lines().next(), Some("错误[GZ004] content/gazette/2024/07.md:3:1  字段 pdf（整期PDF）：找不到整期 PDF 文件 content/gazette/2024/07.pdf"));
    }
}
