//! Issue 14, “files come from inside content/”, “identity under
//! normalisation” and “personal data in every published string”: each test
//! builds a temporary site the way an attacker or a careless paste would,
//! and runs the binary (`check` and `build`) on it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{diagnostic_headers, doc, read_tree, run_in, site_with, write};
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
        "attachments:\n  - file: config.pdf\n  - file: side.pdf\n  - file: hidden.pdf\n  - file: ok.pdf\n",
        "正文",
    );
    let site = site_with(&[
        ("xxgk/a.md", source.as_bytes()),
        ("xxgk/real.pdf", b"%PDF real"),
        (".hidden/y.pdf", b"%PDF hidden secret"),
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

    let (code, _, stderr) = run_in(root, &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        headers_of(&stderr, "PATH"),
        [
            err("PATH002", "content/xxgk/a.md:7:5"),
            err("PATH002", "content/xxgk/a.md:8:5"),
            err("PATH002", "content/xxgk/a.md:9:5"),
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
