//! `gongkai init` (a new site that builds) and `gongkai new` (a new document
//! with every field prefilled and the next free 索引号).

use crate::config::SiteConfig;
use crate::load::{decode_text, CONTENT_DIR};
use crate::parse::placeholders;
use crate::yaml::frontmatter::parse_front_matter;
use anyhow::{bail, Context};
use jiff::civil::Date;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The State Council's 22 classes with their usual second-level classes.
const DEFAULT_TAXONOMY: &str = include_str!("config/default_taxonomy.yaml");

/// Creates a new site skeleton in `dir` (which must be empty or absent).
/// Returns the files written, relative to `dir`.
pub fn init_site(dir: &Path, today: Date) -> anyhow::Result<Vec<String>> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .with_context(|| format!("无法读取 {}", dir.display()))?
            .next()
            .is_some()
    {
        bail!(
            "目录 {} 不是空的：init 只在空目录中创建新网站",
            dir.display()
        );
    }
    let year = today.year();
    let site_yaml = format!(
        "# 网站配置。字段说明见 gongkai 的 README。\ntitle: 某某市人民政府信息公开\nbase_url: https://www.example.gov.cn/\nlanguage: zh-CN\ntheme: default\nper_page: 20\nindex_number_pattern: \"{{code}}/{{year}}-{{serial:5}}\"\ndescription: 某某市人民政府信息公开平台\nfooter: 主办：某某市人民政府办公室\n\n# 网站标识（页脚和网页元数据）：政府网站检查要求填写网站标识码、主办单位、ICP 和公安备案号、党政机关网站标识。\n# 去掉 # 号并填写本站的号码（写法见 README 的 Site identity 一节）\n# identity:\n#   site_code: \"0000000000\"            # 网站标识码\n#   sponsor: 某某市人民政府办公室       # 主办单位\n#   icp: 某ICP备00000000号               # ICP备案号\n#   police_record: 某公网安备 00000000000000号   # 公安机关备案号\n#   conac: {{image: assets/conac.png, url: \"https://bszs.conac.cn/sitename?method=show&id=…\"}}\n#   contact: {{phone: 0000-00000000, email: gk@example.gov.cn}}\n\n# 发布机构：文件的 agency 必须是其中之一；code 用于索引号\nagencies:\n  - name: 某某市人民政府办公室\n    short: 市政府办公室\n    code: \"000000001\"\n    slug: szfbgs\n\n{DEFAULT_TAXONOMY}"
    );
    let example = format!(
        "---\ntitle: 某某市人民政府办公室关于做好{year}年政务公开工作的通知\nagency: 某某市人民政府办公室\ncategory: 综合政务/政务公开\npublished: {today}\ndoc_class: 其他文件\ngenre: 通知\ndoc_number: 某政办发〔{year}〕1号\nindex_number: 000000001/{year}-00001\nkeywords: [政务公开]\n---\n各有关单位：\n\n现将{year}年政务公开工作有关事项通知如下。\n\n## 一、总体要求\n\n坚持以公开为常态、不公开为例外。\n\n某某市人民政府办公室\n\n{today}\n"
    );
    let page = |title: &str, column: &str, weight: u32, body: &str| {
        format!("---\ntitle: {title}\ncolumn: {column}\nweight: {weight}\n---\n{body}\n")
    };
    let files: Vec<(String, String)> = vec![
        ("site.yaml".into(), site_yaml),
        (format!("{CONTENT_DIR}/xxgk/{year}/example.md"), example),
        (
            format!("{CONTENT_DIR}/pages/guide.md"),
            page(
                "政府信息公开指南",
                "guide",
                10,
                "在此写明公开主体、公开内容、公开方式、依申请公开的办理流程和监督救济渠道。",
            ),
        ),
        (
            format!("{CONTENT_DIR}/pages/system.md"),
            page(
                "政府信息公开制度",
                "system",
                20,
                "在此列出主动公开、依申请公开、保密审查等制度。",
            ),
        ),
        (
            format!("{CONTENT_DIR}/pages/statutory.md"),
            page(
                "法定主动公开内容",
                "statutory",
                30,
                "在此说明法定主动公开的各类信息分别在本站何处查阅。",
            ),
        ),
        (
            format!("{CONTENT_DIR}/pages/reports.md"),
            page(
                "政府信息公开工作年度报告",
                "reports",
                40,
                "历年年度报告如下：",
            ),
        ),
        // The build's record, lock and staging folder are in .gongkai/.
        (".gitignore".into(), "/public/\n/.gongkai/\n".into()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("无法创建目录 {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("无法写入 {}", path.display()))?;
        written.push(rel);
    }
    Ok(written)
}

/// What `gongkai new` wrote.
#[derive(Debug)]
pub struct NewDocument {
    /// The file, relative to the site root.
    pub path: String,
    /// What kind of file it is.
    pub kind: NewKind,
}

/// The kinds of file `gongkai new` writes (an annual report is
/// `scaffold_report`'s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewKind {
    /// A document, with the 索引号 it allocated if the agency has a code.
    Document {
        /// The allocated 索引号.
        index_number: Option<String>,
    },
    /// A column page under `content/pages/`.
    Page,
    /// A gazette issue under `content/gazette/`.
    GazetteIssue {
        /// 年份.
        year: i32,
        /// 期号.
        issue: u32,
    },
}

/// Writes a new file at `path`, which must be under content/ (relative to
/// the site root, or absolute inside it). A document for `agency` (default:
/// the first agency in site.yaml); under `content/pages/`, a column page;
/// at `content/gazette/<年份>/<期号>.md`, a gazette issue. Dated in the year the path names (its folder
/// `…/2024/…`), else in `today`'s year; see [`date_in_year`].
pub fn new_document(
    root: &Path,
    config: &SiteConfig,
    path: &str,
    agency: Option<&str>,
    today: Date,
) -> anyhow::Result<NewDocument> {
    let rel = content_relative(root, path)?;
    let target: PathBuf = root.join(CONTENT_DIR).join(&rel);
    if target.exists() {
        bail!("{} 已存在：new 不会覆盖已有文件", target.display());
    }
    let year = year_in_path(&rel).unwrap_or(i32::from(today.year()));
    let date = date_in_year(today, year);
    let shown = format!("{CONTENT_DIR}/{rel}");
    if let Some(issue) = gazette_issue_of(&rel)? {
        let text = issue_skeleton(&root.join(CONTENT_DIR), year, issue, date);
        write_new(&target, &text)?;
        return Ok(NewDocument {
            path: shown,
            kind: NewKind::GazetteIssue { year, issue },
        });
    }
    // A column page has no agency, 索引号 or dates of a document's.
    if crate::load::kind_of(&rel) == crate::load::SourceKind::Page {
        write_new(&target, &page_skeleton())?;
        return Ok(NewDocument {
            path: shown,
            kind: NewKind::Page,
        });
    }
    let (agency_name, code) = match agency {
        Some(name) => match config
            .agencies
            .iter()
            .find(|a| a.name == name || a.short.as_deref() == Some(name))
        {
            Some(a) => (a.name.clone(), a.code.clone()),
            None if config.agencies.is_empty() => (name.to_string(), None),
            None => {
                let names: Vec<&str> = config.agencies.iter().map(|a| a.name.as_str()).collect();
                bail!(
                    "“{name}” 不在 site.yaml 的发布机构中；可选：{}",
                    names.join("、")
                )
            }
        },
        None => match config.agencies.first() {
            Some(a) => (a.name.clone(), a.code.clone()),
            None => bail!("site.yaml 没有列出发布机构：请用 --agency 指定"),
        },
    };
    let index_number = code.as_deref().map(|code| {
        let used = used_serials(&root.join(CONTENT_DIR), config, code, year);
        config
            .index_number_pattern
            .compiled
            .format(code, year, used + 1)
    });
    let text = document_skeleton(&agency_name, date, index_number.as_deref());
    write_new(&target, &text)?;
    Ok(NewDocument {
        path: shown,
        kind: NewKind::Document { index_number },
    })
}

const PATH_EXAMPLE: &str = "content/xxgk/2024/gf-2024-01.md";

/// `path` relative to content/, with `.md` added when it has no Markdown
/// ending (`.md`, `.MD`, `.markdown` … are kept, see `load::markdown_stem`).
/// Everything gongkai publishes is under content/, so a path elsewhere is
/// refused rather than quietly moved there.
fn content_relative(root: &Path, path: &str) -> anyhow::Result<String> {
    let given = Path::new(path);
    let from_root = if given.is_absolute() {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        match given.strip_prefix(&root) {
            Ok(rest) => rest.to_string_lossy().replace('\\', "/"),
            Err(_) => bail!(
                "路径 {path} 不在网站目录 {} 中：新文件应放在网站根目录的 content/ 下，例如 {PATH_EXAMPLE}",
                root.display()
            ),
        }
    } else {
        path.to_string()
    };
    let from_root = from_root.trim_start_matches("./");
    let Some(rel) = from_root.strip_prefix(&format!("{CONTENT_DIR}/")) else {
        bail!(
            "路径 {path} 不在 content/ 下：网站的文件都放在网站根目录的 content/ 中，路径从网站根目录写起，例如 {PATH_EXAMPLE}（是否想写 content/{}？）",
            from_root.trim_start_matches('/')
        );
    };
    let rel = if crate::load::markdown_stem(rel).is_some() {
        rel.to_string()
    } else {
        format!("{rel}.md")
    };
    if let Err(why) = crate::parse::document::check_relative_file(&rel) {
        bail!("路径 {path} 无效（{why}）：应是 content/ 下的相对路径，例如 {PATH_EXAMPLE}");
    }
    Ok(rel)
}

/// The year a folder of `rel` names (`xxgk/2024/a.md` → 2024; the last
/// such folder when there are several).
fn year_in_path(rel: &str) -> Option<i32> {
    let (dirs, _file) = rel.rsplit_once('/')?;
    dirs.split('/').rev().find_map(|seg| {
        let year: i32 = seg.parse().ok()?;
        (seg.len() == 4 && (1949..=2200).contains(&year)).then_some(year)
    })
}

/// The date to prefill in `year`: `today` when it is in that year, else the
/// same day of that year (28 February for a 29th in a common year), for the
/// editor to correct.
pub fn date_in_year(today: Date, year: i32) -> Date {
    let Ok(y) = i16::try_from(year) else {
        return today;
    };
    if y == today.year() {
        return today;
    }
    Date::new(y, today.month(), today.day())
        .or_else(|_| Date::new(y, today.month(), 28))
        .unwrap_or(today)
}

/// `Some(issue)` for `gazette/<年份>/<期号>.md`; an error for any other
/// path under gazette/ (gongkai reads every file there as an issue).
fn gazette_issue_of(rel: &str) -> anyhow::Result<Option<u32>> {
    let Some(rest) = rel.strip_prefix("gazette/") else {
        return Ok(None);
    };
    let parts: Vec<&str> = rest.split('/').collect();
    let issue = match parts.as_slice() {
        [year, file] if year_in_path(&format!("{year}/x")).is_some() => file
            .strip_suffix(".md")
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|n| (1..=400).contains(n)),
        _ => None,
    };
    match issue {
        Some(n) => Ok(Some(n)),
        None => bail!(
            "路径 content/{rel} 不是公报期次文件：content/gazette/ 下只放期次文件，写作 content/gazette/年份/期号.md，例如 content/gazette/2024/07.md；公报刊登的文件放在别处（如 content/xxgk/），用 gazette: {{year: 2024, issue: 7}} 标明"
        ),
    }
}

/// Writes `text` to a new file at `target`, creating its folders.
pub(crate) fn write_new(target: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("无法创建目录 {}", parent.display()))?;
    }
    std::fs::write(target, text).with_context(|| format!("无法写入 {}", target.display()))
}

/// What the issues already written say: the highest 总期号 and the section
/// order of the latest issue.
#[derive(Debug, Default)]
struct IssuesSoFar {
    max_total: Option<u64>,
    latest: Option<(u64, u64)>,
    latest_sections: Vec<String>,
}

fn issues_so_far(content: &Path) -> IssuesSoFar {
    let mut out = IssuesSoFar::default();
    let dir = content.join("gazette");
    for entry in WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || crate::load::markdown_stem(&name).is_none() {
            continue;
        }
        let Some(fm) = std::fs::read(entry.path())
            .ok()
            .and_then(|bytes| decode_text(&bytes).ok())
            .and_then(|text| parse_front_matter(&text, "").ok())
        else {
            continue;
        };
        let number = |key: &str| fm.map.get(key).and_then(crate::yaml::Value::as_u64);
        if let Some(total) = number("total") {
            out.max_total = Some(out.max_total.map_or(total, |m| m.max(total)));
        }
        if let (Some(year), Some(issue)) = (number("year"), number("issue")) {
            if out.latest.is_none_or(|l| (year, issue) > l) {
                out.latest = Some((year, issue));
                out.latest_sections = match fm.map.get("sections") {
                    Some(crate::yaml::Value::Sequence(list)) => list
                        .iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect(),
                    _ => Vec::new(),
                };
            }
        }
    }
    out
}

/// A gazette issue file that passes check as it is: year and issue from
/// the path, the next 总期号 and the section order of the latest issue.
fn issue_skeleton(content: &Path, year: i32, issue: u32, date: Date) -> String {
    let so_far = issues_so_far(content);
    let total = match so_far.max_total {
        Some(max) => (
            format!("total: {}", max + 1),
            "总期号：创刊以来第几期（已按已有各期的最大值加 1，请核对）",
        ),
        None => ("# total:".to_string(), "总期号：创刊以来第几期"),
    };
    let sections = if so_far.latest_sections.is_empty() {
        (
            "# sections: [市政府规章, 市政府文件, 部门文件]".to_string(),
            "栏目顺序：所刊文件的 gazette.section 须是其中之一",
        )
    } else {
        (
            format!("sections: [{}]", so_far.latest_sections.join(", ")),
            "栏目顺序：同上一期；所刊文件的 gazette.section 须是其中之一",
        )
    };
    let lines = [
        (format!("year: {year}"), "年份"),
        (format!("issue: {issue}"), "期号：本年第几期"),
        total,
        (
            format!("published: {date}"),
            "出版日期（必填）：YYYY-MM-DD，不早于所刊文件的发布日期",
        ),
        sections,
        (
            format!("# pdf: {year}-{issue:02}.pdf"),
            "整期PDF：放在本文件同一目录；没有时保持注释，网站生成可打印的网页版",
        ),
    ];
    let mut out = String::from("---\n");
    for (field, comment) in lines {
        out.push_str(&format!("{field:<30} # {comment}\n"));
    }
    out.push_str("---\n");
    out
}

/// The highest serial already used by `code` in `year` (0 when none). Reads
/// every document's front matter directly, so files with other errors still
/// count and a number is never handed out twice.
fn used_serials(content: &Path, config: &SiteConfig, code: &str, year: i32) -> u64 {
    let mut max = 0;
    for entry in WalkDir::new(content).into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || crate::load::markdown_stem(&name).is_none() {
            continue;
        }
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let Ok(text) = decode_text(&bytes) else {
            continue;
        };
        let Ok(fm) = parse_front_matter(&text, "") else {
            continue;
        };
        let Some(crate::yaml::Value::String(number)) = fm.map.get("index_number") else {
            continue;
        };
        if let Some(parts) = config.index_number_pattern.compiled.parse(number.trim()) {
            if parts.code.as_deref() == Some(code) && parts.year.is_none_or(|y| y == year) {
                max = max.max(parts.serial);
            }
        }
    }
    max
}

/// A column page with every key of `content/pages/`: a draft until its
/// title and body are written (check names both placeholders once
/// `draft: true` is gone).
fn page_skeleton() -> String {
    let titles = crate::render::i18n::strings(crate::config::Language::ZhCn);
    let columns: Vec<String> = crate::model::Column::ALL
        .iter()
        .map(|&c| {
            let title = crate::render::view::column_title(c, &titles);
            format!("{}（{title}）", c.key())
        })
        .collect();
    format!(
        "---\n\
title: {title}                      # 标题（必填）：页面的标题，例如 政府信息公开指南\n\
# column: guide                  # 栏目：{columns}；不写时为单独的页面\n\
# weight: 10                     # 排序：同一栏目中数字小的在前\n\
# summary:                       # 摘要：一句话介绍，显示在栏目列表中\n\
# slug:                          # 网址名：默认取文件名\n\
# published:                     # 发布日期：YYYY-MM-DD\n\
draft: true                      # 草稿：改为 false 或删除本行后才会发布\n\
---\n\
{body}\n",
        title = placeholders::PAGE_TITLE_PLACEHOLDER,
        columns = columns.join(" · "),
        body = placeholders::BODY_PLACEHOLDER,
    )
}

/// A document with every key, `date` as its dates; a draft until edited.
fn document_skeleton(agency: &str, today: Date, index_number: Option<&str>) -> String {
    let index_line = match index_number {
        Some(n) => format!("index_number: {n}        # 索引号：已自动分配，发布后不得更改"),
        None => "# index_number:                # 索引号：机构在 site.yaml 中没有 code，请手工填写"
            .to_string(),
    };
    format!(
        "---\n\
title: {title}              # 标题（必填）：只写主标题\n\
agency: {agency}        # 发布机构（必填）：site.yaml 中的机构全称\n\
category: 综合政务/政务公开      # 主题分类（必填）：一级 或 一级/二级\n\
published: {today}                # 发布日期（必填）：YYYY-MM-DD，可加 HH:MM\n\
doc_class: 其他文件              # 文件类别：规章 · 规范性文件 · 其他文件 · 政策解读 · 年度报告\n\
genre: 通知                      # 文种：决定 · 命令 · 公告 · 通告 · 意见 · 通知 · 通报 · 报告 · 批复 · 函 · 纪要\n\
# doc_number: {number_before}{year}{number_after}   # 发文字号：如 某政办发〔{year}〕1号，年份用六角括号〔〕\n\
{index_line}\n\
# written: {today}                # 成文日期：不晚于发布日期\n\
# disclosure: 主动公开           # 公开属性：主动公开 · 依申请公开 · 不予公开（后两者不会出现在网站上）\n\
# disclosure_reason:             # 不公开理由：依申请公开或不予公开时必填\n\
# validity:                      # 有效性（规章、规范性文件应填写）\n\
#   effective: {today}            #   施行日期\n\
#   expires:                     #   有效期至（最后一个有效日）\n\
#   status:                      #   效力状态：废止 · 失效 · 已修改 · 部分失效\n\
#   date:                        #   状态日期（写了 status 时必填）\n\
#   basis:                       #   依据：宣布该状态的文件（发文字号或路径）\n\
#   replaced_by: []              #   替代文件\n\
#   reason:                      #   理由\n\
# gazette: {{year: {year}, issue: 1}}   # 刊登公报：年份、期号，可加 page\n\
# interprets:                    # 解读对象：政策解读必填，写原文件的发文字号\n\
# attachments:                   # 附件：文件放在本文件同一目录\n\
#   - file: 附件1.pdf\n\
#     title: {attachment_title}\n\
keywords: []                     # 主题词\n\
# abstract:                      # 内容概述\n\
# slug:                          # 网址名：默认取文件名\n\
# aliases: []                    # 旧网址：会自动跳转到本页\n\
draft: true                      # 草稿：改为 false 或删除本行后才会发布\n\
---\n\
{body}\n",
        year = today.year(),
        title = placeholders::TITLE_PLACEHOLDER,
        number_before = placeholders::DOC_NUMBER_PLACEHOLDER.0,
        number_after = placeholders::DOC_NUMBER_PLACEHOLDER.1,
        attachment_title = placeholders::ATTACHMENT_TITLE_PLACEHOLDER,
        body = placeholders::BODY_PLACEHOLDER,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_is_the_last_year_folder_of_the_path() {
        assert_eq!(year_in_path("xxgk/2024/gf-1.md"), Some(2024));
        assert_eq!(year_in_path("2019/xxgk/2023/a.md"), Some(2023));
        assert_eq!(
            year_in_path("xxgk/gf-2024-03.md"),
            None,
            "file names do not count"
        );
        assert_eq!(year_in_path("xxgk/12345/a.md"), None);
        assert_eq!(year_in_path("xxgk/1800/a.md"), None);
        assert_eq!(year_in_path("a.md"), None);
    }

    #[test]
    fn the_date_moves_into_the_path_year() {
        let d = |y, m, day| jiff::civil::date(y, m, day);
        assert_eq!(date_in_year(d(2026, 3, 1), 2026), d(2026, 3, 1));
        assert_eq!(date_in_year(d(2026, 3, 1), 2024), d(2024, 3, 1));
        assert_eq!(date_in_year(d(2024, 2, 29), 2023), d(2023, 2, 28));
    }

    #[test]
    fn only_year_and_issue_files_go_under_gazette() {
        assert_eq!(gazette_issue_of("gazette/2024/07.md").ok(), Some(Some(7)));
        assert_eq!(gazette_issue_of("xxgk/2024/07.md").ok(), Some(None));
        for bad in [
            "gazette/2024/x.md",
            "gazette/07.md",
            "gazette/2024/extra/07.md",
            "gazette/2024/0.md",
        ] {
            assert!(gazette_issue_of(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn skeleton_is_valid_front_matter() {
        let text = document_skeleton(
            "某某市教育局",
            jiff::civil::date(2024, 5, 31),
            Some("000000001/2024-00003"),
        );
        let fm = parse_front_matter(&text, "new.md").expect("parses");
        assert_eq!(fm.map.get("draft"), Some(&crate::yaml::Value::Bool(true)));
        assert_eq!(
            fm.map.get("index_number").and_then(|v| v.as_str()),
            Some("000000001/2024-00003")
        );
    }

    /// Deleting only `draft: true` leaves the placeholders, and check names
    /// each one: the skeleton's and check's texts are the same constants.
    #[test]
    fn an_unedited_skeleton_is_refused_line_by_line() {
        let text = document_skeleton("某某市教育局", jiff::civil::date(2024, 5, 31), None);
        let undrafted: String = text
            .lines()
            .filter(|l| !l.starts_with("draft:"))
            // the commented examples, written in as an editor would
            .map(|l| match l.strip_prefix("# doc_number:") {
                Some(rest) => format!("doc_number:{rest}\n"),
                None => match l {
                    "# attachments:                   # 附件：文件放在本文件同一目录" => {
                        "attachments:\n".to_string()
                    }
                    l if l.starts_with("#   - file:") || l.starts_with("#     title:") => {
                        format!("{}\n", &l[1..])
                    }
                    l => format!("{l}\n"),
                },
            })
            .collect();
        let fm = parse_front_matter(&undrafted, "content/new.md").expect("parses");
        let mut r = crate::parse::document::front_matter_reader("content/new.md", &fm)
            .with_source(&undrafted);
        placeholders::check_placeholders(&mut r, &fm);
        let found: Vec<(Option<&str>, Option<u32>)> = r
            .diags
            .iter()
            .map(|d| (d.field.as_deref(), d.line))
            .collect();
        let body_line = undrafted.lines().count() as u32;
        assert_eq!(
            found,
            [
                (Some("title"), Some(2)),
                (Some("doc_number"), Some(8)),
                (Some("attachments[0].title"), Some(25)),
                (None, Some(body_line)),
            ],
            "{undrafted}"
        );
        assert!(r.diags.iter().all(|d| d.code == "FM040"));
        // as written, a draft, it is fine
        let fm = parse_front_matter(&text, "content/new.md").expect("parses");
        let mut r = crate::parse::document::front_matter_reader("content/new.md", &fm);
        placeholders::check_placeholders(&mut r, &fm);
        assert!(r.diags.is_empty());
    }
}
