# topic: printf-style % formatting for str and bytes
print("%s %r %a" % ("x", "x", "é"))
print("%d %i %u" % (3, -4, 5))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %#x %o %#o" % (255, 255, 255, 8, 8))
print("%f %.2f %10.3f %-10.1f| %e %.3E %g %G" % (3.14159, 3.14159, 3.14159, 3.14159, 12345.678, 12345.678, 0.00001234, 1e20))
print("%c%c" % ("A", 66))
print("%%literal %s" % "x")
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("%*d|%-*d|%.*f" % (5, 1, 5, 2, 2, 3.14159))
print("%s" % (1, ), "%s" % [1, 2], "%s" % ((1, 2),))
print(b"%s %d %x %c" % (b"bytes", 5, 255, 65))
print(b"%b|%a" % (b"raw", "é"))
for fmt, arg in [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%z", 1), ("%c", "ab"), ("%(a)s", 1)]:
    try:
        print(fmt % arg)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
print("%.3s|%5.1s|" % ("abcdef", "xyz"))
print("%d" % 3.99, "%s" % None, "%r" % None)
