//! The search stage alone, measured: loads and checks a site, then runs
//! `search::search_files` and prints its CPU time, the extra peak memory it
//! needed, the file count, total bytes and a SHA-256 of every (path, bytes)
//! (so two versions of the code can be compared byte for byte).
//!
//! `cargo run --release --example search_build -- SITE [AS_OF] [--write DIR]`
//! (Linux: reads /proc/self for CPU time and peak RSS; resets the peak with
//! clear_refs). With `--write DIR` it runs `write_search_files` instead,
//! writing each file under DIR as it comes (nothing held), so that
//! `benches/search_query.mjs DIR` can measure queries without a site build.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use gongkai::config::url_map::Urls;
use gongkai::BuildContext;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::time::Instant;

/// user + system CPU seconds of this process so far.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // fields[0] is state (field 3); utime is field 14, stime 15.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// (current RSS, peak RSS) in MB.
fn rss_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).expect("usage: search_build SITE [AS_OF]"));
    let write_to = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let as_of = args
        .get(2)
        .filter(|a| !a.starts_with("--"))
        .map_or("2024-06-30", String::as_str);
    let ctx = BuildContext {
        as_of: as_of.parse().expect("as-of date"),
        drafts: false,
        future: false,
    };
    let t0 = Instant::now();
    let mut checked = gongkai::check_site(&root, &ctx, &None)
        .unwrap_or_else(|_| panic!("{} does not check", root.display()));
    println!(
        "check: {} documents in {:.2} s",
        checked.index.docs.len(),
        t0.elapsed().as_secs_f64()
    );
    let urls = Urls::new(&checked.config);
    // Reset the peak-RSS counter, so the peak below is the search stage's.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let (rss0, _) = rss_mb();
    let (cpu0, t1) = (cpu_seconds(), Instant::now());
    let mut hash = Sha256::new();
    let mut bytes = 0usize;
    // `data` is the file or (streaming) its SHA-256; `len` the file's length.
    let mut add = |path: &str, data: &[u8], len: usize| {
        hash.update((path.len() as u64).to_le_bytes());
        hash.update(path.as_bytes());
        hash.update((len as u64).to_le_bytes());
        hash.update(data);
        bytes += len;
    };
    let mut count = 0;
    let what = if let Some(dir) = &write_to {
        // Streaming: written as made, from every core (nothing held; the
        // digest is of each file's path, length and SHA-256, in path order).
        let made = std::sync::Mutex::new(std::collections::BTreeMap::new());
        gongkai::search::write_search_files(
            &checked.index,
            &checked.config,
            &urls,
            &|path, data| {
                let out = dir.join(&path);
                std::fs::create_dir_all(out.parent().unwrap())?;
                std::fs::write(&out, &data)?;
                let digest = Sha256::digest(&data);
                made.lock().unwrap().insert(path, (data.len(), digest));
                Ok(())
            },
        )
        .unwrap();
        for (path, (len, digest)) in made.into_inner().unwrap() {
            add(&path, &digest, len);
            count += 1;
        }
        "write_search_files"
    } else {
        let files = gongkai::search::search_files(&checked.index, &checked.config, &urls).unwrap();
        for (path, data) in &files {
            add(path, data, data.len());
        }
        count = files.len();
        "search_files"
    };
    let (wall, cpu) = (t1.elapsed().as_secs_f64(), cpu_seconds() - cpu0);
    let (_, peak) = rss_mb();
    let digest: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    println!(
        "{what}: {wall:.3} s wall, {cpu:.2} s CPU, extra peak {:.0} MB (RSS before {rss0:.0} MB), {count} files, {bytes} bytes, sha256 {digest}",
        peak - rss0,
    );

    // Incremental: build a SearchState, then edit one document's body ten
    // times (same date, so the numbering holds) and time each update.
    let t2 = Instant::now();
    let mut state =
        gongkai::search::SearchState::build(&checked.index, &checked.config, &urls, &|_, _| Ok(()))
            .unwrap();
    println!(
        "SearchState::build: {:.3} s wall",
        t2.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    let n = checked.index.docs.len();
    for k in 0..10 {
        let i = (n / 2 + k * 7) % n.max(1);
        let doc = std::sync::Arc::make_mut(&mut checked.index.docs[i]);
        let body = doc.body.read().unwrap();
        let text = format!("{}\n补充说明第{k}条：鹭鸶湾 zebra{k} 条款。", body.text());
        let html = body.html().to_string();
        drop(body);
        doc.body = gongkai::model::Body::held(html, text);
        let t = Instant::now();
        let delta = state
            .update(&checked.index, &checked.config, &urls)
            .unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        println!(
            "edit {k}: {:.1} ms, {} files written ({} shard packs), full {}",
            times[k],
            delta.written.len(),
            delta
                .written
                .iter()
                .filter(|(p, _)| p.starts_with("search/s/"))
                .count(),
            delta.full
        );
    }
    times.sort_by(f64::total_cmp);
    println!("update median {:.1} ms", times[times.len() / 2]);
}
