//! Index a generated corpus folder (`content/docs` of `examples/gen_corpus`)
//! with Pagefind's in-process API.
//!
//! `pagefind-bench CORPUS_DIR OUT_DIR` writes
//! - OUT_DIR/pagefind/…   the Pagefind bundle (pagefind.js, wasm, shards)
//! - OUT_DIR/docs.json    per document: url, doc_number, the searchable text
//!   (title, 文号, summary, body as plain text, lower-cased) and that text
//!   simplified by fast2s: the recall truth, as in gongkai's tests/it/search.rs.
use std::{collections::BTreeMap, fs, path::Path, time::Instant};

use pagefind::{api::PagefindIndex, options::PagefindServiceConfig};
use pulldown_cmark::{html, Event, Parser, TagEnd};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_TABLES) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item) => {
                out.push('\n')
            }
            _ => {}
        }
    }
    out
}

#[tokio::main]
async fn main() -> anyhow_free::Result {
    let args: Vec<String> = std::env::args().collect();
    let (corpus, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let mut paths: Vec<_> = fs::read_dir(corpus)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    let t0 = Instant::now();
    let mut index = PagefindIndex::new(Some(PagefindServiceConfig::builder().build()))
        .map_err(|e| e.to_string())?;
    let mut truth = Vec::new();
    for p in &paths {
        let src = fs::read_to_string(p)?;
        let rest = src.strip_prefix("---\n").ok_or("no front matter")?;
        let (fm, body) = rest.split_once("\n---\n").ok_or("no front matter end")?;
        let meta: serde_yaml::Value = serde_yaml::from_str(fm).map_err(|e| e.to_string())?;
        let get = |k: &str| meta.get(k).and_then(|v| v.as_str()).map(str::to_owned);
        let title = get("title").unwrap_or_default();
        let agency = get("agency").unwrap_or_default();
        let number = get("doc_number");
        let summary = get("abstract");
        let slug = p.file_stem().unwrap().to_string_lossy();
        let url = format!("/{slug}/");
        let mut body_html = String::new();
        html::push_html(
            &mut body_html,
            Parser::new_ext(body, pulldown_cmark::Options::ENABLE_TABLES),
        );
        let page = format!(
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
             <body><main data-pagefind-body><h1>{t}</h1>\
             <p data-pagefind-filter=\"agency\">{a}</p><p>{n}</p><p>{s}</p>{b}</main></body></html>",
            t = esc(&title),
            a = esc(&agency),
            n = esc(number.as_deref().unwrap_or("")),
            s = esc(summary.as_deref().unwrap_or("")),
            b = body_html,
        );
        index
            .add_html_file(None, Some(url.clone()), page)
            .await
            .map_err(|e| e.to_string())?;
        let mut text = title.clone();
        for part in [number.as_deref(), summary.as_deref()].into_iter().flatten() {
            text.push('\n');
            text.push_str(part);
        }
        text.push('\n');
        text.push_str(&plain_text(body));
        let text = text.to_lowercase();
        let simplified = fast2s::convert(&text);
        let mut rec = BTreeMap::new();
        rec.insert("url", url);
        rec.insert("doc_number", number.unwrap_or_default());
        rec.insert("text", text);
        rec.insert("simplified", simplified);
        truth.push(rec);
    }
    let t_add = t0.elapsed();
    fs::create_dir_all(out)?;
    let bundle = out.join("pagefind");
    index
        .write_files(Some(bundle.to_string_lossy().into_owned()))
        .await
        .map_err(|e| e.to_string())?;
    let t_all = t0.elapsed();
    // Queries: tests/it/search.rs QUERIES (3rd argument) plus 文号 typed loosely
    // (as written, [] brackets, no brackets with a space, traditional) for
    // every 37th document, 6 of them; each with its fast2s simplified form.
    let mut queries: Vec<serde_json::Value> = Vec::new();
    if let Some(rs) = args.get(3) {
        let src = fs::read_to_string(rs)?;
        let start = src.find("const QUERIES: &[&str] = &[").ok_or("no QUERIES")?;
        let end = start + src[start..].find("];").ok_or("no QUERIES end")?;
        for line in src[start..end].lines().skip(1) {
            let l = line.trim();
            if let Some(q) = l.strip_prefix('"').and_then(|l| l.strip_suffix("\",")) {
                queries.push(serde_json::json!({"q": q, "simplified": fast2s::convert(q)}));
            }
        }
        for rec in truth.iter().step_by(37).take(6) {
            let number = &rec["doc_number"];
            if number.is_empty() {
                continue;
            }
            let loose = number.replace('〔', "[").replace('〕', "]");
            let spaced = number.replace('〔', "").replace('〕', " ").replace('号', "");
            let trad = number.replace('办', "辦").replace('号', "號");
            for q in [number.clone(), loose, spaced, trad] {
                queries.push(serde_json::json!({
                    "q": q, "simplified": fast2s::convert(&q), "target": rec["url"]
                }));
            }
        }
        fs::write(out.join("queries.json"), serde_json::to_string_pretty(&queries).map_err(|e| e.to_string())?)?;
    }
    fs::write(out.join("docs.json"), serde_json::to_string(&truth).map_err(|e| e.to_string())?)?;
    eprintln!(
        "pagefind: {} documents, add {:.2} s, add+write {:.2} s",
        paths.len(),
        t_add.as_secs_f64(),
        t_all.as_secs_f64()
    );
    Ok(())
}

mod anyhow_free {
    pub type Result = std::result::Result<(), Box<dyn std::error::Error>>;
}
