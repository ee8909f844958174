"""Time `pyx run` against `python3` on the programs in bench/programs/.

    python3 bench/run_programs.py [--pyx target/release/pyx] [--runs 5] [NAME...]

Each program runs alternately under both interpreters; the best wall-clock
time of each is kept. Prints one line per program with the ratio
pyx/python3 (below 1.0: pyx is faster), checks that both printed the same
output, then the geometric mean of the ratios, the start-up time of an
empty script against `python3 -S -c pass`, and the time of
`-c "import json, re, collections"` under both (issue 5's start-up figure).

python3 is the interpreter running this script (`sys.executable`, not a
shell shim in front of it). CPython's standard library comes with its
`.pyc` files compiled; pyx writes its own on first import, so a warm-up run
with bytecode writing on (`PYTHONDONTWRITEBYTECODE` removed) comes first.
"""

import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PY = sys.executable
IMPORTS = "import json, re, collections"
PROGRAMS = os.path.join(HERE, "programs")


def best_time(argv, runs):
    best = math.inf
    out = None
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, cwd=PROGRAMS)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
        best = min(best, elapsed)
        out = proc.stdout
    return best, out


def main(args):
    pyx = os.path.join(HERE, "..", "target", "release", "pyx")
    runs = 5
    names = []
    i = 0
    while i < len(args):
        if args[i] == "--pyx":
            pyx = args[i + 1]
            i += 2
        elif args[i] == "--runs":
            runs = int(args[i + 1])
            i += 2
        else:
            names.append(args[i])
            i += 1
    pyx = os.path.abspath(pyx)
    if not os.path.exists(pyx):
        sys.exit(f"{pyx} not found: build it with `cargo build --release -p pyx-cli`")
    programs = sorted(n[:-3] for n in os.listdir(PROGRAMS) if n.endswith(".py") and n != "empty.py")
    if names:
        programs = [p for p in programs if p in names]
    ratios = []
    print(f"{'program':<18} {'python3':>9} {'pyx':>9} {'pyx/python3':>12}")
    for name in programs:
        file = name + ".py"
        t_py, out_py = best_time([PY, file], runs)
        t_px, out_px = best_time([pyx, "run", file], runs)
        same = "" if out_py == out_px else "   OUTPUT DIFFERS"
        ratio = t_px / t_py
        ratios.append(ratio)
        print(f"{name:<18} {t_py:9.3f} {t_px:9.3f} {ratio:12.2f}{same}")
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"{'geometric mean':<18} {'':>9} {'':>9} {geo:12.2f}")
    t_py, _ = best_time([PY, "-S", "-c", "pass"], runs * 2)
    t_px, _ = best_time([pyx, "run", "empty.py"], runs * 2)
    print(f"{'startup (empty)':<18} {t_py:9.4f} {t_px:9.4f} {t_px / t_py:12.2f}   (python3 -S -c pass vs pyx run empty.py)")
    warm_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([pyx, "run", "-c", IMPORTS], check=True, env=warm_env, cwd=PROGRAMS)
    t_py, _ = best_time([PY, "-c", IMPORTS], runs * 2)
    t_pys, _ = best_time([PY, "-S", "-c", IMPORTS], runs * 2)
    t_px, _ = best_time([pyx, "run", "-c", IMPORTS], runs * 2)
    print(f"{'startup (imports)':<18} {t_py:9.4f} {t_px:9.4f} {t_px / t_py:12.2f}   (-c {IMPORTS!r}; python3 -S: {t_pys:.4f}, ratio {t_px / t_pys:.2f})")


if __name__ == "__main__":
    main(sys.argv[1:])
