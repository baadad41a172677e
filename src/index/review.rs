//! What a legal office reviews about validity: warnings for documents whose
//! declared state lags behind their dates (VA001–VA003), the contradiction of
//! a basis dated after the state it declares (XR009), and the documents whose
//! validity ends soon (`gongkai check --expiring-within 90d`).

use super::{Relations, SiteIndex};
use crate::diagnostics::Diagnostic;
use crate::model::{DeclaredStatus, Document, SharedDoc};
use jiff::civil::Date;
use jiff::ToSpan;
use serde::Serialize;

/// Interpretations are published with their original or within this many days.
pub const INTERPRETATION_DAYS: i32 = 3;

/// Adds the review diagnostics of the published documents to `diags`.
pub(super) fn review(
    docs: &[SharedDoc],
    relations: &[Relations],
    as_of: Date,
    diags: &mut Vec<Diagnostic>,
) {
    for (i, doc) in docs.iter().enumerate() {
        let v = &doc.meta.validity;
        if let (Some(expires), None) = (v.expires, v.status) {
            if expires < as_of {
                diags.push(
                    Diagnostic::warning(
                        "VA001",
                        &doc.source_path,
                        format!(
                            "有效期至 {expires} 已过（效力判断日期 {as_of}），但没有声明效力状态"
                        ),
                    )
                    .at_pos(doc.keys.find("validity.expires"))
                    .field("validity.expires")
                    .expected("到期后由制定机关确认并声明：validity.status: 失效 与 validity.date")
                    .hint(format!(
                        "网站按日期显示为“到期失效”；如已延期，请改正有效期至；如已清理，请写 status: 失效、date: {}",
                        expires.tomorrow().unwrap_or(expires)
                    )),
                );
            }
        }
        if doc.meta.doc_class.is_regulatory()
            && v.effective.is_none()
            && v.expires.is_none()
            && v.status.is_none()
        {
            let class = doc.meta.doc_class.name();
            diags.push(
                Diagnostic::warning(
                    "VA003",
                    &doc.source_path,
                    format!("{class}没有写有效性信息（施行日期、有效期或效力状态）"),
                )
                .at_pos(doc.keys.find("doc_class"))
                .field("validity")
                .expected("validity:\n    effective: 施行日期，例如 2024-06-01\n    expires: 有效期至（长期有效可不写）")
                .hint(format!("{class}须公布施行日期，才能进入继续有效目录和失效文件清单")),
            );
        }
        if let Some(original) = relations[i].interprets {
            let o = &docs[original];
            let late = o
                .meta
                .published
                .checked_add(INTERPRETATION_DAYS.days())
                .is_ok_and(|limit| doc.meta.published > limit);
            if late {
                let days = o
                    .meta
                    .published
                    .until(doc.meta.published)
                    .map_or(0, |s| s.get_days());
                diags.push(
                    Diagnostic::warning(
                        "VA002",
                        &doc.source_path,
                        format!(
                            "政策解读发布于 {}，比原文件（{}，发布于 {}）晚 {days} 天",
                            doc.meta.published, o.meta.title, o.meta.published
                        ),
                    )
                    .at_pos(doc.keys.find("published"))
                    .field("published")
                    .expected(format!(
                        "与原文件同步发布，或在 {INTERPRETATION_DAYS} 日内发布（“谁起草、谁解读”）"
                    ))
                    .hint("按自然日计算；如发布日期写错，请改正"),
                );
            }
        }
        if let Some(basis) = relations[i].basis {
            diags.extend(basis_too_late(doc, &docs[basis], as_of));
        }
    }
}

/// How a document's validity ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndsBy {
    /// `validity.expires` is reached.
    Expires,
    /// A declared 废止/失效 dated in the window takes effect.
    Declared,
}

/// A document whose validity ends within the review window.
#[derive(Debug, Clone, Serialize)]
pub struct Expiring {
    /// Path id.
    pub id: String,
    /// `content/…md`.
    pub file: String,
    /// Site-relative URL.
    pub url: String,
    /// 标题.
    pub title: String,
    /// 发文字号.
    pub doc_number: Option<String>,
    /// 发布机构.
    pub agency: String,
    /// 文件类别.
    pub doc_class: &'static str,
    /// Status at the as-of date.
    pub status: &'static str,
    /// The last day it is valid.
    pub last_valid_day: String,
    /// Days from the as-of date to the last valid day.
    pub days_left: i32,
    /// Why it ends.
    pub ends_by: EndsBy,
}

/// Documents in force at `as_of`, or not yet in force (尚未生效), whose
/// validity ends on or before `as_of + days` (the last valid day is in
/// `[as_of, as_of + days]`), soonest first: a rule that takes effect next
/// month and expires the month after needs its review as much as one in
/// force.
pub fn expiring(index: &SiteIndex, as_of: Date, days: i32) -> Vec<Expiring> {
    let until = as_of.checked_add(days.days()).unwrap_or(Date::MAX);
    let mut out: Vec<Expiring> = index
        .docs
        .iter()
        .zip(&index.validity)
        .filter(|(_, d)| d.status.is_in_force() || d.status.is_pending())
        .filter_map(|(doc, d)| {
            let v = &doc.meta.validity;
            let declared_end = match (v.status, v.date) {
                (Some(s), Some(date)) if date > as_of && ends_force(s) => {
                    date.yesterday().ok().map(|day| (day, EndsBy::Declared))
                }
                _ => None,
            };
            let by_date = v.expires.map(|e| (e, EndsBy::Expires));
            let (last, ends_by) = [declared_end, by_date].into_iter().flatten().min()?;
            (last >= as_of && last <= until).then(|| Expiring {
                id: doc.id.clone(),
                file: doc.source_path.clone(),
                url: doc.url.clone(),
                title: doc.meta.title.clone(),
                doc_number: doc.meta.doc_number.clone(),
                agency: doc.meta.agency.clone(),
                doc_class: doc.meta.doc_class.name(),
                status: d.status.name(),
                last_valid_day: last.to_string(),
                days_left: as_of.until(last).map_or(0, |s| s.get_days()),
                ends_by,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.last_valid_day, &a.id).cmp(&(&b.last_valid_day, &b.id)));
    out
}

fn ends_force(s: DeclaredStatus) -> bool {
    matches!(s, DeclaredStatus::Repealed | DeclaredStatus::Lapsed)
}

/// `90d`, `12w`, `6m` (30 days each), `1y` (365 days) or a bare number of days.
pub fn parse_window(text: &str) -> Result<i32, String> {
    let t = text.trim();
    let (num, unit) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() || "天日周月年".contains(c) => (&t[..i], c),
        _ => (t, 'd'),
    };
    let n: i32 = num
        .trim()
        .parse()
        .map_err(|_| format!("“{text}” 不是时长；应为天数，例如 90d、12w、6m、1y"))?;
    let factor = match unit {
        'd' | 'D' | '天' | '日' => 1,
        'w' | 'W' | '周' => 7,
        'm' | 'M' | '月' => 30,
        'y' | 'Y' | '年' => 365,
        _ => {
            return Err(format!(
                "“{text}” 的单位不认识；应为 d、w、m 或 y，例如 90d"
            ))
        }
    };
    match n.checked_mul(factor) {
        Some(days) if (0..=36_500).contains(&days) => Ok(days),
        _ => Err(format!("“{text}” 超出范围；应在 0 到 100 年之间")),
    }
}

/// XR009: a state declared by a decision dated after it, which cannot be
/// (found here for a published basis, and by `relations` for one not yet
/// published). The basis is dated by its 成文日期, else its 发布日期; the
/// state by `validity.date`. Whether the as-of date has reached either does
/// not matter: judged on a day before the state begins, the document is
/// simply still valid, and its basis may not exist yet. Only a basis
/// without a state date is held to the as-of date.
pub(super) fn basis_too_late(doc: &Document, basis: &Document, as_of: Date) -> Option<Diagnostic> {
    let dated = basis.meta.written.unwrap_or(basis.meta.published);
    let (limit, what) = match doc.meta.validity.date {
        Some(date) => (date, "效力状态日期"),
        None => (as_of, "效力判断日期"),
    };
    if dated <= limit {
        return None;
    }
    let d = Diagnostic::error(
        "XR009",
        &doc.source_path,
        format!(
            "依据文件 “{}” 的日期 {dated} 晚于{what} {limit}：效力状态不能依据在它之后才有的文件",
            basis.meta.title
        ),
    )
    .at_pos(doc.keys.find("validity.basis"))
    .field("validity.basis")
    .expected(format!("成文（或发布）日期不晚于 {limit} 的决定"));
    Some(match doc.meta.validity.date {
        Some(_) => d.hint(format!(
            "检查依据是否引用错了文件、依据文件的日期是否写错，或 validity.date 是否应为 {dated} 或更晚"
        )),
        None => d.hint("检查依据是否引用错了文件，或依据文件的日期是否写错"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_parse_with_units() {
        assert_eq!(parse_window("90d"), Ok(90));
        assert_eq!(parse_window("90"), Ok(90));
        assert_eq!(parse_window("2w"), Ok(14));
        assert_eq!(parse_window("3m"), Ok(90));
        assert_eq!(parse_window("1y"), Ok(365));
        assert_eq!(parse_window("30天"), Ok(30));
        assert!(parse_window("soon").is_err());
        assert!(parse_window("9x").is_err());
        assert!(parse_window("-1d").is_err());
    }
}
