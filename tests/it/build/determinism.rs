//! The same site gives the same bytes: across builds, output folders and
//! absolute locations of the site (no paths, clocks or hash-map order leak).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{assert_same_tree, build_ok, copy_site_to, fixture, read_tree};

#[test]
fn catalog_fixture_builds_byte_identically() {
    let first = tempfile::tempdir().unwrap();
    copy_site_to(&fixture("catalog"), first.path());
    let a = first.path().join("public");
    let b = first.path().join("elsewhere/deeper/site-output");
    build_ok(first.path(), &a, false);
    build_ok(first.path(), &b, false);

    // the same content at another absolute path, with a non-ASCII folder name
    let second = tempfile::tempdir().unwrap();
    let moved = second.path().join("另一个目录/站点");
    copy_site_to(&fixture("catalog"), &moved);
    let c = moved.join("public");
    build_ok(&moved, &c, false);

    let tree_a = read_tree(&a);
    assert!(
        tree_a.len() > 30,
        "the site was built ({} files)",
        tree_a.len()
    );
    assert_same_tree(
        &tree_a,
        &read_tree(&b),
        "two builds into different output folders",
    );
    assert_same_tree(
        &tree_a,
        &read_tree(&c),
        "builds of the site at two absolute paths",
    );

    // rebuilding in place over an existing public/ gives the same tree again
    build_ok(first.path(), &a, false);
    assert_same_tree(
        &tree_a,
        &read_tree(&a),
        "a rebuild over the previous output",
    );

    // and no absolute path of the machine leaks into any file
    let roots = [
        first.path().to_string_lossy().into_owned(),
        second.path().to_string_lossy().into_owned(),
    ];
    for (rel, bytes) in &tree_a {
        let text = String::from_utf8_lossy(bytes);
        for root in &roots {
            assert!(
                !text.contains(root.as_str()),
                "{rel} contains the absolute path {root}"
            );
        }
    }
}
