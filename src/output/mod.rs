//! Stage 5, `write`: the rendered site to disk, as one change. A build
//! first claims the output folder ([`Claim`]: refused where it would
//! endanger what is not gongkai's, locked against a second process). Files
//! are handed to a [`Writer`] as they are rendered; only those whose bytes
//! differ from what the output folder holds are written (to a staging
//! folder), and only when the whole site has rendered are they moved into
//! place, gongkai's stale files removed and the record saved, all undone if
//! any step fails. A failed build leaves the previous site as it was.

pub mod claim;
mod commit;
pub mod manifest;
pub mod writer;

pub use claim::{Claim, WriteOptions};
pub use commit::Faults;
pub use manifest::{Entry, Manifest};
pub use writer::{Put, WriteReport, Writer};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Output, OutputFile};

    /// Writes `output` as the whole new contents of `public_dir` (in a
    /// site at `root`), as a build does.
    fn write_output(
        root: &std::path::Path,
        output: &Output,
        public_dir: &std::path::Path,
    ) -> anyhow::Result<WriteReport> {
        let claim = Claim::take(root, public_dir, &WriteOptions::default())?;
        let old = claim.previous();
        let writer = Writer::begin(&claim, &old)?;
        let puts = output
            .iter()
            .map(|(rel, file)| writer.put_file(rel, file))
            .collect::<anyhow::Result<_>>()?;
        let (_, report) = writer.commit(puts)?;
        Ok(report)
    }

    fn bytes(text: &str) -> OutputFile {
        OutputFile::Bytes(text.as_bytes().to_vec())
    }

    #[test]
    fn replaces_gongkai_files_and_keeps_the_others() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        let mut first = Output::new();
        first.insert("old/stale.html".into(), bytes("x"));
        first.insert("index.html".into(), bytes("<p>old</p>"));
        write_output(tmp.path(), &first, &public).expect("first build");
        std::fs::write(public.join("old/mine.txt"), "by hand").expect("write");

        let mut out = Output::new();
        out.insert("index.html".into(), bytes("<p>new</p>"));
        out.insert("a/b/index.html".into(), bytes("b"));
        let report = write_output(tmp.path(), &out, &public).expect("writes");
        assert_eq!(report.files, 2);
        assert_eq!(report.deleted, ["old/stale.html"]);
        assert_eq!(report.foreign, ["old/mine.txt"]);
        assert!(!public.join("old/stale.html").exists());
        assert_eq!(
            std::fs::read_to_string(public.join("old/mine.txt")).expect("read"),
            "by hand"
        );
        assert_eq!(
            std::fs::read_to_string(public.join("a/b/index.html")).expect("read"),
            "b"
        );
        let books = tmp.path().join(claim::BOOKS_DIR).join("outputs");
        let leftovers: Vec<_> = walkdir::WalkDir::new(&books)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name() == "staging" || e.file_name() == "manifest.tmp")
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_site() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let public = tmp.path().join("public");
        let mut first = Output::new();
        first.insert("index.html".into(), bytes("old"));
        write_output(tmp.path(), &first, &public).expect("first build");
        let mut out = Output::new();
        out.insert("index.html".into(), bytes("new"));
        out.insert(
            "x.pdf".into(),
            OutputFile::Copy(tmp.path().join("does-not-exist.pdf")),
        );
        assert!(write_output(tmp.path(), &out, &public).is_err());
        assert_eq!(
            std::fs::read_to_string(public.join("index.html")).expect("read"),
            "old"
        );
    }
}
