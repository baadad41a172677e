//! Which file events matter, and how much they can change.

use super::Scope;
use crate::config::CONFIG_FILE;
use crate::load::is_ignored;
use crate::load::relative_slash_path;
use notify::EventKind;
use std::collections::BTreeSet;
use std::path::Path;

/// The changes collected from one burst of file events.
#[derive(Debug, Default)]
pub struct Change {
    /// The widest scope of any relevant event; `None` when nothing relevant.
    pub scope: Option<Scope>,
    /// Relevant paths, relative to the site root.
    pub paths: BTreeSet<String>,
    /// themes/ appeared and must be watched from now on.
    pub created_themes_dir: bool,
}

impl Change {
    /// Folds one watcher event in.
    pub fn add_event(
        &mut self,
        event: Result<notify::Event, notify::Error>,
        root: &Path,
        output: &Path,
    ) {
        let event = match event {
            Ok(e) => e,
            Err(_) => {
                // The watcher lost track (e.g. its queue overflowed): rebuild all.
                self.widen(Scope::Everything);
                return;
            }
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            if path == &root.join("themes") && matches!(event.kind, EventKind::Create(_)) {
                self.created_themes_dir = true;
            }
            if let Some(scope) = classify(root, output, path) {
                self.widen(scope);
                self.paths.insert(relative_slash_path(root, path));
            }
        }
    }

    fn widen(&mut self, scope: Scope) {
        self.scope = Some(self.scope.map_or(scope, |s| s.max(scope)));
    }
}

/// What a changed path means for the site, or `None` when it is not an
/// input: the output folder, `.git/`, editor swap and backup files.
pub fn classify(root: &Path, output: &Path, path: &Path) -> Option<Scope> {
    if path.starts_with(output) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let name = path.file_name()?.to_string_lossy();
    if rel.components().any(|c| {
        let part = c.as_os_str().to_string_lossy();
        is_ignored(&part) || is_editor_scratch(&part)
    }) {
        return None;
    }
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    match parts.next()?.as_ref() {
        top if top == CONFIG_FILE && rel.components().count() == 1 => Some(Scope::Everything),
        "themes" => Some(Scope::Everything),
        "content" if crate::load::markdown_stem(&name).is_some() => Some(Scope::Content),
        // an attachment, or a folder renamed or deleted as a whole
        "content" => Some(Scope::Assets),
        _ => None,
    }
}

/// Files editors create while saving that never hold content.
fn is_editor_scratch(name: &str) -> bool {
    name == "4913" // vim's write test
        || name.starts_with(".#") // emacs lock
        || name.starts_with("~$") // office lock
        || name.ends_with(".kate-swp")
        || name.ends_with(".gongkai-tmp")
        || name.contains("___jb_") // JetBrains safe write
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_told_apart_from_noise() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        let scope = |p: &str| classify(root, out, Path::new(p));
        assert_eq!(scope("/site/content/xxgk/a.md"), Some(Scope::Content));
        // every Markdown ending the load stage reads is content
        assert_eq!(scope("/site/content/xxgk/a.MD"), Some(Scope::Content));
        assert_eq!(scope("/site/content/xxgk/a.markdown"), Some(Scope::Content));
        assert_eq!(scope("/site/content/xxgk/a.pdf"), Some(Scope::Assets));
        assert_eq!(scope("/site/content/xxgk"), Some(Scope::Assets));
        assert_eq!(scope("/site/site.yaml"), Some(Scope::Everything));
        assert_eq!(
            scope("/site/themes/t/templates/base.html"),
            Some(Scope::Everything)
        );
        for noise in [
            "/site/public/index.html",
            "/site/.git/index",
            "/site/content/xxgk/.a.md.swp",
            "/site/content/xxgk/a.md~",
            "/site/content/xxgk/4913",
            "/site/content/xxgk/.#a.md",
            "/site/content/xxgk/a.md___jb_tmp___",
            "/site/target/debug/x",
            "/site/README.md",
            "/site/content/.hidden/a.md",
        ] {
            assert_eq!(scope(noise), None, "{noise}");
        }
    }

    #[test]
    fn a_burst_takes_its_widest_scope() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        let mut change = Change::default();
        let event = |p: &str| {
            Ok(
                notify::Event::new(EventKind::Modify(notify::event::ModifyKind::Any))
                    .add_path(p.into()),
            )
        };
        change.add_event(event("/site/content/a.md"), root, out);
        assert_eq!(change.scope, Some(Scope::Content));
        change.add_event(event("/site/public/a/index.html"), root, out);
        change.add_event(event("/site/site.yaml"), root, out);
        assert_eq!(change.scope, Some(Scope::Everything));
        assert_eq!(
            change.paths.into_iter().collect::<Vec<_>>(),
            ["content/a.md", "site.yaml"]
        );
    }
}
