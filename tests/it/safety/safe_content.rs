//! Issue 14, “files come from inside content/”, “identity under
//! normalisation” and “personal data in every published string”: each test
//! builds a temporary site the way an attacker or a careless paste would,
//! and runs the binary (`check` and `build`) on it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{diagnostic_headers, doc, read_tree, run_in, site_with, write};
use std::path::Path;

/// `(severity, code, location)` of every diagnostic whose code starts with `family`.
fn headers_of(stderr: &str, family: &str) -> Vec<(String, String, String)> {
    diagnostic_headers(stderr)
        .into_iter()
        .filter(|(_, code, _)| code.starts_with(family))
        .collect()
}

fn err(code: &str, at: &str) -> (String, String, String) {
    ("错误".to_string(), code.to_string(), at.to_string())
}

fn warn(code: &str, at: &str) -> (String, String, String) {
    ("警告".to_string(), code.to_string(), at.to_string())
}

/// Every file of the output, as text where it is text, joined.
fn all_output(out: &Path) -> String {
    read_tree(out)
        .into_values()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

// ---- files come from inside content/ ---------------------------------------------

#[cfg(unix)]
fn link(target: impl AsRef<Path>, at: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[cfg(unix)]
#[test]
fn attachment_links_out_of_content_are_refused_by_check_and_build() {
    let source = doc(
        "附件",
        "attachments:\n  - file: config.pdf\n  - file: side.pdf\n  - file: hidden.pdf\n  - file: ok.pdf\n  - file: dot.pdf\n",
        "正文",
    );
    let site = site_with(&[
        ("xxgk/a.md", source.as_bytes()),
        ("xxgk/real.pdf", b"%PDF real"),
        (".hidden/y.pdf", b"%PDF hidden secret"),
        ("xxgk/.secret.pdf", b"%PDF dotfile secret"),
    ]);
    let root = site.path();
    // what a CI checkout keeps: the token in .git/config; a folder beside content/
    write(
        root.join(".git/config"),
        "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0LXRva2Vu\n",
    );
    write(root.join("drafts/x.pdf"), "%PDF draft secret");
    let xxgk = root.join("content/xxgk");
    link("../../.git/config", xxgk.join("config.pdf"));
    link(root.join("drafts/x.pdf"), xxgk.join("side.pdf"));
    link("../.hidden/y.pdf", xxgk.join("hidden.pdf"));
    link("real.pdf", xxgk.join("ok.pdf"));
    link(".secret.pdf", xxgk.join("dot.pdf"));

    let (code, _, stderr) = run_in(root, &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        headers_of(&stderr, "PATH"),
        [
            err("PATH002", "content/xxgk/a.md:7:5"),
            err("PATH002", "content/xxgk/a.md:8:5"),
            err("PATH002", "content/xxgk/a.md:9:5"),
            err("PATH002", "content/xxgk/a.md:11:5"),
        ],
        "{stderr}"
    );
    for (link, target) in [
        ("content/xxgk/config.pdf", " content/ 之外的 .git/config"),
        ("content/xxgk/side.pdf", " content/ 之外的 drafts/x.pdf"),
        (
            "content/xxgk/hidden.pdf",
            "隐藏目录中的 content/.hidden/y.pdf",
        ),
        (
            "content/xxgk/dot.pdf",
            "隐藏、备份或临时文件 content/xxgk/.secret.pdf",
        ),
    ] {
        assert!(
            stderr.contains(&format!("附件 {link} 是符号链接，指向{target}")),
            "{link} → {target} not named:\n{stderr}"
        );
    }
    assert!(!stderr.contains("c2VjcmV0"), "the secret was printed");

    let out = root.join("public");
    let (code, _, stderr) = run_in(root, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!all_output(&out).contains("secret"));

    // the link that stays inside content/ is an ordinary attachment
    let only_ok = doc("附件", "attachments:\n  - file: ok.pdf\n", "正文");
    write(root.join("content/xxgk/a.md"), only_ok);
    let (code, _, stderr) = run_in(root, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let tree = read_tree(&out);
    assert_eq!(tree["xxgk/a/ok.pdf"], b"%PDF real");
    assert!(!all_output(&out).contains("secret"));
}

#[cfg(unix)]
#[test]
fn a_folder_a_fifo_or_a_link_to_either_is_not_an_attachment() {
    let source = doc(
        "附件",
        "attachments:\n  - file: 附件\n  - file: pipe.pdf\n  - file: dirlink.pdf\n  - file: pipelink.pdf\n",
        "正文",
    );
    let site = site_with(&[
        ("xxgk/a.md", source.as_bytes()),
        ("xxgk/附件/附件1.pdf", b"%PDF 1"),
    ]);
    let xxgk = site.path().join("content/xxgk");
    let made = std::process::Command::new("mkfifo")
        .arg(xxgk.join("pipe.pdf"))
        .status()
        .unwrap();
    assert!(made.success());
    link("附件", xxgk.join("dirlink.pdf"));
    link("pipe.pdf", xxgk.join("pipelink.pdf"));
    // check must not hang reading the FIFO
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        headers_of(&stderr, "PATH"),
        [
            err("PATH003", "content/xxgk/a.md:7:5"),
            err("PATH004", "content/xxgk/a.md:8:5"),
            err("PATH003", "content/xxgk/a.md:9:5"),
            err("PATH004", "content/xxgk/a.md:10:5"),
        ],
        "{stderr}"
    );
    for said in [
        "附件 content/xxgk/附件 是目录，不是文件",
        "附件 content/xxgk/pipe.pdf 是命名管道（FIFO），不是普通文件",
        "附件 content/xxgk/dirlink.pdf 是符号链接，指向目录 content/xxgk/附件",
        "附件 content/xxgk/pipelink.pdf 是符号链接，指向命名管道（FIFO） content/xxgk/pipe.pdf",
    ] {
        assert!(stderr.contains(said), "missing “{said}”:\n{stderr}");
    }
    assert!(!stderr.contains("找不到附件文件"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn markdown_and_gazette_pdf_links_out_of_content_are_refused() {
    let issue = "---\nyear: 2024\nissue: 7\npublished: 2024-07-15\npdf: 07.pdf\n---\n";
    let site = site_with(&[
        ("xxgk/a.md", doc("正常", "", "正文").as_bytes()),
        ("gazette/2024/07.md", issue.as_bytes()),
    ]);
    let root = site.path();
    write(
        root.join("notes/secret.md"),
        doc("内部笔记", "", "不该公开的内部笔记"),
    );
    write(root.join("notes/07.pdf"), "%PDF internal");
    link("../../notes/secret.md", root.join("content/xxgk/notes.md"));
    link(
        "../../../notes/07.pdf",
        root.join("content/gazette/2024/07.pdf"),
    );
    let (code, _, stderr) = run_in(root, &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        headers_of(&stderr, "PATH"),
        [
            err("PATH002", "content/gazette/2024/07.md:5:1"),
            err("PATH002", "content/xxgk/notes.md"),
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "整期 PDF content/gazette/2024/07.pdf 是符号链接，指向 content/ 之外的 notes/07.pdf"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("此路径是符号链接，指向 content/ 之外的 notes/secret.md，已拒绝"),
        "{stderr}"
    );
}

// ---- identity under normalisation --------------------------------------------------

#[test]
fn invisible_and_full_width_characters_do_not_make_a_second_doc_number() {
    let number = |n: &str| format!("doc_number: {n}\n");
    let site = site_with(&[
        (
            "xxgk/a.md",
            doc("原文", &number("苏财〔2024〕1号"), "正文").as_bytes(),
        ),
        (
            "xxgk/b.md",
            doc("零宽空格", &number("苏财〔2024〕\u{200B}1号"), "正文").as_bytes(),
        ),
        (
            "xxgk/c.md",
            doc("全角数字", &number("苏财〔２０２４〕１号"), "正文").as_bytes(),
        ),
    ]);
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        diagnostic_headers(&stderr),
        [
            err("SEC002", "content/xxgk/b.md:6:21"),
            (
                "警告".into(),
                "FM023".into(),
                "content/xxgk/c.md:6:1".into()
            ),
            err("XR002", "content/xxgk/c.md:6:1"),
        ],
        "{stderr}"
    );
    for said in [
        "含有不可见字符：U+200B（零宽空格）（第 9 个字符）",
        "发文字号 “苏财〔２０２４〕１号” 的全角数字已规范为 “苏财〔2024〕1号”",
        "发文字号 “苏财〔2024〕1号” 与 content/xxgk/a.md 重复",
    ] {
        assert!(stderr.contains(said), "missing “{said}”:\n{stderr}");
    }
}

#[test]
fn bidi_overrides_in_title_and_doc_number_are_errors_naming_the_code_point() {
    let site = site_with(&[
        (
            "xxgk/a.md",
            doc(
                "关于\u{202E}知通的\u{202C}调整",
                "doc_number: 苏财〔2024〕\u{202E}1号\nindex_number: \"\\u200F\"\n",
                "正文",
            )
            .as_bytes(),
        ),
        (
            "xxgk/b.md",
            "---\ntitle: 正常\nagency: \"某市人民政府\\u2066办公室\"\ncategory: 综合政务\npublished: 2024-05-31\n---\n正文\n".as_bytes(),
        ),
    ]);
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        headers_of(&stderr, "SEC"),
        [
            err("SEC002", "content/xxgk/a.md:2:10"),
            err("SEC002", "content/xxgk/a.md:6:21"),
            err("SEC002", "content/xxgk/a.md:7:1"),
            // written as a YAML escape: the place is the key's
            err("SEC002", "content/xxgk/b.md:3:1"),
        ],
        "{stderr}"
    );
    for said in [
        "字段 title（标题）：含有不可见字符：U+202E（从右到左覆盖）（第 3 个字符）、U+202C（方向格式结束）（第 7 个字符）",
        "字段 doc_number（发文字号）：含有不可见字符：U+202E（从右到左覆盖）（第 9 个字符）",
        "含有不可见字符：U+200F（从右到左标记）（第 1 个字符）",
        "含有不可见字符：U+2066（从左到右隔离）（第 7 个字符）",
    ] {
        assert!(stderr.contains(said), "missing “{said}”:\n{stderr}");
    }
}

#[test]
fn a_full_width_index_number_is_refused_with_the_ascii_form_suggested() {
    let site = site_with(&[(
        "xxgk/a.md",
        doc(
            "索引号",
            "index_number: ＭＢ0000/２０２４-０００１２\n",
            "正文",
        )
        .as_bytes(),
    )]);
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        diagnostic_headers(&stderr),
        [err("FM024", "content/xxgk/a.md:6:1")],
        "{stderr}"
    );
    assert!(
        stderr.contains("索引号中有全角字符：是否想写 MB0000/2024-00012？"),
        "{stderr}"
    );
}

#[test]
fn references_and_slugs_are_compared_after_normalisation() {
    let site = site_with(&[
        (
            "xxgk/a.md",
            doc("原文", "doc_number: 苏财〔2024〕1号\n", "正文").as_bytes(),
        ),
        (
            "xxgk/b.md",
            doc(
                "关于原文的解读",
                "doc_class: 政策解读\ninterprets: 苏财〔２０２４〕１号\n",
                "正文",
            )
            .as_bytes(),
        ),
        (
            "xxgk/c.md",
            doc(
                "旧文件",
                "slug: ｏｌｄ-\u{200B}1\nvalidity:\n  status: 废止\n  date: 2024-12-01\n  basis: 苏财［２０２４］１号\n",
                "正文",
            )
            .as_bytes(),
        ),
    ]);
    let out = site.path().join("public");
    let (code, _, stderr) = run_in(site.path(), &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        diagnostic_headers(&stderr),
        [(
            "警告".into(),
            "SEC003".into(),
            "content/xxgk/c.md:6:1".into()
        )],
        "{stderr}"
    );
    assert!(
        stderr.contains("网址名 “ｏｌｄ-\u{200B}1” 已规范为 “old-1”：去掉了不可见字符 U+200B（零宽空格）（第 5 个字符）"),
        "{stderr}"
    );
    let tree = read_tree(&out);
    let page = |rel: &str| String::from_utf8(tree[rel].clone()).unwrap();
    assert!(page("xxgk/b/index.html").contains("href=\"/xxgk/a/\""));
    assert!(page("xxgk/old-1/index.html").contains("href=\"/xxgk/a/\""));
    assert!(page("xxgk/a/index.html").contains("href=\"/xxgk/b/\""));
}

#[test]
fn a_single_string_where_a_list_may_stand_is_held_to_the_same_rules() {
    // `keywords: "…"` is a one-item list: it skipped the control-character
    // check that list items get, and the bell reached feed.xml and the pages
    let site = site_with(&[(
        "xxgk/a.md",
        doc("标题", "keywords: \"响铃\\a\"\n", "正文").as_bytes(),
    )]);
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        headers_of(&stderr, "SEC"),
        [err("SEC001", "content/xxgk/a.md:6:1")],
        "{stderr}"
    );
}

// ---- personal data in every published string ---------------------------------------

#[test]
fn personal_data_in_file_names_attachments_and_aliases_is_reported() {
    let attachments = "attachments:\n  - file: tel_13612345678.pdf\n    title: 张三_13512345678\naliases: [/old/x_13312345678.html]\n";
    let hidden = doc(
        "不公开",
        "disclosure: 不予公开\ndisclosure_reason: 涉及个人隐私\n",
        "正文",
    );
    let issue =
        "---\nyear: 2024\nissue: 7\npublished: 2024-07-15\n---\n本期导读：联系 15012345678。\n";
    let site = site_with(&[
        ("xxgk/13812345678.md", doc("文件名", "", "正文").as_bytes()),
        (
            "xxgk/13712345678/a.md",
            doc("目录名", "", "正文").as_bytes(),
        ),
        (
            "xxgk/b.md",
            doc("附件", attachments, "联系１３０１２３４５６７８").as_bytes(),
        ),
        ("xxgk/tel_13612345678.pdf", b"%PDF"),
        ("xxgk/15912345678.md", hidden.as_bytes()),
        (
            "pages/13112345678.md",
            b"---\ntitle: \xE9\xA1\xB5\n---\n\xE6\xAD\xA3\n",
        ),
        ("gazette/2024/07.md", issue.as_bytes()),
    ]);
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        headers_of(&stderr, "PII"),
        [
            warn("PII002", "content/gazette/2024/07.md:6:9"),
            warn("PII002", "content/pages/13112345678.md:1"),
            warn("PII002", "content/xxgk/13712345678/a.md:1"),
            warn("PII002", "content/xxgk/13812345678.md:1"),
            warn("PII002", "content/xxgk/b.md:7:15"),
            warn("PII002", "content/xxgk/b.md:8:15"),
            warn("PII002", "content/xxgk/b.md:9:18"),
            warn("PII002", "content/xxgk/b.md:11:3"),
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("文件名或目录名中疑似手机号码：138****5678"),
        "{stderr}"
    );
    // the files' own paths name them (the editor must find the file); no
    // message prints a full value
    let mut messages = stderr.clone();
    for own in [
        "content/xxgk/13812345678.md",
        "content/xxgk/13712345678/a.md",
        "content/pages/13112345678.md",
    ] {
        messages = messages.replace(own, "");
    }
    for full in [
        "13812345678",
        "13712345678",
        "13612345678",
        "13512345678",
        "13312345678",
        "13112345678",
        "15012345678",
        "13012345678",
        "１３０１２３４５６７８",
    ] {
        assert!(!messages.contains(full), "{full} printed:\n{stderr}");
    }
    let (code, _, stderr) = run_in(site.path(), &["check", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    // the marker on the front matter's first line acknowledges the name
    write(
        site.path().join("content/xxgk/13812345678.md"),
        doc("文件名", "", "正文").replacen("---\n", "---\n# gongkai:allow-pii\n", 1),
    );
    let (_, _, stderr) = run_in(site.path(), &["check"]);
    assert!(
        !stderr.contains("content/xxgk/13812345678.md:1"),
        "{stderr}"
    );
}
