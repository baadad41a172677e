//! Writes a build into the output folder as one change: only files whose
//! bytes differ are written, first to a staging folder beside the output
//! folder while pages are still being rendered; when every page has rendered,
//! [`Writer::commit`] moves them into place and deletes files the site no
//! longer has. A build that fails before the commit (a template error, a
//! missing attachment) removes the staging folder and leaves the output
//! folder exactly as it was.
//!
//! Rendering threads hand each file over as soon as it is made, so memory
//! holds a page at a time, not the whole site. A file that is the same as
//! on disk is not rewritten: web servers, rsync and CDN caches see only real
//! changes, and a rebuild with nothing edited writes nothing.

use super::manifest::{sibling, stat, Entry, Manifest};
use crate::render::OutputFile;
use crate::source::relative_slash_path;
use anyhow::Context;
use std::collections::HashSet;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a commit did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files the site has.
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
    /// Output paths written (new or changed), sorted.
    pub written: Vec<String>,
    /// Output paths deleted (no longer part of the site), sorted.
    pub deleted: Vec<String>,
}

/// One file of the new site, as the writer left it.
#[derive(Debug, Clone)]
pub struct Put {
    /// Output path, relative, `/`-separated.
    pub rel: String,
    /// What the manifest will say about it.
    pub entry: Entry,
    /// True when it was written to the staging folder (new or changed).
    pub staged: bool,
}

/// A build's writes in progress (see the module docs).
pub struct Writer<'m> {
    out_dir: PathBuf,
    staging: PathBuf,
    old: &'m Manifest,
    /// The output folder is missing or empty: the staging folder becomes it.
    fresh: bool,
    /// `old` lists exactly the files in the output folder (this process
    /// wrote them), so stale files are found without walking the folder.
    trusted: bool,
    committed: bool,
}

impl<'m> Writer<'m> {
    /// Starts writing a build of `out_dir`, whose last manifest is `old`
    /// (read from disk: the folder is walked at the commit to find files the
    /// manifest does not know).
    pub fn begin(out_dir: &Path, old: &'m Manifest) -> anyhow::Result<Writer<'m>> {
        Writer::start(out_dir, old, false)
    }

    /// Like [`Writer::begin`], for an `old` manifest that this process got
    /// from its own last commit to `out_dir` (watch mode): it lists exactly
    /// what the folder holds, so the commit need not walk the folder.
    pub fn continue_from(out_dir: &Path, old: &'m Manifest) -> anyhow::Result<Writer<'m>> {
        Writer::start(out_dir, old, true)
    }

    fn start(out_dir: &Path, old: &'m Manifest, trusted: bool) -> anyhow::Result<Writer<'m>> {
        // A symbolic link (a web root linked to the build) is written
        // through, never replaced by the staging folder.
        let is_link = std::fs::symlink_metadata(out_dir).is_ok_and(|m| m.file_type().is_symlink());
        let staging = if is_link {
            staging_through_link(out_dir)?
        } else {
            sibling(out_dir, "staging")
        };
        for leftover in [&staging, &sibling(out_dir, "previous")] {
            if leftover.exists() {
                std::fs::remove_dir_all(leftover)
                    .with_context(|| format!("无法清理上次遗留的 {}", leftover.display()))?;
            }
        }
        let fresh = match std::fs::read_dir(out_dir) {
            Ok(mut entries) => !is_link && entries.next().is_none(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => {
                return Err(e).with_context(|| format!("无法读取输出目录 {}", out_dir.display()))
            }
        };
        std::fs::create_dir_all(&staging)
            .with_context(|| format!("无法创建目录 {}", staging.display()))?;
        Ok(Writer {
            out_dir: out_dir.to_path_buf(),
            staging,
            old,
            fresh,
            trusted,
            committed: false,
        })
    }

    /// The file `rel` as it is on disk, if it was made from inputs with this
    /// fingerprint and nobody changed it since: then it need not be rendered.
    pub fn reusable(&self, rel: &str, fingerprint: u64) -> Option<Put> {
        if self.fresh || fingerprint == 0 {
            return None;
        }
        let entry = self.old.get(rel)?;
        if entry.fingerprint != fingerprint {
            return None;
        }
        let (len, modified) = stat(&self.out_dir.join(rel))?;
        (len == entry.len && modified == entry.modified).then(|| Put {
            rel: rel.to_string(),
            entry: *entry,
            staged: false,
        })
    }

    /// Keeps `rel` as the old manifest has it, for a caller that knows it
    /// did not change (watch mode's search files); `None` if the manifest
    /// does not know it.
    pub fn keep(&self, rel: &str) -> Option<Put> {
        self.old.get(rel).map(|entry| Put {
            rel: rel.to_string(),
            entry: *entry,
            staged: false,
        })
    }

    /// Every file of the old manifest whose path passes `wanted`, if each is
    /// still on disk as written (else `None`): a family of files known to be
    /// unchanged as a whole (the search index when no document changed).
    pub fn keep_all(&self, wanted: impl Fn(&str) -> bool) -> Option<Vec<Put>> {
        if self.fresh {
            return None;
        }
        let mut puts = Vec::new();
        for (rel, entry) in self.old.files.iter().filter(|(rel, _)| wanted(rel)) {
            let (len, modified) = stat(&self.out_dir.join(rel))?;
            if (len, modified) != (entry.len, entry.modified) {
                return None;
            }
            puts.push(Put {
                rel: rel.clone(),
                entry: *entry,
                staged: false,
            });
        }
        Some(puts)
    }

    /// Hands over the bytes of `rel`, made from inputs with `fingerprint`
    /// (0: not tracked). Stages them unless the output folder already holds
    /// exactly these bytes.
    pub fn put(&self, rel: &str, bytes: &[u8], fingerprint: u64) -> anyhow::Result<Put> {
        let hash = hash_bytes(bytes);
        if let Some(entry) = self.on_disk(rel, bytes, hash) {
            return Ok(Put {
                rel: rel.to_string(),
                entry: Entry {
                    fingerprint,
                    ..entry
                },
                staged: false,
            });
        }
        let path = self.staging.join(rel);
        let (len, modified) = match write_new(&path, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let parent = path.parent().unwrap_or(&self.staging);
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("无法创建目录 {}", parent.display()))?;
                write_new(&path, bytes)
            }
            other => other,
        }
        .with_context(|| format!("无法写入 {}", path.display()))?;
        Ok(Put {
            rel: rel.to_string(),
            entry: Entry {
                hash,
                fingerprint,
                len,
                modified,
            },
            staged: true,
        })
    }

    /// Hands over a file that is not a rendered page (data files, statics,
    /// attachments).
    pub fn put_file(&self, rel: &str, file: &OutputFile) -> anyhow::Result<Put> {
        match file {
            OutputFile::Bytes(bytes) => self.put(rel, bytes, 0),
            OutputFile::Copy(from) => self.put_copy(rel, from),
        }
    }

    /// Hands over a file copied as is (an attachment). Its fingerprint is
    /// its source's path, size and time, so an unchanged PDF is not reread.
    pub fn put_copy(&self, rel: &str, source: &Path) -> anyhow::Result<Put> {
        let (len, modified) =
            stat(source).with_context(|| format!("无法读取附件 {}", source.display()))?;
        let mut h = std::hash::DefaultHasher::new();
        h.write(source.as_os_str().as_encoded_bytes());
        h.write_u64(len);
        h.write_u128(modified);
        let fingerprint = h.finish() | 1;
        if let Some(put) = self.reusable(rel, fingerprint) {
            return Ok(put);
        }
        let bytes =
            std::fs::read(source).with_context(|| format!("无法读取附件 {}", source.display()))?;
        self.put(rel, &bytes, fingerprint)
    }

    /// The entry for `rel` if the output folder holds exactly `bytes` there.
    fn on_disk(&self, rel: &str, bytes: &[u8], hash: u64) -> Option<Entry> {
        if self.fresh {
            return None;
        }
        let path = self.out_dir.join(rel);
        let (len, modified) = stat(&path)?;
        if len != bytes.len() as u64 {
            return None;
        }
        let known = self
            .old
            .get(rel)
            .is_some_and(|e| e.hash == hash && e.len == len && e.modified == modified);
        // Without a trustworthy manifest entry, compare the bytes themselves.
        let same = known || std::fs::read(&path).is_ok_and(|old| old == bytes);
        same.then_some(Entry {
            hash,
            fingerprint: 0,
            len,
            modified,
        })
    }

    /// Moves the staged files into the output folder, deletes files the new
    /// site does not have, and returns the new manifest (for the caller to
    /// save beside the output folder: [`Manifest::save`]).
    pub fn commit(mut self, puts: Vec<Put>) -> anyhow::Result<(Manifest, WriteReport)> {
        self.committed = true;
        let mut report = WriteReport {
            files: puts.len(),
            ..WriteReport::default()
        };
        if self.fresh {
            if self.out_dir.exists() {
                std::fs::remove_dir(&self.out_dir)
                    .with_context(|| format!("无法替换 {}", self.out_dir.display()))?;
            }
            std::fs::rename(&self.staging, &self.out_dir)
                .with_context(|| format!("无法把新网站移到 {}", self.out_dir.display()))?;
        } else {
            let keep: HashSet<&str> = puts.iter().map(|p| p.rel.as_str()).collect();
            report.deleted = self.delete_stale(&keep)?;
            let mut made = HashSet::new();
            for put in puts.iter().filter(|p| p.staged) {
                let to = self.out_dir.join(&put.rel);
                if let Some(parent) = to.parent() {
                    if made.insert(parent.to_path_buf()) {
                        std::fs::create_dir_all(parent)
                            .with_context(|| format!("无法创建目录 {}", parent.display()))?;
                    }
                }
                std::fs::rename(self.staging.join(&put.rel), &to)
                    .with_context(|| format!("无法写入 {}", to.display()))?;
            }
            std::fs::remove_dir_all(&self.staging)
                .with_context(|| format!("无法删除 {}", self.staging.display()))?;
        }
        let mut manifest = Manifest::default();
        for put in puts {
            report.bytes += put.entry.len;
            if put.staged {
                report.written.push(put.rel.clone());
            }
            manifest.files.insert(put.rel, put.entry);
        }
        report.written.sort();
        report.deleted.sort();
        Ok((manifest, report))
    }

    /// Deletes every file under the output folder that is not in `keep`,
    /// and the folders that leaves empty.
    fn delete_stale(&self, keep: &HashSet<&str>) -> anyhow::Result<Vec<String>> {
        if self.trusted {
            let mut deleted = Vec::new();
            for rel in self.old.files.keys().filter(|r| !keep.contains(r.as_str())) {
                let path = self.out_dir.join(rel);
                match std::fs::remove_file(&path) {
                    Ok(()) => remove_empty_parents(&self.out_dir, &path),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        return Err(e).with_context(|| format!("无法删除 {}", path.display()))
                    }
                }
                deleted.push(rel.clone());
            }
            return Ok(deleted);
        }
        let mut deleted = Vec::new();
        let mut dirs = Vec::new();
        for entry in WalkDir::new(&self.out_dir).min_depth(1) {
            let entry = entry.with_context(|| format!("读取 {} 失败", self.out_dir.display()))?;
            if entry.file_type().is_dir() {
                dirs.push(entry.into_path());
                continue;
            }
            let rel = relative_slash_path(&self.out_dir, entry.path());
            if !keep.contains(rel.as_str()) {
                std::fs::remove_file(entry.path())
                    .with_context(|| format!("无法删除 {}", entry.path().display()))?;
                deleted.push(rel);
            }
        }
        // Deepest first, so a folder emptied by its children goes too.
        dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for dir in dirs {
            let _ = std::fs::remove_dir(dir);
        }
        Ok(deleted)
    }
}

/// Removes the folders above `file` that are left empty, up to `root`.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

impl Drop for Writer<'_> {
    /// A build that stops before the commit leaves no staging folder.
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Writes a file and returns its size and time, read from the open file
/// (one system call fewer than looking the path up again).
/// The staging folder for an output folder that is a symbolic link: beside
/// the link, unless the link leads to another filesystem — files cannot be
/// moved across filesystems by renaming them, so they are staged beside the
/// link's target instead. Decided before anything is written or deleted.
fn staging_through_link(link: &Path) -> anyhow::Result<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let beside = sibling(link, "staging");
    let device = |p: &Path| std::fs::metadata(p).map(|m| m.dev()).ok();
    let target = device(link);
    let parent_of_link = device(beside.parent().unwrap_or(Path::new(".")));
    if target.is_none() || target == parent_of_link {
        return Ok(beside);
    }
    let real = std::fs::canonicalize(link)
        .with_context(|| format!("无法解析输出目录的符号链接 {}", link.display()))?;
    let staging = sibling(&real, "staging");
    let parent = staging.parent().unwrap_or(Path::new("."));
    if device(parent) != target {
        anyhow::bail!(
            "输出目录 {} 是指向另一个文件系统的符号链接，其目标 {} 的上级目录也不在同一文件系统，无法整体替换网站；请把输出目录设为目标目录本身",
            link.display(),
            real.display()
        );
    }
    Ok(staging)
}

fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<(u64, u128)> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    let meta = file.metadata()?;
    Ok((meta.len(), super::manifest::modified_nanos(&meta)))
}

/// A fast change detector for output bytes (not a security hash: it only
/// decides whether a file is rewritten). XXH3 hashes the ~260 MB a 10k
/// site writes several times faster than the standard library's SipHash.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(dir: &Path, files: &[(&str, &str)]) -> WriteReport {
        let old = Manifest::load(dir);
        let writer = Writer::begin(dir, &old).expect("begin");
        let puts = files
            .iter()
            .map(|(rel, text)| writer.put(rel, text.as_bytes(), 0).expect("put"))
            .collect();
        let (manifest, report) = writer.commit(puts).expect("commit");
        manifest.save(dir).expect("save");
        report
    }

    #[test]
    fn a_file_can_become_a_folder_and_back() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        build(&dir, &[("a", "file")]);
        let r = build(&dir, &[("a/index.html", "page")]);
        assert_eq!(
            (r.written.as_slice(), r.deleted.as_slice()),
            (&["a/index.html".to_string()][..], &["a".to_string()][..])
        );
        build(&dir, &[("a", "file again")]);
        assert_eq!(
            std::fs::read_to_string(dir.join("a")).expect("read"),
            "file again"
        );
    }

    #[test]
    fn an_unfinished_build_leaves_no_trace() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        build(&dir, &[("index.html", "old")]);
        {
            let old = Manifest::load(&dir);
            let writer = Writer::begin(&dir, &old).expect("begin");
            writer.put("index.html", b"new", 0).expect("put");
            writer.put("other.html", b"new", 0).expect("put");
            // dropped without commit: a later page failed to render
        }
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).expect("read"),
            "old"
        );
        assert!(!dir.join("other.html").exists());
        assert!(!tmp.path().join(".public.staging").exists());
    }

    #[test]
    fn an_empty_output_folder_is_filled_in_one_move() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let r = build(&dir, &[("index.html", "home"), ("x/y.css", "y")]);
        assert_eq!(r.written.len(), 2);
        assert_eq!(
            std::fs::read_to_string(dir.join("x/y.css")).expect("read"),
            "y"
        );
        let again = build(&dir, &[("index.html", "home"), ("x/y.css", "y")]);
        assert!(again.written.is_empty() && again.deleted.is_empty());
    }

    #[test]
    fn an_output_folder_that_is_a_link_stays_a_link() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let target = tmp.path().join("www");
        std::fs::create_dir_all(&target).expect("mkdir");
        let dir = tmp.path().join("public");
        std::os::unix::fs::symlink(&target, &dir).expect("symlink");
        build_twice_through_link(&dir, &target);
    }

    /// Two builds into `dir`, a link to `target`: the link stays a link and
    /// the target holds the second build. Returns the first build's report.
    fn build_twice_through_link(dir: &Path, target: &Path) -> WriteReport {
        let first = build(dir, &[("index.html", "home"), ("a/b.html", "b")]);
        build(dir, &[("index.html", "home 2"), ("a/b.html", "b")]);
        assert!(std::fs::symlink_metadata(dir)
            .expect("meta")
            .file_type()
            .is_symlink());
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).expect("read"),
            "home 2"
        );
        assert_eq!(
            std::fs::read_to_string(target.join("a/b.html")).expect("read"),
            "b"
        );
        first
    }

    #[test]
    fn a_link_to_another_filesystem_is_staged_beside_its_target() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        // /dev/shm is a tmpfs on Linux, so another filesystem than the
        // temporary folder wherever that is on disk.
        let other = match tempfile::tempdir_in("/dev/shm") {
            Ok(d)
                if d.path().metadata().expect("meta").dev()
                    != tmp.path().metadata().expect("meta").dev() =>
            {
                d
            }
            _ => {
                #[allow(clippy::print_stderr)]
                {
                    eprintln!("skipped: no second filesystem at /dev/shm");
                }
                return;
            }
        };
        let target = other.path().join("www");
        std::fs::create_dir_all(&target).expect("mkdir");
        std::fs::write(target.join("stale.html"), "old").expect("write");
        let dir = tmp.path().join("public");
        std::os::unix::fs::symlink(&target, &dir).expect("symlink");
        let first = build_twice_through_link(&dir, &target);
        assert_eq!(first.deleted, ["stale.html"]);
        assert!(!other.path().join(".www.staging").exists());
        assert!(!tmp.path().join(".public.staging").exists());
    }

    #[test]
    fn a_fingerprint_match_skips_only_files_still_as_written() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        let old = Manifest::default();
        let writer = Writer::begin(&dir, &old).expect("begin");
        let put = writer.put("p.html", b"page", 42).expect("put");
        let (manifest, _) = writer.commit(vec![put]).expect("commit");
        let writer = Writer::begin(&dir, &manifest).expect("begin");
        assert!(writer.reusable("p.html", 42).is_some());
        assert!(writer.reusable("p.html", 43).is_none(), "other inputs");
        drop(writer);
        std::fs::write(dir.join("p.html"), b"edited by hand").expect("write");
        let writer = Writer::begin(&dir, &manifest).expect("begin");
        assert!(writer.reusable("p.html", 42).is_none(), "changed on disk");
    }
}
