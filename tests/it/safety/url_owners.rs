//! Every URL has one owner (issue 14): aliases, documents, pages and
//! attachments that would write the same output file — or a file where a
//! folder must be, or into the generator's own files and folders — are each
//! an error with file:line, from `check` and `build` alike, and a refused
//! build leaves the output folder as it was. Also: every file a real build
//! writes is accounted for by the URL map.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{
    build_ok, crate_root, ctx, diagnostic_headers, doc, read_tree, run_in, site_with, write,
};
use gongkai::config::url_map;
use std::collections::BTreeSet;
use std::path::Path;

/// The aliases of the issue, each onto a file or folder the generator writes.
const GENERATED_ALIASES: &str = "aliases:\n  - /index.html\n  - /catalog/\n  - /404.html\n  - /robots.txt\n  - /assets/site.css\n  - /catalog.csv\n";

/// `(code, location)` of each diagnostic header in `stderr`.
fn headers(stderr: &str) -> Vec<(String, String)> {
    diagnostic_headers(stderr)
        .into_iter()
        .map(|(_, code, loc)| (code, loc))
        .collect()
}

fn sorted(mut v: Vec<(String, String)>) -> Vec<(String, String)> {
    v.sort();
    v
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    sorted(
        v.iter()
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect(),
    )
}

/// Runs `check` and `build` on `root`; both must exit 1 with the same
/// diagnostics, and the build must leave the output folder byte for byte
/// as it was and no staging folder behind. Returns check's stderr.
fn refused_by_check_and_build(root: &Path) -> String {
    let before = read_tree(&root.join("public"));
    let (check_code, _, check_err) = run_in(root, &["check"]);
    assert_eq!(check_code, 1, "check must refuse:\n{check_err}");
    let (build_code, _, build_err) = run_in(root, &["build"]);
    assert_eq!(build_code, 1, "build must refuse:\n{build_err}");
    assert_eq!(headers(&check_err), headers(&build_err), "{build_err}");
    assert_eq!(
        read_tree(&root.join("public")),
        before,
        "the refused build changed public/"
    );
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("previous"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    check_err
}

#[test]
fn aliases_onto_generated_files_are_each_an_error_and_public_is_untouched() {
    let site = site_with(&[("xxgk/a.md", doc("甲", "", "正文").as_bytes())]);
    // a good site first, so there is a public/ to protect
    build_ok(site.path(), &site.path().join("public"), false);
    let good = read_tree(&site.path().join("public"));
    assert!(good.contains_key("index.html") && good.contains_key("catalog.csv"));
    write(
        site.path().join("content/xxgk/a.md"),
        doc("甲", GENERATED_ALIASES, "正文"),
    );
    let stderr = refused_by_check_and_build(site.path());
    // block-style list: each alias at its own line (aliases: is line 6)
    let want: Vec<(String, String)> = (7..=12)
        .map(|line| ("XR010".to_string(), format!("content/xxgk/a.md:{line}:3")))
        .collect();
    assert_eq!(sorted(headers(&stderr)), sorted(want), "{stderr}");
    for name in [
        "首页（index.html）",
        "信息公开目录（catalog/）",
        "“页面不存在”页（404.html）",
        "robots.txt",
        "样式和脚本目录（assets/）",
        "目录数据文件（catalog.csv）",
    ] {
        assert!(stderr.contains(name), "no message names {name}:\n{stderr}");
    }
    assert!(stderr.contains("发现 6 个错误"), "{stderr}");
    assert_eq!(read_tree(&site.path().join("public")), good);
}

#[test]
fn aliases_into_an_empty_folder_do_not_replace_the_home_page() {
    // the issue: into an empty folder the home page became a redirect
    let site = site_with(&[(
        "xxgk/a.md",
        doc("甲", "aliases: [/index.html, /old/a.html]\n", "正文").as_bytes(),
    )]);
    let stderr = refused_by_check_and_build(site.path());
    assert_eq!(
        headers(&stderr),
        pairs(&[("XR010", "content/xxgk/a.md:6:1")]),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn each_clash_between_sources_is_its_own_error() {
    let site = site_with(&[
        (
            "xxgk/a.md",
            doc(
                "甲",
                "aliases:\n  - /old/x.html\n  - /xxgk/b/\n  - /XXGK/B/index.html\n  - /xxgk/a/\n",
                "正文",
            )
            .as_bytes(),
        ),
        (
            "xxgk/b.md",
            doc(
                "乙",
                "aliases:\n  - /old/x.html\n  - /old/x.html/y/\n  - /xxgk/c/fj/\n  - /old/ok.html\n",
                "正文",
            )
            .as_bytes(),
        ),
        (
            "xxgk/c.md",
            doc(
                "丙",
                "attachments:\n  - file: fj\n    title: 无扩展名的附件\n  - file: index.html\n    title: 与页面同名的附件\n",
                "正文",
            )
            .as_bytes(),
        ),
        ("xxgk/fj", b"attachment".as_slice()),
        ("xxgk/index.html", b"<p>attachment</p>".as_slice()),
        ("guide.md", doc("与栏目页面同网址的文件", "", "正文").as_bytes()),
        ("pages/guide.md", "---\ntitle: 指南\n---\n正文\n".as_bytes()),
    ]);
    let stderr = refused_by_check_and_build(site.path());
    assert_eq!(
        sorted(headers(&stderr)),
        pairs(&[
            // alias onto another document, case-folded too, and onto itself
            ("XR003", "content/xxgk/a.md:8:3"),
            ("XR003", "content/xxgk/a.md:9:3"),
            ("XR003", "content/xxgk/a.md:10:3"),
            // alias vs alias; a folder where that alias is a file; a
            // folder where an attachment is a file
            ("XR003", "content/xxgk/b.md:7:3"),
            ("XR011", "content/xxgk/b.md:8:3"),
            ("XR011", "content/xxgk/b.md:9:3"),
            // an attachment over its document's page
            ("XR003", "content/xxgk/c.md:9:5"),
            // a column page and a document with one URL
            ("XR003", "content/pages/guide.md:1:1"),
        ]),
        "{stderr}"
    );
    // each names the other owner with its line
    assert!(
        stderr.contains("旧网址 /old/x.html 与 content/xxgk/a.md 第 7 行的旧网址重复"),
        "{stderr}"
    );
    assert!(
        stderr.contains("旧网址 /xxgk/b/ 与 content/xxgk/b.md 第 1 行的文件网址重复"),
        "{stderr}"
    );
    assert!(
        stderr.contains("old/x.html 不能既是文件又是目录"),
        "{stderr}"
    );
    assert!(
        stderr.contains("xxgk/c/fj 不能既是文件又是目录"),
        "{stderr}"
    );
    assert!(stderr.contains("都要写入 xxgk/c/index.html"), "{stderr}");
}

#[test]
fn dangerous_alias_forms_are_each_an_error_with_the_reason() {
    let aliases = [
        "//evil.example/x",
        "https://evil.example/",
        "/a/../../etc",
        "/a\\\\b",
        "/a?id=1",
        "/a/%2e%2e/b",
        "/.git/config",
        "/a\\u202Elmth.html",
    ];
    let mut extra = String::from("aliases:\n");
    for a in aliases {
        extra.push_str(&format!("  - \"{a}\"\n"));
    }
    let site = site_with(&[("xxgk/a.md", doc("甲", &extra, "正文").as_bytes())]);
    let stderr = refused_by_check_and_build(site.path());
    let got: Vec<(String, String)> = headers(&stderr);
    let codes: BTreeSet<&str> = got.iter().map(|(c, _)| c.as_str()).collect();
    assert!(codes.contains("FM033"), "{stderr}");
    let lines: BTreeSet<u32> = got
        .iter()
        .map(|(_, loc)| crate::common::split_location(loc).1)
        .collect();
    assert_eq!(
        lines,
        (7..7 + aliases.len() as u32).collect(),
        "one error per alias line:\n{stderr}"
    );
    for reason in [
        "以 // 开头的是其他网站的地址",
        "不是以 / 开头的站内路径",
        "含有 . 或 .. 目录",
        "含有反斜杠",
        "含有 ? 或 #",
        "含有 %",
        "隐藏文件或目录",
        "看不见的格式字符",
    ] {
        assert!(stderr.contains(reason), "no error says {reason}:\n{stderr}");
    }
}

#[test]
fn a_good_alias_still_redirects() {
    let site = site_with(&[(
        "xxgk/a.md",
        doc(
            "甲",
            "aliases: [/old/a.html, /old/b/, /旧/通知.html]\n",
            "正文",
        )
        .as_bytes(),
    )]);
    build_ok(site.path(), &site.path().join("public"), false);
    let tree = read_tree(&site.path().join("public"));
    for file in ["old/a.html", "old/b/index.html", "旧/通知.html"] {
        let html = String::from_utf8(tree[file].clone()).unwrap();
        assert!(html.contains("url=/xxgk/a/"), "{file}: {html}");
    }
}

/// Aliases are claimed and written in NFKC form (issue 20): one that
/// differs from another only in full-width characters or in NFC/NFD form
/// is the same address (XR003 at the later one), not a second file; a
/// lone full-width alias is written at its ASCII path with a warning
/// (SEC004); full-width `／．．／` is `/../` and refused.
#[test]
fn aliases_that_differ_only_in_width_or_composition_clash() {
    let nfc = "/旧/caf\u{e9}.html";
    let nfd = "/旧/cafe\u{301}.html";
    let site = site_with(&[
        (
            "xxgk/a.md",
            doc(
                "甲",
                &format!("aliases:\n  - /old/abc1.html\n  - \"{nfc}\"\n"),
                "正文",
            )
            .as_bytes(),
        ),
        (
            "xxgk/b.md",
            doc(
                "乙",
                &format!("aliases:\n  - /old/ＡＢＣ１.html\n  - \"{nfd}\"\n"),
                "正文",
            )
            .as_bytes(),
        ),
    ]);
    let stderr = refused_by_check_and_build(site.path());
    assert_eq!(
        sorted(headers(&stderr))
            .into_iter()
            .filter(|(c, _)| c != "SEC004")
            .collect::<Vec<_>>(),
        pairs(&[
            ("XR003", "content/xxgk/b.md:7:3"),
            ("XR003", "content/xxgk/b.md:8:3"),
        ]),
        "{stderr}"
    );

    let site = site_with(&[(
        "xxgk/a.md",
        doc(
            "甲",
            &format!("aliases:\n  - /old/ｘ１.html\n  - \"{nfd}\"\n"),
            "正文",
        )
        .as_bytes(),
    )]);
    let (code, _, stderr) = run_in(site.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let warned: Vec<(String, String)> = headers(&stderr);
    assert_eq!(
        warned,
        pairs(&[
            ("SEC004", "content/xxgk/a.md:7:3"),
            ("SEC004", "content/xxgk/a.md:8:3"),
        ]),
        "{stderr}"
    );
    assert!(stderr.contains("已规范为 “/old/x1.html”"), "{stderr}");
    let tree = read_tree(&site.path().join("public"));
    for file in ["old/x1.html", "旧/caf\u{e9}.html"] {
        let html = String::from_utf8(tree[file].clone()).unwrap();
        assert!(html.contains("url=/xxgk/a/"), "{file}: {html}");
    }
    let written: Vec<&String> = tree
        .keys()
        .filter(|k| k.contains("ｘ") || k.contains('\u{301}'))
        .collect();
    assert!(written.is_empty(), "written as typed: {written:?}");

    let site = site_with(&[(
        "xxgk/a.md",
        doc("甲", "aliases:\n  - /old／．．／．．／etc\n", "正文").as_bytes(),
    )]);
    let stderr = refused_by_check_and_build(site.path());
    assert_eq!(
        headers(&stderr),
        pairs(&[("FM033", "content/xxgk/a.md:7:3")]),
        "{stderr}"
    );
    assert!(stderr.contains("含有 . 或 .. 目录"), "{stderr}");
}

/// Every file `root`'s build writes is the generator's by the map, a
/// document's page or attachment, a column page, an alias or a folder's page.
fn every_file_has_an_owner(root: &Path) {
    let out = tempfile::tempdir().unwrap();
    build_ok(root, out.path(), false);
    let checked = gongkai::check_site(root, &ctx(false), &None)
        .unwrap_or_else(|_| panic!("{} checks", root.display()));
    let index = &checked.index;
    let mut owned: BTreeSet<String> = BTreeSet::new();
    for d in &index.docs {
        owned.insert(url_map::page_file(&d.url));
        for a in &d.attachments {
            owned.insert(format!("{}{}", d.url, a.file));
        }
    }
    for p in &index.pages {
        owned.insert(url_map::page_file(&p.url));
    }
    owned.extend(index.redirects.keys().cloned());
    owned.extend(index.folders.iter().map(|f| url_map::page_file(f)));
    let files = read_tree(out.path());
    assert!(!files.is_empty());
    let strays: Vec<&String> = files
        .keys()
        .filter(|f| !url_map::is_generated(f) && !owned.contains(*f))
        .collect();
    assert!(
        strays.is_empty(),
        "{}: files the URL map does not account for: {strays:?}",
        root.display()
    );
    // and nothing the map gives to a source is also the generator's
    let both: Vec<&String> = owned.iter().filter(|f| url_map::is_generated(f)).collect();
    assert!(
        both.is_empty(),
        "claimed by sources and the generator: {both:?}"
    );
    // the root files the map names are the ones a build writes
    for f in url_map::ROOT_FILES {
        assert!(files.contains_key(f), "{}: no {f}", root.display());
    }
}

#[test]
fn every_file_of_the_demo_and_fixture_builds_has_an_owner() {
    every_file_has_an_owner(&crate_root());
    for name in [
        "catalog",
        "gazette",
        "minimal",
        "theme-override",
        "validity",
    ] {
        let site = crate::common::temp_site(name);
        every_file_has_an_owner(site.path());
    }
}

#[test]
fn theme_static_files_cannot_take_the_sites_urls() {
    let site = site_with(&[(
        "xxgk/a.md",
        doc("甲", "aliases: [/old/x.html]\n", "正文").as_bytes(),
    )]);
    write(
        site.path().join("site.yaml"),
        format!("{}theme: custom\n", crate::common::MINIMAL_SITE),
    );
    let statics = site.path().join("themes/custom/static");
    for (rel, bytes) in [
        ("index.html", "主题里的首页"),
        ("xxgk/a/index.html", "主题里的文件页"),
        ("old/x.html", "主题里的旧网址"),
        // the page of the document's folder, which gongkai writes
        ("xxgk/index.html", "主题里的目录页"),
        ("assets/syntax.css", "主题里的高亮样式"),
        // a theme's own files, which nothing else claims
        ("favicon.ico", "icon"),
        ("assets/logo.png", "logo"),
    ] {
        write(statics.join(rel), bytes);
    }
    build_ok_without(site.path(), &["themes/custom/static/"]);
    let before = read_tree(&site.path().join("public"));
    let (code, _, stderr) = run_in(site.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    let got = sorted(headers(&stderr));
    assert_eq!(
        got,
        pairs(&[
            ("XR003", "themes/custom/static/old/x.html"),
            ("XR003", "themes/custom/static/xxgk/a/index.html"),
            ("XR003", "themes/custom/static/xxgk/index.html"),
            ("XR010", "themes/custom/static/assets/syntax.css"),
            ("XR010", "themes/custom/static/index.html"),
        ]),
        "{stderr}"
    );
    assert!(
        stderr.contains("与 content/xxgk/a.md 第 6 行的旧网址重复"),
        "{stderr}"
    );
    assert!(
        stderr.contains("主题静态文件 /xxgk/index.html 与 content/xxgk/a.md 第 1 行的目录页重复"),
        "{stderr}"
    );
    assert_eq!(read_tree(&site.path().join("public")), before);
}

/// Builds `root` once with the folders `hidden` moved aside, so there is a
/// good public/ to protect, then puts them back.
fn build_ok_without(root: &Path, hidden: &[&str]) {
    let aside = tempfile::tempdir().unwrap();
    for (i, rel) in hidden.iter().enumerate() {
        std::fs::rename(root.join(rel), aside.path().join(i.to_string())).unwrap();
    }
    build_ok(root, &root.join("public"), false);
    for (i, rel) in hidden.iter().enumerate() {
        std::fs::rename(aside.path().join(i.to_string()), root.join(rel)).unwrap();
    }
}
