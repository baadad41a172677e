//! FM043: how long a one-line field may be. A 标题 pasted with the whole
//! text behind it, or a 文号 holding a paragraph, would otherwise be
//! published as it is, in every list, feed and export.
//!
//! The limits are far above any real value (the longest titles on the
//! State Council's policy library run to about 100 characters, 文号 to 20,
//! agency names to 30), so only a paste gone wrong reaches them. Counted in
//! characters, not bytes: a Chinese character is one.

use crate::yaml::fields::FieldReader;
use crate::yaml::{Mapping, Value};

/// Front-matter fields (dotted path; `[]` = every item of a list) and the
/// most characters each may hold.
pub const LENGTH_LIMITS: &[(&str, usize)] = &[
    ("title", 200),
    ("agency", 100),
    ("doc_number", 100),
    ("index_number", 100),
    ("genre", 20),
    ("disclosure_reason", 200),
    ("validity.reason", 200),
    ("gazette.section", 50),
    ("attachments[].title", 200),
    ("keywords[]", 50),
    ("abstract", 1000),
];

/// The limit of `path` in [`LENGTH_LIMITS`].
pub fn max_chars(path: &str) -> Option<usize> {
    LENGTH_LIMITS
        .iter()
        .find(|(p, _)| *p == path)
        .map(|&(_, max)| max)
}

/// Reports every string in `map` longer than its limit. Keywords are
/// checked after they are split (see `values::read_keywords`), so only the
/// table's other entries are looked at here.
pub fn check_lengths(r: &mut FieldReader<'_>, map: &Mapping) {
    for &(path, max) in LENGTH_LIMITS {
        if path == "keywords[]" {
            continue;
        }
        for (shown, text) in strings_at(map, path) {
            check_one(r, &shown, &text, max);
        }
    }
}

/// FM043 at `path` when `text` has more than `max` characters; true when it
/// is within the limit.
pub fn check_one(r: &mut FieldReader<'_>, path: &str, text: &str, max: usize) -> bool {
    let count = text.trim().chars().count();
    if count <= max {
        return true;
    }
    let label = crate::field_names::label_for(path).unwrap_or("字段");
    let d = r
        .error(
            "FM043",
            path,
            format!("{label}长 {count} 个字符，超过上限 {max} 个字符"),
        )
        .expected(format!("{label}不超过 {max} 个字符"))
        .hint("多半是把正文或别的段落一起粘贴进来了：这里只留一行，其余内容写在正文中");
    r.push(d);
    false
}

/// The strings at `path` (with their indexed paths, `attachments[2].title`).
pub(super) fn strings_at(map: &Mapping, path: &str) -> Vec<(String, String)> {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let (key, each) = match head.strip_suffix("[]") {
        Some(k) => (k, true),
        None => (head, false),
    };
    let Some(value) = map.get(key) else {
        return Vec::new();
    };
    let items: Vec<(String, &Value)> = match (each, value) {
        (true, Value::Sequence(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{key}[{i}]"), v))
            .collect(),
        (true, _) => Vec::new(),
        (false, v) => vec![(key.to_string(), v)],
    };
    let mut out = Vec::new();
    for (shown, value) in items {
        match (rest, value) {
            (None, Value::String(s)) => out.push((shown, s.clone())),
            (Some(rest), Value::Mapping(m)) => {
                out.extend(
                    strings_at(m, rest)
                        .into_iter()
                        .map(|(p, s)| (format!("{shown}.{p}"), s)),
                );
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::frontmatter::parse_front_matter;

    fn problems(yaml: &str) -> Vec<(String, String)> {
        let text = format!("---\n{yaml}---\n正文\n");
        let fm = parse_front_matter(&text, "content/a.md").expect("parses");
        let mut r = crate::parse::document::front_matter_reader("content/a.md", &fm);
        check_lengths(&mut r, &fm.map);
        r.diags
            .iter()
            .map(|d| (d.location(), d.message.clone()))
            .collect()
    }

    #[test]
    fn a_pasted_title_is_refused_with_its_length() {
        let long = "关".repeat(40_000);
        assert_eq!(
            problems(&format!("title: {long}\n")),
            [(
                "content/a.md:2:1".to_string(),
                "标题长 40000 个字符，超过上限 200 个字符".to_string()
            )]
        );
        assert!(problems(&format!("title: {}\n", "关".repeat(200))).is_empty());
    }

    #[test]
    fn nested_and_listed_fields_are_counted_too() {
        let long = "理".repeat(201);
        let found = problems(&format!(
            "validity:\n  reason: {long}\nattachments:\n  - file: a.pdf\n    title: 短\n  - file: b.pdf\n    title: {long}\n"
        ));
        assert_eq!(
            found,
            [
                (
                    "content/a.md:3:3".to_string(),
                    "理由长 201 个字符，超过上限 200 个字符".to_string()
                ),
                (
                    "content/a.md:8:5".to_string(),
                    "附件名称长 201 个字符，超过上限 200 个字符".to_string()
                ),
            ]
        );
    }

    #[test]
    fn every_limit_names_a_field_with_a_label() {
        for (path, _) in LENGTH_LIMITS {
            let plain = path.replace("[]", "[0]");
            assert!(
                crate::field_names::label_for(&plain).is_some(),
                "{path} has no Chinese label"
            );
        }
    }
}
