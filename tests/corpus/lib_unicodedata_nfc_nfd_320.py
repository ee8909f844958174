# unicodedata.ucd_3_2_0.normalize of every code point in NFC and NFD: the
# characters that change, hashed.
import hashlib
import unicodedata

db = unicodedata.ucd_3_2_0
chars = [chr(c) for c in range(0x110000)]

for form in ("NFC", "NFD"):
    changed = [(c, o) for c, o in zip(chars, map(db.normalize, [form] * len(chars), chars)) if c != o]
    print(form, hashlib.sha256(repr(changed).encode()).hexdigest()[:24], len(changed))
    print(form, "is_normalized", sum(map(db.is_normalized, [form] * len(chars), chars[::7])))
print([hex(ord(c)) for c in chars[0x2F800:0x2FA20] if db.normalize("NFC", c) != unicodedata.normalize("NFC", c)])
