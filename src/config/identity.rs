//! `identity:` in site.yaml: what identifies a government website to its
//! readers and to the yearly inspection (政府网站与政务新媒体检查指标) —
//! 网站标识码, 主办/承办单位, ICP and 公安 备案号, the 党政机关网站标识, the
//! 找错 link and the contact — each checked for its official form.
//!
//! ```yaml
//! identity:
//!   site_code: "3201000001"              # 网站标识码
//!   sponsor: 清河市人民政府办公室          # 主办单位
//!   organizer: 清河市大数据管理局          # 承办单位
//!   icp: 苏ICP备12345678号-1               # ICP备案号
//!   police_record: 苏公网安备 32010202000001号   # 公安机关备案号
//!   conac:                               # 党政机关网站标识
//!     image: https://dcs.conac.cn/image/red.png
//!     url: https://bszs.conac.cn/sitename?method=show&id=...
//!   error_report: national               # 找错：national（默认）、false 或网址
//!   contact: {phone: 0517-12345678, email: gk@qinghe.gov.cn, address: 清河市府前路1号}
//! ```
//!
//! Every item is optional: what is absent is left out of the footer. The
//! items the inspection requires are listed by [`missing_for_inspection`].

use crate::diagnostics::Diagnostic;
use crate::field_names::{CONAC_KEYS, CONTACT_KEYS, IDENTITY_KEYS};
use crate::yaml::fields::FieldReader;
use crate::yaml::{Mapping, Value};

/// The MIIT record system every ICP number links to.
pub const ICP_RECORD_URL: &str = "https://beian.miit.gov.cn/";
/// The public-security record system; the record's digits follow.
pub const POLICE_RECORD_URL: &str = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=";
/// The national 我为政府网站找错 platform; `site_code` and the page's `url` follow.
pub const NATIONAL_ERROR_REPORT: &str = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html";
/// The registrar of 党政机关网站标识, whose record page the mark links to.
pub const CONAC_HOST: &str = "bszs.conac.cn";

/// One-character abbreviations of the provinces, as ICP and 公安 numbers start.
const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// The first two digits of a 行政区划代码 (a province, region or municipality).
const PROVINCE_CODES: [&str; 34] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// The site's identity (every field optional).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// 网站标识码, e.g. `3201000001`.
    pub site_code: Option<String>,
    /// 主办单位.
    pub sponsor: Option<String>,
    /// 承办单位.
    pub organizer: Option<String>,
    /// ICP备案号, e.g. `苏ICP备12345678号-1`.
    pub icp: Option<String>,
    /// 公安机关备案号 as written, with the 14 digits its record page needs.
    pub police_record: Option<PoliceRecord>,
    /// 党政机关网站标识.
    pub conac: Option<Conac>,
    /// The 找错 link.
    pub error_report: ErrorReport,
    /// 联系方式.
    pub contact: Contact,
}

/// 公安机关备案号.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoliceRecord {
    /// As written, e.g. `苏公网安备 32010202000001号`.
    pub text: String,
    /// The 14 digits, for the record page's link.
    pub code: String,
}

/// 党政机关网站标识: the image and the registrar's record page it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conac {
    /// `https://…` or a path in the site (`assets/conac.png`).
    pub image: String,
    /// `https://bszs.conac.cn/sitename?method=show&id=…`.
    pub url: String,
}

/// Where 我为政府网站找错 leads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ErrorReport {
    /// The national platform, when the site has a 网站标识码 (the default).
    #[default]
    National,
    /// No 找错 link (`error_report: false`).
    Off,
    /// The site's own form; `{url}` in it is replaced by the page's address.
    Custom(String),
}

/// 联系方式.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// 联系电话.
    pub phone: Option<String>,
    /// 电子邮箱.
    pub email: Option<String>,
    /// 地址.
    pub address: Option<String>,
}

impl Identity {
    /// The 找错 link for the page at absolute `page_url`, if the site shows one.
    pub fn error_report_url(&self, page_url: &str) -> Option<String> {
        let encoded = encode_component(page_url);
        match &self.error_report {
            ErrorReport::Off => None,
            ErrorReport::National => self
                .site_code
                .as_ref()
                .map(|code| format!("{NATIONAL_ERROR_REPORT}?site_code={code}&url={encoded}")),
            ErrorReport::Custom(url) => Some(url.replace("{url}", &encoded)),
        }
    }
}

/// Percent-encodes everything but unreserved ASCII (RFC 3986), for a URL
/// that is itself a query value.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reads `identity:` (absent: every item absent).
pub fn read_identity(r: &mut FieldReader<'_>, map: &Mapping) -> Identity {
    let example = "identity:\n  site_code: \"3201000001\"\n  sponsor: 某某市人民政府办公室";
    let Some(m) = r.mapping(map, "", "identity", example) else {
        return Identity::default();
    };
    r.reject_unknown_keys(m, "identity", IDENTITY_KEYS);
    let p = "identity";
    let site_code = r
        .string(m, p, "site_code", "site_code: \"3201000001\"")
        .and_then(|code| checked(r, "identity.site_code", code, site_code_problem));
    let sponsor = r.string(m, p, "sponsor", "sponsor: 某某市人民政府办公室");
    let organizer = r.string(m, p, "organizer", "organizer: 某某市大数据管理局");
    let icp = r
        .string(m, p, "icp", "icp: 苏ICP备12345678号")
        .and_then(|icp| checked(r, "identity.icp", icp, icp_problem));
    let police_record = r
        .string(
            m,
            p,
            "police_record",
            "police_record: 苏公网安备 32010202000001号",
        )
        .and_then(|text| {
            let code = police_digits(&text);
            checked(r, "identity.police_record", text, police_problem)
                .zip(code)
                .map(|(text, code)| PoliceRecord { text, code })
        });
    let conac = read_conac(r, m);
    let error_report = read_error_report(r, m);
    let contact = read_contact(r, m);
    Identity {
        site_code,
        sponsor,
        organizer,
        icp,
        police_record,
        conac,
        error_report,
        contact,
    }
}

/// `value` when `problem` finds nothing wrong with it; else its error.
fn checked(
    r: &mut FieldReader<'_>,
    path: &str,
    value: String,
    problem: fn(&str) -> Option<(&'static str, String, &'static str)>,
) -> Option<String> {
    match problem(&value) {
        None => Some(value),
        Some((code, why, expected)) => {
            let d = r
                .error(code, path, format!("“{value}” {why}"))
                .expected(expected);
            r.push(d);
            None
        }
    }
}

type Problem = Option<(&'static str, String, &'static str)>;

const SITE_CODE_EXPECTED: &str =
    "10 位网站标识码：地方网站为 6 位行政区划代码加 4 位序号（如 3201000001），部门网站为 bm 加 8 位数字（如 bm01000001）";

/// 网站标识码: 10 characters, a 行政区划代码 and a serial, or `bm` and 8 digits.
fn site_code_problem(code: &str) -> Problem {
    let fail = |why: String| Some(("CFG050", why, SITE_CODE_EXPECTED));
    let len = code.chars().count();
    if len != 10 {
        return fail(format!("有 {len} 位，网站标识码是 10 位"));
    }
    if let Some(digits) = code.strip_prefix("bm") {
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return fail("在 bm 之后应是 8 位数字".into());
    }
    if code.starts_with("BM") {
        return fail("部门网站的标识码以小写 bm 开头".into());
    }
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return fail("含有数字以外的字符".into());
    }
    if !PROVINCE_CODES.contains(&&code[..2]) {
        return fail(format!("前两位 {} 不是省级行政区划代码", &code[..2]));
    }
    if &code[6..] == "0000" {
        return fail("后 4 位序号不能是 0000".into());
    }
    None
}

/// Splits off the leading province abbreviation.
fn after_province(s: &str) -> Option<&str> {
    let first = s.chars().next()?;
    PROVINCES.contains(first).then(|| &s[first.len_utf8()..])
}

const ICP_EXPECTED: &str =
    "省份简称 + ICP备 + 数字 + 号，可带“-序号”，例如 苏ICP备12345678号 或 苏ICP备12345678号-1";

/// ICP备案号: 苏ICP备12345678号, optionally -N.
fn icp_problem(icp: &str) -> Problem {
    let fail = |why: &str| Some(("CFG051", why.to_string(), ICP_EXPECTED));
    let Some(rest) = after_province(icp) else {
        return fail("不以省份简称（如 苏、京）开头");
    };
    let Some(rest) = rest.strip_prefix("ICP备") else {
        return fail("省份简称之后应是“ICP备”（大写 ICP）");
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(6..=10).contains(&digits) {
        return fail("“ICP备”之后应是 6 到 10 位数字");
    }
    let Some(rest) = rest[digits..].strip_prefix('号') else {
        return fail("数字之后应是“号”");
    };
    match rest.strip_prefix('-') {
        None if rest.is_empty() => None,
        Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => None,
        _ => fail("“号”之后只能是“-序号”，如 -1"),
    }
}

const POLICE_EXPECTED: &str =
    "省份简称 + 公网安备 + 14 位数字 + 号，例如 苏公网安备 32010202000001号";

/// The 14 digits of a 公安机关备案号, if it has them.
fn police_digits(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 14).then_some(digits)
}

/// 公安机关备案号: 苏公网安备 32010202000001号.
fn police_problem(text: &str) -> Problem {
    let fail = |why: &str| Some(("CFG052", why.to_string(), POLICE_EXPECTED));
    let Some(rest) = after_province(text) else {
        return fail("不以省份简称（如 苏、京）开头");
    };
    let Some(rest) = rest.strip_prefix("公网安备") else {
        return fail("省份简称之后应是“公网安备”");
    };
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 14 {
        return fail(&format!("备案编号有 {digits} 位数字，应是 14 位"));
    }
    if &rest[digits..] != "号" {
        return fail("14 位数字之后应是“号”，其后不再有别的文字");
    }
    None
}

fn is_https(url: &str) -> bool {
    url.strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
}

fn read_conac(r: &mut FieldReader<'_>, m: &Mapping) -> Option<Conac> {
    let example = "conac:\n    image: https://dcs.conac.cn/image/red.png\n    url: https://bszs.conac.cn/sitename?method=show&id=…";
    let c = r.mapping(m, "identity", "conac", example)?;
    let p = "identity.conac";
    r.reject_unknown_keys(c, p, CONAC_KEYS);
    let mut ok = true;
    let image = r.string(c, p, "image", "image: https://dcs.conac.cn/image/red.png");
    let url = r.string(
        c,
        p,
        "url",
        "url: https://bszs.conac.cn/sitename?method=show&id=…",
    );
    for (key, present) in [("image", image.is_some()), ("url", url.is_some())] {
        if !present && !c.contains_key(key) {
            r.missing(&format!("{p}.{key}"), example);
            ok = false;
        }
    }
    if let Some(image) = &image {
        let in_site = !image.contains("://")
            && !image.starts_with("//")
            && !image.contains(['\\', ' ', '?', '#'])
            && !image.split('/').any(|s| s == "..");
        if !(is_https(image) || in_site) {
            let d = r
                .error(
                    "CFG053",
                    &format!("{p}.image"),
                    format!("标识图片 “{image}” 不是 https:// 地址或站内路径"),
                )
                .expected("注册机构提供的图片地址（https://…），或站内路径如 assets/conac.png");
            r.push(d);
            ok = false;
        }
    }
    if let Some(url) = &url {
        let host = url.strip_prefix("https://").map(|rest| {
            let end = rest.find(['/', '?']).unwrap_or(rest.len());
            &rest[..end]
        });
        if host != Some(CONAC_HOST) || !is_https(url) {
            let d = r
                .error(
                    "CFG053",
                    &format!("{p}.url"),
                    format!("标识链接 “{url}” 不是党政机关网站标识的注册查询页"),
                )
                .expected(format!(
                    "开办单位在注册系统领取的链接，以 https://{CONAC_HOST}/ 开头"
                ));
            r.push(d);
            ok = false;
        }
    }
    match (image, url) {
        (Some(image), Some(url)) if ok => Some(Conac { image, url }),
        _ => None,
    }
}

fn read_error_report(r: &mut FieldReader<'_>, m: &Mapping) -> ErrorReport {
    let path = "identity.error_report";
    let example = "error_report: national";
    match m.get("error_report") {
        None => ErrorReport::National,
        Some(Value::Bool(false)) => ErrorReport::Off,
        Some(Value::String(s)) if s.trim() == "national" => ErrorReport::National,
        Some(Value::String(s)) if is_https(s.trim()) || s.trim().starts_with("http://") => {
            ErrorReport::Custom(s.trim().to_string())
        }
        Some(other) => {
            let found = match other {
                Value::String(s) => format!("“{s}”"),
                Value::Bool(true) => "true".to_string(),
                _ => "这个值".to_string(),
            };
            let d = r
                .error("CFG054", path, format!("{found} 不是找错链接的写法"))
                .expected("national（国家政府网站找错平台，默认）、false（不显示）或本站找错页面的网址（可含 {url}）")
                .hint(example);
            r.push(d);
            ErrorReport::National
        }
    }
}

fn read_contact(r: &mut FieldReader<'_>, m: &Mapping) -> Contact {
    let example = "contact:\n    phone: 0517-12345678\n    email: gk@example.gov.cn";
    let Some(c) = r.mapping(m, "identity", "contact", example) else {
        return Contact::default();
    };
    let p = "identity.contact";
    r.reject_unknown_keys(c, p, CONTACT_KEYS);
    let phone = r
        .string(c, p, "phone", "phone: 0517-12345678")
        .filter(|phone| {
            let ok = phone.chars().filter(char::is_ascii_digit).count() >= 5
                && phone
                    .chars()
                    .all(|c| c.is_ascii_digit() || " -+()（）、,，转".contains(c));
            if !ok {
                let d = r
                    .error(
                        "CFG055",
                        &format!("{p}.phone"),
                        format!("“{phone}” 不是电话号码"),
                    )
                    .expected(
                        "数字和 - + ( ) 组成的号码，几个号码用顿号分开，例如 0517-12345678、12345",
                    );
                r.push(d);
            }
            ok
        });
    let email = r
        .string(c, p, "email", "email: gk@example.gov.cn")
        .filter(|email| {
            let ok = email.split_once('@').is_some_and(|(user, domain)| {
                !user.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !email.contains(char::is_whitespace)
                    && !domain.contains('@')
            });
            if !ok {
                let d = r
                    .error(
                        "CFG055",
                        &format!("{p}.email"),
                        format!("“{email}” 不是电子邮箱地址"),
                    )
                    .expected("用户名@域名，例如 gk@example.gov.cn");
                r.push(d);
            }
            ok
        });
    let address = r.string(c, p, "address", "address: 某某市府前路1号");
    Contact {
        phone,
        email,
        address,
    }
}

/// The items the inspection requires in every government website's footer
/// that `identity` lacks, as (key, label): 网站标识码, 主办单位, ICP备案号,
/// 公安机关备案号, 党政机关网站标识.
pub fn missing_for_inspection(identity: &Identity) -> Vec<(&'static str, &'static str)> {
    [
        ("site_code", identity.site_code.is_some()),
        ("sponsor", identity.sponsor.is_some()),
        ("icp", identity.icp.is_some()),
        ("police_record", identity.police_record.is_some()),
        ("conac", identity.conac.is_some()),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .filter_map(|(key, _)| {
        crate::field_names::IDENTITY_KEYS
            .iter()
            .find(|(k, _)| *k == key)
            .copied()
    })
    .collect()
}

/// The `check` warning for a government site (a `.gov.cn` address) that
/// gives its identity (`identity:`) without all that the inspection
/// requires: one warning naming the missing items, at `identity:`. A site
/// with no `identity:` is not warned (its footer simply shows none).
pub fn inspection_warning(
    r: &FieldReader<'_>,
    map: &Mapping,
    identity: &Identity,
    host_is_gov: bool,
) -> Option<Diagnostic> {
    if !host_is_gov || !map.contains_key("identity") {
        return None;
    }
    let missing = missing_for_inspection(identity);
    if missing.is_empty() {
        return None;
    }
    let names: Vec<String> = missing
        .iter()
        .map(|(key, label)| format!("{label}（identity.{key}）"))
        .collect();
    Some(
        r.warning(
            "CFG056",
            "identity",
            format!("政府网站检查要求页脚显示的{}未填写", names.join("、")),
        )
        .expected("在 site.yaml 的 identity 下填写这些项目（写法见 README 的“网站标识”一节）")
        .hint("没有填写的项目不在页脚显示；政府网站检查会把缺少的项目记为问题"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_codes_follow_the_official_form() {
        for good in ["3201000001", "bm01000001", "1100000012"] {
            assert_eq!(site_code_problem(good), None, "{good}");
        }
        for (bad, why) in [
            ("320100001", "有 9 位，网站标识码是 10 位"),
            ("32010000a1", "含有数字以外的字符"),
            ("9901000001", "前两位 99 不是省级行政区划代码"),
            ("3201000000", "后 4 位序号不能是 0000"),
            ("BM01000001", "部门网站的标识码以小写 bm 开头"),
            ("bm0100000x", "在 bm 之后应是 8 位数字"),
        ] {
            let got = site_code_problem(bad).map(|(code, why, _)| (code, why));
            assert_eq!(got, Some(("CFG050", why.to_string())), "{bad}");
        }
    }

    #[test]
    fn icp_and_police_numbers_follow_the_official_form() {
        for good in [
            "苏ICP备12345678号",
            "苏ICP备12345678号-1",
            "京ICP备05070218号-12",
        ] {
            assert_eq!(icp_problem(good), None, "{good}");
        }
        for bad in [
            "ICP备12345678号",
            "苏icp备12345678号",
            "苏ICP备123号",
            "苏ICP备12345678",
            "苏ICP备12345678号-",
            "苏ICP证12345678号",
        ] {
            assert!(matches!(icp_problem(bad), Some(("CFG051", ..))), "{bad}");
        }
        for good in ["苏公网安备 32010202000001号", "苏公网安备32010202000001号"] {
            assert_eq!(police_problem(good), None, "{good}");
            assert_eq!(police_digits(good).as_deref(), Some("32010202000001"));
        }
        assert_eq!(
            police_problem("苏公网安备 3201020200001号").map(|p| p.1),
            Some("备案编号有 13 位数字，应是 14 位".to_string())
        );
        assert!(police_problem("公网安备 32010202000001号").is_some());
    }

    #[test]
    fn the_error_report_link_carries_the_site_code_and_the_encoded_page() {
        let identity = Identity {
            site_code: Some("3201000001".into()),
            ..Identity::default()
        };
        assert_eq!(
            identity.error_report_url("https://www.qinghe.gov.cn/xxgk/2024/a/").as_deref(),
            Some("https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3201000001&url=https%3A%2F%2Fwww.qinghe.gov.cn%2Fxxgk%2F2024%2Fa%2F")
        );
        assert_eq!(Identity::default().error_report_url("https://x.cn/"), None);
        let custom = Identity {
            error_report: ErrorReport::Custom("https://x.cn/jc?from={url}".into()),
            ..Identity::default()
        };
        assert_eq!(
            custom.error_report_url("https://x.cn/a b").as_deref(),
            Some("https://x.cn/jc?from=https%3A%2F%2Fx.cn%2Fa%20b")
        );
    }
}
