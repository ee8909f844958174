//! typeshed's `VERSIONS` file: which standard-library modules exist in
//! which Python versions.
//!
//! Each line is `module: X.Y-` (available from X.Y on) or `module: X.Y-A.B`
//! (available from X.Y up to and including A.B); `#` starts a comment. A
//! submodule without its own line has its parent's range, so the entry that
//! decides is the longest listed prefix of the dotted name. A module with
//! no entry at all (not even for its top-level package) is not part of the
//! standard library as typeshed describes it.

use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::db::Db;

/// A Python version, `(major, minor)`.
pub type PyVersion = (u16, u16);

/// The versions a module is available in: `min` and on, up to `max`
/// included when there is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VersionRange {
    pub min: PyVersion,
    pub max: Option<PyVersion>,
}

impl VersionRange {
    pub fn contains(self, version: PyVersion) -> bool {
        self.min <= version && self.max.is_none_or(|max| version <= max)
    }
}

/// A line of `VERSIONS` that could not be understood (it is ignored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionsError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

/// The parsed `VERSIONS` file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeshedVersions {
    entries: FxHashMap<String, VersionRange>,
    /// Lines that were skipped because they were malformed.
    pub errors: Vec<VersionsError>,
}

impl TypeshedVersions {
    /// Parse the text of a `VERSIONS` file. Malformed lines are recorded in
    /// `errors` and skipped; parsing never fails.
    pub fn parse(text: &str) -> TypeshedVersions {
        let mut out = TypeshedVersions::default();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            match parse_line(line) {
                Some((module, range)) => {
                    out.entries.insert(module.to_string(), range);
                }
                None => out.errors.push(VersionsError {
                    line: index + 1,
                    message: format!("expected `module: X.Y-` or `module: X.Y-A.B`, found `{line}`"),
                }),
            }
        }
        out
    }

    /// The range that applies to `module`: its own entry, else that of its
    /// closest listed parent package.
    pub fn range(&self, module: &str) -> Option<VersionRange> {
        let mut name = module;
        loop {
            if let Some(range) = self.entries.get(name) {
                return Some(*range);
            }
            match name.rsplit_once('.') {
                Some((parent, _)) => name = parent,
                None => return None,
            }
        }
    }

    /// Whether typeshed describes `module` as present in `version`.
    pub fn is_available(&self, module: &str, version: PyVersion) -> bool {
        self.range(module).is_some_and(|r| r.contains(version))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn parse_line(line: &str) -> Option<(&str, VersionRange)> {
    let (module, range) = line.split_once(':')?;
    let module = module.trim();
    if module.is_empty() || module.split('.').any(|part| part.is_empty()) {
        return None;
    }
    let (min, max) = range.trim().split_once('-')?;
    let min = parse_version(min.trim())?;
    let max = match max.trim() {
        "" => None,
        max => Some(parse_version(max)?),
    };
    Some((module, VersionRange { min, max }))
}

fn parse_version(text: &str) -> Option<PyVersion> {
    let (major, minor) = text.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// The `VERSIONS` file of the configured typeshed `stdlib/` directory;
/// `None` when no typeshed is configured or the file cannot be read.
///
/// It is read through the [`crate::system::System`] and depends on the file's
/// revision (edits) and on the file-system revision (typeshed installed or
/// removed), so it is re-read then and only then.
#[salsa::tracked(returns(ref))]
pub fn typeshed_versions(db: &dyn Db) -> Option<Arc<TypeshedVersions>> {
    let settings = db.project().settings(db);
    let dir = settings.typeshed_stdlib.as_ref()?;
    read_versions(db, &dir.join("VERSIONS"))
}

fn read_versions(db: &dyn Db, path: &Path) -> Option<Arc<TypeshedVersions>> {
    let _ = db.fs_revision().revision(db);
    let _ = db.file(path).revision(db);
    let bytes = db.system().read(path).ok()?;
    Some(parse_shared(bytes))
}

/// [`TypeshedVersions::parse`], reusing the last result when the text is
/// the same: `pyx check` gives each chunk of files a database of its own,
/// and every one of them reads the same `VERSIONS`.
fn parse_shared(bytes: Vec<u8>) -> Arc<TypeshedVersions> {
    static LAST: std::sync::Mutex<Option<(Vec<u8>, Arc<TypeshedVersions>)>> = std::sync::Mutex::new(None);
    if let Ok(last) = LAST.lock() {
        if let Some((text, parsed)) = last.as_ref() {
            if *text == bytes {
                return parsed.clone();
            }
        }
    }
    let parsed = Arc::new(TypeshedVersions::parse(&String::from_utf8_lossy(&bytes)));
    if let Ok(mut last) = LAST.lock() {
        *last = Some((bytes, parsed.clone()));
    }
    parsed
}
