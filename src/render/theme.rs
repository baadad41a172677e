//! Loading templates and static files: the site's chosen theme, then
//! `themes/default/` on disk, then the copy of the default theme embedded in
//! the binary. A name found in an earlier layer wins, so a site overrides one
//! template at a time, and a bare site (no themes/ at all) still builds.

use super::theme_check::{self, Source};
use crate::diagnostics::BuildError;
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
    "templates/partials/read_aloud.html",
    "templates/validity_expired.html",
    "templates/validity_valid.html",
    "templates/stats.html",
    "templates/report.html",
    "templates/reports.html",
    "templates/reports_compare.html",
    "templates/partials/report_bodies.html",
    "templates/folder.html",
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
    /// Each template's text and file, to name the line of a render error.
    pub(crate) sources: Vec<Source>,
}

/// Loads the theme `name` from `themes_dir` (which may not exist) and
/// compiles every template without rendering a page: an unknown theme or
/// a template that cannot work is a content-class error naming the file and
/// line (see `theme_check`), a file that cannot be read an IO error.
pub fn load_theme(themes_dir: &Path, name: &str) -> Result<Theme, BuildError> {
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
                return Err(BuildError::Content(vec![theme_check::unknown_theme(
                    layer,
                    theme_line(themes_dir),
                    &present_themes(themes_dir),
                )]));
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
            if !entry.file_type().is_file() || crate::load::is_ignored(&file_name) {
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
    let mut hasher = crate::util::hash::KeyHasher::new();
    for (rel, (bytes, _)) in &files {
        std::hash::Hasher::write(&mut hasher, rel.as_bytes());
        std::hash::Hasher::write(&mut hasher, bytes);
    }
    let fingerprint = std::hash::Hasher::finish(&hasher);
    let mut sources = Vec::new();
    let mut statics = BTreeMap::new();
    let mut diags = Vec::new();
    for (rel, (bytes, origin)) in files {
        if let Some(name) = rel.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(text) => sources.push(Source {
                    name: name.to_string(),
                    text,
                    origin,
                }),
                Err(_) => diags.push(theme_check::not_utf8(&origin)),
            }
        } else if let Some(out) = rel.strip_prefix("static/") {
            statics.insert(out.to_string(), bytes);
        }
    }
    diags.extend(theme_check::parse_all(&sources));
    if !diags.is_empty() {
        return Err(BuildError::Content(diags));
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/` as `&#x2F;`: valid, but it bloats every URL
    // and 索引号 and makes pages hard to grep. Quotes, `<`, `>` and `&` are enough.
    tera.set_escape_fn(crate::util::html::escape_html);
    tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())))
        .map_err(|e| BuildError::Content(vec![theme_check::load_error(&e, &sources)]))?;
    let diags = theme_check::unknown_names(&tera, &sources);
    if !diags.is_empty() {
        return Err(BuildError::Content(diags));
    }
    Ok(Theme {
        tera,
        statics,
        fingerprint,
        sources,
    })
}

/// The line of `theme:` in the site.yaml beside `themes_dir`, for TPL001.
fn theme_line(themes_dir: &Path) -> Option<u32> {
    let root = themes_dir.parent()?;
    let text = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).ok()?;
    let at = text.lines().position(|l| l.starts_with("theme:"))?;
    Some(at as u32 + 1)
}

/// The theme folders `themes_dir` has, for TPL001's suggestion.
fn present_themes(themes_dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(themes_dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}
