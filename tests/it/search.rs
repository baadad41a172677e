//! Search: the shared tokenizer vectors, recall over a generated corpus
//! (truth by plain substring scan), 文号 typed loosely, determinism, and
//! that an edit only changes the shards of the terms it touches.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{copy_dir, crate_root, ctx, write};
use crate::gen_corpus as corpus;
use gongkai::config::url_map::Urls;
use gongkai::search::pack::{self, FACETS, FRAGMENTS, SHARDS};
use gongkai::search::query::{run, Hit};
use gongkai::search::tokenize::{compact, doc_tokens, grams, parse_query};
use gongkai::search::{records, search_files, shard_count, shard_of, SearchDelta, SearchState};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Files = BTreeMap<String, Vec<u8>>;

fn vectors() -> serde_json::Value {
    let text = std::fs::read_to_string(crate_root().join("tests/search_vectors.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn tokenizer_matches_shared_vectors() {
    let v = vectors();
    for case in v["doc"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        let want: Vec<String> = serde_json::from_value(case["tokens"].clone()).unwrap();
        assert_eq!(doc_tokens(text), want, "{case}");
        let want: Vec<String> = serde_json::from_value(case["grams"].clone()).unwrap();
        assert_eq!(grams(text), want, "{case}");
    }
    for case in v["query"].as_array().unwrap() {
        let got = serde_json::to_value(parse_query(case["text"].as_str().unwrap())).unwrap();
        assert_eq!(got, case["terms"], "{case}");
    }
}

/// The index and search files of the site at `root`, with the index.
fn build(root: &Path) -> (gongkai::Checked, Files) {
    let checked = gongkai::check_site(root, &ctx(false), &None)
        .unwrap_or_else(|_| panic!("{} does not check", root.display()));
    let files = search_files(&checked.index, &checked.config, &Urls::new(&checked.config)).unwrap();
    (checked, files)
}

fn query(files: &Files, q: &str, window: usize) -> Vec<Hit> {
    let get = |p: &str| files.get(p).cloned();
    run(&get, q, window).hits
}

/// The files with every pack opened into its items, plain, each named
/// `pack path#position` (so tests can say which shard or fragment changed).
fn unpacked(files: &Files) -> Files {
    let mut out = Files::new();
    for (path, bytes) in files {
        let Some(kind) = [SHARDS, FRAGMENTS, FACETS]
            .into_iter()
            .find(|k| path.starts_with(k.dir))
        else {
            out.insert(path.clone(), bytes.clone());
            continue;
        };
        let items = pack::items(bytes).unwrap_or_else(|| panic!("{path} is not a pack"));
        for (k, item) in items.into_iter().enumerate() {
            out.insert(format!("{path}#{k}"), kind.open(item).unwrap());
        }
    }
    out
}

/// The names of the items that differ between two sets of files.
fn changed_items(before: &Files, after: &Files) -> BTreeSet<String> {
    let (a, b) = (unpacked(before), unpacked(after));
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

#[test]
fn output_is_deterministic_and_complete() {
    let (_, a) = build(&crate_root());
    let (_, b) = build(&crate_root());
    assert_eq!(a, b);
    let items = unpacked(&a);
    for s in 0..16 {
        assert!(
            items.contains_key(&SHARDS.item_name(s)),
            "shard {s} missing"
        );
    }
    let docs = items.keys().filter(|k| k.starts_with("search/d/")).count();
    assert!(docs > 16, "{docs} fragments");
    assert!(items.contains_key(&FRAGMENTS.item_name(docs as u32 - 1)));
    let hits = query(&a, "政务公开", 10);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.exact == Some(true)));
}

#[test]
fn an_edit_rewrites_only_the_shards_of_its_terms() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["content", "themes"] {
        copy_dir(&crate_root().join(dir), &tmp.path().join(dir));
    }
    std::fs::copy(crate_root().join("site.yaml"), tmp.path().join("site.yaml")).unwrap();
    let (checked, before) = build(tmp.path());
    let path = tmp.path().join("content/xxgk/2024/gf-2024-03.md");
    let original = std::fs::read_to_string(&path).unwrap();
    write(
        &path,
        format!("{original}\n补充说明：鹭鸶湾 zebra42 条款。\n"),
    );
    let (checked_after, after) = build(tmp.path());

    let changed = changed_items(&before, &after);
    let text_of = |c: &gongkai::Checked| {
        let record = records(&c.index)
            .into_iter()
            .find(|r| r.url == "xxgk/2024/gf-2024-03/")
            .unwrap();
        doc_tokens(&record.searchable_text().expect("body"))
    };
    let old: BTreeSet<String> = text_of(&checked).into_iter().collect();
    let shards = shard_count(records(&checked.index).len());
    // Only the shards of tokens the document did not have before may change.
    let mut allowed: BTreeSet<String> = text_of(&checked_after)
        .into_iter()
        .filter(|t| !old.contains(t))
        .map(|t| SHARDS.item_name(shard_of(&t, shards)))
        .collect();
    let n = unpacked(&before)
        .iter()
        .find(|(k, v)| {
            k.starts_with("search/d/") && String::from_utf8_lossy(v).contains("gf-2024-03")
        })
        .map(|(k, _)| k.clone())
        .unwrap();
    allowed.insert(n);
    assert!(!changed.is_empty());
    for item in &changed {
        assert!(
            allowed.contains(item),
            "{item} changed although the edit does not touch it"
        );
    }
    assert!(
        changed.len() < shards as usize,
        "all {shards} shards changed"
    );
    assert_eq!(query(&after, "鹭鸶湾", 10).len(), 1);
    assert_eq!(query(&after, "zebra42", 10).len(), 1);
}

/// A copy of the project's site to edit.
fn site_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["content", "themes"] {
        copy_dir(&crate_root().join(dir), &tmp.path().join(dir));
    }
    std::fs::copy(crate_root().join("site.yaml"), tmp.path().join("site.yaml")).unwrap();
    tmp
}

/// Appends `line` to the body of the file at `path`.
fn append(path: &Path, line: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    write(path, format!("{text}\n{line}\n"));
}

/// The fragment of hit `id`, parsed.
fn fragment_of(files: &Files, id: u32) -> serde_json::Value {
    let get = |p: &str| files.get(p).cloned();
    serde_json::from_slice(&FRAGMENTS.read(&get, id).unwrap()).unwrap()
}

/// An annual report is found like a document: by a phrase of its body, by
/// its title, with its page as the result's address, 年度报告 as its class
/// and its body as the snippet's text. A draft and a report dated after
/// the as-of date (2024's, published 2025-01-28) are in no search file;
/// with `--drafts` the draft is found, as its page is then published.
#[test]
fn reports_are_searched_like_documents_and_unpublished_ones_are_not() {
    let site = site_copy();
    let root = site.path();
    let phrase = "本年度试行鹭洲码公开流程";
    append(
        &root.join("content/reports/2023/jyj.md"),
        &format!("{phrase}。"),
    );
    append(
        &root.join("content/reports/2024/jyj.md"),
        &format!("{phrase}。"),
    );
    write(
        root.join("content/reports/2023/fgw.md"),
        format!(
            "---\nagency: 清河市发展和改革委员会\nyear: 2023\npublished: 2024-01-20\ndraft: true\n---\n## 一、总体情况\n\n{phrase}，草稿。\n"
        ),
    );
    let (checked, files) = build(root);
    assert!(
        !checked
            .index
            .docs
            .iter()
            .any(|d| d.body.text().unwrap().contains("鹭洲码")),
        "the phrase must be only in reports"
    );
    let hits = query(&files, "鹭洲码公开流程", 10);
    assert_eq!(hits.len(), 1, "only the published report: {hits:?}");
    let f = fragment_of(&files, hits[0].id);
    assert!(
        f["u"]
            .as_str()
            .unwrap()
            .ends_with("annual-reports/2023/jyj/"),
        "{f}"
    );
    assert_eq!(f["c"], "年度报告");
    assert_eq!(f["a"], "清河市教育局");
    assert_eq!(f["d"], "2024-01-28");
    assert_eq!(f["t"], "清河市教育局2023年政府信息公开工作年度报告");
    assert!(f["x"].as_str().unwrap().contains(phrase), "{f}");
    assert_eq!(hits[0].exact, Some(true));
    // By its title, ranked as a title match.
    let by_title = query(&files, "清河市教育局2023年政府信息公开工作年度报告", 10);
    assert_eq!(by_title.first().map(|h| h.id), Some(hits[0].id));
    // The class facet counts it.
    let root_file: serde_json::Value = serde_json::from_slice(&files["search/index.json"]).unwrap();
    let classes = root_file["facets"]["class"].as_array().unwrap();
    let reports = classes.iter().find(|v| v[0] == "年度报告").unwrap();
    assert!(reports[1].as_u64().unwrap() >= 1, "{classes:?}");
    // Neither the draft nor the held-back report is in any file.
    let held: Vec<&String> = files
        .iter()
        .filter(|(_, b)| {
            String::from_utf8_lossy(b).contains("草稿。") || {
                String::from_utf8_lossy(b).contains("清河市教育局2024年")
            }
        })
        .map(|(p, _)| p)
        .collect();
    assert!(held.is_empty(), "unpublished reports in {held:?}");

    let draft_title = "清河市发展和改革委员会2023年政府信息公开工作年度报告";
    let found_draft = |files: &Files| {
        query(files, draft_title, 10).iter().any(|h| {
            let u = fragment_of(files, h.id)["u"].as_str().unwrap().to_string();
            u.ends_with("annual-reports/2023/fgw/")
        })
    };
    assert!(!found_draft(&files));
    // (A draft's prose is not rendered even with --drafts, so only its
    // title is searched there, as its page shows.)
    let with_drafts = gongkai::check_site(root, &ctx(true), &None).unwrap();
    let files = search_files(
        &with_drafts.index,
        &with_drafts.config,
        &Urls::new(&with_drafts.config),
    )
    .unwrap();
    assert!(found_draft(&files));
}

/// Incremental updates (watch mode) give the same files, byte for byte, as
/// a fresh build after every kind of edit: body text, metadata that moves a
/// facet and a validity status, text replaced wholesale, a document added,
/// deleted and re-dated (the last three renumber and fall back to a full
/// build, deleting what the new build no longer makes).
#[test]
fn incremental_updates_equal_a_fresh_build() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["content", "themes"] {
        copy_dir(&crate_root().join(dir), &tmp.path().join(dir));
    }
    std::fs::copy(crate_root().join("site.yaml"), tmp.path().join("site.yaml")).unwrap();
    let root = tmp.path();
    let checked = gongkai::check_site(root, &ctx(false), &None).unwrap();
    let urls = Urls::new(&checked.config);
    let files = std::sync::Mutex::new(Files::new());
    let mut state = SearchState::build(&checked.index, &checked.config, &urls, &|p, b| {
        let twice = files.lock().unwrap().insert(p.clone(), b).is_some();
        assert!(!twice, "{p} twice");
        Ok(())
    })
    .unwrap();
    let mut files = files.into_inner().unwrap();
    assert_eq!(
        files,
        build(root).1,
        "SearchState::build differs from search_files"
    );

    let doc = root.join("content/xxgk/2024/gf-2024-03.md");
    let report = root.join("content/reports/2023/jyj.md");
    let original = std::fs::read_to_string(&doc).unwrap();
    let edit = |from: &str, to: &str| {
        let text = std::fs::read_to_string(&doc).unwrap();
        assert!(text.contains(from), "{from}");
        write(&doc, text.replacen(from, to, 1));
    };
    // (description, change, whether it renumbers)
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>, bool);
    let steps: Vec<Step> = vec![
        (
            "body text added",
            Box::new(|| {
                edit(
                    "请认真贯彻执行。",
                    "请认真贯彻执行。补充说明：鹭鸶湾 zebra42 条款。",
                )
            }),
            false,
        ),
        (
            "agency and expiry changed",
            Box::new(|| {
                edit("agency: 清河市教育局", "agency: 清河市司法局");
                edit("index_number: 113201003", "index_number: 113201005");
                edit("expires: 2029-06-14", "expires: 2024-07-01");
            }),
            false,
        ),
        (
            "body replaced",
            Box::new(|| {
                let text = std::fs::read_to_string(&doc).unwrap();
                let head = &text[..text.rfind("---").unwrap() + 3];
                write(
                    &doc,
                    format!("{head}\n全新正文：汛期防汛物资储备 Plan-B 2031。\n"),
                );
            }),
            false,
        ),
        (
            "title changed",
            Box::new(|| edit("资助实施办法》的通知", "资助实施细则》的通知")),
            false,
        ),
        (
            "document added",
            Box::new(|| {
                write(
                    root.join("content/xxgk/2024/gf-2024-99.md"),
                    original.replace("清教规〔2024〕3号", "清教规〔2024〕99号"),
                )
            }),
            true,
        ),
        (
            "document re-dated",
            Box::new(|| edit("published: 2024-05-17", "published: 2024-12-20")),
            true,
        ),
        (
            "document deleted",
            Box::new(|| {
                std::fs::remove_file(root.join("content/xxgk/2024/gf-2024-99.md")).unwrap()
            }),
            true,
        ),
        (
            "report body edited",
            Box::new(|| append(&report, "本年度新增鹭鸶湾公开栏。")),
            false,
        ),
        (
            "report added",
            Box::new(|| {
                let text = std::fs::read_to_string(&report).unwrap();
                write(
                    root.join("content/reports/2023/fgw.md"),
                    text.replace("agency: 清河市教育局", "agency: 清河市发展和改革委员会")
                        .replace("鹭鸶湾公开栏", "白鹭洲公开栏"),
                )
            }),
            true,
        ),
        (
            "report deleted",
            Box::new(|| std::fs::remove_file(root.join("content/reports/2023/fgw.md")).unwrap()),
            true,
        ),
        ("nothing changed", Box::new(|| ()), false),
    ];
    for (what, change, renumbers) in steps {
        change();
        let checked = gongkai::check_site(root, &ctx(false), &None)
            .unwrap_or_else(|_| panic!("{what}: site does not check"));
        let delta: SearchDelta = state
            .update(&checked.index, &checked.config, &urls)
            .unwrap();
        assert_eq!(delta.full, renumbers, "{what}: full rebuild {}", delta.full);
        let before = files.clone();
        for path in &delta.removed {
            assert!(
                files.remove(path).is_some(),
                "{what}: removes {path}, which did not exist"
            );
        }
        for (path, bytes) in delta.written {
            files.insert(path, bytes);
        }
        // A small edit touches a few shards (a replaced body may touch all).
        if !renumbers && what != "body replaced" {
            let shards = changed_items(&before, &files)
                .iter()
                .filter(|p| p.starts_with(SHARDS.dir))
                .count();
            assert!(shards < 16, "{what}: {shards} shards rewritten");
        }
        let fresh = search_files(&checked.index, &checked.config, &urls).unwrap();
        assert!(
            state.paths().eq(fresh.keys().map(String::as_str)),
            "{what}: SearchState::paths differs from the fresh file list"
        );
        let differ: BTreeSet<&String> = fresh
            .keys()
            .chain(files.keys())
            .filter(|k| fresh.get(*k) != files.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "{what}: incremental differs from fresh in {differ:?}"
        );
    }
    assert_eq!(query(&files, "zebra42", 10).len(), 0);
    assert_eq!(query(&files, "鹭鸶湾公开栏", 10).len(), 1);
    assert_eq!(query(&files, "白鹭洲公开栏", 10).len(), 0);
    assert_eq!(query(&files, "防汛物资储备", 10).len(), 1);
}

/// Fixed recall queries: two characters, phrases, traditional, digits, ASCII,
/// several terms. 文号 variants are added from the corpus itself.
const QUERIES: &[&str] = &[
    "澄川",
    "东湖",
    "公开",
    "政务",
    "复议",
    "诉讼",
    "补助",
    "网站",
    "政务公开",
    "信息公开",
    "行政复议",
    "政策解读",
    "年度报告",
    "行政诉讼",
    "规范性文件",
    "联席会议制度",
    "政府信息公开工作年度报告",
    "中华人民共和国政府信息公开条例",
    "收到和处理政府信息公开申请情况",
    "存在的主要问题及改进情况",
    "专项资金",
    "信用记录",
    "清单化管理",
    "适用期已过",
    "学前教育",
    "大气污染防治",
    "首问负责制度",
    "事中事后监管",
    "网上征求意见",
    "依法申请行政复议",
    "政務公開",
    "規範性文件",
    "監督檢查",
    "關於進一步",
    "專項資金",
    "加強",
    "2023",
    "2019年",
    "12月31日",
    "1月1日",
    "12345",
    "www",
    "chengchuan",
    "gov",
    "澄川 行政复议",
    "政务公开 2023",
    "年度报告 行政诉讼",
    "东湖区 试点",
    "专项资金 补助",
    "一",
    "市",
    "年",
];

/// Plain substring scan; Latin letters and digits are words, so a query
/// starting (ending) with one needs a non-alphanumeric before (after) it:
/// 7号 is not in 17号, 2017 is not in 20170.
fn occurs(text: &str, term: &str) -> bool {
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let (first, last) = (term.chars().next(), term.chars().last());
    text.match_indices(term).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + term.len()..].chars().next();
        let glued_before = edge(first) && edge(before);
        let glued_after = edge(last) && edge(after);
        !(glued_before || glued_after)
    })
}

fn corpus_site(n: usize) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    corpus::generate(&corpus::Config::new(n), site.path()).unwrap();
    site
}

/// A generated site, built, with the text each document number is searched in.
struct Corpus {
    _site: tempfile::TempDir,
    checked: gongkai::Checked,
    files: Files,
    texts: Vec<String>,
    simplified: Vec<String>,
}

impl Corpus {
    fn new(n: usize) -> Corpus {
        let site = corpus_site(n);
        let (checked, files) = build(site.path());
        // Truth: the text as written, and as the `fast2s` crate simplifies it
        // (so 公開期限 in a document is found by 公开期限 and 公開期限).
        let texts: Vec<String> = records(&checked.index)
            .iter()
            .map(|r| r.searchable_text().expect("body").to_lowercase())
            .collect();
        let simplified = texts.iter().map(|t| fast2s::convert(t)).collect();
        Corpus {
            _site: site,
            checked,
            files,
            texts,
            simplified,
        }
    }

    /// Truth by plain substring scan: every term, as typed or simplified.
    fn truth(&self, q: &str) -> BTreeSet<u32> {
        let terms: Vec<(String, String)> = q
            .split_whitespace()
            .map(|t| (t.to_lowercase(), fast2s::convert(t).to_lowercase()))
            .collect();
        self.texts
            .iter()
            .zip(&self.simplified)
            .enumerate()
            .filter(|(_, (text, simple))| {
                terms
                    .iter()
                    .all(|(a, b)| occurs(text, a) || occurs(simple, b))
            })
            .map(|(n, _)| n as u32)
            .collect()
    }
}

#[test]
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn recall_is_complete_on_a_generated_corpus() {
    let corpus = Corpus::new(400);
    let files = &corpus.files;
    let mut queries: Vec<(String, Option<u32>)> =
        QUERIES.iter().map(|q| (q.to_string(), None)).collect();
    // 文号 typed loosely: [] brackets, 〔〕, no brackets with a space, traditional.
    for (n, r) in records(&corpus.checked.index)
        .iter()
        .enumerate()
        .step_by(37)
        .take(6)
    {
        let Some(number) = r.number.map(str::to_string) else {
            continue;
        };
        let loose = number.replace('〔', "[").replace('〕', "]");
        let spaced = number
            .replace('〔', "")
            .replace('〕', " ")
            .replace('号', "");
        let trad = number.replace('办', "辦").replace('号', "號");
        for q in [number.clone(), loose, spaced, trad] {
            queries.push((q, Some(n as u32)));
        }
    }
    assert!(queries.len() >= 50 + 12, "{} queries", queries.len());
    let mut total_truth = 0;
    for (q, target) in &queries {
        // The order the client shows when paging through every result
        // (each page checked on its fragments as it is shown) ...
        let hits = query(files, q, usize::MAX);
        let found: BTreeSet<u32> = hits.iter().map(|h| h.id).collect();
        // ... and its first page.
        let ranked = query(files, q, 10);
        if let Some(t) = target {
            assert_eq!(
                ranked.first().map(|h| h.id),
                Some(*t),
                "文号 query {q:?} does not rank its document first"
            );
            continue;
        }
        let truth = corpus.truth(q);
        assert!(
            !truth.is_empty(),
            "query {q:?} matches nothing in the corpus: pick another"
        );
        total_truth += truth.len();
        let missed: Vec<_> = truth.difference(&found).collect();
        assert!(
            missed.is_empty(),
            "query {q:?}: recall {}/{}, missed {missed:?}",
            truth.len() - missed.len(),
            truth.len()
        );
        // Phrase matches first: every document holding the phrase is checked
        // exact, and in the order the client shows no scattered match ranks
        // above an exact one, on any page.
        let exact: Vec<bool> = hits.iter().map(|h| h.exact == Some(true)).collect();
        let first_page: Vec<u32> = hits.iter().take(10).map(|h| h.id).collect();
        let shown: Vec<u32> = ranked.iter().take(10).map(|h| h.id).collect();
        assert_eq!(shown, first_page, "query {q:?}: first page differs");
        for h in &hits {
            if truth.contains(&h.id) {
                assert_eq!(
                    h.exact,
                    Some(true),
                    "query {q:?}: doc {} holds the phrase but is not exact",
                    h.id
                );
            }
        }
        if let Some(at) = exact.windows(2).position(|w| !w[0] && w[1]) {
            panic!(
                "query {q:?}: scattered match {} (rank {at}) before exact match {} ({} candidates)",
                hits[at].id,
                hits[at + 1].id,
                hits.len()
            );
        }
    }
    println!(
        "recall 1.0 on {} queries ({total_truth} relevant documents)",
        queries.len()
    );
}

#[test]
fn compact_ignores_brackets_and_width() {
    assert_eq!(compact("宁政发[2019]3号"), compact("宁政发〔2019〕3号"));
    assert_eq!(compact("长办发﹝2017﹞7号"), "长办发20177号");
}

/// tinysearch 0.11.1 on the same corpus and queries: as it comes (its own
/// tokenizer), and fed our tokens through `IndexedDocument` with AND done
/// by intersecting one search per token. Prints the figures docs/search.md
/// quotes; asserts the facts that decided the design.
#[test]
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn tinysearch_baseline_on_the_same_corpus() {
    use tinysearch::{
        BasicPost, ExactIndexBackend, IndexBackend, IndexedDocument, PostId, Storage,
    };
    let corpus = Corpus::new(400);
    let posts: Vec<BasicPost> = records(&corpus.checked.index)
        .iter()
        .enumerate()
        .map(|(n, r)| BasicPost {
            title: r.title.to_string(),
            url: n.to_string(),
            body: Some(r.searchable_text().expect("body")),
            meta: Default::default(),
        })
        .collect();
    let ts = tinysearch::TinySearch::new();
    let raw = ts.build_index(&posts).unwrap();
    let raw_bytes = ts.serialize_index(&raw).unwrap().len();
    let bigram_docs = posts
        .iter()
        .map(|p| {
            let id = PostId {
                title: p.title.clone(),
                url: p.url.clone(),
                meta: String::new(),
            };
            IndexedDocument::new(id, doc_tokens(p.body.as_deref().unwrap_or("")))
        })
        .collect();
    let stored = Storage::from(ExactIndexBackend.build(bigram_docs))
        .to_bytes()
        .unwrap();
    let bigram_bytes = stored.len();
    let bigram = ts.load_index_from_bytes(&stored).unwrap();
    let ids = |hits: Vec<&PostId>| -> BTreeSet<u32> {
        hits.iter().map(|p| p.url.parse().unwrap()).collect()
    };
    let recall = |found: &BTreeSet<u32>, truth: &BTreeSet<u32>| {
        truth.intersection(found).count() as f64 / truth.len().max(1) as f64
    };
    let (mut raw_sum, mut bigram_sum, mut raw_below, mut bigram_below) = (0.0, 0.0, 0, 0);
    println!("query\ttruth\ttinysearch-raw\ttinysearch-bigram-AND");
    for q in QUERIES {
        let truth = corpus.truth(q);
        let r = recall(&ids(ts.search(&raw, q, usize::MAX)), &truth);
        let mut and: Option<BTreeSet<u32>> = None;
        for term in parse_query(q) {
            for t in term.tokens {
                let hits = ids(ts.search(&bigram, &t, usize::MAX));
                and = Some(match and {
                    None => hits,
                    Some(a) => a.intersection(&hits).copied().collect(),
                });
            }
        }
        let b = recall(&and.unwrap_or_default(), &truth);
        println!("{q}\t{}\t{r:.2}\t{b:.2}", truth.len());
        raw_sum += r;
        bigram_sum += b;
        raw_below += usize::from(r < 1.0);
        bigram_below += usize::from(b < 1.0);
    }
    let n = QUERIES.len() as f64;
    println!(
        "tinysearch on {} docs: raw index {raw_bytes} B, mean recall {:.2} ({raw_below} queries below 1.0); \
         bigram index {bigram_bytes} B, mean recall {:.2} ({bigram_below} below 1.0)",
        posts.len(),
        raw_sum / n,
        bigram_sum / n
    );
    // Its own tokenizer keeps a run of Han characters as one word, and drops digits.
    assert!(
        raw_below > QUERIES.len() / 2,
        "tinysearch as is found {raw_sum}/{n}"
    );
    // Fed our tokens it finds Chinese, but its tokenizer still drops digits,
    // and the whole index is one file every query must fetch.
    assert!(bigram_below > 0 && bigram_below < QUERIES.len() / 4);
    assert!(bigram_bytes > 400 * 1000, "bigram index {bigram_bytes} B");
}
