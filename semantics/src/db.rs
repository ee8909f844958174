//! The salsa database: inputs (files, the project), and the handle every
//! query takes first.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use salsa::{Durability, Setter};

use crate::system::System;

/// A source file known to the database. Its text is read through the
/// [`System`]; `revision` is bumped when the file changes on disk, and an
/// editor's unsaved text is an `overlay` that wins over the disk.
#[salsa::input(debug)]
pub struct File {
    #[returns(ref)]
    pub path: PathBuf,
    #[returns(copy)]
    pub revision: u64,
    #[returns(ref)]
    pub overlay: Option<Arc<str>>,
}

#[salsa::db]
pub trait Db: salsa::Database {
    fn system(&self) -> &dyn System;
    /// The file for `path`, created on first use.
    fn file(&self, path: &Path) -> File;
    /// The project's settings.
    fn project(&self) -> crate::project::Project;
    /// Bumped when files are created or deleted (module resolution reads it).
    fn fs_revision(&self) -> crate::project::FsRevision;
    /// Whether symbol tables are built scope by scope, so that an edit in
    /// one module-level function rebuilds only that function's tables (see
    /// [`crate::queries::semantic_index`]). A database that answers each
    /// question once and is then dropped (`pyx check`) gains nothing from
    /// it and pays for it: each module-level `def` and `class` is lowered a
    /// second time. Fixed for the database's lifetime.
    fn per_scope_firewall(&self) -> bool {
        true
    }
    /// Module resolutions shared by every database of one `pyx check` run
    /// (see [`SharedResolutions`]); `None` for a database that lives
    /// through edits.
    fn shared_resolutions(&self) -> Option<&SharedResolutions> {
        None
    }
}

/// The answers of [`crate::resolve::resolve_module`] by dotted name, shared
/// by the one-shot databases of one run, which check different files under
/// the same settings and file system and would otherwise each resolve
/// `os`, `sys`, `typing`, … again. Stored without their [`File`]s (those
/// belong to one database); a database that takes an answer makes its own.
/// Only for databases that see no edits and whose settings are all the
/// same: the answers are not tracked as depending on anything.
#[derive(Clone, Default)]
pub struct SharedResolutions(Arc<Mutex<FxHashMap<String, Option<crate::resolve::ResolvedModule>>>>);

impl SharedResolutions {
    pub(crate) fn get(&self, dotted: &str) -> Option<Option<crate::resolve::ResolvedModule>> {
        self.0.lock().ok()?.get(dotted).cloned()
    }

    pub(crate) fn insert(&self, dotted: &str, found: Option<crate::resolve::ResolvedModule>) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(dotted.to_string(), found);
        }
    }
}

impl std::fmt::Debug for SharedResolutions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedResolutions")
    }
}

/// Where the standard library and site-packages are, so that their files get
/// HIGH durability (they change rarely; salsa then skips re-validating
/// queries that depend only on them).
#[derive(Clone, Debug, Default)]
pub struct DurabilityRoots {
    pub high: Vec<PathBuf>,
}

#[salsa::db]
#[derive(Clone)]
pub struct RootDatabase {
    system: Arc<dyn System>,
    files: Arc<Mutex<FxHashMap<PathBuf, File>>>,
    roots: Arc<Mutex<DurabilityRoots>>,
    project: Arc<Mutex<Option<crate::project::Project>>>,
    fs_revision: Arc<Mutex<Option<crate::project::FsRevision>>>,
    /// Names of the queries executed, when logging is on (for tests of
    /// incrementality).
    log: Arc<Mutex<Option<Vec<String>>>>,
    /// See [`Db::per_scope_firewall`].
    per_scope_firewall: bool,
    /// See [`Db::shared_resolutions`].
    shared_resolutions: Option<SharedResolutions>,
    storage: salsa::Storage<Self>,
}

impl RootDatabase {
    pub fn new(system: Arc<dyn System>) -> RootDatabase {
        let log: Arc<Mutex<Option<Vec<String>>>> = Arc::default();
        let log2 = log.clone();
        let storage = salsa::Storage::new(Some(Box::new(move |event: salsa::Event| {
            if let salsa::EventKind::WillExecute { database_key } = event.kind {
                if let Ok(mut guard) = log2.lock() {
                    if let Some(v) = guard.as_mut() {
                        v.push(format!("{database_key:?}"));
                    }
                }
            }
        })));
        RootDatabase {
            system,
            files: Arc::default(),
            roots: Arc::default(),
            project: Arc::default(),
            fs_revision: Arc::default(),
            log,
            per_scope_firewall: true,
            shared_resolutions: None,
            storage,
        }
    }

    /// A database for one batch of questions, dropped afterwards (`pyx
    /// check`): the same answers, without the bookkeeping that only makes
    /// later edits cheap (see [`Db::per_scope_firewall`]).
    pub fn new_one_shot(system: Arc<dyn System>) -> RootDatabase {
        RootDatabase {
            per_scope_firewall: false,
            ..RootDatabase::new(system)
        }
    }

    /// A one-shot database that takes module resolutions from, and adds
    /// them to, `shared` (see [`SharedResolutions`] for when that is
    /// right).
    pub fn new_one_shot_shared(system: Arc<dyn System>, shared: SharedResolutions) -> RootDatabase {
        RootDatabase {
            shared_resolutions: Some(shared),
            ..RootDatabase::new_one_shot(system)
        }
    }

    /// Start recording which queries execute.
    pub fn start_logging(&self) {
        *self.log.lock().expect("log lock") = Some(Vec::new());
    }

    /// The queries executed since logging started (or the last take).
    pub fn take_log(&self) -> Vec<String> {
        self.log.lock().expect("log lock").as_mut().map(std::mem::take).unwrap_or_default()
    }

    pub fn set_durability_roots(&self, roots: DurabilityRoots) {
        *self.roots.lock().expect("roots lock") = roots;
    }

    /// The file changed on disk: bump its revision so that queries re-read it.
    pub fn file_changed(&mut self, path: &Path) {
        let file = self.file(path);
        let rev = file.revision(self);
        let durability = self.durability_of(path);
        file.set_revision(self).with_durability(durability).to(rev + 1);
    }

    /// Set (or clear, with `None`) the editor's text for a file.
    pub fn set_overlay(&mut self, path: &Path, text: Option<Arc<str>>) {
        let file = self.file(path);
        file.set_overlay(self).to(text);
    }

    pub fn set_project(&mut self, settings: crate::project::Settings) {
        let existing = *self.project.lock().expect("project lock");
        match existing {
            Some(p) => {
                p.set_settings(self).to(Arc::new(settings));
            }
            None => {
                let p = crate::project::Project::new(self, Arc::new(settings));
                *self.project.lock().expect("project lock") = Some(p);
            }
        }
    }

    /// Files or directories were created or deleted.
    pub fn fs_structure_changed(&mut self) {
        let r = self.fs_revision();
        let n = r.revision(self);
        r.set_revision(self).to(n + 1);
    }

    fn durability_of(&self, path: &Path) -> Durability {
        let roots = self.roots.lock().expect("roots lock");
        if roots.high.iter().any(|r| path.starts_with(r)) {
            Durability::HIGH
        } else {
            Durability::LOW
        }
    }
}

#[salsa::db]
impl salsa::Database for RootDatabase {}

#[salsa::db]
impl Db for RootDatabase {
    fn system(&self) -> &dyn System {
        &*self.system
    }

    fn file(&self, path: &Path) -> File {
        let mut files = self.files.lock().expect("files lock");
        if let Some(f) = files.get(path) {
            return *f;
        }
        let durability = self.durability_of(path);
        let f = File::builder(path.to_path_buf(), 0, None)
            .revision_durability(durability)
            .overlay_durability(Durability::LOW)
            .path_durability(Durability::HIGH)
            .new(self);
        files.insert(path.to_path_buf(), f);
        f
    }

    fn per_scope_firewall(&self) -> bool {
        self.per_scope_firewall
    }

    fn shared_resolutions(&self) -> Option<&SharedResolutions> {
        self.shared_resolutions.as_ref()
    }

    fn fs_revision(&self) -> crate::project::FsRevision {
        let existing = *self.fs_revision.lock().expect("fs revision lock");
        match existing {
            Some(r) => r,
            None => {
                let r = crate::project::FsRevision::new(self, 0);
                *self.fs_revision.lock().expect("fs revision lock") = Some(r);
                r
            }
        }
    }

    fn project(&self) -> crate::project::Project {
        let existing = *self.project.lock().expect("project lock");
        match existing {
            Some(p) => p,
            None => {
                let p = crate::project::Project::new(self, Arc::new(crate::project::Settings::default()));
                *self.project.lock().expect("project lock") = Some(p);
                p
            }
        }
    }
}
