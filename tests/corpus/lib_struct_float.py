# _struct: half, single and double floats, rounding and special values.
import _struct as struct

def isnan(x):
    return x != x

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

for x in [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 1/3, 65504.0, 65519.0, 65519.99, 6.1e-05, 6.103515625e-05,
          6.097555160522461e-05, 5.960464477539063e-08, 2**-25 * 1.0000001, 2**-25 * 0.9999999, 1e-8, 1.0009765625, 1.00048828125, 1.00146484375, 1.000732421875,
          1024.5, 2049.0, 2051.0, 3.14159, float('inf'), -float('inf'), 1e-300, -1e-300]:
    b = struct.pack('<e', x)
    print(repr(x), b, struct.unpack('<e', b), struct.pack('>e', x))
print(struct.pack('<e', float('nan')), struct.pack('<e', -float('nan')))
print([struct.unpack('<e', struct.pack('<H', h))[0] for h in [1, 2, 0x3ff, 0x400, 0x3c00, 0x3c01, 0x7bff, 0x7c00, 0xfc00, 0x8001, 0xc000]])
print(isnan(struct.unpack('<e', b'\x01\x7c')[0]), isnan(struct.unpack('>e', b'\xfe\x00')[0]))
# every half value round-trips
ok = 0
for h in range(0x10000):
    v = struct.unpack('<H', struct.pack('<H', h))[0]
    f = struct.unpack('<e', struct.pack('<H', v))[0]
    if isnan(f):
        ok += 1
        continue
    if struct.pack('<e', f) == struct.pack('<H', h):
        ok += 1
print('half round trips', ok)

for x in [0.0, -0.0, 1.0, 0.1, 1/3, 3.4028234663852886e38, 3.4028235e38, 3.4028235677973366e38,
          1.401298464324817e-45, 1e-46, 7e-46, 1e39, float('inf'), float('-inf')]:
    print(repr(x), end=' ')
    t(struct.pack, '<f', x)
    print(' native', struct.pack('f', x), struct.unpack('f', struct.pack('f', x)))
print(struct.pack('<f', float('nan')), struct.pack('>d', float('nan')))
for x in [0.0, -0.0, 1.0, 0.1, 1e308, 5e-324, 2.2250738585072014e-308, float('inf')]:
    print(repr(x), struct.pack('<d', x), struct.pack('>d', x), struct.unpack('<d', struct.pack('<d', x)))
print(struct.unpack('<d', b'\x00' * 7 + b'\xf0'), struct.unpack('<f', b'\x01\x00\x00\x00'))
print(struct.unpack('>f', b'\x7f\x80\x00\x00'), struct.unpack('>f', b'\xff\x80\x00\x00'))
print(isnan(struct.unpack('>f', b'\x7f\xc0\x00\x00')[0]), isnan(struct.unpack('>d', b'\x7f\xf8' + b'\x00' * 6)[0]))
print(struct.pack('<3f', 1.0, 2.0, 3.0), struct.unpack('<3e', struct.pack('<3e', 1.5, -2.5, 0.25)))
print(struct.pack('<d', 2**1000), struct.pack('<f', 2**100), struct.pack('<e', 2**15))
t(struct.pack, '<e', 2**16)
t(struct.pack, 'e', 1e5)
t(struct.pack, '<f', 2**128)
