//! `pyx check [PATH...]`: the CI step. Finds the files, checks them in
//! parallel over one database, and reports in the format asked for.
//!
//! What is a finding, how configuration and suppression comments change it,
//! is decided in pyx-semantics (`config`, `suppress`), so the language
//! server reports exactly the same; this module only walks, schedules and
//! prints. See `docs/check.md` for the user's side.

pub mod discover;
pub mod output;

use std::io::{IsTerminal, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use clap::ValueEnum;
use pyx_semantics::config::{normalize, parse_rule_list, absolute, ProjectConfig, RuleLevels};
use pyx_semantics::diagnostics::{Diagnostic, Severity};
use pyx_semantics::resolve::discover::{discover_settings, durability_roots, Discovery};
use pyx_semantics::resolve::interpreter_cache::default_cache_dir;
use pyx_semantics::system::{CachedSystem, System};
use pyx_semantics::project::Settings;
use pyx_semantics::{Db, RootDatabase};
use rayon::prelude::*;

use output::OutputFormat;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and directories to check (default: the current directory).
    /// Files named here are checked even when `exclude` matches them.
    pub paths: Vec<PathBuf>,
    /// How to report the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub output_format: OutputFormat,
    /// Read the configuration from this file instead of the nearest
    /// `pyproject.toml` above the working directory.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Only these rules (comma-separated codes); `syntax-error` always
    /// reports.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Turn these rules off (comma-separated codes).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub error_on_warning: bool,
    /// Exit with 0 even when there are findings (2 still means the run
    /// itself failed).
    #[arg(long)]
    pub exit_zero: bool,
    /// When to color the `full` output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print no summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Ask the `python3` on PATH where its libraries are, instead of
    /// reusing the answer kept from an earlier run (in `$PYX_CACHE_DIR`,
    /// else `$XDG_CACHE_HOME/pyx`, else `~/.cache/pyx`).
    #[arg(long)]
    pub no_cache: bool,
}

/// One checked file and what the user sees of it.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// Absolute and normalized.
    pub path: PathBuf,
    /// As printed: relative to the working directory when below it.
    pub display: String,
    /// The file's text, kept only for the formats that show source
    /// (`full`); otherwise empty, and `positions` holds what the report
    /// needs of it.
    pub text: Arc<str>,
    /// See [`output::known_positions`] (empty when `text` is kept).
    pub positions: Vec<(u32, output::Position)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a run found.
pub struct RunReport {
    /// Only the files with diagnostics, sorted by path.
    pub files: Vec<FileReport>,
    pub files_checked: usize,
}

impl RunReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn total(&self) -> usize {
        self.files.iter().map(|f| f.diagnostics.len()).sum()
    }
}

const USAGE_ERROR: u8 = 2;

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("pyx check: error: {message}");
    ExitCode::from(USAGE_ERROR)
}

/// The path as the user reads it: relative to the working directory when
/// it is below it, else absolute.
pub fn display_path(cwd: &Path, path: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

pub fn run(args: &CheckArgs) -> ExitCode {
    // One run over files that do not change while it runs: module
    // resolution's existence probes are answered from one listing per
    // directory, shared by all threads (the language server keeps asking
    // the OS).
    let system: Arc<dyn System> = Arc::new(CachedSystem::new());
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        Err(e) => return fail(format!("cannot read the working directory: {e}")),
    };

    // Configuration: the file, then the command line.
    let config = match &args.config {
        Some(file) => ProjectConfig::load(&*system, file),
        None => ProjectConfig::discover(&*system, &cwd),
    };
    let config = match config {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let mut levels: RuleLevels = config.rules().clone();
    let select = match parse_rule_list("--select", &args.select.join(",")) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let ignore = match parse_rule_list("--ignore", &args.ignore.join(",")) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if !select.is_empty() {
        levels.select(&select);
    }
    if let Err(message) = levels.ignore(&ignore) {
        return fail(format!("--ignore: {message}"));
    }

    // The paths: all must exist.
    let given: Vec<PathBuf> = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let mut paths = Vec::new();
    let mut missing = false;
    for p in &given {
        let abs = normalize(&absolute(&cwd, p));
        if std::fs::symlink_metadata(&abs).is_err() {
            eprintln!("pyx check: error: path '{}' does not exist", p.display());
            missing = true;
        }
        paths.push(abs);
    }
    if missing {
        return ExitCode::from(USAGE_ERROR);
    }

    // Module resolution is configured from the project root. Finding the
    // environment may ask the `python3` on PATH (~0.1 s), which takes
    // longer than walking most projects and than parsing the first files:
    // it runs on a thread of its own while the files are found and the
    // first chunks are parsed (see [`check_files`]).
    let environment = std::sync::OnceLock::new();
    let outcome = std::thread::scope(|scope| {
        scope.spawn(|| {
            let found = std::panic::catch_unwind(AssertUnwindSafe(|| {
                let mut options = config.discovery_options();
                if !args.no_cache {
                    options.interpreter_cache = default_cache_dir();
                }
                discover_settings(&*system, &config.root, &options)
            }));
            // `None` tells the checking threads waiting for it that there
            // will be no environment.
            let _ = environment.set(found.ok());
        });
        let discovered = discover::discover(&paths, &config);
        if discovered.files.is_empty() {
            return (discovered, None);
        }
        let keep_text = args.output_format == OutputFormat::Full;
        let checked = check_files(&system, &environment, &discovered.files, &levels, keep_text);
        (discovered, Some(checked))
    });
    let (discovered, checked) = outcome;
    let mut run_failed = false;
    for e in &discovered.errors {
        eprintln!("pyx check: error: {e}");
        run_failed = true;
    }
    if discovered.files.is_empty() {
        eprintln!("pyx check: warning: no Python files found under the given paths");
        return if run_failed { ExitCode::from(USAGE_ERROR) } else { ExitCode::SUCCESS };
    }
    let Some(Some(discovery)) = environment.get() else {
        return fail("internal error: pyx panicked while looking for the Python environment");
    };
    for w in &discovery.warnings {
        eprintln!("pyx check: warning: {w}");
    }
    let checked = checked.unwrap_or_default();
    let mut files = Vec::new();
    for (path, outcome) in discovered.files.iter().zip(checked) {
        match outcome {
            Outcome::Checked { text, positions, diagnostics } => {
                if !diagnostics.is_empty() {
                    files.push(FileReport {
                        path: path.clone(),
                        display: display_path(&cwd, path),
                        text,
                        positions,
                        diagnostics,
                    });
                }
            }
            Outcome::Failed(message) => {
                eprintln!("pyx check: error: {}: {message}", display_path(&cwd, path));
                run_failed = true;
            }
        }
    }
    let report = RunReport {
        files,
        files_checked: discovered.files.len(),
    };

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = (!args.quiet).then(|| summary_line(&report));
    let written = output::write(&mut out, args.output_format, &report, use_color(args.color))
        .and_then(|()| match (&summary, args.output_format.summary_on_stdout()) {
            (Some(line), true) => writeln!(out, "{line}"),
            _ => Ok(()),
        })
        .and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("pyx check: error: cannot write the report: {e}");
        }
        run_failed = true;
    }
    if let (Some(line), false) = (&summary, args.output_format.summary_on_stdout()) {
        eprintln!("{line}");
    }

    // Freeing what is printed takes time nobody waits for: the process is
    // about to end.
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    std::mem::forget(report);
    if run_failed {
        ExitCode::from(USAGE_ERROR)
    } else if !args.exit_zero && (errors > 0 || (args.error_on_warning && warnings > 0)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "All checks passed (3 files checked)" or "Found 4 diagnostics in 2
/// files: 1 error, 3 warnings (3 files checked)".
pub fn summary_line(report: &RunReport) -> String {
    let checked = format!("({} checked)", plural(report.files_checked, "file"));
    let total = report.total();
    if total == 0 {
        return format!("All checks passed {checked}");
    }
    let mut parts = Vec::new();
    for (severity, word) in [(Severity::Error, "error"), (Severity::Warning, "warning")] {
        let n = report.count(severity);
        if n > 0 {
            parts.push(plural(n, word));
        }
    }
    let infos = report.count(Severity::Info);
    if infos > 0 {
        parts.push(format!("{infos} info"));
    }
    format!(
        "Found {} in {}: {} {checked}",
        plural(total, "diagnostic"),
        plural(report.files.len(), "file"),
        parts.join(", ")
    )
}

enum Outcome {
    Checked {
        text: Arc<str>,
        positions: Vec<(u32, output::Position)>,
        diagnostics: Vec<Diagnostic>,
    },
    /// The file could not be read, or checking it failed inside pyx.
    Failed(String),
}

/// At most how many files one database checks before it is dropped (see
/// [`check_files`]).
const FILES_PER_DATABASE: usize = 16;

/// At most how many bytes of source one database checks, unless a single
/// file is larger: about 4 MB of trees, ASTs and tables while it lives.
/// Small enough that a chunk's memory is still in the caches when it is
/// used again and freed (measured on the standard library: 1 MiB chunks
/// took 11% longer; between 16 and 128 KiB no difference shows; one file
/// per database is slower again, each database's set-up being repeated).
const BYTES_PER_DATABASE: u64 = 128 << 10;

/// Check every file, in parallel. Results come back in the order of
/// `paths`.
///
/// The files are checked in chunks, each on a database of its own that is
/// dropped when the chunk is done. One database for the whole run would
/// keep every file's tree, AST and symbol tables until the end — about 30
/// times the size of the source — and the page faults and allocator work
/// for that much memory cost more than the run's own analysis (measured on
/// the standard library: a third of the time). What chunks lose is little:
/// queries about other files (module resolution, typeshed's VERSIONS) are
/// answered again once per chunk.
///
/// Chunks hold similar amounts of source, the largest files first, and each
/// thread takes the next chunk when it is done with one: the run ends with
/// small chunks, so no thread waits long for the last one.
///
/// `environment` is filled by another thread (`None` if finding it
/// failed). Chunks taken before it is known are only prepared: their
/// files parsed and their symbol tables built, which need no environment;
/// once it is known, their databases are configured and their checks
/// finished. No thread waits for it while there is work.
fn check_files(
    system: &Arc<dyn System>,
    environment: &OnceLock<Option<Discovery>>,
    paths: &[PathBuf],
    levels: &RuleLevels,
    keep_text: bool,
) -> Vec<Outcome> {
    let configure = |db: &mut RootDatabase, settings: &Settings| {
        db.set_durability_roots(durability_roots(settings));
        db.set_project(settings.clone());
    };
    let finish = |mut db: RootDatabase, chunk: &[usize], discovery: &Option<Discovery>| -> Vec<(usize, Outcome)> {
        let Some(discovery) = discovery else {
            return Vec::new();
        };
        configure(&mut db, &discovery.settings);
        let outcomes = chunk.iter().map(|&i| (i, check_file(&db, &paths[i], levels, keep_text))).collect();
        drop(db);
        outcomes
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut chunks = Vec::new();
    // Every chunk's database resolves modules under the same settings:
    // each answer is worked out once for the run.
    let shared = pyx_semantics::db::SharedResolutions::default();
    // Each thread takes chunks in order until none is left. Until the
    // environment is known, it only prepares them, and finishes them once
    // it is.
    let worker = |chunks: &[Vec<usize>]| -> Vec<(usize, Outcome)> {
        let mut out = Vec::new();
        let mut prepared: Vec<(RootDatabase, &[usize])> = Vec::new();
        loop {
            if let Some(discovery) = environment.get() {
                for (db, chunk) in prepared.drain(..) {
                    out.extend(finish(db, chunk, discovery));
                }
            }
            let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(chunk) = chunks.get(n) else { break };
            let db = RootDatabase::new_one_shot_shared(system.clone(), shared.clone());
            match environment.get() {
                Some(discovery) => out.extend(finish(db, chunk, discovery)),
                None => {
                    for &i in chunk {
                        prepare_file(&db, &paths[i]);
                    }
                    prepared.push((db, chunk));
                }
            }
        }
        if !prepared.is_empty() {
            let discovery = environment.wait();
            for (db, chunk) in prepared {
                out.extend(finish(db, chunk, discovery));
            }
        }
        out
    };
    // The front end recurses on nesting; deeply nested (generated) code
    // needs more stack than a thread's default. The reservation is virtual
    // memory: only what is used is ever committed.
    let done: Vec<Vec<(usize, Outcome)>> = match rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK).build() {
        Ok(pool) => {
            chunks = pool.install(|| plan_chunks(paths));
            pool.broadcast(|_| worker(&chunks))
        }
        Err(_) => {
            chunks = plan_chunks(paths);
            vec![worker(&chunks)]
        }
    };
    let mut outcomes: Vec<Option<Outcome>> = (0..paths.len()).map(|_| None).collect();
    for (i, outcome) in done.into_iter().flatten() {
        outcomes[i] = Some(outcome);
    }
    outcomes
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Outcome::Failed("not checked: the Python environment could not be found".into())))
        .collect()
}

/// The chunks of [`check_files`]: indices into `paths`, largest files
/// first, each chunk up to [`BYTES_PER_DATABASE`] and
/// [`FILES_PER_DATABASE`]. (Sizes are the files' on disk; an unreadable
/// file counts as empty, and is reported when it is checked.)
fn plan_chunks(paths: &[PathBuf]) -> Vec<Vec<usize>> {
    let sizes: Vec<u64> = paths.par_iter().map(|p| std::fs::metadata(p).map_or(0, |m| m.len())).collect();
    let mut order: Vec<usize> = (0..paths.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    let mut chunks = Vec::new();
    let mut chunk = Vec::new();
    let mut bytes = 0;
    for i in order {
        chunk.push(i);
        bytes += sizes[i];
        if bytes >= BYTES_PER_DATABASE || chunk.len() >= FILES_PER_DATABASE {
            chunks.push(std::mem::take(&mut chunk));
            bytes = 0;
        }
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    chunks
}

/// The part of checking a file that needs no settings: its tree, AST and
/// symbol tables, left in `db` for [`check_file`]. A panic here is
/// reported by [`check_file`], which runs into it again.
fn prepare_file(db: &RootDatabase, path: &Path) {
    let _ = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let file = db.file(path);
        let _ = pyx_semantics::queries::semantic_index(db, file);
    }));
}

/// Stack of each checking thread.
const WORKER_STACK: usize = 256 << 20;

/// `keep_text`: the report shows source (`full`); otherwise what it needs
/// of the text is worked out here, and the text is not kept.
fn check_file(db: &RootDatabase, path: &Path, levels: &RuleLevels, keep_text: bool) -> Outcome {
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        let file = db.file(path);
        let source = pyx_semantics::queries::source_text(db, file);
        if let Some(e) = &source.read_error {
            return Outcome::Failed(format!("cannot read: {e}"));
        }
        let diagnostics = pyx_semantics::suppress::checked_diagnostics(db, file, levels);
        // Only a report that draws snippets keeps the text of a file with
        // findings; the others keep the few positions they print.
        // Keeping every file's text would hold much of the input until
        // the end of the run (half of the standard library's), memory
        // that is then not reused for the files still to check.
        let (text, positions) = if diagnostics.is_empty() {
            (Arc::from(""), Vec::new())
        } else if keep_text {
            (source.text.clone(), Vec::new())
        } else {
            (Arc::from(""), output::known_positions(&source.text, &diagnostics))
        };
        Outcome::Checked { text, positions, diagnostics }
    }))
    .unwrap_or_else(|_| Outcome::Failed("internal error: pyx panicked while checking this file".to_string()))
}
