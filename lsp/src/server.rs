//! The protocol layer: tower-lsp-server's `LanguageServer` over the
//! database.
//!
//! - The database is changed only by notifications (`didOpen`,
//!   `didChange`, `didClose`, `didChangeWatchedFiles`,
//!   `didChangeConfiguration`), synchronously, before the handler's first
//!   `.await`: notifications are applied in the order they arrive.
//! - A request clones the database (a salsa snapshot) under the lock and
//!   answers on a blocking thread. A later edit cancels it: salsa unwinds it
//!   with `Cancelled`, answered as `ContentModified`. A panic in a feature
//!   is caught, logged, and answered as an internal error; the server goes
//!   on.
//! - Diagnostics are pushed after each change, debounced, for every open
//!   document (an edit in one file can change another's imports).

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyx_semantics::config::{Level, ProjectConfig, RuleLevels};
use pyx_semantics::diagnostics::{Rule, Severity};
use pyx_semantics::resolve::discover::{discover_settings, durability_roots};
use pyx_semantics::system::{OsSystem, System};
use pyx_semantics::{Db, File, RootDatabase};
use pyx_syntax::{TextRange, TextSize};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::features;
use crate::position::{apply_change, Encoding, LinePos, Lines};

/// How long diagnostics wait for more typing before they are computed.
const DEBOUNCE: Duration = Duration::from_millis(30);

struct Document {
    uri: Uri,
    text: String,
    version: i32,
}

/// What every request needs besides the database.
#[derive(Clone)]
pub struct Ctx {
    pub encoding: Encoding,
    pub levels: RuleLevels,
}

struct State {
    /// The one database handle that is ever written. Requests clone it.
    db: Mutex<RootDatabase>,
    docs: Mutex<HashMap<PathBuf, Document>>,
    ctx: Mutex<Ctx>,
    root: Mutex<Option<PathBuf>>,
    /// The other workspace folders: first-party roots too (imports between
    /// folders resolve), configured by the first one's `pyproject.toml`.
    extra_folders: Mutex<Vec<PathBuf>>,
    /// Levels from `pyproject.toml`, before the client's settings.
    project_levels: Mutex<RuleLevels>,
    client_settings: Mutex<Value>,
    /// Bumped by every change; a pending diagnostics run that sees a newer
    /// value gives way to the later one.
    generation: AtomicU64,
    /// Whether the environment has been found (diagnostics wait for it).
    ready: std::sync::atomic::AtomicBool,
}

pub struct Backend {
    client: Client,
    state: Arc<State>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while a lock was held leaves data that is still whole (every
    // write is a single assignment or map operation): carry on with it.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn content_modified() -> Error {
    Error { code: ErrorCode::ContentModified, message: "content modified".into(), data: None }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with no message".to_string()
    }
}

pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

pub fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        let system: Arc<dyn System> = Arc::new(OsSystem);
        Backend {
            client,
            state: Arc::new(State {
                db: Mutex::new(RootDatabase::new(system)),
                docs: Mutex::new(HashMap::new()),
                ctx: Mutex::new(Ctx { encoding: Encoding::Utf16, levels: RuleLevels::default() }),
                root: Mutex::new(None),
                extra_folders: Mutex::new(Vec::new()),
                project_levels: Mutex::new(RuleLevels::default()),
                client_settings: Mutex::new(Value::Null),
                generation: AtomicU64::new(0),
                ready: std::sync::atomic::AtomicBool::new(false),
            }),
        }
    }

    /// Run `f` on a snapshot of the database, on a blocking thread.
    async fn query<T, F>(&self, method: &'static str, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&RootDatabase, &Ctx) -> T + Send + 'static,
    {
        let db = lock(&self.state.db).clone();
        let ctx = lock(&self.state.ctx).clone();
        let task = tokio::task::spawn_blocking(move || {
            let out = std::panic::catch_unwind(AssertUnwindSafe(|| f(&db, &ctx)));
            drop(db);
            out
        });
        match task.await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(payload)) if payload.is::<salsa::Cancelled>() => Err(content_modified()),
            Ok(Err(payload)) => {
                let msg = format!("pyls: internal error in {method}: {}", panic_message(&*payload));
                eprintln!("{msg}");
                self.client.log_message(MessageType::ERROR, &msg).await;
                Err(Error { code: ErrorCode::InternalError, message: msg.into(), data: None })
            }
            Err(e) => {
                let msg = format!("pyls: {method} did not finish: {e}");
                self.client.log_message(MessageType::ERROR, &msg).await;
                Err(Error { code: ErrorCode::InternalError, message: msg.into(), data: None })
            }
        }
    }

    /// Change the database (on the calling thread: waits for running
    /// requests to unwind). A panic is logged, not propagated.
    fn mutate(&self, f: impl FnOnce(&mut RootDatabase)) {
        let mut db = lock(&self.state.db);
        if let Err(payload) = std::panic::catch_unwind(AssertUnwindSafe(|| f(&mut db))) {
            eprintln!("pyls: internal error while applying a change: {}", panic_message(&*payload));
        }
        self.state.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Compute and push the diagnostics of every open document, after a
    /// short quiet period.
    fn schedule_diagnostics(&self, delay: Duration) {
        let gen = self.state.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let state = self.state.clone();
        let client = self.client.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            if state.generation.load(Ordering::SeqCst) != gen || !state.ready.load(Ordering::SeqCst) {
                return;
            }
            let open: Vec<(PathBuf, Uri, i32)> =
                lock(&state.docs).iter().map(|(p, d)| (p.clone(), d.uri.clone(), d.version)).collect();
            let db = lock(&state.db).clone();
            let ctx = lock(&state.ctx).clone();
            let task = tokio::task::spawn_blocking(move || {
                std::panic::catch_unwind(AssertUnwindSafe(|| {
                    open.into_iter()
                        .map(|(path, uri, version)| {
                            let file = db.file(&path);
                            let diags = to_lsp_diagnostics(&db, file, &uri, &ctx);
                            (uri, version, diags)
                        })
                        .collect::<Vec<_>>()
                }))
            });
            match task.await {
                Ok(Ok(all)) => {
                    if state.generation.load(Ordering::SeqCst) != gen {
                        return;
                    }
                    for (uri, version, diags) in all {
                        client.publish_diagnostics(uri, diags, Some(version)).await;
                    }
                }
                Ok(Err(payload)) if payload.is::<salsa::Cancelled>() => {}
                Ok(Err(payload)) => {
                    let msg = format!("pyls: internal error computing diagnostics: {}", panic_message(&*payload));
                    eprintln!("{msg}");
                    client.log_message(MessageType::ERROR, msg).await;
                }
                Err(_) => {}
            }
        });
    }

    fn apply_levels(&self) {
        let mut levels = lock(&self.state.project_levels).clone();
        let settings = lock(&self.state.client_settings).clone();
        let rules = settings.get("pyx").unwrap_or(&settings).get("rules").cloned();
        if let Some(Value::Object(map)) = rules {
            for (code, level) in map {
                let level = match level.as_str() {
                    Some("error") => Level::Error,
                    Some("warning") => Level::Warning,
                    Some("ignore") => Level::Ignore,
                    _ => continue,
                };
                if let Some(rule) = Rule::from_code(&code) {
                    let _ = levels.set(rule, level);
                }
            }
        }
        lock(&self.state.ctx).levels = levels;
    }

    /// Read `pyproject.toml` and find the environment (on a blocking
    /// thread: it may ask `python3`), then configure the database.
    async fn load_project(&self) {
        let root = lock(&self.state.root).clone();
        let Some(root) = root else {
            self.state.ready.store(true, Ordering::SeqCst);
            return;
        };
        let found = tokio::task::spawn_blocking(move || {
            std::panic::catch_unwind(AssertUnwindSafe(|| {
                let config = ProjectConfig::discover(&OsSystem, &root);
                let (config, error) = match config {
                    Ok(c) => (c, None),
                    Err(e) => (ProjectConfig::defaults(&root), Some(e.to_string())),
                };
                let mut options = config.discovery_options();
                options.interpreter_cache = pyx_semantics::resolve::interpreter_cache::default_cache_dir();
                let discovery = discover_settings(&OsSystem, &config.root, &options);
                (config.rules().clone(), discovery, error)
            }))
        })
        .await;
        match found {
            Ok(Ok((levels, discovery, error))) => {
                if let Some(e) = error {
                    self.client.show_message(MessageType::WARNING, format!("pyls: configuration: {e}")).await;
                }
                for w in &discovery.warnings {
                    self.client.log_message(MessageType::WARNING, format!("pyls: {w}")).await;
                }
                *lock(&self.state.project_levels) = levels;
                self.apply_levels();
                let mut settings = discovery.settings;
                for folder in lock(&self.state.extra_folders).iter() {
                    if !settings.roots.contains(folder) {
                        settings.roots.push(folder.clone());
                    }
                }
                self.mutate(|db| {
                    db.set_durability_roots(durability_roots(&settings));
                    db.set_project(settings);
                });
            }
            _ => {
                self.client.log_message(MessageType::ERROR, "pyls: could not load the project's configuration").await;
            }
        }
        self.state.ready.store(true, Ordering::SeqCst);
    }
}

/// The file of a document: `None` for URIs that are not files.
fn file_of(db: &RootDatabase, uri: &Uri) -> Option<File> {
    path_of(uri).map(|p| db.file(&p))
}

/// Positions of one file's text.
pub struct FileText {
    pub text: Arc<str>,
    pub lines: Arc<Lines>,
    pub encoding: Encoding,
}

impl FileText {
    pub fn of(db: &dyn Db, file: File, encoding: Encoding) -> FileText {
        let text = pyx_semantics::queries::source_text(db, file).text.clone();
        let lines = crate::position::line_index(db, file).clone();
        FileText { text, lines, encoding }
    }

    pub fn offset(&self, p: Position) -> TextSize {
        self.lines.offset(&self.text, LinePos { line: p.line, character: p.character }, self.encoding)
    }

    pub fn position(&self, offset: TextSize) -> Position {
        let p = self.lines.position(&self.text, offset, self.encoding);
        Position { line: p.line, character: p.character }
    }

    pub fn range(&self, r: TextRange) -> Range {
        Range { start: self.position(r.start()), end: self.position(r.end()) }
    }

    pub fn text_range(&self, r: Range) -> TextRange {
        let a = self.offset(r.start);
        let b = self.offset(r.end);
        if a <= b {
            TextRange::new(a, b)
        } else {
            TextRange::new(b, a)
        }
    }
}

fn to_lsp_diagnostics(db: &RootDatabase, file: File, uri: &Uri, ctx: &Ctx) -> Vec<Diagnostic> {
    let ft = FileText::of(db, file, ctx.encoding);
    features::diagnostics::diagnostics(db, file, &ctx.levels)
        .into_iter()
        .map(|d| Diagnostic {
            range: ft.range(d.range),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.rule.code().to_string())),
            code_description: None,
            source: Some("pyx".to_string()),
            message: d.message.clone(),
            related_information: (!d.related.is_empty()).then(|| {
                d.related
                    .iter()
                    .map(|r| DiagnosticRelatedInformation {
                        location: Location { uri: uri.clone(), range: ft.range(r.range) },
                        message: r.message.clone(),
                    })
                    .collect()
            }),
            tags: features::diagnostics::is_unnecessary(d.rule).then(|| vec![DiagnosticTag::UNNECESSARY]),
            data: None,
        })
        .collect()
}

fn location(db: &dyn Db, nav: &features::goto_definition::NavTarget, enc: Encoding) -> Option<LocationLink> {
    let uri = uri_of(nav.file.path(db))?;
    let ft = FileText::of(db, nav.file, enc);
    Some(LocationLink {
        origin_selection_range: None,
        target_uri: uri,
        target_range: ft.range(nav.full),
        target_selection_range: ft.range(nav.focus),
    })
}

fn nav_response(db: &dyn Db, navs: Vec<features::goto_definition::NavTarget>, enc: Encoding) -> Option<GotoDefinitionResponse> {
    let links: Vec<Location> = navs
        .iter()
        .filter_map(|n| location(db, n, enc))
        .map(|l| Location { uri: l.target_uri, range: l.target_selection_range })
        .collect();
    (!links.is_empty()).then_some(GotoDefinitionResponse::Array(links))
}

fn completion_kind(k: features::completion::CompletionKind) -> CompletionItemKind {
    use features::completion::CompletionKind as K;
    match k {
        K::Variable => CompletionItemKind::VARIABLE,
        K::Parameter => CompletionItemKind::VARIABLE,
        K::Constant => CompletionItemKind::CONSTANT,
        K::Function => CompletionItemKind::FUNCTION,
        K::Method => CompletionItemKind::METHOD,
        K::Field => CompletionItemKind::FIELD,
        K::Class => CompletionItemKind::CLASS,
        K::Module => CompletionItemKind::MODULE,
        K::Keyword => CompletionItemKind::KEYWORD,
    }
}

#[allow(deprecated)]
fn to_document_symbol(ft: &FileText, s: &features::document_symbols::DocumentSymbol) -> DocumentSymbol {
    use features::document_symbols::SymbolKind as K;
    DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: match s.kind {
            K::Class => SymbolKind::CLASS,
            K::Function => SymbolKind::FUNCTION,
            K::Method => SymbolKind::METHOD,
            K::Variable => SymbolKind::VARIABLE,
            K::Constant => SymbolKind::CONSTANT,
        },
        tags: None,
        deprecated: None,
        range: ft.range(s.range),
        selection_range: ft.range(s.selection),
        children: Some(s.children.iter().map(|c| to_document_symbol(ft, c)).collect()),
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|encs| encs.iter().any(|e| *e == PositionEncodingKind::UTF8));
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        lock(&self.state.ctx).encoding = encoding;
        #[allow(deprecated)]
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .and_then(|f| path_of(&f.uri))
            .or_else(|| params.root_uri.as_ref().and_then(path_of))
            .or_else(|| params.root_path.as_ref().map(PathBuf::from));
        *lock(&self.state.root) = root.clone();
        *lock(&self.state.extra_folders) = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| path_of(&f.uri))
            .filter(|p| Some(p) != root.as_ref())
            .collect();
        if let Some(options) = params.initialization_options {
            *lock(&self.state.client_settings) = options;
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo { name: "pyls".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
            capabilities: capabilities(encoding),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.load_project().await;
        self.schedule_diagnostics(Duration::ZERO);
        // Watch Python files and configuration when the client can.
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: ["**/*.py", "**/*.pyi", "**/pyproject.toml"]
                .iter()
                .map(|g| FileSystemWatcher { glob_pattern: GlobPattern::String(g.to_string()), kind: None })
                .collect(),
        };
        if let Ok(options) = serde_json::to_value(options) {
            let registration = Registration {
                id: "pyls-watched-files".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: Some(options),
            };
            let client = self.client.clone();
            // The client may not support dynamic registration; its answer
            // is not waited for.
            tokio::spawn(async move {
                let _ = client.register_capability(vec![registration]).await;
            });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let Some(path) = path_of(&doc.uri) else { return };
        let text: Arc<str> = Arc::from(doc.text.as_str());
        lock(&self.state.docs).insert(path.clone(), Document { uri: doc.uri, text: doc.text, version: doc.version });
        self.mutate(|db| db.set_overlay(&path, Some(text)));
        self.schedule_diagnostics(Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else { return };
        let encoding = lock(&self.state.ctx).encoding;
        let new_text = {
            let mut docs = lock(&self.state.docs);
            let Some(doc) = docs.get_mut(&path) else { return };
            for change in params.content_changes {
                let range = change.range.map(|r| {
                    (
                        LinePos { line: r.start.line, character: r.start.character },
                        LinePos { line: r.end.line, character: r.end.character },
                    )
                });
                apply_change(&mut doc.text, range, &change.text, encoding);
            }
            doc.version = params.text_document.version;
            Arc::<str>::from(doc.text.as_str())
        };
        self.mutate(|db| db.set_overlay(&path, Some(new_text)));
        self.schedule_diagnostics(DEBOUNCE);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else { return };
        lock(&self.state.docs).remove(&path);
        self.mutate(|db| {
            db.set_overlay(&path, None);
            db.file_changed(&path);
        });
        self.client.publish_diagnostics(params.text_document.uri, Vec::new(), None).await;
        self.schedule_diagnostics(DEBOUNCE);
    }

    async fn did_save(&self, _: DidSaveTextDocumentParams) {}

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut structure = false;
        let mut config = false;
        let mut changed = Vec::new();
        for change in &params.changes {
            let Some(path) = path_of(&change.uri) else { continue };
            if path.file_name().is_some_and(|n| n == "pyproject.toml") {
                config = true;
                continue;
            }
            if change.typ == FileChangeType::CREATED || change.typ == FileChangeType::DELETED {
                structure = true;
            }
            changed.push(path);
        }
        self.mutate(|db| {
            for p in &changed {
                db.file_changed(p);
            }
            if structure {
                db.fs_structure_changed();
            }
        });
        if config {
            self.load_project().await;
        }
        self.schedule_diagnostics(DEBOUNCE);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if !params.settings.is_null() {
            *lock(&self.state.client_settings) = params.settings;
        }
        self.apply_levels();
        self.schedule_diagnostics(Duration::ZERO);
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let added: Vec<PathBuf> = params.event.added.iter().filter_map(|f| path_of(&f.uri)).collect();
        let removed: Vec<PathBuf> = params.event.removed.iter().filter_map(|f| path_of(&f.uri)).collect();
        {
            let mut root = lock(&self.state.root);
            let mut extra = lock(&self.state.extra_folders);
            extra.retain(|f| !removed.contains(f));
            if root.as_ref().is_some_and(|r| removed.contains(r)) {
                *root = if extra.is_empty() { None } else { Some(extra.remove(0)) };
            }
            for folder in added {
                if root.is_none() {
                    *root = Some(folder);
                } else if root.as_ref() != Some(&folder) && !extra.contains(&folder) {
                    extra.push(folder);
                }
            }
        }
        self.load_project().await;
        self.schedule_diagnostics(Duration::ZERO);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        self.query("textDocument/hover", move |db, ctx| {
            let file = file_of(db, &p.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            let h = features::hover::hover(db, file, ft.offset(p.position))?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: h.markdown }),
                range: Some(ft.range(h.range)),
            })
        })
        .await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        self.query("textDocument/definition", move |db, ctx| {
            let file = file_of(db, &p.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            nav_response(db, features::goto_definition::goto_definition(db, file, ft.offset(p.position)), ctx.encoding)
        })
        .await
    }

    async fn goto_declaration(
        &self,
        params: request::GotoDeclarationParams,
    ) -> Result<Option<request::GotoDeclarationResponse>> {
        let p = params.text_document_position_params;
        self.query("textDocument/declaration", move |db, ctx| {
            let file = file_of(db, &p.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            nav_response(db, features::goto_definition::goto_declaration(db, file, ft.offset(p.position)), ctx.encoding)
        })
        .await
    }

    async fn goto_type_definition(
        &self,
        params: request::GotoTypeDefinitionParams,
    ) -> Result<Option<request::GotoTypeDefinitionResponse>> {
        let p = params.text_document_position_params;
        self.query("textDocument/typeDefinition", move |db, ctx| {
            let file = file_of(db, &p.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            nav_response(db, features::goto_definition::goto_type_definition(db, file, ft.offset(p.position)), ctx.encoding)
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let trigger = params.context.and_then(|c| c.trigger_character);
        self.query("textDocument/completion", move |db, ctx| {
            let file = file_of(db, &p.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            let items: Vec<CompletionItem> =
                features::completion::completion_triggered(db, file, ft.offset(p.position), trigger.as_deref())
                .into_iter()
                .map(|i| CompletionItem {
                    label: i.label,
                    kind: Some(completion_kind(i.kind)),
                    detail: i.detail,
                    sort_text: Some(i.sort_text),
                    data: i.origin.and_then(|o| serde_json::to_value(o).ok()),
                    ..CompletionItem::default()
                })
                .collect();
            Some(CompletionResponse::List(CompletionList { is_incomplete: false, items }))
        })
        .await
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        let Some(origin) = item.data.clone().and_then(|d| serde_json::from_value::<features::completion::Origin>(d).ok()) else {
            return Ok(item);
        };
        let doc = self.query("completionItem/resolve", move |db, _| features::completion::resolve_documentation(db, &origin)).await?;
        let mut item = item;
        if let Some(doc) = doc {
            item.documentation = Some(Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value: doc }));
        }
        Ok(item)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.query("textDocument/inlayHint", move |db, ctx| {
            let file = file_of(db, &params.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            let hints = features::inlay_hints::inlay_hints(db, file, ft.text_range(params.range));
            Some(
                hints
                    .into_iter()
                    .map(|h| InlayHint {
                        position: ft.position(h.offset),
                        label: InlayHintLabel::String(h.label),
                        kind: Some(InlayHintKind::TYPE),
                        text_edits: None,
                        tooltip: None,
                        padding_left: None,
                        padding_right: None,
                        data: None,
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.query("textDocument/documentSymbol", move |db, ctx| {
            let file = file_of(db, &params.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            let symbols = features::document_symbols::document_symbols(db, file);
            Some(DocumentSymbolResponse::Nested(symbols.iter().map(|s| to_document_symbol(&ft, s)).collect()))
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let include = params.context.include_declaration;
        self.query("textDocument/references", move |db, ctx| {
            let file = file_of(db, &p.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            let refs = features::references::references(db, file, ft.offset(p.position), include);
            Some(refs_to_locations(db, &refs, ctx.encoding))
        })
        .await
    }

    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        self.query("textDocument/documentHighlight", move |db, ctx| {
            let file = file_of(db, &p.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            let refs = features::references::document_highlight(db, file, ft.offset(p.position));
            Some(
                refs.iter()
                    .filter(|r| r.file == file)
                    .map(|r| DocumentHighlight {
                        range: ft.range(r.range),
                        kind: Some(if r.write { DocumentHighlightKind::WRITE } else { DocumentHighlightKind::READ }),
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let answer = self
            .query("textDocument/prepareRename", move |db, ctx| {
                let file = file_of(db, &params.text_document.uri).ok_or_else(|| "not a file".to_string())?;
                let ft = FileText::of(db, file, ctx.encoding);
                features::rename::prepare_rename(db, file, ft.offset(params.position)).map(|r| ft.range(r))
            })
            .await?;
        match answer {
            Ok(range) => Ok(Some(PrepareRenameResponse::Range(range))),
            Err(why) => Err(Error { code: ErrorCode::InvalidRequest, message: why.into(), data: None }),
        }
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let new_name = params.new_name;
        let answer = self
            .query("textDocument/rename", move |db, ctx| {
                let file = file_of(db, &p.text_document.uri).ok_or_else(|| "not a file".to_string())?;
                let ft = FileText::of(db, file, ctx.encoding);
                let edits = features::rename::rename(db, file, ft.offset(p.position), &new_name)?;
                let mut changes = HashMap::new();
                for (path, es) in edits {
                    let Some(uri) = uri_of(&path) else { continue };
                    let target = FileText::of(db, db.file(&path), ctx.encoding);
                    changes.insert(
                        uri,
                        es.into_iter().map(|(r, t)| TextEdit { range: target.range(r), new_text: t }).collect::<Vec<_>>(),
                    );
                }
                Ok::<_, String>(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() })
            })
            .await?;
        match answer {
            Ok(edit) => Ok(Some(edit)),
            Err(why) => Err(Error { code: ErrorCode::InvalidRequest, message: why.into(), data: None }),
        }
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.query("textDocument/foldingRange", move |db, _ctx| {
            let file = file_of(db, &params.text_document.uri)?;
            Some(
                features::folding::folding_ranges(db, file)
                    .into_iter()
                    .map(|f| FoldingRange {
                        start_line: f.start_line,
                        end_line: f.end_line,
                        kind: Some(match f.kind {
                            features::folding::FoldKind::Region => FoldingRangeKind::Region,
                            features::folding::FoldKind::Imports => FoldingRangeKind::Imports,
                            features::folding::FoldKind::Comment => FoldingRangeKind::Comment,
                        }),
                        ..FoldingRange::default()
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn selection_range(&self, params: SelectionRangeParams) -> Result<Option<Vec<SelectionRange>>> {
        self.query("textDocument/selectionRange", move |db, ctx| {
            let file = file_of(db, &params.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            Some(
                params
                    .positions
                    .iter()
                    .map(|p| {
                        let ranges = features::selection::selection_ranges(db, file, ft.offset(*p));
                        let mut node: Option<SelectionRange> = None;
                        for r in ranges.iter().rev() {
                            node = Some(SelectionRange { range: ft.range(*r), parent: node.map(Box::new) });
                        }
                        node.unwrap_or(SelectionRange { range: Range { start: *p, end: *p }, parent: None })
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        self.query("textDocument/semanticTokens/full", move |db, ctx| {
            let file = file_of(db, &params.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            let tokens = features::semantic_tokens::semantic_tokens(db, file, None);
            Some(SemanticTokensResult::Tokens(encode_tokens(&ft, &tokens)))
        })
        .await
    }

    async fn semantic_tokens_range(&self, params: SemanticTokensRangeParams) -> Result<Option<SemanticTokensRangeResult>> {
        self.query("textDocument/semanticTokens/range", move |db, ctx| {
            let file = file_of(db, &params.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            let tokens = features::semantic_tokens::semantic_tokens(db, file, Some(ft.text_range(params.range)));
            Some(SemanticTokensRangeResult::Tokens(encode_tokens(&ft, &tokens)))
        })
        .await
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        let p = params.text_document_position_params;
        self.query("textDocument/signatureHelp", move |db, ctx| {
            let file = file_of(db, &p.text_document.uri)?;
            let ft = FileText::of(db, file, ctx.encoding);
            let sigs = features::signature_help::signature_help(db, file, ft.offset(p.position));
            if sigs.is_empty() {
                return None;
            }
            let active = sigs.first().and_then(|s| s.active_param);
            Some(SignatureHelp {
                signatures: sigs
                    .into_iter()
                    .map(|s| SignatureInformation {
                        label: s.label.clone(),
                        documentation: s.doc.map(|d| {
                            Documentation::MarkupContent(MarkupContent {
                                kind: MarkupKind::Markdown,
                                value: features::hover::doc_to_markdown(&d),
                            })
                        }),
                        parameters: Some(
                            s.params
                                .iter()
                                .map(|(a, b)| ParameterInformation {
                                    // Offsets in UTF-16 units of the label, as the protocol counts.
                                    label: ParameterLabel::LabelOffsets([
                                        utf16_len(&s.label[..*a as usize]),
                                        utf16_len(&s.label[..*b as usize]),
                                    ]),
                                    documentation: None,
                                })
                                .collect(),
                        ),
                        active_parameter: s.active_param,
                    })
                    .collect(),
                active_signature: Some(0),
                active_parameter: active,
            })
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.query("textDocument/codeAction", move |db, ctx| {
            let file = file_of(db, &params.text_document.uri)?;
            let uri = params.text_document.uri.clone();
            let ft = FileText::of(db, file, ctx.encoding);
            let actions = features::code_actions::code_actions(db, file, ft.text_range(params.range), &ctx.levels);
            let only = params.context.only.clone();
            Some(
                actions
                    .into_iter()
                    .filter_map(|a| {
                        let kind = match a.kind {
                            features::code_actions::ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                            features::code_actions::ActionKind::FixAll => CodeActionKind::SOURCE_FIX_ALL,
                        };
                        if let Some(only) = &only {
                            if !only.iter().any(|o| kind.as_str().starts_with(o.as_str())) {
                                return None;
                            }
                        }
                        let edits: Vec<TextEdit> = a.edits.iter().map(|(r, t)| TextEdit { range: ft.range(*r), new_text: t.clone() }).collect();
                        let mut changes = HashMap::new();
                        changes.insert(uri.clone(), edits);
                        Some(CodeActionOrCommand::CodeAction(CodeAction {
                            title: a.title,
                            kind: Some(kind),
                            diagnostics: a.diagnostic.map(|d| {
                                vec![Diagnostic {
                                    range: ft.range(d.range),
                                    code: Some(NumberOrString::String(d.rule.code().to_string())),
                                    source: Some("pyx".into()),
                                    message: d.message.clone(),
                                    ..Diagnostic::default()
                                }]
                            }),
                            edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
                            is_preferred: Some(a.preferred),
                            ..CodeAction::default()
                        }))
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        self.query("workspace/symbol", move |db, ctx| {
            let found = features::workspace_symbols::workspace_symbols(db, &params.query);
            #[allow(deprecated)]
            let out: Vec<SymbolInformation> = found
                .into_iter()
                .filter_map(|s| {
                    let uri = uri_of(s.file.path(db))?;
                    let ft = FileText::of(db, s.file, ctx.encoding);
                    Some(SymbolInformation {
                        name: s.name,
                        kind: match s.kind {
                            features::document_symbols::SymbolKind::Class => SymbolKind::CLASS,
                            features::document_symbols::SymbolKind::Function => SymbolKind::FUNCTION,
                            features::document_symbols::SymbolKind::Method => SymbolKind::METHOD,
                            features::document_symbols::SymbolKind::Variable => SymbolKind::VARIABLE,
                            features::document_symbols::SymbolKind::Constant => SymbolKind::CONSTANT,
                        },
                        tags: None,
                        deprecated: None,
                        location: Location { uri, range: ft.range(s.selection) },
                        container_name: s.container,
                    })
                })
                .collect();
            Some(WorkspaceSymbolResponse::Flat(out))
        })
        .await
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let items = self
            .query("textDocument/diagnostic", move |db, ctx| {
                let file = file_of(db, &params.text_document.uri)?;
                Some(to_lsp_diagnostics(db, file, &params.text_document.uri, ctx))
            })
            .await?
            .unwrap_or_default();
        Ok(DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
        })))
    }
}

fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

fn refs_to_locations(db: &dyn Db, refs: &[features::references::Reference], enc: Encoding) -> Vec<Location> {
    let mut texts: HashMap<File, FileText> = HashMap::new();
    refs.iter()
        .filter_map(|r| {
            let uri = uri_of(r.file.path(db))?;
            let ft = texts.entry(r.file).or_insert_with(|| FileText::of(db, r.file, enc));
            Some(Location { uri, range: ft.range(r.range) })
        })
        .collect()
}

/// The protocol's relative encoding: line and start deltas.
fn encode_tokens(ft: &FileText, tokens: &[features::semantic_tokens::Token]) -> SemanticTokens {
    let mut data = Vec::with_capacity(tokens.len());
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    for t in tokens {
        let start = ft.position(t.range.start());
        let end = ft.position(t.range.end());
        if end.line != start.line {
            continue;
        }
        let delta_line = start.line - prev_line;
        let delta_start = if delta_line == 0 { start.character - prev_start } else { start.character };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: t.ty as u32,
            token_modifiers_bitset: t.modifiers,
        });
        prev_line = start.line;
        prev_start = start.character;
    }
    SemanticTokens { result_id: None, data }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        declaration_provider: Some(DeclarationCapability::Simple(true)),
        type_definition_provider: Some(TypeDefinitionProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), " ".into()]),
            resolve_provider: Some(true),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions { prepare_provider: Some(true), work_done_progress_options: Default::default() })),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        signature_help_provider: Some(SignatureHelpOptions {
            trigger_characters: Some(vec!["(".into(), ",".into()]),
            retrigger_characters: Some(vec![",".into()]),
            work_done_progress_options: Default::default(),
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE_FIX_ALL]),
            ..CodeActionOptions::default()
        })),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
            legend: SemanticTokensLegend {
                token_types: features::semantic_tokens::TOKEN_TYPES.iter().map(|t| SemanticTokenType::new(t)).collect(),
                token_modifiers: features::semantic_tokens::TOKEN_MODIFIERS.iter().map(|t| SemanticTokenModifier::new(t)).collect(),
            },
            range: Some(true),
            full: Some(SemanticTokensFullOptions::Bool(true)),
            ..SemanticTokensOptions::default()
        })),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("pyx".into()),
            inter_file_dependencies: true,
            workspace_diagnostics: false,
            ..DiagnosticOptions::default()
        })),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}

/// Serve the protocol on standard input and output until the client exits.
pub fn run_stdio() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pyls: cannot start: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    runtime.block_on(crate::transport::serve(tokio::io::stdin(), tokio::io::stdout()));
    // Requests still running on blocking threads are not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    std::process::ExitCode::SUCCESS
}
