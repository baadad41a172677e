//! Home, column pages, the catalog overview and every paginated list.

use super::view::{
    column_title, doc_item, group_view, scheduled_on, ColumnView, DocItem, GroupView, LinkView,
    PageLink, PageSummary, Pagination,
};
use super::{later_try, ready, Job, LazyJob, Shared};
use crate::config::url_map;
use crate::index::Group;
use crate::markdown::Heading;
use crate::model::{Column, DocClass};
use crate::render::i18n::with_n;
use serde::Serialize;

/// The browse-by views (`catalog` in the templates that show it).
#[derive(Serialize)]
struct BrowseViews {
    categories: Vec<GroupView>,
    agencies: Vec<GroupView>,
    years: Vec<GroupView>,
    classes: Vec<GroupView>,
    total: usize,
    all_url: String,
}

/// What `home.html` sees besides the values every page gets.
#[derive(Serialize)]
struct HomeValues<'a> {
    columns: Vec<ColumnView>,
    latest: Vec<DocItem<'a>>,
    reports: Vec<DocItem<'a>>,
    catalog: &'a serde_json::Value,
}

/// What `catalog.html` sees besides the values every page gets.
#[derive(Serialize)]
struct CatalogValues<'a> {
    catalog: &'a serde_json::Value,
}

/// What `page.html` (a column page) sees besides the values every page gets.
#[derive(Serialize)]
struct ColumnPageValues<'a> {
    content: &'a str,
    toc: Vec<&'a Heading>,
    summary: Option<&'a str>,
    reports: Vec<DocItem<'a>>,
    /// The 年度报告 column: every body with its reports' data pages.
    bodies: Vec<super::reports::BodyReports>,
    /// The list of report data pages (empty when the site has none).
    reports_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheduled: Option<String>,
}

/// What `list.html` sees besides the values every page gets.
#[derive(Serialize)]
struct ListValues<'a> {
    heading: &'a str,
    items: Vec<DocItem<'a>>,
    pagination: Pagination,
    total_text: String,
    children: &'a [GroupView],
    list_url: &'a str,
    catalog_nav: &'a str,
}

/// What `redirect.html` sees besides the values every page gets.
#[derive(Serialize)]
struct RedirectValues {
    target: String,
}

/// How many latest documents the home page shows.
const HOME_LATEST: usize = 12;

/// All non-document pages.
pub(super) fn jobs<'a>(s: &'a Shared<'_>) -> anyhow::Result<Vec<LazyJob<'a>>> {
    let mut jobs: Vec<LazyJob<'a>> = vec![
        ready(home(s)?),
        ready(catalog_overview(s)?),
        ready(not_found(s)),
    ];
    jobs.extend(column_pages(s)?.into_iter().map(ready));
    let crumbs = s.crumb_catalog();
    jobs.extend(paginated(
        s,
        url_map::CATALOG_ALL,
        s.t["all_documents"],
        &s.all_docs,
        crumbs.clone(),
        Vec::new(),
    )?);
    for (base, label_key, groups) in super::view::catalog_dimensions(&s.index.catalog) {
        for group in groups {
            let own = format!("{base}{}/", group.slug);
            let mut crumbs = crumbs.clone();
            crumbs.push(LinkView {
                title: s.t[label_key].to_string(),
                url: format!("{}#{label_key}", s.urls.path(url_map::CATALOG)),
            });
            let children: Vec<GroupView> = group
                .children
                .iter()
                .map(|c| group_view(c, &own, &s.urls))
                .collect();
            jobs.extend(paginated(
                s,
                &own,
                &group.name,
                &group.docs,
                crumbs.clone(),
                children,
            )?);
            for child in &group.children {
                let mut child_crumbs = crumbs.clone();
                child_crumbs.push(LinkView {
                    title: group.name.clone(),
                    url: s.urls.path(&own),
                });
                let child_url = format!("{own}{}/", child.slug);
                let title = format!("{} / {}", group.name, child.name);
                jobs.extend(paginated(
                    s,
                    &child_url,
                    &title,
                    &child.docs,
                    child_crumbs,
                    Vec::new(),
                )?);
            }
        }
    }
    jobs.extend(redirects(s)?.into_iter().map(ready));
    Ok(jobs)
}

/// The browse-by views: the same on every page that shows them.
pub(super) fn browse_views(s: &Shared<'_>) -> anyhow::Result<serde_json::Value> {
    let views = |base: &str, groups: &[Group]| -> Vec<GroupView> {
        groups
            .iter()
            .map(|g| group_view(g, base, &s.urls))
            .collect()
    };
    let c = &s.index.catalog;
    Ok(serde_json::to_value(BrowseViews {
        categories: views(url_map::CATALOG_BY_CATEGORY, &c.categories),
        agencies: views(url_map::CATALOG_BY_AGENCY, &c.agencies),
        years: views(url_map::CATALOG_BY_YEAR, &c.years),
        classes: views(url_map::CATALOG_BY_CLASS, &c.classes),
        total: s.index.docs.len(),
        all_url: s.urls.path(url_map::CATALOG_ALL),
    })?)
}

fn columns(s: &Shared<'_>) -> Vec<ColumnView> {
    Column::ALL
        .into_iter()
        .map(|column| ColumnView {
            key: column.key(),
            title: column_title(column, &s.t),
            pages: s
                .index
                .pages
                .iter()
                .filter(|p| p.column == Some(column))
                .map(|p| PageSummary {
                    title: p.title.clone(),
                    url: s.urls.path(&p.url),
                    summary: p.summary.clone(),
                    scheduled: p.published.and_then(|d| scheduled_on(s.index, d)),
                })
                .collect(),
        })
        .collect()
}

fn annual_reports<'a>(s: &Shared<'a>) -> Vec<DocItem<'a>> {
    (0..s.index.docs.len())
        .filter(|&i| s.index.docs[i].meta.doc_class == DocClass::AnnualReport)
        .map(|i| doc_item(s.index, i, &s.urls))
        .collect()
}

fn home(s: &Shared<'_>) -> anyhow::Result<Job> {
    let latest: Vec<_> = (0..s.index.docs.len().min(HOME_LATEST))
        .map(|i| doc_item(s.index, i, &s.urls))
        .collect();
    let mut page = s.page(&s.config.title, "", "home", vec![]);
    page.description = s.config.description.clone();
    Ok(Job {
        template: "home.html",
        out: url_map::HOME_PAGE.into(),
        page,
        values: serde_json::to_value(HomeValues {
            columns: columns(s),
            latest,
            reports: annual_reports(s),
            catalog: &s.browse,
        })?,
    })
}

fn catalog_overview(s: &Shared<'_>) -> anyhow::Result<Job> {
    Ok(Job {
        template: "catalog.html",
        out: url_map::page_file(url_map::CATALOG),
        page: s.page(
            s.t["catalog"],
            url_map::CATALOG,
            "catalog",
            vec![s.crumb_home()],
        ),
        values: serde_json::to_value(CatalogValues { catalog: &s.browse })?,
    })
}

fn not_found(s: &Shared<'_>) -> Job {
    Job {
        template: "404.html",
        out: url_map::NOT_FOUND_PAGE.into(),
        page: s.page(s.t["not_found_title"], url_map::NOT_FOUND_PAGE, "", vec![]),
        // 404.html needs nothing of its own.
        values: serde_json::Map::new().into(),
    }
}

fn column_pages(s: &Shared<'_>) -> anyhow::Result<Vec<Job>> {
    s.index
        .pages
        .iter()
        .map(|p| {
            let is_reports = p.column == Some(Column::Reports);
            let reports = if is_reports {
                annual_reports(s)
            } else {
                Vec::new()
            };
            let bodies = if is_reports {
                super::reports::by_body(s)
            } else {
                Vec::new()
            };
            let reports_url = if bodies.is_empty() {
                String::new()
            } else {
                s.urls.path(url_map::REPORTS)
            };
            let toc: Vec<_> = p
                .headings
                .iter()
                .filter(|h| h.level == 2 || h.level == 3)
                .collect();
            let values = ColumnPageValues {
                content: &p.html,
                toc,
                summary: p.summary.as_deref(),
                reports,
                bodies,
                reports_url,
                scheduled: p.published.and_then(|d| scheduled_on(s.index, d)),
            };
            Ok(Job {
                template: "page.html",
                out: url_map::page_file(&p.url),
                page: s.page(&p.title, &p.url, &p.url, vec![s.crumb_home()]),
                values: serde_json::to_value(values)?,
            })
        })
        .collect()
}

/// One job per page of `docs` under `base` (page 1 at `base`, page n at `base/page/n/`).
fn paginated<'a>(
    s: &'a Shared<'_>,
    base: &str,
    title: &str,
    docs: &'a [usize],
    breadcrumb: Vec<LinkView>,
    children: Vec<GroupView>,
) -> anyhow::Result<Vec<LazyJob<'a>>> {
    let per_page = s.config.per_page.max(1);
    let total_pages = docs.len().div_ceil(per_page).max(1);
    let list = std::sync::Arc::new(ListSpec {
        base: base.to_string(),
        title: title.to_string(),
        breadcrumb,
        children,
        total_pages,
        per_page,
        nav: std::sync::OnceLock::new(),
    });
    // What every page of this list shows besides its documents.
    let list_key = {
        let mut h = crate::util::hash::KeyHasher::new();
        let shared_parts = serde_json::to_value((
            &list.base,
            &list.title,
            &list.breadcrumb,
            &list.children,
            docs.len(),
        ))?;
        super::hash_value(&shared_parts, &mut h);
        std::hash::Hasher::finish(&h)
    };
    let mut jobs: Vec<LazyJob<'a>> = (1..=total_pages)
        .map(|n| {
            let list = list.clone();
            let on_page = docs.iter().skip((n - 1) * per_page).take(per_page);
            let on_page: Vec<usize> = on_page.copied().collect();
            let memo = (
                url_map::page_file(&list.page_rel(n)),
                s.keys.list_page(list_key, n, &on_page),
            );
            later_try(Some(memo), move || list_page(s, &list, docs, n))
        })
        .collect();
    if total_pages > 1 {
        // `…/page/` holds pages 2 and on: it gets a page of its own.
        let folder =
            super::folders::pages_folder(s, base, title, total_pages, list.breadcrumb.clone())?;
        jobs.push(ready(folder));
    }
    Ok(jobs)
}

/// What the pages of one paginated list share.
struct ListSpec {
    base: String,
    title: String,
    breadcrumb: Vec<LinkView>,
    children: Vec<GroupView>,
    total_pages: usize,
    per_page: usize,
    /// The catalog sidebar, the same on every page of the list: rendered
    /// once, by the first page to need it (or the error it gave).
    nav: std::sync::OnceLock<Result<String, crate::diagnostics::Diagnostic>>,
}

impl ListSpec {
    fn page_rel(&self, n: usize) -> String {
        if n == 1 {
            self.base.clone()
        } else {
            url_map::list_page(&self.base, n)
        }
    }
}

/// The sidebar of the list at `list_url`: the theme's
/// `partials/catalog_nav.html` with `site`, `t`, `catalog` and `list_url`.
fn catalog_nav(s: &Shared<'_>, list_url: &str) -> Result<String, crate::diagnostics::Diagnostic> {
    const TEMPLATE: &str = "partials/catalog_nav.html";
    let mut context = s.base.clone();
    context.insert("catalog", &s.browse);
    context.insert("list_url", list_url);
    s.theme
        .tera
        .render(TEMPLATE, &context)
        .map_err(|e| super::theme_check::render_error(list_url, TEMPLATE, &e, &s.theme.sources))
}

/// Page `n` of a list.
fn list_page(s: &Shared<'_>, list: &ListSpec, docs: &[usize], n: usize) -> anyhow::Result<Job> {
    let list_url = s.urls.path(&list.base);
    let nav = list
        .nav
        .get_or_init(|| catalog_nav(s, &list_url))
        .as_ref()
        .map_err(|d| crate::diagnostics::TemplateFailure(d.clone()))?;
    let (per_page, total_pages) = (list.per_page, list.total_pages);
    let items: Vec<_> = docs
        .iter()
        .skip((n - 1) * per_page)
        .take(per_page)
        .map(|&i| doc_item(s.index, i, &s.urls))
        .collect();
    let pagination = Pagination {
        current: n,
        total_pages,
        total_items: docs.len(),
        prev_url: (n > 1).then(|| s.urls.path(&list.page_rel(n - 1))),
        next_url: (n < total_pages).then(|| s.urls.path(&list.page_rel(n + 1))),
        pages: page_window(n, total_pages)
            .into_iter()
            .map(|p| match p {
                Some(p) => PageLink {
                    number: p,
                    url: Some(s.urls.path(&list.page_rel(p))),
                    current: p == n,
                },
                None => PageLink {
                    number: 0,
                    url: None,
                    current: false,
                },
            })
            .collect(),
    };
    let shown_title = if n == 1 {
        list.title.clone()
    } else {
        format!("{}（{}）", list.title, with_n(s.t["page"], n))
    };
    let rel = list.page_rel(n);
    let mut page = s.page(&shown_title, &rel, "catalog", list.breadcrumb.clone());
    // For search engines (Lighthouse counts a page without one against it).
    page.description = format!(
        "{}：{}。{}",
        shown_title,
        with_n(s.t["total"], docs.len()),
        s.config.title
    );
    Ok(Job {
        template: "list.html",
        out: url_map::page_file(&rel),
        page,
        values: serde_json::to_value(ListValues {
            heading: &list.title,
            items,
            pagination,
            total_text: with_n(s.t["total"], docs.len()),
            children: &list.children,
            list_url: &list_url,
            catalog_nav: nav,
        })?,
    })
}

/// Page numbers to link: all when few, else first, last and a window around the current page.
fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    if total <= 9 {
        return (1..=total).map(Some).collect();
    }
    let mut out = Vec::new();
    let lo = current.saturating_sub(2).max(2);
    let hi = (current + 2).min(total - 1);
    out.push(Some(1));
    if lo > 2 {
        out.push(None);
    }
    out.extend((lo..=hi).map(Some));
    if hi < total - 1 {
        out.push(None);
    }
    out.push(Some(total));
    out
}

fn redirects(s: &Shared<'_>) -> anyhow::Result<Vec<Job>> {
    s.index
        .redirects
        .iter()
        .map(|(from, to)| {
            let target = s.urls.path(to);
            let mut page = s.page(&s.config.title, to, "", vec![]);
            page.url = target.clone();
            Ok(Job {
                template: "redirect.html",
                out: from.clone(),
                page,
                values: serde_json::to_value(RedirectValues { target })?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn windows_long_paginations() {
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(10, 20),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
        assert_eq!(
            page_window(1, 20),
            vec![Some(1), Some(2), Some(3), None, Some(20)]
        );
    }
}
