//! Validity end to end: the `validity` fixture (every state and relation)
//! built at two as-of dates, before and after an expiry, each compared with
//! its expected output, and the set of files that differ between the two
//! pinned; the contradictions that are errors; the review warnings; and
//! `check --expiring-within`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod corpus;

use crate::common::{
    assert_golden, fixture, golden_view, id_status, main_of, read_tree, run, temp_site,
};
use gongkai::{BuildContext, Options};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const BEFORE: &str = "2025-01-01";
const AFTER: &str = "2025-07-01";

fn build_at(root: &Path, out: &Path, as_of: &str) -> gongkai::BuildReport {
    match gongkai::build(&Options {
        root: root.to_path_buf(),
        output: out.to_path_buf(),
        ctx: BuildContext {
            as_of: as_of.parse().unwrap(),
            drafts: false,
            future: false,
        },
        progress: None,
        write: Default::default(),
    }) {
        Ok(r) => r,
        Err(gongkai::BuildError::Content(d)) => panic!(
            "content errors:\n{}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
        Err(gongkai::BuildError::Io(e)) => panic!("{e:#}"),
    }
}

fn text(tree: &BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    String::from_utf8(
        tree.get(rel)
            .unwrap_or_else(|| panic!("{rel} not built"))
            .clone(),
    )
    .unwrap()
}

fn json(tree: &BTreeMap<String, Vec<u8>>, rel: &str) -> Value {
    serde_json::from_slice(&tree[rel]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(a, b)| (format!("xxgk/{a}"), b.to_string()))
        .collect()
}

#[test]
fn fixture_validity_at_two_dates() {
    let site = temp_site("validity");
    let (out_a, out_b) = (site.path().join("a"), site.path().join("b"));
    let report_a = build_at(site.path(), &out_a, BEFORE);
    let report_b = build_at(site.path(), &out_b, AFTER);
    let (a, b) = (read_tree(&out_a), read_tree(&out_b));

    // The 失效文件清单 at each date: gf-a expires between the dates, gf-g's
    // repeal takes effect between them; gf-h expires on the first date
    // itself (still valid that day).
    let expired_a = id_status(&json(&a, "validity/expired.json"));
    assert_eq!(
        expired_a,
        map(&[
            ("gf-b", "失效"),
            ("gf-c", "废止"),
            ("gf-d", "已修改"),
            ("gf-e", "部分失效"),
            ("gf-x", "到期失效"),
        ])
    );
    let expired_b = id_status(&json(&b, "validity/expired.json"));
    assert_eq!(
        expired_b,
        map(&[
            ("gf-a", "到期失效"),
            ("gf-b", "失效"),
            ("gf-c", "废止"),
            ("gf-d", "已修改"),
            ("gf-e", "部分失效"),
            ("gf-g", "废止"),
            ("gf-h", "到期失效"),
            ("gf-x", "到期失效"),
        ])
    );
    // 继续有效目录: 规章 first, then 规范性文件 in force (amended and partly
    // lapsed ones are still in force); 尚未生效 is not yet in it.
    let valid_a = id_status(&json(&a, "validity/valid.json"));
    assert_eq!(
        valid_a,
        map(&[
            ("gz-1", "有效"),
            ("gf-a", "有效"),
            ("gf-d", "已修改"),
            ("gf-e", "部分失效"),
            ("gf-g", "有效"),
            ("gf-h", "有效"),
            ("gf-new", "有效"),
        ])
    );
    let valid_b = id_status(&json(&b, "validity/valid.json"));
    assert_eq!(
        valid_b,
        map(&[
            ("gz-1", "有效"),
            ("gf-d", "已修改"),
            ("gf-e", "部分失效"),
            ("gf-f", "有效"),
            ("gf-new", "有效"),
        ])
    );
    assert_eq!(
        json(&a, "validity/valid.json")[0]["doc_class"],
        "规章",
        "规章 come first"
    );

    // warnings follow the date: documents past expires without a declared state
    let va001 = |r: &gongkai::BuildReport| -> Vec<String> {
        r.diagnostics
            .iter()
            .filter(|d| d.code == "VA001")
            .map(|d| d.file.clone())
            .collect()
    };
    assert_eq!(va001(&report_a), ["content/xxgk/gf-x.md"]);
    assert_eq!(
        va001(&report_b),
        [
            "content/xxgk/gf-a.md",
            "content/xxgk/gf-h.md",
            "content/xxgk/gf-x.md"
        ]
    );

    // the list page: grouped by year of the status date, numbered, linked
    let list = main_of(&text(&a, "validity/expired/index.html")).to_string();
    for needle in [
        "<span>2024年</span>",
        "<span>2023年</span>",
        "href=\"/xxgk/jueding/\"",
        "href=\"/xxgk/gf-new/\"",
        "第五条与上位法不一致",
        "<td>5</td>",
    ] {
        assert!(list.contains(needle), "expired list lacks {needle}");
    }
    assert!(
        list.find("<span>2024年</span>") < list.find("<span>2023年</span>"),
        "newest year first"
    );
    // plain-link filter pages by state and by agency, only where there are entries
    for rel in [
        "validity/expired/status/lapsed/index.html",
        "validity/expired/status/repealed/index.html",
        "validity/expired/status/amended/index.html",
        "validity/expired/status/partly-lapsed/index.html",
        "validity/expired/status/expired/index.html",
        "validity/expired/agency/xzf/index.html",
        "validity/expired/agency/xzfbgs/index.html",
    ] {
        assert!(a.contains_key(rel), "{rel} missing");
    }
    assert!(
        !a.contains_key("validity/expired/agency/czj/index.html"),
        "the 财政局 has nothing expired at the first date"
    );
    assert!(b.contains_key("validity/expired/agency/czj/index.html"));
    let repealed = main_of(&text(&b, "validity/expired/status/repealed/index.html")).to_string();
    assert!(
        repealed.contains("gf-c/") && repealed.contains("gf-g/") && !repealed.contains("gf-b/")
    );
    assert!(repealed.contains("aria-current=\"page\""));

    // CSV: BOM, header, one row per entry, CRLF
    let csv = text(&a, "validity/expired.csv");
    assert!(csv.starts_with("\u{feff}序号,文件名称,文号,发文机关,成文日期"));
    assert_eq!(csv.matches("\r\n").count(), 1 + expired_a.len());

    // relations, both ways
    let page = |t: &BTreeMap<String, Vec<u8>>, id: &str| {
        main_of(&text(t, &format!("xxgk/{id}/index.html"))).to_string()
    };
    let decision = page(&a, "jueding");
    for id in ["gf-b", "gf-c", "gf-e", "gf-g"] {
        assert!(
            decision.contains(&format!("href=\"/xxgk/{id}/\"")),
            "the decision lists {id}"
        );
    }
    assert!(page(&a, "gf-c").contains("href=\"/xxgk/gf-new/\""));
    assert!(
        page(&a, "gf-new").contains("href=\"/xxgk/gf-c/\""),
        "the replacement names what it replaced"
    );
    assert!(page(&a, "gf-new").contains("href=\"/xxgk/jd-1/\""));
    assert!(page(&a, "jd-1").contains("href=\"/xxgk/gf-new/\""));
    assert!(page(&a, "gf-d").contains("href=\"/xxgk/xiugai/\""));

    // banners: gf-a carries the prepared (hidden) 到期失效 banner before, the
    // built one after; 尚未生效 says from when
    let gf_a = page(&a, "gf-a");
    assert!(
        gf_a.contains("data-flip=\"expired\" data-from=\"2025-04-01\"")
            && gf_a.contains(" hidden>")
    );
    assert!(
        !gf_a.contains("id=\"status-title\""),
        "no built banner while valid"
    );
    let gf_a_b = page(&b, "gf-a");
    assert!(gf_a_b.contains("id=\"status-title\"") && gf_a_b.contains("到期失效"));
    assert!(!gf_a_b.contains("data-flip=\"expired\""));
    let gf_f = page(&a, "gf-f");
    assert!(gf_f.contains("本文件尚未生效") && gf_f.contains("2025-05-01"));
    assert!(gf_f.contains("data-flip=\"effective\" data-from=\"2025-05-01\""));

    // the status-change feed: dated by the change, only changes up to the as-of date
    let feed_a = text(&a, "validity/changes.xml");
    assert_eq!(feed_a.matches("<entry>").count(), expired_a.len());
    assert!(feed_a.contains("<updated>2024-10-01T00:00:00+08:00</updated>"));
    assert!(
        !feed_a.contains("2025-06-01T"),
        "a future repeal is not announced"
    );
    let feed_b = text(&b, "validity/changes.xml");
    assert_eq!(feed_b.matches("<entry>").count(), expired_b.len());
    assert!(
        feed_b.contains("<id>https://www.songxi.gov.cn/xxgk/gf-g/#status-repealed-2025-06-01</id>")
    );
    assert!(
        feed_b.find("gf-g/#status").unwrap() < feed_b.find("gf-a/#status").unwrap(),
        "newest change first"
    );

    // statistics: figures counted by hand from the fixture's front matter
    let stats_a = json(&a, "stats/stats.json");
    let year = |s: &Value, y: i64| -> Value {
        s["by_year"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["year"] == y)
            .unwrap_or_else(|| panic!("year {y}"))
            .clone()
    };
    // 2024: issued gf-f, gf-new; ceased gf-b (失效), gf-c (废止) — gf-x ceased in 2023;
    // in force at 2024-12-31: gf-a, gf-d, gf-e, gf-g, gf-h, gf-new
    let y2024 = year(&stats_a, 2024);
    assert_eq!(y2024["normative"]["issued"], 2);
    assert_eq!(y2024["normative"]["ceased"], 2);
    assert_eq!(y2024["normative"]["in_force"], 6);
    assert_eq!(year(&stats_a, 2023)["normative"]["ceased"], 1);
    assert_eq!(y2024["rule"]["in_force"], 1);
    assert_eq!(year(&stats_a, 2019)["rule"]["issued"], 1);
    let y2025 = year(&json(&b, "stats/stats.json"), 2025);
    // by 2025-07-01: gf-a, gf-h expired, gf-g repealed; gf-f took effect
    assert_eq!(y2025["normative"]["ceased"], 3);
    assert_eq!(y2025["normative"]["in_force"], 4);
    let stats_page = main_of(&text(&a, "stats/index.html")).to_string();
    assert_eq!(stats_page.matches("<svg class=\"chart\"").count(), 4);
    assert!(stats_page.contains("<th scope=\"row\">松溪县财政局</th><td>3</td>"));

    assert_golden(&out_a, &fixture("validity/expected/2025-01-01"));
    assert_golden(&out_b, &fixture("validity/expected/2025-07-01"));

    // The pages differ exactly where validity changed between the dates: the
    // three documents whose state changed, every list that shows a status
    // badge or a count by status, the data files and the feed.
    let view = |t: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        t.iter()
            .map(|(k, v)| (k.clone(), golden_view(k, v)))
            .collect()
    };
    let (va, vb) = (view(&a), view(&b));
    let keys: BTreeSet<&String> = va.keys().chain(vb.keys()).collect();
    let differ: Vec<&str> = keys
        .into_iter()
        .filter(|k| va.get(*k) != vb.get(*k))
        .map(|k| k.as_str())
        .collect();
    let expected_differ = [
        "catalog.csv",
        "catalog.json",
        "catalog/agency/czj/index.html",
        "catalog/agency/xzfbgs/index.html",
        "catalog/all/index.html",
        // 财政、金融、审计 / 财政 and 综合政务 / 政务公开 (slugs from the names)
        "catalog/category/c-efba377b/c-f69c3255/index.html",
        "catalog/category/c-efba377b/index.html",
        "catalog/category/c-f080e3bd/c-7935fa0b/index.html",
        "catalog/category/c-f080e3bd/index.html",
        "catalog/class/gfxwj/index.html",
        "catalog/year/2019/index.html",
        "catalog/year/2020/index.html",
        "catalog/year/2021/index.html",
        "catalog/year/2024/index.html",
        "index.html",
        // the 财政局's filter page exists only at the second date
        // search: the fragment pack of the documents whose status changed
        // (numbers 1, 4, 6, 13), the facet pack (status sets) and its counts
        "search/d/0.bin",
        "search/f/0.bin",
        "search/index.json",
        "sitemap.xml",
        "stats/index.html",
        "stats/stats.json",
        "validity/changes.xml",
        "validity/expired.csv",
        "validity/expired.json",
        "validity/expired/agency/czj/index.html",
        // the filter folders' pages list the filters with their counts
        "validity/expired/agency/index.html",
        "validity/expired/agency/xzf/index.html",
        "validity/expired/agency/xzfbgs/index.html",
        "validity/expired/index.html",
        "validity/expired/status/amended/index.html",
        "validity/expired/status/expired/index.html",
        "validity/expired/status/index.html",
        "validity/expired/status/lapsed/index.html",
        "validity/expired/status/partly-lapsed/index.html",
        "validity/expired/status/repealed/index.html",
        "validity/valid.csv",
        "validity/valid.json",
        "validity/valid/index.html",
        "xxgk/gf-a/index.html",
        "xxgk/gf-f/index.html",
        "xxgk/gf-g/index.html",
        "xxgk/gf-h/index.html",
        // the folder's page lists its documents with their status
        "xxgk/index.html",
    ];
    assert_eq!(differ, expected_differ);
}

#[test]
fn contradictions_are_errors_with_clear_diagnostics() {
    let root = fixture("invalid/validity");
    let (code, stdout, stderr) =
        run(&["--root", root.to_str().unwrap(), "--as-of", BEFORE, "check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    let headers: Vec<(String, String)> = crate::common::diagnostic_headers(&stderr)
        .into_iter()
        .map(|(_, code, loc)| (code, loc))
        .collect();
    let want = [
        // repealed by a decision that does not exist
        ("XR004", "content/xxgk/a-repealed-by-missing.md:12:3"),
        // basis dated after the state it declares
        ("XR009", "content/xxgk/b-cycle-1.md:12:3"),
        // a cycle of replacements
        ("XR006", "content/xxgk/b-cycle-1.md:13:3"),
        // an interpretation of an interpretation
        ("XR005", "content/xxgk/f-interprets-interpretation.md:7:1"),
    ];
    assert_eq!(
        headers,
        want.iter()
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect::<Vec<_>>()
    );
    for needle in [
        "字段 validity.basis（依据）：找不到 “松政发〔2024〕99号” 所指的文件",
        "字段 validity.basis（依据）：依据文件 “松溪县人民政府关于废止甲办法的决定” 的日期 2025-02-20 晚于效力状态日期 2024-01-01",
        "字段 validity.replaced_by（替代文件）：替代关系成环：",
        "本身是政策解读：不能解读一份解读",
        "发现 4 个错误，检查未通过",
    ] {
        assert!(stderr.contains(needle), "missing “{needle}” in:\n{stderr}");
    }
    // a contradiction of the content itself: judged after the decision too
    let (_, _, later) = run(&[
        "--root",
        root.to_str().unwrap(),
        "--as-of",
        "2025-03-01",
        "check",
    ]);
    assert!(
        later.contains("XR009") && later.contains("发现 4 个错误"),
        "{later}"
    );
}

fn warn_site() -> tempfile::TempDir {
    let d = |extra: &str| crate::common::doc("某文件", extra, "正文");
    crate::common::site_with(&[
        (
            "xxgk/orig.md",
            d("doc_class: 规范性文件\ndoc_number: 某政规〔2024〕1号\nvalidity:\n  effective: 2024-06-01\n  expires: 2025-02-28\n").as_bytes(),
        ),
        (
            "xxgk/late.md",
            "---\ntitle: 解读\nagency: 某市人民政府办公室\ncategory: 综合政务/政务公开\npublished: 2024-06-04\ndoc_class: 政策解读\ninterprets: 某政规〔2024〕1号\n---\n迟了四天。\n".as_bytes(),
        ),
        (
            "xxgk/ontime.md",
            "---\ntitle: 解读二\nagency: 某市人民政府办公室\ncategory: 综合政务/政务公开\npublished: 2024-06-03\ndoc_class: 政策解读\ninterprets: 某政规〔2024〕1号\n---\n第三天，不迟。\n".as_bytes(),
        ),
        ("xxgk/rule.md", d("doc_class: 规章\ndoc_number: 某市人民政府令第9号\n").as_bytes()),
        ("xxgk/other.md", d("doc_class: 其他文件\n").as_bytes()),
        (
            "xxgk/old.md",
            d("doc_class: 规范性文件\nvalidity:\n  effective: 2020-01-01\n  expires: 2024-12-31\n").as_bytes(),
        ),
    ])
}

#[test]
fn review_warnings_do_not_fail_check_unless_strict() {
    let site = warn_site();
    let root = site.path().to_str().unwrap();
    let (code, _, stderr) = run(&["--root", root, "--as-of", BEFORE, "check"]);
    assert_eq!(code, 0, "{stderr}");
    let headers: Vec<(String, String, String)> = crate::common::diagnostic_headers(&stderr);
    let found: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, c, l)| {
            assert_eq!(k, "警告");
            (c.as_str(), l.as_str())
        })
        .collect();
    assert_eq!(
        found,
        [
            ("VA002", "content/xxgk/late.md:5:1"),
            ("VA001", "content/xxgk/old.md:9:3"),
            ("VA003", "content/xxgk/rule.md:6:1"),
        ]
    );
    assert!(
        stderr.contains("政策解读发布于 2024-06-04，比原文件（某文件，发布于 2024-05-31）晚 4 天")
    );
    assert!(
        stderr.contains("有效期至 2024-12-31 已过（效力判断日期 2025-01-01），但没有声明效力状态")
    );
    assert!(stderr.contains("规章没有写有效性信息"));
    let (strict, _, _) = run(&["--root", root, "--as-of", BEFORE, "check", "--strict"]);
    assert_eq!(strict, 1);
}

#[test]
fn check_lists_documents_expiring_within_a_window() {
    let site = warn_site();
    let root = site.path().to_str().unwrap();
    // the expiry day itself is inside the window; old.md has already expired
    let (code, stdout, _) = run(&[
        "--root",
        root,
        "--as-of",
        "2024-12-31",
        "check",
        "--expiring-within",
        "59d",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.contains("效力将要结束的文件：2 份"), "{stdout}");
    let lines: Vec<&str> = stdout.lines().filter(|l| l.starts_with("  ")).collect();
    assert!(
        lines[0].contains("2024-12-31")
            && lines[0].contains("还剩   0 天")
            && lines[0].contains("content/xxgk/old.md")
    );
    assert!(lines[1].contains("2025-02-28") && lines[1].contains("某政规〔2024〕1号"));
    let (_, short, _) = run(&[
        "--root",
        root,
        "--as-of",
        "2024-12-31",
        "check",
        "--expiring-within",
        "58d",
    ]);
    assert!(short.contains("效力将要结束的文件：1 份"), "{short}");
    let (code, out, _) = run(&[
        "--root",
        root,
        "--as-of",
        BEFORE,
        "check",
        "--expiring-within",
        "90d",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(v["within_days"], 90);
    assert_eq!(v["until"], "2025-04-01");
    let list = v["expiring"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], "xxgk/orig");
    assert_eq!(list[0]["last_valid_day"], "2025-02-28");
    assert_eq!(list[0]["days_left"], 58);
    assert_eq!(list[0]["ends_by"], "expires");
    assert!(v["diagnostics"].as_array().unwrap().len() >= 3);
    // a bad window is a usage error
    let (code, _, err) = run(&["--root", root, "check", "--expiring-within", "soon"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_scheduled_repeal_counts_as_ending_validity() {
    let site = crate::common::site_with(&[
        ("xxgk/dec.md", crate::common::doc("决定", "doc_number: 某政发〔2024〕3号\n", "决定。").as_bytes()),
        (
            "xxgk/sched.md",
            crate::common::doc(
                "办法",
                "doc_class: 规范性文件\nvalidity:\n  effective: 2024-06-01\n  status: 废止\n  date: 2025-02-01\n  basis: 某政发〔2024〕3号\n",
                "正文",
            )
            .as_bytes(),
        ),
    ]);
    let root = site.path().to_str().unwrap();
    let (_, out, _) = run(&[
        "--root",
        root,
        "--as-of",
        BEFORE,
        "check",
        "--expiring-within",
        "1m",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["expiring"][0]["id"], "xxgk/sched");
    assert_eq!(v["expiring"][0]["last_valid_day"], "2025-01-31");
    assert_eq!(v["expiring"][0]["ends_by"], "declared");
}

#[test]
fn a_document_not_yet_in_force_that_expires_in_the_window_is_listed() {
    let site = crate::common::site_with(&[(
        "xxgk/pilot.md",
        crate::common::doc(
            "试行办法",
            "doc_class: 规范性文件\ndoc_number: 某政规〔2024〕8号\nvalidity:\n  effective: 2025-02-01\n  expires: 2025-03-15\n",
            "正文",
        )
        .as_bytes(),
    )]);
    let root = site.path().to_str().unwrap();
    let args = |extra: &[&'static str]| {
        let mut a = vec!["--root", root, "--as-of", BEFORE, "check"];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run_args = |a: Vec<String>| run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let (code, out, err) = run_args(args(&["--expiring-within", "90d", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["expiring"].as_array().unwrap().len(), 1, "{out}");
    assert_eq!(v["expiring"][0]["id"], "xxgk/pilot");
    assert_eq!(v["expiring"][0]["status"], "尚未生效");
    assert_eq!(v["expiring"][0]["last_valid_day"], "2025-03-15");
    assert_eq!(v["expiring"][0]["days_left"], 73);
    let (_, text, _) = run_args(args(&["--expiring-within", "90d"]));
    assert!(
        text.contains(
            "  2025-03-15  还剩  73 天  某政规〔2024〕8号  试行办法  某市人民政府办公室  content/xxgk/pilot.md（有效期至；尚未生效）"
        ),
        "{text}"
    );
    // past the window: not listed
    let (_, out, _) = run_args(args(&["--expiring-within", "60d", "--format", "json"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["expiring"], serde_json::json!([]));
}

/// `check --format json` prints one shape, with or without the review
/// window, passing or failing (README).
#[test]
fn check_json_has_one_shape_with_or_without_the_window() {
    let keys = |v: &Value| {
        let mut k: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
        k.sort();
        k
    };
    let shape = [
        "as_of",
        "diagnostics",
        "drafts",
        "expiring",
        "until",
        "within_days",
    ];
    let site = warn_site();
    let root = site.path().to_str().unwrap();
    let (_, plain, _) = run(&[
        "--root", root, "--as-of", BEFORE, "check", "--format", "json",
    ]);
    let plain: Value = serde_json::from_str(&plain).unwrap();
    assert_eq!(keys(&plain), shape);
    assert_eq!(plain["as_of"], BEFORE);
    assert_eq!(plain["within_days"], Value::Null);
    assert_eq!(plain["until"], Value::Null);
    assert_eq!(plain["expiring"], serde_json::json!([]));
    assert_eq!(plain["drafts"], 0);
    assert!(!plain["diagnostics"].as_array().unwrap().is_empty());
    let (_, windowed, _) = run(&[
        "--root",
        root,
        "--as-of",
        BEFORE,
        "check",
        "--expiring-within",
        "90d",
        "--format",
        "json",
    ]);
    let windowed: Value = serde_json::from_str(&windowed).unwrap();
    assert_eq!(keys(&windowed), shape);
    assert_eq!(windowed["diagnostics"], plain["diagnostics"]);
    // a failing check: the same object, with the errors
    let bad = crate::common::fixture("invalid/references");
    let (code, failed, _) = run(&[
        "--root",
        bad.to_str().unwrap(),
        "check",
        "--expiring-within",
        "90d",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let failed: Value = serde_json::from_str(&failed).unwrap();
    assert_eq!(keys(&failed), shape);
    assert_eq!(failed["within_days"], 90);
    assert_eq!(failed["diagnostics"][0]["code"], "XR002");
    // drafts are counted only when the check gets through
    assert_eq!(failed["drafts"], Value::Null);
}

/// A repeal decided on 2024-06-01: judged on 2024-01-01, before the decision
/// exists, the rule is simply valid (no XR009, no warning); on 2024-07-01
/// it is repealed, linked to its decision. A decision dated after the state
/// it declares is XR009 on any day.
#[test]
fn a_repeal_is_judged_by_its_own_date_not_by_the_as_of_date() {
    let decision = "---\ntitle: 某市人民政府关于废止甲办法的决定\nagency: 某市人民政府办公室\ncategory: 综合政务/政务公开\npublished: 2024-06-01\ndoc_number: 某政发〔2024〕6号\n---\n决定。\n";
    let rule = |date: &str| {
        format!("---\ntitle: 某市甲办法\nagency: 某市人民政府办公室\ncategory: 综合政务/政务公开\npublished: 2020-01-01\ndoc_class: 规范性文件\nvalidity:\n  effective: 2020-02-01\n  status: 废止\n  date: {date}\n  basis: 某政发〔2024〕6号\n---\n正文\n")
    };
    let site = crate::common::site_with(&[
        ("xxgk/decision.md", decision.as_bytes()),
        ("xxgk/rule.md", rule("2024-06-01").as_bytes()),
    ]);
    let status_at = |as_of: &str| {
        let context = gongkai::BuildContext {
            as_of: as_of.parse().unwrap(),
            drafts: false,
            future: false,
        };
        let checked = gongkai::check_site(site.path(), &context, &None)
            .unwrap_or_else(|e| panic!("check fails at {as_of}: {e:?}"));
        let warnings: Vec<String> = checked
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(warnings.is_empty(), "at {as_of}: {warnings:?}");
        let i = checked
            .index
            .docs
            .iter()
            .position(|d| d.id == "xxgk/rule")
            .unwrap();
        let basis = checked.index.relations[i]
            .basis
            .map(|b| checked.index.docs[b].id.clone());
        (checked.index.validity[i].status.name(), basis)
    };
    assert_eq!(status_at("2024-01-01"), ("有效", None));
    assert_eq!(status_at("2024-05-31"), ("有效", None));
    assert_eq!(
        status_at("2024-07-01"),
        ("废止", Some("xxgk/decision".to_string()))
    );
    let root = site.path().to_str().unwrap();
    for as_of in ["2024-01-01", "2024-07-01"] {
        let (code, _, stderr) = run(&["--root", root, "--as-of", as_of, "check", "--strict"]);
        assert_eq!(code, 0, "at {as_of}: {stderr}");
    }

    // declared repealed from 2024-05-01 by a decision of 2024-06-01
    crate::common::write(site.path().join("content/xxgk/rule.md"), rule("2024-05-01"));
    for as_of in ["2024-01-01", "2024-07-01"] {
        let (code, _, stderr) = run(&["--root", root, "--as-of", as_of, "check"]);
        assert_eq!(code, 1, "at {as_of}: {stderr}");
        assert!(
            stderr.contains(
                "错误[XR009] content/xxgk/rule.md:11:3  字段 validity.basis（依据）：\
                 依据文件 “某市人民政府关于废止甲办法的决定” 的日期 2024-06-01 晚于效力状态日期 2024-05-01：\
                 效力状态不能依据在它之后才有的文件\n  \
                 应为：成文（或发布）日期不晚于 2024-05-01 的决定\n  \
                 提示：检查依据是否引用错了文件、依据文件的日期是否写错，或 validity.date 是否应为 2024-06-01 或更晚"
            ),
            "at {as_of}: {stderr}"
        );
    }
}
