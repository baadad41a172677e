//! The online gazette room (网上公报室): gazette home → year → issue, the
//! printable edition of each issue, the whole-issue PDFs, `gazette.json` and
//! the Atom feed of issues.
//!
//! URLs: `gazette/`, `gazette/<year>/`, `gazette/<year>/<NN>/` (two-digit
//! issue), `gazette/<year>/<NN>/print/`, `gazette/gazette.json`,
//! `gazette/feed.xml`; a PDF is copied next to its issue page.

use super::feed::{Entry, Feed};
use super::view::{doc_link, human_size, LinkView};
use super::{later_try, ready, Job, LazyJob, Output, OutputFile, Shared};
use crate::config::url_map;
use crate::index::gazette::Issue;
use serde::Serialize;

/// Where the gazette room lives.
pub(crate) const ROOT: &str = url_map::GAZETTE;

/// A whole-issue PDF as shown.
#[derive(Debug, Clone, Serialize)]
struct PdfView {
    file: String,
    url: String,
    size: String,
    bytes: u64,
    sha256: String,
}

/// An issue in a list (home, year page).
#[derive(Debug, Clone, Serialize)]
struct IssueSummary {
    label: String,
    number: u16,
    year: u16,
    total: Option<u32>,
    published: String,
    url: String,
    print_url: String,
    pdf: Option<PdfView>,
    count: usize,
    created: bool,
    /// The 出版日期 when it is still to come (a `--future` preview only).
    #[serde(skip_serializing_if = "Option::is_none")]
    scheduled: Option<String>,
}

/// A contents entry.
#[derive(Debug, Clone, Serialize)]
struct EntryView {
    title: String,
    url: String,
    doc_number: Option<String>,
    agency: String,
    published: String,
    page: Option<u32>,
    /// Anchor of the document in the print edition.
    anchor: String,
}

#[derive(Debug, Clone, Serialize)]
struct SectionView {
    name: Option<String>,
    entries: Vec<EntryView>,
}

/// Everything about one issue.
#[derive(Debug, Clone, Serialize)]
struct IssueView {
    #[serde(flatten)]
    summary: IssueSummary,
    /// `《清河市人民政府公报》2024年第7期（总第223期）`.
    title: String,
    foreword_html: String,
    sections: Vec<SectionView>,
    prev: Option<LinkView>,
    next: Option<LinkView>,
}

/// A document in the print edition.
#[derive(Debug, Clone, Serialize)]
struct PrintDoc {
    #[serde(flatten)]
    entry: EntryView,
    section: Option<String>,
    permalink: String,
    html: String,
}

/// The gazette's name and links, which every gazette page shows (`gazette`).
#[derive(Debug, Serialize)]
struct GazetteLinks<'a> {
    name: &'a str,
    feed_url: String,
    json_url: String,
    home_url: String,
    print_css_url: String,
}

/// A year with its issues.
#[derive(Debug, Serialize)]
struct YearView {
    year: u16,
    url: String,
    count: usize,
    issues: Vec<IssueSummary>,
}

/// A year as a link (the year page's list of years).
#[derive(Debug, Serialize)]
struct YearLink<'a> {
    year: u16,
    url: &'a str,
}

/// What `gazette_home.html` sees besides the values every page gets.
#[derive(Serialize)]
struct HomeValues<'a> {
    gazette: &'a GazetteLinks<'a>,
    latest: IssueView,
    years: &'a [YearView],
}

/// What `gazette_year.html` sees besides the values every page gets.
#[derive(Serialize)]
struct YearValues<'a> {
    gazette: &'a GazetteLinks<'a>,
    year: &'a YearView,
    count: usize,
    years: Vec<YearLink<'a>>,
}

/// What `gazette_print.html` sees besides the values every page gets.
#[derive(Serialize)]
struct PrintValues<'a> {
    gazette: &'a GazetteLinks<'a>,
    issue: IssueView,
    docs: Vec<PrintDoc>,
    /// The page header of the printed edition, as a CSS string.
    running_header: String,
}

/// What `gazette_issue.html` sees besides the values every page gets.
#[derive(Serialize)]
struct IssueValues<'a> {
    gazette: &'a GazetteLinks<'a>,
    issue: IssueView,
}

fn pdf_view(s: &Shared<'_>, issue: &Issue) -> Option<PdfView> {
    issue.pdf.as_ref().map(|p| PdfView {
        file: p.file.clone(),
        url: s.urls.path(&format!("{}{}", issue.url(), p.file)),
        size: human_size(p.size),
        bytes: p.size,
        sha256: p.sha256.clone(),
    })
}

fn summary(s: &Shared<'_>, issue: &Issue) -> IssueSummary {
    IssueSummary {
        label: issue.label(),
        number: issue.number,
        year: issue.year,
        total: issue.total,
        published: issue.published.to_string(),
        url: s.urls.path(&issue.url()),
        print_url: s.urls.path(&url_map::print_edition(&issue.url())),
        pdf: pdf_view(s, issue),
        count: issue.entries().count(),
        created: issue.source_path.is_none(),
        scheduled: super::view::scheduled_on(s.index, issue.published),
    }
}

/// `《name》2024年第7期（总第223期）`: what the document page and feeds show.
pub(crate) fn issue_title(s: &Shared<'_>, issue: &Issue) -> String {
    format!(
        "《{}》{}{}",
        s.config.gazette.name,
        issue.label(),
        issue.total_label()
    )
}

fn entry_view(s: &Shared<'_>, doc: usize, page: Option<u32>) -> EntryView {
    let d = &s.index.docs[doc];
    let link = doc_link(d, &s.urls);
    EntryView {
        title: link.title,
        url: link.url,
        doc_number: d.meta.doc_number.clone(),
        agency: d.meta.agency.clone(),
        published: d.meta.published.to_string(),
        page,
        anchor: format!("doc-{}", doc_anchor(&d.url)),
    }
}

/// `xxgk/2024/gf-1/` → `xxgk-2024-gf-1`: unique, stable, a valid id.
fn doc_anchor(url: &str) -> String {
    url.trim_end_matches('/').replace('/', "-")
}

fn issue_view(s: &Shared<'_>, n: usize) -> IssueView {
    let issues = &s.index.gazette.issues;
    let issue = &issues[n];
    let link = |i: &Issue| LinkView {
        title: issue_title(s, i),
        url: s.urls.path(&i.url()),
    };
    IssueView {
        summary: summary(s, issue),
        title: issue_title(s, issue),
        foreword_html: issue.foreword_html.clone(),
        sections: issue
            .sections
            .iter()
            .map(|sec| SectionView {
                name: sec.name.clone(),
                entries: sec
                    .entries
                    .iter()
                    .map(|e| entry_view(s, e.doc, e.page))
                    .collect(),
            })
            .collect(),
        // issues are newest first: the previous issue is the next one in the list
        prev: issues.get(n + 1).map(link),
        next: n.checked_sub(1).map(|i| link(&issues[i])),
    }
}

fn crumbs(s: &Shared<'_>, year: Option<u16>) -> Vec<LinkView> {
    let mut out = vec![
        s.crumb_home(),
        LinkView {
            title: s.t["gazette_room"].to_string(),
            url: s.urls.path(ROOT),
        },
    ];
    if let Some(y) = year {
        out.push(LinkView {
            title: format!("{y}年"),
            url: s.urls.path(&format!("{ROOT}{y}/")),
        });
    }
    out
}

fn common<'a>(s: &'a Shared<'_>) -> GazetteLinks<'a> {
    GazetteLinks {
        name: &s.config.gazette.name,
        feed_url: s.urls.path(url_map::GAZETTE_FEED),
        json_url: s.urls.path(url_map::GAZETTE_JSON),
        home_url: s.urls.path(ROOT),
        print_css_url: s.urls.path(url_map::GAZETTE_PRINT_CSS),
    }
}

/// Every gazette page; none when the site has no issues.
pub(super) fn jobs<'a>(s: &'a Shared<'_>) -> anyhow::Result<Vec<LazyJob<'a>>> {
    let g = &s.index.gazette;
    if g.issues.is_empty() {
        return Ok(Vec::new());
    }
    let gazette = common(s);
    let years = g.years();
    let year_views: Vec<YearView> = years
        .iter()
        .map(|(year, list)| YearView {
            year: *year,
            url: s.urls.path(&format!("{ROOT}{year}/")),
            count: list.len(),
            issues: list.iter().map(|&i| summary(s, &g.issues[i])).collect(),
        })
        .collect();
    let name = &s.config.gazette.name;
    let mut home = s.page(name, ROOT, "gazette", vec![s.crumb_home()]);
    home.description = format!("《{name}》历年各期目录、全文与整期下载");
    let mut jobs = vec![Job {
        template: "gazette_home.html",
        out: url_map::page_file(ROOT),
        page: home,
        values: serde_json::to_value(HomeValues {
            gazette: &gazette,
            latest: issue_view(s, 0),
            years: &year_views,
        })?,
    }];
    for ((year, list), view) in years.iter().zip(&year_views) {
        let rel = url_map::gazette_year(*year);
        let title = format!("《{name}》{year}年");
        jobs.push(Job {
            template: "gazette_year.html",
            out: url_map::page_file(&rel),
            page: s.page(&title, &rel, "gazette", crumbs(s, None)),
            values: serde_json::to_value(YearValues {
                gazette: &gazette,
                year: view,
                count: list.len(),
                years: year_views
                    .iter()
                    .map(|y| YearLink {
                        year: y.year,
                        url: &y.url,
                    })
                    .collect(),
            })?,
        });
    }
    let mut jobs: Vec<LazyJob<'a>> = jobs.into_iter().map(ready).collect();
    let gazette = std::sync::Arc::new(gazette);
    for n in 0..g.issues.len() {
        let issue = &g.issues[n];
        // The issue file (its meta, foreword, sections) and its documents.
        let mut h = crate::util::hash::KeyHasher::new();
        std::hash::Hash::hash(&format!("{issue:?}"), &mut h);
        let docs = issue.sections.iter().flat_map(|sec| &sec.entries);
        let key = s
            .keys
            .listing(s, std::hash::Hasher::finish(&h), docs.map(|e| e.doc));
        let rel = issue.url();
        let (print, own) = (gazette.clone(), gazette.clone());
        let print_memo = Some((url_map::page_file(&url_map::print_edition(&rel)), key));
        jobs.push(later_try(print_memo, move || print_job(s, n, &print)));
        let issue_memo = Some((url_map::page_file(&rel), key));
        jobs.push(later_try(issue_memo, move || issue_job(s, n, &own)));
    }
    Ok(jobs)
}

/// The print edition of issue `n`: every document in full.
fn print_job(s: &Shared<'_>, n: usize, gazette: &GazetteLinks<'_>) -> anyhow::Result<Job> {
    let issue = &s.index.gazette.issues[n];
    let name = &s.config.gazette.name;
    let view = issue_view(s, n);
    let rel = issue.url();
    let print_docs: Vec<PrintDoc> = issue
        .sections
        .iter()
        .flat_map(|sec| {
            sec.entries.iter().map(|e| {
                let entry = entry_view(s, e.doc, e.page);
                let doc = &s.index.docs[e.doc];
                Ok(PrintDoc {
                    html: prefix_ids(&doc.body.html()?, &entry.anchor),
                    entry,
                    section: sec.name.clone(),
                    permalink: s.urls.absolute(&doc.url),
                })
            })
        })
        .collect::<std::io::Result<_>>()?;
    let print_rel = url_map::print_edition(&rel);
    let print_title = format!("{}{}", view.title, s.t["print_edition"]);
    let mut issue_crumbs = crumbs(s, Some(issue.year));
    issue_crumbs.push(LinkView {
        title: view.title.clone(),
        url: s.urls.path(&rel),
    });
    let print_page = s.page(&print_title, &print_rel, "gazette", issue_crumbs);
    let running_header = css_string(&format!(
        "《{name}》{}{}",
        issue.label(),
        issue.total_label()
    ));
    Ok(Job {
        template: "gazette_print.html",
        out: url_map::page_file(&print_rel),
        page: print_page,
        values: serde_json::to_value(PrintValues {
            gazette,
            issue: view,
            docs: print_docs,
            running_header,
        })?,
    })
}

/// The contents page of issue `n`.
fn issue_job(s: &Shared<'_>, n: usize, gazette: &GazetteLinks<'_>) -> anyhow::Result<Job> {
    let issue = &s.index.gazette.issues[n];
    let view = issue_view(s, n);
    let rel = issue.url();
    let mut page = s.page(&view.title, &rel, "gazette", crumbs(s, Some(issue.year)));
    page.description = issue.foreword_text.chars().take(120).collect();
    Ok(Job {
        template: "gazette_issue.html",
        out: url_map::page_file(&rel),
        page,
        values: serde_json::to_value(IssueValues {
            gazette,
            issue: view,
        })?,
    })
}

/// Heading and footnote ids are unique within a document, not within an
/// issue: prefix them (and the in-page links to them) with the document's anchor.
fn prefix_ids(html: &str, anchor: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{anchor}-"))
        .replace(" href=\"#", &format!(" href=\"#{anchor}-"))
}

/// A CSS string literal (with quotes) that cannot end the `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' => {
                out.push_str(&format!("\\{:x} ", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// PDFs, gazette.json and the Atom feed of issues.
pub(super) fn add_files(s: &Shared<'_>, output: &mut Output) -> anyhow::Result<()> {
    let g = &s.index.gazette;
    if g.issues.is_empty() {
        return Ok(());
    }
    for issue in &g.issues {
        if let Some(pdf) = &issue.pdf {
            output.insert(
                format!("{}{}", issue.url(), pdf.file),
                OutputFile::Copy(crate::output::CopySource {
                    from: pdf.abs_path.clone(),
                    size: pdf.size,
                    sha256: pdf.sha256.clone(),
                }),
            );
        }
    }
    output.insert(
        url_map::GAZETTE_JSON.into(),
        OutputFile::Bytes(serde_json::to_vec_pretty(&gazette_json(s)?)?),
    );
    output.insert(
        url_map::GAZETTE_FEED.into(),
        OutputFile::Bytes(feed(s).into_bytes()),
    );
    Ok(())
}

/// The date each gazette page last changed, for the sitemap.
pub(super) fn lastmods(s: &Shared<'_>) -> Vec<(String, String)> {
    let g = &s.index.gazette;
    let mut out = Vec::new();
    let Some(newest) = g.issues.iter().map(|i| i.published).max() else {
        return out;
    };
    out.push((url_map::page_file(ROOT), newest.to_string()));
    for (year, list) in g.years() {
        let date = list.iter().map(|&i| g.issues[i].published).max();
        if let Some(date) = date {
            out.push((
                url_map::page_file(&url_map::gazette_year(year)),
                date.to_string(),
            ));
        }
    }
    for issue in &g.issues {
        let date = issue.published.to_string();
        out.push((url_map::page_file(&issue.url()), date.clone()));
        out.push((
            url_map::page_file(&url_map::print_edition(&issue.url())),
            date,
        ));
    }
    out
}

/// `gazette/gazette.json`: every issue with its contents.
#[derive(Serialize)]
struct GazetteJson<'a> {
    name: &'a str,
    url: String,
    issues: Vec<IssueJson<'a>>,
}

/// An issue in `gazette.json`.
#[derive(Serialize)]
struct IssueJson<'a> {
    year: u16,
    issue: u16,
    total: Option<u32>,
    published: String,
    title: String,
    url: String,
    print_url: String,
    pdf: Option<PdfJson<'a>>,
    created_from_documents: bool,
    foreword: &'a str,
    contents: Vec<ContentsJson<'a>>,
}

/// A whole-issue PDF in `gazette.json`.
#[derive(Serialize)]
struct PdfJson<'a> {
    url: String,
    size: u64,
    sha256: &'a str,
}

/// A contents entry in `gazette.json`.
#[derive(Serialize)]
struct ContentsJson<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    doc_number: Option<&'a str>,
    agency: &'a str,
    section: Option<&'a str>,
    page: Option<u32>,
}

/// `gazette.json` as a JSON value, whose keys are sorted: the file's key
/// order does not follow the order of the fields above.
fn gazette_json(s: &Shared<'_>) -> anyhow::Result<serde_json::Value> {
    let issues = s
        .index
        .gazette
        .issues
        .iter()
        .map(|issue| {
            let contents = issue
                .sections
                .iter()
                .flat_map(|sec| {
                    sec.entries.iter().map(|e| {
                        let d = &s.index.docs[e.doc];
                        ContentsJson {
                            id: &d.id,
                            url: s.urls.absolute(&d.url),
                            title: &d.meta.title,
                            doc_number: d.meta.doc_number.as_deref(),
                            agency: &d.meta.agency,
                            section: sec.name.as_deref(),
                            page: e.page,
                        }
                    })
                })
                .collect();
            IssueJson {
                year: issue.year,
                issue: issue.number,
                total: issue.total,
                published: issue.published.to_string(),
                title: issue_title(s, issue),
                url: s.urls.absolute(&issue.url()),
                print_url: s.urls.absolute(&url_map::print_edition(&issue.url())),
                pdf: issue.pdf.as_ref().map(|p| PdfJson {
                    url: s.urls.absolute(&format!("{}{}", issue.url(), p.file)),
                    size: p.size,
                    sha256: &p.sha256,
                }),
                created_from_documents: issue.source_path.is_none(),
                foreword: &issue.foreword_text,
                contents,
            }
        })
        .collect();
    Ok(serde_json::to_value(GazetteJson {
        name: &s.config.gazette.name,
        url: s.urls.absolute(ROOT),
        issues,
    })?)
}

/// Atom feed of issues, newest first.
fn feed(s: &Shared<'_>) -> String {
    let g = &s.index.gazette;
    let mut by_date: Vec<&Issue> = g.issues.iter().collect();
    by_date.sort_by_key(|i| std::cmp::Reverse((i.published, i.year, i.number)));
    let entries = by_date
        .into_iter()
        .take(50)
        .map(|issue| {
            let url = s.urls.absolute(&issue.url());
            let titles: Vec<&str> = issue
                .entries()
                .map(|e| s.index.docs[e.doc].meta.title.as_str())
                .collect();
            let summary = if issue.foreword_text.is_empty() {
                titles.join("；")
            } else {
                issue.foreword_text.clone()
            };
            Entry {
                title: issue_title(s, issue),
                id: url.clone(),
                link: url,
                updated: issue.published,
                author: None,
                category: None,
                summary,
            }
        })
        .collect();
    Feed {
        lang: s.site.lang,
        title: s.config.gazette.name.clone(),
        id: s.urls.absolute(ROOT),
        alternate: s.urls.absolute(ROOT),
        self_url: s.urls.absolute(url_map::GAZETTE_FEED),
        updated: g.issues.iter().map(|i| i.published).max(),
        author: Some(&s.config.title),
        entries,
    }
    .to_xml()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_break_out() {
        assert_eq!(css_string("《公报》"), "\"《公报》\"");
        let s = css_string("a\"</style><x>\\");
        assert!(!s[1..s.len() - 1].contains(['"', '<', '>']), "{s}");
        assert_eq!(s, "\"a\\22 \\3c /style\\3e \\3c x\\3e \\5c \"");
    }

    #[test]
    fn body_ids_are_prefixed_per_document() {
        let html = "<h2 id=\"一总则\">一、总则</h2><p><a href=\"#1\">1</a> <a href=\"https://x/#y\">x</a></p>";
        assert_eq!(
            prefix_ids(html, "doc-a"),
            "<h2 id=\"doc-a-一总则\">一、总则</h2><p><a href=\"#doc-a-1\">1</a> <a href=\"https://x/#y\">x</a></p>"
        );
    }

    #[test]
    fn anchors_are_flat() {
        assert_eq!(doc_anchor("xxgk/2024/gf-1/"), "xxgk-2024-gf-1");
    }
}
