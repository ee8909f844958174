"""Time `pyx check` against ruff's pyflakes rules, interleaved.

Usage: python3 tests/scripts/check_timing.py [--rounds N] [--one-thread]
           [--files-from LIST] PYX RUFF DIR [PYX2 ...]

Each round runs every command once, in turn (pyx, ruff, then any further
pyx binaries, e.g. a build from before a change), so background load on a
shared machine falls on all of them alike. Prints, per command, the median
and minimum of wall time and of CPU time (user + system, the steadier
figure under load), and each pyx's ratio to ruff. With `--files-from`, the
files named in LIST (one per line) are given to both tools as arguments
instead of DIR being walked. `--one-thread` sets RAYON_NUM_THREADS=1 (both
tools use rayon). Results go to docs/benchmarks.md.
"""
import argparse
import os
import resource
import statistics
import subprocess
import time

RULES = "F401,F811,F821,F841"


def run(cmd, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--one-thread", action="store_true")
    ap.add_argument("--files-from")
    ap.add_argument("pyx")
    ap.add_argument("ruff")
    ap.add_argument("dir")
    ap.add_argument("more", nargs="*", help="further pyx binaries to time")
    args = ap.parse_args()
    env = dict(os.environ)
    if args.one_thread:
        env["RAYON_NUM_THREADS"] = "1"
    inputs = open(args.files_from).read().split() if args.files_from else [args.dir]
    commands = {args.pyx: [args.pyx, "check", "--output-format", "concise", *inputs]}
    commands["ruff"] = [args.ruff, "check", "--select", RULES, "--no-cache", "--output-format", "concise", *inputs]
    for other in args.more:
        commands[other] = [other, "check", "--output-format", "concise", *inputs]
    times = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, cmd in commands.items():
            times[name].append(run(cmd, env))
    print(f"{args.rounds} interleaved rounds; load average at end: {os.getloadavg()}")
    summary = {}
    for name, samples in times.items():
        walls = [w for w, _ in samples]
        cpus = [c for _, c in samples]
        summary[name] = (statistics.median(walls), min(walls), statistics.median(cpus), min(cpus))
        print(f"{name}: wall median {summary[name][0]:.3f} s, min {summary[name][1]:.3f} s; "
              f"CPU median {summary[name][2]:.3f} s, min {summary[name][3]:.3f} s")
    ruff = summary["ruff"]
    for name in [args.pyx, *args.more]:
        s = summary[name]
        print(f"{name} / ruff: wall {s[0] / ruff[0]:.2f}x (median), {s[1] / ruff[1]:.2f}x (min); "
              f"CPU {s[2] / ruff[2]:.2f}x (median)")


if __name__ == "__main__":
    main()
