#!/usr/bin/env python3
"""Save-to-page latency of `gongkai watch` (and, with --hugo, `hugo server`).

For each corpus size: generate it with the project's generator (benches/corpus.sh,
cached under $BENCH_DIR, default /tmp/gongkai-bench), copy it and start the watcher with
the copy and its output under --out (default $OUT_ROOT or /dev/shm/gongkai-watch: tmpfs;
give a folder on the disk, e.g. --out /tmp/gongkai-watch, for the issue-20 figure, which
is on ext4), then EDITS times: append a unique sentence to one document, and time from
just before the write until the document's page on disk contains it (polled every
0.5 ms). Prints the median and the spread, the filesystem, and PASS/FAIL for the issue-20
targets (median < 100 ms at 10k, < 250 ms at 100k; "not run" for a size left out).

Usage: benches/watch_latency.py [--edits 10] [--out DIR] [--hugo] N [N ...]
Env: BIN (a gongkai binary; default target/release/gongkai, built first)
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/gongkai-bench"))
OUT = Path(os.environ.get("OUT_ROOT", "/dev/shm/gongkai-watch"))
# Median save-to-page latency (ms) that issue 20 asks for, by corpus size.
TARGETS_MS = {10000: 100, 100000: 250}


def corpus(n, fmt="gongkai"):
    """The generated site folder (benches/corpus.sh caches it)."""
    site = WORK / f"{fmt}-{n}"
    subprocess.run([REPO / "benches/corpus.sh", fmt, str(n), site], check=True,
                   stderr=subprocess.DEVNULL)
    return site


def wait_line(proc, needle, timeout=600):
    """Reads the process's stdout until a line contains needle."""
    found = threading.Event()

    def read():
        for line in proc.stdout:
            if needle in line:
                found.set()
                return

    t = threading.Thread(target=read, daemon=True)
    t.start()
    if not found.wait(timeout):
        raise SystemExit(f"timed out waiting for {needle!r}")


def drain(proc):
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()


def time_edits(files_and_pages, edits):
    """Appends a marker to each source and waits for it in its page."""
    latencies = []
    for i, (src, page) in enumerate(files_and_pages[:edits]):
        marker = f"基准标记{time.time_ns()}号{i}"
        text = src.read_text(encoding="utf-8")
        start = time.perf_counter()
        src.write_text(text + f"\n\n{marker}\n", encoding="utf-8")
        deadline = start + 120
        while True:
            try:
                if marker in page.read_text(encoding="utf-8"):
                    break
            except (FileNotFoundError, UnicodeDecodeError):
                pass
            if time.perf_counter() > deadline:
                raise SystemExit(f"page {page} never showed the edit")
            time.sleep(0.0005)
        latencies.append((time.perf_counter() - start) * 1000)
        time.sleep(0.3)  # let the watcher go idle before the next save
    return latencies


def report(tool, n, lat):
    print(f"{tool:8} {n:>7} docs: median {statistics.median(lat):7.1f} ms  "
          f"min {min(lat):7.1f}  max {max(lat):7.1f}  ({len(lat)} edits)", flush=True)


def scratch_copy(site, name):
    """The edits go to a copy, so the cached corpus stays as generated."""
    copy = OUT / name
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy)
    return copy


def bench_gongkai(n, edits, binary):
    site = scratch_copy(corpus(n), f"gongkai-src-{n}")
    out = OUT / f"gongkai-{n}"
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.Popen([binary, "--root", site, "--as-of", "2024-06-30", "watch",
                             "--output", out], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        wait_line(proc, "正在监视")
        drain(proc)
        docs = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
        step = max(1, len(docs) // edits)
        pairs = []
        for d in docs[::step][:edits]:
            rel = d["url"].split("://", 1)[1].split("/", 1)[1]
            pairs.append((site / "content" / (d["id"] + ".md"), out / rel / "index.html"))
        lat = time_edits(pairs, edits)
        report("gongkai", n, lat)
        return statistics.median(lat)
    finally:
        proc.terminate()
        proc.wait()


def bench_hugo(n, edits):
    if not shutil.which("hugo"):
        print("hugo not installed: skipped")
        return
    site = scratch_copy(corpus(n, "hugo"), f"hugo-src-{n}")
    # the same documents, with a minimal layout of the same page types
    shutil.copytree(REPO / "benches/hugo", site, dirs_exist_ok=True)
    out = OUT / f"hugo-{n}"
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.Popen(["hugo", "server", "--source", site, "--renderToDisk",
                             "--destination", out, "--port", "1414", "--disableLiveReload"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_line(proc, "Web Server is available")
        drain(proc)
        srcs = sorted((site / "content/docs").rglob("*.md"))
        srcs = [s for s in srcs if not s.name.startswith("_index")]
        step = max(1, len(srcs) // edits)
        pairs = []
        for s in srcs[::step][:edits]:
            rel = s.relative_to(site / "content").with_suffix("")  # docs/doc-000001
            pairs.append((s, out / str(rel).lower() / "index.html"))
        report("hugo", n, time_edits(pairs, edits))
    finally:
        proc.terminate()
        proc.wait()


def filesystem(path):
    """The filesystem type of path (ext4 reads as ext2/ext3 to stat -f)."""
    out = subprocess.run(["stat", "-f", "-c", "%T", path], capture_output=True, text=True)
    return out.stdout.strip() or "?"


def verdicts(medians, fs):
    print(f"== targets (issue 20; output on {OUT}, {fs})")
    for n, limit in TARGETS_MS.items():
        label = f"{n // 1000}k: watch, save to page on disk < {limit} ms (median)"
        if n not in medians:
            print(f"{label:58} {'–':>8}  not run")
        else:
            verdict = "PASS" if medians[n] < limit else "FAIL"
            print(f"{label:58} {medians[n]:8.1f}  {verdict}")


def main():
    global OUT
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    p.add_argument("--edits", type=int, default=10)
    p.add_argument("--out", type=Path, default=OUT,
                   help="folder for the site copies and outputs (its filesystem is measured)")
    p.add_argument("--hugo", action="store_true", help="also time `hugo server`")
    args = p.parse_args()
    OUT = args.out
    OUT.mkdir(parents=True, exist_ok=True)
    if os.environ.get("BIN"):
        binary = Path(os.environ["BIN"])
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        binary = REPO / "target/release/gongkai"
    fs = filesystem(OUT)
    print(f"output under {OUT} ({fs}); load average {os.getloadavg()[0]:.2f}", flush=True)
    medians = {}
    for n in args.sizes:
        medians[n] = bench_gongkai(n, args.edits, binary)
        if args.hugo:
            bench_hugo(n, args.edits)
    print(f"load average {os.getloadavg()[0]:.2f} after")
    verdicts(medians, fs)


if __name__ == "__main__":
    main()
