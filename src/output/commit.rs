//! The final commit as a journal of renames that can be undone. Every change
//! to the output folder is a rename within one filesystem: a file gongkai no
//! longer publishes, or one about to be replaced, is moved into the staging
//! folder's `old/` (not deleted), new files are moved in from `new/`, and the
//! record is saved last. If any step fails (disk full, permission denied,
//! something in the way) the journal is played backwards and the folder is
//! again exactly the previous site; only then is the staging folder removed.
//! If even undoing fails, the staging folder is kept, because `old/` then
//! holds the previous files, and the error says where.
//!
//! Each step first asks [`Faults`] whether to fail, which is how tests
//! prove that a failure at any step leaves the previous site intact.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Failures to inject into the steps of the final commit, for tests: the
/// step with the given number (0-based, counted over the whole commit)
/// fails with the given kind of error instead of running. Clones share the
/// count, so a test can ask afterwards how many steps ran.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    fail_at: Option<(usize, io::ErrorKind)>,
    steps: Arc<AtomicUsize>,
}

impl Faults {
    /// Step `n` fails with `kind` (e.g. `StorageFull`, `PermissionDenied`).
    pub fn fail_at(n: usize, kind: io::ErrorKind) -> Faults {
        Faults {
            fail_at: Some((n, kind)),
            steps: Arc::default(),
        }
    }

    /// Whether no failure is injected (the default).
    pub fn is_none(&self) -> bool {
        self.fail_at.is_none()
    }

    /// How many steps were reached so far (including a failed one).
    pub fn steps(&self) -> usize {
        self.steps.load(Ordering::SeqCst)
    }

    /// Called before each step that changes the output folder or the record.
    pub(crate) fn step(&self, what: &str, path: &Path) -> io::Result<()> {
        let n = self.steps.fetch_add(1, Ordering::SeqCst);
        match self.fail_at {
            Some((at, kind)) if at == n => Err(io::Error::new(
                kind,
                format!("注入的故障：第 {n} 步（{what} {}）", path.display()),
            )),
            _ => Ok(()),
        }
    }
}

enum Undo {
    /// `from` was renamed to `to`.
    Moved { from: PathBuf, to: PathBuf },
    /// An empty folder was removed.
    RemovedDir(PathBuf),
}

/// The changes made so far, to be undone if a later one fails.
pub(crate) struct Journal<'f> {
    faults: &'f Faults,
    done: Vec<Undo>,
}

impl<'f> Journal<'f> {
    pub(crate) fn new(faults: &'f Faults) -> Journal<'f> {
        Journal {
            faults,
            done: Vec::new(),
        }
    }

    fn rename(&mut self, what: &str, from: &Path, to: &Path) -> io::Result<()> {
        self.faults.step(what, to)?;
        std::fs::rename(from, to).map_err(|e| with_path(e, what, to))?;
        self.done.push(Undo::Moved {
            from: from.to_path_buf(),
            to: to.to_path_buf(),
        });
        Ok(())
    }

    /// Removes `dir` if it is empty; false when it is not (or cannot be).
    fn remove_empty_dir(&mut self, dir: &Path) -> io::Result<bool> {
        self.faults.step("删除空目录", dir)?;
        if std::fs::remove_dir(dir).is_err() {
            return Ok(false);
        }
        self.done.push(Undo::RemovedDir(dir.to_path_buf()));
        Ok(true)
    }

    /// Undoes every change, newest first; returns what could not be undone.
    pub(crate) fn roll_back(self) -> Vec<String> {
        let mut failures = Vec::new();
        for undo in self.done.into_iter().rev() {
            let result = match &undo {
                Undo::Moved { from, to } => std::fs::rename(to, from),
                Undo::RemovedDir(dir) => std::fs::create_dir(dir),
            };
            if let Err(e) = result {
                failures.push(match undo {
                    Undo::Moved { from, to } => {
                        format!("{} 无法移回 {}：{e}", to.display(), from.display())
                    }
                    Undo::RemovedDir(dir) => format!("无法重建目录 {}：{e}", dir.display()),
                });
            }
        }
        failures
    }
}

fn with_path(e: io::Error, what: &str, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{what} {}：{e}", path.display()))
}

/// Moves the files gongkai no longer publishes (`stale`, its own) out of
/// `out` into `old`, then removes the folders that leaves empty. Returns
/// the paths moved.
pub(crate) fn move_out_stale(
    journal: &mut Journal<'_>,
    out: &Path,
    old: &Path,
    stale: &[&str],
) -> io::Result<Vec<String>> {
    let mut real_dirs = HashMap::new();
    let mut moved = Vec::new();
    for rel in stale {
        let path = out.join(rel);
        // Only a file reached through real folders of the output folder: a
        // folder replaced by a link must not lead the deletion elsewhere.
        let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir());
        if !is_file || !through_real_dirs(out, rel, &mut real_dirs) {
            continue;
        }
        let to = old.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        journal.rename("移走旧文件", &path, &to)?;
        moved.push((*rel).to_string());
    }
    let mut parents: Vec<PathBuf> = moved
        .iter()
        .flat_map(|rel| {
            Path::new(rel)
                .ancestors()
                .skip(1)
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| out.join(p))
                .collect::<Vec<_>>()
        })
        .collect();
    // Deepest first, so a folder emptied by its children goes too.
    parents.sort_by_key(|d| std::cmp::Reverse((d.components().count(), d.clone())));
    parents.dedup();
    for dir in parents {
        journal.remove_empty_dir(&dir)?;
    }
    Ok(moved)
}

/// Moves everything under `new` into `out`: a folder that `out` does not
/// have goes as a whole; a file that `out` has is first moved to `old`.
pub(crate) fn move_in(
    journal: &mut Journal<'_>,
    out: &Path,
    new: &Path,
    old: &Path,
) -> io::Result<()> {
    let mut names: Vec<std::fs::DirEntry> = std::fs::read_dir(new)?.collect::<Result<_, _>>()?;
    // A fixed order, so a run is repeatable step by step.
    names.sort_by_key(std::fs::DirEntry::file_name);
    for entry in names {
        let from = entry.path();
        let to = out.join(entry.file_name());
        let is_dir = entry.file_type()?.is_dir();
        match std::fs::symlink_metadata(&to) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                journal.rename("放入新文件", &from, &to)?;
            }
            Err(e) => return Err(with_path(e, "读取", &to)),
            Ok(m) if m.is_dir() && is_dir => {
                move_in(journal, &to, &from, &old.join(entry.file_name()))?;
            }
            Ok(m) if !m.is_dir() && !is_dir => {
                std::fs::create_dir_all(old)?;
                let backup = old.join(entry.file_name());
                journal.rename("移走被替换的文件", &to, &backup)?;
                journal.rename("放入新文件", &from, &to)?;
            }
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!(
                        "{} 已存在，而网站要在这里放一个{}",
                        to.display(),
                        if is_dir { "目录" } else { "文件" }
                    ),
                ))
            }
        }
    }
    Ok(())
}

/// True when every folder on the way from `out` to `rel` is a real folder
/// (not a symbolic link). `cache` remembers folders already looked at.
pub(crate) fn through_real_dirs(out: &Path, rel: &str, cache: &mut HashMap<PathBuf, bool>) -> bool {
    let mut dir = PathBuf::new();
    let parts: Vec<&str> = rel.split('/').collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        dir.push(part);
        let real = *cache.entry(dir.clone()).or_insert_with(|| {
            std::fs::symlink_metadata(out.join(&dir)).is_ok_and(|m| m.file_type().is_dir())
        });
        if !real {
            return false;
        }
    }
    true
}
