//! The house plan, held against the code: `src/` is a stack of layers (the
//! order of `lib.rs`), and a file may use only its own layer and those below
//! it, and no two files import each other round any loop (within a layer
//! too). Also: only `yaml/` names serde_yaml, and nothing below `main.rs` reads
//! the clock or prints. A plain scan of the source text (`crate::` paths and
//! the names `lib.rs` re-exports), so it costs nothing to run in CI.
//!
//! Test code (everything from a file's `#[cfg(test)]` on) is not held to
//! the plan: a unit test may set up what it needs from anywhere.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bottom to top. Modules on one line are peers and may use each other.
const LAYERS: &[&[&str]] = &[
    &["util"],
    &["field_names"],
    &["diagnostics"],
    &["yaml"],
    &["config"],
    &["markdown"],
    &["model"],
    &["load"],
    &["output"],
    &["parse"],
    &["index"],
    &["search"],
    &["render"],
    &["state"],
    &["scaffold", "scaffold_report"],
    &["pipeline"],
    &["watch"],
];

/// Calls that read the clock; `main.rs` decides the as-of date and times runs.
const CLOCK: &[&str] = &[
    "SystemTime::now",
    "Zoned::now",
    "Timestamp::now",
    "Local::now",
    "Utc::now",
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|line| line.contains(&module))
}

/// The top-level module a `src/` file belongs to (`None` for lib.rs, and
/// for the binary: main.rs and its own modules under `cli/`, which are not
/// part of the library and sit above every layer of it).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    match first.strip_suffix(".rs") {
        Some("lib") | Some("main") => None,
        None if first == "cli" => None,
        Some(stem) => Some(stem.to_string()),
        None => Some(first),
    }
}

/// `pub use module::{a, b}` in lib.rs: a re-exported name → its module.
fn reexports(lib_rs: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let flat = lib_rs.replace('\n', " ");
    for stmt in flat.split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        for name in names
            .trim_matches(|c| c == '{' || c == '}' || c == ' ')
            .split(',')
        {
            let name = name.trim();
            if !name.is_empty() {
                out.insert(name.to_string(), module.trim().to_string());
            }
        }
    }
    out
}

/// The non-test part of a file.
fn production_part(text: &str) -> &str {
    match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// Each line's comments dropped (a doc comment may name any module).
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file names through `crate::` (also inside `use crate::{…}`).
fn crate_paths(code: &str, reexported: &BTreeMap<String, String>) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end].split(',').map(str::trim).collect()
            } else {
                vec![rest]
            };
            for name in names {
                let first: String = name
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if first.is_empty() {
                    continue;
                }
                let module = reexported.get(&first).cloned().unwrap_or(first);
                out.push((n + 1, module));
            }
        }
    }
    out
}

/// Every breach of the plan in one file (`rel` is relative to `src/`).
fn breaches(rel: &Path, text: &str, reexported: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let shown = format!("src/{}", rel.display());
    let code = without_comments(production_part(text));
    let Some(module) = module_of(rel) else {
        return out;
    };
    let Some(own) = layer_of(&module) else {
        out.push(format!(
            "{shown}: module `{module}` is not in the LAYERS table of tests/it/codebase/layering.rs"
        ));
        return out;
    };
    for (line, used) in crate_paths(&code, reexported) {
        match layer_of(&used) {
            Some(layer) if layer > own => out.push(format!(
                "{shown}:{line}: `{module}` (layer {own}) uses `{used}` (layer {layer}), a layer above it"
            )),
            Some(_) => {}
            None => out.push(format!("{shown}:{line}: uses `crate::{used}`, which is not in the LAYERS table")),
        }
    }
    if module != "yaml" && code.contains("serde_yaml") {
        out.push(format!(
            "{shown}: names serde_yaml; only yaml/ may (use crate::yaml::{{Mapping, Value}})"
        ));
    }
    for clock in CLOCK {
        if code.contains(clock) {
            out.push(format!(
                "{shown}: reads the clock ({clock}); only main.rs may"
            ));
        }
    }
    for print in ["println!", "eprintln!", "print!(", "eprint!("] {
        if code.contains(print) {
            out.push(format!("{shown}: prints ({print}); only main.rs may (return it, or use the Progress callback)"));
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("src/ entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_file_uses_only_its_own_layer_and_those_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let reexported = reexports(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut all = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        all.extend(breaches(
            file.strip_prefix(&src).unwrap(),
            &text,
            &reexported,
        ));
    }
    assert!(
        files.len() > 50,
        "found only {} files under src/",
        files.len()
    );
    assert!(
        all.is_empty(),
        "the house plan is broken:\n{}",
        all.join("\n")
    );
}

#[test]
fn lib_rs_declares_the_modules_in_layer_order() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    let table: Vec<&str> = LAYERS
        .iter()
        .flat_map(|line| line.iter().copied())
        .collect();
    assert_eq!(declared, table, "lib.rs and the LAYERS table disagree");
}

#[test]
fn the_check_catches_an_upward_import_a_group_a_reexport_and_serde_yaml() {
    let reexported =
        reexports("pub use diagnostics::BuildError;\npub use pipeline::{build, Options};\n");
    let upward = breaches(
        Path::new("parse/document.rs"),
        "use crate::render::view::DocItem;\nuse crate::{util, Options};\nuse serde_yaml::Value;\n",
        &reexported,
    );
    assert_eq!(upward.len(), 3, "{upward:#?}");
    assert!(upward[0].contains("src/parse/document.rs:1: `parse` (layer 9) uses `render`"));
    assert!(upward[1].contains(":2: `parse` (layer 9) uses `pipeline`"));
    assert!(upward[2].contains("serde_yaml"));
    // Downward, peer, comments and test code are all fine.
    let fine = breaches(
        Path::new("render/lists.rs"),
        "use crate::index::SiteIndex; // crate::watch in a comment\nuse super::Shared;\n#[cfg(test)]\nmod tests { use crate::pipeline::build; }\n",
        &reexported,
    );
    assert!(fine.is_empty(), "{fine:#?}");
    let clock = breaches(
        Path::new("index/mod.rs"),
        "let t = std::time::SystemTime::now();\n",
        &reexported,
    );
    assert_eq!(clock.len(), 1, "{clock:#?}");
}

/// A file's module path below `src/`: `render/reports.rs` → [render,
/// reports], `render/mod.rs` → [render].
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The paths a file names through `crate::` and `super::`, as module
/// paths below `src/` (each element of a `{…}` group on its own).
fn named_paths(
    own: &[String],
    code: &str,
    reexported: &BTreeMap<String, String>,
) -> Vec<Vec<String>> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    // `a::b::{c, d::e}` → [[a, b, c], [a, b, d, e]]
    let segments = |rest: &str| -> Vec<Vec<String>> {
        let mut prefix = Vec::new();
        let mut rest = rest;
        loop {
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                return group[..end]
                    .split(',')
                    .map(|item| {
                        let mut p = prefix.clone();
                        p.extend(item.trim().split("::").map(ident).filter(|s| !s.is_empty()));
                        p
                    })
                    .collect();
            }
            let name = ident(rest);
            if name.is_empty() {
                return vec![prefix];
            }
            rest = &rest[name.len()..];
            prefix.push(name);
            match rest.strip_prefix("::") {
                Some(more) => rest = more,
                None => return vec![prefix],
            }
        }
    };
    let mut out = Vec::new();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut base: Vec<String> = if start == "crate::" {
                Vec::new()
            } else {
                own[..own.len().saturating_sub(1)].to_vec()
            };
            let mut rest = &code[from..];
            while let Some(more) = rest.strip_prefix("super::") {
                base.pop();
                rest = more;
            }
            for mut path in segments(rest) {
                if start == "crate::" && path.len() == 1 {
                    if let Some(module) = reexported.get(&path[0]) {
                        path = vec![module.clone()];
                    }
                }
                let mut full = base.clone();
                full.extend(path);
                out.push(full);
            }
        }
    }
    out
}

/// Every import cycle between the files of `src/` (`files`: path below
/// `src/` and text), one line per cycle. A folder's `mod.rs` and the files
/// inside it are one module and may use each other; every other pair of
/// files may not use each other, directly or round a longer loop.
fn file_cycles(files: &[(String, String)], reexported: &BTreeMap<String, String>) -> Vec<String> {
    let by_module: BTreeMap<Vec<String>, usize> = files
        .iter()
        .enumerate()
        .map(|(i, (rel, _))| (module_path(rel), i))
        .collect();
    let file_of = |path: &[String]| -> Option<usize> {
        (1..=path.len())
            .rev()
            .find_map(|k| by_module.get(&path[..k]).copied())
    };
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); files.len()];
    for (i, (rel, text)) in files.iter().enumerate() {
        if rel == "lib.rs" || rel == "main.rs" {
            continue;
        }
        let own = module_path(rel);
        let code = without_comments(production_part(text));
        for path in named_paths(&own, &code, reexported) {
            let Some(j) = file_of(&path) else { continue };
            let target = module_path(&files[j].0);
            let related = own.starts_with(&target) || target.starts_with(&own);
            if j != i && !related && !edges[i].contains(&j) {
                edges[i].push(j);
            }
        }
    }
    // Depth-first search; a back edge closes a cycle.
    fn visit(
        n: usize,
        edges: &[Vec<usize>],
        state: &mut [u8],
        stack: &mut Vec<usize>,
        found: &mut Vec<Vec<usize>>,
    ) {
        state[n] = 1;
        stack.push(n);
        for &m in &edges[n] {
            match state[m] {
                0 => visit(m, edges, state, stack, found),
                1 => {
                    let from = stack.iter().position(|&x| x == m).unwrap();
                    found.push(stack[from..].to_vec());
                }
                _ => {}
            }
        }
        stack.pop();
        state[n] = 2;
    }
    let mut state = vec![0u8; files.len()];
    let mut found = Vec::new();
    for n in 0..files.len() {
        if state[n] == 0 {
            visit(n, &edges, &mut state, &mut Vec::new(), &mut found);
        }
    }
    found
        .iter()
        .map(|cycle| {
            let mut names: Vec<String> = cycle
                .iter()
                .map(|&k| format!("src/{}", files[k].0))
                .collect();
            names.push(names[0].clone());
            names.join(" → ")
        })
        .collect()
}

#[test]
fn no_two_files_import_each_other_round_any_loop() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let reexported = reexports(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    paths.sort();
    let files: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    let cycles = file_cycles(&files, &reexported);
    assert!(
        cycles.is_empty(),
        "import cycles between files:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_cycle_check_finds_a_loop_through_siblings_and_crate_paths() {
    let none = BTreeMap::new();
    let files = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    // reports ↔ compare through `super::`, and a three-file loop through `crate::`
    let found = file_cycles(
        &files(&[
            ("render/mod.rs", "mod reports;\nuse reports::jobs;\n"),
            (
                "render/reports.rs",
                "use super::{compare::total, Shared};\n",
            ),
            ("render/compare.rs", "use super::reports::by_body;\n"),
            ("yaml/a.rs", "use crate::yaml::b::X;\n"),
            ("yaml/b.rs", "fn f() { crate::util::c(); }\n"),
            ("util/mod.rs", "pub fn c() { crate::yaml::a::g(); }\n"),
        ]),
        &none,
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found
        .iter()
        .any(|c| c.contains("src/render/reports.rs → src/render/compare.rs")));
    assert!(found
        .iter()
        .any(|c| c.contains("src/yaml/a.rs → src/yaml/b.rs → src/util/mod.rs")));
    // A folder's mod.rs and its files, comments and test code are no loop.
    let fine = file_cycles(
        &files(&[
            ("render/mod.rs", "mod view;\nuse view::X;\n"),
            ("render/view.rs", "use super::Shared; // super::lists::y\n"),
            (
                "render/lists.rs",
                "use super::view::X;\n#[cfg(test)]\nmod t { use super::super::lists; }\n",
            ),
        ]),
        &none,
    );
    assert!(fine.is_empty(), "{fine:#?}");
}
