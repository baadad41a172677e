//! Table 二 of an annual report from the catalog: for the reporting body,
//! 规章 and 行政规范性文件 published in the year (本年制发), ceased in the
//! year (本年废止: declared 废止/失效 or 到期失效) and in force on 31
//! December (现行有效), counted by the rule of the statistics page
//! ([`super::stats::counted_in`], which asks `validity.rs`), with the
//! documents behind every count. A figure the editor typed that differs is
//! a warning (RPT013) naming both numbers and the documents. No IO.

use super::stats::counted_in;
use crate::diagnostics::Diagnostic;
use crate::model::{DocClass, SharedDoc};
use crate::parse::report::Report;
use crate::parse::report_format::{PROACTIVE, REGULATORY_COLUMNS, REGULATORY_ROWS};
use jiff::civil::Date;

/// A document behind a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    /// Its id (path under content/ without `.md`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its 发文字号, if any.
    pub doc_number: Option<String>,
    /// Its site-relative URL.
    pub url: String,
}

/// One class (规章 or 行政规范性文件): the three counts of the catalog and
/// the documents behind each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassFigures {
    /// 本年制发, 本年废止, 现行有效: the documents.
    pub docs: [Vec<Counted>; 3],
}

impl ClassFigures {
    /// The three counts.
    pub fn counts(&self) -> [usize; 3] {
        [self.docs[0].len(), self.docs[1].len(), self.docs[2].len()]
    }
}

/// The classes of the rows of 第二十条第（一）项.
const CLASSES: [DocClass; 2] = [DocClass::Rule, DocClass::Normative];

/// Table 二 (第（一）项) of `report` from the published documents `docs`.
pub fn table_two(report: &Report, docs: &[SharedDoc]) -> [ClassFigures; 2] {
    let year = report.year;
    let end = Date::new(year, 12, 31).ok();
    let prev_end = Date::new(year - 1, 12, 31).ok();
    let mut out: [ClassFigures; 2] = Default::default();
    let Some(end) = end else { return out };
    for d in docs.iter().filter(|d| d.meta.agency == report.agency) {
        let Some(class) = CLASSES.iter().position(|c| *c == d.meta.doc_class) else {
            continue;
        };
        for (i, counted) in counted_in(d, year, end, prev_end).into_iter().enumerate() {
            if counted {
                out[class].docs[i].push(Counted {
                    id: d.id.clone(),
                    title: d.meta.title.clone(),
                    doc_number: d.meta.doc_number.clone(),
                    url: d.url.clone(),
                });
            }
        }
    }
    for class in &mut out {
        for list in &mut class.docs {
            list.sort_by(|a, b| a.id.cmp(&b.id));
        }
    }
    out
}

/// The most documents a warning names (the page lists them all).
const NAMED: usize = 10;

/// RPT013: every typed figure of 第（一）项 that differs from the catalog.
pub fn compare(report: &Report, figures: &[ClassFigures; 2], diags: &mut Vec<Diagnostic>) {
    for (c, (def, class)) in REGULATORY_ROWS.iter().zip(figures).enumerate() {
        for (j, col) in REGULATORY_COLUMNS.iter().enumerate() {
            let Some(typed) = report.proactive.regulatory[c].cells[j] else {
                continue;
            };
            let docs = &class.docs[j];
            if typed.value == docs.len() as u64 {
                continue;
            }
            let named: Vec<String> = docs
                .iter()
                .take(NAMED)
                .map(|d| match &d.doc_number {
                    Some(n) => format!("{n}《{}》", d.title),
                    None => format!("《{}》（{}）", d.title, d.id),
                })
                .collect();
            let behind = if docs.is_empty() {
                "目录中没有这样的文件".to_string()
            } else {
                let more = docs.len().saturating_sub(NAMED);
                let tail = if more > 0 {
                    format!(" 等（另有 {more} 件）")
                } else {
                    String::new()
                };
                format!("目录中的文件：{}{tail}", named.join("、"))
            };
            diags.push(
                Diagnostic::warning(
                    "RPT013",
                    &report.source_path,
                    format!(
                        "表二 “{}” 的 “{}” 写的是 {}，按本站目录统计是 {}（{behind}）",
                        def.label,
                        col.label,
                        typed.value,
                        docs.len()
                    ),
                )
                .at_pos(typed.pos)
                .field(format!("{PROACTIVE}.{}.{}", def.key, col.key))
                .expected(format!(
                    "与目录一致的 {}；或删去这一项，页面显示目录统计的数字",
                    docs.len()
                ))
                .hint("目录不全（文件未录入本站或效力状态未声明）时，补录文件或声明效力状态"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::report::tests::parse;

    fn doc(id: &str, class: &str, published: &str, validity: &str) -> SharedDoc {
        let text = format!(
            "---\ntitle: 文件{id}\nagency: 清河市教育局\ncategory: 综合政务\npublished: {published}\ndoc_class: {class}\n{validity}---\n正文\n"
        );
        let file = crate::load::SourceFile {
            rel_path: format!("xxgk/{id}.md"),
            kind: crate::load::SourceKind::Document,
            text,
        };
        let config = crate::config::parse_config("title: 清河\nbase_url: https://x.gov.cn/\n")
            .expect("config");
        let ctx = crate::model::BuildContext {
            as_of: "2025-12-31".parse().expect("date"),
            drafts: false,
            future: false,
        };
        let sources = crate::load::Sources {
            files: vec![file],
            ..Default::default()
        };
        let parsed = crate::parse::parse_documents(&sources, &config, &ctx);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        parsed.docs.into_iter().next().expect("a document")
    }

    fn report(typed: &str) -> Report {
        let text = format!(
            "---\nagency: 清河市教育局\nyear: 2024\npublished: 2025-01-20\n主动公开:\n{typed}---\n"
        );
        let (r, diags) = parse("reports/2024/jyj.md", &text);
        assert!(diags.is_empty(), "{diags:?}");
        r.expect("parses")
    }

    #[test]
    fn counts_issued_ceased_and_in_force_from_validity() {
        let docs = vec![
            doc(
                "a",
                "规范性文件",
                "2024-03-01",
                "validity: {effective: 2024-03-01}\n",
            ),
            doc(
                "b",
                "规范性文件",
                "2020-01-01",
                "validity: {effective: 2020-01-01, expires: 2024-06-30}\n",
            ),
            doc(
                "c",
                "规范性文件",
                "2019-01-01",
                "validity: {status: 废止, date: 2023-05-01}\n",
            ),
            doc(
                "d",
                "规章",
                "2021-01-01",
                "validity: {effective: 2021-02-01}\n",
            ),
            doc("e", "其他文件", "2024-01-01", ""),
            doc(
                "f",
                "规范性文件",
                "2025-02-01",
                "validity: {effective: 2025-02-01}\n",
            ),
        ];
        let t = table_two(&report(""), &docs);
        assert_eq!(t[0].counts(), [0, 0, 1], "规章: d in force");
        assert_eq!(
            t[1].counts(),
            [1, 1, 1],
            "a issued and in force, b expired in 2024"
        );
        assert_eq!(t[1].docs[1][0].id, "xxgk/b");
    }

    #[test]
    fn a_typed_figure_that_differs_names_both_numbers_and_the_documents() {
        let docs = vec![doc(
            "a",
            "规范性文件",
            "2024-03-01",
            "validity: {effective: 2024-03-01}\n",
        )];
        let r = report("  行政规范性文件: {本年制发: 2, 现行有效: 1}\n");
        let t = table_two(&r, &docs);
        let mut diags = Vec::new();
        compare(&r, &t, &mut diags);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            diags[0].to_string().lines().next(),
            Some("警告[RPT013] content/reports/2024/jyj.md:6:13  字段 主动公开.行政规范性文件.本年制发：表二 “行政规范性文件” 的 “本年制发件数” 写的是 2，按本站目录统计是 1（目录中的文件：《文件a》（xxgk/a））")
        );
    }
}
