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
use cli::lang::{Lang, Sources};
use cli::summary::{self, Created, Failed};
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
/// Chinese in either language: it is written into the lock file and read
/// out by the other process inside the library's (Chinese) message.
fn write_options(command: &str, force: bool) -> WriteOptions {
    let offset = jiff::tz::Offset::constant(8);
    let since = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::fixed(offset))
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string();
    WriteOptions {
        force,
        holder: format!("gongkai {command}，自 {since} 起"),
        faults: abort_hook(),
    }
}

/// For the tests that kill a build in the middle of its commit
/// (`tests/it/safety/commit_kill.rs`): `GONGKAI_TEST_ABORT_AT_COMMIT_STEP=k`
/// aborts the process before step `k` of the final commit, as abruptly as
/// a SIGKILL. Unset (always, outside those tests): no effect.
fn abort_hook() -> gongkai::output::Faults {
    std::env::var("GONGKAI_TEST_ABORT_AT_COMMIT_STEP")
        .ok()
        .and_then(|k| k.parse().ok())
        .map(gongkai::output::Faults::abort_at)
        .unwrap_or_default()
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
    // One language for every line of this run, decided as for help and
    // usage errors (GONGKAI_LANG, the site's `language:`, the locale).
    let lang = Sources::read(&cli.root).decide();
    let ctx = BuildContext {
        as_of: cli.as_of.unwrap_or_else(today),
        drafts: cli.drafts,
        future: cli.future,
    };
    let run = Run { cli: &cli, lang };
    match &cli.command {
        Command::Build { output, force } => {
            run.build(ctx, output.clone(), write_options("build", *force))
        }
        Command::Watch { output, force } => {
            run.watch(ctx, output.clone(), write_options("watch", *force), None)
        }
        Command::Serve {
            output,
            port,
            force,
        } => run.watch(
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
                    return io_error(&e, lang);
                }
            }
            run.check(&ctx, *format, *strict, *expiring_within)
        }
        Command::Init { dir } => match gongkai::scaffold::init_site(dir, ctx.as_of) {
            Ok(files) => {
                if !cli.quiet {
                    for line in summary::initialised(dir, files.len(), lang) {
                        outln!("{line}");
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => io_error(&e, lang),
        },
        Command::New { path, agency } => run.new_file(path, agency.as_deref(), ctx.as_of),
    }
}

/// The parsed command line and the language it speaks.
struct Run<'a> {
    cli: &'a Cli,
    lang: Lang,
}

impl Run<'_> {
    fn progress_printer(&self, quiet: bool) -> Option<gongkai::Progress> {
        if quiet {
            return None;
        }
        let (start, lang) = (Instant::now(), self.lang);
        // Builds that finish within a second stay silent.
        Some(Arc::new(move |step| {
            let seconds = start.elapsed().as_secs_f32();
            if seconds >= 1.0 {
                errln!("{}", summary::progress(step, seconds, lang));
            }
        }))
    }

    fn new_file(&self, path: &str, agency: Option<&str>, as_of: Date) -> ExitCode {
        let (cli, lang) = (self.cli, self.lang);
        let config = match gongkai::load_config(&cli.root) {
            Ok(c) => c,
            Err(e) => return self.build_error(e, Format::Text, Failed::New),
        };
        let created = if gongkai::scaffold_report::is_report_path(path) {
            gongkai::scaffold_report::new_report(&cli.root, &config, path, agency, as_of)
                .map(|file| summary::created(&file, &Created::Report, lang))
        } else {
            gongkai::scaffold::new_document(&cli.root, &config, path, agency, as_of).map(|doc| {
                let what = match &doc.kind {
                    NewKind::Page => Created::Page,
                    NewKind::GazetteIssue { year, issue } => Created::GazetteIssue {
                        year: *year,
                        issue: *issue,
                    },
                    NewKind::Document { index_number } => Created::Document {
                        index_number: index_number.as_deref(),
                    },
                };
                summary::created(&doc.path, &what, lang)
            })
        };
        match created {
            Ok(line) => {
                if !cli.quiet {
                    outln!("{line}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => io_error(&e, lang),
        }
    }

    fn build(&self, ctx: BuildContext, output: Option<PathBuf>, write: WriteOptions) -> ExitCode {
        let (cli, lang) = (self.cli, self.lang);
        let start = Instant::now();
        let opts = Options {
            output: output.unwrap_or_else(|| cli.root.join("public")),
            root: cli.root.clone(),
            ctx,
            progress: self.progress_printer(cli.quiet),
            write,
        };
        match gongkai::build(&opts) {
            Ok(report) => {
                if !cli.quiet {
                    self.print_diagnostics(&report.diagnostics, Format::Text);
                    let built = summary::Built {
                        output: &opts.output,
                        report: &report,
                        seconds: start.elapsed().as_secs_f64(),
                        as_of: opts.ctx.as_of,
                    };
                    outln!("{}", summary::built(&built, lang));
                    if let Some(note) = summary::foreign(&opts.output, &report.foreign, lang) {
                        errln!("{note}");
                    }
                    self.print_scheduled(&report.scheduled, opts.ctx.future, Format::Text);
                }
                ExitCode::SUCCESS
            }
            Err(e) => self.build_error(e, Format::Text, Failed::Build(&opts.output)),
        }
    }

    fn watch(
        &self,
        ctx: BuildContext,
        output: Option<PathBuf>,
        write: WriteOptions,
        serve: Option<ServeOptions>,
    ) -> ExitCode {
        let (cli, lang) = (self.cli, self.lang);
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
        // Without --as-of each rebuild is judged as of its own day.
        let today: Option<gongkai::watch::Today> = match cli.as_of {
            Some(_) => None,
            None => Some(std::sync::Arc::new(today)),
        };
        let result = gongkai::watch::run(opts, serve, today, &mut |event| match event {
            WatchEvent::Serving { url } => outln!("{}", summary::watch::serving(&url, lang)),
            WatchEvent::Watching => {
                if !quiet {
                    outln!("{}", summary::watch::watching(lang));
                }
            }
            WatchEvent::Rebuilding { .. } => started = Instant::now(),
            WatchEvent::Rebuilt(r) => {
                // Warnings once, not again on every save that leaves them as they were.
                let warnings: Vec<String> = r.warnings.iter().map(ToString::to_string).collect();
                if warnings != shown_warnings && !quiet {
                    self.print_diagnostics(&r.warnings, Format::Text);
                }
                shown_warnings = warnings;
                let ms = started.elapsed().as_millis();
                outln!("{}", summary::watch::rebuilt(&clock(), r, ms, lang));
                if r.scheduled != shown_scheduled && !quiet {
                    self.print_scheduled(&r.scheduled, future, Format::Text);
                }
                shown_scheduled.clone_from(&r.scheduled);
            }
            WatchEvent::Failed(e) => {
                let errors = match e {
                    BuildError::Content(diags) => {
                        self.print_diagnostics(diags, Format::Text);
                        diags.iter().filter(|d| d.is_error()).count()
                    }
                    BuildError::Io(e) => {
                        errln!(
                            "{}{}",
                            summary::error_prefix(lang),
                            cli::io_text::error_chain(e, lang)
                        );
                        1
                    }
                };
                shown_warnings.clear();
                let ms = started.elapsed().as_millis();
                outln!(
                    "{}",
                    summary::watch::failed(&clock(), errors, ms, &output, lang)
                );
            }
        });
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => io_error(&e, lang),
        }
    }

    fn check(
        &self,
        ctx: &BuildContext,
        format: Format,
        strict: bool,
        expiring_within: Option<i32>,
    ) -> ExitCode {
        let (cli, lang) = (self.cli, self.lang);
        let progress = self.progress_printer(cli.quiet || !matches!(format, Format::Text));
        match gongkai::check(&cli.root, ctx, &progress) {
            Ok(checked) => {
                let warnings = checked.diagnostics.len();
                let window = expiring_within.map(|days| {
                    let list = gongkai::index::review::expiring(&checked.index, ctx.as_of, days);
                    (days, list)
                });
                if matches!(format, Format::Json) {
                    let drafts = Some(checked.index.drafts);
                    print_check_json(
                        ctx.as_of,
                        window.as_ref(),
                        &checked.diagnostics,
                        drafts,
                        lang,
                    );
                } else if let Some((days, list)) = &window {
                    self.print_expiring(list, &checked.diagnostics, ctx.as_of, *days, format);
                } else if !cli.quiet || strict {
                    self.print_diagnostics(&checked.diagnostics, format);
                }
                if strict && warnings > 0 {
                    if matches!(format, Format::Text) {
                        errln!("{}", summary::strict_failed(warnings, lang));
                    }
                    return ExitCode::from(1);
                }
                if matches!(format, Format::Text) && !cli.quiet {
                    let (docs, drafts) = (checked.index.docs.len(), checked.index.drafts);
                    outln!("{}", summary::check_passed(docs, drafts, warnings, lang));
                }
                if !cli.quiet {
                    self.print_scheduled(&checked.index.scheduled, ctx.future, format);
                }
                ExitCode::SUCCESS
            }
            Err(BuildError::Content(diags)) if matches!(format, Format::Json) => {
                // the same object as a passing check: the review list is empty
                // when the check fails
                let window = expiring_within.map(|days| (days, Vec::new()));
                print_check_json(ctx.as_of, window.as_ref(), &diags, None, lang);
                ExitCode::from(1)
            }
            Err(e) => self.build_error(e, format, Failed::Check),
        }
    }

    /// The review list of `check --expiring-within` in text (diagnostics stay
    /// on stderr) or as GitHub notices; JSON is [`print_check_json`].
    fn print_expiring(
        &self,
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
                self.print_diagnostics(diags, format);
                for e in list {
                    let notice = summary::expiring_notice(e, self.lang);
                    outln!("::notice file={}::{notice}", e.file);
                }
            }
            Format::Text => {
                self.print_diagnostics(diags, format);
                for line in summary::expiring(list, as_of, days, self.lang) {
                    outln!("{line}");
                }
            }
        }
    }

    /// What is dated after the as-of date, one line each as a timetable
    /// (nothing in JSON, whose object is that of [`print_check_json`]).
    fn print_scheduled(&self, list: &[Scheduled], future: bool, format: Format) {
        match format {
            Format::Json => {}
            Format::Github => {
                for s in list {
                    let notice = summary::scheduled_notice(s, future, self.lang);
                    outln!("::notice file={}::{notice}", s.file);
                }
            }
            Format::Text => {
                for line in summary::scheduled(list, future, self.lang) {
                    outln!("{line}");
                }
            }
        }
    }

    fn build_error(&self, e: BuildError, format: Format, failed: Failed<'_>) -> ExitCode {
        match e {
            BuildError::Content(diags) => {
                let shown: Vec<Diagnostic> = if self.cli.quiet {
                    diags.into_iter().filter(Diagnostic::is_error).collect()
                } else {
                    diags
                };
                self.print_diagnostics(&shown, format);
                if matches!(format, Format::Text) {
                    let errors = shown.iter().filter(|d| d.is_error()).count();
                    errln!("{}", failed.summary(errors, self.lang));
                }
                ExitCode::from(1)
            }
            BuildError::Io(e) => io_error(&e, self.lang),
        }
    }

    fn print_diagnostics(&self, diags: &[Diagnostic], format: Format) {
        let frame = self.lang.frame();
        match format {
            Format::Text => {
                for d in diags {
                    errln!("{}", d.text_in(frame));
                }
            }
            Format::Github => {
                for d in diags {
                    outln!("{}", d.to_github_in(frame));
                }
            }
            Format::Json => match serde_json::to_string_pretty(diags) {
                Ok(json) => outln!("{json}"),
                Err(e) => errln!("{}{e}", summary::error_prefix(self.lang)),
            },
        }
    }
}

/// The time of day in China, for the rebuild log.
fn clock() -> String {
    let offset = jiff::tz::Offset::constant(8);
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::fixed(offset))
        .strftime("%H:%M:%S")
        .to_string()
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
    lang: Lang,
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
        Err(e) => errln!("{}{e}", summary::error_prefix(lang)),
    }
}

fn io_error(e: &anyhow::Error, lang: Lang) -> ExitCode {
    errln!(
        "{}{}",
        summary::error_prefix(lang),
        cli::io_text::error_chain(e, lang)
    );
    ExitCode::from(2)
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
