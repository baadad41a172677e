//! The files: front matter in the three formats, site.yaml, gazette issue
//! files, the section index the peers need, and the manifest line.

use super::date::Day;
use super::doc::{agency_code, Disclosure, Doc, IssueAcc};
use super::words::{AGENCIES, CITY, DOMAIN, TAXONOMY};
use std::fmt::Write as _;

/// A double-quoted string, valid in YAML and TOML alike.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The gongkai front matter: every field of the contract the document has.
pub fn gongkai(doc: &Doc) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", q(&doc.title));
    let _ = writeln!(out, "agency: {}", AGENCIES[doc.agency].name);
    let _ = writeln!(out, "category: {}", doc.category);
    let _ = writeln!(out, "published: {}", doc.published);
    let _ = writeln!(out, "doc_class: {}", doc.class);
    let _ = writeln!(out, "genre: {}", doc.genre);
    if let Some(n) = &doc.doc_number {
        let _ = writeln!(out, "doc_number: {}", q(n));
    }
    let _ = writeln!(out, "index_number: {}", q(&doc.index_number));
    if let Some(w) = doc.written {
        let _ = writeln!(out, "written: {w}");
    }
    match doc.disclosure {
        Disclosure::Public => {}
        Disclosure::OnRequest(reason) => {
            let _ = writeln!(out, "disclosure: 依申请公开\ndisclosure_reason: {reason}");
        }
        Disclosure::Withheld(reason) => {
            let _ = writeln!(out, "disclosure: 不予公开\ndisclosure_reason: {reason}");
        }
    }
    if doc.draft {
        out.push_str("draft: true\n");
    }
    if doc.effective.is_some() || doc.expires.is_some() || doc.status.is_some() {
        out.push_str("validity:\n");
        if let Some(e) = doc.effective {
            let _ = writeln!(out, "  effective: {e}");
        }
        if let Some(e) = doc.expires {
            let _ = writeln!(out, "  expires: {e}");
        }
        if let Some(s) = &doc.status {
            let _ = writeln!(out, "  status: {}\n  date: {}", s.state.name(), s.date);
            if let Some(b) = &s.basis {
                let _ = writeln!(out, "  basis: {b}");
            }
            if !s.replaced_by.is_empty() {
                let _ = writeln!(out, "  replaced_by: {}", list(&s.replaced_by));
            }
            let _ = writeln!(out, "  reason: {}", s.reason);
        }
    }
    if let Some(g) = &doc.gazette {
        let _ = writeln!(
            out,
            "gazette:\n  year: {}\n  issue: {}\n  page: {}\n  section: {}",
            g.year, g.issue, g.page, g.section
        );
    }
    if let Some(i) = &doc.interprets {
        let _ = writeln!(out, "interprets: {}", q(i));
    }
    if !doc.attachments.is_empty() {
        out.push_str("attachments:\n");
        for a in &doc.attachments {
            let _ = writeln!(out, "  - file: {}\n    title: {}", q(&a.file), q(&a.title));
        }
    }
    if !doc.keywords.is_empty() {
        let _ = writeln!(out, "keywords: {}", list(&doc.keywords));
    }
    if let Some(s) = &doc.summary {
        let _ = writeln!(out, "abstract: {}", q(s));
    }
    if let Some(s) = &doc.slug {
        let _ = writeln!(out, "slug: {s}");
    }
    if !doc.aliases.is_empty() {
        let _ = writeln!(out, "aliases: {}", list(&doc.aliases));
    }
    out.push_str("---\n");
    out
}

/// The first-level category (the peers' taxonomy).
fn top_category(doc: &Doc) -> &str {
    doc.category.split('/').next().unwrap_or(doc.category)
}

/// The validity end the peers show: a declared 废止/失效 ends it too.
fn valid_until(doc: &Doc) -> Option<Day> {
    doc.expires
}

/// Hugo: title, date, the custom fields top-level (`.Params`) and the
/// `agencies`/`categories` taxonomies (benches/hugo).
pub fn hugo(doc: &Doc) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", q(&doc.title));
    let _ = writeln!(out, "date: {}", doc.published);
    let _ = writeln!(out, "agency: {}", q(AGENCIES[doc.agency].name));
    let _ = writeln!(out, "category: {}", q(top_category(doc)));
    if let Some(n) = &doc.doc_number {
        let _ = writeln!(out, "doc_number: {}", q(n));
    }
    let _ = writeln!(out, "published: {}", doc.published);
    if let Some(e) = doc.effective {
        let _ = writeln!(out, "valid_from: {e}");
    }
    if let Some(e) = valid_until(doc) {
        let _ = writeln!(out, "valid_until: {e}");
    }
    if let Some(g) = &doc.gazette {
        let _ = writeln!(out, "gazette:\n  year: {}\n  issue: {}", g.year, g.issue);
    }
    let _ = writeln!(out, "agencies: [{}]", q(AGENCIES[doc.agency].name));
    let _ = writeln!(out, "categories: [{}]", q(top_category(doc)));
    out.push_str("---\n");
    out
}

/// Zola: TOML, taxonomies under `[taxonomies]`, custom fields under
/// `[extra]` (dates as strings) and `[extra.gazette]` (benches/zola).
pub fn zola(doc: &Doc) -> String {
    let mut out = String::from("+++\n");
    let _ = writeln!(out, "title = {}", q(&doc.title));
    let _ = writeln!(out, "date = {}\n", doc.published);
    let _ = writeln!(
        out,
        "[taxonomies]\nagencies = [{}]",
        q(AGENCIES[doc.agency].name)
    );
    let _ = writeln!(out, "categories = [{}]\n", q(top_category(doc)));
    let _ = writeln!(out, "[extra]\nagency = {}", q(AGENCIES[doc.agency].name));
    let _ = writeln!(out, "category = {}", q(top_category(doc)));
    if let Some(n) = &doc.doc_number {
        let _ = writeln!(out, "doc_number = {}", q(n));
    }
    let _ = writeln!(out, "published = {}", q(&doc.published.to_string()));
    if let Some(e) = doc.effective {
        let _ = writeln!(out, "valid_from = {}", q(&e.to_string()));
    }
    if let Some(e) = valid_until(doc) {
        let _ = writeln!(out, "valid_until = {}", q(&e.to_string()));
    }
    if let Some(g) = &doc.gazette {
        let _ = writeln!(
            out,
            "\n[extra.gazette]\nyear = {}\nissue = {}",
            g.year, g.issue
        );
    }
    out.push_str("+++\n");
    out
}

/// `content/docs/_index.md` of the peers.
pub fn section_index(zola: bool) -> &'static str {
    if zola {
        "+++\ntitle = \"政府文件\"\nsort_by = \"date\"\npaginate_by = 20\ntemplate = \"section.html\"\n+++\n"
    } else {
        "---\ntitle: \"政府文件\"\n---\n"
    }
}

/// site.yaml: the offices with their codes, the taxonomy, the gazette name,
/// and the office domain the e-mail addresses in the text use.
pub fn site_yaml() -> String {
    let mut out = format!(
        "# Generated by examples/gen_corpus (a fictional city; see README, Corpus generator).\n\
         title: {CITY}人民政府信息公开\nbase_url: https://www.{DOMAIN}/\nlanguage: zh-CN\n\
         description: {CITY}人民政府信息公开平台（生成的测试站点）\n\
         index_number_pattern: \"{{code}}/{{year}}-{{serial:5}}\"\n\
         gazette:\n  name: {CITY}人民政府公报\n  auto_create_issues: false\n\
         privacy:\n  allowed_emails: [\"@{DOMAIN}\"]\n\
         footer: 主办：{CITY}人民政府办公室\n\
         agencies:\n"
    );
    for (i, a) in AGENCIES.iter().enumerate() {
        let _ = writeln!(
            out,
            "  - name: {}\n    short: {}\n    code: \"{}\"\n    slug: {}",
            a.name,
            a.short,
            agency_code(i),
            a.slug
        );
    }
    out.push_str("taxonomy:\n");
    for (name, slug, children) in TAXONOMY {
        let _ = writeln!(out, "  - name: {name}\n    slug: {slug}\n    children:");
        for (child, child_slug) in *children {
            let _ = writeln!(out, "      - {{name: {child}, slug: {child_slug}}}");
        }
    }
    out
}

/// The sections every issue lists, in order.
pub const ISSUE_SECTIONS: &str = "[市政府规章, 市政府文件, 市政府办公室文件, 部门文件]";

/// `content/gazette/YYYY/NN.md`: dated on the 25th of its month, or on the
/// day of the newest document it carries if later, never after `as_of`.
pub fn issue_file(year: i32, issue: u32, total: usize, acc: &IssueAcc, as_of: Day) -> String {
    let nominal = Day::from_ymd(year, issue, 25).min(as_of);
    let published = nominal.max(acc.latest);
    let titles: Vec<String> = acc.titles.iter().map(|t| super::text::quoted(t)).collect();
    format!(
        "---\nyear: {year}\nissue: {issue}\ntotal: {total}\npublished: {published}\npdf: {issue:02}.pdf\nsections: {ISSUE_SECTIONS}\n---\n本期导读：本期刊登{}等{}件文件。\n",
        titles.join("、"),
        acc.count
    )
}

/// The manifest header (tab-separated; one line per document written).
pub const MANIFEST_HEADER: &str = "id\tdisclosure\tdoc_class\tpublished\teffective\texpires\tstatus\tstatus_date\tstate\tgazette\tinterprets\tbasis\treplaced_by\ttraditional\tattachments\tdoc_number";

/// The manifest line of a document: what was meant, for tests to check
/// against (`state` is the generator's own judgement at the as-of date).
pub fn manifest_line(doc: &Doc, as_of: Day) -> String {
    let opt = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
    let disclosure = match doc.disclosure {
        _ if doc.draft => "草稿",
        Disclosure::Public => "主动公开",
        Disclosure::OnRequest(_) => "依申请公开",
        Disclosure::Withheld(_) => "不予公开",
    };
    let status = doc.status.as_ref();
    format!(
        "{}\t{disclosure}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        doc.id,
        doc.class,
        doc.published,
        opt(doc.effective),
        opt(doc.expires),
        status.map(|s| s.state.name()).unwrap_or_default(),
        opt(status.map(|s| s.date)),
        doc.state_at(as_of),
        doc.gazette
            .as_ref()
            .map(|g| format!("{}-{:02}", g.year, g.issue))
            .unwrap_or_default(),
        doc.interprets_id.clone().unwrap_or_default(),
        status.and_then(|s| s.basis.clone()).unwrap_or_default(),
        status.map(|s| s.replaced_by.join(",")).unwrap_or_default(),
        u8::from(doc.traditional),
        doc.attachments.len(),
        doc.doc_number.clone().unwrap_or_default(),
    )
}
