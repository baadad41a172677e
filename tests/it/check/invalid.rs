//! Invalid sites under `tests/fixtures/invalid/<case>/`: `gongkai check`
//! must print exactly `expected.txt` on stderr (text format), report every
//! problem of the site in one run, sorted by file and line, each with
//! file:line:col, the field with its Chinese label and what was expected.
//! `BLESS=1 cargo test` rewrites expected.txt; the per-case assertions on
//! codes and places stay, so a bless cannot hide a lost diagnostic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{bless, diagnostic_headers, fixture, run_in, split_location};

/// Runs `check` on the case in place (check writes nothing) and compares
/// stderr with expected.txt. Returns (exit code, stderr).
pub(super) fn check_case(case: &str) -> (i32, String) {
    let root = fixture(&format!("invalid/{case}"));
    let (code, stdout, stderr) = run_in(&root, &["check"]);
    // A run slower than a second (a loaded machine) also prints progress
    // lines such as `… 建立索引…（1.4 秒）`: not part of the diagnostics.
    let stderr: String = stderr
        .split_inclusive('\n')
        .filter(|l| !(l.starts_with("… ") && l.trim_end().ends_with("秒）")))
        .collect();
    let expected_path = root.join("expected.txt");
    if bless() {
        std::fs::write(&expected_path, &stderr).unwrap();
    } else {
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run `BLESS=1 cargo test`",
                expected_path.display()
            )
        });
        assert!(
            stderr == expected,
            "`gongkai check` output for invalid/{case} changed (run `BLESS=1 cargo test` if intended):\n{}\n--- actual stderr ---\n{stderr}",
            crate::common::first_difference(expected.as_bytes(), stderr.as_bytes())
        );
    }
    if code != 0 {
        assert!(
            stdout.is_empty(),
            "a failed check prints diagnostics on stderr only, got stdout: {stdout}"
        );
    }
    assert_well_formed(&stderr);
    (code, stderr)
}

/// Every diagnostic has a full file:line:col place, they come sorted (the
/// references to files that themselves failed, XR012, after all the rest),
/// and the summary counts the errors.
fn assert_well_formed(stderr: &str) {
    let headers = diagnostic_headers(stderr);
    let places: Vec<(bool, String, u32, u32)> = headers
        .iter()
        .map(|(_, code, loc)| {
            let (file, line, col) = split_location(loc);
            (code == "XR012", file, line, col)
        })
        .collect();
    for ((_, code, loc), (_, _, line, col)) in headers.iter().zip(&places) {
        assert!(
            *line > 0 && *col > 0,
            "{code} at {loc} does not name line and column"
        );
    }
    let mut sorted = places.clone();
    sorted.sort();
    assert_eq!(
        places, sorted,
        "diagnostics are not sorted by file, line, column (follow-on errors last)"
    );
    let errors = headers.iter().filter(|(kind, _, _)| kind == "错误").count();
    if errors > 0 {
        assert!(
            stderr.contains(&format!("发现 {errors} 个错误，检查未通过")),
            "summary does not count {errors} errors:\n{stderr}"
        );
    }
}

/// (file, code, line:col) of every diagnostic, for exact comparison.
pub(super) fn found(stderr: &str) -> Vec<(String, String, String)> {
    diagnostic_headers(stderr)
        .into_iter()
        .map(|(_, code, loc)| {
            let (file, line, col) = split_location(&loc);
            (file, code, format!("{line}:{col}"))
        })
        .collect()
}

pub(super) fn expect(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(f, c, p)| (format!("content/xxgk/{f}"), c.to_string(), p.to_string()))
        .collect()
}

/// The header line of the diagnostic with `code` in `file`, plus its indented lines.
pub(super) fn block(stderr: &str, file: &str, code: &str) -> String {
    let mut out = Vec::new();
    let mut inside = false;
    for line in stderr.lines() {
        if line.starts_with("错误[") || line.starts_with("警告[") || line.starts_with("发现")
        {
            inside = line.contains(&format!("[{code}] content/xxgk/{file}:"))
                || line.contains(&format!("[{code}] {file}:"));
        }
        if inside {
            out.push(line);
        }
    }
    assert!(!out.is_empty(), "no {code} for {file} in:\n{stderr}");
    out.join("\n")
}

#[test]
fn files_that_cannot_be_read_as_front_matter() {
    let (code, stderr) = check_case("syntax");
    assert_eq!(code, 1);
    assert_eq!(
        found(&stderr),
        expect(&[
            ("duplicate-key.md", "FM005", "6:1"),
            ("empty.md", "FM001", "1:1"),
            // GBK: the first bad byte is the 8th character of line 2
            ("gbk-encoded.md", "IO001", "2:8"),
            ("no-front-matter.md", "FM001", "1:1"),
            // the line with the tab
            ("tab-indent.md", "FM003", "7:1"),
            // the opening quote, not the end of the YAML block
            ("unclosed-quote.md", "FM003", "2:8"),
            ("unterminated.md", "FM002", "1:1"),
        ])
    );
    let dup = block(&stderr, "duplicate-key.md", "FM005");
    assert!(
        dup.contains("字段 title（标题）") && dup.contains("第 2 行和第 6 行"),
        "{dup}"
    );
    assert!(block(&stderr, "tab-indent.md", "FM003").contains("Tab"));
    let quote = block(&stderr, "unclosed-quote.md", "FM003");
    assert!(
        quote.contains("引号没有闭合")
            && quote.contains("该行内容：title: \"关于开展政务公开调研的通知"),
        "{quote}"
    );
    assert!(block(&stderr, "gbk-encoded.md", "IO001").contains("GBK"));
    assert!(block(&stderr, "empty.md", "FM001").contains("文件是空的"));
}

#[test]
fn field_rules_report_every_problem_in_one_run() {
    let (code, stderr) = check_case("fields");
    assert_eq!(code, 1);
    assert_eq!(
        found(&stderr),
        expect(&[
            ("impossible-date.md", "FM013", "5:1"),
            ("impossible-date.md", "FM013", "6:1"),
            ("impossible-date.md", "FM013", "9:3"),
            ("list-for-string.md", "FM012", "2:1"),
            ("missing-attachment.md", "FM030", "7:5"),
            ("missing-required.md", "FM011", "1:1"),
            ("missing-required.md", "FM011", "1:1"),
            ("missing-required.md", "FM011", "1:1"),
            ("missing-required.md", "FM011", "1:1"),
            ("misspelt-key.md", "FM011", "1:1"),
            ("misspelt-key.md", "FM010", "3:1"),
            ("not-disclosed-without-reason.md", "FM028", "6:1"),
            ("unknown-agency-category.md", "FM020", "3:1"),
            ("unknown-agency-category.md", "FM021", "4:1"),
            ("unknown-subcategory.md", "FM021", "4:1"),
            ("written-after-published.md", "FM025", "6:1"),
        ])
    );
    // each missing field is named with its label
    for (key, label) in [
        ("title", "标题"),
        ("agency", "发布机构"),
        ("category", "主题分类"),
        ("published", "发布日期"),
    ] {
        assert!(
            stderr.contains(&format!(
                "content/xxgk/missing-required.md:1:1  字段 {key}（{label}）：缺少必填字段"
            )),
            "{key}"
        );
    }
    let typo = block(&stderr, "misspelt-key.md", "FM010");
    assert!(
        typo.contains("未知字段 “agnecy”") && typo.contains("是否想写 `agency`？"),
        "{typo}"
    );
    let date = block(&stderr, "impossible-date.md", "FM013");
    assert!(
        date.contains("字段 published（发布日期）：“2024-02-30” 不是真实存在的日期"),
        "{date}"
    );
    assert!(stderr.contains("字段 validity.expires（有效期至）：“2023-02-29” 不是真实存在的日期"));
    assert!(
        stderr.contains("是否想写 2024-02-20？"),
        "a Chinese date gets an ISO suggestion"
    );
    let list = block(&stderr, "list-for-string.md", "FM012");
    assert!(
        list.contains("字段 title（标题）：应是一段文字，实际是列表"),
        "{list}"
    );
    let category = block(&stderr, "unknown-agency-category.md", "FM021");
    assert!(
        category.contains("“综合政物”") && category.contains("是否想写 综合政务？"),
        "{category}"
    );
    let agency = block(&stderr, "unknown-agency-category.md", "FM020");
    assert!(
        agency.contains("“某市市场监督管理局” 不在 site.yaml 的发布机构列表中")
            && agency.contains("某市人民政府办公室、某市教育局"),
        "{agency}"
    );
    assert!(
        block(&stderr, "unknown-subcategory.md", "FM021").contains("是否想写 科技、教育/教育？")
    );
    assert!(block(&stderr, "written-after-published.md", "FM025")
        .contains("成文日期 2024-06-03 晚于发布日期 2024-05-31"));
    assert!(block(&stderr, "missing-attachment.md", "FM030")
        .contains("找不到附件文件 content/xxgk/附件1.pdf"));
    assert!(
        block(&stderr, "not-disclosed-without-reason.md", "FM028").contains("disclosure_reason")
    );
    // every field diagnostic names the field with its label (an unknown key
    // has none: it lists the known keys with theirs) and says what is expected
    for header in stderr
        .lines()
        .filter(|l| l.starts_with("错误[") && !l.starts_with("错误[FM010]"))
    {
        assert!(
            header.contains("  字段 ") && header.contains('（'),
            "no field label: {header}"
        );
    }
    assert_eq!(
        stderr.matches("\n  应为：").count(),
        16,
        "every error says what is expected"
    );
}

#[test]
fn cross_document_rules() {
    let (code, stderr) = check_case("references");
    assert_eq!(code, 1);
    assert_eq!(
        found(&stderr),
        expect(&[
            ("b-duplicate-numbers.md", "XR002", "7:1"),
            ("b-duplicate-numbers.md", "XR001", "8:1"),
            ("c-missing-replacement.md", "XR004", "13:5"),
            ("d-interprets-missing.md", "XR004", "7:1"),
            ("f-interprets-interpretation.md", "XR005", "7:1"),
        ])
    );
    let dup = block(&stderr, "b-duplicate-numbers.md", "XR001");
    assert!(
        dup.contains("字段 index_number（索引号）")
            && dup.contains("content/xxgk/a-original.md 第 8 行已使用该索引号"),
        "{dup}"
    );
    let dup = block(&stderr, "b-duplicate-numbers.md", "XR002");
    assert!(
        dup.contains("字段 doc_number（发文字号）")
            && dup.contains("与 content/xxgk/a-original.md 重复"),
        "{dup}"
    );
    let replaced = block(&stderr, "c-missing-replacement.md", "XR004");
    assert!(
        replaced.contains(
            "字段 validity.replaced_by[0]（替代文件）：找不到 “某政办规〔2024〕9号” 所指的文件"
        ),
        "{replaced}"
    );
    assert!(
        block(&stderr, "d-interprets-missing.md", "XR004").contains("字段 interprets（解读对象）")
    );
    assert!(block(&stderr, "f-interprets-interpretation.md", "XR005").contains("不能解读一份解读"));
    // the interpretation of the original is fine and reported nowhere
    assert!(!stderr.contains("e-interpretation.md:"));
}

/// A missing 文号 gets a did-you-mean only for a slip: one digit off is
/// suggested, another document of the same agency and year is not (its
/// 序号 is a different number, not a typo of this one).
#[test]
fn a_missing_doc_number_is_suggested_only_for_a_slip() {
    let doc = |title: &str, extra: &str| crate::common::doc(title, extra, "正文");
    let site = crate::common::site_with(&[
        (
            "xxgk/a.md",
            doc("关于甲的通知", "doc_number: 某政办发〔2024〕118号\n").as_bytes(),
        ),
        (
            "xxgk/b.md",
            doc("关于乙的通知", "doc_number: 某政办发〔2024〕3号\n").as_bytes(),
        ),
        (
            "xxgk/slip.md",
            doc(
                "关于甲的解读",
                "doc_class: 政策解读\ninterprets: 某政办发［2024］119号\n",
            )
            .as_bytes(),
        ),
        (
            "xxgk/other.md",
            doc(
                "关于乙的解读",
                "doc_class: 政策解读\ninterprets: 某政办发〔2024〕8号\n",
            )
            .as_bytes(),
        ),
    ]);
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1);
    assert!(
        block(&stderr, "slip.md", "XR004").ends_with("\n  提示：是否想写 某政办发〔2024〕118号？"),
        "{stderr}"
    );
    let other = block(&stderr, "other.md", "XR004");
    assert!(
        other.contains("找不到 “某政办发〔2024〕8号” 所指的文件") && !other.contains("是否想写"),
        "{stderr}"
    );
}

#[test]
fn a_reference_to_a_file_that_failed_points_at_its_error_and_comes_last() {
    let (code, stderr) = check_case("follow-on");
    assert_eq!(code, 1);
    // The real errors first, then the references to their files (by 文号,
    // by path, and to a file whose front matter could not be read at all).
    assert_eq!(
        found(&stderr),
        expect(&[
            ("a-bad-date.md", "FM013", "5:1"),
            ("d-unterminated.md", "FM002", "1:1"),
            ("b-interprets-by-number.md", "XR012", "7:1"),
            ("c-replaced-by-path.md", "XR012", "13:5"),
            ("e-interprets-unreadable.md", "XR012", "7:1"),
        ])
    );
    assert_eq!(
        block(&stderr, "b-interprets-by-number.md", "XR012"),
        "错误[XR012] content/xxgk/b-interprets-by-number.md:7:1  字段 interprets（解读对象）：\
         引用的文件本身有错误，见 content/xxgk/a-bad-date.md:5:1\n  \
         提示：先改正该文件的错误，这一引用随之恢复"
    );
    assert!(
        block(&stderr, "e-interprets-unreadable.md", "XR012")
            .contains("见 content/xxgk/d-unterminated.md:1:1"),
        "{stderr}"
    );
    // no “找不到” and no did-you-mean for a file that exists
    assert!(
        !stderr.contains("XR004") && !stderr.contains("是否想写"),
        "{stderr}"
    );

    // The same order in JSON (with the cause's place) and in annotations.
    let root = fixture("invalid/follow-on");
    let (_, stdout, _) = run_in(&root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let list = json["diagnostics"].as_array().expect("diagnostics");
    let codes: Vec<&str> = list.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["FM013", "FM002", "XR012", "XR012", "XR012"]);
    assert_eq!(list[0]["caused_by"], serde_json::Value::Null);
    assert_eq!(list[2]["caused_by"], "content/xxgk/a-bad-date.md:5:1");
    let (_, stdout, _) = run_in(&root, &["check", "--format", "github"]);
    let titles: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split("title=").nth(1)?.split("::").next())
        .collect();
    assert_eq!(titles, ["FM013", "FM002", "XR012", "XR012", "XR012"]);
}

/// Examples in messages come from the editor's own site (its agencies,
/// taxonomy, 索引号 pattern and a 文号 it has), never the demo's.
#[test]
fn examples_in_messages_are_the_sites_own() {
    let (code, stderr) = check_case("hints");
    assert_eq!(code, 1);
    for line in [
        "  应为：title: 松溪县人民政府关于……的通知",
        "  应为：agency: 松溪县人民政府",
        "  应为：category: 财政/预算",
        "  应为：site.yaml taxonomy 中的一级分类，例如 财政/预算",
        "  应为：年份用六角括号〔〕，即 松政办发〔2024〕5号",
        "  应为：站内文件的发文字号（如 松政发〔2024〕3号）或路径（如 xxgk/a-valid）",
        "  应为：interprets: 原文件的发文字号或路径，例如 松政发〔2024〕3号",
        "  应为：doc_number: 松政发〔2024〕3号",
        "  应为：index_number: 100000001/2024-00118",
        "  应为：basis: 松政发〔2024〕3号",
    ] {
        assert!(
            stderr.lines().any(|l| l == line),
            "missing “{line}” in:\n{stderr}"
        );
    }
}

/// No message on any invalid fixture (none of which is the demo city)
/// names the demo's city or its 文号 prefixes.
#[test]
fn no_message_on_another_site_names_the_demo() {
    let dir = crate::common::fixture("invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("site.yaml").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 8, "{cases:?}");
    for case in cases {
        // lossy: some fixtures' site.yaml is GBK or UTF-16 on purpose
        let site =
            String::from_utf8_lossy(&std::fs::read(case.join("site.yaml")).unwrap()).into_owned();
        assert!(!site.contains("清河"), "{} is the demo", case.display());
        for format in ["text", "json", "github"] {
            let (_, stdout, stderr) = run_in(&case, &["check", "--format", format]);
            for demo in ["清河", "清政"] {
                assert!(
                    !stdout.contains(demo) && !stderr.contains(demo),
                    "{} names “{demo}” ({format}):\n{stdout}{stderr}",
                    case.display()
                );
            }
        }
    }
}

#[test]
fn unknown_site_yaml_key_gets_a_suggestion() {
    let (code, stderr) = check_case("site-config");
    assert_eq!(code, 1);
    assert_eq!(
        diagnostic_headers(&stderr),
        [(
            "错误".to_string(),
            "CFG010".to_string(),
            "site.yaml:3:1".to_string()
        )]
    );
    assert!(stderr.contains("字段 descripton：未知字段 “descripton”"));
    assert!(stderr.contains("description（网站简介）"));
    assert!(stderr.contains("是否想写 `description`？"));
}

#[test]
fn bracketed_doc_number_is_a_warning_and_the_build_succeeds() {
    let (code, stderr) = check_case("doc-number-brackets");
    assert_eq!(code, 0, "a warning alone does not fail check");
    assert_eq!(
        diagnostic_headers(&stderr),
        [(
            "警告".to_string(),
            "FM023".to_string(),
            "content/brackets.md:6:1".to_string()
        )]
    );
    assert!(stderr.contains("“耒政办发[2019]6号” 的年份括号已规范为 “耒政办发〔2019〕6号”"));

    let site = crate::common::temp_site("invalid/doc-number-brackets");
    let out = site.path().join("public");
    let report = crate::common::build_ok(site.path(), &out, false);
    assert_eq!(report.documents, 2);
    assert_eq!(
        report
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>(),
        ["FM023"]
    );
    let catalog = std::fs::read_to_string(out.join("catalog.json")).unwrap();
    assert!(catalog.contains("耒政办发〔2019〕6号") && !catalog.contains("耒政办发[2019]6号"));
}
