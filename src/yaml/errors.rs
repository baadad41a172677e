//! serde_yaml's errors put in Chinese, at the place the editor has to look.
//!
//! serde_yaml (libyaml underneath) words its errors in English. They are
//! recognised here by their fixed phrases and never shown: an editor who
//! reads only Chinese gets a Chinese message for every one, an unknown
//! phrase included, with the line and column kept.

use super::chars::describe_char;
use super::keys::KeyLocator;
use crate::diagnostics::Diagnostic;

/// What an error means, for the editor.
struct Meaning {
    code: &'static str,
    message: String,
    hint: String,
    /// Where to point instead of serde_yaml's place (YAML line, column).
    place: Option<(u32, u32)>,
    /// The field named in the error (serde_yaml names it for bad values).
    field: Option<String>,
    /// What to write, when more precise than "键: 值".
    expected: Option<String>,
}

impl Meaning {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Meaning {
            code: "FM003",
            message: message.into(),
            hint: hint.into(),
            place: None,
            field: None,
            expected: None,
        }
    }

    fn at(mut self, place: Option<(u32, u32)>) -> Self {
        self.place = place;
        self
    }
}

/// The diagnostic for a serde_yaml error in `yaml`. `first_line` is the file
/// line of the YAML's first line (2 in front matter, 1 in site.yaml):
/// serde_yaml counts from the YAML, editors from the file.
pub(super) fn yaml_error(
    e: &serde_yaml::Error,
    yaml: &str,
    keys: &KeyLocator,
    display_path: &str,
    first_line: u32,
) -> Diagnostic {
    let raw = e.to_string();
    let reported = e.location().map(|l| (l.line() as u32, l.column() as u32));
    let meaning = meaning(&raw, yaml, reported);
    let (line, col) = meaning
        .place
        .or(reported)
        .map_or((first_line, 1), |(l, c)| (l + first_line - 1, c.max(1)));
    let yaml_line = yaml
        .lines()
        .nth(line.saturating_sub(first_line) as usize)
        .unwrap_or("");
    let expected = meaning
        .expected
        .unwrap_or_else(|| "键: 值，例如 published: 2024-05-31".to_string());
    let mut d = Diagnostic::error(meaning.code, display_path, meaning.message)
        .at(line, col)
        .expected(expected);
    if let Some(field) = meaning
        .field
        .or_else(|| keys.path_at(line).map(str::to_string))
    {
        d = d.field(field);
    }
    if yaml_line.trim().is_empty() {
        d.hint(meaning.hint)
    } else {
        d.hint(format!(
            "{}。该行内容：{}",
            meaning.hint,
            yaml_line.trim_end()
        ))
    }
}

/// Recognises serde_yaml's message. `at` is its (YAML line, column).
fn meaning(raw: &str, yaml: &str, at: Option<(u32, u32)>) -> Meaning {
    let found = at.and_then(|(l, c)| char_at(yaml, l, c));
    if raw.contains("tab character")
        || (raw.contains("cannot start any token") && found == Some('\t'))
    {
        return Meaning::new(
            "YAML 中不能用制表符（`Tab` 键）缩进",
            "把制表符换成空格（同一层级对齐，通常两个空格）",
        );
    }
    if raw.contains("cannot start any token") {
        let what = found.map_or("这个字符".to_string(), describe_char);
        return Meaning::new(
            format!("YAML 格式错误：值不能以{what}开头"),
            "用英文双引号把整个值括起来",
        );
    }
    if let Some(start) = context(raw, "while scanning a quoted scalar") {
        return Meaning::new(
            "YAML 格式错误：引号没有闭合，直到文件头结束也没有找到配对的引号",
            "在值的末尾补上配对的引号，或去掉开头的引号",
        )
        .at(Some(start));
    }
    if raw.contains("unknown escape character") {
        return Meaning::new(
            "YAML 格式错误：双引号里的反斜杠 \\ 后面不是有效的转义",
            "反斜杠本身要写成两个（\\\\），或改用单引号把值括起来",
        );
    }
    if raw.contains("mapping values are not allowed") {
        return Meaning::new(
            "YAML 格式错误：冒号后的值里又有“冒号 + 空格”，或这一行多缩进了",
            "值里含有冒号“:”时，用英文双引号把整个值括起来；续行不要写成“字段: 值”",
        );
    }
    if raw.contains("could not find expected ':'") {
        return Meaning::new(
            "YAML 格式错误：这一行缺少英文冒号“:”，不是“字段: 值”的形式",
            "每行写成 字段: 值（冒号后空一格）；如果这是上一行值的续行，要比上一行的字段名多缩进",
        )
        .at(context(raw, "while scanning a simple key"));
    }
    if raw.contains("did not find expected ',' or ']'") {
        return Meaning::new(
            "YAML 格式错误：方括号 [ 没有闭合",
            "在列表末尾补上 ]，各项之间用英文逗号分隔",
        )
        .at(context(raw, "while parsing a flow sequence"));
    }
    if raw.contains("did not find expected ',' or '}'") {
        return Meaning::new(
            "YAML 格式错误：花括号 { 没有闭合",
            "在末尾补上 }，各项之间用英文逗号分隔",
        )
        .at(context(raw, "while parsing a flow mapping"));
    }
    if raw.contains("did not find expected key") && matches!(found, Some(']' | '}')) {
        let c = found.unwrap_or(']');
        return Meaning::new(
            format!("YAML 格式错误：多了一个右括号 {c}"),
            "删去多余的括号，使括号成对出现",
        );
    }
    if raw.contains("did not find expected key") {
        return Meaning::new(
            "YAML 格式错误：缩进不齐，这一行没有和同一级的字段对齐",
            "同一级的字段左端对齐（用空格），下一级比上一级多缩进两个空格",
        );
    }
    if raw.contains("did not find expected '-' indicator") {
        return Meaning::new(
            "YAML 格式错误：列表没有对齐，这一行既不是以 “- ” 开头的列表项，也没有回到上一级的缩进",
            "列表的每一项以 “- ” 开头并左端对齐；列表之后的字段回到上一级的缩进",
        );
    }
    if raw.contains("unknown anchor") {
        let name: String = at
            .and_then(|(l, c)| line_from(yaml, l, c))
            .map(|s| {
                s.chars()
                    .take_while(|c| !c.is_whitespace() && *c != ',')
                    .collect()
            })
            .unwrap_or_default();
        return Meaning::new(
            format!("YAML 格式错误：引用了没有定义的锚点 “{name}”"),
            "锚点 &名称 要写在引用 *名称 之前；不需要引用时，直接写出值",
        );
    }
    if raw.contains("recursion limit exceeded") {
        return Meaning::new(
            "YAML 格式错误：嵌套层数太多，或锚点引用了它自己",
            "减少嵌套；不要在锚点 &名称 的内容里引用 *名称",
        );
    }
    if raw.contains("repetition limit exceeded") {
        return Meaning::new(
            "YAML 格式错误：锚点引用（*名称）层层展开后内容过多",
            "不要用锚点层层引用，直接写出需要的值",
        )
        .at(first_alias(yaml));
    }
    if let Some(number) = huge_integer(raw) {
        let mut m = Meaning::new(
            format!("数字 {number} 太大，超出能读取的范围"),
            format!("如果这是编号等文字，用英文双引号括起来：\"{number}\""),
        );
        m.field = raw
            .split_once(": invalid type")
            .map(|(path, _)| path.to_string())
            .filter(|p| !p.contains(' '));
        let key = m
            .field
            .as_deref()
            .and_then(|p| p.rsplit('.').next())
            .unwrap_or("index_number");
        m.expected = Some(format!(
            "不超过 19 位的整数，或用英文双引号括起来的文字，例如 {key}: \"{number}\""
        ));
        return m;
    }
    if raw.starts_with("duplicate entry") {
        let mut m = Meaning::new("同一个字段写了两次", "删除重复的一行");
        m.code = "FM005";
        return m;
    }
    if raw.contains("found unexpected end of stream") {
        return Meaning::new(
            "YAML 格式错误：文件头意外结束，可能有括号或引号没有闭合",
            "检查括号和引号是否成对",
        );
    }
    Meaning::new(
        "YAML 格式错误：无法识别这一行的写法",
        "检查这一行和上一行的缩进、冒号和引号",
    )
}

/// `(line, column)` of serde_yaml's "`what` at line N column M".
fn context(raw: &str, what: &str) -> Option<(u32, u32)> {
    let rest = raw.split_once(what)?.1.strip_prefix(" at line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// The text of YAML line `line` from character column `col` (both 1-based).
fn line_from(yaml: &str, line: u32, col: u32) -> Option<&str> {
    let text = yaml.lines().nth(line.checked_sub(1)? as usize)?;
    let start = text
        .char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map(|(i, _)| i)?;
    Some(&text[start..])
}

fn char_at(yaml: &str, line: u32, col: u32) -> Option<char> {
    line_from(yaml, line, col)?.chars().next()
}

/// The first `*alias` in the YAML: (line, column).
fn first_alias(yaml: &str) -> Option<(u32, u32)> {
    yaml.lines().enumerate().find_map(|(i, text)| {
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len())
            .find(|&j| {
                chars[j] == '*'
                    && (j == 0 || matches!(chars[j - 1], ' ' | '[' | ','))
                    && chars.get(j + 1).is_some_and(|c| c.is_alphanumeric())
            })
            .map(|j| (i as u32 + 1, j as u32 + 1))
    })
}

/// The digits of "invalid type: integer `N` as u128/i128" (too big for serde_yaml).
fn huge_integer(raw: &str) -> Option<&str> {
    let rest = raw.split_once("invalid type: integer `")?.1;
    let (number, rest) = rest.split_once('`')?;
    (rest.starts_with(" as u128") || rest.starts_with(" as i128")).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_yaml's error for `yaml`, as a diagnostic of a site.yaml.
    fn error_for(yaml: &str) -> Diagnostic {
        let e = serde_yaml::from_str::<serde_yaml::Value>(yaml).expect_err("invalid");
        yaml_error(&e, yaml, &KeyLocator::default(), "site.yaml", 1)
    }

    fn has_english(text: &str) -> bool {
        // outside the code span around `Tab` and the editor's own text in
        // “…”, no run of three ASCII letters
        let mut text = text.replace("`Tab`", "").replace("YAML", "");
        while let Some((before, rest)) = text.split_once('“') {
            let after = rest.split_once('”').map_or("", |(_, a)| a);
            text = format!("{before}{after}");
        }
        text.split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 3)
    }

    #[test]
    fn every_libyaml_message_is_said_in_chinese() {
        for (yaml, place, words) in [
            ("a:\n\t- b\n", (2, 1), "制表符"),
            ("a: @x\n", (1, 4), "字符 @(U+0040)"),
            ("a: 'x\nb: c\n", (1, 4), "引号没有闭合"),
            ("a: \"x\\q\"\n", (1, 6), "转义"),
            ("a: b: c\n", (1, 5), "冒号"),
            ("a: x\nb\nc: d\n", (2, 1), "缺少英文冒号"),
            ("a: [1, 2\nb: 3\n", (1, 4), "方括号 [ 没有闭合"),
            ("a: {x: 1\n", (1, 4), "花括号 { 没有闭合"),
            ("a: [a, b]]\n", (1, 10), "多了一个右括号 ]"),
            ("a:\n  b: 1\n c: 2\n", (3, 2), "缩进不齐"),
            ("- a\nb: 1\n", (2, 1), "列表没有对齐"),
            ("a: *nope\n", (1, 4), "“*nope”"),
            ("a: &a [*a]\n", (1, 4), "嵌套层数太多"),
            (
                "n: 99999999999999999999\n",
                (1, 4),
                "数字 99999999999999999999 太大",
            ),
            ("%YAML 1.2\na: b\n", (2, 1), "无法识别"),
        ] {
            let d = error_for(yaml);
            assert_eq!(
                (d.line, d.column),
                (Some(place.0), Some(place.1)),
                "{yaml:?}: {d}"
            );
            assert!(d.message.contains(words), "{yaml:?}: {d}");
            let hint = d.hint.clone().unwrap_or_default();
            let hint = hint.split("该行内容：").next().unwrap_or_default();
            assert!(
                !has_english(&d.message) && !has_english(hint),
                "{yaml:?}: {d}"
            );
        }
    }

    #[test]
    fn a_huge_integer_names_its_field() {
        let d = error_for("total: 99999999999999999999\n");
        assert_eq!(d.field.as_deref(), Some("total"));
        assert_eq!(
            d.hint.as_deref(),
            Some("如果这是编号等文字，用英文双引号括起来：\"99999999999999999999\"。该行内容：total: 99999999999999999999")
        );
    }

    #[test]
    fn alias_bombs_point_at_the_first_alias() {
        let mut yaml = String::from("a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
        for i in 1..10 {
            let p = i - 1;
            let refs = vec![format!("*a{p}"); 10].join(",");
            yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let d = error_for(&yaml);
        assert_eq!((d.line, d.column), (Some(2), Some(10)), "{d}");
        assert!(d.message.contains("展开后内容过多"), "{d}");
    }
}
