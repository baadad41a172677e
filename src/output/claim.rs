//! Whether gongkai may write into an output folder, and where it keeps its
//! own bookkeeping for it. The rule: **the output folder is gongkai's only
//! where gongkai made it.** A build deletes or replaces only files that the
//! previous build recorded as its own; everything else in the folder is left
//! as it is.
//!
//! Refused always, even with `--force` (the folder holds what the site is
//! made of, or a repository): the site root, any folder above it, anything
//! inside `content/`, `themes/`, `.git/` or `.gongkai/`, and any folder that
//! holds `site.yaml` or `.git`. Paths are compared canonicalised, so `.`,
//! `..`, symbolic links and spelling do not matter.
//!
//! Refused unless `--force`: a non-empty folder without gongkai's record
//! (someone else's files). With `--force` gongkai takes the folder: it
//! writes the site into it, a file at a path the site generates is
//! replaced, and every other file stays untouched (the build lists them as
//! a note). Files added by hand to a folder gongkai made are never deleted
//! either; one that is in the way of a generated file stops the build unless
//! `--force` is given.
//!
//! ## Bookkeeping
//!
//! Per output folder, in `<site root>/.gongkai/outputs/<name>-<hash>/`
//! (the hash is of the canonical output path, so `/srv/www` never gets a
//! stray file beside it and nothing of it is deployed):
//! - `manifest`: the record of what gongkai wrote (see [`super::manifest`]);
//! - `lock`: held (`flock`) while a build, watch or serve writes the folder,
//!   naming the holder for a second process; the operating system releases
//!   it when the holder dies, so a stale lock is simply taken over;
//! - `output`: the folder's path, for people looking into `.gongkai/`;
//! - `staging/`: new files while a build runs (see below);
//! - `journal`: the renames of a commit in progress (see
//!   [`super::journal`]): one found by the next lock-taker is a commit a
//!   dead process left half done, finished or undone before anything else;
//! - `last-build` and `clock`: the last successful build's inputs key and
//!   report, and the file whose time tells the filesystem's "now" (see
//!   `pipeline::unchanged`: a rebuild with nothing changed runs no stage);
//! - `bodies.tmp`: a build's spill file of rendered bodies, unlinked as soon
//!   as it is opened (see `model::body`), so never seen there.
//!
//! Older versions kept the record beside the folder
//! (`.public.gongkai-manifest`); it is still recognised as gongkai's record
//! and moved into `.gongkai/` by the next successful build.
//!
//! ## Staging
//!
//! The final commit moves files by renaming them, which works only within
//! one filesystem. Staging is therefore in the bookkeeping folder when that
//! is on the same filesystem as the output folder (the usual `public/`
//! inside the site), and otherwise in a hidden `.gongkai-staging/` inside
//! the output folder itself (`/srv/www` on another disk, tmpfs): the only
//! place guaranteed to be on the output's filesystem that is not someone
//! else's folder (the output's parent is not ours). That folder is never
//! recorded, never counted as someone else's file, and removed when the
//! build ends, whether it succeeded or failed.

use super::manifest::{sibling, Manifest};
use super::Faults;
use anyhow::Context;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// The bookkeeping folder in the site root.
pub const BOOKS_DIR: &str = ".gongkai";
/// The staging folder's name when it has to be inside the output folder.
pub const STAGING_IN_OUTPUT: &str = ".gongkai-staging";

/// How the final write may treat the output folder.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// Take a non-empty folder that has no gongkai record, and replace files
    /// that are not gongkai's where the site generates a file of the same
    /// path (`--force`). Never deletes anything that is not gongkai's.
    pub force: bool,
    /// Who is writing, for a second process that finds the folder locked
    /// (main.rs: the command and since when; empty: just `gongkai`).
    pub holder: String,
    /// Failures to inject into the final commit (tests; none by default).
    pub faults: Faults,
}

/// The right to write one output folder: checked, locked, with its record.
#[derive(Debug)]
pub struct Claim {
    /// The output folder as given (may be a symbolic link).
    out_dir: PathBuf,
    /// Where the manifest, lock and (maybe) staging live.
    books: PathBuf,
    /// Where new files wait for the commit.
    staging: PathBuf,
    /// A record beside the output folder from an older version.
    legacy: Option<PathBuf>,
    force: bool,
    faults: Faults,
    _lock: std::fs::File,
}

impl Claim {
    /// Checks that `out_dir` may be written for the site at `root`, locks it
    /// and finds its record; writes nothing but the bookkeeping folder.
    pub fn take(root: &Path, out_dir: &Path, opts: &WriteOptions) -> anyhow::Result<Claim> {
        let books = inspect_inner(root, out_dir)?;
        let outputs = books.parent().unwrap_or(&books).to_path_buf();
        std::fs::create_dir_all(&books).with_context(|| {
            format!(
                "无法在网站根目录创建 gongkai 的记录目录 {}（网站根目录须可写）",
                books.display()
            )
        })?;
        let lock = lock(&books.join("lock"), &opts.holder, out_dir)?;
        let real = resolve(out_dir)?;
        let _ = std::fs::write(books.join("output"), format!("{}\n", real.display()));
        prune_gone(&outputs, &books);

        let legacy = sibling(out_dir, "gongkai-manifest");
        let legacy = (!books.join("manifest").exists() && legacy.is_file()).then_some(legacy);
        let claim = Claim {
            staging: staging_for(&books, &real),
            out_dir: out_dir.to_path_buf(),
            books,
            legacy,
            force: opts.force,
            faults: opts.faults.clone(),
            _lock: lock,
        };
        // A commit a killed process left half done: the folder is one of
        // the two whole sites again (and its record matches) before it is
        // judged or written.
        super::journal::recover(
            &claim.journal_path(),
            &claim.books.join("manifest"),
            &claim.roots(),
        )?;
        if !opts.force && claim.record().is_none() {
            refuse_foreign(out_dir, claim.record_damaged())?;
        }
        Ok(claim)
    }

    /// The output folder as given.
    pub fn out_dir(&self) -> &Path {
        &self.out_dir
    }

    /// The folder new files are staged in until the commit.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// The bookkeeping folder (`.gongkai/outputs/<name>-<hash>/`): gongkai's
    /// own files about this output folder, written only under its lock.
    pub fn books(&self) -> &Path {
        &self.books
    }

    /// Whether `--force` was given.
    pub fn force(&self) -> bool {
        self.force
    }

    pub(crate) fn faults(&self) -> &Faults {
        &self.faults
    }

    /// The journal of a commit in progress.
    pub(crate) fn journal_path(&self) -> PathBuf {
        self.books.join("journal")
    }

    /// The folders a commit moves files between.
    pub(crate) fn roots(&self) -> super::journal::Roots {
        super::journal::Roots {
            out: self.out_dir.clone(),
            staging: self.staging.clone(),
        }
    }

    fn record_path(&self) -> PathBuf {
        let current = self.books.join("manifest");
        match &self.legacy {
            Some(legacy) if !current.exists() => legacy.clone(),
            _ => current,
        }
    }

    /// The record of what gongkai wrote into the folder, if there is a
    /// readable one.
    pub fn record(&self) -> Option<Manifest> {
        Manifest::load_from(&self.record_path())
    }

    /// The record, or an empty one (a fresh or adopted folder: nothing in
    /// it is gongkai's).
    pub fn previous(&self) -> Manifest {
        self.record().unwrap_or_default()
    }

    fn record_damaged(&self) -> bool {
        self.record_path().exists()
    }

    /// Saves `text` (a manifest's) as the folder's record (temporary file, then
    /// rename: the old record stays whole until the new one replaces it).
    pub(crate) fn save_record(&self, text: &str) -> std::io::Result<()> {
        let target = self.books.join("manifest");
        let temp = self.books.join("manifest.tmp");
        std::fs::write(&temp, text)?;
        if let Err(e) = self.faults.step("保存记录", &target) {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
        std::fs::rename(&temp, &target)?;
        if let Some(legacy) = &self.legacy {
            // Moved into .gongkai/: the old place is no longer read.
            let _ = std::fs::remove_file(legacy);
        }
        Ok(())
    }
}

/// What `gongkai check` can tell without writing: whether a build could
/// write `out_dir` (the refusals of [`Claim::take`], not the lock).
pub fn inspect(root: &Path, out_dir: &Path, force: bool) -> anyhow::Result<()> {
    let books = inspect_inner(root, out_dir)?;
    if !force && Manifest::load_from(&books.join("manifest")).is_none() {
        let legacy = sibling(out_dir, "gongkai-manifest");
        if Manifest::load_from(&legacy).is_none() {
            refuse_foreign(out_dir, books.join("manifest").exists() || legacy.exists())?;
        }
    }
    Ok(())
}

/// The refusals no flag overrides; returns the folder the bookkeeping of
/// `out_dir` belongs in (not created).
fn inspect_inner(root: &Path, out_dir: &Path) -> anyhow::Result<PathBuf> {
    let root_real = std::fs::canonicalize(root)
        .with_context(|| format!("找不到网站根目录 {}", root.display()))?;
    let real =
        resolve(out_dir).with_context(|| format!("无法解析输出目录 {}", out_dir.display()))?;
    refuse_always(&root_real, &real, out_dir)?;
    if real.exists() && !real.is_dir() {
        anyhow::bail!(
            "[OUT007] 输出目录 {} 是一个文件，不是目录；请换一个目录作为 --output",
            out_dir.display()
        );
    }
    Ok(root_real
        .join(BOOKS_DIR)
        .join("outputs")
        .join(key_of(&real)))
}

/// Refusals that no flag overrides.
fn refuse_always(root: &Path, real: &Path, shown: &Path) -> anyhow::Result<()> {
    let refuse = |why: &str| -> anyhow::Result<()> {
        anyhow::bail!(
            "[OUT001] 拒绝把网站生成到 {}：{why}。网站自身的文件和版本库所在之处不能作为输出目录（--force 也不行）；请用网站根目录下的 public/（默认）或另一个空目录",
            shown.display()
        )
    };
    if real == root {
        return refuse("它就是网站根目录");
    }
    if root.starts_with(real) {
        return refuse("它包含网站根目录（是网站根目录的上级目录）");
    }
    for (dir, label) in [
        ("content", "content/（网站内容）"),
        ("themes", "themes/（主题）"),
        (".git", ".git/（版本库）"),
        (BOOKS_DIR, ".gongkai/（gongkai 的记录）"),
    ] {
        let inside = root.join(dir);
        let inside = std::fs::canonicalize(&inside).unwrap_or(inside);
        if real.starts_with(&inside) {
            return refuse(&format!("它在网站的 {label} 之内"));
        }
    }
    let holds = |name: &str| std::fs::symlink_metadata(real.join(name)).is_ok();
    if holds(crate::config::CONFIG_FILE) {
        return refuse("其中有 site.yaml，像是一个网站的根目录");
    }
    if holds(".git") {
        return refuse("其中有 .git，像是一个版本库");
    }
    Ok(())
}

/// Refuses a non-empty folder that gongkai has no record of.
fn refuse_foreign(out_dir: &Path, damaged: bool) -> anyhow::Result<()> {
    let mut names: Vec<String> = match std::fs::read_dir(out_dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name() != STAGING_IN_OUTPUT)
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    format!("{name}/")
                } else {
                    name
                }
            })
            .collect(),
        Err(_) => return Ok(()),
    };
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let count = names.len();
    let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
    let more = if count > shown.len() { "等" } else { "" };
    let why = if damaged {
        "gongkai 对它的记录已损坏"
    } else {
        "也没有 gongkai 生成它的记录"
    };
    anyhow::bail!(
        "[OUT003] 输出目录 {} 不是空的，{why}：其中有 {count} 项（{}{more}）。gongkai 不删除、不覆盖不是它生成的文件，因此不写入这个目录。请换一个不存在的或空的目录作为 --output；如果这是以前生成的网站而记录丢失了，可删除该目录后重新生成；确认要写入它时加 --force（网站文件写入其中，同名文件被替换，其他文件保留不动）",
        out_dir.display(),
        shown.join("、")
    )
}

/// Locks `path` for this process, or says who holds it.
fn lock(path: &Path, holder: &str, out_dir: &Path) -> anyhow::Result<std::fs::File> {
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .with_context(|| format!("无法打开锁文件 {}", path.display()))?;
    match try_lock(&file) {
        Ok(true) => {
            let holder = if holder.is_empty() { "gongkai" } else { holder };
            // Who holds it is information for others, not part of the lock.
            let _ = file.set_len(0);
            let _ = write!(file, "{}\n{holder}\n", std::process::id());
            Ok(file)
        }
        Ok(false) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            let mut lines = text.lines();
            let pid = lines.next().unwrap_or("").trim();
            let who = lines.next().unwrap_or("").trim();
            let pid = if pid.is_empty() { "未知" } else { pid };
            let who = if who.is_empty() { "gongkai" } else { who };
            anyhow::bail!(
                "[OUT006] 输出目录 {} 正被另一个 gongkai 进程使用（进程 {pid}：{who}），为免两者同时改写同一目录，本次未生成。请等它结束，或先停止它（在它的终端按 Ctrl+C）后再试",
                out_dir.display()
            )
        }
        Err(e) => Err(e).with_context(|| format!("无法锁定 {}", path.display())),
    }
}

/// Takes an exclusive `flock` on `file` without waiting: false when another
/// open file holds it. The kernel drops it when the holder's process ends,
/// however it ends.
fn try_lock(file: &std::fs::File) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    // SAFETY: flock only reads the descriptor, which `file` keeps open for
    // the duration of the call.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    if e.kind() == std::io::ErrorKind::WouldBlock {
        Ok(false)
    } else {
        Err(e)
    }
}

/// Removes the bookkeeping of output folders whose parent folder no longer
/// exists (temporary folders long gone), unless another process holds it.
/// A folder that is merely missing (an unmounted disk's mount point stays)
/// keeps its record.
fn prune_gone(outputs: &Path, own: &Path) {
    let Ok(entries) = std::fs::read_dir(outputs) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let dir = entry.path();
        if dir == own {
            continue;
        }
        let Ok(recorded) = std::fs::read_to_string(dir.join("output")) else {
            continue;
        };
        let gone = Path::new(recorded.trim_end_matches('\n'))
            .parent()
            .is_some_and(|p| !p.exists());
        if !gone {
            continue;
        }
        let free =
            std::fs::File::open(dir.join("lock")).is_ok_and(|f| try_lock(&f).unwrap_or(false));
        if free {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

/// Staging beside the bookkeeping when renames from there reach the output
/// folder (same filesystem), else hidden inside the output folder.
fn staging_for(books: &Path, real_out: &Path) -> PathBuf {
    use std::os::unix::fs::MetadataExt;
    let dev = |p: &Path| std::fs::metadata(p).map(|m| m.dev()).ok();
    let out_dev = real_out.ancestors().find_map(dev);
    if out_dev.is_some() && dev(books) == out_dev {
        books.join("staging")
    } else {
        real_out.join(STAGING_IN_OUTPUT)
    }
}

/// `<name>-<hash>` for a canonical output path: readable and unique.
fn key_of(real: &Path) -> String {
    let name: String = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(40)
        .collect();
    let hash = crate::util::hash::hash_bytes(real.as_os_str().as_encoded_bytes());
    format!("{}-{hash:016x}", name.trim_start_matches('.'))
}

/// The canonical form of `path`, which need not exist: its longest existing
/// ancestor canonicalised, then the rest of it.
pub(crate) fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let parts: Vec<Component<'_>> = abs.components().collect();
    for cut in (1..=parts.len()).rev() {
        let prefix: PathBuf = parts[..cut].iter().collect();
        let Ok(mut real) = std::fs::canonicalize(&prefix) else {
            continue;
        };
        for part in &parts[cut..] {
            match part {
                Component::ParentDir => {
                    real.pop();
                }
                Component::Normal(name) => real.push(name),
                _ => {}
            }
        }
        return Ok(real);
    }
    Ok(abs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_paths_that_do_not_exist_yet() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let real = std::fs::canonicalize(tmp.path()).expect("canonical");
        assert_eq!(
            resolve(&tmp.path().join("a/../b/./c")).expect("resolve"),
            real.join("b/c")
        );
        std::os::unix::fs::symlink(tmp.path(), tmp.path().join("link")).expect("symlink");
        assert_eq!(
            resolve(&tmp.path().join("link/x")).expect("resolve"),
            real.join("x")
        );
    }
}
