//! Pure-Python packages from PyPI under `pyx run` (issue 5): pip installs
//! the pinned packages of `tests/pypi/requirements.txt` into a temporary
//! directory, then every `tests/pypi/use_*.py` runs under `python3` and
//! under pyx with that directory on `PYTHONPATH`; stdout, stderr and the
//! exit code must be equal, and python3 itself must succeed (so a program
//! that broke under python3 cannot pass by failing the same way twice).
//!
//! pip needs the package index: without it this test fails, naming pip's
//! error, rather than passing without having run anything.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

fn run(cmd: &mut Command) -> (String, String, Option<i32>) {
    let out = cmd.output().expect("spawn");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code())
}

#[test]
fn pypi_packages_run_as_under_python3() {
    let dir = root().join("tests/pypi");
    let site = tempfile::tempdir().expect("temp dir");
    let (out, err, code) = run(Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile", "--no-deps", "--target"])
        .arg(site.path())
        .arg("-r")
        .arg(dir.join("requirements.txt")));
    assert_eq!(code, Some(0), "pip install failed:\n{out}\n{err}");

    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/pypi")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("use_") && n.ends_with(".py")))
        .collect();
    programs.sort();
    assert!(programs.len() >= 5, "expected a program per package in {}", dir.display());

    let mut failures = Vec::new();
    for prog in &programs {
        let name = prog.file_name().unwrap().to_string_lossy().into_owned();
        let py = run(Command::new("python3").arg(prog).current_dir(&dir).env("PYTHONPATH", site.path()).env_remove("PYTHONSTARTUP"));
        assert_eq!(py.2, Some(0), "{name} fails under python3:\n{}", py.1);
        let ours = run(Command::new(env!("CARGO_BIN_EXE_pyx")).arg("run").arg(prog).current_dir(&dir).env("PYTHONPATH", site.path()));
        if ours != py {
            failures.push(format!(
                "== {name}\n-- python3 stdout:\n{}\n-- pyx stdout:\n{}\n-- pyx stderr:\n{}\n-- exit codes: python3 {:?}, pyx {:?}",
                py.0, ours.0, ours.1, py.2, ours.2
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} PyPI programs differ:\n{}", failures.len(), programs.len(), failures.join("\n"));
    println!("{} of {} PyPI programs match python3", programs.len(), programs.len());
}
