# subprocess.Popen with pipes: communicate, returncode, poll/wait, stdin
# writes, a pipeline of two processes, universal newlines, errors.
import os
import subprocess

p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, err = p.communicate(b"round trip\n")
print(out, err, p.returncode)
p = subprocess.Popen(["/bin/sh", "-c", "echo to-out; echo to-err >&2; exit 6"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out, err = p.communicate()
print(out, err, p.returncode, p.poll(), p.wait())
p = subprocess.Popen(["/bin/sh", "-c", "read x; echo got:$x"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
p.stdin.write("line\n")
p.stdin.close()
print(repr(p.stdout.read()), p.wait())
p.stdout.close()
big = b"0123456789" * 20000
p = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, _ = p.communicate(big)
print(len(out), out == big)
p1 = subprocess.Popen(["/bin/echo", "c\nb\na"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["sort"], stdin=p1.stdout, stdout=subprocess.PIPE)
p1.stdout.close()
print(p2.communicate()[0], p1.wait(), p2.returncode)
with subprocess.Popen(["/bin/sh", "-c", "printf 'a\\r\\nb\\n'"], stdout=subprocess.PIPE, universal_newlines=True) as p:
    print(repr(p.stdout.read()))
print(p.returncode)
p = subprocess.Popen(["/bin/sleep", "5"])
print(p.poll())
p.terminate()
print(p.wait())
p = subprocess.Popen(["/bin/sleep", "5"])
p.kill()
print(p.wait())
try:
    p = subprocess.Popen(["/bin/sleep", "5"])
    p.wait(timeout=0.1)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", e)
    p.kill()
    p.wait()
try:
    subprocess.Popen(["no_such_program_xyz_123"])
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
try:
    subprocess.Popen(["/bin/echo"], cwd="/nonexistent_dir_xyz")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.filename)
r, w = os.pipe()
p = subprocess.Popen(["/bin/sh", "-c", "echo via-fd >&%d" % w], pass_fds=(w,))
p.wait()
os.close(w)
print(os.read(r, 100))
os.close(r)
# The descriptor number depends on what the harness left open (flock).
print(subprocess.Popen.__name__, [a.replace("&%d" % w, "&W") for a in p.args], repr(p)[:30])
