# unicodedata: decimal, digit, numeric (with defaults) and decomposition of
# every code point, in the 3.2.0 database: the non-default values, hashed.
import hashlib
import unicodedata

chars = [chr(c) for c in range(0x110000)]


def digest(values):
    return hashlib.sha256(repr(values).encode()).hexdigest()[:24], len(values)


for db in (unicodedata.ucd_3_2_0,):
    print(db.unidata_version)
    print("decimal", digest([(i, v) for i, v in enumerate(map(db.decimal, chars, [None] * len(chars))) if v is not None]))
    print("digit", digest([(i, v) for i, v in enumerate(map(db.digit, chars, [None] * len(chars))) if v is not None]))
    nums = [(i, v) for i, v in enumerate(map(db.numeric, chars, [None] * len(chars))) if v is not None]
    print("numeric", digest(nums), sum(v for _, v in nums))
    print("decomposition", digest([(i, d) for i, d in enumerate(map(db.decomposition, chars)) if d]))
