//! A document's attachments, as written, against the files beside it:
//! missing (FM030), refused paths (PATH…), Markdown files (FM044, they
//! are documents themselves), empty files (FM045), unreadable (IO002).

use crate::load::{AssetFile, CONTENT_DIR};
use crate::model::Attachment;
use crate::parse::document::RawAttachment;
use crate::yaml::fields::FieldReader;
use std::collections::BTreeMap;

/// The attachments that may be published, with their size and digest;
/// every problem is pushed to `r` at the attachment's line.
pub(super) fn check_attachments(
    r: &mut FieldReader<'_>,
    raw: &[RawAttachment],
    dir: &str,
    assets: &BTreeMap<&str, &AssetFile>,
) -> Vec<Attachment> {
    let mut out = Vec::new();
    for a in raw {
        let rel = if dir.is_empty() {
            a.file.clone()
        } else {
            format!("{dir}/{}", a.file)
        };
        if crate::load::markdown_stem(&rel).is_some() {
            // content/ reads every Markdown file as a document (or page)
            let ending = rel.rsplit('.').next().unwrap_or("md");
            let d = r
                .error(
                    "FM044",
                    &a.key,
                    format!("附件 {CONTENT_DIR}/{rel} 是 `.{ending}` 文件：content/ 中这类文件都作为一份公开文件发布，不能再作附件"),
                )
                .expected("附件是 PDF、办公文档、图片等文件，例如 附件1.pdf、附件2.docx")
                .hint("要指向另一份文件，在正文中写链接，或用 validity.basis、interprets 引用它；要附上原文，附 PDF 或办公文档");
            r.push(d);
            continue;
        }
        let Some(asset) = assets.get(rel.as_str()) else {
            let d = r
                .error(
                    "FM030",
                    &a.key,
                    format!("找不到附件文件 {CONTENT_DIR}/{rel}"),
                )
                .expected("附件文件放在与本文件相同的目录中，文件名完全一致（含扩展名）");
            r.push(d);
            continue;
        };
        if let Some(why) = &asset.refused {
            let (code, message) = why.entry_message("附件", &rel);
            let d = why.complete(r.error(code, &a.key, message));
            r.push(d);
            continue;
        }
        match crate::util::hash::file_digest(&asset.abs_path) {
            Ok((0, _)) => {
                let d = r
                    .error(
                        "FM045",
                        &a.key,
                        format!("附件 {CONTENT_DIR}/{rel} 是空文件（0 字节）"),
                    )
                    .expected("有内容的附件文件")
                    .hint(
                        "多半是复制或下载没有完成：重新放入附件文件，用文件管理器看一下大小不是 0",
                    );
                r.push(d);
            }
            Ok((size, sha256)) => out.push(Attachment {
                file: a.file.clone(),
                source_rel_path: rel,
                abs_path: asset.abs_path.clone(),
                title: a.title.clone(),
                size,
                sha256,
            }),
            Err(e) => {
                let d = r.error(
                    "IO002",
                    &a.key,
                    format!("无法读取附件 {CONTENT_DIR}/{rel}：{e}"),
                );
                r.push(d);
            }
        }
    }
    out
}
