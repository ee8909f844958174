# subprocess with programs that behave the same under any Python:
# run/check_output/call, captured output, input=, return codes,
# CalledProcessError, a missing executable, env=, cwd=, shell=True.
import subprocess


def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except BaseException as e:
        print(type(e).__name__, e)


r = subprocess.run(["/bin/echo", "hello", "world"], capture_output=True)
print(r)
print(r.returncode, r.stdout, r.stderr, r.args)
r = subprocess.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True)
print(r.returncode, r.stdout, r.stderr)
t(r.check_returncode)
r = subprocess.run(["cat"], input=b"fed to cat\n", capture_output=True)
print(r.stdout)
r = subprocess.run(["cat"], input="text mode\n", capture_output=True, text=True)
print(repr(r.stdout), type(r.stdout).__name__)
print(subprocess.check_output(["/bin/echo", "checked"]))
print(subprocess.check_output("echo $((6 * 7))", shell=True, text=True))
t(subprocess.check_output, ["/bin/sh", "-c", "exit 5"])
try:
    subprocess.check_call(["/bin/sh", "-c", "exit 2"])
except subprocess.CalledProcessError as e:
    print("CalledProcessError", e.returncode, e.cmd, e.output, str(e))
try:
    subprocess.run(["/bin/sh", "-c", "kill -9 $$"], check=True)
except subprocess.CalledProcessError as e:
    print(str(e))
print(subprocess.call(["/bin/sh", "-c", "exit 4"]))
t(subprocess.run, ["no_such_program_xyz_123"])
t(subprocess.run, ["/nonexistent/dir/prog"])
t(subprocess.run, ["/etc/passwd"])
t(subprocess.run, ["/bin/pwd"], cwd="/nonexistent_dir_xyz")
r = subprocess.run(["/bin/pwd"], cwd="/", capture_output=True)
print(r.stdout)
r = subprocess.run(["/bin/sh", "-c", "echo $GREETING-$OTHER"], env={"GREETING": "hi", "OTHER": "there"}, capture_output=True)
print(r.stdout)
r = subprocess.run("echo shell; exit 9", shell=True, capture_output=True, text=True)
print(r.returncode, repr(r.stdout))
r = subprocess.run(["/bin/sh", "-c", "echo both; echo streams >&2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
print(r.stdout)
r = subprocess.run(["/bin/echo", "discarded"], stdout=subprocess.DEVNULL)
print(r.stdout, r.returncode)
print(subprocess.getoutput("echo getoutput; exit 1"))
print(subprocess.getstatusoutput("echo status; exit 3"))
try:
    subprocess.run(["/bin/sleep", "5"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", e.cmd, e.output)
print(subprocess.list2cmdline(["a b", "c\"d", ""]))
