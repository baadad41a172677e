//! Packs: many small search items (shards, fragments, facet sets) in few
//! files, read by HTTP `Range`.
//!
//! A pack holds the items `p·per .. p·per + n` of one kind and starts with
//! a header of `n + 1` little-endian u32 offsets from the start of the
//! file: item `k` is `bytes[off[k]..off[k + 1]]`. The client fetches the
//! header once per pack, then each item it needs; a server that ignores
//! `Range` sends the whole file, which the client slices (more bytes, same
//! answer). Ranged responses are not gzip'd by servers, so items that are
//! text (fragments) are stored deflate-raw compressed, at a fixed level so
//! the output is deterministic.
//!
//! Why files per pack stay stable: `per` is fixed and the item numbering
//! (shard number, document number) is the index's own, so an edit that
//! changes a few items rewrites only their packs.

use crate::config::url_map;
use crate::util::locks::lock;
use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;

/// One kind of packed item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// Folder of its packs (`search/s/`).
    pub dir: &'static str,
    /// Items per pack (the last pack may hold fewer).
    pub per: u32,
    /// Whether each item is stored deflate-raw compressed.
    pub deflate: bool,
}

/// Posting shards: 64 to a pack, so a cold query's headers cost 260 bytes
/// each and an edit rewrites the packs of the shards it touched (a small
/// share of the shard bytes). Deflated: little gain at 10k documents, but
/// at 100k the dense terms' bitmaps shrink by half (docs/search.md).
pub const SHARDS: Kind = Kind {
    dir: url_map::SEARCH_SHARDS,
    per: 64,
    deflate: true,
};

/// Document fragments (JSON text), 64 consecutive document numbers to a pack.
pub const FRAGMENTS: Kind = Kind {
    dir: url_map::SEARCH_FRAGMENTS,
    per: 64,
    deflate: true,
};

/// Facet sets: every set in one pack (a few hundred items at most).
pub const FACETS: Kind = Kind {
    dir: url_map::SEARCH_FACETS,
    per: u32::MAX,
    deflate: false,
};

/// deflate level: fixed, so the same input always gives the same bytes.
const LEVEL: u32 = 6;

impl Kind {
    /// How many packs `total` items take.
    pub fn packs(&self, total: u32) -> u32 {
        total.div_ceil(self.per)
    }

    /// Path of pack `p`.
    pub fn path(&self, p: u32) -> String {
        format!("{}{p}.bin", self.dir)
    }

    /// (pack, position in it) of item `i`.
    pub fn place(&self, i: u32) -> (u32, usize) {
        (i / self.per, (i % self.per) as usize)
    }

    /// Item numbers in pack `p` of `total`.
    pub fn range(&self, p: u32, total: u32) -> std::ops::Range<u32> {
        let start = p.saturating_mul(self.per).min(total);
        start..start.saturating_add(self.per).min(total)
    }

    /// `pack path#position` of item `i`: how tests and query logs name it.
    pub fn item_name(&self, i: u32) -> String {
        let (p, k) = self.place(i);
        format!("{}#{k}", self.path(p))
    }

    /// The item as stored from its plain bytes (compressed if the kind is).
    pub fn store(&self, plain: &[u8]) -> Vec<u8> {
        if self.deflate && !plain.is_empty() {
            deflate(plain)
        } else {
            plain.to_vec()
        }
    }

    /// The plain bytes of a stored item.
    pub fn open(&self, stored: &[u8]) -> Option<Vec<u8>> {
        if self.deflate && !stored.is_empty() {
            inflate(stored)
        } else {
            Some(stored.to_vec())
        }
    }

    /// The plain bytes of item `i`, read from its pack's file through `get`.
    pub fn read(&self, get: &dyn Fn(&str) -> Option<Vec<u8>>, i: u32) -> Option<Vec<u8>> {
        let (p, k) = self.place(i);
        let file = get(&self.path(p))?;
        self.open(item(&file, k)?)
    }
}

/// Gathers items that arrive in any order, from any thread, and hands
/// each pack to the sink as soon as its last item is in (so no more than
/// the unfinished packs are held).
pub(super) struct Packer {
    kind: Kind,
    total: u32,
    open: Mutex<HashMap<u32, OpenPack>>,
}

/// A pack whose items are still arriving.
struct OpenPack {
    arrived: usize,
    items: Vec<Vec<u8>>,
}

impl Packer {
    /// For the `total` items of `kind`.
    pub(super) fn new(kind: Kind, total: u32) -> Packer {
        Packer {
            kind,
            total,
            open: Mutex::new(HashMap::new()),
        }
    }

    /// Item `i` as stored; writes its pack if it was the last one missing.
    pub(super) fn add(
        &self,
        i: u32,
        stored: Vec<u8>,
        sink: &super::Sink<'_>,
    ) -> anyhow::Result<()> {
        let (p, k) = self.kind.place(i);
        let done = {
            let mut open = lock(&self.open);
            let size = self.kind.range(p, self.total).len();
            let slot = open.entry(p).or_insert_with(|| OpenPack {
                arrived: 0,
                items: vec![Vec::new(); size],
            });
            slot.items[k] = stored;
            slot.arrived += 1;
            if slot.arrived == size {
                open.remove(&p)
            } else {
                None
            }
        };
        match done {
            Some(full) => sink(self.kind.path(p), pack(&full.items)),
            None => Ok(()),
        }
    }
}

/// A pack file of `items` (as stored).
pub fn pack<T: AsRef<[u8]>>(items: &[T]) -> Vec<u8> {
    let header = 4 * (items.len() + 1);
    let body: usize = items.iter().map(|i| i.as_ref().len()).sum();
    let mut out = Vec::with_capacity(header + body);
    let mut at = header as u32;
    out.extend_from_slice(&at.to_le_bytes());
    for i in items {
        at += i.as_ref().len() as u32;
        out.extend_from_slice(&at.to_le_bytes());
    }
    for i in items {
        out.extend_from_slice(i.as_ref());
    }
    out
}

/// Item `k` of a pack file (as stored); `None` past the end or if the
/// header is damaged.
pub fn item(file: &[u8], k: usize) -> Option<&[u8]> {
    let offset = |j: usize| -> Option<usize> {
        let b = file.get(4 * j..4 * j + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let items = offset(0)? / 4 - 1;
    if k >= items {
        return None;
    }
    file.get(offset(k)?..offset(k + 1)?)
}

/// Every item of a pack file, as stored.
pub fn items(file: &[u8]) -> Option<Vec<&[u8]>> {
    let n = (u32::from_le_bytes(file.get(..4)?.try_into().ok()?) as usize) / 4;
    (0..n.checked_sub(1)?).map(|k| item(file, k)).collect()
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(bytes.len() / 2),
        flate2::Compression::new(LEVEL),
    );
    // Writing into a Vec cannot fail.
    let _ = z.write_all(bytes);
    z.finish().unwrap_or_default()
}

fn inflate(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() * 3);
    flate2::write::DeflateDecoder::new(&mut out)
        .write_all(bytes)
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_back_as_packed() {
        let list: Vec<Vec<u8>> = vec![b"abc".to_vec(), vec![], vec![7; 300], b"z".to_vec()];
        let file = pack(&list);
        assert_eq!(&file[..4], &20u32.to_le_bytes());
        for (k, want) in list.iter().enumerate() {
            assert_eq!(item(&file, k), Some(&want[..]));
        }
        assert_eq!(item(&file, 4), None);
        assert_eq!(items(&file).map(|v| v.len()), Some(4));
        assert_eq!(item(&pack::<Vec<u8>>(&[]), 0), None);
    }

    #[test]
    fn stored_items_open_to_their_bytes() {
        let text = "政务公开".repeat(50).into_bytes();
        let stored = FRAGMENTS.store(&text);
        assert!(stored.len() < text.len() / 4);
        assert_eq!(FRAGMENTS.open(&stored), Some(text.clone()));
        assert_eq!(FRAGMENTS.store(&text), stored, "deflate is deterministic");
        assert_eq!(FACETS.store(&text), text);
        assert_eq!(FRAGMENTS.store(b""), b"", "an empty item stays empty");
    }

    #[test]
    fn items_are_placed_in_fixed_packs() {
        assert_eq!(FRAGMENTS.packs(0), 0);
        assert_eq!(FRAGMENTS.packs(64), 1);
        assert_eq!(FRAGMENTS.packs(65), 2);
        assert_eq!(FRAGMENTS.place(130), (2, 2));
        assert_eq!(FRAGMENTS.range(1, 100), 64..100);
        assert_eq!(FACETS.range(0, 9), 0..9);
        assert_eq!(FACETS.place(8), (0, 8));
    }
}
