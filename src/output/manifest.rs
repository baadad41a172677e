//! What an output folder holds, remembered between builds: per file the
//! hash of its bytes, the fingerprint of the inputs it was rendered from,
//! and its size and modification time when written. A rebuild uses it to
//! skip rendering pages whose inputs did not change and writing files whose
//! bytes did not change; the size and time tell whether someone changed the
//! file on disk since (then it is compared and rewritten as needed).
//!
//! It is also the record of which files in the output folder are
//! gongkai's: a build deletes or replaces only those (see [`super::claim`],
//! which keeps it in the site's `.gongkai/` folder, never deployed).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

const HEADER: &str = "gongkai-manifest 1";

/// One output file as last written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Hash of the bytes.
    pub hash: u64,
    /// Fingerprint of the inputs the file was made from (0: none).
    pub fingerprint: u64,
    /// Size in bytes on disk.
    pub len: u64,
    /// Modification time on disk, as nanoseconds since 1970.
    pub modified: u128,
}

/// Output path (relative, `/`-separated) → entry.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub(crate) files: HashMap<String, Entry>,
}

impl Manifest {
    /// Reads the manifest at `path`; `None` when there is none or it is
    /// damaged.
    pub fn load_from(path: &Path) -> Option<Manifest> {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| Manifest::parse(&text))
    }

    fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let mut files = HashMap::new();
        for line in lines {
            let mut parts = line.splitn(5, ' ');
            let mut hex = || u64::from_str_radix(parts.next()?, 16).ok();
            let (hash, fingerprint) = (hex()?, hex()?);
            let len = parts.next()?.parse().ok()?;
            let modified = parts.next()?.parse().ok()?;
            let path = parts.next()?.to_string();
            files.insert(
                path,
                Entry {
                    hash,
                    fingerprint,
                    len,
                    modified,
                },
            );
        }
        Some(Manifest { files })
    }

    /// The manifest as text, paths sorted.
    pub fn to_text(&self) -> String {
        let mut paths: Vec<&String> = self.files.keys().collect();
        paths.sort();
        let mut text = String::with_capacity(80 * paths.len() + HEADER.len() + 1);
        text.push_str(HEADER);
        text.push('\n');
        for path in paths {
            use std::fmt::Write;
            let e = &self.files[path];
            // Writing into a String cannot fail.
            let _ = writeln!(
                text,
                "{:016x} {:016x} {} {} {path}",
                e.hash, e.fingerprint, e.len, e.modified
            );
        }
        text
    }

    /// The entry for `rel`, if any.
    pub fn get(&self, rel: &str) -> Option<&Entry> {
        self.files.get(rel)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file is known.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// `<parent>/.<name>.<suffix>` for an output folder `<parent>/<name>`: where
/// older versions kept the manifest (`.public.gongkai-manifest`).
pub(crate) fn sibling(out_dir: &Path, suffix: &str) -> PathBuf {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out_dir
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    parent.join(format!(".{name}.{suffix}"))
}

/// Size and modification time of a file on disk, as the manifest keeps them.
pub(crate) fn stat(path: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), modified_nanos(&meta)))
}

/// A file's modification time as nanoseconds since 1970 (0 if unknown).
pub(crate) fn modified_nanos(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .unwrap_or(Duration::ZERO)
        .as_nanos()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_tolerates_damage() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("manifest");
        let mut m = Manifest::default();
        m.files.insert(
            "a b/index.html".into(),
            Entry {
                hash: 1,
                fingerprint: u64::MAX,
                len: 3,
                modified: 1_700_000_000_123_456_789,
            },
        );
        std::fs::write(&path, m.to_text()).expect("write");
        assert_eq!(Manifest::load_from(&path), Some(m));
        std::fs::write(&path, "gongkai-manifest 1\nzz 1 2\n").expect("write");
        assert!(
            Manifest::load_from(&path).is_none(),
            "a damaged manifest is no record"
        );
        std::fs::write(&path, "other 9\n").expect("write");
        assert!(
            Manifest::load_from(&path).is_none(),
            "another format is no record"
        );
    }
}
