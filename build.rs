//! Gives the binary an identity that changes whenever its code does
//! (`GONGKAI_CODE_ID`): a page's fingerprint includes it, so a rebuild
//! with a changed gongkai re-renders every page instead of trusting pages
//! an older version rendered.

use std::hash::Hasher;
use std::path::Path;

fn main() {
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    collect(Path::new("themes/default"), &mut files);
    files.push(Path::new("Cargo.lock").to_path_buf());
    files.sort();
    let mut h = std::hash::DefaultHasher::new();
    for file in &files {
        h.write(file.to_string_lossy().as_bytes());
        h.write(&std::fs::read(file).unwrap_or_default());
    }
    println!("cargo:rustc-env=GONGKAI_CODE_ID={:016x}", h.finish());
    for dir in ["src", "themes/default", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}
