//! The 失效文件清单 of a generated corpus is checked against a count made
//! here, independently: the front matter of every file is read with plain
//! YAML parsing and the rule of DOMAIN.md is applied to the date strings
//! (ISO dates compare as text), without calling gongkai's derivation.
//!
//! `cargo test` uses 600 documents; `.ci/run` runs it again with
//! `GONGKAI_CORPUS_N=10000`. One document in seven gets a declared state
//! (some dated after the as-of date, which must not count yet), because the
//! generator itself only writes `effective` and `expires`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{id_status, write, MINIMAL_SITE};
use gongkai::{BuildContext, Options};
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const AS_OF: &str = "2024-06-30";
const DECLARED: [&str; 4] = ["废止", "失效", "已修改", "部分失效"];

/// Adds a declared state to every seventh document, dated from its own dates.
fn declare_some(dir: &Path) -> usize {
    let mut changed = 0;
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for (i, path) in files.iter().enumerate() {
        if i % 7 != 3 {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let Some(at) = text.find("  effective: ") else {
            continue;
        };
        let line_end = at + text[at..].find('\n').unwrap() + 1;
        let effective = &text[at + 13..line_end - 1];
        let year: i32 = effective[..4].parse().unwrap();
        // half before the as-of date (counts), half after (does not yet)
        let date = if (i / 7) % 2 == 0 {
            format!("{}{}", year + 1, &effective[4..]).replace("-02-29", "-02-28")
        } else {
            "2024-12-01".to_string()
        };
        let status = DECLARED[(i / 14) % 4];
        let insert = format!("  status: {status}\n  date: {date}\n  reason: 测试\n");
        let mut new = text.clone();
        new.insert_str(line_end, &insert);
        std::fs::write(path, new).unwrap();
        changed += 1;
    }
    changed
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
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    assert!(
        shared.join("gen_corpus.py").is_file(),
        "../shared/gen_corpus.py is needed for this test"
    );
    let site = tempfile::tempdir().unwrap();
    // the generated corpus cites gazette issues it has no files for
    write(
        site.path().join("site.yaml"),
        format!("{MINIMAL_SITE}gazette:\n  auto_create_issues: true\n"),
    );
    let docs = site.path().join("content/docs");
    let status = Command::new("python3")
        .arg(shared.join("gen_corpus.py"))
        .arg("--seeds")
        .arg(shared.join("seeds"))
        .args(["--count", &n.to_string(), "--asof", AS_OF, "--out"])
        .arg(&docs)
        .output()
        .expect("python3 runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let declared = declare_some(&docs);
    assert!(declared >= n / 8, "only {declared} declarations added");

    let expected = count_from_front_matter(&docs);
    assert_eq!(expected.len(), n);
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
