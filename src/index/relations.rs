//! References between documents (解读 ↔ 原文, 依据, 替代) resolved both ways.

use crate::diagnostics::{did_you_mean_number, Diagnostic};
use crate::model::BuildContext;
use crate::model::{DocClass, Document, FailedDoc, SharedDoc};
use crate::util::identity::identity_key;
use jiff::civil::Date;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The links of one document, as indices into `SiteIndex::docs`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relations {
    /// The original this interpretation explains.
    pub interprets: Option<usize>,
    /// Interpretations of this document.
    pub interpretations: Vec<usize>,
    /// The decision that declared this document's state.
    pub basis: Option<usize>,
    /// Documents whose state this decision declared.
    pub declared: Vec<usize>,
    /// Documents that replace this one.
    pub replaced_by: Vec<usize>,
    /// Documents this one replaces.
    pub replaces: Vec<usize>,
}

enum Target<'a> {
    Public(usize),
    /// Public from its date on, held back until then.
    Scheduled(&'a Document),
    Private,
    /// A file that failed to parse: its own error is the one to read.
    Failed(&'a FailedDoc),
    Missing,
}

/// Documents by path and by 文号, both in `identity_key` form: a reference
/// written with full-width digits or a stray zero-width space still finds
/// its document.
struct Resolver<'a> {
    by_key: HashMap<Cow<'a, str>, usize>,
    private_keys: HashSet<Cow<'a, str>>,
    scheduled: HashMap<Cow<'a, str>, &'a Document>,
    failed: HashMap<Cow<'a, str>, &'a FailedDoc>,
    docs: &'a [SharedDoc],
    as_of: Date,
}

impl<'a> Resolver<'a> {
    fn new(
        docs: &'a [SharedDoc],
        private: &'a [SharedDoc],
        failed: &'a [FailedDoc],
        ctx: &BuildContext,
    ) -> Self {
        let mut by_key = HashMap::with_capacity(docs.len() * 2);
        for (i, d) in docs.iter().enumerate() {
            by_key.insert(identity_key(&d.id), i);
            if let Some(n) = &d.meta.doc_number {
                by_key.insert(identity_key(n), i);
            }
        }
        let mut private_keys = HashSet::new();
        let mut scheduled = HashMap::new();
        for d in private {
            let keys = std::iter::once(identity_key(&d.id))
                .chain(d.meta.doc_number.as_deref().map(identity_key));
            // Not published only because its date has not come.
            if d.is_public(ctx.drafts) {
                scheduled.extend(keys.map(|k| (k, &**d)));
            } else {
                private_keys.extend(keys);
            }
        }
        let failed = failed
            .iter()
            .flat_map(|f| {
                std::iter::once(&f.id)
                    .chain(&f.doc_number)
                    .map(move |k| (identity_key(k), f))
            })
            .collect();
        Resolver {
            by_key,
            private_keys,
            scheduled,
            failed,
            docs,
            as_of: ctx.as_of,
        }
    }

    fn resolve(&self, reference: &str) -> Target<'a> {
        let key = identity_key(reference);
        let key = crate::load::markdown_stem(&key).unwrap_or(&key);
        let key = key.trim_start_matches("content/").trim_matches('/');
        match self.by_key.get(key) {
            Some(i) => Target::Public(*i),
            None if self.private_keys.contains(key) => Target::Private,
            None => match (self.scheduled.get(key), self.failed.get(key)) {
                (Some(doc), _) => Target::Scheduled(doc),
                (None, Some(failed)) => Target::Failed(failed),
                (None, None) => Target::Missing,
            },
        }
    }

    /// “站内文件的发文字号（如 …）或路径（如 …）”, with a 文号 and a path
    /// this site has (the first by path), generic ones when it has none.
    fn expected_reference(&self) -> String {
        let first = |of: &dyn Fn(&'a SharedDoc) -> Option<&'a str>| {
            self.docs
                .iter()
                .filter_map(|d| Some((d.id.as_str(), of(d)?)))
                .min()
                .map(|(_, v)| v)
        };
        let number = first(&|d| d.meta.doc_number.as_deref())
            .unwrap_or(crate::parse::examples::GENERIC_DOC_NUMBER);
        let path = first(&|d| Some(d.id.as_str())).unwrap_or("xxgk/2024/gf-12");
        format!("站内文件的发文字号（如 {number}）或路径（如 {path}）")
    }

    /// Resolves or reports XR004 (missing), XR012 (a file that failed),
    /// XR008 (not public), XR007 (self),
    /// and a document not yet published: SCH001 (a warning, the link waits
    /// for its date), or XR009 for a basis dated after the state it
    /// declares; nothing for the basis or replacement of a state that only
    /// begins after the as-of date.
    fn resolve_reported(
        &self,
        from: usize,
        reference: &str,
        key: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let doc = &self.docs[from];
        let at = |code, message: String| {
            Diagnostic::error(code, &doc.source_path, message)
                .at_pos(doc.keys.find(key))
                .field(key)
        };
        match self.resolve(reference) {
            Target::Public(i) if i == from => {
                diags.push(
                    at("XR007", format!("“{reference}” 指向本文件自己"))
                        .expected("另一份文件的发文字号或路径"),
                );
                None
            }
            Target::Public(i) => Some(i),
            Target::Scheduled(target) => {
                if key == "validity.basis" {
                    if let Some(d) = super::review::basis_too_late(doc, target, self.as_of) {
                        diags.push(d);
                        return None;
                    }
                }
                // A declared state (废止, 失效, …) that begins after the
                // as-of date is not in force yet: its decision and its
                // replacements may well not be published yet either, and
                // nothing links to them until a build on or after that day.
                let validity = &doc.meta.validity;
                let state_pending = validity.date.is_some_and(|date| date > self.as_of);
                if state_pending && key.starts_with("validity.") {
                    return None;
                }
                // Only the editor sees this: the published page shows
                // nothing of the target (no link, title or address) until
                // its date, when a build links both ways.
                diags.push(
                    Diagnostic::warning(
                        "SCH001",
                        &doc.source_path,
                        format!(
                            "“{reference}” 指向 {}，该文件 {} 才发布：在此之前本页不显示这一关联",
                            target.source_path, target.meta.published
                        ),
                    )
                    .at_pos(doc.keys.find(key))
                    .field(key)
                    .expected("已发布的文件，或与被引用文件同日（或更晚）发布")
                    .hint(format!(
                        "{} 当天重新生成网站后关联才会出现；如需同时公开，请把本文件的发布日期改为不早于该日期",
                        target.meta.published
                    )),
                );
                None
            }
            Target::Private => {
                diags.push(
                    at(
                        "XR008",
                        format!("“{reference}” 指向一份不公开（或草稿）的文件，公开页面不能链接它"),
                    )
                    .expected("主动公开的文件")
                    .hint("确认引用是否正确，或先公开被引用的文件"),
                );
                None
            }
            Target::Failed(failed) => {
                diags.push(
                    at(
                        "XR012",
                        format!("引用的文件本身有错误，见 {}", failed.first_error),
                    )
                    .hint("先改正该文件的错误，这一引用随之恢复")
                    .caused_by(&failed.first_error),
                );
                None
            }
            Target::Missing => {
                let numbers = self
                    .docs
                    .iter()
                    .filter_map(|d| d.meta.doc_number.as_deref());
                let mut d = at("XR004", format!("找不到 “{reference}” 所指的文件"))
                    .expected(self.expected_reference());
                if let Some(s) = did_you_mean_number(reference, numbers) {
                    d = d.hint(format!("是否想写 {s}？"));
                }
                diags.push(d);
                None
            }
        }
    }
}

/// Resolves every reference of the published documents and fills the reverse links.
pub(super) fn link(
    docs: &[SharedDoc],
    private: &[SharedDoc],
    failed: &[FailedDoc],
    ctx: &BuildContext,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Relations> {
    let resolver = Resolver::new(docs, private, failed, ctx);
    let mut rel = vec![Relations::default(); docs.len()];
    for (i, doc) in docs.iter().enumerate() {
        if let Some(reference) = &doc.meta.interprets {
            if let Some(target) = resolver.resolve_reported(i, reference, "interprets", diags) {
                if docs[target].meta.doc_class == DocClass::Interpretation {
                    diags.push(
                        Diagnostic::error(
                            "XR005",
                            &doc.source_path,
                            format!("“{reference}” 本身是政策解读：不能解读一份解读"),
                        )
                        .at_pos(doc.keys.find("interprets"))
                        .field("interprets")
                        .expected("被解读的原文件"),
                    );
                } else {
                    rel[i].interprets = Some(target);
                    rel[target].interpretations.push(i);
                }
            }
        }
        if let Some(reference) = &doc.meta.validity.basis {
            if let Some(target) = resolver.resolve_reported(i, reference, "validity.basis", diags) {
                rel[i].basis = Some(target);
                rel[target].declared.push(i);
            }
        }
        for (n, reference) in doc.meta.validity.replaced_by.iter().enumerate() {
            let key = format!("validity.replaced_by[{n}]");
            if let Some(target) = resolver.resolve_reported(i, reference, &key, diags) {
                if !rel[i].replaced_by.contains(&target) {
                    rel[i].replaced_by.push(target);
                    rel[target].replaces.push(i);
                }
            }
        }
    }
    report_replacement_cycles(docs, &rel, diags);
    for r in &mut rel {
        r.interpretations.sort_unstable();
        r.declared.sort_unstable();
        r.replaces.sort_unstable();
    }
    rel
}

/// A document replaced (directly or not) by itself: A → B → A.
fn report_replacement_cycles(docs: &[SharedDoc], rel: &[Relations], diags: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut mark = vec![Mark::New; docs.len()];
    for start in 0..docs.len() {
        if mark[start] != Mark::New {
            continue;
        }
        // iterative DFS: (node, next child position)
        let mut stack = vec![(start, 0usize)];
        mark[start] = Mark::Active;
        while let Some(&mut (node, ref mut pos)) = stack.last_mut() {
            if let Some(&next) = rel[node].replaced_by.get(*pos) {
                *pos += 1;
                match mark[next] {
                    Mark::New => {
                        mark[next] = Mark::Active;
                        stack.push((next, 0));
                    }
                    Mark::Active => {
                        let from = stack.iter().position(|(n, _)| *n == next).unwrap_or(0);
                        let names: Vec<&str> = stack[from..]
                            .iter()
                            .map(|(n, _)| docs[*n].id.as_str())
                            .collect();
                        let doc = &docs[node];
                        diags.push(
                            Diagnostic::error(
                                "XR006",
                                &doc.source_path,
                                format!("替代关系成环：{} → {}", names.join(" → "), docs[next].id),
                            )
                            .at_pos(doc.keys.find("validity.replaced_by"))
                            .field("validity.replaced_by")
                            .expected("替代文件指向更新的文件，不能绕回自己"),
                        );
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
}
