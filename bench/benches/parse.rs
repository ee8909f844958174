//! Parse + lower the whole standard library, side by side with
//! rustpython-parser 0.4 and CPython's `ast.parse`, in one run.
//!
//!     cargo bench --manifest-path bench/Cargo.toml
//!
//! Environment: `PYX_BENCH_ROUNDS` (default 5) timed rounds per peer;
//! `PYX_BENCH_SKIP_CPYTHON=1` leaves CPython out (it is the slowest peer).
//!
//! Method: every `.py` file of the host CPython's stdlib is read and decoded
//! into memory first. A file is kept only if all three peers accept it; the
//! acceptance pass doubles as an untimed warm-up. Then each round times every
//! Rust peer once over all kept files (in the order of the file list) and
//! CPython once (a subprocess that loads the files, warms up untimed, then
//! times one pass of `ast.parse` in-process), so that background load
//! falls on all peers alike. Throughput is bytes of source on disk divided by
//! the wall-clock time of a pass; the table reports the best (fastest) round
//! and the median.

use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use pyx_bench::{load, py_files, stdlib_dir, SourceFile, PYTHON3};
use pyx_syntax::ParseOptions;
use rustpython_parser::ast::Fold;
use rustpython_parser::source_code::LinearLocator;
use rustpython_parser::Mode;

const OPTIONS: ParseOptions = ParseOptions { type_comments: false };

fn pyx_accepts(text: &str) -> bool {
    pyx_syntax::parse_module(text, OPTIONS).first_error().is_none()
}

fn rustpython_accepts(text: &str, path: &str) -> bool {
    rustpython_parser::parse(text, Mode::Module, path).is_ok()
}

/// One pass of a Rust peer over all files: (path, text) pairs.
type Pass = fn(&[(&str, &str)]);

fn pass_pyx_parse_module(files: &[(&str, &str)]) {
    for (_, text) in files {
        black_box(pyx_syntax::parse_module(black_box(text), OPTIONS));
    }
}

fn pass_pyx_parse(files: &[(&str, &str)]) {
    for (_, text) in files {
        black_box(pyx_syntax::parse(black_box(text)));
    }
}

fn pass_rustpython(files: &[(&str, &str)]) {
    for (path, text) in files {
        black_box(rustpython_parser::parse(black_box(text), Mode::Module, path).unwrap());
    }
}

fn pass_rustpython_located(files: &[(&str, &str)]) {
    for (path, text) in files {
        let module = rustpython_parser::parse(black_box(text), Mode::Module, path).unwrap();
        let mut locator = LinearLocator::new(text);
        black_box(locator.fold(module).unwrap());
    }
}

/// The Rust peers: table name, short name for progress lines, one pass.
const PEERS: &[(&str, &str, Pass)] = &[
    ("pyx parse_module (tree + AST)", "pyx", pass_pyx_parse_module),
    ("pyx parse (lossless tree only)", "pyx-tree", pass_pyx_parse),
    ("rustpython-parser 0.4 parse", "rustpython", pass_rustpython),
    ("rustpython-parser 0.4 + line/col", "rustpython+loc", pass_rustpython_located),
];

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts").join("cpython_parse.py")
}

fn write_list(files: &[&SourceFile], name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("pyx-bench-{}-{name}.txt", std::process::id()));
    let mut f = std::fs::File::create(&path).expect("write the file list");
    for sf in files {
        writeln!(f, "{}", sf.path.display()).unwrap();
    }
    path
}

fn run_cpython(args: &[&str]) -> serde_json::Value {
    let out = Command::new(PYTHON3)
        .arg(script())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("the benchmark needs `python3` on PATH: {e}"));
    assert!(
        out.status.success(),
        "{} {} failed:\n{}",
        script().display(),
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cpython_parse.py prints one JSON object")
}

fn command_line(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn min(xs: &[f64]) -> f64 {
    xs.iter().copied().fold(f64::INFINITY, f64::min)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported.
    let rounds: usize = std::env::var("PYX_BENCH_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
    let skip_cpython = std::env::var("PYX_BENCH_SKIP_CPYTHON").is_ok_and(|v| v == "1");

    let python_version = command_line(PYTHON3, &["--version"]).unwrap_or_else(|| "python3: not found".into());
    let git = command_line("git", &["-C", env!("CARGO_MANIFEST_DIR"), "rev-parse", "--short", "HEAD"]);
    let dirty = command_line("git", &["-C", env!("CARGO_MANIFEST_DIR"), "status", "--porcelain", "--", "../syntax"])
        .is_some_and(|s| !s.is_empty());
    println!("pyx-syntax parse benchmark: the standard library, side by side");
    println!("  {}", env!("PYX_BENCH_RUSTC_VERSION"));
    println!("  {python_version}");
    println!(
        "  CPUs: {} ({}); load average at start: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        cpu_model(),
        load_average()
    );
    if let Some(g) = git {
        println!("  pyx commit: {g}{}", if dirty { " (syntax/ has uncommitted changes)" } else { "" });
    }

    let root = stdlib_dir();
    let paths = py_files(&root);
    assert!(paths.len() > 1000, "only {} .py files under {}", paths.len(), root.display());
    let all = load(&paths);
    let all_bytes: usize = all.iter().map(|f| f.bytes).sum();
    println!("  stdlib: {} ({} .py files, {:.2} MB)", root.display(), all.len(), all_bytes as f64 / 1e6);

    // Acceptance (and warm-up) pass: which peers reject each file.
    let mut rejects: Vec<Vec<&'static str>> = Vec::with_capacity(all.len());
    for sf in &all {
        let path = sf.path.to_string_lossy();
        let mut who = Vec::new();
        match &sf.text {
            None => who.push("pyx (decoding)"),
            Some(text) => {
                if !pyx_accepts(text) {
                    who.push("pyx");
                }
                if !rustpython_accepts(text, &path) {
                    who.push("rustpython-parser");
                }
            }
        }
        rejects.push(who);
    }
    let check_list = write_list(&all.iter().collect::<Vec<_>>(), "all");
    let check = run_cpython(&["check", check_list.to_str().unwrap()]);
    let _ = std::fs::remove_file(&check_list);
    let cpython_rejected: std::collections::HashSet<String> = check["rejected"]
        .as_array()
        .expect("rejected list")
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    for (sf, who) in all.iter().zip(rejects.iter_mut()) {
        if cpython_rejected.contains(sf.path.to_string_lossy().as_ref()) {
            who.push("CPython");
        }
    }
    let count = |name: &str| rejects.iter().filter(|w| w.iter().any(|p| p.starts_with(name))).count();
    let kept: Vec<&SourceFile> = all.iter().zip(&rejects).filter(|(_, w)| w.is_empty()).map(|(sf, _)| sf).collect();
    let kept_bytes: usize = kept.iter().map(|f| f.bytes).sum();
    let mb = kept_bytes as f64 / 1e6;
    println!(
        "  kept {} files ({mb:.2} MB) that all peers accept; excluded {} (rejected by pyx: {}, rustpython-parser: {}, CPython: {})",
        kept.len(),
        all.len() - kept.len(),
        count("pyx"),
        count("rustpython"),
        count("CPython"),
    );
    for (sf, who) in all.iter().zip(&rejects) {
        if !who.is_empty() {
            let short = sf.path.strip_prefix(&root).unwrap_or(&sf.path);
            println!("    excluded {}  (rejected by {})", short.display(), who.join(", "));
        }
    }
    let files: Vec<(&str, &str)> = kept
        .iter()
        .map(|sf| (sf.path.to_str().expect("UTF-8 path"), sf.text.as_deref().unwrap()))
        .collect();
    let kept_list = write_list(&kept, "kept");

    // Timed rounds, peers interleaved.
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); PEERS.len() + 1];
    let mut cpython_version = String::new();
    for round in 0..rounds {
        eprint!("  round {}/{rounds}:", round + 1);
        for (i, (_, short, pass)) in PEERS.iter().enumerate() {
            let start = Instant::now();
            pass(&files);
            let secs = start.elapsed().as_secs_f64();
            eprint!(" {short}={secs:.3}s");
            times[i].push(secs);
        }
        if !skip_cpython {
            let out = run_cpython(&["time", kept_list.to_str().unwrap(), "1"]);
            assert_eq!(out["bytes"].as_u64(), Some(kept_bytes as u64), "CPython read different bytes");
            cpython_version = out["version"].as_str().unwrap_or("?").to_string();
            let secs = out["seconds"][0].as_f64().unwrap();
            eprint!(" cpython={secs:.3}s");
            times[PEERS.len()].push(secs);
        }
        eprintln!();
    }
    let _ = std::fs::remove_file(&kept_list);

    let mut names: Vec<String> = PEERS.iter().map(|(n, _, _)| n.to_string()).collect();
    names.push(format!("CPython {cpython_version} ast.parse"));
    let pyx_best = min(&times[0]);
    println!();
    println!(
        "{rounds} rounds over {} files, {mb:.2} MB; load average at end: {}",
        files.len(),
        load_average()
    );
    println!("| {:<34} | {:>11} | {:>13} | {:>11} | {:>13} | {:>22} |",
        "peer", "MB/s (best)", "MB/s (median)", "s (best)", "s (median)", "pyx parse_module is …");
    println!("| {:-<34} | {:->11}:| {:->13}:| {:->11}:| {:->13}:| {:->22}:|", "", "", "", "", "", "");
    for (i, name) in names.iter().enumerate() {
        if times[i].is_empty() {
            continue;
        }
        let best = min(&times[i]);
        let med = median(&times[i]);
        let ratio = if i == 0 { "1.00x (reference)".to_string() } else { format!("{:.2}x as fast", best / pyx_best) };
        println!(
            "| {:<34} | {:>11.1} | {:>13.1} | {:>11.3} | {:>13.3} | {:>22} |",
            name,
            mb / best,
            mb / med,
            best,
            med,
            ratio
        );
    }
    let rp_best = min(&times[2]);
    println!();
    println!(
        "pyx parse_module vs rustpython-parser 0.4: {:.2}x the throughput (goal: at least 2x)",
        rp_best / pyx_best
    );
    println!("pyx parse (tree only) vs rustpython-parser 0.4: {:.2}x the throughput", rp_best / min(&times[1]));
}
