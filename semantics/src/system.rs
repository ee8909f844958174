//! All file-system access of the database goes through [`System`], so that
//! tests run on in-memory file trees and tracked functions never touch the
//! disk behind salsa's back.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

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
