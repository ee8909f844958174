# json decoding errors: JSONDecodeError messages, positions, lines/columns.
import json

bad = ['', ' ', '[', ']', '{', '}', '[1,]', '[1,,2]', '[1 2]', '{"a" 1}', '{"a": 1,}', '{"a": 1 "b": 2}',
       '{a: 1}', "{'a': 1}", '{"a":}', '[1] x', '"abc', '"abc\\', '"\\x"', '"\\u12"', '"\\u12G4"', '"\\ud800\\u12"',
       '"a\nb"', '"a\x00b"', 'nul', 'True', 'undefined', '01', '-', '.5', '1.', '+1', '[1, 2', '{"a": [1, {"b": }]}',
       '\n\n  [1,\n   2,\n   x]', '{"a": 1}\n{"b": 2}', '\ufeff[1]', '[1e]', 'tru', 'NaNa', '[-Infinity, -Inf]']
for doc in bad:
    try:
        r = json.loads(doc)
        print(repr(doc), "->", r)
    except json.JSONDecodeError as e:
        print(repr(doc), "JSONDecodeError:", e, "|", e.msg, e.pos, e.lineno, e.colno, e.doc == doc)
    except ValueError as e:
        print(repr(doc), type(e).__name__, e)
print(issubclass(json.JSONDecodeError, ValueError), json.JSONDecodeError.__module__)
for arg in [1, None, [1], b'\xff\xfe\x00', b'\x80abc']:
    try:
        json.loads(arg)
    except Exception as e:
        print(type(e).__name__, e)
try:
    json.loads('{"a": 1}', object_hook=lambda d: 1 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    json.loads('[1.5]', parse_float=lambda s: int(s))
except ValueError as e:
    print("ValueError", e)
try:
    json.loads('1' * 5000)
except ValueError as e:
    print("ValueError", e)
e = json.JSONDecodeError("msg", "ab\ncd", 4)
print(e, e.args, e.lineno, e.colno, e.pos)
try:
    json.JSONDecoder().raw_decode('[1]', -1)
except Exception as e:
    print(type(e).__name__, e)
try:
    json.JSONDecoder().raw_decode('   [1]', 10)
except Exception as e:
    print(type(e).__name__, e)
import _json
for text, end in [('"abc', 1), ('"a\\x"', 1), ('"\\u12"', 1), ('"a\nb"', 1)]:
    try:
        _json.scanstring(text, end)
    except json.JSONDecodeError as e:
        print("scanstring JSONDecodeError:", e)
scan = json.scanner.make_scanner(json.JSONDecoder())
for doc in ['[1,', '{"a"', '[1 2]', '{"a": tru}']:
    try:
        scan(doc, 0)
    except json.JSONDecodeError as e:
        print("scanner JSONDecodeError:", e)
    except StopIteration as e:
        print("scanner StopIteration", e.value)
