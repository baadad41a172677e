//! Incremental search files for watch mode: [`SearchState`] remembers what
//! every search file was made from, so that after an edit only the shards
//! whose terms the edit touched, the edited documents' fragments and the
//! facet sets that changed are made again, and only the packs that hold
//! them are written.
//!
//! Records (documents and annual reports) are numbered oldest first; an
//! edit that keeps every record's (date, time, URL) keeps the numbering,
//! and then a record's number, its fragment path and every other record's
//! postings stay put. When the numbering moves (a document or report
//! added, deleted or re-dated), `update` falls back to the full build.

use super::pack::{self, FRAGMENTS, SHARDS};
use super::postings::{fnv1a, put_record, read_records, Field};
use super::terms::{field_of, term_of, term_text, Tokenizer};
use super::{facet_files, fold_file, fragment_pack, records, shard_count, Record, Sink};
use crate::config::url_map::Urls;
use crate::config::SiteConfig;
use crate::index::validity::Status;
use crate::index::SiteIndex;
use crate::model::{Category, DocClass};
use crate::util::locks::{into_inner, lock};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// What one record's search files are made from (compared field by
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
    class: DocClass,
    category: Option<Category>,
    status: Status,
    gazette: bool,
}

impl Inputs {
    fn of(r: &Record<'_>) -> std::io::Result<Inputs> {
        Ok(Inputs {
            url: r.url.to_string(),
            published: r.published,
            published_time: r.published_time.map(str::to_string),
            title: r.title.to_string(),
            number: r.number.map(str::to_string),
            abstract_text: r.summary.map(str::to_string),
            text: r.body.shared_text()?,
            agency: r.agency.to_string(),
            class: r.class,
            category: r.category.cloned(),
            status: r.status,
            gazette: r.gazette,
        })
    }

    /// Whether record `r` still has these inputs.
    fn same(&self, r: &Record<'_>) -> bool {
        self.same_place(r)
            && self.title == r.title
            && self.number.as_deref() == r.number
            && self.abstract_text.as_deref() == r.summary
            && self.same_facets(r)
            // a body that cannot be read counts as changed (reading it
            // again reports the error)
            && r.body.shared_text().is_ok_and(|text| {
                std::sync::Arc::ptr_eq(&self.text, &text) || self.text == text
            })
    }

    /// Same facet values: agency, category, class, status, gazette.
    fn same_facets(&self, r: &Record<'_>) -> bool {
        self.agency == r.agency
            && self.class == r.class
            && self.category.as_ref() == r.category
            && self.status == r.status
            && self.gazette == r.gazette
    }

    /// Same numbering position: (date, time, URL).
    fn same_place(&self, r: &Record<'_>) -> bool {
        self.published == r.published
            && self.published_time.as_deref() == r.published_time
            && self.url == r.url
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

/// The distinct (term, field) pairs of a record as it is now.
fn record_terms(tk: &mut Tokenizer, r: &Record<'_>) -> std::io::Result<BTreeSet<(String, Field)>> {
    let text = r.body.text()?;
    Ok(terms(tk, r.title, r.number, r.summary, &text))
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
    /// Shards as stored in their packs, by shard number.
    shard_items: Vec<Vec<u8>>,
    /// The facet pack and `search/index.json`.
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
        let records = records(index);
        let shards = shard_count(records.len());
        let made = Mutex::new(vec![Vec::new(); shards as usize]);
        super::build::shard_files(&records, shards, &|s, bytes| {
            lock(&made)[s as usize] = SHARDS.store(&bytes);
            Ok(())
        })?;
        let shard_items = into_inner(made);
        let paths = Mutex::new(BTreeSet::new());
        let emit = |path: String, bytes: Vec<u8>| -> anyhow::Result<()> {
            lock(&paths).insert(path.clone());
            sink(path, bytes)
        };
        for p in 0..SHARDS.packs(shards) {
            emit(SHARDS.path(p), shard_pack(&shard_items, p))?;
        }
        let facets: BTreeMap<String, Vec<u8>> =
            facet_files(&records, shards)?.into_iter().collect();
        for (path, bytes) in &facets {
            emit(path.clone(), bytes.clone())?;
        }
        emit(crate::config::url_map::SEARCH_FOLD.into(), fold_file()?)?;
        super::write_fragments(&records, urls, &emit)?;
        let inputs = records
            .iter()
            .map(Inputs::of)
            .collect::<std::io::Result<_>>()?;
        Ok(SearchState {
            shards,
            inputs,
            shard_items,
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
        let records = records(index);
        let same_numbering = records.len() == self.inputs.len()
            && records
                .iter()
                .zip(&self.inputs)
                .all(|(r, old)| old.same_place(r));
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
        let changed: Vec<u32> = records
            .par_iter()
            .enumerate()
            .filter(|(n, r)| !self.inputs[*n].same(r))
            .map(|(n, _)| n as u32)
            .collect();
        let mut delta = SearchDelta::default();
        if changed.is_empty() {
            return Ok(delta);
        }
        // Postings: per touched shard, (term, field) → (added, removed) ids.
        type Edits = BTreeMap<(String, u8), (Vec<u32>, Vec<u32>)>;
        let mut by_shard: BTreeMap<u32, Edits> = BTreeMap::new();
        let mut tk = Tokenizer::default();
        for &n in &changed {
            let old = self.inputs[n as usize].terms(&mut tk);
            let new = record_terms(&mut tk, &records[n as usize])?;
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
        let mut shard_packs = BTreeSet::new();
        for (shard, edits) in by_shard {
            let stored = &mut self.shard_items[shard as usize];
            let bytes = SHARDS.open(stored);
            let mut records: BTreeMap<(String, u8), Vec<u32>> = bytes
                .as_deref()
                .and_then(read_records)
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
            let mut out = Vec::with_capacity(stored.len() + 16);
            for ((term, field), ids) in &records {
                if !ids.is_empty() {
                    put_record(&mut out, term, Field::from_byte(*field), ids);
                }
            }
            *stored = SHARDS.store(&out);
            shard_packs.insert(SHARDS.place(shard).0);
        }
        for p in shard_packs {
            delta
                .written
                .push((SHARDS.path(p), shard_pack(&self.shard_items, p)));
        }
        // The facet pack and index.json depend on the documents' facet values only
        // (their dates are fixed by the numbering).
        let facets_moved = changed
            .iter()
            .any(|&n| !self.inputs[n as usize].same_facets(&records[n as usize]));
        let mut fragment_packs = BTreeSet::new();
        for &n in &changed {
            fragment_packs.insert(FRAGMENTS.place(n).0);
            self.inputs[n as usize] = Inputs::of(&records[n as usize])?;
        }
        for p in fragment_packs {
            let r = FRAGMENTS.range(p, records.len() as u32);
            let chunk = &records[r.start as usize..r.end as usize];
            delta
                .written
                .push((FRAGMENTS.path(p), fragment_pack(chunk, urls)?));
        }
        if !facets_moved {
            return Ok(delta);
        }
        let facets: BTreeMap<String, Vec<u8>> =
            facet_files(&records, self.shards)?.into_iter().collect();
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

/// Pack `p` of the shards (as stored).
fn shard_pack(items: &[Vec<u8>], p: u32) -> Vec<u8> {
    let r = SHARDS.range(p, items.len() as u32);
    pack::pack(&items[r.start as usize..r.end as usize])
}
