//! The `gongkai` command: parses arguments, reads the clock, calls the
//! library, prints diagnostics and sets the exit code (0 ok, 1 content
//! errors, 2 usage or IO errors). The only place that prints.

// mimalloc instead of the system allocator: the build makes millions of small
// short-lived allocations (strings for views, template values, tokens) and
// spends about a fifth of its CPU in glibc malloc/free; mimalloc cuts the
// 10k-document build's user time by about 0.6 s (BENCHMARKS.md, session 4).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Hands memory that the build's stages free back to the system after
/// 100 ms instead of mimalloc's 1 s: the search stage allocates different
/// sizes than the page stage before it, so without this the freed page
/// memory is kept while the search index is built (10k documents: peak
/// RSS ~310 MB instead of ~270 MB). Transparent huge pages are off (the
/// `no_thp` feature) for the same reason: a 2 MB page stays resident while
/// any byte of it is used.
fn tune_allocator() {
    // `mi_option_purge_delay` in mimalloc v3's mimalloc.h (the 16th option);
    // libmimalloc-sys 0.1 does not name it.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: mi_option_set only stores an integer option; it is safe to
    // call at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 100) };
}

mod cli;

use clap::{Parser, Subcommand, ValueEnum};
use gongkai::diagnostics::Diagnostic;
use gongkai::index::schedule::Scheduled;
use gongkai::output::WriteOptions;
use gongkai::scaffold::NewKind;
use gongkai::watch::{Event as WatchEvent, ServeOptions};
use gongkai::{BuildContext, BuildError, Options};
use jiff::civil::Date;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// `println!` that ends the process quietly when the reader has gone away
/// (`gongkai check --format json | head`), instead of panicking on the
/// broken pipe. 141 is what a shell reports for a process ended by SIGPIPE.
macro_rules! outln {
    ($($arg:tt)*) => { emit(&mut std::io::stdout().lock(), format_args!($($arg)*)) };
}

/// `eprintln!` with the same broken-pipe rule.
macro_rules! errln {
    ($($arg:tt)*) => { emit(&mut std::io::stderr().lock(), format_args!($($arg)*)) };
}

fn emit(out: &mut dyn std::io::Write, line: std::fmt::Arguments<'_>) {
    if let Err(e) = writeln!(out, "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
    }
}

// The arguments. Their help texts, in Chinese and English, are in
// cli/help.rs (a test there keeps both lists of options the same); clap only
// parses, and cli/ writes help and usage errors in the chosen language.
#[derive(Parser)]
#[command(name = "gongkai", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[arg(long, global = true, value_parser = parse_as_of)]
    as_of: Option<Date>,
    #[arg(long, global = true)]
    drafts: bool,
    #[arg(long, global = true)]
    future: bool,
    #[arg(long, short, global = true)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    Build {
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Watch {
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Serve {
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[arg(long, short, default_value_t = 8000)]
        port: u16,
        #[arg(long)]
        force: bool,
    },
    Check {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[arg(long)]
        strict: bool,
        #[arg(long, value_name = "DURATION", value_parser = parse_window)]
        expiring_within: Option<i32>,
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Init {
        dir: PathBuf,
    },
    New {
        path: String,
        #[arg(long)]
        agency: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Github,
}

fn parse_window(s: &str) -> Result<i32, String> {
    gongkai::index::review::parse_window(s)
}

fn parse_as_of(s: &str) -> Result<Date, String> {
    gongkai::yaml::fields::parse_date(s, false)
        .map(|(d, _)| d)
        .map_err(|why| format!("“{s}” {why}；应为 YYYY-MM-DD"))
}

/// Today in China Standard Time: the only place gongkai reads the clock.
fn today() -> Date {
    let offset = jiff::tz::Offset::constant(8);
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::fixed(offset))
        .date()
}

/// `--force`, and who this process is for a second one that finds the
/// output folder locked: the command and when it started (China time).
fn write_options(command: &str, force: bool) -> WriteOptions {
    let offset = jiff::tz::Offset::constant(8);
    let since = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::fixed(offset))
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string();
    WriteOptions {
        force,
        holder: format!("gongkai {command}，自 {since} 起"),
        ..WriteOptions::default()
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = match cli::parse::<Cli>() {
        Ok(parsed) => parsed,
        Err(early) => {
            if early.to_stderr {
                errln!("{}", early.text.trim_end());
            } else {
                outln!("{}", early.text.trim_end());
            }
            return ExitCode::from(early.code);
        }
    };
    let ctx = BuildContext {
        as_of: cli.as_of.unwrap_or_else(today),
        drafts: cli.drafts,
        future: cli.future,
    };
    match &cli.command {
        Command::Build { output, force } => {
            build(&cli, ctx, output.clone(), write_options("build", *force))
        }
        Command::Watch { output, force } => watch(
            &cli,
            ctx,
            output.clone(),
            write_options("watch", *force),
            None,
        ),
        Command::Serve {
            output,
            port,
            force,
        } => watch(
            &cli,
            ctx,
            output.clone(),
            write_options("serve", *force),
            Some(ServeOptions { port: *port }),
        ),
        Command::Check {
            format,
            strict,
            expiring_within,
            output,
            force,
        } => {
            // What build would refuse about the output folder, before the
            // content (as build does), and with build's exit code 2.
            let output = output.clone().unwrap_or_else(|| cli.root.join("public"));
            if cli.root.join(gongkai::config::CONFIG_FILE).is_file() {
                if let Err(e) = gongkai::output::claim::inspect(&cli.root, &output, *force) {
                    return io_error(&e);
                }
            }
            check(&cli, &ctx, *format, *strict, *expiring_within)
        }
        Command::Init { dir } => match gongkai::scaffold::init_site(dir, ctx.as_of) {
            Ok(files) => {
                if !cli.quiet {
                    outln!(
                        "已在 {} 创建新网站（{} 个文件）。下一步：cd {} && gongkai serve（预览）",
                        dir.display(),
                        files.len(),
                        dir.display()
                    );
                    outln!("（gongkai 还不在 PATH 上时：在 gongkai 的源码目录运行 cargo install --locked --path . 安装）");
                }
                ExitCode::SUCCESS
            }
            Err(e) => io_error(&e),
        },
        Command::New { path, agency } => {
            let config = match gongkai::load_config(&cli.root) {
                Ok(c) => c,
                Err(e) => return build_error(e, Format::Text, cli.quiet, Failed::New),
            };
            if gongkai::scaffold_report::is_report_path(path) {
                return match gongkai::scaffold_report::new_report(
                    &cli.root,
                    &config,
                    path,
                    agency.as_deref(),
                    ctx.as_of,
                ) {
                    Ok(file) => {
                        if !cli.quiet {
                            outln!("已创建年度报告 {file}。填写后删除 draft: true 即可发布。");
                        }
                        ExitCode::SUCCESS
                    }
                    Err(e) => io_error(&e),
                };
            }
            match gongkai::scaffold::new_document(
                &cli.root,
                &config,
                path,
                agency.as_deref(),
                ctx.as_of,
            ) {
                Ok(doc) => {
                    if !cli.quiet {
                        match doc.kind {
                            NewKind::GazetteIssue { year, issue } => outln!(
                                "已创建 {}（公报 {year}年第{issue}期）。核对出版日期和总期号；生成网站时发布。",
                                doc.path
                            ),
                            NewKind::Page => outln!(
                                "已创建栏目页面 {}。填写后删除 draft: true 即可发布。",
                                doc.path
                            ),
                            NewKind::Document {
                                index_number: Some(n),
                            } => outln!(
                                "已创建 {}（索引号 {n}）。填写后删除 draft: true 即可发布。",
                                doc.path
                            ),
                            NewKind::Document { index_number: None } => {
                                outln!("已创建 {}。填写后删除 draft: true 即可发布。", doc.path)
                            }
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => io_error(&e),
            }
        }
    }
}

fn progress_printer(quiet: bool) -> Option<gongkai::Progress> {
    if quiet {
        return None;
    }
    let start = Instant::now();
    // Builds that finish within a second stay silent.
    Some(Arc::new(move |message: &str| {
        if start.elapsed().as_secs_f32() >= 1.0 {
            errln!("… {message}（{:.1} 秒）", start.elapsed().as_secs_f32());
        }
    }))
}

fn build(cli: &Cli, ctx: BuildContext, output: Option<PathBuf>, write: WriteOptions) -> ExitCode {
    let start = Instant::now();
    let opts = Options {
        output: output.unwrap_or_else(|| cli.root.join("public")),
        root: cli.root.clone(),
        ctx,
        progress: progress_printer(cli.quiet),
        write,
    };
    match gongkai::build(&opts) {
        Ok(report) => {
            if !cli.quiet {
                print_diagnostics(&report.diagnostics, Format::Text);
                outln!(
                    "已生成 {}：{} 份文件{}，{} 个输出文件（写入 {} 个，删除 {} 个，其余未变），{:.1} MB，用时 {:.2} 秒（效力判断日期 {}）",
                    shown_folder(&opts.output),
                    report.documents,
                    drafts_note(report.drafts),
                    report.files,
                    report.written,
                    report.deleted,
                    report.bytes as f64 / 1_048_576.0,
                    start.elapsed().as_secs_f64(),
                    opts.ctx.as_of
                );
                print_foreign(&opts.output, &report.foreign);
                print_scheduled(&report.scheduled, opts.ctx.future, Format::Text);
            }
            ExitCode::SUCCESS
        }
        Err(e) => build_error(e, Format::Text, cli.quiet, Failed::Build(&opts.output)),
    }
}

fn watch(
    cli: &Cli,
    ctx: BuildContext,
    output: Option<PathBuf>,
    write: WriteOptions,
    serve: Option<ServeOptions>,
) -> ExitCode {
    let opts = Options {
        output: output.unwrap_or_else(|| cli.root.join("public")),
        root: cli.root.clone(),
        ctx,
        progress: None,
        write,
    };
    let output = opts.output.clone();
    let quiet = cli.quiet;
    let mut started = Instant::now();
    let mut shown_warnings: Vec<String> = Vec::new();
    let mut shown_scheduled = Vec::new();
    let future = opts.ctx.future;
    let result = gongkai::watch::run(opts, serve, &mut |event| match event {
        WatchEvent::Serving { url } => outln!("预览地址：{url}（Ctrl+C 退出）"),
        WatchEvent::Watching => {
            if !quiet {
                outln!("正在监视 content/、themes/ 和 site.yaml 的变化…");
            }
        }
        WatchEvent::Rebuilding { .. } => started = Instant::now(),
        WatchEvent::Rebuilt(r) => {
            // Warnings once, not again on every save that leaves them as they were.
            let warnings: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
            if warnings != shown_warnings && !quiet {
                print_diagnostics(&r.warnings, Format::Text);
            }
            shown_warnings = warnings;
            outln!(
                "{} {}：写入 {} 个文件，删除 {} 个，解析 {} 个，共 {} 份文件，用时 {} ms",
                clock(),
                changed_summary(r),
                r.write.written.len(),
                r.write.deleted.len(),
                r.parsed,
                r.documents,
                started.elapsed().as_millis()
            );
            if r.scheduled != shown_scheduled && !quiet {
                print_scheduled(&r.scheduled, future, Format::Text);
            }
            shown_scheduled.clone_from(&r.scheduled);
        }
        WatchEvent::Failed(e) => {
            let errors = match e {
                BuildError::Content(diags) => {
                    print_diagnostics(diags, Format::Text);
                    diags.iter().filter(|d| d.is_error()).count()
                }
                BuildError::Io(e) => {
                    errln!("错误：{}", cli::io_text::error_chain(e));
                    1
                }
            };
            shown_warnings.clear();
            outln!(
                "{} 生成失败：{errors} 个错误，用时 {} ms；{} 保持上次成功的网站",
                clock(),
                started.elapsed().as_millis(),
                shown_folder(&output)
            );
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => io_error(&e),
    }
}

/// A note on files in the output folder that gongkai did not make.
fn print_foreign(output: &std::path::Path, foreign: &[String]) {
    if foreign.is_empty() {
        return;
    }
    let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    let more = if foreign.len() > shown.len() {
        " 等"
    } else {
        ""
    };
    errln!(
        "注意：{} 中有 {} 个文件不是 gongkai 生成的，已原样保留（gongkai 不删除它们）：{}{more}",
        shown_folder(output),
        foreign.len(),
        shown.join("、")
    );
}

/// The time of day in China, for the rebuild log.
fn clock() -> String {
    let offset = jiff::tz::Offset::constant(8);
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::fixed(offset))
        .strftime("%H:%M:%S")
        .to_string()
}

fn changed_summary(r: &gongkai::watch::Rebuilt) -> String {
    match r.changed.as_slice() {
        [] => "首次生成".to_string(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} 等 {} 个文件", rest.len() + 1),
    }
}

fn check(
    cli: &Cli,
    ctx: &BuildContext,
    format: Format,
    strict: bool,
    expiring_within: Option<i32>,
) -> ExitCode {
    match gongkai::check(
        &cli.root,
        ctx,
        &progress_printer(cli.quiet || !matches!(format, Format::Text)),
    ) {
        Ok(checked) => {
            let warnings = checked.diagnostics.len();
            let window = expiring_within.map(|days| {
                let list = gongkai::index::review::expiring(&checked.index, ctx.as_of, days);
                (days, list)
            });
            if matches!(format, Format::Json) {
                let drafts = Some(checked.index.drafts);
                print_check_json(ctx.as_of, window.as_ref(), &checked.diagnostics, drafts);
            } else if let Some((days, list)) = &window {
                print_expiring(list, &checked.diagnostics, ctx.as_of, *days, format);
            } else if !cli.quiet || strict {
                print_diagnostics(&checked.diagnostics, format);
            }
            if strict && warnings > 0 {
                if matches!(format, Format::Text) {
                    errln!("检查未通过（--strict）：{warnings} 个警告");
                }
                return ExitCode::from(1);
            }
            if matches!(format, Format::Text) && !cli.quiet {
                outln!(
                    "检查通过：{} 份公开文件{}，{warnings} 个警告",
                    checked.index.docs.len(),
                    drafts_note(checked.index.drafts)
                );
            }
            if !cli.quiet {
                print_scheduled(&checked.index.scheduled, ctx.future, format);
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diags)) if matches!(format, Format::Json) => {
            // the same object as a passing check: the review list is empty
            // when the check fails
            let window = expiring_within.map(|days| (days, Vec::new()));
            print_check_json(ctx.as_of, window.as_ref(), &diags, None);
            ExitCode::from(1)
        }
        Err(e) => build_error(e, format, cli.quiet, Failed::Check),
    }
}

/// The drafts held back, after the count of published documents: an editor
/// who forgot a `draft: true` sees it in the summary.
fn drafts_note(drafts: usize) -> String {
    if drafts == 0 {
        String::new()
    } else {
        format!("（另有 {drafts} 份草稿未发布）")
    }
}

/// `check --format json`: one object whatever the flags and the outcome
/// (README, “`check --format json` prints one object”): the diagnostics, and the review list
/// of `--expiring-within` (empty, with `within_days` and `until` null,
/// without the flag), and the drafts held back (null when the check
/// failed before counting them).
fn print_check_json(
    as_of: Date,
    window: Option<&(i32, Vec<gongkai::index::review::Expiring>)>,
    diags: &[Diagnostic],
    drafts: Option<usize>,
) {
    let until = window.map(|(days, _)| {
        as_of
            .checked_add(jiff::Span::new().days(*days))
            .unwrap_or(Date::MAX)
            .to_string()
    });
    let value = serde_json::json!({
        "as_of": as_of.to_string(),
        "within_days": window.map(|(days, _)| days),
        "until": until,
        "diagnostics": diags,
        "expiring": window.map_or(&[][..], |(_, list)| list.as_slice()),
        "drafts": drafts,
    });
    match serde_json::to_string_pretty(&value) {
        Ok(json) => outln!("{json}"),
        Err(e) => errln!("错误：{e}"),
    }
}

/// The review list of `check --expiring-within` in text (diagnostics stay
/// on stderr) or as GitHub notices; JSON is [`print_check_json`].
fn print_expiring(
    list: &[gongkai::index::review::Expiring],
    diags: &[Diagnostic],
    as_of: Date,
    days: i32,
    format: Format,
) {
    match format {
        // JSON is print_check_json's one object: `check` prints it instead
        Format::Json => {}
        Format::Github => {
            print_diagnostics(diags, format);
            for e in list {
                outln!(
                    "::notice file={}::{} 的有效期至 {} 结束（还剩 {} 天）",
                    e.file,
                    e.title,
                    e.last_valid_day,
                    e.days_left
                );
            }
        }
        Format::Text => {
            print_diagnostics(diags, format);
            let until = as_of
                .checked_add(jiff::Span::new().days(days))
                .unwrap_or(Date::MAX);
            if list.is_empty() {
                outln!("{as_of} 起 {days} 天内（至 {until}）没有效力将要结束的文件");
                return;
            }
            outln!(
                "{as_of} 起 {days} 天内（至 {until}）效力将要结束的文件：{} 份",
                list.len()
            );
            for e in list {
                let mut why = match e.ends_by {
                    gongkai::index::review::EndsBy::Expires => "有效期至",
                    gongkai::index::review::EndsBy::Declared => "已宣布废止/失效",
                }
                .to_string();
                // one not yet in force is reviewed before it even starts
                let pending = gongkai::index::validity::Status::NotYetEffective.name();
                if e.status == pending {
                    why = format!("{why}；{pending}");
                }
                outln!(
                    "  {}  还剩 {:>3} 天  {}  {}  {}  {}（{why}）",
                    e.last_valid_day,
                    e.days_left,
                    e.doc_number.as_deref().unwrap_or("（无文号）"),
                    e.title,
                    e.agency,
                    e.file
                );
            }
        }
    }
}

/// What is dated after the as-of date, one line each as a timetable
/// (nothing in JSON, whose object is that of [`print_check_json`]).
fn print_scheduled(list: &[Scheduled], future: bool, format: Format) {
    if list.is_empty() {
        return;
    }
    let (status, how) = if future {
        ("已按 --future 预览生成", "页面标注“未到发布日期”")
    } else {
        ("到期前不发布", "--future 可预览")
    };
    match format {
        Format::Json => {}
        Format::Github => {
            for s in list {
                outln!(
                    "::notice file={}::{}“{}”未到发布日期，{} 发布（{status}）",
                    s.file,
                    s.kind.name(),
                    s.title,
                    s.date
                );
            }
        }
        Format::Text => {
            outln!("未到发布日期：{} 项，{status}（{how}）", list.len());
            for s in list {
                outln!("  {}  {}  {}  {}", s.date, s.kind.name(), s.title, s.file);
            }
        }
    }
}

/// The command whose run content errors ended, for the summary line: each
/// says what did not happen (check never builds, so it does not say so).
#[derive(Clone, Copy)]
enum Failed<'a> {
    Check,
    /// Building into this output folder.
    Build(&'a std::path::Path),
    New,
}

impl Failed<'_> {
    fn summary(self, errors: usize) -> String {
        match self {
            Failed::Check => format!("发现 {errors} 个错误，检查未通过"),
            Failed::Build(out) => format!(
                "发现 {errors} 个错误，未生成网站（{} 保持上次的内容）",
                shown_folder(out)
            ),
            Failed::New => format!("发现 {errors} 个错误，未创建文件"),
        }
    }
}

/// The output folder as an editor finds it: as given, or relative to the
/// current folder when it is inside it (`public/`, `../site-out/`,
/// `/srv/www/`), with a closing `/` that marks it as a folder.
fn shown_folder(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().ok();
    let inside = cwd.as_deref().and_then(|cwd| {
        let absolute = cwd.join(path);
        absolute
            .strip_prefix(cwd)
            .ok()
            .map(|rel| rel.to_string_lossy().into_owned())
    });
    let shown = match inside {
        Some(rel) if rel.is_empty() => ".".to_string(),
        Some(rel) => rel,
        None => path.to_string_lossy().into_owned(),
    };
    format!("{}/", shown.trim_end_matches('/'))
}

fn build_error(e: BuildError, format: Format, quiet: bool, failed: Failed<'_>) -> ExitCode {
    match e {
        BuildError::Content(diags) => {
            let shown: Vec<Diagnostic> = if quiet {
                diags.into_iter().filter(Diagnostic::is_error).collect()
            } else {
                diags
            };
            print_diagnostics(&shown, format);
            if matches!(format, Format::Text) {
                let errors = shown.iter().filter(|d| d.is_error()).count();
                errln!("{}", failed.summary(errors));
            }
            ExitCode::from(1)
        }
        BuildError::Io(e) => io_error(&e),
    }
}

fn io_error(e: &anyhow::Error) -> ExitCode {
    errln!("错误：{}", cli::io_text::error_chain(e));
    ExitCode::from(2)
}

fn print_diagnostics(diags: &[Diagnostic], format: Format) {
    match format {
        Format::Text => {
            for d in diags {
                errln!("{d}");
            }
        }
        Format::Github => {
            for d in diags {
                outln!("{}", d.to_github());
            }
        }
        Format::Json => match serde_json::to_string_pretty(diags) {
            Ok(json) => outln!("{json}"),
            Err(e) => errln!("错误：{e}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn ids<'a>(args: impl Iterator<Item = &'a clap::Arg>) -> Vec<String> {
        let mut ids: Vec<String> = args.map(|a| a.get_id().to_string()).collect();
        ids.sort();
        ids
    }

    /// The help pages of cli/help.rs describe exactly the options defined here.
    #[test]
    fn every_option_has_help_text_and_every_help_text_an_option() {
        let command = Cli::command();
        let mut global: Vec<String> = cli::help::GLOBAL
            .iter()
            .filter(|a| !matches!(a.id, "help" | "version"))
            .map(|a| a.id.to_string())
            .collect();
        global.sort();
        assert_eq!(ids(command.get_arguments()), global);
        let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
        let helped: Vec<&str> = cli::help::COMMANDS.iter().map(|c| c.name).collect();
        assert_eq!(names, helped);
        assert_eq!(helped, cli::scan::COMMANDS);
        for sub in command.get_subcommands() {
            let help = cli::help::find(sub.get_name()).expect("help for every command");
            let mut documented: Vec<String> = help.args.iter().map(|a| a.id.to_string()).collect();
            documented.sort();
            assert_eq!(ids(sub.get_arguments()), documented, "{}", sub.get_name());
        }
    }
}
