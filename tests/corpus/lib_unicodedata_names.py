# unicodedata: the name of every code point (both databases), hashed, and
# lookup() of every name back to its character.
import hashlib
import unicodedata

chars = [chr(c) for c in range(0x110000)]

for db in (unicodedata, unicodedata.ucd_3_2_0):
    named = [(c, n) for c, n in zip(chars, map(db.name, chars, [None] * len(chars))) if n is not None]
    print(db.unidata_version, "names", hashlib.sha256(repr(named).encode()).hexdigest()[:24], len(named))
    print("lookup round trip failures", sum(1 for c, n in named if db.lookup(n) != c))
    # Lower case works for table names, not for the algorithmic ones.
    ok = 0
    for c, n in named[::97]:
        try:
            db.lookup(n.lower())
            ok += 1
        except KeyError:
            pass
    print("lower-case lookups", ok)
