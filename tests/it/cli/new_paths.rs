//! `gongkai new` follows the path it is given: the year of a `…/2024/…`
//! folder dates the document and its 索引号, a gazette path gets a gazette
//! issue that passes check, a pages path a column page, and a path outside
//! content/ is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::run_in;
use std::path::Path;

/// A fresh `gongkai init` site (as-of 2025-01-01: its example is
/// 000000001/2025-00001).
fn new_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let (code, _, stderr) = run_in(tmp.path(), &["init", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    (tmp, site)
}

fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn value_of(text: &str, key: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no {key}: in\n{text}"));
    line[key.len() + 1..]
        .split('#')
        .next()
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn the_year_comes_from_the_path_and_the_as_of_year_only_without_one() {
    let (_tmp, site) = new_site();
    let (code, stdout, stderr) = run_in(&site, &["new", "content/xxgk/2024/a.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "已创建 content/xxgk/2024/a.md（索引号 000000001/2024-00001）。填写后删除 draft: true 即可发布。\n"
    );
    let text = read(&site, "content/xxgk/2024/a.md");
    assert_eq!(value_of(&text, "index_number"), "000000001/2024-00001");
    assert_eq!(value_of(&text, "published"), "2024-01-01");
    // the 文号 placeholder (FM040 if left in) and its example carry the year
    assert!(text.contains("# doc_number: ……〔2024〕……号"), "{text}");
    assert!(text.contains("如 某政办发〔2024〕1号"), "{text}");
    assert!(text.contains("# written: 2024-01-01"), "{text}");
    // no year in the path: the as-of year, after init's 2025-00001
    let (code, _, stderr) = run_in(&site, &["new", "content/xxgk/b.md"]);
    assert_eq!(code, 0, "{stderr}");
    let text = read(&site, "content/xxgk/b.md");
    assert_eq!(value_of(&text, "index_number"), "000000001/2025-00002");
    assert_eq!(value_of(&text, "published"), "2025-01-01");
    let (code, _, stderr) = run_in(&site, &["check", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_gazette_path_gets_an_issue_that_passes_check() {
    let (_tmp, site) = new_site();
    let (code, stdout, stderr) = run_in(&site, &["new", "content/gazette/2024/07.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "已创建 content/gazette/2024/07.md（公报 2024年第7期）。核对出版日期和总期号；生成网站时发布。\n"
    );
    let first = read(&site, "content/gazette/2024/07.md");
    assert_eq!(value_of(&first, "year"), "2024");
    assert_eq!(value_of(&first, "issue"), "7");
    assert_eq!(value_of(&first, "published"), "2024-01-01");
    assert!(
        !first.contains("\ntotal:") && !first.contains("draft"),
        "{first}"
    );
    let (code, stdout, stderr) = run_in(&site, &["check", "--strict"]);
    assert_eq!(code, 0, "{stdout}{stderr}");

    // the next issue continues the 总期号 and the sections of the latest one
    std::fs::write(
        site.join("content/gazette/2024/07.md"),
        first.replace("# total:", "total: 41").replace(
            "# sections: [市政府规章, 市政府文件, 部门文件]",
            "sections: [市政府令, 部门文件]",
        ),
    )
    .unwrap();
    let (code, _, stderr) = run_in(&site, &["new", "content/gazette/2025/1"]);
    assert_eq!(code, 0, "{stderr}");
    let next = read(&site, "content/gazette/2025/1.md");
    assert_eq!(value_of(&next, "published"), "2025-01-01");
    assert_eq!(value_of(&next, "total"), "42");
    assert_eq!(value_of(&next, "sections"), "[市政府令, 部门文件]");
    // a document carried in it checks against it
    let doc = read(&site, "content/xxgk/2025/example.md").replace(
        "keywords:",
        "gazette: {year: 2025, issue: 1, section: 部门文件}\nkeywords:",
    );
    std::fs::write(site.join("content/xxgk/2025/example.md"), doc).unwrap();
    let (code, stdout, stderr) = run_in(&site, &["check", "--strict"]);
    assert_eq!(code, 0, "{stdout}{stderr}");

    // only issue files go under gazette/
    let (code, _, stderr) = run_in(&site, &["new", "content/gazette/2024/notice.md"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("错误：路径 content/gazette/2024/notice.md 不是公报期次文件：content/gazette/ 下只放期次文件，写作 content/gazette/年份/期号.md"),
        "{stderr}"
    );
    assert!(!site.join("content/gazette/2024/notice.md").exists());
}

/// A column page is no document: no agency, 索引号 or 发布日期 of a
/// document's. As written it is a draft; without `draft: true` its two
/// placeholders are errors; written, it passes `check --strict`.
#[test]
fn a_pages_path_gets_a_column_page_template() {
    let (_tmp, site) = new_site();
    let (code, stdout, stderr) = run_in(&site, &["new", "content/pages/about.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "已创建栏目页面 content/pages/about.md。填写后删除 draft: true 即可发布。\n"
    );
    let page = read(&site, "content/pages/about.md");
    for key in ["agency", "category", "index_number", "doc_class"] {
        assert!(!page.contains(&format!("{key}:")), "{key} in\n{page}");
    }
    for (key, _) in gongkai::field_names::PAGE_KEYS {
        assert!(page.contains(&format!("{key}:")), "no {key} in\n{page}");
    }
    let (code, stdout, stderr) = run_in(&site, &["check", "--strict"]);
    assert_eq!(code, 0, "a draft passes: {stdout}{stderr}");
    assert!(stdout.contains("（另有 1 份草稿未发布）"), "{stdout}");

    let undrafted: String = page
        .lines()
        .filter(|l| !l.starts_with("draft:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(site.join("content/pages/about.md"), &undrafted).unwrap();
    let (code, _, stderr) = run_in(&site, &["check", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    let placeholders: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("错误[FM040] content/pages/about.md:"))
        .collect();
    assert_eq!(placeholders.len(), 2, "{stderr}");
    assert!(
        placeholders[0].starts_with("错误[FM040] content/pages/about.md:2:8  字段 title（标题）：“……” 是 `gongkai new` 模板的占位文字，还没有改写"),
        "{stderr}"
    );
    assert!(
        placeholders[1].contains("正文中的 “（正文）” 是 `gongkai new` 模板的占位文字"),
        "{stderr}"
    );
    assert!(
        stderr.contains("应为：写出页面的标题，例如 政府信息公开指南"),
        "{stderr}"
    );

    let written = undrafted
        .replace("title: ……", "title: 关于本站")
        .replace("（正文）", "本站由某某市人民政府办公室主办。");
    std::fs::write(site.join("content/pages/about.md"), written).unwrap();
    let (code, stdout, stderr) = run_in(&site, &["check", "--strict"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, _, stderr) = run_in(&site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let html = read(&site, "public/about/index.html");
    assert!(html.contains("关于本站") && html.contains("本站由某某市人民政府办公室主办。"));
}

#[test]
fn a_path_outside_content_is_refused_with_where_files_go() {
    let (_tmp, site) = new_site();
    let (code, stdout, stderr) = run_in(&site, &["new", "notcontent/x.md"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "错误：路径 notcontent/x.md 不在 content/ 下：网站的文件都放在网站根目录的 content/ 中，路径从网站根目录写起，例如 content/xxgk/2024/gf-2024-01.md（是否想写 content/notcontent/x.md？）\n"
    );
    assert!(!site.join("notcontent").exists() && !site.join("content/notcontent").exists());
    // an absolute path inside the site's content/ is fine, one elsewhere is not
    let inside = site.join("content/xxgk/abs.md");
    let (code, _, stderr) = run_in(&site, &["new", inside.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(inside.is_file());
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("x.md");
    let (code, _, stderr) = run_in(&site, &["new", outside.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("不在网站目录"), "{stderr}");
    assert!(!outside.exists());
}
