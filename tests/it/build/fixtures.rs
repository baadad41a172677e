//! Fixture sites built with a pinned as-of date and compared with their
//! expected output (`tests/fixtures/<case>/expected/`): the file set must
//! match exactly, HTML pages are compared inside `<main>` only (the chrome
//! around it belongs to the theme), other files whole. `BLESS=1 cargo test`
//! rewrites expected/. Each case also asserts its key facts directly, so a
//! careless bless cannot hide a regression.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{assert_golden, build_ok, crate_root, fixture, main_of, read_tree, temp_site};
use serde_json::Value;
use std::collections::BTreeMap;

fn catalog_json(tree: &BTreeMap<String, Vec<u8>>) -> Vec<Value> {
    let json: Value = serde_json::from_slice(&tree["catalog.json"]).expect("catalog.json is JSON");
    json.as_array().expect("catalog.json is an array").clone()
}

fn record<'a>(records: &'a [Value], id: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in catalog.json"))
}

/// A built text file, with Tera's `&#x2F;` escape undone so URLs read plainly.
fn html(tree: &BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    let text = std::str::from_utf8(
        tree.get(rel)
            .unwrap_or_else(|| panic!("{rel} was not built")),
    )
    .expect("UTF-8");
    text.replace("&#x2F;", "/")
}

#[test]
fn minimal_site_uses_the_embedded_theme() {
    let site = temp_site("minimal");
    assert!(
        !site.path().join("themes").exists(),
        "the minimal fixture must not have a themes/ folder"
    );
    let out = site.path().join("public");
    let report = build_ok(site.path(), &out, false);
    assert_eq!(report.documents, 1);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);

    let tree = read_tree(&out);
    // The embedded copy of themes/default is what a bare site gets.
    // every static file of themes/default is compiled in and copied
    let statics = read_tree(&crate_root().join("themes/default/static"));
    assert!(statics.contains_key("assets/site.css"));
    for (rel, bytes) in &statics {
        assert_eq!(tree.get(rel), Some(bytes), "{rel} is missing or differs from themes/default/static/{rel}: is it in the embedded list?");
    }
    let page = html(&tree, "xxgk/tongzhi-1/index.html");
    assert!(main_of(&page).contains("某市人民政府办公室关于做好2024年政务公开工作的通知"));
    // base_url without a trailing slash still gives absolute URLs under it
    assert!(html(&tree, "sitemap.xml")
        .contains("<loc>https://min.example.gov.cn/xxgk/tongzhi-1/</loc>"));

    assert_golden(&out, &fixture("minimal/expected"));
}

#[test]
fn catalog_site_matches_expected_output() {
    let site = temp_site("catalog");
    let out = site.path().join("public");
    let report = build_ok(site.path(), &out, false);
    assert_eq!(report.documents, 9);
    // gf-2023-02 lapsed by date without a declared status: the one warning
    let warnings: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.file.as_str()))
        .collect();
    assert_eq!(warnings, [("VA001", "content/xxgk/2023/gf-2023-02.md")]);
    let tree = read_tree(&out);

    // validity at 2025-01-01, decided from the declared state and the dates
    let records = catalog_json(&tree);
    assert_eq!(records.len(), 9);
    let status = |id: &str| record(&records, id)["status"].as_str().unwrap().to_string();
    assert_eq!(status("xxgk/2023/gf-2023-01"), "废止");
    assert_eq!(status("xxgk/2023/gf-2023-02"), "到期失效");
    assert_eq!(status("xxgk/2024/gf-2024-05"), "尚未生效");
    assert_eq!(status("xxgk/2024/gf-2024-02"), "有效");
    assert_eq!(status("xxgk/2023/gz-1"), "有效");
    let classes: std::collections::BTreeSet<&str> = records
        .iter()
        .map(|r| r["doc_class"].as_str().unwrap())
        .collect();
    assert_eq!(classes.len(), 5, "all five document classes: {classes:?}");
    // newest first
    let published: Vec<&str> = records
        .iter()
        .map(|r| r["published"].as_str().unwrap())
        .collect();
    let mut sorted = published.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(published, sorted);

    // relations resolve both ways and use the base path
    let repealed = record(&records, "xxgk/2023/gf-2023-01");
    assert_eq!(
        repealed["basis"],
        "https://www.linjiang.gov.cn/xxgk/xxgk/2024/jueding-3/"
    );
    assert_eq!(
        repealed["replaced_by"][0],
        "https://www.linjiang.gov.cn/xxgk/xxgk/2024/gf-2024-02/"
    );
    let repealed_page = main_of(&html(&tree, "xxgk/2023/gf-2023-01/index.html")).to_string();
    assert!(
        repealed_page.contains("href=\"/xxgk/xxgk/2024/jueding-3/\""),
        "repealed page links its basis"
    );
    assert!(
        repealed_page.contains("href=\"/xxgk/xxgk/2024/gf-2024-02/\""),
        "repealed page links its replacement"
    );
    let decision = main_of(&html(&tree, "xxgk/2024/jueding-3/index.html")).to_string();
    assert!(
        decision.contains("href=\"/xxgk/xxgk/2023/gf-2023-01/\""),
        "the decision links what it repealed"
    );
    let original = main_of(&html(&tree, "xxgk/2024/gf-2024-02/index.html")).to_string();
    assert!(
        original.contains("href=\"/xxgk/xxgk/2024/jd-2024-01/\""),
        "the original links its interpretation"
    );
    let interpretation = main_of(&html(&tree, "xxgk/2024/jd-2024-01/index.html")).to_string();
    assert!(
        interpretation.contains("href=\"/xxgk/xxgk/2024/gf-2024-02/\""),
        "the interpretation links its original"
    );
    assert_eq!(
        record(&records, "xxgk/2024/jd-2024-01")["interprets"],
        "https://www.linjiang.gov.cn/xxgk/xxgk/2024/gf-2024-02/"
    );

    // pagination: 9 documents at 5 per page
    assert!(tree.contains_key("catalog/all/index.html"));
    assert!(tree.contains_key("catalog/all/page/2/index.html"));
    assert!(!tree.contains_key("catalog/all/page/3/index.html"));
    // catalog dimensions, including second-level categories
    for rel in [
        "catalog/category/zhzw/index.html",
        "catalog/category/zhzw/zwgk/index.html",
        "catalog/category/zhzw/yjgl/index.html",
        "catalog/category/kjjy/jy/index.html",
        "catalog/category/kjjy/kj/index.html",
        "catalog/agency/szf/index.html",
        "catalog/agency/szfbgs/index.html",
        "catalog/agency/jyj/index.html",
        "catalog/year/2023/index.html",
        "catalog/year/2024/index.html",
        "catalog/class/gz/index.html",
        "catalog/class/gfxwj/index.html",
        "catalog/class/qtwj/index.html",
        "catalog/class/zcjd/index.html",
        "catalog/class/ndbg/index.html",
        "guide/index.html",
    ] {
        assert!(tree.contains_key(rel), "{rel} was not built");
    }

    // the attachment is copied byte for byte, with its hash on the page and in the data
    let pdf = std::fs::read(site.path().join("content/xxgk/2024/fj-2024-02-1.pdf")).unwrap();
    assert_eq!(tree["xxgk/2024/gf-2024-02/fj-2024-02-1.pdf"], pdf);
    let sha = sha256_hex(&pdf);
    assert!(
        original.contains(&sha),
        "the document page shows the attachment's SHA-256"
    );
    assert_eq!(
        record(&records, "xxgk/2024/gf-2024-02")["attachments"][0]["sha256"],
        sha.as_str()
    );

    // the alias redirects to the document's current URL
    let alias = html(&tree, "old/jyj/2024-2.html");
    assert!(alias.contains("url=/xxgk/xxgk/2024/gf-2024-02/"), "{alias}");

    assert_golden(&out, &fixture("catalog/expected"));
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn theme_override_replaces_only_the_document_template() {
    let site = temp_site("theme-override");
    let out = site.path().join("public");
    build_ok(site.path(), &out, false);
    let custom = read_tree(&out);

    // the same site with the default theme, for comparison
    let plain = tempfile::tempdir().unwrap();
    crate::common::copy_site_to(&fixture("theme-override"), plain.path());
    let yaml = std::fs::read_to_string(plain.path().join("site.yaml"))
        .unwrap()
        .replace("theme: custom", "theme: default");
    std::fs::write(plain.path().join("site.yaml"), yaml).unwrap();
    let plain_out = plain.path().join("public");
    build_ok(plain.path(), &plain_out, false);
    let default = read_tree(&plain_out);

    assert_eq!(
        custom.keys().collect::<Vec<_>>(),
        default.keys().collect::<Vec<_>>(),
        "same pages either way"
    );
    let documents = ["xxgk/a/index.html", "xxgk/b/index.html"];
    for rel in documents {
        let page = html(&custom, rel);
        assert!(
            page.contains("data-template=\"custom-document\""),
            "{rel} does not use the override"
        );
        assert!(
            page.contains("发文字号：") && page.contains("有效性：有效"),
            "{rel}: override rendered without its values"
        );
        assert!(!html(&default, rel).contains("custom-document"));
    }
    assert!(html(&custom, "xxgk/a/index.html").contains("某政发〔2024〕6号"));
    let mut other_pages = 0;
    for (rel, bytes) in &custom {
        if documents.contains(&rel.as_str()) {
            continue;
        }
        assert_eq!(
            bytes, &default[rel],
            "{rel} should be rendered by the default theme"
        );
        assert!(
            !String::from_utf8_lossy(bytes).contains("custom-document"),
            "{rel}"
        );
        other_pages += usize::from(rel.ends_with(".html"));
    }
    assert!(
        other_pages >= 5,
        "only {other_pages} other pages were compared"
    );

    assert_golden(&out, &fixture("theme-override/expected"));
}

/// Every Atom feed of the fixture sites with all three (the site's, the
/// status changes', the gazette's) parses as XML, and every timestamp in
/// it is China Standard Time.
#[test]
fn every_feed_is_well_formed_and_in_china_standard_time() {
    for case in ["catalog", "gazette"] {
        let site = temp_site(case);
        let out = site.path().join("public");
        build_ok(site.path(), &out, false);
        let tree = read_tree(&out);
        let feeds: Vec<&String> = tree
            .iter()
            .filter(|(_, bytes)| {
                String::from_utf8_lossy(bytes).contains("xmlns=\"http://www.w3.org/2005/Atom\"")
            })
            .map(|(rel, _)| rel)
            .collect();
        assert_eq!(
            feeds,
            ["feed.xml", "gazette/feed.xml", "validity/changes.xml"],
            "{case}"
        );
        for rel in feeds {
            let text = std::str::from_utf8(&tree[rel]).expect("UTF-8");
            let xml = roxmltree::Document::parse(text)
                .unwrap_or_else(|e| panic!("{case}/{rel} is not well-formed XML: {e}"));
            let root = xml.root_element();
            assert_eq!(root.tag_name().name(), "feed", "{case}/{rel}");
            let stamps: Vec<&str> = root
                .descendants()
                .filter(|n| n.has_tag_name("updated"))
                .map(|n| n.text().unwrap_or(""))
                .collect();
            assert!(!stamps.is_empty(), "{case}/{rel} has no <updated>");
            for stamp in stamps {
                // YYYY-MM-DDThh:mm:ss+08:00
                let (day, time) = stamp.split_once('T').unwrap_or((stamp, ""));
                assert!(
                    day.len() == 10 && time.len() == 14 && time.ends_with("+08:00"),
                    "{case}/{rel}: <updated>{stamp}</updated> is not China Standard Time"
                );
            }
        }
    }
}
