//! Personal-data scan (个人信息保护): finds what looks like a PRC resident ID
//! number (check digit verified), a mobile number, a bank card number (Luhn)
//! or an e-mail address not on the site's allow-list in a document that is
//! about to be published. Reports file:line:col and a masked excerpt — the
//! full value is never printed, so CI logs do not leak it either.
//!
//! The whole source file is scanned line by line (front matter and body), so
//! every front-matter string and every body line is covered with its exact
//! line. A line that contains [`ALLOW_MARKER`], or follows a line that does,
//! is not reported: `<!-- gongkai:allow-pii -->` in the body (the sanitiser
//! removes the comment from the page), `# gongkai:allow-pii` in front matter.
//!
//! A published file's own path (the URL) is scanned too ([`scan_path`]):
//! the front matter covers attachment names and titles and alias paths.
//!
//! Full-width digits (`１３８…`) are read as ASCII ones. What it misses:
//! numbers split by other characters, 15-digit first-generation ID numbers, landline numbers, names
//! and addresses. It is a safety net for editors, not a guarantee.

use crate::config::security::SecurityConfig;
use crate::diagnostics::Diagnostic;

/// Put this on the line (or the line before) to acknowledge a false positive.
pub const ALLOW_MARKER: &str = "gongkai:allow-pii";

/// What was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PiiKind {
    /// 居民身份证号码 (18 characters, check digit verified).
    ResidentId,
    /// 手机号码 (11 digits, 1[3-9]…).
    Mobile,
    /// 银行卡号 (16–19 digits, Luhn).
    BankCard,
    /// 电子邮箱 not on the allow-list.
    Email,
}

impl PiiKind {
    /// Stable diagnostic code.
    pub fn code(self) -> &'static str {
        match self {
            PiiKind::ResidentId => "PII001",
            PiiKind::Mobile => "PII002",
            PiiKind::BankCard => "PII003",
            PiiKind::Email => "PII004",
        }
    }

    fn name(self) -> &'static str {
        match self {
            PiiKind::ResidentId => "居民身份证号码",
            PiiKind::Mobile => "手机号码",
            PiiKind::BankCard => "银行卡号",
            PiiKind::Email => "电子邮箱",
        }
    }
}

/// One finding: where, what, and the masked value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it looks like.
    pub kind: PiiKind,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
    /// The value with its middle masked.
    pub masked: String,
}

/// Scans `text` (a whole file, lines counted from 1).
pub fn scan(text: &str, allowed_email: &dyn Fn(&str) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut previous_allows = false;
    for (i, line) in text.split('\n').enumerate() {
        let allows = line.contains(ALLOW_MARKER);
        if !allows && !previous_allows {
            let line_no = i as u32 + 1;
            // full-width digits (１３８…, UTF-8 lead byte 0xEF) are read as
            // ASCII: one character for one, so the columns stay right
            let line = match line.as_bytes().contains(&0xEF) {
                true => crate::util::identity::ascii_digits(line),
                false => std::borrow::Cow::Borrowed(line),
            };
            for (start, kind, masked) in scan_line(&line, allowed_email) {
                out.push(Finding {
                    kind,
                    line: line_no,
                    column: line[..start].chars().count() as u32 + 1,
                    masked,
                });
            }
        }
        previous_allows = allows;
    }
    out
}

/// Warnings for a file about to be published.
pub fn scan_file(display_path: &str, text: &str, security: &SecurityConfig) -> Vec<Diagnostic> {
    scan(text, &|e| security.email_allowed(e))
        .into_iter()
        .map(|f| {
            let d = Diagnostic::warning(
                f.kind.code(),
                display_path,
                format!("疑似{}：{}", f.kind.name(), f.masked),
            )
            .at(f.line, f.column)
            .expected("公开的文件中不含个人信息：删除或打码（如 138****5678）后再发布");
            match f.kind {
                PiiKind::Email => d.hint(format!(
                    "若是可公开的办公邮箱，把它加入 site.yaml 的 privacy.allowed_emails；\
                     若确认无误，在同一行或上一行写 <!-- {ALLOW_MARKER} -->（文件头中写 # {ALLOW_MARKER}）"
                )),
                _ => d.hint(format!(
                    "若确认不是个人信息，在同一行或上一行写 <!-- {ALLOW_MARKER} -->（文件头中写 # {ALLOW_MARKER}）"
                )),
            }
        })
        .collect()
}

/// Warnings for the published path of a file (`xxgk/13812345678`: a
/// document's path is its URL and its `id` in the data files), at the
/// file's line 1. The marker on the first line of the front matter (line
/// 2) acknowledges them.
pub fn scan_path(
    display_path: &str,
    published_path: &str,
    file_text: &str,
    security: &SecurityConfig,
) -> Vec<Diagnostic> {
    let acknowledged = file_text
        .split('\n')
        .nth(1)
        .is_some_and(|l| l.contains(ALLOW_MARKER));
    if acknowledged {
        return Vec::new();
    }
    scan(published_path, &|e| security.email_allowed(e))
        .into_iter()
        .map(|f| {
            Diagnostic::warning(
                f.kind.code(),
                display_path,
                format!(
                    "文件名或目录名中疑似{}：{}（路径会出现在网址、网站地图和数据文件中）",
                    f.kind.name(),
                    f.masked
                ),
            )
            .at_line(Some(1))
            .expected("公开的文件的路径中不含个人信息：文件和目录用编号或拼音命名")
            .hint(format!(
                "给文件（或目录）改名；若确认不是个人信息，在文件头第一行（第 2 行）写 # {ALLOW_MARKER}"
            ))
        })
        .collect()
}

/// (byte start, kind, masked) for one line.
fn scan_line(line: &str, allowed_email: &dyn Fn(&str) -> bool) -> Vec<(usize, PiiKind, String)> {
    let mut out = Vec::new();
    if !line.bytes().any(|b| b.is_ascii_digit() || b == b'@') {
        return out;
    }
    scan_numbers(line.as_bytes(), &mut out);
    scan_emails(line, allowed_email, &mut out);
    out.sort_by_key(|(start, ..)| *start);
    out
}

/// Letters and digits next to a number make it part of a longer token
/// (`v13812345678`, `ISBN…`); `_` does not: file names and URLs use it
/// as a separator (`tel_13812345678.pdf`), so it must not hide a number.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Digit groups separated by one space or hyphen, as (start, end) byte ranges.
fn number_groups(bytes: &[u8], start: usize) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    let mut i = start;
    loop {
        let g = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        groups.push((g, i));
        let joins =
            i + 1 < bytes.len() && matches!(bytes[i], b' ' | b'-') && bytes[i + 1].is_ascii_digit();
        if !joins {
            return groups;
        }
        i += 1;
    }
}

fn scan_numbers(bytes: &[u8], out: &mut Vec<(usize, PiiKind, String)>) {
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit() && (i == 0 || !is_word(bytes[i - 1]));
        if !starts {
            i += 1;
            continue;
        }
        let groups = number_groups(bytes, i);
        // the longest run of leading groups that is a finding wins
        let mut found = None;
        for k in (1..=groups.len()).rev() {
            let end = groups[k - 1].1;
            let with_x = end < bytes.len() && matches!(bytes[end], b'X' | b'x');
            let token_end = if with_x { end + 1 } else { end };
            if token_end < bytes.len() && is_word(bytes[token_end]) {
                continue;
            }
            let digits: String = groups[..k]
                .iter()
                .map(|&(a, b)| std::str::from_utf8(&bytes[a..b]).unwrap_or(""))
                .collect();
            let lens: Vec<usize> = groups[..k].iter().map(|&(a, b)| b - a).collect();
            if let Some(hit) = classify(&digits, &lens, with_x) {
                found = Some((token_end, hit));
                break;
            }
        }
        match found {
            Some((end, (kind, masked))) => {
                out.push((i, kind, masked));
                i = end;
            }
            None => {
                // skip the whole first group: a finding never starts inside a number
                i = groups[0].1.max(i + 1);
            }
        }
    }
}

fn classify(digits: &str, groups: &[usize], with_x: bool) -> Option<(PiiKind, String)> {
    let n = digits.len();
    if groups.len() == 1 && ((n == 17 && with_x) || (n == 18 && !with_x)) {
        let id = if with_x {
            format!("{digits}X")
        } else {
            digits.to_string()
        };
        return is_resident_id(&id).then(|| (PiiKind::ResidentId, mask(&id, 4, 4)));
    }
    if with_x {
        return None;
    }
    let b = digits.as_bytes();
    if n == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && (groups.len() == 1 || groups == [3, 4, 4])
    {
        return Some((PiiKind::Mobile, mask(digits, 3, 4)));
    }
    let grouped_by_four = groups.len() == 1
        || (groups[..groups.len() - 1].iter().all(|&g| g == 4)
            && (1..=4).contains(&groups[groups.len() - 1]));
    if (16..=19).contains(&n) && (b'3'..=b'6').contains(&b[0]) && grouped_by_four && luhn(digits) {
        return Some((PiiKind::BankCard, mask(digits, 4, 4)));
    }
    None
}

/// GB 11643: six-digit region, valid birth date, sequence, ISO 7064 MOD 11-2 check.
pub fn is_resident_id(id: &str) -> bool {
    let b = id.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || b[0] == b'0' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| id[r].parse::<i16>().unwrap_or(0);
    let (year, month, day) = (num(6..10), num(10..12), num(12..14));
    let valid_date = (1900..=2099).contains(&year)
        && jiff::civil::Date::new(year, month as i8, day as i8).is_ok();
    if !valid_date {
        return false;
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize];
    b[17].to_ascii_uppercase() == check
}

/// The Luhn checksum of a digit string.
pub fn luhn(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.bytes().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

/// Keeps `head` and `tail` characters, stars the rest.
fn mask(value: &str, head: usize, tail: usize) -> String {
    let n = value.len();
    format!(
        "{}{}{}",
        &value[..head],
        "*".repeat(n - head - tail),
        &value[n - tail..]
    )
}

fn is_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn scan_emails(
    line: &str,
    allowed: &dyn Fn(&str) -> bool,
    out: &mut Vec<(usize, PiiKind, String)>,
) {
    let b = line.as_bytes();
    let mut after_previous = 0;
    for (at, _) in line.match_indices('@') {
        if at < after_previous {
            continue;
        }
        let mut start = at;
        while start > after_previous && is_local(b[start - 1]) {
            start -= 1;
        }
        while start < at && b[start] == b'.' {
            start += 1;
        }
        let mut end = at + 1;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || matches!(b[end], b'.' | b'-')) {
            end += 1;
        }
        while end > at + 1 && matches!(b[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let (local, domain) = (&line[start..at], &line[at + 1..end]);
        let tld_ok = domain.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && tld.len() >= 2 && tld.bytes().all(|c| c.is_ascii_alphabetic())
        });
        if local.is_empty() || !tld_ok {
            continue;
        }
        after_previous = end;
        let email = &line[start..end];
        if !allowed(email) {
            let masked = format!("{}***@{domain}", &local[..1]);
            out.push((start, PiiKind::Email, masked));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PiiKind, u32, u32, String)> {
        scan(text, &|e: &str| e == "gkb@qinghe.gov.cn")
            .into_iter()
            .map(|f| (f.kind, f.line, f.column, f.masked))
            .collect()
    }

    // 11010519491231002X is the example number of GB 11643.
    #[test]
    fn finds_resident_ids_with_a_valid_check_digit_only() {
        assert!(is_resident_id("11010519491231002X"));
        assert!(!is_resident_id("110105194912310021"), "wrong check digit");
        assert!(!is_resident_id("110105194902300027"), "30 February");
        assert_eq!(
            kinds("申请人身份证 11010519491231002x，\n号码110105194912310021"),
            [(PiiKind::ResidentId, 1, 8, "1101**********002X".to_string())]
        );
    }

    #[test]
    fn finds_mobiles_plain_and_grouped() {
        assert_eq!(
            kinds("联系人：13812345678；或 139-1234-5678、150 1234 5678。"),
            [
                (PiiKind::Mobile, 1, 5, "138****5678".to_string()),
                (PiiKind::Mobile, 1, 19, "139****5678".to_string()),
                (PiiKind::Mobile, 1, 33, "150****5678".to_string()),
            ]
        );
    }

    #[test]
    fn finds_bank_cards_that_pass_luhn() {
        assert!(luhn("6222021234567890128"));
        assert_eq!(
            kinds(
                "账号 6222021234567890128\n账号 6222 0212 3456 7890 128\n账号 6222021234567890127"
            ),
            [
                (PiiKind::BankCard, 1, 4, "6222***********0128".to_string()),
                (PiiKind::BankCard, 2, 4, "6222***********0128".to_string()),
            ]
        );
    }

    #[test]
    fn finds_emails_off_the_allow_list() {
        assert_eq!(
            kinds("来信请寄 gkb@qinghe.gov.cn 或 zhang.san@163.com。mailto:Li@x.cn"),
            [
                (PiiKind::Email, 1, 26, "z***@163.com".to_string()),
                (PiiKind::Email, 1, 51, "L***@x.cn".to_string()),
            ]
        );
    }

    #[test]
    fn ordinary_numbers_are_not_personal_data() {
        let text = "清政发〔2024〕11号 索引号 11370100MB0000000X/2024-00001 电话 0531-12345678 \
                    邮编 250000 2024-05-31 第 13812345678901 号 金额 12,345,678 元 a@b 138123456789 \
                    v1.2@3 ID x11010519491231002X";
        assert_eq!(kinds(text), []);
    }

    #[test]
    fn full_width_digits_do_not_hide_a_number() {
        assert_eq!(
            kinds("手机１３８１２３４５６７８，文号 苏财〔２０２４〕１号"),
            [(PiiKind::Mobile, 1, 3, "138****5678".to_string())]
        );
    }

    #[test]
    fn an_underscore_does_not_hide_a_number() {
        assert_eq!(
            kinds("tel_13812345678.pdf v13912345678"),
            [(PiiKind::Mobile, 1, 5, "138****5678".to_string())]
        );
    }

    #[test]
    fn the_marker_acknowledges_this_line_and_the_next() {
        let text = "电话 13812345678 <!-- gongkai:allow-pii -->\n\
                    <!-- gongkai:allow-pii -->\n举报电话 13912345678\n再一个 15012345678";
        assert_eq!(
            kinds(text),
            [(PiiKind::Mobile, 4, 5, "150****5678".to_string())]
        );
    }

    #[test]
    fn diagnostics_never_carry_the_full_value() {
        let sec = SecurityConfig::default();
        let d = scan_file("content/a.md", "---\ntitle: 13812345678\n---\n", &sec);
        assert_eq!(d.len(), 1);
        let shown = d[0].to_string();
        assert!(
            shown.contains("PII002") && shown.contains("content/a.md:2:8"),
            "{shown}"
        );
        assert!(
            shown.contains("138****5678") && !shown.contains("13812345678"),
            "{shown}"
        );
        assert!(!d[0].is_error());
    }
}
