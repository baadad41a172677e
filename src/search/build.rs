//! Postings and shard files, built from packed term keys (`terms.rs`).
//!
//! The documents are cut into blocks of consecutive numbers, tokenised in
//! parallel (rayon, no locks): a block keeps one small hash table of its
//! distinct keys and one flat list of (key slot, document) pairs, appended
//! in document order. The blocks are then merged in order into the site's
//! sets (each set grows in ascending order, kept in its encoded form). At
//! the end every (term, field) goes to its shard; the shards are sorted by
//! term text and encoded in parallel.

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

/// One block's postings: its distinct keys (by slot) and, per slot, the
/// documents holding it.
struct Block {
    keys: Vec<u64>,
    /// (slot, document number) in document order, while tokenising.
    pairs: Vec<(u32, u32)>,
    /// Then grouped by slot: slot `s` holds `ids[starts[s]..starts[s + 1]]`.
    starts: Vec<u32>,
    ids: Vec<u32>,
    tokenizer: Tokenizer,
}

/// Open addressing over a block's distinct keys: one probe per token in
/// the common case; the key and the last document that had it sit side by
/// side, so a repeated token costs one cache line and no write.
struct BlockTable {
    buckets: Vec<Bucket>,
    shift: u32,
}

#[derive(Clone, Copy)]
struct Bucket {
    key: u64,
    last: u32,
    slot: u32,
}

const EMPTY: Bucket = Bucket {
    key: u64::MAX,
    last: 0,
    slot: 0,
};
const FIB: u64 = 0x9E37_79B9_7F4A_7C15;

impl BlockTable {
    fn new(bits: u32) -> BlockTable {
        BlockTable {
            buckets: vec![EMPTY; 1 << bits],
            shift: 64 - bits,
        }
    }

    #[inline]
    fn push(&mut self, key: u64, id: u32, block: &mut Block) {
        let mask = self.buckets.len() - 1;
        let mut i = (key.wrapping_mul(FIB) >> self.shift) as usize;
        loop {
            let b = &mut self.buckets[i];
            if b.key == key {
                if b.last != id {
                    b.last = id;
                    block.pairs.push((b.slot, id));
                }
                return;
            }
            if b.key == EMPTY.key {
                let slot = block.keys.len() as u32;
                *b = Bucket {
                    key,
                    last: id,
                    slot,
                };
                block.keys.push(key);
                block.pairs.push((slot, id));
                if block.keys.len() * 2 > self.buckets.len() {
                    self.grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let bits = 64 - self.shift + 1;
        let old = std::mem::replace(self, BlockTable::new(bits));
        let mask = self.buckets.len() - 1;
        for b in old.buckets.into_iter().filter(|b| b.key != EMPTY.key) {
            let mut i = (b.key.wrapping_mul(FIB) >> self.shift) as usize;
            while self.buckets[i].key != EMPTY.key {
                i = (i + 1) & mask;
            }
            self.buckets[i] = b;
        }
    }
}

/// Tokenises one block of documents, numbered from `base`.
fn block(index: &SiteIndex, docs: &[usize], base: u32) -> Block {
    let mut table = BlockTable::new(15);
    let mut out = Block {
        keys: Vec::new(),
        pairs: Vec::new(),
        starts: Vec::new(),
        ids: Vec::new(),
        tokenizer: Tokenizer::default(),
    };
    let mut tk = Tokenizer::default();
    for (j, &i) in docs.iter().enumerate() {
        let id = base + j as u32;
        doc_tokens(&mut tk, &index.docs[i], &mut |key| {
            table.push(key, id, &mut out)
        });
    }
    out.tokenizer = tk;
    // Group by slot (a counting sort keeps document order within a slot).
    let mut starts = vec![0u32; out.keys.len() + 1];
    for &(slot, _) in &out.pairs {
        starts[slot as usize + 1] += 1;
    }
    for s in 1..starts.len() {
        starts[s] += starts[s - 1];
    }
    let mut fill = starts.clone();
    let mut ids = vec![0u32; out.pairs.len()];
    for (slot, id) in std::mem::take(&mut out.pairs) {
        ids[fill[slot as usize] as usize] = id;
        fill[slot as usize] += 1;
    }
    out.starts = starts;
    out.ids = ids;
    out
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
        let blocks: Vec<Block> = docs
            .par_chunks(BLOCK)
            .enumerate()
            .map(|(b, docs)| block(index, docs, (w * wave + b * BLOCK) as u32))
            .collect();
        for b in blocks {
            let words = site.words.merge(b.tokenizer.words);
            for (slot, &key) in b.keys.iter().enumerate() {
                let ids = &b.ids[b.starts[slot] as usize..b.starts[slot + 1] as usize];
                let set = site
                    .map
                    .entry(remap(key, &words))
                    .or_insert_with(|| Posting::new(ids[0]));
                for &id in ids {
                    set.push(id, total);
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
