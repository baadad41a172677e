//! One watch session: the pipeline (`pipeline::run`) run again and
//! again over the same site with one [`BuildState`], keeping what did not
//! change (see [`crate::state`] for every cache and what invalidates it).
//! The result is always the same as a fresh full build of the same content.

use crate::diagnostics::BuildError;
use crate::diagnostics::Diagnostic;
use crate::load;
use crate::output::{Claim, WriteReport};
use crate::pipeline::{load_config, Options};
use crate::state::BuildState;

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

/// State kept between rebuilds.
pub struct Session {
    opts: Options,
    /// The output folder, checked and locked for the whole session.
    claim: Option<Claim>,
    /// Every cache (see [`crate::state`]).
    state: BuildState,
}

impl Session {
    /// A session that has built nothing yet.
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            claim: None,
            state: BuildState::kept(),
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
        match scope {
            Scope::Everything => self.state.forget_config(),
            Scope::Assets => self.state.forget_content(),
            Scope::Content => {}
        }
        let Some(claim) = self.claim.as_ref() else {
            return Err(BuildError::Io(anyhow::anyhow!("输出目录未检查")));
        };
        // Only Markdown changed (wider scopes dropped the sources): the
        // pipeline re-reads just those files.
        let prefix = format!("{}/", load::CONTENT_DIR);
        let changed: Vec<String> = changed
            .iter()
            .filter_map(|p| p.strip_prefix(&prefix))
            .map(str::to_string)
            .collect();
        let ran = crate::pipeline::run(&mut self.state, &self.opts, claim, &changed)?;
        Ok(Rebuilt {
            changed,
            documents: ran.documents,
            parsed: ran.parsed,
            write: ran.write,
            warnings: ran.diagnostics,
            scheduled: ran.scheduled,
        })
    }
}
