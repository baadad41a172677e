//! `gongkai watch` and `gongkai serve` as an editor uses them: the real
//! binary on a copy of the demo site, real file edits, and after every step
//! the output folder compared with a fresh full build of the same content.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::common::{build_ok, copy_dir, gongkai, read_tree, AS_OF};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// A running `gongkai watch|serve`, killed when dropped.
struct Watcher {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watcher {
    /// Starts `gongkai <command>` and waits until it watches.
    fn start(root: &Path, output: &Path, command: &[&str]) -> Watcher {
        let mut w = Watcher::spawn(root, output, command);
        w.wait_for("正在监视");
        w
    }

    fn spawn(root: &Path, output: &Path, command: &[&str]) -> Watcher {
        let mut child = gongkai()
            .args(["--root".as_ref(), root.as_os_str()])
            .args(["--as-of", AS_OF])
            .args(command)
            .args(["--output".as_ref(), output.as_os_str()])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start gongkai");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watcher { child, lines }
    }

    /// The next line containing `needle` (panics after 30 s).
    fn wait_for(&mut self, needle: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(e) => panic!("no line with “{needle}” from gongkai: {e}"),
            }
        }
    }

    /// Waits for a rebuild line, then until no further rebuild follows for a
    /// while (one editor action may be seen as two bursts).
    fn settle(&mut self) -> String {
        let mut last = self
            .wait_for_rebuild(Duration::from_secs(30))
            .expect("a rebuild");
        while let Some(line) = self.wait_for_rebuild(Duration::from_millis(400)) {
            last = line;
        }
        last
    }

    fn wait_for_rebuild(&mut self, timeout: Duration) -> Option<String> {
        loop {
            match self.lines.recv_timeout(timeout) {
                Ok(line) if line.contains("写入") || line.contains("生成失败") => {
                    return Some(line)
                }
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }
}

fn demo_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    let repo = crate::common::crate_root();
    std::fs::create_dir_all(&site).expect("mkdir");
    std::fs::copy(repo.join("site.yaml"), site.join("site.yaml")).expect("copy");
    copy_dir(&repo.join("content"), &site.join("content"));
    // the demo's theme layer (`theme: qinghe`, its 党政机关网站标识 image)
    copy_dir(&repo.join("themes"), &site.join("themes"));
    tmp
}

fn assert_same_as_fresh_build(site: &Path, output: &Path, step: &str) {
    let fresh = site.parent().expect("parent").join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    build_ok(site, &fresh, false);
    let watched = read_tree(output);
    let expected = read_tree(&fresh);
    let missing: Vec<&String> = expected
        .keys()
        .filter(|k| !watched.contains_key(*k))
        .collect();
    let extra: Vec<&String> = watched
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    let differ: Vec<&String> = expected
        .iter()
        .filter(|(k, v)| watched.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "after {step}: watch output differs from a fresh build\n missing {missing:?}\n extra {extra:?}\n differ {differ:?}"
    );
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no “{from}”", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn watch_output_always_equals_a_fresh_build() {
    let tmp = demo_copy();
    let site = tmp.path().join("site");
    let output = tmp.path().join("public");
    let content = site.join("content");
    let mut w = Watcher::start(&site, &output, &["watch"]);
    assert_same_as_fresh_build(&site, &output, "the first build");

    // edit a title: the document page, the lists and feeds that show it
    let doc = content.join("xxgk/2024/wj-2024-03.md");
    edit(
        &doc,
        "第三批市级历史文化街区",
        "第三批市级历史文化街区（修订）",
    );
    let line = w.settle();
    assert!(line.contains("wj-2024-03.md"), "{line}");
    assert_same_as_fresh_build(&site, &output, "editing a title");

    // edit only the body of a repealed document that others link to: the
    // session patches its last index instead of building it again
    let repealed = content.join("xxgk/2021/gf-2021-01.md");
    let text = std::fs::read_to_string(&repealed).expect("read");
    std::fs::write(&repealed, format!("{text}\n正文末尾新增的一段说明。\n")).expect("write");
    let line = w.settle();
    assert!(line.contains("gf-2021-01.md"), "{line}");
    let page = std::fs::read_to_string(output.join("xxgk/2021/gf-2021-01/index.html"))
        .expect("the repealed document's page");
    assert!(
        page.contains("正文末尾新增的一段说明"),
        "the page shows the edit"
    );
    assert_same_as_fresh_build(&site, &output, "editing a body");

    // add a document
    let added = content.join("xxgk/2024/wj-2024-09.md");
    let text = std::fs::read_to_string(&doc)
        .expect("read")
        .replace("清政复〔2024〕7号", "清政复〔2024〕19号")
        .replace("113201000/2024-00035", "113201000/2024-00099")
        .replace("第三批", "第四批");
    std::fs::write(&added, text).expect("write");
    w.settle();
    assert!(output.join("xxgk/2024/wj-2024-09/index.html").is_file());
    assert_same_as_fresh_build(&site, &output, "adding a document");

    // rename it: the old page goes, the new one comes, nothing else is left behind
    let renamed = content.join("xxgk/2024/wj-2024-10.md");
    std::fs::rename(&added, &renamed).expect("rename");
    w.settle();
    assert!(!output.join("xxgk/2024/wj-2024-09").exists());
    assert!(output.join("xxgk/2024/wj-2024-10/index.html").is_file());
    assert_same_as_fresh_build(&site, &output, "renaming a document");

    // delete it
    std::fs::remove_file(&renamed).expect("delete");
    w.settle();
    assert!(!output.join("xxgk/2024/wj-2024-10").exists());
    assert_same_as_fresh_build(&site, &output, "deleting a document");

    // retitle a document others link to: their pages show the new title
    let replacement = content.join("xxgk/2024/gf-2024-04.md");
    edit(
        &replacement,
        "title: 清河市人民政府关于印发清河市政府投资项目管理办法的通知",
        "title: 清河市人民政府关于印发清河市政府投资项目管理办法（试行）的通知",
    );
    w.settle();
    let replaced = std::fs::read_to_string(output.join("xxgk/2021/gf-2021-01/index.html"))
        .expect("the replaced document's page");
    assert!(
        replaced.contains("管理办法（试行）的通知"),
        "the link shows the new title"
    );
    assert_same_as_fresh_build(&site, &output, "retitling a linked document");

    // move a document to a new subcategory and extend its validity: a new
    // catalog group and counts on every list, its state on the validity lists
    // (the declared 失效 is withdrawn with it)
    let expired = content.join("xxgk/2019/gf-2019-01.md");
    edit(
        &expired,
        "category: 财政、金融、审计/财政",
        "category: 财政、金融、审计/审计",
    );
    edit(
        &expired,
        "expires: 2022-08-31\n  status: 失效\n  date: 2022-09-01\n  reason: 适用期已过\n",
        "expires: 2029-08-31\n",
    );
    w.settle();
    assert_same_as_fresh_build(&site, &output, "a new agency and a longer validity");

    // change an attachment's bytes: size and hash on the page, the copy itself
    let pdf = content.join("xxgk/2024/fj-gf-2024-03-1.pdf");
    let mut bytes = std::fs::read(&pdf).expect("the demo's attachment");
    bytes.extend_from_slice(b"\n% appended\n");
    std::fs::write(&pdf, bytes).expect("write");
    w.settle();
    assert_same_as_fresh_build(&site, &output, "changing an attachment");

    // site.yaml: everything may change
    edit(&site.join("site.yaml"), "清河市", "清河市（预览）");
    w.settle();
    assert_same_as_fresh_build(&site, &output, "editing site.yaml");

    // an editor's swap file and backup change nothing and trigger no rebuild
    std::fs::write(content.join("xxgk/2024/.wj-2024-03.md.swp"), "x").expect("write");
    std::fs::write(content.join("xxgk/2024/wj-2024-03.md~"), "x").expect("write");
    assert!(w.wait_for_rebuild(Duration::from_millis(600)).is_none());
}

/// A raw HTTP GET: status code and body.
fn get(base: &str, path: &str) -> (u16, String) {
    let host = base
        .trim_start_matches("http://")
        .split('/')
        .next()
        .expect("host");
    let mut stream = TcpStream::connect(host).expect("connect to the preview server");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

fn preview_base(w: &mut Watcher) -> String {
    let line = w.wait_for("预览地址");
    let start = line.find("http://").expect("url in line");
    line[start..]
        .split(|c: char| c.is_whitespace() || c == '（')
        .next()
        .expect("url")
        .trim_end_matches('/')
        .to_string()
}

#[test]
fn serve_survives_a_hundred_broken_saves_and_ends_with_the_fix() {
    let tmp = demo_copy();
    let site = tmp.path().join("site");
    let output = tmp.path().join("public");
    let mut w = Watcher::spawn(&site, &output, &["serve", "--port", "0"]);
    let base = preview_base(&mut w);
    w.wait_for("正在监视");

    let page = "/xxgk/2024/wj-2024-03/";
    let (status, body) = get(&base, page);
    assert_eq!(status, 200);
    assert!(body.contains("第三批市级历史文化街区"));
    assert!(
        body.contains("/__gongkai/live.js"),
        "live script not injected"
    );
    assert!(
        !std::fs::read_to_string(output.join("xxgk/2024/wj-2024-03/index.html"))
            .expect("read")
            .contains("__gongkai"),
        "the live script must not be written to disk"
    );

    let doc: PathBuf = site.join("content/xxgk/2024/wj-2024-03.md");
    let good = std::fs::read_to_string(&doc).expect("read");
    for i in 0..100 {
        // half-typed YAML: an unclosed quote, then a bad indent, and so on
        let broken = match i % 3 {
            0 => good.replacen("title: ", "title: \"", 1),
            1 => good.replacen("agency:", "  agency:", 1),
            _ => good.replacen("published: 2024-09-13", "published: 2024-13-45", 1),
        };
        std::fs::write(&doc, broken).expect("write");
        std::thread::sleep(Duration::from_millis(10));
        let (status, body) = get(&base, page);
        assert_eq!(status, 200, "save {i}: the server must keep answering");
        assert!(
            body.contains("第三批市级历史文化街区"),
            "save {i}: last good page"
        );
    }
    let line = w.settle();
    assert!(line.contains("生成失败"), "{line}");
    let (_, events) = get_events_snapshot(&base);
    assert!(events.contains("\"ok\":false"), "{events}");
    assert!(
        events.contains("content/xxgk/2024/wj-2024-03.md"),
        "{events}"
    );

    std::fs::write(&doc, good.replace("第三批", "第五批")).expect("write");
    let line = w.settle();
    assert!(line.contains("写入"), "{line}");
    let (status, body) = get(&base, page);
    assert_eq!(status, 200);
    assert!(body.contains("第五批市级历史文化街区"), "the fix is served");
    let (_, events) = get_events_snapshot(&base);
    assert!(events.contains("\"ok\":true"), "{events}");
    assert!(
        w.child.try_wait().expect("status").is_none(),
        "server still running"
    );
    assert_same_as_fresh_build(&site, &output, "a hundred broken saves and a fix");
}

#[test]
fn the_overlay_lists_the_cause_before_the_references_to_it() {
    let tmp = demo_copy();
    let site = tmp.path().join("site");
    let output = tmp.path().join("public");
    let mut w = Watcher::spawn(&site, &output, &["serve", "--port", "0"]);
    let base = preview_base(&mut w);
    w.wait_for("正在监视");
    // gf-2024-04 (清政发〔2024〕10号) replaces gf-2021-01 and is interpreted
    // by jd-2024-01: both paths sort before it.
    edit(
        &site.join("content/xxgk/2024/gf-2024-04.md"),
        "published: 2024-06-24",
        "published: 2024-06-31",
    );
    let line = w.settle();
    assert!(line.contains("生成失败"), "{line}");
    let (_, events) = get_events_snapshot(&base);
    let data = events
        .lines()
        .find_map(|l| l.strip_prefix("data: "))
        .expect("an event");
    let message: serde_json::Value = serde_json::from_str(data).expect("JSON event");
    let errors: Vec<&str> = message["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e.as_str().expect("text"))
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0].starts_with("错误[FM013] content/xxgk/2024/gf-2024-04.md:5:1"),
        "{errors:?}"
    );
    for (error, place) in errors[1..].iter().zip([
        "content/xxgk/2021/gf-2021-01.md:19:5",
        "content/xxgk/2024/jd-2024-01.md:9:1",
    ]) {
        assert!(
            error.starts_with(&format!("错误[XR012] {place}"))
                && error.contains("引用的文件本身有错误，见 content/xxgk/2024/gf-2024-04.md:5:1"),
            "{errors:?}"
        );
    }
}

/// The first event a newly opened page receives: the last build's state.
fn get_events_snapshot(base: &str) -> (u16, String) {
    let host = base
        .trim_start_matches("http://")
        .split('/')
        .next()
        .expect("host");
    let mut stream = TcpStream::connect(host).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    write!(
        stream,
        "GET /__gongkai/events HTTP/1.1\r\nHost: {host}\r\n\r\n"
    )
    .expect("send");
    let mut text = String::new();
    let mut buf = [0u8; 4096];
    while !text.contains("\n\n") || !text.contains("data:") {
        let n = stream.read(&mut buf).expect("read event");
        if n == 0 {
            break;
        }
        text.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    (200, text)
}

#[test]
fn serve_takes_the_next_port_when_one_is_busy() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = busy.local_addr().expect("addr").port();
    let tmp = demo_copy();
    let site = tmp.path().join("site");
    let output = tmp.path().join("public");
    let mut w = Watcher::spawn(&site, &output, &["serve", "--port", &port.to_string()]);
    let base = preview_base(&mut w);
    assert!(
        !base.ends_with(&format!(":{port}")),
        "{base} is the busy port"
    );
    w.wait_for("正在监视");
    let (status, body) = get(&base, "/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("<main"), "the site's own 404 page is served");
    let (status, _) = get(&base, "/../../etc/passwd");
    assert!(status == 400 || status == 404, "{status}");
}
