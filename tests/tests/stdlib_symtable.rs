//! Differential test: `pyx symtable FILE` against CPython's own symbol
//! tables (`shared/tools/symtable_dump.py`) on every stdlib file.

use std::collections::HashMap;

/// Files (of ~1,790) whose tables must match exactly (or fail identically).
const FLOOR: usize = 1790;

#[test]
fn stdlib_symtables_agree_with_cpython() {
    let files = pyx_tests::stdlib_files();
    let tools = pyx_tests::shared_tools();
    let lines = pyx_tests::run_reference("symtable_reference.py", &[&tools], &files);
    let reference: HashMap<String, serde_json::Value> = lines
        .iter()
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
        let (text, exit) = match pyx_cli::symtable_command::symtable_of(&bytes) {
            Ok(t) => (t, 0),
            Err(t) => (t, 1),
        };
        let ok = pyx_tests::sha256_hex(&text) == expected["sha"].as_str().unwrap_or("")
            && expected["exit"].as_i64() == Some(exit);
        if ok {
            agree += 1;
        } else {
            if disagree.len() < show {
                show_diff(path, &text);
            }
            disagree.push(name);
        }
    }
    println!("stdlib symtable: {agree} of {} files agree with CPython", files.len());
    for d in disagree.iter().take(50) {
        println!("  disagree: {d}");
    }
    assert!(agree >= FLOOR, "agreement fell to {agree}, below the floor of {FLOOR}");
}

fn show_diff(path: &std::path::Path, ours: &str) {
    let out = std::process::Command::new(pyx_tests::python3())
        .arg(pyx_tests::shared_tools().join("symtable_dump.py"))
        .arg(path)
        .output()
        .expect("python3 symtable_dump.py");
    let theirs = String::from_utf8_lossy(&out.stdout);
    for (i, (a, b)) in ours.lines().zip(theirs.lines()).enumerate() {
        if a != b {
            eprintln!("--- {}: first difference at line {}:\n  pyx:     {a}\n  cpython: {b}", path.display(), i + 1);
            return;
        }
    }
    eprintln!("--- {}: outputs differ in length ({} vs {} lines)", path.display(), ours.lines().count(), theirs.lines().count());
}
