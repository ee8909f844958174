"""Run CPython's own tests (`Lib/test`) under pyx and under python3, side by side.

    python3 tests/cpython/run.py [--pyx target/release/pyx] [--jobs N]
                                 [--timeout S] [--details] [--markdown]
                                 [test_module ...]

Without module names, runs the modules listed in `tests/cpython/MODULES`
(one `test_name` per line; `# note` after a name is its known-failure
reason, printed in the table). Each module runs in a fresh process under
each interpreter through `tests/cpython/driver.py`, the same unittest loader
and result class for both, so the figures compare like with like:

    module              cpython   pyx   share  note
    test_bisect              38    38   100%
    ...

- `cpython`: tests that pass under python3; `pyx`: tests that pass under pyx
  *and* under python3; `share` = pyx / cpython.
- A module pyx cannot import shows `import` and the exception; a crash or a
  timeout (`--timeout`, 120 s per module and interpreter by default) shows
  `crash`/`timeout` with the exit status and counts as 0 passes for that
  module (the note says how many tests had passed before). Nothing is
  skipped silently: every listed module gets a row.
- `--details` prints, per module, the tests that pass under CPython but not
  under pyx, with the first line of pyx's error.
- `--markdown` prints the table as Markdown (for docs/conformance.md).

The environment is the one record.py uses for the corpus (PATH, LC_ALL=C.UTF-8,
PYTHONHASHSEED=0) plus a private temporary directory as the working directory.
"""

import argparse
import concurrent.futures
import os
import re
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = os.path.join(HERE, "driver.py")
ROOT = os.path.dirname(os.path.dirname(HERE))


def read_modules(path):
    mods = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            body, _, note = line.partition("#")
            name = body.strip()
            if name:
                mods.append((name, note.strip()))
    return mods


def run_one(cmd, module, timeout):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "0"}
    if "PYX_STDLIB" in os.environ:
        env["PYX_STDLIB"] = os.environ["PYX_STDLIB"]
    with tempfile.TemporaryDirectory(prefix="pyx-cpytest-") as cwd:
        env["TMPDIR"] = cwd
        # Own process group, so that a timeout also ends the test's children
        # (which could otherwise keep the output pipes open).
        p = subprocess.Popen(
            cmd + [DRIVER, "test." + module],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            stdout, stderr = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            stdout, stderr = p.communicate()
            out = (stdout or b"").decode("utf-8", "replace")
            err = (stderr or b"").decode("utf-8", "replace")
            return parse(out, err), "timeout after %ds" % timeout
    out = stdout.decode("utf-8", "replace")
    err = stderr.decode("utf-8", "replace")
    res = parse(out, err)
    status = None
    if res["import"] is not None:
        status = "import: " + res["import"]
    elif res["done"] is None:
        last = [l for l in err.splitlines() if l.strip()][-1:] or ["no output"]
        status = "crash (exit %d): %s" % (p.returncode, last[0][:120])
    return res, status


def parse(out, err):
    res = {"pass": set(), "fail": {}, "skip": set(), "import": None, "done": None}
    for line in out.splitlines():
        if not line.startswith("@@ "):
            continue
        kind, _, rest = line[3:].partition(" ")
        if kind == "PASS":
            res["pass"].add(rest)
        elif kind in ("FAIL", "ERROR"):
            res["fail"][rest] = kind
        elif kind == "SKIP":
            res["skip"].add(rest)
        elif kind == "IMPORT-ERROR":
            res["import"] = rest
        elif kind == "DONE":
            res["done"] = int(rest) if rest.isdigit() else 0
    # First error line per failing test, from the driver's `--- id` blocks.
    why = {}
    lines = err.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("--- ") and i + 1 < len(lines):
            why.setdefault(line[4:], lines[i + 1][:160])
    res["why"] = why
    # A test with a failing subtest also ends in PASS from unittest's point
    # of view only if no subtest failed; drop such passes.
    for tid in list(res["pass"]):
        if any(f.startswith(tid + " ") for f in res["fail"]):
            res["pass"].discard(tid)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pyx", default=os.path.join(ROOT, "target", "release", "pyx"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("modules", nargs="*")
    args = ap.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit("run.py: run it with CPython 3.11 (the reference)")
    args.pyx = os.path.abspath(args.pyx)  # the tests run in a temporary directory
    if not os.path.exists(args.pyx):
        sys.exit("run.py: no pyx binary at %s (cargo build --release -p pyx-cli)" % args.pyx)
    listed = dict(read_modules(os.path.join(HERE, "MODULES")))
    if args.modules:
        # A name listed in MODULES is taken as it is (`datetimetester`);
        # others get the `test_` prefix when they lack it.
        mods = [(m if m.startswith("test_") or m in listed else "test_" + m, listed.get(m, "")) for m in args.modules]
    else:
        mods = list(listed.items())

    def both(item):
        name, note = item
        cpy = run_one([sys.executable, "-X", "utf8"], name, args.timeout)
        pyx = run_one([args.pyx, "run"], name, args.timeout)
        return name, note, cpy, pyx

    rows = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for name, note, (cres, cstat), (pres, pstat) in ex.map(both, mods):
            ok_c = cres["pass"]
            ok_p = pres["pass"] & ok_c
            if pstat and not pstat.startswith("import"):
                # A crash or a timeout counts as no pass for the whole
                # module; the note says how far it got.
                pstat += " (%d passed before)" % len(ok_p)
                ok_p = set()
            rows.append((name, len(ok_c), len(ok_p), cstat, pstat, note, cres, pres))

    total_c = sum(r[1] for r in rows)
    total_p = sum(r[2] for r in rows)
    if args.markdown:
        print("| module | CPython passes | pyx passes | share | note |")
        print("|---|---:|---:|---:|---|")
    else:
        print("%-28s %8s %6s %6s  %s" % ("module", "cpython", "pyx", "share", "note"))
    for name, c, p, cstat, pstat, note, cres, pres in rows:
        share = "%d%%" % (100 * p // c) if c else "-"
        notes = [n for n in (("cpython " + cstat) if cstat else "", pstat or "", note) if n]
        text = "; ".join(notes)
        if args.markdown:
            print("| %s | %d | %d | %s | %s |" % (name, c, p, share, text.replace("|", "\\|")))
        else:
            print("%-28s %8d %6d %6s  %s" % (name, c, p, share, text))
    share = "%.1f%%" % (100.0 * total_p / total_c) if total_c else "-"
    if args.markdown:
        print("| **total** (%d modules) | %d | %d | %s | |" % (len(rows), total_c, total_p, share))
    else:
        print("%-28s %8d %6d %6s" % ("total (%d modules)" % len(rows), total_c, total_p, share))
    if args.details:
        for name, c, p, cstat, pstat, note, cres, pres in rows:
            missing = sorted(cres["pass"] - pres["pass"])
            if not missing:
                continue
            print("\n== %s: %d tests pass under CPython only" % (name, len(missing)))
            for tid in missing:
                why = pres["why"].get(tid) or ("not run" if tid not in pres["fail"] else pres["fail"][tid])
                print("  %s  -- %s" % (tid, why))


if __name__ == "__main__":
    main()
