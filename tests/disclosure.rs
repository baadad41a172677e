//! The disclosure rule: documents that are 不予公开 or 依申请公开 appear in no
//! output file at all, and drafts only with `--drafts`. Each hidden document
//! carries unique canary strings in every field, its body, its file name and
//! its attachment's name; every byte and every path of public/ is searched.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{build, build_ok, read_tree, site_with};
use gongkai::BuildError;
use std::collections::BTreeMap;

/// A hidden document whose every field holds `tag` (upper case in text,
/// lower case in names) and whose 索引号 is `index`.
fn hidden_doc(tag: &str, index: &str, extra: &str) -> String {
    let lower = tag.to_lowercase();
    format!(
        "---\ntitle: {tag}标题关于内部事项的通知\nagency: 某市人民政府办公室\ncategory: 综合政务\npublished: 2024-05-31\n\
doc_number: {tag}〔2024〕1号\nindex_number: {index}\nkeywords: [{tag}主题词]\nabstract: {tag}内容概述\n\
attachments:\n  - file: {lower}-fujian.pdf\n    title: {tag}附件名称\n{extra}---\n{tag}正文第一段。\n\n## {tag}小标题\n\n{tag}正文第二段。\n"
    )
}

const SECRET: &str = "ZZCANARYSECRET";
const SECRET_INDEX: &str = "987654321/2024-54321";
const ON_REQUEST: &str = "ZZCANARYREQUEST";
const ON_REQUEST_INDEX: &str = "987654323/2024-54323";
const DRAFT: &str = "ZZCANARYDRAFT";
const DRAFT_INDEX: &str = "987654322/2024-54322";

fn canary_site() -> tempfile::TempDir {
    let public = common::doc(
        "关于开展政务公开调研的通知",
        "doc_number: 某政办发〔2024〕3号\n",
        "请各单位配合调研。",
    );
    let secret = hidden_doc(
        SECRET,
        SECRET_INDEX,
        "disclosure: 不予公开\ndisclosure_reason: 涉及国家秘密\n",
    );
    let on_request = hidden_doc(
        ON_REQUEST,
        ON_REQUEST_INDEX,
        "disclosure: 依申请公开\ndisclosure_reason: 内部事务信息\n",
    );
    let draft = hidden_doc(DRAFT, DRAFT_INDEX, "draft: true\n");
    let names: Vec<(String, Vec<u8>)> = vec![
        ("xxgk/public.md".into(), public.into_bytes()),
        (
            format!("xxgk/mimi-{}.md", SECRET.to_lowercase()),
            secret.into_bytes(),
        ),
        (
            format!("xxgk/{}-fujian.pdf", SECRET.to_lowercase()),
            format!("%PDF {SECRET} attachment bytes").into_bytes(),
        ),
        (
            format!("xxgk/yisq-{}.md", ON_REQUEST.to_lowercase()),
            on_request.into_bytes(),
        ),
        (
            format!("xxgk/{}-fujian.pdf", ON_REQUEST.to_lowercase()),
            format!("%PDF {ON_REQUEST} attachment bytes").into_bytes(),
        ),
        (
            format!("xxgk/caogao-{}.md", DRAFT.to_lowercase()),
            draft.into_bytes(),
        ),
        (
            format!("xxgk/{}-fujian.pdf", DRAFT.to_lowercase()),
            format!("%PDF {DRAFT} attachment bytes").into_bytes(),
        ),
    ];
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    site_with(&files)
}

/// The canaries of one hidden document: its tag in both cases, its 索引号
/// (and the number alone, which survives any escaping of the slash).
fn canaries(tag: &str, index: &str) -> Vec<String> {
    vec![
        tag.to_string(),
        tag.to_lowercase(),
        index.to_string(),
        index.split('/').next().unwrap().to_string(),
    ]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every (path, canary) where the canary shows up in a path or a file.
fn leaks(tree: &BTreeMap<String, Vec<u8>>, canaries: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in tree {
        for c in canaries {
            if path.contains(c.as_str()) {
                found.push(format!("path {path} contains {c}"));
            }
            if contains(bytes, c.as_bytes()) {
                found.push(format!("{path} contains {c}"));
            }
        }
    }
    found
}

fn catalog_len(tree: &BTreeMap<String, Vec<u8>>) -> usize {
    let json: serde_json::Value = serde_json::from_slice(&tree["catalog.json"]).unwrap();
    json.as_array().unwrap().len()
}

#[test]
fn hidden_documents_appear_in_no_output_file() {
    let site = canary_site();
    let out = site.path().join("public");
    let report = build_ok(site.path(), &out, false);
    assert_eq!(report.documents, 1, "only the proactive document counts");
    let tree = read_tree(&out);
    assert!(tree.len() > 10, "the site was built");
    // the searcher works: the public document's own values are found
    assert!(!leaks(
        &tree,
        &[
            "关于开展政务公开调研的通知".to_string(),
            "某政办发〔2024〕3号".to_string()
        ]
    )
    .is_empty());
    for (tag, index) in [
        (SECRET, SECRET_INDEX),
        (ON_REQUEST, ON_REQUEST_INDEX),
        (DRAFT, DRAFT_INDEX),
    ] {
        let found = leaks(&tree, &canaries(tag, index));
        assert!(found.is_empty(), "{tag} leaked:\n{}", found.join("\n"));
    }
    assert_eq!(catalog_len(&tree), 1);
    let sitemap = String::from_utf8(tree["sitemap.xml"].clone()).unwrap();
    assert_eq!(
        sitemap.matches("/xxgk/").count(),
        1,
        "one document page in the sitemap:\n{sitemap}"
    );
}

#[test]
fn drafts_flag_publishes_drafts_but_never_non_public_documents() {
    let site = canary_site();
    let out = site.path().join("public");
    let report = build_ok(site.path(), &out, true);
    assert_eq!(report.documents, 2);
    let tree = read_tree(&out);
    let draft = leaks(&tree, &canaries(DRAFT, DRAFT_INDEX));
    assert!(
        draft.iter().any(|l| l.starts_with("catalog.json")),
        "the draft is in catalog.json: {draft:?}"
    );
    let page = format!("xxgk/caogao-{}/index.html", DRAFT.to_lowercase());
    assert!(tree.contains_key(&page), "the draft's page is built");
    assert!(contains(
        &tree[&page],
        format!("{DRAFT}正文第二段").as_bytes()
    ));
    assert!(tree.contains_key(&format!(
        "xxgk/caogao-{}/{}-fujian.pdf",
        DRAFT.to_lowercase(),
        DRAFT.to_lowercase()
    )));
    for (tag, index) in [(SECRET, SECRET_INDEX), (ON_REQUEST, ON_REQUEST_INDEX)] {
        let found = leaks(&tree, &canaries(tag, index));
        assert!(
            found.is_empty(),
            "{tag} leaked with --drafts:\n{}",
            found.join("\n")
        );
    }
    assert_eq!(catalog_len(&tree), 2);
}

#[test]
fn a_public_page_cannot_link_a_non_public_document() {
    let site = canary_site();
    let link = common::doc(
        "关于内部事项的解读",
        "doc_class: 政策解读\ninterprets: ZZCANARYSECRET〔2024〕1号\n",
        "解读正文",
    );
    common::write(site.path().join("content/xxgk/jiedu.md"), link);
    let out = site.path().join("public");
    match build(site.path(), &out, false) {
        Err(BuildError::Content(diags)) => {
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert_eq!(
                (diags[0].code, diags[0].file.as_str()),
                ("XR008", "content/xxgk/jiedu.md")
            );
        }
        other => panic!("expected XR008, got {:?}", other.map(|r| r.documents)),
    }
    assert!(!out.exists());
}
