//! Fixtures for feature tests: a project written to a temporary directory,
//! a database over it that knows the real environment (the standard
//! library and typeshed of the `python3` on PATH, found once per process),
//! and a `$0` cursor.
//!
//! ```text
//! //- main.py
//! import helper
//! helper.gre$0et()
//! //- helper.py
//! def greet(): ...
//! ```
//!
//! A fixture without `//-` lines is one file, `main.py`. The cursor may be
//! in any file; the first file is the one the test is about when there is
//! no cursor.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use pyx_semantics::project::Settings;
use pyx_semantics::resolve::discover::{discover_settings, durability_roots, DiscoveryOptions};
use pyx_semantics::system::{OsSystem, System};
use pyx_semantics::{Db, File, RootDatabase};
use pyx_syntax::{TextRange, TextSize};

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub db: RootDatabase,
    /// The file with the cursor (else the first file).
    pub file: File,
    pub offset: TextSize,
    /// Every file of the fixture, in order.
    pub files: Vec<File>,
}

/// The environment of the `python3` on PATH, found once. A test that needs
/// the standard library fails here, with the reason, when there is none.
pub fn environment() -> &'static Settings {
    static ENV: OnceLock<Settings> = OnceLock::new();
    ENV.get_or_init(|| {
        let dir = std::env::temp_dir();
        let found = discover_settings(&OsSystem, &dir, &DiscoveryOptions::default());
        assert!(
            found.settings.typeshed_stdlib.is_some(),
            "these tests need typeshed's stubs: install the `typeshed_client` package into the python3 on PATH (./x does)"
        );
        assert!(found.settings.stdlib.is_some(), "these tests need CPython 3.11's standard library (python3 on PATH)");
        found.settings
    })
}

pub fn fixture(text: &str) -> Fixture {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path().canonicalize().expect("the temporary directory has a path");
    let mut parts: Vec<(String, String)> = Vec::new();
    if text.trim_start().starts_with("//-") {
        for chunk in text.trim_start().split("//-").skip(1) {
            let (name, body) = chunk.split_once('\n').unwrap_or((chunk, ""));
            parts.push((name.trim().trim_start_matches('/').to_string(), body.to_string()));
        }
    } else {
        parts.push(("main.py".to_string(), text.to_string()));
    }
    let mut cursor: Option<(PathBuf, TextSize)> = None;
    let mut paths = Vec::new();
    for (name, body) in &parts {
        let path = root.join(name);
        let body = match body.find("$0") {
            Some(i) => {
                cursor = Some((path.clone(), TextSize::from(i as u32)));
                body.replacen("$0", "", 1)
            }
            None => body.clone(),
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the fixture's directories");
        }
        std::fs::write(&path, body).expect("write a fixture file");
        paths.push(path);
    }
    let system: Arc<dyn System> = Arc::new(OsSystem);
    let mut db = RootDatabase::new(system);
    let mut settings = environment().clone();
    settings.roots = vec![root.clone()];
    db.set_durability_roots(durability_roots(&settings));
    db.set_project(settings);
    let files: Vec<File> = paths.iter().map(|p| db.file(p)).collect();
    let (file, offset) = match &cursor {
        Some((p, o)) => (db.file(p), *o),
        None => (files[0], TextSize::from(0)),
    };
    Fixture { dir, db, file, offset, files }
}

impl Fixture {
    pub fn root(&self) -> PathBuf {
        self.dir.path().canonicalize().expect("the temporary directory has a path")
    }

    /// A path as a snapshot shows it: relative to the project, or under
    /// `<typeshed>` / `<stdlib>`.
    pub fn show_path(&self, path: &Path) -> String {
        let settings = environment();
        if let Ok(rel) = path.strip_prefix(self.root()) {
            return rel.display().to_string();
        }
        if let Some(rel) = settings.typeshed_stdlib.as_ref().and_then(|t| path.strip_prefix(t).ok()) {
            return format!("<typeshed>/{}", rel.display());
        }
        if let Some(rel) = settings.stdlib.as_ref().and_then(|t| path.strip_prefix(t).ok()) {
            return format!("<stdlib>/{}", rel.display());
        }
        path.display().to_string()
    }

    /// `path:line:col: text` for a range of a file (line 1-based, column
    /// 0-based in bytes), the text cut at the end of its first line.
    pub fn show_range(&self, file: File, range: TextRange) -> String {
        let text = pyx_semantics::queries::source_text(&self.db, file).text.clone();
        let index = pyx_syntax::line_index::LineIndex::new(&text);
        let (line, col) = index.line_col(range.start());
        let start = usize::from(range.start()).min(text.len());
        let end = usize::from(range.end()).min(text.len()).max(start);
        let snippet = text.get(start..end).unwrap_or("").lines().next().unwrap_or("");
        format!("{}:{line}:{col}: {snippet}", self.show_path(file.path(&self.db)))
    }

    pub fn text(&self) -> Arc<str> {
        pyx_semantics::queries::source_text(&self.db, self.file).text.clone()
    }
}
