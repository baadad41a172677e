//! The pipeline, `load → parse → index → render → write`, as `check` and
//! `build` run it (watch mode runs the same stages through its session, which
//! keeps what did not change).

use crate::config::{parse_config, SiteConfig, CONFIG_FILE};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::{self, BuildError};
use crate::model::BuildContext;
use crate::{index, load, output, parse, render};
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Receives one-line progress messages from long stages.
pub type Progress = Arc<dyn Fn(&str) + Send + Sync>;

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

fn report(progress: &Option<Progress>, message: &str) {
    if let Some(p) = progress {
        p(message);
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
    let text = load::decode_text(&bytes).map_err(|_| {
        BuildError::Content(vec![Diagnostic::error(
            "CFG001",
            CONFIG_FILE,
            "site.yaml 不是 UTF-8 编码",
        )
        .expected("UTF-8 编码的文本")])
    })?;
    parse_config(&text).map_err(BuildError::Content)
}

/// Stages load → parse → index: everything `gongkai check` does.
pub fn check_site(
    root: &Path,
    ctx: &BuildContext,
    progress: &Option<Progress>,
) -> Result<Checked, BuildError> {
    let config = load_config(root)?;
    let sources = load::load_sources_limited(
        &root.join(load::CONTENT_DIR),
        config.security.max_document_bytes,
    )?;
    report(progress, &format!("解析 {} 个文件…", sources.files.len()));
    let parsed = parse::parse_sources(sources, &config, ctx);
    report(progress, "建立索引…");
    index_parsed(config, parsed, ctx)
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
    check_with_theme(root, ctx, progress).map(|(checked, _)| checked)
}

/// [`check_site`] and the theme it names, with the problems of both in one
/// sorted list when either has any.
fn check_with_theme(
    root: &Path,
    ctx: &BuildContext,
    progress: &Option<Progress>,
) -> Result<(Checked, render::theme::Theme), BuildError> {
    let (content, theme_name) = match check_site(root, ctx, progress) {
        Ok(checked) => {
            let name = checked.config.theme.clone();
            (Ok(checked), name)
        }
        // The theme's problems are reported with the content's, when the
        // configuration that names the theme is itself readable.
        Err(BuildError::Content(diags)) => match load_config(root) {
            Ok(config) => (Err(diags), config.theme),
            Err(_) => return Err(BuildError::Content(diags)),
        },
        Err(e) => return Err(e),
    };
    match (
        content,
        render::theme::load_theme(&root.join("themes"), &theme_name),
    ) {
        (Ok(checked), Ok(theme)) => {
            theme_statics_have_no_owner(root, &checked, &theme)?;
            Ok((checked, theme))
        }
        (_, Err(BuildError::Io(e))) => Err(BuildError::Io(e)),
        (content, theme) => {
            let mut diags = match content {
                Ok(checked) => checked.diagnostics,
                Err(diags) => diags,
            };
            if let Err(BuildError::Content(d)) = theme {
                diags.extend(d);
            }
            diagnostics::sort(&mut diags);
            Err(BuildError::Content(diags))
        }
    }
}

/// Stage index over parsed content: fails with every diagnostic, sorted,
/// when any is an error.
pub(crate) fn index_parsed(
    config: SiteConfig,
    mut parsed: parse::Parsed,
    ctx: &BuildContext,
) -> Result<Checked, BuildError> {
    let diagnostics = std::mem::take(&mut parsed.diagnostics);
    let (index, index_diags) = index::build_index(parsed, &config, ctx);
    checked(config, index, diagnostics, &index_diags)
}

/// The parse stage's diagnostics joined with the index stage's, sorted: an
/// error if any is one, else the checked site.
pub(crate) fn checked(
    config: SiteConfig,
    index: index::SiteIndex,
    mut diagnostics: Vec<Diagnostic>,
    index_diags: &[Diagnostic],
) -> Result<Checked, BuildError> {
    diagnostics.extend_from_slice(index_diags);
    diagnostics::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Content(diagnostics));
    }
    Ok(Checked {
        config,
        index,
        diagnostics,
    })
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

/// The whole pipeline: check, render, write atomically.
pub fn build(opts: &Options) -> Result<BuildReport, BuildError> {
    // A wrong --output is said before the content is read (but only in a
    // site folder: no bookkeeping is created anywhere else), and the lock
    // is held until the new site is in place.
    load_config(&opts.root)?;
    let claim = output::Claim::take(&opts.root, &opts.output, &opts.write)?;
    let (checked, theme) = check_with_theme(&opts.root, &opts.ctx, &opts.progress)?;
    report(
        &opts.progress,
        &format!("生成 {} 份文件的页面…", checked.index.docs.len()),
    );
    let previous = claim.previous();
    // Until the commit, files go to a staging folder; an error drops it.
    let writer = output::Writer::begin(&claim, &previous)?;
    let rendered = render::render_site(
        &checked.index,
        &checked.config,
        &theme,
        &opts.ctx,
        &writer,
        None,
    )?;
    report(
        &opts.progress,
        &format!("更新 {} 个文件…", rendered.puts.len()),
    );
    // Also saves the record of what is gongkai's, as its last step.
    let (_, written) = writer.commit(rendered.puts)?;
    let documents = checked.index.docs.len();
    let diagnostics = checked.diagnostics;
    let mut index = checked.index;
    let scheduled = std::mem::take(&mut index.scheduled);
    // Freeing every document (a few hundred MB at 100k) takes a while that
    // nobody needs to wait for.
    std::thread::spawn(move || drop(index));
    Ok(BuildReport {
        diagnostics,
        documents,
        files: written.files,
        bytes: written.bytes,
        written: written.written.len(),
        deleted: written.deleted.len(),
        foreign: written.foreign,
        scheduled,
    })
}
