//! Every diagnostic code the program can emit has exactly one row in
//! `docs/diagnostics.md`, and every row there names a code the program emits.
//!
//! **What counts as an emitted code** (the rule the scan below applies to
//! every `.rs` file under `src/`, however the folders are arranged):
//!
//! - a string literal (`"…"`, `r"…"`, `r#"…"#`) whose whole text is two to
//!   four ASCII capitals and three digits, such as `"FM013"` or
//!   `"PATH002"`: the form every `Diagnostic::error` / `warning` call, the
//!   `FieldReader` code pairs and the code tables (`PiiKind::code`,
//!   `Refusal::code`, the 索引号/文号 table) use;
//! - a string literal that *starts with* such a code in square brackets,
//!   such as `"[OUT003] 输出目录 …"`: the output-folder refusals, which are
//!   plain errors (exit 2), not `Diagnostic`s.
//!
//! Not counted: comments (doc comments included), and test code, that is
//! the item after `#[cfg(test)]` (usually `mod tests { … }`), a file whose
//! first attribute is `#![cfg(test)]`, and the file of an out-of-line
//! `#[cfg(test)] mod name;`. Tests assert on codes in whole messages
//! (`"错误[GZ004] …"`, `"TPL004 themes/…"`), which neither form matches
//! anyway. A code built at run time (`format!("FM{n:03}")`) would not be
//! seen: write codes as literals (`Diagnostic` takes `&'static str`).
//!
//! **What counts as a row**: a Markdown table line of `docs/diagnostics.md`
//! whose first cell is a code (backticks allowed). Each such row must have
//! five cells (code, severity, meaning, example, fix), none empty, and a
//! severity of 错误 or 警告. Codes mentioned in prose are not rows.
//!
//! Self-contained on purpose (no `tests/common`, no regex crate).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// `FM013`, `PATH002`: 2–4 ASCII capitals, then exactly 3 digits.
fn is_code(s: &str) -> bool {
    let letters = s.bytes().take_while(u8::is_ascii_uppercase).count();
    let rest = &s.as_bytes()[letters..];
    (2..=4).contains(&letters) && rest.len() == 3 && rest.iter().all(u8::is_ascii_digit)
}

/// The code a string literal emits, under the rule of the module doc.
fn code_of_literal(text: &str) -> Option<&str> {
    if is_code(text) {
        return Some(text);
    }
    let inner = text.strip_prefix('[')?;
    let end = inner.find(']')?;
    is_code(&inner[..end]).then(|| &inner[..end])
}

/// What a scan of one file yields.
#[derive(Debug, Default, PartialEq)]
struct Scan {
    /// (code, 1-based line) of every emitted code outside test code.
    codes: Vec<(String, u32)>,
    /// Names of out-of-line test modules (`#[cfg(test)] mod tests;`).
    test_modules: Vec<String>,
}

/// A minimal Rust lexer: enough to tell comments, string and char
/// literals, lifetimes and brackets apart, and to skip `#[cfg(test)]` items.
fn scan_rust(src: &str) -> Scan {
    let c: Vec<char> = src.chars().collect();
    let n = c.len();
    let mut out = Scan::default();
    let mut i = 0;
    let mut line = 1u32;
    // Bracket depth, all of (), [] and {} together.
    let mut depth = 0usize;
    // After `#[cfg(test)]`: the depth the pending item starts at, and the
    // words seen in it so far (for `mod name;`).
    let mut pending: Option<(usize, Vec<String>)> = None;
    // Inside a skipped item's braces: the depth to come back to.
    let mut skip_until: Option<usize> = None;

    let count_lines = |from: usize, to: usize, line: &mut u32| {
        *line += c[from..to].iter().filter(|&&ch| ch == '\n').count() as u32;
    };

    while i < n {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        // comments
        if ch == '/' && next == Some('/') {
            while i < n && c[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if ch == '/' && next == Some('*') {
            let start = i;
            let mut nest = 0;
            while i < n {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    nest += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    nest -= 1;
                    i += 2;
                    if nest == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            count_lines(start, i.min(n), &mut line);
            continue;
        }
        // identifiers, keywords and string prefixes (r, b, br, c, cr)
        if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < n && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let prefix = matches!(word.as_str(), "r" | "b" | "br" | "c" | "cr");
            let raw = word.ends_with('r');
            if prefix && i < n && (c[i] == '"' || (raw && c[i] == '#')) {
                let mut hashes = 0;
                while raw && i + hashes < n && c[i + hashes] == '#' {
                    hashes += 1;
                }
                if c.get(i + hashes) == Some(&'"') {
                    i += hashes;
                    let lit_line = line;
                    let (text, end) = if raw {
                        raw_string(&c, i, hashes)
                    } else {
                        string(&c, i)
                    };
                    count_lines(i, end, &mut line);
                    i = end;
                    literal(&text, lit_line, &pending, skip_until, &mut out);
                    continue;
                }
                // `r#ident`: a raw identifier, not a string
            }
            if let Some((_, words)) = &mut pending {
                words.push(word);
            }
            continue;
        }
        match ch {
            '\n' => {
                line += 1;
                i += 1;
            }
            '"' => {
                let lit_line = line;
                let (text, end) = string(&c, i);
                count_lines(i, end, &mut line);
                i = end;
                literal(&text, lit_line, &pending, skip_until, &mut out);
            }
            '\'' => {
                // a char literal ('x', '\n', '\u{200B}') or a lifetime ('a)
                if next == Some('\\') {
                    i += 3;
                    while i < n && c[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if c.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            '#' => {
                // an attribute: `#[…]` or `#![…]`
                let inner = next == Some('!');
                let open = if inner { i + 2 } else { i + 1 };
                if c.get(open) != Some(&'[') {
                    i += 1;
                    continue;
                }
                let mut j = open;
                let mut nest = 0;
                let mut body = String::new();
                while j < n {
                    match c[j] {
                        '"' => {
                            let (text, end) = string(&c, j);
                            body.push_str(&text);
                            j = end;
                            continue;
                        }
                        '[' => nest += 1,
                        ']' => {
                            nest -= 1;
                            if nest == 0 {
                                break;
                            }
                        }
                        ch if ch.is_whitespace() => {}
                        ch => body.push(ch),
                    }
                    j += 1;
                }
                count_lines(i, j.min(n), &mut line);
                i = j + 1;
                if body == "cfg(test)" && skip_until.is_none() {
                    if inner && depth == 0 {
                        return out; // the whole file is test code
                    }
                    if !inner {
                        pending = Some((depth, Vec::new()));
                    }
                }
            }
            '(' | '[' | '{' => {
                if ch == '{' && skip_until.is_none() {
                    if let Some((at, _)) = &pending {
                        if *at == depth {
                            skip_until = Some(depth);
                            pending = None;
                        }
                    }
                }
                depth += 1;
                i += 1;
            }
            ')' | ']' | '}' => {
                depth = depth.saturating_sub(1);
                if ch == '}' && skip_until == Some(depth) {
                    skip_until = None;
                }
                i += 1;
            }
            ';' => {
                if let Some((at, words)) = &pending {
                    if *at == depth {
                        // `#[cfg(test)] mod name;` (or `pub mod name;`)
                        if let [.., m, name] = words.as_slice() {
                            if m == "mod" {
                                out.test_modules.push(name.clone());
                            }
                        }
                        pending = None;
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// A `"…"` literal starting at `start`: its text (escapes kept as
/// written) and the index after the closing quote.
fn string(c: &[char], start: usize) -> (String, usize) {
    let mut i = start + 1;
    let mut text = String::new();
    while i < c.len() && c[i] != '"' {
        if c[i] == '\\' && i + 1 < c.len() {
            text.push(c[i]);
            i += 1;
        }
        text.push(c[i]);
        i += 1;
    }
    (text, i + 1)
}

/// An `r#"…"#` literal whose opening quote is at `start`.
fn raw_string(c: &[char], start: usize, hashes: usize) -> (String, usize) {
    let mut i = start + 1;
    let mut text = String::new();
    while i < c.len() {
        if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
            return (text, i + 1 + hashes);
        }
        text.push(c[i]);
        i += 1;
    }
    (text, i)
}

/// Records the code of a literal outside test code.
fn literal(
    text: &str,
    line: u32,
    pending: &Option<(usize, Vec<String>)>,
    skip_until: Option<usize>,
    out: &mut Scan,
) {
    // A literal in the pending item's head (`#[cfg(test)] const X: &str =
    // "FM001";`) is test code too.
    if skip_until.is_some() || pending.is_some() {
        return;
    }
    if let Some(code) = code_of_literal(text) {
        out.codes.push((code.to_string(), line));
    }
}

/// The `.rs` files under `dir`, recursively, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| {
            e.unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
                .path()
        })
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Where `mod name;` in `file` is, without the `.rs`: beside it for
/// `lib.rs`, `main.rs` and `mod.rs`, else in the folder named after the
/// file (`src/a.rs`: `src/a/name`). The module is `that.rs` or the folder
/// `that/` with all it holds.
fn module_path(file: &Path, name: &str) -> PathBuf {
    let dir = file.parent().unwrap_or(Path::new(""));
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if matches!(stem, "lib" | "main" | "mod") {
        dir.join(name)
    } else {
        dir.join(stem).join(name)
    }
}

/// Every emitted code under `src_dir` → where it is (`src/x.rs:12`).
fn codes_in_source(src_dir: &Path, root: &Path) -> BTreeMap<String, Vec<String>> {
    let mut files = Vec::new();
    rust_files(src_dir, &mut files);
    let mut scans = Vec::new();
    let mut test_modules: Vec<PathBuf> = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let scan = scan_rust(&text);
        for name in &scan.test_modules {
            test_modules.push(module_path(file, name));
        }
        scans.push((file, scan));
    }
    let mut codes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (file, scan) in scans {
        // an out-of-line test module, and everything below it
        let in_test_module = test_modules
            .iter()
            .any(|m| *file == m.with_extension("rs") || file.starts_with(m));
        if in_test_module {
            continue;
        }
        let shown = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        for (code, line) in scan.codes {
            codes
                .entry(code)
                .or_default()
                .push(format!("{shown}:{line}"));
        }
    }
    codes
}

/// One table row of the document.
struct Row {
    code: String,
    line: usize,
    cells: Vec<String>,
}

/// The rows of `docs/diagnostics.md` whose first cell is a code.
fn rows_in_doc(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if !line.starts_with('|') {
            continue;
        }
        // `\|` inside a cell is a pipe, not a cell boundary
        let body = line.replace("\\|", "\u{0}");
        let body = body.trim_start_matches('|');
        let body = body.strip_suffix('|').unwrap_or(body);
        let cells: Vec<String> = body
            .split('|')
            .map(|c| c.trim().replace('\u{0}', "|"))
            .collect();
        let first = cells[0].trim_matches('`');
        if is_code(first) {
            rows.push(Row {
                code: first.to_string(),
                line: i + 1,
                cells,
            });
        }
    }
    rows
}

/// One item per line, indented, for the failure message.
fn list(items: Vec<String>) -> String {
    items.iter().map(|s| format!("\n  {s}")).collect()
}

#[test]
fn every_emitted_code_has_exactly_one_row_and_every_row_is_emitted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc_path = root.join("docs/diagnostics.md");
    let source = codes_in_source(&root.join("src"), root);
    let doc = std::fs::read_to_string(&doc_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", doc_path.display()));
    let rows = rows_in_doc(&doc);

    let mut documented: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for row in &rows {
        documented.entry(&row.code).or_default().push(row.line);
    }
    let missing: Vec<String> = source
        .iter()
        .filter(|(code, _)| !documented.contains_key(code.as_str()))
        .map(|(code, at)| format!("{code}  (emitted at {})", at.join(", ")))
        .collect();
    let extra: Vec<String> = documented
        .iter()
        .filter(|(code, _)| !source.contains_key(**code))
        .map(|(code, lines)| format!("{code}  (docs/diagnostics.md line {lines:?})"))
        .collect();
    let duplicate: Vec<String> = documented
        .iter()
        .filter(|(_, lines)| lines.len() > 1)
        .map(|(code, lines)| format!("{code}  (docs/diagnostics.md lines {lines:?})"))
        .collect();
    let malformed: Vec<String> = rows
        .iter()
        .filter(|r| {
            r.cells.len() != 5
                || r.cells.iter().any(String::is_empty)
                || !(r.cells[1].starts_with("错误") || r.cells[1].starts_with("警告"))
        })
        .map(|r| {
            format!(
                "{} (line {}): {} cells, severity {:?}",
                r.code,
                r.line,
                r.cells.len(),
                r.cells.get(1)
            )
        })
        .collect();

    let mut problems = String::new();
    if !missing.is_empty() {
        problems += &format!(
            "\ncodes emitted in src/ without a row in docs/diagnostics.md:{}",
            list(missing)
        );
    }
    if !extra.is_empty() {
        problems += &format!(
            "\nrows in docs/diagnostics.md for codes src/ does not emit:{}",
            list(extra)
        );
    }
    if !duplicate.is_empty() {
        problems += &format!(
            "\ncodes with more than one row in docs/diagnostics.md:{}",
            list(duplicate)
        );
    }
    if !malformed.is_empty() {
        problems += &format!(
            "\nrows without five filled cells (code | 错误/警告 | meaning | example | fix):{}",
            list(malformed)
        );
    }
    assert!(
        problems.is_empty(),
        "docs/diagnostics.md and src/ disagree ({} codes in src/, {} rows):{problems}",
        source.len(),
        rows.len()
    );
}

#[test]
fn the_scanner_keeps_emitting_forms_and_skips_comments_and_tests() {
    let src = r###"
//! Codes: `FM001` in a doc comment, "FM002" in a comment.
/* "FM003" in a block /* nested "FM004" */ comment */
fn emit<'a>(x: &'a str) -> char {
    let _ = Diagnostic::error("FM005", x, "message");
    let _ = r.code("FM006", "CFG006");
    let _ = r#"PATH007"#;
    let _ = anyhow!("[OUT008] 输出目录 {} 不是空的");
    let _ = "错误[GZ009] content/a.md:1:1";
    let _ = "TPL010 themes/x.html:4";
    let _ = "FM0111";
    let _ = "Fm012";
    let _ = "\"FM013\"";
    '"'
}
#[cfg(test)]
mod tests {
    fn t() { assert_eq!(d.code, "FM014"); let s = "}"; }
}
#[cfg(test)]
const CODE: &str = "FM015";
#[cfg(test)]
mod more_tests;
fn after() -> &'static str { "XR016" }
"###;
    let scan = scan_rust(src);
    let codes: Vec<&str> = scan.codes.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        ["FM005", "FM006", "CFG006", "PATH007", "OUT008", "XR016"]
    );
    assert_eq!(scan.codes[0].1, 5, "line of FM005");
    assert_eq!(scan.test_modules, ["more_tests"]);
    assert!(scan_rust("#![cfg(test)]\nconst A: &str = \"FM001\";")
        .codes
        .is_empty());
}
