//! Stage 5, `write`: the rendered site to disk, as one change. Files are
//! handed to a [`Writer`] as they are rendered; only those whose bytes differ
//! from what the output folder holds are written (to a staging folder), and
//! only when the whole site has rendered are they moved into place and stale
//! files deleted. A failed build leaves the previous site as it was.

pub mod manifest;
pub mod writer;

pub use manifest::{Entry, Manifest};
pub use writer::{Put, WriteReport, Writer};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{Output, OutputFile};

    /// Writes `output` as the whole new contents of `public_dir`, as a build does.
    fn write_output(output: &Output, public_dir: &std::path::Path) -> anyhow::Result<WriteReport> {
        let old = Manifest::load(public_dir);
        let writer = Writer::begin(public_dir, &old)?;
        let puts = output
            .iter()
            .map(|(rel, file)| writer.put_file(rel, file))
            .collect::<anyhow::Result<_>>()?;
        let (manifest, report) = writer.commit(puts)?;
        manifest.save(public_dir)?;
        Ok(report)
    }

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
