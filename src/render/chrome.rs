//! What every page shares: the site and the UI strings as template values,
//! and the seed of every page's fingerprint and memo key.

use super::view::NavItem;
use super::{Job, Shared};
use crate::model::BuildContext;
use std::collections::BTreeMap;
use std::hash::Hasher;

/// Identifies the code that renders: a page rendered by another version of
/// gongkai is never taken as current.
const CODE_ID: &str = env!("GONGKAI_CODE_ID");

/// What every page's context shares: the site and the UI strings, turned
/// into template values once, and the seed of every page's fingerprint.
pub(super) struct Chrome {
    pub(super) site: serde_json::Value,
    pub(super) t: serde_json::Value,
    pub(super) seed: u64,
}

impl Chrome {
    pub(super) fn new(shared: &Shared<'_>, ctx: &BuildContext) -> anyhow::Result<Chrome> {
        let site = serde_json::to_value(&shared.site)?;
        let t = serde_json::to_value(&shared.t)?;
        let mut h = crate::util::hash::KeyHasher::new();
        h.write(CODE_ID.as_bytes());
        h.write_u64(shared.theme.fingerprint);
        // Every setting and the as-of date: memo keys, unlike fingerprints,
        // do not see the values a page is built from, so anything that could
        // change a page must be in the seed.
        h.write(format!("{:?}{ctx:?}", shared.config).as_bytes());
        hash_value(&site, &mut h);
        hash_value(&t, &mut h);
        Ok(Chrome {
            site,
            t,
            seed: h.finish(),
        })
    }

    /// The template values every page shares, as a context to start from:
    /// `site` and `t`. (The footer is not rendered once for all pages: its
    /// 找错 link carries each page's own address.)
    pub(super) fn base(&self) -> tera::Context {
        let mut base = tera::Context::new();
        base.insert("site", &self.site);
        base.insert("t", &self.t);
        base
    }

    /// The main navigation rendered from `partials/main_nav.html` once per
    /// section it marks as current, and once (under "") for pages of no
    /// section in it.
    pub(super) fn main_navs(
        &self,
        tera: &tera::Tera,
        base: &tera::Context,
        nav: &[NavItem],
    ) -> anyhow::Result<BTreeMap<String, String>> {
        let mut context = base.clone();
        let sections = std::iter::once("").chain(nav.iter().map(|item| item.key.as_str()));
        let mut navs = BTreeMap::new();
        for section in sections {
            context.insert("section", section);
            navs.insert(section.to_string(), prerender(tera, MAIN_NAV, &context)?);
        }
        Ok(navs)
    }

    /// A hash of everything the page is rendered from, so an unchanged page
    /// can be skipped without rendering it. Never 0 (0 means "untracked").
    pub(super) fn fingerprint(&self, job: &Job, page: &serde_json::Value) -> u64 {
        let mut h = crate::util::hash::KeyHasher::new();
        h.write_u64(self.seed);
        h.write(job.template.as_bytes());
        h.write(job.out.as_bytes());
        hash_value(page, &mut h);
        hash_value(&job.values, &mut h);
        h.finish() | 1
    }
}

/// Feeds a JSON value into a hasher, structure included (cheaper than
/// printing it as JSON first).
pub(super) fn hash_value(value: &serde_json::Value, h: &mut impl Hasher) {
    use serde_json::Value;
    match value {
        Value::Null => h.write_u8(0),
        Value::Bool(b) => h.write_u8(1 + u8::from(*b)),
        Value::Number(n) => {
            h.write_u8(3);
            h.write(n.to_string().as_bytes());
        }
        Value::String(s) => {
            h.write_u8(4);
            h.write_usize(s.len());
            h.write(s.as_bytes());
        }
        Value::Array(items) => {
            h.write_u8(5);
            h.write_usize(items.len());
            for item in items {
                hash_value(item, h);
            }
        }
        Value::Object(map) => {
            h.write_u8(6);
            h.write_usize(map.len());
            for (k, v) in map {
                h.write(k.as_bytes());
                h.write_u8(0xff);
                hash_value(v, h);
            }
        }
    }
}

const MAIN_NAV: &str = "partials/main_nav.html";

/// A part rendered once and shown by many pages, without leading or
/// trailing blank space (the page template sets the layout).
fn prerender(tera: &tera::Tera, template: &str, context: &tera::Context) -> anyhow::Result<String> {
    let html = tera
        .render(template, context)
        .map_err(|e| super::render_error("（各页共用部分）", template, &e, &[]))?;
    Ok(html.trim().to_string())
}

/// The templates that show the browse-by tree (`catalog`).
const WITH_CATALOG: [&str; 3] = ["list.html", "home.html", "catalog.html"];

/// One rendering thread's template context, reused page after page: the
/// values every page shares (`site`, `t`, and `catalog` for the templates
/// that show it) stay in it, and a page's own values are moved in for its
/// render and out again, so nothing shared is copied or freed per page.
pub(super) struct PageContext<'a> {
    context: tera::Context,
    /// The main navigation for each section (see [`Chrome::main_navs`]).
    navs: &'a BTreeMap<String, String>,
    /// The browse-by tree while it is not lent to the context.
    catalog: Option<serde_json::Value>,
    /// The last page's bytes (the buffer is reused).
    out: Vec<u8>,
}

impl<'a> PageContext<'a> {
    pub(super) fn new(shared: &'a Shared<'_>) -> PageContext<'a> {
        PageContext {
            context: shared.base.clone(),
            navs: &shared.navs,
            catalog: Some(shared.browse.clone()),
            out: Vec::new(),
        }
    }

    /// Renders `template` with the shared values, `page` and the page's
    /// own `values` (which win over shared ones of the same name).
    pub(super) fn render(
        &mut self,
        tera: &tera::Tera,
        template: &str,
        page: serde_json::Value,
        values: serde_json::Value,
    ) -> tera::Result<&[u8]> {
        let mut own = match values {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        if WITH_CATALOG.contains(&template) && !own.contains_key("catalog") {
            if let Some(catalog) = self.catalog.take() {
                own.insert("catalog".into(), catalog);
            }
        }
        let section = page.get("section").and_then(|s| s.as_str()).unwrap_or("");
        let nav = self.navs.get(section).or_else(|| self.navs.get(""));
        let nav = nav.cloned().unwrap_or_default();
        own.insert("main_nav".into(), serde_json::Value::String(nav));
        own.insert("page".into(), page);
        let keys: Vec<String> = own.keys().cloned().collect();
        let shadowed: Vec<(String, serde_json::Value)> = keys
            .iter()
            .filter_map(|k| self.context.remove(k).map(|v| (k.clone(), v)))
            .collect();
        self.context
            .extend(tera::Context::from_value(serde_json::Value::Object(own))?);
        self.out.clear();
        let result = tera.render_to(template, &self.context, &mut self.out);
        for key in &keys {
            let value = self.context.remove(key);
            if key == "catalog" && self.catalog.is_none() {
                self.catalog = value;
            }
        }
        if !shadowed.is_empty() {
            let back = serde_json::Value::Object(shadowed.into_iter().collect());
            self.context.extend(tera::Context::from_value(back)?);
        }
        result.map(|()| self.out.as_slice())
    }
}
