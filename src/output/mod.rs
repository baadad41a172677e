//! Stage 5, `write`: the rendered site to disk, atomically. Everything is
//! written to a staging folder beside the output folder first, then swapped
//! in with renames, so a failed build leaves the previous site as it was and
//! a web server never sees a half-written tree.

pub mod sync;

use crate::render::{Output, OutputFile};
use anyhow::Context;
use std::path::{Path, PathBuf};

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written.
    pub files: usize,
    /// Total bytes.
    pub bytes: u64,
}

/// Writes `output` as the new contents of `public_dir`.
pub fn write_output(output: &Output, public_dir: &Path) -> anyhow::Result<WriteReport> {
    let parent = match public_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("无法创建目录 {}", parent.display()))?;
    let name = public_dir
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.staging"));
    let previous = parent.join(format!(".{name}.previous"));
    for leftover in [&staging, &previous] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover)
                .with_context(|| format!("无法清理上次遗留的 {}", leftover.display()))?;
        }
    }
    let report = write_tree(output, &staging).inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&staging);
    })?;
    if public_dir.exists() {
        std::fs::rename(public_dir, &previous)
            .with_context(|| format!("无法替换 {}", public_dir.display()))?;
    }
    if let Err(e) = std::fs::rename(&staging, public_dir) {
        // put the old site back before reporting
        let _ = std::fs::rename(&previous, public_dir);
        return Err(e).with_context(|| format!("无法把新网站移到 {}", public_dir.display()));
    }
    if previous.exists() {
        std::fs::remove_dir_all(&previous)
            .with_context(|| format!("无法删除旧网站 {}", previous.display()))?;
    }
    Ok(report)
}

fn write_tree(output: &Output, dir: &Path) -> anyhow::Result<WriteReport> {
    let mut report = WriteReport { files: 0, bytes: 0 };
    let mut made_dirs = std::collections::HashSet::new();
    for (rel, file) in output {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            if made_dirs.insert(parent.to_path_buf()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("无法创建目录 {}", parent.display()))?;
            }
        }
        match file {
            OutputFile::Unchanged => {
                anyhow::bail!("内部错误：完整生成时 {rel} 不应标为未变")
            }
            OutputFile::Bytes(bytes) => {
                std::fs::write(&path, bytes)
                    .with_context(|| format!("无法写入 {}", path.display()))?;
                report.bytes += bytes.len() as u64;
            }
            OutputFile::Copy(from) => {
                report.bytes += std::fs::copy(from, &path).with_context(|| {
                    format!("无法复制 {} 到 {}", from.display(), path.display())
                })?;
            }
        }
        report.files += 1;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_previous_tree_entirely() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        std::fs::create_dir_all(public.join("old")).expect("mkdir");
        std::fs::write(public.join("old/stale.html"), "x").expect("write");
        let mut out = Output::new();
        out.insert(
            "index.html".into(),
            OutputFile::Bytes(b"<p>new</p>".to_vec()),
        );
        out.insert("a/b/index.html".into(), OutputFile::Bytes(b"b".to_vec()));
        let report = write_output(&out, &public).expect("writes");
        assert_eq!(report.files, 2);
        assert!(!public.join("old").exists());
        assert_eq!(
            std::fs::read_to_string(public.join("a/b/index.html")).expect("read"),
            "b"
        );
        assert!(!tmp.path().join(".public.staging").exists());
        assert!(!tmp.path().join(".public.previous").exists());
    }

    #[test]
    fn a_failed_write_keeps_the_previous_site() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        std::fs::create_dir_all(&public).expect("mkdir");
        std::fs::write(public.join("index.html"), "old").expect("write");
        let mut out = Output::new();
        out.insert("index.html".into(), OutputFile::Bytes(b"new".to_vec()));
        out.insert(
            "x.pdf".into(),
            OutputFile::Copy(tmp.path().join("does-not-exist.pdf")),
        );
        assert!(write_output(&out, &public).is_err());
        assert_eq!(
            std::fs::read_to_string(public.join("index.html")).expect("read"),
            "old"
        );
    }
}
