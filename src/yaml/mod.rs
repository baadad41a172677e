//! YAML in: front matter split from the body, the line of every key, the
//! shape limits checked before parsing, input-method slips found before
//! parsing, serde_yaml's errors put in Chinese, and typed reading of fields
//! with editor-facing diagnostics. No other module uses serde_yaml directly.

pub mod chars;
mod errors;
pub mod fields;
pub mod frontmatter;
mod keys;
pub mod opening;
pub mod shape;
pub mod slips;

/// The parsed YAML tree other stages read (through [`fields::FieldReader`]
/// where a value needs checking).
pub use serde_yaml::{Mapping, Value};
