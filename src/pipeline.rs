//! The pipeline, `load → parse → index → render → write`: `run` over a
//! [`BuildState`] holding every cache. `build` runs it with a state that
//! keeps nothing, watch mode with one kept between rebuilds; `check` runs
//! its first stages.

use crate::config::{parse_config, SiteConfig, CONFIG_FILE};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::{self, BuildError};
use crate::index::reindex::LastIndex;
use crate::model::BuildContext;
use crate::state::{BuildState, Loaded};
use crate::{index, load, output, parse, render};
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod unchanged;

/// Receives the long stages' progress, one step at a time. The steps are
/// data, not text: the command line words them in its own language.
pub type Progress = Arc<dyn Fn(Step) + Send + Sync>;

/// A long stage starting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Parsing this many Markdown files.
    Parsing {
        /// Files read from content/.
        files: usize,
    },
    /// Building the index (references, validity, catalog).
    Indexing,
    /// Rendering the pages of this many documents.
    Rendering {
        /// Published documents.
        documents: usize,
    },
    /// Moving this many written files into the output folder.
    Writing {
        /// Files rendered.
        files: usize,
    },
}

/// Where the site is and what to do.
#[derive(Clone)]
pub struct Options {
    /// Site root (holds site.yaml, content/, themes/).
    pub root: PathBuf,
    /// Output folder.
    pub output: PathBuf,
    /// Date and drafts.
    pub ctx: BuildContext,
    /// Progress messages, if the caller wants them.
    pub progress: Option<Progress>,
    /// How the output folder may be written (`--force`, who holds the lock).
    pub write: output::WriteOptions,
}

/// The outcome of a successful build.
#[derive(Debug)]
pub struct BuildReport {
    /// Warnings (sorted).
    pub diagnostics: Vec<Diagnostic>,
    /// Published documents.
    pub documents: usize,
    /// Documents and pages not published because they are drafts.
    pub drafts: usize,
    /// Files the site has.
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
    /// Files written because they are new or changed (the rest already
    /// held the same bytes).
    pub written: usize,
    /// Files deleted because the site no longer has them.
    pub deleted: usize,
    /// Files in the output folder that gongkai did not make, left untouched.
    pub foreign: Vec<String>,
    /// What is dated after the as-of date: held back, or (with `--future`)
    /// published marked 未到发布日期.
    pub scheduled: Vec<index::schedule::Scheduled>,
    /// The inputs and the output folder were as the last build left them,
    /// so no stage ran: the report is that build's (see `unchanged`).
    pub unchanged: bool,
}

/// The validated site, ready to render.
pub struct Checked {
    /// Configuration.
    pub config: SiteConfig,
    /// Index of published documents.
    pub index: index::SiteIndex,
    /// Warnings (sorted).
    pub diagnostics: Vec<Diagnostic>,
}

fn report(progress: &Option<Progress>, step: Step) {
    if let Some(p) = progress {
        p(step);
    }
}

/// Loads site.yaml.
pub fn load_config(root: &Path) -> Result<SiteConfig, BuildError> {
    let path = root.join(CONFIG_FILE);
    let bytes = std::fs::read(&path).with_context(|| {
        format!(
            "找不到或无法读取 {}（网站根目录应有 site.yaml）",
            path.display()
        )
    })?;
    let text = load::decode_text(&bytes)
        .map_err(|bad| BuildError::Content(vec![bad.diagnostic("CFG001", CONFIG_FILE)]))?;
    parse_config(&text).map_err(BuildError::Content)
}

/// Stages load → parse → index: everything `gongkai check` does.
pub fn check_site(
    root: &Path,
    ctx: &BuildContext,
    progress: &Option<Progress>,
) -> Result<Checked, BuildError> {
    let config = load_config(root)?;
    let indexed = content_stages(
        &mut BuildState::for_one_build(),
        root,
        ctx,
        progress,
        &config,
        &[],
        None,
    )?;
    Ok(Checked {
        config,
        index: indexed.index,
        diagnostics: indexed.diagnostics,
    })
}

/// Everything `gongkai check` does: the content checked, the theme loaded
/// and every template compiled (no page rendered), so that `check` fails on
/// whatever `build` would fail on before writing. Content and theme problems
/// are reported together. (The output folder's refusals that need no
/// writing belong here too, next to the theme: `output` decides them.)
pub fn check(
    root: &Path,
    ctx: &BuildContext,
    progress: &Option<Progress>,
) -> Result<Checked, BuildError> {
    let config = load_config(root)?;
    let mut state = BuildState::for_one_build();
    let content = content_stages(&mut state, root, ctx, progress, &config, &[], None);
    let theme = render::theme::load_theme(&root.join("themes"), &config.theme);
    let (indexed, theme) = with_theme(content, theme)?;
    let checked = Checked {
        config,
        index: indexed.index,
        diagnostics: indexed.diagnostics,
    };
    theme_statics_have_no_owner(root, &checked, &theme)?;
    Ok(checked)
}

/// The content's and the theme's outcomes together: an IO error of either
/// as it is (the content's first), else the problems of both in one sorted
/// list when either has any.
fn with_theme(
    content: Result<Indexed, BuildError>,
    theme: Result<render::theme::Theme, BuildError>,
) -> Result<(Indexed, render::theme::Theme), BuildError> {
    match (content, theme) {
        (Ok(indexed), Ok(theme)) => Ok((indexed, theme)),
        (Err(BuildError::Io(e)), _) | (_, Err(BuildError::Io(e))) => Err(BuildError::Io(e)),
        (content, theme) => {
            let mut diags = match content {
                Ok(indexed) => indexed.diagnostics,
                Err(BuildError::Content(diags)) => diags,
                Err(BuildError::Io(_)) => Vec::new(),
            };
            if let Err(BuildError::Content(d)) = theme {
                diags.extend(d);
            }
            diagnostics::sort(&mut diags);
            Err(BuildError::Content(diags))
        }
    }
}

/// The index stage's outcome, with what a kept state needs to patch it next
/// time.
pub(crate) struct Indexed {
    index: index::SiteIndex,
    /// Warnings of both stages, sorted.
    diagnostics: Vec<Diagnostic>,
    /// The index stage's own diagnostics.
    index_diags: Vec<Diagnostic>,
    /// Every parsed document, public or not (kept states only).
    all_docs: Vec<crate::model::SharedDoc>,
    /// The documents that failed (kept states only).
    failed: Vec<crate::model::FailedDoc>,
    /// Markdown files parsed (not taken from the parse cache).
    parsed: usize,
}

/// Stages load → parse → index over `state`'s caches. `changes` are the
/// paths under content/ changed since the last run of a kept state (with
/// no sources kept, content/ is walked afresh). With no state kept and a
/// `bodies` store, the published bodies go there as they are rendered.
fn content_stages(
    state: &mut BuildState,
    root: &Path,
    ctx: &BuildContext,
    progress: &Option<Progress>,
    config: &SiteConfig,
    changes: &[String],
    bodies: Option<Arc<crate::model::BodyStore>>,
) -> Result<Indexed, BuildError> {
    let content_dir = root.join(load::CONTENT_DIR);
    let max_bytes = config.security.max_document_bytes;
    let (mut parsed, parsed_count, documents_only) = if state.keep {
        parse_kept(state, &content_dir, max_bytes, config, ctx, changes)?
    } else {
        // Nothing is kept: the sources are let go of as they are parsed.
        let sources = load::load_sources_limited(&content_dir, max_bytes)?;
        let files = sources.files.len();
        report(progress, Step::Parsing { files });
        (
            parse::parse_sources(sources, config, ctx, bodies),
            files,
            false,
        )
    };
    report(progress, Step::Indexing);
    let mut parse_diags = std::mem::take(&mut parsed.diagnostics);
    // site.yaml's warnings are reported with the content's, by every run.
    parse_diags.extend(config.warnings.iter().cloned());
    let (all_docs, failed) = if state.keep {
        (parsed.docs.clone(), parsed.failed.clone())
    } else {
        (Vec::new(), Vec::new())
    };
    let patched = match state.last_index.take() {
        Some(last) if documents_only => last.patch(&parsed.docs, &parsed.failed),
        _ => None,
    };
    let (index, index_diags) = match patched {
        Some(p) => p,
        None => index::build_index(parsed, config, ctx),
    };
    let diagnostics = sorted_diagnostics(parse_diags, &index_diags)?;
    Ok(Indexed {
        index,
        diagnostics,
        index_diags,
        all_docs,
        failed,
        parsed: parsed_count,
    })
}

/// Load and parse with a kept state: only the changed Markdown files are
/// read and parsed again, when the sources are kept. Also says whether only
/// documents changed (not pages or gazette files), so that the last index
/// may need only their new bodies.
fn parse_kept(
    state: &mut BuildState,
    content_dir: &Path,
    max_bytes: u64,
    config: &SiteConfig,
    ctx: &BuildContext,
    changes: &[String],
) -> Result<(parse::Parsed, usize, bool), BuildError> {
    // A failed read leaves the sources empty (taken out first), so the
    // next run walks content/ again; a symbolic link needs a full walk.
    let reused = match state.sources.take() {
        Some(mut s) => s.refresh(content_dir, changes, max_bytes)?.then_some(s),
        None => None,
    };
    // After a refresh only the changed files can differ from the parse
    // cache; after a fresh walk any can.
    let (sources, known_changes) = match reused {
        Some(s) => (s, Some(changes)),
        None => (load::load_sources_limited(content_dir, max_bytes)?, None),
    };
    let sources = &*state.sources.insert(sources);
    let (parsed, count) =
        parse::parse_documents_cached(sources, config, ctx, &mut state.parse_cache, known_changes);
    let documents_only = known_changes.is_some_and(|c| {
        c.iter()
            .all(|rel| load::kind_of(rel) == load::SourceKind::Document)
    });
    Ok((parsed, count, documents_only))
}

/// The parse stage's diagnostics joined with the index stage's, sorted:
/// an error if any is one, else the warnings.
fn sorted_diagnostics(
    mut diagnostics: Vec<Diagnostic>,
    index_diags: &[Diagnostic],
) -> Result<Vec<Diagnostic>, BuildError> {
    diagnostics.extend_from_slice(index_diags);
    diagnostics::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(diagnostics));
    }
    Ok(diagnostics)
}

/// Refuses a theme whose static files would be written over the
/// generator's files or the site's pages, attachments or aliases (see
/// [`index::theme_static_clashes`]), with the warnings so far.
pub fn theme_statics_have_no_owner(
    root: &Path,
    checked: &Checked,
    theme: &render::theme::Theme,
) -> Result<(), BuildError> {
    let shown: Vec<(&str, String)> = theme
        .statics
        .keys()
        .map(|rel| {
            let layer = [checked.config.theme.as_str(), "default"]
                .into_iter()
                .find(|layer| {
                    root.join("themes")
                        .join(layer)
                        .join("static")
                        .join(rel)
                        .is_file()
                });
            let file = match layer {
                Some(layer) => format!("themes/{layer}/static/{rel}"),
                None => format!("（内置）themes/default/static/{rel}"),
            };
            (rel.as_str(), file)
        })
        .collect();
    let mut clashes = index::theme_static_clashes(
        &checked.index,
        shown.iter().map(|(rel, file)| (*rel, file.as_str())),
    );
    if clashes.is_empty() {
        return Ok(());
    }
    clashes.extend_from_slice(&checked.diagnostics);
    diagnostics::sort(&mut clashes);
    Err(BuildError::Content(clashes))
}

/// The whole pipeline: check, render, write atomically. The same stages
/// as watch mode's rebuilds (`run`), over a state that keeps nothing.
pub fn build(opts: &Options) -> Result<BuildReport, BuildError> {
    // A wrong --output is said before the content is read (but only in a
    // site folder: no bookkeeping is created anywhere else), and the lock
    // is held until the new site is in place.
    load_config(&opts.root)?;
    let claim = output::Claim::take(&opts.root, &opts.output, &opts.write)?;
    // Keyed before anything is read, so that an edit during the build makes
    // the next one run in full. Injected faults must meet a real commit.
    let (key, same) = match opts.write.faults.is_none() {
        true => unchanged::unchanged(&claim, || {
            unchanged::inputs_key(&opts.root, &claim, &opts.ctx, CODE_ID)
        }),
        false => (None, None),
    };
    if let Some(same) = same {
        return Ok(BuildReport {
            diagnostics: same.diagnostics,
            documents: same.documents,
            drafts: same.drafts,
            files: same.files,
            bytes: same.bytes,
            written: 0,
            deleted: 0,
            foreign: same.foreign,
            scheduled: same.scheduled,
            unchanged: true,
        });
    }
    unchanged::forget(&claim);
    let ran = run(&mut BuildState::for_one_build(), opts, &claim, &[])?;
    let report = BuildReport {
        diagnostics: ran.diagnostics,
        documents: ran.documents,
        drafts: ran.drafts,
        files: ran.write.files,
        bytes: ran.write.bytes,
        written: ran.write.written.len(),
        deleted: ran.write.deleted.len(),
        foreign: ran.write.foreign,
        scheduled: ran.scheduled,
        unchanged: false,
    };
    unchanged::save(&claim, key.as_ref(), &report);
    Ok(report)
}

/// Identifies the code (see build.rs): a build by another version of
/// gongkai never takes the last one's output as current.
const CODE_ID: &str = env!("GONGKAI_CODE_ID");

/// What one run of the pipeline did.
pub(crate) struct Ran {
    /// Published documents.
    pub(crate) documents: usize,
    /// Drafts held back.
    pub(crate) drafts: usize,
    /// Markdown files parsed (the rest came from the parse cache).
    pub(crate) parsed: usize,
    /// Files written and deleted.
    pub(crate) write: output::WriteReport,
    /// Warnings (sorted).
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// What is dated after the as-of date (held back, or previewed).
    pub(crate) scheduled: Vec<index::schedule::Scheduled>,
}

/// The pipeline, `load → parse → index → render → write`, over `state`'s
/// caches (see [`crate::state`]), into the output folder `claim` holds.
/// `changes` are the paths under content/ changed since the last run of a
/// kept state. On any error the output folder keeps the last good site, and
/// the state keeps only what still describes it.
pub(crate) fn run(
    state: &mut BuildState,
    opts: &Options,
    claim: &output::Claim,
    changes: &[String],
) -> Result<Ran, BuildError> {
    let (config, kept_theme) = match state.loaded.take() {
        Some(Loaded { config, theme }) => (config, Some(theme)),
        None => {
            state.forget_derived();
            (load_config(&opts.root)?, None)
        }
    };
    // A one-off build keeps its bodies out of memory until the pages and
    // the search stage read them (a kept state holds them: its caches reuse
    // them). Without a spill file they are held, as in watch mode.
    let bodies = match state.keep {
        false => crate::model::BodyStore::create(claim.books()).ok(),
        true => None,
    };
    let content = content_stages(
        state,
        &opts.root,
        &opts.ctx,
        &opts.progress,
        &config,
        changes,
        bodies,
    );
    // Loaded after the content, whose texts are let go of by then.
    let theme = match kept_theme {
        Some(theme) => Ok(theme),
        None => render::theme::load_theme(&opts.root.join("themes"), &config.theme),
    };
    // A kept state keeps site.yaml and a theme that loaded through errors
    // of the content (the content's error is then the whole answer).
    let (indexed, theme) = match (content, theme) {
        (Err(e), Ok(theme)) if state.keep => {
            state.loaded = Some(Loaded { config, theme });
            return Err(e);
        }
        (content, theme) => with_theme(content, theme)?,
    };
    let Indexed {
        index,
        diagnostics,
        index_diags,
        all_docs,
        failed,
        parsed,
    } = indexed;
    let checked = Checked {
        config,
        index,
        diagnostics,
    };
    let clash = theme_statics_have_no_owner(&opts.root, &checked, &theme);
    let Checked {
        config,
        mut index,
        diagnostics,
    } = checked;
    let written =
        clash.and_then(|()| render_and_write(state, opts, claim, &index, &config, &theme));
    if state.keep {
        state.loaded = Some(Loaded { config, theme });
    }
    let write = written?;
    let documents = index.docs.len();
    let drafts = index.drafts;
    let scheduled = if state.keep {
        let scheduled = index.scheduled.clone();
        state.last_index = Some(LastIndex::new(all_docs, failed, index, index_diags));
        scheduled
    } else {
        let scheduled = std::mem::take(&mut index.scheduled);
        // Freeing every document (a few hundred MB at 100k) takes a while
        // that nobody needs to wait for.
        std::thread::spawn(move || drop(index));
        scheduled
    };
    Ok(Ran {
        documents,
        drafts,
        parsed,
        write,
        diagnostics,
        scheduled,
    })
}

/// Stages render and write: files go to a staging folder until the commit
/// (an error drops it), which also saves the record of what is gongkai's.
fn render_and_write(
    state: &mut BuildState,
    opts: &Options,
    claim: &output::Claim,
    index: &index::SiteIndex,
    config: &SiteConfig,
    theme: &render::theme::Theme,
) -> Result<output::WriteReport, BuildError> {
    let documents = index.docs.len();
    report(&opts.progress, Step::Rendering { documents });
    // A kept manifest describes the folder as last committed; else (and
    // after an error, which leaves none) the record is read and checked
    // against the files.
    let (previous, trusted) = match state.manifest.take() {
        Some(m) => (m, true),
        None => (Arc::new(claim.previous()), false),
    };
    let writer = if trusted {
        output::Writer::continue_from(claim, &previous)?
    } else {
        output::Writer::begin(claim, &previous)?
    };
    // Until the commit succeeds, neither the manifest nor the incremental
    // state describes the folder: after an error both start again from
    // nothing.
    let mut incremental = std::mem::take(&mut state.incremental);
    let rendered = render::render_site(
        index,
        config,
        theme,
        &opts.ctx,
        &writer,
        state.keep.then_some(&mut incremental),
    )?;
    let files = rendered.puts.len();
    report(&opts.progress, Step::Writing { files });
    let (manifest, write) = writer.commit(rendered.puts)?;
    if state.keep {
        state.manifest = Some(Arc::new(manifest));
        incremental.memo = rendered.memo;
        state.incremental = incremental;
    }
    Ok(write)
}
