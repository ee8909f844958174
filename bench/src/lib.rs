//! Helpers for the side-by-side parser benchmark in `benches/parse.rs`:
//! finding the host CPython's standard library and loading it into memory.
//! The peers being compared (rustpython-parser, CPython) are dev-dependencies
//! or subprocesses of the benchmark only; this library needs neither.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `python3` the benchmark compares against.
pub const PYTHON3: &str = "python3";

/// The host CPython's standard library directory.
pub fn stdlib_dir() -> PathBuf {
    let out = Command::new(PYTHON3)
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .unwrap_or_else(|e| panic!("the benchmark needs CPython 3.11 as `python3` on PATH: {e}"));
    assert!(out.status.success(), "python3 could not report its stdlib directory");
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim().to_string());
    assert!(dir.join("os.py").exists(), "no standard library at {}", dir.display());
    dir
}

/// Every `.py` file under `root` (test/ included; site-packages,
/// dist-packages and __pycache__ excluded), sorted.
pub fn py_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            let name = e.file_name();
            if dir == root && (name == "site-packages" || name == "dist-packages") {
                continue;
            }
            if name == "__pycache__" {
                continue;
            }
            walk(root, &path, out);
        } else if ft.is_file() && path.extension().is_some_and(|x| x == "py") {
            out.push(path);
        }
    }
}

/// One source file held in memory: its path, its size on disk and its text
/// decoded by pyx (PEP 263 / PEP 3120), or `None` if it does not decode.
pub struct SourceFile {
    pub path: PathBuf,
    pub bytes: usize,
    pub text: Option<String>,
}

pub fn load(paths: &[PathBuf]) -> Vec<SourceFile> {
    paths
        .iter()
        .map(|path| {
            let raw = std::fs::read(path).unwrap_or_else(|e| panic!("can't read {}: {e}", path.display()));
            let decoded = pyx_syntax::source::decode(&raw);
            let text = if decoded.error.is_none() { Some(decoded.text.into_owned()) } else { None };
            SourceFile { path: path.clone(), bytes: raw.len(), text }
        })
        .collect()
}
