//! Loading templates and static files: the site's chosen theme, then
//! `themes/default/` on disk, then the copy of the default theme embedded in
//! the binary. A name found in an earlier layer wins, so a site overrides one
//! template at a time, and a bare site (no themes/ at all) still builds.

use anyhow::Context;
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;
use walkdir::WalkDir;

macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8])),*]
    };
}

/// The default theme, compiled in.
const EMBEDDED: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/home.html",
    "templates/document.html",
    "templates/list.html",
    "templates/catalog.html",
    "templates/page.html",
    "templates/redirect.html",
    "templates/404.html",
    "templates/gazette_home.html",
    "templates/gazette_year.html",
    "templates/gazette_issue.html",
    "templates/gazette_print.html",
    "templates/partials/gazette_issues.html",
    "templates/search.html",
    "templates/partials/doc_list.html",
    "templates/partials/pagination.html",
    "templates/partials/breadcrumb.html",
    "templates/partials/catalog_nav.html",
    "templates/partials/main_nav.html",
    "templates/partials/footer.html",
    "templates/partials/status_flip.html",
    "templates/validity_expired.html",
    "templates/validity_valid.html",
    "templates/stats.html",
    "static/assets/site.css",
    "static/assets/site.js",
    "static/assets/gazette-print.css",
    "static/assets/search.js",
];

/// Templates ready to render plus the static files to copy.
pub struct Theme {
    /// Parsed templates.
    pub tera: Tera,
    /// Output path → bytes of static files (`assets/site.css` …).
    pub statics: BTreeMap<String, Vec<u8>>,
    /// Hash of every template and static file: part of each page's
    /// fingerprint, so editing the theme re-renders the pages.
    pub fingerprint: u64,
}

/// Loads the theme `name` from `themes_dir` (which may not exist).
pub fn load_theme(themes_dir: &Path, name: &str) -> anyhow::Result<Theme> {
    // name → (bytes, where it came from)
    let mut files: BTreeMap<String, (Vec<u8>, String)> = EMBEDDED
        .iter()
        .map(|(path, bytes)| {
            (
                path.to_string(),
                (bytes.to_vec(), format!("（内置）themes/default/{path}")),
            )
        })
        .collect();
    let mut layers = vec!["default"];
    if name != "default" {
        layers.push(name);
    }
    for layer in layers {
        let dir = themes_dir.join(layer);
        if !dir.is_dir() {
            if layer != "default" {
                anyhow::bail!("找不到主题目录 themes/{layer}（site.yaml 的 theme 字段）");
            }
            continue;
        }
        for entry in WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.with_context(|| format!("读取主题目录 {} 失败", dir.display()))?;
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let rel: String = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let file_name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || crate::source::is_ignored(&file_name) {
                continue;
            }
            if !(rel.starts_with("templates/") || rel.starts_with("static/")) {
                continue;
            }
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("读取 {} 失败", entry.path().display()))?;
            files.insert(rel.clone(), (bytes, format!("themes/{layer}/{rel}")));
        }
    }
    let mut hasher = std::hash::DefaultHasher::new();
    for (rel, (bytes, _)) in &files {
        std::hash::Hasher::write(&mut hasher, rel.as_bytes());
        std::hash::Hasher::write(&mut hasher, bytes);
    }
    let fingerprint = std::hash::Hasher::finish(&hasher);
    let mut templates = Vec::new();
    let mut statics = BTreeMap::new();
    for (rel, (bytes, origin)) in files {
        if let Some(name) = rel.strip_prefix("templates/") {
            let text = String::from_utf8(bytes)
                .map_err(|_| anyhow::anyhow!("模板 {origin} 不是 UTF-8 编码"))?;
            templates.push((name.to_string(), text, origin));
        } else if let Some(out) = rel.strip_prefix("static/") {
            statics.insert(out.to_string(), bytes);
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/` as `&#x2F;`: valid, but it bloats every URL
    // and 索引号 and makes pages hard to grep. Quotes, `<`, `>` and `&` are enough.
    tera.set_escape_fn(crate::markdown::escape_html);
    let origins: BTreeMap<String, String> = templates
        .iter()
        .map(|(n, _, o)| (n.clone(), o.clone()))
        .collect();
    tera.add_raw_templates(templates.into_iter().map(|(n, t, _)| (n, t)))
        .map_err(|e| {
            anyhow::anyhow!(
                "主题模板有错误：{}",
                crate::render::error_chain(&e, &origins)
            )
        })?;
    Ok(Theme {
        tera,
        statics,
        fingerprint,
    })
}
