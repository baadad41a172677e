//! Front-matter splitting, YAML parsing and key location on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = gongkai::load::decode_text(data) {
        let _ = gongkai::yaml::frontmatter::parse_front_matter(&text, "content/fuzz.md");
    }
});
