//! Which files a run checks: the files named on the command line, and the
//! `.py`/`.pyi` files below the directories named there — minus what
//! `.gitignore` (and `.ignore`) files, virtual environments, version control
//! and cache directories, and the configured `include`/`exclude` rule out.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};
use pyx_semantics::config::ProjectConfig;

/// Directories never worth walking: version control, tool caches, and the
/// usual names of environments and installed packages. (Any directory with
/// a `pyvenv.cfg` is skipped too, whatever its name.)
const SKIPPED_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    ".venv",
    ".tox",
    ".nox",
    "__pycache__",
    "__pypackages__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
    "site-packages",
];

/// The outcome of discovery: absolute, normalized, sorted and deduplicated
/// paths, and the problems met while walking (unreadable directories).
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    pub errors: Vec<String>,
}

/// Whether `dir` is a virtual environment (PEP 405: it has `pyvenv.cfg`)
/// or a conda environment (it has `conda-meta/`).
pub fn is_environment(dir: &Path) -> bool {
    dir.join("pyvenv.cfg").is_file() || dir.join("conda-meta").is_dir()
}

fn is_python_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("py" | "pyi"))
}

/// Find the files to check under `paths` (absolute, normalized, existing).
/// Files named directly are always checked; directories are walked (in
/// parallel) with the filters above.
pub fn discover(paths: &[PathBuf], config: &ProjectConfig) -> Discovered {
    let mut files = BTreeSet::new();
    let errors = Mutex::new(Vec::new());
    let found = Mutex::new(Vec::new());
    let dirs: Vec<&PathBuf> = paths.iter().filter(|p| p.is_dir()).collect();
    for path in paths {
        if !path.is_dir() {
            files.insert(path.clone());
        }
    }
    let Some((first, rest)) = dirs.split_first() else {
        return Discovered {
            files: files.into_iter().collect(),
            errors: Vec::new(),
        };
    };
    let mut walk = WalkBuilder::new(first);
    for dir in rest {
        walk.add(dir);
    }
    walk.hidden(false)
        .require_git(false)
        .parents(true)
        .follow_links(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(true)
        .ignore(true);
    {
        let config = config.clone();
        walk.filter_entry(move |entry| {
            if entry.depth() == 0 {
                // Named on the command line.
                return true;
            }
            let path = entry.path();
            if entry.file_type().is_some_and(|t| t.is_dir()) {
                let name = entry.file_name().to_str().unwrap_or("");
                if SKIPPED_DIRS.contains(&name) || is_environment(path) {
                    return false;
                }
            }
            // Directories are pruned here, so a file only needs its own
            // path tested.
            match path.strip_prefix(&config.root) {
                Ok(rel) => !config.options.exclude.matches(rel),
                Err(_) => true,
            }
        });
    }
    walk.build_parallel().run(|| {
        let found = &found;
        let errors = &errors;
        Box::new(move |entry| {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    let is_file = match entry.file_type() {
                        Some(t) if t.is_file() => true,
                        Some(t) if t.is_symlink() => path.is_file(),
                        _ => false,
                    };
                    if is_file && is_python_file(path) && config.is_included(path) {
                        found.lock().expect("discovery lock").push(path.to_path_buf());
                    }
                }
                Err(e) => errors.lock().expect("discovery lock").push(e.to_string()),
            }
            WalkState::Continue
        })
    });
    files.extend(found.into_inner().expect("discovery lock"));
    let mut errors = errors.into_inner().expect("discovery lock");
    errors.sort();
    Discovered {
        files: files.into_iter().collect(),
        errors,
    }
}
