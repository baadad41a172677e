//! The examples in front-matter messages (“应为：agency: …”), taken from
//! the editor's own site: its agencies and taxonomy in site.yaml, a 文号
//! one of its documents really has. An editor of another city is not shown
//! someone else's names; only a site with none of them gets generic ones.

use crate::config::SiteConfig;
use crate::load::{SourceFile, SourceKind};

/// A 文号 for sites whose documents have none yet: plainly a pattern, not
/// any real office's.
pub const GENERIC_DOC_NUMBER: &str = "某府办发〔2024〕12号";
/// An agency for sites that list none.
const GENERIC_AGENCY: &str = "某市人民政府办公室";

/// Example values for the messages of one site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteExamples {
    /// A full agency name (the first in site.yaml).
    pub agency: String,
    /// A document title in the agency's name.
    pub title: String,
    /// A 文号 (the first one found in the site's documents, by path).
    pub doc_number: String,
    /// A category, `一级/二级`, from the site's taxonomy.
    pub category: String,
    /// A 索引号 in the site's pattern with the first agency's code.
    pub index_number: String,
}

impl SiteExamples {
    /// The examples of the site `config` describes, whose content is `files`.
    pub fn new(config: &SiteConfig, files: &[SourceFile]) -> Self {
        let first = config.agencies.first();
        let agency = first
            .map_or(GENERIC_AGENCY, |a| a.name.as_str())
            .to_string();
        let title = match first {
            Some(a) => format!("{}关于……的通知", a.name),
            None => "关于……的通知".to_string(),
        };
        let doc_number = files
            .iter()
            .filter(|f| f.kind == SourceKind::Document)
            .find_map(|f| written_doc_number(&f.text))
            .unwrap_or(GENERIC_DOC_NUMBER)
            .to_string();
        let category = config
            .taxonomy
            .as_ref()
            .and_then(|t| t.first())
            .map_or_else(
                || "综合政务/政务公开".to_string(),
                |node| match node.children.first() {
                    Some((child, _)) => format!("{}/{child}", node.name),
                    None => node.name.clone(),
                },
            );
        let pattern = &config.index_number_pattern.compiled;
        let index_number = match first.and_then(|a| a.code.as_deref()) {
            Some(code) => pattern.format(code, 2024, 118),
            None => pattern.example(),
        };
        SiteExamples {
            agency,
            title,
            doc_number,
            category,
            index_number,
        }
    }
}

/// The `doc_number:` a document's front matter writes, when it is a
/// well-formed 文号 (…〔YYYY〕N号), read from the text without parsing it:
/// an example only, so a file that fails to parse simply offers none.
fn written_doc_number(text: &str) -> Option<&str> {
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let value = lines
        .take_while(|l| l.trim_end() != "---")
        .find_map(|l| l.strip_prefix("doc_number:"))?
        .trim()
        .trim_matches(['"', '\'']);
    let (head, rest) = value.split_once('〔')?;
    let (year, serial) = rest.split_once('〕')?;
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let well_formed = !head.is_empty()
        && year.len() == 4
        && digits(year)
        && serial.strip_suffix('号').is_some_and(digits);
    well_formed.then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(rel: &str, text: &str) -> SourceFile {
        SourceFile {
            rel_path: rel.to_string(),
            kind: SourceKind::Document,
            text: text.to_string(),
        }
    }

    #[test]
    fn examples_come_from_the_sites_own_names() {
        let config = crate::config::parse_config(
            "title: 松溪县人民政府信息公开\nbase_url: https://a.gov.cn/\nagencies:\n  - name: 松溪县人民政府\n    code: \"100000001\"\n",
        )
        .expect("config");
        let files = [
            document(
                "xxgk/a.md",
                "---\ntitle: 甲\ndoc_number: 松政(2024)1号\n---\n",
            ),
            document(
                "xxgk/b.md",
                "---\ntitle: 乙\n---\ndoc_number: 正文里的〔2024〕1号\n",
            ),
            document(
                "xxgk/c.md",
                "---\ntitle: 丙\ndoc_number: \"松政规〔2024〕3号\"\n---\n",
            ),
        ];
        let ex = SiteExamples::new(&config, &files);
        assert_eq!(ex.agency, "松溪县人民政府");
        assert_eq!(ex.title, "松溪县人民政府关于……的通知");
        // a.md's is malformed, b.md's is in the body
        assert_eq!(ex.doc_number, "松政规〔2024〕3号");
        assert_eq!(ex.index_number, "100000001/2024-00118");
    }

    #[test]
    fn a_site_with_none_gets_generic_examples() {
        let config = crate::config::parse_config("title: 站\nbase_url: https://a.gov.cn/\n")
            .expect("config");
        let ex = SiteExamples::new(&config, &[]);
        assert_eq!(
            (
                ex.agency.as_str(),
                ex.title.as_str(),
                ex.doc_number.as_str()
            ),
            ("某市人民政府办公室", "关于……的通知", "某府办发〔2024〕12号")
        );
    }
}
