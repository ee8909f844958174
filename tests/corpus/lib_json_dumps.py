# json.dumps / json.dump through the C encoder (and the pure one for indent).
import json
import io
import enum
import collections

print(json.encoder.c_make_encoder is not None, json.encoder.c_encode_basestring_ascii is not None,
      json.scanner.c_make_scanner is not None, json.decoder.c_scanstring is not None)
vals = [None, True, False, 0, 1, -1, 2**64, -2**100, 0.0, -0.0, 1.5, 1e16, 1.0e-7, 123456789.123456789,
        1/3, 2.5e-324, 1.7976931348623157e308, "", "plain", "é€\U0001f600", "\x00\x1f\"\\\n", "\ud800",
        [], [1, [2, [3, []]]], (1, 2), {}, {"a": 1}, {"nested": {"x": [None, {"y": "z"}]}}]
for v in vals:
    print(json.dumps(v), json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass"))
for v in [float("nan"), float("inf"), float("-inf")]:
    print(json.dumps(v), json.dumps([v]), json.dumps({"k": v}))
    try:
        json.dumps(v, allow_nan=False)
    except ValueError as e:
        print("ValueError", e)
d = {"b": 1, "a": [1, 2, {"d": 4, "c": 3}], "c": None}
print(json.dumps(d, sort_keys=True))
print(json.dumps(d, separators=(",", ":")), json.dumps(d, separators=(" ,", " : ")))
for indent in [0, 2, "\t", "--", None]:
    print(repr(json.dumps(d, indent=indent, sort_keys=True)))
print(json.dumps([], indent=2), json.dumps({}, indent=2), json.dumps([[]], indent=1), json.dumps({"a": {}}, indent=1))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none", "s": "str"}))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none", "s": "str"}, indent=1))
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print("TypeError", e)
print(json.dumps({(1, 2): 3, "ok": 4}, skipkeys=True), json.dumps({(1, 2): 3, "ok": 4}, skipkeys=True, indent=1))
try:
    json.dumps({"a": 1, 2: 3}, sort_keys=True)
except TypeError as e:
    print("TypeError", e)
for bad in [object(), {1, 2}, b"bytes", 1j, [1, object()]]:
    try:
        json.dumps(bad)
    except TypeError as e:
        print("TypeError", e)
print(json.dumps({1, 2}, default=sorted), json.dumps([1j], default=lambda o: [o.real, o.imag]))
print(json.dumps(object(), default=lambda o: "obj", indent=1))
class Color(enum.IntEnum):
    RED = 1
class Shade(float, enum.Enum):
    DARK = 0.25
class S(str):
    pass
class L(list):
    pass
class D(dict):
    pass
print(json.dumps([Color.RED, Shade.DARK, S("sub"), L([1]), D(a=1), {Color.RED: 1}]))
print(json.dumps(collections.OrderedDict([("z", 1), ("a", 2)])), json.dumps(collections.OrderedDict([("z", 1), ("a", 2)]), sort_keys=True))
l = [1]
l.append(l)
for kw in [{}, {"indent": 1}]:
    try:
        json.dumps(l, **kw)
    except ValueError as e:
        print("ValueError", e)
dd = {}
dd["me"] = [dd]
try:
    json.dumps(dd)
except ValueError as e:
    print("ValueError", e)
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, complex):
            return {"re": o.real, "im": o.imag}
        return super().default(o)
print(json.dumps([1 + 2j], cls=Enc), Enc(sort_keys=True).encode({"b": 2j, "a": 1}))
print(list(json.JSONEncoder().iterencode({"a": [1, 2]})), list(json.JSONEncoder(indent=1).iterencode([1])))
print(json.JSONEncoder().encode("é"), json.JSONEncoder(ensure_ascii=False).encode("é"))
buf = io.StringIO()
json.dump({"x": [1, 2, 3], "y": "z"}, buf, sort_keys=True, indent=2)
print(buf.getvalue())
print(json.dumps("\u2028\u2029 </script>"), json.dumps(2**1000)[:20], len(json.dumps(list(range(1000)))))
