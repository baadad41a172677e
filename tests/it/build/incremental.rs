//! A build over an existing output folder writes only what changed: a
//! rebuild with nothing edited writes and deletes nothing (every file keeps
//! its inode and time), an edit rewrites the pages that show the edited
//! document, and the folder always ends byte-identical to a fresh build.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{assert_same_tree, build_ok, copy_site_to, fixture, read_tree, write};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Output path → (inode, modification time in ns).
fn identities(dir: &Path) -> BTreeMap<String, (u64, i64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap();
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, (m.ino(), m.mtime() * 1_000_000_000 + m.mtime_nsec()))
        })
        .collect()
}

fn fresh_build_of(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    build_ok(root, &out.path().join("public"), false);
    read_tree(&out.path().join("public"))
}

#[test]
fn a_rebuild_with_nothing_edited_touches_no_file() {
    let site = tempfile::tempdir().unwrap();
    copy_site_to(&fixture("catalog"), site.path());
    let public = site.path().join("public");
    let first = build_ok(site.path(), &public, false);
    assert_eq!(
        first.written, first.files,
        "a first build writes everything"
    );
    let before = identities(&public);

    let again = build_ok(site.path(), &public, false);
    assert_eq!((again.written, again.deleted), (0, 0));
    assert_eq!(again.files, first.files);
    assert_eq!(identities(&public), before, "no file was replaced");

    // Without the record public/ is no longer known to be gongkai's: it is
    // refused, and with --force the files are compared byte by byte: still
    // nothing written.
    std::fs::remove_dir_all(site.path().join(".gongkai")).unwrap();
    let opts = |force| gongkai::Options {
        root: site.path().to_path_buf(),
        output: public.clone(),
        ctx: crate::common::ctx(false),
        progress: None,
        write: gongkai::output::WriteOptions {
            force,
            ..Default::default()
        },
    };
    assert!(
        gongkai::build(&opts(false)).is_err(),
        "refused without --force"
    );
    let no_manifest = gongkai::build(&opts(true)).unwrap();
    assert_eq!((no_manifest.written, no_manifest.deleted), (0, 0));
    assert_eq!(identities(&public), before);
}

#[test]
fn an_edit_rewrites_what_shows_it_and_ends_like_a_fresh_build() {
    let site = tempfile::tempdir().unwrap();
    copy_site_to(&fixture("catalog"), site.path());
    let public = site.path().join("public");
    build_ok(site.path(), &public, false);
    let before = identities(&public);

    // Retitle one document and delete another.
    let docs: Vec<_> = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| {
            std::fs::read_to_string(e.path())
                .unwrap()
                .contains("\nagency:")
        })
        .map(|e| e.into_path())
        .collect();
    assert!(docs.len() >= 2);
    let text = std::fs::read_to_string(&docs[0]).unwrap();
    let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap();
    write(
        &docs[0],
        text.replacen(title_line, "title: 改过标题的增量测试文件", 1),
    );
    std::fs::remove_file(&docs[1]).unwrap();

    let report = build_ok(site.path(), &public, false);
    let after = identities(&public);
    assert!(report.written > 0 && report.deleted > 0, "{report:?}");
    let kept = |rel: &str| before.contains_key(rel) && before.get(rel) == after.get(rel);
    assert!(
        kept("assets/site.css"),
        "unchanged files keep their inode and time"
    );
    let untouched_doc_pages = after
        .keys()
        .filter(|rel| rel.starts_with("xxgk/") && rel.ends_with("/index.html") && kept(rel))
        .count();
    assert!(
        untouched_doc_pages > 0,
        "pages of other documents were rewritten: {report:?}"
    );
    let replaced = after
        .iter()
        .filter(|(rel, id)| before.get(*rel).is_some_and(|old| old != *id))
        .count();
    let added = after
        .keys()
        .filter(|rel| !before.contains_key(*rel))
        .count();
    assert_eq!(
        replaced + added,
        report.written,
        "the report counts what changed on disk"
    );
    assert_same_tree(
        &fresh_build_of(site.path()),
        &read_tree(&public),
        "an incremental build and a fresh build",
    );
}

#[test]
fn settings_and_the_as_of_date_reach_every_page_they_change() {
    let site = tempfile::tempdir().unwrap();
    copy_site_to(&fixture("catalog"), site.path());
    let public = site.path().join("public");
    build_ok(site.path(), &public, false);
    // More documents per list page: pagination changes, the documents do not.
    let yaml = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    write(&yaml, text.replacen("per_page: 5", "per_page: 6", 1));
    let report = build_ok(site.path(), &public, false);
    assert!(report.written > 0, "{report:?}");
    assert_same_tree(
        &fresh_build_of(site.path()),
        &read_tree(&public),
        "a build after a settings change and a fresh build",
    );
    // Raw HTML in a document, then a policy that escapes it: the setting alone
    // changes that document's page.
    let doc = site.path().join("content/xxgk/2024");
    let doc = std::fs::read_dir(&doc)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .unwrap();
    let body = std::fs::read_to_string(&doc).unwrap();
    write(&doc, format!("{body}\n<mark>重点</mark>\n"));
    build_ok(site.path(), &public, false);
    let text = std::fs::read_to_string(&yaml).unwrap();
    write(&yaml, format!("{text}\nraw_html: escape\n"));
    let report = build_ok(site.path(), &public, false);
    assert!(report.written > 0, "{report:?}");
    assert_same_tree(
        &fresh_build_of(site.path()),
        &read_tree(&public),
        "a build after a raw_html policy change and a fresh build",
    );
    // Another day: validity moves, and with it banners, lists and the index.
    let later = gongkai::BuildContext {
        as_of: jiff::civil::date(2030, 1, 1),
        drafts: false,
        future: false,
    };
    let build_at = |out: &Path| {
        gongkai::build(&gongkai::Options {
            root: site.path().to_path_buf(),
            output: out.to_path_buf(),
            ctx: later.clone(),
            progress: None,
            write: Default::default(),
        })
        .unwrap()
    };
    build_at(&public);
    let fresh = tempfile::tempdir().unwrap();
    build_at(&fresh.path().join("public"));
    assert_same_tree(
        &read_tree(&fresh.path().join("public")),
        &read_tree(&public),
        "a build at a later as-of date and a fresh build at that date",
    );
}

#[test]
fn a_file_changed_by_hand_in_the_output_is_put_right() {
    let site = tempfile::tempdir().unwrap();
    copy_site_to(&fixture("catalog"), site.path());
    let public = site.path().join("public");
    build_ok(site.path(), &public, false);
    let good = read_tree(&public);
    // Same size, other bytes: only the time tells.
    let home = public.join("index.html");
    let mut bytes = std::fs::read(&home).unwrap();
    bytes[0] = b'X';
    std::fs::write(&home, &bytes).unwrap();
    write(public.join("stray/leftover.html"), "x");

    // The edited page of gongkai's is put right; the hand-added file is
    // not gongkai's, so it is kept and reported (issue 14: it used to be
    // deleted).
    let report = build_ok(site.path(), &public, false);
    assert_eq!((report.written, report.deleted), (1, 0), "{report:?}");
    assert_eq!(report.foreign, ["stray/leftover.html"]);
    let mut with_stray = good.clone();
    with_stray.insert("stray/leftover.html".into(), b"x".to_vec());
    assert_same_tree(&with_stray, &read_tree(&public), "the repaired output");
}

/// The search files are kept by a plain rebuild only when nothing they are
/// made of changed: an annual report's prose is part of it (issue 20).
#[test]
fn a_report_edit_reaches_the_search_files() {
    let site = tempfile::tempdir().unwrap();
    copy_site_to(&crate::common::crate_root(), site.path());
    let public = site.path().join("public");
    build_ok(site.path(), &public, false);
    let report = site.path().join("content/reports/2023/jyj.md");
    let text = std::fs::read_to_string(&report).unwrap();
    write(&report, format!("{text}\n本年度试行鹭洲码公开流程。\n"));
    let rebuilt = build_ok(site.path(), &public, false);
    assert!(rebuilt.written > 0 && rebuilt.deleted == 0, "{rebuilt:?}");
    let tree = read_tree(&public);
    assert!(
        tree.iter()
            .filter(|(rel, _)| rel.starts_with("search/d/"))
            .flat_map(|(_, pack)| gongkai::search::pack::items(pack).unwrap())
            .map(|item| gongkai::search::pack::FRAGMENTS.open(item).unwrap())
            .any(|fragment| String::from_utf8_lossy(&fragment).contains("鹭洲码")),
        "the report's fragment was not rebuilt"
    );
    assert_same_tree(
        &fresh_build_of(site.path()),
        &tree,
        "an incremental build and a fresh build",
    );
}
