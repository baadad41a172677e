//! Generates a realistic, deterministic government disclosure site of any
//! size, for the tests and the benchmarks (`benches/`).
//!
//! ```text
//! cargo run --release --example gen_corpus -- --docs 10000 --out DIR \
//!     [--seed 42] [--format gongkai|hugo|zola] [--as-of 2024-06-30] \
//!     [--canaries N] [--messy-numbers 0.05]
//! ```
//!
//! DIR is a site folder (created; it must be empty or absent):
//! - `gongkai` (default): `site.yaml` (30 offices with their codes, the
//!   taxonomy, the gazette, the e-mail domain), `content/docs/doc-NNNNNN.md`
//!   with the whole front-matter contract, attachments beside them (CSV and
//!   one-page PDFs), `content/gazette/YYYY/NN.md` + `NN.pdf` for every issue
//!   cited. Documents: 规章 (令 numbers), 规范性文件 and 其他文件 with 文号
//!   (〔〕 in the front matter; all bracket forms in citations and in
//!   `interprets`), 索引号 per office and year, validity with `effective`,
//!   `expires` and declared states (废止 · 失效 · 已修改 · 部分失效, some
//!   dated after the as-of date) with `basis` (清理决定) and `replaced_by`
//!   (the new rule), 政策解读 of the document before them, annual reports,
//!   4% in traditional characters, and `--canaries` documents that must never
//!   be published (不予公开, 依申请公开, drafts), each carrying the marker
//!   `GKCANARY7Q2X` in its title, text and attachment.
//! - `hugo`, `zola`: the same published documents (no canaries, attachments
//!   or gazette files) with the keys `benches/hugo` and `benches/zola` use,
//!   plus `content/docs/_index.md`.
//!
//! Every format also writes `corpus-manifest.tsv`: one line per document
//! with what the generator meant (class, dates, declared state, the state at
//! the as-of date, gazette issue, relations), for tests to check against.
//!
//! `--docs` counts published documents; canaries come on top (default
//! 3 + docs/500). `--messy-numbers S` writes a share S of the 文号 fields in
//! other brackets, which `gongkai check` normalises with warning FM023.
//! Same options, same bytes; the seed changes everything but the shape.
#![allow(clippy::print_stderr)]

mod corpus;

use clap::Parser;
use corpus::date::Day;
use corpus::{Config, Format};
use std::path::PathBuf;
use std::time::Instant;

/// Generates a government disclosure site corpus.
#[derive(Parser)]
struct Args {
    /// Published documents.
    #[arg(long, default_value_t = 1000)]
    docs: usize,
    /// Seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// gongkai, hugo or zola.
    #[arg(long, default_value = "gongkai")]
    format: String,
    /// The site folder to create.
    #[arg(long)]
    out: PathBuf,
    /// The date the corpus is written at.
    #[arg(long, default_value = "2024-06-30")]
    as_of: String,
    /// Non-public and draft documents on top of --docs (default 3 + docs/500).
    #[arg(long)]
    canaries: Option<usize>,
    /// Share of 文号 fields written with other brackets than 〔〕 (FM023 warnings).
    #[arg(long, default_value_t = 0.0)]
    messy_numbers: f64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let format = Format::parse(&args.format)
        .ok_or_else(|| anyhow::anyhow!("--format: gongkai, hugo or zola, not {:?}", args.format))?;
    let as_of = Day::parse(&args.as_of)
        .ok_or_else(|| anyhow::anyhow!("--as-of: YYYY-MM-DD, not {:?}", args.as_of))?;
    if !(0.0..=1.0).contains(&args.messy_numbers) {
        anyhow::bail!("--messy-numbers: a share between 0 and 1");
    }
    let config = Config {
        docs: args.docs,
        canaries: args
            .canaries
            .unwrap_or_else(|| corpus::default_canaries(args.docs)),
        seed: args.seed,
        format,
        as_of,
        messy_numbers: args.messy_numbers,
    };
    let started = Instant::now();
    let s = corpus::generate(&config, &args.out)?;
    eprintln!(
        "wrote {} documents ({} published, {} canaries; {:?}) to {} in {:.2} s: {:.1} MB, \
         {} gazette references in {} issues, {} attachments, {} traditional, states {:?}",
        s.files,
        s.published,
        s.canaries,
        format,
        args.out.display(),
        started.elapsed().as_secs_f64(),
        s.bytes as f64 / 1e6,
        s.gazette_refs,
        s.issues,
        s.attachments,
        s.traditional,
        s.by_state
    );
    Ok(())
}
