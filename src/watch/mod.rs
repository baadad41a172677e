//! `gongkai watch` and `gongkai serve`: rebuild on every change under
//! content/, themes/ and site.yaml, and (for serve) preview the output on
//! 127.0.0.1 with live reload and an error overlay.
//!
//! The loop: wait for a file event → keep collecting until the files have
//! been quiet for a moment (an editor's save is often write + rename +
//! delete) → rebuild incrementally → tell the caller and the open pages.

mod changes;
mod range;
mod server;
mod session;

pub use changes::{classify, Change};
pub use server::{LiveServer, ServeOptions};
pub use session::{Rebuilt, Scope, Session, Today};

use crate::diagnostics::BuildError;
use crate::pipeline::Options;
use notify::{RecursiveMode, Watcher};
use std::sync::mpsc;
use std::time::Duration;

/// How long the files must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(30);
/// A burst that never goes quiet still rebuilds after this many quiet periods.
const MAX_WAIT_ROUNDS: u32 = 30;
/// How often an idle session asks whether the day has changed (it then
/// rebuilds with nothing edited: what became due is published).
const DAY_CHECK: Duration = Duration::from_secs(30);

/// What the loop reports to its caller (main.rs prints it).
pub enum Event<'a> {
    /// The preview server listens at this address.
    Serving {
        /// `http://127.0.0.1:PORT/…`
        url: String,
    },
    /// Watching has begun (after the first build).
    Watching,
    /// A rebuild starts because these files changed (empty for the first).
    Rebuilding {
        /// Changed paths relative to the site root.
        changed: &'a [String],
    },
    /// A rebuild succeeded.
    Rebuilt(&'a Rebuilt),
    /// A rebuild failed; the output folder keeps the last good site.
    Failed(&'a BuildError),
}

/// Builds once, then rebuilds on every change until the watcher fails.
/// With `serve`, also serves the output folder with live reload. With
/// `today` (no `--as-of`), each rebuild is judged as of the day it gives,
/// and a change of day rebuilds by itself.
pub fn run(
    opts: Options,
    serve: Option<ServeOptions>,
    today: Option<Today>,
    on_event: &mut dyn FnMut(Event<'_>),
) -> anyhow::Result<()> {
    let root = std::fs::canonicalize(&opts.root)?;
    let mut session = match today {
        Some(today) => Session::following(opts, today),
        None => Session::new(opts),
    };
    // Refusals, a missing site.yaml and another process on the folder end
    // the command at once (exit 2), before anything is served.
    session.claim_output().map_err(|e| match e {
        BuildError::Io(e) => e,
        BuildError::Content(d) => anyhow::anyhow!(
            "{}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    })?;
    let opts = session.options().clone();
    std::fs::create_dir_all(&opts.output)?;
    let output = std::fs::canonicalize(&opts.output)?;
    let server = match serve {
        Some(s) => {
            let server = LiveServer::start(&s, &output, &crate::pipeline::load_config(&root).ok())?;
            on_event(Event::Serving { url: server.url() });
            Some(server)
        }
        None => None,
    };
    rebuild(
        &mut session,
        Scope::Everything,
        &[],
        server.as_ref(),
        on_event,
    );

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })?;
    // Watch the three inputs, not the whole root: the root of a repository
    // also holds target/ and .git/ with many thousands of folders.
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in ["content", "themes"] {
        if root.join(dir).is_dir() {
            watcher.watch(&root.join(dir), RecursiveMode::Recursive)?;
        }
    }
    on_event(Event::Watching);
    loop {
        let first = match rx.recv_timeout(DAY_CHECK) {
            Ok(event) => event,
            // A new day with nothing edited: rebuild as of it (the session
            // starts again from nothing when the day moves).
            Err(mpsc::RecvTimeoutError::Timeout) if session.day_moved().is_some() => {
                rebuild(&mut session, Scope::Content, &[], server.as_ref(), on_event);
                continue;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let mut change = Change::default();
        change.add_event(first, &root, &output);
        // Collect the rest of the burst.
        for _ in 0..MAX_WAIT_ROUNDS {
            match rx.recv_timeout(QUIET) {
                Ok(event) => change.add_event(event, &root, &output),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        if change.created_themes_dir {
            watcher.watch(&root.join("themes"), RecursiveMode::Recursive)?;
        }
        let Some(scope) = change.scope else {
            continue;
        };
        let paths: Vec<String> = change.paths.into_iter().collect();
        rebuild(&mut session, scope, &paths, server.as_ref(), on_event);
    }
}

fn rebuild(
    session: &mut Session,
    scope: Scope,
    changed: &[String],
    server: Option<&LiveServer>,
    on_event: &mut dyn FnMut(Event<'_>),
) {
    on_event(Event::Rebuilding { changed });
    // A bug that panics on some content must not end the editor's session:
    // report it like a failed build and start the next one from nothing.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        session.rebuild(scope, changed)
    }))
    .unwrap_or_else(|panic| {
        *session = session.restarted();
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(BuildError::Io(anyhow::anyhow!(
            "内部错误（请报告此问题）：{why}；下次保存时将完整重新生成"
        )))
    });
    match result {
        Ok(rebuilt) => {
            if let Some(s) = server {
                s.built(&rebuilt.write.written, &rebuilt.write.deleted);
            }
            on_event(Event::Rebuilt(&rebuilt));
        }
        Err(e) => {
            if let Some(s) = server {
                s.failed(&e);
            }
            on_event(Event::Failed(&e));
        }
    }
}
