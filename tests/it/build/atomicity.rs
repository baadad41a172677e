//! A failed build keeps the last good site: template errors (at load or at
//! render time) and content errors leave public/ byte-identical, with no
//! staging folder left behind, and the error names what failed (theme
//! problems, like content ones, are diagnostics with file and line: exit 1).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{assert_same_tree, build, build_ok, read_tree, run_in, temp_site, write};
use gongkai::BuildError;
use std::path::Path;

fn use_custom_theme(root: &Path, document_template: &str) {
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(root.join("site.yaml"), format!("{yaml}theme: custom\n")).unwrap();
    write(
        root.join("themes/custom/templates/document.html"),
        document_template,
    );
}

/// Builds once, applies `break_it`, builds again: returns the second error.
fn fails_and_keeps_public(break_it: impl Fn(&Path)) -> BuildError {
    let site = temp_site("minimal");
    let public = site.path().join("public");
    build_ok(site.path(), &public, false);
    let before = read_tree(&public);
    assert!(before.contains_key("xxgk/tongzhi-1/index.html"));

    break_it(site.path());
    let err = match build(site.path(), &public, false) {
        Ok(_) => panic!("the broken site built"),
        Err(e) => e,
    };
    assert_same_tree(&before, &read_tree(&public), "public/ after a failed build");
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The manifest of what public/ holds is kept beside it on purpose.
        .filter(|n| n.starts_with(".public") && n != ".public.gongkai-manifest")
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
    err
}

/// A theme problem is a content-class error (exit 1): its one diagnostic,
/// as `check` and `build` print it.
fn theme_message(err: BuildError) -> String {
    match err {
        BuildError::Content(d) => {
            assert_eq!(d.len(), 1, "{d:?}");
            assert!(d[0].code.starts_with("TPL"), "{d:?}");
            d[0].to_string()
        }
        BuildError::Io(e) => panic!("expected a theme diagnostic, got an IO error {e:#}"),
    }
}

#[test]
fn template_syntax_error_keeps_the_previous_site() {
    let err = fails_and_keeps_public(|root| {
        use_custom_theme(root, "{% extends \"base.html\" %}\n{% block main %}{% if doc.title %}<h1>{{ doc.title }}</h1>{% endblock main %}\n");
    });
    let message = theme_message(err);
    assert!(
        message.starts_with("错误[TPL003] themes/custom/templates/document.html:2:59"),
        "the error names the template file and line: {message}"
    );
    assert!(
        message.contains("缺少 {% endif %}"),
        "in Chinese: {message}"
    );
}

#[test]
fn render_error_midway_keeps_the_previous_site() {
    // parses fine, fails while rendering the document pages
    let err = fails_and_keeps_public(|root| {
        use_custom_theme(root, "{% extends \"base.html\" %}\n{% block main %}<h1>{{ doc.title }}</h1>{{ doc.no_such_field.deeper }}{% endblock main %}\n");
    });
    let message = theme_message(err);
    assert!(
        message.starts_with("错误[TPL006] themes/custom/templates/document.html:2")
            && message.contains("xxgk/tongzhi-1/index.html")
            && message.contains("变量 doc.no_such_field.deeper 不存在"),
        "names template file, line and page: {message}"
    );
}

#[test]
fn missing_theme_keeps_the_previous_site() {
    let err = fails_and_keeps_public(|root| {
        let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
        std::fs::write(root.join("site.yaml"), format!("{yaml}theme: nosuch\n")).unwrap();
    });
    let message = theme_message(err);
    assert!(
        message.starts_with("错误[TPL001] site.yaml:") && message.contains("themes/nosuch"),
        "{message}"
    );
}

#[test]
fn content_errors_keep_the_previous_site() {
    let err = fails_and_keeps_public(|root| {
        write(
            root.join("content/xxgk/broken.md"),
            "---\ntitle: 坏文件\npublished: 2024-02-30\n---\n",
        );
        // and a valid document that would otherwise change every list
        write(
            root.join("content/xxgk/new.md"),
            crate::common::doc("关于新事项的通知", "", "正文"),
        );
    });
    match err {
        BuildError::Content(diags) => {
            assert!(
                diags.iter().all(|d| d.file == "content/xxgk/broken.md"),
                "{diags:?}"
            );
            assert!(diags.iter().any(|d| d.code == "FM013"));
        }
        BuildError::Io(e) => panic!("expected content errors, got {e:#}"),
    }
}

#[test]
fn the_binary_reports_template_errors_with_exit_1() {
    let site = temp_site("minimal");
    let (code, _, stderr) = run_in(site.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let before = read_tree(&site.path().join("public"));
    use_custom_theme(site.path(), "{% extends \"base.html\" %}{% block main %}{{ doc.title | no_such_filter }}{% endblock main %}");
    let (code, stdout, stderr) = run_in(site.path(), &["build"]);
    // A theme problem is the site's, like content (exit 1), not IO (2).
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.starts_with("错误[TPL005] themes/custom/templates/document.html:1")
            && stderr.contains("未知的过滤器 no_such_filter"),
        "{stderr}"
    );
    assert_same_tree(
        &before,
        &read_tree(&site.path().join("public")),
        "public/ after exit 1",
    );
}
