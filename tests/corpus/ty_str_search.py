# topic: str find/rfind/index/rindex/count/startswith/endswith with ranges and tuples
s = "abracadabra"
print(s.find("a"), s.find("bra"), s.find("z"), s.find("a", 1), s.find("a", 1, 3), s.find(""), s.find("", 20), s.find("", 11))
print(s.rfind("a"), s.rfind("bra"), s.rfind("a", 0, 5), s.rfind(""), s.index("c"), s.rindex("b"))
print(s.count("a"), s.count("bra"), s.count(""), s.count("a", 3, 8), "aaaa".count("aa"), "".count(""))
print(s.startswith("abr"), s.startswith(("x", "ab")), s.startswith("bra", 1), s.endswith("bra"), s.endswith(("x", "y")), s.endswith("cad", 0, 7))
try:
    s.index("z")
except ValueError as e:
    print("ValueError", e)
try:
    s.rindex("z")
except ValueError as e:
    print("ValueError", e)
try:
    s.startswith(["a"])
except TypeError as e:
    print("TypeError", e)
print(s.find("a", -3), s.count("a", -100, 100), "a" in s, s.__contains__("cad"))
print("héllo".find("l"), "日本日本".rfind("日"), s.removeprefix("abra"), s.removesuffix("abra"), s.removeprefix("x"))
