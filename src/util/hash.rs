//! Hashes: one fast hash for every cache key and change detection (xxh3),
//! and the SHA-256 digest published beside attachments and gazette PDFs.
//!
//! Every cache key, memo key, fingerprint and stamp is made with
//! `KeyHasher` or `hash_bytes` (see `crate::state` for the caches).
//! The other hashes in the code are not cache keys, and each says why it
//! is not xxh3 where it is used:
//! - SHA-256 (`file_digest`, `?v=` asset versions, long slugs): published
//!   in the site, where readers and other tools check or compare them.
//! - FNV-1a (`search::postings::fnv1a`): assigns search terms to shards,
//!   and the browser's `search.js` computes the same function.
//! - `search::terms::FoldHasher`: the hasher of in-memory term maps while
//!   the search index is built; nothing it makes outlives the build.

use sha2::{Digest, Sha256};

/// The hasher of cache keys: feed it with `Hash::hash` or `Hasher::write*`.
/// XXH3 is several times faster than the standard library's SipHash, and
/// unlike `DefaultHasher` it is the same in every Rust release, which
/// matters for keys kept on disk in the output folder's record.
pub(crate) type KeyHasher = xxhash_rust::xxh3::Xxh3Default;

/// A fast change detector for output bytes (not a security hash: it only
/// decides whether a file is rewritten), the same as hashing `bytes` with
/// a fresh `KeyHasher`.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Size and lowercase hex SHA-256 of a file (attachments, gazette PDFs).
pub(crate) fn file_digest(path: &std::path::Path) -> std::io::Result<(u64, String)> {
    let bytes = std::fs::read(path)?;
    let sha256 = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((bytes.len() as u64, sha256))
}
