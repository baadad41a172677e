//! What a published body must pass before it becomes a page: the size and
//! shape limits (errors, so a hostile file cannot exhaust memory or the
//! stack) and the personal-data scan (warnings; `check --strict` fails on them).
//!
//! Codes: `LIM001` file over `max_document_mb` (reported by `source.rs`
//! before the file is read), `LIM002` too many headings, `LIM003` nesting too
//! deep. YAML alias bombs are stopped by serde_yaml's own repetition and
//! recursion limits and reported as front-matter syntax errors.

use crate::diagnostics::Diagnostic;
use crate::markdown::{render_markdown_with, LimitExceeded, Rendered, MAX_HEADINGS, MAX_NESTING};
use crate::security::SecurityConfig;

/// Renders a body that will be published and scans its file for personal
/// data. `None` when a limit is passed (the error is in the diagnostics).
pub fn render_published(
    display_path: &str,
    file_text: &str,
    body: &str,
    body_first_line: u32,
    security: &SecurityConfig,
) -> (Option<Rendered>, Vec<Diagnostic>) {
    let mut diags = crate::pii::scan_file(display_path, file_text, security);
    match render_markdown_with(body, security.raw_html) {
        Ok(rendered) => (Some(rendered), diags),
        Err(LimitExceeded::Headings(n)) => {
            diags.push(
                Diagnostic::error(
                    "LIM002",
                    display_path,
                    format!("正文有 {n} 个标题，超过上限 {MAX_HEADINGS}"),
                )
                .at_line(Some(body_first_line))
                .expected(format!("不超过 {MAX_HEADINGS} 个标题"))
                .hint("把文件拆成几份，或把不需要进目录的标题改为普通段落"),
            );
            (None, diags)
        }
        Err(LimitExceeded::Nesting { line }) => {
            diags.push(
                Diagnostic::error(
                    "LIM003",
                    display_path,
                    format!("正文嵌套超过 {MAX_NESTING} 层（引用、列表或强调层层套叠）"),
                )
                .at_line(Some(body_first_line + line - 1))
                .expected(format!("嵌套不超过 {MAX_NESTING} 层"))
                .hint("多半是误把许多 > 或 - 放在了行首"),
            );
            (None, diags)
        }
    }
}

/// The error for a Markdown file over the size limit (not read at all).
pub fn too_large(display_path: &str, size: u64, limit: u64) -> Diagnostic {
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    Diagnostic::error(
        "LIM001",
        display_path,
        format!("文件大小 {:.1} MB，超过上限 {:.0} MB", mb(size), mb(limit)),
    )
    .expected("正文不超过 site.yaml max_document_mb（默认 5 MB）；大的表格或扫描件作为附件")
    .hint("如确需更大的文件，在 site.yaml 中调高 max_document_mb")
}

/// Deepest `[`/`{` nesting allowed in front matter. libyaml's scanner does
/// work per open flow level for every token, so thousands of unclosed `{`
/// took tens of seconds (found by fuzzing); no real front matter nests past 3.
pub const MAX_YAML_FLOW_DEPTH: usize = 32;
/// Largest front-matter block (the YAML between the `---` lines).
pub const MAX_YAML_BYTES: usize = 256 * 1024;

/// Refuses YAML that is too large or nests flow collections too deep before
/// it reaches the parser. `first_line` is the file line of the YAML's first line.
pub fn check_yaml_shape(yaml: &str, display_path: &str, first_line: u32) -> Result<(), Diagnostic> {
    if yaml.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::error(
            "LIM004",
            display_path,
            format!(
                "文件头有 {} KB，超过上限 {} KB",
                yaml.len() / 1024,
                MAX_YAML_BYTES / 1024
            ),
        )
        .at(first_line, 1)
        .expected("文件头只写字段；长的内容放在正文中"));
    }
    let mut depth = 0usize;
    let mut line = first_line;
    for b in yaml.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_YAML_FLOW_DEPTH {
                    return Err(Diagnostic::error(
                        "LIM005",
                        display_path,
                        format!("文件头中的 [ 或 {{ 嵌套超过 {MAX_YAML_FLOW_DEPTH} 层"),
                    )
                    .at(line, 1)
                    .expected("列表写成 [a, b] 或逐行 - a；括号成对出现"));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => line += 1,
            _ => {}
        }
    }
    Ok(())
}
