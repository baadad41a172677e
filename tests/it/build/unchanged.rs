//! A rebuild with nothing changed skips every stage (`pipeline::unchanged`):
//! it reports what the last build reported and touches no file; a change to
//! any input (a content file, an attachment, site.yaml, a theme file, a file
//! added or removed, the as-of date, `--drafts`, `--future`) or to the
//! output folder (a file of ours edited or deleted) runs the whole build,
//! which ends as a fresh build of the same inputs would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{assert_same_tree, copy_site_to, fixture, read_tree, write};
use gongkai::{BuildContext, BuildReport, Options};
use std::path::Path;

/// Inputs changed less than a second before a build are not trusted to its
/// key (`unchanged::RACY`): wait that long, so the next build saves one.
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(1200));
}

fn at(as_of: &str, drafts: bool, future: bool) -> BuildContext {
    BuildContext {
        as_of: as_of.parse().unwrap(),
        drafts,
        future,
    }
}

fn plain() -> BuildContext {
    at(crate::common::AS_OF, false, false)
}

fn build(root: &Path, out: &Path, ctx: &BuildContext) -> BuildReport {
    gongkai::build(&Options {
        root: root.to_path_buf(),
        output: out.to_path_buf(),
        ctx: ctx.clone(),
        progress: None,
        write: Default::default(),
    })
    .unwrap_or_else(|e| panic!("build failed: {e:?}"))
}

/// A copy of fixture `name` with a draft and a document dated after the
/// as-of date (so that `--drafts` and `--future` change the output).
fn site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_site_to(&fixture(name), dir.path());
    let doc = |title: &str, published: &str, extra: &str| {
        format!(
            "---\ntitle: {title}\nagency: 临江市人民政府办公室\ncategory: 综合政务/政务公开\npublished: {published}\n{extra}---\n正文。\n"
        )
    };
    if name == "catalog" {
        write(
            dir.path().join("content/xxgk/2024/draft-1.md"),
            doc("草稿一件", "2024-03-01", "draft: true\n"),
        );
        write(
            dir.path().join("content/xxgk/2024/later-1.md"),
            doc("日后发布的通知", "2025-06-01", ""),
        );
    }
    dir
}

/// Builds until a build finds nothing changed, and checks that it then
/// reports what the full build before it did and touches no file.
fn primed(root: &Path, out: &Path, ctx: &BuildContext) {
    settle();
    let full = build(root, out, ctx);
    assert!(
        !full.unchanged,
        "the first build after a change runs in full"
    );
    let before = identities(out);
    let same = build(root, out, ctx);
    assert!(same.unchanged, "nothing changed: no stage runs");
    assert_eq!((same.written, same.deleted), (0, 0));
    assert_eq!(
        (same.documents, same.drafts, same.files, same.bytes),
        (full.documents, full.drafts, full.files, full.bytes)
    );
    assert_eq!(same.diagnostics, full.diagnostics);
    assert_eq!(same.scheduled, full.scheduled);
    assert_eq!(same.foreign, full.foreign);
    assert_eq!(identities(out), before, "no file was touched");
}

/// Output path → (inode, modification time, size).
fn identities(dir: &Path) -> Vec<(String, u64, std::time::SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, m.ino(), m.modified().unwrap(), m.len())
        })
        .collect()
}

/// The site after `change`, built in full, ends as a fresh build of it.
fn rebuilt_after(name: &str, ctx_after: BuildContext, change: impl FnOnce(&Path)) {
    let site = site(name);
    let out = site.path().join("public");
    primed(site.path(), &out, &plain());
    change(site.path());
    let report = build(site.path(), &out, &ctx_after);
    assert!(!report.unchanged, "a changed input runs the whole build");
    let fresh = tempfile::tempdir().unwrap();
    build(site.path(), &fresh.path().join("public"), &ctx_after);
    assert_same_tree(
        &read_tree(&out),
        &read_tree(&fresh.path().join("public")),
        "rebuild after the change against a fresh build",
    );
}

fn edit(path: impl AsRef<Path>, from: &str, to: &str) {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_rebuild_with_nothing_changed_runs_no_stage() {
    let site = site("catalog");
    let out = site.path().join("public");
    primed(site.path(), &out, &plain());
    // and again: the fast path leaves its record in place
    let again = build(site.path(), &out, &plain());
    assert!(again.unchanged);
}

#[test]
fn an_edited_body_is_rebuilt() {
    rebuilt_after("catalog", plain(), |root| {
        // same length: only the times tell
        edit(
            root.join("content/xxgk/2024/gf-2024-02.md"),
            "请认真贯彻执行",
            "请遵照认真执行",
        );
    });
}

#[test]
fn a_changed_attachment_is_rebuilt() {
    rebuilt_after("catalog", plain(), |root| {
        let pdf = root.join("content/xxgk/2024/fj-2024-02-1.pdf");
        let mut bytes = std::fs::read(&pdf).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&pdf, bytes).unwrap();
    });
}

#[test]
fn a_changed_site_yaml_is_rebuilt() {
    rebuilt_after("catalog", plain(), |root| {
        let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
        let line = yaml.lines().find(|l| l.starts_with("title:")).unwrap();
        edit(root.join("site.yaml"), line, "title: 改过名字的网站");
    });
}

#[test]
fn a_changed_theme_file_is_rebuilt() {
    rebuilt_after("theme-override", plain(), |root| {
        edit(
            root.join("themes/custom/templates/document.html"),
            "发文字号：",
            "文号：",
        );
    });
}

#[test]
fn an_added_and_a_removed_file_are_rebuilt() {
    rebuilt_after("catalog", plain(), |root| {
        write(
            root.join("content/xxgk/2024/new-1.md"),
            "---\ntitle: 新增的通知\nagency: 临江市人民政府办公室\ncategory: 综合政务/政务公开\npublished: 2024-08-01\n---\n新的正文。\n",
        );
    });
    rebuilt_after("catalog", plain(), |root| {
        std::fs::remove_file(root.join("content/xxgk/2024/later-1.md")).unwrap();
    });
}

#[test]
fn another_as_of_date_drafts_or_future_is_rebuilt() {
    rebuilt_after("catalog", at("2030-01-01", false, false), |_| {});
    rebuilt_after("catalog", at(crate::common::AS_OF, true, false), |_| {});
    rebuilt_after("catalog", at(crate::common::AS_OF, false, true), |_| {});
}

#[test]
fn a_file_of_ours_edited_or_deleted_in_the_output_is_restored() {
    let site = site("catalog");
    let out = site.path().join("public");
    primed(site.path(), &out, &plain());
    let good = read_tree(&out);
    std::fs::write(out.join("index.html"), "被人改过").unwrap();
    std::fs::remove_file(out.join("catalog.json")).unwrap();
    let repaired = build(site.path(), &out, &plain());
    assert!(!repaired.unchanged);
    assert_eq!((repaired.written, repaired.deleted), (2, 0));
    assert_same_tree(&read_tree(&out), &good, "repaired output");
}

#[test]
fn a_file_not_ours_added_to_the_output_is_reported_as_before() {
    let site = site("catalog");
    let out = site.path().join("public");
    primed(site.path(), &out, &plain());
    write(out.join("extra/notes.txt"), "站点管理员的笔记");
    let report = build(site.path(), &out, &plain());
    assert!(report.unchanged, "inputs and our files are as they were");
    assert_eq!(report.foreign, ["extra/notes.txt"]);
    // a damaged record of the last build: a full build, same report
    let books = std::fs::read_dir(site.path().join(".gongkai/outputs"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(books.join("last-build"), "{不是 JSON").unwrap();
    let full = build(site.path(), &out, &plain());
    assert!(!full.unchanged);
    assert_eq!(full.foreign, report.foreign);
    assert_eq!((full.written, full.deleted), (0, 0));
}

#[test]
fn another_output_folder_is_built_in_full() {
    let site = site("catalog");
    let out = site.path().join("public");
    primed(site.path(), &out, &plain());
    let other = site.path().join("public2");
    assert!(!build(site.path(), &other, &plain()).unchanged);
    assert_same_tree(&read_tree(&out), &read_tree(&other), "both folders");
}
