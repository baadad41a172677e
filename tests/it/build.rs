//! Building sites: golden output, byte-identical rebuilds, atomic and
//! incremental writes, the repository's demo site, shared template parts,
//! the theme's 长者模式, phone menu and read-aloud controls.

mod atomicity;
mod demo;
mod determinism;
mod fixtures;
mod incremental;
mod inspection;
mod shared_parts;
mod theme_modes;
mod unchanged;
