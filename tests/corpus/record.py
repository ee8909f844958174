"""Record CPython's behaviour for the interpreter corpus (`pyx run`).

Every `NAME.py` in this directory (except this script and `known.py`) is a
small program of our own that prints what it checks; some end with an
uncaught exception. This script runs each one with CPython and writes
`expected/NAME.json`:

    {"stdout": "...", "stderr": "...", "code": 0}

How a program is run (the cargo harness `cli/tests/corpus.rs` runs
`pyx run NAME.py` exactly the same way):

- command `python3 -X utf8 NAME.py`, by relative path, with the working
  directory `tests/corpus`;
- a fixed environment: only `PATH`, `LC_ALL=C.UTF-8` and
  `PYTHONHASHSEED=0` (every other variable, `PYTHON*` included, is removed);
- stdin is empty (`/dev/null`); timeout 10 s;
- CPython 3.9+ makes the script's path absolute (`__file__`, tracebacks),
  so every occurrence of the absolute corpus directory followed by `/` is
  removed from stdout and stderr: tracebacks read `File "NAME.py", line N`.
  The harness applies the same normalisation to pyx's output.

Usage (from anywhere):

    python3 tests/corpus/record.py            # re-record every program
    python3 tests/corpus/record.py core_ints bi_sorted.py   # only these
    python3 tests/corpus/record.py --check    # compare, write nothing

It also removes expectations whose program no longer exists (on a full
run) and refuses to run with anything but CPython 3.11.
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "expected")
NOT_PROGRAMS = {"record.py", "known.py"}
TIMEOUT = 10


def programs():
    return sorted(
        name[:-3]
        for name in os.listdir(HERE)
        if name.endswith(".py") and name not in NOT_PROGRAMS
    )


def fixed_env():
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "0",
    }


def normalise(text):
    for prefix in {os.path.realpath(HERE) + os.sep, HERE + os.sep}:
        text = text.replace(prefix, "")
    return text


def run(argv, name):
    """Run one program with `argv + [NAME.py]`; returns the expectation dict."""
    try:
        proc = subprocess.run(
            argv + [name + ".py"],
            cwd=HERE,
            env=fixed_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return None
    try:
        stdout = proc.stdout.decode("utf-8")
        stderr = proc.stderr.decode("utf-8")
    except UnicodeDecodeError:
        sys.exit(f"{name}: output is not valid UTF-8; corpus programs must print UTF-8 only")
    return {"stdout": normalise(stdout), "stderr": normalise(stderr), "code": proc.returncode}


def main(args):
    check = "--check" in args
    names = [a for a in args if not a.startswith("--")]
    probe = subprocess.run(
        ["python3", "-c", "import sys; print(sys.version_info[:2] == (3, 11))"],
        capture_output=True, text=True,
    )
    if probe.stdout.strip() != "True":
        sys.exit("record.py needs CPython 3.11 as `python3` on PATH")
    all_names = programs()
    if names:
        names = [n[:-3] if n.endswith(".py") else n for n in names]
        missing = [n for n in names if n not in all_names]
        if missing:
            sys.exit("no such program: " + ", ".join(missing))
    else:
        names = all_names
    os.makedirs(EXPECTED, exist_ok=True)
    bad = 0
    for name in names:
        result = run(["python3", "-X", "utf8"], name)
        if result is None:
            print(f"{name}: TIMEOUT under python3 (programs must finish quickly)")
            bad += 1
            continue
        path = os.path.join(EXPECTED, name + ".json")
        text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
        if check:
            try:
                with open(path, encoding="utf-8") as f:
                    old = f.read()
            except FileNotFoundError:
                old = None
            if old != text:
                print(f"{name}: differs from the recording")
                bad += 1
            continue
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    if not check and not args:
        for stale in sorted(os.listdir(EXPECTED)):
            if stale.endswith(".json") and stale[:-5] not in all_names:
                os.remove(os.path.join(EXPECTED, stale))
                print(f"removed stale {stale}")
    print(f"{len(names)} programs {'checked' if check else 'recorded'}, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
