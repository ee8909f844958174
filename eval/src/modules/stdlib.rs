//! Finding the pure-Python standard library pyx runs (ARCHITECTURE.md,
//! "Standard library"): `PYX_STDLIB`, else the `python3` on PATH (its
//! `sysconfig` paths, cached per interpreter), else the usual install
//! locations. Also the environment's site-packages and the prefixes that
//! `sys` reports.

use std::path::{Path, PathBuf};

/// Where the standard library and the installed packages are.
#[derive(Clone, Debug, Default)]
pub struct Paths {
    /// The directory holding `os.py`, `importlib/`, …
    pub stdlib: Option<PathBuf>,
    /// site-packages directories (purelib, platlib, user site), existing ones.
    pub site: Vec<PathBuf>,
    pub prefix: String,
    pub exec_prefix: String,
    pub base_prefix: String,
    pub base_exec_prefix: String,
    /// Where the answer came from, for messages.
    pub source: String,
}

/// The message for an import that needs the standard library when none
/// was found.
pub const NOT_FOUND_HINT: &str = "pyx found no Python 3.11 standard library: set PYX_STDLIB to its directory (the one holding os.py), or put CPython 3.11's python3 on PATH";

fn is_stdlib(dir: &Path) -> bool {
    dir.join("os.py").is_file() && dir.join("importlib").join("_bootstrap.py").is_file()
}

/// Discover the paths (cheap after the first run: the python3 answer is
/// cached in the user's cache directory).
pub fn discover() -> Paths {
    if let Some(dir) = std::env::var_os("PYX_STDLIB") {
        let dir = PathBuf::from(dir);
        let mut p = Paths { source: "PYX_STDLIB".into(), ..Default::default() };
        if is_stdlib(&dir) {
            p.prefix = dir.parent().and_then(|l| l.parent()).map(|x| x.display().to_string()).unwrap_or_default();
            p.exec_prefix = p.prefix.clone();
            p.base_prefix = p.prefix.clone();
            p.base_exec_prefix = p.prefix.clone();
            p.stdlib = Some(dir);
        }
        return p;
    }
    if let Some(p) = from_python3() {
        return p;
    }
    for cand in ["/usr/lib/python3.11", "/usr/local/lib/python3.11", "/opt/homebrew/lib/python3.11"] {
        let dir = PathBuf::from(cand);
        if is_stdlib(&dir) {
            let prefix = dir.parent().and_then(|l| l.parent()).map(|x| x.display().to_string()).unwrap_or_default();
            return Paths {
                stdlib: Some(dir),
                site: vec![],
                prefix: prefix.clone(),
                exec_prefix: prefix.clone(),
                base_prefix: prefix.clone(),
                base_exec_prefix: prefix,
                source: cand.into(),
            };
        }
    }
    Paths::default()
}

fn which_python3() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join("python3")).find(|p| p.is_file())
}

const QUERY: &str = "import sys, sysconfig, site\n\
p = sysconfig.get_paths()\n\
print('version=%d.%d' % sys.version_info[:2])\n\
print('stdlib=' + p['stdlib'])\n\
print('usersite=' + (site.getusersitepackages() if site.ENABLE_USER_SITE is not False else ''))\n\
print('purelib=' + p['purelib'])\n\
print('platlib=' + p['platlib'])\n\
print('prefix=' + sys.prefix)\n\
print('exec_prefix=' + sys.exec_prefix)\n\
print('base_prefix=' + sys.base_prefix)\n\
print('base_exec_prefix=' + sys.base_exec_prefix)\n";

fn cache_file() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("pyx").join("python3-paths-v1"))
}

/// What identifies the interpreter the cached answer is for.
fn cache_key(python3: &Path) -> String {
    let mtime = std::fs::metadata(python3)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let venv = std::env::var("VIRTUAL_ENV").unwrap_or_default();
    let pyenv = std::env::var("PYENV_VERSION").unwrap_or_default();
    format!("{}|{mtime}|{venv}|{pyenv}", python3.display())
}

fn from_python3() -> Option<Paths> {
    let python3 = which_python3()?;
    let key = cache_key(&python3);
    let cache = cache_file();
    if let Some(text) = cache.as_ref().and_then(|c| std::fs::read_to_string(c).ok()) {
        if let Some(rest) = text.strip_prefix(&format!("key={key}\n")) {
            if let Some(p) = parse(rest, "python3 (cached)") {
                if p.stdlib.as_deref().is_some_and(is_stdlib) {
                    return Some(p);
                }
            }
        }
    }
    let out = std::process::Command::new(&python3)
        .args(["-E", "-S", "-c", QUERY])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    if !text.lines().any(|l| l == "version=3.11") {
        return None;
    }
    let p = parse(&text, "python3")?;
    if !p.stdlib.as_deref().is_some_and(is_stdlib) {
        return None;
    }
    if let Some(c) = cache {
        if let Some(dir) = c.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        // Written whole then renamed, so a concurrent reader never sees half.
        let tmp = c.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, format!("key={key}\n{text}")).is_ok() {
            let _ = std::fs::rename(&tmp, &c);
        }
    }
    Some(p)
}

fn parse(text: &str, source: &str) -> Option<Paths> {
    let mut p = Paths { source: source.into(), ..Default::default() };
    let mut version_ok = false;
    for line in text.lines() {
        let Some((k, v)) = line.split_once('=') else { continue };
        match k {
            "version" => version_ok = v == "3.11",
            "stdlib" => p.stdlib = Some(PathBuf::from(v)),
            "purelib" | "platlib" | "usersite" => {
                let d = PathBuf::from(v);
                if !v.is_empty() && d.is_dir() && !p.site.contains(&d) {
                    p.site.push(d);
                }
            }
            "prefix" => p.prefix = v.into(),
            "exec_prefix" => p.exec_prefix = v.into(),
            "base_prefix" => p.base_prefix = v.into(),
            "base_exec_prefix" => p.base_exec_prefix = v.into(),
            _ => {}
        }
    }
    version_ok.then_some(p)
}
