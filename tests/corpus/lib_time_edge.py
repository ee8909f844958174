# time: sleep argument checks, struct_time construction, odd time tuples.
import time
for a in [None, -1, 'x', float('nan'), float('inf'), 2**70, 1e20, -0.0, 1e-12, True, []]:
    try: time.sleep(a); print('ok', a)
    except Exception as e: print(type(e).__name__, e)
for a in [None, 5, 'abcdefghijkl', range(9), iter(range(9)), {1:2}, [1]*9, [1]*10, [1]*11, [1]*12, (None,)*9]:
    try: print(time.struct_time(a))
    except Exception as e: print(type(e).__name__, e)
st = time.struct_time(('a',)*9)
for f in [time.mktime, time.asctime, lambda t: time.strftime('%Y', t)]:
    try: print(f(st))
    except Exception as e: print(type(e).__name__, e)
st = time.struct_time((2000,1,1,0,0,0,0,1,0, 5, 'x'))
for f in [time.mktime, time.asctime, lambda t: time.strftime('%Z %z', t)]:
    try: print(f(st))
    except Exception as e: print(type(e).__name__, e)
st = time.struct_time((2000,1,1,0,0,0,0,1,0, 'a\0b', 10**30))
for f in [time.mktime, time.asctime, lambda t: time.strftime('%Z %z', t)]:
    try: print(f(st))
    except Exception as e: print(type(e).__name__, e)
