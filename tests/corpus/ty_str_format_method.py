# topic: str.format: positional, keyword, index, attribute, conversion, nesting, errors
class P:
    x = 5
print("{} {}".format(1, 2), "{1} {0} {1}".format("a", "b"), "{name}".format(name="n"), "{0[1]} {0[k]}".format({1: "one", "k": "kay"}), "{.x}".format(P()))
print("{0!r} {0!s} {0!a}".format("é"), "{:{}{}}".format(3.14159, ".", "2f"), "{0:>{1}}".format("r", 5), "{{}} {}".format("x"))
print("{a[0]}{a[1]}".format(a="xy"), "{0.real}".format(3 + 4j), "{!r:>8}".format("s"))
for fmt, args, kw in [("{}{}", (1,), {}), ("{0}{}", (1, 2), {}), ("{x}", (), {}), ("{0[5]}", ([1],), {}), ("{!z}", (1,), {}), ("{:d}", ("s",), {}), ("{", (), {}), ("}", (), {}), ("{0.nope}", (1,), {})]:
    try:
        print(fmt.format(*args, **kw))
    except (IndexError, KeyError, ValueError, AttributeError, TypeError) as e:
        print(type(e).__name__, e)
