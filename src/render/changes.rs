//! `validity/changes.xml`: an Atom feed of status changes (到期失效, 失效,
//! 废止, 已修改, 部分失效), one entry per change dated by the day the new
//! state began. Only changes on or before the as-of date exist (that is how
//! the status is derived), so the feed is the same for the same content and
//! as-of date.

use super::feed::{Category, Entry, Feed};
use super::{Output, OutputFile, Shared};

/// How many changes the feed carries (newest first).
const CHANGE_ENTRIES: usize = 100;

/// The feed's path under `public/`.
pub(crate) const CHANGES_FEED: &str = crate::config::url_map::CHANGES_FEED;

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
    let self_url = s.urls.absolute(CHANGES_FEED);
    let mut entries = Vec::with_capacity(changes.len());
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
        entries.push(Entry {
            title: format!("【{}】{}", derived.status.name(), d.meta.title),
            id: format!("{url}#status-{}-{since}", derived.status.key()),
            link: url,
            updated: since,
            author: Some(&d.meta.agency),
            category: Some(Category {
                term: derived.status.key().into(),
                label: Some(derived.status.name()),
            }),
            summary,
        });
    }
    Feed {
        lang: s.site.lang,
        title: format!("{}：{}", s.config.title, s.t["status_changes"]),
        id: self_url.clone(),
        alternate: s.urls.absolute(super::validity_pages::EXPIRED_URL),
        self_url,
        updated: entries.first().map(|e| e.updated),
        author: None,
        entries,
    }
    .to_xml()
}
