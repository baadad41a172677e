//! The source tree held to its own rules: the house plan's layers, and one
//! row of `docs/diagnostics.md` for every diagnostic code (plain scans of
//! the source text).

mod diagnostic_codes;
mod layering;
