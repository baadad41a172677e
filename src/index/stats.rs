//! The figures an annual disclosure report needs: per year, for 规章 and
//! 规范性文件, how many were issued, how many ceased to be in force and how
//! many were in force at the year's end (or at the as-of date for the current
//! year). Judged with [`derive_status`] at each year's end, so the statistics
//! and the document pages can never disagree. No IO.

use super::validity::{derive_status, Status};
use super::SiteIndex;
use crate::model::{DocClass, Document};
use jiff::civil::Date;
use serde::Serialize;

/// Counts for one class in one year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ClassYear {
    /// 本年制发: published in the year (up to the as-of date).
    pub issued: usize,
    /// 本年废止: ceased to be in force in the year (废止, 失效 or 到期失效).
    pub ceased: usize,
    /// 现行有效: in force (有效, 已修改 or 部分失效) at the year's end.
    pub in_force: usize,
}

/// One year's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearStats {
    /// The year.
    pub year: i16,
    /// The day the year is judged at: 31 December, or the as-of date.
    pub judged_at: String,
    /// 规章.
    pub rule: ClassYear,
    /// 规范性文件.
    pub normative: ClassYear,
}

/// A name with a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Agency or category name.
    pub name: String,
    /// Published documents.
    pub count: usize,
}

/// Everything on the statistics page and in `stats.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// The as-of date.
    pub as_of: String,
    /// Newest year first.
    pub by_year: Vec<YearStats>,
    /// Published documents per agency (catalog order).
    pub by_agency: Vec<Count>,
    /// Published documents per first-level category (catalog order).
    pub by_category: Vec<Count>,
}

/// Counts `docs` of `class` for the year judged at `end` (the previous year
/// judged at `prev_end`, if any).
fn class_year(docs: &[&Document], year: i16, end: Date, prev_end: Option<Date>) -> ClassYear {
    let mut c = ClassYear::default();
    for d in docs {
        let [issued, ceased, in_force] = counted_in(d, year, end, prev_end);
        c.issued += usize::from(issued);
        c.ceased += usize::from(ceased);
        c.in_force += usize::from(in_force);
    }
    c
}

/// Whether `d` counts as 本年制发, 本年废止 and 现行有效 for the year judged
/// at `end` (the year before judged at `prev_end`, if any). The one rule
/// the statistics and the annual reports' table 二 both count by.
pub fn counted_in(d: &Document, year: i16, end: Date, prev_end: Option<Date>) -> [bool; 3] {
    let published = d.meta.published;
    if published > end {
        return [false; 3];
    }
    let now = derive_status(&d.meta.validity, end).status;
    let before = prev_end
        .filter(|p| published <= *p)
        .map(|p| derive_status(&d.meta.validity, p).status);
    [
        published.year() == year,
        now.has_ceased() && !before.is_some_and(Status::has_ceased),
        now.is_in_force(),
    ]
}

/// Computes the statistics at `as_of`.
pub fn compute(index: &SiteIndex, as_of: Date) -> Stats {
    let of_class = |class: DocClass| -> Vec<&Document> {
        index
            .docs
            .iter()
            .filter(|d| d.meta.doc_class == class)
            .map(|d| &**d)
            .collect()
    };
    let rules = of_class(DocClass::Rule);
    let normative = of_class(DocClass::Normative);
    let first = rules
        .iter()
        .chain(&normative)
        .map(|d| d.meta.published.year())
        .filter(|y| *y <= as_of.year())
        .min();
    let mut by_year = Vec::new();
    if let Some(first) = first {
        for year in (first..=as_of.year()).rev() {
            let end = Date::new(year, 12, 31).map_or(as_of, |d| d.min(as_of));
            let prev_end = Date::new(year - 1, 12, 31).ok();
            by_year.push(YearStats {
                year,
                judged_at: end.to_string(),
                rule: class_year(&rules, year, end, prev_end),
                normative: class_year(&normative, year, end, prev_end),
            });
        }
    }
    let counts = |groups: &[super::Group]| -> Vec<Count> {
        groups
            .iter()
            .map(|g| Count {
                name: g.name.clone(),
                count: g.docs.len(),
            })
            .collect()
    };
    Stats {
        as_of: as_of.to_string(),
        by_year,
        by_agency: counts(&index.catalog.agencies),
        by_category: counts(&index.catalog.categories),
    }
}
