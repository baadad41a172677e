//! CFG024 (agencies) and CFG025 (classes): an entry of site.yaml whose
//! name or URL segment another entry already has. The message names both
//! entries with their lines and what they share; names are compared as
//! readers see them (`identity_key`: full-width letters and digits, invisible
//! characters), so `某市教育局` and `某市教育局` + a zero-width space are
//! one name, and the message says they differ only in that.

use crate::util::identity::identity_key;
use crate::yaml::fields::FieldReader;

/// The entries of one list read so far.
#[derive(Default)]
pub(super) struct Seen {
    entries: Vec<Entry>,
}

struct Entry {
    /// `agencies[1]`, `taxonomy[0].children[2]`.
    prefix: String,
    name: String,
    slug: String,
    /// Where the slug comes from: `slug`, `code` or `name` under the prefix.
    slug_key: &'static str,
}

/// How an entry got its URL segment, for the message.
pub(super) enum SlugFrom {
    /// Written as `slug:`.
    Written,
    /// An agency without `slug:`: its `code`.
    Code,
    /// Made from the name.
    Name,
}

/// One entry of a list, to be checked against the earlier ones.
pub(super) struct Candidate<'a> {
    /// Where it is (`agencies[3]`).
    pub(super) prefix: &'a str,
    /// Its name as written.
    pub(super) name: &'a str,
    /// Where the name is written: `{prefix}.name`, or the prefix itself
    /// for a class written as a bare name.
    pub(super) name_path: &'a str,
    /// Its URL segment.
    pub(super) slug: &'a str,
    /// How it got it.
    pub(super) slug_from: SlugFrom,
}

impl Seen {
    /// Records `entry` and returns true, or reports it (code `code`; `kind`
    /// is 机构, 一级分类 or 二级分类) and returns false when an earlier
    /// entry has its name or URL segment.
    pub(super) fn first_time(
        &mut self,
        r: &mut FieldReader<'_>,
        code: &'static str,
        kind: &str,
        entry: Candidate<'_>,
    ) -> bool {
        let key = identity_key(entry.name);
        let same_name = self.entries.iter().find(|e| identity_key(&e.name) == key);
        if let Some(prev) = same_name {
            let line = r.line_of(&format!("{}.name", prev.prefix));
            let looks_same = if prev.name == entry.name {
                ""
            } else {
                "：两者只差不可见字符或全角、半角，读者看来是同一个名称"
            };
            let d = r
                .error(
                    code,
                    entry.name_path,
                    format!(
                        "{kind}名称 “{}” 与第 {line} 行的 {}（“{}”）重复{looks_same}",
                        entry.name.escape_debug(),
                        prev.prefix,
                        prev.name.escape_debug()
                    ),
                )
                .expected(format!("每个{kind}只写一次，名称各不相同"))
                .hint(format!(
                    "删去重复的一项；若是两个不同的{kind}，改正其中一个的名称"
                ));
            r.push(d);
            return false;
        }
        let (from, at) = match entry.slug_from {
            SlugFrom::Written => (" ", "slug"),
            SlugFrom::Code => ("（未写 slug，取自 code）", "code"),
            SlugFrom::Name => ("（未写 slug，由名称生成）", "name"),
        };
        if let Some(prev) = self.entries.iter().find(|e| e.slug == entry.slug) {
            let line = r.line_of(&format!("{}.{}", prev.prefix, prev.slug_key));
            let d = r
                .error(
                    code,
                    &format!("{}.{at}", entry.prefix),
                    format!(
                        "“{}” 的网址名 {}{from}与第 {line} 行的 {}（“{}”）的网址名相同",
                        entry.name, entry.slug, prev.prefix, prev.name
                    ),
                )
                .expected(format!("每个{kind}的网址名 slug 各不相同"))
                .hint(format!(
                    "给其中一项写一个不同的 slug，例如 slug: {}-2",
                    entry.slug
                ));
            r.push(d);
            return false;
        }
        self.entries.push(Entry {
            prefix: entry.prefix.to_string(),
            name: entry.name.to_string(),
            slug: entry.slug.to_string(),
            slug_key: at,
        });
        true
    }
}

#[cfg(test)]
mod tests {
    fn errors(yaml: &str) -> Vec<String> {
        let text = format!("title: 站\nbase_url: https://a.gov.cn/\n{yaml}");
        match crate::config::parse_config(&text) {
            Ok(_) => Vec::new(),
            Err(diags) => diags.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_duplicate_agency_names_both_entries_and_lines() {
        let found = errors(
            "agencies:\n  - name: 某市教育局\n    code: \"001\"\n  - name: 某市财政局\n    code: \"002\"\n  - name: 某市教育局\u{200B}\n    code: \"003\"\n  - name: 某市审计局\n    code: \"002\"\n",
        );
        assert_eq!(
            found,
            [
                "错误[CFG024] site.yaml:8:5  字段 agencies[2].name（机构全称）：机构名称 “某市教育局\\u{200b}” 与第 4 行的 agencies[0]（“某市教育局”）重复：两者只差不可见字符或全角、半角，读者看来是同一个名称\n  应为：每个机构只写一次，名称各不相同\n  提示：删去重复的一项；若是两个不同的机构，改正其中一个的名称",
                "错误[CFG024] site.yaml:11:5  字段 agencies[3].code（组织机构代码）：“某市审计局” 的网址名 002（未写 slug，取自 code）与第 7 行的 agencies[1]（“某市财政局”）的网址名相同\n  应为：每个机构的网址名 slug 各不相同\n  提示：给其中一项写一个不同的 slug，例如 slug: 002-2",
            ]
        );
    }

    #[test]
    fn a_duplicate_class_says_which_and_where() {
        let found = errors(
            "taxonomy:\n  - name: 综合政务\n    children: [政务公开, 电子政务, 政务公开]\n  - 财政\n  - name: 综合政务\n",
        );
        assert_eq!(
            found,
            [
                "错误[CFG025] site.yaml:5:5  字段 taxonomy[0].children[2]（二级分类）：二级分类名称 “政务公开” 与第 5 行的 taxonomy[0].children[0]（“政务公开”）重复\n  应为：每个二级分类只写一次，名称各不相同\n  提示：删去重复的一项；若是两个不同的二级分类，改正其中一个的名称",
                "错误[CFG025] site.yaml:7:5  字段 taxonomy[2].name（分类名称）：一级分类名称 “综合政务” 与第 4 行的 taxonomy[0]（“综合政务”）重复\n  应为：每个一级分类只写一次，名称各不相同\n  提示：删去重复的一项；若是两个不同的一级分类，改正其中一个的名称",
            ]
        );
    }
}
