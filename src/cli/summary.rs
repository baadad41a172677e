//! What main.rs says about a run, in the command line's language: the
//! progress lines, the summary lines of build, check, watch, init and new,
//! and the review and timetable lists of check. The library hands over
//! plain data (counts, steps, lists); the words are the command line's, so
//! they are here, in both languages side by side. What the content's
//! diagnostics say is the library's and stays Chinese (see lang.rs).

use super::lang::Lang;
use gongkai::index::review::{EndsBy, Expiring};
use gongkai::index::schedule::{Scheduled, ScheduledKind};
use gongkai::Step;
use jiff::civil::Date;
use std::path::Path;

/// `n` with the English noun in the singular or plural.
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `… 解析 120 个文件…（1.2 秒）`: a long stage starting, `seconds` into
/// the run.
pub(crate) fn progress(step: Step, seconds: f32, lang: Lang) -> String {
    let what = match (lang, step) {
        (Lang::Zh, Step::Parsing { files }) => format!("解析 {files} 个文件…"),
        (Lang::Zh, Step::Indexing) => "建立索引…".to_string(),
        (Lang::Zh, Step::Rendering { documents }) => format!("生成 {documents} 份文件的页面…"),
        (Lang::Zh, Step::Writing { files }) => format!("更新 {files} 个文件…"),
        (Lang::En, Step::Parsing { files }) => {
            format!("parsing {}…", count(files, "file", "files"))
        }
        (Lang::En, Step::Indexing) => "indexing…".to_string(),
        (Lang::En, Step::Rendering { documents }) => format!(
            "rendering the pages of {}…",
            count(documents, "document", "documents")
        ),
        (Lang::En, Step::Writing { files }) => {
            format!("updating {}…", count(files, "file", "files"))
        }
    };
    match lang {
        Lang::Zh => format!("… {what}（{seconds:.1} 秒）"),
        Lang::En => format!("… {what} ({seconds:.1} s)"),
    }
}

/// The output folder as an editor finds it: as given, or relative to the
/// current folder when it is inside it (`public/`, `../site-out/`,
/// `/srv/www/`), with a closing `/` that marks it as a folder.
pub(crate) fn folder(path: &Path) -> String {
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

/// After the count of published documents: the drafts held back, so an
/// editor who forgot a `draft: true` sees it.
fn drafts_note(drafts: usize, lang: Lang) -> String {
    match (drafts, lang) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!("（另有 {n} 份草稿未发布）"),
        (n, Lang::En) => format!(" (and {} held back)", count(n, "draft", "drafts")),
    }
}

/// What a successful build did.
pub(crate) struct Built<'a> {
    pub(crate) output: &'a Path,
    pub(crate) report: &'a gongkai::BuildReport,
    pub(crate) seconds: f64,
    pub(crate) as_of: Date,
}

/// `已生成 public/：12 份文件，…（效力判断日期 2025-01-01）`.
pub(crate) fn built(b: &Built<'_>, lang: Lang) -> String {
    let r = b.report;
    let (out, mb, drafts) = (
        folder(b.output),
        r.bytes as f64 / 1_048_576.0,
        drafts_note(r.drafts, lang),
    );
    match lang {
        Lang::Zh => format!(
            "已生成 {out}：{} 份文件{drafts}，{} 个输出文件（写入 {} 个，删除 {} 个，其余未变），{mb:.1} MB，用时 {:.2} 秒（效力判断日期 {}）",
            r.documents, r.files, r.written, r.deleted, b.seconds, b.as_of
        ),
        Lang::En => format!(
            "Built {out}: {}{drafts}, {} ({} written, {} deleted, the rest unchanged), {mb:.1} MB in {:.2} s (validity as of {})",
            count(r.documents, "document", "documents"),
            count(r.files, "output file", "output files"),
            r.written,
            r.deleted,
            b.seconds,
            b.as_of
        ),
    }
}

/// A note on files in the output folder that gongkai did not make.
pub(crate) fn foreign(output: &Path, foreign: &[String], lang: Lang) -> Option<String> {
    if foreign.is_empty() {
        return None;
    }
    let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    let more = foreign.len() > shown.len();
    let out = folder(output);
    Some(match lang {
        Lang::Zh => format!(
            "注意：{out} 中有 {} 个文件不是 gongkai 生成的，已原样保留（gongkai 不删除它们）：{}{}",
            foreign.len(),
            shown.join("、"),
            if more { " 等" } else { "" }
        ),
        Lang::En => format!(
            "note: {out} holds {} that gongkai did not make, left as they are (gongkai never deletes them): {}{}",
            count(foreign.len(), "file", "files"),
            shown.join(", "),
            if more { ", …" } else { "" }
        ),
    })
}

/// The command whose run content errors ended, for the summary line: each
/// says what did not happen (check never builds, so it does not say so).
#[derive(Clone, Copy)]
pub(crate) enum Failed<'a> {
    Check,
    /// Building into this output folder.
    Build(&'a Path),
    New,
}

impl Failed<'_> {
    /// `发现 3 个错误，未生成网站（public/ 保持上次的内容）`.
    pub(crate) fn summary(self, errors: usize, lang: Lang) -> String {
        let found = match lang {
            Lang::Zh => format!("发现 {errors} 个错误"),
            Lang::En => format!("{} found", count(errors, "error", "errors")),
        };
        match (self, lang) {
            (Failed::Check, Lang::Zh) => format!("{found}，检查未通过"),
            (Failed::Check, Lang::En) => format!("{found}, check failed"),
            (Failed::Build(out), Lang::Zh) => {
                format!("{found}，未生成网站（{} 保持上次的内容）", folder(out))
            }
            (Failed::Build(out), Lang::En) => format!(
                "{found}, site not built ({} keeps its previous content)",
                folder(out)
            ),
            (Failed::New, Lang::Zh) => format!("{found}，未创建文件"),
            (Failed::New, Lang::En) => format!("{found}, no file created"),
        }
    }
}

/// The head of an error that is no content's: `错误：` / `error: `.
pub(crate) fn error_prefix(lang: Lang) -> &'static str {
    lang.pick("错误：", "error: ")
}

/// `check --strict` failed on warnings.
pub(crate) fn strict_failed(warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("检查未通过（--strict）：{warnings} 个警告"),
        Lang::En => format!(
            "check failed (--strict): {}",
            count(warnings, "warning", "warnings")
        ),
    }
}

/// `检查通过：12 份公开文件，0 个警告`.
pub(crate) fn check_passed(documents: usize, drafts: usize, warnings: usize, lang: Lang) -> String {
    let drafts = drafts_note(drafts, lang);
    match lang {
        Lang::Zh => format!("检查通过：{documents} 份公开文件{drafts}，{warnings} 个警告"),
        Lang::En => format!(
            "Check passed: {}{drafts}, {}",
            count(documents, "published document", "published documents"),
            count(warnings, "warning", "warnings")
        ),
    }
}

/// `init`'s two lines: what was made and the next step.
pub(crate) fn initialised(dir: &Path, files: usize, lang: Lang) -> [String; 2] {
    let dir = dir.display();
    match lang {
        Lang::Zh => [
            format!("已在 {dir} 创建新网站（{files} 个文件）。下一步：cd {dir} && gongkai serve（预览）"),
            "（gongkai 还不在 PATH 上时：在 gongkai 的源码目录运行 cargo install --locked --path . 安装）".to_string(),
        ],
        Lang::En => [
            format!("Created a new site in {dir} ({}). Next: cd {dir} && gongkai serve (preview)", count(files, "file", "files")),
            "(If gongkai is not on your PATH yet: run cargo install --locked --path . in gongkai's source folder.)".to_string(),
        ],
    }
}

/// What `new` made, for its line.
pub(crate) enum Created<'a> {
    Report,
    Page,
    GazetteIssue { year: i32, issue: u32 },
    Document { index_number: Option<&'a str> },
}

/// `已创建 content/xxgk/2025/a.md（索引号 …）。填写后删除 draft: true 即可发布。`
pub(crate) fn created(file: &str, what: &Created<'_>, lang: Lang) -> String {
    let publish = lang.pick(
        "填写后删除 draft: true 即可发布。",
        "Fill it in and delete draft: true to publish it.",
    );
    match (what, lang) {
        (Created::Report, Lang::Zh) => format!("已创建年度报告 {file}。{publish}"),
        (Created::Report, Lang::En) => format!("Created annual report {file}. {publish}"),
        (Created::Page, Lang::Zh) => format!("已创建栏目页面 {file}。{publish}"),
        (Created::Page, Lang::En) => format!("Created column page {file}. {publish}"),
        (Created::GazetteIssue { year, issue }, Lang::Zh) => format!(
            "已创建 {file}（公报 {year}年第{issue}期）。核对出版日期和总期号；生成网站时发布。"
        ),
        (Created::GazetteIssue { year, issue }, Lang::En) => format!(
            "Created {file} (gazette {year}, issue {issue}). Check its publication date and running number; the next build publishes it."
        ),
        (Created::Document { index_number: Some(n) }, Lang::Zh) => {
            format!("已创建 {file}（索引号 {n}）。{publish}")
        }
        (Created::Document { index_number: Some(n) }, Lang::En) => {
            format!("Created {file} (index number {n}). {publish}")
        }
        (Created::Document { index_number: None }, Lang::Zh) => {
            format!("已创建 {file}。{publish}")
        }
        (Created::Document { index_number: None }, Lang::En) => {
            format!("Created {file}. {publish}")
        }
    }
}

/// Watch mode's lines.
pub(crate) mod watch {
    use super::{count, folder, Lang};
    use std::path::Path;

    /// `预览地址：http://127.0.0.1:8000/（Ctrl+C 退出）`.
    pub(crate) fn serving(url: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("预览地址：{url}（Ctrl+C 退出）"),
            Lang::En => format!("Preview at {url} (Ctrl+C to quit)"),
        }
    }

    /// The line once watching has begun.
    pub(crate) fn watching(lang: Lang) -> &'static str {
        lang.pick(
            "正在监视 content/、themes/ 和 site.yaml 的变化…",
            "Watching content/, themes/ and site.yaml for changes…",
        )
    }

    /// `12:00:01 content/a.md：写入 3 个文件，…，用时 40 ms`.
    pub(crate) fn rebuilt(
        clock: &str,
        r: &gongkai::watch::Rebuilt,
        ms: u128,
        lang: Lang,
    ) -> String {
        let (written, deleted) = (r.write.written.len(), r.write.deleted.len());
        let changed = match (r.changed.as_slice(), r.day_changed) {
            ([], Some(day)) => match lang {
                Lang::Zh => format!("日期变为 {day}"),
                Lang::En => format!("the date is now {day}"),
            },
            (files, _) => changed(files, lang),
        };
        match lang {
            Lang::Zh => format!(
                "{clock} {changed}：写入 {written} 个文件，删除 {deleted} 个，解析 {} 个，共 {} 份文件，用时 {ms} ms",
                r.parsed, r.documents
            ),
            Lang::En => format!(
                "{clock} {changed}: {} written, {deleted} deleted, {} parsed, {}, {ms} ms",
                count(written, "file", "files"),
                r.parsed,
                count(r.documents, "document", "documents")
            ),
        }
    }

    fn changed(files: &[String], lang: Lang) -> String {
        match (files, lang) {
            ([], _) => lang.pick("首次生成", "first build").to_string(),
            ([one], _) => one.clone(),
            ([first, rest @ ..], Lang::Zh) => format!("{first} 等 {} 个文件", rest.len() + 1),
            ([first, rest @ ..], Lang::En) => {
                format!("{first} and {} more", rest.len())
            }
        }
    }

    /// A rebuild that failed: the last good site stays in `output`.
    pub(crate) fn failed(
        clock: &str,
        errors: usize,
        ms: u128,
        output: &Path,
        lang: Lang,
    ) -> String {
        let out = folder(output);
        match lang {
            Lang::Zh => {
                format!("{clock} 生成失败：{errors} 个错误，用时 {ms} ms；{out} 保持上次成功的网站")
            }
            Lang::En => format!(
                "{clock} build failed: {} in {ms} ms; {out} keeps the last good site",
                count(errors, "error", "errors")
            ),
        }
    }
}

/// The review list of `check --expiring-within` as text lines.
pub(crate) fn expiring(list: &[Expiring], as_of: Date, days: i32, lang: Lang) -> Vec<String> {
    let until = as_of
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(Date::MAX);
    if list.is_empty() {
        return vec![match lang {
            Lang::Zh => format!("{as_of} 起 {days} 天内（至 {until}）没有效力将要结束的文件"),
            Lang::En => format!(
                "No document stops being in force within {days} days of {as_of} (until {until})"
            ),
        }];
    }
    let mut lines = vec![match lang {
        Lang::Zh => format!(
            "{as_of} 起 {days} 天内（至 {until}）效力将要结束的文件：{} 份",
            list.len()
        ),
        Lang::En => format!(
            "Documents that stop being in force within {days} days of {as_of} (until {until}): {}",
            list.len()
        ),
    }];
    for e in list {
        let number = e
            .doc_number
            .as_deref()
            .unwrap_or(lang.pick("（无文号）", "(no number)"));
        let why = ends_by(e, lang);
        lines.push(match lang {
            Lang::Zh => format!(
                "  {}  还剩 {:>3} 天  {number}  {}  {}  {}（{why}）",
                e.last_valid_day, e.days_left, e.title, e.agency, e.file
            ),
            Lang::En => format!(
                "  {}  {:>3} days left  {number}  {}  {}  {} ({why})",
                e.last_valid_day, e.days_left, e.title, e.agency, e.file
            ),
        });
    }
    lines
}

/// Why a reviewed document's validity ends; one not yet in force is
/// reviewed before it even starts, and says so.
fn ends_by(e: &Expiring, lang: Lang) -> String {
    let why = match (e.ends_by, lang) {
        (EndsBy::Expires, Lang::Zh) => "有效期至",
        (EndsBy::Declared, Lang::Zh) => "已宣布废止/失效",
        (EndsBy::Expires, Lang::En) => "its validity period ends",
        (EndsBy::Declared, Lang::En) => "declared repealed or lapsed",
    };
    let pending = gongkai::index::validity::Status::NotYetEffective.name();
    if e.status != pending {
        return why.to_string();
    }
    match lang {
        Lang::Zh => format!("{why}；{pending}"),
        Lang::En => format!("{why}; not yet in force"),
    }
}

/// A reviewed document as a GitHub notice (after `::notice file=…::`).
pub(crate) fn expiring_notice(e: &Expiring, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{} 的有效期至 {} 结束（还剩 {} 天）",
            e.title, e.last_valid_day, e.days_left
        ),
        Lang::En => format!(
            "{} is in force until {} ({} days left)",
            e.title, e.last_valid_day, e.days_left
        ),
    }
}

/// What a scheduled item is, in words.
fn kind(kind: ScheduledKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => kind.name(),
        Lang::En => match kind {
            ScheduledKind::Document => "document",
            ScheduledKind::Page => "column page",
            ScheduledKind::GazetteIssue => "gazette issue",
            ScheduledKind::Report => "annual report",
        },
    }
}

/// What happens to scheduled items in this run, and how to see them.
fn held(future: bool, lang: Lang) -> (&'static str, &'static str) {
    match (future, lang) {
        (true, Lang::Zh) => ("已按 --future 预览生成", "页面标注“未到发布日期”"),
        (false, Lang::Zh) => ("到期前不发布", "--future 可预览"),
        (true, Lang::En) => (
            "built for preview with --future",
            "their pages say they are not yet published",
        ),
        (false, Lang::En) => ("held back until then", "--future previews them"),
    }
}

/// What is dated after the as-of date, as a timetable.
pub(crate) fn scheduled(list: &[Scheduled], future: bool, lang: Lang) -> Vec<String> {
    if list.is_empty() {
        return Vec::new();
    }
    let (status, how) = held(future, lang);
    let mut lines = vec![match lang {
        Lang::Zh => format!("未到发布日期：{} 项，{status}（{how}）", list.len()),
        Lang::En => format!(
            "Dated after the as-of date: {}, {status} ({how})",
            count(list.len(), "item", "items")
        ),
    }];
    for s in list {
        let kind = kind(s.kind, lang);
        lines.push(format!("  {}  {kind}  {}  {}", s.date, s.title, s.file));
    }
    lines
}

/// A scheduled item as a GitHub notice (after `::notice file=…::`).
pub(crate) fn scheduled_notice(s: &Scheduled, future: bool, lang: Lang) -> String {
    let (status, _) = held(future, lang);
    let kind = kind(s.kind, lang);
    match lang {
        Lang::Zh => format!(
            "{kind}“{}”未到发布日期，{} 发布（{status}）",
            s.title, s.date
        ),
        Lang::En => format!(
            "{kind} “{}” is to be published on {} ({status})",
            s.title, s.date
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_folder_is_shown_from_the_current_folder() {
        let cwd = std::env::current_dir().expect("current folder");
        assert_eq!(folder(Path::new("./public")), "public/");
        assert_eq!(folder(&cwd.join("site/out")), "site/out/");
        assert_eq!(folder(&cwd), "./");
        assert_eq!(folder(Path::new("/srv/www/")), "/srv/www/");
    }

    #[test]
    fn watch_lines_in_both_languages() {
        let rebuilt = gongkai::watch::Rebuilt {
            changed: vec!["content/a.md".into(), "content/b.md".into()],
            documents: 12,
            parsed: 2,
            write: gongkai::output::WriteReport {
                written: vec!["a/index.html".into(); 3],
                ..Default::default()
            },
            warnings: Vec::new(),
            scheduled: Vec::new(),
            day_changed: None,
        };
        assert_eq!(
            watch::rebuilt("12:00:01", &rebuilt, 40, Lang::Zh),
            "12:00:01 content/a.md 等 2 个文件：写入 3 个文件，删除 0 个，解析 2 个，共 12 份文件，用时 40 ms"
        );
        assert_eq!(
            watch::rebuilt("12:00:01", &rebuilt, 40, Lang::En),
            "12:00:01 content/a.md and 1 more: 3 files written, 0 deleted, 2 parsed, 12 documents, 40 ms"
        );
        // A rebuild of its own after midnight says why.
        let new_day = gongkai::watch::Rebuilt {
            changed: Vec::new(),
            day_changed: Some(jiff::civil::date(2025, 1, 1)),
            ..rebuilt
        };
        assert!(watch::rebuilt("00:00:30", &new_day, 40, Lang::Zh)
            .starts_with("00:00:30 日期变为 2025-01-01："));
        assert!(watch::rebuilt("00:00:30", &new_day, 40, Lang::En)
            .starts_with("00:00:30 the date is now 2025-01-01:"));
        let out = Path::new("/srv/www");
        assert_eq!(
            watch::failed("12:00:02", 1, 30, out, Lang::Zh),
            "12:00:02 生成失败：1 个错误，用时 30 ms；/srv/www/ 保持上次成功的网站"
        );
        assert_eq!(
            watch::failed("12:00:02", 1, 30, out, Lang::En),
            "12:00:02 build failed: 1 error in 30 ms; /srv/www/ keeps the last good site"
        );
    }

    #[test]
    fn english_counts_are_singular_for_one() {
        assert_eq!(
            Failed::Check.summary(1, Lang::En),
            "1 error found, check failed"
        );
        assert_eq!(
            Failed::Check.summary(2, Lang::En),
            "2 errors found, check failed"
        );
        assert_eq!(
            progress(Step::Parsing { files: 1 }, 1.25, Lang::En),
            "… parsing 1 file… (1.2 s)"
        );
        assert_eq!(
            progress(Step::Parsing { files: 3 }, 1.25, Lang::Zh),
            "… 解析 3 个文件…（1.2 秒）"
        );
    }
}
