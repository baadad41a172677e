//! Writes a build into the output folder as one change: only files whose
//! bytes differ are written, first to a staging folder (see
//! [`super::claim`] for where) while pages are still being rendered; when
//! every page has rendered, [`Writer::commit`] moves them into place,
//! removes the files of gongkai's previous build that the site no longer
//! has, and saves the record, as one journal that is undone if any step
//! fails ([`super::commit`]). Files that are not gongkai's are never
//! deleted; one in the way of a generated file stops the build (or, with
//! `--force`, is replaced). A build that fails at any point leaves the
//! output folder exactly as it was and no staging folder behind.
//!
//! Rendering threads hand each file over as soon as it is made, so memory
//! holds a page at a time, not the whole site. A file that is the same as
//! on disk is not rewritten: web servers, rsync and CDN caches see only real
//! changes, and a rebuild with nothing edited writes nothing.

use super::claim::{Claim, STAGING_IN_OUTPUT};
use super::commit::{plan_move_in, plan_move_out, through_real_dirs, Journal};
use super::manifest::{stat, Entry, Manifest};
use super::staged_dirs::StagedDirs;
use super::{CopySource, OutputFile};
use crate::load::relative_slash_path;
use anyhow::Context;
use std::collections::{HashMap, HashSet};
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
    /// Output paths deleted (gongkai's files no longer part of the site),
    /// sorted.
    pub deleted: Vec<String>,
    /// Files in the output folder that are not gongkai's, left untouched
    /// (sorted; not looked for in watch mode).
    pub foreign: Vec<String>,
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
    claim: &'m Claim,
    out_dir: PathBuf,
    /// The staging folder: `new/` holds the new files, `old/` what the
    /// commit moves out of the way.
    staging: PathBuf,
    new_dir: PathBuf,
    old: &'m Manifest,
    /// The output folder is missing or empty: nothing in it is in the way.
    fresh: bool,
    /// This process created the output folder (removed again on failure).
    created_out: bool,
    /// `old` lists exactly the files gongkai has in the output folder (this
    /// process wrote them), so the folder need not be walked for files that
    /// are not gongkai's.
    trusted: bool,
    /// The folders made so far under `new_dir`.
    staged_dirs: StagedDirs,
    committed: bool,
}

impl<'m> Writer<'m> {
    /// Starts writing a build into the claimed folder, whose record is `old`
    /// (read from disk: the folder is walked at the commit to report files
    /// that are not gongkai's).
    pub fn begin(claim: &'m Claim, old: &'m Manifest) -> anyhow::Result<Writer<'m>> {
        Writer::start(claim, old, false)
    }

    /// Like [`Writer::begin`], for an `old` manifest that this process got
    /// from its own last commit (watch mode): it lists exactly what of the
    /// folder is gongkai's, so the commit need not walk the folder.
    pub fn continue_from(claim: &'m Claim, old: &'m Manifest) -> anyhow::Result<Writer<'m>> {
        Writer::start(claim, old, true)
    }

    fn start(claim: &'m Claim, old: &'m Manifest, trusted: bool) -> anyhow::Result<Writer<'m>> {
        let out_dir = claim.out_dir().to_path_buf();
        let staging = claim.staging().to_path_buf();
        // We hold the lock, so a staging folder can only be one of ours
        // that a killed process left.
        if std::fs::symlink_metadata(&staging).is_ok() {
            std::fs::remove_dir_all(&staging)
                .with_context(|| format!("无法清理上次遗留的 {}", staging.display()))?;
        }
        let created_out = std::fs::symlink_metadata(&out_dir).is_err();
        if created_out {
            std::fs::create_dir_all(&out_dir)
                .with_context(|| format!("无法创建输出目录 {}", out_dir.display()))?;
        }
        let fresh = std::fs::read_dir(&out_dir)
            .with_context(|| format!("无法读取输出目录 {}", out_dir.display()))?
            .filter_map(Result::ok)
            .all(|e| e.file_name() == STAGING_IN_OUTPUT);
        let new_dir = staging.join("new");
        let writer = Writer {
            claim,
            out_dir,
            staging,
            new_dir,
            old,
            fresh,
            created_out,
            trusted,
            staged_dirs: StagedDirs::default(),
            committed: false,
        };
        std::fs::create_dir_all(&writer.new_dir)
            .with_context(|| format!("无法创建目录 {}", writer.new_dir.display()))?;
        Ok(writer)
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
        let hash = crate::util::hash::hash_bytes(bytes);
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
        let path = self.new_dir.join(rel);
        self.staged_dirs
            .make_parent(&self.new_dir, rel)
            .with_context(|| format!("无法创建目录 {}", path.display()))?;
        let (len, modified) =
            write_new(&path, bytes).with_context(|| format!("无法写入 {}", path.display()))?;
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
    /// its source's path, size and SHA-256 as parsed (the parse stage read
    /// the whole file for them), so an unchanged PDF is neither reread nor
    /// looked up again.
    pub fn put_copy(&self, rel: &str, source: &CopySource) -> anyhow::Result<Put> {
        let mut h = crate::util::hash::KeyHasher::new();
        h.write(source.from.as_os_str().as_encoded_bytes());
        h.write_u64(source.size);
        h.write(source.sha256.as_bytes());
        let fingerprint = h.finish() | 1;
        if let Some(put) = self.copied_before(rel, fingerprint) {
            return Ok(put);
        }
        if let Some(put) = self.reusable(rel, fingerprint) {
            return Ok(put);
        }
        let bytes = std::fs::read(&source.from)
            .with_context(|| format!("无法读取附件 {}", source.from.display()))?;
        self.put(rel, &bytes, fingerprint)
    }

    /// In watch mode (a record this process committed), a copy whose source
    /// is unchanged since the last commit, taken from the record without a
    /// look at the disk: as watch mode's page memo does, since a rebuild
    /// stats every attachment otherwise (2,000 at 10k documents).
    fn copied_before(&self, rel: &str, fingerprint: u64) -> Option<Put> {
        let entry = self.old.get(rel).filter(|_| self.trusted && !self.fresh)?;
        (entry.fingerprint == fingerprint).then(|| Put {
            rel: rel.to_string(),
            entry: *entry,
            staged: false,
        })
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

    /// Moves the staged files into the output folder, removes gongkai's
    /// files that the new site does not have and saves the record; on any
    /// failure undoes all of it (see the module docs). Returns the new
    /// manifest.
    pub fn commit(mut self, puts: Vec<Put>) -> anyhow::Result<(Manifest, WriteReport)> {
        self.committed = true;
        let keep: HashSet<&str> = puts.iter().map(|p| p.rel.as_str()).collect();
        let mut stale: Vec<&str> = if self.fresh {
            Vec::new()
        } else {
            self.old
                .files
                .keys()
                .map(String::as_str)
                .filter(|r| !keep.contains(r))
                .collect()
        };
        stale.sort_unstable();
        let checked = self.check_in_the_way(&puts, &stale).and_then(|()| {
            Ok(if self.trusted || self.fresh {
                Vec::new()
            } else {
                self.not_ours(&keep)?
            })
        });
        let foreign = match checked {
            Ok(f) => f,
            Err(e) => {
                self.clean_up();
                return Err(e);
            }
        };
        let mut manifest = Manifest::default();
        let mut report = WriteReport {
            files: puts.len(),
            foreign,
            ..WriteReport::default()
        };
        for put in puts {
            report.bytes += put.entry.len;
            if put.staged {
                report.written.push(put.rel.clone());
            }
            manifest.files.insert(put.rel, put.entry);
        }
        report.written.sort();

        let old_dir = self.staging.join("old");
        let record = manifest.to_text();
        let roots = self.claim.roots();
        let mut journal = Journal::new(
            self.claim.faults(),
            roots.clone(),
            self.claim.journal_path(),
            crate::util::hash::hash_bytes(record.as_bytes()),
            self.created_out,
        );
        let (move_out, deleted) = plan_move_out(&self.out_dir, &stale);
        let done = journal
            .run(move_out)
            .and_then(|()| journal.run(plan_move_in(&roots)?))
            .and_then(|()| self.claim.save_record(&record));
        match done {
            Ok(()) => {
                journal.finish().with_context(|| {
                    format!(
                        "网站已更新，但无法删除提交日志 {}；请手动删除它",
                        self.claim.journal_path().display()
                    )
                })?;
                report.deleted = deleted;
                std::fs::remove_dir_all(&self.staging).with_context(|| {
                    format!(
                        "网站已更新，但无法删除临时目录 {}；请手动删除它",
                        self.staging.display()
                    )
                })?;
                Ok((manifest, report))
            }
            Err(e) => {
                let failures = journal.roll_back();
                if failures.is_empty() {
                    self.clean_up();
                    Err(anyhow::anyhow!(
                        "无法更新输出目录 {}：{e}；本次的改动已全部撤销，输出目录仍是上次成功生成的网站",
                        self.out_dir.display()
                    ))
                } else {
                    Err(anyhow::anyhow!(
                        "无法更新输出目录 {}：{e}；撤销时又有 {} 处失败（{}）。上次网站被移走的文件保存在 {}，提交日志已保留，下次生成时会再试恢复；也可据此手动恢复",
                        self.out_dir.display(),
                        failures.len(),
                        failures.join("；"),
                        old_dir.display()
                    ))
                }
            }
        }
    }

    /// Refuses, before anything is changed, a commit that would replace or
    /// delete what is not gongkai's: a file at a generated path that the
    /// record does not list (allowed with `--force`), or a folder, link or
    /// file where the site needs a folder or a file of its own.
    fn check_in_the_way(&self, puts: &[Put], stale: &[&str]) -> anyhow::Result<()> {
        if self.fresh {
            return Ok(());
        }
        let stale: HashSet<&str> = stale.iter().copied().collect();
        let mut not_ours = Vec::new();
        let mut blocked = Vec::new();
        let mut real_dirs = HashMap::new();
        for put in puts.iter().filter(|p| p.staged) {
            let rel = put.rel.as_str();
            if !through_real_dirs(&self.out_dir, rel, &mut real_dirs) {
                // A file or link where the site needs a folder: fine only
                // if it is a file of gongkai's that is going away.
                let parts: Vec<&str> = rel.split('/').collect();
                let in_the_way = (1..parts.len()).map(|n| parts[..n].join("/")).find(|p| {
                    std::fs::symlink_metadata(self.out_dir.join(p))
                        .is_ok_and(|m| !m.file_type().is_dir())
                });
                match in_the_way {
                    Some(p) if stale.contains(p.as_str()) => {}
                    Some(p) => blocked.push(format!("{p}（网站要在这里放目录 {rel} 的上级目录）")),
                    None => {}
                }
                continue;
            }
            let Ok(meta) = std::fs::symlink_metadata(self.out_dir.join(rel)) else {
                continue;
            };
            if meta.is_dir() {
                let only_stale = WalkDir::new(self.out_dir.join(rel))
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| !e.file_type().is_dir())
                    .all(|e| stale.contains(relative_slash_path(&self.out_dir, e.path()).as_str()));
                if !only_stale {
                    blocked.push(format!("{rel}/（目录，网站要在这里放文件）"));
                }
            } else if self.old.get(rel).is_none() && !self.claim.force() {
                not_ours.push(rel.to_string());
            }
        }
        if !blocked.is_empty() {
            blocked.sort();
            anyhow::bail!(
                "[OUT005] 输出目录 {} 中有 {} 处不是 gongkai 生成的东西挡住了要生成的文件：{}。gongkai 不删除不是它生成的文件，本次未更新网站；请移走它们后重新生成",
                self.out_dir.display(),
                blocked.len(),
                list_some(&blocked)
            );
        }
        if !not_ours.is_empty() {
            not_ours.sort();
            anyhow::bail!(
                "[OUT004] 输出目录 {} 中有 {} 个文件不是 gongkai 生成的（不在上次生成的记录中），而网站这次要生成同名文件：{}。为不覆盖它们，本次未更新网站；请移走这些文件，或确认可以覆盖后加 --force",
                self.out_dir.display(),
                not_ours.len(),
                list_some(&not_ours)
            );
        }
        Ok(())
    }

    /// Files in the output folder that are neither in the new site nor in
    /// gongkai's record: someone else's, left as they are.
    fn not_ours(&self, keep: &HashSet<&str>) -> anyhow::Result<Vec<String>> {
        let mut found = Vec::new();
        let walk = WalkDir::new(&self.out_dir)
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| e.depth() != 1 || e.file_name() != STAGING_IN_OUTPUT);
        for entry in walk {
            let entry = entry.with_context(|| format!("读取 {} 失败", self.out_dir.display()))?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = relative_slash_path(&self.out_dir, entry.path());
            if !keep.contains(rel.as_str()) && self.old.get(&rel).is_none() {
                found.push(rel);
            }
        }
        found.sort();
        Ok(found)
    }

    /// Removes the staging folder, and the output folder if this build
    /// created it and left it empty.
    fn clean_up(&self) {
        let _ = std::fs::remove_dir_all(&self.staging);
        if self.created_out {
            let _ = std::fs::remove_dir(&self.out_dir);
        }
    }
}

/// The first few of `items`, and how many more there are.
fn list_some(items: &[String]) -> String {
    let shown = items.iter().take(5).cloned().collect::<Vec<_>>().join("、");
    if items.len() > 5 {
        format!("{shown} 等")
    } else {
        shown
    }
}

impl Drop for Writer<'_> {
    /// A build that stops before the commit leaves no staging folder.
    fn drop(&mut self) {
        if !self.committed {
            self.clean_up();
        }
    }
}

/// Writes a file and returns its size and time, read from the open file
/// (one system call fewer than looking the path up again).
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<(u64, u128)> {
    use std::io::Write;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    let meta = file.metadata()?;
    Ok((meta.len(), super::manifest::modified_nanos(&meta)))
}

#[cfg(test)]
mod tests {
    use super::super::WriteOptions;
    use super::*;

    /// A site root for `dir` whose record is kept: the temporary folder
    /// that holds `dir`, or a separate one for a `dir` elsewhere.
    fn root_of(dir: &Path) -> PathBuf {
        dir.parent().expect("parent").to_path_buf()
    }

    fn build_with(dir: &Path, files: &[(&str, &str)], force: bool) -> anyhow::Result<WriteReport> {
        let opts = WriteOptions {
            force,
            ..WriteOptions::default()
        };
        let claim = Claim::take(&root_of(dir), dir, &opts)?;
        let old = claim.previous();
        let writer = Writer::begin(&claim, &old)?;
        let puts = files
            .iter()
            .map(|(rel, text)| writer.put(rel, text.as_bytes(), 0))
            .collect::<anyhow::Result<_>>()?;
        Ok(writer.commit(puts)?.1)
    }

    fn build(dir: &Path, files: &[(&str, &str)]) -> WriteReport {
        build_with(dir, files, false).expect("build")
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
        let staging;
        {
            let claim = Claim::take(tmp.path(), &dir, &WriteOptions::default()).expect("claim");
            let old = claim.previous();
            let writer = Writer::begin(&claim, &old).expect("begin");
            writer.put("index.html", b"new", 0).expect("put");
            writer.put("other.html", b"new", 0).expect("put");
            staging = claim.staging().to_path_buf();
            assert!(staging.join("new/other.html").is_file());
            // dropped without commit: a later page failed to render
        }
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).expect("read"),
            "old"
        );
        assert!(!dir.join("other.html").exists());
        assert!(!staging.exists());
    }

    #[test]
    fn an_empty_output_folder_is_filled_and_rebuilt_without_writes() {
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
    fn a_file_not_in_the_record_is_not_overwritten_without_force() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        build(&dir, &[("index.html", "home")]);
        std::fs::write(dir.join("robots.txt"), "mine").expect("write");
        let err = build_with(
            &dir,
            &[("index.html", "home 2"), ("robots.txt", "gen")],
            false,
        )
        .expect_err("refused");
        assert!(format!("{err:#}").contains("[OUT004]"), "{err:#}");
        assert_eq!(
            std::fs::read(dir.join("robots.txt")).expect("read"),
            b"mine"
        );
        assert_eq!(
            std::fs::read(dir.join("index.html")).expect("read"),
            b"home"
        );
        let r = build_with(
            &dir,
            &[("index.html", "home 2"), ("robots.txt", "gen")],
            true,
        )
        .expect("with force");
        assert_eq!(r.written, ["index.html", "robots.txt"]);
        assert_eq!(std::fs::read(dir.join("robots.txt")).expect("read"), b"gen");
    }

    #[test]
    fn a_folder_of_someone_elses_files_in_the_way_is_never_removed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        build(&dir, &[("index.html", "home")]);
        std::fs::create_dir_all(dir.join("a.html")).expect("mkdir");
        std::fs::write(dir.join("a.html/keep.txt"), "mine").expect("write");
        for force in [false, true] {
            let err = build_with(&dir, &[("index.html", "2"), ("a.html", "page")], force)
                .expect_err("refused");
            assert!(format!("{err:#}").contains("[OUT005]"), "{err:#}");
            assert_eq!(
                std::fs::read(dir.join("a.html/keep.txt")).expect("read"),
                b"mine"
            );
        }
    }

    #[test]
    fn a_folder_replaced_by_a_link_does_not_lead_deletion_elsewhere() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        build(&dir, &[("index.html", "home"), ("docs/a.html", "a")]);
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).expect("mkdir");
        std::fs::write(elsewhere.join("a.html"), "precious").expect("write");
        std::fs::remove_dir_all(dir.join("docs")).expect("rm");
        std::os::unix::fs::symlink(&elsewhere, dir.join("docs")).expect("symlink");
        let r = build(&dir, &[("index.html", "home")]);
        assert!(r.deleted.is_empty(), "{:?}", r.deleted);
        assert_eq!(
            std::fs::read(elsewhere.join("a.html")).expect("read"),
            b"precious"
        );
    }

    #[test]
    fn an_output_folder_that_is_a_link_stays_a_link() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let target = tmp.path().join("www");
        std::fs::create_dir_all(&target).expect("mkdir");
        let dir = tmp.path().join("public");
        std::os::unix::fs::symlink(&target, &dir).expect("symlink");
        build_twice_through_link(&dir, &target, false);
    }

    /// Two builds into `dir`, a link to `target`: the link stays a link and
    /// the target holds the second build. Returns the first build's report.
    fn build_twice_through_link(dir: &Path, target: &Path, force: bool) -> WriteReport {
        let first =
            build_with(dir, &[("index.html", "home"), ("a/b.html", "b")], force).expect("first");
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
    fn a_link_to_another_filesystem_is_staged_inside_its_target() {
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
        std::fs::write(target.join("theirs.html"), "old").expect("write");
        let dir = tmp.path().join("public");
        std::os::unix::fs::symlink(&target, &dir).expect("symlink");
        let refused = build_with(&dir, &[("index.html", "home")], false).expect_err("refused");
        assert!(format!("{refused:#}").contains("[OUT003]"), "{refused:#}");
        let first = build_twice_through_link(&dir, &target, true);
        assert_eq!(first.foreign, ["theirs.html"]);
        assert!(first.deleted.is_empty());
        assert_eq!(
            std::fs::read(target.join("theirs.html")).expect("read"),
            b"old"
        );
        assert!(!target.join(super::super::claim::STAGING_IN_OUTPUT).exists());
    }

    #[test]
    fn a_copy_is_known_by_its_sources_digest_and_watch_mode_trusts_its_record() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        let pdf = tmp.path().join("a.pdf");
        std::fs::write(&pdf, b"%PDF").expect("write");
        let source = CopySource {
            from: pdf.clone(),
            size: 4,
            sha256: "ab".repeat(32),
        };
        let claim = Claim::take(tmp.path(), &dir, &WriteOptions::default()).expect("claim");
        let old = Manifest::default();
        let writer = Writer::begin(&claim, &old).expect("begin");
        let put = writer.put_copy("a.pdf", &source).expect("copy");
        assert!(put.staged);
        let (manifest, _) = writer.commit(vec![put]).expect("commit");
        // The source is not read again while its digest is the same...
        std::fs::remove_file(&pdf).expect("rm");
        let writer = Writer::begin(&claim, &manifest).expect("begin");
        assert!(!writer.put_copy("a.pdf", &source).expect("kept").staged);
        // ...a new digest copies it again (here: fails, the source is gone).
        let changed = CopySource {
            sha256: "cd".repeat(32),
            ..source.clone()
        };
        assert!(writer.put_copy("a.pdf", &changed).is_err());
        drop(writer);
        // A build from the record on disk checks the copy in the output
        // folder; watch mode, continuing from its own commit, does not.
        std::fs::write(dir.join("a.pdf"), b"edited").expect("write");
        let writer = Writer::begin(&claim, &manifest).expect("begin");
        assert!(writer.put_copy("a.pdf", &source).is_err(), "copied again");
        drop(writer);
        let writer = Writer::continue_from(&claim, &manifest).expect("continue");
        assert!(!writer.put_copy("a.pdf", &source).expect("kept").staged);
    }

    #[test]
    fn a_fingerprint_match_skips_only_files_still_as_written() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("public");
        let claim = Claim::take(tmp.path(), &dir, &WriteOptions::default()).expect("claim");
        let old = Manifest::default();
        let writer = Writer::begin(&claim, &old).expect("begin");
        let put = writer.put("p.html", b"page", 42).expect("put");
        let (manifest, _) = writer.commit(vec![put]).expect("commit");
        let writer = Writer::begin(&claim, &manifest).expect("begin");
        assert!(writer.reusable("p.html", 42).is_some());
        assert!(writer.reusable("p.html", 43).is_none(), "other inputs");
        drop(writer);
        std::fs::write(dir.join("p.html"), b"edited by hand").expect("write");
        let writer = Writer::begin(&claim, &manifest).expect("begin");
        assert!(writer.reusable("p.html", 42).is_none(), "changed on disk");
    }
}
