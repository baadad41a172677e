//! Annual report files (`content/reports/<year>/<name>.md`): one file per
//! reporting body and year, the figures of every table of the national
//! format in the front matter under Chinese keys (see
//! [`crate::parse::report_format`]), the prose sections as the Markdown
//! body. This module reads one file into typed figures, each with its file
//! position; the sums and the checks across files are `index::report`'s.
//!
//! Rows and columns that are zero may be left out; a written 小计 or 总计 is
//! kept as written so that the index can check it against its parts.

use crate::config::security::SecurityConfig;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::field_names::REPORT_KEYS;
use crate::load::{SourceFile, CONTENT_DIR};
use crate::parse::document::{check_agency, front_matter_reader};
use crate::parse::report_format::{
    self as format, RowDef, APPLICANTS, REVIEW_COLUMNS, REVIEW_ROWS, SUBTOTAL, TOTAL,
};
use crate::util::slug::is_url_segment;
use crate::yaml::fields::{join, FieldReader};
use crate::yaml::frontmatter::{describe, parse_front_matter, KeyLocator};
use crate::yaml::{Mapping, Value};
use jiff::civil::Date;

/// A (line, column) in the report file, 1-based.
pub type Pos = (u32, u32);

/// A number written in the file, where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// The count (for money: ten-thousandths of a 万元, i.e. 元).
    pub value: u64,
    /// Where it is.
    pub pos: Pos,
}

/// One row of counts: the cells (zero when left out) and a written 总计.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<const N: usize> {
    /// Where the row is (its key), or where it would be.
    pub pos: Pos,
    /// The counts, in the order of the format's columns.
    pub cells: [u64; N],
    /// Where each count is (the row's position when left out).
    pub cell_pos: [Pos; N],
    /// The 总计 column as written, if it is.
    pub total: Option<Written>,
}

impl<const N: usize> Row<N> {
    /// An empty row placed at `pos`.
    pub fn zero(pos: Pos) -> Self {
        Row {
            pos,
            cells: [0; N],
            cell_pos: [pos; N],
            total: None,
        }
    }

    /// The sum across the columns.
    pub fn sum(&self) -> u64 {
        self.cells.iter().sum()
    }
}

/// A row of table 三 (six applicant columns).
pub type ApplicantRow = Row<6>;
/// A row of table 四 (four outcomes).
pub type ReviewRow = Row<4>;

/// A result of table 三: its sub-rows and a written 小计 (a group), or
/// its one row (`parts` of length 1, no subtotal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRows {
    /// The result's key (`不予公开`).
    pub key: &'static str,
    /// Where the result is written.
    pub pos: Pos,
    /// The sub-rows in the format's order (for a single row: the row).
    pub parts: Vec<ApplicantRow>,
    /// A group's 小计 as written.
    pub subtotal: Option<ApplicantRow>,
}

/// Table 三.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applications {
    /// Where the section is written.
    pub pos: Pos,
    /// 一、本年新收.
    pub received: ApplicantRow,
    /// 二、上年结转.
    pub carried_in: ApplicantRow,
    /// （一）–（六）, in the format's order.
    pub results: Vec<ResultRows>,
    /// （七）总计 as written.
    pub results_total: Option<ApplicantRow>,
    /// 四、结转下年度继续办理.
    pub carried_out: ApplicantRow,
}

/// One class of 第二十条第（一）项 as written: each of 本年制发, 本年废止,
/// 现行有效 may be left out (the catalog's count is shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RegulatoryTyped {
    /// Where the class is written.
    pub pos: Option<Pos>,
    /// The three counts as written.
    pub cells: [Option<Written>; 3],
}

/// Table 二 as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proactive {
    /// Where the section is written.
    pub pos: Pos,
    /// 规章, 行政规范性文件 (what the editor typed, compared with the catalog).
    pub regulatory: [RegulatoryTyped; 2],
    /// 行政许可, 行政处罚, 行政强制 (zero when left out).
    pub decisions: [u64; 3],
    /// 行政事业性收费 in ten-thousandths of a 万元 (元).
    pub fee: u64,
}

/// A validated report file.
#[derive(Debug, Clone)]
pub struct Report {
    /// `content/reports/…md`, for messages.
    pub source_path: String,
    /// The file's name without `.md`: the last segment of its URL.
    pub name: String,
    /// 报告机关 (the body's full name; one report per body and year).
    pub agency: String,
    /// 报告年度.
    pub year: i16,
    /// 发布日期.
    pub published: Date,
    /// 标题 (defaults to 机关 + 年度 + 政府信息公开工作年度报告).
    pub title: String,
    /// 草稿: published only with `--drafts`.
    pub draft: bool,
    /// Table 二.
    pub proactive: Proactive,
    /// Table 三.
    pub applications: Applications,
    /// Table 四: 行政复议, 未经复议直接起诉, 复议后起诉.
    pub reviews: [ReviewRow; 3],
    /// Where table 四 is written.
    pub reviews_pos: Pos,
    /// The prose before the tables (一、总体情况), as HTML.
    pub before_html: String,
    /// The prose after the tables (from 五、), as HTML.
    pub after_html: String,
    /// The prose as plain text, for the site search (empty for a draft).
    pub text: std::sync::Arc<str>,
    /// Where the `year` key is (for checks across years).
    pub year_pos: Pos,
    /// Key positions.
    pub keys: KeyLocator,
}

impl Report {
    /// Whether the report is published in this build.
    pub fn is_public(&self, drafts: bool) -> bool {
        !self.draft || drafts
    }
}

/// A report file parsed: the report when valid, and every problem found.
pub fn parse_report(file: &SourceFile, config: &SiteConfig) -> (Option<Report>, Vec<Diagnostic>) {
    let security = &config.security;
    let shown = format!("{CONTENT_DIR}/{}", file.rel_path);
    let fm = match parse_front_matter(&file.text, &shown) {
        Ok(fm) => fm,
        Err(d) => return (None, d),
    };
    let mut r = front_matter_reader(&shown, &fm).with_source(&file.text);
    let map = &fm.map;
    r.reject_unknown_keys(map, "", REPORT_KEYS);
    let agency = r.required_string(map, "agency", "agency: 清河市人民政府办公室");
    if let Some(agency) = &agency {
        check_agency(&mut r, config, agency);
    }
    let year = match map.get("year") {
        Some(_) => r.uint(map, "", "year", 2008..=2200).map(|y| y as i16),
        None => {
            r.missing("year", "year: 2024");
            None
        }
    };
    let published = if map.contains_key("published") {
        r.date(map, "", "published", false).map(|(d, _)| d)
    } else {
        r.missing("published", "published: 2025-01-20");
        None
    };
    let title = r.string(
        map,
        "",
        "title",
        "title: 清河市人民政府办公室2024年政府信息公开工作年度报告",
    );
    let draft = r.bool(map, "", "draft").unwrap_or(false);
    let name = file_name(&mut r, &file.rel_path, year);
    let mut cells = Cells {
        r: &mut r,
        text: &file.text,
        keys: &fm.keys,
    };
    let proactive = read_proactive(&mut cells, map);
    let applications = read_applications(&mut cells, map);
    let (reviews, reviews_pos) = read_reviews(&mut cells, map);
    let (Some(agency), Some(year), Some(published), Some(name)) = (agency, year, published, name)
    else {
        return (None, r.diags);
    };
    if r.diags.iter().any(Diagnostic::is_error) {
        return (None, r.diags);
    }
    let (before_html, after_html, text) = if draft {
        // never shown: not rendered, not scanned (like a draft document)
        (String::new(), String::new(), String::new())
    } else {
        match render_prose(&shown, &file.text, &fm.body, fm.body_first_line, security) {
            (Some(prose), diags) => {
                r.diags.extend(diags);
                prose
            }
            (None, diags) => {
                r.diags.extend(diags);
                return (None, r.diags);
            }
        }
    };
    let report = Report {
        source_path: shown.clone(),
        name,
        title: title.unwrap_or_else(|| format!("{agency}{year}年政府信息公开工作年度报告")),
        agency,
        year,
        published,
        draft,
        proactive,
        applications,
        reviews,
        reviews_pos,
        before_html,
        after_html,
        text: text.into(),
        year_pos: fm.keys.find("year"),
        keys: fm.keys.clone(),
    };
    (Some(report), r.diags)
}

/// RPT012: the file lies at `reports/<year>/<name>.md`, its folder the
/// year it reports on, its name a URL segment.
fn file_name(r: &mut FieldReader<'_>, rel_path: &str, year: Option<i16>) -> Option<String> {
    let stem = crate::load::markdown_stem(rel_path).unwrap_or(rel_path);
    let parts: Vec<&str> = stem.split('/').collect();
    let (folder, name) = match parts.as_slice() {
        ["reports", folder, name] => (*folder, *name),
        _ => {
            let d = r
                .error("RPT012", "year", format!("年度报告文件应放在 {CONTENT_DIR}/reports/<年度>/ 下，实际是 {CONTENT_DIR}/{rel_path}"))
                .expected("content/reports/2024/szfbgs.md（年度目录，文件名用机关的网址名）");
            r.push(d);
            return None;
        }
    };
    if let Some(year) = year {
        if folder != year.to_string() {
            let d = r
                .error(
                    "RPT012",
                    "year",
                    format!("报告年度 {year} 与所在目录 reports/{folder}/ 不一致"),
                )
                .expected(format!(
                    "文件放在 {CONTENT_DIR}/reports/{year}/ 下，或改正 year"
                ));
            r.push(d);
        }
    }
    if !is_url_segment(name) {
        let d = r
            .error("RPT012", "year", format!("文件名 “{name}” 不能直接作网址"))
            .expected("小写字母、数字和连字符，例如机关的网址名 szfbgs");
        r.push(d);
        return None;
    }
    Some(name.to_string())
}

/// Reads counts and their positions.
struct Cells<'r, 'a> {
    r: &'r mut FieldReader<'a>,
    text: &'a str,
    keys: &'a KeyLocator,
}

impl Cells<'_, '_> {
    fn pos(&self, path: &str) -> Pos {
        self.keys.find(path)
    }

    /// Where the value of `key` inside the row at `row_path` stands: its
    /// own line in block style, else found on the row's line (flow style).
    fn cell_pos(&self, row_path: &str, key: &str) -> Pos {
        let path = join(row_path, key);
        if self.keys.has(&path) {
            return self.keys.find(&path);
        }
        let (line, col) = self.keys.find(row_path);
        let Some(text) = self.text.split('\n').nth(line.saturating_sub(1) as usize) else {
            return (line, col);
        };
        let skip = col.saturating_sub(1) as usize;
        let rest: String = text.chars().skip(skip).collect();
        for (i, _) in rest.match_indices(key) {
            let after = &rest[i + key.len()..];
            if after.trim_start().starts_with(':') {
                return (line, (skip + rest[..i].chars().count()) as u32 + 1);
            }
        }
        (line, col)
    }

    /// A mapping under `key` of `map` (the path `prefix.key`).
    fn mapping<'m>(
        &mut self,
        map: &'m Mapping,
        prefix: &str,
        key: &str,
        example: &str,
    ) -> Option<&'m Mapping> {
        self.r.mapping(map, prefix, key, example)
    }

    /// RPT001: a count is a non-negative whole number.
    fn count(&mut self, value: &Value, path: &str, pos: Pos, what: &str) -> Option<u64> {
        let problem = match value {
            Value::Null => return Some(0),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(v), _, _) => return Some(v),
                (None, Some(v), _) => format!("是负数 {v}"),
                (_, _, Some(f)) if f < 0.0 => format!("是负数 {n}"),
                _ => format!("有小数 {n}"),
            },
            Value::String(s) => format!("是文字 “{s}”"),
            other => format!("是{}", describe(other)),
        };
        let d = self
            .r
            .error(
                "RPT001",
                path,
                format!("{what}{problem}：件数只能是 0 或正整数"),
            )
            .at_pos(pos)
            .expected("不带引号的整数，例如 12；为 0 的可以不写");
        self.r.push(d);
        None
    }
}

/// Keys allowed in a row of counts: the columns and 总计.
fn column_keys<const N: usize>(columns: [&'static str; N]) -> Vec<(&'static str, &'static str)> {
    columns
        .into_iter()
        .map(|c| (c, c))
        .chain([(TOTAL, TOTAL)])
        .collect()
}

/// A row of counts under `key` (a mapping of column → count).
fn read_row<const N: usize>(
    c: &mut Cells<'_, '_>,
    map: &Mapping,
    prefix: &str,
    key: &str,
    label: &str,
    columns: [&'static str; N],
) -> Row<N> {
    let path = join(prefix, key);
    let pos = c.pos(&path);
    let mut row = Row::zero(pos);
    let example = format!("{key}: {{{}: 3, {}: 1}}", columns[0], columns[1]);
    let Some(m) = c.mapping(map, prefix, key, &example) else {
        return row;
    };
    c.r.reject_unknown_keys(m, &path, &column_keys(columns));
    for (i, col) in columns.into_iter().enumerate() {
        row.cell_pos[i] = c.cell_pos(&path, col);
        if let Some(v) = m.get(col) {
            let what = format!("“{label}” 的 “{col}” 列");
            row.cells[i] = c
                .count(v, &join(&path, col), row.cell_pos[i], &what)
                .unwrap_or(0);
        }
    }
    if let Some(v) = m.get(TOTAL) {
        let at = c.cell_pos(&path, TOTAL);
        let what = format!("“{label}” 的 “{TOTAL}” 列");
        if let Some(value) = c.count(v, &join(&path, TOTAL), at, &what) {
            row.total = Some(Written { value, pos: at });
        }
    }
    row
}

fn section_keys(defs: impl IntoIterator<Item = RowDef>) -> Vec<(&'static str, &'static str)> {
    defs.into_iter().map(|d| (d.key, d.label)).collect()
}

fn read_proactive(c: &mut Cells<'_, '_>, map: &Mapping) -> Proactive {
    let prefix = format::PROACTIVE;
    let mut out = Proactive {
        pos: c.pos(prefix),
        regulatory: [RegulatoryTyped::default(); 2],
        decisions: [0; 3],
        fee: 0,
    };
    let Some(m) = c.mapping(map, "", prefix, "主动公开:\n  行政许可: 120") else {
        return out;
    };
    let allowed = section_keys(
        format::REGULATORY_ROWS
            .into_iter()
            .chain(format::DECISION_ROWS.map(|(d, _)| d))
            .chain([format::FEE_ROW]),
    );
    c.r.reject_unknown_keys(m, prefix, &allowed);
    for (i, def) in format::REGULATORY_ROWS.iter().enumerate() {
        let path = join(prefix, def.key);
        let example = format!("{}: {{本年制发: 2, 本年废止: 1, 现行有效: 30}}", def.key);
        let Some(row) = c.mapping(m, prefix, def.key, &example) else {
            continue;
        };
        let columns = section_keys(format::REGULATORY_COLUMNS);
        c.r.reject_unknown_keys(row, &path, &columns);
        out.regulatory[i].pos = Some(c.pos(&path));
        for (j, col) in format::REGULATORY_COLUMNS.iter().enumerate() {
            if let Some(v) = row.get(col.key) {
                let at = c.cell_pos(&path, col.key);
                let what = format!("“{}” 的 “{}”", def.label, col.label);
                if let Some(value) = c.count(v, &join(&path, col.key), at, &what) {
                    out.regulatory[i].cells[j] = Some(Written { value, pos: at });
                }
            }
        }
    }
    for (i, (def, _)) in format::DECISION_ROWS.iter().enumerate() {
        if let Some(v) = m.get(def.key) {
            let path = join(prefix, def.key);
            let what = format!("“{}” 的 “{}”", def.label, format::DECISION_COLUMN);
            out.decisions[i] = c.count(v, &path, c.pos(&path), &what).unwrap_or(0);
        }
    }
    if let Some(v) = m.get(format::FEE_ROW.key) {
        let path = join(prefix, format::FEE_ROW.key);
        out.fee = read_money(c, v, &path).unwrap_or(0);
    }
    out
}

/// RPT002: an amount in 万元, at most four decimals (one 元), not negative.
fn read_money(c: &mut Cells<'_, '_>, value: &Value, path: &str) -> Option<u64> {
    let text = match value {
        Value::Null => return Some(0),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        other => describe(other).to_string(),
    };
    let parsed = parse_money(&text);
    if let Ok(v) = parsed {
        return Some(v);
    }
    let d =
        c.r.error(
            "RPT002",
            path,
            format!(
                "“{}” 的 “{}” 写的是 “{text}”：{}",
                format::FEE_ROW.label,
                format::FEE_COLUMN,
                parsed.err().unwrap_or_default()
            ),
        )
        .expected("以万元为单位的非负数，最多 4 位小数（精确到元），例如 3512.08");
    c.r.push(d);
    None
}

/// `3512.08` → 35120800 (ten-thousandths of a 万元).
pub fn parse_money(text: &str) -> Result<u64, &'static str> {
    if text.starts_with('-') {
        return Err("金额不能是负数");
    }
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err("不是数字");
    }
    if frac.len() > format::FEE_DECIMALS as usize {
        return Err("小数超过 4 位（万元精确到元只需 4 位小数）");
    }
    let scale = 10u64.pow(format::FEE_DECIMALS);
    let frac_value = format!("{frac:0<4}")
        .parse::<u64>()
        .map_err(|_| "不是数字")?;
    whole
        .parse::<u64>()
        .ok()
        .and_then(|w| w.checked_mul(scale))
        .and_then(|w| w.checked_add(frac_value))
        .ok_or("数额过大")
}

/// `35120800` → `3512.08`.
pub fn format_money(value: u64) -> String {
    let scale = 10u64.pow(format::FEE_DECIMALS);
    let (whole, frac) = (value / scale, value % scale);
    if frac == 0 {
        return whole.to_string();
    }
    let frac = format!("{frac:04}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

fn read_applications(c: &mut Cells<'_, '_>, map: &Mapping) -> Applications {
    let prefix = format::APPLICATIONS;
    let pos = c.pos(prefix);
    let mut out = Applications {
        pos,
        received: Row::zero(pos),
        carried_in: Row::zero(pos),
        results: format::RESULTS
            .iter()
            .map(|def| ResultRows {
                key: def.row.key,
                pos,
                parts: vec![Row::zero(pos); def.parts.len().max(1)],
                subtotal: None,
            })
            .collect(),
        results_total: None,
        carried_out: Row::zero(pos),
    };
    let Some(m) = c.mapping(map, "", prefix, "依申请公开:\n  本年新收: {自然人: 10}")
    else {
        return out;
    };
    let mut allowed = section_keys([format::RECEIVED, format::CARRIED_IN]);
    allowed.extend(section_keys(format::RESULTS.iter().map(|r| r.row)));
    allowed.extend(section_keys([format::RESULTS_TOTAL, format::CARRIED_OUT]));
    c.r.reject_unknown_keys(m, prefix, &allowed);
    let row =
        |c: &mut Cells<'_, '_>, def: RowDef| read_row(c, m, prefix, def.key, def.label, APPLICANTS);
    out.received = row(c, format::RECEIVED);
    out.carried_in = row(c, format::CARRIED_IN);
    out.carried_out = row(c, format::CARRIED_OUT);
    if m.contains_key(format::RESULTS_TOTAL.key) {
        out.results_total = Some(row(c, format::RESULTS_TOTAL));
    }
    for (def, rows) in format::RESULTS.iter().zip(out.results.iter_mut()) {
        rows.pos = c.pos(&join(prefix, def.row.key));
        if def.parts.is_empty() {
            rows.parts[0] = row(c, def.row);
            continue;
        }
        let path = join(prefix, def.row.key);
        let example = format!("{}:\n    {}: {{自然人: 1}}", def.row.key, def.parts[0].key);
        let Some(g) = c.mapping(m, prefix, def.row.key, &example) else {
            for p in rows.parts.iter_mut() {
                *p = Row::zero(rows.pos);
            }
            continue;
        };
        let mut keys = section_keys(def.parts.iter().copied());
        keys.push((SUBTOTAL, SUBTOTAL));
        c.r.reject_unknown_keys(g, &path, &keys);
        for (part, slot) in def.parts.iter().zip(rows.parts.iter_mut()) {
            let label = format!("{} {}", def.row.label, part.label);
            *slot = read_row(c, g, &path, part.key, &label, APPLICANTS);
        }
        if g.contains_key(SUBTOTAL) {
            let label = format!("{} {SUBTOTAL}", def.row.label);
            rows.subtotal = Some(read_row(c, g, &path, SUBTOTAL, &label, APPLICANTS));
        }
    }
    out
}

fn read_reviews(c: &mut Cells<'_, '_>, map: &Mapping) -> ([ReviewRow; 3], Pos) {
    let prefix = format::REVIEWS;
    let pos = c.pos(prefix);
    let mut rows = [Row::zero(pos); 3];
    let Some(m) = c.mapping(map, "", prefix, "复议诉讼:\n  行政复议: {结果维持: 1}")
    else {
        return (rows, pos);
    };
    c.r.reject_unknown_keys(m, prefix, &section_keys(REVIEW_ROWS));
    for (def, slot) in REVIEW_ROWS.iter().zip(rows.iter_mut()) {
        *slot = read_row(c, m, prefix, def.key, def.label, REVIEW_COLUMNS);
    }
    (rows, pos)
}

/// The prose, split before the first heading of section 五 (or 六): what
/// comes before stands above the tables, the rest below them; and all of
/// it as plain text (what the search finds).
fn render_prose(
    shown: &str,
    file_text: &str,
    body: &str,
    body_first_line: u32,
    security: &SecurityConfig,
) -> (Option<(String, String, String)>, Vec<Diagnostic>) {
    let (whole, diags) =
        crate::parse::body::render_published(shown, file_text, body, body_first_line, security);
    let Some(whole) = whole else {
        return (None, diags);
    };
    let (before, after) = split_prose(body);
    let render = |text: &str| {
        crate::markdown::render_markdown_with(text, security.raw_html)
            .map(|r| r.html)
            .unwrap_or_default()
    };
    (Some((render(before), render(after), whole.text)), diags)
}

/// Splits at the first line that is a heading starting with 五、 or 六、.
pub fn split_prose(body: &str) -> (&str, &str) {
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let heading = line.trim_start_matches('#');
        if line.starts_with('#')
            && ["五、", "六、"]
                .iter()
                .any(|p| heading.trim_start().starts_with(p))
        {
            return (&body[..offset], &body[offset..]);
        }
        offset += line.len();
    }
    (body, "")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::load::SourceKind;

    pub(crate) fn parse(rel: &str, text: &str) -> (Option<Report>, Vec<Diagnostic>) {
        let file = SourceFile {
            rel_path: rel.into(),
            kind: SourceKind::Report,
            text: text.into(),
        };
        let config = crate::config::parse_config("title: 清河\nbase_url: https://x.gov.cn/\n")
            .expect("config");
        parse_report(&file, &config)
    }

    const HEAD: &str = "---\nagency: 清河市人民政府办公室\nyear: 2024\npublished: 2025-01-20\n";

    #[test]
    fn reads_flow_rows_with_positions_and_leaves_out_zero_rows() {
        let text = format!(
            "{HEAD}依申请公开:\n  本年新收: {{自然人: 10, 商业企业: 2, 总计: 12}}\n  不予公开:\n    属于国家秘密: {{科研机构: 1}}\n---\n## 一、总体情况\n好。\n## 五、存在的主要问题及改进情况\n问题。\n"
        );
        let (report, diags) = parse("reports/2024/szfbgs.md", &text);
        assert!(diags.is_empty(), "{diags:?}");
        let report = report.expect("valid");
        let a = &report.applications;
        assert_eq!(a.received.cells, [10, 2, 0, 0, 0, 0]);
        assert_eq!(
            a.received.total.map(|t| (t.value, t.pos)),
            Some((12, (6, 28)))
        );
        assert_eq!(a.received.cell_pos[1], (6, 19));
        assert_eq!(a.results[2].parts[0].cells, [0, 0, 1, 0, 0, 0]);
        assert_eq!(a.results[2].parts[1], Row::zero(a.results[2].pos));
        assert_eq!(
            report.title,
            "清河市人民政府办公室2024年政府信息公开工作年度报告"
        );
        assert!(report.before_html.contains("总体情况") && !report.before_html.contains("问题"));
        assert!(report.after_html.contains("问题。"));
    }

    #[test]
    fn negative_fractional_and_text_counts_are_errors_at_their_cell() {
        let text = format!(
            "{HEAD}依申请公开:\n  本年新收: {{自然人: -1, 商业企业: 1.5, 其他: 三}}\n---\n"
        );
        let (report, diags) = parse("reports/2024/szfbgs.md", &text);
        assert!(report.is_none());
        let shown: Vec<String> = diags
            .iter()
            .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
            .collect();
        assert_eq!(
            shown,
            [
                "错误[RPT001] content/reports/2024/szfbgs.md:6:10  字段 依申请公开.本年新收.自然人：“一、本年新收政府信息公开申请数量” 的 “自然人” 列是负数 -1：件数只能是 0 或正整数",
                "错误[RPT001] content/reports/2024/szfbgs.md:6:19  字段 依申请公开.本年新收.商业企业：“一、本年新收政府信息公开申请数量” 的 “商业企业” 列有小数 1.5：件数只能是 0 或正整数",
                "错误[RPT001] content/reports/2024/szfbgs.md:6:30  字段 依申请公开.本年新收.其他：“一、本年新收政府信息公开申请数量” 的 “其他” 列是文字 “三”：件数只能是 0 或正整数",
            ]
        );
    }

    #[test]
    fn money_has_at_most_four_decimals() {
        assert_eq!(parse_money("3512.08"), Ok(35_120_800));
        assert_eq!(parse_money("0.0001"), Ok(1));
        assert_eq!(parse_money("12"), Ok(120_000));
        assert!(parse_money("1.00001").is_err());
        assert!(parse_money("-3").is_err());
        assert_eq!(format_money(35_120_800), "3512.08");
        assert_eq!(format_money(120_000), "12");
        let text = format!("{HEAD}主动公开:\n  行政事业性收费: 1.23456\n---\n");
        let (_, diags) = parse("reports/2024/szfbgs.md", &text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "RPT002");
        assert_eq!(diags[0].line, Some(6));
        assert!(
            diags[0].message.contains("小数超过 4 位"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn unknown_rows_and_columns_get_a_did_you_mean() {
        let text = format!("{HEAD}依申请公开:\n  本年新收: {{自然人: 1, 商业企: 2}}\n  予以公布: {{自然人: 1}}\n---\n");
        let (_, diags) = parse("reports/2024/szfbgs.md", &text);
        let codes: Vec<_> = diags
            .iter()
            .map(|d| (d.code, d.line, d.hint.clone()))
            .collect();
        assert_eq!(codes.len(), 2, "{codes:?}");
        assert!(codes.iter().all(|(c, _, _)| *c == "FM010"));
        assert!(diags
            .iter()
            .any(|d| d.hint.as_deref().is_some_and(|h| h.contains("予以公开"))));
        assert!(diags
            .iter()
            .any(|d| d.hint.as_deref().is_some_and(|h| h.contains("商业企业"))));
    }

    #[test]
    fn the_folder_must_be_the_year() {
        let (report, diags) = parse("reports/2023/szfbgs.md", &format!("{HEAD}---\n"));
        assert!(report.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "RPT012");
        assert_eq!(
            diags[0].message,
            "报告年度 2024 与所在目录 reports/2023/ 不一致"
        );
    }

    #[test]
    fn any_markdown_ending_names_the_report_by_its_stem() {
        for rel in ["reports/2024/szfbgs.MD", "reports/2024/szfbgs.markdown"] {
            let (report, diags) = parse(rel, &format!("{HEAD}---\n"));
            assert!(diags.is_empty(), "{rel}: {diags:?}");
            assert_eq!(report.expect(rel).name, "szfbgs", "{rel}");
        }
    }
}
