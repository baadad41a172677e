//! A rebuild with nothing changed, found without running the pipeline.
//!
//! A build whose inputs are exactly those of the last successful build into
//! the same folder, and whose output folder still holds exactly what that
//! build wrote, would write nothing: it only spends the time of a build
//! (at 100,000 documents some 10 s of CPU to read, parse, index and
//! fingerprint everything) to find that out. So a successful build leaves,
//! in the output folder's bookkeeping (`.gongkai/outputs/<name>-<hash>/`,
//! see `output::claim`), the key of its inputs and its report; the next
//! build with the same key skips the stages when every recorded output file
//! is still on disk with its recorded size and time (the same test a build
//! applies before trusting a file, `output::Writer::reusable`), and reports
//! the same warnings and counts. Anything else (an edited, deleted or added
//! output file of ours, a symbolic link among the inputs, an unreadable
//! record) runs the whole build, which notices and repairs as always.
//!
//! The key is a hash of the code's identity (`GONGKAI_CODE_ID`), the
//! context (as-of date, `--drafts`, `--future`), the output folder's
//! canonical path and `--force`, and of every file and folder under
//! `site.yaml`, `content/` and `themes/`: its path, type, size, inode,
//! modification and change time (ctime, which no tool can set back). A file
//! changed within [`RACY`] of the key being taken (when timestamps may not
//! tell two writes apart) keeps the key from being saved, so the next build
//! runs in full — the rule git uses for its index.

use crate::diagnostics::{Diagnostic, Severity};
use crate::index::schedule::{Scheduled, ScheduledKind};
use crate::output::Claim;
use serde::{Deserialize, Serialize};
use std::hash::Hasher;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::Duration;

/// The file in the bookkeeping folder.
const RECORD: &str = "last-build";
/// The file whose modification time tells the filesystem's "now".
const CLOCK: &str = "clock";
/// Inputs changed this close to the key are not trusted to it.
pub(crate) const RACY: Duration = Duration::from_secs(1);

/// The inputs' key, and whether it may be saved.
pub(crate) struct InputsKey {
    key: String,
    /// False when an input changed within [`RACY`] of the key.
    settled: bool,
}

/// Everything the last build reported that a rebuild would report again.
#[derive(Serialize, Deserialize)]
struct Record {
    key: String,
    documents: usize,
    drafts: usize,
    files: usize,
    bytes: u64,
    warnings: Vec<StoredDiagnostic>,
    scheduled: Vec<StoredScheduled>,
}

#[derive(Serialize, Deserialize)]
struct StoredDiagnostic {
    code: String,
    file: String,
    line: Option<u32>,
    column: Option<u32>,
    field: Option<String>,
    message: String,
    expected: Option<String>,
    hint: Option<String>,
    caused_by: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredScheduled {
    date: String,
    kind: String,
    file: String,
    title: String,
}

/// What the fast path reports: the last build's report, with the files in
/// the folder that are not gongkai's as they are now.
pub(crate) struct Unchanged {
    pub(crate) documents: usize,
    pub(crate) drafts: usize,
    pub(crate) files: usize,
    pub(crate) bytes: u64,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) scheduled: Vec<Scheduled>,
    pub(crate) foreign: Vec<String>,
}

/// The key of the inputs of a build of `root` into the claimed folder, or
/// `None` when the inputs cannot be keyed (a symbolic link, an unreadable
/// folder): then every build runs in full.
pub(crate) fn inputs_key(
    root: &Path,
    claim: &Claim,
    ctx: &crate::model::BuildContext,
    code_id: &str,
) -> Option<InputsKey> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.write(code_id.as_bytes());
    h.write(format!("{ctx:?}").as_bytes());
    let out = crate::output::claim::resolve(claim.out_dir()).ok()?;
    h.write(out.as_os_str().as_encoded_bytes());
    h.write_u8(u8::from(claim.force()));
    let now = fs_now(claim.books())?;
    let mut newest = 0i128;
    for top in [
        crate::config::CONFIG_FILE,
        crate::load::CONTENT_DIR,
        "themes",
    ] {
        h.write(top.as_bytes());
        let path = root.join(top);
        if std::fs::symlink_metadata(&path).is_err() {
            h.write_u8(0);
            continue; // no themes/ folder: the built-in theme
        }
        let top = Stat::of(&std::fs::symlink_metadata(&path).ok()?);
        let below = match top.is_dir {
            true => tree(&path, "")?,
            false => Vec::new(),
        };
        for (rel, stat) in std::iter::once((String::new(), top)).chain(below) {
            if stat.is_symlink {
                return None;
            }
            h.write(rel.as_bytes());
            h.write_u8(0);
            h.write_u32(stat.mode);
            for n in [stat.len, stat.ino, stat.dev] {
                h.write_u64(n);
            }
            for nanos in [stat.modified, stat.changed] {
                h.write_i128(nanos);
                newest = newest.max(nanos);
            }
        }
    }
    let key = format!("{:032x}", h.digest128());
    let settled = newest + RACY.as_nanos() as i128 <= now;
    Some(InputsKey { key, settled })
}

/// Every entry under `dir` (not `dir` itself) as (path relative to `dir`,
/// `/`-separated; its `lstat`), each folder's entries sorted by name and
/// before its subfolders' (a fixed order for the key), leaving out the
/// top-level entry named `skip`. Folders are read in parallel, and each
/// entry is `lstat`ed by name within its open folder, not by full path
/// (the path lookups were most of the time at 100,000 documents). `None`
/// if anything cannot be read.
fn tree(dir: &Path, skip: &str) -> Option<Vec<(String, Stat)>> {
    fn scan(dir: &Path, prefix: &str, skip: &str) -> Option<Vec<(String, Stat)>> {
        use rayon::prelude::*;
        let mut here = Vec::new();
        for entry in std::fs::read_dir(dir).ok()? {
            let entry = entry.ok()?;
            let name = entry.file_name();
            let name = name.to_str()?;
            if prefix.is_empty() && name == skip {
                continue;
            }
            here.push((format!("{prefix}{name}"), Stat::of(&entry.metadata().ok()?)));
        }
        here.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let below: Vec<Vec<_>> = here
            .par_iter()
            .filter(|(_, stat)| stat.is_dir)
            .map(|(rel, _)| scan(&dir.join(rel.rsplit('/').next()?), &format!("{rel}/"), skip))
            .collect::<Option<_>>()?;
        here.extend(below.into_iter().flatten());
        Some(here)
    }
    scan(dir, "", skip)
}

/// What is kept of an entry's `lstat` (the whole of it is some 150 bytes,
/// times 300,000 files at 100,000 documents).
struct Stat {
    is_dir: bool,
    is_file: bool,
    is_symlink: bool,
    mode: u32,
    len: u64,
    ino: u64,
    dev: u64,
    /// Modification and change time, nanoseconds since 1970.
    modified: i128,
    changed: i128,
}

impl Stat {
    fn of(meta: &std::fs::Metadata) -> Stat {
        let nanos = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        Stat {
            is_dir: meta.is_dir(),
            is_file: meta.is_file(),
            is_symlink: meta.file_type().is_symlink(),
            mode: meta.mode(),
            len: meta.len(),
            ino: meta.ino(),
            dev: meta.dev(),
            modified: nanos(meta.mtime(), meta.mtime_nsec()),
            changed: nanos(meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// The filesystem's time now, in nanoseconds since 1970: the modification
/// time of a file just written in `dir` (no clock is read below main.rs;
/// and it is the filesystem's clock the inputs' times come from).
fn fs_now(dir: &Path) -> Option<i128> {
    let path = dir.join(CLOCK);
    std::fs::write(&path, b"").ok()?;
    let meta = std::fs::metadata(&path).ok()?;
    Some(i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()))
}

/// The last build's report, when the inputs' key (made by `key`) is its
/// and the folder holds exactly the files it wrote, as it wrote them. The
/// key and the folder are looked at side by side (both are mostly waiting
/// on `lstat`); with no record, only the key is made.
pub(crate) fn unchanged(
    claim: &Claim,
    key: impl FnOnce() -> Option<InputsKey> + Send,
) -> (Option<InputsKey>, Option<Unchanged>) {
    let record = std::fs::read(claim.books().join(RECORD))
        .ok()
        .and_then(|text| serde_json::from_slice::<Record>(&text).ok())
        .filter(|_| std::fs::symlink_metadata(claim.staging()).is_err());
    let Some(record) = record else {
        return (key(), None);
    };
    let (key, foreign) = rayon::join(key, || {
        // The record of the files, as today's builds keep it (an older
        // version's record beside the folder is moved by a full build).
        let manifest = crate::output::Manifest::load_from(&claim.books().join("manifest"))?;
        folder_as_recorded(claim.out_dir(), &manifest)
    });
    let same = key
        .as_ref()
        .filter(|k| k.key == record.key)
        .and(foreign)
        .and_then(|foreign| record.into_unchanged(foreign));
    (key, same)
}

impl Record {
    fn into_unchanged(self, foreign: Vec<String>) -> Option<Unchanged> {
        let diagnostics = self
            .warnings
            .into_iter()
            .map(StoredDiagnostic::into_warning)
            .collect::<Option<_>>()?;
        let scheduled = self
            .scheduled
            .into_iter()
            .map(StoredScheduled::into_scheduled)
            .collect::<Option<_>>()?;
        Some(Unchanged {
            documents: self.documents,
            drafts: self.drafts,
            files: self.files,
            bytes: self.bytes,
            diagnostics,
            scheduled,
            foreign,
        })
    }
}

/// The files of `out` that are not in `manifest`, when every file in it is
/// there with its recorded size and time; `None` when any is not.
fn folder_as_recorded(out: &Path, manifest: &crate::output::Manifest) -> Option<Vec<String>> {
    let mut foreign = Vec::new();
    let mut seen = 0usize;
    let files = tree(out, crate::output::claim::STAGING_IN_OUTPUT)?;
    for (rel, stat) in files.into_iter().filter(|(_, stat)| !stat.is_dir) {
        let Some(recorded) = manifest.get(&rel) else {
            foreign.push(rel);
            continue;
        };
        // A link where a file of ours was: let the build look at it.
        let modified = u128::try_from(stat.modified).unwrap_or(0);
        if !stat.is_file || stat.len != recorded.len || modified != recorded.modified {
            return None;
        }
        seen += 1;
    }
    // Every recorded file was met (none deleted).
    (seen == manifest.len()).then(|| {
        foreign.sort();
        foreign
    })
}

/// Saves the key and the report of a build that just succeeded (a key
/// that is not settled is not saved, and any older record is removed: the
/// next build runs in full).
pub(crate) fn save(claim: &Claim, key: Option<&InputsKey>, report: &crate::BuildReport) {
    let path = claim.books().join(RECORD);
    let Some(key) = key.filter(|k| k.settled) else {
        let _ = std::fs::remove_file(&path);
        return;
    };
    let record = Record {
        key: key.key.clone(),
        documents: report.documents,
        drafts: report.drafts,
        files: report.files,
        bytes: report.bytes,
        warnings: report
            .diagnostics
            .iter()
            .map(StoredDiagnostic::of)
            .collect(),
        scheduled: report.scheduled.iter().map(StoredScheduled::of).collect(),
    };
    let temp = claim.books().join(format!("{RECORD}.tmp"));
    // Best effort: without the record the next build simply runs in full.
    let saved = serde_json::to_vec(&record)
        .ok()
        .and_then(|bytes| std::fs::write(&temp, bytes).ok())
        .and_then(|()| std::fs::rename(&temp, &path).ok());
    if saved.is_none() {
        let _ = std::fs::remove_file(&temp);
        let _ = std::fs::remove_file(&path);
    }
}

/// Forgets the last build's key (before a build that may change the
/// folder: a build that fails part way must not leave a key that vouches
/// for a folder it no longer describes).
pub(crate) fn forget(claim: &Claim) {
    let _ = std::fs::remove_file(claim.books().join(RECORD));
}

impl StoredDiagnostic {
    fn of(d: &Diagnostic) -> StoredDiagnostic {
        StoredDiagnostic {
            code: d.code.to_string(),
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            field: d.field.clone(),
            message: d.message.clone(),
            expected: d.expected.clone(),
            hint: d.hint.clone(),
            caused_by: d.caused_by.clone(),
        }
    }

    /// A build that succeeded reported warnings only.
    fn into_warning(self) -> Option<Diagnostic> {
        let mut d = Diagnostic::warning(static_code(&self.code)?, self.file, self.message);
        debug_assert_eq!(d.severity, Severity::Warning);
        d.line = self.line;
        d.column = self.column;
        d.field = self.field;
        d.expected = self.expected;
        d.hint = self.hint;
        d.caused_by = self.caused_by;
        Some(d)
    }
}

/// The code as the `&'static str` diagnostics carry. Codes are a few
/// hundred short names fixed in the code, so each distinct one is leaked
/// once (a table kept for the process) rather than listing them all here.
fn static_code(code: &str) -> Option<&'static str> {
    static CODES: std::sync::Mutex<std::collections::BTreeSet<&'static str>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    let valid = code.len() <= 8 && code.bytes().all(|b| b.is_ascii_alphanumeric());
    if !valid {
        return None;
    }
    let mut codes = crate::util::locks::lock(&CODES);
    if let Some(known) = codes.get(code) {
        return Some(known);
    }
    let leaked: &'static str = Box::leak(code.to_string().into_boxed_str());
    codes.insert(leaked);
    Some(leaked)
}

impl StoredScheduled {
    fn of(s: &Scheduled) -> StoredScheduled {
        StoredScheduled {
            date: s.date.to_string(),
            kind: kind_name(s.kind).to_string(),
            file: s.file.clone(),
            title: s.title.clone(),
        }
    }

    fn into_scheduled(self) -> Option<Scheduled> {
        let kind = [
            ScheduledKind::Document,
            ScheduledKind::Page,
            ScheduledKind::GazetteIssue,
            ScheduledKind::Report,
        ]
        .into_iter()
        .find(|k| kind_name(*k) == self.kind)?;
        Some(Scheduled {
            date: self.date.parse().ok()?,
            kind,
            file: self.file,
            title: self.title,
        })
    }
}

fn kind_name(kind: ScheduledKind) -> &'static str {
    match kind {
        ScheduledKind::Document => "document",
        ScheduledKind::Page => "page",
        ScheduledKind::GazetteIssue => "issue",
        ScheduledKind::Report => "report",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_changes_with_the_code() {
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("site.yaml"), "title: 测试\n").unwrap();
        std::fs::create_dir(site.path().join("content")).unwrap();
        std::fs::write(site.path().join("content/a.md"), "正文\n").unwrap();
        let out = site.path().join("public");
        let claim = Claim::take(site.path(), &out, &Default::default()).unwrap();
        let ctx = crate::model::BuildContext {
            as_of: jiff::civil::date(2025, 1, 1),
            drafts: false,
            future: false,
        };
        let key = |code| inputs_key(site.path(), &claim, &ctx, code).unwrap().key;
        assert_eq!(key("a"), key("a"));
        assert_ne!(key("a"), key("b"), "another build of gongkai");
        // and a symbolic link among the inputs: no key at all
        std::os::unix::fs::symlink("a.md", site.path().join("content/b.md")).unwrap();
        assert!(inputs_key(site.path(), &claim, &ctx, "a").is_none());
    }
}
