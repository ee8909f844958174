#!/usr/bin/env python3
"""Language-server latency, side by side (issue 6, "Must show" 3).

For each server: start it, `initialize` on a generated 20-file project,
open the host CPython's Lib/typing.py and one project file, and measure

- the time from `initialize` to the first diagnostics of the project file,
- then, over ROUNDS rounds: an incremental edit of the project file, the
  round trip of a completion after `helpers.` (a module attribute), of a
  hover, of a completion in typing.py, and the time until the diagnostics
  of the new version arrive.

Prints median and p95 of each, per server, and pyls's ratio to each peer.

    python3 lsp/bench/latency.py --pyls target/release/pyls \
        [--pylsp /path/to/pylsp] [--pyright /path/to/pyright-langserver]

No dependencies beyond the standard library. Not a test: run it by hand.
"""

import argparse
import ast
import json
import os
import queue
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path

ROUNDS = 30


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


class Server:
    def __init__(self, argv, cwd):
        self.p = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.q = queue.Queue()
        self.next_id = 1
        self.pending = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.p.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.q.put(None)
                    return
                line = line.decode("ascii", "replace").strip()
                if not line:
                    break
                k, _, v = line.partition(":")
                headers[k.strip().lower()] = v.strip()
            body = out.read(int(headers.get("content-length", "0")))
            self.q.put(json.loads(body))

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def _next(self, timeout=120):
        m = self.q.get(timeout=timeout)
        if m is None:
            raise RuntimeError("server exited")
        if "method" in m and "id" in m:
            # A request from the server (configuration, registration): answer.
            result = None
            if m["method"] == "workspace/configuration":
                result = [None for _ in m["params"].get("items", [])]
            self.send({"jsonrpc": "2.0", "id": m["id"], "result": result})
            return self._next(timeout)
        return m

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            m = self._next()
            if m.get("id") == rid and "method" not in m:
                return m
            self.pending.append(m)

    def wait_diagnostics(self, uri, version=None):
        def match(m):
            return (m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                    and (version is None or m["params"].get("version") in (version, None)))
        for i, m in enumerate(self.pending):
            if match(m):
                del self.pending[i]
                return m
        while True:
            m = self._next()
            if match(m):
                return m
            self.pending.append(m)

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.p.wait(timeout=10)
        except Exception:
            self.p.kill()


def make_project(root: Path):
    """20 files: a helpers module, and modules that import it and each other."""
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "helpers.py").write_text(
        "\n".join(
            f"def helper_{i}(value: int, scale: float = 1.0) -> float:\n    \"\"\"Helper {i}.\"\"\"\n    return value * scale\n"
            for i in range(40)
        )
        + "\nclass Registry:\n    def register(self, name: str) -> None: ...\n"
    )
    for n in range(18):
        prev = f"from pkg import mod_{n - 1:02}\n" if n else ""
        body = f"import os\nfrom pkg import helpers\n{prev}\n\n"
        for f in range(15):
            body += f"def func_{n}_{f}(a, b=2):\n    total = helpers.helper_{f}(a) + b\n    return total\n\n"
        body += "def work():\n    x = helpers.helper_1(3)\n    return x\n"
        (root / "pkg" / f"mod_{n:02}.py").write_text(body)
    (root / "pyproject.toml").write_text("[project]\nname = 'bench'\n")


def uri(p: Path) -> str:
    return p.resolve().as_uri()


def run(name, argv, root: Path, typing_py: Path):
    target = root / "pkg" / "mod_05.py"
    text = target.read_text()
    lines = text.split("\n")
    work_line = lines.index("def work():")
    # Above the edits, so it does not move: `helper_14` in func_5_14.
    hover_line = lines.index("def func_5_14(a, b=2):") + 1
    hover_char = len("    total = helpers.hel")
    s = Server(argv, root)
    t0 = time.perf_counter()
    s.request("initialize", {
        "processId": os.getpid(),
        "rootUri": uri(root),
        "workspaceFolders": [{"uri": uri(root), "name": "bench"}],
        "capabilities": {
            "textDocument": {
                "publishDiagnostics": {"versionSupport": True},
                "completion": {"completionItem": {"snippetSupport": False}},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
            },
            "workspace": {"configuration": True, "workspaceFolders": True},
        },
    })
    s.notify("initialized", {})
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri(target), "languageId": "python", "version": 1, "text": text}})
    s.wait_diagnostics(uri(target))
    first_diag = time.perf_counter() - t0
    typing_text = typing_py.read_text()
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri(typing_py), "languageId": "python", "version": 1, "text": typing_text}})
    typing_lines = typing_text.split("\n")
    # Inside the body of `def _type_check` in typing.py, after its
    # docstring: a fresh line where `is` is being typed (names in scope:
    # locals, the module's globals, builtins).
    fn = next(n for n in ast.parse(typing_text).body if isinstance(n, ast.FunctionDef) and n.name == "_type_check")
    tline = fn.body[1].lineno - 1
    s.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(typing_py), "version": 2},
        "contentChanges": [{"range": {"start": {"line": tline, "character": 0}, "end": {"line": tline, "character": 0}}, "text": "    is\n"}],
    })
    tchar = len("    is")

    completion, hover, typing_completion, diagnostics = [], [], [], []
    version = 1
    for r in range(ROUNDS):
        version += 1
        # Type a new statement at the start of work(): `    y = helpers.`
        new = f"    y{r} = helpers."
        s.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(target), "version": version},
            "contentChanges": [{"range": {"start": {"line": work_line + 1, "character": 0}, "end": {"line": work_line + 1, "character": 0}}, "text": new + "\n"}],
        })
        t = time.perf_counter()
        c = s.request("textDocument/completion", {"textDocument": {"uri": uri(target)}, "position": {"line": work_line + 1, "character": len(new)}})
        completion.append(time.perf_counter() - t)
        res = c.get("result")
        items = res.get("items", []) if isinstance(res, dict) else (res or [])
        if r == 0 and not any(str(i.get("label", "")).startswith("helper_3") for i in items):
            print(f"  warning: {name}: completion after `helpers.` lacks helper_3 ({len(items)} items)", file=sys.stderr)
        t = time.perf_counter()
        s.request("textDocument/hover", {"textDocument": {"uri": uri(target)}, "position": {"line": hover_line, "character": hover_char}})
        hover.append(time.perf_counter() - t)
        t = time.perf_counter()
        c = s.request("textDocument/completion", {"textDocument": {"uri": uri(typing_py)}, "position": {"line": tline, "character": tchar}})
        typing_completion.append(time.perf_counter() - t)
        res = c.get("result")
        items = res.get("items", []) if isinstance(res, dict) else (res or [])
        if r == 0 and not any(i.get("label") == "isinstance" for i in items):
            print(f"  warning: {name}: completion in typing.py lacks isinstance ({len(items)} items)", file=sys.stderr)
        # Diagnostics of this version (measured from the edit's completion
        # request onwards; the edit was sent just before it).
        t = time.perf_counter()
        # Finish the statement so the file parses again, then wait.
        version += 1
        s.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(target), "version": version},
            "contentChanges": [{"range": {"start": {"line": work_line + 1, "character": len(new)}, "end": {"line": work_line + 1, "character": len(new)}}, "text": "helper_2"}],
        })
        s.wait_diagnostics(uri(target), version)
        diagnostics.append(time.perf_counter() - t)
    s.close()
    return {"first diagnostics": [first_diag], "completion": completion, "hover": hover,
            "completion in typing.py": typing_completion, "diagnostics after edit": diagnostics}


def rss_kib(pid):
    """Resident memory of a process and its descendants (Linux /proc)."""
    total = 0
    children = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d.name))
            except (OSError, ValueError, IndexError):
                pass
    stack = [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            for line in (Path("/proc") / str(p) / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def memory(name, argv, root: Path):
    """Open the standard library's 100 largest files; resident memory once
    their diagnostics are in."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = [p for p in stdlib.rglob("*.py") if "site-packages" not in p.parts and "test" not in p.parts]
    files = sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:100]
    s = Server(argv, root)
    s.request("initialize", {"processId": os.getpid(), "rootUri": uri(root), "capabilities": {"textDocument": {"publishDiagnostics": {}}}})
    s.notify("initialized", {})
    t = time.perf_counter()
    for f in files:
        s.notify("textDocument/didOpen", {"textDocument": {"uri": uri(f), "languageId": "python", "version": 1, "text": f.read_text(errors="replace")}})
    for f in files:
        s.wait_diagnostics(uri(f))
    took = time.perf_counter() - t
    kib = rss_kib(s.p.pid)
    s.close()
    return kib, took


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyls", required=True)
    ap.add_argument("--pylsp")
    ap.add_argument("--pyright")
    ap.add_argument("--memory", action="store_true", help="also measure memory with the stdlib's 100 largest files open")
    args = ap.parse_args()
    typing_py = Path(sysconfig.get_paths()["stdlib"]) / "typing.py"
    servers = [("pyls", [args.pyls])]
    if args.pylsp:
        servers.append(("pylsp", [args.pylsp]))
    if args.pyright:
        servers.append(("pyright", [args.pyright, "--stdio"]))
    results = {}
    for name, argv in servers:
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            make_project(root)
            print(f"running {name}...", file=sys.stderr)
            results[name] = run(name, argv, root, typing_py)
    metrics = list(results["pyls"].keys())
    print(f"{'metric':28}" + "".join(f"{n + ' median':>16}{n + ' p95':>14}" for n, _ in servers))
    for m in metrics:
        row = f"{m:28}"
        for n, _ in servers:
            xs = [x * 1000 for x in results[n][m]]
            row += f"{statistics.median(xs):14.1f}ms{p95(xs):12.1f}ms"
        print(row)
    for n, _ in servers[1:]:
        print(f"\nratio {n} / pyls (median): " + ", ".join(
            f"{m}: {statistics.median(results[n][m]) / max(statistics.median(results['pyls'][m]), 1e-9):.1f}x" for m in metrics))
    if args.memory:
        print()
        for name, argv in servers:
            with tempfile.TemporaryDirectory() as d:
                kib, took = memory(name, argv, Path(d))
                print(f"memory {name}: {kib / 1024:.0f} MiB resident with the stdlib's 100 largest files open ({took:.1f} s to all their diagnostics)")


if __name__ == "__main__":
    main()
