import six
from six.moves import range as srange, urllib, configparser
print(six.PY3, six.PY2, six.string_types, six.integer_types)
print(list(srange(3)), urllib.parse.quote("a b&c"), configparser.__name__)
class Meta(type):
    def __new__(m, name, bases, ns):
        ns["made_by"] = m.__name__
        return super().__new__(m, name, bases, ns)
@six.add_metaclass(Meta)
class A(object):
    pass
class B(six.with_metaclass(Meta, object)):
    pass
print(A.made_by, type(B).__name__, B.made_by)
d = {"a": 1, "b": 2}
print(sorted(six.iteritems(d)), sorted(six.iterkeys(d)), six.b("x"), six.u("y"))
try:
    try:
        raise ValueError("inner")
    except ValueError:
        six.reraise(*__import__("sys").exc_info())
except ValueError as e:
    print("reraised", e)
try:
    six.raise_from(KeyError("k"), ValueError("v"))
except KeyError as e:
    print(type(e.__cause__).__name__)
print(six.ensure_str(b"bytes"), six.ensure_binary("text"), six.text_type is str)
