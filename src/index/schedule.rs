//! Scheduled publication: a document, column page or gazette issue dated
//! after the as-of date is in no output until that date (Hugo's
//! `buildFuture` convention), so an office can stage a release. `--future`
//! previews such items, each marked 未到发布日期 on its pages and in lists.
//!
//! Decided here, once, while the index is built: every page, list, count,
//! feed, export, sitemap and the search index is made from the index, so
//! they all agree without each having to know.

use crate::diagnostics::Diagnostic;
use crate::model::BuildContext;
use crate::model::{Page, SharedDoc};
use jiff::civil::Date;
use std::collections::HashSet;

/// What kind of thing waits for its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ScheduledKind {
    /// A document under `content/`.
    Document,
    /// A column page under `content/pages/`.
    Page,
    /// A gazette issue file under `content/gazette/`.
    GazetteIssue,
}

impl ScheduledKind {
    /// The Chinese name, for the build summary.
    pub fn name(self) -> &'static str {
        match self {
            ScheduledKind::Document => "文件",
            ScheduledKind::Page => "栏目页面",
            ScheduledKind::GazetteIssue => "公报期次",
        }
    }
}

/// One item dated after the as-of date: held back, or shown as a preview
/// with `--future`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// The date it is published on.
    pub date: Date,
    /// What it is.
    pub kind: ScheduledKind,
    /// `content/…md`.
    pub file: String,
    /// Its title (for an issue, `2024年第7期`).
    pub title: String,
}

/// Whether something published on `date` is kept out of this build: it is
/// dated after the as-of date, and the build is not a `--future` preview.
pub fn held_back(date: Date, ctx: &BuildContext) -> bool {
    !ctx.future && date > ctx.as_of
}

/// Whether something published on `date` and in this build is shown before
/// its date (only in a `--future` preview): it gets the 未到发布日期 marker.
pub fn before_its_date(date: Date, as_of: Date) -> bool {
    date > as_of
}

/// The public documents and the pages dated after the as-of date, held
/// back or previewed (gazette issues are found by `gazette::build`).
pub(super) fn documents_and_pages(
    docs: &[SharedDoc],
    pages: &[Page],
    ctx: &BuildContext,
) -> Vec<Scheduled> {
    let docs = docs
        .iter()
        .filter(|d| d.is_public(ctx.drafts) && before_its_date(d.meta.published, ctx.as_of))
        .map(|d| Scheduled {
            date: d.meta.published,
            kind: ScheduledKind::Document,
            file: d.source_path.clone(),
            title: d.meta.title.clone(),
        });
    let pages = pages.iter().filter_map(|p| {
        let date = p.published.filter(|&d| before_its_date(d, ctx.as_of))?;
        Some(Scheduled {
            date,
            kind: ScheduledKind::Page,
            file: p.source_path.clone(),
            title: p.title.clone(),
        })
    });
    docs.chain(pages).collect()
}

/// The reference problems (missing, not public, cycles) of the documents
/// held back, found now as if they were published: otherwise the build on
/// their date, the one that should publish them, would be the first to fail.
pub(super) fn reference_problems(
    docs: &[SharedDoc],
    private: &[SharedDoc],
    failed: &[crate::model::FailedDoc],
    ctx: &BuildContext,
) -> Vec<Diagnostic> {
    let (held, withheld): (Vec<SharedDoc>, Vec<SharedDoc>) = private
        .iter()
        .cloned()
        .partition(|d| d.is_public(ctx.drafts));
    if held.is_empty() {
        return Vec::new();
    }
    let files: HashSet<&str> = held.iter().map(|d| d.source_path.as_str()).collect();
    let mut all = docs.to_vec();
    all.extend(held.iter().cloned());
    let preview = BuildContext {
        future: true,
        ..ctx.clone()
    };
    let mut diags = Vec::new();
    super::relations::link(&all, &withheld, failed, &preview, &mut diags);
    diags.retain(|d| files.contains(d.file.as_str()));
    diags
}

/// By date, then file: the summary reads as a timetable.
pub(super) fn sort(list: &mut [Scheduled]) {
    list.sort_by(|a, b| (a.date, &a.file).cmp(&(b.date, &b.file)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(future: bool) -> BuildContext {
        BuildContext {
            as_of: jiff::civil::date(2025, 1, 1),
            drafts: false,
            future,
        }
    }

    #[test]
    fn only_what_is_dated_after_the_as_of_date_waits() {
        let day = |d| jiff::civil::date(2025, 1, d);
        assert!(
            !held_back(day(1), &ctx(false)),
            "the as-of date itself is due"
        );
        assert!(held_back(day(2), &ctx(false)));
        assert!(!held_back(day(2), &ctx(true)), "--future previews it");
        assert!(before_its_date(day(2), day(1)) && !before_its_date(day(1), day(1)));
    }
}
