# topic: round() half-even, ndigits, negative ndigits, ints and floats
for v in [0.5, 1.5, 2.5, -0.5, -1.5, 3.5, 2.675, 1.005, 0.125, 0.375]:
    print(v, round(v), round(v, 2), round(v, 1))
print(round(12345, -2), round(12350, -2), round(12250, -2), round(-150, -2))
print(round(1234.5678, -2), round(1234.5678, 3), round(5e-324, 3))
print(type(round(2.5)), type(round(2.5, 0)), round(2.5, 0))
print(round(7), round(7, 1), round(10 ** 20 + 5, -1))
print(round(float("inf"), 2), round(-0.0, 1))
try:
    round(float("inf"))
except OverflowError as e:
    print("OverflowError", e)
try:
    round(float("nan"))
except ValueError as e:
    print("ValueError", e)
class R:
    def __round__(self, n=None):
        return ("rounded", n)
print(round(R()), round(R(), 3))
