//! Postings and shard files, built from packed term keys (`terms.rs`).
//!
//! The documents are cut into blocks of consecutive numbers; each block is
//! tokenised and turned into postings on its own (rayon, no locks: every
//! set grows in ascending order), then the blocks are appended in order to
//! the site's postings — appending a later block is a concatenation. At the
//! end every (term, field) goes to its shard; the shards are sorted by term
//! text and encoded in parallel.

use super::postings::{put_record_raw, Posting};
use super::terms::{
    field_of, remap, shard_of_key, term_of, term_text, FastMap, Tokenizer, WordTable,
};
use crate::index::SiteIndex;
use crate::model::Document;
use rayon::prelude::*;

/// Documents per block.
const BLOCK: usize = 1024;

/// Calls `emit` with every token key of `doc` (repeats included).
pub(super) fn doc_tokens(tk: &mut Tokenizer, doc: &Document, emit: &mut impl FnMut(u64)) {
    let m = &doc.meta;
    let number = m.doc_number.as_deref().unwrap_or("");
    match m.abstract_text.as_deref() {
        Some(a) => tk.doc(&m.title, number, &[a, &doc.text], emit),
        None => tk.doc(&m.title, number, &[&doc.text], emit),
    }
}

/// The postings of a whole site: key → set, and the words word keys point into.
pub(super) struct Postings {
    map: FastMap<u64, Posting>,
    /// Word texts by id.
    pub(super) words: WordTable,
}

/// Key → set for one block of documents: open addressing, one probe per
/// token in the common case (the key and the last document number sit
/// side by side, so a repeated token costs one cache line).
struct BlockTable {
    buckets: Vec<Bucket>,
    mask: usize,
    shift: u32,
    sets: Vec<(u64, Posting)>,
}

#[derive(Clone, Copy)]
struct Bucket {
    key: u64,
    last: u32,
    slot: u32,
}

const EMPTY: u64 = u64::MAX;
const FIB: u64 = 0x9E37_79B9_7F4A_7C15;

impl BlockTable {
    fn new() -> BlockTable {
        let bits = 14;
        BlockTable {
            buckets: vec![
                Bucket {
                    key: EMPTY,
                    last: 0,
                    slot: 0
                };
                1 << bits
            ],
            mask: (1 << bits) - 1,
            shift: 64 - bits,
            sets: Vec::new(),
        }
    }

    #[inline]
    fn push(&mut self, key: u64, id: u32, total: u32) {
        let mut i = (key.wrapping_mul(FIB) >> self.shift) as usize;
        loop {
            let b = &mut self.buckets[i];
            if b.key == key {
                if b.last != id {
                    b.last = id;
                    self.sets[b.slot as usize].1.push(id, total);
                }
                return;
            }
            if b.key == EMPTY {
                *b = Bucket {
                    key,
                    last: id,
                    slot: self.sets.len() as u32,
                };
                self.sets.push((key, Posting::new(id)));
                if self.sets.len() * 2 > self.buckets.len() {
                    self.grow();
                }
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    fn grow(&mut self) {
        let bits = 64 - self.shift + 1;
        let old = std::mem::replace(
            &mut self.buckets,
            vec![
                Bucket {
                    key: EMPTY,
                    last: 0,
                    slot: 0
                };
                1 << bits
            ],
        );
        self.mask = (1 << bits) - 1;
        self.shift = 64 - bits;
        for b in old.into_iter().filter(|b| b.key != EMPTY) {
            let mut i = (b.key.wrapping_mul(FIB) >> self.shift) as usize;
            while self.buckets[i].key != EMPTY {
                i = (i + 1) & self.mask;
            }
            self.buckets[i] = b;
        }
    }
}

/// The postings of one block of documents, numbered from `base`.
fn block_postings(
    index: &SiteIndex,
    block: &[usize],
    base: u32,
    total: u32,
) -> (Vec<(u64, Posting)>, Tokenizer) {
    let mut tk = Tokenizer::default();
    let mut table = BlockTable::new();
    for (j, &i) in block.iter().enumerate() {
        let id = base + j as u32;
        doc_tokens(&mut tk, &index.docs[i], &mut |key| {
            table.push(key, id, total)
        });
    }
    (table.sets, tk)
}

/// The postings of `index.docs` numbered by `order` (document `order[n]`
/// gets number `n`).
pub(super) fn postings(index: &SiteIndex, order: &[usize]) -> Postings {
    let total = order.len() as u32;
    let wave = BLOCK * rayon::current_num_threads().max(2);
    let mut site = Postings {
        map: FastMap::default(),
        words: WordTable::default(),
    };
    for (w, docs) in order.chunks(wave).enumerate() {
        let blocks: Vec<_> = docs
            .par_chunks(BLOCK)
            .enumerate()
            .map(|(b, block)| block_postings(index, block, (w * wave + b * BLOCK) as u32, total))
            .collect();
        for (map, tk) in blocks {
            let ids = site.words.merge(tk.words);
            for (key, set) in map {
                match site.map.entry(remap(key, &ids)) {
                    std::collections::hash_map::Entry::Occupied(mut e) => {
                        e.get_mut().append(set, total)
                    }
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(set);
                    }
                }
            }
        }
    }
    site
}

/// The UTF-8 bytes of a term key, into `buf` (Han n-grams) or borrowed
/// from the word table.
fn term_bytes<'a>(key: u64, words: &'a [Box<str>], buf: &'a mut String) -> &'a [u8] {
    term_text(key, words, buf).as_bytes()
}

impl Postings {
    /// Every shard file (index = shard number), records sorted by (term, field).
    pub(super) fn encode(&self, shards: u32) -> Vec<Vec<u8>> {
        let words = &self.words.words;
        let mut by_shard: Vec<Vec<(u64, &Posting)>> = vec![Vec::new(); shards as usize];
        for (&k, set) in &self.map {
            by_shard[shard_of_key(term_of(k), words, shards) as usize].push((k, set));
        }
        by_shard
            .into_par_iter()
            .map(|mut recs| {
                let (mut a, mut b) = (String::new(), String::new());
                recs.sort_unstable_by(|x, y| {
                    term_bytes(x.0, words, &mut a)
                        .cmp(term_bytes(y.0, words, &mut b))
                        .then((x.0 & 3).cmp(&(y.0 & 3)))
                });
                let mut out = Vec::new();
                let mut buf = String::new();
                for (k, set) in recs {
                    let (kind, payload) = set.payload();
                    let term = term_text(term_of(k), words, &mut buf);
                    put_record_raw(&mut out, term, field_of(k), kind, &payload);
                }
                out
            })
            .collect()
    }
}
