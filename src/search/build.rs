//! Shard files, built from packed term keys (`terms.rs`).
//!
//! The documents are cut into blocks of consecutive numbers, each
//! tokenised on its own (rayon, no locks): a block keeps a small hash table
//! of its distinct keys and a flat list of (key slot, document) pairs,
//! appended in document order. A block then groups its pairs by key, writes
//! each key's documents as a gap-varint chunk (the shard format's list) and
//! files the keys by shard. Finally each shard (in parallel) appends, block
//! after block, the chunks of its terms — a concatenation, as blocks hold
//! ascending numbers — sorts its records by term text and encodes them.

use super::postings::{fnv1a, get_varint, put_record_raw, put_varint, BITMAP, LIST};
use super::terms::{
    field_of, is_word, term_of, term_text, word_id, FastMap, Tokenizer, WORD_ID_MASK,
};
use super::Record;
use rayon::prelude::*;

/// Documents per block.
const BLOCK: usize = 1024;

/// Calls `emit` with every token key of `r` (repeats included).
fn doc_tokens(
    tk: &mut Tokenizer,
    r: &Record<'_>,
    emit: &mut impl FnMut(u64),
) -> std::io::Result<()> {
    let number = r.number.unwrap_or("");
    let text = r.body.text()?;
    match r.summary {
        Some(a) => tk.doc(r.title, number, &[a, &text], emit),
        None => tk.doc(r.title, number, &[&text], emit),
    }
    Ok(())
}

/// One key of a block: its documents as a chunk of its part's `data`.
struct Entry {
    key: u64,
    last: u32,
    /// `data[start..end]`: gap varints, the first gap from −1.
    start: u32,
    end: u32,
}

/// One block's postings, filed by shard: split into [`PARTS`] parts by
/// shard range, so that each part can be freed once its shards are written.
struct Block {
    parts: Vec<Part>,
    /// Texts of the block's word keys.
    words: Vec<Box<str>>,
}

/// A block's entries for one range of shards.
#[derive(Default)]
struct Part {
    /// Entries of the part's `k`-th shard: `entries[starts[k]..starts[k + 1]]`.
    entries: Vec<Entry>,
    starts: Vec<u32>,
    data: Vec<u8>,
}

/// Shard ranges (a power of two, at most the shard count).
const PARTS: u32 = 16;

/// Open addressing over a block's distinct keys: one probe per token in
/// the common case; the key and the last document that had it sit side by
/// side, so a repeated token costs one cache line and no write.
struct BlockTable {
    buckets: Vec<Bucket>,
    shift: u32,
    keys: Vec<u64>,
    /// (slot, document number) in document order.
    pairs: Vec<(u32, u32)>,
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
            keys: Vec::new(),
            pairs: Vec::new(),
        }
    }

    #[inline]
    fn push(&mut self, key: u64, id: u32) {
        let mask = self.buckets.len() - 1;
        let mut i = (key.wrapping_mul(FIB) >> self.shift) as usize;
        loop {
            let b = &mut self.buckets[i];
            if b.key == key {
                if b.last != id {
                    b.last = id;
                    self.pairs.push((b.slot, id));
                }
                return;
            }
            if b.key == EMPTY.key {
                let slot = self.keys.len() as u32;
                *b = Bucket {
                    key,
                    last: id,
                    slot,
                };
                self.keys.push(key);
                self.pairs.push((slot, id));
                if self.keys.len() * 2 > self.buckets.len() {
                    self.grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let bits = 64 - self.shift + 1;
        let old = std::mem::replace(&mut self.buckets, vec![EMPTY; 1 << bits]);
        self.shift = 64 - bits;
        let mask = self.buckets.len() - 1;
        for b in old.into_iter().filter(|b| b.key != EMPTY.key) {
            let mut i = (b.key.wrapping_mul(FIB) >> self.shift) as usize;
            while self.buckets[i].key != EMPTY.key {
                i = (i + 1) & mask;
            }
            self.buckets[i] = b;
        }
    }
}

/// Tokenises one block of records, numbered from `base`, and files its
/// keys by shard.
fn block(records: &[Record<'_>], base: u32, shards: u32) -> std::io::Result<Block> {
    let mut table = BlockTable::new(15);
    let mut tk = Tokenizer::default();
    for (j, r) in records.iter().enumerate() {
        let id = base + j as u32;
        doc_tokens(&mut tk, r, &mut |key| table.push(key, id))?;
    }
    let BlockTable { keys, pairs, .. } = table;
    // Group the pairs by slot (a counting sort keeps document order).
    let mut starts = vec![0u32; keys.len() + 1];
    for &(slot, _) in &pairs {
        starts[slot as usize + 1] += 1;
    }
    for s in 1..starts.len() {
        starts[s] += starts[s - 1];
    }
    let mut fill = starts.clone();
    let mut ids = vec![0u32; pairs.len()];
    for (slot, id) in pairs {
        ids[fill[slot as usize] as usize] = id;
        fill[slot as usize] += 1;
    }
    // Each key's chunk, filed by shard.
    let per_part = shards / PARTS.min(shards);
    // Per part: (shard within the part, entry), and the chunks.
    type Filed = (Vec<(u32, Entry)>, Vec<u8>);
    let mut parts: Vec<Filed> = (0..shards / per_part).map(|_| Default::default()).collect();
    let mut buf = String::new();
    for (slot, &key) in keys.iter().enumerate() {
        let term = term_text(term_of(key), &tk.words, &mut buf);
        let shard = fnv1a(term.as_bytes()) & (shards - 1);
        let (located, data) = &mut parts[(shard / per_part) as usize];
        let start = data.len() as u32;
        let mut prev = -1i64;
        for &id in &ids[starts[slot] as usize..starts[slot + 1] as usize] {
            put_varint(data, (i64::from(id) - prev) as u64);
            prev = i64::from(id);
        }
        let entry = Entry {
            key,
            last: prev as u32,
            start,
            end: data.len() as u32,
        };
        located.push((shard % per_part, entry));
    }
    let parts = parts
        .into_iter()
        .map(|(mut located, data)| {
            located.sort_unstable_by_key(|(s, _)| *s);
            let mut starts = vec![0u32; per_part as usize + 1];
            for (s, _) in &located {
                starts[*s as usize + 1] += 1;
            }
            for s in 1..starts.len() {
                starts[s] += starts[s - 1];
            }
            Part {
                entries: located.into_iter().map(|(_, e)| e).collect(),
                starts,
                data,
            }
        })
        .collect();
    Ok(Block {
        parts,
        words: tk.words,
    })
}

/// A set being assembled from block chunks.
#[derive(Default)]
struct Acc {
    list: Vec<u8>,
    last: u32,
}

impl Acc {
    /// Appends a chunk whose ids are all greater than `self.last`.
    fn append(&mut self, chunk: &[u8], last: u32) {
        if self.list.is_empty() {
            self.list.extend_from_slice(chunk);
        } else {
            let mut pos = 0;
            let first = get_varint(chunk, &mut pos).unwrap_or(1) - 1;
            put_varint(&mut self.list, first - u64::from(self.last));
            self.list.extend_from_slice(&chunk[pos..]);
        }
        self.last = last;
    }

    /// `[kind, payload]` as `encode_set` writes them.
    fn payload(&self) -> (u8, std::borrow::Cow<'_, [u8]>) {
        let bitmap_len = self.last as usize / 8 + 1;
        if self.list.len() <= bitmap_len {
            return (LIST, std::borrow::Cow::Borrowed(&self.list));
        }
        let mut bits = vec![0u8; bitmap_len];
        let (mut pos, mut id) = (0, -1i64);
        while let Some(gap) = get_varint(&self.list, &mut pos) {
            id += gap as i64;
            bits[(id >> 3) as usize] |= 1 << (id & 7);
        }
        (BITMAP, std::borrow::Cow::Owned(bits))
    }
}

/// Every shard file of `records` (record `n` gets number `n`), handed to
/// `sink` with its shard number by the thread that made it; a range of
/// shards at a time, freeing the blocks' share of it.
pub(super) fn shard_files(
    records: &[Record<'_>],
    shards: u32,
    sink: &(dyn Fn(u32, Vec<u8>) -> anyhow::Result<()> + Sync),
) -> anyhow::Result<()> {
    let mut blocks: Vec<Block> = records
        .par_chunks(BLOCK)
        .enumerate()
        .map(|(b, chunk)| block(chunk, (b * BLOCK) as u32, shards))
        .collect::<std::io::Result<_>>()?;
    let per_part = shards / PARTS.min(shards);
    for p in 0..shards / per_part {
        (0..per_part).into_par_iter().try_for_each(|k| {
            sink(
                p * per_part + k,
                encode_shard(&blocks, p as usize, k as usize),
            )
        })?;
        for b in &mut blocks {
            b.parts[p as usize] = Part::default();
        }
    }
    Ok(())
}

/// The `k`-th shard of part `p`: its terms' chunks appended block after
/// block, records sorted by (term, field).
fn encode_shard(blocks: &[Block], p: usize, k: usize) -> Vec<u8> {
    // (Han key, "") or (word key with id 0, word text): the same term and
    // field in every block, without making its text.
    let mut slots: FastMap<(u64, &str), usize> = FastMap::default();
    let mut accs: Vec<(u64, &str, Acc)> = Vec::new();
    for b in blocks {
        let part = &b.parts[p];
        for e in &part.entries[part.starts[k] as usize..part.starts[k + 1] as usize] {
            let id = if is_word(e.key) {
                (e.key & !WORD_ID_MASK, &*b.words[word_id(e.key) as usize])
            } else {
                (e.key, "")
            };
            let at = *slots.entry(id).or_insert_with(|| {
                accs.push((id.0, id.1, Acc::default()));
                accs.len() - 1
            });
            accs[at]
                .2
                .append(&part.data[e.start as usize..e.end as usize], e.last);
        }
    }
    drop(slots);
    let mut buf = String::new();
    let mut recs: Vec<(String, u64, Acc)> = accs
        .into_iter()
        .map(|(key, word, acc)| {
            let text = if word.is_empty() {
                term_text(term_of(key), &[], &mut buf).to_string()
            } else {
                word.to_string()
            };
            (text, key, acc)
        })
        .collect();
    recs.sort_unstable_by(|a, b| (&a.0, a.1 & 3).cmp(&(&b.0, b.1 & 3)));
    let mut out = Vec::new();
    for (term, key, acc) in &recs {
        let (kind, payload) = acc.payload();
        put_record_raw(&mut out, term, field_of(*key), kind, &payload);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::postings::encode_set;

    #[test]
    fn chunks_appended_encode_like_encode_set() {
        let cases: Vec<Vec<u32>> = vec![
            vec![0],
            vec![7, 9, 1999],
            (0..2000).step_by(2).collect(),
            (0..2000).step_by(9).collect(),
            (1990..2000).collect(),
            (0..100).chain(1900..1950).collect(),
        ];
        for ids in cases {
            for cut in [0, 1, ids.len() / 2, ids.len()] {
                let mut acc = Acc::default();
                for part in [&ids[..cut], &ids[cut..]] {
                    if part.is_empty() {
                        continue;
                    }
                    let (_, chunk) = encode_set_list(part);
                    acc.append(&chunk, *part.last().unwrap_or(&0));
                }
                let (kind, payload) = acc.payload();
                assert_eq!(
                    (kind, payload.to_vec()),
                    encode_set(&ids),
                    "{ids:?} cut {cut}"
                );
            }
        }
    }

    /// The gap list of `ids`, whichever form `encode_set` would pick.
    fn encode_set_list(ids: &[u32]) -> (u8, Vec<u8>) {
        let mut list = Vec::new();
        let mut prev = -1i64;
        for &id in ids {
            put_varint(&mut list, (i64::from(id) - prev) as u64);
            prev = i64::from(id);
        }
        (LIST, list)
    }
}
