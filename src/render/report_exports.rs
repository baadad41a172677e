//! The annual reports' exports: every table of every report as JSON
//! (`annual-reports/reports.json`) and as CSV, one row per cell
//! (`annual-reports/reports.csv`), so that a higher office can add them up
//! without re-typing.

use super::data::{csv_file, push_csv_row};
use super::Shared;
use crate::config::url_map;
use crate::index::report::application_cells;
use crate::index::report_catalog::ClassFigures;
use crate::parse::report::{format_money, Report};
use crate::parse::report_format::{
    self as format, APPLICANTS, DECISION_COLUMN, DECISION_ROWS, FEE_COLUMN, FEE_ROW,
    REGULATORY_COLUMNS, REGULATORY_ROWS, REVIEW_ROWS, TOTAL,
};
use serde::Serialize;

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

pub(super) fn record(s: &Shared<'_>, r: &Report, figures: &[ClassFigures; 2]) -> ReportRecord {
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
            columns: crate::index::report::review_header(),
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
pub(super) fn csv(records: &[ReportRecord]) -> Vec<u8> {
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
