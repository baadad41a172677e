//! The annual reports: a page per body and year in the layout of the
//! national format (tables 二, 三 and 四 between the prose sections), the
//! list of every body and year (`reports/`), and every table of every
//! report as JSON and CSV (`reports/reports.json`, `reports/reports.csv`)
//! so that a higher office can add them up without re-typing.

use super::data::{csv_file, push_csv_row};
use super::svg::{bar_chart, bar_chart_shown, Series, COLORS};
use super::view::LinkView;
use super::{ready, Job, LazyJob, Output, OutputFile, Shared};
use crate::config::url_map;
use crate::index::report::{application_cells, review_header, Missing};
use crate::index::report_catalog::ClassFigures;
use crate::index::report_summary::{percent, sum_figures, sum_reports, trend, Trend};
use crate::parse::report::{format_money, Report};
use crate::parse::report_format::{
    self as format, APPLICANTS, DECISION_COLUMN, DECISION_ROWS, FEE_COLUMN, FEE_ROW, LEGAL_PERSONS,
    REGULATORY_COLUMNS, REGULATORY_ROWS, RESULTS, RESULTS_LABEL, REVIEW_COLUMNS, REVIEW_ROWS,
    TOTAL,
};
use crate::util::html::escape_html;
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

fn report_job(
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

fn reports_crumb(s: &Shared<'_>) -> LinkView {
    LinkView {
        title: s.t["column_reports"].to_string(),
        url: s.urls.path(url_map::REPORTS),
    }
}

/// One body's reports by year, for the list.
#[derive(Serialize)]
pub(crate) struct BodyReports {
    agency: String,
    /// (year, URL) newest first.
    reports: Vec<LinkView>,
}

/// Every body with its reports, in the order of site.yaml's agencies
/// (then by name), for the list page and the 年度报告 column page.
pub(crate) fn by_body(s: &Shared<'_>) -> Vec<BodyReports> {
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
                .filter(|r| r.agency == agency)
                .map(|r| LinkView {
                    title: format!("{}年度", r.year),
                    url: s.urls.path(&url_map::report_page(r.year, &r.name)),
                })
                .collect(),
        })
        .collect()
}

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
    let years = years(s);
    for &year in &years {
        jobs.push(ready(total_job(s, year)?));
    }
    jobs.push(ready(compare_job(s, &years)?));
    let missing = missing_views(&reports.missing);
    let list = ListValues {
        bodies: by_body(s),
        totals: years
            .iter()
            .map(|y| LinkView {
                title: format!("{y}年度"),
                url: s.urls.path(&url_map::report_total(*y)),
            })
            .collect(),
        compare_url: s.urls.path(url_map::REPORTS_COMPARE),
        missing: &missing,
        json_url: s.urls.path(url_map::REPORTS_JSON),
        csv_url: s.urls.path(url_map::REPORTS_CSV),
    };
    jobs.push(ready(Job {
        template: "reports.html",
        out: url_map::page_file(url_map::REPORTS),
        page: s.page(
            s.t["column_reports"],
            url_map::REPORTS,
            "reports",
            vec![s.crumb_home()],
        ),
        values: serde_json::to_value(list)?,
    }));
    let records: Vec<ReportRecord> = reports
        .published
        .iter()
        .zip(&reports.table_two)
        .map(|(r, f)| record(s, r, f))
        .collect();
    output.insert(
        url_map::REPORTS_JSON.into(),
        OutputFile::Bytes(serde_json::to_vec_pretty(&records)?),
    );
    output.insert(
        url_map::REPORTS_CSV.into(),
        OutputFile::Bytes(csv(&records)),
    );
    Ok(jobs)
}

/// One report in the exports.
#[derive(Serialize)]
pub(crate) struct ReportRecord {
    agency: String,
    year: i16,
    published: String,
    title: String,
    url: String,
    /// 二: every row with its figures.
    table_2: Vec<Figure>,
    /// 三: the columns (six applicants and 总计) and every row.
    table_3: TableRecord,
    /// 四: the groups' five columns each.
    table_4: TableRecord,
}

#[derive(Serialize)]
struct Figure {
    item: &'static str,
    row: &'static str,
    column: &'static str,
    /// A count, or for the fee an amount in 万元 as written (up to 4 decimals).
    value: String,
}

#[derive(Serialize)]
struct TableRecord {
    columns: Vec<&'static str>,
    rows: Vec<RowRecord>,
}

#[derive(Serialize)]
struct RowRecord {
    row: String,
    cells: Vec<u64>,
}

fn record(s: &Shared<'_>, r: &Report, figures: &[ClassFigures; 2]) -> ReportRecord {
    let mut table_2 = Vec::new();
    for (def, class) in REGULATORY_ROWS.iter().zip(figures) {
        for (col, n) in REGULATORY_COLUMNS.iter().zip(class.counts()) {
            table_2.push(Figure {
                item: "第二十条第（一）项",
                row: def.label,
                column: col.label,
                value: n.to_string(),
            });
        }
    }
    for ((def, item), n) in DECISION_ROWS.iter().zip(r.proactive.decisions) {
        table_2.push(Figure {
            item,
            row: def.label,
            column: DECISION_COLUMN,
            value: n.to_string(),
        });
    }
    table_2.push(Figure {
        item: "第二十条第（八）项",
        row: FEE_ROW.label,
        column: FEE_COLUMN,
        value: format_money(r.proactive.fee),
    });
    let mut columns3: Vec<&'static str> = APPLICANTS.to_vec();
    columns3.push(TOTAL);
    let rows3 = format::application_rows()
        .into_iter()
        .zip(application_cells(r))
        .map(|((key, label, _), cells)| RowRecord {
            row: row_name(&key, label),
            cells: cells.iter().copied().chain([cells.iter().sum()]).collect(),
        })
        .collect();
    let rows4 = REVIEW_ROWS
        .iter()
        .zip(&r.reviews)
        .map(|(def, row)| RowRecord {
            row: def.label.to_string(),
            cells: row.cells.iter().copied().chain([row.sum()]).collect(),
        })
        .collect();
    ReportRecord {
        agency: r.agency.clone(),
        year: r.year,
        published: r.published.to_string(),
        title: r.title.clone(),
        url: s.urls.absolute(&url_map::report_page(r.year, &r.name)),
        table_2,
        table_3: TableRecord {
            columns: columns3,
            rows: rows3,
        },
        table_4: TableRecord {
            columns: REVIEW_COLUMNS.iter().copied().chain([TOTAL]).collect(),
            rows: rows4,
        },
    }
}

/// A sub-row's name with its group: `（三）不予公开 1.属于国家秘密`.
fn row_name(key: &str, label: &str) -> String {
    match key.split_once('.') {
        Some((group, _)) => match format::result(group) {
            Some(def) => format!("{} {label}", def.row.label),
            None => label.to_string(),
        },
        None => label.to_string(),
    }
}

/// One CSV row per cell: 机关, 年度, 表, 行, 列, 数值.
fn csv(records: &[ReportRecord]) -> Vec<u8> {
    let mut rows = Vec::new();
    for r in records {
        let mut push = |table: &str, row: &str, column: &str, value: String| {
            let mut line = String::new();
            push_csv_row(
                &mut line,
                [
                    r.agency.clone(),
                    r.year.to_string(),
                    table.to_string(),
                    row.to_string(),
                    column.to_string(),
                    value,
                ]
                .into_iter(),
            );
            rows.push(line);
        };
        for f in &r.table_2 {
            push(
                "二",
                &format!("{} {}", f.item, f.row),
                f.column,
                f.value.clone(),
            );
        }
        for (table, t) in [("三", &r.table_3), ("四", &r.table_4)] {
            for row in &t.rows {
                for (col, n) in t.columns.iter().zip(&row.cells) {
                    push(table, &row.row, col, n.to_string());
                }
            }
        }
    }
    csv_file(
        &["机关", "年度", "表", "行", "列", "数值"],
        rows.iter().map(String::as_str),
    )
}

/// The years with a published report, newest first.
fn years(s: &Shared<'_>) -> Vec<i16> {
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
fn total_job(s: &Shared<'_>, year: i16) -> anyhow::Result<Job> {
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
fn compare_job(s: &Shared<'_>, years: &[i16]) -> anyhow::Result<Job> {
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
