# topic: while loop with else, break, continue
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("i", i)
else:
    print("while else ran")
n = 10
while n:
    n -= 3
    if n < 2:
        print("break at", n)
        break
else:
    print("not printed")
while False:
    pass
else:
    print("else of never-run while")
