"""Regenerate tests/corpus/KNOWN_FAILURES from what a pyx binary does now.

    python3 tests/corpus/known.py target/release/pyx
    python3 tests/corpus/known.py target/release/pyx --reason "interpreter: ..."

Runs every corpus program with `PYX run NAME.py` exactly as the cargo harness
(`cli/tests/corpus.rs`) does (same working directory, environment, stdin,
timeout and path normalisation, see record.py) and compares stdout, stderr
and exit code with `expected/NAME.json`. KNOWN_FAILURES is rewritten to list
the programs that do not match: a name already listed keeps its reason, a
new one gets the default reason (`--reason`). Comment lines (`#`) at the top
of the file are kept. Prints how many programs match.
"""

import concurrent.futures
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import record  # noqa: E402

DEFAULT_REASON = "interpreter: not implemented yet (`pyx run` missing)"
KNOWN = os.path.join(record.HERE, "KNOWN_FAILURES")


def read_known():
    header, reasons = [], {}
    try:
        with open(KNOWN, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        lines = []
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if not reasons:
                header.append(line)
            continue
        name, _, reason = stripped.partition(" ")
        reasons[name.removesuffix(".py")] = reason.strip()
    return header, reasons


def main(args):
    if not args or args[0].startswith("--"):
        sys.exit(__doc__)
    pyx = os.path.abspath(args[0])
    reason = DEFAULT_REASON
    if "--reason" in args:
        reason = args[args.index("--reason") + 1]
    header, old = read_known()
    names = record.programs()

    def check(name):
        with open(os.path.join(record.EXPECTED, name + ".json"), encoding="utf-8") as f:
            expected = json.load(f)
        try:
            actual = record.run([pyx, "run"], name)
        except (OSError, SystemExit):
            return name, False
        return name, actual == expected

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = dict(pool.map(check, names))
    failing = [n for n in names if not results[n]]
    if not header:
        header = [
            "# Corpus programs whose `pyx run` output does not match CPython yet.",
            "# One `NAME reason` per line; cli/tests/corpus.rs fails when a listed",
            "# program starts to match (remove it) or an unlisted one stops matching.",
            "# Regenerate with: python3 tests/corpus/known.py target/release/pyx",
        ]
    with open(KNOWN, "w", encoding="utf-8") as f:
        for line in header:
            f.write(line + "\n")
        for name in failing:
            f.write(f"{name} {old.get(name) or reason}\n")
    print(f"corpus: {len(names) - len(failing)} of {len(names)} programs match CPython; "
          f"{len(failing)} listed in KNOWN_FAILURES")


if __name__ == "__main__":
    main(sys.argv[1:])
