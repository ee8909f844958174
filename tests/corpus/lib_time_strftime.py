# time.strftime with fixed tuples (C locale), and the clocks' properties.
import time

tups = [(2000, 1, 1, 0, 0, 0, 5, 1, 0), (2024, 2, 29, 13, 5, 9, 3, 60, 0), (1999, 12, 31, 23, 59, 59, 4, 365, 0),
        (1970, 1, 1, 0, 0, 0, 3, 1, 0), (2038, 1, 19, 3, 14, 7, 1, 19, 0), (12345, 6, 7, 8, 9, 10, 0, 158, 0),
        (5, 3, 4, 1, 2, 3, 0, 63, 0), (2000, 0, 0, 0, 0, 0, 0, 0, 0), (2021, 7, 4, 12, 0, 0, 6, 185, 1)]
fmts = ['%Y-%m-%d %H:%M:%S', '%a %A %b %B', '%c', '%x %X', '%d/%m/%y', '%j %U %W %w %u', '%I %p %M',
        '%G-W%V-%u', '%C %g %e %k %l', '%D %T %R %r', '%h %n %t %%', '%s', '', 'plain text',
        '%', '%Q %5Y %-d %_m %010Y', 'é%Y€', '%y' * 300]
for t in tups:
    for f in fmts:
        try:
            r = time.strftime(f, t)
        except Exception as e:
            r = (type(e).__name__, str(e))
        print(repr(f[:20]), repr(r[:60]) if isinstance(r, str) else r)
g = time.gmtime(1234567890)
print(time.strftime('%Y-%m-%d %H:%M:%S %Z %z', g))
print(time.strftime('%Z|%z', (2000, 1, 1, 0, 0, 0, 0, 1, 0)) == time.strftime('%Z|%z', (2000, 1, 1, 0, 0, 0, 0, 1, 0)))
print(time.asctime(g), time.asctime((2024, 2, 29, 13, 5, 9, 3, 60, 0)))
print(type(time.strftime('%Y')), len(time.strftime('%Y')))
# clocks: types and monotonicity only
for name in ['time', 'monotonic', 'perf_counter', 'process_time', 'thread_time']:
    f = getattr(time, name)
    fn = getattr(time, name + '_ns')
    a = f(); b = f(); n1 = fn(); n2 = fn()
    print(name, type(a).__name__, type(n1).__name__, b >= a, n2 >= n1, a > 0 or name in ('process_time', 'thread_time'))
    print(time.get_clock_info(name))
print(abs(time.time() - time.time_ns() / 1e9) < 1)
t0 = time.monotonic(); time.sleep(0.02); print(time.monotonic() - t0 >= 0.019)
for c in ['CLOCK_BOOTTIME', 'CLOCK_MONOTONIC', 'CLOCK_MONOTONIC_RAW', 'CLOCK_PROCESS_CPUTIME_ID', 'CLOCK_REALTIME', 'CLOCK_TAI', 'CLOCK_THREAD_CPUTIME_ID']:
    v = getattr(time, c)
    print(c, v, type(time.clock_gettime(v)).__name__, type(time.clock_gettime_ns(v)).__name__, time.clock_getres(v))
print(time._STRUCT_TM_ITEMS)
print(sorted(n for n in dir(time) if not n.startswith('__')))
# local time round trips (zone-independent checks)
lt = time.localtime(1234567890)
print(time.mktime(lt), time.mktime(tuple(lt)), len(lt))
print(time.localtime(0).tm_year in (1969, 1970), type(time.timezone), type(time.altzone), type(time.daylight), type(time.tzname), len(time.tzname))
print(time.ctime(1234567890) == time.asctime(time.localtime(1234567890)))
print(time.gmtime(time.mktime(time.gmtime(5000000))) == time.gmtime(5000000 - time.timezone) or time.daylight)
print(time.tzset())
lt2 = time.localtime()
print(type(lt2.tm_zone), type(lt2.tm_gmtoff), -lt.tm_gmtoff in (time.timezone, time.altzone))
