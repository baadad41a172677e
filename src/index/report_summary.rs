//! Annual reports added up and compared: one year's reports of several
//! bodies summed into one (the aggregate for the whole site, with the
//! bodies that have no report for the year), and per report the three
//! figures the comparison across years charts. No IO.

use super::report_catalog::ClassFigures;
use crate::parse::report::{Report, Row};
use crate::parse::report_format::CORRECTED;

/// The sum of one year's reports (at least one), as one report: every
/// count of tables 二 (typed items), 三 and 四 added up. Written subtotals
/// and totals are dropped (they are computed from the parts).
pub fn sum_reports(reports: &[&Report], title: &str) -> Option<Report> {
    let first = reports.first()?;
    let mut sum = (*first).clone();
    sum.title = title.to_string();
    sum.agency = title.to_string();
    sum.published = reports.iter().map(|r| r.published).max()?;
    sum.proactive.regulatory = Default::default();
    sum.before_html = String::new();
    sum.after_html = String::new();
    let a = &mut sum.applications;
    a.results_total = None;
    for rows in &mut a.results {
        rows.subtotal = None;
    }
    for r in &reports[1..] {
        let b = &r.applications;
        add(&mut a.received, &b.received);
        add(&mut a.carried_in, &b.carried_in);
        add(&mut a.carried_out, &b.carried_out);
        for (mine, theirs) in a.results.iter_mut().zip(&b.results) {
            for (p, q) in mine.parts.iter_mut().zip(&theirs.parts) {
                add(p, q);
            }
        }
        for (p, q) in sum.reviews.iter_mut().zip(&r.reviews) {
            add(p, q);
        }
        for (p, q) in sum
            .proactive
            .decisions
            .iter_mut()
            .zip(r.proactive.decisions)
        {
            *p += q;
        }
        sum.proactive.fee += r.proactive.fee;
    }
    clear_totals(&mut sum);
    Some(sum)
}

fn add<const N: usize>(into: &mut Row<N>, other: &Row<N>) {
    super::report::add(&mut into.cells, &other.cells);
}

fn clear_totals(r: &mut Report) {
    let a = &mut r.applications;
    for row in [&mut a.received, &mut a.carried_in, &mut a.carried_out] {
        row.total = None;
    }
    for rows in &mut a.results {
        for p in &mut rows.parts {
            p.total = None;
        }
    }
    for row in &mut r.reviews {
        row.total = None;
    }
}

/// Table 二 of several reports added up: the documents behind each count, together.
pub fn sum_figures(figures: &[&[ClassFigures; 2]]) -> [ClassFigures; 2] {
    let mut out: [ClassFigures; 2] = Default::default();
    for f in figures {
        for (mine, theirs) in out.iter_mut().zip(f.iter()) {
            for (m, t) in mine.docs.iter_mut().zip(&theirs.docs) {
                m.extend(t.iter().cloned());
            }
        }
    }
    out
}

/// What the comparison across years shows of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trend {
    /// The year.
    pub year: i16,
    /// 本年新收政府信息公开申请数量 (all applicants).
    pub received: u64,
    /// （一）予以公开 + （二）部分公开 as a share of （七）总计, in
    /// hundredths of a percent; `None` when nothing was decided.
    pub disclosed: Option<u64>,
    /// 结果纠正 as a share of the decided 复议 and 诉讼 (维持 + 纠正 +
    /// 其他), in hundredths of a percent; `None` when none was decided.
    pub corrected: Option<u64>,
}

/// `part` of `whole` in hundredths of a percent, rounded half up.
pub fn share(part: u64, whole: u64) -> Option<u64> {
    (whole > 0).then(|| (part * 20_000 + whole) / (whole * 2))
}

/// The comparison's figures of `report`.
pub fn trend(report: &Report) -> Trend {
    let a = &report.applications;
    let decided: u64 = super::report::results_total(report).iter().sum();
    let disclosed: u64 = a.results[..2]
        .iter()
        .flat_map(|r| r.parts.iter())
        .map(Row::sum)
        .sum();
    let (mut corrected, mut closed) = (0, 0);
    for row in &report.reviews {
        corrected += row.cells[CORRECTED];
        // the last outcome column is 尚未审结
        closed += row.cells[..row.cells.len() - 1].iter().sum::<u64>();
    }
    Trend {
        year: report.year,
        received: a.received.sum(),
        disclosed: share(disclosed, decided),
        corrected: share(corrected, closed),
    }
}

/// Hundredths of a percent as text: `5231` → `52.31%`.
pub fn percent(bp: u64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::report::tests::parse;

    fn report(agency: &str, body: &str) -> Report {
        let text = format!("---\nagency: {agency}\nyear: 2024\npublished: 2025-01-20\n{body}---\n");
        let (r, diags) = parse("reports/2024/x.md", &text);
        assert!(diags.is_empty(), "{diags:?}");
        r.expect("parses")
    }

    #[test]
    fn sums_every_cell_and_drops_written_totals() {
        let a = report("甲", "主动公开: {行政许可: 3, 行政事业性收费: 1.5}\n依申请公开:\n  本年新收: {自然人: 2, 总计: 2}\n  予以公开: {自然人: 2}\n复议诉讼:\n  行政复议: {结果纠正: 1}\n");
        let b = report("乙", "主动公开: {行政许可: 4, 行政事业性收费: 0.25}\n依申请公开:\n  本年新收: {商业企业: 3}\n  不予公开:\n    属于国家秘密: {商业企业: 3}\n复议诉讼:\n  行政复议: {结果维持: 3}\n");
        let s = sum_reports(&[&a, &b], "全市汇总").expect("a sum");
        assert_eq!(s.applications.received.cells, [2, 3, 0, 0, 0, 0]);
        assert_eq!(s.applications.received.total, None);
        assert_eq!(s.applications.results[2].parts[0].cells, [0, 3, 0, 0, 0, 0]);
        assert_eq!(s.proactive.decisions[0], 7);
        assert_eq!(s.proactive.fee, 17_500);
        assert_eq!(s.reviews[0].cells, [3, 1, 0, 0]);
        let t = trend(&s);
        assert_eq!(
            (t.received, t.disclosed, t.corrected),
            (5, Some(4000), Some(2500))
        );
        assert_eq!(percent(4000), "40.00%");
        assert!(sum_reports(&[], "空").is_none());
    }

    #[test]
    fn shares_round_half_up_and_are_none_without_a_whole() {
        assert_eq!(share(1, 3), Some(3333));
        assert_eq!(share(2, 3), Some(6667));
        assert_eq!(share(0, 0), None);
    }
}
