//! Interface strings for the default theme, in Chinese and English. Content
//! stays as editors wrote it; only the chrome around it changes. The one
//! table of them: templates see it as `t`, and the theme's scripts read the
//! part they need from the page ([`script_strings`]).

use crate::config::Language;
use crate::index::validity::FLIPS;
use serde::Serialize;
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
    // == shown by assets/search.js (SCRIPT_KEYS) ==
    ("search_found", "找到 {n} 个结果", "{n} results"),
    ("search_none", "没有找到结果。请尝试删除筛选条件，或换用更短、更少的关键词。", "No results. Try removing filters, or fewer or shorter words."),
    ("search_more", "显示更多结果", "Show more results"),
    ("search_all", "查看全部 {n} 个结果", "See all {n} results"),
    ("search_failed", "搜索暂时不可用，请稍后再试，或浏览信息公开目录。", "Search is unavailable right now; try again later or browse the catalog."),
    ("search_scattered", "（分散匹配）", "(words apart)"),
    ("catalog", "信息公开目录", "Disclosure catalog"),
    ("all_documents", "全部文件", "All documents"),
    ("by_category", "按主题分类", "By topic"),
    ("by_agency", "按发布机构", "By agency"),
    ("by_year", "按年份", "By year"),
    ("by_class", "按文件类别", "By document class"),
    ("latest", "最新文件", "Latest documents"),
    ("more", "更多", "More"),
    ("documents_count", "件", "documents"),
    // == 长者模式, the phone menu and read-aloud (assets/site.js) ==
    ("elder_mode", "长者模式", "Senior mode"),
    ("elder_mode_leave", "退出长者模式", "Leave senior mode"),
    ("menu", "菜单", "Menu"),
    ("read_aloud", "朗读全文", "Read aloud"),
    ("read_stop", "停止朗读", "Stop reading"),
    ("read_playing", "正在朗读", "Reading aloud"),
    ("read_paused", "朗读已暂停，再按“朗读全文”继续", "Paused; press Read aloud to go on"),
    ("read_stopped", "朗读已停止", "Reading stopped"),
    ("read_done", "朗读结束", "Finished reading"),
    ("read_failed", "此浏览器暂时无法朗读（没有可用的语音）", "This browser cannot read aloud now (no voice available)"),
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
    ("sitemap", "网站地图（XML）", "Sitemap (XML)"),
    // == the identity footer, the 网站地图 and folder pages ==
    ("site_map", "网站地图", "Site map"),
    ("site_map_intro", "本站全部栏目、列表和目录。", "Every column, list and folder of this site."),
    ("site_map_columns", "栏目", "Columns"),
    ("site_map_folders", "文件目录", "Document folders"),
    ("site_map_data", "订阅与数据下载", "Feeds and data"),
    ("error_report", "我为政府网站找错", "Report a problem with this website"),
    ("error_report_intro", "发现本站内容错误、链接打不开或其他问题？欢迎告诉我们。", "Found a mistake, a broken link or another problem on this site? Tell us."),
    ("site_identity", "网站信息", "About this website"),
    ("sponsor", "主办单位", "Run by"),
    ("organizer", "承办单位", "Operated by"),
    ("site_code", "网站标识码", "Website ID"),
    ("contact_phone", "联系电话", "Phone"),
    ("contact_email", "电子邮箱", "E-mail"),
    ("contact_address", "地址", "Address"),
    ("conac_mark", "党政机关网站标识", "Registered government website"),
    ("police_mark", "公安备案", "Public security record"),
    ("validity_column", "文件效力", "Validity"),
    ("validity_status_filter", "按效力状态", "By status"),
    ("folder_named", "{path} 下的文件", "Documents in {path}"),
    ("folder_year", "{year}年", "{year}"),
    ("folder_subfolders", "下级目录", "Folders"),
    ("folder_documents", "本目录的文件", "Documents in this folder"),
    ("folder_intro", "本目录共 {n} 件文件。", "{n} documents in this folder."),
    ("list_pages", "{title}：各页", "{title}: pages"),
    ("list_page_n", "第 {n} 页", "Page {n}"),
    ("expired_filters", "按发布机构和效力状态查看", "By agency and status"),
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
    ("gazette_room", "政府公报", "Government gazette"),
    ("published_in", "刊登于", "Published in"),
    ("latest_issue", "最新一期", "Latest issue"),
    ("all_issues", "历年公报", "All issues"),
    ("issue_number", "期号", "Issue"),
    ("issue_total", "总期号", "Running number"),
    ("issue_date", "出版日期", "Date of issue"),
    ("issue_pdf", "整期PDF", "Whole-issue PDF"),
    ("issue_docs", "篇目", "Items"),
    ("issue_contents", "本期目录", "Contents of this issue"),
    ("foreword", "本期导读", "Foreword"),
    ("previous_issue", "上一期", "Previous issue"),
    ("next_issue", "下一期", "Next issue"),
    ("issue_nav", "期次导航", "Issue navigation"),
    ("print_edition", "（打印版）", " (print edition)"),
    (
        "print_edition_link",
        "打印版（网页）",
        "Print edition (HTML)",
    ),
    (
        "print_edition_note",
        "本页按目录顺序收录本期全部文件，可直接打印或另存为 PDF。",
        "This page holds every item of the issue in contents order; print it or save it as PDF.",
    ),
    ("back_to_issue", "返回本期目录", "Back to the issue"),
    ("page_in_issue", "第{n}页", "p. {n}"),
    ("other_section", "其他", "Other"),
    ("no_pdf", "无整期PDF", "No PDF"),
    ("issues_count", "共 {n} 期", "{n} issues"),
    (
        "created_issue_note",
        "本期目录由所刊文件汇编，出版日期为所刊最新文件的发布日期。",
        "Contents compiled from the documents; the date is that of the newest document.",
    ),
    ("gazette_feed", "公报订阅（Atom）", "Gazette feed (Atom)"),
    ("gazette_data", "公报数据", "Gazette data"),
    ("view_issue", "查看本期", "Open the issue"),
    // == validity ==
    ("expired_list", "失效文件清单", "Documents no longer in force"),
    ("valid_list", "继续有效目录", "Documents in force"),
    ("stats", "统计", "Statistics"),
    ("status_changes", "效力变化", "Status changes"),
    ("subscribe_changes", "订阅效力变化（Atom）", "Status changes feed (Atom)"),
    ("seq", "序号", "No."),
    ("doc_name", "文件名称", "Title"),
    ("doc_no", "文号", "Number"),
    ("status", "状态", "Status"),
    ("status_date", "状态日期", "Status date"),
    ("all", "全部", "All"),
    ("filter_agency", "按发文机关", "By agency"),
    ("filter_status", "按状态", "By status"),
    ("year_suffix", "年", ""),
    ("expired_intro", "以下文件已宣布失效、废止、修改或部分失效，或已过有效期。按状态日期所在年份分组，最新的在前。", "Documents declared no longer in force, repealed, amended or partly in force, or past their validity period; grouped by the year of the status date, newest first."),
    ("valid_intro", "以下规章和规范性文件现行有效（含修改后继续有效、部分条款失效的文件）。", "Rules and normative documents in force (including amended ones and ones partly in force)."),
    ("stats_intro", "规章和规范性文件按年份统计：本年制发、本年废止（当年废止、宣布失效或到期失效）、现行有效（年末，或本年截至统计日期）。", "Rules and normative documents per year: issued, ceased (repealed, declared lapsed or expired) and in force at the year's end (or at the as-of date)."),
    ("stats_as_of", "统计日期", "As of"),
    ("stats_issued", "本年制发", "Issued"),
    ("stats_ceased", "本年废止", "Ceased"),
    ("stats_in_force", "现行有效", "In force"),
    ("stats_by_year", "按年份", "By year"),
    ("stats_by_agency", "各发布机构的文件数", "Documents per agency"),
    ("stats_by_category", "各主题分类的文件数", "Documents per topic"),
    ("stats_count", "件数", "Documents"),
    ("year", "年份", "Year"),
    ("class_rule", "规章", "Rules"),
    ("class_normative", "规范性文件", "Normative documents"),
    ("status_now_expired", "按有效期，本文件已于 {date} 起失效（页面生成后到期）", "By its validity period this document is no longer in force from {date} (it expired after this page was built)"),
    ("scheduled_marker", "未到发布日期（{date} 发布）", "Not yet published (to be published on {date})"),
    ("status_now_effective", "本文件已于 {date} 起施行（页面生成后生效）", "This document is in force from {date} (it took effect after this page was built)"),
];

/// The strings for a language, as a template sees them (`t.home`).
pub fn strings(lang: Language) -> BTreeMap<&'static str, &'static str> {
    STRINGS
        .iter()
        .map(|(k, zh, en)| (*k, if lang == Language::En { *en } else { *zh }))
        .collect()
}

/// The strings of the table that the theme's scripts show.
const SCRIPT_KEYS: &[&str] = &[
    "search_found",
    "search_none",
    "search_more",
    "search_all",
    "search_failed",
    "search_scattered",
    "read_playing",
    "read_paused",
    "read_stopped",
    "read_done",
    "read_failed",
];

/// What the theme's scripts read from the page instead of words of their
/// own: `base.html` puts it in `<script type="application/json"
/// id="gk-strings">` on every page.
#[derive(Serialize)]
struct ScriptStrings {
    /// The strings `assets/search.js` shows, `{n}` filled in by the script.
    t: BTreeMap<&'static str, &'static str>,
    /// What each status flip of `assets/site.js` shows (see
    /// [`FLIPS`]): by its `data-flip`, the state's key and name.
    flips: BTreeMap<&'static str, StatusName>,
}

#[derive(Serialize)]
struct StatusName {
    key: &'static str,
    name: &'static str,
}

/// [`ScriptStrings`] for a language as JSON, safe inside `<script>`.
pub(crate) fn script_strings(lang: Language) -> anyhow::Result<String> {
    let all = strings(lang);
    let strings = ScriptStrings {
        t: SCRIPT_KEYS
            .iter()
            .filter_map(|k| Some((*k, *all.get(k)?)))
            .collect(),
        flips: FLIPS
            .iter()
            .map(|(flip, status)| {
                let (key, name) = (status.key(), status.name());
                (*flip, StatusName { key, name })
            })
            .collect(),
    };
    Ok(crate::util::html::escape_for_script(
        &serde_json::to_string(&strings)?,
    ))
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

    #[test]
    fn scripts_get_their_strings_in_the_site_language() {
        for (lang, found, done, valid) in [
            (Language::ZhCn, "找到 {n} 个结果", "朗读结束", "有效"),
            (Language::En, "{n} results", "Finished reading", "有效"),
        ] {
            let json = script_strings(lang).expect("serialises");
            let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
            assert_eq!(v["t"]["search_found"], found, "{lang:?}");
            assert_eq!(v["t"]["read_done"], done, "{lang:?}");
            assert_eq!(v["t"].as_object().map(|t| t.len()), Some(SCRIPT_KEYS.len()));
            assert_eq!(v["flips"]["effective"]["key"], "valid");
            assert_eq!(v["flips"]["effective"]["name"], valid);
            assert_eq!(v["flips"]["expired"]["name"], "到期失效");
        }
    }
}
