//! The command line around the arguments' definitions in main.rs: which
//! language it speaks ([`lang`]), help pages ([`help`]), usage errors
//! ([`errors`]) and the lines about a run ([`summary`]) in that language. clap only parses; gongkai writes every
//! text itself. Nothing here prints: main.rs does.

pub(crate) mod errors;
pub(crate) mod help;
pub(crate) mod io_text;
pub(crate) mod lang;
pub(crate) mod scan;
pub(crate) mod summary;

use clap::{CommandFactory, FromArgMatches};
use lang::{Lang, Sources};
use std::ffi::OsString;

/// What parsing ends with when it does not give arguments to run with:
/// help, the version or a usage error, to print, and the exit code.
pub(crate) struct Early {
    pub(crate) text: String,
    /// Usage errors go to stderr; asked-for help and the version to stdout.
    pub(crate) to_stderr: bool,
    pub(crate) code: u8,
}

/// Parses the process's arguments into `C`, or gives what to print
/// instead, in the language of [`lang`]'s precedence.
pub(crate) fn parse<C: CommandFactory + FromArgMatches>() -> Result<C, Early> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let rest = args.get(1..).unwrap_or_default();
    let scan = scan::scan(rest);
    // Only help and usage errors are worded here: a run that parses reads
    // site.yaml once, in the pipeline, not also for the language.
    let lang = || Sources::read(&scan.root).decide();
    parse_from::<C>(&args, &scan, lang)
}

fn parse_from<C: CommandFactory + FromArgMatches>(
    args: &[OsString],
    scan: &scan::Scan,
    lang: impl Fn() -> Lang,
) -> Result<C, Early> {
    if scan.help {
        return Err(Early {
            text: help::page(scan.command, lang()),
            to_stderr: false,
            code: 0,
        });
    }
    if scan.version {
        return Err(Early {
            text: format!("gongkai {}\n", env!("CARGO_PKG_VERSION")),
            to_stderr: false,
            code: 0,
        });
    }
    let usage_error = |e: clap::Error| {
        let text = match e.kind() {
            // `gongkai` alone: the overview, as a usage error.
            clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                help::page(scan.command, lang())
            }
            _ => errors::render(&e, scan.command, lang()),
        };
        Early {
            text,
            to_stderr: true,
            code: 2,
        }
    };
    let matches = C::command()
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .try_get_matches_from(args)
        .map_err(usage_error)?;
    C::from_arg_matches(&matches).map_err(usage_error)
}
