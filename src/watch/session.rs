//! One watch session: the pipeline run again and again over the same site,
//! keeping what did not change. Parsed documents are cached by file text,
//! pages by the inputs they are rendered from, and the output folder by the
//! bytes it holds, so a save re-parses one file, re-renders the pages that
//! show it and rewrites only files whose bytes differ. The result is always
//! the same as a fresh full build of the same content.

use super::reindex::LastIndex;
use crate::config::SiteConfig;
use crate::diagnostics::BuildError;
use crate::diagnostics::Diagnostic;
use crate::load;
use crate::output::{Claim, Manifest, WriteReport, Writer};
use crate::parse::{parse_documents_cached, ParseCache};
use crate::pipeline::{load_config, Options};
use crate::render::theme::{load_theme, Theme};
use crate::render::{render_site, Incremental};
use std::sync::Arc;

/// How much of the site a change can affect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Markdown under content/: re-parse the files whose text changed.
    Content,
    /// Other files under content/ (attachments feed sizes and hashes into
    /// documents): re-parse everything, re-render what changed.
    Assets,
    /// site.yaml or the theme: start again from nothing (the output folder
    /// is still only rewritten where bytes differ).
    Everything,
}

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// The changed paths that caused it (relative to the site root; empty
    /// for the first build).
    pub changed: Vec<String>,
    /// Published documents.
    pub documents: usize,
    /// Markdown files parsed this time (the rest came from the cache).
    pub parsed: usize,
    /// Files written and deleted.
    pub write: WriteReport,
    /// Warnings (sorted).
    pub warnings: Vec<Diagnostic>,
    /// What is dated after the as-of date (held back, or previewed).
    pub scheduled: Vec<crate::index::schedule::Scheduled>,
}

struct Loaded {
    config: SiteConfig,
    theme: Theme,
}

/// State kept between rebuilds.
pub struct Session {
    opts: Options,
    loaded: Option<Loaded>,
    parse_cache: ParseCache,
    /// The output folder, checked and locked for the whole session.
    claim: Option<Claim>,
    /// What the output folder holds, with each page's input fingerprint:
    /// pages whose inputs did not change are not rendered again.
    manifest: Option<Arc<Manifest>>,
    /// Page memo keys and search files as last committed.
    incremental: Incremental,
    /// content/ as last read; `None` until the first build or after a
    /// change that needs a fresh walk.
    sources: Option<load::Sources>,
    /// The index as last committed, to patch when a save changed only
    /// documents' bodies.
    last_index: Option<LastIndex>,
}

impl Session {
    /// A session that has built nothing yet.
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            loaded: None,
            parse_cache: ParseCache::default(),
            claim: None,
            manifest: None,
            incremental: Incremental::default(),
            sources: None,
            last_index: None,
        }
    }

    /// The options the session builds with.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Checks and locks the output folder (once per session): refusals and
    /// a second process on the same folder are reported before any build.
    pub fn claim_output(&mut self) -> Result<(), BuildError> {
        if self.claim.is_none() {
            // Not a site folder: nothing to watch (a site.yaml with errors
            // is reported by the rebuild, and watching goes on).
            if let Err(BuildError::Io(e)) = load_config(&self.opts.root) {
                return Err(BuildError::Io(e));
            }
            self.claim = Some(Claim::take(
                &self.opts.root,
                &self.opts.output,
                &self.opts.write,
            )?);
        }
        Ok(())
    }

    /// Runs the pipeline for a change of the given scope. On any error the
    /// output folder keeps the last good site.
    pub fn rebuild(&mut self, scope: Scope, changed: &[String]) -> Result<Rebuilt, BuildError> {
        self.claim_output()?;
        if scope == Scope::Everything {
            self.loaded = None;
        }
        if scope >= Scope::Assets {
            self.parse_cache.clear();
            self.sources = None;
            self.last_index = None;
        }
        let loaded = match self.loaded.take() {
            Some(l) => l,
            None => {
                self.parse_cache.clear();
                self.last_index = None;
                self.incremental = Incremental::default();
                let config = load_config(&self.opts.root)?;
                let theme = load_theme(&self.opts.root.join("themes"), &config.theme)?;
                Loaded { config, theme }
            }
        };
        // A failed read leaves `self.sources` empty (run takes it out
        // first), so the next rebuild walks content/ again.
        let result = self.run(&loaded, changed);
        self.loaded = Some(loaded);
        result
    }

    fn run(&mut self, loaded: &Loaded, changed: &[String]) -> Result<Rebuilt, BuildError> {
        let ctx = &self.opts.ctx;
        let content_dir = self.opts.root.join(load::CONTENT_DIR);
        let max_bytes = loaded.config.security.max_document_bytes;
        // Only Markdown changed (wider scopes dropped the sources): re-read
        // just those files, unless a symbolic link needs a full walk.
        let prefix = format!("{}/", load::CONTENT_DIR);
        let changed: Vec<String> = changed
            .iter()
            .filter_map(|p| p.strip_prefix(&prefix))
            .map(str::to_string)
            .collect();
        let reused = match self.sources.take() {
            Some(mut s) => s.refresh(&content_dir, &changed, max_bytes)?.then_some(s),
            None => None,
        };
        // After a refresh only the changed files can differ from the parse
        // cache; after a fresh walk any can.
        let (sources, known_changes) = match reused {
            Some(s) => (s, Some(changed.as_slice())),
            None => (load::load_sources_limited(&content_dir, max_bytes)?, None),
        };
        let sources = &*self.sources.insert(sources);
        let (mut parsed, parsed_count) = parse_documents_cached(
            sources,
            &loaded.config,
            ctx,
            &mut self.parse_cache,
            known_changes,
        );
        let parse_diags = std::mem::take(&mut parsed.diagnostics);
        let all_docs = parsed.docs.clone();
        // Only documents changed (not pages or gazette files): the last
        // index may need only the new bodies.
        let documents_only = known_changes.is_some_and(|c| {
            c.iter()
                .all(|rel| load::kind_of(rel) == load::SourceKind::Document)
        });
        let patched = match self.last_index.take() {
            Some(last) if documents_only => last.patch(&parsed.docs),
            _ => None,
        };
        let (index, index_diags) = match patched {
            Some(p) => p,
            None => crate::index::build_index(parsed, &loaded.config, ctx),
        };
        // The config is small next to the index.
        let checked =
            crate::pipeline::checked(loaded.config.clone(), index, parse_diags, &index_diags)?;
        // On an error the manifest stays empty, so the next rebuild reads it
        // (and compares with the files) again.
        let Some(claim) = self.claim.as_ref() else {
            return Err(BuildError::Io(anyhow::anyhow!("输出目录未检查")));
        };
        let (previous, trusted) = match self.manifest.take() {
            Some(m) => (m, true),
            None => (Arc::new(claim.previous()), false),
        };
        let writer = if trusted {
            Writer::continue_from(claim, &previous)?
        } else {
            Writer::begin(claim, &previous)?
        };
        // Until the commit succeeds, neither the manifest nor the
        // incremental state describes the folder: after an error both start
        // again from nothing.
        let mut incremental = std::mem::take(&mut self.incremental);
        let rendered = render_site(
            &checked.index,
            &checked.config,
            &loaded.theme,
            ctx,
            &writer,
            Some(&mut incremental),
        )?;
        // The commit saves the record too: it says what is gongkai's.
        let (manifest, write) = writer.commit(rendered.puts)?;
        self.manifest = Some(Arc::new(manifest));
        incremental.memo = rendered.memo;
        self.incremental = incremental;
        let documents = checked.index.docs.len();
        let scheduled = checked.index.scheduled.clone();
        self.last_index = Some(LastIndex::new(all_docs, checked.index, index_diags));
        Ok(Rebuilt {
            changed: changed.to_vec(),
            documents,
            parsed: parsed_count,
            write,
            warnings: checked.diagnostics,
            scheduled,
        })
    }
}
