//! Front matter → validated `DocMeta`, one rule at a time, every problem reported.

use crate::config::index_number::CompiledPattern;
use crate::config::SiteConfig;
use crate::diagnostics::did_you_mean;
use crate::field_names::{ATTACHMENT_KEYS, FRONT_MATTER_KEYS, GAZETTE_KEYS, VALIDITY_KEYS};
use crate::load::SourceFile;
use crate::model::{
    Category, DeclaredStatus, Disclosure, DocClass, DocMeta, GazetteRef, ValidityDecl,
};
use crate::parse::examples::SiteExamples;
use crate::yaml::fields::{CodeFamily, FieldReader};
use crate::yaml::frontmatter::FrontMatter;
use crate::yaml::{Mapping, Value};

/// What document validation needs from the site.
pub struct DocRules<'a> {
    /// The site config (agencies, taxonomy).
    pub config: &'a SiteConfig,
    /// The compiled 索引号 pattern.
    pub index_pattern: &'a CompiledPattern,
    /// The examples messages give, from the site's own names.
    pub examples: SiteExamples,
    /// Where published bodies go once rendered (a one-off build); `None`
    /// holds them in memory.
    pub bodies: Option<std::sync::Arc<crate::model::BodyStore>>,
}

impl<'a> DocRules<'a> {
    /// The rules of a site whose content is `files`.
    pub fn new(config: &'a SiteConfig, files: &[SourceFile]) -> Self {
        DocRules {
            config,
            index_pattern: &config.index_number_pattern.compiled,
            examples: SiteExamples::new(config, files),
            bodies: None,
        }
    }
}

/// An attachment as written, before its file is checked.
#[derive(Debug, Clone)]
pub struct RawAttachment {
    /// Path relative to the document's folder.
    pub file: String,
    /// Title (defaults to the file name).
    pub title: String,
    /// Key path for messages (`attachments[0].file`).
    pub key: String,
}

/// Validates a document's front matter. Returns the metadata when no error
/// was found (warnings are pushed to `r` either way).
pub fn read_doc_meta(
    fm: &FrontMatter,
    rules: &DocRules<'_>,
    r: &mut FieldReader<'_>,
) -> (Option<DocMeta>, Vec<RawAttachment>) {
    let map = &fm.map;
    let ex = &rules.examples;
    r.reject_unknown_keys(map, "", FRONT_MATTER_KEYS);
    crate::parse::limits::check_lengths(r, map);

    let title = r
        .required_string(map, "title", &format!("title: {}", ex.title))
        .filter(|t| visible_only(r, "title", t));
    let agency = r
        .required_string(map, "agency", &format!("agency: {}", ex.agency))
        .filter(|a| visible_only(r, "agency", a));
    if let Some(agency) = &agency {
        check_agency(r, rules.config, agency);
    }
    let category = r
        .required_string(map, "category", &format!("category: {}", ex.category))
        .and_then(|c| read_category(r, rules.config, &c, &ex.category));
    let published = if map.contains_key("published") {
        r.date(map, "", "published", true)
    } else {
        r.missing("published", "published: 2024-05-31");
        None
    };
    let doc_class = match r.one_of(map, "", "doc_class", &DocClass::ALL.map(DocClass::name)) {
        Some(name) => DocClass::from_name(&name).unwrap_or(DocClass::Other),
        None => DocClass::Other,
    };
    let genre = r.string(map, "", "genre", "genre: 通知");
    let doc_number = r
        .string(
            map,
            "",
            "doc_number",
            &format!("doc_number: {}", ex.doc_number),
        )
        .filter(|n| !crate::parse::values::means_no_doc_number(r, n))
        .filter(|n| visible_only(r, "doc_number", n))
        .map(|n| normalise_doc_number(r, &n));
    let index_number = r
        .string(
            map,
            "",
            "index_number",
            &format!("index_number: {}", ex.index_number),
        )
        .filter(|n| visible_only(r, "index_number", n));
    if let Some(n) = &index_number {
        check_index_number(r, rules, n, agency.as_deref());
    }
    let written = r.date(map, "", "written", false).map(|(d, _)| d);
    if let (Some(w), Some((p, _))) = (written, &published) {
        if w > *p {
            let d = r
                .error("FM025", "written", format!("成文日期 {w} 晚于发布日期 {p}"))
                .expected("成文日期不晚于发布日期");
            r.push(d);
        }
    }
    let disclosure = r
        .one_of(map, "", "disclosure", &Disclosure::NAMES)
        .and_then(|d| Disclosure::from_name(&d))
        .unwrap_or(Disclosure::Proactive);
    let reason = r.string(
        map,
        "",
        "disclosure_reason",
        "disclosure_reason: 涉及国家秘密",
    );
    if disclosure != Disclosure::Proactive && reason.is_none() {
        let d = r
            .error(
                "FM028",
                "disclosure",
                "依申请公开或不予公开的文件需要写明理由",
            )
            .expected("disclosure_reason: 例如 “涉及商业秘密” 或 “内部事务信息”");
        r.push(d);
    }
    let validity = read_validity(r, map, &ex.doc_number);
    let gazette = read_gazette(r, map);
    let interprets = r.string(
        map,
        "",
        "interprets",
        &format!("interprets: {}", ex.doc_number),
    );
    match (doc_class, &interprets) {
        (DocClass::Interpretation, None) if !map.contains_key("interprets") => {
            let d = r
                .error("FM032", "interprets", "政策解读必须写明解读对象")
                .expected(format!(
                    "interprets: 原文件的发文字号或路径，例如 {}",
                    ex.doc_number
                ));
            r.push(d);
        }
        (class, Some(_)) if class != DocClass::Interpretation => {
            let d = r
                .error(
                    "FM036",
                    "interprets",
                    format!("只有政策解读才写解读对象，本文件类别是{}", class.name()),
                )
                .expected("doc_class: 政策解读")
                .hint("如果本文件是解读，把 doc_class 改为 政策解读；否则删除 interprets");
            r.push(d);
        }
        _ => {}
    }
    let attachments = read_attachments(r, map);
    let keywords = crate::parse::values::read_keywords(r, map);
    let abstract_text = r.string(map, "", "abstract", "abstract: 一两句话概述文件内容");
    let aliases = read_aliases(r, map);
    let draft = r.bool(map, "", "draft").unwrap_or(false);

    let has_error = r.diags.iter().any(|d| d.is_error());
    let meta = match (title, agency, category, published) {
        (Some(title), Some(agency), Some(category), Some((published, published_time)))
            if !has_error =>
        {
            Some(DocMeta {
                title,
                agency,
                category,
                published,
                published_time,
                doc_class,
                genre,
                doc_number,
                index_number,
                written,
                disclosure,
                validity,
                gazette,
                interprets,
                keywords,
                abstract_text,
                aliases,
                draft,
            })
        }
        _ => None,
    };
    (meta, attachments)
}

/// FM020: with agencies listed in site.yaml, `agency` is one of them (also
/// the 报告机关 of an annual report).
pub(crate) fn check_agency(r: &mut FieldReader<'_>, config: &SiteConfig, agency: &str) {
    if config.agencies.is_empty() || config.agencies.iter().any(|a| a.name == agency) {
        return;
    }
    let names: Vec<&str> = config.agencies.iter().map(|a| a.name.as_str()).collect();
    let by_short = config
        .agencies
        .iter()
        .find(|a| a.short.as_deref() == Some(agency))
        .map(|a| a.name.as_str());
    let suggestion = by_short.or_else(|| did_you_mean(agency, names.iter().copied()));
    let mut d = r
        .error(
            "FM020",
            "agency",
            format!("“{agency}” 不在 site.yaml 的发布机构列表中"),
        )
        .expected(format!("机构全称之一：{}", names.join("、")));
    d = d.hint(match suggestion {
        Some(s) => format!("是否想写 {s}？"),
        None => "新机构请先加入 site.yaml 的 agencies".to_string(),
    });
    r.push(d);
}

fn read_category(
    r: &mut FieldReader<'_>,
    config: &SiteConfig,
    text: &str,
    example: &str,
) -> Option<Category> {
    let parts: Vec<&str> = text.split('/').map(str::trim).collect();
    let category = match parts.as_slice() {
        [l1] if !l1.is_empty() => Category {
            level1: l1.to_string(),
            level2: None,
        },
        [l1, l2] if !l1.is_empty() && !l2.is_empty() => Category {
            level1: l1.to_string(),
            level2: Some(l2.to_string()),
        },
        _ => {
            let d = r
                .error(
                    "FM021",
                    "category",
                    format!("“{text}” 不是 一级 或 一级/二级 形式的分类"),
                )
                .expected(format!(
                    "category: {} 或 category: {example}",
                    example.split('/').next().unwrap_or(example)
                ));
            r.push(d);
            return None;
        }
    };
    let Some(taxonomy) = &config.taxonomy else {
        return Some(category);
    };
    let Some(node) = taxonomy.iter().find(|n| n.name == category.level1) else {
        let suggestion = did_you_mean(&category.level1, taxonomy.iter().map(|n| n.name.as_str()))
            .or_else(|| {
                taxonomy
                    .iter()
                    .find(|n| n.children.iter().any(|(c, _)| *c == category.level1))
                    .map(|n| n.name.as_str())
            });
        let mut d = r
            .error(
                "FM021",
                "category",
                format!("“{}” 不是 site.yaml 分类表中的一级分类", category.level1),
            )
            .expected(format!("site.yaml taxonomy 中的一级分类，例如 {example}"));
        if let Some(s) = suggestion {
            d = d.hint(format!("是否想写 {s}？"));
        }
        r.push(d);
        return None;
    };
    if let Some(l2) = &category.level2 {
        if !node.children.iter().any(|(c, _)| c == l2) {
            let children: Vec<&str> = node.children.iter().map(|(c, _)| c.as_str()).collect();
            let mut d = r
                .error(
                    "FM021",
                    "category",
                    format!("“{l2}” 不是 “{}” 下的二级分类", node.name),
                )
                .expected(if children.is_empty() {
                    format!("只写一级分类：{}", node.name)
                } else {
                    format!("以下之一：{}", children.join("、"))
                });
            if let Some(s) = did_you_mean(l2, children.iter().copied()) {
                d = d.hint(format!("是否想写 {}/{s}？", node.name));
            }
            r.push(d);
            return None;
        }
    }
    Some(category)
}

/// Rewrites the full-width digits of a 文号 to ASCII and its year brackets
/// to 〔〕 (with a warning when changed).
fn normalise_doc_number(r: &mut FieldReader<'_>, number: &str) -> String {
    let digits = crate::util::identity::ascii_digits(number);
    let normalised = crate::util::identity::normalise_brackets(&digits);
    let what = match (digits != number, normalised != *digits) {
        (false, false) => return normalised,
        (true, false) => "全角数字",
        (false, true) => "年份括号",
        (true, true) => "全角数字和年份括号",
    };
    // the example is the editor's own number, written right
    let expected = if digits != number {
        format!("数字用半角，年份用六角括号〔〕，即 {normalised}")
    } else {
        format!("年份用六角括号〔〕，即 {normalised}")
    };
    let d = r
        .warning(
            "FM023",
            "doc_number",
            format!("发文字号 “{number}” 的{what}已规范为 “{normalised}”"),
        )
        .expected(expected)
        .hint("请在文件中直接写成规范形式");
    r.push(d);
    normalised
}

/// SEC003: a slug is compared, and published, in `identity_key` form:
/// `ｇｆ-１` is `gf-1` and a zero-width space in it is dropped (warned, as
/// it would otherwise give a second, invisible address).
pub fn normalise_slug(r: &mut FieldReader<'_>, slug: String) -> String {
    let key = crate::util::identity::identity_key(&slug);
    if key == slug {
        return slug;
    }
    let key = key.into_owned();
    let hidden: Vec<String> = crate::util::identity::invisible_chars(&slug)
        .iter()
        .map(|&(i, c)| format!("{}（第 {i} 个字符）", crate::util::identity::describe(c)))
        .collect();
    let why = if hidden.is_empty() {
        "全角字符已改为半角".to_string()
    } else {
        format!("去掉了不可见字符 {}", hidden.join("、"))
    };
    let d = r
        .warning(
            "SEC003",
            "slug",
            format!("网址名 “{slug}” 已规范为 “{key}”：{why}"),
        )
        .expected("slug: 半角小写字母、数字和连字符，例如 gf-2024-03")
        .hint("请在文件中直接写成规范形式");
    r.push(d);
    key
}

/// SEC002: invisible format characters (zero-width, bidi controls, BOM,
/// soft hyphen) in a field readers see. Each is named with its place in
/// the value; the diagnostic stands where the first is written. True when
/// there are none.
fn visible_only(r: &mut FieldReader<'_>, path: &str, value: &str) -> bool {
    use crate::util::identity::{describe, invisible_chars};
    let found = invisible_chars(value);
    let Some(&(_, first)) = found.first() else {
        return true;
    };
    let list: Vec<String> = found
        .iter()
        .map(|&(i, c)| format!("{}（第 {i} 个字符）", describe(c)))
        .collect();
    let (line, col) = r.char_position(path, first);
    let d = r
        .error(
            "SEC002",
            path,
            format!("含有不可见字符：{}", list.join("、")),
        )
        .at(line, col)
        .expected("只含看得见的文字：读者看到的、检索到的与存储的必须一致")
        .hint(
            "这类字符多随网页或文档复制带入：删去后重新输入这一处（编辑器可打开“显示不可见字符”）",
        );
    r.push(d);
    false
}

fn check_index_number(
    r: &mut FieldReader<'_>,
    rules: &DocRules<'_>,
    number: &str,
    agency: Option<&str>,
) {
    let Some(parts) = rules.index_pattern.parse(number) else {
        let mut d = r
            .error(
                "FM024",
                "index_number",
                format!(
                    "索引号 “{number}” 不符合本站格式 {}",
                    rules.config.index_number_pattern.source
                ),
            )
            .expected(format!("例如 {}", rules.index_pattern.example()));
        let ascii = crate::util::identity::identity_key(number);
        if ascii != number {
            d = d.hint(format!("索引号中有全角字符：是否想写 {ascii}？"));
        }
        r.push(d);
        return;
    };
    let agency_code = agency
        .and_then(|a| rules.config.agencies.iter().find(|x| x.name == a))
        .and_then(|a| a.code.as_deref());
    if let (Some(code), Some(expected)) = (parts.code.as_deref(), agency_code) {
        if code != expected {
            let d = r
                .error("FM024", "index_number", format!("索引号中的机构代码 {code} 与发布机构的代码 {expected} 不一致"))
                .expected(format!("以 {expected} 开头的索引号"))
                .hint("索引号一经发布不得更改：如果这是已发布的旧索引号，请改正 site.yaml 中机构的 code");
            r.push(d);
        }
    }
}

/// `validity:`; `doc_number` is the example of a 文号 for its references.
fn read_validity(r: &mut FieldReader<'_>, map: &Mapping, doc_number: &str) -> ValidityDecl {
    let mut v = ValidityDecl::default();
    let Some(m) = r.mapping(
        map,
        "",
        "validity",
        "validity:\n  effective: 2024-06-01\n  expires: 2029-05-31",
    ) else {
        return v;
    };
    r.reject_unknown_keys(m, "validity", VALIDITY_KEYS);
    v.effective = r.date(m, "validity", "effective", false).map(|(d, _)| d);
    v.expires = r.date(m, "validity", "expires", false).map(|(d, _)| d);
    v.status = r
        .one_of(m, "validity", "status", &DeclaredStatus::NAMES)
        .and_then(|s| DeclaredStatus::from_name(&s));
    v.date = r.date(m, "validity", "date", false).map(|(d, _)| d);
    v.basis = r.string(m, "validity", "basis", &format!("basis: {doc_number}"));
    v.replaced_by = r.string_list(
        m,
        "validity",
        "replaced_by",
        &format!("replaced_by: [{doc_number}]"),
    );
    v.reason = r.string(m, "validity", "reason", "reason: 已被新规定涵盖或替代");
    if let (Some(e), Some(x)) = (v.effective, v.expires) {
        if x < e {
            let d = r
                .error(
                    "FM026",
                    "validity.expires",
                    format!("有效期至 {x} 早于施行日期 {e}"),
                )
                .expected("有效期至不早于施行日期");
            r.push(d);
        }
    }
    if m.contains_key("status") && v.date.is_none() && !m.contains_key("date") {
        let d = r
            .error(
                "FM027",
                "validity.status",
                "声明了效力状态，但没有写状态日期",
            )
            .expected("validity.date: 宣布该状态的日期，例如 2024-12-31");
        r.push(d);
    }
    if m.contains_key("date") && !m.contains_key("status") {
        let d = r
            .error("FM035", "validity.date", "写了状态日期，但没有写效力状态")
            .expected(format!(
                "validity.status: {}",
                DeclaredStatus::NAMES.join(" · ")
            ))
            .hint("施行日期写在 validity.effective，有效期写在 validity.expires");
        r.push(d);
    }
    v
}

fn read_gazette(r: &mut FieldReader<'_>, map: &Mapping) -> Option<GazetteRef> {
    let m = r.mapping(map, "", "gazette", "gazette:\n  year: 2024\n  issue: 7")?;
    r.reject_unknown_keys(m, "gazette", GAZETTE_KEYS);
    let year = match m.get("year") {
        Some(_) => r.uint(m, "gazette", "year", 1949..=2200),
        None => {
            r.missing("gazette.year", "year: 2024");
            None
        }
    };
    let issue = match m.get("issue") {
        Some(_) => r.uint(m, "gazette", "issue", 1..=400),
        None => {
            r.missing("gazette.issue", "issue: 7");
            None
        }
    };
    let page = r.uint(m, "gazette", "page", 1..=100_000).map(|p| p as u32);
    let section = r.string(m, "gazette", "section", "section: 市政府文件");
    Some(GazetteRef {
        year: year? as u16,
        issue: issue? as u16,
        page,
        section,
    })
}

fn read_attachments(r: &mut FieldReader<'_>, map: &Mapping) -> Vec<RawAttachment> {
    let mut out = Vec::new();
    let Some(value) = map.get("attachments") else {
        return out;
    };
    let items = match value {
        Value::Sequence(items) => items,
        Value::Null => return out,
        other => {
            r.wrong_type(
                "attachments",
                other,
                "列表",
                "attachments:\n  - file: 附件1.pdf\n    title: 附件1：申请表",
            );
            return out;
        }
    };
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("attachments[{i}]");
        let (file, title) = match item {
            Value::String(f) => (Some(f.trim().to_string()), None),
            Value::Mapping(m) => {
                r.reject_unknown_keys(m, &prefix, ATTACHMENT_KEYS);
                if !m.contains_key("file") {
                    r.missing(&format!("{prefix}.file"), "file: 附件1.pdf");
                }
                (
                    r.string(m, &prefix, "file", "file: 附件1.pdf"),
                    r.string(m, &prefix, "title", "title: 附件1：申请表"),
                )
            }
            other => {
                r.wrong_type(&prefix, other, "“file: …”", "- file: 附件1.pdf");
                continue;
            }
        };
        let Some(file) = file else { continue };
        let key = format!("{prefix}.file");
        if let Err(why) = check_relative_file(&file) {
            let d = r
                .error("FM031", &key, format!("附件路径 “{file}” {why}"))
                .expected("与本文件同一目录（或其子目录）中的文件名，例如 附件1.pdf");
            r.push(d);
            continue;
        }
        let title = title.unwrap_or_else(|| file.rsplit('/').next().unwrap_or(&file).to_string());
        out.push(RawAttachment { file, title, key });
    }
    out
}

/// A path an editor wrote must stay inside the site: no `..`, no absolute
/// path, no drive letter, no backslash or NUL.
pub fn check_relative_file(path: &str) -> Result<(), &'static str> {
    if path.starts_with('/') || path.starts_with('\\') {
        return Err("是绝对路径");
    }
    if path.contains('\0') || path.contains('\\') || path.contains(':') {
        return Err("含有不允许的字符（\\ : 或空字符）");
    }
    if path
        .split('/')
        .any(|seg| seg == ".." || seg == "." || seg.is_empty())
    {
        return Err("不能含有 .. 或空的目录名");
    }
    Ok(())
}

/// The aliases, each in [`visible_nfkc`](crate::util::identity::visible_nfkc)
/// form: that is the form they are claimed in (so two that differ only in
/// full-width characters or NFC/NFD clash, XR003, instead of writing two
/// files) and written at, with a warning (SEC004) where it differs from what
/// was typed. Full-width characters in an address are an input-method slip
/// for the ASCII the old site served, and old sites, links and browsers use
/// composed (NFC) text: the normalised path is the one old links reach.
fn read_aliases(r: &mut FieldReader<'_>, map: &Mapping) -> Vec<String> {
    let aliases = r.string_list(map, "", "aliases", "aliases: [/old/2019/118.html]");
    let mut out = Vec::new();
    for (i, alias) in aliases.into_iter().enumerate() {
        let key = format!("aliases[{i}]");
        let normalised = crate::util::identity::visible_nfkc(&alias).into_owned();
        // Whether the path is free is the index stage's question (XR003,
        // XR010, XR011). The form is checked as typed (an invisible
        // character is refused, not dropped) and as normalised (`／．．／`
        // is `/../`).
        let problem = crate::config::url_map::alias_problem(&alias)
            .or_else(|| crate::config::url_map::alias_problem(&normalised));
        if let Some(why) = problem {
            let shown = if normalised == alias {
                String::new()
            } else {
                format!("（统一全角半角后为 “{}”）", normalised.escape_debug())
            };
            let d = r
                .error(
                    "FM033",
                    &key,
                    format!("旧网址 “{}”{shown} 无效：{why}", alias.escape_debug()),
                )
                .expected("以 / 开头的站内路径，例如 /old/2019/118.html 或 /xxgk/2019/118/");
            r.push(d);
            continue;
        }
        if normalised != alias {
            let d = r
                .warning(
                    "SEC004",
                    &key,
                    format!("旧网址 “{alias}” 已规范为 “{normalised}”：全角字符已改为半角，字符的组合形式已统一（NFKC），跳转页写在规范后的地址"),
                )
                .expected(format!("aliases: [{normalised}]"))
                .hint("请在文件中直接写成规范形式；两个规范后相同的旧网址是同一个地址");
            r.push(d);
        }
        out.push(normalised);
    }
    out
}

/// A reader for front matter (so callers need not name the code family).
pub fn front_matter_reader<'a>(file: &'a str, fm: &'a FrontMatter) -> FieldReader<'a> {
    FieldReader::new(file, &fm.keys, CodeFamily::FrontMatter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_escape() {
        for bad in [
            "../x.pdf",
            "/etc/passwd",
            "C:\\x.pdf",
            "a/../../b",
            "a\0b",
            "c:x",
        ] {
            assert!(check_relative_file(bad).is_err(), "{bad}");
        }
        assert!(check_relative_file("附件/附件1.pdf").is_ok());
    }
}
