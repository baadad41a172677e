//! What templates see. Separate from the internal model so that refactoring
//! the pipeline never breaks a site's theme. Every URL here is ready to use
//! (base path included, percent-encoded).

use crate::config::url_map::{self, Urls};
use crate::index::{Catalog, Group, SiteIndex};
use crate::model::{Column, Document};
use serde::Serialize;

/// A link.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkView {
    /// Text.
    pub title: String,
    /// URL.
    pub url: String,
}

/// A document the page cites (依据, 替代, 解读对象 and the reverse links),
/// as official texts cite one: 《title》（文号）. Templates show
/// `cited` as the link text and `doc_number` after it, when it has one.
#[derive(Debug, Clone, Serialize)]
pub struct CitedDoc {
    /// Title as written.
    pub title: String,
    /// The title in book-title marks, those inside it made 〈〉 (《…〈…〉…》).
    pub cited: String,
    /// 发文字号, when the document has one.
    pub doc_number: Option<String>,
    /// URL.
    pub url: String,
}

/// `doc` as a [`CitedDoc`].
pub fn cited_doc(doc: &Document, urls: &Urls) -> CitedDoc {
    let inner = doc.meta.title.replace('《', "〈").replace('》', "〉");
    CitedDoc {
        title: doc.meta.title.clone(),
        cited: format!("《{inner}》"),
        doc_number: doc.meta.doc_number.clone(),
        url: urls.path(&doc.url),
    }
}

/// Site-wide values.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site name.
    pub title: String,
    /// One-line description.
    pub description: String,
    /// `lang` attribute.
    pub lang: &'static str,
    /// Root URL path (`/` or `/sub/`).
    pub root: String,
    /// Absolute base URL.
    pub base_url: String,
    /// Footer text.
    pub footer: Option<String>,
    /// Stylesheet URL (with content hash for caches).
    pub css_url: String,
    /// Syntax stylesheet URL.
    pub syntax_css_url: String,
    /// Script URL.
    pub js_url: String,
    /// Search client URL.
    pub search_js_url: String,
    /// What the scripts show, as JSON for `<script type="application/json"
    /// id="gk-strings">` (already safe there): see `i18n::script_strings`.
    pub script_strings: String,
    /// Feed URL.
    pub feed_url: String,
    /// Main navigation.
    pub nav: Vec<NavItem>,
    /// 网站标识码, 主办单位, 备案号, contact: the footer and the site-level metadata.
    pub identity: IdentityView,
}

/// A main-navigation entry.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Text.
    pub title: String,
    /// URL.
    pub url: String,
    /// The section key (`home`, `catalog`, or a page URL) for `aria-current`.
    pub key: String,
}

/// A document in a list.
#[derive(Debug, Clone, Serialize)]
pub struct DocItem<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: String,
    /// 发文字号.
    pub doc_number: Option<&'a str>,
    /// 发布机构.
    pub agency: &'a str,
    /// 发布日期 YYYY-MM-DD.
    pub published: String,
    /// 文件类别.
    pub doc_class: &'static str,
    /// Validity name.
    pub status: &'static str,
    /// Validity key (CSS class).
    pub status_key: &'static str,
    /// The 发布日期 when it is still to come (a `--future` preview only):
    /// the theme marks the entry 未到发布日期.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled: Option<String>,
}

/// An attachment.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    /// Title.
    pub title: String,
    /// File name.
    pub file: String,
    /// URL.
    pub url: String,
    /// Human size (e.g. `12.3 KB`).
    pub size: String,
    /// Bytes.
    pub bytes: u64,
    /// Lowercase hex SHA-256.
    pub sha256: String,
    /// Upper-case extension, e.g. `PDF`.
    pub kind: String,
}

/// Validity as shown on a document page.
#[derive(Debug, Clone, Serialize)]
pub struct ValidityView {
    /// Status name.
    pub status: &'static str,
    /// Status key.
    pub status_key: &'static str,
    /// Since (YYYY-MM-DD).
    pub since: Option<String>,
    /// 施行日期.
    pub effective: Option<String>,
    /// 有效期至.
    pub expires: Option<String>,
    /// 理由.
    pub reason: Option<String>,
    /// 依据.
    pub basis: Option<CitedDoc>,
    /// 替代文件.
    pub replaced_by: Vec<CitedDoc>,
    /// Whether a banner is shown (anything but 有效).
    pub banner: bool,
    /// 尚未生效.
    pub pending: bool,
    /// Not in force at all any more (失效, 到期失效, 废止): the banner says
    /// 本文件已不再有效.
    pub ceased: bool,
    /// On the 失效文件清单 (also 已修改 and 部分失效).
    pub no_longer_valid: bool,
    /// The day after `expires` while still in force at build time: from
    /// then on the page's script shows the 到期失效 banner.
    pub lapses_on: Option<String>,
    /// The name of the state it lapses into (到期失效).
    pub lapses_status: &'static str,
}

/// A category path as links.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryView {
    /// `一级/二级`.
    pub path: String,
    /// Links for each level.
    pub levels: Vec<LinkView>,
}

/// Everything about one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocView<'a> {
    /// Path id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// 发布机构 with its catalog link.
    pub agency: LinkView,
    /// 主题分类.
    pub category: CategoryView,
    /// 文件类别 with link.
    pub doc_class: LinkView,
    /// 文种.
    pub genre: Option<&'a str>,
    /// 发文字号.
    pub doc_number: Option<&'a str>,
    /// 索引号.
    pub index_number: Option<&'a str>,
    /// 成文日期.
    pub written: Option<String>,
    /// 发布日期 (with time when given).
    pub published: String,
    /// Year with link.
    pub year: LinkView,
    /// 有效性.
    pub validity: ValidityView,
    /// 主题词.
    pub keywords: &'a [String],
    /// 内容概述.
    pub abstract_text: Option<&'a str>,
    /// Attachments.
    pub attachments: Vec<AttachmentView>,
    /// 刊登公报 as text, e.g. `2024年第3期 第12页`.
    pub gazette: Option<String>,
    /// The issue this document appeared in, linking to its gazette page.
    pub gazette_issue: Option<GazetteIssueLink>,
    /// 解读对象.
    pub interprets: Option<CitedDoc>,
    /// 相关解读.
    pub interpretations: Vec<CitedDoc>,
    /// What this document replaces.
    pub replaces: Vec<CitedDoc>,
    /// Documents this decision declared repealed/lapsed.
    pub declared: Vec<CitedDoc>,
    /// Body HTML (safe: produced by our Markdown renderer).
    pub html: &'a str,
    /// Table of contents (h2/h3).
    pub toc: Vec<&'a crate::markdown::Heading>,
    /// schema.org JSON-LD, escaped for a `<script>` element.
    pub json_ld: String,
    /// The 发布日期 when it is still to come (a `--future` preview only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled: Option<String>,
}

/// 刊登于《…公报》2024年第7期（总第223期）: the link back to the issue.
#[derive(Debug, Clone, Serialize)]
pub struct GazetteIssueLink {
    /// `《清河市人民政府公报》2024年第7期（总第223期）`.
    pub title: String,
    /// The issue page.
    pub url: String,
    /// Page in the issue.
    pub page: Option<u32>,
}

/// Pagination state.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// 1-based current page.
    pub current: usize,
    /// Number of pages.
    pub total_pages: usize,
    /// Number of items.
    pub total_items: usize,
    /// Previous page URL.
    pub prev_url: Option<String>,
    /// Next page URL.
    pub next_url: Option<String>,
    /// Links to pages (all when few, else a window with gaps as `None`).
    pub pages: Vec<PageLink>,
}

/// One numbered page link; `url` is `None` for a gap (…).
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Page number (0 for a gap).
    pub number: usize,
    /// URL.
    pub url: Option<String>,
    /// Is this the current page.
    pub current: bool,
}

/// A catalog group as a link with a count.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    /// Name.
    pub name: String,
    /// URL.
    pub url: String,
    /// Number of documents.
    pub count: usize,
    /// Children (second-level categories).
    pub children: Vec<GroupView>,
}

/// A home-page column with its pages.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    /// Column key.
    pub key: &'static str,
    /// Heading.
    pub title: String,
    /// Pages in it.
    pub pages: Vec<PageSummary>,
}

/// A page in a column.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Summary.
    pub summary: Option<String>,
    /// The 发布日期 when it is still to come (a `--future` preview only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled: Option<String>,
}

/// A document as a list entry.
pub fn doc_item<'a>(index: &'a SiteIndex, i: usize, urls: &Urls) -> DocItem<'a> {
    let d = &index.docs[i];
    let status = index.validity[i].status;
    DocItem {
        title: &d.meta.title,
        url: urls.path(&d.url),
        doc_number: d.meta.doc_number.as_deref(),
        agency: &d.meta.agency,
        published: d.meta.published.to_string(),
        doc_class: d.meta.doc_class.name(),
        status: status.name(),
        status_key: status.key(),
        scheduled: scheduled_on(index, d.meta.published),
    }
}

/// `Some(date)` for what is shown before its date (only in a `--future`
/// preview: a normal build holds such items back), for the theme's
/// 未到发布日期 marker.
pub fn scheduled_on(index: &SiteIndex, date: jiff::civil::Date) -> Option<String> {
    crate::index::schedule::before_its_date(date, index.as_of).then(|| date.to_string())
}

/// A document as a link.
pub fn doc_link(doc: &Document, urls: &Urls) -> LinkView {
    LinkView {
        title: doc.meta.title.clone(),
        url: urls.path(&doc.url),
    }
}

/// A group (and its children) as a link with count, under `base` (e.g. `catalog/agency/`).
pub fn group_view(group: &Group, base: &str, urls: &Urls) -> GroupView {
    let own = format!("{base}{}/", group.slug);
    GroupView {
        name: group.name.clone(),
        url: urls.path(&own),
        count: group.docs.len(),
        children: group
            .children
            .iter()
            .map(|c| group_view(c, &own, urls))
            .collect(),
    }
}

/// Human-readable size in KB/MB (1 KB = 1024 bytes).
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// Column headings in the default order.
pub fn column_title(
    column: Column,
    t: &std::collections::BTreeMap<&'static str, &'static str>,
) -> String {
    let key = match column {
        Column::Guide => "column_guide",
        Column::System => "column_system",
        Column::Statutory => "column_statutory",
        Column::Reports => "column_reports",
    };
    t.get(key).copied().unwrap_or_default().to_string()
}

/// The catalog's four dimensions: each one's folder, the UI string of its
/// name, and its lists.
pub(super) fn catalog_dimensions(c: &Catalog) -> [(&'static str, &'static str, &[Group]); 4] {
    [
        (url_map::CATALOG_BY_CATEGORY, "by_category", &c.categories),
        (url_map::CATALOG_BY_AGENCY, "by_agency", &c.agencies),
        (url_map::CATALOG_BY_YEAR, "by_year", &c.years),
        (url_map::CATALOG_BY_CLASS, "by_class", &c.classes),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_size(900), "900 B");
        assert_eq!(human_size(2048), "2.0 KB");
        assert_eq!(human_size(5 * 1024 * 1024), "5.0 MB");
    }
}

/// The identity as the footer and the site-level metadata show it.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct IdentityView {
    /// SiteDomain: the host of the site's address.
    pub domain: String,
    /// 网站标识码 (SiteIDCode).
    pub site_code: Option<String>,
    /// 主办单位.
    pub sponsor: Option<String>,
    /// 承办单位.
    pub organizer: Option<String>,
    /// ICP备案号 with the MIIT record system's address.
    pub icp: Option<LinkView>,
    /// 公安机关备案号 with its record page.
    pub police: Option<LinkView>,
    /// 党政机关网站标识: `title` is the image URL, `url` the record page.
    pub conac: Option<LinkView>,
    /// 联系电话.
    pub phone: Option<String>,
    /// 电子邮箱.
    pub email: Option<String>,
    /// 地址.
    pub address: Option<String>,
    /// The people's 网站地图 page.
    pub site_map_url: String,
}
