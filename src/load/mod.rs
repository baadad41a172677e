//! Stage 1, `load`: read `content/` into memory as text, reporting files that
//! cannot be read as text instead of failing on them.

pub mod encoding;
pub mod paths;

use crate::diagnostics::Diagnostic;
use anyhow::Context;
use encoding::Encoding;
pub(crate) use paths::relative_slash_path;
pub use paths::{is_ignored, markdown_stem, CONTENT_DIR, MARKDOWN_ENDINGS};
use paths::{special_kind, Refusal, Roots};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a file under `content/` is, decided by where it lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A disclosure document (any `.md` outside the reserved folders).
    Document,
    /// A column page under `content/pages/`.
    Page,
    /// Gazette issue metadata under `content/gazette/`.
    GazetteIssue,
    /// An annual report (年度报告) under `content/reports/`.
    Report,
}

/// A Markdown file, decoded: BOM stripped, CRLF turned into LF.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to `content/`, `/`-separated.
    pub rel_path: String,
    /// Which kind of content this is.
    pub kind: SourceKind,
    /// The text, LF line endings.
    pub text: String,
}

/// A non-Markdown file under `content/` (attachments, images); read when used.
/// Folders, special files and links that may not be followed are listed
/// too, refused, so that an attachment naming one is told why.
#[derive(Debug, Clone)]
pub struct AssetFile {
    /// Path relative to `content/`, `/`-separated.
    pub rel_path: String,
    /// Where to read it (for a link, the checked target).
    pub abs_path: PathBuf,
    /// Why it may not be read or published, when it may not.
    pub refused: Option<Refusal>,
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Sources {
    /// Markdown files, sorted by path.
    pub files: Vec<SourceFile>,
    /// Other files, sorted by path.
    pub assets: Vec<AssetFile>,
    /// Files that could not be decoded.
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `content_dir` and reads every Markdown file. IO failures on the folder
/// itself are errors; a file that is not UTF-8 becomes a diagnostic.
pub fn load_sources(content_dir: &Path) -> anyhow::Result<Sources> {
    let limit = crate::config::security::DEFAULT_MAX_DOCUMENT_MB * 1024 * 1024;
    load_sources_limited(content_dir, limit)
}

/// [`load_sources`] with a size limit for Markdown files (larger ones are
/// reported, not read). A symbolic link is followed only to a regular file
/// inside `content/` (see `content_paths`): a Markdown link elsewhere is an
/// error here, any other such path is refused where an entry names it (a
/// link out of the site folder is an error here too, named or not).
pub fn load_sources_limited(content_dir: &Path, max_bytes: u64) -> anyhow::Result<Sources> {
    let mut sources = Sources::default();
    if !content_dir.is_dir() {
        anyhow::bail!("找不到内容目录 {}", content_dir.display());
    }
    let roots = Roots::new(content_dir);
    let walker = WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    let mut markdown = Vec::new();
    for entry in walker {
        let entry = entry.with_context(|| format!("读取 {} 失败", content_dir.display()))?;
        if entry.depth() == 0 {
            continue;
        }
        let rel_path = relative_slash_path(content_dir, entry.path());
        let file_type = entry.file_type();
        let (abs_path, refused) = if entry.path_is_symlink() {
            match roots.follow(entry.path()) {
                Ok(target) => (target, None),
                Err(why) => (entry.path().to_path_buf(), Some(why)),
            }
        } else if file_type.is_dir() {
            let why = Refusal::Folder { link_to: None };
            (entry.path().to_path_buf(), Some(why))
        } else if !file_type.is_file() {
            let why = Refusal::Special {
                kind: special_kind(&file_type),
                link_to: None,
            };
            (entry.path().to_path_buf(), Some(why))
        } else {
            (entry.path().to_path_buf(), None)
        };
        let is_markdown = markdown_stem(&rel_path).is_some() && !file_type.is_dir();
        match refused {
            // A link out of the site is reported wherever it is: nothing
            // in content/ should lead there.
            Some(why @ Refusal::LinkOutsideSite { .. }) => {
                let shown = format!("{CONTENT_DIR}/{rel_path}");
                sources.diagnostics.push(why.at_path(&shown));
                if !is_markdown {
                    sources.assets.push(AssetFile {
                        rel_path,
                        abs_path,
                        refused: Some(why),
                    });
                }
            }
            // A source that may not be read: nothing else would report it.
            Some(why) if is_markdown => {
                let shown = format!("{CONTENT_DIR}/{rel_path}");
                sources.diagnostics.push(why.at_path(&shown));
            }
            Some(why) => sources.assets.push(AssetFile {
                rel_path,
                abs_path,
                refused: Some(why),
            }),
            None if is_markdown => markdown.push((abs_path, rel_path)),
            None => sources.assets.push(AssetFile {
                rel_path,
                abs_path,
                refused: None,
            }),
        }
    }
    // Read on every core: faster, and each text is allocated by the thread
    // that will parse it and free it, so its memory is reused for the parsed
    // documents instead of lingering (at 100,000 files, ~450 MB).
    let read: Vec<anyhow::Result<Result<SourceFile, Diagnostic>>> = markdown
        .into_par_iter()
        .map(|(path, rel_path)| read_markdown(&path, rel_path, max_bytes))
        .collect();
    for result in read {
        match result? {
            Ok(file) => sources.files.push(file),
            Err(diagnostic) => sources.diagnostics.push(diagnostic),
        }
    }
    // By path as a string (the walk orders by name within each folder), so
    // `refresh` can find files by binary search.
    sources.files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    let (kept, namesakes) = one_file_per_id(std::mem::take(&mut sources.files));
    sources.files = kept;
    sources.diagnostics.extend(namesakes);
    Ok(sources)
}

/// PATH005: `a.md` and `a.markdown` in one folder would be one document
/// (id `a`, URL `a/`). The `.md` one is kept (else the first by name), the
/// others are reported and not read any further. `files` is sorted by path
/// and stays so.
fn one_file_per_id(files: Vec<SourceFile>) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let mut by_id: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, f) in files.iter().enumerate() {
        let id = markdown_stem(&f.rel_path).unwrap_or(&f.rel_path);
        by_id.entry(id).or_default().push(i);
    }
    let mut dropped = std::collections::BTreeMap::new();
    for (id, same) in by_id.iter().filter(|(_, v)| v.len() > 1) {
        let keep = same
            .iter()
            .copied()
            .find(|&i| files[i].rel_path.ends_with(".md"))
            .unwrap_or(same[0]);
        let kept = format!("{CONTENT_DIR}/{}", files[keep].rel_path);
        for &i in same.iter().filter(|&&i| i != keep) {
            let shown = format!("{CONTENT_DIR}/{}", files[i].rel_path);
            let d = Diagnostic::error(
                "PATH005",
                &shown,
                format!("{shown} 与 {kept} 只是扩展名不同，网址同为 {id}/：本文件没有读取"),
            )
            .at(1, 1)
            .expected("同一目录中文件名各不相同（`.md`、`.MD`、`.markdown` 等扩展名不算在内）")
            .hint(format!("删去其中一个，或把本文件改名；保留的是 {kept}"));
            dropped.insert(i, d);
        }
    }
    let diagnostics = dropped.values().cloned().collect();
    let kept = files
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains_key(i))
        .map(|(_, f)| f)
        .collect();
    (kept, diagnostics)
}

/// Whether watch mode must walk `content/` again for a change at `rel`
/// instead of re-reading that one file: a Markdown file with another
/// Markdown file of the same name beside it (`a.md` and `a.MD`), since
/// only the walk decides which of them is the document.
fn has_namesake(content_dir: &Path, rel: &str) -> bool {
    let Some(stem) = markdown_stem(rel) else {
        return false;
    };
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem_name = stem.rsplit('/').next().unwrap_or(stem);
    let Ok(entries) = std::fs::read_dir(content_dir.join(dir)) else {
        return false;
    };
    entries.filter_map(Result::ok).any(|e| {
        let other = e.file_name().to_string_lossy().into_owned();
        other != name && markdown_stem(&other) == Some(stem_name)
    })
}

/// Reads one Markdown file: the decoded file, or a diagnostic when it is
/// too large or not text.
fn read_markdown(
    path: &Path,
    rel_path: String,
    max_bytes: u64,
) -> anyhow::Result<Result<SourceFile, Diagnostic>> {
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if size > max_bytes {
        let shown = format!("{CONTENT_DIR}/{rel_path}");
        return Ok(Err(too_large(&shown, size, max_bytes)));
    }
    let bytes = std::fs::read(path).with_context(|| format!("读取 {} 失败", path.display()))?;
    Ok(match decode_text(&bytes) {
        Ok(text) => Ok(SourceFile {
            kind: kind_of(&rel_path),
            rel_path,
            text,
        }),
        Err(bad) => Err(bad.into_diagnostic(&rel_path)),
    })
}

impl Sources {
    /// Re-reads the Markdown files at these paths (relative to `content/`)
    /// after they changed: a file that is gone is dropped, a new one is
    /// added in order. Watch mode uses it instead of walking everything.
    /// Returns false, changing nothing, when a path is a symbolic link or a
    /// Markdown file with a namesake beside it: only a full walk decides
    /// whether a link stays inside the site, and which namesake is read.
    pub fn refresh(
        &mut self,
        content_dir: &Path,
        changed: &[String],
        max_bytes: u64,
    ) -> anyhow::Result<bool> {
        if changed
            .iter()
            .any(|rel| content_dir.join(rel).is_symlink() || has_namesake(content_dir, rel))
        {
            return Ok(false);
        }
        for rel in changed {
            let shown = format!("{CONTENT_DIR}/{rel}");
            self.diagnostics.retain(|d| d.file != shown);
            let at = self
                .files
                .binary_search_by(|f| f.rel_path.as_str().cmp(rel));
            if let Ok(i) = at {
                self.files.remove(i);
            }
            let path = content_dir.join(rel);
            if !path.is_file() {
                continue;
            }
            match read_markdown(&path, rel.clone(), max_bytes)? {
                Ok(file) => {
                    let i = self
                        .files
                        .binary_search_by(|f| f.rel_path.as_str().cmp(rel))
                        .unwrap_or_else(|i| i);
                    self.files.insert(i, file);
                }
                Err(diagnostic) => self.diagnostics.push(diagnostic),
            }
        }
        Ok(true)
    }
}

impl Sources {
    /// The Markdown file at `rel_path` (relative to `content/`), if it was read.
    pub fn get(&self, rel_path: &str) -> Option<&SourceFile> {
        self.files
            .binary_search_by(|f| f.rel_path.as_str().cmp(rel_path))
            .ok()
            .map(|i| &self.files[i])
    }
}

// field_names::FOLDER_KEYS labels keys by the same folders.
pub(crate) fn kind_of(rel_path: &str) -> SourceKind {
    if rel_path.starts_with("pages/") {
        SourceKind::Page
    } else if rel_path.starts_with("gazette/") {
        SourceKind::GazetteIssue
    } else if rel_path.starts_with("reports/") {
        SourceKind::Report
    } else {
        SourceKind::Document
    }
}

/// Where decoding stopped and what the file seems to be, for the message.
#[derive(Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    line: u32,
    column: u32,
    byte: u8,
    encoding: Encoding,
}

impl NotUtf8 {
    fn into_diagnostic(self, rel_path: &str) -> Diagnostic {
        self.diagnostic("IO001", &format!("{CONTENT_DIR}/{rel_path}"))
    }

    /// The error for the file shown as `shown` (`IO001` for content,
    /// `CFG001` for site.yaml): the encoding it was saved in and a command
    /// that converts it.
    pub fn diagnostic(&self, code: &'static str, shown: &str) -> Diagnostic {
        let (what, fix) = self.encoding.explain(shown);
        let message = if self.encoding.from_the_start() {
            what
        } else {
            format!(
                "{what}（第 {} 行第 {} 个字符处遇到字节 0x{:02X}）",
                self.line, self.column, self.byte
            )
        };
        Diagnostic::error(code, shown, message)
            .at(self.line, self.column)
            .expected("UTF-8 编码的文本")
            .hint(fix)
    }
}

/// Decodes UTF-8, strips a BOM and normalises CRLF/CR to LF. UTF-16 is
/// refused even when its bytes happen to be valid UTF-8 (ASCII only).
pub fn decode_text(bytes: &[u8]) -> Result<String, NotUtf8> {
    if let Some(utf16) = encoding::utf16(bytes) {
        return Err(NotUtf8 {
            line: 1,
            column: 1,
            byte: bytes[0],
            encoding: utf16,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) if text.contains('\r') => Ok(text.replace("\r\n", "\n").replace('\r', "\n")),
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let encoding = encoding::detect(bytes);
            // In GBK text a pair of bytes may happen to be valid UTF-8: the
            // first Chinese character is the first byte above ASCII.
            let stop = match encoding {
                Encoding::Gbk | Encoding::Gb18030 => {
                    bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0)
                }
                _ => e.valid_up_to(),
            };
            let good = std::str::from_utf8(&bytes[..stop]).unwrap_or_default();
            let line = good.matches('\n').count() as u32 + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            Err(NotUtf8 {
                line,
                column,
                byte: bytes[stop],
                encoding,
            })
        }
    }
}

/// The error for a Markdown file over the size limit (not read at all).
pub fn too_large(display_path: &str, size: u64, limit: u64) -> Diagnostic {
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    Diagnostic::error(
        "LIM001",
        display_path,
        format!("文件大小 {:.1} MB，超过上限 {:.0} MB", mb(size), mb(limit)),
    )
    .expected("正文不超过 site.yaml max_document_mb（默认 5 MB）；大的表格或扫描件作为附件")
    .hint("如确需更大的文件，在 site.yaml 中调高 max_document_mb")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFa\r\nb\rc").as_deref(),
            Ok("a\nb\nc")
        );
    }

    #[test]
    fn rejects_gbk_with_position() {
        // "第二行" in GBK on line 2
        let bytes = b"---\n\xB5\xDA\xB6\xFE";
        assert_eq!(
            decode_text(bytes),
            Err(NotUtf8 {
                line: 2,
                column: 1,
                byte: 0xB5,
                encoding: Encoding::Gbk,
            })
        );
    }

    #[test]
    fn refuses_utf16_even_when_its_bytes_are_valid_utf8() {
        // ASCII-only UTF-16 LE without a BOM: every byte is valid UTF-8
        let bytes: Vec<u8> = "---\ntitle: a\n---\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let err = decode_text(&bytes).unwrap_err();
        assert_eq!(err.encoding, Encoding::Utf16Le { bom: false });
        let d = err.diagnostic("IO001", "content/a.md");
        assert_eq!((d.line, d.column), (Some(1), Some(1)));
        assert!(d.message.starts_with("文件是 UTF-16 LE 编码"), "{d}");
        // a stray NUL in UTF-8 text is not UTF-16
        assert!(decode_text("标题\0正文".as_bytes()).is_ok());
    }

    #[test]
    fn ignores_editor_files() {
        for name in [".git", "#a.md#", "a.md~", ".a.md.swp", "x.tmp"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("a.md"));
    }

    #[test]
    fn namesakes_keep_the_md_one_and_report_the_rest() {
        let file = |rel: &str| SourceFile {
            rel_path: rel.into(),
            kind: SourceKind::Document,
            text: String::new(),
        };
        let files = vec![
            file("a.MD"),
            file("a.markdown"),
            file("a.md"),
            file("b.markdown"),
            file("c.mdown"),
            file("c.mkd"),
        ];
        let (kept, diags) = one_file_per_id(files);
        let kept: Vec<&str> = kept.iter().map(|f| f.rel_path.as_str()).collect();
        assert_eq!(kept, ["a.md", "b.markdown", "c.mdown"]);
        let reported: Vec<(&str, &str)> = diags.iter().map(|d| (d.file.as_str(), d.code)).collect();
        assert_eq!(
            reported,
            [
                ("content/a.MD", "PATH005"),
                ("content/a.markdown", "PATH005"),
                ("content/c.mkd", "PATH005")
            ]
        );
        assert!(diags[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("content/a.md")));
    }

    #[test]
    fn a_namesake_on_disk_asks_for_a_full_walk() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("xxgk")).expect("mkdir");
        std::fs::write(dir.path().join("xxgk/a.md"), "").expect("write");
        assert!(!has_namesake(dir.path(), "xxgk/a.md"));
        std::fs::write(dir.path().join("xxgk/a.MD"), "").expect("write");
        assert!(has_namesake(dir.path(), "xxgk/a.md"));
        assert!(has_namesake(dir.path(), "xxgk/a.MD"));
        assert!(!has_namesake(dir.path(), "xxgk/b.md"));
        assert!(!has_namesake(dir.path(), "xxgk/a.pdf"));
    }

    #[test]
    fn kinds_follow_folders() {
        assert_eq!(kind_of("pages/guide.md"), SourceKind::Page);
        assert_eq!(kind_of("gazette/2024/01.md"), SourceKind::GazetteIssue);
        assert_eq!(kind_of("reports/2024/szfbgs.md"), SourceKind::Report);
        assert_eq!(kind_of("xxgk/2024/a.md"), SourceKind::Document);
    }
}
