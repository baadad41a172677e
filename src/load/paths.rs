//! What may be read from `content/`: regular files inside it, reached
//! directly or through a symbolic link whose target is a regular file inside
//! `content/` too (never in a dot-folder such as `.git`). A link elsewhere in
//! the site folder (`../.git/config`, where CI checkouts keep their token, or
//! a folder beside `content/`), a folder, a device or a FIFO is refused, and
//! the message says which link it is and where it points.
//!
//! Codes: `PATH001` a link out of the site folder (or one that cannot be
//! resolved), `PATH002` a link to something in the site folder outside
//! `content/` or in a hidden folder, `PATH003` a folder where a file is
//! wanted, `PATH004` a device, FIFO or socket.

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// Why a path under `content/` is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A link whose target is outside the site folder, or cannot be
    /// resolved (`None`: dangling).
    LinkOutsideSite {
        /// The resolved target, absolute.
        target: Option<String>,
    },
    /// A link to something inside the site folder but outside `content/`,
    /// or inside a hidden folder of `content/`.
    LinkOutsideContent {
        /// The target relative to the site root (`.git/config`).
        target: String,
    },
    /// A folder, or a link to one.
    Folder {
        /// The link's target relative to the site root, for a link.
        link_to: Option<String>,
    },
    /// A device, FIFO or socket, or a link to one.
    Special {
        /// What it is, in Chinese.
        kind: &'static str,
        /// The link's target relative to the site root, for a link.
        link_to: Option<String>,
    },
}

impl Refusal {
    /// Stable diagnostic code.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::LinkOutsideSite { .. } => "PATH001",
            Refusal::LinkOutsideContent { .. } => "PATH002",
            Refusal::Folder { .. } => "PATH003",
            Refusal::Special { .. } => "PATH004",
        }
    }

    /// What the path is, as the predicate of a sentence (“是符号链接，指向…”).
    fn what(&self) -> String {
        match self {
            Refusal::LinkOutsideSite { target: Some(t) } => {
                format!("是符号链接，指向网站目录之外的 {t}")
            }
            Refusal::LinkOutsideSite { target: None } => {
                "是符号链接，但无法解析（目标不存在或无法访问）".to_string()
            }
            Refusal::LinkOutsideContent { target } if target.starts_with("content/") => {
                let folders = target.rsplit_once('/').map_or("", |(d, _)| d);
                if folders.split('/').any(is_ignored) {
                    format!("是符号链接，指向隐藏目录中的 {target}")
                } else {
                    format!("是符号链接，指向隐藏、备份或临时文件 {target}")
                }
            }
            Refusal::LinkOutsideContent { target } => {
                format!("是符号链接，指向 content/ 之外的 {target}")
            }
            Refusal::Folder { link_to: None } => "是目录，不是文件".to_string(),
            Refusal::Folder { link_to: Some(t) } => format!("是符号链接，指向目录 {t}"),
            Refusal::Special {
                kind,
                link_to: None,
            } => format!("是{kind}，不是普通文件"),
            Refusal::Special {
                kind,
                link_to: Some(t),
            } => format!("是符号链接，指向{kind} {t}"),
        }
    }

    fn expected(&self) -> &'static str {
        match self {
            Refusal::Folder { link_to: None } => "一个文件的路径，例如 附件/附件1.pdf",
            _ => "content/ 中的普通文件（链接只能指向 content/ 中的普通文件，不能指向隐藏目录）",
        }
    }

    fn hint(&self) -> &'static str {
        match self {
            Refusal::Folder { link_to: None } => "写出目录中的具体文件名；每个附件一项",
            _ => "把文件本身复制到 content/ 中，再删除这个链接",
        }
    }

    /// The error for the path itself (`content/…`), when no entry names it.
    pub fn at_path(&self, display_path: &str) -> Diagnostic {
        Diagnostic::error(
            self.code(),
            display_path,
            format!("此路径{}，已拒绝", self.what()),
        )
        .expected(self.expected())
        .hint(self.hint())
    }

    /// The message for an entry (attachment, gazette PDF) that names the
    /// path `rel` (relative to `content/`): the caller places it at the entry.
    pub fn entry_message(&self, what: &str, rel: &str) -> (&'static str, String) {
        (
            self.code(),
            format!(
                "{what} {CONTENT_DIR}/{rel} {}，已拒绝（不会复制到网站）",
                self.what()
            ),
        )
    }

    /// Adds the expected form and the hint to an entry's diagnostic.
    pub fn complete(&self, d: Diagnostic) -> Diagnostic {
        d.expected(self.expected()).hint(self.hint())
    }
}

/// The roots links are judged against, resolved once per walk.
pub struct Roots {
    /// `content/`, resolved.
    content: PathBuf,
    /// The site folder (parent of `content/`), resolved.
    site: PathBuf,
}

impl Roots {
    /// Resolves `content_dir` and its parent.
    pub fn new(content_dir: &Path) -> Self {
        let content = content_dir
            .canonicalize()
            .unwrap_or_else(|_| content_dir.to_path_buf());
        let site = content
            .parent()
            .map_or_else(|| content.clone(), Path::to_path_buf);
        Roots { content, site }
    }

    /// Follows the link at `link`: the resolved target when it is a regular
    /// file inside `content/`, else why not.
    pub fn follow(&self, link: &Path) -> Result<PathBuf, Refusal> {
        let Ok(target) = link.canonicalize() else {
            return Err(Refusal::LinkOutsideSite { target: None });
        };
        let Ok(in_site) = target.strip_prefix(&self.site) else {
            return Err(Refusal::LinkOutsideSite {
                target: Some(target.display().to_string()),
            });
        };
        let shown = relative_slash_path(Path::new(""), in_site);
        let in_content = target.strip_prefix(&self.content).ok();
        let hidden = in_content.is_some_and(|rel| {
            rel.components()
                .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
        });
        if in_content.is_none() || hidden {
            return Err(Refusal::LinkOutsideContent { target: shown });
        }
        let Ok(meta) = std::fs::metadata(&target) else {
            return Err(Refusal::LinkOutsideSite { target: None });
        };
        if meta.is_dir() {
            return Err(Refusal::Folder {
                link_to: Some(shown),
            });
        }
        if !meta.is_file() {
            return Err(Refusal::Special {
                kind: special_kind(&meta.file_type()),
                link_to: Some(shown),
            });
        }
        Ok(target)
    }
}

/// What a file that is neither a regular file nor a folder is.
pub fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "命名管道（FIFO）";
        }
        if file_type.is_socket() {
            return "套接字（socket）";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "设备文件";
        }
    }
    let _ = file_type;
    "特殊文件"
}

/// Prefix used in diagnostics so editors see the path from the site root.
pub const CONTENT_DIR: &str = "content";

/// The endings of Markdown files, compared without case: editors' tools
/// save `.md`, `.MD` (Windows), `.markdown` (Typora and others) and
/// `.mdown`/`.mkd`, and each is read as a document. The document's id and
/// URL are its path without the ending, whichever it is.
pub const MARKDOWN_ENDINGS: &[&str] = &["md", "markdown", "mdown", "mkd"];

/// `rel_path` without its Markdown ending (`xxgk/a.MD` → `xxgk/a`), or
/// `None` when it is not a Markdown file's name.
pub fn markdown_stem(rel_path: &str) -> Option<&str> {
    let (stem, ending) = rel_path.rsplit_once('.')?;
    let name_start = stem.rfind('/').map_or(0, |i| i + 1);
    let named = stem.len() > name_start;
    (named
        && MARKDOWN_ENDINGS
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ending)))
    .then_some(stem)
}

/// Dotfiles, editor backups and temp files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// `path` relative to `base`, `/`-separated (for output paths and messages).
pub(crate) fn relative_slash_path(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_files_are_known_by_any_common_ending() {
        for (path, stem) in [
            ("xxgk/a.md", Some("xxgk/a")),
            ("xxgk/a.MD", Some("xxgk/a")),
            ("xxgk/a.Markdown", Some("xxgk/a")),
            ("a.markdown", Some("a")),
            ("a.mdown", Some("a")),
            ("a.b.md", Some("a.b")),
            ("xxgk/a.pdf", None),
            ("xxgk/.md", None),
            ("md", None),
            ("xxgk/a.mdx", None),
        ] {
            assert_eq!(markdown_stem(path), stem, "{path}");
        }
    }

    #[test]
    fn messages_name_the_link_and_its_target() {
        let r = Refusal::LinkOutsideContent {
            target: ".git/config".into(),
        };
        let (code, message) = r.entry_message("附件", "xxgk/leak.pdf");
        assert_eq!(code, "PATH002");
        assert_eq!(
            message,
            "附件 content/xxgk/leak.pdf 是符号链接，指向 content/ 之外的 .git/config，已拒绝（不会复制到网站）"
        );
        let hidden = Refusal::LinkOutsideContent {
            target: "content/.git/config".into(),
        };
        assert!(hidden.what().contains("隐藏目录中的 content/.git/config"));
        let dotfile = Refusal::LinkOutsideContent {
            target: "content/xxgk/.secret.pdf".into(),
        };
        assert!(dotfile
            .what()
            .contains("隐藏、备份或临时文件 content/xxgk/.secret.pdf"));
        assert_eq!(
            Refusal::Folder { link_to: None }
                .at_path("content/a")
                .message,
            "此路径是目录，不是文件，已拒绝"
        );
    }
}
