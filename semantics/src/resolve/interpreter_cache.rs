//! A cache on disk of what an interpreter told [`super::discover::query_interpreter`].
//!
//! Asking `python3` where its libraries are costs a process start: ~40 ms
//! for a plain CPython, ~100 ms and a few hundred `exec`s behind a version
//! manager's shim (pyenv's is a shell script). A small `pyx check` run is
//! nearly all that. The answer is kept in the cache directory and reused
//! while nothing it could depend on has changed:
//!
//! - the **key** (part of the file name, and stored to be compared in
//!   full): the program asked (`python3` or a path), the file it resolves
//!   to on `PATH`, the working directory, and every environment variable
//!   that steers the interpreter, its `site` module or a version manager
//!   (`PATH`, `HOME`, `PYTHON*`, `PYENV*`, `ASDF*`, `CONDA*`, `VIRTUAL_ENV`,
//!   `UV*`, `MISE*`, `RYE*`);
//! - the **witnesses**, each stamped with its modification time, size and
//!   inode (or "missing"): that file on `PATH` and what it links to, the
//!   interpreter the answer names, its `pyvenv.cfg`, every directory of the
//!   answer (site-packages, the standard library, `lib-dynload`: a package
//!   installed or removed changes the directory), every `.pth` file in
//!   them, the user site directory, and the version files a shim reads
//!   (`.python-version`, `.tool-versions` in the working directory and each
//!   ancestor, `$PYENV_ROOT/version`, `~/.tool-versions`).
//!
//! Any difference and the interpreter is asked again (and the entry
//! rewritten). The cache is best effort: a directory that cannot be
//! written, or an entry that cannot be read, only means asking. Entries
//! are written to a temporary file and renamed into place, so concurrent
//! runs never see half an entry.

use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Bumped when the stored form or the query script changes.
const FORMAT: &str = "pyx-interpreter-cache 1";

/// Where pyx keeps caches: `$PYX_CACHE_DIR`, else `$XDG_CACHE_HOME/pyx`,
/// else `~/.cache/pyx`. `None` when none of them is set.
pub fn default_cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    var("PYX_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("pyx")))
        .or_else(|| var("HOME").map(|d| d.join(".cache").join("pyx")))
}

/// Environment variables that can change the interpreter's answer, by
/// prefix (or whole name).
const ENV_PREFIXES: &[&str] =
    &["PYTHON", "PYENV", "ASDF", "CONDA", "VIRTUAL_ENV", "UV_", "MISE", "RYE", "PIPENV", "POETRY"];
const ENV_NAMES: &[&str] = &["PATH", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"];

/// The program `python` as the operating system would find it: itself
/// when it names a path, else the first executable of that name on `PATH`.
pub fn find_on_path(python: &Path) -> Option<PathBuf> {
    if python.components().count() > 1 || python.is_absolute() {
        return Some(python.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(python)).find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// The key lines of an entry (see the module documentation).
fn key_lines(python: &Path, resolved: &Path) -> Vec<String> {
    let mut lines = vec![
        FORMAT.to_string(),
        format!("pyx\t{}", env!("CARGO_PKG_VERSION")),
        format!("program\t{}", python.display()),
        format!("resolved\t{}", resolved.display()),
    ];
    if let Ok(cwd) = std::env::current_dir() {
        lines.push(format!("cwd\t{}", cwd.display()));
    }
    let mut vars: Vec<(String, String)> = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.to_string_lossy().into_owned())))
        .filter(|(k, _)| ENV_NAMES.contains(&k.as_str()) || ENV_PREFIXES.iter().any(|p| k.starts_with(p)))
        .collect();
    vars.sort();
    for (k, v) in vars {
        // Values may hold anything but the separators of this format.
        lines.push(format!("env\t{k}={}", v.replace(['\n', '\t'], " ")));
    }
    lines
}

/// A file's identity as far as the cache cares: `missing`, or modification
/// time, size and inode.
fn stamp(path: &Path) -> String {
    match std::fs::symlink_metadata(path) {
        Err(_) => "missing".to_string(),
        Ok(meta) => {
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            #[cfg(unix)]
            let ino = std::os::unix::fs::MetadataExt::ino(&meta);
            #[cfg(not(unix))]
            let ino = 0u64;
            let kind = if meta.is_symlink() {
                format!("link:{}", std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default())
            } else if meta.is_dir() {
                "dir".to_string()
            } else {
                "file".to_string()
            };
            format!("{kind} {mtime} {} {ino}", meta.len())
        }
    }
}

/// The paths whose state the answer (`output`, the query script's text)
/// depends on, besides the key.
fn witnesses(resolved: &Path, output: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = Vec::new();
    let push = |p: PathBuf, paths: &mut Vec<PathBuf>| {
        if !paths.contains(&p) {
            paths.push(p);
        }
    };
    // A program and every link on the way to the real file.
    let push_chain = |start: &Path, paths: &mut Vec<PathBuf>| {
        let mut current = start.to_path_buf();
        for _ in 0..16 {
            push(current.clone(), paths);
            match std::fs::read_link(&current) {
                Ok(target) => {
                    current = match current.parent() {
                        Some(parent) => parent.join(target),
                        None => target,
                    }
                }
                Err(_) => break,
            }
        }
    };
    push_chain(resolved, &mut paths);
    for line in output.lines() {
        let Some((key, value)) = line.split_once('\t') else { continue };
        let value = PathBuf::from(value);
        match key {
            "executable" => {
                if let Some(bin) = value.parent() {
                    push(bin.join("pyvenv.cfg"), &mut paths);
                    if let Some(prefix) = bin.parent() {
                        push(prefix.join("pyvenv.cfg"), &mut paths);
                    }
                }
                push_chain(&value, &mut paths);
            }
            "prefix" => push(value.join("pyvenv.cfg"), &mut paths),
            "stdlib" | "platstdlib" | "path" | "usersite" => {
                if let Ok(entries) = std::fs::read_dir(&value) {
                    let mut pth: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|e| e == "pth"))
                        .collect();
                    pth.sort();
                    for p in pth {
                        push(p, &mut paths);
                    }
                }
                push(value, &mut paths);
            }
            _ => {}
        }
    }
    // Version files a shim consults.
    if let Ok(cwd) = std::env::current_dir() {
        for dir in cwd.ancestors() {
            push(dir.join(".python-version"), &mut paths);
            push(dir.join(".tool-versions"), &mut paths);
        }
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let pyenv_root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".pyenv")));
    if let Some(root) = pyenv_root {
        push(root.join("version"), &mut paths);
    }
    if let Some(home) = home {
        push(home.join(".tool-versions"), &mut paths);
    }
    paths
}

fn entry_path(cache_dir: &Path, key: &[String]) -> PathBuf {
    let mut hasher = DefaultHasher::new();
    key.hash(&mut hasher);
    cache_dir.join(format!("interpreter-{:016x}.txt", hasher.finish()))
}

/// The stored answer for `key`, if the entry exists and everything it
/// depends on is as it was.
fn load(cache_dir: &Path, key: &[String]) -> Option<String> {
    let text = std::fs::read_to_string(entry_path(cache_dir, key)).ok()?;
    let mut lines = text.split('\n');
    for expected in key {
        if lines.next()? != expected.as_str() {
            return None;
        }
    }
    let mut output = String::new();
    let mut in_output = false;
    for line in lines {
        if in_output {
            output.push_str(line);
            output.push('\n');
            continue;
        }
        if line == "output" {
            in_output = true;
        } else {
            let (path, expected) = line.strip_prefix("witness\t")?.split_once('\t')?;
            if stamp(Path::new(path)) != expected {
                return None;
            }
        }
    }
    if !in_output {
        return None;
    }
    output.pop();
    Some(output)
}

/// Keep `output` as the answer for `key` (of the program at `resolved`).
fn store(cache_dir: &Path, key: &[String], resolved: &Path, output: &str) {
    let mut text = String::new();
    for line in key {
        text.push_str(line);
        text.push('\n');
    }
    for path in witnesses(resolved, output) {
        // A path that cannot be written on one line cannot be checked.
        let shown = path.display().to_string();
        if shown.contains(['\n', '\t']) {
            return;
        }
        let _ = writeln!(text, "witness\t{shown}\t{}", stamp(&path));
    }
    text.push_str("output\n");
    text.push_str(output);
    if std::fs::create_dir_all(cache_dir).is_err() {
        return;
    }
    let final_path = entry_path(cache_dir, key);
    let tmp = final_path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, &final_path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The interpreter's answer to `run` (which asks it): from the cache in
/// `cache_dir` when it is still good, else asked and stored. `run` returns
/// `None` when the interpreter cannot answer; that is not stored.
pub fn cached_output(cache_dir: Option<&Path>, python: &Path, run: impl FnOnce() -> Option<String>) -> Option<String> {
    let Some(cache_dir) = cache_dir else { return run() };
    let Some(resolved) = find_on_path(python) else { return run() };
    let key = key_lines(python, &resolved);
    if let Some(output) = load(cache_dir, &key) {
        return Some(output);
    }
    let output = run()?;
    store(cache_dir, &key, &resolved, &output);
    Some(output)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pyx-interp-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A stand-in interpreter (a file at an absolute path: `find_on_path`
    /// takes it as it is) whose answer names `site` as a `sys.path` entry.
    fn answer(site: &Path, exe: &Path) -> String {
        format!("version\t3.11\nexecutable\t{}\nstdlib\t/nonexistent/lib\npath\t{}", exe.display(), site.display())
    }

    #[test]
    fn reuses_until_a_witness_changes() {
        let dir = temp_dir("reuse");
        let cache = dir.join("cache");
        let site = dir.join("site-packages");
        std::fs::create_dir_all(&site).unwrap();
        let exe = dir.join("python3");
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        let calls = Cell::new(0);
        let ask = || {
            calls.set(calls.get() + 1);
            Some(answer(&site, &exe))
        };

        assert_eq!(cached_output(Some(&cache), &exe, ask), Some(answer(&site, &exe)));
        assert_eq!(calls.get(), 1);
        assert_eq!(cached_output(Some(&cache), &exe, ask), Some(answer(&site, &exe)));
        assert_eq!(calls.get(), 1, "second run must come from the cache");

        // A new .pth file changes the site directory: ask again.
        std::fs::write(site.join("extra.pth"), "/somewhere\n").unwrap();
        cached_output(Some(&cache), &exe, ask);
        assert_eq!(calls.get(), 2);
        cached_output(Some(&cache), &exe, ask);
        assert_eq!(calls.get(), 2);

        // Editing that .pth file (size changes): ask again.
        std::fs::write(site.join("extra.pth"), "/somewhere/else\n").unwrap();
        cached_output(Some(&cache), &exe, ask);
        assert_eq!(calls.get(), 3);

        // Replacing the interpreter: ask again.
        std::fs::write(&exe, "#!/bin/sh\n# another\n").unwrap();
        cached_output(Some(&cache), &exe, ask);
        assert_eq!(calls.get(), 4);

        // No cache directory: always ask.
        cached_output(None, &exe, ask);
        assert_eq!(calls.get(), 5);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn failures_are_not_stored_and_bad_entries_are_ignored() {
        let dir = temp_dir("fail");
        let cache = dir.join("cache");
        let exe = dir.join("python3");
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        assert_eq!(cached_output(Some(&cache), &exe, || None), None);
        assert_eq!(cached_output(Some(&cache), &exe, || Some("x\ty".into())), Some("x\ty".into()));
        // Corrupt every entry: the next run asks instead of trusting it.
        for entry in std::fs::read_dir(&cache).unwrap() {
            std::fs::write(entry.unwrap().path(), "garbage").unwrap();
        }
        assert_eq!(cached_output(Some(&cache), &exe, || Some("fresh".into())), Some("fresh".into()));
        assert_eq!(cached_output(Some(&cache), &exe, || Some("other".into())), Some("fresh".into()));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn finds_programs_on_path() {
        assert_eq!(find_on_path(Path::new("/usr/bin/env")), Some(PathBuf::from("/usr/bin/env")));
        assert!(find_on_path(Path::new("pyx-no-such-program-anywhere")).is_none());
    }
}
