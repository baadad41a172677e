//! gongkai (公开): a static site generator for Chinese government information
//! disclosure sites. Content editors write Markdown with YAML front matter;
//! one build produces the disclosure catalog, feeds and data exports.
//!
//! The build is a pipeline of stages with plain data between them
//! ([`pipeline`]); the modules below are listed in layer order, each using
//! only those above it (a test, `tests/it/codebase/layering.rs`, holds them to it). Nothing
//! here reads the clock or prints: `main.rs` does both.

// Shared tools with no knowledge of the site: slugs, HTML escaping, hashing,
// locks, text identity under Unicode normalisation.
pub mod util;
// The names editors see: every front-matter and site.yaml key with its Chinese label.
pub mod field_names;
// What is reported to editors, and why a run failed.
pub mod diagnostics;
// Front matter and YAML files: splitting, key lines, typed field reading.
// The only user of serde_yaml.
pub mod yaml;
// site.yaml: agencies, taxonomy, security settings, 索引号 pattern, the URL map.
pub mod config;
// Markdown bodies → HTML (pulldown-cmark, syntect, the raw-HTML policy).
pub mod markdown;
// The data the stages hand on: documents, pages, metadata; the build context.
pub mod model;
// Stage 1, load: the content folder's files, read safely.
pub mod load;
// Stage 5, write, placed low because render streams into it: the output
// folder, changed as one step (deletes only what gongkai wrote).
pub mod output;
// Stage 2, parse: documents, pages and gazette issues, their checks and PII scan.
pub mod parse;
// Stage 3, index: relations, validity, catalog, gazette, schedule, URL owners.
pub mod index;
// Stage 4b, the search index (Chinese n-grams, shards).
pub mod search;
// Stage 4, render: templates, pages, feeds, exports.
pub mod render;
// Every cache the pipeline keeps between runs, in one owner.
pub mod state;
// `gongkai init` and `gongkai new`: new sites and documents.
pub mod scaffold;
// `gongkai new content/reports/…`: an annual report's skeleton.
pub mod scaffold_report;
// The stages run in order: `check` and `build`.
pub mod pipeline;
// Watch mode: rebuild what changed, serve with live reload.
pub mod watch;

pub use diagnostics::BuildError;
pub use model::BuildContext;
pub use pipeline::{
    build, check, check_site, load_config, theme_statics_have_no_owner, BuildReport, Checked,
    Options, Progress, Step,
};
