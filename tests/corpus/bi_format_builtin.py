# topic: format() builtin with various types and default spec, object.__format__ rules
print(format(3), format(3.5), format("s"), format(None), format([1]), format(True, ""), format(2 + 3j, ".1f"))
print(format(1234567, ","), format(0.5, "%"), format(255, "x"), format("x", ">3"), format(12, "c"))
try:
    format([1], "d")
except TypeError as e:
    print("TypeError", e)
try:
    format(3, "s")
except ValueError as e:
    print("ValueError", e)
try:
    format(1.0, "d")
except ValueError as e:
    print("ValueError", e)
try:
    format("a", "d")
except ValueError as e:
    print("ValueError", e)
print(format(10 ** 18, "e"), format(1e-10, "f"), format(123.456, "015.4f"), format(-1, "08b"))
print(format(1 + 2j), format(1j, ">10"), format(complex(1.5, -2), "+.2f"))
