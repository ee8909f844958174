# topic: OverflowError, ZeroDivisionError variants, RecursionError class, ArithmeticError catching
cases = [
    lambda: float(10 ** 400),
    lambda: 10 ** 400 / 1,
    lambda: 1.5 ** 10000,
    lambda: 1 / 0,
    lambda: 1 // 0.0,
    lambda: 1 % 0.0,
    lambda: 0 ** -1,
    lambda: divmod(0, 0),
    lambda: (2 ** 4000) * 1.0,
    lambda: round(1e308, -400) if False else int(float("inf")),
    lambda: [1] * (2 ** 100),
    lambda: "x" * (2 ** 100),
    lambda: range(2 ** 100)[2 ** 99 : 2 ** 99 + 1] and len(range(2 ** 100)),
    lambda: chr(2 ** 100),
    lambda: (1.0).__truediv__(0.0),
    lambda: 5 .__rtruediv__(0),
]
for c in cases:
    try:
        print("no error", c())
    except ArithmeticError as e:
        print(type(e).__name__ + ":", e)
    except (ValueError, MemoryError) as e:
        print(type(e).__name__ + ":", e)
print(issubclass(RecursionError, RuntimeError), issubclass(ZeroDivisionError, ArithmeticError), issubclass(FloatingPointError, ArithmeticError))
