# topic: __format__, __str__, __repr__ interplay; format() and str.format with objects
class Money:
    def __init__(self, cents): self.cents = cents
    def __format__(self, spec):
        if spec == "short":
            return f"${self.cents // 100}"
        return f"${self.cents / 100:{spec or '.2f'}}"
    def __str__(self): return "Money-str"
    def __repr__(self): return "Money-repr"
m = Money(12345)
print(format(m), format(m, "short"), f"{m:.1f}", "{0} {0!r} {0!s} {0:short}".format(m))
class Plain:
    def __str__(self): return "plain"
print(format(Plain()), f"{Plain()}", "{}".format(Plain()))
try:
    format(Plain(), "x")
except TypeError as e:
    print("TypeError", e)
class BadFormat:
    def __format__(self, spec): return 5
try:
    format(BadFormat())
except TypeError as e:
    print("TypeError", e)
class OnlyRepr:
    def __repr__(self): return "<only repr>"
print(str(OnlyRepr()), f"{OnlyRepr()}", [OnlyRepr()])
class BadStr:
    def __str__(self): return 1
try:
    str(BadStr())
except TypeError as e:
    print("TypeError", e)
print("{:>10}|{:<6}|{:^7}".format(Money(5), 1, "c"))
