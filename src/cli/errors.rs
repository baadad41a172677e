//! Usage errors in the command line's language: gongkai reads what clap
//! found (the error's kind and context) and says it itself, so that no word
//! of clap's English frame reaches a Chinese-speaking editor.

use super::help::{self, ArgHelp, GLOBAL};
use super::lang::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The full message for `e`: what is wrong, the usage line, where help is.
/// `command` is the command the arguments named, if any.
pub(crate) fn render(e: &clap::Error, command: Option<&str>, lang: Lang) -> String {
    let what = describe(e, command, lang);
    let help_of = match command {
        Some(c) => format!("gongkai {c} --help"),
        None => "gongkai --help".to_string(),
    };
    format!(
        "{}{what}\n{}{}\n{}{help_of}\n",
        lang.pick("错误：", "error: "),
        lang.pick("用法：", "usage: "),
        help::usage(command, lang),
        lang.pick("查看帮助：", "help: "),
    )
}

fn describe(e: &clap::Error, command: Option<&str>, lang: Lang) -> String {
    let arg = strings(e, ContextKind::InvalidArg)
        .into_iter()
        .next()
        .map(|a| shown_arg(&a, command, lang));
    let value = strings(e, ContextKind::InvalidValue).into_iter().next();
    let (sep, quote) = (lang.pick("、", ", "), |s: &str| lang_quote(s, lang));
    match e.kind() {
        ErrorKind::InvalidValue => {
            let arg = arg.unwrap_or_default();
            let valid = strings(e, ContextKind::ValidValue).join(sep);
            match value.as_deref() {
                None | Some("") => match lang {
                    Lang::Zh => format!("选项 {arg} 需要一个值"),
                    Lang::En => format!("{arg} needs a value"),
                },
                Some(v) if valid.is_empty() => match lang {
                    Lang::Zh => format!("选项 {arg} 的值 {} 无效", quote(v)),
                    Lang::En => format!("invalid value {} for {arg}", quote(v)),
                },
                Some(v) => match lang {
                    Lang::Zh => format!("选项 {arg} 的值 {} 无效；可选：{valid}", quote(v)),
                    Lang::En => format!(
                        "invalid value {} for {arg}; possible values: {valid}",
                        quote(v)
                    ),
                },
            }
        }
        ErrorKind::ValueValidation => {
            let arg = arg.unwrap_or_default();
            let v = value.unwrap_or_default();
            match own_reason(e, &arg, lang) {
                // It names the value itself.
                Some(reason) => format!("选项 {arg}：{reason}"),
                None => {
                    let expected = expected_value(&arg, lang);
                    match lang {
                        Lang::Zh => format!("选项 {arg} 的值 {} 无效：{expected}", quote(&v)),
                        Lang::En => format!("invalid value {} for {arg}: {expected}", quote(&v)),
                    }
                }
            }
        }
        ErrorKind::UnknownArgument => {
            let arg = strings(e, ContextKind::InvalidArg)
                .into_iter()
                .next()
                .unwrap_or_default();
            let suggested = strings(e, ContextKind::SuggestedArg);
            let subcommand = strings(e, ContextKind::SuggestedSubcommand);
            let mut out = if arg.starts_with('-') {
                match lang {
                    Lang::Zh => format!("未知选项 {arg}"),
                    Lang::En => format!("unknown option {arg}"),
                }
            } else {
                match lang {
                    Lang::Zh => format!("多余的参数 {}", quote(&arg)),
                    Lang::En => format!("unexpected argument {}", quote(&arg)),
                }
            };
            if let Some(s) = suggested.first().or(subcommand.first()) {
                let s = s.split(' ').next().unwrap_or(s);
                out.push_str(&match lang {
                    Lang::Zh => format!("；是否想写 {s}？"),
                    Lang::En => format!("; did you mean {s}?"),
                });
            }
            out
        }
        ErrorKind::InvalidSubcommand => {
            let name = strings(e, ContextKind::InvalidSubcommand)
                .into_iter()
                .next()
                .unwrap_or_default();
            let mut out = match lang {
                Lang::Zh => format!("未知命令 {}", quote(&name)),
                Lang::En => format!("unknown command {}", quote(&name)),
            };
            match strings(e, ContextKind::SuggestedSubcommand).first() {
                Some(s) => out.push_str(&match lang {
                    Lang::Zh => format!("；是否想写 {s}？"),
                    Lang::En => format!("; did you mean {s}? "),
                }),
                None => out.push_str(lang.pick("。", ". ")),
            }
            out.push_str(&match lang {
                Lang::Zh => format!("可用的命令：{}", command_list(sep)),
                Lang::En => format!("Commands: {}", command_list(sep)),
            });
            out
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            match lang {
                Lang::Zh => format!("缺少命令；可用的命令：{}", command_list(sep)),
                Lang::En => format!("no command given; commands: {}", command_list(sep)),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = strings(e, ContextKind::InvalidArg)
                .iter()
                .map(|a| shown_arg(a, command, lang))
                .collect();
            match lang {
                Lang::Zh => format!("缺少参数 {}", missing.join(sep)),
                Lang::En => format!("missing {}", missing.join(sep)),
            }
        }
        ErrorKind::ArgumentConflict => {
            let arg = arg.unwrap_or_default();
            let prior = strings(e, ContextKind::PriorArg)
                .into_iter()
                .next()
                .map(|a| shown_arg(&a, command, lang));
            match prior {
                Some(p) if p != arg => match lang {
                    Lang::Zh => format!("选项 {arg} 不能与 {p} 同时使用"),
                    Lang::En => format!("{arg} cannot be used with {p}"),
                },
                _ => match lang {
                    Lang::Zh => format!("选项 {arg} 只能写一次"),
                    Lang::En => format!("{arg} may be given only once"),
                },
            }
        }
        ErrorKind::InvalidUtf8 => lang
            .pick(
                "参数不是有效的 UTF-8 文字",
                "an argument is not valid UTF-8",
            )
            .to_string(),
        _ => match (lang, arg) {
            (Lang::Zh, Some(a)) => format!("选项 {a} 的写法有误"),
            (Lang::En, Some(a)) => format!("{a} is not written as expected"),
            (Lang::Zh, None) => "命令行参数有误".to_string(),
            (Lang::En, None) => "the arguments are not as expected".to_string(),
        },
    }
}

/// Why gongkai's own parsers (`--as-of`, `--expiring-within`) refused a
/// value: in Chinese, naming the value, so only in Chinese mode.
fn own_reason(e: &clap::Error, arg: &str, lang: Lang) -> Option<String> {
    match (lang, arg) {
        (Lang::Zh, "--as-of" | "--expiring-within") => {
            std::error::Error::source(e).map(ToString::to_string)
        }
        _ => None,
    }
}

/// What option `arg` takes, for a value it refused.
fn expected_value(arg: &str, lang: Lang) -> &'static str {
    match arg {
        "--as-of" => lang.pick(
            "应为 YYYY-MM-DD 格式的真实日期",
            "expected a real date as YYYY-MM-DD",
        ),
        "--expiring-within" => lang.pick(
            "应为天数、周数、月数或年数，如 90d、12w、6m、1y",
            "expected a window such as 90d, 12w, 6m or 1y",
        ),
        "--port" => lang.pick(
            "应为 0 到 65535 之间的端口号",
            "expected a port number from 0 to 65535",
        ),
        _ => lang.pick("格式不对", "not in the expected form"),
    }
}

/// `--format <FORMAT>` or `<PATH>` as clap names it → gongkai's own name
/// for it (`--format <格式>`, `<路径>`).
fn shown_arg(clap_name: &str, command: Option<&str>, lang: Lang) -> String {
    let args: Vec<&ArgHelp> = command
        .and_then(help::find)
        .map(|c| c.args.iter().collect())
        .unwrap_or_default();
    let head = clap_name.split(' ').next().unwrap_or(clap_name);
    let found = args.into_iter().chain(GLOBAL).find(|a| {
        if a.flag.is_empty() {
            a.value
                .is_some_and(|v| v.en.eq_ignore_ascii_case(clap_name))
        } else {
            a.flag.split(", ").any(|f| f == head)
        }
    });
    match found {
        Some(a) => a.named(lang),
        None => head.to_string(),
    }
}

fn command_list(sep: &str) -> String {
    help::COMMANDS
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(sep)
}

fn lang_quote(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”"),
        Lang::En => format!("'{s}'"),
    }
}

/// The strings clap put in the error under `kind`.
fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}
