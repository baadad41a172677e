//! Stage 3, `index`: the published documents, sorted, linked to each other,
//! with their validity at the as-of date and the catalog groupings. No IO.

mod catalog;
pub mod gazette;
mod relations;
pub mod review;
pub mod schedule;
pub mod stats;
pub mod validity;

pub use catalog::{Catalog, Group};
pub use relations::Relations;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{Document, Page, SharedDoc};
use crate::parse::Parsed;
use crate::BuildContext;
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
    /// The gazette: issues and the issue of each document.
    pub gazette: gazette::Gazette,
    /// What is dated after the as-of date: in no output, or (with
    /// `--future`) in the output marked 未到发布日期.
    pub scheduled: Vec<schedule::Scheduled>,
    /// The as-of date: what is dated after it is here only in a `--future`
    /// preview, and is marked so (`schedule::before_its_date`).
    pub as_of: jiff::civil::Date,
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
    let ((relations, link_diags), ((catalog, validity), (redirects, (gazette, issues), url_diags))) =
        rayon::join(
            || {
                let mut d = Vec::new();
                let relations = relations::link(&docs, &private, ctx, &mut d);
                d.extend(schedule::reference_problems(&docs, &private, ctx));
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
                        let redirects = collect_urls(&docs, &pages, &mut d);
                        let (gazette, issues) =
                            gazette::build(issues, &docs, &private, &config.gazette, ctx, &mut d);
                        (redirects, (gazette, issues), d)
                    },
                )
            },
        );
    let mut diags = unique_diags;
    diags.extend(link_diags);
    diags.extend(url_diags);
    scheduled.extend(issues);
    schedule::sort(&mut scheduled);
    (
        SiteIndex {
            docs,
            validity,
            relations,
            pages,
            catalog,
            redirects,
            gazette,
            scheduled,
            as_of: ctx.as_of,
        },
        diags,
    )
}

/// 索引号 and 文号 are unique across all documents, published or not.
fn check_unique(docs: &[SharedDoc], diags: &mut Vec<Diagnostic>) {
    let mut index_numbers: HashMap<&str, &Document> = HashMap::with_capacity(docs.len());
    let mut doc_numbers: HashMap<&str, &Document> = HashMap::with_capacity(docs.len());
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
            if let Some(first) = seen.get(value) {
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
                        "{} 第 {} 行已使用该{label}",
                        first.source_path,
                        first.keys.line(key)
                    )),
                );
            } else {
                seen.insert(value, doc);
            }
        }
    }
}

/// Every output URL has one owner: documents, pages and aliases.
fn collect_urls(
    docs: &[SharedDoc],
    pages: &[Page],
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    // Borrowed where the path is a document's or page's own URL: at 10,000
    // documents that is 20,000 strings not copied on every watch rebuild.
    let mut owners: HashMap<Cow<'_, str>, &str> = HashMap::with_capacity(docs.len() + pages.len());
    for doc in docs {
        claim(
            &mut owners,
            Cow::Borrowed(&doc.url),
            &doc.source_path,
            doc.keys.find("slug").0.into(),
            "slug",
            diags,
        );
    }
    for page in pages {
        claim(
            &mut owners,
            Cow::Borrowed(&page.url),
            &page.source_path,
            Some(1),
            "slug",
            diags,
        );
    }
    let mut redirects = BTreeMap::new();
    for doc in docs {
        for (i, alias) in doc.meta.aliases.iter().enumerate() {
            let key = format!("aliases[{i}]");
            let path = alias_output_path(alias);
            if claim(
                &mut owners,
                Cow::Owned(path.trim_end_matches("index.html").to_string()),
                &doc.source_path,
                Some(doc.keys.line(&key)),
                &key,
                diags,
            ) {
                redirects.insert(path, doc.url.clone());
            }
        }
    }
    redirects
}

/// Claims `path` for `owner`, or reports that another file has it.
fn claim<'a>(
    owners: &mut HashMap<Cow<'a, str>, &'a str>,
    path: Cow<'a, str>,
    owner: &'a str,
    line: Option<u32>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    if let Some(first) = owners.get(&path) {
        diags.push(
            Diagnostic::error("XR003", owner, format!("网址 /{path} 与 {first} 重复"))
                .at_line(line)
                .field(key)
                .expected("全站唯一的网址")
                .hint("修改 slug，或改文件名"),
        );
        false
    } else {
        owners.insert(path, owner);
        true
    }
}

/// `/old/1.html` → `old/1.html`; `/old/1/` or `/old/1` → `old/1/index.html`.
fn alias_output_path(alias: &str) -> String {
    let trimmed = alias.trim_start_matches('/');
    let last = trimmed.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        trimmed.to_string()
    } else {
        format!("{}/index.html", trimmed.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths_become_files() {
        assert_eq!(alias_output_path("/old/1.html"), "old/1.html");
        assert_eq!(alias_output_path("/old/1/"), "old/1/index.html");
        assert_eq!(alias_output_path("/old/1"), "old/1/index.html");
    }
}
