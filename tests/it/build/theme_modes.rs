//! The default theme's 长者模式 switch, phone menu and read-aloud controls, as
//! built, in both interface languages. How they behave in a browser (sizes,
//! targets, the no-script path, speech) is measured by
//! `tests/browser/elder.test.mjs`; here: every page carries them, worded in
//! the site's language, wired by the ids the stylesheet and script rely on.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{build_ok, read_tree, temp_site, write};

fn built(language: Option<&str>) -> std::collections::BTreeMap<String, String> {
    let site = temp_site("minimal");
    if let Some(lang) = language {
        let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
        write(
            site.path().join("site.yaml"),
            format!("{yaml}language: {lang}\n"),
        );
    }
    let out = tempfile::tempdir().unwrap();
    build_ok(site.path(), &out.path().join("public"), false);
    read_tree(&out.path().join("public"))
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// What one interface language calls the controls.
struct Words {
    /// `language:` in site.yaml (`None`: the default, zh-CN)
    language: Option<&'static str>,
    enter: &'static str,
    leave: &'static str,
    toggle: &'static str,
    menu: &'static str,
    read: &'static str,
    /// a status the script shows, as it stands in the gk-strings block
    done: &'static str,
}

const CASES: &[Words] = &[
    Words {
        language: None,
        enter: "长者模式",
        leave: "退出长者模式",
        toggle: "长者模式",
        menu: "菜单",
        read: "朗读全文",
        done: r#""read_done":"朗读结束""#,
    },
    Words {
        language: Some("en"),
        enter: "Senior mode",
        leave: "Leave senior mode",
        toggle: "Senior mode",
        menu: "Menu",
        read: "Read aloud",
        done: r#""read_done":"Finished reading""#,
    },
];

#[test]
fn every_page_has_the_elder_mode_switch_and_the_phone_menu_in_the_site_language() {
    for w in CASES {
        let (lang, enter, leave, toggle, menu) = (w.language, w.enter, w.leave, w.toggle, w.menu);
        let pages = built(lang);
        assert!(pages.len() > 2, "{lang:?}: only {} pages", pages.len());
        for (path, html) in &pages {
            if html.contains("http-equiv=\"refresh\"") {
                continue; // a redirect page has no chrome
            }
            let expect = [
                // the no-script path: the links go to the empty targets site.css keys on
                r#"<span id="elder" hidden></span><span id="standard" hidden></span>"#.to_string(),
                format!(
                    r##"<a class="elder-link elder-enter" href="#elder">{enter}</a><a class="elder-link elder-leave" href="#standard">{leave}</a>"##
                ),
                format!(
                    r#"<button type="button" class="elder-toggle" id="elder-toggle" aria-pressed="false" hidden>{toggle}</button>"#
                ),
                format!(
                    r#"<button type="button" class="menu-toggle" id="menu-toggle" aria-expanded="false" aria-controls="main-nav"><span class="menu-icon" aria-hidden="true"></span>{menu}</button>"#
                ),
                r#"<nav class="main-nav" id="main-nav" "#.to_string(),
                // applied before first paint from this browser's choice
                r#"if(s.getItem("gk-elder")==="1")c.add("elder")"#.to_string(),
                w.done.to_string(),
            ];
            for piece in &expect {
                assert!(
                    html.contains(piece.as_str()),
                    "{lang:?} {path} lacks {piece}"
                );
            }
        }
    }
}

#[test]
fn document_pages_offer_read_aloud_hidden_until_the_script_finds_speech() {
    for w in CASES {
        let (lang, read) = (w.language, w.read);
        let pages = built(lang);
        let doc = &pages["xxgk/tongzhi-1/index.html"];
        let controls = format!(
            r#"<span class="read-aloud" hidden><button type="button" class="read-button" aria-pressed="false"><span class="read-icon" aria-hidden="true"></span>{read}</button>"#
        );
        assert!(
            doc.contains(&controls),
            "{lang:?}: no read-aloud controls on the document page"
        );
        assert!(
            doc.contains(r#"<span class="read-status" role="status"></span>"#),
            "{lang:?}: no live status"
        );
        assert!(
            !pages["index.html"].contains("read-aloud"),
            "{lang:?}: the home page has no body text to read"
        );
    }
}
