//! `pyx check` end to end: the built binary on temporary projects. Output
//! formats are snapshots (insta, `cli/tests/snapshots/`); exit codes,
//! configuration errors, suppressions and discovery are asserted exactly.

use std::path::Path;
use std::process::Command;

struct Project {
    dir: tempfile::TempDir,
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

impl Project {
    fn new() -> Project {
        Project {
            dir: tempfile::Builder::new().prefix("pyx-check-").tempdir().expect("temp dir"),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Project {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dirs");
        std::fs::write(&path, contents).expect("write file");
        self
    }

    /// Run `pyx check ARGS` in the project directory (or `cwd` below it).
    fn check_in(&self, cwd: &str, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_pyx"))
            .arg("check")
            .args(args)
            .current_dir(self.root().join(cwd))
            .env_remove("NO_COLOR")
            .output()
            .expect("run pyx");
        let root = self.root().to_str().expect("utf-8 temp path").to_string();
        let clean = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&root, "[ROOT]");
        Run {
            stdout: clean(&output.stdout),
            stderr: clean(&output.stderr),
            code: output.status.code().expect("pyx exited, not killed"),
        }
    }

    fn check(&self, args: &[&str]) -> Run {
        self.check_in(".", args)
    }
}

impl Run {
    /// Both streams and the exit code, for snapshots and messages.
    fn all(&self) -> String {
        format!("exit code: {}\n--- stdout\n{}--- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

/// A small package with one finding of each kind (and a character before
/// a finding that takes two bytes, so columns in characters show).
fn fixture() -> Project {
    let p = Project::new();
    p.write("pkg/__init__.py", "")
        .write(
            "pkg/app.py",
            "\"\"\"An application with mistakes.\"\"\"\n\
             import os\n\
             import sys\n\
             from typing import List, Dict\n\
             \n\
             \n\
             def main(argv: List[str]) -> int:\n\
             \x20   result = 0\n\
             \x20   café = undefined_helper(argv)\n\
             \x20   return len(sys.argv)\n\
             \n\
             \n\
             import json\n\
             import json\n",
        )
        .write("pkg/broken.py", "def f(:\n    pass\n")
        .write("pkg/stub.pyi", "def g() -> int: ...\n");
    p
}

#[test]
fn output_format_full() {
    let run = fixture().check(&[]);
    assert_eq!(run.code, 1, "{}", run.all());
    insta::assert_snapshot!("full", run.all());
}

#[test]
fn output_format_concise() {
    let run = fixture().check(&["--output-format", "concise"]);
    assert_eq!(run.code, 1, "{}", run.all());
    insta::assert_snapshot!("concise", run.all());
}

#[test]
fn output_format_json() {
    let run = fixture().check(&["--output-format", "json"]);
    assert_eq!(run.code, 1, "{}", run.all());
    insta::assert_snapshot!("json", run.all());
    // It is JSON, and says what the schema says.
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("the json output parses");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["summary"]["files_checked"], 4);
    let diagnostics = doc["diagnostics"].as_array().expect("a diagnostics array");
    assert_eq!(diagnostics.len(), doc["summary"]["errors"].as_u64().unwrap() as usize + doc["summary"]["warnings"].as_u64().unwrap() as usize);
    for d in diagnostics {
        for key in ["path", "rule", "severity", "message"] {
            assert!(d[key].is_string(), "{key} in {d}");
        }
        for key in ["start", "end"] {
            assert!(d[key]["line"].as_u64().unwrap() >= 1, "{d}");
            assert!(d[key]["column"].as_u64().unwrap() >= 1, "{d}");
        }
        assert!(d["related"].is_array() && (d["fix"].is_null() || d["fix"].is_object()), "{d}");
    }
    // Columns count characters: `undefined_helper` follows `café = `.
    let undefined = diagnostics.iter().find(|d| d["rule"] == "undefined-name").expect("an undefined name");
    assert_eq!(undefined["start"], serde_json::json!({"line": 9, "column": 12}));
    assert_eq!(undefined["end"], serde_json::json!({"line": 9, "column": 28}));
    assert!(run.stderr.starts_with("Found "), "summary on stderr: {}", run.stderr);
}

#[test]
fn output_format_github() {
    let run = fixture().check(&["--output-format", "github"]);
    assert_eq!(run.code, 1, "{}", run.all());
    insta::assert_snapshot!("github", run.all());
    assert!(run.stdout.lines().all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")), "{}", run.stdout);
}

#[test]
fn output_format_sarif() {
    let run = fixture().check(&["--output-format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.all());
    let version_free = run.all().replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
    insta::assert_snapshot!("sarif", version_free);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("the sarif output parses");
    assert_eq!(doc["version"], "2.1.0");
    assert!(doc["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run0 = &doc["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "pyx");
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().any(|r| r["id"] == "unused-import"));
    for rule in rules {
        assert!(rule["shortDescription"]["text"].is_string(), "{rule}");
    }
    let results = run0["results"].as_array().expect("results");
    assert_eq!(results.len(), 9, "{}", run.stdout);
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"], "{r}");
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()), "{r}");
        assert!(r["message"]["text"].is_string(), "{r}");
        let location = &r["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"].as_str().unwrap().starts_with("pkg/"), "{r}");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1, "{r}");
    }
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let p = Project::new();
    p.write("a.py", "import os\n");
    assert!(!p.check(&[]).stdout.contains('\x1b'), "no terminal, no color");
    assert!(p.check(&["--color", "always"]).stdout.contains("\x1b["));
    assert!(!p.check(&["--color", "never"]).stdout.contains('\x1b'));
}

#[test]
fn exit_codes() {
    let p = Project::new();
    p.write("clean.py", "import os\nprint(os.sep)\n");
    let run = p.check(&[]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "All checks passed (1 file checked)\n", ""));

    // Warnings alone pass, unless warnings are errors.
    p.write("warn.py", "import sys\n");
    let run = p.check(&["--output-format", "concise"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "warn.py:1:8: warning[unused-import] `sys` imported but unused\nFound 1 diagnostic in 1 file: 1 warning (2 files checked)\n")
    );
    assert_eq!(p.check(&["--error-on-warning"]).code, 1);

    // Errors fail, unless told not to.
    p.write("err.py", "print(nope)\n");
    assert_eq!(p.check(&[]).code, 1);
    assert_eq!(p.check(&["--exit-zero"]).code, 0);

    // -q: no summary.
    let run = p.check(&["-q", "--output-format", "concise", "err.py"]);
    assert_eq!(run.stdout, "err.py:1:7: error[undefined-name] undefined name `nope`\n");
}

#[test]
fn missing_path() {
    let p = Project::new();
    p.write("a.py", "");
    let run = p.check(&["a.py", "nope.py", "missing_dir"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "pyx check: error: path 'nope.py' does not exist\npyx check: error: path 'missing_dir' does not exist\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let p = Project::new();
    p.write("a.py", "");
    assert_eq!(p.check(&["--output-format", "xml"]).code, 2);
    let run = p.check(&["--select", "unused-import,F401"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "pyx check: error: unknown rule `F401` in --select (known rules: syntax-error, undefined-name, unused-import, \
         unused-variable, unresolved-import, redefined-while-unused)\n"
    );
    let run = p.check(&["--ignore", "syntax-error"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "pyx check: error: --ignore: syntax-error is always an error: a file that does not parse cannot be checked\n"
    );
}

#[test]
fn no_python_files() {
    let p = Project::new();
    p.write("README.md", "# hi\n");
    let run = p.check(&[]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(run.stderr, "pyx check: warning: no Python files found under the given paths\n");
}

#[test]
fn config_errors_name_file_line_and_column() {
    let cases: &[(&str, &str)] = &[
        (
            "[tool.pyx]\nexclude = [\"build\"]\nincludes = [\"src\"]\n",
            "pyx check: error: [ROOT]/pyproject.toml:3:1: unknown field `includes`, expected one of `include`, \
             `exclude`, `extra-paths`, `python-version`, `python-platform`, `typeshed`, `rules`\n  | includes = [\"src\"]\n  | ^\n",
        ),
        (
            "[tool.pyx.rules]\nunused-import = \"warning\"\nunusd-variable = \"error\"\n",
            "pyx check: error: [ROOT]/pyproject.toml:3:1: unknown rule `unusd-variable` in [tool.pyx.rules] (known \
             rules: syntax-error, undefined-name, unused-import, unused-variable, unresolved-import, \
             redefined-while-unused)\n  | unusd-variable = \"error\"\n  | ^\n",
        ),
        (
            "[tool.pyx.rules]\nunused-import = \"off\"\n",
            "pyx check: error: [ROOT]/pyproject.toml:2:17: invalid level \"off\" for rule `unused-import`: expected \
             \"error\", \"warning\" or \"ignore\"\n  | unused-import = \"off\"\n  |                 ^\n",
        ),
        (
            "[tool.pyx]\npython-version = \"3\"\n",
            "pyx check: error: [ROOT]/pyproject.toml:2:18: python-version must be a version such as \"3.11\", not \
             \"3\"\n  | python-version = \"3\"\n  |                  ^\n",
        ),
        (
            "[tool.pyx]\nexclude = \"build\"\n",
            "pyx check: error: [ROOT]/pyproject.toml:2:11: invalid type: string \"build\", expected a sequence\n  | \
             exclude = \"build\"\n  |           ^\n",
        ),
        (
            "[project\nname = 'x'\n",
            "pyx check: error: [ROOT]/pyproject.toml:1:9: invalid table header\nexpected `.`, `]`\n  | [project\n  \
             |         ^\n",
        ),
    ];
    for (config, expected) in cases {
        let p = Project::new();
        p.write("pyproject.toml", config).write("a.py", "import os\n");
        let run = p.check(&[]);
        assert_eq!(run.code, 2, "{config}\n{}", run.all());
        assert_eq!(run.stdout, "", "{config}");
        assert_eq!(run.stderr, *expected, "{config}");
    }
}

#[test]
fn config_file_is_found_above_the_working_directory() {
    let p = Project::new();
    p.write("pyproject.toml", "[tool.pyx.rules]\nunused-import = \"error\"\n")
        .write("sub/a.py", "import os\n");
    let run = p.check_in("sub", &["--output-format", "concise"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(
        run.stdout,
        "a.py:1:8: error[unused-import] `os` imported but unused\nFound 1 diagnostic in 1 file: 1 error (1 file checked)\n"
    );
}

#[test]
fn config_flag() {
    let p = Project::new();
    p.write("a.py", "import os\n")
        .write("pyproject.toml", "[tool.pyx.rules]\nunused-import = \"error\"\n")
        .write("other/pyx.toml", "[rules]\nunused-import = \"ignore\"\n");
    assert_eq!(p.check(&["-q"]).code, 1);
    let run = p.check(&["--config", "other/pyx.toml"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "All checks passed (1 file checked)\n"), "{}", run.all());
    let run = p.check(&["--config", "nope.toml"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "pyx check: error: [ROOT]/nope.toml: configuration file does not exist\n");
}

#[test]
fn rule_levels_select_and_ignore() {
    let p = Project::new();
    p.write("a.py", "import os\n\ndef f():\n    x = 1\n    return y\n");
    let concise = |args: &[&str]| {
        let mut all = vec!["-q", "--output-format", "concise"];
        all.extend_from_slice(args);
        let run = p.check(&all);
        (run.code, run.stdout)
    };
    assert_eq!(
        concise(&[]),
        (
            1,
            "a.py:1:8: warning[unused-import] `os` imported but unused\n\
             a.py:4:5: warning[unused-variable] local variable `x` is assigned to but never used\n\
             a.py:5:12: error[undefined-name] undefined name `y`\n"
                .to_string()
        )
    );
    assert_eq!(
        concise(&["--select", "unused-import"]),
        (0, "a.py:1:8: warning[unused-import] `os` imported but unused\n".to_string())
    );
    assert_eq!(
        concise(&["--select", "unused-import", "--select", "unused-variable"]),
        (
            0,
            "a.py:1:8: warning[unused-import] `os` imported but unused\n\
             a.py:4:5: warning[unused-variable] local variable `x` is assigned to but never used\n"
                .to_string()
        )
    );
    assert_eq!(
        concise(&["--ignore", "undefined-name,unused-variable"]),
        (0, "a.py:1:8: warning[unused-import] `os` imported but unused\n".to_string())
    );
    p.write(
        "pyproject.toml",
        "[tool.pyx.rules]\nunused-import = \"error\"\nundefined-name = \"warning\"\nunused-variable = \"ignore\"\n",
    );
    assert_eq!(
        concise(&[]),
        (
            1,
            "a.py:1:8: error[unused-import] `os` imported but unused\n\
             a.py:5:12: warning[undefined-name] undefined name `y`\n"
                .to_string()
        )
    );
    // Selecting a rule the configuration turned off turns it back on.
    assert_eq!(
        concise(&["--select", "unused-variable"]),
        (0, "a.py:4:5: warning[unused-variable] local variable `x` is assigned to but never used\n".to_string())
    );
}

#[test]
fn suppression_comments() {
    let p = Project::new();
    p.write(
        "a.py",
        "import os  # type: ignore\n\
         import sys  # type: ignore[unused-import]\n\
         import re  # pyx: ignore[unused-import, undefined-name]\n\
         import json  # pyx: ignore\n\
         import abc  # type: ignore[import]\n\
         import ast  # pyx: ignore[undefined-name]\n\
         from collections import (  # type: ignore[unused-import]\n\
         \x20   OrderedDict,\n\
         \x20   deque,\n\
         )\n\
         from typing import (\n\
         \x20   Any,  # pyx: ignore[unused-import]\n\
         \x20   Dict,\n\
         )\n\
         print(f'{nope}')  # noqa  # type: ignore\n\
         s = '# type: ignore'; print(missing)\n",
    );
    let run = p.check(&["-q", "--output-format", "concise"]);
    assert_eq!(
        run.stdout,
        "a.py:5:8: warning[unused-import] `abc` imported but unused\n\
         a.py:6:8: warning[unused-import] `ast` imported but unused\n\
         a.py:13:5: warning[unused-import] `typing.Dict` imported but unused\n\
         a.py:16:29: error[undefined-name] undefined name `missing`\n",
        "{}",
        run.all()
    );
}

#[test]
fn whole_file_suppressions() {
    let p = Project::new();
    p.write("top.py", "#!/usr/bin/env python3\n# type: ignore\n\"\"\"Doc.\"\"\"\nimport os\nprint(nope)\n")
        .write("late.py", "\"\"\"Doc.\"\"\"\n# type: ignore\nimport os\n")
        .write("file.py", "import os\nprint(nope)\n# pyx: ignore-file[unused-import]\n")
        .write("syntax.py", "# type: ignore\ndef f(:\n");
    let run = p.check(&["-q", "--output-format", "concise"]);
    assert_eq!(
        run.stdout,
        "file.py:2:7: error[undefined-name] undefined name `nope`\n\
         late.py:3:8: warning[unused-import] `os` imported but unused\n\
         syntax.py:2:6: error[syntax-error] '(' was never closed\n",
        "{}",
        run.all()
    );
}

#[test]
fn discovery_skips_ignored_files_environments_and_excludes() {
    let p = Project::new();
    p.write(".gitignore", "generated/\n*_pb2.py\n")
        .write("pkg/mod.py", "import os\n")
        .write("pkg/types.pyi", "def f(x: Nope) -> int: ...\n")
        .write("pkg/notes.txt", "import os\n")
        .write("pkg/api_pb2.py", "import os\n")
        .write("generated/gen.py", "import os\n")
        .write("env/pyvenv.cfg", "home = /usr/bin\n")
        .write("env/lib/python3.11/site-packages/x.py", "import os\n")
        .write(".venv/lib/y.py", "import os\n")
        .write(".git/hooks/h.py", "import os\n")
        .write("pkg/__pycache__/c.py", "import os\n")
        .write("build/out.py", "import os\n")
        .write("docs/conf.py", "import os\n")
        .write("scripts/tool.py", "import os\n")
        .write("pyproject.toml", "[tool.pyx]\nexclude = [\"build\", \"docs/conf.py\"]\n");
    let run = p.check(&["-q", "--output-format", "concise"]);
    assert_eq!(
        run.stdout,
        "pkg/mod.py:1:8: warning[unused-import] `os` imported but unused\n\
         pkg/types.pyi:1:10: error[undefined-name] undefined name `Nope`\n\
         scripts/tool.py:1:8: warning[unused-import] `os` imported but unused\n",
        "{}",
        run.all()
    );
    // Files named on the command line are checked whatever the filters say.
    let run = p.check(&["-q", "--output-format", "concise", "build/out.py", "generated/gen.py", "pkg/notes.txt"]);
    assert_eq!(
        run.stdout,
        "build/out.py:1:8: warning[unused-import] `os` imported but unused\n\
         generated/gen.py:1:8: warning[unused-import] `os` imported but unused\n\
         pkg/notes.txt:1:8: warning[unused-import] `os` imported but unused\n",
        "{}",
        run.all()
    );
    // include limits the walk.
    p.write("pyproject.toml", "[tool.pyx]\ninclude = [\"scripts\"]\n");
    let run = p.check(&["-q", "--output-format", "concise"]);
    assert_eq!(run.stdout, "scripts/tool.py:1:8: warning[unused-import] `os` imported but unused\n", "{}", run.all());
}

#[test]
fn src_layout_with_a_virtualenv() {
    let p = Project::new();
    p.write("pyproject.toml", "[project]\nname = \"app\"\n")
        .write("src/app/__init__.py", "from app.core import run\n\n__all__ = [\"run\"]\n")
        .write("src/app/core.py", "import os\n\n\ndef run():\n    return undefined\n")
        .write("tests/test_core.py", "from app.core import run\n\n\ndef test_run():\n    assert run()\n")
        .write(".venv/pyvenv.cfg", "home = /usr/bin\n")
        .write(".venv/lib/python3.11/site-packages/dep/__init__.py", "import sys\n")
        .write("venv2/pyvenv.cfg", "home = /usr/bin\n")
        .write("venv2/lib/python3.11/site-packages/dep2/__init__.py", "import sys\n");
    let run = p.check(&["--output-format", "concise"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(
        run.stdout,
        "src/app/core.py:1:8: warning[unused-import] `os` imported but unused\n\
         src/app/core.py:5:12: error[undefined-name] undefined name `undefined`\n\
         Found 2 diagnostics in 1 file: 1 error, 1 warning (3 files checked)\n",
        "{}",
        run.all()
    );
}

#[test]
fn undecodable_files_are_diagnostics() {
    let p = Project::new();
    p.write("latin.py", b"s = 'caf\xe9'\n".as_slice())
        .write("declared.py", b"# -*- coding: latin-1 -*-\ns = 'caf\xe9'\n".as_slice())
        .write("bogus.py", b"# coding: no-such-codec\nx = 1\n".as_slice())
        .write("nul.py", b"x = 1\x00\n".as_slice())
        .write("third_line.py", b"x = 1\ny = 2\nz = \"\xff\"\n".as_slice())
        .write("ascii.py", b"# coding: ascii\nx = 1\ns = \"\xe9\"\n".as_slice());
    let run = p.check(&["--output-format", "concise", "-q"]);
    assert_eq!(run.code, 1, "{}", run.all());
    insta::assert_snapshot!("undecodable", run.all());
    assert!(!run.stdout.contains("declared.py"), "a declared encoding decodes: {}", run.stdout);
}

#[test]
fn github_properties_are_escaped() {
    let p = Project::new();
    p.write("a,b:c.py", "import os\n");
    let run = p.check(&["--output-format", "github"]);
    assert_eq!(
        run.stdout,
        "::warning file=a%2Cb%3Ac.py,line=1,col=8,endLine=1,endColumn=10,title=pyx (unused-import)::`os` imported but unused\n"
    );
}

#[test]
fn directories_and_files_together_are_deduplicated_and_sorted() {
    let p = Project::new();
    p.write("b.py", "import os\n").write("a/z.py", "import os\n").write("a/y.py", "import os\n");
    let run = p.check(&["-q", "--output-format", "concise", "b.py", ".", "a/y.py", "a"]);
    assert_eq!(
        run.stdout,
        "a/y.py:1:8: warning[unused-import] `os` imported but unused\n\
         a/z.py:1:8: warning[unused-import] `os` imported but unused\n\
         b.py:1:8: warning[unused-import] `os` imported but unused\n"
    );
}

#[test]
fn paths_outside_the_working_directory_are_absolute() {
    let p = Project::new();
    p.write("inner/a.py", "import os\n").write("outer.py", "import os\n");
    let run = p.check_in("inner", &["-q", "--output-format", "concise", "a.py", "../outer.py"]);
    assert_eq!(
        run.stdout,
        "a.py:1:8: warning[unused-import] `os` imported but unused\n\
         [ROOT]/outer.py:1:8: warning[unused-import] `os` imported but unused\n"
    );
}

#[test]
fn unreadable_files_exit_2_after_reporting_the_others() {
    let p = Project::new();
    p.write("a.py", "import os\n");
    std::os::unix::fs::symlink(p.root().join("nowhere"), p.root().join("broken.py")).expect("symlink");
    let run = p.check(&["--output-format", "concise", "broken.py", "a.py"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert_eq!(
        run.stdout,
        "a.py:1:8: warning[unused-import] `os` imported but unused\nFound 1 diagnostic in 1 file: 1 warning (2 files checked)\n"
    );
    assert_eq!(run.stderr, "pyx check: error: broken.py: cannot read: No such file or directory (os error 2)\n");
    // Walking a directory, a dangling link is not a Python file.
    let run = p.check(&["-q"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn module_resolution_uses_the_project_root_src_and_extra_paths() {
    let p = Project::new();
    p.write("vendor/vlib/__init__.py", "")
        .write("src/app/__init__.py", "")
        .write("main.py", "import vlib\nimport app\nimport nosuchmod\nfrom os import path\n\nprint(vlib, app, nosuchmod, path)\n");
    let run = p.check(&["-q", "--output-format", "concise"]);
    assert_eq!(
        run.stdout,
        "main.py:1:8: error[unresolved-import] Cannot resolve module 'vlib'\n\
         main.py:3:8: error[unresolved-import] Cannot resolve module 'nosuchmod'\n",
        "{}",
        run.all()
    );
    p.write("pyproject.toml", "[tool.pyx]\nextra-paths = [\"vendor\"]\n");
    let run = p.check(&["-q", "--output-format", "concise"]);
    assert_eq!(run.stdout, "main.py:3:8: error[unresolved-import] Cannot resolve module 'nosuchmod'\n", "{}", run.all());
    p.write("pyproject.toml", "[tool.pyx]\nextra-paths = [\"vendr\"]\n");
    let run = p.check(&["-q", "--output-format", "concise"]);
    assert_eq!(run.stderr, "pyx check: warning: extra path `[ROOT]/vendr` is not a directory\n");
}

#[test]
fn python_platform_decides_platform_checks() {
    let p = Project::new();
    p.write(
        "main.py",
        "import sys\nif sys.platform == \"win32\":\n    import winonly_missing\nelse:\n    import posixonly_missing\n",
    );
    // The host's platform by default (these tests run on Linux).
    let run = p.check(&["-q", "--output-format", "concise", "--select", "unresolved-import"]);
    assert_eq!(run.stdout, "main.py:5:12: error[unresolved-import] Cannot resolve module 'posixonly_missing'\n", "{}", run.all());
    p.write("pyproject.toml", "[tool.pyx]\npython-platform = \"win32\"\n");
    let run = p.check(&["-q", "--output-format", "concise", "--select", "unresolved-import"]);
    assert_eq!(run.stdout, "main.py:3:12: error[unresolved-import] Cannot resolve module 'winonly_missing'\n", "{}", run.all());
    p.write("pyproject.toml", "[tool.pyx]\npython-platform = \"Windows\"\n");
    let run = p.check(&["-q"]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("python-platform must be a value of sys.platform"), "{}", run.all());
}
