//! Every input the fuzzers (tests/fuzz/) found to crash, hang or run slow,
//! run through the same entry points as the fuzz targets, each with a time
//! budget. Files are `tests/fuzz/regressions/<target>-<what>`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongkai::load::{SourceFile, SourceKind, Sources};
use gongkai::BuildContext;
use std::time::{Duration, Instant};

const SITE: &str = "title: 模糊测试站点\nbase_url: https://fuzz.example.gov.cn/\n";

/// Mirrors tests/fuzz/fuzz_targets/*.rs.
fn run_target(target: &str, data: &[u8]) {
    match target {
        "frontmatter" => {
            if let Ok(text) = gongkai::load::decode_text(data) {
                let _ = gongkai::yaml::frontmatter::parse_front_matter(&text, "content/fuzz.md");
            }
        }
        "markdown" => {
            if let Ok(text) = std::str::from_utf8(data) {
                let _ = gongkai::markdown::render_markdown(text);
            }
        }
        "check" => {
            let Ok(text) = gongkai::load::decode_text(data) else {
                return;
            };
            let config = gongkai::config::parse_config(SITE).unwrap();
            let ctx = BuildContext {
                as_of: "2025-01-01".parse().unwrap(),
                drafts: true,
                future: false,
            };
            let sources = Sources {
                files: vec![
                    SourceFile {
                        rel_path: "xxgk/2024/fuzz.md".into(),
                        kind: SourceKind::Document,
                        text: text.clone(),
                    },
                    SourceFile {
                        rel_path: "pages/fuzz.md".into(),
                        kind: SourceKind::Page,
                        text,
                    },
                ],
                ..Sources::default()
            };
            let parsed = gongkai::parse::parse_documents(&sources, &config, &ctx);
            let _ = gongkai::index::build_index(parsed, &config, &ctx);
        }
        other => panic!("unknown fuzz target {other}"),
    }
}

#[test]
fn every_fuzz_finding_stays_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let target = name.split('-').next().unwrap();
        let data = std::fs::read(dir.join(&name)).unwrap();
        let start = Instant::now();
        run_target(target, &data);
        // the fuzzer's timeout was 10 s in release; debug builds get 5 s
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{name} took {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn the_flow_nesting_bomb_is_an_error_with_a_line() {
    let data = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz/regressions/frontmatter-timeout-flow-nesting"),
    )
    .unwrap();
    let text = gongkai::load::decode_text(&data).unwrap();
    let found = gongkai::yaml::frontmatter::parse_front_matter(&text, "content/a.md").unwrap_err();
    let err = &found[0];
    assert_eq!(
        (found.len(), err.code, err.line),
        (1, "LIM005", Some(2)),
        "{err}"
    );
}
