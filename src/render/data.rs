//! Machine-readable outputs: sitemap, robots.txt, Atom feed, catalog JSON and CSV.

use super::Shared;
use crate::markdown::escape_html;
use serde::Serialize;

/// How many entries the Atom feed carries.
const FEED_ENTRIES: usize = 50;

/// robots.txt, the Atom feed and the catalog as JSON and CSV.
pub(super) fn add_exports(
    s: &Shared<'_>,
    emit: &mut dyn FnMut(&str, Vec<u8>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        s.urls.absolute("sitemap.xml")
    );
    emit("robots.txt", robots.into_bytes())?;
    emit("feed.xml", atom_feed(s).into_bytes())?;
    // Each export is handed on before the next is made: at 100,000
    // documents the JSON and the CSV are ~100 MB each.
    let records: Vec<CatalogRecord> = (0..s.index.docs.len()).map(|i| record(s, i)).collect();
    emit("catalog.json", serde_json::to_vec_pretty(&records)?)?;
    emit("catalog.csv", catalog_csv(&records).into_bytes())
}

/// `sitemap.xml`: of `paths` (every file of the site but the search
/// index's), every HTML page except redirects and the 404 page, with the
/// newest date of what it shows as `lastmod` where there is one.
pub(super) fn sitemap(s: &Shared<'_>, mut paths: Vec<&str>) -> String {
    paths.sort_unstable();
    let mut lastmod_by_url = std::collections::BTreeMap::new();
    for d in &s.index.docs {
        lastmod_by_url.insert(format!("{}index.html", d.url), d.meta.published.to_string());
    }
    lastmod_by_url.extend(super::gazette::lastmods(s));
    let newest = s.index.docs.first().map(|d| d.meta.published.to_string());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for &path in paths.iter().filter(|p| p.ends_with("index.html")) {
        if s.index.redirects.contains_key(path) {
            continue;
        }
        let rel = path.trim_end_matches("index.html");
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_html(&s.urls.absolute(rel))
        ));
        if let Some(date) = lastmod_by_url.get(path).or(newest.as_ref()) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn atom_feed(s: &Shared<'_>) -> String {
    let updated = s.index.docs.first().map_or_else(
        || "1970-01-01".to_string(),
        |d| d.meta.published.to_string(),
    );
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"alternate\" href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{updated}T00:00:00Z</updated>\n",
        s.site.lang,
        escape_html(&s.config.title),
        escape_html(&s.config.base_url),
        escape_html(&s.config.base_url),
        escape_html(&s.urls.absolute("feed.xml")),
    );
    for d in s.index.docs.iter().take(FEED_ENTRIES) {
        let url = s.urls.absolute(&d.url);
        let summary = d
            .meta
            .abstract_text
            .clone()
            .unwrap_or_else(|| super::docpage::snippet(&d.text, 200));
        let number = d
            .meta
            .doc_number
            .as_deref()
            .map(|n| format!("{n} "))
            .unwrap_or_default();
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}T00:00:00Z</updated>\n    <author><name>{}</name></author>\n    <category term=\"{}\"/>\n    <summary>{}</summary>\n  </entry>\n",
            escape_html(&d.meta.title),
            escape_html(&url),
            escape_html(&url),
            d.meta.published,
            escape_html(&d.meta.agency),
            escape_html(&d.meta.category.path()),
            escape_html(&format!("{number}{summary}")),
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// One row of catalog.json / catalog.csv: every field, URL and derived status.
#[derive(Debug, Serialize)]
struct CatalogRecord {
    id: String,
    url: String,
    title: String,
    agency: String,
    category: String,
    published: String,
    doc_class: &'static str,
    genre: Option<String>,
    doc_number: Option<String>,
    index_number: Option<String>,
    written: Option<String>,
    status: &'static str,
    status_since: Option<String>,
    effective: Option<String>,
    expires: Option<String>,
    declared_status: Option<&'static str>,
    declared_date: Option<String>,
    basis: Option<String>,
    replaced_by: Vec<String>,
    reason: Option<String>,
    interprets: Option<String>,
    gazette: Option<String>,
    keywords: Vec<String>,
    #[serde(rename = "abstract")]
    abstract_text: Option<String>,
    attachments: Vec<AttachmentRecord>,
}

#[derive(Debug, Serialize)]
struct AttachmentRecord {
    title: String,
    url: String,
    size: u64,
    sha256: String,
}

fn record(s: &Shared<'_>, i: usize) -> CatalogRecord {
    let d = &s.index.docs[i];
    let m = &d.meta;
    let rel = &s.index.relations[i];
    let derived = s.index.validity[i];
    let url_of = |j: usize| s.urls.absolute(&s.index.docs[j].url);
    CatalogRecord {
        id: d.id.clone(),
        url: s.urls.absolute(&d.url),
        title: m.title.clone(),
        agency: m.agency.clone(),
        category: m.category.path(),
        published: match &m.published_time {
            Some(t) => format!("{} {t}", m.published),
            None => m.published.to_string(),
        },
        doc_class: m.doc_class.name(),
        genre: m.genre.clone(),
        doc_number: m.doc_number.clone(),
        index_number: m.index_number.clone(),
        written: m.written.map(|d| d.to_string()),
        status: derived.status.name(),
        status_since: derived.since.map(|d| d.to_string()),
        effective: m.validity.effective.map(|d| d.to_string()),
        expires: m.validity.expires.map(|d| d.to_string()),
        declared_status: m
            .validity
            .status
            .map(|st| crate::model::DeclaredStatus::NAMES[st as usize]),
        declared_date: m.validity.date.map(|d| d.to_string()),
        basis: rel.basis.map(url_of),
        replaced_by: rel.replaced_by.iter().map(|&j| url_of(j)).collect(),
        reason: m.validity.reason.clone(),
        interprets: rel.interprets.map(url_of),
        gazette: m
            .gazette
            .as_ref()
            .map(|g| format!("{}-{}", g.year, g.issue)),
        keywords: m.keywords.clone(),
        abstract_text: m.abstract_text.clone(),
        attachments: d
            .attachments
            .iter()
            .map(|a| AttachmentRecord {
                title: a.title.clone(),
                url: s.urls.absolute(&format!("{}{}", d.url, a.file)),
                size: a.size,
                sha256: a.sha256.clone(),
            })
            .collect(),
    }
}

const CSV_HEADER: [&str; 22] = [
    "id",
    "网址",
    "标题",
    "发布机构",
    "主题分类",
    "发布日期",
    "文件类别",
    "文种",
    "发文字号",
    "索引号",
    "成文日期",
    "有效性",
    "状态日期",
    "施行日期",
    "有效期至",
    "依据",
    "替代文件",
    "理由",
    "解读对象",
    "刊登公报",
    "主题词",
    "附件（名称|网址|字节|SHA-256）",
];

/// UTF-8 with a BOM so that Excel (what offices open CSV with) reads Chinese correctly.
fn catalog_csv(records: &[CatalogRecord]) -> String {
    let mut out = String::from("\u{feff}");
    push_csv_row(&mut out, CSV_HEADER.iter().map(|s| s.to_string()));
    for r in records {
        let attachments = r
            .attachments
            .iter()
            .map(|a| format!("{}|{}|{}|{}", a.title, a.url, a.size, a.sha256))
            .collect::<Vec<_>>()
            .join("；");
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        push_csv_row(
            &mut out,
            [
                r.id.clone(),
                r.url.clone(),
                r.title.clone(),
                r.agency.clone(),
                r.category.clone(),
                r.published.clone(),
                r.doc_class.to_string(),
                opt(&r.genre),
                opt(&r.doc_number),
                opt(&r.index_number),
                opt(&r.written),
                r.status.to_string(),
                opt(&r.status_since),
                opt(&r.effective),
                opt(&r.expires),
                opt(&r.basis),
                r.replaced_by.join(" "),
                opt(&r.reason),
                opt(&r.interprets),
                opt(&r.gazette),
                r.keywords.join("；"),
                attachments,
            ]
            .into_iter(),
        );
    }
    out
}

/// Appends one CSV row (RFC 4180 quoting; cells that a spreadsheet would run
/// as a formula are prefixed with `'`).
pub(crate) fn push_csv_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let mut first = true;
    for cell in cells {
        if !first {
            out.push(',');
        }
        first = false;
        let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{cell}")
        } else {
            cell
        };
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        let mut out = String::new();
        push_csv_row(
            &mut out,
            [
                "a,b".to_string(),
                "say \"hi\"".to_string(),
                "=1+1".to_string(),
                "普通".to_string(),
            ]
            .into_iter(),
        );
        assert_eq!(out, "\"a,b\",\"say \"\"hi\"\"\",'=1+1,普通\r\n");
    }
}
