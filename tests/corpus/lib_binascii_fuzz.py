# binascii: many generated inputs through every coding (a fixed generator).
import binascii as b

state = 12345
def rnd(n):
    global state
    state = (state * 1103515245 + 12345) % 2**31
    return state % n

def blob(n, alphabet=None):
    if alphabet is None:
        return bytes(rnd(256) for _ in range(n))
    return bytes(alphabet[rnd(len(alphabet))] for _ in range(n))

def r(f, *a, **k):
    try:
        return f(*a, **k)
    except Exception as e:
        return type(e).__name__ + ': ' + str(e)

b64chars = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n !'
qpchars = b'ab =\t\r\n._9AF\x00\xff'
uuchars = bytes(range(32, 97)) + b'\n\r`'
for i in range(300):
    n = rnd(60)
    data = blob(n)
    print(i, b.hexlify(data, '-', rnd(7) - 3) if n else b'', b.b2a_base64(data), b.crc32(data), b.crc_hqx(data, rnd(65536)))
    s = blob(rnd(20), b64chars)
    print(' ', s, r(b.a2b_base64, s), r(b.a2b_base64, s, strict_mode=True))
    q = blob(rnd(120), qpchars)
    print(' ', b.b2a_qp(q), b.b2a_qp(q, True, False, True), b.a2b_qp(q), b.a2b_qp(q, True))
    u = blob(rnd(30), uuchars)
    print(' ', r(b.a2b_uu, u), b.b2a_uu(data[:45], backtick=bool(i % 2)))
