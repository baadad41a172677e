//! The disclosure rule: documents that are 不予公开 or 依申请公开 appear in no
//! output file at all, and drafts only with `--drafts`. Each hidden document
//! carries unique canary strings in every field, its body, its file name and
//! its attachment's name; every byte and every path of public/ is searched —
//! raw, and decoded the ways a format can hide text (JSON `\u` escapes, HTML
//! and XML character references, percent-encoding), so any output file of any
//! format, including ones added later, is covered without listing it here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{build, build_ok, read_tree, site_with};
use gongkai::BuildError;
use std::collections::BTreeMap;

/// A hidden document whose every field holds `tag` (upper case in text,
/// lower case in names) and whose 索引号 is `index`.
fn hidden_doc(tag: &str, index: &str, extra: &str) -> String {
    let lower = tag.to_lowercase();
    let cjk = cjk_canary(tag);
    format!(
        "---\ntitle: {tag}标题{cjk}关于内部事项的通知\nagency: 某市人民政府办公室\ncategory: 综合政务\npublished: 2024-05-31\n\
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
    let public = crate::common::doc(
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

/// A Chinese canary per tag: found only if escaped text is decoded.
fn cjk_canary(tag: &str) -> &'static str {
    match tag {
        SECRET => "甲绝密乙",
        ON_REQUEST => "丙申请丁",
        _ => "戊草稿己",
    }
}

/// The canaries of one hidden document: its tag in both cases, its 索引号
/// (and the number alone, which survives any escaping of the slash), and a
/// Chinese phrase (which JSON, HTML and URLs may escape).
fn canaries(tag: &str, index: &str) -> Vec<String> {
    vec![
        tag.to_string(),
        tag.to_lowercase(),
        index.to_string(),
        index.split('/').next().unwrap().to_string(),
        cjk_canary(tag).to_string(),
    ]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `%E7%94%B2` → bytes.
fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// `&#x7532;`, `&#29993;`, `&amp;` … → text.
fn entity_decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every string (and key) in a JSON document, one per line.
fn json_strings(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| json_strings(i, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push_str(k);
                out.push('\n');
                json_strings(v, out);
            }
        }
        other => {
            out.push_str(&other.to_string());
            out.push('\n');
        }
    }
}

/// A file as stored, and as each decoding that could hide a canary shows it.
/// Format-agnostic: every decoding is tried on every file.
fn views(bytes: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = vec![
        ("raw", bytes.to_vec()),
        ("percent-decoded", percent_decode(bytes)),
    ];
    if let Ok(text) = std::str::from_utf8(bytes) {
        out.push(("entity-decoded", entity_decode(text).into_bytes()));
        let trimmed = text.trim_start_matches('\u{feff}');
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(trimmed) {
            let mut s = String::new();
            json_strings(&v, &mut s);
            out.push(("JSON strings", s.into_bytes()));
        }
        // JSON embedded in HTML (JSON-LD) or JS: undo \uXXXX escapes anywhere
        if text.contains("\\u") {
            out.push(("\\u-decoded", unicode_unescape(text).into_bytes()));
        }
    }
    out
}

fn unicode_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let hex = rest
            .get(i + 2..i + 6)
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        match hex.and_then(char::from_u32) {
            Some(c) => {
                out.push(c);
                rest = &rest[i + 6..];
            }
            None => {
                out.push_str("\\u");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every (path, canary) where the canary shows up in a path or any view of a file.
fn leaks(tree: &BTreeMap<String, Vec<u8>>, canaries: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in tree {
        let decoded_path = String::from_utf8_lossy(&percent_decode(path.as_bytes())).to_string();
        let file_views = views(bytes);
        for c in canaries {
            if path.contains(c.as_str()) || decoded_path.contains(c.as_str()) {
                found.push(format!("path {path} contains {c}"));
            }
            for (how, view) in &file_views {
                if contains(view, c.as_bytes()) {
                    found.push(format!("{path} ({how}) contains {c}"));
                }
            }
        }
    }
    found
}

#[test]
fn the_decoders_find_escaped_canaries() {
    let canary = ["甲绝密乙".to_string()];
    let mut tree = BTreeMap::new();
    tree.insert(
        "a.json".to_string(),
        br#"{"t": "\u7532\u7edd\u5bc6\u4e59"}"#.to_vec(),
    );
    tree.insert(
        "b.html".to_string(),
        "&#x7532;&#32477;&#x5BC6;&#x4e59;".as_bytes().to_vec(),
    );
    tree.insert(
        "c.txt".to_string(),
        b"%E7%94%B2%E7%BB%9D%E5%AF%86%E4%B9%99".to_vec(),
    );
    tree.insert(
        "d.js".to_string(),
        br#"var x = "\u7532\u7edd\u5bc6\u4e59";"#.to_vec(),
    );
    tree.insert(
        "%E7%94%B2%E7%BB%9D%E5%AF%86%E4%B9%99/index.html".to_string(),
        Vec::new(),
    );
    let found = leaks(&tree, &canary);
    for name in tree.keys() {
        assert!(
            found.iter().any(|l| l.contains(name.as_str())),
            "{name} missed: {found:#?}"
        );
    }
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
    // the searcher works: the public document's own title is found in every
    // format that lists documents
    let public = leaks(&tree, &["关于开展政务公开调研的通知".to_string()]);
    for file in ["index.html", "feed.xml", "catalog.json", "catalog.csv"] {
        assert!(
            public.iter().any(|l| l.starts_with(&format!("{file} "))),
            "public title not found in {file}: {public:#?}"
        );
    }
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
    // the folder's own page (`/xxgk/`) lists only the public document
    assert_eq!(
        sitemap.matches("/xxgk/").count() - sitemap.matches("/xxgk/</loc>").count(),
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
    let link = crate::common::doc(
        "关于内部事项的解读",
        "doc_class: 政策解读\ninterprets: ZZCANARYSECRET〔2024〕1号\n",
        "解读正文",
    );
    crate::common::write(site.path().join("content/xxgk/jiedu.md"), link);
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
