//! Module resolution: which file (or namespace package) a dotted module
//! name stands for, which module a file is, and what a relative import
//! means. The design (search order, precedence, invalidation) is written up
//! in `docs/semantics.md`, "Module resolution".
//!
//! Resolution follows the import system (PEP 302/451/420) rather than
//! looking each dotted name up from scratch: `a.b.c` is searched for only in
//! the `__path__` of `a.b` (its [`ResolvedModule::submodule_search_locations`]),
//! so a regular package found in one search path hides same-named
//! directories in every other, exactly as at run time.
//!
//! Everything here reads the disk through [`crate::system::System`] only,
//! and the tracked queries depend on the file-system revision
//! ([`crate::project::FsRevision`]) and the project settings, never on the
//! contents of source files: editing a file re-resolves nothing.

pub mod discover;
pub mod interpreter_cache;
pub mod typeshed;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyx_syntax::TextRange;

use crate::db::{Db, File};
use crate::diagnostics::{Diagnostic, Rule};
use crate::project::Settings;

pub use typeshed::{typeshed_versions, TypeshedVersions, VersionRange};

/// A dotted module name (`os`, `json.decoder`), interned so that it can key
/// the tracked [`resolve_module`] query. Build it with [`ModuleName::parse`],
/// which checks that every component is an identifier.
#[salsa::interned(debug)]
pub struct ModuleName<'db> {
    #[returns(ref)]
    pub dotted: String,
}

impl<'db> ModuleName<'db> {
    /// The interned name, or `None` if `dotted` is not a sequence of
    /// identifiers separated by single dots.
    pub fn parse(db: &'db dyn Db, dotted: &str) -> Option<ModuleName<'db>> {
        if is_valid_module_name(dotted) {
            Some(ModuleName::new(db, dotted.to_string()))
        } else {
            None
        }
    }

    /// The enclosing package's name (`a.b` for `a.b.c`), `None` for a
    /// top-level name.
    pub fn parent(self, db: &'db dyn Db) -> Option<ModuleName<'db>> {
        let (parent, _) = self.dotted(db).rsplit_once('.')?;
        Some(ModuleName::new(db, parent.to_string()))
    }

    /// The last component (`c` for `a.b.c`).
    pub fn last(self, db: &'db dyn Db) -> &'db str {
        let dotted = self.dotted(db);
        dotted.rsplit_once('.').map_or(dotted.as_str(), |(_, last)| last)
    }
}

/// Is `text` a valid dotted module name: identifiers joined by dots?
pub fn is_valid_module_name(text: &str) -> bool {
    !text.is_empty() && text.split('.').all(is_identifier)
}

/// Python's `str.isidentifier()` (without NFKC normalisation, which only
/// matters for exotic spellings that no file name on disk has).
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if pyx_syntax::unicode_tables::is_xid_start(first) => {
            chars.all(pyx_syntax::unicode_tables::is_xid_continue)
        }
        _ => false,
    }
}

/// Where a search path comes from; also its rank in the search order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SearchPathKind {
    /// `extra-paths` from configuration: searched first, so users can
    /// override anything.
    Extra,
    /// A project root (the project directory, `src/`).
    FirstParty,
    /// typeshed's `stdlib/` stubs (checking and editor features).
    StdlibTypeshed,
    /// The real standard library's `.py` sources (running).
    StdlibSource,
    /// The active environment's site-packages.
    SitePackages,
}

/// One directory that top-level modules are looked up in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SearchPath {
    pub root: PathBuf,
    pub kind: SearchPathKind,
}

/// A directory that a package's submodules are looked up in (one entry of
/// its `__path__`), with the search path it lies under.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    pub dir: PathBuf,
    pub search_path: SearchPath,
}

/// What kind of thing a module name resolved to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModuleKind {
    /// A single file: `name.pyi` or `name.py`.
    Module,
    /// A regular package: a directory with `__init__.pyi` / `__init__.py`.
    Package,
    /// A namespace package (PEP 420): one or more directories without
    /// `__init__`; it has no file.
    Namespace,
    /// A module with no Python source: built into the interpreter
    /// (`path` is empty) or an extension module (`path` is its `.so`).
    Compiled,
}

/// Whether resolution looks for stubs (checking, editor features) or for
/// what the interpreter imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResolutionMode {
    /// `.pyi` over `.py`, `foo-stubs` over `foo`, typeshed for the standard
    /// library.
    Stubs,
    /// The import system's view: only `.py` files count (the interpreter
    /// cannot run a stub), stub packages are ignored and the standard
    /// library comes from its sources.
    Runtime,
}

impl ResolutionMode {
    /// `prefer_stdlib_sources` is what the interpreter sets; it means the
    /// runtime view everywhere, not only for the standard library, because
    /// a `.pyi` that shadows a `.py` must not stop a program from running.
    pub fn of(settings: &Settings) -> ResolutionMode {
        if settings.prefer_stdlib_sources {
            ResolutionMode::Runtime
        } else {
            ResolutionMode::Stubs
        }
    }
}

/// A resolved module.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ResolvedModule {
    /// The dotted name.
    pub name: String,
    pub kind: ModuleKind,
    /// The module's file (`__init__` file for a package); `None` for a
    /// namespace package and a compiled module.
    pub file: Option<File>,
    /// The path of `file` (the first portion's directory for a namespace
    /// package, the shared library of an extension module, empty for a
    /// built-in one).
    pub path: PathBuf,
    /// The search path the module was found under (the first portion's,
    /// for a namespace package).
    pub search_path: SearchPath,
    /// Where submodules are looked up — the package's `__path__`: the
    /// package directory; for a namespace package every portion, in search
    /// order; for a partial stub package (PEP 561) the stubs, then the
    /// runtime package. Empty for a plain module.
    pub submodule_search_locations: Arc<[Location]>,
}

impl ResolvedModule {
    pub fn is_package(&self) -> bool {
        self.kind != ModuleKind::Module
    }

    /// Whether the module's file is a stub (`.pyi`).
    pub fn is_stub(&self) -> bool {
        self.file.is_some() && self.path.extension().is_some_and(|e| e == "pyi")
    }
}

/// The search paths in resolution order: extra paths, project roots, the
/// standard library (typeshed first in [`ResolutionMode::Stubs`] when
/// configured, then its sources), site-packages. A directory listed twice is searched
/// only where it first appears.
#[salsa::tracked(returns(ref))]
pub fn search_paths(db: &dyn Db) -> Arc<[SearchPath]> {
    let settings = db.project().settings(db);
    let mut out: Vec<SearchPath> = Vec::new();
    let mut push = |root: &Path, kind: SearchPathKind| {
        if !out.iter().any(|sp| sp.root == root) {
            out.push(SearchPath { root: root.to_path_buf(), kind });
        }
    };
    for p in &settings.extra_paths {
        push(p, SearchPathKind::Extra);
    }
    for p in &settings.roots {
        push(p, SearchPathKind::FirstParty);
    }
    // Checking prefers typeshed's stubs, but the sources stay searched
    // after them: typeshed leaves out private and test-only modules
    // (`test.support`, `idlelib`) that real code still imports.
    if ResolutionMode::of(settings) == ResolutionMode::Stubs {
        if let Some(typeshed) = &settings.typeshed_stdlib {
            push(typeshed, SearchPathKind::StdlibTypeshed);
        }
    }
    if let Some(stdlib) = &settings.stdlib {
        push(stdlib, SearchPathKind::StdlibSource);
    }
    for dynload in &settings.stdlib_dynload {
        push(dynload, SearchPathKind::StdlibSource);
    }
    for p in &settings.site_packages {
        push(p, SearchPathKind::SitePackages);
    }
    out.into()
}

/// The module `name` stands for, or `None` if nothing provides it.
///
/// Reads the project settings, the file-system revision and (for typeshed)
/// the `VERSIONS` file — never a module's contents — so only creating or
/// deleting files, or changing settings, re-runs it; and because the result
/// compares equal when nothing moved, queries that depend on it are not
/// re-run either.
#[salsa::tracked(returns(ref))]
pub fn resolve_module<'db>(db: &'db dyn Db, name: ModuleName<'db>) -> Option<ResolvedModule> {
    let _ = db.fs_revision().revision(db);
    let Some(shared) = db.shared_resolutions() else {
        return resolve_module_here(db, name);
    };
    let dotted = name.dotted(db);
    if let Some(answer) = shared.get(dotted) {
        // This database's own `File` for the module's file.
        return answer.map(|mut m| {
            m.file = matches!(m.kind, ModuleKind::Module | ModuleKind::Package).then(|| db.file(&m.path));
            m
        });
    }
    let found = resolve_module_here(db, name);
    shared.insert(dotted, found.clone().map(|m| ResolvedModule { file: None, ..m }));
    found
}

/// [`resolve_module`]'s search.
fn resolve_module_here<'db>(db: &'db dyn Db, name: ModuleName<'db>) -> Option<ResolvedModule> {
    let settings = db.project().settings(db);
    let mode = ResolutionMode::of(settings);
    let dotted = name.dotted(db);
    match name.parent(db) {
        None => {
            let locations: Vec<Location> = search_paths(db)
                .iter()
                .map(|sp| Location { dir: sp.root.clone(), search_path: sp.clone() })
                .collect();
            if mode == ResolutionMode::Runtime {
                if let Some(builtin) = builtin_module(settings, dotted) {
                    return Some(builtin);
                }
            }
            find_module(db, &locations, dotted, name.last(db), mode, true)
                .or_else(|| builtin_module(settings, dotted))
        }
        Some(parent) => {
            let parent = resolve_module(db, parent).as_ref()?;
            // `os` puts its platform's path module into `sys.modules` as
            // `os.path`; nothing else in the standard library does that.
            // The target platform's (`python-platform`), else the host's.
            if dotted == "os.path" && parent.kind != ModuleKind::Package {
                let windows = match &settings.python_platform {
                    Some(p) => p == "win32",
                    None => cfg!(windows),
                };
                let platform = if windows { "ntpath" } else { "posixpath" };
                let mut found = resolve_module(db, ModuleName::new(db, platform.to_string())).clone()?;
                found.name = dotted.to_string();
                return Some(found);
            }
            // A plain module has no submodules ("'a' is not a package").
            if matches!(parent.kind, ModuleKind::Module | ModuleKind::Compiled) {
                return None;
            }
            find_module(db, &parent.submodule_search_locations, dotted, name.last(db), mode, false)
        }
    }
}

/// A built-in module: found without any file, after every search path
/// when checking (typeshed's stub of `_thread` is more useful than
/// nothing) — at run time they come first, but then the interpreter's own
/// list is the one configured.
fn builtin_module(settings: &Settings, dotted: &str) -> Option<ResolvedModule> {
    settings.builtin_modules.iter().any(|b| b == dotted).then(|| ResolvedModule {
        name: dotted.to_string(),
        kind: ModuleKind::Compiled,
        file: None,
        path: PathBuf::new(),
        search_path: SearchPath { root: PathBuf::new(), kind: SearchPathKind::StdlibSource },
        submodule_search_locations: Arc::from(Vec::new()),
    })
}

/// Resolve a dotted name given as text; `None` if it is not a valid name or
/// not found.
pub fn resolve_module_by_name<'db>(db: &'db dyn Db, dotted: &str) -> Option<&'db ResolvedModule> {
    let name = ModuleName::parse(db, dotted)?;
    resolve_module(db, name).as_ref()
}

/// Look for `last` (the last component of `dotted`) in `locations`, in
/// order. A regular package or a module wins at once; directories without
/// `__init__` are namespace portions that count only if nothing else is
/// found anywhere (PEP 420).
fn find_module(
    db: &dyn Db,
    locations: &[Location],
    dotted: &str,
    last: &str,
    mode: ResolutionMode,
    top_level: bool,
) -> Option<ResolvedModule> {
    let system = db.system();
    let mut portions: Vec<Location> = Vec::new();
    for location in locations {
        if location.search_path.kind == SearchPathKind::StdlibTypeshed && !typeshed_has(db, dotted) {
            continue;
        }
        // PEP 561: a stub-only package `foo-stubs` in site-packages takes
        // precedence over `foo` itself.
        if mode == ResolutionMode::Stubs && top_level && location.search_path.kind == SearchPathKind::SitePackages {
            let stubs_dir = location.dir.join(format!("{last}-stubs"));
            if system.is_dir(&stubs_dir) {
                let stubs = Location { dir: stubs_dir, search_path: location.search_path.clone() };
                if let Some(init) = package_init(db, &stubs.dir, mode) {
                    let mut search = vec![stubs.clone()];
                    // A partial stub package leaves what it does not cover
                    // to the runtime package next to it.
                    if is_partial_stub_package(db, &stubs.dir) {
                        let runtime_dir = location.dir.join(last);
                        if system.is_dir(&runtime_dir) {
                            search.push(Location { dir: runtime_dir, search_path: location.search_path.clone() });
                        }
                    }
                    return Some(package(db, dotted, init, &stubs, search));
                }
                portions.push(stubs);
            }
        }
        match probe(db, &location.dir, last, mode) {
            Probe::Package(init, dir) => {
                let found = Location { dir, search_path: location.search_path.clone() };
                return Some(package(db, dotted, init, &found, vec![found.clone()]));
            }
            Probe::Module(path) => {
                return Some(ResolvedModule {
                    name: dotted.to_string(),
                    kind: ModuleKind::Module,
                    file: Some(db.file(&path)),
                    path,
                    search_path: location.search_path.clone(),
                    submodule_search_locations: Arc::from(Vec::new()),
                });
            }
            Probe::Compiled(path) => {
                return Some(ResolvedModule {
                    name: dotted.to_string(),
                    kind: ModuleKind::Compiled,
                    file: None,
                    path,
                    search_path: location.search_path.clone(),
                    submodule_search_locations: Arc::from(Vec::new()),
                });
            }
            Probe::Namespace(dir) => portions.push(Location { dir, search_path: location.search_path.clone() }),
            Probe::Nothing => {}
        }
    }
    let first = portions.first()?.clone();
    Some(ResolvedModule {
        name: dotted.to_string(),
        kind: ModuleKind::Namespace,
        file: None,
        path: first.dir.clone(),
        search_path: first.search_path,
        submodule_search_locations: portions.into(),
    })
}

fn package(db: &dyn Db, dotted: &str, init: PathBuf, found: &Location, search: Vec<Location>) -> ResolvedModule {
    ResolvedModule {
        name: dotted.to_string(),
        kind: ModuleKind::Package,
        file: Some(db.file(&init)),
        path: init,
        search_path: found.search_path.clone(),
        submodule_search_locations: search.into(),
    }
}

enum Probe {
    /// The `__init__` file and the package directory.
    Package(PathBuf, PathBuf),
    Module(PathBuf),
    Compiled(PathBuf),
    Namespace(PathBuf),
    Nothing,
}

/// What `name` is in directory `dir`. The order is the import system's
/// (`FileFinder`): a package directory with `__init__` beats a module file
/// of the same name, which beats a directory without `__init__`. Within
/// each, a stub beats a source file in [`ResolutionMode::Stubs`].
fn probe(db: &dyn Db, dir: &Path, name: &str, mode: ResolutionMode) -> Probe {
    let system = db.system();
    let package_dir = dir.join(name);
    let is_dir = system.is_dir(&package_dir);
    if is_dir {
        if let Some(init) = package_init(db, &package_dir, mode) {
            return Probe::Package(init, package_dir);
        }
    }
    for ext in extensions(mode) {
        let file = dir.join(format!("{name}.{ext}"));
        if system.is_file(&file) {
            return Probe::Module(file);
        }
    }
    // An extension module is something to check against only through its
    // stub, but it exists: the import is not unresolved. The interpreter
    // cannot load CPython's, so the runtime view skips them.
    if mode == ResolutionMode::Stubs {
        for suffix in &db.project().settings(db).extension_suffixes {
            let file = dir.join(format!("{name}{suffix}"));
            if system.is_file(&file) {
                return Probe::Compiled(file);
            }
        }
    }
    if is_dir {
        Probe::Namespace(package_dir)
    } else {
        Probe::Nothing
    }
}

fn package_init(db: &dyn Db, dir: &Path, mode: ResolutionMode) -> Option<PathBuf> {
    extensions(mode)
        .iter()
        .map(|ext| dir.join(format!("__init__.{ext}")))
        .find(|init| db.system().is_file(init))
}

fn extensions(mode: ResolutionMode) -> &'static [&'static str] {
    match mode {
        ResolutionMode::Stubs => &["pyi", "py"],
        ResolutionMode::Runtime => &["py"],
    }
}

/// PEP 561: a `py.typed` whose content is the line `partial`.
fn is_partial_stub_package(db: &dyn Db, dir: &Path) -> bool {
    let marker = dir.join("py.typed");
    if !db.system().is_file(&marker) {
        return false;
    }
    // Depend on the marker's revision, so editing it re-resolves.
    let _ = db.file(&marker).revision(db);
    match db.system().read(&marker) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).lines().any(|l| l.trim() == "partial"),
        Err(_) => false,
    }
}

fn typeshed_has(db: &dyn Db, dotted: &str) -> bool {
    let version = python_version(db.project().settings(db));
    match typeshed_versions(db) {
        Some(versions) => versions.is_available(dotted, version),
        // Without a readable VERSIONS file nothing is filtered: a broken
        // typeshed is better than none.
        None => true,
    }
}

/// The target version; an unset version (`(0, 0)`, the settings' default)
/// means Python 3.11, the version pyx implements.
pub fn python_version(settings: &Settings) -> (u16, u16) {
    match settings.python_version {
        (0, _) => (3, 11),
        (major, minor) => (u16::from(major), u16::from(minor)),
    }
}

/// The dotted name `file` has as a module, by the search path it lies
/// under (the most specific one when they nest, so `src/pkg/m.py` is
/// `pkg.m` when both the project and its `src/` are roots): `pkg/sub/m.py`
/// is `pkg.sub.m`, `pkg/__init__.py` is `pkg`, and `foo-stubs/m.pyi` in
/// site-packages is `foo.m`. Both the typeshed and the source standard
/// library count, whichever the mode, so that a file reached by
/// go-to-definition still has a name. `None` for a file outside every
/// search path, a file that is not `.py`/`.pyi`, or a path that is not made
/// of identifiers.
#[salsa::tracked(returns(ref))]
pub fn file_module_name(db: &dyn Db, file: File) -> Option<String> {
    let settings = db.project().settings(db);
    let path = file.path(db);
    let mut best: Option<(&Path, SearchPathKind)> = None;
    let candidates = settings
        .extra_paths
        .iter()
        .map(|p| (p, SearchPathKind::Extra))
        .chain(settings.roots.iter().map(|p| (p, SearchPathKind::FirstParty)))
        .chain(settings.typeshed_stdlib.iter().map(|p| (p, SearchPathKind::StdlibTypeshed)))
        .chain(settings.stdlib.iter().map(|p| (p, SearchPathKind::StdlibSource)))
        .chain(settings.site_packages.iter().map(|p| (p, SearchPathKind::SitePackages)));
    for (root, kind) in candidates {
        if path.starts_with(root) && best.is_none_or(|(b, _)| root.components().count() > b.components().count()) {
            best = Some((root.as_path(), kind));
        }
    }
    let (root, kind) = best?;
    let relative = path.strip_prefix(root).ok()?;
    let mut parts: Vec<String> = Vec::new();
    for component in relative.components() {
        parts.push(component.as_os_str().to_str()?.to_string());
    }
    let file_name = parts.pop()?;
    let stem = file_name.strip_suffix(".pyi").or_else(|| file_name.strip_suffix(".py"))?;
    if stem != "__init__" {
        parts.push(stem.to_string());
    }
    if kind == SearchPathKind::SitePackages {
        if let Some(first) = parts.first_mut() {
            if let Some(stripped) = first.strip_suffix("-stubs") {
                *first = stripped.to_string();
            }
        }
    }
    if parts.is_empty() || !parts.iter().all(|p| is_identifier(p)) {
        return None;
    }
    Some(parts.join("."))
}

/// Why a relative import has no meaning.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RelativeImportError {
    /// The importing file is not inside a package (a top-level module, a
    /// script, or a file outside every search path).
    NoParentPackage,
    /// More dots than enclosing packages.
    BeyondTopLevel,
    /// `level` 0 with no module (`__import__('')`).
    EmptyModuleName,
    /// The module part is not a dotted name.
    InvalidModuleName(String),
}

impl fmt::Display for RelativeImportError {
    /// CPython's messages (`importlib._bootstrap._resolve_name` and
    /// `_sanity_check`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RelativeImportError::NoParentPackage => f.write_str("attempted relative import with no known parent package"),
            RelativeImportError::BeyondTopLevel => f.write_str("attempted relative import beyond top-level package"),
            RelativeImportError::EmptyModuleName => f.write_str("Empty module name"),
            RelativeImportError::InvalidModuleName(name) => write!(f, "invalid module name '{name}'"),
        }
    }
}

impl std::error::Error for RelativeImportError {}

impl RelativeImportError {
    /// The diagnostic for an import statement at `range` (rule
    /// `unresolved-import`).
    pub fn to_diagnostic(&self, range: TextRange) -> Diagnostic {
        Diagnostic::new(Rule::UnresolvedImport, range, self.to_string())
    }
}

/// The absolute name `from <level dots><module> import ...` refers to in
/// `importing` — CPython's `_resolve_name`: the importing module's package
/// (the module itself for an `__init__` file, else its parent) loses
/// `level - 1` trailing components, then `module` is appended. Level 0 is
/// an absolute import and returns `module` unchanged. Never panics: every
/// impossible import is an error value.
pub fn resolve_relative(
    db: &dyn Db,
    importing: File,
    level: u32,
    module: Option<&str>,
) -> Result<String, RelativeImportError> {
    let module = module.filter(|m| !m.is_empty());
    if let Some(m) = module {
        if !is_valid_module_name(m) {
            return Err(RelativeImportError::InvalidModuleName(m.to_string()));
        }
    }
    if level == 0 {
        return module.map(str::to_string).ok_or(RelativeImportError::EmptyModuleName);
    }
    let name = file_module_name(db, importing).as_deref().ok_or(RelativeImportError::NoParentPackage)?;
    let is_init = importing.path(db).file_stem().is_some_and(|s| s == "__init__");
    let package = if is_init { name } else { name.rsplit_once('.').map_or("", |(package, _)| package) };
    if package.is_empty() {
        return Err(RelativeImportError::NoParentPackage);
    }
    let parts: Vec<&str> = package.split('.').collect();
    let keep = usize::try_from(level - 1)
        .ok()
        .and_then(|up| parts.len().checked_sub(up))
        .filter(|&keep| keep > 0)
        .ok_or(RelativeImportError::BeyondTopLevel)?;
    let base = parts[..keep].join(".");
    Ok(match module {
        Some(m) => format!("{base}.{m}"),
        None => base,
    })
}

/// Resolve an import as written in `importing`: `level` leading dots and
/// the optional module after them. `Err` when a relative import has no
/// meaning, `Ok(None)` when the module is not found.
pub fn resolve_import<'db>(
    db: &'db dyn Db,
    importing: File,
    level: u32,
    module: Option<&str>,
) -> Result<Option<&'db ResolvedModule>, RelativeImportError> {
    let absolute = resolve_relative(db, importing, level, module)?;
    Ok(resolve_module_by_name(db, &absolute))
}
