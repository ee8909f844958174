# topic: format() mini-language for int, float, str
for spec in ["", "d", "10", "<10", "^10", ">10", "=10", "+", "-", " ", "010", ",", "_", "x", "X", "#x", "#o", "o", "b", "#b", "c", "n", "e", "%", "08.3f", "_b", "#_x"]:
    try:
        print(repr(spec), repr(format(1234 if spec != "c" else 65, spec)))
    except ValueError as e:
        print(repr(spec), "ValueError", e)
for spec in ["", ".0f", ".1f", ".3e", ".2E", "g", ".2g", "G", "10.4", "+.2f", "%", ".1%", "*>12.2f", ",.3f", "n", "#.0f", "0=+10.2f", ".0e", "r"]:
    try:
        print(repr(spec), repr(format(-1234.5678, spec)), repr(format(0.000012345, spec)))
    except ValueError as e:
        print(repr(spec), "ValueError", e)
for spec in ["", "s", "10", "<5", ">5", "^7", ".2", "*^9.3", "d"]:
    try:
        print(repr(spec), repr(format("hello", spec)))
    except ValueError as e:
        print(repr(spec), "ValueError", e)
print(format(float("inf"), "10.2f"), format(float("nan"), "+f"), format(-0.0, ".1f"), format(1e100, ".3g"))
print(format(10 ** 25, ","), format(-255, "#x"), format(255, "#010b"), format(3, "=+5"))
try:
    format(1, ",_")
except ValueError as e:
    print("ValueError", e)
try:
    format("s", ",")
except ValueError as e:
    print("ValueError", e)
print("{:>{w}}|{:.{p}f}".format("r", 2.5, w=4, p=3))
