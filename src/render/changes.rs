//! `validity/changes.xml`: an Atom feed of status changes (到期失效, 失效,
//! 废止, 已修改, 部分失效), one entry per change dated by the day the new
//! state began. Only changes on or before the as-of date exist (that is how
//! the status is derived), so the feed is the same for the same content and
//! as-of date.

use super::{Output, OutputFile, Shared};
use crate::util::html::escape_html;

/// How many changes the feed carries (newest first).
const CHANGE_ENTRIES: usize = 100;

/// The feed's path under `public/`.
pub(crate) const CHANGES_FEED: &str = "validity/changes.xml";

pub(super) fn add_feed(s: &Shared<'_>, output: &mut Output) {
    output.insert(
        CHANGES_FEED.into(),
        OutputFile::Bytes(changes_feed(s).into_bytes()),
    );
}

fn changes_feed(s: &Shared<'_>) -> String {
    let mut changes: Vec<usize> = (0..s.index.docs.len())
        .filter(|&i| {
            let d = s.index.validity[i];
            d.status.is_no_longer_valid() && d.since.is_some()
        })
        .collect();
    changes.sort_by(|&a, &b| {
        (s.index.validity[b].since, &s.index.docs[a].id)
            .cmp(&(s.index.validity[a].since, &s.index.docs[b].id))
    });
    changes.truncate(CHANGE_ENTRIES);
    let updated = changes
        .first()
        .and_then(|&i| s.index.validity[i].since)
        .map_or_else(|| "1970-01-01".to_string(), |d| d.to_string());
    let self_url = s.urls.absolute(CHANGES_FEED);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}：{}</title>\n  <id>{}</id>\n  <link rel=\"alternate\" href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{updated}T00:00:00+08:00</updated>\n",
        s.site.lang,
        escape_html(&s.config.title),
        escape_html(s.t["status_changes"]),
        escape_html(&self_url),
        escape_html(&s.urls.absolute(super::validity_pages::EXPIRED_URL)),
        escape_html(&self_url),
    );
    for i in changes {
        let d = &s.index.docs[i];
        let derived = s.index.validity[i];
        let Some(since) = derived.since else { continue };
        let rel = &s.index.relations[i];
        let url = s.urls.absolute(&d.url);
        let mut summary = format!(
            "{}{} 自 {since} 起{}",
            d.meta.title,
            d.meta
                .doc_number
                .as_deref()
                .map(|n| format!("（{n}）"))
                .unwrap_or_default(),
            derived.status.name()
        );
        if let Some(b) = rel.basis {
            summary.push_str(&format!("。依据：{}", s.index.docs[b].meta.title));
        }
        if let Some(reason) = &d.meta.validity.reason {
            summary.push_str(&format!("。理由：{reason}"));
        }
        if !rel.replaced_by.is_empty() {
            let titles: Vec<&str> = rel
                .replaced_by
                .iter()
                .map(|&j| s.index.docs[j].meta.title.as_str())
                .collect();
            summary.push_str(&format!("。替代文件：{}", titles.join("；")));
        }
        xml.push_str(&format!(
            "  <entry>\n    <title>【{}】{}</title>\n    <id>{}#status-{}-{since}</id>\n    <link href=\"{}\"/>\n    <updated>{since}T00:00:00+08:00</updated>\n    <author><name>{}</name></author>\n    <category term=\"{}\" label=\"{}\"/>\n    <summary>{}</summary>\n  </entry>\n",
            derived.status.name(),
            escape_html(&d.meta.title),
            escape_html(&url),
            derived.status.key(),
            escape_html(&url),
            escape_html(&d.meta.agency),
            derived.status.key(),
            derived.status.name(),
            escape_html(&summary),
        ));
    }
    xml.push_str("</feed>\n");
    xml
}
