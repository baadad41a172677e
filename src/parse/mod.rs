//! Stage 2, `parse`: every source file → validated `Document` or `Page`, in
//! parallel, with every problem collected.

mod attachments;
pub mod body;
pub mod document;
pub mod examples;
pub mod gazette;
pub mod limits;
pub mod pii;
pub mod placeholders;
pub mod report;
pub mod report_format;
pub mod values;

use crate::config::url_map::RESERVED_SEGMENTS;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::field_names::PAGE_KEYS;
use crate::load::{AssetFile, SourceFile, SourceKind, Sources, CONTENT_DIR};
use crate::model::BuildContext;
use crate::model::{Column, Document, FailedDoc, Page};
use crate::parse::body::render_published;
use crate::parse::document::{front_matter_reader, read_doc_meta, DocRules};
use crate::util::slug::is_url_segment;
use crate::yaml::fields::FieldReader;
use crate::yaml::frontmatter::{parse_front_matter, FrontMatter};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Everything parsed from `content/`.
#[derive(Debug, Default)]
pub struct Parsed {
    /// All valid documents, public or not (uniqueness spans them all), sorted by id.
    /// Shared: watch mode's cache hands the same documents to every rebuild.
    pub docs: Vec<crate::model::SharedDoc>,
    /// Column pages, sorted by path.
    pub pages: Vec<Page>,
    /// Gazette issue files, sorted by path.
    pub issues: Vec<crate::parse::gazette::IssueMeta>,
    /// Annual report files, sorted by path.
    pub reports: Vec<crate::parse::report::Report>,
    /// Documents that failed, as far as they can be named, sorted by path.
    pub failed: Vec<FailedDoc>,
    /// Problems, unsorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Documents and pages held back as drafts (`draft: true` without
    /// `--drafts`), for the summary line.
    pub drafts: usize,
}

/// Parses all sources.
pub fn parse_documents(sources: &Sources, config: &SiteConfig, ctx: &BuildContext) -> Parsed {
    let rules = DocRules::new(config, &sources.files);
    let assets = asset_map(sources);
    let results: Vec<Outcome> = sources
        .files
        .par_iter()
        .map(|file| parse_file(file, &rules, &assets, ctx))
        .collect();
    collect(sources, results)
}

/// Parses all sources, letting go of each file's text once it is parsed,
/// so the sources and the parsed documents are not both held in full (at
/// 100,000 documents that is some 450 MB of Markdown). With `bodies`, each
/// published body is written there as soon as it is rendered, and the
/// documents keep only its place.
pub fn parse_sources(
    sources: Sources,
    config: &SiteConfig,
    ctx: &BuildContext,
    bodies: Option<std::sync::Arc<crate::model::BodyStore>>,
) -> Parsed {
    let mut rules = DocRules::new(config, &sources.files);
    rules.bodies = bodies;
    let Sources {
        files,
        assets,
        diagnostics,
    } = sources;
    let asset_map: BTreeMap<&str, &AssetFile> =
        assets.iter().map(|a| (a.rel_path.as_str(), a)).collect();
    let results: Vec<Outcome> = files
        .into_par_iter()
        .map(|file| parse_file(&file, &rules, &asset_map, ctx))
        .collect();
    let mut parsed = collect_outcomes(results);
    parsed.diagnostics.splice(0..0, diagnostics);
    parsed
}

/// Parse results kept between rebuilds in watch mode, keyed by path (in
/// the order of `Sources::files`) with a hash of the file's text. The
/// caller clears it when the configuration or any attachment changes, since
/// those feed into every result.
#[derive(Default)]
pub struct ParseCache {
    entries: BTreeMap<String, (u64, Outcome)>,
    /// The examples the cached messages give: when they change (the 文号
    /// they quote was edited), every message is made again.
    examples: Option<crate::parse::examples::SiteExamples>,
}

impl ParseCache {
    /// Forgets everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.examples = None;
    }
}

/// Parses the sources whose text changed since the last call and reuses the
/// cached results for the rest. Returns how many files were parsed.
///
/// `changed` lists the paths (relative to `content/`) re-read since the last
/// call, when the caller knows them (watch mode after a save): only those
/// are looked at, the rest are taken from the cache without hashing their
/// text. With `None` (a fresh walk of `content/`), every file's text is
/// hashed and compared with the cached one.
pub fn parse_documents_cached(
    sources: &Sources,
    config: &SiteConfig,
    ctx: &BuildContext,
    cache: &mut ParseCache,
    changed: Option<&[String]>,
) -> (Parsed, usize) {
    let rules = DocRules::new(config, &sources.files);
    if cache.examples.as_ref() != Some(&rules.examples) {
        cache.clear();
        cache.examples = Some(rules.examples.clone());
    }
    let assets = asset_map(sources);
    let candidates: Vec<&SourceFile> = match changed {
        Some(paths) => paths.iter().filter_map(|p| sources.get(p)).collect(),
        None => sources.files.iter().collect(),
    };
    let fresh: Vec<(&SourceFile, u64, Option<Outcome>)> = candidates
        .par_iter()
        .map(|&file| {
            let key = crate::util::hash::hash_bytes(file.text.as_bytes());
            let cached = cache.entries.get(&file.rel_path);
            let stale = cached.is_none_or(|(k, _)| *k != key);
            (
                file,
                key,
                stale.then(|| parse_file(file, &rules, &assets, ctx)),
            )
        })
        .collect();
    // Forget files that are gone: with the changed paths known, only those
    // can have gone.
    match changed {
        Some(paths) => {
            for gone in paths.iter().filter(|p| sources.get(p).is_none()) {
                cache.entries.remove(gone);
            }
        }
        None => {
            let present: HashSet<&str> =
                sources.files.iter().map(|f| f.rel_path.as_str()).collect();
            cache.entries.retain(|p, _| present.contains(p.as_str()));
        }
    }
    let mut parsed_count = 0;
    for (file, key, outcome) in fresh {
        if let Some(outcome) = outcome {
            parsed_count += 1;
            cache.entries.insert(file.rel_path.clone(), (key, outcome));
        }
    }
    // The cache now holds one outcome per file, in the files' order; if it
    // does not (a file changed without being named), look at every file.
    if changed.is_some() && cache.entries.len() != sources.files.len() {
        let (parsed, more) = parse_documents_cached(sources, config, ctx, cache, None);
        return (parsed, parsed_count + more);
    }
    let results = cache.entries.values().map(|(_, o)| o.clone()).collect();
    (collect(sources, results), parsed_count)
}

fn asset_map(sources: &Sources) -> BTreeMap<&str, &AssetFile> {
    sources
        .assets
        .iter()
        .map(|a| (a.rel_path.as_str(), a))
        .collect()
}

fn parse_file(
    file: &SourceFile,
    rules: &DocRules<'_>,
    assets: &BTreeMap<&str, &AssetFile>,
    ctx: &BuildContext,
) -> Outcome {
    match file.kind {
        SourceKind::Document => parse_document(file, rules, assets, ctx),
        SourceKind::Page => parse_page(file, rules.config, ctx),
        SourceKind::GazetteIssue => {
            let (issue, mut diagnostics) = crate::parse::gazette::parse_issue(file, assets);
            // its foreword, sections and PDF name are published too
            if issue.is_some() {
                let shown = display_path(file);
                let security = &rules.config.security;
                diagnostics.extend(crate::parse::pii::scan_file(&shown, &file.text, security));
            }
            Outcome {
                issue,
                diagnostics,
                ..Outcome::default()
            }
        }
        SourceKind::Report => {
            let (report, diagnostics) = crate::parse::report::parse_report(file, rules.config);
            Outcome {
                report,
                diagnostics,
                ..Outcome::default()
            }
        }
    }
}

fn collect(sources: &Sources, results: Vec<Outcome>) -> Parsed {
    let mut parsed = collect_outcomes(results);
    parsed
        .diagnostics
        .splice(0..0, sources.diagnostics.iter().cloned());
    parsed
}

fn collect_outcomes(results: Vec<Outcome>) -> Parsed {
    let mut parsed = Parsed::default();
    for outcome in results {
        parsed.docs.extend(outcome.doc);
        parsed.pages.extend(outcome.page);
        parsed.issues.extend(outcome.issue);
        parsed.reports.extend(outcome.report);
        parsed.failed.extend(outcome.failed);
        parsed.diagnostics.extend(outcome.diagnostics);
        parsed.drafts += usize::from(outcome.held_draft);
    }
    parsed
}

#[derive(Default, Clone)]
struct Outcome {
    doc: Option<crate::model::SharedDoc>,
    page: Option<Page>,
    issue: Option<crate::parse::gazette::IssueMeta>,
    report: Option<crate::parse::report::Report>,
    failed: Option<FailedDoc>,
    diagnostics: Vec<Diagnostic>,
    /// A valid document or page not published because it is a draft.
    held_draft: bool,
}

impl Outcome {
    /// Nothing to publish from this file, only problems.
    fn failed(diagnostics: Vec<Diagnostic>) -> Self {
        Outcome {
            diagnostics,
            ..Outcome::default()
        }
    }

    /// A document that failed, named by its path and, when `fm` could be
    /// read, its 文号 (the two ways a reference names a document).
    fn failed_document(
        file: &SourceFile,
        fm: Option<&FrontMatter>,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        let doc_number = match fm.and_then(|fm| fm.map.get("doc_number")) {
            Some(crate::yaml::Value::String(s)) if !s.trim().is_empty() => Some(s.trim()),
            _ => None,
        };
        let first_error = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .min_by_key(|d| (d.line, d.column))
            .map_or_else(|| display_path(file), Diagnostic::location);
        let failed = FailedDoc {
            id: crate::load::markdown_stem(&file.rel_path)
                .unwrap_or(&file.rel_path)
                .to_string(),
            doc_number: doc_number.map(|n| {
                crate::util::identity::normalise_brackets(&crate::util::identity::ascii_digits(n))
            }),
            first_error,
        };
        Outcome {
            failed: Some(failed),
            diagnostics,
            ..Outcome::default()
        }
    }
}

fn display_path(file: &SourceFile) -> String {
    format!("{CONTENT_DIR}/{}", file.rel_path)
}

fn parse_document(
    file: &SourceFile,
    rules: &DocRules<'_>,
    assets: &BTreeMap<&str, &AssetFile>,
    ctx: &BuildContext,
) -> Outcome {
    let shown = display_path(file);
    let fm = match parse_front_matter(&file.text, &shown) {
        Ok(fm) => fm,
        Err(found) => return Outcome::failed_document(file, None, found),
    };
    let mut r = front_matter_reader(&shown, &fm).with_source(&file.text);
    let (meta, raw_attachments) = read_doc_meta(&fm, rules, &mut r);
    crate::parse::placeholders::check_placeholders(&mut r, &fm);
    let id = crate::load::markdown_stem(&file.rel_path)
        .unwrap_or(&file.rel_path)
        .to_string();
    let url = document_url(&mut r, &fm, &id);
    let dir = file.rel_path.rsplit_once('/').map_or("", |(d, _)| d);
    let attachments = attachments::check_attachments(&mut r, &raw_attachments, dir, assets);
    let (Some(meta), Some(url)) = (meta, url) else {
        return Outcome::failed_document(file, Some(&fm), r.diags);
    };
    if r.diags.iter().any(Diagnostic::is_error) {
        return Outcome::failed_document(file, Some(&fm), r.diags);
    }
    let stamp = stamp(&file.rel_path, &file.text, &attachments);
    // The body is the end of the text (see `frontmatter::split`).
    let head = &file.text[..file.text.len() - fm.body.len()];
    let head_stamp = self::stamp(&file.rel_path, head, &attachments);
    let mut doc = Document {
        id,
        source_path: shown.clone(),
        url,
        meta,
        attachments,
        body: crate::model::Body::default(),
        headings: Vec::new(),
        keys: fm.keys.clone(),
        stamp,
        head_stamp,
    };
    // Only what will be published is rendered and scanned: the rest is
    // validated, never shown.
    if doc.is_public(ctx.drafts) {
        let security = &rules.config.security;
        let (rendered, diags) =
            render_published(&shown, &file.text, &fm.body, fm.body_first_line, security);
        r.diags.extend(diags);
        // the path is the URL and the `id` of the data files, slug or not
        let path = crate::parse::pii::scan_path(&shown, &doc.id, &file.text, security);
        r.diags.extend(path);
        let Some(rendered) = rendered else {
            return Outcome::failed_document(file, Some(&fm), r.diags);
        };
        doc.body = match &rules.bodies {
            Some(store) => store.put(rendered.html, rendered.text),
            None => crate::model::Body::held(rendered.html, rendered.text),
        };
        doc.headings = rendered.headings;
    }
    Outcome {
        held_draft: doc.meta.draft && !ctx.drafts,
        doc: Some(std::sync::Arc::new(doc)),
        diagnostics: r.diags,
        ..Outcome::default()
    }
}

/// A document's stamp: its path, text (all of it, or the part before the
/// body) and attachments.
fn stamp(rel_path: &str, text: &str, attachments: &[crate::model::Attachment]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::util::hash::KeyHasher::new();
    rel_path.hash(&mut h);
    text.hash(&mut h);
    for a in attachments {
        (&a.file, &a.title, a.size, &a.sha256).hash(&mut h);
    }
    h.finish()
}

/// `dir/slug/` from the file path, or from `slug:` when given.
fn document_url(r: &mut FieldReader<'_>, fm: &FrontMatter, id: &str) -> Option<String> {
    let (dir, stem) = id.rsplit_once('/').unwrap_or(("", id));
    let slug = r
        .string(&fm.map, "", "slug", "slug: gf-2024-03")
        .map(|s| crate::parse::document::normalise_slug(r, s));
    let last = slug.clone().unwrap_or_else(|| stem.to_string());
    if !is_url_segment(&last) {
        let (path, message) = match slug {
            Some(s) => (
                "slug",
                format!("网址名 “{s}” 只能含小写字母、数字、连字符和下划线"),
            ),
            // the fix is a `slug:` line (or a new file name), not the title
            None => ("slug", format!("文件名 “{stem}” 不能直接作网址")),
        };
        let d = r
            .error("FM029", path, message)
            .expected("slug: 小写字母、数字和连字符，例如 gf-2024-03")
            .hint("在文件头加 slug: …，或把文件改名为小写英文/拼音/数字");
        r.push(d);
        return None;
    }
    let first = dir.split('/').next().unwrap_or("");
    let bad_dir = dir
        .split('/')
        .find(|seg| !seg.is_empty() && !is_url_segment(seg));
    if let Some(seg) = bad_dir {
        let d = r
            .error("FM029", "slug", format!("目录名 “{seg}” 不能直接作网址"))
            .expected("目录名用小写字母、数字和连字符，例如 xxgk/2024/")
            .hint("把目录改名为小写英文、拼音或数字");
        r.push(d);
        return None;
    }
    if RESERVED_SEGMENTS.contains(&first)
        || (dir.is_empty() && RESERVED_SEGMENTS.contains(&last.as_str()))
    {
        let d = r
            .error(
                "FM029",
                "slug",
                format!(
                    "网址 /{}/ 与系统页面冲突",
                    if dir.is_empty() { &last } else { first }
                ),
            )
            .expected(format!("不以 {} 开头的目录", RESERVED_SEGMENTS.join("、")));
        r.push(d);
        return None;
    }
    Some(if dir.is_empty() {
        format!("{last}/")
    } else {
        format!("{dir}/{last}/")
    })
}

fn parse_page(file: &SourceFile, config: &SiteConfig, ctx: &BuildContext) -> Outcome {
    let shown = display_path(file);
    let fm = match parse_front_matter(&file.text, &shown) {
        Ok(fm) => fm,
        Err(found) => return Outcome::failed(found),
    };
    let mut r = front_matter_reader(&shown, &fm).with_source(&file.text);
    r.reject_unknown_keys(&fm.map, "", PAGE_KEYS);
    crate::parse::limits::check_lengths(&mut r, &fm.map);
    let title = r.required_string(&fm.map, "title", "title: 政府信息公开指南");
    let column = r
        .one_of(&fm.map, "", "column", &Column::KEYS)
        .and_then(|c| Column::from_key(&c));
    let weight = r.uint(&fm.map, "", "weight", 0..=100_000).unwrap_or(0) as i64;
    let summary = r.string(&fm.map, "", "summary", "summary: 一句话介绍");
    let draft = r.bool(&fm.map, "", "draft").unwrap_or(false);
    crate::parse::placeholders::check_page_placeholders(&mut r, &fm);
    let published = r.date(&fm.map, "", "published", false).map(|(d, _)| d);
    let stem = crate::load::markdown_stem(&file.rel_path)
        .unwrap_or(&file.rel_path)
        .trim_start_matches("pages/");
    let written_slug = r
        .string(&fm.map, "", "slug", "slug: guide")
        .map(|s| crate::parse::document::normalise_slug(&mut r, s));
    let stem_is_url = written_slug.is_none();
    let slug = written_slug.unwrap_or_else(|| stem.to_string());
    if !is_url_segment(&slug) || RESERVED_SEGMENTS.contains(&slug.as_str()) {
        let d = r
            .error("FM029", "slug", format!("“{slug}” 不能作页面网址"))
            .expected("slug: 小写字母、数字和连字符，例如 guide");
        r.push(d);
    }
    let Some(title) = title else {
        return Outcome::failed(r.diags);
    };
    if r.diags.iter().any(Diagnostic::is_error) {
        return Outcome::failed(r.diags);
    }
    if draft && !ctx.drafts {
        return Outcome {
            held_draft: true,
            ..Outcome::failed(r.diags)
        };
    }
    let (rendered, diags) = render_published(
        &shown,
        &file.text,
        &fm.body,
        fm.body_first_line,
        &config.security,
    );
    r.diags.extend(diags);
    if stem_is_url {
        let path = crate::parse::pii::scan_path(&shown, stem, &file.text, &config.security);
        r.diags.extend(path);
    }
    let Some(rendered) = rendered else {
        return Outcome::failed(r.diags);
    };
    let page = Page {
        source_path: shown.clone(),
        url: format!("{slug}/"),
        title,
        column,
        weight,
        summary,
        html: rendered.html,
        headings: rendered.headings,
        draft,
        published,
    };
    Outcome {
        page: Some(page),
        diagnostics: r.diags,
        ..Outcome::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::document::front_matter_reader;

    fn url_of(rel_id: &str, yaml: &str) -> (Option<String>, Vec<Diagnostic>) {
        let text = format!("---\n{yaml}---\n正文\n");
        let fm = parse_front_matter(&text, "content/x.md").expect("parses");
        let mut r = front_matter_reader("content/x.md", &fm);
        let url = document_url(&mut r, &fm, rel_id);
        (url, r.diags)
    }

    fn page(rel: &str, title: &str) -> SourceFile {
        SourceFile {
            rel_path: format!("pages/{rel}"),
            kind: SourceKind::Page,
            text: format!("---\ntitle: {title}\n---\n正文\n"),
        }
    }

    #[test]
    fn the_cache_reparses_only_what_changed() {
        let config = crate::config::parse_config("title: 站\nbase_url: https://a.gov.cn/\n")
            .expect("config");
        let ctx = BuildContext {
            as_of: jiff::civil::date(2025, 1, 1),
            drafts: false,
            future: false,
        };
        let mut cache = ParseCache::default();
        let titles = |p: &Parsed| p.pages.iter().map(|p| p.title.clone()).collect::<Vec<_>>();
        let mut sources = Sources {
            files: vec![page("a.md", "甲"), page("b.md", "乙")],
            ..Sources::default()
        };
        let (parsed, count) = parse_documents_cached(&sources, &config, &ctx, &mut cache, None);
        assert_eq!(
            (titles(&parsed), count),
            (vec!["甲".into(), "乙".into()], 2)
        );
        // With the changed paths known, the others are not even looked at.
        sources.files[0] = page("a.md", "丙");
        let (parsed, count) =
            parse_documents_cached(&sources, &config, &ctx, &mut cache, Some(&[]));
        assert_eq!(
            (titles(&parsed), count),
            (vec!["甲".into(), "乙".into()], 0)
        );
        let changed = ["pages/a.md".to_string()];
        let (parsed, count) =
            parse_documents_cached(&sources, &config, &ctx, &mut cache, Some(&changed));
        assert_eq!(
            (titles(&parsed), count),
            (vec!["丙".into(), "乙".into()], 1)
        );
        // A file that is gone is forgotten.
        sources.files.remove(1);
        let changed = ["pages/b.md".to_string()];
        let (parsed, count) =
            parse_documents_cached(&sources, &config, &ctx, &mut cache, Some(&changed));
        assert_eq!((titles(&parsed), count), (vec!["丙".into()], 0));
        assert_eq!(cache.entries.len(), 1);
        // Without them, every text is compared.
        sources.files[0] = page("a.md", "丁");
        sources.files.push(page("c.md", "戊"));
        let (parsed, count) = parse_documents_cached(&sources, &config, &ctx, &mut cache, None);
        assert_eq!(
            (titles(&parsed), count),
            (vec!["丁".into(), "戊".into()], 2)
        );
    }

    #[test]
    fn the_cache_is_dropped_when_the_examples_change() {
        let config = crate::config::parse_config("title: 站\nbase_url: https://a.gov.cn/\n")
            .expect("config");
        let ctx = BuildContext {
            as_of: jiff::civil::date(2025, 1, 1),
            drafts: false,
            future: false,
        };
        let document = |rel: &str, text: &str| SourceFile {
            rel_path: rel.to_string(),
            kind: SourceKind::Document,
            text: text.to_string(),
        };
        let numbered = |n: &str| {
            format!("---\ntitle: 甲\nagency: 某局\ncategory: 综合政务\npublished: 2024-01-01\ndoc_number: {n}\n---\n正文\n")
        };
        let mut sources = Sources {
            files: vec![
                document("xxgk/a.md", &numbered("甲政发〔2024〕1号")),
                document(
                    "xxgk/b.md",
                    "---\npublished: 2024-01-01\ndoc_class: 政策解读\n---\n正文\n",
                ),
            ],
            ..Sources::default()
        };
        let mut cache = ParseCache::default();
        let expected = |p: &Parsed| {
            p.diagnostics
                .iter()
                .find(|d| d.code == "FM032")
                .and_then(|d| d.expected.clone())
                .expect("FM032")
        };
        let (parsed, _) = parse_documents_cached(&sources, &config, &ctx, &mut cache, None);
        assert!(expected(&parsed).ends_with("甲政发〔2024〕1号"));
        // only a.md changed, but b.md's message quotes its 文号
        sources.files[0] = document("xxgk/a.md", &numbered("乙政发〔2024〕2号"));
        let changed = ["xxgk/a.md".to_string()];
        let (parsed, count) =
            parse_documents_cached(&sources, &config, &ctx, &mut cache, Some(&changed));
        assert_eq!(count, 2);
        assert!(
            expected(&parsed).ends_with("乙政发〔2024〕2号"),
            "{}",
            expected(&parsed)
        );
    }

    #[test]
    fn urls_come_from_the_path_or_the_slug() {
        assert_eq!(
            url_of("xxgk/2024/gf-1", "title: a\n").0.as_deref(),
            Some("xxgk/2024/gf-1/")
        );
        assert_eq!(
            url_of("xxgk/2024/通知", "title: a\nslug: tz-1\n")
                .0
                .as_deref(),
            Some("xxgk/2024/tz-1/")
        );
    }

    #[test]
    fn a_file_name_that_cannot_be_a_url_points_at_slug() {
        let (url, diags) = url_of("xxgk/通知", "title: 关于……的通知\n");
        assert_eq!(url, None);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            (diags[0].code, diags[0].field.as_deref()),
            ("FM029", Some("slug"))
        );
        assert!(diags[0].message.contains("文件名 “通知”"), "{}", diags[0]);
    }
}
