//! Sentences, paragraphs, lists and tables from the phrases of `words`,
//! and the 简→繁 conversion.

use super::rng::Rng;
use super::words::{self, AGENCIES};
use std::collections::HashMap;

/// What a document's text talks about.
pub struct Ctx<'a> {
    /// Its topic (学前教育 …).
    pub topic: &'a str,
    /// The short name of its office.
    pub short: &'a str,
    /// The year it is written in.
    pub year: i32,
}

/// 1 → 一, 12 → 十二, 23 → 二十三 (up to 99).
pub fn cn_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".to_string(),
        1..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", DIGITS[n - 10]),
        _ => format!("{}十{}", DIGITS[(n / 10) % 10], DIGITS[n % 10]),
    }
}

/// The template with its `{X}` slots filled (see [`words::SENTENCES`]).
pub fn fill(rng: &mut Rng, template: &str, ctx: &Ctx<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + len];
        rest = &rest[open + len + 1..];
        match key {
            "T" => out.push_str(ctx.topic),
            "A" => out.push_str(rng.pick(words::ACTORS)),
            "V" => out.push_str(rng.pick(words::VERBS)),
            "O" => out.push_str(rng.pick(words::OBJECTS)),
            "G" => out.push_str(rng.pick(words::GOALS)),
            "D" => out.push_str(ctx.short),
            "C" => out.push_str(words::CITY),
            "Y" => out.push_str(&(ctx.year + rng.range(0, 1) as i32).to_string()),
            "N" => out.push_str(&rng.range(2, 30).to_string()),
            "MO" => out.push_str(&rng.range(3, 12).to_string()),
            "P" => out.push_str(&format!("{}%", rng.range(80, 99))),
            "M" => out.push_str(&(rng.range(1, 60) * 10).to_string()),
            "L" => out.push_str(rng.pick(words::LAWS)),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
    }
    out.push_str(rest);
    out
}

/// One sentence.
pub fn sentence(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let template = rng.pick(words::SENTENCES);
    fill(rng, template, ctx)
}

/// A paragraph of two to four sentences.
pub fn paragraph(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let n = rng.range(2, 4);
    (0..n).map(|_| sentence(rng, ctx)).collect()
}

/// A short verb-object phrase, for sub-headings and list items.
pub fn task(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    match rng.below(4) {
        0 => format!(
            "{}{}{}",
            rng.pick(words::VERBS),
            ctx.topic,
            rng.pick(words::OBJECTS)
        ),
        1 => format!("{}{}", rng.pick(words::VERBS), rng.pick(words::OBJECTS)),
        2 if ctx.topic.ends_with("服务") => format!("提升{}水平", ctx.topic),
        2 => format!("提升{}服务水平", ctx.topic),
        _ => format!(
            "加强{}{}",
            ctx.topic,
            rng.pick(&["基础保障", "队伍建设", "宣传引导", "信息化建设"])
        ),
    }
}

/// An ordered list of three to five items, each ending in ；/。 as in print.
pub fn ordered_list(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let n = rng.range(3, 5) as usize;
    let mut out = String::new();
    for k in 1..=n {
        let end = if k == n { "。" } else { "；" };
        out.push_str(&format!(
            "{k}. {}，{}{end}\n",
            task(rng, ctx),
            rng.pick(words::GOALS)
        ));
    }
    out
}

/// A bulleted list of two to four items.
pub fn bullet_list(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let n = rng.range(2, 4);
    (0..n).map(|_| format!("- {}\n", task(rng, ctx))).collect()
}

/// Figures for this year against last year.
pub fn figures_table(rng: &mut Rng, year: i32) -> String {
    let mut out = format!(
        "| 指标 | {}年 | {year}年 | 增减 |\n| --- | ---: | ---: | ---: |\n",
        year - 1
    );
    for metric in rng.some(words::METRICS, 3, 6) {
        let before = rng.range(20, 9000);
        let after = (before as f64 * (0.7 + 0.7 * rng.unit())).round().max(1.0) as i64;
        let change = 100.0 * (after - before) as f64 / before as f64;
        out.push_str(&format!(
            "| {metric} | {before} | {after} | {change:+.1}% |\n"
        ));
    }
    out
}

/// Tasks with their responsible offices and deadlines.
pub fn tasks_table(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let mut out =
        String::from("| 序号 | 工作任务 | 责任单位 | 完成时限 |\n| :---: | --- | --- | --- |\n");
    for k in 1..=rng.range(3, 6) {
        let owners: Vec<&str> = rng
            .some(&AGENCIES[2..], 1, 3)
            .iter()
            .map(|a| a.short)
            .collect();
        let month = rng.range(3, 12);
        out.push_str(&format!(
            "| {k} | {} | {} | {}年{month}月底前 |\n",
            task(rng, ctx),
            owners.join("、"),
            ctx.year
        ));
    }
    out
}

/// Fees or subsidy standards.
pub fn standards_table(rng: &mut Rng, ctx: &Ctx<'_>) -> String {
    let mut out =
        String::from("| 项目 | 计量单位 | 标准（元） | 备注 |\n| --- | :---: | ---: | --- |\n");
    let items = ["基本服务", "延时服务", "上门服务", "专项评估", "集中培训"];
    let units = ["人·次", "户·月", "项", "人·年"];
    for item in rng.some(&items, 2, 4) {
        out.push_str(&format!(
            "| {}{item} | {} | {} | {} |\n",
            ctx.topic,
            rng.pick(&units),
            rng.range(2, 120) * 10,
            rng.pick(&["", "按年度核定", "困难群众减免", "试行"])
        ));
    }
    out
}

/// The 简→繁 table of [`words::TRADITIONAL`].
pub fn traditional_map() -> HashMap<char, char> {
    let chars: Vec<char> = words::TRADITIONAL
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    chars
        .chunks(2)
        .filter(|p| p.len() == 2)
        .map(|p| (p[0], p[1]))
        .collect()
}

/// `text` in traditional characters (those the table knows).
pub fn to_traditional(text: &str, map: &HashMap<char, char>) -> String {
    text.chars().map(|c| *map.get(&c).unwrap_or(&c)).collect()
}

/// A 文号 with its year brackets as editors paste them from other sources:
/// 〔〕 half the time, else [] ［］ ﹝﹞ or （）.
pub fn loose_number(rng: &mut Rng, number: &str) -> String {
    let (open, close) = rng.pick(&[
        ('〔', '〕'),
        ('〔', '〕'),
        ('〔', '〕'),
        ('[', ']'),
        ('［', '］'),
        ('﹝', '﹞'),
        ('（', '）'),
    ]);
    number
        .replace('〔', &open.to_string())
        .replace('〕', &close.to_string())
}

/// A 文号 with its year brackets back to 〔〕 (as gongkai normalises it).
pub fn normalised(number: &str) -> String {
    number
        .chars()
        .map(|c| match c {
            '[' | '［' | '﹝' | '（' | '(' => '〔',
            ']' | '］' | '﹞' | '）' | ')' => '〕',
            c => c,
        })
        .collect()
}

/// A title quoted inside 《》: inner 《》 become 〈〉.
pub fn quoted(title: &str) -> String {
    format!("《{}》", title.replace('《', "〈").replace('》', "〉"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_and_conversion() {
        assert_eq!(cn_numeral(3), "三");
        assert_eq!(cn_numeral(10), "十");
        assert_eq!(cn_numeral(14), "十四");
        assert_eq!(cn_numeral(20), "二十");
        assert_eq!(cn_numeral(37), "三十七");
        let map = traditional_map();
        assert_eq!(
            to_traditional("关于进一步做好政务公开工作的通知", &map),
            "關於進一步做好政務公開工作的通知"
        );
        let mut rng = Rng::derive(1, 1, 1);
        let ctx = Ctx {
            topic: "学前教育",
            short: "市教育局",
            year: 2024,
        };
        for _ in 0..200 {
            let s = sentence(&mut rng, &ctx);
            assert!(!s.contains('{') && !s.contains('}'), "{s}");
        }
    }
}
