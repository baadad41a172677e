//! Splits a Markdown file into its YAML front matter and body, parses the
//! YAML, and remembers on which line each key stands so that later checks can
//! point editors at the exact line. The only module (with `config.rs`) that
//! touches serde_yaml, so replacing the archived crate is a local change.

use super::errors::yaml_error;
use super::keys::locate_keys;
pub use super::keys::KeyLocator;
use crate::diagnostics::Diagnostic;

/// A parsed front-matter block.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// The YAML as a mapping.
    pub map: serde_yaml::Mapping,
    /// Where keys are, by dotted path.
    pub keys: KeyLocator,
    /// The Markdown after the closing `---`.
    pub body: String,
    /// File line (1-based) of the body's first line.
    pub body_first_line: u32,
}

/// Splits, parses and locates. `display_path` is used in messages. Every
/// slip found before parsing is returned (see [`super::slips`]); serde_yaml's
/// own error is reported only when there is none, as it would follow from them.
pub fn parse_front_matter(text: &str, display_path: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
    let (yaml, body, body_first_line) = split(text, display_path).map_err(|d| vec![d])?;
    let (map, keys) = parse_yaml(yaml, display_path, 2)?;
    Ok(FrontMatter {
        map,
        keys,
        body: body.to_string(),
        body_first_line,
    })
}

/// Parses a whole YAML file (such as `site.yaml`) into a mapping with key positions.
pub fn parse_yaml_file(
    text: &str,
    display_path: &str,
) -> Result<(serde_yaml::Mapping, KeyLocator), Vec<Diagnostic>> {
    parse_yaml(text, display_path, 1)
}

/// Shape limits, slips and duplicate keys, then serde_yaml. `first_line` is
/// the file line of the YAML's first line.
fn parse_yaml(
    yaml: &str,
    display_path: &str,
    first_line: u32,
) -> Result<(serde_yaml::Mapping, KeyLocator), Vec<Diagnostic>> {
    super::shape::check_yaml_shape(yaml, display_path, first_line).map_err(|d| vec![d])?;
    let keys = locate_keys(yaml, first_line);
    let mut found = super::slips::find_slips(yaml, display_path, first_line);
    found.extend(
        keys.duplicates
            .iter()
            .map(|(path, first, second)| duplicate_key(display_path, path, *first, *second)),
    );
    if !found.is_empty() {
        return Err(found);
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml)
        .map_err(|e| vec![yaml_error(&e, yaml, &keys, display_path, first_line)])?;
    let (code, shown) = if first_line == 1 {
        ("CFG002", "应是“键: 值”的列表")
    } else {
        ("FM004", "文件头应是“键: 值”的列表")
    };
    match value {
        serde_yaml::Value::Mapping(map) => Ok((map, keys)),
        serde_yaml::Value::Null => Ok((serde_yaml::Mapping::new(), keys)),
        other => Err(vec![Diagnostic::error(
            code,
            display_path,
            format!("{shown}，实际是{}", describe(&other)),
        )
        .at(first_line, 1)
        .expected("每行一个字段，例如 title: 关于……的通知")]),
    }
}

/// Returns (yaml, body, body's first file line).
fn split<'a>(text: &'a str, display_path: &str) -> Result<(&'a str, &'a str, u32), Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("FM001", display_path, "文件是空的")
            .at(1, 1)
            .expected("以 --- 开头的文件头（标题、发布机构等字段），再写正文")
            .hint("运行 `gongkai new <路径>` 生成一个填好所有字段的新文件"));
    }
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    if first.trim_end_matches([' ', '\t']) != "---" {
        return Err(super::opening::misplaced_opening(text, display_path));
    }
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            // opening line 1, yaml lines 2..=i+1, closing i+2, body from i+3
            return Ok((yaml, body, i as u32 + 3));
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error("FM002", display_path, "文件头没有结束：找不到第二个 ---")
            .at(1, 1)
            .expected("文件头最后一行单独写 ---，正文写在它后面"),
    )
}

fn duplicate_key(display_path: &str, path: &str, first: u32, second: u32) -> Diagnostic {
    Diagnostic::error(
        "FM005",
        display_path,
        format!("同一个字段写了两次（第 {first} 行和第 {second} 行）"),
    )
    .at(second, 1)
    .field(path)
    .expected("每个字段只写一次")
    .hint("删除其中一行，或合并两处的内容")
}

/// A short Chinese description of a YAML value's type, for "found …" messages.
pub fn describe(v: &serde_yaml::Value) -> &'static str {
    match v {
        serde_yaml::Value::Null => "空值",
        serde_yaml::Value::Bool(_) => "真/假值",
        serde_yaml::Value::Number(_) => "数字",
        serde_yaml::Value::String(_) => "文字",
        serde_yaml::Value::Sequence(_) => "列表",
        serde_yaml::Value::Mapping(_) => "键值表",
        serde_yaml::Value::Tagged(_) => "带标签的值",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one diagnostic `text` gets.
    fn only_error(text: &str) -> Diagnostic {
        let mut found = parse_front_matter(text, "a.md").map(|_| ()).unwrap_err();
        assert_eq!(found.len(), 1, "{found:?}");
        found.remove(0)
    }

    const DOC: &str = "---\ntitle: 关于……的通知\nvalidity:\n  effective: 2024-01-01\n  replaced_by:\n    - 甲〔2024〕1号\n    - 乙〔2024〕2号\nattachments:\n- file: a.pdf\n  title: 附件1\n- file: b.pdf\n---\n正文\n";

    #[test]
    fn splits_and_maps_body_line() {
        let fm = parse_front_matter(DOC, "a.md").expect("parses");
        assert_eq!(fm.body, "正文\n");
        assert_eq!(fm.body_first_line, 13);
    }

    #[test]
    fn locates_nested_list_and_item_keys() {
        let fm = parse_front_matter(DOC, "a.md").expect("parses");
        assert_eq!(fm.keys.find("title"), (2, 1));
        assert_eq!(fm.keys.find("validity.effective"), (4, 3));
        assert_eq!(fm.keys.find("validity.replaced_by[1]"), (7, 5));
        assert_eq!(fm.keys.find("attachments[0].file"), (9, 3));
        assert_eq!(fm.keys.find("attachments[1].file"), (11, 3));
        assert_eq!(fm.keys.find("attachments[0].title"), (10, 3));
        // unknown keys fall back to their parent
        assert_eq!(fm.keys.find("validity.expires"), (3, 1));
    }

    #[test]
    fn rejects_missing_and_unterminated_front_matter() {
        assert_eq!(only_error("").code, "FM001");
        assert_eq!(only_error("# 标题\n").code, "FM001");
        assert_eq!(only_error("---\ntitle: x\n").code, "FM002");
    }

    #[test]
    fn yaml_errors_point_at_the_file_line() {
        let err = only_error("---\ntitle: a\nagency: \"unclosed\n---\n");
        assert_eq!(err.code, "FM003");
        assert!(err.line.is_some_and(|l| l >= 3), "{err}");
    }

    #[test]
    fn unclosed_quote_points_at_the_opening_quote() {
        let text = "---\ntitle: \"关于……的通知\nagency: 某局\npublished: 2024-05-31\n---\n正文\n";
        let err = only_error(text);
        assert_eq!(
            (err.code, err.line, err.column),
            ("FM003", Some(2), Some(8)),
            "{err}"
        );
        assert!(err.message.contains("引号没有闭合"), "{err}");
        assert!(
            err.hint
                .as_deref()
                .is_some_and(|h| h.contains("title: \"关于")),
            "{err}"
        );
        let config_err = parse_yaml_file("title: \"a\nbase_url: x\n", "site.yaml")
            .map(|_| ())
            .unwrap_err()
            .remove(0);
        assert_eq!(
            (config_err.line, config_err.column),
            (Some(1), Some(8)),
            "{config_err}"
        );
    }

    #[test]
    fn tabs_get_a_plain_explanation() {
        let err = only_error("---\nvalidity:\n\teffective: 2024-01-01\n---\n");
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("Tab"), "{err}");
    }

    #[test]
    fn records_duplicate_keys() {
        let text = "---\ntitle: a\ntitle: b\n---\n";
        let err = only_error(text);
        assert_eq!((err.code, err.line), ("FM005", Some(3)), "{err}");
        assert!(err.message.contains("第 2 行和第 3 行"), "{err}");
    }

    #[test]
    fn every_slip_and_duplicate_of_a_file_comes_at_once() {
        let text =
            "---\ntitle：关于\nagency:\u{3000}某局\ncategory: 综合政务\ncategory: 综合政务\n---\n";
        let found = parse_front_matter(text, "a.md").map(|_| ()).unwrap_err();
        let codes: Vec<_> = found.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            codes,
            [("FM006", Some(2)), ("FM006", Some(3)), ("FM005", Some(5))]
        );
    }

    #[test]
    fn a_blank_line_before_the_dashes_is_said_so() {
        let err = only_error("\n---\ntitle: a\n---\n");
        assert_eq!((err.code, err.line), ("FM007", Some(1)), "{err}");
        // trailing spaces after the opening dashes are harmless
        assert!(parse_front_matter("---  \ntitle: a\n---\n", "a.md").is_ok());
    }

    #[test]
    fn site_yaml_gets_the_same_slips_on_its_own_lines() {
        let found = parse_yaml_file(
            "title：某站\nbase_url: https://x.cn/\n<<: *a\n",
            "site.yaml",
        )
        .map(|_| ())
        .unwrap_err();
        let places: Vec<_> = found
            .iter()
            .map(|d| (d.code, d.line, d.column, d.field.as_deref()))
            .collect();
        assert_eq!(
            places,
            [
                ("FM006", Some(1), Some(6), Some("title")),
                ("FM008", Some(3), Some(1), None)
            ]
        );
    }
}
