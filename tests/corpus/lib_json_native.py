# _json used directly (no json package): scanstring, encode_basestring(_ascii),
# make_scanner over a context object, make_encoder.
import _json

print(sorted(n for n in dir(_json) if not n.startswith("__")), repr(_json.__doc__))
print(_json.make_scanner, _json.make_encoder, _json.make_scanner.__name__)

samples = ["", "abc", 'quote " and \\ backslash', "ctl \x00\x01\x1f\x7f \b\f\n\r\t", "é ü ß", "€ 中文",
           "astral \U0001f600 \U00010000 \U0010ffff", "lone \ud800 \udfff", "/slash/", "\u2028\u2029"]
for s in samples:
    print(_json.encode_basestring_ascii(s), _json.encode_basestring(s).encode("utf-8", "surrogatepass"))

for text, end in [('"abc"', 1), ('x"a\\nb\\tc"', 2), ('"\\u00e9\\u4e2d"', 1), ('"\\ud83d\\ude00"', 1),
                  ('"\\ud83d"', 1), ('"\\ud83dx"', 1), ('"\\ud83d\\u0041"', 1), ('"\\udc00\\ud800"', 1),
                  ('"\\/\\b\\f\\r\\"\\\\"', 1), ('"tab\there"', 1), ('"abc', 1), ('"a"b"', 3), ('""', 1)]:
    try:
        print(repr(text), _json.scanstring(text, end))
    except Exception as e:
        print(repr(text), type(e).__name__)
print(_json.scanstring('"tab\there"', 1, False), _json.scanstring('"a\x00b"', 1, 0))
try:
    _json.scanstring('"abc', 1)
except SystemError as e:
    print("SystemError (json.decoder not imported):", e)
for call in ['_json.scanstring()', '_json.scanstring("a")', '_json.scanstring("a", 1, 2, 3)',
             '_json.scanstring("a", end=1)', '_json.scanstring(1, 1)', '_json.scanstring("abc", 5)',
             '_json.scanstring("abc", -1)', '_json.scanstring("abc", "x")', '_json.encode_basestring(1)',
             '_json.encode_basestring_ascii()', '_json.encode_basestring_ascii(b"x")']:
    try:
        print(call, eval(call))
    except Exception as e:
        print(call, type(e).__name__, e)

class Ctx:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}.__getitem__
scan = _json.make_scanner(Ctx())
print(type(scan).__name__, scan.strict, scan.object_hook, scan.parse_float, scan.parse_int)
docs = ['{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d"}}', '[]', '{}', '[ 1 , 2 ]', '"s"', '123',
        '-0', '0.5', '1E+2', '1e-2', '12345678901234567890123', '-1.5e-300', '[NaN, Infinity, -Infinity]',
        '{"k": 1, "k": 2}', ' [1]', '[1] tail', '{"\\u00e9": "\\ud83d\\ude00"}', '1.', '01', '-', '1e', '1e+',
        '[1.5e]', 'nul', 'true', 'tru', 'falsey', '{"a":{"b":{"c":[[[]]]}}}', '[-Infinity]', '-Inf']
for d in docs:
    for idx in (0, 1):
        try:
            print(repr(d), idx, scan(d, idx))
        except StopIteration as e:
            print(repr(d), idx, "StopIteration", e.value)
        except Exception as e:
            print(repr(d), idx, type(e).__name__)
class Ctx2(Ctx):
    strict = False
    object_hook = staticmethod(lambda d: ("hook", sorted(d.items())))
    parse_float = staticmethod(lambda s: ("float", s))
    parse_int = staticmethod(lambda s: ("int", s))
    parse_constant = staticmethod(lambda s: ("const", s))
scan2 = _json.make_scanner(Ctx2())
print(scan2('{"x": [1, 2.0, 3e1, NaN, "a\tb"]}', 0))
class Ctx3(Ctx):
    object_pairs_hook = staticmethod(lambda pairs: ("pairs", pairs))
    object_hook = staticmethod(lambda d: "never")
print(_json.make_scanner(Ctx3())('{"b": 1, "a": {"c": 2}, "b": 3}', 0))
print(scan(string="[1]", idx=0), scan.parse_constant("NaN"))
for call in ['scan()', 'scan("x")', 'scan("1", -1)', 'scan(1, 0)', '_json.make_scanner()', '_json.make_scanner(1)',
             'scan("[1]", 0, 1)', 'scan("[1]", idx="0")']:
    try:
        print(call, eval(call))
    except Exception as e:
        print(call, type(e).__name__, e)
try:
    class Sub(_json.make_scanner):
        pass
except TypeError as e:
    print("TypeError", e)

def default(o):
    if isinstance(o, set):
        return sorted(o)
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")
enc = _json.make_encoder({}, default, _json.encode_basestring_ascii, None, ": ", ", ", False, False, True)
print(type(enc).__name__, enc.markers, enc.default is default, enc.encoder, enc.indent, repr(enc.key_separator),
      repr(enc.item_separator), enc.sort_keys, enc.skipkeys)
import enum
class Color(enum.IntEnum):
    RED = 1
class F(float):
    def __repr__(self):
        return "F!"
class I(int):
    def __repr__(self):
        return "I!"
objs = [None, True, False, 0, -7, 2**100, 1.5, 1e16, 1e-7, -0.0, 1/3, float("inf"), float("-inf"), "é\n",
        [], (), {}, [1, [2, [3]]], (1, "a"), {"a": 1, 2: "b", 3.5: None, True: 1, None: 2, False: 3},
        {1: {2: {3: []}}}, {1, 2}, Color.RED, F(2.5), I(7), {I(3): F(1.0)}, ["\U0001f600"], [{}, [], ()]]
for o in objs:
    print(enc(o, 0))
enc2 = _json.make_encoder(None, default, _json.encode_basestring, None, ":", ",", True, True, False)
print(enc2({"b": 1, "a": "é", "c": [1.5, "\U0001f600"]}, 0))
enc5 = _json.make_encoder(None, default, _json.encode_basestring, None, ":", ",", False, True, False)
print(enc5({"b": 1, (1,): "skipped", "a": 2, object(): 3}, 0))
for o in [float("nan"), {"x": float("inf")}, {1.5: 1, float("nan"): 2}]:
    try:
        print(enc2(o, 0))
    except ValueError as e:
        print("ValueError", e)
enc3 = _json.make_encoder(None, default, lambda s: "<" + s + ">", None, "=", ";", False, False, True)
print(enc3({"k": ["v", 1]}, 0))
enc4 = _json.make_encoder(None, default, lambda s: 5, None, "=", ";", False, False, True)
for bad in [lambda: enc4(["x"], 0), lambda: enc({(1, 2): 3}, 0), lambda: enc(object(), 0),
            lambda: enc({"a": 1, 1: 2}, 0), lambda: enc2({"a": 1, 1: 2}, 0)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, str(e).replace("object at", "at").split(" at 0x")[0])
l = [1]
l.append(l)
d = {}
d["self"] = d
for o in [l, d, [d]]:
    try:
        enc(o, 0)
    except ValueError as e:
        print("ValueError", e)
m = {}
encm = _json.make_encoder(m, default, _json.encode_basestring_ascii, None, ":", ",", False, False, True)
print(encm([[1], {"a": [2]}], 0), m)
class Loop:
    pass
def loop_default(o):
    return o
encl = _json.make_encoder({}, loop_default, _json.encode_basestring_ascii, None, ":", ",", False, False, True)
try:
    encl(Loop(), 0)
except ValueError as e:
    print("ValueError", e)
for call in ['enc()', 'enc(1)', 'enc([1], "x")', 'enc(1, _current_indent_level=0)', '_json.make_encoder()',
             '_json.make_encoder(1, str, str, None, ":", ",", 0, 0, 0)', '_json.make_encoder(None, str, str, None, 1, ",", 0, 0, 0)',
             '_json.make_encoder(None, str, str, None, ":", b",", 0, 0, 0)', '_json.make_encoder(None, str, str, None, ":", ",", 0, 0, 0, 0)']:
    try:
        print(call, eval(call))
    except Exception as e:
        print(call, type(e).__name__, e)
