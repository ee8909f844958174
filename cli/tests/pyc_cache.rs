//! Compiled code kept in `__pycache__` (eval/src/codecache.rs), checked
//! against python3 running the same steps: the second run of a program
//! loads its modules from the `.pyc` files the first wrote (shown by a
//! source edit that keeps the file's size and mtime, which CPython's
//! header check cannot see either), a real change is recompiled,
//! tracebacks through cached code show their source lines, and `-B` /
//! `PYTHONDONTWRITEBYTECODE` write nothing.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

const INIT: &str = "from .mod import f\n";
const MOD_V1: &str = "def f(x):\n    return 'v1', 1 / x\n";
// Same length as MOD_V1.
const MOD_V2: &str = "def f(x):\n    return 'v2', 1 / x\n";
const MOD_V3: &str = "def f(x):\n    return 'v3!', 1 / x\n";
const MAIN: &str = "import sys, pkg\nprint(pkg.f(2))\nprint(pkg.mod.__cached__.rsplit('/', 2)[1:])\npkg.f(0)\n";

#[derive(Debug, PartialEq)]
struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

fn run(dir: &Path, pyx: bool, extra_env: Option<(&str, &str)>, dash_b: bool) -> Run {
    let mut cmd = if pyx { Command::new(env!("CARGO_BIN_EXE_pyx")) } else { Command::new("python3") };
    if dash_b {
        cmd.arg("-B");
    } else if pyx {
        cmd.arg("run");
    }
    cmd.arg("main.py").current_dir(dir).env_remove("PYTHONDONTWRITEBYTECODE").env_remove("PYTHONPYCACHEPREFIX");
    if let Some((k, v)) = extra_env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("spawn");
    let tag = if pyx { "pyx-311" } else { "cpython-311" };
    // The two interpreters name their cache files apart.
    let d = dir.display().to_string();
    let norm = |b: &[u8]| String::from_utf8_lossy(b).replace(tag, "TAG").replace(&d, "DIR");
    Run { stdout: norm(&out.stdout), stderr: norm(&out.stderr), code: out.status.code() }
}

fn write_keeping_stamp(path: &Path, text: &str, mtime: SystemTime) {
    std::fs::write(path, text).expect("write");
    let f = std::fs::File::options().write(true).open(path).expect("open");
    f.set_modified(mtime).expect("set mtime");
}

/// The steps, on a fresh directory; returns what each run printed and
/// whether `__pycache__` was written by the run that may write.
fn scenario(pyx: bool) -> Vec<Run> {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    std::fs::create_dir(dir.join("pkg")).expect("mkdir");
    std::fs::write(dir.join("main.py"), MAIN).expect("write");
    std::fs::write(dir.join("pkg/__init__.py"), INIT).expect("write");
    let m = dir.join("pkg/mod.py");
    std::fs::write(&m, MOD_V1).expect("write");
    let stamp = SystemTime::now() - Duration::from_secs(100);
    write_keeping_stamp(&m, MOD_V1, stamp);
    let cache = dir.join("pkg/__pycache__");
    let mut runs = Vec::new();
    // Nothing written under -B or PYTHONDONTWRITEBYTECODE.
    runs.push(run(dir, pyx, Some(("PYTHONDONTWRITEBYTECODE", "1")), false));
    runs.push(run(dir, pyx, None, true));
    assert!(!cache.exists(), "pyx={pyx}: __pycache__ written although bytecode writing is off");
    // First import writes the cache.
    runs.push(run(dir, pyx, None, false));
    assert!(cache.exists(), "pyx={pyx}: no __pycache__ written");
    // Same size and mtime: the cached code runs (v1 again).
    write_keeping_stamp(&m, MOD_V2, stamp);
    runs.push(run(dir, pyx, None, false));
    // A real change is seen (v3).
    write_keeping_stamp(&m, MOD_V3, stamp + Duration::from_secs(10));
    runs.push(run(dir, pyx, None, false));
    // And the rewritten cache serves it.
    runs.push(run(dir, pyx, None, false));
    runs
}

#[test]
fn pyc_files_behave_as_cpythons() {
    let ours = scenario(true);
    let theirs = scenario(false);
    assert!(theirs[3].stdout.contains("'v1'"), "python3 did not reuse its .pyc: {:?}", theirs[3]);
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        assert_eq!(a, b, "step {i} differs (pyx first, python3 second)");
    }
}
