//! Input mistakes of editors with a Chinese input method and Windows tools
//! (`tests/fixtures/invalid/{input-slips,encodings,site-gbk,site-utf16}`):
//! each reported on its own line and column, naming the character or the
//! encoding, with what to write instead. expected.txt pins the whole output;
//! the blocks below pin the messages the cases are about.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::invalid::{block, check_case, expect, found};
use crate::common::{crate_root, diagnostic_headers};

#[test]
fn input_method_slips_are_named_on_their_line() {
    let (code, stderr) = check_case("input-slips");
    assert_eq!(code, 1);
    assert_eq!(
        found(&stderr),
        expect(&[
            ("a-fullwidth-colon.md", "FM006", "2:6"),
            // both slips of one file in one run
            ("b-odd-spaces.md", "FM006", "2:7"),
            ("b-odd-spaces.md", "FM006", "3:8"),
            ("c-no-space.md", "FM006", "5:11"),
            ("d-nested-colon.md", "FM006", "8:10"),
            ("e-blank-first-line.md", "FM007", "1:1"),
            ("f-bom-then-blank.md", "FM007", "1:1"),
            ("g-space-before-dashes.md", "FM007", "1:1"),
            // the merge key's own line, not 1:1
            ("h-merge-key.md", "FM008", "6:1"),
            ("i-binary-tag.md", "FM008", "2:8"),
            ("j-set-tag.md", "FM008", "6:11"),
            ("k-custom-tag.md", "FM008", "3:9"),
            ("l-huge-integer.md", "FM003", "6:15"),
            // the line without its colon, not the next one
            ("m-missing-colon.md", "FM006", "3:7"),
            ("n-alias-bomb.md", "FM003", "4:10"),
        ])
    );
    assert_eq!(
        block(&stderr, "a-fullwidth-colon.md", "FM006"),
        "错误[FM006] content/xxgk/a-fullwidth-colon.md:2:6  字段 title（标题）：字段名后面是全角冒号 ：(U+FF1A)，YAML 只认半角冒号\n\
         \x20 应为：title: 关于开展政务公开调研的通知（半角冒号“:”，后面空一格）\n\
         \x20 提示：切换到英文输入法再输入冒号；中文冒号只能出现在值里"
    );
    let spaces = block(&stderr, "b-odd-spaces.md", "FM006");
    assert!(
        spaces.contains(
            "b-odd-spaces.md:2:7  字段 title（标题）：冒号旁边是全角空格 (U+3000)，YAML 只认半角空格\n  应为：title: 关于开展政务公开调研的通知（冒号后面是一个半角空格）"
        ) && spaces.contains("b-odd-spaces.md:3:8  字段 agency（发布机构）：冒号旁边是不换行空格 (U+00A0)"),
        "{spaces}"
    );
    assert!(block(&stderr, "d-nested-colon.md", "FM006")
        .contains("字段 validity.expires（有效期至）：字段名后面是全角冒号 ：(U+FF1A)"));
    assert!(block(&stderr, "e-blank-first-line.md", "FM007").contains(
        "e-blank-first-line.md:1:1  第 1 行是空行，文件头的 --- 必须在文件第一行（现在在第 2 行）\n  应为：删去 --- 前面的空行，让 --- 成为文件的第一行"
    ));
    assert!(block(&stderr, "f-bom-then-blank.md", "FM007").contains("第 1 行是空行"));
    assert!(block(&stderr, "g-space-before-dashes.md", "FM007")
        .contains("第 1 行的 --- 前面有空格 (U+0020)"));
    assert!(block(&stderr, "h-merge-key.md", "FM008").contains("不支持 YAML 合并键 <<"));
    for (file, tag) in [
        ("i-binary-tag.md", "!!binary"),
        ("j-set-tag.md", "!!set"),
        ("k-custom-tag.md", "!jigou"),
    ] {
        assert!(
            block(&stderr, file, "FM008")
                .contains(&format!("不支持 YAML 标签 “{tag}”：值不能以 ! 开头")),
            "{file}"
        );
    }
    assert_eq!(
        block(&stderr, "l-huge-integer.md", "FM003"),
        "错误[FM003] content/xxgk/l-huge-integer.md:6:15  字段 index_number（索引号）：数字 113200000140000000001234 太大，超出能读取的范围\n\
         \x20 应为：不超过 19 位的整数，或用英文双引号括起来的文字，例如 index_number: \"113200000140000000001234\"\n\
         \x20 提示：如果这是编号等文字，用英文双引号括起来：\"113200000140000000001234\"。该行内容：index_number: 113200000140000000001234"
    );
    assert!(block(&stderr, "m-missing-colon.md", "FM006").contains(
        "字段 agency（发布机构）：字段名后面缺少冒号\n  应为：agency: 某市人民政府办公室（半角冒号“:”，后面空一格）"
    ));
    assert!(block(&stderr, "n-alias-bomb.md", "FM003").contains("展开后内容过多"));
}

/// Content files saved as UTF-16, GB18030 and GBK, each told apart.
#[test]
fn encodings_are_named_with_a_command_that_converts_them() {
    let (code, stderr) = check_case("encodings");
    assert_eq!(code, 1);
    assert_eq!(
        found(&stderr),
        expect(&[
            ("gb18030.md", "IO001", "2:8"),
            ("gbk.md", "IO001", "2:8"),
            ("utf16-be-bom.md", "IO001", "1:1"),
            ("utf16-le-bom.md", "IO001", "1:1"),
            ("utf16-le-no-bom.md", "IO001", "1:1"),
        ])
    );
    assert!(block(&stderr, "utf16-le-bom.md", "IO001").contains(
        "文件是 UTF-16 LE 编码（记事本“另存为”中的“Unicode”），不是 UTF-8\n  应为：UTF-8 编码的文本\n  提示：用记事本打开，“另存为”时编码选 UTF-8；或在终端运行 `iconv -f UTF-16 -t UTF-8 content/xxgk/utf16-le-bom.md > content/xxgk/utf16-le-bom.md.new && mv content/xxgk/utf16-le-bom.md.new content/xxgk/utf16-le-bom.md`"
    ));
    assert!(block(&stderr, "utf16-be-bom.md", "IO001").contains("UTF-16 BE"));
    assert!(block(&stderr, "utf16-le-no-bom.md", "IO001").contains("`iconv -f UTF-16LE "));
    assert!(block(&stderr, "gb18030.md", "IO001").contains(
        "文件是 GB18030 编码（含有 GBK 以外的生僻字），不是 UTF-8（第 2 行第 8 个字符处遇到字节 0xB9）"
    ));
    assert!(block(&stderr, "gb18030.md", "IO001").contains("`iconv -f GB18030 -t UTF-8 "));
    assert!(block(&stderr, "gbk.md", "IO001").contains("文件是 GBK 编码"));
    assert!(block(&stderr, "gbk.md", "IO001").contains("`iconv -f GBK -t UTF-8 "));
    converts_with_the_hinted_iconv(&stderr);
}

/// Runs the `iconv` command of every hint, exactly as written, on a copy
/// of its fixture (when iconv is installed): the file must then read as the
/// UTF-8 document, rare characters included.
fn converts_with_the_hinted_iconv(stderr: &str) {
    if std::process::Command::new("iconv")
        .arg("--version")
        .output()
        .is_err()
    {
        return; // no iconv on this machine: the hint's words are checked above
    }
    let root = crate_root().join("tests/fixtures/invalid/encodings");
    let mut converted = 0;
    for (_, _, place) in diagnostic_headers(stderr) {
        let file = place.split(':').next().unwrap();
        let text = stderr
            .split("\n错误")
            .find(|b| b.contains(&format!("{file}:")))
            .unwrap();
        let command = text
            .split('`')
            .find(|span| span.starts_with("iconv "))
            .unwrap_or_else(|| panic!("no iconv command for {file}:\n{text}"));
        let site = tempfile::tempdir().unwrap();
        let copy = site.path().join(file);
        std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
        std::fs::copy(root.join(file), &copy).unwrap();
        let out = std::process::Command::new("sh")
            .args(["-c", command])
            .current_dir(site.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "`{command}` fails on {file}: {out:?}");
        let bytes = std::fs::read(&copy).unwrap();
        let text = gongkai::load::decode_text(&bytes)
            .unwrap_or_else(|e| panic!("{file} is still not UTF-8 after `{command}`: {e:?}"));
        assert!(
            text.starts_with("---\ntitle: 关于") && text.contains("agency: 某市人民政府办公室"),
            "{file} after `{command}`:\n{text}"
        );
        if file.ends_with("gb18030.md") {
            assert!(text.contains("关于𠀀村"), "{text}");
        }
        converted += 1;
    }
    assert_eq!(converted, 5);
}

#[test]
fn site_yaml_in_another_encoding_gets_its_line_and_hint() {
    let (code, stderr) = check_case("site-gbk");
    assert_eq!(code, 1);
    assert_eq!(
        diagnostic_headers(&stderr),
        [("错误".into(), "CFG001".into(), "site.yaml:1:8".into())]
    );
    assert!(stderr.contains("文件是 GBK 编码（记事本“另存为”中的“ANSI”），不是 UTF-8（第 1 行第 8 个字符处遇到字节 0xC4）"), "{stderr}");
    assert!(stderr.contains(
        "`iconv -f GBK -t UTF-8 site.yaml > site.yaml.new && mv site.yaml.new site.yaml`"
    ));

    let (code, stderr) = check_case("site-utf16");
    assert_eq!(code, 1);
    assert_eq!(
        diagnostic_headers(&stderr),
        [("错误".into(), "CFG001".into(), "site.yaml:1:1".into())]
    );
    assert!(stderr.contains("文件是 UTF-16 LE 编码"), "{stderr}");
    assert!(stderr.contains("`iconv -f UTF-16 -t UTF-8 site.yaml > "));
}
