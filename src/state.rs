//! The build state: every cache the pipeline keeps between runs, in one
//! owner. [`crate::pipeline`] runs the stages over a `BuildState`:
//! `gongkai build` with one that keeps nothing ([`BuildState::for_one_build`],
//! so a plain build neither hashes for nor holds caches it would never
//! reuse), watch mode with one kept for the whole session
//! ([`BuildState::kept`]), so a save re-reads one file, re-parses it,
//! re-renders the pages that show it and rewrites only files whose bytes
//! differ. Either way the output is what a fresh build of the same content
//! makes (`tests/watch.rs` and `tests/incremental.rs` compare them).
//!
//! # The caches held here
//!
//! | Field | Key | Holds | Invalidated by |
//! |---|---|---|---|
//! | `loaded` | — | site.yaml and the theme | a change to site.yaml or themes/ ([`BuildState::forget_config`]); a failed load. Dropping it clears every cache below but the output record |
//! | `sources` | path under content/ | content/ as last read | a change under content/ other than Markdown ([`BuildState::forget_content`]); a failed read. A change of Markdown files re-reads just those (`load::Sources::refresh`) |
//! | `parse_cache` (`parse::ParseCache`) | path + xxh3 of the file's text | each file's parse outcome (document, page or gazette issue, diagnostics) | site.yaml or any attachment changed (they feed every outcome) |
//! | `last_index` (`index::reindex::LastIndex`) | the documents but their bodies, compared field by field | the index and its diagnostics as last committed | any change but document bodies; any failed run |
//! | `incremental.memo` (`render::PageMemo`) | output path → memo key (`render::memo`) | each memoised page's file as committed | site.yaml or the theme changed; a failed render or commit |
//! | `incremental.search` (`search::SearchState`) | per search record (document or annual report) the fields it comes from | the search files and their records | as `incremental.memo` |
//! | `incremental.pieces` (`render::data::PieceCache`) | per data-file family a key per document record, or of the whole family | records of the exports, validity and gazette files | as `incremental.memo` |
//! | `manifest` (`output::Manifest`) | output path | xxh3 of each file's bytes, the fingerprint or memo key it was made from, its size and time | trusted between watch runs; after a failed run, read again from the output folder's record |
//!
//! The manifest is also kept on disk, as the record in the site's
//! `.gongkai/` folder (see `output::claim`): the only cache that lasts from
//! one `gongkai build` to the next. Its fingerprints let a plain build skip
//! rendering pages whose inputs did not change, and its hashes skip
//! rewriting files whose bytes did not.
//!
//! # The keys computed each run
//!
//! Made with `util::hash::KeyHasher` (xxh3) and stored only inside the
//! caches above:
//! - a document's stamp and head stamp (`parse`): its path, text (all of it,
//!   or the part before the body) and attachments;
//! - the theme's fingerprint (`render::theme`): every template and static
//!   file, path and bytes;
//! - the chrome's seed (`render::chrome`): the code, the theme's
//!   fingerprint, every setting and the as-of date, the shared template
//!   values; a page's fingerprint is the seed and a hash of its view;
//! - memo keys (`render::memo`, with the list keys of `render::lists`, the
//!   validity row keys of `render::validity_pages` and the gazette's in
//!   `render::gazette`): stamps and validity of the documents a page shows;
//! - data-file keys (`render::data`): the catalog's record keys, the
//!   gazette's and the sitemap's key;
//! - an attachment's fingerprint (`output::writer`): its source's path,
//!   size and time.

use crate::config::SiteConfig;
use crate::index::reindex::LastIndex;
use crate::load::Sources;
use crate::output::Manifest;
use crate::parse::ParseCache;
use crate::render::theme::Theme;
use crate::render::Incremental;
use std::sync::Arc;

/// site.yaml and the theme, loaded together.
pub(crate) struct Loaded {
    pub(crate) config: SiteConfig,
    pub(crate) theme: Theme,
}

/// Every cache of the pipeline (see the module's table).
pub struct BuildState {
    /// Whether runs fill the caches for the next run (watch mode).
    pub(crate) keep: bool,
    pub(crate) loaded: Option<Loaded>,
    pub(crate) sources: Option<Sources>,
    pub(crate) parse_cache: ParseCache,
    pub(crate) last_index: Option<LastIndex>,
    pub(crate) incremental: Incremental,
    pub(crate) manifest: Option<Arc<Manifest>>,
}

impl BuildState {
    /// A state for one build: nothing is kept for a next run.
    pub fn for_one_build() -> BuildState {
        BuildState::empty(false)
    }

    /// A state kept between runs (watch mode), empty so far.
    pub fn kept() -> BuildState {
        BuildState::empty(true)
    }

    fn empty(keep: bool) -> BuildState {
        BuildState {
            keep,
            loaded: None,
            sources: None,
            parse_cache: ParseCache::default(),
            last_index: None,
            incremental: Incremental::default(),
            manifest: None,
        }
    }

    /// site.yaml or the theme changed: load both again, and forget what
    /// was made from them (the output record stays: it is checked against
    /// the files, and only files whose bytes differ are rewritten).
    pub fn forget_config(&mut self) {
        self.loaded = None;
        self.forget_content();
    }

    /// A file under content/ other than Markdown changed (attachments feed
    /// sizes and hashes into documents): read and parse everything again.
    pub fn forget_content(&mut self) {
        self.parse_cache.clear();
        self.sources = None;
        self.last_index = None;
    }

    /// What was made with the configuration just loaded: none of it holds
    /// for a new one.
    pub(crate) fn forget_derived(&mut self) {
        self.parse_cache.clear();
        self.last_index = None;
        self.incremental = Incremental::default();
    }
}
