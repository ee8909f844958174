//! Finding the settings module resolution needs: project roots, the active
//! Python environment (its standard library and site-packages) and
//! typeshed.
//!
//! These are plain functions, run once at start-up (and again when the user
//! changes configuration), outside the database. They look at the disk
//! through a [`System`], except one step: when no virtual environment is
//! active, only the `python3` on PATH knows where its standard library and
//! site-packages are, and [`query_interpreter`] asks it with
//! `std::process::Command`. That is the only process pyx-semantics ever
//! spawns, and never from a tracked query.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::db::DurabilityRoots;
use crate::project::Settings;
use crate::system::System;

/// How the environment was found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EnvironmentSource {
    /// The `VIRTUAL_ENV` variable (an activated virtual environment).
    VirtualEnvVar,
    /// A `.venv` directory in the project.
    DotVenv,
    /// The `python3` on PATH.
    PythonOnPath,
    /// Nothing was found.
    #[default]
    None,
}

/// A Python installation or virtual environment, as far as import
/// resolution cares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PythonEnvironment {
    pub source: EnvironmentSource,
    /// The environment's directory (`sys.prefix`).
    pub prefix: Option<PathBuf>,
    /// The interpreter, when known.
    pub interpreter: Option<PathBuf>,
    /// The standard library's `.py` sources.
    pub stdlib: Option<PathBuf>,
    /// site-packages and the other import roots of the environment, in
    /// `sys.path` order.
    pub site_packages: Vec<PathBuf>,
    pub version: Option<(u8, u8)>,
    /// `lib-dynload` and the like: compiled standard-library modules.
    pub stdlib_dynload: Vec<PathBuf>,
    /// `sys.builtin_module_names`.
    pub builtin_modules: Vec<String>,
    /// `importlib.machinery.EXTENSION_SUFFIXES`.
    pub extension_suffixes: Vec<String>,
}

/// The configured parts of discovery (from `pyproject.toml` or the
/// command line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiscoveryOptions {
    /// `extra-paths`: searched before everything else.
    pub extra_paths: Vec<PathBuf>,
    /// Where typeshed is (its `stdlib/` directory, or a directory that has
    /// one); wins over `PYX_TYPESHED` and the environment.
    pub typeshed: Option<PathBuf>,
    /// The target version; defaults to the environment's, else 3.11.
    pub python_version: Option<(u8, u8)>,
    /// Resolve for running (see [`super::ResolutionMode::Runtime`]).
    pub prefer_stdlib_sources: bool,
    /// The target `sys.platform`; defaults to the host's.
    pub python_platform: Option<String>,
    /// Where to keep the interpreter's answer between runs (see
    /// [`super::interpreter_cache`]); `None` asks it every time.
    pub interpreter_cache: Option<PathBuf>,
}

/// What discovery found, and what it could not make sense of.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Discovery {
    pub settings: Settings,
    pub environment: PythonEnvironment,
    /// Problems worth telling the user (a configured path that is not
    /// there), none of them fatal.
    pub warnings: Vec<String>,
}

/// Everything at once: roots, environment, typeshed, version.
pub fn discover_settings(system: &dyn System, project_dir: &Path, options: &DiscoveryOptions) -> Discovery {
    let mut warnings = Vec::new();
    let roots = discover_roots(system, project_dir);
    let cache = options.interpreter_cache.as_deref();
    let environment = discover_python_paths(system, project_dir, cache);
    let mut typeshed = None;
    if let Some(configured) = &options.typeshed {
        typeshed = typeshed_stdlib_in(system, configured);
        if typeshed.is_none() {
            warnings.push(format!(
                "typeshed: `{}` has no VERSIONS file (neither directly nor in `stdlib/`)",
                configured.display()
            ));
        }
    }
    if typeshed.is_none() {
        typeshed = find_typeshed_stdlib(system, &environment.site_packages);
    }
    if typeshed.is_none() && environment.source != EnvironmentSource::PythonOnPath {
        // A virtual environment without typeshed_client: the system
        // Python's may have it.
        if let Some(system_python) = query_interpreter_cached(system, Path::new("python3"), cache) {
            typeshed = find_typeshed_stdlib(system, &system_python.site_packages);
        }
    }
    for p in &options.extra_paths {
        if !system.is_dir(p) {
            warnings.push(format!("extra path `{}` is not a directory", p.display()));
        }
    }
    let settings = Settings {
        roots,
        extra_paths: options.extra_paths.clone(),
        typeshed_stdlib: typeshed,
        stdlib: environment.stdlib.clone(),
        site_packages: environment.site_packages.clone(),
        python_version: options.python_version.or(environment.version).unwrap_or((3, 11)),
        prefer_stdlib_sources: options.prefer_stdlib_sources,
        stdlib_dynload: environment.stdlib_dynload.clone(),
        builtin_modules: environment.builtin_modules.clone(),
        extension_suffixes: environment.extension_suffixes.clone(),
        python_platform: options.python_platform.clone(),
    };
    Discovery { settings, environment, warnings }
}

/// The library directories of `settings`, whose files change rarely and
/// get HIGH durability in the database.
pub fn durability_roots(settings: &Settings) -> DurabilityRoots {
    let mut high: Vec<PathBuf> = Vec::new();
    high.extend(settings.typeshed_stdlib.iter().cloned());
    high.extend(settings.stdlib.iter().cloned());
    high.extend(settings.site_packages.iter().cloned());
    DurabilityRoots { high }
}

/// The first-party roots of a project: its directory, then `src/` when
/// that holds Python code (a module, a package, or a directory with
/// modules in it — the "src layout").
pub fn discover_roots(system: &dyn System, project_dir: &Path) -> Vec<PathBuf> {
    let mut roots = vec![project_dir.to_path_buf()];
    let src = project_dir.join("src");
    if system.is_dir(&src) && holds_python(system, &src) {
        roots.push(src);
    }
    roots
}

fn is_python_file(system: &dyn System, path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "py" || e == "pyi") && system.is_file(path)
}

fn holds_python(system: &dyn System, dir: &Path) -> bool {
    let Ok(entries) = system.read_dir(dir) else { return false };
    entries.iter().any(|entry| {
        is_python_file(system, entry)
            || (system.is_dir(entry)
                && system
                    .read_dir(entry)
                    .is_ok_and(|inner| inner.iter().any(|f| is_python_file(system, f))))
    })
}

/// The active environment: `$VIRTUAL_ENV`, else the project's `.venv`
/// (both read through `system`), else the `python3` on PATH (asked with
/// [`query_interpreter`]). A virtual environment whose standard library
/// cannot be located from its `pyvenv.cfg` asks its own interpreter (or
/// the one on PATH) for it. With `cache`, the interpreters' answers are
/// kept there between runs ([`query_interpreter_cached`]).
pub fn discover_python_paths(system: &dyn System, project_dir: &Path, cache: Option<&Path>) -> PythonEnvironment {
    let venv = match system.env_var("VIRTUAL_ENV").filter(|v| !v.is_empty()) {
        Some(dir) => virtualenv(system, Path::new(&dir), EnvironmentSource::VirtualEnvVar),
        None => None,
    }
    .or_else(|| virtualenv(system, &project_dir.join(".venv"), EnvironmentSource::DotVenv));
    let stdlib_override = system.env_var("PYX_STDLIB").map(PathBuf::from).filter(|p| system.is_dir(p));
    let mut env = match venv {
        Some(mut env) => {
            // What only the interpreter knows (and, when `pyvenv.cfg` does
            // not lead to it, the standard library).
            let python = env.interpreter.clone().unwrap_or_else(|| PathBuf::from("python3"));
            if let Some(found) = query_interpreter_cached(system, &python, cache)
                .or_else(|| query_interpreter_cached(system, Path::new("python3"), cache))
            {
                if env.stdlib.is_none() && stdlib_override.is_none() {
                    env.stdlib = found.stdlib;
                }
                env.stdlib_dynload = found.stdlib_dynload;
                env.builtin_modules = found.builtin_modules;
                env.extension_suffixes = found.extension_suffixes;
            }
            env
        }
        None => query_interpreter_cached(system, Path::new("python3"), cache).unwrap_or_default(),
    };
    if stdlib_override.is_some() {
        env.stdlib = stdlib_override;
    }
    env
}

/// A virtual environment at `dir`, read through `system` only: its
/// site-packages (`lib/python3.X/site-packages`, or `Lib/site-packages`
/// on Windows), its version and, from `pyvenv.cfg`'s `home`, the base
/// installation's standard library (and site-packages when
/// `include-system-site-packages = true`). `None` if `dir` does not look
/// like one.
pub fn virtualenv(system: &dyn System, dir: &Path, source: EnvironmentSource) -> Option<PythonEnvironment> {
    if !system.is_dir(dir) {
        return None;
    }
    let cfg = system.read(&dir.join("pyvenv.cfg")).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
    let cfg_value = |key: &str| -> Option<String> {
        cfg.as_deref()?.lines().find_map(|line| {
            let (k, v) = line.split_once('=')?;
            (k.trim() == key).then(|| v.trim().to_string())
        })
    };
    let mut version = cfg_value("version_info").or_else(|| cfg_value("version")).and_then(|v| parse_version(&v));

    // lib/python3.X/site-packages: prefer the directory of the configured
    // version, else any.
    let mut site_packages = Vec::new();
    let mut lib_versions: Vec<((u8, u8), PathBuf)> = Vec::new();
    for lib in ["lib", "lib64"] {
        let Ok(entries) = system.read_dir(&dir.join(lib)) else { continue };
        for entry in entries {
            let Some(v) = entry.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_prefix("python")) else {
                continue;
            };
            let site = entry.join("site-packages");
            if let Some(v) = parse_version(v) {
                if system.is_dir(&site) {
                    lib_versions.push((v, site));
                }
            }
        }
    }
    let chosen = lib_versions
        .iter()
        .find(|(v, _)| Some(*v) == version)
        .or_else(|| lib_versions.iter().max_by_key(|(v, _)| *v))
        .cloned();
    if let Some((v, site)) = chosen {
        version = version.or(Some(v));
        site_packages.push(site.clone());
        // lib64 is usually a link to lib: keep one of the two.
        for (other_v, other) in &lib_versions {
            if *other_v == v && *other != site && !site_packages.contains(other) && !same_dir(system, other, &site) {
                site_packages.push(other.clone());
            }
        }
    }
    let windows_site = dir.join("Lib").join("site-packages");
    if system.is_dir(&windows_site) {
        site_packages.push(windows_site);
    }
    if cfg.is_none() && site_packages.is_empty() {
        return None;
    }

    let interpreter = [dir.join("bin").join("python3"), dir.join("bin").join("python"), dir.join("Scripts").join("python.exe")]
        .into_iter()
        .find(|p| system.is_file(p));

    // The base installation: `home` is the directory of its interpreter.
    let mut stdlib = None;
    if let (Some(home), Some((major, minor))) = (cfg_value("home"), version) {
        let home = PathBuf::from(home);
        let base = if home.file_name().is_some_and(|n| n == "bin") { home.parent().map(Path::to_path_buf) } else { None };
        let candidates = base
            .iter()
            .map(|b| b.join("lib").join(format!("python{major}.{minor}")))
            .chain([home.join("Lib")]);
        for candidate in candidates {
            if system.is_file(&candidate.join("os.py")) {
                stdlib = Some(candidate);
                break;
            }
        }
        if cfg_value("include-system-site-packages").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            if let Some(std) = &stdlib {
                let base_site = std.join("site-packages");
                if system.is_dir(&base_site) {
                    site_packages.push(base_site);
                }
            }
        }
    }
    Some(PythonEnvironment {
        source,
        prefix: Some(dir.to_path_buf()),
        interpreter,
        stdlib,
        site_packages,
        version,
        ..PythonEnvironment::default()
    })
}

/// Rather than resolving links (the [`System`] has no such call), two
/// site-packages directories are taken to be the same when they list the
/// same entries.
fn same_dir(system: &dyn System, a: &Path, b: &Path) -> bool {
    let names = |d: &Path| -> Option<Vec<std::ffi::OsString>> {
        Some(system.read_dir(d).ok()?.iter().filter_map(|p| p.file_name().map(|n| n.to_os_string())).collect())
    };
    names(a).is_some_and(|x| Some(x) == names(b))
}

/// `3.11`, `3.11.7` → `(3, 11)`.
fn parse_version(text: &str) -> Option<(u8, u8)> {
    let mut parts = text.trim().split('.');
    let major = parts.next()?.trim().parse().ok()?;
    let minor_text: String = parts.next()?.chars().take_while(char::is_ascii_digit).collect();
    Some((major, minor_text.parse().ok()?))
}

/// The program [`query_interpreter`] runs: one `key<TAB>value` per line.
const QUERY_SCRIPT: &str = "\
import sys, sysconfig
print('version\\t%d.%d' % sys.version_info[:2])
print('prefix\\t' + sys.prefix)
print('executable\\t' + sys.executable)
print('stdlib\\t' + sysconfig.get_path('stdlib'))
print('platstdlib\\t' + sysconfig.get_path('platstdlib'))
for p in sys.path:
    if p:
        print('path\\t' + p)
for name in sys.builtin_module_names:
    print('builtin\\t' + name)
import importlib.machinery
for suffix in importlib.machinery.EXTENSION_SUFFIXES:
    print('suffix\\t' + suffix)
import site
print('usersite\\t' + (site.getusersitepackages() or ''))
";

/// Ask an interpreter (`python3`, or a path to one) where its standard
/// library and site-packages are. This runs a process — the one place
/// discovery leaves the [`System`]; call it at start-up, never from a
/// query. The import roots are `sys.path` without the script directory,
/// the zipped and the source standard library and `lib-dynload`, so they
/// include the user site directory, `.pth` additions and `PYTHONPATH`
/// exactly as the interpreter would see them. `None` if the interpreter
/// cannot be run or answers nonsense.
pub fn query_interpreter(system: &dyn System, python: &Path) -> Option<PythonEnvironment> {
    parse_query_output(system, &run_query(python)?)
}

/// [`query_interpreter`], with the answer kept in `cache` (a directory)
/// between runs and reused while nothing it depends on has changed (see
/// [`super::interpreter_cache`]).
pub fn query_interpreter_cached(system: &dyn System, python: &Path, cache: Option<&Path>) -> Option<PythonEnvironment> {
    let output = super::interpreter_cache::cached_output(cache, python, || run_query(python))?;
    parse_query_output(system, &output)
}

/// The query script's output, if the interpreter ran it successfully.
fn run_query(python: &Path) -> Option<String> {
    let output = Command::new(python).arg("-c").arg(QUERY_SCRIPT).output().ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn parse_query_output(system: &dyn System, text: &str) -> Option<PythonEnvironment> {
    let mut env = PythonEnvironment { source: EnvironmentSource::PythonOnPath, ..PythonEnvironment::default() };
    let mut platstdlib = None;
    let mut paths = Vec::new();
    for line in text.lines() {
        let Some((key, value)) = line.split_once('\t') else { continue };
        match key {
            "builtin" => env.builtin_modules.push(value.to_string()),
            "suffix" => env.extension_suffixes.push(value.to_string()),
            _ => {}
        }
        let value = PathBuf::from(value);
        match key {
            "version" => env.version = value.to_str().and_then(parse_version),
            "prefix" => env.prefix = Some(value),
            "executable" => env.interpreter = Some(value),
            "stdlib" => env.stdlib = Some(value),
            "platstdlib" => platstdlib = Some(value),
            "path" => paths.push(value),
            _ => {}
        }
    }
    env.stdlib.as_ref()?;
    for p in paths {
        let is_stdlib = Some(&p) == env.stdlib.as_ref() || Some(&p) == platstdlib.as_ref();
        let is_zip = p.extension().is_some_and(|e| e == "zip");
        let is_dynload = p.file_name().is_some_and(|n| n == "lib-dynload");
        if is_dynload && system.is_dir(&p) {
            env.stdlib_dynload.push(p);
        } else if !is_stdlib && !is_zip && !is_dynload && system.is_dir(&p) && !env.site_packages.contains(&p) {
            env.site_packages.push(p);
        }
    }
    Some(env)
}

/// typeshed's standard-library stubs: `$PYX_TYPESHED`, else the copy the
/// `typeshed_client` package ships (`typeshed_client/typeshed/`) in one of
/// `site_packages`.
pub fn find_typeshed_stdlib(system: &dyn System, site_packages: &[PathBuf]) -> Option<PathBuf> {
    if let Some(dir) = system.env_var("PYX_TYPESHED").filter(|v| !v.is_empty()) {
        if let Some(found) = typeshed_stdlib_in(system, Path::new(&dir)) {
            return Some(found);
        }
    }
    site_packages
        .iter()
        .find_map(|sp| typeshed_stdlib_in(system, &sp.join("typeshed_client").join("typeshed")))
}

/// `dir` itself if it has a `VERSIONS` file (a `stdlib/` directory), else
/// `dir/stdlib` if that has one (a checkout of typeshed).
pub fn typeshed_stdlib_in(system: &dyn System, dir: &Path) -> Option<PathBuf> {
    if system.is_file(&dir.join("VERSIONS")) {
        return Some(dir.to_path_buf());
    }
    let stdlib = dir.join("stdlib");
    system.is_file(&stdlib.join("VERSIONS")).then_some(stdlib)
}
