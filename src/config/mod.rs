//! `site.yaml`: the site's title, address, agencies and taxonomy, validated.

mod duplicates;
pub mod identity;
pub mod index_number;
pub mod security;
pub mod url_map;

use crate::config::duplicates::{Candidate, Seen, SlugFrom};
use crate::config::index_number::CompiledPattern;
use crate::diagnostics::Diagnostic;
use crate::field_names::{AGENCY_KEYS, GAZETTE_SITE_KEYS, SITE_KEYS, TAXONOMY_KEYS};
use crate::util::slug::{is_url_segment, stable_slug};
use crate::yaml::fields::{CodeFamily, FieldReader};
use crate::yaml::frontmatter::parse_yaml_file;
use crate::yaml::{Mapping, Value};

/// Interface language of the generated pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Simplified Chinese (the default).
    ZhCn,
    /// English interface strings (content stays as written).
    En,
}

impl Language {
    /// The `lang` attribute value.
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

/// One issuing agency from `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    /// Full official name, as documents write it in `agency`.
    pub name: String,
    /// Short name for narrow places.
    pub short: Option<String>,
    /// Organisation code used in 索引号.
    pub code: Option<String>,
    /// URL segment of its catalog page.
    pub slug: String,
}

/// A first-level class with its second-level classes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomyNode {
    /// The class name, as documents write it.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Second-level classes: (name, slug).
    pub children: Vec<(String, String)>,
}

/// How 索引号 are formed: literal text with `{code}`, `{year}` and `{serial:N}`.
#[derive(Debug, Clone)]
pub struct IndexNumberPattern {
    /// As written in site.yaml.
    pub source: String,
    /// Compiled.
    pub compiled: CompiledPattern,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Site name shown in the header and titles.
    pub title: String,
    /// Absolute URL of the site root, ending in `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/xxgk/`), prefixed to every link.
    pub base_path: String,
    /// Interface language.
    pub language: Language,
    /// One-line description for the home page and feeds.
    pub description: String,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Items per catalog page.
    pub per_page: usize,
    /// The 索引号 pattern.
    pub index_number_pattern: IndexNumberPattern,
    /// Agencies, if the site lists them (then `agency` must be one of them).
    pub agencies: Vec<Agency>,
    /// The taxonomy, if the site fixes one (then `category` must be a node of it).
    pub taxonomy: Option<Vec<TaxonomyNode>>,
    /// Footer text (organiser, contact, ICP number).
    pub footer: Option<String>,
    /// Raw-HTML policy, size limit, personal-data allow-list.
    pub security: crate::config::security::SecurityConfig,
    /// The government gazette (政府公报).
    pub gazette: GazetteConfig,
    /// 网站标识码, 备案号, 主办单位, contact: the identity footer and metadata.
    pub identity: crate::config::identity::Identity,
    /// What site.yaml is warned of (the inspection's missing items): shown
    /// by every `check` and `build` with the content's warnings.
    pub warnings: Vec<Diagnostic>,
}

impl SiteConfig {
    /// The host of `base_url` (`www.qinghe.gov.cn`): the 网页元数据's SiteDomain.
    pub fn domain(&self) -> &str {
        let rest = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        rest.split('/').next().unwrap_or(rest)
    }
}

/// `gazette:` in site.yaml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteConfig {
    /// The gazette's name without book-title marks, e.g. 清河市人民政府公报.
    pub name: String,
    /// Create an issue from its documents when no `content/gazette/YYYY/NN.md` exists.
    pub auto_create_issues: bool,
}

/// The default 索引号 pattern: organisation code / year - five-digit serial.
pub const DEFAULT_INDEX_PATTERN: &str = "{code}/{year}-{serial:5}";

/// Where the config lives, relative to the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// Parses and validates `site.yaml` text; all problems are returned together.
pub fn parse_config(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
    let (map, keys) = parse_yaml_file(text, CONFIG_FILE)?;
    let mut r = FieldReader::new(CONFIG_FILE, &keys, CodeFamily::Config);
    r.reject_unknown_keys(&map, "", SITE_KEYS);

    let title = r.required_string(&map, "title", "title: 某某市人民政府信息公开");
    let base_url = r
        .required_string(&map, "base_url", "base_url: https://www.example.gov.cn/")
        .and_then(|url| match normalise_base_url(&url) {
            Some(ok) => Some(ok),
            None => {
                let d = r
                    .error("CFG020", "base_url", format!("“{url}” 不是网站地址"))
                    .expected(
                        "以 http:// 或 https:// 开头的完整地址，例如 https://www.example.gov.cn/",
                    );
                r.push(d);
                None
            }
        });
    let language = match r.one_of(&map, "", "language", &["zh-CN", "en"]).as_deref() {
        Some("en") => Language::En,
        _ => Language::ZhCn,
    };
    let description = r
        .string(&map, "", "description", "description: 一句话简介")
        .unwrap_or_default();
    let theme = r
        .string(&map, "", "theme", "theme: default")
        .unwrap_or_else(|| "default".to_string());
    if !is_url_segment(&theme) {
        let d = r
            .error(
                "CFG021",
                "theme",
                format!("主题名 “{theme}” 只能含小写字母、数字和连字符"),
            )
            .expected("theme: default");
        r.push(d);
    }
    let per_page = r.uint(&map, "", "per_page", 5..=500).unwrap_or(20) as usize;
    let pattern = r
        .string(&map, "", "index_number_pattern", DEFAULT_INDEX_PATTERN)
        .unwrap_or_else(|| DEFAULT_INDEX_PATTERN.to_string());
    let compiled = crate::config::index_number::compile(&pattern).unwrap_or_else(|why| {
        let d = r
            .error(
                "CFG022",
                "index_number_pattern",
                format!("索引号格式 “{pattern}” 无效：{why}"),
            )
            .expected(format!(
                "由文字与 `{{code}}`、`{{year}}`、`{{serial:位数}}` 组成，例如 {DEFAULT_INDEX_PATTERN}"
            ));
        r.push(d);
        CompiledPattern::default_pattern()
    });
    let footer = r.string(&map, "", "footer", "footer: 主办：某某市人民政府办公室");
    let agencies = read_agencies(&mut r, &map);
    let taxonomy = read_taxonomy(&mut r, &map);
    let gazette = read_gazette(&mut r, &map, title.as_deref().unwrap_or_default());
    let security = crate::config::security::read_security(&mut r, &map);
    let identity = crate::config::identity::read_identity(&mut r, &map);
    let is_gov = base_url
        .as_ref()
        .is_some_and(|(url, _)| is_government_host(url));
    let warnings: Vec<Diagnostic> =
        crate::config::identity::inspection_warning(&r, &map, &identity, is_gov)
            .into_iter()
            .collect();

    let mut diags = r.diags;
    match (title, base_url) {
        (Some(title), Some((base_url, base_path))) if diags.iter().all(|d| !d.is_error()) => {
            Ok(SiteConfig {
                title,
                base_url,
                base_path,
                language,
                description,
                theme,
                per_page,
                index_number_pattern: IndexNumberPattern {
                    source: pattern,
                    compiled,
                },
                agencies,
                taxonomy,
                footer,
                gazette,
                security,
                identity,
                warnings,
            })
        }
        _ => {
            crate::diagnostics::sort(&mut diags);
            Err(diags)
        }
    }
}

fn read_gazette(r: &mut FieldReader<'_>, map: &Mapping, title: &str) -> GazetteConfig {
    let example = "gazette:\n  name: 某某市人民政府公报\n  auto_create_issues: false";
    let m = r.mapping(map, "", "gazette", example);
    if let Some(m) = m {
        r.reject_unknown_keys(m, "gazette", GAZETTE_SITE_KEYS);
    }
    let name = m.and_then(|m| r.string(m, "gazette", "name", "name: 某某市人民政府公报"));
    let auto = m.and_then(|m| r.bool(m, "gazette", "auto_create_issues"));
    GazetteConfig {
        name: name
            .map(|n| n.trim_matches(['《', '》']).to_string())
            .unwrap_or_else(|| default_gazette_name(title)),
        auto_create_issues: auto.unwrap_or(false),
    }
}

/// 清河市人民政府信息公开 → 清河市人民政府公报; any other title → title + 公报.
pub fn default_gazette_name(title: &str) -> String {
    const GOVERNMENT: &str = "人民政府";
    match title.find(GOVERNMENT) {
        Some(i) => format!("{}公报", &title[..i + GOVERNMENT.len()]),
        None => format!("{title}公报"),
    }
}

/// A government website's address: a host under `gov.cn` (the domain that
/// only government bodies are given, and whose sites are inspected).
fn is_government_host(base_url: &str) -> bool {
    let rest = base_url.split_once("://").map_or("", |(_, rest)| rest);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    host == "gov.cn" || host.ends_with(".gov.cn")
}

/// Returns (base_url ending in `/`, path part).
fn normalise_base_url(url: &str) -> Option<(String, String)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_end = rest.find('/').unwrap_or(rest.len());
    let host = &rest[..host_end];
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    let mut path = rest[host_end..].to_string();
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    let scheme = if url.starts_with("https://") {
        "https://"
    } else {
        "http://"
    };
    Some((format!("{scheme}{host}{path}"), path))
}

fn read_agencies(r: &mut FieldReader<'_>, map: &Mapping) -> Vec<Agency> {
    let mut out: Vec<Agency> = Vec::new();
    let mut seen = Seen::default();
    let Some(value) = map.get("agencies") else {
        return out;
    };
    let Value::Sequence(items) = value else {
        r.wrong_type(
            "agencies",
            value,
            "列表",
            "agencies:\n  - name: 某某市教育局\n    code: \"113201000\"",
        );
        return out;
    };
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("agencies[{i}]");
        let Value::Mapping(m) = item else {
            r.wrong_type(&prefix, item, "“name: …” 等字段", "- name: 某某市教育局");
            continue;
        };
        r.reject_unknown_keys(m, &prefix, AGENCY_KEYS);
        let Some(name) = (if m.contains_key("name") {
            r.string(m, &prefix, "name", "name: 某某市教育局")
        } else {
            r.missing(&format!("{prefix}.name"), "name: 某某市教育局");
            None
        }) else {
            continue;
        };
        let code = r.string(m, &prefix, "code", "code: \"113201000\"");
        let fallback = code
            .clone()
            .filter(|c| is_url_segment(c))
            .unwrap_or_else(|| stable_slug("a", &name));
        let slug_from = if m.contains_key("slug") {
            SlugFrom::Written
        } else if code.as_deref() == Some(fallback.as_str()) {
            SlugFrom::Code
        } else {
            SlugFrom::Name
        };
        let slug = read_slug(r, m, &prefix, "slug: jyj", fallback);
        let entry = Candidate {
            prefix: &prefix,
            name: &name,
            name_path: &format!("{prefix}.name"),
            slug: &slug,
            slug_from,
        };
        if !seen.first_time(r, "CFG024", "机构", entry) {
            continue;
        }
        let short = r.string(m, &prefix, "short", "short: 市教育局");
        out.push(Agency {
            name,
            short,
            code,
            slug,
        });
    }
    out
}

fn read_taxonomy(r: &mut FieldReader<'_>, map: &Mapping) -> Option<Vec<TaxonomyNode>> {
    let value = map.get("taxonomy")?;
    let Value::Sequence(items) = value else {
        r.wrong_type(
            "taxonomy",
            value,
            "列表",
            "taxonomy:\n  - name: 综合政务\n    children: [政务公开]",
        );
        return None;
    };
    let mut out: Vec<TaxonomyNode> = Vec::new();
    let mut seen = Seen::default();
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("taxonomy[{i}]");
        let slug_from = slug_from(item);
        let (name, slug, children) = match item {
            Value::String(name) => (
                name.trim().to_string(),
                stable_slug("c", name.trim()),
                Vec::new(),
            ),
            Value::Mapping(m) => {
                r.reject_unknown_keys(m, &prefix, TAXONOMY_KEYS);
                let Some(name) = r.string(m, &prefix, "name", "name: 综合政务") else {
                    if !m.contains_key("name") {
                        r.missing(&format!("{prefix}.name"), "name: 综合政务");
                    }
                    continue;
                };
                let slug = read_slug(r, m, &prefix, "slug: zhzw", stable_slug("c", &name));
                let children = read_children(r, m, &prefix);
                (name, slug, children)
            }
            other => {
                r.wrong_type(&prefix, other, "分类名称或“name: …”", "- name: 综合政务");
                continue;
            }
        };
        let entry = Candidate {
            prefix: &prefix,
            name: &name,
            name_path: &name_path(item, &prefix),
            slug: &slug,
            slug_from,
        };
        if !seen.first_time(r, "CFG025", "一级分类", entry) {
            continue;
        }
        out.push(TaxonomyNode {
            name,
            slug,
            children,
        });
    }
    Some(out)
}

/// `slug` of an agency or class; `fallback` when absent (or invalid, after reporting it).
fn read_slug(
    r: &mut FieldReader<'_>,
    m: &Mapping,
    prefix: &str,
    example: &str,
    fallback: String,
) -> String {
    match r.string(m, prefix, "slug", example) {
        Some(s) if is_url_segment(&s) => s,
        Some(s) => {
            let d = r
                .error(
                    "CFG023",
                    &format!("{prefix}.slug"),
                    format!("网址名 “{s}” 只能含小写字母、数字和连字符"),
                )
                .expected(example.to_string());
            r.push(d);
            fallback
        }
        None => fallback,
    }
}

/// How a class entry got its URL segment.
fn slug_from(item: &Value) -> SlugFrom {
    match item {
        Value::Mapping(m) if m.contains_key("slug") => SlugFrom::Written,
        _ => SlugFrom::Name,
    }
}

/// Where a class entry's name is written: its `name:` key, or the entry
/// itself when it is a bare name.
fn name_path(item: &Value, prefix: &str) -> String {
    match item {
        Value::Mapping(_) => format!("{prefix}.name"),
        _ => prefix.to_string(),
    }
}

fn read_children(r: &mut FieldReader<'_>, m: &Mapping, prefix: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let Some(value) = m.get("children") else {
        return out;
    };
    let path = format!("{prefix}.children");
    let Value::Sequence(items) = value else {
        r.wrong_type(&path, value, "列表", "children: [政务公开, 电子政务]");
        return out;
    };
    let mut seen = Seen::default();
    for (i, item) in items.iter().enumerate() {
        let item_prefix = format!("{path}[{i}]");
        let slug_from = slug_from(item);
        let (name, slug) = match item {
            Value::String(name) => (name.trim().to_string(), stable_slug("c", name.trim())),
            Value::Mapping(cm) => {
                r.reject_unknown_keys(cm, &item_prefix, TAXONOMY_KEYS);
                let Some(name) = r.string(cm, &item_prefix, "name", "name: 政务公开") else {
                    continue;
                };
                let slug = read_slug(r, cm, &item_prefix, "slug: zwgk", stable_slug("c", &name));
                (name, slug)
            }
            other => {
                r.wrong_type(&item_prefix, other, "分类名称", "- 政务公开");
                continue;
            }
        };
        let entry = Candidate {
            prefix: &item_prefix,
            name: &name,
            name_path: &name_path(item, &item_prefix),
            slug: &slug,
            slug_from,
        };
        if !seen.first_time(r, "CFG025", "二级分类", entry) {
            continue;
        }
        out.push((name, slug));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_minimal_config_with_defaults() {
        let c = parse_config("title: 测试站\nbase_url: https://www.example.gov.cn/xxgk\n")
            .expect("valid");
        assert_eq!(c.base_url, "https://www.example.gov.cn/xxgk/");
        assert_eq!(c.base_path, "/xxgk/");
        assert_eq!(c.per_page, 20);
        assert_eq!(c.language, Language::ZhCn);
        assert!(c.taxonomy.is_none());
        assert_eq!(c.gazette.name, "测试站公报");
        assert!(!c.gazette.auto_create_issues);
    }

    #[test]
    fn reads_the_gazette_name_and_auto_create_option() {
        let c = parse_config("title: 清河市人民政府信息公开\nbase_url: https://x.cn/\n")
            .expect("valid");
        assert_eq!(c.gazette.name, "清河市人民政府公报");
        let c = parse_config(
            "title: a\nbase_url: https://x.cn/\ngazette:\n  name: 《某县政府公报》\n  auto_create_issues: true\n",
        )
        .expect("valid");
        assert_eq!(c.gazette.name, "某县政府公报");
        assert!(c.gazette.auto_create_issues);
        let errs = parse_config(
            "title: a\nbase_url: https://x.cn/\ngazette:\n  auto_create_issue: true\n",
        )
        .unwrap_err();
        assert_eq!(errs[0].code, "CFG010");
        assert_eq!(
            errs[0].hint.as_deref(),
            Some("是否想写 `auto_create_issues`？")
        );
    }

    #[test]
    fn rejects_unknown_key_with_suggestion() {
        let errs = parse_config("title: a\nbase_url: https://x.cn/\nper_pgae: 10\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].code, "CFG010");
        assert_eq!(errs[0].line, Some(3));
        assert_eq!(errs[0].hint.as_deref(), Some("是否想写 `per_page`？"));
    }

    #[test]
    fn reports_all_problems_at_once() {
        let errs = parse_config("base_url: ftp://x\nlanguage: fr\nper_page: 0\n").unwrap_err();
        let codes: Vec<_> = errs.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["CFG011", "CFG020", "CFG015", "CFG012"]);
    }

    #[test]
    fn reads_the_identity_and_reports_each_bad_item_at_its_line() {
        let good = "title: a\nbase_url: https://www.x.gov.cn/\nidentity:\n  site_code: \"3201000001\"\n  sponsor: 某市政府办公室\n  icp: 苏ICP备12345678号-1\n  police_record: 苏公网安备 32010202000001号\n  conac:\n    image: assets/conac.png\n    url: https://bszs.conac.cn/sitename?method=show&id=1\n  error_report: false\n  contact: {phone: 0517-12345678, email: gk@x.gov.cn}\n";
        let c = parse_config(good).expect("valid");
        assert_eq!(c.identity.site_code.as_deref(), Some("3201000001"));
        assert_eq!(
            c.identity.police_record.as_ref().map(|p| p.code.as_str()),
            Some("32010202000001")
        );
        assert_eq!(c.identity.error_report, identity::ErrorReport::Off);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c.domain(), "www.x.gov.cn");

        let bad = "title: a\nbase_url: https://www.x.gov.cn/\nidentity:\n  site_code: \"320100001\"\n  icp: 苏ICP证12345678号\n  police_record: 苏公网安备 3201020200001号\n  conac: {image: red.png?x, url: http://www.conac.cn/}\n  error_report: 是\n  contact: {phone: 请拨打热线, email: gk.x.gov.cn}\n";
        let errs = parse_config(bad).unwrap_err();
        let got: Vec<(&str, Option<u32>)> = errs.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            got,
            [
                ("CFG050", Some(4)),
                ("CFG051", Some(5)),
                ("CFG052", Some(6)),
                ("CFG053", Some(7)),
                ("CFG053", Some(7)),
                ("CFG054", Some(8)),
                ("CFG055", Some(9)),
                ("CFG055", Some(9)),
            ]
        );
        assert_eq!(errs[0].message, "“320100001” 有 9 位，网站标识码是 10 位");
        assert_eq!(errs[0].field.as_deref(), Some("identity.site_code"));
    }

    #[test]
    fn a_government_site_is_warned_of_missing_inspection_items() {
        let partial =
            "title: a\nbase_url: https://www.x.gov.cn/\nidentity:\n  sponsor: 某市政府办公室\n";
        let c = parse_config(partial).expect("valid");
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].code, "CFG056");
        assert_eq!(c.warnings[0].line, Some(3));
        assert_eq!(
            c.warnings[0].message,
            "政府网站检查要求页脚显示的网站标识码（identity.site_code）、ICP备案号（identity.icp）、公安机关备案号（identity.police_record）、党政机关网站标识（identity.conac）未填写"
        );
        // not a government address, or no identity given: no warning
        let other = partial.replace("www.x.gov.cn", "www.example.com");
        assert!(parse_config(&other).expect("valid").warnings.is_empty());
        let none = parse_config("title: a\nbase_url: https://www.x.gov.cn/\n").expect("valid");
        assert!(none.warnings.is_empty());
    }

    #[test]
    fn reads_agencies_and_taxonomy() {
        let text = "title: a\nbase_url: https://x.cn/\nagencies:\n  - name: 某市教育局\n    code: \"113201000\"\ntaxonomy:\n  - name: 综合政务\n    slug: zhzw\n    children: [政务公开, {name: 电子政务, slug: dzzw}]\n  - 其他\n";
        let c = parse_config(text).expect("valid");
        assert_eq!(c.agencies[0].slug, "113201000");
        let tax = c.taxonomy.expect("taxonomy");
        assert_eq!(
            tax[0].children[1],
            ("电子政务".to_string(), "dzzw".to_string())
        );
        assert!(tax[1].slug.starts_with("c-"));
    }
}
