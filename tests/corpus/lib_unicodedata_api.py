# unicodedata: spot checks of every function, aliases and named sequences,
# ucd_3_2_0, \N{...} escapes and CPython's error messages.
import unicodedata
from unicodedata import ucd_3_2_0 as old


def t(label, f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, ascii(r))


print(unicodedata.unidata_version, old.unidata_version, type(old).__name__, type(old).__module__)
print(unicodedata.UCD is type(old), isinstance(old, unicodedata.UCD))
for ch in "A", "a", "1", "\u00bd", "\u0663", "\u00b2", "\u2160", "\u4e00", "\uac00", "\U0001f600", "\u0301", "\u200f", "\ud800", "\ue000", "\U000f0000", "\u0378":
    print(ascii(ch), unicodedata.category(ch), unicodedata.bidirectional(ch), unicodedata.combining(ch),
          unicodedata.east_asian_width(ch), unicodedata.mirrored(ch), unicodedata.decomposition(ch),
          unicodedata.decimal(ch, None), unicodedata.digit(ch, None), unicodedata.numeric(ch, None),
          unicodedata.name(ch, None))
    print("  3.2.0:", old.category(ch), old.bidirectional(ch), old.combining(ch), old.east_asian_width(ch),
          old.mirrored(ch), old.decomposition(ch), old.decimal(ch, None), old.numeric(ch, None), old.name(ch, None))
for s in ["\u2155", "\U00012432", "\u0f33", "\u3405", "\U0001f10c", "\u2189"]:
    print(ascii(s), unicodedata.numeric(s), old.numeric(s, "-"))

print("-- names")
for n in ["LATIN SMALL LETTER A", "latin small letter a", "Latin Small Letter A", "BULLET", "bullet",
          "HANGUL SYLLABLE GAG", "HANGUL SYLLABLE A", "HANGUL SYLLABLE PWILH", "hangul syllable ga",
          "HANGUL SYLLABLE GX", "HANGUL SYLLABLE ", "CJK UNIFIED IDEOGRAPH-4E00", "CJK UNIFIED IDEOGRAPH-04E00",
          "CJK UNIFIED IDEOGRAPH-4e00", "CJK UNIFIED IDEOGRAPH-2A6DF", "CJK UNIFIED IDEOGRAPH-2A6E0",
          "CJK UNIFIED IDEOGRAPH-31350", "cjk unified ideograph-4E00", "CJK COMPATIBILITY IDEOGRAPH-F900",
          "cjk compatibility ideograph-f900", "CJK COMPATIBILITY IDEOGRAPH-0F900", "KHITAN SMALL SCRIPT CHARACTER-18B00",
          "NUSHU CHARACTER-1B170", "TANGUT IDEOGRAPH-17000", "NULL", "LINE FEED", "BYTE ORDER MARK", "EOL",
          "LATIN CAPITAL LETTER GHA", "latin capital letter a with macron and grave", "KEYCAP NUMBER SIGN",
          "TAMIL SYLLABLE SSA", "ARABIC PEPET", "", " ", "LATIN SMALL LETTER A ", "LATIN  SMALL LETTER A",
          "LATIN SMALL LETTER A\x00", "BULLET\x00X", "\u00e9", "A" * 256, "A" * 257, b"BULLET", b"hangul syllable ga"]:
    t(repr(n)[:40], unicodedata.lookup, n)
    t("  3.2.0", old.lookup, n)
t("surrogate", unicodedata.lookup, "\ud800")
print(unicodedata.name("\U0001f600"), unicodedata.name("\uac01"), unicodedata.name("\u4e00"), unicodedata.name("\U0002b739", None))
print(old.name("\u9fa6", None), old.lookup("CJK UNIFIED IDEOGRAPH-9FA6") == "\u9fa6", old.name("\u20ac", None))
print(unicodedata.name("\U000f0000", None), unicodedata.name("\U00017000", None))

print("-- escapes")
print(ascii("\N{BULLET}\N{bullet}\N{LATIN SMALL LETTER E WITH ACUTE}\N{EM DASH}\N{NULL}\N{HANGUL SYLLABLE GAG}"))
print(ascii("\N{CJK UNIFIED IDEOGRAPH-4E00}\N{LINE FEED}\N{BYTE ORDER MARK}\N{KHITAN SMALL SCRIPT CHARACTER-18B00}"))
print(ascii(f"{1}\N{GREEK SMALL LETTER ALPHA}{2}"), ascii(r"\N{BULLET}"))
for src in ['"\\N{ARABIC PEPET}"', '"\\N{KEYCAP NUMBER SIGN}"', '"\\N{hangul syllable ga}"', '"\\N{}"', '"\\N{BULLET"', '"\\N"',
            '"\\Nx}"', '"ab\\N{xx}"', '"\\N{bullet}\\N{nope}"', '"\u00e9\\N{nope}"', '"\u00e9\\xZZ"', 'b"\\N{BULLET}"',
            'r"\\N{BULLET}"', 'f"\\N{BULLET}"', 'f"{1}\\N{nope}"', '"\\N{LATIN SMALL LETTER A}\\N{NUL}\\N{EOL}"']:
    try:
        print(src, ascii(eval(src)))
    except SyntaxError as e:
        print(src, "SyntaxError", e.msg)

print("-- normalize")
for form in "NFC", "NFD", "NFKC", "NFKD":
    for s in ["", "abc", "e\u0301", "\u00e9", "\ufb01", "\u1e9b\u0323", "\uac00\u11a8", "\u1100\u1161\u11a8",
              "\u1100\u1161\u11a7", "a\u0316\u0301\u0300", "\u0b47\u0b3c\u0b3e", "\u2460\u00bd", "\U0002f868", "\u0344"]:
        print(form, ascii(s), ascii(unicodedata.normalize(form, s)), unicodedata.is_normalized(form, s),
              ascii(old.normalize(form, s)), old.is_normalized(form, s))
s = "plain"
print(unicodedata.normalize("NFC", s) is s, unicodedata.normalize("NFKD", "") == "")


class S(str):
    pass


r = unicodedata.normalize("NFC", S("abc"))
print(type(r).__name__, r)

print("-- errors")
for f in (unicodedata.category, unicodedata.bidirectional, unicodedata.combining, unicodedata.mirrored,
          unicodedata.east_asian_width, unicodedata.decomposition, old.category, old.mirrored):
    t(f.__name__, f)
    t(f.__name__, f, 1)
    t(f.__name__, f, "ab")
    t(f.__name__, f, "")
    t(f.__name__, f, "a", "b")
    t(f.__name__, f, chr=1)
for f in (unicodedata.name, unicodedata.decimal, unicodedata.digit, unicodedata.numeric, old.name, old.numeric):
    t(f.__name__, f)
    t(f.__name__, f, 1)
    t(f.__name__, f, "ab")
    t(f.__name__, f, "a", 1, 2)
    t(f.__name__, f, "a", default=3)
    t(f.__name__, f, "x")
    t(f.__name__, f, "x", None)
for f in (unicodedata.normalize, unicodedata.is_normalized, old.normalize):
    t(f.__name__, f)
    t(f.__name__, f, "NFC")
    t(f.__name__, f, 1, "a")
    t(f.__name__, f, "NFC", 1)
    t(f.__name__, f, "nfc", "a")
    t(f.__name__, f, "nfc", "")
    t(f.__name__, f, "NFC", "a", "b")
    t(f.__name__, f, form="NFC", unistr="a")
t("lookup", unicodedata.lookup)
t("lookup", unicodedata.lookup, 1)
t("lookup", unicodedata.lookup, bytearray(b"BULLET"))
t("lookup", unicodedata.lookup, "a", "b")
t("lookup", old.lookup)
t("UCD()", unicodedata.UCD)
t("setattr", setattr, old, "unidata_version", "x")
t("setattr", setattr, old, "foo", 1)
t("unbound", unicodedata.UCD.category, "a")
t("unbound", unicodedata.UCD.category, old, "a")
print(sorted(n for n in dir(old) if not n.startswith("_")))
print(repr(unicodedata.category))
