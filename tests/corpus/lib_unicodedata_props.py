# unicodedata: every property of every code point (Unicode 14.0 and the
# 3.2.0 view), hashed per function.
import hashlib
import unicodedata

chars = [chr(c) for c in range(0x110000)]


def digest(parts):
    return hashlib.sha256("".join(parts).encode()).hexdigest()[:24]


for db in (unicodedata, unicodedata.ucd_3_2_0):
    print(db.unidata_version)
    print("category", digest(map(db.category, chars)))
    print("bidirectional", digest([b or "-" for b in map(db.bidirectional, chars)]))
    print("combining", hashlib.sha256(bytes(map(db.combining, chars))).hexdigest()[:24])
    print("east_asian_width", digest(map(db.east_asian_width, chars)))
    print("mirrored", hashlib.sha256(bytes(map(db.mirrored, chars))).hexdigest()[:24])
