//! The catalog groupings: by 主题分类 (two levels), 发布机构, year and 文件类别.

use crate::config::SiteConfig;
use crate::model::{DocClass, SharedDoc};
use crate::util::slug::stable_slug;
use std::collections::BTreeMap;

/// A group of documents with its URL segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Display name.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Indices into `SiteIndex::docs`, newest first.
    pub docs: Vec<usize>,
    /// Sub-groups (second-level categories).
    pub children: Vec<Group>,
}

/// All groupings. Only non-empty groups are listed.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// By first-level category, each with its second-level children.
    pub categories: Vec<Group>,
    /// By agency.
    pub agencies: Vec<Group>,
    /// By year of publication, newest first.
    pub years: Vec<Group>,
    /// By document class.
    pub classes: Vec<Group>,
}

/// Groups `docs` (already newest first, so each group stays newest first).
pub(super) fn group(docs: &[SharedDoc], config: &SiteConfig) -> Catalog {
    Catalog {
        categories: by_category(docs, config),
        agencies: by_agency(docs, config),
        years: by_year(docs),
        classes: by_class(docs),
    }
}

/// Documents of one first-level category, and of each of its second-level ones.
type Members<'a> = (Vec<usize>, BTreeMap<&'a str, Vec<usize>>);

fn by_category(docs: &[SharedDoc], config: &SiteConfig) -> Vec<Group> {
    let mut found: BTreeMap<&str, Members<'_>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let entry = found.entry(d.meta.category.level1.as_str()).or_default();
        entry.0.push(i);
        if let Some(l2) = &d.meta.category.level2 {
            entry.1.entry(l2.as_str()).or_default().push(i);
        }
    }
    let slug_of = |l1: &str, l2: Option<&str>| -> String {
        let node = config
            .taxonomy
            .as_ref()
            .and_then(|t| t.iter().find(|n| n.name == l1));
        match (node, l2) {
            (Some(n), None) => n.slug.clone(),
            (Some(n), Some(l2)) => n
                .children
                .iter()
                .find(|(c, _)| c == l2)
                .map_or_else(|| stable_slug("c", l2), |(_, s)| s.clone()),
            (None, None) => stable_slug("c", l1),
            (None, Some(l2)) => stable_slug("c", l2),
        }
    };
    let make = |(l1, (docs, children)): (&str, Members<'_>)| Group {
        name: l1.to_string(),
        slug: slug_of(l1, None),
        docs,
        children: ordered_children(config, l1, children)
            .into_iter()
            .map(|(l2, docs)| Group {
                name: l2.to_string(),
                slug: slug_of(l1, Some(l2)),
                docs,
                children: Vec::new(),
            })
            .collect(),
    };
    // taxonomy order first, then any others by name
    let mut out = Vec::new();
    if let Some(taxonomy) = &config.taxonomy {
        for node in taxonomy {
            if let Some(entry) = found.remove_entry(node.name.as_str()) {
                out.push(make(entry));
            }
        }
    }
    out.extend(found.into_iter().map(make));
    out
}

fn ordered_children<'a>(
    config: &SiteConfig,
    l1: &str,
    mut children: BTreeMap<&'a str, Vec<usize>>,
) -> Vec<(&'a str, Vec<usize>)> {
    let mut out = Vec::new();
    if let Some(node) = config
        .taxonomy
        .as_ref()
        .and_then(|t| t.iter().find(|n| n.name == l1))
    {
        for (name, _) in &node.children {
            if let Some(entry) = children.remove_entry(name.as_str()) {
                out.push(entry);
            }
        }
    }
    out.extend(children);
    out
}

fn by_agency(docs: &[SharedDoc], config: &SiteConfig) -> Vec<Group> {
    let mut found: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        found.entry(d.meta.agency.as_str()).or_default().push(i);
    }
    let mut out = Vec::new();
    for agency in &config.agencies {
        if let Some(docs) = found.remove(agency.name.as_str()) {
            out.push(Group {
                name: agency.name.clone(),
                slug: agency.slug.clone(),
                docs,
                children: Vec::new(),
            });
        }
    }
    out.extend(found.into_iter().map(|(name, docs)| Group {
        name: name.to_string(),
        slug: stable_slug("a", name),
        docs,
        children: Vec::new(),
    }));
    out
}

fn by_year(docs: &[SharedDoc]) -> Vec<Group> {
    let mut found: BTreeMap<i16, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        found.entry(d.meta.published.year()).or_default().push(i);
    }
    found
        .into_iter()
        .rev()
        .map(|(year, docs)| Group {
            name: year.to_string(),
            slug: year.to_string(),
            docs,
            children: Vec::new(),
        })
        .collect()
}

fn by_class(docs: &[SharedDoc]) -> Vec<Group> {
    DocClass::ALL
        .into_iter()
        .filter_map(|class| {
            let members: Vec<usize> = docs
                .iter()
                .enumerate()
                .filter(|(_, d)| d.meta.doc_class == class)
                .map(|(i, _)| i)
                .collect();
            (!members.is_empty()).then(|| Group {
                name: class.name().to_string(),
                slug: class.slug().to_string(),
                docs: members,
                children: Vec::new(),
            })
        })
        .collect()
}
