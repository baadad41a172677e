//! The one Atom feed writer (RFC 4287): the site's new documents
//! (`feed.xml`), the status changes (`validity/changes.xml`) and the
//! gazette's issues (`gazette/feed.xml`) are each a [`Feed`] turned into
//! XML here, so they agree on the elements, their order, the escaping and
//! the time zone.
//!
//! Every timestamp is China Standard Time: the sites are Chinese
//! government sites, and a document dated 2024-06-01 is dated by the day
//! in China, so a date without a time is that day's start there
//! (`2024-06-01T00:00:00+08:00`). UTC would put it at 08:00, or on the day
//! before for a reader's clock that converts.

use crate::util::html::escape_html;
use jiff::civil::Date;

/// The UTC offset of every timestamp a feed carries.
const CHINA_STANDARD_TIME: &str = "+08:00";

/// A feed's `<updated>` when it has nothing to date it by: the same on
/// every build, so an empty feed does not change.
const NOTHING_YET: Date = Date::constant(1970, 1, 1);

/// An Atom feed. Text is given as plain text: the writer escapes it.
pub(crate) struct Feed<'a> {
    /// The `xml:lang` of the feed (`zh-CN`).
    pub(crate) lang: &'a str,
    pub(crate) title: String,
    /// The feed's permanent id, an absolute URL.
    pub(crate) id: String,
    /// The page the feed stands for.
    pub(crate) alternate: String,
    /// The feed's own absolute URL.
    pub(crate) self_url: String,
    /// The newest date the feed shows (`None`: [`NOTHING_YET`]).
    pub(crate) updated: Option<Date>,
    /// The feed's author, where the entries have none of their own.
    pub(crate) author: Option<&'a str>,
    /// In the order they are written, newest first.
    pub(crate) entries: Vec<Entry<'a>>,
}

/// One `<entry>` of a [`Feed`].
pub(crate) struct Entry<'a> {
    pub(crate) title: String,
    /// The entry's permanent id, an absolute URL.
    pub(crate) id: String,
    /// The page the entry links to, an absolute URL.
    pub(crate) link: String,
    pub(crate) updated: Date,
    pub(crate) author: Option<&'a str>,
    pub(crate) category: Option<Category<'a>>,
    pub(crate) summary: String,
}

/// An entry's `<category>`: a term for programs, a label for people.
pub(crate) struct Category<'a> {
    pub(crate) term: String,
    pub(crate) label: Option<&'a str>,
}

/// `date` as an Atom timestamp: the day's start in China.
fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00{CHINA_STANDARD_TIME}")
}

impl Feed<'_> {
    /// The feed as an XML document.
    pub(crate) fn to_xml(&self) -> String {
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"alternate\" href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{}</updated>\n",
            escape_html(self.lang),
            escape_html(&self.title),
            escape_html(&self.id),
            escape_html(&self.alternate),
            escape_html(&self.self_url),
            timestamp(self.updated.unwrap_or(NOTHING_YET)),
        );
        push_author(&mut xml, "  ", self.author);
        for e in &self.entries {
            xml.push_str(&format!(
                "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n",
                escape_html(&e.title),
                escape_html(&e.id),
                escape_html(&e.link),
                timestamp(e.updated),
            ));
            push_author(&mut xml, "    ", e.author);
            if let Some(c) = &e.category {
                xml.push_str(&format!("    <category term=\"{}\"", escape_html(&c.term)));
                if let Some(label) = c.label {
                    xml.push_str(&format!(" label=\"{}\"", escape_html(label)));
                }
                xml.push_str("/>\n");
            }
            xml.push_str(&format!(
                "    <summary>{}</summary>\n  </entry>\n",
                escape_html(&e.summary)
            ));
        }
        xml.push_str("</feed>\n");
        xml
    }
}

fn push_author(xml: &mut String, indent: &str, author: Option<&str>) {
    if let Some(name) = author {
        xml.push_str(&format!(
            "{indent}<author><name>{}</name></author>\n",
            escape_html(name)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, day: i8) -> Entry<'static> {
        Entry {
            title: title.into(),
            id: format!("https://x.gov.cn/a/{day}/"),
            link: format!("https://x.gov.cn/a/{day}/"),
            updated: Date::constant(2024, 6, day),
            author: None,
            category: None,
            summary: String::new(),
        }
    }

    fn feed(entries: Vec<Entry<'static>>) -> Feed<'static> {
        Feed {
            lang: "zh-CN",
            title: "某市人民政府".into(),
            id: "https://x.gov.cn/".into(),
            alternate: "https://x.gov.cn/".into(),
            self_url: "https://x.gov.cn/feed.xml".into(),
            updated: entries.first().map(|e| e.updated),
            author: None,
            entries,
        }
    }

    #[test]
    fn every_timestamp_is_china_standard_time() {
        let xml = feed(vec![entry("甲", 2), entry("乙", 1)]).to_xml();
        let stamps: Vec<&str> = xml
            .split("<updated>")
            .skip(1)
            .map(|rest| &rest[..rest.find("</updated>").expect("closed")])
            .collect();
        assert_eq!(
            stamps,
            [
                "2024-06-02T00:00:00+08:00",
                "2024-06-02T00:00:00+08:00",
                "2024-06-01T00:00:00+08:00"
            ]
        );
        assert!(!xml.contains('Z'), "{xml}");
        // nothing to date it by: the same date on every build
        assert!(feed(vec![])
            .to_xml()
            .contains("<updated>1970-01-01T00:00:00+08:00</updated>"));
    }

    #[test]
    fn text_and_urls_are_escaped() {
        let mut e = entry("标题</title><x>&'\"", 1);
        e.link = "https://x.gov.cn/?a=1&b=\"2\"".into();
        e.author = Some("办公室<b>");
        e.category = Some(Category {
            term: "a&b".into(),
            label: Some("\"标签\""),
        });
        e.summary = "]]><!--".into();
        let mut f = feed(vec![e]);
        f.title = "A & B".into();
        f.lang = "zh\"CN";
        let xml = f.to_xml();
        assert!(xml.contains("xml:lang=\"zh&quot;CN\""), "{xml}");
        assert!(xml.contains("<title>A &amp; B</title>"), "{xml}");
        assert!(
            xml.contains("<title>标题&lt;/title&gt;&lt;x&gt;&amp;&#39;&quot;</title>"),
            "{xml}"
        );
        assert!(
            xml.contains("<link href=\"https://x.gov.cn/?a=1&amp;b=&quot;2&quot;\"/>"),
            "{xml}"
        );
        assert!(
            xml.contains("<author><name>办公室&lt;b&gt;</name></author>"),
            "{xml}"
        );
        assert!(
            xml.contains("<category term=\"a&amp;b\" label=\"&quot;标签&quot;\"/>"),
            "{xml}"
        );
        assert!(xml.contains("<summary>]]&gt;&lt;!--</summary>"), "{xml}");
    }

    #[test]
    fn elements_come_in_one_order() {
        let mut first = entry("甲", 2);
        first.author = Some("办公室");
        first.category = Some(Category {
            term: "expired".into(),
            label: None,
        });
        let mut f = feed(vec![first, entry("乙", 1)]);
        f.author = Some("某市");
        let xml = f.to_xml();
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n  \
             <title>某市人民政府</title>\n  \
             <id>https://x.gov.cn/</id>\n  \
             <link rel=\"alternate\" href=\"https://x.gov.cn/\"/>\n  \
             <link rel=\"self\" href=\"https://x.gov.cn/feed.xml\"/>\n  \
             <updated>2024-06-02T00:00:00+08:00</updated>\n  \
             <author><name>某市</name></author>\n  \
             <entry>\n    \
             <title>甲</title>\n    \
             <id>https://x.gov.cn/a/2/</id>\n    \
             <link href=\"https://x.gov.cn/a/2/\"/>\n    \
             <updated>2024-06-02T00:00:00+08:00</updated>\n    \
             <author><name>办公室</name></author>\n    \
             <category term=\"expired\"/>\n    \
             <summary></summary>\n  \
             </entry>\n  \
             <entry>\n    \
             <title>乙</title>\n    \
             <id>https://x.gov.cn/a/1/</id>\n    \
             <link href=\"https://x.gov.cn/a/1/\"/>\n    \
             <updated>2024-06-01T00:00:00+08:00</updated>\n    \
             <summary></summary>\n  \
             </entry>\n\
             </feed>\n"
        );
    }
}
