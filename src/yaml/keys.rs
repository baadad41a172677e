//! Where each key of a YAML text stands (file line and column), found by
//! reading its lines, so that messages point editors at the exact line; the
//! parsed mapping itself carries no positions.

use std::collections::BTreeMap;

/// Dotted key path (`validity.expires`, `attachments[0].file`) → (line, column), 1-based file positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyLocator {
    positions: BTreeMap<String, (u32, u32)>,
    /// Keys written twice at the same place: (path, first line, second line).
    pub duplicates: Vec<(String, u32, u32)>,
    /// Line of the opening `---`, used when a key is missing altogether.
    pub start_line: u32,
}

impl KeyLocator {
    /// The position of `path`, or of its nearest written parent.
    pub fn find(&self, path: &str) -> (u32, u32) {
        let mut p = path;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return (self.start_line, 1),
            }
        }
    }

    /// The line of `path` (or its parent).
    pub fn line(&self, path: &str) -> u32 {
        self.find(path).0
    }

    /// The key path written on file line `line`, if a key starts there.
    pub fn path_at(&self, line: u32) -> Option<&str> {
        self.positions
            .iter()
            .filter(|(_, (l, _))| *l == line)
            .max_by_key(|(path, _)| path.len())
            .map(|(path, _)| path.as_str())
    }

    /// Whether this exact key path is written.
    pub fn has(&self, path: &str) -> bool {
        self.positions.contains_key(path)
    }
}

/// Scans block-style YAML for `key:` and `- ` items, recording their file
/// positions. `first_line` is the file line of the YAML's first line. This is
/// a locator, not a parser: serde_yaml decides what the YAML means.
pub(super) fn locate_keys(yaml: &str, first_line: u32) -> KeyLocator {
    let mut loc = KeyLocator {
        start_line: first_line.saturating_sub(1).max(1),
        ..KeyLocator::default()
    };
    // (indent, segment, is_list_item, next child index)
    let mut stack: Vec<(usize, String, bool)> = Vec::new();
    let mut list_counters: BTreeMap<String, usize> = BTreeMap::new();
    for (i, line) in yaml.lines().enumerate() {
        let file_line = first_line + i as u32;
        let indent = line.len() - line.trim_start_matches(' ').len();
        let mut rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let mut col = indent;
        if let Some(after_dash) = rest
            .strip_prefix("- ")
            .or_else(|| (rest == "-").then_some(""))
        {
            while stack
                .last()
                .is_some_and(|(ind, _, is_item)| *ind > indent || (*ind == indent && *is_item))
            {
                stack.pop();
            }
            let parent = join(&stack);
            let counter = list_counters.entry(parent.clone()).or_insert(0);
            let item = format!("[{counter}]");
            *counter += 1;
            stack.push((indent, item, true));
            let path = join(&stack);
            loc.positions
                .entry(path)
                .or_insert((file_line, indent as u32 + 1));
            col = indent + 2;
            rest = after_dash;
            if rest.is_empty() {
                continue;
            }
        }
        let Some(key) = key_of(rest) else { continue };
        while stack.last().is_some_and(|(ind, _, _)| *ind >= col) {
            stack.pop();
        }
        stack.push((col, key.to_string(), false));
        let path = join(&stack);
        list_counters.remove(&path);
        let pos = (file_line, col as u32 + 1);
        if let Some(first) = loc.positions.get(&path) {
            loc.duplicates.push((path, first.0, file_line));
        } else {
            loc.positions.insert(path, pos);
        }
    }
    loc
}

fn key_of(rest: &str) -> Option<&str> {
    let end = rest.find(':')?;
    let key = rest[..end].trim_end();
    let after = &rest[end + 1..];
    let valid = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && (after.is_empty() || after.starts_with(' '));
    valid.then_some(key)
}

fn join(stack: &[(usize, String, bool)]) -> String {
    let mut path = String::new();
    for (_, seg, is_item) in stack {
        if !*is_item && !path.is_empty() {
            path.push('.');
        }
        path.push_str(seg);
    }
    path
}
