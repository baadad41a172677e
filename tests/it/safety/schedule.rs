//! Scheduled publication: a document, column page or gazette issue dated
//! after the as-of date is in no output file until that date (not its page,
//! a list, a count, a feed, the sitemap, the search index or an export);
//! `check` and `build` list it with its date; `--future` previews it marked
//! 未到发布日期; on its date it is published like any other, unmarked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{read_tree, run_in, write, AS_OF};
use std::collections::BTreeMap;
use std::path::Path;

const LATER_TITLE: &str = "关于暂缓公布的甲事项的通知";
const LATER_NUMBER: &str = "某政发〔2025〕7号";
const LATER_INDEX: &str = "000000000/2025-00077";
const PAGE_TITLE: &str = "将来开设的栏目页面";
const FOREWORD: &str = "本期导读尚未到出版日期";
const MARKER: &str = "未到发布日期";

/// A site with one document published before the as-of date (2025-01-01)
/// that interprets one dated after it, a column page and a gazette issue
/// dated after it too.
fn site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write(
        root.join("site.yaml"),
        "title: 测试站\nbase_url: https://www.example.gov.cn/\ngazette:\n  name: 某市人民政府公报\n",
    );
    write(
        root.join("content/xxgk/now.md"),
        format!("---\ntitle: 已发布的解读\nagency: 某市人民政府办公室\ncategory: 综合政务/政务公开\npublished: 2024-12-01\ndoc_class: 政策解读\ninterprets: {LATER_NUMBER}\n---\n今天就公开。\n"),
    );
    write(
        root.join("content/xxgk/later.md"),
        format!("---\ntitle: {LATER_TITLE}\nagency: 某市人民政府办公室\ncategory: 综合政务/政务公开\npublished: 2025-03-01\ndoc_number: {LATER_NUMBER}\nindex_number: {LATER_INDEX}\ngazette:\n  year: 2025\n  issue: 3\nattachments:\n  - file: later-fj.pdf\n    title: 附件\n---\n正文含有 zqxjkvlater 一词。\n"),
    );
    write(root.join("content/xxgk/later-fj.pdf"), b"%PDF-1.4 later\n");
    write(
        root.join("content/pages/plan.md"),
        format!("---\ntitle: {PAGE_TITLE}\ncolumn: guide\npublished: 2025-02-01\n---\n栏目正文 zqxjkvpage。\n"),
    );
    write(
        root.join("content/gazette/2025/03.md"),
        format!("---\nyear: 2025\nissue: 3\ntotal: 77\npublished: 2025-03-05\n---\n{FOREWORD}。\n"),
    );
    site
}

/// Every output file that contains `needle`.
fn files_containing(tree: &BTreeMap<String, Vec<u8>>, needle: &str) -> Vec<String> {
    tree.iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(rel, _)| rel.clone())
        .collect()
}

fn text(tree: &BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    String::from_utf8(tree[rel].clone()).unwrap()
}

/// Every `<updated>` and `<lastmod>` date in a feed or sitemap.
fn dates_in(xml: &str, tag: &str) -> Vec<String> {
    xml.split(&format!("<{tag}>"))
        .skip(1)
        .map(|rest| rest[..10].to_string())
        .collect()
}

fn build(root: &Path, extra: &[&str]) -> (BTreeMap<String, Vec<u8>>, String, String) {
    let mut args = extra.to_vec();
    args.push("build");
    let (code, stdout, stderr) = run_in(root, &args);
    assert_eq!(code, 0, "{stdout}{stderr}");
    (read_tree(&root.join("public")), stdout, stderr)
}

#[test]
fn what_is_dated_after_the_as_of_date_is_in_no_output_file() {
    let site = site();
    let (tree, stdout, stderr) = build(site.path(), &[]);
    assert!(tree.contains_key("xxgk/now/index.html"));
    for needle in [
        LATER_TITLE,
        LATER_NUMBER,
        LATER_INDEX,
        "xxgk/later",
        "later-fj",
        "zqxjkvlater",
        PAGE_TITLE,
        "plan/",
        "zqxjkvpage",
        FOREWORD,
        "gazette/2025/03",
        "2025年第3期",
        MARKER,
    ] {
        assert_eq!(
            files_containing(&tree, needle),
            Vec::<String>::new(),
            "“{needle}” is published before its date"
        );
    }
    // The counts agree: one document in the catalog, the exports and search.
    let catalog: serde_json::Value = serde_json::from_slice(&tree["catalog.json"]).unwrap();
    assert_eq!(catalog.as_array().unwrap().len(), 1);
    assert_eq!(text(&tree, "catalog.csv").lines().count(), 2, "header + 1");
    let search: serde_json::Value = serde_json::from_slice(&tree["search/index.json"]).unwrap();
    assert_eq!(search["docs"], 1, "{search}");
    // Nothing dated after the as-of date: the feeds' <updated> and the sitemap.
    for feed in ["feed.xml", "validity/changes.xml"] {
        for date in dates_in(&text(&tree, feed), "updated") {
            assert!(date.as_str() <= AS_OF, "{feed} is updated {date}");
        }
    }
    for date in dates_in(&text(&tree, "sitemap.xml"), "lastmod") {
        assert!(date.as_str() <= AS_OF, "sitemap lastmod {date}");
    }
    // The build lists what waits, with its date.
    assert!(
        stdout.contains("未到发布日期：3 项，到期前不发布"),
        "{stdout}"
    );
    for line in [
        format!("2025-02-01  栏目页面  {PAGE_TITLE}  content/pages/plan.md"),
        format!("2025-03-01  文件  {LATER_TITLE}  content/xxgk/later.md"),
        "2025-03-05  公报期次  《某市人民政府公报》2025年第3期  content/gazette/2025/03.md"
            .to_string(),
    ] {
        assert!(stdout.contains(&line), "missing “{line}” in:\n{stdout}");
    }
    // The interpretation's link to its original waits too: a warning for the
    // editor (who may see the title and date), nothing on the page.
    assert!(
        stderr.contains("警告[SCH001] content/xxgk/now.md:7:1")
            && stderr.contains("content/xxgk/later.md，该文件 2025-03-01 才发布"),
        "{stderr}"
    );
}

#[test]
fn check_lists_what_is_scheduled_and_when() {
    let site = site();
    let (code, stdout, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("检查通过：1 份公开文件"), "{stdout}");
    assert!(
        stdout.contains("未到发布日期：3 项")
            && stdout.contains(&format!(
                "2025-03-01  文件  {LATER_TITLE}  content/xxgk/later.md"
            )),
        "{stdout}"
    );
    let (code, stdout, _) = run_in(site.path(), &["check", "--format", "github"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("::notice file=content/xxgk/later.md::文件“关于暂缓公布的甲事项的通知”未到发布日期，2025-03-01 发布"),
        "{stdout}"
    );
    // --strict: the SCH001 warning fails the content repository's CI.
    let (code, _, stderr) = run_in(site.path(), &["check", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn future_previews_everything_marked_and_its_date_publishes_it_unmarked() {
    let site = site();
    let (tree, stdout, stderr) = build(site.path(), &["--future"]);
    assert!(stdout.contains("已按 --future 预览生成"), "{stdout}");
    let marked = |rel: &str, date: &str| {
        let page = text(&tree, rel);
        assert!(
            crate::common::main_of(&page).contains(&format!("{MARKER}（{date} 发布）")),
            "{rel} has no marker:\n{}",
            crate::common::main_of(&page)
        );
    };
    marked("xxgk/later/index.html", "2025-03-01");
    marked("catalog/all/index.html", "2025-03-01");
    marked("plan/index.html", "2025-02-01");
    marked("gazette/2025/03/index.html", "2025-03-05");
    assert!(tree.contains_key("xxgk/later/later-fj.pdf"));
    // With both published the link is there and the warning is gone.
    assert!(text(&tree, "xxgk/now/index.html").contains("/xxgk/later/"));
    assert!(!stderr.contains("SCH001"), "{stderr}");
    // The published document's own page is not marked.
    assert!(!crate::common::main_of(&text(&tree, "xxgk/now/index.html")).contains(MARKER));

    // On release day (over the preview's output) everything is published,
    // and no page keeps the preview's marker.
    let root = site.path().to_str().unwrap();
    let (code, stdout, stderr) =
        crate::common::run(&["--root", root, "--as-of", "2025-03-05", "build"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stdout.contains(MARKER), "{stdout}");
    let tree = read_tree(&site.path().join("public"));
    assert_eq!(files_containing(&tree, MARKER), Vec::<String>::new());
    for rel in [
        "xxgk/later/index.html",
        "plan/index.html",
        "gazette/2025/03/index.html",
        "xxgk/later/later-fj.pdf",
    ] {
        assert!(tree.contains_key(rel), "{rel} is not published on its date");
    }
    assert!(text(&tree, "xxgk/now/index.html").contains("/xxgk/later/"));
}

#[test]
fn a_scheduled_documents_own_references_are_checked_now() {
    let site = site();
    write(
        site.path().join("content/xxgk/later2.md"),
        "---\ntitle: 将来发布的解读\nagency: 某市人民政府办公室\ncategory: 综合政务/政务公开\npublished: 2025-04-01\ndoc_class: 政策解读\ninterprets: 某政发〔2024〕404号\n---\n正文\n",
    );
    // On its date the build would fail: so does check today.
    let (code, stdout, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("错误[XR004] content/xxgk/later2.md:7:1")
            && stderr.contains("找不到 “某政发〔2024〕404号” 所指的文件"),
        "{stderr}"
    );
}

#[test]
fn a_basis_not_yet_published_is_still_an_error() {
    let site = site();
    write(
        site.path().join("content/xxgk/old.md"),
        format!("---\ntitle: 被废止的办法\nagency: 某市人民政府办公室\ncategory: 综合政务/政务公开\npublished: 2020-01-01\ndoc_class: 规范性文件\nvalidity:\n  status: 废止\n  date: 2024-12-01\n  basis: {LATER_NUMBER}\n---\n正文\n"),
    );
    let (code, stdout, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("错误[XR009] content/xxgk/old.md"),
        "{stderr}"
    );
}
