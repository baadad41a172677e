//! 失效文件清单 (`validity/expired/`, with plain-link filter pages by agency
//! and by state) and 继续有效目录 (`validity/valid/`), each also as CSV and
//! JSON. What is listed is decided in `index/` (the derived status); this
//! module only arranges it.

use super::data::{csv_file, json_array, json_element, push_csv_row, PieceCache};
use super::view::{cited_doc, CitedDoc, LinkView};
use super::{later_try, Job, LazyJob, Output, OutputFile, Shared};
use crate::config::url_map;
use crate::index::validity::Status;
use crate::model::DocClass;
use serde::Serialize;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// URL of the 失效文件清单.
pub(crate) const EXPIRED_URL: &str = url_map::EXPIRED;
/// URL of the 继续有效目录.
pub(crate) const VALID_URL: &str = url_map::VALID;

/// One row of either list (the template and the JSON see the same thing).
#[derive(Debug, Clone, Serialize)]
struct Row {
    /// 序号 within the page or file.
    n: usize,
    id: String,
    title: String,
    url: String,
    doc_number: Option<String>,
    agency: String,
    written: Option<String>,
    doc_class: &'static str,
    status: &'static str,
    status_key: &'static str,
    status_date: Option<String>,
    effective: Option<String>,
    expires: Option<String>,
    basis: Option<CitedDoc>,
    reason: Option<String>,
    replaced_by: Vec<CitedDoc>,
}

/// Rows grouped under a heading (a year, or a document class).
#[derive(Debug, Clone, Serialize)]
struct Section {
    heading: String,
    rows: Vec<Row>,
}

/// A filter link with its count; `current` when it is the page shown.
#[derive(Debug, Clone, Serialize)]
struct Filter {
    title: String,
    url: String,
    count: usize,
    current: bool,
}

/// The filter links of the 失效文件清单: all, by agency, by state.
#[derive(Debug, Clone, Serialize)]
struct Filters {
    all: Filter,
    agencies: Vec<Filter>,
    statuses: Vec<Filter>,
}

/// What `validity_expired.html` sees besides the values every page gets.
#[derive(Serialize)]
struct ExpiredValues {
    sections: Vec<Section>,
    total: usize,
    filters: Filters,
    csv_url: String,
    json_url: String,
    feed_url: String,
}

/// What `validity_valid.html` sees besides the values every page gets.
#[derive(Serialize)]
struct ValidValues {
    sections: Vec<Section>,
    total: usize,
    csv_url: String,
    json_url: String,
    expired_url: String,
}

fn row(s: &Shared<'_>, i: usize, n: usize, absolute: bool) -> Row {
    let d = &s.index.docs[i];
    let m = &d.meta;
    let derived = s.index.validity[i];
    let rel = &s.index.relations[i];
    // As the document page cites them: 《title》（文号）.
    let link = |j: usize| {
        let mut l = cited_doc(&s.index.docs[j], &s.urls);
        if absolute {
            l.url = s.urls.absolute(&s.index.docs[j].url);
        }
        l
    };
    Row {
        n,
        id: d.id.clone(),
        title: m.title.clone(),
        url: if absolute {
            s.urls.absolute(&d.url)
        } else {
            s.urls.path(&d.url)
        },
        doc_number: m.doc_number.clone(),
        agency: m.agency.clone(),
        written: m.written.map(|d| d.to_string()),
        doc_class: m.doc_class.name(),
        status: derived.status.name(),
        status_key: derived.status.key(),
        status_date: derived.since.map(|d| d.to_string()),
        effective: m.validity.effective.map(|d| d.to_string()),
        expires: m.validity.expires.map(|d| d.to_string()),
        basis: rel.basis.map(link),
        reason: m.validity.reason.clone(),
        replaced_by: rel.replaced_by.iter().map(|&j| link(j)).collect(),
    }
}

/// A key of everything [`row`] reads for `docs[i]` (keep the two in step):
/// the list pages show rows, not bodies, so an edit of a listed document's
/// text does not render the lists (20 pages of up to thousands of rows at
/// 10,000 documents) again.
fn row_key(s: &Shared<'_>, i: usize, h: &mut impl Hasher) {
    // The document's path and front matter (its head stamp) decide its
    // id, URL and metadata; its derived state and the documents it links
    // to (their titles and URLs) the rest.
    let derived = s.index.validity[i];
    (s.index.docs[i].head_stamp, derived.status, derived.since).hash(h);
    let rel = &s.index.relations[i];
    rel.basis.is_some().hash(h);
    rel.replaced_by.len().hash(h);
    for &j in rel.basis.iter().chain(&rel.replaced_by) {
        s.index.docs[j].head_stamp.hash(h);
    }
}

/// Memo key of a list page of these documents' rows; `salt` tells the
/// lists apart.
fn rows_key(s: &Shared<'_>, salt: u64, docs: impl IntoIterator<Item = usize>) -> u64 {
    let mut h = crate::util::hash::KeyHasher::new();
    (s.keys.lists, salt).hash(&mut h);
    for i in docs {
        row_key(s, i, &mut h);
    }
    h.finish()
}

/// Documents no longer (fully) in force, newest status date first (ties by id).
fn expired_docs(s: &Shared<'_>) -> Vec<usize> {
    let mut list: Vec<usize> = (0..s.index.docs.len())
        .filter(|&i| s.index.validity[i].status.is_no_longer_valid())
        .collect();
    list.sort_by(|&a, &b| {
        (s.index.validity[b].since, &s.index.docs[a].id)
            .cmp(&(s.index.validity[a].since, &s.index.docs[b].id))
    });
    list
}

/// 规章 then 规范性文件 in force (有效, or in force as amended / in part), newest first.
fn valid_docs(s: &Shared<'_>) -> Vec<(DocClass, Vec<usize>)> {
    [DocClass::Rule, DocClass::Normative]
        .into_iter()
        .map(|class| {
            let docs = (0..s.index.docs.len())
                .filter(|&i| {
                    s.index.docs[i].meta.doc_class == class
                        && s.index.validity[i].status.is_in_force()
                })
                .collect();
            (class, docs)
        })
        .collect()
}

/// Sections by year of the status date, numbered 1.. across the page.
fn by_year(s: &Shared<'_>, docs: &[usize]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for (n, &i) in docs.iter().enumerate() {
        let year = s.index.validity[i]
            .since
            .map_or_else(|| "—".to_string(), |d| d.year().to_string());
        if sections.last().is_none_or(|sec| sec.heading != year) {
            sections.push(Section {
                heading: year,
                rows: Vec::new(),
            });
        }
        if let Some(sec) = sections.last_mut() {
            sec.rows.push(row(s, i, n + 1, false));
        }
    }
    sections
}

/// The no-longer-valid documents, and the same split by agency and by state.
struct Expired {
    all: Vec<usize>,
    agencies: Vec<(String, String, Vec<usize>)>,
    statuses: Vec<(Status, Vec<usize>)>,
}

impl Expired {
    fn new(s: &Shared<'_>) -> Expired {
        let all = expired_docs(s);
        let mut agencies = Vec::new();
        for g in &s.index.catalog.agencies {
            let docs: Vec<usize> = all
                .iter()
                .copied()
                .filter(|&i| s.index.docs[i].meta.agency == g.name)
                .collect();
            if !docs.is_empty() {
                agencies.push((g.name.clone(), g.slug.clone(), docs));
            }
        }
        let statuses = Status::ALL
            .into_iter()
            .filter(|st| st.is_no_longer_valid())
            .map(|st| {
                let docs = all
                    .iter()
                    .copied()
                    .filter(|&i| s.index.validity[i].status == st)
                    .collect::<Vec<_>>();
                (st, docs)
            })
            .filter(|(_, d)| !d.is_empty())
            .collect();
        Expired {
            all,
            agencies,
            statuses,
        }
    }

    /// The filter links, with `current` the page shown.
    fn filters(&self, s: &Shared<'_>, current: &str) -> Filters {
        let f = |title: String, url: String, count: usize| Filter {
            current: url == current,
            url: s.urls.path(&url),
            title,
            count,
        };
        Filters {
            all: f(
                s.t["all"].to_string(),
                EXPIRED_URL.to_string(),
                self.all.len(),
            ),
            agencies: self
                .agencies
                .iter()
                .map(|(name, slug, d)| {
                    f(
                        name.clone(),
                        format!("{EXPIRED_URL}agency/{slug}/"),
                        d.len(),
                    )
                })
                .collect(),
            statuses: self
                .statuses
                .iter()
                .map(|(st, d)| {
                    f(
                        st.name().to_string(),
                        format!("{EXPIRED_URL}status/{}/", st.key()),
                        d.len(),
                    )
                })
                .collect(),
        }
    }
}

/// Which page of the 失效文件清单.
#[derive(Clone, Copy)]
enum ExpiredPage {
    All,
    Agency(usize),
    Status(usize),
}

/// One page of the 失效文件清单.
fn expired_job(s: &Shared<'_>, e: &Expired, which: ExpiredPage) -> anyhow::Result<Job> {
    let list_crumbs = vec![s.crumb_home()];
    let mut filter_crumbs = list_crumbs.clone();
    filter_crumbs.push(LinkView {
        title: s.t["expired_list"].to_string(),
        url: s.urls.path(EXPIRED_URL),
    });
    let (title, url, docs, crumbs) = match which {
        ExpiredPage::All => (
            s.t["expired_list"].to_string(),
            EXPIRED_URL.to_string(),
            &e.all,
            list_crumbs,
        ),
        ExpiredPage::Agency(k) => {
            let (name, slug, docs) = &e.agencies[k];
            (
                format!("{}：{name}", s.t["expired_list"]),
                format!("{EXPIRED_URL}agency/{slug}/"),
                docs,
                filter_crumbs,
            )
        }
        ExpiredPage::Status(k) => {
            let (st, docs) = &e.statuses[k];
            (
                format!("{}：{}", s.t["expired_list"], st.name()),
                format!("{EXPIRED_URL}status/{}/", st.key()),
                docs,
                filter_crumbs,
            )
        }
    };
    Ok(Job {
        template: "validity_expired.html",
        out: url_map::page_file(&url),
        page: s.page(&title, &url, EXPIRED_URL, crumbs),
        values: serde_json::to_value(ExpiredValues {
            sections: by_year(s, docs),
            total: docs.len(),
            filters: e.filters(s, &url),
            csv_url: s.urls.path(url_map::EXPIRED_CSV),
            json_url: s.urls.path(url_map::EXPIRED_JSON),
            feed_url: s.urls.path(url_map::CHANGES_FEED),
        })?,
    })
}

/// The 继续有效目录.
fn valid_job(s: &Shared<'_>) -> anyhow::Result<Job> {
    let mut n = 0;
    let sections: Vec<Section> = valid_docs(s)
        .into_iter()
        .filter(|(_, docs)| !docs.is_empty())
        .map(|(class, docs)| Section {
            heading: class.name().to_string(),
            rows: docs
                .into_iter()
                .map(|i| {
                    n += 1;
                    row(s, i, n, false)
                })
                .collect(),
        })
        .collect();
    Ok(Job {
        template: "validity_valid.html",
        out: url_map::page_file(VALID_URL),
        page: s.page(
            s.t["valid_list"],
            VALID_URL,
            VALID_URL,
            vec![s.crumb_home()],
        ),
        values: serde_json::to_value(ValidValues {
            sections,
            total: n,
            csv_url: s.urls.path(url_map::VALID_CSV),
            json_url: s.urls.path(url_map::VALID_JSON),
            expired_url: s.urls.path(EXPIRED_URL),
        })?,
    })
}

/// The 失效文件清单, its filter pages, and the 继续有效目录. In watch mode
/// each is keyed by the documents it lists (with what they link to).
pub(super) fn jobs<'a>(s: &'a Shared<'_>) -> anyhow::Result<Vec<LazyJob<'a>>> {
    let e = Arc::new(Expired::new(s));
    let filters = e.filters(s, "");
    // The folders of the filter pages get a page listing them.
    let folder_pages = [
        ("agency/", s.t["by_agency"], &filters.agencies),
        ("status/", s.t["validity_status_filter"], &filters.statuses),
    ];
    let mut folders = Vec::new();
    for (folder, title, links) in folder_pages {
        if links.is_empty() {
            continue;
        }
        let links = links
            .iter()
            .map(|f| (f.title.clone(), f.url.clone(), f.count))
            .collect();
        let rel = format!("{EXPIRED_URL}{folder}");
        let heading = format!("{}：{title}", s.t["expired_list"]);
        folders.push(super::folders::counted_links_job(s, &heading, &rel, links)?);
    }
    let expired_key = rows_key(s, 0, e.all.iter().copied());
    let mut pages = vec![(ExpiredPage::All, EXPIRED_URL.to_string())];
    for (k, (_, slug, _)) in e.agencies.iter().enumerate() {
        pages.push((
            ExpiredPage::Agency(k),
            format!("{EXPIRED_URL}agency/{slug}/"),
        ));
    }
    for (k, (st, _)) in e.statuses.iter().enumerate() {
        pages.push((
            ExpiredPage::Status(k),
            format!("{EXPIRED_URL}status/{}/", st.key()),
        ));
    }
    let mut jobs: Vec<LazyJob<'a>> = pages
        .into_iter()
        .map(|(which, url)| {
            let e = e.clone();
            let memo = Some((url_map::page_file(&url), expired_key));
            later_try(memo, move || expired_job(s, &e, which))
        })
        .collect();
    let valid_key = rows_key(s, 1, valid_docs(s).into_iter().flat_map(|(_, d)| d));
    let memo = Some((url_map::page_file(VALID_URL), valid_key));
    jobs.push(later_try(memo, move || valid_job(s)));
    jobs.extend(folders.into_iter().map(super::ready));
    Ok(jobs)
}

/// `validity/{expired,valid}.{csv,json}`: the same rows as the pages, with
/// absolute URLs. With a cache (watch mode), rows that show the same as
/// last time are reused.
pub(super) fn add_data_files(
    s: &Shared<'_>,
    output: &mut Output,
    mut cache: Option<&mut PieceCache>,
) -> anyhow::Result<()> {
    let valid = valid_docs(s).into_iter().flat_map(|(_, d)| d).collect();
    let base = s.urls.absolute("");
    let lists = [
        // (the piece cache's name for the list's rows, its files)
        (
            "validity/expired",
            url_map::EXPIRED_JSON,
            url_map::EXPIRED_CSV,
            expired_docs(s),
        ),
        (
            "validity/valid",
            url_map::VALID_JSON,
            url_map::VALID_CSV,
            valid,
        ),
    ];
    for (family, json, csv, docs) in lists {
        // A row shows its document, its number in the list, the documents
        // it links to and the site's address.
        let keys: Vec<u64> = docs
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let mut h = crate::util::hash::KeyHasher::new();
                (&base, n).hash(&mut h);
                row_key(s, i, &mut h);
                h.finish()
            })
            .collect();
        let pieces = PieceCache::pieces(cache.as_deref_mut(), family, &keys, |n| {
            let r = row(s, docs[n], n + 1, true);
            let mut line = String::new();
            push_row(&mut line, &r);
            Ok(vec![json_element(&r)?, line])
        })?;
        output.insert(
            json.into(),
            OutputFile::Bytes(json_array(pieces.iter().map(|p| p[0].as_str()))),
        );
        output.insert(
            csv.into(),
            OutputFile::Bytes(csv_file(&CSV_HEADER, pieces.iter().map(|p| p[1].as_str()))),
        );
    }
    Ok(())
}

const CSV_HEADER: [&str; 16] = [
    "序号",
    "文件名称",
    "文号",
    "发文机关",
    "成文日期",
    "文件类别",
    "状态",
    "状态日期",
    "施行日期",
    "有效期至",
    "依据",
    "依据网址",
    "理由",
    "替代文件",
    "替代文件网址",
    "网址",
];

/// One CSV row; several replacements are joined with `；` / spaces.
fn push_row(out: &mut String, r: &Row) {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    push_csv_row(
        out,
        [
            r.n.to_string(),
            r.title.clone(),
            opt(&r.doc_number),
            r.agency.clone(),
            opt(&r.written),
            r.doc_class.to_string(),
            r.status.to_string(),
            opt(&r.status_date),
            opt(&r.effective),
            opt(&r.expires),
            r.basis
                .as_ref()
                .map(|b| b.title.clone())
                .unwrap_or_default(),
            r.basis.as_ref().map(|b| b.url.clone()).unwrap_or_default(),
            opt(&r.reason),
            join(r.replaced_by.iter().map(|l| l.title.as_str()), "；"),
            join(r.replaced_by.iter().map(|l| l.url.as_str()), " "),
            r.url.clone(),
        ]
        .into_iter(),
    );
}

fn join<'a>(parts: impl Iterator<Item = &'a str>, sep: &str) -> String {
    parts.collect::<Vec<_>>().join(sep)
}
