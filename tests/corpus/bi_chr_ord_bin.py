# topic: chr, ord, bin, oct, hex and their errors
print(chr(65), chr(0x1F600), chr(0), repr(chr(0x10FFFF)), ord("A"), ord("€"), ord(b"a"), ord(bytearray(b"z")))
print(bin(10), bin(-10), bin(0), oct(64), oct(-8), hex(255), hex(-255), hex(0), hex(2 ** 64))
for f, arg in [(chr, -1), (chr, 0x110000), (ord, "ab"), (ord, ""), (chr, "a"), (bin, 1.5), (hex, "1"), (ord, 5)]:
    try:
        f(arg)
    except (ValueError, TypeError, OverflowError) as e:
        print(f.__name__, type(e).__name__, e)
