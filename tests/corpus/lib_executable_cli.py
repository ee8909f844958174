# sys.executable accepts python3's command line: options, -c, -m, a script.
import os
import subprocess
import sys
import tempfile


def run(*args):
    p = subprocess.run([sys.executable, *args], capture_output=True, text=True)
    print(p.returncode, repr(p.stdout), p.stderr.splitlines()[:1])


run("-X", "faulthandler", "-I", "-c", "import sys; print(sys.argv)", "a", "b")
run("-Esc", "print(1)")
run("-I", "-m", "calendar", "2024", "1")
run("-m", "json.tool", "--sort-keys", "--help")
with tempfile.TemporaryDirectory() as d:
    script = os.path.join(d, "s.py")
    with open(script, "w") as f:
        f.write("import sys\nprint(sys.argv[1:])\nsys.exit(3)\n")
    run("-u", script, "x", "-y")
    run("-W", "ignore", script)
run("-c")
