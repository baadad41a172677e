//! The validated content model passed between stages.

pub mod body;

use crate::markdown::Heading;
use crate::yaml::frontmatter::KeyLocator;
pub use body::{Body, BodyStore, BodyText};
use jiff::civil::Date;

/// Inputs that are not content: decided by the caller (main.rs reads the clock).
#[derive(Debug, Clone)]
pub struct BuildContext {
    /// The date validity is judged at.
    pub as_of: Date,
    /// Publish drafts too (never non-public documents).
    pub drafts: bool,
    /// Publish what is dated after `as_of` too, marked 未到发布日期 (a
    /// preview: without it, such items are in no output until their date).
    pub future: bool,
}

/// 文件类别.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocClass {
    /// 规章 (government rules, 令 form numbers).
    Rule,
    /// 规范性文件.
    Normative,
    /// 其他文件 (the default).
    Other,
    /// 政策解读.
    Interpretation,
    /// 年度报告.
    AnnualReport,
}

impl DocClass {
    /// Every class, in display order.
    pub const ALL: [DocClass; 5] = [
        DocClass::Rule,
        DocClass::Normative,
        DocClass::Other,
        DocClass::Interpretation,
        DocClass::AnnualReport,
    ];

    /// The Chinese name editors write.
    pub fn name(self) -> &'static str {
        match self {
            DocClass::Rule => "规章",
            DocClass::Normative => "规范性文件",
            DocClass::Other => "其他文件",
            DocClass::Interpretation => "政策解读",
            DocClass::AnnualReport => "年度报告",
        }
    }

    /// URL segment of its catalog page.
    pub fn slug(self) -> &'static str {
        match self {
            DocClass::Rule => "gz",
            DocClass::Normative => "gfxwj",
            DocClass::Other => "qtwj",
            DocClass::Interpretation => "zcjd",
            DocClass::AnnualReport => "ndbg",
        }
    }

    /// Parses the Chinese name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// 规章 and 规范性文件 carry validity and appear in the validity lists.
    pub fn is_regulatory(self) -> bool {
        matches!(self, DocClass::Rule | DocClass::Normative)
    }
}

/// 公开属性.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    /// 主动公开: published on the site.
    Proactive,
    /// 依申请公开: never in any output.
    OnRequest,
    /// 不予公开: never in any output.
    NotDisclosed,
}

impl Disclosure {
    /// The values editors write.
    pub const NAMES: [&'static str; 3] = ["主动公开", "依申请公开", "不予公开"];

    /// Parses the Chinese name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "主动公开" => Some(Disclosure::Proactive),
            "依申请公开" => Some(Disclosure::OnRequest),
            "不予公开" => Some(Disclosure::NotDisclosed),
            _ => None,
        }
    }
}

/// A validity state an office declares (the rest are derived from dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeclaredStatus {
    /// 废止: repealed.
    Repealed,
    /// 失效: declared no longer valid.
    Lapsed,
    /// 已修改: amended.
    Amended,
    /// 部分失效: partly no longer valid.
    PartlyLapsed,
}

impl DeclaredStatus {
    /// The values editors write.
    pub const NAMES: [&'static str; 4] = ["废止", "失效", "已修改", "部分失效"];

    /// Parses the Chinese name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "废止" => Some(DeclaredStatus::Repealed),
            "失效" => Some(DeclaredStatus::Lapsed),
            "已修改" => Some(DeclaredStatus::Amended),
            "部分失效" => Some(DeclaredStatus::PartlyLapsed),
            _ => None,
        }
    }
}

/// `validity:` as declared in front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidityDecl {
    /// 施行日期.
    pub effective: Option<Date>,
    /// 有效期至 (last valid day).
    pub expires: Option<Date>,
    /// 效力状态 (declared).
    pub status: Option<DeclaredStatus>,
    /// 状态日期.
    pub date: Option<Date>,
    /// 依据: a reference.
    pub basis: Option<String>,
    /// 替代文件: references.
    pub replaced_by: Vec<String>,
    /// 理由.
    pub reason: Option<String>,
}

/// `gazette:` reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteRef {
    /// Year of the issue.
    pub year: u16,
    /// Issue number within the year.
    pub issue: u16,
    /// Page in the issue.
    pub page: Option<u32>,
    /// Section of the issue.
    pub section: Option<String>,
}

/// An attachment, checked to exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// File name relative to the document's folder.
    pub file: String,
    /// Path relative to `content/`.
    pub source_rel_path: String,
    /// Where to copy it from.
    pub abs_path: std::path::PathBuf,
    /// What readers see.
    pub title: String,
    /// Bytes.
    pub size: u64,
    /// Lowercase hex SHA-256.
    pub sha256: String,
}

/// A category written as `一级` or `一级/二级`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Category {
    /// First level.
    pub level1: String,
    /// Second level.
    pub level2: Option<String>,
}

impl Category {
    /// `一级/二级` as written.
    pub fn path(&self) -> String {
        match &self.level2 {
            Some(l2) => format!("{}/{l2}", self.level1),
            None => self.level1.clone(),
        }
    }
}

/// Front-matter fields after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocMeta {
    /// 标题.
    pub title: String,
    /// 发布机构.
    pub agency: String,
    /// 主题分类.
    pub category: Category,
    /// 发布日期.
    pub published: Date,
    /// Optional time of day `HH:MM`.
    pub published_time: Option<String>,
    /// 文件类别.
    pub doc_class: DocClass,
    /// 文种.
    pub genre: Option<String>,
    /// 发文字号, brackets normalised to 〔〕.
    pub doc_number: Option<String>,
    /// 索引号.
    pub index_number: Option<String>,
    /// 成文日期.
    pub written: Option<Date>,
    /// 公开属性.
    pub disclosure: Disclosure,
    /// 有效性 as declared.
    pub validity: ValidityDecl,
    /// 刊登公报.
    pub gazette: Option<GazetteRef>,
    /// 解读对象: a reference.
    pub interprets: Option<String>,
    /// 主题词.
    pub keywords: Vec<String>,
    /// 内容概述.
    pub abstract_text: Option<String>,
    /// Old URLs to redirect.
    pub aliases: Vec<String>,
    /// Draft: never published unless `--drafts`.
    pub draft: bool,
}

/// A validated document with its rendered body.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path-derived id: path under `content/` without `.md`.
    pub id: String,
    /// `content/…md`, for messages.
    pub source_path: String,
    /// Site-relative URL path, e.g. `xxgk/2024/gf-1/` (no leading slash, no base path).
    pub url: String,
    /// Metadata.
    pub meta: DocMeta,
    /// Attachments with size and hash.
    pub attachments: Vec<Attachment>,
    /// Body as HTML and plain text: in memory, or (a one-off build) in a
    /// spill file until a page or search block reads it (see [`body`]).
    pub body: Body,
    /// Headings, for the table of contents.
    pub headings: Vec<Heading>,
    /// Key positions, for cross-document diagnostics.
    pub keys: KeyLocator,
    /// Hash of the source file and its attachments: documents with equal
    /// stamps render alike (watch mode skips their pages without building
    /// their views).
    pub stamp: u64,
    /// The same without the body (path, front matter, attachments): equal
    /// head stamps show alike wherever the body is not shown (lists,
    /// catalog and validity exports, the sitemap).
    pub head_stamp: u64,
}

/// A document shared between the parse cache and every index built from it
/// (watch mode hands the same documents to each rebuild without copying).
pub type SharedDoc = std::sync::Arc<Document>;

/// A document that failed to parse, as far as it can be named: so that a
/// reference to it says the file itself has an error (XR012) instead of
/// that there is no such file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedDoc {
    /// Path-derived id, as [`Document::id`].
    pub id: String,
    /// 发文字号, when its front matter could be read that far.
    pub doc_number: Option<String>,
    /// `content/…md:line:col` of its first error (the cause to read first).
    pub first_error: String,
}

impl Document {
    /// Whether the disclosure rule lets this document into any output.
    pub fn is_public(&self, include_drafts: bool) -> bool {
        self.meta.disclosure == Disclosure::Proactive && (include_drafts || !self.meta.draft)
    }
}

/// The column a page belongs to on the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    /// 政府信息公开指南.
    Guide,
    /// 政府信息公开制度.
    System,
    /// 法定主动公开内容.
    Statutory,
    /// 政府信息公开工作年度报告.
    Reports,
}

impl Column {
    /// Every column, in the order government sites show them.
    pub const ALL: [Column; 4] = [
        Column::Guide,
        Column::System,
        Column::Statutory,
        Column::Reports,
    ];

    /// Keys editors write in `column:`.
    pub const KEYS: [&'static str; 4] = ["guide", "system", "statutory", "reports"];

    /// Parses the key.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "guide" => Some(Column::Guide),
            "system" => Some(Column::System),
            "statutory" => Some(Column::Statutory),
            "reports" => Some(Column::Reports),
            _ => None,
        }
    }

    /// The key.
    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }
}

/// A column page (`content/pages/*.md`).
#[derive(Debug, Clone)]
pub struct Page {
    /// `content/pages/…md`.
    pub source_path: String,
    /// Site-relative URL path, e.g. `guide/`.
    pub url: String,
    /// Title.
    pub title: String,
    /// Home-page column, if any.
    pub column: Option<Column>,
    /// Order within the column.
    pub weight: i64,
    /// Short text for the home page.
    pub summary: Option<String>,
    /// Body HTML.
    pub html: String,
    /// Headings.
    pub headings: Vec<Heading>,
    /// Draft.
    pub draft: bool,
    /// 发布日期, when given: not published before it (see `index::schedule`).
    pub published: Option<Date>,
}
