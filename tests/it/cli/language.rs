//! The command line speaks one language: Chinese by default, English when
//! `GONGKAI_LANG`, else the site's `language:`, else the locale says so
//! (src/cli/lang.rs). Help, the usage line and usage errors are all in it;
//! in Chinese mode no word of clap's English frame is left.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::no_english::english_words;
use crate::common::{run_env, write, MINIMAL_SITE};

/// An empty folder (no site) and a site whose `language:` is English.
fn roots() -> (tempfile::TempDir, tempfile::TempDir) {
    let none = tempfile::tempdir().unwrap();
    let en = tempfile::tempdir().unwrap();
    write(
        en.path().join("site.yaml"),
        format!("{MINIMAL_SITE}language: en\n"),
    );
    (none, en)
}

fn gongkai_at(
    root: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (i32, String, String) {
    let mut all = vec!["--root", root.to_str().unwrap()];
    all.extend_from_slice(args);
    run_env(&all, env)
}

fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| l == line)
}

#[test]
fn help_is_chinese_by_default_with_every_heading_and_option() {
    let (none, _) = roots();
    let (code, stdout, stderr) = gongkai_at(none.path(), &["--help"], &[]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(stdout.starts_with(
        "gongkai 0.1.0：政务公开网站生成器（Markdown + YAML → 主动公开目录、失效文件清单、公报、检索）\n\n用法：gongkai [选项] <命令>\n\n命令：\n"
    ), "{stdout}");
    for line in [
        "  check  检查内容，不写任何文件",
        "  new    新建一份文件：各字段已预填，索引号取下一个空号",
        "选项（各命令通用）：",
        "  --as-of <日期>  判断效力的日期，写作 YYYY-MM-DD（默认：今天，北京时间）",
        "  -h, --help      显示帮助",
    ] {
        assert!(has_line(&stdout, line), "no line “{line}” in:\n{stdout}");
    }
    assert_eq!(english_words(&stdout), Vec::<String>::new(), "{stdout}");

    let (code, stdout, _) = gongkai_at(none.path(), &["build", "--help"], &[]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("gongkai build：生成网站到输出目录（一次整体替换：生成失败时保留上次成功的网站）\n\n用法：gongkai build [选项]\n\n选项：\n"),
        "{stdout}"
    );
    assert!(
        has_line(
            &stdout,
            "  -o, --output <目录>  输出目录（默认：网站根目录下的 public/）"
        ),
        "{stdout}"
    );
    assert!(has_line(&stdout, "通用选项："), "{stdout}");
    assert_eq!(english_words(&stdout), Vec::<String>::new(), "{stdout}");
    // `help build` is `build --help`
    let (_, help_build, _) = gongkai_at(none.path(), &["help", "build"], &[]);
    assert_eq!(help_build, stdout);
}

#[test]
fn help_is_english_on_an_english_site() {
    let (_, en) = roots();
    let (code, stdout, _) = gongkai_at(en.path(), &["--help"], &[]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("\n\nUsage: gongkai [OPTIONS] <COMMAND>\n\nCommands:\n"),
        "{stdout}"
    );
    assert!(
        has_line(
            &stdout,
            "  check  Validate content without writing anything"
        ),
        "{stdout}"
    );
    assert!(
        !stdout.contains("用法") && !stdout.contains("选项"),
        "{stdout}"
    );

    let (code, stdout, _) = gongkai_at(en.path(), &["build", "--help"], &[]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("\n\nUsage: gongkai build [OPTIONS]\n\nOptions:\n"),
        "{stdout}"
    );
    assert!(
        has_line(
            &stdout,
            "  -o, --output <DIR>  Output folder (default: public/ in the site root)"
        ),
        "{stdout}"
    );
}

#[test]
fn an_impossible_as_of_date_in_both_languages() {
    let (none, en) = roots();
    let (code, stdout, stderr) = gongkai_at(none.path(), &["--as-of", "2024-13-01", "check"], &[]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "错误：选项 --as-of：“2024-13-01” 不是真实存在的日期；应为 YYYY-MM-DD\n\
         用法：gongkai check [选项]\n\
         查看帮助：gongkai check --help\n"
    );
    let (code, _, stderr) = gongkai_at(en.path(), &["--as-of", "2024-13-01", "check"], &[]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: invalid value '2024-13-01' for --as-of: expected a real date as YYYY-MM-DD\n\
         usage: gongkai check [OPTIONS]\n\
         help: gongkai check --help\n"
    );
}

#[test]
fn an_unknown_option_with_its_suggestion_in_both_languages() {
    let (none, en) = roots();
    let (code, _, stderr) = gongkai_at(none.path(), &["check", "--strct"], &[]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "错误：未知选项 --strct；是否想写 --strict？\n用法：gongkai check [选项]\n查看帮助：gongkai check --help\n"
    );
    let (code, _, stderr) = gongkai_at(en.path(), &["check", "--strct"], &[]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: unknown option --strct; did you mean --strict?\nusage: gongkai check [OPTIONS]\nhelp: gongkai check --help\n"
    );
}

#[test]
fn other_usage_errors_are_said_in_chinese() {
    let (none, _) = roots();
    let first_line = |args: &[&str]| {
        let (code, _, stderr) = gongkai_at(none.path(), args, &[]);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        stderr.lines().next().unwrap_or_default().to_string()
    };
    assert_eq!(
        first_line(&["check", "--format", "xml"]),
        "错误：选项 --format 的值 “xml” 无效；可选：text、json、github"
    );
    assert_eq!(
        first_line(&["buld"]),
        "错误：未知命令 “buld”；是否想写 build？可用的命令：build、watch、serve、check、init、new"
    );
    assert_eq!(first_line(&["new"]), "错误：缺少参数 <路径>");
    assert_eq!(
        first_line(&["new", "a.md", "b.md"]),
        "错误：多余的参数 “b.md”"
    );
    assert_eq!(first_line(&["--as-of"]), "错误：选项 --as-of 需要一个值");
    assert_eq!(
        first_line(&["serve", "--port", "abc"]),
        "错误：选项 --port 的值 “abc” 无效：应为 0 到 65535 之间的端口号"
    );
    assert_eq!(
        first_line(&["-q", "-q", "check"]),
        "错误：选项 --quiet 只能写一次"
    );
}

#[test]
fn gongkai_lang_then_the_site_then_the_locale() {
    let (none, en) = roots();
    let usage_of = |root: &std::path::Path, env: &[(&str, &str)]| {
        let (_, _, stderr) = gongkai_at(root, &["check", "--bogus"], env);
        stderr.lines().nth(1).unwrap_or_default().to_string()
    };
    let zh = "用法：gongkai check [选项]";
    let english = "usage: gongkai check [OPTIONS]";
    // no site: the locale decides, POSIX order (LC_ALL before LANG)
    assert_eq!(usage_of(none.path(), &[]), zh);
    assert_eq!(usage_of(none.path(), &[("LANG", "C.UTF-8")]), zh);
    assert_eq!(usage_of(none.path(), &[("LANG", "en_US.UTF-8")]), english);
    assert_eq!(
        usage_of(
            none.path(),
            &[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")]
        ),
        zh
    );
    // a site: its language beats the locale
    assert_eq!(usage_of(en.path(), &[("LANG", "zh_CN.UTF-8")]), english);
    let zh_site = tempfile::tempdir().unwrap();
    write(zh_site.path().join("site.yaml"), MINIMAL_SITE);
    assert_eq!(usage_of(zh_site.path(), &[("LC_ALL", "en_US.UTF-8")]), zh);
    // GONGKAI_LANG beats both
    assert_eq!(usage_of(en.path(), &[("GONGKAI_LANG", "zh-CN")]), zh);
    assert_eq!(usage_of(zh_site.path(), &[("GONGKAI_LANG", "en")]), english);
    // --root=DIR is read too
    let root = format!("--root={}", en.path().display());
    let (_, _, stderr) = run_env(&[&root, "check", "--bogus"], &[]);
    assert!(stderr.contains(english), "{stderr}");
}
