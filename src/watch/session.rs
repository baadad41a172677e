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
use jiff::civil::Date;
use std::sync::Arc;

/// The current day, asked before each rebuild. Passed in by main.rs (the
/// only reader of the clock), or by a test.
pub type Today = Arc<dyn Fn() -> Date + Send + Sync>;

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
    /// The new as-of date, when the day changed since the last rebuild.
    pub day_changed: Option<Date>,
}

/// State kept between rebuilds.
pub struct Session {
    opts: Options,
    /// The output folder, checked and locked for the whole session.
    claim: Option<Claim>,
    /// Every cache (see [`crate::state`]).
    state: BuildState,
    /// Where the as-of date comes from: `None` keeps `opts.ctx.as_of`.
    today: Option<Today>,
}

impl Session {
    /// A session that has built nothing yet, judging every rebuild as of
    /// `opts.ctx.as_of` (`--as-of`).
    pub fn new(opts: Options) -> Session {
        Session {
            opts,
            claim: None,
            state: BuildState::kept(),
            today: None,
        }
    }

    /// A session that judges each rebuild as of the day `today` gives (no
    /// `--as-of`): one left running over midnight publishes what became
    /// due and moves validity on, as a fresh build that day would.
    pub fn following(opts: Options, today: Today) -> Session {
        let mut session = Session::new(opts);
        session.opts.ctx.as_of = today();
        session.today = Some(today);
        session
    }

    /// A session that has built nothing yet, with the same options and
    /// clock (after a panic).
    pub fn restarted(&self) -> Session {
        let mut session = Session::new(self.opts.clone());
        session.today = self.today.clone();
        session
    }

    /// The current day, when it is not the as-of date of the last rebuild
    /// (never with a fixed as-of date).
    pub fn day_moved(&self) -> Option<Date> {
        let today = self.today.as_ref()?();
        (today != self.opts.ctx.as_of).then_some(today)
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
        let day_changed = self.day_moved();
        let scope = match day_changed {
            Some(day) => {
                // Every stage after parsing reads the date (held back,
                // validity, what pages show): start again from nothing,
                // once a day.
                self.opts.ctx.as_of = day;
                Scope::Everything
            }
            None => scope,
        };
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
            day_changed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BuildContext;
    use std::collections::BTreeMap;
    use std::path::Path;
    use std::sync::Mutex;

    fn write(path: &Path, text: &str) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(path, text).expect("write");
    }

    /// Every file under `dir`: relative path → bytes.
    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = crate::load::relative_slash_path(dir, e.path());
                (rel, std::fs::read(e.path()).expect("read"))
            })
            .collect()
    }

    /// The 效力状态 catalog.json gives document `id`.
    fn status(out: &Path, id: &str) -> String {
        let bytes = std::fs::read(out.join("catalog.json")).expect("catalog.json");
        let catalog: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
        let list = catalog.as_array().cloned().unwrap_or_default();
        let doc = list.iter().find(|d| d["id"] == id).cloned();
        doc.map(|d| d["status"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    }

    fn options(root: &Path, output: &Path, as_of: Date) -> Options {
        Options {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            ctx: BuildContext {
                as_of,
                drafts: false,
                future: false,
            },
            progress: None,
            write: Default::default(),
        }
    }

    /// Over midnight, with nothing edited: a session on the clock publishes
    /// the document dated the new day and lets the one that expired the day
    /// before lapse, exactly as a fresh build that day; one with a fixed
    /// as-of date (`--as-of`) does not move.
    #[test]
    fn a_session_on_the_clock_judges_each_rebuild_as_of_its_day() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("site");
        write(
            &root.join("site.yaml"),
            "title: 测试站\nbase_url: https://www.example.gov.cn/\n",
        );
        let head = "agency: 某市人民政府办公室\ncategory: 综合政务/政务公开\n";
        write(
            &root.join("content/xxgk/expiring.md"),
            &format!("---\ntitle: 到年底有效的通知\n{head}published: 2024-05-31\nvalidity:\n  expires: 2024-12-31\n---\n正文\n"),
        );
        write(
            &root.join("content/xxgk/new-year.md"),
            &format!("---\ntitle: 新年发布的通知\n{head}published: 2025-01-01\n---\n正文\n"),
        );
        let eve = jiff::civil::date(2024, 12, 31);
        let day = Arc::new(Mutex::new(eve));
        let clock = Arc::clone(&day);
        let today: Today = Arc::new(move || *clock.lock().expect("clock"));
        let out = tmp.path().join("public");
        let mut session = Session::following(options(&root, &out, eve), today);
        let mut fixed = Session::new(options(&root, &tmp.path().join("fixed"), eve));
        let page = out.join("xxgk/new-year/index.html");

        let first = session.rebuild(Scope::Content, &[]).expect("first build");
        assert_eq!(first.day_changed, None);
        assert!(!page.exists(), "published before its day");
        assert_eq!(status(&out, "xxgk/expiring"), "有效");
        assert_eq!(session.day_moved(), None);
        fixed.rebuild(Scope::Content, &[]).expect("fixed build");

        *day.lock().expect("clock") = jiff::civil::date(2025, 1, 1);
        assert_eq!(session.day_moved(), Some(jiff::civil::date(2025, 1, 1)));
        assert_eq!(fixed.day_moved(), None, "a fixed as-of date moved");
        let next = session.rebuild(Scope::Content, &[]).expect("rebuild");
        assert_eq!(next.day_changed, Some(jiff::civil::date(2025, 1, 1)));
        assert!(page.is_file(), "not published on its day");
        assert_eq!(status(&out, "xxgk/expiring"), "到期失效");
        assert_eq!(session.day_moved(), None);

        let fresh = tmp.path().join("fresh");
        crate::pipeline::build(&options(&root, &fresh, jiff::civil::date(2025, 1, 1)))
            .expect("fresh build");
        assert!(
            tree(&out) == tree(&fresh),
            "differs from a fresh build that day"
        );

        let fixed_out = tmp.path().join("fixed");
        fixed.rebuild(Scope::Content, &[]).expect("fixed rebuild");
        assert!(!fixed_out.join("xxgk/new-year/index.html").exists());
        assert_eq!(status(&fixed_out, "xxgk/expiring"), "有效");
    }
}
