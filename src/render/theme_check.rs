//! Theme problems as diagnostics an editor can act on: Tera's English parse
//! and load errors translated into Chinese with the template file and line,
//! and what Tera only finds while rendering (an unknown filter, test or
//! function, an include of a missing template) found before any page is
//! rendered, so `gongkai check` refuses what `build` would. Codes:
//! TPL001 unknown theme, TPL002 template not UTF-8, TPL003 syntax error,
//! TPL004 a template that extends, imports or includes a missing one (or
//! itself), TPL005 an unknown filter, test or function, TPL006 an error
//! while rendering a page.

use crate::diagnostics::Diagnostic;
use std::collections::BTreeSet;
use tera::ast::{Expr, ExprVal, FunctionCall, Node};
use tera::Tera;

/// A template as loaded: name (under `templates/`), text, and the file it
/// came from relative to the site root (`themes/custom/templates/x.html`).
pub(crate) struct Source {
    pub(crate) name: String,
    pub(crate) text: String,
    pub(crate) origin: String,
}

/// TPL001: `theme:` names a folder that `themes/` does not have.
pub(crate) fn unknown_theme(name: &str, line: Option<u32>, present: &[String]) -> Diagnostic {
    let mut d = Diagnostic::error(
        "TPL001",
        crate::config::CONFIG_FILE,
        format!("找不到主题目录 themes/{name}"),
    )
    .at_line(line)
    .field("theme")
    .expected(if present.is_empty() {
        "themes/ 下已有的主题目录名；不写 theme 则使用内置的默认主题".to_string()
    } else {
        format!("themes/ 下已有的主题目录名：{}", present.join("、"))
    });
    match crate::diagnostics::did_you_mean(name, present.iter().map(String::as_str)) {
        Some(s) => d = d.hint(format!("是否想写 theme: {s}？")),
        None => d = d.hint(format!("新建 themes/{name}/templates/，或删去 theme 一行")),
    }
    d
}

/// TPL002: a template file that is not UTF-8.
pub(crate) fn not_utf8(origin: &str) -> Diagnostic {
    Diagnostic::error("TPL002", file_of(origin), "模板文件不是 UTF-8 编码")
        .expected("UTF-8 编码的文本")
        .hint("用编辑器以 UTF-8 重新保存该文件")
}

/// Parses every template on its own, so each syntax error is reported
/// (TPL003), not only the first.
pub(crate) fn parse_all(sources: &[Source]) -> Vec<Diagnostic> {
    sources
        .iter()
        .filter_map(|s| {
            let e = tera::Template::new(&s.name, None, &s.text).err()?;
            Some(syntax_error(s, &e))
        })
        .collect()
}

fn syntax_error(source: &Source, e: &tera::Error) -> Diagnostic {
    let original = full_text(e);
    let (line, column) = pest_position(&original).unwrap_or((1, 1));
    let expected = original
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("= "))
        .unwrap_or("")
        .to_string();
    let message = if expected.contains("endif") {
        "这里缺少 {% endif %}：{% if %} 没有闭合，或标签写错".to_string()
    } else if expected.contains("endfor") {
        "这里缺少 {% endfor %}：{% for %} 没有闭合，或标签写错".to_string()
    } else if expected.starts_with("unexpected tag") {
        "这里的标签无法识别，或不该出现在此处".to_string()
    } else if expected == "expected tag or some content" {
        "模板意外结束：有标签没有闭合（如 {% endfor %}、{% endif %}、{% endblock %}）".to_string()
    } else {
        format!("模板语法错误：{}", translate_expected(&expected))
    };
    Diagnostic::error("TPL003", file_of(&source.origin), message)
        .at(line, column)
        .expected(translate_expected(&expected))
        .hint(format!("Tera 原文：{}", expected.trim()))
}

/// `expected an identifier, or some content` → `此处应为：名字、或内容`.
fn translate_expected(text: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("unexpected tag; ", ""),
        ("an endif tag (`{% endif %}`)", "{% endif %}"),
        ("an `elif` tag", "{% elif %}"),
        ("an `else` tag", "{% else %}"),
        (
            "an endblock tag (`{% endblock block_name %}`",
            "{% endblock 名称 %}",
        ),
        ("a macro definition tag (`{% macro my_macro() %}`", "宏定义"),
        (
            "an identifier (must start with a-z)",
            "以字母开头的名字（变量、过滤器）",
        ),
        (
            "an expression or a string or a concatenation of strings",
            "表达式或字符串",
        ),
        ("an expression with an optional filter", "表达式"),
        ("end of input", "文件结尾"),
        ("some content", "内容"),
        ("a string", "字符串"),
        ("an integer", "整数"),
        ("a value", "值"),
        ("tag", "标签"),
        ("expected ", ""),
        (", or ", "、或"),
        (", ", "、"),
        (" or ", " 或 "),
    ];
    let mut out = text.trim().to_string();
    for (en, zh) in WORDS {
        out = out.replace(en, zh);
    }
    format!("此处应为：{out}")
}

/// TPL004 for an error of `Tera::add_raw_templates` (the templates parsed
/// one by one already): a parent, macro file or itself that is missing.
pub(crate) fn load_error(e: &tera::Error, sources: &[Source]) -> Diagnostic {
    use tera::ErrorKind;
    let (template, message, needle) = match &e.kind {
        ErrorKind::MissingParent { current, parent } => (
            current.clone(),
            format!("继承的模板 {parent} 不存在"),
            "extends".to_string(),
        ),
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => (
            tpl.clone(),
            format!("模板继承成环：{}", inheritance_chain.join(" → ")),
            "extends".to_string(),
        ),
        ErrorKind::TemplateNotFound(name) => (
            String::new(),
            format!("引用的模板 {name} 不存在"),
            name.clone(),
        ),
        _ => (String::new(), "主题模板无法加载".to_string(), String::new()),
    };
    let source = sources.iter().find(|s| s.name == template).or_else(|| {
        sources
            .iter()
            .find(|s| !needle.is_empty() && s.text.contains(&needle))
    });
    let file = source.map_or("themes/".to_string(), |s| file_of(&s.origin));
    Diagnostic::error("TPL004", file, message)
        .at_line(source.and_then(|s| line_of(&s.text, &needle)))
        .expected("themes/…/templates/ 中存在的模板名（内置默认主题的模板也可直接使用）")
        .hint(format!("Tera 原文：{}", full_text(e)))
}

/// TPL004 and TPL005 for what Tera would only find while rendering: an
/// include of a missing template, a filter, test or function it does not
/// have. Walks each template's syntax tree.
pub(crate) fn unknown_names(tera: &Tera, sources: &[Source]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for source in sources {
        let Ok(template) = tera.get_template(&source.name) else {
            continue;
        };
        let mut found = Found::default();
        found.nodes(&template.ast);
        let file = file_of(&source.origin);
        let at = |needle: &str| line_of(&source.text, needle);
        for (names, ignore_missing) in &found.includes {
            if *ignore_missing || names.iter().any(|n| tera.get_template(n).is_ok()) {
                continue;
            }
            let name = names.join("、");
            diags.push(
                Diagnostic::error("TPL004", &file, format!("引用的模板 {name} 不存在"))
                    .at_line(at(&names[0]))
                    .expected("themes/…/templates/ 中存在的模板名"),
            );
        }
        // `safe` and `default` are the renderer's own, not registered filters.
        let kinds: [(&str, &BTreeSet<String>, Known); 3] = [
            ("过滤器", &found.filters, |t, n| {
                matches!(n, "safe" | "default") || t.get_filter(n).is_ok()
            }),
            ("测试", &found.tests, |t, n| t.get_tester(n).is_ok()),
            ("函数", &found.functions, |t, n| t.get_function(n).is_ok()),
        ];
        for (kind, names, known) in kinds {
            for name in names.iter().filter(|n| !known(tera, n)) {
                diags.push(
                    Diagnostic::error("TPL005", &file, format!("未知的{kind} {name}"))
                        .at_line(at(name))
                        .expected(format!(
                            "Tera 内置的{kind}，例如 safe、default、length、date"
                        ))
                        .hint("检查拼写；gongkai 不提供自定义过滤器"),
                );
            }
        }
    }
    diags
}

/// Whether the Tera instance has a filter, test or function of this name.
type Known = fn(&Tera, &str) -> bool;

/// Names used by a template's syntax tree.
#[derive(Default)]
struct Found {
    filters: BTreeSet<String>,
    tests: BTreeSet<String>,
    functions: BTreeSet<String>,
    includes: Vec<(Vec<String>, bool)>,
}

impl Found {
    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::VariableBlock(_, e) => self.expr(e),
                Node::MacroDefinition(_, m, _) => {
                    m.args.values().flatten().for_each(|e| self.expr(e));
                    self.nodes(&m.body);
                }
                Node::Include(_, names, ignore_missing) => {
                    self.includes.push((names.clone(), *ignore_missing));
                }
                Node::Set(_, set) => self.expr(&set.value),
                Node::FilterSection(_, f, _) => {
                    self.call(&f.filter, true);
                    self.nodes(&f.body);
                }
                Node::Block(_, b, _) => self.nodes(&b.body),
                Node::Forloop(_, f, _) => {
                    self.expr(&f.container);
                    self.nodes(&f.body);
                    if let Some(body) = &f.empty_body {
                        self.nodes(body);
                    }
                }
                Node::If(i, _) => {
                    for (_, cond, body) in &i.conditions {
                        self.expr(cond);
                        self.nodes(body);
                    }
                    if let Some((_, body)) = &i.otherwise {
                        self.nodes(body);
                    }
                }
                _ => {}
            }
        }
    }

    /// A filter (`filter`) or a function call, and its arguments.
    fn call(&mut self, call: &FunctionCall, filter: bool) {
        let names = if filter {
            &mut self.filters
        } else {
            &mut self.functions
        };
        names.insert(call.name.clone());
        call.args.values().for_each(|e| self.expr(e));
    }

    fn expr(&mut self, e: &Expr) {
        for f in &e.filters {
            self.call(f, true);
        }
        self.value(&e.val);
    }

    fn value(&mut self, v: &ExprVal) {
        match v {
            ExprVal::Math(m) => {
                self.expr(&m.lhs);
                self.expr(&m.rhs);
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs);
                self.expr(&l.rhs);
            }
            ExprVal::In(i) => {
                self.expr(&i.lhs);
                self.expr(&i.rhs);
            }
            ExprVal::Test(t) => {
                self.tests.insert(t.name.clone());
                t.args.iter().for_each(|e| self.expr(e));
            }
            ExprVal::MacroCall(m) => m.args.values().for_each(|e| self.expr(e)),
            ExprVal::FunctionCall(f) => self.call(f, false),
            ExprVal::Array(items) => items.iter().for_each(|e| self.expr(e)),
            ExprVal::StringConcat(c) => c.values.iter().for_each(|v| self.value(v)),
            _ => {}
        }
    }
}

/// TPL006: a template failed while rendering one page. Tera gives no line,
/// so the line is the first that names what failed, in the template where
/// it is found.
pub(crate) fn render_error(
    out: &str,
    template: &str,
    e: &tera::Error,
    sources: &[Source],
) -> Diagnostic {
    let original = full_text(e);
    let (message, needle) = match &innermost(e).kind {
        tera::ErrorKind::FilterNotFound(n) => (format!("未知的过滤器 {n}"), n.clone()),
        tera::ErrorKind::TestNotFound(n) => (format!("未知的测试 {n}"), n.clone()),
        tera::ErrorKind::FunctionNotFound(n) => (format!("未知的函数 {n}"), n.clone()),
        tera::ErrorKind::TemplateNotFound(n) => (format!("引用的模板 {n} 不存在"), n.clone()),
        _ => match quoted_variable(&original) {
            Some(var) => (format!("变量 {var} 不存在（或为空）"), var),
            None => ("模板渲染出错".to_string(), String::new()),
        },
    };
    let named = sources.iter().find(|s| s.name == template);
    let source = named
        .filter(|s| !needle.is_empty() && s.text.contains(&needle))
        .or_else(|| {
            sources
                .iter()
                .find(|s| !needle.is_empty() && s.text.contains(&needle))
        })
        .or(named);
    let file = source.map_or_else(|| template.to_string(), |s| file_of(&s.origin));
    Diagnostic::error(
        "TPL006",
        file,
        format!("生成 {out} 时模板 {template} 出错：{message}"),
    )
    .at_line(source.and_then(|s| line_of(&s.text, &needle)))
    .expected("模板只使用页面提供的变量（见 docs/ 中的主题说明），或用 default 过滤器给出缺省值")
    .hint(format!("Tera 原文：{original}"))
}

/// `Variable `doc.x` not found in context…` → `doc.x`.
fn quoted_variable(text: &str) -> Option<String> {
    let start = text.find("Variable `")? + "Variable `".len();
    let end = text[start..].find('`')?;
    Some(text[start..start + end].to_string())
}

fn innermost(e: &tera::Error) -> &tera::Error {
    let mut current = e;
    while let Some(next) =
        std::error::Error::source(current).and_then(|s| s.downcast_ref::<tera::Error>())
    {
        current = next;
    }
    current
}

/// The error and its causes, one after another.
fn full_text(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join("：")
}

/// ` --> 2:59` in pest's message → (2, 59).
fn pest_position(text: &str) -> Option<(u32, u32)> {
    let rest = &text[text.find("--> ")? + 4..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':'))?;
    let (line, column) = rest[..end].split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// 1-based line of the first occurrence of `needle`.
fn line_of(text: &str, needle: &str) -> Option<u32> {
    if needle.is_empty() {
        return None;
    }
    let at = text.find(needle)?;
    Some(text[..at].matches('\n').count() as u32 + 1)
}

/// `themes/x/templates/a.html` from an origin, which for the embedded
/// theme starts with `（内置）`.
fn file_of(origin: &str) -> String {
    origin.trim_start_matches("（内置）").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source {
            name: "document.html".into(),
            text: text.into(),
            origin: "themes/custom/templates/document.html".into(),
        }
    }

    #[test]
    fn syntax_errors_name_the_file_and_line_in_chinese() {
        let diags = parse_all(&[
            source("{% extends \"base.html\" %}\n{% block main %}{% if doc.title %}<h1>x</h1>{% endblock main %}\n"),
            source("<p>{{ doc.title | }}</p>"),
        ]);
        assert_eq!(diags.len(), 2);
        assert_eq!(
            diags[0].location(),
            "themes/custom/templates/document.html:2:45"
        );
        assert!(
            diags[0].message.contains("缺少 {% endif %}"),
            "{}",
            diags[0]
        );
        assert!(
            diags[1].message.contains("以字母开头的名字"),
            "{}",
            diags[1]
        );
        assert!(diags[1]
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("Tera 原文")));
    }

    #[test]
    fn unknown_filters_tests_and_includes_are_found_without_rendering() {
        let s = source("a\n{{ x | upper }}{% if x is odd %}{% endif %}\n{{ x | no_such_filter }}\n{% include \"gone.html\" %}{% if y is nonsense %}{% endif %}");
        let mut tera = Tera::default();
        tera.add_raw_template(&s.name, &s.text).expect("parses");
        let diags: Vec<String> = unknown_names(&tera, &[s])
            .iter()
            .map(|d| format!("{} {} {}", d.code, d.location(), d.message))
            .collect();
        assert_eq!(
            diags,
            [
                "TPL004 themes/custom/templates/document.html:4 引用的模板 gone.html 不存在",
                "TPL005 themes/custom/templates/document.html:3 未知的过滤器 no_such_filter",
                "TPL005 themes/custom/templates/document.html:4 未知的测试 nonsense",
            ]
        );
    }
}
