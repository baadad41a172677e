//! Shared helpers for the integration tests: fixture paths, temp copies of
//! sites, library builds with a pinned as-of date, tree snapshots and the
//! golden comparison (`BLESS=1 cargo test` rewrites expected output).
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use gongkai::{BuildContext, BuildError, BuildReport, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The date every test judges validity at.
pub const AS_OF: &str = "2025-01-01";

/// The pinned build context (drafts off unless asked).
pub fn ctx(drafts: bool) -> BuildContext {
    BuildContext {
        as_of: AS_OF.parse().expect("valid date"),
        drafts,
        future: false,
    }
}

/// The crate root.
pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    crate_root().join("tests/fixtures").join(name)
}

/// True when `BLESS=1` (or any non-empty value other than 0).
pub fn bless() -> bool {
    std::env::var("BLESS").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Writes `contents` to `path`, creating parent folders.
pub fn write(path: impl AsRef<Path>, contents: impl AsRef<[u8]>) {
    let path = path.as_ref();
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("mkdir {}: {e}", parent.display()));
    }
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Copies the site parts of a fixture (site.yaml, content/, themes/ when
/// present) into `dest`; expected output is left behind.
pub fn copy_site_to(src: &Path, dest: &Path) {
    std::fs::create_dir_all(dest).unwrap();
    std::fs::copy(src.join("site.yaml"), dest.join("site.yaml")).unwrap();
    for dir in ["content", "themes"] {
        if src.join(dir).is_dir() {
            copy_dir(&src.join(dir), &dest.join(dir));
        }
    }
}

/// A temp folder holding a copy of fixture `name`.
pub fn temp_site(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_site_to(&fixture(name), tmp.path());
    tmp
}

/// Builds `root` into `output` through the library, as of [`AS_OF`].
pub fn build(root: &Path, output: &Path, drafts: bool) -> Result<BuildReport, BuildError> {
    gongkai::build(&Options {
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        ctx: ctx(drafts),
        progress: None,
        write: Default::default(),
    })
}

/// Like [`build`] but panics with every diagnostic when the build fails.
pub fn build_ok(root: &Path, output: &Path, drafts: bool) -> BuildReport {
    match build(root, output, drafts) {
        Ok(report) => report,
        Err(BuildError::Content(diags)) => {
            let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
            panic!(
                "build of {} failed with content errors:\n{}",
                root.display(),
                text.join("\n")
            )
        }
        Err(BuildError::Io(e)) => panic!("build of {} failed: {e:#}", root.display()),
    }
}

/// Every file under `dir`: `/`-separated relative path → bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if dir.is_dir() {
        collect(dir, dir, &mut out);
    }
    out
}

fn collect(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            collect(base, &path, out);
        } else {
            let rel = path.strip_prefix(base).unwrap();
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.insert(rel.join("/"), std::fs::read(&path).unwrap());
        }
    }
}

/// What of an HTML page is compared: the inside of `<main …>…</main>`, or
/// the whole page when it has no `<main>`.
pub fn main_of(html: &str) -> &str {
    let Some(start) = html.find("<main") else {
        return html;
    };
    let Some(open_end) = html[start..].find('>') else {
        return html;
    };
    let inner_start = start + open_end + 1;
    match html[inner_start..].rfind("</main>") {
        Some(end) => &html[inner_start..inner_start + end],
        None => html,
    }
}

/// The placeholder kept in expected/ for theme files whose content belongs to
/// the theme, not to the generator (compared for presence only).
pub const THEME_ASSET: &[u8] = b"(theme asset: presence is compared, content is not)\n";

/// The part of an output file that golden tests compare.
pub fn golden_view(rel: &str, bytes: &[u8]) -> Vec<u8> {
    if rel.starts_with("assets/") {
        return THEME_ASSET.to_vec();
    }
    if rel.ends_with(".html") {
        let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{rel} is not UTF-8"));
        let mut main = main_of(text).trim().to_string();
        main.push('\n');
        return main.into_bytes();
    }
    bytes.to_vec()
}

/// Compares a built tree with `expected` (after [`golden_view`]); with
/// `BLESS=1`, rewrites `expected` instead. Reports every difference at once.
pub fn assert_golden(actual_dir: &Path, expected: &Path) {
    let actual: BTreeMap<String, Vec<u8>> = read_tree(actual_dir)
        .into_iter()
        .map(|(rel, bytes)| {
            let v = golden_view(&rel, &bytes);
            (rel, v)
        })
        .collect();
    if bless() {
        if expected.exists() {
            std::fs::remove_dir_all(expected).unwrap();
        }
        for (rel, bytes) in &actual {
            write(expected.join(rel), bytes);
        }
        return;
    }
    let want = read_tree(expected);
    assert!(
        !want.is_empty(),
        "{} is empty or missing: run `BLESS=1 cargo test` to create it",
        expected.display()
    );
    let mut problems = Vec::new();
    for rel in want.keys().filter(|k| !actual.contains_key(*k)) {
        problems.push(format!("missing from the build: {rel}"));
    }
    for rel in actual.keys().filter(|k| !want.contains_key(*k)) {
        problems.push(format!("not expected: {rel}"));
    }
    for (rel, got) in &actual {
        let Some(exp) = want.get(rel) else { continue };
        if got != exp {
            problems.push(format!("differs: {rel}\n{}", first_difference(exp, got)));
        }
    }
    assert!(
        problems.is_empty(),
        "output differs from {} ({} problems; if the change is intended run `BLESS=1 cargo test`):\n{}",
        expected.display(),
        problems.len(),
        problems.join("\n")
    );
}

/// The first differing line of two texts, for failure messages.
pub fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let (mut el, mut al) = (e.lines(), a.lines());
    let mut n = 1;
    loop {
        match (el.next(), al.next()) {
            (None, None) => {
                return "    (same lines; line endings or final newline differ)".to_string()
            }
            (x, y) if x == y => n += 1,
            (x, y) => {
                return format!(
                    "    line {n}\n    expected: {}\n    actual:   {}",
                    x.unwrap_or("<end>"),
                    y.unwrap_or("<end>")
                )
            }
        }
    }
}

/// Asserts two trees are byte-identical, naming what differs.
pub fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let only_a: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    let differ: Vec<&String> = a
        .iter()
        .filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        only_a.is_empty() && only_b.is_empty() && differ.is_empty(),
        "{what}: only in first {only_a:?}; only in second {only_b:?}; differ {differ:?}"
    );
}

/// The `gongkai` binary built by cargo for the tests.
/// The language variables are removed (the command line picks its language
/// from them, see src/cli/lang.rs), so that tests see the same texts on any
/// machine; [`run_env`] sets them.
pub fn gongkai() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    for name in LANGUAGE_VARIABLES {
        command.env_remove(name);
    }
    command
}

/// The variables the command line's language comes from.
pub const LANGUAGE_VARIABLES: &[&str] = &["GONGKAI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"];

/// Runs the binary with `args`, returning exit code, stdout, stderr.
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_env(args, &[])
}

/// [`run`] with environment variables set.
pub fn run_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out: Output = gongkai()
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run gongkai");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(
        !stderr.contains("panicked"),
        "gongkai panicked for {args:?}:\n{stderr}"
    );
    (out.status.code().expect("exited normally"), stdout, stderr)
}

/// Runs `gongkai --root ROOT --as-of AS_OF <args…>`.
pub fn run_in(root: &Path, args: &[&str]) -> (i32, String, String) {
    let root = root.to_str().expect("UTF-8 path");
    let mut all = vec!["--root", root, "--as-of", AS_OF];
    all.extend_from_slice(args);
    run(&all)
}

/// The minimal site.yaml used by generated test sites.
pub const MINIMAL_SITE: &str = "title: 测试站\nbase_url: https://www.example.gov.cn/\n";

/// A valid document front matter with `extra` lines added, and `body`.
pub fn doc(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nagency: 某市人民政府办公室\ncategory: 综合政务/政务公开\npublished: 2024-05-31\n{extra}---\n{body}\n")
}

/// A temp site with [`MINIMAL_SITE`] and the given content files (relative to content/).
pub fn site_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path().join("site.yaml"), MINIMAL_SITE);
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    for (rel, bytes) in files {
        write(tmp.path().join("content").join(rel), bytes);
    }
    tmp
}

/// Diagnostic header lines of `check` text output: (severity word, code, location).
pub fn diagnostic_headers(stderr: &str) -> Vec<(String, String, String)> {
    stderr
        .lines()
        .filter_map(|line| {
            let (kind, rest) = line.split_once('[')?;
            if kind != "错误" && kind != "警告" {
                return None;
            }
            let (code, rest) = rest.split_once("] ")?;
            let location = rest.split("  ").next()?.to_string();
            Some((kind.to_string(), code.to_string(), location))
        })
        .collect()
}

/// Splits `file:line:col` (line and column optional; 0 when absent) for sorting checks.
pub fn split_location(loc: &str) -> (String, u32, u32) {
    let mut parts: Vec<&str> = loc.split(':').collect();
    let mut nums = Vec::new();
    while nums.len() < 2 && parts.len() > 1 {
        match parts.last().and_then(|p| p.parse::<u32>().ok()) {
            Some(n) => {
                nums.insert(0, n);
                parts.pop();
            }
            None => break,
        }
    }
    (
        parts.join(":"),
        nums.first().copied().unwrap_or(0),
        nums.get(1).copied().unwrap_or(0),
    )
}

/// id → `status` of each record in a JSON list (catalog.json, validity/*.json).
pub fn id_status(list: &serde_json::Value) -> BTreeMap<String, String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id").to_string(),
                r["status"].as_str().expect("status").to_string(),
            )
        })
        .collect()
}

/// A temporary folder on another filesystem than `beside` (/dev/shm, a
/// tmpfs on Linux), where an output is staged inside itself; `None` where
/// there is none.
pub fn other_filesystem(beside: &Path) -> Option<tempfile::TempDir> {
    use std::os::unix::fs::MetadataExt;
    let other = tempfile::tempdir_in("/dev/shm").ok()?;
    let dev = |p: &Path| p.metadata().map(|m| m.dev()).ok();
    (dev(other.path()) != dev(beside)).then_some(other)
}
