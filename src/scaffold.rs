//! `gongkai init` (a new site that builds) and `gongkai new` (a new document
//! with every field prefilled and the next free 索引号).

use crate::config::SiteConfig;
use crate::load::{decode_text, CONTENT_DIR};
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
    /// The 索引号 it allocated, if the agency has a code.
    pub index_number: Option<String>,
}

/// Writes a new document at `path` (relative to the site root or to content/)
/// for `agency` (default: the first agency in site.yaml), dated `today`.
pub fn new_document(
    root: &Path,
    config: &SiteConfig,
    path: &str,
    agency: Option<&str>,
    today: Date,
) -> anyhow::Result<NewDocument> {
    let rel = path.trim_start_matches("./");
    let rel = rel.strip_prefix(&format!("{CONTENT_DIR}/")).unwrap_or(rel);
    let rel = if rel.ends_with(".md") {
        rel.to_string()
    } else {
        format!("{rel}.md")
    };
    if crate::parse::document::check_relative_file(&rel).is_err() {
        bail!("路径 {path} 无效：应是 content/ 下的相对路径，例如 content/xxgk/2024/gf-2024-01.md");
    }
    let target: PathBuf = root.join(CONTENT_DIR).join(&rel);
    if target.exists() {
        bail!("{} 已存在：new 不会覆盖已有文件", target.display());
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
    let year = i32::from(today.year());
    let index_number = code.as_deref().map(|code| {
        let used = used_serials(&root.join(CONTENT_DIR), config, code, year);
        config
            .index_number_pattern
            .compiled
            .format(code, year, used + 1)
    });
    let text = document_skeleton(&agency_name, today, index_number.as_deref());
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("无法创建目录 {}", parent.display()))?;
    }
    std::fs::write(&target, text).with_context(|| format!("无法写入 {}", target.display()))?;
    Ok(NewDocument {
        path: format!("{CONTENT_DIR}/{rel}"),
        index_number,
    })
}

/// The highest serial already used by `code` in `year` (0 when none). Reads
/// every document's front matter directly, so files with other errors still
/// count and a number is never handed out twice.
fn used_serials(content: &Path, config: &SiteConfig, code: &str, year: i32) -> u64 {
    let mut max = 0;
    for entry in WalkDir::new(content).into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
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

fn document_skeleton(agency: &str, today: Date, index_number: Option<&str>) -> String {
    let index_line = match index_number {
        Some(n) => format!("index_number: {n}        # 索引号：已自动分配，发布后不得更改"),
        None => "# index_number:                # 索引号：机构在 site.yaml 中没有 code，请手工填写"
            .to_string(),
    };
    format!(
        "---\n\
title: 关于……的通知              # 标题（必填）：只写主标题\n\
agency: {agency}        # 发布机构（必填）：site.yaml 中的机构全称\n\
category: 综合政务/政务公开      # 主题分类（必填）：一级 或 一级/二级\n\
published: {today}                # 发布日期（必填）：YYYY-MM-DD，可加 HH:MM\n\
doc_class: 其他文件              # 文件类别：规章 · 规范性文件 · 其他文件 · 政策解读 · 年度报告\n\
genre: 通知                      # 文种：决定 · 命令 · 公告 · 通告 · 意见 · 通知 · 通报 · 报告 · 批复 · 函 · 纪要\n\
# doc_number: 某政办发〔{year}〕1号   # 发文字号：年份用六角括号〔〕\n\
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
#     title: 附件1：……\n\
keywords: []                     # 主题词\n\
# abstract:                      # 内容概述\n\
# slug:                          # 网址名：默认取文件名\n\
# aliases: []                    # 旧网址：会自动跳转到本页\n\
draft: true                      # 草稿：改为 false 或删除本行后才会发布\n\
---\n\
（正文）\n",
        year = today.year()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
