//! Problems found in an editor's content, in a form the editor can act on.
//!
//! Every diagnostic names the file, the line (and column where known), the
//! field with its Chinese label, what was found and what was expected. Codes
//! are stable so documentation and tests can cite them.

use serde::Serialize;
use std::fmt;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Published anyway; `check --strict` turns it into an error.
    Warning,
}

/// One problem, tied to a place in the content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code such as `FM003`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// Path relative to the site root, `/`-separated (e.g. `content/xxgk/a.md`).
    pub file: String,
    /// 1-based line, when the problem has a place.
    pub line: Option<u32>,
    /// 1-based column in characters, when known.
    pub column: Option<u32>,
    /// The front-matter or config key, e.g. `validity.expires`.
    pub field: Option<String>,
    /// What is wrong, in Chinese.
    pub message: String,
    /// What would be right, with an example.
    pub expected: Option<String>,
    /// A suggestion (did-you-mean, how to fix).
    pub hint: Option<String>,
    /// For a problem that only follows from another (a reference to a file
    /// that itself failed), that problem's `file:line:col`: such problems
    /// are listed after every other, so the cause is read first.
    pub caused_by: Option<String>,
}

impl Diagnostic {
    /// An error in `file` with `code` and `message`; add the rest with the builder methods.
    pub fn error(code: &'static str, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, message)
    }

    /// A warning in `file`.
    pub fn warning(
        code: &'static str,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, file, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        file: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            expected: None,
            hint: None,
            caused_by: None,
        }
    }

    /// Sets the line (1-based).
    pub fn at_line(mut self, line: Option<u32>) -> Self {
        self.line = line;
        self
    }

    /// Sets line and column (1-based).
    pub fn at(mut self, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Sets a `(line, column)` pair, as `KeyLocator::find` returns it.
    pub fn at_pos(self, (line, column): (u32, u32)) -> Self {
        self.at(line, column)
    }

    /// Names the field the problem is in.
    pub fn field(mut self, key: impl Into<String>) -> Self {
        self.field = Some(key.into());
        self
    }

    /// What a correct value looks like.
    pub fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(text.into());
        self
    }

    /// A suggestion for the fix.
    pub fn hint(mut self, text: impl Into<String>) -> Self {
        self.hint = Some(text.into());
        self
    }

    /// Marks the problem as following from the one at `location`.
    pub fn caused_by(mut self, location: impl Into<String>) -> Self {
        self.caused_by = Some(location.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` as editors and terminals understand it.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }

    /// The field key and its Chinese label (`validity.expires（有效期至）`),
    /// the label set off as `frame` sets it. The label is that of the
    /// file's own kind of keys (`year` in an annual report is 报告年度, in a
    /// document's `gazette:` 年份).
    fn field_framed(&self, frame: &Frame) -> Option<String> {
        let key = self.field.as_deref()?;
        Some(match crate::field_names::label_in_file(&self.file, key) {
            Some(label) => format!("{key}{}{label}{}", frame.label.0, frame.label.1),
            None => key.to_string(),
        })
    }

    /// A GitHub Actions annotation line.
    pub fn to_github(&self) -> String {
        self.to_github_in(&Frame::ZH)
    }

    /// A GitHub Actions annotation line, its text framed in `frame`'s words.
    pub fn to_github_in(&self, frame: &Frame) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", escape_github_property(&self.file));
        if let Some(line) = self.line {
            props.push_str(&format!(",line={line}"));
        }
        if let Some(col) = self.column {
            props.push_str(&format!(",col={col}"));
        }
        props.push_str(&format!(",title={}", self.code));
        let text = self.body_text(frame);
        format!("::{kind} {props}::{}", escape_github_data(&text))
    }

    /// `错误[FM003] content/a.md:5:10  字段 …：message` plus indented
    /// expectation and hint, in `frame`'s words (the message, expectation
    /// and hint themselves are always Chinese: see [`Frame`]).
    pub fn text_in(&self, frame: &Frame) -> String {
        let kind = match self.severity {
            Severity::Error => frame.error,
            Severity::Warning => frame.warning,
        };
        format!(
            "{kind}[{}] {}  {}",
            self.code,
            self.location(),
            self.body_text(frame)
        )
    }

    /// Message, expectation and hint on one logical block (no location).
    fn body_text(&self, frame: &Frame) -> String {
        let mut text = String::new();
        if let Some(field) = self.field_framed(frame) {
            text.push_str(&format!("{}{field}{}", frame.field, frame.colon));
        }
        text.push_str(&self.message);
        if let Some(expected) = &self.expected {
            text.push_str(&format!("\n  {}{expected}", frame.expected));
        }
        if let Some(hint) = &self.hint {
            text.push_str(&format!("\n  {}{hint}", frame.hint));
        }
        text
    }
}

/// The words a diagnostic's text is framed in: the severity, the field's
/// lead-in and the headings of the expectation and the hint. The command
/// line speaks Chinese or English; what a diagnostic says stays Chinese in
/// both, because it quotes the Chinese labels of the front-matter contract
/// for the office's editors, so only these words follow the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// Before an error's code.
    pub error: &'static str,
    /// Before a warning's code.
    pub warning: &'static str,
    /// Before the field key.
    pub field: &'static str,
    /// Around the field's Chinese label.
    pub label: (&'static str, &'static str),
    /// After the field, before the message.
    pub colon: &'static str,
    /// Before what would be right.
    pub expected: &'static str,
    /// Before the hint.
    pub hint: &'static str,
}

impl Frame {
    /// `错误[FM003] …  字段 published（发布日期）：…`, `应为：`, `提示：`.
    pub const ZH: Frame = Frame {
        error: "错误",
        warning: "警告",
        field: "字段 ",
        label: ("（", "）"),
        colon: "：",
        expected: "应为：",
        hint: "提示：",
    };

    /// `error[FM003] …  field published (发布日期): …`, `expected: `, `hint: `.
    pub const EN: Frame = Frame {
        error: "error",
        warning: "warning",
        field: "field ",
        label: (" (", ")"),
        colon: ": ",
        expected: "expected: ",
        hint: "hint: ",
    };
}

impl fmt::Display for Diagnostic {
    /// [`Diagnostic::text_in`] Chinese.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text_in(&Frame::ZH))
    }
}

fn escape_github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_github_property(s: &str) -> String {
    escape_github_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// Sorts diagnostics by file, line, column, then code, so output is stable;
/// the problems that follow from others (`caused_by`) come after all the
/// rest, in the same order among themselves, so that every output (text,
/// JSON, annotations, the preview's overlay) names a cause first.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (
            a.caused_by.is_some(),
            &a.file,
            a.line,
            a.column,
            a.code,
            &a.message,
        )
            .cmp(&(
                b.caused_by.is_some(),
                &b.file,
                b.line,
                b.column,
                b.code,
                &b.message,
            ))
    });
}

/// The closest candidate to `found` by edit distance, if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (found.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(found, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// The published 文号 that `found` (a reference that names no document)
/// is a typo of, if one is: compared after normalising (brackets
/// `[]【】（）` to 〔〕, full-width digits to ASCII), it is at most two
/// edits away and the edits are under a third of its characters; and each
/// number in it differs from the suggestion's by a slip at most (one digit
/// wrong, missed or doubled, or two swapped: 119号 for 118号, 12号 for
/// 21号), never replaced whole (8号 for 3号, 12号 for 3号):
/// 苏府〔2024〕3号 and 苏府〔2024〕8号 are two documents of the same agency
/// and year, and suggesting one for the other would send the editor to the
/// wrong file.
pub fn did_you_mean_number<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let found = crate::util::identity::identity_key(found);
    let length = found.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let normal = crate::util::identity::identity_key(c);
            let d = edit_distance(&found, &normal);
            (d <= 2 && 3 * d < length && numbers_slipped(&found, &normal)).then_some((d, c))
        })
        .min()
        .map(|(_, c)| c)
}

/// Whether every run of digits in `a` that differs from its counterpart in
/// `b` differs by a slip: one digit wrong, missed or doubled in a number of
/// two or more digits, or two digits swapped. A different count of numbers
/// is no slip.
fn numbers_slipped(a: &str, b: &str) -> bool {
    let runs = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_digit())
            .filter(|run| !run.is_empty())
            .map(String::from)
            .collect()
    };
    let sorted = |s: &str| {
        let mut digits: Vec<char> = s.chars().collect();
        digits.sort_unstable();
        digits
    };
    let (a, b) = (runs(a), runs(b));
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            let d = edit_distance(x, y);
            d == 0 || (d == 1 && x.len().max(y.len()) > 1) || (d == 2 && sorted(x) == sorted(y))
        })
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Why a build or check did not succeed.
#[derive(Debug)]
pub enum BuildError {
    /// The content has errors (all of them, sorted), plus any warnings.
    Content(Vec<Diagnostic>),
    /// Reading, rendering or writing failed.
    Io(anyhow::Error),
}

impl From<anyhow::Error> for BuildError {
    /// IO, except a template that failed while rendering: a theme problem,
    /// reported like content (exit 1).
    fn from(e: anyhow::Error) -> Self {
        match e.downcast::<TemplateFailure>() {
            Ok(failure) => BuildError::Content(vec![failure.0]),
            Err(e) => BuildError::Io(e),
        }
    }
}

/// A template that failed while rendering, carried through `anyhow` to
/// `BuildError`, which makes it a content-class error (exit 1).
#[derive(Debug)]
pub struct TemplateFailure(pub Diagnostic);

impl std::fmt::Display for TemplateFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for TemplateFailure {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_location_field_and_expectation() {
        let d = Diagnostic::error("FM003", "content/a.md", "\"2024-02-30\" 不是有效日期")
            .at(5, 10)
            .field("validity.expires")
            .expected("YYYY-MM-DD，例如 2025-06-30");
        assert_eq!(
            d.to_string(),
            "错误[FM003] content/a.md:5:10  字段 validity.expires（有效期至）：\"2024-02-30\" 不是有效日期\n  应为：YYYY-MM-DD，例如 2025-06-30"
        );
    }

    #[test]
    fn github_annotation_escapes_newlines_and_commas() {
        let d = Diagnostic::warning("FM010", "content/a,b.md", "第一行\n第二行").at(3, 1);
        assert_eq!(
            d.to_github(),
            "::warning file=content/a%2Cb.md,line=3,col=1,title=FM010::第一行%0A第二行"
        );
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["agency", "category", "published"];
        assert_eq!(did_you_mean("agnecy", keys), Some("agency"));
        assert_eq!(did_you_mean("publish", keys), Some("published"));
        assert_eq!(did_you_mean("zzzzzz", keys), None);
    }

    #[test]
    fn a_doc_number_is_suggested_for_a_slip_and_never_for_another_document() {
        let numbers = ["苏府〔2024〕118号", "苏府〔2024〕3号", "苏府〔2023〕21号"];
        let suggest = |found: &str| did_you_mean_number(found, numbers);
        // one digit slipped, missed or doubled; a transposition; the year
        assert_eq!(suggest("苏府〔2024〕119号"), Some("苏府〔2024〕118号"));
        assert_eq!(suggest("苏府〔2024〕18号"), Some("苏府〔2024〕118号"));
        assert_eq!(suggest("苏府〔2024〕33号"), Some("苏府〔2024〕3号"));
        assert_eq!(suggest("苏府〔2023〕12号"), Some("苏府〔2023〕21号"));
        assert_eq!(suggest("苏府〔2042〕3号"), Some("苏府〔2024〕3号"));
        // written with other brackets and full-width digits, one digit off
        assert_eq!(suggest("苏府[２０２４]119号"), Some("苏府〔2024〕118号"));
        assert_eq!(suggest("苏府【2024】119号"), Some("苏府〔2024〕118号"));
        // another document of the same agency and year: the 序号 replaced whole
        assert_eq!(suggest("苏府〔2024〕8号"), None);
        assert_eq!(suggest("苏府〔2024〕12号"), None);
        assert_eq!(suggest("苏府〔2024〕99号"), None);
        // two slips in different places are still a typo, three are not
        assert_eq!(suggest("苏财〔2024〕117号"), Some("苏府〔2024〕118号"));
        assert_eq!(suggest("苏财〔2023〕117号"), None);
        // more than a third of a short text
        assert_eq!(did_you_mean_number("府发", ["府办"]), None);
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut d = vec![
            Diagnostic::error("FM001", "b.md", "x").at(1, 1),
            Diagnostic::error("FM002", "a.md", "x").at(9, 1),
            Diagnostic::error("FM003", "a.md", "x").at(2, 1),
        ];
        sort(&mut d);
        let order: Vec<_> = d.iter().map(|d| d.code).collect();
        assert_eq!(order, ["FM003", "FM002", "FM001"]);
    }

    #[test]
    fn follow_on_problems_come_after_their_causes() {
        let mut d = vec![
            Diagnostic::error("XR012", "a.md", "x")
                .at(3, 1)
                .caused_by("b.md:5:1"),
            Diagnostic::error("FM013", "b.md", "x").at(5, 1),
            Diagnostic::error("FM001", "c.md", "x").at(1, 1),
        ];
        sort(&mut d);
        let order: Vec<_> = d.iter().map(|d| d.code).collect();
        assert_eq!(order, ["FM013", "FM001", "XR012"]);
    }
}
