//! `check` finds every theme problem `build` would fail on, before anything
//! is written: an unknown theme, template syntax errors (each one, in
//! Chinese, with the template file and line), a missing parent or include,
//! an unknown filter. Both commands exit 1 for them, as for content errors,
//! and a failed build leaves public/ byte-identical.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{assert_same_tree, read_tree, run_in, temp_site, write};
use std::path::Path;

fn set_theme(root: &Path, name: &str) {
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(root.join("site.yaml"), format!("{yaml}theme: {name}\n")).unwrap();
}

/// A built site whose theme `break_it` then breaks: `check --strict` and
/// `build` both exit 1 and print `want` (each line in stderr), and public/
/// is as the good build left it.
fn refused_by_check_and_build(break_it: impl Fn(&Path), want: &[&str]) {
    let site = temp_site("minimal");
    let (code, _, stderr) = run_in(site.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let public = site.path().join("public");
    let before = read_tree(&public);
    break_it(site.path());
    for command in [&["check", "--strict"][..], &["build"]] {
        let (code, stdout, stderr) = run_in(site.path(), command);
        assert_eq!(code, 1, "{command:?}: {stdout}{stderr}");
        for line in want {
            assert!(
                stderr.contains(line),
                "{command:?}: missing “{line}” in:\n{stderr}"
            );
        }
        assert!(
            !stderr.contains("Failed to parse") || stderr.contains("Tera 原文"),
            "{stderr}"
        );
    }
    assert_same_tree(
        &before,
        &read_tree(&public),
        "public/ after a refused build",
    );
}

#[test]
fn an_unknown_theme_is_refused_by_check() {
    refused_by_check_and_build(
        |root| {
            std::fs::create_dir_all(root.join("themes/custom/templates")).unwrap();
            set_theme(root, "cusotm");
        },
        &[
            "错误[TPL001] site.yaml:3  字段 theme",
            "找不到主题目录 themes/cusotm",
            "是否想写 theme: custom？",
        ],
    );
}

#[test]
fn every_template_syntax_error_is_refused_by_check_with_file_and_line() {
    refused_by_check_and_build(
        |root| {
            set_theme(root, "custom");
            write(
                root.join("themes/custom/templates/document.html"),
                "{% extends \"base.html\" %}\n{% block main %}{% if doc.title %}<h1>{{ doc.title }}</h1>{% endblock main %}\n",
            );
            write(
                root.join("themes/custom/templates/page.html"),
                "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.title | }}</p>\n{% endblock main %}\n",
            );
        },
        &[
            "错误[TPL003] themes/custom/templates/document.html:2:59  这里缺少 {% endif %}",
            "错误[TPL003] themes/custom/templates/page.html:3:20  模板语法错误",
            "Tera 原文：",
        ],
    );
}

#[test]
fn what_tera_finds_only_while_rendering_is_refused_by_check() {
    refused_by_check_and_build(
        |root| {
            set_theme(root, "custom");
            write(
                root.join("themes/custom/templates/document.html"),
                "{% extends \"base.html\" %}\n{% block main %}\n{{ doc.title | no_such_filter }}\n{% include \"partials/gone.html\" %}\n{% endblock main %}\n",
            );
            write(
                root.join("themes/custom/templates/page.html"),
                "{% extends \"nosuch.html\" %}\n",
            );
        },
        &["错误[TPL004] themes/custom/templates/page.html:1  继承的模板 nosuch.html 不存在"],
    );
    refused_by_check_and_build(
        |root| {
            set_theme(root, "custom");
            write(
                root.join("themes/custom/templates/document.html"),
                "{% extends \"base.html\" %}\n{% block main %}\n{{ doc.title | no_such_filter }}\n{% include \"partials/gone.html\" %}\n{% endblock main %}\n",
            );
        },
        &[
            "错误[TPL005] themes/custom/templates/document.html:3  未知的过滤器 no_such_filter",
            "错误[TPL004] themes/custom/templates/document.html:4  引用的模板 partials/gone.html 不存在",
        ],
    );
}

#[test]
fn theme_and_content_problems_are_reported_in_one_run() {
    let site = temp_site("minimal");
    set_theme(site.path(), "nosuch");
    write(
        site.path().join("content/xxgk/broken.md"),
        "---\ntitle: 坏文件\npublished: 2024-02-30\n---\n",
    );
    let (code, _, stderr) = run_in(site.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("错误[TPL001] site.yaml")
            && stderr.contains("错误[FM013] content/xxgk/broken.md"),
        "{stderr}"
    );
}
