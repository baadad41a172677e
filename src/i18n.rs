//! Interface strings for the default theme, in Chinese and English. Content
//! stays as editors wrote it; only the chrome around it changes.

use crate::config::Language;
use std::collections::BTreeMap;

/// (key, zh-CN, en)
const STRINGS: &[(&str, &str, &str)] = &[
    ("skip_to_content", "跳到正文", "Skip to content"),
    ("home", "首页", "Home"),
    ("search", "搜索", "Search"),
    ("search_label", "搜索文件", "Search documents"),
    ("search_placeholder", "标题、正文或文号", "Title, text or document number"),
    ("search_needs_js", "搜索需要浏览器启用 JavaScript。您也可以在信息公开目录中按分类、机构和年份浏览全部文件。", "Search needs JavaScript. You can also browse every document by topic, agency and year in the disclosure catalog."),
    ("search_filters", "筛选", "Filters"),
    ("search_any", "不限", "Any"),
    ("search_year", "年份", "Year"),
    ("search_from", "起始日期", "From"),
    ("search_to", "截止日期", "To"),
    ("search_gazette_only", "仅看刊登公报的文件", "Only documents published in the gazette"),
    ("search_sort", "排序", "Order"),
    ("search_relevance", "按相关度", "By relevance"),
    ("search_date", "按日期", "By date"),
    ("catalog", "信息公开目录", "Disclosure catalog"),
    ("all_documents", "全部文件", "All documents"),
    ("by_category", "按主题分类", "By topic"),
    ("by_agency", "按发布机构", "By agency"),
    ("by_year", "按年份", "By year"),
    ("by_class", "按文件类别", "By document class"),
    ("latest", "最新文件", "Latest documents"),
    ("more", "更多", "More"),
    ("documents_count", "件", "documents"),
    ("large_text", "大字模式", "Larger text"),
    ("normal_text", "标准字号", "Normal text"),
    ("print", "打印本页", "Print this page"),
    ("breadcrumb", "当前位置", "You are here"),
    ("main_nav", "主导航", "Main navigation"),
    ("metadata", "文件信息", "Document details"),
    ("index_number", "索引号", "Index number"),
    ("category", "主题分类", "Topic"),
    ("agency", "发文机关", "Issuing agency"),
    ("written", "成文日期", "Date written"),
    ("title", "标题", "Title"),
    ("doc_number", "发文字号", "Document number"),
    ("published", "发布日期", "Date published"),
    ("keywords", "主题词", "Keywords"),
    ("validity", "有效性", "Validity"),
    ("doc_class", "文件类别", "Document class"),
    ("genre", "文种", "Genre"),
    ("effective", "施行日期", "In force from"),
    ("expires", "有效期至", "Valid until"),
    ("abstract", "内容概述", "Summary"),
    ("attachments", "附件", "Attachments"),
    ("size", "大小", "Size"),
    ("download", "下载", "Download"),
    ("contents", "目录", "Contents"),
    ("interpretations", "相关解读", "Interpretations"),
    ("interprets", "解读对象", "Interprets"),
    ("basis", "依据", "Basis"),
    ("replaced_by", "替代文件", "Replaced by"),
    ("replaces", "本文件替代", "Replaces"),
    (
        "declared",
        "本决定涉及的文件",
        "Documents affected by this decision",
    ),
    ("reason", "理由", "Reason"),
    ("since", "自", "since"),
    ("related", "关联文件", "Related documents"),
    ("gazette", "刊登公报", "Published in gazette"),
    ("gazette_issue", "期", "issue"),
    ("page_of", "页", "page"),
    ("pagination", "分页", "Pagination"),
    ("previous", "上一页", "Previous"),
    ("next", "下一页", "Next"),
    ("page", "第 {n} 页", "Page {n}"),
    ("total", "共 {n} 件", "{n} documents"),
    ("no_documents", "暂无文件。", "No documents yet."),
    ("not_found_title", "页面不存在", "Page not found"),
    (
        "not_found_text",
        "您访问的页面不存在或已移动。",
        "The page you asked for does not exist or has moved.",
    ),
    ("moved", "本页已移至", "This page has moved to"),
    (
        "disclosure_column",
        "政府信息公开",
        "Government information disclosure",
    ),
    ("column_guide", "政府信息公开指南", "Disclosure guide"),
    ("column_system", "政府信息公开制度", "Disclosure rules"),
    (
        "column_statutory",
        "法定主动公开内容",
        "Information published by law",
    ),
    (
        "column_reports",
        "政府信息公开工作年度报告",
        "Annual disclosure reports",
    ),
    ("feed", "订阅（Atom）", "Feed (Atom)"),
    ("data_downloads", "数据下载", "Data downloads"),
    ("sitemap", "网站地图", "Sitemap"),
    (
        "status_banner",
        "本文件已不再有效",
        "This document is no longer in force",
    ),
    (
        "status_pending",
        "本文件尚未生效",
        "This document is not yet in force",
    ),
    ("sha256", "SHA-256 校验值", "SHA-256 checksum"),
];

/// The strings for a language, as a template sees them (`t.home`).
pub fn strings(lang: Language) -> BTreeMap<&'static str, &'static str> {
    STRINGS
        .iter()
        .map(|(k, zh, en)| (*k, if lang == Language::En { *en } else { *zh }))
        .collect()
}

/// Fills `{n}` in a string.
pub fn with_n(template: &str, n: usize) -> String {
    template.replace("{n}", &n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_key() {
        let zh = strings(Language::ZhCn);
        let en = strings(Language::En);
        assert_eq!(zh.len(), STRINGS.len(), "duplicate key in STRINGS");
        assert_eq!(zh.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        assert_eq!(with_n(zh["total"], 3), "共 3 件");
    }
}
