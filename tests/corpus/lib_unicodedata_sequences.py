# unicodedata.normalize / is_normalized over random sequences of characters
# that interact: combining marks of many classes, Hangul jamo and syllables,
# precomposed and compatibility characters, starters that compose.
import hashlib
import random
import unicodedata

pool = [c for c in range(0x110000) if unicodedata.combining(chr(c))][::3]
pool += list(range(0x1100, 0x1113)) + list(range(0x1161, 0x1176)) + list(range(0x11A7, 0x11C3))
pool += [0xAC00, 0xAC01, 0xAC1C, 0xD7A3, 0xD7A4, 0x1100, 0x1161, 0x11A8]
pool += [ord(c) for c in "aeiouAEOUnNcCsSyYwWzZ\u00e9\u00c5\u0130\u01c4\u1e9b\u212b\u2126\ufb01\u00bd\u2460\u3300\uff21"]
pool += [0x0B47, 0x0B3E, 0x0B56, 0x0B57, 0x0CC6, 0x0CC2, 0x0CD5, 0x0DD9, 0x0DCF, 0x0DDF, 0x1025, 0x102E, 0x0344, 0x0F73, 0x0F75, 0x0F81]
pool += [0x0915, 0x093C, 0x09C7, 0x09BE, 0x09D7, 0x3099, 0x309A, 0x304B, 0x30CF, 0x2F868, 0x2F874, 0xFA2D, 0x1D15E, 0x1D165]
pool = [chr(c) for c in pool]
rng = random.Random(1234)
strings = ["".join(rng.choice(pool) for _ in range(rng.randrange(1, 9))) for _ in range(12000)]
print(len(pool), len(strings))
for db in (unicodedata, unicodedata.ucd_3_2_0):
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        out = [db.normalize(form, s) for s in strings]
        flags = "".join("1" if db.is_normalized(form, s) else "0" for s in strings)
        again = sum(1 for o in out if db.normalize(form, o) != o)
        print(db.unidata_version, form, hashlib.sha256(repr(out).encode()).hexdigest()[:24],
              hashlib.sha256(flags.encode()).hexdigest()[:24], flags.count("1"), again)
for s in strings[:12]:
    print(ascii(s), ascii(unicodedata.normalize("NFC", s)), ascii(unicodedata.normalize("NFKD", s)))
