//! Incremental `write`: bring an output folder in line with a new `Output`
//! by writing only files whose bytes changed and deleting files the site no
//! longer has. Watch mode uses it so a save rewrites a handful of files, a
//! web server never reads a half-written one (each file is written beside
//! itself and renamed into place), and the folder ends byte-identical to a
//! fresh full build.

use crate::render::{Output, OutputFile};
use crate::source::relative_slash_path;
use anyhow::Context;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use walkdir::WalkDir;

/// What the output folder holds, as far as this process knows: output path →
/// hash of the bytes there.
#[derive(Debug, Default, Clone)]
pub struct Manifest {
    files: BTreeMap<String, u64>,
    /// Attachment sources already hashed, so an unchanged PDF is not reread.
    copied: HashMap<PathBuf, (u64, SystemTime, u64)>,
}

/// What one sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// Output paths written (new or changed), sorted.
    pub written: Vec<String>,
    /// Output paths deleted, sorted.
    pub deleted: Vec<String>,
    /// Files left as they were.
    pub unchanged: usize,
}

impl Manifest {
    /// Reads what an existing output folder holds (empty if there is none),
    /// so the first sync of a session rewrites only what differs.
    pub fn scan(dir: &Path) -> anyhow::Result<Manifest> {
        let mut manifest = Manifest::default();
        if !dir.is_dir() {
            return Ok(manifest);
        }
        for entry in WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("读取 {} 失败", dir.display()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("读取 {} 失败", entry.path().display()))?;
            let rel = relative_slash_path(dir, entry.path());
            manifest.files.insert(rel, hash_bytes(&bytes));
        }
        Ok(manifest)
    }

    /// True when the folder holds `rel` as this process last wrote or saw it.
    pub fn contains(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    fn copy_hash(&mut self, source: &Path) -> anyhow::Result<u64> {
        let meta = std::fs::metadata(source)
            .with_context(|| format!("无法读取附件 {}", source.display()))?;
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        if let Some(&(len, when, hash)) = self.copied.get(source) {
            if len == meta.len() && when == modified {
                return Ok(hash);
            }
        }
        let bytes =
            std::fs::read(source).with_context(|| format!("无法读取附件 {}", source.display()))?;
        let hash = hash_bytes(&bytes);
        self.copied
            .insert(source.to_path_buf(), (meta.len(), modified, hash));
        Ok(hash)
    }
}

/// Makes `dir` hold exactly `output`, touching only what changed. On an IO
/// error the manifest still describes the files written so far.
pub fn sync_output(
    output: &Output,
    dir: &Path,
    manifest: &mut Manifest,
) -> anyhow::Result<SyncReport> {
    let mut report = SyncReport::default();
    for (rel, file) in output {
        let hash = match file {
            OutputFile::Unchanged => {
                if manifest.contains(rel) {
                    report.unchanged += 1;
                    continue;
                }
                anyhow::bail!("内部错误：{rel} 被标为未变，但输出目录中没有它");
            }
            OutputFile::Bytes(bytes) => hash_bytes(bytes),
            OutputFile::Copy(source) => manifest.copy_hash(source)?,
        };
        if manifest.files.get(rel) == Some(&hash) {
            report.unchanged += 1;
            continue;
        }
        let path = dir.join(rel);
        write_in_place(file, &path)?;
        manifest.files.insert(rel.clone(), hash);
        report.written.push(rel.clone());
    }
    let stale: Vec<String> = manifest
        .files
        .keys()
        .filter(|rel| !output.contains_key(*rel))
        .cloned()
        .collect();
    for rel in stale {
        let path = dir.join(&rel);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("无法删除 {}", path.display())),
        }
        manifest.files.remove(&rel);
        remove_empty_parents(dir, &path);
        report.deleted.push(rel);
    }
    Ok(report)
}

/// Writes beside the target and renames, so readers see old or new bytes,
/// never a mix.
fn write_in_place(file: &OutputFile, path: &Path) -> anyhow::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("无法创建目录 {}", parent.display()))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temp = parent.join(format!(".{name}.gongkai-tmp"));
    match file {
        OutputFile::Bytes(bytes) => {
            std::fs::write(&temp, bytes).with_context(|| format!("无法写入 {}", temp.display()))?
        }
        OutputFile::Copy(from) => {
            std::fs::copy(from, &temp)
                .with_context(|| format!("无法复制 {} 到 {}", from.display(), temp.display()))?;
        }
        OutputFile::Unchanged => return Ok(()),
    }
    std::fs::rename(&temp, path).with_context(|| format!("无法写入 {}", path.display()))
}

fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// A fast in-memory change detector (not a security hash: nothing outside
/// this process ever sees it).
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(s: &str) -> OutputFile {
        OutputFile::Bytes(s.as_bytes().to_vec())
    }

    fn tree(dir: &Path) -> BTreeMap<String, String> {
        WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    relative_slash_path(dir, e.path()),
                    std::fs::read_to_string(e.path()).expect("read"),
                )
            })
            .collect()
    }

    #[test]
    fn writes_only_what_changed_and_deletes_what_went() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        let mut manifest = Manifest::scan(&dir).expect("scan");
        let mut out = Output::new();
        out.insert("index.html".into(), bytes("home"));
        out.insert("a/b/index.html".into(), bytes("b"));
        let first = sync_output(&out, &dir, &mut manifest).expect("sync");
        assert_eq!(first.written, ["a/b/index.html", "index.html"]);

        out.insert("index.html".into(), bytes("home 2"));
        out.remove("a/b/index.html");
        out.insert("c/index.html".into(), bytes("c"));
        let second = sync_output(&out, &dir, &mut manifest).expect("sync");
        assert_eq!(second.written, ["c/index.html", "index.html"]);
        assert_eq!(second.deleted, ["a/b/index.html"]);
        assert!(!dir.join("a").exists(), "empty folders are removed");
        let expected: BTreeMap<String, String> = [
            ("c/index.html".to_string(), "c".to_string()),
            ("index.html".to_string(), "home 2".to_string()),
        ]
        .into();
        assert_eq!(tree(&dir), expected);

        let third = sync_output(&out, &dir, &mut manifest).expect("sync");
        assert!(third.written.is_empty() && third.deleted.is_empty());
        assert_eq!(third.unchanged, 2);
    }

    #[test]
    fn a_new_session_rewrites_nothing_that_is_already_right() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        std::fs::create_dir_all(dir.join("old")).expect("mkdir");
        std::fs::write(dir.join("index.html"), "same").expect("write");
        std::fs::write(dir.join("old/x.html"), "gone").expect("write");
        let mut manifest = Manifest::scan(&dir).expect("scan");
        let mut out = Output::new();
        out.insert("index.html".into(), bytes("same"));
        let report = sync_output(&out, &dir, &mut manifest).expect("sync");
        assert!(report.written.is_empty());
        assert_eq!(report.deleted, ["old/x.html"]);
    }

    #[test]
    fn unchanged_needs_the_file_to_be_there() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut manifest = Manifest::default();
        let mut out = Output::new();
        out.insert("index.html".into(), OutputFile::Unchanged);
        assert!(sync_output(&out, tmp.path(), &mut manifest).is_err());
    }

    #[test]
    fn attachments_are_copied_again_only_when_their_source_changes() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let source = tmp.path().join("a.pdf");
        std::fs::write(&source, "pdf 1").expect("write");
        let dir = tmp.path().join("public");
        let mut manifest = Manifest::default();
        let mut out = Output::new();
        out.insert("doc/a.pdf".into(), OutputFile::Copy(source.clone()));
        let first = sync_output(&out, &dir, &mut manifest).expect("sync");
        assert_eq!(first.written.len(), 1);
        let again = sync_output(&out, &dir, &mut manifest).expect("sync");
        assert!(again.written.is_empty());
        std::fs::write(&source, "pdf 2, longer").expect("write");
        let changed = sync_output(&out, &dir, &mut manifest).expect("sync");
        assert_eq!(changed.written, ["doc/a.pdf"]);
        assert_eq!(
            std::fs::read_to_string(dir.join("doc/a.pdf")).expect("read"),
            "pdf 2, longer"
        );
    }
}
