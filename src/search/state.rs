//! Incremental search files for watch mode: [`SearchState`] remembers what
//! every search file was made from, so that after an edit only the shards
//! whose terms the edit touched, the edited documents' fragments and the
//! facet files that changed are made again.
//!
//! Documents are numbered oldest first; an edit that keeps every document's
//! (date, time, URL) keeps the numbering, and then a document's number, its
//! fragment path and every other document's postings stay put. When the
//! numbering moves (a document added, deleted or re-dated), `update` falls
//! back to the full build.

use super::postings::{fnv1a, put_record, read_records, Field};
use super::terms::{field_of, term_of, term_text, Tokenizer};
use super::{
    facet_files, fold_file, fragment, fragment_path, numbering, shard_count, shard_path, Sink,
};
use crate::config::url_map::Urls;
use crate::config::SiteConfig;
use crate::index::SiteIndex;
use crate::model::Document;
use crate::util::locks::{into_inner, lock};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// What one document's search files are made from (compared field by
/// field; cloned only when it changed).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Inputs {
    url: String,
    published: jiff::civil::Date,
    published_time: Option<String>,
    title: String,
    number: Option<String>,
    abstract_text: Option<String>,
    text: std::sync::Arc<str>,
    agency: String,
    class: &'static str,
    category: crate::model::Category,
    status: &'static str,
    gazette: bool,
}

impl Inputs {
    fn of(index: &SiteIndex, i: usize) -> std::io::Result<Inputs> {
        let d = &index.docs[i];
        let m = &d.meta;
        Ok(Inputs {
            url: d.url.clone(),
            published: m.published,
            published_time: m.published_time.clone(),
            title: m.title.clone(),
            number: m.doc_number.clone(),
            abstract_text: m.abstract_text.clone(),
            text: d.body.shared_text()?,
            agency: m.agency.clone(),
            class: m.doc_class.name(),
            category: m.category.clone(),
            status: index.validity[i].status.key(),
            gazette: m.gazette.is_some(),
        })
    }

    /// Whether document `i` of `index` still has these inputs.
    fn same(&self, index: &SiteIndex, i: usize) -> bool {
        let d = &index.docs[i];
        let m = &d.meta;
        self.url == d.url
            && self.published == m.published
            && self.published_time == m.published_time
            && self.title == m.title
            && self.number == m.doc_number
            && self.abstract_text == m.abstract_text
            && self.agency == m.agency
            && self.class == m.doc_class.name()
            && self.category == m.category
            && self.status == index.validity[i].status.key()
            && self.gazette == m.gazette.is_some()
            // a body that cannot be read counts as changed (reading it
            // again reports the error)
            && d.body.shared_text().is_ok_and(|text| {
                std::sync::Arc::ptr_eq(&self.text, &text) || self.text == text
            })
    }

    /// Same facet values: agency, category, class, status, gazette.
    fn same_facets(&self, index: &SiteIndex, i: usize) -> bool {
        let m = &index.docs[i].meta;
        self.agency == m.agency
            && self.class == m.doc_class.name()
            && self.category == m.category
            && self.status == index.validity[i].status.key()
            && self.gazette == m.gazette.is_some()
    }

    /// Same numbering position: (date, time, URL).
    fn same_place(&self, d: &Document) -> bool {
        self.published == d.meta.published
            && self.published_time == d.meta.published_time
            && self.url == d.url
    }

    /// The distinct (term, field) pairs these inputs are indexed under.
    fn terms(&self, tk: &mut Tokenizer) -> BTreeSet<(String, Field)> {
        terms(
            tk,
            &self.title,
            self.number.as_deref(),
            self.abstract_text.as_deref(),
            &self.text,
        )
    }
}

/// The distinct (term, field) pairs of a document as it is now.
fn doc_terms(tk: &mut Tokenizer, doc: &Document) -> std::io::Result<BTreeSet<(String, Field)>> {
    let m = &doc.meta;
    let (number, summary) = (m.doc_number.as_deref(), m.abstract_text.as_deref());
    let text = doc.body.text()?;
    Ok(terms(tk, &m.title, number, summary, &text))
}

/// The distinct (term, field) pairs of a document's searchable fields.
fn terms(
    tk: &mut Tokenizer,
    title: &str,
    number: Option<&str>,
    summary: Option<&str>,
    text: &str,
) -> BTreeSet<(String, Field)> {
    let number = number.unwrap_or("");
    let keys = match summary {
        Some(a) => tk.doc_keys(title, number, &[a, text]),
        None => tk.doc_keys(title, number, &[text]),
    };
    let mut buf = String::new();
    keys.iter()
        .map(|&k| {
            let text = term_text(term_of(k), &tk.words, &mut buf).to_string();
            (text, field_of(k))
        })
        .collect()
}

/// What [`SearchState::update`] changed.
#[derive(Debug, Default)]
pub struct SearchDelta {
    /// Files to write: (output path, bytes). Possibly equal to what is on
    /// disk already (a shard whose records came out the same).
    pub written: Vec<(String, Vec<u8>)>,
    /// Files to delete (output paths).
    pub removed: Vec<String>,
    /// Whether the numbering moved and everything was made again.
    pub full: bool,
}

/// The search files of a site as last built, and what they were made from.
pub struct SearchState {
    shards: u32,
    /// By document number.
    inputs: Vec<Inputs>,
    /// Encoded shard files, by shard number.
    shard_files: Vec<Vec<u8>>,
    /// Facet files and `search/index.json`.
    facets: BTreeMap<String, Vec<u8>>,
    /// Every output path, for deleting what a full rebuild no longer makes.
    paths: BTreeSet<String>,
}

impl SearchState {
    /// Builds every search file, handing each to `sink` (same files and
    /// bytes as [`super::write_search_files`]), and remembers what they
    /// were made from.
    pub fn build(
        index: &SiteIndex,
        _config: &SiteConfig,
        urls: &Urls,
        sink: &Sink<'_>,
    ) -> anyhow::Result<SearchState> {
        let order = numbering(index);
        let shards = shard_count(order.len());
        let made = Mutex::new(vec![Vec::new(); shards as usize]);
        super::build::shard_files(index, &order, shards, &|s, bytes| {
            lock(&made)[s as usize] = bytes;
            Ok(())
        })?;
        let shard_files = into_inner(made);
        let paths = Mutex::new(BTreeSet::new());
        let emit = |path: String, bytes: Vec<u8>| -> anyhow::Result<()> {
            lock(&paths).insert(path.clone());
            sink(path, bytes)
        };
        for (s, bytes) in shard_files.iter().enumerate() {
            emit(shard_path(s as u32, shards), bytes.clone())?;
        }
        let facets: BTreeMap<String, Vec<u8>> =
            facet_files(index, &order, shards)?.into_iter().collect();
        for (path, bytes) in &facets {
            emit(path.clone(), bytes.clone())?;
        }
        emit(crate::config::url_map::SEARCH_FOLD.into(), fold_file()?)?;
        super::write_fragments(index, urls, &order, &emit)?;
        let inputs = order
            .iter()
            .map(|&i| Inputs::of(index, i))
            .collect::<std::io::Result<_>>()?;
        Ok(SearchState {
            shards,
            inputs,
            shard_files,
            facets,
            paths: into_inner(paths),
        })
    }

    /// Every search file path as of the last `build` or `update` (the
    /// files a caller that keeps unchanged files must keep).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(String::as_str)
    }

    /// Brings the search files up to date with `index` (the same site after
    /// an edit; the same `config` and `urls` as at `build` — after a
    /// site.yaml change call `build` again). Returns the files to write and
    /// to delete.
    pub fn update(
        &mut self,
        index: &SiteIndex,
        config: &SiteConfig,
        urls: &Urls,
    ) -> anyhow::Result<SearchDelta> {
        let order = numbering(index);
        let same_numbering = order.len() == self.inputs.len()
            && order
                .iter()
                .zip(&self.inputs)
                .all(|(&i, old)| old.same_place(&index.docs[i]));
        if !same_numbering {
            let written = Mutex::new(Vec::new());
            let fresh = SearchState::build(index, config, urls, &|path, bytes| {
                lock(&written).push((path, bytes));
                Ok(())
            })?;
            let mut written = into_inner(written);
            written.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let removed = self.paths.difference(&fresh.paths).cloned().collect();
            *self = fresh;
            return Ok(SearchDelta {
                written,
                removed,
                full: true,
            });
        }
        let changed: Vec<(u32, usize)> = order
            .par_iter()
            .enumerate()
            .filter(|(n, &i)| !self.inputs[*n].same(index, i))
            .map(|(n, &i)| (n as u32, i))
            .collect();
        let mut delta = SearchDelta::default();
        if changed.is_empty() {
            return Ok(delta);
        }
        // Postings: per touched shard, (term, field) → (added, removed) ids.
        type Edits = BTreeMap<(String, u8), (Vec<u32>, Vec<u32>)>;
        let mut by_shard: BTreeMap<u32, Edits> = BTreeMap::new();
        let mut tk = Tokenizer::default();
        for &(n, i) in &changed {
            let old = self.inputs[n as usize].terms(&mut tk);
            let new = doc_terms(&mut tk, &index.docs[i])?;
            for (term, field) in old.symmetric_difference(&new) {
                let shard = fnv1a(term.as_bytes()) & (self.shards - 1);
                let edit = by_shard
                    .entry(shard)
                    .or_default()
                    .entry((term.clone(), *field as u8))
                    .or_default();
                if new.contains(&(term.clone(), *field)) {
                    edit.0.push(n);
                } else {
                    edit.1.push(n);
                }
            }
        }
        for (shard, edits) in by_shard {
            let bytes = &mut self.shard_files[shard as usize];
            let mut records: BTreeMap<(String, u8), Vec<u32>> = read_records(bytes)
                .ok_or_else(|| anyhow::anyhow!("search shard {shard} does not decode"))?
                .into_iter()
                .map(|(term, field, ids)| ((term, field), ids))
                .collect();
            for (key, (added, removed)) in edits {
                let ids = records.entry(key).or_default();
                ids.retain(|id| !removed.contains(id));
                for id in added {
                    if let Err(at) = ids.binary_search(&id) {
                        ids.insert(at, id);
                    }
                }
            }
            let mut out = Vec::with_capacity(bytes.len() + 16);
            for ((term, field), ids) in &records {
                if !ids.is_empty() {
                    put_record(&mut out, term, Field::from_byte(*field), ids);
                }
            }
            *bytes = out;
            delta
                .written
                .push((shard_path(shard, self.shards), bytes.clone()));
        }
        // Facets and index.json depend on the documents' facet values only
        // (their dates are fixed by the numbering).
        let facets_moved = changed
            .iter()
            .any(|&(n, i)| !self.inputs[n as usize].same_facets(index, i));
        for &(n, i) in &changed {
            delta
                .written
                .push((fragment_path(n), fragment(index, i, urls)?));
            self.inputs[n as usize] = Inputs::of(index, i)?;
        }
        if !facets_moved {
            return Ok(delta);
        }
        let facets: BTreeMap<String, Vec<u8>> = facet_files(index, &order, self.shards)?
            .into_iter()
            .collect();
        for (path, bytes) in &facets {
            if self.facets.get(path) != Some(bytes) {
                delta.written.push((path.clone(), bytes.clone()));
            }
        }
        for path in self.facets.keys() {
            if !facets.contains_key(path) {
                delta.removed.push(path.clone());
                self.paths.remove(path);
            }
        }
        for path in facets.keys() {
            self.paths.insert(path.clone());
        }
        self.facets = facets;
        Ok(delta)
    }
}
