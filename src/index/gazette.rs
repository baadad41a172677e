//! The gazette view: issues (from their files, or created from their
//! documents when the site opts in) with their contents grouped by section,
//! and the issue each published document appeared in. Cross-file rules:
//! GZ001 document → issue without a file, GZ002 duplicate 总期号, GZ003 issue
//! dated before a document it carries, GZ005 two files for one issue, GZ006
//! a section the issue does not list. (GZ004, a missing PDF, is found when
//! the issue file is parsed.)

use super::schedule::{before_its_date, held_back, Scheduled, ScheduledKind};
use crate::config::GazetteConfig;
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::model::BuildContext;
use crate::model::{Document, GazetteRef, SharedDoc};
use crate::parse::gazette::{IssueMeta, IssuePdf};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// The gazette of the site.
#[derive(Debug, Default)]
pub struct Gazette {
    /// Issues, newest first (year, then issue number, descending).
    pub issues: Vec<Issue>,
    /// For `docs[i]`: the index in `issues` of the issue it appeared in.
    pub doc_issue: Vec<Option<usize>>,
}

/// One issue with its contents.
#[derive(Debug, Clone)]
pub struct Issue {
    /// 年份.
    pub year: u16,
    /// 期号 within the year.
    pub number: u16,
    /// 总期号.
    pub total: Option<u32>,
    /// 出版日期 (for a created issue: its newest document's date).
    pub published: Date,
    /// Whole-issue PDF.
    pub pdf: Option<IssuePdf>,
    /// Foreword HTML (may be empty).
    pub foreword_html: String,
    /// Foreword text.
    pub foreword_text: String,
    /// The issue file; `None` when created from its documents.
    pub source_path: Option<String>,
    /// Contents, sections in order; a section named `None` holds entries without one.
    pub sections: Vec<Section>,
}

/// A section of an issue's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 栏目 name; `None` for documents that name no section.
    pub name: Option<String>,
    /// Entries in page order.
    pub entries: Vec<Entry>,
}

/// A document in an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Index into `SiteIndex::docs`.
    pub doc: usize,
    /// Page in the issue.
    pub page: Option<u32>,
}

impl Issue {
    /// Site-relative URL: `gazette/2024/07/`.
    pub fn url(&self) -> String {
        crate::config::url_map::gazette_issue(self.year, self.number)
    }

    /// `2024年第7期`.
    pub fn label(&self) -> String {
        format!("{}年第{}期", self.year, self.number)
    }

    /// `（总第223期）`, or empty when the issue has no running number.
    pub fn total_label(&self) -> String {
        self.total
            .map(|t| format!("（总第{t}期）"))
            .unwrap_or_default()
    }

    /// Entries in contents order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.sections.iter().flat_map(|s| s.entries.iter())
    }
}

impl Gazette {
    /// Years, newest first, each with the indices of its issues (newest first).
    pub fn years(&self) -> Vec<(u16, Vec<usize>)> {
        let mut out: Vec<(u16, Vec<usize>)> = Vec::new();
        for (i, issue) in self.issues.iter().enumerate() {
            match out.last_mut() {
                Some((year, list)) if *year == issue.year => list.push(i),
                _ => out.push((issue.year, vec![i])),
            }
        }
        out
    }
}

type Key = (u16, u16);

/// Joins issue files and documents. `docs` are the published documents in
/// index order; `private` the rest (their references are checked, never shown).
/// An issue dated after the as-of date is checked too, but held back with
/// its contents (its documents are published without the link to it) and
/// returned in the list of what is scheduled.
pub(super) fn build(
    metas: Vec<IssueMeta>,
    docs: &[SharedDoc],
    private: &[SharedDoc],
    config: &GazetteConfig,
    ctx: &BuildContext,
    diags: &mut Vec<Diagnostic>,
) -> (Gazette, Vec<Scheduled>) {
    let metas = unique_issues(metas, diags);
    // every reference, public or not, must resolve (or create its issue)
    let mut created: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    let public = docs.iter().enumerate().map(|(i, d)| (Some(i), d));
    for (public_index, doc) in public.chain(private.iter().map(|d| (None, d))) {
        let Some(g) = &doc.meta.gazette else { continue };
        match metas.get(&(g.year, g.issue)) {
            Some(meta) => check_against_issue(meta, doc, g, config, diags),
            None if config.auto_create_issues => {
                if let Some(i) = public_index {
                    created.entry((g.year, g.issue)).or_default().push(i);
                }
            }
            None => diags.push(missing_issue(doc, g, config)),
        }
    }
    let mut carried: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        if let Some(g) = &doc.meta.gazette {
            if metas.contains_key(&(g.year, g.issue)) {
                carried.entry((g.year, g.issue)).or_default().push(i);
            }
        }
    }
    let scheduled = metas
        .values()
        .filter(|m| before_its_date(m.published, ctx.as_of))
        .map(|m| Scheduled {
            date: m.published,
            kind: ScheduledKind::GazetteIssue,
            file: m.source_path.clone(),
            title: format!("《{}》{}年第{}期", config.name, m.year, m.issue),
        })
        .collect();
    let mut issues: Vec<Issue> = metas
        .into_iter()
        .filter(|(_, meta)| !held_back(meta.published, ctx))
        .map(|(key, meta)| {
            let entries = carried.remove(&key).unwrap_or_default();
            Issue {
                year: meta.year,
                number: meta.issue,
                total: meta.total,
                published: meta.published,
                pdf: meta.pdf,
                foreword_html: meta.foreword_html,
                foreword_text: meta.foreword_text,
                source_path: Some(meta.source_path),
                sections: contents(&entries, docs, &meta.sections),
            }
        })
        .collect();
    issues.extend(created.into_iter().map(|((year, number), entries)| {
        Issue {
            year,
            number,
            total: None,
            published: entries
                .iter()
                .map(|&i| docs[i].meta.published)
                .max()
                .unwrap_or_default(),
            pdf: None,
            foreword_html: String::new(),
            foreword_text: String::new(),
            source_path: None,
            sections: contents(&entries, docs, &[]),
        }
    }));
    issues.sort_by_key(|i| std::cmp::Reverse((i.year, i.number)));
    let mut doc_issue = vec![None; docs.len()];
    for (n, issue) in issues.iter().enumerate() {
        for e in issue.entries() {
            doc_issue[e.doc] = Some(n);
        }
    }
    (Gazette { issues, doc_issue }, scheduled)
}

/// GZ005 (one issue, two files) and GZ002 (one 总期号, two issues); the first file (by path) wins.
fn unique_issues(metas: Vec<IssueMeta>, diags: &mut Vec<Diagnostic>) -> BTreeMap<Key, IssueMeta> {
    let mut by_key: BTreeMap<Key, IssueMeta> = BTreeMap::new();
    let mut totals: BTreeMap<u32, (String, u32)> = BTreeMap::new();
    for meta in metas {
        let key = (meta.year, meta.issue);
        if let Some(first) = by_key.get(&key) {
            diags.push(
                Diagnostic::error(
                    "GZ005",
                    &meta.source_path,
                    format!(
                        "{}年第{}期已由 {} 描述",
                        meta.year, meta.issue, first.source_path
                    ),
                )
                .at_pos(meta.keys.find("issue"))
                .field("issue")
                .expected("每期公报只有一个期次文件")
                .hint("检查 year 和 issue 是否抄错；期次文件通常命名为 content/gazette/年份/两位期号.md"),
            );
            continue;
        }
        if let Some(total) = meta.total {
            if let Some((first, line)) = totals.get(&total) {
                diags.push(
                    Diagnostic::error(
                        "GZ002",
                        &meta.source_path,
                        format!("总期号 {total} 与 {first} 重复"),
                    )
                    .at_pos(meta.keys.find("total"))
                    .field("total")
                    .expected("每期不同的总期号（自创刊以来的累计期数）")
                    .hint(format!("{first} 第 {line} 行已使用总第{total}期")),
                );
            } else {
                totals.insert(total, (meta.source_path.clone(), meta.keys.line("total")));
            }
        }
        by_key.insert(key, meta);
    }
    by_key
}

/// GZ003 (issue dated before the document) and GZ006 (unknown section).
fn check_against_issue(
    meta: &IssueMeta,
    doc: &Document,
    g: &GazetteRef,
    config: &GazetteConfig,
    diags: &mut Vec<Diagnostic>,
) {
    if meta.published < doc.meta.published {
        diags.push(
            Diagnostic::error(
                "GZ003",
                &meta.source_path,
                format!(
                    "出版日期 {} 早于所刊文件 {} 的发布日期 {}",
                    meta.published, doc.source_path, doc.meta.published
                ),
            )
            .at_pos(meta.keys.find("published"))
            .field("published")
            .expected("不早于本期所刊每份文件的发布日期")
            .hint(format!(
                "核对本期出版日期，或 {} 的 gazette（第 {} 行）是否写错了期号",
                doc.source_path,
                doc.keys.line("gazette")
            )),
        );
    }
    let Some(section) = &g.section else { return };
    if meta.sections.is_empty() || meta.sections.contains(section) {
        return;
    }
    let mut d = Diagnostic::error(
        "GZ006",
        &doc.source_path,
        format!(
            "栏目 “{section}” 不在《{}》{}年第{}期的栏目中",
            config.name, g.year, g.issue
        ),
    )
    .at_pos(doc.keys.find("gazette.section"))
    .field("gazette.section")
    .expected(format!(
        "以下之一：{}（见 {} 的 sections）",
        meta.sections.join(" · "),
        meta.source_path
    ));
    if let Some(s) = did_you_mean(section, meta.sections.iter().map(String::as_str)) {
        d = d.hint(format!("是否想写 {s}？"));
    }
    diags.push(d);
}

/// GZ001: the issue has no file and the site does not create issues.
fn missing_issue(doc: &Document, g: &GazetteRef, config: &GazetteConfig) -> Diagnostic {
    let path = format!("content/gazette/{}/{:02}.md", g.year, g.issue);
    Diagnostic::error(
        "GZ001",
        &doc.source_path,
        format!(
            "《{}》{}年第{}期没有期次文件 {path}",
            config.name, g.year, g.issue
        ),
    )
    .at_pos(doc.keys.find("gazette.issue"))
    .field("gazette.issue")
    .expected(format!(
        "已有期次文件的一期：新建 {path}，写明 year: {}、issue: {}、total（总期号）、published（出版日期）",
        g.year, g.issue
    ))
    .hint("或在 site.yaml 中写 `gazette: {auto_create_issues: true}`，由所刊文件自动建立期次")
}

/// Groups entries by section: the configured order first, then other named
/// sections by their first page, then entries without a section.
fn contents(entries: &[usize], docs: &[SharedDoc], order: &[String]) -> Vec<Section> {
    let mut entries: Vec<(Option<&str>, Entry)> = entries
        .iter()
        .filter_map(|&i| {
            let g = docs[i].meta.gazette.as_ref()?;
            Some((
                g.section.as_deref(),
                Entry {
                    doc: i,
                    page: g.page,
                },
            ))
        })
        .collect();
    let position = |e: &Entry| (e.page.is_none(), e.page, docs[e.doc].meta.published, e.doc);
    entries.sort_by_key(|(_, e)| position(e));
    let mut names: Vec<&str> = order.iter().map(String::as_str).collect();
    for (name, _) in &entries {
        if let Some(n) = name {
            if !names.contains(n) {
                names.push(n);
            }
        }
    }
    let mut sections: Vec<Section> = names
        .into_iter()
        .map(|n| Section {
            name: Some(n.to_string()),
            entries: entries
                .iter()
                .filter(|(s, _)| *s == Some(n))
                .map(|(_, e)| *e)
                .collect(),
        })
        .collect();
    sections.push(Section {
        name: None,
        entries: entries
            .iter()
            .filter(|(s, _)| s.is_none())
            .map(|(_, e)| *e)
            .collect(),
    });
    sections.retain(|s| !s.entries.is_empty());
    sections
}
