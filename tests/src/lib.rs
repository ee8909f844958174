//! pyx-tests: end-to-end tests across crates — the standard-library corpus,
//! the CLI, and (later) LSP and DAP sessions.
//!
//! It must never be a dependency of another crate, and a test here must never
//! pass by skipping: a missing python3 or stdlib is a failure with a message.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `python3` every differential test compares against.
pub fn python3() -> &'static str {
    "python3"
}

/// The host CPython's standard library directory.
pub fn stdlib_dir() -> PathBuf {
    let out = Command::new(python3())
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output()
        .unwrap_or_else(|e| panic!("these tests need CPython 3.11 as `python3` on PATH: {e}"));
    assert!(out.status.success(), "python3 could not report its stdlib directory");
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim().to_string());
    assert!(dir.join("os.py").exists(), "no standard library at {}", dir.display());
    dir
}

/// Every `.py` file of the standard library (test/ included, site-packages
/// excluded), sorted.
pub fn stdlib_files() -> Vec<PathBuf> {
    let root = stdlib_dir();
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    out.sort();
    assert!(out.len() > 1000, "only {} .py files under {}", out.len(), root.display());
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

/// The path of a script under `tests/scripts/`.
pub fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts").join(name)
}

/// The project's shared reference tools (`../shared/tools` beside the
/// repository).
pub fn shared_tools() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/tools");
    assert!(
        dir.join("symtable_dump.py").exists(),
        "the reference tools are missing: expected {} (shared/ beside the repository)",
        dir.display()
    );
    dir
}

/// Run a reference script over every file, feeding the paths on stdin;
/// return its stdout lines.
pub fn run_reference(script_name: &str, args: &[&Path], files: &[PathBuf]) -> Vec<String> {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(python3())
        .arg(script(script_name))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be on PATH");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let list: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
    let writer = std::thread::spawn(move || stdin.write_all(list.as_bytes()));
    let out = child.wait_with_output().expect("reference script runs");
    writer.join().expect("writer thread").expect("write file list");
    assert!(out.status.success(), "{script_name} failed");
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect()
}

/// SHA-256 of a text, in hex.
pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(text.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
