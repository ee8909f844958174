# topic: try/except inside loops with continue/break in handlers and else clauses
data = ["1", "x", "3", "", "5"]
total = 0
for s in data:
    try:
        n = int(s)
    except ValueError:
        print("skip", repr(s))
        continue
    else:
        total += n
    finally:
        print("checked", repr(s))
print("total", total)
attempts = 0
while True:
    attempts += 1
    try:
        if attempts < 3:
            raise ConnectionError(f"attempt {attempts}")
        print("succeeded on", attempts)
        break
    except ConnectionError as e:
        print("retry after", e)
for i in range(3):
    try:
        if i == 1:
            break
    except Exception:
        pass
    else:
        print("try-else in loop", i)
print("loop ended at", i)
