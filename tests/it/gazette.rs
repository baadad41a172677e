//! The gazette room (网上公报室): the `gazette` fixture (three years: 2022 an
//! issue with a whole-issue PDF, 2023 an issue with no file created from its
//! documents because the site opts in, 2024 an issue with sections and one
//! without documents) compared with expected output, plus each validation
//! error pinned on `invalid/gazette`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{
    assert_golden, bless, build_ok, diagnostic_headers, fixture, main_of, read_tree, run_in,
    temp_site,
};
use serde_json::Value;
use std::collections::BTreeMap;

fn text(tree: &BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    String::from_utf8(
        tree.get(rel)
            .unwrap_or_else(|| panic!("{rel} was not built"))
            .clone(),
    )
    .expect("UTF-8")
}

/// Byte offsets of `needles` in `hay`, asserting each is present.
fn positions(hay: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| hay.find(n).unwrap_or_else(|| panic!("{n} not found")))
        .collect()
}

fn is_sorted(v: &[usize]) -> bool {
    v.windows(2).all(|w| w[0] < w[1])
}

#[test]
fn fixture_gazette() {
    let site = temp_site("gazette");
    let out = site.path().join("public");
    let report = build_ok(site.path(), &out, false);
    assert_eq!(report.documents, 8);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let tree = read_tree(&out);

    // URL scheme: home, years, two-digit issues, print editions, data
    for rel in [
        "gazette/index.html",
        "gazette/2022/index.html",
        "gazette/2023/index.html",
        "gazette/2024/index.html",
        "gazette/2022/06/index.html",
        "gazette/2022/06/print/index.html",
        "gazette/2023/03/index.html",
        "gazette/2023/03/print/index.html",
        "gazette/2024/02/index.html",
        "gazette/2024/02/print/index.html",
        "gazette/2024/05/index.html",
        "gazette/gazette.json",
        "gazette/feed.xml",
        "assets/gazette-print.css",
    ] {
        assert!(tree.contains_key(rel), "{rel} was not built");
    }

    // the PDF is copied beside its issue page, its size and hash shown
    let pdf = std::fs::read(site.path().join("content/gazette/2022/2022-06.pdf")).unwrap();
    assert_eq!(tree["gazette/2022/06/2022-06.pdf"], pdf);
    let sha = sha256_hex(&pdf);
    let issue_2022 = text(&tree, "gazette/2022/06/index.html");
    assert!(
        issue_2022.contains(&sha)
            && issue_2022.contains(&format!("{pdf_len} B", pdf_len = pdf.len()))
    );
    assert!(issue_2022.contains("href=\"/gazette/2022/06/2022-06.pdf\" download"));

    // gazette.json: every issue, newest first, with contents in order
    let json: Value = serde_json::from_slice(&tree["gazette/gazette.json"]).unwrap();
    assert_eq!(json["name"], "松江市人民政府公报");
    let issues = json["issues"].as_array().unwrap();
    let keys: Vec<(u64, u64)> = issues
        .iter()
        .map(|i| (i["year"].as_u64().unwrap(), i["issue"].as_u64().unwrap()))
        .collect();
    assert_eq!(keys, [(2024, 5), (2024, 2), (2023, 3), (2022, 6)]);
    let created = &issues[2];
    assert_eq!(created["created_from_documents"], true);
    assert_eq!(created["total"], Value::Null);
    assert_eq!(created["published"], "2023-03-10", "newest document's date");
    let ids = |i: &Value| -> Vec<String> {
        i["contents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(created),
        ["xxgk/2023/szf-5", "xxgk/2023/jyj-3"],
        "page order"
    );
    // configured section order, empty sections left out, unsectioned last;
    // private and draft documents are in no issue
    assert_eq!(
        ids(&issues[1]),
        [
            "xxgk/2024/gz-95",
            "xxgk/2024/szf-2",
            "xxgk/2024/jyj-1",
            "xxgk/2024/bz-1"
        ]
    );
    assert_eq!(issues[3]["pdf"]["sha256"], sha.as_str());
    assert_eq!(issues[0]["contents"].as_array().unwrap().len(), 0);

    // issue page: sections in order with headings, entries linked, page numbers
    let issue = main_of(&text(&tree, "gazette/2024/02/index.html")).to_string();
    assert!(is_sorted(&positions(
        &issue,
        &[
            "<h3 class=\"gz-section\">市政府规章</h3>",
            "松江市城市绿化管理办法</a>",
            "<h3 class=\"gz-section\">市政府文件</h3>",
            "<h3 class=\"gz-section\">部门文件</h3>",
            "<h3 class=\"gz-section\">其他</h3>",
            "历史建筑名录",
        ]
    )));
    assert!(!issue.contains("人事任免"), "an empty section is not shown");
    assert!(issue.contains("href=\"/xxgk/2024/gz-95/\"") && issue.contains("第3页"));
    assert!(issue.contains("<h1>《松江市人民政府公报》2024年第2期（总第170期）</h1>"));
    assert!(
        issue.contains("<strong>松江市城市绿化管理办法</strong>"),
        "foreword"
    );
    // previous / next across years
    assert!(issue.contains("href=\"/gazette/2023/03/\" rel=\"prev\""));
    assert!(issue.contains("href=\"/gazette/2024/05/\" rel=\"next\""));
    assert!(!issue_2022.contains("rel=\"prev\""));
    assert!(!text(&tree, "gazette/2024/05/index.html").contains("rel=\"next\""));

    // home: latest issue highlighted, every year; year page: every issue of the year
    let home = main_of(&text(&tree, "gazette/index.html")).to_string();
    assert!(
        home.contains("最新一期")
            && home.contains("《松江市人民政府公报》2024年第5期（总第173期）")
    );
    assert!(is_sorted(&positions(
        &home,
        &["/gazette/2024/\"", "/gazette/2023/\"", "/gazette/2022/\""]
    )));
    let year = main_of(&text(&tree, "gazette/2024/index.html")).to_string();
    assert!(
        year.contains("总第173期") && year.contains("总第170期") && !year.contains("总第150期")
    );

    // the document page names the issue and links back
    let doc = main_of(&text(&tree, "xxgk/2024/gz-95/index.html")).to_string();
    assert!(doc.contains("刊登于<a href=\"/gazette/2024/02/\">《松江市人民政府公报》2024年第2期（总第170期）</a>，第3页"), "{doc}");
    let created_doc = main_of(&text(&tree, "xxgk/2023/jyj-3/index.html")).to_string();
    assert!(created_doc
        .contains("刊登于<a href=\"/gazette/2023/03/\">《松江市人民政府公报》2023年第3期</a>"));

    // print edition: every document in contents order, each on its own page,
    // body ids unique per document, running header with name and issue
    let print = text(&tree, "gazette/2024/02/print/index.html");
    assert!(print.contains("/assets/gazette-print.css"));
    assert!(print.contains(
        "@page { @top-center { content: \"《松江市人民政府公报》2024年第2期（总第170期）\"; } }"
    ));
    let print_main = main_of(&print);
    assert_eq!(
        print_main
            .matches("<article class=\"gz-print-doc\"")
            .count(),
        4
    );
    assert!(is_sorted(&positions(
        print_main,
        &[
            "id=\"doc-xxgk-2024-gz-95\"",
            "id=\"doc-xxgk-2024-szf-2\"",
            "id=\"doc-xxgk-2024-jyj-1\"",
            "id=\"doc-xxgk-2024-bz-1\"",
        ]
    )));
    assert!(
        print_main.contains("href=\"#doc-xxgk-2024-gz-95\""),
        "contents link to the documents"
    );
    let css = std::fs::read_to_string(
        crate::common::crate_root().join("themes/default/static/assets/gazette-print.css"),
    )
    .unwrap();
    assert!(css.contains(".gz-print-doc { break-before: page;"));
    let print_2022 = main_of(&text(&tree, "gazette/2022/06/print/index.html")).to_string();
    assert!(
        print_2022.contains("id=\"doc-xxgk-2022-gz-88-第一章-总则\""),
        "{print_2022}"
    );

    // Atom feed of issues, sitemap entries, navigation
    let feed = text(&tree, "gazette/feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 4);
    assert!(is_sorted(&positions(
        &feed,
        &["2024年第5期", "2024年第2期", "2023年第3期", "2022年第6期"]
    )));
    let sitemap = text(&tree, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://www.songjiang.example.gov.cn/gazette/2024/02/</loc><lastmod>2024-02-29</lastmod>"));
    assert!(
        sitemap.contains("<loc>https://www.songjiang.example.gov.cn/gazette/2024/02/print/</loc>")
    );
    assert!(text(&tree, "index.html").contains("href=\"/gazette/\">政府公报</a>"));

    // private and draft documents leak into no gazette output
    for (rel, bytes) in &tree {
        let s = String::from_utf8_lossy(bytes);
        assert!(
            !s.contains("QX-PRIVATE-CANARY") && !s.contains("内部事项"),
            "{rel}"
        );
        assert!(
            !s.contains("QX-DRAFT-CANARY") && !s.contains("草稿事项"),
            "{rel}"
        );
    }

    assert_golden(&out, &fixture("gazette/expected"));
}

#[test]
fn a_site_without_issues_has_no_gazette_room() {
    let site = temp_site("minimal");
    let out = site.path().join("public");
    build_ok(site.path(), &out, false);
    let tree = read_tree(&out);
    assert!(!tree.keys().any(|k| k.starts_with("gazette/")));
    assert!(!text(&tree, "index.html").contains("政府公报"));
}

#[test]
fn rejects_each_gazette_error_with_its_place() {
    let root = fixture("invalid/gazette");
    let (code, _, stderr) = run_in(&root, &["check"]);
    assert_eq!(code, 1);
    let expected_path = root.join("expected.txt");
    if bless() {
        std::fs::write(&expected_path, &stderr).unwrap();
    } else {
        assert_eq!(stderr, std::fs::read_to_string(&expected_path).unwrap());
    }
    let found: Vec<(String, String)> = diagnostic_headers(&stderr)
        .into_iter()
        .map(|(_, code, loc)| (code, loc))
        .collect();
    let want = [
        ("GZ003", "content/gazette/2024/01.md:5:1"),
        ("GZ002", "content/gazette/2024/02.md:4:1"),
        ("GZ005", "content/gazette/2024/03.md:3:1"),
        ("GZ004", "content/gazette/2024/04.md:6:1"),
        ("GZ001", "content/xxgk/a-no-issue-file.md:8:3"),
        ("GZ006", "content/xxgk/c-unknown-section.md:10:3"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect();
    assert_eq!(found, want);
    for needle in [
        "《某市人民政府公报》2024年第9期没有期次文件 content/gazette/2024/09.md",
        "gazette: {auto_create_issues: true}",
        "总期号 100 与 content/gazette/2024/01.md 重复",
        "出版日期 2024-01-10 早于所刊文件 content/xxgk/b-after-issue.md 的发布日期 2024-01-20",
        "找不到整期 PDF 文件 content/gazette/2024/2024-04.pdf",
        "2024年第2期已由 content/gazette/2024/02.md 描述",
        "是否想写 市政府文件？",
    ] {
        assert!(stderr.contains(needle), "missing “{needle}” in:\n{stderr}");
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
