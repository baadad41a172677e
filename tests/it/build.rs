//! Building sites: golden output, byte-identical rebuilds, atomic and
//! incremental writes, the repository's demo site, shared template parts.

mod atomicity;
mod demo;
mod determinism;
mod fixtures;
mod incremental;
mod inspection;
mod shared_parts;
