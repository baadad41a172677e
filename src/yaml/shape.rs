//! Limits on front matter checked before the YAML parser sees it (a hostile
//! file must not exhaust memory or time): `LIM004` too large, `LIM005` flow
//! collections nested too deep.

use crate::diagnostics::Diagnostic;

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
