//! `gongkai new content/reports/<year>/<name>.md`: a complete skeleton of an
//! annual report — every row of tables 二, 三 and 四 of the national format
//! with its official label in a comment, the prose sections as headings —
//! written as a draft. The body is the agency whose site.yaml slug is the
//! file name (or `--agency`); 上年结转 is filled in from last year's
//! 结转下年度 when that report exists.

use crate::config::SiteConfig;
use crate::load::{decode_text, SourceFile, SourceKind, CONTENT_DIR};
use crate::parse::report::parse_report;
use crate::parse::report_format::{
    self as format, APPLICANTS, CARRIED_IN, CARRIED_OUT, DECISION_ROWS, FEE_ROW, LEGAL_PERSONS,
    RECEIVED, RESULTS, RESULTS_TOTAL, REVIEW_COLUMNS, REVIEW_ROWS,
};
use anyhow::bail;
use jiff::civil::Date;
use std::fmt::Write;
use std::path::Path;

/// Whether `gongkai new` was given a report path (`content/reports/…`).
pub fn is_report_path(path: &str) -> bool {
    let rel = path.trim_start_matches("./");
    let rel = rel.strip_prefix(&format!("{CONTENT_DIR}/")).unwrap_or(rel);
    rel.starts_with("reports/")
}

/// Writes the skeleton at `path`; returns the file written (relative to the root).
pub fn new_report(
    root: &Path,
    config: &SiteConfig,
    path: &str,
    agency: Option<&str>,
    today: Date,
) -> anyhow::Result<String> {
    let rel = path.trim_start_matches("./");
    let rel = rel.strip_prefix(&format!("{CONTENT_DIR}/")).unwrap_or(rel);
    let rel = if rel.ends_with(".md") {
        rel.to_string()
    } else {
        format!("{rel}.md")
    };
    let parts: Vec<&str> = rel.trim_end_matches(".md").split('/').collect();
    let (year, name) = match parts.as_slice() {
        ["reports", year, name] => match year.parse::<i16>() {
            Ok(y) => (y, *name),
            Err(_) => bail!("路径 {path} 无效：应是 content/reports/<年度>/<机关网址名>.md，例如 content/reports/2024/jyj.md"),
        },
        _ => bail!("路径 {path} 无效：应是 content/reports/<年度>/<机关网址名>.md，例如 content/reports/2024/jyj.md"),
    };
    let target = root.join(CONTENT_DIR).join(&rel);
    if target.exists() {
        bail!("{} 已存在：new 不会覆盖已有文件", target.display());
    }
    let agency = match agency {
        Some(a) => config
            .agencies
            .iter()
            .find(|x| x.name == a || x.short.as_deref() == Some(a))
            .map_or(a.to_string(), |x| x.name.clone()),
        None => match config.agencies.iter().find(|a| a.slug == name) {
            Some(a) => a.name.clone(),
            None => bail!("site.yaml 中没有网址名为 “{name}” 的机关：文件名用机关的网址名，或用 --agency 指定报告机关"),
        },
    };
    let carried = last_years_carry_over(root, config, year, name);
    let text = skeleton(&agency, year, today, carried);
    crate::scaffold::write_new(&target, &text)?;
    Ok(format!("{CONTENT_DIR}/{rel}"))
}

/// Last year's 结转下年度 of the same file name, when it reads cleanly.
fn last_years_carry_over(
    root: &Path,
    config: &SiteConfig,
    year: i16,
    name: &str,
) -> Option<[u64; 6]> {
    let rel = format!("reports/{}/{name}.md", year - 1);
    let bytes = std::fs::read(root.join(CONTENT_DIR).join(&rel)).ok()?;
    let text = decode_text(&bytes).ok()?;
    let file = SourceFile {
        rel_path: rel,
        kind: SourceKind::Report,
        text,
    };
    parse_report(&file, config)
        .0
        .map(|r| r.applications.carried_out.cells)
}

fn zero_row() -> &'static str {
    "{}"
}

fn cells(values: &[u64; 6]) -> String {
    let parts: Vec<String> = APPLICANTS
        .iter()
        .zip(values)
        .filter(|(_, v)| **v > 0)
        .map(|(c, v)| format!("{c}: {v}"))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// The text of the skeleton.
pub fn skeleton(agency: &str, year: i16, today: Date, carried_in: Option<[u64; 6]>) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "---");
    let _ = writeln!(
        t,
        "# {agency}{year}年政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）"
    );
    let _ = writeln!(
        t,
        "# 件数写不带引号的整数；为 0 的行和列可以删去；小计、总计可以不写，写了就会被核对。"
    );
    let _ = writeln!(t, "agency: {agency}          # 报告机关（必填）");
    let _ = writeln!(
        t,
        "year: {year}                 # 报告年度（必填）：与所在目录相同"
    );
    let _ = writeln!(
        t,
        "published: {today}       # 发布日期（必填）：应在 {}-01-31 前",
        year + 1
    );
    let _ = writeln!(t, "draft: true                # 草稿：填写完毕后删除本行才会发布（草稿只在 --drafts 时核对合计）");
    let _ = writeln!(t);
    let _ = writeln!(t, "# 二、主动公开政府信息情况");
    let _ = writeln!(t, "# 第二十条第（一）项 规章、行政规范性文件的本年制发、本年废止、现行有效件数由本站目录统计，不必填写；");
    let _ = writeln!(
        t,
        "# 填写了就与目录核对，例如 行政规范性文件: {{本年制发: 24, 本年废止: 14, 现行有效: 193}}"
    );
    let _ = writeln!(t, "{}:", format::PROACTIVE);
    for (def, item) in DECISION_ROWS {
        let _ = writeln!(
            t,
            "  {}: 0        # {item} {}",
            def.key,
            format::DECISION_COLUMN
        );
    }
    let _ = writeln!(
        t,
        "  {}: 0   # 第二十条第（八）项 {}，最多 4 位小数",
        FEE_ROW.key,
        format::FEE_COLUMN
    );
    let _ = writeln!(t);
    let _ = writeln!(t, "# 三、收到和处理政府信息公开申请情况");
    let _ = writeln!(
        t,
        "# 列：自然人 | {LEGAL_PERSONS}：{} | 总计（可不写）",
        APPLICANTS[1..].join(" ")
    );
    let _ = writeln!(t, "{}:", format::APPLICATIONS);
    let _ = writeln!(
        t,
        "  {}: {}        # {}",
        RECEIVED.key,
        zero_row(),
        RECEIVED.label
    );
    let carried = match carried_in {
        Some(c) => format!(
            "{}        # {}：与上年度报告的结转下年度相同",
            cells(&c),
            CARRIED_IN.label
        ),
        None => format!("{}        # {}", zero_row(), CARRIED_IN.label),
    };
    let _ = writeln!(t, "  {}: {carried}", CARRIED_IN.key);
    for def in &RESULTS {
        if def.parts.is_empty() {
            let _ = writeln!(
                t,
                "  {}: {}        # {}",
                def.row.key,
                zero_row(),
                def.row.label
            );
            continue;
        }
        let _ = writeln!(t, "  {}:        # {}", def.row.key, def.row.label);
        for p in def.parts {
            let _ = writeln!(t, "    {}: {}        # {}", p.key, zero_row(), p.label);
        }
    }
    let _ = writeln!(
        t,
        "  # {}: {{}}        # {}（可不写，由程序计算）",
        RESULTS_TOTAL.key, RESULTS_TOTAL.label
    );
    let _ = writeln!(
        t,
        "  {}: {}        # {}",
        CARRIED_OUT.key,
        zero_row(),
        CARRIED_OUT.label
    );
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "# 四、政府信息公开行政复议、行政诉讼情况（列：{} | 总计）",
        REVIEW_COLUMNS.join(" ")
    );
    let _ = writeln!(t, "{}:", format::REVIEWS);
    for def in &REVIEW_ROWS {
        let _ = writeln!(t, "  {}: {}        # {}", def.key, zero_row(), def.label);
    }
    let _ = writeln!(t, "---");
    let _ = writeln!(t, "## 一、总体情况\n\n（总体情况）\n");
    let _ = writeln!(
        t,
        "<!-- 二、三、四部分的统计表由上面的数据生成，正文不必再写表格。 -->\n"
    );
    let _ = writeln!(
        t,
        "## 五、存在的主要问题及改进情况\n\n（存在的主要问题及改进情况）\n"
    );
    let _ = writeln!(t, "## 六、其他需要报告的事项\n\n（含依据《政府信息公开信息处理费管理办法》收取信息处理费的情况）");
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::report::tests::parse;

    #[test]
    fn the_skeleton_parses_with_every_row_and_no_problem() {
        let text = skeleton(
            "清河市人民政府",
            2024,
            jiff::civil::date(2025, 1, 10),
            Some([3, 1, 0, 0, 0, 0]),
        );
        for (_, label, _) in format::application_rows() {
            assert!(text.contains(label), "{label} is missing");
        }
        let (report, diags) = parse("reports/2024/szf.md", &text);
        assert!(diags.is_empty(), "{diags:?}");
        let report = report.expect("parses");
        assert!(report.draft);
        assert_eq!(report.applications.carried_in.cells, [3, 1, 0, 0, 0, 0]);
        assert!(is_report_path("content/reports/2024/szf.md"));
        assert!(!is_report_path("content/xxgk/2024/a.md"));
    }
}
