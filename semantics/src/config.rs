//! Project configuration: the `[tool.pyx]` table of `pyproject.toml`.
//!
//! `pyx check` and the language server read configuration through this
//! module, so both see the same files, the same rule levels and the same
//! errors. Reading is strict: a misspelt key, an unknown rule code or a bad
//! severity is an error that names the file, line and column, never a
//! setting silently ignored.
//!
//! ```toml
//! [tool.pyx]
//! include = ["src", "tests"]          # relative to the project root
//! exclude = ["build", "docs/conf.py"] # gitignore-like
//! extra-paths = ["vendor"]
//! python-version = "3.11"
//! python-platform = "linux"
//! typeshed = "../typeshed"
//!
//! [tool.pyx.rules]
//! unused-import = "error"             # "error" | "warning" | "ignore"
//! ```
//!
//! The file is found by walking up from a start directory to the nearest
//! `pyproject.toml` (with or without a `[tool.pyx]` table: the nearest one
//! marks the project root). A file given explicitly that is not named
//! `pyproject.toml` (say `pyx.toml`) holds the same keys at top level.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Rule, Severity};
use crate::resolve::discover::DiscoveryOptions;
use crate::system::System;

/// The name of the configuration file looked for.
pub const PYPROJECT: &str = "pyproject.toml";

/// A problem with the configuration. Callers print it as is (its `Display`
/// is `file:line:column: message`, with the offending line quoted below)
/// and stop: `pyx check` exits with code 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The configuration file, when the problem is in one.
    pub file: Option<PathBuf>,
    /// 1-based line and 1-based column (in characters) of the problem.
    pub position: Option<(u32, u32)>,
    /// The text of that line, for showing it.
    pub line_text: Option<String>,
    pub message: String,
}

impl ConfigError {
    fn plain(message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: None,
            position: None,
            line_text: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}:", file.display())?;
            if let Some((line, column)) = self.position {
                write!(f, "{line}:{column}:")?;
            }
            f.write_str(" ")?;
        }
        f.write_str(&self.message)?;
        if let (Some((_, column)), Some(text)) = (self.position, &self.line_text) {
            let caret_pad: String = text
                .chars()
                .take(column.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n  | {text}\n  | {caret_pad}^")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// What a rule does in a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    Error,
    Warning,
    Ignore,
}

impl Level {
    /// The severity findings get, or `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Ignore => None,
        }
    }

    fn of_default(rule: Rule) -> Level {
        match rule.default_severity() {
            Severity::Error => Level::Error,
            Severity::Warning | Severity::Info => Level::Warning,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Ignore => "ignore",
        }
    }
}

/// The level of every rule: the defaults of [`Rule::default_severity`],
/// changed by configuration and `--select`/`--ignore`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleLevels {
    overrides: BTreeMap<Rule, Level>,
}

impl RuleLevels {
    pub fn level(&self, rule: Rule) -> Level {
        self.overrides.get(&rule).copied().unwrap_or_else(|| Level::of_default(rule))
    }

    /// The severity of `rule`'s findings, or `None` when it is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.level(rule).severity()
    }

    /// Set one rule's level. `syntax-error` is always an error: a file that
    /// does not parse has not been checked, and hiding that would hide
    /// everything.
    pub fn set(&mut self, rule: Rule, level: Level) -> Result<(), String> {
        if rule == Rule::SyntaxError && level != Level::Error {
            return Err("syntax-error is always an error: a file that does not parse cannot be checked".to_string());
        }
        self.overrides.insert(rule, level);
        Ok(())
    }

    /// `--select`: only these rules (and `syntax-error`) report. A selected
    /// rule that configuration turned off is turned back on at its default
    /// level; a level configuration set otherwise is kept.
    pub fn select(&mut self, rules: &[Rule]) {
        for rule in Rule::ALL {
            if rule == Rule::SyntaxError {
                continue;
            }
            if rules.contains(&rule) {
                if self.level(rule) == Level::Ignore {
                    self.overrides.remove(&rule);
                }
            } else {
                self.overrides.insert(rule, Level::Ignore);
            }
        }
    }

    /// `--ignore`: these rules do not report.
    pub fn ignore(&mut self, rules: &[Rule]) -> Result<(), String> {
        for &rule in rules {
            self.set(rule, Level::Ignore)?;
        }
        Ok(())
    }
}

/// Rule codes separated by commas (`--select unused-import,undefined-name`).
/// `flag` names where the list came from, for the error message.
pub fn parse_rule_list(flag: &str, list: &str) -> Result<Vec<Rule>, ConfigError> {
    list.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|code| {
            Rule::from_code(code).ok_or_else(|| {
                ConfigError::plain(format!("unknown rule `{code}` in {flag} (known rules: {})", known_rules()))
            })
        })
        .collect()
}

fn known_rules() -> String {
    Rule::ALL.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ")
}

/// Glob patterns, as written and compiled.
#[derive(Clone, Debug, Default)]
pub struct Patterns {
    pub written: Vec<String>,
    set: GlobSet,
}

impl Patterns {
    /// Whether `rel` (relative to the project root) or one of its ancestor
    /// directories matches.
    pub fn matches_path_or_parent(&self, rel: &Path) -> bool {
        !self.written.is_empty() && rel.ancestors().filter(|a| !a.as_os_str().is_empty()).any(|a| self.set.is_match(a))
    }

    /// Whether `rel` itself matches.
    pub fn matches(&self, rel: &Path) -> bool {
        !self.written.is_empty() && self.set.is_match(rel)
    }
}

/// The `[tool.pyx]` table, validated. Paths are as written (relative to
/// the project root).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Only these paths are checked when directories are walked; `None`:
    /// everything. Anchored at the project root (`src` is `<root>/src`;
    /// `**/` matches at any depth).
    pub include: Option<Patterns>,
    /// Skipped when directories are walked. gitignore-like: a pattern
    /// without `/` matches a file or directory name at any depth, one with
    /// `/` is anchored at the project root.
    pub exclude: Patterns,
    pub rules: RuleLevels,
    pub extra_paths: Vec<PathBuf>,
    pub python_version: Option<(u8, u8)>,
    /// The target `sys.platform` (`"linux"`, `"darwin"`, `"win32"`…).
    pub python_platform: Option<String>,
    pub typeshed: Option<PathBuf>,
}

/// The table as written in TOML. Every key is optional; unknown keys are
/// errors.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOptions {
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    extra_paths: Option<Vec<String>>,
    python_version: Option<Spanned<String>>,
    python_platform: Option<Spanned<String>>,
    typeshed: Option<String>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
}

/// Only `[tool.pyx]` matters in a `pyproject.toml`; everything else
/// belongs to other tools and is not looked at.
#[derive(Deserialize)]
struct PyProject {
    tool: Option<Tool>,
}

#[derive(Deserialize)]
struct Tool {
    pyx: Option<RawOptions>,
}

/// Where the options are in a TOML file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `pyproject.toml`: the `[tool.pyx]` table.
    PyProject,
    /// A file of pyx's own: the keys at top level.
    TopLevel,
}

impl Layout {
    /// `pyproject.toml` files hold `[tool.pyx]`; any other name holds the
    /// keys at top level.
    pub fn of(path: &Path) -> Layout {
        if path.file_name().is_some_and(|n| n == PYPROJECT) {
            Layout::PyProject
        } else {
            Layout::TopLevel
        }
    }
}

/// A problem inside a text, before it is tied to a file.
#[derive(Debug)]
struct Problem {
    span: Option<Range<usize>>,
    message: String,
}

impl Problem {
    fn at(span: Range<usize>, message: String) -> Problem {
        Problem { span: Some(span), message }
    }

    fn into_error(self, file: Option<&Path>, text: &str) -> ConfigError {
        let position = self.span.as_ref().and_then(|s| line_col(text, s.start));
        let line_text = position.and_then(|(line, _)| text.lines().nth(line as usize - 1)).map(str::to_string);
        ConfigError {
            file: file.map(Path::to_path_buf),
            position,
            line_text,
            message: self.message,
        }
    }
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> Option<(u32, u32)> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Some((line as u32, column as u32))
}

/// Parse the options out of a TOML text. `file` is only used in errors.
pub fn parse_options(text: &str, layout: Layout, file: Option<&Path>) -> Result<Options, ConfigError> {
    parse_raw(text, layout)
        .and_then(validate)
        .map_err(|p| p.into_error(file, text))
}

fn toml_problem(e: toml::de::Error) -> Problem {
    Problem {
        span: e.span(),
        message: e.message().trim().to_string(),
    }
}

fn parse_raw(text: &str, layout: Layout) -> Result<RawOptions, Problem> {
    match layout {
        Layout::PyProject => toml::from_str::<PyProject>(text)
            .map(|doc| doc.tool.and_then(|t| t.pyx).unwrap_or_default())
            .map_err(toml_problem),
        Layout::TopLevel => toml::from_str::<RawOptions>(text).map_err(toml_problem),
    }
}

fn validate(raw: RawOptions) -> Result<Options, Problem> {
    let include = raw.include.as_deref().map(|globs| compile(globs, false)).transpose()?;
    let exclude = match raw.exclude.as_deref() {
        Some(globs) => compile(globs, true)?,
        None => Patterns::default(),
    };
    let python_version = match &raw.python_version {
        Some(v) => Some(parse_version(v.get_ref()).ok_or_else(|| {
            Problem::at(
                v.span(),
                format!("python-version must be a version such as \"3.11\", not {:?}", v.get_ref()),
            )
        })?),
        None => None,
    };
    let python_platform = match &raw.python_platform {
        Some(p) if is_platform(p.get_ref()) => Some(p.get_ref().clone()),
        Some(p) => {
            return Err(Problem::at(
                p.span(),
                format!(
                    "python-platform must be a value of sys.platform such as \"linux\", \"darwin\" or \"win32\", not {:?}",
                    p.get_ref()
                ),
            ))
        }
        None => None,
    };
    let mut rules = RuleLevels::default();
    if let Some(table) = &raw.rules {
        // Report the first problem in the order of the file.
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(code, _)| code.span().start);
        for (code, value) in entries {
            let rule = Rule::from_code(code.get_ref()).ok_or_else(|| {
                Problem::at(
                    code.span(),
                    format!("unknown rule `{}` in [tool.pyx.rules] (known rules: {})", code.get_ref(), known_rules()),
                )
            })?;
            let level = match value.get_ref().as_str() {
                "error" => Level::Error,
                "warning" => Level::Warning,
                "ignore" => Level::Ignore,
                other => {
                    return Err(Problem::at(
                        value.span(),
                        format!(
                            "invalid level {other:?} for rule `{}`: expected \"error\", \"warning\" or \"ignore\"",
                            code.get_ref()
                        ),
                    ))
                }
            };
            rules.set(rule, level).map_err(|message| Problem::at(value.span(), message))?;
        }
    }
    Ok(Options {
        include,
        exclude,
        rules,
        extra_paths: raw.extra_paths.unwrap_or_default().into_iter().map(PathBuf::from).collect(),
        python_version,
        python_platform,
        typeshed: raw.typeshed.map(PathBuf::from),
    })
}

/// What `sys.platform` can look like: a lowercase name, maybe with digits
/// (`linux`, `win32`, `darwin`, `cygwin`, `freebsd14`, `emscripten`).
/// Rejecting the rest catches `"Linux"` and `"windows"`, which no
/// interpreter reports and which would silently match nothing.
fn is_platform(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && text != "windows"
        && text != "macos"
}

/// "3.11" → (3, 11). Only Python 3 makes sense.
fn parse_version(text: &str) -> Option<(u8, u8)> {
    let (major, minor) = text.trim().split_once('.')?;
    let major: u8 = major.parse().ok()?;
    let minor: u8 = minor.parse().ok()?;
    (major == 3).then_some((major, minor))
}

/// Compile patterns. With `unanchored_names`, a pattern without `/` also
/// matches at any depth (as in `.gitignore`).
fn compile(globs: &[Spanned<String>], unanchored_names: bool) -> Result<Patterns, Problem> {
    let mut builder = GlobSetBuilder::new();
    let mut written = Vec::new();
    for g in globs {
        let raw = g.get_ref();
        let pattern = raw.trim_start_matches("./").trim_start_matches('/').trim_end_matches('/');
        if pattern.is_empty() {
            return Err(Problem::at(g.span(), format!("empty pattern {raw:?}")));
        }
        let mut variants = vec![pattern.to_string()];
        if unanchored_names && !pattern.contains('/') && !pattern.starts_with("**") {
            variants.push(format!("**/{pattern}"));
        }
        for v in variants {
            let glob = GlobBuilder::new(&v)
                .literal_separator(true)
                .build()
                .map_err(|e| Problem::at(g.span(), format!("invalid glob {raw:?}: {}", e.kind())))?;
            builder.add(glob);
        }
        written.push(raw.clone());
    }
    let set = builder.build().map_err(|e| Problem {
        span: None,
        message: format!("invalid globs: {e}"),
    })?;
    Ok(Patterns { written, set })
}

/// The configuration of a project: where its root is, the file the options
/// came from, and the options.
#[derive(Clone, Debug)]
pub struct ProjectConfig {
    /// The directory of the configuration file, or the start directory
    /// when there is none. Relative paths in the options are relative to it.
    pub root: PathBuf,
    pub file: Option<PathBuf>,
    pub options: Options,
}

impl ProjectConfig {
    /// No file: every option at its default, rooted at `root`.
    pub fn defaults(root: &Path) -> ProjectConfig {
        ProjectConfig {
            root: normalize(root),
            file: None,
            options: Options::default(),
        }
    }

    /// The configuration of the project around `start`: the nearest
    /// `pyproject.toml` at or above it, else defaults rooted at `start`.
    pub fn discover(system: &dyn System, start: &Path) -> Result<ProjectConfig, ConfigError> {
        match find_config_file(system, start) {
            Some(file) => ProjectConfig::load(system, &file),
            None => Ok(ProjectConfig::defaults(start)),
        }
    }

    /// Read one configuration file (`pyproject.toml`, or a file with the
    /// keys at top level).
    pub fn load(system: &dyn System, file: &Path) -> Result<ProjectConfig, ConfigError> {
        let file = normalize(&absolute(&system.current_dir(), file));
        let in_file = |message: String| ConfigError {
            file: Some(file.clone()),
            position: None,
            line_text: None,
            message,
        };
        if system.is_dir(&file) {
            return Err(in_file("is a directory, not a configuration file".to_string()));
        }
        let bytes = system.read(&file).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                in_file("configuration file does not exist".to_string())
            } else {
                in_file(format!("cannot read configuration file: {e}"))
            }
        })?;
        let text = String::from_utf8(bytes).map_err(|_| in_file("configuration file is not valid UTF-8".to_string()))?;
        let options = parse_options(&text, Layout::of(&file), Some(&file))?;
        let root = file.parent().map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        Ok(ProjectConfig {
            root,
            file: Some(file),
            options,
        })
    }

    /// `path` relative to the root, when it is below it.
    fn relative<'a>(&self, path: &'a Path) -> Option<&'a Path> {
        path.strip_prefix(&self.root).ok()
    }

    /// Whether `path` (absolute) is excluded: it or one of its directories
    /// below the root matches `exclude`. Paths outside the root are never
    /// excluded.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.relative(path).is_some_and(|rel| self.options.exclude.matches_path_or_parent(rel))
    }

    /// Whether `path` (absolute) is included: there is no `include`, or it
    /// or one of its directories below the root matches it. Paths outside
    /// the root are included only when there is no `include`.
    pub fn is_included(&self, path: &Path) -> bool {
        match &self.options.include {
            None => true,
            Some(include) => self.relative(path).is_some_and(|rel| include.matches_path_or_parent(rel)),
        }
    }

    /// Whether a file found while walking directories is checked (the
    /// language server asks the same for files it opens).
    pub fn is_checked(&self, path: &Path) -> bool {
        self.is_included(path) && !self.is_excluded(path)
    }

    /// What module resolution needs from the configuration, paths made
    /// absolute.
    pub fn discovery_options(&self) -> DiscoveryOptions {
        DiscoveryOptions {
            extra_paths: self.options.extra_paths.iter().map(|p| normalize(&absolute(&self.root, p))).collect(),
            typeshed: self.options.typeshed.as_ref().map(|p| normalize(&absolute(&self.root, p))),
            python_version: self.options.python_version,
            prefer_stdlib_sources: false,
            python_platform: self.options.python_platform.clone(),
            interpreter_cache: None,
        }
    }

    pub fn rules(&self) -> &RuleLevels {
        &self.options.rules
    }
}

/// The nearest `pyproject.toml` at or above `start`.
pub fn find_config_file(system: &dyn System, start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(PYPROJECT)).find(|candidate| system.is_file(candidate))
}

/// `path` made absolute against `base`.
pub fn absolute(base: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

/// Remove `.` and resolve `..` lexically (symbolic links are kept, as the
/// user wrote them).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_options(text, Layout::PyProject, Some(Path::new("pyproject.toml")))
            .expect_err("the configuration is invalid")
            .to_string()
    }

    #[test]
    fn full_table() {
        let o = parse_options(
            r#"
[project]
name = "x"
[tool.black]
line-length = 80
[tool.pyx]
include = ["src", "tests/**/*.py"]
exclude = ["build", "docs/conf.py"]
extra-paths = ["vendor"]
python-version = "3.10"
python-platform = "win32"
typeshed = "ts"
[tool.pyx.rules]
unused-import = "error"
undefined-name = "ignore"
"#,
            Layout::PyProject,
            None,
        )
        .expect("valid");
        assert_eq!(o.python_version, Some((3, 10)));
        assert_eq!(o.python_platform.as_deref(), Some("win32"));
        assert_eq!(o.rules.level(Rule::UnusedImport), Level::Error);
        assert_eq!(o.rules.severity(Rule::UndefinedName), None);
        assert_eq!(o.rules.level(Rule::UnusedVariable), Level::Warning);
        assert_eq!(o.extra_paths, vec![PathBuf::from("vendor")]);
        assert_eq!(o.typeshed, Some(PathBuf::from("ts")));
        let include = o.include.expect("include");
        assert!(include.matches_path_or_parent(Path::new("src/a/b.py")));
        assert!(include.matches_path_or_parent(Path::new("tests/x/test_a.py")));
        assert!(!include.matches_path_or_parent(Path::new("lib/src/a.py")));
        assert!(o.exclude.matches_path_or_parent(Path::new("build/a.py")));
        assert!(o.exclude.matches_path_or_parent(Path::new("pkg/build/a.py")));
        assert!(o.exclude.matches_path_or_parent(Path::new("docs/conf.py")));
        assert!(!o.exclude.matches_path_or_parent(Path::new("x/docs/conf.py")));
        assert!(!o.exclude.matches_path_or_parent(Path::new("builder.py")));
    }

    #[test]
    fn no_table_means_defaults() {
        let o = parse_options("[project]\nname = 'x'\n", Layout::PyProject, None).expect("valid");
        assert!(o.include.is_none());
        assert_eq!(o.rules, RuleLevels::default());
    }

    #[test]
    fn errors_name_the_place() {
        assert_eq!(
            err("[tool.pyx]\nincludes = []\n"),
            "pyproject.toml:2:1: unknown field `includes`, expected one of `include`, `exclude`, `extra-paths`, \
             `python-version`, `python-platform`, `typeshed`, `rules`\n  | includes = []\n  | ^"
        );
        assert_eq!(
            err("[tool.pyx.rules]\nunused-imports = \"error\"\n"),
            "pyproject.toml:2:1: unknown rule `unused-imports` in [tool.pyx.rules] (known rules: syntax-error, \
             undefined-name, unused-import, unused-variable, unresolved-import, redefined-while-unused)\n  | \
             unused-imports = \"error\"\n  | ^"
        );
        assert_eq!(
            err("[tool.pyx.rules]\nunused-import = \"fatal\"\n"),
            "pyproject.toml:2:17: invalid level \"fatal\" for rule `unused-import`: expected \"error\", \
             \"warning\" or \"ignore\"\n  | unused-import = \"fatal\"\n  |                 ^"
        );
        assert_eq!(
            err("[tool.pyx]\npython-version = \"2.7\"\n"),
            "pyproject.toml:2:18: python-version must be a version such as \"3.11\", not \"2.7\"\n  | \
             python-version = \"2.7\"\n  |                  ^"
        );
        assert_eq!(
            err("[tool.pyx]\npython-platform = \"Linux\"\n"),
            "pyproject.toml:2:19: python-platform must be a value of sys.platform such as \"linux\", \"darwin\" \
             or \"win32\", not \"Linux\"\n  | python-platform = \"Linux\"\n  |                   ^"
        );
        assert!(err("[tool.pyx]\npython-platform = \"windows\"\n").contains("not \"windows\""));
        assert!(err("[tool.pyx]\npython-platform = \"\"\n").contains("not \"\""));
        assert!(err("[tool.pyx]\npython-version = 3.11\n").starts_with("pyproject.toml:2:18: invalid type: floating point"));
        assert!(err("[tool.pyx\n").starts_with("pyproject.toml:1:"));
        assert!(err("[tool.pyx]\nexclude = [\"a[\"]\n").starts_with("pyproject.toml:2:12: invalid glob \"a[\""));
        assert!(err("[tool.pyx.rules]\nsyntax-error = \"ignore\"\n").contains("syntax-error is always an error"));
    }

    #[test]
    fn top_level_layout() {
        let o = parse_options("exclude = [\"x\"]\n", Layout::TopLevel, None).expect("valid");
        assert_eq!(o.exclude.written, vec!["x".to_string()]);
        assert_eq!(Layout::of(Path::new("/a/pyproject.toml")), Layout::PyProject);
        assert_eq!(Layout::of(Path::new("/a/pyx.toml")), Layout::TopLevel);
    }

    #[test]
    fn select_and_ignore() {
        let mut levels = RuleLevels::default();
        levels.set(Rule::UnusedImport, Level::Ignore).expect("allowed");
        levels.set(Rule::UnusedVariable, Level::Error).expect("allowed");
        levels.select(&[Rule::UnusedImport, Rule::UnusedVariable]);
        assert_eq!(levels.level(Rule::UnusedImport), Level::Warning);
        assert_eq!(levels.level(Rule::UnusedVariable), Level::Error);
        assert_eq!(levels.level(Rule::UndefinedName), Level::Ignore);
        assert_eq!(levels.level(Rule::SyntaxError), Level::Error);
        levels.ignore(&[Rule::UnusedVariable]).expect("allowed");
        assert_eq!(levels.level(Rule::UnusedVariable), Level::Ignore);
        assert!(levels.ignore(&[Rule::SyntaxError]).is_err());
        assert_eq!(
            parse_rule_list("--select", "unused-import, undefined-name,").expect("valid"),
            vec![Rule::UnusedImport, Rule::UndefinedName]
        );
        assert!(parse_rule_list("--select", "F401").expect_err("unknown").message.starts_with("unknown rule `F401` in --select"));
    }

    #[test]
    fn project_paths() {
        let system = crate::system::MemorySystem::new();
        system.write_file("/p/pyproject.toml", "[tool.pyx]\nexclude = [\"gen\"]\ninclude = [\"src\"]\nextra-paths = [\"../lib\"]\n");
        system.write_file("/p/src/pkg/a.py", "");
        let config = ProjectConfig::discover(&system, Path::new("/p/src/pkg")).expect("valid");
        assert_eq!(config.root, PathBuf::from("/p"));
        assert!(config.is_checked(Path::new("/p/src/pkg/a.py")));
        assert!(!config.is_checked(Path::new("/p/src/gen/a.py")));
        assert!(!config.is_checked(Path::new("/p/tests/a.py")));
        assert_eq!(config.discovery_options().extra_paths, vec![PathBuf::from("/lib")]);
        let none = ProjectConfig::discover(&system, Path::new("/q")).expect("defaults");
        assert_eq!(none.root, PathBuf::from("/q"));
        assert!(none.file.is_none());
    }
}
