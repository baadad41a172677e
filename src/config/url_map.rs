//! The URL map: every output path of the site has one owner.
//!
//! The generator writes some paths itself — the root files (home page,
//! 404, robots.txt, sitemap, feed, catalog exports) and whole folders
//! (`assets/`, `catalog/`, `search/` …). Everything else belongs to a
//! document (its page and its attachments), a column page, or an alias.
//! This module is the one list of the generator's paths — `parse` takes its
//! reserved names from it, the renderer its fixed file names — and the one
//! place where claims are checked against each other ([`UrlMap::claim`]):
//! two claims on one file, or a file where another claim needs a folder,
//! would make the build overwrite one with the other (which one depends on
//! which thread finishes last) or fail half-way.
//!
//! Paths here are output paths relative to the output folder,
//! `/`-separated, without a leading `/`. A path ending in `/` stands for
//! its `index.html`. This module depends on nothing above the config layer.

use crate::config::SiteConfig;
use crate::util::slug::encode_path;
use std::borrow::Cow;
use std::collections::HashMap;
// Output paths are the site's own, not an attacker's choice of keys: a
// fast hash (the map is rebuilt on every watch rebuild).
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

/// The file a folder's URL is served from (`a/` → `a/index.html`).
pub const INDEX_FILE: &str = "index.html";
/// The home page.
pub const HOME_PAGE: &str = INDEX_FILE;
/// The page servers show for a missing URL.
pub const NOT_FOUND_PAGE: &str = "404.html";
/// robots.txt.
pub const ROBOTS: &str = "robots.txt";
/// The sitemap.
pub const SITEMAP: &str = "sitemap.xml";
/// The Atom feed of new documents.
pub const FEED: &str = "feed.xml";
/// The catalog as JSON.
pub const CATALOG_JSON: &str = "catalog.json";
/// The catalog as CSV.
pub const CATALOG_CSV: &str = "catalog.csv";

/// The highlighting stylesheet: the one file in [`ASSETS`] that is not
/// the theme's.
pub const SYNTAX_CSS: &str = "assets/syntax.css";

/// Files at the root of the output folder that the generator writes.
pub const ROOT_FILES: [&str; 7] = [
    HOME_PAGE,
    NOT_FOUND_PAGE,
    ROBOTS,
    SITEMAP,
    FEED,
    CATALOG_JSON,
    CATALOG_CSV,
];

/// Theme static files and the highlighting stylesheet.
pub const ASSETS: &str = "assets/";
/// The catalog home and its list pages.
pub const CATALOG: &str = "catalog/";
/// The search page, its index shards and fold table.
pub const SEARCH: &str = "search/";
/// The validity pages, their exports and the changes feed.
pub const VALIDITY: &str = "validity/";
/// The gazette: issues, PDFs, gazette.json and its feed.
pub const GAZETTE: &str = "gazette/";
/// The statistics page and stats.json.
pub const STATS: &str = "stats/";
/// The annual reports (年度报告): the list, each report, the exports.
pub const REPORTS: &str = "annual-reports/";
/// Every report's tables as JSON.
pub const REPORTS_JSON: &str = "annual-reports/reports.json";
/// Every report's tables as CSV (one row per cell).
pub const REPORTS_CSV: &str = "annual-reports/reports.csv";

/// One year's reports added up: `annual-reports/total/2024/`.
pub fn report_total(year: i16) -> String {
    format!("{REPORTS}total/{year}/")
}

/// The comparison of the reports across years.
pub const REPORTS_COMPARE: &str = "annual-reports/compare/";

/// A report's page: `annual-reports/2024/szfbgs/`.
pub fn report_page(year: i16, name: &str) -> String {
    format!("{REPORTS}{year}/{name}/")
}

/// The 网站地图 for people (`sitemap.xml` is the one for search engines).
pub const SITE_MAP: &str = "wzdt/";
/// Nothing is written here: `content/pages/` holds the column pages'
/// sources, and keeping the URL free means no document looks like one.
pub const PAGES: &str = "pages/";

// Paths inside the generator's folders, for the renderer and the search
// index (what the map checks claims against is only the folders above).

/// Every document, newest first.
pub const CATALOG_ALL: &str = "catalog/all/";
/// The lists by topic (`catalog/category/<slug>/`, a subtopic below it).
pub const CATALOG_BY_CATEGORY: &str = "catalog/category/";
/// The lists by publishing agency.
pub const CATALOG_BY_AGENCY: &str = "catalog/agency/";
/// The lists by year of publication.
pub const CATALOG_BY_YEAR: &str = "catalog/year/";
/// The lists by document class.
pub const CATALOG_BY_CLASS: &str = "catalog/class/";

/// Page `n` (2 and on) of the paginated list at `base`: `catalog/all/page/2/`.
pub fn list_page(base: &str, n: usize) -> String {
    format!("{base}page/{n}/")
}

/// The search index's root file (it carries the whole index's key).
pub const SEARCH_INDEX: &str = "search/index.json";
/// The table of characters the search folds together.
pub const SEARCH_FOLD: &str = "search/fold.json";
/// Per-document fragments, 64 to a pack: `search/d/0.bin`.
pub const SEARCH_FRAGMENTS: &str = "search/d/";
/// The posting shards, 64 to a pack: `search/s/0.bin`.
pub const SEARCH_SHARDS: &str = "search/s/";
/// The facet sets, in one pack: `search/f/0.bin`.
pub const SEARCH_FACETS: &str = "search/f/";

/// The 失效文件清单 and its filter pages (`agency/<slug>/`, `status/<key>/`).
pub const EXPIRED: &str = "validity/expired/";
/// The 失效文件清单 as JSON.
pub const EXPIRED_JSON: &str = "validity/expired.json";
/// The 失效文件清单 as CSV.
pub const EXPIRED_CSV: &str = "validity/expired.csv";
/// The 继续有效目录.
pub const VALID: &str = "validity/valid/";
/// The 继续有效目录 as JSON.
pub const VALID_JSON: &str = "validity/valid.json";
/// The 继续有效目录 as CSV.
pub const VALID_CSV: &str = "validity/valid.csv";
/// The Atom feed of status changes.
pub const CHANGES_FEED: &str = "validity/changes.xml";

/// The statistics as JSON.
pub const STATS_JSON: &str = "stats/stats.json";

/// Every issue as JSON.
pub const GAZETTE_JSON: &str = "gazette/gazette.json";
/// The Atom feed of issues.
pub const GAZETTE_FEED: &str = "gazette/feed.xml";

/// A year's issues: `gazette/2024/`.
pub fn gazette_year(year: u16) -> String {
    format!("{GAZETTE}{year}/")
}

/// An issue's page: `gazette/2024/07/`.
pub fn gazette_issue(year: u16, number: u16) -> String {
    format!("{GAZETTE}{year}/{number:02}/")
}

/// The print edition of the issue at `issue_url`: `gazette/2024/07/print/`.
pub fn print_edition(issue_url: &str) -> String {
    format!("{issue_url}print/")
}

/// The theme's stylesheet, script and search script, which every page links.
pub const SITE_CSS: &str = "assets/site.css";
/// See [`SITE_CSS`].
pub const SITE_JS: &str = "assets/site.js";
/// See [`SITE_CSS`].
pub const SEARCH_JS: &str = "assets/search.js";
/// The theme's stylesheet for the gazette's print edition.
pub const GAZETTE_PRINT_CSS: &str = "assets/gazette-print.css";

/// Folders at the root of the output folder that are wholly the
/// generator's: nothing else may claim a path inside them.
pub const GENERATOR_FOLDERS: [&str; 9] = [
    ASSETS, CATALOG, PAGES, GAZETTE, REPORTS, SEARCH, STATS, VALIDITY, SITE_MAP,
];

/// First URL segments the generator uses itself: [`GENERATOR_FOLDERS`]
/// without the slash (a document folder or page slug may not be one).
pub const RESERVED_SEGMENTS: [&str; 9] = [
    "assets",
    "catalog",
    "pages",
    "gazette",
    "annual-reports",
    "search",
    "stats",
    "validity",
    "wzdt",
];

/// The generator writes `path` itself: a root file or anything inside one
/// of its folders.
pub fn is_generated(path: &str) -> bool {
    generated_owner(&fold(path)).is_some()
}

/// The generator's root file or folder that `folded` (an output path, or
/// a map key: `` the home page, `a/` a folder's page) is or is inside of.
/// Only the first segment matters, so nothing is allocated.
fn generated_owner(folded: &str) -> Option<&'static str> {
    if folded.is_empty() {
        return Some(HOME_PAGE);
    }
    let first = folded.split('/').next().unwrap_or("");
    // `index.html` itself, or a folder `catalog.csv/` where the file must be.
    if let Some(file) = ROOT_FILES.iter().find(|f| **f == first) {
        return Some(file);
    }
    // Anything in `catalog/`, and the file `catalog` where the folder must be.
    GENERATOR_FOLDERS
        .iter()
        .find(|dir| dir.strip_suffix('/') == Some(first))
        .copied()
}

/// What readers call a generator path, for messages.
fn generated_name(path: &str) -> &'static str {
    match path {
        HOME_PAGE => "首页",
        NOT_FOUND_PAGE => "“页面不存在”页",
        ROBOTS => "搜索引擎说明文件",
        SITEMAP => "网站地图",
        FEED => "订阅源",
        CATALOG_JSON | CATALOG_CSV => "目录数据文件",
        ASSETS => "样式和脚本目录",
        CATALOG => "信息公开目录",
        SEARCH => "站内搜索",
        VALIDITY => "文件效力栏目",
        GAZETTE => "政府公报栏目",
        STATS => "统计栏目",
        PAGES => "栏目页面的源目录",
        SITE_MAP => "网站地图页",
        _ => "系统生成的页面",
    }
}

/// The file a URL path is written to: `a/b/` → `a/b/index.html`, `` → `index.html`.
pub fn page_file(url: &str) -> String {
    format!("{url}{HOME_PAGE}")
}

/// The output path of an alias, as the map keys it: `/old/1.html` →
/// `old/1.html`; `/old/1/`, `/old/1` and `/old/1/index.html` → `old/1/`
/// (its index.html); `/` → `` (the home page).
pub fn alias_path(alias: &str) -> String {
    let trimmed = alias.trim_start_matches('/');
    let last = trimmed.rsplit('/').next().unwrap_or("");
    if last == HOME_PAGE {
        trimmed[..trimmed.len() - HOME_PAGE.len()].to_string()
    } else if last.contains('.') || last.is_empty() {
        // a file, or a folder already written with its slash (or the root)
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    }
}

/// The file an alias is written to (see [`alias_path`]).
pub fn alias_output_file(alias: &str) -> String {
    let path = alias_path(alias);
    if path.is_empty() || path.ends_with('/') {
        page_file(&path)
    } else {
        path
    }
}

/// Why an alias cannot be an address on this site, or `None` when it can.
/// The form only: whether the path is free is [`UrlMap::claim`]'s business.
pub fn alias_problem(alias: &str) -> Option<&'static str> {
    if !alias.starts_with('/') {
        return Some("不是以 / 开头的站内路径");
    }
    if alias.starts_with("//") {
        return Some("以 // 开头的是其他网站的地址");
    }
    if let Some(c) = alias.chars().find(|c| is_forbidden_char(*c)) {
        return Some(match c {
            '?' | '#' => "含有 ? 或 #（查询串和锚点不是文件路径）",
            '%' => "含有 %（请直接写出汉字或字符，不要写百分号编码）",
            '\\' => "含有反斜杠 \\",
            ':' => "含有冒号（完整网址或盘符不能作旧网址）",
            c if c.is_whitespace() => "含有空格或其他空白字符",
            c if c.is_control() => "含有控制字符",
            '"' | '<' | '>' | '*' | '|' => "含有 \" < > * | 等不能作文件名的字符",
            _ => "含有看不见的格式字符（零宽字符、方向控制符等）",
        });
    }
    let inner = alias.trim_start_matches('/');
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    if inner.is_empty() {
        return None; // `/`: the home page, which the map reports as taken
    }
    for seg in inner.split('/') {
        if seg.is_empty() {
            return Some("含有空的目录名（//）");
        }
        if seg == "." || seg == ".." {
            return Some("含有 . 或 .. 目录");
        }
        if seg.starts_with('.') {
            return Some("含有以 . 开头的隐藏文件或目录");
        }
        if seg.ends_with('.') {
            return Some("有以 . 结尾的文件名或目录名（Windows 会去掉这个点）");
        }
        if seg.len() > MAX_SEGMENT_BYTES {
            return Some("有过长的文件名或目录名");
        }
        let stem = seg.split('.').next().unwrap_or(seg).to_ascii_lowercase();
        if WINDOWS_DEVICES.contains(&stem.as_str()) {
            return Some("含有 Windows 保留的设备名（如 con、nul、aux）");
        }
    }
    None
}

/// Longest file or folder name accepted, in bytes (file systems allow 255).
const MAX_SEGMENT_BYTES: usize = 200;

/// Names Windows will not create as files, with or without an extension.
const WINDOWS_DEVICES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

fn is_forbidden_char(c: char) -> bool {
    matches!(
        c,
        '?' | '#' | '%' | '\\' | ':' | '"' | '<' | '>' | '*' | '|'
    ) || c.is_control()
        || c.is_whitespace()
        || is_invisible(c)
}

/// Format characters that show nothing (or reorder what is shown): soft
/// hyphen, zero-width space/joiners, bidi marks and overrides, word joiner
/// and invisible operators, BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

/// `path` as compared: lowercase, since Windows and macOS file systems take
/// `Index.html` and `index.html` for one file. Borrowed when it already is.
fn fold(path: &str) -> Cow<'_, str> {
    if path.chars().any(char::is_uppercase) {
        Cow::Owned(path.to_lowercase())
    } else {
        Cow::Borrowed(path)
    }
}

/// What claims a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A document's own page.
    Document,
    /// A column page.
    Page,
    /// A document's attachment.
    Attachment,
    /// A document's old address (redirect).
    Alias,
    /// A theme's static file (`themes/…/static/`): may be in [`ASSETS`].
    ThemeStatic,
    /// The page of a folder that holds documents but has no page of its
    /// own (`xxgk/2024/`): it lists what is in the folder.
    Folder,
}

impl Kind {
    /// The Chinese name, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Document => "文件网址",
            Kind::Page => "栏目页面网址",
            Kind::Attachment => "附件",
            Kind::Alias => "旧网址",
            Kind::ThemeStatic => "主题静态文件",
            Kind::Folder => "目录页",
        }
    }
}

/// A claim on an output path, and where it is written.
#[derive(Debug, Clone, Copy)]
pub struct Claim<'a> {
    /// What claims it.
    pub kind: Kind,
    /// The source file, site-relative (`content/xxgk/a.md`).
    pub source: &'a str,
    /// The line of the claiming key in it (1 when unknown).
    pub line: u32,
}

/// Why a claim was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash<'a> {
    /// The generator writes this path (a root file) or the folder it is in.
    Generated {
        /// The root file or folder, e.g. `index.html`, `catalog/`.
        owner: &'static str,
        /// What readers call it.
        name: &'static str,
    },
    /// Another claim has the same output file.
    SameFile {
        /// The earlier claim.
        first: Owner<'a>,
        /// The output file both would write.
        file: String,
    },
    /// This claim is a file where an earlier claim needs a folder, or
    /// needs a folder where an earlier claim is a file.
    FileFolder {
        /// The earlier claim.
        first: Owner<'a>,
        /// The earlier claim's path.
        first_path: String,
        /// The path that would be both a file and a folder.
        conflict: String,
    },
}

/// The earlier claim named in a [`Clash`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner<'a> {
    /// What it is.
    pub kind: Kind,
    /// Its source file.
    pub source: &'a str,
    /// Its line there.
    pub line: u32,
}

/// Every claimed output path and its owner (see the module docs). Claims
/// are first come, first served: callers claim in a fixed order, so the
/// same site always reports the same clashes.
#[derive(Debug, Default)]
pub struct UrlMap<'a> {
    /// Folded output path (a `…/` path stands for its index.html) → owner
    /// and the path as claimed.
    files: HashMap<Cow<'a, str>, (Claim<'a>, Cow<'a, str>), Xxh3DefaultBuilder>,
    /// Folded folders (`a/`, `a/b/`) some claim needs → the first such claim
    /// and its path.
    folders: HashMap<Cow<'a, str>, (Claim<'a>, Cow<'a, str>), Xxh3DefaultBuilder>,
}

impl<'a> UrlMap<'a> {
    /// An empty map with room for `n` claims.
    pub fn with_capacity(n: usize) -> Self {
        // Folders are far fewer than files (most documents share a year's).
        UrlMap {
            files: HashMap::with_capacity_and_hasher(n, Xxh3DefaultBuilder),
            folders: HashMap::with_capacity_and_hasher(n / 8, Xxh3DefaultBuilder),
        }
    }

    /// Claims output `path` (`a/b/` for a page, `a/b/c.pdf` for a file)
    /// for `claim`, or says who has it. A refused claim is not recorded.
    pub fn claim(&mut self, path: Cow<'a, str>, claim: Claim<'a>) -> Result<(), Clash<'a>> {
        // `a/index.html` is the page `a/`: one key for one file.
        let dir_len = path
            .strip_suffix(HOME_PAGE)
            .filter(|dir| dir.is_empty() || dir.ends_with('/'))
            .map(str::len);
        let path = match (dir_len, path) {
            (Some(len), Cow::Borrowed(p)) => Cow::Borrowed(&p[..len]),
            (Some(len), Cow::Owned(mut p)) => {
                p.truncate(len);
                Cow::Owned(p)
            }
            (None, path) => path,
        };
        let key = match fold(&path) {
            Cow::Borrowed(_) => path.clone(),
            Cow::Owned(s) => Cow::Owned(s),
        };
        let theme_asset = claim.kind == Kind::ThemeStatic
            && key.starts_with(ASSETS)
            && key.as_ref() != SYNTAX_CSS;
        if let Some(owner) = generated_owner(&key).filter(|_| !theme_asset) {
            return Err(Clash::Generated {
                owner,
                name: generated_name(owner),
            });
        }
        if let Some((first, first_path)) = self.files.get(&key) {
            return Err(Clash::SameFile {
                first: first.owner(),
                file: page_or_file(first_path),
            });
        }
        if !key.ends_with('/') {
            // A file where an earlier claim needs a folder (a folder's own
            // page stands for the folder: its key is the folder's).
            let as_folder = format!("{key}/");
            let needed = self.folders.get(as_folder.as_str());
            if let Some((first, first_path)) = needed.or_else(|| self.files.get(as_folder.as_str()))
            {
                return Err(Clash::FileFolder {
                    first: first.owner(),
                    first_path: page_or_file(first_path),
                    conflict: key.to_string(),
                });
            }
        }
        // A folder where an earlier claim is a file. Deepest first: a
        // folder already recorded was checked when it was, and so were
        // the folders it is in (at 10,000 documents, most claims stop at
        // their year's folder).
        // A page's own folder is its key, in `files`; it is checked here.
        let own = usize::from(key.ends_with('/'));
        if let Some(file) = key.strip_suffix('/').filter(|f| !f.is_empty()) {
            if let Some((first, first_path)) = self.files.get(file) {
                return Err(Clash::FileFolder {
                    first: first.owner(),
                    first_path: page_or_file(first_path),
                    conflict: file.to_string(),
                });
            }
        }
        let mut new_folders = 0;
        for end in folder_ends(&key).rev().skip(own) {
            let folder = &key[..end];
            if self.folders.contains_key(folder) || self.files.contains_key(folder) {
                break;
            }
            let file = &folder[..end - 1];
            if let Some((first, first_path)) = self.files.get(file) {
                return Err(Clash::FileFolder {
                    first: first.owner(),
                    first_path: page_or_file(first_path),
                    conflict: file.to_string(),
                });
            }
            new_folders += 1;
        }
        for end in folder_ends(&key).rev().skip(own).take(new_folders) {
            let folder = match &key {
                Cow::Borrowed(s) => Cow::Borrowed(&s[..end]),
                Cow::Owned(s) => Cow::Owned(s[..end].to_string()),
            };
            self.folders.insert(folder, (claim, path.clone()));
        }
        self.files.insert(key, (claim, path));
        Ok(())
    }
}

impl UrlMap<'_> {
    /// Whether some claim has the page or file at `path` (`a/` a folder's page).
    pub fn is_claimed(&self, path: &str) -> bool {
        self.files.contains_key(fold(path).as_ref())
    }
}

impl<'a> Claim<'a> {
    fn owner(&self) -> Owner<'a> {
        Owner {
            kind: self.kind,
            source: self.source,
            line: self.line,
        }
    }
}

/// The output file of a claimed path, for messages.
fn page_or_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        page_file(path)
    } else {
        path.to_string()
    }
}

/// The byte ends of the folders `path` needs: `a/b/c.pdf` → ends of `a/`
/// and `a/b/`; `a/b/` → `a/`, `a/b/`.
fn folder_ends(path: &str) -> impl DoubleEndedIterator<Item = usize> + '_ {
    path.match_indices('/').map(|(i, _)| i + 1)
}

/// Builds URLs under the site's base path.
#[derive(Debug, Clone)]
pub struct Urls {
    root: String,
    base_url: String,
}

impl Urls {
    /// From the config.
    pub fn new(config: &SiteConfig) -> Self {
        Urls {
            root: config.base_path.clone(),
            base_url: config.base_url.clone(),
        }
    }

    /// Site-relative path (`xxgk/a/`) → URL path (`/xxgk/a/`), percent-encoded.
    pub fn path(&self, rel: &str) -> String {
        format!("{}{}", self.root, encode_path(rel))
    }

    /// Site-relative path → absolute URL.
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.base_url, encode_path(rel))
    }

    /// The root path.
    pub fn root(&self) -> &str {
        &self.root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(kind: Kind, line: u32) -> Claim<'static> {
        Claim {
            kind,
            source: "content/a.md",
            line,
        }
    }

    #[test]
    fn reserved_segments_are_the_generator_folders() {
        let from_folders: Vec<&str> = GENERATOR_FOLDERS
            .iter()
            .map(|f| f.strip_suffix('/').expect("a folder ends in /"))
            .collect();
        assert_eq!(from_folders, RESERVED_SEGMENTS);
        for f in ROOT_FILES {
            assert!(!f.contains('/') && f.contains('.'), "{f}");
        }
    }

    #[test]
    fn fixed_paths_are_inside_the_generator_folders() {
        for p in [
            CATALOG_ALL,
            CATALOG_BY_CATEGORY,
            CATALOG_BY_AGENCY,
            CATALOG_BY_YEAR,
            CATALOG_BY_CLASS,
            SEARCH_INDEX,
            SEARCH_FOLD,
            SEARCH_FRAGMENTS,
            SEARCH_SHARDS,
            SEARCH_FACETS,
            EXPIRED,
            EXPIRED_JSON,
            EXPIRED_CSV,
            VALID,
            VALID_JSON,
            VALID_CSV,
            CHANGES_FEED,
            STATS_JSON,
            GAZETTE_JSON,
            GAZETTE_FEED,
            SITE_CSS,
            SITE_JS,
            SEARCH_JS,
            GAZETTE_PRINT_CSS,
        ] {
            assert!(is_generated(p) && !p.starts_with('/'), "{p}");
        }
        assert_eq!(list_page(CATALOG_ALL, 2), "catalog/all/page/2/");
        assert_eq!(gazette_year(2024), "gazette/2024/");
        assert_eq!(gazette_issue(2024, 7), "gazette/2024/07/");
        assert_eq!(print_edition("gazette/2024/07/"), "gazette/2024/07/print/");
        assert_eq!(page_file(SEARCH), "search/index.html");
    }

    #[test]
    fn generated_paths_are_known() {
        for p in [
            "index.html",
            "Index.HTML",
            "404.html",
            "catalog.csv",
            "assets/site.css",
            "catalog/index.html",
            "catalog/all/page/2/index.html",
            "search/f/0.bin",
            "stats/stats.json",
            "gazette/2024/09/09.pdf",
            "validity/changes.xml",
            "catalog",
            "catalog.csv/x/index.html",
        ] {
            assert!(is_generated(p), "{p}");
        }
        for p in [
            "xxgk/a/index.html",
            "catalogue/index.html",
            "old/index.html",
            "guide/index.html",
        ] {
            assert!(!is_generated(p), "{p}");
        }
    }

    #[test]
    fn alias_paths_become_files() {
        assert_eq!(alias_output_file("/old/1.html"), "old/1.html");
        assert_eq!(alias_output_file("/old/1/"), "old/1/index.html");
        assert_eq!(alias_output_file("/old/1"), "old/1/index.html");
        assert_eq!(alias_output_file("/old/1/index.html"), "old/1/index.html");
        assert_eq!(alias_output_file("/"), "index.html");
        assert_eq!(alias_output_file("/index.html"), "index.html");
        assert_eq!(alias_path("/old/1/index.html"), "old/1/");
        assert_eq!(alias_path("/old/1"), "old/1/");
        assert_eq!(alias_path("/catalog.csv"), "catalog.csv");
    }

    #[test]
    fn dangerous_alias_forms_are_refused() {
        for bad in [
            "old/1.html",
            "//evil.example/x",
            "https://evil.example/",
            "/a/../b",
            "/a/./b",
            "/..",
            "/a//b",
            "/a\\b",
            "/a\0b",
            "/a?b=1",
            "/a#top",
            "/a/%2e%2e/b",
            "/a b",
            "/a\tb",
            "/a\u{3000}b",
            "/a\u{202E}lmth.exe",
            "/a\u{200B}b/",
            "/.git/config",
            "/a/.hidden/x.html",
            "/a/b.",
            "/con/x.html",
            "/a/NUL.txt",
            "/a<b>",
        ] {
            assert!(alias_problem(bad).is_some(), "{bad:?} passed");
        }
        let long = format!("/{}.html", "a".repeat(MAX_SEGMENT_BYTES));
        assert!(alias_problem(&long).is_some());
        for good in [
            "/",
            "/old/2019/118.html",
            "/xxgk/2019/118/",
            "/xxgk/2019/118",
            "/旧网站/通知公告/1.html",
            "/a-b_c/x.shtml",
            "/console/x.html",
        ] {
            assert_eq!(alias_problem(good), None, "{good:?}");
        }
    }

    #[test]
    fn generator_paths_cannot_be_claimed() {
        let mut map = UrlMap::default();
        for path in [
            "",
            "index.html",
            "catalog/",
            "catalog",
            "404.html",
            "robots.txt",
            "assets/site.css",
            "catalog.csv",
            "Catalog.CSV",
            "stats/x/",
            "pages/x/",
        ] {
            let got = map.claim(Cow::Borrowed(path), claim(Kind::Alias, 1));
            assert!(
                matches!(got, Err(Clash::Generated { .. })),
                "{path}: {got:?}"
            );
        }
        assert!(map
            .claim(Cow::Borrowed("catalogue/"), claim(Kind::Alias, 1))
            .is_ok());
        // the theme's own files go in assets/, but not over the generator's
        for ok in ["assets/site.css", "assets/img/logo.png", "favicon.ico"] {
            map.claim(Cow::Borrowed(ok), claim(Kind::ThemeStatic, 0))
                .expect(ok);
        }
        for bad in [
            SYNTAX_CSS,
            "index.html",
            "search/x.js",
            "catalog/index.html",
        ] {
            let got = map.claim(Cow::Borrowed(bad), claim(Kind::ThemeStatic, 0));
            assert!(
                matches!(got, Err(Clash::Generated { .. })),
                "{bad}: {got:?}"
            );
        }
    }

    #[test]
    fn one_file_has_one_owner() {
        let mut map = UrlMap::default();
        map.claim(Cow::Borrowed("xxgk/a/"), claim(Kind::Document, 3))
            .expect("free");
        let got = map.claim(Cow::Borrowed("xxgk/a/"), claim(Kind::Alias, 7));
        assert_eq!(
            got,
            Err(Clash::SameFile {
                first: Owner {
                    kind: Kind::Document,
                    source: "content/a.md",
                    line: 3
                },
                file: "xxgk/a/index.html".into()
            })
        );
        // case is folded: one file on Windows and macOS
        let got = map.claim(Cow::Borrowed("XXGK/A/"), claim(Kind::Alias, 8));
        assert!(
            matches!(&got, Err(Clash::SameFile { file, .. }) if file == "xxgk/a/index.html"),
            "{got:?}"
        );
        // a file named index.html is its folder's page
        let got = map.claim(
            Cow::Owned("xxgk/a/index.html".into()),
            claim(Kind::Attachment, 8),
        );
        assert!(matches!(got, Err(Clash::SameFile { .. })), "{got:?}");
        let got = map.claim(Cow::Borrowed("index.html"), claim(Kind::Attachment, 8));
        assert!(matches!(got, Err(Clash::Generated { .. })), "{got:?}");
        // a refused claim is not recorded: the next one names the first owner
        let got = map.claim(Cow::Borrowed("xxgk/a/"), claim(Kind::Alias, 9));
        assert!(
            matches!(got, Err(Clash::SameFile { first, .. }) if first.line == 3),
            "{got:?}"
        );
    }

    #[test]
    fn a_file_cannot_stand_where_a_folder_is_needed() {
        let mut map = UrlMap::default();
        map.claim(Cow::Borrowed("xxgk/a/"), claim(Kind::Document, 1))
            .expect("free");
        // the file `xxgk` where the document needs the folder `xxgk/`
        let got = map.claim(Cow::Borrowed("xxgk"), claim(Kind::Attachment, 2));
        assert!(
            matches!(&got, Err(Clash::FileFolder { conflict, .. }) if conflict == "xxgk"),
            "{got:?}"
        );
        map.claim(Cow::Borrowed("old/b.html"), claim(Kind::Alias, 3))
            .expect("free");
        // the page `xxgk/a/fj/` where an attachment is the file `xxgk/a/fj`
        map.claim(Cow::Borrowed("xxgk/a/fj"), claim(Kind::Attachment, 3))
            .expect("free");
        let got = map.claim(Cow::Borrowed("xxgk/a/fj/"), claim(Kind::Alias, 3));
        assert!(
            matches!(&got, Err(Clash::FileFolder { conflict, .. }) if conflict == "xxgk/a/fj"),
            "{got:?}"
        );
        // the folder `old/b.html/` where the alias is a file
        let got = map.claim(Cow::Borrowed("old/b.html/c/"), claim(Kind::Alias, 4));
        assert!(
            matches!(&got, Err(Clash::FileFolder { conflict, first_path, .. })
                if conflict == "old/b.html" && first_path == "old/b.html"),
            "{got:?}"
        );
        // a file and a page beside each other are fine
        map.claim(Cow::Borrowed("old/b/"), claim(Kind::Alias, 5))
            .expect("old/b/index.html is another file");
        map.claim(Cow::Borrowed("xxgk/a/fj.pdf"), claim(Kind::Attachment, 6))
            .expect("inside the document's folder");
    }
}
