//! The `pyx` binary end to end, against `python3` where it has an answer.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pyx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pyx")).args(args).output().expect("run pyx")
}

fn python_ast(args: &[&str]) -> Output {
    Command::new("python3")
        .args(["-m", "ast"])
        .args(args)
        .output()
        .expect("these tests need CPython 3.11 as `python3` on PATH")
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/hello.py")
}

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pyx-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

#[test]
fn ast_output_is_python_m_ast_output() {
    let path = example();
    let p = path.to_str().expect("utf-8 path");
    for flags in [&[][..], &["-a"][..], &["--include-attributes"][..]] {
        let mut args = vec!["ast"];
        args.extend_from_slice(flags);
        args.push(p);
        let ours = pyx(&args);
        let mut pargs: Vec<&str> = flags.iter().map(|f| if *f == "--include-attributes" { "-a" } else { *f }).collect();
        pargs.push(p);
        let theirs = python_ast(&pargs);
        assert!(ours.status.success(), "pyx failed: {}", String::from_utf8_lossy(&ours.stderr));
        assert!(theirs.status.success());
        assert_eq!(String::from_utf8_lossy(&ours.stdout), String::from_utf8_lossy(&theirs.stdout), "flags {flags:?}");
    }
}

#[test]
fn syntax_error_is_reported_like_cpython() {
    let path = temp_file("bad.py", b"x = 1\nif x\n    pass\n");
    let p = path.to_str().expect("utf-8 path");
    let ours = pyx(&["ast", p]);
    let theirs = python_ast(&[p]);
    assert_eq!(ours.status.code(), Some(1));
    assert!(ours.stdout.is_empty());
    let ours_err = String::from_utf8_lossy(&ours.stderr).to_string();
    let theirs_err = String::from_utf8_lossy(&theirs.stderr).to_string();
    // CPython's report ends with the same four lines (after its traceback).
    let tail: Vec<&str> = theirs_err.lines().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    assert_eq!(ours_err.lines().collect::<Vec<_>>(), tail, "pyx:\n{ours_err}\ncpython:\n{theirs_err}");
}

#[test]
fn missing_file_exits_2_with_a_message() {
    let out = pyx(&["ast", "/nonexistent/dir/missing.py"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.py") && err.contains("No such file or directory"), "{err}");
}

#[test]
fn quiet_prints_a_summary_line() {
    let good = example();
    let bad = temp_file("bad2.py", b"def f(:\n");
    let out = pyx(&["ast", "--quiet", good.to_str().expect("utf-8"), bad.to_str().expect("utf-8")]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("2 files, "), "{text}");
    assert!(text.contains(" 1 with syntax errors, "), "{text}");
    assert!(text.contains(" seconds"), "{text}");
}

#[test]
fn version_and_usage() {
    let out = pyx(&["--version"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("pyx "));
    let out = pyx(&["ast"]);
    assert_eq!(out.status.code(), Some(2), "no file is a usage error");
    let out = pyx(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn non_utf8_source_with_a_cookie_is_decoded() {
    // Latin-1 with a coding cookie, as PEP 263 allows.
    let path = temp_file("latin1.py", b"# -*- coding: latin-1 -*-\ns = '\xe9t\xe9'\n");
    let p = path.to_str().expect("utf-8 path");
    let ours = pyx(&["ast", "-a", p]);
    let theirs = python_ast(&["-a", p]);
    assert!(ours.status.success(), "{}", String::from_utf8_lossy(&ours.stderr));
    assert_eq!(ours.stdout, theirs.stdout);
}
