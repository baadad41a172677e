//! Queries over the written search files, the way `search.js` runs them:
//! used by the recall test and the benchmark to check the files themselves.
//!
//! Shards and fragments are items of packs (`pack.rs`): `get` returns a
//! whole pack file and the item is sliced from it, as the client does when
//! a server ignores `Range`.
//!
//! 1. Each term's tokens → their shards → the posting sets; a document is a
//!    candidate when it holds every token of every term (AND).
//! 2. Likely phrase: the candidate holds every phrase gram of every term
//!    (`tokenize::grams`). Tier: 3 when every token is in the 文号, 2 when
//!    every token is in the title, else 1. Candidates are ordered: 文号
//!    matches, then likely phrase matches, then by tier, then newest first —
//!    over the whole candidate list.
//! 3. The leading candidates' fragments are fetched and checked: those that
//!    hold every term as a phrase come before those that only hold its
//!    pieces (scattered; the grams make this rare).

use super::pack::{FRAGMENTS, SHARDS};
use super::postings::{read_records, shard_of, Field};
use super::tokenize::{holds_phrase, parse_query, phrase_form};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Results per page (the search page shows 10).
pub const PAGE: usize = 10;

/// A ranked result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Document number.
    pub id: u32,
    /// 3 文号, 2 title, 1 elsewhere.
    pub tier: u8,
    /// Holds every phrase gram of every term.
    pub likely: bool,
    /// Whether the fragment holds every term as written (checked only for
    /// the leading `window` candidates; `None` beyond).
    pub exact: Option<bool>,
}

/// What a query cost: the files it read.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Ranked results.
    pub hits: Vec<Hit>,
    /// Items read, as `pack path#item` (shards, then fragments).
    pub fetched: Vec<String>,
}

/// Runs `query` against `get` (path → the whole file) and pages through
/// the first `window` results the way the client does (`usize::MAX`: every
/// page). The shard count comes from `search/index.json`.
pub fn run(get: &dyn Fn(&str) -> Option<Vec<u8>>, query: &str, window: usize) -> Outcome {
    let terms = parse_query(query);
    let mut out = Outcome::default();
    let shards = get(crate::config::url_map::SEARCH_INDEX)
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|root| root["shards"].as_u64())
        .and_then(|s| u32::try_from(s).ok())
        .unwrap_or(0);
    if terms.is_empty() || shards == 0 {
        return out;
    }
    let tokens: BTreeSet<&str> = terms
        .iter()
        .flat_map(|t| t.tokens.iter().map(String::as_str))
        .collect();
    let grams: BTreeSet<&str> = terms
        .iter()
        .flat_map(|t| t.grams.iter().map(String::as_str))
        .collect();
    let mut sets: HashMap<(String, u8), Vec<u32>> = HashMap::new();
    let shard_ids: BTreeSet<u32> = tokens
        .iter()
        .chain(&grams)
        .map(|t| shard_of(t, shards))
        .collect();
    for s in shard_ids {
        if let Some(records) = SHARDS.read(get, s).as_deref().and_then(read_records) {
            for (term, field, ids) in records {
                if tokens.contains(term.as_str()) || grams.contains(term.as_str()) {
                    sets.insert((term, field), ids);
                }
            }
        }
        out.fetched.push(SHARDS.item_name(s));
    }
    let all = |field: Field, tokens: &BTreeSet<&str>| -> Option<BTreeSet<u32>> {
        let mut acc: Option<BTreeSet<u32>> = None;
        for t in tokens {
            let ids: BTreeSet<u32> = sets
                .get(&(t.to_string(), field as u8))
                .map(|v| v.iter().copied().collect())
                .unwrap_or_default();
            acc = Some(match acc {
                None => ids,
                Some(a) => a.intersection(&ids).copied().collect(),
            });
        }
        acc
    };
    let likely = all(Field::Any, &grams);
    let [any, title, number] =
        [Field::Any, Field::Title, Field::Number].map(|f| all(f, &tokens).unwrap_or_default());
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
            likely: likely.as_ref().is_none_or(|l| l.contains(&id)),
            exact: None,
        })
        .collect();
    let rank = |h: &Hit| std::cmp::Reverse((h.tier == 3, h.likely, h.tier, h.id));
    hits.sort_by_key(rank);
    let phrases: Vec<&str> = terms.iter().map(|t| t.phrase.as_str()).collect();
    // Pages of PAGE results, as the client shows them: each result is checked
    // on its fragment; a likely match that turns out scattered moves behind
    // every likely match, and the page fills up from the next candidates.
    let mut at = 0;
    while at < hits.len() && at < window {
        let page_end = (at + PAGE).min(window).min(hits.len());
        let page_start = at;
        while at < page_end {
            let id = hits[at].id;
            let text = FRAGMENTS
                .read(get, id)
                .and_then(|b| {
                    serde_json::from_slice::<BTreeMap<String, serde_json::Value>>(&b).ok()
                })
                .map(|f| {
                    ["t", "n", "x"]
                        .iter()
                        .filter_map(|k| f.get(*k).and_then(|v| v.as_str()))
                        .map(phrase_form)
                        .collect::<Vec<_>>()
                        .join("\u{1}")
                })
                .unwrap_or_default();
            out.fetched.push(FRAGMENTS.item_name(id));
            let exact = phrases.iter().all(|p| holds_phrase(&text, p));
            hits[at].exact = Some(exact);
            if !exact && hits[at].likely {
                hits[at].likely = false;
                hits[at..].sort_by_key(rank);
                if hits[at].exact.is_none() {
                    continue;
                }
            }
            at += 1;
        }
        hits[page_start..at].sort_by_key(|h| std::cmp::Reverse(h.exact));
    }
    out.hits = hits;
    out
}
