//! What a published body must pass before it becomes a page: the size and
//! shape limits (errors, so a hostile file cannot exhaust memory or the
//! stack) and the personal-data scan (warnings; `check --strict` fails on them).
//!
//! Codes: `LIM002` too many headings, `LIM003` nesting too deep (`LIM001`,
//! a file over `max_document_mb`, is reported by `load` before the file is
//! read; `LIM004`/`LIM005` by `yaml::shape`). YAML alias bombs are stopped by the YAML parser's own repetition and
//! recursion limits and reported as front-matter syntax errors.

use crate::config::security::SecurityConfig;
use crate::diagnostics::Diagnostic;
use crate::markdown::{render_markdown_with, LimitExceeded, Rendered, MAX_HEADINGS, MAX_NESTING};

/// Renders a body that will be published and scans its file for personal
/// data. `None` when a limit is passed (the error is in the diagnostics).
pub fn render_published(
    display_path: &str,
    file_text: &str,
    body: &str,
    body_first_line: u32,
    security: &SecurityConfig,
) -> (Option<Rendered>, Vec<Diagnostic>) {
    let mut diags = crate::parse::pii::scan_file(display_path, file_text, security);
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
