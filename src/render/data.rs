//! Machine-readable outputs: sitemap, robots.txt, Atom feed, catalog JSON and CSV.

use super::feed::{Category, Entry, Feed};
use super::Shared;
use crate::config::url_map;
use crate::output::{Put, Writer};
use crate::util::html::escape_html;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// How many entries the Atom feed carries.
const FEED_ENTRIES: usize = 50;

/// Per-document pieces of the whole-site data files (a document's
/// catalog.json record and catalog.csv row), kept between watch rebuilds
/// under a key of everything the piece shows: a rebuild makes the pieces
/// of the documents that changed and joins the rest, instead of making
/// 10,000 again. The joined file is byte for byte what a build without the
/// cache makes (the same code joins the same pieces).
#[derive(Default)]
pub(crate) struct PieceCache {
    families: HashMap<&'static str, HashMap<u64, Arc<Piece>>>,
    /// Whole families of files, with the key of what they were made from.
    files: HashMap<&'static str, (u64, super::Output)>,
}

/// What one document contributes to a family of data files.
type Piece = Vec<String>;

impl PieceCache {
    /// The pieces of `family` with these keys (one per document), each
    /// taken from the cache or made by `make(i)`. Only these are kept for
    /// the next call.
    pub(crate) fn pieces(
        cache: Option<&mut PieceCache>,
        family: &'static str,
        keys: &[u64],
        make: impl Fn(usize) -> anyhow::Result<Piece> + Sync,
    ) -> anyhow::Result<Vec<Arc<Piece>>> {
        let old = cache.as_ref().and_then(|c| c.families.get(family));
        let pieces: Vec<Arc<Piece>> = keys
            .par_iter()
            .enumerate()
            .map(|(i, key)| match old.and_then(|o| o.get(key)) {
                Some(piece) => Ok(piece.clone()),
                None => make(i).map(Arc::new),
            })
            .collect::<anyhow::Result<_>>()?;
        if let Some(cache) = cache {
            let kept = keys.iter().copied().zip(pieces.iter().cloned()).collect();
            cache.families.insert(family, kept);
        }
        Ok(pieces)
    }
}

/// Adds the files `make` adds to `output`, taken from the cache when
/// they were made from inputs with this key (watch mode).
pub(crate) fn memo_files(
    cache: Option<&mut PieceCache>,
    family: &'static str,
    key: u64,
    output: &mut super::Output,
    make: impl FnOnce(&mut super::Output) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let Some(cache) = cache else {
        return make(output);
    };
    if let Some((_, files)) = cache.files.get(family).filter(|(k, _)| *k == key) {
        output.extend(files.clone());
        return Ok(());
    }
    let mut made = super::Output::new();
    make(&mut made)?;
    output.extend(made.clone());
    cache.files.insert(family, (key, made));
    Ok(())
}

/// Key of what the gazette's data files (gazette.json, its feed) show: the
/// issues with their contents, the documents in them (not their bodies),
/// and (in `structure`) the code and every setting.
pub(super) fn gazette_key(s: &Shared<'_>) -> u64 {
    let mut h = crate::util::hash::KeyHasher::new();
    s.keys.structure.hash(&mut h);
    format!("{:?}", s.index.gazette.issues).hash(&mut h);
    for issue in &s.index.gazette.issues {
        for e in issue.entries() {
            s.index.docs[e.doc].head_stamp.hash(&mut h);
        }
    }
    h.finish()
}

/// A value as `serde_json::to_vec_pretty` prints it as an element of an
/// array: one level deeper, so every line indented by two spaces (JSON
/// strings hold no raw line breaks).
pub(super) fn json_element(value: &impl Serialize) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(format!("  {}", text.replace('\n', "\n  ")))
}

/// The array `serde_json::to_vec_pretty` makes of values printed by
/// [`json_element`].
pub(super) fn json_array<'a>(elements: impl ExactSizeIterator<Item = &'a str>) -> Vec<u8> {
    if elements.len() == 0 {
        return b"[]".to_vec();
    }
    let mut out = b"[\n".to_vec();
    for (n, element) in elements.enumerate() {
        if n > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(element.as_bytes());
    }
    out.extend_from_slice(b"\n]");
    out
}

/// A CSV file of `rows` (each made by [`push_csv_row`]) under `header`:
/// UTF-8 with a BOM so that Excel (what offices open CSV with) reads
/// Chinese correctly.
pub(super) fn csv_file<'a>(header: &[&str], rows: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    push_csv_row(&mut out, header.iter().map(|h| h.to_string()));
    rows.for_each(|row| out.push_str(row));
    out.into_bytes()
}

/// robots.txt, the Atom feed and the catalog as JSON and CSV. The catalog
/// files carry a fingerprint of what they show and are kept as they are
/// when it is unchanged (a save that changed a body, not metadata); else
/// the records of documents that did not change are reused in watch mode.
pub(super) fn add_exports(
    s: &Shared<'_>,
    cache: Option<&mut PieceCache>,
    writer: &Writer<'_>,
) -> anyhow::Result<Vec<Put>> {
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        s.urls.absolute(url_map::SITEMAP)
    );
    let mut puts = vec![
        writer.put(url_map::ROBOTS, robots.as_bytes(), 0)?,
        writer.put(url_map::FEED, atom_feed(s)?.as_bytes(), 0)?,
    ];
    // A record shows its document but not its body (the head stamp), its
    // validity, the addresses of the documents it links to and the site's
    // address.
    let base = s.urls.absolute("");
    let keys: Vec<u64> = (0..s.index.docs.len())
        .map(|i| {
            let mut h = crate::util::hash::KeyHasher::new();
            let derived = s.index.validity[i];
            (&base, s.index.docs[i].head_stamp).hash(&mut h);
            (derived.status, derived.since).hash(&mut h);
            let r = &s.index.relations[i];
            // Which link goes in which column, then the addresses.
            (
                r.basis.is_some(),
                r.replaced_by.len(),
                r.interprets.is_some(),
            )
                .hash(&mut h);
            for j in r.basis.iter().chain(&r.replaced_by).chain(&r.interprets) {
                s.index.docs[*j].url.hash(&mut h);
            }
            h.finish()
        })
        .collect();
    // Both files together: the code and every setting (`structure`) and
    // the records.
    let mut h = crate::util::hash::KeyHasher::new();
    (s.keys.structure, &keys).hash(&mut h);
    let key = h.finish() | 1;
    let kept = [url_map::CATALOG_JSON, url_map::CATALOG_CSV].map(|rel| writer.reusable(rel, key));
    if let [Some(json), Some(csv)] = kept {
        puts.extend([json, csv]);
        return Ok(puts);
    }
    let pieces = PieceCache::pieces(cache, "catalog", &keys, |i| {
        let r = record(s, i);
        let mut row = String::new();
        push_record_row(&mut row, &r);
        Ok(vec![json_element(&r)?, row])
    })?;
    // Each export is handed on before the next is made: at 100,000
    // documents the JSON and the CSV are ~100 MB each.
    let json = json_array(pieces.iter().map(|p| p[0].as_str()));
    puts.push(writer.put(url_map::CATALOG_JSON, &json, key)?);
    drop(json);
    let csv = csv_file(&CSV_HEADER, pieces.iter().map(|p| p[1].as_str()));
    puts.push(writer.put(url_map::CATALOG_CSV, &csv, key)?);
    Ok(puts)
}

/// Hands `sitemap.xml` (see [`sitemap`]) to the writer, made only when the
/// output folder's one was not made from the same pages, dates and
/// settings: at 10,000 documents it lists 12,000 pages, and a save seldom
/// changes any of them.
pub(super) fn put_sitemap(
    s: &Shared<'_>,
    paths: Vec<&str>,
    writer: &Writer<'_>,
) -> anyhow::Result<Put> {
    let mut pages: Vec<&str> = paths
        .into_iter()
        .filter(|p| p.ends_with(url_map::INDEX_FILE))
        .collect();
    pages.sort_unstable();
    // Everything the file is made from: the pages, the documents' dates,
    // the gazette's dates, the redirects, and (in `structure`) the code
    // and every setting, the site's address among them.
    let mut h = crate::util::hash::KeyHasher::new();
    (s.keys.structure, &pages).hash(&mut h);
    for d in &s.index.docs {
        (&d.url, d.meta.published).hash(&mut h);
    }
    super::gazette::lastmods(s).hash(&mut h);
    s.index.redirects.len().hash(&mut h);
    s.index.redirects.keys().for_each(|k| k.hash(&mut h));
    let key = h.finish() | 1;
    if let Some(put) = writer.reusable(url_map::SITEMAP, key) {
        return Ok(put);
    }
    writer.put(url_map::SITEMAP, sitemap(s, pages).as_bytes(), key)
}

/// `sitemap.xml`: of `paths` (every HTML page of the site but the search
/// index's, sorted), every one except redirects and the 404 page, with the
/// newest date of what it shows as `lastmod` where there is one.
fn sitemap(s: &Shared<'_>, paths: Vec<&str>) -> String {
    let mut lastmod_by_url = std::collections::BTreeMap::new();
    for d in &s.index.docs {
        lastmod_by_url.insert(url_map::page_file(&d.url), d.meta.published.to_string());
    }
    lastmod_by_url.extend(super::gazette::lastmods(s));
    let newest = s.index.docs.first().map(|d| d.meta.published.to_string());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for &path in paths.iter().filter(|p| p.ends_with(url_map::INDEX_FILE)) {
        if s.index.redirects.contains_key(path) {
            continue;
        }
        let rel = path.trim_end_matches(url_map::INDEX_FILE);
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

fn atom_feed(s: &Shared<'_>) -> std::io::Result<String> {
    let entries = s
        .index
        .docs
        .iter()
        .take(FEED_ENTRIES)
        .map(|d| {
            let url = s.urls.absolute(&d.url);
            let summary = match &d.meta.abstract_text {
                Some(summary) => summary.clone(),
                None => super::docpage::snippet(&d.body.text()?, 200),
            };
            let number = d
                .meta
                .doc_number
                .as_deref()
                .map(|n| format!("{n} "))
                .unwrap_or_default();
            Ok(Entry {
                title: d.meta.title.clone(),
                id: url.clone(),
                link: url,
                updated: d.meta.published,
                author: Some(&d.meta.agency),
                category: Some(Category {
                    term: d.meta.category.path(),
                    label: None,
                }),
                summary: format!("{number}{summary}"),
            })
        })
        .collect::<std::io::Result<_>>()?;
    Ok(Feed {
        lang: s.site.lang,
        title: s.config.title.clone(),
        id: s.config.base_url.clone(),
        alternate: s.config.base_url.clone(),
        self_url: s.urls.absolute(url_map::FEED),
        updated: s.index.docs.first().map(|d| d.meta.published),
        author: None,
        entries,
    }
    .to_xml())
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

/// One catalog.csv row.
fn push_record_row(out: &mut String, r: &CatalogRecord) {
    let attachments = r
        .attachments
        .iter()
        .map(|a| format!("{}|{}|{}|{}", a.title, a.url, a.size, a.sha256))
        .collect::<Vec<_>>()
        .join("；");
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    push_csv_row(
        out,
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
    fn joined_json_is_what_serde_json_makes() {
        let values = [
            serde_json::json!({"a": 1, "b": [1, 2], "c": [], "d": {}, "e": "x\ny"}),
            serde_json::json!({"f": {"g": null}, "h": "“引号”\"", "i": [{"j": 2}]}),
        ];
        for n in 0..=values.len() {
            let pieces: Vec<String> = values[..n]
                .iter()
                .map(|v| json_element(v).expect("json"))
                .collect();
            let joined = json_array(pieces.iter().map(String::as_str));
            let whole = serde_json::to_vec_pretty(&values[..n]).expect("json");
            assert_eq!(String::from_utf8(joined), String::from_utf8(whole));
        }
    }

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
