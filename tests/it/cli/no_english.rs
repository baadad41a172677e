//! No English reaches an editor on a zh-CN site: the whole output of the
//! `gongkai` binary — diagnostics, summary lines, usage errors, help — has
//! no ASCII word of three or more letters outside code, file names, keys
//! and examples ([`english_words`] says exactly what counts).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{fixture, run, run_in};
use gongkai::field_names as names;

/// Words that are not English prose: commands and their values, YAML
/// literals, names of formats, encodings and keys on a keyboard, and an
/// environment variable.
const NOT_PROSE: &[&str] = &[
    "gongkai", "build", "watch", "serve", "check", "init", "new", "help", "text", "json", "github",
    "true", "false", "YAML", "JSON", "HTML", "PDF", "GBK", "UTF", "Markdown", "GitHub", "Tab",
    "Ctrl", "iconv", "LANG",
];

/// English a Chinese-speaking editor would have to read in `text`: every
/// run of ASCII letters of three or more that is not
/// - quoted: inside “…”, `…`, '…' or "…", or after 该行内容： (the editor's
///   own words, shown back);
/// - code or a file name: part of a token with a digit or one of `/._-=+:\<`
///   inside it (content/xxgk/a.md, --strict, YYYY-MM-DD, UTF-8, <路径>);
/// - a key of site.yaml or a front matter (gongkai::field_names), or the
///   word after 字段 (a key as the editor wrote it, misspelt perhaps);
/// - in [`NOT_PROSE`].
pub(crate) fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.split("该行内容：").next().unwrap_or(line);
        let line = without_field_keys(&unquoted(line));
        for token in line.split(|c: char| c.is_whitespace() || !c.is_ascii()) {
            let word = token.trim_matches(|c: char| "()[]{},;:!?".contains(c));
            if word
                .chars()
                .any(|c| c.is_ascii_digit() || "/._-=+:\\<>".contains(c))
            {
                continue;
            }
            if word.chars().filter(char::is_ascii_alphabetic).count() < 3 {
                continue;
            }
            if !is_key(word) && !NOT_PROSE.contains(&word) {
                found.push(word.to_string());
            }
        }
    }
    found
}

/// `line` without the key after each 字段 (`字段 agnecy：`).
fn without_field_keys(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("字段 ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + "字段 ".len()..];
        let key_len: usize = after
            .chars()
            .take_while(|c| c.is_ascii() && !c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        rest = &after[key_len..];
    }
    out.push_str(rest);
    out
}

fn is_key(word: &str) -> bool {
    [
        names::FRONT_MATTER_KEYS,
        names::VALIDITY_KEYS,
        names::GAZETTE_KEYS,
        names::ATTACHMENT_KEYS,
        names::PAGE_KEYS,
        names::SITE_KEYS,
        names::GAZETTE_SITE_KEYS,
        names::ISSUE_KEYS,
        names::PRIVACY_KEYS,
        names::AGENCY_KEYS,
        names::TAXONOMY_KEYS,
    ]
    .iter()
    .any(|table| table.iter().any(|(key, _)| *key == word))
}

/// `line` with every quoted span blanked out.
fn unquoted(line: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in line.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '“' => closing = Some('”'),
                '`' | '\'' | '"' => closing = Some(c),
                _ => out.push(c),
            },
        }
        if closing.is_some() {
            out.push(' ');
        }
    }
    out
}

#[test]
fn the_rule_finds_english_and_passes_code_keys_and_quotes() {
    assert_eq!(
        english_words("error: invalid value 'xml' for '--format <FORMAT>'\n\nFor more information, try '--help'."),
        ["error", "invalid", "value", "for", "For", "more", "information", "try"]
    );
    assert_eq!(
        english_words("Usage: gongkai [OPTIONS] <COMMAND>"),
        ["Usage", "OPTIONS"]
    );
    let fine = "错误[FM010] content/xxgk/a.md:3:1  字段 agnecy：未知字段 “agnecy”\n  \
        应为：title（标题）、doc_number（发文字号），写作 YYYY-MM-DD，如 `published: 2024-05-31`\n  \
        提示：运行 gongkai new <路径>；iconv -f GBK -t UTF-8；draft: true；该行内容：title: \"Hello world";
    assert_eq!(english_words(fine), Vec::<String>::new());
}

/// What is still English in the library's diagnostics, owned by the work
/// on issue 17's input messages. Each must still occur (so this list only
/// shrinks): delete an entry when its message is Chinese.
const KNOWN_LEAKS: &[&str] = &[
    "found unexpected end of stream at line 6 column 1, while scanning a quoted scalar at line 2 column 8",
    "front matter",
];

#[test]
fn check_on_every_invalid_fixture_prints_no_english() {
    let cases = std::fs::read_dir(fixture("invalid")).unwrap();
    let mut cases: Vec<_> = cases
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 7, "{cases:?}");
    let mut all = String::new();
    for case in &cases {
        for args in [
            &["check"][..],
            &["check", "--strict"],
            &["build", "--output", "/nonexistent/gongkai-test"],
        ] {
            let (_, stdout, stderr) = run_in(case, args);
            let mut output = format!("{stdout}{stderr}");
            for leak in KNOWN_LEAKS {
                output = output.replace(leak, "");
            }
            let words = english_words(&output);
            assert!(
                words.is_empty(),
                "English in `gongkai {}` on {}: {words:?}\n{stdout}{stderr}",
                args.join(" "),
                case.display()
            );
            all.push_str(&stdout);
            all.push_str(&stderr);
        }
    }
    for leak in KNOWN_LEAKS {
        assert!(
            all.contains(leak),
            "“{leak}” is gone: delete it from KNOWN_LEAKS"
        );
    }
}

#[test]
fn usage_errors_and_help_print_no_english() {
    let empty = tempfile::tempdir().unwrap();
    let root = empty.path().to_str().unwrap();
    let cases: &[&[&str]] = &[
        &[],
        &["--help"],
        &["help"],
        &["help", "new"],
        &["build", "--help"],
        &["watch", "-h"],
        &["serve", "--help"],
        &["check", "--help"],
        &["init", "--help"],
        &["new", "--help"],
        &["--as-of", "2024-13-01", "check"],
        &["--as-of", "2024-02-30", "build"],
        &["--as-of"],
        &["check", "--bogus"],
        &["check", "--strct"],
        &["check", "--format", "xml"],
        &["check", "--expiring-within", "5x"],
        &["serve", "--port", "abc"],
        &["publish"],
        &["buld"],
        &["new"],
        &["init"],
        &["new", "a.md", "b.md"],
        &["check"],
        &["build"],
        &["check", "--quiet", "--quiet"],
    ];
    for args in cases {
        let mut all = vec!["--root", root];
        all.extend_from_slice(args);
        let (code, stdout, stderr) = run(&all);
        let words = english_words(&format!("{stdout}{stderr}"));
        assert!(
            words.is_empty(),
            "English in `gongkai {}` (exit {code}): {words:?}\n{stdout}{stderr}",
            args.join(" ")
        );
    }
}
