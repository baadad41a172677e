//! The search page (`search/`) and the search files beside it.

use super::{Job, Shared};
use crate::config::url_map;
use crate::output::{Put, Writer};
use crate::search::SearchState;
use crate::util::locks::{into_inner, lock};
use std::sync::Mutex;

/// The search page: a form that works as a plain GET without JavaScript;
/// `assets/search.js` fills the filter choices from `search/index.json`
/// and the results.
pub(crate) fn job(s: &Shared<'_>) -> Job {
    Job {
        template: "search.html",
        out: url_map::page_file(url_map::SEARCH),
        page: s.page(
            s.t["search"],
            url_map::SEARCH,
            "search",
            vec![s.crumb_home()],
        ),
        // search.html needs nothing of its own.
        values: serde_json::Map::new().into(),
    }
}

/// The search index's root file: it carries the key of the whole index.
const ROOT_FILE: &str = url_map::SEARCH_INDEX;

/// Writes the search index files as they are made. With `state` (watch
/// mode) only the files an edit changed are made again: the state is
/// created at the first call and updated after that.
pub(crate) fn write_files(
    s: &Shared<'_>,
    writer: &Writer<'_>,
    state: Option<&mut Option<SearchState>>,
) -> anyhow::Result<Vec<Put>> {
    let key = s.keys.search(s);
    let puts = Mutex::new(Vec::new());
    // Called from every core as the files are made.
    let sink = |path: String, bytes: Vec<u8>| -> anyhow::Result<()> {
        let fingerprint = if path == ROOT_FILE { key } else { 0 };
        let put = writer.put(&path, &bytes, fingerprint)?;
        lock(&puts).push(put);
        Ok(())
    };
    match state {
        None => {
            if writer.reusable(ROOT_FILE, key).is_some() {
                if let Some(kept) = writer.keep_all(crate::search::is_search_file) {
                    return Ok(kept);
                }
            }
            crate::search::write_search_files(s.index, s.config, &s.urls, &sink)?;
        }
        Some(slot) => match slot {
            None => *slot = Some(SearchState::build(s.index, s.config, &s.urls, &sink)?),
            Some(state) => {
                let delta = state.update(s.index, s.config, &s.urls)?;
                let mut written = std::collections::HashSet::new();
                for (path, bytes) in delta.written {
                    written.insert(path.clone());
                    sink(path, bytes)?;
                }
                for path in state.paths().filter(|p| !written.contains(*p)) {
                    let put = writer.keep(path).ok_or_else(|| {
                        anyhow::anyhow!("内部错误：输出目录中没有搜索文件 {path}")
                    })?;
                    lock(&puts).push(put);
                }
            }
        },
    }
    Ok(into_inner(puts))
}
