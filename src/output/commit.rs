//! The final commit as a journal of renames that can be undone. Every change
//! to the output folder is a rename within one filesystem: a file gongkai no
//! longer publishes, or one about to be replaced, is moved into the staging
//! folder's `old/` (not deleted), new files are moved in from `new/`, and the
//! record is saved last.
//!
//! The renames are planned before they run, in two parts (moving the stale
//! files out, then moving the new ones in, which depends on the folders the
//! first part emptied), and each part is written to the journal file
//! ([`super::journal`]) before its first rename. If any step fails (disk
//! full, permission denied, something in the way) the plan is played
//! backwards and the folder is again exactly the previous site; only then
//! is the staging folder removed. If the process dies instead (killed,
//! power cut between renames), the next process to take the folder's lock
//! finds the journal and does the same. If even undoing fails, the staging
//! folder and the journal are kept, because `old/` then holds the previous
//! files, and the error says where.
//!
//! Each step first asks [`Faults`] whether to fail, which is how tests
//! prove that a failure, or a kill, at any step leaves the previous site
//! intact.

use super::journal::{self, Base, Place, Roots, Step};
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Failures to inject into the steps of the final commit, for tests: the
/// step with the given number (0-based, counted over the whole commit)
/// fails with the given kind of error instead of running, or the process
/// aborts there (as abruptly as a SIGKILL). Clones share the count, so a
/// test can ask afterwards how many steps ran.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    fail_at: Option<(usize, io::ErrorKind)>,
    abort_at: Option<usize>,
    steps: Arc<AtomicUsize>,
}

impl Faults {
    /// Step `n` fails with `kind` (e.g. `StorageFull`, `PermissionDenied`).
    pub fn fail_at(n: usize, kind: io::ErrorKind) -> Faults {
        Faults {
            fail_at: Some((n, kind)),
            ..Faults::default()
        }
    }

    /// The process aborts before step `n` runs (`n` = the number of steps
    /// a commit has: after the record is saved, before the journal goes).
    pub fn abort_at(n: usize) -> Faults {
        Faults {
            abort_at: Some(n),
            ..Faults::default()
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
        if self.abort_at == Some(n) {
            std::process::abort();
        }
        match self.fail_at {
            Some((at, kind)) if at == n => Err(io::Error::new(
                kind,
                format!("注入的故障：第 {n} 步（{what} {}）", path.display()),
            )),
            _ => Ok(()),
        }
    }

    /// The commit is complete (record saved): only an abort may happen
    /// here, numbered as the step after the last.
    pub(crate) fn committed(&self) {
        if self.abort_at == Some(self.steps()) {
            std::process::abort();
        }
    }
}

/// The commit's renames: planned, written to the journal file, run; and
/// undone (newest first) if a later one fails.
pub(crate) struct Journal<'f> {
    faults: &'f Faults,
    roots: Roots,
    file: PathBuf,
    /// The journal's first line (what the record will be once committed).
    header: String,
    /// Every step written to the journal so far, run or not.
    planned: Vec<Step>,
}

impl<'f> Journal<'f> {
    /// A commit into `roots` whose journal is `file` and whose record, once
    /// saved, has `record_hash`; `created_out` when the output folder did
    /// not exist before this build.
    pub(crate) fn new(
        faults: &'f Faults,
        roots: Roots,
        file: PathBuf,
        record_hash: u64,
        created_out: bool,
    ) -> Journal<'f> {
        Journal {
            faults,
            roots,
            file,
            header: journal::header(record_hash, created_out),
            planned: Vec::new(),
        }
    }

    /// Writes `steps` to the journal, then runs them in order.
    pub(crate) fn run(&mut self, steps: Vec<Step>) -> io::Result<()> {
        if steps.is_empty() {
            return Ok(());
        }
        self.faults.step("写入提交日志", &self.file)?;
        let header = self.planned.is_empty().then_some(self.header.as_str());
        journal::append(&self.file, header, &steps)
            .map_err(|e| with_path(e, "写入提交日志", &self.file))?;
        for step in steps {
            self.planned.push(step.clone());
            self.faults
                .step(step.what(), &self.roots.path(&step.target()))?;
            journal::run(&self.roots, &step)
                .map_err(|e| with_path(e, step.what(), &self.roots.path(&step.target())))?;
        }
        Ok(())
    }

    /// The record is saved: the commit stands; the journal goes.
    pub(crate) fn finish(self) -> io::Result<()> {
        self.faults.committed();
        journal::remove(&self.file)
    }

    /// Undoes every step that ran, newest first; returns what could not be
    /// undone. The journal is removed when everything was (else it stays,
    /// for the next process to try again).
    pub(crate) fn roll_back(self) -> Vec<String> {
        let failures = journal::undo(&self.roots, &self.planned);
        if failures.is_empty() {
            let _ = journal::remove(&self.file);
        }
        failures
    }
}

fn with_path(e: io::Error, what: &str, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{what} {}：{e}", path.display()))
}

/// The steps that move the files gongkai no longer publishes (`stale`,
/// its own) out of `out` into `old/`, then remove the folders that leaves
/// empty; and the paths moved.
pub(crate) fn plan_move_out(out: &Path, stale: &[&str]) -> (Vec<Step>, Vec<String>) {
    let mut real_dirs = HashMap::new();
    let mut steps = Vec::new();
    let mut moved = Vec::new();
    for rel in stale {
        let path = out.join(rel);
        // Only a file reached through real folders of the output folder: a
        // folder replaced by a link must not lead the deletion elsewhere.
        let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir());
        if !is_file || !through_real_dirs(out, rel, &mut real_dirs) {
            continue;
        }
        steps.push(Step::MoveOut(rel.to_string()));
        moved.push((*rel).to_string());
    }
    let mut parents: Vec<&str> = moved
        .iter()
        .flat_map(|rel| {
            rel.match_indices('/')
                .map(|(i, _)| &rel[..i])
                .collect::<Vec<_>>()
        })
        .collect();
    // Deepest first, so a folder emptied by its children goes too.
    parents.sort_by_key(|d| std::cmp::Reverse((d.matches('/').count(), *d)));
    parents.dedup();
    steps.extend(parents.into_iter().map(|d| Step::RemoveDir(d.to_string())));
    (steps, moved)
}

/// The steps that move everything under `new/` into `out` (after the
/// stale files went): a folder that `out` does not have goes as a whole; a
/// file that `out` has is first moved to `old/`.
pub(crate) fn plan_move_in(roots: &Roots) -> io::Result<Vec<Step>> {
    let mut steps = Vec::new();
    plan_folder(roots, "", &mut steps)?;
    Ok(steps)
}

fn plan_folder(roots: &Roots, rel: &str, steps: &mut Vec<Step>) -> io::Result<()> {
    let dir = roots.path(&Place(Base::New, rel.to_string()));
    let mut names: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    // A fixed order, so a run is repeatable step by step.
    names.sort_by_key(std::fs::DirEntry::file_name);
    for entry in names {
        let name = entry.file_name().into_string().map_err(|name| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("暂存目录中有非 UTF-8 文件名 {name:?}"),
            )
        })?;
        let child = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        let to = roots.path(&Place(Base::Out, child.clone()));
        let is_dir = entry.file_type()?.is_dir();
        match std::fs::symlink_metadata(&to) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => steps.push(Step::MoveIn(child)),
            Err(e) => return Err(with_path(e, "读取", &to)),
            Ok(m) if m.is_dir() && is_dir => plan_folder(roots, &child, steps)?,
            Ok(m) if !m.is_dir() && !is_dir => {
                steps.push(Step::Replace(child.clone()));
                steps.push(Step::MoveIn(child));
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
