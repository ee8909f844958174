# topic: len, hash of tuples, ascii fallback, Ellipsis, __debug__, help-free builtins existence
print(len("abc"), len([1]), len({}), len(range(0, 10, 4)), len(b"xy"), len(frozenset([1, 2])))
print(Ellipsis, ..., ... is Ellipsis, __debug__, type(...).__name__)
import builtins
names = ["abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len", "list", "locals", "map", "max", "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print", "property", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip", "__import__", "__build_class__"]
print([n for n in names if not hasattr(builtins, n)])
print(type(builtins.abs).__name__, type(builtins.int).__name__)
