//! What used to pass without a word and surprise the editor later: an
//! unedited `gongkai new` template, 主题词 typed as one string, `.MD` and
//! `.markdown` files, odd attachments, a 40,000-character 标题, a 文号 of
//! “无”, a taxonomy duplicate in site.yaml; and drafts counted in the
//! summary line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::invalid::{block, check_case, expect, found};
use crate::common::{doc, read_tree, run_in, site_with, write};

#[test]
fn silent_surprises_are_named_at_their_lines() {
    let (code, stderr) = check_case("surprises");
    assert_eq!(code, 1);
    assert_eq!(
        found(&stderr),
        expect(&[
            ("attachments.md", "PATH003", "7:5"),
            ("attachments.md", "FM044", "9:5"),
            ("attachments.md", "FM045", "11:5"),
            ("keywords-spaces.md", "FM041", "6:1"),
            ("long-title.md", "FM043", "2:1"),
            ("long-title.md", "FM043", "6:1"),
            ("no-number-a.md", "FM042", "6:1"),
            ("no-number-b.md", "FM042", "6:1"),
            ("same.markdown", "PATH005", "1:1"),
            // the title's first “…”, and the body's placeholder line
            ("unedited.md", "FM040", "2:10"),
            ("unedited.md", "FM040", "11:1"),
            // .MD and .markdown are read as documents: here, one 文号 twice
            ("upper.MD", "XR002", "6:1"),
        ])
    );
    assert!(block(&stderr, "attachments.md", "PATH003")
        .contains("附件 content/xxgk/folder-attachment 是目录，不是文件"));
    assert!(block(&stderr, "attachments.md", "FM044").contains(
        "附件 content/xxgk/notes.md 是 `.md` 文件：content/ 中这类文件都作为一份公开文件发布，不能再作附件"
    ));
    assert!(block(&stderr, "attachments.md", "FM045").contains(
        "字段 attachments[2].file（文件）：附件 content/xxgk/empty.pdf 是空文件（0 字节）"
    ));
    assert!(block(&stderr, "long-title.md", "FM043")
        .contains("字段 title（标题）：标题长 245 个字符，超过上限 200 个字符"));
    assert!(block(&stderr, "no-number-a.md", "FM042")
        .contains("字段 doc_number（发文字号）：发文字号 “无” 表示没有文号，已按没有发文字号处理"));
    // two documents without a 文号 are no duplicates
    assert!(!stderr.contains("no-number-b.md 重复") && !stderr.contains("no-number-a.md 重复"));
    let unedited = block(&stderr, "unedited.md", "FM040");
    assert!(
        unedited.contains(
            "字段 title（标题）：“关于……的通知” 是 `gongkai new` 模板的占位文字，还没有改写"
        ) && unedited.contains("正文中的 “（正文）” 是 `gongkai new` 模板的占位文字"),
        "{unedited}"
    );
    // a draft may hold the template's text
    assert!(!stderr.contains("still-a-draft.md"));
    assert!(block(&stderr, "same.markdown", "PATH005").contains("保留的是 content/xxgk/same.md"));
}

#[test]
fn a_duplicate_in_site_yaml_names_both_entries() {
    let (code, stderr) = check_case("site-duplicates");
    assert_eq!(code, 1);
    let headers: Vec<String> = crate::common::diagnostic_headers(&stderr)
        .into_iter()
        .map(|(_, code, loc)| format!("{code} {loc}"))
        .collect();
    assert_eq!(
        headers,
        [
            "CFG024 site.yaml:8:5",
            "CFG024 site.yaml:11:5",
            "CFG025 site.yaml:15:5",
            "CFG025 site.yaml:19:7"
        ]
    );
    for pinned in [
        "字段 agencies[2].name（机构全称）：机构名称 “某市教育局\\u{200b}” 与第 6 行的 agencies[1]（“某市教育局”）重复：两者只差不可见字符或全角、半角，读者看来是同一个名称",
        "字段 agencies[3].slug（网址名）：“某市财政局” 的网址名 100000003 与第 7 行的 agencies[1]（“某市教育局”）的网址名相同",
        "字段 taxonomy[1].name（分类名称）：一级分类名称 “综合政务” 与第 13 行的 taxonomy[0]（“综合政务”）重复",
        "字段 taxonomy[2].children[1]（二级分类）：二级分类名称 “财政” 与第 18 行的 taxonomy[2].children[0]（“财政”）重复",
    ] {
        assert!(stderr.contains(pinned), "{pinned}\n{stderr}");
    }
}

/// A site where every surprise is written the way an editor would, and
/// builds: the 主题词 split, `.MD`/`.markdown` at stable URLs, two
/// documents with 文号 “无”, and a draft counted in both summaries.
#[test]
fn what_the_editor_meant_is_what_is_built() {
    let site = site_with(&[
        (
            "xxgk/upper.MD",
            doc(
                "用记事本保存的通知",
                "keywords: \"财政，预算, 绩效\"\n",
                "正文",
            )
            .as_bytes(),
        ),
        (
            "xxgk/typora.markdown",
            doc("用 Typora 保存的通知", "doc_number: 无\n", "正文").as_bytes(),
        ),
        (
            "xxgk/none.md",
            doc("另一份没有文号的通知", "doc_number: 暂无\n", "正文").as_bytes(),
        ),
        (
            "xxgk/draft.md",
            doc("关于……的通知", "draft: true\n", "（正文）").as_bytes(),
        ),
    ]);
    let (code, stdout, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("检查通过：3 份公开文件（另有 1 份草稿未发布），2 个警告"),
        "{stdout}"
    );
    let (code, json, stderr) = run_in(site.path(), &["check", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&json).expect("check's JSON");
    assert_eq!(json["drafts"], 1, "{json}");
    let out = site.path().join("public");
    let (code, stdout, stderr) = run_in(site.path(), &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("3 份文件（另有 1 份草稿未发布），"),
        "{stdout}"
    );
    let tree = read_tree(&out);
    assert!(tree.contains_key("xxgk/upper/index.html"));
    assert!(tree.contains_key("xxgk/typora/index.html"));
    assert!(!tree.keys().any(|k| k.contains("draft")));
    let catalog: serde_json::Value =
        serde_json::from_slice(&tree["catalog.json"]).expect("catalog.json");
    let by_id = |id: &str| {
        catalog
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .unwrap_or_else(|| panic!("{id} not in catalog.json"))
            .clone()
    };
    assert_eq!(
        by_id("xxgk/upper")["keywords"],
        serde_json::json!(["财政", "预算", "绩效"])
    );
    assert_eq!(by_id("xxgk/typora")["doc_number"], serde_json::Value::Null);
    assert_eq!(by_id("xxgk/none")["doc_number"], serde_json::Value::Null);
    // without drafts the summary says nothing of them
    std::fs::remove_file(site.path().join("content/xxgk/draft.md")).unwrap();
    let (_, stdout, _) = run_in(site.path(), &["check"]);
    assert!(
        stdout.contains("检查通过：3 份公开文件，2 个警告"),
        "{stdout}"
    );
}

#[test]
fn a_forty_thousand_character_title_is_refused() {
    let title = "关于".to_string() + &"公布".repeat(20_000) + "的通知";
    let site = site_with(&[("xxgk/a.md", doc(&title, "", "正文").as_bytes())]);
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("错误[FM043] content/xxgk/a.md:2:1  字段 title（标题）：标题长 40005 个字符，超过上限 200 个字符\n  应为：标题不超过 200 个字符\n"),
        "{}",
        &stderr[..stderr.len().min(400)]
    );
}

/// `gongkai new`, then only `draft: true` deleted: check names the title
/// and the body still to write.
#[test]
fn a_new_document_left_unedited_is_not_published() {
    let site = site_with(&[]);
    write(
        site.path().join("site.yaml"),
        "title: 测试站\nbase_url: https://www.example.gov.cn/\nagencies:\n  - name: 某市人民政府办公室\n",
    );
    let (code, _, stderr) = run_in(site.path(), &["new", "content/xxgk/2024/tz-1.md"]);
    assert_eq!(code, 0, "{stderr}");
    let path = site.path().join("content/xxgk/2024/tz-1.md");
    // as written, a draft: check passes and counts it
    let (code, stdout, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("（另有 1 份草稿未发布）"), "{stdout}");
    let text = std::fs::read_to_string(&path).unwrap();
    let undrafted: String = text
        .lines()
        .filter(|l| !l.starts_with("draft:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, &undrafted).unwrap();
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1);
    let body_line = undrafted.lines().count();
    let headers: Vec<String> = crate::common::diagnostic_headers(&stderr)
        .into_iter()
        .map(|(_, code, loc)| format!("{code} {loc}"))
        .collect();
    assert_eq!(
        headers,
        [
            "FM040 content/xxgk/2024/tz-1.md:2:10".to_string(),
            format!("FM040 content/xxgk/2024/tz-1.md:{body_line}:1"),
        ],
        "{stderr}"
    );
    // build refuses it the same way, and writes nothing
    let out = site.path().join("public");
    let (code, _, stderr) = run_in(site.path(), &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("错误[FM040] content/xxgk/2024/tz-1.md:2:10  字段 title（标题）"),
        "{stderr}"
    );
    assert!(!out.join("xxgk/2024/tz-1/index.html").exists());
}

/// A `.MD` file is a document like any other: its URL is checked against
/// the others' (XR003), and a reference may name it without the ending.
#[test]
fn markdown_files_of_any_ending_share_the_url_checks() {
    let site = site_with(&[
        (
            "xxgk/a.MD",
            doc("大写扩展名的通知", "slug: b\n", "正文").as_bytes(),
        ),
        ("xxgk/b.md", doc("另一份通知", "", "正文").as_bytes()),
        (
            "xxgk/c.markdown",
            doc(
                "另一份通知的解读",
                "doc_class: 政策解读\ninterprets: xxgk/b\n",
                "正文",
            )
            .as_bytes(),
        ),
    ]);
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1);
    let headers: Vec<String> = crate::common::diagnostic_headers(&stderr)
        .into_iter()
        .map(|(_, code, loc)| format!("{code} {loc}"))
        .collect();
    assert_eq!(headers.len(), 1, "{stderr}");
    assert!(headers[0].starts_with("XR003 content/xxgk/"), "{stderr}");
    assert!(
        stderr.contains("xxgk/a.MD") && stderr.contains("xxgk/b.md"),
        "{stderr}"
    );
}
