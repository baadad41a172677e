//! Stage 3, `index`: the published documents, sorted, linked to each other,
//! with their validity at the as-of date and the catalog groupings. No IO.

mod catalog;
pub mod gazette;
mod owners;
pub(crate) mod reindex;
pub use owners::theme_static_clashes;
mod relations;
pub mod report;
pub mod report_catalog;
pub mod report_summary;
pub mod review;
pub mod schedule;
pub mod stats;
pub mod validity;

pub use catalog::{Catalog, Group};
pub use relations::Relations;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::BuildContext;
use crate::model::{Document, Page, SharedDoc};
use crate::parse::Parsed;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use validity::{derive_status, Derived};

/// Everything the renderer needs, already decided.
#[derive(Debug)]
pub struct SiteIndex {
    /// Published documents, newest first (ties by id).
    pub docs: Vec<SharedDoc>,
    /// Validity of `docs[i]` at the as-of date.
    pub validity: Vec<Derived>,
    /// Links of `docs[i]` to other published documents.
    pub relations: Vec<Relations>,
    /// Column pages, by column then weight then URL.
    pub pages: Vec<Page>,
    /// Catalog groupings.
    pub catalog: Catalog,
    /// Redirects: old output path → new site-relative URL.
    pub redirects: BTreeMap<String, String>,
    /// Folders above documents, pages and aliases that have no page of
    /// their own (`xxgk/`, `xxgk/2024/`), sorted: each gets a list page.
    pub folders: Vec<String>,
    /// The gazette: issues and the issue of each document.
    pub gazette: gazette::Gazette,
    /// What is dated after the as-of date: in no output, or (with
    /// `--future`) in the output marked 未到发布日期.
    pub scheduled: Vec<schedule::Scheduled>,
    /// The annual reports published, checked, and the ones missing.
    pub reports: report::Reports,
    /// The as-of date: what is dated after it is here only in a `--future`
    /// preview, and is marked so (`schedule::before_its_date`).
    pub as_of: jiff::civil::Date,
    /// Documents and pages held back as drafts (none with `--drafts`).
    pub drafts: usize,
}

/// Builds the index, reporting cross-document problems (duplicates, broken references).
pub fn build_index(
    parsed: Parsed,
    config: &SiteConfig,
    ctx: &BuildContext,
) -> (SiteIndex, Vec<Diagnostic>) {
    let Parsed {
        docs: all_docs,
        mut pages,
        issues,
        reports,
        failed,
        drafts,
        ..
    } = parsed;
    // The stages below are independent of each other; on a large site they
    // share the cores (rayon::join) instead of taking turns. Diagnostics
    // are collected per stage and joined in a fixed order.
    let (unique_diags, (docs, private)) = rayon::join(
        || {
            let mut d = Vec::new();
            check_unique(&all_docs, &mut d);
            d
        },
        || {
            let (mut docs, private): (Vec<SharedDoc>, Vec<SharedDoc>) =
                all_docs.iter().cloned().partition(|d| {
                    d.is_public(ctx.drafts) && !schedule::held_back(d.meta.published, ctx)
                });
            docs.sort_by(|a, b| {
                (b.meta.published, &b.meta.published_time)
                    .cmp(&(a.meta.published, &a.meta.published_time))
                    .then_with(|| a.id.cmp(&b.id))
            });
            (docs, private)
        },
    );
    let mut scheduled = schedule::documents_and_pages(&all_docs, &pages, ctx);
    drop(all_docs);
    pages.retain(|p| p.published.is_none_or(|d| !schedule::held_back(d, ctx)));
    pages.sort_by(|a, b| (a.column, a.weight, &a.url).cmp(&(b.column, b.weight, &b.url)));
    let (
        (relations, link_diags),
        ((catalog, validity), ((redirects, folders), (gazette, issues), url_diags)),
    ) = rayon::join(
        || {
            let mut d = Vec::new();
            let relations = relations::link(&docs, &private, &failed, ctx, &mut d);
            d.extend(schedule::reference_problems(&docs, &private, &failed, ctx));
            review::review(&docs, &relations, ctx.as_of, &mut d);
            (relations, d)
        },
        || {
            rayon::join(
                || {
                    let validity: Vec<Derived> = docs
                        .iter()
                        .map(|d| derive_status(&d.meta.validity, ctx.as_of))
                        .collect();
                    (catalog::group(&docs, config), validity)
                },
                || {
                    let mut d = Vec::new();
                    let (redirects, folders) = owners::collect_urls(&docs, &pages, &mut d);
                    let (gazette, issues) =
                        gazette::build(issues, &docs, &private, &config.gazette, ctx, &mut d);
                    ((redirects, folders), (gazette, issues), d)
                },
            )
        },
    );
    let mut diags = unique_diags;
    diags.extend(link_diags);
    diags.extend(url_diags);
    scheduled.extend(issues);
    let reports = report::index_reports(reports, &docs, ctx, &mut diags);
    scheduled.extend(reports.held_back.iter().cloned());
    schedule::sort(&mut scheduled);
    (
        SiteIndex {
            docs,
            validity,
            relations,
            pages,
            catalog,
            redirects,
            folders,
            gazette,
            scheduled,
            reports,
            as_of: ctx.as_of,
            drafts,
        },
        diags,
    )
}

/// 索引号 and 文号 are unique across all documents, published or not, as
/// readers see them: compared in `identity::identity_key` form, so a
/// zero-width space or full-width digits do not make a second 文号.
fn check_unique(docs: &[SharedDoc], diags: &mut Vec<Diagnostic>) {
    type Seen<'a> = HashMap<Cow<'a, str>, (&'a str, &'a Document)>;
    let mut index_numbers: Seen<'_> = HashMap::with_capacity(docs.len());
    let mut doc_numbers: Seen<'_> = HashMap::with_capacity(docs.len());
    for doc in docs {
        let checks = [
            (
                "XR001",
                "index_number",
                "索引号",
                doc.meta.index_number.as_deref(),
                &mut index_numbers,
            ),
            (
                "XR002",
                "doc_number",
                "发文字号",
                doc.meta.doc_number.as_deref(),
                &mut doc_numbers,
            ),
        ];
        for (code, key, label, value, seen) in checks {
            let Some(value) = value else { continue };
            let identity = crate::util::identity::identity_key(value);
            if let Some((first_value, first)) = seen.get(&identity) {
                let written = if first_value == &value {
                    String::new()
                } else {
                    format!("（写作 “{first_value}”，去掉不可见字符、统一全角半角后相同）")
                };
                diags.push(
                    Diagnostic::error(
                        code,
                        &doc.source_path,
                        format!("{label} “{value}” 与 {} 重复", first.source_path),
                    )
                    .at_pos(doc.keys.find(key))
                    .field(key)
                    .expected(format!("全站唯一的{label}"))
                    .hint(format!(
                        "{} 第 {} 行已使用该{label}{written}",
                        first.source_path,
                        first.keys.line(key)
                    )),
                );
            } else {
                seen.insert(identity, (value, doc));
            }
        }
    }
}
