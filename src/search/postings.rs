//! Sets of document numbers and the shard files that hold them.
//!
//! A set is written as whichever is smaller: a list of gaps (LEB128
//! varints, the first gap from −1) or a bitmap (bit `id & 7` of byte
//! `id >> 3`). A dense term (公开, 政府) therefore never costs more than
//! N/8 bytes, however many documents hold it.
//!
//! A shard file is a run of records, sorted by (term, field):
//! `[term length u8][term UTF-8][field u8][kind u8][payload length varint][payload]`.
//! Which shard a term lives in: FNV-1a (32 bit) of its UTF-8 bytes, masked
//! by the shard count (a power of two). `search.js` does the same.

/// Which part of a document a posting set covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Anywhere: title, 文号, summary or body.
    Any = 0,
    /// The title.
    Title = 1,
    /// The 文号.
    Number = 2,
}

impl Field {
    /// The field a record's field byte names (unknown bytes read as `Any`).
    pub fn from_byte(b: u8) -> Field {
        match b {
            1 => Field::Title,
            2 => Field::Number,
            _ => Field::Any,
        }
    }
}

/// Payload kinds.
pub(super) const LIST: u8 = 0;
pub(super) const BITMAP: u8 = 1;

fn bits_to_ids(bits: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, &b) in bits.iter().enumerate() {
        for bit in 0..8 {
            if b & (1 << bit) != 0 {
                out.push((i as u32) * 8 + bit);
            }
        }
    }
    out
}

pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(super) fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// Encodes ascending ids as `[kind][payload]`, whichever form is smaller.
pub(super) fn encode_set(ids: &[u32]) -> (u8, Vec<u8>) {
    let mut list = Vec::new();
    let mut prev: i64 = -1;
    for &id in ids {
        put_varint(&mut list, (i64::from(id) - prev) as u64);
        prev = i64::from(id);
    }
    let bitmap_len = ids.last().map_or(0, |&m| m as usize / 8 + 1);
    if list.len() <= bitmap_len {
        return (LIST, list);
    }
    let mut bits = vec![0u8; bitmap_len];
    for &i in ids {
        bits[(i >> 3) as usize] |= 1 << (i & 7);
    }
    (BITMAP, bits)
}

/// Decodes `encode_set`'s output.
pub fn decode_set(kind: u8, payload: &[u8]) -> Option<Vec<u32>> {
    if kind == BITMAP {
        return Some(bits_to_ids(payload));
    }
    let mut out = Vec::new();
    let mut pos = 0;
    let mut prev: i64 = -1;
    while pos < payload.len() {
        prev += i64::try_from(get_varint(payload, &mut pos)?).ok()?;
        out.push(u32::try_from(prev).ok()?);
    }
    Some(out)
}

/// A facet file: one set, `[kind][payload]`.
pub(super) fn encode_facet(ids: &[u32]) -> Vec<u8> {
    let (kind, payload) = encode_set(ids);
    let mut out = vec![kind];
    out.extend(payload);
    out
}

/// 32-bit FNV-1a: which shard a term is in. Not a cache key, so not xxh3
/// (see `util::hash`): the browser's `search.js` computes the same function.
pub fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811C_9DC5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The shard `term` lives in.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    fnv1a(term.as_bytes()) & (shards - 1)
}

/// Appends one record to a shard file.
pub(super) fn put_record(out: &mut Vec<u8>, term: &str, field: Field, ids: &[u32]) {
    let (kind, payload) = encode_set(ids);
    put_record_raw(out, term, field, kind, &payload);
}

/// Appends one record whose set is already encoded.
pub(super) fn put_record_raw(
    out: &mut Vec<u8>,
    term: &str,
    field: Field,
    kind: u8,
    payload: &[u8],
) {
    out.push(term.len() as u8);
    out.extend_from_slice(term.as_bytes());
    out.push(field as u8);
    out.push(kind);
    put_varint(out, payload.len() as u64);
    out.extend_from_slice(payload);
}

/// Reads every record of a shard file: (term, field byte, ids).
pub fn read_records(bytes: &[u8]) -> Option<Vec<(String, u8, Vec<u32>)>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let len = usize::from(bytes[pos]);
        let term = std::str::from_utf8(bytes.get(pos + 1..pos + 1 + len)?).ok()?;
        pos += 1 + len;
        let field = *bytes.get(pos)?;
        let kind = *bytes.get(pos + 1)?;
        pos += 2;
        let n = usize::try_from(get_varint(bytes, &mut pos)?).ok()?;
        let ids = decode_set(kind, bytes.get(pos..pos + n)?)?;
        pos += n;
        out.push((term.to_string(), field, ids));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_round_trip_in_both_forms() {
        let sparse = vec![3, 900, 70_000];
        let dense: Vec<u32> = (0..1000).filter(|i| i % 3 != 0).collect();
        for ids in [sparse, dense, vec![], vec![0]] {
            let (kind, payload) = encode_set(&ids);
            assert_eq!(decode_set(kind, &payload), Some(ids.clone()));
        }
        assert_eq!(encode_set(&(0..800).collect::<Vec<_>>()).0, BITMAP);
    }

    #[test]
    fn records_round_trip() {
        let mut file = Vec::new();
        put_record(&mut file, "政务", Field::Any, &[1, 2, 5]);
        put_record(&mut file, "政务", Field::Title, &[2]);
        let recs = read_records(&file).unwrap_or_default();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1], ("政务".to_string(), 1, vec![2]));
    }

    #[test]
    fn fnv_matches_reference() {
        // Reference values of 32-bit FNV-1a.
        assert_eq!(fnv1a(b""), 0x811C_9DC5);
        assert_eq!(fnv1a(b"a"), 0xE40C_292C);
    }
}
