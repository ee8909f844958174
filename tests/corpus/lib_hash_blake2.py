# _blake2: parameters (digest size, key, salt, person, tree hashing).
import _blake2

def t(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

b, s = _blake2.blake2b, _blake2.blake2s
print(sorted(n for n in dir(_blake2) if not n.startswith('__')))
print(_blake2.BLAKE2B_SALT_SIZE, _blake2.BLAKE2B_PERSON_SIZE, _blake2.BLAKE2B_MAX_KEY_SIZE, _blake2.BLAKE2B_MAX_DIGEST_SIZE)
print(_blake2.BLAKE2S_SALT_SIZE, _blake2.BLAKE2S_PERSON_SIZE, _blake2.BLAKE2S_MAX_KEY_SIZE, _blake2.BLAKE2S_MAX_DIGEST_SIZE)
print(b.SALT_SIZE, b.PERSON_SIZE, b.MAX_KEY_SIZE, b.MAX_DIGEST_SIZE, s.SALT_SIZE, s.MAX_DIGEST_SIZE)
for c in (b, s):
    print(c.__name__, c.__module__)
    for ds in [1, 16, 20, 32]:
        h = c(b'abc', digest_size=ds)
        print(' ', ds, h.digest_size, h.hexdigest())
    print(' key', c(b'msg', key=b'secret').hexdigest())
    print(' maxkey', c(b'msg', key=b'k' * c.MAX_KEY_SIZE).hexdigest())
    print(' salt', c(b'msg', salt=b'salt').hexdigest())
    print(' person', c(b'msg', person=b'me').hexdigest())
    print(' all', c(b'msg', digest_size=16, key=b'k', salt=b's', person=b'p').hexdigest())
    print(' tree', c(b'leaf', fanout=2, depth=2, leaf_size=4096, node_offset=1, node_depth=0, inner_size=c.MAX_DIGEST_SIZE // 2).hexdigest())
    print(' last', c(b'node', fanout=0, depth=255, node_depth=255, last_node=True).hexdigest())
    print(' bigoffset', c(b'a', leaf_size=2**32 - 1, node_offset=2**48 - 1).hexdigest())
    h = c(key=b'k', digest_size=10)
    h.update(b'part1')
    h2 = h.copy()
    h.update(b'part2')
    print(' copy', h2.hexdigest(), h.hexdigest() == c(b'part1part2', key=b'k', digest_size=10).hexdigest(), h2.digest_size)
    for kw in [dict(digest_size=0), dict(digest_size=c.MAX_DIGEST_SIZE + 1), dict(key=b'x' * (c.MAX_KEY_SIZE + 1)),
               dict(salt=b'x' * (c.SALT_SIZE + 1)), dict(person=b'x' * (c.PERSON_SIZE + 1)), dict(fanout=-1),
               dict(fanout=256), dict(depth=0), dict(depth=256), dict(leaf_size=-1), dict(leaf_size=2**32),
               dict(node_offset=-1), dict(node_offset=2**64), dict(node_depth=-1), dict(node_depth=256),
               dict(inner_size=-1), dict(inner_size=c.MAX_DIGEST_SIZE + 1), dict(key='x'), dict(salt=1),
               dict(digest_size=1.5), dict(digest_size='3'), dict(data=b'x'), dict(dgst=1)]:
        print(' ', kw, end=' ')
        t(lambda: c(**kw).hexdigest())
    t(c, 'abc')
    t(c, 1)
    t(c, b'a', b'b')
t(s, node_offset=2**48)
