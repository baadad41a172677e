//! Issue 20: a build killed in the middle of its final commit is recovered.
//! `gongkai build` is aborted (`std::process::abort`, as abrupt as a
//! SIGKILL: no unwinding, no clean-up) before step 0, 1, 2, … of its commit
//! (`GONGKAI_TEST_ABORT_AT_COMMIT_STEP`); the next process to take the
//! output folder finds the journal and leaves the folder exactly the
//! previous site or exactly the new one, its record matching it, with no
//! staging folder and no journal; the next plain build (no `--force`) then
//! gives the new site.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{
    assert_same_tree, build_ok, copy_site_to, doc, fixture, gongkai, read_tree, write, AS_OF,
};
use gongkai::output::{Claim, WriteOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Tree = BTreeMap<String, Vec<u8>>;

/// The minimal site, built into `out`, with a file of someone else's in it.
fn previous_site(site: &Path, out: &Path) {
    if site.exists() {
        std::fs::remove_dir_all(site).unwrap();
    }
    if out.exists() {
        std::fs::remove_dir_all(out).unwrap();
    }
    copy_site_to(&fixture("minimal"), site);
    build_ok(site, out, false);
    write(out.join("hand-added.txt"), "mine");
}

/// The edit that makes the next build delete a document's pages (stale
/// files, an emptied folder), add another's (a new folder) and change the
/// lists and feeds (replaced files).
fn edit(site: &Path) {
    std::fs::remove_file(site.join("content/xxgk/tongzhi-1.md")).unwrap();
    write(
        site.join("content/xxgk/new/tongzhi-2.md"),
        doc("关于新事项的通知", "", "正文"),
    );
}

/// Runs `gongkai build` on `site` into `out`, aborted before commit step
/// `k`: true when it was aborted, false when it finished (the commit has
/// fewer steps).
fn build_aborted_at(site: &Path, out: &Path, k: usize, cwd: &Path) -> bool {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let mut command = gongkai();
    command
        .args(["--root".as_ref(), site.as_os_str()])
        .args(["--as-of", AS_OF, "--quiet", "build", "--output"])
        .arg(out)
        .env("GONGKAI_TEST_ABORT_AT_COMMIT_STEP", k.to_string())
        // An abort may dump core: nowhere near the repository, and none.
        .current_dir(cwd);
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between
    // fork and exec.
    unsafe {
        command.pre_exec(|| {
            let none = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &none);
            Ok(())
        });
    }
    let status = command.status().expect("run gongkai");
    if status.success() {
        return false;
    }
    assert_eq!(
        status.signal(),
        Some(libc::SIGABRT),
        "step {k}: the build failed instead of being aborted: {status:?}"
    );
    true
}

/// The record lists exactly the folder's files (but the hand-added one),
/// with their sizes.
fn assert_record_matches(claim: &Claim, tree: &Tree, what: &str) {
    let record = claim
        .record()
        .unwrap_or_else(|| panic!("{what}: no record"));
    let ours: Vec<(&String, &Vec<u8>)> = tree
        .iter()
        .filter(|(rel, _)| rel.as_str() != "hand-added.txt")
        .collect();
    assert_eq!(record.len(), ours.len(), "{what}: record and folder differ");
    for (rel, bytes) in ours {
        let entry = record
            .get(rel)
            .unwrap_or_else(|| panic!("{what}: {rel} is not in the record"));
        assert_eq!(entry.len, bytes.len() as u64, "{what}: {rel}");
    }
}

/// Files of staging folders and journals anywhere under `dirs`.
fn leftovers(dirs: &[&Path]) -> Vec<PathBuf> {
    dirs.iter()
        .flat_map(|d| walkdir::WalkDir::new(d).into_iter().filter_map(Result::ok))
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name == "staging"
                || name == ".gongkai-staging"
                || name == "journal"
                || name.ends_with(".tmp")
        })
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// Kills the build of the edited site before every `stride`-th step of its
/// commit and each of the last ones (around saving the record), each time
/// from the previous site built afresh at the same paths.
fn kill_every_step(tmp: &Path, site: &Path, out: &Path, stride: usize) {
    previous_site(site, out);
    let before = read_tree(out);
    edit(site);
    let fresh = tmp.join("fresh");
    copy_site_to(site, &fresh);
    build_ok(&fresh, &fresh.join("public"), false);
    let mut after = read_tree(&fresh.join("public"));
    after.insert("hand-added.txt".into(), b"mine".to_vec());
    assert_ne!(before, after);

    let mut outcomes = BTreeSet::new();
    let mut killed = |k: usize| -> bool {
        previous_site(site, out);
        assert_same_tree(&before, &read_tree(out), "the previous site");
        edit(site);
        if !build_aborted_at(site, out, k, tmp) {
            return false;
        }
        // The next process to take the folder recovers it before anything else.
        let claim = Claim::take(site, out, &WriteOptions::default())
            .unwrap_or_else(|e| panic!("step {k}: the folder is not taken back: {e:#}"));
        let recovered = read_tree(out);
        let outcome = if recovered == before {
            "previous"
        } else {
            assert_same_tree(&after, &recovered, &format!("killed at step {k}"));
            "new"
        };
        outcomes.insert(outcome);
        assert_record_matches(&claim, &recovered, &format!("killed at step {k}"));
        let left = leftovers(&[site, out]);
        assert!(left.is_empty(), "killed at step {k}: left {left:?}");
        drop(claim);
        // ... and a plain build, without --force, gives the new site.
        build_ok(site, out, false);
        assert_same_tree(&after, &read_tree(out), &format!("build after step {k}"));
        assert!(leftovers(&[site, out]).is_empty());
        true
    };
    let mut k = 0;
    while killed(k) {
        k += stride;
    }
    // The commit has fewer than k steps: the last ones before k too.
    for last in k.saturating_sub(stride - 1)..k {
        killed(last);
    }
    assert!(k > 5, "the commit had fewer than {k} steps");
    assert_eq!(
        outcomes,
        BTreeSet::from(["new", "previous"]),
        "killed before the record was saved gives the previous site, after it the new"
    );
}

#[test]
fn a_build_killed_at_any_step_of_its_commit_leaves_one_whole_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    kill_every_step(tmp.path(), &site, &site.join("public"), 1);
}

#[test]
fn a_build_killed_at_any_step_is_recovered_when_staging_is_inside_the_output() {
    // An output on another filesystem than the site is staged inside itself.
    let tmp = tempfile::tempdir().unwrap();
    let Some(other) = crate::common::other_filesystem(tmp.path()) else {
        return;
    };
    // Every fifth step (and the last ones): the same commit, staged elsewhere.
    kill_every_step(
        tmp.path(),
        &tmp.path().join("site"),
        &other.path().join("www"),
        5,
    );
}
