//! The project's corpus generator (`examples/gen_corpus`, included here as a
//! module): its sites check clean and build, it writes the same bytes for
//! the same options, its canaries never reach the output, its gazette
//! references, attachments and 解读 come out where the manifest says, and
//! its Hugo and Zola layouts hold the same documents.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::read_tree;
use crate::gen_corpus as corpus;
use corpus::{Config, Format, Summary, CANARY_MARKER, MANIFEST};
use gongkai::{BuildContext, Options};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn generate(config: &Config) -> (tempfile::TempDir, Summary) {
    let site = tempfile::tempdir().unwrap();
    let summary = corpus::generate(config, site.path()).unwrap();
    (site, summary)
}

fn context(config: &Config) -> BuildContext {
    BuildContext {
        as_of: config.as_of.to_string().parse().unwrap(),
        drafts: false,
        future: false,
    }
}

fn build(root: &Path, out: &Path, config: &Config) -> gongkai::BuildReport {
    gongkai::build(&Options {
        root: root.to_path_buf(),
        output: out.to_path_buf(),
        ctx: context(config),
        progress: None,
        write: Default::default(),
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

/// The manifest as rows of column → value.
fn manifest(root: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(root.join(MANIFEST)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .map(|l| {
            header
                .iter()
                .zip(l.split('\t'))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
#[allow(clippy::print_stdout)]
fn generated_corpus_builds() {
    let config = Config::new(300);
    let (site, summary) = generate(&config);
    assert_eq!(summary.published, 300);
    assert_eq!(summary.canaries, corpus::default_canaries(300));

    // `gongkai check`: no errors; the only warnings are the expired
    // documents nobody declared (VA001), one per such document.
    let checked = gongkai::check_site(site.path(), &context(&config), &None)
        .unwrap_or_else(|e| panic!("the generated site does not check: {e:?}"));
    let codes: BTreeSet<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert!(codes.iter().all(|c| *c == "VA001"), "{codes:?}");
    assert_eq!(
        checked.diagnostics.len(),
        summary.expired_undeclared,
        "one VA001 per expired, undeclared document"
    );
    assert!(summary.expired_undeclared > 0);

    let out = site.path().join("public");
    let report = build(site.path(), &out, &config);
    assert_eq!(report.documents, 300);
    println!(
        "generated corpus: {} documents, {} warnings, {summary:?}",
        report.documents,
        report.diagnostics.len()
    );

    // The canaries are nowhere: no page, list, index, export or attachment.
    let tree = read_tree(&out);
    let marker = CANARY_MARKER.to_lowercase();
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!text.contains(&marker), "{path} holds a canary");
    }
    let rows = manifest(site.path());
    let private: Vec<_> = rows
        .iter()
        .filter(|r| r["disclosure"] != "主动公开")
        .collect();
    let kinds: BTreeSet<&str> = private.iter().map(|r| r["disclosure"].as_str()).collect();
    assert_eq!(kinds, BTreeSet::from(["不予公开", "依申请公开", "草稿"]));
    for r in &private {
        let slug = r["id"].trim_start_matches("docs/");
        assert!(!tree.keys().any(|p| p.contains(slug)), "{slug} has output");
    }

    // Catalog: every published document, each attachment with the
    // checksum of the file the generator wrote.
    let catalog = json(&out.join("catalog.json"));
    let catalog = catalog.as_array().unwrap();
    assert_eq!(catalog.len(), 300);
    let mut attachments = 0;
    for record in catalog {
        for a in record["attachments"].as_array().unwrap() {
            let url = a["url"].as_str().unwrap();
            let name = url.rsplit('/').next().unwrap();
            let name = percent_decode(name);
            let bytes = std::fs::read(site.path().join("content/docs").join(&name)).unwrap();
            assert_eq!(
                a["sha256"],
                format!("{:x}", Sha256::digest(&bytes)),
                "{name}"
            );
            attachments += 1;
        }
    }
    assert!(attachments > 0);
    let by_id: BTreeMap<&str, &serde_json::Value> = catalog
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r))
        .collect();

    // 解读: each interpretation links to the document the generator meant,
    // whichever brackets its reference was written with.
    let mut interpretations = 0;
    for r in rows.iter().filter(|r| !r["interprets"].is_empty()) {
        let target = by_id[r["interprets"].as_str()];
        let record = by_id[r["id"].as_str()];
        assert_eq!(record["interprets"], target["url"], "{}", r["id"]);
        interpretations += 1;
    }
    assert!(interpretations > 0);

    // The gazette: issues from their files (none made up), each document in
    // the issue the manifest names.
    let gazette = json(&out.join("gazette/gazette.json"));
    let issues = gazette["issues"].as_array().unwrap();
    assert_eq!(issues.len(), summary.issues);
    let mut carried = BTreeMap::new();
    for issue in issues {
        assert_eq!(issue["created_from_documents"], false);
        assert!(issue["pdf"]["size"].as_u64().unwrap() > 0);
        let key = format!("{}-{:02}", issue["year"], issue["issue"].as_u64().unwrap());
        for c in issue["contents"].as_array().unwrap() {
            carried.insert(c["id"].as_str().unwrap().to_string(), key.clone());
        }
    }
    let meant: BTreeMap<String, String> = rows
        .iter()
        .filter(|r| !r["gazette"].is_empty())
        .map(|r| (r["id"].clone(), r["gazette"].clone()))
        .collect();
    assert_eq!(carried, meant);
    assert_eq!(meant.len(), summary.gazette_refs);
    assert!(
        (30..=100).contains(&meant.len()),
        "about a fifth of 300 in the gazette: {}",
        meant.len()
    );

    // Without the issue files, every reference is an error (GZ001).
    std::fs::remove_dir_all(site.path().join("content/gazette")).unwrap();
    let Err(gongkai::BuildError::Content(diags)) =
        gongkai::check_site(site.path(), &context(&config), &None)
    else {
        panic!("gazette references to issues without files must fail");
    };
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.iter().all(|d| d.code == "GZ001"), "{errors:?}");
    assert_eq!(errors.len(), summary.gazette_refs);
}

/// `附件1 x.csv` from its percent-encoded URL segment.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn same_options_same_bytes_other_seed_other_corpus() {
    let config = Config::new(150);
    let (a, _) = generate(&config);
    let (b, _) = generate(&config);
    let tree_a = read_tree(a.path());
    assert!(tree_a.len() > 150);
    assert!(tree_a == read_tree(b.path()), "two runs differ");
    let (c, _) = generate(&Config { seed: 7, ..config });
    let tree_c = read_tree(c.path());
    let same = tree_a
        .iter()
        .filter(|(k, v)| k.ends_with(".md") && tree_c.get(*k) == Some(*v))
        .count();
    assert!(same < 5, "{same} documents equal under another seed");
}

#[test]
fn the_text_has_what_real_sites_have() {
    let config = Config::new(1000);
    let (site, summary) = generate(&config);
    let mut all = String::new();
    for (path, bytes) in read_tree(&site.path().join("content/docs")) {
        if path.ends_with(".md") {
            all.push_str(&String::from_utf8(bytes).unwrap());
        }
    }
    // 文号 in every bracket form (citations and 解读 references)
    for open in ['〔', '[', '［', '﹝', '（'] {
        let pattern = format!("{open}20");
        assert!(all.contains(&pattern), "no 文号 with {open}");
    }
    for needle in [
        "\n## ",
        "\n### ",
        "\n1. ",
        "\n- ",
        "| --- |",
        "**第一条**",
        "令第",
        "政策解读",
        "年度报告",
        "replaced_by:",
        "basis:",
        "status: 已修改",
        "status: 部分失效",
        "disclosure: 不予公开",
        "disclosure: 依申请公开",
        "draft: true",
        "attachments:",
        "政務",
        "關於",
        "slug: gf-",
        "aliases: [\"/old/",
    ] {
        assert!(all.contains(needle), "no {needle:?} in 1,000 documents");
    }
    assert!(summary.traditional >= 10, "{summary:?}");
    let size = summary.bytes as f64 / summary.files as f64;
    assert!((2500.0..7000.0).contains(&size), "average {size} bytes");
    // declared states dated after the as-of date: written, not yet in force
    let rows = manifest(site.path());
    let later = rows
        .iter()
        .filter(|r| !r["status_date"].is_empty() && r["status_date"].as_str() > "2024-06-30")
        .count();
    assert!(later > 0);
    // memory: only the declarations owed to later slots are held
    assert!(summary.max_pending < 1000 / 5, "{summary:?}");
}

#[test]
fn messy_numbers_are_normalised_with_a_warning_each() {
    let config = Config {
        messy_numbers: 0.3,
        ..Config::new(200)
    };
    let (site, _) = generate(&config);
    let messy = manifest(site.path())
        .iter()
        .filter(|r| {
            r["disclosure"] == "主动公开" && r["doc_number"].contains(['[', '［', '﹝', '（'])
        })
        .count();
    assert!(messy > 20, "{messy}");
    let checked = gongkai::check_site(site.path(), &context(&config), &None).unwrap();
    let fm023 = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "FM023")
        .count();
    assert_eq!(fm023, messy);
}

#[test]
fn hugo_and_zola_layouts_hold_the_same_documents() {
    let (gk, _) = generate(&Config::new(120));
    let published: Vec<String> = manifest(gk.path())
        .into_iter()
        .filter(|r| r["disclosure"] == "主动公开")
        .map(|r| r["id"].clone())
        .collect();
    for (format, fence) in [(Format::Hugo, "---\n"), (Format::Zola, "+++\n")] {
        let (site, summary) = generate(&Config {
            format,
            ..Config::new(120)
        });
        assert_eq!((summary.files, summary.canaries), (120, 0));
        let tree = read_tree(&site.path().join("content/docs"));
        let ids: Vec<String> = tree
            .keys()
            .filter(|k| *k != "_index.md")
            .map(|k| format!("docs/{}", k.trim_end_matches(".md")))
            .collect();
        assert_eq!(ids, published, "{format:?}");
        for (path, bytes) in &tree {
            let text = std::str::from_utf8(bytes).unwrap();
            assert!(text.starts_with(fence), "{path}");
            let head = &text[4..text[4..].find(fence).unwrap() + 4];
            if format == Format::Hugo && path != "_index.md" {
                let fm: serde_yaml::Value = serde_yaml::from_str(head).unwrap();
                for key in [
                    "title",
                    "date",
                    "agency",
                    "category",
                    "published",
                    "agencies",
                    "categories",
                ] {
                    assert!(fm.get(key).is_some(), "{path}: no {key}");
                }
            }
            if format == Format::Zola && path != "_index.md" {
                for key in [
                    "title = ",
                    "date = ",
                    "[taxonomies]",
                    "agencies = [",
                    "[extra]",
                    "published = \"",
                ] {
                    assert!(head.contains(key), "{path}: no {key}");
                }
            }
        }
        assert!(tree.contains_key("_index.md"));
    }
}
