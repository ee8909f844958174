//! Completion: names in scope (locals, enclosing functions, globals,
//! builtins) and keywords; members after `module.`, `Class.` and
//! `instance.` when the class is evident; modules after `import ` and
//! `from `; a module's names and submodules after `from m import `.
//!
//! The context is read from the text before the cursor, because the code
//! being typed rarely parses (`os.` is a syntax error).

use std::collections::BTreeMap;

use pyx_semantics::resolve::{resolve_relative, search_paths, ModuleKind};
use pyx_semantics::symtable::{BlockKind, OccKind, ScopeId};
use pyx_semantics::{Db, File};
use pyx_syntax::{SyntaxKind, TextSize};

use crate::analysis::{self, Def, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CompletionKind {
    Variable,
    Parameter,
    Constant,
    Function,
    Method,
    Field,
    Class,
    Module,
    Keyword,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// A function's signature, a class's bases.
    pub detail: Option<String>,
    /// Sorts locals before globals before builtins, and dunder and private
    /// names last.
    pub sort_text: String,
    /// What to describe when the editor asks for the item's documentation
    /// (`completionItem/resolve`).
    pub origin: Option<Origin>,
}

/// Where a completion item's documentation comes from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    /// The binding whose name starts at this offset of this file.
    Binding { path: std::path::PathBuf, offset: u32 },
    Builtin(String),
    Module(String),
}

fn origin_of(db: &dyn Db, d: &Def) -> Option<Origin> {
    Some(Origin::Binding { path: d.file.path(db).clone(), offset: u32::from(d.focus.start()) })
}

/// The documentation of a completion item: its hover text.
pub fn resolve_documentation(db: &dyn Db, origin: &Origin) -> Option<String> {
    let targets: Vec<analysis::Target> = match origin {
        Origin::Binding { path, offset } => {
            let file = db.file(path);
            let r = crate::features::goto_definition::name_at(db, file, TextSize::from(*offset))?;
            r.declared.into_iter().flat_map(|t| analysis::follow(db, t, 0)).collect()
        }
        Origin::Builtin(name) => analysis::builtin(db, name),
        Origin::Module(name) => analysis::module_target(db, name).into_iter().collect(),
    };
    crate::features::hover::describe(db, &targets)
}

const STATEMENT_KEYWORDS: &[&str] = &[
    "assert", "async", "break", "class", "continue", "def", "del", "for", "from", "global", "if", "import", "nonlocal",
    "pass", "raise", "return", "try", "while", "with", "elif", "else", "except", "finally", "match", "case",
];
const EXPRESSION_KEYWORDS: &[&str] =
    &["False", "None", "True", "and", "await", "if", "else", "in", "is", "lambda", "not", "or", "yield"];

/// The context of the cursor, read from the text before it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Context {
    /// Inside a comment or a string: nothing to offer.
    Nothing,
    /// `import a.b` / `from a.b` (the module being typed; the dotted
    /// prefix before the last dot).
    ModuleName { level: u32, parent: Option<String> },
    /// `from m import a, b` (names of `m`).
    ImportFrom { level: u32, module: Option<String> },
    /// `expr.` with `expr` a dotted chain of names and calls.
    Attribute { chain: Vec<Segment> },
    /// A name; `statement_start` when only whitespace precedes it on its
    /// line.
    Name { statement_start: bool },
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Segment {
    name: String,
    /// Followed by a call: `C().`.
    called: bool,
}

pub fn completion(db: &dyn Db, file: File, offset: TextSize) -> Vec<CompletionItem> {
    completion_triggered(db, file, offset, None)
}

/// Completion as asked by an editor: typing a space asks only after
/// `import` and `from m import` (elsewhere a space is just a space).
pub fn completion_triggered(db: &dyn Db, file: File, offset: TextSize, trigger: Option<&str>) -> Vec<CompletionItem> {
    let text = analysis::text(db, file);
    let offset = TextSize::from(u32::from(offset).min(text.len() as u32));
    let mut off = usize::from(offset);
    while off > 0 && !text.is_char_boundary(off) {
        off -= 1;
    }
    let ctx = context(db, file, &text, off);
    if trigger == Some(" ") && !matches!(ctx, Context::ModuleName { .. } | Context::ImportFrom { .. }) {
        return Vec::new();
    }
    let mut items = match ctx {
        Context::Nothing => Vec::new(),
        Context::ModuleName { level, parent } => module_names(db, file, level, parent.as_deref()),
        Context::ImportFrom { level, module } => import_from_names(db, file, level, module.as_deref()),
        Context::Attribute { chain } => attribute_items(db, file, offset, &chain),
        Context::Name { statement_start } => scope_items(db, file, offset, statement_start),
    };
    items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text).then_with(|| a.label.cmp(&b.label)));
    items.dedup_by(|a, b| a.label == b.label);
    items
}

fn context(db: &dyn Db, file: File, text: &str, off: usize) -> Context {
    // Comments and strings: the token the cursor is in.
    let parse = pyx_semantics::queries::parse(db, file).clone();
    let root = parse.syntax_node();
    let at = TextSize::from(off as u32).min(root.text_range().end());
    if let Some(t) = root.token_at_offset(at).left_biased() {
        let inside = t.text_range().start() < TextSize::from(off as u32);
        match t.kind() {
            SyntaxKind::COMMENT | SyntaxKind::TYPE_COMMENT | SyntaxKind::TYPE_IGNORE => return Context::Nothing,
            SyntaxKind::STRING | SyntaxKind::FSTRING_MIDDLE if inside => {
                // Right after the closing quote is outside the string.
                let closed = t.text().len() >= 2
                    && (t.text().ends_with('"') || t.text().ends_with('\''))
                    && t.text_range().end() == TextSize::from(off as u32)
                    && t.kind() == SyntaxKind::STRING;
                if !closed {
                    return Context::Nothing;
                }
            }
            _ => {}
        }
    }
    let before = &text[..off];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = &before[line_start..];
    let is_ident = |c: char| c == '_' || c.is_alphanumeric();
    let word_start = line.len() - line.chars().rev().take_while(|&c| is_ident(c)).map(char::len_utf8).sum::<usize>();
    let head = &line[..word_start];

    // The logical line so far: an open `from m import (` may span lines.
    let logical = logical_line(before);
    let trimmed = logical.trim_start();
    if let Some(rest) = trimmed.strip_prefix("from ").or_else(|| trimmed.strip_prefix("from\t")) {
        let rest = rest.trim_start();
        match rest.find(" import") {
            // `import` followed by whitespace: the names part.
            Some(i) if rest[i + " import".len()..].starts_with(char::is_whitespace) => {
                let module_text = rest[..i].trim();
                let (level, module) = split_level(module_text);
                return Context::ImportFrom { level, module };
            }
            _ => {
                if !rest.contains(char::is_whitespace) {
                    let (level, dotted) = split_level(rest);
                    let parent = dotted.and_then(|d| d.rsplit_once('.').map(|(p, _)| p.to_string()));
                    return Context::ModuleName { level, parent };
                }
                return Context::Nothing;
            }
        }
    }
    if let Some(rest) = trimmed.strip_prefix("import ") {
        // `import a.b, c.d` — the item being typed.
        let item = rest.rsplit(',').next().unwrap_or("").trim_start();
        if item.contains(" as") {
            return Context::Nothing;
        }
        let parent = item.rsplit_once('.').map(|(p, _)| p.to_string());
        return Context::ModuleName { level: 0, parent };
    }
    if let Some(dot_head) = head.strip_suffix('.') {
        if let Some(chain) = chain_before(dot_head) {
            return Context::Attribute { chain };
        }
        // A number (`1.`) or something not evident.
        return Context::Nothing;
    }
    Context::Name { statement_start: head.trim().is_empty() }
}

/// The text of the logical line the cursor is on, up to the cursor: lines
/// joined while a bracket is open or a line ends with a backslash.
fn logical_line(before: &str) -> String {
    let lines: Vec<&str> = before.split('\n').collect();
    // Scan the last lines forward, keeping the bracket depth at the start
    // of each: the logical line starts at the last line that begins at
    // depth 0 and does not follow a backslash.
    let first = lines.len().saturating_sub(50);
    let mut depth: i32 = 0;
    let mut start = first;
    let mut continued = false;
    for (i, line) in lines.iter().enumerate().skip(first) {
        if depth <= 0 && !continued {
            start = i;
            depth = 0;
        }
        for c in line.chars() {
            match c {
                '#' => break,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                _ => {}
            }
        }
        continued = line.trim_end().ends_with('\\');
    }
    lines[start..].join(" ")
}

fn split_level(text: &str) -> (u32, Option<String>) {
    let level = text.chars().take_while(|&c| c == '.').count();
    let module = text[level..].trim();
    (level as u32, (!module.is_empty()).then(|| module.to_string()))
}

/// `a.b().c` → segments; `None` when the text before the dot is not such
/// a chain.
fn chain_before(text: &str) -> Option<Vec<Segment>> {
    let mut segments = Vec::new();
    let mut rest = text;
    loop {
        let mut called = false;
        if rest.ends_with(')') {
            // Skip a balanced argument list.
            let mut depth = 0;
            let mut cut = None;
            for (i, c) in rest.char_indices().rev() {
                match c {
                    ')' => depth += 1,
                    '(' => {
                        depth -= 1;
                        if depth == 0 {
                            cut = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            rest = &rest[..cut?];
            called = true;
        }
        let start = rest.len() - rest.chars().rev().take_while(|&c| c == '_' || c.is_alphanumeric()).map(char::len_utf8).sum::<usize>();
        let name = &rest[start..];
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        segments.push(Segment { name: name.to_string(), called });
        rest = &rest[..start];
        match rest.strip_suffix('.') {
            Some(r) => rest = r,
            None => break,
        }
    }
    segments.reverse();
    Some(segments)
}

fn sort_text(group: u8, name: &str) -> String {
    let privacy = if name.starts_with("__") && name.ends_with("__") {
        2
    } else if name.starts_with('_') {
        1
    } else {
        0
    };
    format!("{privacy}{group}{}", name.to_lowercase())
}

fn kind_of_def(db: &dyn Db, d: &Def, in_class: bool) -> CompletionKind {
    match d.kind {
        OccKind::Def if in_class => CompletionKind::Method,
        OccKind::Def => CompletionKind::Function,
        OccKind::Class => CompletionKind::Class,
        OccKind::Param => CompletionKind::Parameter,
        OccKind::Import | OccKind::ImportAs => {
            match analysis::follow(db, analysis::Target::Def(d.clone()), 0).first() {
                Some(analysis::Target::Module { .. }) => CompletionKind::Module,
                Some(analysis::Target::Def(t)) if t.kind == OccKind::Class => CompletionKind::Class,
                Some(analysis::Target::Def(t)) if t.kind == OccKind::Def => CompletionKind::Function,
                _ => CompletionKind::Variable,
            }
        }
        _ if in_class => CompletionKind::Field,
        _ if is_constant(&d.name) => CompletionKind::Constant,
        _ => CompletionKind::Variable,
    }
}

fn is_constant(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase()) && !name.chars().any(|c| c.is_lowercase())
}

fn detail_of(db: &dyn Db, d: &Def) -> Option<String> {
    match d.kind {
        OccKind::Def => {
            let parsed = pyx_semantics::queries::ast(db, d.file);
            let stmt = analysis::stmt_containing(&parsed.module.body, d.range)?;
            let text = analysis::text(db, d.file);
            crate::features::document_symbols::signature_text(&text, stmt)
        }
        _ => None,
    }
}

fn scope_items(db: &dyn Db, file: File, offset: TextSize, statement_start: bool) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    let Some(index) = analysis::index(db, file) else { return keywords(statement_start) };
    let parents = analysis::parents(&index.table);
    let scope = analysis::scope_at(db, file, &index, offset);
    let mut seen: BTreeMap<String, ()> = BTreeMap::new();
    let mut chain = Vec::new();
    let mut s = Some(scope);
    while let Some(id) = s {
        chain.push(id);
        s = parents.get(id.0 as usize).copied().flatten();
    }
    for (depth, id) in chain.iter().enumerate() {
        let Some(sc) = index.table.scopes.get(id.0 as usize) else { continue };
        // Class bodies are not visible from the functions inside them.
        if sc.kind == BlockKind::Class && depth > 0 {
            continue;
        }
        if sc.kind == BlockKind::Annotation {
            continue;
        }
        let in_class = sc.kind == BlockKind::Class;
        let group = if *id == ScopeId(0) { 2 } else { 1 };
        for o in index.occurrences.iter().filter(|o| o.scope == *id && analysis::is_binding(o.kind)) {
            if seen.contains_key(o.name.as_str()) || o.name.starts_with('.') {
                continue;
            }
            seen.insert(o.name.to_string(), ());
            let def = analysis::make_def(db, file, &index, o);
            out.push(CompletionItem {
                label: o.name.to_string(),
                kind: kind_of_def(db, &def, in_class),
                detail: detail_of(db, &def),
                sort_text: sort_text(group, &o.name),
                origin: origin_of(db, &def),
            });
        }
    }
    // Builtins, with their kinds from the `builtins` stub when there is one.
    let builtin_kinds = builtin_kinds(db);
    for name in pyx_semantics::lint::builtins::BUILTINS {
        if seen.contains_key(*name) {
            continue;
        }
        let kind = builtin_kinds.get(*name).copied().unwrap_or(if name.starts_with(char::is_uppercase) {
            CompletionKind::Class
        } else {
            CompletionKind::Function
        });
        out.push(CompletionItem {
            label: name.to_string(),
            kind,
            detail: None,
            sort_text: sort_text(3, name),
            origin: Some(Origin::Builtin(name.to_string())),
        });
    }
    out.extend(keywords(statement_start));
    out
}

fn builtin_kinds(db: &dyn Db) -> BTreeMap<String, CompletionKind> {
    let mut out = BTreeMap::new();
    let Some(file) = pyx_semantics::resolve::resolve_module_by_name(db, "builtins").and_then(|m| m.file) else {
        return out;
    };
    let Some(index) = analysis::index(db, file) else { return out };
    for o in index.occurrences.iter().filter(|o| o.scope == ScopeId(0) && analysis::is_binding(o.kind)) {
        let kind = match o.kind {
            OccKind::Class => CompletionKind::Class,
            OccKind::Def => CompletionKind::Function,
            _ => CompletionKind::Variable,
        };
        out.entry(o.name.to_string()).or_insert(kind);
    }
    out
}

fn keywords(statement_start: bool) -> Vec<CompletionItem> {
    let mut out: Vec<CompletionItem> = EXPRESSION_KEYWORDS
        .iter()
        .map(|k| CompletionItem { label: k.to_string(), kind: CompletionKind::Keyword, detail: None, sort_text: sort_text(4, k), origin: None })
        .collect();
    if statement_start {
        out.extend(STATEMENT_KEYWORDS.iter().map(|k| CompletionItem {
            label: k.to_string(),
            kind: CompletionKind::Keyword,
            detail: None,
            sort_text: sort_text(4, k),
            origin: None,
        }));
    }
    out
}

/// The values a chain evaluates to, read at `offset`.
fn eval_chain(db: &dyn Db, file: File, offset: TextSize, chain: &[Segment]) -> Vec<Value> {
    let Some(index) = analysis::index(db, file) else { return Vec::new() };
    let scope = analysis::scope_at(db, file, &index, offset);
    let Some(first) = chain.first() else { return Vec::new() };
    let mut values: Vec<Value> = analysis::resolve_name(db, file, scope, &first.name)
        .into_iter()
        .flat_map(|t| analysis::follow(db, t, 0))
        .map(|t| analysis::value_of(db, t, 0))
        .collect();
    if first.called {
        values = called(values);
    }
    for seg in &chain[1..] {
        values = values
            .iter()
            .flat_map(|v| analysis::attribute(db, v, &seg.name, 0))
            .map(|t| analysis::value_of(db, t, 0))
            .collect();
        if seg.called {
            values = called(values);
        }
    }
    values
}

fn called(values: Vec<Value>) -> Vec<Value> {
    values
        .into_iter()
        .filter_map(|v| match v {
            Value::Class(c) => Some(Value::Instance(c)),
            _ => None,
        })
        .collect()
}

fn attribute_items(db: &dyn Db, file: File, offset: TextSize, chain: &[Segment]) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    for v in eval_chain(db, file, offset, chain) {
        match &v {
            Value::Module { name, file: module_file } => {
                if let Some(f) = module_file {
                    out.extend(module_members(db, *f));
                }
                out.extend(submodules(db, name));
            }
            Value::Class(c) | Value::Instance(c) => {
                for (name, d) in analysis::class_members(db, c, 0) {
                    out.push(CompletionItem {
                        kind: kind_of_def(db, &d, true),
                        detail: detail_of(db, &d),
                        sort_text: sort_text(1, &name),
                        origin: origin_of(db, &d),
                        label: name,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The public names of a module: in a stub, imports count only when
/// re-exported (`import a as a`, `from m import x as x`); names from its
/// star imports included.
pub fn module_members(db: &dyn Db, module: File) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    let mut seen = BTreeMap::new();
    collect_members(db, module, &mut out, &mut seen, 0);
    out
}

fn collect_members(db: &dyn Db, module: File, out: &mut Vec<CompletionItem>, seen: &mut BTreeMap<String, ()>, depth: usize) {
    if depth > 8 {
        return;
    }
    let Some(index) = analysis::index(db, module) else { return };
    let is_stub = module.path(db).extension().is_some_and(|e| e == "pyi");
    let text = analysis::text(db, module);
    for o in index.occurrences.iter().filter(|o| o.scope == ScopeId(0) && analysis::is_binding(o.kind)) {
        if seen.contains_key(o.name.as_str()) {
            continue;
        }
        if is_stub {
            let reexported = match o.kind {
                OccKind::Import => false,
                // `import a as a` / `from m import x as x`.
                OccKind::ImportAs => text
                    .get(usize::from(o.range.start())..usize::from(o.range.end()))
                    .is_some_and(|t| t.split(" as ").next().map(str::trim).is_some_and(|n| n.rsplit('.').next() == Some(o.name.as_str()))),
                _ => true,
            };
            if !reexported || (o.name.starts_with('_') && !o.name.starts_with("__")) {
                continue;
            }
        }
        seen.insert(o.name.to_string(), ());
        let def = analysis::make_def(db, module, &index, o);
        out.push(CompletionItem {
            label: o.name.to_string(),
            kind: kind_of_def(db, &def, false),
            detail: detail_of(db, &def),
            sort_text: sort_text(1, &o.name),
            origin: origin_of(db, &def),
        });
    }
    for source in analysis::star_sources(db, module) {
        if source != module {
            collect_members(db, source, out, seen, depth + 1);
        }
    }
}

/// The submodules of a package (from its directories).
fn submodules(db: &dyn Db, package: &str) -> Vec<CompletionItem> {
    let Some(m) = pyx_semantics::resolve::resolve_module_by_name(db, package) else { return Vec::new() };
    if m.kind == ModuleKind::Module || m.kind == ModuleKind::Compiled {
        return Vec::new();
    }
    let mut out = Vec::new();
    for loc in m.submodule_search_locations.iter() {
        out.extend(modules_in_dir(db, &loc.dir, Some(package)));
    }
    out
}

fn modules_in_dir(db: &dyn Db, dir: &std::path::Path, package: Option<&str>) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    let Ok(entries) = db.system().read_dir(dir) else { return out };
    for p in entries {
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else { continue };
        let stem = if db.system().is_dir(&p) {
            name.strip_suffix("-stubs").unwrap_or(name)
        } else if let Some(s) = name.strip_suffix(".pyi").or_else(|| name.strip_suffix(".py")) {
            s
        } else {
            continue;
        };
        if stem == "__init__" || stem == "__pycache__" || !pyx_semantics::resolve::is_identifier(stem) {
            continue;
        }
        out.push(CompletionItem {
            label: stem.to_string(),
            kind: CompletionKind::Module,
            detail: None,
            sort_text: sort_text(2, stem),
            origin: Some(Origin::Module(match package {
                Some(p) => format!("{p}.{stem}"),
                None => stem.to_string(),
            })),
        });
    }
    out
}

fn module_names(db: &dyn Db, file: File, level: u32, parent: Option<&str>) -> Vec<CompletionItem> {
    if level > 0 || parent.is_some() {
        let absolute = match resolve_relative(db, file, level, parent) {
            Ok(a) => a,
            Err(_) => return Vec::new(),
        };
        return submodules(db, &absolute);
    }
    let mut out = Vec::new();
    for sp in search_paths(db).iter() {
        out.extend(modules_in_dir(db, &sp.root, None));
    }
    for b in &db.project().settings(db).builtin_modules {
        out.push(CompletionItem {
            label: b.clone(),
            kind: CompletionKind::Module,
            detail: None,
            sort_text: sort_text(2, b),
            origin: Some(Origin::Module(b.clone())),
        });
    }
    out
}

fn import_from_names(db: &dyn Db, file: File, level: u32, module: Option<&str>) -> Vec<CompletionItem> {
    let Ok(absolute) = resolve_relative(db, file, level, module) else { return Vec::new() };
    let mut out = Vec::new();
    if let Some(m) = pyx_semantics::resolve::resolve_module_by_name(db, &absolute) {
        if let Some(f) = m.file {
            out.extend(module_members(db, f));
        }
    }
    out.extend(submodules(db, &absolute));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    /// Labels with kinds, the first `limit`, and whether each of `must` is
    /// among them all.
    fn check(text: &str, limit: usize, must: &[&str]) -> String {
        let f = fixture(text);
        let items = completion(&f.db, f.file, f.offset);
        let mut out: Vec<String> = items
            .iter()
            .take(limit)
            .map(|i| match &i.detail {
                Some(d) => format!("{:?} {} {d}", i.kind, i.label),
                None => format!("{:?} {}", i.kind, i.label),
            })
            .collect();
        for m in must {
            let found = items.iter().any(|i| i.label == *m);
            out.push(format!("has {m}: {found}"));
        }
        out.join("\n")
    }

    #[test]
    fn names_in_scope() {
        insta::assert_snapshot!(check(
            "import os\nLIMIT = 3\nclass Shape: ...\ndef outer(a, b=2):\n    local = 1\n    def inner(): ...\n    $0\n",
            7,
            &["os", "print", "ValueError", "return", "while", "lambda"]
        ), @r"
            Parameter a
            Parameter b
            Function inner ()
            Variable local
            Constant LIMIT
            Module os
            Function outer (a, b=2)
            has os: true
            has print: true
            has ValueError: true
            has return: true
            has while: true
            has lambda: true
            ");
        insta::assert_snapshot!(check("x = 1\ny = x + $0\n", 0, &["x", "len", "lambda", "return"]), @r"
            has x: true
            has len: true
            has lambda: true
            has return: false
            ");
    }

    #[test]
    fn nothing_in_comments_and_strings() {
        insta::assert_snapshot!(check("x = 1  # a comment $0\n", 3, &[]), @"");
        insta::assert_snapshot!(check("x = 'in a str$0ing'\n", 3, &[]), @"");
    }

    #[test]
    fn module_members_after_a_dot() {
        insta::assert_snapshot!(check("import os\nos.path.$0\n", 0, &["join", "exists", "splitext", "sys"]), @r"
            has join: true
            has exists: true
            has splitext: true
            has sys: false
            ");
        insta::assert_snapshot!(check("//- main.py\nimport helper\nhelper.$0\n//- helper.py\nimport sys\ndef greet(name: str) -> str: ...\nVALUE = 1\n", 5, &[]), @r"
            Function greet (name: str) -> str
            Module sys
            Constant VALUE
            ");
        insta::assert_snapshot!(check("import os\nos.$0\n", 0, &["path", "getcwd", "environ", "sys", "_exit"]), @r"
            has path: true
            has getcwd: true
            has environ: true
            has sys: false
            has _exit: false
            ");
    }

    #[test]
    fn members_of_evident_instances() {
        insta::assert_snapshot!(check(
            "class Base:\n    def base_method(self): ...\nclass C(Base):\n    attr = 1\n    def __init__(self):\n        self.value = 2\n    def method(self, k):\n        self.$0\n",
            10,
            &[]
        ), @r"
            Field attr
            Method base_method (self)
            Method method (self, k)
            Field value
            Method __init__ (self)
            ");
        insta::assert_snapshot!(check("class C:\n    def m(self) -> int: ...\nC().$0\n", 5, &[]), @"Method m (self) -> int");
    }

    #[test]
    fn documentation_on_resolve() {
        let f = fixture("//- main.py\nimport helper\nhelper.$0\n//- helper.py\ndef greet(name: str) -> str:\n    \"\"\"Say hi.\"\"\"\n");
        let items = completion(&f.db, f.file, f.offset);
        let greet = items.iter().find(|i| i.label == "greet").and_then(|i| i.origin.clone());
        let doc = greet.and_then(|o| resolve_documentation(&f.db, &o)).unwrap_or_default();
        insta::assert_snapshot!(doc, @r"
            ```python
            (function) def greet(name: str) -> str
            ```
            ---
            Say hi.
            ");
        let doc = resolve_documentation(&f.db, &Origin::Builtin("len".into())).unwrap_or_default();
        insta::assert_snapshot!(doc, @r"
            ```python
            (function) def len(obj: Sized, /) -> int
            ```
            ");
    }

    #[test]
    fn imports() {
        insta::assert_snapshot!(check("from os.path import $0\n", 0, &["join", "exists", "sys"]), @r"
            has join: true
            has exists: true
            has sys: false
            ");
        insta::assert_snapshot!(check("import o$0\n", 0, &["os", "json", "sys", "collections"]), @r"
            has os: true
            has json: true
            has sys: true
            has collections: true
            ");
        insta::assert_snapshot!(check("import collections.$0\n", 0, &["abc", "os"]), @r"
            has abc: true
            has os: false
            ");
        insta::assert_snapshot!(check("//- pkg/__init__.py\n//- pkg/a.py\nfrom . import $0\n//- pkg/b.py\nX = 1\n", 0, &["a", "b"]), @r"
            has a: true
            has b: true
            ");
        insta::assert_snapshot!(check("from json import (\n    dumps,\n    lo$0\n", 0, &["loads", "load", "dumps"]), @r"
            has loads: true
            has load: true
            has dumps: true
            ");
    }
}
