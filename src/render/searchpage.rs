//! The search page (`search/`) and the search files beside it.

use super::{Job, Output, OutputFile, Shared};
use serde_json::json;

/// The search page: a form that works as a plain GET without JavaScript;
/// `assets/search.js` fills the filter choices from `search/index.json`
/// and the results.
pub(crate) fn job(s: &Shared<'_>) -> Job {
    Job {
        template: "search.html",
        out: "search/index.html".into(),
        page: s.page(s.t["search"], "search/", "search", vec![s.crumb_home()]),
        values: json!({}),
    }
}

/// Adds the search index files to the output, each as soon as it is made.
pub(crate) fn add_files(s: &Shared<'_>, output: &mut Output) -> anyhow::Result<()> {
    crate::search::write_search_files(s.index, s.config, &s.urls, &mut |path, bytes| {
        output.insert(path, OutputFile::Bytes(bytes));
        Ok(())
    })
}
