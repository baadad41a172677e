//! On an English site (`language: en`) every line the command line adds
//! around the content is English: the summaries of build, check (with
//! `--strict`, `--expiring-within`, failures), new and init, progress
//! lines, and the frame of each diagnostic (`error[…]`, `field`,
//! `expected:`, `hint:`). What a diagnostic says stays Chinese (it quotes
//! the front-matter contract's Chinese labels), as does the content quoted
//! back (titles, agencies, 文号). The same runs on a zh-CN site print no
//! English.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::no_english::english_words;
use crate::common::{run_env, temp_site, write, AS_OF};
use std::path::Path;

const AGENCY: &str = "某市人民政府办公室";

fn site_yaml(language: &str) -> String {
    format!(
        "title: Test\nbase_url: https://www.example.gov.cn/\nlanguage: {language}\nagencies:\n  - name: {AGENCY}\n    code: \"000000001\"\n    slug: szfbgs\n"
    )
}

/// The content quoted back in summaries: titles and 文号.
const CONTENT: &[&str] = &[
    "关于甲的规定",
    "关于乙的通知",
    "关于丙的通知（草稿）",
    "关于丁的通知",
    "某政规〔2024〕1号",
    "某政办发[2024]5号",
    AGENCY,
];

/// A site that gives every kind of line: a rule whose validity ends soon
/// (`--expiring-within`), a warning (FM023, for `--strict`), a draft and a
/// document dated after the as-of date.
fn site(language: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path().join("site.yaml"), site_yaml(language));
    let doc = |title: &str, published: &str, extra: &str| {
        format!("---\ntitle: {title}\nagency: {AGENCY}\ncategory: 综合政务/政务公开\npublished: {published}\n{extra}---\n正文\n")
    };
    let content = tmp.path().join("content/xxgk");
    write(
        content.join("rule.md"),
        doc(
            CONTENT[0],
            "2024-05-31",
            "doc_class: 规范性文件\ndoc_number: 某政规〔2024〕1号\nvalidity:\n  effective: 2024-06-01\n  expires: 2025-03-31\n",
        ),
    );
    write(
        content.join("brackets.md"),
        doc(CONTENT[1], "2024-06-01", "doc_number: 某政办发[2024]5号\n"),
    );
    write(
        content.join("draft.md"),
        doc(CONTENT[2], "2024-06-02", "draft: true\n"),
    );
    write(content.join("later.md"), doc(CONTENT[3], "2025-06-01", ""));
    tmp
}

/// `gongkai --root ROOT --as-of AS_OF ARGS` with the language variables
/// of `env`; (exit code, stdout, stderr).
fn gongkai(root: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut all = vec!["--root", root.to_str().unwrap(), "--as-of", AS_OF];
    all.extend_from_slice(args);
    run_env(&all, env)
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{20000}'..='\u{2FFFF}').contains(&c)
}

/// The lines of `text` (one stream: stdout or stderr) with Chinese that
/// the command line wrote itself: everything but the diagnostics' own text
/// (after `error[CODE] location  ` and the field's key and label, and
/// their indented lines) and the content quoted back ([`CONTENT`], “…”).
/// A diagnostic's frame must be English: no 字段/应为/提示.
fn han_lines(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_diagnostic = false;
    for line in text.lines() {
        let annotation = line.starts_with("::error ") || line.starts_with("::warning ");
        let header = line.starts_with("error[") || line.starts_with("warning[");
        if header || annotation {
            in_diagnostic = header;
            let (head, body) = if annotation {
                let rest = line.strip_prefix("::").unwrap_or(line);
                rest.split_once("::").unwrap_or((rest, ""))
            } else {
                line.split_once("  ").unwrap_or((line, ""))
            };
            let chinese_frame = body.starts_with("字段 ")
                || body.contains("%0A  应为：")
                || body.contains("%0A  提示：");
            if head.chars().any(is_han) || chinese_frame {
                found.push(line.to_string());
            }
            continue;
        }
        if in_diagnostic && line.starts_with("  ") {
            let rest = line.trim_start();
            if rest.starts_with("应为：") || rest.starts_with("提示：") {
                found.push(line.to_string());
            }
            continue;
        }
        in_diagnostic = false;
        let mut own = line.to_string();
        for quoted in CONTENT {
            own = own.replace(quoted, "");
        }
        if without_quotes(&own).chars().any(is_han) {
            found.push(line.to_string());
        }
    }
    found
}

/// `text` without the spans inside “…”.
fn without_quotes(text: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            c if !quoted => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every command whose summary lines the test reads, on `root`.
fn runs(root: &Path, env: &[(&str, &str)]) -> Vec<(String, i32, String, String)> {
    let preview = root.join("preview");
    let preview = preview.to_str().unwrap();
    let commands: &[&[&str]] = &[
        &["check"],
        &["check", "--strict"],
        &["check", "--expiring-within", "120d"],
        &["check", "--expiring-within", "5d"],
        &["check", "--format", "github"],
        &["check", "--format", "github", "--expiring-within", "120d"],
        &["build"],
        &["build"],
        &["--future", "build", "--output", preview],
        &["new", "content/xxgk/2025/a.md"],
        &["new", "content/pages/about.md"],
        &["new", "content/gazette/2025/01.md"],
        &["new", "content/reports/2024/szfbgs.md"],
    ];
    commands
        .iter()
        .map(|args| {
            let (code, stdout, stderr) = gongkai(root, args, env);
            assert!(code <= 1, "gongkai {}: {stderr}", args.join(" "));
            (args.join(" "), code, stdout, stderr)
        })
        .collect()
}

#[test]
fn every_line_around_the_content_is_english_on_an_english_site() {
    let en = site("en");
    for (args, code, stdout, stderr) in runs(en.path(), &[]) {
        let mut own = han_lines(&stderr);
        own.extend(han_lines(&stdout));
        assert_eq!(
            own,
            Vec::<String>::new(),
            "Chinese of the command line's own in `gongkai {args}` (exit {code}):\n{stderr}{stdout}"
        );
    }
}

#[test]
fn the_same_runs_on_a_chinese_site_print_no_english() {
    let zh = site("zh-CN");
    // an English locale does not outvote the site
    for (args, code, stdout, stderr) in runs(zh.path(), &[("LANG", "en_US.UTF-8")]) {
        let all = format!("{stderr}{stdout}");
        // GitHub's `::warning file=…::` is the annotation protocol, not prose
        let prose: Vec<&str> = all
            .lines()
            .map(
                |l| match l.strip_prefix("::").and_then(|r| r.split_once("::")) {
                    Some((_, text)) => text,
                    None => l,
                },
            )
            .collect();
        assert_eq!(
            english_words(&prose.join("\n")),
            Vec::<String>::new(),
            "English in `gongkai {args}` (exit {code}):\n{all}"
        );
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

#[test]
fn english_summaries_word_for_word() {
    let en = site("en");
    let root = en.path();
    let (code, stdout, stderr) = gongkai(root, &["check"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        lines(&stdout),
        [
            "Check passed: 2 published documents (and 1 draft held back), 1 warning",
            "Dated after the as-of date: 1 item, held back until then (--future previews them)",
            "  2025-06-01  document  关于丁的通知  content/xxgk/later.md",
        ]
    );
    assert!(
        stderr.starts_with("warning[FM023] content/xxgk/brackets.md:6:1  field doc_number (发文字号): 发文字号 “某政办发[2024]5号”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\n  expected: 年份用六角括号〔〕"),
        "{stderr}"
    );
    assert!(stderr.contains("\n  hint: "), "{stderr}");

    let (code, _, stderr) = gongkai(root, &["check", "--strict"], &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.ends_with("\ncheck failed (--strict): 1 warning\n"),
        "{stderr}"
    );

    let (code, stdout, _) = gongkai(root, &["check", "--expiring-within", "120d"], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        lines(&stdout)[..2],
        [
            "Documents that stop being in force within 120 days of 2025-01-01 (until 2025-05-01): 1",
            "  2025-03-31   89 days left  某政规〔2024〕1号  关于甲的规定  某市人民政府办公室  content/xxgk/rule.md (its validity period ends)",
        ]
    );
    let (_, stdout, _) = gongkai(root, &["check", "--expiring-within", "5d"], &[]);
    assert_eq!(
        lines(&stdout)[0],
        "No document stops being in force within 5 days of 2025-01-01 (until 2025-01-06)"
    );

    let (code, stdout, stderr) = gongkai(root, &["build"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let built = format!(
        "Built {}/: 2 documents (and 1 draft held back), ",
        root.join("public").display()
    );
    assert!(
        stdout.starts_with(&built) && stdout.contains(" written, 0 deleted, the rest unchanged), "),
        "{stdout}"
    );
    assert!(
        stdout.contains(" s (validity as of 2025-01-01)\n"),
        "{stdout}"
    );

    let (code, stdout, _) = gongkai(root, &["new", "content/xxgk/2025/a.md"], &[]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "Created content/xxgk/2025/a.md (index number 000000001/2025-00001). Fill it in and delete draft: true to publish it.\n"
    );
    let (_, stdout, _) = gongkai(root, &["new", "content/pages/about.md"], &[]);
    assert_eq!(
        stdout,
        "Created column page content/pages/about.md. Fill it in and delete draft: true to publish it.\n"
    );
}

#[test]
fn failures_and_init_in_english() {
    let broken = temp_site("invalid/fields");
    write(
        broken.path().join("site.yaml"),
        format!(
            "{}language: en\n",
            std::fs::read_to_string(broken.path().join("site.yaml")).unwrap()
        ),
    );
    let (code, stdout, stderr) = gongkai(broken.path(), &["check"], &[]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(
        stderr.ends_with("\n16 errors found, check failed\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[FM013] content/xxgk/impossible-date.md:5:1  field published (发布日期): “2024-02-30” 不是真实存在的日期\n"),
        "{stderr}"
    );
    assert_eq!(han_lines(&stderr), Vec::<String>::new(), "{stderr}");
    let (code, _, stderr) = gongkai(broken.path(), &["build"], &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.ends_with(&format!(
            "\n16 errors found, site not built ({}/ keeps its previous content)\n",
            broken.path().join("public").display()
        )),
        "{stderr}"
    );

    // init has no site yet: GONGKAI_LANG (or the locale) says English
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    let dir_arg = dir.to_str().unwrap();
    let (code, stdout, stderr) =
        gongkai(tmp.path(), &["init", dir_arg], &[("LANG", "en_GB.UTF-8")]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        lines(&stdout),
        [
            format!("Created a new site in {dir_arg} (7 files). Next: cd {dir_arg} && gongkai serve (preview)").as_str(),
            "(If gongkai is not on your PATH yet: run cargo install --locked --path . in gongkai's source folder.)",
        ]
    );
    // an error that is no content's: the frame and the system's reason
    let (code, _, stderr) = gongkai(tmp.path(), &["init", dir_arg], &[("GONGKAI_LANG", "en")]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: "), "{stderr}");
    let (_, _, stderr) = gongkai(
        &tmp.path().join("nowhere"),
        &["check"],
        &[("GONGKAI_LANG", "en")],
    );
    assert!(
        stderr.starts_with("error: ") && stderr.trim_end().ends_with(": No such file or directory"),
        "{stderr}"
    );
}
