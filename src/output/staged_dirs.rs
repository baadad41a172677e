//! The folders made so far in the staging folder's `new/`, so that each is
//! made once, before its first file. Trying the file first and making its
//! folder only when the kernel says it is missing cost a failed `openat` per
//! folder (13,000 at 10k documents: a fresh build has no folder yet), and a
//! `create_dir_all` looks at every folder above it again.

use std::collections::HashSet;
use std::io;
use std::path::Path;
use std::sync::Mutex;

/// The folders under one staging root known to exist (relative,
/// `/`-separated; the root itself is made by the writer).
#[derive(Default)]
pub(super) struct StagedDirs {
    made: Mutex<HashSet<String>>,
}

impl StagedDirs {
    /// Makes the folder that will hold the file `rel` under `root`, and any
    /// folder above it, unless already made. Safe to call from many threads:
    /// two that make the same folder at once both succeed.
    pub(super) fn make_parent(&self, root: &Path, rel: &str) -> io::Result<()> {
        let Some((parent, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        if self.is_made(parent) {
            return Ok(());
        }
        // Outermost first, from the deepest folder already made: one
        // `mkdir` per folder, none for the folders above.
        let cuts: Vec<usize> = parent
            .match_indices('/')
            .map(|(i, _)| i)
            .chain([parent.len()])
            .collect();
        let first_missing = cuts
            .iter()
            .rposition(|&cut| self.is_made(&parent[..cut]))
            .map_or(0, |known| known + 1);
        for &cut in &cuts[first_missing..] {
            let dir = &parent[..cut];
            match std::fs::create_dir(root.join(dir)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
            self.lock().insert(dir.to_string());
        }
        Ok(())
    }

    fn is_made(&self, dir: &str) -> bool {
        self.lock().contains(dir)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        // A panic elsewhere while the set was held leaves it valid: every
        // entry in it is a folder that was made.
        self.made
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_folder_is_made_once_and_its_parents_first() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dirs = StagedDirs::default();
        dirs.make_parent(tmp.path(), "a/b/c/index.html")
            .expect("make");
        assert!(tmp.path().join("a/b/c").is_dir());
        // Known now: a folder removed behind its back is not made again,
        // which proves the second call asked the set and not the disk.
        std::fs::remove_dir(tmp.path().join("a/b/c")).expect("rm");
        dirs.make_parent(tmp.path(), "a/b/c/other.html")
            .expect("make");
        assert!(!tmp.path().join("a/b/c").exists());
        dirs.make_parent(tmp.path(), "a/b/d/x.html").expect("make");
        assert!(tmp.path().join("a/b/d").is_dir());
        dirs.make_parent(tmp.path(), "top.html").expect("no folder");
    }

    #[test]
    fn a_folder_made_by_another_thread_meanwhile_is_fine() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(tmp.path().join("a/b")).expect("mkdir");
        let dirs = StagedDirs::default();
        dirs.make_parent(tmp.path(), "a/b/index.html")
            .expect("exists already");
        assert!(dirs.is_made("a") && dirs.is_made("a/b"));
    }

    #[test]
    fn a_file_in_the_way_is_an_error() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join("a"), "file").expect("write");
        let dirs = StagedDirs::default();
        assert!(dirs.make_parent(tmp.path(), "a/b/index.html").is_err());
    }
}
