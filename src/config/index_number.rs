//! 索引号 patterns such as `{code}/{year}-{serial:5}`: checking a written
//! number against the site's pattern, and allocating the next free one.

/// One piece of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Code,
    Year,
    Serial(usize),
}

/// The parts of a 索引号 that mean something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexNumberParts {
    /// Organisation code.
    pub code: Option<String>,
    /// Four-digit year.
    pub year: Option<i32>,
    /// The serial number.
    pub serial: u64,
}

/// A pattern, compiled.
#[derive(Debug, Clone)]
pub struct CompiledPattern {
    parts: Vec<Part>,
}

/// Compiles a pattern; the error says what is wrong.
pub fn compile(pattern: &str) -> Result<CompiledPattern, String> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        if start > 0 {
            parts.push(Part::Literal(rest[..start].to_string()));
        }
        let end = rest[start..].find('}').ok_or("“{” 没有配对的 “}”")? + start;
        let token = &rest[start + 1..end];
        parts.push(match token {
            "code" => Part::Code,
            "year" => Part::Year,
            "serial" => Part::Serial(0),
            t if t.starts_with("serial:") => {
                let width: usize = t[7..]
                    .parse()
                    .map_err(|_| format!("“{{{t}}}” 的位数不是数字"))?;
                if !(1..=12).contains(&width) {
                    return Err(format!("“{{{t}}}” 的位数应在 1–12 之间"));
                }
                Part::Serial(width)
            }
            other => return Err(format!("不认识 “{{{other}}}”")),
        });
        rest = &rest[end + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest.to_string()));
    }
    if !parts.iter().any(|p| matches!(p, Part::Serial(_))) {
        return Err("缺少 `{serial}` 或 `{serial:位数}`".to_string());
    }
    Ok(CompiledPattern { parts })
}

impl CompiledPattern {
    /// The default pattern `{code}/{year}-{serial:5}`, built without parsing.
    pub fn default_pattern() -> Self {
        CompiledPattern {
            parts: vec![
                Part::Code,
                Part::Literal("/".into()),
                Part::Year,
                Part::Literal("-".into()),
                Part::Serial(5),
            ],
        }
    }

    /// Splits `text` by the pattern; `None` when it does not fit.
    pub fn parse(&self, text: &str) -> Option<IndexNumberParts> {
        let mut rest = text;
        let mut out = IndexNumberParts {
            code: None,
            year: None,
            serial: 0,
        };
        for (i, part) in self.parts.iter().enumerate() {
            match part {
                Part::Literal(lit) => rest = rest.strip_prefix(lit.as_str())?,
                Part::Year => {
                    let digits = rest.get(..4)?;
                    out.year = Some(
                        digits
                            .parse()
                            .ok()
                            .filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))?,
                    );
                    rest = &rest[4..];
                }
                Part::Serial(width) => {
                    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
                    if len == 0 || (*width > 0 && len != *width) {
                        return None;
                    }
                    out.serial = rest[..len].parse().ok()?;
                    rest = &rest[len..];
                }
                Part::Code => {
                    // a code runs until the next literal (or the end)
                    let stop = match self.parts.get(i + 1) {
                        Some(Part::Literal(lit)) => rest.find(lit.as_str())?,
                        _ => rest.bytes().take_while(u8::is_ascii_alphanumeric).count(),
                    };
                    let code = &rest[..stop];
                    if code.is_empty()
                        || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    {
                        return None;
                    }
                    out.code = Some(code.to_string());
                    rest = &rest[stop..];
                }
            }
        }
        rest.is_empty().then_some(out)
    }

    /// Writes a number by the pattern.
    pub fn format(&self, code: &str, year: i32, serial: u64) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Literal(l) => l.clone(),
                Part::Code => code.to_string(),
                Part::Year => format!("{year:04}"),
                Part::Serial(w) => format!("{serial:0w$}", w = *w),
            })
            .collect()
    }

    /// An example for messages.
    pub fn example(&self) -> String {
        self.format("014000001", 2024, 118)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_default_pattern() {
        let p = compile("{code}/{year}-{serial:5}").expect("valid");
        let parts = p.parse("014000001/2019-00118").expect("fits");
        assert_eq!(
            parts,
            IndexNumberParts {
                code: Some("014000001".into()),
                year: Some(2019),
                serial: 118
            }
        );
        assert_eq!(p.example(), "014000001/2024-00118");
        assert_eq!(CompiledPattern::default_pattern().parts, p.parts);
    }

    #[test]
    fn rejects_numbers_that_do_not_fit() {
        let p = compile("{code}/{year}-{serial:5}").expect("valid");
        for bad in [
            "014000001/2019-118",
            "014000001-2019-00118",
            "/2019-00118",
            "014000001/19-00118",
            "014000001/2019-00118x",
        ] {
            assert!(p.parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn rejects_bad_patterns() {
        assert!(compile("{code}/{year}").is_err());
        assert!(compile("{code}/{yr}-{serial}").is_err());
        assert!(compile("{code/{serial}").is_err());
        assert!(compile("QH-{year}-{serial}").is_ok());
    }
}
