//! Mistakes found in the YAML text itself, before serde_yaml reads it: what
//! a Chinese input method slips in (`title：…` with a full-width colon,
//! `title:　…` with a full-width space, `title:…` without a space) and YAML
//! features gongkai does not take (merge keys `<<`, tags such as `!!binary`).
//! serde_yaml would report the first two a line late, or not at all; here
//! each is reported on its own line and column, naming the character.
//!
//! Like [`super::frontmatter`]'s key locator this reads block-style YAML
//! line by line; lines that continue a value (block scalars, wrapped text)
//! are skipped, so text inside a value is never taken for a key.

use super::chars::{describe_char, is_odd_space};
use crate::diagnostics::Diagnostic;
use crate::field_names;

/// Code for a full-width colon or an odd space where YAML needs `: `.
pub const SLIP_CODE: &str = "FM006";
/// Code for a YAML feature gongkai refuses (merge key, explicit tag).
pub const UNSUPPORTED_CODE: &str = "FM008";

/// Every slip in `yaml`; `first_line` is the file line of its first line.
pub fn find_slips(yaml: &str, display_path: &str, first_line: u32) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // A value written on a key's line may continue on lines indented deeper
    // than this column; those lines are text, not keys.
    let mut continues_past: Option<usize> = None;
    // Keys whose value is the block below them: (column, key).
    let mut parents: Vec<(usize, String)> = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        let at = Place {
            file: display_path,
            line: first_line + i as u32,
            text: line,
        };
        let indent = line.len() - line.trim_start_matches(' ').len();
        if line[indent..].is_empty() || continues_past.is_some_and(|c| indent > c) {
            continue;
        }
        continues_past = None;
        let (col, rest) = strip_dashes(line, indent);
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        parents.retain(|(c, _)| *c < col);
        let parent = parents
            .iter()
            .map(|(_, k)| k.as_str())
            .collect::<Vec<_>>()
            .join(".");
        match read_line(rest, col > indent) {
            Line::LeadingOddSpace(c) => found.push(at.leading_space(col, c)),
            Line::MergeKey => found.push(at.merge_key(col)),
            Line::Value { tag_at } => {
                if let Some(offset) = tag_at {
                    let d = at.tag(col + offset, &rest[offset..]);
                    found.push(if parent.is_empty() {
                        d
                    } else {
                        d.field(&parent)
                    });
                }
            }
            Line::Key { key, sep, value } => {
                let path = if parent.is_empty() {
                    key.to_string()
                } else {
                    format!("{parent}.{key}")
                };
                let fixed = format!(
                    "{}{key}: {}",
                    &line[..col],
                    value.text.trim_start_matches(is_odd_space)
                );
                match sep {
                    Sep::Good => {}
                    Sep::WrongColon(offset) => {
                        found.push(at.wrong_colon(col + offset, &path, &fixed))
                    }
                    Sep::OddSpace(offset, c) => {
                        found.push(at.odd_space(col + offset, &path, c, &fixed))
                    }
                    Sep::NoSpace(offset) => found.push(at.no_space(col + offset, &path, &fixed)),
                    Sep::NoColon(offset) => found.push(at.no_colon(col + offset, &path, &fixed)),
                }
                if let Some(offset) = value.tag_at {
                    found.push(at.tag(col + offset, &rest[offset..]).field(&path));
                }
                if value.text.is_empty() {
                    parents.push((col, key.to_string()));
                }
            }
        }
        // whatever was written on this line, deeper lines continue it
        // (a key with an empty value has its children below: they are keys)
        let has_children = parents.last().is_some_and(|(c, _)| *c == col);
        if !has_children {
            continues_past = Some(col.max(indent));
        }
    }
    found
}

/// Skips list dashes (`- `, `- - `): (column of the content, content).
fn strip_dashes(line: &str, indent: usize) -> (usize, &str) {
    let mut col = indent;
    let mut rest = &line[indent..];
    loop {
        if let Some(after) = rest.strip_prefix("- ") {
            let spaces = after.len() - after.trim_start_matches(' ').len();
            col += 2 + spaces;
            rest = &after[spaces..];
        } else if rest == "-" {
            return (col, "");
        } else {
            return (col, rest);
        }
    }
}

/// How a key is separated from its value.
enum Sep {
    /// `: ` or `:` at the end of the line.
    Good,
    /// A full-width colon at this byte offset (from the key).
    WrongColon(usize),
    /// An odd space at this offset, after the colon or before it.
    OddSpace(usize, char),
    /// A known key directly followed by its value: `title:关于`.
    NoSpace(usize),
    /// A known key, a space and its value, no colon on the line: `agency 某局`.
    NoColon(usize),
}

/// The value written after a key or dash.
struct ValueText<'a> {
    text: &'a str,
    /// Offset of a `!` that starts a tag.
    tag_at: Option<usize>,
}

enum Line<'a> {
    LeadingOddSpace(char),
    MergeKey,
    Key {
        key: &'a str,
        sep: Sep,
        value: ValueText<'a>,
    },
    /// Not a key: a list item's value, wrapped text.
    Value {
        tag_at: Option<usize>,
    },
}

/// `in_item`: the line is a list item (`- …`), where a word and a colon may
/// well be text (`- COVID：防控`), so only a known key is taken for a key.
fn read_line(rest: &str, in_item: bool) -> Line<'_> {
    if let Some(c) = rest.chars().next().filter(|&c| is_odd_space(c)) {
        return Line::LeadingOddSpace(c);
    }
    if rest
        .strip_prefix("<<")
        .is_some_and(|r| r.trim_start_matches(' ').starts_with(':'))
    {
        return Line::MergeKey;
    }
    let key_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let key = &rest[..key_len];
    if !key.starts_with(|c: char| c.is_ascii_alphabetic()) || (in_item && !is_known_key(key)) {
        return Line::Value {
            tag_at: rest.starts_with('!').then_some(0),
        };
    }
    let spaces = rest[key_len..].len() - rest[key_len..].trim_start_matches(' ').len();
    let sep_at = key_len + spaces;
    let after = &rest[sep_at..];
    let mut chars = after.chars();
    let (sep, value_at) = match chars.next() {
        Some('：') => (Sep::WrongColon(sep_at), sep_at + '：'.len_utf8()),
        Some(':') => match chars.next() {
            None | Some(' ' | '\t') => (Sep::Good, sep_at + 1),
            Some(c) if is_odd_space(c) => (Sep::OddSpace(sep_at + 1, c), sep_at + 1),
            Some(_) if is_known_key(key) => (Sep::NoSpace(sep_at + 1), sep_at + 1),
            Some(_) => return Line::Value { tag_at: None },
        },
        Some(c) if is_odd_space(c) => {
            let behind = after.trim_start_matches(is_odd_space);
            match behind.chars().next() {
                Some(':' | '：') => (Sep::OddSpace(sep_at, c), rest.len() - behind.len() + 1),
                _ => return Line::Value { tag_at: None },
            }
        }
        // nothing on a line where a key stands can be a value without a colon
        // (in a list, `- file 管理` may be a keyword)
        Some(_) if !in_item && spaces > 0 && is_known_key(key) && !after.contains([':', '：']) => {
            (Sep::NoColon(key_len), sep_at)
        }
        _ => return Line::Value { tag_at: None },
    };
    let value_at = value_at.min(rest.len());
    let value_at = rest
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| i >= value_at)
        .unwrap_or(rest.len());
    let raw = &rest[value_at..];
    let text = raw.trim_start_matches([' ', '\t']);
    let text_at = value_at + raw.len() - text.len();
    let text = if text.starts_with('#') { "" } else { text };
    Line::Key {
        key,
        sep,
        value: ValueText {
            text: text.trim_end(),
            tag_at: text.starts_with('!').then_some(text_at),
        },
    }
}

/// Keys of front matter and site.yaml: only these are taken for a key when
/// a colon is directly followed by text (`title:关于`); other words may be
/// text such as `https://…`.
fn is_known_key(key: &str) -> bool {
    field_names::is_key(key)
}

/// A line of a file, for the diagnostics found on it.
struct Place<'a> {
    file: &'a str,
    line: u32,
    text: &'a str,
}

impl Place<'_> {
    /// `offset` is a byte offset in the line; columns count characters.
    fn error(&self, code: &'static str, offset: usize, message: String) -> Diagnostic {
        let before = self.text.get(..offset).unwrap_or(self.text);
        let column = before.chars().count() as u32 + 1;
        Diagnostic::error(code, self.file, message).at(self.line, column)
    }

    fn wrong_colon(&self, offset: usize, path: &str, fixed: &str) -> Diagnostic {
        self.error(
            SLIP_CODE,
            offset,
            format!("字段名后面是{}，YAML 只认半角冒号", describe_char('：')),
        )
        .field(path)
        .expected(format!("{fixed}（半角冒号“:”，后面空一格）"))
        .hint("切换到英文输入法再输入冒号；中文冒号只能出现在值里")
    }

    fn odd_space(&self, offset: usize, path: &str, c: char, fixed: &str) -> Diagnostic {
        self.error(
            SLIP_CODE,
            offset,
            format!("冒号旁边是{}，YAML 只认半角空格", describe_char(c)),
        )
        .field(path)
        .expected(format!("{fixed}（冒号后面是一个半角空格）"))
        .hint("删去这个空格，切换到英文输入法再输入一个空格")
    }

    fn no_space(&self, offset: usize, path: &str, fixed: &str) -> Diagnostic {
        self.error(SLIP_CODE, offset, "冒号后面缺少空格".to_string())
            .field(path)
            .expected(format!("{fixed}（冒号后面空一格）"))
            .hint("字段名和值之间是“冒号 + 空格”，否则整行会被当作一段文字")
    }

    fn no_colon(&self, offset: usize, path: &str, fixed: &str) -> Diagnostic {
        self.error(SLIP_CODE, offset, "字段名后面缺少冒号".to_string())
            .field(path)
            .expected(format!("{fixed}（半角冒号“:”，后面空一格）"))
            .hint("字段名和值之间是“冒号 + 空格”")
    }

    fn leading_space(&self, offset: usize, c: char) -> Diagnostic {
        self.error(
            SLIP_CODE,
            offset,
            format!("行首是{}，YAML 的缩进只能用半角空格", describe_char(c)),
        )
        .expected("顶层字段顶格写；下一级字段用半角空格缩进")
        .hint("删去行首的这个空格")
    }

    fn merge_key(&self, offset: usize) -> Diagnostic {
        self.error(
            UNSUPPORTED_CODE,
            offset,
            "不支持 YAML 合并键 <<（把别处定义的字段并入这里）".to_string(),
        )
        .expected("把需要的字段逐个写出来")
        .hint("删去 “<<: *名称” 这一行，在这里直接写出各个字段")
    }

    fn tag(&self, offset: usize, from_tag: &str) -> Diagnostic {
        let tag: String = from_tag
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
            .collect();
        self.error(
            UNSUPPORTED_CODE,
            offset,
            format!("不支持 YAML 标签 “{tag}”：值不能以 ! 开头"),
        )
        .expected("普通的值，例如 title: 关于……的通知；文字用英文双引号括起来，例如 \"2024-05-31\"")
        .hint(format!(
            "删去 “{tag}”；如果值本身以 ! 开头，用英文双引号把整个值括起来"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slips(yaml: &str) -> Vec<(&'static str, u32, u32, String)> {
        find_slips(yaml, "a.md", 2)
            .into_iter()
            .map(|d| {
                (
                    d.code,
                    d.line.unwrap_or(0),
                    d.column.unwrap_or(0),
                    d.message,
                )
            })
            .collect()
    }

    #[test]
    fn full_width_colon_is_named_on_its_line() {
        let found = find_slips("agency: 某局\ntitle：关于开展调研的通知\n", "a.md", 2);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!((d.code, d.line, d.column), ("FM006", Some(3), Some(6)));
        assert_eq!(d.field.as_deref(), Some("title"));
        assert_eq!(
            d.message,
            "字段名后面是全角冒号 ：(U+FF1A)，YAML 只认半角冒号"
        );
        assert_eq!(
            d.expected.as_deref(),
            Some("title: 关于开展调研的通知（半角冒号“:”，后面空一格）")
        );
    }

    #[test]
    fn odd_spaces_around_the_colon() {
        assert_eq!(
            slips("title:\u{3000}关于\nagency:\u{a0}某局\nsubject\u{3000}: x\n")
                .into_iter()
                .map(|(c, l, col, m)| (c, l, col, m.contains("(U+3000)")))
                .collect::<Vec<_>>(),
            [
                ("FM006", 2, 7, true),
                ("FM006", 3, 8, false),
                ("FM006", 4, 8, true)
            ]
        );
    }

    #[test]
    fn known_key_without_colon() {
        let found = find_slips("title: 关于\nagency 某市人民政府办公室\n", "a.md", 2);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (Some(3), Some(7)));
        assert_eq!(found[0].message, "字段名后面缺少冒号");
        assert_eq!(
            found[0].expected.as_deref(),
            Some("agency: 某市人民政府办公室（半角冒号“:”，后面空一格）")
        );
        // a word that is not a key, or a line with a colon later, is left to the parser
        assert!(slips("note 某局\ntitle 关于: 通知\nkeywords:\n  - file 管理\n").is_empty());
    }

    #[test]
    fn known_key_without_space_but_not_urls() {
        assert_eq!(slips("title:关于\n").len(), 1);
        assert!(slips("links:\n  - https://www.gov.cn/\n").is_empty());
        // in a list, only a known key is a key
        assert!(slips("keywords:\n  - COVID：防控\n").is_empty());
        assert_eq!(slips("attachments:\n  - file：a.pdf\n").len(), 1);
    }

    #[test]
    fn text_inside_values_is_not_a_key() {
        let yaml = "summary: |\n  注意：本文\n  title：不是字段\ntitle: 关于\n  续行 note：x\nvalidity:\n  effective: 2024-01-01\n";
        assert!(slips(yaml).is_empty(), "{:?}", slips(yaml));
    }

    #[test]
    fn nested_keys_are_named_with_their_parent() {
        let found = find_slips("validity:\n  expires：2025-01-01\n", "a.md", 2);
        assert_eq!(found[0].field.as_deref(), Some("validity.expires"));
        assert_eq!((found[0].line, found[0].column), (Some(3), Some(10)));
    }

    #[test]
    fn leading_full_width_space() {
        let found = slips("\u{3000}title: x\n");
        assert_eq!((found[0].1, found[0].2), (2, 1));
        assert!(found[0].3.starts_with("行首是全角空格 (U+3000)"));
    }

    #[test]
    fn merge_keys_and_tags_are_refused_where_written() {
        let yaml = "base: &b\n  x: 1\nother:\n  <<: *b\ndata: !!binary aGVsbG8=\nset: !!set {a, b}\nlist:\n  - !custom x\nok: \"!!str\"\n";
        assert_eq!(
            slips(yaml),
            [
                (
                    "FM008",
                    5,
                    3,
                    "不支持 YAML 合并键 <<（把别处定义的字段并入这里）".to_string()
                ),
                (
                    "FM008",
                    6,
                    7,
                    "不支持 YAML 标签 “!!binary”：值不能以 ! 开头".to_string()
                ),
                (
                    "FM008",
                    7,
                    6,
                    "不支持 YAML 标签 “!!set”：值不能以 ! 开头".to_string()
                ),
                (
                    "FM008",
                    9,
                    5,
                    "不支持 YAML 标签 “!custom”：值不能以 ! 开头".to_string()
                ),
            ]
        );
    }

    #[test]
    fn never_panics_and_always_places_on_mixed_odd_characters() {
        // a fixed pseudo-random walk over the characters the scanner splits on
        let alphabet = [
            ' ', ':', '：', '\u{3000}', '\u{A0}', '-', '!', 'a', '<', '\n', '#', '|', '关', '\t',
            '"',
        ];
        let mut state: u32 = 0x9E37_79B9;
        for _ in 0..3000 {
            let text: String = (0..24)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    alphabet[state as usize % alphabet.len()]
                })
                .collect();
            for d in find_slips(&text, "a.md", 2) {
                assert!(d.line.is_some_and(|l| l >= 2) && d.column.is_some_and(|c| c >= 1));
            }
            // and serde_yaml's errors, when there is no slip
            let doc = format!("---\n{text}\n---\n");
            if let Err(found) = crate::yaml::frontmatter::parse_front_matter(&doc, "a.md") {
                assert!(found
                    .iter()
                    .all(|d| d.line.is_some() && !d.message.is_empty()));
            }
        }
    }
}
