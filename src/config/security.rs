//! The hardening settings of site.yaml: raw-HTML policy, document size limit
//! and the personal-data allow-list.
//!
//! ```yaml
//! raw_html: safe          # safe（默认）| trusted | escape
//! max_document_mb: 5      # 单个 Markdown 文件的大小上限
//! privacy:
//!   allowed_emails:       # 可以公开的办公邮箱；"@域名" 放行整个域名
//!     - gkb@qinghe.gov.cn
//! ```

use crate::field_names::PRIVACY_KEYS;
use crate::yaml::fields::FieldReader;
use crate::yaml::Mapping;

/// Default `max_document_mb`.
pub const DEFAULT_MAX_DOCUMENT_MB: u64 = 5;

/// Hardening settings from site.yaml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityConfig {
    /// What raw HTML in Markdown may do.
    pub raw_html: RawHtml,
    /// Markdown files larger than this are refused (bytes).
    pub max_document_bytes: u64,
    /// E-mail addresses (lower case) that may be published; entries starting
    /// with `@` allow a whole domain.
    pub allowed_emails: Vec<String>,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        SecurityConfig {
            raw_html: RawHtml::Safe,
            max_document_bytes: DEFAULT_MAX_DOCUMENT_MB * 1024 * 1024,
            allowed_emails: Vec::new(),
        }
    }
}

impl SecurityConfig {
    /// Whether an e-mail address is on the allow-list (case-insensitive).
    pub fn email_allowed(&self, email: &str) -> bool {
        let email = email.to_lowercase();
        let domain = email.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
        self.allowed_emails
            .iter()
            .any(|a| *a == email || a.strip_prefix('@') == Some(domain))
    }
}

/// Reads `raw_html`, `max_document_mb` and `privacy` from the top-level map.
pub fn read_security(r: &mut FieldReader<'_>, map: &Mapping) -> SecurityConfig {
    let mut out = SecurityConfig::default();
    if let Some(key) = r.one_of(map, "", "raw_html", &RawHtml::KEYS) {
        out.raw_html = RawHtml::from_key(&key).unwrap_or_default();
    }
    if let Some(mb) = r.uint(map, "", "max_document_mb", 1..=1024) {
        out.max_document_bytes = mb * 1024 * 1024;
    }
    if let Some(privacy) = r.mapping(
        map,
        "",
        "privacy",
        "privacy:\n  allowed_emails: [gkb@example.gov.cn]",
    ) {
        r.reject_unknown_keys(privacy, "privacy", PRIVACY_KEYS);
        out.allowed_emails = r
            .string_list(
                privacy,
                "privacy",
                "allowed_emails",
                "allowed_emails: [gkb@example.gov.cn, \"@example.gov.cn\"]",
            )
            .into_iter()
            .map(|e| e.to_lowercase())
            .collect();
    }
    out
}

/// site.yaml `raw_html`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawHtml {
    /// Keep the safe subset, strip the rest (the default).
    #[default]
    Safe,
    /// Pass raw HTML through unchanged (only for sites whose every editor is trusted).
    Trusted,
    /// Show raw HTML as text.
    Escape,
}

impl RawHtml {
    /// The site.yaml spellings, in order.
    pub const KEYS: [&'static str; 3] = ["safe", "trusted", "escape"];

    /// From its site.yaml spelling.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "safe" => Some(RawHtml::Safe),
            "trusted" => Some(RawHtml::Trusted),
            "escape" => Some(RawHtml::Escape),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

    const BASE: &str = "title: 站\nbase_url: https://a.gov.cn/\n";

    #[test]
    fn defaults_when_absent() {
        let c = parse_config(BASE).unwrap();
        assert_eq!(c.security, SecurityConfig::default());
        assert_eq!(c.security.max_document_bytes, 5 * 1024 * 1024);
    }

    #[test]
    fn reads_all_three_settings() {
        let c = parse_config(&format!(
            "{BASE}raw_html: trusted\nmax_document_mb: 2\nprivacy:\n  allowed_emails: [GKB@A.gov.cn, \"@b.gov.cn\"]\n"
        ))
        .unwrap();
        assert_eq!(c.security.raw_html, RawHtml::Trusted);
        assert_eq!(c.security.max_document_bytes, 2 * 1024 * 1024);
        assert!(c.security.email_allowed("gkb@a.gov.cn"));
        assert!(c.security.email_allowed("Anyone@B.gov.cn"));
        assert!(!c.security.email_allowed("other@a.gov.cn"));
        assert!(!c.security.email_allowed("x@evil-b.gov.cn"));
    }

    #[test]
    fn misspelt_keys_and_values_get_suggestions() {
        let errs = parse_config(&format!(
            "{BASE}raw_html: trustd\nprivacy:\n  allowed_email: [a@b.cn]\n"
        ))
        .unwrap_err();
        let hints: Vec<_> = errs.iter().map(|d| (d.code, d.hint.clone())).collect();
        assert_eq!(
            hints,
            [
                ("CFG015", Some("是否想写 trusted？".to_string())),
                ("CFG010", Some("是否想写 `allowed_emails`？".to_string())),
            ],
            "{errs:?}"
        );
        let errs = parse_config(&format!("{BASE}privacy_:\n  a: 1\n")).unwrap_err();
        assert_eq!(errs[0].hint.as_deref(), Some("是否想写 `privacy`？"));
    }
}
