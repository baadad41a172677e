//! Queries over the written search files, the way `search.js` runs them:
//! used by the recall test and the benchmark to check the files themselves.
//!
//! 1. Each term's tokens → their shards → the posting sets; a document is a
//!    candidate when it holds every token of every term (AND).
//! 2. Tier: 3 when every token is in the 文号, 2 when every token is in the
//!    title, else 1; candidates are ordered by tier, then newest first.
//! 3. The leading candidates' fragments are fetched and checked: those that
//!    hold every term as a phrase come before those that only hold its
//!    pieces (scattered).

use super::postings::{read_records, shard_of, Field};
use super::tokenize::{compact, parse_query};
use super::{fragment_path, shard_path};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A ranked result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Document number.
    pub id: u32,
    /// 3 文号, 2 title, 1 elsewhere.
    pub tier: u8,
    /// Whether the fragment holds every term as written (checked only for
    /// the leading `window` candidates; `None` beyond).
    pub exact: Option<bool>,
}

/// What a query cost: the files it read.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Ranked results.
    pub hits: Vec<Hit>,
    /// Paths fetched (shards, then fragments).
    pub fetched: Vec<String>,
}

/// Runs `query` against `get` (path → bytes), checking the first `window`
/// candidates' fragments.
pub fn run(
    get: &dyn Fn(&str) -> Option<Vec<u8>>,
    shards: u32,
    query: &str,
    window: usize,
) -> Outcome {
    let terms = parse_query(query);
    let mut out = Outcome::default();
    if terms.is_empty() {
        return out;
    }
    let tokens: BTreeSet<&str> = terms
        .iter()
        .flat_map(|(_, t)| t.iter().map(String::as_str))
        .collect();
    let mut sets: HashMap<(String, u8), Vec<u32>> = HashMap::new();
    let shard_ids: BTreeSet<u32> = tokens.iter().map(|t| shard_of(t, shards)).collect();
    for s in shard_ids {
        let path = shard_path(s, shards);
        if let Some(records) = get(&path).as_deref().and_then(read_records) {
            for (term, field, ids) in records {
                if tokens.contains(term.as_str()) {
                    sets.insert((term, field), ids);
                }
            }
        }
        out.fetched.push(path);
    }
    let all = |field: Field| -> BTreeSet<u32> {
        let mut acc: Option<BTreeSet<u32>> = None;
        for t in &tokens {
            let ids: BTreeSet<u32> = sets
                .get(&(t.to_string(), field as u8))
                .map(|v| v.iter().copied().collect())
                .unwrap_or_default();
            acc = Some(match acc {
                None => ids,
                Some(a) => a.intersection(&ids).copied().collect(),
            });
        }
        acc.unwrap_or_default()
    };
    let (any, title, number) = (all(Field::Any), all(Field::Title), all(Field::Number));
    let mut hits: Vec<Hit> = any
        .iter()
        .map(|&id| Hit {
            id,
            tier: if number.contains(&id) {
                3
            } else if title.contains(&id) {
                2
            } else {
                1
            },
            exact: None,
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse((h.tier, h.id)));
    let phrases: Vec<&str> = terms.iter().map(|(c, _)| c.as_str()).collect();
    for hit in hits.iter_mut().take(window) {
        let path = fragment_path(hit.id);
        let text = get(&path)
            .and_then(|b| serde_json::from_slice::<BTreeMap<String, serde_json::Value>>(&b).ok())
            .map(|f| {
                ["t", "n", "x"]
                    .iter()
                    .filter_map(|k| f.get(*k).and_then(|v| v.as_str()))
                    .map(compact)
                    .collect::<Vec<_>>()
                    .join("\u{1}")
            })
            .unwrap_or_default();
        hit.exact = Some(phrases.iter().all(|p| text.contains(p)));
        out.fetched.push(path);
    }
    let head = window.min(hits.len());
    hits[..head].sort_by_key(|h| std::cmp::Reverse(h.exact));
    out.hits = hits;
    out
}
