# unicodedata.normalize of every code point in NFC and NFD (Unicode 14.0):
# the characters that change, hashed; is_normalized of every code point.
import hashlib
import unicodedata

chars = [chr(c) for c in range(0x110000)]

for form in ("NFC", "NFD"):
    changed = [(c, o) for c, o in zip(chars, map(unicodedata.normalize, [form] * len(chars), chars)) if c != o]
    print(form, hashlib.sha256(repr(changed).encode()).hexdigest()[:24], len(changed))
    print(form, "is_normalized", sum(map(unicodedata.is_normalized, [form] * len(chars), chars)))
