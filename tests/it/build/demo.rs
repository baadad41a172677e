//! The repository's own demo site (site.yaml + content/ at the crate root)
//! builds as of 2025-01-01 with no errors and only the intended warning, holds
//! back what is dated after that day, and shows the
//! facts its content promises.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{build_ok, crate_root, ctx, main_of, read_tree};
use sha2::{Digest, Sha256};

#[test]
fn demo_site_builds_clean() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let report = build_ok(&crate_root(), &public, false);
    assert!(
        report.diagnostics.is_empty(),
        "the demo has warnings:\n{}",
        report
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    let tree = read_tree(&public);

    let catalog: serde_json::Value = serde_json::from_slice(&tree["catalog.json"]).unwrap();
    let records = catalog.as_array().unwrap();
    // Four of the demo's 31 documents, and its annual reports for 2024 and
    // 2025, are dated after 2025-01-01: they wait for their date (scheduled
    // publication) instead of being published.
    assert_eq!(records.len(), 27);
    assert_eq!(report.documents, 27);
    let scheduled: Vec<(String, &str)> = report
        .scheduled
        .iter()
        .map(|s| (s.date.to_string(), s.file.as_str()))
        .collect();
    assert_eq!(
        scheduled,
        [
            ("2025-01-24".to_string(), "content/reports/2024/szf.md"),
            ("2025-01-24".to_string(), "content/xxgk/2025/nb-2024.md"),
            ("2025-01-28".to_string(), "content/reports/2024/jyj.md"),
            ("2025-02-21".to_string(), "content/xxgk/2025/wj-2025-01.md"),
            ("2025-06-20".to_string(), "content/xxgk/2025/wj-2025-02.md"),
            ("2025-09-12".to_string(), "content/xxgk/2025/gf-2025-01.md"),
            ("2026-01-23".to_string(), "content/reports/2025/szf.md"),
            ("2026-01-27".to_string(), "content/reports/2025/jyj.md"),
        ]
    );
    let repealed = records
        .iter()
        .find(|r| r["id"] == "xxgk/2021/gf-2021-01")
        .expect("gf-2021-01 is published");
    assert_eq!(repealed["status"], "废止");
    assert_eq!(repealed["status_since"], "2024-07-01");
    assert!(
        repealed["replaced_by"]
            .as_array()
            .is_some_and(|r| !r.is_empty()),
        "{repealed}"
    );

    let pdf = std::fs::read(crate_root().join("content/xxgk/2024/fj-gf-2024-03-1.pdf")).unwrap();
    let sha: String = Sha256::digest(&pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let page = String::from_utf8(tree["xxgk/2024/gf-2024-03/index.html"].clone()).unwrap();
    assert!(
        main_of(&page).contains(&sha),
        "the attachment's SHA-256 {sha} is not on its page"
    );
    assert_eq!(
        tree["xxgk/2024/gf-2024-03/fj-gf-2024-03-1.pdf"], pdf,
        "the attachment is copied unchanged"
    );
}

/// The last day the demo is kept current: until then it passes `gongkai
/// check --strict` (which the README recommends for a content repository's
/// CI) on every day. Fixed, not "today", so that a commit's CI result does
/// not change with the calendar. Moving it later means doing what an office
/// would: publishing the 2026 annual reports (due 2027-01-31) and, from
/// 2027-06-30, declaring gf-2022-01's state once it reaches its 有效期至.
const DEMO_KEPT_UNTIL: jiff::civil::Date = jiff::civil::date(2027, 1, 31);

/// Warnings `check --strict --as-of <as_of>` gives on the demo, as `CODE file`.
fn demo_warnings(as_of: jiff::civil::Date) -> Vec<String> {
    let mut context = ctx(false);
    context.as_of = as_of;
    match gongkai::check_site(&crate_root(), &context, &None) {
        Ok(checked) => checked
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code, d.file))
            .collect(),
        Err(e) => panic!("the demo does not check at {as_of}: {e:?}"),
    }
}

#[test]
fn demo_passes_check_strict_every_week_from_the_test_date_to_its_horizon() {
    let mut date = ctx(false).as_of;
    let mut dates = vec![DEMO_KEPT_UNTIL];
    while date < DEMO_KEPT_UNTIL {
        dates.push(date);
        date = date.checked_add(jiff::Span::new().days(7)).unwrap();
    }
    for as_of in dates {
        let warnings = demo_warnings(as_of);
        assert!(
            warnings.is_empty(),
            "`gongkai check --strict --as-of {as_of}` fails on the demo:\n{}",
            warnings.join("\n")
        );
    }
}

/// Past its horizon the demo is a site nobody keeps, and strict check says
/// so: the missing 2026 annual reports (RPT010) from the day after they were
/// due, and gf-2022-01's undeclared lapse (VA001) once its 有效期至 is past.
#[test]
fn past_its_horizon_the_demo_is_caught_as_a_neglected_site() {
    let reports = [
        "RPT010 content/reports/2025/jyj.md",
        "RPT010 content/reports/2025/szf.md",
    ];
    let next_day = DEMO_KEPT_UNTIL.tomorrow().unwrap();
    assert_eq!(demo_warnings(next_day), reports);
    let mut lapsed = reports.to_vec();
    lapsed.push("VA001 content/xxgk/2022/gf-2022-01.md");
    assert_eq!(demo_warnings(jiff::civil::date(2027, 7, 1)), lapsed);
    assert_eq!(
        demo_warnings(jiff::civil::date(2027, 6, 30)),
        reports,
        "有效期至 is the last day in force"
    );
}

/// “What was in force on day D” works for any content that builds today:
/// the demo checks clean (no error, no warning) and builds at every quarter
/// since 2022, though its repeal decisions (e.g. 清政发〔2024〕11号, dated
/// 2024-06-25, repealing 清政办发〔2021〕9号 from 2024-07-01) did not exist
/// yet on most of those days; and on each day the repealed document is as
/// it was then.
#[test]
fn the_demo_checks_and_builds_at_every_quarter_since_2022() {
    let mut context = ctx(false);
    let out = tempfile::tempdir().unwrap();
    for year in 2022..=2025 {
        for month in [1, 4, 7, 10] {
            context.as_of = jiff::civil::date(year, month, 1);
            let as_of = context.as_of;
            let checked = match gongkai::check_site(&crate_root(), &context, &None) {
                Ok(checked) => checked,
                Err(e) => panic!("the demo does not check at {as_of}: {e:?}"),
            };
            let warnings: Vec<String> = checked
                .diagnostics
                .iter()
                .map(ToString::to_string)
                .collect();
            assert!(
                warnings.is_empty(),
                "warnings at {as_of}:\n{}",
                warnings.join("\n")
            );
            let (i, _) = checked
                .index
                .docs
                .iter()
                .enumerate()
                .find(|(_, d)| d.id == "xxgk/2021/gf-2021-01")
                .expect("published since 2021");
            let status = checked.index.validity[i].status.name();
            let want = if as_of < jiff::civil::date(2024, 7, 1) {
                "有效"
            } else {
                "废止"
            };
            assert_eq!(status, want, "清政办发〔2021〕9号 at {as_of}");
            let output = out.path().join(as_of.to_string());
            let report = gongkai::build(&gongkai::Options {
                root: crate_root(),
                output,
                ctx: context.clone(),
                progress: None,
                write: Default::default(),
            });
            assert!(
                report.is_ok(),
                "the demo does not build at {as_of}: {report:?}"
            );
        }
    }
}
