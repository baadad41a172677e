//! Stage 4, `render`: the index and theme → every output file, handed to
//! the writer (stage 5) as it is made, so a page at a time is in memory.
//! Pages render in parallel, their views built only when a thread gets to
//! them; a page whose inputs are unchanged since the last build is not
//! rendered at all (fingerprints, memo keys). Any template error aborts with
//! the template and the page named.

mod changes;
mod chrome;
mod data;
mod docpage;
mod feed;
mod folders;
mod gazette;
pub mod i18n;
mod lists;
mod memo;
pub mod metadata;
mod report_compare;
mod report_exports;
mod report_list;
mod reports;
mod searchpage;
mod stats;
mod svg;
pub mod theme;
pub mod theme_check;
mod validity_pages;
pub mod view;

use crate::config::url_map::Urls;
use crate::config::SiteConfig;
use crate::index::SiteIndex;
use crate::model::BuildContext;
pub use crate::output::{Output, OutputFile};
use crate::output::{Put, Writer};
use chrome::{hash_value, Chrome, PageContext};
use memo::MemoInputs;
pub use memo::PageMemo;
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use theme::Theme;
use view::{LinkView, NavItem, SiteView};

/// Shared pieces every page needs.
pub(crate) struct Shared<'a> {
    pub(crate) index: &'a SiteIndex,
    pub(crate) config: &'a SiteConfig,
    pub(crate) theme: &'a Theme,
    pub(crate) urls: Urls,
    pub(crate) site: SiteView,
    pub(crate) t: BTreeMap<&'static str, &'static str>,
    /// The browse-by views (agencies, categories, years, classes) that the
    /// home page, the catalog and every list page show: built once.
    pub(crate) browse: serde_json::Value,
    /// `0..docs.len()`: every document, newest first, as a list of indices.
    pub(crate) all_docs: Vec<usize>,
    /// What memo keys are made of (see [`memo`]).
    pub(crate) keys: MemoInputs,
    /// The template values every page shares (`site`, `t`), built once.
    pub(crate) base: tera::Context,
    /// The main navigation by section, rendered once each.
    pub(crate) navs: BTreeMap<String, String>,
}

/// Page-level values every template gets as `page`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageMeta {
    pub(crate) title: String,
    pub(crate) url: String,
    pub(crate) canonical: String,
    pub(crate) section: String,
    pub(crate) description: String,
    pub(crate) breadcrumb: Vec<LinkView>,
    /// The 网页元数据 of the page's column and content.
    pub(crate) meta: metadata::PageMetadata,
    /// The page's 我为政府网站找错 link, carrying its address.
    pub(crate) error_report: Option<String>,
}

/// A page to render: template, output path, page meta and its own values.
pub(crate) struct Job {
    pub(crate) template: &'static str,
    pub(crate) out: String,
    pub(crate) page: PageMeta,
    pub(crate) values: serde_json::Value,
}

/// A page whose view is built only when a rendering thread gets to it, so
/// the views of a large site are never all in memory at once.
pub(crate) struct LazyJob<'a> {
    /// Output path and memo key, for pages that can be skipped without
    /// building their view (see [`memo`]).
    pub(crate) memo: Option<(String, u64)>,
    pub(crate) make: Box<dyn FnOnce() -> anyhow::Result<Job> + Send + 'a>,
}

/// A job whose view is already built (pages that are few).
pub(crate) fn ready<'a>(job: Job) -> LazyJob<'a> {
    LazyJob {
        memo: None,
        make: Box::new(move || Ok(job)),
    }
}

/// A job built later, with its output path and memo key when memo keys
/// are in use. Building it can fail (a page that renders a partial
/// template of its own, or a view that does not serialise).
pub(crate) fn later_try<'a>(
    memo: Option<(String, u64)>,
    make: impl FnOnce() -> anyhow::Result<Job> + Send + 'a,
) -> LazyJob<'a> {
    LazyJob {
        memo,
        make: Box::new(make),
    }
}

/// Renders the whole site into `writer`: each page is handed over as soon
/// as it is rendered, and a page whose inputs have the fingerprint of the
/// file already in the output folder is not rendered at all.
///
/// With an [`Incremental`] (watch mode), document and list pages whose memo
/// key is unchanged since the last call are not even built (see [`memo`]),
/// and only the search files an edit touched are made again.
pub fn render_site(
    index: &SiteIndex,
    config: &SiteConfig,
    theme: &Theme,
    ctx: &BuildContext,
    writer: &Writer<'_>,
    incremental: Option<&mut Incremental>,
) -> anyhow::Result<Rendered> {
    let (memo, search, pieces) = match incremental {
        Some(inc) => (
            Some(&inc.memo),
            Some(&mut inc.search),
            Some(&mut inc.pieces),
        ),
        None => (None, None, None),
    };
    let urls = Urls::new(config);
    let t = i18n::strings(config.language);
    let mut output = Output::new();
    let syntax_css = crate::markdown::highlight::stylesheet().into_bytes();
    for (path, bytes) in &theme.statics {
        output.insert(path.clone(), OutputFile::Bytes(bytes.clone()));
    }
    output.insert(
        crate::config::url_map::SYNTAX_CSS.into(),
        OutputFile::Bytes(syntax_css),
    );
    // Published in every page's asset URLs, so SHA-256 and not the hash of
    // cache keys (see `util::hash`).
    let versioned = |path: &str| -> String {
        let hash = match output.get(path) {
            Some(OutputFile::Bytes(b)) => Sha256::digest(b)
                .iter()
                .take(4)
                .map(|b| format!("{b:02x}"))
                .collect::<String>(),
            _ => String::new(),
        };
        format!("{}?v={hash}", urls.path(path))
    };
    let site = SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        lang: config.language.tag(),
        root: urls.root().to_string(),
        base_url: config.base_url.clone(),
        footer: config.footer.clone(),
        css_url: versioned(crate::config::url_map::SITE_CSS),
        syntax_css_url: versioned(crate::config::url_map::SYNTAX_CSS),
        js_url: versioned(crate::config::url_map::SITE_JS),
        search_js_url: versioned(crate::config::url_map::SEARCH_JS),
        script_strings: i18n::script_strings(config.language)?,
        feed_url: urls.path(crate::config::url_map::FEED),
        nav: navigation(index, &urls, &t),
        identity: metadata::identity_view(&config.identity, config.domain(), &urls),
    };
    let mut shared = Shared {
        index,
        config,
        theme,
        urls,
        site,
        t,
        browse: serde_json::Value::Null,
        all_docs: (0..index.docs.len()).collect(),
        keys: MemoInputs::default(),
        base: tera::Context::new(),
        navs: BTreeMap::new(),
    };
    shared.browse = lists::browse_views(&shared)?;
    let chrome = Chrome::new(&shared, ctx)?;
    shared.keys = MemoInputs::new(&shared, chrome.seed);
    shared.base = chrome.base();
    shared.navs = chrome.main_navs(&theme.tera, &shared.base, &shared.site.nav)?;
    let shared = shared;

    let mut jobs = lists::jobs(&shared)?;
    jobs.extend(docpage::jobs(&shared));
    jobs.extend(gazette::jobs(&shared)?);
    jobs.extend(validity_pages::jobs(&shared)?);
    jobs.extend(folders::jobs(&shared)?);
    jobs.push(ready(stats::render(&shared, ctx, &mut output)?));
    jobs.extend(report_list::jobs(&shared, &mut output)?);
    jobs.push(ready(searchpage::job(&shared)));
    let previous = memo.map(|m| &m.pages);
    // Pages render on every core while the data files (exports, feeds) and
    // then the search index are made alongside, so no core waits for
    // another stage's last, longest job.
    let (pages, files) = rayon::join(
        || {
            jobs.into_par_iter()
                .map_init(
                    || PageContext::new(&shared),
                    |context, lazy| {
                        if let Some((out, key)) = &lazy.memo {
                            // Watch mode's memo needs no look at the disk.
                            if let Some((_, put)) = previous
                                .and_then(|p| p.get(out))
                                .filter(|(old_key, _)| old_key == key)
                            {
                                let put = Put {
                                    staged: false,
                                    ..put.clone()
                                };
                                return Ok((lazy.memo, put));
                            }
                            if let Some(put) = writer.reusable(out, *key) {
                                return Ok((lazy.memo, put));
                            }
                        }
                        let job = (lazy.make)()?;
                        let page = serde_json::to_value(&job.page)?;
                        // A memoised page is known by its memo key (already
                        // looked up above); the others by a hash of their view.
                        let key = match &lazy.memo {
                            Some((_, key)) => *key,
                            None => {
                                let key = chrome.fingerprint(&job, &page);
                                if let Some(put) = writer.reusable(&job.out, key) {
                                    return Ok((lazy.memo, put));
                                }
                                key
                            }
                        };
                        let Job {
                            template,
                            out,
                            values,
                            ..
                        } = job;
                        let bytes = context
                            .render(&shared.theme.tera, template, page, values)
                            .map_err(|e| render_error(&out, template, &e, &shared.theme.sources))?;
                        Ok((lazy.memo, writer.put(&out, bytes, key)?))
                    },
                )
                .collect::<anyhow::Result<Vec<_>>>()
        },
        || -> anyhow::Result<_> {
            let data = data_files(&shared, writer, output, pieces)?;
            Ok((data, searchpage::write_files(&shared, writer, search)?))
        },
    );
    let (pages, (data_puts, search_puts)) = (pages?, files?);
    let mut puts = Vec::with_capacity(pages.len() + data_puts.len() + search_puts.len() + 1);
    let mut next = PageMemo::default();
    for (key, put) in pages {
        // Only watch mode keeps the memo between calls.
        if let (Some((out, key)), true) = (key, memo.is_some()) {
            next.pages.insert(out, (key, put.clone()));
        }
        puts.push(put);
    }
    puts.extend(data_puts);
    let html: Vec<&str> = puts.iter().map(|p| p.rel.as_str()).collect();
    puts.push(data::put_sitemap(&shared, html, writer)?);
    puts.extend(search_puts);
    Ok(Rendered { puts, memo: next })
}

/// What watch mode keeps between calls of [`render_site`]. After a failed
/// render or commit, start again from `Incremental::default()`.
#[derive(Default)]
pub struct Incremental {
    /// Memo keys of the pages as last committed.
    pub memo: PageMemo,
    /// The search files as last committed, and what they were made from.
    pub search: Option<crate::search::SearchState>,
    /// Per-document pieces of the data files.
    pieces: data::PieceCache,
}

/// What [`render_site`] made.
pub struct Rendered {
    /// Every file of the site, to commit.
    pub puts: Vec<Put>,
    /// Memo keys of the pages, for the next call (empty without a memo);
    /// valid once `puts` are committed.
    pub memo: PageMemo,
}

/// Every file that is not a page rendered from a template, except the
/// sitemap (which lists the pages) and the search files: handed to the
/// writer a family at a time, so large exports are not all held at once.
fn data_files(
    shared: &Shared<'_>,
    writer: &Writer<'_>,
    mut output: Output,
    mut pieces: Option<&mut data::PieceCache>,
) -> anyhow::Result<Vec<Put>> {
    let mut puts = Vec::new();
    let mut flush = |output: &mut Output| -> anyhow::Result<()> {
        let files: Vec<(String, OutputFile)> = std::mem::take(output).into_iter().collect();
        let written: Vec<Put> = files
            .into_par_iter()
            .map(|(rel, file)| writer.put_file(&rel, &file))
            .collect::<anyhow::Result<_>>()?;
        puts.extend(written);
        Ok(())
    };
    for doc in &shared.index.docs {
        for a in &doc.attachments {
            output.insert(
                format!("{}{}", doc.url, a.file),
                OutputFile::Copy(crate::output::CopySource {
                    from: a.abs_path.clone(),
                    size: a.size,
                    sha256: a.sha256.clone(),
                }),
            );
        }
    }
    flush(&mut output)?;
    let key = data::gazette_key(shared);
    data::memo_files(pieces.as_deref_mut(), "gazette", key, &mut output, |out| {
        gazette::add_files(shared, out)
    })?;
    flush(&mut output)?;
    validity_pages::add_data_files(shared, &mut output, pieces.as_deref_mut())?;
    changes::add_feed(shared, &mut output);
    flush(&mut output)?;
    puts.extend(data::add_exports(shared, pieces, writer)?);
    Ok(puts)
}

fn navigation(
    index: &SiteIndex,
    urls: &Urls,
    t: &BTreeMap<&'static str, &'static str>,
) -> Vec<NavItem> {
    let mut nav = vec![
        NavItem {
            title: t["home"].to_string(),
            url: urls.path(""),
            key: "home".into(),
        },
        NavItem {
            title: t["catalog"].to_string(),
            url: urls.path(crate::config::url_map::CATALOG),
            key: "catalog".into(),
        },
        NavItem {
            title: t["expired_list"].to_string(),
            url: urls.path(validity_pages::EXPIRED_URL),
            key: validity_pages::EXPIRED_URL.into(),
        },
        NavItem {
            title: t["stats"].to_string(),
            url: urls.path(stats::STATS_URL),
            key: stats::STATS_URL.into(),
        },
    ];
    // One entry per column, named by the column (short and the same on
    // every government site), leading to its first page.
    for column in crate::model::Column::ALL {
        if let Some(page) = index.pages.iter().find(|p| p.column == Some(column)) {
            nav.push(NavItem {
                title: view::column_title(column, t),
                url: urls.path(&page.url),
                key: page.url.clone(),
            });
        }
    }
    if !index.gazette.issues.is_empty() {
        nav.push(NavItem {
            title: t["gazette_room"].to_string(),
            url: urls.path(gazette::ROOT),
            key: "gazette".into(),
        });
    }
    nav
}

/// A template error, naming the page, the template and (where the theme's
/// `sources` show it) the file and line: a content-class error (exit 1).
pub(crate) fn render_error(
    out: &str,
    template: &str,
    e: &tera::Error,
    sources: &[theme_check::Source],
) -> anyhow::Error {
    crate::diagnostics::TemplateFailure(theme_check::render_error(out, template, e, sources)).into()
}

impl Shared<'_> {
    /// Page meta for a site-relative `rel` path.
    pub(crate) fn page(
        &self,
        title: &str,
        rel: &str,
        section: &str,
        breadcrumb: Vec<LinkView>,
    ) -> PageMeta {
        let canonical = self.urls.absolute(rel);
        let column = metadata::column_for(self, section, rel);
        // Every page describes itself to search engines: by its column,
        // else as the site; pages with their own text set it after.
        let description = match &column {
            Some(c) if c.name == title => c.description.clone(),
            Some(c) => format!("{title}。{}", c.description),
            None => self.config.description.clone(),
        };
        PageMeta {
            title: title.to_string(),
            url: self.urls.path(rel),
            error_report: self.config.identity.error_report_url(&canonical),
            canonical,
            section: section.to_string(),
            description,
            breadcrumb,
            meta: metadata::PageMetadata {
                column,
                article: None,
            },
        }
    }

    /// The breadcrumb root: 首页.
    pub(crate) fn crumb_home(&self) -> LinkView {
        LinkView {
            title: self.t["home"].to_string(),
            url: self.urls.path(""),
        }
    }

    /// The breadcrumb: 首页 › 信息公开目录.
    pub(crate) fn crumb_catalog(&self) -> Vec<LinkView> {
        vec![
            self.crumb_home(),
            LinkView {
                title: self.t["catalog"].to_string(),
                url: self.urls.path(crate::config::url_map::CATALOG),
            },
        ]
    }
}
