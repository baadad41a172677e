//! 网页元数据: the `<meta>` names the 政府网站发展指引 (国办发〔2017〕47号)
//! asks every page of a government website to carry, which the national
//! inspection's crawlers read — site level (SiteName, SiteDomain,
//! SiteIDCode), column level (ColumnName, ColumnDescription,
//! ColumnKeywords, ColumnType) and, on a document's page, content level
//! (ArticleTitle, PubDate, ContentSource, Keywords, Author, Description,
//! Image, Url) — and the site's identity as the footer shows it.
//!
//! Values are plain text here; the templates escape them.

use super::view::{IdentityView, LinkView};
use super::Shared;
use crate::config::identity::{Identity, ICP_RECORD_URL, POLICE_RECORD_URL};
use crate::config::url_map;
use crate::model::{Column, DocClass, Document};
use serde::Serialize;

/// The navigation section of document-folder pages (`xxgk/2024/`; their
/// column is the catalog).
pub(crate) const FOLDER_SECTION: &str = "folder";

/// The kinds of column the 指引 names (栏目类型), as far as this site has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// 信息公开目录: the catalog, its lists and the 政府信息公开 column pages.
    DisclosureCatalog,
    /// 文件资料: rules, normative and other documents, the gazette.
    Documents,
    /// 政策解读.
    Interpretation,
    /// 数据发布: statistics.
    Data,
}

impl ColumnType {
    /// The name written in `<meta name="ColumnType">`.
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::DisclosureCatalog => "信息公开目录",
            ColumnType::Documents => "文件资料",
            ColumnType::Interpretation => "政策解读",
            ColumnType::Data => "数据发布",
        }
    }

    /// The column type of a document of `class`.
    pub fn of_class(class: DocClass) -> ColumnType {
        match class {
            DocClass::Rule | DocClass::Normative | DocClass::Other => ColumnType::Documents,
            DocClass::Interpretation => ColumnType::Interpretation,
            DocClass::AnnualReport => ColumnType::DisclosureCatalog,
        }
    }
}

/// Column-level metadata.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ColumnMeta {
    /// ColumnName: the column the page is in.
    pub name: String,
    /// ColumnDescription.
    pub description: String,
    /// ColumnKeywords, comma-separated.
    pub keywords: String,
    /// ColumnType (see [`ColumnType`]).
    pub kind: &'static str,
}

/// Content-level metadata of a document's page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ArticleMeta {
    /// ArticleTitle.
    pub title: String,
    /// PubDate, `YYYY-MM-DD HH:MM` (00:00 when the document gives no time).
    pub pub_date: String,
    /// ContentSource: the 发布机构.
    pub source: String,
    /// Keywords: the 主题词, comma-separated (empty: none).
    pub keywords: String,
    /// Author: the issuing agency, which is a government document's author.
    pub author: String,
    /// Description: the 内容概述, or the start of the text.
    pub description: String,
    /// Image: the absolute URL of the first image of the body (empty: none).
    pub image: String,
    /// Url: the canonical address.
    pub url: String,
}

/// Everything of the 网页元数据 that differs between pages (the site level
/// is in `site`).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct PageMetadata {
    /// Column level; `None` on pages that are in no column (home, search, 404).
    pub column: Option<ColumnMeta>,
    /// Content level; only on a document's page.
    pub article: Option<ArticleMeta>,
}

/// The column of a page, from its navigation section (`section`) and path.
pub(super) fn column_for(s: &Shared<'_>, section: &str, rel: &str) -> Option<ColumnMeta> {
    let site = s.config.title.as_str();
    let column = |name: &str, kind: ColumnType, about: String| ColumnMeta {
        name: name.to_string(),
        description: about,
        keywords: format!("{name},{}", kind.name()),
        kind: kind.name(),
    };
    if section == "catalog" {
        return Some(column(
            s.t["catalog"],
            ColumnType::DisclosureCatalog,
            format!("{site}：主动公开的政府信息，按主题分类、发布机构、年份和文件类别排列"),
        ));
    }
    if section == "gazette" {
        let name = s.config.gazette.name.as_str();
        return Some(column(
            name,
            ColumnType::Documents,
            format!("《{name}》各期目录、所刊文件和整期 PDF"),
        ));
    }
    if section == super::stats::STATS_URL {
        return Some(column(
            s.t["stats"],
            ColumnType::Data,
            format!("{site}：主动公开文件的数量统计"),
        ));
    }
    if section == url_map::EXPIRED || rel.starts_with(url_map::VALIDITY) {
        return Some(column(
            s.t["validity_column"],
            ColumnType::Documents,
            format!("{site}：已失效、废止的文件清单和继续有效的文件目录"),
        ));
    }
    if let Some(page) = s.index.pages.iter().find(|p| p.url == section) {
        let name = match page.column {
            Some(c) => super::view::column_title(c, &s.t),
            None => page.title.clone(),
        };
        let about = page
            .summary
            .clone()
            .unwrap_or_else(|| format!("{site}：{}", page.title));
        let kind = match page.column {
            Some(Column::Guide | Column::System | Column::Statutory | Column::Reports) | None => {
                ColumnType::DisclosureCatalog
            }
        };
        return Some(column(&name, kind, about));
    }
    if section == FOLDER_SECTION {
        return Some(column(
            s.t["catalog"],
            ColumnType::DisclosureCatalog,
            format!("{site}：按目录排列的主动公开文件"),
        ));
    }
    None
}

/// The column of a document's page: the list of its 文件类别.
pub(super) fn document_column(s: &Shared<'_>, doc: &Document) -> ColumnMeta {
    let class = doc.meta.doc_class;
    let kind = ColumnType::of_class(class);
    ColumnMeta {
        name: class.name().to_string(),
        description: format!("{}：主动公开的{}", s.config.title, class.name()),
        keywords: format!("{},{}", class.name(), s.t["catalog"]),
        kind: kind.name(),
    }
}

/// The content level of a document's page, whose body is `html`.
pub(super) fn article(
    s: &Shared<'_>,
    doc: &Document,
    html: &str,
    description: &str,
) -> ArticleMeta {
    let m = &doc.meta;
    let time = m.published_time.as_deref().unwrap_or("00:00");
    ArticleMeta {
        title: m.title.clone(),
        pub_date: format!("{} {time}", m.published),
        source: m.agency.clone(),
        keywords: m.keywords.join(","),
        author: m.agency.clone(),
        description: description.to_string(),
        image: first_image(html)
            .map(|src| absolute(s, &doc.url, src))
            .unwrap_or_default(),
        url: s.urls.absolute(&doc.url),
    }
}

/// The `src` of the first `<img>` in rendered body HTML.
fn first_image(html: &str) -> Option<&str> {
    let at = html.find("<img ")?;
    let rest = &html[at..];
    let end = rest.find('>')?;
    let tag = &rest[..end];
    let src = tag.split_once(" src=\"")?.1;
    src.split_once('"')
        .map(|(src, _)| src)
        .filter(|s| !s.is_empty())
}

/// An image source as an absolute URL: as it is when it has a scheme, from
/// the site root when it starts with `/`, else beside the document.
fn absolute(s: &Shared<'_>, doc_url: &str, src: &str) -> String {
    if src.contains("://") {
        src.to_string()
    } else if let Some(path) = src.strip_prefix(s.urls.root()) {
        s.urls.absolute(path)
    } else {
        format!("{}{}", s.urls.absolute(doc_url), src)
    }
}

/// The identity view of the site.
pub(super) fn identity_view(
    identity: &Identity,
    domain: &str,
    urls: &crate::config::url_map::Urls,
) -> IdentityView {
    IdentityView {
        domain: domain.to_string(),
        site_code: identity.site_code.clone(),
        sponsor: identity.sponsor.clone(),
        organizer: identity.organizer.clone(),
        icp: identity.icp.as_ref().map(|icp| LinkView {
            title: icp.clone(),
            url: ICP_RECORD_URL.to_string(),
        }),
        police: identity.police_record.as_ref().map(|p| LinkView {
            title: p.text.clone(),
            url: format!("{POLICE_RECORD_URL}{}", p.code),
        }),
        conac: identity.conac.as_ref().map(|c| LinkView {
            title: if c.image.starts_with("https://") {
                c.image.clone()
            } else {
                urls.path(c.image.trim_start_matches('/'))
            },
            url: c.url.clone(),
        }),
        phone: identity.contact.phone.clone(),
        email: identity.contact.email.clone(),
        address: identity.contact.address.clone(),
        site_map_url: urls.path(url_map::SITE_MAP),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_image_of_a_body_is_found() {
        assert_eq!(
            first_image(r#"<p>a</p><img alt="x" src="chart.png"><img src="b.png">"#),
            Some("chart.png")
        );
        assert_eq!(first_image("<p>no image</p>"), None);
        assert_eq!(first_image(r#"<img src="">"#), None);
    }

    #[test]
    fn column_types_follow_the_document_class() {
        assert_eq!(ColumnType::of_class(DocClass::Normative).name(), "文件资料");
        assert_eq!(
            ColumnType::of_class(DocClass::Interpretation).name(),
            "政策解读"
        );
        assert_eq!(
            ColumnType::of_class(DocClass::AnnualReport).name(),
            "信息公开目录"
        );
    }
}
