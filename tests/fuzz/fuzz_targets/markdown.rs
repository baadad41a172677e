//! Markdown rendering (HTML, plain text, headings, raw-HTML sanitising).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = gongkai::markdown::render_markdown(text);
    }
});
