import opcode, _opcode, dis
print(len(opcode.opmap), opcode.opmap['LOAD_CONST'], opcode.opname[100], opcode.HAVE_ARGUMENT, 'stack_effect' in opcode.__all__)
print(opcode.hasjrel[:5], opcode.hasconst, opcode.cmp_op, opcode.EXTENDED_ARG)
print(dis.opmap is opcode.opmap, dis.COMPILER_FLAG_NAMES[1] if hasattr(dis, 'COMPILER_FLAG_NAMES') else None)
results = []
for op in list(range(-12, 260)):
    for arg in (None, 0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 255, 256, 257, 513, 2**33 + 3, -5):
        for j in (None, True, False):
            try:
                r = _opcode.stack_effect(op, arg, jump=j)
            except ValueError as e:
                r = str(e)
            results.append((op, arg, j, r))
import hashlib
print(len(results), hashlib.md5(repr(results).encode()).hexdigest())
by = {}
for op, arg, j, r in results:
    by.setdefault(op, set()).add(r if isinstance(r, int) else r[:30])
for op in sorted(by):
    if op in opcode.opname and opcode.opname[op].startswith('<'):
        continue
    print(op, opcode.opname[op] if 0 <= op < 256 else '', sorted(by[op], key=str)[:6])
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: _opcode.stack_effect())
t(lambda: _opcode.stack_effect(100))
t(lambda: _opcode.stack_effect(1, 0))
t(lambda: _opcode.stack_effect(100, 0, jump=1))
t(lambda: _opcode.stack_effect(100, 'x'))
t(lambda: _opcode.stack_effect('x'))
t(lambda: _opcode.stack_effect(2**40))
t(lambda: _opcode.stack_effect(100, 2**70))
t(lambda: _opcode.stack_effect(opcode=1))
t(lambda: _opcode.stack_effect(1, jump=None, foo=2))
t(lambda: _opcode.get_specialization_stats())
t(lambda: opcode.stack_effect(opcode.opmap['BUILD_TUPLE'], 3))
print(dis.Instruction._fields)
print(dis.findlinestarts.__name__, dis.Bytecode.__name__)
