//! Module resolution on in-memory file trees: search order, packages,
//! namespace packages, stubs, typeshed versions, relative imports,
//! environment discovery — and the `unresolved-import` rule built on it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyx_semantics::db::Db;
use pyx_semantics::diagnostics::Rule;
use pyx_semantics::project::Settings;
use pyx_semantics::queries::file_diagnostics;
use pyx_semantics::resolve::discover::{
    discover_roots, discover_settings, virtualenv, DiscoveryOptions, EnvironmentSource,
};
use pyx_semantics::resolve::{
    file_module_name, resolve_module_by_name, resolve_relative, ModuleKind, RelativeImportError, SearchPathKind,
};
use pyx_semantics::system::{MemorySystem, OsSystem};
use pyx_semantics::RootDatabase;

fn settings() -> Settings {
    Settings {
        roots: vec![PathBuf::from("/proj"), PathBuf::from("/proj/src")],
        extra_paths: vec![],
        typeshed_stdlib: Some(PathBuf::from("/typeshed/stdlib")),
        stdlib: Some(PathBuf::from("/usr/lib/python3.11")),
        site_packages: vec![PathBuf::from("/venv/lib/python3.11/site-packages")],
        python_version: (3, 11),
        prefer_stdlib_sources: false,
        stdlib_dynload: vec![PathBuf::from("/usr/lib/python3.11/lib-dynload")],
        builtin_modules: vec!["_sre".into(), "sys".into()],
        extension_suffixes: vec![".cpython-311-x86_64-linux-gnu.so".into(), ".so".into()],
        python_platform: None,
    }
}

fn db_with(files: &[(&str, &str)], settings: Settings) -> (Arc<MemorySystem>, RootDatabase) {
    let system = Arc::new(MemorySystem::new());
    for (path, text) in files {
        system.write_file(path, *text);
    }
    let mut db = RootDatabase::new(system.clone());
    db.set_project(settings);
    (system, db)
}

/// Where `name` resolves to: its path, or `None`.
fn path_of(db: &RootDatabase, name: &str) -> Option<String> {
    resolve_module_by_name(db, name).map(|m| m.path.display().to_string())
}

const TYPESHED_VERSIONS: &str = "# comment\nos: 3.0-\nasynchat: 3.0-3.11\ntomllib: 3.11-\n_newthing: 3.13-\ncollections: 3.0-\n";

#[test]
fn search_order_and_file_kinds() {
    let (_, db) = db_with(
        &[
            ("/proj/app.py", ""),
            ("/proj/app.pyi", ""),
            ("/proj/pkg/__init__.py", ""),
            ("/proj/pkg/sub.py", ""),
            ("/proj/src/srcmod.py", ""),
            ("/typeshed/stdlib/VERSIONS", TYPESHED_VERSIONS),
            ("/typeshed/stdlib/os/__init__.pyi", ""),
            ("/typeshed/stdlib/os/path.pyi", ""),
            ("/typeshed/stdlib/asynchat.pyi", ""),
            ("/typeshed/stdlib/tomllib.pyi", ""),
            ("/typeshed/stdlib/_newthing.pyi", ""),
            ("/usr/lib/python3.11/os.py", ""),
            ("/usr/lib/python3.11/idlelib/__init__.py", ""),
            ("/usr/lib/python3.11/_newthing.py", ""),
            ("/venv/lib/python3.11/site-packages/requests/__init__.py", ""),
            ("/venv/lib/python3.11/site-packages/os.py", ""),
        ],
        settings(),
    );
    // A stub beats the source next to it.
    assert_eq!(path_of(&db, "app").as_deref(), Some("/proj/app.pyi"));
    let pkg = resolve_module_by_name(&db, "pkg").expect("pkg resolves");
    assert_eq!(pkg.kind, ModuleKind::Package);
    assert_eq!(pkg.path, Path::new("/proj/pkg/__init__.py"));
    assert_eq!(path_of(&db, "pkg.sub").as_deref(), Some("/proj/pkg/sub.py"));
    assert_eq!(path_of(&db, "pkg.missing"), None);
    // A module is not a package: nothing below it.
    assert_eq!(path_of(&db, "pkg.sub.deeper"), None);
    // The src layout root.
    assert_eq!(path_of(&db, "srcmod").as_deref(), Some("/proj/src/srcmod.py"));
    // typeshed first for the standard library, then its sources.
    assert_eq!(path_of(&db, "os").as_deref(), Some("/typeshed/stdlib/os/__init__.pyi"));
    assert_eq!(resolve_module_by_name(&db, "os").unwrap().search_path.kind, SearchPathKind::StdlibTypeshed);
    assert_eq!(path_of(&db, "os.path").as_deref(), Some("/typeshed/stdlib/os/path.pyi"));
    assert_eq!(path_of(&db, "idlelib").as_deref(), Some("/usr/lib/python3.11/idlelib/__init__.py"));
    // VERSIONS: asynchat exists up to 3.11, _newthing only from 3.13 (so
    // the typeshed stub is skipped and the source found).
    assert_eq!(path_of(&db, "asynchat").as_deref(), Some("/typeshed/stdlib/asynchat.pyi"));
    assert_eq!(path_of(&db, "tomllib").as_deref(), Some("/typeshed/stdlib/tomllib.pyi"));
    assert_eq!(path_of(&db, "_newthing").as_deref(), Some("/usr/lib/python3.11/_newthing.py"));
    // site-packages, after the standard library (so its `os.py` loses).
    assert_eq!(
        path_of(&db, "requests").as_deref(),
        Some("/venv/lib/python3.11/site-packages/requests/__init__.py")
    );
    assert_eq!(path_of(&db, "nothing_here"), None);
    // Not names at all.
    assert_eq!(path_of(&db, "a..b"), None);
    assert_eq!(path_of(&db, ""), None);
    assert_eq!(path_of(&db, "1abc"), None);
}

#[test]
fn target_version_filters_typeshed() {
    let files = [
        ("/typeshed/stdlib/VERSIONS", TYPESHED_VERSIONS),
        ("/typeshed/stdlib/asynchat.pyi", ""),
        ("/typeshed/stdlib/tomllib.pyi", ""),
    ];
    let mut s = settings();
    s.stdlib = None;
    s.python_version = (3, 12);
    let (_, db) = db_with(&files, s.clone());
    assert_eq!(path_of(&db, "asynchat"), None, "removed after 3.11");
    assert_eq!(path_of(&db, "tomllib").as_deref(), Some("/typeshed/stdlib/tomllib.pyi"));
    s.python_version = (3, 10);
    let (_, db) = db_with(&files, s);
    assert_eq!(path_of(&db, "tomllib"), None, "added in 3.11");
    assert_eq!(path_of(&db, "asynchat").as_deref(), Some("/typeshed/stdlib/asynchat.pyi"));
}

#[test]
fn runtime_mode_ignores_stubs() {
    let mut s = settings();
    s.prefer_stdlib_sources = true;
    let (_, db) = db_with(
        &[
            ("/proj/app.py", ""),
            ("/proj/app.pyi", ""),
            ("/proj/only_stub.pyi", ""),
            ("/typeshed/stdlib/VERSIONS", TYPESHED_VERSIONS),
            ("/typeshed/stdlib/os/__init__.pyi", ""),
            ("/usr/lib/python3.11/os.py", ""),
            ("/venv/lib/python3.11/site-packages/foo-stubs/__init__.pyi", ""),
            ("/venv/lib/python3.11/site-packages/foo/__init__.py", ""),
        ],
        s,
    );
    assert_eq!(path_of(&db, "app").as_deref(), Some("/proj/app.py"));
    assert_eq!(path_of(&db, "only_stub"), None);
    assert_eq!(path_of(&db, "os").as_deref(), Some("/usr/lib/python3.11/os.py"));
    assert_eq!(path_of(&db, "foo").as_deref(), Some("/venv/lib/python3.11/site-packages/foo/__init__.py"));
}

#[test]
fn namespace_packages_merge_portions_and_regular_packages_win() {
    let mut s = settings();
    s.extra_paths = vec![PathBuf::from("/extra")];
    let (_, db) = db_with(
        &[
            // `ns` has no __init__ anywhere: a namespace package of two portions.
            ("/proj/ns/a.py", ""),
            ("/venv/lib/python3.11/site-packages/ns/b.py", ""),
            // `reg` is a namespace directory in the project but a regular
            // package in site-packages: the regular package wins (PEP 420).
            ("/proj/reg/x.py", ""),
            ("/venv/lib/python3.11/site-packages/reg/__init__.py", ""),
            ("/venv/lib/python3.11/site-packages/reg/y.py", ""),
            // extra paths come first.
            ("/extra/pkg.py", ""),
            ("/proj/pkg.py", ""),
        ],
        s,
    );
    let ns = resolve_module_by_name(&db, "ns").expect("namespace package");
    assert_eq!(ns.kind, ModuleKind::Namespace);
    assert!(ns.file.is_none());
    assert_eq!(ns.submodule_search_locations.len(), 2);
    assert_eq!(path_of(&db, "ns.a").as_deref(), Some("/proj/ns/a.py"));
    assert_eq!(path_of(&db, "ns.b").as_deref(), Some("/venv/lib/python3.11/site-packages/ns/b.py"));
    let reg = resolve_module_by_name(&db, "reg").expect("regular package");
    assert_eq!(reg.kind, ModuleKind::Package);
    assert_eq!(path_of(&db, "reg.y").as_deref(), Some("/venv/lib/python3.11/site-packages/reg/y.py"));
    assert_eq!(path_of(&db, "reg.x"), None, "the namespace portion is hidden by the regular package");
    assert_eq!(path_of(&db, "pkg").as_deref(), Some("/extra/pkg.py"));
}

#[test]
fn stub_packages_pep_561() {
    let site = "/venv/lib/python3.11/site-packages";
    let (_, db) = db_with(
        &[
            (&format!("{site}/full-stubs/__init__.pyi"), ""),
            (&format!("{site}/full/__init__.py"), ""),
            (&format!("{site}/full/impl.py"), ""),
            (&format!("{site}/part-stubs/__init__.pyi"), ""),
            (&format!("{site}/part-stubs/py.typed"), "partial\n"),
            (&format!("{site}/part-stubs/typed.pyi"), ""),
            (&format!("{site}/part/__init__.py"), ""),
            (&format!("{site}/part/untyped.py"), ""),
            (&format!("{site}/part/typed.py"), ""),
        ],
        settings(),
    );
    assert_eq!(path_of(&db, "full").as_deref(), Some(&*format!("{site}/full-stubs/__init__.pyi")));
    // A complete stub package hides the runtime package's modules.
    assert_eq!(path_of(&db, "full.impl"), None);
    // A partial one falls back to it.
    assert_eq!(path_of(&db, "part.typed").as_deref(), Some(&*format!("{site}/part-stubs/typed.pyi")));
    assert_eq!(path_of(&db, "part.untyped").as_deref(), Some(&*format!("{site}/part/untyped.py")));
    // A file in a stub package is named after the runtime package.
    let f = db.file(Path::new(&format!("{site}/part-stubs/typed.pyi")));
    assert_eq!(file_module_name(&db, f).as_deref(), Some("part.typed"));
}

#[test]
fn module_names_of_files() {
    let (_, db) = db_with(&[], settings());
    let name = |p: &str| file_module_name(&db, db.file(Path::new(p))).clone();
    assert_eq!(name("/proj/pkg/__init__.py").as_deref(), Some("pkg"));
    assert_eq!(name("/proj/pkg/sub/m.py").as_deref(), Some("pkg.sub.m"));
    // The more specific root wins: src/ is its own root.
    assert_eq!(name("/proj/src/lib/m.py").as_deref(), Some("lib.m"));
    assert_eq!(name("/usr/lib/python3.11/json/decoder.py").as_deref(), Some("json.decoder"));
    assert_eq!(name("/elsewhere/m.py"), None);
    assert_eq!(name("/proj/not-a-name/m.py"), None);
    assert_eq!(name("/proj/data.txt"), None);
}

#[test]
fn relative_imports_as_cpython_resolves_them() {
    let (_, db) = db_with(&[], settings());
    let rel = |p: &str, level: u32, m: Option<&str>| resolve_relative(&db, db.file(Path::new(p)), level, m);
    assert_eq!(rel("/proj/pkg/sub/m.py", 1, Some("x")), Ok("pkg.sub.x".into()));
    assert_eq!(rel("/proj/pkg/sub/m.py", 1, None), Ok("pkg.sub".into()));
    assert_eq!(rel("/proj/pkg/sub/m.py", 2, Some("y.z")), Ok("pkg.y.z".into()));
    assert_eq!(rel("/proj/pkg/sub/__init__.py", 1, Some("x")), Ok("pkg.sub.x".into()));
    assert_eq!(rel("/proj/pkg/sub/__init__.py", 2, None), Ok("pkg".into()));
    assert_eq!(rel("/proj/pkg/sub/m.py", 3, Some("x")), Err(RelativeImportError::BeyondTopLevel));
    assert_eq!(rel("/proj/top.py", 1, Some("x")), Err(RelativeImportError::NoParentPackage));
    assert_eq!(rel("/elsewhere/m.py", 1, Some("x")), Err(RelativeImportError::NoParentPackage));
    assert_eq!(rel("/proj/top.py", 0, Some("os")), Ok("os".into()));
    assert_eq!(rel("/proj/top.py", 0, None), Err(RelativeImportError::EmptyModuleName));
    // The messages are CPython's ImportError messages.
    assert_eq!(
        RelativeImportError::BeyondTopLevel.to_string(),
        "attempted relative import beyond top-level package"
    );
    assert_eq!(
        RelativeImportError::NoParentPackage.to_string(),
        "attempted relative import with no known parent package"
    );
}

#[test]
fn environment_discovery_from_a_virtualenv() {
    let system = MemorySystem::new();
    system.write_file("/proj/main.py", "");
    system.write_file("/proj/src/lib/__init__.py", "");
    system.write_file(
        "/proj/.venv/pyvenv.cfg",
        "home = /opt/py/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n",
    );
    system.write_file("/proj/.venv/lib/python3.11/site-packages/requests/__init__.py", "");
    system.write_file("/proj/.venv/lib/python3.11/site-packages/typeshed_client/typeshed/VERSIONS", "os: 3.0-\n");
    system.write_file("/proj/.venv/bin/python3", "");
    system.write_file("/opt/py/lib/python3.11/os.py", "");
    let env = virtualenv(&system, Path::new("/proj/.venv"), EnvironmentSource::DotVenv).expect("a venv");
    assert_eq!(env.version, Some((3, 11)));
    assert_eq!(env.stdlib.as_deref(), Some(Path::new("/opt/py/lib/python3.11")));
    assert_eq!(env.site_packages, vec![PathBuf::from("/proj/.venv/lib/python3.11/site-packages")]);
    assert_eq!(discover_roots(&system, Path::new("/proj")), vec![PathBuf::from("/proj"), PathBuf::from("/proj/src")]);
    // VIRTUAL_ENV wins over .venv; PYX_TYPESHED over the environment's typeshed.
    system.write_file("/other/pyvenv.cfg", "home = /opt/py/bin\nversion = 3.11.2\n");
    system.write_file("/other/lib/python3.11/site-packages/x.py", "");
    system.write_file("/ts/stdlib/VERSIONS", "os: 3.0-\n");
    let found = discover_settings(&system, Path::new("/proj"), &DiscoveryOptions::default());
    assert_eq!(found.environment.source, EnvironmentSource::DotVenv);
    assert_eq!(
        found.settings.typeshed_stdlib.as_deref(),
        Some(Path::new("/proj/.venv/lib/python3.11/site-packages/typeshed_client/typeshed"))
    );
    system.set_env("VIRTUAL_ENV", "/other");
    system.set_env("PYX_TYPESHED", "/ts");
    let found = discover_settings(&system, Path::new("/proj"), &DiscoveryOptions::default());
    assert_eq!(found.environment.source, EnvironmentSource::VirtualEnvVar);
    assert_eq!(found.settings.site_packages, vec![PathBuf::from("/other/lib/python3.11/site-packages")]);
    assert_eq!(found.settings.typeshed_stdlib.as_deref(), Some(Path::new("/ts/stdlib")));
    // A configured typeshed that is not one is a warning, not a failure.
    let options = DiscoveryOptions { typeshed: Some(PathBuf::from("/nowhere")), ..DiscoveryOptions::default() };
    let found = discover_settings(&system, Path::new("/proj"), &options);
    assert!(found.warnings.iter().any(|w| w.contains("/nowhere")), "{:?}", found.warnings);
}

/// The real machine: the `python3` on PATH, its standard library and the
/// typeshed that `typeshed_client` ships (the README's set-up installs it).
#[test]
fn the_host_environment_resolves_the_standard_library() {
    let system = OsSystem;
    let dir = std::env::temp_dir();
    let found = discover_settings(&system, &dir, &DiscoveryOptions::default());
    let settings = found.settings;
    let stdlib = settings.stdlib.clone().expect("python3's standard library is found");
    assert!(stdlib.join("os.py").is_file());
    let typeshed = settings
        .typeshed_stdlib
        .clone()
        .expect("typeshed is found (pip install typeshed_client; ./x does it)");
    let mut db = RootDatabase::new(Arc::new(OsSystem));
    db.set_project(settings.clone());
    for (name, file) in [
        ("os", "os/__init__.pyi"),
        ("os.path", "os/path.pyi"),
        ("collections.abc", "collections/abc.pyi"),
        ("json.decoder", "json/decoder.pyi"),
        ("_thread", "_thread.pyi"),
    ] {
        assert_eq!(resolve_module_by_name(&db, name).map(|m| m.path.clone()), Some(typeshed.join(file)), "{name}");
    }
    assert!(resolve_module_by_name(&db, "test.support").is_some_and(|m| m.path.starts_with(&stdlib)));
    assert!(resolve_module_by_name(&db, "no_such_module_anywhere").is_none());
    // The interpreter's view: sources.
    let mut runtime = settings;
    runtime.prefer_stdlib_sources = true;
    db.set_project(runtime);
    assert_eq!(resolve_module_by_name(&db, "os").map(|m| m.path.clone()), Some(stdlib.join("os.py")));
    assert_eq!(
        resolve_module_by_name(&db, "json").map(|m| m.path.clone()),
        Some(stdlib.join("json").join("__init__.py"))
    );
}

#[test]
fn unresolved_import_diagnostics() {
    let main = "\
import os
import os.path
import missing_mod
import pkg.nope.deeper
from pkg import anything, sub
from . import sibling
from .. import beyond
from .sub import x
from .gone import y
try:
    import optional_dep
except ImportError:
    optional_dep = None
def f():
    import also_missing
";
    let (_, db) = db_with(
        &[
            ("/proj/pkg/__init__.py", ""),
            ("/proj/pkg/sub.py", ""),
            ("/proj/pkg/main.py", main),
            ("/typeshed/stdlib/VERSIONS", "os: 3.0-\n"),
            ("/typeshed/stdlib/os/__init__.pyi", ""),
            ("/typeshed/stdlib/os/path.pyi", ""),
        ],
        settings(),
    );
    let file = db.file(Path::new("/proj/pkg/main.py"));
    let got: Vec<(u32, String)> = file_diagnostics(&db, file)
        .iter()
        .filter(|d| d.rule == Rule::UnresolvedImport)
        .map(|d| (main[..usize::from(d.range.start())].matches('\n').count() as u32 + 1, d.message.clone()))
        .collect();
    let expected: Vec<(u32, String)> = vec![
        (3, "Cannot resolve module 'missing_mod'".into()),
        (4, "Cannot resolve module 'pkg.nope.deeper': no module named 'pkg.nope'".into()),
        (7, "attempted relative import beyond top-level package".into()),
        (9, "Cannot resolve module '.gone'".into()),
        (15, "Cannot resolve module 'also_missing'".into()),
    ];
    assert_eq!(got, expected);
}

#[test]
fn no_unresolved_imports_without_a_standard_library() {
    let (_, db) = db_with(&[("/proj/m.py", "import os\nimport surely_missing\n")], Settings::default());
    let file = db.file(Path::new("/proj/m.py"));
    assert!(file_diagnostics(&db, file).iter().all(|d| d.rule != Rule::UnresolvedImport));
}

#[test]
fn creating_a_file_resolves_what_was_missing() {
    let (system, mut db) = db_with(&[("/proj/m.py", "import later\n"), ("/typeshed/stdlib/VERSIONS", "")], settings());
    let file = db.file(Path::new("/proj/m.py"));
    assert_eq!(file_diagnostics(&db, file).iter().filter(|d| d.rule == Rule::UnresolvedImport).count(), 1);
    system.write_file("/proj/later.py", "");
    db.fs_structure_changed();
    assert_eq!(file_diagnostics(&db, file).iter().filter(|d| d.rule == Rule::UnresolvedImport).count(), 0);
}

#[test]
fn compiled_modules_and_os_path() {
    let (_, db) = db_with(
        &[
            ("/usr/lib/python3.11/os.py", ""),
            ("/usr/lib/python3.11/posixpath.py", ""),
            ("/usr/lib/python3.11/lib-dynload/_json.cpython-311-x86_64-linux-gnu.so", ""),
            ("/venv/lib/python3.11/site-packages/fast.so", ""),
        ],
        Settings { typeshed_stdlib: None, ..settings() },
    );
    let json = resolve_module_by_name(&db, "_json").expect("an extension module");
    assert_eq!(json.kind, ModuleKind::Compiled);
    assert!(json.file.is_none());
    assert_eq!(path_of(&db, "fast").as_deref(), Some("/venv/lib/python3.11/site-packages/fast.so"));
    let sre = resolve_module_by_name(&db, "_sre").expect("a built-in module");
    assert_eq!(sre.kind, ModuleKind::Compiled);
    assert_eq!(path_of(&db, "_sre.sub"), None);
    assert_eq!(path_of(&db, "_not_builtin"), None);
    // `os.path` is whatever `os` installs: posixpath here.
    let os_path = resolve_module_by_name(&db, "os.path").expect("os.path");
    assert_eq!(os_path.name, "os.path");
    assert_eq!(os_path.path, Path::new("/usr/lib/python3.11/posixpath.py"));
}

/// Checking for Windows (`python-platform = "win32"`), `os.path` is
/// `ntpath`, whatever the host.
#[test]
fn os_path_follows_the_target_platform() {
    let files = [
        ("/usr/lib/python3.11/os.py", ""),
        ("/usr/lib/python3.11/posixpath.py", ""),
        ("/usr/lib/python3.11/ntpath.py", ""),
    ];
    for (platform, expected) in [("win32", "ntpath.py"), ("linux", "posixpath.py"), ("darwin", "posixpath.py")] {
        let (_, db) = db_with(
            &files,
            Settings { typeshed_stdlib: None, python_platform: Some(platform.to_string()), ..settings() },
        );
        let os_path = resolve_module_by_name(&db, "os.path").expect("os.path");
        assert_eq!(os_path.path, Path::new("/usr/lib/python3.11").join(expected), "{platform}");
    }
}

/// Imports under a platform or version check that is false for the target
/// are not reported; the rest of a module after `if <true>: raise` is
/// unreachable.
#[test]
fn platform_and_version_checks_hide_unreachable_imports() {
    let main = "\
import sys
if sys.platform == 'win32':
    import winonly_a
elif sys.platform.startswith(('linux', 'freebsd')):
    import linux_missing
else:
    import other_missing
if sys.platform[:4] == 'java':
    import java_missing
if sys.version_info >= (3, 12):
    import new_missing
if sys.version_info < (3, 12) and sys.platform != 'darwin':
    import old_missing
if not sys.platform == 'linux' or undecidable():
    import maybe_missing
if sys.platform != 'win32':
    raise ImportError('win32 only')
import after_raise
";
    let mut s = settings();
    s.python_platform = Some("linux".into());
    let (_, db) = db_with(&[("/proj/m.py", main), ("/typeshed/stdlib/VERSIONS", "sys: 3.0-\n"), ("/typeshed/stdlib/sys.pyi", "")], s);
    let file = db.file(Path::new("/proj/m.py"));
    let got: Vec<String> = file_diagnostics(&db, file)
        .iter()
        .filter(|d| d.rule == Rule::UnresolvedImport)
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        got,
        vec![
            "Cannot resolve module 'linux_missing'".to_string(),
            "Cannot resolve module 'old_missing'".to_string(),
            "Cannot resolve module 'maybe_missing'".to_string(),
        ]
    );
}

/// One-shot databases sharing their resolutions (as `pyx check`'s chunks
/// do) answer exactly as a database resolving alone, and each gets its own
/// `File` for the module found.
#[test]
fn shared_resolutions_answer_as_unshared() {
    let files: &[(&str, &str)] = &[
        ("/proj/app.py", ""),
        ("/proj/pkg/__init__.py", ""),
        ("/proj/pkg/sub.py", ""),
        ("/proj/ns/part.py", ""),
        ("/typeshed/stdlib/VERSIONS", TYPESHED_VERSIONS),
        ("/typeshed/stdlib/os/__init__.pyi", ""),
        ("/typeshed/stdlib/os/path.pyi", ""),
        ("/usr/lib/python3.11/os.py", ""),
        ("/usr/lib/python3.11/lib-dynload/_json.cpython-311-x86_64-linux-gnu.so", ""),
    ];
    let names = ["app", "pkg", "pkg.sub", "pkg.missing", "ns", "ns.part", "os", "os.path", "sys", "_json", "nowhere", "app.x"];
    let system = Arc::new(MemorySystem::new());
    for (path, text) in files {
        system.write_file(path, *text);
    }
    let (_, alone) = db_with(files, settings());
    let shared = pyx_semantics::db::SharedResolutions::default();
    let one_shot = |s: &pyx_semantics::db::SharedResolutions| {
        let mut db = RootDatabase::new_one_shot_shared(system.clone(), s.clone());
        db.set_project(settings());
        db
    };
    let first = one_shot(&shared);
    let second = one_shot(&shared);
    for db in [&first, &second] {
        for name in names {
            let expected = resolve_module_by_name(&alone, name);
            let got = resolve_module_by_name(db, name);
            assert_eq!(got.map(|m| (&m.name, m.kind, &m.path)), expected.map(|m| (&m.name, m.kind, &m.path)), "{name}");
            if let Some(m) = got {
                assert_eq!(m.file.is_some(), expected.is_some_and(|e| e.file.is_some()), "{name}");
                if let Some(f) = m.file {
                    assert_eq!(f.path(db), &m.path, "{name}: the file is this database's");
                }
            }
        }
    }
}
