# topic: UnicodeEncodeError/UnicodeDecodeError attributes and messages
try:
    "aé€".encode("ascii")
except UnicodeEncodeError as e:
    print(e.encoding, repr(e.object), e.start, e.end, e.reason)
    print(str(e))
try:
    b"ab\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
    print(str(e))
try:
    b"\xe2\x82".decode("utf-8")
except UnicodeDecodeError as e:
    print(str(e))
try:
    "\udc80".encode("utf-8")
except UnicodeEncodeError as e:
    print(str(e))
try:
    "€".encode("latin-1")
except UnicodeEncodeError as e:
    print(str(e))
print(issubclass(UnicodeDecodeError, UnicodeError), issubclass(UnicodeError, ValueError))
print(repr(b"a\xffb".decode("utf-8", "surrogateescape")), repr(b"a\xffb".decode("utf-8", "backslashreplace")))
e = UnicodeDecodeError("utf-8", b"xyz", 1, 2, "custom reason")
print(str(e), e.args)
