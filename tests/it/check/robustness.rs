//! Hostile and odd inputs: `gongkai check` must never panic, must exit with
//! the right code and name the problem at the right place; odd-but-valid
//! inputs (BOM, CRLF, a 2 MB document) must build.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{build_ok, diagnostic_headers, read_tree, run_in, site_with};

const VALID: &str = "---\ntitle: 关于做好防汛工作的通知\nagency: 某市人民政府办公室\ncategory: 综合政务\npublished: 2024-05-31\n---\n各单位：\n\n请做好防汛工作。\n";

/// One input: file bytes, expected exit code, and the expected
/// (code, "line:col") of its one diagnostic, if any.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    exit: i32,
    diagnostic: Option<(&'static str, &'static str)>,
}

fn case(
    name: &'static str,
    bytes: impl Into<Vec<u8>>,
    exit: i32,
    diagnostic: Option<(&'static str, &'static str)>,
) -> Case {
    Case {
        name,
        bytes: bytes.into(),
        exit,
        diagnostic,
    }
}

fn gbk(text: &str) -> Vec<u8> {
    // the few GBK code points these tests need, so no encoder is required
    let mut out = Vec::new();
    for c in text.chars() {
        match c {
            '标' => out.extend([0xB1, 0xEA]),
            '题' => out.extend([0xCC, 0xE2]),
            c => out.extend(c.to_string().bytes()),
        }
    }
    out
}

#[test]
fn odd_inputs_never_panic_and_are_reported_in_place() {
    let crlf = VALID.replace('\n', "\r\n");
    let bad_date = VALID.replace("published: 2024-05-31", "published: 2024-02-30");
    let cases = vec![
        case("empty", "", 1, Some(("FM001", "1:1"))),
        case("only-whitespace", "\n  \n\t\n", 1, Some(("FM001", "1:1"))),
        case(
            "no-front-matter",
            "# 标题\n\n正文\n",
            1,
            Some(("FM001", "1:1")),
        ),
        case(
            "bom",
            [b"\xEF\xBB\xBF".as_slice(), VALID.as_bytes()].concat(),
            0,
            None,
        ),
        // the BOM is not a character of line 1: the place stays right
        case(
            "bom-bad-date",
            [b"\xEF\xBB\xBF".as_slice(), bad_date.as_bytes()].concat(),
            1,
            Some(("FM013", "5:1")),
        ),
        case("crlf", crlf.clone(), 0, None),
        case(
            "crlf-bad-date",
            bad_date.replace('\n', "\r\n"),
            1,
            Some(("FM013", "5:1")),
        ),
        case("cr-only", VALID.replace('\n', "\r"), 0, None),
        case(
            "gbk",
            [b"---\ntitle: ".as_slice(), &gbk("标题"), b"\n---\n"].concat(),
            1,
            Some(("IO001", "2:8")),
        ),
        case(
            "tab-indent",
            VALID.replace(
                "category: 综合政务\n",
                "validity:\n\teffective: 2024-06-01\ncategory: 综合政务\n",
            ),
            1,
            Some(("FM003", "5:1")),
        ),
        case(
            "impossible-date",
            bad_date.clone(),
            1,
            Some(("FM013", "5:1")),
        ),
        case(
            "list-for-string",
            VALID.replace(
                "agency: 某市人民政府办公室",
                "agency: [某市人民政府办公室, 某市财政局]",
            ),
            1,
            Some(("FM012", "3:1")),
        ),
        case(
            "mapping-for-string",
            VALID.replace(
                "agency: 某市人民政府办公室",
                "agency:\n  name: 某市人民政府办公室",
            ),
            1,
            Some(("FM012", "3:1")),
        ),
        case(
            "duplicate-key",
            VALID.replace(
                "category: 综合政务\n",
                "category: 综合政务\ncategory: 综合政务/政务公开\n",
            ),
            1,
            Some(("FM005", "5:1")),
        ),
        case(
            "front-matter-is-a-list",
            "---\n- a\n- b\n---\n正文\n",
            1,
            Some(("FM004", "2:1")),
        ),
        case(
            "unterminated",
            "---\ntitle: 标题\n",
            1,
            Some(("FM002", "1:1")),
        ),
        case("nul-byte", VALID.replace("请做好", "请\0做好"), 0, None),
        case(
            "huge-number-date",
            VALID.replace("2024-05-31", "99999999999999999999999"),
            1,
            Some(("FM003", "5:12")),
        ),
        case(
            "yaml-tag",
            VALID.replace("title: 关于做好防汛工作的通知", "title: !wenjian 标题"),
            1,
            // refused where the tag is written, not read as a tagged value
            Some(("FM008", "2:8")),
        ),
        case(
            "deep-nesting",
            VALID.replace(
                "category: 综合政务\n",
                "category: 综合政务\nvalidity: {effective: {a: {b: [1, [2, [3]]]}}}\n",
            ),
            1,
            Some(("FM012", "5:1")),
        ),
        case(
            "anchors",
            VALID.replace(
                "category: 综合政务\n",
                "category: &c 综合政务\nabstract: *c\n",
            ),
            0,
            None,
        ),
        case(
            "unicode-separators",
            VALID.replace("请做好", "请\u{2028}做好\u{feff}"),
            0,
            None,
        ),
    ];
    for c in cases {
        let site = site_with(&[("xxgk/doc.md", &c.bytes)]);
        let (exit, _stdout, stderr) = run_in(site.path(), &["check"]);
        assert_eq!(exit, c.exit, "{}: exit code; stderr:\n{stderr}", c.name);
        let headers = diagnostic_headers(&stderr);
        match c.diagnostic {
            Some((code, place)) => {
                assert_eq!(
                    headers.len(),
                    1,
                    "{}: expected one diagnostic:\n{stderr}",
                    c.name
                );
                assert_eq!(headers[0].1, code, "{}:\n{stderr}", c.name);
                assert_eq!(
                    headers[0].2,
                    format!("content/xxgk/doc.md:{place}"),
                    "{}:\n{stderr}",
                    c.name
                );
            }
            None if c.exit == 0 => assert!(
                headers.is_empty(),
                "{}: unexpected diagnostics:\n{stderr}",
                c.name
            ),
            None => assert!(!headers.is_empty(), "{}: no diagnostic", c.name),
        }
    }
}

#[test]
fn bom_and_crlf_documents_build_with_clean_values() {
    let bom = [b"\xEF\xBB\xBF".as_slice(), VALID.as_bytes()].concat();
    let crlf = VALID.replace('\n', "\r\n");
    let site = site_with(&[("xxgk/bom.md", &bom), ("xxgk/crlf.md", crlf.as_bytes())]);
    // two documents with the same title are fine; they differ by path
    let out = site.path().join("public");
    let report = build_ok(site.path(), &out, false);
    assert_eq!(report.documents, 2);
    let tree = read_tree(&out);
    let catalog: serde_json::Value = serde_json::from_slice(&tree["catalog.json"]).unwrap();
    for record in catalog.as_array().unwrap() {
        assert_eq!(record["title"], "关于做好防汛工作的通知", "{record}");
        assert_eq!(record["published"], "2024-05-31");
        assert!(
            !record.to_string().contains("\\r") && !record.to_string().contains('\u{feff}'),
            "{record}"
        );
    }
    let page = String::from_utf8(tree["xxgk/crlf/index.html"].clone()).unwrap();
    assert!(!page.contains('\r'), "CR leaked into the page");
}

#[test]
fn two_megabyte_document_checks_and_builds() {
    let mut text = String::from("---\ntitle: 关于印发超长实施细则的通知\nagency: 某市人民政府办公室\ncategory: 综合政务\npublished: 2024-05-31\n---\n");
    let mut n = 0;
    while text.len() < 2 * 1024 * 1024 {
        if n % 200 == 0 {
            text.push_str(&format!("\n## 第{}章　分则\n\n", n / 200 + 1));
        }
        text.push_str(&format!(
            "**第{n}条**　各级行政机关应当依照本细则主动公开政府信息，不得以任何理由拖延。\n\n"
        ));
        n += 1;
    }
    text.push_str("全文完：END-OF-LONG-DOCUMENT\n");
    assert!(text.len() >= 2 * 1024 * 1024);
    let site = site_with(&[("xxgk/long.md", text.as_bytes())]);

    let (exit, stdout, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(exit, 0, "{stderr}");
    assert!(
        stdout.contains("检查通过：1 份公开文件，0 个警告"),
        "{stdout}"
    );

    let out = site.path().join("public");
    let report = build_ok(site.path(), &out, false);
    assert_eq!(report.documents, 1);
    let page = std::fs::read_to_string(out.join("xxgk/long/index.html")).unwrap();
    assert!(
        page.len() > 2 * 1024 * 1024,
        "the page holds the whole body"
    );
    assert!(page.contains(&format!("第{}条", n - 1)) && page.contains("END-OF-LONG-DOCUMENT"));
}
