//! Skipping pages without building their views. Building the view of every
//! page to fingerprint it costs about half a second at 10,000 documents: too
//! slow for a save-to-preview loop, and most of a rebuild where nothing
//! changed. Document, list, gazette and validity pages therefore carry a
//! *memo key*: a hash of the few things that decide what the page shows (the
//! stamps and validity of the documents on it and of what they link to, the
//! catalog's names and links, the chrome, every setting and the as-of date),
//! cheap to compute without the view. When a page's memo key is the one it
//! had when its file was written — in watch mode's memory, or in the
//! output folder's record in `.gongkai/` for `gongkai build` — the file is
//! taken as is.
//!
//! The key is deliberately coarse (any change to a shown document, any new
//! agency or category, any change to the settings or theme gives a new
//! key): a needless rebuild of a view costs microseconds, a missed one would
//! show a stale page. `tests/it/watch.rs` and `tests/it/build/incremental.rs` compare
//! rebuilds with fresh builds.

use super::Shared;
use crate::index::Group;
use crate::output::Put;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Memo key and file of each memoised page at the last rebuild.
#[derive(Debug, Default)]
pub struct PageMemo {
    pub(super) pages: HashMap<String, (u64, Put)>,
}

/// The cheap inputs memo keys are made of, computed once per render.
#[derive(Default)]
pub(crate) struct MemoInputs {
    /// Per document: its stamp and derived validity.
    pub(crate) doc_keys: Vec<u64>,
    /// The chrome, the catalog's group names and links, the gazette issues:
    /// what a document page shows besides documents.
    pub(crate) structure: u64,
    /// `structure` plus the browse-by views with their counts: what a list
    /// page shows besides its documents.
    pub(crate) lists: u64,
}

impl MemoInputs {
    pub(crate) fn new(s: &Shared<'_>, chrome_seed: u64) -> MemoInputs {
        let doc_keys = s
            .index
            .docs
            .iter()
            .zip(&s.index.validity)
            .map(|(doc, derived)| {
                let mut h = crate::util::hash::KeyHasher::new();
                doc.stamp.hash(&mut h);
                derived.status.hash(&mut h);
                derived.since.hash(&mut h);
                h.finish()
            })
            .collect();
        let mut h = crate::util::hash::KeyHasher::new();
        chrome_seed.hash(&mut h);
        let c = &s.index.catalog;
        for groups in [&c.categories, &c.agencies, &c.years, &c.classes] {
            hash_groups(groups, &mut h);
        }
        for issue in &s.index.gazette.issues {
            issue.url().hash(&mut h);
            super::gazette::issue_title(s, issue).hash(&mut h);
        }
        let structure = h.finish();
        super::hash_value(&s.browse, &mut h);
        MemoInputs {
            doc_keys,
            structure,
            lists: h.finish(),
        }
    }

    /// A key of every document with its stamp and validity, in order, of
    /// what the search takes from each published annual report, and of the
    /// settings: what the search index is made from.
    pub(crate) fn search(&self, s: &Shared<'_>) -> u64 {
        let mut h = crate::util::hash::KeyHasher::new();
        (self.structure, &self.doc_keys).hash(&mut h);
        for r in &s.index.reports.published {
            (&r.name, r.year, &r.title, &r.agency, r.published).hash(&mut h);
            r.text.hash(&mut h);
        }
        h.finish() | 1
    }

    /// Memo key of the page of `docs[i]`.
    pub(crate) fn doc_page(&self, s: &Shared<'_>, i: usize) -> u64 {
        let mut h = crate::util::hash::KeyHasher::new();
        self.structure.hash(&mut h);
        self.doc_keys[i].hash(&mut h);
        s.index.gazette.doc_issue[i].hash(&mut h);
        let r = &s.index.relations[i];
        // Related documents appear as citations (title, 文号 and address):
        // their stamps cover all three.
        for list in [
            r.interprets.as_slice(),
            &r.interpretations,
            r.basis.as_slice(),
            &r.declared,
            &r.replaced_by,
            &r.replaces,
        ] {
            list.len().hash(&mut h);
            for &j in list {
                s.index.docs[j].stamp.hash(&mut h);
            }
        }
        h.finish()
    }

    /// Memo key of a page that lists `docs` in full, with what they link to
    /// (gazette issues, the validity lists); `salt` tells such pages apart
    /// and carries whatever else they show.
    pub(crate) fn listing(
        &self,
        s: &Shared<'_>,
        salt: u64,
        docs: impl IntoIterator<Item = usize>,
    ) -> u64 {
        let mut h = crate::util::hash::KeyHasher::new();
        (self.lists, salt).hash(&mut h);
        for i in docs {
            self.doc_page(s, i).hash(&mut h);
        }
        h.finish()
    }

    /// Memo key of a list page showing `docs`, given the hash of what the
    /// list's pages share (title, breadcrumb, sub-groups, size).
    pub(crate) fn list_page(&self, list_key: u64, page: usize, docs: &[usize]) -> u64 {
        let mut h = crate::util::hash::KeyHasher::new();
        (self.lists, list_key, page).hash(&mut h);
        for &i in docs {
            self.doc_keys[i].hash(&mut h);
        }
        h.finish()
    }
}

fn hash_groups(groups: &[Group], h: &mut impl Hasher) {
    groups.len().hash(h);
    for g in groups {
        (&g.name, &g.slug).hash(h);
        hash_groups(&g.children, h);
    }
}
