//! Every line that mentions the output folder names the real one: as given
//! with `--output`, or relative to the current folder when it is inside it
//! (`public/` for a build run in the site). `check` builds nothing and
//! names none.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{gongkai, temp_site, AS_OF};
use std::path::Path;

/// `gongkai --as-of AS_OF ARGS` run in the folder `cwd` (the site root is
/// the current folder); (exit code, stdout, stderr).
fn run_from(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = gongkai()
        .current_dir(cwd)
        .args(["--as-of", AS_OF])
        .args(args)
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap(),
        text(out.stdout),
        text(out.stderr),
    )
}

#[test]
fn a_failed_build_names_the_folder_it_left_alone() {
    let site = temp_site("invalid/fields");
    let failed = |args: &[&str]| {
        let (code, _, stderr) = run_from(site.path(), args);
        assert_eq!(code, 1, "{stderr}");
        stderr.lines().last().unwrap().to_string()
    };
    assert_eq!(
        failed(&["build"]),
        "发现 16 个错误，未生成网站（public/ 保持上次的内容）"
    );
    assert_eq!(
        failed(&["build", "--output", "site-out"]),
        "发现 16 个错误，未生成网站（site-out/ 保持上次的内容）"
    );
    let inside = site.path().join("deploy/www");
    assert_eq!(
        failed(&["build", "--output", inside.to_str().unwrap()]),
        "发现 16 个错误，未生成网站（deploy/www/ 保持上次的内容）"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("www");
    assert_eq!(
        failed(&["build", "-o", out.to_str().unwrap()]),
        format!(
            "发现 16 个错误，未生成网站（{}/ 保持上次的内容）",
            out.display()
        )
    );
    // check never builds: it names no output folder, given or not
    for args in [&["check"][..], &["check", "--output", "site-out"]] {
        let (code, stdout, stderr) = run_from(site.path(), args);
        assert_eq!(code, 1);
        assert_eq!(stderr.lines().last(), Some("发现 16 个错误，检查未通过"));
        let all = format!("{stdout}{stderr}");
        assert!(
            !all.contains("public") && !all.contains("site-out"),
            "{all}"
        );
    }
}

#[test]
fn a_build_names_the_folder_it_wrote() {
    let site = temp_site("minimal");
    let (code, stdout, stderr) = run_from(site.path(), &["build", "--output", "site-out"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("已生成 site-out/：1 份文件，"),
        "{stdout}"
    );
    assert!(site.path().join("site-out/index.html").is_file());
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("www");
    let (code, stdout, stderr) = run_from(site.path(), &["build", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(&format!("已生成 {}/：1 份文件，", out.display())),
        "{stdout}"
    );
    let (code, stdout, _) = run_from(site.path(), &["check", "--output", "site-out"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "检查通过：1 份公开文件，0 个警告\n")
    );
}
