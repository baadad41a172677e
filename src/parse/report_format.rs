//! The national format of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号):
//! every table, row and column, with the key an editor writes in a report
//! file and the label the published table shows. The one place these
//! labels are spelled: parsing, the checks, the pages and the exports all
//! read them from here.

/// A row of a table: the key written in the report file and the official label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowDef {
    /// The YAML key (short Chinese).
    pub key: &'static str,
    /// The label of the national format.
    pub label: &'static str,
}

const fn row(key: &'static str, label: &'static str) -> RowDef {
    RowDef { key, label }
}

/// 二、主动公开政府信息情况, 第二十条第（一）项: the two classes counted from the catalog.
pub const REGULATORY_ROWS: [RowDef; 2] =
    [row("规章", "规章"), row("行政规范性文件", "行政规范性文件")];

/// The columns of 第二十条第（一）项.
pub const REGULATORY_COLUMNS: [RowDef; 3] = [
    row("本年制发", "本年制发件数"),
    row("本年废止", "本年废止件数"),
    row("现行有效", "现行有效件数"),
];

/// 第二十条第（五）项、第（六）项: counts of decisions, typed.
pub const DECISION_ROWS: [(RowDef, &str); 3] = [
    (row("行政许可", "行政许可"), "第二十条第（五）项"),
    (row("行政处罚", "行政处罚"), "第二十条第（六）项"),
    (row("行政强制", "行政强制"), "第二十条第（六）项"),
];

/// The column of 第（五）项 and 第（六）项.
pub const DECISION_COLUMN: &str = "本年处理决定数量";

/// 第二十条第（八）项: the amount of fees, typed, in 万元.
pub const FEE_ROW: RowDef = row("行政事业性收费", "行政事业性收费");

/// The column of 第（八）项.
pub const FEE_COLUMN: &str = "本年收费金额（单位：万元）";

/// The most decimals a 万元 amount may have (one 元).
pub const FEE_DECIMALS: u32 = 4;

/// 三、收到和处理政府信息公开申请情况: the applicant columns (without 总计).
pub const APPLICANTS: [&str; 6] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];

/// The heading over the five kinds of 法人或其他组织.
pub const LEGAL_PERSONS: &str = "法人或其他组织";

/// The key and label of a total (a column, or the （七） row).
pub const TOTAL: &str = "总计";

/// The key of a group's subtotal row.
pub const SUBTOTAL: &str = "小计";

/// One row of table 三 outside the results (一、二、四).
pub const RECEIVED: RowDef = row("本年新收", "一、本年新收政府信息公开申请数量");
/// 二、上年结转.
pub const CARRIED_IN: RowDef = row("上年结转", "二、上年结转政府信息公开申请数量");
/// 四、结转下年度继续办理.
pub const CARRIED_OUT: RowDef = row("结转下年度", "四、结转下年度继续办理");
/// The label over the result rows.
pub const RESULTS_LABEL: &str = "三、本年度办理结果";
/// （七）总计 of the results.
pub const RESULTS_TOTAL: RowDef = row("总计", "（七）总计");

/// A result of table 三: one row, or a group of numbered sub-rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResultDef {
    /// Key and label of the result (the group's name for a group).
    pub row: RowDef,
    /// The numbered sub-rows; empty for a single row.
    pub parts: &'static [RowDef],
}

/// （一）–（六）, in the order of the format.
pub const RESULTS: [ResultDef; 6] = [
    ResultDef {
        row: row("予以公开", "（一）予以公开"),
        parts: &[],
    },
    ResultDef {
        row: row(
            "部分公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
        parts: &[],
    },
    ResultDef {
        row: row("不予公开", "（三）不予公开"),
        parts: &[
            row("属于国家秘密", "1.属于国家秘密"),
            row("其他法律行政法规禁止公开", "2.其他法律行政法规禁止公开"),
            row("危及三安全一稳定", "3.危及“三安全一稳定”"),
            row("保护第三方合法权益", "4.保护第三方合法权益"),
            row("属于三类内部事务信息", "5.属于三类内部事务信息"),
            row("属于四类过程性信息", "6.属于四类过程性信息"),
            row("属于行政执法案卷", "7.属于行政执法案卷"),
            row("属于行政查询事项", "8.属于行政查询事项"),
        ],
    },
    ResultDef {
        row: row("无法提供", "（四）无法提供"),
        parts: &[
            row("本机关不掌握相关政府信息", "1.本机关不掌握相关政府信息"),
            row("没有现成信息需要另行制作", "2.没有现成信息需要另行制作"),
            row("补正后申请内容仍不明确", "3.补正后申请内容仍不明确"),
        ],
    },
    ResultDef {
        row: row("不予处理", "（五）不予处理"),
        parts: &[
            row("信访举报投诉类申请", "1.信访举报投诉类申请"),
            row("重复申请", "2.重复申请"),
            row("要求提供公开出版物", "3.要求提供公开出版物"),
            row("无正当理由大量反复申请", "4.无正当理由大量反复申请"),
            row(
                "要求确认或重新出具已获取信息",
                "5.要求行政机关确认或重新出具已获取信息",
            ),
        ],
    },
    ResultDef {
        row: row("其他处理", "（六）其他处理"),
        parts: &[
            row(
                "逾期不补正",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ),
            row(
                "逾期未缴费",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ),
            row("其他", "3.其他"),
        ],
    },
];

/// 四、政府信息公开行政复议、行政诉讼情况: the three groups.
pub const REVIEW_ROWS: [RowDef; 3] = [
    row("行政复议", "行政复议"),
    row("未经复议直接起诉", "行政诉讼（未经复议直接起诉）"),
    row("复议后起诉", "行政诉讼（复议后起诉）"),
];

/// The outcome columns of table 四 (without 总计).
pub const REVIEW_COLUMNS: [&str; 4] = ["结果维持", "结果纠正", "其他结果", "尚未审结"];

/// The index of 结果纠正 in [`REVIEW_COLUMNS`] (the 纠正 rate).
pub const CORRECTED: usize = 1;

/// Section keys of a report file, with the table each holds.
pub const SECTION_KEYS: [(&str, &str); 3] = [
    ("主动公开", "二、主动公开政府信息情况"),
    ("依申请公开", "三、收到和处理政府信息公开申请情况"),
    ("复议诉讼", "四、政府信息公开行政复议、行政诉讼情况"),
];

/// The section key of table 二.
pub const PROACTIVE: &str = SECTION_KEYS[0].0;
/// The section key of table 三.
pub const APPLICATIONS: &str = SECTION_KEYS[1].0;
/// The section key of table 四.
pub const REVIEWS: &str = SECTION_KEYS[2].0;

/// The result with key `key`, if any.
pub fn result(key: &str) -> Option<&'static ResultDef> {
    RESULTS.iter().find(|r| r.row.key == key)
}

/// Every row of table 三 in the order of the format: (key path, label,
/// depth). Key paths are `本年新收`, `不予公开`, `不予公开.属于国家秘密` …
pub fn application_rows() -> Vec<(String, &'static str, u8)> {
    let mut rows = vec![
        (RECEIVED.key.to_string(), RECEIVED.label, 0),
        (CARRIED_IN.key.to_string(), CARRIED_IN.label, 0),
    ];
    for r in &RESULTS {
        rows.push((r.row.key.to_string(), r.row.label, 1));
        for p in r.parts {
            rows.push((format!("{}.{}", r.row.key, p.key), p.label, 2));
        }
    }
    rows.push((RESULTS_TOTAL.key.to_string(), RESULTS_TOTAL.label, 1));
    rows.push((CARRIED_OUT.key.to_string(), CARRIED_OUT.label, 0));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_three_has_every_row_of_the_format_once() {
        let rows = application_rows();
        // 一、二; （一）–（六） with 2 + 8 + 3 + 5 + 3 sub-rows; （七）; 四
        assert_eq!(rows.len(), 2 + 6 + 8 + 3 + 5 + 3 + 1 + 1);
        let mut keys: Vec<&str> = rows.iter().map(|(k, _, _)| k.as_str()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), rows.len(), "row keys are unique");
        assert_eq!(rows[0].1, "一、本年新收政府信息公开申请数量");
        assert_eq!(rows.last().map(|r| r.1), Some("四、结转下年度继续办理"));
    }
}
