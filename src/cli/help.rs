//! Help texts for every command and option, in Chinese and English, and
//! the help pages made of them. gongkai writes its help itself (clap's has
//! English headings and frames); a test holds this table and the argument
//! definitions in main.rs to the same set of options.

use super::lang::Lang;

/// One text in both languages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text {
    pub(crate) zh: &'static str,
    pub(crate) en: &'static str,
}

impl Text {
    pub(crate) fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

const fn t(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

/// One option or operand on a help page.
#[derive(Debug)]
pub(crate) struct ArgHelp {
    /// clap's id of the argument (the field name in main.rs), for the test
    /// that holds this table to main.rs.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) id: &'static str,
    /// How it is written, without its value: `-o, --output`; empty for an operand.
    pub(crate) flag: &'static str,
    /// The value's placeholder, e.g. `<目录>`.
    pub(crate) value: Option<Text>,
    pub(crate) help: Text,
}

impl ArgHelp {
    /// `--output`, or `<路径>` for an operand: as messages name it.
    pub(crate) fn named(&self, lang: Lang) -> String {
        let long = self.flag.rsplit(", ").next().unwrap_or(self.flag);
        match self.value {
            Some(v) if long.is_empty() => v.get(lang).to_string(),
            _ => long.to_string(),
        }
    }

    fn left(&self, lang: Lang) -> String {
        match (self.flag.is_empty(), self.value) {
            (true, Some(v)) => v.get(lang).to_string(),
            (false, Some(v)) => format!("{} {}", self.flag, v.get(lang)),
            (_, None) => self.flag.to_string(),
        }
    }
}

/// One command's help page.
#[derive(Debug)]
pub(crate) struct CommandHelp {
    pub(crate) name: &'static str,
    pub(crate) about: Text,
    /// Operands in the usage line, after `[选项]`.
    pub(crate) operands: Text,
    pub(crate) args: &'static [ArgHelp],
}

const DIR: Text = t("<目录>", "<DIR>");

const TAGLINE: Text = t(
    "政务公开网站生成器（Markdown + YAML → 主动公开目录、失效文件清单、公报、检索）",
    "Static site generator for Chinese government information disclosure (政务公开) sites",
);

/// The options every command takes.
pub(crate) const GLOBAL: &[ArgHelp] = &[
    ArgHelp {
        id: "root",
        flag: "--root",
        value: Some(DIR),
        help: t(
            "网站根目录：含 site.yaml、content/ 和 themes/ 的目录（默认：当前目录）",
            "Site root: the folder with site.yaml, content/ and themes/ (default: the current folder)",
        ),
    },
    ArgHelp {
        id: "as_of",
        flag: "--as-of",
        value: Some(t("<日期>", "<DATE>")),
        help: t(
            "判断效力的日期，写作 YYYY-MM-DD（默认：今天，北京时间）",
            "The date validity is judged at, as YYYY-MM-DD (default: today in China, UTC+8)",
        ),
    },
    ArgHelp {
        id: "drafts",
        flag: "--drafts",
        value: None,
        help: t(
            "同时生成标有 draft: true 的草稿（非主动公开的文件任何时候都不生成）",
            "Include documents marked draft: true (never non-public ones)",
        ),
    },
    ArgHelp {
        id: "future",
        flag: "--future",
        value: None,
        help: t(
            "预览发布日期晚于判断日期的内容，页面上标注“未到发布日期”",
            "Preview what is dated after the as-of date, marked 未到发布日期 on its pages",
        ),
    },
    ArgHelp {
        id: "quiet",
        flag: "-q, --quiet",
        value: None,
        help: t("只显示错误", "Print only errors"),
    },
    ArgHelp {
        id: "help",
        flag: "-h, --help",
        value: None,
        help: t("显示帮助", "Print help"),
    },
    ArgHelp {
        id: "version",
        flag: "-V, --version",
        value: None,
        help: t("显示版本号", "Print the version"),
    },
];

const OUTPUT: ArgHelp = ArgHelp {
    id: "output",
    flag: "-o, --output",
    value: Some(DIR),
    help: t(
        "输出目录（默认：网站根目录下的 public/）",
        "Output folder (default: public/ in the site root)",
    ),
};

const FORCE: ArgHelp = ArgHelp {
    id: "force",
    flag: "--force",
    value: None,
    help: t(
        "允许写入不是 gongkai 建立的非空目录：同名文件被网站的文件替换，其他文件不动；网站自己的目录任何时候都不允许",
        "Write into a non-empty folder gongkai did not make: files of the site replace files of the same path, every other file is left untouched; never allowed for the site's own folders",
    ),
};

/// Every command, in the order the overview lists them.
pub(crate) const COMMANDS: &[CommandHelp] = &[
    CommandHelp {
        name: "build",
        about: t(
            "生成网站到输出目录（一次整体替换：生成失败时保留上次成功的网站）",
            "Build the site into the output folder (atomically: a failed build keeps the last good site)",
        ),
        operands: t("", ""),
        args: &[OUTPUT, FORCE],
    },
    CommandHelp {
        name: "watch",
        about: t(
            "生成网站，之后 content/、themes/ 或 site.yaml 一有改动就重新生成",
            "Build, then rebuild on every change under content/, themes/ and site.yaml",
        ),
        operands: t("", ""),
        args: &[OUTPUT, FORCE],
    },
    CommandHelp {
        name: "serve",
        about: t(
            "同 watch，并在 127.0.0.1 上提供预览，保存后页面自动刷新",
            "Like watch, and serve the site on 127.0.0.1 with live reload",
        ),
        operands: t("", ""),
        args: &[
            OUTPUT,
            ArgHelp {
                id: "port",
                flag: "-p, --port",
                value: Some(t("<端口>", "<PORT>")),
                help: t(
                    "预览端口（默认：8000；被占用时用下一个空闲端口）",
                    "Port to listen on (default: 8000; the next free one if it is taken)",
                ),
            },
            FORCE,
        ],
    },
    CommandHelp {
        name: "check",
        about: t(
            "检查内容，不写任何文件",
            "Validate content without writing anything",
        ),
        operands: t("", ""),
        args: &[
            ArgHelp {
                id: "format",
                flag: "--format",
                value: Some(t("<格式>", "<FORMAT>")),
                help: t(
                    "诊断的输出格式：text（默认）、json、github（GitHub 代码行注释）",
                    "Output format for diagnostics: text (default), json, github (GitHub annotations)",
                ),
            },
            ArgHelp {
                id: "strict",
                flag: "--strict",
                value: None,
                help: t(
                    "有警告也算未通过（供内容仓库的持续集成使用）",
                    "Treat warnings as errors (for the content repository's CI)",
                ),
            },
            ArgHelp {
                id: "expiring_within",
                flag: "--expiring-within",
                value: Some(t("<期限>", "<DURATION>")),
                help: t(
                    "同时列出效力在判断日期起这段时间内结束的文件，如 90d（天）、12w（周）、6m（月）、1y（年）",
                    "Also list documents whose validity ends within this window of the as-of date, e.g. 90d, 12w, 6m, 1y",
                ),
            },
            ArgHelp {
                id: "output",
                flag: "-o, --output",
                value: Some(DIR),
                help: t(
                    "同时检查 build --output 能否写入这个目录（默认：网站根目录下的 public/）；不写任何文件",
                    "Also check that build --output may write this folder (default: public/ in the site root); nothing is written",
                ),
            },
            ArgHelp {
                id: "force",
                flag: "--force",
                value: None,
                help: t(
                    "按给了 build --force 的情形检查",
                    "As build --force would be given",
                ),
            },
        ],
    },
    CommandHelp {
        name: "init",
        about: t(
            "新建一个可以直接生成的网站骨架",
            "Create a new site skeleton that builds",
        ),
        operands: t(" <目录>", " <DIR>"),
        args: &[ArgHelp {
            id: "dir",
            flag: "",
            value: Some(DIR),
            help: t(
                "要建立的目录（必须不存在或为空）",
                "Folder to create (must be empty or absent)",
            ),
        }],
    },
    CommandHelp {
        name: "new",
        about: t(
            "新建一份文件：各字段已预填，索引号取下一个空号",
            "Create a new document with every field prefilled and the next free 索引号",
        ),
        operands: t(" <路径>", " <PATH>"),
        args: &[
            ArgHelp {
                id: "path",
                flag: "",
                value: Some(t("<路径>", "<PATH>")),
                help: t(
                    "新文件在 content/ 下的路径，如 content/xxgk/2024/gf-2024-03.md；日期和索引号的年份取自路径中的年份；content/gazette/<年份>/<期号>.md 生成一期公报",
                    "Path of the new file under content/, e.g. content/xxgk/2024/gf-2024-03.md; dates and the 索引号 take the year in the path; content/gazette/<year>/<issue>.md makes a gazette issue",
                ),
            },
            ArgHelp {
                id: "agency",
                flag: "--agency",
                value: Some(t("<机构>", "<NAME>")),
                help: t(
                    "发文机关：site.yaml 中的全称或简称（默认：列出的第一个机构）",
                    "Issuing agency, full or short name from site.yaml (default: the first one)",
                ),
            },
        ],
    },
];

/// The help page of `command` (the overview when `None`).
pub(crate) fn page(command: Option<&str>, lang: Lang) -> String {
    match command.and_then(find) {
        Some(c) => command_page(c, lang),
        None => overview(lang),
    }
}

/// The help entry of command `name`.
pub(crate) fn find(name: &str) -> Option<&'static CommandHelp> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// `gongkai check [选项]`: the usage line of a command, or of gongkai.
pub(crate) fn usage(command: Option<&str>, lang: Lang) -> String {
    let options = lang.pick("[选项]", "[OPTIONS]");
    match command.and_then(find) {
        Some(c) => format!("gongkai {} {options}{}", c.name, c.operands.get(lang)),
        None => format!("gongkai {options} {}", lang.pick("<命令>", "<COMMAND>")),
    }
}

fn overview(lang: Lang) -> String {
    let mut out = format!(
        "gongkai {}{}{}\n\n{}{}\n\n{}\n",
        env!("CARGO_PKG_VERSION"),
        lang.pick("：", ": "),
        TAGLINE.get(lang),
        usage_heading(lang),
        usage(None, lang),
        lang.pick("命令：", "Commands:"),
    );
    let mut rows: Vec<(String, &str)> = COMMANDS
        .iter()
        .map(|c| (c.name.to_string(), c.about.get(lang)))
        .collect();
    rows.push((
        "help".to_string(),
        lang.pick(
            "显示本帮助；help <命令> 显示该命令的帮助",
            "Print this help, or help <COMMAND> for a command's",
        ),
    ));
    out.push_str(&table(&rows));
    out.push('\n');
    out.push_str(lang.pick("选项（各命令通用）：\n", "Options (every command):\n"));
    out.push_str(&arg_table(GLOBAL, lang));
    out.push('\n');
    out.push_str(lang.pick(
        "各命令的选项：gongkai <命令> --help\n界面语言：先看 GONGKAI_LANG（zh-CN 或 en），再看 site.yaml 的 language，再看 LC_ALL、LC_MESSAGES、LANG；默认中文。\n",
        "Each command's options: gongkai <COMMAND> --help\nLanguage: GONGKAI_LANG (zh-CN or en), else the site.yaml language, else LC_ALL, LC_MESSAGES, LANG; Chinese by default.\n",
    ));
    out
}

fn command_page(c: &CommandHelp, lang: Lang) -> String {
    let mut out = format!(
        "gongkai {}{}{}\n\n{}{}\n",
        c.name,
        lang.pick("：", ": "),
        c.about.get(lang),
        usage_heading(lang),
        usage(Some(c.name), lang),
    );
    let (operands, options): (Vec<&ArgHelp>, Vec<&ArgHelp>) =
        c.args.iter().partition(|a| a.flag.is_empty());
    // One column width for the whole page, so the sections line up.
    let all: Vec<&ArgHelp> = c.args.iter().chain(GLOBAL).collect();
    let width = all.iter().map(|a| width(&a.left(lang))).max().unwrap_or(0);
    for (heading, args) in [
        (lang.pick("参数：", "Arguments:"), operands),
        (lang.pick("选项：", "Options:"), options),
        (
            lang.pick("通用选项：", "Options of every command:"),
            GLOBAL.iter().collect(),
        ),
    ] {
        if args.is_empty() {
            continue;
        }
        out.push('\n');
        out.push_str(heading);
        out.push('\n');
        let rows: Vec<(String, &str)> = args
            .iter()
            .map(|a| (a.left(lang), a.help.get(lang)))
            .collect();
        out.push_str(&table_at(&rows, width));
    }
    out
}

fn usage_heading(lang: Lang) -> &'static str {
    lang.pick("用法：", "Usage: ")
}

fn arg_table(args: &[ArgHelp], lang: Lang) -> String {
    let rows: Vec<(String, &str)> = args
        .iter()
        .map(|a| (a.left(lang), a.help.get(lang)))
        .collect();
    table(&rows)
}

fn table(rows: &[(String, &str)]) -> String {
    let width = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    table_at(rows, width)
}

/// Two columns, the left padded to `width` terminal cells.
fn table_at(rows: &[(String, &str)], width: usize) -> String {
    let mut out = String::new();
    for (left, right) in rows {
        let pad = width.saturating_sub(self::width(left)) + 2;
        out.push_str(&format!("  {left}{}{right}\n", " ".repeat(pad)));
    }
    out
}

/// Terminal cells: CJK and full-width characters take two.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_with_chinese_placeholders() {
        let page = page(Some("new"), Lang::Zh);
        let starts: Vec<usize> = page
            .lines()
            .filter(|l| l.starts_with("  "))
            .map(|l| {
                let (left, _) = l.trim_start().split_once("  ").unwrap_or((l, ""));
                let rest = &l[2 + left.len()..];
                2 + width(left) + (rest.len() - rest.trim_start().len())
            })
            .collect();
        assert!(starts.len() > 5, "{page}");
        assert!(starts.windows(2).all(|w| w[0] == w[1]), "{page}");
    }
}
