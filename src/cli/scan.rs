//! A first look at the raw arguments, before clap: the site root (the
//! language may come from its site.yaml), the command, and whether help or
//! the version was asked for. gongkai answers those itself so that no text
//! of clap's own reaches the user.

use std::ffi::OsString;
use std::path::PathBuf;

/// The commands, in the order help lists them.
pub(crate) const COMMANDS: &[&str] = &["build", "watch", "serve", "check", "init", "new"];

/// Options that take a value in the next argument (unless written `--x=v`).
const TAKES_VALUE: &[&str] = &[
    "--root",
    "--as-of",
    "--output",
    "-o",
    "--port",
    "-p",
    "--format",
    "--expiring-within",
    "--agency",
];

/// What the arguments ask for at a glance.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    /// `--root`'s value (the last one given), else the current folder.
    pub(crate) root: PathBuf,
    /// The first plain argument when it names a command.
    pub(crate) command: Option<&'static str>,
    /// `-h`, `--help`, or `help [command]`.
    pub(crate) help: bool,
    /// `-V`, `--version`.
    pub(crate) version: bool,
}

/// Looks through `args` (without the program name) up to a `--`.
pub(crate) fn scan(args: &[OsString]) -> Scan {
    let mut out = Scan {
        root: PathBuf::from("."),
        ..Scan::default()
    };
    let mut first_plain = true;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        match text.as_ref() {
            "--" => break,
            "-h" | "--help" => out.help = true,
            "-V" | "--version" => out.version = true,
            "--root" => {
                if let Some(value) = iter.next() {
                    out.root = PathBuf::from(value);
                }
            }
            t if t.starts_with("--root=") => out.root = PathBuf::from(&t["--root=".len()..]),
            t if TAKES_VALUE.contains(&t) => {
                iter.next();
            }
            t if t.starts_with('-') => {}
            t => {
                if first_plain {
                    if t == "help" {
                        // `gongkai help [command]`
                        out.help = true;
                    } else {
                        out.command = COMMANDS.iter().copied().find(|c| *c == t);
                    }
                } else if out.help && out.command.is_none() {
                    out.command = COMMANDS.iter().copied().find(|c| *c == t);
                }
                first_plain = false;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_of(args: &[&str]) -> Scan {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        scan(&args)
    }

    #[test]
    fn finds_the_root_the_command_and_help() {
        let s = scan_of(&[
            "--root",
            "site",
            "--as-of",
            "2024-01-01",
            "check",
            "--strict",
        ]);
        assert_eq!(s.root, PathBuf::from("site"));
        assert_eq!(s.command, Some("check"));
        assert!(!s.help && !s.version);

        let s = scan_of(&["--root=/srv/x", "build", "-o", "help", "--help"]);
        assert_eq!(s.root, PathBuf::from("/srv/x"));
        assert_eq!(s.command, Some("build"), "-o's value is not a command");
        assert!(s.help);

        let s = scan_of(&["help", "new"]);
        assert!(s.help);
        assert_eq!(s.command, Some("new"));

        let s = scan_of(&["new", "help"]);
        assert!(!s.help, "a file named help is not a request for help");

        let s = scan_of(&["publish", "--", "--help"]);
        assert_eq!(s.command, None);
        assert!(!s.help, "nothing after -- is an option");
        assert_eq!(scan_of(&[]).root, PathBuf::from("."));
        assert!(scan_of(&["-V"]).version);
    }
}
