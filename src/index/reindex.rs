//! The index of the last rebuild, patched instead of built again when a
//! save changed only documents' bodies. The index is made from everything
//! of a document but its body (metadata, path, address, attachments, key
//! positions), so when those are equal for every changed document the new
//! index is the old one holding the new documents: same order, relations,
//! catalog, validity, gazette and diagnostics. At 10,000 documents that
//! saves the ~25 ms of building it. Any other change (a document added,
//! removed, made private or given new metadata, a page or gazette file)
//! builds the index afresh.

use crate::diagnostics::Diagnostic;
use crate::index::SiteIndex;
use crate::model::{Document, FailedDoc, SharedDoc};
use std::sync::Arc;

/// An index with what it was built from.
pub(crate) struct LastIndex {
    /// Every parsed document (public or not), in the parse stage's order.
    docs: Vec<SharedDoc>,
    /// The documents that failed then: a reference to one names its error's
    /// place, which any edit of it may move.
    failed: Vec<FailedDoc>,
    index: SiteIndex,
    /// The index stage's own diagnostics.
    diagnostics: Vec<Diagnostic>,
}

impl LastIndex {
    /// Keeps `index`, built from `docs` with these diagnostics.
    pub(crate) fn new(
        docs: Vec<SharedDoc>,
        failed: Vec<FailedDoc>,
        index: SiteIndex,
        diagnostics: Vec<Diagnostic>,
    ) -> LastIndex {
        LastIndex {
            docs,
            failed,
            index,
            diagnostics,
        }
    }

    /// The index and its diagnostics for `docs` (the parse stage's
    /// documents after a save that changed only documents, not pages or
    /// gazette files), if they differ from the last ones only in bodies.
    pub(crate) fn patch(
        mut self,
        docs: &[SharedDoc],
        failed: &[FailedDoc],
    ) -> Option<(SiteIndex, Vec<Diagnostic>)> {
        if docs.len() != self.docs.len() || failed != self.failed {
            return None;
        }
        let mut swaps: Vec<(*const Document, &SharedDoc)> = Vec::new();
        for (old, new) in self.docs.iter().zip(docs) {
            if Arc::ptr_eq(old, new) {
                continue;
            }
            if !same_but_body(old, new) {
                return None;
            }
            swaps.push((Arc::as_ptr(old), new));
        }
        for doc in &mut self.index.docs {
            let at = Arc::as_ptr(doc);
            if let Some((_, new)) = swaps.iter().find(|(old, _)| *old == at) {
                *doc = Arc::clone(new);
            }
        }
        Some((self.index, self.diagnostics))
    }
}

/// Whether two versions of a document differ at most in what the index
/// never reads: the body (HTML, text, headings) and the stamp.
fn same_but_body(a: &Document, b: &Document) -> bool {
    // Every field named, so that a new one must be placed on one side.
    let Document {
        id,
        source_path,
        url,
        meta,
        attachments,
        keys,
        body: _,
        headings: _,
        stamp: _,
        head_stamp: _,
    } = a;
    *id == b.id
        && *source_path == b.source_path
        && *url == b.url
        && *meta == b.meta
        && *attachments == b.attachments
        && *keys == b.keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::build_index;
    use crate::load::{load_sources, Sources};
    use crate::model::BuildContext;
    use crate::parse::{parse_documents, parse_documents_cached, ParseCache};

    /// The demo site's index, kept, and what is needed to parse it again.
    fn demo() -> (
        Sources,
        crate::config::SiteConfig,
        BuildContext,
        ParseCache,
        LastIndex,
    ) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let yaml = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
        let config = crate::config::parse_config(&yaml).expect("valid site.yaml");
        let sources = load_sources(&root.join("content")).expect("content");
        let ctx = BuildContext {
            as_of: jiff::civil::date(2025, 1, 1),
            drafts: false,
            future: false,
        };
        let mut cache = ParseCache::default();
        let (parsed, _) = parse_documents_cached(&sources, &config, &ctx, &mut cache, None);
        let docs = parsed.docs.clone();
        let failed = parsed.failed.clone();
        let (index, diags) = build_index(parsed, &config, &ctx);
        (
            sources,
            config,
            ctx,
            cache,
            LastIndex::new(docs, failed, index, diags),
        )
    }

    fn edit(sources: &mut Sources, rel: &str, edit: impl Fn(&str) -> String) {
        let file = sources
            .files
            .iter_mut()
            .find(|f| f.rel_path == rel)
            .expect("demo file");
        file.text = edit(&file.text);
    }

    #[test]
    fn a_body_edit_patches_the_index_into_what_a_fresh_one_is() {
        let (mut sources, config, ctx, mut cache, last) = demo();
        // A repealed document, linked from its basis and its replacement.
        let rel = "xxgk/2021/gf-2021-01.md";
        edit(&mut sources, rel, |t| format!("{t}\n新增的一段正文。\n"));
        let changed = [rel.to_string()];
        let (parsed, count) =
            parse_documents_cached(&sources, &config, &ctx, &mut cache, Some(&changed));
        assert_eq!(count, 1);
        let (patched, patched_diags) = last
            .patch(&parsed.docs, &parsed.failed)
            .expect("only a body changed");
        let (fresh, fresh_diags) =
            build_index(parse_documents(&sources, &config, &ctx), &config, &ctx);
        assert_eq!(format!("{patched:?}"), format!("{fresh:?}"));
        assert_eq!(format!("{patched_diags:?}"), format!("{fresh_diags:?}"));
        let doc = patched.docs.iter().find(|d| d.id == "xxgk/2021/gf-2021-01");
        let body = doc.expect("published").body.read().expect("held");
        assert!(body.html().contains("新增的一段正文"));
    }

    #[test]
    fn any_other_change_builds_the_index_again() {
        let rel = "xxgk/2021/gf-2021-01.md";
        let changed = [rel.to_string()];
        let edits: [fn(&str) -> String; 3] = [
            // a title
            |t| t.replacen("title: 清河市", "title: 清河县", 1),
            // a key's line (a blank line at the top of the front matter)
            |t| t.replacen("---\n", "---\n\n", 1),
            // the document no longer public
            |t| {
                t.replacen(
                    "---\n",
                    "---\ndisclosure: 依申请公开\ndisclosure_reason: 涉及个人隐私\n",
                    1,
                )
            },
        ];
        for change in edits {
            let (mut sources, config, ctx, mut cache, last) = demo();
            edit(&mut sources, rel, change);
            let (parsed, _) =
                parse_documents_cached(&sources, &config, &ctx, &mut cache, Some(&changed));
            assert!(last.patch(&parsed.docs, &parsed.failed).is_none());
        }
        // a document removed
        let (mut sources, config, ctx, mut cache, last) = demo();
        sources.files.retain(|f| f.rel_path != rel);
        let (parsed, _) =
            parse_documents_cached(&sources, &config, &ctx, &mut cache, Some(&changed));
        assert!(last.patch(&parsed.docs, &parsed.failed).is_none());
    }

    #[test]
    fn an_edit_of_a_file_that_still_fails_builds_the_index_again() {
        // A reference to a failed file names the place of its error (XR012),
        // which moves when the file is edited, though no document changed.
        let (mut sources, config, ctx, mut cache, _) = demo();
        let rel = "xxgk/2024/gf-2024-04.md";
        edit(&mut sources, rel, |t| {
            t.replacen("published: 2024-06-24", "published: 2024-06-31", 1)
        });
        let (parsed, _) = parse_documents_cached(&sources, &config, &ctx, &mut cache, None);
        let (docs, failed) = (parsed.docs.clone(), parsed.failed.clone());
        let (index, diags) = build_index(parsed, &config, &ctx);
        assert!(diags.iter().any(|d| d.code == "XR012"), "{diags:?}");
        let last = LastIndex::new(docs, failed, index, diags);
        edit(&mut sources, rel, |t| t.replacen("---\n", "---\n\n", 1));
        let changed = [rel.to_string()];
        let (parsed, _) =
            parse_documents_cached(&sources, &config, &ctx, &mut cache, Some(&changed));
        assert!(last.patch(&parsed.docs, &parsed.failed).is_none());
    }
}
