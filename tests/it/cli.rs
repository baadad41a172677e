//! The `gongkai` binary as users and CI run it: exit codes (0 ok, 1 content
//! errors, 2 usage or IO), the three `check` formats, `--strict`, `--quiet`,
//! `--drafts`, `init` and `new`; the command line's language (`language`)
//! and that no English reaches a Chinese-speaking editor (`no_english`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod english;
mod language;
mod new_paths;
mod no_english;
mod output_folder;

use crate::common::{fixture, run, run_in, site_with, temp_site, write, AS_OF, MINIMAL_SITE};
use std::path::Path;

#[test]
fn exit_code_0_for_a_good_site() {
    let (code, stdout, stderr) = run_in(&fixture("minimal"), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "检查通过：1 份公开文件，0 个警告\n");
    // Nothing but progress lines, which a run slower than a second (a loaded
    // CI machine) prints as `… 解析 1 个文件…（1.2 秒）`.
    assert!(
        stderr
            .lines()
            .all(|l| l.starts_with("… ") && l.ends_with("秒）")),
        "{stderr}"
    );

    let site = temp_site("minimal");
    let (code, stdout, stderr) = run_in(site.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("1 份文件") && stdout.contains(&format!("效力判断日期 {AS_OF}")),
        "{stdout}"
    );
    assert!(site.path().join("public/index.html").is_file());
    assert!(site
        .path()
        .join("public/xxgk/tongzhi-1/index.html")
        .is_file());
}

#[test]
fn exit_code_1_for_content_errors_and_nothing_is_written() {
    let (code, stdout, stderr) = run_in(&fixture("invalid/fields"), &["check"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(stderr.contains("错误[FM013]"), "{stderr}");
    // check says what check means: it never builds, so it does not say the
    // site was not built
    assert!(
        stderr.ends_with("\n发现 16 个错误，检查未通过\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("未生成网站"), "{stderr}");

    let site = temp_site("invalid/fields");
    let (code, _, stderr) = run_in(site.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    // the output folder as given (outside the current folder: in full)
    let public = site.path().join("public");
    assert!(
        stderr.ends_with(&format!(
            "\n发现 16 个错误，未生成网站（{}/ 保持上次的内容）\n",
            public.display()
        )),
        "{stderr}"
    );
    assert!(
        !site.path().join("public").exists(),
        "a failed build created public/"
    );
}

#[test]
fn exit_code_2_for_usage_and_io_errors() {
    // no site.yaml
    let empty = tempfile::tempdir().unwrap();
    for command in ["check", "build"] {
        let (code, _, stderr) = run_in(empty.path(), &[command]);
        assert_eq!(code, 2, "{command}: {stderr}");
        assert!(stderr.contains("site.yaml"), "{command}: {stderr}");
    }
    // site.yaml but no content/
    let no_content = tempfile::tempdir().unwrap();
    write(no_content.path().join("site.yaml"), MINIMAL_SITE);
    let (code, _, stderr) = run_in(no_content.path(), &["check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("找不到内容目录"), "{stderr}");
    // impossible --as-of, unknown option, unknown command
    let root = fixture("minimal");
    let root = root.to_str().unwrap();
    let (code, _, stderr) = run(&["--root", root, "--as-of", "2024-13-01", "check"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("2024-13-01") && stderr.contains("YYYY-MM-DD"),
        "{stderr}"
    );
    let (code, _, _) = run(&["--root", root, "--as-of", "2024-02-30", "check"]);
    assert_eq!(code, 2);
    let (code, _, _) = run(&["--root", root, "check", "--format", "xml"]);
    assert_eq!(code, 2);
    let (code, _, _) = run(&["--root", root, "publish"]);
    assert_eq!(code, 2);
}

#[test]
fn github_format_prints_annotations() {
    let (code, stdout, stderr) =
        run_in(&fixture("invalid/fields"), &["check", "--format", "github"]);
    assert_eq!(code, 1);
    assert_eq!(stderr, "", "github format keeps stderr clean");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 16, "{stdout}");
    for line in &lines {
        let rest = line
            .strip_prefix("::error file=content/xxgk/")
            .unwrap_or_else(|| panic!("not an annotation: {line}"));
        let (props, message) = rest.split_once("::").unwrap();
        let parts: Vec<&str> = props.split(',').collect();
        assert_eq!(parts.len(), 4, "file, line, col, title: {line}");
        assert!(parts[0].ends_with(".md"), "{line}");
        assert!(
            parts[1]
                .strip_prefix("line=")
                .unwrap()
                .parse::<u32>()
                .unwrap()
                >= 1,
            "{line}"
        );
        assert!(
            parts[2]
                .strip_prefix("col=")
                .unwrap()
                .parse::<u32>()
                .unwrap()
                >= 1,
            "{line}"
        );
        assert!(
            parts[3]
                .strip_prefix("title=FM")
                .is_some_and(|c| c.len() == 3),
            "{line}"
        );
        assert!(
            !message.contains('\n') && message.contains("%0A  应为："),
            "multi-line text is escaped: {line}"
        );
    }
    assert!(stdout.contains("::error file=content/xxgk/impossible-date.md,line=5,col=1,title=FM013::字段 published（发布日期）：“2024-02-30” 不是真实存在的日期"));

    let (code, stdout, _) = run_in(
        &fixture("invalid/doc-number-brackets"),
        &["check", "--format", "github"],
    );
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("::warning file=content/brackets.md,line=6,col=1,title=FM023::"),
        "{stdout}"
    );
}

#[test]
fn json_format_is_valid_json() {
    let (code, stdout, stderr) = run_in(&fixture("invalid/fields"), &["check", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(stderr, "");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let items = json["diagnostics"].as_array().expect("an array");
    assert_eq!(items.len(), 16);
    for item in items {
        assert_eq!(item["severity"], "error");
        assert!(item["code"].as_str().unwrap().starts_with("FM"));
        assert!(item["file"].as_str().unwrap().starts_with("content/xxgk/"));
        assert!(item["line"].as_u64().unwrap() >= 1 && item["column"].as_u64().unwrap() >= 1);
        assert!(!item["message"].as_str().unwrap().is_empty());
    }
    let date = items
        .iter()
        .find(|i| i["file"] == "content/xxgk/impossible-date.md" && i["field"] == "published")
        .unwrap();
    assert_eq!(date["code"], "FM013");
    assert_eq!(date["line"], 5);

    let (code, stdout, _) = run_in(
        &fixture("invalid/doc-number-brackets"),
        &["check", "--format", "json"],
    );
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let json = &json["diagnostics"];
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["severity"], "warning");
    assert_eq!(json[0]["field"], "doc_number");

    let (code, stdout, _) = run_in(&fixture("minimal"), &["check", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout).unwrap()["diagnostics"],
        serde_json::json!([])
    );
}

#[test]
fn strict_fails_on_warnings_only() {
    let warn = fixture("invalid/doc-number-brackets");
    let (code, _, stderr) = run_in(&warn, &["check"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("警告[FM023]"));
    let (code, _, stderr) = run_in(&warn, &["check", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("警告[FM023]") && stderr.contains("检查未通过（--strict）：1 个警告"),
        "{stderr}"
    );
    // --strict with --quiet still shows the warnings that fail it
    let (code, _, stderr) = run_in(&warn, &["--quiet", "check", "--strict"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("警告[FM023]"), "{stderr}");
    let (code, _, _) = run_in(&fixture("minimal"), &["check", "--strict"]);
    assert_eq!(code, 0);
}

#[test]
fn quiet_prints_only_errors() {
    let (code, stdout, stderr) = run_in(
        &fixture("invalid/doc-number-brackets"),
        &["--quiet", "check"],
    );
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let site = temp_site("minimal");
    let (code, stdout, stderr) = run_in(site.path(), &["-q", "build"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let (code, _, stderr) = run_in(&fixture("invalid/syntax"), &["-q", "check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("错误[FM001]"));
}

#[test]
fn drafts_flag_publishes_drafts() {
    let draft = crate::common::doc("关于征求意见的通知（草稿）", "draft: true\n", "正文");
    let public = crate::common::doc("关于开展调研的通知", "", "正文");
    let site = site_with(&[
        ("xxgk/draft.md", draft.as_bytes()),
        ("xxgk/public.md", public.as_bytes()),
    ]);
    let (_, stdout, _) = run_in(site.path(), &["check"]);
    assert!(stdout.contains("1 份公开文件"), "{stdout}");
    let (_, stdout, _) = run_in(site.path(), &["--drafts", "check"]);
    assert!(stdout.contains("2 份公开文件"), "{stdout}");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("newsite");
    let (code, stdout, stderr) = run_in(tmp.path(), &["init", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    // the next step, and how to get `gongkai` on the PATH if it is not
    assert!(stdout.contains("gongkai serve"), "{stdout}");
    assert!(
        stdout.contains("cargo install --locked --path ."),
        "{stdout}"
    );
    assert!(dir.join("site.yaml").is_file());
    assert!(
        dir.join("content/xxgk/2025/example.md").is_file(),
        "the example is dated by --as-of"
    );

    let (code, stdout, stderr) = run_in(&dir, &["check", "--strict"]);
    assert_eq!(code, 0, "a fresh site has no warnings: {stderr}");
    assert!(stdout.contains("1 份公开文件"), "{stdout}");
    let (code, _, stderr) = run_in(&dir, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.join("public/index.html").is_file());
    assert!(
        dir.join("public/guide/index.html").is_file(),
        "column pages are built"
    );
    let catalog: serde_json::Value =
        serde_json::from_str(&read(&dir.join("public/catalog.json"))).unwrap();
    assert_eq!(catalog.as_array().unwrap().len(), 1);

    // init refuses a folder that is not empty
    let (code, _, stderr) = run_in(tmp.path(), &["init", dir.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("不是空的"), "{stderr}");
}

/// `gongkai new PATH` in `site`; returns (stdout, the new file's text).
fn new_doc(site: &Path, path: &str, extra: &[&str]) -> (String, String) {
    let mut args = vec!["new", path];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run_in(site, &args);
    assert_eq!(code, 0, "new {path}: {stderr}");
    let file = if path.ends_with(".md") {
        path.to_string()
    } else {
        format!("{path}.md")
    };
    (stdout, read(&site.join(file)))
}

fn index_number_of(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.starts_with("index_number:"))
        .expect("an index_number line");
    line["index_number:".len()..]
        .split('#')
        .next()
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn new_writes_every_key_and_the_next_free_index_number() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let (code, _, stderr) = run_in(tmp.path(), &["init", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    // init's example uses 000000001/2025-00001

    let (stdout, first) = new_doc(&site, "content/xxgk/2025/a.md", &[]);
    assert_eq!(index_number_of(&first), "000000001/2025-00002");
    assert!(
        stdout.contains("content/xxgk/2025/a.md") && stdout.contains("000000001/2025-00002"),
        "{stdout}"
    );
    for (key, label) in gongkai::field_names::FRONT_MATTER_KEYS {
        let written = first.lines().any(|l| {
            l.trim_start_matches("# ").starts_with(&format!("{key}:")) && l.contains(label)
        });
        assert!(written, "new did not write {key}（{label}）:\n{first}");
    }
    assert!(first.contains("published: 2025-01-01"), "dated by --as-of");
    assert!(first.contains("draft: true"));

    let (_, second) = new_doc(&site, "content/xxgk/2025/b.md", &[]);
    assert_eq!(
        index_number_of(&second),
        "000000001/2025-00003",
        "consecutive serials"
    );

    // a document that already uses 00007 this year moves the next one past it;
    // other years and other agencies' codes do not count
    write(
        site.join("content/xxgk/2025/old.md"),
        crate::common::doc(
            "关于甲的通知",
            "index_number: 000000001/2025-00007\n",
            "正文",
        )
        .replace("某市人民政府办公室", "某某市人民政府办公室"),
    );
    write(
        site.join("content/xxgk/2024/older.md"),
        crate::common::doc(
            "关于乙的通知",
            "index_number: 000000001/2024-00099\n",
            "正文",
        )
        .replace("某市人民政府办公室", "某某市人民政府办公室"),
    );
    let (_, third) = new_doc(&site, "content/xxgk/2025/c", &[]);
    assert_eq!(index_number_of(&third), "000000001/2025-00008");
    assert!(
        site.join("content/xxgk/2025/c.md").is_file(),
        ".md is added"
    );

    // the skeletons are valid drafts: check passes and publishes none of them
    let (code, stdout, stderr) = run_in(&site, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("3 份公开文件"), "{stdout}");

    // new never overwrites, and refuses an unknown agency
    let (code, _, stderr) = run_in(&site, &["new", "content/xxgk/2025/a.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("已存在"), "{stderr}");
    let (code, _, stderr) = run_in(
        &site,
        &["new", "content/xxgk/2025/d.md", "--agency", "某某市财政局"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("不在 site.yaml 的发布机构中"), "{stderr}");
    assert!(!site.join("content/xxgk/2025/d.md").exists());
    // the year comes from --as-of
    let (code, _, stderr) = run(&[
        "--root",
        site.to_str().unwrap(),
        "--as-of",
        "2026-03-01",
        "new",
        "content/xxgk/2026/e.md",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        index_number_of(&read(&site.join("content/xxgk/2026/e.md"))),
        "000000001/2026-00001"
    );
}

/// `gongkai check --format json | head` in a content repository's CI: the
/// reader goes away early, and gongkai must stop quietly, not panic.
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let site = tempfile::tempdir().unwrap();
    write(site.path().join("site.yaml"), MINIMAL_SITE);
    for i in 0..400 {
        // 规范性文件 without validity information: one VA003 warning each
        let text = crate::common::doc(&format!("某市文件{i}"), "doc_class: 规范性文件\n", "正文");
        write(site.path().join(format!("content/xxgk/d{i}.md")), text);
    }
    let mut child = crate::common::gongkai()
        .args(["--root".as_ref(), site.path().as_os_str()])
        .args(["--as-of", AS_OF, "check", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(141), "{stderr}");
}
