//! The inspection of a government website (政府网站与政务新媒体检查指标),
//! run over the built demo: every page carries the 指引's 网页元数据 with
//! the right values, the footer shows the site's identity, the home page
//! has the 找错 entry, the 网站地图 links every column and list, and no
//! folder that holds pages is without a page of its own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{build_ok, crate_root, main_of, read_tree};
use std::collections::{BTreeMap, BTreeSet};

fn demo() -> BTreeMap<String, String> {
    let out = tempfile::tempdir().unwrap();
    build_ok(&crate_root(), &out.path().join("public"), false);
    read_tree(&out.path().join("public"))
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// The `content` of `<meta name="{name}">`, if the page has it.
fn meta<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let tag = format!("<meta name=\"{name}\" content=\"");
    let start = html.find(&tag)? + tag.len();
    html[start..].split_once('"').map(|(value, _)| value)
}

fn is_redirect(html: &str) -> bool {
    html.contains("http-equiv=\"refresh\"")
}

#[test]
fn the_built_demo_passes_the_inspection() {
    let pages = demo();

    // 1. No folder without a page: every folder above a page has its own.
    let folders: BTreeSet<String> = pages
        .keys()
        .flat_map(|rel| {
            rel.match_indices('/')
                .map(|(i, _)| rel[..=i].to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let bare: Vec<&String> = folders
        .iter()
        .filter(|f| !pages.contains_key(&format!("{f}index.html")))
        .filter(|f| !f.starts_with("old/") && !f.starts_with("assets/"))
        .collect();
    assert!(bare.is_empty(), "folders without a page: {bare:?}");
    for folder in [
        "xxgk/",
        "xxgk/2024/",
        "catalog/category/",
        "catalog/all/page/",
        "validity/",
    ] {
        let html = &pages[&format!("{folder}index.html")];
        assert!(!is_redirect(html), "{folder} is a bare redirect");
    }
    let year = main_of(&pages["xxgk/2024/index.html"]);
    assert!(year.contains("href=\"/xxgk/2024/gf-2024-01/\""), "{year}");
    let xxgk = main_of(&pages["xxgk/index.html"]);
    assert!(
        xxgk.contains("<a href=\"/xxgk/2024/\">2024年</a>"),
        "{xxgk}"
    );

    // 2. 网页元数据: the site level on every page, the column level on the
    // pages of a column, the content level on documents.
    for (rel, html) in &pages {
        if is_redirect(html) {
            continue;
        }
        assert_eq!(
            meta(html, "SiteName"),
            Some("清河市人民政府信息公开"),
            "{rel}"
        );
        assert_eq!(meta(html, "SiteDomain"), Some("www.qinghe.gov.cn"), "{rel}");
        assert_eq!(meta(html, "SiteIDCode"), Some("3208000001"), "{rel}");
        let in_column = rel.starts_with("xxgk/") || rel.starts_with("catalog/");
        if in_column {
            assert!(
                meta(html, "ColumnName").is_some(),
                "{rel} has no ColumnName"
            );
            assert!(
                meta(html, "ColumnType").is_some(),
                "{rel} has no ColumnType"
            );
        }
    }
    let doc = &pages["xxgk/2024/gf-2024-01/index.html"];
    for (name, value) in [
        (
            "ArticleTitle",
            "清河市人民政府关于修改《清河市人才安居办法》的决定",
        ),
        ("PubDate", "2024-03-20 00:00"),
        ("ContentSource", "清河市人民政府"),
        ("Keywords", "人才安居,修改决定,租房补贴"),
        ("Url", "https://www.qinghe.gov.cn/xxgk/2024/gf-2024-01/"),
        ("ColumnName", "规范性文件"),
        ("ColumnType", "文件资料"),
    ] {
        assert_eq!(meta(doc, name), Some(value), "{name}");
    }
    // one description only (HTML allows one, whatever its case)
    assert_eq!(
        doc.to_lowercase()
            .matches("<meta name=\"description\"")
            .count(),
        1
    );
    let guide = &pages["guide/index.html"];
    assert_eq!(meta(guide, "ColumnName"), Some("政府信息公开指南"));
    assert_eq!(meta(guide, "ColumnType"), Some("信息公开目录"));
    assert_eq!(meta(guide, "ArticleTitle"), None);
    assert_eq!(
        meta(&pages["stats/index.html"], "ColumnType"),
        Some("数据发布")
    );
    let interpretation = pages
        .iter()
        .find(|(rel, _)| rel.contains("/jd-"))
        .map(|(_, html)| html)
        .unwrap();
    assert_eq!(meta(interpretation, "ColumnType"), Some("政策解读"));

    // 3. The footer on every page, its 找错 link carrying the page's address.
    for (rel, html) in &pages {
        if is_redirect(html) {
            continue;
        }
        for needle in [
            "网站标识码：3208000001",
            "主办单位：清河市人民政府办公室",
            "<a href=\"https://beian.miit.gov.cn/\">苏ICP备12345678号-1</a>",
            "href=\"http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=32080202000001\"",
            "alt=\"党政机关网站标识\"",
            "href=\"https://bszs.conac.cn/sitename?method=show&amp;id=",
            "<a href=\"/wzdt/\">网站地图</a>",
            "联系电话：0517-12345678",
        ] {
            assert!(html.contains(needle), "{rel}: no {needle}");
        }
        if rel != "404.html" {
            let page_url = match rel.strip_suffix("index.html") {
                Some(dir) => format!(
                    "https%3A%2F%2Fwww.qinghe.gov.cn%2F{}",
                    dir.replace('/', "%2F")
                ),
                None => continue,
            };
            let link = format!(
                "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3208000001&amp;url={page_url}\""
            );
            assert!(html.contains(&link), "{rel}: no 找错 link {link}");
        }
    }

    // 4. The home page's own 找错 entry.
    let home = main_of(&pages["index.html"]);
    assert!(home.contains("class=\"error-report\"") && home.contains("我为政府网站找错"));

    // 5. The 网站地图 links every column of the navigation and every list.
    let site_map = main_of(&pages["wzdt/index.html"]);
    for href in [
        "/catalog/",
        "/guide/",
        "/system/",
        "/statutory/",
        "/reports/",
        "/validity/expired/",
        "/validity/valid/",
        "/stats/",
        "/gazette/",
        "/catalog/all/",
        "/catalog/category/",
        "/catalog/agency/",
        "/catalog/year/",
        "/catalog/class/",
        "/xxgk/2024/",
    ] {
        assert!(
            site_map.contains(&format!("href=\"{href}\"")),
            "网站地图 lacks {href}"
        );
    }
    for rel in pages.keys() {
        let list = rel.strip_suffix("index.html").unwrap_or(rel);
        let is_list = list.starts_with("catalog/") && !list.contains("/page/");
        if is_list {
            assert!(
                site_map.contains(&format!("href=\"/{list}\"")),
                "网站地图 lacks /{list}"
            );
        }
    }

    // 6. Every link can be followed by a crawler: none is `#` or a script.
    for (rel, html) in &pages {
        assert!(
            !html.contains("href=\"#\"") && !html.contains("href=\"javascript:"),
            "{rel}"
        );
    }
}

#[test]
fn metadata_values_are_escaped_and_a_site_without_identity_shows_none() {
    let site = crate::common::site_with(&[(
        "xxgk/a.md",
        crate::common::doc(
            "关于\"调整\"<b>收费</b> & 标准的通知",
            "keywords: [收费\"标准, 调整]\n",
            "正文",
        )
        .as_bytes(),
    )]);
    let out = tempfile::tempdir().unwrap();
    build_ok(site.path(), &out.path().join("public"), false);
    let tree = read_tree(&out.path().join("public"));
    let html = String::from_utf8(tree["xxgk/a/index.html"].clone()).unwrap();
    assert!(
        html.contains("<meta name=\"ArticleTitle\" content=\"关于&quot;调整&quot;&lt;b&gt;收费&lt;/b&gt; &amp; 标准的通知\">"),
        "{html}"
    );
    assert!(
        html.contains("<meta name=\"Keywords\" content=\"收费&quot;标准,调整\">"),
        "{html}"
    );
    // no identity in site.yaml: no SiteIDCode, no identity line, no 找错 link
    assert!(
        !html.contains("SiteIDCode") && !html.contains("网站标识码") && !html.contains("jiucuo")
    );
    assert!(html.contains("<a href=\"/wzdt/\">网站地图</a>"));
    let home = String::from_utf8(tree["index.html"].clone()).unwrap();
    assert!(!home.contains("class=\"error-report\""));
}
