//! `gongkai check` and its diagnostics: invalid fixtures, odd and hostile
//! input, and every input the fuzzers found.

mod fuzz_regressions;
mod hostile;
mod invalid;
mod invalid_input;
mod no_english;
mod robustness;
mod surprises;
