//! The shared corpus generator's output (`../shared/gen_corpus.py`, YAML
//! format) is accepted as is: 300 generated documents build with no errors.
//! About a fifth carry a gazette reference and the generator writes no issue
//! files, so the site opts in to creating issues from their documents.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{build_ok, write, MINIMAL_SITE};
use std::path::Path;
use std::process::Command;

#[test]
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn generated_corpus_builds() {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    if !shared.join("gen_corpus.py").is_file() || !shared.join("seeds").is_dir() {
        eprintln!(
            "skipped: {} has no gen_corpus.py and seeds/",
            shared.display()
        );
        return;
    }
    let site = tempfile::tempdir().unwrap();
    write(site.path().join("site.yaml"), MINIMAL_SITE);
    let docs = site.path().join("content/docs");
    let status = match Command::new("python3")
        .arg(shared.join("gen_corpus.py"))
        .arg("--seeds")
        .arg(shared.join("seeds"))
        .args(["--count", "300", "--out"])
        .arg(&docs)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipped: python3 cannot be run ({e})");
            return;
        }
    };
    assert!(
        status.status.success(),
        "gen_corpus.py failed:\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let generated = std::fs::read_dir(&docs)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "md")
        })
        .count();
    assert_eq!(generated, 300);

    // without the opt-in every reference to an issue without a file is an error
    let out = site.path().join("public");
    let Err(gongkai::BuildError::Content(diags)) = common::build(site.path(), &out, false) else {
        panic!("gazette references to issues without files must fail the build");
    };
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(
        !errors.is_empty() && errors.iter().all(|d| d.code == "GZ001"),
        "{errors:?}"
    );
    write(
        site.path().join("site.yaml"),
        format!("{MINIMAL_SITE}gazette:\n  auto_create_issues: true\n"),
    );
    let report = build_ok(site.path(), &out, false);
    assert_eq!(report.documents, 300);
    println!(
        "generated corpus: {} documents, {} warnings",
        report.documents,
        report.diagnostics.len()
    );
    let catalog: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("catalog.json")).unwrap()).unwrap();
    assert_eq!(catalog.as_array().unwrap().len(), 300);
    let referencing = catalog
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["gazette"].is_null())
        .count();
    let gazette: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("gazette/gazette.json")).unwrap()).unwrap();
    let issues = gazette["issues"].as_array().unwrap();
    let carried: usize = issues
        .iter()
        .map(|i| i["contents"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        carried,
        errors.len(),
        "one GZ001 per reference before the opt-in"
    );
    assert_eq!(
        carried, referencing,
        "every referenced document is in its issue"
    );
    assert!(
        (30..=90).contains(&referencing),
        "about 20% of 300 carry a reference: {referencing}"
    );
    assert!(issues.iter().all(|i| i["created_from_documents"] == true
        && out
            .join(
                i["url"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("https://www.example.gov.cn/")
            )
            .join("index.html")
            .is_file()));
}
