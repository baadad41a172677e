//! The preview server: the output folder on 127.0.0.1, with a small script
//! added to every HTML response (never to the files on disk) that reloads
//! the page after a rebuild changed it and shows build errors as an overlay.
//! Pages learn of rebuilds through server-sent events.

use super::range::{wanted, Wanted};
use crate::config::SiteConfig;
use crate::diagnostics::BuildError;
use crate::diagnostics::Diagnostic;
use crate::util::locks::lock;
use serde::Serialize;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

/// Where to listen.
#[derive(Debug, Clone, Copy)]
pub struct ServeOptions {
    /// First port to try; the next free one is taken if it is busy (0: any).
    pub port: u16,
}

/// How many ports after the requested one are tried.
const PORT_ATTEMPTS: u16 = 20;
const EVENTS_PATH: &str = "/__gongkai/events";
const SCRIPT_PATH: &str = "/__gongkai/live.js";
const LIVE_JS: &str = include_str!("live.js");

/// The state of the last rebuild, as sent to pages.
#[derive(Debug, Clone, Default, Serialize)]
struct BuildMessage {
    /// Counts rebuilds; a page reloads only for builds after the one it saw first.
    build: u64,
    ok: bool,
    /// The site's URL path prefix, so a page can tell its own output path.
    prefix: String,
    /// Output paths written or deleted by this build.
    changed: Vec<String>,
    /// What went wrong, one entry per problem (errors only).
    errors: Vec<String>,
}

struct State {
    dir: PathBuf,
    /// The site's URL path prefix (`/` or `/sub/` when base_url has a path).
    prefix: String,
    last: Mutex<BuildMessage>,
    clients: Mutex<Vec<mpsc::Sender<String>>>,
}

/// A running preview server.
pub struct LiveServer {
    state: Arc<State>,
    addr: SocketAddr,
}

impl LiveServer {
    /// Binds 127.0.0.1 and serves `dir` from a background thread.
    pub fn start(
        opts: &ServeOptions,
        dir: &Path,
        config: &Option<SiteConfig>,
    ) -> anyhow::Result<LiveServer> {
        let server = bind(opts.port)?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| anyhow::anyhow!("预览服务器没有 IP 地址"))?;
        let prefix = config
            .as_ref()
            .map_or_else(|| "/".to_string(), |c| c.base_path.clone());
        let state = Arc::new(State {
            dir: dir.to_path_buf(),
            prefix: prefix.clone(),
            last: Mutex::new(BuildMessage {
                prefix: prefix.clone(),
                ..BuildMessage::default()
            }),
            clients: Mutex::new(Vec::new()),
        });
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                // One bad request must not stop the server answering the rest.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    handle(&shared, request);
                }));
            }
        });
        Ok(LiveServer { state, addr })
    }

    /// The address to open in a browser.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, self.state.prefix)
    }

    /// Tells open pages that a rebuild wrote or deleted these output paths.
    pub fn built(&self, written: &[String], deleted: &[String]) {
        let mut changed: Vec<String> = written.iter().chain(deleted).cloned().collect();
        changed.sort();
        self.publish(|m| {
            m.ok = true;
            m.changed = changed;
            m.errors.clear();
        });
    }

    /// Tells open pages that a rebuild failed, with the problems.
    pub fn failed(&self, e: &BuildError) {
        let errors = match e {
            BuildError::Content(diags) => diags
                .iter()
                .filter(|d| d.is_error())
                .map(Diagnostic::to_string)
                .collect(),
            BuildError::Io(e) => vec![format!("{e:#}")],
        };
        self.publish(|m| {
            m.ok = false;
            m.changed.clear();
            m.errors = errors;
        });
    }

    fn publish(&self, update: impl FnOnce(&mut BuildMessage)) {
        let json = {
            let mut last = lock(&self.state.last);
            last.build += 1;
            update(&mut last);
            serde_json::to_string(&*last).unwrap_or_default()
        };
        lock(&self.state.clients).retain(|client| client.send(json.clone()).is_ok());
    }
}

fn bind(port: u16) -> anyhow::Result<Server> {
    let mut last_error = None;
    let attempts = if port == 0 { 1 } else { PORT_ATTEMPTS };
    for offset in 0..attempts {
        let Some(p) = port.checked_add(offset) else {
            break;
        };
        match Server::http(("127.0.0.1", p)) {
            Ok(server) => return Ok(server),
            Err(e) => last_error = Some(e),
        }
    }
    Err(anyhow::anyhow!(
        "无法在 127.0.0.1 的端口 {port}–{} 上启动预览服务器：{}",
        port.saturating_add(attempts - 1),
        last_error.map_or_else(String::new, |e| e.to_string())
    ))
}

fn handle(state: &Arc<State>, request: Request) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    if path == EVENTS_PATH {
        let state = Arc::clone(state);
        std::thread::spawn(move || stream_events(&state, request));
        return;
    }
    let response = if !matches!(request.method(), Method::Get | Method::Head) {
        text_response(405, "只支持 GET")
    } else if path == SCRIPT_PATH {
        with_type(Response::from_data(LIVE_JS.as_bytes()), "text/javascript")
    } else {
        let range = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Range"))
            .map(|h| h.value.as_str().to_string());
        serve_file(state, &path, range.as_deref())
    };
    // The browser may have gone away: nothing to do about it.
    let _ = request.respond(response);
}

/// A long-lived response that sends the last build state, then each new one.
fn stream_events(state: &State, request: Request) {
    let (tx, rx) = mpsc::channel();
    let first = serde_json::to_string(&*lock(&state.last)).unwrap_or_default();
    lock(&state.clients).push(tx);
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if write!(out, "{head}retry: 500\ndata: {first}\n\n").is_err() || out.flush().is_err() {
        return;
    }
    loop {
        let frame = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(json) => format!("data: {json}\n\n"),
            // a comment keeps proxies from closing the stream and finds dead clients
            Err(mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if out.write_all(frame.as_bytes()).is_err() || out.flush().is_err() {
            return;
        }
    }
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

/// The file at `url_path`; with `range` (a `Range` header) only those
/// bytes of it, as a static host sends them (pages are always whole: the
/// live-reload script is added to them).
fn serve_file(state: &State, url_path: &str, range: Option<&str>) -> Reply {
    let Some(decoded) = percent_decode(url_path) else {
        return text_response(400, "网址编码有误");
    };
    let Some(rel) = decoded.strip_prefix(&state.prefix).or_else(|| {
        (decoded.trim_end_matches('/') == state.prefix.trim_end_matches('/')).then_some("")
    }) else {
        return not_found(state);
    };
    if rel.split('/').any(|seg| seg == ".." || seg.contains('\\')) || rel.contains('\0') {
        return text_response(400, "网址不能含 ..");
    }
    let mut file = state.dir.join(rel);
    if file.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            let location = format!("{url_path}/");
            return with_header(text_response(301, "→"), "Location", &location);
        }
        file = file.join("index.html");
    }
    let page = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html"));
    match std::fs::read(&file) {
        Ok(bytes) if page => page_or_file(bytes, &file, 200),
        Ok(bytes) => ranged(bytes, &file, range),
        Err(_) if is_page(rel) && !site_ready(state) => {
            // The first build is still running or failed: a page that
            // reloads itself when the site is there, and can show why not.
            page_or_file(
                PLACEHOLDER.as_bytes().to_vec(),
                Path::new("index.html"),
                503,
            )
        }
        Err(_) => not_found(state),
    }
}

/// A file that is not a page: whole (200), or the part `range` asks for
/// (206 with `Content-Range`; 416 when it is outside the file).
fn ranged(bytes: Vec<u8>, file: &Path, range: Option<&str>) -> Reply {
    let size = bytes.len();
    let reply = match wanted(range, size) {
        Wanted::Whole => page_or_file(bytes, file, 200),
        Wanted::Part { first, last } => {
            let part = bytes[first..=last].to_vec();
            let reply = page_or_file(part, file, 206);
            with_header(
                reply,
                "Content-Range",
                &format!("bytes {first}-{last}/{size}"),
            )
        }
        Wanted::Unsatisfiable => with_header(
            text_response(416, "请求的范围超出文件"),
            "Content-Range",
            &format!("bytes */{size}"),
        ),
    };
    with_header(reply, "Accept-Ranges", "bytes")
}

fn is_page(rel: &str) -> bool {
    rel.is_empty() || rel.ends_with('/') || rel.ends_with(".html")
}

/// True once a build has finished in this session and a site is on disk.
fn site_ready(state: &State) -> bool {
    lock(&state.last).build > 0 && state.dir.join("index.html").is_file()
}

const PLACEHOLDER: &str = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<title>正在生成</title></head><body><main data-gongkai-placeholder><h1>网站正在生成</h1>\
<p>生成完成（或修正内容中的错误）后，本页会自动刷新。</p></main></body></html>";

fn not_found(state: &State) -> Reply {
    match std::fs::read(state.dir.join("404.html")) {
        Ok(bytes) => page_or_file(bytes, Path::new("404.html"), 404),
        Err(_) => text_response(404, "404 找不到页面"),
    }
}

fn page_or_file(mut bytes: Vec<u8>, file: &Path, status: u16) -> Reply {
    let ext = file
        .extension()
        .map_or_else(String::new, |e| e.to_string_lossy().to_ascii_lowercase());
    if ext == "html" {
        bytes = inject_script(bytes);
    }
    with_type(Response::from_data(bytes), content_type(&ext)).with_status_code(status)
}

/// Adds the live-reload script before `</body>` (or at the end).
fn inject_script(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Adds a header; values we send are ASCII, so a rejected one is skipped.
fn with_header(response: Reply, name: &str, value: &str) -> Reply {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(h) => response.with_header(h),
        Err(()) => response,
    }
}

fn with_type(response: Reply, content_type: &str) -> Reply {
    // A preview must never be served from cache after a rebuild.
    let response = with_header(response, "Content-Type", content_type);
    with_header(response, "Cache-Control", "no-store")
}

fn text_response(status: u16, text: &str) -> Reply {
    with_type(
        Response::from_data(text.as_bytes().to_vec()),
        "text/plain; charset=utf-8",
    )
    .with_status_code(status)
}

/// `%E6%96%87` → 文; `None` for malformed escapes or non-UTF-8 results.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_chinese_paths_and_rejects_bad_escapes() {
        assert_eq!(
            percent_decode("/a/%E9%99%84%E4%BB%B6.pdf").as_deref(),
            Some("/a/附件.pdf")
        );
        assert_eq!(percent_decode("/a%2"), None);
        assert_eq!(percent_decode("/a%zz"), None);
        assert_eq!(percent_decode("/%ff"), None);
    }

    /// A server's state for the folder `dir`, before any build.
    fn state_in(dir: &Path) -> State {
        State {
            dir: dir.to_path_buf(),
            prefix: "/".into(),
            last: Mutex::new(BuildMessage::default()),
            clients: Mutex::new(Vec::new()),
        }
    }

    #[test]
    fn pages_wait_for_the_first_build() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join("index.html"), "<p>old site</p>").expect("write");
        let state = state_in(tmp.path());
        // during the first build: a missing page is the self-reloading placeholder
        assert_eq!(serve_file(&state, "/xxgk/a/", None).status_code().0, 503);
        assert_eq!(serve_file(&state, "/", None).status_code().0, 200);
        lock(&state.last).build = 1;
        assert_eq!(serve_file(&state, "/xxgk/a/", None).status_code().0, 404);
        assert_eq!(serve_file(&state, "/x.css", None).status_code().0, 404);
    }

    #[test]
    fn files_are_served_by_range_and_pages_whole() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join("p.bin"), b"0123456789").expect("write");
        std::fs::write(tmp.path().join("index.html"), "<p>site</p>").expect("write");
        let state = state_in(tmp.path());
        fn header(r: &Reply, name: &'static str) -> Option<String> {
            r.headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.to_string())
        }
        let part = serve_file(&state, "/p.bin", Some("bytes=2-4"));
        assert_eq!(part.status_code().0, 206);
        assert_eq!(
            header(&part, "Content-Range").as_deref(),
            Some("bytes 2-4/10")
        );
        assert_eq!(part.data_length(), Some(3));
        let whole = serve_file(&state, "/p.bin", None);
        assert_eq!(whole.status_code().0, 200);
        assert_eq!(header(&whole, "Accept-Ranges").as_deref(), Some("bytes"));
        let outside = serve_file(&state, "/p.bin", Some("bytes=10-20"));
        assert_eq!(outside.status_code().0, 416);
        assert_eq!(
            header(&outside, "Content-Range").as_deref(),
            Some("bytes */10")
        );
        assert_eq!(
            serve_file(&state, "/", Some("bytes=0-1")).status_code().0,
            200
        );
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = inject_script(b"<body><p>x</p></BODY></html>".to_vec());
        assert_eq!(
            String::from_utf8(html).expect("utf-8"),
            format!("<body><p>x</p><script src=\"{SCRIPT_PATH}\"></script></BODY></html>")
        );
        let bare = inject_script(b"<p>x</p>".to_vec());
        assert!(String::from_utf8(bare)
            .expect("utf-8")
            .ends_with("</script>"));
    }
}
