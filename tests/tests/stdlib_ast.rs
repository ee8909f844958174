//! Differential test: `pyx ast [-a] FILE` against `python3 -m ast [-a] FILE`
//! on every file of the host CPython's standard library.
//!
//! CPython's answers come from `tests/scripts/ast_reference.py` (hashes of
//! what `python3 -m ast` prints), computed in the same run. The test fails if
//! the number of agreeing files drops below `FLOOR`; raise the floor as pyx
//! improves. Set `PYX_SHOW_DIFFS=N` to see the first N disagreements.

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

use sha2::{Digest, Sha256};

/// Files (of ~1,790) on which pyx must agree with CPython, both with and
/// without `-a`, or fail the same way.
const FLOOR: usize = 1790;

fn sha(text: &str) -> String {
    let mut h = Sha256::new();
    h.update(text.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn stdlib_ast_agrees_with_cpython() {
    let files = pyx_tests::stdlib_files();
    let mut child = Command::new(pyx_tests::python3())
        .arg(pyx_tests::script("ast_reference.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be on PATH");
    {
        let mut stdin = child.stdin.take().expect("piped stdin");
        let list: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
        let writer = std::thread::spawn(move || stdin.write_all(list.as_bytes()));
        let out = child.wait_with_output().expect("ast_reference.py runs");
        writer.join().expect("writer thread").expect("write file list");
        assert!(out.status.success(), "ast_reference.py failed");
        let reference: HashMap<String, serde_json::Value> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("reference JSON");
                (v["path"].as_str().expect("path").to_string(), v)
            })
            .collect();
        assert_eq!(reference.len(), files.len(), "reference covers every file");

        let show: usize = std::env::var("PYX_SHOW_DIFFS").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut agree = 0;
        let mut disagree = Vec::new();
        for path in &files {
            let name = path.display().to_string();
            let expected = &reference[&name];
            let bytes = std::fs::read(path).expect("read stdlib file");
            let ok = if expected["ok"].as_bool() == Some(true) {
                let plain = pyx_cli::ast_command::ast_of(&name, &bytes, false);
                let attrs = pyx_cli::ast_command::ast_of(&name, &bytes, true);
                match (plain, attrs) {
                    (Ok(p), Ok(a)) => {
                        let good = sha(&p) == expected["plain"].as_str().unwrap_or("")
                            && sha(&a) == expected["attrs"].as_str().unwrap_or("");
                        if !good && disagree.len() < show {
                            show_diff(path, &a);
                        }
                        good
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        if disagree.len() < show {
                            eprintln!("--- {name}: pyx rejects a file CPython accepts:\n{}", e.text);
                        }
                        false
                    }
                }
            } else {
                match pyx_cli::ast_command::ast_of(&name, &bytes, false) {
                    Ok(_) => {
                        if disagree.len() < show {
                            eprintln!("--- {name}: pyx accepts a file CPython rejects: {expected}");
                        }
                        false
                    }
                    Err(e) => {
                        let want = format!("line {}\n", expected["lineno"].as_i64().unwrap_or(0));
                        let good = e.text.lines().next().is_some_and(|l| format!("{l}\n").ends_with(&want));
                        if !good && disagree.len() < show {
                            eprintln!("--- {name}: wrong error line; CPython: {expected}\npyx:\n{}", e.text);
                        }
                        good
                    }
                }
            };
            if ok {
                agree += 1;
            } else {
                disagree.push(name);
            }
        }
        println!("stdlib ast: {agree} of {} files agree with CPython", files.len());
        for d in disagree.iter().take(50) {
            println!("  disagree: {d}");
        }
        assert!(agree >= FLOOR, "agreement fell to {agree}, below the floor of {FLOOR}");
    }
}

fn show_diff(path: &std::path::Path, ours: &str) {
    let out = Command::new(pyx_tests::python3())
        .args(["-m", "ast", "-a"])
        .arg(path)
        .output()
        .expect("python3 -m ast");
    let theirs = String::from_utf8_lossy(&out.stdout);
    for (i, (a, b)) in ours.lines().zip(theirs.lines()).enumerate() {
        if a != b {
            eprintln!("--- {}: first difference at dump line {}:\n  pyx:     {a}\n  cpython: {b}", path.display(), i + 1);
            return;
        }
    }
    eprintln!("--- {}: dumps differ in length ({} vs {} lines)", path.display(), ours.lines().count(), theirs.lines().count());
}
