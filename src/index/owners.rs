//! Every output path has one owner: documents, their attachments, column
//! pages and aliases are claimed in the URL map ([`crate::config::url_map`]) against
//! the generator's own paths and each other, and every refused claim is an
//! error at the line that makes it.

use crate::config::url_map::{self, Claim, Clash, Kind, UrlMap};
use crate::diagnostics::Diagnostic;
use crate::model::{Page, SharedDoc};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Claims every output path in a fixed order — document pages, column
/// pages, attachments, aliases — so the later claim of a clash is the one
/// reported (an alias, rather than the document it collides with). Returns
/// the redirects (alias output file → the document's URL) and the folder
/// pages (see [`Kind::Folder`]).
pub(super) fn collect_urls(
    docs: &[SharedDoc],
    pages: &[Page],
    diags: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, String>, Vec<String>) {
    // Borrowed where the path is a document's or page's own URL: at 10,000
    // documents that is 20,000 strings not copied on every watch rebuild.
    let mut map = UrlMap::with_capacity(docs.len() + pages.len());
    claim_sources(&mut map, docs, pages, diags)
}

/// The theme's static files that would be written over a generator file
/// or a document, page, attachment or alias of `index` (or where one needs
/// a folder): one error each, on the theme file, naming the other owner.
/// `statics` are (output path, the file as the editor knows it, e.g.
/// `themes/custom/static/favicon.ico`). The theme is not known to the
/// index stage, so the caller runs this once the theme is loaded.
pub fn theme_static_clashes<'a>(
    index: &'a super::SiteIndex,
    statics: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<Diagnostic> {
    let mut map = UrlMap::with_capacity(index.docs.len() + index.pages.len());
    // The index passed, so its own claims raise nothing.
    let mut ignored = Vec::new();
    claim_sources(&mut map, &index.docs, &index.pages, &mut ignored);
    let mut diags = Vec::new();
    for (path, shown) in statics {
        let claim = Claim {
            kind: Kind::ThemeStatic,
            source: shown,
            line: 0,
        };
        if let Err(clash) = map.claim(Cow::Borrowed(path), claim) {
            diags.push(clash_error(&clash, claim, path, "static", 0));
        }
    }
    diags
}

/// Claims `docs`' pages, `pages`, attachments, aliases and, last, the
/// pages of the folders they are in in `map` (see [`collect_urls`]).
fn claim_sources<'a>(
    map: &mut UrlMap<'a>,
    docs: &'a [SharedDoc],
    pages: &'a [Page],
    diags: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, String>, Vec<String>) {
    for doc in docs {
        let (line, column) = doc.keys.find("slug");
        let claim = Claim {
            kind: Kind::Document,
            source: &doc.source_path,
            line,
        };
        if let Err(clash) = map.claim(Cow::Borrowed(&doc.url), claim) {
            diags.push(clash_error(&clash, claim, &doc.url, "slug", column));
        }
    }
    for page in pages {
        let claim = Claim {
            kind: Kind::Page,
            source: &page.source_path,
            line: 1,
        };
        if let Err(clash) = map.claim(Cow::Borrowed(&page.url), claim) {
            diags.push(clash_error(&clash, claim, &page.url, "slug", 1));
        }
    }
    for doc in docs {
        for (i, a) in doc.attachments.iter().enumerate() {
            let key = format!("attachments[{i}].file");
            let (line, column) = doc.keys.find(&key);
            let claim = Claim {
                kind: Kind::Attachment,
                source: &doc.source_path,
                line,
            };
            let path = format!("{}{}", doc.url, a.file);
            if let Err(clash) = map.claim(Cow::Owned(path.clone()), claim) {
                diags.push(clash_error(&clash, claim, &path, &key, column));
            }
        }
    }
    let mut redirects = BTreeMap::new();
    let mut alias_pages: Vec<(String, &'a str)> = Vec::new();
    for doc in docs {
        for (i, alias) in doc.meta.aliases.iter().enumerate() {
            let key = format!("aliases[{i}]");
            let (line, column) = doc.keys.find(&key);
            let claim = Claim {
                kind: Kind::Alias,
                source: &doc.source_path,
                line,
            };
            let path = url_map::alias_path(alias);
            match map.claim(Cow::Owned(path.clone()), claim) {
                Ok(()) => {
                    redirects.insert(url_map::alias_output_file(alias), doc.url.clone());
                    if path.ends_with('/') {
                        alias_pages.push((path, doc.source_path.as_str()));
                    }
                }
                Err(clash) => diags.push(clash_error(&clash, claim, alias, &key, column)),
            }
        }
    }
    let own = docs
        .iter()
        .map(|d| (Cow::Borrowed(d.url.as_str()), d.source_path.as_str()))
        .chain(
            pages
                .iter()
                .map(|p| (Cow::Borrowed(p.url.as_str()), p.source_path.as_str())),
        );
    let aliased = alias_pages
        .into_iter()
        .map(|(p, source)| (Cow::Owned(p), source));
    let folders = claim_folders(map, own.chain(aliased));
    (redirects, folders)
}

/// Claims a page for every folder above one of `pages` (site-relative
/// `a/b/` paths with their source) that has none and is not the
/// generator's: a reader who shortens an address to `/xxgk/2024/` finds the
/// folder's list, not "not found". Returns those folders, sorted.
fn claim_folders<'a>(
    map: &mut UrlMap<'a>,
    pages: impl Iterator<Item = (Cow<'a, str>, &'a str)>,
) -> Vec<String> {
    let mut needed: BTreeMap<String, &'a str> = BTreeMap::new();
    for (page, source) in pages {
        let page = page.as_ref();
        let inner = page.strip_suffix('/').unwrap_or(page);
        for (i, _) in inner.match_indices('/') {
            let folder = &page[..=i];
            if !url_map::is_generated(folder) && !map.is_claimed(folder) {
                needed.entry(folder.to_string()).or_insert(source);
            }
        }
    }
    let mut folders = Vec::with_capacity(needed.len());
    for (folder, source) in needed {
        let claim = Claim {
            kind: Kind::Folder,
            source,
            line: 1,
        };
        // Nothing else claims the folder's page (checked above), and the
        // folder itself is needed by the page below it: a claim that cannot clash.
        if map.claim(Cow::Owned(folder.clone()), claim).is_ok() {
            folders.push(folder);
        }
    }
    folders
}

/// The error for a refused claim on `written` (the URL as the source has
/// it), at `field` of the claim's source.
fn clash_error(
    clash: &Clash<'_>,
    claim: Claim<'_>,
    written: &str,
    field: &str,
    column: u32,
) -> Diagnostic {
    let shown = if written.starts_with('/') {
        written.to_string()
    } else {
        format!("/{written}")
    };
    let what = claim.kind.label();
    let fix = match claim.kind {
        Kind::Alias => "删去或改正这个旧网址",
        Kind::Attachment => "给附件文件改名",
        Kind::Document | Kind::Page => "修改 slug，或改文件名",
        Kind::ThemeStatic => "给主题静态文件改名，或移到 static/assets/ 之下",
        Kind::Folder => "修改 slug，或改文件名",
    };
    let d = match clash {
        Clash::Generated { owner, name } => Diagnostic::error(
            "XR010",
            claim.source,
            format!("{what} {shown} 占用了系统生成的{name}（{owner}）"),
        )
        .expected(format!(
            "不与系统页面重合的网址：不能是 {}，也不能在 {} 之下",
            url_map::ROOT_FILES.join("、"),
            url_map::GENERATOR_FOLDERS.join("、")
        ))
        .hint(format!("{fix}；系统页面总是由 gongkai 生成")),
        Clash::SameFile { first, file } => Diagnostic::error(
            "XR003",
            claim.source,
            format!(
                "{what} {shown} 与 {} 第 {} 行的{}重复（都要写入 {file}）",
                first.source,
                first.line,
                first.kind.label()
            ),
        )
        .expected("全站唯一的网址")
        .hint(fix),
        Clash::FileFolder {
            first,
            first_path,
            conflict,
        } => Diagnostic::error(
            "XR011",
            claim.source,
            format!(
                "{what} {shown} 与 {} 第 {} 行的{}（{first_path}）冲突：{conflict} 不能既是文件又是目录",
                first.source,
                first.line,
                first.kind.label()
            ),
        )
        .expected("文件名不与其他网址的目录重名")
        .hint(fix),
    };
    match claim.line {
        0 => d,
        line => d.at(line, column).field(field),
    }
}
