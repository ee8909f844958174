# topic: NaN identity: separately made NaNs are distinct objects to is/in/count/dict keys, one NaN stays itself; NaN bits written out by struct/array
import struct, math, array
nan = float("nan")
print(float("nan") in [float("nan")], nan in [nan], [nan].count(nan), [nan, float("nan")].count(nan))
print(nan is nan, float("nan") is float("nan"), (nan + 1) is nan, -nan is -nan)
a = nan
print(a is nan, [nan].index(nan))
d = {nan: 1}
print(d[nan], nan in d)
try:
    d[float("nan")]
except KeyError as e:
    print("KeyError", e)
s = {nan, nan, float("nan")}
print(len(s))
print(struct.pack("<d", nan), struct.pack("<d", -nan), struct.pack("<f", nan), struct.pack("<e", nan))
x, = struct.unpack("<d", struct.pack("<d", nan))
print(x is nan, x == x, math.isnan(x))
print(math.nan is math.nan, math.nan in [math.nan], float("inf") - float("inf") in [float("inf") - float("inf")])
print(math.copysign(1.0, float("-nan")), math.copysign(1.0, -nan), str(-nan), repr(nan))
print(hash(nan) == hash(nan), (nan,) == (nan,), [nan] == [nan], [nan] == [float("nan")])
t = (nan,)
print(t in [t], {t: 1}.get(t), nan != nan, max(nan, 1) is nan)
print(array.array("d", [nan]).tobytes(), array.array("f", [-nan]).tobytes())
y = array.array("d", [nan])[0]
print(y is nan, y is array.array("d", [nan])[0], [y].count(y))
def ident(v):
    return v
print(ident(nan) is nan, sorted([nan, 1.0, nan])[0] is nan or sorted([nan, 1.0, nan])[2] is nan)
print(nan * 0 in [nan], abs(nan) is nan, float(nan) is nan, 0.0 * float("inf") in [0.0 * float("inf")])
e = math.inf - math.inf
print(e in [e], e in (e,), e in {e}, {e: 2}[e], [e] == [e], [e] == [math.inf - math.inf])
