//! Semantic tokens: every name the symbol tables know, classified by what
//! it is bound to — module, class, function, method, parameter, variable,
//! builtin — with `declaration` where it is bound, `readonly` for
//! constants (ALL_CAPS) and `defaultLibrary` for builtins; names heading a
//! decorator are `decorator`.

use std::collections::HashMap;

use pyx_semantics::symtable::{BlockKind, OccKind, ScopeId};
use pyx_semantics::{Db, File};
use pyx_syntax::TextRange;

use crate::analysis::{self, Target};

/// The legend's order (the protocol sends indices).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenType {
    Namespace = 0,
    Class = 1,
    Function = 2,
    Method = 3,
    Parameter = 4,
    Variable = 5,
    Property = 6,
    Decorator = 7,
}

pub const TOKEN_TYPES: &[&str] = &["namespace", "class", "function", "method", "parameter", "variable", "property", "decorator"];
pub const TOKEN_MODIFIERS: &[&str] = &["declaration", "readonly", "defaultLibrary"];
pub const DECLARATION: u32 = 1;
pub const READONLY: u32 = 2;
pub const DEFAULT_LIBRARY: u32 = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: TextRange,
    pub ty: TokenType,
    pub modifiers: u32,
}

fn is_constant(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase()) && !name.chars().any(|c| c.is_lowercase())
}

/// Tokens in source order; only those inside `range` when one is given.
pub fn semantic_tokens(db: &dyn Db, file: File, range: Option<TextRange>) -> Vec<Token> {
    let Some(index) = analysis::index(db, file) else { return Vec::new() };
    let parents = analysis::parents(&index.table);
    let parsed = pyx_semantics::queries::ast(db, file);
    let text = analysis::text(db, file);
    // The first binding of each name in each scope decides its kind.
    let mut first: HashMap<(ScopeId, &str), usize> = HashMap::new();
    for (i, o) in index.occurrences.iter().enumerate() {
        if analysis::is_binding(o.kind) {
            first.entry((o.scope, o.name.as_str())).or_insert(i);
        }
    }
    let mut decorators: Vec<TextRange> = Vec::new();
    analysis::walk_all_stmts(&parsed.module.body, &mut |s| match &s.kind {
        pyx_syntax::ast::StmtKind::FunctionDef(f) | pyx_syntax::ast::StmtKind::AsyncFunctionDef(f) => {
            decorators.extend(f.decorator_list.iter().map(|d| d.range))
        }
        pyx_syntax::ast::StmtKind::ClassDef { decorator_list, .. } => decorators.extend(decorator_list.iter().map(|d| d.range)),
        _ => {}
    });
    let builtins = builtin_kinds(db);
    let mut import_kinds: HashMap<usize, TokenType> = HashMap::new();
    let mut out = Vec::new();
    for (i, o) in index.occurrences.iter().enumerate() {
        if matches!(o.kind, OccKind::Implicit | OccKind::StringAnnotationUse) {
            continue;
        }
        if let Some(r) = range {
            if !r.contains_range(o.range) && !o.range.contains_range(r) && r.intersect(o.range).is_none() {
                continue;
            }
        }
        let class = index.table.scopes.get(o.scope.0 as usize).filter(|s| s.kind == BlockKind::Class).map(|s| s.name.clone());
        let focus = analysis::focus_range(&text, o, class.as_deref());
        if let Some(r) = range {
            if r.intersect(focus).is_none() {
                continue;
            }
        }
        let binding = analysis::is_binding(o.kind);
        let target_scope = analysis::binding_scope(&index.table, &parents, o.scope, &o.name);
        let def_index = if binding { Some(i) } else { first.get(&(target_scope, o.name.as_str())).copied() };
        let mut modifiers = if binding { DECLARATION } else { 0 };
        let ty = match def_index {
            Some(d) => {
                let def = &index.occurrences[d];
                let in_class = index.table.scopes.get(def.scope.0 as usize).is_some_and(|s| s.kind == BlockKind::Class);
                match def.kind {
                    OccKind::Def if in_class => TokenType::Method,
                    OccKind::Def => TokenType::Function,
                    OccKind::Class => TokenType::Class,
                    OccKind::Param => TokenType::Parameter,
                    OccKind::Import | OccKind::ImportAs => *import_kinds.entry(d).or_insert_with(|| {
                        let def = analysis::make_def(db, file, &index, def);
                        match analysis::follow(db, Target::Def(def), 0).first() {
                            Some(Target::Module { .. }) => TokenType::Namespace,
                            Some(Target::Def(t)) if t.kind == OccKind::Class => TokenType::Class,
                            Some(Target::Def(t)) if t.kind == OccKind::Def => TokenType::Function,
                            _ => TokenType::Variable,
                        }
                    }),
                    _ if in_class => TokenType::Property,
                    _ => TokenType::Variable,
                }
            }
            None if target_scope == ScopeId(0) => match builtins.get(o.name.as_str()) {
                Some(t) => {
                    modifiers |= DEFAULT_LIBRARY;
                    *t
                }
                None => continue,
            },
            None => TokenType::Variable,
        };
        if is_constant(&o.name) && matches!(ty, TokenType::Variable | TokenType::Property) {
            modifiers |= READONLY;
        }
        let ty = if !binding && decorators.iter().any(|d| d.start() == o.range.start()) { TokenType::Decorator } else { ty };
        out.push(Token { range: focus, ty, modifiers });
    }
    out.extend(attribute_tokens(db, file, range));
    out.sort_by_key(|t| t.range.start());
    out.dedup_by_key(|t| t.range.start());
    out
}

/// The names after a dot: what they resolve to (a module's function, a
/// method of an evident instance, a submodule), else `property`. Resolving
/// stops after a time budget on very large files; the rest are
/// `property`, which is what they most often are.
fn attribute_tokens(db: &dyn Db, file: File, range: Option<TextRange>) -> Vec<Token> {
    use pyx_syntax::cst::CstNode;
    let parse = pyx_semantics::queries::parse(db, file).clone();
    let start = std::time::Instant::now();
    let budget = std::time::Duration::from_millis(150);
    let mut out = Vec::new();
    for node in parse.syntax_node().descendants().filter(|n| n.kind() == pyx_syntax::SyntaxKind::ATTRIBUTE_EXPR) {
        let Some(name) = pyx_syntax::cst::AttributeExpr::cast(node).and_then(|a| a.name()) else { continue };
        let r = name.text_range();
        if range.is_some_and(|q| q.intersect(r).is_none()) {
            continue;
        }
        let mut ty = TokenType::Property;
        let mut modifiers = 0;
        if start.elapsed() < budget {
            let declared = crate::features::goto_definition::name_at(db, file, r.start()).map(|n| n.declared).unwrap_or_default();
            let target = declared.into_iter().flat_map(|t| analysis::follow(db, t, 0)).next();
            match target {
                Some(Target::Module { .. }) => ty = TokenType::Namespace,
                Some(Target::Def(d)) => {
                    let in_class = analysis::index(db, d.file)
                        .is_some_and(|i| i.table.scopes.get(d.scope.0 as usize).is_some_and(|s| s.kind == BlockKind::Class));
                    ty = match d.kind {
                        OccKind::Class => TokenType::Class,
                        OccKind::Def if in_class => TokenType::Method,
                        OccKind::Def => TokenType::Function,
                        _ => TokenType::Property,
                    };
                    if !crate::features::references::is_workspace_file(db, d.file) {
                        modifiers |= DEFAULT_LIBRARY;
                    }
                }
                _ => {}
            }
        }
        out.push(Token { range: r, ty, modifiers });
    }
    out
}

fn builtin_kinds(db: &dyn Db) -> HashMap<&'static str, TokenType> {
    let mut out = HashMap::new();
    for name in pyx_semantics::lint::builtins::BUILTINS {
        let ty = if name.starts_with(char::is_uppercase)
            || matches!(*name, "int" | "str" | "float" | "bool" | "bytes" | "list" | "dict" | "set" | "tuple" | "object" | "type" | "frozenset" | "bytearray" | "complex" | "range" | "slice" | "property" | "staticmethod" | "classmethod" | "super" | "memoryview" | "enumerate" | "zip" | "map" | "filter" | "reversed")
        {
            TokenType::Class
        } else {
            TokenType::Function
        };
        out.insert(*name, ty);
    }
    let _ = db;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture;

    #[test]
    fn classified() {
        let f = fixture("import os\nfrom os.path import join\nMAX = 1\n\n@staticmethod\ndef f(a, b=MAX):\n    c = a + len(b)\n    return join(os.sep, c)\n\nclass C:\n    x = 1\n    def m(self): return self\nos.path.join(C().m, C.x)\n");
        let text = f.text();
        let out: Vec<String> = semantic_tokens(&f.db, f.file, None)
            .iter()
            .map(|t| {
                let mut mods = Vec::new();
                for (bit, name) in [(DECLARATION, "declaration"), (READONLY, "readonly"), (DEFAULT_LIBRARY, "defaultLibrary")] {
                    if t.modifiers & bit != 0 {
                        mods.push(name);
                    }
                }
                format!("{} {:?} {}", &text[usize::from(t.range.start())..usize::from(t.range.end())], t.ty, mods.join(","))
            })
            .collect();
        insta::assert_snapshot!(out.join("\n"), @r"
            os Namespace declaration
            join Function declaration
            MAX Variable declaration,readonly
            staticmethod Decorator defaultLibrary
            f Function declaration
            a Parameter declaration
            b Parameter declaration
            MAX Variable readonly
            c Variable declaration
            a Parameter 
            len Function defaultLibrary
            b Parameter 
            join Function 
            os Namespace 
            sep Property defaultLibrary
            c Variable 
            C Class declaration
            x Property declaration
            m Method declaration
            self Parameter declaration
            self Parameter 
            os Namespace 
            path Namespace 
            join Function defaultLibrary
            C Class 
            m Method 
            C Class 
            x Property
            ");
    }
}
