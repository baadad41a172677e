//! Stage `search`: the site index → the files of the client-side search
//! (`search/…`), read by the prebuilt `assets/search.js`. No IO.
//!
//! Layout (see `docs/search.md`):
//! - `search/index.json`: document count, shard count, facet values with
//!   counts, the day table (documents are numbered oldest first, so a date
//!   range is a range of numbers);
//! - `search/fold.json`: traditional → simplified characters;
//! - `search/s/<hex>.bin`: posting sets of the terms hashed to that shard;
//! - `search/f/<facet>/<n>.bin`: the documents with one facet value;
//! - `search/d/<n/1000>/<n>.json`: one document's fields and text, fetched
//!   for the results on screen (snippet, phrase check).
//!
//! Every file depends only on the documents it covers, so after an edit
//! only the shards of the terms that edit touches change (watch mode can
//! write just those): see `search_files`.

mod build;
mod postings;
pub mod query;
mod state;
mod terms;
pub mod tokenize;

pub use postings::{decode_set, fnv1a, read_records, shard_of, Field};
pub use state::{SearchDelta, SearchState};

use crate::config::url_map::{self, Urls};
use crate::config::SiteConfig;
use crate::index::SiteIndex;
use crate::model::Document;
use postings::encode_facet;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Characters of body text kept per document for snippets and phrase checks.
pub const TEXT_CAP: usize = 20_000;
/// Documents per shard, aimed at: the shard count is the power of two
/// nearest `docs / DOCS_PER_SHARD` (at least 16), so it only changes when
/// the site doubles or halves.
pub const DOCS_PER_SHARD: usize = 2;

/// The shard count for a site of `docs` documents.
pub fn shard_count(docs: usize) -> u32 {
    let want = (docs / DOCS_PER_SHARD).max(16);
    let up = want.next_power_of_two();
    let down = up / 2;
    let n = if down >= 16 && want - down < up - want {
        down
    } else {
        up
    };
    n.min(1 << 16) as u32
}

/// The order documents are numbered in: oldest first, so new documents
/// are appended and keep everyone else's number.
pub fn numbering(index: &SiteIndex) -> Vec<usize> {
    let mut order: Vec<usize> = (0..index.docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&index.docs[a], &index.docs[b]);
        (x.meta.published, &x.meta.published_time, &x.url).cmp(&(
            y.meta.published,
            &y.meta.published_time,
            &y.url,
        ))
    });
    order
}

/// Everything that is searched in a document, in one string.
pub fn searchable_text(doc: &Document) -> std::io::Result<String> {
    let m = &doc.meta;
    let mut s = m.title.clone();
    for part in [m.doc_number.as_deref(), m.abstract_text.as_deref()]
        .into_iter()
        .flatten()
    {
        s.push('\n');
        s.push_str(part);
    }
    s.push('\n');
    s.push_str(&doc.body.text()?);
    Ok(s)
}

/// The summary and body text, cut at `TEXT_CAP` characters: what snippets
/// and phrase checks read (borrowed when there is no summary).
fn body_text<'a>(summary: Option<&str>, body: &'a str) -> Cow<'a, str> {
    let cut = |text: &str, chars: usize| -> usize {
        if text.len() <= chars {
            return text.len(); // no more characters than bytes
        }
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i)
    };
    let Some(summary) = summary else {
        return Cow::Borrowed(&body[..cut(body, TEXT_CAP)]);
    };
    let mut text = String::with_capacity(summary.len() + 1 + body.len());
    text.push_str(&summary[..cut(summary, TEXT_CAP)]);
    let used = text.chars().count();
    if used < TEXT_CAP {
        text.push('\n');
        text.push_str(&body[..cut(body, TEXT_CAP - used - 1)]);
    }
    Cow::Owned(text)
}

/// One document as the client sees it (`search/d/…json`).
#[derive(Serialize)]
struct Fragment<'a> {
    u: String,
    t: &'a str,
    n: &'a str,
    a: &'a str,
    d: String,
    c: &'static str,
    k: String,
    s: &'static str,
    g: bool,
    x: Cow<'a, str>,
}

/// `search/index.json`.
#[derive(Serialize)]
struct Root {
    v: u32,
    docs: usize,
    shards: u32,
    facets: BTreeMap<&'static str, Vec<(String, usize)>>,
    status_names: BTreeMap<&'static str, &'static str>,
    days: Vec<i64>,
}

/// Whether an output path is one of the search index's files (not the
/// search page, `search/index.html`).
pub fn is_search_file(path: &str) -> bool {
    path.starts_with(url_map::SEARCH) && !path.ends_with(".html")
}

/// Path of document `n`'s fragment.
pub fn fragment_path(n: u32) -> String {
    format!("{}{}/{n}.json", url_map::SEARCH_FRAGMENTS, n / 1000)
}

/// Path of shard `s` of `shards`.
pub fn shard_path(s: u32, shards: u32) -> String {
    let width = (shards.trailing_zeros() as usize).div_ceil(4).max(1);
    format!("{}{s:0width$x}.bin", url_map::SEARCH_SHARDS)
}

/// Days since 1970-01-01.
fn day_number(d: jiff::civil::Date) -> i64 {
    let (y, m, day) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The fragment of document `index.docs[i]`.
fn fragment(index: &SiteIndex, i: usize, urls: &Urls) -> anyhow::Result<Vec<u8>> {
    let d = &index.docs[i];
    let m = &d.meta;
    let text = d.body.text()?;
    let fragment = Fragment {
        u: urls.path(&d.url),
        t: &m.title,
        n: m.doc_number.as_deref().unwrap_or(""),
        a: &m.agency,
        d: m.published.to_string(),
        c: m.doc_class.name(),
        k: m.category.path(),
        s: index.validity[i].status.key(),
        g: m.gazette.is_some(),
        x: body_text(m.abstract_text.as_deref(), &text),
    };
    let mut out = Vec::with_capacity(fragment.x.len() + fragment.t.len() + 256);
    serde_json::to_writer(&mut out, &fragment)?;
    Ok(out)
}

/// The facet files and `search/index.json`: (path, bytes), sorted by path.
fn facet_files(
    index: &SiteIndex,
    order: &[usize],
    shards: u32,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut facets: BTreeMap<&'static str, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    let mut days = Vec::new();
    let (mut last_day, mut last_id) = (0i64, 0i64);
    for (n, &i) in order.iter().enumerate() {
        let m = &index.docs[i].meta;
        let status = index.validity[i].status;
        let n = n as u32;
        let mut add = |dim: &'static str, value: String| {
            facets
                .entry(dim)
                .or_default()
                .entry(value)
                .or_default()
                .push(n)
        };
        add("agency", m.agency.clone());
        add("category", m.category.level1.clone());
        if m.category.level2.is_some() {
            add("category", m.category.path());
        }
        add("class", m.doc_class.name().to_string());
        add("status", status.key().to_string());
        if m.gazette.is_some() {
            add("gazette", "1".to_string());
        }
        let day = day_number(m.published);
        if days.is_empty() || day != last_day {
            days.extend([day - last_day, i64::from(n) - last_id]);
            (last_day, last_id) = (day, i64::from(n));
        }
    }
    let mut facet_values = BTreeMap::new();
    for (dim, values) in &facets {
        let mut list = Vec::new();
        for (k, (value, ids)) in values.iter().enumerate() {
            files.push((
                format!("{}{dim}/{k}.bin", url_map::SEARCH_FACETS),
                encode_facet(ids),
            ));
            list.push((value.clone(), ids.len()));
        }
        facet_values.insert(*dim, list);
    }
    let root = Root {
        v: 1,
        docs: order.len(),
        shards,
        facets: facet_values,
        status_names: crate::index::validity::Status::ALL
            .iter()
            .map(|s| (s.key(), s.name()))
            .collect(),
        days,
    };
    files.push((url_map::SEARCH_INDEX.into(), serde_json::to_vec(&root)?));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// `search/fold.json`: the traditional → simplified table for the client.
fn fold_file() -> anyhow::Result<Vec<u8>> {
    let (trad, simp) = tokenize::fold_pairs();
    Ok(serde_json::to_vec(
        &serde_json::json!({ "t": trad, "s": simp }),
    )?)
}

/// Receives search files: (output path, bytes), each once, from the
/// threads that make them and so in no particular order (writing them is a
/// large part of the stage: it is spread over the cores, not left to one).
pub type Sink<'a> = dyn Fn(String, Vec<u8>) -> anyhow::Result<()> + Sync + 'a;

/// Every search file: output path → bytes. Holds them all; a caller that
/// writes files as they come should use [`write_search_files`].
pub fn search_files(
    index: &SiteIndex,
    config: &SiteConfig,
    urls: &Urls,
) -> anyhow::Result<BTreeMap<String, Vec<u8>>> {
    let files = std::sync::Mutex::new(BTreeMap::new());
    write_search_files(index, config, urls, &|path, bytes| {
        crate::util::locks::lock(&files).insert(path, bytes);
        Ok(())
    })?;
    Ok(crate::util::locks::into_inner(files))
}

/// Every search file, handed to `sink` as soon as it is made (shards,
/// then facets, `index.json` and `fold.json`, then fragments), so the
/// caller need not hold them all. Same files, same bytes as
/// [`search_files`].
pub fn write_search_files(
    index: &SiteIndex,
    _config: &SiteConfig,
    urls: &Urls,
    sink: &Sink<'_>,
) -> anyhow::Result<()> {
    let order = numbering(index);
    let shards = shard_count(order.len());
    // Every shard exists (possibly empty), so no query ever meets a 404.
    build::shard_files(index, &order, shards, &|s, bytes| {
        sink(shard_path(s, shards), bytes)
    })?;
    for (path, bytes) in facet_files(index, &order, shards)? {
        sink(path, bytes)?;
    }
    sink(url_map::SEARCH_FOLD.into(), fold_file()?)?;
    write_fragments(index, urls, &order, sink)
}

/// The fragments of every document, each handed to `sink` as it is made.
fn write_fragments(
    index: &SiteIndex,
    urls: &Urls,
    order: &[usize],
    sink: &Sink<'_>,
) -> anyhow::Result<()> {
    order
        .par_iter()
        .enumerate()
        .try_for_each(|(n, &i)| sink(fragment_path(n as u32), fragment(index, i, urls)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_match_the_calendar() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap_or_default();
        assert_eq!(day_number(d("1970-01-01")), 0);
        assert_eq!(day_number(d("2000-03-01")), 11_017);
        assert_eq!(day_number(d("2024-02-29")), 19_782);
    }

    #[test]
    fn shard_counts_are_powers_of_two_that_move_rarely() {
        assert_eq!(shard_count(0), 16);
        assert_eq!(shard_count(31), 16);
        for n in [1000, 10_000, 100_000] {
            assert!(shard_count(n).is_power_of_two());
        }
        assert_eq!(shard_count(10_000), shard_count(10_500));
    }
}
