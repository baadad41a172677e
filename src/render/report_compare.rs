//! One year's reports of every body added up (`annual-reports/total/<year>/`,
//! in the layout of a report, naming the bodies missing) and the
//! comparison across years (`annual-reports/compare/`: tables and inline
//! SVG charts, no script).

use super::reports::{by_body, report_job, reports_crumb};
use super::svg::{bar_chart, bar_chart_shown, Series, COLORS};
use super::{Job, Shared};
use crate::config::url_map;
use crate::index::report_catalog::ClassFigures;
use crate::index::report_summary::{percent, sum_figures, sum_reports, trend, Trend};
use crate::parse::report::Report;
use crate::util::html::escape_html;
use serde::Serialize;

/// The years with a published report, newest first.
pub(super) fn years(s: &Shared<'_>) -> Vec<i16> {
    let mut years: Vec<i16> = s.index.reports.published.iter().map(|r| r.year).collect();
    years.sort_by(|a, b| b.cmp(a));
    years.dedup();
    years
}

/// Every body expected to report: site.yaml's agencies, then any other
/// body that has published a report.
fn all_bodies(s: &Shared<'_>) -> Vec<String> {
    let mut out: Vec<String> = s.config.agencies.iter().map(|a| a.name.clone()).collect();
    for r in &s.index.reports.published {
        if !out.contains(&r.agency) {
            out.push(r.agency.clone());
        }
    }
    out
}

/// One year's reports added up, in the layout of a report, saying which
/// bodies it includes and which have no report for the year.
pub(super) fn total_job(s: &Shared<'_>, year: i16) -> anyhow::Result<Job> {
    let reports = &s.index.reports;
    let of_year: Vec<(&Report, &[ClassFigures; 2])> = reports
        .published
        .iter()
        .zip(&reports.table_two)
        .filter(|(r, _)| r.year == year)
        .collect();
    let list: Vec<&Report> = of_year.iter().map(|(r, _)| *r).collect();
    let title = format!("{}{year}年度政府信息公开工作年度报告汇总", s.config.title);
    let Some(mut sum) = sum_reports(&list, &title) else {
        anyhow::bail!("no report for {year}");
    };
    let included: Vec<&str> = list.iter().map(|r| r.agency.as_str()).collect();
    let missing: Vec<String> = all_bodies(s)
        .into_iter()
        .filter(|b| !included.contains(&b.as_str()))
        .collect();
    let escape = |v: &[&str]| -> String {
        v.iter()
            .map(|b| escape_html(b))
            .collect::<Vec<_>>()
            .join("、")
    };
    sum.before_html = format!(
        "<p class=\"rpt-included\">本汇总为以下 {} 个机关{year}年度报告各项数字之和：{}。</p>\n<p class=\"rpt-missing\">{}</p>\n",
        included.len(),
        escape(&included),
        if missing.is_empty() {
            "所有机关均已发布本年度报告。".to_string()
        } else {
            let names: Vec<&str> = missing.iter().map(String::as_str).collect();
            format!("尚无{year}年度报告、未计入汇总的机关（{} 个）：{}。", missing.len(), escape(&names))
        }
    );
    let figures: Vec<&[ClassFigures; 2]> = of_year.iter().map(|(_, f)| *f).collect();
    let figures = sum_figures(&figures);
    report_job(s, &sum, &figures, url_map::report_total(year))
}

/// A body's (or the whole site's) figures across years, charted.
#[derive(Serialize)]
struct TrendView {
    name: String,
    id: String,
    rows: Vec<TrendRow>,
    received_chart: String,
    disclosed_chart: String,
    corrected_chart: String,
}

#[derive(Serialize)]
struct TrendRow {
    year: i16,
    url: String,
    received: u64,
    disclosed: String,
    corrected: String,
}

fn trend_view(name: &str, id: &str, reports: &[(Report, String)]) -> TrendView {
    // oldest first, as a reader follows a trend
    let trends: Vec<(Trend, &str)> = reports
        .iter()
        .map(|(r, u)| (trend(r), u.as_str()))
        .collect();
    let one = |name: &str| {
        vec![Series {
            name: name.to_string(),
            color: COLORS[0],
        }]
    };
    let rows_of = |pick: &dyn Fn(&Trend) -> usize| -> Vec<(String, Vec<usize>)> {
        trends
            .iter()
            .map(|(t, _)| (format!("{}年", t.year), vec![pick(t)]))
            .collect()
    };
    let shown = |t: Option<u64>| t.map_or("—".to_string(), percent);
    TrendView {
        name: name.to_string(),
        id: id.to_string(),
        rows: trends
            .iter()
            .map(|(t, url)| TrendRow {
                year: t.year,
                url: url.to_string(),
                received: t.received,
                disclosed: shown(t.disclosed),
                corrected: shown(t.corrected),
            })
            .collect(),
        received_chart: bar_chart(
            &format!("{id}-received"),
            &format!("{name}：本年新收政府信息公开申请数量"),
            &one("件数"),
            &rows_of(&|t| t.received as usize),
        ),
        disclosed_chart: bar_chart_shown(
            &format!("{id}-disclosed"),
            &format!("{name}：予以公开和部分公开占办理结果的比例"),
            &one("比例"),
            &rows_of(&|t| t.disclosed.unwrap_or(0) as usize),
            |v| percent(v as u64),
        ),
        corrected_chart: bar_chart_shown(
            &format!("{id}-corrected"),
            &format!("{name}：行政复议、行政诉讼结果纠正率"),
            &one("比例"),
            &rows_of(&|t| t.corrected.unwrap_or(0) as usize),
            |v| percent(v as u64),
        ),
    }
}

#[derive(Serialize)]
struct CompareValues {
    trends: Vec<TrendView>,
}

/// The comparison across years: the whole site's sums, then each body.
pub(super) fn compare_job(s: &Shared<'_>, years: &[i16]) -> anyhow::Result<Job> {
    let published = &s.index.reports.published;
    let mut totals = Vec::new();
    for &year in years.iter().rev() {
        let list: Vec<&Report> = published.iter().filter(|r| r.year == year).collect();
        if let Some(sum) = sum_reports(&list, "") {
            totals.push((sum, s.urls.path(&url_map::report_total(year))));
        }
    }
    let mut trends = vec![trend_view("全部机关（汇总）", "t-all", &totals)];
    for (i, body) in by_body(s).into_iter().enumerate() {
        let mut reports: Vec<(Report, String)> = published
            .iter()
            .filter(|r| r.agency == body.agency)
            .map(|r| {
                (
                    r.clone(),
                    s.urls.path(&url_map::report_page(r.year, &r.name)),
                )
            })
            .collect();
        reports.reverse();
        trends.push(trend_view(&body.agency, &format!("t-{i}"), &reports));
    }
    let crumbs = vec![s.crumb_home(), reports_crumb(s)];
    Ok(Job {
        template: "reports_compare.html",
        out: url_map::page_file(url_map::REPORTS_COMPARE),
        page: s.page(
            "年度报告历年对比",
            url_map::REPORTS_COMPARE,
            "reports",
            crumbs,
        ),
        values: serde_json::to_value(CompareValues { trends })?,
    })
}
