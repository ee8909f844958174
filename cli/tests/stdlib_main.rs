//! Standard modules run as programs (`pyx run -m MODULE ARGS`) against
//! `python3 -m MODULE ARGS`: same arguments, same stdin, same files, same
//! environment; stdout, stderr and the exit code must be equal (after the
//! normalisations a case names, e.g. unittest's elapsed time).
//!
//! Cases that do not match yet are listed in `stdlib_main.known` with their
//! reason; the test fails when a listed case starts to match (remove it) or
//! an unlisted one stops matching, exactly as the corpus does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Case {
    name: &'static str,
    args: &'static [&'static str],
    stdin: &'static str,
    /// Files created in the case's working directory first.
    files: &'static [(&'static str, &'static str)],
    /// Compare only the exit code and that stdout matches this shape
    /// (`timeit` measures time).
    shape: Option<fn(&str) -> bool>,
}

const JSON_IN: &str = "{\"b\": [1, 2.5, {\"c\": null, \"d\": true}], \"a\": \"\\u00e9t\\u00e9\", \"e\": []}\n";

const TOKENIZE_SRC: &str = "def f(x, *, y=1):\n    return x + y  # sum\n\nprint(f'{f(1)!r:>4}', 0x1F, 1e-3)\n";

const AST_SRC: &str = "import os\nclass C(Base, metaclass=M):\n    x: int = 1\n    async def f(self, *a, **k):\n        async with g() as h:\n            await h\n        return [i for i in a if i]\nmatch p:\n    case [1, *rest] if rest: pass\n    case {'k': v}: pass\n";

const UNITTEST_A: &str = "import unittest\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        self.assertEqual(1 + 1, 2)\n\n    def test_fail(self):\n        self.assertEqual([1, 2], [1, 3])\n\n    def test_error(self):\n        {}['missing']\n\n    @unittest.skip('not today')\n    def test_skip(self):\n        pass\n\n    def test_sub(self):\n        for i in range(3):\n            with self.subTest(i=i):\n                self.assertLess(i, 2)\n";

const UNITTEST_B: &str = "import unittest\n\ndef setUpModule():\n    pass\n\nclass U(unittest.TestCase):\n    def setUp(self):\n        self.v = [3, 1, 2]\n\n    def test_sorted(self):\n        self.assertEqual(sorted(self.v), [1, 2, 3])\n\n    @unittest.expectedFailure\n    def test_expected(self):\n        self.assertTrue(False)\n";

fn timeit_shape(out: &str) -> bool {
    // "10 loops, best of 2: 51.2 nsec per loop"
    let line = out.trim_end();
    line.starts_with("10 loops, best of 2: ") && line.ends_with(" per loop") && !line.contains('\n')
}

const CASES: &[Case] = &[
    Case { name: "json_tool", args: &["json.tool"], stdin: JSON_IN, files: &[], shape: None },
    Case { name: "json_tool_sort_keys", args: &["json.tool", "--sort-keys", "--indent", "2"], stdin: JSON_IN, files: &[], shape: None },
    Case { name: "json_tool_compact", args: &["json.tool", "--compact", "--no-ensure-ascii"], stdin: JSON_IN, files: &[], shape: None },
    Case { name: "json_tool_bad", args: &["json.tool"], stdin: "{\"a\": [1, 2,]}\n", files: &[], shape: None },
    Case { name: "json_tool_file", args: &["json.tool", "in.json", "out.json"], stdin: "", files: &[("in.json", JSON_IN)], shape: None },
    Case { name: "calendar_year", args: &["calendar", "2024"], stdin: "", files: &[], shape: None },
    Case { name: "calendar_month", args: &["calendar", "2024", "2"], stdin: "", files: &[], shape: None },
    Case { name: "calendar_bad", args: &["calendar", "2024", "13"], stdin: "", files: &[], shape: None },
    Case { name: "ast_file", args: &["ast", "src.py"], stdin: "", files: &[("src.py", AST_SRC)], shape: None },
    Case { name: "ast_attributes", args: &["ast", "-a", "src.py"], stdin: "", files: &[("src.py", AST_SRC)], shape: None },
    Case { name: "tokenize_file", args: &["tokenize", "src.py"], stdin: "", files: &[("src.py", TOKENIZE_SRC)], shape: None },
    Case { name: "tokenize_exact", args: &["tokenize", "-e", "src.py"], stdin: "", files: &[("src.py", TOKENIZE_SRC)], shape: None },
    Case { name: "base64_encode", args: &["base64"], stdin: "hello, world \u{e9}\n", files: &[], shape: None },
    Case { name: "base64_decode", args: &["base64", "-d"], stdin: "aGVsbG8sIHdvcmxkIMOpCg==\n", files: &[], shape: None },
    Case { name: "timeit", args: &["timeit", "-n", "10", "-r", "2", "x = sum(range(100))"], stdin: "", files: &[], shape: Some(timeit_shape) },
    Case {
        name: "unittest_discover",
        args: &["unittest", "discover", "-s", "tests", "-v"],
        stdin: "",
        files: &[("tests/test_a.py", UNITTEST_A), ("tests/test_b.py", UNITTEST_B)],
        shape: None,
    },
    Case { name: "unittest_module", args: &["unittest", "test_b"], stdin: "", files: &[("test_b.py", UNITTEST_B)], shape: None },
    Case { name: "package_main", args: &["pkg", "x", "y"], stdin: "", files: &[("pkg/__init__.py", "print('init', __name__)\n"), ("pkg/__main__.py", "import sys\nprint('main', __name__, __package__, sys.argv[1:])\n")], shape: None },
    Case { name: "missing_module", args: &["no_such_module_xyz"], stdin: "", files: &[], shape: None },
];

struct Outcome {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(program: &str, pre: &[&str], case: &Case, dir: &Path) -> Outcome {
    let mut cmd = Command::new(program);
    cmd.args(pre).arg("-m").args(case.args).current_dir(dir);
    cmd.env_clear();
    cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd.env("LC_ALL", "C.UTF-8");
    cmd.env("PYTHONHASHSEED", "0");
    if let Ok(v) = std::env::var("PYX_STDLIB") {
        cmd.env("PYX_STDLIB", v);
    }
    if let Ok(v) = std::env::var("HOME") {
        cmd.env("HOME", v);
    }
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        let _ = stdin.write_all(case.stdin.as_bytes());
    }
    let out = child.wait_with_output().expect("wait");
    let norm = |b: &[u8]| {
        let s = String::from_utf8_lossy(b).replace(&format!("{}/", dir.display()), "");
        normalise_times(&s)
    };
    Outcome { stdout: norm(&out.stdout), stderr: norm(&out.stderr), code: out.status.code().unwrap_or(-1) }
}

/// unittest's "Ran N tests in 0.123s" → "Ran N tests in <time>"; runpy's
/// "/path/to/python3: No module named x" → "<exe>: No module named x"
/// (`sys.executable` differs).
fn normalise_times(s: &str) -> String {
    s.lines()
        .map(|l| match (l.starts_with("Ran "), l.rfind(" in ")) {
            (true, Some(k)) if l.ends_with('s') => format!("{}<time>", &l[..k + 4]),
            _ => match l.split_once(": ") {
                Some((exe, rest)) if exe.starts_with('/') && !exe.contains(' ') => format!("<exe>: {rest}"),
                _ => l.to_string(),
            },
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn setup(case: &Case, root: &Path, who: &str) -> PathBuf {
    let dir = root.join(format!("{}-{who}", case.name));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("case dir");
    for (path, text) in case.files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, text).expect("write case file");
    }
    dir
}

fn known() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stdlib_main.known");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (n, r) = l.split_once(' ').unwrap_or((l, ""));
            (n.to_string(), r.to_string())
        })
        .collect()
}

fn compare(case: &Case, root: &Path) -> Result<(), String> {
    // Each interpreter gets its own copy of the files, at paths of the same
    // length, so that outputs mentioning them compare after normalisation.
    let cdir = setup(case, root, "c");
    let pdir = setup(case, root, "p");
    let want = run("python3", &["-X", "utf8"], case, &cdir);
    let got = run(env!("CARGO_BIN_EXE_pyx"), &["run"], case, &pdir);
    if let Some(shape) = case.shape {
        if !shape(&want.stdout) {
            return Err(format!("python3's output does not have the expected shape: {:?}", want.stdout));
        }
        if got.code != want.code || !shape(&got.stdout) {
            return Err(format!("exit {} stdout {:?} stderr {:?}", got.code, got.stdout, first_lines(&got.stderr)));
        }
        return Ok(());
    }
    if case.name == "json_tool_file" {
        let w = std::fs::read_to_string(cdir.join("out.json")).unwrap_or_default();
        let g = std::fs::read_to_string(pdir.join("out.json")).unwrap_or_default();
        if w != g {
            return Err(format!("out.json differs: got {g:?} want {w:?}"));
        }
    }
    if got.code != want.code {
        return Err(format!("exit code {} want {}; stderr {:?}", got.code, want.code, first_lines(&got.stderr)));
    }
    if got.stdout != want.stdout {
        return Err(first_difference("stdout", &want.stdout, &got.stdout));
    }
    if got.stderr != want.stderr {
        return Err(first_difference("stderr", &want.stderr, &got.stderr));
    }
    Ok(())
}

fn first_lines(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(3)..].join(" | ")
}

fn first_difference(label: &str, want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    for i in 0..w.len().max(g.len()) {
        if w.get(i) != g.get(i) {
            return format!("{label} line {}: got {:?} want {:?}", i + 1, g.get(i).unwrap_or(&"<end>"), w.get(i).unwrap_or(&"<end>"));
        }
    }
    format!("{label} differs in line endings")
}

#[test]
fn python_m_modules_match_cpython() {
    let root = std::env::temp_dir().join(format!("pyx-m-{}", std::process::id()));
    let known = known();
    let mut problems = Vec::new();
    let mut passed = 0;
    for case in CASES {
        let res = compare(case, &root);
        match (res, known.get(case.name)) {
            (Ok(()), None) => passed += 1,
            (Ok(()), Some(_)) => problems.push(format!("{}: now matches, remove it from stdlib_main.known", case.name)),
            (Err(e), None) => problems.push(format!("{}: {e}", case.name)),
            (Err(e), Some(_)) => println!("known failure {}: {e}", case.name),
        }
    }
    for name in known.keys() {
        if !CASES.iter().any(|c| c.name == name) {
            problems.push(format!("{name}: listed in stdlib_main.known but there is no such case"));
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    println!("python -m cases: {passed} of {} match CPython", CASES.len());
    assert!(problems.is_empty(), "python -m problems:\n  {}", problems.join("\n  "));
}
