//! Pages for folders and the 网站地图: a reader who shortens an address
//! (`/xxgk/2024/a/` → `/xxgk/2024/` → `/xxgk/`, or `/catalog/category/`)
//! finds a list of what is in the folder, never "not found"; and the
//! 网站地图 (`wzdt/`) lists every column, list and folder of the site.
//!
//! Every page here is `folder.html`: link sections, then documents.

use super::view::{doc_item, group_view, DocItem, GroupView, LinkView};
use super::{ready, Job, LazyJob, Shared};
use crate::config::url_map;
use crate::index::Group;
use crate::render::i18n::with_n;
use serde::Serialize;

/// What `folder.html` sees besides the values every page gets.
#[derive(Serialize)]
pub(super) struct FolderValues<'a> {
    /// A sentence under the heading.
    pub(super) intro: String,
    /// Lists of links, each under its heading.
    pub(super) sections: Vec<LinkSection>,
    /// The heading of `items`.
    pub(super) items_heading: String,
    /// Documents.
    pub(super) items: Vec<DocItem<'a>>,
}

/// A list of links under a heading.
#[derive(Serialize)]
pub(super) struct LinkSection {
    /// Heading.
    pub(super) heading: String,
    /// Links.
    pub(super) links: Vec<FolderLink>,
}

/// A link with the number of documents behind it, and links below it.
#[derive(Serialize)]
pub(super) struct FolderLink {
    /// Text.
    pub(super) title: String,
    /// URL.
    pub(super) url: String,
    /// Documents behind it, when it is a list.
    pub(super) count: Option<usize>,
    /// Links below it (second-level classes).
    pub(super) children: Vec<FolderLink>,
}

impl FolderLink {
    fn plain(title: &str, url: String) -> FolderLink {
        FolderLink {
            title: title.to_string(),
            url,
            count: None,
            children: Vec::new(),
        }
    }

    fn from_group(g: GroupView) -> FolderLink {
        FolderLink {
            title: g.name,
            url: g.url,
            count: Some(g.count),
            children: g.children.into_iter().map(FolderLink::from_group).collect(),
        }
    }
}

/// A `folder.html` page.
pub(super) fn folder_job(
    s: &Shared<'_>,
    (title, rel, section): (&str, &str, &str),
    breadcrumb: Vec<LinkView>,
    values: FolderValues<'_>,
) -> anyhow::Result<Job> {
    let mut page = s.page(title, rel, section, breadcrumb);
    page.description = describe(title, &values);
    Ok(Job {
        template: "folder.html",
        out: url_map::page_file(rel),
        page,
        values: serde_json::to_value(values)?,
    })
}

/// The page's description for search engines: the title, the intro, and
/// the first links it lists.
fn describe(title: &str, values: &FolderValues<'_>) -> String {
    let links: Vec<&str> = values
        .sections
        .iter()
        .flat_map(|section| section.links.iter().map(|l| l.title.as_str()))
        .chain(values.items.iter().map(|d| d.title))
        .take(6)
        .collect();
    let mut out = format!("{title}。{}", values.intro);
    if !out.ends_with('。') {
        out.push('。');
    }
    if !links.is_empty() {
        out.push_str(&links.join("、"));
    }
    out
}

/// A page of links only.
pub(super) fn links_only<'a>(intro: String, sections: Vec<LinkSection>) -> FolderValues<'a> {
    FolderValues {
        intro,
        sections,
        items_heading: String::new(),
        items: Vec::new(),
    }
}

/// Every folder page and the 网站地图.
pub(super) fn jobs<'a>(s: &'a Shared<'_>) -> anyhow::Result<Vec<LazyJob<'a>>> {
    let mut jobs = Vec::new();
    for folder in &s.index.folders {
        jobs.push(ready(document_folder(s, folder)?));
    }
    for job in catalog_dimensions(s)? {
        jobs.push(ready(job));
    }
    jobs.push(ready(validity_folder(s)?));
    jobs.push(ready(site_map(s)?));
    Ok(jobs)
}

/// How a folder is named in lists: `2024年` for a year, else its name.
fn folder_name(s: &Shared<'_>, segment: &str) -> String {
    if segment.len() == 4 && segment.bytes().all(|b| b.is_ascii_digit()) {
        s.t["folder_year"].replace("{year}", segment)
    } else {
        segment.to_string()
    }
}

/// The last segment of a folder path (`xxgk/2024/` → `2024`).
fn last_segment(folder: &str) -> &str {
    let inner = folder.strip_suffix('/').unwrap_or(folder);
    inner.rsplit('/').next().unwrap_or(inner)
}

/// The folder one up (`xxgk/2024/` → `xxgk/`; `xxgk/` → ``).
fn parent(folder: &str) -> &str {
    let inner = folder.strip_suffix('/').unwrap_or(folder);
    inner.rfind('/').map_or("", |i| &folder[..=i])
}

/// How many documents of the site the catalog shows at most on one folder page.
fn per_page(s: &Shared<'_>) -> usize {
    s.config.per_page.max(1)
}

/// A folder of documents: its sub-folders with their counts, and the
/// documents directly in it (or, when it has none, the latest below it).
fn document_folder(s: &Shared<'_>, folder: &str) -> anyhow::Result<Job> {
    let below: Vec<usize> = (0..s.index.docs.len())
        .filter(|&i| s.index.docs[i].url.starts_with(folder))
        .collect();
    let direct: Vec<usize> = below
        .iter()
        .copied()
        .filter(|&i| parent(&s.index.docs[i].url) == folder)
        .collect();
    let subfolders: Vec<FolderLink> = s
        .index
        .folders
        .iter()
        .filter(|f| parent(f) == folder)
        .map(|f| FolderLink {
            title: folder_name(s, last_segment(f)),
            url: s.urls.path(f),
            count: Some(
                below
                    .iter()
                    .filter(|&&i| s.index.docs[i].url.starts_with(f.as_str()))
                    .count(),
            ),
            children: Vec::new(),
        })
        .collect();
    let (items_heading, shown) = if direct.is_empty() {
        (s.t["latest"], &below[..below.len().min(per_page(s))])
    } else {
        (s.t["folder_documents"], &direct[..])
    };
    let items = shown
        .iter()
        .map(|&i| doc_item(s.index, i, &s.urls))
        .collect();
    let mut sections = Vec::new();
    if !subfolders.is_empty() {
        sections.push(LinkSection {
            heading: s.t["folder_subfolders"].to_string(),
            links: subfolders,
        });
    }
    let shown_path = s.urls.path(folder);
    let title = s.t["folder_named"].replace("{path}", &shown_path);
    let mut crumbs = vec![s.crumb_home()];
    let mut up = parent(folder);
    let mut ancestors = Vec::new();
    while !up.is_empty() {
        if s.index.folders.iter().any(|f| f == up) {
            ancestors.push(LinkView {
                title: s.t["folder_named"].replace("{path}", &s.urls.path(up)),
                url: s.urls.path(up),
            });
        }
        up = parent(up);
    }
    crumbs.extend(ancestors.into_iter().rev());
    let values = FolderValues {
        intro: with_n(s.t["folder_intro"], below.len()),
        sections,
        items_heading: items_heading.to_string(),
        items,
    };
    folder_job(
        s,
        (&title, folder, super::metadata::FOLDER_SECTION),
        crumbs,
        values,
    )
}

/// The catalog's dimension folders (`catalog/category/` …): every list of
/// the dimension with its count.
fn catalog_dimensions(s: &Shared<'_>) -> anyhow::Result<Vec<Job>> {
    let c = &s.index.catalog;
    super::view::catalog_dimensions(c)
        .into_iter()
        .map(|(base, key, groups)| {
            let links = group_links(s, base, groups);
            let sections = vec![LinkSection {
                heading: s.t[key].to_string(),
                links,
            }];
            let intro = with_n(s.t["total"], s.index.docs.len());
            folder_job(
                s,
                (s.t[key], base, "catalog"),
                s.crumb_catalog(),
                links_only(intro, sections),
            )
        })
        .collect()
}

fn group_links(s: &Shared<'_>, base: &str, groups: &[Group]) -> Vec<FolderLink> {
    groups
        .iter()
        .map(|g| FolderLink::from_group(group_view(g, base, &s.urls)))
        .collect()
}

/// `page/` of a paginated list: links to each of its pages.
pub(super) fn pages_folder(
    s: &Shared<'_>,
    base: &str,
    title: &str,
    total_pages: usize,
    mut breadcrumb: Vec<LinkView>,
) -> anyhow::Result<Job> {
    let links = (1..=total_pages)
        .map(|n| {
            let rel = if n == 1 {
                base.to_string()
            } else {
                url_map::list_page(base, n)
            };
            FolderLink::plain(&with_n(s.t["list_page_n"], n), s.urls.path(&rel))
        })
        .collect();
    breadcrumb.push(LinkView {
        title: title.to_string(),
        url: s.urls.path(base),
    });
    let heading = s.t["list_pages"].replace("{title}", title);
    let rel = format!("{base}page/");
    let sections = vec![LinkSection {
        heading: heading.clone(),
        links,
    }];
    folder_job(
        s,
        (&heading, &rel, "catalog"),
        breadcrumb,
        links_only(String::new(), sections),
    )
}

/// A folder of filter pages of the 失效文件清单 (`validity/expired/agency/`):
/// `links` are (title, URL, count).
pub(super) fn counted_links_job(
    s: &Shared<'_>,
    heading: &str,
    rel: &str,
    links: Vec<(String, String, usize)>,
) -> anyhow::Result<Job> {
    let links = links
        .into_iter()
        .map(|(title, url, count)| FolderLink {
            title,
            url,
            count: Some(count),
            children: Vec::new(),
        })
        .collect();
    let sections = vec![LinkSection {
        heading: heading.to_string(),
        links,
    }];
    let crumbs = vec![
        s.crumb_home(),
        LinkView {
            title: s.t["expired_list"].to_string(),
            url: s.urls.path(url_map::EXPIRED),
        },
    ];
    folder_job(
        s,
        (heading, rel, url_map::EXPIRED),
        crumbs,
        links_only(String::new(), sections),
    )
}

/// `validity/`: the 失效文件清单, the 继续有效目录 and their data files.
fn validity_folder(s: &Shared<'_>) -> anyhow::Result<Job> {
    let p = |rel: &str| s.urls.path(rel);
    let links = vec![
        FolderLink::plain(s.t["expired_list"], p(url_map::EXPIRED)),
        FolderLink::plain(s.t["valid_list"], p(url_map::VALID)),
    ];
    let data = vec![
        FolderLink::plain("expired.json", p(url_map::EXPIRED_JSON)),
        FolderLink::plain("expired.csv", p(url_map::EXPIRED_CSV)),
        FolderLink::plain("valid.json", p(url_map::VALID_JSON)),
        FolderLink::plain("valid.csv", p(url_map::VALID_CSV)),
        FolderLink::plain("changes.xml", p(url_map::CHANGES_FEED)),
    ];
    let sections = vec![
        LinkSection {
            heading: s.t["validity_column"].to_string(),
            links,
        },
        LinkSection {
            heading: s.t["data_downloads"].to_string(),
            links: data,
        },
    ];
    folder_job(
        s,
        (s.t["validity_column"], url_map::VALIDITY, url_map::EXPIRED),
        vec![s.crumb_home()],
        links_only(String::new(), sections),
    )
}

/// The 网站地图: every column of the main navigation and every page, list
/// and folder of the site.
fn site_map(s: &Shared<'_>) -> anyhow::Result<Job> {
    let p = |rel: &str| s.urls.path(rel);
    let mut columns: Vec<FolderLink> = s
        .site
        .nav
        .iter()
        .map(|item| FolderLink::plain(&item.title, item.url.clone()))
        .collect();
    for page in &s.index.pages {
        let url = p(&page.url);
        if !columns.iter().any(|c| c.url == url) {
            columns.push(FolderLink::plain(&page.title, url));
        }
    }
    columns.push(FolderLink::plain(s.t["search"], p(url_map::SEARCH)));
    let c = &s.index.catalog;
    let mut catalog = vec![FolderLink {
        title: s.t["all_documents"].to_string(),
        url: p(url_map::CATALOG_ALL),
        count: Some(s.index.docs.len()),
        children: Vec::new(),
    }];
    for (base, key, groups) in super::view::catalog_dimensions(c) {
        catalog.push(FolderLink {
            title: s.t[key].to_string(),
            url: p(base),
            count: None,
            children: group_links(s, base, groups),
        });
    }
    let mut sections = vec![
        LinkSection {
            heading: s.t["site_map_columns"].to_string(),
            links: columns,
        },
        LinkSection {
            heading: s.t["catalog"].to_string(),
            links: catalog,
        },
        LinkSection {
            heading: s.t["validity_column"].to_string(),
            links: vec![
                FolderLink::plain(s.t["expired_list"], p(url_map::EXPIRED)),
                FolderLink::plain(s.t["valid_list"], p(url_map::VALID)),
            ],
        },
    ];
    let mut years: Vec<u16> = s.index.gazette.issues.iter().map(|i| i.year).collect();
    years.dedup();
    if !years.is_empty() {
        sections.push(LinkSection {
            heading: s.config.gazette.name.clone(),
            links: years
                .into_iter()
                .map(|y| {
                    FolderLink::plain(
                        &s.t["folder_year"].replace("{year}", &y.to_string()),
                        p(&url_map::gazette_year(y)),
                    )
                })
                .collect(),
        });
    }
    if !s.index.folders.is_empty() {
        sections.push(LinkSection {
            heading: s.t["site_map_folders"].to_string(),
            links: s
                .index
                .folders
                .iter()
                .map(|f| FolderLink::plain(&p(f), p(f)))
                .collect(),
        });
    }
    sections.push(LinkSection {
        heading: s.t["site_map_data"].to_string(),
        links: vec![
            FolderLink::plain(s.t["feed"], s.site.feed_url.clone()),
            FolderLink::plain("catalog.json", p(url_map::CATALOG_JSON)),
            FolderLink::plain("catalog.csv", p(url_map::CATALOG_CSV)),
            FolderLink::plain(s.t["sitemap"], p(url_map::SITEMAP)),
        ],
    });
    folder_job(
        s,
        (s.t["site_map"], url_map::SITE_MAP, ""),
        vec![s.crumb_home()],
        links_only(s.t["site_map_intro"].to_string(), sections),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_know_their_parent_and_name() {
        assert_eq!(parent("xxgk/2024/"), "xxgk/");
        assert_eq!(parent("xxgk/"), "");
        assert_eq!(parent("xxgk/2024/a/"), "xxgk/2024/");
        assert_eq!(last_segment("xxgk/2024/"), "2024");
        assert_eq!(last_segment("xxgk/"), "xxgk");
    }
}
