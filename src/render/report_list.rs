//! The list pages of the annual reports (the list, each year's folder, the
//! totals' folder) and the order in which every report page, total,
//! comparison and export is made: the one entry the renderer calls.

use super::reports::{bodies_of_year, by_body, report_job, reports_crumb, BodyReports};
use super::view::LinkView;
use super::{ready, Job, LazyJob, Output, OutputFile, Shared};
use crate::config::url_map;
use crate::index::report::Missing;
use serde::Serialize;

#[derive(Serialize)]
struct ListValues<'a> {
    bodies: Vec<BodyReports>,
    totals: Vec<LinkView>,
    compare_url: String,
    missing: &'a [MissingView],
    json_url: String,
    csv_url: String,
}

#[derive(Serialize)]
struct MissingView {
    agency: String,
    year: i16,
}

fn missing_views(missing: &[Missing]) -> Vec<MissingView> {
    missing
        .iter()
        .map(|m| MissingView {
            agency: m.agency.clone(),
            year: m.year,
        })
        .collect()
}

/// The report pages and the list; the exports go into `output`.
pub(super) fn jobs<'a>(s: &'a Shared<'a>, output: &mut Output) -> anyhow::Result<Vec<LazyJob<'a>>> {
    let reports = &s.index.reports;
    if reports.published.is_empty() && reports.missing.is_empty() {
        return Ok(Vec::new());
    }
    let mut jobs = Vec::new();
    for (report, figures) in reports.published.iter().zip(&reports.table_two) {
        let url = url_map::report_page(report.year, &report.name);
        jobs.push(ready(report_job(s, report, figures, url)?));
    }
    let years = super::report_compare::years(s);
    for &year in &years {
        jobs.push(ready(super::report_compare::total_job(s, year)?));
    }
    jobs.push(ready(super::report_compare::compare_job(s, &years)?));
    let missing = missing_views(&reports.missing);
    let totals = |only: Option<i16>| -> Vec<LinkView> {
        years
            .iter()
            .filter(|y| only.is_none_or(|o| o == **y))
            .map(|y| LinkView {
                title: format!("{y}年度"),
                url: s.urls.path(&url_map::report_total(*y)),
            })
            .collect()
    };
    let column = s.t["column_reports"];
    jobs.push(ready(list_job(
        s,
        url_map::REPORTS,
        column.to_string(),
        (by_body(s), totals(None), &missing),
    )?));
    // The folders above the report pages have pages of their own, so a
    // reader who trims an address lands on a list, not on 404: a year's
    // reports (with that year's total), and the totals of every year.
    for &year in &years {
        let rel = format!("{}{year}/", url_map::REPORTS);
        let title = format!("{column}（{year}年度）");
        let lists = (bodies_of_year(s, Some(year)), totals(Some(year)), &[][..]);
        jobs.push(ready(list_job(s, &rel, title, lists)?));
    }
    let rel = format!("{}total/", url_map::REPORTS);
    let lists = (Vec::new(), totals(None), &[][..]);
    jobs.push(ready(list_job(s, &rel, "全部机关汇总".to_string(), lists)?));
    let records: Vec<super::report_exports::ReportRecord> = reports
        .published
        .iter()
        .zip(&reports.table_two)
        .map(|(r, f)| super::report_exports::record(s, r, f))
        .collect();
    output.insert(
        url_map::REPORTS_JSON.into(),
        OutputFile::Bytes(serde_json::to_vec_pretty(&records)?),
    );
    output.insert(
        url_map::REPORTS_CSV.into(),
        OutputFile::Bytes(super::report_exports::csv(&records)),
    );
    Ok(jobs)
}

/// A page of the reports list template at `rel`, showing `lists` (the
/// bodies with their reports, the years' totals, the missing reports); the
/// pages of the list's folders have the list in their breadcrumb.
fn list_job(
    s: &Shared<'_>,
    rel: &str,
    title: String,
    lists: (Vec<BodyReports>, Vec<LinkView>, &[MissingView]),
) -> anyhow::Result<Job> {
    let (bodies, totals, missing) = lists;
    let mut crumbs = vec![s.crumb_home()];
    if rel != url_map::REPORTS {
        crumbs.push(reports_crumb(s));
    }
    let values = ListValues {
        bodies,
        totals,
        compare_url: s.urls.path(url_map::REPORTS_COMPARE),
        missing,
        json_url: s.urls.path(url_map::REPORTS_JSON),
        csv_url: s.urls.path(url_map::REPORTS_CSV),
    };
    Ok(Job {
        template: "reports.html",
        out: url_map::page_file(rel),
        page: s.page(&title, rel, "reports", crumbs),
        values: serde_json::to_value(values)?,
    })
}
