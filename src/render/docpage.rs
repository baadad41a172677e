//! Document pages: metadata table, validity, relations, body, attachments, JSON-LD.

use super::view::{
    cited_doc, human_size, AttachmentView, CategoryView, CitedDoc, DocView, GazetteIssueLink,
    LinkView, ValidityView,
};
use super::{later_try, Job, LazyJob, Shared};
use crate::config::url_map::{
    self, CATALOG_BY_AGENCY, CATALOG_BY_CATEGORY, CATALOG_BY_CLASS, CATALOG_BY_YEAR,
};
use crate::index::validity::Status;
use crate::model::Document;
use crate::util::slug::stable_slug;
use serde::Serialize;

/// What `document.html` sees besides the values every page gets.
#[derive(Serialize)]
struct DocumentValues<'a> {
    doc: DocView<'a>,
}

/// One job per published document.
pub(super) fn jobs<'a>(s: &'a Shared<'_>) -> Vec<LazyJob<'a>> {
    (0..s.index.docs.len())
        .map(|i| {
            let out = url_map::page_file(&s.index.docs[i].url);
            later_try(Some((out, s.keys.doc_page(s, i))), move || doc_job(s, i))
        })
        .collect()
}

fn doc_job(s: &Shared<'_>, i: usize) -> anyhow::Result<Job> {
    let doc = &s.index.docs[i];
    let body = doc.body.read()?;
    let view = doc_view(s, i, body.html())?;
    let mut crumbs = s.crumb_catalog();
    crumbs.extend(view.category.levels.iter().cloned());
    let mut page = s.page(&doc.meta.title, &doc.url, "catalog", crumbs);
    page.description = doc
        .meta
        .abstract_text
        .clone()
        .unwrap_or_else(|| snippet(body.text(), 120));
    page.meta = super::metadata::PageMetadata {
        column: Some(super::metadata::document_column(s, doc)),
        article: Some(super::metadata::article(
            s,
            doc,
            body.html(),
            &page.description,
        )),
    };
    Ok(Job {
        template: "document.html",
        out: url_map::page_file(&doc.url),
        page,
        values: serde_json::to_value(DocumentValues { doc: view })?,
    })
}

fn cited(s: &Shared<'_>, indices: &[usize]) -> Vec<CitedDoc> {
    indices
        .iter()
        .map(|&i| cited_doc(&s.index.docs[i], &s.urls))
        .collect()
}

/// Builds the template view of `docs[i]`, whose body is `html`.
pub(super) fn doc_view<'a>(
    s: &'a Shared<'_>,
    i: usize,
    html: &'a str,
) -> anyhow::Result<DocView<'a>> {
    let doc = &s.index.docs[i];
    let m = &doc.meta;
    let rel = &s.index.relations[i];
    let derived = s.index.validity[i];
    let cat = &s.index.catalog;
    let category_group = cat.categories.iter().find(|g| g.name == m.category.level1);
    let l1_slug =
        category_group.map_or_else(|| stable_slug("c", &m.category.level1), |g| g.slug.clone());
    let mut levels = vec![LinkView {
        title: m.category.level1.clone(),
        url: s.urls.path(&format!("{CATALOG_BY_CATEGORY}{l1_slug}/")),
    }];
    if let Some(l2) = &m.category.level2 {
        let l2_slug = category_group
            .and_then(|g| g.children.iter().find(|c| &c.name == l2))
            .map_or_else(|| stable_slug("c", l2), |c| c.slug.clone());
        levels.push(LinkView {
            title: l2.clone(),
            url: s
                .urls
                .path(&format!("{CATALOG_BY_CATEGORY}{l1_slug}/{l2_slug}/")),
        });
    }
    let agency_slug = cat
        .agencies
        .iter()
        .find(|g| g.name == m.agency)
        .map_or_else(|| stable_slug("a", &m.agency), |g| g.slug.clone());
    let validity = ValidityView {
        status: derived.status.name(),
        status_key: derived.status.key(),
        since: derived.since.map(|d| d.to_string()),
        effective: m.validity.effective.map(|d| d.to_string()),
        expires: m.validity.expires.map(|d| d.to_string()),
        reason: m.validity.reason.clone(),
        basis: rel.basis.map(|b| cited_doc(&s.index.docs[b], &s.urls)),
        replaced_by: cited(s, &rel.replaced_by),
        banner: derived.status != Status::Valid,
        pending: derived.status.is_pending(),
        ceased: derived.status.has_ceased(),
        no_longer_valid: derived.status.is_no_longer_valid(),
        lapses_on: derived.lapses_on.map(|d| d.to_string()),
        lapses_status: Status::Expired.name(),
    };
    let published = match &m.published_time {
        Some(t) => format!("{} {t}", m.published),
        None => m.published.to_string(),
    };
    let attachments = doc
        .attachments
        .iter()
        .map(|a| AttachmentView {
            title: a.title.clone(),
            file: a.file.clone(),
            url: s.urls.path(&format!("{}{}", doc.url, a.file)),
            size: human_size(a.size),
            bytes: a.size,
            sha256: a.sha256.clone(),
            kind: a
                .file
                .rsplit_once('.')
                .map(|(_, e)| e.to_uppercase())
                .unwrap_or_default(),
        })
        .collect();
    let gazette = m.gazette.as_ref().map(|g| {
        let mut text = format!("{}年第{}期", g.year, g.issue);
        if let Some(p) = g.page {
            text.push_str(&format!(" 第{p}页"));
        }
        text
    });
    Ok(DocView {
        id: &doc.id,
        title: &m.title,
        url: s.urls.path(&doc.url),
        permalink: s.urls.absolute(&doc.url),
        agency: LinkView {
            title: m.agency.clone(),
            url: s.urls.path(&format!("{CATALOG_BY_AGENCY}{agency_slug}/")),
        },
        category: CategoryView {
            path: m.category.path(),
            levels,
        },
        doc_class: LinkView {
            title: m.doc_class.name().to_string(),
            url: s
                .urls
                .path(&format!("{CATALOG_BY_CLASS}{}/", m.doc_class.slug())),
        },
        genre: m.genre.as_deref(),
        doc_number: m.doc_number.as_deref(),
        index_number: m.index_number.as_deref(),
        written: m.written.map(|d| d.to_string()),
        published,
        year: LinkView {
            title: m.published.year().to_string(),
            url: s
                .urls
                .path(&format!("{CATALOG_BY_YEAR}{}/", m.published.year())),
        },
        validity,
        keywords: &m.keywords,
        abstract_text: m.abstract_text.as_deref(),
        attachments,
        gazette,
        gazette_issue: s.index.gazette.doc_issue[i].map(|n| {
            let issue = &s.index.gazette.issues[n];
            GazetteIssueLink {
                title: super::gazette::issue_title(s, issue),
                url: s.urls.path(&issue.url()),
                page: m.gazette.as_ref().and_then(|g| g.page),
            }
        }),
        interprets: rel.interprets.map(|o| cited_doc(&s.index.docs[o], &s.urls)),
        interpretations: cited(s, &rel.interpretations),
        replaces: cited(s, &rel.replaces),
        declared: cited(s, &rel.declared),
        html,
        toc: doc
            .headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .collect(),
        json_ld: json_ld(s, doc, derived.status)?,
        scheduled: super::view::scheduled_on(s.index, m.published),
    })
}

/// schema.org `Legislation`: the document page's JSON-LD. A field that is
/// `None` is left out.
#[derive(Serialize)]
struct Legislation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    #[serde(rename = "inLanguage")]
    in_language: &'static str,
    #[serde(rename = "legislationPassedBy")]
    passed_by: Organization<'a>,
    #[serde(rename = "legislationType")]
    legislation_type: &'static str,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(rename = "legislationLegalForce")]
    legal_force: String,
    about: String,
    #[serde(
        rename = "legislationIdentifier",
        skip_serializing_if = "Option::is_none"
    )]
    doc_number: Option<&'a str>,
    #[serde(rename = "identifier", skip_serializing_if = "Option::is_none")]
    index_number: Option<&'a str>,
    #[serde(rename = "legislationDate", skip_serializing_if = "Option::is_none")]
    written: Option<String>,
    #[serde(
        rename = "legislationDateVersion",
        skip_serializing_if = "Option::is_none"
    )]
    effective: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    abstract_text: Option<&'a str>,
    /// Joined with `,`; left out when there are none.
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<String>,
}

/// `legislationPassedBy`.
#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// schema.org `Legislation`, serialised so that no `</script>` or `<!--` in
/// an editor's text can end the script element early.
fn json_ld(s: &Shared<'_>, doc: &Document, status: Status) -> anyhow::Result<String> {
    let m = &doc.meta;
    let ld = Legislation {
        context: "https://schema.org",
        kind: "Legislation",
        name: &m.title,
        url: s.urls.absolute(&doc.url),
        in_language: "zh-CN",
        passed_by: Organization {
            kind: "GovernmentOrganization",
            name: &m.agency,
        },
        legislation_type: m.doc_class.name(),
        date_published: m.published.to_string(),
        legal_force: format!("https://schema.org/{}", status.schema_org()),
        about: m.category.path(),
        doc_number: m.doc_number.as_deref(),
        index_number: m.index_number.as_deref(),
        written: m.written.map(|d| d.to_string()),
        effective: m.validity.effective.map(|d| d.to_string()),
        expires: m.validity.expires.map(|d| d.to_string()),
        abstract_text: m.abstract_text.as_deref(),
        keywords: (!m.keywords.is_empty()).then(|| m.keywords.join(",")),
    };
    // Through a JSON value, whose keys are sorted: the key order of the
    // published JSON-LD does not follow the order of the fields above.
    let json = serde_json::to_value(ld)?.to_string();
    Ok(crate::util::html::escape_for_script(&json))
}

/// The first `max` characters of the text on one line.
pub(crate) fn snippet(text: &str, max: usize) -> String {
    // The words joined by single spaces, read only as far as needed (a
    // document can be long; the snippet never is).
    let mut flat = text
        .split_whitespace()
        .enumerate()
        .flat_map(|(k, word)| (k > 0).then_some(' ').into_iter().chain(word.chars()));
    let mut out: String = flat.by_ref().take(max).collect();
    if flat.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_single_line_and_bounded() {
        assert_eq!(snippet("第一段\n\n第二段", 100), "第一段 第二段");
        assert_eq!(snippet("一二三四五", 3), "一二三…");
        assert_eq!(snippet("一二三", 3), "一二三");
        assert_eq!(snippet("  一 二\n三  ", 5), "一 二 三");
        assert_eq!(snippet("一 二 三", 4), "一 二 …");
    }
}
