//! Issue 14: the output folder is gongkai's only where gongkai made it.
//! Every command with hostile `--output` values leaves every user file byte
//! for byte; a failure injected at each step of the final commit leaves the
//! previous site byte-identical with no staging folder; a second process on
//! the same output is told who holds it; watch and serve outside a site
//! exit 2 as build does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{
    assert_same_tree, build_ok, copy_site_to, doc, fixture, gongkai, read_tree, run_in, write,
    AS_OF,
};
use gongkai::output::{Faults, WriteOptions};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A running `gongkai watch|serve`, killed when dropped.
struct Running {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(root: &Path, args: &[&str]) -> Running {
    start(
        gongkai()
            .args(["--root".as_ref(), root.as_os_str()])
            .args(["--as-of", AS_OF])
            .args(args),
    )
}

/// Starts `command`, collecting its stdout and stderr lines.
fn start(command: &mut std::process::Command) -> Running {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start gongkai");
    let (tx, lines) = std::sync::mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().expect("stderr")),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
    }
    Running { child, lines }
}

impl Running {
    /// Waits for the process to end by itself: its exit code and output.
    fn exits_within(mut self, limit: Duration) -> (i32, String) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The reader threads may still be forwarding the last lines
                // (a loaded machine delays them): read until both pipes close.
                let mut text = Vec::new();
                while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(10)) {
                    text.push(line);
                }
                return (status.code().unwrap_or(-1), text.join("\n"));
            }
            assert!(
                start.elapsed() < limit,
                "still running after {limit:?}: {:?}",
                self.lines.try_iter().collect::<Vec<_>>()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_for(&mut self, needle: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(60)) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with “{needle}”: {e}"),
            }
        }
    }
}

/// `tmp/outer/site`: the minimal site, in a git repository, with a user's
/// file in the site root; beside it a sibling folder, a documents folder, a
/// repository and another site, all with files of their own.
fn hostile_world() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let outer = tmp.path().join("outer");
    let site = outer.join("site");
    copy_site_to(&fixture("minimal"), &site);
    write(
        site.join(".git/config"),
        "[remote] url = https://token@x/\n",
    );
    write(site.join(".git/HEAD"), "ref: refs/heads/main\n");
    write(site.join("我的文档.docx"), b"PK\x03\x04 docx bytes");
    write(site.join("themes/custom/templates/README"), "theme notes");
    write(outer.join("beside.txt"), "beside the site");
    write(outer.join("sibling/notes.md"), "a sibling project");
    write(
        tmp.path().join("docs/我的文档.docx"),
        b"PK\x03\x04 other docx",
    );
    write(tmp.path().join("docs/照片/一.jpg"), [0xff, 0xd8, 0xff]);
    write(tmp.path().join("repo/.git/HEAD"), "ref: refs/heads/main\n");
    write(tmp.path().join("repo/src/main.c"), "int main;");
    write(
        tmp.path().join("othersite/site.yaml"),
        crate::common::MINIMAL_SITE,
    );
    write(tmp.path().join("othersite/notes.txt"), "other");
    (tmp, site)
}

/// Every file of `before` is still there with the same bytes.
fn assert_all_kept(before: &BTreeMap<String, Vec<u8>>, root: &Path, after_what: &str) {
    let now = read_tree(root);
    let lost: Vec<&String> = before
        .iter()
        .filter(|(rel, bytes)| now.get(*rel) != Some(*bytes))
        .map(|(rel, _)| rel)
        .collect();
    assert!(
        lost.is_empty(),
        "after {after_what}: lost or changed {lost:?}"
    );
}

#[test]
fn hostile_output_values_never_touch_a_user_file() {
    let (tmp, site) = hostile_world();
    let world = tmp.path();
    let before = read_tree(world);
    let s = |p: &Path| p.to_str().unwrap().to_string();
    // Refused whatever the flags: the site itself, its folders, its
    // ancestors, a repository, another site.
    let always: Vec<(String, &str)> = vec![
        (".".into(), "OUT001"),
        (s(&site), "OUT001"),
        ("content".into(), "OUT001"),
        ("content/xxgk".into(), "OUT001"),
        ("themes".into(), "OUT001"),
        ("themes/custom".into(), "OUT001"),
        (".git".into(), "OUT001"),
        ("..".into(), "OUT001"),
        ("../..".into(), "OUT001"),
        (s(&world.join("repo")), "OUT001"),
        (s(&world.join("othersite")), "OUT001"),
    ];
    let docs = s(&world.join("docs"));
    let sibling = s(&site.parent().unwrap().join("sibling"));
    // Outputs are relative to the working directory, which is the site.
    let run = |args: &[&str]| -> (i32, String) {
        let out = gongkai()
            .current_dir(&site)
            .args(["--as-of", AS_OF])
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(!text.contains("panicked"), "{args:?}: {text}");
        (out.status.code().unwrap(), text)
    };
    let watch_run = |args: &[&str]| -> (i32, String) {
        start(
            gongkai()
                .current_dir(&site)
                .args(["--as-of", AS_OF])
                .args(args),
        )
        .exits_within(Duration::from_secs(30))
    };
    for (output, code) in &always {
        for force in [false, true] {
            let mut build = vec!["build", "--output", output.as_str()];
            let mut watch = vec!["watch", "--output", output.as_str()];
            let mut serve = vec!["serve", "--port", "0", "--output", output.as_str()];
            if force {
                for args in [&mut build, &mut watch, &mut serve] {
                    args.push("--force");
                }
            }
            let mut check = vec!["check", "--output", output.as_str()];
            if force {
                check.push("--force");
            }
            for (what, (exit, text)) in [
                ("check", run(&check)),
                ("build", run(&build)),
                ("watch", watch_run(&watch)),
                ("serve", watch_run(&serve)),
            ] {
                assert_eq!(exit, 2, "{what} --output {output} (force {force}): {text}");
                assert!(
                    text.contains(code) && text.contains("拒绝"),
                    "{what} --output {output}: {text}"
                );
            }
            assert_all_kept(&before, world, &format!("--output {output}"));
        }
    }
    // Someone's non-empty folder: refused without --force, naming what is
    // in it; with --force the site goes in beside the user's files.
    for output in [&docs, &sibling] {
        let (exit, text) = run(&["check", "--output", output]);
        assert_eq!(exit, 2, "check: {text}");
        assert!(text.contains("OUT003"), "check: {text}");
        let (exit, text) = run(&["build", "--output", output]);
        assert_eq!(exit, 2, "{text}");
        assert!(
            text.contains("OUT003") && text.contains("--force"),
            "{text}"
        );
        let (exit, text) = watch_run(&["watch", "--output", output]);
        assert_eq!(exit, 2, "watch: {text}");
    }
    let (exit, text) = run(&["build", "--output", &docs]);
    assert!(
        text.contains("我的文档.docx") && text.contains("2 项"),
        "{text}"
    );
    assert_eq!(exit, 2);
    let (exit, text) = run(&["build", "--output", &docs, "--force"]);
    assert_eq!(exit, 0, "{text}");
    assert!(
        text.contains("不是 gongkai 生成的") && text.contains("已原样保留"),
        "{text}"
    );
    assert!(world.join("docs/index.html").is_file());
    // and again, now that it is gongkai's: still nothing of the user's goes
    let (exit, text) = run(&["check", "--output", &docs]);
    assert_eq!(exit, 0, "check of a folder gongkai made: {text}");
    let (exit, text) = run(&["build", "--output", &docs]);
    assert_eq!(exit, 0, "{text}");
    // public/ with a hand-added file: built, the file kept and reported.
    assert_eq!(run(&["build"]).0, 0);
    write(site.join("public/baidu_verify_abc.html"), "verify");
    let (exit, text) = run(&["build"]);
    assert_eq!(exit, 0, "{text}");
    assert!(text.contains("baidu_verify_abc.html"), "{text}");
    assert_eq!(run(&["check"]).0, 0);
    let mut with_hand_added = before.clone();
    with_hand_added.insert(
        "outer/site/public/baidu_verify_abc.html".into(),
        b"verify".to_vec(),
    );
    assert_all_kept(&with_hand_added, world, "every command");
}

/// The files of staging folders anywhere under `dirs`.
fn staging_leftovers(dirs: &[&Path]) -> Vec<PathBuf> {
    dirs.iter()
        .flat_map(|d| walkdir::WalkDir::new(d).into_iter().filter_map(Result::ok))
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name == "staging" || name == ".gongkai-staging" || name.ends_with(".tmp")
        })
        .map(walkdir::DirEntry::into_path)
        .collect()
}

fn build_with(site: &Path, out: &Path, faults: Faults) -> Result<gongkai::BuildReport, String> {
    gongkai::build(&gongkai::Options {
        root: site.to_path_buf(),
        output: out.to_path_buf(),
        ctx: crate::common::ctx(false),
        progress: None,
        write: WriteOptions {
            faults,
            ..WriteOptions::default()
        },
    })
    .map_err(|e| match e {
        gongkai::BuildError::Io(e) => format!("{e:#}"),
        gongkai::BuildError::Content(d) => format!("{d:?}"),
    })
}

/// Builds the minimal site into `out`, changes it so that the next build
/// replaces, adds and deletes files and folders, then fails that build at
/// step 0, 1, 2, … of its commit until it succeeds.
fn fail_every_step(site: &Path, out: &Path) {
    copy_site_to(&fixture("minimal"), site);
    build_ok(site, out, false);
    write(out.join("hand-added.txt"), "mine");
    let before = read_tree(out);
    let record = |site: &Path| read_tree(&site.join(".gongkai"));
    let record_before = record(site);
    // The document's pages go (stale files, an emptied folder), another's
    // come (a new folder), lists and feeds change (replaced files).
    std::fs::remove_file(site.join("content/xxgk/tongzhi-1.md")).unwrap();
    write(
        site.join("content/xxgk/new/tongzhi-2.md"),
        doc("关于新事项的通知", "", "正文"),
    );

    let kinds = [
        std::io::ErrorKind::StorageFull,
        std::io::ErrorKind::PermissionDenied,
        std::io::ErrorKind::AlreadyExists,
    ];
    let mut step = 0;
    let mut kinds_of_step = std::collections::BTreeSet::new();
    loop {
        let faults = Faults::fail_at(step, kinds[step % kinds.len()]);
        match build_with(site, out, faults.clone()) {
            Err(e) => {
                assert!(e.contains("注入的故障") && e.contains("已全部撤销"), "{e}");
                let what = e
                    .split("（")
                    .nth(1)
                    .unwrap_or("")
                    .split(' ')
                    .next()
                    .unwrap_or("");
                kinds_of_step.insert(what.to_string());
                assert_same_tree(&before, &read_tree(out), &format!("failure at step {step}"));
                assert_eq!(record(site), record_before, "record after step {step}");
                let left = staging_leftovers(&[site, out]);
                assert!(left.is_empty(), "step {step} left {left:?}");
            }
            Ok(report) => {
                assert!(faults.steps() <= step, "the build ran step {step}");
                assert!(report.written > 0 && report.deleted > 0, "{report:?}");
                break;
            }
        }
        step += 1;
    }
    // moving out, removing emptied folders, moving in, saving the record
    for what in [
        "移走旧文件",
        "删除空目录",
        "移走被替换的文件",
        "放入新文件",
        "保存记录",
    ] {
        assert!(
            kinds_of_step.contains(what),
            "no “{what}” step in {kinds_of_step:?}"
        );
    }
    let fresh = tempfile::tempdir().unwrap();
    build_ok(site, &fresh.path().join("public"), false);
    let mut expected = read_tree(&fresh.path().join("public"));
    expected.insert("hand-added.txt".into(), b"mine".to_vec());
    assert_same_tree(&expected, &read_tree(out), "the build after the failures");
    assert!(staging_leftovers(&[site, out]).is_empty());
}

#[test]
fn a_failure_at_any_step_of_the_commit_keeps_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    fail_every_step(&site, &site.join("public"));
}

#[test]
fn a_failure_at_any_step_keeps_the_site_when_staging_is_inside_the_output() {
    // An output on another filesystem than the site is staged inside itself.
    let tmp = tempfile::tempdir().unwrap();
    let Some(other) = crate::common::other_filesystem(tmp.path()) else {
        return;
    };
    fail_every_step(&tmp.path().join("site"), &other.path().join("www"));
}

#[test]
fn a_second_process_on_the_same_output_is_told_who_holds_it() {
    let site = crate::common::temp_site("minimal");
    let mut watch = spawn(site.path(), &["watch"]);
    watch.wait_for("正在监视");
    let pid = watch.child.id().to_string();
    for args in [
        &["build"][..],
        &["build", "--force"],
        &["serve", "--port", "0"],
    ] {
        let (exit, text) = spawn(site.path(), args).exits_within(Duration::from_secs(30));
        assert_eq!(exit, 2, "{args:?}: {text}");
        assert!(
            text.contains("OUT006") && text.contains(&pid) && text.contains("gongkai watch"),
            "{args:?}: {text}"
        );
    }
    // Killed (no chance to clean up): its lock is taken over.
    drop(watch);
    let (code, stdout, stderr) = run_in(site.path(), &["build"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn watch_and_serve_outside_a_site_exit_2_as_build_does() {
    let empty = tempfile::tempdir().unwrap();
    for args in [&["watch"][..], &["serve", "--port", "0"], &["build"]] {
        let (exit, text) = spawn(empty.path(), args).exits_within(Duration::from_secs(30));
        assert_eq!(exit, 2, "{args:?}: {text}");
        assert!(text.contains("site.yaml"), "{args:?}: {text}");
    }
    assert_eq!(
        std::fs::read_dir(empty.path()).unwrap().count(),
        0,
        "nothing is created outside a site"
    );
}

#[test]
fn an_old_record_beside_public_is_still_gongkais_and_moves_into_the_site() {
    let site = crate::common::temp_site("minimal");
    let public = site.path().join("public");
    build_ok(site.path(), &public, false);
    let records: Vec<PathBuf> = walkdir::WalkDir::new(site.path().join(".gongkai"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "manifest")
        .map(walkdir::DirEntry::into_path)
        .collect();
    assert_eq!(records.len(), 1, "{records:?}");
    let legacy = site.path().join(".public.gongkai-manifest");
    std::fs::rename(&records[0], &legacy).unwrap();
    std::fs::remove_dir_all(site.path().join(".gongkai")).unwrap();
    let before = read_tree(&public);
    // a page the old record lists that the site no longer has goes
    std::fs::remove_file(site.path().join("content/xxgk/tongzhi-1.md")).unwrap();
    write(
        site.path().join("content/xxgk/tongzhi-2.md"),
        doc("关于另一事项的通知", "", "正文"),
    );
    let report = build_ok(site.path(), &public, false);
    assert!(report.deleted > 0, "{report:?}");
    assert!(!public.join("xxgk/tongzhi-1").exists());
    assert!(before.contains_key("xxgk/tongzhi-1/index.html"));
    assert!(!legacy.exists(), "the old record is moved");
    assert!(records[0].is_file(), "into .gongkai/");
}

#[test]
fn an_output_on_another_filesystem_is_built_and_rebuilt_without_writes() {
    // benches/compare.sh: a fresh folder on tmpfs, then a no-change rebuild.
    let site = crate::common::temp_site("minimal");
    let Ok(other) = tempfile::tempdir_in("/dev/shm") else {
        return;
    };
    let out = other.path().join("gongkai-1");
    let out = out.to_str().unwrap();
    for (n, want) in [(0, ""), (1, "写入 0 个，删除 0 个")] {
        let (code, stdout, stderr) = run_in(site.path(), &["build", "--output", out]);
        assert_eq!(code, 0, "build {n}: {stderr}");
        assert!(stdout.contains(want), "build {n}: {stdout}");
    }
    assert!(!Path::new(out).join(".gongkai-staging").exists());
}
