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
    // Four of the demo's 31 documents are dated after 2025-01-01: they wait
    // for their date (scheduled publication) instead of being published.
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
            ("2025-01-24".to_string(), "content/xxgk/2025/nb-2024.md"),
            ("2025-02-21".to_string(), "content/xxgk/2025/wj-2025-01.md"),
            ("2025-06-20".to_string(), "content/xxgk/2025/wj-2025-02.md"),
            ("2025-09-12".to_string(), "content/xxgk/2025/gf-2025-01.md"),
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

/// The README recommends `gongkai check --strict` in a content repository's CI,
/// so the demo passes it at every date from the tests' as-of date to today:
/// when a demo document reaches its 有效期至, this fails until its state is
/// declared (validity.status 失效 with the date), as an office would.
#[test]
fn demo_passes_check_strict_from_the_test_date_to_today() {
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)))
        .date();
    let mut context = ctx(false);
    let mut dates = vec![today];
    let mut date = context.as_of;
    while date < today {
        dates.push(date);
        date = date.checked_add(jiff::Span::new().days(7)).unwrap();
    }
    for as_of in dates {
        context.as_of = as_of;
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
            "`gongkai check --strict --as-of {as_of}` fails on the demo:\n{}",
            warnings.join("\n")
        );
    }
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
