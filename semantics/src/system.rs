//! All file-system access of the database goes through [`System`], so that
//! tests run on in-memory file trees and tracked functions never touch the
//! disk behind salsa's back.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::ffi::{OsStr, OsString};
use std::hash::BuildHasher;
use std::sync::{OnceLock, RwLock};

use rustc_hash::{FxBuildHasher, FxHashMap};

pub trait System: Send + Sync + std::fmt::Debug {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    fn is_file(&self, path: &Path) -> bool;
    fn is_dir(&self, path: &Path) -> bool;
    /// The entries of a directory, sorted.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>>;
    fn env_var(&self, name: &str) -> Option<String>;
    fn current_dir(&self) -> PathBuf;
}

/// The real file system and environment.
#[derive(Debug, Default)]
pub struct OsSystem;

impl System for OsSystem {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }
    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        let mut out: Vec<PathBuf> = std::fs::read_dir(path)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        out.sort();
        Ok(out)
    }
    fn env_var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
    fn current_dir(&self) -> PathBuf {
        std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
    }
}

/// An in-memory file tree for tests: files by absolute path; directories
/// exist where files (or explicitly created directories) are below them.
#[derive(Debug, Default)]
pub struct MemorySystem {
    files: RwLock<BTreeMap<PathBuf, Vec<u8>>>,
    dirs: RwLock<BTreeSet<PathBuf>>,
    env: RwLock<BTreeMap<String, String>>,
    cwd: RwLock<PathBuf>,
}

impl MemorySystem {
    pub fn new() -> MemorySystem {
        let s = MemorySystem::default();
        *s.cwd.write().expect("lock") = PathBuf::from("/");
        s
    }

    pub fn write_file(&self, path: impl AsRef<Path>, contents: impl Into<Vec<u8>>) {
        let path = path.as_ref().to_path_buf();
        let mut dirs = self.dirs.write().expect("lock");
        let mut p = path.parent();
        while let Some(d) = p {
            dirs.insert(d.to_path_buf());
            p = d.parent();
        }
        self.files.write().expect("lock").insert(path, contents.into());
    }

    pub fn create_dir(&self, path: impl AsRef<Path>) {
        let mut dirs = self.dirs.write().expect("lock");
        let mut p = Some(path.as_ref());
        while let Some(d) = p {
            dirs.insert(d.to_path_buf());
            p = d.parent();
        }
    }

    pub fn remove_file(&self, path: impl AsRef<Path>) {
        self.files.write().expect("lock").remove(path.as_ref());
    }

    pub fn set_env(&self, name: &str, value: &str) {
        self.env.write().expect("lock").insert(name.to_string(), value.to_string());
    }

    pub fn set_current_dir(&self, path: impl Into<PathBuf>) {
        *self.cwd.write().expect("lock") = path.into();
    }
}

impl System for MemorySystem {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.files
            .read()
            .expect("lock")
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("{}: not found", path.display())))
    }
    fn is_file(&self, path: &Path) -> bool {
        self.files.read().expect("lock").contains_key(path)
    }
    fn is_dir(&self, path: &Path) -> bool {
        self.dirs.read().expect("lock").contains(path)
    }
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        if !self.is_dir(path) {
            return Err(io::Error::new(io::ErrorKind::NotFound, format!("{}: no such directory", path.display())));
        }
        let mut out = BTreeSet::new();
        for f in self.files.read().expect("lock").keys() {
            if f.parent() == Some(path) {
                out.insert(f.clone());
            }
        }
        for d in self.dirs.read().expect("lock").iter() {
            if d.parent() == Some(path) {
                out.insert(d.clone());
            }
        }
        Ok(out.into_iter().collect())
    }
    fn env_var(&self, name: &str) -> Option<String> {
        self.env.read().expect("lock").get(name).cloned()
    }
    fn current_dir(&self) -> PathBuf {
        self.cwd.read().expect("lock").clone()
    }
}

/// A [`System`] for a one-shot run over a file tree that does not change
/// while it runs (`pyx check`): `is_file(dir/name)` and `is_dir(dir/name)`
/// are answered from one listing of `dir`, read once (`getdents`, whose
/// entry types need no `stat`) and shared by every thread, so that module
/// resolution's probes (`dir/foo.pyi`, `dir/foo.py`, `dir/foo/`, the
/// extension-module suffixes, for every import of every file) cost one
/// directory read per directory instead of one `stat` each. `read_dir` is
/// served from the same listings; `read` and the environment go to the
/// wrapped system.
///
/// The answers are the OS's as of the first question about a directory;
/// nothing is ever invalidated, which is why the language server, whose
/// files change under it, does not use this.
///
/// Only absolute paths without `.`/`..` components and without a trailing
/// separator are cached (those are what resolution asks about); any other
/// path goes to the wrapped system, so that the OS keeps deciding what `..`
/// after a symbolic link means. Names match exactly, as on Linux; on other
/// platforms everything goes to the wrapped system.
#[derive(Debug)]
pub struct CachedSystem<S = OsSystem> {
    inner: S,
    /// Listings by directory (the path's text up to its last separator),
    /// spread over shards by hash so that threads asking about different
    /// directories take different locks.
    shards: Box<[RwLock<FxHashMap<OsString, Listing>>]>,
}

/// What a directory read gave.
#[derive(Debug)]
enum Listing {
    /// The directory does not exist or is not a directory: every name in it
    /// is neither a file nor a directory.
    Missing,
    /// It could not be read for another reason (permissions, I/O): ask the
    /// wrapped system about each path, as if there were no cache.
    Unreadable,
    Entries(FxHashMap<OsString, Entry>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    File,
    Dir,
    /// A socket, a FIFO, a device, a dangling link: exists, but is neither.
    Other,
}

#[derive(Debug)]
enum Entry {
    /// Known from the directory entry's type.
    Known(Kind),
    /// A symbolic link, or an entry whose type the file system did not
    /// give: what it points to is looked up on first use (following links,
    /// as `Path::is_file` does) and remembered.
    Link(OnceLock<Kind>),
}

const SHARDS: usize = 16;

impl CachedSystem<OsSystem> {
    pub fn new() -> CachedSystem<OsSystem> {
        CachedSystem::wrapping(OsSystem)
    }
}

impl Default for CachedSystem<OsSystem> {
    fn default() -> Self {
        CachedSystem::new()
    }
}

impl<S: System> CachedSystem<S> {
    /// Cache in front of `inner`, which must be the real file system
    /// (listings are read with `std::fs`); `inner` answers everything the
    /// cache does not.
    pub fn wrapping(inner: S) -> CachedSystem<S> {
        CachedSystem { inner, shards: (0..SHARDS).map(|_| RwLock::default()).collect() }
    }

    /// `answer` applied to the listing of `dir`, which is read on first
    /// use. The answer is computed under the shard's read lock: listings
    /// never change once stored.
    fn with_listing<T>(&self, dir: &OsStr, answer: impl Fn(&Listing) -> T) -> T {
        // FxHash's high bits are its best mixed.
        let shard = &self.shards[(FxBuildHasher.hash_one(dir) >> 60) as usize % SHARDS];
        if let Some(found) = shard.read().unwrap_or_else(|e| e.into_inner()).get(dir) {
            return answer(found);
        }
        let listing = read_listing(Path::new(dir));
        let mut map = shard.write().unwrap_or_else(|e| e.into_inner());
        answer(map.entry(dir.to_os_string()).or_insert(listing))
    }

    /// The kind of `path` from its directory's listing: `Some(None)` when
    /// the listing says it does not exist, `None` when the cache cannot
    /// answer (the caller asks the wrapped system).
    fn kind(&self, path: &Path) -> Option<Option<Kind>> {
        let (dir, name) = split(path)?;
        self.with_listing(dir, |listing| match listing {
            Listing::Missing => Some(None),
            Listing::Unreadable => None,
            Listing::Entries(entries) => Some(entries.get(name).map(|entry| match entry {
                Entry::Known(kind) => *kind,
                Entry::Link(resolved) => *resolved.get_or_init(|| match std::fs::metadata(path) {
                    Ok(m) if m.is_file() => Kind::File,
                    Ok(m) if m.is_dir() => Kind::Dir,
                    _ => Kind::Other,
                }),
            })),
        })
    }
}

/// `path` split at its last separator into the directory and the name, if
/// it is a path the cache answers for: absolute, no `.` or `..` component,
/// no trailing separator, on Linux. (The directory keeps a doubled
/// separator as written: `/a//b` is `b` in `/a/`, which lists the same.)
fn split(path: &Path) -> Option<(&OsStr, &OsStr)> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if bytes.first() != Some(&b'/') || bytes.last() == Some(&b'/') {
            return None;
        }
        // A `.` or `..` component: a `.` right after a separator, followed
        // by the end, a separator, or a second `.` that is.
        let mut i = 0;
        while let Some(at) = bytes[i..].iter().position(|&b| b == b'.') {
            let dot = i + at;
            if bytes[dot - 1] == b'/' {
                let rest = &bytes[dot + 1..];
                if matches!(rest, [] | [b'/', ..] | [b'.'] | [b'.', b'/', ..]) {
                    return None;
                }
            }
            i = dot + 1;
        }
        let slash = bytes.iter().rposition(|&b| b == b'/')?;
        let dir = &bytes[..slash.max(1)];
        let name = &bytes[slash + 1..];
        Some((OsStr::from_bytes(dir), OsStr::from_bytes(name)))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

fn read_listing(dir: &Path) -> Listing {
    let unreadable = |e: &io::Error| !matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory);
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if unreadable(&e) => return Listing::Unreadable,
        Err(_) => return Listing::Missing,
    };
    let mut out = FxHashMap::default();
    for entry in entries {
        let Ok(entry) = entry else { return Listing::Unreadable };
        let entry_kind = match entry.file_type() {
            Ok(t) if t.is_file() => Entry::Known(Kind::File),
            Ok(t) if t.is_dir() => Entry::Known(Kind::Dir),
            Ok(t) if !t.is_symlink() => Entry::Known(Kind::Other),
            _ => Entry::Link(OnceLock::new()),
        };
        out.insert(entry.file_name(), entry_kind);
    }
    // A directory that can be read but not searched (`r` without `x`)
    // lists its names, but `stat` fails on every one of them: ask the
    // wrapped system then. One `lstat` per directory finds out.
    if let Some(name) = out.keys().next() {
        if std::fs::symlink_metadata(dir.join(name)).is_err() {
            return Listing::Unreadable;
        }
    }
    Listing::Entries(out)
}

impl<S: System> System for CachedSystem<S> {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.inner.read(path)
    }
    fn is_file(&self, path: &Path) -> bool {
        match self.kind(path) {
            Some(kind) => kind == Some(Kind::File),
            None => self.inner.is_file(path),
        }
    }
    fn is_dir(&self, path: &Path) -> bool {
        match self.kind(path) {
            Some(kind) => kind == Some(Kind::Dir),
            None => self.inner.is_dir(path),
        }
    }
    fn read_dir(&self, path: &Path) -> io::Result<Vec<PathBuf>> {
        // The listing of `path` itself, keyed as a directory: served when
        // it could be read; errors come from the wrapped system, with its
        // messages.
        if split(path).is_some() {
            let listed = self.with_listing(path.as_os_str(), |listing| match listing {
                Listing::Entries(entries) => {
                    let mut out: Vec<PathBuf> = entries.keys().map(|name| path.join(name)).collect();
                    out.sort();
                    Some(out)
                }
                _ => None,
            });
            if let Some(out) = listed {
                return Ok(out);
            }
        }
        self.inner.read_dir(path)
    }
    fn env_var(&self, name: &str) -> Option<String> {
        self.inner.env_var(name)
    }
    fn current_dir(&self) -> PathBuf {
        self.inner.current_dir()
    }
}
