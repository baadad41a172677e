//! No English reaches an editor of a zh-CN site. Every invalid fixture
//! (found by listing `tests/fixtures/invalid/`, so cases added later are
//! covered too) is checked, and what `gongkai check` prints may hold no
//! English word — a run of three or more ASCII letters — except in:
//! - code spans (`` `iconv -f GBK …` ``) and quoted text (“…”: the editor's
//!   own text, or a label as a tool shows it), and the echoed line after 该行内容：
//! - file names, paths and URLs (a word with `/` or a file extension)
//! - field keys (front-matter and site.yaml keys, also as dotted paths)
//! - diagnostic codes (`FM003`)
//! - examples: what follows 例如 up to the end of its clause
//! - names in capitals (YAML, UTF-8, GBK, PDF): formats and encodings are
//!   called by these names in Chinese too.
//!
//! There is no list of allowed phrases: a message that needs an English
//! word shows it as code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{crate_root, run_in};

#[test]
fn no_english_word_in_any_invalid_fixture_output() {
    let dir = crate_root().join("tests/fixtures/invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("site.yaml").exists())
        .collect();
    cases.sort();
    assert!(cases.len() >= 9, "fixtures not found in {}", dir.display());
    let mut leaks = Vec::new();
    for case in &cases {
        let (_, stdout, stderr) = run_in(case, &["check"]);
        for line in stdout.lines().chain(stderr.lines()) {
            for word in english_words(line) {
                leaks.push(format!(
                    "{}: “{word}” in: {line}",
                    case.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "English reaches editors:\n{}",
        leaks.join("\n")
    );
}

/// The English words of one printed line, outside what the module comment exempts.
fn english_words(line: &str) -> Vec<String> {
    let line = line.split("该行内容：").next().unwrap_or(line);
    // the field a diagnostic is about, as the editor wrote it
    let line = match line.split_once("  字段 ") {
        Some((head, rest)) => format!("{head}  {}", rest.split_once('：').map_or("", |(_, r)| r)),
        None => line.to_string(),
    };
    let line = line.as_str();
    let line = without_spans(line, '`', '`');
    let line = without_spans(&line, '“', '”');
    let line = without_examples(&line);
    line.split(|c: char| c.is_whitespace() || !c.is_ascii())
        .filter(|token| !exempt_token(token))
        .flat_map(|token| {
            token
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 3 && !w.chars().all(|c| c.is_ascii_uppercase()))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// `text` without what stands between `open` and `close`.
fn without_spans(text: &str, open: char, close: char) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        if inside {
            inside = c != close;
        } else if c == open {
            inside = true;
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` without each 例如 and the rest of its clause.
fn without_examples(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once("例如") {
        out.push_str(before);
        let end = after.find(['，', '。', '；', '）']).unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn exempt_token(token: &str) -> bool {
    if token.contains('/') {
        return true; // a path or URL
    }
    let token = token.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    // a file with its place: site.yaml:3:1
    let file = token.split(':').next().unwrap_or(token);
    if is_code(token) || is_file_name(file) {
        return true;
    }
    let key = token.trim_end_matches(':');
    !key.is_empty()
        && key.split('.').all(|segment| {
            let segment = segment.split('[').next().unwrap_or(segment);
            is_key(segment)
        })
}

fn is_code(token: &str) -> bool {
    let letters = token.chars().take_while(char::is_ascii_uppercase).count();
    (2..=4).contains(&letters)
        && token.len() == letters + 3
        && token[letters..].chars().all(|c| c.is_ascii_digit())
}

fn is_file_name(token: &str) -> bool {
    token.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

fn is_key(word: &str) -> bool {
    gongkai::field_names::is_key(word)
}

#[test]
fn the_rule_finds_english_and_spares_what_it_exempts() {
    assert_eq!(
        english_words(
            "错误[FM003] content/a.md:2:8  YAML 格式错误（found unexpected end of stream）"
        ),
        ["found", "unexpected", "end", "stream"]
    );
    assert_eq!(english_words("提示：运行 gongkai new"), ["gongkai", "new"]);
    assert!(english_words(
        "错误[FM010] content/a.md:3:1  字段 validity.expires（有效期至）：未知字段 “agnecy”，是否想写 `agency`？例如 base_url: https://www.example.gov.cn/，UTF-8 或 GBK"
    )
    .is_empty());
    assert!(english_words("  提示：该行内容：title: something English").is_empty());
}
