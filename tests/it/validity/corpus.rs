//! The 失效文件清单 of a generated corpus (`examples/gen_corpus`) is
//! checked against two counts made without gongkai: the front matter of
//! every file read with plain YAML parsing and the README's rule applied to
//! the date strings (ISO dates compare as text), and the state the generator
//! recorded for each document in its manifest when it wrote it.
//!
//! `cargo test` uses 600 documents; `.ci/run` runs it again with
//! `GONGKAI_CORPUS_N=10000`. The generator declares states itself (废止 with
//! a 清理决定 or a replacing rule as basis, 失效, 已修改, 部分失效), some
//! dated after the as-of date, which must not count yet.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::id_status;
use crate::gen_corpus as corpus;
use corpus::{Config, MANIFEST};
use gongkai::{BuildContext, Options};
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::Path;

const AS_OF: &str = "2024-06-30";

/// id → state at the as-of date, as the generator recorded it.
fn recorded_states(root: &Path) -> BTreeMap<String, String> {
    manifest(root)
        .into_iter()
        .filter(|r| r[1] == "主动公开")
        .map(|r| (r[0].clone(), r[8].clone()))
        .collect()
}

/// Published documents with a declared state dated after the as-of date.
fn recorded_later(root: &Path) -> usize {
    manifest(root)
        .iter()
        .filter(|r| r[1] == "主动公开" && !r[7].is_empty() && r[7].as_str() > AS_OF)
        .count()
}

fn manifest(root: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(root.join(MANIFEST)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(
        (header[0], header[1], header[7], header[8]),
        ("id", "disclosure", "status_date", "state")
    );
    lines
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// id → state, by the rule: declared state dated on or before the as-of date
/// wins; else effective after it → 尚未生效; else expires before it → 到期失效;
/// else 有效.
fn count_from_front_matter(dir: &Path) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let yaml = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
            .map(|(y, _)| y)
            .expect("front matter");
        let fm: Value = serde_yaml::from_str(yaml).unwrap();
        // not published: in no list (tests/it/corpus.rs checks they leak nowhere)
        if field(&fm, "disclosure").is_some_and(|d| d != "主动公开")
            || fm.get("draft").and_then(Value::as_bool) == Some(true)
        {
            continue;
        }
        let class = field(&fm, "doc_class").unwrap_or("其他文件").to_string();
        let v = fm.get("validity").cloned().unwrap_or(Value::Null);
        let state = match (field(&v, "status"), field(&v, "date")) {
            (Some(s), Some(d)) if d <= AS_OF => s.to_string(),
            _ if field(&v, "effective").is_some_and(|e| e > AS_OF) => "尚未生效".into(),
            _ if field(&v, "expires").is_some_and(|x| x < AS_OF) => "到期失效".into(),
            _ => "有效".into(),
        };
        let id = format!("docs/{}", path.file_stem().unwrap().to_string_lossy());
        out.insert(id, (state, class));
    }
    out
}

#[test]
#[allow(clippy::print_stderr)]
fn expired_list_matches_an_independent_count() {
    let n: usize = std::env::var("GONGKAI_CORPUS_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(600);
    let site = tempfile::tempdir().unwrap();
    let config = Config {
        as_of: corpus::date::Day::parse(AS_OF).unwrap(),
        ..Config::new(n)
    };
    corpus::generate(&config, site.path()).unwrap();
    let docs = site.path().join("content/docs");

    let expected = count_from_front_matter(&docs);
    assert_eq!(expected.len(), n);
    // The generator's record agrees with the re-derivation from the files.
    let recorded = recorded_states(site.path());
    let derived: BTreeMap<&String, &String> = expected.iter().map(|(k, (s, _))| (k, s)).collect();
    assert_eq!(derived, recorded.iter().collect::<BTreeMap<_, _>>());
    let not_yet = recorded_later(site.path());
    assert!(not_yet > 0, "no state declared after the as-of date");
    let out = site.path().join("public");
    let report = gongkai::build(&Options {
        root: site.path().to_path_buf(),
        output: out.clone(),
        ctx: BuildContext {
            as_of: AS_OF.parse().unwrap(),
            drafts: false,
            future: false,
        },
        progress: None,
        write: Default::default(),
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(report.documents, n);

    let read = |rel: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(out.join(rel)).unwrap()).unwrap()
    };
    let gone: BTreeMap<String, String> = expected
        .iter()
        .filter(|(_, (s, _))| s != "有效" && s != "尚未生效")
        .map(|(id, (s, _))| (id.clone(), s.clone()))
        .collect();
    let expired = id_status(&read("validity/expired.json"));
    // name the first few differences, not 10,000 lines
    let missing: Vec<_> = gone
        .keys()
        .filter(|k| !expired.contains_key(*k))
        .take(5)
        .collect();
    let extra: Vec<_> = expired
        .keys()
        .filter(|k| !gone.contains_key(*k))
        .take(5)
        .collect();
    let wrong: Vec<_> = gone
        .iter()
        .filter(|(k, s)| expired.get(*k).is_some_and(|t| t != *s))
        .take(5)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && wrong.is_empty(),
        "expired.json disagrees with the front matter: missing {missing:?}, extra {extra:?}, wrong state {wrong:?}"
    );
    assert_eq!(expired.len(), gone.len());

    let mut by_state: BTreeMap<&str, usize> = BTreeMap::new();
    for s in gone.values() {
        *by_state.entry(s.as_str()).or_default() += 1;
    }
    for state in ["到期失效", "废止", "失效", "已修改", "部分失效"] {
        assert!(
            by_state.get(state).copied().unwrap_or(0) > 0,
            "the corpus has no {state}: the test would not cover it ({by_state:?})"
        );
    }
    // the 继续有效目录 too: 规章 and 规范性文件 in force
    let in_force: BTreeMap<String, String> = expected
        .iter()
        .filter(|(_, (s, c))| {
            (c == "规章" || c == "规范性文件")
                && matches!(s.as_str(), "有效" | "已修改" | "部分失效")
        })
        .map(|(id, (s, _))| (id.clone(), s.clone()))
        .collect();
    assert_eq!(id_status(&read("validity/valid.json")), in_force);
    eprintln!(
        "{n} documents: {} no longer valid {by_state:?}, {} in the 继续有效目录",
        gone.len(),
        in_force.len()
    );
}
