# float.fromhex: rounding to nearest-even, subnormals, overflow, specials,
# whitespace and malformed strings.
cases = [
    "0x1p0", "0X1.8P+1", "  0x1.0p-1\n", "-0x.8p1", "1", "a.b", "0x.1", "0x1.",
    "0x1.fffffffffffffp1023", "0x1.fffffffffffff7p1023", "0x1.fffffffffffff8p1023",
    "0x1p1024", "0x.8p1025", "0x0.00001p1044",
    "0x1p-1074", "0x1p-1075", "0x1.0000000000001p-1075", "0x1p-1076",
    "0x1.00000000000008p0", "0x1.00000000000018p0", "0x1.000000000000080001p0",
    "0x1.fffffffffffff8p-1023", "0x0.0000000000001p-1022",
    "0x1p-100000000000000000000000", "0x0p100000000000000000000000",
    "-0x0p0", "0x00000000000000000000000001p-4", "0x1" + "0" * 300 + "p-1200",
    "inf", "-Infinity", "+nan", " -iNf ", "nan(1)", "infinit",
    "", "0x", "0xp1", "0x1p", "0x1p+", "0x1 p1", "0x1.2.3", "0x1g", "--0x1",
    "0x1p1024", "-0x1p1024", "0x1p+9999999999999999999999",
]
for s in cases:
    try:
        v = float.fromhex(s)
        print(repr(s), repr(v), v.hex())
    except (ValueError, OverflowError) as e:
        print(repr(s), type(e).__name__, e)

for x in [0.1, -2.5, 5e-324, 1.7976931348623157e308, 1e-310, 123456.789]:
    assert float.fromhex(x.hex()) == x
    print(x.hex())


class F(float):
    pass


f = F.fromhex("0x1.8p0")
print(type(f).__name__, f)
try:
    float.fromhex(b"0x1")
except TypeError as e:
    print("TypeError", e)
