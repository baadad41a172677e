//! Typed reading of YAML mappings with editor-facing diagnostics.
//!
//! Front matter and `site.yaml` are read field by field (not with one serde
//! derive) so that every problem in a file is reported in one run, each with
//! its own line, label, what was found and what was expected.

use super::{Mapping, Value};
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::field_names;
use crate::yaml::frontmatter::{describe, KeyLocator};
use jiff::civil::Date;

/// Which family of codes the reader emits.
#[derive(Debug, Clone, Copy)]
pub enum CodeFamily {
    /// `FM…` for front matter.
    FrontMatter,
    /// `CFG…` for site.yaml.
    Config,
}

/// Reads fields from one file's mappings and collects diagnostics.
pub struct FieldReader<'a> {
    file: &'a str,
    keys: &'a KeyLocator,
    family: CodeFamily,
    /// The whole file, when the caller has it: for the column of a
    /// character inside a value.
    source: Option<&'a str>,
    /// Everything found so far.
    pub diags: Vec<Diagnostic>,
}

/// What a date field looks like, for messages.
pub const DATE_EXPECTED: &str = "YYYY-MM-DD 格式的真实日期，例如 2024-05-31";

impl<'a> FieldReader<'a> {
    /// A reader for `file` (display path) with key positions `keys`.
    pub fn new(file: &'a str, keys: &'a KeyLocator, family: CodeFamily) -> Self {
        FieldReader {
            file,
            keys,
            family,
            source: None,
            diags: Vec::new(),
        }
    }

    /// The same reader, knowing the file's text (see [`Self::char_position`]).
    pub fn with_source(mut self, text: &'a str) -> Self {
        self.source = Some(text);
        self
    }

    /// Where the character `c` of the value of `path` stands in the file:
    /// searched on the key's line after the key, then on the value's
    /// continuation lines. The key's position when the file's text is not
    /// known or `c` is not written as itself (a YAML escape such as `\u200B`).
    pub fn char_position(&self, path: &str, c: char) -> (u32, u32) {
        let (line, col) = self.keys.find(path);
        let Some(text) = self.source else {
            return (line, col);
        };
        let mut lines = text.split('\n').skip(line.saturating_sub(1) as usize);
        let Some(first) = lines.next() else {
            return (line, col);
        };
        let skip = col.saturating_sub(1) as usize;
        if let Some(i) = first.chars().skip(skip).position(|x| x == c) {
            return (line, (skip + i) as u32 + 1);
        }
        let key_indent = first.len() - first.trim_start().len();
        for (n, next) in lines.enumerate() {
            let indent = next.len() - next.trim_start().len();
            if !next.trim().is_empty() && indent <= key_indent {
                break;
            }
            if let Some(i) = next.chars().position(|x| x == c) {
                return (line + n as u32 + 1, i as u32 + 1);
            }
        }
        (line, col)
    }

    /// The line `path` (or its nearest parent) is written on, for messages
    /// that point at a second place (“与第 12 行重复”).
    pub fn line_of(&self, path: &str) -> u32 {
        self.keys.find(path).0
    }

    fn code(&self, fm: &'static str, cfg: &'static str) -> &'static str {
        match self.family {
            CodeFamily::FrontMatter => fm,
            CodeFamily::Config => cfg,
        }
    }

    /// An error at the line of `path`; `push` it once complete.
    pub fn error(&self, code: &'static str, path: &str, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.keys.find(path);
        Diagnostic::error(code, self.file, message)
            .at(line, col)
            .field(path)
    }

    /// A warning at the line of `path`; `push` it once complete.
    pub fn warning(
        &self,
        code: &'static str,
        path: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, col) = self.keys.find(path);
        Diagnostic::warning(code, self.file, message)
            .at(line, col)
            .field(path)
    }

    /// Records a finished diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports keys of `map` that are not in `allowed`, with a did-you-mean.
    pub fn reject_unknown_keys(
        &mut self,
        map: &Mapping,
        prefix: &str,
        allowed: &[(&'static str, &'static str)],
    ) {
        for key in map.keys() {
            let name = match key {
                Value::String(s) => s.clone(),
                other => scalar_text(other),
            };
            if allowed.iter().any(|(k, _)| *k == name) {
                continue;
            }
            let path = join(prefix, &name);
            // a key that is its own label (a report's Chinese row names) is shown once
            let list: Vec<String> = allowed
                .iter()
                .map(|(k, l)| {
                    if k == l {
                        k.to_string()
                    } else {
                        format!("{k}（{l}）")
                    }
                })
                .collect();
            let code = self.code("FM010", "CFG010");
            let suggestion = did_you_mean(&name, field_names::keys(allowed))
                .or_else(|| allowed.iter().find(|(_, l)| *l == name).map(|(k, _)| *k));
            let d = self
                .error(code, &path, format!("未知字段 “{name}”"))
                .expected(format!("以下字段之一：{}", list.join("、")))
                .hint(match suggestion {
                    Some(s) => format!("是否想写 `{s}`？"),
                    None => "检查拼写；字段名用英文小写和下划线".to_string(),
                });
            self.push(d);
        }
    }

    /// A required field is absent.
    pub fn missing(&mut self, path: &str, example: &str) {
        let code = self.code("FM011", "CFG011");
        let (line, _) = self.keys.find(path);
        let mut d = Diagnostic::error(code, self.file, "缺少必填字段")
            .at(line, 1)
            .field(path)
            .expected(example.to_string());
        if let Some(label) = field_names::label_for(path) {
            // a nested key is added under its parent, not as `parent.key:`
            let place = match self.family {
                CodeFamily::FrontMatter => "文件头",
                CodeFamily::Config => "site.yaml",
            };
            d = d.hint(match path.rsplit_once('.') {
                Some((parent, key)) => format!("在 {parent} 下加一行 {key}: …（{label}）"),
                None => format!("在{place}中加一行 {path}: …（{label}）"),
            });
        }
        self.diags.push(d);
    }

    /// A string field; numbers are accepted as their text. `None` when absent or wrong.
    pub fn string(
        &mut self,
        map: &Mapping,
        prefix: &str,
        key: &str,
        example: &str,
    ) -> Option<String> {
        let path = join(prefix, key);
        let value = map.get(key)?;
        match value {
            Value::String(s) if s.trim().is_empty() => {
                let code = self.code("FM014", "CFG014");
                self.push(
                    self.error(code, &path, "值是空的")
                        .expected(example.to_string()),
                );
                None
            }
            Value::String(s) if has_control_chars(s) => {
                self.control_chars(&path, s);
                None
            }
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => self.number_as_text(&path, n),
            Value::Null => {
                let code = self.code("FM014", "CFG014");
                self.push(
                    self.error(code, &path, "值是空的")
                        .expected(example.to_string()),
                );
                None
            }
            other => {
                self.wrong_type(&path, other, "一段文字", example);
                None
            }
        }
    }

    /// A number written where text is read (`doc_number: 2024`), as its
    /// text. A number of more than 39 digits has already been turned into a
    /// rounded float such as `1.2e39` by serde_yaml (20 to 39 digits are its
    /// error, see `errors.rs`): its digits are lost, so it is refused rather
    /// than published changed.
    fn number_as_text(&mut self, path: &str, n: &serde_yaml::Number) -> Option<String> {
        let text = n.to_string();
        if !n.is_f64() || !text.contains(['e', 'E', 'i', 'N']) {
            return Some(text);
        }
        let code = self.code("FM012", "CFG012");
        let d = self
            .error(code, path, "数字太长，读出后已不是原来的数字")
            .expected("用英文双引号把整串数字括起来，例如 \"1132000001400000000012345678\"")
            .hint("很长的编号当作文字写：前后加英文双引号");
        self.push(d);
        None
    }

    /// A string with control characters (written as YAML escapes such as
    /// `"\a"`): they make feed.xml invalid and hide text, so they are refused.
    fn control_chars(&mut self, path: &str, s: &str) {
        let found = s.chars().find(|&c| is_bad_control(c)).unwrap_or('\0');
        let d = self
            .error(
                "SEC001",
                path,
                format!("含有不可见的控制字符 U+{:04X}", found as u32),
            )
            .expected("普通文字（不含 \\a、\\0、\\x1b 等转义出的控制字符）");
        self.push(d);
    }

    /// A required string.
    pub fn required_string(&mut self, map: &Mapping, key: &str, example: &str) -> Option<String> {
        if map.get(key).is_none() {
            self.missing(key, example);
            return None;
        }
        self.string(map, "", key, example)
    }

    /// Reports a value of the wrong YAML type.
    pub fn wrong_type(&mut self, path: &str, found: &Value, wanted: &str, example: &str) {
        let code = self.code("FM012", "CFG012");
        let hint = match found {
            Value::Sequence(_) => "这里只能写一个值：去掉开头的 “- ” 或方括号",
            Value::Mapping(_) => "这里只能写一个值：检查缩进，下一行是否多缩进了",
            _ => "按示例的形式填写",
        };
        let d = self
            .error(
                code,
                path,
                format!("应是{wanted}，实际是{}", describe(found)),
            )
            .expected(example.to_string())
            .hint(hint);
        self.push(d);
    }

    /// A list of strings; a single string is accepted as a one-item list.
    pub fn string_list(
        &mut self,
        map: &Mapping,
        prefix: &str,
        key: &str,
        example: &str,
    ) -> Vec<String> {
        let path = join(prefix, key);
        match map.get(key) {
            None | Some(Value::Null) => Vec::new(),
            // a single string is held to the same rule as a list item
            Some(Value::String(s)) if has_control_chars(s) => {
                self.control_chars(&path, s);
                Vec::new()
            }
            Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
            Some(Value::Sequence(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    match item {
                        Value::String(s) if has_control_chars(s) => {
                            self.control_chars(&item_path, s)
                        }
                        Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                        Value::Number(n) => out.extend(self.number_as_text(&item_path, n)),
                        other => self.wrong_type(&item_path, other, "一段文字", example),
                    }
                }
                out
            }
            Some(other) => {
                self.wrong_type(&path, other, "列表", example);
                Vec::new()
            }
        }
    }

    /// A date `YYYY-MM-DD`; with `allow_time`, `YYYY-MM-DD HH:MM` too (the time is returned separately).
    pub fn date(
        &mut self,
        map: &Mapping,
        prefix: &str,
        key: &str,
        allow_time: bool,
    ) -> Option<(Date, Option<String>)> {
        let path = join(prefix, key);
        let value = map.get(key)?;
        let text = match value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Null => {
                let code = self.code("FM014", "CFG014");
                self.push(self.error(code, &path, "值是空的").expected(DATE_EXPECTED));
                return None;
            }
            other => {
                self.wrong_type(&path, other, "日期", DATE_EXPECTED);
                return None;
            }
        };
        match parse_date(&text, allow_time) {
            Ok(parsed) => Some(parsed),
            Err(why) => {
                let code = self.code("FM013", "CFG013");
                let expected = if allow_time {
                    "YYYY-MM-DD 或 YYYY-MM-DD HH:MM，例如 2024-05-31 或 2024-05-31 09:30"
                } else {
                    DATE_EXPECTED
                };
                let mut d = self
                    .error(code, &path, format!("“{text}” {why}"))
                    .expected(expected);
                if let Some(suggested) = suggest_iso_date(&text) {
                    d = d.hint(format!("是否想写 {suggested}？"));
                }
                self.push(d);
                None
            }
        }
    }

    /// A boolean (`true`/`false`).
    pub fn bool(&mut self, map: &Mapping, prefix: &str, key: &str) -> Option<bool> {
        let path = join(prefix, key);
        match map.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            other => {
                self.wrong_type(
                    &path,
                    other,
                    "`true` 或 `false`",
                    "`true` 或 `false`（不加引号）",
                );
                None
            }
        }
    }

    /// A non-negative integer within `range`.
    pub fn uint(
        &mut self,
        map: &Mapping,
        prefix: &str,
        key: &str,
        range: std::ops::RangeInclusive<u64>,
    ) -> Option<u64> {
        let path = join(prefix, key);
        let value = map.get(key)?;
        let n = match value {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse::<u64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let code = self.code("FM012", "CFG012");
                let shown = match value {
                    Value::String(s) => format!("“{s}”"),
                    Value::Number(n) => n.to_string(),
                    other => describe(other).to_string(),
                };
                let d = self
                    .error(
                        code,
                        &path,
                        format!(
                            "应是 {} 到 {} 之间的整数，实际是 {shown}",
                            range.start(),
                            range.end()
                        ),
                    )
                    .expected(format!("整数，例如 {}", range.start()));
                self.push(d);
                None
            }
        }
    }

    /// A value that must be one of `allowed`; reports with did-you-mean.
    pub fn one_of(
        &mut self,
        map: &Mapping,
        prefix: &str,
        key: &str,
        allowed: &[&str],
    ) -> Option<String> {
        let path = join(prefix, key);
        let text = self.string(map, prefix, key, allowed.first().copied().unwrap_or(""))?;
        if allowed.contains(&text.as_str()) {
            return Some(text);
        }
        let code = self.code("FM015", "CFG015");
        let suggestion = did_you_mean(&text, allowed.iter().copied());
        let mut d = self
            .error(code, &path, format!("“{text}” 不是允许的值"))
            .expected(format!("以下之一：{}", allowed.join(" · ")));
        if let Some(s) = suggestion {
            d = d.hint(format!("是否想写 {s}？"));
        }
        self.push(d);
        None
    }

    /// A nested mapping, or `None` (with a diagnostic when it is something else).
    pub fn mapping<'m>(
        &mut self,
        map: &'m Mapping,
        prefix: &str,
        key: &str,
        example: &str,
    ) -> Option<&'m Mapping> {
        match map.get(key)? {
            Value::Mapping(m) => Some(m),
            Value::Null => None,
            other => {
                let path = join(prefix, key);
                let code = self.code("FM012", "CFG012");
                let d = self
                    .error(
                        code,
                        &path,
                        format!("应是下一级的“键: 值”，实际是{}", describe(other)),
                    )
                    .expected(example.to_string());
                self.push(d);
                None
            }
        }
    }
}

/// A key that is not a string (`1:`, `true:`, `[a]:`), as the editor wrote it.
fn scalar_text(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "~".to_string(),
        Value::String(s) => s.clone(),
        other => describe(other).to_string(),
    }
}

fn is_bad_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Whether a string holds control characters other than newline and tab.
pub fn has_control_chars(s: &str) -> bool {
    s.chars().any(is_bad_control)
}

/// `prefix.key`, or `key` at the top level.
pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Parses `YYYY-MM-DD` (and optionally ` HH:MM`); the error says what is wrong.
pub fn parse_date(text: &str, allow_time: bool) -> Result<(Date, Option<String>), &'static str> {
    let (date_part, time_part) = match text.split_once([' ', 'T']) {
        Some((d, t)) if allow_time => (d, Some(t.trim())),
        Some(_) => return Err("不是日期：这里只写日期，不写时间"),
        None => (text, None),
    };
    let parts: Vec<&str> = date_part.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err("不是 YYYY-MM-DD 格式的日期");
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err("不是 YYYY-MM-DD 格式的日期（年四位、月日各两位）");
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return Err("不是 YYYY-MM-DD 格式的日期");
    };
    if !(1900..=2200).contains(&y) {
        return Err("年份不在 1900–2200 之间");
    }
    let date = Date::new(y, m, d).map_err(|_| "不是真实存在的日期")?;
    let time = match time_part {
        None => None,
        Some(t) => {
            let ok = t.len() == 5
                && t.as_bytes()[2] == b':'
                && t[..2].parse::<u8>().is_ok_and(|h| h < 24)
                && t[3..].parse::<u8>().is_ok_and(|m| m < 60);
            if !ok {
                return Err("时间部分不是 HH:MM 格式");
            }
            Some(t.to_string())
        }
    };
    Ok((date, time))
}

/// Turns 2024年5月31日, 2024/5/31 or 2024.5.31 into 2024-05-31 for a hint.
fn suggest_iso_date(text: &str) -> Option<String> {
    let nums: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let [y, m, d] = nums.as_slice() else {
        return None;
    };
    let candidate = format!("{y:04}-{m:02}-{d:02}");
    (candidate != text && parse_date(&candidate, false).is_ok()).then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_field_hint_says_where_to_add_it() {
        let keys = KeyLocator::default();
        let mut r = FieldReader::new("content/a.md", &keys, CodeFamily::FrontMatter);
        r.missing("published", "published: 2024-05-31");
        r.missing("gazette.issue", "issue: 7");
        let hints: Vec<_> = r
            .diags
            .iter()
            .map(|d| d.hint.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            hints,
            [
                "在文件头中加一行 published: …（发布日期）",
                "在 gazette 下加一行 issue: …（期号）"
            ]
        );
        let mut r = FieldReader::new("site.yaml", &keys, CodeFamily::Config);
        r.missing("base_url", "base_url: https://www.example.gov.cn/");
        assert_eq!(
            r.diags[0].hint.as_deref(),
            Some("在site.yaml中加一行 base_url: …（网站地址）")
        );
    }

    #[test]
    fn a_number_too_long_to_keep_its_digits_is_refused() {
        let keys = KeyLocator::default();
        let mut r = FieldReader::new("content/a.md", &keys, CodeFamily::FrontMatter);
        let map: Mapping = serde_yaml::from_str(
            "index_number: 1234567890123456789012345678901234567890\ndoc_number: 2024\n",
        )
        .expect("parses");
        assert_eq!(r.string(&map, "", "index_number", "x"), None);
        assert_eq!(r.diags[0].message, "数字太长，读出后已不是原来的数字");
        assert_eq!(
            r.string(&map, "", "doc_number", "x").as_deref(),
            Some("2024")
        );
        assert_eq!(r.diags.len(), 1);
    }

    #[test]
    fn parses_dates_and_times() {
        let (d, t) = parse_date("2024-05-31", true).expect("valid");
        assert_eq!(d.to_string(), "2024-05-31");
        assert_eq!(t, None);
        let (_, t) = parse_date("2024-05-31 09:30", true).expect("valid");
        assert_eq!(t.as_deref(), Some("09:30"));
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert_eq!(parse_date("2024-02-30", false), Err("不是真实存在的日期"));
        assert!(parse_date("2023-02-29", false).is_err());
        assert!(parse_date("2024-02-29", false).is_ok());
        assert!(parse_date("2024-5-31", false).is_err());
        assert!(parse_date("2024-05-31 09:30", false).is_err());
        assert!(parse_date("2024-05-31 25:00", true).is_err());
        assert!(parse_date("昨天", false).is_err());
    }

    #[test]
    fn suggests_iso_form_for_chinese_dates() {
        assert_eq!(
            suggest_iso_date("2024年5月31日").as_deref(),
            Some("2024-05-31")
        );
        assert_eq!(suggest_iso_date("2024/5/31").as_deref(), Some("2024-05-31"));
        assert_eq!(suggest_iso_date("2024-02-30"), None);
    }
}
