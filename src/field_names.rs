//! The one table of front-matter and config keys with their Chinese labels.
//!
//! Used by diagnostics (`字段 published（发布日期）`), by `gongkai new` (commented
//! skeleton) and by the editor documentation, so a label is never spelled twice.

/// Front-matter keys at the top level, in the order `gongkai new` writes them.
pub const FRONT_MATTER_KEYS: &[(&str, &str)] = &[
    ("title", "标题"),
    ("agency", "发布机构"),
    ("category", "主题分类"),
    ("published", "发布日期"),
    ("doc_class", "文件类别"),
    ("genre", "文种"),
    ("doc_number", "发文字号"),
    ("index_number", "索引号"),
    ("written", "成文日期"),
    ("disclosure", "公开属性"),
    ("disclosure_reason", "不公开理由"),
    ("validity", "有效性"),
    ("gazette", "刊登公报"),
    ("interprets", "解读对象"),
    ("attachments", "附件"),
    ("keywords", "主题词"),
    ("abstract", "内容概述"),
    ("slug", "网址名"),
    ("aliases", "旧网址"),
    ("draft", "草稿"),
];

/// Keys inside `validity:`.
pub const VALIDITY_KEYS: &[(&str, &str)] = &[
    ("effective", "施行日期"),
    ("expires", "有效期至"),
    ("status", "效力状态"),
    ("date", "状态日期"),
    ("basis", "依据"),
    ("replaced_by", "替代文件"),
    ("reason", "理由"),
];

/// Keys inside `gazette:`.
pub const GAZETTE_KEYS: &[(&str, &str)] = &[
    ("year", "年份"),
    ("issue", "期号"),
    ("page", "页码"),
    ("section", "栏目"),
];

/// Keys inside each `attachments:` entry.
pub const ATTACHMENT_KEYS: &[(&str, &str)] = &[("file", "文件"), ("title", "附件名称")];

/// Front-matter keys of a column page under `content/pages/`.
pub const PAGE_KEYS: &[(&str, &str)] = &[
    ("title", "标题"),
    ("column", "栏目"),
    ("weight", "排序"),
    ("summary", "摘要"),
    ("slug", "网址名"),
    ("draft", "草稿"),
    ("published", "发布日期"),
];

/// Top-level keys of `site.yaml`.
pub const SITE_KEYS: &[(&str, &str)] = &[
    ("title", "网站名称"),
    ("base_url", "网站地址"),
    ("language", "界面语言"),
    ("description", "网站简介"),
    ("theme", "主题"),
    ("per_page", "每页条数"),
    ("index_number_pattern", "索引号格式"),
    ("agencies", "发布机构"),
    ("taxonomy", "主题分类表"),
    ("footer", "页脚"),
    ("gazette", "政府公报"),
    ("raw_html", "原始 HTML 策略"),
    ("max_document_mb", "单个文件大小上限"),
    ("privacy", "个人信息检查"),
    ("identity", "网站标识"),
];

/// Keys of `identity:` in `site.yaml`.
pub const IDENTITY_KEYS: &[(&str, &str)] = &[
    ("site_code", "网站标识码"),
    ("sponsor", "主办单位"),
    ("organizer", "承办单位"),
    ("icp", "ICP备案号"),
    ("police_record", "公安机关备案号"),
    ("conac", "党政机关网站标识"),
    ("error_report", "找错链接"),
    ("contact", "联系方式"),
];

/// Keys of `identity.conac:`.
pub const CONAC_KEYS: &[(&str, &str)] = &[("image", "标识图片"), ("url", "标识链接")];

/// Keys of `identity.contact:`.
pub const CONTACT_KEYS: &[(&str, &str)] = &[
    ("phone", "联系电话"),
    ("email", "电子邮箱"),
    ("address", "地址"),
];

/// Keys of `gazette:` in `site.yaml`.
pub const GAZETTE_SITE_KEYS: &[(&str, &str)] =
    &[("name", "公报名称"), ("auto_create_issues", "自动建立期次")];

/// Front-matter keys of a gazette issue file `content/gazette/YYYY/NN.md`.
pub const ISSUE_KEYS: &[(&str, &str)] = &[
    ("year", "年份"),
    ("issue", "期号"),
    ("total", "总期号"),
    ("published", "出版日期"),
    ("pdf", "整期PDF"),
    ("sections", "栏目顺序"),
];

/// Keys of an annual report file under `content/reports/` (the tables'
/// rows and columns are in `parse::report_format`).
pub const REPORT_KEYS: &[(&str, &str)] = &[
    ("agency", "报告机关"),
    ("year", "报告年度"),
    ("published", "发布日期"),
    ("title", "标题"),
    ("draft", "草稿"),
    ("主动公开", "二、主动公开政府信息情况"),
    ("依申请公开", "三、收到和处理政府信息公开申请情况"),
    ("复议诉讼", "四、政府信息公开行政复议、行政诉讼情况"),
];

/// Keys of the `privacy:` section of site.yaml.
pub const PRIVACY_KEYS: &[(&str, &str)] = &[("allowed_emails", "可公开的电子邮箱")];

/// Keys of an `agencies:` entry.
pub const AGENCY_KEYS: &[(&str, &str)] = &[
    ("name", "机构全称"),
    ("short", "简称"),
    ("code", "组织机构代码"),
    ("slug", "网址名"),
];

/// Keys of a `taxonomy:` node.
pub const TAXONOMY_KEYS: &[(&str, &str)] = &[
    ("name", "分类名称"),
    ("slug", "网址名"),
    ("children", "二级分类"),
];

/// The Chinese label of a dotted key path such as `validity.expires` or
/// `attachments[2].file`; `None` for keys we do not know.
pub fn label_for(key: &str) -> Option<&'static str> {
    let path: Vec<&str> = key
        .split('.')
        .map(|part| part.split('[').next().unwrap_or(part))
        .collect();
    let table = match path.as_slice() {
        [single] => {
            return find(FRONT_MATTER_KEYS, single)
                .or_else(|| find(SITE_KEYS, single))
                .or_else(|| find(ISSUE_KEYS, single))
        }
        ["gazette", last] => {
            return find(GAZETTE_KEYS, last).or_else(|| find(GAZETTE_SITE_KEYS, last))
        }
        ["sections", _] => return find(ISSUE_KEYS, "sections"),
        ["validity", _] => VALIDITY_KEYS,
        ["attachments", _] => ATTACHMENT_KEYS,
        ["agencies", _] => AGENCY_KEYS,
        ["privacy", _] => PRIVACY_KEYS,
        ["identity", _] => IDENTITY_KEYS,
        ["identity", "conac", _] => CONAC_KEYS,
        ["identity", "contact", _] => CONTACT_KEYS,
        ["taxonomy", ..] => TAXONOMY_KEYS,
        _ => return None,
    };
    path.last().and_then(|last| find(table, last))
}

/// The folders under `content/` whose files are not documents, each with
/// its own keys (`load::kind_of` sorts the files by the same folders): a
/// key there means what that kind of file says, so `year` in an annual
/// report is 报告年度, not a gazette's 年份, and `agency` 报告机关, not a
/// document's 发布机构.
const FOLDER_KEYS: &[(&str, &[(&str, &str)])] = &[
    ("content/pages/", PAGE_KEYS),
    ("content/gazette/", ISSUE_KEYS),
    ("content/reports/", REPORT_KEYS),
];

/// The Chinese label of `key` in `file` (a path from the site root, as a
/// diagnostic names it): a top-level key of a column page, a gazette issue
/// or an annual report by that kind's own table (an unknown one gets no
/// label rather than a document's), anything else by [`label_for`].
pub fn label_in_file(file: &str, key: &str) -> Option<&'static str> {
    let own = FOLDER_KEYS
        .iter()
        .find(|(folder, _)| file.starts_with(folder))
        .map(|(_, table)| *table);
    match own {
        Some(table) if !key.contains(['.', '[']) => find(table, key),
        _ => label_for(key),
    }
}

fn find(table: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, label)| *label)
}

/// Every table of keys: front matter, site.yaml, gazette issues and reports.
const ALL_TABLES: &[&[(&str, &str)]] = &[
    FRONT_MATTER_KEYS,
    VALIDITY_KEYS,
    GAZETTE_KEYS,
    ATTACHMENT_KEYS,
    PAGE_KEYS,
    SITE_KEYS,
    IDENTITY_KEYS,
    CONAC_KEYS,
    CONTACT_KEYS,
    GAZETTE_SITE_KEYS,
    ISSUE_KEYS,
    REPORT_KEYS,
    PRIVACY_KEYS,
    AGENCY_KEYS,
    TAXONOMY_KEYS,
];

/// True for a key of any of gongkai's files (whatever its place in them).
pub fn is_key(word: &str) -> bool {
    ALL_TABLES
        .iter()
        .any(|table| table.iter().any(|(k, _)| *k == word))
}

/// Just the keys of a table, for did-you-mean and "allowed keys" lists.
pub fn keys<'t>(
    table: &'t [(&'static str, &'static str)],
) -> impl Iterator<Item = &'static str> + 't {
    table.iter().map(|(k, _)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_nested_and_indexed_keys() {
        assert_eq!(label_for("published"), Some("发布日期"));
        assert_eq!(label_for("validity.expires"), Some("有效期至"));
        assert_eq!(label_for("attachments[1].file"), Some("文件"));
        assert_eq!(label_for("base_url"), Some("网站地址"));
        assert_eq!(label_for("nonsense"), None);
        assert_eq!(label_for("gazette.page"), Some("页码"));
        assert_eq!(
            label_for("gazette.auto_create_issues"),
            Some("自动建立期次")
        );
        assert_eq!(label_for("total"), Some("总期号"));
        assert_eq!(label_for("identity.site_code"), Some("网站标识码"));
        assert_eq!(label_for("identity.conac.url"), Some("标识链接"));
        assert_eq!(label_for("identity.contact.phone"), Some("联系电话"));
        assert_eq!(label_for("sections[1]"), Some("栏目顺序"));
    }

    #[test]
    fn a_report_issue_or_page_key_has_its_own_kind_of_label() {
        let report = "content/reports/2024/szf.md";
        assert_eq!(label_in_file(report, "year"), Some("报告年度"));
        assert_eq!(label_in_file(report, "agency"), Some("报告机关"));
        assert_eq!(label_in_file(report, "published"), Some("发布日期"));
        assert_eq!(
            label_in_file(report, "doc_number"),
            None,
            "not a report key"
        );
        let issue = "content/gazette/2024/07.md";
        assert_eq!(label_in_file(issue, "published"), Some("出版日期"));
        assert_eq!(label_in_file(issue, "sections[2]"), Some("栏目顺序"));
        assert_eq!(
            label_in_file("content/pages/guide.md", "column"),
            Some("栏目")
        );
        let document = "content/xxgk/2024/a.md";
        assert_eq!(label_in_file(document, "agency"), Some("发布机构"));
        assert_eq!(label_in_file(document, "gazette.year"), Some("年份"));
        assert_eq!(
            label_in_file("site.yaml", "agencies[0].code"),
            Some("组织机构代码")
        );
    }
}
