//! What the site search finds: one [`Record`] per published document and
//! per published annual report, with the fields the search files are made
//! of. The rest of the stage reads records only, so a new kind of page
//! enters the search here and nowhere else.
//!
//! Records are numbered oldest first (date, time, URL): new ones are
//! appended and keep everyone else's number.

use crate::config::url_map;
use crate::index::validity::Status;
use crate::index::SiteIndex;
use crate::model::{Body, Category, DocClass};
use std::borrow::Cow;
use std::sync::Arc;

/// One searchable page, borrowed from the index.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    /// Site-relative URL path (`xxgk/2024/gf-1/`, `annual-reports/2024/szf/`).
    pub url: Cow<'a, str>,
    /// 发布日期.
    pub published: jiff::civil::Date,
    /// Time of day, when given.
    pub published_time: Option<&'a str>,
    /// 标题.
    pub title: &'a str,
    /// 发文字号.
    pub number: Option<&'a str>,
    /// 内容概述.
    pub summary: Option<&'a str>,
    /// Body (its plain text is what is searched).
    pub body: RecordBody<'a>,
    /// 发布机构 (a report's 报告机关).
    pub agency: &'a str,
    /// 文件类别: a report is a 年度报告.
    pub class: DocClass,
    /// 主题分类 (a report has none).
    pub category: Option<&'a Category>,
    /// Validity at the as-of date.
    pub status: Status,
    /// Whether it is in the gazette.
    pub gazette: bool,
}

impl Record<'_> {
    /// Where the numbering puts it.
    fn place(&self) -> (jiff::civil::Date, Option<&str>, &str) {
        (self.published, self.published_time, &self.url)
    }

    /// Everything that is searched in it, in one string (title, 文号,
    /// summary, body).
    pub fn searchable_text(&self) -> std::io::Result<String> {
        let mut s = self.title.to_string();
        for part in [self.number, self.summary].into_iter().flatten() {
            s.push('\n');
            s.push_str(part);
        }
        s.push('\n');
        s.push_str(&self.body.text()?);
        Ok(s)
    }
}

/// Where a record's body text is: a document's may be in the build's spill
/// file (`model::body`), a report's prose is held.
#[derive(Debug, Clone, Copy)]
pub enum RecordBody<'a> {
    /// A document's rendered body.
    Document(&'a Body),
    /// A report's prose as plain text.
    Report(&'a Arc<str>),
}

impl<'a> RecordBody<'a> {
    /// The plain text, read back if it is stored.
    pub fn text(&self) -> std::io::Result<Cow<'a, str>> {
        match *self {
            RecordBody::Document(body) => body.text(),
            RecordBody::Report(text) => Ok(Cow::Borrowed(text)),
        }
    }

    /// The text as a shared string (watch mode's search state compares it
    /// by pointer): no copy when held.
    pub fn shared_text(&self) -> std::io::Result<Arc<str>> {
        match *self {
            RecordBody::Document(body) => body.shared_text(),
            RecordBody::Report(text) => Ok(Arc::clone(text)),
        }
    }
}

/// Every record of `index`, numbered: record `n` is `records(index)[n]`.
/// Reports enter as they are published (the index holds no draft and no
/// report held back for its date).
pub fn records(index: &SiteIndex) -> Vec<Record<'_>> {
    let docs = index.docs.iter().zip(&index.validity).map(|(d, v)| {
        let m = &d.meta;
        Record {
            url: Cow::Borrowed(&d.url),
            published: m.published,
            published_time: m.published_time.as_deref(),
            title: &m.title,
            number: m.doc_number.as_deref(),
            summary: m.abstract_text.as_deref(),
            body: RecordBody::Document(&d.body),
            agency: &m.agency,
            class: m.doc_class,
            category: Some(&m.category),
            status: v.status,
            gazette: m.gazette.is_some(),
        }
    });
    let reports = index.reports.published.iter().map(|r| Record {
        url: Cow::Owned(url_map::report_page(r.year, &r.name)),
        published: r.published,
        published_time: None,
        title: &r.title,
        number: None,
        summary: None,
        body: RecordBody::Report(&r.text),
        agency: &r.agency,
        class: DocClass::AnnualReport,
        category: None,
        // A report declares no validity: 有效, as a document that declares none.
        status: Status::Valid,
        gazette: false,
    });
    let mut all: Vec<Record<'_>> = docs.chain(reports).collect();
    all.sort_by(|a, b| a.place().cmp(&b.place()));
    all
}
