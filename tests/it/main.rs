//! gongkai's integration tests, in one test binary (as mdBook does): the
//! library and the `gongkai` binary, the helpers of `common` and the corpus
//! generator compiled once instead of once per test file.
//!
//! One module per concern; run one with a name filter, e.g.
//! `cargo test --test it build::`, `cargo test --test it validity::corpus`,
//! `cargo test --test it search::recall`.
//!
//! - `build`: the fixtures' golden output, determinism, atomic and
//!   incremental writes, the demo site, shared template parts;
//! - `check`: diagnostics of invalid, odd and hostile input, fuzz findings;
//! - `validity`: 有效性 end to end, and against a generated corpus;
//! - `safety`: what must never reach the output or be touched (disclosure,
//!   scheduled publication, personal data, URL owners, the output folder,
//!   theme checks);
//! - `codebase`: the source against the house plan and docs/diagnostics.md;
//! - `cli`, `corpus` (the generator itself), `gazette`, `search`, `watch`.
//!
//! The tests run in parallel threads of this one process: none may change
//! process-wide state (environment variables, the working directory); each
//! works in its own temp folder and spawned servers take port 0.

mod common;

/// The corpus generator (`examples/gen_corpus`), shared by `corpus`,
/// `search` and `validity::corpus`.
#[path = "../../examples/gen_corpus/corpus/mod.rs"]
mod gen_corpus;

mod build;
mod check;
mod cli;
mod codebase;
mod corpus;
mod gazette;
mod reports;
mod safety;
mod search;
mod validity;
mod watch;
