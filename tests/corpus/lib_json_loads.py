# json.loads / json.load through the C scanner: values, hooks, parse_*.
import json
import io
from fractions import Fraction

docs = ['null', 'true', 'false', '0', '-0', '1', '-12', '1.5', '-0.0', '1e3', '1E-3', '2.5e+2', '12345678901234567890',
        '1.7976931348623157e308', '1e400', '-1e400', '5e-324', '0.1', '"abc"', '"\\u00e9\\n\\t\\"\\\\\\/"',
        '"\\ud83d\\ude00"', '"\\ud800"', '[]', '{}', '[1, "a", null]', '{"a": {"b": [true, false]}}',
        ' \t\n[ 1 ,\n 2 ] \r\n', 'NaN', '-Infinity', '[Infinity]', '{"dup": 1, "dup": 2}', '"é€"']
for d in docs:
    r = json.loads(d)
    print(repr(d), repr(r), type(r).__name__)
print(json.loads(b'{"bytes": [1]}'), json.loads(bytearray(b'[2]')), json.loads('"\\u0041"'))
print(json.loads('{"a": 1, "b": {"c": 2}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2, "a": 3}', object_pairs_hook=lambda p: p))
print(json.loads('{"a": 1}', object_pairs_hook=lambda p: ("pairs", p), object_hook=lambda d: "hook"))
print(json.loads('[1.5, 2, 3e1]', parse_float=Fraction, parse_int=lambda s: "int:" + s))
print(json.loads('[NaN, Infinity, -Infinity]', parse_constant=lambda s: "const:" + s))
print(json.loads('"tab\there"', strict=False), json.loads('{"k\\n": "v\x01"}', strict=False))
dec = json.JSONDecoder()
print(dec.raw_decode('[1, 2] trailing'), dec.raw_decode('  {"x": 1}', 2), dec.decode(' "s" '))
print(json.load(io.StringIO('{"from": "file"}')), json.load(io.BytesIO(b'[1]')))
big = json.dumps({"k%d" % i: [i, str(i), {"n": i * 1.5}] for i in range(200)})
print(len(big), json.loads(big)["k199"], json.loads(big) == {"k%d" % i: [i, str(i), {"n": i * 1.5}] for i in range(200)})
nested = "[" * 50 + "]" * 50
print(len(json.dumps(json.loads(nested))))
keys = json.loads('[{"same": 1}, {"same": 2}]')
print(list(keys[0])[0] is list(keys[1])[0])
for enc in ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig"]:
    print(enc, json.loads('{"é": [1, "\U0001f600"]}'.encode(enc)))
print(json.detect_encoding(b'\xef\xbb\xbf{}'), json.detect_encoding(b'{\x00'), json.detect_encoding(b'\x00\x00\x00{'))
