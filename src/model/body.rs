//! A document's rendered body (HTML and plain text), and where a build
//! keeps it until a page or a search block reads it.
//!
//! The bodies are most of a site's bytes (at 100,000 documents some 9 KB of
//! a document's ~14 KB), yet each is read only a few times, one document at
//! a time: its page, its gazette print page, its search block and fragment.
//! So a one-off build writes each body, as soon as it is rendered, to a
//! private spill file ([`BodyStore`]) and keeps only its place; the pages and
//! the search stage read it back when they get to the document (from the
//! page cache: one `pread`, no Markdown parsed twice). Memory then holds the
//! metadata of every document and the bodies of the ones being worked on,
//! not every body. Watch mode keeps its bodies in memory
//! ([`Body::Held`]): its caches hand the same documents to each rebuild.

use std::borrow::Cow;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// An append-only file of bodies, private to one build: unlinked as soon as
/// it is created, so that nothing is left behind however the process ends,
/// and no other process can change what is read back.
#[derive(Debug)]
pub struct BodyStore {
    file: File,
    /// Bytes reserved so far: each body takes `end..end + len` (reserved
    /// atomically, so parse threads write side by side without a lock).
    end: AtomicU64,
}

impl BodyStore {
    /// Creates the spill file in `dir` (gongkai's bookkeeping folder, held
    /// under the output folder's lock, so the name cannot clash).
    pub fn create(dir: &Path) -> io::Result<Arc<BodyStore>> {
        let path = dir.join("bodies.tmp");
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)?;
        // Unlinked now: the open file stays readable until it is dropped.
        std::fs::remove_file(&path)?;
        Ok(Arc::new(BodyStore {
            file,
            end: AtomicU64::new(0),
        }))
    }

    /// Writes `html` and `text` and returns the body that reads them back.
    /// A body too large for the store's lengths (over 4 GB) or a failed write
    /// (a full disk) is held in memory instead: the output is the same, only
    /// the memory it takes differs.
    pub fn put(self: &Arc<Self>, html: String, text: String) -> Body {
        let (Ok(html_len), Ok(text_len)) = (u32::try_from(html.len()), u32::try_from(text.len()))
        else {
            return Body::held(html, text);
        };
        let len = u64::from(html_len) + u64::from(text_len);
        let at = self.end.fetch_add(len, Ordering::Relaxed);
        let written = self.file.write_all_at(html.as_bytes(), at).and_then(|()| {
            self.file
                .write_all_at(text.as_bytes(), at + u64::from(html_len))
        });
        match written {
            Ok(()) => Body::Stored {
                store: Arc::clone(self),
                at,
                html_len,
                text_len,
            },
            Err(_) => Body::held(html, text),
        }
    }

    fn read(&self, at: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut buf = vec![0u8; len];
        self.file.read_exact_at(&mut buf, at)?;
        Ok(buf)
    }
}

/// A document's rendered body, held in memory or kept in a [`BodyStore`].
#[derive(Debug, Clone)]
pub enum Body {
    /// In memory (watch mode, `check`, tests); shared, so that watch mode's
    /// cached documents are reused without copying their bodies.
    Held {
        /// Body as HTML.
        html: Arc<str>,
        /// Body as plain text (search, snippets).
        text: Arc<str>,
    },
    /// In the store at `at`: the HTML, then the text.
    Stored {
        /// The spill file.
        store: Arc<BodyStore>,
        /// Offset of the HTML.
        at: u64,
        /// Bytes of HTML.
        html_len: u32,
        /// Bytes of text, right after the HTML.
        text_len: u32,
    },
}

impl Default for Body {
    fn default() -> Self {
        Body::held(String::new(), String::new())
    }
}

impl Body {
    /// A body held in memory.
    pub fn held(html: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> Body {
        Body::Held {
            html: html.into(),
            text: text.into(),
        }
    }

    /// The HTML and the text, read back if they are stored.
    pub fn read(&self) -> io::Result<BodyText<'_>> {
        match self {
            Body::Held { html, text } => Ok(BodyText {
                both: Cow::Borrowed(""),
                html: Some((html, text)),
                split: 0,
            }),
            Body::Stored {
                store,
                at,
                html_len,
                text_len,
            } => {
                let split = *html_len as usize;
                let bytes = store.read(*at, split + *text_len as usize)?;
                let both = utf8(bytes)?;
                if !both.is_char_boundary(split) {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "正文暂存文件已损坏",
                    ));
                }
                Ok(BodyText {
                    both: Cow::Owned(both),
                    html: None,
                    split,
                })
            }
        }
    }

    /// The text alone (the search stage reads no HTML): borrowed when held.
    pub fn text(&self) -> io::Result<Cow<'_, str>> {
        self.part(Part::Text)
    }

    /// The HTML alone (the gazette's print edition): borrowed when held.
    pub fn html(&self) -> io::Result<Cow<'_, str>> {
        self.part(Part::Html)
    }

    fn part(&self, part: Part) -> io::Result<Cow<'_, str>> {
        match (self, part) {
            (Body::Held { html, .. }, Part::Html) => Ok(Cow::Borrowed(html)),
            (Body::Held { text, .. }, Part::Text) => Ok(Cow::Borrowed(text)),
            (
                Body::Stored {
                    store,
                    at,
                    html_len,
                    text_len,
                },
                part,
            ) => {
                let (from, len) = match part {
                    Part::Html => (*at, *html_len),
                    Part::Text => (at + u64::from(*html_len), *text_len),
                };
                Ok(Cow::Owned(utf8(store.read(from, len as usize)?)?))
            }
        }
    }

    /// The text as a shared string (watch mode's search state compares it
    /// by pointer): no copy when held.
    pub fn shared_text(&self) -> io::Result<Arc<str>> {
        match self {
            Body::Held { text, .. } => Ok(Arc::clone(text)),
            Body::Stored { .. } => Ok(self.text()?.into()),
        }
    }
}

#[derive(Clone, Copy)]
enum Part {
    Html,
    Text,
}

fn utf8(bytes: Vec<u8>) -> io::Result<String> {
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// A body as read: borrowed from a held one, or owned after a read.
#[derive(Debug)]
pub struct BodyText<'a> {
    /// A stored body's HTML and text, one after the other.
    both: Cow<'a, str>,
    /// A held body's parts.
    html: Option<(&'a Arc<str>, &'a Arc<str>)>,
    /// Where the text starts in `both`.
    split: usize,
}

impl BodyText<'_> {
    /// The body as HTML.
    pub fn html(&self) -> &str {
        match self.html {
            Some((html, _)) => html,
            None => &self.both[..self.split],
        }
    }

    /// The body as plain text.
    pub fn text(&self) -> &str {
        match self.html {
            Some((_, text)) => text,
            None => &self.both[self.split..],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_bodies_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = BodyStore::create(dir.path()).unwrap();
        // the file is gone from the folder at once
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let a = store.put("<p>第一</p>".into(), "第一".into());
        let b = store.put(String::new(), "只有文字".into());
        let c = store.put("<p>三</p>".into(), String::new());
        assert!(matches!(a, Body::Stored { .. }));
        for (body, html, text) in [
            (&a, "<p>第一</p>", "第一"),
            (&b, "", "只有文字"),
            (&c, "<p>三</p>", ""),
        ] {
            let read = body.read().unwrap();
            assert_eq!((read.html(), read.text()), (html, text));
            assert_eq!(body.html().unwrap(), html);
            assert_eq!(body.text().unwrap(), text);
            assert_eq!(&*body.shared_text().unwrap(), text);
        }
    }

    #[test]
    fn held_bodies_are_shared_not_copied() {
        let body = Body::held("<p>x</p>", "x");
        let Body::Held { text, .. } = &body else {
            panic!("held")
        };
        assert!(Arc::ptr_eq(text, &body.shared_text().unwrap()));
        assert_eq!(body.read().unwrap().html(), "<p>x</p>");
    }
}
