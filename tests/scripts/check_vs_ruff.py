"""Compare the findings of `pyx check` with ruff's pyflakes rules.

Usage: python3 tests/scripts/check_vs_ruff.py PYX RUFF DIR

Runs `PYX check DIR --output-format json` and
`RUFF check --select F401,F811,F821,F841 --no-cache --output-format json DIR`,
keeps the files both tools checked, and prints, per rule, how many findings
each reports and on how many (file, line) places they agree. Timing is
measured separately (hyperfine; docs/benchmarks.md).
"""
import json
import os
import subprocess
import sys

RULES = {
    "F401": "unused-import",
    "F811": "redefined-while-unused",
    "F821": "undefined-name",
    "F841": "unused-variable",
}


def main():
    pyx, ruff, root = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    ours = subprocess.run(
        [pyx, "check", root, "--output-format", "json", "-q"], capture_output=True, text=True, cwd=root
    )
    theirs = subprocess.run(
        [ruff, "check", "--select", ",".join(RULES), "--no-cache", "--output-format", "json", root],
        capture_output=True,
        text=True,
    )
    pyx_doc = json.loads(ours.stdout)
    ruff_doc = json.loads(theirs.stdout)

    # Files ruff checked: it names only files with findings, so take the
    # files it would walk from its own listing.
    listed = subprocess.run([ruff, "check", "--show-files", root], capture_output=True, text=True).stdout
    ruff_files = {os.path.abspath(line.strip()) for line in listed.splitlines() if line.strip().endswith((".py", ".pyi"))}

    def places(findings):
        out = {}
        for rule, path, line in findings:
            if path in ruff_files:
                out.setdefault(rule, set()).add((path, line))
        return out

    pyx_places = places(
        (d["rule"], os.path.join(root, d["path"]), d["start"]["line"]) for d in pyx_doc["diagnostics"]
    )
    ruff_places = places(
        (RULES[d["code"]], d["filename"], d["location"]["row"]) for d in ruff_doc if d.get("code") in RULES
    )
    print(f"files: pyx checked {pyx_doc['summary']['files_checked']}, ruff {len(ruff_files)}; compared on ruff's")
    print(f"{'rule':<24} {'pyx':>6} {'ruff':>6} {'both':>6} {'pyx only':>9} {'ruff only':>10}")
    for rule in RULES.values():
        a, b = pyx_places.get(rule, set()), ruff_places.get(rule, set())
        print(f"{rule:<24} {len(a):>6} {len(b):>6} {len(a & b):>6} {len(a - b):>9} {len(b - a):>10}")


if __name__ == "__main__":
    main()
