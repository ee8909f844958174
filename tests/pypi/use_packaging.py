from packaging.version import Version, InvalidVersion
from packaging.specifiers import SpecifierSet
from packaging.requirements import Requirement
from packaging.markers import Marker
from packaging.utils import canonicalize_name
from packaging.tags import Tag

vs = ["1.0", "1.0.post1", "1.0a1", "2.0.dev3", "1.10", "1.9", "0!3.0", "1.0+local.7"]
print(sorted(vs, key=Version))
v = Version("1.2.3rc1")
print(v.release, v.pre, v.is_prerelease, v.base_version, v.public, repr(v))
try:
    Version("not a version")
except InvalidVersion as e:
    print("InvalidVersion", e)
s = SpecifierSet(">=1.0,<2,!=1.5.*")
print([x for x in ["0.9", "1.0", "1.5.2", "1.9", "2.0"] if x in s], str(s) != "")
r = Requirement('Requests[security,socks]>=2.8.1,==2.8.*; python_version < "3.12"')
print(r.name, sorted(r.extras), str(r.specifier), str(r.marker))
m = Marker('os_name == "posix" and python_version >= "3.8"')
print(m.evaluate({"os_name": "posix", "python_version": "3.11"}), m.evaluate({"os_name": "nt", "python_version": "3.11"}))
print(canonicalize_name("Foo.Bar_baz"), Tag("py3", "none", "any"))
