//! Hashes: a fast one for cache keys and change detection (xxh3), and the
//! SHA-256 digest published beside attachments and gazette PDFs.

use sha2::{Digest, Sha256};

/// A fast change detector for output bytes (not a security hash: it only
/// decides whether a file is rewritten). XXH3 hashes the ~260 MB a 10k
/// site writes several times faster than the standard library's SipHash.
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
