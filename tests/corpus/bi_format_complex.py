# topic: complex.__format__ (repr form, type codes, signs, alignment, errors) and format-spec errors for str and int
cases = [(2 + 3j, ".1f"), (1 + 2j, ""), (1j, ">10"), (complex(1.5, -2), "+.2f"), (1 + 2j, "10"), (1 + 2j, "g"),
         (1j, ""), (-1j, ""), (complex(-0.0, 1), ""), (1 + 2j, "^20.3e"), (complex(1e20, 1), ""), (1 + 2j, ".3"),
         (3j, ".3"), (complex(float("nan"), float("inf")), ""), (complex(1234567, -7654321), ",.1f"),
         (complex(1, 2), " "), (complex(-1, 2), " g"), (1j, "+"), (complex(0.1, 1 / 3), "*<30"), (1 + 1j, "E"), (1 + 2j, "#"), (1j, "#g"), (complex(1e20, 1e-20), "#"), (complex(1.5, 2), "#"),
         (complex(12345.678, 0.001), "_.2f"), (complex(1e-7, 1e7), "n")]
for c, spec in cases:
    print(repr(spec), repr(format(c, spec)), repr(f"{c:{spec}}"))
for c, spec in [(1j, "%"), (1j, "=10"), (1j, "010"), (1j, "d"), (1j, "s")]:
    try:
        format(c, spec)
    except ValueError as e:
        print(repr(spec), "ValueError", e)
for v, spec in [("s", ","), ("s", "_"), ("s", "+"), ("s", "-"), ("s", " "), ("s", "="), ("s", "#"), ("s", "0"),
                (65, ",x"), (65, "_x"), (65, ",b"), (65, "_b"), (65, ",c"), (65, ",o"), (65, "+c"), (65, "#c"),
                (65, ",n"), (65, "_n"), (65, ",X"), (65, ",z"), (65, "_z"), (65, "_d"), (65, ",d")]:
    try:
        print(repr(spec), repr(format(v, spec)))
    except ValueError as e:
        print(repr(spec), "ValueError", e)
