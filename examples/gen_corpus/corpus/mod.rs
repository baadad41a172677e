//! The corpus generator's core, shared by `examples/gen_corpus/main.rs` and
//! the integration tests (`tests/it/main.rs` includes it with
//! `#[path = "../../examples/gen_corpus/corpus/mod.rs"]`).
//!
//! A corpus is `docs` published documents of the fictional 澄川市 plus
//! `canaries` that must never be published, in slots ordered by date. The
//! plan (`plan.rs`) knows every slot's date and kind without generating it;
//! the generator (`doc.rs`) writes slot after slot, keeping only counters,
//! the last few documents and the declarations still owed to later slots,
//! so memory does not grow with the text (a few MB at a million documents).
#![allow(dead_code, unreachable_pub, missing_docs)]

pub mod date;
pub mod doc;
pub mod plan;
pub mod rng;
pub mod text;
pub mod words;
pub mod write;

use date::Day;
use doc::{Doc, Generator};
use plan::{Kind, Plan};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write as _};
use std::path::Path;

#[allow(unused_imports)]
pub use doc::CANARY_MARKER;

/// The manifest's file name, in the site folder.
pub const MANIFEST: &str = "corpus-manifest.tsv";

/// Which site layout to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The gongkai front-matter contract, site.yaml, gazette issues, attachments, canaries.
    Gongkai,
    /// Hugo (benches/hugo): the same published documents, Hugo's keys.
    Hugo,
    /// Zola (benches/zola): the same published documents, TOML front matter.
    Zola,
}

impl Format {
    /// From its name on the command line.
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "gongkai" | "yaml" => Some(Format::Gongkai),
            "hugo" => Some(Format::Hugo),
            "zola" => Some(Format::Zola),
            _ => None,
        }
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    /// Published documents.
    pub docs: usize,
    /// Canaries (non-public and draft documents) on top of them.
    pub canaries: usize,
    /// The seed: same seed and options, same bytes.
    pub seed: u64,
    /// Layout.
    pub format: Format,
    /// The date the corpus is written at: nothing is published later, and
    /// declared states are those an office would have declared by then.
    pub as_of: Day,
    /// Share (0–1) of 文号 written with [] ［］ ﹝﹞ （） instead of 〔〕 in the
    /// front matter (gongkai warns FM023 for each); 0 by default.
    pub messy_numbers: f64,
}

impl Config {
    /// `docs` documents with the default canaries, seed 42, as of 2024-06-30.
    pub fn new(docs: usize) -> Config {
        Config {
            docs,
            canaries: default_canaries(docs),
            seed: 42,
            format: Format::Gongkai,
            as_of: Day::from_ymd(2024, 6, 30),
            messy_numbers: 0.0,
        }
    }
}

/// One canary per 500 documents, at least three (one of each kind).
pub fn default_canaries(docs: usize) -> usize {
    3 + docs / 500
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Documents written (published + canaries in the gongkai format).
    pub files: usize,
    /// Published documents.
    pub published: usize,
    /// Canaries written.
    pub canaries: usize,
    /// Bytes of Markdown.
    pub bytes: u64,
    /// Published documents by validity state at the as-of date.
    pub by_state: BTreeMap<&'static str, usize>,
    /// Published documents by kind (Normal, Interpretation, Decision, AnnualReport).
    pub by_kind: BTreeMap<&'static str, usize>,
    /// Published documents carrying a gazette reference.
    pub gazette_refs: usize,
    /// Gazette issue files written.
    pub issues: usize,
    /// Attachment files written.
    pub attachments: usize,
    /// Published documents in traditional characters.
    pub traditional: usize,
    /// Published documents past `expires` with no declared state (VA001).
    pub expired_undeclared: usize,
    /// Most declarations held for later slots at once.
    pub max_pending: usize,
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Canary(_) => "canary",
        Kind::Normal => "ordinary",
        Kind::Interpretation => "interpretation",
        Kind::Decision => "decision",
        Kind::AnnualReport => "annual_report",
    }
}

/// Writes the corpus into the site folder `out` (created; must be empty or
/// absent, so nothing is ever overwritten): `content/docs/*.md`, and for
/// gongkai also site.yaml, attachments and `content/gazette/`; for the peers
/// `content/docs/_index.md`. `corpus-manifest.tsv` lists every document.
pub fn generate(config: &Config, out: &Path) -> anyhow::Result<Summary> {
    if out.exists() && fs::read_dir(out)?.next().is_some() {
        anyhow::bail!(
            "{} is not empty: the generator writes only into a new or empty folder",
            out.display()
        );
    }
    let docs_dir = out.join("content/docs");
    fs::create_dir_all(&docs_dir)?;
    let gongkai = config.format == Format::Gongkai;
    let canaries = if gongkai { config.canaries } else { 0 };
    // The peers get the same slots (same documents, same numbers) without the canaries.
    let plan = Plan::new(config.seed, config.docs, config.canaries, config.as_of);
    let mut generator = Generator::new(&plan, config.messy_numbers);
    let mut manifest = BufWriter::new(File::create(out.join(MANIFEST))?);
    writeln!(manifest, "{}", write::MANIFEST_HEADER)?;
    let mut summary = Summary::default();
    for slot in 0..plan.total {
        let doc = generator.next(slot);
        summary.max_pending = summary.max_pending.max(generator.pending_len());
        if !doc.is_public() && !gongkai {
            continue;
        }
        write_doc(config, &doc, &docs_dir, &mut summary)?;
        writeln!(manifest, "{}", write::manifest_line(&doc, config.as_of))?;
    }
    manifest.flush()?;
    debug_assert_eq!(summary.canaries, canaries);
    match config.format {
        Format::Gongkai => {
            fs::write(out.join("site.yaml"), write::site_yaml())?;
            for (total, ((year, issue), acc)) in generator.issues.iter().enumerate() {
                let dir = out.join(format!("content/gazette/{year}"));
                fs::create_dir_all(&dir)?;
                let text = write::issue_file(*year, *issue, 101 + total, acc, config.as_of);
                fs::write(dir.join(format!("{issue:02}.md")), text)?;
                let line = format!("Gazette {year} issue {issue}");
                fs::write(dir.join(format!("{issue:02}.pdf")), doc::pdf(&line))?;
                summary.issues += 1;
            }
        }
        Format::Hugo => fs::write(docs_dir.join("_index.md"), write::section_index(false))?,
        Format::Zola => fs::write(docs_dir.join("_index.md"), write::section_index(true))?,
    }
    Ok(summary)
}

fn write_doc(config: &Config, doc: &Doc, dir: &Path, summary: &mut Summary) -> anyhow::Result<()> {
    let head = match config.format {
        Format::Gongkai => write::gongkai(doc),
        Format::Hugo => write::hugo(doc),
        Format::Zola => write::zola(doc),
    };
    let text = format!("{head}{}", doc.body);
    fs::write(dir.join(format!("{}.md", doc.stem)), &text)?;
    summary.files += 1;
    summary.bytes += text.len() as u64;
    if config.format == Format::Gongkai {
        for a in &doc.attachments {
            fs::write(dir.join(&a.file), &a.bytes)?;
            summary.attachments += 1;
        }
    }
    if !doc.is_public() {
        summary.canaries += 1;
        return Ok(());
    }
    summary.published += 1;
    *summary
        .by_state
        .entry(doc.state_at(config.as_of))
        .or_default() += 1;
    *summary.by_kind.entry(kind_name(doc.kind)).or_default() += 1;
    summary.gazette_refs += usize::from(doc.gazette.is_some());
    summary.traditional += usize::from(doc.traditional);
    summary.expired_undeclared +=
        usize::from(doc.status.is_none() && doc.expires.is_some_and(|e| e < config.as_of));
    Ok(())
}
