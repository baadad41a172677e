//! One watch rebuild, measured without the file watcher and its quiet
//! period: builds a site once with a watch `Session`, then EDITS times
//! appends a unique sentence to a different document and runs the rebuild
//! that `gongkai watch` would run for that save. Prints each rebuild's wall
//! time and the median, and checks the edited page holds the sentence.
//!
//! `cargo run --release --example watch_rebuild -- SITE OUTPUT [EDITS] [AS_OF] [title]`
//! With `title`, each edit appends the sentence to the document's title
//! (front matter) instead of its body.
//! SITE is edited in place: give it a scratch copy (e.g. the one
//! `benches/watch_latency.py` makes under /dev/shm/gongkai-watch).
//! With `perf stat -e instructions:u` around it, the figure barely moves
//! with the machine's load.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use gongkai::watch::{Scope, Session};
use gongkai::{BuildContext, Options};
use std::path::PathBuf;
use std::time::Instant;

/// CPU time of all this process's threads so far, in ms (Linux: the
/// scheduler's nanosecond counts; 0 elsewhere).
fn cpu_ms() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    let ns: u64 = tasks
        .filter_map(Result::ok)
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    ns as f64 / 1e6
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().expect("SITE"));
    let output = PathBuf::from(args.get(1).expect("OUTPUT"));
    let edits: usize = args.get(2).map_or(10, |s| s.parse().expect("EDITS"));
    let as_of = args.get(3).map_or("2024-06-30", String::as_str);
    let in_title = args.get(4).is_some_and(|a| a == "title");
    let opts = Options {
        root: root.clone(),
        output: output.clone(),
        ctx: BuildContext {
            as_of: as_of.parse().expect("AS_OF: YYYY-MM-DD"),
            drafts: false,
            future: false,
        },
        progress: None,
        write: Default::default(),
    };
    let mut session = Session::new(opts);
    let start = Instant::now();
    let first = session.rebuild(Scope::Everything, &[]);
    let documents = match first {
        Ok(r) => r.documents,
        Err(e) => panic!("first build failed: {e:?}"),
    };
    println!(
        "first build: {documents} documents, {} ms",
        start.elapsed().as_millis()
    );
    let catalog: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("catalog.json")).unwrap()).unwrap();
    let docs = catalog.as_array().expect("catalog.json is a list");
    let step = (docs.len() / edits.max(1)).max(1);
    let (mut times, mut cpus) = (Vec::new(), Vec::new());
    for (i, d) in docs.iter().step_by(step).take(edits).enumerate() {
        let id = d["id"].as_str().unwrap();
        let url = d["url"].as_str().unwrap();
        let rel = format!("content/{id}.md");
        let path = root.join(&rel);
        let marker = format!("基准标记{i}号{}", std::process::id());
        let mut text = std::fs::read_to_string(&path).unwrap();
        if in_title {
            let line = text.lines().find(|l| l.starts_with("title:")).unwrap();
            let titled = match line.strip_suffix('"') {
                Some(open) => format!("{open}{marker}\""),
                None => format!("{line}{marker}"),
            };
            text = text.replacen(line, &titled, 1);
        } else {
            text.push_str(&format!("\n\n{marker}\n"));
        }
        std::fs::write(&path, text).unwrap();
        let (start, cpu) = (Instant::now(), cpu_ms());
        let rebuilt = session.rebuild(Scope::Content, std::slice::from_ref(&rel));
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let cpu = cpu_ms() - cpu;
        let rebuilt = match rebuilt {
            Ok(r) => r,
            Err(gongkai::BuildError::Content(d)) => {
                let first = d.iter().find(|d| d.is_error());
                panic!("rebuild failed: {first:?}")
            }
            Err(e) => panic!("rebuild failed: {e:?}"),
        };
        let page_rel = url.split("://").nth(1).unwrap().split_once('/').unwrap().1;
        let page = std::fs::read_to_string(output.join(page_rel).join("index.html")).unwrap();
        assert!(page.contains(&marker), "{page_rel} lacks the edit");
        println!(
            "{rel}: {ms:.1} ms (CPU {cpu:.1} ms), {} written, {} parsed",
            rebuilt.write.written.len(),
            rebuilt.parsed
        );
        times.push(ms);
        cpus.push(cpu);
    }
    if times.is_empty() {
        return;
    }
    println!(
        "wall: median {:.1} ms, min {:.1}, max {:.1}; CPU: median {:.1} ms ({} edits)",
        median(&mut times),
        times[0],
        times[times.len() - 1],
        median(&mut cpus),
        times.len()
    );
}

/// The median (the mean of the middle two for an even count); sorts `v`.
fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}
