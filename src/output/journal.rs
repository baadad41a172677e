//! The commit's journal on disk: `journal` in the output folder's
//! bookkeeping folder (`.gongkai/outputs/<name>-<hash>/`), written before
//! the first rename of the final commit and removed when the commit has
//! ended either way. Finding one means a process died in the middle of a
//! commit; [`recover`] (run by the next process that takes the folder's
//! lock) then puts the folder back to one of the two whole sites:
//!
//! - if the record is the one the journal names (it is saved after the
//!   last rename), the new site is complete: only the staging folder goes;
//! - otherwise every step that ran is undone, newest first, and the folder
//!   is the previous site again, byte for byte, matching its record.
//!
//! Whether a step ran is read from the folders, not from the journal (no
//! write per rename): a file leaves the folder it is moved from, and
//! nothing else moves files of the staging folder, so "gone from where it
//! was, present where it went" is "ran". The journal is a first line
//! `{"v":1,"record":"<hash>","created_out":…}` then one JSON array per
//! step, `[kind, path]`; a line cut off by the kill is a step that never
//! ran (steps run only after their part is written).

use anyhow::Context;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Which folder a path is relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    /// The output folder.
    Out,
    /// The staging folder's `new/`.
    New,
    /// The staging folder's `old/`.
    Old,
}

/// A `/`-separated path relative to a [`Base`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place(pub(crate) Base, pub(crate) String);

/// The folders a commit moves files between.
#[derive(Debug, Clone)]
pub(crate) struct Roots {
    /// The output folder as given.
    pub(crate) out: PathBuf,
    /// The staging folder (its `new/` and `old/`).
    pub(crate) staging: PathBuf,
}

impl Roots {
    /// The file or folder at `place`.
    pub(crate) fn path(&self, place: &Place) -> PathBuf {
        let base = match place.0 {
            Base::Out => self.out.clone(),
            Base::New => self.staging.join("new"),
            Base::Old => self.staging.join("old"),
        };
        if place.1.is_empty() {
            base
        } else {
            base.join(&place.1)
        }
    }
}

/// One step of the commit, on an output path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// A stale file of gongkai's: output → `old/`.
    MoveOut(String),
    /// A folder of the output that moving out may have emptied: removed
    /// if empty.
    RemoveDir(String),
    /// A file about to be replaced: output → `old/`.
    Replace(String),
    /// A new or changed file or folder: `new/` → output.
    MoveIn(String),
}

impl Step {
    /// What it does, for messages.
    pub(crate) fn what(&self) -> &'static str {
        match self {
            Step::MoveOut(_) => "移走旧文件",
            Step::RemoveDir(_) => "删除空目录",
            Step::Replace(_) => "移走被替换的文件",
            Step::MoveIn(_) => "放入新文件",
        }
    }

    /// The place it moves something to (the folder it removes).
    pub(crate) fn target(&self) -> Place {
        match self {
            Step::MoveOut(rel) | Step::Replace(rel) => Place(Base::Old, rel.clone()),
            Step::RemoveDir(rel) | Step::MoveIn(rel) => Place(Base::Out, rel.clone()),
        }
    }

    /// (from, to) of a rename.
    fn rename(&self) -> Option<(Place, Place)> {
        match self {
            Step::MoveOut(rel) | Step::Replace(rel) => {
                Some((Place(Base::Out, rel.clone()), Place(Base::Old, rel.clone())))
            }
            Step::MoveIn(rel) => {
                Some((Place(Base::New, rel.clone()), Place(Base::Out, rel.clone())))
            }
            Step::RemoveDir(_) => None,
        }
    }

    fn code(&self) -> (&'static str, &str) {
        match self {
            Step::MoveOut(rel) => ("out", rel),
            Step::RemoveDir(rel) => ("rmdir", rel),
            Step::Replace(rel) => ("replace", rel),
            Step::MoveIn(rel) => ("in", rel),
        }
    }

    fn from_code(kind: &str, rel: String) -> Option<Step> {
        Some(match kind {
            "out" => Step::MoveOut(rel),
            "rmdir" => Step::RemoveDir(rel),
            "replace" => Step::Replace(rel),
            "in" => Step::MoveIn(rel),
            _ => return None,
        })
    }
}

/// The journal's first line.
pub(crate) fn header(record_hash: u64, created_out: bool) -> String {
    serde_json::json!({
        "v": 1,
        "record": format!("{record_hash:016x}"),
        "created_out": created_out,
    })
    .to_string()
}

/// Appends `steps` (after `header`, for the first part) to the journal in
/// one write.
pub(crate) fn append(file: &Path, header: Option<&str>, steps: &[Step]) -> io::Result<()> {
    let mut text = String::with_capacity(steps.len() * 48 + 64);
    if let Some(h) = header {
        text.push_str(h);
        text.push('\n');
    }
    for step in steps {
        let (kind, rel) = step.code();
        text.push_str(&serde_json::json!([kind, rel]).to_string());
        text.push('\n');
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)?;
    f.write_all(text.as_bytes())
}

/// Runs one step.
pub(crate) fn run(roots: &Roots, step: &Step) -> io::Result<()> {
    match step.rename() {
        Some((from, to)) => {
            let to = roots.path(&to);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(roots.path(&from), to)
        }
        None => {
            // A folder that still holds something (someone else's file)
            // stays: that is not a failure.
            let _ = std::fs::remove_dir(roots.path(&step.target()));
            Ok(())
        }
    }
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Undoes, newest first, each of `steps` that ran (as the folders show);
/// returns what could not be undone.
pub(crate) fn undo(roots: &Roots, steps: &[Step]) -> Vec<String> {
    let mut failures = Vec::new();
    for step in steps.iter().rev() {
        match step.rename() {
            Some((from, to)) => {
                let (from, to) = (roots.path(&from), roots.path(&to));
                if exists(&from) || !exists(&to) {
                    continue; // did not run
                }
                let back = from
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::rename(&to, &from));
                if let Err(e) = back {
                    failures.push(format!("{} 无法移回 {}：{e}", to.display(), from.display()));
                }
            }
            None => {
                let dir = roots.path(&step.target());
                if !exists(&dir) {
                    if let Err(e) = std::fs::create_dir_all(&dir) {
                        failures.push(format!("无法重建目录 {}：{e}", dir.display()));
                    }
                }
            }
        }
    }
    failures
}

/// Removes a staging folder a dead process left.
fn remove_staging(roots: &Roots) -> anyhow::Result<()> {
    if exists(&roots.staging) {
        std::fs::remove_dir_all(&roots.staging)
            .with_context(|| format!("无法清理上次遗留的 {}", roots.staging.display()))?;
    }
    Ok(())
}

/// Removes the journal (gone already is fine).
pub(crate) fn remove(file: &Path) -> io::Result<()> {
    match std::fs::remove_file(file) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// What [`recover`] found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Recovered {
    /// The commit had saved its record: the new site stands.
    Completed,
    /// The commit had not: the previous site is back.
    RolledBack,
}

/// Finishes a commit that a dead process left half done (see the module
/// docs): the journal `file` in the bookkeeping folder, the record file
/// `record`, the folders `roots`. Run while holding the folder's lock.
/// `None` when there was no journal (a staging folder without one is
/// removed).
pub(crate) fn recover(
    file: &Path,
    record: &Path,
    roots: &Roots,
) -> anyhow::Result<Option<Recovered>> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A staging folder without a journal: a build that died before
            // its first rename (or after its journal went). Nothing of it
            // is in the output folder.
            remove_staging(roots)?;
            return Ok(None);
        }
        Err(e) => {
            return Err(e).with_context(|| format!("无法读取提交日志 {}", file.display()));
        }
    };
    let mut lines = text.lines();
    let head: Option<serde_json::Value> = lines.next().and_then(|l| serde_json::from_str(l).ok());
    let steps: Vec<Step> = lines
        .map_while(|line| {
            let v: serde_json::Value = serde_json::from_str(line).ok()?;
            let kind = v.get(0)?.as_str()?;
            let rel = v.get(1)?.as_str()?.to_string();
            Step::from_code(kind, rel)
        })
        .collect();
    let recorded = head
        .as_ref()
        .and_then(|h| h.get("record"))
        .and_then(serde_json::Value::as_str)
        .map(str::to_string);
    let now = std::fs::read(record)
        .ok()
        .map(|bytes| format!("{:016x}", crate::util::hash::hash_bytes(&bytes)));
    let outcome = if recorded.is_some() && recorded == now {
        Recovered::Completed
    } else {
        let failures = undo(roots, &steps);
        if !failures.is_empty() {
            anyhow::bail!(
                "[OUT008] 上次生成在更新输出目录 {} 的途中中断，恢复为上次的网站时有 {} 处失败（{}）。上次网站被移走的文件保存在 {}，提交日志 {} 已保留，下次生成时会再试；也可据此手动恢复",
                roots.out.display(),
                failures.len(),
                failures.join("；"),
                roots.path(&Place(Base::Old, String::new())).display(),
                file.display()
            );
        }
        Recovered::RolledBack
    };
    remove_staging(roots)?;
    let created_out = head
        .as_ref()
        .and_then(|h| h.get("created_out"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    if outcome == Recovered::RolledBack && created_out {
        // It did not exist before: an empty folder is not the previous site.
        let _ = std::fs::remove_dir(&roots.out);
    }
    let _ = std::fs::remove_file(record.with_extension("tmp"));
    remove(file).with_context(|| format!("无法删除提交日志 {}", file.display()))?;
    Ok(Some(outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(path: &Path, text: &str) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_default()
    }

    /// The folders of a commit in `tmp`, the journal and the record, and
    /// `a.html` in the output with its replacement staged.
    fn commit_in(tmp: &Path) -> (Roots, PathBuf, PathBuf) {
        let roots = Roots {
            out: tmp.join("public"),
            staging: tmp.join("books/staging"),
        };
        put(&roots.out.join("a.html"), "old a");
        put(&roots.staging.join("new/a.html"), "new a");
        (roots, tmp.join("books/journal"), tmp.join("books/manifest"))
    }

    /// Killed after replacing `a.html`, while writing the journal's next
    /// step (its line cut off): `a.html` is put back, `b/` never moved in
    /// stays out, and the staging folder and journal go.
    #[test]
    fn a_half_done_commit_is_undone_up_to_a_cut_off_line() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let (roots, file, record) = commit_in(tmp.path());
        put(&roots.out.join("gone.html"), "gone");
        put(&roots.staging.join("new/b/c.html"), "new c");
        put(&record, "the previous record");
        let steps = [
            Step::MoveOut("gone.html".into()),
            Step::Replace("a.html".into()),
            Step::MoveIn("a.html".into()),
        ];
        append(&file, Some(&header(1, false)), &steps).expect("journal");
        for step in &steps {
            run(&roots, step).expect("step");
        }
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&file)
            .expect("open");
        f.write_all(b"[\"in\",\"b").expect("cut line");
        assert_eq!(read(&roots.out.join("a.html")), "new a");

        let got = recover(&file, &record, &roots).expect("recover");
        assert_eq!(got, Some(Recovered::RolledBack));
        assert_eq!(read(&roots.out.join("a.html")), "old a");
        assert_eq!(read(&roots.out.join("gone.html")), "gone");
        assert!(!roots.out.join("b").exists());
        assert!(!roots.staging.exists() && !file.exists());
        assert_eq!(read(&record), "the previous record");
        assert_eq!(recover(&file, &record, &roots).expect("again"), None);
    }

    /// Killed after the record was saved: the new site stands.
    #[test]
    fn a_commit_whose_record_was_saved_is_kept() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let (roots, file, record) = commit_in(tmp.path());
        let steps = [
            Step::Replace("a.html".into()),
            Step::MoveIn("a.html".into()),
        ];
        let text = "the new record";
        let hash = crate::util::hash::hash_bytes(text.as_bytes());
        append(&file, Some(&header(hash, false)), &steps).expect("journal");
        for step in &steps {
            run(&roots, step).expect("step");
        }
        put(&record, text);
        let got = recover(&file, &record, &roots).expect("recover");
        assert_eq!(got, Some(Recovered::Completed));
        assert_eq!(read(&roots.out.join("a.html")), "new a");
        assert!(!roots.staging.exists() && !file.exists());
    }
}
