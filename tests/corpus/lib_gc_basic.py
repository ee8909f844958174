import gc
print(gc.isenabled(), gc.get_threshold(), gc.get_debug(), gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.garbage, gc.callbacks, len(gc.get_stats()), sorted(gc.get_stats()[0].keys()), gc.get_freeze_count())
print(gc.is_tracked(1), gc.is_tracked('a'), gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked({'a': 1}), gc.is_tracked({'a': []}),
      gc.is_tracked((1, 2)), gc.is_tracked(()), gc.is_tracked(object()), gc.is_tracked(gc), gc.is_tracked(None), gc.is_tracked(1.5),
      gc.is_tracked(set()), gc.is_tracked(frozenset()), gc.is_tracked(b'x'), gc.is_tracked(bytearray()), gc.is_tracked(2 ** 100),
      gc.is_tracked(range(3)), gc.is_tracked(True), gc.is_tracked(1j))
class A:
    pass
print(gc.is_tracked(A()), gc.is_tracked(A), gc.is_tracked(len), gc.is_tracked(lambda: 0), gc.is_tracked(A.__init__))
x = [1, 2, [3]]
print(gc.get_referents(x), gc.get_referents({'a': 1, 'b': [2]}), gc.get_referents((1, 'b', [])), gc.get_referents(1), gc.get_referents(x, (5,)))
print(gc.get_referents({1: 'one', 2: 'two'}))
a = A()
a.v = [3]
a.w = 'w'
print(gc.get_referents(a))
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: gc.set_threshold())
t(lambda: gc.set_threshold(1, 2, 3, 4))
t(lambda: gc.set_threshold(100))
t(lambda: gc.get_threshold())
t(lambda: gc.set_threshold(700, 5))
t(lambda: gc.get_threshold())
t(lambda: gc.collect(3))
t(lambda: gc.collect(-1))
t(lambda: gc.collect('x'))
t(lambda: gc.collect(generation=1))
t(lambda: gc.get_objects(5))

t(lambda: gc.set_debug('x'))
t(lambda: gc.set_debug(gc.DEBUG_LEAK & ~gc.DEBUG_SAVEALL))
t(lambda: gc.get_debug())
t(lambda: gc.set_debug(0))
t(lambda: gc.is_finalized(1))
t(lambda: gc.is_tracked())
gc.disable(); print(gc.isenabled()); gc.enable(); print(gc.isenabled())
def cb(phase, info):
    print(phase, sorted(info.items()))
gc.callbacks.append(cb)
print(gc.collect(), gc.collect(0))
gc.callbacks.remove(cb)
print(gc.get_stats()[2]['collections'] >= 1)
gc.freeze(); gc.unfreeze()
# referrers: a module-level container
target = ['target']
holder = {'k': target}
refs = gc.get_referrers(target)
print(any(r is holder for r in refs), any(r is globals() for r in refs))
class Node:
    def __init__(self):
        self.other = None
n1, n2 = Node(), Node()
n1.other = n2
n2.other = n1
del n1, n2
print(gc.collect() >= 0)
# __del__ runs
class D:
    def __del__(self):
        print('del ran')
d = D()
del d
gc.collect()
print('end')
