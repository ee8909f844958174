# topic: str.format grammar: numbering, fields, conversions, nested specs, escapes and errors
class P:
    def __init__(self):
        self.x = 5
        self.items = [10, 20, {"k": "v"}]
    def __format__(self, spec):
        return "P<" + spec + ">"
p = P()
print("{} {} {}".format(1, "a", 2.5), "{2}{1}{0}".format("a", "b", "c"), "{x}-{y}".format(x=1, y=2))
print("{0.x} {0.items[1]} {0.items[2][k]}".format(p), "{a[0]}{a[-1]}".format(a={0: "z", "-1": "m"}))
print("{:>10}|{:<6}|{:^7}|{:*^9}".format("r", "l", "c", "mid"), "{0:{1}}|{0:{2}{1}}".format("v", 5, ">"))
print("{!r}{!s}{!a}".format("é", "é", "é"), "{0!r:>6}".format(1), "{}".format(p), "{:abc}".format(p))
print("{{}}", "{{{}}}".format(7), "}}{{".format(), "{:{}.{}f}".format(3.14159, 8, 2), "{:,}".format(1234567))
print("{0}{0}{0}".format("x"), "{0[0]}{0[1]}".format("ab"), "{.real}{.imag}".format(2, 3j))
print("{:%}".format(0.5), "{:e}".format(12345.678), "{:08.3f}".format(-3.5), "{:+d}".format(5), "{:x}{:X}{:o}{:b}".format(255, 255, 8, 5))
print("{name!r:^10}".format(name="n"), "{0:}".format(3), "{:}".format("s"), "{!s:}".format(4))
print("{}".format(None), "{}".format([1, "a"]), "{:5}|{:<5}|".format(True, 1), "{:d}".format(True))
for fmt, args, kw in [
    ("{}{}", (1,), {}), ("{0}{}", (1, 2), {}), ("{}{0}", (1, 2), {}), ("{x}", (), {}), ("{0[5]}", ([1],), {}),
    ("{!z}", (1,), {}), ("{!}", (1,), {}), ("{0!r", (1,), {}), ("{0!rx}", (1,), {}), ("{:d}", ("s",), {}),
    ("{", (), {}), ("}", (), {}), ("a}b", (), {}), ("{0.nope}", (1,), {}), ("{0.}", (1,), {}), ("{0[}", (1,), {}),
    ("{0[0]x}", ([1],), {}), ("{0:{1:{2}}}", (1, 2, 3), {}), ("{a{b}", (), {}), ("{0:{", (1,), {}),
    ("{0", (1,), {}), ("{99999999999999999999}", (), {}), ("{0[]}", ([1],), {}), ("{:s}", (1,), {}),
]:
    try:
        print(repr(fmt.format(*args, **kw)))
    except (IndexError, KeyError, ValueError, AttributeError, TypeError) as e:
        print(fmt, type(e).__name__, e)
class D(dict):
    def __missing__(self, k):
        return "<" + k + ">"
print("{a} {b}".format_map(D(a=1)), "{a}".format_map({"a": "x"}))
for bad in (lambda: "{0}".format_map({}), lambda: "{}".format_map({}), lambda: "{a}".format_map(1), lambda: "x".format_map()):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(str.format("{}-{}", 1, 2), "{0:>{w}}".format("z", w=4), f"{'nested':>{3+5}}")
