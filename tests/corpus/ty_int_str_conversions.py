# topic: conversions between int and str in bases, str(int) digit limit, negative zero, underscores
print(str(-0), str(10 ** 30), repr(-12), int(str(2 ** 200)) == 2 ** 200, "%d" % -0.0, "%x" % 255)
print(format(-0.0), str(-0.0), repr(float("-0")), -0.0 == 0.0, str(0.1 + 0.7), str(1e16), str(123e-20))
try:
    str(10 ** 5000)
except ValueError as e:
    print("ValueError", str(e)[:60])
print(len(str(10 ** 4000)), f"{12345678:_x}", f"{255:#_b}")
