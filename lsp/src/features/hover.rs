//! Hover: what the name under the cursor is — its kind, its signature as
//! written (annotations and defaults), and its docstring as Markdown. For
//! the standard library, signatures come from typeshed's stubs and
//! docstrings from the real sources.

use pyx_semantics::symtable::{BlockKind, OccKind, ScopeId};
use pyx_semantics::{Db, File};
use pyx_syntax::ast::{Stmt, StmtKind};
use pyx_syntax::{TextRange, TextSize};

use crate::analysis::{self, Def, Target};
use crate::features::document_symbols::collapse_whitespace;
use crate::features::goto_definition;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverResult {
    pub markdown: String,
    /// The name hovered.
    pub range: TextRange,
}

pub fn hover(db: &dyn Db, file: File, offset: TextSize) -> Option<HoverResult> {
    let r = goto_definition::name_at(db, file, offset)?;
    let mut targets: Vec<Target> = Vec::new();
    for t in r.declared {
        for f in analysis::follow(db, t, 0) {
            if !targets.contains(&f) {
                targets.push(f);
            }
        }
    }
    let markdown = describe(db, &targets)?;
    Some(HoverResult { markdown, range: r.range })
}

/// The hover text for a list of targets: functions of one name (overloads)
/// show every signature; otherwise the first target is shown.
pub fn describe(db: &dyn Db, targets: &[Target]) -> Option<String> {
    let first = targets.first()?;
    let (code, doc) = match first {
        Target::Def(d) if d.kind == OccKind::Def => {
            let mut lines = Vec::new();
            let mut doc = None;
            for t in targets {
                if let Target::Def(d) = t {
                    if d.kind == OccKind::Def {
                        if let Some((line, ds)) = function_header(db, d) {
                            if !lines.contains(&line) {
                                lines.push(line);
                            }
                            doc = doc.or(ds);
                        }
                    }
                }
            }
            (lines.join("\n"), doc.or_else(|| source_docstring(db, d)))
        }
        Target::Def(d) => {
            let (code, doc) = describe_def(db, d);
            let doc = doc.or_else(|| match d.kind {
                OccKind::Class => source_docstring(db, d),
                _ => None,
            });
            (code, doc)
        }
        Target::Module { name, file } => {
            let doc = file.and_then(|f| {
                let parsed = pyx_semantics::queries::ast(db, f);
                analysis::docstring(&parsed.module.body).or_else(|| source_module_docstring(db, f))
            });
            (format!("(module) {name}"), doc)
        }
        Target::Builtin(name) => (format!("(builtin) {name}"), None),
    };
    let mut out = format!("```python\n{code}\n```");
    if let Some(doc) = doc.filter(|d| !d.trim().is_empty()) {
        out.push_str("\n---\n");
        out.push_str(&doc_to_markdown(&doc));
    }
    Some(out)
}

fn is_method(db: &dyn Db, d: &Def) -> bool {
    analysis::index(db, d.file).is_some_and(|i| i.table.scopes.get(d.scope.0 as usize).is_some_and(|s| s.kind == BlockKind::Class))
}

fn def_stmt<'a>(module: &'a pyx_syntax::ast::Module, d: &Def) -> Option<&'a Stmt> {
    analysis::stmt_containing(&module.body, d.range)
}

/// `(function) def name(params) -> ret` and the docstring.
pub fn function_header(db: &dyn Db, d: &Def) -> Option<(String, Option<String>)> {
    let parsed = pyx_semantics::queries::ast(db, d.file);
    let stmt = def_stmt(&parsed.module, d)?;
    let text = analysis::text(db, d.file);
    let sig = crate::features::document_symbols::signature_text(&text, stmt)?;
    let (asyncness, body) = match &stmt.kind {
        StmtKind::AsyncFunctionDef(f) => ("async ", &f.body),
        StmtKind::FunctionDef(f) => ("", &f.body),
        _ => return None,
    };
    let label = if is_method(db, d) { "(method)" } else { "(function)" };
    let name = match &stmt.kind {
        StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => f.name.to_string(),
        _ => d.name.clone(),
    };
    Some((format!("{label} {asyncness}def {name}{sig}"), analysis::docstring(body)))
}

fn describe_def(db: &dyn Db, d: &Def) -> (String, Option<String>) {
    let parsed = pyx_semantics::queries::ast(db, d.file);
    let text = analysis::text(db, d.file);
    let slice = |r: TextRange| text.get(usize::from(r.start())..usize::from(r.end())).map(collapse_whitespace);
    match d.kind {
        OccKind::Class => {
            let Some(stmt) = def_stmt(&parsed.module, d) else {
                return (format!("(class) {}", d.name), None);
            };
            if let StmtKind::ClassDef { name, bases, keywords, body, .. } = &stmt.kind {
                let mut parts: Vec<String> = bases.iter().filter_map(|b| slice(b.range)).collect();
                parts.extend(keywords.iter().filter_map(|k| slice(k.range)));
                let bases = if parts.is_empty() { String::new() } else { format!("({})", parts.join(", ")) };
                return (format!("(class) class {name}{bases}"), analysis::docstring(body));
            }
            (format!("(class) {}", d.name), None)
        }
        OccKind::Param => {
            let text_of_param = param_text(db, d).unwrap_or_else(|| d.name.clone());
            (format!("(parameter) {text_of_param}"), None)
        }
        OccKind::Assign | OccKind::Annotated | OccKind::AugAssign => {
            let label = match analysis::index(db, d.file).and_then(|i| i.table.scopes.get(d.scope.0 as usize).map(|s| s.kind)) {
                Some(BlockKind::Class) => "(attribute)",
                _ if d.scope != ScopeId(0) && d.kind == OccKind::Assign && d.focus.start() > d.range.start() && text.get(usize::from(d.range.start())..).is_some_and(|t| t.starts_with("self.")) => "(attribute)",
                _ if is_constant(&d.name) => "(constant)",
                _ => "(variable)",
            };
            let stmt = def_stmt(&parsed.module, d);
            let shown = match stmt.map(|s| &s.kind) {
                Some(StmtKind::AnnAssign { annotation, value, .. }) => {
                    let ann = slice(annotation.range).unwrap_or_default();
                    match value.as_ref().and_then(|v| slice(v.range)).filter(|v| v.len() <= 80) {
                        Some(v) => format!("{}: {ann} = {v}", d.name),
                        None => format!("{}: {ann}", d.name),
                    }
                }
                Some(StmtKind::Assign { targets, value, .. })
                    if targets.len() == 1 && matches!(targets[0].kind, pyx_syntax::ast::ExprKind::Name { .. } | pyx_syntax::ast::ExprKind::Attribute { .. }) =>
                {
                    match slice(value.range).filter(|v| v.len() <= 80) {
                        Some(v) => format!("{} = {v}", d.name),
                        None => d.name.clone(),
                    }
                }
                _ => d.name.clone(),
            };
            (format!("{label} {shown}"), None)
        }
        OccKind::Import | OccKind::ImportAs => (format!("(import) {}", d.name), None),
        _ => (format!("(variable) {}", d.name), None),
    }
}

fn is_constant(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase()) && !name.chars().any(|c| c.is_lowercase())
}

/// A parameter as written: `scale: float = 1.0`.
fn param_text(db: &dyn Db, d: &Def) -> Option<String> {
    let parse = pyx_semantics::queries::parse(db, d.file).clone();
    let root = parse.syntax_node();
    let token = analysis::token_at(&root, d.focus.start())?;
    let param = token.parent_ancestors().find(|n| n.kind() == pyx_syntax::SyntaxKind::PARAM)?;
    Some(collapse_whitespace(&param.text().to_string()))
}

/// For a definition in typeshed's stubs: the docstring of the same
/// definition in the standard library's sources.
fn source_docstring(db: &dyn Db, d: &Def) -> Option<String> {
    let source = source_file_for(db, d.file)?;
    // The path of class names down to the definition.
    let index = analysis::index(db, d.file)?;
    let parents = analysis::parents(&index.table);
    let mut path = vec![d.name.clone()];
    let mut s = Some(d.scope);
    while let Some(id) = s {
        if id == ScopeId(0) {
            break;
        }
        let scope = index.table.scopes.get(id.0 as usize)?;
        path.push(scope.name.clone());
        s = parents.get(id.0 as usize).copied().flatten();
    }
    path.reverse();
    let parsed = pyx_semantics::queries::ast(db, source);
    let mut body: &[Stmt] = &parsed.module.body;
    let mut found_doc = None;
    for (i, name) in path.iter().enumerate() {
        let stmt = find_named(body, name)?;
        let inner = match &stmt.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => &f.body,
            StmtKind::ClassDef { body, .. } => body,
            _ => return None,
        };
        if i + 1 == path.len() {
            found_doc = analysis::docstring(inner);
        }
        body = inner;
    }
    found_doc
}

fn source_module_docstring(db: &dyn Db, stub: File) -> Option<String> {
    let source = source_file_for(db, stub)?;
    let parsed = pyx_semantics::queries::ast(db, source);
    analysis::docstring(&parsed.module.body)
}

/// The `.py` source of a typeshed stub of the standard library.
fn source_file_for(db: &dyn Db, stub: File) -> Option<File> {
    let settings = db.project().settings(db);
    let typeshed = settings.typeshed_stdlib.as_ref()?;
    let stdlib = settings.stdlib.as_ref()?;
    let rel = stub.path(db).strip_prefix(typeshed).ok()?;
    let rel = rel.with_extension("py");
    let mut candidate = stdlib.join(&rel);
    if !db.system().is_file(&candidate) && rel.file_stem().is_some_and(|s| s == "__init__") {
        // `os/__init__.pyi` describes `os.py`.
        candidate = stdlib.join(rel.parent()?).with_extension("py");
    }
    db.system().is_file(&candidate).then(|| db.file(&candidate))
}

fn find_named<'a>(body: &'a [Stmt], name: &str) -> Option<&'a Stmt> {
    for s in body {
        match &s.kind {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) if f.name == name => return Some(s),
            StmtKind::ClassDef { name: n, .. } if n == name => return Some(s),
            StmtKind::If { .. } | StmtKind::Try { .. } => {
                for b in analysis::child_bodies(s) {
                    if let Some(found) = find_named(b, name) {
                        return Some(found);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// A docstring as Markdown: paragraphs and line breaks kept, indented
/// blocks (examples, `>>>` sessions) as code, characters Markdown would
/// read as markup escaped.
pub fn doc_to_markdown(doc: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in doc.lines() {
        let is_code = line.starts_with("    ") || line.trim_start().starts_with(">>>");
        if is_code && !in_code {
            out.push_str("```\n");
            in_code = true;
        } else if !is_code && in_code && !line.trim().is_empty() {
            out.push_str("```\n");
            in_code = false;
        }
        if in_code {
            out.push_str(line);
            out.push('\n');
        } else if line.trim().is_empty() {
            out.push('\n');
        } else {
            let mut escaped = String::with_capacity(line.len());
            for c in line.chars() {
                if matches!(c, '\\' | '`' | '*' | '_' | '#' | '<' | '>' | '[' | ']' | '|') {
                    escaped.push('\\');
                }
                escaped.push(c);
            }
            out.push_str(&escaped);
            out.push('\n');
        }
    }
    if in_code {
        out.push_str("```\n");
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    fn check(text: &str) -> String {
        let f = fixture(text);
        match hover(&f.db, f.file, f.offset) {
            Some(h) => format!("[{}]\n{}", f.show_range(f.file, h.range), h.markdown),
            None => "(nothing)".into(),
        }
    }

    #[test]
    fn local_function_with_signature_and_docstring() {
        insta::assert_snapshot!(check(
            "def area(width: float,\n         height: float = 2.0, *, unit='m') -> float:\n    \"\"\"The area.\n\n    In square units.\n    \"\"\"\n    return width * height\n\nare$0a(1)\n"
        ), @r"
        [main.py:9:0: area]
        ```python
        (function) def area(width: float, height: float = 2.0, *, unit='m') -> float
        ```
        ---
        The area.

        In square units.
        ");
    }

    #[test]
    fn classes_methods_params_variables() {
        insta::assert_snapshot!(check("class Shape(Base):\n    \"\"\"A shape.\"\"\"\nShape$0\n"), @r"
        [main.py:3:0: Shape]
        ```python
        (class) class Shape(Base)
        ```
        ---
        A shape.
        ");
        insta::assert_snapshot!(check("class C:\n    def m(self, k: int = 3):\n        return k$0\n"), @r"
        [main.py:3:15: k]
        ```python
        (parameter) k: int = 3
        ```
        ");
        insta::assert_snapshot!(check("class C:\n    def m(self): ...\nC().m$0\n"), @r"
        [main.py:3:4: m]
        ```python
        (method) def m(self)
        ```
        ");
        insta::assert_snapshot!(check("LIMIT: int = 10\nLIM$0IT\n"), @r"
        [main.py:2:0: LIMIT]
        ```python
        (constant) LIMIT: int = 10
        ```
        ");
    }

    #[test]
    fn standard_library() {
        insta::assert_snapshot!(check("import os\nos.path.jo$0in\n"), @r"
            [main.py:2:8: join]
            ```python
            (function) def join(a: LiteralString, /, *paths: LiteralString) -> LiteralString
            (function) def join(a: StrPath, /, *paths: StrPath) -> str
            (function) def join(a: BytesPath, /, *paths: BytesPath) -> bytes
            ```
            ---
            Join two or more pathname components, inserting '/' as needed.
            If any component is an absolute path, all previous path components
            will be discarded.  An empty last part will result in a path that
            ends with a separator.
            ");
        insta::assert_snapshot!(check("import o$0s\n"), @r"
            [main.py:1:7: os]
            ```python
            (module) os
            ```
            ---
            OS routines for NT or Posix depending on what system we're on.

            This exports:
              - all functions from posix or nt, e.g. unlink, stat, etc.
              - os.path is either posixpath or ntpath
              - os.name is either 'posix' or 'nt'
              - os.curdir is a string representing the current directory (always '.')
              - os.pardir is a string representing the parent directory (always '..')
              - os.sep is the (or a most common) pathname separator ('/' or '\\\\')
              - os.extsep is the extension separator (always '.')
              - os.altsep is the alternate pathname separator (None or '/')
              - os.pathsep is the component separator used in $PATH etc
              - os.linesep is the line separator in text files ('\\r' or '\\n' or '\\r\\n')
              - os.defpath is the default search path for executables
              - os.devnull is the file path of the null device ('/dev/null', etc.)

            Programs that import and use 'os' stand a better chance of being
            portable between different platforms.  Of course, they must then
            only use functions that are defined by all platforms (e.g., unlink
            and opendir), and leave all pathname manipulation to os.path
            (e.g., split and join).
            ");
        insta::assert_snapshot!(check("le$0n\n"), @r"
            [main.py:1:0: len]
            ```python
            (function) def len(obj: Sized, /) -> int
            ```
            ");
    }
}
