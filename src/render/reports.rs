//! The annual reports: a page per body and year in the layout of the
//! national format (tables 二, 三 and 四 between the prose sections), and
//! every body with its reports; the list pages and the order of the jobs are
//! `report_list`'s, the exports `report_exports`', the sums and the
//! comparison `report_compare`'s.

use super::view::LinkView;
use super::{Job, Shared};
use crate::config::url_map;
use crate::index::report::{application_cells, review_header};
use crate::index::report_catalog::ClassFigures;
use crate::parse::report::{format_money, Report};
use crate::parse::report_format::{
    self as format, APPLICANTS, DECISION_COLUMN, DECISION_ROWS, FEE_COLUMN, FEE_ROW, LEGAL_PERSONS,
    REGULATORY_COLUMNS, REGULATORY_ROWS, RESULTS, RESULTS_LABEL,
};
use serde::Serialize;

/// A header cell of a row (`<th scope=…>`).
#[derive(Serialize, Clone)]
struct HeadCell {
    text: String,
    scope: &'static str,
    rowspan: usize,
    colspan: usize,
}

/// A row of table 三 as shown: its header cells and the seven counts.
#[derive(Serialize)]
struct ShownRow {
    heads: Vec<HeadCell>,
    cells: Vec<u64>,
}

/// A row of 第（一）项: the catalog's counts, with the list of the
/// documents behind each (anchors on the page).
#[derive(Serialize)]
struct RegulatoryView {
    label: &'static str,
    cells: Vec<CountView>,
}

#[derive(Serialize)]
struct CountView {
    value: usize,
    anchor: String,
    caption: String,
    docs: Vec<LinkView>,
}

/// 第（五）项 or 第（六）项: its rows.
#[derive(Serialize)]
struct DecisionGroup {
    item: &'static str,
    rows: Vec<(&'static str, u64)>,
}

/// A count of table 四 with the ids of its headers (three levels).
#[derive(Serialize)]
struct ReviewCell {
    value: u64,
    headers: String,
}

fn decision_groups(report: &Report) -> Vec<DecisionGroup> {
    let mut groups: Vec<DecisionGroup> = Vec::new();
    for ((def, item), n) in DECISION_ROWS.iter().zip(report.proactive.decisions) {
        match groups.last_mut() {
            Some(g) if g.item == *item => g.rows.push((def.label, n)),
            _ => groups.push(DecisionGroup {
                item,
                rows: vec![(def.label, n)],
            }),
        }
    }
    groups
}

/// Everything the report page's template sees.
#[derive(Serialize)]
struct ReportValues {
    agency: String,
    year: i16,
    published: String,
    before_html: String,
    after_html: String,
    regulatory_columns: Vec<&'static str>,
    regulatory: Vec<RegulatoryView>,
    decision_column: &'static str,
    decisions: Vec<DecisionGroup>,
    fee_column: &'static str,
    fee_label: &'static str,
    fee: String,
    legal_persons: &'static str,
    applicants: Vec<&'static str>,
    applications: Vec<ShownRow>,
    review_columns: Vec<&'static str>,
    reviews: Vec<ReviewCell>,
    agency_list: String,
    json_url: String,
    csv_url: String,
}

fn head(text: &str, scope: &'static str, rowspan: usize, colspan: usize) -> HeadCell {
    HeadCell {
        text: text.to_string(),
        scope,
        rowspan,
        colspan,
    }
}

/// Table 三 in the national layout: 一、二 and 四 across the three header
/// columns; 三、本年度办理结果 spanning its rows, each group spanning its
/// numbered sub-rows.
fn application_rows(report: &Report) -> Vec<ShownRow> {
    let cells = application_cells(report);
    let with_total = |c: &[u64; 6]| -> Vec<u64> {
        let mut v = c.to_vec();
        v.push(c.iter().sum());
        v
    };
    let mut rows = Vec::new();
    let mut next = cells.iter();
    let mut take = || next.next().map(with_total).unwrap_or_default();
    rows.push(ShownRow {
        heads: vec![head(format::RECEIVED.label, "row", 1, 3)],
        cells: take(),
    });
    rows.push(ShownRow {
        heads: vec![head(format::CARRIED_IN.label, "row", 1, 3)],
        cells: take(),
    });
    let result_rows: usize = RESULTS.iter().map(|r| r.parts.len().max(1)).sum::<usize>() + 1;
    let mut first = true;
    for def in &RESULTS {
        let group_sum = take();
        let mut heads = Vec::new();
        if first {
            heads.push(head(RESULTS_LABEL, "rowgroup", result_rows, 1));
            first = false;
        }
        if def.parts.is_empty() {
            heads.push(head(def.row.label, "row", 1, 2));
            rows.push(ShownRow {
                heads,
                cells: group_sum,
            });
            continue;
        }
        heads.push(head(def.row.label, "rowgroup", def.parts.len(), 1));
        for part in def.parts {
            heads.push(head(part.label, "row", 1, 1));
            rows.push(ShownRow {
                heads: std::mem::take(&mut heads),
                cells: take(),
            });
        }
    }
    rows.push(ShownRow {
        heads: vec![head(format::RESULTS_TOTAL.label, "row", 1, 2)],
        cells: take(),
    });
    rows.push(ShownRow {
        heads: vec![head(format::CARRIED_OUT.label, "row", 1, 3)],
        cells: take(),
    });
    rows
}

fn review_cells(report: &Report) -> Vec<ReviewCell> {
    let mut out = Vec::new();
    for (g, r) in report.reviews.iter().enumerate() {
        for (c, value) in r.cells.iter().copied().chain([r.sum()]).enumerate() {
            let headers = match g {
                0 => format!("rv-a rv-a{}", c + 1),
                _ => format!("rv-b rv-b{g} rv-b{g}-{}", c + 1),
            };
            out.push(ReviewCell { value, headers });
        }
    }
    out
}

fn regulatory_views(s: &Shared<'_>, figures: &[ClassFigures; 2]) -> Vec<RegulatoryView> {
    REGULATORY_ROWS
        .iter()
        .zip(figures)
        .enumerate()
        .map(|(i, (def, class))| RegulatoryView {
            label: def.label,
            cells: REGULATORY_COLUMNS
                .iter()
                .enumerate()
                .map(|(j, col)| CountView {
                    value: class.docs[j].len(),
                    anchor: format!("catalog-{i}-{j}"),
                    caption: format!("{}：{}", def.label, col.label),
                    docs: class.docs[j]
                        .iter()
                        .map(|d| LinkView {
                            title: match &d.doc_number {
                                Some(n) => format!("{}（{n}）", d.title),
                                None => d.title.clone(),
                            },
                            url: s.urls.path(&d.url),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

pub(super) fn report_job(
    s: &Shared<'_>,
    report: &Report,
    figures: &[ClassFigures; 2],
    url: String,
) -> anyhow::Result<Job> {
    let agency_list = s
        .config
        .agencies
        .iter()
        .find(|a| a.name == report.agency)
        .map(|a| {
            s.urls
                .path(&format!("{}{}/", url_map::CATALOG_BY_AGENCY, a.slug))
        })
        .unwrap_or_default();
    let values = ReportValues {
        agency: report.agency.clone(),
        year: report.year,
        published: report.published.to_string(),
        before_html: report.before_html.clone(),
        after_html: report.after_html.clone(),
        regulatory_columns: REGULATORY_COLUMNS.iter().map(|c| c.label).collect(),
        regulatory: regulatory_views(s, figures),
        decision_column: DECISION_COLUMN,
        decisions: decision_groups(report),
        fee_column: FEE_COLUMN,
        fee_label: FEE_ROW.label,
        fee: format_money(report.proactive.fee),
        legal_persons: LEGAL_PERSONS,
        applicants: APPLICANTS.to_vec(),
        applications: application_rows(report),
        review_columns: review_header(),
        reviews: review_cells(report),
        agency_list,
        json_url: s.urls.path(url_map::REPORTS_JSON),
        csv_url: s.urls.path(url_map::REPORTS_CSV),
    };
    let crumbs = vec![s.crumb_home(), reports_crumb(s)];
    Ok(Job {
        template: "report.html",
        out: url_map::page_file(&url),
        page: s.page(&report.title, &url, "reports", crumbs),
        values: serde_json::to_value(values)?,
    })
}

pub(super) fn reports_crumb(s: &Shared<'_>) -> LinkView {
    LinkView {
        title: s.t["column_reports"].to_string(),
        url: s.urls.path(url_map::REPORTS),
    }
}

/// One body's reports by year, for the list.
#[derive(Serialize)]
pub(crate) struct BodyReports {
    pub(super) agency: String,
    /// (year, URL) newest first.
    reports: Vec<LinkView>,
}

/// Every body with its reports, in the order of site.yaml's agencies
/// (then by name), for the list page and the 年度报告 column page.
pub(crate) fn by_body(s: &Shared<'_>) -> Vec<BodyReports> {
    bodies_of_year(s, None)
}

/// [`by_body`], keeping only the reports of `year` when one is given (the
/// page of a year's folder, `annual-reports/2024/`).
pub(super) fn bodies_of_year(s: &Shared<'_>, year: Option<i16>) -> Vec<BodyReports> {
    let order = |name: &str| {
        s.config
            .agencies
            .iter()
            .position(|a| a.name == name)
            .unwrap_or(usize::MAX)
    };
    let mut bodies: Vec<&str> = s
        .index
        .reports
        .published
        .iter()
        .filter(|r| year.is_none_or(|y| r.year == y))
        .map(|r| r.agency.as_str())
        .collect();
    bodies.sort_by_key(|b| (order(b), *b));
    bodies.dedup();
    bodies
        .into_iter()
        .map(|agency| BodyReports {
            agency: agency.to_string(),
            reports: s
                .index
                .reports
                .published
                .iter()
                .filter(|r| r.agency == agency && year.is_none_or(|y| r.year == y))
                .map(|r| LinkView {
                    title: format!("{}年度", r.year),
                    url: s.urls.path(&url_map::report_page(r.year, &r.name)),
                })
                .collect(),
        })
        .collect()
}
