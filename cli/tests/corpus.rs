//! The interpreter corpus: every program in `tests/corpus/` run with
//! `pyx run NAME.py`, its stdout, stderr and exit code compared exactly with
//! what CPython 3.11 printed (recorded in `tests/corpus/expected/NAME.json`
//! by `tests/corpus/record.py`).
//!
//! Programs are run the way `record.py` runs `python3`: by relative path
//! with the working directory `tests/corpus`, stdin empty, and only `PATH`,
//! `LC_ALL=C.UTF-8` and `PYTHONHASHSEED=0` in the environment. The absolute
//! corpus directory followed by `/` is removed from the output (CPython
//! prints absolute script paths in tracebacks). Death by a signal counts as
//! exit code `-SIGNAL`, as Python's `subprocess` reports it.
//!
//! `tests/corpus/KNOWN_FAILURES` lists programs expected not to match yet,
//! one `NAME reason...` per line (`#` comments allowed). The test fails if
//! an unlisted program does not match, if a listed one now matches (remove
//! it from the list), if a program has no expectation or an expectation no
//! program, or if a listed name does not exist.
//!
//! `PYX_CORPUS=substring` runs only the programs whose name contains it;
//! `PYX_CORPUS_SHOW=N` shows the first N diffs (default 5);
//! `PYX_CORPUS_VMEM_KB=N` caps each run's address space (default 16 GiB,
//! 0 for no cap) so that a hostile program cannot exhaust the machine.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(10);
/// The corpus must not shrink below this many programs.
const MIN_PROGRAMS: usize = 220;
const NOT_PROGRAMS: [&str; 2] = ["record.py", "known.py"];

#[derive(Clone, PartialEq, Eq)]
struct Outcome {
    stdout: String,
    stderr: String,
    code: i64,
}

enum Run {
    Finished(Outcome),
    TimedOut(Outcome),
    Failed(String),
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus")
}

fn programs(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py") && !NOT_PROGRAMS.contains(&n.as_str()))
        .map(|n| n.trim_end_matches(".py").to_string())
        .collect()
}

fn expectations(dir: &Path) -> BTreeSet<String> {
    let Ok(entries) = std::fs::read_dir(dir.join("expected")) else {
        return BTreeSet::new();
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .map(|n| n.trim_end_matches(".json").to_string())
        .collect()
}

fn read_expected(dir: &Path, name: &str) -> Result<Outcome, String> {
    let path = dir.join("expected").join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let field = |k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_string);
    match (field("stdout"), field("stderr"), v.get("code").and_then(|c| c.as_i64())) {
        (Some(stdout), Some(stderr), Some(code)) => Ok(Outcome { stdout, stderr, code }),
        _ => Err(format!("{}: needs string stdout/stderr and integer code", path.display())),
    }
}

/// `NAME -> reason` from KNOWN_FAILURES.
fn known_failures(dir: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(dir.join("KNOWN_FAILURES")).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((n, r)) => (n.trim_end_matches(".py").to_string(), r.trim().to_string()),
            None => (l.trim_end_matches(".py").to_string(), String::new()),
        })
        .collect()
}

fn exit_code(status: std::process::ExitStatus) -> i64 {
    if let Some(c) = status.code() {
        return c as i64;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return -(sig as i64);
        }
    }
    i64::MIN
}

fn normalise(bytes: &[u8], prefixes: &[String]) -> String {
    let mut s = String::from_utf8_lossy(bytes).into_owned();
    for p in prefixes {
        s = s.replace(p.as_str(), "");
    }
    s
}

/// Address-space cap for each `pyx run`, in KiB: `PYX_CORPUS_VMEM_KB`,
/// default 16 GiB; 0 means no cap.
fn vmem_limit_kb() -> u64 {
    if !cfg!(unix) {
        return 0;
    }
    std::env::var("PYX_CORPUS_VMEM_KB").ok().and_then(|v| v.parse().ok()).unwrap_or(16 * 1024 * 1024)
}

fn run_program(dir: &Path, prefixes: &[String], name: &str) -> Run {
    let pyx = env!("CARGO_BIN_EXE_pyx");
    let script = format!("{name}.py");
    // Hostile programs must not take the machine down if pyx really tries
    // to allocate what they ask for: cap the address space (through the
    // shell's `ulimit -v`, which `exec` keeps) unless PYX_CORPUS_VMEM_KB=0.
    let mut command = if vmem_limit_kb() > 0 {
        let mut c = Command::new("/bin/sh");
        c.arg("-c")
            .arg(format!("ulimit -v {} && exec \"$0\" run \"$1\"", vmem_limit_kb()))
            .arg(pyx)
            .arg(&script);
        c
    } else {
        let mut c = Command::new(pyx);
        c.arg("run").arg(&script);
        c
    };
    let mut child = match command
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into()))
        .env("LC_ALL", "C.UTF-8")
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return Run::Failed(format!("cannot start pyx: {e}")),
    };
    let mut out_pipe = child.stdout.take().expect("piped stdout");
    let mut err_pipe = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                timed_out = true;
                break child.wait().ok();
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Run::Failed(format!("waiting for pyx: {e}")),
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    let outcome = Outcome {
        stdout: normalise(&stdout, prefixes),
        stderr: normalise(&stderr, prefixes),
        code: status.map(exit_code).unwrap_or(i64::MIN),
    };
    if timed_out {
        Run::TimedOut(outcome)
    } else {
        Run::Finished(outcome)
    }
}

/// A short unified-style diff: the common head and tail are skipped, a few
/// lines of context are kept, and at most 12 lines from each side shown.
fn diff(label: &str, expected: &str, actual: &str) -> String {
    if expected == actual {
        return String::new();
    }
    let e: Vec<&str> = expected.split_inclusive('\n').collect();
    let a: Vec<&str> = actual.split_inclusive('\n').collect();
    let mut head = 0;
    while head < e.len() && head < a.len() && e[head] == a[head] {
        head += 1;
    }
    let mut tail = 0;
    while tail < e.len() - head && tail < a.len() - head && e[e.len() - 1 - tail] == a[a.len() - 1 - tail] {
        tail += 1;
    }
    let mut out = format!("  --- {label} (expected, CPython)\n  +++ {label} (pyx)\n  @@ line {} @@\n", head + 1);
    let ctx = head.saturating_sub(2);
    for l in &e[ctx..head] {
        out.push_str(&format!("   {}\n", l.trim_end_matches('\n')));
    }
    let show = |sign: char, lines: &[&str], out: &mut String| {
        for l in lines.iter().take(12) {
            let shown = if l.ends_with('\n') { l.trim_end_matches('\n').to_string() } else { format!("{l}⏎(no newline)") };
            out.push_str(&format!("  {sign}{shown}\n"));
        }
        if lines.len() > 12 {
            out.push_str(&format!("  {sign}... {} more lines\n", lines.len() - 12));
        }
    };
    show('-', &e[head..e.len() - tail], &mut out);
    show('+', &a[head..a.len() - tail], &mut out);
    out
}

fn describe_mismatch(expected: &Outcome, actual: &Outcome) -> String {
    let mut s = String::new();
    s.push_str(&diff("stdout", &expected.stdout, &actual.stdout));
    s.push_str(&diff("stderr", &expected.stderr, &actual.stderr));
    if expected.code != actual.code {
        s.push_str(&format!("  exit code: expected {}, pyx {}\n", expected.code, actual.code));
    }
    s
}

#[test]
fn corpus_matches_cpython() {
    let dir = corpus_dir().canonicalize().expect("tests/corpus exists");
    let mut prefixes = vec![format!("{}/", dir.display())];
    let raw = format!("{}/", corpus_dir().display());
    if !prefixes.contains(&raw) {
        prefixes.push(raw);
    }
    let filter = std::env::var("PYX_CORPUS").unwrap_or_default();
    let show: usize = std::env::var("PYX_CORPUS_SHOW").ok().and_then(|s| s.parse().ok()).unwrap_or(5);

    let all_programs = programs(&dir);
    let all_expected = expectations(&dir);
    let known = known_failures(&dir);
    let mut problems: Vec<String> = Vec::new();

    if filter.is_empty() && all_programs.len() < MIN_PROGRAMS {
        problems.push(format!("only {} programs in tests/corpus (at least {MIN_PROGRAMS} expected)", all_programs.len()));
    }
    for name in all_programs.difference(&all_expected) {
        problems.push(format!("{name}: no recorded expectation (run `python3 tests/corpus/record.py {name}`)"));
    }
    for name in all_expected.difference(&all_programs) {
        problems.push(format!("expected/{name}.json has no program {name}.py"));
    }
    for name in known.keys() {
        if !all_programs.contains(name) {
            problems.push(format!("KNOWN_FAILURES lists {name}, which is not a corpus program"));
        }
    }

    let selected: Vec<String> = all_programs
        .intersection(&all_expected)
        .filter(|n| n.contains(filter.as_str()))
        .cloned()
        .collect();
    let queue = Arc::new(Mutex::new(selected.clone()));
    let results: Arc<Mutex<BTreeMap<String, Run>>> = Arc::new(Mutex::new(BTreeMap::new()));
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(1, 8);
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let (queue, results, dir, prefixes) = (queue.clone(), results.clone(), dir.clone(), prefixes.clone());
            std::thread::spawn(move || loop {
                let Some(name) = queue.lock().unwrap().pop() else { break };
                let run = run_program(&dir, &prefixes, &name);
                results.lock().unwrap().insert(name, run);
            })
        })
        .collect();
    for h in handles {
        h.join().expect("corpus worker");
    }
    let results = Arc::try_unwrap(results).ok().expect("workers done").into_inner().unwrap();

    let mut matched = 0;
    let mut shown = 0;
    let mut unexpected_failures = 0;
    let mut now_passing = Vec::new();
    let mut by_prefix: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for name in &selected {
        let prefix = name.split('_').next().unwrap_or("").to_string();
        let entry = by_prefix.entry(prefix).or_default();
        entry.1 += 1;
        let expected = match read_expected(&dir, name) {
            Ok(e) => e,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let verdict = match &results[name] {
            Run::Finished(actual) if *actual == expected => None,
            Run::Finished(actual) => Some(describe_mismatch(&expected, actual)),
            Run::TimedOut(actual) => Some(format!(
                "  timed out after {}s (killed)\n{}",
                TIMEOUT.as_secs(),
                describe_mismatch(&expected, actual)
            )),
            Run::Failed(why) => Some(format!("  {why}\n")),
        };
        match (verdict, known.get(name)) {
            (None, None) => {
                matched += 1;
                entry.0 += 1;
            }
            (None, Some(_)) => {
                matched += 1;
                entry.0 += 1;
                now_passing.push(name.clone());
            }
            (Some(_), Some(_)) => {}
            (Some(d), None) => {
                unexpected_failures += 1;
                if shown < show {
                    shown += 1;
                    eprintln!("{name}: output differs from CPython\n{d}");
                } else {
                    eprintln!("{name}: output differs from CPython (diff not shown; raise PYX_CORPUS_SHOW)");
                }
            }
        }
    }
    for name in &now_passing {
        problems.push(format!("{name}: now passes, remove from KNOWN_FAILURES"));
    }
    if unexpected_failures > 0 {
        problems.push(format!(
            "{unexpected_failures} program(s) not in KNOWN_FAILURES differ from CPython (see above)"
        ));
    }
    let per_prefix: Vec<String> = by_prefix.iter().map(|(p, (m, n))| format!("{p} {m}/{n}")).collect();
    // Written to stderr directly, not with eprintln!, so that the libtest
    // output capture does not hide the summary of a passing run.
    let mut err = std::io::stderr();
    let _ = writeln!(err, "corpus per prefix: {}", per_prefix.join(", "));
    let _ = writeln!(
        err,
        "corpus: {matched} of {} programs match CPython{}",
        selected.len(),
        if filter.is_empty() { String::new() } else { format!(" (PYX_CORPUS={filter})") }
    );
    if !problems.is_empty() {
        panic!("interpreter corpus problems:\n  {}", problems.join("\n  "));
    }
}
