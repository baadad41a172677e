//! Which language the command line speaks: help, the usage line and usage
//! errors, every progress and summary line main.rs prints (cli/summary.rs)
//! and the words it frames each diagnostic in (`error[FM013] …  field
//! published (发布日期): …`, `expected:`, `hint:`). main.rs decides it once,
//! after parsing, and hands it to everything that words a line.
//!
//! What a content diagnostic says — the message, expectation and hint of
//! each of the ~150 codes — stays Chinese in English too: it quotes the
//! Chinese field labels of the front-matter contract (字段 published（发布
//! 日期）), the words the office's editors work with, and an English
//! paraphrase would name labels that appear nowhere in their documents.
//! Messages of the library's plumbing (a file that cannot be read or
//! written) are Chinese for the same editors; only their frame and the
//! operating system's reason follow the language (io_text.rs). Nothing is
//! printed in English only: on a zh-CN site every line is Chinese.
//!
//! Precedence, first that answers wins:
//! 1. `GONGKAI_LANG` (`zh-CN`/`zh…` or `en…`), for the person at the keyboard;
//! 2. `language:` in the site's site.yaml (`--root`, default the current
//!    folder), when there is one: the site decides for its editors, so a
//!    zh-CN site's CI speaks Chinese even on a runner whose locale is
//!    `en_US.UTF-8`;
//! 3. the locale: the first set of `LC_ALL`, `LC_MESSAGES`, `LANG`
//!    (POSIX order); English when it starts with `en`;
//! 4. Chinese (zh-CN).

use gongkai::config::Language;
use gongkai::diagnostics::Frame;
use std::path::Path;

/// The command line's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// Simplified Chinese, the default.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh` or `en` text, whichever this language reads.
    pub(crate) fn pick<'t>(self, zh: &'t str, en: &'t str) -> &'t str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The words a diagnostic is framed in.
    pub(crate) fn frame(self) -> &'static Frame {
        match self {
            Lang::Zh => &Frame::ZH,
            Lang::En => &Frame::EN,
        }
    }
}

/// What the language is decided from, read once from the process.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    /// `GONGKAI_LANG`.
    pub(crate) explicit: Option<String>,
    /// The site's `language:`, when a site.yaml was found and says one.
    pub(crate) site: Option<Language>,
    /// The first non-empty of `LC_ALL`, `LC_MESSAGES`, `LANG`.
    pub(crate) locale: Option<String>,
}

impl Sources {
    /// Reads the environment and `<root>/site.yaml`.
    pub(crate) fn read(root: &Path) -> Sources {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Sources {
            explicit: var("GONGKAI_LANG"),
            site: site_language(root),
            locale: ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|name| var(name)),
        }
    }

    /// The language, by the precedence in this module's comment.
    pub(crate) fn decide(&self) -> Lang {
        if let Some(lang) = self.explicit.as_deref().and_then(named) {
            return lang;
        }
        match self.site {
            Some(Language::En) => return Lang::En,
            Some(Language::ZhCn) => return Lang::Zh,
            None => {}
        }
        match self.locale.as_deref().and_then(named) {
            Some(Lang::En) => Lang::En,
            _ => Lang::Zh,
        }
    }
}

/// `en`, `en_US.UTF-8`, `EN` → English; `zh`, `zh-CN`, `zh_CN.UTF-8` →
/// Chinese; anything else (`C.UTF-8`, `fr_FR`) names neither.
fn named(value: &str) -> Option<Lang> {
    let value = value.trim().to_ascii_lowercase();
    if value.starts_with("en") {
        Some(Lang::En)
    } else if value.starts_with("zh") {
        Some(Lang::Zh)
    } else {
        None
    }
}

/// The language of the site at `root`: its site.yaml's `language:`, which
/// is zh-CN when left out (as for the site's pages). `None` when there is no
/// site.yaml or it cannot be read (check reports why in full). A value
/// site.yaml does not allow (CFG015) but that plainly means English, such
/// as `en-US`, gets its error in English.
fn site_language(root: &Path) -> Option<Language> {
    let bytes = std::fs::read(root.join(gongkai::config::CONFIG_FILE)).ok()?;
    let text = gongkai::load::decode_text(&bytes).ok()?;
    let (map, _) = gongkai::yaml::frontmatter::parse_yaml_file(&text, "site.yaml").ok()?;
    let value = map.get("language").and_then(|v| v.as_str()).unwrap_or("");
    Some(match named(value) {
        Some(Lang::En) => Language::En,
        _ => Language::ZhCn,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(explicit: Option<&str>, site: Option<Language>, locale: Option<&str>) -> Sources {
        Sources {
            explicit: explicit.map(String::from),
            site,
            locale: locale.map(String::from),
        }
    }

    #[test]
    fn chinese_unless_something_says_english() {
        assert_eq!(sources(None, None, None).decide(), Lang::Zh);
        assert_eq!(sources(None, None, Some("C.UTF-8")).decide(), Lang::Zh);
        assert_eq!(sources(None, None, Some("en_US.UTF-8")).decide(), Lang::En);
        assert_eq!(sources(None, Some(Language::En), None).decide(), Lang::En);
    }

    #[test]
    fn gongkai_lang_beats_the_site_and_the_site_beats_the_locale() {
        let zh_site_en_locale = sources(None, Some(Language::ZhCn), Some("en_US.UTF-8"));
        assert_eq!(zh_site_en_locale.decide(), Lang::Zh);
        let en_site_zh_locale = sources(None, Some(Language::En), Some("zh_CN.UTF-8"));
        assert_eq!(en_site_zh_locale.decide(), Lang::En);
        let asked = sources(Some("en"), Some(Language::ZhCn), Some("zh_CN.UTF-8"));
        assert_eq!(asked.decide(), Lang::En);
        let asked = sources(Some("zh-CN"), Some(Language::En), Some("en_US"));
        assert_eq!(asked.decide(), Lang::Zh);
        // A GONGKAI_LANG that names no language is passed over.
        let unknown = sources(Some("fr"), None, Some("en_GB.UTF-8"));
        assert_eq!(unknown.decide(), Lang::En);
    }

    #[test]
    fn the_site_yaml_language_is_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(site_language(dir.path()), None);
        std::fs::write(dir.path().join("site.yaml"), "title: T\nlanguage: en\n").expect("write");
        assert_eq!(site_language(dir.path()), Some(Language::En));
        std::fs::write(dir.path().join("site.yaml"), "title: 测试\n").expect("write");
        assert_eq!(
            site_language(dir.path()),
            Some(Language::ZhCn),
            "the default"
        );
        std::fs::write(dir.path().join("site.yaml"), "language: en-US\n").expect("write");
        assert_eq!(site_language(dir.path()), Some(Language::En));
        std::fs::write(dir.path().join("site.yaml"), "title: [unclosed\n").expect("write");
        assert_eq!(site_language(dir.path()), None);
    }
}
