//! Which encoding a file that is not UTF-8 was saved in, so the message can
//! name it and give a command that really converts it. Windows tools save
//! Chinese text as GBK ("ANSI"), as UTF-16 (Notepad's "Unicode"), or as
//! GB18030 when it holds characters GBK lacks (rare characters such as 𠀀).
//! `iconv -f GBK` fails on the last two, so each is told apart.
//!
//! Only the byte structure is checked (no decoding tables): UTF-16 by its
//! byte-order mark or by the NUL bytes its ASCII characters carry, GB18030
//! by its four-byte sequences, GBK by its two-byte ones.

/// What the bytes look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16, little-endian (Notepad's "Unicode").
    Utf16Le {
        /// Whether the file starts with the FF FE byte-order mark.
        bom: bool,
    },
    /// UTF-16, big-endian (Notepad's "Unicode big endian").
    Utf16Be {
        /// Whether the file starts with the FE FF byte-order mark.
        bom: bool,
    },
    /// GB18030 with four-byte sequences: characters outside GBK.
    Gb18030,
    /// GBK / GB2312 (Windows "ANSI" on a Chinese system).
    Gbk,
    /// None of these.
    Unknown,
}

/// UTF-16, told by its byte-order mark or, without one, by its NULs.
pub fn utf16(bytes: &[u8]) -> Option<Encoding> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some(Encoding::Utf16Le { bom: true });
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(Encoding::Utf16Be { bom: true });
    }
    // most files hold no NUL: one fast scan spares them the pattern test
    if bytes.contains(&0) {
        return utf16_by_nuls(bytes);
    }
    None
}

/// Guesses the encoding of bytes that are not valid UTF-8 (or hold NULs).
pub fn detect(bytes: &[u8]) -> Encoding {
    if let Some(utf16) = utf16(bytes) {
        return utf16;
    }
    match gb_sequences(bytes) {
        Some(true) => Encoding::Gb18030,
        Some(false) => Encoding::Gbk,
        None => Encoding::Unknown,
    }
}

/// UTF-16 without a byte-order mark: its ASCII characters (keys, `---`,
/// line ends) are a byte and a NUL, so NULs stand at every other position.
fn utf16_by_nuls(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // a third of the characters ASCII, and NULs on one side only
    if odd * 3 >= pairs && even * 10 <= odd {
        Some(Encoding::Utf16Le { bom: false })
    } else if even * 3 >= pairs && odd * 10 <= even {
        Some(Encoding::Utf16Be { bom: false })
    } else {
        None
    }
}

/// Whether the bytes are well-formed GBK/GB18030: `Some(true)` when they
/// use four-byte sequences (GB18030 only), `Some(false)` for two-byte ones
/// only, `None` when they are neither.
fn gb_sequences(bytes: &[u8]) -> Option<bool> {
    let mut four_byte = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        if !(0x81..=0xFE).contains(&b) {
            return None;
        }
        let second = *bytes.get(i + 1)?;
        if (0x30..=0x39).contains(&second) {
            let third = *bytes.get(i + 2)?;
            let fourth = *bytes.get(i + 3)?;
            if !(0x81..=0xFE).contains(&third) || !(0x30..=0x39).contains(&fourth) {
                return None;
            }
            four_byte = true;
            i += 4;
        } else if (0x40..=0x7E).contains(&second) || (0x80..=0xFE).contains(&second) {
            i += 2;
        } else {
            return None;
        }
    }
    Some(four_byte)
}

impl Encoding {
    /// The name as editors' tools show it, and how to convert from it: the
    /// words of the message and the hint for a file shown as `shown`.
    pub fn explain(self, shown: &str) -> (String, String) {
        let file = if shown.contains(' ') {
            format!("'{shown}'")
        } else {
            shown.to_string()
        };
        // converts the file in place: to a new file first, then over the old one
        let iconv = |from: &str| {
            format!("或在终端运行 `iconv -f {from} -t UTF-8 {file} > {file}.new && mv {file}.new {file}`")
        };
        match self {
            Encoding::Utf16Le { bom } | Encoding::Utf16Be { bom } => {
                let (order, from, notepad) = match self {
                    Encoding::Utf16Le { .. } => ("LE", "UTF-16LE", "“Unicode”"),
                    _ => ("BE", "UTF-16BE", "“Unicode big endian”"),
                };
                // with a byte-order mark iconv finds the byte order itself
                let from = if bom { "UTF-16" } else { from };
                (
                    format!(
                        "文件是 UTF-16 {order} 编码（记事本“另存为”中的{notepad}），不是 UTF-8"
                    ),
                    format!("用记事本打开，“另存为”时编码选 UTF-8；{}", iconv(from)),
                )
            }
            Encoding::Gb18030 => (
                "文件是 GB18030 编码（含有 GBK 以外的生僻字），不是 UTF-8".to_string(),
                format!(
                    "在编辑器中选择“以 UTF-8 编码保存”；{}（用 GBK 转换会在生僻字处失败）",
                    iconv("GB18030")
                ),
            ),
            Encoding::Gbk => (
                "文件是 GBK 编码（记事本“另存为”中的“ANSI”），不是 UTF-8".to_string(),
                format!("在编辑器中选择“以 UTF-8 编码保存”；{}", iconv("GBK")),
            ),
            Encoding::Unknown => (
                "文件不是 UTF-8 编码，也不像 GBK、GB18030 或 UTF-16".to_string(),
                "用编辑器打开，确认内容无误后选择“以 UTF-8 编码保存”".to_string(),
            ),
        }
    }

    /// Whether the whole file is in another encoding from its first byte
    /// (UTF-16), rather than from its first non-ASCII character.
    pub fn from_the_start(self) -> bool {
        matches!(self, Encoding::Utf16Le { .. } | Encoding::Utf16Be { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn utf16be(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFE, 0xFF] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        out
    }

    const DOC: &str = "---\ntitle: 关于开展调研的通知\nagency: 某局\n---\n正文\n";

    #[test]
    fn tells_utf16_by_bom_and_by_nuls() {
        assert_eq!(detect(&utf16le(DOC, true)), Encoding::Utf16Le { bom: true });
        assert_eq!(detect(&utf16be(DOC, true)), Encoding::Utf16Be { bom: true });
        assert_eq!(
            detect(&utf16le(DOC, false)),
            Encoding::Utf16Le { bom: false }
        );
        assert_eq!(
            detect(&utf16be(DOC, false)),
            Encoding::Utf16Be { bom: false }
        );
    }

    #[test]
    fn tells_gb18030_from_gbk() {
        // 关于 in GBK
        assert_eq!(detect(b"title: \xB9\xD8\xD3\xDA\n"), Encoding::Gbk);
        // 𠀀 (U+20000) in GB18030 is 95 32 82 36
        assert_eq!(
            detect(b"title: \xB9\xD8\x95\x32\x82\x36\n"),
            Encoding::Gb18030
        );
        // a lone lead byte, a bad trail byte
        assert_eq!(detect(b"a \xB9"), Encoding::Unknown);
        assert_eq!(detect(b"a \xB9\x20"), Encoding::Unknown);
        assert_eq!(detect(b"a \x80\x80"), Encoding::Unknown);
    }

    #[test]
    fn hints_name_the_right_iconv_encoding() {
        let hint = |e: Encoding| e.explain("a.md").1;
        assert!(hint(Encoding::Utf16Le { bom: true })
            .contains("`iconv -f UTF-16 -t UTF-8 a.md > a.md.new && mv a.md.new a.md`"));
        assert!(hint(Encoding::Utf16Le { bom: false }).contains("iconv -f UTF-16LE "));
        assert!(hint(Encoding::Utf16Be { bom: false }).contains("iconv -f UTF-16BE "));
        assert!(hint(Encoding::Gb18030).contains("iconv -f GB18030 "));
        assert!(hint(Encoding::Gbk).contains("iconv -f GBK "));
        assert!(Encoding::Gbk
            .explain("content/通知 1.md")
            .1
            .contains("> 'content/通知 1.md'.new && mv"));
    }
}
