//! The project input: where sources and libraries are, and settings read
//! from `pyproject.toml` `[tool.pyx]`.

use std::path::PathBuf;
use std::sync::Arc;

/// What a project is: its roots and search paths, in resolution order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Settings {
    /// First-party roots: the project directory, `src/` if present, and
    /// extra paths from configuration.
    pub roots: Vec<PathBuf>,
    /// Extra search paths from configuration (`extra-paths`).
    pub extra_paths: Vec<PathBuf>,
    /// Typeshed's `stdlib/` directory (stubs for checking), if found.
    pub typeshed_stdlib: Option<PathBuf>,
    /// The real standard library (`.py` sources, for running).
    pub stdlib: Option<PathBuf>,
    /// site-packages of the active environment.
    pub site_packages: Vec<PathBuf>,
    /// Target Python version (major, minor).
    pub python_version: (u8, u8),
    /// Resolve the standard library to its `.py` sources rather than to
    /// typeshed's stubs (the interpreter wants the former).
    pub prefer_stdlib_sources: bool,
    /// Directories of the standard library's compiled extension modules
    /// (`lib-dynload`), searched after its sources.
    pub stdlib_dynload: Vec<PathBuf>,
    /// Modules built into the interpreter (`sys.builtin_module_names`):
    /// they exist without any file.
    pub builtin_modules: Vec<String>,
    /// The target `sys.platform` (`linux`, `darwin`, `win32`); `None`
    /// means the platform pyx runs on.
    pub python_platform: Option<String>,
    /// File-name endings of extension modules
    /// (`importlib.machinery.EXTENSION_SUFFIXES`).
    pub extension_suffixes: Vec<String>,
}

#[salsa::input(debug)]
pub struct Project {
    #[returns(ref)]
    pub settings: Arc<Settings>,
}

/// Bumped whenever files or directories are created or deleted, so that
/// module resolution (which looks at what exists) re-runs then and only
/// then.
#[salsa::input(debug)]
pub struct FsRevision {
    #[returns(copy)]
    pub revision: u64,
}
