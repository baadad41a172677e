//! The public check path without the file system: one document (the input)
//! and one column page through `parse_documents` and `build_index`, as
//! `gongkai check` runs them: front matter, every field rule, attachments,
//! slugs, Markdown, the personal-data scan and the index.
#![no_main]

use gongkai::load::{SourceFile, SourceKind, Sources};
use gongkai::BuildContext;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const SITE: &str = "title: 模糊测试站点\nbase_url: https://fuzz.example.gov.cn/\n\
agencies:\n  - name: 清河市人民政府\n    code: \"11370100MB0000000X\"\n    slug: gov\n";

fn config() -> &'static gongkai::config::SiteConfig {
    static CONFIG: OnceLock<gongkai::config::SiteConfig> = OnceLock::new();
    CONFIG.get_or_init(|| match gongkai::config::parse_config(SITE) {
        Ok(c) => c,
        Err(d) => panic!("fuzz site.yaml is invalid: {d:?}"),
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = gongkai::load::decode_text(data) else {
        return;
    };
    let ctx = BuildContext {
        as_of: jiff_date(),
        drafts: data.first().is_some_and(|b| b & 1 == 1),
        future: false,
    };
    let sources = Sources {
        files: vec![
            SourceFile {
                rel_path: "xxgk/2024/fuzz.md".to_string(),
                kind: SourceKind::Document,
                text: text.clone(),
            },
            SourceFile {
                rel_path: "pages/fuzz.md".to_string(),
                kind: SourceKind::Page,
                text,
            },
        ],
        ..Sources::default()
    };
    let parsed = gongkai::parse::parse_documents(&sources, config(), &ctx);
    let _ = gongkai::index::build_index(parsed, config(), &ctx);
});

fn jiff_date() -> jiff::civil::Date {
    jiff::civil::date(2025, 1, 1)
}
