# topic: for loop with else, break, continue, nested loops, loop variable after loop
for i in range(3):
    pass
print("after loop i =", i)
for x in []:
    print("never")
else:
    print("empty else")
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")
for i in range(6):
    if i % 2:
        continue
    print("even", i)
for ch in "abc":
    if ch == "b":
        break
    print(ch)
else:
    print("not reached")
for i, (a, b) in enumerate(zip("xy", [1, 2]), start=10):
    print(i, a, b)
lst = [1, 2, 3]
for v in lst:
    if v == 1:
        lst.append(4)
    print("v", v)
