//! Parts shown by many pages (main navigation, footer, catalog sidebar) are
//! rendered once from their partials and handed to the page templates as
//! HTML. They must read exactly as if each page had rendered them inline,
//! follow a theme's override of the partial, and be rendered for the right
//! section or list (never one page's copy on another page).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{assert_same_tree, build_ok, crate_root, read_tree, temp_site, write};
use std::path::Path;

fn default_template(name: &str) -> String {
    std::fs::read_to_string(crate_root().join("themes/default/templates").join(name)).unwrap()
}

/// A partial's text without its leading comment, as it would stand inline.
fn partial_body(name: &str) -> String {
    let text = default_template(name);
    let body = match text.split_once("#}") {
        Some((comment, rest)) if comment.starts_with("{#") => rest,
        _ => &text,
    };
    body.trim().to_string()
}

fn use_theme(site: &Path, theme: &str) {
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    write(site.join("site.yaml"), format!("{yaml}theme: {theme}\n"));
}

fn build_tree(site: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    build_ok(site, &out.path().join("public"), false);
    read_tree(&out.path().join("public"))
}

#[test]
fn inline_parts_in_a_theme_render_the_same_as_the_shared_ones() {
    let shared = temp_site("catalog");
    let inline = temp_site("catalog");
    // base.html and list.html as a theme written before the shared parts
    // would have them: navigation, footer and sidebar built in place.
    let base = default_template("base.html")
        .replace(
            "{{ main_nav | safe }}",
            &partial_body("partials/main_nav.html").replace("== section", "== page.section"),
        )
        .replace(
            "{{ site_footer | safe }}",
            &partial_body("partials/footer.html"),
        );
    let list = default_template("list.html").replace(
        "{{ catalog_nav | safe }}",
        r#"{% include "partials/catalog_nav.html" %}"#,
    );
    assert!(!base.contains("main_nav |") && !base.contains("site_footer"));
    assert!(!list.contains("catalog_nav |"));
    let templates = inline.path().join("themes/inline/templates");
    write(templates.join("base.html"), base);
    write(templates.join("list.html"), list);
    use_theme(inline.path(), "inline");
    assert_same_tree(
        &build_tree(shared.path()),
        &build_tree(inline.path()),
        "shared parts against the same parts rendered inline",
    );
}

#[test]
fn shared_parts_come_from_the_theme_and_fit_each_page() {
    let site = temp_site("catalog");
    let partials = site.path().join("themes/probe/templates/partials");
    write(
        partials.join("catalog_nav.html"),
        r#"<p class="probe-list">{{ list_url }}</p>"#,
    );
    write(
        partials.join("main_nav.html"),
        r#"<p class="probe-section">[{{ section }}]</p>"#,
    );
    write(
        partials.join("footer.html"),
        r#"<p class="probe-footer">{{ site.title }}</p>"#,
    );
    use_theme(site.path(), "probe");
    let tree = build_tree(site.path());
    let page = |rel: &str| String::from_utf8(tree[rel].clone()).unwrap();

    // Each list shows its own sidebar, on every one of its pages.
    let all_1 = page("catalog/all/index.html");
    let all_2 = page("catalog/all/page/2/index.html");
    let agency = page("catalog/agency/szf/index.html");
    assert!(all_1.contains(r#"<p class="probe-list">/xxgk/catalog/all/</p>"#));
    assert!(all_2.contains(r#"<p class="probe-list">/xxgk/catalog/all/</p>"#));
    assert!(agency.contains(r#"<p class="probe-list">/xxgk/catalog/agency/szf/</p>"#));
    assert!(!agency.contains("catalog/all/</p>"));

    // The navigation marks each page's own section.
    assert!(page("index.html").contains("[home]"));
    assert!(all_1.contains("[catalog]"));
    assert!(page("404.html").contains("[]"));

    // The footer is on every page.
    for html in [page("index.html"), all_2, agency] {
        assert!(html.contains(r#"<p class="probe-footer">临江市人民政府信息公开</p>"#));
    }
}
