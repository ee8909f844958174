# time.strptime (through _strptime, as CPython) and round trips with strftime.
import time

for s, f in [('2024-02-29 13:05:09', '%Y-%m-%d %H:%M:%S'), ('Thu Jan  1 00:00:00 1970', '%a %b %d %H:%M:%S %Y'),
             ('31/12/99', '%d/%m/%y'), ('2021 185', '%Y %j'), ('12 PM', '%I %p'), ('1999', '%Y')]:
    t = time.strptime(s, f)
    print(t, t.tm_zone, t.tm_gmtoff)
print(time.strptime('Thu Jan  1 00:00:00 1970'))
for s, f in [('2024-13-01', '%Y-%m-%d'), ('abc', '%Y'), ('2024', '%Q')]:
    try:
        time.strptime(s, f)
    except Exception as e:
        print(type(e).__name__, e)
try:
    time.strptime(5)
except Exception as e:
    print(type(e).__name__, e)
t = (2024, 2, 29, 13, 5, 9, 3, 60, -1)
print(time.strptime(time.strftime('%Y-%m-%d %H:%M:%S', t), '%Y-%m-%d %H:%M:%S')[:6] == t[:6])
