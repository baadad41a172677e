//! Annual reports checked: every 小计 and 总计 of a report against its
//! parts, the balance of table 三 (本年新收 + 上年结转 = 总计 + 结转下年度),
//! the carry-over from one year's report to the next of the same body, a
//! report for a year not yet over, two files for one body and year, and
//! the bodies whose report for last year is missing. No IO.

use super::report_catalog::{self, ClassFigures};
use crate::diagnostics::Diagnostic;
use crate::index::schedule::{
    before_its_date, held_back as held_back_on, Scheduled, ScheduledKind,
};
use crate::model::{BuildContext, SharedDoc};
use crate::parse::report::{ApplicantRow, Report, Row};
use crate::parse::report_format::{
    self as format, APPLICANTS, CARRIED_IN, CARRIED_OUT, RECEIVED, RESULTS, RESULTS_TOTAL,
    REVIEW_COLUMNS, REVIEW_ROWS, SUBTOTAL, TOTAL,
};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// A body whose report for a year is due and not published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The body.
    pub agency: String,
    /// The year whose report is missing.
    pub year: i16,
}

/// The annual reports of the build.
#[derive(Debug, Default)]
pub struct Reports {
    /// The reports published, newest year first, then by body.
    pub published: Vec<Report>,
    /// Bodies whose report for last year is due and missing.
    pub missing: Vec<Missing>,
    /// Reports dated after the as-of date (held back, or previewed).
    pub held_back: Vec<Scheduled>,
    /// Table 二 (第（一）项) of `published[i]` from the catalog.
    pub table_two: Vec<[ClassFigures; 2]>,
}

/// Checks the reports and keeps those this build publishes: not drafts
/// (unless `--drafts`), not dated after the as-of date (unless `--future`).
pub fn index_reports(
    reports: Vec<Report>,
    docs: &[SharedDoc],
    ctx: &BuildContext,
    diags: &mut Vec<Diagnostic>,
) -> Reports {
    let public = |r: &&Report| r.is_public(ctx.drafts);
    // A draft is a report being filled in: its sums are checked when it is
    // published (or previewed with --drafts), not before.
    for r in reports.iter().filter(public) {
        diags.extend(check_report(r));
        report_catalog::compare(r, &report_catalog::table_two(r, docs), diags);
    }
    let held_back = reports
        .iter()
        .filter(public)
        .filter(|r| before_its_date(r.published, ctx.as_of))
        .map(|r| Scheduled {
            date: r.published,
            kind: ScheduledKind::Report,
            file: r.source_path.clone(),
            title: r.title.clone(),
        })
        .collect();
    let shown: Vec<&Report> = reports
        .iter()
        .filter(public)
        .filter(|r| !held_back_on(r.published, ctx))
        .collect();
    let checked: Vec<&Report> = reports.iter().filter(public).collect();
    let missing = check_across(&checked, &shown, ctx, diags);
    let mut published: Vec<Report> = shown.into_iter().cloned().collect();
    published.sort_by(|a, b| (b.year, &a.agency, &a.name).cmp(&(a.year, &b.agency, &b.name)));
    let table_two = published
        .iter()
        .map(|r| report_catalog::table_two(r, docs))
        .collect();
    Reports {
        published,
        missing,
        held_back,
        table_two,
    }
}

/// The sum of a result's sub-rows, per column.
pub fn result_cells(report: &Report, i: usize) -> [u64; 6] {
    sum_rows(&report.applications.results[i].parts)
}

/// （七）总计 per column: the sum of （一）–（六）.
pub fn results_total(report: &Report) -> [u64; 6] {
    let mut out = [0; 6];
    for i in 0..RESULTS.len() {
        add(&mut out, &result_cells(report, i));
    }
    out
}

fn sum_rows<const N: usize>(rows: &[Row<N>]) -> [u64; N] {
    let mut out = [0; N];
    for r in rows {
        add(&mut out, &r.cells);
    }
    out
}

pub(super) fn add<const N: usize>(into: &mut [u64; N], cells: &[u64; N]) {
    for (a, b) in into.iter_mut().zip(cells) {
        *a += b;
    }
}

/// Every check of one report on its own.
pub fn check_report(report: &Report) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    year_has_ended(report, &mut diags);
    let a = &report.applications;
    let path = |row: &str| format!("{}.{row}", format::APPLICATIONS);
    let mut rows: Vec<(&ApplicantRow, String, String)> = vec![
        (&a.received, RECEIVED.label.to_string(), path(RECEIVED.key)),
        (
            &a.carried_in,
            CARRIED_IN.label.to_string(),
            path(CARRIED_IN.key),
        ),
        (
            &a.carried_out,
            CARRIED_OUT.label.to_string(),
            path(CARRIED_OUT.key),
        ),
    ];
    for (def, result) in RESULTS.iter().zip(&a.results) {
        if def.parts.is_empty() {
            rows.push((
                &result.parts[0],
                def.row.label.to_string(),
                path(def.row.key),
            ));
            continue;
        }
        for (part, row) in def.parts.iter().zip(&result.parts) {
            let label = format!("{} {}", def.row.label, part.label);
            rows.push((row, label, path(&format!("{}.{}", def.row.key, part.key))));
        }
        if let Some(sub) = &result.subtotal {
            let sub_path = path(&format!("{}.{SUBTOTAL}", def.row.key));
            rows.push((
                sub,
                format!("{} {SUBTOTAL}", def.row.label),
                sub_path.clone(),
            ));
            let parts = sum_rows(&result.parts);
            for (c, col) in APPLICANTS.iter().enumerate() {
                if sub.cells[c] != parts[c] {
                    diags.push(
                        mismatch(
                            "RPT003",
                            report,
                            sub.cell_pos[c],
                            format!(
                                "表三 “{} {SUBTOTAL}” 的 “{col}” 列写的是 {}，其下 {} 项相加是 {}",
                                def.row.label,
                                sub.cells[c],
                                def.parts.len(),
                                parts[c]
                            ),
                            format!(
                                "{SUBTOTAL}等于各小项之和 {}；或删去{SUBTOTAL}，由程序计算",
                                parts[c]
                            ),
                        )
                        .field(format!("{sub_path}.{col}")),
                    );
                }
            }
        }
    }
    if let Some(total) = &a.results_total {
        let total_path = path(RESULTS_TOTAL.key);
        rows.push((total, RESULTS_TOTAL.label.to_string(), total_path.clone()));
        let sums = results_total(report);
        for (c, col) in APPLICANTS.iter().enumerate() {
            if total.cells[c] != sums[c] {
                diags.push(
                    mismatch(
                        "RPT005",
                        report,
                        total.cell_pos[c],
                        format!(
                            "表三 “{}” 的 “{col}” 列写的是 {}，（一）至（六）相加是 {}",
                            RESULTS_TOTAL.label, total.cells[c], sums[c]
                        ),
                        format!(
                            "（七）总计等于（一）至（六）之和 {}；或删去这一行，由程序计算",
                            sums[c]
                        ),
                    )
                    .field(format!("{total_path}.{col}")),
                );
            }
        }
    }
    for (row, label, path) in &rows {
        row_total(
            "RPT004",
            report,
            row,
            &format!("表三 “{label}”"),
            path,
            &mut diags,
        );
    }
    balance(report, &mut diags);
    for (def, row) in REVIEW_ROWS.iter().zip(&report.reviews) {
        let path = format!("{}.{}", format::REVIEWS, def.key);
        let what = format!("表四 “{}”", def.label);
        row_total("RPT007", report, row, &what, &path, &mut diags);
    }
    diags
}

fn mismatch(
    code: &'static str,
    report: &Report,
    pos: (u32, u32),
    message: String,
    expected: String,
) -> Diagnostic {
    Diagnostic::error(code, &report.source_path, message)
        .at_pos(pos)
        .expected(expected)
}

/// A written 总计 column equals the sum across the row.
fn row_total<const N: usize>(
    code: &'static str,
    report: &Report,
    row: &Row<N>,
    what: &str,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(total) = row.total else { return };
    let sum = row.sum();
    if total.value != sum {
        let columns = if N == APPLICANTS.len() {
            "自然人和法人或其他组织各列"
        } else {
            "结果维持、结果纠正、其他结果、尚未审结"
        };
        diags.push(
            mismatch(
                code,
                report,
                total.pos,
                format!(
                    "{what} 的 “{TOTAL}” 列写的是 {}，{columns}相加是 {sum}",
                    total.value
                ),
                format!("{TOTAL}等于各列之和 {sum}；或删去{TOTAL}，由程序计算"),
            )
            .field(format!("{path}.{TOTAL}")),
        );
    }
}

/// RPT006: 本年新收 + 上年结转 = （七）总计 + 结转下年度, per column.
fn balance(report: &Report, diags: &mut Vec<Diagnostic>) {
    let a = &report.applications;
    let results = results_total(report);
    for (c, col) in APPLICANTS.iter().enumerate() {
        let came = a.received.cells[c] + a.carried_in.cells[c];
        let went = results[c] + a.carried_out.cells[c];
        if came != went {
            diags.push(
                mismatch(
                "RPT006",
                report,
                a.carried_out.cell_pos[c],
                format!(
                    "表三 “{col}” 列不平衡：本年新收 {} + 上年结转 {} = {came}，而（七）总计 {} + 结转下年度 {} = {went}",
                    a.received.cells[c], a.carried_in.cells[c], results[c], a.carried_out.cells[c]
                ),
                "本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理".to_string(),
            )
                .field(format!("{}.{}.{col}", format::APPLICATIONS, CARRIED_OUT.key)),
            );
        }
    }
}

/// RPT009: a report for a year that has not ended. Judged at the day it is
/// published: a report in this build is dated on or before the as-of date,
/// so its year has ended by the as-of date too; one dated later is held
/// back until its date (a release staged for January), not an error.
fn year_has_ended(report: &Report, diags: &mut Vec<Diagnostic>) {
    if i32::from(report.published.year()) <= i32::from(report.year) {
        diags.push(
            Diagnostic::error(
                "RPT009",
                &report.source_path,
                format!(
                    "{} 年度到发布日期 {} 还没有结束，不能发布该年度的年度报告",
                    report.year, report.published
                ),
            )
            .at_pos(report.year_pos)
            .field("year")
            .expected(format!(
                "已结束的年度（{} 年 1 月 1 日起发布 {} 年度报告）",
                i32::from(report.year) + 1,
                report.year
            )),
        );
    }
}

/// Checks across reports: two files for one body and year (RPT011), the
/// carry-over between consecutive years (RPT008) and the bodies whose
/// report for last year is due and missing (RPT010, listed in `missing`).
/// `reports` are those checked (not drafts, unless `--drafts`),
/// `published` those in this build's output.
pub fn check_across(
    reports: &[&Report],
    published: &[&Report],
    ctx: &BuildContext,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Missing> {
    let mut by_body: BTreeMap<(&str, i16), &Report> = BTreeMap::new();
    for &r in reports {
        match by_body.get(&(r.agency.as_str(), r.year)) {
            Some(first) => diags.push(
                Diagnostic::error(
                    "RPT011",
                    &r.source_path,
                    format!(
                        "{} 的 {} 年度报告已在 {} 中",
                        r.agency, r.year, first.source_path
                    ),
                )
                .at_pos(r.keys.find("agency"))
                .field("agency")
                .expected("每个机关每年一份年度报告文件"),
            ),
            None => {
                by_body.insert((r.agency.as_str(), r.year), r);
            }
        }
    }
    for (&(agency, year), r) in &by_body {
        if let Some(prev) = by_body.get(&(agency, year - 1)) {
            carry_over(r, prev, diags);
        }
    }
    missing_reports(published, ctx, diags)
}

/// RPT008: this year's 上年结转 equals last year's 结转下年度, per column.
fn carry_over(report: &Report, prev: &Report, diags: &mut Vec<Diagnostic>) {
    let now = &report.applications.carried_in;
    let then = &prev.applications.carried_out;
    for (c, col) in APPLICANTS.iter().enumerate() {
        if now.cells[c] != then.cells[c] {
            diags.push(
                Diagnostic::error(
                    "RPT008",
                    &report.source_path,
                    format!(
                        "表三 “{}” 的 “{col}” 列写的是 {}，而 {} 年度报告的 “{}” 是 {}",
                        CARRIED_IN.label, now.cells[c], prev.year, CARRIED_OUT.label, then.cells[c]
                    ),
                )
                .at_pos(now.cell_pos[c])
                .field(format!("{}.{}.{col}", format::APPLICATIONS, CARRIED_IN.key))
                .expected(format!("与上年结转下年度的数字相同：{}", then.cells[c]))
                .hint(format!(
                    "上年的数字在 {}:{}；两处中有一处写错了",
                    prev.source_path, then.cell_pos[c].0
                )),
            );
        }
    }
}

/// RPT010: after 31 January a body that published a report for the year
/// before last must have one for last year.
fn missing_reports(
    published: &[&Report],
    ctx: &BuildContext,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Missing> {
    let year = ctx.as_of.year();
    let due = Date::new(year, 1, 31).ok();
    if due.is_none_or(|due| ctx.as_of <= due) {
        return Vec::new();
    }
    let mut missing: Vec<Missing> = Vec::new();
    for r in published.iter().filter(|r| r.year == year - 2) {
        if missing.iter().any(|m| m.agency == r.agency) {
            continue;
        }
        let has_last = published
            .iter()
            .any(|o| o.agency == r.agency && o.year == year - 1);
        if !has_last {
            diags.push(
                Diagnostic::warning(
                    "RPT010",
                    &r.source_path,
                    format!(
                        "{} 有 {} 年度报告，但没有 {} 年度报告（应于 {year}-01-31 前发布）",
                        r.agency,
                        year - 2,
                        year - 1
                    ),
                )
                .at_pos(r.year_pos)
                .field("year")
                .expected(format!("content/reports/{}/{}.md", year - 1, r.name))
                .hint("运行 gongkai new 生成年度报告骨架"),
            );
            missing.push(Missing {
                agency: r.agency.clone(),
                year: year - 1,
            });
        }
    }
    missing
}

/// Table 三 of a report in the order of [`format::application_rows`],
/// with groups and （七） computed from their parts.
pub fn application_cells(report: &Report) -> Vec<[u64; 6]> {
    let a = &report.applications;
    let mut out = vec![a.received.cells, a.carried_in.cells];
    for (i, result) in a.results.iter().enumerate() {
        out.push(result_cells(report, i));
        if RESULTS[i].parts.is_empty() {
            continue;
        }
        out.extend(result.parts.iter().map(|p| p.cells));
    }
    out.push(results_total(report));
    out.push(a.carried_out.cells);
    out
}

/// The review columns' names with 总计, for pages and exports.
pub fn review_header() -> Vec<&'static str> {
    REVIEW_COLUMNS.iter().copied().chain([TOTAL]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::report::tests::parse;

    fn ctx(as_of: &str) -> BuildContext {
        BuildContext {
            as_of: as_of.parse().expect("date"),
            drafts: false,
            future: false,
        }
    }

    fn report(year: i16, body: &str) -> Report {
        let text = format!(
            "---\nagency: 清河市教育局\nyear: {year}\npublished: {}-01-20\n{body}---\n",
            year + 1
        );
        let (r, diags) = parse(&format!("reports/{year}/jyj.md"), &text);
        assert!(diags.is_empty(), "{diags:?}");
        r.expect("parses")
    }

    const BALANCED: &str = "依申请公开:\n  本年新收: {自然人: 10, 商业企业: 2, 总计: 12}\n  上年结转: {自然人: 1}\n  予以公开: {自然人: 5, 总计: 5}\n  不予公开:\n    小计: {自然人: 3, 商业企业: 1}\n    属于国家秘密: {自然人: 1}\n    保护第三方合法权益: {自然人: 2, 商业企业: 1}\n  总计: {自然人: 8, 商业企业: 1}\n  结转下年度: {自然人: 3, 商业企业: 1}\n复议诉讼:\n  行政复议: {结果维持: 2, 结果纠正: 1, 总计: 3}\n";

    fn codes(diags: &[Diagnostic]) -> Vec<(&'static str, Option<u32>)> {
        diags.iter().map(|d| (d.code, d.line)).collect()
    }

    #[test]
    fn a_consistent_report_passes_every_identity() {
        let r = report(2024, BALANCED);
        assert_eq!(check_report(&r), []);
        assert_eq!(results_total(&r), [8, 1, 0, 0, 0, 0]);
        let cells = application_cells(&r);
        assert_eq!(cells.len(), format::application_rows().len());
        assert_eq!(
            cells[4],
            [3, 1, 0, 0, 0, 0],
            "（三）不予公开 is its parts' sum"
        );
    }

    #[test]
    fn a_subtotal_that_is_not_its_parts_is_rpt003() {
        let r = report(
            2024,
            &BALANCED.replace("小计: {自然人: 3,", "小计: {自然人: 4,"),
        );
        let diags = check_report(&r);
        assert_eq!(codes(&diags), [("RPT003", Some(10))]);
        assert_eq!(
            diags[0].message,
            "表三 “（三）不予公开 小计” 的 “自然人” 列写的是 4，其下 8 项相加是 3"
        );
    }

    #[test]
    fn a_row_total_that_is_not_its_columns_is_rpt004() {
        let r = report(
            2024,
            &BALANCED.replace("商业企业: 2, 总计: 12", "商业企业: 2, 总计: 13"),
        );
        let diags = check_report(&r);
        // the balance still holds per column: only the written total is wrong
        assert_eq!(codes(&diags), [("RPT004", Some(6))]);
        assert_eq!(diags[0].column, Some(28));
        assert_eq!(
            diags[0].message,
            "表三 “一、本年新收政府信息公开申请数量” 的 “总计” 列写的是 13，自然人和法人或其他组织各列相加是 12"
        );
    }

    #[test]
    fn a_results_total_that_is_not_one_to_six_is_rpt005() {
        let r = report(
            2024,
            &BALANCED.replace("总计: {自然人: 8,", "总计: {自然人: 9,"),
        );
        let diags = check_report(&r);
        assert_eq!(codes(&diags), [("RPT005", Some(13))]);
        assert_eq!(
            diags[0].message,
            "表三 “（七）总计” 的 “自然人” 列写的是 9，（一）至（六）相加是 8"
        );
    }

    #[test]
    fn an_unbalanced_column_is_rpt006() {
        let r = report(
            2024,
            &BALANCED.replace("结转下年度: {自然人: 3,", "结转下年度: {自然人: 2,"),
        );
        let diags = check_report(&r);
        assert_eq!(codes(&diags), [("RPT006", Some(14))]);
        assert_eq!(
            diags[0].message,
            "表三 “自然人” 列不平衡：本年新收 10 + 上年结转 1 = 11，而（七）总计 8 + 结转下年度 2 = 10"
        );
    }

    #[test]
    fn a_review_total_that_is_not_its_outcomes_is_rpt007() {
        let r = report(
            2024,
            &BALANCED.replace("结果纠正: 1, 总计: 3", "结果纠正: 1, 总计: 4"),
        );
        let diags = check_report(&r);
        assert_eq!(codes(&diags), [("RPT007", Some(16))]);
        assert_eq!(
            diags[0].message,
            "表四 “行政复议” 的 “总计” 列写的是 4，结果维持、结果纠正、其他结果、尚未审结相加是 3"
        );
    }

    #[test]
    fn a_report_for_a_year_not_over_is_rpt009() {
        let mut r = report(2025, BALANCED);
        r.published = "2025-12-20".parse().expect("date");
        let diags = check_report(&r);
        assert_eq!(codes(&diags), [("RPT009", Some(3))]);
        assert_eq!(
            diags[0].message,
            "2025 年度到发布日期 2025-12-20 还没有结束，不能发布该年度的年度报告"
        );
        // dated 2026-01-20: held back at 2025-12-31 (a staged release),
        // published once the year is over
        let staged = report(2025, BALANCED);
        assert_eq!(check_report(&staged), []);
    }

    #[test]
    fn carry_over_must_match_last_years_report() {
        let before = report(2023, BALANCED);
        // 2023 carries 3 and 1 over; 2024 says it received 1 and 0
        let after = report(2024, BALANCED);
        let mut diags = Vec::new();
        check_across(&[&before, &after], &[], &ctx("2025-12-31"), &mut diags);
        assert_eq!(codes(&diags), [("RPT008", Some(7)), ("RPT008", Some(7))]);
        assert_eq!(
            diags[0].message,
            "表三 “二、上年结转政府信息公开申请数量” 的 “自然人” 列写的是 1，而 2023 年度报告的 “四、结转下年度继续办理” 是 3"
        );
        let fixed = report(
            2024,
            &BALANCED
                .replace(
                    "上年结转: {自然人: 1}",
                    "上年结转: {自然人: 3, 商业企业: 1}",
                )
                .replace(
                    "本年新收: {自然人: 10, 商业企业: 2, 总计: 12}",
                    "本年新收: {自然人: 8, 商业企业: 1}",
                ),
        );
        assert_eq!(check_report(&fixed), []);
        let mut diags = Vec::new();
        check_across(&[&before, &fixed], &[], &ctx("2025-12-31"), &mut diags);
        assert_eq!(diags, []);
    }

    #[test]
    fn two_files_for_one_body_and_year_are_rpt011() {
        let r = report(2024, BALANCED);
        let mut diags = Vec::new();
        check_across(&[&r, &r], &[], &ctx("2025-12-31"), &mut diags);
        assert_eq!(codes(&diags), [("RPT011", Some(2))]);
    }

    #[test]
    fn last_years_report_is_missing_after_january() {
        let r = report(2023, BALANCED);
        let mut diags = Vec::new();
        let missing = check_across(&[&r], &[&r], &ctx("2025-02-01"), &mut diags);
        assert_eq!(codes(&diags), [("RPT010", Some(3))]);
        assert_eq!(
            diags[0].message,
            "清河市教育局 有 2023 年度报告，但没有 2024 年度报告（应于 2025-01-31 前发布）"
        );
        assert_eq!(
            missing,
            [Missing {
                agency: "清河市教育局".into(),
                year: 2024
            }]
        );
        let mut diags = Vec::new();
        assert_eq!(
            check_across(&[&r], &[&r], &ctx("2025-01-31"), &mut diags),
            []
        );
        assert_eq!(diags, []);
        let next = report(2024, BALANCED);
        let mut diags = Vec::new();
        check_across(&[&r], &[&r, &next], &ctx("2025-02-01"), &mut diags);
        assert!(diags.iter().all(|d| d.code != "RPT010"), "{diags:?}");
    }
}
