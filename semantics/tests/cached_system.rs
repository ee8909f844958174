//! `CachedSystem` answers `is_file`/`is_dir`/`read_dir` as the OS does, from
//! one listing per directory. Every answer here is compared with
//! `Path::is_file`/`Path::is_dir` and `OsSystem::read_dir` on a real tree
//! with files, directories, symbolic links (to a file, to a directory,
//! dangling, in a loop) and missing parents.
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use pyx_semantics::system::{CachedSystem, OsSystem, System};

/// A fresh directory under the temp dir, removed when dropped.
struct TempTree(PathBuf);

impl TempTree {
    /// A fresh directory holding the tree [`build`] makes.
    fn built() -> TempTree {
        let tree = TempTree::new();
        build(&tree.0);
        tree
    }

    fn new() -> TempTree {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "pyx-cached-system-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        // Canonical, so that the paths asked about have no symbolic link
        // of the temp dir's own in them (they may; the answers must agree
        // either way, but the tree's links are the ones tested).
        TempTree(dir.canonicalize().expect("canonicalize"))
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// root/
///   mod.py  pkg/__init__.py  pkg/sub.pyi  pkg/inner/  ext.cpython-311-x86_64-linux-gnu.so
///   link_file -> mod.py   link_dir -> pkg   dangling -> nowhere
///   loop_a -> loop_b -> loop_a   abs_link -> <root>/pkg/sub.pyi
///   link_to_link -> link_dir
fn build(root: &Path) {
    std::fs::write(root.join("mod.py"), "x = 1\n").unwrap();
    std::fs::create_dir_all(root.join("pkg/inner")).unwrap();
    std::fs::write(root.join("pkg/__init__.py"), "").unwrap();
    std::fs::write(root.join("pkg/sub.pyi"), "").unwrap();
    std::fs::write(root.join("ext.cpython-311-x86_64-linux-gnu.so"), "").unwrap();
    symlink("mod.py", root.join("link_file")).unwrap();
    symlink("pkg", root.join("link_dir")).unwrap();
    symlink("nowhere", root.join("dangling")).unwrap();
    symlink("loop_b", root.join("loop_a")).unwrap();
    symlink("loop_a", root.join("loop_b")).unwrap();
    symlink(root.join("pkg/sub.pyi"), root.join("abs_link")).unwrap();
    symlink("link_dir", root.join("link_to_link")).unwrap();
    // Names that start with dots but are not `.` or `..`.
    std::fs::write(root.join(".hidden.py"), "").unwrap();
    std::fs::create_dir(root.join("..weird")).unwrap();
    std::fs::write(root.join("..weird/..."), "").unwrap();
}

/// Paths to ask about, relative to the root (joined with it), plus a few
/// that are not below it or not absolute.
fn probes(root: &Path) -> Vec<PathBuf> {
    let relative = [
        "mod.py",
        "mod.pyi",
        "MOD.py",
        "mod",
        "pkg",
        "pkg/__init__.py",
        "pkg/__init__.pyi",
        "pkg/sub.pyi",
        "pkg/sub.py",
        "pkg/inner",
        "pkg/inner/__init__.py",
        "pkg/missing",
        "ext.cpython-311-x86_64-linux-gnu.so",
        "ext.abi3.so",
        "link_file",
        "link_file/x",
        "link_dir",
        "link_dir/__init__.py",
        "link_dir/sub.pyi",
        "link_dir/inner",
        "link_dir/nothing.py",
        "link_to_link",
        "link_to_link/__init__.py",
        "dangling",
        "dangling/x.py",
        "loop_a",
        "loop_a/x",
        "abs_link",
        "missing",
        "missing/x.py",
        "missing/deeper/x.py",
        "mod.py/x",
        "mod.py/",
        "pkg/",
        "pkg/.",
        "pkg/..",
        "pkg/../mod.py",
        "link_dir/../mod.py",
        "link_dir/../pkg",
        "./mod.py",
        "pkg/./sub.pyi",
        "pkg//sub.pyi",
        ".hidden.py",
        ".hidden",
        "..weird",
        "..weird/...",
        "..weird/..",
        "..weird/../mod.py",
        "..weird/.../x",
        "pkg/.inner",
        "",
    ];
    let mut out: Vec<PathBuf> = relative.iter().map(|r| root.join(r)).collect();
    out.push(PathBuf::from(format!("{}//pkg/sub.pyi", root.display())));
    out.push(PathBuf::from("/"));
    out.push(PathBuf::from("/."));
    out.push(PathBuf::from("/.."));
    out.push(PathBuf::from("/../"));
    out.push(PathBuf::from("//"));
    out.push(PathBuf::from("/tmp"));
    out.push(PathBuf::from("//tmp"));
    out.push(PathBuf::from("relative/path.py"));
    out.push(PathBuf::from("mod.py"));
    out.push(PathBuf::from(""));
    out
}

fn compare_all(system: &dyn System, root: &Path) {
    for p in probes(root) {
        assert_eq!(system.is_file(&p), p.is_file(), "is_file({})", p.display());
        assert_eq!(system.is_dir(&p), p.is_dir(), "is_dir({})", p.display());
    }
}

#[test]
fn answers_match_the_os() {
    let tree = TempTree::built();
    let cached = CachedSystem::new();
    // Twice: the first round fills the cache, the second is served by it.
    compare_all(&cached, &tree.0);
    compare_all(&cached, &tree.0);
    // A fresh cache asked in another order (directories' listings read
    // through other probes first).
    let cached = CachedSystem::new();
    let mut reversed = probes(&tree.0);
    reversed.reverse();
    for p in reversed {
        assert_eq!(cached.is_dir(&p), p.is_dir(), "is_dir({})", p.display());
        assert_eq!(cached.is_file(&p), p.is_file(), "is_file({})", p.display());
    }
}

#[test]
fn the_answers_that_matter_here() {
    // Not only "agrees with the OS": the tree is what it is meant to be,
    // so the comparison above covers each case.
    let tree = TempTree::built();
    let root = &tree.0;
    let cached = CachedSystem::new();
    assert!(cached.is_file(&root.join("link_file")));
    assert!(!cached.is_dir(&root.join("link_file")));
    assert!(cached.is_dir(&root.join("link_dir")));
    assert!(cached.is_file(&root.join("link_dir/__init__.py")));
    assert!(cached.is_dir(&root.join("link_to_link")));
    assert!(cached.is_file(&root.join("abs_link")));
    assert!(!cached.is_file(&root.join("dangling")) && !cached.is_dir(&root.join("dangling")));
    assert!(!cached.is_file(&root.join("loop_a")) && !cached.is_dir(&root.join("loop_a")));
    assert!(!cached.is_file(&root.join("missing/x.py")));
    assert!(!cached.is_dir(&root.join("missing/deeper")));
    assert!(!cached.is_file(&root.join("MOD.py")));
    assert!(cached.is_file(&root.join("pkg/../mod.py")));
}

#[test]
fn read_dir_matches_the_os() {
    let tree = TempTree::built();
    let root = &tree.0;
    let cached = CachedSystem::new();
    for rel in ["", "..weird", "pkg", "pkg/inner", "link_dir", "link_to_link", "missing", "mod.py", "dangling", "pkg/..", "pkg/"] {
        let p = root.join(rel);
        // Once before any other question about the directory, once after
        // its listing was read for `is_file`.
        for round in 0..2 {
            let expected = OsSystem.read_dir(&p);
            let got = cached.read_dir(&p);
            match (&expected, &got) {
                (Ok(e), Ok(g)) => assert_eq!(e, g, "read_dir({}) round {round}", p.display()),
                (Err(e), Err(g)) => assert_eq!(e.kind(), g.kind(), "read_dir({}) round {round}", p.display()),
                _ => panic!("read_dir({}) round {round}: OS {expected:?}, cached {got:?}", p.display()),
            }
            let _ = cached.is_file(&p.join("anything"));
        }
    }
    let listed = cached.read_dir(root).unwrap();
    assert_eq!(listed.len(), 12, "{listed:?}");
}

#[test]
fn a_listing_is_read_once() {
    // The cache is a cache: a file created after its directory was read is
    // not seen by the same `CachedSystem` (that is why only one-shot runs
    // use it), but a fresh one sees it, and so does a directory read
    // afterwards.
    let tree = TempTree::built();
    let root = &tree.0;
    let cached = CachedSystem::new();
    assert!(!cached.is_file(&root.join("pkg/late.py")));
    assert!(!cached.is_dir(&root.join("later")));
    std::fs::write(root.join("pkg/late.py"), "").unwrap();
    std::fs::create_dir(root.join("later")).unwrap();
    std::fs::write(root.join("later/x.py"), "").unwrap();
    assert!(!cached.is_file(&root.join("pkg/late.py")));
    assert!(!cached.is_dir(&root.join("later")));
    assert!(!cached.read_dir(&root.join("pkg")).unwrap().contains(&root.join("pkg/late.py")));
    assert!(cached.is_file(&root.join("later/x.py")));
    let fresh = CachedSystem::new();
    assert!(fresh.is_file(&root.join("pkg/late.py")));
    assert!(fresh.is_dir(&root.join("later")));
    // Paths the cache does not answer for go to the OS every time.
    std::fs::write(root.join("pkg/later.py"), "").unwrap();
    assert!(cached.is_file(&root.join("pkg/./later.py")));
}

#[test]
fn a_missing_parent_is_remembered() {
    let tree = TempTree::new();
    let root = &tree.0;
    let cached = CachedSystem::new();
    assert!(!cached.is_file(&root.join("gone/a.py")));
    std::fs::create_dir(root.join("gone")).unwrap();
    std::fs::write(root.join("gone/a.py"), "").unwrap();
    assert!(!cached.is_file(&root.join("gone/a.py")));
    assert!(CachedSystem::new().is_file(&root.join("gone/a.py")));
}

#[test]
fn shared_by_threads() {
    let tree = TempTree::built();
    let cached: Arc<dyn System> = Arc::new(CachedSystem::new());
    let root = Arc::new(tree.0.clone());
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let cached = cached.clone();
            let root = root.clone();
            std::thread::spawn(move || {
                for _ in 0..20 {
                    compare_all(&*cached, &root);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
}
